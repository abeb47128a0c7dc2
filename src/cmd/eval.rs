//! `plan-check eval`: judge every indicator and render the verdicts.

use std::io::Write;

use anyhow::{Context, bail};

use crate::Outcome;
use crate::cli::{EvalArgs, EvalFormat};
use crate::evaluate::{self, Settings, has_findings};
use crate::province::ProvinceTargets;
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
    let province = match &args.targets {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the targets file {}", path.display()))?;
            ProvinceTargets::parse(&text, &path.display().to_string(), &catalog)?
        }
        None => ProvinceTargets::default(),
    };
    let year = match (args.input.year, data.years().last()) {
        (Some(y), _) => y,
        (None, Some(&y)) => y,
        (None, None) => bail!("no measurements with a year in {}", args.input.files.join(", ")),
    };
    // The data is read against the whole catalogue (a file may carry the tasks too); only the selected
    // indicators are judged, so the body's tasks stay out of the default tables, summary and exit code.
    let filter = args.select.filter();
    let catalog =
        catalog.select(&filter).with_context(|| format!("no indicator of the catalogue matches --source {filter}"))?;
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
