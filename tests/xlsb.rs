//! Excel binary workbooks (.xlsb) read with the guarantees of .xlsx (issue 24). The fixtures are
//! SheetJS's (tests/data/workbooks/README.md); the hostile ones are those fixtures with one BIFF12
//! record changed here, part by part, in a zip this test writes.
//!
//! A BIFF12 record (MS-XLSB 2.1.4) is a type (one byte, or two when the first has its high bit set:
//! 7 bits each), a length (one to four bytes, 7 bits each, the high bit saying another follows),
//! then that many bytes.

mod common;

use std::io::{Cursor, Read, Write};

use common::{root, run_in, validate_json};

const DIR: &str = "tests/data/workbooks";

// ---- BIFF12 records and the zip around them ----

type Parts = Vec<(String, Vec<u8>)>;

fn unzip(bytes: &[u8]) -> Parts {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

fn zip(parts: &Parts) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join(DIR).join(name)).unwrap()
}

/// The records of a part: (type, body).
fn records(mut b: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let mut typ = u16::from(b[0] & 0x7F);
        let mut at = 1;
        if b[0] & 0x80 != 0 {
            typ |= u16::from(b[1] & 0x7F) << 7;
            at = 2;
        }
        let mut len = 0usize;
        for i in 0..4 {
            let x = b[at];
            at += 1;
            len |= usize::from(x & 0x7F) << (7 * i);
            if x & 0x80 == 0 {
                break;
            }
        }
        out.push((typ, b[at..at + len].to_vec()));
        b = &b[at + len..];
    }
    out
}

/// One record, its length written in as many bytes as it needs.
fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = if typ < 0x80 { vec![typ as u8] } else { vec![(typ & 0x7F) as u8 | 0x80, (typ >> 7) as u8] };
    let mut len = data.len();
    loop {
        let b = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(b);
            break;
        }
        out.push(b | 0x80);
    }
    out.extend_from_slice(data);
    out
}

fn join(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
    records.iter().flat_map(|(t, d)| record(*t, d)).collect()
}

/// `fixture` with its part `part` replaced by what `change` makes of its bytes.
fn changed(fixture_name: &str, part: &str, change: impl Fn(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut parts = unzip(&fixture(fixture_name));
    let p = parts.iter_mut().find(|p| p.0 == part).expect("the part");
    p.1 = change(std::mem::take(&mut p.1));
    zip(&parts)
}

const SHEET: &str = "xl/worksheets/sheet1.bin";

// ---- Read as the CSV is ----

fn eval_json(args: &[&str]) -> String {
    let r = common::run(&[&["eval", "--format", "json", "--lang", "en"], args].concat());
    r.code(0);
    r.stdout
}

#[test]
fn the_bundled_data_saved_as_xlsb_gives_the_verdicts_of_the_csv() {
    let csv = eval_json(&["data/2023.csv"]).replace("data/2023.csv", "FILE");
    let file = "tests/data/workbooks/2023.xlsb";
    assert_eq!(eval_json(&[file]).replace(file, "FILE"), csv);
    let (r, doc) = validate_json(&root(), &[file]);
    r.code(0);
    assert!(common::sheet_problems(&doc).is_empty(), "{doc:#}");
    let f = &doc["files"][0];
    assert_eq!(
        (f["encoding"].as_str(), f["rows_read"].as_u64(), f["rows_accepted"].as_u64()),
        (Some("xlsb"), Some(227), Some(227))
    );
}

#[test]
fn a_form_saved_as_xlsb_reads_as_the_xls_form_does() {
    let path = "tests/data/workbooks/form-2023.xlsb";
    let (r, doc) = validate_json(&root(), &[path]);
    r.code(0);
    let f = &doc["files"][0];
    assert_eq!(
        (f["rows_read"].as_u64(), f["rows_accepted"].as_u64(), f["header_row"].as_u64()),
        (Some(1), Some(1), Some(3)),
        "{doc:#}"
    );
    let xls = eval_json(&["tests/data/workbooks/form-2023.xls"]).replace("form-2023.xls", "FILE");
    assert_eq!(eval_json(&[path]).replace("form-2023.xlsb", "FILE"), xls);
}

/// `cells-2023.xlsb`'s sheet with 南安市's value (a short RK record, 60) made a formula whose saved
/// value is 60: BrtFmlaNum, its cell (column 2, style 0), the value, flags, and `tokens`.
fn with_formula(tokens: &[u8]) -> Vec<u8> {
    let tokens = tokens.to_vec();
    changed("cells-2023.xlsb", SHEET, move |part| {
        let mut recs = records(&part);
        let i = recs.iter().position(|r| r.0 == 0x000D).expect("the short RK cell");
        let mut d = 2u32.to_le_bytes().to_vec();
        d.extend([0, 0, 0, 0]);
        d.extend(60f64.to_le_bytes());
        d.extend([0, 0]);
        d.extend((tokens.len() as u32).to_le_bytes());
        d.extend(&tokens);
        d.extend(0u32.to_le_bytes());
        recs[i] = (0x0009, d);
        join(&recs)
    })
}

#[test]
fn percent_cells_dates_and_formulas_read_as_excel_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    // PtgInt 60 (0x1E): `=60`.
    std::fs::write(dir.path().join("cells-2023.xlsb"), with_formula(&[0x1E, 60, 0])).unwrap();
    let (r, doc) = validate_json(dir.path(), &["cells-2023.xlsb"]);
    r.code(1);
    let p = common::sheet_problems(&doc);
    let shown: Vec<_> = p.iter().map(|p| (p.0.as_str(), p.1, p.2, p.3.as_str())).collect();
    assert_eq!(
        shown,
        [
            // The formula's saved value is used, and said.
            ("formula", Some(3), Some(3), "=60"),
            // A date-formatted cell is a date, never its serial number 45306.
            ("not-a-number", Some(4), Some(3), "2024-01-15"),
        ],
        "{doc:#}"
    );
    let r =
        run_in(dir.path(), &["eval", "cells-2023.xlsb", "--format", "json", "--fail-on", "never", "--skip-invalid"]);
    let doc = r.json();
    let text = doc.to_string();
    // 0.581 in a 0.0% cell is 58.1, what Excel shows.
    assert!(text.contains("58.1") && !text.contains("0.581"), "{text}");
}

#[test]
fn short_cells_keep_their_column() {
    // SheetJS writes every cell after a row's first as a short record (no column): without their
    // column calamine drops them, and every row would be its area alone.
    let (r, doc) = validate_json(&root(), &["tests/data/workbooks/cells-2023.xlsb"]);
    r.code(1);
    assert_eq!(doc["files"][0]["rows_accepted"], 2, "{doc:#}");
    let part = unzip(&fixture("cells-2023.xlsb")).into_iter().find(|p| p.0 == SHEET).unwrap().1;
    assert!(records(&part).iter().any(|r| (0x000C..=0x0012).contains(&r.0)), "the fixture has short cells");
}

#[test]
fn a_formula_whose_value_is_an_error_is_a_cell_with_that_error() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = changed("cells-2023.xlsb", SHEET, |part| {
        let mut recs = records(&part);
        let i = recs.iter().position(|r| r.0 == 0x000D).expect("the short RK cell");
        // BrtFmlaError: #DIV/0! (0x07), flags, and the formula 1/0.
        let mut d = 2u32.to_le_bytes().to_vec();
        d.extend([0, 0, 0, 0, 0x07, 0, 0]);
        let tokens = [0x1E, 1, 0, 0x1E, 0, 0, 0x06];
        d.extend((tokens.len() as u32).to_le_bytes());
        d.extend(tokens);
        d.extend(0u32.to_le_bytes());
        recs[i] = (0x000B, d);
        join(&recs)
    });
    std::fs::write(dir.path().join("err-2023.xlsb"), bytes).unwrap();
    let (r, doc) = validate_json(dir.path(), &["err-2023.xlsb"]);
    r.code(1);
    let p = common::sheet_problems(&doc);
    assert!(p.iter().any(|p| p.0 == "not-a-number" && p.1 == Some(3) && p.3.contains("Div0")), "{doc:#}");
    assert!(p.iter().any(|p| p.0 == "formula"), "{doc:#}");
}

#[test]
fn the_hidden_active_sheet_is_not_read_and_a_warning_names_both() {
    let dir = tempfile::tempdir().unwrap();
    let value = |file: &str| {
        let r = run_in(dir.path(), &["eval", file, "--format", "json"]);
        let doc = r.json();
        let v = doc["results"].as_array().unwrap().iter().find(|v| v["indicator"] == "beautiful_bays").cloned();
        v.and_then(|v| v["value"].as_f64())
    };
    std::fs::write(dir.path().join("sheets-2023.xlsb"), fixture("sheets-2023.xlsb")).unwrap();
    assert_eq!(value("sheets-2023.xlsb"), Some(10.0), "the visible active sheet");
    let (_, doc) = validate_json(dir.path(), &["sheets-2023.xlsb"]);
    assert!(common::sheet_problems(&doc).iter().all(|p| p.0 != "unread-sheet"), "{doc:#}");
    // BrtBookView's itabCur (byte 24) made 0: the hidden sheet `old` is the one Excel opens on.
    let bytes = changed("sheets-2023.xlsb", "xl/workbook.bin", |part| {
        let mut recs = records(&part);
        let view = recs.iter_mut().find(|r| r.0 == 0x009E).expect("BrtBookView");
        view.1[24..28].copy_from_slice(&0u32.to_le_bytes());
        join(&recs)
    });
    std::fs::write(dir.path().join("hidden-2023.xlsb"), bytes).unwrap();
    assert_eq!(value("hidden-2023.xlsb"), Some(10.0), "the first visible sheet, never the hidden one");
    let (_, doc) = validate_json(dir.path(), &["hidden-2023.xlsb"]);
    let p = common::sheet_problems(&doc);
    let warned: Vec<_> = p.iter().filter(|p| p.0 == "unread-sheet").collect();
    assert_eq!(warned.len(), 1, "{doc:#}");
    assert!(warned[0].3.contains("\"old\" (hidden)") && warned[0].4.contains("\"2023\""), "{doc:#}");
    let r = run_in(dir.path(), &["validate", "hidden-2023.xlsb"]);
    r.stdout_has("第一个可见工作表“2023”");
}

#[test]
fn a_folder_stands_for_its_xlsb_et_and_ods_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("in");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a-2023.xlsb"), fixture("2023.xlsb")).unwrap();
    std::fs::write(sub.join("b-2023.ods"), fixture("2023.ods")).unwrap();
    std::fs::write(sub.join("c-2023.et"), fixture("2023.xls")).unwrap();
    std::fs::write(sub.join("notes.txt"), "not data").unwrap();
    let (_, doc) = validate_json(dir.path(), &["in"]);
    let files: Vec<(&str, &str)> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["encoding"].as_str().unwrap()))
        .collect();
    assert_eq!(files, [("in/a-2023.xlsb", "xlsb"), ("in/b-2023.ods", "ods"), ("in/c-2023.et", "xls")], "{doc:#}");
}

// ---- Hostile .xlsb: each a clear problem, no abort ----

/// `fixture`'s sheet with its BrtWsDim record's four fields (first row, last row, first column,
/// last column) set.
fn with_dimensions(first_row: u32, last_row: u32, first_col: u32, last_col: u32) -> Vec<u8> {
    changed("2023.xlsb", SHEET, move |part| {
        let mut recs = records(&part);
        let dim = recs.iter_mut().find(|r| r.0 == 0x0094).expect("BrtWsDim");
        dim.1 = [first_row, last_row, first_col, last_col].iter().flat_map(|v| v.to_le_bytes()).collect();
        join(&recs)
    })
}

#[test]
fn a_sheet_claiming_four_billion_rows_is_refused_before_the_reader_reserves_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dims-2023.xlsb"), with_dimensions(0, 3_999_999_999, 0, 6)).unwrap();
    let (r, doc) = validate_json(dir.path(), &["dims-2023.xlsb"]);
    r.code(1);
    let p = common::sheet_problems(&doc);
    assert_eq!(p.len(), 1, "{doc:#}");
    assert_eq!(p[0].0, "too-large");
    assert!(p[0].3.contains("4000000000 rows × 7 columns"), "{doc:#}");
    assert!(p[0].4.contains("sheet-cells"), "{doc:#}");
    // A first row after the last is no size at all.
    std::fs::write(dir.path().join("dims2-2023.xlsb"), with_dimensions(9, 3, 0, 6)).unwrap();
    let (r, doc) = validate_json(dir.path(), &["dims2-2023.xlsb"]);
    r.code(1);
    assert!(
        common::sheet_problems(&doc).iter().any(|p| p.0 == "unreadable-file" && p.4.contains("BrtWsDim")),
        "{doc:#}"
    );
}

#[test]
fn a_truncated_record_is_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    // The sheet's part cut in the middle of a record.
    let cut = changed("2023.xlsb", SHEET, |part| part[..part.len() / 2 + 1].to_vec());
    std::fs::write(dir.path().join("cut-2023.xlsb"), cut).unwrap();
    // The file itself cut in half: no zip directory.
    let whole = fixture("2023.xlsb");
    std::fs::write(dir.path().join("half-2023.xlsb"), &whole[..whole.len() / 2]).unwrap();
    for (name, words) in [("cut-2023.xlsb", "of xl/worksheets/sheet1.bin"), ("half-2023.xlsb", "")] {
        let (p, doc) = common::sole_problem(dir.path(), name, "unreadable-file");
        assert!(p.3.contains(words), "{doc:#}");
    }
}

#[test]
fn a_record_length_past_the_part_end_is_refused_before_it_is_believed() {
    let dir = tempfile::tempdir().unwrap();
    // A cell record claiming 268,435,455 bytes (the most a length can say) right after the first row.
    let bytes = changed("2023.xlsb", SHEET, |part| {
        let recs = records(&part);
        let i = recs.iter().position(|r| r.0 == 0x0000).unwrap();
        let mut out = join(&recs[..=i]);
        out.extend([0x05, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3]);
        out
    });
    std::fs::write(dir.path().join("long-2023.xlsb"), bytes).unwrap();
    let (p, doc) = common::sole_problem(dir.path(), "long-2023.xlsb", "unreadable-file");
    assert!(p.3.contains("a record of 268435455 bytes"), "{doc:#}");
    assert!(p.4.contains("ending within its part"), "{doc:#}");
}

#[test]
fn a_styles_record_calamine_would_misread_is_never_shown_to_it() {
    // calamine scans styles.bin without skipping the bodies of records it does not know: a font
    // whose body holds E7 04 (BrtBeginFmts) then a length of 256 MiB would be believed. The styles
    // are written again before calamine reads them, so the workbook reads as before.
    let dir = tempfile::tempdir().unwrap();
    let bytes = changed("cells-2023.xlsb", "xl/styles.bin", |part| {
        let mut recs = records(&part);
        recs.insert(1, (0x002B, vec![0xE7, 0x04, 0xFF, 0xFF, 0xFF, 0x7F]));
        join(&recs)
    });
    std::fs::write(dir.path().join("styles-2023.xlsb"), bytes).unwrap();
    let (_, doc) = validate_json(dir.path(), &["styles-2023.xlsb"]);
    assert_eq!(doc["files"][0]["rows_accepted"], 2, "{doc:#}");
    assert!(common::sheet_problems(&doc).iter().any(|p| p.3 == "2024-01-15"), "the date format still read: {doc:#}");
}

#[test]
fn a_formula_nested_deep_enough_to_overflow_the_stack_is_not_parsed() {
    // 20,000 PtgMemFunc tokens, each holding the rest: calamine's parser would recurse 20,000 deep.
    let depth = 20_000usize;
    let mut tokens = Vec::new();
    for level in 0..depth {
        let inner = (depth - level - 1) * 3 + 3;
        tokens.push(0x29);
        tokens.extend((inner as u16).to_le_bytes());
    }
    tokens.extend([0x1E, 60, 0]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deep-2023.xlsb"), with_formula(&tokens)).unwrap();
    let (r, doc) = validate_json(dir.path(), &["deep-2023.xlsb"]);
    r.code(1);
    let p = common::sheet_problems(&doc);
    assert!(p.iter().any(|p| p.0 == "formula" && p.1 == Some(3) && p.3 == "a formula with a saved value"), "{doc:#}");
}

#[test]
fn a_shared_string_index_past_the_table_is_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = changed("2023.xlsb", SHEET, |part| {
        let mut recs = records(&part);
        let cell = recs.iter_mut().find(|r| r.0 == 0x0007).expect("BrtCellIsst");
        cell.1[8..12].copy_from_slice(&4_000_000u32.to_le_bytes());
        join(&recs)
    });
    std::fs::write(dir.path().join("isst-2023.xlsb"), bytes).unwrap();
    let (p, doc) = common::sole_problem(dir.path(), "isst-2023.xlsb", "unreadable-file");
    assert!(p.3.contains("shared string 4000000"), "{doc:#}");
}
