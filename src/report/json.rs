//! The JSON document of `eval --format json`, documented in README.md ("JSON output"). Its field names
//! and status values are a stable, English interface.

use std::io::Write;

use serde::Serialize;

use super::Report;
use crate::evaluate::{Stage, Status, Summary};

#[derive(Serialize)]
struct Document<'a> {
    plan: &'a str,
    catalog: &'a str,
    files: &'a [String],
    year: i32,
    stage: Stage,
    elapsed_share: Option<f64>,
    summary: Summary,
    results: Vec<ResultRow<'a>>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    text: &'a str,
    resolved: Option<&'a str>,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct ResultRow<'a> {
    county: &'a str,
    official: bool,
    indicator: &'a str,
    no: Option<u32>,
    name: String,
    domain: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    better: crate::target::Better,
    unit: &'a str,
    baseline: Option<f64>,
    target: TargetJson<'a>,
    value: Option<f64>,
    completion: Option<f64>,
    status: Status,
    reason: Option<String>,
    /// Where the plan states it (表2, 第八章第一节, 专栏六) and the year it is due.
    source: &'a str,
    due: i32,
}

pub fn render(report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
    let e = report.evaluation;
    let results = e
        .verdicts
        .iter()
        .filter_map(|v| {
            let ind = report.catalog.indicator(&v.indicator)?;
            Some(ResultRow {
                county: &v.county,
                official: v.official,
                indicator: &ind.id,
                no: ind.no,
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
                completion: v.completion.map(|c| (c * 10_000.0).round() / 10_000.0),
                status: v.status,
                reason: v.reason.as_ref().map(|r| r.text(crate::Lang::En)),
                source: &ind.source,
                due: ind.due.unwrap_or(report.catalog.plan.target_year),
            })
        })
        .collect();
    let doc = Document {
        plan: &report.catalog.plan.name,
        catalog: &report.catalog.origin,
        files: report.files,
        year: e.year,
        stage: e.stage,
        elapsed_share: (e.stage == Stage::Midterm).then_some(e.elapsed_share),
        summary: Summary::of(report.catalog, e.official()),
        results,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
