//! The checks `validate` makes beyond reading: a city row against what its areas aggregate to, and
//! the city-level values `--require` asks for. Each adds problems to the dataset.

use crate::aggregate::{self, Combined};
use crate::catalog::{Aggregate, Catalog, IndicatorType};
use crate::load::Dataset;
use crate::problem::{Code, Expected, Problem};

/// Which city-level values must be present (`--require`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Require {
    /// Nothing beyond well-formed rows.
    None,
    /// A value for every binding indicator.
    Binding,
    /// A value for every indicator.
    All,
}

/// Everything `validate` checks beyond reading: aggregates, baselines and the values `require` asks for.
pub fn validate(catalog: &Catalog, data: &mut Dataset, require: Require) {
    check_aggregates(catalog, data);
    let mismatches = crate::evaluate::baseline_mismatches(catalog, data);
    data.problems.extend(mismatches);
    data.problems.extend(crate::evaluate::compound_gaps(catalog, data));
    if require != Require::None {
        require_city_values(catalog, data, require);
    }
}

/// A city row that disagrees with what its areas aggregate to: a warning naming both figures, in every
/// year of the data.
pub fn check_aggregates(catalog: &Catalog, data: &mut Dataset) {
    // Only the indicators whose areas add up are looked up here.
    let index = data.index_where(catalog, |i| i.aggregate != Aggregate::None);
    let mut warnings = Vec::new();
    for year in data.years() {
        for (ind_no, ind) in catalog.indicators.iter().enumerate().filter(|(_, i)| i.aggregate != Aggregate::None) {
            let Some(city_no) = catalog.counties.iter().position(|c| c.name == ind.city_row) else { continue };
            let find = |area: usize| index.get(area, ind_no, year);
            warnings.extend(aggregate::mismatch(catalog, data, city_no, ind, find));
        }
    }
    data.problems.extend(warnings);
}

/// A city-level value a required indicator lacks (neither reported nor made from every area it applies
/// to), for the latest year in the data: at the row that
/// says "no data" when there is one, else a problem of the first file.
pub fn require_city_values(catalog: &Catalog, data: &mut Dataset, require: Require) {
    let file = data.accounting.first().map_or_else(|| "-".to_string(), |a| a.file.clone());
    let year = data.years().last().copied();
    let index = data.index(catalog);
    let mut problems = Vec::new();
    for (ind_no, ind) in catalog.indicators.iter().enumerate() {
        if require == Require::Binding && ind.kind != IndicatorType::Binding {
            continue;
        }
        let city_no = catalog.counties.iter().position(|c| c.name == ind.city_row);
        let row = city_no.zip(year).and_then(|(c, y)| index.get(c, ind_no, y));
        let expected = Expected::CityValue {
            id: ind.id.clone(),
            name: ind.display_name().to_string(),
            city_row: ind.city_row.clone(),
            year,
        };
        let aggregated = || match (city_no, year) {
            (Some(c), Some(y)) => {
                let find = |area: usize| index.get(area, ind_no, y);
                matches!(aggregate::combine(catalog, data, &catalog.counties[c], ind, find), Combined::Value { .. })
            }
            _ => false,
        };
        let p = match row {
            Some(m) if m.value().is_some() => continue,
            _ if aggregated() => continue,
            Some(m) => {
                let origin = data.location(m);
                Problem::error(Code::MissingIndicator, &origin.file, expected.clone())
                    .at(origin.line, None, &ind.id)
                    .found("no data")
            }
            None => {
                let mut p = Problem::error(Code::MissingIndicator, &file, expected).found("no row");
                p.field = Some(ind.id.clone());
                p
            }
        };
        problems.push(p);
    }
    data.problems.extend(problems);
}
