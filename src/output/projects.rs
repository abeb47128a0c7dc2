//! The register of 重大工程 as output: in `eval`, when a project status file is among the inputs, a
//! sentence and three tables (by 专栏, the overdue entries, every entry), the JSON `projects` object
//! (`summary`, `by_column`, `items`) and one CSV record per entry; in `indicators --projects`, the
//! register itself; in `template --projects`, an empty status sheet.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value};

use super::template::{Grid, Slot};
use super::{Cell, Column, Content, Document, Parts, Sheet, to_document, to_value};
use crate::catalog::{Catalog, Project};
use crate::evaluate::projects::{ColumnCounts, Counts, Register, RegisterItem};
use crate::labels::{
    Lang, ProjectWord as W, area_list, name_and_quote, project_column_header, project_status_label,
    project_template_about, project_word, register_sentence, title_of_year,
};
use crate::load::{Accounting, PROJECT_COLUMNS};
use crate::problem::escape;

/// The JSON `projects` object of `eval` (docs/projects.md).
#[derive(Debug, Serialize)]
pub struct ProjectsDoc<'a> {
    pub year: i32,
    pub summary: &'a Counts,
    pub by_column: &'a [ColumnCounts],
    pub items: Vec<Item<'a>>,
}

/// One register entry as of the evaluation year.
#[derive(Debug, Serialize)]
pub struct Item<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub column: &'a str,
    pub programme: &'a str,
    /// `programme` or `project`.
    pub kind: &'static str,
    /// `not_started`, `preparing`, `under_construction`, `completed`, `cancelled`, or `unreported`.
    pub status: &'static str,
    /// The year of the row the status is from.
    pub year: Option<i32>,
    pub progress: Option<f64>,
    pub invested: Option<f64>,
    pub planned_investment: Option<f64>,
    pub due: i32,
    pub overdue: bool,
    pub areas: &'a [String],
    pub note: Option<&'a str>,
    /// `file:line` of the row the status is from.
    pub source: Option<String>,
}

fn kind(p: &Project) -> &'static str {
    if p.is_programme() { "programme" } else { "project" }
}

fn item<'a>(i: &'a RegisterItem<'a>, files: &[Accounting]) -> Item<'a> {
    let r = i.report;
    Item {
        id: &i.project.id,
        name: &i.project.name,
        column: &i.project.column,
        programme: &i.project.programme,
        kind: kind(i.project),
        status: i.status().map_or("unreported", |s| s.as_str()),
        year: r.map(|r| r.year),
        progress: r.and_then(|r| r.progress),
        invested: r.and_then(|r| r.invested),
        planned_investment: r.and_then(|r| r.planned_investment),
        due: i.due,
        overdue: i.overdue,
        areas: &i.project.areas,
        note: r.and_then(|r| r.note.as_deref()),
        source: r.map(|r| format!("{}:{}", files.get(r.file as usize).map_or("-", |a| a.file.as_str()), r.line)),
    }
}

pub fn document<'a>(register: &'a Register<'a>, files: &[Accounting]) -> ProjectsDoc<'a> {
    ProjectsDoc {
        year: register.year,
        summary: &register.summary,
        by_column: &register.by_column,
        items: register.items.iter().map(|i| item(i, files)).collect(),
    }
}

/// Adds the register to `eval`'s content: its sheets after the indicators', its object as the last
/// field of the JSON document, its entries as CSV records (columns `project_…`).
pub fn add_to_eval<'a>(
    content: &mut Content<'a>,
    register: &Register,
    files: &[Accounting],
    lang: Lang,
    parts: Parts,
) -> anyhow::Result<()> {
    if parts.sheets {
        content.sheets.extend(sheets(register, lang));
    }
    let doc = document(register, files);
    if parts.records {
        let records: Vec<Map<String, Value>> = doc
            .items
            .iter()
            .map(|i| Ok([("project".to_string(), to_value(i)?)].into_iter().collect()))
            .collect::<anyhow::Result<_>>()?;
        if let Some(first) = records.first() {
            content.record_shape.extend(first.clone());
        }
        content.records.extend(records);
    }
    if parts.document {
        let text = serde_json::to_string_pretty(&doc)?;
        let inner = content.document.take();
        content.document = Some(Box::new(WithProjects { inner, projects: text }));
    }
    Ok(())
}

/// A document with the `projects` object added as its last field. The inner document is written
/// through as it is rendered; only its closing brace is held back.
struct WithProjects<'a> {
    inner: Option<Box<dyn Document + 'a>>,
    projects: String,
}

impl Document for WithProjects<'_> {
    fn write_pretty(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let field = format!("\"projects\": {}", self.projects.replace('\n', "\n  "));
        let Some(inner) = &self.inner else {
            return write!(out, "{{\n  {field}\n}}");
        };
        let mut held = HoldTail { out, tail: Vec::new() };
        inner.write_pretty(&mut held)?;
        let HoldTail { out, tail } = held;
        // A pretty document ends with a newline and its closing brace.
        match tail.as_slice() {
            [b'\n', b'}'] => write!(out, ",\n  {field}\n}}"),
            other => Err(std::io::Error::other(format!(
                "a JSON document that ends with {:?}",
                String::from_utf8_lossy(other)
            ))),
        }
    }
}

/// Writes everything through but its last two bytes.
struct HoldTail<'w> {
    out: &'w mut dyn Write,
    tail: Vec<u8>,
}

impl Write for HoldTail<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tail.extend_from_slice(buf);
        if self.tail.len() > 2 {
            let cut = self.tail.len() - 2;
            self.out.write_all(&self.tail[..cut])?;
            self.tail.drain(..cut);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn rate(r: Option<f64>) -> Cell {
    r.map_or(Cell::Missing, |r| Cell::Percent(r / 100.0))
}

fn counts_row(label: &str, c: &Counts) -> Vec<Cell> {
    vec![
        Cell::text(label),
        Cell::count(c.total),
        Cell::count(c.completed),
        Cell::count(c.under_construction),
        Cell::count(c.preparing),
        Cell::count(c.not_started),
        Cell::count(c.cancelled),
        Cell::count(c.unreported),
        Cell::count(c.overdue),
        rate(c.start_rate),
        rate(c.completion_rate),
        Cell::opt(c.invested),
        Cell::opt(c.planned_investment),
    ]
}

/// By 专栏 (with the sentence a report states it in), the overdue entries, every entry.
pub fn sheets(register: &Register, lang: Lang) -> Vec<Sheet> {
    use crate::catalog::ProjectStatus as S;
    let word = |w| project_word(w, lang);
    let status = |s| project_status_label(s, lang);
    let mut columns = vec![Column::text(word(W::Column)).key(), Column::number(word(W::Total))];
    for s in [Some(S::Completed), Some(S::UnderConstruction), Some(S::Preparing), Some(S::NotStarted)] {
        columns.push(Column::number(status(s)));
    }
    columns.extend([
        Column::number(status(Some(S::Cancelled))),
        Column::number(status(None)),
        Column::number(word(W::Overdue)),
        Column::number(word(W::StartRate)),
        Column::number(word(W::CompletionRate)),
        Column::number(word(W::Invested)).unit(word(W::Unit)),
        Column::number(word(W::Planned)).unit(word(W::Unit)),
    ]);
    let mut rows: Vec<Vec<Cell>> = register.by_column.iter().map(|c| counts_row(c.column, &c.counts)).collect();
    rows.push(counts_row(word(W::Total), &register.summary));
    let by_column = Sheet {
        name: word(W::ByColumnSheet).into(),
        title: title_of_year(word(W::ByColumnTitle), register.year, lang),
        columns,
        rows,
        notes: vec![register_sentence(&register.summary, lang)],
    };
    let entry_columns = || {
        vec![
            Column::text(word(W::Column)),
            Column::wrapping(word(W::Name)).key(),
            Column::text(word(W::Status)),
            Column::number(word(W::Progress)).unit("%"),
            Column::number(word(W::Due)),
        ]
    };
    let entry_row = |i: &RegisterItem| {
        let r = i.report;
        vec![
            Cell::text(&i.project.column),
            Cell::text(&i.project.name),
            Cell::text(status(i.status())),
            Cell::opt(r.and_then(|r| r.progress)),
            Cell::count(i.due as usize),
        ]
    };
    let mut overdue_columns = entry_columns();
    overdue_columns.push(Column::text(word(W::Areas)));
    overdue_columns.push(Column::wrapping(word(W::Note)));
    let overdue_rows: Vec<Vec<Cell>> = register
        .overdue()
        .map(|i| {
            let mut row = entry_row(i);
            row.push(Cell::text(area_list(&i.project.areas, lang)));
            // A note is the status file's text: escaped, as every input printed.
            row.push(i.report.and_then(|r| r.note.as_deref()).map_or(Cell::Missing, |n| Cell::text(escape(n))));
            row
        })
        .collect();
    let overdue = Sheet {
        name: word(W::Overdue).into(),
        title: title_of_year(word(W::OverdueTitle), register.year, lang),
        notes: if overdue_rows.is_empty() { vec![word(W::NoneOverdue).into()] } else { Vec::new() },
        columns: overdue_columns,
        rows: overdue_rows,
    };
    let mut all_columns = entry_columns();
    all_columns.insert(1, Column::text(word(W::Programme)));
    all_columns.push(Column::number(word(W::Invested)).unit(word(W::Unit)));
    all_columns.push(Column::number(word(W::Planned)).unit(word(W::Unit)));
    all_columns.push(Column::text(word(W::Overdue)));
    let all_rows = register
        .items
        .iter()
        .map(|i| {
            let mut row = entry_row(i);
            let programme = if i.project.is_programme() { Cell::Empty } else { Cell::text(&i.project.programme) };
            row.insert(1, programme);
            row.push(Cell::opt(i.report.and_then(|r| r.invested)));
            row.push(Cell::opt(i.report.and_then(|r| r.planned_investment)));
            row.push(if i.overdue { Cell::text(word(W::Yes)) } else { Cell::Empty });
            row
        })
        .collect();
    let all = Sheet {
        name: word(W::RegisterSheet).into(),
        title: title_of_year(word(W::RegisterTitle), register.year, lang),
        columns: all_columns,
        rows: all_rows,
        notes: Vec::new(),
    };
    vec![by_column, overdue, all]
}

/// One register entry as `indicators --projects` lists it.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub column: &'a str,
    pub programme: &'a str,
    pub kind: &'static str,
    pub due: i32,
    pub areas: &'a [String],
    pub indicators: &'a [String],
    pub quote: &'a str,
    pub note: Option<&'a str>,
}

/// `indicators --projects`: the register as a table, a JSON array and CSV records.
pub fn register_list(catalog: &Catalog, lang: Lang) -> anyhow::Result<Content<'static>> {
    let entries: Vec<Entry> = catalog
        .projects
        .iter()
        .map(|p| Entry {
            id: &p.id,
            name: &p.name,
            column: &p.column,
            programme: &p.programme,
            kind: kind(p),
            due: p.due_year(&catalog.plan),
            areas: &p.areas,
            indicators: &p.indicators,
            quote: &p.quote,
            note: p.note.as_deref(),
        })
        .collect();
    let word = |w| project_word(w, lang);
    let columns = vec![
        Column::text("id"),
        Column::text(word(W::Column)),
        Column::text(word(W::Kind)),
        Column::wrapping(word(W::Name)).key(),
        Column::number(word(W::Due)),
        Column::text(word(W::Areas)),
    ];
    let rows = entries
        .iter()
        .map(|e| {
            let kind = if e.kind == "programme" { W::KindProgramme } else { W::KindProject };
            vec![
                Cell::text(e.id),
                Cell::text(e.column),
                Cell::text(word(kind)),
                Cell::text(e.name),
                Cell::count(e.due as usize),
                Cell::text(area_list(e.areas, lang)),
            ]
        })
        .collect();
    let sheet = Sheet {
        name: word(W::RegisterSheet).into(),
        title: word(W::CatalogueTitle).into(),
        columns,
        rows,
        notes: Vec::new(),
    };
    let records: Vec<Map<String, Value>> = entries
        .iter()
        .map(|e| match to_value(e)? {
            Value::Object(map) => Ok(map),
            _ => anyhow::bail!("a register entry is an object"),
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(Content {
        sheets: vec![sheet],
        document: to_document(&entries)?,
        record_shape: records.first().cloned().unwrap_or_default(),
        records,
        ..Content::default()
    })
}

/// `template --projects`: one row per register entry for `year`, its id in the project column and its
/// name in the note column, the status and figures to fill in.
pub fn template(catalog: &Catalog, year: i32, lang: Lang) -> Grid {
    let header = PROJECT_COLUMNS.iter().map(|c| project_column_header(c, lang).to_string()).collect();
    let mut grid = Grid::new(header);
    for p in &catalog.projects {
        grid.rows.push(vec![
            Slot::Text(p.id.clone()),
            Slot::Number(f64::from(year)),
            Slot::Fill,
            Slot::Fill,
            Slot::Fill,
            Slot::Fill,
            Slot::Text(p.name.clone()),
        ]);
    }
    let about = project_template_about(lang).join(" ");
    grid.legend =
        catalog.projects.iter().map(|p| [p.id.clone(), name_and_quote(&p.name, &p.quote), p.column.clone()]).collect();
    grid.column_notes = vec![(2, about)];
    grid
}
