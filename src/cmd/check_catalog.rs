//! `plan-check check-catalog`: lints a catalogue written for this plan or another
//! ([`crate::catalog::check`]). Errors are everything the loader rejects; warnings are what it accepts
//! but `eval` cannot judge without more. `--strict` turns every warning into an error.

use std::io::Write;

use crate::catalog;
use crate::output::problems;
use crate::problem::Severity;
use crate::settings::CheckCatalog;
use crate::{Console, Outcome};

pub fn run(s: &CheckCatalog, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (text, plan) = s.read()?;
    let (catalog, mut found) = catalog::check(&text, &s.origin, plan.as_deref());
    if s.strict {
        found.iter_mut().for_each(|p| p.severity = Severity::Error);
    }
    let count = catalog.as_ref().map(|c| c.indicators.len());
    let content = problems::findings(&s.origin, count, &found, s.lang)?;
    s.output.emit(&content, console, out)?;
    // --strict has already made every warning an error.
    if !found.iter().any(|p| p.is_error()) {
        return Ok(Outcome::Clean);
    }
    if let Some(summary) = content.notes.last() {
        writeln!(err, "{summary}")?;
    }
    Ok(Outcome::Findings)
}
