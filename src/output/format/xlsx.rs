//! An Excel workbook: one worksheet per sheet of the content, numbers stored as numbers (shares as
//! percentages), units in the headers, statuses coloured, the header row frozen and columns as wide as
//! their text (a Chinese character counts two). The heading and notes go on a last sheet (说明 / about).
//! Rows are written in order in rust_xlsxwriter's constant-memory mode, so a large sheet is not held cell
//! by cell.
//!
//! Each sheet prints as a table does: A4 landscape, fitted to the page's width (as many pages down as it
//! takes), the header row repeated on every page, page numbers in the footer; numbers show the decimals the
//! table shows (at most two, as many as the column's values need) while the cell keeps the full value.

use std::io::Write;

use anyhow::Context as _;
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::Style;
use crate::evaluate::Status;
use crate::output::{Align, Cell, Content, Sheet};

pub fn render(content: &Content, _style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut book = Workbook::new();
    let mut names: Vec<String> = Vec::new();
    for sheet in &content.sheets {
        let name = unique_name(&sheet.name, &names);
        // Constant-memory mode: each row goes to a temporary file as it is written, not into a table
        // of every cell (an areas × indicators matrix of 38,000 areas).
        let ws = book.add_worksheet_with_constant_memory().context("cannot build the workbook")?;
        write_sheet(ws, sheet, &name, content.lang).context("cannot lay out the workbook")?;
        names.push(name);
    }
    let about: Vec<&String> = content.heading.iter().chain(&content.notes).collect();
    if !about.is_empty() {
        let name = unique_name(crate::labels::word(crate::labels::Word::TemplateAbout, content.lang), &names);
        let ws = book.add_worksheet();
        ws.set_name(&name).context("cannot lay out the workbook")?;
        for (r, line) in about.iter().enumerate() {
            ws.write_string(row(r), 0, fit(line)).context("cannot lay out the workbook")?;
        }
        ws.set_paper_size(9).set_print_fit_to_pages(1, 0);
    }
    let bytes = book.save_to_buffer().context("cannot build the workbook")?;
    out.write_all(&bytes)?;
    Ok(())
}

/// The most characters Excel holds in a cell.
pub const CELL_CHARS: usize = 32_767;

/// Text cut to what a cell holds, saying so: a longer text made the writer fail with an error naming
/// no field. The cut text ends with `…[cut: N characters in all]`.
pub fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units; a character outside the BMP takes two.
    let units: usize = text.chars().map(char::len_utf16).sum();
    if units <= CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let total = text.chars().count();
    let mark = format!("…[cut: {total} characters in all]");
    let room = CELL_CHARS - mark.chars().map(char::len_utf16).sum::<usize>();
    let mut kept = String::with_capacity(room * 3);
    let mut used = 0;
    for c in text.chars() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        kept.push(c);
    }
    kept.push_str(&mark);
    std::borrow::Cow::Owned(kept)
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn unique_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let clean = if clean.trim().is_empty() { "sheet".to_string() } else { clean };
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{clean} {n}");
        n += 1;
    }
    name
}

/// The printed page: A4 landscape, one page wide, the header row on every page, centred, page numbers.
fn page_setup(ws: &mut Worksheet, lang: crate::Lang) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0).set_print_center_horizontally(true);
    ws.set_footer(crate::labels::sheet_footer(lang));
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The number format of column `c`: as many decimals as the table shows of its values, at most two
/// ([`crate::labels::two`]): `0`, `0.0` or `0.00`.
fn number_format(sheet: &Sheet, c: usize) -> &'static str {
    let decimals = sheet
        .rows
        .iter()
        .filter_map(|r| match r.get(c) {
            Some(Cell::Number(n)) => Some(crate::labels::two(*n)),
            _ => None,
        })
        .map(|shown| shown.split_once('.').map_or(0, |(_, d)| d.len()))
        .max()
        .unwrap_or(0);
    match decimals {
        0 => "0",
        1 => "0.0",
        _ => "0.00",
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, name: &str, lang: crate::Lang) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let head = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7)).set_text_wrap();
    for (c, column) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(0, col(c), fit(&column.header()), &head)?;
    }
    let formats: Vec<&'static str> = (0..sheet.columns.len()).map(|c| number_format(sheet, c)).collect();
    for (r, cells) in sheet.rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let align = sheet.columns.get(c).map_or(Align::Left, |col| col.align);
            write_cell(ws, row(r + 1), col(c), cell, align, formats.get(c).copied().unwrap_or("General"))?;
        }
    }
    page_setup(ws, lang)?;
    ws.set_freeze_panes(1, 0)?;
    for (c, column) in sheet.columns.iter().enumerate() {
        let widest = std::iter::once(column.header())
            .chain(sheet.rows.iter().filter_map(|r| r.get(c)).map(Cell::shown))
            .map(|s| s.width())
            .max()
            .unwrap_or(4);
        // Excel's width unit is about one Latin character; long text wraps at 60.
        ws.set_column_width(col(c), (widest as f64 + 2.0).clamp(4.0, 60.0))?;
        if widest > 58 {
            ws.set_column_format(col(c), &Format::new().set_text_wrap())?;
        }
    }
    Ok(())
}

fn write_cell(ws: &mut Worksheet, r: u32, c: u16, cell: &Cell, align: Align, number: &str) -> Result<(), XlsxError> {
    let base = match align {
        Align::Center => Format::new().set_align(rust_xlsxwriter::FormatAlign::Center),
        _ => Format::new(),
    };
    match cell {
        Cell::Empty | Cell::Missing => {}
        Cell::Text(s) => {
            ws.write_string_with_format(r, c, fit(s), &base)?;
        }
        Cell::Number(n) => {
            ws.write_number_with_format(r, c, *n, &base.set_num_format(number))?;
        }
        Cell::Percent(p) => {
            ws.write_number_with_format(r, c, *p, &base.set_num_format("0%"))?;
        }
        Cell::Status { status, text } => {
            ws.write_string_with_format(r, c, fit(text.as_ref()), &base.set_background_color(fill(*status)))?;
        }
    }
    Ok(())
}

/// The status fills: green met or on course, amber lagging, red failing, blue pending, grey missing.
pub fn fill(status: Status) -> Color {
    match status {
        Status::Pass | Status::Achieved | Status::Held | Status::OnTrack => Color::RGB(0xC6EFCE),
        Status::Lagging => Color::RGB(0xFFEB9C),
        Status::Fail | Status::Regressing => Color::RGB(0xFFC7CE),
        Status::Pending => Color::RGB(0xDDEBF7),
        Status::Missing | Status::NotApplicable => Color::RGB(0xEEEEEE),
    }
}

fn row(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// A column number as the workbook counts them; no sheet here has 65 536 columns.
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
