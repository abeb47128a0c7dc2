//! The `plan-check` binary: parse the command line, run the library, map the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use plan_check::{Outcome, cli::Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Buffered: a locked stdout alone flushes at every newline, a write call per line of JSON.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut err = std::io::stderr();
    let result = plan_check::run(cli, &mut out, &mut err).and_then(|o| {
        out.flush()?;
        Ok(o)
    });
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `plan-check eval … | head` closes the pipe early; that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
