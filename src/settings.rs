//! The command line turned into one settings value per command, every flag resolved once (as ripgrep's
//! `LowArgs` become `HiArgs`): the format from `--format` or `-o`'s extension and the command's own list,
//! the language, the stage, the indicators selected, the files `-o` must not overwrite. The commands
//! (`cmd/`) take these values and call the library; nothing below reads a flag again.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::catalog::{Catalog, County, IndicatorType, SourceFilter};
use crate::checks::Require;
use crate::cli::{self, Cli, ColorArg, Command, CompletionShell, DocumentFormat, Shape};
use crate::evaluate::{Evaluation, FailOn, Stage};
use crate::load::{Completeness, LimitSetting, Limits, ReadOptions};
use crate::output::eval::Filter;
use crate::output::write::WriteSeek;
use crate::output::{Content, Format, Style};
use crate::problem::{Failure, closest};
use crate::{Console, Lang};

/// What one run of `plan-check` is to do.
#[derive(Debug)]
pub enum Settings {
    Eval(Eval),
    Validate(Validate),
    Diff(Diff),
    Rank(Rank),
    Trend(Trend),
    Indicators(Indicators),
    Template(Template),
    CheckCatalog(CheckCatalog),
    Report(Report),
    Completions(CompletionShell),
}

impl Settings {
    /// The settings of the command line; an `Err` is a flag that cannot be honoured (exit 2).
    pub fn new(cli: Cli) -> anyhow::Result<Settings> {
        Ok(match cli.command {
            Command::Eval(a) => {
                let input = Input::new(a.input)?;
                let judge = Judge::new(a.judge);
                let output = Output::new(a.output, Format::RESULTS, input.protected(Some(&judge)))?;
                // Any indicator can be explained, a task of the body as well as one of the table.
                let select = if a.explain.is_some() { SourceFilter::All } else { a.select.filter() };
                Settings::Eval(Eval {
                    filter: Filter { types: a.kind, off_track: a.only == Some(cli::Only::OffTrack) },
                    input,
                    judge,
                    county: a.county,
                    output,
                    fail_on: a.fail_on.into(),
                    overdue_projects: a.fail_on == cli::FailOnArg::OverdueProjects,
                    lang: a.lang.into(),
                    skip_invalid: a.skip_invalid,
                    explain: a.explain,
                    select,
                })
            }
            Command::Validate(a) => {
                let input = Input::new(a.input)?;
                let output = Output::new(a.output, Format::PROBLEMS, input.protected(None))?;
                Settings::Validate(Validate {
                    input,
                    output,
                    lang: a.lang.into(),
                    require: a.require.into(),
                    max_errors: a.max_errors,
                    area_from_filename: a.area_from_filename,
                    complete: a.complete.map(|c| match c {
                        cli::Complete::Binding => Completeness::Binding,
                        cli::Complete::All => Completeness::All,
                    }),
                })
            }
            Command::Diff(a) => {
                let before = Input::new(a.input)?;
                let after = Input { files: a.against, ..before.clone() };
                let judge = Judge::new(a.judge);
                let mut protected = before.protected(Some(&judge));
                protected.extend(after.protected(None));
                let output = Output::new(a.output, Format::DIFF, protected)?;
                Settings::Diff(Diff {
                    before,
                    after,
                    judge,
                    output,
                    fail_on_binding_change: a.fail_on == cli::DiffFailOn::BindingChange,
                    lang: a.lang.into(),
                })
            }
            Command::Rank(a) => {
                let input = Input::new(a.input)?;
                let judge = Judge::new(a.judge);
                let output = Output::new(a.output, Format::RESULTS, input.protected(Some(&judge)))?;
                Settings::Rank(Rank { input, judge, indicator: a.indicator, output, lang: a.lang.into() })
            }
            Command::Trend(a) => {
                let input = Input::new(a.input)?;
                let judge = Judge::new(a.judge);
                let output = Output::new(a.output, Format::RESULTS, input.protected(Some(&judge)))?;
                let select = a.select.filter();
                Settings::Trend(Trend { input, judge, county: a.county, select, output, lang: a.lang.into() })
            }
            Command::Indicators(a) => {
                let output = Output::new(a.output, Format::RESULTS, a.catalog.iter().cloned().collect())?;
                Settings::Indicators(Indicators {
                    catalog: a.catalog,
                    kind: a.kind,
                    domain: a.domain,
                    source: a.source,
                    projects: a.projects,
                    output,
                    lang: a.lang.into(),
                })
            }
            Command::Template(a) => {
                // A template is csv unless asked for xlsx, by name or by -o's extension.
                let format = match (a.format, &a.output) {
                    (Some(f), _) => f,
                    (None, Some(p)) if Format::of_path(p) == Some(Format::Xlsx) => Format::Xlsx,
                    _ => Format::Csv,
                };
                Settings::Template(Template {
                    year: a.year,
                    projects: a.projects,
                    counties: a.county,
                    shape: a.shape,
                    format,
                    path: a.output,
                    catalog: a.catalog,
                    select: a.select.filter(),
                    lang: a.lang.into(),
                })
            }
            Command::CheckCatalog(a) => {
                let mut protected = vec![a.file.clone()];
                protected.extend(a.plan.clone());
                // One line per finding: nothing to colour.
                let args = cli::OutputArgs { format: a.format, output: a.output, color: ColorArg::Never };
                let output = Output::new(args, Format::FINDINGS, protected)?;
                Settings::CheckCatalog(CheckCatalog {
                    origin: a.file.display().to_string(),
                    file: a.file,
                    plan: a.plan,
                    strict: a.strict,
                    output,
                    lang: a.lang.into(),
                })
            }
            Command::Report(a) => {
                let format = match a.format {
                    Some(f) => f,
                    None => document_format(&a.output)?,
                };
                let input = Input::new(a.input)?;
                let judge = Judge::new(a.judge);
                let mut protected = input.protected(Some(&judge));
                protected.extend(a.narrative.clone());
                Settings::Report(Report {
                    input,
                    judge,
                    county: a.county,
                    select: a.select.filter(),
                    lang: a.lang.into(),
                    skip_invalid: a.skip_invalid,
                    fail_on: a.fail_on.into(),
                    overdue_projects: a.fail_on == cli::FailOnArg::OverdueProjects,
                    path: a.output,
                    format,
                    protected,
                    narrative: a.narrative,
                })
            }
            Command::Completions(a) => Settings::Completions(a.shell),
        })
    }
}

/// The document format `-o`'s extension asks for.
fn document_format(path: &Path) -> anyhow::Result<DocumentFormat> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("docx") => Ok(DocumentFormat::Docx),
        Some("html" | "htm") => Ok(DocumentFormat::Html),
        _ => Err(Failure::DocumentFormat { path: path.display().to_string() }.into()),
    }
}

/// The data files and how to read them.
#[derive(Debug, Clone)]
pub struct Input {
    pub files: Vec<String>,
    pub catalog: Option<PathBuf>,
    /// `--year`: the year evaluated, and the year of rows that carry none.
    pub year: Option<i32>,
    pub read: ReadOptions,
}

impl Input {
    fn new(a: cli::InputArgs) -> anyhow::Result<Input> {
        if let Some(label) = &a.encoding
            && encoding_rs::Encoding::for_label(label.trim().as_bytes()).is_none()
        {
            return Err(Failure::UnknownEncoding { label: label.clone() }.into());
        }
        let limits: &[LimitSetting] = &a.limit;
        let read = ReadOptions {
            encoding: a.encoding,
            sheet: a.sheet,
            limits: Limits::with(limits),
            follow_symlinks: a.follow_symlinks,
            header_row: a.header_row.map(|n| n as usize),
            all_sheets: a.all_sheets,
        };
        Ok(Input { files: a.files, catalog: a.catalog, year: a.year, read })
    }

    /// The files a command reads, which `-o` must not overwrite.
    /// Folders expanded to their files, the catalogue read by default included (issue 19).
    fn protected(&self, judge: Option<&Judge>) -> Vec<PathBuf> {
        let targets = judge.and_then(|j| j.targets.as_deref());
        crate::output::write::files_read(&self.files, self.catalog.as_deref(), &[targets])
    }

    /// The data files as named in output: `-` is [`crate::load::STDIN_NAME`]. Escaped: a file's name is
    /// input, shown in every format's header.
    pub fn display_names(&self) -> Vec<String> {
        self.files.iter().map(|f| crate::problem::escape(&crate::load::display_name(f)).into_owned()).collect()
    }
}

/// How indicators are judged.
#[derive(Debug)]
pub struct Judge {
    /// `--stage`; `None`: by the year evaluated.
    pub stage: Option<Stage>,
    pub targets: Option<PathBuf>,
}

impl Judge {
    fn new(a: cli::JudgeArgs) -> Judge {
        Judge { stage: a.stage.map(Into::into), targets: a.targets }
    }
}

/// Where the results go and in which format.
#[derive(Debug)]
pub struct Output {
    pub format: Format,
    /// `-o`; `None` is standard output.
    pub path: Option<PathBuf>,
    pub color: ColorArg,
    /// The files the command reads, which `-o` must not name.
    pub protected: Vec<PathBuf>,
}

impl Output {
    /// The format: `--format` (clap has kept it to `writes`), else `-o`'s extension when the command
    /// writes that format, else a table.
    fn new(a: cli::OutputArgs, writes: &[Format], protected: Vec<PathBuf>) -> anyhow::Result<Output> {
        let format = match (a.format, &a.output) {
            (Some(f), _) => f,
            (None, None) => Format::Table,
            (None, Some(path)) => {
                let shown = path.display().to_string();
                let format = Format::of_path(path).ok_or(Failure::FormatFromExtension { path: shown.clone() })?;
                if !writes.contains(&format) {
                    let writes = writes.iter().map(|f| f.name()).collect();
                    return Err(Failure::FormatNotWritten { path: shown, format: format.name(), writes }.into());
                }
                format
            }
        };
        Ok(Output { format, path: a.output, color: a.color, protected })
    }

    /// Renders the content: to standard output (fitted and coloured for a terminal), or to `-o FILE`,
    /// written atomically.
    pub fn emit(&self, content: &Content, console: Console, out: &mut dyn Write) -> anyhow::Result<()> {
        let Some(path) = &self.path else {
            if self.format.is_binary() && console.tty {
                return Err(Failure::BinaryToTerminal { format: self.format.name() }.into());
            }
            let color = match self.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => console.tty && !console.no_color,
            };
            let style = Style { width: console.width.filter(|_| console.tty), color, file: false };
            return crate::output::render(content, self.format, &style, out);
        };
        refuse_input(path, &self.protected)?;
        let style = Style { width: None, color: false, file: true };
        write_atomically_with(path, |out| crate::output::render(content, self.format, &style, out))
    }
}

/// `-o` naming a file the command reads would destroy its input: compared by name and by identity
/// (device and inode), folders expanded, the default catalogue included ([`crate::output::write`]).
pub fn refuse_input(path: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    crate::output::write::refuse_input(path, inputs)
}

/// Writes `-o`: a regular file atomically, a pipe or a character device through, anything else
/// refused ([`crate::output::write::write_output`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::output::write::write_output(path, bytes)
}

/// [`write_atomically`], `render` writing straight into the temporary file that is then renamed
/// (atomicity needs the file, not the document in memory); a pipe or a device gets it rendered first.
pub fn write_atomically_with(
    path: &Path,
    render: impl FnOnce(&mut dyn WriteSeek) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    crate::output::write::write_output_with(path, render)
}

/// The area a `--county` names (a name or an alias): the one lookup every command makes.
pub fn county<'c>(catalog: &'c Catalog, name: &str) -> anyhow::Result<&'c County> {
    if let Some(c) = catalog.county(name) {
        return Ok(c);
    }
    let known = catalog.counties.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases)).map(String::as_str);
    Err(Failure::NoCounty { name: name.to_string(), hint: closest(name, known) }.into())
}

/// The area a `--county` names, which the evaluated data must have rows for.
pub fn county_in_data<'c>(catalog: &'c Catalog, evaluation: &Evaluation, name: &str) -> anyhow::Result<&'c str> {
    let area = county(catalog, name)?;
    if !evaluation.areas.contains(&area.name) {
        return Err(Failure::CountyNoRows { area: area.name.clone(), year: evaluation.year }.into());
    }
    Ok(&area.name)
}

#[derive(Debug)]
pub struct Eval {
    pub input: Input,
    pub judge: Judge,
    pub county: Option<String>,
    pub output: Output,
    pub fail_on: FailOn,
    /// `--fail-on overdue-projects`: an overdue major project (重大工程) is a finding too.
    pub overdue_projects: bool,
    pub lang: Lang,
    pub skip_invalid: bool,
    pub explain: Option<String>,
    /// The indicators judged: `--source`/`--all`, every one with `--explain`.
    pub select: SourceFilter,
    /// `--type` and `--only`.
    pub filter: Filter,
}

#[derive(Debug)]
pub struct Validate {
    pub input: Input,
    pub output: Output,
    pub lang: Lang,
    pub require: Require,
    pub max_errors: Option<usize>,
    /// `--area-from-filename`: each file holds only the rows of the area its name names.
    pub area_from_filename: bool,
    /// `--complete`: which indicators each area must give.
    pub complete: Option<Completeness>,
}

/// `plan-check diff BASE… --against HEAD…`.
#[derive(Debug)]
pub struct Diff {
    /// BASE…: the files before; `after` reads HEAD… the same way.
    pub before: Input,
    pub after: Input,
    pub judge: Judge,
    pub output: Output,
    /// `--fail-on binding-change`.
    pub fail_on_binding_change: bool,
    pub lang: Lang,
}

#[derive(Debug)]
pub struct Rank {
    pub input: Input,
    pub judge: Judge,
    pub indicator: String,
    pub output: Output,
    pub lang: Lang,
}

#[derive(Debug)]
pub struct Trend {
    pub input: Input,
    pub judge: Judge,
    pub county: Option<String>,
    pub select: SourceFilter,
    pub output: Output,
    pub lang: Lang,
}

#[derive(Debug)]
pub struct Indicators {
    pub catalog: Option<PathBuf>,
    pub kind: Option<IndicatorType>,
    pub domain: Option<String>,
    pub source: Option<SourceFilter>,
    /// `--projects`: the register of major projects instead of the indicators.
    pub projects: bool,
    pub output: Output,
    pub lang: Lang,
}

#[derive(Debug)]
pub struct Template {
    pub year: i32,
    /// `--projects`: a project status sheet rather than a data file.
    pub projects: bool,
    /// `--county`, in the order given; empty: every area.
    pub counties: Vec<String>,
    pub shape: Shape,
    /// csv or xlsx.
    pub format: Format,
    pub path: Option<PathBuf>,
    pub catalog: Option<PathBuf>,
    pub select: SourceFilter,
    pub lang: Lang,
}

#[derive(Debug)]
pub struct CheckCatalog {
    pub file: PathBuf,
    /// The catalogue as named in every message.
    pub origin: String,
    pub plan: Option<PathBuf>,
    pub strict: bool,
    pub output: Output,
    pub lang: Lang,
}

impl CheckCatalog {
    /// The catalogue's text, and the plan's when `--plan` names it.
    pub fn read(&self) -> anyhow::Result<(String, Option<String>)> {
        // Side files get the data files' checks and a size limit (issue 19).
        let limits = crate::load::Limits::default();
        let failure = Failure::ReadCatalog { path: crate::problem::escape(&self.origin).into_owned() };
        let text = crate::load::read_side_file(&self.file, failure, &limits, false)?;
        let plan = match &self.plan {
            Some(p) => {
                let failure = Failure::ReadPlan { path: crate::problem::escape(&p.to_string_lossy()).into_owned() };
                Some(crate::load::read_side_file(p, failure, &limits, false)?)
            }
            None => None,
        };
        Ok((text, plan))
    }
}

#[derive(Debug)]
pub struct Report {
    pub input: Input,
    pub judge: Judge,
    pub county: Option<String>,
    pub select: SourceFilter,
    pub lang: Lang,
    pub skip_invalid: bool,
    pub fail_on: FailOn,
    /// `--fail-on overdue-projects`.
    pub overdue_projects: bool,
    /// `-o`: the document.
    pub path: PathBuf,
    pub format: DocumentFormat,
    /// The files the command reads, which `-o` must not name.
    pub protected: Vec<PathBuf>,
    /// `--narrative`: the analyst's text for the parts only people can write.
    pub narrative: Option<PathBuf>,
}
