//! Files → measurements. Every file is read the same way (see `read`), its header decides its shape
//! (long or wide, see `rows`), and every problem is kept with its place: nothing is dropped, guessed
//! or turned into zero.

mod guard;
mod limits;
mod names;
mod number;
mod ods;
mod open;
mod projects;
mod read;
mod records;
mod rows;
mod side;
mod submission;
mod units;
mod workbook;
mod xls;
mod xlsb;
mod years;

use std::collections::HashMap;

use anyhow::Context as _;
use rustc_hash::{FxHashMap, FxHashSet};

pub use limits::{LimitSetting, Limits, size as limit_size};
pub use number::{Cell, NumberError, parse_cell};
pub use open::{STDIN_NAME, data_files_of};
pub use projects::{PROJECT_COLUMNS, ProjectReport, parse_status};
pub use read::{ReadOptions, display_name, is_workbook_kind};
pub use side::{DEFAULT_CATALOG, catalog_path, holds_one_of, read_catalog, read_side_file};
pub use submission::{
    Completeness, areas_in_name, check_complete, check_ownership, check_ratio_parts, reports, sort_problems,
};
pub use years::stray_year;

use crate::catalog::{Catalog, Indicator};
use crate::problem::{Code, Expected, Problem, Severity};

/// Where a measurement came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One value for one area, indicator and year. Names are positions in the dataset's name tables (the
/// catalogue's order), so a row costs no allocation and a lookup hashes no text; [`Dataset::county_of`],
/// [`Dataset::indicator_of`] and [`Dataset::location`] give them back as text. 32 bytes: a national
/// file has half a million of them, held through the whole evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The area (aliases resolved): its position in [`Dataset::counties`].
    pub county: u32,
    /// The indicator: its position in [`Dataset::indicators`].
    pub indicator: u32,
    pub year: i32,
    /// The file it was read from: its position in [`Dataset::accounting`].
    pub file: u32,
    /// The line (CSV) or row (spreadsheet) of that file; a file of more lines than a `u32` counts is
    /// refused when read.
    pub line: u32,
    /// Its numerator, denominator and note: a position in [`Dataset::details`], or [`NO_DETAILS`].
    /// Most rows give none of them, and holding them in every measurement made it 88 bytes, not 48.
    pub details: u32,
    /// The value, NaN for "no data" (8 bytes where `Option<f64>` takes 16): no value read is NaN,
    /// since the reader refuses one. [`Measurement::value`] gives it as an `Option`.
    value: f64,
}

impl Measurement {
    /// A measurement whose row gives no details; `value` is `None` for "no data" (and for a NaN,
    /// which no file can give).
    pub fn new(county: u32, indicator: u32, year: i32, (file, line): (u32, u32), value: Option<f64>) -> Measurement {
        let mut m = Measurement { county, indicator, year, file, line, details: NO_DETAILS, value: f64::NAN };
        m.set_value(value);
        m
    }

    /// The value; `None` when the file says "no data".
    pub fn value(&self) -> Option<f64> {
        (!self.value.is_nan()).then_some(self.value)
    }

    pub fn set_value(&mut self, value: Option<f64>) {
        debug_assert!(!value.is_some_and(f64::is_nan), "a measured value is never NaN");
        self.value = value.unwrap_or(f64::NAN);
    }

    /// The line as problems and places give lines.
    pub fn line(&self) -> usize {
        self.line as usize
    }
}

/// A measurement whose row gives no numerator, denominator or note.
pub const NO_DETAILS: u32 = u32::MAX;

/// What a row gives besides its value: a ratio's parts, a note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub note: Option<Box<str>>,
}

impl Details {
    pub fn is_empty(&self) -> bool {
        self.numerator.is_none() && self.denominator.is_none() && self.note.is_none()
    }
}

/// How many rows of a file were read, and what became of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Accounting {
    pub file: String,
    pub encoding: String,
    pub shape: String,
    pub rows_read: usize,
    pub rows_accepted: usize,
    pub rows_rejected: usize,
    /// The row taken as the header, when it is not the file's first (a form with a title above it)
    /// or `--header-row` named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_row: Option<usize>,
    /// Indicator names matched only once folded (`森林覆盖率(%)`), each with the indicator read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<HeaderMatch>,
}

/// A header or indicator cell written as offices write it, and the indicator it was read as.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HeaderMatch {
    pub header: String,
    pub indicator: String,
}

/// Problems of one code in one file past the problems-per-code limit (or `--max-errors`): counted,
/// not kept, so that two million identical rows cost a number, not two million problems.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Omitted {
    pub file: String,
    pub code: Code,
    pub severity: Severity,
    pub count: usize,
}

/// Everything read from the data files.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// The area names measurements refer to by position: the catalogue's, in its order.
    pub counties: Vec<String>,
    /// The indicator ids measurements refer to by position: the catalogue's, in its order.
    pub indicators: Vec<String>,
    pub measurements: Vec<Measurement>,
    /// The details of the measurements that have any (`Measurement::details` indexes it).
    pub details: Vec<Details>,
    /// The problems kept, in the order of the files and, within a file, of their lines and columns.
    pub problems: Vec<Problem>,
    /// The problems counted but not kept.
    pub omitted: Vec<Omitted>,
    /// One line per file, in the order given: `Measurement::file` indexes it.
    pub accounting: Vec<Accounting>,
    /// The rows of project status files (`projects`), in the order read.
    pub projects: Vec<ProjectReport>,
}

impl Dataset {
    /// An empty dataset whose measurements will name `catalog`'s areas and indicators.
    pub fn for_catalog(catalog: &Catalog) -> Dataset {
        Dataset {
            counties: catalog.counties.iter().map(|c| c.name.clone()).collect(),
            indicators: catalog.indicators.iter().map(|i| i.id.clone()).collect(),
            ..Dataset::default()
        }
    }

    /// Adds a measurement by names, for building datasets in code (tests, benchmarks). `None` when
    /// the area or the indicator is not in the name tables.
    pub fn push_named(&mut self, county: &str, indicator: &str, year: i32) -> Option<&mut Measurement> {
        let county = u32::try_from(self.counties.iter().position(|c| c == county)?).ok()?;
        let indicator = u32::try_from(self.indicators.iter().position(|i| i == indicator)?).ok()?;
        self.measurements.push(Measurement::new(county, indicator, year, (0, 0), None));
        self.measurements.last_mut()
    }

    /// Adds a measurement with its details, keeping them only when there are any.
    pub fn push(&mut self, mut measurement: Measurement, details: Details) {
        measurement.details = NO_DETAILS;
        if !details.is_empty()
            && let Ok(at) = u32::try_from(self.details.len())
        {
            measurement.details = at;
            self.details.push(details);
        }
        self.measurements.push(measurement);
    }

    /// Gives the last measurement added these details (datasets built in code).
    pub fn detail_last(&mut self, details: Details) {
        if let Some(m) = self.measurements.pop() {
            self.push(m, details);
        }
    }

    /// The numerator, denominator and note a measurement's row gave.
    pub fn details_of(&self, m: &Measurement) -> Option<&Details> {
        self.details.get(m.details as usize)
    }

    /// A measurement's numerator and denominator, when its row gave both.
    pub fn ratio_of(&self, m: &Measurement) -> Option<(f64, f64)> {
        let d = self.details_of(m)?;
        Some((d.numerator?, d.denominator?))
    }

    /// The note of a measurement's row.
    pub fn note_of(&self, m: &Measurement) -> Option<&str> {
        self.details_of(m)?.note.as_deref()
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error) || self.omitted.iter().any(|o| o.severity == Severity::Error)
    }

    /// Errors and warnings, kept or only counted.
    pub fn counts(&self) -> (usize, usize) {
        let kept_errors = self.problems.iter().filter(|p| p.is_error()).count();
        let omitted = |s: Severity| self.omitted.iter().filter(|o| o.severity == s).map(|o| o.count).sum::<usize>();
        let errors = kept_errors + omitted(Severity::Error);
        (errors, self.problems.len() - kept_errors + omitted(Severity::Warning))
    }

    /// The years of the measurements, ascending.
    pub fn years(&self) -> Vec<i32> {
        // Rows come in runs of one year: a year is put in the set when it differs from the row before,
        // not once a row (6.7 million tree lookups at township scale).
        let mut years = std::collections::BTreeSet::new();
        let mut last = None;
        for m in &self.measurements {
            if last != Some(m.year) {
                years.insert(m.year);
                last = Some(m.year);
            }
        }
        years.into_iter().collect()
    }

    /// The area a measurement is of, as the catalogue names it.
    pub fn county_of(&self, m: &Measurement) -> &str {
        self.counties.get(m.county as usize).map_or("", String::as_str)
    }

    /// The id of the indicator a measurement is of.
    pub fn indicator_of(&self, m: &Measurement) -> &str {
        self.indicators.get(m.indicator as usize).map_or("", String::as_str)
    }

    /// The file and line a measurement was read from.
    pub fn location(&self, m: &Measurement) -> Location {
        let file = self.accounting.get(m.file as usize).map_or("-", |a| a.file.as_str());
        Location { file: file.to_string(), line: m.line() }
    }

    /// The measurements indexed by (area, indicator, year), with the positions of `catalog` (which may
    /// be a selection of the catalogue the data was read with): built once, so that every lookup after
    /// it is a hash of two integers and a walk over that pair's few years, whatever the number of areas.
    pub fn index<'d>(&'d self, catalog: &Catalog) -> MeasurementIndex<'d> {
        self.index_where(catalog, |_| true)
    }

    /// As [`Dataset::index`], holding only the indicators `keep` picks (the others are never found).
    pub fn index_where<'d>(&'d self, catalog: &Catalog, keep: impl Fn(&Indicator) -> bool) -> MeasurementIndex<'d> {
        let positions = |names: &[String], wanted: &mut dyn Iterator<Item = Option<&str>>| -> Vec<u32> {
            let by_name: FxHashMap<&str, u32> = (0..).zip(names).map(|(i, n)| (n.as_str(), i)).collect();
            wanted.map(|n| n.and_then(|n| by_name.get(n).copied()).unwrap_or(u32::MAX)).collect()
        };
        let counties = positions(&self.counties, &mut catalog.counties.iter().map(|c| Some(c.name.as_str())));
        let kept = &mut catalog.indicators.iter().map(|i| keep(i).then_some(i.id.as_str()));
        let indicators = positions(&self.indicators, kept);
        let mut wanted = vec![false; self.indicators.len()];
        for &i in indicators.iter().filter(|&&i| i != u32::MAX) {
            wanted[i as usize] = true;
        }
        // One entry per (area, indicator) of the data's tables, heading a chain of its years through
        // `next`: a sixth of the memory of one entry per measurement for a file of six years. A table
        // rather than a hash map: a lookup is an index, and an indicator's areas are side by side (the
        // order `evaluate` asks in), where a map's entries are scattered over tens of megabytes at
        // township scale and each lookup missed the cache.
        let stride = self.counties.len();
        let mut first = vec![NONE; stride.saturating_mul(self.indicators.len())];
        let mut next = vec![NONE; self.measurements.len()];
        // More than u32::MAX measurements (350 GB of them) cannot be in memory; the bound is a guard.
        let count = u32::try_from(self.measurements.len()).unwrap_or(u32::MAX);
        for (i, m) in (0..count).zip(&self.measurements).rev() {
            if wanted.get(m.indicator as usize).copied().unwrap_or(false)
                && (m.county as usize) < stride
                && let Some(head) = first.get_mut(m.indicator as usize * stride + m.county as usize)
            {
                next[i as usize] = std::mem::replace(head, i);
            }
        }
        MeasurementIndex { data: self, counties, indicators, stride, first, next }
    }
}

/// The end of a chain in [`MeasurementIndex`].
const NONE: u32 = u32::MAX;

/// The measurements of a dataset by (area, indicator, year), addressed by catalogue positions.
pub struct MeasurementIndex<'d> {
    data: &'d Dataset,
    /// The dataset's position of each catalogue area (`u32::MAX`: not in the data's tables).
    counties: Vec<u32>,
    indicators: Vec<u32>,
    /// The first measurement of each (area, indicator), at `indicator × stride + area` (the data's
    /// positions; `stride` is the number of areas of its table); `next` links it to the others, in
    /// file order.
    stride: usize,
    first: Vec<u32>,
    next: Vec<u32>,
}

impl<'d> MeasurementIndex<'d> {
    /// The measurement of the catalogue's `county`-th area and `indicator`-th indicator in `year`.
    pub fn get(&self, county: usize, indicator: usize, year: i32) -> Option<&'d Measurement> {
        let (county, indicator) = (*self.counties.get(county)? as usize, *self.indicators.get(indicator)? as usize);
        if county >= self.stride {
            return None;
        }
        let mut i = *self.first.get(indicator.checked_mul(self.stride)? + county)?;
        while i != NONE {
            let m = self.data.measurements.get(i as usize)?;
            if m.year == year {
                return Some(m);
            }
            i = *self.next.get(i as usize)?;
        }
        None
    }

    /// For each catalogue area, whether the data has any measurement of it in `year`: one pass.
    pub fn counties_in(&self, year: i32) -> Vec<bool> {
        self.counties_where(|y| y == year)
    }

    /// Which catalogue areas have a row in any year up to `year`: an area that reported earlier years
    /// and not `year` is still evaluated, as missing.
    pub fn counties_up_to(&self, year: i32) -> Vec<bool> {
        self.counties_where(|y| y <= year)
    }

    fn counties_where(&self, keep: impl Fn(i32) -> bool) -> Vec<bool> {
        let mut present = vec![false; self.data.counties.len()];
        for m in self.data.measurements.iter().filter(|m| keep(m.year)) {
            if let Some(p) = present.get_mut(m.county as usize) {
                *p = true;
            }
        }
        self.counties.iter().map(|&c| present.get(c as usize).copied().unwrap_or(false)).collect()
    }
}

/// Options that shape how files are read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub read: ReadOptions,
    /// The year of rows that carry none and whose file name names none (`--year`).
    pub year: Option<i32>,
    /// Keep at most this many problems in all (`--max-errors`); the others are counted.
    pub max_problems: Option<usize>,
}

/// Reads every file; a folder gives its data files. A file that cannot be read at all is an
/// `unreadable-file` (or `too-large`) problem and the other files are still read; problems inside
/// files are in the dataset, in the order of the files and, within a file, of their lines and columns.
pub fn load(paths: &[String], catalog: &Catalog, opts: &LoadOptions) -> anyhow::Result<Dataset> {
    let names = names::Names::new(catalog);
    let mut intake = Intake::new(opts, catalog);
    for input in open::expand(paths, opts.read.follow_symlinks) {
        match input {
            open::Input::File(path) => {
                let grid = read::read_grid(&path, &opts.read);
                read_file(grid, &path, &names, opts, &mut intake)?;
            }
            open::Input::Unreadable(problem) => intake.unreadable(*problem),
        }
    }
    Ok(finish(intake))
}

/// Reads one file's bytes as if they were the file `name`: what [`load`] does with a file, without
/// the file system. For fuzzing and tests.
pub fn load_bytes(name: &str, bytes: Vec<u8>, catalog: &Catalog, opts: &LoadOptions) -> Dataset {
    let names = names::Names::new(catalog);
    let mut intake = Intake::new(opts, catalog);
    let grid = read::grid_from_bytes(name.to_string(), bytes, &opts.read);
    if let Err(e) = read_file(grid, name, &names, opts, &mut intake) {
        intake.unreadable(open::unreadable(name, Expected::ReadableCsv, &e.to_string()));
    }
    finish(intake)
}

fn read_file(
    grid: Result<read::Grid, Problem>,
    path: &str,
    names: &names::Names,
    opts: &LoadOptions,
    intake: &mut Intake,
) -> anyhow::Result<()> {
    let mut grid = match grid {
        Ok(grid) => grid,
        Err(problem) => {
            intake.unreadable(problem);
            return Ok(());
        }
    };
    let more = std::mem::take(&mut grid.more);
    let mark = intake.mark(&grid.name);
    intake.data.problems.append(&mut grid.problems);
    intake.data.problems.extend(rows::unread_sheets(&grid, names));
    // A file's own year (its name) dates its rows before --year does, so a series of files named by
    // year keeps its years whatever year is evaluated. A name with two years dates nothing. A sheet
    // read on its own (`--all-sheets`) named by a year dates its rows the same way.
    let sheet_years = grid.sheet.as_deref().map(years_in_text).unwrap_or_default();
    let years = if sheet_years.is_empty() { years_in_name(path) } else { sheet_years };
    if years.len() > 1 {
        intake.data.problems.push(two_years(&grid.name, &years, opts.year));
    }
    let default_year = if years.len() == 1 { Some(years[0]) } else { opts.year };
    let file = u32::try_from(intake.data.accounting.len()).context("too many files")?;
    let status_file = match grid.rows().and_then(|mut rows| Ok(rows.next_row()?.map(projects::is_status_header))) {
        Ok(found) => found.unwrap_or(false),
        Err(_) => false,
    };
    let read = if status_file {
        projects::read_rows(&grid, names, default_year, file, intake)
    } else {
        rows::read_rows(&grid, names, default_year, file, intake)
    };
    if let Err(e) = read {
        // A streamed file that stops being readable part way (an I/O error, a file rewritten while
        // read) keeps none of its rows: it is an unreadable file, and the other files are still read.
        intake.rollback(mark);
        intake.unreadable(open::unreadable(&grid.name, Expected::ReadableCsv, &e.to_string()));
    }
    intake.bound_problems();
    for sheet in more {
        read_file(Ok(sheet), path, names, opts, intake)?;
    }
    Ok(())
}

/// A file name with two years (`泉州2021年至2023年.csv`) says neither is the year of its rows.
fn two_years(file: &str, years: &[i32], fallback: Option<i32>) -> Problem {
    let list: Vec<String> = years.iter().map(i32::to_string).collect();
    Problem::warning(Code::MissingYear, file, Expected::OneYearInName { fallback })
        .found(&format!("a name with the years {}", list.join(" and ")))
}

fn finish(mut intake: Intake) -> Dataset {
    check_duplicates(&mut intake);
    projects::check_across(&mut intake);
    intake.bound_problems();
    let omitted = intake.omitted();
    let mut data = intake.data;
    data.omitted = omitted;
    data.measurements.shrink_to_fit();
    let order: HashMap<&str, usize> = data.accounting.iter().enumerate().map(|(i, a)| (a.file.as_str(), i)).collect();
    let key = |p: &Problem| (order.get(p.file.as_str()).copied(), p.line, p.column);
    let mut problems = std::mem::take(&mut data.problems);
    problems.sort_by_key(key);
    data.problems = problems;
    data
}

/// A measurement as one row gives it, with the 1-based column of its value cell.
struct Reading {
    measurement: Measurement,
    details: Details,
    column: u32,
}

/// Problems of one file by code and severity: how many were kept, how many only counted.
type Tally = FxHashMap<(Code, Severity), (usize, usize)>;

/// What the intake held before a file was read (see [`Intake::mark`]).
struct Mark {
    measurements: usize,
    projects: usize,
    details: usize,
    problems: usize,
    counted: usize,
    file: String,
    tally: Option<Tally>,
}

/// The dataset being built, with the 1-based column each measurement was read from (`columns[i]` for
/// `data.measurements[i]`), so a later check can point at a cell and reject the whole row.
struct Intake {
    data: Dataset,
    columns: Vec<u32>,
    /// Problems before this index have been counted against the limits.
    counted: usize,
    /// By file, code and severity: problems kept and problems only counted.
    tally: FxHashMap<String, Tally>,
    per_code: usize,
    max_problems: usize,
}

impl Intake {
    fn new(opts: &LoadOptions, catalog: &Catalog) -> Intake {
        Intake {
            data: Dataset::for_catalog(catalog),
            columns: Vec::new(),
            counted: 0,
            tally: FxHashMap::default(),
            per_code: opts.read.limits.problems_per_code,
            // Bounded per run as well as per file and code: memory follows what is kept.
            max_problems: opts.max_problems.unwrap_or(usize::MAX).min(opts.read.limits.problems_per_run),
        }
    }

    fn push(&mut self, r: Reading) {
        self.data.push(r.measurement, r.details);
        self.columns.push(r.column);
    }

    /// Where the intake stands before reading the file `file`, to go back to if it cannot be read to
    /// its end.
    fn mark(&self, file: &str) -> Mark {
        Mark {
            measurements: self.data.measurements.len(),
            projects: self.data.projects.len(),
            details: self.data.details.len(),
            problems: self.data.problems.len(),
            counted: self.counted,
            file: file.to_string(),
            tally: self.tally.get(file).cloned(),
        }
    }

    /// Forgets everything read since `mark`: measurements, their details and columns, problems and
    /// their tally.
    fn rollback(&mut self, mark: Mark) {
        self.data.measurements.truncate(mark.measurements);
        self.data.projects.truncate(mark.projects);
        self.columns.truncate(mark.measurements);
        self.data.details.truncate(mark.details);
        self.data.problems.truncate(mark.problems);
        self.counted = mark.counted.min(mark.problems);
        match mark.tally {
            Some(tally) => self.tally.insert(mark.file, tally),
            None => self.tally.remove(&mark.file),
        };
    }

    /// A file that gives no rows at all, with its accounting line.
    fn unreadable(&mut self, problem: Problem) {
        let acc = Accounting {
            file: problem.file.clone(),
            encoding: "-".into(),
            shape: "unreadable".into(),
            ..Accounting::default()
        };
        self.data.accounting.push(acc);
        self.data.problems.push(problem);
        self.bound_problems();
    }

    /// Keeps the problems added since the last call that are within the limits, and counts the rest.
    /// Called after every row, so memory stays bounded whatever a file repeats.
    fn bound_problems(&mut self) {
        if self.data.problems.len() <= self.counted {
            return;
        }
        let added = self.data.problems.split_off(self.counted);
        for p in added {
            let by_code = match self.tally.get_mut(p.file.as_str()) {
                Some(t) => t,
                None => self.tally.entry(p.file.clone()).or_default(),
            };
            let (kept, counted) = by_code.entry((p.code, p.severity)).or_insert((0, 0));
            if *kept < self.per_code && self.data.problems.len() < self.max_problems {
                *kept += 1;
                self.data.problems.push(p);
            } else {
                *counted += 1;
            }
        }
        self.counted = self.data.problems.len();
    }

    /// The problems counted but not kept, by file (in reading order), code and severity.
    fn omitted(&self) -> Vec<Omitted> {
        let mut omitted: Vec<Omitted> = self
            .tally
            .iter()
            .flat_map(|(file, by_code)| {
                by_code.iter().filter(|(_, (_, n))| *n > 0).map(|(&(code, severity), &(_, count))| Omitted {
                    file: file.clone(),
                    code,
                    severity,
                    count,
                })
            })
            .collect();
        let order = |f: &str| self.data.accounting.iter().position(|a| a.file == f);
        omitted.sort_by_key(|o| (order(&o.file), o.code, o.severity));
        omitted
    }
}

/// The four-digit years (19xx or 20xx) in the file's name, each once: `2023.csv`, `泉州-2023年.xlsx`.
pub fn years_in_name(path: &str) -> Vec<i32> {
    let Some(name) = std::path::Path::new(path).file_name().and_then(|n| n.to_str()) else { return Vec::new() };
    years_in_text(name)
}

/// The four-digit years (19xx or 20xx) in a name, each once: a sheet's `2023`, `2023年度`.
fn years_in_text(name: &str) -> Vec<i32> {
    let bytes = name.as_bytes();
    let mut years: Vec<i32> = (0..bytes.len().saturating_sub(3))
        .filter_map(|i| {
            let window = &bytes[i..i + 4];
            let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
            let digit_after = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
            let is_year =
                window.iter().all(u8::is_ascii_digit) && (window.starts_with(b"19") || window.starts_with(b"20"));
            (is_year && !digit_before && !digit_after).then(|| name[i..i + 4].parse().ok())?
        })
        .collect();
    years.dedup();
    years.sort_unstable();
    years.dedup();
    years
}

/// The one year a file's name gives, if it gives exactly one.
pub fn year_in_name(path: &str) -> Option<i32> {
    match years_in_name(path)[..] {
        [year] => Some(year),
        _ => None,
    }
}

/// The same (area, indicator, year) twice: a warning when the values agree (the later copy adds
/// nothing and is dropped), an error at every place when they differ. None of the conflicting values
/// is kept, since choosing one would be a guess, and every row that holds one of them is rejected —
/// also a copy of one of them — so that a row counted as accepted is a row whose values are used.
fn check_duplicates(intake: &mut Intake) {
    let found = find_duplicates(&intake.data.measurements);
    if found.is_empty() {
        return;
    }
    let mut rejected: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut gone = vec![false; intake.data.measurements.len()];
    for (n, &(at, other, code)) in found.iter().enumerate() {
        gone[at] = true;
        let data = &intake.data;
        let (m, earlier) = (&data.measurements[at], &data.measurements[other]);
        if code == Code::ConflictingDuplicate {
            rejected.insert((m.file, m.line));
        }
        let p = duplicate(data, code, (m, intake.columns[at]), earlier);
        intake.data.problems.push(p);
        if n % 1024 == 0 {
            intake.bound_problems();
        }
    }
    drop(found);
    let Intake { data, columns, .. } = intake;
    // A rejected row keeps none of its measurements: a wide row may hold others.
    if !rejected.is_empty() {
        for (flag, m) in gone.iter_mut().zip(&data.measurements) {
            *flag |= rejected.contains(&(m.file, m.line));
        }
    }
    for &(file, _) in &rejected {
        if let Some(acc) = data.accounting.get_mut(file as usize) {
            acc.rows_accepted = acc.rows_accepted.saturating_sub(1);
            acc.rows_rejected += 1;
        }
    }
    let mut flags = gone.iter();
    data.measurements.retain(|_| !flags.next().copied().unwrap_or(false));
    let mut flags = gone.iter();
    columns.retain(|_| !flags.next().copied().unwrap_or(false));
}

/// Every measurement whose (area, indicator, year) another has: (its index, the index it is reported
/// against, the code), in the order of the measurements. A key given two values is in conflict at
/// every occurrence, the first included.
fn find_duplicates(measurements: &[Measurement]) -> Vec<(usize, usize, Code)> {
    let mut found = Vec::new();
    for run in same_key_runs(measurements) {
        let [f, ..] = run[..] else { continue };
        let value = |i: u32| measurements[i as usize].value();
        // The first occurrence whose value differs from the first occurrence's.
        let differing = run.iter().copied().find(|&i| value(i) != value(f));
        for &i in &run[1..] {
            if differing.is_none() {
                found.push((i as usize, f as usize, Code::DuplicateRow));
            }
        }
        if let Some(d) = differing {
            // In conflict: each occurrence is reported against a different value.
            for &i in &run {
                let other = if value(i) == value(f) { d } else { f };
                found.push((i as usize, other as usize, Code::ConflictingDuplicate));
            }
        }
    }
    found.sort_unstable_by_key(|&(i, _, _)| i);
    found
}

/// The positions of the measurements that share an (area, indicator, year), one run per key given
/// more than once, each run in the order of the measurements. Most files have no such key: one pass
/// marks each (area, indicator)'s years in a bit mask ([`repeated_keys`]), and only the measurements
/// of a key seen twice are bucketed ([`runs_among`]). Bucketing every measurement read each bucket's
/// rows from all over the file: at township scale (6.7 million measurements, 213 MB) nearly every
/// one of those reads missed the cache.
fn same_key_runs(measurements: &[Measurement]) -> Vec<Vec<u32>> {
    // More than u32::MAX measurements (350 GB of them) cannot be in memory; the bound is a guard.
    let count = u32::try_from(measurements.len()).unwrap_or(u32::MAX);
    match repeated_keys(&measurements[..count as usize]) {
        Some(picked) if picked.is_empty() => Vec::new(),
        Some(picked) => runs_among(measurements, &picked),
        None => runs_among(measurements, &(0..count).collect::<Vec<_>>()),
    }
}

/// The positions of the measurements whose (area, indicator, year) another measurement has, in
/// order; `None` when a mask per (area, indicator) would not do (years more than 31 apart, or a
/// table of pairs much larger than the measurements), and every measurement is to be bucketed.
fn repeated_keys(measurements: &[Measurement]) -> Option<Vec<u32>> {
    let Some(m) = measurements.first() else { return Some(Vec::new()) };
    let (mut first, mut last, mut areas, mut indicators) = (m.year, m.year, 0, 0);
    for m in measurements {
        (first, last) = (first.min(m.year), last.max(m.year));
        (areas, indicators) = (areas.max(m.county as usize + 1), indicators.max(m.indicator as usize + 1));
    }
    if i64::from(last) - i64::from(first) >= 32 {
        return None;
    }
    let pairs = areas.checked_mul(indicators)?;
    if pairs > measurements.len().saturating_mul(8).max(1 << 16) {
        return None;
    }
    // By indicator, then area: consecutive rows of a long file are neighbours in the table.
    let pair = |m: &Measurement| m.indicator as usize * areas + m.county as usize;
    let bit = |m: &Measurement| 1u32 << (m.year - first);
    let mut seen = vec![0u32; pairs];
    let mut repeated: FxHashSet<(usize, i32)> = FxHashSet::default();
    for m in measurements {
        let years = &mut seen[pair(m)];
        if *years & bit(m) != 0 {
            repeated.insert((pair(m), m.year));
        }
        *years |= bit(m);
    }
    if repeated.is_empty() {
        return Some(Vec::new());
    }
    Some((0..).zip(measurements).filter(|(_, m)| repeated.contains(&(pair(m), m.year))).map(|(i, _)| i).collect())
}

/// The runs of [`same_key_runs`] among the measurements at `picked` (ascending positions): they are
/// bucketed by their (area, indicator) pair — a sixth as many for six years — and each bucket, a
/// few measurements long, is sorted by year.
fn runs_among(measurements: &[Measurement], picked: &[u32]) -> Vec<Vec<u32>> {
    let mut slots: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let slot_of: Vec<u32> = picked
        .iter()
        .map(|&i| {
            let m = &measurements[i as usize];
            let next = u32::try_from(slots.len()).unwrap_or(u32::MAX);
            *slots.entry((m.county, m.indicator)).or_insert(next)
        })
        .collect();
    // A counting sort by slot keeps each bucket in the order of the measurements.
    let mut starts = vec![0u32; slots.len() + 1];
    for &s in &slot_of {
        starts[s as usize + 1] += 1;
    }
    for s in 1..starts.len() {
        starts[s] += starts[s - 1];
    }
    let mut filled = starts.clone();
    let mut order = vec![0u32; slot_of.len()];
    for (&i, &s) in picked.iter().zip(&slot_of) {
        order[filled[s as usize] as usize] = i;
        filled[s as usize] += 1;
    }
    drop(slot_of);
    let mut runs = Vec::new();
    let mut rest = order.as_mut_slice();
    for w in starts.windows(2) {
        let (bucket, tail) = rest.split_at_mut((w[1] - w[0]) as usize);
        rest = tail;
        bucket.sort_by_key(|&i| measurements[i as usize].year);
        let same_year = |&a: &u32, &b: &u32| measurements[a as usize].year == measurements[b as usize].year;
        runs.extend(bucket.chunk_by(same_year).filter(|run| run.len() > 1).map(<[u32]>::to_vec));
    }
    runs
}

/// A duplicate at `at` (a measurement and its column), pointing at the `other` occurrence.
fn duplicate(data: &Dataset, code: Code, at: (&Measurement, u32), other: &Measurement) -> Problem {
    let (m, column) = at;
    let shown = |v: Option<f64>| v.map_or("no data".to_string(), crate::target::num);
    let same = code == Code::DuplicateRow;
    let expected = Expected::Once { same, at: data.location(other).to_string(), value: other.value() };
    let file = data.location(m).file;
    let p = if same { Problem::warning(code, &file, expected) } else { Problem::error(code, &file, expected) };
    let indicator = data.indicator_of(m);
    p.at(m.line(), Some(column as usize), indicator).found(&format!(
        "{} {indicator} {}: {}",
        data.county_of(m),
        m.year,
        shown(m.value())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The runs found through the year masks are those of bucketing every measurement.
        #[test]
        fn repeated_keys_are_found_as_bucketing_all_finds_them(
            rows in proptest::collection::vec((0u32..6, 0u32..4, 0i32..8, 0u8..3), 0..200),
            wide: bool,
        ) {
            let measurements: Vec<Measurement> = (0..)
                .zip(&rows)
                .map(|(line, &(county, indicator, year, value))| {
                    // A wide span of years takes the path without masks.
                    let year = if wide && year == 7 { 1900 } else { 2020 + year };
                    Measurement::new(county, indicator, year, (0, line), Some(f64::from(value)))
                })
                .collect();
            let all: Vec<u32> = (0..).take(measurements.len()).collect();
            let mut expected = runs_among(&measurements, &all);
            let mut found = same_key_runs(&measurements);
            expected.sort();
            found.sort();
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn finds_a_year_in_a_file_name() {
        assert_eq!(year_in_name("data/2023.csv"), Some(2023));
        assert_eq!(year_in_name("泉州-2022年.xlsx"), Some(2022));
        assert_eq!(year_in_name("2023/values.csv"), None);
        assert_eq!(year_in_name("v12345.csv"), None);
        assert_eq!(year_in_name("report.csv"), None);
        assert_eq!(year_in_name("2023-2023.csv"), Some(2023), "one year, written twice");
    }

    #[test]
    fn a_file_rolled_back_leaves_the_intake_as_it_was() {
        let catalog = Catalog::embedded().expect("the shipped catalogue is valid");
        let names = names::Names::new(&catalog);
        let opts = LoadOptions::default();
        let mut intake = Intake::new(&opts, &catalog);
        let read = |intake: &mut Intake, name: &str, text: &str| {
            let grid = read::grid_from_bytes(name.into(), text.as_bytes().to_vec(), &opts.read);
            read_file(grid, name, &names, &opts, intake).expect("read");
        };
        let state = |i: &Intake| {
            (i.data.measurements.clone(), i.data.details.clone(), i.columns.clone(), i.data.problems.clone())
        };
        read(&mut intake, "a-2023.csv", "county,indicator,value,note\n晋江市,forest_coverage,60,甲\n南安市,nope,1,\n");
        let (before, tally, counted) = (state(&intake), intake.tally.clone(), intake.counted);
        let mark = intake.mark("b-2023.csv");
        read(&mut intake, "b-2023.csv", "county,indicator,value,note\n石狮市,forest_coverage,50,乙\n石狮市,nope,2,\n");
        assert_ne!(state(&intake), before, "the second file adds measurements, details and problems");
        intake.rollback(mark);
        assert_eq!((state(&intake), intake.tally.clone(), intake.counted), (before, tally, counted));
    }

    #[test]
    fn a_name_with_two_years_gives_neither() {
        assert_eq!(years_in_name("泉州2021年至2023年.csv"), vec![2021, 2023]);
        assert_eq!(year_in_name("泉州2021年至2023年.csv"), None);
    }
}
