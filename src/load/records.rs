//! CSV records from any byte source, one at a time, each with the line it starts on. A file is read
//! through a small buffer, never held whole: memory follows what the rows hold, not the file's text.
//!
//! csv_core parses; this module feeds it and keeps the line count. csv_core skips blank lines and
//! `#` comment lines before a record, so the line a record starts on is the count of line breaks
//! before its first cell, not before the bytes consumed for it: the skipped lines are counted here,
//! as are line breaks inside quoted cells.

use std::io::Read;

use super::read::Cells;

/// Reads records from `source`.
pub struct Records<R> {
    source: R,
    core: csv_core::Reader,
    buffer: Box<[u8]>,
    /// The unread part of `buffer`.
    start: usize,
    end: usize,
    eof: bool,
    /// The line the next record's bytes begin on.
    line: usize,
    /// csv_core's output: the cells' bytes, one after another, and where each ends.
    cells: Vec<u8>,
    ends: Vec<usize>,
}

/// Where the bytes before a record's first cell stand: at the start of a line, inside a comment line,
/// or past them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lead {
    LineStart,
    Comment,
    Done,
}

/// What went wrong reading a record.
#[derive(Debug)]
pub enum RecordError {
    Io(std::io::Error),
    /// A record whose bytes are not UTF-8 (a file that changed after its encoding was checked).
    NotUtf8 {
        line: usize,
    },
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::Io(e) => write!(f, "{e}"),
            RecordError::NotUtf8 { line } => {
                write!(f, "line {line} is not UTF-8 text (did the file change while read?)")
            }
        }
    }
}

impl<R: Read> Records<R> {
    pub fn new(source: R, delimiter: u8) -> Records<R> {
        let core = csv_core::ReaderBuilder::new().delimiter(delimiter).comment(Some(b'#')).build();
        Records {
            source,
            core,
            buffer: vec![0; 64 * 1024].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            line: 1,
            cells: vec![0; 1024],
            ends: vec![0; 64],
        }
    }

    /// Reads the next record into `record`: `Ok(Some(line))` with the line it starts on, `Ok(None)`
    /// at the end.
    pub fn read(&mut self, record: &mut Cells) -> Result<Option<usize>, RecordError> {
        use csv_core::ReadRecordResult::{End, InputEmpty, OutputEndsFull, OutputFull, Record};
        let (mut cells_len, mut ends_len) = (0, 0);
        let (mut lead, mut skipped) = (Lead::LineStart, 0);
        let mut newlines = 0;
        loop {
            if self.start == self.end && !self.eof {
                self.end = fill(&mut self.source, &mut self.buffer).map_err(RecordError::Io)?;
                self.start = 0;
                self.eof = self.end == 0;
            }
            // Empty input tells csv_core that the source has ended.
            let input = &self.buffer[self.start..self.end];
            let (result, read, written, ended) =
                self.core.read_record(input, &mut self.cells[cells_len..], &mut self.ends[ends_len..]);
            let consumed = &input[..read];
            if lead != Lead::Done {
                (lead, skipped) = skip_leading(consumed, lead, skipped);
            }
            // memchr counts with vector instructions: a byte-by-byte count was 5% of `validate`.
            newlines += memchr::memchr_iter(b'\n', consumed).count();
            self.start += read;
            cells_len += written;
            ends_len += ended;
            match result {
                InputEmpty => {}
                OutputFull => self.cells.resize(self.cells.len() * 2, 0),
                OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                Record => break,
                End => return Ok(None),
            }
        }
        let line = self.line + skipped;
        self.line += newlines;
        // simdutf8 checks a record's UTF-8 with vector instructions (std's check was a tenth of
        // `validate`); it says only whether the text is UTF-8, which is all this error needs.
        let text = simdutf8::basic::from_utf8(&self.cells[..cells_len]).map_err(|_| RecordError::NotUtf8 { line })?;
        record.set(text, &self.ends[..ends_len]);
        Ok(Some(line))
    }
}

/// Follows the bytes before a record's first cell — blank lines and comment lines, which csv_core
/// skips — counting the line breaks among them.
fn skip_leading(bytes: &[u8], mut lead: Lead, mut skipped: usize) -> (Lead, usize) {
    for &b in bytes {
        lead = match (lead, b) {
            (Lead::LineStart, b'\n') | (Lead::Comment, b'\n') => {
                skipped += 1;
                Lead::LineStart
            }
            (Lead::LineStart, b'\r') => Lead::LineStart,
            (Lead::LineStart, b'#') | (Lead::Comment, _) => Lead::Comment,
            _ => return (Lead::Done, skipped),
        };
    }
    (lead, skipped)
}

/// Reads until `buffer` is full or the source ends, retrying when interrupted; the number of bytes
/// read.
pub fn fill(source: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match source.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `text` with its line, read through a buffer of `size` bytes.
    fn records(text: &str, size: usize) -> Vec<(usize, Vec<String>)> {
        let mut reader = Records::new(text.as_bytes(), b',');
        reader.buffer = vec![0; size].into_boxed_slice();
        let mut record = Cells::default();
        let mut out = Vec::new();
        while let Some(line) = reader.read(&mut record).unwrap() {
            out.push((line, record.iter().map(str::to_string).collect()));
        }
        out
    }

    /// What csv's own reader gives for `text`, with the line of each record counted from the text
    /// itself: the line breaks before its first cell.
    fn reference(text: &str) -> Vec<(usize, Vec<String>)> {
        let bytes = text.as_bytes();
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).comment(Some(b'#')).from_reader(bytes);
        let mut out = Vec::new();
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).unwrap() {
            let mut start = record.position().unwrap().byte() as usize;
            loop {
                match bytes.get(start) {
                    Some(b'\n' | b'\r') => start += 1,
                    Some(b'#') => {
                        start += bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len() - start, |i| i + 1)
                    }
                    _ => break,
                }
            }
            let line = 1 + bytes[..start].iter().filter(|&&b| b == b'\n').count();
            out.push((line, record.iter().map(str::to_string).collect()));
        }
        out
    }

    #[test]
    fn lines_count_blank_comment_crlf_and_quoted_line_breaks() {
        let text = "# note\na,b\n\n\"x\ny\",2\r\n\r\n# c\n3,4\n5,\"6\"\"\"";
        let got = records(text, 64 * 1024);
        assert_eq!(got.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![2, 4, 8, 9]);
        assert_eq!(got[1].1, vec!["x\ny", "2"]);
        assert_eq!(got[3].1, vec!["5", "6\""]);
        assert_eq!(got, reference(text));
    }

    proptest::proptest! {
        /// Any text, read through any buffer size, gives csv's own records on the lines counted from
        /// the whole text.
        #[test]
        fn records_and_lines_match_a_whole_text_reading(
            text in "([ab,\"#\r\n]|晋江|  ){0,60}",
            size in 1usize..16,
        ) {
            proptest::prop_assert_eq!(records(&text, size), reference(&text));
        }
    }
}
