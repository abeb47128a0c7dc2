//! The committed man pages are what `cargo run --example gen-man` writes from today's clap definitions.

#[path = "../examples/gen-man.rs"]
mod gen_man;

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn committed_man_pages_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(gen_man::MAN_DIR);
    let pages = gen_man::render_pages().expect("render the man pages");
    let mut stale = Vec::new();
    for (name, page) in &pages {
        let committed = std::fs::read(dir.join(name)).unwrap_or_default();
        if committed != *page {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from the clap definitions: run `cargo run --example gen-man` and commit"
    );
}

#[test]
fn no_page_is_left_over_from_a_removed_command() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(gen_man::MAN_DIR);
    let expected: BTreeSet<String> =
        gen_man::render_pages().expect("render").into_iter().map(|(name, _)| name).collect();
    let committed: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("docs/man exists")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(committed, expected, "docs/man holds exactly the generated pages");
}

#[test]
fn the_top_page_lists_every_command_and_the_exit_codes() {
    let pages = gen_man::render_pages().expect("render");
    let (name, top) = &pages[0];
    assert_eq!(name, "plan-check.1");
    let top = String::from_utf8_lossy(top);
    for command in
        ["eval", "validate", "trend", "rank", "indicators", "template", "check-catalog", "report", "completions"]
    {
        // roff escapes every hyphen.
        let reference = format!("plan-check-{command}(1)").replace('-', "\\-");
        assert!(top.contains(&reference), "{reference} missing from plan-check.1");
    }
    assert!(top.contains("Exit codes"), "plan-check.1 has no exit codes");
}
