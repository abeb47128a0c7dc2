//! Catalogue and targets values that cannot be right (issue 19): a baseline or target that is not a
//! finite number of sensible size (TOML reads `nan`, `inf` and `1e308`), one outside what its unit can
//! measure, a relative target that resolves outside it (`baseline +100%` on a 58.7 % share is 117.4 %),
//! and area names that can never match a cell (empty, padded, holding an invisible character) or that
//! look the same as another area's.

use crate::target::Target;

/// No figure of the plan comes near this; the data loader refuses values beyond it too.
pub const LARGEST: f64 = 1e15;

/// A value as a message shows it: exact, so that 100.0000001 is never shown as the 100 it is not.
pub fn shown(v: f64) -> String {
    if v.is_finite() && v.abs() < LARGEST {
        let short = crate::target::num(v);
        if short.parse::<f64>() == Ok(v) { short } else { format!("{v}") }
    } else {
        format!("{v:e}")
    }
}

/// Why `v` cannot be a figure of the plan: not a number, infinite, or beyond [`LARGEST`].
pub fn number_issue(v: f64) -> Option<String> {
    if v.is_nan() {
        Some("nan is not a number".into())
    } else if v.is_infinite() {
        Some(format!("{v} is not a figure"))
    } else if v.abs() > LARGEST {
        Some(format!("{} is beyond what any indicator measures (at most 1e15 in size)", shown(v)))
    } else {
        None
    }
}

/// The range a unit can measure: a share 0–100 (−100–100 for a cumulative change), else zero or more.
pub fn range_of(unit: &str, cumulative: bool) -> (f64, f64, &'static str) {
    match (unit == "%", cumulative) {
        (true, true) => (-100.0, 100.0, "-100 to 100"),
        (true, false) => (0.0, 100.0, "0 to 100"),
        _ => (0.0, f64::INFINITY, "zero or more"),
    }
}

/// Why a target relative to the baseline cannot be met on this unit: `baseline +100%` of 58.7 is 117.4,
/// beyond a share's 100.
pub fn resolved_issue(
    unit: &str,
    cumulative: bool,
    baseline: Option<f64>,
    target: &Target,
) -> Option<crate::problem::Broken> {
    let (Target::Baseline { change_pct }, Some(b)) = (target, baseline) else { return None };
    let v = b * (1.0 + change_pct / 100.0);
    let (low, high, range) = range_of(unit, cumulative);
    (!(low..=high).contains(&v) || number_issue(v).is_some()).then(|| crate::problem::Broken::ResolvesOutside {
        target: target.to_string(),
        baseline: b,
        value: v,
        range,
    })
}

/// Why an area's name (or alias) can never match a data cell, which is trimmed before it is looked up.
pub fn area_name_issue(name: &str) -> Option<crate::problem::Broken> {
    let never = |padded, invisible| {
        Some(crate::problem::Broken::NameNeverMatches { name: name.to_string(), padded, invisible })
    };
    if name.trim().is_empty() {
        return never(false, None);
    }
    if name.trim() != name {
        return never(true, None);
    }
    name.chars().find(|&c| crate::problem::is_hidden(c)).and_then(|c| never(false, Some(c as u32)))
}

/// A name as it looks: full-width letters and digits as ASCII, ideographic spaces as spaces, case
/// folded, and the look-alike 巿 (U+5DFF) as 市. Two areas whose names look alike are a trap: a cell
/// meant for one matches the other, or neither.
pub fn looks(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c as u32 {
            // Full-width ASCII, the ideographic space, and U+5DFF (a look-alike of U+5E02).
            n @ 0xff01..=0xff5e => char::from_u32(n - 0xfee0).unwrap_or(c),
            0x3000 => ' ',
            0x5dff => char::from_u32(0x5e02).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_cannot_be_right_are_named_exactly() {
        assert_eq!(shown(100.0000001), "100.0000001");
        assert_eq!(shown(58.7), "58.7");
        assert_eq!(shown(1e308), "1e308");
        assert!(number_issue(f64::NAN).is_some() && number_issue(f64::NEG_INFINITY).is_some());
        assert!(number_issue(1e308).is_some() && number_issue(-3.0).is_none());
        let plus100: Target = "baseline +100%".parse().unwrap();
        let why = resolved_issue("%", false, Some(58.7), &plus100).unwrap();
        let words = crate::labels::gate_broken(&why, crate::Lang::En);
        assert!(words.contains("117.4") && words.contains("0 to 100"), "{words}");
        assert_eq!(resolved_issue("%", false, Some(40.0), &plus100), None);
        assert_eq!(resolved_issue("万吨", false, Some(58.7), &plus100), None);
    }

    #[test]
    fn names_that_never_match_or_look_alike() {
        let words = |n: &str| area_name_issue(n).map(|b| crate::labels::gate_broken(&b, crate::Lang::En));
        assert!(words("").unwrap().contains("empty") && words("  ").unwrap().contains("empty"));
        assert!(words(" 晋江市").unwrap().contains("write \"晋江市\""));
        assert!(words("晋江\u{200b}市").unwrap().contains("U+200B"));
        assert_eq!(words("晋江市"), None);
        assert_eq!(looks("晋江巿"), looks("晋江市"));
        assert_eq!(looks("ＡＢ１"), looks("ab1"));
        assert_ne!(looks("南安市"), looks("晋江市"));
    }
}
