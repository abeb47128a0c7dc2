//! Problems found in a data file: a stable code, a place, what was found and what was expected.
//! The same list serves `validate`, `eval` and every output format.

use std::fmt;

use serde::Serialize;

/// A stable, documented problem code (docs/problems.md, "Problem codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    Encoding,
    EmptyFile,
    MissingColumn,
    DuplicateColumn,
    UnknownColumn,
    RaggedRow,
    UnknownCounty,
    UnknownIndicator,
    NotANumber,
    OutOfRange,
    MissingYear,
    DuplicateRow,
    ConflictingDuplicate,
    NumeratorAboveDenominator,
    InconsistentRatio,
    NotApplicable,
    MissingIndicator,
    AggregateMismatch,
    BaselineMismatch,
}

impl Code {
    /// Every code, in the order the table of docs/problems.md lists them.
    pub const ALL: [Code; 19] = [
        Code::Encoding,
        Code::EmptyFile,
        Code::MissingColumn,
        Code::DuplicateColumn,
        Code::UnknownColumn,
        Code::RaggedRow,
        Code::UnknownCounty,
        Code::UnknownIndicator,
        Code::NotANumber,
        Code::OutOfRange,
        Code::MissingYear,
        Code::DuplicateRow,
        Code::ConflictingDuplicate,
        Code::NumeratorAboveDenominator,
        Code::InconsistentRatio,
        Code::NotApplicable,
        Code::MissingIndicator,
        Code::AggregateMismatch,
        Code::BaselineMismatch,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Encoding => "encoding",
            Code::EmptyFile => "empty-file",
            Code::MissingColumn => "missing-column",
            Code::DuplicateColumn => "duplicate-column",
            Code::UnknownColumn => "unknown-column",
            Code::RaggedRow => "ragged-row",
            Code::UnknownCounty => "unknown-county",
            Code::UnknownIndicator => "unknown-indicator",
            Code::NotANumber => "not-a-number",
            Code::OutOfRange => "out-of-range",
            Code::MissingYear => "missing-year",
            Code::DuplicateRow => "duplicate-row",
            Code::ConflictingDuplicate => "conflicting-duplicate",
            Code::NumeratorAboveDenominator => "numerator-above-denominator",
            Code::InconsistentRatio => "inconsistent-ratio",
            Code::NotApplicable => "not-applicable",
            Code::MissingIndicator => "missing-indicator",
            Code::AggregateMismatch => "aggregate-mismatch",
            Code::BaselineMismatch => "baseline-mismatch",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with everything a county needs to fix it in one round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub code: Code,
    pub severity: Severity,
    pub file: String,
    /// 1-based line (CSV) or row (spreadsheet); absent for a problem of the whole file.
    pub line: Option<usize>,
    /// 1-based column, where the problem is in one cell.
    pub column: Option<usize>,
    /// The column's name (county, value, an indicator id …).
    pub field: Option<String>,
    /// The raw text found.
    pub found: Option<String>,
    /// What was expected instead.
    pub expected: String,
    pub suggestion: Option<String>,
}

impl Problem {
    pub fn error(code: Code, file: &str, expected: impl Into<String>) -> Problem {
        Problem {
            code,
            severity: Severity::Error,
            file: file.to_string(),
            line: None,
            column: None,
            field: None,
            found: None,
            expected: expected.into(),
            suggestion: None,
        }
    }

    pub fn warning(code: Code, file: &str, expected: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, ..Problem::error(code, file, expected) }
    }

    pub fn at(mut self, line: usize, column: Option<usize>, field: &str) -> Problem {
        self.line = Some(line);
        self.column = column;
        self.field = Some(field.to_string());
        self
    }

    pub fn found(mut self, raw: &str) -> Problem {
        self.found = Some(raw.to_string());
        self
    }

    pub fn suggest(mut self, suggestion: Option<String>) -> Problem {
        self.suggestion = suggestion;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` as far as it is known.
    pub fn place(&self) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }

    /// The message without the place: field, what was found, what was expected, a suggestion.
    pub fn message(&self) -> String {
        let mut s = String::new();
        if let Some(field) = &self.field {
            s.push_str(&format!("{field}: "));
        }
        if let Some(found) = &self.found {
            s.push_str(&format!("found {found:?}; "));
        }
        s.push_str(&format!("expected {}", self.expected));
        if let Some(hint) = &self.suggestion {
            s.push_str(&format!(" (did you mean {hint}?)"));
        }
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {level}[{}]: {}", self.place(), self.code.as_str(), self.message())
    }
}

/// The known name closest to `raw`, when it is close enough to be a likely typo.
pub fn closest<'a>(raw: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    let raw = raw.trim();
    let len = raw.chars().count();
    if len == 0 {
        return None;
    }
    let limit = (len / 3).max(1);
    known
        .map(|k| (strsim::levenshtein(raw, k), k))
        .filter(|(d, k)| *d <= limit || (k.contains(raw) && len >= 2) || (raw.contains(*k) && k.chars().count() >= 2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_says_where_what_and_what_was_expected() {
        let p = Problem::error(Code::UnknownCounty, "2023.csv", "a reporting area of the catalogue")
            .at(7, Some(1), "county")
            .found("晋江巿")
            .suggest(Some("晋江市".into()));
        assert_eq!(
            p.to_string(),
            "2023.csv:7:1: error[unknown-county]: county: found \"晋江巿\"; expected a reporting area of the catalogue (did you mean 晋江市?)"
        );
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let known = ["晋江市", "南安市", "forest_coverage"];
        assert_eq!(closest("晋江巿", known.into_iter()), Some("晋江市".into()));
        assert_eq!(closest("forest_coverag", known.into_iter()), Some("forest_coverage".into()));
        assert_eq!(closest("厦门市", known.into_iter()), None);
        assert_eq!(closest("", known.into_iter()), None);
    }
}
