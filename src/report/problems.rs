//! Problem lists: as text (a table and an accounting line per file), as JSON, and as GitHub Actions
//! annotations.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::load::{Accounting, Dataset, Omitted};
use crate::problem::{Problem, Severity, escape};

/// One line per problem, as `eval` prints them before stopping.
pub fn render_text(problems: &[Problem], max: Option<usize>) -> String {
    problems.iter().take(max.unwrap_or(usize::MAX)).map(|p| format!("{p}\n")).collect()
}

/// Problems past the problems-per-code limit, as `validate` and `eval` say them: one line per file and
/// code with the count.
pub fn omitted_lines(omitted: &[Omitted]) -> Vec<String> {
    omitted
        .iter()
        .map(|o| {
            let level = if o.severity == Severity::Error { "error" } else { "warning" };
            format!(
                "{}: … and {} more {level}(s) [{}] not kept (only the first of each code are; --limit problems-per-code=N)",
                escape(&o.file),
                o.count,
                o.code.as_str()
            )
        })
        .collect()
}

/// `validate`'s text output: a table of problems, then one accounting line per file.
pub fn render_validate_text(data: &Dataset, max: Option<usize>, out: &mut dyn Write) -> anyhow::Result<()> {
    let shown = max.unwrap_or(usize::MAX).min(data.problems.len());
    if shown > 0 {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
        t.set_header(vec!["file", "line", "col", "level", "code", "field", "found", "expected"]);
        for p in &data.problems[..shown] {
            let expected = match &p.suggestion {
                Some(s) => format!("{} (did you mean {}?)", escape(&p.expected), escape(s)),
                None => escape(&p.expected).into_owned(),
            };
            let text = |t: &Option<String>| t.as_deref().map_or(String::new(), |t| escape(t).into_owned());
            t.add_row(vec![
                escape(&p.file).into_owned(),
                p.line.map_or(String::new(), |l| l.to_string()),
                p.column.map_or(String::new(), |c| c.to_string()),
                if p.severity == Severity::Error { "error" } else { "warning" }.to_string(),
                p.code.as_str().to_string(),
                text(&p.field),
                text(&p.found),
                expected,
            ]);
        }
        writeln!(out, "{t}")?;
    }
    if let Some(not_shown) = max.map(|_| not_shown(data, shown)).filter(|&n| n > 0) {
        writeln!(out, "… {not_shown} more problem(s) not shown (--max-errors {shown})")?;
    } else {
        for line in omitted_lines(&data.omitted) {
            writeln!(out, "{line}")?;
        }
    }
    for a in &data.accounting {
        writeln!(out, "{}", accounting_line(a))?;
    }
    let (errors, warnings) = data.counts();
    let verdict = if errors == 0 { "valid" } else { "invalid" };
    writeln!(out, "{verdict}: {errors} error(s), {warnings} warning(s)")?;
    Ok(())
}

/// Problems neither shown nor kept.
fn not_shown(data: &Dataset, shown: usize) -> usize {
    let (errors, warnings) = data.counts();
    errors + warnings - shown
}

fn accounting_line(a: &Accounting) -> String {
    format!(
        "{}: {} rows read = {} accepted + {} rejected ({}, {})",
        escape(&a.file),
        a.rows_read,
        a.rows_accepted,
        a.rows_rejected,
        a.shape,
        a.encoding
    )
}

#[derive(Serialize)]
struct ValidateDocument<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    files: &'a [Accounting],
    problems: &'a [Problem],
    /// Problems left out by `--max-errors` or the problems-per-code limit (the counts above still
    /// include them).
    not_shown: usize,
    /// The problems past the problems-per-code limit (or `--max-errors`), counted by file and code.
    omitted: &'a [Omitted],
}

pub fn render_json(data: &Dataset, max: Option<usize>, out: &mut dyn Write) -> anyhow::Result<()> {
    let (errors, warnings) = data.counts();
    let shown = max.unwrap_or(usize::MAX).min(data.problems.len());
    let doc = ValidateDocument {
        valid: errors == 0,
        errors,
        warnings,
        files: &data.accounting,
        problems: &data.problems[..shown],
        not_shown: not_shown(data, shown),
        omitted: &data.omitted,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, and a notice
/// when `--max-errors` left some out.
pub fn render_github(data: &Dataset, max: Option<usize>, out: &mut dyn Write) -> anyhow::Result<()> {
    let problems = &data.problems;
    let shown = max.unwrap_or(usize::MAX).min(problems.len());
    for p in &problems[..shown] {
        let level = if p.is_error() { "error" } else { "warning" };
        let mut props = format!("file={}", escape_property(&p.file));
        if let Some(line) = p.line {
            props.push_str(&format!(",line={line}"));
        }
        if let Some(col) = p.column {
            props.push_str(&format!(",col={col}"));
        }
        props.push_str(&format!(",title={}", p.code.as_str()));
        writeln!(out, "::{level} {props}::{}", escape_data(&p.message()))?;
    }
    if let Some(not_shown) = max.map(|_| not_shown(data, shown)).filter(|&n| n > 0) {
        writeln!(out, "::notice::{not_shown} more problem(s) not shown (--max-errors {shown})")?;
    } else {
        for line in omitted_lines(&data.omitted) {
            writeln!(out, "::notice::{}", escape_data(&line))?;
        }
    }
    Ok(())
}

/// GitHub's escaping for the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping for a property value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
