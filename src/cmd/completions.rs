//! `plan-check completions SHELL`: a completion script generated from the same clap definitions as `--help`.

use std::io::Write;

use clap::CommandFactory;

use crate::Outcome;
use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // clap_complete writes through `write_all` and panics on an I/O error, so the script is built in
    // memory first and a closed pipe stays an ordinary error.
    let mut script = Vec::new();
    clap_complete::generate(args.shell.generator(), &mut Cli::command(), "plan-check", &mut script);
    out.write_all(&script)?;
    Ok(Outcome::Clean)
}
