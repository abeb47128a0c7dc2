//! `plan-check eval` end to end: table and JSON output, each stage, each exit code, each kind of bad
//! input.

mod common;

use common::{root, run, run_in};

#[test]
fn the_bundled_2023_file_prints_the_midterm_tables() {
    let r = run(&["eval", "data/2023.csv"]);
    r.code(0)
        .stdout_has("泉州市“十四五”生态环境保护专项规划 — 中期评估")
        .stdout_has("序时进度 60%")
        .stdout_has("城市层面")
        .stdout_has("各地区")
        .stdout_has("图例：")
        .stdout_has("汇总（城市层面）");
    insta::assert_snapshot!("eval_2023_table", r.stdout);
}

#[test]
fn english_labels_on_request() {
    let r = run(&["eval", "data/2023.csv", "--lang", "en"]);
    r.code(0).stdout_has("mid-term").stdout_has("elapsed share 60%").stdout_has("achieved").stdout_has("legend:");
    assert!(!r.stdout.contains("提前实现"), "{}", r.stdout);
}

#[test]
fn json_output_is_the_documented_document() {
    let r = run(&["eval", "data/2023.csv", "--format", "json"]);
    r.code(0);
    let doc = r.json();
    for key in ["plan", "catalog", "files", "year", "stage", "elapsed_share", "summary", "results"] {
        assert!(doc.get(key).is_some(), "missing {key}");
    }
    assert_eq!(doc["year"], 2023);
    assert_eq!(doc["stage"], "midterm");
    assert_eq!(doc["elapsed_share"], 0.6);
    assert!(doc["summary"]["by_type"]["binding"].is_object());
    let results = doc["results"].as_array().unwrap();
    let forest = results.iter().find(|r| r["county"] == "全市" && r["indicator"] == "forest_coverage").unwrap();
    assert_eq!(forest["no"], 12);
    assert_eq!(forest["type"], "binding");
    assert_eq!(forest["better"], "higher");
    assert_eq!(forest["baseline"], 58.7);
    assert_eq!(forest["target"]["text"], "58.7");
    assert_eq!(forest["target"]["resolved"], "≥58.7");
    assert!(forest["target"]["source"].is_null());
    assert_eq!(forest["status"], "held", "58.7 met the target at the base year");
    assert!(forest["value"].is_number());
    let pm25 = results.iter().find(|r| r["official"] == true && r["indicator"] == "pm25_central").unwrap();
    assert_eq!(pm25["county"], "中心市区");
    assert_eq!(pm25["status"], "pending");
    assert_eq!(pm25["reason"], "province target not supplied");
    assert!(pm25["target"]["resolved"].is_null());
    // Every area in the file is judged too.
    assert!(results.iter().any(|r| r["county"] == "晋江市"
        && r["indicator"] == "coastal_water_class_i_ii"
        && r["status"] != "not_applicable"));
    assert!(
        results
            .iter()
            .any(|r| r["county"] == "安溪县" && r["indicator"] == "beautiful_bays" && r["status"] == "not_applicable")
    );
    let total: u64 = ["achieved", "held", "on_track", "lagging", "regressing", "pending", "missing"]
        .iter()
        .filter_map(|s| doc["summary"][s].as_u64())
        .sum();
    assert_eq!(total as usize, results.iter().filter(|r| r["official"] == true).count());
}

#[test]
fn the_final_stage_gives_pass_or_fail_and_exit_1_on_a_failing_binding_indicator() {
    let r = run(&["eval", "tests/data/eval/final-fail.csv", "--year", "2025", "--format", "json"]);
    r.code(1);
    let doc = r.json();
    assert_eq!(doc["stage"], "final");
    assert!(doc["elapsed_share"].is_null());
    let status = |id: &str| {
        doc["results"].as_array().unwrap().iter().find(|r| r["indicator"] == id && r["official"] == true).unwrap()["status"].clone()
    };
    assert_eq!(status("forest_coverage"), "fail");
    assert_eq!(status("park_500m_coverage"), "pass");
}

#[test]
fn fail_on_chooses_what_counts() {
    run(&["eval", "tests/data/eval/final-pass-binding.csv", "--year", "2025"]).code(0).stdout_has("总结评估");
    run(&["eval", "tests/data/eval/final-pass-binding.csv", "--year", "2025", "--fail-on", "any"]).code(1);
    run(&["eval", "tests/data/eval/final-fail.csv", "--year", "2025", "--fail-on", "never"]).code(0);
}

#[test]
fn the_stage_can_be_forced() {
    let r =
        run(&["eval", "tests/data/eval/final-fail.csv", "--year", "2025", "--stage", "midterm", "--format", "json"]);
    let doc = r.json();
    assert_eq!(doc["stage"], "midterm");
    assert_eq!(doc["elapsed_share"], 1.0);
}

#[test]
fn province_targets_replace_the_plan_target_and_show_their_source() {
    let args = ["eval", "tests/data/eval/pm25-2023.csv"];
    run(&args).code(0).stdout_has("未提供省下达目标");
    let r = run(&[&args[..], &["--targets", "tests/data/eval/province.toml"]].concat());
    r.code(1).stdout_has("完成省下达目标（≤22）").stdout_has("倒退").stdout_has("省目标：示例：省下达文件");
}

#[test]
fn bad_rows_are_all_reported_with_file_line_and_field() {
    let r = run(&["eval", "tests/data/eval/unknown-county.csv", "--year", "2023", "--lang", "en"]);
    r.code(2)
        .stderr_has("tests/data/eval/unknown-county.csv:2:1: error[unknown-county]: county: found \"晋江巿\"")
        .stderr_has("(did you mean 晋江市?)")
        .stderr_has("tests/data/eval/unknown-county.csv:4:1: error[unknown-county]: county: found \"厦门市\"")
        .stderr_has("error: 2 problem(s) in the data; nothing was evaluated");
    assert!(r.stdout.is_empty());
    run(&["eval", "tests/data/eval/unknown-indicator.csv", "--year", "2023", "--lang", "en"])
        .code(2)
        .stderr_has("unknown-indicator.csv:2:2: error[unknown-indicator]: indicator: found \"forest_coverag\"")
        .stderr_has("did you mean forest_coverage?")
        .stderr_has("error: 1 problem(s)");
    run(&["eval", "tests/data/eval/not-a-number.csv", "--year", "2023"])
        .code(2)
        .stderr_has("not-a-number.csv:2:3: error[not-a-number]: value: found \"约60\"")
        .stderr_has("not-a-number.csv:3:3: error[not-a-number]: value: found \"≥95\"; expected a number or a percentage (a value is a number, not a comparison");
}

#[test]
fn skip_invalid_evaluates_the_rest_and_still_reports() {
    run(&["eval", "tests/data/eval/not-a-number.csv", "--year", "2023", "--skip-invalid", "--format", "json"])
        .code(0)
        .stderr_has("error[not-a-number]")
        .stdout_has("\"groundwater_class_v\"");
}

#[test]
fn a_bad_catalogue_or_a_missing_file_cannot_run() {
    run(&["eval", "data/2023.csv", "--catalog", "tests/data/eval/bad-catalog.toml", "--lang", "en"])
        .code(2)
        .stderr_has("error: invalid catalogue (1 problem)")
        .stderr_has("tests/data/eval/bad-catalog.toml:11: forest: cannot read target \"完成省下达目标\"");
    run(&["eval", "no/such/file.csv", "--lang", "en"])
        .code(2)
        .stderr_has("no/such/file.csv: error[unreadable-file]: found \"no such file\"")
        .stderr_has("nothing was evaluated");
    run(&["eval", "data/2023.csv", "--targets", "no/such.toml", "--lang", "en"])
        .code(2)
        .stderr_has("cannot read the targets file no/such.toml");
    run(&["eval"]).code(2).stderr_has("Usage");
    run(&["eval", "data/2023.csv", "--stage", "sometime"]).code(2);
}

#[test]
fn the_embedded_catalogue_is_used_outside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("data/2023.csv"), dir.path().join("2023.csv")).unwrap();
    let r = run_in(dir.path(), &["eval", "2023.csv", "--format", "json"]);
    r.code(0);
    assert_eq!(r.json()["catalog"], "<embedded indicators.toml>");
}

#[test]
fn the_year_comes_from_the_flag_the_column_or_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("values.csv"), "county,indicator,value\n全市,forest_coverage,59\n").unwrap();
    run_in(dir.path(), &["eval", "values.csv"]).code(2).stderr_has("values.csv:1: error[missing-year]");
    let doc = run_in(dir.path(), &["eval", "values.csv", "--year", "2024", "--format", "json"]).json();
    assert_eq!(doc["year"], 2024);
    assert_eq!(doc["elapsed_share"], 0.8);
    std::fs::rename(dir.path().join("values.csv"), dir.path().join("泉州2022年.csv")).unwrap();
    assert_eq!(run_in(dir.path(), &["eval", "泉州2022年.csv", "--format", "json"]).json()["year"], 2022);
    assert_eq!(run(&["eval", "tests/data/eval/pm25-2023.csv", "--format", "json"]).json()["year"], 2023);
}

#[test]
fn nothing_panics_on_odd_input() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 7] = [
        ("empty.csv", b""),
        ("header-only.csv", b"county,indicator,value\n"),
        ("binary.csv", &[0, 159, 146, 150, 255, 0, 10, 13]),
        ("quotes.csv", b"county,indicator,value\n\"unterminated,forest,1\n"),
        ("ragged.csv", b"county,indicator,value\n\xe5\x85\xa8\xe5\xb8\x82,forest_coverage\n"),
        ("huge.csv", b"county,indicator,value,year\n\xe5\x85\xa8\xe5\xb8\x82,forest_coverage,1e308,99999999999\n"),
        ("fake.xlsx", b"not a workbook"),
    ];
    for (name, bytes) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let r = run_in(dir.path(), &["eval", name, "--year", "2023"]);
        assert!(r.code == 0 || r.code == 1 || r.code == 2, "{name}: {}", r.code);
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
    }
}

#[test]
fn a_year_the_data_lacks_is_an_error_and_file_names_keep_their_years() {
    run(&["eval", "data/2023.csv", "--year", "2025", "--lang", "en"])
        .code(2)
        .stderr_has("error: --year 2025: the data has no rows for 2025 (it has 2023)");
    let doc = run(&[
        "eval",
        "data/2020.csv",
        "data/2021.csv",
        "data/2022.csv",
        "data/2023.csv",
        "--year",
        "2022",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(doc["year"], 2022);
    let forest = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["official"] == true && r["indicator"] == "forest_coverage")
        .unwrap();
    assert_eq!(forest["progress"]["latest"]["year"], 2022);
    assert_eq!(forest["progress"]["from"]["value"], 58.7, "2020.csv stays 2020 whatever --year says");
}
