//! `plan-check eval`: judge every indicator and render the verdicts.

use std::io::Write;

use anyhow::bail;

use crate::Outcome;
use crate::cli::{EvalArgs, EvalFormat};
use crate::evaluate::{self, Settings, has_findings};
use crate::report::{self, Report};

pub fn run(args: &EvalArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, data) = super::load_inputs(&args.input)?;
    let problems = report::problems::render_text(&data.problems, None);
    if data.has_errors() && !args.skip_invalid {
        err.write_all(problems.as_bytes())?;
        let n = data.problems.iter().filter(|p| p.is_error()).count();
        bail!("{n} problem(s) in the data; nothing was evaluated (fix them, or pass --skip-invalid)");
    }
    err.write_all(problems.as_bytes())?;
    let province = super::load_targets(args.targets.as_deref(), &catalog)?;
    let year = super::evaluation_year(&args.input, &data)?;
    let stage = args.stage.unwrap_or_else(|| Settings::stage_for(&catalog, year));
    let settings = Settings { year, stage, province };
    let evaluation = evaluate::evaluate(&catalog, &data, &settings);
    let report = Report { catalog: &catalog, evaluation: &evaluation, files: &args.input.files, lang: args.lang };
    match args.format {
        EvalFormat::Table => report::table::render(&report, out)?,
        EvalFormat::Json => report::json::render(&report, out)?,
    }
    let findings = has_findings(&catalog, evaluation.official(), args.fail_on);
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}
