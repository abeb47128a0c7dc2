//! Excel binary workbooks (.xlsb: BIFF12 records in a zip) → rows, within bounds.
//!
//! calamine's xlsb reader (0.38) trusts what the file claims, and reads it past what Excel writes:
//! - every record's length (a varint of up to 28 bits) is believed: its buffer is grown to it before
//!   a byte is read, so a 30-byte part claiming a 256 MiB record allocates 256 MiB;
//! - `xl/styles.bin` is scanned without skipping the bodies of the records it does not know, so a
//!   font name or a colour can be taken for a record header, and its "length" believed as above;
//! - a record shorter than its kind is read from what the previous record left in the buffer, a
//!   shared-string index past the table panics, a row past 1,048,576 ends the sheet without a word;
//! - the short cell records (`BrtShort*`, the column left out: SheetJS and others write them), an
//!   inline rich string (`BrtCellRString`) and a formula whose value is an error (`BrtFmlaError`)
//!   are skipped, so their cells are silently lost;
//! - a formula is parsed recursively, one level per nested `PtgMemFunc`: a long enough chain
//!   overflows the stack, an abort no `catch_unwind` stops.
//!
//! So the package is measured and walked here first, and calamine only ever reads a zip written
//! here, from what the walk checked:
//! 1. the zip's parts were counted within workbook-bytes (`workbook::measure`); every binary part
//!    calamine reads is walked record by record, each record ending within its part;
//! 2. `xl/workbook.bin` gives the sheets (their state, name and part) and the sheet Excel opens on;
//!    it is written again with those sheets alone (no defined names: calamine parses their formulas);
//! 3. `xl/styles.bin` gives the number formats and cell formats; it is written again holding those
//!    alone, so calamine's scan of it meets no record it would misread;
//! 4. `xl/sharedStrings.bin`'s count is checked against the strings it holds, each string within its
//!    record and within cell-bytes;
//! 5. each sheet's dimensions (BrtWsDim) are checked against sheet-cells, each cell record against
//!    the length its kind needs, its row and column against Excel's grid, its shared string index
//!    against the table; short cells are written out with their column, an inline rich string as a
//!    string, a formula's error value as an error cell.
//!
//! calamine then reads values (dates by their number format, formulas by their saved value) from
//! the rewritten zip, one cell at a time: no grid is built from the sheet's claimed range. The walk
//! keeps what calamine does not say: the sheet Excel opens on, the cells whose format is a
//! percentage, and how many cells are formulas. The first formula's text is asked of calamine only
//! when it fits its record and nests too little to reach the stack's end.

// A refused file is one Problem, returned once per file: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use calamine::{DataRef, Reader, Xlsb};
use quick_xml::events::Event;
use rustc_hash::FxHashSet;

use super::limits::{Limits, Named};
use super::open::{too_large, unreadable};
use super::workbook::{self, Book, Pick, Placed, Sheet, Unread, is_percent};
use crate::problem::{BookExpected, Code, Expected, Problem};

/// Excel's last row and column (XFD1048576), 0-based.
const LAST_ROW: u32 = 1_048_575;
const LAST_COL: u32 = 16_383;
/// The longest record this writer can write again (a 4-byte length varint).
const MAX_RECORD: usize = (1 << 28) - 1;
/// `PtgMemFunc` tokens a formula may hold for calamine to be asked its text: each nests its parser
/// one level deeper (a byte of these values in an operand counts too, so this is an upper bound).
const MAX_NESTING: usize = 32;

fn bad(name: &str, what: BookExpected, found: &str) -> Problem {
    unreadable(name, Expected::Book(what), found)
}

/// Reads an .xlsb workbook whose zip `workbook::measure` has measured.
pub(super) fn read_xlsb(name: &str, bytes: &[u8], pick: Pick, limits: &Limits) -> Result<Book, Problem> {
    let walked = walk(name, bytes, limits)?;
    let Walked { clean, sheets: walked_sheets, active } = walked;
    let read = super::guard::catch(|| {
        let mut book: Xlsb<_> = calamine::open_workbook_from_rs(Cursor::new(clean))
            .map_err(|e| unreadable(name, Expected::Workbook, &format!("{e}")))?;
        let metas = book.sheets_metadata().to_vec();
        if metas.len() != walked_sheets.len() {
            let found = format!("{} sheets where xl/workbook.bin names {}", metas.len(), walked_sheets.len());
            return Err(unreadable(name, Expected::Workbook, &found));
        }
        let (read, others, mut hidden) = workbook::pick_sheets(name, &metas, pick, active)?;
        let mut budget = limits.sheet_cells;
        let mut out = Book { sheets: Vec::new(), unread: Vec::new() };
        for i in read {
            let sheet = &metas[i].name;
            let (rows, mut problems) =
                read_sheet(name, &mut book, sheet, &walked_sheets[i], limits, &mut budget, true)?;
            problems.extend(hidden.take());
            out.sheets.push(Sheet { name: sheet.clone(), rows, problems });
        }
        for i in others {
            let sheet = &metas[i].name;
            let (rows, _) = read_sheet(name, &mut book, sheet, &walked_sheets[i], limits, &mut budget, false)?;
            if !rows.is_empty() {
                out.unread.push(Unread::new(sheet.clone(), rows));
            }
        }
        Ok(out)
    });
    read.unwrap_or_else(|_| Err(unreadable(name, Expected::Workbook, "a workbook the reader cannot parse")))
}

/// One sheet's rows from calamine's cells reader, and its formulas' warning when `with_formulas`.
/// Its cells count against `budget`, what is left of the sheet-cells limit for the whole workbook.
fn read_sheet<R: Read + std::io::Seek>(
    name: &str,
    book: &mut Xlsb<R>,
    sheet: &str,
    walked: &SheetWalk,
    limits: &Limits,
    budget: &mut u64,
    with_formulas: bool,
) -> Result<(Vec<crate::load::read::Row>, Vec<Problem>), Problem> {
    let cannot = |e: calamine::XlsbError| unreadable(name, Expected::ReadableSheet, &format!("sheet {sheet:?}: {e}"));
    let mut cells = Vec::new();
    {
        let mut reader = book.worksheet_cells_reader(sheet).map_err(cannot)?;
        while let Some(cell) = reader.next_cell().map_err(cannot)? {
            let (row, col) = cell.get_position();
            workbook::check_place(name, row, col)?;
            let value: &DataRef = cell.get_value();
            let text = workbook::cell_text(value, walked.percent.contains(&(row, col)));
            workbook::keep_cell(name, limits, budget, &mut cells, Placed { row, col, text })?;
        }
    }
    let mut problems = Vec::new();
    if with_formulas && let Some(first) = walked.first_formula {
        let (row, col, text) = first_formula_text(book, sheet, first, limits);
        let expected = Expected::TypedValues { cached: walked.formulas, sheet: sheet.to_string() };
        let p = Problem::warning(Code::Formula, name, expected).at(row as usize + 1, Some(col as usize + 1), "formula");
        problems.push(p.found(&text));
    }
    let rows = workbook::into_rows(name, sheet, cells, limits)?;
    Ok((rows, problems))
}

/// The first formula of a sheet as calamine writes it (`=B2*100`), when the walk found it safe to
/// ask; else its place, and words saying it is a formula.
fn first_formula_text<R: Read + std::io::Seek>(
    book: &mut Xlsb<R>,
    sheet: &str,
    first: FirstFormula,
    limits: &Limits,
) -> (u32, u32, String) {
    let fallback = (first.row, first.col, "a formula with a saved value".to_string());
    if !first.safe {
        return fallback;
    }
    let asked = super::guard::catch(|| {
        let mut reader = book.worksheet_cells_reader(sheet).ok()?;
        reader.next_formula().ok().flatten()
    });
    match asked {
        Ok(Some(cell)) if !cell.get_value().is_empty() => {
            let (row, col) = cell.get_position();
            let mut text = format!("={}", cell.get_value());
            if text.len() > limits.cell_bytes {
                text.truncate(text.floor_char_boundary(limits.cell_bytes));
            }
            (row, col, text)
        }
        _ => fallback,
    }
}

/// What the walk of the package learnt, and the zip calamine reads.
struct Walked {
    clean: Vec<u8>,
    /// Per sheet calamine lists, in its order.
    sheets: Vec<SheetWalk>,
    /// The position, among them, of the sheet Excel opens on (`usize::MAX` when none is).
    active: usize,
}

#[derive(Debug, Default)]
struct SheetWalk {
    /// Cells whose number format is a percentage.
    percent: FxHashSet<(u32, u32)>,
    /// Formula cells (their saved values are read).
    formulas: u64,
    /// The first formula calamine's `next_formula` will meet.
    first_formula: Option<FirstFormula>,
}

#[derive(Debug, Clone, Copy)]
struct FirstFormula {
    row: u32,
    col: u32,
    /// Its formula fits its record and nests within [`MAX_NESTING`].
    safe: bool,
}

/// One record of a part.
struct Rec<'a> {
    typ: u16,
    data: &'a [u8],
    /// Where the record's header starts in the part.
    at: usize,
}

/// The records of a part, read as calamine reads them (a type of one or two bytes, a length of one
/// to four), each checked to end within the part.
fn records<'a>(name: &'a str, part: &'a str, bytes: &'a [u8]) -> impl Iterator<Item = Result<Rec<'a>, Problem>> + 'a {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let cut = |at: usize| {
            let found = format!("a record header cut short at byte {at} of {part} ({} bytes)", bytes.len());
            Some(Err(bad(name, BookExpected::BinaryRecords, &found)))
        };
        let b0 = bytes[at];
        at += 1;
        let typ = if b0 & 0x80 != 0 {
            let Some(&b1) = bytes.get(at) else {
                at = bytes.len();
                return cut(start);
            };
            at += 1;
            u16::from(b0 & 0x7F) | (u16::from(b1 & 0x7F) << 7)
        } else {
            u16::from(b0)
        };
        let mut len = 0usize;
        for i in 0..4 {
            let Some(&b) = bytes.get(at) else {
                at = bytes.len();
                return cut(start);
            };
            at += 1;
            len |= usize::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        let Some(data) = bytes.get(at..at.saturating_add(len)) else {
            let found =
                format!("a record of {len} bytes at byte {start} of {part}, which ends at byte {}", bytes.len());
            at = bytes.len();
            return Some(Err(bad(name, BookExpected::BinaryRecords, &found)));
        };
        at += len;
        Some(Ok(Rec { typ, data, at: start }))
    })
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

/// An XLWideString at `at`: its text and where it ends, when it fits in `data`.
fn wide_string(data: &[u8], at: usize) -> Option<(String, usize)> {
    let cch = usize::try_from(u32_at(data, at)?).ok()?;
    let end = at.checked_add(4)?.checked_add(cch.checked_mul(2)?)?;
    let units: Vec<u16> = data.get(at + 4..end)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    Some((String::from_utf16_lossy(&units), end))
}

/// Appends one record, its type and length written as BIFF12 writes them.
fn put(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8 & 0x7F);
    }
    let mut len = data.len();
    for _ in 0..4 {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(data);
}

fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

/// The zip's parts by the name calamine looks them up by (lower case, forward slashes).
struct Package<'b> {
    zip: zip::ZipArchive<Cursor<&'b [u8]>>,
    names: HashMap<String, usize>,
}

impl<'b> Package<'b> {
    fn open(name: &str, bytes: &'b [u8]) -> Result<Package<'b>, Problem> {
        let not_zip = |e: zip::result::ZipError| unreadable(name, Expected::XlsxZip, &e.to_string());
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_zip)?;
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            if let Some(Ok(n)) = zip.name_for_index(i) {
                names.entry(n.replace('\\', "/").to_ascii_lowercase()).or_insert(i);
            }
        }
        Ok(Package { zip, names })
    }

    /// A part's bytes, read within workbook-bytes; `None` when the zip has no such part.
    fn part(&mut self, name: &str, path: &str, limits: &Limits) -> Result<Option<Vec<u8>>, Problem> {
        let Some(&i) = self.names.get(&path.to_ascii_lowercase()) else { return Ok(None) };
        let failed = |e: String| unreadable(name, Expected::DecompressibleWorkbook, &format!("{path}: {e}"));
        let entry = self.zip.by_index(i).map_err(|e| failed(e.to_string()))?;
        let mut bytes = Vec::new();
        entry
            .take(limits.workbook_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| failed(e.to_string()))?;
        if bytes.len() as u64 > limits.workbook_bytes {
            let found = format!("{path}, which decompresses to more than {} bytes", limits.workbook_bytes);
            return Err(too_large(name, Named("workbook-bytes", limits.workbook_bytes), &found));
        }
        Ok(Some(bytes))
    }
}

/// A sheet as `xl/workbook.bin` names it (BrtBundleSh).
struct Bundle {
    state: u32,
    tab_id: u32,
    name: String,
    /// Its part, `xl/` and the relationship's target, as calamine resolves it.
    path: String,
    /// The folder its kind is known by: worksheets, chartsheets or dialogsheets.
    kind: &'static str,
}

/// The sheet kinds calamine knows, by the folder of their part.
fn kind_of(path: &str) -> &'static str {
    match path.split('/').nth(1) {
        Some("worksheets") => "worksheets",
        Some("chartsheets") => "chartsheets",
        // A macro sheet, or any other: calamine would refuse the workbook; it is listed as no
        // worksheet, so it is read only when --sheet names it.
        _ => "dialogsheets",
    }
}

fn walk(name: &str, bytes: &[u8], limits: &Limits) -> Result<Walked, Problem> {
    let mut pkg = Package::open(name, bytes)?;
    let rels = match pkg.part(name, "xl/_rels/workbook.bin.rels", limits)? {
        Some(xml) => relationships(name, &xml)?,
        None => HashMap::new(),
    };
    let Some(wb) = pkg.part(name, "xl/workbook.bin", limits)? else {
        return Err(unreadable(name, Expected::XlsxWorkbook, "a zip archive with no xl/workbook.bin"));
    };
    let mut wb_prop: Option<Vec<u8>> = None;
    let mut extern_sheet: Option<Vec<u8>> = None;
    let mut active_tab: Option<u32> = None;
    let mut bundles: Vec<Option<Bundle>> = Vec::new();
    let mut after_sheets = false;
    for r in records(name, "xl/workbook.bin", &wb) {
        let r = r?;
        let d = r.data;
        match r.typ {
            0x0099 if !after_sheets && !d.is_empty() => wb_prop = Some(d.to_vec()),
            // BrtBookView: itabCur, the sheet Excel opens on.
            0x009E if active_tab.is_none() => active_tab = u32_at(d, 24),
            0x009C if !after_sheets => bundles.push(bundle(name, d, r.at, &rels)?),
            0x0090 => after_sheets = true,
            // BrtExternSheet: kept when its count matches its size (calamine reads 12 bytes a sheet).
            0x016A if after_sheets && extern_sheet.is_none() => {
                let count = u32_at(d, 0).map(u64::from);
                if count.is_some_and(|c| d.len() as u64 == 4 + 12 * c) {
                    extern_sheet = Some(d.to_vec());
                }
            }
            _ => {}
        }
    }
    // The sheets calamine lists (it skips one without a part), and where the active one is.
    let active = active_tab.map_or(0, |t| t as usize);
    let mut listed = Vec::new();
    let mut active_listed = usize::MAX;
    for (i, b) in bundles.into_iter().enumerate() {
        if let Some(b) = b {
            if i == active {
                active_listed = listed.len();
            }
            listed.push(b);
        }
    }
    let styles = match pkg.part(name, "xl/styles.bin", limits)? {
        Some(part) => styles(name, &part)?,
        None => Styles::default(),
    };
    let (sst, sst_count) = match pkg.part(name, "xl/sharedStrings.bin", limits)? {
        Some(part) => {
            let count = shared_strings(name, &part, limits)?;
            (Some(part), count)
        }
        None => (None, 0),
    };
    let mut sheets = Vec::new();
    let mut clean_sheets = Vec::new();
    let mut cells: u64 = 0;
    for (i, b) in listed.iter().enumerate() {
        let Some(part) = pkg.part(name, &b.path, limits)? else {
            let found = format!("sheet {:?}, whose part {} is not in the zip", b.name, b.path);
            return Err(bad(name, BookExpected::SheetPart, &found));
        };
        let (walked, clean, dims) = walk_sheet(name, &b.path, &part, &styles, sst_count, limits)?;
        cells = cells.saturating_add(dims);
        if cells > limits.sheet_cells {
            let found = format!("sheets whose dimensions come to more than {} cells", limits.sheet_cells);
            return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
        }
        sheets.push(walked);
        clean_sheets.push((format!("xl/{}/sheet{}.bin", b.kind, i + 1), clean));
    }
    let workbook_bin = workbook_bin(wb_prop.as_deref(), extern_sheet.as_deref(), &listed);
    let parts = Parts { workbook: workbook_bin, sheets: clean_sheets, styles: styles.bin(), sst };
    let clean = write_package(name, &parts)?;
    Ok(Walked { clean, sheets, active: active_listed })
}

/// `xl/_rels/workbook.bin.rels`: each relationship's target by its id.
fn relationships(name: &str, xml: &[u8]) -> Result<HashMap<String, String>, Problem> {
    let broken = |e: String| bad(name, BookExpected::SheetPart, &format!("xl/_rels/workbook.bin.rels: {e}"));
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut rels = HashMap::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| broken(e.to_string()))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let value = |key: &str| -> Result<Option<String>, Problem> {
                    let Some(a) = e.try_get_attribute(key).map_err(|e| broken(e.to_string()))? else { return Ok(None) };
                    let v =
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| broken(e.to_string()))?;
                    Ok(Some(v.into_owned()))
                };
                if let (Some(id), Some(target)) = (value("Id")?, value("Target")?) {
                    rels.insert(id, target);
                }
            }
            Event::Eof => return Ok(rels),
            _ => {}
        }
        buf.clear();
    }
}

/// A BrtBundleSh record: a sheet's state, tab id, relationship and name; `None` for one without a
/// relationship, which calamine does not list.
fn bundle(name: &str, d: &[u8], at: usize, rels: &HashMap<String, String>) -> Result<Option<Bundle>, Problem> {
    let short = || {
        let found = format!("a sheet record (BrtBundleSh) of {} bytes at byte {at} of xl/workbook.bin", d.len());
        bad(name, BookExpected::WithinRecord, &found)
    };
    let (Some(state), Some(tab_id), Some(rel_cch)) = (u32_at(d, 0), u32_at(d, 4), u32_at(d, 8)) else {
        return Err(short());
    };
    if rel_cch == u32::MAX {
        return Ok(None);
    }
    let (id, end) = wide_string(d, 8).ok_or_else(short)?;
    let (sheet, _) = wide_string(d, end).ok_or_else(short)?;
    if state > 2 {
        let found = format!("sheet {sheet:?} in state {state}");
        return Err(bad(name, BookExpected::SheetState, &found));
    }
    let Some(target) = rels.get(&id) else {
        let found = format!("sheet {sheet:?}, whose relationship {id:?} is not in xl/_rels/workbook.bin.rels");
        return Err(bad(name, BookExpected::SheetPart, &found));
    };
    let path = format!("xl/{target}");
    let kind = kind_of(&path);
    Ok(Some(Bundle { state, tab_id, name: sheet, path, kind }))
}

/// What `xl/styles.bin` gives: the number formats (id, code), and each cell format's number format.
#[derive(Default)]
struct Styles {
    formats: Vec<(u16, String)>,
    xfs: Vec<u16>,
    percent: Vec<bool>,
}

impl Styles {
    fn is_percent(&self, xf: u32) -> bool {
        self.percent.get(xf as usize).copied().unwrap_or(false)
    }

    /// The styles part calamine reads: the number formats, then the cell formats, nothing between
    /// that its scan could take for a record.
    fn bin(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put(&mut out, 0x0267, &(self.formats.len() as u32).to_le_bytes());
        for (id, code) in &self.formats {
            let mut d = id.to_le_bytes().to_vec();
            d.extend(wide(code));
            put(&mut out, 0x002C, &d);
        }
        put(&mut out, 0x0268, &[]);
        put(&mut out, 0x0269, &(self.xfs.len() as u32).to_le_bytes());
        for fmt in &self.xfs {
            let mut d = vec![0xFF, 0xFF];
            d.extend(fmt.to_le_bytes());
            d.extend([0u8; 12]);
            put(&mut out, 0x002F, &d);
        }
        put(&mut out, 0x026A, &[]);
        out
    }
}

fn styles(name: &str, part: &[u8]) -> Result<Styles, Problem> {
    let mut s = Styles::default();
    let mut in_cell_xfs = false;
    for r in records(name, "xl/styles.bin", part) {
        let r = r?;
        let d = r.data;
        let short = |what: &str| {
            let found = format!("a {what} record of {} bytes at byte {} of xl/styles.bin", d.len(), r.at);
            bad(name, BookExpected::WithinRecord, &found)
        };
        match r.typ {
            // BrtFmt: a number format's id and code.
            0x002C => {
                let id = u16_at(d, 0).ok_or_else(|| short("number format (BrtFmt)"))?;
                let (code, _) = wide_string(d, 2).ok_or_else(|| short("number format (BrtFmt)"))?;
                s.formats.push((id, code));
            }
            0x0269 => in_cell_xfs = true,
            0x026A => in_cell_xfs = false,
            // BrtXF of the cell formats: its number format.
            0x002F if in_cell_xfs => s.xfs.push(u16_at(d, 2).ok_or_else(|| short("cell format (BrtXF)"))?),
            _ => {}
        }
    }
    s.percent = s
        .xfs
        .iter()
        .map(|&f| match s.formats.iter().find(|(id, _)| *id == f) {
            Some((_, code)) => is_percent(code),
            None => f == 9 || f == 10,
        })
        .collect();
    Ok(s)
}

/// Checks `xl/sharedStrings.bin`: the count it claims (calamine reads that many) within the strings
/// it holds, each string within its record and within cell-bytes. The count.
fn shared_strings(name: &str, part: &[u8], limits: &Limits) -> Result<u64, Problem> {
    const PART: &str = "xl/sharedStrings.bin";
    let mut claimed: Option<u64> = None;
    let mut items: u64 = 0;
    let mut in_future = false;
    for r in records(name, PART, part) {
        let r = r?;
        let d = r.data;
        match (r.typ, claimed) {
            (0x009F, None) => {
                let n = u32_at(d, 4).ok_or_else(|| {
                    let found = format!("a BrtBeginSst record of {} bytes at byte {} of {PART}", d.len(), r.at);
                    bad(name, BookExpected::WithinRecord, &found)
                })?;
                claimed = Some(u64::from(n));
            }
            (0x0023, Some(_)) => in_future = true,
            (0x0024, Some(_)) => in_future = false,
            (0x0013, Some(_)) if !in_future => {
                let Some((_, end)) = wide_string(d, 1) else {
                    let found = format!("a shared string of {} bytes at byte {} of {PART}", d.len(), r.at);
                    return Err(bad(name, BookExpected::WithinRecord, &found));
                };
                let chars = (end - 5) / 2;
                if chars > limits.cell_bytes {
                    let found = format!("a shared string of {chars} characters at byte {} of {PART}", r.at);
                    return Err(too_large(name, Named("cell-bytes", limits.cell_bytes as u64), &found));
                }
                items += 1;
            }
            _ => {}
        }
    }
    match claimed {
        Some(n) if n <= items => Ok(n),
        Some(n) => {
            let found = format!("{PART} claiming {n} strings");
            Err(bad(name, BookExpected::SharedString { count: items }, &found))
        }
        None => {
            let found = format!("{PART} with no BrtBeginSst record");
            Err(bad(name, BookExpected::SharedString { count: items }, &found))
        }
    }
}

/// The length a cell record of each kind needs (its full form, with its column), for calamine reads
/// that far into it.
fn cell_len(typ: u16) -> Option<usize> {
    Some(match typ {
        0x0001 => 8,
        0x0002 | 0x0006 | 0x0007 | 0x0008 => 12,
        0x0003 | 0x0004 | 0x000A | 0x000B => 9,
        0x0005 | 0x0009 => 16,
        0x003E => 13,
        _ => return None,
    })
}

/// The error codes calamine knows (any other makes it refuse the sheet).
const ERRORS: [u8; 8] = [0x00, 0x07, 0x0F, 0x17, 0x1D, 0x24, 0x2A, 0x2B];

/// Walks a sheet's part and writes it again as calamine can read it: the walk, the part, and the
/// cells its dimensions claim.
fn walk_sheet(
    name: &str,
    path: &str,
    part: &[u8],
    styles: &Styles,
    sst_count: u64,
    limits: &Limits,
) -> Result<(SheetWalk, Vec<u8>, u64), Problem> {
    let mut walk = SheetWalk::default();
    let mut out = Vec::with_capacity(part.len());
    let mut dims: Option<u64> = None;
    let mut row: u32 = 0;
    let mut prev_col: Option<u32> = None;
    for r in records(name, path, part) {
        let r = r?;
        let d = r.data;
        let at = r.at;
        let cell_bad = |what: String| bad(name, BookExpected::CellRecord, &format!("{what} at byte {at} of {path}"));
        match r.typ {
            0x0094 if dims.is_none() => {
                let (Some(rf), Some(rl), Some(cf), Some(cl)) =
                    (u32_at(d, 0), u32_at(d, 4), u32_at(d, 8), u32_at(d, 12))
                else {
                    let found = format!("a BrtWsDim record of {} bytes at byte {at} of {path}", d.len());
                    return Err(bad(name, BookExpected::SheetDimensions, &found));
                };
                let shown = format!(
                    "rows {} to {}, columns {} to {}",
                    u64::from(rf) + 1,
                    u64::from(rl) + 1,
                    u64::from(cf) + 1,
                    u64::from(cl) + 1
                );
                if rl < rf || cl < cf {
                    return Err(bad(name, BookExpected::SheetDimensions, &format!("{shown} in {path}")));
                }
                let (rows, cols) = (u64::from(rl - rf) + 1, u64::from(cl - cf) + 1);
                let cells = rows.saturating_mul(cols);
                if cells > limits.sheet_cells {
                    let found = format!("a BrtWsDim record in {path} claiming {rows} rows × {cols} columns");
                    return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
                }
                if rl > LAST_ROW || cl > LAST_COL {
                    return Err(bad(name, BookExpected::SheetDimensions, &format!("{shown} in {path}")));
                }
                dims = Some(cells);
                put(&mut out, r.typ, d);
            }
            // BrtRowHdr: the row of the cells after it.
            0x0000 => {
                let Some(n) = u32_at(d, 0) else { return Err(cell_bad(format!("a row record of {} bytes", d.len()))) };
                if n > LAST_ROW {
                    return Err(cell_bad(format!("row {}", u64::from(n) + 1)));
                }
                row = n;
                prev_col = None;
                put(&mut out, r.typ, d);
            }
            0x0001..=0x000B | 0x003E | 0x000C..=0x0012 => {
                let short = (0x000C..=0x0012).contains(&r.typ);
                // A short cell leaves its column out: the previous cell's, plus one.
                let (typ, full): (u16, std::borrow::Cow<[u8]>) = if short {
                    let col = prev_col.map_or(0, |c| c.saturating_add(1));
                    let mut full = col.to_le_bytes().to_vec();
                    full.extend_from_slice(d);
                    (r.typ - 0x000B, full.into())
                } else {
                    (r.typ, d.into())
                };
                let need = cell_len(typ).unwrap_or(8);
                if full.len() < need {
                    return Err(cell_bad(format!("a cell record (type {:#06x}) of {} bytes", r.typ, d.len())));
                }
                let col = u32_at(&full, 0).unwrap_or(0);
                if col > LAST_COL {
                    return Err(cell_bad(format!(
                        "a cell at row {}, column {}",
                        u64::from(row) + 1,
                        u64::from(col) + 1
                    )));
                }
                prev_col = Some(col);
                let style = u32::from_le_bytes([full[4], full[5], full[6], 0]);
                if styles.is_percent(style) {
                    walk.percent.insert((row, col));
                }
                let mut written: std::borrow::Cow<[u8]> = full.clone();
                let mut written_typ = typ;
                match typ {
                    0x0006 | 0x0008 | 0x003E => {
                        let at_str = if typ == 0x003E { 9 } else { 8 };
                        let Some((_, end)) = wide_string(&full, at_str) else {
                            let cch = u32_at(&full, at_str).unwrap_or(0);
                            return Err(cell_bad(format!(
                                "a string of {cch} characters in a record of {} bytes",
                                full.len()
                            )));
                        };
                        let chars = (end - at_str - 4) / 2;
                        if chars > limits.cell_bytes {
                            let found = format!("a cell of {chars} characters at byte {at} of {path}");
                            return Err(too_large(name, Named("cell-bytes", limits.cell_bytes as u64), &found));
                        }
                        if typ == 0x003E {
                            // An inline rich string: its text, as a plain string cell.
                            let mut plain = full[..8].to_vec();
                            plain.extend_from_slice(&full[9..end]);
                            written = plain.into();
                            written_typ = 0x0006;
                        }
                    }
                    0x0007 => {
                        let isst = u64::from(u32_at(&full, 8).unwrap_or(0));
                        if isst >= sst_count {
                            let found = format!("shared string {isst} at byte {at} of {path}");
                            return Err(bad(name, BookExpected::SharedString { count: sst_count }, &found));
                        }
                    }
                    0x0003 | 0x000B if !ERRORS.contains(&full[8]) => {
                        return Err(cell_bad(format!("an error code {:#04x}", full[8])));
                    }
                    _ => {}
                }
                if (0x0008..=0x000B).contains(&typ) {
                    walk.formulas += 1;
                    if walk.first_formula.is_none() {
                        // calamine is asked the text of its first formula: this one, unless an error.
                        let safe = typ != 0x000B && formula_is_safe(typ, &full);
                        walk.first_formula = Some(FirstFormula { row, col, safe });
                    }
                    if typ == 0x000B {
                        // calamine skips a formula whose value is an error: its value, as an error cell.
                        written = full[..9].to_vec().into();
                        written_typ = 0x0003;
                    }
                }
                if written.len() > MAX_RECORD {
                    return Err(cell_bad(format!("a cell record of {} bytes", written.len())));
                }
                put(&mut out, written_typ, &written);
            }
            _ => put(&mut out, r.typ, d),
        }
    }
    Ok((walk, out, dims.unwrap_or(0)))
}

/// Whether calamine may be asked a formula record's text: its formula (`cce` bytes of tokens)
/// within the record where calamine looks for it, and too few `PtgMemFunc` tokens to nest deep.
fn formula_is_safe(typ: u16, full: &[u8]) -> bool {
    let start = match typ {
        0x0008 => u32_at(full, 8).and_then(|cch| usize::try_from(cch).ok()?.checked_mul(2)?.checked_add(14)),
        0x0009 => Some(18),
        _ => Some(11),
    };
    let Some(start) = start else { return false };
    let Some(cce) = u32_at(full, start).and_then(|c| usize::try_from(c).ok()) else { return false };
    let Some(rgce) = full.get(start + 4..(start + 4).saturating_add(cce)) else { return false };
    rgce.iter().filter(|b| matches!(b, 0x29 | 0x49 | 0x69)).count() <= MAX_NESTING
}

/// `xl/workbook.bin` as calamine reads it: the date system, the sheets, the sheet names formulas
/// refer to, and an end.
fn workbook_bin(wb_prop: Option<&[u8]>, extern_sheet: Option<&[u8]>, sheets: &[Bundle]) -> Vec<u8> {
    let mut out = Vec::new();
    put(&mut out, 0x0083, &[]);
    if let Some(p) = wb_prop {
        put(&mut out, 0x0099, p);
    }
    put(&mut out, 0x008F, &[]);
    for (i, s) in sheets.iter().enumerate() {
        let mut d = s.state.to_le_bytes().to_vec();
        d.extend(s.tab_id.to_le_bytes());
        d.extend(wide(&format!("rId{}", i + 1)));
        d.extend(wide(&s.name));
        put(&mut out, 0x009C, &d);
    }
    put(&mut out, 0x0090, &[]);
    if let Some(x) = extern_sheet {
        put(&mut out, 0x016A, x);
    }
    put(&mut out, 0x0084, &[]);
    out
}

/// The parts of the zip calamine reads.
struct Parts {
    workbook: Vec<u8>,
    /// Each sheet's part name and bytes, in the order of `workbook`.
    sheets: Vec<(String, Vec<u8>)>,
    styles: Vec<u8>,
    sst: Option<Vec<u8>>,
}

fn write_package(name: &str, parts: &Parts) -> Result<Vec<u8>, Problem> {
    let failed = |e: String| unreadable(name, Expected::Workbook, &format!("writing the checked workbook: {e}"));
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, (path, _)) in parts.sheets.iter().enumerate() {
        let target = path.strip_prefix("xl/").unwrap_or(path);
        rels.push_str(&format!("<Relationship Id=\"rId{}\" Target=\"{target}\"/>", i + 1));
    }
    rels.push_str("</Relationships>");
    let mut files: Vec<(&str, &[u8])> = vec![
        ("xl/_rels/workbook.bin.rels", rels.as_bytes()),
        ("xl/workbook.bin", &parts.workbook),
        ("xl/styles.bin", &parts.styles),
    ];
    if let Some(sst) = &parts.sst {
        files.push(("xl/sharedStrings.bin", sst));
    }
    files.extend(parts.sheets.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in files {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
        w.start_file(path, options).map_err(|e| failed(e.to_string()))?;
        w.write_all(bytes).map_err(|e| failed(e.to_string()))?;
    }
    let out = w.finish().map_err(|e| failed(e.to_string()))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_written_as_they_are_read() {
        for len in [0usize, 1, 127, 128, 16_383, 16_384, 300_000] {
            for typ in [0x0000u16, 0x007F, 0x0080, 0x0269, 0x3FFF] {
                let mut out = Vec::new();
                put(&mut out, typ, &vec![7u8; len]);
                let read: Vec<_> = records("f.xlsb", "p", &out).collect::<Result<_, _>>().unwrap();
                assert_eq!(read.len(), 1);
                assert_eq!((read[0].typ, read[0].data.len()), (typ, len));
            }
        }
    }

    #[test]
    fn a_record_past_its_part_is_refused_before_it_is_read() {
        // Type 0x94, a length of 0x0FFFFFFF (four bytes), and three bytes of body.
        let part = [0x94, 0x01, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3];
        let err = records("f.xlsb", "xl/worksheets/sheet1.bin", &part).find_map(Result::err).unwrap();
        assert_eq!(err.code, Code::UnreadableFile);
        assert!(err.to_string().contains("a record of 268435455 bytes at byte 0"), "{err}");
        let cut = [0x94];
        assert!(records("f.xlsb", "p", &cut).any(|r| r.is_err()), "a header cut after its type");
    }

    #[test]
    fn a_formula_nesting_deep_is_not_parsed() {
        // BrtFmlaNum: cell (8), value (8), flags (2), cce, tokens.
        let mut rec = vec![0u8; 18];
        let tokens: Vec<u8> = std::iter::repeat_n([0x29u8, 0, 0], 40).flatten().collect();
        rec.extend((tokens.len() as u32).to_le_bytes());
        rec.extend(&tokens);
        assert!(!formula_is_safe(0x0009, &rec));
        let mut rec = vec![0u8; 18];
        rec.extend(3u32.to_le_bytes());
        rec.extend([0x1E, 5, 0]);
        assert!(formula_is_safe(0x0009, &rec));
        rec.truncate(rec.len() - 1);
        assert!(!formula_is_safe(0x0009, &rec), "tokens past the record");
    }
}
