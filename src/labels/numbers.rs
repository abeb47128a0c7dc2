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
