//! The bounds every input is read within, so that no file — careless or hostile — can make the tool
//! use unbounded memory or time. Each has a default a real file stays far below, and `--limit
//! NAME=N` raises it (docs/limits.md).

use std::fmt;
use std::str::FromStr;

/// The limits in force. A file beyond one is refused with a `too-large` problem naming the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one data file (or of standard input) as stored.
    pub file_bytes: u64,
    /// Bytes a workbook decompresses to, all its parts together (a zip bomb is refused before its
    /// sheets are parsed).
    pub workbook_bytes: u64,
    /// Cells of the sheet read, counting the empty ones a row needs to reach its last cell.
    pub sheet_cells: u64,
    /// Bytes of one cell or field; Excel's own limit is 32,767 characters.
    pub cell_bytes: usize,
    /// Problems of one code kept per file; further ones are counted, not kept.
    pub problems_per_code: usize,
    /// Problems kept in all, over every file of a run: 150 files each at the per-code limit would
    /// otherwise keep 150 times as many.
    pub problems_per_run: usize,
    /// Bytes of a side file: the catalogue, a `--targets` file, the plan's text.
    pub side_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            file_bytes: 1 << 30,
            workbook_bytes: 256 << 20,
            sheet_cells: 20_000_000,
            cell_bytes: 128 << 10,
            problems_per_code: 1000,
            problems_per_run: 10_000,
            side_file_bytes: 16 << 20,
        }
    }
}

/// The limits' names on the command line, with what each bounds.
pub const NAMES: [(&str, &str); 7] = [
    ("file-bytes", "bytes of one data file"),
    ("workbook-bytes", "bytes a workbook decompresses to"),
    ("sheet-cells", "cells of the sheet read"),
    ("cell-bytes", "bytes of one cell"),
    ("problems-per-code", "problems of one code kept per file"),
    ("problems-per-run", "problems kept in all, over every file"),
    ("side-file-bytes", "bytes of the catalogue, a --targets file, the plan's text or a --narrative file"),
];

/// One `--limit NAME=N` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitSetting {
    name: &'static str,
    value: u64,
}

impl FromStr for LimitSetting {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let names = || NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        let (name, value) = s.split_once('=').ok_or_else(|| format!("expected NAME=N, one of {}", names()))?;
        let name = NAMES
            .iter()
            .map(|(n, _)| *n)
            .find(|n| *n == name.trim())
            .ok_or_else(|| format!("no limit named {:?}; the limits are {}", name.trim(), names()))?;
        let value = parse_size(value.trim()).ok_or_else(|| {
            format!("{name}={value:?}: expected a whole number, optionally with a K, M or G suffix (1024s)")
        })?;
        Ok(LimitSetting { name, value })
    }
}

/// `512`, `64K`, `300M`, `2G` (powers of 1024).
fn parse_size(s: &str) -> Option<u64> {
    let (digits, shift) = match s.char_indices().last()? {
        (i, 'k' | 'K') => (&s[..i], 10),
        (i, 'm' | 'M') => (&s[..i], 20),
        (i, 'g' | 'G') => (&s[..i], 30),
        _ => (s, 0),
    };
    digits.trim().replace('_', "").parse::<u64>().ok()?.checked_mul(1 << shift).filter(|&v| v > 0)
}

impl Limits {
    /// The defaults with the command line's settings applied.
    pub fn with(settings: &[LimitSetting]) -> Limits {
        let mut limits = Limits::default();
        for s in settings {
            let as_usize = usize::try_from(s.value).unwrap_or(usize::MAX);
            match s.name {
                "file-bytes" => limits.file_bytes = s.value,
                "workbook-bytes" => limits.workbook_bytes = s.value,
                "sheet-cells" => limits.sheet_cells = s.value,
                "cell-bytes" => limits.cell_bytes = as_usize,
                "problems-per-run" => limits.problems_per_run = as_usize,
                "side-file-bytes" => limits.side_file_bytes = s.value,
                _ => limits.problems_per_code = as_usize,
            }
        }
        limits
    }
}

/// A limit as a problem states it: `the workbook-bytes limit (256 MiB; raise it with --limit
/// workbook-bytes=N)`.
pub struct Named<'a>(pub &'a str, pub u64);

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Named(name, value) = *self;
        let shown = size(name, value);
        write!(f, "the {name} limit ({shown}; raise it with --limit {name}=N)")
    }
}

/// A limit's value as people read it: a whole number of MiB or KiB for byte limits.
pub fn size(name: &str, value: u64) -> String {
    match value {
        v if name.ends_with("bytes") && v >= 1 << 20 && v % (1 << 20) == 0 => format!("{} MiB", v >> 20),
        v if name.ends_with("bytes") && v >= 1 << 10 && v % (1 << 10) == 0 => format!("{} KiB", v >> 10),
        v => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_a_limit_and_a_size() {
        let s: LimitSetting = "workbook-bytes=1G".parse().unwrap();
        assert_eq!(Limits::with(&[s]).workbook_bytes, 1 << 30);
        let s: LimitSetting = "cell-bytes = 64k".parse().unwrap();
        assert_eq!(Limits::with(&[s]).cell_bytes, 64 << 10);
        let s: LimitSetting = "sheet-cells=50_000_000".parse().unwrap();
        assert_eq!(Limits::with(&[s]).sheet_cells, 50_000_000);
        assert!("cells=5".parse::<LimitSetting>().unwrap_err().contains("no limit named \"cells\""));
        assert!("cell-bytes=lots".parse::<LimitSetting>().unwrap_err().contains("whole number"));
        assert!("cell-bytes=0".parse::<LimitSetting>().is_err());
        assert!("cell-bytes".parse::<LimitSetting>().is_err());
        assert!("file-bytes=99999999999G".parse::<LimitSetting>().is_err(), "overflow is refused");
    }

    #[test]
    fn a_limit_says_how_to_raise_it() {
        assert_eq!(
            Named("workbook-bytes", 256 << 20).to_string(),
            "the workbook-bytes limit (256 MiB; raise it with --limit workbook-bytes=N)"
        );
        assert_eq!(
            Named("sheet-cells", 5).to_string(),
            "the sheet-cells limit (5; raise it with --limit sheet-cells=N)"
        );
    }
}
