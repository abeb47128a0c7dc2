//! The report of `trend`: one row per indicator with its values by year, a sparkline, Eurostat's
//! progress category, the projection to the target year and the verdict — as a table or as JSON
//! (README.md, "plan-check trend").

use std::collections::BTreeSet;
use std::io::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

use super::json::{Header, ResultRow, result_row};
use super::{Report, completion_cell, reason_cell, stage_label, status_label, target_cell, words};
use crate::Lang;
use crate::evaluate::{Stage, Verdict, percent};
use crate::progress::{Category, Point, Progress, sparkline};
use crate::target::num;

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

/// At most two decimals, as the tables show values.
fn two(x: f64) -> String {
    num((x * 100.0).round() / 100.0)
}

/// The category with its ratio, and a mark when the rates are linear.
pub fn progress_cell(p: Option<&Progress>, lang: Lang) -> String {
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
pub fn projection_cell(p: Option<&Progress>, lang: Lang) -> String {
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

pub fn render_table(report: &Report, area: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = report.lang;
    let verdicts = shown(report, area);
    let years = years(&verdicts);
    header(report, area, out)?;
    writeln!(out, "{}", table(report, &verdicts, &years))?;
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
    for note in notes {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

fn header(report: &Report, area: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let e = report.evaluation;
    let lang = report.lang;
    writeln!(out, "{} — {}", report.catalog.plan.name, words(lang, "历年进展", "progress over the years"))?;
    let files: Vec<_> = report.files.iter().map(|f| crate::problem::escape(f)).collect();
    let files = files.join(", ");
    let stage = stage_label(e.stage, lang);
    let share = match e.stage {
        Stage::Midterm => format!("{}{}", words(lang, "，序时进度 ", ", elapsed share "), percent(e.elapsed_share)),
        Stage::Final => String::new(),
    };
    let city = words(lang, "城市层面（全市／中心市区）", "city level (全市 / 中心市区)");
    let area = area.unwrap_or(city);
    match lang {
        Lang::Zh => writeln!(out, "数据：{files}　评估年份：{}　阶段：{stage}{share}　地区：{area}", e.year)?,
        Lang::En => writeln!(out, "data: {files}  year: {}  stage: {stage}{share}  area: {area}", e.year)?,
    }
    writeln!(out, "{}{}", words(lang, "指标目录：", "catalogue: "), report.catalog.origin)?;
    Ok(())
}

fn table(report: &Report, verdicts: &[&Verdict], years: &[i32]) -> Table {
    let lang = report.lang;
    let target_year = report.catalog.plan.target_year;
    let mut head: Vec<String> = vec![words(lang, "序号", "no").into(), words(lang, "指标", "indicator").into()];
    head.extend(years.iter().map(i32::to_string));
    head.push(words(lang, "走势", "trend").into());
    head.push(format!("{}({target_year})", words(lang, "目标", "target ")));
    for h in [("完成度", "completion"), ("进展", "progress"), ("预测", "projection"), ("状态", "verdict")] {
        head.push(words(lang, h.0, h.1).into());
    }
    head.push(words(lang, "说明", "reason").into());
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled).set_header(head);
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let mut row = vec![Cell::new(ind.label(report.catalog)), Cell::new(ind.display_name())];
        row.extend(years.iter().map(|y| {
            let value = v.series.iter().find(|p| p.year == *y).map_or("—".into(), |p| two(p.value));
            Cell::new(value).set_alignment(CellAlignment::Right)
        }));
        row.push(Cell::new(sparkline(&v.series)));
        row.push(Cell::new(target_cell(v)));
        row.push(Cell::new(completion_cell(v)).set_alignment(CellAlignment::Right));
        row.push(Cell::new(progress_cell(v.progress.as_ref(), lang)));
        row.push(Cell::new(projection_cell(v.progress.as_ref(), lang)));
        row.push(Cell::new(status_label(v.status, lang)));
        row.push(Cell::new(reason_cell(v, lang)));
        t.add_row(row);
    }
    t
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

pub fn render_json(report: &Report, area: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let verdicts = shown(report, area);
    let rows = verdicts
        .iter()
        .filter_map(|v| Some(Row { result: result_row(report.catalog, v)?, series: &v.series }))
        .collect();
    let doc = Document { header: Header::of(report), area, years: years(&verdicts), rows };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
