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

/// Text that cannot break the table or open HTML: pipes escaped, `<` as an entity, line breaks as `<br>`.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}
