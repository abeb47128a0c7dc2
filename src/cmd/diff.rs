//! `plan-check diff BASE… --against HEAD…`: evaluate both sets of files for one year and show what
//! the revision changes. Rows with errors are left out on either side (as `eval --skip-invalid` does);
//! `validate` is the gate for them.

use std::io::Write;
use std::path::Path;

use crate::catalog::SourceFilter;
use crate::evaluate::{self, Settings};
use crate::output::{self, Format};
use crate::problem::Failure;
use crate::settings::{self, Diff};
use crate::{Console, Outcome, compare, labels};

pub fn run(s: &Diff, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let lang = s.lang;
    let (catalog, before) = super::load_inputs(&s.before, None)?;
    let (_, after) = super::load_inputs(&s.after, None)?;
    let (before_files, after_files) = (s.before.display_names(), s.after.display_names());
    for (files, data) in [(&before_files, &before), (&after_files, &after)] {
        let (errors, warnings) = data.counts();
        if errors + warnings > 0 {
            writeln!(err, "{}", labels::diff_side_problems(&files.join(", "), errors, warnings, lang))?;
        }
    }
    let latest = before.years().into_iter().chain(after.years()).max();
    let year = match (s.before.year, latest) {
        (Some(y), _) | (None, Some(y)) => y,
        (None, None) => return Err(Failure::NoYear { files: before_files.clone() }.into()),
    };
    let (limits, follow) = (&s.before.read.limits, s.before.read.follow_symlinks);
    let province = super::load_targets(s.judge.targets.as_deref(), &catalog, limits, follow)?;
    let catalog = catalog.select(&SourceFilter::Table).unwrap_or(catalog);
    let stage = s.judge.stage.unwrap_or_else(|| Settings::stage_for(&catalog, year));
    let settings = Settings { year, stage, province };
    let (eb, ea) = (evaluate::evaluate(&catalog, &before, &settings), evaluate::evaluate(&catalog, &after, &settings));
    let diff = compare::diff(&catalog, (&before, &eb), (&after, &ea));
    let sides = output::diff::Sides { before: &before_files, after: &after_files };
    let content = output::diff::build(&catalog, &diff, &sides, lang)?;
    if s.output.format == Format::Github {
        let mut annotations = Vec::new();
        output::diff::annotations(&catalog, &diff, lang, &mut annotations)?;
        match &s.output.path {
            Some(path) => {
                settings::refuse_input(path, &s.output.protected)?;
                settings::write_atomically(path, &annotations)?;
            }
            None => out.write_all(&annotations)?,
        }
        append_step_summary(&output::summary::markdown(&content)?)?;
    } else {
        s.output.emit(&content, console, out)?;
    }
    if s.fail_on_binding_change && diff.binding_change() {
        let n = diff.verdicts.iter().filter(|c| c.official && c.binding).count();
        writeln!(err, "{}", labels::binding_changed(n, lang))?;
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Clean)
}

/// With `--format github`: appends Markdown to the job summary, the file GitHub names in
/// `GITHUB_STEP_SUMMARY`; nothing when it is unset (a run outside GitHub Actions).
pub fn append_step_summary(markdown: &[u8]) -> anyhow::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else { return Ok(()) };
    let path = Path::new(&path);
    let mut file =
        std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(|e| {
            anyhow::anyhow!("GITHUB_STEP_SUMMARY {}: cannot append the job summary: {e}", path.display())
        })?;
    file.write_all(markdown)
        .map_err(|e| anyhow::anyhow!("GITHUB_STEP_SUMMARY {}: cannot append the job summary: {e}", path.display()))?;
    Ok(())
}
