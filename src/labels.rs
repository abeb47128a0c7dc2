//! Every human-facing word of plan-check in Chinese and English, and how numbers are shown. The
//! evaluator and the catalogue know nothing of languages; renderers ask here. Machine output (JSON keys,
//! status values, problem codes) is stable English and is not in this module.

use crate::catalog::IndicatorType;
use crate::evaluate::{Reason, Stage, Status};
use crate::problem::Code;
use crate::progress::Category;
pub use crate::target::num;

/// Language of human-facing labels. Machine output (JSON, codes) is always English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

/// The Chinese or the English words, by the language.
pub fn words(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Zh { zh } else { en }
}

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Pass, Lang::Zh) => "达标",
        (Status::Fail, Lang::Zh) => "未达标",
        (Status::Achieved, Lang::Zh) => "提前实现",
        (Status::OnTrack, Lang::Zh) => "符合序时进度",
        (Status::Lagging, Lang::Zh) => "滞后",
        (Status::Regressing, Lang::Zh) => "倒退",
        (Status::Pending, Lang::Zh) => "待定",
        (Status::Missing, Lang::Zh) => "缺数据",
        (Status::NotApplicable, Lang::Zh) => "不适用",
        (Status::Pass, Lang::En) => "pass",
        (Status::Fail, Lang::En) => "fail",
        (Status::Achieved, Lang::En) => "achieved",
        (Status::OnTrack, Lang::En) => "on track",
        (Status::Lagging, Lang::En) => "lagging",
        (Status::Regressing, Lang::En) => "regressing",
        (Status::Pending, Lang::En) => "pending",
        (Status::Missing, Lang::En) => "missing",
        (Status::NotApplicable, Lang::En) => "n/a",
    }
}

/// One character per status, for the areas × indicators matrix.
pub fn status_symbol(s: Status) -> &'static str {
    match s {
        Status::Pass => "✓",
        Status::Fail => "✗",
        Status::Achieved => "◎",
        Status::OnTrack => "○",
        Status::Lagging => "△",
        Status::Regressing => "▼",
        Status::Pending => "?",
        Status::Missing => "·",
        Status::NotApplicable => "-",
    }
}

pub fn type_label(t: IndicatorType, lang: Lang) -> &'static str {
    match (t, lang) {
        (IndicatorType::Binding, Lang::Zh) => "约束性",
        (IndicatorType::Expected, Lang::Zh) => "预期性",
        (IndicatorType::Leading, Lang::Zh) => "引领性",
        (IndicatorType::Task, Lang::Zh) => "重点任务",
        (IndicatorType::Binding, Lang::En) => "binding",
        (IndicatorType::Expected, Lang::En) => "expected",
        (IndicatorType::Leading, Lang::En) => "leading",
        (IndicatorType::Task, Lang::En) => "task",
    }
}

/// The type an argument names, in English or as the plan writes it (约束性 …).
pub fn parse_type(raw: &str) -> Option<IndicatorType> {
    let raw = raw.trim();
    IndicatorType::ALL.into_iter().find(|&t| {
        raw.eq_ignore_ascii_case(t.as_str())
            || raw == type_label(t, Lang::Zh)
            || (t == IndicatorType::Task && raw == "任务")
    })
}

pub fn stage_label(s: Stage, lang: Lang) -> &'static str {
    match (s, lang) {
        (Stage::Midterm, Lang::Zh) => "中期评估",
        (Stage::Final, Lang::Zh) => "终期评估",
        (Stage::Midterm, Lang::En) => "mid-term",
        (Stage::Final, Lang::En) => "final",
    }
}

pub fn category_label(c: Category, lang: Lang) -> &'static str {
    match (c, lang) {
        (Category::Achieved, Lang::Zh) => "已达目标",
        (Category::Significant, Lang::Zh) => "显著进展",
        (Category::Moderate, Lang::Zh) => "适度进展",
        (Category::Insufficient, Lang::Zh) => "进展不足",
        (Category::Away, Lang::Zh) => "偏离目标",
        (Category::Achieved, Lang::En) => "achieved",
        (Category::Significant, Lang::En) => "significant progress",
        (Category::Moderate, Lang::En) => "moderate progress",
        (Category::Insufficient, Lang::En) => "insufficient progress",
        (Category::Away, Lang::En) => "moving away",
    }
}

/// Why a verdict is what it is, in words.
pub fn reason(r: &Reason, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (r, lang) {
        (Reason::ProvinceNotSupplied, En) => "province target not supplied".into(),
        (Reason::ProvinceNotSupplied, Zh) => "未提供省下达目标".into(),
        (Reason::NoBaseline, En) => "the plan gives no baseline; supply a base-year value".into(),
        (Reason::NoBaseline, Zh) => "规划未给出基准值，请提供基准年数据".into(),
        (Reason::NoAreaBaseline { year }, En) => format!("no {year} value for this area"),
        (Reason::NoAreaBaseline { year }, Zh) => format!("缺少本地区{year}年基准值"),
        (Reason::ReferenceNotSupplied { name }, En) => format!("reference value {name} not supplied"),
        (Reason::ReferenceNotSupplied { name }, Zh) => format!("未提供参照值：{name}"),
        (Reason::NeedsSeries, En) => "needs a series of years".into(),
        (Reason::NeedsSeries, Zh) => "需多年数据".into(),
        (Reason::Trend { first, latest, slope }, En) => format!(
            "{}: {} → {}: {}, slope {} a year",
            first.year,
            num(first.value),
            latest.year,
            num(latest.value),
            signed(*slope)
        ),
        (Reason::Trend { first, latest, slope }, Zh) => format!(
            "{}年{} → {}年{}，斜率{}/年",
            first.year,
            num(first.value),
            latest.year,
            num(latest.value),
            signed(*slope)
        ),
        (Reason::HoldBroken, En) => "the baseline met the target; the value has fallen below it".into(),
        (Reason::HoldBroken, Zh) => "基准年已达标，本期值低于目标".into(),
        (Reason::JudgedByLevel, En) => "no baseline: judged by level".into(),
        (Reason::JudgedByLevel, Zh) => "无基准值，按水平判定".into(),
        (Reason::DueAlready { due }, En) => format!("due in {due}: judged as final"),
        (Reason::DueAlready { due }, Zh) => format!("{due}年到期，按终期判定"),
        (Reason::NoRow, En) => "no row in the data".into(),
        (Reason::NoRow, Zh) => "数据中无此项".into(),
        (Reason::NoData, En) => "the data says no data".into(),
        (Reason::NoData, Zh) => "数据标注为无数据".into(),
        (Reason::MissingAreas(areas), En) => format!("cannot aggregate: no usable value from {}", areas.join(", ")),
        (Reason::MissingAreas(areas), Zh) => format!("无法汇总，缺少：{}", areas.join("、")),
        (Reason::CityWideCount { city }, En) => format!("a count for the whole city: judged on {city}'s total"),
        (Reason::CityWideCount { city }, Zh) => format!("全市总量指标，按{city}合计判定"),
        (Reason::NotApplicable { tags }, En) => format!("applies only to areas tagged {}", tags.join(", ")),
        (Reason::NotApplicable { tags }, Zh) => format!("仅适用于：{}", tags.join("、")),
    }
}

/// What a problem code means, in a few words.
pub fn problem_title(code: Code, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        Code::Encoding => ("编码无法识别", "unreadable encoding"),
        Code::EmptyFile => ("文件为空", "empty file"),
        Code::MissingColumn => ("缺少列", "missing column"),
        Code::DuplicateColumn => ("列名重复", "duplicate column"),
        Code::UnknownColumn => ("未知列", "unknown column"),
        Code::RaggedRow => ("列数不符", "ragged row"),
        Code::UnknownCounty => ("未知地区", "unknown area"),
        Code::UnknownIndicator => ("未知指标", "unknown indicator"),
        Code::NotANumber => ("不是数值", "not a number"),
        Code::OutOfRange => ("超出范围", "out of range"),
        Code::MissingYear => ("缺少年份", "missing year"),
        Code::DuplicateRow => ("重复行", "duplicate row"),
        Code::ConflictingDuplicate => ("重复行数值冲突", "conflicting duplicate"),
        Code::NumeratorAboveDenominator => ("分子大于分母", "numerator above denominator"),
        Code::InconsistentRatio => ("比例与分子分母不符", "inconsistent ratio"),
        Code::NotApplicable => ("不适用于该地区", "not applicable to the area"),
        Code::MissingIndicator => ("缺少指标值", "missing indicator"),
        Code::AggregateMismatch => ("与各地区汇总不符", "disagrees with the areas' aggregate"),
    };
    words(lang, zh, en)
}

/// A signed number: +0.85, −0.3, 0.
pub fn signed(v: f64) -> String {
    let s = num(v);
    if s.starts_with('-') || s == "0" { s } else { format!("+{s}") }
}

/// A share as a readable percentage: 72%.
pub fn percent(share: f64) -> String {
    format!("{}%", num((share * 100.0).round()))
}

/// At most two decimals, as tables show values (JSON and workbooks keep the full value).
pub fn two(x: f64) -> String {
    num((x * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Point;

    #[test]
    fn reasons_read_in_both_languages() {
        let r = Reason::Trend {
            first: Point { year: 2021, value: 25.9 },
            latest: Point { year: 2023, value: 27.6 },
            slope: 0.85,
        };
        assert_eq!(reason(&r, Lang::En), "2021: 25.9 → 2023: 27.6, slope +0.85 a year");
        assert_eq!(reason(&r, Lang::Zh), "2021年25.9 → 2023年27.6，斜率+0.85/年");
    }

    #[test]
    fn types_are_named_in_english_or_as_the_plan_writes_them() {
        assert_eq!(parse_type("约束性"), Some(IndicatorType::Binding));
        assert_eq!(parse_type("Binding"), Some(IndicatorType::Binding));
        assert_eq!(parse_type("预期性"), Some(IndicatorType::Expected));
        assert_eq!(parse_type("引领性"), Some(IndicatorType::Leading));
        assert_eq!(parse_type("重点任务"), Some(IndicatorType::Task));
        assert_eq!(parse_type("bindings"), None);
    }

    #[test]
    fn shares_and_signs() {
        assert_eq!(percent(0.6), "60%");
        assert_eq!(signed(0.85), "+0.85");
        assert_eq!(signed(-0.3), "-0.3");
        assert_eq!(signed(0.0), "0");
        assert_eq!(two(91.666), "91.67");
    }
}
