//! Issue 21, typography: the Word report on GB/T 9704 (page, margins, grid, fonts and sizes, headings and
//! group rows kept with what follows, repeated header rows, page numbers "— 1 —" on odd and even pages),
//! no figure broken in a Word cell; the HTML's print stylesheet (a legend kept with its chart, landscape
//! tables at the page's width, figures unbreakable); the workbook's page setup and number formats; the
//! terminal table at 80 columns (no figure split, no closing bracket starting a line) and the verdict
//! line after the table at a terminal. Every XML part of the .docx is parsed strictly.

mod common;
#[path = "../fuzz/harness.rs"]
mod harness;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::rc::Rc;

use clap::Parser as _;
use common::{root, run, run_in};
use plan_check::Console;
use quick_xml::events::Event;
use scraper::{Html, Selector};

const MIDTERM: &[&str] = &["data/2023.csv"];
const FINAL: &[&str] = &["data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv", "data/2025.csv"];

// ---- A small XML tree, read with quick-xml ----

#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    /// Every element below this one (depth first) with `name`.
    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.all(name, out);
        }
    }

    fn find_all(&self, name: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }

    fn find(&self, name: &str) -> Option<&Node> {
        self.find_all(name).into_iter().next()
    }

    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The `w:t` text below this element.
    fn texts(&self) -> String {
        self.find_all("w:t").iter().map(|t| t.text.as_str()).collect()
    }
}

fn parse(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    let element = |e: &quick_xml::events::BytesStart| Node {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned();
                (a.key.as_ref().to_string(), value)
            })
            .collect(),
        ..Node::default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let node = element(&e);
                stack.last_mut().unwrap().children.push(node);
            }
            Event::End(_) => {
                let node = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(node);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let s = match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                };
                stack.last_mut().unwrap().text.push_str(s);
            }
            _ => {}
        }
    }
    stack.pop().unwrap()
}

// ---- The Word report ----

struct Word {
    parts: BTreeMap<String, String>,
}

impl Word {
    fn part(&self, name: &str) -> Node {
        parse(self.parts.get(name).unwrap_or_else(|| panic!("no {name}")))
    }
}

fn report(dir: &Path, name: &str, inputs: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    let mut args = vec!["report"];
    let files: Vec<String> =
        inputs
            .iter()
            .map(|f| {
                if f.starts_with("--") || !f.contains('.') {
                    f.to_string()
                } else {
                    root().join(f).display().to_string()
                }
            })
            .collect();
    args.extend(files.iter().map(String::as_str));
    let o = out.display().to_string();
    args.extend(["-o", &o]);
    let r = run_in(dir, &args);
    assert!(r.code == 0 || r.code == 1, "{}: {}", r.cmd, r.stderr);
    out
}

fn word(inputs: &[&str]) -> Word {
    let dir = tempfile::tempdir().unwrap();
    let path = report(dir.path(), "r.docx", inputs);
    let bytes = std::fs::read(&path).unwrap();
    let parts = harness::check_docx(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(parts >= 8, "{parts} XML parts");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            all.insert(name, s);
        }
    }
    Word { parts: all }
}

fn num(node: &Node, attr: &str) -> i64 {
    node.attr(attr).unwrap_or_else(|| panic!("{} has no {attr}", node.name)).parse().unwrap()
}

/// A4, GB/T 9704's margins (37 mm top, 35 mm bottom, 28 mm binding, 26 mm right: a 156 × 225 mm text
/// block), landscape pages holding the same block turned, a grid of 22 lines, odd and even footers.
fn check_page(w: &Word) {
    let document = w.part("word/document.xml");
    let sections = document.find_all("w:sectPr");
    assert!(sections.len() >= 3, "portrait and landscape sections: {}", sections.len());
    let mut orientations = Vec::new();
    for s in &sections {
        let size = s.child("w:pgSz").unwrap();
        let margin = s.child("w:pgMar").unwrap();
        let m = |a| num(margin, a);
        let landscape = size.attr("w:orient") == Some("landscape");
        orientations.push(landscape);
        if landscape {
            assert_eq!((num(size, "w:w"), num(size, "w:h")), (16838, 11906));
            assert_eq!((m("w:top"), m("w:bottom"), m("w:left"), m("w:right")), (1588, 1474, 2098, 1984));
        } else {
            assert_eq!((num(size, "w:w"), num(size, "w:h")), (11906, 16838));
            assert_eq!((m("w:top"), m("w:bottom"), m("w:left"), m("w:right")), (2098, 1984, 1588, 1474));
            // 156 × 225 mm: 8,844 × 12,756 twips.
            assert_eq!((11906 - m("w:left") - m("w:right"), 16838 - m("w:top") - m("w:bottom")), (8844, 12756));
        }
        let grid = s.child("w:docGrid").unwrap();
        assert_eq!(grid.attr("w:type"), Some("lines"));
        assert_eq!(num(grid, "w:linePitch"), 579, "22 lines in 225 mm");
        let mut footers: Vec<&str> =
            s.children.iter().filter(|c| c.name == "w:footerReference").filter_map(|c| c.attr("w:type")).collect();
        footers.sort_unstable();
        assert_eq!(footers, ["default", "even"]);
    }
    assert!(orientations.contains(&true) && orientations.contains(&false));
    assert!(w.part("word/settings.xml").find("w:evenAndOddHeaders").is_some());
    // The page numbers: — 1 —, right on odd pages and left on even, one character (14 pt) in.
    let footers: Vec<Node> = w.parts.keys().filter(|n| n.starts_with("word/footer")).map(|n| w.part(n)).collect();
    assert_eq!(footers.len(), 2, "one odd and one even footer, shared by every section");
    let mut sides = Vec::new();
    for f in &footers {
        let p = f.find("w:p").unwrap();
        assert_eq!(p.find("w:pStyle").and_then(|s| s.attr("w:val")), Some("PageNumber"));
        assert_eq!(p.find("w:instrText").map(|t| t.text.trim()), Some("PAGE"));
        assert_eq!(p.texts(), "— 1 —");
        let side = p.find("w:jc").and_then(|j| j.attr("w:val")).unwrap().to_string();
        let ind = p.find("w:ind").unwrap();
        let inset = if side == "right" { ind.attr("w:right") } else { ind.attr("w:left") };
        assert_eq!(inset, Some("280"), "{side}");
        sides.push(side);
    }
    sides.sort();
    assert_eq!(sides, ["left", "right"]);
    let rels = &w.parts["word/_rels/document.xml.rels"];
    let settings_even = &w.parts["word/document.xml"];
    assert!(rels.contains("footer1.xml") && rels.contains("footer2.xml") && settings_even.contains("w:type=\"even\""));
}

fn style<'a>(styles: &'a Node, id: &str) -> &'a Node {
    styles
        .find_all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

fn size_and_font(node: &Node) -> (i64, String) {
    let sz = node.find("w:sz").map_or(0, |s| num(s, "w:val"));
    let font = node.find("w:rFonts").and_then(|f| f.attr("w:eastAsia")).unwrap_or("").to_string();
    (sz, font)
}

/// 三号 仿宋_GB2312 body, 二号 方正小标宋简体 title, 黑体 and 楷体_GB2312 headings, 五号 宋体 tables off the grid,
/// 四号 宋体 page numbers, and each font's fallback in the font table.
fn check_fonts(w: &Word) {
    let styles = w.part("word/styles.xml");
    assert_eq!(size_and_font(styles.find("w:docDefaults").unwrap()), (32, "仿宋_GB2312".into()));
    assert_eq!(size_and_font(style(&styles, "Title")), (44, "方正小标宋简体".into()));
    assert_eq!(size_and_font(style(&styles, "Heading1")), (32, "黑体".into()));
    assert_eq!(size_and_font(style(&styles, "Heading2")), (32, "楷体_GB2312".into()));
    assert_eq!(size_and_font(style(&styles, "TableText")), (21, "宋体".into()));
    assert_eq!(size_and_font(style(&styles, "MatrixText")), (18, "宋体".into()));
    assert_eq!(size_and_font(style(&styles, "PageNumber")), (28, "宋体".into()));
    let snap = style(&styles, "TableText").find("w:pPr").and_then(|p| p.child("w:snapToGrid")).unwrap();
    assert!(matches!(snap.attr("w:val"), Some("false" | "0")), "table text off the grid");
    for (id, level) in [("Heading1", "0"), ("Heading2", "1")] {
        assert_eq!(style(&styles, id).find("w:outlineLvl").and_then(|o| o.attr("w:val")), Some(level));
    }
    let fonts = w.part("word/fontTable.xml");
    let alt: BTreeMap<&str, &str> = fonts
        .find_all("w:font")
        .into_iter()
        .filter_map(|f| Some((f.attr("w:name")?, f.child("w:altName")?.attr("w:val")?)))
        .collect();
    assert_eq!(alt.get("仿宋_GB2312"), Some(&"FangSong"));
    assert_eq!(alt.get("楷体_GB2312"), Some(&"KaiTi"));
    assert_eq!(alt.get("黑体"), Some(&"SimHei"));
    assert_eq!(alt.get("宋体"), Some(&"SimSun"));
    assert!(alt.contains_key("方正小标宋简体"));
    // The body's text, 28 characters to the 156 mm line: 16 pt set 0.25 pt closer (315 twips a character).
    let document = w.part("word/document.xml");
    let first = document
        .find_all("w:p")
        .into_iter()
        .find(|p| p.find("w:pStyle").is_none() && p.texts().chars().count() > 40)
        .expect("a body paragraph");
    assert_eq!(first.find("w:spacing").and_then(|s| s.attr("w:val")), Some("-5"));
}

/// Headings and group rows kept with what follows; every table's header row repeats; no row splits.
fn check_keeping(w: &Word) {
    let document = w.part("word/document.xml");
    let mut headings = 0;
    for p in document.find_all("w:p") {
        let style = p.find("w:pStyle").and_then(|s| s.attr("w:val")).unwrap_or("");
        if style == "Heading1" || style == "Heading2" {
            headings += 1;
            assert!(p.find("w:keepNext").is_some(), "heading without keepNext: {}", p.texts());
        }
    }
    assert!(headings >= 5, "{headings} headings");
    // The sentence that leads into a table or a chart is kept with it.
    let body = document.find("w:body").unwrap();
    let mut leads = 0;
    for pair in body.children.windows(2) {
        if pair[0].name == "w:p" && pair[1].name == "w:tbl" && !pair[0].texts().is_empty() {
            leads += 1;
            assert!(pair[0].find("w:keepNext").is_some(), "not kept with its table: {}", pair[0].texts());
        }
    }
    assert!(leads >= 3, "{leads} paragraphs lead into a table");
    let tables = document.find_all("w:tbl");
    let mut groups = 0;
    for t in &tables {
        let columns = t.find("w:tblGrid").unwrap().children.len();
        let rows: Vec<&Node> = t.children.iter().filter(|c| c.name == "w:tr").collect();
        assert!(rows[0].find("w:tblHeader").is_some(), "a table whose header row does not repeat");
        for row in &rows {
            assert!(row.find("w:cantSplit").is_some());
            let span = row.find("w:gridSpan").map(|g| num(g, "w:val"));
            if columns > 3 && span == Some(columns as i64) {
                groups += 1;
                assert!(row.find("w:keepNext").is_some(), "group row without keepNext: {}", row.texts());
            }
        }
    }
    assert!(groups >= 5, "the indicator table's domains are group rows: {groups}");
}

/// No figure can be broken in a cell: each column is at least as wide as the widest figure in it
/// (`58.7（≥58.7）` on one line in 五号, [`twips`]) plus the cell's padding.
fn check_cells(w: &Word) {
    let document = w.part("word/document.xml");
    let mut checked = 0;
    for t in document.find_all("w:tbl") {
        let widths: Vec<i64> = t.find("w:tblGrid").unwrap().children.iter().map(|g| num(g, "w:w")).collect();
        // Word's default padding is 108 twips a side; a table may set its own.
        let margins = t.find("w:tblCellMar");
        let side = |name| margins.and_then(|m| m.child(name)).map_or(108, |m| num(m, "w:w"));
        let padding = side("w:left") + side("w:right");
        for row in t.children.iter().filter(|c| c.name == "w:tr") {
            let mut column = 0;
            for cell in row.children.iter().filter(|c| c.name == "w:tc") {
                let span = cell.find("w:gridSpan").map_or(1, |g| num(g, "w:val")) as usize;
                let width: i64 = widths[column..column + span].iter().sum();
                column += span;
                let text = cell.texts();
                // The areas table is in 小五 (9 pt), the others in 五号 (10.5 pt).
                let style = cell.find("w:pStyle").and_then(|s| s.attr("w:val")).unwrap_or("");
                let size = if style == "MatrixText" { 18 } else { 21 };
                // A status is one word, on one line.
                if ["符合序时进度", "提前实现", "保持达标", "未达标", "缺数据"].contains(&text.as_str())
                {
                    let need = text.chars().map(twips).sum::<i64>() * size / 21 + padding;
                    assert!(need <= width, "{text} ({need} twips) in a column of {width}");
                    checked += 1;
                }
                for figure in figures(&text) {
                    let need: i64 = figure.chars().map(twips).sum::<i64>() * size / 21 + padding;
                    assert!(need <= width, "{figure} ({need} twips) in a column of {width}: {text}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "{checked} figures checked");
    assert!(document.texts().contains("58.7（≥58.7）"), "the forest target is in the table");
}

/// A character's width in 五号 (10.5 pt, 210 twips to the em): Times New Roman's digits and `.` half an em,
/// its `%` 0.83 and capitals at most 0.72 (so three quarters for the rest of ASCII), `≥`, brackets and
/// Chinese a whole em.
fn twips(c: char) -> i64 {
    match c {
        '0'..='9' | '.' | ',' => 105,
        c if c.is_ascii() => 158,
        _ => 210,
    }
}

/// The figures of a text: each run of digits with the signs, brackets and units that hold to it
/// (`58.7（≥58.7）`, `25.81%`, `（R=83%）`), as a reader would not have them broken.
fn figures(text: &str) -> Vec<String> {
    let tight = |c: char| c.is_ascii_graphic() || "≥≤（）".contains(c);
    text.split(|c: char| !tight(c))
        .filter(|s| s.chars().any(|c| c.is_ascii_digit()) && s.chars().count() > 1)
        .map(String::from)
        .collect()
}

#[test]
fn the_midterm_word_report_is_laid_out_on_gb_t_9704() {
    let w = word(MIDTERM);
    check_page(&w);
    check_fonts(&w);
    check_keeping(&w);
    check_cells(&w);
}

#[test]
fn the_english_word_report_has_the_same_page_and_its_fonts_own_spacing() {
    let w = word(&["data/2023.csv", "--lang", "en"]);
    check_page(&w);
    check_keeping(&w);
    let document = &w.parts["word/document.xml"];
    let tree = w.part("word/document.xml");
    let heading = tree
        .find_all("w:p")
        .into_iter()
        .find(|p| p.find("w:pStyle").and_then(|s| s.attr("w:val")) == Some("Heading1"))
        .map(|p| p.texts())
        .unwrap();
    assert!(heading.is_ascii(), "an English report: {heading}");
    assert!(!document.contains(r#"<w:spacing w:val="-5" />"#), "English text is not set closer");
}

#[test]
fn the_final_word_report_is_laid_out_on_gb_t_9704() {
    let w = word(FINAL);
    check_page(&w);
    check_fonts(&w);
    check_keeping(&w);
    check_cells(&w);
}

// ---- The HTML's print stylesheet ----

/// The declarations of `selector` in the stylesheet (every rule that names it exactly), joined.
fn rule(css: &str, selector: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let head = rest[..open].rsplit(['}', '\n']).next().unwrap_or("").trim();
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        if head.split(',').any(|s| s.trim() == selector) {
            out.push_str(&rest[open + 1..close]);
        }
        rest = &rest[open + 1..];
    }
    out
}

fn check_html(inputs: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = report(dir.path(), "r.html", inputs);
    let page = std::fs::read_to_string(path).unwrap();
    let html = Html::parse_document(&page);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let css: String = html.select(&sel("style")).map(|s| s.text().collect::<String>()).collect();
    // Landscape pages for the wide parts, their tables at the page's width and no wider.
    assert!(rule(&css, "@page wide").contains("A4 landscape"), "{css}");
    assert!(rule(&css, "section.wide").contains("page: wide"));
    let wide = rule(&css, "section.wide table.data");
    assert!(wide.contains("width: 100%") && wide.contains("table-layout: fixed"), "{wide}");
    assert!(html.select(&sel("section.wide table.data")).next().is_some());
    // The stacked chart and its legend in one block that is not broken across pages.
    assert!(rule(&css, "div.with-legend").contains("break-inside: avoid"));
    assert!(rule(&css, "p.legend").contains("break-before: avoid"));
    let kept = html.select(&sel("section#overview div.with-legend")).next().expect("the chart kept with its legend");
    assert!(kept.select(&sel("figure.status-chart")).next().is_some());
    assert!(kept.select(&sel("p.legend")).next().is_some());
    assert_eq!(html.select(&sel("section#overview > p.legend")).count(), 0, "no legend on its own");
    // Headings stay with what follows; a figure in a table cell does not wrap.
    assert!(rule(&css, "h2").contains("break-after: avoid"));
    assert!(rule(&css, "span.nb").contains("white-space: nowrap"));
    let mut spans = 0;
    for td in html.select(&sel("table.data td")) {
        let text: String = td.text().collect();
        let unbroken: Vec<String> = td.select(&sel("span.nb")).map(|s| s.text().collect()).collect();
        for figure in figures(&text).into_iter().filter(|f| !f.contains(|c: char| c.is_ascii_alphabetic())) {
            assert!(unbroken.iter().any(|u| u.contains(&figure)), "{figure} may wrap in {text:?}");
            spans += 1;
        }
    }
    assert!(spans > 50, "{spans}");
    let forest_sel = sel("tr[data-indicator=forest_coverage] span.nb");
    let forest: Vec<String> = html.select(&forest_sel).map(|s| s.text().collect()).collect();
    assert!(forest.iter().any(|t| t == "58.7（≥58.7）"), "{forest:?}");
}

#[test]
fn the_html_prints_a_legend_with_its_chart_and_landscape_tables_within_the_page() {
    check_html(MIDTERM);
    check_html(FINAL);
}

// ---- The workbook ----

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_workbook_prints_landscape_one_page_wide_with_its_header_row_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data/2023.csv").display().to_string();
    for (lang, about) in [("zh", "说明"), ("en", "about")] {
        run_in(dir.path(), &["eval", &data, "--lang", lang, "-o", "x.xlsx"]).code(0);
        let bytes = std::fs::read(dir.path().join("x.xlsx")).unwrap();
        let book = parse(&unzip(&bytes, "xl/workbook.xml"));
        let names: Vec<&str> = book.find_all("sheet").iter().filter_map(|s| s.attr("name")).collect();
        assert_eq!(names.last(), Some(&about), "{names:?}");
        if lang == "zh" {
            assert_eq!(names, ["城市层面", "各地区", "汇总", "说明"]);
        }
        // Print titles: the first row of every table sheet.
        let titles: Vec<String> = book
            .find_all("definedName")
            .iter()
            .filter(|d| d.attr("name") == Some("_xlnm.Print_Titles"))
            .map(|d| d.text.clone())
            .collect();
        for name in &names[..names.len() - 1] {
            let quoted = format!("'{name}'!$1:$1");
            assert!(titles.contains(&format!("{name}!$1:$1")) || titles.contains(&quoted), "{name}: {titles:?}");
        }
        for i in 1..names.len() {
            let sheet = parse(&unzip(&bytes, &format!("xl/worksheets/sheet{i}.xml")));
            let setup = sheet.find("pageSetup").unwrap();
            assert_eq!(setup.attr("orientation"), Some("landscape"), "sheet {i}");
            assert_eq!(setup.attr("paperSize"), Some("9"), "A4");
            assert_eq!(setup.attr("fitToWidth").unwrap_or("1"), "1");
            assert_eq!(setup.attr("fitToHeight"), Some("0"), "as many pages down as it takes");
            assert_eq!(sheet.find("pageSetUpPr").and_then(|p| p.attr("fitToPage")), Some("1"));
            assert!(sheet.find("oddFooter").is_some_and(|f| f.text.contains("&P")));
        }
    }
    // Numbers at the table's precision: 59.690131 (森林覆盖率) shows as 59.69, a count as 3.
    let bytes = std::fs::read(dir.path().join("x.xlsx")).unwrap();
    let styles = parse(&unzip(&bytes, "xl/styles.xml"));
    let formats: BTreeMap<String, String> = styles
        .find_all("numFmt")
        .iter()
        .map(|f| (f.attr("numFmtId").unwrap().to_string(), f.attr("formatCode").unwrap().to_string()))
        .collect();
    let xfs: Vec<String> = styles
        .find("cellXfs")
        .unwrap()
        .children
        .iter()
        .map(|x| formats.get(x.attr("numFmtId").unwrap_or("0")).cloned().unwrap_or_else(|| "General".into()))
        .collect();
    let city = parse(&unzip(&bytes, "xl/worksheets/sheet1.xml"));
    let format_of = |value: &str| -> Vec<String> {
        city.find_all("c")
            .iter()
            .filter(|c| c.child("v").is_some_and(|v| v.text.starts_with(value)))
            .map(|c| xfs[c.attr("s").map_or(0, |s| s.parse::<usize>().unwrap())].clone())
            .collect()
    };
    assert_eq!(format_of("59.690"), ["0.00"], "the forest cover's value");
    let numbers = city.find_all("c").iter().filter(|c| c.attr("t").is_none() && c.child("v").is_some()).count();
    let general = city
        .find_all("c")
        .iter()
        .filter(|c| c.attr("t").is_none() && c.child("v").is_some())
        .any(|c| xfs[c.attr("s").map_or(0, |s| s.parse::<usize>().unwrap())] == "General");
    assert!(numbers > 20 && !general, "every number has a format");
}

// ---- The terminal ----

/// Runs the library as the binary would, on a terminal of `width` columns or piped (`None`).
fn console(args: &[&str], width: Option<u16>) -> String {
    let cli = plan_check::cli::Cli::try_parse_from(std::iter::once("plan-check").chain(args.iter().copied())).unwrap();
    let console = Console { tty: width.is_some(), width, no_color: true };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    plan_check::run(cli, console, &mut out, &mut err).unwrap();
    String::from_utf8(out).unwrap()
}

/// Each piece of text of a line: the cells of a table's line, or the line itself.
fn pieces(line: &str) -> Vec<&str> {
    line.split(['│', '┆']).map(str::trim).filter(|p| !p.is_empty()).collect()
}

#[test]
fn at_80_columns_no_figure_is_split_and_no_closing_bracket_starts_a_line() {
    let abs = |f: &&str| root().join(f).display().to_string();
    let midterm: Vec<String> = MIDTERM.iter().map(abs).collect();
    let last: Vec<String> = FINAL.iter().map(abs).collect();
    let mut runs: Vec<Vec<String>> = vec![
        [vec!["eval".to_string()], midterm.clone()].concat(),
        [vec!["eval".to_string()], midterm.clone(), vec!["--lang".into(), "en".into()]].concat(),
        [vec!["eval".to_string()], last.clone()].concat(),
        [vec!["eval".to_string()], midterm.clone(), vec!["--all".into()]].concat(),
    ];
    runs.push([vec!["trend".to_string()], last].concat());
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let piped = console(&args, None);
        for width in [80u16, 100] {
            let shown = console(&args, Some(width));
            let lines: Vec<&str> = shown.lines().collect();
            for line in &lines {
                for piece in pieces(line) {
                    let first = piece.chars().next().unwrap();
                    assert!(
                        !"）】」』》，。、；：！？%)]}".contains(first),
                        "{args:?} at {width}: a line starts {piece:?}"
                    );
                }
            }
            // Every figure of the piped output (each row one line) is whole on a line at the terminal as
            // often: a figure broken across two lines would be found fewer times.
            for figure in piped.lines().flat_map(pieces).flat_map(figures) {
                let count = |text: &[&str]| text.iter().map(|l| l.matches(figure.as_str()).count()).sum::<usize>();
                let piped_lines: Vec<&str> = piped.lines().collect();
                assert!(
                    count(&lines) >= count(&piped_lines),
                    "{args:?} at {width}: {figure} broken across lines:\n{shown}"
                );
            }
        }
    }
}

/// What reached a stream: `o` (standard output) or `e` (standard error), and the bytes.
type Events = Rc<RefCell<Vec<(char, Vec<u8>)>>>;

/// Standard output and standard error as one stream, in the order the bytes reach them.
#[derive(Clone, Default)]
struct Log(Events, char);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().push((self.1, buf.to_vec()));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn at_a_terminal_the_verdict_line_comes_after_the_table() {
    let data = root().join("data/2023.csv").display().to_string();
    for tty in [true, false] {
        let cli = plan_check::cli::Cli::try_parse_from(["plan-check", "eval", &data]).unwrap();
        let console = Console { tty, width: tty.then_some(100), no_color: true };
        let log = Log::default();
        // As main.rs has it: standard output buffered, standard error not.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, Log(log.0.clone(), 'o'));
        let mut err = Log(log.0.clone(), 'e');
        plan_check::run(cli, console, &mut out, &mut err).unwrap();
        out.flush().unwrap();
        drop(out);
        let events = log.0.borrow();
        let verdict = events.iter().position(|(s, b)| *s == 'e' && String::from_utf8_lossy(b).contains("约束性指标"));
        let verdict = verdict.expect("a verdict line on standard error");
        let table_end = events.iter().rposition(|(s, _)| *s == 'o').unwrap();
        if tty {
            assert!(table_end < verdict, "the verdict line is printed before the table ends");
        }
        let stdout: Vec<u8> = events.iter().filter(|(s, _)| *s == 'o').flat_map(|(_, b)| b.clone()).collect();
        assert!(String::from_utf8(stdout).unwrap().contains("森林覆盖率"));
    }
    // Piped (the binary, its streams apart), the line is on standard error and the table on standard output.
    let r = run(&["eval", "data/2023.csv"]);
    assert!(r.stderr.contains("约束性指标") && r.stdout.contains("森林覆盖率"));
}
