//! Progress over the years end to end: `trend` as a table and as JSON, `eval` on several years with
//! `progress`, and series built from several files or from one file with a year column.

mod common;

use common::run;
use serde_json::Value;

const SERIES: [&str; 4] = ["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv"];

fn with(args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = args[..1].iter().map(|s| s.to_string()).collect();
    all.extend(SERIES.iter().map(|s| s.to_string()));
    all.extend(args[1..].iter().map(|s| s.to_string()));
    all
}

fn run_series(args: &[&str]) -> common::Run {
    let all = with(args);
    run(&all.iter().map(String::as_str).collect::<Vec<_>>())
}

fn row<'a>(rows: &'a Value, id: &str) -> &'a Value {
    rows.as_array().unwrap().iter().find(|r| r["indicator"] == id).unwrap_or_else(|| panic!("no row for {id}"))
}

#[test]
fn the_bundled_series_shows_every_progress_category() {
    let r = run_series(&["trend"]);
    r.code(0)
        .stdout_has("— 历年进展")
        .stdout_has("评估年份：2023")
        .stdout_has("地区：城市层面（全市／中心市区）")
        .stdout_has("┆ 2020  ┆ 2021  ┆ 2022  ┆ 2023  ┆ 走势")
        .stdout_has("已达目标")
        .stdout_has("显著进展（R=103%）")
        .stdout_has("适度进展（R=83%）")
        .stdout_has("进展不足（R=42%）")
        .stdout_has("偏离目标")
        .stdout_has("已达目标（线性）")
        .stdout_has("▁▃▅█")
        .stdout_has("预计2025年12.66；目标≥14.1：差1.44")
        .stdout_has("2021年80.4 → 2023年80.9，斜率+0.25/年");
    insta::assert_snapshot!("trend_2020_2023_table", r.stdout);
}

#[test]
fn english_labels_and_the_projection_sentence() {
    run_series(&["trend", "--lang", "en"])
        .code(0)
        .stdout_has("progress over the years")
        .stdout_has("moderate progress (R=83%)")
        .stdout_has("projected 2025: 12.66, target ≥14.1: miss by 1.44")
        .stdout_has("projected 2025: 80.07, target ≥80: meets")
        .stdout_has("moving away")
        .stdout_has("2021: 25.9 → 2023: 27.6, slope +0.85 a year");
}

#[test]
fn trend_json_carries_series_and_progress() {
    let r = run_series(&["trend", "--format", "json"]);
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["year"], 2023);
    assert!(doc["area"].is_null());
    assert_eq!(doc["years"], serde_json::json!([2020, 2021, 2022, 2023]));
    let rows = &doc["rows"];
    let fossil = row(rows, "non_fossil_share");
    assert_eq!(
        fossil["series"],
        serde_json::json!([
            {"year": 2020, "value": 8.9}, {"year": 2021, "value": 9.6},
            {"year": 2022, "value": 10.3}, {"year": 2023, "value": 11.2}
        ])
    );
    let p = &fossil["progress"];
    assert_eq!(p["from"], serde_json::json!({"year": 2020, "value": 8.9}));
    assert_eq!(p["latest"], serde_json::json!({"year": 2023, "value": 11.2}));
    assert_eq!((p["linear"].clone(), p["category"].clone()), (Value::Bool(false), "moderate".into()));
    assert_eq!((p["actual_rate"].as_f64(), p["required_rate"].as_f64()), (Some(0.0796), Some(0.0964)));
    assert_eq!(p["ratio"], 0.8261);
    assert_eq!(
        p["projection"],
        serde_json::json!({"year": 2025, "value": 12.66, "target": 14.1, "meets_target": false, "gap": -1.44})
    );
    // A cumulative indicator starts from 0 in 2020, not from the 13th plan's 25.81.
    assert_eq!(row(rows, "co2_intensity_reduction")["series"][0], serde_json::json!({"year": 2020, "value": 0.0}));
    // Each category appears at least once.
    let categories: Vec<&str> =
        rows.as_array().unwrap().iter().filter_map(|r| r["progress"]["category"].as_str()).collect();
    for c in ["achieved", "significant", "moderate", "insufficient", "away"] {
        assert!(categories.contains(&c), "no {c} in {categories:?}");
    }
    let watershed = &row(rows, "small_watershed_class_iii")["progress"];
    assert_eq!((watershed["category"].as_str(), watershed["ratio"].is_null()), (Some("away"), true));
    assert_eq!(row(rows, "surface_water_worse_than_v")["progress"]["linear"], true);
    assert_eq!(row(rows, "black_odorous_elimination")["progress"]["projection"]["value"], 100.0);
    assert!(row(rows, "eco_index")["progress"].is_null());
}

#[test]
fn one_area_on_request_and_an_unknown_one_is_an_error() {
    let doc = run_series(&["trend", "--county", "晋江", "--format", "json"]).json();
    assert_eq!(doc["area"], "晋江市");
    assert!(doc["rows"].as_array().unwrap().iter().all(|r| r["county"] == "晋江市"));
    run_series(&["trend", "--county", "晋江巿", "--lang", "en"])
        .code(2)
        .stderr_has("error: --county: no area named \"晋江巿\" in the catalogue (did you mean 晋江市?)");
    run(&["trend", "data/2021.csv", "--county", "晋江市", "--lang", "en"])
        .code(2)
        .stderr_has("error: --county: the data has no rows for 晋江市 in 2021");
}

#[test]
fn eval_on_several_years_judges_trends_and_reports_progress() {
    let r = run_series(&["eval", "--format", "json"]);
    r.code(0);
    let doc = r.json();
    assert_eq!(doc["year"], 2023);
    let official: Vec<&Value> = doc["results"].as_array().unwrap().iter().filter(|r| r["official"] == true).collect();
    let result = |id: &str| *official.iter().find(|r| r["indicator"] == id).unwrap();
    for id in ["eco_index", "industrial_land_productivity", "industrial_fresh_water_use"] {
        assert_eq!(result(id)["status"], "on_track", "{id}");
        assert!(result(id)["progress"].is_null());
    }
    assert_eq!(
        result("industrial_fresh_water_use")["reason"],
        "2021: 10.6 → 2023: 9.8, slope -0.4 a year (falling; lower is better)"
    );
    let green = result("green_village_share");
    // 序时进度 and Eurostat disagree here: 59% of the distance in 60% of the time, at a compound pace
    // that reaches 80 by 2025.
    assert_eq!((green["status"].as_str(), green["completion"].as_f64()), (Some("lagging"), Some(0.5941)));
    assert_eq!(green["progress"]["category"], "significant");
    assert_eq!(green["progress"]["projection"]["meets_target"], true);
    let park = &result("park_500m_coverage")["progress"];
    assert_eq!(park["from"]["year"], 2021);
    assert_eq!(park["category"], "insufficient");
    // Province targets without --targets: no rule, no progress.
    assert!(result("pm25_central")["progress"].is_null());
}

#[test]
fn the_year_flag_cuts_the_series() {
    let r = run(&["eval", "data/2021.csv", "data/2022.csv", "data/2023.csv", "--year", "2022", "--format", "json"]);
    let doc = r.json();
    assert_eq!(doc["year"], 2022);
    let eco = doc["results"].as_array().unwrap().iter().find(|r| r["indicator"] == "eco_index").unwrap().clone();
    assert_eq!((eco["value"].as_f64(), eco["status"].as_str()), (Some(80.6), Some("on_track")));
    let p =
        &doc["results"].as_array().unwrap().iter().find(|r| r["indicator"] == "non_fossil_share").unwrap()["progress"];
    assert_eq!(p["latest"]["year"], 2022);
}

#[test]
fn one_file_with_a_year_column_is_a_series_too() {
    let r = run(&["trend", "tests/data/trend/one-file-series.csv", "--format", "json", "--lang", "en"]);
    r.code(0);
    let doc = r.json();
    let rows = &doc["rows"];
    let eco = row(rows, "eco_index");
    assert_eq!(eco["status"], "regressing");
    assert_eq!(eco["reason"], "2021: 80.9 → 2023: 80.2, slope -0.35 a year (falling; higher is better)");
    assert_eq!(row(rows, "industrial_fresh_water_use")["status"], "on_track");
    // One year only: still pending.
    let land = row(rows, "industrial_land_productivity");
    assert_eq!((land["status"].as_str(), land["reason"].as_str()), (Some("pending"), Some("needs a series of years")));
    // 2022 says "no data": a gap, not a zero. The rates span the real two years.
    let park = row(rows, "park_500m_coverage");
    assert_eq!(park["series"].as_array().unwrap().len(), 2);
    assert_eq!(park["progress"]["category"], "insufficient");
    assert_eq!(park["progress"]["actual_rate"], 0.0043);
    assert_eq!(park["progress"]["projection"]["value"], 83.0);
    run(&["trend", "tests/data/trend/one-file-series.csv"]).code(0).stdout_has("▁ █");
}

#[test]
fn the_same_year_twice_with_different_values_names_both_places() {
    let files = ["tests/data/trend/conflict-a.csv", "tests/data/trend/conflict-b.csv"];
    for cmd in ["eval", "trend"] {
        run(&[cmd, files[0], files[1]])
            .code(2)
            .stderr_has("tests/data/trend/conflict-b.csv:3")
            .stderr_has("error[conflicting-duplicate]")
            .stderr_has("found \"全市 forest_coverage 2022: 59.5\"")
            .stderr_has("a different value is given at tests/data/trend/conflict-a.csv:2: 59")
            .stderr_has("warning[duplicate-row]");
    }
}

#[test]
fn a_single_year_leaves_trend_targets_pending() {
    let doc = run(&["eval", "data/2023.csv", "--format", "json"]).json();
    let results = doc["results"].as_array().unwrap();
    let eco = results.iter().find(|r| r["indicator"] == "eco_index" && r["official"] == true).unwrap();
    assert_eq!((eco["status"].as_str(), eco["reason"].as_str()), (Some("pending"), Some("needs a series of years")));
    // The plan's 2020 value and the 2023 value are two years: enough for progress.
    let fossil = results.iter().find(|r| r["indicator"] == "non_fossil_share" && r["official"] == true).unwrap();
    assert_eq!(fossil["progress"]["ratio"], 0.8261);
    assert_eq!(fossil["progress"]["projection"]["value"], 12.7333);
}
