//! `eval --explain ID`: one verdict taken apart for an analyst who questions it — the rule and where it
//! comes from, the figures and the rows they were read from, the arithmetic of completion, of the
//! elapsed share and of the progress measures, and the status with its reason.

use serde_json::{Map, Value};

use super::Content;
use crate::Lang;
use crate::catalog::{Catalog, Indicator};
use crate::evaluate::{Basis, Evaluation, Stage, Verdict};
use crate::labels::{
    BaselineFrom, Explained, TargetFrom, ValueFrom, explained_baseline, explained_elapsed, explained_indicator,
    explained_label, explained_level_held, explained_line, explained_no_baseline, explained_progress,
    explained_projection, explained_series, explained_target, explained_value, num, percent, reason,
};

/// One line of the explanation: what it is about, and what it says.
pub struct Line {
    /// A stable English key, for the JSON document and the CSV records.
    pub key: &'static str,
    pub label: &'static str,
    pub text: String,
}

/// The explanation as content: `label：text` lines for a person; for JSON and CSV the same lines in
/// English under stable keys, with the verdict's origin.
pub fn build(catalog: &Catalog, evaluation: &Evaluation, ind: &Indicator, v: &Verdict, lang: Lang) -> Content<'static> {
    let heading = explain(catalog, evaluation, ind, v, lang)
        .into_iter()
        .map(|l| explained_line(l.label, &l.text, lang))
        .collect();
    let english = explain(catalog, evaluation, ind, v, Lang::En);
    let mut document = Map::new();
    document.insert("indicator".into(), Value::from(ind.id.as_str()));
    document.insert("county".into(), Value::from(&*v.county));
    document.insert("status".into(), Value::from(v.status.as_str()));
    document.insert("origin".into(), (!v.origin.is_empty()).then(|| v.origin.text(&evaluation.files)).into());
    let lines: Vec<Value> = english.iter().map(|l| serde_json::json!({ "item": l.key, "text": l.text })).collect();
    document.insert("explanation".into(), Value::Array(lines));
    let records = english
        .iter()
        .map(|l| {
            let mut r = Map::new();
            r.insert("indicator".into(), Value::from(ind.id.as_str()));
            r.insert("county".into(), Value::from(&*v.county));
            r.insert("item".into(), Value::from(l.key));
            r.insert("text".into(), Value::from(l.text.as_str()));
            r
        })
        .collect();
    let document = Some(Box::new(super::Json(Value::Object(document))) as Box<dyn super::Document>);
    Content { heading, document, records, ..Content::default() }
}

/// The stable key of a line in JSON and CSV.
fn key(item: Explained) -> &'static str {
    match item {
        Explained::Indicator => "indicator",
        Explained::Row => "row",
        Explained::Target => "target",
        Explained::Baseline => "baseline",
        Explained::Value => "value",
        Explained::Completion => "completion",
        Explained::Progress => "progress",
        Explained::Projection => "projection",
        Explained::Series => "series",
        Explained::Status => "status",
    }
}

/// The explanation of one verdict, line by line, in the report's language.
pub fn explain(catalog: &Catalog, evaluation: &Evaluation, ind: &Indicator, v: &Verdict, lang: Lang) -> Vec<Line> {
    let line = |item, text: String| Line { key: key(item), label: explained_label(item, lang), text };
    let defined_at = format!("{}:{}", catalog.origin, ind.line);
    let mut lines = vec![
        line(
            Explained::Indicator,
            explained_indicator(
                &ind.id,
                &ind.display_name(),
                &ind.label(catalog),
                ind.kind,
                ind.better,
                &defined_at,
                lang,
            ),
        ),
        line(Explained::Row, crate::labels::explained_row(catalog, &v.county, v.official, lang)),
        line(Explained::Target, target_text(&defined_at, ind, v, lang)),
        line(Explained::Baseline, baseline_text(catalog, &evaluation.files, &defined_at, ind, v, lang)),
        line(Explained::Value, value_text(ind, v, evaluation, lang)),
    ];
    if let Some(text) = completion_text(catalog, ind, v, evaluation, lang) {
        lines.push(line(Explained::Completion, text));
    }
    if let Some(p) = &v.progress {
        lines.push(line(Explained::Progress, explained_progress(p, lang)));
        // Nothing to project once the year projected to is measured (issue 21).
        if p.projection.year > evaluation.year {
            let points = crate::labels::in_percent(&ind.unit, &ind.name);
            lines.push(line(Explained::Projection, explained_projection(p, points, lang)));
        }
    }
    if !v.series.is_empty() {
        let points: Vec<String> = v.series.iter().map(|p| format!("{} {}", p.year, num(p.value))).collect();
        lines.push(line(Explained::Series, explained_series(&points, lang)));
    }
    let mut status = crate::labels::status_word(catalog, v.status, lang).into_owned();
    if let Some(r) = &v.reason {
        status.push_str(&format!(" — {}", reason(r, lang)));
        // The explanation is the analyst's: what would let the verdict be reached is said here too.
        if let Some(advice) = crate::labels::reason_advice(r, lang) {
            status.push_str(&format!("{}{advice}", crate::labels::word(crate::labels::Word::Separator, lang)));
        }
    }
    lines.push(line(Explained::Status, status));
    lines
}

fn target_text(defined_at: &str, ind: &Indicator, v: &Verdict, lang: Lang) -> String {
    let t = &v.target;
    let from = match &t.source {
        Some(source) => TargetFrom::Assigned { source, for_area: t.for_area },
        None => TargetFrom::Catalogue(defined_at),
    };
    explained_target(&t.text, &ind.target.to_string(), t.resolved.as_deref(), from, lang)
}

fn baseline_text(
    catalog: &Catalog,
    files: &[String],
    defined_at: &str,
    ind: &Indicator,
    v: &Verdict,
    lang: Lang,
) -> String {
    // A re-based baseline: which one the verdict used, the printed one, and why.
    if let (Some(rebased), true) = (&ind.rebased, v.printed_baseline.is_some()) {
        let tail = match ind.cumulative {
            true => {
                let zero = crate::labels::explained_baseline(None, Some(""), catalog.plan.base_year, true, lang);
                format!("{}{zero}", crate::labels::word(crate::labels::Word::Separator, lang))
            }
            false => String::new(),
        };
        return format!("{}{tail}", crate::labels::rebased_explained(rebased, ind.baseline, lang));
    }
    let base_row = v.origin.base_row.map(|p| p.location(files).to_string());
    let baseline = v.baseline.map(|b| match &base_row {
        Some(row) => (b, BaselineFrom::Row(row)),
        None => (b, BaselineFrom::Catalogue(defined_at)),
    });
    explained_baseline(baseline, ind.baseline_text.as_deref(), catalog.plan.base_year, ind.cumulative, lang)
}

fn value_text(ind: &Indicator, v: &Verdict, evaluation: &Evaluation, lang: Lang) -> String {
    let rows = v.origin.value_rows_text(&evaluation.files);
    let value = v.value.map(|x| match v.basis {
        Basis::Reported => (x, ValueFrom::Reported),
        Basis::Aggregated { areas } => (x, ValueFrom::Aggregated { how: ind.aggregate, areas }),
    });
    explained_value(value, evaluation.year, &rows, lang)
}

/// (value − start) / (target − start) against the elapsed share, where there is a rule and a start.
fn completion_text(catalog: &Catalog, ind: &Indicator, v: &Verdict, e: &Evaluation, lang: Lang) -> Option<String> {
    let (value, rule) = (v.value?, v.target.rule?);
    let start = if ind.cumulative { Some(0.0) } else { v.baseline };
    let plan = &catalog.plan;
    let due = ind.due.unwrap_or(plan.target_year);
    let share = if e.stage == Stage::Final || due <= e.year || v.completion.is_none() {
        String::new()
    } else {
        let s = ((f64::from(e.year) - f64::from(plan.base_year)) / (f64::from(due) - f64::from(plan.base_year)))
            .clamp(0.0, 1.0);
        explained_elapsed(e.year, plan.base_year, due, s, lang)
    };
    let arithmetic = match (start, v.completion) {
        (Some(b), Some(c)) => {
            format!("({} − {}) / ({} − {}) = {}", num(value), num(b), num(rule.value), num(b), percent(c))
        }
        (Some(b), None) if rule.is_met_by(b) => explained_level_held(b, rule, lang),
        _ => explained_no_baseline(value, rule, lang),
    };
    Some(format!("{arithmetic}{share}"))
}
