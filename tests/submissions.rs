//! What CI checks of an area's submission: whose rows a file holds (`--area-from-filename`), whether it
//! is complete (`--complete`), ratio values with their parts (`ratio-without-parts`, and templates that
//! ask for them), what a revision changes (`diff`), the job summary and annotations in Chinese.

mod common;

use std::path::Path;

use common::{run, run_in};
use plan_check::catalog::{AreaKind, Catalog};

fn catalog() -> Catalog {
    Catalog::embedded().expect("the shipped catalogue is valid")
}

/// The reporting areas of the catalogue (not the city rows).
fn areas() -> Vec<String> {
    catalog().counties.iter().filter(|c| c.kind == AreaKind::Area).map(|c| c.name.clone()).collect()
}

/// forest_coverage for every reporting area but `except`: 60 of 100 each, with its parts.
fn other_areas_forest(except: &str) -> String {
    let mut text = "县市区,指标,数值,分子,分母,年份\n".to_string();
    for area in areas().iter().filter(|a| *a != except) {
        text.push_str(&format!("{area},forest_coverage,60,60,100,2023\n"));
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write a data file");
}

/// The city-level verdict of an indicator in `eval --format json`.
fn city(doc: &serde_json::Value, id: &str) -> serde_json::Value {
    doc["results"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["official"] == true && r["indicator"] == id).cloned())
        .unwrap_or_else(|| panic!("no city-level {id} in {doc:#}"))
}

/// Fills a long CSV template as one area does: 50 in every value cell; for a ratio row, 50 of 100 in
/// its parts too.
fn fill_long(text: &str, parts: bool) -> String {
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    assert_eq!(header[..5], ["县市区", "指标", "数值", "分子", "分母"], "a template with ratios has 分子 and 分母");
    let mut out = format!("{}\n", header.join(","));
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    for row in reader.records().map(|r| r.expect("a CSV row")).filter(|r| !r[0].starts_with('#')).skip(1) {
        let mut cells: Vec<String> = row.iter().map(String::from).collect();
        let ind = catalog().indicator(&cells[1]).expect("a catalogue id").clone();
        cells[2] = if ind.target == plan_check::target::Target::Done { "1" } else { "50" }.into();
        if ind.unit != "%" && ind.target != plan_check::target::Target::Done {
            cells[2] = "0".into();
        }
        if parts && ind.aggregate == plan_check::catalog::Aggregate::Ratio {
            cells[3] = "50".into();
            cells[4] = "100".into();
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&cells).expect("a row");
        out.push_str(&String::from_utf8(w.into_inner().expect("bytes")).expect("UTF-8"));
    }
    out
}

#[test]
fn a_template_filled_in_by_one_county_keeps_the_citys_ratio_verdicts_whole() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let r = run_in(dir.path(), &["template", "--county", "晋江市", "--year", "2023"]);
    r.code(0).stdout_has("比率类指标：另填分子、分母");
    write(dir.path(), "others-2023.csv", &other_areas_forest("晋江市"));
    write(dir.path(), "晋江市-2023.csv", &fill_long(&r.stdout, true));
    let v = run_in(dir.path(), &["validate", "晋江市-2023.csv", "--format", "json"]);
    v.code(0);
    assert!(!v.stdout.contains("ratio-without-parts"), "{}", v.stdout);
    let e =
        run_in(dir.path(), &["eval", "others-2023.csv", "晋江市-2023.csv", "--format", "json", "--fail-on", "never"]);
    let forest = city(&e.code(0).json(), "forest_coverage");
    // (12 areas × 60 + 50) / (13 × 100) × 100 = 770 / 13 = 59.23…, aggregated from all 13 areas.
    let value = forest["value"].as_f64().expect("a city value");
    assert!((value - 770.0 / 13.0).abs() < 1e-9, "{forest:#}");
    assert_ne!(forest["status"], "missing", "{forest:#}");

    // The same county filling in only its percentages: warned, and the city value cannot be made.
    write(dir.path(), "晋江市-2023.csv", &fill_long(&r.stdout, false));
    let v = run_in(dir.path(), &["validate", "晋江市-2023.csv", "--lang", "en"]);
    v.code(0).stdout_has("ratio-without-parts").stdout_has("cannot be aggregated without this area's parts");
    let e =
        run_in(dir.path(), &["eval", "others-2023.csv", "晋江市-2023.csv", "--format", "json", "--fail-on", "never"]);
    let forest = city(&e.json(), "forest_coverage");
    assert!(forest["value"].is_null(), "{forest:#}");
}

#[test]
fn a_wide_template_carries_the_parts_and_they_are_read() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let head = run_in(dir.path(), &["template", "--county", "晋江市", "--year", "2023", "--shape", "wide"]);
    head.code(0).stdout_has(",forest_coverage,forest_coverage.分子,forest_coverage.分母,");
    write(dir.path(), "others-2023.csv", &other_areas_forest("晋江市"));
    // 晋江市 in a wide file: 40 of 80 = 50%.
    write(
        dir.path(),
        "晋江市-2023.csv",
        "县市区,年份,forest_coverage,forest_coverage.分子,forest_coverage.分母\n晋江市,2023,50,40,80\n",
    );
    run_in(dir.path(), &["validate", "晋江市-2023.csv"]).code(0);
    let e =
        run_in(dir.path(), &["eval", "others-2023.csv", "晋江市-2023.csv", "--format", "json", "--fail-on", "never"]);
    let forest = city(&e.json(), "forest_coverage");
    // (12 × 60 + 40) / (12 × 100 + 80) × 100 = 760 / 1280 × 100 = 59.375.
    assert!((forest["value"].as_f64().expect("a city value") - 59.375).abs() < 1e-9, "{forest:#}");
    // A part that disagrees with the value is the long file's inconsistent-ratio.
    write(
        dir.path(),
        "晋江市-2023.csv",
        "县市区,年份,forest_coverage,forest_coverage.分子,forest_coverage.分母\n晋江市,2023,60,40,80\n",
    );
    run_in(dir.path(), &["validate", "晋江市-2023.csv", "--format", "json"]).code(1).stdout_has("inconsistent-ratio");
    // Parts of an indicator that is not a ratio are refused at the header.
    write(dir.path(), "晋江市-2023.csv", "县市区,年份,blue_sky_days,blue_sky_days.分子\n晋江市,2023,300,3\n");
    run_in(dir.path(), &["validate", "晋江市-2023.csv", "--format", "json"]).code(1).stdout_has("inconsistent-ratio");
}

#[test]
fn a_file_named_for_one_area_may_hold_only_its_rows() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(
        dir.path(),
        "晋江市-2023.csv",
        "县市区,指标,数值,年份\n晋江市,blue_sky_days,300,2023\n石狮市,blue_sky_days,290,2023\n全市,blue_sky_days,295,2023\n",
    );
    run_in(dir.path(), &["validate", "晋江市-2023.csv"]).code(0);
    let r = run_in(dir.path(), &["validate", "晋江市-2023.csv", "--area-from-filename", "--format", "json"]);
    let doc = r.code(1).json();
    let foreign: Vec<(u64, &str)> = doc["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["code"] == "foreign-area")
        .map(|p| (p["line"].as_u64().expect("a line"), p["found"].as_str().expect("found")))
        .collect();
    assert_eq!(foreign, [(3, "石狮市"), (4, "全市")], "{doc:#}");
    assert_eq!(doc["files"][0]["rows_accepted"], 1, "{doc:#}");
    assert_eq!(doc["files"][0]["rows_rejected"], 2, "{doc:#}");
    let zh = run_in(dir.path(), &["validate", "晋江市-2023.csv", "--area-from-filename"]);
    zh.code(1).stdout_has("只填晋江市的行");
    // A name that names no area cannot be checked: an error, not a pass.
    write(dir.path(), "2023.csv", "县市区,指标,数值,年份\n晋江市,blue_sky_days,300,2023\n");
    let r = run_in(dir.path(), &["validate", "2023.csv", "--area-from-filename", "--lang", "en"]);
    r.code(1).stdout_has("foreign-area").stdout_has("a file name with one area's name or alias");
}

#[test]
fn complete_asks_each_area_for_every_indicator_that_applies_to_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(dir.path(), "晋江市-2023.csv", "县市区,指标,数值,分子,分母,年份\n晋江市,forest_coverage,50,50,100,2023\n");
    run_in(dir.path(), &["validate", "晋江市-2023.csv"]).code(0);
    let r = run_in(dir.path(), &["validate", "晋江市-2023.csv", "--complete", "--format", "json"]);
    let doc = r.code(1).json();
    let missing: Vec<String> = doc["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["code"] == "missing-indicator")
        .map(|p| p["field"].as_str().expect("a field").to_string())
        .collect();
    let c = catalog();
    let jinjiang = c.county("晋江市").expect("晋江市");
    let expected: Vec<String> = c
        .indicators
        .iter()
        .filter(|i| i.kind == plan_check::catalog::IndicatorType::Binding && i.applies_to_area(jinjiang))
        .filter(|i| i.id != "forest_coverage")
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(missing, expected);
    assert!(missing.contains(&"coastal_water_class_i_ii".to_string()), "晋江市 is coastal: {missing:?}");
    let first = &doc["problems"][0];
    assert!(first["expected"].as_str().expect("words").contains("on 晋江市's row in 2023"), "{first:#}");
    // --complete all asks for the others as well; the value after the flag is read as its value.
    let all = run_in(dir.path(), &["validate", "晋江市-2023.csv", "--complete", "all", "--format", "json"]).json();
    assert!(all["errors"].as_u64() > doc["errors"].as_u64(), "{all:#}");
    // The files first, then --complete, reads the same as --complete binding.
    let after = run_in(dir.path(), &["validate", "--format", "json", "晋江市-2023.csv", "--complete"]).json();
    assert_eq!(after["errors"], doc["errors"]);
}

#[test]
fn annotations_follow_lang_and_keep_the_code_as_title() {
    let file = "tests/data/intake/problems/unknown-county-2023.csv";
    let zh = run(&["validate", file, "--format", "github"]);
    zh.code(1).stdout_has(&format!(
        "::error file={file},line=2,col=1,title=unknown-county::county：发现“晋江巿”；应为：指标目录中的填报地区（名称或别名）（是否应为 晋江市？）"
    ));
    let en = run(&["validate", file, "--format", "github", "--lang", "en"]);
    en.code(1).stdout_has("title=unknown-county::county: found \"晋江巿\"; expected a reporting area");
}

#[test]
fn the_job_summary_says_what_was_checked_also_when_all_is_valid() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write(dir.path(), "晋江市-2023.csv", "县市区,指标,数值,年份\n晋江市,blue_sky_days,300,2023\n");
    let summary = dir.path().join("summary.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plan-check"))
        .args(["validate", "晋江市-2023.csv", "--format", "github"])
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("有效：0个错误，0个警告"), "a valid file says so in the log");
    let text = std::fs::read_to_string(&summary).expect("a job summary");
    assert!(text.starts_with("# plan-check validate — 有效：0个错误，0个警告\n"), "{text}");
    assert!(text.contains("| 晋江市-2023.csv | 1 | 1 | 0 | long | utf-8 |"), "{text}");
    assert!(text.contains("没有问题。"), "{text}");
    // Without GITHUB_STEP_SUMMARY nothing is written.
    run_in(dir.path(), &["validate", "晋江市-2023.csv", "--format", "github"]).code(0);
}

#[test]
fn diff_lists_the_verdicts_a_revision_moves_and_the_rows_behind_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (base, head) = (dir.path().join("base"), dir.path().join("head"));
    std::fs::create_dir_all(&base).expect("a folder");
    std::fs::create_dir_all(&head).expect("a folder");
    write(&base, "others-2023.csv", &other_areas_forest("晋江市"));
    write(&head, "others-2023.csv", &other_areas_forest("晋江市"));
    // 晋江市 revises its forest numerator: 60 → 10 of 100.
    write(
        &base,
        "晋江市-2023.csv",
        "县市区,指标,数值,分子,分母,年份\n晋江市,forest_coverage,,60,100,2023\n晋江市,blue_sky_days,300,,,2023\n",
    );
    write(
        &head,
        "晋江市-2023.csv",
        "县市区,指标,数值,分子,分母,年份\n晋江市,forest_coverage,,10,100,2023\n晋江市,blue_sky_days,310,,,2023\n",
    );
    let r = run_in(dir.path(), &["diff", "base", "--against", "head", "--format", "json"]);
    let doc = r.code(0).json();
    let changes = doc["verdict_changes"].as_array().expect("verdict changes");
    // The city: 13 × 60 / 1300 = 60% before, (12 × 60 + 10) / 1300 = 56.15…% after, against ≥58.7.
    let city = &changes[0];
    assert_eq!(
        (city["indicator"].as_str(), city["area"].as_str(), city["official"].as_bool()),
        (Some("forest_coverage"), Some("全市"), Some(true))
    );
    assert_eq!(city["binding"], true);
    assert_eq!(city["before"]["value"], 60.0);
    assert!((city["after"]["value"].as_f64().expect("a value") - 730.0 / 13.0).abs() < 1e-9, "{city:#}");
    assert_ne!(city["before"]["status"], city["after"]["status"]);
    assert_eq!(city["rows"][0]["at"], "head/晋江市-2023.csv:2", "{city:#}");
    assert_eq!(doc["binding_change"], true);
    // 晋江市's own forest verdict moved too; its blue-sky value moved without moving a verdict.
    assert!(changes.iter().any(|c| c["area"] == "晋江市" && c["indicator"] == "forest_coverage"), "{doc:#}");
    let values = doc["value_changes"].as_array().expect("value changes");
    assert!(values.iter().any(|c| c["indicator"] == "blue_sky_days" && c["after"]["value"] == 310.0), "{doc:#}");
    // The table says it in Chinese; --fail-on binding-change makes it exit 1.
    let t = run_in(dir.path(), &["diff", "base", "--against", "head", "--fail-on", "binding-change"]);
    t.code(1).stdout_has("判定变化").stdout_has("全市（城市层面）").stdout_has("head/晋江市-2023.csv:2");
    t.stderr_has("约束性指标的城市层面判定有1项变化");
    // Nothing changed: said, and exit 0 even under --fail-on.
    run_in(dir.path(), &["diff", "base", "--against", "base", "--fail-on", "binding-change"])
        .code(0)
        .stdout_has("没有判定或数值变化");
}
