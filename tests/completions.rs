//! `plan-check completions SHELL` prints a script that each shell accepts and that completes the commands,
//! their flags and the flags' values.

mod common;

use std::process::Command;

use common::run;

/// Sources the bash script and asks it to complete `words`, the last being the word under the cursor.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = run(&["completions", "bash"]).code(0).stdout.clone();
    let cword = words.len() - 1;
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let probe = format!(
        "{script}\nCOMP_WORDS=({}); COMP_CWORD={cword}; _plan__check plan-check '{}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words[cword],
    );
    let out = Command::new("bash").args(["--noprofile", "--norc", "-c", &probe]).output().expect("bash runs");
    assert!(out.status.success(), "bash failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[test]
fn bash_completes_commands() {
    assert_eq!(bash_completes(&["plan-check", "ev"]), ["eval"]);
    assert_eq!(bash_completes(&["plan-check", "check"]), ["check-catalog"]);
}

#[test]
fn bash_completes_the_flags_of_a_command() {
    assert_eq!(bash_completes(&["plan-check", "eval", "--fail"]), ["--fail-on"]);
    assert_eq!(bash_completes(&["plan-check", "check-catalog", "--st"]), ["--strict"]);
}

#[test]
fn bash_completes_the_values_of_a_flag() {
    assert_eq!(
        bash_completes(&["plan-check", "eval", "--fail-on", ""]),
        ["binding", "any", "never", "overdue-projects"]
    );
    assert_eq!(bash_completes(&["plan-check", "completions", "p"]), ["powershell"]);
}

/// Checks a script's syntax with the shell itself. The shell must be installed: a test that needs zsh or
/// fish is `#[ignore]`d, and `.ci/run` installs both and runs the ignored tests of this file.
fn shell_accepts(shell: &str, check: &[&str], ext: &str) {
    let script = run(&["completions", shell]).code(0).stdout.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("plan-check.{ext}"));
    std::fs::write(&path, &script).expect("write script");
    let out = Command::new(check[0])
        .args(&check[1..])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{} could not run ({e}); install it to run this test", check[0]));
    assert!(out.status.success(), "{} rejects the script: {}", check[0], String::from_utf8_lossy(&out.stderr));
}

#[test]
fn bash_accepts_its_script() {
    shell_accepts("bash", &["bash", "-n"], "bash");
}

#[test]
fn zsh_script_defines_the_completion() {
    let script = run(&["completions", "zsh"]).code(0).stdout.clone();
    assert!(script.starts_with("#compdef plan-check"), "{script:.200}");
    assert!(script.contains("--fail-on") && script.contains("check-catalog"));
}

#[test]
#[ignore = "needs zsh; .ci/run installs it and runs: cargo test --test completions -- --ignored"]
fn zsh_accepts_its_script() {
    shell_accepts("zsh", &["zsh", "-n"], "zsh");
}

#[test]
fn fish_script_completes_every_command() {
    let script = run(&["completions", "fish"]).code(0).stdout.clone();
    for command in
        ["eval", "validate", "rank", "trend", "indicators", "template", "check-catalog", "report", "completions"]
    {
        assert!(script.contains(&format!("-a \"{command}\"")), "fish script lacks {command}");
    }
}

#[test]
#[ignore = "needs fish; .ci/run installs it and runs: cargo test --test completions -- --ignored"]
fn fish_accepts_its_script() {
    shell_accepts("fish", &["fish", "--no-execute"], "fish");
}

#[test]
fn powershell_script_registers_a_completer() {
    let script = run(&["completions", "powershell"]).code(0).stdout.clone();
    assert!(script.contains("Register-ArgumentCompleter -Native -CommandName 'plan-check'"), "{script:.300}");
    assert!(script.contains("'--fail-on'") && script.contains("'check-catalog'"));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    run(&["completions", "tcsh"]).code(2).stderr_has("possible values: bash, zsh, fish, powershell");
}

#[test]
#[ignore = "needs fish; .ci/run installs it and runs: cargo test --test completions -- --ignored"]
fn fish_completes_the_values_of_a_flag() {
    let script = run(&["completions", "fish"]).code(0).stdout.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan-check.fish");
    std::fs::write(&path, &script).expect("write script");
    let probe = format!("source '{}'; complete -C 'plan-check eval --fail-on '", path.display());
    let out = Command::new("fish")
        .args(["--no-config", "-c", &probe])
        .output()
        .unwrap_or_else(|e| panic!("fish could not run ({e}); install it to run this test"));
    let values: Vec<String> =
        String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.split('\t').next()).map(str::to_string).collect();
    assert_eq!(values, ["any", "binding", "never", "overdue-projects"], "{}", String::from_utf8_lossy(&out.stderr));
}
