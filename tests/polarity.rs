//! Polarity end to end: `eliminated` on both polarities, and `check-catalog` on a rule written against
//! its indicator's polarity.

mod common;

use common::{run, run_in};

#[test]
fn check_catalog_warns_on_a_rule_against_polarity_and_strict_makes_it_an_error() {
    let r = run(&["check-catalog", "tests/data/check/polarity.toml"]);
    r.code(0).stdout_has("3 indicator(s); 0 error(s), 2 warning(s)");
    r.stdout_has("polarity.toml:12: pm25: warning[rule-against-polarity]: the target `>= 26` asks for at least 26")
        .stdout_has("write `<= 26`")
        .stdout_has("polarity.toml:22: forest: warning[rule-against-polarity]: the target `<= 58.7` asks for at most");
    assert!(!r.stdout.contains("class_v"), "{}", r.stdout);
    let r = run(&["check-catalog", "tests/data/check/polarity.toml", "--strict"]);
    r.code(1)
        .stdout_has("polarity.toml:12: pm25: error[rule-against-polarity]")
        .stdout_has("3 indicator(s)")
        .stdout_has("2 error(s), 0 warning(s)");
    let doc = run(&["check-catalog", "tests/data/check/polarity.toml", "--strict", "--format", "json"]).json();
    assert_eq!((doc["valid"].as_bool(), doc["findings"][0]["severity"].as_str()), (Some(false), Some("error")));
}

/// A catalogue with one indicator of each polarity whose target is `eliminated`.
const ELIMINATED: &str = r#"[plan]
name = "示例市规划"
base_year = 2020
target_year = 2025
midterm_year = 2023

[[county]]
name = "全市"
kind = "city"

[[indicator]]
id = "black_odorous"
domain = "水环境"
name = "黑臭水体消除比例（%）"
unit = "%"
type = "binding"
better = "higher"
target = "eliminated"
target_text = "基本消除"

[[indicator]]
id = "class_v"
domain = "水环境"
name = "劣Ⅴ类水体比例（%）"
unit = "%"
type = "binding"
better = "lower"
baseline = 3.1
target = "eliminated"
target_text = "消除"
"#;

#[test]
fn eliminated_is_a_share_eliminated_or_a_share_remaining_by_polarity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), ELIMINATED).unwrap();
    std::fs::write(dir.path().join("2025.csv"), "county,indicator,value\n全市,black_odorous,90\n全市,class_v,0\n")
        .unwrap();
    let r = run_in(dir.path(), &["eval", "2025.csv", "--catalog", "c.toml", "--format", "json"]);
    r.code(0);
    let doc = r.json();
    let result = |id: &str| doc["results"].as_array().unwrap().iter().find(|v| v["indicator"] == id).unwrap().clone();
    assert_eq!(
        (result("black_odorous")["target"]["resolved"].as_str(), result("black_odorous")["status"].as_str()),
        (Some("≥90"), Some("pass"))
    );
    assert_eq!(
        (result("class_v")["target"]["resolved"].as_str(), result("class_v")["status"].as_str()),
        (Some("≤0"), Some("pass"))
    );
    std::fs::write(dir.path().join("2025.csv"), "county,indicator,value\n全市,black_odorous,89\n全市,class_v,0.5\n")
        .unwrap();
    let r = run_in(dir.path(), &["eval", "2025.csv", "--catalog", "c.toml"]);
    r.code(1).stdout_has("基本消除（≥90）").stdout_has("消除（≤0）");
}
