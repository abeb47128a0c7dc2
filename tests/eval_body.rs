//! The body's tasks in `eval` and `validate`: left out by default (tables, summary, exit code), shown in a
//! table of their own with `--all` or `--source body`, and checked as yes/no values on intake.

mod common;

use common::run;

const FILE: &str = "tests/data/body/2023-tasks.csv";

#[test]
fn by_default_eval_leaves_the_tasks_out_of_the_tables_summary_and_exit_code() {
    let r = run(&["eval", FILE, "--fail-on", "any"]);
    r.code(0).stdout_has("城市层面（全市").stdout_has("森林覆盖率");
    for absent in ["规划正文重点任务", "重点任务", "植树造林", "尾水深海排放"] {
        assert!(!r.stdout.contains(absent), "{absent} in the default output:\n{}", r.stdout);
    }
    let doc = run(&["eval", FILE, "--format", "json"]).json();
    assert!(doc["summary"]["by_type"].get("task").is_none());
    assert!(doc["results"].as_array().unwrap().iter().all(|r| r["type"] != "task"));
}

#[test]
fn all_shows_the_tasks_in_a_table_of_their_own_grouped_by_chapter() {
    let r = run(&["eval", FILE, "--all"]);
    r.code(0).stdout_has("城市层面（全市").stdout_has("规划正文重点任务（按章）").stdout_has("各地区");
    let tasks = &r.stdout[r.stdout.find("规划正文重点任务").unwrap()..];
    let chapters =
        ["坚持生态兴城，建设山水田园城市", "实施三水统筹，建设美丽河湖", "振兴乡村生态，打造山水田园美丽乡村"];
    let at: Vec<usize> = chapters.iter().map(|c| tasks.find(c).unwrap_or_else(|| panic!("{c}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "chapters in the plan's order");
    for (task, status) in [("植树造林", "滞后"), ("港口码头低压岸电工程全覆盖", "提前实现")] {
        let line = tasks.lines().find(|l| l.contains(task)).unwrap_or_else(|| panic!("{task}"));
        assert!(line.contains(status), "{task}: {line}");
    }
    let plants = tasks.lines().find(|l| l.contains("尾水深海排放")).unwrap();
    assert!(
        plants.contains("未达标") && plants.contains("2023年到期，按总结评估规则判定") && plants.contains("2023"),
        "{plants}"
    );
    // Only 全市 is judged on a task; the areas' matrix keeps Table 2's columns.
    let matrix = &r.stdout[r.stdout.find("各地区").unwrap()..r.stdout.find("图例").unwrap()];
    assert!(matrix.contains("晋江市") && matrix.contains("29") && !matrix.contains("afforestation_area"), "{matrix}");
    r.stdout_has("重点任务 ┆");
}

#[test]
fn a_failing_task_counts_only_when_the_tasks_are_selected_and_fail_on_any() {
    run(&["eval", FILE, "--all"]).code(0);
    run(&["eval", FILE, "--all", "--fail-on", "any"]).code(1);
    run(&["eval", FILE, "--source", "body", "--fail-on", "any"]).code(1);
}

#[test]
fn source_body_shows_only_the_tasks() {
    let r = run(&["eval", FILE, "--source", "body"]);
    r.code(0).stdout_has("规划正文重点任务");
    assert!(!r.stdout.contains("城市层面（全市") && !r.stdout.contains("各地区"), "{}", r.stdout);
    run(&["eval", FILE, "--source", "专栏十", "--lang", "en"])
        .code(2)
        .stderr_has("no indicator of the catalogue matches");
    run(&["eval", FILE, "--all", "--source", "body"]).code(2);
}

#[test]
fn json_with_all_carries_each_tasks_source_and_due_year() {
    let doc = run(&["eval", FILE, "--all", "--format", "json"]).json();
    let results = doc["results"].as_array().unwrap();
    let plants = results.iter().find(|r| r["indicator"] == "wwtp_tailwater_deep_sea_discharge_8_plants").unwrap();
    assert_eq!(plants["type"], "task");
    assert_eq!(plants["source"], "第六章第三节");
    assert_eq!(plants["due"], 2023);
    assert_eq!(plants["status"], "fail");
    assert_eq!(plants["reason"], "due in 2023: judged as final; the value 0 is below the target =1");
    let trees = results.iter().find(|r| r["indicator"] == "afforestation_area").unwrap();
    assert_eq!((trees["due"].as_i64(), trees["status"].as_str()), (Some(2025), Some("lagging")));
    assert!(!results.iter().any(|r| r["county"] == "晋江市" && r["type"] == "task"));
    assert_eq!(doc["summary"]["by_type"]["task"]["fail"], 1);
    let forest = results.iter().find(|r| r["indicator"] == "forest_coverage").unwrap();
    assert_eq!(forest["source"], "表2");
}

#[test]
fn a_yes_no_value_is_1_or_0_and_nothing_between() {
    let r = run(&["validate", "tests/data/body/half-done.csv"]);
    r.code(1).stdout_has("out-of-range").stdout_has("不能取中间值");
    let r = run(&["validate", "tests/data/body/half-done.csv", "--lang", "en"]);
    r.code(1).stdout_has("nothing in between");
}

#[test]
fn an_area_reporting_a_task_of_the_whole_city_gets_a_warning() {
    let r = run(&["validate", "tests/data/body/area-task.csv"]);
    r.code(0).stdout_has("not-applicable").stdout_has("是全市的整体任务，只在“全市”行评价");
    let r = run(&["validate", "tests/data/body/area-task.csv", "--lang", "en"]);
    r.code(0).stdout_has("a task of the whole city, judged on the 全市 row only");
}
