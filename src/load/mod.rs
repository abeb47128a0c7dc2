//! Files → measurements. Every file is read the same way (see `read`), its header decides its shape
//! (long or wide, see `rows`), and every problem is kept with its place: nothing is dropped, guessed
//! or turned into zero.

mod limits;
mod names;
mod number;
mod open;
mod read;
mod rows;
mod workbook;

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

pub use limits::{LimitSetting, Limits};
pub use number::{Cell, NumberError, parse_cell};
pub use open::STDIN_NAME;
pub use read::{ReadOptions, display_name, is_workbook_kind};

use crate::catalog::Catalog;
use crate::problem::{Code, Problem, Severity};

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

/// One value for one area, indicator and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The area's name as the catalogue writes it (aliases resolved).
    pub county: String,
    /// The indicator's id.
    pub indicator: String,
    pub year: i32,
    /// `None` when the file says "no data".
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub note: Option<String>,
    pub origin: Location,
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
    pub measurements: Vec<Measurement>,
    /// The problems kept, in the order of the files and, within a file, of their lines and columns.
    pub problems: Vec<Problem>,
    /// The problems counted but not kept.
    pub omitted: Vec<Omitted>,
    pub accounting: Vec<Accounting>,
}

impl Dataset {
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

    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.measurements.iter().map(|m| m.year).collect();
        years.sort_unstable();
        years.dedup();
        years
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
    let mut intake = Intake::new(opts);
    for input in open::expand(paths, opts.read.follow_symlinks) {
        match input {
            open::Input::File(path) => {
                let grid = read::read_grid(&path, &opts.read);
                read_file(grid, &path, &names, opts, &mut intake)?;
            }
            open::Input::Unreadable(problem) => intake.unreadable(problem),
        }
    }
    Ok(finish(intake))
}

/// Reads one file's bytes as if they were the file `name`: what [`load`] does with a file, without
/// the file system. For fuzzing and tests.
pub fn load_bytes(name: &str, bytes: Vec<u8>, catalog: &Catalog, opts: &LoadOptions) -> Dataset {
    let names = names::Names::new(catalog);
    let mut intake = Intake::new(opts);
    let grid = read::grid_from_bytes(name.to_string(), bytes, &opts.read);
    if let Err(e) = read_file(grid, name, &names, opts, &mut intake) {
        intake.unreadable(open::unreadable(name, "a file that can be read as CSV", &e.to_string()));
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
    intake.data.problems.append(&mut grid.problems);
    // A file's own year (its name) dates its rows before --year does, so a series of files named by
    // year keeps its years whatever year is evaluated. A name with two years dates nothing.
    let years = years_in_name(path);
    if years.len() > 1 {
        intake.data.problems.push(two_years(&grid.name, &years, opts.year));
    }
    let default_year = if years.len() == 1 { Some(years[0]) } else { opts.year };
    let index = intake.data.accounting.len();
    rows::read_rows(&grid, names, default_year, index, intake)?;
    intake.bound_problems();
    Ok(())
}

/// A file name with two years (`泉州2021年至2023年.csv`) says neither is the year of its rows.
fn two_years(file: &str, years: &[i32], fallback: Option<i32>) -> Problem {
    let list: Vec<String> = years.iter().map(i32::to_string).collect();
    let expected = match fallback {
        Some(y) => format!("one year in the file name; rows without a year column are dated {y} (--year)"),
        None => "one year in the file name, a year column, or --year".to_string(),
    };
    Problem::warning(Code::MissingYear, file, expected).found(&format!("a name with the years {}", list.join(" and ")))
}

fn finish(mut intake: Intake) -> Dataset {
    check_duplicates(&mut intake);
    intake.bound_problems();
    let omitted = intake.omitted();
    let mut data = intake.data;
    data.omitted = omitted;
    let order: HashMap<&str, usize> = data.accounting.iter().enumerate().map(|(i, a)| (a.file.as_str(), i)).collect();
    let key = |p: &Problem| (order.get(p.file.as_str()).copied(), p.line, p.column);
    let mut problems = std::mem::take(&mut data.problems);
    problems.sort_by_key(key);
    data.problems = problems;
    data
}

/// (area, indicator, year) as positions in the catalogue, so finding duplicates hashes no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    county: u32,
    indicator: u32,
    year: i32,
}

/// A measurement as one row gives it, with its cell and key.
struct Reading {
    measurement: Measurement,
    /// 1-based.
    column: usize,
    key: Key,
}

/// Where a measurement was read: the file's index, the row's line and the cell's 1-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Source {
    file: usize,
    line: usize,
    column: usize,
    key: Key,
}

/// Problems of one file by code and severity: how many were kept, how many only counted.
type Tally = FxHashMap<(Code, Severity), (usize, usize)>;

/// The dataset being built, with where each measurement came from (`sources[i]` for
/// `data.measurements[i]`), so a later check can point at a cell and reject the whole row.
#[derive(Default)]
struct Intake {
    data: Dataset,
    sources: Vec<Source>,
    /// Problems before this index have been counted against the limits.
    counted: usize,
    /// By file, code and severity: problems kept and problems only counted.
    tally: FxHashMap<String, Tally>,
    per_code: usize,
    max_problems: usize,
}

impl Intake {
    fn new(opts: &LoadOptions) -> Intake {
        Intake {
            per_code: opts.read.limits.problems_per_code,
            max_problems: opts.max_problems.unwrap_or(usize::MAX),
            ..Intake::default()
        }
    }

    fn push(&mut self, m: Measurement, source: Source) {
        self.data.measurements.push(m);
        self.sources.push(source);
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
    let found = find_duplicates(&intake.data.measurements, &intake.sources);
    let mut rejected: HashSet<(usize, usize)> = HashSet::new();
    let mut gone = vec![false; intake.data.measurements.len()];
    for (n, &(at, other, code)) in found.iter().enumerate() {
        gone[at] = true;
        let (m, earlier) = (&intake.data.measurements[at], &intake.data.measurements[other]);
        if code == Code::ConflictingDuplicate {
            rejected.insert((intake.sources[at].file, intake.sources[at].line));
        }
        let p = duplicate(code, m, intake.sources[at], earlier);
        intake.data.problems.push(p);
        if n % 1024 == 0 {
            intake.bound_problems();
        }
    }
    let Intake { data, sources, .. } = intake;
    // A rejected row keeps none of its measurements: a wide row may hold others.
    for (flag, s) in gone.iter_mut().zip(sources.iter()) {
        *flag |= rejected.contains(&(s.file, s.line));
    }
    for &(file, _) in &rejected {
        if let Some(acc) = data.accounting.get_mut(file) {
            acc.rows_accepted = acc.rows_accepted.saturating_sub(1);
            acc.rows_rejected += 1;
        }
    }
    let mut flags = gone.iter();
    data.measurements.retain(|_| !flags.next().copied().unwrap_or(false));
    let mut flags = gone.iter();
    sources.retain(|_| !flags.next().copied().unwrap_or(false));
}

/// Every measurement whose key another has: (its index, the index it is reported against, the code).
/// A key given two values is in conflict at every occurrence, the first included.
fn find_duplicates(measurements: &[Measurement], sources: &[Source]) -> Vec<(usize, usize, Code)> {
    // Keys are small integers: FxHash is several times faster than SipHash here.
    let mut first: FxHashMap<Key, usize> = FxHashMap::with_capacity_and_hasher(sources.len(), Default::default());
    // The first occurrence of each key whose value differs from the key's first value.
    let mut differing: FxHashMap<Key, usize> = FxHashMap::default();
    for (i, m) in measurements.iter().enumerate() {
        let f = *first.entry(sources[i].key).or_insert(i);
        if f != i && measurements[f].value != m.value {
            differing.entry(sources[i].key).or_insert(i);
        }
    }
    let mut found = Vec::new();
    for (i, m) in measurements.iter().enumerate() {
        let key = sources[i].key;
        let f = first[&key];
        match differing.get(&key) {
            // In conflict: each occurrence is reported against a different value.
            Some(&d) => {
                let other = if measurements[f].value == m.value { d } else { f };
                found.push((i, other, Code::ConflictingDuplicate));
            }
            None if f != i => found.push((i, f, Code::DuplicateRow)),
            None => {}
        }
    }
    found
}

/// A duplicate at `at`, pointing at the `other` occurrence.
fn duplicate(code: Code, m: &Measurement, at: Source, other: &Measurement) -> Problem {
    let shown = |v: Option<f64>| v.map_or("no data".to_string(), crate::target::num);
    let expected = |what: &str| {
        format!("each area, indicator and year once ({what} given at {}: {})", other.origin, shown(other.value))
    };
    let p = if code == Code::DuplicateRow {
        Problem::warning(code, &m.origin.file, expected("the same value is"))
    } else {
        Problem::error(code, &m.origin.file, expected("a different value is") + "; neither value is used")
    };
    p.at(at.line, Some(at.column), &m.indicator).found(&format!(
        "{} {} {}: {}",
        m.county,
        m.indicator,
        m.year,
        shown(m.value)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_name_with_two_years_gives_neither() {
        assert_eq!(years_in_name("泉州2021年至2023年.csv"), vec![2021, 2023]);
        assert_eq!(year_in_name("泉州2021年至2023年.csv"), None);
    }
}
