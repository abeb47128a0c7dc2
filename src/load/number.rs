//! Numbers as people type them into spreadsheets: full-width digits, thousands separators, a trailing
//! `%`, and the many ways of writing "no data". Nothing is ever guessed or turned into zero.

use std::borrow::Cow;

pub use crate::problem::NotNumber;

/// What a cell holds once read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Value(f64),
    /// `/`, `—`, `-`, `NA`, `无数据` or empty: explicitly no data.
    NoData,
}

/// Why a cell is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberError {
    /// What was wrong; [`crate::labels::not_number`] puts it into words.
    pub reason: NotNumber,
}

const NO_DATA: [&str; 10] = ["", "/", "／", "—", "——", "-", "–", "NA", "N/A", "无数据"];

/// Folds full-width ASCII (０-９, ．, ，, ％, －, ＋), the ideographic space and the minus sign (−) to
/// their half-width forms. ASCII text, the common case, is returned as it is without copying.
pub fn fold_full_width(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                '\u{2212}' => '-',
                _ => c,
            })
            .collect(),
    )
}

/// Reads a cell. `percent` says whether the indicator is a percentage, which allows a trailing `%`.
pub fn parse_cell(raw: &str, percent: bool) -> Result<Cell, NumberError> {
    if raw.is_empty() {
        return Ok(Cell::NoData);
    }
    if let Some(v) = plain_decimal(raw) {
        return Ok(Cell::Value(v));
    }
    read_cell(raw, percent)
}

/// The cell nearly every row holds, `36.5` or `1330`: digits with at most one point, no sign, no
/// more than 15 of them, so within [`MAX_MAGNITUDE`] and [`MAX_DIGITS`] and read without folding,
/// trimming or looking for words. Anything else is `None` and read by [`read_cell`], which gives the
/// same value for these.
fn plain_decimal(raw: &str) -> Option<f64> {
    let bytes = raw.as_bytes();
    let points = bytes.iter().filter(|&&b| b == b'.').count();
    let plain = (1..=MAX_DIGITS).contains(&(bytes.len() - points))
        && points <= 1
        && bytes.iter().all(|&b| b.is_ascii_digit() || b == b'.');
    plain.then(|| raw.parse::<f64>().ok()).flatten()
}

/// Reads a cell of any form (see [`parse_cell`]).
fn read_cell(raw: &str, percent: bool) -> Result<Cell, NumberError> {
    let err = |reason: NotNumber| Err(NumberError { reason });
    let folded = fold_full_width(raw);
    let s = folded.trim();
    if NO_DATA.iter().any(|n| s.eq_ignore_ascii_case(n)) {
        return Ok(Cell::NoData);
    }
    if s.starts_with('=') && s[1..].trim_start().starts_with(|c: char| c.is_alphabetic() || c == '(') {
        return err(NotNumber::Formula);
    }
    if s.starts_with(['≥', '≤', '≧', '≦', '>', '<', '=']) {
        return err(NotNumber::Comparison);
    }
    if is_date(s) {
        return err(NotNumber::Date);
    }
    let (body, had_percent) = match s.strip_suffix('%') {
        Some(b) => (b.trim_end(), true),
        None => (s, false),
    };
    if had_percent && !percent {
        return err(NotNumber::PercentSign);
    }
    let body = strip_thousands(body).ok_or(NumberError { reason: NotNumber::DecimalComma })?;
    let unsigned = body.trim_start_matches(['+', '-']).as_bytes();
    let word = |w: &[u8]| unsigned.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(w));
    if word(b"nan") || word(b"inf") {
        return err(NotNumber::NanOrInfinity);
    }
    let v = match body.parse::<f64>() {
        Ok(v) => v,
        Err(_) => return err(NotNumber::NotANumber),
    };
    if !v.is_finite() || v.abs() > MAX_MAGNITUDE {
        return err(NotNumber::TooLarge);
    }
    if v == 0.0 && mantissa(&body).any(|d| d != b'0') {
        return err(NotNumber::TooSmall);
    }
    if mantissa(&body).skip_while(|&d| d == b'0').count() > MAX_DIGITS {
        return err(NotNumber::TooPrecise);
    }
    Ok(Cell::Value(if v == 0.0 { 0.0 } else { v }))
}

/// No measurement of the plan comes near this; sums of values beyond it could overflow to infinity.
const MAX_MAGNITUDE: f64 = 1e15;

/// Significant digits a double holds exactly (Excel shows no more either).
const MAX_DIGITS: usize = 15;

/// The digits before any exponent, without sign or point.
fn mantissa(number: &str) -> impl Iterator<Item = u8> + '_ {
    let end = number.find(['e', 'E']).unwrap_or(number.len());
    number.as_bytes()[..end].iter().copied().filter(u8::is_ascii_digit)
}

/// `2023-06-27`, `2023/6/27`, `2023年6月27日`: a date typed or formatted in a value cell.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/', '年', '月', '日']).filter(|p| !p.is_empty()).collect();
    let digits = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 3 && parts.iter().all(digits) && parts[0].len() == 4 && !s.starts_with('-')
}

/// `1,330` → `1330`; rejects `1,33` and `,5` so a decimal comma is never read as a separator.
fn strip_thousands(s: &str) -> Option<Cow<'_, str>> {
    if !s.contains(',') {
        return Some(Cow::Borrowed(s));
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = int.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = digits.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let all_digits = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if !(first_ok && rest_ok && all_digits) || frac.is_some_and(|f| f.contains(',')) {
        return None;
    }
    let mut out = int.replace(',', "");
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(raw: &str, percent: bool) -> f64 {
        match parse_cell(raw, percent) {
            Ok(Cell::Value(v)) => v,
            other => panic!("{raw:?}: {other:?}"),
        }
    }

    #[test]
    fn accepts_the_forms_people_type() {
        assert_eq!(value("95.6", true), 95.6);
        assert_eq!(value(" 95.6% ", true), 95.6);
        assert_eq!(value("９５．６", true), 95.6);
        assert_eq!(value("９５．６％", true), 95.6);
        assert_eq!(value("1,330", false), 1330.0);
        assert_eq!(value("1,234,567.5", false), 1234567.5);
        assert_eq!(value("１，３３０", false), 1330.0);
        assert_eq!(value("-3.5", false), -3.5);
        assert_eq!(value("−3.5", false), -3.5);
        assert_eq!(value("0", false), 0.0);
        assert_eq!(value("-0", false).to_bits(), 0.0f64.to_bits());
        assert_eq!(value("0.000", false), 0.0);
        assert_eq!(value("1e-5", false), 1e-5);
        assert_eq!(value("999999999999999", false), 999999999999999.0);
        assert_eq!(value("0.000000000000000123456789012345", false), 1.23456789012345e-16);
    }

    proptest::proptest! {
        /// The fast path for plain decimals gives what the full reading gives, on any text.
        #[test]
        fn plain_decimals_read_as_the_full_reading_does(raw in "[0-9.]{0,18}|[0-9 .,%eE+-]{0,12}|\\PC{0,8}") {
            if let Some(v) = plain_decimal(&raw) {
                proptest::prop_assert_eq!(read_cell(&raw, false), Ok(Cell::Value(v)));
                proptest::prop_assert_eq!(read_cell(&raw, true), Ok(Cell::Value(v)));
            }
        }
    }

    #[test]
    fn plain_decimals_take_the_fast_path_and_nothing_else_does() {
        for raw in ["0", "36.5", "1330", "999999999999999", "0.12345678901234", ".5", "5."] {
            assert!(plain_decimal(raw).is_some(), "{raw}");
        }
        for raw in ["", ".", "..", "1.2.3", "-3", "+3", " 3", "3%", "1,330", "1e5", "9999999999999999", "９"] {
            assert!(plain_decimal(raw).is_none(), "{raw}");
        }
    }

    #[test]
    fn no_data_is_never_zero() {
        for raw in ["", " ", "/", "／", "—", "——", "-", "NA", "na", "N/A", "无数据", "\u{3000}"] {
            assert_eq!(parse_cell(raw, true), Ok(Cell::NoData), "{raw:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_measurement() {
        for (raw, percent, why) in [
            ("abc", true, "not a number"),
            ("NaN", true, "NaN"),
            ("inf", true, "NaN and infinity"),
            ("-Infinity", false, "NaN and infinity"),
            ("≥95", true, "comparison"),
            ("<3", true, "comparison"),
            ("＞３", true, "comparison"),
            ("95%", false, "not a percentage"),
            ("1,33", false, "thousands"),
            ("59,7", true, "decimals take a point"),
            ("1,,330", false, "thousands"),
            ("12.5.3", true, "not a number"),
            ("1e999", false, "too large"),
            ("1e308", false, "too large"),
            ("-2e15", false, "too large"),
            ("1e-400", false, "too small"),
            ("0.99999999999999999", false, "15 significant digits"),
            ("2023-06-27", false, "a date"),
            ("2023年6月27日", false, "a date"),
            ("=SUM(B2:B4)", false, "a formula with no value saved"),
            ("=95", false, "comparison"),
        ] {
            let e = parse_cell(raw, percent).expect_err(raw);
            let reason = crate::labels::not_number(e.reason, crate::labels::Lang::En);
            assert!(reason.contains(why), "{raw}: {reason}");
        }
    }
}
