//! One file per output format; each renders any [`Content`]. A new format is a file here and a
//! variant of [`Format`] in this file: its name, its `--help` line, its file extension, the parts it
//! renders, its renderer and the lists of the commands that write it ([`Format::RESULTS`] …). The
//! command line reads all of it from here.

pub mod csv;
pub mod github;
pub mod json;
pub mod markdown;
pub mod table;
pub mod xlsx;

use std::io::Write;
use std::path::Path;

use super::Content;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables for a person at a terminal (fitted to its width) or in a log (one line per row).
    Table,
    Json,
    Csv,
    Markdown,
    Xlsx,
    /// GitHub Actions annotations of the problems found.
    Github,
}

impl Format {
    pub const ALL: [Format; 6] =
        [Format::Table, Format::Json, Format::Csv, Format::Markdown, Format::Xlsx, Format::Github];

    /// What `eval`, `rank`, `trend` and `indicators` write: every format that renders any content.
    pub const RESULTS: &'static [Format] = &[Format::Table, Format::Json, Format::Csv, Format::Markdown, Format::Xlsx];

    /// What `validate` writes: a problem list, annotations too.
    pub const PROBLEMS: &'static [Format] = &Format::ALL;

    /// What `diff` writes: its tables in any format, or annotations at the rows that moved a verdict
    /// (with a job summary).
    pub const DIFF: &'static [Format] = &Format::ALL;

    /// What `check-catalog` writes: one line per finding, the JSON document, or annotations.
    pub const FINDINGS: &'static [Format] = &[Format::Table, Format::Json, Format::Github];

    /// What `template` writes: a file to fill in.
    pub const TEMPLATE: &'static [Format] = &[Format::Csv, Format::Xlsx];

    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Xlsx => "xlsx",
            Format::Github => "github",
        }
    }

    /// What the format gives, for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            Format::Table => "Tables for people: fitted to a terminal, one line per row in a file or a pipe",
            Format::Json => "One JSON document with stable English field names",
            Format::Csv => "CSV with a header row (UTF-8), for spreadsheets and scripts",
            Format::Markdown => "Markdown tables, to paste into a report",
            Format::Xlsx => "An Excel workbook, to -o FILE or a redirected standard output",
            Format::Github => {
                "GitHub Actions annotations (of problems; of moved verdicts in diff), and with GITHUB_STEP_SUMMARY set \
                 a job summary (validate, diff)"
            }
        }
    }

    /// The format a file name asks for by its extension.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Table),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// Bytes that are not text: not for a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// The parts of a content this format renders; a builder may leave out the others.
    pub fn parts(self) -> Parts {
        let none = Parts { sheets: false, document: false, records: false };
        match self {
            Format::Table | Format::Markdown | Format::Xlsx => Parts { sheets: true, ..none },
            Format::Json => Parts { document: true, ..none },
            Format::Csv => Parts { records: true, ..none },
            Format::Github => none,
        }
    }

    fn renderer(self) -> fn(&Content, &Style, &mut dyn Write) -> anyhow::Result<()> {
        match self {
            Format::Table => table::render,
            Format::Json => json::render,
            Format::Csv => csv::render,
            Format::Markdown => markdown::render,
            Format::Xlsx => xlsx::render,
            Format::Github => github::render,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        // `text` is what `validate` and `check-catalog` called their table before.
        let s = if s.eq_ignore_ascii_case("text") { "table" } else { s };
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(s)).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("{s:?} is not a format; one of {}", names.join(", "))
        })
    }
}

/// Which parts of a [`Content`] to build: a large evaluation printed as a table need not be turned
/// into a JSON document and CSV records as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Heading, sheets and notes.
    pub sheets: bool,
    pub document: bool,
    pub records: bool,
}

impl Parts {
    pub const ALL: Parts = Parts { sheets: true, document: true, records: true };
}

/// Where the output goes, as far as rendering cares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// The terminal's width, when tables should fit one; `None` prints one line per row.
    pub width: Option<u16>,
    /// Colour statuses (a terminal that wants colour; never a file).
    pub color: bool,
    /// Written to a file rather than a stream: CSV starts with a byte-order mark for Excel.
    pub file: bool,
}

/// Renders `content` as `format`.
pub fn render(content: &Content, format: Format, style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    format.renderer()(content, style, out)
}
