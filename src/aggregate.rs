//! City-wide values from the areas' rows. Each indicator says how its areas combine (`aggregate`):
//! a ratio is Σ numerator / Σ denominator × 100 (never the mean of percentages), a count is a sum, and
//! anything measured city-wide needs its own city-level row. A partial sum is never passed off as the
//! city's value: a missing area makes the city value missing, with the area named.

use crate::catalog::{Aggregate, AreaKind, Catalog, County, Indicator};
use crate::load::Measurement;
use crate::problem::{Code, Problem};
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

/// The areas a city-level row is made of: those with its `members` tag, or every area.
pub fn members<'a>(catalog: &'a Catalog, city: &County) -> impl Iterator<Item = &'a County> {
    let tag = city.members.clone();
    catalog.counties.iter().filter(move |c| c.kind == AreaKind::Area && tag.as_ref().is_none_or(|t| c.tags.contains(t)))
}

/// Combines the areas' measurements of `ind` in `year` for the city row `city`. `find` looks up a
/// measurement by (area, indicator id, year).
pub fn combine<'m>(
    catalog: &Catalog,
    city: &County,
    ind: &Indicator,
    year: i32,
    find: impl Fn(&str, &str, i32) -> Option<&'m Measurement>,
) -> Combined {
    if ind.aggregate == Aggregate::None {
        return Combined::Nothing;
    }
    let areas: Vec<&County> = members(catalog, city).filter(|a| ind.applies_to_area(a)).collect();
    let rows: Vec<(&County, Option<&Measurement>)> = areas.iter().map(|a| (*a, find(&a.name, &ind.id, year))).collect();
    if rows.iter().all(|(_, m)| m.is_none()) {
        return Combined::Nothing;
    }
    let mut missing = Vec::new();
    let (mut total, mut numerator, mut denominator) = (0.0, 0.0, 0.0);
    for (area, m) in &rows {
        match (ind.aggregate, m) {
            (Aggregate::Ratio, Some(Measurement { numerator: Some(n), denominator: Some(d), .. })) => {
                numerator += n;
                denominator += d;
            }
            (Aggregate::Sum, Some(Measurement { value: Some(v), .. })) => total += v,
            _ => missing.push(area.name.clone()),
        }
    }
    if !missing.is_empty() {
        return Combined::MissingAreas(missing);
    }
    let value = match ind.aggregate {
        Aggregate::Ratio if denominator > 0.0 => numerator / denominator * 100.0,
        Aggregate::Ratio => return Combined::MissingAreas(areas.iter().map(|a| a.name.clone()).collect()),
        _ => total,
    };
    Combined::Value { value, areas: rows.len() }
}

/// The areas' rows an aggregate of `ind` for `city` in `year` is made of, in catalogue order: where a
/// city value that no row reported came from.
pub fn member_rows<'m>(
    catalog: &Catalog,
    city: &County,
    ind: &Indicator,
    year: i32,
    find: impl Fn(&str, &str, i32) -> Option<&'m Measurement>,
) -> Vec<&'m Measurement> {
    members(catalog, city).filter(|a| ind.applies_to_area(a)).filter_map(|a| find(&a.name, &ind.id, year)).collect()
}

/// Whether a reported city value and the areas' aggregate disagree beyond the tolerance.
pub fn disagrees(ind: &Indicator, reported: f64, aggregated: f64) -> bool {
    let tolerance = if ind.aggregate == Aggregate::Ratio { RATIO_TOLERANCE } else { 1e-9 };
    (reported - aggregated).abs() > tolerance
}

/// The warning for a city row whose reported value disagrees with what its areas aggregate to, naming
/// both figures; `None` when they agree or either is missing.
pub fn mismatch<'m>(
    catalog: &Catalog,
    city: &County,
    ind: &Indicator,
    year: i32,
    find: impl Fn(&str, &str, i32) -> Option<&'m Measurement>,
) -> Option<Problem> {
    let m = find(&city.name, &ind.id, year)?;
    let reported = m.value?;
    let Combined::Value { value, areas } = combine(catalog, city, ind, year, &find) else { return None };
    if !disagrees(ind, reported, value) {
        return None;
    }
    let (how, tolerance) = match ind.aggregate {
        Aggregate::Ratio => ("Σ numerator / Σ denominator × 100", format!("{RATIO_TOLERANCE} percentage points")),
        _ => ("their sum", "0".to_string()),
    };
    let expected = format!(
        "about {}, what the {areas} areas aggregate to ({how}); the {} row and its areas differ by more than {tolerance}",
        num((value * 100.0).round() / 100.0),
        city.name
    );
    Some(
        Problem::warning(Code::AggregateMismatch, &m.origin.file, expected)
            .at(m.origin.line, None, &ind.id)
            .found(&num(reported)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Location;

    fn m(county: &str, id: &str, value: Option<f64>, n: Option<f64>, d: Option<f64>) -> Measurement {
        Measurement {
            county: county.into(),
            indicator: id.into(),
            year: 2023,
            value,
            numerator: n,
            denominator: d,
            note: None,
            origin: Location { file: "t.csv".into(), line: 2 },
        }
    }

    fn combine_rows(id: &str, rows: &[Measurement]) -> Combined {
        let c = Catalog::embedded().unwrap();
        let city = c.county("全市").unwrap().clone();
        let ind = c.indicator(id).unwrap().clone();
        combine(&c, &city, &ind, 2023, |a, i, y| rows.iter().find(|m| m.county == a && m.indicator == i && m.year == y))
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
        let rows: Vec<Measurement> = areas
            .iter()
            .enumerate()
            .map(|(i, a)| {
                if i == 0 {
                    m(a, "green_village_share", None, Some(200.0), Some(400.0))
                } else {
                    m(a, "green_village_share", None, Some(10.0), Some(10.0))
                }
            })
            .collect();
        let Combined::Value { value, areas: n } = combine_rows("green_village_share", &rows) else { panic!() };
        assert_eq!(n, 13);
        assert!((value - 320.0 / 520.0 * 100.0).abs() < 1e-9, "{value}");
    }

    #[test]
    fn a_missing_area_is_named_never_summed_over() {
        let rows = vec![
            m("石狮市", "black_odorous_elimination", None, Some(9.0), Some(9.0)),
            m("晋江市", "black_odorous_elimination", Some(93.3), None, None),
        ];
        assert_eq!(
            combine_rows("black_odorous_elimination", &rows),
            Combined::MissingAreas(vec!["晋江市".into(), "南安市".into()])
        );
    }

    #[test]
    fn counts_add_up_over_the_areas_they_apply_to() {
        let coastal = ["丰泽区", "洛江区", "泉港区", "石狮市", "晋江市", "南安市", "惠安县", "泉州台商投资区"];
        let rows: Vec<Measurement> = coastal
            .iter()
            .map(|a| m(a, "beautiful_bays", Some(if *a == "晋江市" { 2.0 } else { 0.0 }), None, None))
            .collect();
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
