//! What a new user meets first: error messages that name the right file, standard input named
//! `<stdin>`, options that are refused rather than ignored.

mod common;

use common::{root, run, run_in, run_with_stdin};

#[test]
fn a_bad_targets_file_is_called_a_targets_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.toml"), "[forest_coverage]\ntarget = \"lots\"\n").unwrap();
    let data = root().join("data/2023.csv");
    let r = run_in(dir.path(), &["eval", data.to_str().unwrap(), "--targets", "t.toml", "--lang", "en"]);
    r.code(2)
        .stderr_has("error: invalid targets file (1 problem)")
        .stderr_has("t.toml:1: forest_coverage: cannot read");
    assert!(!r.stderr.contains("catalogue"), "{}", r.stderr);
}

#[test]
fn standard_input_is_named_stdin_in_the_table_and_the_json() {
    let csv = std::fs::read(root().join("data/2023.csv")).unwrap();
    let r = run_with_stdin(&root(), &["eval", "-"], Some(&csv));
    r.code(0).stdout_has("数据：<stdin>　年份：2023");
    let r = run_with_stdin(&root(), &["eval", "-", "--format", "json"], Some(&csv));
    assert_eq!(r.json()["files"], serde_json::json!(["<stdin>"]));
    let r = run_with_stdin(&root(), &["trend", "-", "--year", "2023"], Some(&csv));
    r.code(0).stdout_has("<stdin>");
    assert!(!r.stdout.contains(" -　") && !r.stdout.contains("：-"), "{}", r.stdout);
    let r = run_with_stdin(&root(), &["eval", "-"], Some(b"county,indicator,value\n"));
    r.code(2).stderr_has("<stdin>");
}

#[test]
fn a_template_year_outside_the_plan_is_refused_with_the_plans_years() {
    run(&["template", "--year", "2030", "--lang", "en"]).code(2).stderr_has("--year 2030: the plan covers 2020–2025");
    run(&["template", "--year", "2019", "--lang", "en"]).code(2).stderr_has("the plan covers 2020–2025");
    run(&["template", "--year", "2020"]).code(0);
    run(&["template", "--year", "2025"]).code(0);
}

#[test]
fn sheet_with_only_csv_files_is_refused() {
    run(&["eval", "data/2023.csv", "--sheet", "2023", "--lang", "en"])
        .code(2)
        .stderr_has("--sheet \"2023\": data/2023.csv is a CSV file, not a workbook");
    run(&["validate", "data/2023.csv", "--sheet", "2023", "--lang", "en"]).code(2).stderr_has("not a workbook");
}

#[test]
fn skip_invalid_with_every_row_rejected_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let rows =
        "county,indicator,value,year\n全市,forest_coverage,abc,2023\n全市,nox,1,2023\n晋江巿,forest_coverage,60,2023\n";
    std::fs::write(dir.path().join("bad.csv"), rows).unwrap();
    let r = run_in(dir.path(), &["eval", "bad.csv", "--skip-invalid", "--lang", "en"]);
    r.code(2).stderr_has("error: all 3 rows of bad.csv were rejected; nothing to evaluate");
    assert!(!r.stderr.contains("no measurements with a year"), "{}", r.stderr);
}

#[test]
fn a_base_year_row_that_disagrees_with_the_catalogue_is_reported_in_validate_and_eval() {
    let dir = tempfile::tempdir().unwrap();
    let rows = "county,indicator,value,year\n全市,forest_coverage,60,2020\n全市,forest_coverage,61,2023\n晋江市,forest_coverage,30,2020\n";
    std::fs::write(dir.path().join("data.csv"), rows).unwrap();
    let catalog = root().join("indicators.toml");
    let catalog = catalog.to_str().unwrap();
    let r = run_in(dir.path(), &["validate", "data.csv", "--catalog", catalog, "--format", "github", "--lang", "en"]);
    r.code(0).stdout_has(
        "::warning file=data.csv,line=2,title=baseline-mismatch::forest_coverage: found \"60\"; expected the catalogue's baseline 58.7 for 全市 forest_coverage in 2020",
    );
    r.stdout_has("the catalogue's 58.7 is used, not 60");
    assert!(!r.stdout.contains("line=4"), "an area's base-year row is its own baseline:\n{}", r.stdout);
    let r = run_in(dir.path(), &["eval", "data.csv", "--catalog", catalog, "--format", "json"]);
    r.code(0).stderr_has("warning[baseline-mismatch]");
    let doc = r.json();
    let warning = doc["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "baseline-mismatch").unwrap();
    assert_eq!((warning["found"].as_str(), warning["line"].as_u64()), (Some("60"), Some(2)));
    let forest = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["indicator"] == "forest_coverage" && v["county"] == "全市")
        .unwrap();
    assert_eq!(forest["baseline"], 58.7);
}

/// The shipped catalogue with `edit` applied, written into `dir`; returns its path.
fn edited_catalogue(dir: &std::path::Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(root().join("indicators.toml")).unwrap();
    assert!(text.contains(from), "the shipped catalogue has {from:?}");
    let path = dir.join("c.toml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_sub_row_label_is_shown_in_every_table_and_carried_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = edited_catalogue(
        dir.path(),
        "id = \"forest_coverage\"\nno = 12\n",
        "id = \"forest_coverage\"\nno = 12\nlabel = \"12x\"\n",
    );
    let data = root().join("data/2023.csv");
    let data = data.to_str().unwrap();
    let r = run(&["eval", data, "--catalog", &catalog]);
    r.code(0).stdout_has("┆ 12x  ┆ 森林覆盖率（%）").stdout_has("┆ 12x ┆");
    let r = run(&["eval", data, "--catalog", &catalog, "--county", "晋江市"]);
    r.stdout_has("┆ 12x  ┆ 森林覆盖率（%）");
    let r = run(&["trend", data, "--catalog", &catalog]);
    r.stdout_has("12x");
    let doc = run(&["eval", data, "--catalog", &catalog, "--format", "json"]).json();
    let results = doc["results"].as_array().unwrap();
    let forest = results.iter().find(|v| v["indicator"] == "forest_coverage").unwrap();
    assert_eq!((forest["no"].as_u64(), forest["label"].as_str()), (Some(12), Some("12x")));
    let nox = results.iter().find(|v| v["indicator"] == "nox_reduction").unwrap();
    assert_eq!(nox["label"], "4a", "without a label: no and the part letter");
}

#[test]
fn the_target_column_shows_the_rule_of_a_bare_number_and_the_baseline_column_the_plans_words() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = edited_catalogue(
        dir.path(),
        "target = \">= 85\"\ntarget_text = \"≥85\"\n",
        "target = \">= 85\"\ntarget_text = \"≥85\"\nbaseline_text = \"未统计\"\n",
    );
    let data = root().join("data/2023.csv");
    let r = run(&["eval", data.to_str().unwrap(), "--catalog", &catalog]);
    r.stdout_has("┆ 58.7（≥58.7）").stdout_has(" 未统计 ┆ ≥85 ");
    assert!(!r.stdout.contains("≥85（≥85）"), "{}", r.stdout);
}

#[test]
fn one_areas_table_has_the_city_tables_columns() {
    let city = run(&["eval", "data/2023.csv"]);
    let area = run(&["eval", "data/2023.csv", "--county", "晋江市"]);
    let header = |out: &str| {
        out.lines().find(|l| l.contains("┆ 序号 ┆")).map(|l| {
            l.split('┆').map(|c| c.trim_matches(|c: char| c.is_whitespace() || c == '│')).collect::<Vec<_>>().join("|")
        })
    };
    let (city_head, area_head) = (header(&city.stdout).unwrap(), header(&area.stdout).unwrap());
    assert_eq!(city_head, area_head);
    assert!(area_head.contains("|进展|预测|"), "{area_head}");
}

#[test]
fn an_error_that_stops_a_command_is_said_in_its_language() {
    // Chinese by default, English with --lang en, word for word as before.
    let zh = run(&["eval", "data/2023.csv", "--year", "2025"]);
    zh.code(2).stderr_has("错误：--year 2025：数据中没有 2025 年的行（现有：2023）");
    assert!(!zh.stderr.contains("error"), "{}", zh.stderr);
    run(&["eval", "data/2023.csv", "--year", "2025", "--lang", "en"])
        .code(2)
        .stderr_has("error: --year 2025: the data has no rows for 2025 (it has 2023)");
    // A targets file's problems too, and an unreadable file keeps the system's own words after ours.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.toml"), "[forest_coverage]\ntarget = \"falling\"\n").unwrap();
    let data = root().join("data/2023.csv");
    let r = run_in(dir.path(), &["eval", data.to_str().unwrap(), "--targets", "t.toml"]);
    r.code(2)
        .stderr_has("错误：目标文件无效（1个问题）")
        .stderr_has("t.toml:1: forest_coverage: `falling` 与 forest_coverage 不符：越高越好的指标不能用 falling");
    run(&["template", "--year", "2023", "--catalog", "no/such.toml"])
        .code(2)
        .stderr_has("错误：无法读取指标目录 no/such.toml: ");
}
