//! A problem's stable English message (JSON, GitHub annotations, `Display`) and the words of what it
//! expected, in both languages. The types are in [`crate::problem`]; their words live here.

use std::fmt;

use serde::Serialize;

use super::{Lang, expected};
use crate::problem::{Expected, Problem, Severity, escape};

/// JSON carries what was expected in English words, stable for scripts.
impl Serialize for Expected {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&expected(self, Lang::En))
    }
}

impl Problem {
    /// The message without the place: field, what was found, what was expected, a suggestion. Every
    /// part taken from the input is escaped (see [`escape`]).
    pub fn message(&self) -> String {
        let mut s = String::new();
        if let Some(field) = &self.field {
            s.push_str(&format!("{}: ", escape(field)));
        }
        if let Some(found) = &self.found {
            s.push_str(&format!("found \"{}\"; ", escape(found)));
        }
        s.push_str(&format!("expected {}", escape(&expected(&self.expected, Lang::En))));
        if let Some(hint) = &self.suggestion {
            s.push_str(&format!(" (did you mean {}?)", escape(hint)));
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
