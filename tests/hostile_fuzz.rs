//! Replays every fuzz input kept in the repository through the fuzz targets' own bodies, on stable:
//! the seed corpus (`fuzz/corpus/<target>/seed-*`) and each input that once made a fuzzer fail
//! (`tests/data/hostile/fuzz/<target>/`). See docs/limits.md, "Fuzzing".

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for dir in [root.join("fuzz/corpus").join(target), root.join("tests/data/hostile/fuzz").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if dir.ends_with(target) && dir.starts_with(root.join("fuzz")) && !name.starts_with("seed-") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| body(&bytes));
            assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for {target}");
}

#[test]
fn data_file_inputs_replay() {
    replay("data_file", harness::data_file);
}

#[test]
fn catalog_inputs_replay() {
    replay("catalog", harness::catalog);
}

#[test]
fn targets_file_inputs_replay() {
    replay("targets_file", harness::targets_file);
}

#[test]
fn target_expr_inputs_replay() {
    replay("target_expr", harness::target_expr);
}

#[test]
fn report_html_inputs_replay() {
    replay("report_html", harness::report_html);
}

#[test]
fn report_docx_inputs_replay() {
    replay("report_docx", harness::report_docx);
}

#[test]
fn xls_file_inputs_replay() {
    replay("xls_file", harness::xls_file);
}

#[test]
fn ods_file_inputs_replay() {
    replay("ods_file", harness::ods_file);
}

#[test]
fn xlsb_file_inputs_replay() {
    replay("xlsb_file", harness::xlsb_file);
}
