//! Bytes → a grid of text cells with their line numbers: encodings (UTF-8, BOM, GB18030), CSV
//! dialects, and Excel workbooks. One place builds every reader, so each format is handled once.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, bail};
use calamine::{Data, Reader};
use encoding_rs::{Encoding, GB18030, UTF_8};

use crate::problem::{Code, Problem};

/// One row of cells and the line (CSV) or row number (spreadsheet) it starts on.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A file read into rows, with the encoding that was used.
#[derive(Debug)]
pub struct Grid {
    pub name: String,
    pub encoding: &'static str,
    pub rows: Vec<Row>,
    /// Problems met while decoding (a forced encoding that did not fit, …).
    pub problems: Vec<Problem>,
}

/// How to read a file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force an encoding by its WHATWG label (utf-8, gb18030, gbk …).
    pub encoding: Option<String>,
    /// The sheet of a workbook; the first when absent.
    pub sheet: Option<String>,
}

const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Reads `path` (`-` is standard input) into a grid. Errors are for files that cannot be read at all.
pub fn read_grid(path: &str, opts: &ReadOptions) -> anyhow::Result<Grid> {
    let name = if path == "-" { "<stdin>".to_string() } else { path.to_string() };
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("cannot read standard input")?;
        buf
    } else {
        std::fs::read(path).with_context(|| format!("cannot read {path}"))?
    };
    let ext = Path::new(path).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return read_workbook(name, bytes, opts.sheet.as_deref());
    }
    let forced = match &opts.encoding {
        Some(label) => Some(
            Encoding::for_label(label.trim().as_bytes())
                .with_context(|| format!("unknown encoding {label:?}; try utf-8 or gb18030"))?,
        ),
        None => None,
    };
    let (text, encoding, mut problems) = decode(&name, &bytes, forced);
    let mut grid = parse_csv(name, &text)?;
    grid.encoding = encoding;
    problems.append(&mut grid.problems);
    grid.problems = problems;
    Ok(grid)
}

/// UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else GB18030, which covers GBK and
/// GB2312 as Excel writes them on Chinese Windows. A forced encoding that does not fit is a problem.
fn decode(name: &str, bytes: &[u8], forced: Option<&'static Encoding>) -> (String, &'static str, Vec<Problem>) {
    let mut problems = Vec::new();
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) if forced.is_none() => (enc, &bytes[bom_len..]),
        _ => {
            let enc = forced.unwrap_or(if std::str::from_utf8(bytes).is_ok() { UTF_8 } else { GB18030 });
            let skip = if enc == UTF_8 && bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
            (enc, &bytes[skip..])
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let line = first_bad_line(&text);
        problems.push(
            Problem::error(
                Code::Encoding,
                name,
                format!("text in {} (pass --encoding to choose another)", encoding.name()),
            )
            .at(line, None, "file")
            .found("bytes that are not valid in this encoding"),
        );
    }
    (text.into_owned(), encoding.name(), problems)
}

fn first_bad_line(text: &str) -> usize {
    text.lines().position(|l| l.contains('\u{FFFD}')).map_or(1, |i| i + 1)
}

fn parse_csv(name: String, text: &str) -> anyhow::Result<Grid> {
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        // `plan-check template` explains its columns on `#` lines above the header.
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The reader's record position can point at blank lines it skipped; count lines from the byte
    // offset instead, incrementally so a large file stays linear.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = record.position().map_or(counted_to, |p| p.byte() as usize).min(bytes.len());
                loop {
                    match bytes.get(start) {
                        Some(b'\n' | b'\r') => start += 1,
                        // A comment line the reader skipped: the record starts after it.
                        Some(b'#') => {
                            start +=
                                bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len() - start, |i| i + 1)
                        }
                        _ => break,
                    }
                }
                line += bytes[counted_to.min(start)..start].iter().filter(|&&b| b == b'\n').count();
                counted_to = counted_to.max(start);
                let cells: Vec<String> = record.iter().map(str::to_string).collect();
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                rows.push(Row { line, cells });
            }
            Err(e) => bail!("{name}: cannot read as CSV: {e}"),
        }
    }
    Ok(Grid { name, encoding: "utf-8", rows, problems: Vec::new() })
}

/// Comma unless the header line has more tabs or semicolons than commas.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.starts_with('#')).unwrap_or_default();
    let count = |c| header.matches(c).count();
    [(b'\t', count('\t')), (b';', count(';'))]
        .into_iter()
        .filter(|&(_, n)| n > count(','))
        .max_by_key(|&(_, n)| n)
        .map_or(b',', |(d, _)| d)
}

fn read_workbook(name: String, bytes: Vec<u8>, sheet: Option<&str>) -> anyhow::Result<Grid> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .with_context(|| format!("cannot open {name} as a workbook"))?;
    let names = book.sheet_names();
    let sheet_name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => bail!("{name} has no sheet {s:?}; its sheets are {}", names.join(", ")),
        None => names.first().cloned().with_context(|| format!("{name} has no sheets"))?,
    };
    let range =
        book.worksheet_range(&sheet_name).with_context(|| format!("cannot read sheet {sheet_name:?} of {name}"))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            line: first_row + i + 1,
            cells: std::iter::repeat_n(String::new(), first_col).chain(cells.iter().map(cell_text)).collect(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
        .map(|mut r| {
            while r.cells.last().is_some_and(|c| c.trim().is_empty()) {
                r.cells.pop();
            }
            r
        })
        .collect();
    Ok(Grid { name, encoding: "xlsx", rows: pad_to_header(rows), problems: Vec::new() })
}

/// A sheet has no ragged rows: a row whose last cells are empty is as wide as the header, its empty cells
/// "no data" (a half-filled template must still read). Only cells beyond the header stay ragged.
fn pad_to_header(mut rows: Vec<Row>) -> Vec<Row> {
    let width = rows.first().map_or(0, |h| h.cells.len());
    for r in rows.iter_mut().skip(1) {
        if r.cells.len() < width {
            r.cells.resize(width, String::new());
        }
    }
    rows
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => format!("#{e:?}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_bom_and_gb18030() {
        let (t, enc, p) = decode("f", "county\n晋江市".as_bytes(), None);
        assert_eq!((t.as_str(), enc, p.len()), ("county\n晋江市", "UTF-8", 0));
        let (t, enc, _) = decode("f", b"\xEF\xBB\xBFcounty", None);
        assert_eq!((t.as_str(), enc), ("county", "UTF-8"));
        let (gbk, _, _) = GB18030.encode("县市区,指标\n晋江市,森林覆盖率");
        let (t, enc, p) = decode("f", &gbk, None);
        assert_eq!((t.as_str(), enc, p.len()), ("县市区,指标\n晋江市,森林覆盖率", "gb18030", 0));
    }

    #[test]
    fn a_forced_encoding_that_does_not_fit_is_a_problem_with_a_line() {
        let (gbk, _, _) = GB18030.encode("a\n晋江市");
        let (_, _, p) = decode("f.csv", &gbk, Some(UTF_8));
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].code, p[0].line), (Code::Encoding, Some(2)));
    }

    #[test]
    fn comment_lines_are_skipped_and_do_not_shift_line_numbers() {
        let g = parse_csv("f".into(), "# a;b;c;d\n# x\na,b\n1,2\n").unwrap();
        let lines: Vec<usize> = g.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4]);
        assert_eq!(g.rows[0].cells, vec!["a", "b"]);
        assert_eq!(sniff_delimiter("# a;b;c;d\na,b\n"), b',');
    }

    #[test]
    fn sheet_rows_shorter_than_the_header_are_padded_not_ragged() {
        let row = |line, cells: &[&str]| Row { line, cells: cells.iter().map(|c| c.to_string()).collect() };
        let rows = pad_to_header(vec![row(1, &["a", "b", "c"]), row(2, &["x"]), row(3, &["1", "2", "3", "4"])]);
        assert_eq!(rows[1].cells, vec!["x", "", ""]);
        assert_eq!(rows[2].cells.len(), 4, "cells beyond the header are kept, to be reported");
    }

    #[test]
    fn sniffs_tabs_and_semicolons() {
        assert_eq!(sniff_delimiter("a,b,c\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c\n"), b';');
    }

    #[test]
    fn csv_rows_keep_their_line_numbers_across_blank_and_quoted_lines() {
        let g = parse_csv("f".into(), "a,b\n\n\"x\ny\",2\n3,4\n").unwrap();
        let lines: Vec<usize> = g.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 3, 5]);
    }
}
