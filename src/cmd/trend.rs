//! `plan-check trend`: each indicator over the years, with its progress towards the target. A report,
//! not a gate: it exits 0 once it ran (use `eval` for CI).

use std::io::Write;

use anyhow::bail;

use crate::Outcome;
use crate::cli::{EvalFormat, TrendArgs};
use crate::report::{self, Report};

pub fn run(args: &TrendArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
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
    let files: Vec<String> = args.input.files.iter().map(|f| crate::load::display_name(f)).collect();
    let report = Report { catalog: &catalog, evaluation: &evaluation, files: &files, lang: args.lang, area: None };
    match args.format {
        EvalFormat::Table => report::trend::render_table(&report, area.as_deref(), out)?,
        EvalFormat::Json => report::trend::render_json(&report, area.as_deref(), out)?,
    }
    Ok(Outcome::Clean)
}
