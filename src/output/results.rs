//! The machine form of a verdict, shared by every document that carries results (`eval`, `trend`,
//! `rank`): field names and status values are a stable English interface (docs/output.md). A field
//! added here appears in the JSON and, flattened, as a CSV column.

use serde::Serialize;

use super::EvalView;
use crate::catalog::{Catalog, Indicator};
use crate::evaluate::{Basis, Stage, Status, Verdict};
use crate::labels::{self, Lang};
use crate::progress::{Category, Point, Progress};

/// The fields every evaluation document starts with: what was evaluated, when, and at which stage.
#[derive(Serialize)]
pub struct Header<'a> {
    plan: &'a str,
    catalog: &'a str,
    files: &'a [String],
    year: i32,
    stage: Stage,
    elapsed_share: Option<f64>,
}

impl<'a> Header<'a> {
    pub fn of(report: &EvalView<'a>) -> Header<'a> {
        let e = report.evaluation;
        Header {
            plan: &report.catalog.plan.name,
            catalog: &report.catalog.origin,
            files: report.files,
            year: e.year,
            stage: e.stage,
            elapsed_share: (e.stage == Stage::Midterm).then_some(e.elapsed_share),
        }
    }
}

/// The target in force: the plan's words, the rule they resolve to, who assigned it.
#[derive(Serialize)]
pub struct TargetJson<'a> {
    pub text: &'a str,
    pub resolved: Option<&'a str>,
    pub source: Option<&'a str>,
}

impl<'a> TargetJson<'a> {
    pub fn of(v: &'a Verdict) -> TargetJson<'a> {
        TargetJson { text: &v.target.text, resolved: v.target.resolved.as_deref(), source: v.target.source.as_deref() }
    }
}

#[derive(Serialize)]
pub struct ResultRow<'a> {
    pub county: &'a str,
    pub official: bool,
    pub indicator: &'a str,
    pub no: Option<u32>,
    /// The label tables show: the catalogue's `label`, else `no` with a part letter (4a).
    pub label: String,
    pub name: String,
    pub domain: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub better: crate::target::Better,
    pub unit: &'a str,
    /// The base-year value the verdict is measured from (the re-based one, where there is one).
    pub baseline: Option<f64>,
    /// The baseline as the plan prints it, when a re-based one replaced it; null otherwise.
    pub printed_baseline: Option<f64>,
    /// Why the baseline was re-based (the catalogue's `rebased.note`); null when it was not.
    pub rebased_note: Option<&'a str>,
    pub target: TargetJson<'a>,
    pub value: Option<f64>,
    /// How many areas a city value was aggregated from; null when the file reported it.
    pub aggregated_from: Option<usize>,
    pub completion: Option<f64>,
    pub status: Status,
    pub reason: Option<String>,
    pub progress: Option<ProgressJson>,
    /// Where the plan states it (表2, 第八章第一节, 专栏六) and the year it is due.
    pub source: &'a str,
    pub due: i32,
    /// Where the value (and a baseline read from the data) came from: `file:line`, the rows of an
    /// aggregate, `base year row at file:line`; null when the data has no row.
    pub origin: Option<String>,
}

/// `progress` of a result: rates and ratio as shares, values in the indicator's unit, rounded to four
/// decimals.
#[derive(Serialize)]
pub struct ProgressJson {
    from: Point,
    latest: Point,
    linear: bool,
    actual_rate: f64,
    required_rate: f64,
    ratio: Option<f64>,
    category: Category,
    projection: ProjectionJson,
}

#[derive(Serialize)]
struct ProjectionJson {
    year: i32,
    value: f64,
    target: f64,
    meets_target: bool,
    gap: f64,
}

pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl From<&Progress> for ProgressJson {
    fn from(p: &Progress) -> Self {
        ProgressJson {
            from: p.from,
            latest: p.latest,
            linear: p.linear,
            actual_rate: round4(p.actual_rate),
            required_rate: round4(p.required_rate),
            ratio: p.ratio.map(round4),
            category: p.category,
            projection: ProjectionJson {
                year: p.projection.year,
                value: round4(p.projection.value),
                target: p.projection.target.value,
                meets_target: p.projection.meets_target,
                gap: round4(p.projection.gap),
            },
        }
    }
}

/// One verdict as a JSON result; `None` for an indicator the catalogue does not have.
pub fn result_row<'a>(catalog: &'a Catalog, files: &[String], v: &'a Verdict) -> Option<ResultRow<'a>> {
    result_row_of(catalog, catalog.indicator(&v.indicator)?, files, v)
}

/// One verdict of the indicator `ind` as a JSON result.
pub fn result_row_of<'a>(
    catalog: &'a Catalog,
    ind: &'a Indicator,
    files: &[String],
    v: &'a Verdict,
) -> Option<ResultRow<'a>> {
    Some(ResultRow {
        county: &v.county,
        official: v.official,
        indicator: &ind.id,
        no: ind.no,
        label: ind.label(catalog),
        name: ind.display_name(),
        domain: &ind.domain,
        kind: ind.kind.as_str(),
        better: ind.better,
        unit: &ind.unit,
        baseline: v.baseline,
        printed_baseline: v.printed_baseline,
        rebased_note: ind.rebased.as_ref().filter(|_| v.printed_baseline.is_some()).map(|r| r.note.as_str()),
        target: TargetJson::of(v),
        value: v.value,
        aggregated_from: match v.basis {
            Basis::Aggregated { areas } => Some(areas),
            Basis::Reported => None,
        },
        completion: v.completion.map(round4),
        status: v.status,
        reason: v.reason.as_ref().map(labels::reason_record),
        progress: v.progress.as_deref().map(ProgressJson::from),
        source: &ind.source,
        due: ind.due.unwrap_or(catalog.plan.target_year),
        origin: (!v.origin.is_empty()).then(|| v.origin.text(files)),
    })
}

/// The columns a CSV row of a result starts with: the plan's 序号 as printed and the status in words.
pub fn csv_lead(catalog: &Catalog, v: &Verdict, lang: Lang) -> Vec<(&'static str, serde_json::Value)> {
    let label = catalog.indicator(&v.indicator).map_or(v.indicator.to_string(), |i| i.label(catalog));
    vec![("label", label.into()), ("status_label", labels::status_word(catalog, v.status, lang).into_owned().into())]
}

/// The CSV shape of a result row: `row` with `progress` filled in by a sample, so that the progress
/// columns are there even when no result has a series.
pub fn shape_of(mut row: serde_json::Map<String, serde_json::Value>) -> serde_json::Map<String, serde_json::Value> {
    let points = [Point { year: 2020, value: 1.0 }, Point { year: 2021, value: 2.0 }];
    let rule = crate::target::Rule { cmp: crate::target::Cmp::AtLeast, value: 3.0 };
    let sample = crate::progress::assess(&points, rule, 2025, None).map(|p| ProgressJson::from(&p));
    if let (Some(slot), Some(sample)) = (row.get_mut("progress"), sample.and_then(|p| serde_json::to_value(p).ok())) {
        *slot = sample;
    }
    row
}
