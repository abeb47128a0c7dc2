//! Problems found in a data file: a stable code, a place, what was found and what was expected.
//! The same list serves `validate`, `eval` and every output format.

use serde::Serialize;

use crate::target::{Better, Cmp, Misfit, TargetError};

/// What a problem expected instead of what it found, with the figures and names that say it; one
/// variant per kind of expectation. The words, in either language, are in [`crate::labels::expected`].
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    FolderWithDataFiles,
    ListableFolder,
    ReadableFile,
    ReadableCsv,
    RegularFileNotLink,
    DataFileOrFolder,
    RegularFile,
    FileNotPattern,
    ExistingFile,
    /// Within a limit (`--limit name=N`) of `value`.
    AtMost {
        limit: &'static str,
        value: u64,
    },
    CellAtMost {
        value: u64,
    },
    Workbook,
    XlsxZip,
    DecompressibleWorkbook,
    XlsxWorkbook,
    CsvOrXlsx,
    SharedStringsCount,
    SheetOf {
        sheets: Vec<String>,
    },
    VisibleWorksheet,
    ReadableSheet,
    WithinExcelGrid,
    /// Values typed in: `cached` cells of `sheet` are formulas whose saved values are used.
    TypedValues {
        cached: u64,
        sheet: String,
    },
    KnownEncoding,
    /// What a workbook of another kind than .xlsx (.xls, .ods) or a sheet of one should be; the words
    /// are in `labels::workbooks`.
    Book(BookExpected),
    /// One year in a file name; rows without a year are dated `fallback`, when given.
    OneYearInName {
        fallback: Option<i32>,
    },
    /// Each area, indicator and year once; the other occurrence is `at` with `value`.
    Once {
        same: bool,
        at: String,
        value: Option<f64>,
    },
    HeaderAndDataRow,
    YearSource,
    DataRowUnderHeader,
    OneColumn {
        field: &'static str,
        first: usize,
    },
    OneColumnFor {
        id: String,
        first: usize,
    },
    CountyColumnFirst,
    IndicatorColumn,
    RatioOnlyInLong,
    OneIndicator {
        ids: Vec<String>,
    },
    IndicatorHeader,
    LongColumn {
        field: &'static str,
    },
    KnownColumn,
    LongOrWide,
    Text {
        encoding: String,
    },
    Cells {
        width: usize,
        beyond: bool,
    },
    EmptyCellNoHeader,
    ReportingArea,
    IndicatorIdOrName,
    YearSuchAs,
    YearBetween,
    Number {
        percent: bool,
        why: NotNumber,
    },
    InRange(Range),
    CountNotNegative,
    Count {
        why: NotNumber,
    },
    NotRatio {
        id: String,
    },
    BothOrNeither,
    DenominatorAtLeast {
        numerator: f64,
    },
    DenominatorAboveZero,
    /// The ratio `value` of numerator and denominator.
    Ratio {
        value: f64,
    },
    CityTaskOnly {
        id: String,
        city_row: String,
    },
    /// A city-level row the indicator is not judged on (a 全市 row of a 中心市区 indicator).
    UnusedCityRow {
        id: String,
        city_row: String,
    },
    /// A compounded rate's yearly rate for `year`, between the base year and a later year given.
    CompoundRate {
        id: String,
        year: i32,
    },
    TaggedOnly {
        id: String,
        tags: Vec<String>,
    },
    /// The catalogue's baseline, stated at `origin:line`, is used rather than the file's `found`.
    CatalogBaseline {
        baseline: f64,
        area: String,
        id: String,
        year: i32,
        origin: String,
        line: usize,
        found: f64,
    },
    /// About `value`, what `areas` areas aggregate to; `ratio` says by Σ numerator / Σ denominator.
    Aggregate {
        value: f64,
        areas: usize,
        ratio: bool,
        city: String,
    },
    /// A year of the plan's period, `base` to `target` (the catalogue's `[plan]`).
    YearInPlan {
        base: i32,
        target: i32,
    },
    /// The year the file's name gives, `name_year`; `rows` rows of this file give `found` instead.
    YearOfName {
        name_year: i32,
    },
    /// A value on the `city_row` row, of the last year when there is one.
    CityValue {
        id: String,
        name: String,
        city_row: String,
        year: Option<i32>,
    },
    /// A number with the unit `unit` written after it: the number alone (`19.8`, not `19.8μg/m3`).
    NumberWithoutUnit {
        unit: String,
    },
    /// Rows of `area` only: the file's name says it is that area's file (`--area-from-filename`).
    RowsOfArea {
        area: String,
    },
    /// A file name that names one area (`--area-from-filename`); `named` are the areas it names.
    AreaInFileName {
        named: Vec<String>,
    },
    /// A value for indicator `id` (`name`) on `area`'s row in `year` (`--complete`).
    AreaValue {
        area: String,
        id: String,
        name: String,
        year: i32,
    },
    /// The numerator and denominator beside an area's value of the ratio indicator `id`, from which
    /// the `city_row` value is aggregated.
    RatioParts {
        id: String,
        city_row: String,
    },
    /// What a project status file expected (docs/projects.md); words in `labels/projects.rs`.
    Project(ProjectExpected),
    /// A catalogue or a targets file that breaks a rule: the rule, said as a sentence.
    Catalog(Broken),
    /// What `check-catalog` warns that `eval` cannot judge: said as a sentence.
    Lint(Warned),
}

/// What a row of a project status file expected.
#[derive(Debug, Clone, PartialEq)]
pub enum ProjectExpected {
    /// A project id or exact name of the register.
    IdOrName,
    /// One of the five statuses, in Chinese or English.
    Status,
    /// A `field` column (project, status).
    Column { field: &'static str },
    /// A column the status file knows.
    KnownColumn,
    /// An amount in 万元 of zero or more.
    Amount { why: Option<NotNumber> },
    /// Progress no lower than `progress` reported for `year` at `at`.
    NotFalling { year: i32, progress: f64, at: String },
    /// Progress of 100 for a completed project.
    CompletedAt100,
    /// Invested no more than the planned investment.
    AtMostPlanned { planned: f64 },
    /// Each project and year once; the other row is `at`.
    Once { same: bool, at: String },
}

/// What a workbook, its structure or its sheets should have been (`Expected::Book`).
#[derive(Debug, Clone, PartialEq)]
pub enum BookExpected {
    /// A format plan-check reads (.csv, .xlsx, .xlsb, .xls, .ods).
    ReadFormat,
    /// A compound file (OLE) whose sectors and chains are whole.
    CompoundFile,
    /// A compound file holding a Workbook (BIFF8) or Book (BIFF5) stream.
    WorkbookStream,
    /// A stream as long as its entry says, whose records end within it.
    WholeStream,
    /// Records no longer than BIFF8 allows.
    RecordSize,
    /// A sheet that starts within the stream.
    SheetOffset,
    /// A DIMENSIONS record whose first row and column come before its last.
    Dimensions,
    /// A string, formula or run of cells that fits in its record.
    WithinRecord,
    /// An OpenDocument `content.xml` that can be read.
    OdsContent,
    /// Only the sheet `read` is read; `--all-sheets` reads every visible one.
    OneSheetRead { read: String },
    /// The sheet Excel opens on is hidden (or no worksheet): `read`, the first visible worksheet, is
    /// read instead.
    HiddenActive { read: String },
    /// .xlsb: parts whose records (a type, a length, that many bytes) each end within the part.
    BinaryRecords,
    /// .xlsb: each sheet named in `xl/workbook.bin` with its part in `xl/_rels/workbook.bin.rels`
    /// and in the zip.
    SheetPart,
    /// .xlsb: a cell record as long as its kind needs, its string within it, on a row and column of
    /// Excel's grid.
    CellRecord,
    /// .xlsb: a sheet's state 0 (visible), 1 (hidden) or 2 (very hidden).
    SheetState,
    /// .xlsb: a sheet's dimensions (BrtWsDim) whose first row and column come before its last.
    SheetDimensions,
    /// A form's units row: the catalogue's unit `unit` of indicator `id`.
    FormUnit { id: String, unit: String },
    /// .xlsb: a shared string index within the shared strings table, which holds `count` strings.
    SharedString { count: u64 },
}

/// What is wrong in the keys other plans' tables need: `[plan]`'s `official_row`, `level` and
/// `about_tolerance`, `[status_labels]`, an indicator's `compound` and `rebased`. Words in
/// `crate::labels` (plan_words.rs).
#[derive(Debug, Clone, PartialEq)]
pub enum PlanBroken {
    AboutTolerance { value: f64 },
    LevelWords,
    StatusKey { key: String },
    StatusWordEmpty { key: String },
    OfficialRowNotCity { row: String },
    CompoundNotCumulative,
    CompoundAggregated,
    CompoundNotPercent { unit: String },
    RebasedCumulative,
    RebasedWithoutBaseline,
    RebasedNotNumber,
    RebasedNoNote,
}

/// What a path is when it is not a regular file, a named pipe or a character device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Folder,
    BlockDevice,
    Socket,
    Other,
}

/// Which figure of a catalogue [`Broken::FigureNotAFigure`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Target,
    Reference,
}

/// A rule of a catalogue or of a `--targets` file that an entry breaks (code `invalid` or
/// `invalid-targets`); the words, in either language, are in `crate::labels`.
#[derive(Debug, Clone, PartialEq)]
pub enum Broken {
    /// A key other plans need (issue 22) used wrongly.
    Plan(PlanBroken),
    /// An area name or alias no trimmed cell can match: empty, padded, or holding an invisible
    /// character (`invisible`, its code point).
    NameNeverMatches {
        name: String,
        padded: bool,
        invisible: Option<u32>,
    },
    /// An area name or alias that looks the same as `other`, a name of `owner`.
    NameLooksAlike {
        name: String,
        other: String,
        owner: String,
    },
    /// A baseline that is not a finite figure of sensible size (`nan`, `inf`, `1e308`).
    NotAFigure {
        value: f64,
    },
    /// A target's figure, or a `[[reference]]` value, that is not a finite figure of sensible size.
    FigureNotAFigure {
        of: Figure,
        value: f64,
    },
    /// A baseline outside what the indicator can measure.
    BaselineMisfit {
        why: Misfit,
    },
    /// One area given two targets, under `first` and under `second` (its name and its alias, or padded).
    AreaTwice {
        area: String,
        first: String,
        second: String,
    },
    /// A target relative to the baseline that resolves outside what the unit measures (`range`).
    ResolvesOutside {
        target: String,
        baseline: f64,
        value: f64,
        range: &'static str,
    },
    /// Problems past the ones shown (a targets file of 200,000 unknown ids printed 19 MB).
    MoreNotShown {
        more: usize,
    },
    /// TOML the parser refused (its English message, which `--lang zh` puts into Chinese where it can).
    Toml {
        message: String,
    },
    PlanYears {
        base: i32,
        midterm: i32,
        target: i32,
    },
    NameTaken {
        name: String,
        owner: String,
    },
    MembersTagUnused {
        tag: String,
    },
    IdNotAscii {
        id: String,
    },
    DuplicateId {
        id: String,
        first: usize,
    },
    RowNumberNotPositive {
        n: i64,
    },
    /// A label such as `"15a"` written in `no`.
    RowNumberLabel {
        text: String,
    },
    RowNumberNotNumber {
        value: String,
    },
    EmptyLabel,
    Target(TargetError),
    EliminatedAgainstPolarity {
        target: String,
        better: Better,
    },
    UnknownReference {
        id: String,
    },
    TargetMisfit {
        text: String,
        why: Misfit,
    },
    CityRowNotCity {
        city_row: String,
    },
    UnknownTag {
        tag: String,
    },
    /// A register entry (`[[project]]`) with an empty `key` (name, programme, quote).
    ProjectKeyEmpty {
        key: &'static str,
    },
    ProjectNameTaken {
        name: String,
        first: usize,
    },
    /// A `column` that is not one of the plan's 专栏 with programmes (`columns`).
    ProjectColumn {
        column: String,
        columns: Vec<&'static str>,
    },
    ProjectArea {
        area: String,
    },
    ProjectIndicator {
        id: String,
    },
    /// A project whose `programme` is not a programme of its `column` in the register.
    ProjectProgramme {
        programme: String,
        column: String,
    },
    DueOutside {
        due: i32,
        from: i32,
        to: i32,
    },
    TaskWithoutSource,
    NoIndicator,
    /// The targets file: an id the catalogue lacks, with the nearest one.
    UnknownId {
        id: String,
        hint: Option<String>,
    },
    NoTargetNorAreas,
    UnknownArea {
        name: String,
        hint: Option<String>,
    },
    AssignedProvince,
    AssignedUnknownReference {
        id: String,
    },
    AssignedMisfit {
        text: String,
        id: String,
        why: Misfit,
    },
    /// What is wrong with one area's target.
    AreaTarget {
        area: String,
        why: Box<Broken>,
    },
}

/// What `check-catalog` warns about: a catalogue that loads, but that `eval` cannot judge in full.
#[derive(Debug, Clone, PartialEq)]
pub enum Warned {
    /// A target relative to the base-year value, which the catalogue does not give.
    NoBaseline {
        target: String,
        base: i32,
    },
    /// A trend with no base-year value to start its series.
    TrendWithoutSeries {
        target: String,
        base: i32,
    },
    ProvinceWithoutSource,
    QuoteNotInPlan {
        quote: String,
    },
    /// `>= 26` on a lower-is-better indicator: every value the plan wants would fail.
    AgainstPolarity {
        target: String,
        cmp: Cmp,
        value: f64,
        better: Better,
    },
    /// `baseline +N%` on a % indicator, where a rate's table usually means percentage points.
    RelativeOnPercent {
        target: String,
        points: String,
    },
    /// No `source` in a catalogue that gives it elsewhere.
    NoSource {
        default: String,
    },
}

/// Why a command could not run (exit 2): a flag that names nothing, a file that cannot be read or
/// written, data that leaves nothing to evaluate. The words, in either language, are in
/// `crate::labels` (its `Display` is the English); `crate::run` says it in the chosen language.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    ReadCatalog {
        path: String,
    },
    ReadPlan {
        path: String,
    },
    ReadTargets {
        path: String,
    },
    /// `report --narrative FILE` could not be read.
    ReadNarrative {
        path: String,
    },
    /// `report --narrative FILE`: a heading that names no part of the report (`heading`), or text before
    /// the first heading (`heading: None`), at `line`.
    Narrative {
        path: String,
        line: usize,
        heading: Option<String>,
    },
    UnknownEncoding {
        label: String,
    },
    /// `--sheet` with CSV files only.
    SheetOfCsv {
        sheet: String,
        files: Vec<String>,
    },
    /// `--skip-invalid` left no row: `read` rows of `files`.
    AllRejected {
        read: usize,
        files: Vec<String>,
    },
    DataProblems {
        errors: usize,
    },
    NoneSelected {
        filter: String,
    },
    NoCounty {
        name: String,
        hint: Option<String>,
    },
    CountyNoRows {
        area: String,
        year: i32,
    },
    YearNotInData {
        year: i32,
        present: Vec<i32>,
    },
    NoYear {
        files: Vec<String>,
    },
    /// `--indicator` or `--explain` naming no indicator.
    NoIndicator {
        flag: &'static str,
        key: String,
        hint: Option<String>,
    },
    AmbiguousIndicator {
        key: String,
        ids: Vec<String>,
    },
    NotJudged {
        id: String,
        area: String,
    },
    FormatFromExtension {
        path: String,
    },
    /// `-o`'s extension names a format the command does not write (`writes`: the ones it does).
    FormatNotWritten {
        path: String,
        format: &'static str,
        writes: Vec<&'static str>,
    },
    DocumentFormat {
        path: String,
    },
    BinaryToTerminal {
        format: &'static str,
    },
    XlsxNeedsFile,
    OutputIsInput {
        path: String,
    },
    /// `-o` names another spelling of an input file.
    OutputIsNamedInput {
        path: String,
        input: String,
    },
    /// `-o` names the catalogue every run in the folder reads by default.
    OutputIsDefaultCatalog {
        path: String,
        catalog: &'static str,
    },
    OutputLinkNowhere {
        path: String,
    },
    /// `-o` is a symbolic link to a regular file (`to`).
    OutputLinkToFile {
        path: String,
        to: String,
    },
    /// `-o` is neither a regular file, a named pipe nor a character device.
    OutputNotWritable {
        path: String,
        kind: FileKind,
    },
    OutputPipeWithoutReader {
        path: String,
    },
    /// The latest year of the data is given only by rows of files named for another year (first at `at`).
    StrayYear {
        year: i32,
        at: String,
    },
    CannotWrite {
        path: String,
    },
    TemplateYearRange {
        year: i32,
    },
    TemplateYearPlan {
        year: i32,
        base: i32,
        target: i32,
    },
    NothingApplies {
        areas: Vec<String>,
    },
    /// `template --projects` on a catalogue without a `[[project]]` register.
    NoRegister {
        origin: String,
    },
}

impl std::error::Error for Failure {}

/// Why a cell is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotNumber {
    Formula,
    Comparison,
    Date,
    PercentSign,
    DecimalComma,
    NanOrInfinity,
    NotANumber,
    TooLarge,
    TooSmall,
    TooPrecise,
}

/// What kind of quantity a range bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    PercentChange,
    Percentage,
    Amount,
    Count,
    Other,
}

/// The values an indicator can take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    Between(f64, f64, Quantity),
    NotNegative(Quantity),
    /// Things counted (个, 天 …): whole numbers of zero or more; 2.5 beautiful bays is a typo.
    WholeCount,
    /// A yes/no completion has no halfway: 0.5 would read as half done and judge as not done.
    DoneOrNot,
}

impl Range {
    pub fn contains(&self, v: f64) -> bool {
        match *self {
            Range::Between(lo, hi, _) => (lo..=hi).contains(&v),
            Range::NotNegative(_) => v >= 0.0,
            Range::WholeCount => v >= 0.0 && v.fract() == 0.0,
            Range::DoneOrNot => v == 0.0 || v == 1.0,
        }
    }
}

/// A stable, documented problem code (docs/problems.md, "Problem codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    Encoding,
    EmptyFile,
    MissingColumn,
    DuplicateColumn,
    UnknownColumn,
    RaggedRow,
    UnknownCounty,
    UnknownIndicator,
    NotANumber,
    OutOfRange,
    MissingYear,
    DuplicateRow,
    ConflictingDuplicate,
    NumeratorAboveDenominator,
    InconsistentRatio,
    NotApplicable,
    MissingIndicator,
    AggregateMismatch,
    BaselineMismatch,
    CompoundGap,
    UnreadableFile,
    TooLarge,
    Formula,
    ForeignArea,
    RatioWithoutParts,
    UnreadSheet,
    UnknownProject,
    UnknownStatus,
    ProgressFalling,
    CompletedUnfinished,
    InvestedAbovePlanned,
    /// A catalogue the loader rejects.
    Invalid,
    /// A `--targets` file the loader rejects.
    InvalidTargets,
    NoBaseline,
    TrendWithoutSeries,
    ProvinceWithoutSource,
    RuleAgainstPolarity,
    QuoteNotInPlan,
    RelativeChangeOnPercent,
    NoSource,
    YearOutsidePlan,
    YearMismatch,
    UnitMismatch,
}

impl Code {
    /// Every code, in the order the tables of docs/problems.md and docs/limits.md list them.
    /// The codes of a catalogue and a targets file (docs/target-language.md, "plan-check check-catalog").
    pub const CATALOG: [Code; 9] = [
        Code::Invalid,
        Code::InvalidTargets,
        Code::NoBaseline,
        Code::TrendWithoutSeries,
        Code::ProvinceWithoutSource,
        Code::RuleAgainstPolarity,
        Code::QuoteNotInPlan,
        Code::RelativeChangeOnPercent,
        Code::NoSource,
    ];

    /// Every code of a data file, in the order the tables of docs/problems.md and docs/limits.md list them.
    pub const ALL: [Code; 34] = [
        Code::Encoding,
        Code::EmptyFile,
        Code::MissingColumn,
        Code::DuplicateColumn,
        Code::UnknownColumn,
        Code::RaggedRow,
        Code::UnknownCounty,
        Code::UnknownIndicator,
        Code::NotANumber,
        Code::OutOfRange,
        Code::MissingYear,
        Code::DuplicateRow,
        Code::ConflictingDuplicate,
        Code::NumeratorAboveDenominator,
        Code::InconsistentRatio,
        Code::NotApplicable,
        Code::MissingIndicator,
        Code::AggregateMismatch,
        Code::BaselineMismatch,
        Code::CompoundGap,
        Code::UnreadableFile,
        Code::TooLarge,
        Code::Formula,
        Code::ForeignArea,
        Code::RatioWithoutParts,
        Code::UnreadSheet,
        Code::UnknownProject,
        Code::UnknownStatus,
        Code::ProgressFalling,
        Code::CompletedUnfinished,
        Code::InvestedAbovePlanned,
        Code::YearOutsidePlan,
        Code::YearMismatch,
        Code::UnitMismatch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Encoding => "encoding",
            Code::EmptyFile => "empty-file",
            Code::MissingColumn => "missing-column",
            Code::DuplicateColumn => "duplicate-column",
            Code::UnknownColumn => "unknown-column",
            Code::RaggedRow => "ragged-row",
            Code::UnknownCounty => "unknown-county",
            Code::UnknownIndicator => "unknown-indicator",
            Code::NotANumber => "not-a-number",
            Code::OutOfRange => "out-of-range",
            Code::MissingYear => "missing-year",
            Code::DuplicateRow => "duplicate-row",
            Code::ConflictingDuplicate => "conflicting-duplicate",
            Code::NumeratorAboveDenominator => "numerator-above-denominator",
            Code::InconsistentRatio => "inconsistent-ratio",
            Code::NotApplicable => "not-applicable",
            Code::MissingIndicator => "missing-indicator",
            Code::AggregateMismatch => "aggregate-mismatch",
            Code::BaselineMismatch => "baseline-mismatch",
            Code::CompoundGap => "compound-gap",
            Code::UnreadableFile => "unreadable-file",
            Code::TooLarge => "too-large",
            Code::Formula => "formula",
            Code::ForeignArea => "foreign-area",
            Code::RatioWithoutParts => "ratio-without-parts",
            Code::UnreadSheet => "unread-sheet",
            Code::UnknownProject => "unknown-project",
            Code::UnknownStatus => "unknown-status",
            Code::ProgressFalling => "progress-falling",
            Code::CompletedUnfinished => "completed-unfinished",
            Code::InvestedAbovePlanned => "invested-above-planned",
            Code::Invalid => "invalid",
            Code::InvalidTargets => "invalid-targets",
            Code::NoBaseline => "no-baseline",
            Code::TrendWithoutSeries => "trend-without-series",
            Code::ProvinceWithoutSource => "province-without-source",
            Code::RuleAgainstPolarity => "rule-against-polarity",
            Code::QuoteNotInPlan => "quote-not-in-plan",
            Code::RelativeChangeOnPercent => "relative-change-on-percent",
            Code::NoSource => "no-source",
            Code::YearOutsidePlan => "year-outside-plan",
            Code::YearMismatch => "year-mismatch",
            Code::UnitMismatch => "unit-mismatch",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with everything a county needs to fix it in one round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub code: Code,
    pub severity: Severity,
    pub file: String,
    /// 1-based line (CSV) or row (spreadsheet); absent for a problem of the whole file.
    pub line: Option<usize>,
    /// 1-based column, where the problem is in one cell.
    pub column: Option<usize>,
    /// The column's name (county, value, an indicator id …).
    pub field: Option<String>,
    /// The column's header as the file writes it (数值, 县市区, 森林覆盖率（%）), where it differs from
    /// `field`: what the tables and annotations people read show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The raw text found.
    pub found: Option<String>,
    /// What was expected instead: data, put into words by [`crate::labels::expected`]. JSON and the
    /// stable message carry its English words (the `Serialize` of [`Expected`] is beside them).
    pub expected: Expected,
    pub suggestion: Option<String>,
}

impl Problem {
    pub fn error(code: Code, file: &str, expected: Expected) -> Problem {
        Problem {
            code,
            severity: Severity::Error,
            file: file.to_string(),
            line: None,
            column: None,
            field: None,
            header: None,
            found: None,
            expected,
            suggestion: None,
        }
    }

    pub fn warning(code: Code, file: &str, expected: Expected) -> Problem {
        Problem { severity: Severity::Warning, ..Problem::error(code, file, expected) }
    }

    /// The place in the file. `field` is often a header cell, so it is kept short like `found`.
    pub fn at(mut self, line: usize, column: Option<usize>, field: &str) -> Problem {
        self.line = Some(line);
        self.column = column;
        self.field = Some(shorten(field));
        self
    }

    /// The raw text found, shortened to [`SHOWN_CHARS`] characters: a 2 GB cell is named, not copied.
    pub fn found(mut self, raw: &str) -> Problem {
        self.found = Some(shorten(raw));
        self
    }

    /// The column's header as the file writes it, when it differs from the field's name.
    pub fn header(mut self, header: Option<&str>) -> Problem {
        self.header = header.map(shorten);
        self
    }

    /// The column as people read it: the file's own header, else the field's name.
    pub fn shown_field(&self) -> Option<&str> {
        self.header.as_deref().or(self.field.as_deref())
    }

    pub fn suggest(mut self, suggestion: Option<String>) -> Problem {
        self.suggestion = suggestion;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` as far as it is known, the file name escaped.
    pub fn place(&self) -> String {
        let mut s = escape(&self.file).into_owned();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
}

/// How many characters of a text taken from the input a problem keeps.
pub const SHOWN_CHARS: usize = 200;

/// Text from the input cut to [`SHOWN_CHARS`] characters, saying how long it was.
pub fn shorten(raw: &str) -> String {
    match raw.char_indices().nth(SHOWN_CHARS) {
        None => raw.to_string(),
        Some((cut, _)) => format!("{}… ({} bytes in all)", &raw[..cut], raw.len()),
    }
}

/// Text from the input made safe to print on a terminal or in a CI log: control characters (newline,
/// carriage return, ESC …), bidirectional overrides and other invisible format characters are shown
/// as `\u{1b}`, and a backslash as `\\`, so the text can neither forge a line (a GitHub `::error`
/// command), move the cursor, nor read in another order than it is stored. A text that begins with
/// `::` has its first colon escaped, since a line that starts with it is a workflow command.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c == '\\' || is_hidden(c);
    let starts_command = text.trim_start().starts_with("::");
    if !starts_command && !text.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut first_colon = starts_command;
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ':' if first_colon => {
                out.push_str("\\u{3a}");
                first_colon = false;
            }
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters that do not show as themselves: C0 and C1 controls, DEL, the bidirectional marks,
/// embeddings, overrides and isolates, zero-width characters and the line and paragraph separators.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
        || matches!(c, '\u{061c}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Names longer than this are not compared: a did-you-mean over a 10 MB cell would take a minute.
const COMPARED_CHARS: usize = 100;

/// The known name closest to `raw`, when it is close enough to be a likely typo.
pub fn closest<'a>(raw: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > COMPARED_CHARS * 4 {
        return None;
    }
    let len = raw.chars().count();
    if len > COMPARED_CHARS {
        return None;
    }
    let limit = (len / 3).max(1);
    known
        .map(|k| (strsim::levenshtein(raw, k), k))
        .filter(|(d, k)| *d <= limit || (k.contains(raw) && len >= 2) || (raw.contains(*k) && k.chars().count() >= 2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_says_where_what_and_what_was_expected() {
        let p = Problem::error(Code::UnknownCounty, "2023.csv", Expected::ReportingArea)
            .at(7, Some(1), "county")
            .found("晋江巿")
            .suggest(Some("晋江市".into()));
        assert_eq!(
            p.to_string(),
            "2023.csv:7:1: error[unknown-county]: county: found \"晋江巿\"; expected a reporting area of the catalogue (name or alias) (did you mean 晋江市?)"
        );
    }

    #[test]
    fn input_text_is_escaped_wherever_it_is_printed() {
        assert_eq!(escape("晋江市"), "晋江市");
        assert_eq!(escape("a\n::error::forged"), "a\\u{a}::error::forged");
        assert_eq!(escape("::stop-commands::x"), "\\u{3a}:stop-commands::x");
        assert_eq!(escape("  ::error::x"), "  \\u{3a}:error::x");
        assert_eq!(escape("\u{1b}[2J\r\u{202e}txt.csv"), "\\u{1b}[2J\\u{d}\\u{202e}txt.csv");
        assert_eq!(escape("C:\\data"), "C:\\\\data");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        let p = Problem::error(Code::UnknownCounty, "x\n::error::y.csv", Expected::ReportingArea)
            .at(2, Some(1), "c\rd")
            .found("\u{1b}]0;t\u{7}");
        let shown = p.to_string();
        assert!(!shown.contains(['\n', '\r', '\u{1b}', '\u{7}']), "{shown}");
        assert!(shown.contains("x\\u{a}::error::y.csv:2:1"), "{shown}");
    }

    #[test]
    fn long_input_is_shortened_in_problems() {
        let huge = "9".repeat(1 << 20);
        let p = Problem::error(Code::TooLarge, "f", Expected::CellAtMost { value: 1 }).found(&huge);
        let found = p.found.unwrap();
        assert!(found.len() < 300 && found.ends_with("(1048576 bytes in all)"), "{found}");
        assert_eq!(shorten("短"), "短");
        assert_eq!(closest(&"x".repeat(10 << 20), ["晋江市"].into_iter()), None);
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let known = ["晋江市", "南安市", "forest_coverage"];
        assert_eq!(closest("晋江巿", known.into_iter()), Some("晋江市".into()));
        assert_eq!(closest("forest_coverag", known.into_iter()), Some("forest_coverage".into()));
        assert_eq!(closest("厦门市", known.into_iter()), None);
        assert_eq!(closest("", known.into_iter()), None);
    }
}
