//! OpenDocument spreadsheets (.ods, LibreOffice and WPS) → rows, within bounds.
//!
//! calamine's ods reader builds a grid of every table before a cell is read, and believes what the
//! XML repeats: a cell `table:number-columns-repeated` 16,384 times in each of a million rows
//! `table:number-rows-repeated`, or a space `text:c` a billion times. The zip is measured first (in
//! `workbook`, as an .xlsx is), then `content.xml` is walked here: the cells every table will hold,
//! from its first to its last, within sheet-cells, and every run of spaces within cell-bytes. The
//! walk also keeps what calamine does not say: the cells whose value type is a percentage, and the
//! table LibreOffice opens on (`ActiveTable` in `settings.xml`).

// A refused file is one Problem, returned once per file: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::io::{BufReader, Cursor, Read};

use calamine::{Ods, Reader};
use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashSet;

use super::limits::{Limits, Named};
use super::open::{too_large, unreadable};
use super::workbook::{self, Book, Pick};
use crate::problem::{BookExpected, Expected, Problem};

/// calamine's bounds on a table (ods.rs `MAX_ROWS`, `MAX_COLUMNS`).
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// Reads an .ods workbook whose zip `workbook::measure` has measured.
pub(super) fn read_ods(name: &str, bytes: Vec<u8>, pick: Pick, limits: &Limits) -> Result<Book, Problem> {
    let walked = walk(name, &bytes, limits)?;
    let read = super::guard::catch(|| {
        let mut book: Ods<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map_err(|e| unreadable(name, Expected::Workbook, &format!("{e}")))?;
        let metas = book.sheets_metadata().to_vec();
        let active = walked.active.as_ref().and_then(|a| metas.iter().position(|m| &m.name == a)).unwrap_or(0);
        let mut grids = Vec::new();
        for meta in &metas {
            // Only the sheets that can be read or counted: calamine hands each out as a copy.
            if !workbook::may_read(meta, pick) {
                continue;
            }
            let range = book.worksheet_range(&meta.name);
            let formulas = book.worksheet_formula(&meta.name);
            let (Ok(range), Ok(formulas)) = (range, formulas) else { continue };
            let percent = walked.tables.iter().find(|t| t.0 == meta.name).map(|t| t.1.clone()).unwrap_or_default();
            grids.push((meta.clone(), range, formulas, percent));
        }
        workbook::book_from_ranges(name, metas, active, grids, pick, limits)
    });
    read.unwrap_or_else(|_| Err(unreadable(name, Expected::Workbook, "a workbook the reader cannot parse")))
}

struct Walked {
    /// Each table's name and its cells of value type percentage.
    tables: Vec<(String, FxHashSet<(u32, u32)>)>,
    active: Option<String>,
}

fn bad_xml(name: &str, e: impl std::fmt::Display) -> Problem {
    unreadable(name, Expected::Book(BookExpected::OdsContent), &format!("content.xml: {e}"))
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.try_get_attribute(key).ok().flatten().map(|a| a.value.into_owned())
}

/// A repeat count as calamine parses it; a count that is not a number makes calamine refuse the file.
fn repeats(name: &str, e: &BytesStart, key: &str) -> Result<u64, Problem> {
    match attr(e, key) {
        None => Ok(1),
        Some(v) => v.trim().parse::<u64>().map_err(|_| bad_xml(name, format!("{key}=\"{v}\""))),
    }
}

/// What calamine will hold of one table, counted as the walk goes.
#[derive(Default)]
struct Table {
    name: String,
    /// Rows from the table's start, with their repeats (capped as calamine caps them).
    row: u64,
    /// Cells pushed while reading rows (calamine's `cells` and `formulas` vectors).
    pushed: u64,
    /// The first and last rows with a value, and the widest row (as calamine pads it).
    first_row: Option<u64>,
    last_row: u64,
    width: u64,
    percent: FxHashSet<(u32, u32)>,
}

impl Table {
    /// What calamine holds at its peak: the cells read, and the grid from the first to the last row
    /// with a value, as wide as the widest row.
    fn cells(&self) -> u64 {
        let rows = self.first_row.map_or(0, |f| self.last_row - f + 1);
        self.pushed + rows.saturating_mul(self.width)
    }
}

fn walk(name: &str, bytes: &[u8], limits: &Limits) -> Result<Walked, Problem> {
    let not_zip = |e: zip::result::ZipError| unreadable(name, Expected::XlsxZip, &e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_zip)?;
    let active = zip.by_name("settings.xml").ok().and_then(|s| active_table(s.take(limits.workbook_bytes)));
    let content = zip.by_name("content.xml").map_err(not_zip)?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content.take(limits.workbook_bytes)));
    let mut buf = Vec::new();
    let mut tables: Vec<(String, FxHashSet<(u32, u32)>)> = Vec::new();
    let mut total: u64 = 0;
    let mut table: Option<Table> = None;
    // Within a row: its repeat, the column reached, the columns pushed so far, whether it has a value.
    let (mut row_repeat, mut col, mut row_pushed, mut row_valued) = (1u64, 0u64, 0u64, false);
    // Within a cell: the spaces its `text:s` elements add.
    let mut spaces: u64 = 0;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| bad_xml(name, e))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "table:table" if table.is_none() && !empty => {
                    if let Some(n) = attr(e, "table:name") {
                        table = Some(Table { name: n, ..Table::default() });
                    }
                }
                "table:table-row" if table.is_some() => {
                    let t = table.as_mut().expect("checked");
                    row_repeat = repeats(name, e, "table:number-rows-repeated")?.min(MAX_ROWS.saturating_sub(t.row));
                    (col, row_pushed, row_valued) = (0, 0, false);
                    if empty {
                        t.row += row_repeat;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if table.is_some() => {
                    let t = table.as_mut().expect("checked");
                    let n = repeats(name, e, "table:number-columns-repeated")?.min(MAX_COLUMNS.saturating_sub(col));
                    let valued = e.attributes().flatten().any(|a| {
                        let k = a.key.as_ref();
                        k.starts_with("office:") && k != "office:value-type"
                            || k == "table:formula"
                            || (k == "office:value-type" && a.value.as_ref() == "string")
                    });
                    if valued {
                        if row_repeat.saturating_mul(n) > limits.sheet_cells {
                            let found = format!("a cell repeated over {row_repeat} rows × {n} columns");
                            return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
                        }
                        row_valued = true;
                        row_pushed = col + n;
                        t.width = t.width.max(row_pushed);
                        if attr(e, "office:value-type").as_deref() == Some("percentage") {
                            for r in t.row..t.row + row_repeat {
                                for c in col..col + n {
                                    t.percent.insert((r.min(u64::from(u32::MAX)) as u32, c as u32));
                                }
                            }
                        }
                    }
                    col += n;
                    spaces = 0;
                }
                "text:s" => {
                    spaces += repeats(name, e, "text:c")?;
                    if spaces > limits.cell_bytes as u64 {
                        let found = format!("a cell of {spaces} spaces (text:c)");
                        return Err(too_large(name, Named("cell-bytes", limits.cell_bytes as u64), &found));
                    }
                }
                _ => {}
            }
        }
        match &event {
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(t) = table.as_mut() {
                    t.pushed += row_pushed;
                    if row_valued {
                        t.first_row.get_or_insert(t.row);
                        t.last_row = t.row + row_repeat - 1;
                    }
                    t.row += row_repeat;
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    total = total.saturating_add(t.cells());
                    tables.push((t.name, t.percent));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if let Some(t) = &table
            && total.saturating_add(t.cells()) > limits.sheet_cells
        {
            let found =
                format!("tables that span more than {} cells from their first to their last", limits.sheet_cells);
            return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
        }
        buf.clear();
    }
    Ok(Walked { tables, active })
}

/// The `ActiveTable` LibreOffice saves in `settings.xml`.
fn active_table(settings: impl Read) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(settings));
    let mut buf = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) if e.name().as_ref() == "config:config-item" => {
                inside = attr(&e, "config:name").as_deref() == Some("ActiveTable");
            }
            Event::Text(t) if inside => return Some(t.xml10_content().into_owned()),
            Event::End(_) => inside = false,
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}
