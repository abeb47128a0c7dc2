//! Files → measurements. Every file is read the same way (see `read`), its header decides its shape
//! (long or wide, see `rows`), and every problem is kept with its place: nothing is dropped, guessed
//! or turned into zero.

mod number;
mod read;
mod rows;

use std::collections::HashMap;

pub use number::{Cell, NumberError, parse_cell};
pub use read::ReadOptions;

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
    /// The year of rows that carry none (`--year`), before the file name is consulted.
    pub year: Option<i32>,
}

/// Reads every file. An `Err` is a file that cannot be read at all; problems inside files are in the
/// dataset.
pub fn load(paths: &[String], catalog: &Catalog, opts: &LoadOptions) -> anyhow::Result<Dataset> {
    let mut data = Dataset::default();
    for path in paths {
        let grid = read::read_grid(path, &opts.read)?;
        let default_year = opts.year.or_else(|| year_in_name(path));
        rows::read_rows(grid, catalog, default_year, &mut data);
    }
    check_duplicates(&mut data);
    Ok(data)
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

/// The same (area, indicator, year) twice: a warning when the values agree, an error when they differ.
/// The second occurrence is dropped from the measurements either way, and the problem says so.
fn check_duplicates(data: &mut Dataset) {
    let mut seen: HashMap<(String, String, i32), usize> = HashMap::new();
    let mut keep = Vec::with_capacity(data.measurements.len());
    for (i, m) in data.measurements.iter().enumerate() {
        let key = (m.county.clone(), m.indicator.clone(), m.year);
        match seen.get(&key) {
            None => {
                seen.insert(key, i);
                keep.push(true);
            }
            Some(&first) => {
                let first = &data.measurements[first];
                let same = first.value == m.value;
                let (code, what) = if same {
                    (Code::DuplicateRow, "each area, indicator and year once (the same value is already given")
                } else {
                    (Code::ConflictingDuplicate, "each area, indicator and year once (a different value is given")
                };
                let shown = |v: Option<f64>| v.map_or("no data".to_string(), crate::target::num);
                let expected = format!("{what} at {}: {})", first.origin, shown(first.value));
                let p = if same {
                    Problem::warning(code, &m.origin.file, expected)
                } else {
                    Problem::error(code, &m.origin.file, expected)
                };
                data.problems.push(p.at(m.origin.line, None, &m.indicator).found(&format!(
                    "{} {} {}: {}",
                    m.county,
                    m.indicator,
                    m.year,
                    shown(m.value)
                )));
                keep.push(false);
            }
        }
    }
    let mut flags = keep.into_iter();
    data.measurements.retain(|_| flags.next().unwrap_or(true));
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
