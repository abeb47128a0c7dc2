//! One file per subcommand; each takes its [`crate::settings`] value, calls the library along the
//! pipeline and hands the content to the output.

pub mod check_catalog;
pub mod completions;
pub mod diff;
pub mod eval;
pub mod indicators;
pub mod projects;
pub mod rank;
pub mod report;
pub mod template;
pub mod trend;
pub mod validate;

use std::io::Write;
use std::path::Path;

use crate::catalog::{Catalog, SourceFilter};
use crate::evaluate::{self, Evaluation};
use crate::load::{self, Dataset, LoadOptions};
use crate::output::problems;
use crate::problem::{Failure, escape};
use crate::settings::{Input, Judge};
use crate::targets_file::TargetsFile;

/// Reads the catalogue and the data files named by the shared options.
pub fn load_inputs(input: &Input, max_problems: Option<usize>) -> anyhow::Result<(Catalog, Dataset)> {
    let catalog = load::read_catalog(input.catalog.as_deref(), &input.read.limits, input.read.follow_symlinks)?;
    let opts = LoadOptions { read: input.read.clone(), year: input.year, max_problems };
    let data = load::load(&input.files, &catalog, &opts)?;
    refuse_sheet_without_workbook(input.read.sheet.as_deref(), &data)?;
    Ok((catalog, data))
}

/// `--sheet` names a sheet of a workbook: given with CSV files only, it would be silently ignored.
fn refuse_sheet_without_workbook(sheet: Option<&str>, data: &Dataset) -> anyhow::Result<()> {
    let Some(sheet) = sheet else { return Ok(()) };
    // A workbook that could not be read (a sheet it lacks among the reasons) has its own problem.
    let workbook = |a: &load::Accounting| load::is_workbook_kind(&a.encoding) || a.shape == "unreadable";
    if data.accounting.is_empty() || data.accounting.iter().any(workbook) {
        return Ok(());
    }
    // Input text, escaped: a file's name or the sheet asked for cannot forge a line.
    let files = data.accounting.iter().map(|a| escape(&a.file).into_owned()).collect();
    Err(Failure::SheetOfCsv { sheet: escape(sheet).into_owned(), files }.into())
}

/// With `--skip-invalid`, a dataset whose every row was rejected has nothing to evaluate: say so,
/// rather than that it has no year.
fn refuse_all_rejected(data: &Dataset) -> anyhow::Result<()> {
    let read: usize = data.accounting.iter().map(|a| a.rows_read).sum();
    let accepted: usize = data.accounting.iter().map(|a| a.rows_accepted).sum();
    if !data.measurements.is_empty() || accepted > 0 || read == 0 {
        return Ok(());
    }
    let files = data.accounting.iter().map(|a| escape(&a.file).into_owned()).collect();
    Err(Failure::AllRejected { read, files }.into())
}

/// Loads everything and evaluates it; the shared front half of `eval`, `rank` and `trend`. Problems in the data
/// go to `err`; with errors among them nothing is evaluated unless `skip_invalid`.
///
/// The data is read against the whole catalogue (a file may carry the body's tasks too); only the
/// indicators `select` picks are judged, so the tasks stay out of the default tables, summary and exit
/// code.
pub fn evaluate_inputs(
    input: &Input,
    judge: &Judge,
    select: &SourceFilter,
    skip_invalid: bool,
    err: &mut dyn Write,
) -> anyhow::Result<(Catalog, Evaluation)> {
    let (catalog, evaluation, _) = evaluate_dataset(input, judge, select, skip_invalid, err)?;
    Ok((catalog, evaluation))
}

/// [`evaluate_inputs`], also handing back the data read, whose problems `report` lists.
pub fn evaluate_dataset(
    input: &Input,
    judge: &Judge,
    select: &SourceFilter,
    skip_invalid: bool,
    err: &mut dyn Write,
) -> anyhow::Result<(Catalog, Evaluation, Dataset)> {
    let (catalog, evaluation, data, _) = evaluate_dataset_and(input, judge, select, None, skip_invalid, err)?;
    Ok((catalog, evaluation, data))
}

/// A selection of the catalogue and its evaluation.
pub type Judged = (Catalog, Evaluation);

/// [`evaluate_dataset`], and `also` (another selection of the catalogue: `report`'s tasks) judged apart
/// on the same data, year, stage and targets; `None` when the catalogue has none of it.
pub fn evaluate_dataset_and(
    input: &Input,
    judge: &Judge,
    select: &SourceFilter,
    also: Option<&SourceFilter>,
    skip_invalid: bool,
    err: &mut dyn Write,
) -> anyhow::Result<(Catalog, Evaluation, Dataset, Option<Judged>)> {
    let (catalog, data) = load_inputs(input, None)?;
    err.write_all(problems::render_text(&data.problems, None).as_bytes())?;
    for line in problems::omitted_lines(&data.omitted) {
        writeln!(err, "{line}")?;
    }
    if data.has_errors() && !skip_invalid {
        return Err(Failure::DataProblems { errors: data.counts().0 }.into());
    }
    refuse_all_rejected(&data)?;
    let province = load_targets(judge.targets.as_deref(), &catalog, &input.read.limits, input.read.follow_symlinks)?;
    let year = evaluation_year(input, &data)?;
    let other = also.and_then(|f| catalog.select(f));
    let catalog = catalog.select(select).ok_or_else(|| Failure::NoneSelected { filter: select.to_string() })?;
    let stage = judge.stage.unwrap_or_else(|| evaluate::Settings::stage_for(&catalog, year));
    let settings = evaluate::Settings { year, stage, province };
    let evaluation = evaluate::evaluate(&catalog, &data, &settings);
    err.write_all(problems::render_text(&evaluation.warnings, None).as_bytes())?;
    let other = other.map(|c| {
        let e = evaluate::evaluate(&c, &data, &settings);
        (c, e)
    });
    if let Some((_, e)) = &other {
        err.write_all(problems::render_text(&e.warnings, None).as_bytes())?;
    }
    Ok((catalog, evaluation, data, other))
}

/// The `--targets` file, or no province targets.
pub fn load_targets(
    path: Option<&Path>,
    catalog: &Catalog,
    limits: &load::Limits,
    follow_symlinks: bool,
) -> anyhow::Result<TargetsFile> {
    let Some(path) = path else { return Ok(TargetsFile::default()) };
    let failure = Failure::ReadTargets { path: escape(&path.to_string_lossy()).into_owned() };
    let text = load::read_side_file(path, failure, limits, follow_symlinks)?;
    Ok(TargetsFile::parse(&text, &path.display().to_string(), catalog)?)
}

/// The year evaluated: `--year`, else the latest year in the data. A `--year` the data has no row for
/// is an error, not a table of missing values.
pub fn evaluation_year(input: &Input, data: &Dataset) -> anyhow::Result<i32> {
    let years = data.years();
    match (input.year, years.last()) {
        (Some(y), _) if years.contains(&y) => Ok(y),
        (Some(year), _) => Err(Failure::YearNotInData { year, present: years.clone() }.into()),
        // The latest year, unless only rows of files named for another year give it: a stray row
        // never chooses the year evaluated.
        (None, Some(&y)) => match load::stray_year(data, y) {
            None => Ok(y),
            Some(at) => Err(Failure::StrayYear { year: y, at: escape(&at).into_owned() }.into()),
        },
        (None, None) => Err(Failure::NoYear { files: input.display_names() }.into()),
    }
}

/// The bundled illustrative data files (data/README.md): a report made from them says so on its first page.
const ILLUSTRATIVE: [&[u8]; 4] = [
    include_bytes!("../../data/2021.csv"),
    include_bytes!("../../data/2022.csv"),
    include_bytes!("../../data/2023.csv"),
    include_bytes!("../../data/2025.csv"),
];

/// Whether the data is illustrative: a bundled example file, or a row whose note says so.
pub(crate) fn is_illustrative(data: &Dataset, follow_symlinks: bool) -> bool {
    // Only files the loader read, and only regular files of a bundled file's size: a file it refused
    // (a FIFO, /dev/zero) is never opened again (issue 19).
    let bundled = data
        .accounting
        .iter()
        .filter(|a| a.shape != "unreadable" && a.file != crate::load::STDIN_NAME)
        .any(|a| crate::load::holds_one_of(&a.file, &ILLUSTRATIVE, follow_symlinks));
    bundled || data.measurements.iter().filter_map(|m| data.note_of(m)).any(crate::labels::marks_sample)
}
