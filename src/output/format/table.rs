//! Tables for a person. On a terminal ([`Style::width`]) each table fits the width: comfy-table's
//! dynamic arrangement wraps the long-text columns (never inside a character, so Chinese is never
//! split), and a table that cannot fit with its text at a readable width is cut into bands of
//! columns, each repeating the key columns (the row's 序号 and status, or its area). Piped, each row is
//! one line, so `grep` finds it. Statuses are coloured only when [`Style::color`] says so.

use std::io::Write;

use comfy_table::{Cell as TableCell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Style;
use crate::evaluate::Status;
use crate::output::{Align, Cell, Content, Sheet};

pub fn render(content: &Content, style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    for line in &content.heading {
        write_wrapped(out, &visible(line), style.width)?;
    }
    // A blank line between blocks, none before the first.
    let mut started = !content.heading.is_empty();
    for sheet in &content.sheets {
        if started {
            writeln!(out)?;
        }
        started = true;
        if !sheet.title.is_empty() {
            writeln!(out, "{}", visible(&sheet.title))?;
        }
        for mut table in tables(sheet, style) {
            if style.color {
                table.enforce_styling();
            }
            writeln!(out, "{table}")?;
        }
        for note in &sheet.notes {
            write_wrapped(out, &visible(note), style.width)?;
        }
    }
    for note in &content.notes {
        write_wrapped(out, &visible(note), style.width)?;
    }
    Ok(())
}

/// Text for a terminal or a CI log: every character that would not show as itself (ESC, a newline, a
/// bidirectional override) as its mark `\u{1b}`, and a leading `::` broken, so catalogue text (an
/// indicator's name, a unit) can neither set the terminal's title nor forge a workflow command. Text
/// already escaped (the problems, file names) holds none of them and is left as it is.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let command = text.trim_start().starts_with("::");
    if !command && !text.contains(crate::problem::is_hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut first_colon = command;
    for c in text.chars() {
        match c {
            ':' if first_colon => {
                out.push_str("\\u{3a}");
                first_colon = false;
            }
            c if crate::problem::is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A line of text, broken to the terminal's width (by display width, between characters, at a space
/// where there is one); unbroken when piped.
fn write_wrapped(out: &mut dyn Write, line: &str, width: Option<u16>) -> std::io::Result<()> {
    let Some(width) = width.map(usize::from).filter(|&w| w >= 10) else { return writeln!(out, "{line}") };
    for piece in wrap(line, width) {
        writeln!(out, "{}", piece.trim_end_matches([' ', '\u{3000}']))?;
    }
    Ok(())
}

/// `line` in pieces no wider than `width` columns, a wide character counting two.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for ch in line.chars() {
        if current.width() + ch.width().unwrap_or(0) > width {
            // Break at the last space (or ideographic space) when it is near, else between characters.
            let carry = match current.char_indices().rev().find(|(_, c)| *c == ' ' || *c == '\u{3000}') {
                Some((at, c)) if at > 0 && current[at..].width() < width / 3 => current.split_off(at + c.len_utf8()),
                _ => String::new(),
            };
            pieces.push(std::mem::replace(&mut current, carry));
        }
        current.push(ch);
    }
    pieces.push(current);
    pieces
}

/// The sheet as one table, or as several bands of its columns when the terminal is too narrow for
/// its long-text columns to be wrapped at a readable width; every band keeps the key columns, and
/// the columns keep their order.
pub fn tables(sheet: &Sheet, style: &Style) -> Vec<Table> {
    let all: Vec<usize> = (0..sheet.columns.len()).collect();
    let Some(width) = style.width.map(usize::from) else { return vec![table(sheet, &all, None, &[])] };
    let natural = natural_widths(sheet);
    let fits = |cols: &[usize], floor: usize| {
        let least = least_widths(sheet, &natural, floor);
        cols.iter().map(|&c| least[c] + 1 + padding(sheet, c) * 2).sum::<usize>() < width
    };
    if let Some(&floor) = WRAP_FLOORS.iter().find(|&&f| fits(&all, f)) {
        return vec![table(sheet, &all, Some(width), &least_widths(sheet, &natural, floor))];
    }
    // Cut into bands, a table can give its text columns room again.
    let floor = WRAP_FLOORS[0];
    let keys: Vec<usize> = all.iter().copied().filter(|&c| sheet.columns[c].key).collect();
    let with_keys = |band: &[usize]| {
        let mut cols: Vec<usize> = keys.iter().chain(band).copied().collect();
        cols.sort_unstable();
        cols
    };
    let mut bands: Vec<Vec<usize>> = Vec::new();
    let mut band: Vec<usize> = Vec::new();
    for c in all.iter().copied().filter(|c| !keys.contains(c)) {
        band.push(c);
        if band.len() > 1 && !fits(&with_keys(&band), floor) {
            band.pop();
            bands.push(std::mem::replace(&mut band, vec![c]));
        }
    }
    bands.push(band);
    let least = least_widths(sheet, &natural, floor);
    bands.iter().map(|band| table(sheet, &with_keys(band), Some(width), &least)).collect()
}

/// How narrow a long-text column may get before the table is cut into bands instead: generous when
/// the terminal allows, never below four Chinese characters.
const WRAP_FLOORS: [usize; 4] = [16, 12, 10, 8];

/// Spaces either side of a cell on a terminal: none for a column of centred symbols, so a matrix
/// stays narrow.
fn padding(sheet: &Sheet, c: usize) -> usize {
    if sheet.columns[c].align == Align::Center { 0 } else { 1 }
}

/// Each column's widest line, header included.
fn natural_widths(sheet: &Sheet) -> Vec<usize> {
    let widest = |s: String| s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
    sheet
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let cells = sheet.rows.iter().map(|r| widest(r.get(i).map_or(String::new(), Cell::shown)));
            cells.chain(std::iter::once(widest(col.header()))).max().unwrap_or(0)
        })
        .collect()
}

/// What each column gets at least: all of its text if it does not wrap, else `floor` (or less when
/// its text is shorter), and never less than its header, so no header is broken.
fn least_widths(sheet: &Sheet, natural: &[usize], floor: usize) -> Vec<usize> {
    sheet
        .columns
        .iter()
        .zip(natural)
        .map(|(col, &n)| if col.wrap { n.min(floor.max(col.header().width())) } else { n })
        .collect()
}

fn table(sheet: &Sheet, cols: &[usize], width: Option<usize>, least: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).force_no_tty();
    t.set_header(cols.iter().map(|&c| visible(&sheet.columns[c].header()).into_owned()).collect::<Vec<_>>());
    for row in &sheet.rows {
        t.add_row(cols.iter().map(|&c| cell(sheet, row, c)).collect::<Vec<_>>());
    }
    for (i, &c) in cols.iter().enumerate() {
        if width.is_some()
            && padding(sheet, c) == 0
            && let Some(column) = t.column_mut(i)
        {
            column.set_padding((0, 0));
        }
    }
    let Some(width) = width else {
        t.set_content_arrangement(ContentArrangement::Disabled);
        return t;
    };
    t.set_width(u16::try_from(width).unwrap_or(u16::MAX)).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_constraints(cols.iter().map(|&c| {
        // comfy-table counts the padding in a column's width.
        let least = u16::try_from(least[c] + padding(sheet, c) * 2).unwrap_or(u16::MAX);
        if sheet.columns[c].wrap {
            ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(least))
        } else {
            ColumnConstraint::ContentWidth
        }
    }));
    t
}

fn cell(sheet: &Sheet, row: &[Cell], c: usize) -> TableCell {
    let value = row.get(c).unwrap_or(&Cell::Empty);
    let align = match sheet.columns[c].align {
        Align::Left => CellAlignment::Left,
        Align::Right => CellAlignment::Right,
        Align::Center => CellAlignment::Center,
    };
    let mut out = TableCell::new(visible(&value.shown())).set_alignment(align);
    if let Cell::Status { status, .. } = value
        && let Some(color) = color(*status)
    {
        out = out.fg(color);
    }
    out
}

/// Green for what is met or on course, yellow for lagging, red for failing or regressing.
pub fn color(status: Status) -> Option<Color> {
    match status {
        Status::Pass | Status::Achieved | Status::Held | Status::OnTrack => Some(Color::Green),
        Status::Lagging => Some(Color::Yellow),
        Status::Fail | Status::Regressing => Some(Color::Red),
        Status::Pending => Some(Color::Cyan),
        Status::Missing => Some(Color::DarkGrey),
        Status::NotApplicable => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Column;

    #[test]
    fn lines_wrap_between_characters_and_at_spaces() {
        let pieces = wrap("图例： ✓ 达标  ✗ 未达标  ◎ 提前实现  ○ 符合序时进度", 16);
        assert!(pieces.iter().all(|p| p.width() <= 16), "{pieces:?}");
        assert_eq!(pieces.concat(), "图例： ✓ 达标  ✗ 未达标  ◎ 提前实现  ○ 符合序时进度");
        assert_eq!(wrap("中文中文中", 5), ["中文", "中文", "中"]);
    }

    fn sheet(columns: usize) -> Sheet {
        let mut cols = vec![Column::text("地区").key()];
        cols.extend((1..columns).map(|i| Column::text(format!("{i}a")).centered()));
        let row: Vec<Cell> = std::iter::once(Cell::text("泉州台商投资区"))
            .chain((1..columns).map(|_| Cell::Status { status: Status::Lagging, text: "△".into() }))
            .collect();
        Sheet { columns: cols, rows: vec![row], ..Sheet::default() }
    }

    #[test]
    fn a_table_too_wide_for_the_terminal_is_cut_into_bands_that_repeat_the_key_column() {
        let style = Style { width: Some(40), ..Style::default() };
        let bands = tables(&sheet(30), &style);
        assert!(bands.len() > 1);
        for band in &bands {
            let text = band.to_string();
            assert!(text.lines().all(|l| l.width() <= 40), "{text}");
            assert!(text.contains("泉州台商投资区"), "the key column in every band:\n{text}");
        }
        assert_eq!(tables(&sheet(30), &Style::default()).len(), 1, "piped: one table, one line per row");
        assert_eq!(tables(&sheet(3), &style).len(), 1, "a table that fits stays whole");
    }
}
