//! The content of `eval`: a heading, the city-level table grouped by domain, the body's tasks, the
//! areas × indicators matrix, a summary by type with every status the stage can produce, the JSON
//! document and its records, and the verdict line that explains an exit code 1.

use serde::Serialize;

use super::results::{Header, ResultRow, csv_lead, result_row};
use super::trend::{progress_text, projection_text};
use super::{Cell, Column, Content, Report, Sheet, baseline_cell, reason_cell, status_cell, target_cell, to_value};
use crate::Lang;
use crate::catalog::{AreaKind, Catalog, Indicator, IndicatorType};
use crate::evaluate::{FailOn, Stage, Status, Summary, Verdict};
use crate::labels::{percent, stage_label, status_label, status_symbol, type_label, words};

/// Which verdicts `eval` shows: `--type` (any of) and `--only off-track`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub types: Vec<IndicatorType>,
    /// Only fail, lagging and regressing.
    pub off_track: bool,
}

impl Filter {
    pub fn keeps(&self, catalog: &Catalog, v: &Verdict) -> bool {
        let kind = catalog.indicator(&v.indicator).map(|i| i.kind);
        (self.types.is_empty() || kind.is_some_and(|k| self.types.contains(&k)))
            && (!self.off_track || v.status.is_failing())
    }

    fn keeps_indicator(&self, ind: &Indicator) -> bool {
        self.types.is_empty() || self.types.contains(&ind.kind)
    }
}

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    header: Header<'a>,
    summary: Summary,
    results: Vec<ResultRow<'a>>,
    warnings: &'a [crate::problem::Problem],
}

pub fn build(report: &Report, filter: &Filter) -> anyhow::Result<Content> {
    let lang = report.lang;
    let e = report.evaluation;
    let headline: Vec<&Verdict> = report.headline().into_iter().filter(|v| filter.keeps(report.catalog, v)).collect();
    let mut content = Content { heading: heading(report), ..Content::default() };
    let (tasks, table): (Vec<&Verdict>, Vec<&Verdict>) = headline.iter().partition(|v| is_task(report, v));
    if !table.is_empty() {
        content.sheets.push(verdict_sheet(report, &table));
    }
    if !tasks.is_empty() {
        content.sheets.push(task_sheet(report, &tasks));
    }
    let has_areas = e.areas.iter().any(|a| report.catalog.county(a).is_some_and(|c| c.kind == AreaKind::Area));
    let columns: Vec<&Indicator> =
        report.catalog.indicators.iter().filter(|i| !i.is_city_level() && filter.keeps_indicator(i)).collect();
    if report.area.is_none() && has_areas && !columns.is_empty() {
        content.sheets.push(matrix(report, &columns));
    }
    let summary = Summary::of(report.catalog, e.stage, headline.iter().copied());
    content.sheets.push(summary_sheet(report, &summary));
    let shown: Vec<&Verdict> = match report.area {
        Some(_) => headline.clone(),
        None => e.verdicts.iter().filter(|v| filter.keeps(report.catalog, v)).collect(),
    };
    let results: Vec<ResultRow> = shown.iter().filter_map(|v| result_row(report.catalog, v)).collect();
    content.records = shown
        .iter()
        .zip(&results)
        .map(|(v, r)| Ok(super::record(to_value(r)?, csv_lead(report.catalog, v, lang))))
        .collect::<anyhow::Result<_>>()?;
    content.document = to_value(&Document { header: Header::of(report), summary, results, warnings: &e.warnings })?;
    Ok(content)
}

fn heading(report: &Report) -> Vec<String> {
    let e = report.evaluation;
    let lang = report.lang;
    let stage = stage_label(e.stage, lang);
    let files = report.files.join(", ");
    let share = match (e.stage, lang) {
        (Stage::Midterm, Lang::Zh) => format!("，序时进度 {}", percent(e.elapsed_share)),
        (Stage::Midterm, Lang::En) => format!(", elapsed share {}", percent(e.elapsed_share)),
        (Stage::Final, _) => String::new(),
    };
    vec![
        format!("{} — {stage}", report.catalog.plan.name),
        match lang {
            Lang::Zh => format!("数据：{files}　年份：{}　阶段：{stage}{share}", e.year),
            Lang::En => format!("data: {files}  year: {}  stage: {stage}{share}", e.year),
        },
        format!("{}{}", words(lang, "指标目录：", "catalogue: "), report.catalog.origin),
    ]
}

fn is_task(report: &Report, v: &Verdict) -> bool {
    report.catalog.indicator(&v.indicator).is_some_and(|i| i.kind == IndicatorType::Task)
}

/// The verdict table, grouped by domain as the plan's Table 2 is; the parts of a shared row (4a–4d)
/// sit under one heading row with the row's name, each showing only its own part. With a series of
/// years the Eurostat category and the projection stand beside 序时进度.
fn verdict_sheet(report: &Report, verdicts: &[&Verdict]) -> Sheet {
    let lang = report.lang;
    let plan = &report.catalog.plan;
    let with_progress = verdicts.iter().any(|v| v.progress.is_some());
    let mut columns = vec![
        Column::text(words(lang, "领域", "domain")),
        Column::text(words(lang, "序号", "no")).key(),
        Column::wrapping(words(lang, "指标", "indicator")),
        Column::text(words(lang, "类型", "type")),
        Column {
            align: super::Align::Right,
            ..Column::wrapping(format!("{}({})", words(lang, "基准", "baseline "), plan.base_year))
        },
        Column::wrapping(format!("{}({})", words(lang, "目标", "target "), plan.target_year)),
        Column::number(words(lang, "本期值", "value")),
        Column::number(words(lang, "完成度", "completion")),
    ];
    if with_progress {
        columns.push(Column::wrapping(words(lang, "进展", "progress")));
        columns.push(Column::wrapping(words(lang, "预测", "projection")));
    }
    columns.push(Column::text(words(lang, "状态", "status")));
    columns.push(Column::wrapping(words(lang, "说明", "reason")));
    let mut rows = Vec::new();
    let mut last_domain = "";
    let mut last_shared: Option<u32> = None;
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let mut domain = if ind.domain == last_domain { Cell::Empty } else { Cell::text(&ind.domain) };
        last_domain = &ind.domain;
        let name = match (&ind.part, ind.no) {
            (Some(part), Some(no)) => {
                if last_shared != Some(no) {
                    let group = std::mem::replace(&mut domain, Cell::Empty);
                    rows.push(vec![
                        group,
                        Cell::text(no.to_string()),
                        Cell::text(&ind.name),
                        Cell::text(type_label(ind.kind, lang)),
                    ]);
                    last_shared = Some(no);
                }
                part.clone()
            }
            _ => ind.display_name(),
        };
        let mut row = vec![
            domain,
            Cell::text(ind.label(report.catalog)),
            Cell::text(name),
            Cell::text(type_label(ind.kind, lang)),
            baseline_cell(ind, v),
            Cell::text(target_cell(v)),
            Cell::opt(v.value),
            v.completion.map_or(Cell::Missing, Cell::Percent),
        ];
        if with_progress {
            row.push(Cell::text(progress_text(v.progress.as_ref(), lang)));
            row.push(Cell::text(projection_text(v.progress.as_ref(), lang)));
        }
        row.push(status_cell(v.status, lang));
        row.push(Cell::text(reason_cell(v, lang)));
        rows.push(row);
    }
    let title = match report.area {
        Some(area) => format!("{area}{}", words(lang, "（适用指标）", " (applicable indicators)")),
        None => words(lang, "城市层面（全市／中心市区）", "City level (全市 / 中心市区)").to_string(),
    };
    Sheet { name: words(lang, "城市层面", "city level").into(), title, columns, rows, notes: Vec::new() }
}

/// The body's tasks, grouped by chapter, with where the plan states each and when it is due.
fn task_sheet(report: &Report, verdicts: &[&Verdict]) -> Sheet {
    let lang = report.lang;
    let plan = &report.catalog.plan;
    let columns = vec![
        Column::wrapping(words(lang, "章", "chapter")),
        Column::text(words(lang, "出处", "source")).key(),
        Column::wrapping(words(lang, "任务", "task")),
        Column::number(words(lang, "基准", "baseline")),
        Column::wrapping(words(lang, "目标", "target")),
        Column::number(words(lang, "期限", "due")),
        Column::number(words(lang, "本期值", "value")),
        Column::number(words(lang, "完成度", "completion")),
        Column::text(words(lang, "状态", "status")),
        Column::wrapping(words(lang, "说明", "reason")),
    ];
    let mut rows = Vec::new();
    let mut last = "";
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let chapter = if ind.domain == last { Cell::Empty } else { Cell::text(&ind.domain) };
        last = &ind.domain;
        let unit = if ind.unit.is_empty() || ind.target == crate::target::Target::Done {
            String::new()
        } else {
            format!("（{}）", ind.unit)
        };
        rows.push(vec![
            chapter,
            Cell::text(&ind.source),
            Cell::text(format!("{}{unit}", ind.display_name())),
            baseline_cell(ind, v),
            Cell::text(target_cell(v)),
            Cell::Number(f64::from(ind.due.unwrap_or(plan.target_year))),
            Cell::opt(v.value),
            v.completion.map_or(Cell::Missing, Cell::Percent),
            status_cell(v.status, lang),
            Cell::text(reason_cell(v, lang)),
        ]);
    }
    let title = words(lang, "规划正文重点任务（按章）", "Tasks of the plan's body (by chapter)").to_string();
    Sheet { name: words(lang, "重点任务", "tasks").into(), title, columns, rows, notes: Vec::new() }
}

/// Areas × indicators, one symbol per status, with how many binding indicators each area fails. Tasks of
/// the whole city have no column: areas are not judged on them.
fn matrix(report: &Report, indicators: &[&Indicator]) -> Sheet {
    let lang = report.lang;
    let catalog = report.catalog;
    let e = report.evaluation;
    let mut columns = vec![Column::text(words(lang, "地区", "area")).key()];
    columns.extend(indicators.iter().map(|i| Column::text(i.label(catalog)).centered()));
    columns.push(Column::number(words(lang, "约束性未达", "binding failing")));
    let mut rows = Vec::new();
    for area in e.areas.iter().filter(|a| catalog.county(a).is_some_and(|c| c.kind == AreaKind::Area)) {
        let mut row = vec![Cell::text(area)];
        let mut failing = 0;
        for ind in indicators {
            let v = e.of_area(area).find(|v| v.indicator == ind.id);
            row.push(
                v.map_or(Cell::Empty, |v| Cell::Status { status: v.status, text: status_symbol(v.status).into() }),
            );
            if v.is_some_and(|v| v.status.is_failing()) && ind.kind == IndicatorType::Binding {
                failing += 1;
            }
        }
        row.push(Cell::count(failing));
        rows.push(row);
    }
    let items: Vec<String> =
        Status::ALL.iter().map(|&s| format!("{} {}", status_symbol(s), status_label(s, lang))).collect();
    let legend = format!("{} {}", words(lang, "图例：", "legend:"), items.join("  "));
    Sheet {
        name: words(lang, "各地区", "areas").into(),
        title: words(lang, "各地区", "Reporting areas").into(),
        columns,
        rows,
        notes: vec![legend],
    }
}

/// Every status the stage can produce, zeros included, for every type the catalogue has.
fn summary_sheet(report: &Report, summary: &Summary) -> Sheet {
    let lang = report.lang;
    let statuses = Status::of_stage(report.evaluation.stage);
    let mut columns = vec![Column::text(words(lang, "类型", "type")).key()];
    columns.extend(statuses.iter().map(|&s| Column::number(status_label(s, lang))));
    columns.push(Column::number(words(lang, "合计", "total")));
    let mut rows = Vec::new();
    for kind in IndicatorType::ALL {
        if !report.catalog.indicators.iter().any(|i| i.kind == kind) {
            continue;
        }
        let counts = summary.by_type.get(kind.as_str());
        let count = |s: &str| counts.and_then(|c| c.get(s)).copied().unwrap_or(0);
        let mut row = vec![Cell::text(type_label(kind, lang))];
        row.extend(statuses.iter().map(|s| Cell::count(count(s.as_str()))));
        row.push(Cell::count(counts.map_or(0, |c| c.values().sum())));
        rows.push(row);
    }
    let title = match report.area {
        Some(area) => format!("{}{area}", words(lang, "汇总：", "Summary: ")),
        None => words(lang, "汇总（城市层面）", "Summary (city level)").to_string(),
    };
    Sheet { name: words(lang, "汇总", "summary").into(), title, columns, rows, notes: Vec::new() }
}

/// The line on stderr that says why `eval` exits 1: how many indicators are off track and, for each,
/// its 序号, short name, status, value and target. `None` when nothing fails under `fail_on`.
pub fn verdict_line(report: &Report, fail_on: FailOn) -> Option<String> {
    let lang = report.lang;
    let failing: Vec<(&Verdict, &Indicator)> = report
        .headline()
        .into_iter()
        .filter(|v| crate::evaluate::has_findings(report.catalog, std::iter::once(*v), fail_on))
        .filter_map(|v| Some((v, report.catalog.indicator(&v.indicator)?)))
        .collect();
    if failing.is_empty() {
        return None;
    }
    let items: Vec<String> = failing
        .iter()
        .map(|(v, ind)| {
            let value = super::value_text(v);
            let target = v.target.resolved.clone().unwrap_or_else(|| v.target.text.clone());
            let name = short_name(ind);
            let label = ind.label(report.catalog);
            let status = status_label(v.status, lang);
            match lang {
                Lang::Zh => format!("{label} {name} {status}（{value}，目标{target}）"),
                Lang::En => format!("{label} {name} {status} ({value}, target {target})"),
            }
        })
        .collect();
    let n = failing.len();
    let what = match (fail_on, lang) {
        (FailOn::Binding, Lang::Zh) => format!("{n}项约束性指标未达要求："),
        (_, Lang::Zh) => format!("{n}项指标未达要求："),
        (FailOn::Binding, Lang::En) => format!("{n} binding indicator(s) off track: "),
        (_, Lang::En) => format!("{n} indicator(s) off track: "),
    };
    Some(format!("{what}{}", items.join(words(lang, "；", "; "))))
}

/// A name short enough for one line: the part of a shared row, else the name without its unit.
fn short_name(ind: &Indicator) -> String {
    if let Some(part) = &ind.part {
        return part.clone();
    }
    let name = ind.name.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if name.ends_with(close)
            && let Some(at) = name.rfind(open)
            && at > 0
        {
            return name[..at].trim().to_string();
        }
    }
    name.to_string()
}
