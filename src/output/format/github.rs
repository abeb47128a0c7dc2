//! GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message` per problem, and a
//! notice when `--max-errors` left some out. The title is the stable code; the message follows `--lang`.

use std::io::Write;

use super::Style;
use crate::labels;
use crate::output::Content;

pub fn render(content: &Content, _style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    let problems = content.problems.as_deref().unwrap_or_default();
    for p in problems {
        let level = if p.is_error() { "error" } else { "warning" };
        let mut props = format!("file={}", escape_property(&p.file));
        if let Some(line) = p.line {
            props.push_str(&format!(",line={line}"));
        }
        if let Some(col) = p.column {
            props.push_str(&format!(",col={col}"));
        }
        props.push_str(&format!(",title={}", p.code.as_str()));
        writeln!(out, "::{level} {props}::{}", escape_data(&labels::annotation(p, content.lang)))?;
    }
    if content.problems_not_shown > 0 {
        let shown = problems.len();
        writeln!(out, "::notice::{}", labels::annotations_not_shown(content.problems_not_shown, shown, content.lang))?;
    }
    Ok(())
}

/// GitHub's escaping for the message part of a workflow command.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping for a property value.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
