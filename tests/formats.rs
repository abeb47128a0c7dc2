//! Every format a command's `--help` lists works for that command: each command that has a `--format`
//! is run with each of its formats, to standard output and to `-o FILE`, and must finish (exit 0 or 1)
//! with output. The list is read from the clap definitions, so a format added to a command's list is
//! run here without a change to this test; a command with a `--format` this test does not know fails it.

mod common;

use clap::CommandFactory;
use common::run_in;
use plan_check::cli::Cli;
use plan_check::output::Format;

/// The arguments each command is run with: inputs that give every format something to write (the
/// catalogue's warnings for check-catalog's annotations, a problem in the data for validate's).
fn base_args(command: &str) -> Option<Vec<&'static str>> {
    Some(match command {
        "eval" => vec!["eval", "data/2023.csv"],
        "validate" => vec!["validate", "tests/data/intake/crlf-2023.csv"],
        "diff" => vec!["diff", "data/2022.csv", "--against", "data/2023.csv"],
        "rank" => vec!["rank", "data/2023.csv", "--indicator", "forest_coverage"],
        "trend" => vec!["trend", "data/2021.csv", "data/2022.csv", "data/2023.csv"],
        "indicators" => vec!["indicators"],
        "template" => vec!["template", "--year", "2023"],
        "check-catalog" => vec!["check-catalog", "tests/data/check/warnings.toml"],
        "report" => vec!["report", "data/2023.csv"],
        _ => return None,
    })
}

/// The formats `--help` lists for a command's `--format` (hidden aliases left out).
fn listed_formats(sub: &clap::Command) -> Vec<String> {
    let Some(format) = sub.get_arguments().find(|a| a.get_id() == "format") else { return Vec::new() };
    format.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect()
}

#[test]
fn every_listed_format_works_for_its_command() {
    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let mut cli = Cli::command();
    cli.build();
    let mut ran = 0;
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let formats = listed_formats(sub);
        if formats.is_empty() {
            continue;
        }
        let name = sub.get_name();
        let base = base_args(name).unwrap_or_else(|| panic!("tests/formats.rs does not know how to run {name}"));
        for format in &formats {
            let path = dir.path().join(format!("{name}-{format}.out"));
            let path = path.to_str().unwrap();
            let to_file = run_in(&root, &[&base[..], &["--format", format, "-o", path]].concat());
            assert!(matches!(to_file.code, 0 | 1), "{}: exit {}\n{}", to_file.cmd, to_file.code, to_file.stderr);
            let written = std::fs::read(path).unwrap_or_default();
            assert!(!written.is_empty(), "{}: wrote nothing", to_file.cmd);
            if name == "report" {
                // A document needs its file (-o is required).
                continue;
            }
            let piped = run_in(&root, &[&base[..], &["--format", format]].concat());
            if name == "template" && format == "xlsx" {
                // A workbook template needs a file: refused on standard output, as --help says.
                piped.code(2);
                continue;
            }
            assert!(matches!(piped.code, 0 | 1), "{}: exit {}\n{}", piped.cmd, piped.code, piped.stderr);
            assert!(!piped.stdout.is_empty(), "{}: printed nothing", piped.cmd);
            ran += 1;
        }
    }
    // eval, rank, trend, indicators: every result format; validate and diff every format; check-catalog its
    // three; template its csv (its xlsx needs a file).
    let expected = Format::RESULTS.len() * 4 + Format::PROBLEMS.len() + Format::DIFF.len() + Format::FINDINGS.len() + 1;
    assert_eq!(ran, expected, "a command or format went missing from --help");
}

#[test]
fn a_command_lists_only_what_it_writes() {
    let cli = Cli::command();
    let formats = |name: &str| listed_formats(cli.find_subcommand(name).unwrap());
    let names = |list: &[Format]| list.iter().map(|f| f.name().to_string()).collect::<Vec<_>>();
    for command in ["eval", "rank", "trend", "indicators"] {
        assert_eq!(formats(command), names(Format::RESULTS), "{command}");
    }
    assert_eq!(formats("validate"), names(Format::PROBLEMS));
    assert!(formats("validate").contains(&"github".to_string()) && !formats("eval").contains(&"github".to_string()));
    assert_eq!(formats("check-catalog"), ["table", "json", "github"]);
    assert_eq!(formats("template"), ["csv", "xlsx"]);
    assert_eq!(formats("report"), ["docx", "html"]);
    // A format the command does not write is refused by name, before anything runs.
    let root = common::root();
    run_in(&root, &["eval", "data/2023.csv", "--format", "github"]).code(2).stderr_has("invalid value 'github'");
    run_in(&root, &["template", "--year", "2023", "--format", "json"]).code(2).stderr_has("invalid value 'json'");
    // Nor is it taken from -o's extension.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("findings.csv");
    run_in(&root, &["check-catalog", "tests/data/check/warnings.toml", "-o", out.to_str().unwrap(), "--lang", "en"])
        .code(2)
        .stderr_has("this command writes table, json, github, not csv; add --format");
    assert!(!out.exists());
}
