//! One file per subcommand; each turns its arguments into calls along the pipeline.

pub mod atomic;
pub mod check_catalog;
pub mod completions;
pub mod eval;
pub mod indicators;
pub mod rank;
pub mod report;
pub mod template;
pub mod trend;
pub mod validate;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::Console;
use crate::catalog::{Catalog, County, SourceFilter};
use crate::cli::{ColorArg, InputArgs, JudgeArgs, OutputArgs};
use crate::evaluate::{self, Evaluation, Settings};
use crate::load::{self, Dataset, Limits, LoadOptions, ReadOptions};
use crate::output::{Content, Format, Style, problems};
use crate::targets_file::TargetsFile;

/// Reads the catalogue and the data files named by the shared options.
pub fn load_inputs(input: &InputArgs, max_problems: Option<usize>) -> anyhow::Result<(Catalog, Dataset)> {
    let catalog = Catalog::locate(input.catalog.as_deref())?;
    if let Some(label) = &input.encoding
        && encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none()
    {
        bail!("--encoding: unknown encoding {label:?}; try utf-8 or gb18030");
    }
    let opts = LoadOptions {
        read: ReadOptions {
            encoding: input.encoding.clone(),
            sheet: input.sheet.clone(),
            limits: Limits::with(&input.limit),
            follow_symlinks: input.follow_symlinks,
        },
        year: input.year,
        max_problems,
    };
    let data = load::load(&input.files, &catalog, &opts)?;
    refuse_sheet_without_workbook(input.sheet.as_deref(), &data)?;
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
    let files: Vec<&str> = data.accounting.iter().map(|a| a.file.as_str()).collect();
    let verb = if files.len() == 1 { "is a CSV file" } else { "are CSV files" };
    bail!("--sheet {sheet:?}: {} {verb}, not a workbook; --sheet picks a sheet of an .xlsx file", files.join(", "))
}

/// With `--skip-invalid`, a dataset whose every row was rejected has nothing to evaluate: say so,
/// rather than that it has no year.
fn refuse_all_rejected(data: &Dataset) -> anyhow::Result<()> {
    let read: usize = data.accounting.iter().map(|a| a.rows_read).sum();
    let accepted: usize = data.accounting.iter().map(|a| a.rows_accepted).sum();
    if !data.measurements.is_empty() || accepted > 0 || read == 0 {
        return Ok(());
    }
    let files: Vec<&str> = data.accounting.iter().map(|a| a.file.as_str()).collect();
    let rows = if read == 1 { "the only row".to_string() } else { format!("all {read} rows") };
    bail!("{rows} of {} {} rejected; nothing to evaluate", files.join(", "), if read == 1 { "was" } else { "were" })
}

/// Loads everything and evaluates it; the shared front half of `eval`, `rank` and `trend`. Problems in the data
/// go to `err`; with errors among them nothing is evaluated unless `skip_invalid`.
///
/// The data is read against the whole catalogue (a file may carry the body's tasks too); only the
/// indicators `select` picks are judged, so the tasks stay out of the default tables, summary and exit
/// code.
pub fn evaluate_inputs(
    input: &InputArgs,
    judge: &JudgeArgs,
    select: &SourceFilter,
    skip_invalid: bool,
    err: &mut dyn Write,
) -> anyhow::Result<(Catalog, Evaluation)> {
    let (catalog, evaluation, _) = evaluate_dataset(input, judge, select, skip_invalid, err)?;
    Ok((catalog, evaluation))
}

/// [`evaluate_inputs`], also handing back the data read, whose problems `report` lists.
pub fn evaluate_dataset(
    input: &InputArgs,
    judge: &JudgeArgs,
    select: &SourceFilter,
    skip_invalid: bool,
    err: &mut dyn Write,
) -> anyhow::Result<(Catalog, Evaluation, Dataset)> {
    let (catalog, data) = load_inputs(input, None)?;
    err.write_all(problems::render_text(&data.problems, None).as_bytes())?;
    for line in problems::omitted_lines(&data.omitted) {
        writeln!(err, "{line}")?;
    }
    if data.has_errors() && !skip_invalid {
        let n = data.counts().0;
        bail!("{n} problem(s) in the data; nothing was evaluated (fix them, or pass --skip-invalid)");
    }
    refuse_all_rejected(&data)?;
    let province = load_targets(judge.targets.as_deref(), &catalog)?;
    let year = evaluation_year(input, &data)?;
    let catalog =
        catalog.select(select).with_context(|| format!("no indicator of the catalogue matches --source {select}"))?;
    let stage = judge.stage.map_or_else(|| Settings::stage_for(&catalog, year), Into::into);
    let evaluation = evaluate::evaluate(&catalog, &data, &Settings { year, stage, province });
    err.write_all(problems::render_text(&evaluation.warnings, None).as_bytes())?;
    Ok((catalog, evaluation, data))
}

/// The area a `--county` argument names, which the evaluated data must have rows for.
pub fn area_in_data<'c>(catalog: &'c Catalog, evaluation: &Evaluation, name: &str) -> anyhow::Result<&'c str> {
    let area = find_county(catalog, name)?;
    if !evaluation.areas.contains(&area.name) {
        bail!("--county: the data has no rows for {} in {}", area.name, evaluation.year);
    }
    Ok(&area.name)
}

/// The area a `--county` argument names (a name or an alias).
pub fn find_county<'c>(catalog: &'c Catalog, name: &str) -> anyhow::Result<&'c County> {
    if let Some(c) = catalog.county(name) {
        return Ok(c);
    }
    let known = catalog.counties.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases)).map(String::as_str);
    let hint = crate::problem::closest(name, known).map(|h| format!(" (did you mean {h}?)")).unwrap_or_default();
    bail!("--county: no area named {name:?} in the catalogue{hint}")
}

/// The `--targets` file, or no province targets.
pub fn load_targets(path: Option<&Path>, catalog: &Catalog) -> anyhow::Result<TargetsFile> {
    let Some(path) = path else { return Ok(TargetsFile::default()) };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read the targets file {}", path.display()))?;
    Ok(TargetsFile::parse(&text, &path.display().to_string(), catalog)?)
}

/// The data files as named in output: `-` is [`load::STDIN_NAME`].
/// Escaped: a file's name is input, shown in every format's header.
pub fn display_names(files: &[String]) -> Vec<String> {
    files.iter().map(|f| crate::problem::escape(&load::display_name(f)).into_owned()).collect()
}

/// The year evaluated: `--year`, else the latest year in the data. A `--year` the data has no row for
/// is an error, not a table of missing values.
pub fn evaluation_year(input: &InputArgs, data: &Dataset) -> anyhow::Result<i32> {
    let years = data.years();
    match (input.year, years.last()) {
        (Some(y), _) if years.contains(&y) => Ok(y),
        (Some(y), _) => {
            let present: Vec<String> = years.iter().map(i32::to_string).collect();
            bail!(
                "--year {y}: the data has no rows for {y} (it has {}); a row's year comes from its year column, else from the file name",
                if present.is_empty() { "none".to_string() } else { present.join(", ") }
            )
        }
        (None, Some(&y)) => Ok(y),
        (None, None) => {
            bail!("no measurements with a year in {}", display_names(&input.files).join(", "))
        }
    }
}

/// The files a command reads, which `-o` must not overwrite.
pub fn inputs(input: &InputArgs, judge: Option<&JudgeArgs>) -> Vec<PathBuf> {
    let files = input.files.iter().filter(|f| f.as_str() != "-").map(PathBuf::from);
    let targets = judge.and_then(|j| j.targets.clone());
    files.chain(input.catalog.clone()).chain(targets).collect()
}

/// The format the options ask for: `--format`, else the extension of `-o`, else a table.
pub fn format(args: &OutputArgs) -> anyhow::Result<Format> {
    match (args.format, &args.output) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(Format::Table),
        (None, Some(path)) => Format::of_path(path)
            .with_context(|| format!("-o {}: cannot tell the format from the extension; add --format", path.display())),
    }
}

/// Renders the content as the options ask: to standard output (fitted and coloured for a terminal),
/// or to `-o FILE`, written atomically.
pub fn emit(
    content: &Content,
    format: Format,
    args: &OutputArgs,
    console: Console,
    inputs: &[PathBuf],
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if !format.fits(content) {
        bail!("--format {} is for the problems of `validate`", format.name());
    }
    let Some(path) = &args.output else {
        if format.is_binary() && console.tty {
            bail!("--format {} writes a binary workbook: add -o FILE.xlsx", format.name());
        }
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => console.tty && !console.no_color,
        };
        let style = Style { width: console.width.filter(|_| console.tty), color, file: false };
        return crate::output::render(content, format, &style, out);
    };
    refuse_input(path, inputs)?;
    let style = Style { width: None, color: false, file: true };
    write_atomically_with(path, |out| crate::output::render(content, format, &style, out))
}

/// `-o` naming a file the command reads would destroy its input.
pub fn refuse_input(path: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let Ok(target) = path.canonicalize() else { return Ok(()) };
    if inputs.iter().any(|i| i.canonicalize().is_ok_and(|i| i == target)) {
        bail!("-o {}: that is one of the input files; choose another name", path.display());
    }
    Ok(())
}

/// Writes a temporary file beside `path` and renames it into place: a failed run leaves no half
/// file and the previous one untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically_with(path, |out| Ok(out.write_all(bytes)?))
}

/// [`write_atomically`], `write` rendering straight into the temporary file.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut atomic::TempWriter) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let shown = path.display();
    let tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write {shown}"))?;
    if let Some(permissions) = permissions_for(path) {
        tmp.as_file().set_permissions(permissions).with_context(|| format!("cannot write {shown}"))?;
    }
    let mut out = atomic::TempWriter::new(tmp.as_file());
    let rendered = write(&mut out);
    if let Err((e, file_failed)) = out.finish(rendered) {
        return Err(if file_failed { e.context(format!("cannot write {shown}")) } else { e });
    }
    tmp.as_file().sync_all().with_context(|| format!("cannot write {shown}"))?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("cannot write {shown}"))?;
    Ok(())
}

/// The permissions the written file should have: those of the file it replaces, else what a new
/// file usually gets (a temporary file is created readable by its owner only).
fn permissions_for(path: &Path) -> Option<std::fs::Permissions> {
    if let Ok(meta) = std::fs::metadata(path) {
        return Some(meta.permissions());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    None
}
