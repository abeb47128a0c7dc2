//! Text from the input made fit for the document's markup. XML 1.0 forbids most C0 controls (U+0001,
//! U+000B, ESC …) and the non-characters U+FFFE and U+FFFF, even escaped: one of them in
//! `word/document.xml` makes Word report unreadable content and LibreOffice refuse the file. A data
//! note, a file name or a catalogue text may hold any of them, so every text the renderers write goes
//! through [`text`], which shows each such character as a visible mark (`\u{1b}`), the same mark the
//! terminal output uses — nothing is dropped silently, and the document stays well-formed.

use std::borrow::Cow;

/// `text` with every character that XML cannot hold, or that would not show as itself, replaced by
/// its visible mark `\u{…}`: C0 controls but tab and newline, DEL and the C1 controls, the
/// non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every plane), lone surrogates
/// being impossible in a Rust string, and the bidirectional overrides that would make a name read in
/// another order than it is stored.
pub fn text(text: &str) -> Cow<'_, str> {
    if !text.contains(replaced) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if replaced(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is shown as its mark rather than itself.
fn replaced(c: char) -> bool {
    let n = c as u32;
    let control = c.is_control() && !matches!(c, '\t' | '\n');
    let non_character = (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE;
    let reorders = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    control || non_character || reorders
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_cannot_hold_becomes_a_visible_mark() {
        assert_eq!(text("晋江市"), "晋江市");
        assert!(matches!(text("晋江市 a\tb\nc"), Cow::Borrowed(_)));
        assert_eq!(text("a\u{1}b\u{b}c\u{1b}[31m"), "a\\u{1}b\\u{b}c\\u{1b}[31m");
        assert_eq!(text("x\u{fffe}\u{ffff}\u{1fffe}\u{fdd0}"), "x\\u{fffe}\\u{ffff}\\u{1fffe}\\u{fdd0}");
        assert_eq!(text("\r\u{7f}\u{85}\u{202e}"), "\\u{d}\\u{7f}\\u{85}\\u{202e}");
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert!(text(&s).chars().all(is_xml_char), "U+{:04X}", c as u32);
        }
    }
}
