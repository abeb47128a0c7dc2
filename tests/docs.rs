//! The examples of docs/output.md are real: each `<!-- example: plan-check … -->` is run and its
//! output must be the code block under it. `UPDATE_DOCS=1` rewrites the blocks instead.

mod common;

use common::{root, run};

/// The examples of a Markdown text: (line of the marker, stderr?, arguments).
fn examples(text: &str) -> Vec<(usize, bool, Vec<String>)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let rest = line.trim().strip_prefix("<!-- example")?.strip_suffix("-->")?;
            let (stderr, rest) = match rest.strip_prefix(" (stderr)") {
                Some(r) => (true, r),
                None => (false, rest),
            };
            let command = rest.trim_start_matches(':').trim().strip_prefix("plan-check")?;
            Some((i, stderr, command.split_whitespace().map(String::from).collect()))
        })
        .collect()
}

#[test]
fn the_examples_of_docs_output_md_are_what_the_commands_print() {
    let path = root().join("docs/output.md");
    let text = std::fs::read_to_string(&path).expect("docs/output.md");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let found = examples(&text);
    assert!(found.len() >= 6, "docs/output.md has an example per format");
    let mut stale = Vec::new();
    // From the last example up, so that rewriting a block keeps the earlier line numbers.
    for (marker, stderr, args) in found.into_iter().rev() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&args);
        let printed = if stderr { &r.stderr } else { &r.stdout };
        let open = marker + 1;
        assert!(lines[open].starts_with("```"), "a code block follows the example at line {}", marker + 1);
        let close = open + 1 + lines[open + 1..].iter().position(|l| l == "```").expect("the block closes");
        let shown = lines[open + 1..close].join("\n");
        if shown != printed.trim_end_matches('\n') {
            stale.push(format!("plan-check {}", args.join(" ")));
            lines.splice(open + 1..close, printed.lines().map(String::from));
        }
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, lines.join("\n") + "\n").expect("docs/output.md is writable");
    } else {
        assert!(
            stale.is_empty(),
            "docs/output.md shows stale output for {stale:?}; run UPDATE_DOCS=1 cargo test --test docs"
        );
    }
}
