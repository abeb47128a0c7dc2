//! The words a plan brings with it (issue 22): the level of its official rows, its own status words,
//! a re-based baseline beside the printed one, and the words of the target forms and checks that
//! other plans' tables need (strict and approximate targets, percentage points, compounded rates).

use std::borrow::Cow;

use super::*;
use crate::catalog::{Catalog, Rebased, STATUS_NAMES};
use crate::problem::PlanBroken;

/// A status in the plan's own words (`[status_labels.zh]` / `[status_labels.en]`), else the built-in
/// label. Borrowed when built in: a matrix of thousands of areas allocates none of those.
pub fn status_word(catalog: &Catalog, s: Status, lang: Lang) -> Cow<'static, str> {
    match catalog.status_word(s.as_str(), lang == Lang::Zh) {
        Some(own) => Cow::Owned(own.to_string()),
        None => Cow::Borrowed(status_label(s, lang)),
    }
}

/// The rows that carry official verdicts, in catalogue order: 全市 and 中心市区 for Quanzhou, 全国 for a
/// national plan.
fn official_rows(catalog: &Catalog) -> Vec<&str> {
    catalog
        .counties
        .iter()
        .filter(|c| catalog.indicators.iter().any(|i| i.city_row == c.name))
        .map(|c| c.name.as_str())
        .collect()
}

/// The level of the official rows, as a title: the plan's `[plan] level` words, else 城市层面 with the
/// rows it is made of (城市层面（全市／中心市区）).
pub fn level_title(catalog: &Catalog, lang: Lang) -> String {
    if let Some(level) = &catalog.plan.level {
        return words_of(&level.zh, &level.en, lang).to_string();
    }
    let rows = official_rows(catalog);
    match lang {
        Lang::Zh => format!("城市层面（{}）", rows.join("／")),
        Lang::En => format!("city level ({})", rows.join(" / ")),
    }
}

/// The level of the official rows, short: a workbook's tab, a heading's area.
pub fn level_short(catalog: &Catalog, lang: Lang) -> String {
    match &catalog.plan.level {
        Some(level) => words_of(&level.zh, &level.en, lang).to_string(),
        None => words(lang, "城市层面", "city level").to_string(),
    }
}

/// The level as a heading of its own: capitalised in English.
pub fn level_heading(catalog: &Catalog, lang: Lang) -> String {
    let title = level_title(catalog, lang);
    match lang {
        Lang::Zh => title,
        Lang::En => capitalised(&title),
    }
}

/// The summary's title: 汇总（城市层面） / Summary (city level), in the plan's level words.
pub fn summary_title(catalog: &Catalog, lang: Lang) -> String {
    let level = level_short(catalog, lang);
    match lang {
        Lang::Zh => format!("汇总（{level}）"),
        Lang::En => format!("Summary ({level})"),
    }
}

/// How `--explain` names the official row: 全国（全国层面判定行）.
pub fn official_row_text(catalog: &Catalog, row: &str, lang: Lang) -> String {
    let level = level_short(catalog, lang);
    match (lang, &catalog.plan.level) {
        (Lang::Zh, _) => format!("{row}（{level}判定行）"),
        (Lang::En, None) => format!("{row} (the official, city-level row)"),
        (Lang::En, Some(_)) => format!("{row} (the official row, {level})"),
    }
}

fn words_of<'a>(zh: &'a str, en: &'a str, lang: Lang) -> &'a str {
    if lang == Lang::Zh { zh } else { en }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A re-based baseline beside the printed one, in a cell: 81.2（原76.7）.
pub fn rebased_cell(judged: f64, printed: Option<f64>, lang: Lang) -> String {
    match (printed, lang) {
        (Some(p), Lang::Zh) => format!("{}（原{}）", num(judged), num(p)),
        (Some(p), Lang::En) => format!("{} (printed {})", num(judged), num(p)),
        (None, _) => num(judged),
    }
}

/// `--explain`'s baseline line for a re-based baseline: which one the verdict used, the printed one,
/// and why it was recomputed.
pub fn rebased_explained(rebased: &Rebased, printed: Option<f64>, lang: Lang) -> String {
    let printed = printed.map_or_else(|| words(lang, "无", "none").to_string(), num);
    match lang {
        Lang::Zh => format!("重算基准值{}用于判定，规划印发值{printed}（{}）", num(rebased.baseline), rebased.note),
        Lang::En => format!(
            "the re-based baseline {} is the one judged against; the plan prints {printed} ({})",
            num(rebased.baseline),
            rebased.note
        ),
    }
}

/// The reason of a 0/0 pair.
pub fn nothing_to_count(lang: Lang) -> &'static str {
    words(lang, "分子分母均为0：本地区无可统计对象，不计比例", "0/0: nothing to count in this area, so no ratio")
}

/// The reason of a compounded rate with a year's rate missing.
pub fn compound_gap(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("缺少{year}年的年度值，累计值无法逐年复合计算"),
        Lang::En => format!("no rate for {year}: a cumulative rate is compounded year by year and cannot skip one"),
    }
}

/// What a row on a city level the indicator does not use is expected to be.
pub(crate) fn unused_city_row(id: &str, city_row: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("不填值：{id} 只在“{city_row}”行评价，本行的数值不参与评价"),
        Lang::En => format!("no value: {id} is judged on the {city_row} row only, and this row's value is not used"),
    }
}

/// What a compounded rate with a year missing expected.
pub(crate) fn compound_rate_expected(id: &str, year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{id} 的{year}年年度值：累计值按各年复合计算（1 − Π(1 − rᵢ)），不能跳过一年"),
        Lang::En => format!("a {year} rate of {id}: the cumulative value compounds every year's rate, 1 − Π(1 − rᵢ)"),
    }
}

/// What `check-catalog` and `validate` say about the forms other plans need.
pub enum PlanLint<'a> {
    /// `baseline +N%` on a % indicator: relative, where a rate's table usually means points.
    RelativeOnPercent { target: &'a str, points: String },
    /// An indicator without `source` in a catalogue that writes `source` elsewhere.
    NoSource { default: &'a str },
}

pub fn plan_lint(l: &PlanLint, lang: Lang) -> String {
    match (l, lang) {
        (PlanLint::RelativeOnPercent { target, points }, Lang::Zh) => format!(
            "目标 `{target}` 是相对变化（基准值的百分之几），而本指标以 % 计：规划写“提高N个百分点”时应写 `{points}`"
        ),
        (PlanLint::RelativeOnPercent { target, points }, Lang::En) => format!(
            "the target `{target}` is a relative change (a share of the baseline) on an indicator measured in %: \
             where the plan says percentage points (提高N个百分点), write `{points}`"
        ),
        (PlanLint::NoSource { default }, Lang::Zh) => {
            format!("未写 `source`，而本目录其他指标写了：按默认出处“{default}”处理，请写明出处")
        }
        (PlanLint::NoSource { default }, Lang::En) => format!(
            "no `source`, though other indicators of this catalogue give one: it is taken as {default}; say where \
             the plan states it"
        ),
    }
}

/// What is wrong in a key other plans need.
pub fn plan_broken(p: &PlanBroken, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match p {
        PlanBroken::AboutTolerance { value } if zh => format!("about_tolerance = {}：以 N 的百分数计，应在 0 至 100（不含）之间", num(*value)),
        PlanBroken::AboutTolerance { value } => {
            format!("about_tolerance = {}: a share of N in percent, from 0 to less than 100", num(*value))
        }
        PlanBroken::LevelWords if zh => "level 须同时给出 zh 和 en".into(),
        PlanBroken::LevelWords => "level needs both zh and en words".into(),
        PlanBroken::StatusKey { key } if zh => format!("{key:?} 不是状态；键应为 {} 之一", STATUS_NAMES.join("、")),
        PlanBroken::StatusKey { key } => format!("{key:?} is not a status; the keys are {}", STATUS_NAMES.join(", ")),
        PlanBroken::StatusWordEmpty { key } if zh => format!("{key:?} 的用词为空"),
        PlanBroken::StatusWordEmpty { key } => format!("the word for {key:?} is empty"),
        PlanBroken::OfficialRowNotCity { row } if zh => {
            format!("[plan] official_row {row:?} 不是 kind = \"city\" 的 [[county]]")
        }
        PlanBroken::OfficialRowNotCity { row } => {
            format!("[plan] official_row {row:?} is not a [[county]] with kind = \"city\"")
        }
        PlanBroken::CompoundNotCumulative if zh => "compound = true 只用于累计指标（cumulative = true）".into(),
        PlanBroken::CompoundNotCumulative => "compound = true is for a cumulative indicator (cumulative = true)".into(),
        PlanBroken::CompoundAggregated if zh => "compound = true 按各行自己的年度值复合计算，年度值不能跨地区汇总（aggregate = \"none\"）".into(),
        PlanBroken::CompoundAggregated => "compound = true is compounded on each row's own rates; rates do not add up across areas (aggregate = \"none\")".into(),
        PlanBroken::CompoundNotPercent { unit } if zh => format!("compound = true 复合计算以 % 计的年度值，该指标以 {unit} 计"),
        PlanBroken::CompoundNotPercent { unit } => {
            format!("compound = true compounds yearly rates in %, and this indicator is measured in {unit}")
        }
        PlanBroken::RebasedCumulative if zh => "rebased 用于基准值，而累计指标自0起算".into(),
        PlanBroken::RebasedCumulative => "rebased is for a baseline, and a cumulative indicator starts from 0".into(),
        PlanBroken::RebasedWithoutBaseline if zh => "rebased 与规划印发的基准值并列：请把印发值写作 `baseline`".into(),
        PlanBroken::RebasedWithoutBaseline => {
            "rebased stands beside the baseline the plan prints: give that as `baseline`".into()
        }
        PlanBroken::RebasedNotNumber if zh => "rebased.baseline 不是数值".into(),
        PlanBroken::RebasedNotNumber => "rebased.baseline is not a number".into(),
        PlanBroken::RebasedNoNote if zh => "rebased 须有 note，说明基准值为何重算".into(),
        PlanBroken::RebasedNoNote => "rebased needs a note saying why the baseline was recomputed".into(),
    }
}
