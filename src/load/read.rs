//! Bytes → rows of text cells with their line numbers: encodings (UTF-8, BOM, GB18030), CSV
//! dialects, and Excel workbooks (see `workbook`). One place builds every reader, so each format is
//! handled once. A UTF-8 CSV file, the common case, is streamed (see `records`); other text is
//! decoded into memory first.

// A refused file is one Problem, returned once per file: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use anyhow::bail;
use encoding_rs::{Encoding, GB18030, UTF_8};

use super::limits::Limits;
use super::open::{self, STDIN_NAME, unreadable};
use super::records::{Records, fill};
use super::workbook::{self, Book};
use super::xls;
use crate::problem::{BookExpected, Expected, Problem};

/// One row of cells and the line (CSV) or row number (spreadsheet) it starts on.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: Cells,
}

/// A row's cells: their text one after another, and where each ends. A CSV record is copied in as a
/// whole, not cell by cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cells {
    text: String,
    ends: Vec<usize>,
}

impl Cells {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// All the cells' text, run together.
    pub fn as_slice(&self) -> &str {
        &self.text
    }

    pub fn push_field(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    /// Replaces the cells with `text` cut at `ends` (each the end of a cell, ascending, on character
    /// boundaries).
    pub fn set(&mut self, text: &str, ends: &[usize]) {
        self.text.clear();
        self.text.push_str(text);
        self.ends.clear();
        self.ends.extend_from_slice(ends);
    }
}

impl Row {
    /// A cell's text; a cell the row does not have is empty.
    pub fn cell(&self, col: usize) -> &str {
        self.cells.get(col).unwrap_or("")
    }
}

/// A file read into memory, with the encoding that was used, ready to give its rows.
#[derive(Debug)]
pub struct Grid {
    pub name: String,
    /// `utf-8`, `utf-8-bom`, `gb18030` …, or the kind of workbook (`xlsx`).
    pub encoding: String,
    /// What reading the file found besides its rows (a workbook's formulas).
    pub problems: Vec<Problem>,
    /// The longest cell allowed, in bytes.
    pub cell_bytes: usize,
    /// The row `--header-row` names as the header (1-based), if any.
    pub header_row: Option<usize>,
    /// The sheet the rows are of, when a workbook's sheets are read one by one (`--all-sheets`).
    pub sheet: Option<String>,
    /// The workbook's further sheets read (`--all-sheets`), each a grid of its own.
    pub more: Vec<Grid>,
    /// The workbook's visible sheets not read: an `unread-sheet` warning each that holds data.
    pub unread: Vec<workbook::Unread>,
    /// The sheet read, when one sheet of a workbook is.
    pub sheet_read: Option<String>,
    source: Source,
}

#[derive(Debug)]
enum Source {
    /// Decoded text, parsed row by row as it is read so a large file is never held twice.
    Csv {
        text: String,
        delimiter: u8,
    },
    /// A file whose bytes are UTF-8 text, read again from `from` (past a BOM) up to `to` as its rows
    /// are asked for.
    CsvFile {
        file: File,
        from: u64,
        to: u64,
        delimiter: u8,
    },
    Sheet(Vec<Row>),
}

/// How to read a file.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force an encoding by its WHATWG label (utf-8, gb18030, gbk …).
    pub encoding: Option<String>,
    /// The sheet of a workbook; the visible active one when absent.
    pub sheet: Option<String>,
    pub limits: Limits,
    /// Read a symbolic link's target instead of refusing it.
    pub follow_symlinks: bool,
    /// The 1-based row of the header (`--header-row N`); found among the first rows when absent.
    pub header_row: Option<usize>,
    /// Read every visible sheet of a workbook (`--all-sheets`), not the active one alone.
    pub all_sheets: bool,
}

/// Workbooks by name (`et` is WPS Spreadsheets' own, BIFF8 inside).
const WORKBOOK_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "et", "ods"];

/// Whether a file's `encoding`, as [`Grid`] and the accounting give it, is the kind of a workbook.
pub fn is_workbook_kind(encoding: &str) -> bool {
    ["xls", "xlsx", "xlsb", "ods"].contains(&encoding)
}

/// A file as named in messages and output: its path, or [`STDIN_NAME`] for `-`.
pub fn display_name(path: &str) -> String {
    if path == "-" { STDIN_NAME.to_string() } else { path.to_string() }
}

/// Reads `path` (`-` is standard input) into a grid. A problem is a file that cannot be read at all.
/// A CSV file of UTF-8 text is checked in one pass and read in a second as its rows are asked for;
/// anything else is read into memory.
pub fn read_grid(path: &str, opts: &ReadOptions) -> Result<Grid, Problem> {
    if path == "-" {
        let bytes = open::read_bytes(path, &opts.limits, opts.follow_symlinks)?;
        return grid_from_bytes(display_name(path), bytes, opts);
    }
    let mut file = open::open_file(path, &opts.limits, opts.follow_symlinks)?;
    let io = |e: std::io::Error| unreadable(path, Expected::ReadableFile, &open::io_reason(&e));
    if may_stream(path, opts) {
        let scan = scan_utf8(&mut file, opts.limits.file_bytes).map_err(io)?;
        if let Some(scan) = scan.filter(|s| s.bytes <= opts.limits.file_bytes) {
            let encoding = if scan.bom > 0 { "utf-8-bom" } else { "utf-8" }.to_string();
            let source = Source::CsvFile { file, from: scan.bom, to: scan.bytes, delimiter: scan.delimiter };
            return Ok(Grid::new(path.to_string(), encoding, opts, source));
        }
        file.seek(SeekFrom::Start(0)).map_err(io)?;
    }
    let bytes = open::read_capped(file, path, &opts.limits)?;
    grid_from_bytes(path.to_string(), bytes, opts)
}

/// Whether a file may be read as a stream of UTF-8 text: not a workbook by its name, and no other
/// encoding forced. Its bytes still decide ([`scan_utf8`]).
fn may_stream(path: &str, opts: &ReadOptions) -> bool {
    let ext = Path::new(path).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let forced = opts.encoding.as_deref().map(|label| Encoding::for_label(label.trim().as_bytes()));
    !WORKBOOK_EXTENSIONS.contains(&ext.as_str()) && forced.is_none_or(|enc| enc == Some(UTF_8))
}

/// A file found to be UTF-8 text in one pass over it.
struct Scan {
    /// The length of its UTF-8 byte order mark: 0 or 3.
    bom: u64,
    /// Its length in bytes.
    bytes: u64,
    /// The delimiter its header line gives.
    delimiter: u8,
}

/// Reads `file` through once: a [`Scan`] when its bytes are UTF-8 text (without a BOM of another
/// encoding, and not a workbook or an OLE file by its first bytes), `None` otherwise. Stops past
/// `limit` bytes, which the caller refuses.
fn scan_utf8(file: &mut File, limit: u64) -> std::io::Result<Option<Scan>> {
    const CHUNK: usize = 64 * 1024;
    // Room for a character cut at the end of one chunk, carried to the front of the next.
    let mut buffer = vec![0u8; CHUNK + 4];
    let first = fill(file, &mut buffer[..CHUNK])?;
    let start = &buffer[..first];
    let foreign_bom = Encoding::for_bom(start).is_some_and(|(enc, _)| enc != UTF_8);
    if foreign_bom || start.starts_with(OLE_MAGIC) || start.starts_with(b"PK\x03\x04") {
        return Ok(None);
    }
    let bom = if start.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut sniffer = Sniffer::default();
    sniffer.feed(&start[bom..]);
    let (mut filled, mut bytes) = (first, first as u64);
    let scan = |bytes, sniffer: &Sniffer| Scan { bom: bom as u64, bytes, delimiter: sniffer.delimiter() };
    loop {
        // simdutf8's `compat` check: std's, with vector instructions, and the same error positions.
        let carried = match simdutf8::compat::from_utf8(&buffer[..filled]) {
            Ok(_) => 0,
            Err(e) if e.error_len().is_none() => {
                buffer.copy_within(e.valid_up_to()..filled, 0);
                filled - e.valid_up_to()
            }
            Err(_) => return Ok(None),
        };
        if bytes > limit {
            return Ok(Some(scan(bytes, &sniffer)));
        }
        let read = fill(file, &mut buffer[carried..carried + CHUNK])?;
        if read == 0 {
            // Bytes left over at the end are a character cut short: not UTF-8.
            return Ok((carried == 0).then(|| scan(bytes, &sniffer)));
        }
        sniffer.feed(&buffer[carried..carried + read]);
        bytes += read as u64;
        filled = carried + read;
    }
}

/// Reads a file's bytes into a grid; `name` is the file's path (its extension says a workbook).
pub fn grid_from_bytes(name: String, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Grid, Problem> {
    let ext = Path::new(&name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let pick = workbook::Pick { sheet: opts.sheet.as_deref(), all: opts.all_sheets };
    if bytes.starts_with(OLE_MAGIC) {
        let book = xls::read_xls(&name, &bytes, pick, &opts.limits)?;
        return Ok(Grid::from_book(name, "xls", book, opts));
    }
    if bytes.starts_with(b"PK\x03\x04") || ["xlsx", "xlsm", "xlsb", "ods"].contains(&ext.as_str()) {
        let (kind, book) = workbook::read_zip(&name, bytes, pick, &opts.limits)?;
        return Ok(Grid::from_book(name, kind.as_str(), book, opts));
    }
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        let found = "neither a compound file (Excel 97-2003, WPS) nor a zip workbook";
        return Err(unreadable(&name, Expected::Book(BookExpected::CompoundFile), found));
    }
    let forced = match &opts.encoding {
        Some(label) => Some(
            Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| unreadable(&name, Expected::KnownEncoding, &format!("--encoding {label}")))?,
        ),
        None => None,
    };
    let (text, encoding) = decode(bytes, forced);
    let delimiter = sniff_delimiter(&text);
    Ok(Grid::new(name, encoding, opts, Source::Csv { text, delimiter }))
}

/// An OLE compound file: an Excel 97-2003 workbook (.xls) whatever its name.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// UTF-8 (with or without a BOM) when the bytes are valid UTF-8, else GB18030, which covers GBK and
/// GB2312 as Excel writes them on Chinese Windows. Bytes that do not fit the encoding become U+FFFD,
/// which the rows report as `encoding` problems with their line and column.
fn decode(mut bytes: Vec<u8>, forced: Option<&'static Encoding>) -> (String, String) {
    let label = |enc: &'static Encoding| enc.name().to_ascii_lowercase();
    match (Encoding::for_bom(&bytes), forced) {
        (Some((enc, bom_len)), None) if enc != UTF_8 => {
            return (enc.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned(), label(enc));
        }
        (_, Some(enc)) if enc != UTF_8 => return (enc.decode_without_bom_handling(&bytes).0.into_owned(), label(enc)),
        _ => {}
    }
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if has_bom {
        bytes.drain(..3);
    }
    let utf8 = if has_bom { "utf-8-bom".to_string() } else { label(UTF_8) };
    // Valid UTF-8 is the common case: one pass validates it and the bytes become the text uncopied.
    match String::from_utf8(bytes) {
        Ok(text) => (text, utf8),
        Err(e) if forced.is_some() || has_bom => (String::from_utf8_lossy(e.as_bytes()).into_owned(), utf8),
        Err(e) => (GB18030.decode_without_bom_handling(e.as_bytes()).0.into_owned(), label(GB18030)),
    }
}

/// Comma unless the header line (the first that is not a `#` comment) has more tabs or semicolons than
/// commas.
fn sniff_delimiter(text: &str) -> u8 {
    let mut sniffer = Sniffer::default();
    sniffer.feed(text.as_bytes());
    sniffer.delimiter()
}

/// Tells the delimiter from the header line (the first line that is not a `#` comment), fed the text
/// in pieces as a file is read, so that a file need not be held to tell it, however long its
/// comments or its header.
#[derive(Debug, Default)]
struct Sniffer {
    state: Sniffing,
    commas: usize,
    tabs: usize,
    semicolons: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Sniffing {
    #[default]
    LineStart,
    Comment,
    Header,
    Done,
}

impl Sniffer {
    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.state = match (self.state, b) {
                (Sniffing::Done, _) => return,
                (Sniffing::LineStart, b'#') => Sniffing::Comment,
                (Sniffing::Comment, b'\n') => Sniffing::LineStart,
                (Sniffing::Comment, _) => Sniffing::Comment,
                (Sniffing::LineStart | Sniffing::Header, b'\n') => Sniffing::Done,
                (Sniffing::LineStart | Sniffing::Header, _) => {
                    match b {
                        b',' => self.commas += 1,
                        b'\t' => self.tabs += 1,
                        b';' => self.semicolons += 1,
                        _ => {}
                    }
                    Sniffing::Header
                }
            };
        }
    }

    fn delimiter(&self) -> u8 {
        [(b'\t', self.tabs), (b';', self.semicolons)]
            .into_iter()
            .filter(|&(_, n)| n > self.commas)
            .max_by_key(|&(_, n)| n)
            .map_or(b',', |(d, _)| d)
    }
}

impl Grid {
    fn new(name: String, encoding: String, opts: &ReadOptions, source: Source) -> Grid {
        let cell_bytes = opts.limits.cell_bytes;
        let header_row = opts.header_row;
        let (sheet, more, unread, sheet_read) = (None, Vec::new(), Vec::new(), None);
        Grid { name, encoding, problems: Vec::new(), cell_bytes, header_row, sheet, more, unread, sheet_read, source }
    }

    /// A workbook's sheets read: one grid, or with `--all-sheets` one a sheet, named `file[sheet]`. The
    /// visible sheets with data that were not read are an `unread-sheet` warning each.
    fn from_book(name: String, kind: &str, book: Book, opts: &ReadOptions) -> Grid {
        let Book { sheets, unread } = book;
        let several = opts.all_sheets;
        let read = sheets.first().map(|s| s.name.clone()).unwrap_or_default();
        let mut grids: Vec<Grid> = sheets
            .into_iter()
            .map(|s| {
                let grid_name = if several { format!("{name}[{}]", s.name) } else { name.clone() };
                let mut g = Grid::new(grid_name, kind.to_string(), opts, Source::Sheet(s.rows));
                g.problems = s.problems;
                g.sheet = several.then_some(s.name);
                g
            })
            .collect();
        let mut first = if grids.is_empty() {
            Grid::new(name.clone(), kind.to_string(), opts, Source::Sheet(Vec::new()))
        } else {
            grids.remove(0)
        };
        first.unread = unread;
        first.sheet_read = Some(read);
        first.more = grids;
        first
    }

    /// Whether the rows come from a workbook's sheet, where a row ends at its last cell.
    pub fn is_sheet(&self) -> bool {
        matches!(self.source, Source::Sheet(_))
    }

    /// The grid's rows, blank ones skipped, each with the line it starts on. An error is a file that
    /// can no longer be read from its start.
    pub fn rows(&self) -> anyhow::Result<Rows<'_>> {
        // `plan-check template` explains its columns on `#` lines above the header, which the
        // records skip.
        let inner = match &self.source {
            Source::Csv { text, delimiter } => {
                Inner::Csv(Box::new(Records::new(Box::new(text.as_bytes()), *delimiter)))
            }
            Source::CsvFile { file, from, to, delimiter } => {
                let mut reader = file;
                if let Err(e) = reader.seek(SeekFrom::Start(*from)) {
                    bail!("{}: cannot read it again: {e}", self.name);
                }
                Inner::Csv(Box::new(Records::new(Box::new(reader.take(to - from)), *delimiter)))
            }
            Source::Sheet(rows) => Inner::Sheet(rows.iter()),
        };
        Ok(Rows { name: &self.name, inner, row: Row { line: 1, cells: Cells::default() } })
    }
}

/// Gives one row at a time; a CSV row reuses one buffer, so reading allocates nothing per row.
pub struct Rows<'g> {
    name: &'g str,
    inner: Inner<'g>,
    row: Row,
}

enum Inner<'g> {
    /// Boxed: csv_core's tables make a reader half a kilobyte.
    Csv(Box<Records<Box<dyn Read + 'g>>>),
    Sheet(std::slice::Iter<'g, Row>),
}

impl Rows<'_> {
    /// The next row that is not blank. An error is text the CSV reader cannot read at all.
    pub fn next_row(&mut self) -> anyhow::Result<Option<&Row>> {
        match &mut self.inner {
            Inner::Sheet(rows) => Ok(rows.next()),
            Inner::Csv(records) => loop {
                match records.read(&mut self.row.cells) {
                    Ok(None) => return Ok(None),
                    Ok(Some(line)) => {
                        // Measurements hold their line in 32 bits; a file this long (over 4 GB) is refused.
                        if u32::try_from(line).is_err() {
                            bail!("{}: more than {} lines", self.name, u32::MAX);
                        }
                        self.row.line = line;
                        if self.row.cells.iter().all(|c| c.trim().is_empty()) {
                            continue;
                        }
                        return Ok(Some(&self.row));
                    }
                    Err(e) => bail!("{}: cannot read as CSV: {e}", self.name),
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, Vec<String>)> {
        let source = Source::Csv { text: text.into(), delimiter: sniff_delimiter(text) };
        let grid = Grid::new("f".into(), "utf-8".into(), &ReadOptions::default(), source);
        let mut rows = grid.rows().unwrap();
        let mut out = Vec::new();
        while let Some(row) = rows.next_row().unwrap() {
            out.push((row.line, row.cells.iter().map(str::to_string).collect()));
        }
        out
    }

    #[test]
    fn decodes_utf8_bom_and_gb18030() {
        let (t, enc) = decode("county\n晋江市".as_bytes().to_vec(), None);
        assert_eq!((t.as_str(), enc.as_str()), ("county\n晋江市", "utf-8"));
        let (t, enc) = decode(b"\xEF\xBB\xBFcounty".to_vec(), None);
        assert_eq!((t.as_str(), enc.as_str()), ("county", "utf-8-bom"));
        let (gbk, _, _) = GB18030.encode("县市区,指标\n晋江市,森林覆盖率");
        let (t, enc) = decode(gbk.into_owned(), None);
        assert_eq!((t.as_str(), enc.as_str()), ("县市区,指标\n晋江市,森林覆盖率", "gb18030"));
    }

    #[test]
    fn a_forced_encoding_that_does_not_fit_leaves_replacement_characters() {
        let (gbk, _, _) = GB18030.encode("a\n晋江市");
        let (t, enc) = decode(gbk.into_owned(), Some(UTF_8));
        assert_eq!(enc, "utf-8");
        assert!(t.lines().nth(1).unwrap().contains('\u{FFFD}'), "{t:?}");
    }

    /// A file of `bytes` in the temporary folder, read as a grid: its encoding (`+stream` when it was
    /// streamed) and its rows.
    fn read_file(name: &str, bytes: &[u8]) -> (String, Vec<(usize, Vec<String>)>) {
        let path = std::env::temp_dir().join(format!("plan-check-read-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let grid = read_grid(path.to_str().unwrap(), &ReadOptions::default()).unwrap();
        let mut rows = grid.rows().unwrap();
        let mut out = Vec::new();
        while let Some(row) = rows.next_row().unwrap() {
            out.push((row.line, row.cells.iter().map(str::to_string).collect()));
        }
        std::fs::remove_file(&path).unwrap();
        let streamed = if matches!(grid.source, Source::CsvFile { .. }) { "+stream" } else { "" };
        (format!("{}{streamed}", grid.encoding), out)
    }

    #[test]
    fn a_utf8_file_is_streamed_across_chunks_and_a_later_gbk_byte_decodes_it_whole() {
        // A character cut by the 64 KiB chunk boundary of the encoding pass.
        let mut text = "county,indicator,value\n".to_string();
        while text.len() + 56 < 64 * 1024 - 1 {
            text.push_str("晋江市,forest_coverage,1\n");
        }
        let digits = 64 * 1024 - 1 - text.len() - "晋江市,forest_coverage,\n".len();
        text.push_str(&format!("晋江市,forest_coverage,{}\n", "1".repeat(digits)));
        // 晋 takes bytes 65535 to 65537.
        text.push_str("晋江市;x,forest_coverage,2\n");
        assert!(!text.is_char_boundary(64 * 1024));
        let (encoding, rows) = read_file("cut.csv", text.as_bytes());
        assert_eq!(encoding, "utf-8+stream");
        assert_eq!(rows.len(), text.lines().count());
        assert_eq!(rows.last().unwrap().1, ["晋江市;x", "forest_coverage", "2"]);
        // A BOM is skipped and named.
        let (encoding, rows) = read_file("bom.csv", b"\xEF\xBB\xBFa;b\n1;2\n");
        assert_eq!(
            (encoding.as_str(), rows[1].1.clone()),
            ("utf-8-bom+stream", vec!["1".to_string(), "2".to_string()])
        );
        // Text that is UTF-8 for 64 KiB and GBK after it is GB18030 text, read whole.
        let (gbk, _, _) = GB18030.encode("泉州市,forest_coverage,3\n");
        let mut bytes = "county,indicator,value\n".repeat(3000).into_bytes();
        bytes.extend_from_slice(&gbk);
        let (encoding, rows) = read_file("late-gbk.csv", &bytes);
        assert_eq!(encoding, "gb18030");
        assert_eq!(rows.last().unwrap().1[0], "泉州市");
        // A character cut short at the end is not UTF-8 either.
        let (encoding, _) = read_file("cut-end.csv", &"a,b\n晋".as_bytes()[..6]);
        assert_eq!(encoding, "gb18030");
    }

    proptest::proptest! {
        /// Fed in any pieces, the sniffer tells what the header line of the whole text tells.
        #[test]
        fn the_delimiter_fed_in_pieces_is_that_of_the_whole_header_line(
            text in "([a;,\t#\r\n]|晋){0,40}",
            cut in 0usize..40,
        ) {
            let header = text.lines().find(|l| !l.starts_with('#')).unwrap_or_default();
            let count = |c| header.matches(c).count();
            let whole = [(b'\t', count('\t')), (b';', count(';'))]
                .into_iter()
                .filter(|&(_, n)| n > count(','))
                .max_by_key(|&(_, n)| n)
                .map_or(b',', |(d, _)| d);
            let (head, tail) = text.as_bytes().split_at(cut.min(text.len()));
            let mut sniffer = Sniffer::default();
            sniffer.feed(head);
            sniffer.feed(tail);
            proptest::prop_assert_eq!(sniffer.delimiter(), whole);
        }
    }

    #[test]
    fn a_header_after_64_kib_of_comments_still_tells_the_delimiter() {
        let mut text = "# 说明：每行一个指标\n".repeat(4000);
        text.push_str("county;indicator;value\n晋江市;forest_coverage;60\n");
        let (encoding, rows) = read_file("comments.csv", text.as_bytes());
        assert_eq!(encoding, "utf-8+stream");
        assert_eq!(
            rows,
            [
                (4001, vec!["county".into(), "indicator".into(), "value".into()]),
                (4002, vec!["晋江市".to_string(), "forest_coverage".into(), "60".into()])
            ]
        );
    }

    #[test]
    fn sniffs_tabs_and_semicolons() {
        assert_eq!(sniff_delimiter("a,b,c\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("a;b;c\n"), b';');
    }

    #[test]
    fn csv_rows_keep_their_line_numbers_across_blank_crlf_and_quoted_lines() {
        let got: Vec<usize> = lines("a,b\n\n\"x\ny\",2\n3,4\n").into_iter().map(|(l, _)| l).collect();
        assert_eq!(got, vec![1, 3, 5]);
        let got: Vec<usize> = lines("a,b\r\n\r\n1,2\r\n,\r\n3,4\r\n").into_iter().map(|(l, _)| l).collect();
        assert_eq!(got, vec![1, 3, 5]);
    }
}
