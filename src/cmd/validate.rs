//! `plan-check validate`: everything `eval` needs, checked without evaluating.

use std::io::Write;

use crate::catalog::Catalog;
use crate::load::{self, Dataset};
use crate::output::{Format, problems, summary};
use crate::settings::Validate;
use crate::{Console, Outcome, checks};

pub fn run(s: &Validate, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, mut data) = super::load_inputs(&s.input, s.max_errors)?;
    submission_checks(s, &catalog, &mut data);
    checks::validate(&catalog, &mut data, s.require);
    let content = problems::validate(&data, s.max_errors, s.lang)?;
    s.output.emit(&content, console, out)?;
    let (errors, warnings) = data.counts();
    if s.output.format == Format::Github {
        // In a CI log a valid file says so too, and the job summary lists what was checked.
        super::diff::append_step_summary(&summary::markdown(&summary::validate(&data, s.lang))?)?;
        writeln!(err, "{}", crate::labels::validate_verdict(errors, warnings, s.lang))?;
        return Ok(if data.has_errors() { Outcome::Findings } else { Outcome::Clean });
    }
    if !data.has_errors() {
        return Ok(Outcome::Clean);
    }
    writeln!(err, "{}", crate::labels::validate_verdict(errors, warnings, s.lang))?;
    Ok(Outcome::Findings)
}

/// The checks of a submission as a whole: whose rows (`--area-from-filename`, which rejects other areas'
/// rows first), every indicator of each area (`--complete`), and the parts of an area's ratio value.
/// Their problems take their places among the rows' own, by file and line.
fn submission_checks(s: &Validate, catalog: &Catalog, data: &mut Dataset) {
    if s.area_from_filename {
        load::check_ownership(catalog, data);
    }
    if let Some(which) = s.complete {
        load::check_complete(catalog, data, which);
    }
    load::check_ratio_parts(catalog, data);
    load::sort_problems(data);
}
