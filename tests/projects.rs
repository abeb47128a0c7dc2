//! The register of 重大工程 (专栏二–九): its entries against the plan, the status files as `validate`
//! reads them, the register section of `eval` with hand-worked figures, `--fail-on overdue-projects`,
//! `template --projects` and `indicators --projects`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{run, run_in};
use plan_check::catalog::{Catalog, PROJECT_COLUMNS};
use serde_json::Value;

const PLAN: &str = include_str!("data/plan/quanzhou-14th-eco-plan.txt");

fn catalog() -> Catalog {
    Catalog::embedded().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_quote_is_the_plans_own_words_and_names_its_entry() {
    let c = catalog();
    for p in &c.projects {
        assert!(PLAN.contains(&p.quote), "{}: the quote is not in the plan: {}", p.id, p.quote);
    }
    // A programme's quote opens with its name, as its line of the 专栏 does.
    for p in c.projects.iter().filter(|p| p.is_programme()) {
        assert!(p.quote.starts_with(&p.name), "{}: {}", p.id, p.quote);
    }
}

#[test]
fn the_register_holds_every_programme_and_project_of_each_column() {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let c = catalog();
    for p in &c.projects {
        let entry = counts.entry(p.column.as_str()).or_default();
        if p.is_programme() {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let expected: BTreeMap<&str, (usize, usize)> = [
        ("专栏二", (6, 14)),
        ("专栏三", (5, 0)),
        ("专栏四", (4, 4)),
        ("专栏五", (7, 11)),
        ("专栏六", (5, 4)),
        ("专栏七", (8, 5)),
        ("专栏八", (6, 6)),
        ("专栏九", (2, 7)),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(c.projects.len(), 94);
    assert!(c.projects.iter().all(|p| PROJECT_COLUMNS.contains(&p.column.as_str())));
    // Each 专栏's programmes are the lines of that 专栏 in the plan: each name is found after its heading.
    for p in c.projects.iter().filter(|p| p.is_programme()) {
        let heading = PLAN.find(&format!("{}：", p.column)).unwrap_or_else(|| PLAN.find(&p.column).unwrap());
        assert!(PLAN[heading..].contains(&p.quote), "{}", p.id);
    }
}

#[test]
fn a_due_year_before_the_plans_end_is_one_a_linked_indicator_gives() {
    let c = catalog();
    for p in c.projects.iter().filter(|p| p.due.is_some()) {
        let due = p.due.unwrap();
        let linked = p.indicators.iter().filter_map(|id| c.indicator(id)).any(|i| i.due == Some(due));
        assert!(linked, "{}: due {due}, which no linked indicator states", p.id);
    }
}

#[test]
fn the_register_is_checked_as_the_catalogue_loads() {
    let text = Catalog::embedded().map(|_| plan_check::catalog::EMBEDDED).unwrap();
    let bad = text
        .replacen("id = \"guanyinshan_park\"", "id = \"quanzhou_botanical_garden\"", 1)
        .replacen("column = \"专栏三\"", "column = \"专栏十\"", 1)
        .replacen("areas = [\"晋江市\"]", "areas = [\"厦门市\"]", 1)
        .replacen(
            "programme = \"“无废城市”工程\"\nquote = \"建设江南",
            "programme = \"无废工程\"\nquote = \"建设江南",
            1,
        );
    let err = Catalog::parse(&bad, "t.toml").unwrap_err().to_string();
    for needle in [
        "duplicate id \"quanzhou_botanical_garden\"",
        "column \"专栏十\" is not one of the plan's 专栏",
        "areas names \"厦门市\"",
        "programme \"无废工程\" is not a programme of 专栏二",
    ] {
        assert!(err.contains(needle), "{needle} in {err}");
    }
}

fn summary(doc: &Value) -> &Value {
    &doc["projects"]["summary"]
}

#[test]
fn eval_counts_the_register_and_its_rates_follow_from_the_counts() {
    let r = run(&["eval", "data/2023.csv", "data/projects-2023.csv", "--format", "json"]);
    r.code(0);
    let doc = r.json();
    let s = summary(&doc);
    let n = |k: &str| s[k].as_u64().unwrap_or_else(|| panic!("{k}: {s}"));
    // data/projects-2023.csv: 33 rows, 10 已完工, 17 在建, 3 前期工作, 2 未开工, 1 已取消.
    assert_eq!(
        [n("total"), n("completed"), n("under_construction"), n("preparing"), n("not_started"), n("cancelled")],
        [94, 10, 17, 3, 2, 1]
    );
    assert_eq!(n("unreported"), 94 - 33);
    let parts = ["not_started", "preparing", "under_construction", "completed", "cancelled", "unreported"];
    assert_eq!(parts.iter().map(|k| n(k)).sum::<u64>(), n("total"));
    // Started: 17 + 10 = 27 of the 93 not cancelled = 29.03%; completed 10 / 93 = 10.75%.
    assert_eq!(s["start_rate"], 29.03);
    assert_eq!(s["completion_rate"], 10.75);
    // Investment on three rows: 12000 + 9000 + 6000 done, 18000 + 15000 + 8000 planned.
    assert_eq!((s["invested"].as_f64(), s["planned_investment"].as_f64()), (Some(27000.0), Some(41000.0)));
    // Due in 2023 (第六章第三节) and still under construction: the 晋江 plants' deep-sea discharge.
    assert_eq!(n("overdue"), 1);
    let items = doc["projects"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 94);
    let overdue: Vec<&str> = items.iter().filter(|i| i["overdue"] == true).map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(overdue, ["jinjiang_southwest_deep_sea_discharge"]);
    let by_column = doc["projects"]["by_column"].as_array().unwrap();
    assert_eq!(by_column.len(), 8);
    assert_eq!(by_column.iter().map(|c| c["total"].as_u64().unwrap()).sum::<u64>(), 94);
    let col2 = &by_column[0];
    // 专栏二: 20 entries, 4 completed and 7 under construction of 20 not cancelled.
    assert_eq!((col2["column"].as_str(), col2["total"].as_u64()), (Some("专栏二"), Some(20)));
    assert_eq!((col2["start_rate"].as_f64(), col2["completion_rate"].as_f64()), (Some(55.0), Some(20.0)));
    // The indicators' part of the document is unchanged by the register.
    assert!(doc["results"].as_array().is_some_and(|r| !r.is_empty()));
}

#[test]
fn a_later_years_file_is_used_for_its_year_and_not_before() {
    let both = ["eval", "data/2025.csv", "data/projects-2023.csv", "data/projects-2025.csv", "--format", "json"];
    let doc = run(&both).json();
    let s = summary(&doc);
    assert_eq!(doc["projects"]["year"], 2025);
    // 2025: 33 rows carried on with their 2025 status, and two more entries.
    assert_eq!(s["unreported"], 94 - 35);
    // The 10 completed by 2023, 16 completed since, and 国家生态文明建设示范区.
    assert_eq!(s["completed"], 27);
    // Due in 2025: every entry neither completed nor cancelled is overdue.
    assert_eq!(s["overdue"], 94 - 27 - 1);
    let at_2023 = ["eval", "data/2023.csv", "data/projects-2023.csv", "data/projects-2025.csv", "--format", "json"];
    let doc = run(&at_2023).json();
    assert_eq!(summary(&doc)["completed"], 10, "rows of 2025 are not read for 2023");
}

#[test]
fn overdue_projects_fail_only_when_asked() {
    run(&["eval", "data/2023.csv", "data/projects-2023.csv"]).code(0);
    run(&["eval", "data/2023.csv", "data/projects-2023.csv", "--fail-on", "overdue-projects", "--lang", "en"])
        .code(1)
        .stderr_has("1 major project(s) overdue (--fail-on overdue-projects)");
    run(&["eval", "data/2023.csv", "--fail-on", "overdue-projects"]).code(0);
}

#[test]
fn every_format_carries_the_register() {
    let table = run(&["eval", "data/2023.csv", "data/projects-2023.csv", "--lang", "en"]);
    table.stdout_has("Major projects by column (2023)").stdout_has("Major projects overdue (2023)").stdout_has(
        "Of the plan's 94 major projects, 10 are completed, 17 under construction, 3 preparing, 63 not started (61 of \
         them unreported) and 1 cancelled: a start rate of 29.03% and a completion rate of 10.75%",
    );
    run(&["eval", "data/2023.csv", "data/projects-2023.csv"])
        .stdout_has("规划确定的94项重大工程中，已完工10项、在建17项、前期工作3项、未开工63项（其中未填报61项）、已取消1项，开工率29.03%，完工率10.75%，完成投资2.7亿元；逾期未完工1项。");
    let csv = run(&["eval", "data/2023.csv", "data/projects-2023.csv", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}: {header:?}"));
    let (id, status, overdue) = (col("project_id"), col("project_status"), col("project_overdue"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).filter(|r| !r[id].is_empty()).collect();
    assert_eq!(rows.len(), 94);
    let jinjiang = rows.iter().find(|r| &r[id] == "jinjiang_southwest_deep_sea_discharge").unwrap();
    assert_eq!((&jinjiang[status], &jinjiang[overdue]), ("under_construction", "true"));
    run(&["eval", "data/2023.csv", "data/projects-2023.csv", "--format", "markdown"]).stdout_has("| 专栏六 |");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eval.xlsx");
    let out_s = out.to_str().unwrap();
    run(&["eval", "data/2023.csv", "data/projects-2023.csv", "-o", out_s]).code(0);
    let book = std::fs::read(&out).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook).unwrap();
    assert!(workbook.contains("工程按专栏") && workbook.contains("重大工程"), "{workbook}");
}

/// `validate --format json` of status files written in `dir`.
fn validate(dir: &Path, files: &[(&str, &[u8])]) -> Value {
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let mut args = vec!["validate", "--format", "json"];
    args.extend(files.iter().map(|(n, _)| *n));
    run_in(dir, &args).json()
}

fn places(doc: &Value) -> Vec<(String, String, u64, Option<u64>)> {
    doc["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_string(),
                p["severity"].as_str().unwrap().to_string(),
                p["line"].as_u64().unwrap(),
                p["column"].as_u64(),
            )
        })
        .collect()
}

fn place(code: &str, severity: &str, line: u64, column: Option<u64>) -> (String, String, u64, Option<u64>) {
    (code.to_string(), severity.to_string(), line, column)
}

#[test]
fn validate_names_each_problem_of_a_status_file_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = "project,year,status,progress,invested,planned_investment,note\n\
                泉州植物圆,2023,在建,40,,,\n\
                guanyinshan_park,2023,快完工了,90,,,\n\
                air_supersite,2023,在建,120,,,\n\
                eco_belt,2023,已完工,95,,,\n\
                urban_renewal,2023,在建,50,1200,1000,\n\
                jiangnan_transfer_station,2023,在建,50,,,\n\
                jiangnan_transfer_station,2023,在建,60,,,\n\
                dahua_battery_site,2023,未开工,0,,,\n\
                dahua_battery_site,2023,未开工,0,,,\n\
                yongfeng_resin_site,2023,在建,-5%,,,\n\
                minguang_steel_ultra_low,2023,在建,30,abc,,\n";
    let later = "project,year,status,progress\nurban_renewal,2025,在建,30\n";
    let doc = validate(dir.path(), &[("status.csv", text.as_bytes()), ("later.csv", later.as_bytes())]);
    assert_eq!(
        places(&doc),
        vec![
            place("unknown-project", "error", 2, Some(1)),
            place("unknown-status", "error", 3, Some(3)),
            place("out-of-range", "error", 4, Some(4)),
            place("completed-unfinished", "error", 5, Some(4)),
            place("invested-above-planned", "warning", 6, Some(5)),
            place("conflicting-duplicate", "error", 7, Some(1)),
            place("conflicting-duplicate", "error", 8, Some(1)),
            place("duplicate-row", "warning", 10, Some(1)),
            place("out-of-range", "error", 11, Some(4)),
            place("not-a-number", "error", 12, Some(5)),
            place("progress-falling", "error", 2, Some(4)),
        ]
    );
    let problems = doc["problems"].as_array().unwrap();
    assert_eq!(problems[0]["suggestion"], "泉州植物园");
    assert!(problems[5]["expected"].as_str().unwrap().contains("status.csv:8"), "{}", problems[5]);
    assert!(problems[10]["expected"].as_str().unwrap().contains("50 (status.csv:6)"), "{}", problems[10]);
    let files = doc["files"].as_array().unwrap();
    let n = |f: &Value, k: &str| f[k].as_u64().unwrap();
    // Accepted: urban_renewal (a warning only) and both copies of dahua_battery_site (the second adds
    // nothing and is not used, as a duplicate measurement row).
    assert_eq!((n(&files[0], "rows_read"), n(&files[0], "rows_accepted")), (11, 3));
    assert_eq!((n(&files[1], "rows_read"), n(&files[1], "rows_accepted")), (1, 0));
    assert_eq!(files[0]["shape"], "projects");
}

#[test]
fn a_status_file_without_its_columns_or_year_is_refused_at_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let doc = validate(dir.path(), &[("status.csv", "project,progress,stage\neco_belt,10,x\n".as_bytes())]);
    assert_eq!(
        places(&doc),
        vec![
            place("missing-column", "error", 1, None),
            place("missing-year", "error", 1, None),
            place("unknown-column", "warning", 1, Some(3)),
        ]
    );
}

#[test]
fn a_status_file_reads_its_years_as_a_measurement_file_does() {
    let dir = tempfile::tempdir().unwrap();
    let text = "project,year,status\neco_belt,2023年度,在建\neco_belt,２０２２,前期工作\neco_belt,1800,在建\n";
    let doc = validate(dir.path(), &[("status.csv", text.as_bytes())]);
    // 2023年度 and the full-width ２０２２ are years, as in a measurement file; 1800 is out of range.
    assert_eq!(places(&doc), vec![place("out-of-range", "error", 4, Some(2))], "{doc:#}");
    assert_eq!(doc["files"][0]["rows_accepted"], 2, "{doc:#}");
}

#[test]
fn a_status_file_is_read_from_gbk_and_from_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode("项目,年份,状态,进度（%）\n泉州植物园,2023,在建,40\n");
    let doc = validate(dir.path(), &[("gbk.csv", &gbk)]);
    assert_eq!(doc["valid"], true, "{doc:#}");
    assert_eq!(
        (doc["files"][0]["encoding"].as_str(), doc["files"][0]["rows_accepted"].as_u64()),
        (Some("gb18030"), Some(1))
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["project", "year", "status", "progress"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "air_supersite").unwrap();
    sheet.write_number(1, 1, 2023.0).unwrap();
    sheet.write_string(1, 2, "bogus").unwrap();
    sheet.write_number(1, 3, 50.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let doc = validate(dir.path(), &[("status.xlsx", &bytes)]);
    assert_eq!(places(&doc), vec![place("unknown-status", "error", 2, Some(3))]);
}

#[test]
fn text_from_a_status_file_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s-2023.csv"), "project,status\n\"::error file=x::\x1b[31mred\",在建\n").unwrap();
    let r = run_in(dir.path(), &["validate", "s-2023.csv", "--format", "github"]);
    r.code(1);
    assert!(!r.stdout.contains('\x1b') && !r.stdout.lines().any(|l| l.starts_with("::error file=x")), "{}", r.stdout);
    // A note reaches the overdue table of eval: escaped there too.
    let status = "project,status,note\njinjiang_southwest_deep_sea_discharge,在建,\"\x1b[2J::error::x\"\n";
    std::fs::write(dir.path().join("p-2023.csv"), status).unwrap();
    let data = common::root().join("data/2023.csv");
    let r = run_in(dir.path(), &["eval", data.to_str().unwrap(), "p-2023.csv", "--lang", "en"]);
    r.code(0).stdout_has("Major projects overdue (2023)");
    assert!(!r.stdout.contains('\x1b'), "{}", r.stdout);
}

#[test]
fn the_project_template_is_a_status_file_once_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["template", "--projects", "--year", "2023"]);
    r.code(0);
    let mut lines: Vec<String> = r.stdout.lines().map(str::to_string).collect();
    assert_eq!(lines.iter().filter(|l| !l.starts_with('#')).count(), 95, "a header and one row per entry");
    // Every row filled in as under construction, 50% done.
    for line in lines.iter_mut().filter(|l| l.contains(",2023,")) {
        *line = line.replacen(",2023,,,", ",2023,在建,50,", 1);
    }
    std::fs::write(dir.path().join("filled.csv"), lines.join("\n")).unwrap();
    let doc = run_in(dir.path(), &["validate", "filled.csv", "--format", "json"]).json();
    assert_eq!(doc["valid"], true, "{doc:#}");
    assert_eq!(doc["files"][0]["rows_accepted"], 94);
    // Left empty, each row says what status it needs.
    std::fs::write(dir.path().join("empty.csv"), &r.stdout).unwrap();
    let doc = run_in(dir.path(), &["validate", "empty.csv", "--format", "json"]).json();
    assert!(doc["problems"].as_array().unwrap().iter().all(|p| p["code"] == "unknown-status"));
}

#[test]
fn indicators_lists_the_register() {
    let doc = run(&["indicators", "--projects", "--format", "json"]).json();
    let entries = doc.as_array().unwrap();
    assert_eq!(entries.len(), 94);
    let steel = entries.iter().find(|e| e["id"] == "minguang_steel_ultra_low").unwrap();
    assert_eq!(steel["programme"], "重点企业减排工程");
    assert_eq!(steel["kind"], "project");
    assert_eq!(steel["due"], 2025);
    assert_eq!(steel["indicators"][0], "minguang_steel_ultra_low_emission_projects");
    run(&["indicators", "--projects", "--source", "专栏四"]).code(2);
}

#[test]
fn check_catalog_warns_of_a_register_quote_not_in_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let text = plan_check::catalog::EMBEDDED.replacen("quote = \"观音山公园\"", "quote = \"观音山森林公园\"", 1);
    std::fs::write(dir.path().join("c.toml"), text).unwrap();
    let plan = common::root().join("tests/data/plan/quanzhou-14th-eco-plan.txt");
    let r = run_in(dir.path(), &["check-catalog", "c.toml", "--plan", plan.to_str().unwrap(), "--format", "json"]);
    let doc = r.json();
    let found: Vec<&Value> =
        doc["findings"].as_array().unwrap().iter().filter(|f| f["item"] == "guanyinshan_park").collect();
    assert_eq!(found.len(), 1, "{doc:#}");
    assert_eq!(found[0]["code"], "quote-not-in-plan");
}
