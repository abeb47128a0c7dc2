//! `plan-check eval`: judge every indicator and render the verdicts.

use std::io::Write;

use anyhow::Context as _;

use crate::Outcome;
use crate::catalog::{Catalog, SourceFilter};
use crate::cli::{EvalArgs, EvalFormat};
use crate::evaluate::Evaluation;
use crate::evaluate::has_findings;
use crate::report::{self, Report};

pub fn run(args: &EvalArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    // Any indicator can be explained, a task of the body as well as one of the table.
    let select = if args.explain.is_some() { SourceFilter::All } else { args.select.filter() };
    let (catalog, evaluation) = super::evaluate_inputs(&args.input, &args.judge, &select, args.skip_invalid, err)?;
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
        return explain(&catalog, &evaluation, key, area, args, out);
    }
    let files: Vec<String> = args.input.files.iter().map(|f| crate::load::display_name(f)).collect();
    let report = Report { catalog: &catalog, evaluation: &evaluation, files: &files, lang: args.lang, area };
    match args.format {
        EvalFormat::Table => report::table::render(&report, out)?,
        EvalFormat::Json => report::json::render(&report, out)?,
    }
    let findings = has_findings(&catalog, report.headline().into_iter(), args.fail_on);
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}

/// `--explain ID`: the verdict of one indicator on the city-level row, or on `--county`'s.
fn explain(
    catalog: &Catalog,
    evaluation: &Evaluation,
    key: &str,
    area: Option<&str>,
    args: &EvalArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let ind = catalog.indicator(key).with_context(|| {
        let hint = crate::problem::closest(key, catalog.indicators.iter().map(|i| i.id.as_str()));
        format!(
            "--explain: no indicator {key:?} in the catalogue{}",
            hint.map(|h| format!(" (did you mean {h}?)")).unwrap_or_default()
        )
    })?;
    let verdict = evaluation
        .verdicts
        .iter()
        .find(|v| v.indicator == ind.id && area.map_or(v.official, |a| v.county == a))
        .with_context(|| format!("--explain: {} is not judged for {}", ind.id, area.unwrap_or(&ind.city_row)))?;
    let lines = report::explain::explain(catalog, evaluation, ind, verdict, args.lang);
    report::explain::render(&lines, args.lang, out)?;
    let findings = has_findings(catalog, std::iter::once(verdict), args.fail_on);
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}
