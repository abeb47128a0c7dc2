//! The year a run evaluates is never chosen by a stray row.

use super::{Dataset, year_in_name};

/// When every row of `year` comes from a file whose name gives another year (`a-2023.csv` holding
/// one row dated 2025), the place of the first such row: that year is a typo's, not the data's.
/// `None` when some file named for `year`, or named for no year, gives it.
pub fn stray_year(data: &Dataset, year: i32) -> Option<String> {
    let name_year = |file: u32| data.accounting.get(file as usize).and_then(|a| year_in_name(&a.file));
    let mut rows = data.measurements.iter().filter(|m| m.year == year);
    let first = rows.next()?;
    let stray = |m: &super::Measurement| name_year(m.file).is_some_and(|n| n != year);
    (stray(first) && rows.all(stray)).then(|| data.location(first).to_string())
}
