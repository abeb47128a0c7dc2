//! Reporting areas: applicability, city values aggregated the right way, one area's view, rankings.

mod common;

use common::run;
use serde_json::Value;

fn official<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["results"].as_array().unwrap().iter().find(|r| r["official"] == true && r["indicator"] == id).unwrap()
}

fn result<'a>(doc: &'a Value, county: &str, id: &str) -> &'a Value {
    doc["results"].as_array().unwrap().iter().find(|r| r["county"] == county && r["indicator"] == id).unwrap()
}

#[test]
fn a_ratio_city_value_is_villages_over_villages() {
    let doc = run(&["eval", "tests/data/areas/ratio-2023.csv", "--format", "json"]).json();
    let city = official(&doc, "green_village_share");
    // 12 areas with 10 of 20 villages and 安溪县 with 30 of 40: (12×10 + 30) / (12×20 + 40) = 150 / 280.
    let value = city["value"].as_f64().unwrap();
    assert!((value - 150.0 / 280.0 * 100.0).abs() < 1e-9, "{value}");
    assert_eq!(city["aggregated_from"], 13);
    assert_eq!(city["county"], "全市");
    // The mean of the areas' percentages would be (12 × 50 + 75) / 13 = 51.9: not what we report.
    assert!((value - 51.92).abs() > 1.0);
    run(&["eval", "tests/data/areas/ratio-2023.csv"]).stdout_has("53.57").stdout_has("由13个地区汇总");
    run(&["eval", "tests/data/areas/ratio-2023.csv", "--lang", "en"]).stdout_has("aggregated from 13 areas");
}

#[test]
fn a_missing_area_makes_the_city_value_missing_with_its_name() {
    let doc = run(&["eval", "tests/data/areas/missing-area-2023.csv", "--format", "json"]).json();
    let city = official(&doc, "green_village_share");
    assert_eq!(city["status"], "missing");
    assert!(city["value"].is_null());
    assert_eq!(city["reason"], "cannot aggregate: no usable value from 德化县, 泉州开发区");
    run(&["eval", "tests/data/areas/missing-area-2023.csv"]).stdout_has("无法汇总，缺少：德化县、泉州开发区");
}

#[test]
fn a_city_row_that_disagrees_with_its_areas_is_flagged_with_both_figures() {
    let r = run(&["eval", "tests/data/areas/disagree-2023.csv", "--format", "json"]);
    r.code(0).stderr_has(
        "tests/data/areas/disagree-2023.csv:2: warning[aggregate-mismatch]: green_village_share: found \"60\"; expected about 53.57, what the 13 areas aggregate to",
    );
    let doc = r.json();
    assert_eq!(doc["warnings"][0]["code"], "aggregate-mismatch");
    // The reported row is the official value; the warning does not replace it.
    assert_eq!(official(&doc, "green_village_share")["value"], 60.0);
    let r = run(&["eval", "tests/data/areas/agree-2023.csv"]);
    assert!(!r.stderr.contains("aggregate-mismatch"), "53.6 vs 53.57 is within 0.1: {}", r.stderr);
}

#[test]
fn indicators_that_do_not_apply_are_not_applicable_never_missing() {
    let doc = run(&["eval", "data/2023.csv", "--format", "json"]).json();
    for id in ["coastal_water_class_i_ii", "natural_coastline_retention", "beautiful_bays"] {
        assert_eq!(result(&doc, "安溪县", id)["status"], "not_applicable", "{id}");
        assert_eq!(result(&doc, "安溪县", id)["reason"], "applies only to areas tagged coastal", "{id}");
    }
    assert_ne!(result(&doc, "晋江市", "coastal_water_class_i_ii")["status"], "not_applicable");
    // A count the plan sets for the whole city is judged on the city total, not per area.
    assert_eq!(
        result(&doc, "晋江市", "beautiful_bays")["reason"],
        "a count for the whole city: judged on 全市's total"
    );
    assert_eq!(result(&doc, "安溪县", "black_odorous_elimination")["status"], "not_applicable");
    assert_ne!(result(&doc, "石狮市", "black_odorous_elimination")["status"], "not_applicable");
    let r = run(&["eval", "data/2023.csv", "--county", "安溪县"]);
    r.code(0).stdout_has("安溪县（适用指标）").stdout_has("汇总：安溪县");
    assert!(!r.stdout.contains("近岸海域水质"), "{}", r.stdout);
    assert!(!r.stdout.contains("美丽海湾数量"), "{}", r.stdout);
}

#[test]
fn one_area_by_name_or_alias_with_its_own_summary_and_exit_code() {
    let by_name = run(&["eval", "data/2023.csv", "--county", "晋江市", "--format", "json"]).json();
    let by_alias = run(&["eval", "data/2023.csv", "--county", "晋江", "--format", "json"]).json();
    assert_eq!(by_name, by_alias);
    let results = by_name["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["county"] == "晋江市" && r["status"] != "not_applicable"));
    let counted: u64 = by_name["summary"].as_object().unwrap().iter().filter_map(|(_, v)| v.as_u64()).sum();
    assert_eq!(counted as usize, results.len());
    run(&["eval", "data/2023.csv", "--county", "台商区"]).stdout_has("泉州台商投资区（适用指标）");
    // In the illustrative data 鲤城区 lags on binding indicators (森林覆盖率, 地表水 …) and 德化县 on none:
    // the exit code follows the area, while the city-level run exits 0.
    run(&["eval", "data/2023.csv", "--county", "鲤城区"]).code(1);
    run(&["eval", "data/2023.csv", "--county", "德化"]).code(0);
    run(&["eval", "data/2023.csv"]).code(0);
    run(&["eval", "data/2023.csv", "--county", "厦门", "--lang", "en"])
        .code(2)
        .stderr_has("--county: no area named \"厦门\"");
    run(&["eval", "tests/data/areas/pm25-2023.csv", "--county", "德化县", "--lang", "en"])
        .code(2)
        .stderr_has("the data has no rows for 德化县");
}

#[test]
fn rank_puts_the_lowest_pm25_first_and_ties_share_a_rank() {
    let doc =
        run(&["rank", "tests/data/areas/pm25-2023.csv", "--indicator", "pm25_central", "--format", "json"]).json();
    let ranking = doc["ranking"].as_array().unwrap();
    let places: Vec<(Value, &str)> =
        ranking.iter().map(|p| (p["rank"].clone(), p["county"].as_str().unwrap())).collect();
    let expected = [
        (Value::from(1), "石狮市"),
        (Value::from(2), "丰泽区"),
        (Value::from(2), "洛江区"),
        (Value::from(4), "鲤城区"),
        (Value::from(5), "泉港区"),
    ];
    assert_eq!(&places[..5], &expected);
    // Areas without a value come after the ranked ones, unranked and marked.
    assert_eq!(places.len(), 13);
    assert!(places[5..].iter().all(|(rank, _)| rank.is_null()));
    assert!(ranking[5..].iter().all(|p| p["status"] == "missing"));
    assert_eq!(doc["better"], "lower");
}

#[test]
fn rank_puts_the_highest_first_for_higher_is_better_and_not_applicable_last() {
    let r = run(&["rank", "data/2023.csv", "--indicator", "coastal_water_class_i_ii"]);
    r.code(0).stdout_has("越高越好").stdout_has("不适用");
    let doc = run(&["rank", "data/2023.csv", "--indicator", "coastal_water_class_i_ii", "--format", "json"]).json();
    let ranking = doc["ranking"].as_array().unwrap();
    let values: Vec<f64> = ranking.iter().filter_map(|p| p["value"].as_f64()).collect();
    assert_eq!(values.len(), 8, "eight coastal areas");
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
    assert!(ranking[8..].iter().all(|p| p["status"] == "not_applicable"));
    // A unique part of an id or a name is enough; a typo gets a suggestion.
    run(&["rank", "data/2023.csv", "--indicator", "pm25"]).code(0).stdout_has("pm25_central");
    run(&["rank", "data/2023.csv", "--indicator", "细颗粒物"]).code(0).stdout_has("pm25_central");
    run(&["rank", "data/2023.csv", "--indicator", "pm26_central", "--lang", "en"])
        .code(2)
        .stderr_has("did you mean pm25_central?");
}

#[test]
fn a_numerator_above_its_denominator_or_a_negative_count_is_an_input_error() {
    run(&["eval", "tests/data/areas/bad-ratio-2023.csv"])
        .code(2)
        .stderr_has("bad-ratio-2023.csv:2:5: error[numerator-above-denominator]: denominator: found \"296\"")
        .stderr_has(
            "bad-ratio-2023.csv:3:3: error[out-of-range]: value: found \"-1\"; expected a count of zero or more",
        )
        .stderr_has("bad-ratio-2023.csv:4:4: error[out-of-range]: numerator: found \"-3\"");
}

#[test]
fn the_matrix_marks_not_applicable_and_counts_failing_binding_indicators() {
    let r = run(&["eval", "data/2023.csv"]);
    r.stdout_has("约束性需关注").stdout_has("- 不适用");
    let line = r.stdout.lines().find(|l| l.contains("安溪县")).unwrap();
    assert!(line.contains(" - "), "{line}");
}

#[test]
fn an_area_is_judged_against_the_target_assigned_to_it() {
    let args = ["eval", "data/2023.csv", "--targets", "data/province-targets.example.toml", "--format", "json"];
    let doc = run(&args).json();
    let licheng = result(&doc, "鲤城区", "forest_coverage");
    assert_eq!(licheng["target"]["text"], "≥20");
    assert_eq!(licheng["target"]["resolved"], "≥20");
    assert_eq!(licheng["target"]["source"], "示例：市下达各县（市、区）森林覆盖率目标（虚构）");
    assert_eq!(licheng["status"], "achieved");
    // An area without its own target, and the city, keep the plan's 58.7.
    assert_eq!(result(&doc, "南安市", "forest_coverage")["target"]["resolved"], "≥58.7");
    assert_eq!(official(&doc, "forest_coverage")["target"]["resolved"], "≥58.7");
    assert!(official(&doc, "forest_coverage")["target"]["source"].is_null());
    run(&["eval", "data/2023.csv", "--targets", "data/province-targets.example.toml", "--county", "鲤城"])
        .stdout_has("下达本地区目标：示例：市下达各县（市、区）森林覆盖率目标（虚构）");
}
