//! Problem lists: one line per problem (what `eval` prints before stopping), and the content of
//! `validate` — a table of problems, an accounting line per file and the verdict.

use serde::Serialize;

use super::{Cell, Column, Content, Sheet, record, to_document, to_value};
use crate::labels::{self, Lang, Word, problem_title, word};
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
                "{}: … and {} more {level}(s) [{}] not kept (only the first of each code per file, and so many in all, are; --limit problems-per-code=N, problems-per-run=N)",
                escape(&o.file),
                o.count,
                o.code.as_str()
            )
        })
        .collect()
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

/// `validate`'s content: the problems (at most `max`), the accounting of every file, the verdict.
pub fn validate(data: &Dataset, max: Option<usize>, lang: Lang) -> anyhow::Result<Content<'static>> {
    let (errors, warnings) = data.counts();
    let shown = max.unwrap_or(usize::MAX).min(data.problems.len());
    let not_shown = errors + warnings - shown;
    let problems = &data.problems[..shown];
    let mut content = Content { lang, ..Content::default() };
    // Past --max-errors one line says how many are left; else each code past its limit has one.
    let left_out = match max {
        Some(_) if not_shown > 0 => vec![labels::problems_not_shown(not_shown, shown, lang)],
        _ => omitted_lines(&data.omitted),
    };
    if !problems.is_empty() {
        let mut sheet = problem_sheet(problems, lang);
        sheet.notes.extend(left_out);
        content.sheets.push(sheet);
    } else {
        content.notes.extend(left_out);
    }
    // File names are input: escaped like every text taken from it.
    let accounting = data.accounting.iter().map(|a| Accounting { file: escape(&a.file).into_owned(), ..a.clone() });
    content.notes.extend(accounting.map(|a| labels::accounting(&a, lang)));
    content.notes.push(labels::validate_verdict(errors, warnings, lang));
    // The JSON fields stay English; the two labels say the problem in the chosen language.
    let lead = |p: &Problem| {
        vec![
            ("title_label", problem_title(p.code, lang).into()),
            ("expected_label", labels::expected(&p.expected, lang).into()),
        ]
    };
    content.records = problems.iter().map(|p| Ok(record(to_value(p)?, lead(p)))).collect::<anyhow::Result<_>>()?;
    // The CSV header docs/output.md promises, also when there is no problem to list.
    let sample = Problem::error(crate::problem::Code::Encoding, "", crate::problem::Expected::ReadableFile)
        .at(1, Some(1), "")
        .found("")
        .suggest(Some(String::new()));
    content.record_shape = record(to_value(&sample)?, lead(&sample));
    let doc = ValidateDocument {
        valid: errors == 0,
        errors,
        warnings,
        files: &data.accounting,
        problems,
        not_shown,
        omitted: &data.omitted,
    };
    content.document = to_document(&doc)?;
    content.problems = Some(problems.to_vec());
    content.problems_not_shown = not_shown;
    Ok(content)
}

fn problem_sheet(problems: &[Problem], lang: Lang) -> Sheet {
    let mut columns = vec![
        Column::wrapping(word(Word::File, lang)),
        Column::number(word(Word::Line, lang)).key(),
        Column::number(word(Word::Col, lang)),
        Column::text(word(Word::Level, lang)),
        Column::text(word(Word::Code, lang)),
    ];
    if lang == Lang::Zh {
        columns.push(Column::wrapping(word(Word::Problem, lang)));
    }
    columns.extend([
        Column::wrapping(word(Word::Field, lang)),
        Column::wrapping(word(Word::Found, lang)),
        Column::wrapping(word(Word::Expected, lang)),
    ]);
    let rows = problems
        .iter()
        .map(|p| {
            // Every text of a problem may come from the input: escaped, so none reaches a terminal raw.
            let words = labels::expected(&p.expected, lang);
            let expected = match &p.suggestion {
                Some(s) => labels::did_you_mean(&escape(&words), &escape(s), lang),
                None => escape(&words).into_owned(),
            };
            let text = |t: &Option<String>| Cell::text(t.as_deref().map_or(String::new(), |t| escape(t).into_owned()));
            let level = match p.severity {
                Severity::Error => word(Word::Error, lang),
                Severity::Warning => word(Word::Warning, lang),
            };
            let mut row = vec![
                Cell::text(escape(&p.file)),
                p.line.map_or(Cell::Empty, Cell::count),
                p.column.map_or(Cell::Empty, Cell::count),
                Cell::text(level),
                Cell::text(p.code.as_str()),
            ];
            if lang == Lang::Zh {
                row.push(Cell::text(problem_title(p.code, lang)));
            }
            let found = labels::found_text(p, lang);
            row.extend([text(&p.shown_field().map(String::from)), text(&found), Cell::text(expected)]);
            row
        })
        .collect();
    Sheet { name: word(Word::ProblemsSheet, lang).into(), title: String::new(), columns, rows, notes: Vec::new() }
}

/// One finding of `check-catalog` in its JSON document: the problem, with the `item` and English
/// `message` fields the document had before findings were problems.
#[derive(Serialize)]
struct Finding<'a> {
    #[serde(flatten)]
    problem: &'a Problem,
    item: Option<&'a str>,
    message: String,
}

#[derive(Serialize)]
struct FindingsDocument<'a> {
    file: &'a str,
    valid: bool,
    indicators: Option<usize>,
    errors: usize,
    warnings: usize,
    findings: Vec<Finding<'a>>,
}

/// `check-catalog`'s content: one line per finding (`file:line: item: level[code]: sentence`, in the
/// chosen language but the code), the summary line, the JSON document and the problems to annotate.
/// `count` is the number of indicators of a catalogue that loaded.
pub fn findings(origin: &str, count: Option<usize>, found: &[Problem], lang: Lang) -> anyhow::Result<Content<'static>> {
    let errors = found.iter().filter(|p| p.is_error()).count();
    let warnings = found.len() - errors;
    // The catalogue's annotations keep the stable English message (its lines above follow `lang`).
    let mut content = Content { lang: Lang::En, ..Content::default() };
    // The catalogue's name, its ids and the sentences quoting it are input: escaped.
    let shown = escape(origin);
    for p in found {
        let item = p.field.as_ref().map_or(String::new(), |i| format!("{}: ", escape(i)));
        let level = word(if p.is_error() { Word::Error } else { Word::Warning }, lang);
        let line = p.line.unwrap_or(1);
        let sentence = escape(&labels::expected(&p.expected, lang)).into_owned();
        content.notes.push(format!("{shown}:{line}: {item}{level}[{}]: {sentence}", p.code.as_str()));
    }
    content.notes.push(labels::catalog_summary(&shown, count, errors, warnings, lang));
    let findings = found
        .iter()
        .map(|p| Finding { problem: p, item: p.field.as_deref(), message: labels::expected(&p.expected, Lang::En) })
        .collect();
    let doc = FindingsDocument { file: origin, valid: errors == 0, indicators: count, errors, warnings, findings };
    content.document = to_document(&doc)?;
    content.problems = Some(found.to_vec());
    Ok(content)
}
