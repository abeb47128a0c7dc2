//! `plan-check trend`: each indicator over the years, with its progress towards the target. A report,
//! not a gate: it exits 0 once it ran (use `eval` for CI).

use std::io::Write;

use anyhow::bail;

use crate::cli::TrendArgs;
use crate::output::{EvalView, trend};
use crate::{Console, Outcome};

pub fn run(args: &TrendArgs, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, evaluation) = super::evaluate_inputs(&args.input, &args.judge, &args.select.filter(), false, err)?;
    let area = match &args.county {
        Some(name) => Some(super::find_county(&catalog, name)?.name.clone()),
        None => None,
    };
    if let Some(a) = &area
        && evaluation.of_area(a).next().is_none()
    {
        bail!("--county: the data has no rows for {a} in {}", evaluation.year);
    }
    let lang = args.lang.into();
    let files = super::display_names(&args.input.files);
    let report = EvalView { catalog: &catalog, evaluation: &evaluation, files: &files, lang, area: None };
    let format = super::format(&args.output)?;
    let content = trend::build(&report, area.as_deref(), format.parts())?;
    super::emit(&content, format, &args.output, console, &super::inputs(&args.input, Some(&args.judge)), out)?;
    Ok(Outcome::Clean)
}
