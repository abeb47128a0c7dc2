//! Tables for a person. On a terminal ([`Style::width`]) each table fits the width: comfy-table's
//! dynamic arrangement wraps the long-text columns (never inside a character, so Chinese is never
//! split), and a table whose narrow columns alone are wider than the terminal is cut into bands of
//! columns, each repeating the key column (the row's name). Piped, each row is one line, so `grep`
//! finds it. Statuses are coloured only when [`Style::color`] says so.

use std::io::Write;

use comfy_table::{Cell as TableCell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets};

use super::Style;
use crate::evaluate::Status;
use crate::report::{Align, Cell, Content, Sheet};

/// The narrowest a wrapped column gets: three Chinese characters.
const MIN_WRAPPED: u16 = 6;

pub fn render(content: &Content, style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    for line in &content.heading {
        writeln!(out, "{line}")?;
    }
    // A blank line between blocks, none before the first.
    let mut started = !content.heading.is_empty();
    for sheet in &content.sheets {
        if started {
            writeln!(out)?;
        }
        started = true;
        if !sheet.title.is_empty() {
            writeln!(out, "{}", sheet.title)?;
        }
        for table in tables(sheet, style) {
            writeln!(out, "{table}")?;
        }
        for note in &sheet.notes {
            writeln!(out, "{note}")?;
        }
    }
    for note in &content.notes {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

/// The sheet as one table, or as several bands of its columns when the terminal is too narrow.
pub fn tables(sheet: &Sheet, style: &Style) -> Vec<Table> {
    let all: Vec<usize> = (0..sheet.columns.len()).collect();
    let Some(width) = style.width else { return vec![table(sheet, &all, style)] };
    let needs = min_widths(sheet);
    let total = |cols: &[usize]| cols.iter().map(|&c| needs[c] + 3).sum::<usize>() + 1;
    if total(&all) <= usize::from(width) {
        return vec![table(sheet, &all, style)];
    }
    let keys: Vec<usize> = all.iter().copied().filter(|&c| sheet.columns[c].key).collect();
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut band = keys.clone();
    for c in all.into_iter().filter(|c| !keys.contains(c)) {
        band.push(c);
        if total(&band) > usize::from(width) && band.len() > keys.len() + 1 {
            band.pop();
            bands.push(std::mem::replace(&mut band, keys.clone()));
            band.push(c);
        }
    }
    bands.push(band);
    bands.iter().map(|cols| table(sheet, cols, style)).collect()
}

/// What each column needs at least: its widest cell if it does not wrap, else a few characters.
fn min_widths(sheet: &Sheet) -> Vec<usize> {
    sheet
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let widest = std::iter::once(col.header())
                .chain(sheet.rows.iter().map(|r| r.get(i).map_or(String::new(), Cell::shown)))
                .map(|s| s.lines().map(unicode_width::UnicodeWidthStr::width).max().unwrap_or(0))
                .max()
                .unwrap_or(0);
            if col.wrap { widest.min(usize::from(MIN_WRAPPED)) } else { widest }
        })
        .collect()
}

fn table(sheet: &Sheet, cols: &[usize], style: &Style) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_header(cols.iter().map(|&c| sheet.columns[c].header()).collect::<Vec<_>>());
    for row in &sheet.rows {
        t.add_row(cols.iter().map(|&c| cell(sheet, row, c, style)).collect::<Vec<_>>());
    }
    match style.width {
        Some(width) => {
            t.set_width(width).set_content_arrangement(ContentArrangement::Dynamic);
            let constraints = cols.iter().map(|&c| {
                if sheet.columns[c].wrap {
                    ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(MIN_WRAPPED))
                } else {
                    ColumnConstraint::ContentWidth
                }
            });
            t.set_constraints(constraints);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t
}

fn cell(sheet: &Sheet, row: &[Cell], c: usize, style: &Style) -> TableCell {
    let value = row.get(c).unwrap_or(&Cell::Empty);
    let align = match sheet.columns[c].align {
        Align::Left => CellAlignment::Left,
        Align::Right => CellAlignment::Right,
        Align::Center => CellAlignment::Center,
    };
    let mut out = TableCell::new(value.shown()).set_alignment(align);
    if let (true, Cell::Status { status, .. }) = (style.color, value)
        && let Some(color) = color(*status)
    {
        out = out.fg(color);
    }
    out
}

/// Green for what is met or on course, yellow for lagging, red for failing or regressing.
pub fn color(status: Status) -> Option<Color> {
    match status {
        Status::Pass | Status::Achieved | Status::OnTrack => Some(Color::Green),
        Status::Lagging => Some(Color::Yellow),
        Status::Fail | Status::Regressing => Some(Color::Red),
        Status::Pending => Some(Color::Cyan),
        Status::Missing => Some(Color::DarkGrey),
        Status::NotApplicable => None,
    }
}
