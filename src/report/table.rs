//! The terminal report of `eval`: a header, the city-level table grouped by domain, the areas ×
//! indicators matrix, and a summary by indicator type. Columns line up with CJK text; nothing depends
//! on the terminal's width, so the output is the same everywhere.

use std::io::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use super::trend::{progress_cell, projection_cell};
use super::{
    Report, baseline_cell, completion_cell, reason_cell, stage_label, status_label, status_symbol, target_cell,
    type_label, value_cell, words,
};
use crate::Lang;
use crate::catalog::{AreaKind, Indicator, IndicatorType};
use crate::evaluate::{Stage, Status, Summary, Verdict, percent};

fn new_table(header: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled).set_header(header);
    t
}

pub fn render(report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
    header(report, out)?;
    let lang = report.lang;
    let headline = report.headline();
    let (tasks, table): (Vec<&Verdict>, Vec<&Verdict>) = headline.iter().partition(|v| is_task(report, v));
    if !table.is_empty() {
        let title = match report.area {
            Some(area) => format!("{area}{}", words(lang, "（适用指标）", " (applicable indicators)")),
            None => words(lang, "城市层面（全市／中心市区）", "City level (全市 / 中心市区)").to_string(),
        };
        writeln!(out, "\n{title}")?;
        writeln!(out, "{}", verdict_table(report, &table))?;
    }
    if !tasks.is_empty() {
        writeln!(out, "\n{}", words(lang, "规划正文重点任务（按章）", "Tasks of the plan's body (by chapter)"))?;
        writeln!(out, "{}", task_table(report, &tasks))?;
    }
    let has_areas =
        report.evaluation.areas.iter().any(|a| report.catalog.county(a).is_some_and(|c| c.kind == AreaKind::Area));
    if report.area.is_none() && has_areas && report.catalog.indicators.iter().any(|i| !i.is_city_level()) {
        writeln!(out, "\n{}", words(lang, "各地区", "Reporting areas"))?;
        writeln!(out, "{}", matrix(report))?;
        writeln!(out, "{}", legend(report))?;
    }
    let summary_title = match report.area {
        Some(area) => format!("{}{area}", words(lang, "汇总：", "Summary: ")),
        None => words(lang, "汇总（城市层面）", "Summary (city level)").to_string(),
    };
    writeln!(out, "\n{summary_title}")?;
    writeln!(out, "{}", summary_table(report, &Summary::of(report.catalog, headline.into_iter())))?;
    Ok(())
}

fn header(report: &Report, out: &mut dyn Write) -> anyhow::Result<()> {
    let e = report.evaluation;
    let lang = report.lang;
    writeln!(out, "{} — {}", report.catalog.plan.name, stage_label(e.stage, lang))?;
    let files: Vec<_> = report.files.iter().map(|f| crate::problem::escape(f)).collect();
    let files = files.join(", ");
    let progress = match e.stage {
        Stage::Midterm => format!("，{} {}", words(lang, "序时进度", "elapsed share"), percent(e.elapsed_share)),
        Stage::Final => String::new(),
    };
    match lang {
        Lang::Zh => writeln!(out, "数据：{files}　年份：{}　阶段：{}{progress}", e.year, stage_label(e.stage, lang))?,
        Lang::En => writeln!(
            out,
            "data: {files}  year: {}  stage: {}{}",
            e.year,
            stage_label(e.stage, lang),
            progress.replace('，', ", ")
        )?,
    }
    writeln!(out, "{}{}", words(lang, "指标目录：", "catalogue: "), report.catalog.origin)?;
    Ok(())
}

/// The verdict table, grouped by domain as the plan's Table 2 is. With a series of years (several
/// files, or a year column) the Eurostat category and the projection stand beside 序时进度.
fn verdict_table(report: &Report, verdicts: &[&Verdict]) -> Table {
    let lang = report.lang;
    let plan = &report.catalog.plan;
    let with_progress = verdicts.iter().any(|v| v.progress.is_some());
    let mut head: Vec<String> = vec![
        words(lang, "领域", "domain").into(),
        words(lang, "序号", "no").into(),
        words(lang, "指标", "indicator").into(),
        words(lang, "类型", "type").into(),
        format!("{}({})", words(lang, "基准", "baseline "), plan.base_year),
        format!("{}({})", words(lang, "目标", "target "), plan.target_year),
        words(lang, "本期值", "value").into(),
        words(lang, "完成度", "completion").into(),
    ];
    if with_progress {
        head.push(words(lang, "进展", "progress").into());
        head.push(words(lang, "预测", "projection").into());
    }
    head.push(words(lang, "状态", "status").into());
    head.push(words(lang, "说明", "reason").into());
    let mut table = new_table(head);
    for (domain, v, ind) in grouped(report, verdicts) {
        let mut row = vec![
            Cell::new(domain),
            Cell::new(ind.label(report.catalog)),
            Cell::new(ind.display_name()),
            Cell::new(type_label(ind.kind, lang)),
            Cell::new(baseline_cell(ind, v)).set_alignment(CellAlignment::Right),
            Cell::new(target_cell(v)),
            Cell::new(value_cell(v)).set_alignment(CellAlignment::Right),
            Cell::new(completion_cell(v)).set_alignment(CellAlignment::Right),
        ];
        if with_progress {
            row.push(Cell::new(progress_cell(v.progress.as_ref(), lang)));
            row.push(Cell::new(projection_cell(v.progress.as_ref(), lang)));
        }
        row.push(Cell::new(status_label(v.status, lang)));
        row.push(Cell::new(reason_cell(v, lang)));
        table.add_row(row);
    }
    table
}

/// Each verdict with its indicator, and its domain (chapter) on the first row of the group only, as the
/// plan's own tables print it.
fn grouped<'a>(
    report: &'a Report,
    verdicts: &'a [&'a Verdict],
) -> impl Iterator<Item = (&'a str, &'a Verdict, &'a Indicator)> {
    let mut last = "";
    verdicts.iter().filter_map(move |v| {
        let ind = report.catalog.indicator(&v.indicator)?;
        let domain = if ind.domain == last { "" } else { ind.domain.as_str() };
        last = &ind.domain;
        Some((domain, *v, ind))
    })
}

fn is_task(report: &Report, v: &Verdict) -> bool {
    report.catalog.indicator(&v.indicator).is_some_and(|i| i.kind == IndicatorType::Task)
}

/// The body's tasks, grouped by chapter, with where the plan states each and when it is due.
fn task_table(report: &Report, verdicts: &[&Verdict]) -> Table {
    let lang = report.lang;
    let plan = &report.catalog.plan;
    let head: Vec<String> = match lang {
        Lang::Zh => ["章", "出处", "任务", "基准", "目标", "期限", "本期值", "完成度", "状态", "说明"],
        Lang::En => {
            ["chapter", "source", "task", "baseline", "target", "due", "value", "completion", "status", "reason"]
        }
    }
    .map(String::from)
    .to_vec();
    let mut table = new_table(head);
    for (domain, v, ind) in grouped(report, verdicts) {
        let unit = if ind.unit.is_empty() || ind.target == crate::target::Target::Done {
            String::new()
        } else {
            format!("（{}）", ind.unit)
        };
        table.add_row(vec![
            Cell::new(domain),
            Cell::new(&ind.source),
            Cell::new(format!("{}{unit}", ind.display_name())),
            Cell::new(baseline_cell(ind, v)).set_alignment(CellAlignment::Right),
            Cell::new(target_cell(v)),
            Cell::new(ind.due.unwrap_or(plan.target_year)).set_alignment(CellAlignment::Right),
            Cell::new(value_cell(v)).set_alignment(CellAlignment::Right),
            Cell::new(completion_cell(v)).set_alignment(CellAlignment::Right),
            Cell::new(status_label(v.status, lang)),
            Cell::new(reason_cell(v, lang)),
        ]);
    }
    table
}

/// Areas × indicators, one symbol per status, with how many binding indicators each area fails. Tasks of
/// the whole city have no column: areas are not judged on them.
fn matrix(report: &Report) -> Table {
    let lang = report.lang;
    let catalog = report.catalog;
    let e = report.evaluation;
    let columns: Vec<&Indicator> = catalog.indicators.iter().filter(|i| !i.is_city_level()).collect();
    let mut head = vec![words(lang, "地区", "area").to_string()];
    head.extend(columns.iter().map(|i| i.label(catalog)));
    head.push(words(lang, "约束性未达", "binding failing").to_string());
    let mut table = new_table(head);
    for area in e.areas.iter().filter(|a| catalog.county(a).is_some_and(|c| c.kind == AreaKind::Area)) {
        let mut row = vec![Cell::new(area)];
        let mut failing = 0;
        for ind in &columns {
            let v = e.of_area(area).find(|v| v.indicator == ind.id);
            let symbol = v.map_or(" ", |v| status_symbol(v.status));
            if v.is_some_and(|v| v.status.is_failing()) && ind.kind == IndicatorType::Binding {
                failing += 1;
            }
            row.push(Cell::new(symbol).set_alignment(CellAlignment::Center));
        }
        row.push(Cell::new(failing).set_alignment(CellAlignment::Right));
        table.add_row(row);
    }
    table
}

fn legend(report: &Report) -> String {
    let items: Vec<String> =
        Status::ALL.iter().map(|&s| format!("{} {}", status_symbol(s), status_label(s, report.lang))).collect();
    format!("{} {}", words(report.lang, "图例：", "legend:"), items.join("  "))
}

fn summary_table(report: &Report, summary: &Summary) -> Table {
    let lang = report.lang;
    let statuses: Vec<Status> =
        Status::ALL.iter().copied().filter(|s| summary.counts.contains_key(s.as_str())).collect();
    let mut head = vec![words(lang, "类型", "type").to_string()];
    head.extend(statuses.iter().map(|&s| status_label(s, lang).to_string()));
    head.push(words(lang, "合计", "total").to_string());
    let mut table = new_table(head);
    for kind in IndicatorType::ALL {
        let Some(counts) = summary.by_type.get(kind.as_str()) else { continue };
        let mut row = vec![Cell::new(type_label(kind, lang))];
        row.extend(
            statuses
                .iter()
                .map(|s| Cell::new(counts.get(s.as_str()).copied().unwrap_or(0)).set_alignment(CellAlignment::Right)),
        );
        row.push(Cell::new(counts.values().sum::<usize>()).set_alignment(CellAlignment::Right));
        table.add_row(row);
    }
    table
}
