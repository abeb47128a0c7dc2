//! The mid-term or final evaluation as a document (`plan-check report`): one content model built from the
//! same verdicts as `eval`, rendered by [`html`] (one self-contained page) and [`docx`] (Word). The model
//! holds finished texts and numbers only, so the two renderings cannot disagree on a count or a label.

pub mod chart;
pub mod clean;
pub mod docx;
pub mod html;
pub mod narrative;
mod parts;
mod text;

pub use narrative::Narrative;

use std::collections::HashMap;

use crate::Lang;
use crate::catalog::{Catalog, Indicator, IndicatorType};
use crate::evaluate::projects::Register;
use crate::evaluate::{Stage, Status, Verdict};
use crate::labels::{DocWord, doc_word, percent, type_label};
use crate::labels::{NoBar, progress_text as progress_cell};
use crate::output::{EvalView, baseline_cell, note_text, projection_cell, reason_cell, target_cell_in, value_text};
use crate::problem::Problem;
use crate::progress::Point;
use crate::target::Cmp;

/// What the document is made from besides the verdicts: facts about the run that only the command knows.
pub struct Inputs<'a> {
    pub report: &'a EvalView<'a>,
    /// The `--targets` file, when one was given.
    pub targets_file: Option<String>,
    /// The day the document is produced, `YYYY-MM-DD`.
    pub produced: String,
    /// Whether any data file is illustrative (the bundled ones, or one whose notes say so).
    pub illustrative: bool,
    /// The problems `validate` found, when `--skip-invalid` evaluated the valid rows of invalid files.
    pub problems: &'a [Problem],
    /// The data's notes on the evaluation year's rows, by (area, indicator id).
    pub notes: &'a HashMap<(String, String), String>,
    /// The body's tasks evaluated apart (三), when the indicators selected do not include them.
    pub tasks: Option<&'a EvalView<'a>>,
    /// The register of 重大工程 (四), when a project status file was read.
    pub register: Option<&'a Register<'a>>,
    /// The analyst's text (`--narrative`) for 一, 五 and 六.
    pub narrative: Option<&'a Narrative>,
}

/// The whole document, in reading order.
#[derive(Debug, Clone)]
pub struct Document {
    pub lang: Lang,
    /// Each status in the plan's own words (`[status_labels]`), else the built-in ones.
    pub status_words: StatusWords,
    pub title: String,
    /// The line under the title: the stage and year (and the area of a one-area report).
    pub subtitle: String,
    /// Label and value pairs under the title: plan, year, stage, 序时进度, files, catalogue, targets, date.
    pub facts: Vec<(String, String)>,
    /// The notice that the data are illustrative, shown on the first page.
    pub notice: Option<String>,
    pub sections: Vec<Section>,
}

/// The words for every status, in the plan's own words where its catalogue gives them.
#[derive(Debug, Clone)]
pub struct StatusWords(Vec<String>);

impl StatusWords {
    pub fn of(catalog: &crate::catalog::Catalog, lang: Lang) -> StatusWords {
        StatusWords(Status::ALL.iter().map(|&s| crate::labels::status_word(catalog, s, lang).into_owned()).collect())
    }

    pub fn get(&self, s: Status) -> &str {
        let i = Status::ALL.iter().position(|&x| x == s).unwrap_or(0);
        self.0.get(i).map_or("", String::as_str)
    }
}

/// A numbered part of the document (一、规划实施总体情况 …), with a level-1 heading.
#[derive(Debug, Clone)]
pub struct Section {
    /// A stable name for the part (`overview`, `indicators` …), used as an anchor and by tests.
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(String),
    /// A paragraph that says something about one indicator type; `kind` is the JSON type name.
    TypeSentence {
        kind: &'static str,
        text: String,
    },
    Subheading(String),
    Bullets(Vec<String>),
    Table(Table),
    /// The stacked bar of statuses per indicator type.
    StatusChart(Vec<StatusBar>),
    /// A bar from baseline to target per numeric indicator, with a sparkline when there are several years.
    IndicatorCharts(Vec<IndicatorChart>),
    Matrix(Matrix),
    /// The colours and symbols used for statuses.
    Legend(Vec<(Status, String)>),
    /// Text still to be written by the analyst (`--narrative` not given): a paragraph marked to be seen.
    Placeholder(String),
}

/// A table with a header row, rows grouped under group titles (domains, chapters).
#[derive(Debug, Clone)]
pub struct Table {
    /// A stable name (`indicators`, `tasks`, `targets`).
    pub id: &'static str,
    pub columns: Vec<Column>,
    pub groups: Vec<Group>,
    /// Too wide for a portrait page: a landscape section in Word, a landscape page when printed.
    pub wide: bool,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub kind: ColumnKind,
    /// The share of the table's width, in arbitrary units.
    pub width: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Number,
    /// Holds the status label; coloured by the row's status.
    Status,
}

#[derive(Debug, Clone)]
pub struct Group {
    /// Empty when the rows are not grouped.
    pub title: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The indicator's id, or empty for a row that is not one indicator.
    pub indicator: String,
    pub status: Option<Status>,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct StatusBar {
    pub kind: &'static str,
    /// The type and its total: 约束性（15）.
    pub label: String,
    /// Non-zero counts in display order.
    pub counts: Vec<(Status, usize)>,
}

#[derive(Debug, Clone)]
pub struct IndicatorChart {
    pub indicator: String,
    pub label: String,
    pub name: String,
    /// The figures in words: baseline → target, value, completion.
    pub caption: String,
    pub status: Status,
    pub bar: Option<Bar>,
    /// The values by year, when there are three or more.
    pub series: Vec<Point>,
}

/// Baseline, target and current value on one axis; `mark` is where 序时进度 puts the value due by now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub baseline: f64,
    pub target: f64,
    pub value: f64,
    pub mark: Option<f64>,
}

/// Areas × indicators.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub corner: String,
    /// Each column's label (序号) and the indicator's name.
    pub columns: Vec<(String, String)>,
    pub count_title: String,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone)]
pub struct MatrixRow {
    pub area: String,
    /// `None` where the area has no verdict on the indicator.
    pub cells: Vec<Option<Status>>,
    /// Binding indicators failing, lagging or regressing.
    pub binding_off_track: usize,
}

impl Document {
    /// Builds the document from the verdicts of one evaluation: the six parts of a published evaluation
    /// (the areas a sub-part of 二), then the annex on data and method.
    pub fn build(inputs: &Inputs) -> Document {
        let report = inputs.report;
        let lang = report.lang;
        let headline = report.headline();
        let (own_tasks, table): (Vec<&Verdict>, Vec<&Verdict>) = headline.iter().partition(|v| is_task(report, v));
        // The tasks come from their own evaluation unless the selection (`--all`, `--source`) had them.
        let (task_view, tasks) = match inputs.tasks {
            Some(view) => (view, view.headline().into_iter().filter(|v| is_task(view, v)).collect()),
            None => (report, own_tasks),
        };
        let mut indicators = indicators(inputs, &table);
        if report.area.is_none() {
            indicators.blocks.extend(parts::areas(report));
        }
        let sections = vec![
            parts::overall(inputs, &table, tasks.len()),
            indicators,
            parts::tasks_section(task_view, &tasks),
            parts::projects(inputs),
            parts::problems(inputs, &table),
            parts::next_steps(inputs),
            appendix(inputs, &headline),
        ];
        Document {
            lang,
            status_words: StatusWords::of(report.catalog, lang),
            title: report.catalog.plan.name.clone(),
            subtitle: text::subtitle(report),
            facts: facts(inputs),
            notice: notice(inputs),
            sections,
        }
    }
}

/// The first page's warning: the data are illustrative, the targets file is a sample (示例/虚构).
fn notice(inputs: &Inputs) -> Option<String> {
    let lang = inputs.report.lang;
    let mut parts = Vec::new();
    if inputs.illustrative {
        parts.push(crate::labels::illustrative_notice(lang).to_string());
    }
    let targets = crate::output::headline::targets_are_sample(inputs.report);
    parts.extend(crate::labels::sample_notice(crate::labels::Sample { targets, data: false }, lang));
    (!parts.is_empty()).then(|| parts.join(if lang == Lang::Zh { "" } else { " " }))
}

fn is_task(report: &EvalView, v: &Verdict) -> bool {
    report.catalog.indicator(&v.indicator).is_some_and(|i| i.kind == IndicatorType::Task)
}

fn facts(inputs: &Inputs) -> Vec<(String, String)> {
    let report = inputs.report;
    let e = report.evaluation;
    let lang = report.lang;
    let w = |word| doc_word(word, lang).to_string();
    let mut facts = vec![
        (w(DocWord::Plan), report.catalog.plan.name.clone()),
        (w(DocWord::Year), e.year.to_string()),
        (w(DocWord::Stage), crate::labels::evaluation_name(e.stage, lang).to_string()),
    ];
    if e.stage == Stage::Midterm {
        facts.push((w(DocWord::ElapsedShare), percent(e.elapsed_share)));
    }
    if let Some(area) = report.area {
        facts.push((w(DocWord::Area), area.to_string()));
    }
    facts.push((w(DocWord::DataFiles), report.files.join(doc_word(DocWord::ListSeparator, lang))));
    facts.push((w(DocWord::Catalogue), report.catalog.origin.clone()));
    let targets = inputs.targets_file.clone().unwrap_or_else(|| w(DocWord::NotSupplied));
    facts.push((w(DocWord::TargetsFile), targets));
    facts.push((w(DocWord::Produced), inputs.produced.clone()));
    facts
}

fn kind_of(catalog: &Catalog, v: &Verdict) -> IndicatorType {
    catalog.indicator(&v.indicator).map_or(IndicatorType::Task, |i| i.kind)
}

/// The statuses the stage can give, and 不适用 for the areas' matrix.
fn legend(catalog: &crate::catalog::Catalog, stage: Stage, lang: Lang) -> Vec<(Status, String)> {
    let statuses = Status::of_stage(stage).iter().chain(std::iter::once(&Status::NotApplicable));
    statuses.map(|&s| (s, crate::labels::status_word(catalog, s, lang).into_owned())).collect()
}

/// 二、目标指标完成情况: the city table by domain, then a chart per numeric indicator.
fn indicators(inputs: &Inputs, verdicts: &[&Verdict]) -> Section {
    let report = inputs.report;
    let lang = report.lang;
    let with_progress = verdicts.iter().any(|v| v.progress.is_some());
    let plan = &report.catalog.plan;
    let w = |word| doc_word(word, lang).to_string();
    let mut columns = vec![
        column(w(DocWord::No), ColumnKind::Text, 5),
        column(w(DocWord::Indicator), ColumnKind::Text, 22),
        column(w(DocWord::Type), ColumnKind::Text, 7),
        column(format!("{}({})", w(DocWord::BaselineOfYear), plan.base_year), ColumnKind::Number, 9),
        column(format!("{}({})", w(DocWord::TargetOfYear), plan.target_year), ColumnKind::Text, 10),
        column(w(DocWord::Value), ColumnKind::Number, 7),
        column(w(DocWord::Completion), ColumnKind::Number, 8),
    ];
    // No projection once the target year is measured (issue 21): the column is progress only.
    let final_stage = report.evaluation.stage == Stage::Final;
    if with_progress {
        let title = if final_stage { DocWord::Progress } else { DocWord::ProgressProjection };
        columns.push(column(w(title), ColumnKind::Text, 18));
    }
    columns.push(column(w(DocWord::Status), ColumnKind::Status, 8));
    columns.push(column(w(DocWord::Note), ColumnKind::Text, 15));
    let groups = grouped(
        report,
        verdicts,
        |ind| ind.domain.clone(),
        |ind, v| {
            let mut cells = vec![
                ind.label(report.catalog),
                ind.display_name(),
                type_label(ind.kind, lang).into(),
                baseline_cell(ind, v, lang).shown(),
                target_cell_in(v, lang),
                value_text(v),
                completion_text(v),
            ];
            if with_progress {
                cells.push(progress_text(ind, v, report.evaluation.year, lang));
            }
            cells.push(crate::labels::status_word(report.catalog, v.status, lang).into_owned());
            cells.push(note_cell(inputs, v));
            cells
        },
    );
    let mut blocks = vec![Block::Table(Table { id: "indicators", columns, groups, wide: true })];
    let mut charts = Vec::new();
    let mut unchartable: Vec<(NoBar, String)> = Vec::new();
    for v in verdicts {
        match indicator_chart(report, v) {
            Ok(chart) => charts.push(chart),
            Err(why) => {
                if let Some(ind) = report.catalog.indicator(&v.indicator) {
                    unchartable.push((why, doc_label(report.catalog, ind)));
                }
            }
        }
    }
    if !charts.is_empty() || !unchartable.is_empty() {
        blocks.push(Block::Subheading(w(DocWord::ChartsHeading)));
        blocks.push(Block::Paragraph(crate::labels::chart_key(report.evaluation.stage, lang).into()));
    }
    if !charts.is_empty() {
        blocks.push(Block::IndicatorCharts(charts));
    }
    // Every indicator without a chart is named, with why (issue 21).
    let groups: Vec<(NoBar, Vec<String>)> = NoBar::ALL
        .iter()
        .map(|&why| (why, unchartable.iter().filter(|(w, _)| *w == why).map(|(_, l)| l.clone()).collect()))
        .filter(|(_, labels): &(NoBar, Vec<String>)| !labels.is_empty())
        .collect();
    if !groups.is_empty() {
        blocks.push(Block::Paragraph(crate::labels::no_chart_sentence(&groups, lang)));
    }
    Section { id: "indicators", heading: w(DocWord::IndicatorsHeading), blocks }
}

/// Why the verdict is what it is, the plan's own figure where the row counts from 0 instead, and what
/// the data file noted on the row.
fn note_cell(inputs: &Inputs, v: &Verdict) -> String {
    let lang = inputs.report.lang;
    let reason = match inputs.report.catalog.indicator(&v.indicator) {
        Some(ind) => note_text(ind, v, lang),
        None => reason_cell(v, lang),
    };
    match inputs.notes.get(&(v.county.to_string(), v.indicator.to_string())) {
        None => reason,
        Some(note) => {
            let note = format!("{}{note}", doc_word(DocWord::DataNote, lang));
            let separator = crate::labels::word(crate::labels::Word::Separator, lang);
            if reason.is_empty() { note } else { format!("{reason}{separator}{note}") }
        }
    }
}

/// Completion as a percentage, a dash where it is not defined. A completion that rounds to 100% while the
/// target is not met shows one decimal (99.6%), so that it never reads as done beside 未达标.
pub(crate) fn completion_text(v: &Verdict) -> String {
    let Some(c) = v.completion else { return "—".into() };
    let met = v.target.rule.zip(v.value).is_some_and(|(r, x)| r.is_met_by(x));
    if met || percent(c) != "100%" || c >= 1.0 {
        return percent(c);
    }
    // The fewest decimals that stay below 100: 99.6%, 99.96% ….
    let pct = c * 100.0;
    (1..=6)
        .map(|places| (places, (pct * 10f64.powi(places)).round() / 10f64.powi(places)))
        .find(|&(_, x)| x < 100.0)
        .map_or_else(|| format!("{pct}%"), |(places, x)| format!("{x:.0$}%", places as usize))
}

fn column(title: String, kind: ColumnKind, width: u16) -> Column {
    Column { title, kind, width }
}

/// The progress category, and the projection while the year projected to is still ahead.
fn progress_text(ind: &Indicator, v: &Verdict, year: i32, lang: Lang) -> String {
    match v.progress.as_ref() {
        None => "—".into(),
        Some(p) if p.projection.year <= year => progress_cell(Some(p), lang),
        Some(p) => {
            let separator = doc_word(DocWord::CellSeparator, lang);
            format!("{}{separator}{}", progress_cell(Some(p), lang), projection_cell(ind, v, year, lang))
        }
    }
}

/// Verdicts grouped by consecutive equal keys (domain, chapter), in catalogue order.
fn grouped(
    report: &EvalView,
    verdicts: &[&Verdict],
    key: impl Fn(&Indicator) -> String,
    cells: impl Fn(&Indicator, &Verdict) -> Vec<String>,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let title = key(ind);
        if groups.last().is_none_or(|g| g.title != title) {
            groups.push(Group { title, rows: Vec::new() });
        }
        let row = Row { indicator: ind.id.clone(), status: Some(v.status), cells: cells(ind, v) };
        if let Some(g) = groups.last_mut() {
            g.rows.push(row);
        }
    }
    groups
}

/// The chart of one indicator with a numeric target, a baseline (or a cumulative start) and a value: a
/// bar from the baseline to the target with the value on it, and the series when there are three years
/// or more. Every such indicator gets its bar, a level to hold too (the baseline already meets the target:
/// no completion, but the value still stands on the axis); one without a bar and a series says why.
fn indicator_chart(report: &EvalView, v: &Verdict) -> Result<IndicatorChart, NoBar> {
    let ind = report.catalog.indicator(&v.indicator).ok_or(NoBar::Qualitative)?;
    let start = if ind.cumulative { Some(0.0) } else { v.baseline };
    let e = report.evaluation;
    let rule = v.target.rule;
    let why = match (rule, v.value, start) {
        (None, _, _) => Some(no_target(v)),
        (Some(_), None, _) => Some(NoBar::NoValue),
        (Some(_), Some(_), None) => Some(NoBar::NoBaseline),
        _ => None,
    };
    let bar = match (rule, v.value, start) {
        (Some(rule), Some(value), Some(baseline)) => Some(Bar {
            baseline,
            target: rule.value,
            value,
            // Only where 序时进度 judged the value: not for a level to hold, nor a target judged as final.
            mark: (e.stage == Stage::Midterm
                && v.completion.is_some()
                && v.status != Status::Pass
                && v.status != Status::Fail)
                .then_some(baseline + e.elapsed_share * (rule.value - baseline)),
        }),
        _ => None,
    };
    let series = if v.series.len() >= 3 { v.series.clone() } else { Vec::new() };
    if bar.is_none() && series.is_empty() {
        return Err(why.unwrap_or(NoBar::Qualitative));
    }
    let held = bar.is_some() && v.completion.is_none();
    let why = match (why, held) {
        (Some(why), _) => Some(why),
        (None, true) => Some(NoBar::Held),
        (None, false) => None,
    };
    Ok(IndicatorChart {
        indicator: ind.id.clone(),
        label: doc_label(report.catalog, ind),
        name: ind.display_name(),
        caption: text::chart_caption(ind, v, why, &series, report.lang),
        status: v.status,
        bar,
        series,
    })
}

/// Why an indicator with no numeric target has no bar: the target the province has not sent, a reference
/// value not supplied, a trend or other words that are not a number.
fn no_target(v: &Verdict) -> NoBar {
    use crate::evaluate::Reason;
    match &v.reason {
        Some(Reason::ProvinceNotSupplied) => NoBar::ProvinceTarget,
        Some(Reason::NoBaseline | Reason::NoAreaBaseline { .. }) => NoBar::NoBaseline,
        Some(Reason::ReferenceNotSupplied { .. }) => NoBar::Reference,
        Some(Reason::NeedsSeries | Reason::Trend { .. }) => NoBar::Trend,
        _ => NoBar::Qualitative,
    }
}

/// The number (序号) a reader sees for an indicator: the plan's, or for a task of the body that has none,
/// where the plan writes it (第三章第二节) — never the catalogue's internal id (issue 21).
pub(crate) fn doc_label(catalog: &Catalog, ind: &Indicator) -> String {
    let label = ind.label(catalog);
    if label == ind.id { ind.source.clone() } else { label }
}

/// The most areas the areas × indicators table of the document holds: the Word report of 3,000 areas
/// took 555 MB to build. Past it, the table keeps the areas with the most binding indicators off track
/// (in catalogue order) and says how many it leaves out; `plan-check rank` lists them all.
pub const MATRIX_AREAS: usize = 500;

fn bound_matrix(rows: &mut Vec<MatrixRow>) {
    if rows.len() <= MATRIX_AREAS {
        return;
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(rows[i].binding_off_track));
    let mut keep = vec![false; rows.len()];
    for &i in &order[..MATRIX_AREAS] {
        keep[i] = true;
    }
    let mut flags = keep.into_iter();
    rows.retain(|_| flags.next().unwrap_or(false));
}

/// 附：数据与方法: how the verdicts are reached, where the targets came from, and the data's problems.
fn appendix(inputs: &Inputs, headline: &[&Verdict]) -> Section {
    let report = inputs.report;
    let lang = report.lang;
    let w = |word| doc_word(word, lang).to_string();
    let mut blocks: Vec<Block> = text::method(report).into_iter().map(Block::Paragraph).collect();
    let assigned: Vec<Row> = headline
        .iter()
        .filter_map(|v| {
            let ind = report.catalog.indicator(&v.indicator)?;
            let source = v.target.source.clone()?;
            let target = v.target.resolved.clone().unwrap_or_else(|| v.target.text.to_string());
            Some(Row {
                indicator: ind.id.clone(),
                status: None,
                cells: vec![ind.label(report.catalog), ind.display_name(), target, source],
            })
        })
        .collect();
    if !assigned.is_empty() {
        blocks.push(Block::Subheading(w(DocWord::AssignedHeading)));
        let columns = vec![
            column(w(DocWord::No), ColumnKind::Text, 4),
            column(w(DocWord::Indicator), ColumnKind::Text, 22),
            column(w(DocWord::Target), ColumnKind::Text, 8),
            column(w(DocWord::AssignedSource), ColumnKind::Text, 16),
        ];
        let groups = vec![Group { title: String::new(), rows: assigned }];
        blocks.push(Block::Table(Table { id: "targets", columns, groups, wide: false }));
    }
    if !inputs.problems.is_empty() {
        blocks.push(Block::Subheading(w(DocWord::ProblemsHeading)));
        blocks.push(Block::Paragraph(crate::labels::problems_lead(inputs.problems.len(), lang)));
        blocks.push(Block::Bullets(inputs.problems.iter().map(ToString::to_string).collect()));
    }
    Section { id: "method", heading: w(DocWord::AppendixHeading), blocks }
}

/// What the analyst could supply so that an indicator can be judged: one line each, for `report` to
/// print on stderr. The document itself states the fact only (规划未给出基准值), as a report a section
/// chief forwards must not carry instructions to its analyst (issue 21).
pub fn analyst_notes(report: &EvalView) -> Vec<String> {
    let lang = report.lang;
    report
        .headline()
        .into_iter()
        .filter_map(|v| {
            let r = v.reason.as_ref()?;
            let advice = crate::labels::reason_advice(r, lang)?;
            let ind = report.catalog.indicator(&v.indicator)?;
            let reason = crate::labels::reason(r, lang);
            Some(crate::labels::analyst_note(
                &doc_label(report.catalog, ind),
                &ind.display_name(),
                &reason,
                advice,
                lang,
            ))
        })
        .collect()
}

/// The distance from a value to its rule's threshold, when the value does not meet it: from the value as
/// the table shows it ([`value_text`]), so that a reader who subtracts the two figures printed gets it.
pub(crate) fn gap(v: &Verdict) -> Option<f64> {
    let (rule, value) = (v.target.rule?, v.value?);
    if rule.is_met_by(value) {
        return None;
    }
    let value = value_text(v).parse::<f64>().unwrap_or(value);
    Some(match rule.cmp {
        Cmp::AtLeast | Cmp::Above | Cmp::Equal => rule.value - value,
        Cmp::AtMost | Cmp::Below => value - rule.value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_areas_table_keeps_the_areas_most_off_track_in_catalogue_order() {
        let row = |i: usize| MatrixRow { area: format!("a{i}"), cells: Vec::new(), binding_off_track: i % 7 };
        let mut rows: Vec<MatrixRow> = (0..MATRIX_AREAS + 100).map(row).collect();
        bound_matrix(&mut rows);
        assert_eq!(rows.len(), MATRIX_AREAS);
        // 600 areas hold 86 each of 0..=5 off track and 85 of 6: the 100 left out have none.
        assert!(rows.iter().all(|r| r.binding_off_track > 0), "an area with none off track was kept");
        let numbers: Vec<usize> = rows.iter().map(|r| r.area[1..].parse().unwrap()).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "catalogue order kept");
        let mut few: Vec<MatrixRow> = (0..3).map(row).collect();
        bound_matrix(&mut few);
        assert_eq!(few.len(), 3);
    }
    use crate::evaluate::{self, Settings};
    use crate::load::Dataset;

    /// A row of test data by names: area, indicator id, year, value.
    type Named = (&'static str, &'static str, i32, f64);

    fn m(county: &'static str, id: &'static str, year: i32, value: f64) -> Named {
        (county, id, year, value)
    }

    fn document(rows: Vec<Named>, year: i32) -> Document {
        let catalog = Catalog::embedded().unwrap();
        let settings = Settings { year, stage: Settings::stage_for(&catalog, year), province: Default::default() };
        let mut data = Dataset::for_catalog(&catalog);
        for (county, id, year, value) in rows {
            data.push_named(county, id, year).unwrap_or_else(|| panic!("{county} {id}")).set_value(Some(value));
        }
        let e = evaluate::evaluate(&catalog, &data, &settings);
        let files = vec!["t.csv".to_string()];
        let report = EvalView { catalog: &catalog, evaluation: &e, files: &files, lang: Lang::Zh, area: None };
        let notes = HashMap::new();
        let inputs = Inputs {
            report: &report,
            targets_file: None,
            produced: "2026-01-01".into(),
            illustrative: true,
            problems: &[],
            notes: &notes,
            tasks: None,
            register: None,
            narrative: None,
        };
        Document::build(&inputs)
    }

    /// The items of 五 on the indicators off track.
    fn off_track_items(d: &Document) -> Vec<String> {
        let problems = d.sections.iter().find(|s| s.id == "problems").unwrap();
        let items = problems.blocks.iter().find_map(|b| match b {
            Block::Bullets(items) => Some(items.clone()),
            _ => None,
        });
        items.unwrap_or_else(|| panic!("{:?}", problems.blocks))
    }

    #[test]
    fn completion_never_reads_100_percent_beside_a_shortfall_and_gaps_use_the_shown_value() {
        // Green villages: baseline 64.4, ≥80. At 79.94 completion is 99.6%: "100%" would say done.
        let d = document(vec![m("全市", "green_village_share", 2025, 79.94)], 2025);
        let item = off_track_items(&d).into_iter().find(|i| i.contains("绿盈乡村")).unwrap();
        assert!(item.contains("完成度99.6%") && item.contains("距目标尚差0.06个百分点"), "{item}");
        // 70.025 shows as 70.03 (two decimals, half away from zero) and is 4.97 short of 75, as the reader
        // subtracts it, not 4.975 → 4.98.
        let d = document(vec![m("全市", "park_green_ratio", 2025, 14.025)], 2025);
        let item = off_track_items(&d).into_iter().find(|i| i.contains("园区绿地率")).unwrap();
        assert!(item.contains("本期值14.03") && item.contains("距目标尚差0.97个百分点"), "{item}");
    }

    #[test]
    fn the_midterm_bar_marks_the_value_due_by_now() {
        let d = document(vec![m("全市", "green_village_share", 2023, 70.0)], 2023);
        let charts = d.sections.iter().flat_map(|s| &s.blocks).find_map(|b| match b {
            Block::IndicatorCharts(c) => Some(c),
            _ => None,
        });
        let chart = charts.unwrap().iter().find(|c| c.indicator == "green_village_share").unwrap();
        let bar = chart.bar.unwrap();
        assert_eq!((bar.baseline, bar.target, bar.value), (64.4, 80.0, 70.0));
        assert!((bar.mark.unwrap() - (64.4 + 0.6 * 15.6)).abs() < 1e-9);
        assert!(d.notice.is_some());
    }

    #[test]
    fn the_final_bar_has_no_mark_and_gaps_follow_polarity() {
        let rows = vec![m("全市", "groundwater_class_v", 2025, 12.0), m("全市", "green_village_share", 2025, 75.0)];
        let d = document(rows, 2025);
        let problems = d.sections.iter().find(|s| s.id == "problems").unwrap();
        let items = problems.blocks.iter().find_map(|b| match b {
            Block::Bullets(items) => Some(items),
            _ => None,
        });
        let items = items.unwrap_or_else(|| panic!("{:?}", problems.blocks));
        // ≤10 at 12 is 2 over; ≥80 at 75 is 5 under: differences of percentages, in 个百分点.
        assert!(items.iter().any(|i| i.contains("地下水") && i.contains("尚差2个百分点")), "{items:?}");
        assert!(items.iter().any(|i| i.contains("绿盈乡村") && i.contains("尚差5个百分点")), "{items:?}");
        let charts = d.sections.iter().flat_map(|s| &s.blocks).find_map(|b| match b {
            Block::IndicatorCharts(c) => Some(c),
            _ => None,
        });
        let charts = charts.unwrap();
        // A level to hold (groundwater: 9.44 met ≤10) has its bar too, with no completion and a word why.
        assert_eq!(charts.len(), 2, "{charts:?}");
        assert!(charts.iter().all(|c| c.bar.is_some_and(|b| b.mark.is_none())));
        let held = charts.iter().find(|c| c.indicator == "groundwater_class_v").unwrap();
        assert_eq!(held.bar.map(|b| (b.baseline, b.target, b.value)), Some((9.44, 10.0, 12.0)));
        assert!(held.caption.ends_with("基准年已达标，按水平判定"), "{}", held.caption);
    }
}
