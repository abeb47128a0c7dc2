//! plan-check tells a city whether it is keeping the promises of its environmental plan.
//!
//! The pipeline, with I/O only at its ends:
//! 1. [`catalog`]: `indicators.toml` → a typed, validated model of the plan;
//! 2. [`load`]: data files → measurements, every problem with its file, line and column;
//! 3. [`evaluate`]: catalogue + measurements → verdicts (pure);
//! 4. [`output`]: verdicts → content (sheets, a document, records) → a table, JSON, CSV, Markdown or
//!    a workbook, written to any `impl Write`; every word in [`labels`]; [`report`]: the evaluation as
//!    a Word document or an HTML page.
//!
//! ARCHITECTURE.md draws the stack of modules and the rules that hold across them.
//!
//! [`run`] ties them together for the binary; the library itself never prints.

#![forbid(unsafe_code)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod aggregate;
pub mod catalog;
pub mod checks;
pub mod cli;
mod cmd;
pub mod compare;
pub mod evaluate;
pub mod labels;
pub mod lang;
pub mod load;
pub mod output;
pub mod problem;
pub mod progress;
pub mod report;
pub mod settings;
pub mod target;
pub mod targets_file;

use std::io::Write;

pub use lang::Lang;

/// What the binary knows of where standard output goes; the library asks nothing of the environment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Console {
    /// Standard output is a terminal.
    pub tty: bool,
    /// Its width in columns, when it is one.
    pub width: Option<u16>,
    /// `NO_COLOR` is set (and not empty).
    pub no_color: bool,
}

/// How a command ended, when it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing failing: exit 0.
    Clean,
    /// Findings (failing indicators, invalid data): exit 1.
    Findings,
}

/// Runs one command. Results go to `out` (fitted and coloured as `console` allows); warnings, problem
/// lists and the verdict line of an exit code 1 go to `err`. An `Err` means the command could not run
/// (exit 2); it is said in the command's `--lang`.
pub fn run(cli: cli::Cli, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let lang = cli.lang();
    let ran = settings::Settings::new(cli).and_then(|s| dispatch(&s, console, out, err));
    ran.map_err(|e| in_language(e, lang))
}

fn dispatch(
    settings: &settings::Settings,
    console: Console,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    use settings::Settings as S;
    match settings {
        S::Eval(s) => cmd::eval::run(s, console, out, err),
        S::Validate(s) => cmd::validate::run(s, console, out, err),
        S::Diff(s) => cmd::diff::run(s, console, out, err),
        S::Rank(s) => cmd::rank::run(s, console, out, err),
        S::Trend(s) => cmd::trend::run(s, console, out, err),
        S::Indicators(s) => cmd::indicators::run(s, console, out, err),
        S::Template(s) => cmd::template::run(s, out, err),
        S::CheckCatalog(s) => cmd::check_catalog::run(s, console, out, err),
        S::Report(s) => cmd::report::run(s, out, err),
        S::Completions(shell) => cmd::completions::run(*shell, out),
    }
}

/// An error of ours (a [`problem::Failure`], an invalid catalogue or targets file) said in `lang`, with
/// the causes under it (an I/O error's own words) after it as `{e:#}` shows them; any other error as it is.
fn in_language(e: anyhow::Error, lang: Lang) -> anyhow::Error {
    if lang == Lang::En {
        return e;
    }
    let said = if let Some(f) = e.downcast_ref::<problem::Failure>() {
        labels::failure(f, lang)
    } else if let Some(c) = e.downcast_ref::<catalog::CatalogError>() {
        labels::catalog_error(c, lang)
    } else if let Some(t) = e.downcast_ref::<targets_file::TargetsError>() {
        labels::targets_error(t, lang)
    } else {
        return e;
    };
    let causes = e.chain().skip(1).map(|c| c.to_string());
    anyhow::anyhow!(std::iter::once(said).chain(causes).collect::<Vec<_>>().join(": "))
}
