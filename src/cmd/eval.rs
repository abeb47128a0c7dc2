//! `plan-check eval`: judge every indicator and render the verdicts.

use std::io::Write;

use crate::Outcome;
use crate::cli::{EvalArgs, EvalFormat};
use crate::evaluate::has_findings;
use crate::report::{self, Report};

pub fn run(args: &EvalArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, evaluation) =
        super::evaluate_inputs(&args.input, &args.judge, &args.select.filter(), args.skip_invalid, err)?;
    let area = match &args.county {
        Some(name) => {
            let area = super::find_county(&catalog, name)?;
            if !evaluation.areas.contains(&area.name) {
                anyhow::bail!("--county: the data has no rows for {} in {}", area.name, evaluation.year);
            }
            Some(area.name.as_str())
        }
        None => None,
    };
    let files: Vec<String> = args.input.files.iter().map(|f| crate::load::display_name(f)).collect();
    let report = Report { catalog: &catalog, evaluation: &evaluation, files: &files, lang: args.lang, area };
    match args.format {
        EvalFormat::Table => report::table::render(&report, out)?,
        EvalFormat::Json => report::json::render(&report, out)?,
    }
    let findings = has_findings(&catalog, report.headline().into_iter(), args.fail_on);
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}
