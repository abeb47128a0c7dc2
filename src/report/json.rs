//! The JSON document of `eval --format json`, documented in README.md ("JSON output"). Its field names
//! and status values are a stable, English interface.

use std::io::Write;

use serde::Serialize;

use super::Report;
use crate::evaluate::{Stage, Status, Summary, Verdict};
use crate::progress::{Category, Point, Progress};

/// The fields every evaluation document starts with: what was evaluated, when, and at which stage.
#[derive(Serialize)]
pub(super) struct Header<'a> {
    plan: &'a str,
    catalog: &'a str,
    files: &'a [String],
    year: i32,
    stage: Stage,
    elapsed_share: Option<f64>,
}

impl<'a> Header<'a> {
    pub(super) fn of(report: &Report<'a>) -> Header<'a> {
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

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    header: Header<'a>,
    summary: Summary,
    results: Vec<ResultRow<'a>>,
    warnings: &'a [crate::problem::Problem],
}

#[derive(Serialize)]
pub(super) struct TargetJson<'a> {
    text: &'a str,
    resolved: Option<&'a str>,
    source: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct ResultRow<'a> {
    county: &'a str,
    official: bool,
    indicator: &'a str,
    no: Option<u32>,
    /// The label tables show: the catalogue's `label`, else `no` with a part letter (4a).
    label: String,
    name: String,
    domain: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    better: crate::target::Better,
    unit: &'a str,
    baseline: Option<f64>,
    target: TargetJson<'a>,
    value: Option<f64>,
    /// How many areas a city value was aggregated from; null when the file reported it.
    aggregated_from: Option<usize>,
    completion: Option<f64>,
    status: Status,
    reason: Option<String>,
    progress: Option<ProgressJson>,
    /// Where the plan states it (表2, 第八章第一节, 专栏六) and the year it is due.
    source: &'a str,
    due: i32,
    /// Where the value (and a baseline read from the data) came from: `file:line`, the rows of an
    /// aggregate, `base year row at file:line`; null when the data has no row.
    origin: Option<String>,
}

/// `progress` of a result (README.md, "JSON output"): rates and ratio as shares, values in the
/// indicator's unit, rounded to four decimals.
#[derive(Serialize)]
pub(super) struct ProgressJson {
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

fn round4(x: f64) -> f64 {
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

pub fn render(report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
    let e = report.evaluation;
    let headline = report.headline();
    let shown: Vec<&Verdict> = match report.area {
        Some(_) => headline.clone(),
        None => e.verdicts.iter().collect(),
    };
    let results = shown.into_iter().filter_map(|v| result_row(report.catalog, v)).collect();
    let doc = Document {
        header: Header::of(report),
        summary: Summary::of(report.catalog, headline.into_iter()),
        results,
        warnings: &e.warnings,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// One verdict as a JSON result; `None` for an indicator the catalogue does not have.
pub(super) fn result_row<'a>(catalog: &'a crate::catalog::Catalog, v: &'a Verdict) -> Option<ResultRow<'a>> {
    let ind = catalog.indicator(&v.indicator)?;
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
        target: TargetJson {
            text: &v.target.text,
            resolved: v.target.resolved.as_deref(),
            source: v.target.source.as_deref(),
        },
        value: v.value,
        aggregated_from: match v.basis {
            crate::evaluate::Basis::Aggregated { areas } => Some(areas),
            crate::evaluate::Basis::Reported => None,
        },
        completion: v.completion.map(|c| (c * 10_000.0).round() / 10_000.0),
        status: v.status,
        reason: v.reason.as_ref().map(|r| r.text(crate::Lang::En)),
        progress: v.progress.as_ref().map(ProgressJson::from),
        source: &ind.source,
        due: ind.due.unwrap_or(catalog.plan.target_year),
        origin: (!v.origin.is_empty()).then(|| v.origin.to_string()),
    })
}
