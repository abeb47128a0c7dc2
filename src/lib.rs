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
pub mod cli;
mod cmd;
pub mod evaluate;
pub mod labels;
pub mod lang;
pub mod load;
pub mod output;
pub mod problem;
pub mod progress;
pub mod report;
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
/// (exit 2).
pub fn run(cli: cli::Cli, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    match cli.command {
        cli::Command::Eval(args) => cmd::eval::run(&args, console, out, err),
        cli::Command::Validate(args) => cmd::validate::run(&args, console, out, err),
        cli::Command::Rank(args) => cmd::rank::run(&args, console, out, err),
        cli::Command::Trend(args) => cmd::trend::run(&args, console, out, err),
        cli::Command::Indicators(args) => cmd::indicators::run(&args, console, out, err),
        cli::Command::Template(args) => cmd::template::run(&args, out, err),
        cli::Command::CheckCatalog(args) => cmd::check_catalog::run(&args, out, err),
        cli::Command::Completions(args) => cmd::completions::run(&args, out),
        cli::Command::Report(args) => cmd::report::run(&args, out, err),
    }
}
