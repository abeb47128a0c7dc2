//! The register of major projects (重大工程) in `eval`: judged when a project status file is among
//! the inputs, and a finding under `--fail-on overdue-projects`.

use std::io::Write;

use crate::Lang;
use crate::catalog::Catalog;
use crate::evaluate::projects::{Register, register};
use crate::labels::overdue_verdict;
use crate::load::Dataset;

/// The register as of `year`, when a project status file was read (its accounting shape says so).
pub fn register_of<'c>(catalog: &'c Catalog, data: &'c Dataset, year: i32) -> Option<Register<'c>> {
    let read = data.accounting.iter().any(|a| a.shape == "projects");
    read.then(|| register(catalog, &data.projects, year))
}

/// Whether overdue projects make the exit code 1 (`--fail-on overdue-projects`); says so on `err`.
pub fn overdue_finding(
    overdue_projects: bool,
    register: Option<&Register>,
    lang: Lang,
    err: &mut dyn Write,
) -> anyhow::Result<bool> {
    let overdue = register.map_or(0, |r| r.summary.overdue);
    if !overdue_projects || overdue == 0 {
        return Ok(false);
    }
    writeln!(err, "{}", overdue_verdict(overdue, lang))?;
    Ok(true)
}
