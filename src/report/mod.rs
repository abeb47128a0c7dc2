//! Verdicts → output. One renderer per format, each writing to any `impl Write`; labels in Chinese by
//! default and English with `--lang en`, machine output always English.

pub mod indicators;
pub mod json;
pub mod problems;
pub mod rank;
pub mod table;
pub mod template;
pub mod trend;

use crate::Lang;
use crate::catalog::{Catalog, Indicator, IndicatorType};
use crate::evaluate::{Basis, Evaluation, Stage, Status, Verdict};
use crate::target::num;

/// Everything a renderer needs.
pub struct Report<'a> {
    pub catalog: &'a Catalog,
    pub evaluation: &'a Evaluation,
    pub files: &'a [String],
    pub lang: Lang,
    /// One area's view (`--county`): its applicable indicators only.
    pub area: Option<&'a str>,
}

impl Report<'_> {
    /// The verdicts the report is about: the official, city-level ones, or one area's applicable ones.
    pub fn headline(&self) -> Vec<&Verdict> {
        match self.area {
            Some(area) => self.evaluation.of_area(area).filter(|v| v.status != Status::NotApplicable).collect(),
            None => self.evaluation.official().collect(),
        }
    }
}

/// Why a verdict is what it is, with where its value came from and who set its target.
pub fn reason_cell(v: &Verdict, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Basis::Aggregated { areas } = v.basis {
        parts.push(match lang {
            Lang::Zh => format!("由{areas}个地区汇总"),
            Lang::En => format!("aggregated from {areas} areas"),
        });
    }
    if let Some(r) = &v.reason {
        parts.push(r.text(lang));
    }
    if let Some(src) = &v.target.source {
        // From the --targets file: input, so escaped like every text taken from input.
        let src = crate::problem::escape(src);
        parts.push(match (lang, v.target.for_area) {
            (Lang::Zh, false) => format!("省目标：{src}"),
            (Lang::Zh, true) => format!("下达本地区目标：{src}"),
            (Lang::En, false) => format!("province: {src}"),
            (Lang::En, true) => format!("assigned to the area: {src}"),
        });
    }
    parts.join("; ")
}

/// The Chinese or the English words, by the report's language.
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

pub fn stage_label(s: Stage, lang: Lang) -> &'static str {
    match (s, lang) {
        (Stage::Midterm, Lang::Zh) => "中期评估",
        (Stage::Final, Lang::Zh) => "终期评估",
        (Stage::Midterm, Lang::En) => "mid-term",
        (Stage::Final, Lang::En) => "final",
    }
}

/// The baseline as the plan writes it for the city row, or this area's own base-year value.
pub fn baseline_cell(ind: &Indicator, v: &Verdict) -> String {
    match (&ind.baseline_text, v.baseline) {
        (Some(text), Some(b)) if ind.baseline == Some(b) => text.clone(),
        (_, Some(b)) => num(b),
        (_, None) => "/".into(),
    }
}

/// The plan's words for the target, with the rule they resolve to when that says more.
pub fn target_cell(v: &Verdict) -> String {
    let t = &v.target;
    match t.rule.map(|r| r.to_string()) {
        Some(r) if r.trim_start_matches(['≥', '≤', '=']) != t.text.trim_start_matches(['≥', '≤']) => {
            format!("{}（{r}）", t.text)
        }
        _ => t.text.clone(),
    }
}

/// A value as shown: at most two decimals (JSON keeps the full value).
pub fn value_cell(v: &Verdict) -> String {
    v.value.map_or("—".into(), |x| num((x * 100.0).round() / 100.0))
}

pub fn completion_cell(v: &Verdict) -> String {
    v.completion.map_or("—".into(), crate::evaluate::percent)
}
