//! How numbers are shown.

use super::*;

/// A signed number: +0.85, −0.3, 0.
pub fn signed(v: f64) -> String {
    let s = num(v);
    if s.starts_with('-') || s == "0" { s } else { format!("+{s}") }
}

/// A share as a readable percentage: 72%.
pub fn percent(share: f64) -> String {
    format!("{}%", num((share * 100.0).round()))
}

/// At most two decimals, as tables show values (JSON and workbooks keep the full value).
pub fn two(x: f64) -> String {
    num((x * 100.0).round() / 100.0)
}

/// A value as the tables show it, to two decimals, with more only where two would contradict the verdict
/// on `rule` (issue 21): 74.996 against ≥75 is shown 74.996, never "75" beside a shortfall, and a value
/// off the threshold never shows as the threshold. Every value of a table cell, a reason or a sentence
/// goes through here, so the reason beside a cell of 70.03 says 70.03, not 70.0266.
pub fn figure(value: f64, rule: Option<crate::target::Rule>) -> String {
    let Some(rule) = rule else { return two(value) };
    let at_threshold = |x: f64| (x - rule.value).abs() <= crate::target::EPSILON * rule.value.abs().max(1.0);
    let side = |x: f64| (rule.is_met_by(x), x > rule.value, at_threshold(x));
    for places in 2..=9 {
        let scale = 10f64.powi(places);
        let rounded = (value * scale).round() / scale;
        if side(rounded) == side(value) {
            return decimals(rounded, places as usize);
        }
    }
    decimals(value, 9)
}

/// A distance (a gap to a target), to two decimals, with more where two would round it to 0.
pub fn distance(d: f64) -> String {
    let d = d.abs();
    for places in 2..=9 {
        let scale = 10f64.powi(places);
        let rounded = (d * scale).round() / scale;
        if rounded > 0.0 || d == 0.0 {
            return decimals(rounded, places as usize);
        }
    }
    decimals(d, 9)
}

/// At most `places` decimals, trailing zeros dropped: 70.0300 → 70.03.
fn decimals(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// Whether an indicator's values are percentages, so that a difference between two of them is in
/// 个百分点 (percentage points), not %: the catalogue's unit is `%`, or the name ends in `(%)`/`（%）`.
pub fn in_percent(unit: &str, name: &str) -> bool {
    unit.trim() == "%" || name.contains("(%)") || name.contains("（%）")
}

/// A difference in the indicator's unit: `2.9个百分点` for percentages, `53万亩`, `0.4` for none.
pub fn difference(d: f64, unit: &str, percent_points: bool, lang: Lang) -> String {
    let d = distance(d);
    match (percent_points, lang) {
        (true, Lang::Zh) => format!("{d}个百分点"),
        (true, Lang::En) => format!("{d} percentage points"),
        (false, Lang::Zh) => format!("{d}{unit}"),
        (false, Lang::En) if unit.is_empty() => d,
        (false, Lang::En) => format!("{d} {unit}"),
    }
}

#[cfg(test)]
mod figure_tests {
    use super::*;
    use crate::target::{Cmp, Rule};

    #[test]
    fn two_decimals_unless_rounding_would_contradict_the_verdict() {
        let at_least = |v| Some(Rule { cmp: Cmp::AtLeast, value: v });
        assert_eq!(figure(70.0266, at_least(75.0)), "70.03");
        // 75.00 would read as meeting ≥75: enough digits to show the shortfall.
        assert_eq!(figure(74.996, at_least(75.0)), "74.996");
        assert_eq!(figure(74.9999, at_least(75.0)), "74.9999");
        // At the threshold it meets it, and says so.
        assert_eq!(figure(75.0, at_least(75.0)), "75");
        // Above a ceiling by a hair: not shown as the ceiling.
        assert_eq!(figure(10.004, Some(Rule { cmp: Cmp::AtMost, value: 10.0 })), "10.004");
        // `>` fails exactly at the threshold; 80.001 meets it and must not print as 80.
        assert_eq!(figure(80.001, Some(Rule { cmp: Cmp::Above, value: 80.0 })), "80.001");
        assert_eq!(figure(91.666_666, None), "91.67");
        assert_eq!(distance(75.0 - 74.996), "0.004");
        assert_eq!(distance(4.9734), "4.97");
        assert_eq!(distance(0.0), "0");
    }
}
