//! Problem lists: one line per problem (what `eval` prints before stopping), and the content of
//! `validate` — a table of problems, an accounting line per file and the verdict.

use serde::Serialize;

use super::{Cell, Column, Content, Sheet, record, to_document, to_value};
use crate::labels::{self, Lang, Word, problem_title, word};
use crate::load::{Accounting, Dataset};
use crate::problem::{Problem, Severity};

/// One line per problem, as `eval` prints them before stopping.
pub fn render_text(problems: &[Problem], max: Option<usize>) -> String {
    problems.iter().take(max.unwrap_or(usize::MAX)).map(|p| format!("{p}\n")).collect()
}

fn counts(problems: &[Problem]) -> (usize, usize) {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    (errors, problems.len() - errors)
}

#[derive(Serialize)]
struct ValidateDocument<'a> {
    valid: bool,
    errors: usize,
    warnings: usize,
    files: &'a [Accounting],
    problems: &'a [Problem],
    /// Problems left out by `--max-errors` (the counts above still include them).
    not_shown: usize,
}

/// `validate`'s content: the problems (at most `max`), the accounting of every file, the verdict.
pub fn validate(data: &Dataset, max: Option<usize>, lang: Lang) -> anyhow::Result<Content> {
    let (errors, warnings) = counts(&data.problems);
    let shown = max.unwrap_or(usize::MAX).min(data.problems.len());
    let not_shown = data.problems.len() - shown;
    let problems = &data.problems[..shown];
    let mut content = Content::default();
    if !problems.is_empty() {
        let mut sheet = problem_sheet(problems, lang);
        if not_shown > 0 {
            sheet.notes.push(labels::problems_not_shown(not_shown, shown, lang));
        }
        content.sheets.push(sheet);
    }
    content.notes = data.accounting.iter().map(|a| labels::accounting(a, lang)).collect();
    content.notes.push(labels::validate_verdict(errors, warnings, lang));
    content.records = problems.iter().map(|p| Ok(record(to_value(p)?, Vec::new()))).collect::<anyhow::Result<_>>()?;
    let doc = ValidateDocument { valid: errors == 0, errors, warnings, files: &data.accounting, problems, not_shown };
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
            let expected = match &p.suggestion {
                Some(s) => labels::did_you_mean(&p.expected, s, lang),
                None => p.expected.clone(),
            };
            let level = match p.severity {
                Severity::Error => word(Word::Error, lang),
                Severity::Warning => word(Word::Warning, lang),
            };
            let mut row = vec![
                Cell::text(&p.file),
                p.line.map_or(Cell::Empty, Cell::count),
                p.column.map_or(Cell::Empty, Cell::count),
                Cell::text(level),
                Cell::text(p.code.as_str()),
            ];
            if lang == Lang::Zh {
                row.push(Cell::text(problem_title(p.code, lang)));
            }
            row.extend([
                Cell::text(p.field.clone().unwrap_or_default()),
                Cell::text(p.found.clone().unwrap_or_default()),
                Cell::text(expected),
            ]);
            row
        })
        .collect();
    Sheet { name: word(Word::ProblemsSheet, lang).into(), title: String::new(), columns, rows, notes: Vec::new() }
}
