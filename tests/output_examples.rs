//! The examples of docs/output.md are real: each `console` block holds `$ plan-check …` lines, each
//! followed by exactly what it prints. They run in bash from the repository's root with the binary
//! first on PATH, `NO_COLOR=1` and `COLUMNS=100` (the conventions of the README's own example test).
//! `UPDATE_DOCS=1 cargo test --test output_examples` rewrites the outputs instead.

mod common;

use std::path::Path;
use std::process::Command;

use common::root;

/// The `console` blocks of a Markdown text: the line range of each block's content.
fn console_blocks(lines: &[&str]) -> Vec<std::ops::Range<usize>> {
    let mut blocks = Vec::new();
    let mut open = None;
    for (i, line) in lines.iter().enumerate() {
        match (open, line.trim_end()) {
            (None, "```console") => open = Some(i + 1),
            (Some(start), "```") => {
                blocks.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    blocks
}

/// Runs `command` as the README's example test does, and returns its standard output.
fn run_in_bash(command: &str) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_plan-check")).parent().expect("the binary's folder").to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("a PATH");
    let out = Command::new("bash")
        .args(["-c", command])
        .current_dir(root())
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("bash runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_examples_of_docs_output_md_are_what_the_commands_print() {
    let path = root().join("docs/output.md");
    let text = std::fs::read_to_string(&path).expect("docs/output.md");
    let lines: Vec<&str> = text.lines().collect();
    let blocks = console_blocks(&lines);
    assert!(blocks.len() >= 6, "docs/output.md has an example per format");
    let mut rewritten: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut stale = Vec::new();
    for block in blocks.into_iter().rev() {
        let command = lines[block.start].strip_prefix("$ ").expect("a block starts with `$ command`");
        let (code, stdout) = run_in_bash(command);
        assert!(code == 0 || code == 1, "`{command}` could not run (exit {code})");
        let shown = lines[block.start + 1..block.end].join("\n");
        if shown != stdout.trim_end_matches('\n') {
            stale.push(command.to_string());
            rewritten.splice(block.start + 1..block.end, stdout.lines().map(String::from));
        }
    }
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, rewritten.join("\n") + "\n").expect("docs/output.md is writable");
    } else {
        assert!(
            stale.is_empty(),
            "docs/output.md shows stale output for {stale:?}; run UPDATE_DOCS=1 cargo test --test output_examples"
        );
    }
}
