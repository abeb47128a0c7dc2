//! `plan-check eval`: judge every indicator and render the verdicts, or take one verdict apart
//! (`--explain`).

use std::io::Write;

use anyhow::Context as _;

use crate::catalog::{Catalog, SourceFilter};
use crate::cli::{EvalArgs, Only};
use crate::evaluate::{Evaluation, FailOn, has_findings};
use crate::output::EvalView;
use crate::output::eval::{self, Filter};
use crate::output::projects;
use crate::{Console, Outcome};

pub fn run(args: &EvalArgs, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    // Any indicator can be explained, a task of the body as well as one of the table.
    let select = if args.explain.is_some() { SourceFilter::All } else { args.select.filter() };
    let (catalog, evaluation, data) =
        super::evaluate_dataset(&args.input, &args.judge, &select, args.skip_invalid, err)?;
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
    if let Some(key) = &args.explain {
        return explain(&catalog, &evaluation, key, area, args, console, out);
    }
    let lang = args.lang.into();
    let files = super::display_names(&args.input.files);
    let report = EvalView { catalog: &catalog, evaluation: &evaluation, files: &files, lang, area };
    let filter = Filter { types: args.kind.clone(), off_track: args.only == Some(Only::OffTrack) };
    let format = super::format(&args.output)?;
    let mut content = eval::build(&report, &filter, format.parts())?;
    // The register of major projects, when a project status file is among the inputs.
    let register = super::projects::register_of(&catalog, &data, evaluation.year);
    if let Some(register) = &register {
        projects::add_to_eval(&mut content, register, &data.accounting, lang, format.parts())?;
    }
    super::emit(&content, format, &args.output, console, &super::inputs(&args.input, Some(&args.judge)), out)?;
    let fail_on = FailOn::from(args.fail_on);
    let overdue = super::projects::overdue_finding(args.fail_on, register.as_ref(), lang, err)?;
    if !has_findings(&catalog, report.headline().into_iter(), fail_on) {
        return Ok(if overdue { Outcome::Findings } else { Outcome::Clean });
    }
    if let Some(line) = eval::verdict_line(&report, fail_on) {
        writeln!(err, "{line}")?;
    }
    Ok(Outcome::Findings)
}

/// `--explain ID`: the verdict of one indicator on the city-level row, or on `--county`'s.
fn explain(
    catalog: &Catalog,
    evaluation: &Evaluation,
    key: &str,
    area: Option<&str>,
    args: &EvalArgs,
    console: Console,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let ind = catalog.indicator(key).with_context(|| {
        let hint = crate::problem::closest(key, catalog.indicators.iter().map(|i| i.id.as_str()));
        let hint = hint.map(|h| format!(" (did you mean {h}?)")).unwrap_or_default();
        format!("--explain: no indicator {key:?} in the catalogue{hint}")
    })?;
    let verdict = evaluation
        .verdicts
        .iter()
        .find(|v| *v.indicator == *ind.id && area.map_or(v.official, |a| *v.county == *a))
        .with_context(|| format!("--explain: {} is not judged for {}", ind.id, area.unwrap_or(&ind.city_row)))?;
    let content = crate::output::explain::build(catalog, evaluation, ind, verdict, args.lang.into());
    let format = super::format(&args.output)?;
    super::emit(&content, format, &args.output, console, &super::inputs(&args.input, Some(&args.judge)), out)?;
    let findings = has_findings(catalog, std::iter::once(verdict), FailOn::from(args.fail_on));
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}
