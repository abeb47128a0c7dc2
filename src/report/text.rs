//! The document's generated sentences, in the wording published evaluations use ("15项约束性指标中，4项提前
//! 实现、…"), in Chinese or English. Every count comes from the verdicts the caller passes.

use std::collections::BTreeMap;

use super::{Matrix, gap};
use crate::Lang;
use crate::catalog::{Indicator, IndicatorType};
use crate::evaluate::{Reason, Stage, Status, Summary, Verdict};
use crate::labels::projection_text;
use crate::labels::{self, evaluation_name, num, percent, status_label, type_label, words};
use crate::output::{EvalView, value_text};
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
    let area = report.area.map(|a| format!("（{a}）")).unwrap_or_default();
    match report.lang {
        Lang::Zh => format!("{}年{}报告{area}", e.year, evaluation_name(e.stage, Lang::Zh)),
        Lang::En => {
            let stage = evaluation_name(e.stage, Lang::En);
            let mut chars = stage.chars();
            let stage: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            format!("{stage} report, {}{area}", e.year)
        }
    }
}

pub(super) fn illustrative_notice(lang: Lang) -> &'static str {
    words(
        lang,
        "示例数据：本报告所用数据为演示用的示例数据（非官方统计数据），仅用于展示评估方法，不得引用。",
        "Illustrative data: the figures in this report are made up to show the method; they are not official statistics and must not be quoted.",
    )
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
            if n == 0 {
                return None;
            }
            Some(match lang {
                Lang::Zh => format!("{}{n}项", type_label(*k, lang)),
                Lang::En => format!("{n} {}", type_label(*k, lang)),
            })
        })
        .collect();
    let share = percent(e.elapsed_share);
    match (lang, e.stage) {
        (Lang::Zh, Stage::Midterm) => format!(
            "本次为{}年{}，共评估{total}项指标（{}），评估年份时间进度（序时进度）为{share}。",
            e.year,
            evaluation_name(e.stage, lang),
            kinds.join("、")
        ),
        (Lang::Zh, Stage::Final) => {
            format!(
                "本次为{}年{}，共评估{total}项指标（{}）。",
                e.year,
                evaluation_name(e.stage, lang),
                kinds.join("、")
            )
        }
        (Lang::En, Stage::Midterm) => format!(
            "This {} of {} covers {total} indicators ({}); {share} of the plan period has elapsed (序时进度).",
            evaluation_name(e.stage, lang),
            e.year,
            kinds.join(", ")
        ),
        (Lang::En, Stage::Final) => {
            format!(
                "This {} of {} covers {total} indicators ({}).",
                evaluation_name(e.stage, lang),
                e.year,
                kinds.join(", ")
            )
        }
    }
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
    let mut rest = Vec::new();
    if province > 0 {
        rest.push(
            words(
                lang,
                "{n}项因省下达目标未提供暂无法评估",
                "{n} cannot be assessed because the province target has not been supplied",
            )
            .replace("{n}", &province.to_string()),
        );
    }
    let other = count(Status::Pending) - province.min(count(Status::Pending));
    if other > 0 {
        rest.push(
            words(
                lang,
                "{n}项因缺少基准值、参照值或多年数据暂无法评估",
                "{n} cannot be assessed yet for want of a baseline, a reference value or a series of years",
            )
            .replace("{n}", &other.to_string()),
        );
    }
    for (s, zh, en) in [
        (Status::Missing, "{n}项缺少数据", "{n} have no data"),
        (Status::NotApplicable, "{n}项不适用", "{n} do not apply"),
    ] {
        if count(s) > 0 {
            rest.push(words(lang, zh, en).replace("{n}", &count(s).to_string()));
        }
    }
    let name = type_label(kind, lang);
    match lang {
        Lang::Zh => {
            let mut parts = vec![judged.join("、")];
            parts.extend(rest);
            parts.retain(|p| !p.is_empty());
            // The body's tasks are tasks, not indicators.
            let noun = if kind == IndicatorType::Task { "" } else { "指标" };
            format!("{total}项{name}{noun}中，{}。", parts.join("，"))
        }
        Lang::En => {
            let mut parts = vec![judged.join(", ")];
            parts.extend(rest);
            parts.retain(|p| !p.is_empty());
            let noun = if kind == IndicatorType::Task { "s" } else { " indicators" };
            format!("Of the {total} {name}{noun}, {}.", parts.join("; "))
        }
    }
}

/// "4项提前实现" / "4 achieved ahead of time": in the plan's own word for the status where it gives one.
fn judged_phrase(catalog: &crate::catalog::Catalog, s: Status, n: usize, lang: Lang) -> String {
    let own = catalog.status_word(s.as_str(), lang == Lang::Zh);
    match (lang, own) {
        (Lang::Zh, _) => format!("{n}项{}", labels::status_word(catalog, s, lang)),
        (Lang::En, Some(own)) => format!("{n} {own}"),
        (Lang::En, None) => {
            let words = match s {
                Status::Achieved => "achieved ahead of time",
                Status::Held => "held the target met at the base year",
                Status::OnTrack => "on track",
                Status::Pass => "met the target",
                Status::Fail => "missed it",
                Status::Lagging => "lagging",
                Status::Regressing => "regressing",
                _ => status_label(s, lang),
            };
            format!("{n} {words}")
        }
    }
}

/// The sentences after the counts: how many are at or ahead of 序时进度, and the binding ones off track.
pub(super) fn closing(report: &EvalView, headline: &[&Verdict]) -> Vec<super::Block> {
    let lang = report.lang;
    let count = |f: &dyn Fn(&Verdict) -> bool| headline.iter().filter(|v| f(v)).count();
    let mut out = Vec::new();
    if report.evaluation.stage == Stage::Midterm {
        let ahead = count(&|v| v.status == Status::Achieved);
        let on = count(&|v| matches!(v.status, Status::Achieved | Status::Held | Status::OnTrack));
        out.push(match (lang, on == ahead) {
            (Lang::Zh, false) => format!("总体看，{on}项指标达到或快于序时进度，其中{ahead}项提前实现规划目标。"),
            (Lang::Zh, true) => format!("总体看，{on}项指标达到或快于序时进度，均已提前实现规划目标。"),
            (Lang::En, _) => format!("In all, {on} indicators are at or ahead of the elapsed share, {ahead} of them already at the plan's target."),
        });
    }
    let binding_off: Vec<String> = headline
        .iter()
        .filter(|v| v.status.is_failing())
        .filter_map(|v| report.catalog.indicator(&v.indicator))
        .filter(|i| i.kind == IndicatorType::Binding)
        .map(|i| i.display_name())
        .collect();
    out.push(match (lang, binding_off.is_empty()) {
        (Lang::Zh, true) => "约束性指标中没有滞后、倒退或未达标的指标。".to_string(),
        (Lang::En, true) => "No binding indicator is off track.".to_string(),
        (Lang::Zh, false) => {
            format!("约束性指标中有{}项需重点关注：{}（详见第三部分）。", binding_off.len(), binding_off.join("、"))
        }
        (Lang::En, false) => {
            format!("{} binding indicators are off track: {} (see part 3).", binding_off.len(), binding_off.join(", "))
        }
    });
    out.into_iter().map(super::Block::Paragraph).collect()
}

pub(super) fn chart_key(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Midterm, Lang::Zh) => {
            "图中浅色条为基准值至目标值的区间，深色条为基准值至本期值（颜色表示状态），竖虚线为按序时进度本期应达到的值，粗竖线为目标值；多年数据时右侧为逐年走势。"
        }
        (Stage::Final, Lang::Zh) => {
            "图中浅色条为基准值至目标值的区间，深色条为基准值至本期值（颜色表示状态），粗竖线为目标值；多年数据时右侧为逐年走势。"
        }
        (Stage::Midterm, Lang::En) => {
            "Light bar: baseline to target; dark bar: baseline to the current value, coloured by status; dashed line: the value due by now under 序时进度; thick line: the target. With several years, the sparkline on the right shows the series."
        }
        (Stage::Final, Lang::En) => {
            "Light bar: baseline to target; dark bar: baseline to the current value, coloured by status; thick line: the target. With several years, the sparkline on the right shows the series."
        }
    }
}

/// "基准64.4 → 目标≥80，本期73.67，完成度59%".
pub(super) fn chart_caption(ind: &Indicator, v: &Verdict, start: Option<f64>, series: &[Point], lang: Lang) -> String {
    let years = match (series.first(), series.last()) {
        (Some(a), Some(z)) => match lang {
            Lang::Zh => format!("；走势{}—{}年", a.year, z.year),
            Lang::En => format!("; series {}–{}", a.year, z.year),
        },
        _ => String::new(),
    };
    let unit = &ind.unit;
    let target = v.target.rule.map(|r| r.to_string()).unwrap_or_else(|| v.target.text.to_string());
    let from = start.map_or("—".to_string(), num);
    match lang {
        Lang::Zh => {
            format!("基准{from} → 目标{target}{unit}，本期{}，完成度{}", value_text(v), super::completion_text(v))
        }
        Lang::En => format!(
            "baseline {from} → target {target} {unit}, value {}, completion {}{years}",
            value_text(v),
            super::completion_text(v)
        ),
    }
}

/// One indicator off track: its figures, the gap to the target, the projection and the reason.
pub(super) fn attention_item(report: &EvalView, ind: &Indicator, v: &Verdict) -> String {
    let lang = report.lang;
    let e = report.evaluation;
    let unit = &ind.unit;
    let status = labels::status_word(report.catalog, v.status, lang);
    let baseline = v.baseline.map_or("—".to_string(), num);
    let target = v.target.rule.map(|r| r.to_string()).unwrap_or_else(|| v.target.text.to_string());
    let mut parts = match lang {
        Lang::Zh => vec![format!(
            "{} {}（{}，{status}）：本期值{}，基准{baseline}，目标{target}",
            ind.label(report.catalog),
            ind.display_name(),
            type_label(ind.kind, lang),
            value_text(v),
        )],
        Lang::En => vec![format!(
            "{} {} ({}, {status}): value {}, baseline {baseline}, target {target}",
            ind.label(report.catalog),
            ind.display_name(),
            type_label(ind.kind, lang),
            value_text(v),
        )],
    };
    if let Some(c) = v.completion {
        parts.push(match (lang, e.stage) {
            (Lang::Zh, Stage::Midterm) => format!("完成度{}，低于序时进度{}", percent(c), percent(e.elapsed_share)),
            (Lang::En, Stage::Midterm) => {
                format!("completion {}, against an elapsed share of {}", percent(c), percent(e.elapsed_share))
            }
            (Lang::Zh, Stage::Final) => format!("完成度{}", percent(c)),
            (Lang::En, Stage::Final) => format!("completion {}", percent(c)),
        });
    }
    if let Some(g) = gap(v) {
        parts.push(match lang {
            Lang::Zh => format!("距目标尚差{}{unit}", num((g * 100.0).round() / 100.0)),
            Lang::En => format!("{} {unit} short of the target", num((g * 100.0).round() / 100.0)),
        });
    }
    // A projection says something only before the target year.
    if v.progress.as_ref().is_some_and(|p| p.projection.year > e.year) {
        parts.push(projection_text(v.progress.as_deref(), lang));
    }
    if let Some(r) = &v.reason {
        parts.push(labels::reason(r, lang));
    }
    match lang {
        Lang::Zh => format!("{}。", parts.join("；")),
        Lang::En => format!("{}.", parts.join("; ")),
    }
}

/// Which areas have the most binding indicators off track.
pub(super) fn areas_sentence(matrix: &Matrix, lang: Lang) -> String {
    let mut off: Vec<(&str, usize)> = matrix
        .rows
        .iter()
        .filter(|r| r.binding_off_track > 0)
        .map(|r| (r.area.as_str(), r.binding_off_track))
        .collect();
    off.sort_by_key(|a| std::cmp::Reverse(a.1));
    let n = matrix.rows.len();
    if off.is_empty() {
        return match lang {
            Lang::Zh => format!("{n}个地区的约束性指标均无滞后、倒退或未达标。"),
            Lang::En => format!("None of the {n} areas has a binding indicator off track."),
        };
    }
    let list: Vec<String> = off
        .iter()
        .map(|(a, k)| match lang {
            Lang::Zh => format!("{a}{k}项"),
            Lang::En => format!("{a} {k}"),
        })
        .collect();
    match lang {
        Lang::Zh => format!("{n}个地区中，{}个地区有约束性指标滞后、倒退或未达标：{}。", off.len(), list.join("、")),
        Lang::En => format!("Of the {n} areas, {} have binding indicators off track: {}.", off.len(), list.join(", ")),
    }
}

/// 附：数据与方法 — the rules of README.md's "Statuses", said briefly.
pub(super) fn method(report: &EvalView) -> Vec<String> {
    let e = report.evaluation;
    let (b, t) = (report.catalog.plan.base_year, report.catalog.plan.target_year);
    let p = percent(e.elapsed_share);
    match report.lang {
        Lang::Zh => vec![
            format!("序时进度：基准年B={b}、目标年T={t}、评估年Y时，时间进度 p=(Y−B)/(T−B)（{y}年为{p}）；提前到期的目标按其到期年计算。", y = e.year),
            "完成度：c=(本期值−基准值)/(目标值−基准值)，目标值为规划目标换算出的阈值；累计降低率类指标自0起算。".into(),
            "中期评估：本期值已达到目标为“提前实现”；否则 c≥p 为“符合序时进度”，0≤c<p 为“滞后”，c<0 为“倒退”。基准年已达标的指标按水平判定（保持为“保持达标”，跌破为倒退）；无基准值的指标达标为提前实现、未达标为滞后。“逐步提高/逐步降低/稳中向好”类目标按多年数据的走势判定。".into(),
            "总结评估：达到目标为“达标”，否则为“未达标”（恰在阈值上为达标）。目标无法确定（省下达目标未提供、缺少基准值或参照值、需多年数据）为“待定”，无数据为“缺数据”。".into(),
            format!("汇总：比例类指标的{level}值按各地区分子之和除以分母之和计算，数量类指标按各地区之和计算，从不对百分比取平均；文件未给出{level}值时由各地区汇总，并在说明中注明。进展类别（显著进展、适度进展、进展不足、偏离目标）按 Eurostat 方法以实际与所需年均增速之比 R 划分，预测为逐年数值最小二乘直线在目标年的取值。", level = labels::level_short(report.catalog, Lang::Zh)),
            format!("本报告由 plan-check 按与 eval 命令相同的判定生成，评估年份{}年。", e.year),
        ],
        Lang::En => vec![
            format!("Elapsed share (序时进度): with base year B = {b}, target year T = {t} and evaluation year Y, p = (Y − B) / (T − B) ({p} in {y}); a target due earlier is measured to its due year.", y = e.year),
            "Completion: c = (value − baseline) / (target − baseline), the target being the threshold the plan's words resolve to; cumulative reductions progress from 0.".into(),
            "Mid-term: achieved if the value already meets the target; else on track if c ≥ p, lagging if 0 ≤ c < p, regressing if c < 0. A target the baseline already met is judged by level (held while it holds, regressing once lost); without a baseline, achieved if met, else lagging. Trend targets (逐步提高, 逐步降低, 稳中向好) are judged on the series of years.".into(),
            "Final: pass if the value meets the target (exactly at the threshold passes), else fail. Pending when the target cannot be resolved (province target, baseline or reference value not supplied, or a series needed); missing when there is no value.".into(),
            "Aggregation: a city ratio is Σ numerators / Σ denominators over its areas, a count the sum of the areas' counts, never a mean of percentages; a city value aggregated from the areas says so. Progress categories (significant, moderate, insufficient, away) follow Eurostat's ratio R of actual to required growth; the projection is the least-squares line at the target year.".into(),
            format!("Produced by plan-check from the same verdicts as its eval command, evaluation year {}.", e.year),
        ],
    }
}

pub(super) fn problems_lead(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "数据校验（validate）发现{n}个问题；按 --skip-invalid 仅评估了有效的行，以下各行未纳入评估或需核实："
        ),
        Lang::En => format!(
            "validate found {n} problems; with --skip-invalid only the valid rows were evaluated. The rows below were left out or need checking:"
        ),
    }
}
