//! Excel workbooks (.xlsx, .xlsm) → rows, within bounds (.xls in `xls`, .ods in `ods`, which end here
//! too, in [`book_from_ranges`]). The zip is measured before calamine sees it
//! (a zip bomb, or a shared-strings table claiming four billion entries, would make it allocate
//! without end), cells are read one at a time rather than into a grid sized by the sheet's claimed
//! range, and the sheet read is the one Excel shows: the active sheet when it is visible.
//!
//! A cell is given as the text a person sees, so a workbook goes through the same number rules as a
//! CSV file: a percentage-formatted 0.956 reads `95.6%`, a date-formatted cell reads as the date (and is
//! no number), and a formula with no value saved reads as its formula (and is no number either).

// A refused file is one Problem, returned once per file: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Range, Reader, SheetType, SheetVisible, Xlsx, XlsxError};
use quick_xml::events::Event;
use rustc_hash::FxHashSet;

use super::limits::{Limits, Named};
use super::open::{too_large, unreadable};
use super::read::{Cells, Row};
use crate::problem::{BookExpected, Code, Expected, Problem};

/// Excel's last row and column (XFD1048576), 0-based.
const LAST_ROW: u32 = 1_048_575;
const LAST_COL: u32 = 16_383;

/// What the zip says about the workbook, learnt while measuring it.
#[derive(Debug)]
struct Parts {
    kind: ZipKind,
    /// `activeTab` of the first `workbookView`: the sheet Excel opens on.
    active_tab: usize,
}

/// One sheet's rows and the problems found reading them (formulas).
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
}

/// What a workbook gives: the sheets read (the one chosen, or with `--all-sheets` every visible one),
/// and the visible sheets with rows that were not read.
pub struct Book {
    pub sheets: Vec<Sheet>,
    pub unread: Vec<Unread>,
}

/// A visible sheet not read: its name, its rows, and the first of them (to tell whether it holds data).
#[derive(Debug, Clone)]
pub struct Unread {
    pub name: String,
    pub rows: usize,
    pub head: Vec<Row>,
}

impl Unread {
    pub(super) fn new(name: String, mut rows: Vec<Row>) -> Unread {
        let count = rows.len();
        rows.truncate(super::rows::HEADER_SEARCH);
        Unread { name, rows: count, head: rows }
    }
}

/// Which sheets to read: one by name, every visible one, or the one Excel opens on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pick<'a> {
    pub sheet: Option<&'a str>,
    pub all: bool,
}

/// The kind of a zip workbook, told by its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipKind {
    Xlsx,
    Xlsb,
    Ods,
}

impl ZipKind {
    /// The kind as the accounting and JSON `files[].encoding` name it.
    pub fn as_str(self) -> &'static str {
        match self {
            ZipKind::Xlsx => "xlsx",
            ZipKind::Xlsb => "xlsb",
            ZipKind::Ods => "ods",
        }
    }
}

/// Reads a zip workbook (.xlsx, .xlsm, .xlsb, .ods) once it is measured: its kind, the sheets `pick` asks
/// for, and the rows of the other visible ones.
pub fn read_zip(name: &str, bytes: Vec<u8>, pick: Pick, limits: &Limits) -> Result<(ZipKind, Book), Problem> {
    let parts = measure(name, &bytes, limits)?;
    let book = match parts.kind {
        ZipKind::Ods => super::ods::read_ods(name, bytes, pick, limits),
        ZipKind::Xlsb => super::xlsb::read_xlsb(name, &bytes, pick, limits),
        ZipKind::Xlsx => read_xlsx(name, bytes, pick, parts.active_tab, limits),
    };
    Ok((parts.kind, book?))
}

/// Reads an xlsx/xlsm workbook: the sheets `pick` asks for, and the rows of the other visible ones.
fn read_xlsx(name: &str, bytes: Vec<u8>, pick: Pick, active_tab: usize, limits: &Limits) -> Result<Book, Problem> {
    // calamine is a dependency whose arithmetic on cell references can overflow; a panic there is
    // a workbook that cannot be read, never a crash.
    let read = super::guard::catch(|| {
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
            .map_err(|e| unreadable(name, Expected::Workbook, &format!("{e}")))?;
        let metas = book.sheets_metadata().to_vec();
        let (read, others, mut hidden) = pick_sheets(name, &metas, pick, active_tab)?;
        let mut budget = limits.sheet_cells;
        let mut out = Book { sheets: Vec::new(), unread: Vec::new() };
        for i in read {
            let sheet_name = metas[i].name.clone();
            let (rows, mut problems) = read_sheet(name, &mut book, &sheet_name, limits, &mut budget, true)?;
            problems.extend(hidden.take());
            out.sheets.push(Sheet { name: sheet_name, rows, problems });
        }
        for i in others {
            let sheet_name = metas[i].name.clone();
            let (rows, _) = read_sheet(name, &mut book, &sheet_name, limits, &mut budget, false)?;
            if !rows.is_empty() {
                out.unread.push(Unread::new(sheet_name, rows));
            }
        }
        Ok(out)
    });
    read.unwrap_or_else(|_| Err(unreadable(name, Expected::Workbook, "a workbook the reader cannot parse")))
}

/// A sheet calamine has read into a grid: its metadata, values, formulas, and the cells whose number
/// format is a percentage.
pub(super) type Grid = (calamine::Sheet, Range<Data>, Range<String>, FxHashSet<(u32, u32)>);

/// A workbook whose every sheet calamine has read into a grid (.xls, .ods): the sheets `pick` asks
/// for, with `percent` the cells whose number format is a percentage, and the rows of the others.
pub(super) fn book_from_ranges(
    name: &str,
    metas: Vec<calamine::Sheet>,
    active: usize,
    grids: Vec<Grid>,
    pick: Pick,
    limits: &Limits,
) -> Result<Book, Problem> {
    let (read, others, mut hidden) = pick_sheets(name, &metas, pick, active)?;
    let mut out = Book { sheets: Vec::new(), unread: Vec::new() };
    let grid_of = |i: usize| grids.iter().find(|g| g.0.name == metas[i].name);
    for i in read {
        let Some((meta, range, formulas, percent)) = grid_of(i) else {
            let found = format!("sheet {:?}", metas[i].name);
            return Err(unreadable(name, Expected::ReadableSheet, &found));
        };
        let (cells, mut problems) = range_cells(name, &meta.name, range, formulas, percent, limits)?;
        problems.extend(hidden.take());
        let rows = into_rows(name, &meta.name, cells, limits)?;
        out.sheets.push(Sheet { name: meta.name.clone(), rows, problems });
    }
    for i in others {
        let Some((meta, range, formulas, percent)) = grid_of(i) else { continue };
        let (cells, _) = range_cells(name, &meta.name, range, formulas, percent, limits)?;
        let rows = into_rows(name, &meta.name, cells, limits)?;
        if !rows.is_empty() {
            out.unread.push(Unread::new(meta.name.clone(), rows));
        }
    }
    Ok(out)
}

/// A sheet's grid as cells, each given as it is shown; a formula with no value reads as its formula.
fn range_cells(
    name: &str,
    sheet: &str,
    range: &Range<Data>,
    formulas: &Range<String>,
    percent: &FxHashSet<(u32, u32)>,
    limits: &Limits,
) -> Result<(Vec<Placed>, Vec<Problem>), Problem> {
    let mut cells = Vec::new();
    let mut shown_formula = BTreeMap::new();
    let mut cached = 0u64;
    let mut first: Option<((u32, u32), String)> = None;
    if let Some((r0, c0)) = formulas.start() {
        for (r, c, f) in formulas.used_cells() {
            if f.trim().is_empty() {
                continue;
            }
            let pos = (r0 + r as u32, c0 + c as u32);
            let f = f.strip_prefix("of:").unwrap_or(f);
            let mut text = if f.starts_with('=') { f.to_string() } else { format!("={f}") };
            if text.len() > limits.cell_bytes {
                text.truncate(text.floor_char_boundary(limits.cell_bytes));
            }
            let value = range.get_value(pos);
            if value.is_none_or(|v| *v == Data::Empty) {
                shown_formula.insert(pos, text);
            } else {
                cached += 1;
                first.get_or_insert((pos, text));
            }
        }
    }
    let mut problems = Vec::new();
    if let Some(((row, col), formula)) = first {
        let expected = Expected::TypedValues { cached, sheet: sheet.to_string() };
        let p = Problem::warning(Code::Formula, name, expected).at(row as usize + 1, Some(col as usize + 1), "formula");
        problems.push(p.found(&formula));
    }
    if let Some((r0, c0)) = range.start() {
        for (r, c, v) in range.used_cells() {
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            check_place(name, row, col)?;
            let text = data_text(v, percent.contains(&(row, col)));
            if text.trim().is_empty() {
                continue;
            }
            if cells.len() as u64 >= limits.sheet_cells {
                let found = format!("more than {} cells in sheet {sheet:?}", limits.sheet_cells);
                return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
            }
            cells.push(Placed { row, col, text });
        }
    }
    // A formula with no value is an empty cell of the grid: it is not among the cells yet.
    cells.extend(shown_formula.into_iter().map(|((row, col), text)| Placed { row, col, text }));
    Ok((cells, problems))
}

/// Decompresses every part once, counting bytes, and refuses the workbook past the workbook-bytes
/// limit. A zip's own size fields can lie, so the bytes are counted, not the fields read.
fn measure(name: &str, bytes: &[u8], limits: &Limits) -> Result<Parts, Problem> {
    let not_zip = |e: zip::result::ZipError| unreadable(name, Expected::XlsxZip, &e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_zip)?;
    let mut total: u64 = 0;
    let mut parts = Parts { kind: ZipKind::Xlsx, active_tab: 0 };
    let mut has_workbook = false;
    let mut has_binary = false;
    let mut has_content = false;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(not_zip)?;
        let part = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let budget = limits.workbook_bytes.saturating_sub(total);
        let keep = part == "xl/workbook.xml" || part == "xl/sharedStrings.xml";
        let mut head = Vec::new();
        let size = copy_counting(&mut entry, budget, keep.then_some(&mut head))
            .map_err(|e| unreadable(name, Expected::DecompressibleWorkbook, &format!("{part}: {e}")))?;
        total += size;
        if total > limits.workbook_bytes {
            let found = format!("parts that decompress to more than {} bytes", limits.workbook_bytes);
            return Err(too_large(name, Named("workbook-bytes", limits.workbook_bytes), &found));
        }
        match part.as_str() {
            "xl/workbook.xml" => {
                has_workbook = true;
                parts.active_tab = active_tab(&head);
            }
            "xl/sharedStrings.xml" => check_unique_count(name, &head, size)?,
            // calamine finds an .xlsb's parts whatever their case and slashes; so does `xlsb`.
            p if p.replace('\\', "/").eq_ignore_ascii_case("xl/workbook.bin") => has_binary = true,
            "content.xml" => has_content = true,
            _ => {}
        }
    }
    if has_binary && !has_workbook {
        parts.kind = ZipKind::Xlsb;
        return Ok(parts);
    }
    if has_content && !has_workbook {
        parts.kind = ZipKind::Ods;
        return Ok(parts);
    }
    if !has_workbook {
        return Err(unreadable(name, Expected::XlsxWorkbook, "a zip archive with no xl/workbook.xml"));
    }
    Ok(parts)
}

/// Copies a part to nowhere, counting at most `budget + 1` bytes; the first 64 KiB are kept in
/// `head` when asked (the workbook's sheet list and the shared strings' count are at the start).
fn copy_counting(part: &mut impl Read, budget: u64, mut head: Option<&mut Vec<u8>>) -> std::io::Result<u64> {
    const HEAD: usize = 64 << 10;
    let mut buf = [0u8; 16 << 10];
    let mut counted: u64 = 0;
    let mut limited = part.take(budget.saturating_add(1));
    loop {
        let n = limited.read(&mut buf)?;
        if n == 0 {
            return Ok(counted);
        }
        if let Some(head) = head.as_deref_mut() {
            let room = HEAD.saturating_sub(head.len()).min(n);
            head.extend_from_slice(&buf[..room]);
        }
        counted += n as u64;
    }
}

/// The `activeTab` of the workbook's first view; 0 when it has none.
fn active_tab(workbook_xml: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(workbook_xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "workbookView" => {
                let tab = e.try_get_attribute("activeTab").ok().flatten();
                return tab.and_then(|a| a.value.trim().parse().ok()).unwrap_or(0);
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sheets" => return 0,
            Ok(Event::Eof) | Err(_) => return 0,
            _ => {}
        }
        buf.clear();
    }
}

/// calamine reserves room for `uniqueCount` strings before reading one: a count the part cannot hold
/// (each string takes at least `<si/>`, five bytes) is refused before it is believed.
fn check_unique_count(name: &str, head: &[u8], size: u64) -> Result<(), Problem> {
    let mut reader = quick_xml::Reader::from_reader(head);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let count = e.try_get_attribute("uniqueCount").ok().flatten();
                let claimed = count.and_then(|a| a.value.trim().parse::<u64>().ok());
                return match claimed {
                    Some(n) if n > size / 5 + 1 => Err(unreadable(
                        name,
                        Expected::SharedStringsCount,
                        &format!("uniqueCount=\"{n}\" in xl/sharedStrings.xml of {size} bytes"),
                    )),
                    _ => Ok(()),
                };
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Whether a sheet may be read or counted: a visible worksheet, or the one `--sheet` names.
pub(super) fn may_read(sheet: &calamine::Sheet, pick: Pick) -> bool {
    pick.sheet == Some(sheet.name.as_str())
        || (sheet.visible == SheetVisible::Visible && sheet.typ == SheetType::WorkSheet)
}

/// What [`pick_sheets`] chose: the sheets to read, the other visible worksheets, and the warning
/// when the sheet Excel opens on is hidden.
pub(super) type Picked = (Vec<usize>, Vec<usize>, Option<Problem>);

/// The sheets to read, and the other visible worksheets (whose rows are counted to say they were not
/// read), by their position. The sheet named on the command line (hidden or not); with `--all-sheets`
/// every visible worksheet; else the one Excel opens on when it is a visible worksheet, else the first
/// visible worksheet: never a hidden sheet nobody sees, and an `unread-sheet` warning (the third)
/// naming both when the sheet Excel opens on is hidden.
pub(super) fn pick_sheets(
    name: &str,
    sheets: &[calamine::Sheet],
    pick: Pick,
    active: usize,
) -> Result<Picked, Problem> {
    let shown = |s: &calamine::Sheet| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet;
    let visible: Vec<usize> = (0..sheets.len()).filter(|&i| shown(&sheets[i])).collect();
    let read = if let Some(wanted) = pick.sheet {
        let Some(i) = sheets.iter().position(|s| s.name == wanted) else {
            let expected = Expected::SheetOf { sheets: sheets.iter().map(|s| s.name.clone()).collect() };
            let p = Problem::error(Code::UnreadableFile, name, expected);
            return Err(p.found(&format!("--sheet {wanted:?}")));
        };
        vec![i]
    } else if pick.all {
        visible.clone()
    } else {
        let first = Some(active).filter(|a| visible.contains(a)).or_else(|| visible.first().copied());
        first.into_iter().collect()
    };
    if read.is_empty() {
        return Err(unreadable(name, Expected::VisibleWorksheet, "no visible worksheet"));
    }
    let hidden = match sheets.get(active) {
        Some(s) if pick.sheet.is_none() && !pick.all && !visible.contains(&active) => {
            let read = sheets[read[0]].name.clone();
            let expected = Expected::Book(BookExpected::HiddenActive { read });
            let what = if s.visible == SheetVisible::Visible { "not a worksheet" } else { "hidden" };
            Some(Problem::warning(Code::UnreadSheet, name, expected).found(&format!("sheet {:?} ({what})", s.name)))
        }
        _ => None,
    };
    // A sheet named on the command line is a choice: the others are not counted against it.
    let others =
        if pick.sheet.is_some() { Vec::new() } else { visible.into_iter().filter(|i| !read.contains(i)).collect() };
    Ok((read, others, hidden))
}

/// Formulas with no value saved, by (row, column), as `=FORMULA`.
type FormulaCells = BTreeMap<(u32, u32), String>;

/// A cell as read, before it joins its row.
pub(super) struct Placed {
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// A sheet's rows, and its formulas' problem when `with_formulas`. Its cells count against `budget`,
/// what is left of the sheet-cells limit for the whole workbook.
fn read_sheet<R: Read + std::io::Seek>(
    name: &str,
    book: &mut Xlsx<R>,
    sheet: &str,
    limits: &Limits,
    budget: &mut u64,
    with_formulas: bool,
) -> Result<(Vec<Row>, Vec<Problem>), Problem> {
    let cannot = |e: XlsxError| unreadable(name, Expected::ReadableSheet, &format!("sheet {sheet:?}: {e}"));
    let (formulas, problems) =
        if with_formulas { formulas(name, book, sheet, limits).map_err(cannot)? } else { Default::default() };
    let mut reader = book.worksheet_cells_reader(sheet).map_err(cannot)?;
    let mut percent_styles: BTreeMap<usize, bool> = BTreeMap::new();
    let mut cells = Vec::new();
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(cannot)? {
        let (row, col) = cell.get_position();
        check_place(name, row, col)?;
        let percent = *percent_styles.entry(style).or_insert_with(|| {
            reader
                .styles()
                .get(style)
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| is_percent(&f.format_code))
        });
        let text = match formulas.get(&(row, col)) {
            Some(formula) if cell.get_value() == &DataRef::Empty => formula.clone(),
            _ => cell_text(cell.get_value(), percent),
        };
        keep_cell(name, limits, budget, &mut cells, Placed { row, col, text })?;
    }
    let rows = into_rows(name, sheet, cells, limits)?;
    Ok((rows, problems))
}

/// Keeps a cell that holds text, within the `sheet-cells` budget of the sheets read; a blank cell costs nothing.
pub(super) fn keep_cell(
    name: &str,
    limits: &Limits,
    budget: &mut u64,
    cells: &mut Vec<Placed>,
    cell: Placed,
) -> Result<(), Problem> {
    if cell.text.trim().is_empty() {
        return Ok(());
    }
    if *budget == 0 {
        let found = format!("more than {} cells in the sheets read", limits.sheet_cells);
        return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
    }
    *budget -= 1;
    cells.push(cell);
    Ok(())
}

/// A cell reference beyond XFD1048576 is a damaged file: Excel would not open it.
pub(super) fn check_place(name: &str, row: u32, col: u32) -> Result<(), Problem> {
    if row > LAST_ROW || col > LAST_COL {
        let found = format!("a cell at row {}, column {}", u64::from(row) + 1, u64::from(col) + 1);
        return Err(unreadable(name, Expected::WithinExcelGrid, &found));
    }
    Ok(())
}

/// The formulas of the sheet that have no value saved with them (by position, as `=FORMULA`), and a
/// warning that the saved values of the others are used.
fn formulas<R: Read + std::io::Seek>(
    name: &str,
    book: &mut Xlsx<R>,
    sheet: &str,
    limits: &Limits,
) -> Result<(FormulaCells, Vec<Problem>), XlsxError> {
    let mut reader = book.worksheet_cells_reader(sheet)?;
    let mut without_value = BTreeMap::new();
    let mut with_value: Option<((u32, u32), String)> = None;
    let mut cached = 0u64;
    let mut seen = 0u64;
    while let Some(cell) = reader.next_cell_with_formula()? {
        seen += 1;
        if seen > limits.sheet_cells {
            break;
        }
        let Some(formula) = cell.formula else { continue };
        let (row, col) = cell.pos;
        if row > LAST_ROW || col > LAST_COL {
            continue;
        }
        let mut shown: String = format!("={formula}");
        if shown.len() > limits.cell_bytes {
            shown.truncate(shown.floor_char_boundary(limits.cell_bytes));
        }
        if cell.value == DataRef::Empty {
            without_value.insert((row, col), shown);
        } else {
            cached += 1;
            with_value.get_or_insert(((row, col), shown));
        }
    }
    let mut problems = Vec::new();
    if let Some(((row, col), formula)) = with_value {
        let expected = Expected::TypedValues { cached, sheet: sheet.to_string() };
        let p = Problem::warning(Code::Formula, name, expected).at(row as usize + 1, Some(col as usize + 1), "formula");
        problems.push(p.found(&formula));
    }
    Ok((without_value, problems))
}

/// Groups cells into rows. A row's cells keep their spreadsheet column (A = 1) by empty cells before
/// them; those count against the sheet-cells limit too, since they take memory.
pub(super) fn into_rows(name: &str, sheet: &str, mut cells: Vec<Placed>, limits: &Limits) -> Result<Vec<Row>, Problem> {
    cells.sort_by_key(|c| (c.row, c.col));
    let mut rows: Vec<Row> = Vec::new();
    let mut spanned: u64 = 0;
    for cell in cells {
        if rows.last().is_none_or(|r| r.line != cell.row as usize + 1) {
            rows.push(Row { line: cell.row as usize + 1, cells: Cells::default() });
        }
        let Some(row) = rows.last_mut() else { continue };
        let col = cell.col as usize;
        spanned += (col + 1).saturating_sub(row.cells.len()) as u64;
        if spanned > limits.sheet_cells {
            let found = format!("rows of sheet {sheet:?} that span more than {} cells", limits.sheet_cells);
            return Err(too_large(name, Named("sheet-cells", limits.sheet_cells), &found));
        }
        while row.cells.len() < col {
            row.cells.push_field("");
        }
        row.cells.push_field(&cell.text);
    }
    Ok(rows)
}

/// Whether a number format shows the value as a percentage: a `%` outside quotes and escapes.
pub(super) fn is_percent(format: &str) -> bool {
    let (mut quoted, mut escaped) = (false, false);
    for c in format.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

pub(super) fn cell_text(cell: &DataRef, percent: bool) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Float(f) if percent => format!("{}%", shown(f * 100.0)),
        DataRef::Int(i) if percent => format!("{}%", i.saturating_mul(100)),
        DataRef::Float(f) => shown(*f),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => date_text(d.as_f64()),
        // A duration (time format): its serial number would read as a plain number.
        DataRef::DateTime(d) => format!("{} (a time)", shown(d.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}

/// An owned cell (.xls, .ods) as it is shown; see [`cell_text`].
fn data_text(cell: &Data, percent: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if percent => format!("{}%", shown(f * 100.0)),
        Data::Int(i) if percent => format!("{}%", i.saturating_mul(100)),
        Data::Float(f) => shown(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => date_text(d.as_f64()),
        Data::DateTime(d) => format!("{} (a time)", shown(d.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as Excel shows it: at most 15 significant digits, so a cell holding 0.1 + 0.2 reads 0.3
/// and `0.956 * 100` reads 95.6.
fn shown(v: f64) -> String {
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    if rounded != 0.0 && !(1e-9..1e15).contains(&rounded.abs()) {
        // 1e308 as three hundred digits would be shortened in a problem beyond recognition.
        return format!("{rounded:e}");
    }
    rounded.to_string()
}

/// An Excel date serial (days since 1899-12-30) as the date Excel shows, so a date-formatted cell is
/// read as a date, never as its serial number.
fn date_text(serial: f64) -> String {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return format!("{} (a date)", shown(serial));
    }
    // Days from 1970-01-01, then Howard Hinnant's civil-from-days.
    let days = serial.floor() as i64 - 25_569;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_they_are_shown() {
        assert_eq!(cell_text(&DataRef::Float(0.956), true), "95.6%");
        assert_eq!(cell_text(&DataRef::Float(0.956), false), "0.956");
        assert_eq!(cell_text(&DataRef::Int(1), true), "100%");
        assert_eq!(cell_text(&DataRef::Float(2023.0), false), "2023");
        assert_eq!(cell_text(&DataRef::Float(0.1 + 0.2), false), "0.3");
        assert_eq!(shown(0.07 * 100.0), "7");
        assert_eq!(shown(1e308), "1e308");
        assert_eq!(shown(-2.5e-12), "-2.5e-12");
    }

    #[test]
    fn dates_read_as_dates() {
        assert_eq!(date_text(45104.0), "2023-06-27");
        assert_eq!(date_text(44927.5), "2023-01-01");
        assert!(date_text(-3.0).contains("a date"));
    }

    #[test]
    fn percent_formats_are_told_from_quoted_percent_signs() {
        assert!(is_percent("0.0%"));
        assert!(!is_percent("0.0\"%\""));
        assert!(!is_percent("0.0\\%"));
    }

    #[test]
    fn the_active_tab_is_read_from_the_first_view() {
        let xml = br#"<workbook><bookViews><workbookView xWindow="0" activeTab="1"/></bookViews><sheets/></workbook>"#;
        assert_eq!(active_tab(xml), 1);
        assert_eq!(active_tab(b"<workbook><sheets/></workbook>"), 0);
        assert_eq!(active_tab(b"not xml <<<"), 0);
    }

    #[test]
    fn a_shared_strings_count_the_part_cannot_hold_is_refused() {
        let head = br#"<?xml version="1.0"?><sst uniqueCount="4294967295"><si><t>a</t></si></sst>"#;
        let p = check_unique_count("f.xlsx", head, head.len() as u64).unwrap_err();
        assert_eq!(p.code, Code::UnreadableFile);
        assert!(check_unique_count("f.xlsx", br#"<sst uniqueCount="1"><si><t>a</t></si></sst>"#, 40).is_ok());
    }
}
