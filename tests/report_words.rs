//! The words and figures of the evaluation document (issue 21, "one set of words and figures" and "every
//! indicator with a baseline and a target gets its bar"): read from the HTML (parsed) and from every XML
//! part of the .docx, at the mid-term (2023) and the final stage (2020–2025), and where the same cells
//! appear in `eval`.

mod common;

use common::word::paragraphs as runs;

use std::io::Read;
use std::path::{Path, PathBuf};

use common::{Run, run, run_in};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

const MIDTERM: &[&str] = &["data/2023.csv"];
const FINAL: &[&str] = &["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv", "data/2025.csv"];
const TARGETS: &[&str] = &["--targets", "data/province-targets.example.toml"];

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

fn text(el: ElementRef) -> String {
    el.text().collect::<String>()
}

/// `report FILES ARGS -o DIR/NAME`: the file written and the run (its stderr holds the analyst's notes).
fn report(dir: &Path, name: &str, files: &[&str], args: &[&str]) -> (PathBuf, Run) {
    let out = dir.join(name);
    let out_str = out.to_str().unwrap().to_string();
    let mut full = vec!["report"];
    full.extend_from_slice(files);
    full.extend_from_slice(args);
    full.extend(["-o", &out_str]);
    let r = run(&full);
    assert!(r.code == 0 || r.code == 1, "`{}` failed ({}):\n{}", r.cmd, r.code, r.stderr);
    (out, r)
}

fn html(files: &[&str], args: &[&str]) -> (Html, Run) {
    let dir = tempfile::tempdir().unwrap();
    let (path, r) = report(dir.path(), "r.html", files, args);
    (Html::parse_document(&std::fs::read_to_string(path).unwrap()), r)
}

/// The text a reader sees: the body's text, no attributes.
fn visible(doc: &Html) -> String {
    doc.select(&sel("body")).map(text).collect()
}

/// The text of every XML part of the Word file (document, headers, footers …), joined.
fn docx(files: &[&str], args: &[&str]) -> (String, Run) {
    let dir = tempfile::tempdir().unwrap();
    let (path, r) = report(dir.path(), "r.docx", files, args);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> =
        zip.file_names().filter_map(|n| n.ok().map(String::from)).filter(|n| n.ends_with(".xml")).collect();
    let mut all = String::new();
    for n in names {
        let mut xml = String::new();
        zip.by_name(&n).unwrap().read_to_string(&mut xml).unwrap();
        all.push_str(&runs(&xml));
    }
    (all, r)
}

/// Both renderings' text.
fn both(files: &[&str], args: &[&str]) -> [String; 2] {
    [visible(&html(files, args).0), docx(files, args).0]
}

/// The indicators table's row of an indicator: its cells' text.
fn table_row(doc: &Html, id: &str) -> Vec<String> {
    let row = doc
        .select(&sel(&format!("#table-indicators tr[data-indicator=\"{id}\"]")))
        .next()
        .unwrap_or_else(|| panic!("no row for {id}"));
    row.select(&sel("td")).map(text).collect()
}

/// The index of a column of the indicators table, by its title.
fn column(doc: &Html, title: &str) -> usize {
    let titles: Vec<String> = doc.select(&sel("#table-indicators thead th")).map(text).collect();
    titles.iter().position(|t| t == title).unwrap_or_else(|| panic!("no column {title} in {titles:?}"))
}

/// The item of 五 (the indicators off track) that starts with the indicator's 序号 and name.
fn attention_item(doc: &Html, start: &str) -> String {
    let items: Vec<String> = doc.select(&sel("li")).map(text).collect();
    items.iter().find(|i| i.starts_with(start)).cloned().unwrap_or_else(|| panic!("no item {start:?} in {items:#?}"))
}

/// The chart row of an indicator: (whether it has a bar, its caption).
fn chart_row(doc: &Html, id: &str) -> Option<(bool, String)> {
    let row = doc.select(&sel(&format!("table.charts tr[data-indicator=\"{id}\"]"))).next()?;
    let cells: Vec<ElementRef> = row.select(&sel("td")).collect();
    Some((cells[2].select(&sel("svg")).next().is_some(), text(cells[3])))
}

fn catalogue() -> Vec<Value> {
    run(&["indicators", "--format", "json"]).json().as_array().unwrap().clone()
}

fn official(files: &[&str], args: &[&str]) -> Vec<Value> {
    let mut full = vec!["eval"];
    full.extend_from_slice(files);
    full.extend_from_slice(args);
    full.extend(["--format", "json"]);
    let json = run(&full).json();
    json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["official"] == true && r["type"] != "task")
        .cloned()
        .collect()
}

#[test]
fn no_internal_id_and_no_instruction_to_the_analyst_in_either_document() {
    let ids: Vec<String> = catalogue().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
    for files in [MIDTERM, FINAL] {
        let (doc, r) = html(files, &["--all"]);
        let (word, _) = docx(files, &["--all"]);
        for (what, text) in [("html", visible(&doc)), ("docx", word)] {
            // `--all` brought the body's tasks (which have no 序号) into 三 as `urban_green_coverage 城市…`.
            for id in &ids {
                assert!(!text.contains(id.as_str()), "{what} of {files:?} shows the id {id}");
            }
            assert!(!text.contains("请提供"), "{what} of {files:?} instructs the analyst");
            assert!(text.contains("规划未给出基准值"), "{what} of {files:?}: the fact is still stated");
        }
        // The instruction goes to the analyst, on stderr.
        r.stderr_has("13 生态保护红线占国土面积比例（%）：规划未给出基准值，请提供基准年数据");
    }
    // A task of the body, which has no 序号, is named where the plan writes it.
    let (doc, _) = html(MIDTERM, &["--all"]);
    let rows: Vec<String> = doc.select(&sel("tr")).map(text).collect();
    assert!(rows.iter().any(|r| r.starts_with("第三章第二节城市建成区绿化覆盖率")), "{rows:#?}");
    // eval's machine output keeps its reason text.
    let json = run(&["eval", "data/2023.csv", "--format", "json"]).json();
    let redline = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator"] == "ecological_redline_share" && r["official"] == true)
        .unwrap();
    assert_eq!(redline["reason"], "the plan gives no baseline; supply a base-year value");
}

#[test]
fn a_difference_of_percentages_is_in_percentage_points() {
    let (doc, _) = html(MIDTERM, &[]);
    // 14.1 − 11.2 = 2.9 points; the projection 12.73 misses 14.1 by 1.37 points.
    let item = attention_item(&doc, "3 非化石能源");
    assert!(item.contains("距目标尚差2.9个百分点") && item.contains("差1.37个百分点"), "{item}");
    assert!(!visible(&doc).contains("尚差2.9%"));
    let (doc, _) = html(MIDTERM, &["--lang", "en"]);
    let item = attention_item(&doc, "3 非化石能源");
    assert!(item.contains("2.9 percentage points short of the target"), "{item}");
    // A difference in another unit keeps its unit: 1 beautiful river against ≥2 is 1个 short.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), "county,indicator,value,year\n全市,beautiful_rivers_lakes,1,2023\n")
        .unwrap();
    let out = dir.path().join("r.html");
    let r = run_in(dir.path(), &["report", "d.csv", "-o", out.to_str().unwrap()]);
    assert!(r.code <= 1, "{}", r.stderr);
    let doc = Html::parse_document(&std::fs::read_to_string(&out).unwrap());
    let item = attention_item(&doc, "15 美丽河湖数量");
    assert!(item.contains("距目标尚差1个") && !item.contains("百分点"), "{item}");
    // --explain and eval say it too.
    run(&["eval", "data/2023.csv", "--explain", "green_village_share", "--lang", "en"])
        .stdout_has("79.85 against ≥80, short by 0.15 percentage points");
    run(&["eval", "data/2023.csv"]).stdout_has("预计2025年12.73；目标≥14.1：差1.37个百分点");
}

#[test]
fn reasons_are_at_the_precision_of_the_table() {
    let (doc, _) = html(MIDTERM, &[]);
    let row = table_row(&doc, "rural_sewage_treatment");
    let (value, note) = (&row[column(&doc, "本期值")], &row[column(&doc, "说明")]);
    assert_eq!(value, "70.03");
    assert!(note.contains("本期值70.03低于目标≥75") && !note.contains("70.0266"), "{note}");
    // Where two decimals would contradict the verdict, more digits: 14.996 is short of ≥15, never "15".
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), "county,indicator,value,year\n全市,park_green_ratio,14.996,2023\n")
        .unwrap();
    let out = dir.path().join("r.html");
    let r = run_in(dir.path(), &["report", "d.csv", "-o", out.to_str().unwrap()]);
    assert!(r.code <= 1, "{}", r.stderr);
    let doc = Html::parse_document(&std::fs::read_to_string(&out).unwrap());
    let row = table_row(&doc, "park_green_ratio");
    assert_eq!(row[column(&doc, "本期值")], "14.996");
    assert!(row[column(&doc, "说明")].contains("本期值14.996低于目标≥15"), "{row:?}");
    let item = attention_item(&doc, "26 园区绿地率");
    assert!(item.contains("本期值14.996") && item.contains("距目标尚差0.004个百分点"), "{item}");
}

#[test]
fn an_absent_baseline_is_a_slash_as_the_plan_writes_it() {
    for text in both(MIDTERM, &[]) {
        assert!(!text.contains("基准—"), "基准— reads as 基准一");
        assert!(text.contains("本期值82.3，基准/，目标≥85"), "item 9 of 三");
        assert!(text.contains("基准/ → 目标") || text.contains("无基准值，按水平判定"));
    }
}

#[test]
fn a_cumulative_row_has_one_baseline_in_the_table_the_text_the_chart_and_completion() {
    let (doc, _) = html(FINAL, TARGETS);
    let row = table_row(&doc, "co2_intensity_reduction");
    assert_eq!(row[column(&doc, "基准(2020)")], "0（2021年起累计）");
    // Completion from 0: 18.6 / 19.5 = 95.4% — not (18.6 − 25.81) / (19.5 − 25.81).
    assert_eq!(row[column(&doc, "完成度")], "95%");
    let note = &row[column(&doc, "说明")];
    assert!(note.contains("规划现状值（2020年）：2020年较2015年下降25.81%（上一规划期累计，本期自0起算）"), "{note}");
    let item = attention_item(&doc, "1 单位GDP二氧化碳");
    assert!(item.contains("基准0（2021年起累计）") && !item.contains("基准25.81"), "{item}");
    let (bar, caption) = chart_row(&doc, "co2_intensity_reduction").unwrap();
    assert!(bar && caption.starts_with("基准0（2021年起累计） → 目标≥19.5%，本期18.6，完成度95%"), "{caption}");
    // The same cell in eval, and the 4a–4d rows the plan prints as "/" count from 0 too.
    let table = run(&["eval", "data/2023.csv", "--format", "markdown"]).stdout;
    assert!(table.contains("| 1 | 单位GDP二氧化碳排放降低率（%） | 约束性 | 0（2021年起累计） |"), "{table}");
    assert!(table.contains("| 4a | 氮氧化物 | 约束性 | 0（2021年起累计） |"), "{table}");
    assert!(
        table.contains("未提供省下达目标；规划现状值（2020年）：2020年较2015年下降25.81%（上一规划期累计"),
        "{table}"
    );
    let (doc, _) = html(FINAL, &["--targets", "data/province-targets.example.toml", "--lang", "en"]);
    assert_eq!(table_row(&doc, "co2_intensity_reduction")[column(&doc, "Baseline (2020)")], "0 (cumulative from 2021)");
    // --explain gives the same baseline, and the plan's figure as the previous period's.
    run(&["eval", "data/2023.csv", "--explain", "co2_intensity_reduction"]).stdout_has(
        "基准值：0（2021年起累计）；规划现状值25.81（指标目录 indicators.toml:97）为上一规划期累计，不作本期基准",
    );
    // The first year counted is the catalogue's base year + 1, not a literal.
    let dir = tempfile::tempdir().unwrap();
    let toml = std::fs::read_to_string(common::root().join("indicators.toml")).unwrap();
    std::fs::write(dir.path().join("c.toml"), toml.replacen("base_year = 2020", "base_year = 2019", 1)).unwrap();
    let data = common::root().join("data/2023.csv");
    let r = run_in(dir.path(), &["eval", data.to_str().unwrap(), "--catalog", "c.toml", "--format", "markdown"]);
    assert!(r.stdout.contains("| 约束性 | 0（2020年起累计） |"), "{}\n{}", r.stdout, r.stderr);
}

#[test]
fn one_name_for_the_binding_column_and_the_final_stage_says_only_failing() {
    let (doc, _) = html(MIDTERM, &[]);
    let count: Vec<String> = doc.select(&sel("table.matrix th.count")).map(text).collect();
    assert_eq!(count, ["约束性需关注"]);
    run(&["eval", "data/2023.csv"]).stdout_has("约束性需关注");
    assert!(!run(&["eval", "data/2023.csv"]).stdout.contains("约束性未达"));
    for text in both(FINAL, TARGETS) {
        assert!(!text.contains("滞后、倒退或"), "the final stage has only 未达标:\n{text}");
        assert!(text.contains("个地区有约束性指标未达标："), "the areas' sentence");
    }
    for text in both(FINAL, &[]) {
        assert!(!text.contains("滞后、倒退或"));
    }
    // At mid-term the three statuses are all off track.
    assert!(visible(&doc).contains("个地区有约束性指标滞后、倒退或未达标："));
}

#[test]
fn no_projection_at_the_final_stage() {
    for text in both(FINAL, TARGETS) {
        assert!(!text.contains("预计"), "a projection beside the measured 2025 value");
        assert!(!text.contains("进展/预测"));
    }
    let (doc, _) = html(FINAL, TARGETS);
    column(&doc, "进展");
    let row = table_row(&doc, "surface_water_class_iii");
    assert_eq!(row[column(&doc, "本期值")], "95.1");
    assert_eq!(row[column(&doc, "进展")], "偏离目标");
    // At mid-term the projection stays.
    let (doc, _) = html(MIDTERM, &[]);
    assert!(table_row(&doc, "non_fossil_share")[column(&doc, "进展/预测")].contains("预计2025年12.73"));
    // eval and --explain at the final stage: no projection either.
    let mut args = vec!["eval"];
    args.extend_from_slice(FINAL);
    args.extend_from_slice(TARGETS);
    assert!(!run(&args).stdout.contains("预计"));
    args.extend(["--explain", "surface_water_class_iii"]);
    let explained = run(&args);
    explained.stdout_has("进展：");
    assert!(!explained.stdout.contains("预测：") && !explained.stdout.contains("最小二乘"), "{}", explained.stdout);
}

#[test]
fn every_indicator_with_a_baseline_and_a_numeric_target_gets_its_bar_or_a_word_why_not() {
    let cumulative: Vec<String> =
        catalogue().iter().filter(|i| i["cumulative"] == true).map(|i| i["id"].as_str().unwrap().to_string()).collect();
    // Without targets at mid-term: 3, 12, 14, 16, 17, 18, 20 and 29 (was 3 and 14); with them at the end,
    // 1, 2, 5, 6, 21, 22, 27 and 28 too.
    for (files, args, bars) in [(MIDTERM, &[][..], 8), (FINAL, TARGETS, 16)] {
        let (doc, _) = html(files, args);
        let why = doc
            .select(&sel("p"))
            .map(text)
            .find(|p| p.starts_with("未绘制进度图的指标："))
            .unwrap_or_else(|| panic!("no sentence on the indicators without a chart"));
        let mut drawn = 0;
        for r in official(files, args) {
            let id = r["indicator"].as_str().unwrap();
            let label = r["label"].as_str().unwrap();
            let start = !r["baseline"].is_null() || cumulative.iter().any(|c| c == id);
            let wants_bar = start && !r["target"]["resolved"].is_null() && !r["value"].is_null();
            match chart_row(&doc, id) {
                Some((true, _)) => {
                    assert!(wants_bar, "{id} drawn without a baseline, a target or a value");
                    drawn += 1;
                }
                Some((false, caption)) => {
                    assert!(!wants_bar, "{id} has no bar");
                    assert!(caption.contains('；'), "{id}: a chart without a bar says why: {caption}");
                }
                None => {
                    assert!(!wants_bar, "{id} has no chart");
                    let named = why.split(['：', '、', '（', '；']).any(|l| l == label);
                    assert!(named, "{label} ({id}) is neither drawn nor named with why: {why}");
                }
            }
        }
        assert_eq!(drawn, bars, "{files:?}");
    }
    // A level to hold is drawn, and its caption says why there is no completion.
    let (doc, _) = html(MIDTERM, &[]);
    let (bar, caption) = chart_row(&doc, "forest_coverage").unwrap();
    assert!(bar && caption.ends_with("本期59.69；基准年已达标，按水平判定"), "{caption}");
    let (word, _) = docx(MIDTERM, &[]);
    assert!(word.contains("未绘制进度图的指标：7、9、10、13、15、23、26（无基准值，按水平判定）"), "{word}");
}

#[test]
fn eval_shows_the_value_its_reason_names() {
    // 14.996 against ≥15: the table's cell says 14.996 as its reason does, not "15" beside 滞后.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.csv"), "county,indicator,value,year\n全市,park_green_ratio,14.996,2023\n")
        .unwrap();
    let r = run_in(dir.path(), &["eval", "d.csv", "--format", "markdown"]);
    assert!(r.stdout.contains("| ≥15 | 14.996 |") && r.stdout.contains("本期值14.996低于目标≥15"), "{}", r.stdout);
}
