//! Runs the real binary from the repository root, and reports the command, its output and its
//! status when an expectation fails.

#![allow(dead_code)]

pub mod word;

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub cmd: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code of `{}`\n--- stdout\n{}\n--- stderr\n{}",
            self.cmd, self.stdout, self.stderr
        );
        self
    }

    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout of `{}` lacks {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.cmd,
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(self.stderr.contains(needle), "stderr of `{}` lacks {needle:?}\n--- stderr\n{}", self.cmd, self.stderr);
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("`{}` printed no JSON ({e}):\n{}", self.cmd, self.stdout))
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `plan-check ARGS` in the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

/// Runs `plan-check ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with_stdin(dir, args, None)
}

pub fn run_with_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plan-check"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1").env("COLUMNS", "200").env_remove("GITHUB_STEP_SUMMARY");
    cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("the binary starts");
    {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("stdin takes the bytes");
        }
    }
    let out = child.wait_with_output().expect("the binary finishes");
    Run {
        cmd: format!("plan-check {}", args.join(" ")),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A problem of a `validate --format json` document as (code, line, column, found, expected).
pub type Found = (String, Option<u64>, Option<u64>, String, String);

/// The problems of a `validate --format json` document, in order.
pub fn problems(doc: &serde_json::Value) -> Vec<Found> {
    doc["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or_default().to_string();
            (s("code"), p["line"].as_u64(), p["column"].as_u64(), s("found"), s("expected"))
        })
        .collect()
}

/// `validate --format json --lang en` run in `dir`: the run and its JSON document.
pub fn validate_json(dir: &Path, args: &[&str]) -> (Run, serde_json::Value) {
    let r = run_in(dir, &[&["validate", "--format", "json", "--lang", "en"], args].concat());
    let doc = r.json();
    (r, doc)
}

/// The problems of a validation of workbook fixtures, apart from `ratio-without-parts`: those sheets
/// give an area's share without its 分子/分母 on purpose, to test the reader, not the city's aggregation.
pub fn sheet_problems(doc: &serde_json::Value) -> Vec<Found> {
    problems(doc).into_iter().filter(|p| p.0 != "ratio-without-parts").collect()
}

/// A file refused whole: `validate` of `name` in `dir` exits 1 with exactly one problem, of `code`.
/// Returns that problem and the document, for the caller's own checks of its words.
pub fn sole_problem(dir: &Path, name: &str, code: &str) -> (Found, serde_json::Value) {
    let (r, doc) = validate_json(dir, &[name]);
    r.code(1);
    let mut p = sheet_problems(&doc);
    assert_eq!((p.len(), p.first().map(|f| f.0.as_str())), (1, Some(code)), "{name}: {doc:#}");
    (p.remove(0), doc)
}
