//! `plan-check trend`: each indicator over the years, with its progress towards the target. A report,
//! not a gate: it exits 0 once it ran (use `eval` for CI).

use std::io::Write;

use crate::output::{EvalView, trend};
use crate::problem::Failure;
use crate::settings::{self, Trend};
use crate::{Console, Outcome};

pub fn run(s: &Trend, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, evaluation) = super::evaluate_inputs(&s.input, &s.judge, &s.select, false, err)?;
    let area = match &s.county {
        Some(name) => Some(settings::county_in_data(&catalog, &evaluation, name)?),
        None => None,
    };
    // A city row none of the selected indicators is judged on has no series to show either.
    if let Some(a) = area
        && evaluation.of_area(a).next().is_none()
    {
        return Err(Failure::CountyNoRows { area: a.to_string(), year: evaluation.year }.into());
    }
    let files = s.input.display_names();
    let report = EvalView { catalog: &catalog, evaluation: &evaluation, files: &files, lang: s.lang, area: None };
    let content = trend::build(&report, area, s.output.format.parts())?;
    s.output.emit(&content, console, out)?;
    Ok(Outcome::Clean)
}
