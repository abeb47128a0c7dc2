//! `plan-check validate`: everything `eval` needs, checked without evaluating.

use std::io::Write;

use crate::output::problems;
use crate::settings::Validate;
use crate::{Console, Outcome, checks};

pub fn run(s: &Validate, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, mut data) = super::load_inputs(&s.input, s.max_errors)?;
    checks::validate(&catalog, &mut data, s.require);
    let content = problems::validate(&data, s.max_errors, s.lang)?;
    s.output.emit(&content, console, out)?;
    if !data.has_errors() {
        return Ok(Outcome::Clean);
    }
    let (errors, warnings) = data.counts();
    writeln!(err, "{}", crate::labels::validate_verdict(errors, warnings, s.lang))?;
    Ok(Outcome::Findings)
}
