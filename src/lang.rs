//! The language a user reads: the one setting every layer may know of, so it sits below them all.

/// Language of human-facing labels. Machine output (JSON, codes) is always English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}
