//! Markdown: the heading as a title and lines, each sheet as a pipe table under its own heading,
//! ready to paste into a report.

use std::io::Write;

use super::Style;
use crate::output::{Align, Content, Sheet};

pub fn render(content: &Content, _style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut heading = content.heading.iter();
    if let Some(title) = heading.next() {
        writeln!(out, "# {}\n", escape(title))?;
    }
    for line in heading {
        writeln!(out, "{}  ", escape(line))?;
    }
    for sheet in &content.sheets {
        writeln!(out)?;
        if !sheet.title.is_empty() {
            writeln!(out, "## {}\n", escape(&sheet.title))?;
        }
        table(sheet, out)?;
        for note in &sheet.notes {
            writeln!(out, "\n{}", escape(note))?;
        }
    }
    for note in &content.notes {
        writeln!(out, "\n{}", escape(note))?;
    }
    Ok(())
}

fn table(sheet: &Sheet, out: &mut dyn Write) -> anyhow::Result<()> {
    let head: Vec<String> = sheet.columns.iter().map(|c| escape(&c.header())).collect();
    writeln!(out, "| {} |", head.join(" | "))?;
    let rule: Vec<&str> = sheet
        .columns
        .iter()
        .map(|c| match c.align {
            Align::Left => "---",
            Align::Right => "---:",
            Align::Center => ":---:",
        })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in &sheet.rows {
        let cells: Vec<String> =
            (0..sheet.columns.len()).map(|i| row.get(i).map_or(String::new(), |c| escape(&c.shown()))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Text that cannot break the table, open HTML, make a link or an image, or ping anyone: pipes and
/// brackets escaped (`![x](url)` and `[x](url)` stay text), `<` as an entity, line breaks as `<br>`,
/// and an `@` before a name followed by a zero-width space, so a PR comment built from data
/// mentions nobody.
fn escape(s: &str) -> String {
    let s = s
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>");
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '@' && chars.peek().is_some_and(|n| n.is_alphanumeric() || *n == '_' || *n == '-') {
            out.push('\u{200b}');
        }
    }
    out
}
