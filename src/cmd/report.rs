//! `plan-check report`: evaluate as `eval` does, build the document, write it as .docx or .html.

use std::collections::HashMap;
use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::Outcome;
use crate::catalog::SourceFilter;
use crate::cli::DocumentFormat;
use crate::evaluate::has_findings;
use crate::labels::Sample;
use crate::load::Dataset;
use crate::output::{EvalView, headline};
use crate::problem::Failure;
use crate::report::{self, Document, Inputs, Narrative};
use crate::settings::{self, Report};

pub fn run(s: &Report, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    settings::refuse_input(&s.path, &s.protected)?;
    // A narrative file that cannot be used stops the run before anything is evaluated.
    let narrative = read_narrative(s)?;
    // 三 holds the body's tasks by default; judged apart, so that the indicators' counts, the verdict
    // line and the exit code are those of the selection (`eval`'s with the same flags).
    let also = (s.select == SourceFilter::Table).then_some(SourceFilter::Body);
    let (catalog, evaluation, data, tasks) =
        super::evaluate_dataset_and(&s.input, &s.judge, &s.select, also.as_ref(), s.skip_invalid, err)?;
    let area = match &s.county {
        Some(name) => Some(settings::county_in_data(&catalog, &evaluation, name)?),
        None => None,
    };
    let view = EvalView { catalog: &catalog, evaluation: &evaluation, files: &s.input.files, lang: s.lang, area };
    let task_view = tasks.as_ref().map(|(catalog, evaluation)| EvalView {
        catalog,
        evaluation,
        files: &s.input.files,
        lang: s.lang,
        area,
    });
    // The register of major projects (四), when a project status file was read.
    let register = super::projects::register_of(&catalog, &data, evaluation.year);
    let inputs = Inputs {
        report: &view,
        targets_file: s.judge.targets.as_ref().map(|p| p.display().to_string()),
        produced: produced_date(),
        illustrative: super::is_illustrative(&data, s.input.read.follow_symlinks),
        problems: &data.problems,
        notes: &notes_of(&data, evaluation.year),
        tasks: task_view.as_ref(),
        register: register.as_ref(),
        narrative: narrative.as_ref(),
    };
    let doc = Document::build(&inputs);
    settings::write_atomically_with(&s.path, |out| match s.format {
        DocumentFormat::Html => report::html::render(&doc, out),
        DocumentFormat::Docx => report::docx::render(&doc, &mut &mut *out),
    })?;
    writeln!(out, "{}", crate::problem::escape(&s.path.to_string_lossy()))?;
    for note in report::analyst_notes(&view) {
        writeln!(err, "{}", crate::problem::escape(&note))?;
    }
    // The verdict line, as `eval` prints it: why the exit code is 1, what could not be judged, what is a sample.
    let sample = Sample { targets: headline::targets_are_sample(&view), data: inputs.illustrative };
    if let Some(line) = crate::output::eval::verdict_line(&view, s.fail_on, sample) {
        writeln!(err, "{line}")?;
    }
    let findings = has_findings(&catalog, view.headline().into_iter(), s.fail_on);
    // `--fail-on overdue-projects` judges the register of major projects, when a status file was read.
    let overdue = super::projects::overdue_finding(s.overdue_projects, register.as_ref(), s.lang, err)?;
    Ok(if findings || overdue { Outcome::Findings } else { Outcome::Clean })
}

/// The `--narrative` file read (a side file: checked, within `side-file-bytes`) and parsed.
fn read_narrative(s: &Report) -> anyhow::Result<Option<Narrative>> {
    let Some(path) = &s.narrative else { return Ok(None) };
    let shown = crate::problem::escape(&path.to_string_lossy()).into_owned();
    let failure = Failure::ReadNarrative { path: shown };
    let text = crate::load::read_side_file(path, failure, &s.input.read.limits, s.input.read.follow_symlinks)?;
    Ok(Some(Narrative::parse(&text, &path.to_string_lossy())?))
}

fn notes_of(data: &Dataset, year: i32) -> HashMap<(String, String), String> {
    data.measurements
        .iter()
        .filter(|m| m.year == year)
        .filter_map(|m| {
            let note = data.note_of(m)?.to_string();
            Some(((data.county_of(m).to_string(), data.indicator_of(m).to_string()), note))
        })
        .collect()
}

/// Today (UTC), or the day `SOURCE_DATE_EPOCH` names, so that a build can reproduce a document exactly.
fn produced_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64));
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's days-to-civil: the proleptic Gregorian date of a count of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
