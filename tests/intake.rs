//! Real-world intake end to end: the encodings, shapes and number formats counties send, one file per
//! problem code, `validate`'s three output formats and exit codes, and standard input.

mod common;

use std::path::Path;

use common::{Run, root, run, run_in, run_with_stdin};
use plan_check::problem::Code;
use serde_json::Value;

const DIR: &str = "tests/data/intake";

/// One problem as a test states it: code, severity, line, column.
type Place = (&'static str, &'static str, Option<u64>, Option<u64>);

fn validate(args: &[&str]) -> (Run, Value) {
    let r = run(&[&["validate", "--format", "json"], args].concat());
    let doc = r.json();
    (r, doc)
}

fn places(doc: &Value) -> Vec<(String, String, Option<u64>, Option<u64>)> {
    doc["problems"]
        .as_array()
        .expect("problems is an array")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("severity"), p["line"].as_u64(), p["column"].as_u64())
        })
        .collect()
}

/// Every file's rows read = accepted + rejected, and the figures are the expected ones.
fn assert_accounting(doc: &Value, expected: &[(u64, u64, u64)]) {
    let files = doc["files"].as_array().expect("files is an array");
    let got: Vec<(u64, u64, u64)> = files
        .iter()
        .map(|f| {
            let n = |k: &str| f[k].as_u64().expect("a count");
            (n("rows_read"), n("rows_accepted"), n("rows_rejected"))
        })
        .collect();
    for (read, accepted, rejected) in &got {
        assert_eq!(*read, accepted + rejected, "accounting does not add up: {doc:#}");
    }
    assert_eq!(got, expected, "{doc:#}");
}

fn problem<'a>(doc: &'a Value, code: &str, line: u64) -> &'a Value {
    doc["problems"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["code"] == code && p["line"] == line))
        .unwrap_or_else(|| panic!("no {code} at line {line}: {doc:#}"))
}

struct Case {
    file: &'static str,
    args: &'static [&'static str],
    exit: i32,
    problems: &'static [Place],
    rows: (u64, u64, u64),
}

const CASES: &[Case] = &[
    Case {
        file: "unknown-project-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("unknown-project", "error", Some(3), Some(1))],
        rows: (2, 1, 1),
    },
    Case {
        file: "unknown-status-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("unknown-status", "error", Some(2), Some(2))],
        rows: (2, 1, 1),
    },
    Case {
        file: "completed-unfinished-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("completed-unfinished", "error", Some(2), Some(3))],
        rows: (1, 0, 1),
    },
    Case {
        file: "invested-above-planned-2023.csv",
        args: &[],
        exit: 0,
        problems: &[("invested-above-planned", "warning", Some(2), Some(4))],
        rows: (1, 1, 0),
    },
    Case {
        file: "progress-falling.csv",
        args: &[],
        exit: 1,
        problems: &[("progress-falling", "error", Some(3), Some(4))],
        rows: (2, 1, 1),
    },
    Case {
        file: "encoding-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("encoding", "error", Some(3), Some(3))],
        rows: (2, 1, 1),
    },
    Case {
        file: "empty-file-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("empty-file", "error", Some(1), None)],
        rows: (0, 0, 0),
    },
    Case {
        file: "missing-column-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("missing-column", "error", Some(1), None)],
        rows: (1, 0, 1),
    },
    Case {
        file: "duplicate-column-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("duplicate-column", "error", Some(1), Some(4))],
        rows: (1, 0, 1),
    },
    Case {
        file: "unknown-column-2023.csv",
        args: &[],
        exit: 0,
        problems: &[("unknown-column", "warning", Some(1), Some(4))],
        rows: (1, 1, 0),
    },
    Case {
        file: "ragged-row-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("ragged-row", "error", Some(3), None), ("ragged-row", "error", Some(4), Some(5))],
        rows: (4, 2, 2),
    },
    Case {
        file: "unknown-county-2023.csv",
        args: &[],
        exit: 1,
        problems: &[
            ("unknown-county", "error", Some(2), Some(1)),
            // The one accepted row, 泉港's forest coverage, has no parts for the city's ratio.
            ("ratio-without-parts", "warning", Some(3), None),
            ("unknown-county", "error", Some(4), Some(1)),
            ("unknown-county", "error", Some(5), Some(1)),
        ],
        rows: (4, 1, 3),
    },
    Case {
        file: "unknown-indicator-2023.csv",
        args: &[],
        exit: 1,
        problems: &[
            ("unknown-indicator", "error", Some(2), Some(2)),
            ("unknown-indicator", "error", Some(3), Some(2)),
            ("unknown-indicator", "error", Some(4), Some(2)),
        ],
        rows: (4, 1, 3),
    },
    Case {
        file: "not-a-number-2023.csv",
        args: &[],
        exit: 1,
        problems: &[
            ("not-a-number", "error", Some(2), Some(3)),
            ("not-a-number", "error", Some(3), Some(3)),
            ("not-a-number", "error", Some(4), Some(3)),
            ("not-a-number", "error", Some(5), Some(3)),
            ("not-a-number", "error", Some(6), Some(3)),
            ("not-a-number", "error", Some(7), Some(3)),
        ],
        rows: (7, 1, 6),
    },
    Case {
        file: "out-of-range-2023.csv",
        args: &[],
        exit: 1,
        problems: &[
            ("out-of-range", "error", Some(2), Some(3)),
            ("out-of-range", "error", Some(3), Some(3)),
            ("out-of-range", "error", Some(4), Some(3)),
            ("out-of-range", "error", Some(6), Some(4)),
            ("out-of-range", "error", Some(7), Some(6)),
            ("out-of-range", "error", Some(8), Some(5)),
        ],
        rows: (7, 1, 6),
    },
    Case {
        file: "missing-year.csv",
        args: &[],
        exit: 1,
        problems: &[("missing-year", "error", Some(3), Some(4))],
        rows: (2, 1, 1),
    },
    Case {
        file: "duplicate-row-2023.csv",
        args: &[],
        exit: 0,
        problems: &[("duplicate-row", "warning", Some(3), Some(3)), ("duplicate-row", "warning", Some(4), Some(3))],
        rows: (3, 3, 0),
    },
    Case {
        file: "conflicting-duplicate-2023.csv",
        args: &[],
        exit: 1,
        problems: &[
            ("conflicting-duplicate", "error", Some(3), Some(3)),
            ("duplicate-row", "warning", Some(4), Some(2)),
            ("conflicting-duplicate", "error", Some(4), Some(3)),
        ],
        rows: (3, 1, 2),
    },
    Case {
        file: "numerator-above-denominator-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("numerator-above-denominator", "error", Some(2), Some(5))],
        rows: (2, 1, 1),
    },
    Case {
        file: "inconsistent-ratio-2023.csv",
        args: &[],
        exit: 1,
        problems: &[
            ("inconsistent-ratio", "error", Some(2), Some(3)),
            ("inconsistent-ratio", "error", Some(3), Some(5)),
            ("inconsistent-ratio", "error", Some(4), Some(4)),
        ],
        rows: (4, 1, 3),
    },
    Case {
        file: "not-applicable-2023.csv",
        args: &[],
        exit: 0,
        problems: &[("not-applicable", "warning", Some(2), Some(1)), ("ratio-without-parts", "warning", Some(4), None)],
        rows: (3, 3, 0),
    },
    Case {
        file: "aggregate-mismatch-2023.csv",
        args: &[],
        exit: 0,
        problems: &[("aggregate-mismatch", "warning", Some(2), None)],
        rows: (14, 14, 0),
    },
    Case {
        file: "compound-gap-2023.csv",
        args: &["--catalog", "tests/data/national/indicators.toml"],
        exit: 0,
        // A series in a file named for its last year: issue 19's year-mismatch names the other year.
        problems: &[("year-mismatch", "warning", Some(2), Some(4)), ("compound-gap", "warning", Some(3), None)],
        rows: (2, 2, 0),
    },
    Case {
        file: "baseline-mismatch-2020.csv",
        args: &[],
        exit: 0,
        problems: &[("baseline-mismatch", "warning", Some(2), None)],
        rows: (3, 3, 0),
    },
    Case {
        file: "missing-indicator-2023.csv",
        args: &["--require", "binding"],
        exit: 1,
        problems: &[
            // 全市,pm25_central: a row on a city level the indicator is not judged on (issue 22).
            ("not-applicable", "warning", Some(9), Some(1)),
            ("missing-indicator", "error", None, None),
            ("missing-indicator", "error", Some(14), None),
            ("missing-indicator", "error", None, None),
        ],
        rows: (14, 14, 0),
    },
    Case {
        file: "晋江市-foreign-area-2023.csv",
        args: &["--area-from-filename"],
        exit: 1,
        problems: &[("foreign-area", "error", Some(3), None)],
        rows: (2, 1, 1),
    },
    Case {
        file: "ratio-without-parts-2023.csv",
        args: &[],
        exit: 0,
        problems: &[("ratio-without-parts", "warning", Some(2), None)],
        rows: (2, 2, 0),
    },
    Case {
        file: "unreadable-2023.xls",
        args: &[],
        exit: 1,
        problems: &[("unreadable-file", "error", None, None)],
        rows: (0, 0, 0),
    },
    Case {
        file: "too-large-2023.csv",
        args: &["--limit", "cell-bytes=64"],
        exit: 1,
        problems: &[("too-large", "error", Some(2), Some(4))],
        rows: (2, 1, 1),
    },
    Case {
        file: "year-outside-plan-2023.csv",
        args: &[],
        exit: 1,
        problems: &[("year-outside-plan", "error", Some(3), Some(4))],
        rows: (2, 1, 1),
    },
    Case {
        file: "year-mismatch-2023.csv",
        args: &[],
        exit: 0,
        problems: &[("year-mismatch", "warning", Some(3), Some(4))],
        rows: (2, 2, 0),
    },
    Case {
        file: "formula-2023.xlsx",
        args: &[],
        exit: 0,
        problems: &[("formula", "warning", Some(2), Some(2))],
        rows: (3, 3, 0),
    },
    Case {
        // An Excel 97-2003 workbook of sheets 2023 and 2022, written by the BIFF8 builder of
        // tests/workbooks.rs: the first is read, the second named.
        file: "unread-sheet-2023.xls",
        args: &[],
        exit: 0,
        // The sheet read gives 晋江市's forest share without its parts, as many offices do.
        problems: &[("unread-sheet", "warning", None, None), ("ratio-without-parts", "warning", Some(2), None)],
        rows: (1, 1, 0),
    },
    Case {
        // A form whose units row says 公顷 over 森林覆盖率 (a share in %); （％） over 绿盈乡村比例 is %.
        file: "unit-mismatch-2023.csv",
        args: &[],
        exit: 1,
        problems: &[
            ("unit-mismatch", "error", Some(3), Some(2)),
            ("ratio-without-parts", "warning", Some(4), None),
            ("ratio-without-parts", "warning", Some(4), None),
        ],
        rows: (1, 1, 0),
    },
];

#[test]
fn every_problem_code_has_a_file_and_is_reported_at_its_place() {
    for case in CASES {
        let path = format!("{DIR}/problems/{}", case.file);
        let (r, doc) = validate(&[&[path.as_str()], case.args].concat());
        r.code(case.exit);
        let expected: Vec<(String, String, Option<u64>, Option<u64>)> =
            case.problems.iter().map(|&(c, s, l, col)| (c.to_string(), s.to_string(), l, col)).collect();
        assert_eq!(places(&doc), expected, "{}: {doc:#}", case.file);
        assert_accounting(&doc, &[case.rows]);
        assert_eq!(doc["valid"], case.exit == 0, "{}", case.file);
        for p in doc["problems"].as_array().unwrap() {
            assert_eq!(p["file"], path, "{}", case.file);
            assert!(!p["expected"].as_str().unwrap_or_default().is_empty(), "{}: {p}", case.file);
        }
    }
    let covered: Vec<&str> = CASES.iter().flat_map(|c| c.problems.iter().map(|p| p.0)).collect();
    for code in Code::ALL {
        assert!(covered.contains(&code.as_str()), "no problem file for {}", code.as_str());
    }
}

#[test]
fn a_file_without_any_year_rejects_every_row_and_still_checks_them_all() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("values.csv"),
        "county,indicator,value\n全市,forest_coverage,59\n厦门,forest_coverage,59\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["validate", "values.csv", "--format", "json"]);
    r.code(1);
    let doc = r.json();
    let expected: Vec<(String, String, Option<u64>, Option<u64>)> = vec![
        ("missing-year".into(), "error".into(), Some(1), None),
        ("unknown-county".into(), "error".into(), Some(3), Some(1)),
    ];
    assert_eq!(places(&doc), expected);
    assert_accounting(&doc, &[(2, 0, 2)]);
    let r = run_in(dir.path(), &["validate", "values.csv", "--year", "2023", "--format", "json"]);
    assert_accounting(&r.json(), &[(2, 1, 1)]);
}

#[test]
fn problems_say_what_was_found_and_suggest_the_obvious_fix() {
    let (_, doc) = validate(&[&format!("{DIR}/problems/unknown-county-2023.csv")]);
    assert_eq!(problem(&doc, "unknown-county", 2)["found"], "晋江巿");
    assert_eq!(problem(&doc, "unknown-county", 2)["suggestion"], "晋江市");
    assert!(problem(&doc, "unknown-county", 4)["suggestion"].is_null());
    assert_eq!(problem(&doc, "unknown-county", 5)["suggestion"], "台商区");

    let (_, doc) = validate(&[&format!("{DIR}/problems/unknown-indicator-2023.csv")]);
    assert_eq!(problem(&doc, "unknown-indicator", 2)["suggestion"], "forest_coverage");
    assert_eq!(problem(&doc, "unknown-indicator", 3)["suggestion"], "森林覆盖率（%）");
    let shared = problem(&doc, "unknown-indicator", 4)["expected"].as_str().unwrap();
    assert!(shared.contains("shared by nox_reduction, voc_reduction, cod_reduction, ammonia_nitrogen_reduction"));

    let (_, doc) = validate(&[&format!("{DIR}/problems/not-a-number-2023.csv")]);
    let reason = |line| problem(&doc, "not-a-number", line)["expected"].as_str().unwrap().to_string();
    assert!(reason(2).contains("not a comparison"), "{}", reason(2));
    assert!(reason(3).contains("NaN and infinity"), "{}", reason(3));
    assert!(reason(4).contains("NaN and infinity"), "{}", reason(4));
    assert!(reason(5).contains("a % sign on an indicator that is not a percentage"), "{}", reason(5));
    assert!(reason(7).contains("thousands separator"), "{}", reason(7));

    let (_, doc) = validate(&[&format!("{DIR}/problems/out-of-range-2023.csv")]);
    let expected = |line| problem(&doc, "out-of-range", line)["expected"].as_str().unwrap().to_string();
    assert_eq!(expected(2), "a percentage between 0 and 100");
    assert_eq!(expected(3), "a count of zero or more (a whole number)");
    assert_eq!(expected(4), "a quantity of zero or more");

    let (_, doc) = validate(&[&format!("{DIR}/problems/unknown-column-2023.csv")]);
    assert_eq!(problem(&doc, "unknown-column", 1)["suggestion"], "note");
}

#[test]
fn conflicting_duplicates_point_at_each_other_and_neither_value_is_used() {
    let path = format!("{DIR}/problems/conflicting-duplicate-2023.csv");
    let (_, doc) = validate(&[&path]);
    let first = problem(&doc, "conflicting-duplicate", 3)["expected"].as_str().unwrap();
    assert!(first.contains(&format!("a different value is given at {path}:4: 72")), "{first}");
    let r = run(&["eval", &path, "--skip-invalid", "--format", "json"]);
    r.code(0).stderr_has("error[conflicting-duplicate]");
    let doc = r.json();
    let value = |county: &str| {
        let results = doc["results"].as_array().unwrap();
        results
            .iter()
            .find(|v| v["county"] == county && v["indicator"] == "green_village_share")
            .map(|v| v["value"].clone())
    };
    assert_eq!(value("全市"), Some(Value::from(64.4)));
    assert!(value("晋江市").is_none_or(|v| v.is_null()), "{:?}", value("晋江市"));
}

#[test]
fn an_excel_gb18030_file_reads_the_same_as_its_utf8_bom_twin() {
    let gb = format!("{DIR}/excel-gb18030-2023.csv");
    let bom = format!("{DIR}/excel-utf8-bom-2023.csv");
    for (file, encoding) in [(&gb, "gb18030"), (&bom, "utf-8-bom")] {
        let (r, doc) = validate(&[file]);
        r.code(0);
        assert_eq!((&doc["errors"], &doc["warnings"]), (&Value::from(0), &Value::from(0)), "{doc:#}");
        assert_accounting(&doc, &[(6, 6, 0)]);
        assert_eq!(doc["files"][0]["encoding"], encoding);
        assert_eq!(doc["files"][0]["shape"], "long");
    }
    // Sent together, every row of the second is a duplicate of the first: warnings, not errors.
    let (r, doc) = validate(&[&gb, &bom]);
    r.code(0);
    assert_eq!(places(&doc).iter().filter(|p| p.0 == "duplicate-row" && p.1 == "warning").count(), 6);
    assert_accounting(&doc, &[(6, 6, 0), (6, 6, 0)]);

    let values = |file: &str| {
        let doc = run(&["eval", file, "--format", "json"]).json();
        let mut v: Vec<(String, String, String)> = doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["value"].is_number())
            .map(|r| (r["county"].to_string(), r["indicator"].to_string(), r["value"].to_string()))
            .collect();
        v.sort();
        v
    };
    let from_gb = values(&gb);
    assert_eq!(from_gb, values(&bom));
    let value = |county: &str, id: &str| {
        from_gb.iter().find(|(c, i, _)| c == &format!("{county:?}") && i == &format!("{id:?}")).map(|v| v.2.clone())
    };
    assert_eq!(value("全市", "forest_coverage").as_deref(), Some("59.7"));
    assert_eq!(value("晋江市", "green_village_share").as_deref(), Some("71.4"));
    assert_eq!(value("全市", "blue_sky_days").as_deref(), Some("341.0"));
    let ratio: f64 = value("全市", "green_village_share").unwrap().parse().unwrap();
    assert!((ratio - 1330.0 / 2065.0 * 100.0).abs() < 1e-9, "{ratio}");
    assert_eq!(value("南安市", "beautiful_bays"), None, "`/` is no data, never zero");
}

#[test]
fn crlf_line_numbers_count_blank_and_quoted_lines() {
    let (r, doc) = validate(&[&format!("{DIR}/crlf-2023.csv")]);
    r.code(1);
    assert_eq!(places(&doc), vec![("not-a-number".into(), "error".into(), Some(6), Some(3))]);
    assert_accounting(&doc, &[(4, 3, 1)]);
}

#[test]
fn a_wide_file_with_chinese_headers_gives_one_measurement_per_cell() {
    let file = format!("{DIR}/wide-2023.csv");
    let (r, doc) = validate(&[&file]);
    r.code(0);
    assert_eq!(doc["files"][0]["shape"], "wide");
    assert_accounting(&doc, &[(4, 4, 0)]);
    let doc = run(&["eval", &file, "--format", "json"]).json();
    let value = |county: &str, id: &str| {
        doc["results"].as_array().unwrap().iter().find(|r| r["county"] == county && r["indicator"] == id).unwrap()
            ["value"]
            .clone()
    };
    assert_eq!(value("全市", "forest_coverage"), 59.7);
    assert_eq!(value("晋江市", "forest_coverage"), 61.2);
    assert_eq!(value("晋江市", "green_village_share"), 71.4);
    assert!(value("鲤城区", "forest_coverage").is_null());
}

#[test]
fn github_annotations_are_exact() {
    let r = run(&["validate", &format!("{DIR}/wide-problems-2023.csv"), "--format", "github", "--lang", "en"]);
    r.code(1);
    let f = "tests/data/intake/wide-problems-2023.csv";
    let expected = format!(
        "::error file={f},line=3,col=1,title=unknown-county::county: found \"晋江巿\"; expected a reporting area of the catalogue (name or alias) (did you mean 晋江市?)
::error file={f},line=4,col=2,title=out-of-range::forest_coverage: found \"101\"; expected a percentage between 0 and 100
::error file={f},line=4,col=3,title=not-a-number::green_village_share: found \"≥80\"; expected a number or a percentage (a value is a number, not a comparison; write the measured value)
::error file={f},line=4,col=4,title=out-of-range::beautiful_bays: found \"-1\"; expected a count of zero or more (a whole number)
::warning file={f},line=5,col=4,title=not-applicable::beautiful_bays: found \"安溪县\"; expected no value: beautiful_bays applies only to areas tagged coastal
"
    );
    assert_eq!(r.stdout, expected);
}

#[test]
fn github_output_escapes_what_workflow_commands_reserve_and_says_what_max_errors_left_out() {
    let r = run(&[
        "validate",
        &format!("{DIR}/problems/not-a-number-2023.csv"),
        "--format",
        "github",
        "--lang",
        "en",
        "--max-errors",
        "5",
    ]);
    r.code(1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{}", r.stdout);
    assert_eq!(
        lines[3],
        "::error file=tests/data/intake/problems/not-a-number-2023.csv,line=5,col=3,title=not-a-number::value: found \"22.4%25\"; expected a number (a %25 sign on an indicator that is not a percentage)"
    );
    assert_eq!(lines[5], "::notice::1 more problem(s) not shown (--max-errors 5)");
}

#[test]
fn json_output_is_one_document_with_counts_files_and_problems() {
    let (r, doc) = validate(&[&format!("{DIR}/wide-problems-2023.csv"), "--max-errors", "2"]);
    r.code(1);
    assert_eq!(doc["valid"], false);
    assert_eq!(doc["errors"], 4);
    assert_eq!(doc["warnings"], 1);
    assert_eq!(doc["not_shown"], 3);
    let file = &doc["files"][0];
    for key in ["file", "encoding", "shape", "rows_read", "rows_accepted", "rows_rejected"] {
        assert!(file.get(key).is_some(), "files[0] lacks {key}: {file}");
    }
    assert_eq!(file["encoding"], "utf-8");
    assert_accounting(&doc, &[(4, 2, 2)]);
    let problems = doc["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    let p = &problems[0];
    for key in ["code", "severity", "file", "line", "column", "field", "found", "expected", "suggestion"] {
        assert!(p.get(key).is_some(), "a problem lacks {key}: {p}");
    }
    assert_eq!(p["code"], "unknown-county");
    assert_eq!(p["severity"], "error");
    assert_eq!(p["line"], 3);
    assert_eq!(p["column"], 1);
    assert_eq!(p["field"], "county");
    assert_eq!(p["found"], "晋江巿");
    assert_eq!(p["suggestion"], "晋江市");
}

#[test]
fn text_output_is_a_table_then_one_accounting_line_per_file() {
    // Sent together, the wide file repeats the CRLF file's 全市 forest coverage: a warning there.
    let r = run(&["validate", &format!("{DIR}/crlf-2023.csv"), &format!("{DIR}/wide-2023.csv"), "--lang", "en"]);
    r.code(1);
    insta::assert_snapshot!("validate_text", r.stdout);
    let r = run(&["validate", &format!("{DIR}/wide-2023.csv"), "--lang", "en"]);
    r.code(0);
    // An area's ratio value without its parts, and no 全市 value of it: warned, still valid.
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[3].contains("┆    4 ┆     ┆ warning ┆ ratio-without-parts ┆ black_odorous_elimination ┆ 100"),
        "{}",
        r.stdout
    );
    assert_eq!(
        lines[5..],
        [
            "tests/data/intake/wide-2023.csv: 4 rows read = 4 accepted + 0 rejected (wide, utf-8)",
            "valid: 0 error(s), 1 warning(s)"
        ]
    );
}

#[test]
fn require_decides_which_city_values_must_be_there() {
    let file = format!("{DIR}/problems/missing-indicator-2023.csv");
    let (r, _) = validate(&[&file]);
    r.code(0);
    let (_, doc) = validate(&[&file, "--require", "binding"]);
    let missing: Vec<(&str, &str)> = doc["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "missing-indicator")
        .map(|p| (p["field"].as_str().unwrap(), p["found"].as_str().unwrap()))
        .collect();
    assert_eq!(
        missing,
        vec![("pm25_central", "no row"), ("groundwater_class_v", "no data"), ("natural_coastline_retention", "no row")]
    );
    let pm25 = problem_without_line(&doc, "pm25_central");
    assert!(pm25["expected"].as_str().unwrap().contains("on the 中心市区 row in 2023"), "{pm25}");
    let (r, doc) = validate(&[&file, "--require", "all"]);
    r.code(1);
    assert!(doc["errors"].as_u64().unwrap() > 3, "{doc:#}");
}

fn problem_without_line<'a>(doc: &'a Value, field: &str) -> &'a Value {
    doc["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["field"] == field && p["line"].is_null())
        .expect("the problem is listed")
}

#[test]
fn standard_input_is_read_with_a_dash_whatever_it_holds() {
    let gb18030 = std::fs::read(root().join(DIR).join("excel-gb18030-2023.csv")).unwrap();
    let r = run_with_stdin(&root(), &["validate", "-", "--format", "json"], Some(&gb18030));
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["files"][0]["file"], "<stdin>");
    assert_eq!(doc["files"][0]["encoding"], "gb18030");
    assert_accounting(&doc, &[(6, 6, 0)]);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide-2023.xlsx");
    write_workbook(&path);
    let xlsx = std::fs::read(&path).unwrap();
    let r = run_with_stdin(dir.path(), &["validate", "-", "--year", "2023", "--format", "json"], Some(&xlsx));
    r.code(0);
    assert_eq!(r.json()["files"][0]["encoding"], "xlsx");

    let r = run_with_stdin(
        &root(),
        &["validate", "-", "--lang", "en"],
        Some("county,indicator,value\n全市,森林,59\n".as_bytes()),
    );
    r.code(1).stdout_has("│ <stdin> ┆    2 ┆   2 ┆ error ┆ unknown-indicator");
}

/// The workbook of `tests/data/intake/wide-2023.xlsx`, as rust_xlsxwriter writes it. The table starts at
/// B3, so lines and columns are the spreadsheet's own; forest coverage is stored as 0.597 with a
/// percentage format, as Excel stores a cell typed `59.7%`.
fn write_workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let percent = Format::new().set_num_format("0.0%");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("2023").unwrap();
    for (c, h) in ["县市区", "森林覆盖率（%）", "蓝天天数", "美丽海湾数量（个）"].into_iter().enumerate()
    {
        sheet.write_string(2, 1 + c as u16, h).unwrap();
    }
    sheet.write_string(3, 1, "全市").unwrap();
    sheet.write_number_with_format(3, 2, 0.597, &percent).unwrap();
    sheet.write_number(3, 3, 341).unwrap();
    sheet.write_number(3, 4, 3).unwrap();
    sheet.write_string(4, 1, "晋江市").unwrap();
    sheet.write_number_with_format(4, 2, 0.612, &percent).unwrap();
    sheet.write_string(4, 3, "/").unwrap();
    sheet.write_number(4, 4, 1).unwrap();
    sheet.write_string(5, 1, "安溪县").unwrap();
    sheet.write_string(5, 2, "70.1").unwrap();
    sheet.write_string(5, 3, "—").unwrap();
    sheet.write_string(5, 4, "无数据").unwrap();

    let sheet = book.add_worksheet().set_name("问题").unwrap();
    for (c, h) in ["县市区", "森林覆盖率（%）", "蓝天天数"].into_iter().enumerate() {
        sheet.write_string(2, 1 + c as u16, h).unwrap();
    }
    sheet.write_string(3, 1, "全市").unwrap();
    sheet.write_number_with_format(3, 2, 0.597, &percent).unwrap();
    sheet.write_number_with_format(3, 3, 0.5, &percent).unwrap();
    sheet.write_string(4, 1, "晋江巿").unwrap();
    sheet.write_string(4, 2, "约60").unwrap();
    sheet.write_number(4, 3, 300).unwrap();
    book.save(path).unwrap();
}

/// Regenerates the committed workbook: `cargo test --test intake -- --ignored`.
#[test]
#[ignore = "writes tests/data/intake/wide-2023.xlsx"]
fn write_the_committed_workbook() {
    write_workbook(&root().join(DIR).join("wide-2023.xlsx"));
}

/// `validate --format json` with the folder taken out of file names, to compare two copies.
fn validate_in(dir: &Path, args: &[&str]) -> String {
    let r = run_in(dir, &[&["validate", "--format", "json"], args].concat());
    r.stdout.replace(&format!("{DIR}/"), "")
}

#[test]
fn the_committed_workbook_is_what_the_writer_makes() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("wide-2023.xlsx"));
    for sheet in ["2023", "问题"] {
        let fresh = validate_in(dir.path(), &["wide-2023.xlsx", "--sheet", sheet]);
        let committed = validate_in(&root(), &[&format!("{DIR}/wide-2023.xlsx"), "--sheet", sheet]);
        assert_eq!(fresh, committed, "sheet {sheet}");
    }
}

#[test]
fn an_xlsx_workbook_reads_percent_cells_as_shown_and_its_sheets_by_name() {
    let file = format!("{DIR}/wide-2023.xlsx");
    let (r, doc) = validate(&[&file]);
    r.code(0);
    // The 问题 sheet holds data too, and is not read without --sheet: a warning names it.
    assert_eq!(places(&doc), [("unread-sheet".to_string(), "warning".to_string(), None, None)]);
    assert_eq!(doc["problems"][0]["found"], "sheet \"问题\" (3 rows)");
    assert_eq!(doc["files"][0]["encoding"], "xlsx");
    assert_eq!(doc["files"][0]["shape"], "wide");
    assert_accounting(&doc, &[(3, 3, 0)]);
    let eval = run(&["eval", &file, "--format", "json"]).json();
    let value = |county: &str, id: &str| {
        eval["results"].as_array().unwrap().iter().find(|r| r["county"] == county && r["indicator"] == id).unwrap()
            ["value"]
            .clone()
    };
    assert_eq!(value("全市", "forest_coverage"), 59.7);
    assert_eq!(value("晋江市", "forest_coverage"), 61.2);
    assert_eq!(value("安溪县", "forest_coverage"), 70.1);
    assert_eq!(value("全市", "blue_sky_days"), 341.0);
    assert!(value("晋江市", "blue_sky_days").is_null());

    let (r, doc) = validate(&[&file, "--sheet", "问题"]);
    r.code(1);
    let expected: Vec<(String, String, Option<u64>, Option<u64>)> = vec![
        ("not-a-number".into(), "error".into(), Some(4), Some(4)),
        ("unknown-county".into(), "error".into(), Some(5), Some(2)),
        ("not-a-number".into(), "error".into(), Some(5), Some(3)),
    ];
    assert_eq!(places(&doc), expected);
    assert_eq!(problem(&doc, "not-a-number", 4)["found"], "50%");
    assert_accounting(&doc, &[(2, 0, 2)]);
}

#[test]
fn exit_code_2_when_validate_cannot_run() {
    run(&["validate", &format!("{DIR}/wide-2023.csv"), "--encoding", "klingon", "--lang", "en"])
        .code(2)
        .stderr_has("unknown encoding \"klingon\"");
    run(&["validate", &format!("{DIR}/wide-2023.csv"), "--format", "xml"]).code(2);
    run(&["validate", &format!("{DIR}/wide-2023.csv"), "--limit", "cells=5"]).code(2).stderr_has("no limit named");
    // A file that cannot be read is a problem of its own (docs/limits.md): see tests/hostile.rs.
    run(&["validate", "no/such.csv"]).code(1).stdout_has("unreadable-file").stdout_has("文件不存在");
    run(&["validate", &format!("{DIR}/wide-2023.xlsx"), "--sheet", "2030"])
        .code(1)
        .stdout_has("unreadable-file")
        .stdout_has("现有工作表：2023、问题");
}

#[test]
fn a_forced_encoding_reads_what_detection_would_not() {
    let file = format!("{DIR}/excel-gb18030-2023.csv");
    let (r, doc) = validate(&[&file, "--encoding", "gbk"]);
    r.code(0);
    assert_eq!(doc["files"][0]["encoding"], "gbk");
    let (r, doc) = validate(&[&file, "--encoding", "utf-8"]);
    r.code(1);
    assert_eq!(places(&doc)[0], ("encoding".into(), "error".into(), Some(1), Some(1)));
}

#[test]
fn eval_stops_on_invalid_data_with_the_same_list_and_skip_invalid_uses_the_rest() {
    let file = format!("{DIR}/problems/out-of-range-2023.csv");
    let r = run(&["eval", &file, "--lang", "en"]);
    r.code(2)
        .stderr_has(&format!(
            "{file}:2:3: error[out-of-range]: value: found \"101%\"; expected a percentage between 0 and 100"
        ))
        .stderr_has(&format!("{file}:8:5: error[out-of-range]: numerator"))
        .stderr_has("error: 6 problem(s) in the data; nothing was evaluated");
    let r = run(&["eval", &file, "--skip-invalid", "--format", "json"]);
    r.code(0).stderr_has("error[out-of-range]");
    let doc = r.json();
    let nox = doc["results"].as_array().unwrap().iter().find(|v| v["indicator"] == "nox_reduction").unwrap();
    assert_eq!(nox["value"], -3.2);
}

#[test]
fn the_documentation_has_a_row_for_every_problem_code() {
    let mut docs = std::fs::read_to_string(root().join("README.md")).unwrap();
    for entry in std::fs::read_dir(root().join("docs")).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "md") {
            docs.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    for code in Code::ALL {
        assert!(docs.contains(&format!("| `{}` |", code.as_str())), "no README.md or docs/ row for {}", code.as_str());
    }
}

/// `(code, expected_label, expected)` of every problem `validate --format csv` lists.
fn expectations(path: &str, args: &[&str], lang: &str) -> Vec<(String, String, String)> {
    let r = run(&[&["validate", path, "--format", "csv", "--lang", lang], args].concat());
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = reader.headers().expect("a header").iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name}: {header:?}"));
    let (code, label, expected) = (col("code"), col("expected_label"), col("expected"));
    reader
        .records()
        .map(|row| {
            let row = row.expect("a CSV row");
            (row[code].to_string(), row[label].to_string(), row[expected].to_string())
        })
        .collect()
}

/// Three ASCII words in a row, the shape of an English phrase. Identifiers, flags and file names
/// taken into a Chinese sentence (`--limit cell-bytes=N`, `county、indicator`) are not.
fn has_english_phrase(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    words.windows(3).any(|w| w.iter().all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic())))
}

#[test]
fn every_problem_code_says_what_it_expected_in_chinese_and_in_english() {
    let mut seen = Vec::new();
    for case in CASES {
        let path = format!("{DIR}/problems/{}", case.file);
        let en = expectations(&path, case.args, "en");
        let zh = expectations(&path, case.args, "zh");
        assert_eq!(en.len(), case.problems.len(), "{}", case.file);
        for ((code, en_label, english), (zh_code, zh_label, zh_english)) in en.iter().zip(&zh) {
            assert_eq!(code, zh_code);
            // English words are the machine text of JSON and --format github, the same in both languages.
            assert_eq!((en_label, english), (english, zh_english), "{}", case.file);
            assert!(!zh_label.is_empty() && zh_label != en_label, "{code}: {zh_label}");
            assert!(!has_english_phrase(zh_label), "{code}: English in {zh_label:?}");
            seen.push(code.clone());
        }
    }
    for code in Code::ALL {
        assert!(seen.iter().any(|c| c == code.as_str()), "no expectation checked for {}", code.as_str());
    }
    assert!(has_english_phrase("a year such as 2023") && !has_english_phrase("--limit cell-bytes=N 调高"));
}
