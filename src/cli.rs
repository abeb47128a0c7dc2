//! The command line: every flag documented here is the `--help` text. The library's own types know no
//! clap; the value enums here are mapped onto them.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::Lang;
use crate::catalog::{IndicatorType, SourceFilter};
use crate::checks::Require;
use crate::evaluate::{FailOn, Stage};
use crate::output::Format;

/// The exit codes, shown under `plan-check --help` and in the man page.
const EXIT_CODES: &str = "\
Exit codes:
  0  ran, and nothing is failing (trend, rank, indicators, template and
     completions: always, once they ran)
  1  findings: eval and report - a failing, lagging or regressing
     indicator under --fail-on; validate - an error in the data;
     check-catalog - an error (with --strict, a warning too); diff - a
     binding city-level verdict that changed, under --fail-on
  2  could not run: bad usage, an unreadable file, an invalid catalogue,
     targets file or (for eval, report, rank, trend) data file

Every flag: `plan-check help COMMAND`. Guides: README.md and docs/.";

/// Tells a city whether it is keeping the promises of its environmental plan.
///
/// Reads the plan's indicators from indicators.toml (or --catalog, or the copy built in), reads
/// measurement files (CSV in UTF-8 or GB18030, or Excel), and judges every indicator: pass/fail at the
/// end of the plan, or against time-proportional progress (序时进度) at mid-term.
#[derive(Debug, Parser)]
#[command(name = "plan-check", version, about, long_about, after_long_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The language the command speaks (`--lang`; completions, which has none, in English).
    pub fn lang(&self) -> Lang {
        let lang = match &self.command {
            Command::Eval(a) => a.lang,
            Command::Validate(a) => a.lang,
            Command::Diff(a) => a.lang,
            Command::Rank(a) => a.lang,
            Command::Trend(a) => a.lang,
            Command::Indicators(a) => a.lang,
            Command::Template(a) => a.lang,
            Command::CheckCatalog(a) => a.lang,
            Command::Report(a) => a.lang,
            Command::Completions(_) => LangArg::En,
        };
        lang.into()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Judge every indicator on measurement files: city-level table, area matrix, summary.
    Eval(EvalArgs),
    /// Check data files for everything `eval` needs, without evaluating; for CI.
    Validate(ValidateArgs),
    /// What revised files change: verdicts that move, then values that move alone, and the rows behind them.
    Diff(DiffArgs),
    /// Rank the reporting areas on one indicator, best first.
    Rank(RankArgs),
    /// Show each indicator over the years: values, sparkline, progress category, projection, verdict.
    Trend(TrendArgs),
    /// List the catalogue: each indicator's type, baseline, target, due year, source and areas.
    Indicators(IndicatorsArgs),
    /// Write an empty data file, one cell per applicable (area, indicator), for the areas to fill in.
    Template(TemplateArgs),
    /// Lint a catalogue written for this plan or another: errors, and warnings about what eval cannot judge.
    CheckCatalog(CheckCatalogArgs),
    /// Write the mid-term or final evaluation as a document: Word (.docx) or one HTML page with charts.
    Report(ReportArgs),
    /// Print a completion script for bash, zsh, fish or PowerShell, to save where the shell loads it from.
    Completions(CompletionsArgs),
}

/// Options shared by every command that reads the catalogue and data files.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Measurement files: CSV (long or wide; UTF-8, GB18030 or UTF-16) or .xlsx workbooks (.xls, .ods refused);
    /// `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// The catalogue to use [default: ./indicators.toml, else the copy built into the binary].
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// The year to evaluate [default: the latest year in the data]; later years are left out, and a year the
    /// data has no rows for is an error. Also the year of rows that carry none of their own (no year column,
    /// no year in the file name).
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Read CSV in this encoding (utf-8, gb18030, gbk …) instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// The sheet of a workbook to read [default: the sheet Excel opens on, if visible, else the first
    /// visible one].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Read every visible sheet of a workbook, each on its own (a sheet named by a year dates its rows
    /// as a file name does) [default: the sheet Excel opens on; the others are an unread-sheet warning].
    #[arg(long, conflicts_with = "sheet")]
    pub all_sheets: bool,
    /// The row of the header (1-based) [default: the first row, or in a form (填报表) with a title above
    /// the header, the first of the first 10 rows that names the area and indicator columns].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// Raise a limit (repeatable): file-bytes, workbook-bytes, sheet-cells, cell-bytes,
    /// problems-per-code, problems-per-run or side-file-bytes, e.g. --limit workbook-bytes=1G (see
    /// docs/limits.md).
    #[arg(long, value_name = "NAME=N")]
    pub limit: Vec<crate::load::LimitSetting>,
    /// Read a data file that is a symbolic link (refused by default: a link in a submission can point
    /// at any file of the machine).
    #[arg(long)]
    pub follow_symlinks: bool,
}

/// Options that decide how indicators are judged.
#[derive(Debug, Args)]
pub struct JudgeArgs {
    /// The evaluation stage: midterm judges 序时进度 (time-proportional progress), final judges pass/fail
    /// [default: final from the plan's target year (2025) on, else midterm].
    #[arg(long, value_enum)]
    pub stage: Option<StageArg>,
    /// Targets the province (or the city, per area) assigns: TOML, one table per indicator id; they replace
    /// the plan's targets where they are given.
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub judge: JudgeArgs,
    /// One area's view (a name or alias): its applicable indicators, its own summary, and an exit code that
    /// follows it.
    #[arg(long, value_name = "NAME")]
    pub county: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Which city-level verdicts (with --county, that area's) make the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOnArg::Binding)]
    pub fail_on: FailOnArg,
    /// Language of the tables, headings and the verdict line (JSON and CSV fields stay English).
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// Evaluate the valid rows of an invalid file (its problems are still printed) instead of stopping.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Take one indicator's verdict apart (its id or exact name): the rule, the figures and the rows
    /// they came from, the arithmetic of completion and progress. The city-level row, or --county's.
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Only indicators of this type (binding/约束性, expected/预期性, leading/引领性, task/重点任务);
    /// repeat for several.
    #[arg(long = "type", value_name = "T", value_parser = type_parser())]
    pub kind: Vec<IndicatorType>,
    /// Only the verdicts that are off track: fail, lagging or regressing.
    #[arg(long, value_enum)]
    pub only: Option<Only>,
}

/// `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// fail, lagging and regressing.
    OffTrack,
}

/// Where the results go and how they look: shared by every command that prints results.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: from the extension of -o (.txt, .json, .csv, .md, .xlsx), else table].
    #[arg(long, value_parser = format_parser(Format::RESULTS))]
    pub format: Option<Format>,
    /// Write here instead of standard output (atomically: all of it, or the old file untouched).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour the statuses of a table: auto (a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

/// Which indicators a command covers: the plan's table by default, the body's tasks on request.
#[derive(Debug, Args)]
pub struct SelectArgs {
    /// Include the body's tasks (the dated targets of the chapters and 专栏) as well as Table 2.
    #[arg(long, conflicts_with = "source")]
    pub all: bool,
    /// Which indicators: table (表2, the default), body (the tasks), all, or a source such as 第八章,
    /// 第八章第一节 or 专栏六 (the indicators whose source starts with it).
    #[arg(long, value_name = "S")]
    pub source: Option<SourceFilter>,
}

impl SelectArgs {
    pub fn filter(&self) -> SourceFilter {
        match (&self.source, self.all) {
            (Some(s), _) => s.clone(),
            (None, true) => SourceFilter::All,
            (None, false) => SourceFilter::Table,
        }
    }
}

#[derive(Debug, Args)]
pub struct RankArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub judge: JudgeArgs,
    /// The indicator to rank on: its id, its name, or a part of its name that only it has.
    #[arg(long, value_name = "ID")]
    pub indicator: String,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Language of the table's labels (JSON is always English).
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub judge: JudgeArgs,
    /// The area to show (a name or alias) [default: the city-level rows 全市 / 中心市区].
    #[arg(long, value_name = "NAME")]
    pub county: Option<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Language of the table's labels (JSON is always English).
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

/// `plan-check report`: the same loading, year, stage and targets rules as `eval`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub judge: JudgeArgs,
    /// One area's report: its applicable indicators and its own counts.
    #[arg(long, value_name = "NAME")]
    pub county: Option<String>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Language of the document.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// Evaluate the valid rows of an invalid file; the document lists the problems in its appendix.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Which city-level verdicts (with --county, that area's) make the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOnArg::Binding)]
    pub fail_on: FailOnArg,
    /// The file to write (replaced only once the document is complete).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Document format [default: from the extension of -o: .docx or .html/.htm].
    #[arg(long, value_enum)]
    pub format: Option<DocumentFormat>,
    /// The analyst's text: Markdown whose `## ` headings name the parts it goes into (## 主要成效,
    /// ## 存在的主要问题, ## 下一步工作建议, or their English names); without it, a placeholder.
    #[arg(long, value_name = "FILE")]
    pub narrative: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// Word, with real tables, headings and page numbers.
    Docx,
    /// One self-contained page: inline CSS and SVG charts, no script; prints on A4.
    Html,
}
/// `--year` dates rows here; there is no evaluation year to choose.
const VALIDATE_YEAR_HELP: &str = "The year of rows that carry none of their own (no year column, no year in the \
file name); rows with a year keep it";

#[derive(Debug, Args)]
#[command(mut_arg("year", |a| a.help(VALIDATE_YEAR_HELP)))]
#[command(mut_arg("format", |a| a.value_parser(format_parser(Format::PROBLEMS))))]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Language of the table and the accounting (problem codes and JSON stay English).
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// Which city-level values must be present for the latest year in the data (a value its areas
    /// aggregate to counts as present).
    #[arg(long, value_enum, default_value_t = RequireArg::None)]
    pub require: RequireArg,
    /// Show at most this many problems (the counts still cover them all).
    #[arg(long, value_name = "N")]
    pub max_errors: Option<usize>,
    /// Each file holds one area's rows: the area its name (or, failing that, its folder's name) names,
    /// e.g. 晋江市-2024.csv; a row of another area is an error (foreign-area).
    #[arg(long)]
    pub area_from_filename: bool,
    /// Every area with rows in a year must give every indicator that applies to it: the binding ones
    /// (--complete, --complete binding) or all of them (--complete all); one missing-indicator error
    /// per area and indicator lacking. Give the files first, or write --complete=all.
    #[arg(long, value_enum, value_name = "WHICH", num_args = 0..=1, default_missing_value = "binding")]
    pub complete: Option<Complete>,
}

/// `validate --complete`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Complete {
    /// Every binding (约束性) indicator that applies to the area.
    Binding,
    /// Every indicator that applies to the area.
    All,
}

/// `plan-check diff BASE… --against HEAD…`.
#[derive(Debug, Args)]
#[command(mut_arg("format", |a| a.value_parser(format_parser(Format::DIFF))))]
pub struct DiffArgs {
    /// The files (or folders) before: BASE…
    #[command(flatten)]
    pub input: InputArgs,
    /// The files (or folders) after: HEAD…
    #[arg(long, value_name = "HEAD", num_args = 1.., required = true)]
    pub against: Vec<String>,
    #[command(flatten)]
    pub judge: JudgeArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// What makes the exit code 1: never (the default), or a binding indicator's city-level verdict that
    /// changes (binding-change).
    #[arg(long, value_enum, default_value_t = DiffFailOn::Never)]
    pub fail_on: DiffFailOn,
    /// Language of the tables, annotations and the job summary (JSON stays English).
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

/// `diff --fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFailOn {
    /// Exit 0 whatever changed.
    Never,
    /// Exit 1 when a binding (约束性) indicator's city-level verdict changes.
    BindingChange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RequireArg {
    /// Nothing beyond well-formed rows.
    None,
    /// A city-level value for every binding (约束性) indicator.
    Binding,
    /// A city-level value for every indicator.
    All,
}

impl From<RequireArg> for Require {
    fn from(r: RequireArg) -> Require {
        match r {
            RequireArg::None => Require::None,
            RequireArg::Binding => Require::Binding,
            RequireArg::All => Require::All,
        }
    }
}

#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    /// The catalogue to use [default: ./indicators.toml, else the copy built into the binary].
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// Only indicators of this type (binding/约束性, expected/预期性, leading/引领性, task/重点任务).
    #[arg(long = "type", value_name = "T", value_parser = type_parser())]
    pub kind: Option<IndicatorType>,
    /// Only indicators whose domain (领域, or a task's chapter) contains this text.
    #[arg(long, value_name = "D")]
    pub domain: Option<String>,
    /// Only indicators from here: table (表2), body (the tasks), or a source such as 第八章 or 专栏六.
    #[arg(long, value_name = "S")]
    pub source: Option<SourceFilter>,
    /// List the register of major projects (重大工程 of 专栏二–九) instead of the indicators.
    #[arg(long, conflicts_with_all = ["kind", "domain", "source"])]
    pub projects: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Language of the table's labels.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The year the file is for; written in its year column.
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    /// A project status sheet: one row per entry of the register of major projects (重大工程), its
    /// status, progress and investment to fill in.
    #[arg(long, conflicts_with_all = ["county", "shape", "all", "source"])]
    pub projects: bool,
    /// Only these areas (names or aliases; 全市 and 中心市区 are the city rows) [default: every area].
    #[arg(long, value_name = "NAME", num_args = 1..)]
    pub county: Vec<String>,
    /// Long: one row per (area, indicator); wide: one row per area, one column per indicator.
    #[arg(long, value_enum, default_value_t = Shape::Long)]
    pub shape: Shape,
    /// File format [default: xlsx when -o ends in .xlsx, else csv].
    #[arg(long, value_parser = format_parser(Format::TEMPLATE))]
    pub format: Option<Format>,
    /// Write here instead of standard output (xlsx needs a file).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The catalogue to use [default: ./indicators.toml, else the copy built into the binary].
    #[arg(long, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    #[command(flatten)]
    pub select: SelectArgs,
    /// Language of the column headers and notes.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shape {
    /// One row per (area, indicator): 县市区,指标,数值,年份,备注.
    Long,
    /// One row per area, one column per indicator.
    Wide,
}

#[derive(Debug, Args)]
pub struct CheckCatalogArgs {
    /// The catalogue to check.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The plan's text: every `quote` must be found in it, word for word.
    #[arg(long, value_name = "TEXT")]
    pub plan: Option<PathBuf>,
    /// Output format [default: from the extension of -o (.txt, .json), else table].
    #[arg(long, value_parser = format_parser(Format::FINDINGS))]
    pub format: Option<Format>,
    /// Write here instead of standard output (atomically: all of it, or the old file untouched).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat every warning as an error: reported as an error, and the exit code is 1.
    #[arg(long)]
    pub strict: bool,
    /// Language of the messages (codes and JSON field names stay English).
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文 (default).
    Zh,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// `--stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StageArg {
    /// Time-proportional progress (序时进度) against the elapsed share of the plan's period.
    Midterm,
    /// Pass or fail against the target.
    Final,
}

impl From<StageArg> for Stage {
    fn from(s: StageArg) -> Stage {
        match s {
            StageArg::Midterm => Stage::Midterm,
            StageArg::Final => Stage::Final,
        }
    }
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// A binding (约束性) indicator that is fail, lagging or regressing.
    Binding,
    /// Any indicator that is fail, lagging or regressing.
    Any,
    /// Never: always exit 0 once the evaluation ran.
    Never,
    /// As binding, and also any major project (重大工程) overdue, when a project status file is read.
    OverdueProjects,
}

impl From<FailOnArg> for FailOn {
    fn from(f: FailOnArg) -> FailOn {
        match f {
            // Projects are judged apart from the indicators (cmd/eval.rs); the indicators as binding.
            FailOnArg::Binding | FailOnArg::OverdueProjects => FailOn::Binding,
            FailOnArg::Any => FailOn::Any,
            FailOnArg::Never => FailOn::Never,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Also in a pipe (for `less -R`); never in a file.
    Always,
    /// Never.
    Never,
}

/// `--format`: the formats a command writes, each with its `--help` line from [`Format::help`] (the list
/// and the words live with the formats), and `text` (the old name of `table`) hidden where a table is one.
fn format_parser(formats: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    let mut names: Vec<PossibleValue> = formats.iter().map(|&f| PossibleValue::new(f.name()).help(f.help())).collect();
    if formats.contains(&Format::Table) {
        names.push(PossibleValue::new("text").hide(true));
    }
    PossibleValuesParser::new(names).map(|s| s.parse::<Format>().unwrap_or(Format::Table))
}

/// `--type`: in English or as the plan writes it.
fn type_parser() -> impl TypedValueParser<Value = IndicatorType> {
    let mut names: Vec<PossibleValue> = IndicatorType::ALL
        .iter()
        .map(|&t| PossibleValue::new(t.as_str()).alias(crate::labels::type_label(t, Lang::Zh)).help(type_help(t)))
        .collect();
    names.push(PossibleValue::new("任务").hide(true));
    PossibleValuesParser::new(names).map(|s| crate::labels::parse_type(&s).unwrap_or(IndicatorType::Task))
}

/// What each `--type` means, for `--help`.
fn type_help(kind: IndicatorType) -> &'static str {
    match kind {
        IndicatorType::Binding => "约束性: binding on the government; the default --fail-on counts only these",
        IndicatorType::Expected => "预期性: expected",
        IndicatorType::Leading => "引领性: leading, a direction to aim for",
        IndicatorType::Task => "重点任务: a dated promise of the plan's chapters and 专栏",
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

/// The shells `completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    /// Bash: source it, or save it as ~/.local/share/bash-completion/completions/plan-check.
    Bash,
    /// Zsh: save it as _plan-check in a folder of $fpath.
    Zsh,
    /// Fish: save it as ~/.config/fish/completions/plan-check.fish.
    Fish,
    /// PowerShell: add `plan-check completions powershell | Out-String | Invoke-Expression` to $PROFILE.
    Powershell,
}

impl CompletionShell {
    /// The generator clap_complete uses for this shell.
    pub fn generator(self) -> clap_complete::Shell {
        match self {
            CompletionShell::Bash => clap_complete::Shell::Bash,
            CompletionShell::Zsh => clap_complete::Shell::Zsh,
            CompletionShell::Fish => clap_complete::Shell::Fish,
            CompletionShell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
