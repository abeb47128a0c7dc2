//! `plan-check eval`: judge every indicator and render the verdicts.

use std::io::Write;

use crate::cli::{EvalArgs, Only};
use crate::evaluate::{FailOn, has_findings};
use crate::report::Report;
use crate::report::eval::{self, Filter};
use crate::{Console, Outcome};

pub fn run(args: &EvalArgs, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
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
    let lang = args.lang.into();
    let report = Report { catalog: &catalog, evaluation: &evaluation, files: &args.input.files, lang, area };
    let filter = Filter { types: args.kind.clone(), off_track: args.only == Some(Only::OffTrack) };
    let format = super::format(&args.output)?;
    let content = eval::build(&report, &filter, format.parts())?;
    super::emit(&content, format, &args.output, console, &super::inputs(&args.input, Some(&args.judge)), out)?;
    let fail_on = FailOn::from(args.fail_on);
    if !has_findings(&catalog, report.headline().into_iter(), fail_on) {
        return Ok(Outcome::Clean);
    }
    if let Some(line) = eval::verdict_line(&report, fail_on) {
        writeln!(err, "{line}")?;
    }
    Ok(Outcome::Findings)
}
