//! Issue 21: an evaluation a section chief can forward. The Word report is read in every XML part, the HTML
//! parsed, for both stages; `eval`'s verdict line and summary are read as printed.

mod common;

use common::run;
use common::word::{Both, report_both};
use scraper::{Html, Selector};

/// The HTML's text, parsed, section by section id.
fn html_section(page: &str, id: &str) -> String {
    let html = Html::parse_document(page);
    let sel = Selector::parse(&format!("section#{id}")).unwrap();
    html.select(&sel).next().map(|s| s.text().collect::<String>()).unwrap_or_default()
}

/// Runs `report` into `dir` and returns (docx text, html page, stderr, exit code).
const PROVINCE: &str =
    "10项因省下达目标未提供暂无法评估：1 单位GDP二氧化碳排放降低率、2 单位 GDP 能耗降低率、4a 氮氧化物";

#[test]
fn the_midterm_headline_names_the_unjudged_binding_indicators() {
    let dir = tempfile::tempdir().unwrap();
    let Both { docx, html: page, .. } = report_both(dir.path(), &["data/2023.csv"]);
    let overview = html_section(&page, "overview");
    for text in [&docx, &overview] {
        // Before: "约束性指标中没有滞后、倒退或未达标的指标。" with 11 of 15 never judged.
        assert!(!text.contains("约束性指标中没有滞后"), "an all clear over unjudged indicators");
        // 15 binding: 4 judged (none off track), 10 without the province's target, 1 without a baseline.
        assert!(text.contains("在可评估的4项约束性指标中，没有滞后、倒退或未达标的指标；另有"), "{text}");
        assert!(text.contains(PROVINCE), "{text}");
        assert!(text.contains("1项因缺少基准值、参照值或多年数据暂无法评估：13 生态保护红线占国土面积比例"));
    }
}

#[test]
fn the_final_headline_says_only_what_the_final_stage_has() {
    let dir = tempfile::tempdir().unwrap();
    let Both { docx, html: page, stderr, code } = report_both(dir.path(), &["data/2025.csv"]);
    let overview = html_section(&page, "overview");
    for text in [&docx, &overview] {
        assert!(text.contains("约束性指标中有1项需重点关注：地表水达到或好于Ⅲ类水体比例"), "{text}");
        assert!(text.contains(PROVINCE), "{text}");
    }
    // `report` exits 1 on the failing binding indicator and says why (before: nothing on stderr).
    assert_eq!(code, 1);
    assert!(
        stderr.contains("1项约束性指标未达要求：16 地表水达到或好于Ⅲ类水体比例 未达标（95.1，目标≥95.6）"),
        "{stderr}"
    );
    assert!(stderr.contains("数据为示例数据"), "{stderr}");
}

#[test]
fn a_sample_targets_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["data/2023.csv", "--targets", "data/province-targets.example.toml"];
    let Both { docx, html: page, stderr, code } = report_both(dir.path(), &args);
    let notice = Html::parse_document(&page)
        .select(&Selector::parse(".notice").unwrap())
        .map(|n| n.text().collect::<String>())
        .collect::<String>();
    assert!(notice.contains("省下达目标文件为示例（虚构）目标"), "{notice}");
    assert!(docx.contains("省下达目标文件为示例（虚构）目标"));
    assert_eq!(code, 1);
    assert!(stderr.contains("4项约束性指标未达要求："), "{stderr}");
    assert!(
        stderr.contains("另有5项约束性指标暂无法评估，其中4项因省下达目标未提供暂无法评估：4a 氮氧化物"),
        "{stderr}"
    );
    assert!(stderr.contains("省下达目标文件为示例（虚构）目标"), "{stderr}");
}

#[test]
fn an_empty_off_track_table_is_not_an_all_clear() {
    let r = run(&["eval", "data/2023.csv", "--type", "binding", "--only", "off-track"]);
    r.code(0);
    r.stderr_has("可评估的4项约束性指标中没有滞后、倒退或未达标的指标；另有11项约束性指标暂无法评估，其中");
    r.stderr_has(PROVINCE);
    let en = run(&["eval", "data/2023.csv", "--type", "binding", "--only", "off-track", "--lang", "en"]);
    en.stderr_has("none of the 4 binding indicator(s) that could be judged is lagging, regressing or failing");
    // The summary table says it too, under its counts.
    let r = run(&["eval", "data/2023.csv"]);
    let summary = r.stdout.rsplit_once("合计").map(|(_, tail)| tail.to_string()).unwrap_or_default();
    assert!(summary.contains("另有11项约束性指标暂无法评估"), "{}", r.stdout);
}

const ALL_YEARS: [&str; 6] =
    ["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv", "data/2024.csv", "data/2025.csv"];

/// The years the repository has data for (2024 is not among them).
fn all_years() -> Vec<&'static str> {
    ALL_YEARS.into_iter().filter(|f| common::root().join(f).exists()).collect()
}

#[test]
fn tasks_due_earlier_keep_their_verdicts_at_the_final_evaluation() {
    // Before: at 2025 the four tasks due 2021–2023 were 缺数据, "no row in the data".
    let mut args = vec!["eval"];
    args.extend(all_years());
    args.extend(["--all", "--type", "task", "--format", "json"]);
    let json = run(&args).json();
    let status = |id: &str| {
        let r = json["results"].as_array().unwrap().iter().find(|r| r["official"] == true && r["indicator"] == id);
        r.unwrap_or_else(|| panic!("{id}"))["status"].as_str().unwrap().to_string()
    };
    assert_eq!(json["year"], 2025);
    // Due 2023, judged on 2023's row (1 = done); the river shoreline task, due 2023 and 0 in 2023, fails.
    assert_eq!(status("wwtp_tailwater_deep_sea_discharge_8_plants"), "pass");
    assert_eq!(status("rural_centralized_source_protection_delineation"), "pass");
    assert_eq!(status("river_shoreline_noncompliant_activities_exit"), "fail");
    // A task due 2025 is still judged on 2025's data: no row there, no verdict borrowed from 2023.
    assert_eq!(status("urban_green_coverage"), "missing");
    // The report says the same, in Word and in HTML.
    let dir = tempfile::tempdir().unwrap();
    let mut args = all_years();
    args.push("--all");
    let Both { docx, html: page, .. } = report_both(dir.path(), &args);
    let tasks = html_section(&page, "tasks");
    for text in [&docx, &tasks] {
        assert!(text.contains("河湖岸线内不符合管控要求的生产、生活活动退出"), "{text}");
        assert!(!text.contains("89项缺少数据"), "{text}");
    }
}
