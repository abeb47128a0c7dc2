//! `indicators.toml` → a typed, validated model of the plan: its years, its reporting areas and its
//! indicators. Every problem in the file is reported with the file, the line and the indicator.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::problem::{Broken, Code, Expected, Figure, PlanBroken, Problem, Warned};
use crate::target::{Better, Misfit, Target, Trend};

pub mod values;

mod projects;
pub use projects::{COLUMNS as PROJECT_COLUMNS, Project, ProjectStatus};

/// The catalogue compiled into the binary, used when no `indicators.toml` is found.
pub const EMBEDDED: &str = include_str!("../indicators.toml");
/// The name the embedded catalogue goes by in messages and output.
pub const EMBEDDED_NAME: &str = "<embedded indicators.toml>";

/// The city-level row that carries the official verdict when neither `[plan] official_row` nor an
/// indicator's `city_row` names another: a city plan's 全市.
pub const DEFAULT_OFFICIAL_ROW: &str = "全市";

/// The plan's name, years, official row and the words for that row's level.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub name: String,
    pub base_year: i32,
    pub target_year: i32,
    pub midterm_year: i32,
    /// The row every indicator's official verdict is on unless it names its own `city_row`
    /// (全国 for a national plan, 全省 for a province's; absent: 全市).
    #[serde(default)]
    pub official_row: Option<String>,
    /// The words for the level the official rows stand for (全国层面, national level), shown as the
    /// title of the official verdicts and in the summary; absent: 城市层面 / city level.
    #[serde(default)]
    pub level: Option<LevelWords>,
    /// How far short of N `about N` may fall, in percent of N (absent: 5).
    #[serde(default)]
    pub about_tolerance: Option<f64>,
}

impl Plan {
    /// The row an indicator without `city_row` is judged on.
    pub fn official_row(&self) -> &str {
        self.official_row.as_deref().unwrap_or(DEFAULT_OFFICIAL_ROW)
    }
}

/// The plan's words for the level of its official rows, in Chinese and English.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelWords {
    pub zh: String,
    pub en: String,
}

/// A base-year value recomputed after the monitoring basis changed (空气质量优良天数 76.7 → 81.2): the
/// verdict is measured from it, and the printed `baseline` is kept beside it.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rebased {
    pub baseline: f64,
    /// Why and by whom it was recomputed (2018年监测口径调整后重算).
    pub note: String,
}

/// The JSON names of the statuses, the keys of `[status_labels.zh]` and `[status_labels.en]`. The
/// catalogue sits below the evaluation, so it holds the names; a test holds them to `Status::ALL`.
pub const STATUS_NAMES: [&str; 10] =
    ["pass", "fail", "achieved", "held", "on_track", "lagging", "regressing", "pending", "missing", "not_applicable"];

/// A plan's own words for the statuses (`on_track = "达到序时进度"`), by JSON status name.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StatusLabels {
    #[serde(default)]
    pub zh: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub en: std::collections::BTreeMap<String, String>,
}

/// Whether a row of a data file is one reporting area or a city-level total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    #[default]
    Area,
    City,
}

/// A reporting area (县市区, 开发区) or a city-level row (全市, 中心市区).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct County {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: AreaKind,
    /// Tags such as `coastal`, used by indicators' `applies_to`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// For a city-level row: the tag of the areas it is made of (absent: all areas).
    #[serde(default)]
    pub members: Option<String>,
}

/// 约束性, 预期性, 引领性 — and the body's 重点任务.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorType {
    Binding,
    Expected,
    Leading,
    Task,
}

impl IndicatorType {
    pub const ALL: [IndicatorType; 4] =
        [IndicatorType::Binding, IndicatorType::Expected, IndicatorType::Leading, IndicatorType::Task];

    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorType::Binding => "binding",
            IndicatorType::Expected => "expected",
            IndicatorType::Leading => "leading",
            IndicatorType::Task => "task",
        }
    }
}

/// How the areas' values combine into a city-wide value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// Σ numerator / Σ denominator × 100.
    Ratio,
    /// A count: the areas' values add up.
    Sum,
    /// Measured city-wide only; needs its own city-level row.
    #[default]
    None,
}

/// A named value a target can be measured against (the 13th plan's average, …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    /// Read as any value so that a sub-row written here (`no = "15a"`) can be pointed to `label`.
    #[serde(default)]
    no: Option<Spanned<toml::Value>>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    part: Option<String>,
    domain: String,
    name: String,
    unit: String,
    #[serde(rename = "type")]
    kind: IndicatorType,
    better: Better,
    #[serde(default)]
    baseline: Option<f64>,
    #[serde(default)]
    baseline_text: Option<String>,
    target: String,
    #[serde(default)]
    target_text: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    due: Option<i32>,
    #[serde(default)]
    cumulative: bool,
    #[serde(default)]
    city_row: Option<String>,
    #[serde(default)]
    applies_to: Vec<String>,
    #[serde(default)]
    aggregate: Aggregate,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    about_tolerance: Option<f64>,
    #[serde(default)]
    compound: bool,
    #[serde(default)]
    rebased: Option<Rebased>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    plan: Plan,
    #[serde(default)]
    status_labels: Option<Spanned<StatusLabels>>,
    #[serde(default)]
    reference: Vec<Reference>,
    #[serde(default)]
    county: Vec<Spanned<County>>,
    #[serde(default)]
    indicator: Vec<Spanned<RawIndicator>>,
    /// The register of 重大工程 (`projects`).
    #[serde(default)]
    project: Vec<Spanned<projects::RawProject>>,
}

/// One indicator of the plan, validated.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    /// The plan's 序号; shared by the parts of one row (row 4's four pollutants).
    pub no: Option<u32>,
    /// The catalogue's `label` for a sub-row the plan numbers itself (15a, 4b); absent, the label is
    /// made from `no` (see [`Indicator::label`]).
    pub given_label: Option<String>,
    /// Which part of a shared row this is (氮氧化物 …).
    pub part: Option<String>,
    pub domain: String,
    pub name: String,
    pub unit: String,
    pub kind: IndicatorType,
    pub better: Better,
    /// The base-year value as the plan prints it.
    pub baseline: Option<f64>,
    /// A re-based base-year value: the verdict is measured from it instead of `baseline`.
    pub rebased: Option<Rebased>,
    /// The plan's words for the baseline when they are more than a number.
    pub baseline_text: Option<String>,
    pub target: Target,
    /// The plan's words for the target (完成省下达目标, ≥85 …).
    pub target_text: String,
    pub note: Option<String>,
    /// Where the plan states it: 表2, a chapter and section, or a 专栏.
    pub source: String,
    /// Whether the catalogue wrote `source` (absent, it is 表2).
    pub source_given: bool,
    /// The year it is due, when the plan gives one other than the target year.
    pub due: Option<i32>,
    /// Accumulated over the plan period from zero (acres planted, reductions since the base year).
    pub cumulative: bool,
    /// A cumulative rate (〔18〕) compounded from yearly rates: the data give each year's rate rᵢ (in %)
    /// and the value is (1 − Π(1 − rᵢ/100)) × 100 over the years since the base year.
    pub compound: bool,
    /// How far short of N `about N` may fall, in percent of N.
    pub about_tolerance: f64,
    /// The city-level row that carries the official verdict (全市, or 中心市区 for the air indicators).
    pub city_row: String,
    /// Tags of the areas it applies to; empty means every area.
    pub applies_to: Vec<String>,
    pub aggregate: Aggregate,
    /// A verbatim passage of the plan that states the target.
    pub quote: Option<String>,
    /// The line of the catalogue where the indicator starts.
    pub line: usize,
}

impl Indicator {
    /// The base-year value the verdict is measured from: the re-based one where the catalogue gives
    /// it, else the printed one.
    pub fn judged_baseline(&self) -> Option<f64> {
        self.rebased.as_ref().map(|r| r.baseline).or(self.baseline)
    }

    /// The label used in tables and matrices: the catalogue's `label`, else 序号 with a letter for each
    /// part of a shared row.
    pub fn label(&self, catalog: &Catalog) -> String {
        if let Some(label) = &self.given_label {
            return label.clone();
        }
        let Some(no) = self.no else {
            return self.id.clone();
        };
        let siblings: Vec<&Indicator> = catalog.indicators.iter().filter(|i| i.no == Some(no)).collect();
        if siblings.len() < 2 {
            return no.to_string();
        }
        let pos = siblings.iter().position(|i| i.id == self.id).unwrap_or(0);
        let letter = char::from(b'a' + (pos as u8 % 26));
        format!("{no}{letter}")
    }

    /// The name as shown: the plan's name, and the part when the row is shared — unless the name
    /// already ends with it (`化学需氧量重点工程减排量（化学需氧量）` needs no second 化学需氧量).
    pub fn display_name(&self) -> String {
        match &self.part {
            Some(part) if !self.name.trim_end_matches(['）', ')']).ends_with(part.as_str()) => {
                format!("{}：{part}", self.name)
            }
            _ => self.name.clone(),
        }
    }

    /// Whether `text` is [`Indicator::display_name`], compared without building it: reports look an
    /// indicator up once per verdict, and a name built per comparison was an allocation each.
    fn is_displayed_as(&self, text: &str) -> bool {
        match &self.part {
            Some(part) => {
                text.strip_prefix(self.name.as_str()).and_then(|rest| rest.strip_prefix('：')) == Some(part.as_str())
            }
            None => self.name == text,
        }
    }

    pub fn applies_to_area(&self, area: &County) -> bool {
        area.kind == AreaKind::City
            || (self.applies_to.is_empty() && !self.is_city_level())
            || self.applies_to.iter().any(|t| area.tags.contains(t))
    }

    /// A task of the plan's body with no `applies_to` is a promise of the city as a whole (29万亩 planted,
    /// 8 plants built): only its city row is judged, since an area's share cannot be held to the city's
    /// total. `applies_to` opts a task in for the areas it names.
    pub fn is_city_level(&self) -> bool {
        self.kind == IndicatorType::Task && self.applies_to.is_empty()
    }
}

/// Which indicators a command works on, by where the plan states them (`--source`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceFilter {
    /// Every indicator.
    All,
    /// The plan's indicator table (表2): every indicator that is not a task.
    Table,
    /// The body's tasks (`type = "task"`).
    Body,
    /// Indicators whose `source` starts with this: 表2, 第八章, 第八章第一节, 专栏六.
    Prefix(String),
}

impl std::str::FromStr for SourceFilter {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.trim() {
            "" => return Err("an empty source; try table, body, all, 表2, 第八章 or 专栏六".into()),
            "all" => SourceFilter::All,
            "table" => SourceFilter::Table,
            "body" => SourceFilter::Body,
            other => SourceFilter::Prefix(other.to_string()),
        })
    }
}

impl fmt::Display for SourceFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceFilter::All => f.write_str("all"),
            SourceFilter::Table => f.write_str("table"),
            SourceFilter::Body => f.write_str("body"),
            SourceFilter::Prefix(p) => f.write_str(p),
        }
    }
}

impl SourceFilter {
    pub fn matches(&self, ind: &Indicator) -> bool {
        match self {
            SourceFilter::All => true,
            SourceFilter::Table => ind.kind != IndicatorType::Task,
            SourceFilter::Body => ind.kind == IndicatorType::Task,
            SourceFilter::Prefix(p) => ind.source.starts_with(p.as_str()),
        }
    }
}

/// The validated catalogue.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Where it was read from (a path, or [`EMBEDDED_NAME`]).
    pub origin: String,
    pub plan: Plan,
    pub references: Vec<Reference>,
    pub counties: Vec<County>,
    pub indicators: Vec<Indicator>,
    /// The register of 重大工程: the programmes of 专栏二–九 and the projects named in them.
    pub projects: Vec<Project>,
    /// The plan's own words for statuses, by JSON status name.
    pub status_labels: StatusLabels,
    /// Where [`Catalog::county`] and [`Catalog::indicator`] find a name, built once the catalogue is
    /// valid, so that a lookup per row or per area costs the same whatever the catalogue's size.
    lookup: Lookup,
}

/// Positions in [`Catalog::counties`] and [`Catalog::indicators`] by the names they are looked up by.
/// It is of the catalogue as parsed: the fields it indexes are read, not changed, after parsing.
#[derive(Debug, Clone, Default)]
struct Lookup {
    /// Each area's name and aliases → the first area (in catalogue order) that has it.
    counties: HashMap<String, usize>,
    /// Each indicator's id and the name it is displayed as (`名称：部分`, or the name when it has no
    /// part) → the first indicator (in catalogue order) that has either.
    exact: HashMap<String, usize>,
    /// Each indicator's name (without its part) → the one indicator of that name; `None` when several
    /// share it.
    names: HashMap<String, Option<usize>>,
}

impl Lookup {
    fn new(counties: &[County], indicators: &[Indicator]) -> Lookup {
        let mut lookup = Lookup::default();
        for (no, c) in counties.iter().enumerate() {
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                lookup.counties.entry(name.clone()).or_insert(no);
            }
        }
        for (no, i) in indicators.iter().enumerate() {
            lookup.exact.entry(i.id.clone()).or_insert(no);
            let shown = match &i.part {
                Some(part) => format!("{}：{part}", i.name),
                None => i.name.clone(),
            };
            lookup.exact.entry(shown).or_insert(no);
            lookup.names.entry(i.name.clone()).and_modify(|one| *one = None).or_insert(Some(no));
        }
        lookup
    }
}

impl Catalog {
    /// The plan's own word for a status (its JSON name) in a language, when `[status_labels]` gives one.
    pub fn status_word(&self, status: &str, zh: bool) -> Option<&str> {
        let map = if zh { &self.status_labels.zh } else { &self.status_labels.en };
        map.get(status).map(String::as_str)
    }
}

/// Every problem found in a catalogue: each a [`Problem`] of code `invalid` at its line, its `field`
/// the indicator (or area) it is in, its `expected` the rule it breaks. Its words, in either language,
/// are in `crate::labels` (its `Display` is the English).
#[derive(Debug, Clone)]
pub struct CatalogError {
    pub issues: Vec<Problem>,
}

impl std::error::Error for CatalogError {}

/// A problem of a catalogue (or of a targets file, with `code`) at `line`, in `item` when there is one.
pub fn issue(code: Code, file: &str, line: usize, item: Option<&str>, broken: Broken) -> Problem {
    let mut p = Problem::error(code, file, Expected::Catalog(broken));
    p.line = Some(line);
    // Not shortened as a data file's field is: the id or area is the catalogue's own, named in full.
    p.field = item.map(str::to_string);
    p
}

/// The 1-based line of a byte offset, counted from the start: for the few lookups outside `parse`'s
/// loops, which use a [`LineIndex`].
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The plan's row number from `no`: a positive whole number. A label such as `"15a"` written there is
/// an error that says where it goes. The error carries the line of the `no` key.
fn row_number(no: Option<&Spanned<toml::Value>>, text: &str) -> Result<Option<u32>, (usize, Broken)> {
    let Some(no) = no else { return Ok(None) };
    let line = line_of(text, no.span().start);
    match no.get_ref() {
        toml::Value::Integer(n) => {
            u32::try_from(*n).ok().filter(|&n| n > 0).map(Some).ok_or((line, Broken::RowNumberNotPositive { n: *n }))
        }
        toml::Value::String(s) => Err((line, Broken::RowNumberLabel { text: s.clone() })),
        other => Err((line, Broken::RowNumberNotNumber { value: other.to_string() })),
    }
}

/// The TOML reader's message, in the catalogue's words where they differ: a key serde calls a
/// missing field is a missing required key.
fn toml_message(message: &str) -> String {
    let message = message.trim();
    match message.strip_prefix("missing field `") {
        Some(rest) => format!("missing required key `{}", rest),
        None => message.to_string(),
    }
}

fn is_ascii_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Catalog {
    /// Reads and validates a catalogue. `origin` names it in every message.
    pub fn parse(text: &str, origin: &str) -> Result<Catalog, CatalogError> {
        let issue = |line, item: Option<&str>, broken: Broken| issue(Code::Invalid, origin, line, item, broken);
        let lines = LineIndex::new(text);
        let line_of = |_: &str, offset: usize| lines.line(offset);
        let raw: RawCatalog = toml::from_str(text).map_err(|e| CatalogError {
            issues: vec![issue(
                e.span().map_or(1, |s| line_of(text, s.start)),
                None,
                Broken::Toml { message: toml_message(e.message()) },
            )],
        })?;
        let mut issues = Vec::new();
        let plan = raw.plan;
        let plan_line = text.lines().position(|l| l.trim() == "[plan]").map_or(1, |i| i + 1);
        if let Some(t) = plan.about_tolerance
            && !(0.0..100.0).contains(&t)
        {
            issues.push(issue(plan_line, Some("plan"), Broken::Plan(PlanBroken::AboutTolerance { value: t })));
        }
        if let Some(level) = &plan.level
            && (level.zh.trim().is_empty() || level.en.trim().is_empty())
        {
            issues.push(issue(plan_line, Some("plan"), Broken::Plan(PlanBroken::LevelWords)));
        }
        let status_labels = match raw.status_labels {
            Some(spanned) => {
                let line = line_of(text, spanned.span().start);
                let labels = spanned.into_inner();
                for key in labels.zh.keys().chain(labels.en.keys()) {
                    if !STATUS_NAMES.contains(&key.as_str()) {
                        let broken = Broken::Plan(PlanBroken::StatusKey { key: key.clone() });
                        issues.push(issue(line, Some("status_labels"), broken));
                    }
                }
                for (key, word) in labels.zh.iter().chain(&labels.en) {
                    if word.trim().is_empty() {
                        let broken = Broken::Plan(PlanBroken::StatusWordEmpty { key: key.clone() });
                        issues.push(issue(line, Some("status_labels"), broken));
                    }
                }
                labels
            }
            None => StatusLabels::default(),
        };
        if !(plan.base_year < plan.midterm_year && plan.midterm_year < plan.target_year) {
            issues.push(issue(
                1,
                Some("plan"),
                Broken::PlanYears { base: plan.base_year, midterm: plan.midterm_year, target: plan.target_year },
            ));
        }

        let lines = LineIndex::new(text);
        let line_of = |_: &str, offset: usize| lines.line(offset);
        let mut names: HashMap<String, String> = HashMap::new();
        let mut tags: HashSet<String> = HashSet::new();
        // Names by how they look (values::looks), to find two that look alike (issue 19).
        let mut looks: HashMap<String, (String, String)> = HashMap::new();
        for c in &raw.county {
            let line = line_of(text, c.span().start);
            let county = c.get_ref();
            tags.extend(county.tags.iter().cloned());
            for name in std::iter::once(&county.name).chain(&county.aliases) {
                if let Some(broken) = values::area_name_issue(name) {
                    issues.push(issue(line, Some(&county.name), broken));
                    continue;
                }
                if let Some(owner) = names.insert(name.clone(), county.name.clone()) {
                    issues.push(issue(line, Some(&county.name), Broken::NameTaken { name: name.clone(), owner }));
                } else if let Some((other, owner)) = looks.get(&values::looks(name))
                    && owner != &county.name
                {
                    let (name, other, owner) = (name.clone(), other.clone(), owner.clone());
                    issues.push(issue(line, Some(&county.name), Broken::NameLooksAlike { name, other, owner }));
                }
                looks.entry(values::looks(name)).or_insert_with(|| (name.clone(), county.name.clone()));
            }
        }
        let counties: Vec<County> = raw.county.into_iter().map(Spanned::into_inner).collect();
        for c in counties.iter().filter(|c| c.members.is_some()) {
            let m = c.members.as_deref().unwrap_or_default();
            if !tags.contains(m) {
                issues.push(issue(1, Some(&c.name), Broken::MembersTagUnused { tag: m.to_string() }));
            }
        }
        let city_rows: HashSet<&str> =
            counties.iter().filter(|c| c.kind == AreaKind::City).map(|c| c.name.as_str()).collect();
        let reference_ids: HashSet<&str> = raw.reference.iter().map(|r| r.id.as_str()).collect();
        // A reference value that is not a figure (nan, inf, 1e308) would make every target built on it
        // meaningless (issue 19).
        for r in &raw.reference {
            if let Some(v) = r.value.filter(|v| values::number_issue(*v).is_some()) {
                let at = text.find(&format!("\"{}\"", r.id)).map_or(1, |offset| line_of(text, offset));
                issues.push(issue(at, Some(&r.id), Broken::FigureNotAFigure { of: Figure::Reference, value: v }));
            }
        }

        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut indicators = Vec::new();
        for spanned in raw.indicator {
            let line = line_of(text, spanned.span().start);
            let r = spanned.into_inner();
            let mut here = |broken: Broken| issues.push(issue(line, Some(&r.id), broken));
            if !is_ascii_id(&r.id) {
                here(Broken::IdNotAscii { id: r.id.clone() });
            }
            if let Some(first) = ids.insert(r.id.clone(), line) {
                here(Broken::DuplicateId { id: r.id.clone(), first });
            }
            let no = match row_number(r.no.as_ref(), text) {
                Ok(no) => no,
                Err((at, broken)) => {
                    issues.push(issue(at, Some(&r.id), broken));
                    None
                }
            };
            let mut here = |broken: Broken| issues.push(issue(line, Some(&r.id), broken));
            if r.label.as_deref().is_some_and(|l| l.trim().is_empty()) {
                here(Broken::EmptyLabel);
            }
            let target = match r.target.parse::<Target>() {
                Ok(t) => t,
                Err(e) => {
                    here(Broken::Target(e));
                    continue;
                }
            };
            if matches!(target, Target::Eliminated { .. }) && target.against_polarity(r.better).is_some() {
                here(Broken::EliminatedAgainstPolarity { target: target.to_string(), better: r.better });
            }
            if let Target::Reference(id) = &target
                && !reference_ids.contains(id.as_str())
            {
                here(Broken::UnknownReference { id: id.clone() });
            }
            let yes_no = target == Target::Done;
            if let Some(why) = target_fits(&r.unit, r.better, r.cumulative, yes_no, &target, &r.target) {
                here(Broken::TargetMisfit { text: r.target.trim().to_string(), why });
            }
            // A figure TOML reads but no indicator measures (1e308): the loader refuses such values too.
            if let Target::Threshold { value, .. } | Target::Level(value) | Target::About(value) = &target
                && values::number_issue(*value).is_some()
            {
                here(Broken::FigureNotAFigure { of: Figure::Target, value: *value });
            }
            // A baseline that cannot be right, and a relative target that resolves beyond the unit (issue 19).
            if let Some(b) = r.baseline {
                if values::number_issue(b).is_some() {
                    here(Broken::NotAFigure { value: b });
                } else if let Some(why) = target_fits(&r.unit, r.better, r.cumulative, yes_no, &Target::Level(b), "") {
                    here(Broken::BaselineMisfit { why });
                }
            }
            if let Some(broken) = values::resolved_issue(&r.unit, r.cumulative, r.baseline, &target) {
                here(broken);
            }
            let city_row = r.city_row.clone().unwrap_or_else(|| plan.official_row().to_string());
            if !city_rows.contains(city_row.as_str()) {
                match r.city_row {
                    Some(_) => here(Broken::CityRowNotCity { city_row: city_row.clone() }),
                    None => here(Broken::Plan(PlanBroken::OfficialRowNotCity { row: city_row.clone() })),
                }
            }
            if r.compound && !r.cumulative {
                here(Broken::Plan(PlanBroken::CompoundNotCumulative));
            }
            if r.compound && r.aggregate != Aggregate::None {
                here(Broken::Plan(PlanBroken::CompoundAggregated));
            }
            if r.compound && r.unit != "%" {
                here(Broken::Plan(PlanBroken::CompoundNotPercent { unit: r.unit.clone() }));
            }
            if let Some(t) = r.about_tolerance
                && !(0.0..100.0).contains(&t)
            {
                here(Broken::Plan(PlanBroken::AboutTolerance { value: t }));
            }
            if let Some(rebased) = &r.rebased {
                if r.cumulative {
                    here(Broken::Plan(PlanBroken::RebasedCumulative));
                }
                if r.baseline.is_none() {
                    here(Broken::Plan(PlanBroken::RebasedWithoutBaseline));
                }
                if !rebased.baseline.is_finite() {
                    here(Broken::Plan(PlanBroken::RebasedNotNumber));
                }
                if rebased.note.trim().is_empty() {
                    here(Broken::Plan(PlanBroken::RebasedNoNote));
                }
            }
            for tag in &r.applies_to {
                if !tags.contains(tag.as_str()) {
                    here(Broken::UnknownTag { tag: tag.clone() });
                }
            }
            if let Some(due) = r.due
                && !(plan.base_year < due && due <= plan.target_year)
            {
                here(Broken::DueOutside { due, from: plan.base_year + 1, to: plan.target_year });
            }
            if r.kind == IndicatorType::Task && r.source.is_none() {
                here(Broken::TaskWithoutSource);
            }
            let target_text = r.target_text.unwrap_or_else(|| r.target.clone());
            indicators.push(Indicator {
                id: r.id,
                no,
                given_label: r.label.map(|l| l.trim().to_string()),
                part: r.part,
                domain: r.domain,
                name: r.name,
                unit: r.unit,
                kind: r.kind,
                better: r.better,
                baseline: r.baseline,
                rebased: r.rebased,
                baseline_text: r.baseline_text,
                target,
                target_text,
                note: r.note,
                source_given: r.source.is_some(),
                source: r.source.unwrap_or_else(|| "表2".to_string()),
                due: r.due,
                cumulative: r.cumulative,
                compound: r.compound,
                about_tolerance: r
                    .about_tolerance
                    .or(plan.about_tolerance)
                    .unwrap_or(crate::target::ABOUT_TOLERANCE_DEFAULT_PCT),
                city_row,
                applies_to: r.applies_to,
                aggregate: r.aggregate,
                quote: r.quote,
                line,
            });
        }
        if indicators.is_empty() && issues.is_empty() {
            issues.push(issue(1, None, Broken::NoIndicator));
        }
        let mut project_issue = |line, id: &str, message| issues.push(issue(line, Some(id), message));
        let projects = projects::build(raw.project, &lines, &plan, &counties, &indicators, &mut project_issue);
        if !issues.is_empty() {
            return Err(CatalogError { issues });
        }
        Ok(Catalog {
            origin: origin.to_string(),
            plan,
            references: raw.reference,
            lookup: Lookup::new(&counties, &indicators),
            counties,
            indicators,
            projects,
            status_labels,
        })
    }

    /// The copy of `indicators.toml` built into the binary.
    pub fn embedded() -> Result<Catalog, CatalogError> {
        Catalog::parse(EMBEDDED, EMBEDDED_NAME)
    }

    /// The catalogue named on the command line, else `indicators.toml` in the current folder, else the
    /// embedded copy.
    pub fn locate(explicit: Option<&Path>) -> anyhow::Result<Catalog> {
        use anyhow::Context as _;
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None if Path::new("indicators.toml").is_file() => "indicators.toml".into(),
            None => return Ok(Catalog::embedded()?),
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| crate::problem::Failure::ReadCatalog { path: path.display().to_string() })?;
        Ok(Catalog::parse(&text, &path.display().to_string())?)
    }

    /// Every area by its name and by each alias, as [`Catalog::county`] finds it (the first area that
    /// has the name): for a lookup per area, which a scan of a township-scale catalogue makes quadratic.
    pub fn counties_by_name(&self) -> HashMap<&str, &County> {
        let mut by_name = HashMap::with_capacity(self.counties.len());
        for c in &self.counties {
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                by_name.entry(name.as_str()).or_insert(c);
            }
        }
        by_name
    }

    /// The area a name or alias in a data file refers to (the first, in catalogue order, that has it).
    pub fn county(&self, name: &str) -> Option<&County> {
        let name = name.trim();
        let area = self.lookup.counties.get(name).and_then(|&no| self.counties.get(no));
        area.filter(|c| c.name == name || c.aliases.iter().any(|a| a == name))
    }

    /// The indicator an id or exact Chinese name refers to. A name several indicators share (row 4's
    /// four pollutants) refers to none: only the id or the name with its part says which.
    pub fn indicator(&self, key: &str) -> Option<&Indicator> {
        let key = key.trim();
        // Each hit is checked against the indicator it names: an index that no longer matched the
        // indicators would find none rather than another.
        let at = |no: Option<usize>| no.and_then(|no| self.indicators.get(no));
        let exact = at(self.lookup.exact.get(key).copied()).filter(|i| i.id == key || i.is_displayed_as(key));
        exact.or_else(|| at(self.lookup.names.get(key).copied().flatten()).filter(|i| i.name == key))
    }

    /// The register entry an id or exact name refers to.
    pub fn project(&self, key: &str) -> Option<&Project> {
        let key = key.trim();
        self.projects.iter().find(|p| p.id == key || p.name == key)
    }

    /// The indicator a flag names (`--indicator`): by id, by its name (with or without the part), or by
    /// a piece of the name or id that only one indicator has. A miss suggests the nearest id or name.
    pub fn find(&self, raw: &str, flag: &'static str) -> Result<&Indicator, crate::problem::Failure> {
        use crate::problem::Failure;
        let raw = raw.trim();
        if let Some(ind) = self.indicator(raw) {
            return Ok(ind);
        }
        let exact: Vec<&Indicator> =
            self.indicators.iter().filter(|i| i.display_name() == raw || i.part.as_deref() == Some(raw)).collect();
        if let [one] = exact.as_slice() {
            return Ok(one);
        }
        let containing: Vec<&Indicator> = self
            .indicators
            .iter()
            .filter(|i| !raw.is_empty() && (i.display_name().contains(raw) || i.id.contains(raw)))
            .collect();
        match containing.as_slice() {
            [one] => Ok(one),
            [] => {
                let names: Vec<String> =
                    self.indicators.iter().flat_map(|i| [i.id.clone(), i.display_name()]).collect();
                let hint = crate::problem::closest(raw, names.iter().map(String::as_str));
                Err(Failure::NoIndicator { flag, key: raw.to_string(), hint })
            }
            many => {
                let ids = many.iter().map(|i| i.id.clone()).collect();
                Err(Failure::AmbiguousIndicator { key: raw.to_string(), ids })
            }
        }
    }

    pub fn reference_value(&self, id: &str) -> Option<f64> {
        self.references.iter().find(|r| r.id == id).and_then(|r| r.value)
    }

    pub fn reference(&self, id: &str) -> Option<&Reference> {
        self.references.iter().find(|r| r.id == id)
    }

    /// The same catalogue with only the indicators `filter` selects; `None` when it selects none.
    pub fn select(&self, filter: &SourceFilter) -> Option<Catalog> {
        let indicators: Vec<Indicator> = self.indicators.iter().filter(|i| filter.matches(i)).cloned().collect();
        // The lookup is of the indicators kept: positions in the whole list would find the wrong ones.
        (!indicators.is_empty()).then(|| Catalog {
            lookup: Lookup::new(&self.counties, &indicators),
            indicators,
            ..self.clone()
        })
    }

    /// Reporting areas, in catalogue order (not the city-level rows).
    pub fn areas(&self) -> impl Iterator<Item = &County> {
        self.counties.iter().filter(|c| c.kind == AreaKind::Area)
    }
}

/// Loads a catalogue and lints it (`check-catalog`): its loader errors, or the warnings of a catalogue
/// that loads, each a [`Problem`] at the indicator's line.
pub fn check(text: &str, origin: &str, plan: Option<&str>) -> (Option<Catalog>, Vec<Problem>) {
    match Catalog::parse(text, origin) {
        Ok(catalog) => {
            let mut found: Vec<Problem> = catalog.indicators.iter().flat_map(|i| lint(&catalog, i, plan)).collect();
            found.extend(catalog.projects.iter().filter_map(|p| lint_project(&catalog, p, plan)));
            (Some(catalog), found)
        }
        Err(e) => (None, e.issues),
    }
}

/// What `eval` cannot judge in one indicator of a catalogue that loads: a target relative to a
/// baseline the catalogue does not give, a trend with nothing to start its series from, a province
/// target that does not say where the province assigns it, a rule against the indicator's polarity, a
/// quote not found in the plan.
pub fn lint(catalog: &Catalog, ind: &Indicator, plan: Option<&str>) -> Vec<Problem> {
    let base = catalog.plan.base_year;
    let target = ind.target.to_string();
    let mut found = Vec::new();
    let mut warn = |code, warned: Warned| {
        let mut p = Problem::warning(code, &catalog.origin, Expected::Lint(warned));
        p.line = Some(ind.line);
        p.field = Some(ind.id.clone());
        found.push(p);
    };
    if ind.target.needs_baseline() && ind.baseline.is_none() {
        warn(Code::NoBaseline, Warned::NoBaseline { target: target.clone(), base });
    }
    if matches!(ind.target, Target::Trend(_)) && ind.baseline.is_none() {
        warn(Code::TrendWithoutSeries, Warned::TrendWithoutSeries { target: target.clone(), base });
    }
    if ind.target == Target::Province && ind.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        warn(Code::ProvinceWithoutSource, Warned::ProvinceWithoutSource);
    }
    if let (Target::Threshold { cmp, value }, Some(_)) = (&ind.target, ind.target.against_polarity(ind.better)) {
        let warned = Warned::AgainstPolarity { target: target.clone(), cmp: *cmp, value: *value, better: ind.better };
        warn(Code::RuleAgainstPolarity, warned);
    }
    if let (Some(plan), Some(quote)) = (plan, &ind.quote)
        && !plan.contains(quote.as_str())
    {
        warn(Code::QuoteNotInPlan, Warned::QuoteNotInPlan { quote: quote.clone() });
    }
    // A relative change where a rate's table means points; a row without the source others give.
    if let Target::Baseline { change_pct } = ind.target
        && change_pct != 0.0
        && ind.unit == "%"
    {
        let points = format!("baseline {change_pct:+}pp");
        warn(Code::RelativeChangeOnPercent, Warned::RelativeOnPercent { target: target.clone(), points });
    }
    if !ind.source_given && catalog.indicators.iter().any(|i| i.source_given) {
        warn(Code::NoSource, Warned::NoSource { default: ind.source.clone() });
    }
    found
}

/// The warning about a register entry of a catalogue that loads: its quote is not the plan's words.
fn lint_project(catalog: &Catalog, p: &Project, plan: Option<&str>) -> Option<Problem> {
    if plan?.contains(p.quote.as_str()) {
        return None;
    }
    let mut found = Problem::warning(
        Code::QuoteNotInPlan,
        &catalog.origin,
        Expected::Lint(Warned::QuoteNotInPlan { quote: p.quote.clone() }),
    );
    found.line = Some(p.line);
    found.field = Some(p.id.clone());
    Some(found)
}

/// Why a target does not fit an indicator of this unit, direction and kind; `None` when it does.
/// The catalogue's targets and the `--targets` file's go through the same checks.
pub fn target_fits(
    unit: &str,
    better: Better,
    cumulative: bool,
    yes_no: bool,
    target: &Target,
    text: &str,
) -> Option<Misfit> {
    let percent = unit == "%";
    match target {
        Target::Trend(Trend::Rising) if better == Better::Lower => Some(Misfit::RisingOnLower),
        Target::Trend(Trend::Falling) if better == Better::Higher => Some(Misfit::FallingOnHigher),
        Target::Eliminated { .. } if !percent => Some(Misfit::EliminatedNotPercent { unit: unit.to_string() }),
        Target::Eliminated { .. } if target.against_polarity(better).is_some() => {
            Some(Misfit::EliminatedAgainst { target: target.to_string(), better })
        }
        Target::Done if !yes_no => Some(Misfit::DoneNotYesNo),
        Target::BaselinePoints { .. } if !percent => Some(Misfit::PointsOnUnit { unit: unit.to_string() }),
        Target::Threshold { value, .. } | Target::Level(value) | Target::About(value) => {
            if yes_no && *value != 0.0 && *value != 1.0 {
                return Some(Misfit::YesNoValue);
            }
            if !percent && text.contains(['%', '％']) {
                return Some(Misfit::PercentOnUnit { unit: unit.to_string() });
            }
            let low = if percent && cumulative { -100.0 } else { 0.0 };
            let high = if percent { 100.0 } else { f64::INFINITY };
            (!(low..=high).contains(value)).then_some(Misfit::Outside { value: *value, low, percent })
        }
        _ => None,
    }
}

/// Byte offsets of line starts, so that finding the line of each of many entries is a binary search,
/// not a count from the top of the file each time.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect())
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(indicators: &str) -> String {
        format!(
            r#"[plan]
name = "p"
base_year = 2020
target_year = 2025
midterm_year = 2023

[[county]]
name = "全市"
kind = "city"

[[county]]
name = "晋江市"
aliases = ["晋江"]
tags = ["coastal"]
{indicators}"#
        )
    }

    const ONE: &str = r#"
[[indicator]]
id = "forest"
no = 12
domain = "美丽乡村"
name = "森林覆盖率（%）"
unit = "%"
type = "binding"
better = "higher"
baseline = 58.7
target = "58.7"
"#;

    #[test]
    fn the_areas_by_name_are_those_county_finds() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let by_name = c.counties_by_name();
        let names: Vec<&str> =
            c.counties.iter().flat_map(|a| std::iter::once(&a.name).chain(&a.aliases)).map(String::as_str).collect();
        assert!(names.len() > c.counties.len(), "the catalogue has aliases to look up");
        for name in names.into_iter().chain(["厦门市", ""]) {
            assert_eq!(by_name.get(name).map(|a| &a.name), c.county(name).map(|a| &a.name), "{name}");
        }
    }

    /// The lookups by index find what a scan of the catalogue finds (the first area with the name or
    /// alias; the first indicator with the id or displayed name, else the one indicator of the name).
    #[test]
    fn the_indexed_lookups_find_what_a_scan_finds() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let scan_county = |name: &str| {
            let name = name.trim();
            c.counties.iter().find(|a| a.name == name || a.aliases.iter().any(|x| x == name)).map(|a| &a.name)
        };
        let scan_indicator = |key: &str| {
            let key = key.trim();
            let mut by_name = c.indicators.iter().filter(|i| i.name == key);
            let unique = match (by_name.next(), by_name.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            };
            c.indicators.iter().find(|i| i.id == key || i.is_displayed_as(key)).or(unique).map(|i| &i.id)
        };
        let mut areas: Vec<String> =
            c.counties.iter().flat_map(|a| std::iter::once(&a.name).chain(&a.aliases)).cloned().collect();
        areas.extend(["厦门市", "", " 晋江 ", "晋江市\u{3000}"].map(String::from));
        for name in &areas {
            assert_eq!(c.county(name).map(|a| &a.name), scan_county(name), "{name:?}");
        }
        let mut keys: Vec<String> = Vec::new();
        for i in &c.indicators {
            keys.extend([i.id.clone(), i.name.clone(), i.display_name().to_string()]);
            keys.extend(i.part.iter().map(|p| format!("{}：{p}", i.name)));
            keys.extend(i.part.iter().map(|p| format!("{}:{p}", i.name)));
        }
        keys.extend(["", " forest_coverage ", "no_such_indicator"].map(String::from));
        let shared = keys.iter().filter(|k| c.indicator(k).is_none() && scan_indicator(k).is_none()).count();
        assert!(shared > 0, "a name several indicators share finds none");
        for key in &keys {
            assert_eq!(c.indicator(key).map(|i| &i.id), scan_indicator(key), "{key:?}");
        }
    }

    /// A selection's lookups find its own indicators, at their places in it, and none it left out.
    #[test]
    fn a_selection_finds_its_own_indicators() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let body = c.select(&SourceFilter::Body).expect("the plan's body has tasks");
        let table = c.select(&SourceFilter::Table).expect("Table 2");
        assert!(!body.indicators.is_empty() && !table.indicators.is_empty());
        for i in &c.indicators {
            let (kept, left) = if i.kind == IndicatorType::Task { (&body, &table) } else { (&table, &body) };
            assert_eq!(kept.indicator(&i.id).map(|k| &k.id), Some(&i.id));
            assert!(left.indicator(&i.id).is_none(), "{}", i.id);
        }
        assert_eq!(table.county("晋江").map(|a| a.name.as_str()), Some("晋江市"));
    }

    #[test]
    fn the_shipped_catalogue_is_valid() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(c.indicators.len() >= 32);
    }

    #[test]
    fn a_minimal_catalogue_loads() {
        let c = Catalog::parse(&minimal(ONE), "t.toml").unwrap();
        assert_eq!(c.indicators[0].source, "表2");
        assert_eq!(c.indicators[0].target_text, "58.7");
        assert_eq!(c.county("晋江").map(|c| c.name.as_str()), Some("晋江市"));
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let text = minimal(&ONE.replace("unit = \"%\"", "unit = \"%\"\nunits = \"%\""));
        let err = Catalog::parse(&text, "t.toml").unwrap_err();
        let issue = &err.issues[0];
        assert!(issue.message().contains("unknown field `units`"), "{issue}");
        assert_eq!(issue.line, Some(text.lines().position(|l| l.starts_with("units")).unwrap() + 1));
    }

    #[test]
    fn duplicate_ids_bad_targets_and_reused_aliases_are_all_reported() {
        let bad_target = ONE.replace("target = \"58.7\"", "target = \"完成省下达目标\"").replace("forest", "other");
        let text = minimal(&format!("{ONE}{ONE}{bad_target}")).replace("aliases = [\"晋江\"]", "aliases = [\"全市\"]");
        let err = Catalog::parse(&text, "t.toml").unwrap_err();
        let messages: Vec<String> = err.issues.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages[0].contains("\"全市\" is already used by 全市"));
        assert!(messages[1].contains("forest: duplicate id \"forest\" (first defined at line"));
        assert!(messages[2].starts_with("t.toml:") && messages[2].contains("other: cannot read target"));
    }

    #[test]
    fn sources_select_the_table_the_body_or_a_chapter() {
        let c = Catalog::parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let count = |s: &str| c.select(&s.parse().unwrap()).map_or(0, |c| c.indicators.len());
        assert_eq!(count("all"), c.indicators.len());
        assert_eq!(count("table"), 32);
        assert_eq!(count("表2"), 32);
        assert_eq!(count("body"), c.indicators.len() - 32);
        assert_eq!(count("专栏六"), 14);
        assert_eq!(count("第八章"), 17, "第八章第一节 11 + 第二节 3 + 第三节 3");
        assert_eq!(count("第十一章"), 0);
        assert!(c.select(&"专栏十".parse().unwrap()).is_none());
        assert!("  ".parse::<SourceFilter>().is_err());
    }

    #[test]
    fn a_task_is_the_whole_citys_unless_it_names_the_areas() {
        let task = ONE.replace("type = \"binding\"", "type = \"task\"\nsource = \"专栏七\"");
        let c = Catalog::parse(&minimal(&task), "t.toml").unwrap();
        let (ind, city, jinjiang) = (&c.indicators[0], c.county("全市").unwrap(), c.county("晋江").unwrap());
        assert!(ind.is_city_level() && ind.applies_to_area(city) && !ind.applies_to_area(jinjiang));
        let tagged = task.replace("target = \"58.7\"", "target = \"58.7\"\napplies_to = [\"coastal\"]");
        let c = Catalog::parse(&minimal(&tagged), "t.toml").unwrap();
        assert!(!c.indicators[0].is_city_level() && c.indicators[0].applies_to_area(c.county("晋江").unwrap()));
    }

    #[test]
    fn references_city_rows_tags_and_due_years_are_checked() {
        let text = minimal(&ONE.replace(
            "target = \"58.7\"",
            "target = \"reference nope\"\ncity_row = \"中心市区\"\napplies_to = [\"inland\"]\ndue = 2030",
        ));
        let err = Catalog::parse(&text, "t.toml").unwrap_err();
        let all = err.to_string();
        for needle in ["no [[reference]] defines", "city_row \"中心市区\"", "tag \"inland\"", "due year 2030"] {
            assert!(all.contains(needle), "{needle} in {all}");
        }
    }

    #[test]
    fn a_sub_row_label_is_shown_and_a_label_in_no_points_to_label() {
        let labelled = ONE.replace("no = 12", "no = 15\nlabel = \"15a\"");
        let c = Catalog::parse(&minimal(&labelled), "t.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((c.indicators[0].no, c.indicators[0].label(&c)), (Some(15), "15a".to_string()));
        let c = Catalog::parse(&minimal(ONE), "t.toml").unwrap();
        assert_eq!(c.indicators[0].label(&c), "12", "without a label, no");
        let text = minimal(&ONE.replace("no = 12", "no = \"15a\""));
        let err = Catalog::parse(&text, "t.toml").unwrap_err();
        let line = text.lines().position(|l| l.starts_with("no = ")).unwrap() + 1;
        assert_eq!(err.issues.len(), 1, "{err}");
        assert_eq!(err.issues[0].line, Some(line));
        assert!(
            err.issues[0].message().contains("a sub-row's label goes in `label` (no = 15, label = \"15a\")"),
            "{err}"
        );
    }

    #[test]
    fn a_part_is_not_repeated_after_a_name_that_ends_with_it() {
        let ind = |name: &str| {
            let text = minimal(&ONE.replace("森林覆盖率（%）", name).replace("no = 12", "no = 12\npart = \"氨氮\""));
            Catalog::parse(&text, "t.toml").unwrap().indicators[0].display_name()
        };
        assert_eq!(ind("主要污染物重点工程减排量"), "主要污染物重点工程减排量：氨氮");
        assert_eq!(ind("重点工程减排量：氨氮"), "重点工程减排量：氨氮");
        assert_eq!(ind("重点工程减排量（氨氮）"), "重点工程减排量（氨氮）");
    }

    #[test]
    fn eliminated_against_polarity_is_refused_when_loaded() {
        let lower = ONE.replace("better = \"higher\"", "better = \"lower\"");
        for (indicator, target, ok) in [
            (ONE, "eliminated", true),
            (ONE, "eliminated >= 95", true),
            (ONE, "eliminated <= 5", false),
            (lower.as_str(), "eliminated", true),
            (lower.as_str(), "eliminated <= 5", true),
            (lower.as_str(), "eliminated >= 90", false),
        ] {
            let text = minimal(&indicator.replace("target = \"58.7\"", &format!("target = \"{target}\"")));
            match Catalog::parse(&text, "t.toml") {
                Ok(_) => assert!(ok, "{target} loaded"),
                Err(e) => {
                    assert!(!ok, "{target}: {e}");
                    assert!(e.to_string().contains("there eliminated means a share"), "{e}");
                }
            }
        }
    }

    #[test]
    fn the_keys_of_other_plans_are_checked_as_they_load() {
        let load = |extra_plan: &str, indicator: &str| {
            let text =
                minimal(indicator).replacen("midterm_year = 2023\n", &format!("midterm_year = 2023\n{extra_plan}"), 1);
            Catalog::parse(&text, "t.toml").map_err(|e| e.to_string())
        };
        // official_row serves every indicator without city_row, and must be a city row.
        let c = load("official_row = \"全市\"\nlevel = { zh = \"全市层面\", en = \"city-wide\" }\n", ONE).unwrap();
        assert_eq!(c.indicators[0].city_row, "全市");
        let err = load("official_row = \"全国\"\n", ONE).unwrap_err();
        assert!(err.contains("[plan] official_row \"全国\" is not a [[county]]"), "{err}");
        // Status words: keys are the JSON status names.
        let err = load("", &format!("{ONE}\n[status_labels.zh]\nontrack = \"达到序时进度\"\n")).unwrap_err();
        assert!(err.contains("\"ontrack\" is not a status"), "{err}");
        let c = load("", &format!("{ONE}\n[status_labels.zh]\nheld = \"基本符合预期\"\n")).unwrap();
        assert_eq!(c.status_word("held", true), Some("基本符合预期"));
        assert_eq!(c.status_word("held", false), None);
        // rebased needs a note and the printed baseline beside it.
        let rebased = ONE.replace("baseline = 58.7\n", "baseline = 58.7\nrebased = { baseline = 59, note = \"\" }\n");
        assert!(load("", &rebased).unwrap_err().contains("rebased needs a note"));
        let unprinted = ONE.replace("baseline = 58.7\n", "rebased = { baseline = 59, note = \"重算\" }\n");
        assert!(load("", &unprinted).unwrap_err().contains("give that as `baseline`"));
        // compound is for a cumulative rate in %.
        let compound = ONE.replace("target = \"58.7\"", "target = \">= 13.5\"\ncompound = true");
        assert!(load("", &compound).unwrap_err().contains("compound = true is for a cumulative indicator"));
        // about: the tolerance in % of N, from the indicator, else [plan], else 5.
        let about = ONE.replace("target = \"58.7\"", "target = \"about 58.7\"");
        assert_eq!(load("", &about).unwrap().indicators[0].about_tolerance, 5.0);
        assert_eq!(load("about_tolerance = 2\n", &about).unwrap().indicators[0].about_tolerance, 2.0);
        let own = about.replace("target = \"about 58.7\"", "target = \"about 58.7\"\nabout_tolerance = 1");
        assert_eq!(load("about_tolerance = 2\n", &own).unwrap().indicators[0].about_tolerance, 1.0);
        assert!(load("about_tolerance = 100\n", &about).unwrap_err().contains("about_tolerance = 100"));
        let too_high = ONE.replace("target = \"58.7\"", "target = \"about 120\"");
        assert!(load("", &too_high).unwrap_err().contains("120 is outside what the indicator can measure"));
        // Percentage points only on a % indicator.
        let pp =
            ONE.replace("unit = \"%\"", "unit = \"万亩\"").replace("target = \"58.7\"", "target = \"baseline +3pp\"");
        assert!(load("", &pp).unwrap_err().contains("percentage points (pp) are for an indicator measured in %"));
    }
}
