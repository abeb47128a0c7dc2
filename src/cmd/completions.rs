//! `plan-check completions SHELL`: a completion script generated from the same clap definitions as `--help`.

use std::io::Write;

use clap::CommandFactory;

use crate::Outcome;
use crate::cli::{Cli, CompletionShell};

pub fn run(shell: CompletionShell, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    // clap_complete panics on a write error, so the script is built in memory and a closed pipe stays an
    // ordinary error.
    let mut script = Vec::new();
    clap_complete::generate(shell.generator(), &mut Cli::command(), "plan-check", &mut script);
    if shell == CompletionShell::Bash {
        script = fix_bash_states(&String::from_utf8_lossy(&script)).into_bytes();
    }
    out.write_all(&script)?;
    Ok(Outcome::Clean)
}

/// clap_complete's bash script spells a subcommand's state `plan__check__subcmd__eval` where it walks the
/// words and `plan__subcmd__check__subcmd__eval` in the arms that complete its flags, so with a hyphen in
/// the binary's name no flag of any subcommand completes (clap-rs/clap#6421, open). Spelling the arms as
/// the walk does restores them; once clap_complete is fixed the pattern no longer occurs.
fn fix_bash_states(script: &str) -> String {
    script
        .replace("plan__subcmd__check__subcmd__", "plan__check__subcmd__")
        .replace("plan__subcmd__check)", "plan__check)")
}
