//! The GitHub workflow of docs/ci.md does what the page says: its `run:` lines, run in a scratch git
//! repository with a base branch and a pull request, annotate the changed data files' problems (another
//! area's rows, a binding indicator missing), leave the unchanged files alone, write a job summary with
//! the verdicts the pull request moves, and pass a pull request that changes no data file.

use std::path::{Path, PathBuf};

use plan_check::catalog::{Aggregate, AreaKind, Catalog, IndicatorType};
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
    /// Where the job summary goes (`GITHUB_STEP_SUMMARY`), outside the repository.
    summary: tempfile::TempDir,
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

    /// A repository whose `main` (also `origin/main`, as actions/checkout leaves it) holds the catalogue,
    /// every area's 2023 file in its folder (forest coverage 60 of 100, so the city's is 60%) and an
    /// invalid file already accepted, with branch `pr` checked out on top of it.
    fn with_base() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("a temporary folder"),
            summary: tempfile::tempdir().expect("a temporary folder"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.put("indicators.toml", "indicators.toml");
        repo.put("submissions/old-2023.csv", "tests/data/intake/problems/not-a-number-2023.csv");
        for area in areas() {
            repo.write(&format!("submissions/{area}/2023.csv"), area_file(&area, 60, 300).as_bytes());
        }
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

    fn summary(&self) -> String {
        std::fs::read_to_string(self.summary.path().join("summary.md")).unwrap_or_default()
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
                .env("GITHUB_STEP_SUMMARY", self.summary.path().join("summary.md"))
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

fn catalog() -> Catalog {
    Catalog::embedded().expect("the shipped catalogue is valid")
}

/// The reporting areas of the catalogue.
fn areas() -> Vec<String> {
    catalog().counties.iter().filter(|c| c.kind == AreaKind::Area).map(|c| c.name.clone()).collect()
}

/// An area's complete 2023 file: every binding indicator that applies to it (a ratio with its parts:
/// `forest` of 100 for forest coverage, 50 of 100 for the others, 50 for the rest) and its blue-sky days.
fn area_file(area: &str, forest: u32, blue_sky_days: u32) -> String {
    let c = catalog();
    let county = c.county(area).expect("an area of the catalogue");
    let mut text = "县市区,指标,数值,分子,分母,年份\n".to_string();
    for ind in c.indicators.iter().filter(|i| i.kind == IndicatorType::Binding && i.applies_to_area(county)) {
        let row = match (ind.id.as_str(), ind.aggregate) {
            ("forest_coverage", _) => format!("{area},{},,{forest},100,2023\n", ind.id),
            (_, Aggregate::Ratio) => format!("{area},{},,50,100,2023\n", ind.id),
            _ => format!("{area},{},50,,,2023\n", ind.id),
        };
        text.push_str(&row);
    }
    text.push_str(&format!("{area},blue_sky_days,{blue_sky_days},,,2023\n"));
    text
}

/// The job summary docs/ci.md shows, between its markers.
fn documented_summary() -> String {
    let doc = std::fs::read_to_string(root().join("docs/ci.md")).expect("docs/ci.md");
    let start = doc.find("<!-- summary -->\n").expect("a summary in docs/ci.md") + "<!-- summary -->\n".len();
    let end = doc.find("<!-- /summary -->").expect("the summary's end");
    doc[start..end].to_string()
}

#[test]
fn the_workflow_takes_plan_check_from_the_cache_and_runs_validate_and_diff() {
    let flow = workflow();
    let steps = run_steps(&flow);
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert_eq!(steps[0], "cargo install --locked --path .", "the install step is the README's, with --locked");
    assert!(flow.contains("uses: actions/cache@v4"), "the binary is cached");
    assert!(flow.contains("if: steps.plan-check.outputs.cache-hit != 'true'"), "a cache hit skips the install");
    assert!(steps[1].contains("plan-check validate --format github"), "{}", steps[1]);
    assert!(steps[1].contains("--area-from-filename") && steps[1].ends_with("--complete"), "{}", steps[1]);
    assert!(steps[2].contains("plan-check diff") && steps[2].contains("--format github"), "{}", steps[2]);
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(readme.contains("cargo install --path ."), "README.md installs with `cargo install --path .`");
}

#[test]
fn a_pull_request_with_an_invalid_file_fails_with_annotations_on_it() {
    let repo = Repo::with_base();
    repo.put("submissions/台商区/bad-2023.csv", "tests/data/intake/problems/unknown-county-2023.csv");
    repo.put("notes.txt", "data/README.md");
    repo.commit();
    let (code, log) = repo.run_workflow();
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains(
            "::error file=submissions/台商区/bad-2023.csv,line=2,col=1,title=unknown-county::county：发现“晋江巿”"
        ),
        "no annotation, in Chinese, on the bad file:\n{log}"
    );
    assert!(log.contains("无效："), "{log}");
    assert!(!log.contains("old-2023.csv"), "a file the pull request did not change was checked:\n{log}");
    assert!(repo.summary().contains("`unknown-county`"), "the job summary counts the problems:\n{}", repo.summary());
}

#[test]
fn a_file_with_another_areas_rows_fails_with_foreign_area() {
    let repo = Repo::with_base();
    let mut text = area_file("晋江市", 60, 310);
    text.push_str("石狮市,blue_sky_days,290,,,2023\n");
    repo.write("submissions/晋江市/2023.csv", text.as_bytes());
    repo.commit();
    let (code, log) = repo.run_workflow();
    assert_eq!(code, 1, "{log}");
    let line = text.lines().count();
    assert!(
        log.contains(&format!(
            "::error file=submissions/晋江市/2023.csv,line={line},title=foreign-area::county：发现“石狮市”"
        )),
        "{log}"
    );
}

#[test]
fn a_county_file_missing_a_binding_indicator_fails_under_complete() {
    let repo = Repo::with_base();
    let text: String = area_file("晋江市", 60, 310)
        .lines()
        .filter(|l| !l.contains(",pm25_central,"))
        .map(|l| format!("{l}\n"))
        .collect();
    repo.write("submissions/晋江市/2023.csv", text.as_bytes());
    repo.commit();
    let (code, log) = repo.run_workflow();
    assert_eq!(code, 1, "{log}");
    assert!(
        log.contains("::error file=submissions/晋江市/2023.csv,title=missing-indicator::pm25_central：发现“无此行”"),
        "{log}"
    );
    assert!(log.contains("2023 年晋江市的 pm25_central"), "{log}");
}

#[test]
fn a_valid_pull_request_passes_and_its_summary_holds_the_verdict_it_moves() {
    let repo = Repo::with_base();
    // 晋江市 revises its forest numerator, 60 → 10 of 100: the city's forest coverage falls from 60% to
    // (12 × 60 + 10) / 1300 = 56.15%, under the binding ≥58.7; and its blue-sky days, 300 → 310.
    repo.write("submissions/晋江市/2023.csv", area_file("晋江市", 10, 310).as_bytes());
    repo.commit();
    let (code, log) = repo.run_workflow();
    assert_eq!(code, 0, "{log}");
    assert!(!log.contains("::error"), "{log}");
    assert!(log.contains("有效：0个错误，0个警告"), "a valid file says so in the log:\n{log}");
    assert!(
        log.contains("::warning file=submissions/晋江市/2023.csv,line="),
        "the city's moved verdict is annotated at 晋江市's row:\n{log}"
    );
    let summary = repo.summary();
    assert!(summary.contains("| 12 森林覆盖率（%） | 全市（城市层面） |"), "{summary}");
    assert!(summary.contains("| 60 | 56.15 | submissions/晋江市/2023.csv:"), "{summary}");
    assert_eq!(summary, documented_summary(), "docs/ci.md shows the summary the workflow writes");
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
