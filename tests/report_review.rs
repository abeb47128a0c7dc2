//! The review of issue 21: what its builders left, checked against what the commands print.
//! - "No projection at the final stage": `eval` and `trend` drop the 预测/projection column there (it
//!   could only hold `—`), in every format built from the table; JSON keeps `progress.projection`.
//! - A targets file that replaces a figure the plan states shows the rule in force and who assigned it,
//!   not the plan's words beside another rule (`达到45%（≥46）`).

mod common;

use common::{run, run_in};

const MIDTERM: &[&str] = &["data/2023.csv"];
const FINAL: &[&str] = &["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv", "data/2025.csv"];

fn with(cmd: &str, files: &[&str], args: &[&str]) -> common::Run {
    let mut full = vec![cmd];
    full.extend_from_slice(files);
    full.extend_from_slice(args);
    let r = run(&full);
    assert!(r.code == 0 || r.code == 1, "`{}` failed ({}):\n{}", r.cmd, r.code, r.stderr);
    r
}

/// The header rows of a Markdown rendering (the lines that start a table).
fn headers(markdown: &str) -> Vec<&str> {
    let lines: Vec<&str> = markdown.lines().collect();
    lines.windows(2).filter(|w| w[1].starts_with("|-") || w[1].starts_with("| -")).map(|w| w[0]).collect()
}

#[test]
fn eval_has_no_projection_column_at_the_final_stage() {
    for (lang, word) in [("zh", "预测"), ("en", "projection")] {
        let fin = with("eval", FINAL, &["--format", "markdown", "--lang", lang]);
        let head = headers(&fin.stdout);
        assert!(!head.is_empty(), "{}", fin.stdout);
        assert!(head.iter().all(|h| !h.contains(word)), "{head:?}");
        // The same table at the mid-term keeps it, beside 进展.
        let mid = with("eval", MIDTERM, &["--format", "markdown", "--lang", lang]);
        assert!(headers(&mid.stdout)[0].contains(word), "{}", mid.stdout);
        // One area's table too.
        let area = with("eval", FINAL, &["--county", "晋江市", "--format", "markdown", "--lang", lang]);
        assert!(headers(&area.stdout).iter().all(|h| !h.contains(word)), "{}", area.stdout);
    }
    // The terminal table: no column of dashes.
    let table = with("eval", FINAL, &[]);
    assert!(!table.stdout.contains("预测"), "{}", table.stdout);
    // The machines' JSON keeps the field (documented in docs/output.md).
    let json = with("eval", FINAL, &["--format", "json"]);
    assert!(json.stdout.contains("\"projection\""));
}

#[test]
fn eval_workbook_has_no_projection_column_at_the_final_stage() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = FINAL.iter().map(|f| common::root().join(f).to_str().unwrap().to_string()).collect();
    let mut args = vec!["eval"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["-o", "x.xlsx"]);
    let r = run_in(dir.path(), &args);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(dir.path().join("x.xlsx")).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().ends_with(".xml") {
            std::io::Read::read_to_string(&mut f, &mut all).unwrap();
        }
    }
    assert!(all.contains("进展"), "the workbook has the verdict table");
    assert!(!all.contains("预测"), "a projection column in the final workbook");
}

#[test]
fn trend_has_no_projection_column_at_the_final_stage() {
    let fin = with("trend", FINAL, &["--format", "markdown"]);
    assert!(headers(&fin.stdout).iter().all(|h| !h.contains("预测")), "{}", fin.stdout);
    let mid =
        with("trend", &["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv"], &["--format", "markdown"]);
    assert!(headers(&mid.stdout)[0].contains("预测"), "{}", mid.stdout);
}

/// The row of a Markdown table whose cells include `name`.
fn row_of<'a>(markdown: &'a str, name: &str) -> &'a str {
    markdown
        .lines()
        .find(|l| l.starts_with('|') && l.contains(name))
        .unwrap_or_else(|| panic!("no row {name}:\n{markdown}"))
}

#[test]
fn a_target_from_a_targets_file_is_shown_with_who_assigned_it() {
    let dir = tempfile::tempdir().unwrap();
    let targets = dir.path().join("t.toml");
    std::fs::write(&targets, "[urban_green_coverage]\ntarget = \">= 46\"\nsource = \"市下达绿化目标（示例）\"\n")
        .unwrap();
    let t = targets.to_str().unwrap();
    let zh = with("eval", MIDTERM, &["--targets", t, "--all", "--format", "markdown"]);
    let row = row_of(&zh.stdout, "| 城市建成区绿化覆盖率");
    assert!(row.contains("≥46（省下达目标）"), "{row}");
    assert!(!row.contains("达到45%"), "the plan's 45% beside the file's ≥46: {row}");
    // The reason still names the document.
    assert!(row.contains("市下达绿化目标（示例）"), "{row}");
    let en = with("eval", MIDTERM, &["--targets", t, "--all", "--format", "markdown", "--lang", "en"]);
    assert!(row_of(&en.stdout, "| 城市建成区绿化覆盖率").contains("≥46 (assigned by the province)"), "{}", en.stdout);
    // Words that defer to the province keep the rule beside them.
    let example = with("eval", MIDTERM, &["--targets", "data/province-targets.example.toml", "--format", "markdown"]);
    assert!(row_of(&example.stdout, "中心市区细颗粒物").contains("完成省下达目标（≤22）"), "{}", example.stdout);
    // An area's own target is not shown beside the city's 58.7.
    let area = with(
        "eval",
        MIDTERM,
        &["--targets", "data/province-targets.example.toml", "--county", "鲤城区", "--format", "markdown"],
    );
    let forest = row_of(&area.stdout, "森林覆盖率");
    assert!(forest.contains("≥20（下达本地区目标）") && !forest.contains("58.7"), "{forest}");
    // The report's tasks part says the same.
    let html = dir.path().join("r.html");
    let r = with("report", MIDTERM, &["--targets", t, "-o", html.to_str().unwrap()]);
    let page = scraper::Html::parse_document(&std::fs::read_to_string(&html).unwrap());
    let body = scraper::Selector::parse("body").unwrap();
    let page: String = page.select(&body).flat_map(|b| b.text()).collect();
    assert!(page.contains("≥46（省下达目标）") && !page.contains("达到45%"), "{}", r.stderr);
}

/// The `<w:p>` paragraphs of the Word document's body.
fn docx_paragraphs(files: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.docx");
    with("report", files, &["-o", out.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    xml.split("</w:p>").map(String::from).collect()
}

#[test]
fn the_areas_table_title_is_kept_with_its_note_and_table() {
    // Before: the title 约束性指标存在差距的地区及较基准年变化 had no keep-with-next, and at the final
    // stage LibreOffice left it alone at the foot of page 10, its note and table on page 11.
    for files in [MIDTERM, FINAL] {
        let paragraphs = docx_paragraphs(files);
        let title = paragraphs
            .iter()
            .find(|p| p.contains("约束性指标存在差距的地区及较基准年变化"))
            .expect("the areas' changes table has its title");
        assert!(title.contains("<w:keepNext"), "{title}");
    }
}

#[test]
fn a_trend_reason_gives_its_slope_at_the_tables_precision() {
    // Row 24 (单位工业用地面积工业增加值, 逐步提高) at the final stage: 2021 25.9, 2022 26.8, 2023 27.6,
    // 2025 30.2. Least squares: t̄ = 2022.75, x̄ = 27.625, Σ(t − t̄)(x − x̄) = 9.425, Σ(t − t̄)² = 8.75,
    // slope = 1.0771… a year, shown as +1.08 (before: +1.0771 beside table cells of two decimals).
    let zh = with("eval", FINAL, &["--format", "markdown"]);
    let row = row_of(&zh.stdout, "单位工业用地面积工业增加值");
    assert!(row.contains("2021年25.9 → 2025年30.2，斜率+1.08/年（上升，越高越好）"), "{row}");
    let en = with("eval", FINAL, &["--format", "markdown", "--lang", "en"]);
    assert!(row_of(&en.stdout, "单位工业用地面积工业增加值").contains("slope +1.08 a year"), "{}", en.stdout);
    // Row 25 falls: −0.4171… → −0.42.
    assert!(row_of(&zh.stdout, "单位工业增加值新鲜水耗").contains("斜率-0.42/年（下降"), "{}", zh.stdout);
}
