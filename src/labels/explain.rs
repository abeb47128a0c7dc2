//! The words of `eval --explain ID`: one verdict taken apart, line by line. The figures and the rows
//! they come from are worked out in `output::explain`; here they are said.

use std::fmt::Display;

use super::*;
use crate::catalog::Aggregate;

/// The lines of an explanation, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explained {
    Indicator,
    Row,
    Target,
    Baseline,
    Value,
    Completion,
    Progress,
    Projection,
    Series,
    Status,
}

/// What a line of the explanation is about.
pub fn explained_label(item: Explained, lang: Lang) -> &'static str {
    let (zh, en) = match item {
        Explained::Indicator => ("指标", "indicator"),
        Explained::Row => ("地区", "row"),
        Explained::Target => ("目标", "target"),
        Explained::Baseline => ("基准值", "baseline"),
        Explained::Value => ("本期值", "value"),
        Explained::Completion => ("完成度", "completion"),
        Explained::Progress => ("进展", "progress"),
        Explained::Projection => ("预测", "projection"),
        Explained::Series => ("序列", "series"),
        Explained::Status => ("状态", "status"),
    };
    words(lang, zh, en)
}

/// One line as a person reads it: `目标：…` / `target: …`.
pub fn explained_line(label: &str, text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{label}：{text}"),
        Lang::En => format!("{label}: {text}"),
    }
}

/// The years of a series, one after another: `2021 25.9｜2022 26.3`.
pub fn explained_series(points: &[String], lang: Lang) -> String {
    points.join(words(lang, "｜", " | "))
}

/// The indicator: its id, name, number, type, polarity and the catalogue line it is defined on.
pub fn explained_indicator(
    id: &str,
    name: &str,
    label: &str,
    kind: IndicatorType,
    better: Better,
    defined_at: &str,
    lang: Lang,
) -> String {
    let (kind, polarity) = (type_label(kind, lang), direction(better, lang));
    match lang {
        Lang::Zh => format!("{id} {name}（序号{label}，{kind}，{polarity}；{defined_at}）"),
        Lang::En => format!("{id} {name} (no. {label}, {kind}, {polarity}; {defined_at})"),
    }
}

/// The row judged, marked when it is the city's official row.
pub fn explained_row(catalog: &crate::catalog::Catalog, county: &str, official: bool, lang: Lang) -> String {
    match official {
        // In the plan's words for the level of its official rows (全国层面 for a national plan).
        true => official_row_text(catalog, county, lang),
        false => county.to_string(),
    }
}

/// Where a target in force comes from.
pub enum TargetFrom<'a> {
    /// A targets file: the source it names, and whether it was assigned to this area.
    Assigned { source: &'a str, for_area: bool },
    /// The catalogue, at `file:line`.
    Catalogue(&'a str),
}

/// The target in force, how the catalogue writes it, the rule it resolves to and where it comes from.
pub fn explained_target(text: &str, written: &str, rule: Option<&str>, from: TargetFrom, lang: Lang) -> String {
    let rule = match (rule, lang) {
        (Some(r), Lang::Zh) => format!("，判定规则 {r}"),
        (Some(r), Lang::En) => format!(", judged as {r}"),
        (None, Lang::Zh) => "，尚无判定规则".into(),
        (None, Lang::En) => ", no rule yet".into(),
    };
    let from = match (from, lang) {
        (TargetFrom::Assigned { source, for_area: false }, Lang::Zh) => format!("省下达：{source}"),
        (TargetFrom::Assigned { source, for_area: true }, Lang::Zh) => format!("下达本地区：{source}"),
        (TargetFrom::Assigned { source, for_area: false }, Lang::En) => format!("assigned by the province: {source}"),
        (TargetFrom::Assigned { source, for_area: true }, Lang::En) => format!("assigned to the area: {source}"),
        (TargetFrom::Catalogue(at), _) => at.to_string(),
    };
    match lang {
        Lang::Zh => format!("{text}（目录写作 `{written}`）{rule}（{from}）"),
        Lang::En => format!("{text} (catalogue: `{written}`){rule} ({from})"),
    }
}

/// Where a baseline was read: the base year's data row, or the catalogue line.
pub enum BaselineFrom<'a> {
    Row(&'a str),
    Catalogue(&'a str),
}

/// The baseline: the value and where it was read, or the catalogue's words (else 无) when there is
/// none. A cumulative indicator's baseline is 0, in the words of the report's cell (`0（2021年起累计）`),
/// and the plan's figure is named as the previous period's: one baseline for the row everywhere.
pub fn explained_baseline(
    baseline: Option<(f64, BaselineFrom)>,
    words_given: Option<&str>,
    base_year: i32,
    cumulative: bool,
    lang: Lang,
) -> String {
    let printed = match baseline {
        None => match (words_given, lang) {
            (Some(text), _) => text.to_string(),
            (None, Lang::Zh) => "无".into(),
            (None, Lang::En) => "none".into(),
        },
        Some((b, from)) => {
            let from = match (from, lang) {
                (BaselineFrom::Row(row), Lang::Zh) => format!("{base_year}年数据行 {row}"),
                (BaselineFrom::Row(row), Lang::En) => format!("the {base_year} row at {row}"),
                (BaselineFrom::Catalogue(at), Lang::Zh) => format!("指标目录 {at}"),
                (BaselineFrom::Catalogue(at), Lang::En) => format!("the catalogue, {at}"),
            };
            match lang {
                Lang::Zh => format!("{}（{from}）", num(b)),
                Lang::En => format!("{} ({from})", num(b)),
            }
        }
    };
    if !cumulative {
        return printed;
    }
    let zero = cumulative_baseline(Some(base_year + 1), lang);
    match (printed.as_str(), lang) {
        ("" | "无" | "none", _) => zero,
        (_, Lang::Zh) => format!("{zero}；规划现状值{printed}为上一规划期累计，不作本期基准"),
        (_, Lang::En) => {
            format!("{zero}; the plan's figure {printed} is the previous period's total, not this baseline")
        }
    }
}

/// How the value was found: reported on a row, or aggregated from the areas' rows.
pub enum ValueFrom {
    Reported,
    Aggregated { how: Aggregate, areas: usize },
}

/// The value and the rows it was read from (`rows`), or why there is none.
pub fn explained_value(value: Option<(f64, ValueFrom)>, year: i32, rows: &str, lang: Lang) -> String {
    match (value, lang) {
        (None, Lang::Zh) if rows.is_empty() => format!("无（数据中无{year}年此项）"),
        (None, Lang::En) if rows.is_empty() => format!("none (no {year} row in the data)"),
        (None, Lang::Zh) => format!("无数据（{rows}）"),
        (None, Lang::En) => format!("no data ({rows})"),
        (Some((x, ValueFrom::Reported)), Lang::Zh) => format!("{}（{year}年，{rows}）", num(x)),
        (Some((x, ValueFrom::Reported)), Lang::En) => format!("{} ({year}, {rows})", num(x)),
        (Some((x, ValueFrom::Aggregated { how, areas })), _) => {
            let how = match (how, lang) {
                (Aggregate::Ratio, Lang::Zh) => "Σ分子 / Σ分母 × 100",
                (Aggregate::Ratio, Lang::En) => "Σ numerator / Σ denominator × 100",
                (_, Lang::Zh) => "各地区之和",
                (_, Lang::En) => "the areas' sum",
            };
            match lang {
                Lang::Zh => format!("{} = {how}，由{areas}个地区汇总（{rows}）", num(x)),
                Lang::En => format!("{} = {how} over {areas} areas ({rows})", num(x)),
            }
        }
    }
}

/// `；序时进度 (2023 − 2020) / (2025 − 2020) = 60%` after the completion's arithmetic.
pub fn explained_elapsed(year: i32, base_year: i32, due: i32, share: f64, lang: Lang) -> String {
    let share = percent(share);
    match lang {
        Lang::Zh => format!("；序时进度 ({year} − {base_year}) / ({due} − {base_year}) = {share}"),
        Lang::En => format!("; elapsed share ({year} − {base_year}) / ({due} − {base_year}) = {share}"),
    }
}

/// No completion, because the baseline already meets the rule.
pub fn explained_level_held(baseline: f64, rule: impl Display, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("基准值{}已达到目标{rule}：按水平判定，不计完成度", num(baseline)),
        Lang::En => format!("the baseline {} already meets {rule}: judged by level, no completion", num(baseline)),
    }
}

/// No completion, because there is no baseline.
pub fn explained_no_baseline(value: f64, rule: impl Display, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无基准值：按水平判定，本期值{}对目标{rule}", num(value)),
        Lang::En => format!("no baseline: judged by level, {} against {rule}", num(value)),
    }
}

/// The progress measure worked out: the two points, the actual and required rates, R and the category.
pub fn explained_progress(p: &Progress, lang: Lang) -> String {
    let a_year = words(lang, "/年", "/yr");
    // Rates to two decimals: +0.85/年, +1.23%/yr.
    let signed = |v: f64| signed((v * 100.0).round() / 100.0);
    let rate = |r: f64| {
        if p.linear { format!("{}{a_year}", signed(r)) } else { format!("{}%{a_year}", signed(r * 100.0)) }
    };
    let how = match (p.linear, lang) {
        (true, Lang::Zh) => "线性年均变化",
        (false, Lang::Zh) => "年均增长率",
        (true, Lang::En) => "linear change a year",
        (false, Lang::En) => "compound rate a year",
    };
    let ratio = p.ratio.map_or("—".to_string(), percent);
    let category = category_label(p.category, lang);
    let (from, latest) = (&p.from, &p.latest);
    let (actual, required) = (rate(p.actual_rate), rate(p.required_rate));
    match lang {
        Lang::Zh => format!(
            "{}年{} → {}年{}，{how}：实际 {actual}，所需 {required}，R = 实际 / 所需 = {ratio} → {category}",
            from.year,
            num(from.value),
            latest.year,
            num(latest.value),
        ),
        Lang::En => format!(
            "{}: {} → {}: {}, {how}: actual {actual}, required {required}, R = actual / required = {ratio} → {category}",
            from.year,
            num(from.value),
            latest.year,
            num(latest.value),
        ),
    }
}

/// The least-squares projection to the target year, against the target; the distance in 个百分点 where
/// the values are percentages.
pub fn explained_projection(p: &Progress, percent_points: bool, lang: Lang) -> String {
    let x = &p.projection;
    let value = num((x.value * 100.0).round() / 100.0);
    // By the sign that matters (issue 21): a projection that meets the target is 超出 it by the distance,
    // one that misses is 差 the distance — never "差-1.39".
    let gap = difference(x.gap, "", percent_points, lang);
    let ceiling = x.target.cmp == crate::target::Cmp::AtMost;
    match (lang, x.meets_target) {
        (Lang::Zh, true) if ceiling => {
            format!("最小二乘直线延至{}年：{value}，目标{}，低于目标{gap}", x.year, x.target)
        }
        (Lang::Zh, true) => format!("最小二乘直线延至{}年：{value}，目标{}，超出{gap}", x.year, x.target),
        (Lang::En, true) if ceiling => {
            format!("least-squares line to {}: {value} against {}, below it by {gap}", x.year, x.target)
        }
        (Lang::Zh, false) => format!("最小二乘直线延至{}年：{value}，目标{}，差{gap}", x.year, x.target),
        (Lang::En, true) => {
            format!("least-squares line to {}: {value} against {}, beyond it by {gap}", x.year, x.target)
        }
        (Lang::En, false) => format!("least-squares line to {}: {value} against {}, short by {gap}", x.year, x.target),
    }
}

#[cfg(test)]
mod projection_tests {
    use super::*;
    use crate::progress::Projection;
    use crate::target::{Cmp, Rule};

    fn progress_of(value: f64, cmp: Cmp, target: f64) -> Projection {
        let rule = Rule { cmp, value: target };
        Projection { year: 2025, value, target: rule, meets_target: rule.is_met_by(value), gap: value - target }
    }

    #[test]
    fn a_projection_says_beyond_or_short_by_the_sign() {
        let say = |projection: Projection| {
            let point = crate::progress::Point { year: 2020, value: 0.0 };
            let p = crate::progress::Progress {
                from: point,
                latest: point,
                linear: true,
                actual_rate: 0.0,
                required_rate: 0.0,
                ratio: None,
                category: crate::progress::Category::Achieved,
                projection,
            };
            explained_projection(&p, false, Lang::Zh)
        };
        // ≥80 projected at 81.65: 1.65 beyond; ≥19.5 projected at 18.11: 1.39 short (before: "差-1.39").
        assert!(say(progress_of(81.65, Cmp::AtLeast, 80.0)).ends_with("超出1.65"));
        assert!(say(progress_of(18.11, Cmp::AtLeast, 19.5)).ends_with("差1.39"));
        assert!(say(progress_of(8.87, Cmp::AtMost, 10.0)).ends_with("低于目标1.13"));
        assert!(say(progress_of(12.5, Cmp::AtMost, 10.0)).ends_with("差2.5"));
    }
}
