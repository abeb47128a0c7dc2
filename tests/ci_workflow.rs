//! The GitHub workflow of docs/ci.md does what the page says: its `run:` lines, run in a scratch git
//! repository with a base branch and a pull request, annotate the changed data files' problems, leave the
//! unchanged files alone and pass a pull request that changes no data file.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The workflow file shown in docs/ci.md: its first `yaml` block.
fn workflow() -> String {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).expect("docs/ci.md");
    let start = doc.find("```yaml\n").expect("docs/ci.md shows a workflow") + "```yaml\n".len();
    let end = start + doc[start..].find("```").expect("the workflow block closes");
    doc[start..end].to_string()
}

/// The scripts of the workflow's `run:` keys, in order: a one-line `run: cmd`, or the indented lines
/// under `run: |`.
fn run_steps(workflow: &str) -> Vec<String> {
    let lines: Vec<&str> = workflow.lines().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let key_indent = line.len() - line.trim_start().len();
        let key = line.trim_start().trim_start_matches("- ");
        i += 1;
        // `run:` with nothing after it is a mapping (`defaults: run: shell: bash`), not a step.
        let Some(value) = key.strip_prefix("run:").filter(|v| !v.trim().is_empty()) else { continue };
        if value.trim() != "|" {
            steps.push(value.trim().to_string());
            continue;
        }
        let mut script = Vec::new();
        while i < lines.len()
            && (lines[i].trim().is_empty() || lines[i].len() - lines[i].trim_start().len() > key_indent)
        {
            script.push(lines[i]);
            i += 1;
        }
        let indent = script.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min();
        let indent = indent.unwrap_or(0);
        steps.push(script.iter().map(|l| l.get(indent..).unwrap_or("")).collect::<Vec<_>>().join("\n"));
    }
    steps
}

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn git(&self, args: &[&str]) {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "area")
            .env("GIT_AUTHOR_EMAIL", "area@example.org")
            .env("GIT_COMMITTER_NAME", "area")
            .env("GIT_COMMITTER_EMAIL", "area@example.org")
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn put(&self, path: &str, from: &str) {
        self.write(path, &std::fs::read(root().join(from)).expect("read a file of the project"));
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        let to = self.dir.path().join(path);
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("create the folder");
        std::fs::write(to, bytes).expect("write a file into the repository");
    }

    /// A repository whose `main` (also `origin/main`, as actions/checkout leaves it) holds the catalogue
    /// and an invalid file already accepted, with branch `pr` checked out on top of it.
    fn with_base() -> Repo {
        let repo = Repo { dir: tempfile::tempdir().expect("a temporary folder") };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.put("indicators.toml", "indicators.toml");
        repo.put("submissions/old-2023.csv", "tests/data/intake/problems/not-a-number-2023.csv");
        repo.git(&["add", "."]);
        repo.git(&["commit", "-q", "-m", "base"]);
        repo.git(&["update-ref", "refs/remotes/origin/main", "HEAD"]);
        repo.git(&["checkout", "-q", "-b", "pr"]);
        repo
    }

    fn commit(&self) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", "pull request"]);
    }

    /// Runs the workflow's steps as GitHub runs a `shell: bash` step, the built binary standing in for
    /// the one `cargo install` would put on PATH.
    fn run_workflow(&self) -> (i32, String) {
        let bin = Path::new(env!("CARGO_BIN_EXE_plan-check")).parent().expect("the binary's folder").to_path_buf();
        let path = std::env::join_paths(
            std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
        )
        .expect("a PATH");
        let mut log = String::new();
        for script in run_steps(&workflow()).iter().filter(|s| !s.starts_with("cargo ")) {
            let out = Command::new("bash")
                .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
                .current_dir(self.dir.path())
                .env("PATH", &path)
                .env("GITHUB_BASE_REF", "main")
                .env("NO_COLOR", "1")
                .output()
                .expect("bash runs");
            log.push_str(&String::from_utf8_lossy(&out.stdout));
            log.push_str(&String::from_utf8_lossy(&out.stderr));
            let code = out.status.code().unwrap_or(-1);
            if code != 0 {
                return (code, log);
            }
        }
        (0, log)
    }
}

/// One area's file, as 晋江市 sends it: valid.
const JINJIANG_2023: &str =
    "县市区,指标,数值,年份\n晋江市,forest_coverage,40.1,2023\n晋江市,green_village_share,75.2,2023\n";

#[test]
fn the_workflow_installs_plan_check_and_runs_it() {
    let steps = run_steps(&workflow());
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert_eq!(steps[0], "cargo install --locked --path .", "the install step is the README's, with --locked");
    assert!(steps[1].contains("plan-check validate --format github"), "{}", steps[1]);
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(readme.contains("cargo install --path ."), "README.md installs with `cargo install --path .`");
}

#[test]
fn a_pull_request_with_an_invalid_file_fails_with_annotations_on_it() {
    let repo = Repo::with_base();
    repo.write("submissions/晋江市 2023.csv", JINJIANG_2023.as_bytes());
    repo.put("submissions/bad-2023.csv", "tests/data/intake/problems/unknown-county-2023.csv");
    repo.put("notes.txt", "data/README.md");
    repo.commit();
    let (code, log) = repo.run_workflow();
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("::error file=submissions/bad-2023.csv,line=2,col=1,title=unknown-county::"),
        "no annotation on the bad file:\n{log}"
    );
    assert!(!log.contains("old-2023.csv"), "a file the pull request did not change was checked:\n{log}");
    assert!(!log.contains("晋江市 2023.csv"), "the valid file drew a problem:\n{log}");
}

#[test]
fn a_pull_request_with_valid_files_passes() {
    let repo = Repo::with_base();
    repo.write("submissions/晋江市 2023.csv", JINJIANG_2023.as_bytes());
    repo.put("submissions/2022.csv", "data/2022.csv");
    repo.commit();
    let (code, log) = repo.run_workflow();
    assert_eq!(code, 0, "{log}");
    assert!(!log.contains("::error"), "{log}");
}

#[test]
fn a_pull_request_without_data_files_passes() {
    let repo = Repo::with_base();
    repo.put("notes.txt", "data/README.md");
    std::fs::remove_file(repo.dir.path().join("submissions/old-2023.csv")).expect("delete a file");
    repo.commit();
    let (code, log) = repo.run_workflow();
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("no data file changed"), "{log}");
}
