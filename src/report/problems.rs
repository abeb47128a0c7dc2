//! Problem lists: one line per problem (what `eval` prints before stopping), and the content of
//! `validate` — a table of problems, an accounting line per file and the verdict.

use serde::Serialize;

use super::{Cell, Column, Content, Sheet, record, to_value};
use crate::labels::{Lang, problem_title, words};
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
            sheet.notes.push(match lang {
                Lang::Zh => format!("… 另有{not_shown}个问题未显示（--max-errors {shown}）"),
                Lang::En => format!("… {not_shown} more problem(s) not shown (--max-errors {shown})"),
            });
        }
        content.sheets.push(sheet);
    }
    content.notes = data.accounting.iter().map(|a| accounting_line(a, lang)).collect();
    content.notes.push(verdict_line(errors, warnings, lang));
    content.records = problems.iter().map(|p| Ok(record(to_value(p)?, Vec::new()))).collect::<anyhow::Result<_>>()?;
    let doc = ValidateDocument { valid: errors == 0, errors, warnings, files: &data.accounting, problems, not_shown };
    content.document = to_value(&doc)?;
    content.problems = Some(problems.to_vec());
    content.problems_not_shown = not_shown;
    Ok(content)
}

/// `valid: 0 error(s), 2 warning(s)`, or `invalid: …`.
pub fn verdict_line(errors: usize, warnings: usize, lang: Lang) -> String {
    match (errors, lang) {
        (0, Lang::Zh) => format!("有效：{errors}个错误，{warnings}个警告"),
        (_, Lang::Zh) => format!("无效：{errors}个错误，{warnings}个警告"),
        (0, Lang::En) => format!("valid: {errors} error(s), {warnings} warning(s)"),
        (_, Lang::En) => format!("invalid: {errors} error(s), {warnings} warning(s)"),
    }
}

fn problem_sheet(problems: &[Problem], lang: Lang) -> Sheet {
    let mut columns = vec![
        Column::wrapping(words(lang, "文件", "file")),
        Column::number(words(lang, "行", "line")).key(),
        Column::number(words(lang, "列", "col")),
        Column::text(words(lang, "级别", "level")),
        Column::text(words(lang, "代码", "code")),
    ];
    if lang == Lang::Zh {
        columns.push(Column::wrapping("问题"));
    }
    columns.extend([
        Column::wrapping(words(lang, "字段", "field")),
        Column::wrapping(words(lang, "发现", "found")),
        Column::wrapping(words(lang, "应为", "expected")),
    ]);
    let rows = problems
        .iter()
        .map(|p| {
            let expected = match (&p.suggestion, lang) {
                (Some(s), Lang::Zh) => format!("{}（是否应为 {s}？）", p.expected),
                (Some(s), Lang::En) => format!("{} (did you mean {s}?)", p.expected),
                (None, _) => p.expected.clone(),
            };
            let level = match p.severity {
                Severity::Error => words(lang, "错误", "error"),
                Severity::Warning => words(lang, "警告", "warning"),
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
    Sheet { name: words(lang, "问题", "problems").into(), title: String::new(), columns, rows, notes: Vec::new() }
}

fn accounting_line(a: &Accounting, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}：读取{}行 = 接受{} + 拒绝{}（{}，{}）",
            a.file, a.rows_read, a.rows_accepted, a.rows_rejected, a.shape, a.encoding
        ),
        Lang::En => format!(
            "{}: {} rows read = {} accepted + {} rejected ({}, {})",
            a.file, a.rows_read, a.rows_accepted, a.rows_rejected, a.shape, a.encoding
        ),
    }
}
