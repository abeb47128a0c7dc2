//! The parts of the evaluation report a published 中期评估 / 总结评估 has, in its order and words:
//! 一、规划实施总体情况 (the overall judgement, then 主要成效), 三、重点任务推进情况, 四、重大工程进展情况,
//! 五、存在的主要问题, 六、下一步工作建议, and the areas as a sub-part of 二. What can be counted is drafted
//! from the verdicts and the register; what only the analyst can write comes from `--narrative`, else a
//! visible placeholder says it is still to be written.

use std::collections::{BTreeMap, HashMap};

use super::{
    Block, Column, ColumnKind, Group, Inputs, Matrix, MatrixRow, Row, Section, StatusBar, Table, bound_matrix, column,
    completion_text, grouped, kind_of, legend, text,
};
use crate::catalog::{AreaKind, Indicator, IndicatorType, ProjectStatus};
use crate::evaluate::{Status, Summary, Verdict};
use crate::labels::{self, NarrativePart, PartWord, ProjectWord, doc_word, part_word, project_word};
use crate::output::headline::unjudged_reason;
use crate::output::{EvalView, baseline_cell, reason_cell, target_cell_in, value_text};
use crate::target::Target;

/// The analyst's text for a part, else the placeholder that says it is to be written and how.
fn narrative_or_placeholder(inputs: &Inputs, part: NarrativePart) -> Vec<Block> {
    let given = inputs.narrative.map(|n| n.of(part)).unwrap_or_default();
    if given.is_empty() {
        vec![Block::Placeholder(labels::narrative_placeholder(part, inputs.report.lang))]
    } else {
        given
    }
}

/// 一、规划实施总体情况: the counts by type and status of the plan's indicators (the tasks counted apart),
/// the stacked bar of statuses, then 主要成效 from the analyst.
pub(super) fn overall(inputs: &Inputs, table: &[&Verdict], tasks: usize) -> Section {
    let report = inputs.report;
    let lang = report.lang;
    if table.is_empty() {
        let e = report.evaluation;
        let mut blocks = vec![Block::Paragraph(labels::only_tasks_selected(e.year, e.stage, tasks, lang))];
        blocks.push(Block::Subheading(part_word(PartWord::Achievements, lang).into()));
        blocks.extend(narrative_or_placeholder(inputs, NarrativePart::Achievements));
        return Section { id: "overview", heading: part_word(PartWord::OverallHeading, lang).into(), blocks };
    }
    let summary = Summary::of(report.catalog, report.evaluation.stage, table.iter().copied());
    let mut lead = text::lead(report, &summary);
    if tasks > 0 {
        lead.push_str(&labels::tasks_apart(tasks, lang));
    }
    let mut blocks = vec![Block::Paragraph(lead)];
    let mut bars = Vec::new();
    for kind in IndicatorType::ALL {
        // The summary has every type of the catalogue; one area may have no verdict of a type.
        let Some(counts) = summary.by_type.get(kind.as_str()).filter(|c| c.values().sum::<usize>() > 0) else {
            continue;
        };
        let of_kind: Vec<&Verdict> = table.iter().copied().filter(|v| kind_of(report.catalog, v) == kind).collect();
        let text = text::type_sentence(report.catalog, kind, counts, &of_kind, lang);
        blocks.push(Block::TypeSentence { kind: kind.as_str(), text });
        let total: usize = counts.values().sum();
        let label = labels::status_bar_label(kind, total, lang);
        let counts =
            text::ORDER.iter().filter_map(|&s| counts.get(s.as_str()).map(|&n| (s, n))).filter(|&(_, n)| n > 0);
        bars.push(StatusBar { kind: kind.as_str(), label, counts: counts.collect() });
    }
    blocks.extend(text::closing(report, table));
    blocks.push(Block::StatusChart(bars));
    blocks.push(Block::Legend(legend(report.catalog, report.evaluation.stage, lang)));
    blocks.push(Block::Subheading(part_word(PartWord::Achievements, lang).into()));
    blocks.extend(narrative_or_placeholder(inputs, NarrativePart::Achievements));
    Section { id: "overview", heading: part_word(PartWord::OverallHeading, lang).into(), blocks }
}

/// 三、重点任务推进情况: the body's tasks, counted apart from the indicators; those with data in a table by
/// chapter (a yes/no task in words: 已完成 / 尚未完成), those without data in one sentence.
pub(super) fn tasks_section(view: &EvalView, tasks: &[&Verdict]) -> Section {
    let lang = view.lang;
    let heading = part_word(PartWord::TasksHeading, lang).into();
    if tasks.is_empty() {
        let none = match view.area {
            Some(area) => labels::no_tasks_for_area(area, lang),
            None => labels::no_tasks(lang).into(),
        };
        let blocks = vec![Block::Paragraph(none)];
        return Section { id: "tasks", heading, blocks };
    }
    let catalog = view.catalog;
    let e = view.evaluation;
    let summary = Summary::of(catalog, e.stage, tasks.iter().copied());
    let mut blocks = Vec::new();
    if let Some(counts) = summary.by_type.get(IndicatorType::Task.as_str()) {
        let sentence = text::type_sentence(catalog, IndicatorType::Task, counts, tasks, lang);
        blocks.push(Block::TypeSentence { kind: IndicatorType::Task.as_str(), text: sentence });
    }
    // Each chapter's number, from its tasks' sources (a 专栏's tasks sit in its chapter's domain).
    let mut chapters: HashMap<&str, &str> = HashMap::new();
    for ind in catalog.indicators.iter().filter(|i| i.kind == IndicatorType::Task) {
        if let Some(c) = labels::chapter_of(&ind.source) {
            chapters.entry(ind.domain.as_str()).or_insert(c);
        }
    }
    let chapter_title =
        |ind: &Indicator| labels::chapter_title(chapters.get(ind.domain.as_str()).copied(), &ind.domain);
    let (with_data, without): (Vec<&Verdict>, Vec<&Verdict>) =
        tasks.iter().copied().partition(|v| v.status != Status::Missing);
    if !with_data.is_empty() {
        let w = |word| doc_word(word, lang).to_string();
        let columns = vec![
            column(w(labels::DocWord::TaskSource), ColumnKind::Text, 10),
            column(w(labels::DocWord::Task), ColumnKind::Text, 22),
            column(w(labels::DocWord::Baseline), ColumnKind::Number, 7),
            column(w(labels::DocWord::Target), ColumnKind::Text, 12),
            column(w(labels::DocWord::Due), ColumnKind::Number, 5),
            column(w(labels::DocWord::Value), ColumnKind::Number, 7),
            column(w(labels::DocWord::Completion), ColumnKind::Number, 7),
            column(w(labels::DocWord::Status), ColumnKind::Status, 8),
            column(w(labels::DocWord::Note), ColumnKind::Text, 16),
        ];
        let due_default = catalog.plan.target_year;
        let groups = grouped(view, &with_data, chapter_title, |ind, v| {
            let due = ind.due.unwrap_or(due_default);
            let yes_no = ind.target == Target::Done;
            let (target, value, note) = if yes_no {
                let done = v.value.map(|x| x >= 1.0);
                let value = match done {
                    Some(true) => part_word(PartWord::Done, lang).to_string(),
                    Some(false) => part_word(PartWord::NotDone, lang).to_string(),
                    None => "—".to_string(),
                };
                let note = done.map(|d| labels::yes_no_note(d, due, e.year, lang)).unwrap_or_default();
                (v.target.text.to_string(), value, note)
            } else {
                (target_cell_in(v, lang), value_text(v), reason_cell(v, lang))
            };
            vec![
                ind.source.clone(),
                labels::task_name(ind),
                baseline_cell(ind, v, lang).shown(),
                target,
                due.to_string(),
                value,
                completion_text(v),
                labels::status_word(catalog, v.status, lang).into_owned(),
                note,
            ]
        });
        blocks.push(Block::Table(Table { id: "tasks", columns, groups, wide: true }));
    }
    if !without.is_empty() {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for v in &without {
            let Some(ind) = catalog.indicator(&v.indicator) else { continue };
            let name = chapters
                .get(ind.domain.as_str())
                .map_or_else(|| labels::chapter_by_title(&ind.domain, lang), |c| c.to_string());
            match counts.iter_mut().find(|(c, _)| *c == name) {
                Some((_, n)) => *n += 1,
                None => counts.push((name, 1)),
            }
        }
        blocks.push(Block::Paragraph(labels::tasks_without_data(without.len(), tasks.len(), &counts, lang)));
    }
    Section { id: "tasks", heading, blocks }
}

/// 四、重大工程进展情况: the register's counts, rates and investment, by 专栏, and the projects behind
/// schedule by name; without a project status file, one sentence saying so and how to give one.
pub(super) fn projects(inputs: &Inputs) -> Section {
    let lang = inputs.report.lang;
    let heading = part_word(PartWord::ProjectsHeading, lang).into();
    let Some(register) = inputs.register else {
        return Section {
            id: "projects",
            heading,
            blocks: vec![Block::Paragraph(labels::no_projects_file(lang).into())],
        };
    };
    let mut blocks = vec![Block::Paragraph(labels::register_sentence(&register.summary, lang))];
    let p = |w| project_word(w, lang).to_string();
    let status = |s: Option<ProjectStatus>| labels::project_status_label(s, lang).to_string();
    let rate = |r: Option<f64>| r.map_or_else(|| "—".to_string(), |r| format!("{}%", labels::num(r)));
    let columns = vec![
        column(p(ProjectWord::Column), ColumnKind::Text, 8),
        column(p(ProjectWord::Total), ColumnKind::Number, 6),
        column(status(Some(ProjectStatus::Completed)), ColumnKind::Number, 6),
        column(status(Some(ProjectStatus::UnderConstruction)), ColumnKind::Number, 6),
        column(status(Some(ProjectStatus::Preparing)), ColumnKind::Number, 6),
        column(status(Some(ProjectStatus::NotStarted)), ColumnKind::Number, 6),
        column(status(None), ColumnKind::Number, 6),
        column(status(Some(ProjectStatus::Cancelled)), ColumnKind::Number, 6),
        column(p(ProjectWord::StartRate), ColumnKind::Number, 7),
        column(p(ProjectWord::CompletionRate), ColumnKind::Number, 7),
    ];
    let row = |name: String, c: &crate::evaluate::projects::Counts| Row {
        indicator: String::new(),
        status: None,
        cells: vec![
            name,
            c.total.to_string(),
            c.completed.to_string(),
            c.under_construction.to_string(),
            c.preparing.to_string(),
            c.not_started.to_string(),
            c.unreported.to_string(),
            c.cancelled.to_string(),
            rate(c.start_rate),
            rate(c.completion_rate),
        ],
    };
    let mut rows: Vec<Row> = register.by_column.iter().map(|c| row(c.column.to_string(), &c.counts)).collect();
    rows.push(row(p(ProjectWord::Total), &register.summary));
    blocks.push(Block::Subheading(part_word(PartWord::ProjectsByColumn, lang).into()));
    let groups = vec![Group { title: String::new(), rows }];
    blocks.push(Block::Table(Table { id: "projects", columns, groups, wide: false }));
    blocks.push(Block::Subheading(part_word(PartWord::ProjectsOverdue, lang).into()));
    let overdue: Vec<String> = register
        .overdue()
        .map(|i| {
            let progress = i.report.and_then(|r| r.progress);
            labels::overdue_item(&i.project.name, &i.project.column, &status(i.status()), progress, i.due, lang)
        })
        .collect();
    if overdue.is_empty() {
        blocks.push(Block::Paragraph(p(ProjectWord::NoneOverdue)));
    } else {
        blocks.push(Block::Paragraph(labels::overdue_lead(overdue.len(), register.year, lang)));
        blocks.push(Block::Bullets(overdue));
    }
    Section { id: "projects", heading, blocks }
}

/// 五、存在的主要问题: drafted from the verdicts — the indicators off track with their gaps, those that
/// could not be judged and why, the areas short on binding indicators — then the analyst's text.
pub(super) fn problems(inputs: &Inputs, table: &[&Verdict]) -> Section {
    let report = inputs.report;
    let lang = report.lang;
    let e = report.evaluation;
    let mut blocks = vec![Block::Subheading(labels::off_track_heading(e.stage, lang).into())];
    let items: Vec<String> = table
        .iter()
        .filter(|v| v.status.is_failing())
        .filter_map(|v| Some(text::attention_item(report, report.catalog.indicator(&v.indicator)?, v)))
        .collect();
    if items.is_empty() {
        blocks.push(Block::Paragraph(labels::none_off_track(e.stage, lang)));
    } else {
        blocks.push(Block::Paragraph(labels::off_track_lead(items.len(), e.stage, lang)));
        blocks.push(Block::Bullets(items));
    }
    blocks.push(Block::Subheading(part_word(PartWord::ProblemsUnjudged, lang).into()));
    let mut unjudged: Vec<(labels::Unjudged, Vec<String>)> = Vec::new();
    for u in [labels::Unjudged::ProvinceTarget, labels::Unjudged::WantsData, labels::Unjudged::Missing] {
        let names: Vec<String> = table
            .iter()
            .filter(|v| unjudged_reason(v) == Some(u))
            .filter_map(|v| report.catalog.indicator(&v.indicator))
            .map(|i| format!("{} {}", i.label(report.catalog), labels::short_name(i)))
            .collect();
        if !names.is_empty() {
            unjudged.push((u, names));
        }
    }
    let n: usize = unjudged.iter().map(|(_, names)| names.len()).sum();
    blocks.push(Block::Paragraph(if n == 0 {
        labels::all_judged(lang).into()
    } else {
        labels::unjudged_problem(n, &labels::unjudged_list(&unjudged, lang), lang)
    }));
    if report.area.is_none()
        && let Some(short) = areas_short(report)
    {
        blocks.push(Block::Subheading(part_word(PartWord::ProblemsAreas, lang).into()));
        blocks.extend(short);
    }
    let given = inputs.narrative.map(|n| n.of(NarrativePart::Problems)).unwrap_or_default();
    if !given.is_empty() {
        blocks.push(Block::Subheading(part_word(PartWord::ProblemsNarrative, lang).into()));
        blocks.extend(given);
    }
    Section { id: "problems", heading: part_word(PartWord::ProblemsHeading, lang).into(), blocks }
}

/// The reporting areas evaluated, in catalogue order.
fn reporting_areas<'a>(report: &EvalView<'a>) -> Vec<&'a String> {
    let counties = report.catalog.counties_by_name();
    report
        .evaluation
        .areas
        .iter()
        .filter(|a| counties.get(a.trim()).is_some_and(|c| c.kind == AreaKind::Area))
        .collect()
}

/// Each area's binding indicators off track, in catalogue order.
fn binding_short<'a>(report: &EvalView<'a>, area: &str) -> Vec<(&'a Indicator, &'a Verdict)> {
    report
        .evaluation
        .of_area(area)
        .filter(|v| v.status.is_failing())
        .filter_map(|v| Some((report.catalog.indicator(&v.indicator)?, v)))
        .filter(|(i, _)| i.kind == IndicatorType::Binding && !i.is_city_level())
        .collect()
}

/// 五's part on the areas: which areas are short on binding indicators, and on which.
fn areas_short(report: &EvalView) -> Option<Vec<Block>> {
    let lang = report.lang;
    let areas = reporting_areas(report);
    if areas.is_empty() {
        return None;
    }
    let items: Vec<String> = areas
        .iter()
        .filter_map(|area| {
            let short = binding_short(report, area);
            let names: Vec<String> =
                short.iter().map(|(i, _)| format!("{} {}", i.label(report.catalog), labels::short_name(i))).collect();
            (!names.is_empty()).then(|| labels::area_short_item(area, &names, lang))
        })
        .collect();
    Some(if items.is_empty() {
        vec![Block::Paragraph(labels::no_area_short(areas.len(), lang))]
    } else {
        vec![Block::Paragraph(labels::areas_short_lead(items.len(), areas.len(), lang)), Block::Bullets(items)]
    })
}

/// 六、下一步工作建议: the analyst's text, else the placeholder.
pub(super) fn next_steps(inputs: &Inputs) -> Section {
    let lang = inputs.report.lang;
    let blocks = narrative_or_placeholder(inputs, NarrativePart::NextSteps);
    Section { id: "next", heading: part_word(PartWord::NextStepsHeading, lang).into(), blocks }
}

/// 二's sub-part on the areas: which target each is judged against, each area's binding shortfalls beside
/// its change since the base year, then areas × indicators coloured by status.
pub(super) fn areas(report: &EvalView) -> Vec<Block> {
    let lang = report.lang;
    let catalog = report.catalog;
    let e = report.evaluation;
    let columns: Vec<&Indicator> = catalog.indicators.iter().filter(|i| !i.is_city_level()).collect();
    let area_names = reporting_areas(report);
    if columns.is_empty() || area_names.is_empty() {
        return Vec::new();
    }
    let mut rows: Vec<MatrixRow> = area_names
        .iter()
        .map(|area| {
            let cells: Vec<Option<Status>> =
                columns.iter().map(|ind| e.of_area(area).find(|v| *v.indicator == *ind.id).map(|v| v.status)).collect();
            let binding_off_track = columns
                .iter()
                .zip(&cells)
                .filter(|(ind, s)| ind.kind == IndicatorType::Binding && s.is_some_and(Status::is_failing))
                .count();
            MatrixRow { area: area.to_string(), cells, binding_off_track }
        })
        .collect();
    let shown_of = rows.len();
    bound_matrix(&mut rows);
    let matrix = Matrix {
        corner: doc_word(labels::DocWord::Area, lang).into(),
        columns: columns.iter().map(|i| (i.label(catalog), i.display_name())).collect(),
        count_title: doc_word(labels::DocWord::BindingOffTrack, lang).into(),
        rows,
    };
    let mut blocks = vec![
        Block::Subheading(part_word(PartWord::AreasSubheading, lang).into()),
        Block::Paragraph(text::areas_sentence(&matrix, e.stage, lang)),
    ];
    // Which target: the city's, unless the targets file gave the area its own.
    let mut own: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (at, area) in area_names.iter().enumerate() {
        for v in e.of_area(area).filter(|v| v.target.for_area) {
            if let Some(i) = catalog.indicator(&v.indicator) {
                own.entry(at).or_default().push(format!("{} {}", i.label(catalog), labels::short_name(i)));
            }
        }
    }
    let own: Vec<String> =
        own.iter().map(|(&at, names)| labels::area_own_targets(area_names[at], names, lang)).collect();
    blocks.push(Block::Paragraph(labels::areas_judged_against(&own, lang)));
    if matrix.rows.len() < shown_of {
        blocks.push(Block::Paragraph(labels::matrix_cut(matrix.rows.len(), shown_of, lang)));
    }
    // A reporting area of the catalogue that sent no rows is named, not silently left out.
    let silent: Vec<String> = catalog
        .counties
        .iter()
        .filter(|c| c.kind == AreaKind::Area && !e.areas.contains(&c.name))
        .map(|c| c.name.clone())
        .collect();
    if !silent.is_empty() {
        blocks.push(Block::Paragraph(labels::areas_without_rows(&silent, e.year, lang)));
    }
    blocks.extend(area_changes(report, &matrix));
    blocks.push(Block::Matrix(matrix));
    blocks.push(Block::Legend(legend(report.catalog, report.evaluation.stage, lang)));
    blocks
}

/// The areas' binding shortfalls, each beside the target it is judged against and the area's change since
/// the base year (in 个百分点 for a percentage).
fn area_changes(report: &EvalView, matrix: &Matrix) -> Vec<Block> {
    let lang = report.lang;
    let catalog = report.catalog;
    let (base_year, year) = (catalog.plan.base_year, report.evaluation.year);
    let mut rows = Vec::new();
    let mut with_base = 0;
    let mut later_start = false;
    for m in matrix.rows.iter().filter(|m| m.binding_off_track > 0) {
        for (ind, v) in binding_short(report, &m.area) {
            let target = v.target.resolved.clone().unwrap_or_else(|| v.target.text.to_string());
            // From the base year where the area has a value for it, else from the first year it reported
            // (a cumulative indicator has no base-year level to change from).
            let start = match v.baseline.filter(|_| !ind.cumulative) {
                Some(b) => Some((base_year, b)),
                None => v.series.iter().find(|p| p.year < year && !ind.cumulative).map(|p| (p.year, p.value)),
            };
            with_base += usize::from(start.is_some_and(|(y, _)| y == base_year));
            later_start |= start.is_some_and(|(y, _)| y != base_year);
            let shown = start.map(|(_, b)| labels::num((b * 100.0).round() / 100.0));
            let change = start.zip(v.value).map(|((_, b), x)| x - b);
            let from_year = start.map_or(base_year, |(y, _)| y);
            rows.push(Row {
                indicator: ind.id.clone(),
                status: Some(v.status),
                cells: vec![
                    m.area.clone(),
                    format!("{} {}", ind.label(catalog), ind.display_name()),
                    labels::judged_against(v.target.for_area, &target, lang),
                    labels::from_to(from_year, shown.as_deref(), year, &value_text(v), lang),
                    labels::change_since(change, &ind.unit, lang),
                    labels::status_word(catalog, v.status, lang).into_owned(),
                ],
            });
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let w = |word| part_word(word, lang).to_string();
    let columns: Vec<Column> = vec![
        column(w(PartWord::Area), ColumnKind::Text, 9),
        column(w(PartWord::Indicator), ColumnKind::Text, 20),
        column(w(PartWord::JudgedAgainst), ColumnKind::Text, 11),
        column(w(PartWord::FromTo), ColumnKind::Text, 16),
        column(w(PartWord::Change), ColumnKind::Text, 11),
        column(w(PartWord::Status), ColumnKind::Status, 7),
    ];
    let mut blocks = vec![Block::Paragraph(w(PartWord::AreaChangesTitle))];
    if with_base == 0 {
        blocks.push(Block::Paragraph(labels::no_area_baselines(base_year, later_start, lang)));
    }
    let groups = vec![Group { title: String::new(), rows }];
    blocks.push(Block::Table(Table { id: "area-changes", columns, groups, wide: false }));
    blocks
}
