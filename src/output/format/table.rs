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
        if style.width.is_none() && sheet.rows.len() > CHUNK_ROWS {
            write_in_chunks(sheet, style, out)?;
        } else {
            for mut table in tables(sheet, style) {
                if style.color {
                    table.enforce_styling();
                }
                writeln!(out, "{table}")?;
            }
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

/// How many rows a long piped table is built of at a time ([`write_in_chunks`]).
const CHUNK_ROWS: usize = 256;

/// A piped table (one line a row, its columns as wide as their widest cell) written a few hundred rows
/// at a time, byte for byte as the whole table would be, so that a table of thousands of areas is
/// never held whole (comfy-table keeps each cell's text, lines and style, several times the text).
/// The columns' widths come from a first pass over the rows, measured as comfy-table measures them;
/// then each chunk is built with those widths and its rows written, with the top border and header of
/// the first and the bottom border of the last.
fn write_in_chunks(sheet: &Sheet, style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    let cols: Vec<usize> = (0..sheet.columns.len()).collect();
    let chunk = |rows: &[Vec<Cell>]| {
        let part = Sheet { columns: sheet.columns.clone(), rows: Vec::new(), ..Sheet::default() };
        let mut t = build(&part, &cols, None, &[], None);
        for row in rows {
            t.add_row(cols.iter().map(|&c| cell(sheet, row, c, None)).collect::<Vec<_>>());
        }
        t
    };
    // Each column's widest line, as comfy-table measures a cell (its text split at line breaks, each
    // line's display width, at least 1), header included.
    let widest = |text: &str| text.split('\n').map(UnicodeWidthStr::width).max().unwrap_or(0).max(1);
    let mut widths: Vec<usize> = cols.iter().map(|&c| widest(&visible(&sheet.columns[c].header()))).collect();
    for row in &sheet.rows {
        for (w, &c) in widths.iter_mut().zip(&cols) {
            *w = (*w).max(widest(&visible(&row.get(c).unwrap_or(&Cell::Empty).shown())));
        }
    }
    let chunks = sheet.rows.len().div_ceil(CHUNK_ROWS);
    for (no, rows) in sheet.rows.chunks(CHUNK_ROWS).enumerate() {
        let mut t = chunk(rows);
        // The padding (one space either side, as `build` leaves it piped) counts in the width.
        t.set_constraints(
            widths.iter().map(|&w| {
                ColumnConstraint::Absolute(comfy_table::Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)))
            }),
        );
        if style.color {
            t.enforce_styling();
        }
        let mut lines = t.lines().peekable();
        if no > 0 {
            // The top border and header, already written with the first chunk, down to the line under it.
            for line in lines.by_ref() {
                if line.starts_with('╞') {
                    break;
                }
            }
        }
        while let Some(line) = lines.next() {
            if lines.peek().is_none() && no + 1 < chunks {
                break; // the bottom border, written once, after the last chunk
            }
            writeln!(out, "{line}")?;
        }
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

/// `line` in pieces no wider than `width` columns (trailing spaces aside), a wide character counting two,
/// broken only where [`may_break`] allows: never inside a figure (`19.5`, `≥58.7`, `1.4%`), never before
/// closing punctuation nor after opening punctuation (避头尾). A piece that cannot be broken so is cut
/// between characters only when it alone is wider than `width`.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    let shown = |s: &str| s.trim_end_matches([' ', '\u{3000}']).width();
    let mut pieces = Vec::new();
    let mut current = String::new();
    for unit in units(line) {
        // Spaces stay at the end of the line they follow; they need no room there.
        if shown(unit) > 0 && shown(&current) > 0 && current.width() + shown(unit) > width {
            pieces.push(std::mem::take(&mut current));
        }
        if shown(unit) > width {
            // Wider than a whole line: cut between characters, the last part carried on.
            for ch in unit.chars() {
                if !current.is_empty() && current.width() + ch.width().unwrap_or(0) > width {
                    pieces.push(std::mem::take(&mut current));
                }
                current.push(ch);
            }
        } else {
            current.push_str(unit);
        }
    }
    pieces.push(current);
    pieces
}

/// `text` cut at every place a line may break ([`may_break`]); the pieces joined are `text`.
pub fn units(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        if let Some(p) = prev
            && may_break(p, c)
        {
            out.push(&text[start..at]);
            start = at;
        }
        prev = Some(c);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Whether a line may break between `a` and `b`: after a space, between two Chinese characters, between a
/// figure and the word beside it — but not inside a figure or a Latin word (two characters of
/// [`is_tight`] side by side), not before closing punctuation (`）`, `，`, `%`) nor after opening
/// punctuation (`（`, `“`), and not beside a word joiner or a no-break space.
pub fn may_break(a: char, b: char) -> bool {
    const GLUE: [char; 3] = ['\u{2060}', '\u{a0}', '\u{202f}'];
    if GLUE.contains(&a) || GLUE.contains(&b) || is_space(b) {
        return false;
    }
    if is_space(a) {
        return true;
    }
    // A figure and the bracket that opens after it (`58.7（≥58.7）`) stay together too: LibreOffice and
    // Word do not break there, so a cell narrower than both would be broken inside the figure.
    !(is_closing(b) || is_opening(a) || (is_tight(a) && (is_tight(b) || is_opening(b))))
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// A character of a figure or a Latin word: ASCII letters, digits and signs, and the signs of comparison
/// and units that stand next to a number (`≥`, `≤`, `±`, `‰`, `℃`, `²`).
pub fn is_tight(c: char) -> bool {
    c.is_ascii_graphic() || "≥≤＞＜±‰℃°²³×～−·μ".contains(c)
}

/// Punctuation that never starts a line (行首禁则).
pub fn is_closing(c: char) -> bool {
    "）】」』》〉〕］｝〗，。、；：！？％”’…·)]},.;:!?%".contains(c)
}

/// Punctuation that never ends a line (行尾禁则).
pub fn is_opening(c: char) -> bool {
    "（【「『《〈〔［｛〖“‘([{".contains(c)
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
    let t = build(sheet, cols, width, least, None);
    let Some(width) = width else { return t };
    // comfy-table breaks a long cell between any two characters ("差1" / ".4", "（≥19" / ".5）"): its
    // arrangement gives each column its width, and the cells that do not fit are broken here, at the
    // places a line may break ([`wrap`]), into a table whose columns keep those widths.
    let Some(arranged) = arranged_widths(&t).filter(|w| w.len() == cols.len()) else { return t };
    let room: Vec<usize> =
        cols.iter().zip(&arranged).map(|(&c, &w)| w.saturating_sub(padding(sheet, c) * 2).max(1)).collect();
    let too_wide = |text: String, room: usize| text.lines().any(|l| l.width() > room);
    let wraps =
        sheet.rows.iter().any(|row| {
            cols.iter().zip(&room).any(|(&c, &r)| too_wide(row.get(c).map_or(String::new(), Cell::shown), r))
        }) || cols.iter().zip(&room).any(|(&c, &r)| too_wide(sheet.columns[c].header(), r));
    if !wraps {
        return t;
    }
    let mut t = build(sheet, cols, Some(width), least, Some(&room));
    t.set_constraints(
        arranged
            .iter()
            .map(|&w| ColumnConstraint::Absolute(comfy_table::Width::Fixed(u16::try_from(w).unwrap_or(u16::MAX)))),
    );
    t
}

/// Each column's width (padding included) as comfy-table arranged it: the runs of its top border.
fn arranged_widths(t: &Table) -> Option<Vec<usize>> {
    let top = t.lines().next()?;
    let inner = top.strip_prefix('┌')?.strip_suffix('┐')?;
    Some(inner.split('┬').map(|run| run.chars().count()).collect())
}

/// A cell's text broken into lines of at most `room` columns at the places a line may break.
fn broken(text: &str, room: Option<usize>) -> String {
    let Some(room) = room else { return text.to_string() };
    let mut lines = Vec::new();
    for line in text.lines() {
        lines.extend(wrap(line, room).into_iter().map(|p| p.trim_end_matches([' ', '\u{3000}']).to_string()));
    }
    lines.join("\n")
}

fn build(sheet: &Sheet, cols: &[usize], width: Option<usize>, least: &[usize], room: Option<&[usize]>) -> Table {
    let room_of = |i: usize| room.and_then(|r| r.get(i).copied());
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).force_no_tty();
    t.set_header(
        cols.iter()
            .enumerate()
            .map(|(i, &c)| broken(&visible(&sheet.columns[c].header()), room_of(i)))
            .collect::<Vec<_>>(),
    );
    for row in &sheet.rows {
        t.add_row(cols.iter().enumerate().map(|(i, &c)| cell(sheet, row, c, room_of(i))).collect::<Vec<_>>());
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

fn cell(sheet: &Sheet, row: &[Cell], c: usize, room: Option<usize>) -> TableCell {
    let value = row.get(c).unwrap_or(&Cell::Empty);
    let align = match sheet.columns[c].align {
        Align::Left => CellAlignment::Left,
        Align::Right => CellAlignment::Right,
        Align::Center => CellAlignment::Center,
    };
    let mut out = TableCell::new(broken(&visible(&value.shown()), room)).set_alignment(align);
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
        assert!(pieces.iter().all(|p| p.trim_end().width() <= 16), "{pieces:?}");
        assert_eq!(pieces.concat(), "图例： ✓ 达标  ✗ 未达标  ◎ 提前实现  ○ 符合序时进度");
        assert_eq!(wrap("中文中文中", 5), ["中文", "中文", "中"]);
    }

    #[test]
    fn figures_are_never_split_and_closing_punctuation_never_starts_a_line() {
        let text = "本期值19.5（≥19.5），距目标差1.4个百分点；基准25.81%（2020年）";
        // The widest piece that may not be broken, "19.5（≥19.5），", takes 15 columns.
        assert_eq!(units(text).iter().map(|u| u.width()).max(), Some(15));
        for width in 15..40 {
            let pieces = wrap(text, width);
            assert_eq!(pieces.concat(), text);
            for p in &pieces {
                assert!(p.width() <= width, "{width}: {pieces:?}");
                assert!(!p.starts_with(is_closing), "{width}: {pieces:?}");
                assert!(!p.ends_with(is_opening), "{width}: {pieces:?}");
            }
            for figure in ["19.5", "≥19.5", "1.4", "25.81%"] {
                assert!(pieces.iter().any(|p| p.contains(figure)), "{width}: {figure} split in {pieces:?}");
            }
        }
        assert_eq!(units("差1.4（≥2）与（3）"), ["差", "1.4（≥2）", "与", "（3）"]);
        // Narrower than a piece that may not be broken, the piece is cut, and no line is wider.
        assert!(wrap(text, 6).iter().all(|p| p.width() <= 6));
        assert_eq!(units("a b"), ["a ", "b"]);
    }

    fn sheet(columns: usize) -> Sheet {
        let mut cols = vec![Column::text("地区").key()];
        cols.extend((1..columns).map(|i| Column::text(format!("{i}a")).centered()));
        let row: Vec<Cell> = std::iter::once(Cell::text("泉州台商投资区"))
            .chain((1..columns).map(|_| Cell::Status { status: Status::Lagging, text: "△".into() }))
            .collect();
        Sheet { columns: cols, rows: vec![row], ..Sheet::default() }
    }

    /// A long piped table written in chunks is byte for byte the table built whole: columns as wide
    /// as a cell in any chunk (the widest here in the last), lines of several-line cells, wide
    /// characters, escaped text, empty and short rows, with and without colour.
    #[test]
    fn a_long_table_written_in_chunks_is_the_whole_table() {
        let columns = vec![
            Column::text("地区").key(),
            Column::number("值"),
            Column::text("状态").centered(),
            Column::wrapping("说明"),
        ];
        let rows: Vec<Vec<Cell>> = (0..CHUNK_ROWS * 2 + 37)
            .map(|i| {
                let mut row = vec![
                    Cell::text(format!("样例县{i:04}")),
                    Cell::text("1".repeat(1 + i % 7)),
                    Cell::Status { status: Status::Lagging, text: "△".into() },
                    Cell::text(match i % 5 {
                        0 => "两行\n第二行更长一些".to_string(),
                        1 => "esc \u{1b}[31m".to_string(),
                        2 => String::new(),
                        _ => "x".repeat(i / 40),
                    }),
                ];
                if i % 11 == 0 {
                    row.truncate(2);
                }
                row
            })
            .collect();
        let sheet = Sheet { columns, rows, ..Sheet::default() };
        for color in [false, true] {
            let style = Style { color, ..Style::default() };
            let mut whole = String::new();
            for mut t in tables(&sheet, &style) {
                if color {
                    t.enforce_styling();
                }
                whole.push_str(&format!("{t}\n"));
            }
            let mut chunked = Vec::new();
            write_in_chunks(&sheet, &style, &mut chunked).unwrap();
            assert_eq!(String::from_utf8(chunked).unwrap(), whole, "colour {color}");
        }
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
