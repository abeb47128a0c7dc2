//! City-wide values from the areas' rows. Each indicator says how its areas combine (`aggregate`):
//! a ratio is Σ numerator / Σ denominator × 100 (never the mean of percentages), a count is a sum, and
//! anything measured city-wide needs its own city-level row. A partial sum is never passed off as the
//! city's value: a missing area makes the city value missing, with the area named.

use crate::catalog::{Aggregate, AreaKind, Catalog, County, Indicator};
#[cfg(test)]
use crate::load::Details;
use crate::load::{Dataset, Measurement};
use crate::problem::{Code, Expected, Problem};
use crate::target::num;

/// How far a reported city value may be from the areas' aggregate before it is flagged: 0.1
/// percentage points for a ratio (rounding in the areas' own percentages), nothing for a count.
pub const RATIO_TOLERANCE: f64 = 0.1;

/// The areas' values combined for one city-level row, indicator and year.
#[derive(Debug, Clone, PartialEq)]
pub enum Combined {
    /// Every applicable area reported: the city value and how many areas it is made of.
    Value { value: f64, areas: usize },
    /// Some applicable areas have no usable value (for a ratio: no numerator and denominator).
    MissingAreas(Vec<String>),
    /// No area reported anything, or the indicator is measured city-wide only.
    Nothing,
}

/// The areas a city-level row is made of (those with its `members` tag, or every area), with their
/// positions in the catalogue.
pub fn members<'a>(catalog: &'a Catalog, city: &County) -> impl Iterator<Item = (usize, &'a County)> {
    let tag = city.members.clone();
    catalog
        .counties
        .iter()
        .enumerate()
        .filter(move |(_, c)| c.kind == AreaKind::Area && tag.as_ref().is_none_or(|t| c.tags.contains(t)))
}

/// Combines the areas' measurements of `ind` for the city row `city`, in one year. `find` gives the
/// measurement of the area at a catalogue position (of this indicator and year), so combining costs
/// one lookup per area.
pub fn combine<'m>(
    catalog: &Catalog,
    data: &Dataset,
    city: &County,
    ind: &Indicator,
    find: impl Fn(usize) -> Option<&'m Measurement>,
) -> Combined {
    if ind.aggregate == Aggregate::None {
        return Combined::Nothing;
    }
    let rows: Vec<(&County, Option<&Measurement>)> =
        members(catalog, city).filter(|(_, a)| ind.applies_to_area(a)).map(|(no, a)| (a, find(no))).collect();
    if rows.iter().all(|(_, m)| m.is_none()) {
        return Combined::Nothing;
    }
    let mut missing = Vec::new();
    let (mut total, mut numerator, mut denominator) = (0.0, 0.0, 0.0);
    for (area, m) in &rows {
        match (ind.aggregate, m) {
            (Aggregate::Ratio, Some(m)) if let Some((n, d)) = data.ratio_of(m) => {
                numerator += n;
                denominator += d;
            }
            (Aggregate::Sum, Some(m)) if let Some(v) = m.value() => total += v,
            _ => missing.push(area.name.clone()),
        }
    }
    if !missing.is_empty() {
        return Combined::MissingAreas(missing);
    }
    let value = match ind.aggregate {
        Aggregate::Ratio if denominator > 0.0 => numerator / denominator * 100.0,
        Aggregate::Ratio => return Combined::MissingAreas(rows.iter().map(|(a, _)| a.name.clone()).collect()),
        _ => total,
    };
    Combined::Value { value, areas: rows.len() }
}

/// The areas' rows an aggregate of `ind` for `city` is made of (`find` as for [`combine`]), in catalogue order: where a
/// city value that no row reported came from.
pub fn member_rows<'m>(
    catalog: &Catalog,
    city: &County,
    ind: &Indicator,
    find: impl Fn(usize) -> Option<&'m Measurement>,
) -> Vec<&'m Measurement> {
    members(catalog, city).filter(|(_, a)| ind.applies_to_area(a)).filter_map(|(no, _)| find(no)).collect()
}

/// Whether a reported city value and the areas' aggregate disagree beyond the tolerance.
pub fn disagrees(ind: &Indicator, reported: f64, aggregated: f64) -> bool {
    let tolerance = if ind.aggregate == Aggregate::Ratio { RATIO_TOLERANCE } else { 1e-9 };
    (reported - aggregated).abs() > tolerance
}

/// The warning for a city row whose reported value disagrees with what its areas aggregate to, naming
/// both figures; `None` when they agree or either is missing. `city_no` is the city row's position in
/// the catalogue; `find` is as for [`combine`].
pub fn mismatch<'m>(
    catalog: &Catalog,
    data: &Dataset,
    city_no: usize,
    ind: &Indicator,
    find: impl Fn(usize) -> Option<&'m Measurement>,
) -> Option<Problem> {
    let city = catalog.counties.get(city_no)?;
    let m = find(city_no)?;
    let reported = m.value()?;
    let Combined::Value { value, areas } = combine(catalog, data, city, ind, &find) else { return None };
    if !disagrees(ind, reported, value) {
        return None;
    }
    let expected = Expected::Aggregate {
        value: (value * 100.0).round() / 100.0,
        areas,
        ratio: ind.aggregate == Aggregate::Ratio,
        city: city.name.clone(),
    };
    let origin = data.location(m);
    Some(
        Problem::warning(Code::AggregateMismatch, &origin.file, expected)
            .at(origin.line, None, &ind.id)
            .found(&num(reported)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An area's row: its name, value, numerator and denominator.
    type AreaRow<'a> = (&'a str, Option<f64>, Option<f64>, Option<f64>);

    fn combine_rows(id: &str, rows: &[AreaRow]) -> Combined {
        let c = Catalog::embedded().unwrap();
        let mut data = Dataset::for_catalog(&c);
        for &(county, value, n, d) in rows {
            data.push_named(county, id, 2023).unwrap().set_value(value);
            data.detail_last(Details { numerator: n, denominator: d, note: None });
        }
        let index = data.index(&c);
        let city = c.county("全市").unwrap().clone();
        let ind_no = c.indicators.iter().position(|i| i.id == id).unwrap();
        combine(&c, &data, &city, &c.indicators[ind_no], |area| index.get(area, ind_no, 2023))
    }

    #[test]
    fn a_ratio_is_villages_over_villages_not_a_mean_of_percentages() {
        let areas = [
            "鲤城区",
            "丰泽区",
            "洛江区",
            "泉港区",
            "石狮市",
            "晋江市",
            "南安市",
            "惠安县",
            "安溪县",
            "永春县",
            "德化县",
            "泉州开发区",
            "泉州台商投资区",
        ];
        // One large area at 50%, twelve small ones at 100%: the mean of percentages would be 96.2%.
        let rows: Vec<_> = areas
            .iter()
            .enumerate()
            .map(
                |(i, a)| if i == 0 { (*a, None, Some(200.0), Some(400.0)) } else { (*a, None, Some(10.0), Some(10.0)) },
            )
            .collect();
        let Combined::Value { value, areas: n } = combine_rows("green_village_share", &rows) else { panic!() };
        assert_eq!(n, 13);
        assert!((value - 320.0 / 520.0 * 100.0).abs() < 1e-9, "{value}");
    }

    #[test]
    fn a_missing_area_is_named_never_summed_over() {
        let rows = [("石狮市", None, Some(9.0), Some(9.0)), ("晋江市", Some(93.3), None, None)];
        assert_eq!(
            combine_rows("black_odorous_elimination", &rows),
            Combined::MissingAreas(vec!["晋江市".into(), "南安市".into()])
        );
    }

    #[test]
    fn counts_add_up_over_the_areas_they_apply_to() {
        let coastal = ["丰泽区", "洛江区", "泉港区", "石狮市", "晋江市", "南安市", "惠安县", "泉州台商投资区"];
        let rows: Vec<_> =
            coastal.iter().map(|a| (*a, Some(if *a == "晋江市" { 2.0 } else { 0.0 }), None, None)).collect();
        assert_eq!(combine_rows("beautiful_bays", &rows), Combined::Value { value: 2.0, areas: 8 });
        assert_eq!(combine_rows("pm25_central", &rows), Combined::Nothing);
        assert_eq!(combine_rows("beautiful_rivers_lakes", &[]), Combined::Nothing);
    }

    #[test]
    fn disagreement_allows_rounding_in_ratios_only() {
        let c = Catalog::embedded().unwrap();
        assert!(!disagrees(c.indicator("green_village_share").unwrap(), 73.6, 73.67));
        assert!(disagrees(c.indicator("green_village_share").unwrap(), 73.5, 73.67));
        assert!(disagrees(c.indicator("beautiful_bays").unwrap(), 3.0, 2.0));
    }
}
