//! Why a verdict is what it is, in words.

use super::*;

/// How a reason shows its figures: at the table's precision for people, in full for machine output.
type Shown = fn(f64, Option<crate::target::Rule>) -> String;

/// Why a verdict is what it is, in words. A reason that compares figures names them and says which way
/// the value lies, whichever way the indicator is better; its figures are at the table's precision
/// ([`figure`]), so that the reason beside a cell of 70.03 says 70.03.
pub fn reason(r: &Reason, lang: Lang) -> String {
    reason_shown(r, lang, figure)
}

/// Every digit [`num`] keeps (four decimals): the reason as eval's JSON has always given it.
fn in_full(x: f64, _: Option<crate::target::Rule>) -> String {
    num(x)
}

fn reason_shown(r: &Reason, lang: Lang, figure: Shown) -> String {
    use Lang::{En, Zh};
    match (r, lang) {
        (Reason::ProvinceNotSupplied, En) => "province target not supplied".into(),
        (Reason::ProvinceNotSupplied, Zh) => "未提供省下达目标".into(),
        // A statement of fact for the document; what the analyst can do is `reason_advice`'s.
        (Reason::NoBaseline, En) => "the plan gives no baseline".into(),
        (Reason::NoBaseline, Zh) => "规划未给出基准值".into(),
        (Reason::NoAreaBaseline { year }, En) => format!("no {year} value for this area"),
        (Reason::NoAreaBaseline { year }, Zh) => format!("缺少本地区{year}年基准值"),
        (Reason::ReferenceNotSupplied { name }, En) => format!("reference value {name} not supplied"),
        (Reason::ReferenceNotSupplied { name }, Zh) => format!("未提供参照值：{name}"),
        (Reason::NeedsSeries, En) => "needs a series of years".into(),
        (Reason::NeedsSeries, Zh) => "需多年数据".into(),
        (Reason::Trend { first, latest, slope, better, direction }, En) => format!(
            "{}: {} → {}: {}, slope {} a year ({}; {} is better)",
            first.year,
            figure(first.value, None),
            latest.year,
            figure(latest.value, None),
            slope_figure(*slope, *direction),
            trend_word(*direction, En),
            if *better == Better::Higher { "higher" } else { "lower" }
        ),
        (Reason::Trend { first, latest, slope, better, direction }, Zh) => format!(
            "{}年{} → {}年{}，斜率{}/年（{}，{}）",
            first.year,
            figure(first.value, None),
            latest.year,
            figure(latest.value, None),
            slope_figure(*slope, *direction),
            trend_word(*direction, Zh),
            if *better == Better::Higher { "越高越好" } else { "越低越好" }
        ),
        (Reason::HoldBroken { baseline, now }, En) => format!(
            "the baseline {} met the target {}; the value {} is now {} it",
            figure(*baseline, Some(now.rule)),
            now.rule,
            figure(now.value, Some(now.rule)),
            if now.side() == Side::Above { "above" } else { "below" }
        ),
        (Reason::HoldBroken { baseline, now }, Zh) => format!(
            "基准值{}已达到目标{}，本期值{}{}目标",
            figure(*baseline, Some(now.rule)),
            now.rule,
            figure(now.value, Some(now.rule)),
            if now.side() == Side::Above { "高于" } else { "低于" }
        ),
        (Reason::MovedAway { baseline, now }, En) => format!(
            "the value {} has {} from the baseline {}, away from the target {}",
            figure(now.value, Some(now.rule)),
            if now.value > *baseline { "risen" } else { "fallen" },
            figure(*baseline, Some(now.rule)),
            now.rule
        ),
        (Reason::MovedAway { baseline, now }, Zh) => format!(
            "本期值{}{}基准值{}，偏离目标{}",
            figure(now.value, Some(now.rule)),
            if now.value > *baseline { "高于" } else { "低于" },
            figure(*baseline, Some(now.rule)),
            now.rule
        ),
        (Reason::JudgedByLevel { now }, En) => format!("no baseline: judged by level; {}", standing(now, En, figure)),
        (Reason::JudgedByLevel { now }, Zh) => format!("无基准值，按水平判定：{}", standing(now, Zh, figure)),
        (Reason::DueAlready { due, now }, En) => {
            format!("due in {due}: judged as final; {}", standing(now, En, figure))
        }
        (Reason::DueAlready { due, now }, Zh) => {
            format!("{due}年到期，按总结评估规则判定：{}", standing(now, Zh, figure))
        }
        (Reason::NoRow, En) => "no row in the data".into(),
        (Reason::NoRow, Zh) => "数据中无此项".into(),
        (Reason::NoData, En) => "the data says no data".into(),
        (Reason::NoData, Zh) => "数据标注为无数据".into(),
        (Reason::MissingAreas(areas), En) => format!("cannot aggregate: no usable value from {}", areas.join(", ")),
        (Reason::MissingAreas(areas), Zh) => format!("无法汇总，缺少：{}", areas.join("、")),
        (Reason::CityWideCount { city }, En) => format!("a count for the whole city: judged on {city}'s total"),
        (Reason::CityWideCount { city }, Zh) => format!("{city}总量指标，按{city}合计判定"),
        (Reason::NothingToCount, lang) => nothing_to_count(lang).into(),
        (Reason::CompoundGap { year }, lang) => compound_gap(*year, lang),
        (Reason::NotApplicable { tags }, En) => format!("applies only to areas tagged {}", tags.join(", ")),
        (Reason::NotApplicable { tags }, Zh) => format!("仅适用于：{}", tags.join("、")),
    }
}

/// What the analyst can do about a reason, where there is something to do: said on stderr by `report`
/// (never in the document, which a section chief forwards) and kept in `eval`'s machine output.
pub fn reason_advice(r: &Reason, lang: Lang) -> Option<&'static str> {
    match r {
        Reason::NoBaseline => Some(words(lang, "请提供基准年数据", "supply a base-year value")),
        _ => None,
    }
}

/// The reason as `eval`'s JSON and CSV records give it: English, with the advice where there is one, as
/// it always read (machine output is stable).
pub fn reason_record(r: &Reason) -> String {
    let text = reason_shown(r, Lang::En, in_full);
    match reason_advice(r, Lang::En) {
        Some(advice) => format!("{text}; {advice}"),
        None => text,
    }
}

/// "22.4 is above the target ≤22" / "本期值22.4高于目标≤22".
pub(crate) fn standing(now: &Standing, lang: Lang, figure: Shown) -> String {
    let (value, rule) = (figure(now.value, Some(now.rule)), now.rule);
    match (now.side(), lang) {
        (Side::Meets, Lang::En) => format!("the value {value} meets the target {rule}"),
        (Side::Above, Lang::En) => format!("the value {value} is above the target {rule}"),
        (Side::Below, Lang::En) => format!("the value {value} is below the target {rule}"),
        (Side::Meets, Lang::Zh) => format!("本期值{value}达到目标{rule}"),
        (Side::Above, Lang::Zh) => format!("本期值{value}高于目标{rule}"),
        (Side::Below, Lang::Zh) => format!("本期值{value}低于目标{rule}"),
    }
}

/// The word for a slope's direction as the judgement counted it, so that the words follow the status.
pub(crate) fn trend_word(direction: Direction, lang: Lang) -> &'static str {
    match (direction, lang) {
        (Direction::Rising, Lang::En) => "rising",
        (Direction::Falling, Lang::En) => "falling",
        (Direction::Flat, Lang::En) => "flat",
        (Direction::Rising, Lang::Zh) => "上升",
        (Direction::Falling, Lang::Zh) => "下降",
        (Direction::Flat, Lang::Zh) => "持平",
    }
}

/// A slope as shown: signed, to four decimals; a slope the judgement counts as rising or falling but
/// too small for four decimals in scientific notation, so that "+0" is never called rising; a flat
/// one as 0.
pub(crate) fn slope_figure(slope: f64, direction: Direction) -> String {
    match direction {
        Direction::Flat => "0".into(),
        _ if num(slope) == "0" => format!("{slope:+.1e}"),
        // At the tables' two decimals (issue 21: reasons at the table's precision), more only where two
        // would round the slope to 0 and hide its direction: +1.0771 → +1.08.
        _ => format!("{}{}", if slope < 0.0 { "-" } else { "+" }, distance(slope)),
    }
}
