//! Files → measurements. Every file is read the same way (see `read`), its header decides its shape
//! (long or wide, see `rows`), and every problem is kept with its place: nothing is dropped, guessed
//! or turned into zero.

mod names;
mod number;
mod read;
mod rows;

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;

pub use number::{Cell, NumberError, parse_cell};
pub use read::{ReadOptions, STDIN_NAME, display_name, is_workbook_kind};

use crate::catalog::Catalog;
use crate::problem::{Code, Problem};

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

/// Everything read from the data files.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub measurements: Vec<Measurement>,
    pub problems: Vec<Problem>,
    pub accounting: Vec<Accounting>,
}

impl Dataset {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
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
}

/// Reads every file. An `Err` is a file that cannot be read at all; problems inside files are in the
/// dataset, in the order of the files and, within a file, of their lines and columns.
pub fn load(paths: &[String], catalog: &Catalog, opts: &LoadOptions) -> anyhow::Result<Dataset> {
    let names = names::Names::new(catalog);
    let mut intake = Intake::default();
    for (index, path) in paths.iter().enumerate() {
        let grid = read::read_grid(path, &opts.read)?;
        // A file's own year (its name) dates its rows before --year does, so a series of files named by
        // year keeps its years whatever year is evaluated.
        let default_year = year_in_name(path).or(opts.year);
        rows::read_rows(&grid, &names, default_year, index, &mut intake)?;
    }
    check_duplicates(&mut intake);
    let mut data = intake.data;
    let order: HashMap<&str, usize> = data.accounting.iter().enumerate().map(|(i, a)| (a.file.as_str(), i)).collect();
    let key = |p: &Problem| (order.get(p.file.as_str()).copied(), p.line, p.column);
    let mut problems = std::mem::take(&mut data.problems);
    problems.sort_by_key(key);
    data.problems = problems;
    Ok(data)
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

/// The dataset being built, with where each measurement came from (`sources[i]` for
/// `data.measurements[i]`), so a later check can point at a cell and reject the whole row.
#[derive(Default)]
struct Intake {
    data: Dataset,
    sources: Vec<Source>,
}

impl Intake {
    fn push(&mut self, m: Measurement, source: Source) {
        self.data.measurements.push(m);
        self.sources.push(source);
    }
}

/// A four-digit year (19xx or 20xx) in the file's name: `2023.csv`, `泉州-2023年.xlsx`.
pub fn year_in_name(path: &str) -> Option<i32> {
    let name = std::path::Path::new(path).file_name()?.to_str()?;
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = &bytes[i..i + 4];
        let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
        let digit_after = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
        let is_year = window.iter().all(u8::is_ascii_digit) && (window.starts_with(b"19") || window.starts_with(b"20"));
        (is_year && !digit_before && !digit_after).then(|| name[i..i + 4].parse().ok())?
    })
}

/// The same (area, indicator, year) twice: a warning when the values agree (the later copy adds
/// nothing and is dropped), an error at both places when they differ. Neither of two conflicting
/// values is kept, since choosing one would be a guess, and the rows that hold them are rejected.
fn check_duplicates(intake: &mut Intake) {
    let Intake { data, sources } = intake;
    // Keys are small integers: FxHash is several times faster than SipHash here.
    let mut first: FxHashMap<Key, usize> = FxHashMap::with_capacity_and_hasher(sources.len(), Default::default());
    let mut conflicted = HashSet::new();
    let mut gone = vec![false; data.measurements.len()];
    let mut rejected: HashSet<(usize, usize)> = HashSet::new();
    let mut problems = Vec::new();
    for (i, m) in data.measurements.iter().enumerate() {
        let f = *first.entry(sources[i].key).or_insert(i);
        if f == i {
            continue;
        }
        gone[i] = true;
        let earlier = &data.measurements[f];
        if earlier.value == m.value {
            problems.push(duplicate(Code::DuplicateRow, m, sources[i], earlier));
            continue;
        }
        problems.push(duplicate(Code::ConflictingDuplicate, m, sources[i], earlier));
        rejected.insert((sources[i].file, sources[i].line));
        if conflicted.insert(f) {
            problems.push(duplicate(Code::ConflictingDuplicate, earlier, sources[f], m));
            rejected.insert((sources[f].file, sources[f].line));
        }
    }
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
    data.problems.extend(problems);
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
    }
}
