//! Every value traceable: `eval --explain ID` takes one verdict apart, down to the rows it came from.

mod common;

use common::{run, run_in};

#[test]
fn explain_gives_the_rule_the_figures_the_arithmetic_and_the_rows() {
    let r = run(&[
        "eval",
        "data/2020.csv",
        "data/2021.csv",
        "data/2023.csv",
        "--explain",
        "non_fossil_share",
        "--lang",
        "en",
    ]);
    r.code(0)
        .stdout_has("indicator: non_fossil_share 非化石能源占一次能源消费比例(%) (no. 3, expected, higher is better; indicators.toml:")
        .stdout_has("row: 全市 (the official, city-level row)")
        .stdout_has("target: 14.1% (catalogue: `14.1`), judged as ≥14.1")
        .stdout_has("baseline: 8.9 (the catalogue, indicators.toml:")
        .stdout_has("value: 11.2 (2023, data/2023.csv:4)")
        .stdout_has("completion: (11.2 − 8.9) / (14.1 − 8.9) = 44%; elapsed share (2023 − 2020) / (2025 − 2020) = 60%")
        .stdout_has("progress: 2020: 8.9 → 2023: 11.2, compound rate a year: actual +7.96%/yr, required +9.64%/yr, R = actual / required = 83% → moderate")
        .stdout_has("projection: least-squares line to 2025:")
        .stdout_has("series: 2020 8.9 | 2021 9.6 | 2023 11.2")
        .stdout_has("status: lagging");
}

#[test]
fn explain_names_the_rows_of_an_aggregate_and_an_areas_base_year_row() {
    let r = run(&["eval", "data/2023.csv", "--explain", "black_odorous_elimination"]);
    r.stdout_has("目标：基本消除（目录写作 `eliminated`），判定规则 ≥90")
        .stdout_has("由3个地区汇总（data/2023.csv:89, 105, 121）");
    let (dir, catalog) = jinjiang_2020_and_2023();
    let args =
        ["eval", "d.csv", "--catalog", catalog.to_str().unwrap(), "--county", "晋江", "--explain", "森林覆盖率（%）"];
    let r = run_in(dir.path(), &[&args[..], &["--lang", "en"]].concat());
    r.stdout_has("row: 晋江市\n")
        .stdout_has("baseline: 20 (the 2020 row at d.csv:2)")
        .stdout_has("value: 18 (2023, d.csv:3)")
        .stdout_has("completion: (18 − 20) / (58.7 − 20) = -5%")
        .stdout_has("status: regressing — the value 18 has fallen from the baseline 20, away from the target ≥58.7");
}

#[test]
fn explain_refuses_an_unknown_indicator_and_speaks_json_too() {
    run(&["eval", "data/2023.csv", "--explain", "forest_coverag", "--lang", "en"])
        .code(2)
        .stderr_has("did you mean forest_coverage?");
    let doc = run(&["eval", "data/2023.csv", "--explain", "non_fossil_share", "--format", "json"]).json();
    assert_eq!((doc["indicator"].as_str(), doc["county"].as_str()), (Some("non_fossil_share"), Some("全市")));
    assert_eq!(doc["origin"], "data/2023.csv:4");
    let items: Vec<&str> = doc["explanation"].as_array().unwrap().iter().filter_map(|l| l["item"].as_str()).collect();
    assert_eq!(
        items,
        ["indicator", "row", "target", "baseline", "value", "completion", "progress", "projection", "series", "status"]
    );
}

#[test]
fn every_json_result_carries_its_origin() {
    let doc = run(&["eval", "data/2023.csv", "--format", "json"]).json();
    let results = doc["results"].as_array().unwrap();
    let find = |county: &str, id: &str| results.iter().find(|v| v["county"] == county && v["indicator"] == id).unwrap();
    assert_eq!(find("全市", "non_fossil_share")["origin"], "data/2023.csv:4");
    assert_eq!(find("全市", "black_odorous_elimination")["origin"], "data/2023.csv:89, 105, 121");
    assert!(find("鲤城区", "co2_intensity_reduction")["origin"].is_null(), "no row, no origin");
    assert_eq!(find("全市", "native_species_water_bodies")["origin"], "data/2023.csv:16", "a row that says no data");
    let (dir, catalog) = jinjiang_2020_and_2023();
    let r = run_in(dir.path(), &["eval", "d.csv", "--catalog", catalog.to_str().unwrap(), "--format", "json"]);
    let doc = r.json();
    let jinjiang = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["county"] == "晋江市" && v["indicator"] == "forest_coverage")
        .unwrap()
        .clone();
    assert_eq!(jinjiang["origin"], "d.csv:3; base year row at d.csv:2");
}

/// A folder with `d.csv`: 晋江市's forest coverage in 2020 (20) and 2023 (18); and the bundled catalogue.
fn jinjiang_2020_and_2023() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.csv"),
        "county,indicator,value,year\n晋江市,forest_coverage,20,2020\n晋江市,forest_coverage,18,2023\n",
    )
    .unwrap();
    (dir, common::root().join("indicators.toml"))
}
