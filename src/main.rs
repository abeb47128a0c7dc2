//! The `plan-check` binary: parse the command line, run the library, map the outcome to an exit code.

#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use plan_check::{Console, Outcome, cli::Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang();
    let stdout = std::io::stdout();
    let console = console(stdout.is_terminal());
    // Buffered: a locked stdout alone flushes at every newline, a write call per line of JSON.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut err = std::io::stderr();
    let result = plan_check::run(cli, console, &mut out, &mut err).and_then(|o| {
        out.flush()?;
        Ok(o)
    });
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "{}{e:#}", plan_check::labels::error_prefix(lang));
            ExitCode::from(2)
        }
    }
}

/// `plan-check eval … | head` closes the pipe early; that is not an error. The csv writer's error hides
/// the I/O error it wraps from `source()`, whether it comes bare or inside an `io::Error`, so it is looked
/// into as well.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    fn broken(cause: &(dyn std::error::Error + 'static)) -> bool {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::BrokenPipe || io.get_ref().is_some_and(|inner| broken(inner));
        }
        cause
            .downcast_ref::<csv::Error>()
            .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
    }
    e.chain().any(broken)
}

/// Where standard output goes: a terminal's width from `COLUMNS` when set (so a test or a script
/// can fix it), else from the terminal itself.
fn console(tty: bool) -> Console {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|&c| c > 0);
    let width = tty.then(|| columns.or_else(|| comfy_table::Table::new().width()).unwrap_or(80));
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Console { tty, width, no_color }
}
