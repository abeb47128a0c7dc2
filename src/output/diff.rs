//! `plan-check diff`'s content: the verdicts that moved, then the values that moved alone, each with
//! the rows that changed beneath it; as sheets, a JSON document, CSV records, and GitHub annotations
//! at the rows that caused a verdict to move.

use std::io::Write;

use serde::Serialize;

use super::format::github::{escape_data, escape_property};
use super::{Cell, Column, Content, Sheet, record, to_document, to_value};
use crate::Lang;
use crate::catalog::Catalog;
use crate::compare::{Change, Diff, Judged, RowChange};
use crate::labels::{self, CiWord, Word, ci_word, word};
use crate::load::Location;
use crate::problem::escape;

/// At most this many changed rows are named beside one change; the JSON has them all.
const ROWS_SHOWN: usize = 5;

#[derive(Serialize)]
struct SideDoc {
    status: &'static str,
    value: Option<f64>,
}

#[derive(Serialize)]
struct RowDoc<'a> {
    area: &'a str,
    indicator: &'a str,
    year: i32,
    value_before: Option<f64>,
    value_after: Option<f64>,
    /// `file:line` of the row as revised, else of the row removed.
    at: Option<String>,
}

#[derive(Serialize)]
struct ChangeDoc<'a> {
    indicator: &'a str,
    area: &'a str,
    official: bool,
    binding: bool,
    before: Option<SideDoc>,
    after: Option<SideDoc>,
    rows: Vec<RowDoc<'a>>,
}

#[derive(Serialize)]
struct DiffDoc<'a> {
    year: i32,
    before_files: &'a [String],
    after_files: &'a [String],
    binding_change: bool,
    verdict_changes: Vec<ChangeDoc<'a>>,
    value_changes: Vec<ChangeDoc<'a>>,
    rows_changed: Vec<RowDoc<'a>>,
}

fn side(j: Option<Judged>) -> Option<SideDoc> {
    j.map(|j| SideDoc { status: j.status.as_str(), value: j.value })
}

fn row_doc(r: &RowChange) -> RowDoc<'_> {
    RowDoc {
        area: &r.area,
        indicator: &r.indicator,
        year: r.year,
        value_before: r.before.as_ref().and_then(|b| b.value),
        value_after: r.after.as_ref().and_then(|a| a.value),
        at: r.at().map(Location::to_string),
    }
}

fn change_doc<'a>(diff: &'a Diff, c: &'a Change) -> ChangeDoc<'a> {
    ChangeDoc {
        indicator: &c.indicator,
        area: &c.area,
        official: c.official,
        binding: c.binding,
        before: side(c.before),
        after: side(c.after),
        rows: c.causes.iter().filter_map(|&i| diff.rows.get(i)).map(row_doc).collect(),
    }
}

/// What is being compared: the files of each side, as shown.
pub struct Sides<'a> {
    pub before: &'a [String],
    pub after: &'a [String],
}

/// The indicator's name as the tables show it, `12 森林覆盖率（%）`; the id when the catalogue lacks it.
fn indicator_name(catalog: &Catalog, id: &str) -> String {
    catalog.indicator(id).map_or_else(
        || id.to_string(),
        |i| match i.no {
            Some(no) => format!("{no} {}", i.display_name()),
            None => i.display_name().to_string(),
        },
    )
}

/// The rows that changed beneath a change, `晋江市.csv:2, 3`: escaped, at most [`ROWS_SHOWN`].
fn causes_text(diff: &Diff, c: &Change) -> String {
    let places: Vec<String> = c
        .causes
        .iter()
        .filter_map(|&i| diff.rows.get(i)?.at())
        .take(ROWS_SHOWN)
        .map(|l| escape(&l.to_string()).into_owned())
        .collect();
    let more = c.causes.len().saturating_sub(ROWS_SHOWN);
    let mut text = places.join(", ");
    if more > 0 {
        text.push_str(&format!(" … +{more}"));
    }
    text
}

fn sheet(catalog: &Catalog, diff: &Diff, changes: &[Change], name: CiWord, lang: Lang) -> Sheet {
    let columns = vec![
        Column::wrapping(word(Word::Indicator, lang)),
        Column::text(word(Word::Area, lang)),
        Column::text(ci_word(CiWord::Before, lang)),
        Column::text(ci_word(CiWord::After, lang)),
        Column::number(ci_word(CiWord::ValueBefore, lang)),
        Column::number(ci_word(CiWord::ValueAfter, lang)),
        Column::wrapping(ci_word(CiWord::CausedBy, lang)),
    ];
    let rows = changes
        .iter()
        .map(|c| {
            let area =
                if c.official { format!("{}{}", c.area, ci_word(CiWord::City, lang)) } else { c.area.to_string() };
            let status = |j: Option<Judged>| match j {
                Some(j) => super::status_cell(catalog, j.status, lang),
                None => Cell::text(ci_word(CiWord::Absent, lang)),
            };
            vec![
                Cell::text(indicator_name(catalog, &c.indicator)),
                Cell::text(area),
                status(c.before),
                status(c.after),
                Cell::opt(c.before.and_then(|j| j.value)),
                Cell::opt(c.after.and_then(|j| j.value)),
                Cell::text(causes_text(diff, c)),
            ]
        })
        .collect();
    let title = match name {
        CiWord::VerdictSheet => ci_word(CiWord::VerdictChanges, lang),
        _ => ci_word(CiWord::ValueChanges, lang),
    };
    Sheet { name: ci_word(name, lang).into(), title: title.into(), columns, rows, notes: Vec::new() }
}

/// The content of `diff`.
pub fn build(catalog: &Catalog, diff: &Diff, sides: &Sides, lang: Lang) -> anyhow::Result<Content<'static>> {
    let mut content = Content { lang, ..Content::default() };
    content.heading.push(labels::diff_heading(sides.before, sides.after, diff.year, lang));
    content.heading.push(labels::diff_counts(diff.verdicts.len(), diff.values.len(), diff.rows.len(), lang));
    if !diff.verdicts.is_empty() {
        content.sheets.push(sheet(catalog, diff, &diff.verdicts, CiWord::VerdictSheet, lang));
    }
    if !diff.values.is_empty() {
        content.sheets.push(sheet(catalog, diff, &diff.values, CiWord::ValueSheet, lang));
    }
    if content.sheets.is_empty() {
        content.notes.push(ci_word(CiWord::NothingChanged, lang).into());
    }
    let doc = DiffDoc {
        year: diff.year,
        before_files: sides.before,
        after_files: sides.after,
        binding_change: diff.binding_change(),
        verdict_changes: diff.verdicts.iter().map(|c| change_doc(diff, c)).collect(),
        value_changes: diff.values.iter().map(|c| change_doc(diff, c)).collect(),
        rows_changed: diff.rows.iter().map(row_doc).collect(),
    };
    let kinds = [("verdict", &diff.verdicts), ("value", &diff.values)];
    for (kind, changes) in kinds {
        for c in changes.iter() {
            let lead = vec![("change", kind.into()), ("label", indicator_name(catalog, &c.indicator).into())];
            let mut value = to_value(&change_doc(diff, c))?;
            if let Some(map) = value.as_object_mut() {
                map.insert("rows".into(), causes_text(diff, c).into());
            }
            content.records.push(record(value, lead));
        }
    }
    content.document = to_document(&doc)?;
    Ok(content)
}

/// GitHub annotations: a warning at the first changed row of each verdict that moved (a notice for an
/// area's own verdict), a notice per value that moved alone; a notice when nothing moved.
pub fn annotations(catalog: &Catalog, diff: &Diff, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let at = |c: &Change| c.causes.iter().find_map(|&i| diff.rows.get(i)?.at().cloned());
    for (c, verdict) in diff.verdicts.iter().map(|c| (c, true)).chain(diff.values.iter().map(|c| (c, false))) {
        let level = if verdict && c.official { "warning" } else { "notice" };
        let title = if verdict { "verdict-change" } else { "value-change" };
        let message = labels::change_sentence(catalog, c, &indicator_name(catalog, &c.indicator), lang);
        let props = match at(c) {
            Some(l) => format!("file={},line={},title={title}", escape_property(&escape(&l.file)), l.line),
            None => format!("title={title}"),
        };
        writeln!(out, "::{level} {props}::{}", escape_data(&escape(&message)))?;
    }
    if diff.verdicts.is_empty() && diff.values.is_empty() {
        writeln!(out, "::notice::{}", ci_word(CiWord::NothingChanged, lang))?;
    }
    Ok(())
}
