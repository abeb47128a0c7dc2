//! The names of statuses, types, stages and progress categories.

use super::*;

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Pass, Lang::Zh) => "达标",
        (Status::Fail, Lang::Zh) => "未达标",
        (Status::Achieved, Lang::Zh) => "提前实现",
        (Status::Held, Lang::Zh) => "保持达标",
        (Status::OnTrack, Lang::Zh) => "符合序时进度",
        (Status::Lagging, Lang::Zh) => "滞后",
        (Status::Regressing, Lang::Zh) => "倒退",
        (Status::Pending, Lang::Zh) => "待定",
        (Status::Missing, Lang::Zh) => "缺数据",
        (Status::NotApplicable, Lang::Zh) => "不适用",
        (Status::Pass, Lang::En) => "pass",
        (Status::Fail, Lang::En) => "fail",
        (Status::Achieved, Lang::En) => "achieved",
        (Status::Held, Lang::En) => "held",
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
        Status::Held => "●",
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
        (Stage::Final, Lang::Zh) => "总结评估",
        (Stage::Midterm, Lang::En) => "mid-term",
        (Stage::Final, Lang::En) => "final",
    }
}

/// The plan's own names for its two evaluations (第十一章第六节: "中期评估和总结评估"), as a report titles them.
pub fn evaluation_name(s: Stage, lang: Lang) -> &'static str {
    match (s, lang) {
        (Stage::Midterm, Lang::Zh) => "中期评估",
        (Stage::Final, Lang::Zh) => "总结评估",
        (Stage::Midterm, Lang::En) => "mid-term evaluation",
        (Stage::Final, Lang::En) => "final evaluation",
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
