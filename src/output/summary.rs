//! The job summary of a CI run (`GITHUB_STEP_SUMMARY`): what `validate` checked — the files, their rows
//! read, accepted and rejected, the problems by code — as Markdown, also when everything is valid.
//! `diff` appends its own tables (the Markdown of its content).

use std::collections::BTreeMap;

use super::{Cell, Column, Content, Sheet, format};
use crate::Lang;
use crate::labels::{self, CiWord, Word, ci_word, problem_title, word};
use crate::load::Dataset;
use crate::problem::{Code, Severity, escape};

/// The summary of `validate` as a content (rendered as Markdown by [`markdown`]).
pub fn validate(data: &Dataset, lang: Lang) -> Content<'static> {
    let (errors, warnings) = data.counts();
    let mut content = Content { lang, ..Content::default() };
    content.heading.push(labels::job_summary_title(errors, warnings, lang));
    let files = data
        .accounting
        .iter()
        .map(|a| {
            vec![
                Cell::text(escape(&a.file)),
                Cell::count(a.rows_read),
                Cell::count(a.rows_accepted),
                Cell::count(a.rows_rejected),
                Cell::text(escape(&a.shape)),
                Cell::text(escape(&a.encoding)),
            ]
        })
        .collect();
    content.sheets.push(Sheet {
        name: ci_word(CiWord::FilesTitle, lang).into(),
        title: ci_word(CiWord::FilesTitle, lang).into(),
        columns: vec![
            Column::text(word(Word::File, lang)),
            Column::number(ci_word(CiWord::RowsRead, lang)),
            Column::number(ci_word(CiWord::Accepted, lang)),
            Column::number(ci_word(CiWord::Rejected, lang)),
            Column::text(ci_word(CiWord::Shape, lang)),
            Column::text(ci_word(CiWord::Encoding, lang)),
        ],
        rows: files,
        notes: Vec::new(),
    });
    // Every problem counts, kept or only counted past a limit.
    let mut by_code: BTreeMap<(Severity, Code), usize> = BTreeMap::new();
    for p in &data.problems {
        *by_code.entry((p.severity, p.code)).or_default() += 1;
    }
    for o in &data.omitted {
        *by_code.entry((o.severity, o.code)).or_default() += o.count;
    }
    if by_code.is_empty() {
        content.notes.push(ci_word(CiWord::NoProblems, lang).into());
        return content;
    }
    let rows = by_code
        .into_iter()
        .map(|((severity, code), n)| {
            let level = if severity == Severity::Error { Word::Error } else { Word::Warning };
            vec![
                Cell::text(format!("`{}`", code.as_str())),
                Cell::text(problem_title(code, lang)),
                Cell::text(word(level, lang)),
                Cell::count(n),
            ]
        })
        .collect();
    content.sheets.push(Sheet {
        name: ci_word(CiWord::ProblemsTitle, lang).into(),
        title: ci_word(CiWord::ProblemsTitle, lang).into(),
        columns: vec![
            Column::text(word(Word::Code, lang)),
            Column::text(word(Word::Problem, lang)),
            Column::text(word(Word::Level, lang)),
            Column::number(ci_word(CiWord::Count, lang)),
        ],
        rows,
        notes: Vec::new(),
    });
    content
}

/// A content as the Markdown of a job summary, ending in a blank line so the next step's starts apart.
pub fn markdown(content: &Content) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    format::markdown::render(content, &format::Style::default(), &mut bytes)?;
    bytes.push(b'\n');
    Ok(bytes)
}
