//! A reader that stops early (`plan-check … | head`) is not an error: exit 0 and nothing on standard error,
//! whatever the format writes with.

use std::process::{Command, Stdio};

/// Runs `plan-check ARGS` with its standard output closed before it writes; returns the exit code and
/// standard error.
fn with_closed_stdout(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plan-check"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("the binary finishes");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    for args in [
        &["indicators", "--format", "csv"][..],
        &["indicators", "--format", "json"],
        &["indicators"],
        &["template", "--year", "2023"],
        &["eval", "data/2023.csv", "--format", "json", "--fail-on", "never"],
        &["completions", "bash"],
    ] {
        let (code, stderr) = with_closed_stdout(args);
        assert_eq!((code, stderr.as_str()), (0, ""), "plan-check {}", args.join(" "));
    }
}
