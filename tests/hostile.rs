//! What a hostile or careless file does, tried from outside: every class of issue 12 ends in a clear
//! problem with its file and place, promptly and in bounded memory. Each test builds its own file.

mod common;
#[path = "hostile/files.rs"]
mod files;

use std::path::Path;

use common::{Run, run_in};
use files::{Book, Sheet, number, row, text, wide};
use serde_json::Value;

fn validate_json(dir: &Path, args: &[&str]) -> (Run, Value) {
    let r = run_in(dir, &[&["validate", "--format", "json"], args].concat());
    let doc = r.json();
    (r, doc)
}

fn has(doc: &Value, code: &str, needle: &str) -> bool {
    common::problems(doc)
        .iter()
        .any(|(c, _, _, found, expected)| c == code && (found.contains(needle) || expected.contains(needle)))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

// ---- Workbooks that aborted the process ----

#[test]
fn two_cells_far_apart_are_read_without_a_dense_grid() {
    let dir = tempfile::tempdir().unwrap();
    let data = row(1, &[text("A1", "county"), text("B1", "forest_coverage")])
        + &row(2, &[text("A2", "全市"), number("B2", "59", 0)])
        + &row(1_048_576, &[number("XFD1048576", "1", 0)]);
    write(dir.path(), "far-2023.xlsx", &Book::one(data).bytes());
    let (r, doc) = validate_json(dir.path(), &["far-2023.xlsx"]);
    r.code(1);
    // The lone far cell is beyond the header: a ragged row at its place, and the real row is used.
    assert!(
        common::problems(&doc).iter().any(|p| p.0 == "ragged-row" && p.1 == Some(1_048_576) && p.2 == Some(16_384)),
        "{doc:#}"
    );
    assert_eq!(doc["files"][0]["rows_accepted"], 1);
}

#[test]
fn a_malformed_or_out_of_range_cell_reference_is_an_unreadable_workbook() {
    let dir = tempfile::tempdir().unwrap();
    for (name, cell) in [
        ("bad-ref-2023.xlsx", r#"<c r="valueB3"><v>1</v></c>"#.to_string()),
        ("beyond-2023.xlsx", number("XFE1", "1", 0)),
        ("huge-col-2023.xlsx", number("ZZZZZZZZZZZZ1", "1", 0)),
    ] {
        let data = row(1, &[text("A1", "county"), cell]);
        write(dir.path(), name, &Book::one(data).bytes());
        let (r, doc) = validate_json(dir.path(), &[name]);
        r.code(1);
        assert_eq!(common::problems(&doc)[0].0, "unreadable-file", "{name}: {doc:#}");
        assert_eq!(doc["files"][0]["shape"], "unreadable");
    }
}

#[test]
fn a_shared_strings_count_of_four_billion_is_refused_before_it_is_believed() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Book::one(row(1, &[text("A1", "county")]));
    book.sst_attrs = r#"count="1" uniqueCount="4294967295""#.into();
    book.strings = "<si><t>x</t></si>".into();
    write(dir.path(), "sst-2023.xlsx", &book.bytes());
    let (r, doc) = validate_json(dir.path(), &["sst-2023.xlsx"]);
    r.code(1);
    assert!(has(&doc, "unreadable-file", "uniqueCount=\"4294967295\""), "{doc:#}");
}

#[test]
fn a_zip_bomb_is_refused_at_the_workbook_bytes_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 24 MiB of blanks between two rows deflate to about 24 KiB. The limit is lowered to 16 MiB so that
    // the test builds and reads a small bomb; the default limit is the same check at 256 MiB.
    let mut data = row(1, &[text("A1", "county")]);
    data.push_str(&" ".repeat(24 << 20));
    let mut book = Book::one(data);
    book.deflate = true;
    let bytes = book.bytes();
    assert!(bytes.len() < 1 << 20, "{} bytes", bytes.len());
    write(dir.path(), "bomb-2023.xlsx", &bytes);
    let (r, doc) = validate_json(dir.path(), &["bomb-2023.xlsx", "--limit", "workbook-bytes=16M"]);
    r.code(1);
    assert!(has(&doc, "too-large", "workbook-bytes"), "{doc:#}");
    // Raised, the same file is read.
    let (r, doc) = validate_json(dir.path(), &["bomb-2023.xlsx", "--limit", "workbook-bytes=64M"]);
    r.code(1);
    assert!(!has(&doc, "too-large", "workbook-bytes"), "{doc:#}");
}

#[test]
fn one_huge_cell_is_too_large_at_its_place_and_never_echoed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "9".repeat(4 << 20);
    let data = wide("forest_coverage", &[("全市", text("B2", &huge)), ("晋江市", number("B3", "61", 0))]);
    write(dir.path(), "cell-2023.xlsx", &Book::one(data).bytes());
    let (r, doc) = validate_json(dir.path(), &["cell-2023.xlsx"]);
    r.code(1);
    let too_large: Vec<_> = common::problems(&doc).into_iter().filter(|p| p.0 == "too-large").collect();
    assert_eq!((too_large[0].1, too_large[0].2), (Some(2), Some(2)), "{doc:#}");
    assert!(too_large[0].4.contains("cell-bytes"), "{doc:#}");
    assert!(r.stdout.len() < 8 << 10, "{} bytes of output", r.stdout.len());
    assert_eq!(doc["files"][0]["rows_accepted"], 1);
    // The same cell in a CSV file, shown in validate's table.
    write(dir.path(), "cell-2023.csv", format!("county,forest_coverage\n全市,{huge}\n").as_bytes());
    let r = run_in(dir.path(), &["validate", "cell-2023.csv"]);
    r.code(1).stdout_has("too-large").stdout_has("bytes in all");
    assert!(r.stdout.len() < 8 << 10, "{} bytes of output", r.stdout.len());
}

#[test]
fn a_damaged_xls_ods_or_xlsb_is_unreadable() {
    // .xls, .ods and .xlsb are read (tests/workbooks.rs and tests/xlsb.rs build the hostile ones);
    // damaged, each is one problem.
    let dir = tempfile::tempdir().unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    write(dir.path(), "old-2023.xls", &ole);
    let ods = files::zip(&[("content.xml".into(), b"<x/>".to_vec())], false);
    write(dir.path(), "calc-2023.ods", &ods);
    let xlsb = files::zip(&[("xl/workbook.bin".into(), b"\x83\x01\x00".to_vec())], false);
    write(dir.path(), "binary-2023.xlsb", &xlsb);
    let (r, doc) = validate_json(dir.path(), &["old-2023.xls", "calc-2023.ods", "binary-2023.xlsb"]);
    r.code(1);
    assert_eq!(doc["errors"], 3, "{doc:#}");
    assert!(has(&doc, "unreadable-file", "Excel 97-2003"), "{doc:#}");
    assert!(has(&doc, "unreadable-file", "mimetype"), "{doc:#}");
    // A workbook part of one record and no sheet.
    assert!(has(&doc, "unreadable-file", "no visible worksheet"), "{doc:#}");
}

// ---- Output injection ----

/// No line of the output is a workflow command, and no control or bidi character reaches it.
fn assert_inert(label: &str, output: &str) {
    for line in output.lines() {
        assert!(
            !line.trim_start().starts_with("::error") && !line.trim_start().starts_with("::stop"),
            "{label}: {line}"
        );
    }
    let bad = output.chars().find(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c));
    assert_eq!(bad, None, "{label}: {output:?}");
}

#[test]
fn text_from_the_input_cannot_forge_commands_or_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\n::error file=a::forged\u{1b}]0;title\u{7}-2023.csv";
    let csv = "county,forest_coverage,\"bad\n::stop-commands::token\",\"pm25\u{1b}[2J\u{1b}[1A\u{1b}[2K\u{202e}\"\n\
               \"全市\r::error::cr\",\"\u{1b}]8;;http://x\u{1b}\\\\link\u{1b}]8;;\u{1b}\\\\\",,\n";
    write(dir.path(), name, csv.as_bytes());
    for args in [&["validate", name][..], &["validate", name, "--max-errors", "1"], &["eval", name]] {
        let r = run_in(dir.path(), args);
        assert!(r.code == 1 || r.code == 2, "{}: {}", r.cmd, r.code);
        assert_inert(&format!("{} stdout", args[0]), &r.stdout);
        assert_inert(&format!("{} stderr", args[0]), &r.stderr);
    }
    let r = run_in(dir.path(), &["validate", name]);
    r.stdout_has("\\u{1b}").stdout_has("\\u{202e}").stdout_has("\\u{a}::error");
    // GitHub annotations: one line per problem, each a real command of ours.
    let r = run_in(dir.path(), &["validate", name, "--format", "github"]);
    for line in r.stdout.lines() {
        assert!(line.starts_with("::error file=x%0A%3A%3Aerror") || line.starts_with("::warning file=x%0A"), "{line}");
    }
}

// ---- Non-regular files ----

#[cfg(unix)]
#[test]
fn fifos_devices_and_symlinks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe-2023.csv");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "county,forest_coverage\n全市,59\n").unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("link-2023.csv")).unwrap();
    let (r, doc) = validate_json(dir.path(), &["pipe-2023.csv", "/dev/zero", "link-2023.csv"]);
    r.code(1);
    let found: Vec<String> = common::problems(&doc).into_iter().map(|p| format!("{} {}", p.0, p.3)).collect();
    assert_eq!(
        found,
        [
            "unreadable-file a named pipe (FIFO)".to_string(),
            "unreadable-file a device".to_string(),
            format!("unreadable-file a symbolic link to {}", secret.display()),
        ],
        "{doc:#}"
    );
    let (r, doc) = validate_json(dir.path(), &["link-2023.csv", "--follow-symlinks"]);
    r.code(0);
    assert_eq!(doc["files"][0]["rows_accepted"], 1);
}

#[test]
fn standard_input_is_cut_at_the_file_bytes_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = "county,forest_coverage\n".to_string() + &"全市,59\n".repeat(1000);
    let r = common::run_with_stdin(
        dir.path(),
        &["validate", "-", "--format", "json", "--limit", "file-bytes=1K"],
        Some(big.as_bytes()),
    );
    r.code(1);
    assert!(has(&r.json(), "too-large", "file-bytes"), "{}", r.stdout);
}

// ---- Memory per problem ----

#[test]
fn repeated_problems_are_counted_past_the_limit_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "county,indicator,value\n".to_string() + &"厦门市,forest_coverage,59\n".repeat(20_000);
    write(dir.path(), "repeat-2023.csv", csv.as_bytes());
    let (r, doc) = validate_json(dir.path(), &["repeat-2023.csv", "--limit", "problems-per-code=50"]);
    r.code(1);
    assert_eq!(doc["problems"].as_array().unwrap().len(), 50);
    assert_eq!(doc["errors"], 20_000);
    assert_eq!(doc["not_shown"], 19_950);
    assert_eq!(doc["omitted"][0]["code"], "unknown-county");
    assert_eq!(doc["omitted"][0]["count"], 19_950);
    // --max-errors keeps no more than it shows.
    let (_, doc) = validate_json(dir.path(), &["repeat-2023.csv", "--max-errors", "3"]);
    assert_eq!((doc["problems"].as_array().unwrap().len(), &doc["errors"]), (3, &Value::from(20_000)));
    let r = run_in(dir.path(), &["validate", "repeat-2023.csv", "--limit", "problems-per-code=5"]);
    r.code(1).stdout_has("… and 19995 more error(s) [unknown-county] not kept");
}

// ---- Quadratic paths ----

#[test]
fn did_you_mean_is_not_tried_on_a_huge_cell() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!("county,forest_coverage\n{},59\n", "晋".repeat(40_000));
    write(dir.path(), "long-2023.csv", csv.as_bytes());
    let (r, doc) = validate_json(dir.path(), &["long-2023.csv"]);
    r.code(1);
    assert!(doc["problems"][0]["suggestion"].is_null(), "{doc:#}");
}

#[test]
fn a_targets_file_of_many_unknowns_and_a_catalogue_of_many_indicators_stay_linear() {
    let dir = tempfile::tempdir().unwrap();
    let targets: String = (0..20_000).map(|i| format!("[no_such_{i}]\ntarget = \">= 1\"\n")).collect();
    write(dir.path(), "targets.toml", targets.as_bytes());
    write(dir.path(), "2023.csv", "county,forest_coverage\n全市,59\n".as_bytes());
    let r = run_in(dir.path(), &["eval", "2023.csv", "--targets", "targets.toml", "--lang", "en"]);
    // The first 100 problems are listed, the rest counted (issue 19: 200,000 once printed 19 MB).
    r.code(2).stderr_has("no indicator with id \"no_such_0\"").stderr_has("… and 19900 more problem(s) not shown");
    let mut catalog = common::root().join("indicators.toml");
    catalog = catalog.canonicalize().unwrap();
    let mut text = std::fs::read_to_string(catalog).unwrap();
    for i in 0..25_000 {
        text.push_str(&format!(
            "\n[[indicator]]\nid = \"extra_{i}\"\ndomain = \"d\"\nname = \"n{i}\"\nunit = \"个\"\ntype = \"expected\"\nbetter = \"higher\"\ntarget = \">= 1\"\n"
        ));
    }
    write(dir.path(), "big.toml", text.as_bytes());
    run_in(dir.path(), &["check-catalog", "big.toml", "--lang", "en"]).code(0).stdout_has("25121 indicator(s)");
    run_in(dir.path(), &["validate", "2023.csv", "--catalog", "big.toml"]).code(0);
}

// ---- Silent misreads ----

#[test]
fn the_visible_active_sheet_is_read_not_a_hidden_first_one() {
    let dir = tempfile::tempdir().unwrap();
    let hidden = wide("beautiful_bays", &[("全市", number("B2", "99", 0))]);
    let shown = wide("beautiful_bays", &[("全市", number("B2", "10", 0))]);
    let book = Book {
        sheets: vec![
            Sheet { name: "old", hidden: true, data: hidden },
            Sheet { name: "2023", hidden: false, data: shown.clone() },
            Sheet { name: "notes", hidden: false, data: shown.replace(">10<", ">7<") },
        ],
        active: 0,
        strings: String::new(),
        sst_attrs: String::new(),
        deflate: false,
    };
    write(dir.path(), "sheets-2023.xlsx", &book.bytes());
    let value = |args: &[&str]| {
        let r = run_in(dir.path(), &[&["eval", "sheets-2023.xlsx", "--format", "json"], args].concat());
        let doc = r.json();
        let v = doc["results"].as_array().unwrap().iter().find(|v| v["indicator"] == "beautiful_bays").cloned();
        v.and_then(|v| v["value"].as_f64())
    };
    // The active tab is hidden: the first visible sheet is read.
    assert_eq!(value(&[]), Some(10.0));
    assert_eq!(value(&["--sheet", "old"]), Some(99.0), "a hidden sheet is read when named");
    let book = Book { active: 2, ..book };
    write(dir.path(), "sheets-2023.xlsx", &book.bytes());
    assert_eq!(value(&[]), Some(7.0), "the active sheet when it is visible");
}

#[test]
fn dates_formulas_and_numbers_beyond_a_double_are_problems_not_values() {
    let dir = tempfile::tempdir().unwrap();
    let data = wide(
        "beautiful_bays",
        &[
            ("全市", number("B2", "45104", 1)),
            ("晋江市", r#"<c r="B3"><f>SUM(C1:C2)</f></c>"#.to_string()),
            ("石狮市", r#"<c r="B4"><f>1+1</f><v>2</v></c>"#.to_string()),
            ("南安市", number("B5", "1e308", 0)),
            ("惠安县", number("B6", "2.5", 0)),
        ],
    );
    write(dir.path(), "misreads-2023.xlsx", &Book::one(data).bytes());
    let (r, doc) = validate_json(dir.path(), &["misreads-2023.xlsx"]);
    r.code(1);
    let got: Vec<(String, Option<u64>, String)> =
        common::problems(&doc).into_iter().map(|(c, l, _, found, _)| (c, l, found)).collect();
    assert_eq!(
        got,
        [
            ("not-a-number".to_string(), Some(2), "2023-06-27".to_string()),
            ("not-a-number".into(), Some(3), "=SUM(C1:C2)".into()),
            ("formula".into(), Some(4), "=1+1".into()),
            ("not-a-number".into(), Some(5), "1e308".into()),
            ("out-of-range".into(), Some(6), "2.5".into()),
        ],
        "{doc:#}"
    );
    assert!(has(&doc, "not-a-number", "a date, not a number"));
    assert!(has(&doc, "not-a-number", "a formula with no value saved"));
    // The formula's saved value is used, and said so; the other rows are rejected.
    assert_eq!(doc["files"][0]["rows_accepted"], 1, "{doc:#}");
}

#[test]
fn typed_numbers_that_a_double_cannot_hold_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "county,indicator,value\n全市,beautiful_bays,1e308\n全市,forest_coverage,1e-400\n\
               全市,pm25_central,0.99999999999999999\n全市,blue_sky_days,340.5\n";
    write(dir.path(), "numbers-2023.csv", csv.as_bytes());
    let (r, doc) = validate_json(dir.path(), &["numbers-2023.csv"]);
    r.code(1);
    let codes: Vec<(String, Option<u64>)> = common::problems(&doc).into_iter().map(|p| (p.0, p.1)).collect();
    let expected: Vec<(String, Option<u64>)> =
        [("not-a-number", 2), ("not-a-number", 3), ("not-a-number", 4), ("out-of-range", 5)]
            .map(|(c, l)| (c.to_string(), Some(l)))
            .to_vec();
    assert_eq!(codes, expected, "{doc:#}");
    assert!(has(&doc, "not-a-number", "too small to hold"));
    assert!(has(&doc, "not-a-number", "15 significant digits"));
    // A `done` indicator: 0.99999999999999999 is not 1.
    let done = done_id();
    let csv = format!("county,indicator,value\n全市,{done},0.99999999999999999\n");
    write(dir.path(), "done-2023.csv", csv.as_bytes());
    let (_, doc) = validate_json(dir.path(), &["done-2023.csv"]);
    assert!(has(&doc, "not-a-number", "15 significant digits"), "{doc:#}");
}

/// The id of an indicator of the shipped catalogue whose target is `done`.
fn done_id() -> String {
    let c = plan_check::catalog::Catalog::embedded().unwrap();
    let done = c.indicators.iter().find(|i| i.target == plan_check::target::Target::Done);
    done.expect("the catalogue has a done task").id.clone()
}

#[test]
fn a_file_name_with_two_years_dates_nothing_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let name = "泉州2021年至2023年.csv";
    write(dir.path(), name, "county,forest_coverage\n全市,59\n".as_bytes());
    let (r, doc) = validate_json(dir.path(), &[name]);
    r.code(1);
    assert!(has(&doc, "missing-year", "a name with the years 2021 and 2023"), "{doc:#}");
    assert_eq!(doc["files"][0]["rows_accepted"], 0);
    let (r, doc) = validate_json(dir.path(), &[name, "--year", "2023"]);
    r.code(0);
    assert!(has(&doc, "missing-year", "dated 2023 (--year)"), "{doc:#}");
    assert_eq!(doc["warnings"], 1);
}

// ---- Targets files checked like the catalogue ----

#[test]
fn a_targets_file_is_checked_against_each_indicator() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "2023.csv", "county,indicator,value\n中心市区,pm25_central,30\n".as_bytes());
    for (targets, why) in [
        ("[pm25_central]\ntarget = \"reference no_such_ref\"\n", "which no [[reference]] of the catalogue defines"),
        ("[pm25_central]\ntarget = \"rising\"\n", "rising on an indicator where lower is better"),
        (
            "[pm25_central]\ntarget = \"eliminated\"\n",
            "eliminated is a share in %, and this indicator is measured in μg/m3",
        ),
        ("[forest_coverage]\ntarget = \">= -5\"\n", "outside what the indicator can measure"),
        ("[pm25_central]\ntarget = \"<= 22%\"\n", "a % on an indicator measured in μg/m3"),
    ] {
        write(dir.path(), "targets.toml", targets.as_bytes());
        run_in(dir.path(), &["eval", "2023.csv", "--targets", "targets.toml", "--lang", "en"]).code(2).stderr_has(why);
    }
    // Its keys are input too: an id with a newline cannot forge a line.
    write(dir.path(), "targets.toml", "[\"x\\n::error::forged\\u001b[2J\"]\ntarget = \">= 1\"\n".as_bytes());
    let r = run_in(dir.path(), &["eval", "2023.csv", "--targets", "targets.toml"]);
    r.code(2).stderr_has("x\\u{a}::error::forged\\u{1b}[2J");
    assert_inert("eval stderr", &r.stderr);
    // Its sources are shown in eval's table.
    let targets = "[pm25_central]\ntarget = \"<= 35\"\nsource = \"doc\\n::error::forged\\u001b]0;t\\u0007\"\n";
    write(dir.path(), "targets.toml", targets.as_bytes());
    let r = run_in(dir.path(), &["eval", "2023.csv", "--targets", "targets.toml", "--lang", "en"]);
    r.stdout_has("province: doc\\u{a}::error::forged\\u{1b}]0;t\\u{7}");
    assert_inert("eval stdout", &r.stdout);
}

// ---- Accounting ----

#[test]
fn a_row_counted_as_accepted_is_a_row_whose_value_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "county,indicator,value\n全市,forest_coverage,50\n全市,forest_coverage,51\n全市,forest_coverage,50\n\
               中心市区,pm25_central,20\n中心市区,pm25_central,20\n";
    write(dir.path(), "dup-2023.csv", csv.as_bytes());
    let (r, doc) = validate_json(dir.path(), &["dup-2023.csv"]);
    r.code(1);
    let f = &doc["files"][0];
    assert_eq!(
        (&f["rows_read"], &f["rows_accepted"], &f["rows_rejected"]),
        (&5.into(), &2.into(), &3.into()),
        "{doc:#}"
    );
    let at: Vec<(String, Option<u64>)> = common::problems(&doc).into_iter().map(|p| (p.0, p.1)).collect();
    let expected: Vec<(String, Option<u64>)> = [
        ("conflicting-duplicate", 2),
        ("conflicting-duplicate", 3),
        ("conflicting-duplicate", 4),
        ("duplicate-row", 6),
    ]
    .map(|(c, l)| (c.to_string(), Some(l)))
    .to_vec();
    assert_eq!(at, expected, "{doc:#}");
    let eval = run_in(dir.path(), &["eval", "dup-2023.csv", "--skip-invalid", "--format", "json"]).json();
    let forest = eval["results"].as_array().unwrap().iter().find(|v| v["indicator"] == "forest_coverage").unwrap();
    assert!(forest["value"].is_null(), "no value of the conflict is used: {forest}");
}

// ---- validate on folders and files that cannot be read ----

#[test]
fn a_folder_gives_its_data_files_and_an_unreadable_file_is_a_problem_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("sub")).unwrap();
    write(&data, "a-2023.csv", "county,forest_coverage\n全市,59\n".as_bytes());
    write(&data, "b-2023.xlsx", &Book::one(wide("forest_coverage", &[("晋江市", number("B2", "61", 0))])).bytes());
    write(&data, "notes.txt", b"not data");
    write(&data.join("sub"), "c-2023.csv", "county,forest_coverage\n全市,1\n".as_bytes());
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let (r, doc) = validate_json(dir.path(), &["data", "empty", "missing.csv", "data/*.xlsm"]);
    r.code(1);
    let files: Vec<&str> = doc["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["data/a-2023.csv", "data/b-2023.xlsx", "empty", "missing.csv", "data/*.xlsm"], "{doc:#}");
    assert_eq!(doc["files"][0]["rows_accepted"], 1);
    assert_eq!(doc["files"][1]["rows_accepted"], 1);
    let unreadable: Vec<(String, String)> =
        common::problems(&doc).into_iter().filter(|p| p.0 == "unreadable-file").map(|p| (p.3, p.4)).collect();
    assert_eq!(unreadable.len(), 3, "{doc:#}");
    assert_eq!(unreadable[0].1, "a folder with at least one .csv, .xlsx or .xls file");
    assert_eq!(unreadable[1].0, "no such file");
    assert!(unreadable[2].1.contains("a pattern that matched no file"), "{doc:#}");
    let r = run_in(dir.path(), &["validate", "data", "missing.csv", "--format", "github", "--lang", "en"]);
    r.code(1).stdout_has("::error file=missing.csv,title=unreadable-file::found \"no such file\"");
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_unreadable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "locked-2023.csv", b"county,forest_coverage\n");
    let path = dir.path().join("locked-2023.csv");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&path).is_ok() {
        // Root reads any file: permissions cannot be tested here, and the other tests cover the path.
        eprintln!("skipped: this user can read a mode-000 file");
        return;
    }
    let (r, doc) = validate_json(dir.path(), &["locked-2023.csv"]);
    r.code(1);
    assert!(has(&doc, "unreadable-file", "no permission"), "{doc:#}");
}
