//! `plan-check indicators`: the catalogue listed as a table, JSON or CSV, filtered by type, domain and
//! source.

mod common;

use common::run;

fn ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["indicators", "--format", "json"];
    all.extend_from_slice(args);
    let r = run(&all);
    r.code(0);
    r.json().as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_indicator_is_listed_by_default() {
    assert_eq!(ids(&[]).len(), 121);
    let r = run(&["indicators"]);
    r.code(0).stdout_has("序号").stdout_has("判定规则").stdout_has("共121项");
}

#[test]
fn filters_by_type_domain_and_source_combine() {
    assert_eq!(ids(&["--type", "task"]).len(), 89);
    assert_eq!(ids(&["--type", "binding"]).len(), 15);
    assert_eq!(ids(&["--source", "表2"]).len(), 32);
    assert_eq!(ids(&["--source", "table"]).len(), 32);
    assert_eq!(ids(&["--source", "body"]).len(), 89);
    assert_eq!(ids(&["--source", "专栏六"]).len(), 14);
    let rural = ids(&["--domain", "美丽乡村"]);
    assert!(rural.contains(&"forest_coverage".to_string()) && rural.contains(&"afforestation_area".to_string()));
    let rural_table = ids(&["--domain", "美丽乡村", "--type", "binding"]);
    assert_eq!(rural_table, ["forest_coverage", "ecological_redline_share"]);
    assert_eq!(ids(&["--source", "第六章第二节", "--type", "task"]).len(), 5);
    assert!(ids(&["--source", "专栏十"]).is_empty());
    run(&["indicators", "--source", "专栏十", "--lang", "en"]).code(0).stderr_has("matches the filters");
    run(&["indicators", "--type", "chore"]).code(2);
}

#[test]
fn json_entries_carry_the_target_as_written_and_as_resolved() {
    let r = run(&["indicators", "--format", "json", "--source", "第六章第三节"]);
    let doc = r.json();
    let plants =
        doc.as_array().unwrap().iter().find(|e| e["id"] == "wwtp_tailwater_deep_sea_discharge_8_plants").unwrap();
    assert_eq!(plants["type"], "task");
    assert_eq!(plants["due"], 2023);
    assert_eq!(plants["target"]["expression"], "done");
    assert_eq!(plants["target"]["resolved"], "=1");
    assert_eq!(plants["areas"].as_array().unwrap().len(), 0, "a task of the whole city");
    assert!(plants["quote"].as_str().unwrap().starts_with("2023年完成晋江西南片区4家污水处理厂"));
    let doc = run(&["indicators", "--format", "json", "--source", "表2"]).json();
    let pm25 = doc.as_array().unwrap().iter().find(|e| e["id"] == "pm25_central").unwrap();
    assert_eq!((pm25["target"]["expression"].as_str(), pm25["target"]["resolved"].as_str()), (Some("province"), None));
    assert_eq!(pm25["city_row"], "中心市区");
    assert_eq!(pm25["areas"].as_array().unwrap().len(), 13);
    let bays = doc.as_array().unwrap().iter().find(|e| e["id"] == "beautiful_bays").unwrap();
    assert_eq!(bays["areas"].as_array().unwrap().len(), 8, "the coastal areas");
}

#[test]
fn the_table_shows_applicability_and_the_rule() {
    let r = run(&["indicators", "--source", "专栏七"]);
    r.code(0).stdout_has("afforestation_area").stdout_has("≥29，累计").stdout_has("仅全市").stdout_has("共5项");
    let r = run(&["indicators", "--source", "表2", "--lang", "en"]);
    r.code(0)
        .stdout_has("coastal: 8 areas")
        .stdout_has("all areas; official row 中心市区")
        .stdout_has("32 indicator(s)");
}

#[test]
fn csv_has_one_row_per_indicator_under_a_fixed_header() {
    let r = run(&["indicators", "--format", "csv", "--type", "task"]);
    r.code(0);
    let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["label", "id", "name", "domain"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 89);
    let trees = rows.iter().find(|r| &r[1] == "afforestation_area").unwrap();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let cells = (&trees[col("target_resolved")], &trees[col("cumulative")], &trees[col("source")]);
    assert_eq!(cells, ("≥29", "true", "专栏七"));
}
