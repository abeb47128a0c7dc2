//! Excel 97-2003 workbooks (.xls, and WPS `.et` files that are BIFF8 inside) → rows, within bounds.
//!
//! calamine's xls reader trusts what the file claims: it walks sector chains without looking for a
//! loop, reserves rows × columns from the DIMENSIONS record, and builds a grid of every sheet from its
//! first to its last cell before a cell is read. So the file is measured first, here, and calamine only
//! ever sees a file whose claims were checked:
//!
//! 1. the compound file is opened with the `cfb` crate, which refuses a sector chain that loops or
//!    runs past the file, and the `Workbook` (BIFF8) or `Book` (BIFF5) stream is read within the
//!    workbook-bytes limit;
//! 2. the stream's records are walked (their headers and the few size fields calamine believes):
//!    every record within the stream, DIMENSIONS and the grid each sheet's cells span within
//!    sheet-cells, a string or formula within its record, a sheet's offset within the stream;
//! 3. the stream is written into a fresh compound file of one stream, so calamine parses sector
//!    chains the `cfb` crate wrote, never the sender's.
//!
//! What the walk learns calamine does not say is kept: the sheet Excel opens on, and the cells whose
//! number format shows a percentage.

// A refused file is one Problem, returned once per file: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::io::{Cursor, Read, Write};

use calamine::{Reader, Xls};
use rustc_hash::FxHashSet;

use super::limits::{Limits, Named};
use super::open::{too_large, unreadable};
use super::workbook::{self, Book, Pick, is_percent};
use crate::problem::{BookExpected, Expected, Problem};

/// BIFF8's longest record (MS-XLS 2.1.4); BIFF5's is shorter.
const MAX_RECORD: usize = 8224;
/// CONTINUE records after one SST record: 33 MB of shared strings. calamine takes each with
/// `Vec::remove(0)`, so their count costs its square in time.
const MAX_CONTINUES: usize = 4096;

/// What the walk of the stream learnt.
#[derive(Debug, Default)]
pub(super) struct Walk {
    /// The sheet Excel opens on (WINDOW1's `itabCur`).
    pub active_tab: usize,
    /// Per BoundSheet8 record, in order: the cells whose number format is a percentage.
    pub percent: Vec<FxHashSet<(u32, u32)>>,
}

/// Reads an .xls workbook's sheets as rows, the visible active one (or `sheet`) first.
pub(super) fn read_xls(name: &str, bytes: &[u8], pick: Pick, limits: &Limits) -> Result<Book, Problem> {
    let (stream_name, stream) = workbook_stream(name, bytes, limits)?;
    let walk = walk(name, &stream, limits)?;
    let clean = rewrite(name, stream_name, &stream)?;
    drop(stream);
    let read = super::guard::catch(|| {
        let mut book: Xls<_> = calamine::open_workbook_from_rs(Cursor::new(clean))
            .map_err(|e| unreadable(name, Expected::Workbook, &format!("{e}")))?;
        let sheets = book.sheets_metadata().to_vec();
        let mut grids = Vec::new();
        for (i, meta) in sheets.iter().enumerate() {
            // Only the sheets that can be read or counted: calamine hands each out as a copy.
            if !workbook::may_read(meta, pick) {
                continue;
            }
            let percent = walk.percent.get(i);
            let range = book.worksheet_range(&meta.name);
            let formulas = book.worksheet_formula(&meta.name);
            let (Ok(range), Ok(formulas)) = (range, formulas) else { continue };
            grids.push((meta.clone(), range, formulas, percent.cloned().unwrap_or_default()));
        }
        workbook::book_from_ranges(name, sheets, walk.active_tab, grids, pick, limits)
    });
    read.unwrap_or_else(|_| Err(unreadable(name, Expected::Workbook, "a workbook the reader cannot parse")))
}

fn bad(name: &str, what: BookExpected, found: &str) -> Problem {
    unreadable(name, Expected::Book(what), found)
}

/// The compound file opened and checked by the `cfb` crate, and its workbook stream read whole
/// within the workbook-bytes limit.
fn workbook_stream(name: &str, bytes: &[u8], limits: &Limits) -> Result<(&'static str, Vec<u8>), Problem> {
    let cannot = |e: std::io::Error| bad(name, BookExpected::CompoundFile, &e.to_string());
    let opened = super::guard::catch(|| cfb::CompoundFile::open(Cursor::new(bytes)));
    let mut file =
        opened.map_err(|_| bad(name, BookExpected::CompoundFile, "a damaged compound file"))?.map_err(cannot)?;
    let found = ["/Workbook", "/Book"].into_iter().find(|p| file.is_stream(p));
    let Some(path) = found else {
        let p = bad(name, BookExpected::WorkbookStream, "a compound file with no Workbook or Book stream");
        return Err(p);
    };
    let claimed = file.entry(path).map(|e| e.len()).map_err(cannot)?;
    if claimed > limits.workbook_bytes {
        let found = format!("a {} stream of {claimed} bytes", &path[1..]);
        return Err(too_large(name, Named("workbook-bytes", limits.workbook_bytes), &found));
    }
    let mut stream = Vec::new();
    let reader = file.open_stream(path).map_err(cannot)?;
    reader.take(limits.workbook_bytes.saturating_add(1)).read_to_end(&mut stream).map_err(cannot)?;
    if (stream.len() as u64) < claimed {
        let found = format!("a {} stream of {} bytes where its entry says {claimed}", &path[1..], stream.len());
        return Err(bad(name, BookExpected::WholeStream, &found));
    }
    let stream_name = if path == "/Workbook" { "Workbook" } else { "Book" };
    Ok((stream_name, stream))
}

/// A fresh compound file holding only `stream`, written by the `cfb` crate.
fn rewrite(name: &str, stream_name: &str, stream: &[u8]) -> Result<Vec<u8>, Problem> {
    let failed = |e: std::io::Error| bad(name, BookExpected::CompoundFile, &e.to_string());
    let mut out = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).map_err(failed)?;
    {
        let mut s = out.create_stream(format!("/{stream_name}")).map_err(failed)?;
        s.write_all(stream).map_err(failed)?;
        s.flush().map_err(failed)?;
    }
    out.flush().map_err(failed)?;
    Ok(out.into_inner().into_inner())
}

/// One record of the stream.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    /// Where the record starts in the stream.
    at: usize,
}

/// The records from `at`, each checked to lie within the stream and within BIFF8's record size.
fn records<'a>(
    name: &'a str,
    stream: &'a [u8],
    mut at: usize,
) -> impl Iterator<Item = Result<Record<'a>, Problem>> + 'a {
    std::iter::from_fn(move || {
        if at >= stream.len() {
            return None;
        }
        let head = stream.get(at..at + 4);
        let Some(head) = head else {
            at = stream.len();
            let found = format!("a record header cut short at byte {at} of the stream");
            return Some(Err(bad(name, BookExpected::WholeStream, &found)));
        };
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let start = at;
        let Some(data) = stream.get(at + 4..at + 4 + len) else {
            at = stream.len();
            let found = format!("a record of {len} bytes at byte {start} of a stream of {} bytes", stream.len());
            return Some(Err(bad(name, BookExpected::WholeStream, &found)));
        };
        if len > MAX_RECORD {
            at = stream.len();
            let found = format!("a record of {len} bytes at byte {start}");
            return Some(Err(bad(name, BookExpected::RecordSize, &found)));
        }
        at += 4 + len;
        Some(Ok(Record { typ, data, at: start }))
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The first and last row and column of a sheet's cells, as calamine will span them.
#[derive(Default)]
struct Span {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, row: u32, col: u32) {
        let widen = |s: &mut Option<(u32, u32)>, v: u32| {
            *s = Some(s.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        };
        widen(&mut self.rows, row);
        widen(&mut self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

/// Walks the workbook globals and every sheet the globals list, refusing any claim calamine would
/// believe beyond the limits.
pub(super) fn walk(name: &str, stream: &[u8], limits: &Limits) -> Result<Walk, Problem> {
    let mut walk = Walk::default();
    let mut percent_xf: Vec<bool> = Vec::new();
    let mut custom_percent: FxHashSet<u16> = FxHashSet::default();
    let mut sheets: Vec<usize> = Vec::new();
    let mut window = false;
    let mut biff8 = true;
    let mut iter = records(name, stream, 0).peekable();
    while let Some(record) = iter.next() {
        let r = record?;
        match r.typ {
            // BOF: the version (0x0600 is BIFF8).
            0x0809 => biff8 = u16_at(r.data, 0).is_none_or(|v| v >= 0x0600),
            // WINDOW1: the first gives the active tab.
            0x003D if !window => {
                window = true;
                walk.active_tab = usize::from(u16_at(r.data, 10).unwrap_or(0));
            }
            // Format: a custom number format with a percent sign.
            0x041E => {
                if let Some(ifmt) = u16_at(r.data, 0)
                    && is_percent(&format_code(&r.data[2..], biff8))
                {
                    custom_percent.insert(ifmt);
                }
            }
            // XF: its number format.
            0x00E0 => {
                let ifmt = u16_at(r.data, 2).unwrap_or(0);
                percent_xf.push(matches!(ifmt, 9 | 10) || custom_percent.contains(&ifmt));
            }
            // BoundSheet8: where a sheet's records start.
            0x0085 => {
                let pos = u32_at(r.data, 0).map(|p| p as usize);
                match pos {
                    Some(pos) if r.data.len() >= 7 && pos < stream.len() => sheets.push(pos),
                    _ => {
                        let found =
                            format!("a sheet at byte {} of a stream of {} bytes", pos.unwrap_or(0), stream.len());
                        return Err(bad(name, BookExpected::SheetOffset, &found));
                    }
                }
            }
            // SST: calamine reads its CONTINUE records one `remove(0)` at a time.
            0x00FC => {
                let mut continues = 0;
                while let Some(Ok(next)) = iter.peek() {
                    if next.typ != 0x003C {
                        break;
                    }
                    continues += 1;
                    if continues > MAX_CONTINUES {
                        let found = format!("more than {MAX_CONTINUES} CONTINUE records after the shared strings");
                        return Err(bad(name, BookExpected::RecordSize, &found));
                    }
                    iter.next();
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    // Every sheet calamine builds, as the grid it spans (or DIMENSIONS reserves), together.
    let mut walked: u64 = 0;
    let mut cells: u64 = 0;
    for &pos in &sheets {
        let sheet = walk_sheet(name, stream, pos, &percent_xf, limits)?;
        walked += sheet.bytes;
        cells += sheet.cells;
        if walked > limits.workbook_bytes {
            let found = format!("sheets whose records come to more than {} bytes", limits.workbook_bytes);
            return Err(too_large(name, Named("workbook-bytes", limits.workbook_bytes), &found));
        }
        if cells > limits.sheet_cells {
            let found =
                format!("sheets that span more than {} cells from their first to their last", limits.sheet_cells);
            return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
        }
        walk.percent.push(sheet.percent);
    }
    Ok(walk)
}

/// A Format record's format code, enough to look for a percent sign in it.
fn format_code(data: &[u8], biff8: bool) -> String {
    let (cch, flags, chars) = if biff8 {
        (
            usize::from(u16_at(data, 0).unwrap_or(0)),
            data.get(2).copied().unwrap_or(0),
            data.get(3..).unwrap_or_default(),
        )
    } else {
        (usize::from(data.first().copied().unwrap_or(0)), 0, data.get(1..).unwrap_or_default())
    };
    if flags & 1 == 1 {
        let units: Vec<u16> = chars.chunks_exact(2).take(cch).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(cch).map(|&b| char::from(b)).collect()
    }
}

struct SheetWalk {
    bytes: u64,
    cells: u64,
    percent: FxHashSet<(u32, u32)>,
}

/// One sheet's records, as calamine walks them: from its BOF to its EOF, skipping the records of a
/// chart or other substream nested in it.
fn walk_sheet(
    name: &str,
    stream: &[u8],
    pos: usize,
    percent_xf: &[bool],
    limits: &Limits,
) -> Result<SheetWalk, Problem> {
    let mut span = Span::default();
    let mut dimensions: u64 = 0;
    let mut percent = FxHashSet::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    let mut end = stream.len();
    let is_percent = |ixfe: Option<u16>| ixfe.is_some_and(|x| percent_xf.get(usize::from(x)).copied().unwrap_or(false));
    for record in records(name, stream, pos) {
        let r = record?;
        let d = r.data;
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let cell = |at: &str| format!("a {at} record at byte {}", r.at);
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => {
                end = r.at + 4 + d.len();
                break;
            }
            // DIMENSIONS: calamine reserves rows × columns from it.
            0x0200 => {
                let (first_row, last_row, first_col, last_col) = match d.len() {
                    10 => (
                        u64::from(u16_at(d, 0).unwrap_or(0)),
                        u64::from(u16_at(d, 2).unwrap_or(0)),
                        u64::from(u16_at(d, 4).unwrap_or(0)),
                        u64::from(u16_at(d, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u64::from(u32_at(d, 0).unwrap_or(0)),
                        u64::from(u32_at(d, 4).unwrap_or(0)),
                        u64::from(u16_at(d, 8).unwrap_or(0)),
                        u64::from(u16_at(d, 10).unwrap_or(0)),
                    ),
                    _ => return Err(bad(name, BookExpected::Dimensions, &cell("DIMENSIONS"))),
                };
                let first_col = if first_col > 0xFF || last_col < first_col { 0 } else { first_col };
                if last_row >= 1 && last_col >= 1 {
                    if first_row > last_row - 1 || first_col > last_col - 1 {
                        let found = format!("rows {first_row} to {last_row}, columns {first_col} to {last_col}");
                        return Err(bad(name, BookExpected::Dimensions, &found));
                    }
                    dimensions = (last_row - first_row).saturating_mul(last_col - first_col);
                    if dimensions > limits.sheet_cells {
                        let found = format!(
                            "a DIMENSIONS record claiming {} rows × {} columns",
                            last_row - first_row,
                            last_col - first_col
                        );
                        return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
                    }
                }
            }
            // Number, BoolErr, RK, LabelSst, Formula: row, column, XF.
            0x0203 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                let (Some(row), Some(col)) = (u16_at(d, 0), u16_at(d, 2)) else { continue };
                span.add(u32::from(row), u32::from(col));
                if is_percent(u16_at(d, 4)) {
                    percent.insert((u32::from(row), u32::from(col)));
                }
                if r.typ == 0x0006 {
                    let cce = u16_at(d, 20).map_or(usize::MAX, usize::from);
                    if cce > d.len().saturating_sub(22) {
                        let found = format!("{} of {} bytes", cell("FORMULA"), d.len());
                        return Err(bad(name, BookExpected::WithinRecord, &found));
                    }
                }
            }
            // Label, RString: row, column, then a string that must fit in the record.
            0x0204 | 0x00D6 => {
                let (Some(row), Some(col)) = (u16_at(d, 0), u16_at(d, 2)) else { continue };
                span.add(u32::from(row), u32::from(col));
                check_string(name, d.get(6..).unwrap_or_default(), &cell("LABEL"), limits)?;
            }
            // String: a formula's text value.
            0x0207 => check_string(name, d, &cell("STRING"), limits)?,
            // MulRk: one row, a run of columns, an XF for each.
            0x00BD => {
                let (Some(row), Some(first), Some(last)) =
                    (u16_at(d, 0), u16_at(d, 2), u16_at(d, d.len().saturating_sub(2)))
                else {
                    continue;
                };
                if d.len() < 6 || last < first || d.len() != 6 + 6 * (usize::from(last - first) + 1) {
                    return Err(bad(name, BookExpected::WithinRecord, &cell("MULRK")));
                }
                span.add(u32::from(row), u32::from(first));
                span.add(u32::from(row), u32::from(last));
                for (i, col) in (first..=last).enumerate() {
                    if is_percent(u16_at(d, 4 + 6 * i)) {
                        percent.insert((u32::from(row), u32::from(col)));
                    }
                }
            }
            // MergeCells: a count and eight bytes for each.
            0x00E5 => {
                let count = usize::from(u16_at(d, 0).unwrap_or(0));
                if d.len() < 2 + 8 * count {
                    return Err(bad(name, BookExpected::WithinRecord, &cell("MERGECELLS")));
                }
            }
            _ => {}
        }
    }
    let cells = span.cells().max(dimensions);
    Ok(SheetWalk { bytes: (end - pos) as u64, cells, percent })
}

/// An XLUnicodeString (BIFF8) or a byte string (BIFF5) whose length must fit what follows it.
fn check_string(name: &str, d: &[u8], what: &str, limits: &Limits) -> Result<(), Problem> {
    let Some(cch) = u16_at(d, 0).map(usize::from) else { return Ok(()) };
    // The bytes after the count: at least one a character (BIFF5, or BIFF8 without high bytes).
    let room = d.len() - 2;
    if cch > room {
        let found = format!("{what} claiming {cch} characters in {room} bytes");
        return Err(bad(name, BookExpected::WithinRecord, &found));
    }
    if cch > limits.cell_bytes {
        let found = format!("{what} of {cch} characters");
        return Err(too_large(name, Named("cell-bytes", limits.cell_bytes as u64), &found));
    }
    Ok(())
}
