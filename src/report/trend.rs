//! The content of `trend`: one row per indicator with its values by year, a sparkline, Eurostat's
//! progress category, the projection to the target year and the verdict.

use std::collections::BTreeSet;

use serde::Serialize;

use super::results::{Header, ResultRow, csv_lead, result_row};
use super::{Cell, Column, Content, Report, Sheet, reason_cell, status_cell, target_cell, to_value};
use crate::Lang;
use crate::evaluate::{Stage, Verdict};
use crate::labels::{category_label, percent, stage_label, two, words};
use crate::progress::{Point, Progress, sparkline};

/// The verdicts shown: the city-level ones, or those of one area.
fn shown<'a>(report: &'a Report, area: Option<&'a str>) -> Vec<&'a Verdict> {
    match area {
        None => report.evaluation.official().collect(),
        Some(a) => report.evaluation.of_area(a).collect(),
    }
}

/// Every year that has a value in one of the series shown, in order.
fn years(verdicts: &[&Verdict]) -> Vec<i32> {
    let set: BTreeSet<i32> = verdicts.iter().flat_map(|v| v.series.iter().map(|p| p.year)).collect();
    set.into_iter().collect()
}

/// The category with its ratio, and a mark when the rates are linear.
pub fn progress_text(p: Option<&Progress>, lang: Lang) -> String {
    let Some(p) = p else { return "—".into() };
    let mut notes: Vec<String> = p.ratio.map(|r| format!("R={}", percent(r))).into_iter().collect();
    if p.linear {
        notes.push(words(lang, "线性", "linear").into());
    }
    let label = category_label(p.category, lang);
    match (notes.is_empty(), lang) {
        (true, _) => label.into(),
        (false, Lang::Zh) => format!("{label}（{}）", notes.join("，")),
        (false, Lang::En) => format!("{label} ({})", notes.join(", ")),
    }
}

/// "projected 2025: 93.4, target ≥95.6: miss by 2.2".
pub fn projection_text(p: Option<&Progress>, lang: Lang) -> String {
    let Some(p) = p else { return "—".into() };
    let j = &p.projection;
    let (year, value, target, miss) = (j.year, two(j.value), j.target, two(j.gap.abs()));
    match (lang, j.meets_target) {
        (Lang::Zh, true) => format!("预计{year}年{value}；目标{target}：可达标"),
        (Lang::Zh, false) => format!("预计{year}年{value}；目标{target}：差{miss}"),
        (Lang::En, true) => format!("projected {year}: {value}, target {target}: meets"),
        (Lang::En, false) => format!("projected {year}: {value}, target {target}: miss by {miss}"),
    }
}

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    header: Header<'a>,
    /// The area shown, or null for the city-level rows.
    area: Option<&'a str>,
    years: Vec<i32>,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    result: ResultRow<'a>,
    series: &'a [Point],
}

pub fn build(report: &Report, area: Option<&str>) -> anyhow::Result<Content> {
    let lang = report.lang;
    let verdicts = shown(report, area);
    let years = years(&verdicts);
    let rows: Vec<(&Verdict, Row)> = verdicts
        .iter()
        .filter_map(|v| Some((*v, Row { result: result_row(report.catalog, v)?, series: &v.series })))
        .collect();
    let records = rows
        .iter()
        .map(|(v, row)| Ok(super::record(to_value(row)?, csv_lead(report.catalog, v, lang))))
        .collect::<anyhow::Result<_>>()?;
    let document = to_value(&Document {
        header: Header::of(report),
        area,
        years: years.clone(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    })?;
    Ok(Content {
        heading: heading(report, area),
        sheets: vec![sheet(report, &verdicts, &years)],
        notes: notes(lang),
        document,
        records,
        ..Content::default()
    })
}

fn notes(lang: Lang) -> Vec<String> {
    let notes = match lang {
        Lang::Zh => [
            "进展（Eurostat）：R = 实际年均增长率 ÷ 所需年均增长率，自序列首年（有基准值时为基准年）起算；R ≥ 95% 显著进展，60%–95% 适度进展，0–60% 进展不足，R < 0 或基准年已达标而本期未达标为偏离目标；本期已达标为已达目标。值或目标为 0 时增长率无定义，改用线性年均变化（标“线性”）。",
            "预测：各年数值的最小二乘直线在目标年的取值（百分比不超过 100）。走势：▁ 最低 … █ 最高，空格为缺年。",
        ],
        Lang::En => [
            "progress (Eurostat): R = actual ÷ required annual growth rate, from the first year of the series (the base year when its value is known); R ≥ 95% significant, 60–95% moderate, 0–60% insufficient, R < 0 (or a target met in the first year and lost since) moving away; a target met now is achieved. Where a value or the target is 0, growth rates are undefined and the linear change per year is used (marked linear).",
            "projection: the least-squares line through the values, at the target year (a percentage is capped at 100). sparkline: ▁ lowest … █ highest, a space for a missing year.",
        ],
    };
    notes.map(String::from).to_vec()
}

fn heading(report: &Report, area: Option<&str>) -> Vec<String> {
    let e = report.evaluation;
    let lang = report.lang;
    let files = report.files.join(", ");
    let stage = stage_label(e.stage, lang);
    let share = match e.stage {
        Stage::Midterm => format!("{}{}", words(lang, "，序时进度 ", ", elapsed share "), percent(e.elapsed_share)),
        Stage::Final => String::new(),
    };
    let city = words(lang, "城市层面（全市／中心市区）", "city level (全市 / 中心市区)");
    let area = area.unwrap_or(city);
    vec![
        format!("{} — {}", report.catalog.plan.name, words(lang, "历年进展", "progress over the years")),
        match lang {
            Lang::Zh => format!("数据：{files}　评估年份：{}　阶段：{stage}{share}　地区：{area}", e.year),
            Lang::En => format!("data: {files}  year: {}  stage: {stage}{share}  area: {area}", e.year),
        },
        format!("{}{}", words(lang, "指标目录：", "catalogue: "), report.catalog.origin),
    ]
}

fn sheet(report: &Report, verdicts: &[&Verdict], years: &[i32]) -> Sheet {
    let lang = report.lang;
    let target_year = report.catalog.plan.target_year;
    let mut columns =
        vec![Column::text(words(lang, "序号", "no")).key(), Column::wrapping(words(lang, "指标", "indicator"))];
    columns.extend(years.iter().map(|y| Column::number(y.to_string())));
    columns.push(Column::text(words(lang, "走势", "trend")));
    columns.push(Column::wrapping(format!("{}({target_year})", words(lang, "目标", "target "))));
    columns.push(Column::number(words(lang, "完成度", "completion")));
    columns.push(Column::wrapping(words(lang, "进展", "progress")));
    columns.push(Column::wrapping(words(lang, "预测", "projection")));
    columns.push(Column::text(words(lang, "状态", "verdict")));
    columns.push(Column::wrapping(words(lang, "说明", "reason")));
    let mut rows = Vec::new();
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let mut row = vec![Cell::text(ind.label(report.catalog)), Cell::text(ind.display_name())];
        row.extend(years.iter().map(|y| Cell::opt(v.series.iter().find(|p| p.year == *y).map(|p| p.value))));
        row.push(Cell::text(sparkline(&v.series)));
        row.push(Cell::text(target_cell(v)));
        row.push(v.completion.map_or(Cell::Missing, Cell::Percent));
        row.push(Cell::text(progress_text(v.progress.as_ref(), lang)));
        row.push(Cell::text(projection_text(v.progress.as_ref(), lang)));
        row.push(status_cell(v.status, lang));
        row.push(Cell::text(reason_cell(v, lang)));
        rows.push(row);
    }
    Sheet { name: words(lang, "历年进展", "trend").into(), title: String::new(), columns, rows, notes: Vec::new() }
}
