//! `plan-check template` → fill in → `validate` and `eval`: long and wide, CSV and xlsx. The filling only
//! types values into the empty cells, as an analyst would; the file's structure is left as written.

mod common;

use std::path::Path;

use calamine::{Data, Reader};
use common::{root, run, run_in};
use plan_check::catalog::{Aggregate, AreaKind, Catalog};
use plan_check::target::Target;

fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().unwrap())
}

/// A value the loader accepts for the indicator: 1 for a yes/no target, else 50 (a % or a count).
fn value_for(id: &str) -> &'static str {
    let c = catalog();
    let ind = c.indicator(id).unwrap_or_else(|| panic!("{id} is in the catalogue"));
    // Counts are 0 everywhere so a filled 全市 row agrees with the sum of its areas (no aggregate-mismatch).
    match (ind.target == Target::Done, ind.aggregate == plan_check::catalog::Aggregate::Sum) {
        (true, _) => "1",
        (false, true) => "0",
        (false, false) => "50",
    }
}

/// Fills a CSV template: the `#` lines and the header are kept, and each empty value cell gets a value.
fn fill_csv(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text.as_str()),
    };
    let comments: String = body.lines().take_while(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).comment(Some(b'#')).from_reader(body.as_bytes());
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let filled = fill_rows(rows);
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in &filled {
        w.write_record(row).unwrap();
    }
    let data = String::from_utf8(w.into_inner().unwrap()).unwrap();
    std::fs::write(path, format!("{bom}{comments}{data}")).unwrap();
}

/// The header says the shape: long files have a value column, wide ones a column per indicator id. A
/// ratio's parts (the 分子/分母 columns, `<id>.分子`/`<id>.分母` in a wide file) get 50 of 100, as its
/// value is 50.
fn fill_rows(mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let header = rows[0].clone();
    let part = |h: &str| match h.rsplit_once('.').map_or(h, |(_, p)| p) {
        "分子" | "numerator" => Some("50"),
        "分母" | "denominator" => Some("100"),
        _ => None,
    };
    if let Some(v) = header.iter().position(|h| h == "数值" || h == "value") {
        for row in rows.iter_mut().skip(1) {
            assert!(row[v].is_empty(), "a template's values are empty");
            row[v] = value_for(&row[1]).to_string();
            let ratio = catalog().indicator(&row[1]).is_some_and(|i| i.aggregate == Aggregate::Ratio);
            for (c, cell) in row.iter_mut().enumerate() {
                if let Some(p) = part(&header[c]).filter(|_| ratio && !header[c].contains('.')) {
                    *cell = p.to_string();
                }
            }
        }
    } else {
        for row in rows.iter_mut().skip(1) {
            for (c, cell) in row.iter_mut().enumerate().skip(2).take(header.len() - 3) {
                if cell.is_empty() {
                    *cell = match part(&header[c]).filter(|_| header[c].contains('.')) {
                        Some(p) => p.to_string(),
                        None => value_for(&header[c]).to_string(),
                    };
                }
            }
        }
    }
    rows
}

/// Fills an xlsx template: every sheet is copied cell by cell, the data sheet's empty cells filled.
fn fill_xlsx(path: &Path) {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for (i, name) in book.sheet_names().into_iter().enumerate() {
        let range = book.worksheet_range(&name).unwrap();
        let mut rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(cell).collect()).collect();
        if i == 0 {
            rows = fill_rows(rows);
        }
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
                let (r, c) = (r as u32, c as u16);
                match v.parse::<f64>() {
                    Ok(n) => sheet.write_number(r, c, n).unwrap(),
                    Err(_) => sheet.write_string(r, c, v).unwrap(),
                };
            }
        }
    }
    out.save(path).unwrap();
}

fn cell(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

/// How many (area, indicator) pairs the areas report: a city row its own indicators, an area those that
/// apply to it.
fn pairs(names: &[&str], source_all: bool) -> usize {
    let c = catalog();
    c.counties
        .iter()
        .filter(|a| names.is_empty() || names.contains(&a.name.as_str()))
        .map(|a| {
            c.indicators
                .iter()
                .filter(|i| source_all || i.kind != plan_check::catalog::IndicatorType::Task)
                .filter(|i| match a.kind {
                    AreaKind::City => i.city_row == a.name,
                    AreaKind::Area => i.applies_to_area(a),
                })
                .count()
        })
        .sum()
}

fn round_trip(file: &str, args: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    let path_s = path.to_str().unwrap();
    let mut all = vec!["template", "--year", "2023", "-o", path_s, "--catalog"];
    let catalog = root().join("indicators.toml");
    all.push(catalog.to_str().unwrap());
    all.extend_from_slice(args);
    run_in(dir.path(), &all).code(0).stderr_has(path_s);
    // Unfilled, it is already valid: every empty cell means "no data".
    run_in(dir.path(), &["validate", path_s, "--lang", "en"]).code(0).stdout_has("valid: 0 error(s), 0 warning(s)");
    if file.ends_with(".xlsx") {
        fill_xlsx(&path)
    } else {
        fill_csv(&path)
    }
    run_in(dir.path(), &["validate", path_s, "--lang", "en"]).code(0).stdout_has("valid: 0 error(s), 0 warning(s)");
    let mut eval = vec!["eval", path_s, "--format", "json", "--fail-on", "never"];
    if args.contains(&"--all") {
        eval.push("--all");
    }
    let r = run_in(dir.path(), &eval);
    r.code(0);
    r.json()
}

fn filled_values(doc: &serde_json::Value) -> usize {
    doc["results"].as_array().unwrap().iter().filter(|r| r["value"].is_number()).count()
}

#[test]
fn a_long_csv_template_holds_every_pair_and_round_trips() {
    let doc = round_trip("2023.csv", &[]);
    assert_eq!(filled_values(&doc), pairs(&[], false));
    let jinjiang = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["county"] == "晋江市" && r["indicator"] == "forest_coverage");
    assert_eq!(jinjiang.unwrap()["value"], 50.0);
}

#[test]
fn a_wide_csv_template_for_some_areas_round_trips_with_english_headers() {
    let doc = round_trip("jinjiang.csv", &["--shape", "wide", "--county", "晋江", "全市", "--lang", "en"]);
    assert_eq!(filled_values(&doc), pairs(&["晋江市", "全市"], false));
    assert!(doc["results"].as_array().unwrap().iter().all(|r| r["county"] != "安溪县"));
}

#[test]
fn a_long_xlsx_template_with_the_tasks_round_trips() {
    let doc = round_trip("2023.xlsx", &["--all"]);
    assert_eq!(filled_values(&doc), pairs(&[], true));
    let results = doc["results"].as_array().unwrap();
    let plants = results.iter().find(|r| r["indicator"] == "wwtp_tailwater_deep_sea_discharge_8_plants").unwrap();
    assert_eq!((plants["county"].as_str(), plants["status"].as_str()), (Some("全市"), Some("pass")));
}

#[test]
fn a_wide_xlsx_template_round_trips() {
    let doc = round_trip("wide.xlsx", &["--shape", "wide"]);
    assert_eq!(filled_values(&doc), pairs(&[], false));
}

#[test]
fn csv_on_standard_output_notes_each_indicator_and_has_no_bom() {
    let r = run(&["template", "--year", "2023", "--county", "安溪县"]);
    r.code(0);
    assert!(r.stdout.starts_with("县市区,指标,数值,分子,分母,年份,备注\n"), "{}", &r.stdout[..80]);
    let forest = r.stdout.lines().find(|l| l.contains(",forest_coverage,")).unwrap();
    assert_eq!(
        forest,
        "安溪县,forest_coverage,,,,2023,森林覆盖率（%）｜单位：%｜目标：58.7（≥58.7）｜比率类指标：另填分子、分母（数值 = \
         分子 ÷ 分母 × 100），“全市”的值按 Σ分子 / Σ分母 汇总，缺分子、分母则无法汇总"
    );
    assert!(!r.stdout.contains("beautiful_bays"), "安溪县 is not coastal");
    let r = run(&["template", "--year", "2023", "--county", "全市", "--source", "专栏七", "--shape", "wide"]);
    r.code(0).stdout_has(
        "# afforestation_area: 植树造林｜单位：万亩｜目标：完成植树造林29万亩（≥29）｜填2020年以来的累计值",
    );
    r.stdout_has("# rural_waste_wet_dry_sorting: 农村生活垃圾“干湿”分类｜单位：—｜目标：基本实现农村生活垃圾“干湿”分类（=1）｜填1（已完成）或0（未完成）");
}

#[test]
fn a_template_names_real_areas_and_needs_a_file_for_xlsx() {
    run(&["template", "--year", "2023", "--county", "晋江县", "--lang", "en"])
        .code(2)
        .stderr_has("did you mean 晋江市?");
    run(&["template", "--year", "2023", "--format", "xlsx"]).code(2).stderr_has("-o FILE.xlsx");
    run(&["template", "--year", "2023", "--county", "中心市区", "--source", "body", "--lang", "en"])
        .code(2)
        .stderr_has("none of the selected indicators applies to 中心市区");
    run(&["template", "--county", "晋江"]).code(2).stderr_has("--year");
    run(&["template", "--year", "23", "--lang", "en"]).code(2).stderr_has("not a year between 1900 and 2100");
}
