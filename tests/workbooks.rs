//! The workbooks offices really send (issue 24): Excel 97-2003 `.xls` (and WPS `.et`), `.ods`, forms
//! (填报表) with a title above the header, indicator names as offices write them, a sheet a year.
//! The hostile `.xls` files are built here, byte by byte, inside a compound file the `cfb` crate writes.

mod common;
#[path = "hostile/files.rs"]
mod files;

use std::io::{Cursor, Write};

use common::{Found, root, run_in, validate_json};

// ---- BIFF8, by hand ----

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend_from_slice(&(data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

fn bof(dt: u16) -> Vec<u8> {
    let mut d = 0x0600u16.to_le_bytes().to_vec();
    d.extend_from_slice(&dt.to_le_bytes());
    d.resize(16, 0);
    record(0x0809, &d)
}

fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

/// A LABEL cell of UTF-16 text.
fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut d = [row.to_le_bytes(), col.to_le_bytes(), 0u16.to_le_bytes()].concat();
    d.extend_from_slice(&(units.len() as u16).to_le_bytes());
    d.push(1);
    for u in units {
        d.extend_from_slice(&u.to_le_bytes());
    }
    record(0x0204, &d)
}

/// A NUMBER cell with its XF.
fn number(row: u16, col: u16, xf: u16, v: f64) -> Vec<u8> {
    let d = [&row.to_le_bytes()[..], &col.to_le_bytes(), &xf.to_le_bytes(), &v.to_le_bytes()].concat();
    record(0x0203, &d)
}

/// A FORMULA cell `=60` whose saved value is `v`.
fn formula(row: u16, col: u16, v: f64) -> Vec<u8> {
    let rgce = [0x1Eu8, 60, 0];
    let mut d = [&row.to_le_bytes()[..], &col.to_le_bytes(), &0u16.to_le_bytes(), &v.to_le_bytes()].concat();
    d.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    d.extend_from_slice(&(rgce.len() as u16).to_le_bytes());
    d.extend_from_slice(&rgce);
    record(0x0006, &d)
}

fn dimensions(first_row: u32, last_row: u32, first_col: u16, last_col: u16) -> Vec<u8> {
    let d = [
        &first_row.to_le_bytes()[..],
        &last_row.to_le_bytes(),
        &first_col.to_le_bytes(),
        &last_col.to_le_bytes(),
        &[0, 0],
    ]
    .concat();
    record(0x0200, &d)
}

/// XF records: the first General, the second a percentage (built-in format 10, `0.00%`).
fn xfs() -> Vec<u8> {
    let xf = |ifmt: u16| {
        let mut d = vec![0u8; 20];
        d[2..4].copy_from_slice(&ifmt.to_le_bytes());
        record(0x00E0, &d)
    };
    [xf(0), xf(10)].concat()
}

/// A BIFF8 workbook stream of `sheets`: (name, hidden, records between the sheet's BOF and EOF).
fn workbook_stream(sheets: &[(&str, bool, Vec<u8>)]) -> Vec<u8> {
    let bound = |pos: u32, name: &str, hidden: bool| {
        let units: Vec<u16> = name.encode_utf16().collect();
        let mut d = pos.to_le_bytes().to_vec();
        d.extend_from_slice(&[u8::from(hidden), 0, units.len() as u8, 1]);
        d.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        record(0x0085, &d)
    };
    let globals_len = |bounds: usize| bof(5).len() + xfs().len() + bounds + eof().len();
    let bounds_len: usize = sheets.iter().map(|(n, h, _)| bound(0, n, *h).len()).sum();
    let mut pos = globals_len(bounds_len);
    let mut globals = bof(5);
    globals.extend(xfs());
    let mut bodies = Vec::new();
    for (name, hidden, body) in sheets {
        globals.extend(bound(pos as u32, name, *hidden));
        let sheet = [bof(0x10), body.clone(), eof()].concat();
        pos += sheet.len();
        bodies.extend(sheet);
    }
    globals.extend(eof());
    [globals, bodies].concat()
}

/// A compound file (version 3, 512-byte sectors) holding `stream` as `Workbook`.
fn compound(stream: &[u8]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    let mut s = file.create_stream("/Workbook").unwrap();
    s.write_all(stream).unwrap();
    drop(s);
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// The sheet of a wide file: a header and one row per (area, forest coverage) pair.
fn forest_sheet(rows: &[(&str, f64)], xf: u16) -> Vec<u8> {
    let mut body = [label(0, 0, "县市区"), label(0, 1, "森林覆盖率（%）")].concat();
    for (i, (area, v)) in rows.iter().enumerate() {
        body.extend(label(i as u16 + 1, 0, area));
        body.extend(number(i as u16 + 1, 1, xf, *v));
    }
    body
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn set_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

/// Where FAT entry `sector` is, in a version-3 file whose FAT is one sector.
fn fat_entry(file: &[u8], sector: u32) -> usize {
    512 + 512 * u32_at(file, 76) as usize + 4 * sector as usize
}

// ---- .xls and .ods read as the CSV is ----

fn eval_json(args: &[&str]) -> String {
    let r = common::run(&[&["eval", "--format", "json", "--lang", "en"], args].concat());
    r.code(0);
    r.stdout
}

#[test]
fn the_bundled_data_saved_as_xls_and_ods_by_libreoffice_gives_the_verdicts_of_the_csv() {
    let csv = eval_json(&["data/2023.csv"]).replace("data/2023.csv", "FILE");
    for file in ["tests/data/workbooks/2023.xls", "tests/data/workbooks/2023.ods"] {
        let book = eval_json(&[file]).replace(file, "FILE");
        assert_eq!(book, csv, "{file}");
    }
    let (r, doc) = validate_json(&root(), &["tests/data/workbooks/2023.xls", "tests/data/workbooks/2023.ods"]);
    r.code(0); // the two files repeat each other: duplicate-row warnings, no error
    assert!(common::sheet_problems(&doc).iter().all(|p| p.0 == "duplicate-row"), "{doc:#}");
    for (i, kind) in [(0, "xls"), (1, "ods")] {
        let f = &doc["files"][i];
        assert_eq!(
            (f["encoding"].as_str(), f["rows_read"].as_u64(), f["rows_accepted"].as_u64()),
            (Some(kind), Some(227), Some(227))
        );
    }
}

#[test]
fn a_biff8_workbook_reads_percent_cells_as_shown_and_formulas_with_their_saved_value() {
    let dir = tempfile::tempdir().unwrap();
    // 0.597 in a 0.00% cell is 59.7 (what Excel shows), never 0.597.
    let mut body = forest_sheet(&[("晋江市", 0.597)], 1);
    body.extend(label(2, 0, "南安市"));
    body.extend(formula(2, 1, 60.0));
    let stream = workbook_stream(&[("2023", false, body)]);
    std::fs::write(dir.path().join("表-2023.xls"), compound(&stream)).unwrap();
    // WPS's own extension, the same bytes.
    std::fs::write(dir.path().join("表-2023.et"), compound(&stream)).unwrap();
    for name in ["表-2023.xls", "表-2023.et"] {
        let (r, doc) = validate_json(dir.path(), &[name]);
        r.code(0);
        assert_eq!(doc["files"][0]["rows_accepted"], 2, "{doc:#}");
        let p = common::sheet_problems(&doc);
        assert_eq!(p.len(), 1, "{doc:#}");
        assert_eq!((p[0].0.as_str(), p[0].1, p[0].2, p[0].3.as_str()), ("formula", Some(3), Some(2), "=60"));
    }
    let r = run_in(dir.path(), &["eval", "表-2023.xls", "--format", "json", "--fail-on", "never"]);
    let doc = r.json();
    let text = doc.to_string();
    assert!(text.contains("59.7"), "{text}");
}

// ---- Hostile .xls: each a clear problem, no abort ----

#[test]
fn a_dimensions_record_claiming_four_billion_rows_is_refused_before_the_reader_reserves_them() {
    let dir = tempfile::tempdir().unwrap();
    let body = [dimensions(0, 4_000_000_000, 0, 2), forest_sheet(&[("晋江市", 58.0)], 0)].concat();
    std::fs::write(dir.path().join("dims-2023.xls"), compound(&workbook_stream(&[("2023", false, body)]))).unwrap();
    let (r, doc) = validate_json(dir.path(), &["dims-2023.xls"]);
    r.code(1);
    let p = common::sheet_problems(&doc);
    assert_eq!(p.len(), 1, "{doc:#}");
    assert_eq!(p[0].0, "too-large");
    assert!(p[0].3.contains("4000000000 rows"), "{doc:#}");
    assert!(p[0].4.contains("sheet-cells"), "{doc:#}");
    // A first row after the last is no size at all.
    let body = [dimensions(9, 3, 0, 2), forest_sheet(&[("晋江市", 58.0)], 0)].concat();
    std::fs::write(dir.path().join("dims2-2023.xls"), compound(&workbook_stream(&[("2023", false, body)]))).unwrap();
    let (r, doc) = validate_json(dir.path(), &["dims2-2023.xls"]);
    r.code(1);
    assert!(
        common::sheet_problems(&doc).iter().any(|p| p.0 == "unreadable-file" && p.4.contains("DIMENSIONS")),
        "{doc:#}"
    );
}

#[test]
fn cells_far_apart_are_refused_before_the_reader_builds_the_grid_between_them() {
    let dir = tempfile::tempdir().unwrap();
    // Two cells: calamine would build the 65,536 × 65,536 grid between them (4 billion cells).
    let body = [forest_sheet(&[("晋江市", 58.0)], 0), number(65_535, 65_535, 0, 1.0)].concat();
    std::fs::write(dir.path().join("far-2023.xls"), compound(&workbook_stream(&[("2023", false, body)]))).unwrap();
    let (r, doc) = validate_json(dir.path(), &["far-2023.xls"]);
    r.code(1);
    let p = common::sheet_problems(&doc);
    assert_eq!((p[0].0.as_str(), p.len()), ("too-large", 1), "{doc:#}");
    assert!(p[0].4.contains("sheet-cells"), "{doc:#}");
}

/// A workbook stream long enough to live in regular sectors (not the mini stream).
fn long_stream() -> Vec<u8> {
    let rows: Vec<(String, f64)> = (0..600).map(|i| (format!("地区{i}"), 50.0)).collect();
    let rows: Vec<(&str, f64)> = rows.iter().map(|(a, v)| (a.as_str(), *v)).collect();
    workbook_stream(&[("2023", false, forest_sheet(&rows, 0))])
}

#[test]
fn a_truncated_stream_is_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let whole = compound(&long_stream());
    assert!(whole.len() > 16 << 10);
    std::fs::write(dir.path().join("cut-2023.xls"), &whole[..whole.len() / 2]).unwrap();
    // The stream's records cut inside the compound file, too: a record running past the stream.
    let mut stream = long_stream();
    stream.truncate(stream.len() - 7);
    std::fs::write(dir.path().join("cut2-2023.xls"), compound(&stream)).unwrap();
    for name in ["cut-2023.xls", "cut2-2023.xls"] {
        let (_, doc) = common::sole_problem(dir.path(), name, "unreadable-file");
        assert_eq!(doc["files"][0]["shape"], "unreadable");
    }
}

#[test]
fn a_sector_chain_loop_is_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let whole = compound(&long_stream());
    // The directory's chain points back at itself: calamine would read it for ever.
    let mut dir_loop = whole.clone();
    let dir_start = u32_at(&whole, 48);
    let at = fat_entry(&whole, dir_start);
    set_u32(&mut dir_loop, at, dir_start);
    std::fs::write(dir.path().join("dirloop-2023.xls"), &dir_loop).unwrap();
    // The Workbook stream's last sector points back at its first.
    let entry = 512 + 512 * dir_start as usize + 128; // the root is entry 0, the stream entry 1
    let first = u32_at(&whole, entry + 116);
    let mut last = first;
    while u32_at(&whole, fat_entry(&whole, last)) != 0xFFFF_FFFE {
        last = u32_at(&whole, fat_entry(&whole, last));
    }
    assert_ne!(first, last);
    let mut stream_loop = whole.clone();
    set_u32(&mut stream_loop, fat_entry(&whole, last), first);
    std::fs::write(dir.path().join("loop-2023.xls"), &stream_loop).unwrap();
    for name in ["dirloop-2023.xls", "loop-2023.xls"] {
        let (p, doc) = common::sole_problem(dir.path(), name, "unreadable-file");
        assert!(p.4.contains("sector chains"), "{doc:#}");
    }
}

#[test]
fn a_string_or_a_sheet_beyond_its_record_is_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    // A LABEL claiming 60,000 characters in 4 bytes.
    let mut lie = label(0, 0, "县市区");
    lie[10..12].copy_from_slice(&60_000u16.to_le_bytes());
    let body = [lie, forest_sheet(&[("晋江市", 58.0)], 0)].concat();
    std::fs::write(dir.path().join("label-2023.xls"), compound(&workbook_stream(&[("2023", false, body)]))).unwrap();
    // A sheet the globals place past the end of the stream.
    let mut stream = workbook_stream(&[("2023", false, forest_sheet(&[("晋江市", 58.0)], 0))]);
    let at = stream.windows(2).position(|w| w == [0x85, 0x00]).unwrap() + 4;
    stream[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(dir.path().join("pos-2023.xls"), compound(&stream)).unwrap();
    for (name, words) in [("label-2023.xls", "fits in its record"), ("pos-2023.xls", "starts within")] {
        let (r, doc) = validate_json(dir.path(), &[name]);
        r.code(1);
        let p = common::sheet_problems(&doc);
        assert_eq!(p[0].0, "unreadable-file", "{doc:#}");
        assert!(p[0].4.contains(words), "{doc:#}");
    }
}

// ---- A sheet a year ----

#[test]
fn sheets_not_read_are_named_and_all_sheets_reads_each_dated_by_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = [
        ("2022年度", false, forest_sheet(&[("晋江市", 57.0), ("南安市", 55.0)], 0)),
        ("2023", false, forest_sheet(&[("晋江市", 58.0)], 0)),
        ("草稿", true, forest_sheet(&[("晋江市", 1.0)], 0)),
    ];
    std::fs::write(dir.path().join("jinjiang.xls"), compound(&workbook_stream(&sheets))).unwrap();
    // No WINDOW1: the first visible sheet is read; the other visible one is named, the hidden one not.
    let (r, doc) = validate_json(dir.path(), &["jinjiang.xls", "--year", "2022"]);
    r.code(0);
    let p = common::sheet_problems(&doc);
    assert_eq!(p.len(), 1, "{doc:#}");
    assert_eq!((p[0].0.as_str(), p[0].3.as_str()), ("unread-sheet", "sheet \"2023\" (2 rows)"));
    assert!(p[0].4.contains("--all-sheets"), "{doc:#}");
    let (r, doc) = validate_json(dir.path(), &["jinjiang.xls", "--all-sheets"]);
    r.code(0);
    let files: Vec<(&str, u64)> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["rows_accepted"].as_u64().unwrap()))
        .collect();
    assert_eq!(files, [("jinjiang.xls[2022年度]", 2), ("jinjiang.xls[2023]", 1)]);
    // Each sheet's rows carry its year: both years can be evaluated, and the areas have values in each.
    for (year, value) in [("2022", 57.0), ("2023", 58.0)] {
        let r = run_in(
            dir.path(),
            &["eval", "jinjiang.xls", "--all-sheets", "--year", year, "--format", "json", "--fail-on", "never"],
        );
        r.code(0);
        let doc = r.json();
        let jinjiang = doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["county"] == "晋江市" && v["indicator"] == "forest_coverage")
            .unwrap_or_else(|| panic!("{doc:#}"));
        assert_eq!(jinjiang["value"].as_f64(), Some(value), "{jinjiang:#}");
    }
}

// ---- Forms and names as offices write them ----

#[test]
fn a_form_with_a_title_units_and_a_footer_reads_its_rows_and_says_which_header_it_took() {
    for file in ["form-2023.xls", "form-2023.ods"] {
        let path = format!("tests/data/workbooks/{file}");
        let (r, doc) = validate_json(&root(), &[&path]);
        r.code(0);
        let f = &doc["files"][0];
        assert_eq!(
            (f["rows_read"].as_u64(), f["rows_accepted"].as_u64(), f["header_row"].as_u64()),
            (Some(1), Some(1), Some(3)),
            "{doc:#}"
        );
        let matched: Vec<(&str, &str)> = f["matched"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["header"].as_str().unwrap(), m["indicator"].as_str().unwrap()))
            .collect();
        assert_eq!(
            matched,
            [
                ("森林覆盖率(%)", "forest_coverage"),
                ("单位GDP能耗降低率（%）", "energy_intensity_reduction"),
                ("绿盈乡村比例", "green_village_share")
            ]
        );
        let r = common::run(&["validate", &path]);
        r.code(0).stdout_has("表头在第3行").stdout_has("“森林覆盖率(%)”按 forest_coverage 读取");
    }
    // --header-row forces the row: the 填报单位 row names no column.
    let (r, doc) = validate_json(&root(), &["tests/data/workbooks/form-2023.xls", "--header-row", "2"]);
    r.code(1);
    assert!(common::sheet_problems(&doc).iter().any(|p| p.0 == "missing-column" && p.1 == Some(2)), "{doc:#}");
}

#[test]
fn a_bare_table_reads_as_before_and_a_name_two_indicators_share_stays_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bare-2023.csv"), "县市区,森林覆盖率（%）\n晋江市,58\n").unwrap();
    let (r, doc) = validate_json(dir.path(), &["bare-2023.csv"]);
    r.code(0);
    assert!(doc["files"][0].get("header_row").is_none() && doc["files"][0].get("matched").is_none(), "{doc:#}");
    let shared = "主要污染物(氮氧化物、挥发性有机物、化学需氧量、氨氮)减少(%)";
    std::fs::write(dir.path().join("shared-2023.csv"), format!("县市区,{shared}\n晋江市,5\n")).unwrap();
    let (r, doc) = validate_json(dir.path(), &["shared-2023.csv"]);
    r.code(1);
    assert!(
        common::sheet_problems(&doc).iter().any(|p| p.0 == "unknown-indicator" && p.4.contains("nox_reduction")),
        "{doc:#}"
    );
}

// ---- .ods: what the XML repeats is counted before calamine believes it ----

/// An OpenDocument spreadsheet of one table, `rows` its `table:table-row` elements.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="2023"><table:table-row><table:table-cell office:value-type="string"><text:p>县市区</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>森林覆盖率（%）</text:p></table:table-cell></table:table-row>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_reads_percentages_as_shown_and_refuses_what_its_repeats_would_build() {
    let dir = tempfile::tempdir().unwrap();
    let row = |area: &str, cell: &str| {
        format!(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>{area}</text:p></table:table-cell>{cell}</table:table-row>"#
        )
    };
    let percent = row(
        "晋江市",
        r#"<table:table-cell office:value-type="percentage" office:value="0.597"><text:p>59.70%</text:p></table:table-cell>"#,
    );
    std::fs::write(dir.path().join("pct-2023.ods"), ods(&percent)).unwrap();
    let r = run_in(dir.path(), &["eval", "pct-2023.ods", "--format", "json", "--fail-on", "never"]);
    let doc = r.json();
    let v = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["county"] == "晋江市" && v["indicator"] == "forest_coverage");
    assert_eq!(v.map(|v| v["value"].as_f64()), Some(Some(59.7)), "{doc:#}");
    // A value repeated over 16,384 columns of a million rows: 17 billion cells from 300 bytes.
    let bomb = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row>"#;
    std::fs::write(dir.path().join("repeat-2023.ods"), ods(bomb)).unwrap();
    // A run of a billion spaces in one cell.
    let spaces = row(
        "晋江市",
        r#"<table:table-cell office:value-type="string"><text:p>5<text:s text:c="1000000000"/></text:p></table:table-cell>"#,
    );
    std::fs::write(dir.path().join("spaces-2023.ods"), ods(&spaces)).unwrap();
    for (name, limit) in [("repeat-2023.ods", "sheet-cells"), ("spaces-2023.ods", "cell-bytes")] {
        let (p, doc) = common::sole_problem(dir.path(), name, "too-large");
        assert!(p.4.contains(limit), "{doc:#}");
    }
}

// ---- The sheet Excel opens on, hidden ----

#[test]
fn a_hidden_active_sheet_is_not_read_and_a_warning_names_it_and_the_sheet_read() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = |v: &str| files::wide("beautiful_bays", &[("全市", files::number("B2", v, 0))]);
    let book = files::Book {
        sheets: vec![
            files::Sheet { name: "old", hidden: true, data: sheet("99") },
            files::Sheet { name: "2023", hidden: false, data: sheet("10") },
        ],
        active: 0,
        strings: String::new(),
        sst_attrs: String::new(),
        deflate: false,
    };
    std::fs::write(dir.path().join("hidden-2023.xlsx"), book.bytes()).unwrap();
    std::fs::write(dir.path().join("shown-2023.xlsx"), files::Book { active: 1, ..book }.bytes()).unwrap();
    // The .xls writer here gives no WINDOW1: the first sheet, hidden, is the one Excel opens on.
    let stream = workbook_stream(&[
        ("old", true, forest_sheet(&[("晋江市", 50.0)], 0)),
        ("2023", false, forest_sheet(&[("晋江市", 58.0)], 0)),
    ]);
    std::fs::write(dir.path().join("hidden-2023.xls"), compound(&stream)).unwrap();
    for file in ["hidden-2023.xlsx", "hidden-2023.xls"] {
        let (r, doc) = validate_json(dir.path(), &[file]);
        r.code(0);
        let p = common::sheet_problems(&doc);
        assert_eq!(p.len(), 1, "{doc:#}");
        assert_eq!((p[0].0.as_str(), p[0].3.as_str()), ("unread-sheet", "sheet \"old\" (hidden)"), "{doc:#}");
        assert!(p[0].4.contains("sheet \"2023\", the first visible one, is read"), "{doc:#}");
        // Named, or every visible sheet read: a choice, no warning.
        for args in [["--sheet", "old"], ["--sheet", "2023"]] {
            let (_, doc) = validate_json(dir.path(), &[&[file][..], &args[..]].concat());
            assert!(common::sheet_problems(&doc).iter().all(|p| p.0 != "unread-sheet"), "{args:?} {doc:#}");
        }
        let (_, doc) = validate_json(dir.path(), &[file, "--all-sheets"]);
        assert!(common::sheet_problems(&doc).iter().all(|p| p.0 != "unread-sheet"), "{doc:#}");
    }
    let (_, doc) = validate_json(dir.path(), &["shown-2023.xlsx"]);
    assert!(common::sheet_problems(&doc).is_empty(), "the visible active sheet: {doc:#}");
    common::run_in(dir.path(), &["validate", "hidden-2023.xlsx"]).stdout_has("第一个可见工作表“2023”");
}

// ---- A form's units row against the catalogue ----

#[test]
fn a_units_row_is_compared_with_the_catalogue_once_folded() {
    let dir = tempfile::tempdir().unwrap();
    let form = |units: &str| {
        format!(
            "泉州市2023年生态环境保护指标填报表（晋江市）,,,\n县市区,森林覆盖率(%),中心市区细颗粒物年均浓度,美丽海湾数量\n{units}\n晋江市,58.1,19.8,1\n"
        )
    };
    // ％, μg/m³ with a micro sign, or the units bare: the catalogue's % and μg/m3 as offices write them.
    std::fs::write(dir.path().join("ok-2023.csv"), form(",（％）,（µg/m³）,（个）")).unwrap();
    std::fs::write(dir.path().join("ok2-2023.csv"), form("单位,%,μg/m3,")).unwrap();
    for file in ["ok-2023.csv", "ok2-2023.csv"] {
        let (_, doc) = validate_json(dir.path(), &[file]);
        assert!(common::sheet_problems(&doc).iter().all(|p| p.0 != "unit-mismatch"), "{file}: {doc:#}");
        assert_eq!(doc["files"][0]["header_row"], 2, "the units row is no data: {doc:#}");
        assert_eq!(doc["files"][0]["rows_read"], 1, "the units row is no data: {doc:#}");
    }
    // 公顷 over a share in %, mg/m3 over μg/m3: each named with its row, column, header and both units.
    std::fs::write(dir.path().join("bad-2023.csv"), form(",（公顷）,(mg/m3),（个）")).unwrap();
    let (r, doc) = validate_json(dir.path(), &["bad-2023.csv"]);
    r.code(1);
    let p: Vec<Found> = common::sheet_problems(&doc).into_iter().filter(|p| p.0 == "unit-mismatch").collect();
    let shown: Vec<_> = p.iter().map(|p| (p.1, p.2, p.3.as_str())).collect();
    assert_eq!(shown, [(Some(3), Some(2), "（公顷）"), (Some(3), Some(3), "(mg/m3)")], "{doc:#}");
    assert!(p[0].4.contains("forest_coverage, \"%\""), "{doc:#}");
    assert!(p[1].4.contains("\"μg/m3\""), "{doc:#}");
    let problem = &doc["problems"].as_array().unwrap().iter().find(|p| p["code"] == "unit-mismatch").unwrap();
    assert_eq!((problem["field"].as_str(), problem["severity"].as_str()), (Some("森林覆盖率(%)"), Some("error")));
    common::run_in(dir.path(), &["validate", "bad-2023.csv"]).stdout_has("单位与指标目录不符");
}
