//! `plan-check trend`: each indicator over the years, with its progress towards the target. A report,
//! not a gate: it exits 0 once it ran (use `eval` for CI).

use std::io::Write;

use anyhow::bail;

use crate::Outcome;
use crate::cli::{EvalFormat, TrendArgs};
use crate::evaluate::{self, Settings};
use crate::problem::closest;
use crate::report::{self, Report};

pub fn run(args: &TrendArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, data) = super::load_inputs(&args.input)?;
    err.write_all(report::problems::render_text(&data.problems, None).as_bytes())?;
    if data.has_errors() {
        let n = data.problems.iter().filter(|p| p.is_error()).count();
        bail!("{n} problem(s) in the data; no trend was computed");
    }
    let area = match &args.county {
        None => None,
        Some(name) => match catalog.county(name) {
            Some(c) => Some(c.name.clone()),
            None => {
                let names = catalog.counties.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases));
                let hint = closest(name, names.map(String::as_str)).map(|s| format!(" (did you mean {s}?)"));
                bail!("--county: found {name:?}; expected an area of the catalogue{}", hint.unwrap_or_default());
            }
        },
    };
    let province = super::load_targets(args.targets.as_deref(), &catalog)?;
    let year = super::evaluation_year(&args.input, &data)?;
    let settings = Settings { year, stage: Settings::stage_for(&catalog, year), province };
    let evaluation = evaluate::evaluate(&catalog, &data, &settings);
    if let Some(a) = &area
        && evaluation.of_area(a).next().is_none()
    {
        bail!("no data for {a} in {year} in {}", args.input.files.join(", "));
    }
    let report = Report { catalog: &catalog, evaluation: &evaluation, files: &args.input.files, lang: args.lang };
    match args.format {
        EvalFormat::Table => report::trend::render_table(&report, area.as_deref(), out)?,
        EvalFormat::Json => report::trend::render_json(&report, area.as_deref(), out)?,
    }
    Ok(Outcome::Clean)
}
