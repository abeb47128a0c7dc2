//! Issue 22: a catalogue of another plan — a national one, with only a 全国 row — evaluates with its own
//! words throughout: its level, its status words, its re-based baseline beside the printed one, in the
//! table, JSON, CSV, Markdown, the workbook, the report and `--explain`; and no Quanzhou word appears.

mod common;

use std::io::{Cursor, Read};

use calamine::{Reader, Xlsx};
use common::{root, run, run_in};

const CATALOG: &str = "tests/data/national/indicators.toml";
const DATA: &str = "tests/data/national/2023.csv";

/// Words of Quanzhou's catalogue that a national plan's output must not carry.
const QUANZHOU: [&str; 4] = ["全市", "中心市区", "城市层面", "city level"];

fn eval(extra: &[&str]) -> String {
    let mut args = vec!["eval", DATA, "--catalog", CATALOG];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert!(r.code == 0 || r.code == 1, "`{}` ({}):\n{}", r.cmd, r.code, r.stderr);
    format!("{}\n{}", r.stdout, r.stderr)
}

fn no_quanzhou_word(what: &str, text: &str) {
    for word in QUANZHOU {
        assert!(!text.to_lowercase().contains(&word.to_lowercase()), "{what} says {word}:\n{text}");
    }
}

#[test]
fn the_table_speaks_the_national_plans_words_in_both_languages() {
    let zh = eval(&[]);
    no_quanzhou_word("the table", &zh);
    for needle in ["全国层面", "汇总（全国层面）", "81.2（原76.7）", "基本符合预期", "达到序时进度", "55左右（≥52.25）"]
    {
        assert!(zh.contains(needle), "{needle}:\n{zh}");
    }
    // 提前实现 and 符合序时进度 are the plan's 达到序时进度: one row of the summary counts both.
    let summary = zh.split("汇总（全国层面）").nth(1).unwrap();
    assert_eq!(summary.matches("达到序时进度").count(), 1, "{summary}");
    assert!(summary.lines().any(|l| l.contains("达到序时进度") && l.trim_end().ends_with("2 │")), "{summary}");
    assert!(!zh.contains("提前实现") && !zh.contains("保持达标"), "the plan's words replace the built-in ones");
    let en = eval(&["--lang", "en"]);
    no_quanzhou_word("the English table", &en);
    for needle in ["National level", "Summary (national level)", "81.2 (printed 76.7)", "broadly as expected"] {
        assert!(en.contains(needle), "{needle}:\n{en}");
    }
}

#[test]
fn json_carries_both_baselines_the_status_and_no_quanzhou_word() {
    let r = run(&["eval", DATA, "--catalog", CATALOG, "--format", "json"]);
    let doc = r.json();
    no_quanzhou_word("the JSON", &r.stdout);
    let results = doc["results"].as_array().unwrap();
    let air = results.iter().find(|v| v["indicator"] == "good_air_days").unwrap();
    assert_eq!(air["county"], "全国");
    assert_eq!(air["official"], true);
    assert_eq!(air["baseline"], 81.2);
    assert_eq!(air["printed_baseline"], 76.7);
    assert_eq!(air["rebased_note"], "2018年监测口径调整后重算");
    assert_eq!(air["target"]["resolved"], "≥84.5");
    assert_eq!(air["status"], "on_track");
    let forest = results.iter().find(|v| v["indicator"] == "forest_coverage").unwrap();
    assert_eq!((forest["status"].as_str(), forest["target"]["resolved"].as_str()), (Some("held"), Some(">23")));
    assert_eq!(doc["summary"]["held"], 1);
    // 1 − 0.973 × 0.999 × 0.97 = 5.7133…%, compounded, not 2.7 + 0.1 + 3 = 5.8.
    let energy = results.iter().find(|v| v["indicator"] == "energy_intensity_reduction").unwrap();
    let expected = (1.0 - 0.973 * 0.999 * 0.97) * 100.0;
    assert!((energy["value"].as_f64().unwrap() - expected).abs() < 1e-9, "{energy}");
}

#[test]
fn csv_and_markdown_show_the_plans_words_and_both_baselines() {
    let csv = eval(&["--format", "csv"]);
    no_quanzhou_word("the CSV", &csv);
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",baseline,printed_baseline,rebased_note,"), "{header}");
    let air = csv.lines().find(|l| l.contains("good_air_days")).unwrap();
    assert!(air.starts_with("1,达到序时进度,全国,") && air.contains(",81.2,76.7,2018年监测口径调整后重算,"), "{air}");
    let markdown = eval(&["--format", "markdown"]);
    no_quanzhou_word("the Markdown", &markdown);
    assert!(markdown.contains("| 81.2（原76.7） |") && markdown.contains("| 基本符合预期 |"), "{markdown}");
}

#[test]
fn the_workbook_names_its_sheet_and_statuses_in_the_plans_words() {
    let dir = tempfile::tempdir().unwrap();
    let (data, catalog) = (root().join(DATA), root().join(CATALOG));
    let args = ["eval", data.to_str().unwrap(), "--catalog", catalog.to_str().unwrap(), "-o", "n.xlsx"];
    run_in(dir.path(), &args);
    let bytes = std::fs::read(dir.path().join("n.xlsx")).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names()[0], "全国层面");
    let sheet = book.worksheet_range("全国层面").unwrap();
    let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "基本符合预期"), "{cells:?}");
    assert!(cells.iter().any(|c| c == "81.2（原76.7）"), "{cells:?}");
    let mut all = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        all.extend(range.rows().flat_map(|r| r.iter().map(|c| format!("{c}\n"))));
    }
    no_quanzhou_word("the workbook", &all);
}

#[test]
fn the_report_and_explain_use_the_plans_words() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.html");
    let r = run(&["report", DATA, "--catalog", CATALOG, "-o", out.to_str().unwrap()]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    no_quanzhou_word("the HTML report", &html);
    // Read as text: a figure in a table cell is in a span that does not wrap (issue 21).
    let text: String = scraper::Html::parse_document(&html).root_element().text().collect();
    assert!(text.contains("基本符合预期") && text.contains("81.2（原76.7）"));
    let docx = dir.path().join("n.docx");
    run(&["report", DATA, "--catalog", CATALOG, "-o", docx.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    no_quanzhou_word("the Word report", &xml);
    assert!(xml.contains("基本符合预期") && xml.contains("81.2（原76.7）"));

    let explain = eval(&["--explain", "good_air_days"]);
    no_quanzhou_word("--explain", &explain);
    assert!(explain.contains("全国（全国层面判定行）"), "{explain}");
    assert!(explain.contains("重算基准值81.2用于判定，规划印发值76.7（2018年监测口径调整后重算）"), "{explain}");
    assert!(explain.contains("状态：达到序时进度"), "{explain}");
    let explain = eval(&["--explain", "forest_coverage", "--lang", "en"]);
    assert!(explain.contains("status: broadly as expected"), "{explain}");
}

#[test]
fn a_compounded_rate_with_a_year_missing_is_a_validate_warning() {
    let r = run(&[
        "validate",
        "tests/data/intake/problems/compound-gap-2023.csv",
        "--catalog",
        CATALOG,
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    r.code(0);
    let doc = r.json();
    let p = doc["problems"].as_array().unwrap().iter().find(|p| p["code"] == "compound-gap").unwrap();
    assert_eq!(p["line"], 3);
    assert!(p["expected"].as_str().unwrap().contains("a 2022 rate of energy_intensity_reduction"), "{p}");
}
