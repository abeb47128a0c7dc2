//! The content of `eval`: a heading, the city-level table grouped by domain, the body's tasks, the
//! areas × indicators matrix, a summary by type with every status the stage can produce, the JSON
//! document and its records, and the verdict line that explains an exit code 1.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::flat::Flat;
use super::results::{Header, csv_lead, result_row, result_row_of, shape_of};
use super::{
    Cell, Column, Content, EvalView, Grouping, Json, Parts, Records, Sheet, baseline_cell, status_cell, target_cell_in,
    to_value,
};
use crate::catalog::{AreaKind, Catalog, Indicator, IndicatorType};
use crate::evaluate::{FailOn, Status, Summary, Verdict};
use crate::labels::{self, Word, progress_text, stage_label, status_symbol, type_label, word};

/// Which verdicts `eval` shows: `--type` (any of) and `--only off-track`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub types: Vec<IndicatorType>,
    /// Only fail, lagging and regressing.
    pub off_track: bool,
}

impl Filter {
    pub fn keeps(&self, catalog: &Catalog, v: &Verdict) -> bool {
        let kind = || catalog.indicator(&v.indicator).map(|i| i.kind);
        (self.types.is_empty() || kind().is_some_and(|k| self.types.contains(&k)))
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
    results: Results<'a>,
    warnings: &'a [crate::problem::Problem],
}

/// The results array, each row built from its verdict as it is written: at 2,850 areas the rows of
/// every verdict held at once cost more than the verdicts themselves.
struct Results<'a> {
    catalog: &'a Catalog,
    files: &'a [String],
    shown: Vec<&'a Verdict>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Verdicts come indicator by indicator: each indicator is looked up once, not once a verdict.
        let mut last: Option<(&str, Option<&Indicator>)> = None;
        serializer.collect_seq(self.shown.iter().filter_map(|v| {
            let ind = match last {
                Some((id, ind)) if id == &*v.indicator => ind,
                _ => last.insert((&v.indicator, self.catalog.indicator(&v.indicator))).1,
            };
            result_row_of(self.catalog, ind?, self.files, v)
        }))
    }
}

/// The CSV records, each made from its verdict as it is written, with the columns of `csv_lead` first.
struct Rows<'a> {
    catalog: &'a Catalog,
    files: &'a [String],
    shown: Vec<&'a Verdict>,
    lang: crate::Lang,
}

impl Records for Rows<'_> {
    fn write(&self, flat: &mut Flat, row: &mut dyn FnMut(&[String]) -> anyhow::Result<()>) -> anyhow::Result<()> {
        let mut last: Option<(&str, Option<&Indicator>)> = None;
        for v in &self.shown {
            let ind = match last {
                Some((id, ind)) if id == &*v.indicator => ind,
                _ => last.insert((&v.indicator, self.catalog.indicator(&v.indicator))).1,
            };
            let Some(result) = ind.and_then(|ind| result_row_of(self.catalog, ind, self.files, v)) else { continue };
            let status = labels::status_word(self.catalog, v.status, self.lang);
            let lead = [("label", result.label.as_str()), ("status_label", &*status)];
            row(flat.record(&lead, &result)?)?;
        }
        Ok(())
    }
}

/// The content of `eval`, as far as `parts` asks for it.
pub fn build<'a>(report: &EvalView<'a>, filter: &Filter, parts: Parts) -> anyhow::Result<Content<'a>> {
    let e = report.evaluation;
    let headline: Vec<&Verdict> = report.headline().into_iter().filter(|v| filter.keeps(report.catalog, v)).collect();
    let summary = Summary::of(report.catalog, e.stage, headline.iter().copied());
    let mut content = Content { lang: report.lang, ..Content::default() };
    if parts.sheets {
        content.heading = heading(report);
        content.sheets = sheets(report, filter, &headline, &summary);
    }
    if !parts.document && !parts.records {
        return Ok(content);
    }
    let shown: Vec<&Verdict> = match report.area {
        Some(_) => headline,
        None => e.verdicts.iter().filter(|v| filter.keeps(report.catalog, v)).collect(),
    };
    if parts.records {
        let lead = |v: &Verdict| csv_lead(report.catalog, v, report.lang);
        if let Some((v, row)) = e.verdicts.iter().find_map(|v| Some((v, result_row(report.catalog, &e.files, v)?))) {
            content.record_shape = shape_of(super::record(to_value(&row)?, lead(v)));
        }
        let records = Rows { catalog: report.catalog, files: &e.files, shown: shown.clone(), lang: report.lang };
        content.record_stream = Some(Box::new(records));
    }
    if parts.document {
        let results = Results { catalog: report.catalog, files: &e.files, shown };
        let document = Document { header: Header::of(report), summary, results, warnings: &e.warnings };
        content.document = Some(Box::new(Json(document)));
    }
    Ok(content)
}

/// The tables: city level (or the area's), the tasks, the areas matrix, the summary.
fn sheets(report: &EvalView, filter: &Filter, headline: &[&Verdict], summary: &Summary) -> Vec<Sheet> {
    let e = report.evaluation;
    let mut sheets = Vec::new();
    let (tasks, table): (Vec<&Verdict>, Vec<&Verdict>) = headline.iter().partition(|v| is_task(report, v));
    if !table.is_empty() {
        sheets.push(verdict_sheet(report, &table));
    } else if tasks.is_empty() {
        // An empty answer to "which are off track" is an answer: say it rather than print nothing.
        let mut empty = verdict_sheet(report, &table);
        empty.notes.push(word(Word::NothingMatches, report.lang).to_string());
        sheets.push(empty);
    }
    if !tasks.is_empty() {
        sheets.push(task_sheet(report, &tasks));
    }
    let counties = report.catalog.counties_by_name();
    let is_area = |a: &str| counties.get(a.trim()).is_some_and(|c| c.kind == AreaKind::Area);
    let has_areas = e.areas.iter().any(|a| is_area(a));
    let columns: Vec<&Indicator> =
        report.catalog.indicators.iter().filter(|i| !i.is_city_level() && filter.keeps_indicator(i)).collect();
    if report.area.is_none() && has_areas && !columns.is_empty() {
        sheets.push(matrix(report, &columns, &is_area));
    }
    sheets.push(summary_sheet(report, summary));
    sheets
}

fn heading(report: &EvalView) -> Vec<String> {
    let e = report.evaluation;
    let lang = report.lang;
    let files = report.files.join(", ");
    vec![
        format!("{} — {}", report.catalog.plan.name, stage_label(e.stage, lang)),
        labels::eval_data_line(&files, e.year, e.stage, e.elapsed_share, lang),
        format!("{}{}", word(Word::Catalogue, lang), report.catalog.origin),
    ]
}

fn is_task(report: &EvalView, v: &Verdict) -> bool {
    report.catalog.indicator(&v.indicator).is_some_and(|i| i.kind == IndicatorType::Task)
}

/// The verdict table, grouped by domain as the plan's Table 2 is; the parts of a shared row (4a–4d)
/// sit under one heading row with the row's name, each showing only its own part. The Eurostat category
/// and the projection stand beside 序时进度 wherever there is a series of years (the projection not at the
/// final stage); the columns are the same for the city and for one area (`--county`), with `—` where
/// there is none.
fn verdict_sheet(report: &EvalView, verdicts: &[&Verdict]) -> Sheet {
    let lang = report.lang;
    let mut rows = Vec::new();
    let mut groups = Grouping::default();
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let (domain, shared) = groups.next(ind);
        let domain = domain.map_or(Cell::Empty, Cell::text);
        let domain = match shared.heading {
            Some((no, name)) => {
                rows.push(vec![domain, Cell::text(no), Cell::text(name), Cell::text(type_label(ind.kind, lang))]);
                Cell::Empty
            }
            None => domain,
        };
        let mut row = vec![
            domain,
            Cell::text(ind.label(report.catalog)),
            Cell::text(shared.name),
            Cell::text(type_label(ind.kind, lang)),
            baseline_cell(ind, v, lang),
            Cell::text(target_cell_in(v, lang)),
            super::value_cell(v),
            v.completion.map_or(Cell::Missing, Cell::Percent),
            Cell::text(progress_text(v.progress.as_deref(), lang)),
            status_cell(report.catalog, v.status, lang),
            Cell::text(super::note_text(ind, v, lang)),
        ];
        if super::shows_projection(report.evaluation) {
            row.insert(PROJECTION_AT, Cell::text(super::projection_cell(ind, v, report.evaluation.year, lang)));
        }
        rows.push(row);
    }
    let title = match report.area {
        Some(area) => format!("{area}{}", word(Word::Applicable, lang)),
        None => labels::level_heading(report.catalog, lang),
    };
    let columns = verdict_columns(report);
    Sheet { name: labels::level_short(report.catalog, lang), title, columns, rows, notes: Vec::new() }
}

/// Where the projection column stands in the verdict table (after 进展), when it is shown.
const PROJECTION_AT: usize = 9;

fn verdict_columns(report: &EvalView) -> Vec<Column> {
    let lang = report.lang;
    let plan = &report.catalog.plan;
    let mut columns = vec![
        Column::text(word(Word::Domain, lang)),
        Column::text(word(Word::No, lang)).key(),
        Column::wrapping(word(Word::Indicator, lang)),
        Column::text(word(Word::Type, lang)),
        Column {
            align: super::Align::Right,
            ..Column::wrapping(format!("{}({})", word(Word::BaselineOf, lang), plan.base_year))
        },
        Column::wrapping(format!("{}({})", word(Word::TargetOf, lang), plan.target_year)),
        Column::number(word(Word::Value, lang)),
        Column::number(word(Word::Completion, lang)),
        Column::wrapping(word(Word::Progress, lang)),
        Column::text(word(Word::Status, lang)).key(),
        Column::wrapping(word(Word::Reason, lang)),
    ];
    if super::shows_projection(report.evaluation) {
        columns.insert(PROJECTION_AT, Column::wrapping(word(Word::Projection, lang)));
    }
    columns
}

/// The body's tasks, grouped by chapter, with where the plan states each and when it is due.
fn task_sheet(report: &EvalView, verdicts: &[&Verdict]) -> Sheet {
    let lang = report.lang;
    let plan = &report.catalog.plan;
    let columns = vec![
        Column::wrapping(word(Word::Chapter, lang)),
        Column::text(word(Word::Source, lang)).key(),
        Column::wrapping(word(Word::Task, lang)),
        Column::number(word(Word::Baseline, lang)),
        Column::wrapping(word(Word::Target, lang)),
        Column::number(word(Word::Due, lang)),
        Column::number(word(Word::Value, lang)),
        Column::number(word(Word::Completion, lang)),
        Column::text(word(Word::Status, lang)),
        Column::wrapping(word(Word::Reason, lang)),
    ];
    let mut rows = Vec::new();
    let mut groups = Grouping::default();
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let chapter = groups.next(ind).0.map_or(Cell::Empty, Cell::text);
        rows.push(vec![
            chapter,
            Cell::text(&ind.source),
            Cell::text(labels::task_name(ind)),
            baseline_cell(ind, v, lang),
            Cell::text(target_cell_in(v, lang)),
            Cell::Number(f64::from(ind.due.unwrap_or(plan.target_year))),
            super::value_cell(v),
            v.completion.map_or(Cell::Missing, Cell::Percent),
            status_cell(report.catalog, v.status, lang),
            Cell::text(super::note_text(ind, v, lang)),
        ]);
    }
    let title = word(Word::TasksTitle, lang).to_string();
    Sheet { name: word(Word::TasksSheet, lang).into(), title, columns, rows, notes: Vec::new() }
}

/// Areas × indicators, one symbol per status, with how many binding indicators each area fails. Tasks of
/// the whole city have no column: areas are not judged on them.
fn matrix(report: &EvalView, indicators: &[&Indicator], is_area: &dyn Fn(&str) -> bool) -> Sheet {
    let lang = report.lang;
    let catalog = report.catalog;
    let e = report.evaluation;
    let mut columns = vec![Column::text(word(Word::Area, lang)).key()];
    columns.extend(indicators.iter().map(|i| Column::text(i.label(catalog)).centered()));
    columns.push(Column::number(word(Word::BindingFailing, lang)));
    let by_key: FxHashMap<(&str, &str), &Verdict> =
        e.verdicts.iter().map(|v| ((&*v.county, &*v.indicator), v)).collect();
    let mut rows = Vec::new();
    for area in e.areas.iter().filter(|a| is_area(a)) {
        let mut row = vec![Cell::text(area)];
        let mut failing = 0;
        for ind in indicators {
            let v = by_key.get(&(area.as_str(), ind.id.as_str())).copied();
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
    let items: Vec<String> = Status::ALL
        .iter()
        .map(|&s| format!("{} {}", status_symbol(s), labels::status_word(catalog, s, lang)))
        .collect();
    let legend = format!("{} {}", word(Word::Legend, lang), items.join("  "));
    Sheet {
        name: word(Word::AreasSheet, lang).into(),
        title: word(Word::AreasTitle, lang).into(),
        columns,
        rows,
        notes: vec![legend],
    }
}

/// One row per status the stage can produce (zeros included), one column per type the catalogue
/// has: the same shape whatever the data says, and narrow enough for any terminal.
fn summary_sheet(report: &EvalView, summary: &Summary) -> Sheet {
    let lang = report.lang;
    let kinds: Vec<IndicatorType> =
        IndicatorType::ALL.into_iter().filter(|k| report.catalog.indicators.iter().any(|i| i.kind == *k)).collect();
    let mut columns = vec![Column::text(word(Word::Status, lang)).key()];
    columns.extend(kinds.iter().map(|&k| Column::number(type_label(k, lang))));
    columns.push(Column::number(word(Word::Total, lang)));
    let count = |kind: IndicatorType, s: &str| summary.by_type.get(kind.as_str()).and_then(|c| c.get(s)).copied();
    // Statuses a plan calls by one word (达到序时进度 for achieved and on track) share one row, under the
    // first of them: the table counts as the plan's own evaluation does. JSON keeps every status.
    let mut groups: Vec<(Status, Vec<Status>)> = Vec::new();
    for &s in Status::of_stage(report.evaluation.stage) {
        let word = labels::status_word(report.catalog, s, lang);
        match groups.iter_mut().find(|(first, _)| labels::status_word(report.catalog, *first, lang) == word) {
            Some((_, members)) => members.push(s),
            None => groups.push((s, vec![s])),
        }
    }
    let mut rows: Vec<Vec<Cell>> = groups
        .iter()
        .map(|(first, members)| {
            let sum = |get: &dyn Fn(Status) -> usize| members.iter().map(|&s| get(s)).sum::<usize>();
            let mut row = vec![status_cell(report.catalog, *first, lang)];
            row.extend(kinds.iter().map(|&k| Cell::count(sum(&|s| count(k, s.as_str()).unwrap_or(0)))));
            row.push(Cell::count(sum(&|s| summary.counts.get(s.as_str()).copied().unwrap_or(0))));
            row
        })
        .collect();
    let mut total = vec![Cell::text(word(Word::Total, lang))];
    total.extend(kinds.iter().map(|k| Cell::count(summary.by_type.get(k.as_str()).map_or(0, |c| c.values().sum()))));
    total.push(Cell::count(summary.counts.values().sum()));
    rows.push(total);
    let title = match report.area {
        Some(area) => format!("{}{area}", word(Word::SummaryOf, lang)),
        None => labels::summary_title(report.catalog, lang),
    };
    // What the counts above cannot say: the binding indicators not judged, and why (issue 21).
    let sample = labels::Sample { targets: super::headline::targets_are_sample(report), data: false };
    let notes = super::headline::notes(report, sample);
    Sheet { name: word(Word::SummarySheet, lang).into(), title, columns, rows, notes }
}

/// The line on stderr that says why `eval` exits 1: how many indicators are off track and, for each,
/// its 序号, short name, status, value and target; then the binding indicators that could not be judged,
/// named with why, and which inputs are samples. `None` when nothing fails under `fail_on`, nothing
/// binding was left unjudged and nothing is a sample.
pub fn verdict_line(report: &EvalView, fail_on: FailOn, sample: labels::Sample) -> Option<String> {
    let lang = report.lang;
    let failing: Vec<(&Verdict, &Indicator)> = report
        .headline()
        .into_iter()
        .filter(|v| crate::evaluate::has_findings(report.catalog, std::iter::once(*v), fail_on))
        .filter_map(|v| Some((v, report.catalog.indicator(&v.indicator)?)))
        .collect();
    let binding = super::headline::binding(report);
    let mut parts = Vec::new();
    if failing.is_empty() {
        let judged = match fail_on {
            FailOn::Any => {
                report.headline().into_iter().filter(|v| super::headline::unjudged_reason(v).is_none()).count()
            }
            _ => binding.judged,
        };
        parts.push(labels::verdict_none_off_track(judged, fail_on != FailOn::Any, report.evaluation.stage, lang));
    } else {
        let items: Vec<String> = failing
            .iter()
            .map(|(v, ind)| {
                let target = v.target.resolved.clone().unwrap_or_else(|| v.target.text.to_string());
                let (label, name) = (ind.label(report.catalog), labels::short_name(ind));
                labels::off_track_item(
                    &label,
                    &name,
                    &labels::status_word(report.catalog, v.status, lang),
                    &super::value_text(v),
                    &target,
                    lang,
                )
            })
            .collect();
        parts.push(labels::off_track_line(fail_on == FailOn::Binding, &items, lang));
    }
    parts.extend(super::headline::notes(report, sample));
    (parts.len() > 1 || !failing.is_empty()).then(|| labels::verdict_parts(&parts, lang))
}
