//! `plan-check eval`: judge every indicator and render the verdicts, or take one verdict apart
//! (`--explain`).

use std::io::Write;

use crate::catalog::Catalog;
use crate::evaluate::{Evaluation, has_findings};
use crate::labels::Sample;
use crate::output::EvalView;
use crate::output::{eval, headline, projects};
use crate::problem::{Failure, closest};
use crate::settings::{self, Eval};
use crate::{Console, Outcome};

pub fn run(s: &Eval, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, evaluation, mut data) = super::evaluate_dataset(&s.input, &s.judge, &s.select, s.skip_invalid, err)?;
    // Judged: the measurements (6.7 M at township scale) are not held while the output is rendered.
    data.measurements = Vec::new();
    let area = match &s.county {
        Some(name) => Some(settings::county_in_data(&catalog, &evaluation, name)?),
        None => None,
    };
    if let Some(key) = &s.explain {
        return explain(&catalog, &evaluation, key, area, s, console, out);
    }
    let files = s.input.display_names();
    let report = EvalView { catalog: &catalog, evaluation: &evaluation, files: &files, lang: s.lang, area };
    let mut content = eval::build(&report, &s.filter, s.output.format.parts())?;
    // The register of major projects, when a project status file is among the inputs.
    let register = super::projects::register_of(&catalog, &data, evaluation.year);
    if let Some(register) = &register {
        projects::add_to_eval(&mut content, register, &data.accounting, s.lang, s.output.format.parts())?;
    }
    s.output.emit(&content, console, out)?;
    let overdue = super::projects::overdue_finding(s.overdue_projects, register.as_ref(), s.lang, err)?;
    // The verdict line: on exit 1 why, and on exit 0 too when binding indicators went unjudged or the
    // targets or data are a sample — an empty `--only off-track` table is not an all clear.
    let sample = Sample {
        targets: headline::targets_are_sample(&report),
        data: super::is_illustrative(&data, s.input.read.follow_symlinks),
    };
    if let Some(line) = eval::verdict_line(&report, s.fail_on, sample) {
        // At a terminal the line comes after the table, not above a table that scrolls it away: standard
        // output is buffered (main.rs), standard error is not. Piped, the two streams go their own ways.
        if console.tty {
            out.flush()?;
        }
        writeln!(err, "{line}")?;
    }
    let findings = has_findings(&catalog, report.headline().into_iter(), s.fail_on);
    Ok(if findings || overdue { Outcome::Findings } else { Outcome::Clean })
}

/// `--explain ID`: the verdict of one indicator on the city-level row, or on `--county`'s.
fn explain(
    catalog: &Catalog,
    evaluation: &Evaluation,
    key: &str,
    area: Option<&str>,
    s: &Eval,
    console: Console,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let ind = catalog.indicator(key).ok_or_else(|| Failure::NoIndicator {
        flag: "--explain",
        key: key.to_string(),
        hint: closest(key, catalog.indicators.iter().map(|i| i.id.as_str())),
    })?;
    let verdict = evaluation
        .verdicts
        .iter()
        .find(|v| *v.indicator == *ind.id && area.map_or(v.official, |a| *v.county == *a))
        .ok_or_else(|| Failure::NotJudged { id: ind.id.clone(), area: area.unwrap_or(&ind.city_row).to_string() })?;
    let content = crate::output::explain::build(catalog, evaluation, ind, verdict, s.lang);
    s.output.emit(&content, console, out)?;
    let findings = has_findings(catalog, std::iter::once(verdict), s.fail_on);
    Ok(if findings { Outcome::Findings } else { Outcome::Clean })
}
