//! Every output format of `eval` on the bundled data, the CSV and workbook read back, files written
//! atomically, tables that fit a terminal, colours, the verdict line on stderr, languages and filters.

mod common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use clap::Parser as _;
use common::{root, run, run_in};
use plan_check::Console;
use unicode_width::UnicodeWidthStr;

const DATA: &str = "data/2023.csv";

#[test]
fn markdown_and_csv_are_pinned() {
    let r = run(&["eval", DATA, "--format", "markdown"]);
    r.code(0);
    insta::assert_snapshot!("eval_2023_markdown", r.stdout);
    let r = run(&["eval", DATA, "--format", "csv", "--lang", "en"]);
    r.code(0);
    assert!(!r.stdout.starts_with('\u{FEFF}'), "a CSV on standard output has no byte-order mark");
    insta::assert_snapshot!("eval_2023_csv", r.stdout);
}

#[test]
fn json_is_pinned_and_its_summary_has_every_status_of_the_stage() {
    let r = run(&["eval", DATA, "--format", "json"]);
    r.code(0);
    insta::assert_snapshot!("eval_2023_json", r.stdout);
    let doc = r.json();
    let midterm = ["pass", "fail", "achieved", "on_track", "lagging", "regressing", "pending", "missing"];
    for status in midterm {
        assert!(doc["summary"][status].is_u64(), "summary lacks {status}");
        for kind in ["binding", "expected", "leading"] {
            assert!(doc["summary"]["by_type"][kind][status].is_u64(), "by_type.{kind} lacks {status}");
        }
    }
    assert_eq!(doc["summary"]["on_track"], 0, "a zero count is there, as 0");
    let doc = run(&["eval", "tests/data/eval/final-fail.csv", "--year", "2025", "--format", "json"]).json();
    let summary = doc["summary"].as_object().unwrap();
    let mut keys: Vec<&str> = summary.keys().map(String::as_str).filter(|k| *k != "by_type").collect();
    keys.sort_unstable();
    assert_eq!(keys, ["fail", "missing", "pass", "pending"], "the final stage's statuses");
}

/// Each CSV row is the JSON result it stands for, flattened: same fields, same values.
#[test]
fn the_csv_parsed_back_equals_the_json_results() {
    let csv_out = run(&["eval", DATA, "--format", "csv"]);
    let doc = run(&["eval", DATA, "--format", "json"]).json();
    let results = doc["results"].as_array().unwrap();
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..2], ["label", "status_label"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), results.len());
    for (row, result) in rows.iter().zip(results) {
        let mut fields = Vec::new();
        flatten("", result, &mut fields);
        for (key, value) in fields {
            let i = header.iter().position(|h| *h == key).unwrap_or_else(|| panic!("no column {key}"));
            match (row[i].parse::<f64>(), value.parse::<f64>()) {
                // serde_json reads a float back to within a unit in the last place.
                (Ok(a), Ok(b)) => assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{key}: {a} ≠ {b}"),
                _ => assert_eq!(&row[i], value, "{key} of {}", result["indicator"]),
            }
        }
    }
    let pm25 = rows.iter().find(|r| &r[header.iter().position(|h| h == "indicator").unwrap()] == "pm25_central");
    let pm25 = pm25.unwrap();
    assert_eq!((&pm25[0], &pm25[1]), ("6", "待定"), "the plan's 序号 and the status in words");
}

fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            for (k, v) in fields {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}_{k}") };
                flatten(&key, v, out);
            }
        }
        // A progress of null is the empty progress_* columns.
        Value::Null if prefix == "progress" => {}
        Value::Null => out.push((prefix.into(), String::new())),
        // Text a spreadsheet would run as a formula (`=0`) is prefixed with `'`.
        Value::String(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
            out.push((prefix.into(), format!("'{s}")))
        }
        Value::String(s) => out.push((prefix.into(), s.clone())),
        other => out.push((prefix.into(), other.to_string())),
    }
}

#[test]
fn the_workbook_has_a_sheet_per_table_numbers_as_numbers_and_coloured_statuses() {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), &["eval", &root().join(DATA).display().to_string(), "-o", "report.xlsx"]).code(0);
    let bytes = std::fs::read(dir.path().join("report.xlsx")).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["城市层面", "各地区", "汇总", "说明"]);
    let city = book.worksheet_range("城市层面").unwrap();
    let header: Vec<String> = city.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let forest = city.rows().find(|r| r[col("序号")] == "12").unwrap();
    // The full value, not the two decimals a table shows.
    assert!(
        matches!(forest[col("本期值")], Data::Float(v) if (v - 59.6901).abs() < 1e-4),
        "{:?}",
        forest[col("本期值")]
    );
    let green = city.rows().find(|r| r[col("序号")] == "14").unwrap();
    assert!(matches!(green[col("完成度")], Data::Float(c) if (c - 0.5942).abs() < 1e-3), "{:?}", green[col("完成度")]);
    let styles = book.worksheet_style("城市层面").unwrap();
    let row = city.rows().position(|r| r[col("序号")] == "12").unwrap();
    let fill = styles.get((row as u32, col("状态") as u32)).and_then(|s| s.fill.as_ref()).and_then(|f| f.get_color());
    assert_eq!(fill.map(|c| c.to_argb() & 0xFF_FFFF), Some(0xC6EFCE), "提前实现 is green");
    let summary = book.worksheet_range("汇总").unwrap();
    assert!(summary.rows().skip(1).all(|r| r[1..].iter().all(|c| matches!(c, Data::Float(_)))));
}

#[test]
fn formulas_in_catalogue_text_are_neutralised_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = std::fs::read_to_string(root().join("indicators.toml")).unwrap();
    let hostile = catalog.replacen("name = \"森林覆盖率（%）\"", "name = \"=HYPERLINK(\\\"http://x\\\")\"", 1);
    assert_ne!(hostile, catalog);
    std::fs::write(dir.path().join("indicators.toml"), hostile).unwrap();
    let r = run_in(dir.path(), &["indicators", "--format", "csv", "--type", "binding"]);
    r.code(0).stdout_has("'=HYPERLINK(");
    assert!(!r.stdout.contains(",=HYPERLINK"), "{}", r.stdout);
}

#[test]
fn output_files_are_written_whole_or_not_at_all_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join(DATA).display().to_string();
    std::fs::write(dir.path().join("out.json"), "previous").unwrap();
    // A run that fails (a file with errors) leaves the previous output as it was.
    let bad = root().join("tests/data/eval/not-a-number.csv").display().to_string();
    run_in(dir.path(), &["eval", &bad, "-o", "out.json"]).code(2);
    assert_eq!(std::fs::read_to_string(dir.path().join("out.json")).unwrap(), "previous");
    // A run that works replaces it, in the format its extension names.
    run_in(dir.path(), &["eval", &data, "-o", "out.json"]).code(0);
    let written = std::fs::read_to_string(dir.path().join("out.json")).unwrap();
    assert!(written.starts_with("{\n"), "{written}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind: {leftovers:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
        run_in(dir.path(), &["eval", &data, "-o", "new.json"]).code(0);
        assert_eq!(mode("new.json"), 0o644, "a new file is readable by others, as files usually are");
        std::fs::set_permissions(dir.path().join("new.json"), std::fs::Permissions::from_mode(0o600)).unwrap();
        run_in(dir.path(), &["eval", &data, "-o", "new.json"]).code(0);
        assert_eq!(mode("new.json"), 0o600, "a replaced file keeps its permissions");
        std::fs::remove_file(dir.path().join("new.json")).unwrap();
    }
    // CSV files start with a byte-order mark for Excel.
    run_in(dir.path(), &["eval", &data, "-o", "out.csv"]).code(0);
    assert!(std::fs::read(dir.path().join("out.csv")).unwrap().starts_with("\u{FEFF}label,".as_bytes()));
    // -o naming an input is refused, and the input is untouched.
    std::fs::copy(root().join(DATA), dir.path().join("2023.csv")).unwrap();
    let before = std::fs::read(dir.path().join("2023.csv")).unwrap();
    run_in(dir.path(), &["eval", "2023.csv", "-o", "2023.csv", "--format", "csv", "--lang", "en"])
        .code(2)
        .stderr_has("one of the input files");
    assert_eq!(std::fs::read(dir.path().join("2023.csv")).unwrap(), before);
    run_in(dir.path(), &["eval", &data, "-o", "out.docx", "--lang", "en"]).code(2).stderr_has("add --format");
    // eval's --help does not list github, so it is refused as a value the flag does not take.
    run(&["eval", DATA, "--format", "github"]).code(2).stderr_has("invalid value 'github'");
}

/// Runs the library as the binary would on a terminal of `width` columns.
fn on_terminal(args: &[&str], width: u16, no_color: bool) -> (String, String, anyhow::Result<plan_check::Outcome>) {
    let cli = plan_check::cli::Cli::try_parse_from(std::iter::once("plan-check").chain(args.iter().copied())).unwrap();
    let console = Console { tty: true, width: Some(width), no_color };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let outcome = std::env::set_current_dir(root())
        .map_err(anyhow::Error::from)
        .and_then(|()| plan_check::run(cli, console, &mut out, &mut err));
    (String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap(), outcome)
}

#[test]
fn tables_fit_80_and_120_columns_without_splitting_a_character() {
    for width in [80u16, 120] {
        for args in [
            &["eval", DATA][..],
            &["eval", DATA, "--lang", "en"],
            &["trend", "data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv"],
            &["indicators"],
            &["rank", DATA, "--indicator", "forest_coverage"],
            &["validate", "tests/data/intake/crlf-2023.csv"],
        ] {
            let (out, _, outcome) = on_terminal(args, width, true);
            outcome.unwrap();
            assert!(!out.contains('\u{1b}'), "NO_COLOR: no escape codes");
            let mut table_width = None;
            for line in out.lines() {
                let w = line.width();
                assert!(w <= usize::from(width), "{args:?} at {width}: {w} columns: {line}");
                // Every line of a table is exactly as wide as its border: a character cut in two would
                // leave a line one column short.
                if line.starts_with('┌') {
                    table_width = Some(w);
                }
                if line.starts_with(['│', '╞', '├', '└']) {
                    assert_eq!(Some(w), table_width, "{args:?} at {width}: {line}");
                }
            }
        }
    }
    let (out, _, _) = on_terminal(&["eval", DATA], 80, true);
    assert!(out.contains("│ 4a   ┆"), "a shared row's parts under their group heading:\n{out}");
    assert!(out.contains("氮氧化物 "), "the part alone, not the row's whole name:\n{out}");
}

#[test]
fn piped_tables_keep_one_line_per_row() {
    let r = run(&["eval", DATA]);
    let forest: Vec<&str> = r.stdout.lines().filter(|l| l.contains("森林覆盖率")).collect();
    assert_eq!(forest.len(), 1);
    assert!(forest[0].contains("59.69") && forest[0].contains("保持达标"), "{}", forest[0]);
}

#[test]
fn colours_follow_the_terminal_the_flag_and_no_color() {
    let (out, _, _) = on_terminal(&["eval", DATA], 200, false);
    assert!(out.contains("\u{1b}["), "a terminal gets colour");
    let (out, _, _) = on_terminal(&["eval", DATA, "--color", "never"], 200, false);
    assert!(!out.contains('\u{1b}'));
    let (out, _, _) = on_terminal(&["eval", DATA, "--color", "always"], 200, true);
    assert!(out.contains("\u{1b}["), "--color always wins over NO_COLOR");
    run(&["eval", DATA]).stdout_has("提前实现");
    assert!(!run(&["eval", DATA]).stdout.contains('\u{1b}'), "a pipe gets none");
    assert!(!run(&["eval", DATA, "--color", "always", "--format", "csv"]).stdout.contains('\u{1b}'));
    let (_, _, outcome) = on_terminal(&["eval", DATA, "--format", "xlsx"], 80, true);
    assert!(outcome.unwrap_err().to_string().contains("-o FILE.xlsx"), "no workbook bytes on a terminal");
}

#[test]
fn every_exit_1_says_why_on_stderr() {
    let r = run(&["eval", "tests/data/eval/final-fail.csv", "--year", "2025", "--lang", "en"]);
    r.code(1).stderr_has("1 binding indicator(s) off track: 12 森林覆盖率 fail (58.2, target ≥58.7)");
    let r = run(&["eval", "tests/data/eval/pm25-2023.csv", "--targets", "tests/data/eval/province.toml"]);
    r.code(1).stderr_has("1项约束性指标未达要求：6 中心市区细颗粒物年均浓度 倒退（23.5，目标≤22）");
    run(&["eval", "tests/data/eval/final-pass-binding.csv", "--year", "2025", "--fail-on", "any"])
        .code(1)
        .stderr_has("项指标未达要求：");
    // Exit 0 says on stderr only what an empty list of shortfalls cannot: what was not judged (issue 21).
    let r = run(&["eval", DATA]);
    assert!(
        r.code(0).stderr.starts_with("可评估的4项约束性指标中没有滞后、倒退或未达标的指标；另有11项"),
        "{}",
        r.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let official = dir.path().join("province.toml");
    std::fs::write(&official, "[pm25_central]\ntarget = \"<= 22\"\nsource = \"闽环保〔2022〕1号\"\n").unwrap();
    let r = run(&["eval", DATA, "--targets", official.to_str().unwrap()]);
    assert!(!r.stderr.contains("省下达目标文件为示例"), "a targets file not marked as a sample: {}", r.stderr);
    let r = run(&["eval", DATA, "--targets", "tests/data/eval/province.toml"]);
    assert!(r.stderr.contains("省下达目标文件为示例（虚构）目标"), "its source says 示例: {}", r.stderr);
    run(&["validate", "tests/data/intake/crlf-2023.csv"]).code(1).stderr_has("无效：1个错误，0个警告");
    run(&["check-catalog", "tests/data/check/errors.toml", "--lang", "en"])
        .code(1)
        .stderr_has("errors.toml: not loaded; 5 error(s), 0 warning(s)");
}

#[test]
fn validate_and_check_catalog_speak_the_chosen_language() {
    let r = run(&["validate", "tests/data/intake/crlf-2023.csv"]);
    r.stdout_has("│ 文件").stdout_has("不是数值").stdout_has("读取4行 = 接受3 + 拒绝1");
    let r = run(&["validate", "tests/data/intake/crlf-2023.csv", "--lang", "en"]);
    r.stdout_has("│ file").stdout_has("4 rows read = 3 accepted + 1 rejected");
    // Codes and JSON stay English.
    let doc = run(&["validate", "tests/data/intake/crlf-2023.csv", "--format", "json"]).json();
    assert_eq!(doc["problems"][0]["code"], "not-a-number");
    let r = run(&["check-catalog", "tests/data/check/warnings.toml"]);
    r.stdout_has("警告[no-baseline]: 目标").stdout_has("3项指标；0个错误，5个警告");
    let doc = run(&["check-catalog", "tests/data/check/warnings.toml", "--format", "json"]).json();
    assert!(doc["findings"][0]["message"].as_str().unwrap().is_ascii(), "{}", doc["findings"][0]["message"]);
}

#[test]
fn types_are_named_as_the_plan_names_them_and_eval_filters_by_them() {
    let zh = run(&["indicators", "--type", "约束性", "--format", "json"]).json();
    let en = run(&["indicators", "--type", "binding", "--format", "json"]).json();
    assert_eq!(zh, en);
    assert!(zh.as_array().unwrap().iter().all(|e| e["type"] == "binding"));
    let doc = run(&["eval", DATA, "--type", "约束性", "--type", "预期性", "--format", "json"]).json();
    let results = doc["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["type"] == "binding" || r["type"] == "expected"));
    assert!(results.iter().any(|r| r["type"] == "expected"));
    let doc = run(&["eval", DATA, "--only", "off-track", "--format", "json"]).json();
    let results = doc["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| ["fail", "lagging", "regressing"].contains(&r["status"].as_str().unwrap())));
    run(&["eval", DATA, "--type", "约束"]).code(2);
}

#[test]
fn the_csv_header_does_not_depend_on_the_data() {
    let header = |args: &[&str]| run(args).stdout.lines().next().unwrap_or_default().to_string();
    let full = header(&["eval", DATA, "--format", "csv"]);
    assert!(full.contains(",reason,progress_from_year,"), "{full}");
    // No result with a series of years, and no result at all: the same columns.
    assert_eq!(header(&["eval", DATA, "--format", "csv", "--only", "off-track", "--type", "binding"]), full);
    assert_eq!(header(&["eval", "tests/data/eval/final-fail.csv", "--year", "2025", "--format", "csv"]), full);
    assert_eq!(header(&["eval", DATA, "--format", "csv", "--type", "task"]), full);
}

#[test]
fn every_command_that_prints_results_speaks_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let trend = ["trend", "data/2020.csv", "data/2021.csv", "data/2022.csv", "data/2023.csv"];
    let commands: [&[&str]; 5] = [
        &["eval", DATA],
        &trend,
        &["rank", DATA, "--indicator", "forest_coverage"],
        &["validate", "tests/data/intake/crlf-2023.csv"],
        &["indicators"],
    ];
    for command in commands {
        for format in ["table", "json", "csv", "markdown"] {
            let r = run(&[command, &["--format", format]].concat());
            assert!(r.code == 0 || r.code == 1, "{command:?} --format {format}: exit {}\n{}", r.code, r.stderr);
            assert!(r.stdout.lines().count() > 1, "{command:?} --format {format} printed nothing");
            if format == "json" {
                r.json();
            }
        }
        let out = dir.path().join("out.xlsx");
        let r = run(&[command, &["-o", &out.display().to_string()]].concat());
        assert!(r.code == 0 || r.code == 1, "{command:?} -o out.xlsx: exit {}\n{}", r.code, r.stderr);
        let book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
        assert!(!book.sheet_names().is_empty(), "{command:?}: a workbook with sheets");
    }
}
