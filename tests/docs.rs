//! The documentation tells the truth: every example command in README.md and docs/ runs against the built
//! binary, every output it shows is what the program prints, every relative link resolves, the README
//! stays short and CI runs the README's test command.
//!
//! How an example is written so that this test runs it:
//! - a fenced `sh` block (or `bash`, `shell`): each line is a command (a leading `$ ` is dropped, a `\`
//!   at the end continues it); `plan-check …` must exit 0 or 1 (it ran), anything else 0, unless the
//!   line ends with a comment `# exit N`, which pins the code (an example of an error exits 2);
//! - a `console` block, or a `text` block whose first line starts with `$ `: `$ command` lines, each
//!   followed by the standard output it prints, compared line by line; a line holding only `…` stands for
//!   any number of lines. `UPDATE_DOCS=1 cargo test --test docs` rewrites the outputs of the blocks with
//!   no `…`.
//! - `cargo run --release -- ARGS` runs as `plan-check ARGS`; other `cargo …` lines (building and testing
//!   this project) are not run here.
//!
//! The commands run in bash with the binary first on PATH, in a copy of the repository (so files they
//! write go nowhere), with HOME in that copy, `NO_COLOR=1` and `COLUMNS=100`. The files of one document
//! share a copy and run in order, so a later example can read what an earlier one wrote.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

/// The largest README, in bytes: a newcomer reads it in minutes and finds the rest in docs/.
const README_MAX_BYTES: usize = 12 * 1024;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file under docs/, as paths relative to the repository root.
fn documents() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path.strip_prefix(root()).expect("under the root").to_path_buf());
            }
        }
    }
    let mut found = vec![PathBuf::from("README.md")];
    walk(&root().join("docs"), &mut found);
    found[1..].sort();
    found
}

fn read(doc: &Path) -> String {
    std::fs::read_to_string(root().join(doc)).unwrap_or_else(|e| panic!("cannot read {}: {e}", doc.display()))
}

/// A fenced code block: its language, the line its content starts on, the byte range of its content.
struct Block {
    lang: String,
    first_line: usize,
    content: std::ops::Range<usize>,
}

fn code_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize)> = None;
    let mut content: Option<std::ops::Range<usize>> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                let info = lang.split_whitespace().next().unwrap_or("").to_string();
                open = Some((info, range.start));
                content = None;
            }
            Event::Text(_) if open.is_some() => {
                content = Some(content.map_or(range.clone(), |c| c.start..range.end));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, fence)) = open.take() {
                    let body = content.take().unwrap_or(range.end..range.end);
                    let first_line = text[..fence].matches('\n').count() + 2;
                    blocks.push(Block { lang, first_line, content: body });
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The commands of a shell block with their line numbers: continuation lines joined, blanks and comments
/// left out, a leading `$ ` dropped.
fn shell_lines(code: &str, first_line: usize) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in code.lines().enumerate() {
        let line = raw.trim();
        let (start, mut joined) = pending.take().unwrap_or((first_line + i, String::new()));
        if let Some(head) = line.strip_suffix('\\') {
            joined.push_str(head);
            pending = Some((start, joined));
            continue;
        }
        joined.push_str(line);
        let command = joined.strip_prefix("$ ").unwrap_or(&joined).trim().to_string();
        if !command.is_empty() && !command.starts_with('#') {
            lines.push((start, command));
        }
    }
    lines
}

/// What to do with one example line: run it (as this shell command), or leave it to the developer.
fn runnable(command: &str) -> Option<String> {
    if let Some(args) = command.strip_prefix("cargo run --release -- ") {
        return Some(format!("plan-check {args}"));
    }
    if command == "cargo" || command.starts_with("cargo ") {
        return None;
    }
    Some(command.to_string())
}

struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A scratch copy of the repository (its sources, data and docs; not target/ or .git) to run examples in.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        fn copy(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).expect("create a folder in the sandbox");
            for entry in std::fs::read_dir(from).expect("read a folder").flatten() {
                let name = entry.file_name();
                if name == "target" || name == ".git" {
                    continue;
                }
                let path = entry.path();
                if path.is_dir() {
                    copy(&path, &to.join(&name));
                } else {
                    std::fs::copy(&path, to.join(&name)).expect("copy a file into the sandbox");
                }
            }
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy(&root(), dir.path());
        Sandbox { dir }
    }

    fn run(&self, command: &str) -> Outcome {
        let bin = Path::new(env!("CARGO_BIN_EXE_plan-check")).parent().expect("the binary's folder").to_path_buf();
        let path = std::env::join_paths(
            std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )
        .expect("a PATH");
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-o", "pipefail", "-c", command])
            .current_dir(self.dir.path())
            .env("PATH", path)
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("bash runs");
        Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// An exit code the example may end with: the one its `# exit N` comment names; else plan-check's 1 is
/// "findings", a result, and other tools must succeed.
fn ran(command: &str, code: i32) -> bool {
    match pinned_exit_code(command) {
        Some(expected) => code == expected,
        None => code == 0 || (code == 1 && command.starts_with("plan-check")),
    }
}

fn pinned_exit_code(command: &str) -> Option<i32> {
    let (_, tail) = command.rsplit_once("# exit ")?;
    tail.trim().parse().ok()
}

fn failure(doc: &Path, line: usize, command: &str, out: &Outcome, why: &str) -> String {
    format!(
        "{}:{line}: `{command}` {why} (exit {})\n--- stdout\n{}--- stderr\n{}",
        doc.display(),
        out.code,
        tail(&out.stdout),
        tail(&out.stderr)
    )
}

fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let shown = &lines[lines.len().saturating_sub(15)..];
    shown.iter().map(|l| format!("{l}\n")).collect()
}

/// A transcript: `$ command` lines, each with the output shown under it.
struct Transcript {
    steps: Vec<(usize, String, Vec<String>)>,
}

fn is_transcript(block: &Block, code: &str) -> bool {
    matches!(block.lang.as_str(), "console" | "shell-session")
        || (matches!(block.lang.as_str(), "text" | "") && code.starts_with("$ "))
}

fn transcript(code: &str, first_line: usize) -> Transcript {
    let mut steps: Vec<(usize, String, Vec<String>)> = Vec::new();
    for (i, line) in code.lines().enumerate() {
        match line.strip_prefix("$ ") {
            Some(command) => steps.push((first_line + i, command.trim().to_string(), Vec::new())),
            None => match steps.last_mut() {
                Some(step) => step.2.push(line.to_string()),
                None => steps.push((first_line + i, String::new(), vec![line.to_string()])),
            },
        }
    }
    Transcript { steps }
}

/// Whether `actual` is what `shown` shows: equal lines (trailing blanks aside), `…` for any run of lines.
fn matches(shown: &[String], actual: &[&str]) -> bool {
    let norm = |s: &str| s.trim_end().to_string();
    match shown.split_first() {
        None => actual.iter().all(|l| l.trim().is_empty()),
        Some((first, rest)) if first.trim() == "…" => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((first, rest)) => match actual.split_first() {
            Some((a, more)) => norm(a) == norm(first) && matches(rest, more),
            None => shown.iter().all(|l| l.trim().is_empty()),
        },
    }
}

/// Runs the examples of one document; returns the failures and, for UPDATE_DOCS, the rewritten text.
fn check_document(doc: &Path, update: bool) -> (Vec<String>, Option<String>) {
    let text = read(doc);
    let sandbox = Sandbox::new();
    let mut failures = Vec::new();
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for block in code_blocks(&text) {
        let code = &text[block.content.clone()];
        if matches!(block.lang.as_str(), "sh" | "bash" | "shell") {
            for (line, command) in shell_lines(code, block.first_line) {
                let Some(command) = runnable(&command) else { continue };
                let out = sandbox.run(&command);
                if !ran(&command, out.code) {
                    failures.push(failure(doc, line, &command, &out, "did not run"));
                }
            }
        } else if is_transcript(&block, code) {
            let mut rewritten = String::new();
            let mut elided = false;
            for (line, command, shown) in transcript(code, block.first_line).steps {
                let Some(run) = runnable(&command).filter(|c| !c.is_empty()) else {
                    failures.push(format!("{}:{line}: output shown under no `$ command`", doc.display()));
                    continue;
                };
                let out = sandbox.run(&run);
                elided |= shown.iter().any(|l| l.trim() == "…");
                let actual: Vec<&str> = out.stdout.lines().collect();
                if !ran(&run, out.code) {
                    failures.push(failure(doc, line, &command, &out, "did not run"));
                } else if !matches(&shown, &actual) && !update {
                    failures.push(failure(doc, line, &command, &out, "printed something else than the document shows"));
                }
                rewritten.push_str(&format!("$ {command}\n{}", out.stdout));
            }
            if update && !elided {
                edits.push((block.content.clone(), rewritten));
            } else if update && elided {
                eprintln!("{}:{}: not rewritten (it elides lines with …)", doc.display(), block.first_line);
            }
        }
    }
    let updated = (!edits.is_empty()).then(|| {
        let mut new = text.clone();
        for (range, replacement) in edits.into_iter().rev() {
            new.replace_range(range, &replacement);
        }
        new
    });
    (failures, updated)
}

#[test]
fn every_example_runs_and_prints_what_is_shown() {
    let update = std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for doc in documents() {
        let (mut found, updated) = check_document(&doc, update);
        failures.append(&mut found);
        if let Some(text) = updated {
            std::fs::write(root().join(&doc), text).expect("rewrite the document");
        }
    }
    assert!(failures.is_empty(), "{} example(s) failed:\n\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_documents_have_examples_to_run() {
    // A block in another language, or a misspelt fence, would silently drop out of the test above.
    let mut commands = 0;
    for doc in documents() {
        let text = read(&doc);
        for block in code_blocks(&text) {
            let code = &text[block.content.clone()];
            if matches!(block.lang.as_str(), "sh" | "bash" | "shell") {
                commands += shell_lines(code, 0).len();
            } else if is_transcript(&block, code) {
                commands += transcript(code, 0).steps.len();
            }
        }
    }
    assert!(commands >= 20, "only {commands} example commands in README.md and docs/");
}

#[test]
fn a_changed_example_fails() {
    let sandbox = Sandbox::new();
    let good = sandbox.run("plan-check eval data/2023.csv --fail-on never");
    assert!(ran("plan-check", good.code), "{}", good.stderr);
    for wrong in [
        "plan-check eval data/2023.csv --fail-on sometimes",
        "plan-check eval data/2019.csv",
        "plan-check evaluate",
        "plan-check eval data/2023.csv --year 2023   # exit 2",
    ] {
        let out = sandbox.run(wrong);
        assert!(!ran(wrong, out.code), "`{wrong}` was taken as a working example");
    }
    let error = "plan-check eval data/2023.csv --year 2021   # exit 2";
    assert!(ran(error, sandbox.run(error).code), "a pinned exit code of 2 was not accepted");
    let shown = vec!["汇总".to_string(), "…".to_string()];
    assert!(!matches(&shown, &good.stdout.lines().collect::<Vec<_>>()), "a wrong first line matched");
    let first = good.stdout.lines().next().expect("eval prints").to_string();
    assert!(matches(&[first, "…".to_string()], &good.stdout.lines().collect::<Vec<_>>()));
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H6 => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    let base = slug(&h);
                    let mut name = base.clone();
                    let mut n = 0;
                    while found.contains(&name) {
                        n += 1;
                        name = format!("{base}-{n}");
                    }
                    found.insert(name);
                }
            }
            _ => {}
        }
    }
    found
}

fn links(text: &str) -> Vec<String> {
    Parser::new(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_relative_link_resolves() {
    let mut broken = Vec::new();
    let mut documents = documents();
    documents.push(PathBuf::from("data/README.md"));
    for doc in documents.iter().filter(|d| root().join(d).exists()) {
        let text = read(doc);
        for link in links(&text) {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = link.split_once('#').map_or((link.as_str(), None), |(p, a)| (p, Some(a)));
            let target = if path.is_empty() { doc.clone() } else { doc.parent().unwrap_or(Path::new("")).join(path) };
            let full = root().join(&target);
            if !full.exists() {
                broken.push(format!("{}: {link} (no file {})", doc.display(), target.display()));
            } else if let Some(anchor) = anchor.filter(|_| full.extension().is_some_and(|e| e == "md")) {
                let text = std::fs::read_to_string(&full).unwrap_or_default();
                if !anchors(&text).contains(anchor) {
                    broken.push(format!("{}: {link} (no heading #{anchor} in {})", doc.display(), target.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn anchors_are_spelt_as_github_spells_them() {
    let text = "# The body's tasks (`--all`)\n## Exit codes\n## Exit codes\n## 序时进度 and `trend`\n";
    let found = anchors(text);
    for anchor in ["the-bodys-tasks---all", "exit-codes", "exit-codes-1", "序时进度-and-trend"] {
        assert!(found.contains(anchor), "{anchor} not in {found:?}");
    }
}

#[test]
fn readme_is_short() {
    let size = read(Path::new("README.md")).len();
    assert!(size <= README_MAX_BYTES, "README.md is {size} bytes; move detail into docs/ (limit {README_MAX_BYTES})");
}

#[test]
fn readme_points_into_docs() {
    let readme = read(Path::new("README.md"));
    let linked: BTreeSet<String> = links(&readme).into_iter().filter(|l| l.starts_with("docs/")).collect();
    for doc in documents().iter().skip(1) {
        let name = doc.to_string_lossy().into_owned();
        assert!(linked.iter().any(|l| l.split('#').next() == Some(name.as_str())), "README.md does not link {name}");
    }
}

#[test]
fn ci_runs_the_readmes_test_command() {
    let readme = read(Path::new("README.md"));
    let setup = code_blocks(&readme)
        .into_iter()
        .find(|b| b.lang == "sh")
        .map(|b| shell_lines(&readme[b.content.clone()], 0))
        .expect("README.md has a set-up block");
    let commands: Vec<String> =
        setup.iter().map(|(_, c)| c.split(" #").next().unwrap_or("").trim().to_string()).collect();
    assert!(commands.contains(&"cargo run --release -- eval data/2023.csv".to_string()), "{commands:?}");
    assert!(commands.contains(&"cargo test".to_string()), "{commands:?}");
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test --locked"),
        ".ci/run must run the README's `cargo test` (with --locked)"
    );
}
