//! Results → output, in two steps. Each command builds its [`Content`] once: a neutral model of
//! sheets (titled tables of typed cells), lines around them, the machine-readable document and the
//! records a CSV holds. One file per [`Format`] under [`format`] renders any content to any
//! `impl Write`. Words come from [`crate::labels`]; machine output is always English.

pub mod atomic;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod flat;
pub mod format;
pub mod headline;
pub mod indicators;
pub mod problems;
pub mod projects;
pub mod rank;
pub mod results;
pub mod summary;
pub mod template;
pub mod trend;
pub mod write;

use std::io::Write;

use serde_json::{Map, Value};

pub use format::{Format, Parts, Style, render};

use crate::Lang;
use crate::catalog::{Catalog, Indicator};
use crate::evaluate::{Basis, Evaluation, Status, Verdict};
use crate::labels::{self, Word, num, percent, two, word};
use crate::problem::Problem;

/// What a command has to say, before any format is chosen. It may borrow what the command evaluated
/// (`'a`): a large document is written from the verdicts as it is rendered, never held whole.
#[derive(Debug, Default)]
pub struct Content<'a> {
    /// Lines above the tables: what was evaluated, from which files, against which catalogue.
    pub heading: Vec<String>,
    pub sheets: Vec<Sheet>,
    /// Lines below the tables.
    pub notes: Vec<String>,
    /// The machine-readable document (`--format json`): stable English field names. Written to the
    /// output as it is rendered: neither a `Value` tree (20 times the memory of the text) nor the
    /// text of 80,000 results (three times the input) is ever held (BENCHMARKS.md).
    pub document: Option<Box<dyn Document + 'a>>,
    /// One object per CSV row; nested objects are flattened into `parent_child` columns.
    pub records: Vec<Map<String, Value>>,
    /// The records of a large content (`eval`'s results), written one at a time as the CSV is
    /// rendered, before those held in `records`: each has fields of `record_shape` only.
    pub record_stream: Option<Box<dyn Records + 'a>>,
    /// A record with every optional object filled in: its flattened fields are the CSV's columns
    /// whatever the data holds (no rows, or no `progress` in any of them).
    pub record_shape: Map<String, Value>,
    /// Problems to annotate (`--format github`), for content that is a problem list, and how many
    /// more were left out.
    pub problems: Option<Vec<Problem>>,
    pub problems_not_shown: usize,
    /// The language of the words a format writes itself (the messages of GitHub annotations).
    pub lang: Lang,
}

/// One table: a title, typed columns, rows of typed cells and the notes that explain them.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// A short name, for a workbook's tab.
    pub name: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    /// The unit every number of the column is in, shown in its header.
    pub unit: Option<String>,
    pub align: Align,
    /// Long text that a narrow terminal may wrap; other columns keep their width.
    pub wrap: bool,
    /// Repeated in every band when a terminal is too narrow for all columns (a row's name).
    pub key: bool,
}

impl Column {
    pub fn text(label: impl Into<String>) -> Column {
        Column { label: label.into(), unit: None, align: Align::Left, wrap: false, key: false }
    }

    pub fn number(label: impl Into<String>) -> Column {
        Column { align: Align::Right, ..Column::text(label) }
    }

    pub fn wrapping(label: impl Into<String>) -> Column {
        Column { wrap: true, ..Column::text(label) }
    }

    pub fn key(mut self) -> Column {
        self.key = true;
        self
    }

    pub fn centered(mut self) -> Column {
        self.align = Align::Center;
        self
    }

    pub fn unit(mut self, unit: impl Into<String>) -> Column {
        self.unit = Some(unit.into());
        self
    }

    /// The header as printed: the label, and the unit in brackets.
    pub fn header(&self) -> String {
        match &self.unit {
            Some(u) => format!("{}({u})", self.label),
            None => self.label.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// One cell, typed so that a workbook stores numbers as numbers and colours statuses.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing to show (a domain printed on its group's first row only).
    Empty,
    /// No value: a dash in text, a blank cell in a workbook.
    Missing,
    Text(String),
    /// A value; text shows at most two decimals.
    Number(f64),
    /// A share (0.72 = 72%).
    Percent(f64),
    /// A verdict, shown as `text` (a label or a symbol) and coloured by its status. The words are
    /// labels.rs's own: a matrix of thousands of areas allocates none of them.
    Status {
        status: Status,
        text: std::borrow::Cow<'static, str>,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn count(n: usize) -> Cell {
        Cell::Number(n as f64)
    }

    pub fn opt(n: Option<f64>) -> Cell {
        n.map_or(Cell::Missing, Cell::Number)
    }

    /// The cell as text.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Missing => "—".into(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => two(*n),
            Cell::Percent(p) => percent(*p),
            Cell::Status { text, .. } => text.to_string(),
        }
    }
}

/// Everything a builder of evaluation content needs.
pub struct EvalView<'a> {
    pub catalog: &'a Catalog,
    pub evaluation: &'a Evaluation,
    pub files: &'a [String],
    pub lang: Lang,
    /// One area's view (`--county`): its applicable indicators only.
    pub area: Option<&'a str>,
}

impl<'a> EvalView<'a> {
    /// The verdicts the report is about: the official, city-level ones, or one area's applicable ones.
    pub fn headline(&self) -> Vec<&'a Verdict> {
        match self.area {
            Some(area) => self.evaluation.of_area(area).filter(|v| v.status != Status::NotApplicable).collect(),
            None => self.evaluation.official().collect(),
        }
    }
}

/// Rows grouped as the plan prints its tables: a domain (or chapter) named on its group's first row
/// only, and the parts of a shared row (4a–4d) each by its own name under one heading row with the
/// row's 序号 and name, instead of the whole name repeated four times.
#[derive(Debug, Default)]
pub struct Grouping {
    domain: Option<String>,
    shared: Option<u32>,
}

/// The name a row shows, and the heading (序号, the row's name) to print before it, if any.
pub struct SharedName {
    pub heading: Option<(String, String)>,
    pub name: String,
}

impl Grouping {
    /// The domain to show on this indicator's row (none when it continues the group) and its name.
    pub fn next(&mut self, ind: &Indicator) -> (Option<String>, SharedName) {
        let domain = (self.domain.as_deref() != Some(ind.domain.as_str())).then(|| ind.domain.clone());
        self.domain = Some(ind.domain.clone());
        let shared = match (&ind.part, ind.no) {
            (Some(part), Some(no)) => {
                let heading = (self.shared != Some(no)).then(|| (no.to_string(), ind.name.clone()));
                self.shared = Some(no);
                SharedName { heading, name: part.clone() }
            }
            _ => {
                self.shared = None;
                SharedName { heading: None, name: ind.display_name() }
            }
        };
        (domain, shared)
    }
}

/// Why a verdict is what it is, with where its value came from and who set its target.
pub fn reason_cell(v: &Verdict, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Basis::Aggregated { areas } = v.basis {
        parts.push(labels::aggregated_from(areas, lang));
    }
    if let Some(r) = &v.reason {
        parts.push(labels::reason(r, lang));
    }
    if let Some(src) = &v.target.source {
        parts.push(labels::assigned_by(src, v.target.for_area, lang));
    }
    parts.join(word(Word::Separator, lang))
}

/// The note of a verdict's row in a table: [`reason_cell`], then for a cumulative row the plan's own figure
/// for the previous period ([`cumulative_note`]), which its baseline cell of 0 replaces.
pub fn note_text(ind: &Indicator, v: &Verdict, lang: Lang) -> String {
    let reason = reason_cell(v, lang);
    match cumulative_note(ind, v, lang) {
        None => reason,
        Some(note) if reason.is_empty() => note,
        Some(note) => format!("{reason}{}{note}", word(Word::Separator, lang)),
    }
}

/// A status in the plan's own words where the catalogue gives them (`[status_labels]`).
pub fn status_cell(catalog: &Catalog, s: Status, lang: Lang) -> Cell {
    Cell::Status { status: s, text: labels::status_word(catalog, s, lang) }
}

/// The baseline as the plan writes it for the city row, or this area's own base-year value; the plan's
/// words where it gives no number.
///
/// A cumulative indicator (a reduction since the base year) is measured from 0: its cell says so, with
/// the first year it counts (`0（2021年起累计）`), so that the table, the completion and the chart share one
/// baseline; the plan's figure for the previous period goes to the note ([`cumulative_note`]).
pub fn baseline_cell(ind: &Indicator, v: &Verdict, lang: Lang) -> Cell {
    if ind.cumulative {
        // A cumulative verdict's series starts at the base year, at 0 (evaluate's `series`).
        return Cell::text(labels::cumulative_baseline(v.series.first().map(|p| p.year + 1), lang));
    }
    match (&ind.baseline_text, v.baseline) {
        // A re-based baseline is shown beside the printed one: 81.2（原76.7）.
        (_, Some(b)) if v.printed_baseline.is_some() => Cell::text(labels::rebased_cell(b, v.printed_baseline, lang)),
        (Some(text), Some(b)) if ind.baseline == Some(b) => Cell::text(text),
        (_, Some(b)) => Cell::Number(b),
        (Some(text), None) if v.official => Cell::text(text),
        (_, None) => Cell::text("/"),
    }
}

/// The plan's own base-year figure of a cumulative indicator, which is the previous period's total and
/// not this period's baseline: `规划现状值（2020年）：2020年较2015年下降25.81%（上一规划期累计，本期自0起算）`.
/// Quoted as the plan writes it; `None` where the plan gives none or the indicator is not cumulative.
pub fn cumulative_note(ind: &Indicator, v: &Verdict, lang: Lang) -> Option<String> {
    if !ind.cumulative || !v.official {
        return None;
    }
    let printed = ind.baseline_text.clone().or_else(|| ind.baseline.map(num))?;
    let base_year = v.series.first().map(|p| p.year)?;
    Some(labels::previous_period_note(base_year, &printed, lang))
}

/// Whether a table shows the projection column: not at the final stage, where the value the line would
/// project to is itself measured (issue 21: no projection at the final stage). The JSON keeps its
/// `progress.projection` field, and the flat CSV its `progress_projection_*` columns, for machines.
pub fn shows_projection(e: &Evaluation) -> bool {
    e.stage != crate::evaluate::Stage::Final
}

/// The projection to the target year in words, with a miss in percentage points for a percentage; none
/// (`—`) once the evaluation year has reached the year projected to, where the value itself is measured
/// (issue 21: no "预计2025年95.54" beside the 2025 value).
pub fn projection_cell(ind: &Indicator, v: &Verdict, year: i32, lang: Lang) -> String {
    match v.progress.as_deref() {
        Some(p) if p.projection.year > year => {
            labels::projection_text(Some(p), labels::in_percent(&ind.unit, &ind.name), lang)
        }
        _ => "—".into(),
    }
}

/// The plan's words for the target, with the rule they resolve to unless the words state it: a bare
/// number shows its direction too (`40（≤40）`). Where a targets file replaced a figure the plan states
/// (`达到45%` by `>= 46`), the rule alone (`≥46`): the plan's words beside another rule would read as one
/// target contradicting itself. Words that defer to the province (`完成省下达目标（≤22）`) keep the rule
/// beside them. [`target_cell_in`] adds who assigned it.
pub fn target_cell(v: &Verdict) -> String {
    let t = &v.target;
    match t.rule {
        Some(rule) if replaces_plan_figure(v) => rule.to_string(),
        Some(rule) if !rule.is_stated_by(&t.text) => labels::with_rule(&t.text, rule),
        _ => t.text.to_string(),
    }
}

/// [`target_cell`], with a rule from a targets file that replaced the plan's figure marked as assigned:
/// `≥46（省下达目标）`, `≥20（下达本地区目标）`.
pub fn target_cell_in(v: &Verdict, lang: Lang) -> String {
    match v.target.rule {
        Some(rule) if replaces_plan_figure(v) => labels::assigned_target(rule, v.target.for_area, lang),
        _ => target_cell(v),
    }
}

/// Whether a targets file's rule stands where the plan's words state a figure of their own.
fn replaces_plan_figure(v: &Verdict) -> bool {
    v.target.source.is_some() && v.target.text.chars().any(|c| c.is_ascii_digit())
}

/// A value as text: two decimals, more only where two would contradict the verdict
/// ([`labels::figure`]), a dash for none.
pub fn value_text(v: &Verdict) -> String {
    v.value.map_or("—".into(), |x| labels::figure(x, v.target.rule))
}

/// A verdict's value as a table cell: a number (at two decimals in text, the full value in a workbook),
/// or, where two decimals would contradict the verdict (14.996 against ≥15 shown as 15), the value as
/// [`value_text`] writes it, so that the cell agrees with its reason.
pub fn value_cell(v: &Verdict) -> Cell {
    match v.value {
        Some(x) if value_text(v) != two(x) => Cell::text(value_text(v)),
        x => Cell::opt(x),
    }
}

/// A serializable value as a JSON value; our documents are plain data, so this cannot fail in
/// practice, and if it did the error would name the document.
pub fn to_value(doc: &impl serde::Serialize) -> anyhow::Result<Value> {
    Ok(serde_json::to_value(doc)?)
}

/// A machine-readable document that writes itself as pretty JSON, so that a format renders it
/// straight to its writer.
pub trait Document {
    /// An I/O error comes back as itself, so that a closed pipe is still recognised as one.
    fn write_pretty(&self, out: &mut dyn Write) -> std::io::Result<()>;
}

impl std::fmt::Debug for dyn Document + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Document")
    }
}

/// Records made as they are written: each is flattened into `flat` and handed to `row`.
pub trait Records {
    fn write(&self, flat: &mut flat::Flat, row: &mut dyn FnMut(&[String]) -> anyhow::Result<()>) -> anyhow::Result<()>;
}

impl std::fmt::Debug for dyn Records + '_ {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Records")
    }
}

/// A typed value as a [`Document`], serialized only when it is written.
pub struct Json<T>(pub T);

impl<T: serde::Serialize> Document for Json<T> {
    fn write_pretty(&self, out: &mut dyn Write) -> std::io::Result<()> {
        // serde_json writes a token at a time. Through `dyn Write` each is a call; into a buffer of a
        // known type they are copies, and the writer behind `dyn` sees one call per 64 KiB.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
        // serde_json gives an I/O error back unchanged in kind.
        format::json::to_writer_pretty(&mut buffered, &self.0).map_err(std::io::Error::from)?;
        buffered.flush()
    }
}

/// A document already written as its pretty JSON text.
struct Pretty(String);

impl Document for Pretty {
    fn write_pretty(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(self.0.as_bytes())
    }
}

/// A document that borrows data local to its builder, kept as its pretty JSON text (documents of
/// one row per indicator or area: catalogue entries, rankings, trends, explanations).
pub fn to_document(doc: &impl serde::Serialize) -> anyhow::Result<Option<Box<dyn Document>>> {
    Ok(Some(Box::new(Pretty(serde_json::to_string_pretty(doc)?))))
}

/// An object of a document as a CSV record, with columns put first (`label`, `status_label`).
pub fn record(value: Value, first: Vec<(&str, Value)>) -> Map<String, Value> {
    let mut map: Map<String, Value> = first.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    if let Value::Object(fields) = value {
        for (k, v) in fields {
            map.entry(k).or_insert(v);
        }
    }
    map
}
