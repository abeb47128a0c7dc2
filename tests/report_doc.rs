//! `plan-check report`: the HTML parsed with an HTML parser and the .docx unzipped, both checked against the
//! JSON of `eval` on the same files — every indicator row, the statuses, the values and the counts of 总体情况.

mod common;

use common::word::runs;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use common::{run, run_in};
use scraper::{Html, Selector};
use serde_json::Value;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

fn text(el: scraper::ElementRef) -> String {
    el.text().collect::<String>()
}

/// The official, city-level results of the plan's table, in order, from `eval --format json`.
fn eval_json(args: &[&str]) -> Value {
    let mut full = vec!["eval"];
    full.extend_from_slice(args);
    full.extend(["--format", "json"]);
    run(&full).json()
}

fn official_table_rows(json: &Value) -> Vec<&Value> {
    json["results"].as_array().unwrap().iter().filter(|r| r["official"] == true && r["type"] != "task").collect()
}

fn report(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    let mut full = vec!["report"];
    full.extend_from_slice(args);
    let out_str = out.to_str().unwrap().to_string();
    full.extend(["-o", &out_str]);
    let r = run(&full);
    assert!(r.code == 0 || r.code == 1, "`{}` failed ({}):\n{}", r.cmd, r.code, r.stderr);
    assert_eq!(r.stdout.trim(), out_str);
    out
}

/// The counts a type sentence says, by the number before each 项 after "指标中，".
fn counts_in_sentence(sentence: &str) -> Vec<usize> {
    let after = sentence.split_once("指标中，").map_or("", |(_, rest)| rest);
    after
        .split('项')
        .filter_map(|part| {
            let digits: String = part.chars().rev().take_while(char::is_ascii_digit).collect();
            digits.chars().rev().collect::<String>().parse().ok()
        })
        .collect()
}

const TYPES: [(&str, &str); 3] = [("binding", "约束性"), ("expected", "预期性"), ("leading", "引领性")];

fn status_zh(s: &str) -> &'static str {
    match s {
        "pass" => "达标",
        "fail" => "未达标",
        "achieved" => "提前实现",
        "held" => "保持达标",
        "on_track" => "符合序时进度",
        "lagging" => "滞后",
        "regressing" => "倒退",
        "pending" => "待定",
        "missing" => "缺数据",
        _ => "不适用",
    }
}

/// Each type's sentence names its total, each judged status with its count, and counts that add up.
fn check_sentences(sentences: &BTreeMap<String, String>, json: &Value) {
    for (kind, label) in TYPES {
        let counts = json["summary"]["by_type"][kind].as_object().unwrap();
        let total: u64 = counts.values().map(|v| v.as_u64().unwrap()).sum();
        let sentence = &sentences[kind];
        assert!(sentence.starts_with(&format!("{total}项{label}指标中，")), "{sentence}");
        for (status, n) in counts {
            let judged = ["achieved", "on_track", "pass", "fail", "lagging", "regressing"].contains(&status.as_str());
            if judged && n.as_u64() != Some(0) {
                assert!(sentence.contains(&format!("{n}项{}", status_zh(status))), "{status} {n}: {sentence}");
            }
        }
        assert_eq!(counts_in_sentence(sentence).iter().sum::<usize>() as u64, total, "{sentence}");
    }
}

fn check_html(file: &str) {
    let dir = tempfile::tempdir().unwrap();
    let json = eval_json(&[file]);
    let page = std::fs::read_to_string(report(dir.path(), "r.html", &[file])).unwrap();
    let html = Html::parse_document(&page);
    assert_eq!(html.select(&sel("h1")).count(), 1);
    // The six parts of a published evaluation, then the annex; the areas are a sub-part of 二.
    for id in ["overview", "indicators", "tasks", "projects", "problems", "next", "method"] {
        let section = html.select(&sel(&format!("section#{id}"))).next().unwrap_or_else(|| panic!("no section {id}"));
        assert_eq!(section.select(&sel("h2")).count(), 1, "{id}");
    }
    assert_eq!(html.select(&sel("script, link, img, iframe, object")).count(), 0, "self-contained, no script");
    // Nothing fetched: the only URL is the SVG namespace.
    assert_eq!(page.matches("://").count(), page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count());
    assert!(html.select(&sel("style")).next().is_some_and(|s| text(s).contains("@page")));
    assert!(html.select(&sel(".notice")).next().is_some(), "the bundled data is illustrative");
    // Every indicator row, in order, with the JSON's status and value.
    let rows: Vec<_> = html.select(&sel("table#table-indicators tr[data-indicator]")).collect();
    let expected = official_table_rows(&json);
    assert_eq!(rows.len(), expected.len());
    for (row, result) in rows.iter().zip(&expected) {
        let v = row.value();
        assert_eq!(v.attr("data-indicator"), result["indicator"].as_str());
        assert_eq!(v.attr("data-status"), result["status"].as_str());
        let cells: Vec<String> = row.select(&sel("td")).map(text).collect();
        assert_eq!(cells[1], result["name"].as_str().unwrap());
        match result["value"].as_f64() {
            Some(x) => assert!((cells[5].parse::<f64>().unwrap() - x).abs() < 0.005, "{cells:?} {x}"),
            None => assert_eq!(cells[5], "—"),
        }
        let status = row.select(&sel("td.status")).next().map(text);
        assert_eq!(status.as_deref(), Some(status_zh(result["status"].as_str().unwrap())));
    }
    let sentences: BTreeMap<String, String> = html
        .select(&sel("p.type-summary"))
        .map(|p| (p.value().attr("data-type").unwrap().to_string(), text(p)))
        .collect();
    check_sentences(&sentences, &json);
    // The stacked bar of each type shows the same counts.
    for (kind, _) in TYPES {
        let bar = html.select(&sel(&format!("table.stack tr[data-type={kind}]"))).next().unwrap();
        assert!(bar.select(&sel("svg rect")).count() >= 1);
        for (status, n) in json["summary"]["by_type"][kind].as_object().unwrap() {
            if n.as_u64() == Some(0) {
                continue;
            }
            assert!(text(bar).contains(&format!("{} {n}", status_zh(status))), "{kind} {status} {n}: {}", text(bar));
        }
    }
    // The matrix, under 二: one row per area in the data, each with its count of binding indicators off track.
    let areas: Vec<_> = html.select(&sel("section#indicators table.matrix tbody tr")).collect();
    assert_eq!(areas.len(), 13);
}

#[test]
fn html_of_the_midterm_matches_eval() {
    check_html("data/2023.csv");
}

#[test]
fn html_of_the_final_matches_eval() {
    check_html("data/2025.csv");
}

/// document.xml's text, paragraph by paragraph, and each table row's text.
struct WordText {
    xml: String,
    paragraphs: Vec<String>,
    rows: Vec<String>,
}

fn read_docx(path: &Path) -> (WordText, zip::ZipArchive<std::fs::File>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let paragraphs = xml.split("</w:p>").map(runs).collect();
    let rows = xml
        .split("</w:tr>")
        .map(|r| runs(&r[r.rfind("<w:tr>").or_else(|| r.rfind("<w:tr ")).unwrap_or(0)..]))
        .collect();
    (WordText { xml, paragraphs, rows }, zip)
}

fn check_docx(file: &str) {
    let dir = tempfile::tempdir().unwrap();
    let json = eval_json(&[file]);
    let (word, mut zip) = read_docx(&report(dir.path(), "r.docx", &[file]));
    for result in official_table_rows(&json) {
        let name = result["name"].as_str().unwrap();
        let status = status_zh(result["status"].as_str().unwrap());
        assert!(
            word.rows.iter().any(|r| r.contains(name) && r.contains(status)),
            "no table row for {name} with {status}"
        );
    }
    let sentences: BTreeMap<String, String> = TYPES
        .iter()
        .filter_map(|(kind, label)| {
            let p = word.paragraphs.iter().find(|p| p.contains(&format!("项{label}指标中，")))?;
            Some((kind.to_string(), p.trim().to_string()))
        })
        .collect();
    check_sentences(&sentences, &json);
    // Real tables whose first row repeats, landscape sections for the wide ones, headings, page numbers.
    let tables = word.xml.matches("<w:tbl>").count();
    assert!(tables >= 5);
    assert_eq!(word.xml.matches("<w:tblHeader />").count(), tables);
    assert!(word.xml.contains(r#"w:orient="landscape""#) && word.xml.contains(r#"w:orient="portrait""#));
    assert!(word.xml.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(word.paragraphs.iter().any(|p| p.contains("示例数据")));
    let mut styles = String::new();
    zip.by_name("word/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    assert!(styles.contains(r#"w:styleId="Heading1""#) && styles.contains("w:outlineLvl"));
    let mut fonts = String::new();
    zip.by_name("word/fontTable.xml").unwrap().read_to_string(&mut fonts).unwrap();
    assert!(fonts.contains(r#"<w:altName w:val="FangSong"/>"#));
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(String::from)).collect();
    let footers: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("word/footer"))
        .map(|n| {
            let mut s = String::new();
            zip.by_name(n).unwrap().read_to_string(&mut s).unwrap();
            s
        })
        .collect();
    assert!(!footers.is_empty() && footers.iter().all(|f| f.contains("PAGE")));
    let pictures = names.iter().filter(|n| n.ends_with(".png")).count();
    assert!(pictures >= 4, "the stacked bars and the indicator bars are pictures: {pictures}");
}

#[test]
fn docx_of_the_midterm_matches_eval() {
    check_docx("data/2023.csv");
}

#[test]
fn docx_of_the_final_matches_eval() {
    check_docx("data/2025.csv");
}

#[test]
fn text_from_the_inputs_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    let catalog = std::fs::read_to_string(root.join("indicators.toml")).unwrap();
    let area = "丰泽<script>alert(1)</script>区";
    std::fs::write(dir.path().join("indicators.toml"), catalog.replace("丰泽区", area)).unwrap();
    let data = std::fs::read_to_string(root.join("data/2023.csv")).unwrap().replace("丰泽区", area);
    let data = data.replacen(
        "全市,co2_intensity_reduction,10.9,2023,,,",
        "全市,co2_intensity_reduction,10.9,2023,,,\"<script>note</script>\"",
        1,
    );
    std::fs::write(dir.path().join("2023.csv"), data).unwrap();
    std::fs::write(
        dir.path().join("t.toml"),
        "[pm25_central]\ntarget = \"<= 22\"\nsource = \"<img src=x onerror=alert(1)>\"\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["report", "2023.csv", "--targets", "t.toml", "-o", "r.html"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    let html = Html::parse_document(&page);
    assert_eq!(html.select(&sel("script, img")).count(), 0);
    let areas: Vec<String> = html.select(&sel("table.matrix tbody th")).map(text).collect();
    assert!(areas.contains(&area.to_string()), "{areas:?}");
    assert!(page.contains("数据备注：&lt;script&gt;note&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Not the bundled file and no note says so: no notice.
    assert!(html.select(&sel(".notice")).next().is_none());
    let r = run_in(dir.path(), &["report", "2023.csv", "--targets", "t.toml", "-o", "r.docx"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let (word, _) = read_docx(&dir.path().join("r.docx"));
    assert!(word.rows.iter().any(|r| r.contains(area)));
    assert!(word.xml.contains("&lt;script&gt;"));
}

#[test]
fn the_body_tasks_a_single_area_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(report(dir.path(), "all.html", &["data/2023.csv", "--all"])).unwrap();
    let html = Html::parse_document(&page);
    let json = eval_json(&["data/2023.csv", "--all"]);
    let tasks =
        json["results"].as_array().unwrap().iter().filter(|r| r["official"] == true && r["type"] == "task").count();
    assert!(tasks > 0);
    // The tasks with data have a row each; those without are counted in one sentence.
    let missing = json["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["official"] == true && r["type"] == "task" && r["status"] == "missing")
        .count();
    assert!(missing > 0);
    assert_eq!(html.select(&sel("section#tasks table#table-tasks tr[data-indicator]")).count(), tasks - missing);
    let section = html.select(&sel("section#tasks")).next().map(text).unwrap();
    assert!(section.contains(&format!("另有{missing}项重点任务（共{tasks}项）暂无数据")), "{section}");

    let page = std::fs::read_to_string(report(dir.path(), "jj.html", &["data/2023.csv", "--county", "晋江"])).unwrap();
    let html = Html::parse_document(&page);
    assert!(html.select(&sel("table.matrix")).next().is_none(), "one area has no areas matrix");
    assert!(text(html.select(&sel("h1")).next().unwrap()).contains("晋江市"));

    let page = std::fs::read_to_string(report(dir.path(), "en.html", &["data/2025.csv", "--lang", "en"])).unwrap();
    let html = Html::parse_document(&page);
    let binding = html.select(&sel("p.type-summary[data-type=binding]")).next().map(text).unwrap();
    let json = eval_json(&["data/2025.csv"]);
    let total: u64 =
        json["summary"]["by_type"]["binding"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert!(binding.starts_with(&format!("Of the {total} binding indicators")), "{binding}");
    assert_eq!(html.root_element().value().attr("lang"), Some("en"));
}

#[test]
fn several_years_give_sparklines() {
    let dir = tempfile::tempdir().unwrap();
    let files = ["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv"];
    let page = std::fs::read_to_string(report(dir.path(), "s.html", &files)).unwrap();
    let html = Html::parse_document(&page);
    let sparks = html.select(&sel("table.charts svg polyline")).count();
    assert!(sparks >= 3, "{sparks}");
    assert!(html.select(&sel("table.charts line[stroke-dasharray]")).count() >= 1, "the 序时进度 mark at mid-term");
}

#[test]
fn skipped_problems_are_listed_in_the_appendix() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::fs::read_to_string(common::root().join("data/2023.csv")).unwrap();
    std::fs::write(dir.path().join("2023.csv"), data.replacen(",10.9,", ",ten,", 1)).unwrap();
    let r = run_in(dir.path(), &["report", "2023.csv", "-o", "r.html"]);
    r.code(2);
    assert!(!dir.path().join("r.html").exists());
    let r = run_in(dir.path(), &["report", "2023.csv", "--skip-invalid", "-o", "r.html"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let html = Html::parse_document(&std::fs::read_to_string(dir.path().join("r.html")).unwrap());
    let appendix = text(html.select(&sel("section#method")).next().unwrap());
    assert!(appendix.contains("2023.csv:2") && appendix.contains("ten"), "{appendix}");
}

#[test]
fn the_output_is_checked_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(&common::root(), &["report", "data/2023.csv", "-o", dir.path().join("r.pdf").to_str().unwrap()]);
    r.code(2).stderr_has("--format");
    let copy = dir.path().join("2023.csv");
    std::fs::copy(common::root().join("data/2023.csv"), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let r = run_in(dir.path(), &["report", "2023.csv", "--format", "html", "-o", "2023.csv", "--lang", "en"]);
    r.code(2).stderr_has("input");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    let r = run_in(dir.path(), &["report", "2023.csv", "-o", "missing/r.html", "--lang", "en"]);
    r.code(2).stderr_has("cannot write");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left behind");
    let r = run_in(dir.path(), &["report", "2023.csv", "--format", "docx", "-o", "r.bin"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert!(std::fs::read(dir.path().join("r.bin")).unwrap().starts_with(b"PK"));
}

#[cfg(unix)]
#[test]
fn the_document_gets_the_mode_of_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plain"), b"x").unwrap();
    let r = run_in(dir.path(), &["report", common::root().join("data/2023.csv").to_str().unwrap(), "-o", "r.html"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("r.html"), mode("plain"));
}
