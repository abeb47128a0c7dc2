//! The figures the document's generated sentences say, counted from the verdicts the caller passes;
//! the words are `labels::report`'s, in the wording published evaluations use ("15项约束性指标中，4项提前
//! 实现、…").

use std::collections::BTreeMap;

use super::{Matrix, gap};
use crate::Lang;
use crate::catalog::{Indicator, IndicatorType};
use crate::evaluate::{Reason, Stage, Status, Summary, Verdict};
use crate::labels::{self, AttentionHead, NoBar, Unjudged, judged_phrase, lead_count, unjudged_phrase};
use crate::output::{EvalView, baseline_cell, cumulative_note, projection_cell, value_text};
use crate::progress::Point;

/// The order statuses are counted in: the good news first, then what is off track, then what cannot be said.
pub(super) const ORDER: [Status; 10] = [
    Status::Achieved,
    Status::Held,
    Status::OnTrack,
    Status::Pass,
    Status::Fail,
    Status::Lagging,
    Status::Regressing,
    Status::Pending,
    Status::Missing,
    Status::NotApplicable,
];

pub(super) fn subtitle(report: &EvalView) -> String {
    let e = report.evaluation;
    labels::report_subtitle(e.year, e.stage, report.area, report.lang)
}

/// The opening sentence: how many indicators of each type, and the elapsed share at mid-term.
pub(super) fn lead(report: &EvalView, summary: &Summary) -> String {
    let e = report.evaluation;
    let lang = report.lang;
    let total: usize = summary.counts.values().sum();
    let kinds: Vec<String> = IndicatorType::ALL
        .iter()
        .filter_map(|k| {
            let n: usize = summary.by_type.get(k.as_str())?.values().sum();
            (n > 0).then(|| lead_count(*k, n, lang))
        })
        .collect();
    labels::report_lead(e.year, e.stage, total, &kinds, e.elapsed_share, lang)
}

/// "15项约束性指标中，4项提前实现、…项滞后，…项因省下达目标未提供暂无法评估。"
pub(super) fn type_sentence(
    catalog: &crate::catalog::Catalog,
    kind: IndicatorType,
    counts: &BTreeMap<&'static str, usize>,
    verdicts: &[&Verdict],
    lang: Lang,
) -> String {
    let total: usize = counts.values().sum();
    let count = |s: Status| counts.get(s.as_str()).copied().unwrap_or(0);
    let judged: Vec<String> =
        ORDER[..7].iter().filter(|&&s| count(s) > 0).map(|&s| judged_phrase(catalog, s, count(s), lang)).collect();
    let province = verdicts
        .iter()
        .filter(|v| v.status == Status::Pending && v.reason == Some(Reason::ProvinceNotSupplied))
        .count();
    let other = count(Status::Pending) - province.min(count(Status::Pending));
    let unjudged: Vec<String> = [
        (Unjudged::ProvinceTarget, province),
        (Unjudged::WantsData, other),
        (Unjudged::Missing, count(Status::Missing)),
        (Unjudged::NotApplicable, count(Status::NotApplicable)),
    ]
    .into_iter()
    .filter(|&(_, n)| n > 0)
    .map(|(u, n)| unjudged_phrase(u, n, lang))
    .collect();
    labels::type_sentence(kind, total, &judged, &unjudged, lang)
}

/// The sentences after the counts: how many are at or ahead of 序时进度, and the binding ones off track.
pub(super) fn closing(report: &EvalView, headline: &[&Verdict]) -> Vec<super::Block> {
    let lang = report.lang;
    let count = |f: &dyn Fn(&Verdict) -> bool| headline.iter().filter(|v| f(v)).count();
    let mut out = Vec::new();
    if report.evaluation.stage == Stage::Midterm {
        let ahead = count(&|v| v.status == Status::Achieved);
        let on = count(&|v| matches!(v.status, Status::Achieved | Status::Held | Status::OnTrack));
        out.push(labels::on_track_sentence(on, ahead, lang));
    }
    // Scoped to the binding indicators that could be judged; the others named with why (issue 21).
    let binding = crate::output::headline::binding(report);
    let off: Vec<String> = binding
        .off_track
        .iter()
        .filter_map(|v| report.catalog.indicator(&v.indicator))
        .map(|i| i.display_name())
        .collect();
    let list = labels::unjudged_list(&binding.unjudged, lang);
    let part = labels::doc_word(labels::DocWord::AttentionPart, lang);
    let stage = report.evaluation.stage;
    out.push(labels::binding_sentence(binding.judged, &off, &list, binding.unjudged_count(), stage, part, lang));
    out.into_iter().map(super::Block::Paragraph).collect()
}

/// "基准64.4 → 目标≥80%，本期73.67，完成度59%", with the baseline as the table shows it (`/` where the plan
/// gives none, `0（2021年起累计）` for a cumulative row) and why there is no bar or no completion.
pub(super) fn chart_caption(ind: &Indicator, v: &Verdict, why: Option<NoBar>, series: &[Point], lang: Lang) -> String {
    let years = series.first().zip(series.last()).map(|(a, z)| (a.year, z.year));
    // The unit follows a number only, never the plan's words (不降低, 完成省下达目标).
    let (target, unit) = match v.target.rule {
        Some(r) => (r.to_string(), ind.unit.as_str()),
        None => (v.target.text.to_string(), ""),
    };
    let from = baseline_cell(ind, v, lang).shown();
    let value = value_text(v);
    let completion = v.completion.map(|_| super::completion_text(v));
    let why = why.map(|w| labels::no_bar(w, lang));
    let figures = labels::ChartFigures {
        from: &from,
        target: &target,
        unit,
        value: &value,
        completion: completion.as_deref(),
        why,
        years,
    };
    labels::chart_caption(&figures, lang)
}

/// One indicator off track: its figures as the table shows them (the same baseline, values at the
/// table's precision), the gap to the target (in 个百分点 for a percentage), the projection while the
/// target year is ahead, and the reason.
pub(super) fn attention_item(report: &EvalView, ind: &Indicator, v: &Verdict) -> String {
    let lang = report.lang;
    let e = report.evaluation;
    let head = AttentionHead {
        label: &super::doc_label(report.catalog, ind),
        name: &ind.display_name(),
        kind: ind.kind,
        status: &labels::status_word(report.catalog, v.status, lang),
        value: &value_text(v),
        baseline: &baseline_cell(ind, v, lang).shown(),
        target: &v.target.rule.map(|r| r.to_string()).unwrap_or_else(|| v.target.text.to_string()),
    };
    let mut parts = vec![labels::attention_head(&head, lang)];
    if let Some(note) = cumulative_note(ind, v, lang) {
        parts.push(note);
    }
    if v.completion.is_some() {
        parts.push(labels::attention_completion(&super::completion_text(v), e.stage, e.elapsed_share, lang));
    }
    if let Some(g) = gap(v) {
        parts.push(labels::attention_gap(g, &ind.unit, labels::in_percent(&ind.unit, &ind.name), lang));
    }
    // A projection says something only before the year it projects to.
    let projection = projection_cell(ind, v, e.year, lang);
    if v.progress.is_some() && projection != "—" {
        parts.push(projection);
    }
    if let Some(r) = &v.reason {
        parts.push(labels::reason(r, lang));
    }
    labels::attention_sentence(&parts, lang)
}

/// Which areas have the most binding indicators off track.
pub(super) fn areas_sentence(matrix: &Matrix, stage: Stage, lang: Lang) -> String {
    let mut off: Vec<(&str, usize)> = matrix
        .rows
        .iter()
        .filter(|r| r.binding_off_track > 0)
        .map(|r| (r.area.as_str(), r.binding_off_track))
        .collect();
    off.sort_by_key(|a| std::cmp::Reverse(a.1));
    labels::areas_sentence(matrix.rows.len(), &off, stage, lang)
}

/// 附：数据与方法 — the rules of README.md's "Statuses", said briefly.
pub(super) fn method(report: &EvalView) -> Vec<String> {
    let plan = &report.catalog.plan;
    let e = report.evaluation;
    let level = labels::level_short(report.catalog, crate::Lang::Zh);
    labels::method(plan.base_year, plan.target_year, e.year, e.elapsed_share, &level, report.lang)
}
