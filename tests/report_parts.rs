//! Issue 21, the report's parts: the six parts of a published evaluation in order (一 … 六, then the annex),
//! the body's tasks in 三 by default and counted apart, yes/no tasks in words and the tasks without data in
//! one sentence, 四 from the 重大工程 register, 五 drafted from the verdicts, the analyst's `--narrative`
//! placed into 一, 五 and 六 (a placeholder without it), and the areas judged against a named target
//! beside their change. The Word file is read in every XML part, the HTML parsed, for both stages.

mod common;

use std::io::Read;
use std::path::Path;

use common::run;
use common::word::{Both, report_both};
use scraper::{Html, Selector};

/// word/document.xml as written.
fn document_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

impl Both {
    fn page(&self) -> Html {
        Html::parse_document(&self.html)
    }

    /// The HTML's text of one part, by its id.
    fn section(&self, id: &str) -> String {
        let page = self.page();
        page.select(&sel(&format!("section#{id}"))).next().map(|s| s.text().collect::<String>()).unwrap_or_default()
    }

    /// The part headings (h2) in the order the HTML has them.
    fn headings(&self) -> Vec<String> {
        self.page().select(&sel("section > h2")).map(|h| h.text().collect::<String>()).collect()
    }
}

const MIDTERM: &[&str] = &["data/2023.csv"];
const FINAL: &[&str] = &["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv", "data/2025.csv"];

const PARTS: [&str; 7] = [
    "一、规划实施总体情况",
    "二、主要目标指标完成情况",
    "三、重点任务推进情况",
    "四、重大工程进展情况",
    "五、存在的主要问题",
    "六、下一步工作建议",
    "附：数据与方法",
];

/// The positions of `items` in `text`, each after the one before: all present and in this order.
fn in_order(text: &str, items: &[&str]) {
    let mut at = 0;
    for item in items {
        match text[at..].find(item) {
            Some(i) => at += i + item.len(),
            None => panic!("{item} missing or out of order"),
        }
    }
}

/// `eval --all --format json`'s official tasks: (all, with no data).
fn task_counts(files: &[&str]) -> (usize, usize) {
    let mut args = vec!["eval"];
    args.extend_from_slice(files);
    args.extend(["--all", "--format", "json"]);
    let json = run(&args).json();
    let tasks: Vec<&serde_json::Value> =
        json["results"].as_array().unwrap().iter().filter(|r| r["official"] == true && r["type"] == "task").collect();
    let missing = tasks.iter().filter(|r| r["status"] == "missing").count();
    (tasks.len(), missing)
}

#[test]
fn the_six_parts_in_order_with_the_tasks_by_default_and_counted_apart() {
    for files in [MIDTERM, FINAL] {
        let dir = tempfile::tempdir().unwrap();
        let b = report_both(dir.path(), files);
        // Before: 一、总体情况 … 三、需关注的指标, 四、各地区情况, and 重点任务 only with --all.
        assert_eq!(b.headings(), PARTS, "{files:?}");
        in_order(&b.docx, &PARTS);
        assert!(!b.docx.contains("需关注的指标") && !b.html.contains("需关注的指标"));
        // 三 holds the body's tasks without --all, counted apart from the 32 indicators of Table 2.
        let (tasks, missing) = task_counts(files);
        assert_eq!(tasks, 89);
        for text in [&b.docx, &b.section("overview")] {
            assert!(text.contains("共评估32项指标（约束性15项、预期性10项、引领性7项）"), "{files:?}");
            assert!(text.contains("规划正文的89项重点任务另行评估，见第三部分。"));
            assert!(!text.contains("共评估121项指标") && !text.contains("重点任务89项"));
        }
        let page = b.page();
        let rows = page.select(&sel("section#tasks table#table-tasks tr[data-indicator]")).count();
        assert_eq!(rows, tasks - missing, "{files:?}: a row for each task with data only");
        // The tasks without data: one sentence with the count and the chapters, not a row each.
        let sentence = format!("另有{missing}项重点任务（共{tasks}项）暂无数据，未列入上表，分布在第三章");
        for text in [&b.docx, &b.section("tasks")] {
            assert!(text.contains(&sentence), "{files:?}");
            assert!(!text.contains("数据中无此项"), "no row per task without data");
        }
        // The type of the overview's status chart: the tasks are not a bar of the indicators' chart.
        assert!(page.select(&sel("table.stack tr[data-type=task]")).next().is_none());
        // The verdict line and exit code are the indicators', as eval gives them without --all.
        let mut eval = vec!["eval"];
        eval.extend_from_slice(files);
        let eval = run(&eval);
        assert_eq!(b.code, eval.code, "{files:?}");
        assert_eq!(b.stderr.lines().last(), eval.stderr.lines().last(), "{files:?}: the same verdict line");
    }
}

#[test]
fn yes_no_tasks_are_said_in_words_and_keep_their_due_year() {
    let dir = tempfile::tempdir().unwrap();
    let mid = report_both(dir.path(), MIDTERM);
    let page = mid.page();
    let row = |page: &Html, id: &str| {
        let found = page.select(&sel(&format!("section#tasks tr[data-indicator={id}]"))).next();
        found.map(|r| r.select(&sel("td")).map(|c| c.text().collect::<String>()).collect::<Vec<_>>()).unwrap()
    };
    // The data say 0 for the shore power (due 2025) and 1 for the water-source zoning (due 2021).
    let shore = row(&page, "port_low_voltage_shore_power_full_coverage");
    assert_eq!(shore[3], "实现全市港口码头低压岸电工程全覆盖", "the plan's words, not （=1）");
    assert_eq!((shore[5].as_str(), shore[7].as_str(), shore[8].as_str()), ("尚未完成", "滞后", "期限2025年，尚未完成"));
    let zoning = row(&page, "rural_centralized_source_protection_delineation");
    assert_eq!((zoning[5].as_str(), zoning[7].as_str()), ("已完成", "达标"));
    let tasks = mid.section("tasks");
    for text in [&mid.docx, &tasks] {
        assert!(!text.contains("目标=1") && !text.contains("=1）"), "no yes/no task as a number");
    }
    assert!(mid.docx.contains("尚未完成") && mid.docx.contains("已完成"));
    // At the final evaluation the task due 2023 keeps its verdict, in words.
    let fin = report_both(dir.path(), FINAL);
    let exit = row(&fin.page(), "river_shoreline_noncompliant_activities_exit");
    assert_eq!((exit[4].as_str(), exit[5].as_str(), exit[7].as_str()), ("2023", "尚未完成", "未达标"));
    assert_eq!(exit[8], "2023年到期，尚未完成");
    assert!(fin.docx.contains("2023年到期，尚未完成"));
}

#[test]
fn part_four_is_the_register_when_a_status_file_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let without = report_both(dir.path(), MIDTERM);
    for text in [&without.docx, &without.section("projects")] {
        assert!(text.contains("本次评估未提供重大工程进展情况文件"), "{text}");
        assert!(text.contains("plan-check template --projects"));
    }
    let with = report_both(dir.path(), &["data/2023.csv", "data/projects-2023.csv"]);
    // eval's register for the same files: 94 entries, 10 completed, 17 under construction, 3 preparing,
    // 2 not started and 61 unreported, 1 cancelled; started 27 of 93 = 29.03%, completed 10 of 93 = 10.75%;
    // 27,000 万元 = 2.7 亿元 invested; one due 2023 and not completed.
    let json = run(&["eval", "data/2023.csv", "data/projects-2023.csv", "--format", "json"]).json();
    let s = &json["projects"]["summary"];
    assert_eq!((s["total"].as_u64(), s["overdue"].as_u64()), (Some(94), Some(1)));
    let sentence = "规划确定的94项重大工程中，已完工10项、在建17项、前期工作3项、未开工63项（其中未填报61项）、已取消1项，开工率29.03%，完工率10.75%，完成投资2.7亿元；逾期未完工1项。";
    let section = with.section("projects");
    for text in [&with.docx, &section] {
        assert!(text.contains(sentence), "{text}");
        assert!(text.contains("截至2023年，1项重大工程已到应完成年份但尚未完工"));
        assert!(text.contains("晋江西南片区4家污水处理厂尾水深海排放工程（专栏六，在建，进度80%，应于2023年完成）"));
        assert!(!text.contains("未提供重大工程进展情况文件"));
    }
    // The counts by 专栏 add up to the register's.
    let page = with.page();
    let rows: Vec<Vec<String>> = page
        .select(&sel("section#projects table#table-projects tbody tr"))
        .map(|r| r.select(&sel("td, th")).map(|c| c.text().collect::<String>()).collect())
        .filter(|r: &Vec<String>| r.len() == 10)
        .collect();
    let (columns, total) = rows.split_at(rows.len() - 1);
    assert_eq!(total[0][0], "合计");
    let sum: u64 = columns.iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
    assert_eq!(sum, 94);
    assert_eq!(total[0][8], "29.03%");
}

#[test]
fn part_five_names_the_indicators_off_track_the_unjudged_and_the_areas() {
    let dir = tempfile::tempdir().unwrap();
    let mid = report_both(dir.path(), MIDTERM);
    let problems = mid.section("problems");
    for text in [&mid.docx, &problems] {
        assert!(text.contains("（一）部分目标指标进展滞后"), "{text}");
        assert!(text.contains("6项指标滞后、倒退或未达标"), "{text}");
        // 14.1 − 11.2 = 2.9 short; 93 − 92.6 = 0.4 short of the level the baseline met.
        assert!(text.contains("3 非化石能源占一次能源消费比例(%)（预期性，滞后）：本期值11.2"));
        assert!(text.contains("尚差2.9"));
        assert!(text.contains("18 小流域水质好于Ⅲ类比例（%）（预期性，倒退）"));
        assert!(text.contains("尚差0.4"));
        // The unjudged, grouped by why: 12 province targets (10 binding, 27 and 28), 5 wanting data, 1 no data.
        assert!(text.contains("18项指标暂无法评估"));
        assert!(text.contains("12项因省下达目标未提供暂无法评估：1 单位GDP二氧化碳排放降低率"));
        assert!(text.contains("13 生态保护红线占国土面积比例"));
        assert!(text.contains("1项缺少数据：19 "));
        // The areas holding a binding indicator back.
        assert!(text.contains("13个地区中，10个地区有约束性指标存在差距"));
        assert!(text.contains(
            "鲤城区（3项）：12 森林覆盖率、16 地表水达到或好于Ⅲ类水体比例、20 地下水质量（区域点位）Ⅴ类水比例"
        ));
    }
    let fin = report_both(dir.path(), FINAL);
    let problems = fin.section("problems");
    for text in [&fin.docx, &problems] {
        assert!(text.contains("（一）部分目标指标未完成"), "{text}");
        assert!(text.contains("3项指标未达到规划目标"), "{text}");
        // 95.6 − 95.1 = 0.5 short.
        assert!(text.contains("16 地表水达到或好于Ⅲ类水体比例（%）（约束性，未达标）：本期值95.1"));
        assert!(text.contains("尚差0.5"));
    }
}

const NARRATIVE: &str = "## 主要成效\n\n全市生态环境质量持续改善，\n空气质量保持全省前列。\n\n- 一是治气成效明显\n- 二是治水稳步推进\n\n\
## 存在的主要问题\n\n部分县区森林覆盖率与全市目标差距较大。<script>alert(1)</script>\n\n\
## 6. Recommendations for the next stage\n\n1. 加快重点任务数据报送。\n2. 推进逾期工程。\n";

#[test]
fn the_narrative_goes_into_its_parts_and_a_placeholder_marks_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let narrative = dir.path().join("n.md");
    std::fs::write(&narrative, NARRATIVE).unwrap();
    let n = narrative.to_str().unwrap();
    for files in [MIDTERM, FINAL] {
        let mut args = files.to_vec();
        args.extend(["--narrative", n]);
        let b = report_both(dir.path(), &args);
        // Each text in its part: 主要成效 in 一 after the overall judgement, the problems in 五 after the
        // drafted items, the recommendations as 六.
        in_order(
            &b.docx,
            &[
                "一、规划实施总体情况",
                "15项约束性指标中",
                "主要成效",
                "全市生态环境质量持续改善，空气质量保持全省前列。",
            ],
        );
        in_order(
            &b.docx,
            &["五、存在的主要问题", "（一）", "（四）其他问题", "部分县区森林覆盖率与全市目标差距较大。"],
        );
        in_order(&b.docx, &["六、下一步工作建议", "1. 加快重点任务数据报送。", "2. 推进逾期工程。", "附：数据与方法"]);
        in_order(
            &b.section("overview"),
            &["主要成效", "全市生态环境质量持续改善，空气质量保持全省前列。", "一是治气成效明显"],
        );
        assert!(b.section("problems").contains("部分县区森林覆盖率与全市目标差距较大。"));
        assert!(b.section("next").contains("2. 推进逾期工程。"));
        assert!(!b.docx.contains("【待补充") && !b.html.contains("【待补充"));
        // The analyst's text is text: escaped in both.
        assert!(b.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !b.html.contains("<script>"));
        assert!(b.docx.contains("<script>alert(1)</script>"));
        // Without it, a visible placeholder in 一 and 六, in both renderings.
        let plain = report_both(dir.path(), files);
        for text in [&plain.docx, &plain.section("overview")] {
            assert!(
                text.contains("【待补充：主要成效，由评估人员撰写；可用 --narrative 文件中“## 主要成效”一节提供】")
            );
        }
        for text in [&plain.docx, &plain.section("next")] {
            assert!(text.contains("【待补充：下一步工作建议"), "{text}");
        }
        assert!(!plain.section("problems").contains("其他问题"));
        // Marked to be seen: highlighted in Word, a marked paragraph in the HTML.
        let xml = document_xml(&dir.path().join("r.docx"));
        let marked = "<w:highlight w:val=\"yellow\" /></w:rPr><w:t xml:space=\"preserve\">【待补充：";
        assert_eq!(xml.matches(marked).count(), 2, "一 and 六");
        assert_eq!(plain.page().select(&sel("section#overview p.placeholder, section#next p.placeholder")).count(), 2);
    }
    // English headings name the same parts; the document's words follow --lang.
    let en = dir.path().join("en.md");
    std::fs::write(&en, "## Main achievements\n\nAir quality improved.\n\n## 下一步工作建议\n\nKeep going.\n").unwrap();
    let b = report_both(dir.path(), &["data/2023.csv", "--lang", "en", "--narrative", en.to_str().unwrap()]);
    let expected = [
        "1. Overall implementation of the plan",
        "2. The main target indicators",
        "3. Progress of the key tasks",
        "4. Progress of the major projects",
        "5. The main problems",
        "6. Recommendations for the next stage",
        "Appendix: data and method",
    ];
    assert_eq!(b.headings(), expected);
    assert!(b.section("overview").contains("Air quality improved."));
    assert!(b.section("next").contains("Keep going."));
}

#[test]
fn a_narrative_heading_that_names_no_part_is_refused_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, "## 主要成效\n\n好。\n\n## 成绩\n\n不好。\n").unwrap();
    let out = dir.path().join("r.docx");
    let (b, o) = (bad.to_str().unwrap(), out.to_str().unwrap());
    let r = run(&["report", "data/2023.csv", "--narrative", b, "-o", o]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{b}:5")), "{}", r.stderr);
    assert!(r.stderr.contains("“成绩”"));
    for name in ["## 主要成效", "## 存在的主要问题", "## 下一步工作建议", "## Main achievements", "## Next steps"]
    {
        assert!(r.stderr.contains(name), "{name}: {}", r.stderr);
    }
    assert!(!out.exists(), "nothing written");
    let r = run(&["report", "data/2023.csv", "--narrative", b, "-o", o, "--lang", "en"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&format!("{b}:5: the heading \"成绩\" names no part of the report")), "{}", r.stderr);
    // Text before the first heading, at its line.
    std::fs::write(&bad, "\n前言\n\n## 主要成效\n").unwrap();
    let r = run(&["report", "data/2023.csv", "--narrative", b, "-o", o]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains(&format!("{b}:2：第一个“## ”标题之前有正文")), "{}", r.stderr);
    // A narrative is a side file: bounded by side-file-bytes.
    std::fs::write(&bad, NARRATIVE).unwrap();
    let r = run(&["report", "data/2023.csv", "--narrative", b, "-o", o, "--limit", "side-file-bytes=64"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bad.md") && r.stderr.contains("side-file-bytes"), "{}", r.stderr);
    // -o never overwrites the narrative it reads.
    let same = dir.path().join("n.html");
    std::fs::write(&same, NARRATIVE).unwrap();
    let s = same.to_str().unwrap();
    let r = run(&["report", "data/2023.csv", "--narrative", s, "-o", s]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&same).unwrap(), NARRATIVE);
    // A file that cannot be read names itself.
    let missing = dir.path().join("none.md");
    let r = run(&["report", "data/2023.csv", "--narrative", missing.to_str().unwrap(), "-o", o]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("none.md"), "{}", r.stderr);
}

#[test]
fn the_areas_say_which_target_they_are_judged_against_and_their_change() {
    let dir = tempfile::tempdir().unwrap();
    let fin = report_both(dir.path(), FINAL);
    let indicators = fin.section("indicators");
    for text in [&fin.docx, &indicators] {
        assert!(text.contains("各地区的指标均按全市目标评估"), "{text}");
        // The bundled data have no area rows in 2020: the change runs from each area's first year, said so.
        assert!(text.contains("下表的变化自各地区最早报送数据的年份起算"));
    }
    let page = fin.page();
    let rows: Vec<Vec<String>> = page
        .select(&sel("table#table-area-changes tr[data-indicator]"))
        .map(|r| r.select(&sel("td, th")).map(|c| c.text().collect::<String>()).collect())
        .collect();
    let row = |area: &str, id: &str| {
        rows.iter().find(|r| r[0] == area && r[1].starts_with(id)).unwrap_or_else(|| panic!("{area} {id}: {rows:?}"))
    };
    // 鲤城区's forest cover: 20.679 (2023) → 20.717 (2025), up 0.04 percentage points, against the city's 58.7.
    let forest = row("鲤城区", "12 ");
    assert_eq!(forest[2], "全市目标≥58.7");
    assert_eq!(forest[3], "2023年 20.68 → 2025年 20.72");
    assert_eq!(forest[4], "提高0.04个百分点");
    // Its groundwater class V: 11.8 → 11.3, down 0.5 percentage points (lower is better, still over ≤10).
    let ground = row("鲤城区", "20 ");
    assert_eq!((ground[3].as_str(), ground[4].as_str()), ("2023年 11.8 → 2025年 11.3", "下降0.5个百分点"));
    // With the targets file giving 鲤城区 its own forest target (≥20), it is judged against that, and said.
    let mid = report_both(dir.path(), &["data/2023.csv", "--targets", "data/province-targets.example.toml"]);
    let indicators = mid.section("indicators");
    for text in [&mid.docx, &indicators] {
        assert!(
            text.contains("各地区的指标按全市目标评估，目标文件单独下达目标的除外：鲤城区（12 森林覆盖率）"),
            "{text}"
        );
    }
    let page = mid.page();
    let areas: Vec<String> = page
        .select(&sel("table#table-area-changes tr[data-indicator=forest_coverage] td:first-child"))
        .map(|c| c.text().collect())
        .collect();
    assert!(areas.contains(&"泉港区".to_string()) && !areas.contains(&"鲤城区".to_string()), "{areas:?}");
    assert!(mid.section("indicators").contains("全市目标≥58.7"));
}

#[test]
fn one_area_and_a_tasks_only_selection_say_what_the_parts_hold() {
    let dir = tempfile::tempdir().unwrap();
    let area = report_both(dir.path(), &["data/2023.csv", "--county", "晋江"]);
    assert_eq!(area.headings(), PARTS);
    for text in [&area.docx, &area.section("tasks")] {
        assert!(text.contains("重点任务按全市评估，晋江市没有单独适用的重点任务"), "{text}");
    }
    assert!(area.page().select(&sel("table.matrix")).next().is_none());
    // --source 第八章 selects 17 tasks and no indicator of Table 2: 一 says so instead of "共评估0项指标".
    let tasks = report_both(dir.path(), &["data/2023.csv", "--source", "第八章"]);
    for text in [&tasks.docx, &tasks.section("overview")] {
        assert!(text.contains("所选范围（--source）不含规划表2的目标指标，仅评估17项重点任务"), "{text}");
        assert!(!text.contains("共评估0项指标"));
    }
    assert!(tasks.section("tasks").contains("17项重点任务中，"));
    // --all puts the tasks in the evaluation too; 一 still counts Table 2's 32 indicators, 三 the 89 tasks.
    let all = report_both(dir.path(), &["data/2023.csv", "--all"]);
    assert_eq!(all.headings(), PARTS);
    for text in [&all.docx, &all.section("overview")] {
        assert!(text.contains("共评估32项指标（约束性15项、预期性10项、引领性7项）"), "{text}");
        assert!(!text.contains("共评估121项指标"));
    }
    assert!(all.section("tasks").contains("89项重点任务中，"));
}
