//! `plan-check validate`: everything `eval` needs, checked without evaluating.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Write;

use crate::aggregate::{self, Combined};
use crate::catalog::{Aggregate, Catalog, IndicatorType};
use crate::cli::{Require, ValidateArgs};
use crate::load::{Dataset, Measurement};
use crate::problem::{Code, Problem};
use crate::report::problems;
use crate::{Console, Outcome};

pub fn run(args: &ValidateArgs, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, mut data) = super::load_inputs(&args.input)?;
    check_aggregates(&catalog, &mut data);
    let mismatches = crate::evaluate::baseline_mismatches(&catalog, &data.measurements);
    data.problems.extend(mismatches);
    if args.require != Require::None {
        require_city_values(&catalog, &mut data, args.require);
    }
    let lang = args.lang.into();
    let content = problems::validate(&data, args.max_errors, lang)?;
    super::emit(&content, super::format(&args.output)?, &args.output, console, &super::inputs(&args.input, None), out)?;
    if !data.has_errors() {
        return Ok(Outcome::Clean);
    }
    let errors = data.problems.iter().filter(|p| p.is_error()).count();
    writeln!(err, "{}", crate::labels::validate_verdict(errors, data.problems.len() - errors, lang))?;
    Ok(Outcome::Findings)
}

/// The measurements of indicators whose areas add up to a city value, by (area, indicator, year): all
/// that the aggregate checks look up, so a large file of other indicators costs nothing here.
fn index<'d>(catalog: &Catalog, data: &'d Dataset) -> FxHashMap<(&'d str, &'d str, i32), &'d Measurement> {
    let aggregated: FxHashSet<&str> =
        catalog.indicators.iter().filter(|i| i.aggregate != Aggregate::None).map(|i| i.id.as_str()).collect();
    data.measurements
        .iter()
        .filter(|m| aggregated.contains(m.indicator.as_str()))
        .map(|m| ((m.county.as_str(), m.indicator.as_str(), m.year), m))
        .collect()
}

/// A city row that disagrees with what its areas aggregate to: a warning naming both figures, in every
/// year of the data.
fn check_aggregates(catalog: &Catalog, data: &mut Dataset) {
    let by_key = index(catalog, data);
    let find = |county: &str, id: &str, year: i32| by_key.get(&(county, id, year)).copied();
    let mut warnings = Vec::new();
    for year in data.years() {
        for ind in catalog.indicators.iter().filter(|i| i.aggregate != Aggregate::None) {
            let Some(city) = catalog.county(&ind.city_row) else { continue };
            warnings.extend(aggregate::mismatch(catalog, city, ind, year, find));
        }
    }
    data.problems.extend(warnings);
}

/// A city-level value a required indicator lacks (neither reported nor made from every area it applies
/// to), for the latest year in the data: at the row that
/// says "no data" when there is one, else a problem of the first file.
fn require_city_values(catalog: &Catalog, data: &mut Dataset, require: Require) {
    let file = data.accounting.first().map_or_else(|| "-".to_string(), |a| a.file.clone());
    let year = data.years().last().copied();
    let city_rows: HashMap<(&str, &str), &Measurement> = data
        .measurements
        .iter()
        .filter(|m| Some(m.year) == year)
        .map(|m| ((m.indicator.as_str(), m.county.as_str()), m))
        .collect();
    let by_key = index(catalog, data);
    let mut problems = Vec::new();
    for ind in &catalog.indicators {
        if require == Require::Binding && ind.kind != IndicatorType::Binding {
            continue;
        }
        let row = city_rows.get(&(ind.id.as_str(), ind.city_row.as_str()));
        let in_year = year.map_or(String::new(), |y| format!(" in {y}"));
        let expected = format!("a value for {} ({}) on the {} row{in_year}", ind.id, ind.display_name(), ind.city_row);
        let aggregated = || match (catalog.county(&ind.city_row), year) {
            (Some(city), Some(y)) => {
                let find = |county: &str, id: &str, yr: i32| by_key.get(&(county, id, yr)).copied();
                matches!(aggregate::combine(catalog, city, ind, y, find), Combined::Value { .. })
            }
            _ => false,
        };
        let p = match row {
            Some(m) if m.value.is_some() => continue,
            _ if aggregated() => continue,
            Some(m) => Problem::error(Code::MissingIndicator, &m.origin.file, expected)
                .at(m.origin.line, None, &ind.id)
                .found("no data"),
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
