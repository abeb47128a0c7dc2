//! The honest headline shared by `eval`'s verdict line, its summary and the report's 总体情况: the binding
//! indicators that could not be judged, grouped by why, and whether the targets are a sample.

use super::EvalView;
use crate::catalog::IndicatorType;
use crate::evaluate::{Reason, Status, Verdict};
use crate::labels::{self, Sample, Unjudged};

/// The binding indicators of the headline: how many, how many judged, and the unjudged by reason.
pub struct Binding<'a> {
    pub total: usize,
    pub judged: usize,
    pub off_track: Vec<&'a Verdict>,
    /// Each reason with the labels and names of its indicators ("7 细颗粒物浓度"), in catalogue order.
    pub unjudged: Vec<(Unjudged, Vec<String>)>,
}

impl Binding<'_> {
    pub fn unjudged_count(&self) -> usize {
        self.unjudged.iter().map(|(_, n)| n.len()).sum()
    }
}

/// Why a verdict was not judged, or `None` when it was.
pub fn unjudged_reason(v: &Verdict) -> Option<Unjudged> {
    match v.status {
        Status::Pending if v.reason == Some(Reason::ProvinceNotSupplied) => Some(Unjudged::ProvinceTarget),
        Status::Pending => Some(Unjudged::WantsData),
        Status::Missing => Some(Unjudged::Missing),
        Status::NotApplicable => Some(Unjudged::NotApplicable),
        _ => None,
    }
}

/// The binding indicators of the view's headline (unfiltered: `--only` does not hide what was not judged).
pub fn binding<'a>(report: &EvalView<'a>) -> Binding<'a> {
    let catalog = report.catalog;
    let verdicts: Vec<&'a Verdict> = report
        .headline()
        .into_iter()
        .filter(|v| catalog.indicator(&v.indicator).is_some_and(|i| i.kind == IndicatorType::Binding))
        .collect();
    let mut unjudged: Vec<(Unjudged, Vec<String>)> = Vec::new();
    for u in [Unjudged::ProvinceTarget, Unjudged::WantsData, Unjudged::Missing, Unjudged::NotApplicable] {
        let names: Vec<String> = verdicts
            .iter()
            .filter(|v| unjudged_reason(v) == Some(u))
            .filter_map(|v| catalog.indicator(&v.indicator))
            .map(|i| format!("{} {}", i.label(catalog), labels::short_name(i)))
            .collect();
        if !names.is_empty() {
            unjudged.push((u, names));
        }
    }
    let judged = verdicts.iter().filter(|v| unjudged_reason(v).is_none()).count();
    let off_track = verdicts.iter().copied().filter(|v| v.status.is_failing()).collect();
    Binding { total: verdicts.len(), judged, off_track, unjudged }
}

/// Whether any target the verdicts were judged against comes from a source marked as a sample (示例/虚构).
pub fn targets_are_sample(report: &EvalView) -> bool {
    report.evaluation.verdicts.iter().filter_map(|v| v.target.source.as_deref()).any(labels::marks_sample)
}

/// The note under `eval`'s summary and the report's warnings: what could not be judged, what is a sample.
pub fn notes(report: &EvalView, sample: Sample) -> Vec<String> {
    let lang = report.lang;
    let b = binding(report);
    let mut notes = Vec::new();
    if b.unjudged_count() > 0 {
        notes.push(labels::verdict_unjudged(
            b.unjudged_count(),
            b.unjudged.len(),
            &labels::unjudged_list(&b.unjudged, lang),
            lang,
        ));
    }
    notes.extend(labels::sample_warning(sample, lang));
    notes
}
