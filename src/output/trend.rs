//! The content of `trend`: one row per indicator with its values by year, a sparkline, Eurostat's
//! progress category, the projection to the target year and the verdict.

use std::collections::BTreeSet;

use serde::Serialize;

use super::results::{Header, ResultRow, csv_lead, result_row, shape_of};
use super::{
    Cell, Column, Content, EvalView, Grouping, Parts, Sheet, reason_cell, status_cell, target_cell_in, to_document,
    to_value,
};
use crate::Lang;
use crate::evaluate::Verdict;
use crate::labels::{self, Word, progress_text, word};
use crate::progress::{Point, sparkline};

/// The verdicts shown: the city-level ones, or those of one area.
fn shown<'a>(report: &'a EvalView, area: Option<&'a str>) -> Vec<&'a Verdict> {
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

/// The content of `trend`, as far as `parts` asks for it.
pub fn build(report: &EvalView, area: Option<&str>, parts: Parts) -> anyhow::Result<Content<'static>> {
    let lang = report.lang;
    let verdicts = shown(report, area);
    let years = years(&verdicts);
    let mut content = Content { lang: report.lang, ..Content::default() };
    if parts.sheets {
        content.heading = heading(report, area);
        content.sheets = vec![sheet(report, &verdicts, &years)];
        content.notes = notes(lang);
    }
    let rows: Vec<(&Verdict, Row)> = verdicts
        .iter()
        .filter(|_| parts.document || parts.records)
        .filter_map(|v| {
            Some((*v, Row { result: result_row(report.catalog, &report.evaluation.files, v)?, series: &v.series }))
        })
        .collect();
    if parts.records {
        content.records = rows
            .iter()
            .map(|(v, row)| Ok(super::record(to_value(row)?, csv_lead(report.catalog, v, lang))))
            .collect::<anyhow::Result<_>>()?;
        content.record_shape = content.records.first().cloned().map(shape_of).unwrap_or_default();
    }
    if parts.document {
        let rows = rows.into_iter().map(|(_, r)| r).collect();
        content.document = to_document(&Document { header: Header::of(report), area, years, rows })?;
    }
    Ok(content)
}

fn notes(lang: Lang) -> Vec<String> {
    labels::trend_notes(lang).map(String::from).to_vec()
}

fn heading(report: &EvalView, area: Option<&str>) -> Vec<String> {
    let e = report.evaluation;
    let lang = report.lang;
    let level = labels::level_title(report.catalog, lang);
    let area = area.unwrap_or(&level);
    let files = report.files.join(", ");
    vec![
        format!("{} — {}", report.catalog.plan.name, word(Word::ProgressOverYears, lang)),
        labels::trend_data_line(&files, e.year, e.stage, e.elapsed_share, area, lang),
        format!("{}{}", word(Word::Catalogue, lang), report.catalog.origin),
    ]
}

fn sheet(report: &EvalView, verdicts: &[&Verdict], years: &[i32]) -> Sheet {
    let lang = report.lang;
    let target_year = report.catalog.plan.target_year;
    let mut columns = vec![Column::text(word(Word::No, lang)).key(), Column::wrapping(word(Word::Indicator, lang))];
    columns.extend(years.iter().map(|y| Column::number(y.to_string())));
    columns.push(Column::text(word(Word::Sparkline, lang)));
    columns.push(Column::wrapping(format!("{}({target_year})", word(Word::TargetOf, lang))));
    columns.push(Column::number(word(Word::Completion, lang)));
    columns.push(Column::wrapping(word(Word::Progress, lang)));
    let projection = super::shows_projection(report.evaluation);
    if projection {
        columns.push(Column::wrapping(word(Word::Projection, lang)));
    }
    columns.push(Column::text(word(Word::Verdict, lang)));
    columns.push(Column::wrapping(word(Word::Reason, lang)));
    let mut rows = Vec::new();
    let mut groups = Grouping::default();
    for v in verdicts {
        let Some(ind) = report.catalog.indicator(&v.indicator) else { continue };
        let shared = groups.next(ind).1;
        if let Some((no, name)) = shared.heading {
            rows.push(vec![Cell::text(no), Cell::text(name)]);
        }
        let mut row = vec![Cell::text(ind.label(report.catalog)), Cell::text(shared.name)];
        row.extend(years.iter().map(|y| Cell::opt(v.series.iter().find(|p| p.year == *y).map(|p| p.value))));
        row.push(Cell::text(sparkline(&v.series)));
        row.push(Cell::text(target_cell_in(v, lang)));
        row.push(v.completion.map_or(Cell::Missing, Cell::Percent));
        row.push(Cell::text(progress_text(v.progress.as_deref(), lang)));
        if projection {
            row.push(Cell::text(super::projection_cell(ind, v, report.evaluation.year, lang)));
        }
        row.push(status_cell(report.catalog, v.status, lang));
        row.push(Cell::text(reason_cell(v, lang)));
        rows.push(row);
    }
    Sheet { name: word(Word::TrendSheet, lang).into(), title: String::new(), columns, rows, notes: Vec::new() }
}
