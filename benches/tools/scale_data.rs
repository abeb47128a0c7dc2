//! Synthetic national-scale data and its catalogue: N reporting areas × every Table 2 indicator × a
//! range of years. Shared by the `generate` example (benches/tools/generate.rs) and the growth benchmark
//! (benches/growth.rs), so both measure the same shape of file.

use std::fmt::Write as _;

use plan_check::catalog::{Aggregate, AreaKind, Catalog, Indicator, IndicatorType};
use plan_check::target::Target;

/// The shipped catalogue with its areas replaced by `n` generated ones; the city rows stay.
pub fn catalog_text(n: usize) -> String {
    let full = plan_check::catalog::EMBEDDED;
    let first_county = full.find("[[county]]").unwrap_or(full.len());
    let first_indicator = full.find("[[indicator]]").unwrap_or(full.len());
    let mut text = full[..first_county].to_string();
    for i in 0..n {
        let mut tags = Vec::new();
        if i % 7 == 0 {
            tags.push("\"central\"");
        }
        if i % 3 == 0 {
            tags.push("\"coastal\"");
        }
        if i % 5 == 0 {
            tags.push("\"county_city\"");
        }
        let _ = writeln!(text, "[[county]]\nname = \"{}\"\ntags = [{}]\n", area_name(i), tags.join(", "));
    }
    text.push_str("[[county]]\nname = \"全市\"\naliases = [\"泉州市\"]\nkind = \"city\"\n\n");
    text.push_str("[[county]]\nname = \"中心市区\"\nkind = \"city\"\nmembers = \"central\"\n\n");
    // The register of major projects names the real areas (`areas = ["晋江市"]`), which the generated
    // catalogue does not have: its projects keep everything else and name no area.
    let first_project = full.find("[[project]]").unwrap_or(full.len()).max(first_indicator);
    text.push_str(&full[first_indicator..first_project]);
    for line in full[first_project..].lines().filter(|l| !l.starts_with("areas = ")) {
        text.push_str(line);
        text.push('\n');
    }
    text
}

fn area_name(i: usize) -> String {
    format!("样例县{i:04}")
}

/// A small deterministic generator (SplitMix64): no dependency, same output everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `lo..hi` with two decimals.
    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        let unit = (self.next() % 10_000) as f64 / 10_000.0;
        ((lo + unit * (hi - lo)) * 100.0).round() / 100.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One area's row of one indicator: its value, or its numerator and denominator.
enum Value {
    Plain(f64),
    Ratio(u64, u64),
}

fn area_value(ind: &Indicator, rng: &mut Random) -> Value {
    match ind.aggregate {
        Aggregate::Ratio => {
            let d = 10 + rng.below(190);
            Value::Ratio(d - rng.below(d / 3 + 1), d)
        }
        Aggregate::Sum => Value::Plain(rng.below(4) as f64),
        Aggregate::None => Value::Plain(plain_value(ind, rng)),
    }
}

fn plain_value(ind: &Indicator, rng: &mut Random) -> f64 {
    if ind.target == Target::Done {
        return rng.below(2) as f64;
    }
    let v = match (ind.unit.as_str(), ind.cumulative, ind.baseline) {
        ("%", true, _) => rng.between(0.0, 20.0),
        ("%", false, Some(b)) if b <= 100.0 => rng.between(b * 0.9, (b * 1.1).min(100.0)),
        ("%", false, _) => rng.between(40.0, 100.0),
        (_, _, Some(b)) if b > 0.0 => rng.between(b * 0.8, b * 1.2),
        _ => rng.between(1.0, 100.0),
    };
    // Things counted (个, 天 …) are whole numbers: the loader rejects 2.5 bays.
    let counted = ["个", "种", "天", "家", "台", "座", "次"].contains(&ind.unit.as_str());
    if counted { v.round() } else { v }
}

/// Writes the long file, one year after another; returns the number of data rows.
pub fn write_data(catalog: &Catalog, years: (i32, i32), out: &mut impl std::io::Write) -> std::io::Result<usize> {
    let indicators: Vec<&Indicator> = catalog.indicators.iter().filter(|i| i.kind != IndicatorType::Task).collect();
    let areas: Vec<_> = catalog.counties.iter().filter(|c| c.kind == AreaKind::Area).collect();
    let cities: Vec<_> = catalog.counties.iter().filter(|c| c.kind == AreaKind::City).collect();
    let mut rng = Random(2026);
    let mut rows = 0;
    writeln!(out, "county,indicator,value,year,numerator,denominator,note")?;
    for year in years.0..=years.1 {
        for ind in &indicators {
            // Sums by city row: the total value, Σ numerator and Σ denominator of its members.
            let mut totals = vec![(0.0, 0u64, 0u64); cities.len()];
            for area in areas.iter().filter(|a| ind.applies_to_area(a)) {
                let value = area_value(ind, &mut rng);
                match value {
                    Value::Plain(v) => writeln!(out, "{},{},{v},{year},,,", area.name, ind.id)?,
                    Value::Ratio(n, d) => writeln!(out, "{},{},,{year},{n},{d},", area.name, ind.id)?,
                }
                rows += 1;
                for (city, total) in cities.iter().zip(totals.iter_mut()) {
                    if city.members.as_ref().is_none_or(|t| area.tags.contains(t)) {
                        match value {
                            Value::Plain(v) => total.0 += v,
                            Value::Ratio(n, d) => (total.1, total.2) = (total.1 + n, total.2 + d),
                        }
                    }
                }
            }
            let Some(at) = cities.iter().position(|c| c.name == ind.city_row) else { continue };
            let (sum, n, d) = totals[at];
            let value = match ind.aggregate {
                Aggregate::Ratio if d > 0 => (n as f64 / d as f64 * 10_000.0).round() / 100.0,
                Aggregate::Sum => sum,
                _ => plain_value(ind, &mut rng),
            };
            writeln!(out, "{},{},{value},{year},,,", ind.city_row, ind.id)?;
            rows += 1;
        }
    }
    Ok(rows)
}
