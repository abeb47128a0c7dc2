//! Issue 19: a gate that cannot be fooled. One test (or a few) per class of defect found by the third
//! round of hostile testing; every test builds its own input, and each class ends in a clear problem
//! or a refusal, promptly.

mod common;
#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;
use std::time::Duration;

use common::{Run, run_in};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// Makes a FIFO at `path` (mkfifo(1): the test needs no crate for it).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs").success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt as _;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

/// Runs with a deadline: a run that hangs (a FIFO opened for reading) fails the test instead.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let (tx, rx) = std::sync::mpsc::channel();
    let (dir, args): (std::path::PathBuf, Vec<String>) =
        (dir.to_path_buf(), args.iter().map(|a| a.to_string()).collect());
    std::thread::spawn(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let _ = tx.send(run_in(&dir, &args));
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("the run did not end within {limit:?}"))
}

// ---- 1. Years outside the plan ----

/// A 2023 file whose one stray row is dated 2032: before, the run evaluated 2032 as a final stage,
/// the regressing binding indicator passed and the exit code was 0.
#[test]
fn a_year_outside_the_plan_period_is_an_error_and_never_the_year_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a-2023.csv",
        "county,indicator,value,year\n全市,forest_coverage,50,2023\n全市,forest_coverage,59,2032\n全市,forest_coverage,58,2019\n",
    );
    let r = run_in(dir.path(), &["validate", "a-2023.csv", "--format", "json"]);
    r.code(1);
    let found = common::problems(&r.json());
    let outside: Vec<_> = found.iter().filter(|p| p.0 == "year-outside-plan").collect();
    assert_eq!(outside.len(), 2, "{found:?}");
    assert_eq!((outside[0].1, outside[0].2, outside[0].3.as_str()), (Some(3), Some(4), "2032"), "{found:?}");
    assert_eq!((outside[1].1, outside[1].3.as_str()), (Some(4), "2019"), "{found:?}");
    assert!(outside[0].4.contains("2020") && outside[0].4.contains("2025"), "{found:?}");
    // eval stops; with --skip-invalid it evaluates 2023, where forest coverage fell from 58.7 to 50.
    run_in(dir.path(), &["eval", "a-2023.csv"]).code(2).stderr_has("year-outside-plan");
    let r = run_in(dir.path(), &["eval", "a-2023.csv", "--skip-invalid", "--format", "json"]);
    r.code(1);
    assert_eq!(r.json()["year"], 2023, "{}", r.stdout);
}

#[test]
fn a_file_named_for_an_out_of_plan_year_dates_no_row() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b-2032.csv", "county,indicator,value\n全市,forest_coverage,59\n");
    let r = run_in(dir.path(), &["validate", "b-2032.csv", "--format", "json"]);
    r.code(1);
    assert!(common::problems(&r.json()).iter().any(|p| p.0 == "year-outside-plan" && p.1 == Some(2) && p.3 == "2032"));
}

/// A year column that disagrees with the file's name: a warning naming both, and a year only such
/// rows give is never chosen as the year evaluated.
#[test]
fn a_year_that_disagrees_with_the_file_name_is_named_and_never_chooses_the_year() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "c-2023.csv",
        "county,indicator,value,year\n全市,forest_coverage,59,2023\n全市,forest_coverage,59.5,2024\n",
    );
    let r = run_in(dir.path(), &["validate", "c-2023.csv", "--format", "json"]);
    r.code(0);
    let found = common::problems(&r.json());
    let mismatch: Vec<_> = found.iter().filter(|p| p.0 == "year-mismatch").collect();
    assert_eq!(mismatch.len(), 1, "{found:?}");
    assert_eq!((mismatch[0].1, mismatch[0].2, mismatch[0].3.as_str()), (Some(3), Some(4), "2024"));
    assert!(mismatch[0].4.contains("2023"), "{found:?}");
    run_in(dir.path(), &["eval", "c-2023.csv", "--lang", "en"])
        .code(2)
        .stderr_has("the latest year in the data, 2024, is given only by rows of files named for another year")
        .stderr_has("c-2023.csv:3");
    run_in(dir.path(), &["eval", "c-2023.csv"]).code(2).stderr_has("数据中最晚的年份 2024").stderr_has("c-2023.csv:3");
    let r = run_in(dir.path(), &["eval", "c-2023.csv", "--year", "2023", "--format", "json"]);
    assert_eq!(r.json()["year"], 2023);
}

// ---- 2. The Word and HTML reports are well-formed whatever the input holds ----

#[test]
fn control_characters_and_non_characters_reach_the_reports_as_visible_marks() {
    let dir = tempfile::tempdir().unwrap();
    // A control character in the data file's name, in a note, and in the catalogue's plan name.
    let name = "x\u{1}y-2023.csv";
    write(dir.path(), name, "county,indicator,value,note\n全市,forest_coverage,59,a\u{1}b\u{b}c\u{1b}[31md\u{fffe}e\n");
    let catalog = std::fs::read_to_string(common::root().join("indicators.toml")).unwrap();
    let catalog = catalog.replacen("name = \"泉州市", "name = \"\\u001B]0;t\\u0007泉州市", 1);
    write(dir.path(), "c.toml", &catalog);
    for out in ["r.docx", "r.html"] {
        run_in(dir.path(), &["report", name, "--catalog", "c.toml", "-o", out]).code(0);
    }
    let docx = std::fs::read(dir.path().join("r.docx")).unwrap();
    let parts = harness::check_docx(&docx).unwrap_or_else(|e| panic!("{e}"));
    assert!(parts >= 5, "{parts} XML parts");
    let document = unzip(&docx, "word/document.xml");
    for mark in ["a\\u{1}b\\u{b}c\\u{1b}[31md\\u{fffe}e", "x\\u{1}y-2023.csv", "\\u{1b}]0;t\\u{7}泉州市"] {
        assert!(document.contains(mark), "document.xml lacks {mark:?}");
    }
    let html = std::fs::read(dir.path().join("r.html")).unwrap();
    harness::check_xml("r.html", &html, true).unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8(html).unwrap().contains("a\\u{1}b\\u{b}c\\u{1b}[31md\\u{fffe}e"));
}

#[test]
fn the_strict_check_refuses_what_word_refuses() {
    assert!(harness::check_xml("t", b"<a>\x01</a>", false).is_err());
    assert!(harness::check_xml("t", b"<a>&#1;</a>", false).is_err());
    assert!(harness::check_xml("t", "<a>\u{fffe}</a>".as_bytes(), false).is_err());
    assert!(harness::check_xml("t", b"<a b=\"&#11;\"/>", false).is_err());
    assert!(harness::check_xml("t", b"<a><b></a>", false).is_err());
    assert!(harness::check_xml("t", b"<a>&nbsp;</a>", false).is_err());
    assert!(harness::check_xml("t", b"<a>x &amp; &#x4e2d;</a>", false).is_ok());
}

fn unzip(zip: &[u8], part: &str) -> String {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut text = String::new();
    archive.by_name(part).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Every part of a zip under `prefix`, one after the other.
fn unzip_all(zip: &[u8], prefix: &str) -> String {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        if part.name().is_ok_and(|n| n.starts_with(prefix)) {
            part.read_to_string(&mut all).unwrap();
        }
    }
    all
}

// ---- 3. -o never writes over what the run reads ----

#[test]
fn output_that_is_an_input_is_refused_by_name_folder_link_or_identity() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();
    let data = "county,indicator,value\n全市,forest_coverage,59\n";
    write(&d.join("in"), "a-2023.csv", data);
    // A folder stands for its files.
    run_in(d, &["eval", "in/", "-o", "in/a-2023.csv", "--format", "csv"]).code(2).stderr_has("这是输入文件之一");
    run_in(d, &["eval", "in/", "-o", "in/a-2023.csv", "--format", "csv", "--lang", "en"])
        .code(2)
        .stderr_has("that is one of the input files");
    // A hard link is the same file under another name.
    std::fs::hard_link(d.join("in/a-2023.csv"), d.join("alias.csv")).unwrap();
    run_in(d, &["eval", "in/a-2023.csv", "-o", "alias.csv", "--lang", "en"])
        .code(2)
        .stderr_has("that is in/a-2023.csv, one of the input files");
    assert_eq!(std::fs::read_to_string(d.join("in/a-2023.csv")).unwrap(), data);
    // The catalogue given with --catalog, to template.
    std::fs::copy(common::root().join("indicators.toml"), d.join("c.toml")).unwrap();
    let catalog = std::fs::read(d.join("c.toml")).unwrap();
    run_in(
        d,
        &["template", "--year", "2023", "--catalog", "c.toml", "-o", "c.toml", "--format", "csv", "--lang", "en"],
    )
    .code(2)
    .stderr_has("one of the input files");
    assert_eq!(std::fs::read(d.join("c.toml")).unwrap(), catalog);
    // The catalogue read by default, and its name even before it exists.
    std::fs::copy(d.join("c.toml"), d.join("in/indicators.toml")).unwrap();
    run_in(&d.join("in"), &["eval", "a-2023.csv", "-o", "indicators.toml", "--format", "csv", "--lang", "en"])
        .code(2)
        .stderr_has("the catalogue every run in this folder reads by default");
    run_in(d, &["eval", "in/a-2023.csv", "-o", "indicators.toml", "--format", "csv", "--lang", "en"])
        .code(2)
        .stderr_has("the catalogue every run in this folder reads by default");
    assert!(!d.join("indicators.toml").exists());
    assert_eq!(std::fs::read(d.join("in/indicators.toml")).unwrap(), catalog);
    // A targets file, to report.
    write(d, "t.toml", "");
    run_in(d, &["report", "in/a-2023.csv", "--targets", "t.toml", "-o", "t.toml", "--format", "html", "--lang", "en"])
        .code(2)
        .stderr_has("one of the input files");
}

// ---- 4. -o never replaces what is not a regular file ----

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_through_or_refused_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a-2023.csv", "county,indicator,value\n全市,forest_coverage,59\n");
    let fifo = d.join("out.csv");
    mkfifo(&fifo);
    // Nobody reads it: refused at once, not a hang, and still a FIFO.
    run_within(d, &["eval", "a-2023.csv", "-o", "out.csv", "--lang", "en"], Duration::from_secs(60))
        .code(2)
        .stderr_has("a named pipe that nothing reads");
    assert!(is_fifo(&fifo));
    // With a reader, the table goes through the pipe.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    // The reader opens first; the writer then finds it.
    let mut delivered = String::new();
    for _ in 0..100 {
        let r = run_within(d, &["eval", "a-2023.csv", "-o", "out.csv"], Duration::from_secs(60));
        if r.code == 0 {
            delivered = reader.join().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(delivered.contains("forest_coverage") || delivered.contains("森林覆盖率"), "{delivered}");
    assert!(is_fifo(&fifo), "the FIFO was replaced by a file");
}

#[cfg(unix)]
#[test]
fn output_to_a_link_is_written_through_to_a_device_and_refused_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a-2023.csv", "county,indicator,value\n全市,forest_coverage,59\n");
    // A link to a character device is written through: the link stays, the device takes the bytes.
    std::os::unix::fs::symlink("/dev/null", d.join("null.csv")).unwrap();
    run_in(d, &["eval", "a-2023.csv", "-o", "null.csv"]).code(0);
    assert!(std::fs::symlink_metadata(d.join("null.csv")).unwrap().file_type().is_symlink());
    // A link to a regular file is refused: replacing it would lose the link, writing through would
    // change a file elsewhere.
    write(d, "elsewhere.csv", "keep");
    std::os::unix::fs::symlink("elsewhere.csv", d.join("out.csv")).unwrap();
    run_in(d, &["eval", "a-2023.csv", "-o", "out.csv", "--lang", "en"])
        .code(2)
        .stderr_has("a symbolic link (to elsewhere.csv)");
    assert_eq!(std::fs::read_to_string(d.join("elsewhere.csv")).unwrap(), "keep");
    assert!(std::fs::symlink_metadata(d.join("out.csv")).unwrap().file_type().is_symlink());
    // A folder is refused.
    std::fs::create_dir(d.join("dir.csv")).unwrap();
    run_in(d, &["eval", "a-2023.csv", "-o", "dir.csv", "--lang", "en"]).code(2).stderr_has("a folder");
    // A regular file is still replaced whole.
    write(d, "plain.csv", "old");
    run_in(d, &["eval", "a-2023.csv", "-o", "plain.csv"]).code(0);
    assert!(std::fs::read_to_string(d.join("plain.csv")).unwrap().contains("forest_coverage"));
}

// ---- 5. Problems are bounded per run, not only per file ----

#[test]
fn problems_are_bounded_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files = 30;
    let rows = 400;
    for f in 0..files {
        let mut text = String::from("county,indicator,value\n");
        for i in 0..rows {
            text.push_str(&format!("某地{i},forest_coverage,1\n"));
        }
        write(d, &format!("f{f:02}-2023.csv"), &text);
    }
    let r = run_in(d, &["validate", ".", "--format", "json", "--limit", "problems-per-run=1000"]);
    r.code(1);
    let doc = r.json();
    let kept = doc["problems"].as_array().unwrap().len();
    assert_eq!(kept, 1000, "kept at most the per-run limit");
    assert_eq!(doc["errors"], files * rows, "the count still covers every problem");
    let omitted: u64 = doc["omitted"].as_array().unwrap().iter().map(|o| o["count"].as_u64().unwrap()).sum();
    assert_eq!(omitted as usize + kept, (files * rows) as usize);
}

// ---- 6. Input text printed anywhere is escaped ----

#[test]
fn file_names_and_catalogue_text_cannot_forge_a_line_or_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = "x\n::error::forged-2023.csv";
    write(d, name, "county,indicator,value\n全市,forest_coverage,59\n");
    let forged = |r: &Run| {
        for text in [&r.stdout, &r.stderr] {
            assert!(!text.lines().any(|l| l.starts_with("::error")), "{}: a forged line in\n{text}", r.cmd);
            assert!(!text.contains('\u{1b}'), "{}: ESC in\n{text}", r.cmd);
        }
    };
    // The origin line of --explain.
    let r = run_in(d, &["eval", name, "--explain", "forest_coverage"]);
    r.code(0).stdout_has("x\\u{a}::error::forged-2023.csv");
    forged(&r);
    // The --sheet error.
    let r = run_in(d, &["eval", name, "--sheet", "S\n::error::s"]);
    r.code(2);
    forged(&r);
    // Every row rejected, with --skip-invalid.
    write(d, "y\n::error::bad-2023.csv", "county,indicator,value\n全市,forest_coverage,x\n");
    let r = run_in(d, &["eval", "y\n::error::bad-2023.csv", "--skip-invalid", "--lang", "en"]);
    r.code(2).stderr_has("nothing to evaluate");
    forged(&r);
    // Catalogue text: an indicator's name that sets the terminal's title and forges a line.
    let catalog = std::fs::read_to_string(common::root().join("indicators.toml")).unwrap();
    let catalog = catalog.replacen(
        "name = \"森林覆盖率（%）\"",
        "name = \"\\u001B]0;pwned\\u0007\\n::error::森林覆盖率（%）\"",
        1,
    );
    write(d, "c.toml", &catalog);
    let r = run_in(d, &["eval", name, "--catalog", "c.toml"]);
    r.code(0).stdout_has("\\u{1b}]0;pwned\\u{7}\\u{a}::error::森林覆盖率");
    forged(&r);
    // An output path is printed escaped.
    let r = run_in(d, &["report", name, "-o", "r\n::error::x.html"]);
    r.code(0);
    forged(&r);
    assert!(r.stdout.contains("r\\u{a}::error::x.html"), "{}", r.stdout);
}

// ---- 7. Side files get the data files' checks ----

#[cfg(unix)]
#[test]
fn side_files_are_checked_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a-2023.csv", "county,indicator,value\n全市,forest_coverage,59\n");
    let quick = Duration::from_secs(60);
    // A device, a FIFO nobody writes, a symbolic link: refused before they are opened.
    run_within(d, &["eval", "a-2023.csv", "--targets", "/dev/zero"], quick).code(2).stderr_has("a device");
    mkfifo(&d.join("fifo.toml"));
    run_within(d, &["eval", "a-2023.csv", "--catalog", "fifo.toml"], quick).code(2).stderr_has("named pipe");
    run_within(d, &["check-catalog", "fifo.toml"], quick).code(2).stderr_has("named pipe");
    run_within(
        d,
        &["check-catalog", &common::root().join("indicators.toml").to_string_lossy(), "--plan", "fifo.toml"],
        quick,
    )
    .code(2)
    .stderr_has("fifo.toml: found \"a named pipe (FIFO)\"");
    std::os::unix::fs::symlink(common::root().join("indicators.toml"), d.join("link.toml")).unwrap();
    run_within(d, &["indicators", "--catalog", "link.toml", "--lang", "en"], quick)
        .code(2)
        .stderr_has("a symbolic link");
    run_within(d, &["eval", "a-2023.csv", "--catalog", "link.toml", "--follow-symlinks"], quick).code(0);
    // Beyond the side-file limit.
    write(d, "big.toml", &format!("# {}\n", "x".repeat(4096)));
    run_within(d, &["eval", "a-2023.csv", "--targets", "big.toml", "--limit", "side-file-bytes=1K"], quick)
        .code(2)
        .stderr_has("side-file-bytes");
    // report --skip-invalid never reopens a file the loader refused.
    mkfifo(&d.join("pipe-2023.csv"));
    run_within(d, &["report", "a-2023.csv", "pipe-2023.csv", "--skip-invalid", "-o", "r.html"], quick).code(0);
}

// ---- 8. Targets and catalogue values that cannot be right ----

#[test]
fn a_targets_file_gives_one_area_one_target_that_can_be_met_and_bounds_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a-2023.csv", "county,indicator,value\n全市,forest_coverage,59\n");
    // One area under its name and its alias, and under its name padded.
    write(d, "alias.toml", "[forest_coverage.areas]\n\"石狮市\" = \">= 20\"\n\"石狮\" = \">= 30\"\n");
    run_in(d, &["eval", "a-2023.csv", "--targets", "alias.toml", "--lang", "en"])
        .code(2)
        .stderr_has("石狮市: given twice, as \"石狮\" and as \"石狮市\"");
    write(d, "pad.toml", "[forest_coverage.areas]\n\"石狮市\" = \">= 20\"\n\" 石狮市\" = \">= 30\"\n");
    run_in(d, &["eval", "a-2023.csv", "--targets", "pad.toml", "--lang", "en"]).code(2).stderr_has("given twice");
    // baseline +100% of a 58.7 % share is 117.4 %.
    write(d, "plus.toml", "[forest_coverage]\ntarget = \"baseline +100%\"\n");
    run_in(d, &["eval", "a-2023.csv", "--targets", "plus.toml", "--lang", "en"])
        .code(2)
        .stderr_has("resolves to 117.4, outside what the indicator can measure (0 to 100)");
    // 100.0000001 is not shown as 100.
    write(d, "over.toml", "[forest_coverage]\ntarget = \">= 100.0000001\"\n");
    run_in(d, &["eval", "a-2023.csv", "--targets", "over.toml", "--lang", "en"])
        .code(2)
        .stderr_has("100.0000001 is outside what the indicator can measure (0 to 100)");
    // 200,000 unknown ids: a bounded message, not 19 MB.
    let mut many = String::new();
    for i in 0..200_000 {
        many.push_str(&format!("[nope_{i}]\ntarget = \"1\"\n"));
    }
    write(d, "many.toml", &many);
    let r = run_in(d, &["eval", "a-2023.csv", "--targets", "many.toml", "--lang", "en"]);
    r.code(2).stderr_has("… and 199900 more problem(s) not shown");
    assert!(r.stderr.len() < 64 << 10, "{} bytes of stderr", r.stderr.len());
}

#[test]
fn check_catalog_refuses_values_and_names_that_cannot_be_right() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let shipped = std::fs::read_to_string(common::root().join("indicators.toml")).unwrap();
    let check = |name: &str, text: &str, needle: &str| {
        write(d, name, text);
        let r = run_in(d, &["check-catalog", name, "--lang", "en"]);
        r.code(1);
        assert!(
            r.stdout.contains(needle) || r.stderr.contains(needle),
            "{name}: no {needle:?} in\n{}\n{}",
            r.stdout,
            r.stderr
        );
    };
    for (i, bad) in ["nan", "inf", "-inf", "1e308", "-5"].iter().enumerate() {
        let text = shipped.replacen("baseline = 58.7", &format!("baseline = {bad}"), 1);
        assert_ne!(text, shipped);
        check(&format!("b{i}.toml"), &text, "forest_coverage: error");
    }
    check(
        "b5.toml",
        &shipped.replacen("baseline = 58.7", "baseline = -5", 1),
        "-5 is outside what the indicator can measure (0 to 100)",
    );
    check("b6.toml", &shipped.replacen("baseline = 58.7", "baseline = inf", 1), "inf is not a figure");
    check("t.toml", &shipped.replacen("target = \"58.7\"", "target = \">= 100.0000001\"", 1), "100.0000001 is outside");
    check("p.toml", &shipped.replacen("target = \"58.7\"", "target = \"baseline +100%\"", 1), "resolves to 117.4");
    // A target's figure and a reference value TOML reads but no indicator measures.
    check("f1.toml", &shipped.replacen("target = \">= 2\"", "target = \">= 1e16\"", 1), "the target's figure 1e16");
    let reference = shipped.replacen(
        "id = \"thirteenth_plan_average_blue_sky_days\"\n",
        "id = \"thirteenth_plan_average_blue_sky_days\"\nvalue = nan\n",
        1,
    );
    assert_ne!(reference, shipped);
    check("f2.toml", &reference, "the reference value NaN is not a figure");
    check(
        "n1.toml",
        &shipped.replacen("name = \"石狮市\"", "name = \" 石狮市\"", 1),
        "cells are trimmed, so it never matches",
    );
    check("n2.toml", &shipped.replacen("aliases = [\"石狮\"]", "aliases = [\"\"]", 1), "an empty name");
    check("n3.toml", &shipped.replacen("aliases = [\"石狮\"]", "aliases = [\"石\\u200B狮\"]", 1), "U+200B");
    check(
        "n4.toml",
        &shipped.replacen("aliases = [\"石狮\"]", "aliases = [\"晋江巿\"]", 1),
        "\"晋江市\" looks the same as \"晋江巿\" of 石狮市",
    );
}

// ---- 9. Outputs keep their format's promises ----

#[test]
fn outputs_keep_their_formats_promises() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // CSV with no rows is its header, as docs/output.md promises.
    write(d, "ok-2023.csv", "county,indicator,value\n全市,forest_coverage,59\n");
    let r = run_in(d, &["validate", "ok-2023.csv", "--format", "csv"]);
    r.code(0);
    assert_eq!(r.stdout, "title_label,expected_label,code,severity,file,line,column,field,found,expected,suggestion\n");
    let r = run_in(d, &["indicators", "--format", "csv", "--domain", "无此领域"]);
    assert!(r.stdout.starts_with("label,id,name,domain,type,unit,"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 1);
    // A text longer than a cell holds is cut and marked, not an error naming no field.
    let shipped = std::fs::read_to_string(common::root().join("indicators.toml")).unwrap();
    let long = "长".repeat(40_000);
    write(d, "long.toml", &shipped.replacen("name = \"森林覆盖率（%）\"", &format!("name = \"森林覆盖率{long}\""), 1));
    run_in(d, &["indicators", "--catalog", "long.toml", "-o", "i.xlsx"]).code(0);
    let xlsx = std::fs::read(d.join("i.xlsx")).unwrap();
    // Written in constant memory, a workbook's strings are inline in its sheets, not a shared table.
    assert!(unzip_all(&xlsx, "xl/").contains("…[cut: 40005 characters in all]"));
    // Template CSV cells are guarded against formulas as eval's are.
    write(d, "f.toml", &format!("{shipped}\n[[county]]\nname = \"=HYPERLINK(1)\"\ntags = [\"coastal\"]\n"));
    let r = run_in(d, &["template", "--catalog", "f.toml", "--year", "2023", "--county", "=HYPERLINK(1)"]);
    r.code(0);
    assert!(r.stdout.contains("'=HYPERLINK(1)") && !r.stdout.contains(",=HYPERLINK"), "{}", r.stdout);
    // Markdown passes no image, link or @mention from the input.
    let name = "![i](x.png) [l](y) @octocat-2023.csv";
    write(d, name, "county,indicator,value\n全市,forest_coverage,59\n");
    let r = run_in(d, &["eval", name, "--format", "markdown"]);
    r.code(0);
    assert!(!r.stdout.contains("![i]") && !r.stdout.contains("l](y)"), "{}", r.stdout);
    assert!(r.stdout.contains("!\\[i\\](x.png) \\[l\\](y) @\u{200b}octocat"), "{}", r.stdout);
    assert!(!r.stdout.contains("@octocat"));
}

// ---- 10. The document's scale ----

#[test]
fn an_area_that_sent_no_rows_is_named_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a-2023.csv", "county,indicator,value\n全市,forest_coverage,59\n晋江市,forest_coverage,61\n");
    run_in(d, &["report", "a-2023.csv", "-o", "r.html", "--lang", "en"]).code(0);
    let html = std::fs::read_to_string(d.join("r.html")).unwrap();
    let missing = ["鲤城区", "石狮市", "南安市", "泉州台商投资区"];
    let line = html.lines().find(|l| l.contains("sent no rows for 2023")).unwrap_or_else(|| panic!("{html}"));
    for area in missing {
        assert!(line.contains(area), "{area} not named: {line}");
    }
    assert!(!line.contains("晋江市"), "{line}");
}
