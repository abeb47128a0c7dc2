//! Checks of a submission as a whole, beyond each row being well formed: whose rows a file holds
//! (`validate --area-from-filename`), whether each area gave every indicator that applies to it
//! (`validate --complete`), and whether an area's ratio value comes with the parts the city value is
//! aggregated from (`ratio-without-parts`).

use rustc_hash::FxHashSet;

use super::Dataset;
use crate::catalog::{Aggregate, AreaKind, Catalog, County, Indicator, IndicatorType};
use crate::problem::{Code, Expected, Problem};

/// Whether an area reports an indicator: a city row the indicators it is the official row of, a
/// reporting area those that apply to it.
pub fn reports(area: &County, ind: &Indicator) -> bool {
    match area.kind {
        AreaKind::City => area.name == ind.city_row,
        AreaKind::Area => ind.applies_to_area(area),
    }
}

/// The areas a file's name names (by name or alias), each once, in catalogue order; when it names
/// none, those its folder's name names (`submissions/晋江市/2024.csv`). A name inside a longer one that
/// also matches (`开发区` in `泉州开发区`) is not counted.
pub fn areas_in_name<'c>(catalog: &'c Catalog, file: &str) -> Vec<&'c County> {
    areas_named(catalog, &AreaNames::new(catalog), file)
}

/// Every area's name and aliases (the empty ones aside) → the areas that have it, in catalogue order:
/// the names a file's name is searched for, looked up by each piece of the file's name rather than
/// each searched for in it, so that a file costs the same whatever the number of areas.
struct AreaNames<'c> {
    areas: rustc_hash::FxHashMap<&'c str, Vec<usize>>,
    /// The longest name's length in bytes.
    longest: usize,
}

impl<'c> AreaNames<'c> {
    fn new(catalog: &'c Catalog) -> AreaNames<'c> {
        let mut areas: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        for (no, area) in catalog.counties.iter().enumerate() {
            for alias in std::iter::once(&area.name).chain(&area.aliases).filter(|a| !a.is_empty()) {
                areas.entry(alias.as_str()).or_default().push(no);
            }
        }
        let longest = areas.keys().map(|a| a.len()).max().unwrap_or(0);
        AreaNames { areas, longest }
    }
}

fn areas_named<'c>(catalog: &'c Catalog, names: &AreaNames, file: &str) -> Vec<&'c County> {
    let path = std::path::Path::new(file);
    let named = path.file_name().map(|n| areas_in(catalog, names, &n.to_string_lossy())).unwrap_or_default();
    if !named.is_empty() {
        return named;
    }
    path.parent()
        .and_then(|p| p.file_name())
        .map(|n| areas_in(catalog, names, &n.to_string_lossy()))
        .unwrap_or_default()
}

fn areas_in<'c>(catalog: &'c Catalog, names: &AreaNames, name: &str) -> Vec<&'c County> {
    // Every occurrence of a name, as `str::match_indices` finds them: from the left, those of one
    // name not overlapping.
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut free_from: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let bounds: Vec<usize> = name.char_indices().map(|(at, _)| at).chain([name.len()]).collect();
    for (i, &start) in bounds.iter().enumerate() {
        for &end in bounds[i + 1..].iter().take_while(|&&end| end - start <= names.longest) {
            let piece = &name[start..end];
            let Some(areas) = names.areas.get(piece) else { continue };
            let free = free_from.entry(piece).or_insert(0);
            if start < *free {
                continue;
            }
            *free = end;
            spans.extend(areas.iter().map(|&no| (start, end, no)));
        }
    }
    let within = |a: &(usize, usize, usize), b: &(usize, usize, usize)| b.0 <= a.0 && a.1 <= b.1 && a != b;
    let kept: FxHashSet<usize> =
        spans.iter().filter(|s| !spans.iter().any(|o| within(s, o) && o.2 != s.2)).map(|s| s.2).collect();
    catalog.counties.iter().enumerate().filter(|(no, _)| kept.contains(no)).map(|(_, c)| c).collect()
}

/// `--area-from-filename`: each file holds the rows of the one area its name names. A row of another
/// area is a `foreign-area` error and is rejected (its measurements are dropped, its accounting moved
/// from accepted to rejected); a file whose name names no area, or several, is one `foreign-area`
/// error and keeps its rows.
pub fn check_ownership(catalog: &Catalog, data: &mut Dataset) {
    let mut problems = Vec::new();
    let mut owners: Vec<Option<String>> = Vec::new();
    let names = AreaNames::new(catalog);
    for acc in &data.accounting {
        let named = areas_named(catalog, &names, &acc.file);
        match named[..] {
            [area] => owners.push(Some(area.name.clone())),
            _ => {
                owners.push(None);
                if acc.shape != "unreadable" {
                    let named = named.iter().map(|a| a.name.clone()).collect();
                    let p = Problem::error(Code::ForeignArea, &acc.file, Expected::AreaInFileName { named });
                    problems.push(p.found(&acc.file));
                }
            }
        }
    }
    let mut rejected: FxHashSet<(u32, u32)> = FxHashSet::default();
    for m in &data.measurements {
        let Some(Some(owner)) = owners.get(m.file as usize) else { continue };
        let area = data.county_of(m);
        if area != owner && rejected.insert((m.file, m.line)) {
            let at = data.location(m);
            let expected = Expected::RowsOfArea { area: owner.clone() };
            problems
                .push(Problem::error(Code::ForeignArea, &at.file, expected).at(at.line, None, "county").found(area));
        }
    }
    data.measurements.retain(|m| !rejected.contains(&(m.file, m.line)));
    for &(file, _) in &rejected {
        if let Some(acc) = data.accounting.get_mut(file as usize) {
            acc.rows_accepted = acc.rows_accepted.saturating_sub(1);
            acc.rows_rejected += 1;
        }
    }
    data.problems.extend(problems);
}

/// Which indicators `--complete` requires of each area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Binding,
    All,
}

/// `--complete`: every area with rows in a year has a value for every indicator that applies to it in
/// that year (the binding ones, or all). One `missing-indicator` error per (area, indicator, year)
/// lacking: at the row that says "no data" when there is one, else a problem of the area's first
/// file of that year.
pub fn check_complete(catalog: &Catalog, data: &mut Dataset, which: Completeness) {
    let index = data.index(catalog);
    // Each (year, area)'s first row, found in one pass: a scan of the rows per area was quadratic.
    let mut first_rows: rustc_hash::FxHashMap<(i32, &str), &super::Measurement> = Default::default();
    for m in &data.measurements {
        first_rows.entry((m.year, data.county_of(m))).or_insert(m);
    }
    let mut problems = Vec::new();
    for year in data.years() {
        let present = index.counties_in(year);
        for (area_no, area) in catalog.counties.iter().enumerate() {
            if !present.get(area_no).copied().unwrap_or(false) {
                continue;
            }
            let first_file =
                first_rows.get(&(year, area.name.as_str())).map_or_else(|| "-".to_string(), |m| data.location(m).file);
            for (ind_no, ind) in catalog.indicators.iter().enumerate() {
                if !reports(area, ind) || (which == Completeness::Binding && ind.kind != IndicatorType::Binding) {
                    continue;
                }
                let expected = Expected::AreaValue {
                    area: area.name.clone(),
                    id: ind.id.clone(),
                    name: ind.display_name().to_string(),
                    year,
                };
                match index.get(area_no, ind_no, year) {
                    Some(m) if m.value().is_some() => {}
                    Some(m) => {
                        let at = data.location(m);
                        let p = Problem::error(Code::MissingIndicator, &at.file, expected);
                        problems.push(p.at(at.line, None, &ind.id).found("no data"));
                    }
                    None => {
                        let mut p = Problem::error(Code::MissingIndicator, &first_file, expected).found("no row");
                        p.field = Some(ind.id.clone());
                        problems.push(p);
                    }
                }
            }
        }
    }
    data.problems.extend(problems);
}

/// A reporting area's value of a ratio indicator without its numerator and denominator: a warning,
/// since the city value (Σ numerator / Σ denominator) cannot be aggregated from it. Not when the data
/// gives the city row's own value for that indicator and year, which is then used instead.
pub fn check_ratio_parts(catalog: &Catalog, data: &mut Dataset) {
    // The dataset's areas and indicators looked up once each, not once a row: `Catalog::county` scans
    // every area, which made this check quadratic in the areas (28 G instructions at 2,850 areas).
    let by_name = catalog.counties_by_name();
    let areas: Vec<Option<&County>> = data.counties.iter().map(|n| by_name.get(n.trim()).copied()).collect();
    let indicators: Vec<Option<&Indicator>> = data.indicators.iter().map(|id| catalog.indicator(id)).collect();
    let area_of = |m: &super::Measurement| areas.get(m.county as usize).copied().flatten();
    let indicator_of = |m: &super::Measurement| indicators.get(m.indicator as usize).copied().flatten();
    let mut problems = Vec::new();
    let city_values: FxHashSet<(&str, &str, i32)> = data
        .measurements
        .iter()
        .filter(|m| m.value().is_some())
        .filter(|m| indicator_of(m).is_some_and(|i| i.city_row == data.county_of(m)))
        .map(|m| (data.county_of(m), data.indicator_of(m), m.year))
        .collect();
    for m in &data.measurements {
        let (Some(area), Some(ind)) = (area_of(m), indicator_of(m)) else {
            continue;
        };
        if area.kind != AreaKind::Area || ind.aggregate != Aggregate::Ratio || m.value().is_none() {
            continue;
        }
        if data.ratio_of(m).is_none() && !city_values.contains(&(ind.city_row.as_str(), ind.id.as_str(), m.year)) {
            let at = data.location(m);
            let expected = Expected::RatioParts { id: ind.id.clone(), city_row: ind.city_row.clone() };
            let value = m.value().map_or_else(String::new, crate::target::num);
            problems.push(
                Problem::warning(Code::RatioWithoutParts, &at.file, expected).at(at.line, None, &ind.id).found(&value),
            );
        }
    }
    data.problems.extend(problems);
}

/// Puts the problems in the order of the files and, within a file, of their lines and columns (a
/// problem of a whole file first), as `load` leaves them; problems at one place keep their order.
pub fn sort_problems(data: &mut Dataset) {
    let order: rustc_hash::FxHashMap<&str, usize> =
        data.accounting.iter().enumerate().map(|(i, a)| (a.file.as_str(), i)).collect();
    let mut problems = std::mem::take(&mut data.problems);
    problems.sort_by_key(|p| (order.get(p.file.as_str()).copied(), p.line, p.column));
    data.problems = problems;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_names_its_area_by_name_or_alias() {
        let catalog = Catalog::embedded().expect("the shipped catalogue is valid");
        let names = |f: &str| areas_in_name(&catalog, f).iter().map(|a| a.name.clone()).collect::<Vec<_>>();
        assert_eq!(names("submissions/晋江市-2024.csv"), ["晋江市"]);
        assert_eq!(names("晋江 2023.xlsx"), ["晋江市"]);
        assert_eq!(names("泉州开发区-2023.csv"), ["泉州开发区"], "开发区 inside 泉州开发区 is the same area");
        assert_eq!(names("泉州台商投资区.csv"), ["泉州台商投资区"]);
        assert_eq!(names("晋江-石狮-2023.csv"), ["石狮市", "晋江市"]);
        assert!(names("2023.csv").is_empty());
        assert_eq!(names("submissions/晋江市/2023.csv"), ["晋江市"], "the folder, when the name names none");
        assert_eq!(names("石狮/晋江-2023.csv"), ["晋江市"], "the file's own name first");
    }

    /// The areas a file's name names, as a search for every name in it finds them (how they were
    /// found before the names were looked up by the pieces of the file's name).
    #[test]
    fn the_areas_named_are_those_a_search_for_each_name_finds() {
        let catalog = Catalog::embedded().expect("the shipped catalogue is valid");
        let search = |name: &str| {
            let mut spans: Vec<(usize, usize, usize)> = Vec::new();
            for (no, area) in catalog.counties.iter().enumerate() {
                for alias in std::iter::once(&area.name).chain(&area.aliases).filter(|a| !a.is_empty()) {
                    spans.extend(name.match_indices(alias.as_str()).map(|(at, m)| (at, at + m.len(), no)));
                }
            }
            let within = |a: &(usize, usize, usize), b: &(usize, usize, usize)| b.0 <= a.0 && a.1 <= b.1 && a != b;
            let kept: FxHashSet<usize> =
                spans.iter().filter(|s| !spans.iter().any(|o| within(s, o) && o.2 != s.2)).map(|s| s.2).collect();
            catalog
                .counties
                .iter()
                .enumerate()
                .filter(|(no, _)| kept.contains(no))
                .map(|(_, c)| c.name.clone())
                .collect::<Vec<String>>()
        };
        let names = AreaNames::new(&catalog);
        let files = [
            "晋江晋江晋江-2023.csv",
            "泉州开发区开发区.csv",
            "开发区泉州开发区-石狮石狮市.xlsx",
            "全市晋江市晋江.csv",
            "x晋y江z.csv",
            "",
            "2023.csv",
        ];
        for file in files {
            let found: Vec<String> = areas_in(&catalog, &names, file).iter().map(|a| a.name.clone()).collect();
            assert_eq!(found, search(file), "{file}");
        }
    }
}
