//! Words for a target cell whose rule came from a `--targets` file rather than the plan (issue 21: the
//! plan's `达到45%` beside a rule `≥46` assigned elsewhere reads as one target contradicting itself).

use crate::Lang;

/// The target in force, assigned by a targets file, with who assigned it: `≥46（省下达目标）`, or for a
/// target the file gives one area, `≥20（下达本地区目标）`. The document's name is in the reason.
pub fn assigned_target(rule: impl std::fmt::Display, for_area: bool, lang: Lang) -> String {
    match (lang, for_area) {
        (Lang::Zh, false) => format!("{rule}（省下达目标）"),
        (Lang::Zh, true) => format!("{rule}（下达本地区目标）"),
        (Lang::En, false) => format!("{rule} (assigned by the province)"),
        (Lang::En, true) => format!("{rule} (assigned to the area)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_who_assigned_the_rule() {
        assert_eq!(assigned_target("≥46", false, Lang::Zh), "≥46（省下达目标）");
        assert_eq!(assigned_target("≥20", true, Lang::Zh), "≥20（下达本地区目标）");
        assert_eq!(assigned_target("≥46", false, Lang::En), "≥46 (assigned by the province)");
    }
}
