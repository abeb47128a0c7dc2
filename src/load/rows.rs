//! A grid's header decides its shape: long (`county,indicator,value[,year,numerator,denominator,note]`)
//! or wide (the area, then one column per indicator). Each cell is checked against the catalogue.

use super::names::{Lookup, Names};
use super::number::{Cell, fold_full_width, parse_cell};
use std::collections::VecDeque;

use super::read::{Grid, Row, Rows};
use super::{Accounting, Details, HeaderMatch, Intake, Measurement, Reading};
use crate::catalog::{Aggregate, County, Indicator};
use crate::problem::{BookExpected, Code, Expected, NotNumber, Problem, Quantity, Range, closest};
use crate::target::Target;

/// A column whose meaning is known from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    County,
    Indicator,
    Value,
    Year,
    Numerator,
    Denominator,
    Note,
}

/// Every header each field accepts; the first is the English name used in messages.
const HEADERS: [(Field, &[&str]); 7] = [
    (Field::County, &["county", "area", "县市区", "县（市、区）", "县(市、区)", "地区", "区域", "地区名称"]),
    (Field::Indicator, &["indicator", "指标", "指标名称", "指标id"]),
    (Field::Value, &["value", "数值", "值", "本期值"]),
    (Field::Year, &["year", "年份", "年度"]),
    (Field::Numerator, &["numerator", "分子"]),
    (Field::Denominator, &["denominator", "分母"]),
    (Field::Note, &["note", "备注", "说明"]),
];

impl Field {
    fn from_header(h: &str) -> Option<Field> {
        let h = h.trim().trim_start_matches('\u{FEFF}').to_lowercase();
        HEADERS.iter().find(|(_, names)| names.contains(&h.as_str())).map(|(f, _)| *f)
    }

    fn name(self) -> &'static str {
        HEADERS.iter().find(|(f, _)| *f == self).map_or("", |(_, names)| names[0])
    }
}

/// Units whose values are counts, which cannot be negative.
const COUNT_UNITS: [&str; 7] = ["个", "种", "天", "家", "台", "座", "次"];

/// A header's columns sorted out: fields, indicators (with their catalogue position), unknown names.
type Header<'c, 'h> = (Vec<(usize, Field)>, Vec<(usize, u32, &'c Indicator)>, Vec<(usize, &'h str)>);

struct Layout<'c> {
    /// The column of each field (indexed by `Field as usize`), looked up several times a row.
    columns: [Option<usize>; HEADERS.len()],
    /// Wide files: the columns that are indicators, with the indicator's position in the catalogue.
    indicators: Vec<(usize, u32, &'c Indicator)>,
    /// Wide files: a ratio indicator's numerator and denominator columns (`forest_coverage.分子`), by
    /// the indicator's position in the catalogue.
    parts: Vec<(u32, Option<usize>, Option<usize>)>,
    /// The header's width: cells after it must be empty.
    width: usize,
    /// Columns with an empty header (a spreadsheet's leading columns, a stray delimiter): their
    /// cells must be empty too.
    unnamed: Vec<usize>,
    /// Headers that name an indicator once folded (`森林覆盖率(%)`), with the indicator's id.
    matched: Vec<HeaderMatch>,
}

impl<'c> Layout<'c> {
    fn new(fields: &[(usize, Field)], indicators: Vec<(usize, u32, &'c Indicator)>, width: usize) -> Layout<'c> {
        let mut columns = [None; HEADERS.len()];
        for &(i, f) in fields.iter().rev() {
            columns[f as usize] = Some(i);
        }
        Layout { columns, indicators, parts: Vec::new(), width, unnamed: Vec::new(), matched: Vec::new() }
    }

    fn col(&self, f: Field) -> Option<usize> {
        self.columns[f as usize]
    }

    fn is_wide(&self) -> bool {
        !self.indicators.is_empty()
    }

    /// The numerator and denominator columns of a wide file's ratio indicator.
    fn parts_of(&self, ind_no: u32) -> (Option<usize>, Option<usize>) {
        self.parts.iter().find(|p| p.0 == ind_no).map_or((None, None), |p| (p.1, p.2))
    }
}

/// A wide file's header of a ratio's part: an indicator (id or name), a separator, then 分子/分母
/// (numerator/denominator): `forest_coverage.分子`. The indicator's position and whether it is the
/// numerator.
fn part_header<'c>(names: &Names<'c>, h: &str) -> Option<(u32, &'c Indicator, bool)> {
    let h = h.trim();
    let (rest, numerator) = [("分子", true), ("分母", false), ("numerator", true), ("denominator", false)]
        .into_iter()
        .find_map(|(suffix, n)| {
            let cut = h.len().checked_sub(suffix.len()).filter(|&c| h.is_char_boundary(c))?;
            h[cut..].eq_ignore_ascii_case(suffix).then(|| (&h[..cut], n))
        })?;
    let rest = rest.trim_end_matches([' ', '.', '_', '-', '·', '．', '：', ':', '/']);
    match names.indicator(rest) {
        Some(&Lookup::One(no, ind)) => Some((no, ind, numerator)),
        _ => None,
    }
}

/// Reads the rows of one grid into `intake`, with its accounting line: every row read is accepted
/// (all its measurements kept) or rejected (none kept, and at least one error says why).
pub(super) fn read_rows(
    grid: &Grid,
    names: &Names,
    default_year: Option<i32>,
    file_index: u32,
    intake: &mut Intake,
) -> anyhow::Result<()> {
    let file = grid.name.as_str();
    let mut acc = Accounting { file: file.to_string(), encoding: grid.encoding.clone(), ..Default::default() };
    let mut rows =
        Ahead { pending: VecDeque::new(), rows: grid.rows()?, held: Row { line: 0, cells: Default::default() } };
    let Some((header, form)) = find_header(&mut rows, names, grid.header_row)? else {
        let p = Problem::error(Code::EmptyFile, file, Expected::HeaderAndDataRow);
        intake.data.problems.push(match grid.header_row {
            Some(n) => p.at(n, None, "header").found(&format!("--header-row {n}")),
            None => p,
        });
        acc.shape = "empty".into();
        intake.data.accounting.push(acc);
        return Ok(());
    };
    if form {
        acc.header_row = Some(header.line);
    }
    let Some(layout) = layout(&header, names, grid, &mut intake.data.problems) else {
        acc.shape = "unknown".into();
        return reject_all(rows, acc, intake);
    };
    acc.shape = if layout.is_wide() { "wide" } else { "long" }.into();
    acc.matched = layout.matched.clone();
    // Without a year no row gives a measurement; its cells are still checked, so that every problem
    // is listed in one round.
    let yearless = layout.col(Field::Year).is_none() && default_year.is_none();
    if yearless {
        let expected = Expected::YearSource;
        intake.data.problems.push(Problem::error(Code::MissingYear, file, expected).at(header.line, None, "year"));
    }
    let mut found = Vec::new();
    // A year column that disagrees with the year of the file's name: one warning per year found.
    let name_year = super::year_in_name(file).zip(layout.col(Field::Year));
    let mut other_years: Vec<i32> = Vec::new();
    let mut matched = Vec::new();
    let county_col = layout.col(Field::County).unwrap_or(0);
    let mut first = true;
    while let Some(row) = rows.next()? {
        // A form's units row under its header, and its footer (填表人 …): not data. A footer row
        // that names an area is data all the same, so nothing is dropped unseen.
        if form && first && is_units_row(row, county_col, names) {
            first = false;
            let columns = layout.indicators.iter().map(|&(col, _, ind)| (col, ind));
            intake.data.problems.extend(super::units::units_row_problems(file, row, &header, columns));
            continue;
        }
        if form && is_footer_row(row, county_col, names) {
            first = false;
            continue;
        }
        first = false;
        acc.rows_read += 1;
        found.clear();
        let line = row.line;
        let problems = &mut intake.data.problems;
        let mut ctx =
            RowCtx { file, file_index, row, header: &header, names, problems, errors: 0, matched: &mut matched };
        if ctx.is_readable(&layout, grid) {
            if layout.is_wide() {
                ctx.wide(&layout, default_year, &mut found);
            } else {
                found.extend(ctx.long(&layout, default_year));
            }
        }
        let errors = ctx.errors;
        if let Some((name_year, col)) = name_year
            && let Some(year) = found.iter().map(|r: &Reading| r.measurement.year).find(|&y| y != name_year)
            && !other_years.contains(&year)
        {
            other_years.push(year);
            let p = Problem::warning(Code::YearMismatch, file, Expected::YearOfName { name_year });
            intake.data.problems.push(p.at(line, Some(col + 1), "year").found(&year.to_string()));
        }
        if errors == 0 && !yearless {
            acc.rows_accepted += 1;
            for r in found.drain(..) {
                intake.push(r);
            }
        } else {
            acc.rows_rejected += 1;
        }
        intake.bound_problems();
    }
    acc.matched.extend(matched);
    if acc.rows_read == 0 {
        let expected = Expected::DataRowUnderHeader;
        intake.data.problems.push(Problem::error(Code::EmptyFile, file, expected).at(header.line, None, "file"));
    }
    intake.data.accounting.push(acc);
    Ok(())
}

/// The rows of a grid, with the few read ahead to find the header given back first.
struct Ahead<'g> {
    pending: VecDeque<Row>,
    rows: Rows<'g>,
    held: Row,
}

impl Ahead<'_> {
    fn next(&mut self) -> anyhow::Result<Option<&Row>> {
        if let Some(row) = self.pending.pop_front() {
            self.held = row;
            return Ok(Some(&self.held));
        }
        self.rows.next_row()
    }
}

/// How many rows a form's header is looked for among.
pub(super) const HEADER_SEARCH: usize = 10;

/// The header row, and whether the grid is a form (its header not the first row, or `--header-row`).
/// The header is the first row when it names the area column and either the indicator/value columns
/// or indicator columns, or no row of the first [`HEADER_SEARCH`] does; else the first that does (a
/// 填报表 with a title, 填报单位 and 填报日期 above its header). The rows above it are not data.
fn find_header(rows: &mut Ahead, names: &Names, forced: Option<usize>) -> anyhow::Result<Option<(Row, bool)>> {
    if let Some(n) = forced {
        while let Some(row) = rows.next()? {
            if row.line >= n {
                return Ok(Some((row.clone(), true)));
            }
        }
        return Ok(None);
    }
    let Some(first) = rows.next()?.cloned() else { return Ok(None) };
    if names_columns(&first, names) {
        return Ok(Some((first, false)));
    }
    let mut ahead = Vec::new();
    while ahead.len() + 1 < HEADER_SEARCH {
        let Some(row) = rows.next()? else { break };
        ahead.push(row.clone());
    }
    match ahead.iter().position(|r| names_columns(r, names)) {
        Some(i) => {
            let header = ahead[i].clone();
            rows.pending.extend(ahead.drain(i + 1..));
            Ok(Some((header, true)))
        }
        None => {
            rows.pending.extend(ahead);
            Ok(Some((first, false)))
        }
    }
}

/// The `unread-sheet` warnings of a grid: each visible sheet not read whose first rows hold a header
/// (a sheet of data, not a legend or a chart's numbers).
pub(super) fn unread_sheets(grid: &Grid, names: &Names) -> Vec<Problem> {
    let read = grid.sheet_read.clone().unwrap_or_default();
    grid.unread
        .iter()
        .filter(|u| u.head.iter().any(|r| names_columns(r, names)))
        .map(|u| {
            let expected = Expected::Book(BookExpected::OneSheetRead { read: read.clone() });
            let p = Problem::warning(Code::UnreadSheet, &grid.name, expected);
            p.found(&format!("sheet {:?} ({} rows)", u.name, u.rows))
        })
        .collect()
}

/// Whether a row is a header: it names the area column and either the indicator or value column
/// (long) or an indicator (wide).
fn names_columns(row: &Row, names: &Names) -> bool {
    let fields: Vec<Option<Field>> = row.cells.iter().map(Field::from_header).collect();
    let has = |f| fields.contains(&Some(f));
    has(Field::County)
        && (has(Field::Indicator)
            || has(Field::Value)
            || row
                .cells
                .iter()
                .zip(&fields)
                .any(|(c, f)| f.is_none() && matches!(names.indicator(c), Some(Lookup::One(..)))))
}

/// A units row under a form's header: its area cell empty (or 单位), and every other cell a unit —
/// one of the catalogue's, or any text in brackets (`（%）`, `(公顷)`).
fn is_units_row(row: &Row, county_col: usize, names: &Names) -> bool {
    let area = row.cell(county_col).trim();
    if !(area.is_empty() || area.trim_matches(['(', ')', '（', '）']) == "单位") {
        return false;
    }
    let mut any = false;
    for (i, cell) in row.cells.iter().enumerate() {
        let c = cell.trim();
        if i == county_col || c.is_empty() {
            continue;
        }
        any = true;
        let bracketed = (c.starts_with('(') || c.starts_with('（')) && (c.ends_with(')') || c.ends_with('）'));
        if !bracketed && !names.catalog.indicators.iter().any(|ind| ind.unit == c) {
            return false;
        }
    }
    any
}

/// What a form's footer rows start with: who filled it in, who checked it, how to reach them.
const FOOTER: [&str; 10] =
    ["填表人", "填报人", "制表人", "审核人", "审核", "负责人", "单位负责人", "联系人", "联系电话", "填表日期"];

/// A footer row of a form: its first cell that is not empty starts with one of [`FOOTER`], and its
/// area cell names no area.
fn is_footer_row(row: &Row, county_col: usize, names: &Names) -> bool {
    let first = row.cells.iter().map(str::trim).find(|c| !c.is_empty()).unwrap_or_default();
    FOOTER.iter().any(|f| first.starts_with(f)) && names.county(row.cell(county_col)).is_none()
}

/// Counts the rows of a file whose header cannot be read: all are rejected, and the header's problems
/// say why.
fn reject_all(mut rows: Ahead, mut acc: Accounting, intake: &mut Intake) -> anyhow::Result<()> {
    while rows.next()?.is_some() {
        acc.rows_read += 1;
    }
    acc.rows_rejected = acc.rows_read;
    intake.data.accounting.push(acc);
    Ok(())
}

/// Maps the header to fields (long) or indicators (wide). `None` when the shape cannot be told.
fn layout<'c>(header: &Row, names: &Names<'c>, grid: &Grid, problems: &mut Vec<Problem>) -> Option<Layout<'c>> {
    let file = grid.name.as_str();
    // Spreadsheets and trailing delimiters leave empty cells after the last header.
    let width = (0..header.cells.len()).rev().find(|&i| !header.cell(i).trim().is_empty()).map_or(0, |i| i + 1);
    let mut fields = Vec::new();
    let mut indicators: Vec<(usize, u32, &Indicator)> = Vec::new();
    let mut unknown = Vec::new();
    let mut unnamed = Vec::new();
    let mut parts: Vec<(usize, u32, &Indicator, bool)> = Vec::new();
    let mut matched = Vec::new();
    // Two columns for one thing: reading either would be a guess, so no row is read.
    let mut duplicated = false;
    for (i, h) in header.cells.iter().take(width).enumerate() {
        let at = |p: Problem| p.at(header.line, Some(i + 1), h).found(h);
        if h.trim().is_empty() {
            unnamed.push(i);
        } else if h.contains('\u{FFFD}') {
            problems.push(at(encoding_problem(file, &grid.encoding)));
        } else if let Some(f) = Field::from_header(h) {
            if let Some(&(first, _)) = fields.iter().find(|(_, g)| *g == f) {
                let expected = Expected::OneColumn { field: f.name(), first: first + 1 };
                problems.push(at(Problem::error(Code::DuplicateColumn, file, expected)));
                duplicated = true;
            }
            fields.push((i, f));
        } else if let Some(&Lookup::One(no, ind)) = names.indicator(h) {
            if names.indicator_exact(h).is_none() {
                matched.push(HeaderMatch { header: h.trim().to_string(), indicator: ind.id.clone() });
            }
            if let Some(&(first, _, _)) = indicators.iter().find(|(_, other, _)| *other == no) {
                let expected = Expected::OneColumnFor { id: ind.id.clone(), first: first + 1 };
                problems.push(at(Problem::error(Code::DuplicateColumn, file, expected)));
                duplicated = true;
            }
            indicators.push((i, no, ind));
        } else if let Some((no, ind, numerator)) = part_header(names, h) {
            parts.push((i, no, ind, numerator));
        } else {
            unknown.push((i, h));
        }
    }
    let has = |f| fields.iter().any(|(_, g)| *g == f);
    if has(Field::Indicator) || has(Field::Value) {
        // A part's header in a long file is a column it does not read.
        unknown.extend(parts.iter().map(|&(i, ..)| (i, header.cell(i))));
        unknown.sort_by_key(|&(i, _)| i);
        let layout = long_layout(header, file, problems, (fields, indicators, unknown), width);
        return layout.filter(|_| !duplicated).map(|l| Layout { unnamed, matched, ..l });
    }
    let first_named = (0..width).find(|&i| !header.cell(i).trim().is_empty()).unwrap_or(0);
    let county_first = fields.first().is_some_and(|&(i, f)| i == first_named && f == Field::County);
    if !county_first {
        let first = header.cell(first_named);
        problems.push(
            Problem::error(Code::MissingColumn, file, Expected::CountyColumnFirst)
                .at(header.line, Some(first_named + 1), "county")
                .found(first),
        );
        return None;
    }
    for (i, h) in &unknown {
        problems.push(unknown_indicator_header(names, file, header.line, *i, h));
    }
    if indicators.is_empty() {
        let p = Problem::error(Code::MissingColumn, file, Expected::IndicatorColumn);
        problems.push(p.at(header.line, None, "indicator"));
        return None;
    }
    let bad_field = fields.iter().find(|(_, f)| matches!(f, Field::Numerator | Field::Denominator));
    if let Some(&(i, f)) = bad_field {
        let expected = Expected::RatioOnlyInLong;
        problems.push(
            Problem::error(Code::UnknownColumn, file, expected)
                .at(header.line, Some(i + 1), f.name())
                .found(header.cell(i)),
        );
        return None;
    }
    let mut layout = Layout { unnamed, matched, ..Layout::new(&fields, indicators, width) };
    let mut bad_part = false;
    for (i, no, ind, numerator) in parts {
        let at = |p: Problem| p.at(header.line, Some(i + 1), header.cell(i)).found(header.cell(i));
        if ind.aggregate != Aggregate::Ratio {
            problems.push(at(Problem::error(Code::InconsistentRatio, file, Expected::NotRatio { id: ind.id.clone() })));
            bad_part = true;
            continue;
        }
        if !layout.indicators.iter().any(|&(_, other, _)| other == no) {
            let expected = Expected::LongColumn { field: "value" };
            let p = Problem::error(Code::MissingColumn, file, expected);
            problems.push(at(p));
            bad_part = true;
            continue;
        }
        let slot = match layout.parts.iter().position(|p| p.0 == no) {
            Some(k) => k,
            None => {
                layout.parts.push((no, None, None));
                layout.parts.len() - 1
            }
        };
        let cell = if numerator { &mut layout.parts[slot].1 } else { &mut layout.parts[slot].2 };
        if let Some(first) = *cell {
            let expected = Expected::OneColumnFor { id: ind.id.clone(), first: first + 1 };
            problems.push(at(Problem::error(Code::DuplicateColumn, file, expected)));
            bad_part = true;
        }
        *cell = Some(i);
    }
    (!duplicated && !bad_part).then_some(layout)
}

/// A wide file's header that names no indicator: shared by several, or unknown.
fn unknown_indicator_header(names: &Names, file: &str, line: usize, i: usize, h: &str) -> Problem {
    if let Some(Lookup::Shared(inds)) = names.indicator(h) {
        let ids = inds.iter().map(|i| i.id.clone()).collect();
        let expected = Expected::OneIndicator { ids };
        return Problem::error(Code::UnknownIndicator, file, expected).at(line, Some(i + 1), h).found(h);
    }
    Problem::error(Code::UnknownIndicator, file, Expected::IndicatorHeader)
        .at(line, Some(i + 1), h)
        .found(h)
        .suggest(names.indicator_hint(h))
}

fn long_layout<'c>(
    header: &Row,
    file: &str,
    problems: &mut Vec<Problem>,
    (fields, indicators, unknown): Header<'c, '_>,
    width: usize,
) -> Option<Layout<'c>> {
    let has = |f| fields.iter().any(|(_, g)| *g == f);
    for f in [Field::County, Field::Indicator, Field::Value] {
        if !has(f) {
            let expected = Expected::LongColumn { field: f.name() };
            problems.push(Problem::error(Code::MissingColumn, file, expected).at(header.line, None, f.name()));
        }
    }
    let known_headers = HEADERS.iter().flat_map(|(_, hs)| hs.iter().copied());
    for (i, h) in unknown {
        let expected = Expected::KnownColumn;
        let hint = closest(h, known_headers.clone());
        problems.push(
            Problem::warning(Code::UnknownColumn, file, expected.clone())
                .at(header.line, Some(i + 1), h)
                .found(h)
                .suggest(hint),
        );
    }
    if let Some(&(i, _, ind)) = indicators.first() {
        let expected = Expected::LongOrWide;
        problems.push(
            Problem::error(Code::UnknownColumn, file, expected)
                .at(header.line, Some(i + 1), &ind.id)
                .found(header.cell(i)),
        );
    }
    let ok = has(Field::County) && has(Field::Indicator) && has(Field::Value) && indicators.is_empty();
    ok.then_some(Layout::new(&fields, Vec::new(), width))
}

fn encoding_problem(file: &str, encoding: &str) -> Problem {
    let expected = Expected::Text { encoding: encoding.to_string() };
    Problem::error(Code::Encoding, file, expected)
}

struct RowCtx<'a, 'c> {
    file: &'a str,
    /// The file's position in the dataset's accounting.
    file_index: u32,
    row: &'a Row,
    /// The header row, whose cells name the fields of problems.
    header: &'a Row,
    names: &'a Names<'c>,
    problems: &'a mut Vec<Problem>,
    /// Errors recorded for this row; any makes it rejected.
    errors: usize,
    /// Indicator names matched once folded, each once (the file's accounting lists them).
    matched: &'a mut Vec<HeaderMatch>,
}

impl<'c> RowCtx<'_, 'c> {
    fn cell(&self, col: usize) -> &str {
        self.row.cell(col)
    }

    /// The file and line measurements of this row name. `Rows` refuses a file whose lines outgrow
    /// a `u32`, so the bound is only a guard.
    fn place(&self) -> (u32, u32) {
        (self.file_index, u32::try_from(self.row.line).unwrap_or(u32::MAX))
    }

    /// An error at a cell, with the column's header as the file writes it (数值, 县市区, 森林覆盖率（%）) beside
    /// its stable field name, for the words people read.
    fn push(&mut self, code: Code, col: usize, field: &str, expected: Expected) -> &mut Problem {
        let raw = self.cell(col).to_string();
        let header = self.header.cell(col).trim().trim_start_matches('\u{FEFF}');
        let shown = (!header.is_empty() && header != field && !matches!(field, "row" | "cell")).then_some(header);
        self.errors += 1;
        let p = Problem::error(code, self.file, expected).at(self.row.line, Some(col + 1), field).found(&raw);
        self.problems.push(p.header(shown));
        self.problems.last_mut().expect("just pushed")
    }

    /// Whether the row can be read cell by cell: its cells within the cell-bytes limit, its text
    /// decoded, and its cells line up with the header.
    fn is_readable(&mut self, layout: &Layout, grid: &Grid) -> bool {
        let cells = &self.row.cells;
        if let Some(col) = cells.iter().position(|c| c.len() > grid.cell_bytes) {
            self.push(Code::TooLarge, col, "cell", Expected::CellAtMost { value: grid.cell_bytes as u64 });
            return false;
        }
        // U+FFFD is EF BF BD: a row without the byte EF (most) is not searched for it.
        let text = cells.as_slice();
        if memchr::memchr(0xEF, text.as_bytes()).is_some() && text.contains('\u{FFFD}') {
            let col = cells.iter().position(|c| c.contains('\u{FFFD}')).unwrap_or(0);
            self.errors += 1;
            let p = encoding_problem(self.file, &grid.encoding).at(self.row.line, Some(col + 1), "cell");
            self.problems.push(p.found(self.cell(col)));
            return false;
        }
        let (n, width) = (cells.len(), layout.width);
        // A sheet's row ends at its last cell: the empty cells after it are not missing.
        if n < width && !grid.is_sheet() {
            self.errors += 1;
            let p = Problem::error(Code::RaggedRow, self.file, Expected::Cells { width, beyond: false });
            self.problems.push(p.at(self.row.line, None, "row").found(&format!("{n} cells")));
            return false;
        }
        if let Some(extra) = (width..n).find(|&i| !self.cell(i).trim().is_empty()) {
            let expected = Expected::Cells { width, beyond: true };
            self.push(Code::RaggedRow, extra, "row", expected);
            return false;
        }
        if let Some(&col) = layout.unnamed.iter().find(|&&i| !self.cell(i).trim().is_empty()) {
            self.push(Code::RaggedRow, col, "row", Expected::EmptyCellNoHeader);
            return false;
        }
        true
    }

    fn county(&mut self, col: usize) -> Option<(u32, &'c County)> {
        let raw = self.cell(col);
        if let Some(c) = self.names.county(raw) {
            return Some(c);
        }
        let hint = self.names.county_hint(raw);
        self.push(Code::UnknownCounty, col, "county", Expected::ReportingArea).suggestion = hint;
        None
    }

    fn indicator(&mut self, col: usize) -> Option<(u32, &'c Indicator)> {
        let raw = self.cell(col);
        // Looked up as written first; only a miss is folded (what `Names::indicator` does), and a hit
        // is not looked up a second time to see whether it was exact.
        let exact = self.names.indicator_exact(raw);
        match exact.or_else(|| self.names.indicator(raw)) {
            Some(&Lookup::One(no, ind)) => {
                if exact.is_none() && self.matched.len() < 100 && !self.matched.iter().any(|m| m.header == raw.trim()) {
                    self.matched.push(HeaderMatch { header: raw.trim().to_string(), indicator: ind.id.clone() });
                }
                return Some((no, ind));
            }
            Some(Lookup::Shared(inds)) => {
                let expected = Expected::OneIndicator { ids: inds.iter().map(|i| i.id.clone()).collect() };
                self.push(Code::UnknownIndicator, col, "indicator", expected);
            }
            None => {
                let hint = self.names.indicator_hint(raw);
                let expected = Expected::IndicatorIdOrName;
                self.push(Code::UnknownIndicator, col, "indicator", expected).suggestion = hint;
            }
        }
        None
    }

    /// The row's year, within the plan's period: a row dated before the base year or after the target
    /// year would be evaluated as a year the plan has no stage for (a stray 2032 made a 2023 file a
    /// "final" evaluation that passed), so it is an error and the row is not used.
    fn year(&mut self, layout: &Layout, default: Option<i32>) -> Option<i32> {
        let year = self.any_year(layout, default)?;
        let plan = &self.names.catalog.plan;
        if (plan.base_year..=plan.target_year).contains(&year) {
            return Some(year);
        }
        let expected = Expected::YearInPlan { base: plan.base_year, target: plan.target_year };
        match layout.col(Field::Year).filter(|&c| !self.cell(c).trim().is_empty()) {
            Some(col) => {
                self.push(Code::YearOutsidePlan, col, "year", expected);
            }
            None => {
                // Dated by the file's name or --year: the row is rejected, the place is the row.
                self.errors += 1;
                let p = Problem::error(Code::YearOutsidePlan, self.file, expected).at(self.row.line, None, "year");
                self.problems.push(p.found(&year.to_string()));
            }
        }
        None
    }

    fn any_year(&mut self, layout: &Layout, default: Option<i32>) -> Option<i32> {
        let Some(col) = layout.col(Field::Year) else { return default };
        // Nearly every year cell is four digits, read as they are.
        if let Some(year) = plain_year(self.cell(col)) {
            return Some(year);
        }
        read_year(self.cell(col), default).unwrap_or_else(|(code, expected)| {
            self.push(code, col, "year", expected);
            None
        })
    }

    fn note(&self, layout: &Layout) -> Option<Box<str>> {
        // Escaped like every other text of the input: a note reaches the terminal, CI logs and reports.
        let note = layout.col(Field::Note).map(|c| self.cell(c).trim()).filter(|s| !s.is_empty())?;
        Some(Box::from(crate::problem::escape(note).as_ref()))
    }

    /// A number in `col`, checked against what the indicator allows. `Err(())` when a problem was
    /// recorded.
    fn number(&mut self, col: usize, field: &str, ind: &Indicator) -> Result<Option<f64>, ()> {
        let percent = ind.unit == "%";
        let v = match parse_cell(self.cell(col), percent) {
            Ok(Cell::NoData) => return Ok(None),
            Ok(Cell::Value(v)) => v,
            Err(e) => {
                let expected = match unit_suffix(self.cell(col), percent) {
                    Some(unit) if e.reason == NotNumber::NotANumber => Expected::NumberWithoutUnit { unit },
                    _ => Expected::Number { percent, why: e.reason },
                };
                self.push(Code::NotANumber, col, field, expected);
                return Err(());
            }
        };
        match allowed_range(ind) {
            Some(range) if !range.contains(v) => {
                self.push(Code::OutOfRange, col, field, Expected::InRange(range));
                Err(())
            }
            _ => Ok(Some(v)),
        }
    }

    /// A numerator or denominator: a count, so a non-negative number.
    fn count(&mut self, col: usize, field: &str) -> Result<Option<f64>, ()> {
        match parse_cell(self.cell(col), false) {
            Ok(Cell::NoData) => Ok(None),
            Ok(Cell::Value(v)) if v >= 0.0 => Ok(Some(v)),
            Ok(Cell::Value(_)) => {
                self.push(Code::OutOfRange, col, field, Expected::CountNotNegative);
                Err(())
            }
            Err(e) => {
                self.push(Code::NotANumber, col, field, Expected::Count { why: e.reason });
                Err(())
            }
        }
    }

    fn long(&mut self, layout: &Layout, default_year: Option<i32>) -> Option<Reading> {
        let col = |f| layout.col(f).expect("long layout has the column");
        let county = self.county(col(Field::County));
        let indicator = self.indicator(col(Field::Indicator));
        let year = self.year(layout, default_year);
        let (ind_no, ind) = indicator?;
        let value = self.number(col(Field::Value), "value", ind);
        let numerator = layout.col(Field::Numerator).map(|c| self.count(c, "numerator"));
        let denominator = layout.col(Field::Denominator).map(|c| self.count(c, "denominator"));
        let value = value.ok()?;
        let numerator = numerator.transpose().ok()?.flatten();
        let denominator = denominator.transpose().ok()?.flatten();
        let cols = (col(Field::Value), layout.col(Field::Numerator), layout.col(Field::Denominator));
        let value = self.reconcile_ratio(cols, ind, value, numerator, denominator)?;
        let ((county_no, county), year) = (county?, year?);
        if value.is_some() {
            self.check_applicable(county, ind, col(Field::County));
        }
        let measurement = Measurement::new(county_no, ind_no, year, self.place(), value);
        let details = Details { numerator, denominator, note: self.note(layout) };
        Some(Reading { measurement, details, column: column_number(col(Field::Value)) })
    }

    /// With a numerator and denominator, the value is their ratio; a value given as well must agree.
    /// `cols`: the columns of the value, the numerator and the denominator.
    fn reconcile_ratio(
        &mut self,
        cols: (usize, Option<usize>, Option<usize>),
        ind: &Indicator,
        value: Option<f64>,
        n: Option<f64>,
        d: Option<f64>,
    ) -> Option<Option<f64>> {
        let (value_col, num_col, den_col) = (cols.0, cols.1.unwrap_or(0), cols.2.unwrap_or(0));
        if (n.is_some() || d.is_some()) && ind.aggregate != Aggregate::Ratio {
            let (col, field) = if n.is_some() { (num_col, "numerator") } else { (den_col, "denominator") };
            let expected = Expected::NotRatio { id: ind.id.clone() };
            self.push(Code::InconsistentRatio, col, field, expected);
            return None;
        }
        let (Some(n), Some(d)) = (n, d) else {
            if n.is_some() != d.is_some() {
                let (col, field) = if n.is_none() { (num_col, "numerator") } else { (den_col, "denominator") };
                self.push(Code::InconsistentRatio, col, field, Expected::BothOrNeither);
                return None;
            }
            return Some(value);
        };
        if n > d {
            let expected = Expected::DenominatorAtLeast { numerator: n };
            self.push(Code::NumeratorAboveDenominator, den_col, "denominator", expected);
            return None;
        }
        // 0/0 is an area with nothing to count (no villages): no value of its own, and nothing added
        // to the city's sums (docs/data-files.md). A value beside it has nothing to agree with.
        if d == 0.0 && n == 0.0 && value.is_none() {
            return Some(None);
        }
        if d == 0.0 {
            self.push(Code::OutOfRange, den_col, "denominator", Expected::DenominatorAboveZero);
            return None;
        }
        let ratio = n / d * 100.0;
        match value {
            Some(v) if (v - ratio).abs() > 0.05 => {
                let expected = Expected::Ratio { value: (ratio * 100.0).round() / 100.0 };
                self.push(Code::InconsistentRatio, value_col, "value", expected);
                None
            }
            Some(v) => Some(Some(v)),
            None => Some(Some(ratio)),
        }
    }

    fn check_applicable(&mut self, area: &County, ind: &Indicator, col: usize) {
        // A city-level row other than the indicator's own is never judged nor aggregated: say so.
        if area.kind == crate::catalog::AreaKind::City && area.name != ind.city_row {
            let expected = Expected::UnusedCityRow { id: ind.id.clone(), city_row: ind.city_row.clone() };
            self.problems.push(
                Problem::warning(Code::NotApplicable, self.file, expected)
                    .at(self.row.line, Some(col + 1), &ind.id)
                    .found(&area.name),
            );
            return;
        }
        if !ind.applies_to_area(area) {
            let expected = if ind.is_city_level() {
                Expected::CityTaskOnly { id: ind.id.clone(), city_row: ind.city_row.clone() }
            } else {
                Expected::TaggedOnly { id: ind.id.clone(), tags: ind.applies_to.clone() }
            };
            self.problems.push(
                Problem::warning(Code::NotApplicable, self.file, expected)
                    .at(self.row.line, Some(col + 1), &ind.id)
                    .found(&area.name),
            );
        }
    }

    fn wide(&mut self, layout: &Layout<'c>, default_year: Option<i32>, out: &mut Vec<Reading>) {
        let county = self.county(layout.col(Field::County).unwrap_or(0));
        let year = self.year(layout, default_year);
        let note = self.note(layout);
        for &(col, ind_no, ind) in &layout.indicators {
            let value = self.number(col, &ind.id, ind);
            let (num_col, den_col) = layout.parts_of(ind_no);
            let numerator = num_col.map(|c| self.count(c, "numerator"));
            let denominator = den_col.map(|c| self.count(c, "denominator"));
            let Ok(value) = value else { continue };
            let (Ok(numerator), Ok(denominator)) = (numerator.transpose(), denominator.transpose()) else { continue };
            let (numerator, denominator) = (numerator.flatten(), denominator.flatten());
            let Some(value) = self.reconcile_ratio((col, num_col, den_col), ind, value, numerator, denominator) else {
                continue;
            };
            let (Some((county_no, county)), Some(year)) = (county, year) else { continue };
            if value.is_some() {
                self.check_applicable(county, ind, col);
            }
            let measurement = Measurement::new(county_no, ind_no, year, self.place(), value);
            let details = Details { numerator, denominator, note: note.clone() };
            out.push(Reading { measurement, details, column: column_number(col) });
        }
    }
}

/// The unit written after a number (`19.8μg/m3`, `300 天`), when the cell is a number and a unit: the
/// unit. A `%` on a percentage is not a unit; a cell whose number part is not a number gives none.
fn unit_suffix(cell: &str, percent: bool) -> Option<String> {
    let folded = fold_full_width(cell);
    let text = folded.trim();
    let cut = text.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | ',')))?;
    let (number, unit) = (text[..cut].trim(), text[cut..].trim());
    let starts_unit = unit.chars().next().is_some_and(|c| c.is_alphabetic() || matches!(c, '%' | '‰' | '℃' | '°'));
    if number.is_empty() || !starts_unit || (percent && unit == "%") {
        return None;
    }
    matches!(parse_cell(number, false), Ok(Cell::Value(_))).then(|| unit.to_string())
}

/// `2023`: four ASCII digits in the years a row may give (1900–2100).
fn plain_year(cell: &str) -> Option<i32> {
    let year = (cell.len() == 4 && cell.bytes().all(|b| b.is_ascii_digit())).then(|| cell.parse::<i32>().ok())??;
    (1900..=2100).contains(&year).then_some(year)
}

/// A 0-based cell index as the 1-based column problems name; a row is never 4 billion cells wide
/// (the reader holds it in memory), so saturating is only a guard.
fn column_number(col: usize) -> u32 {
    u32::try_from(col + 1).unwrap_or(u32::MAX)
}

fn allowed_range(ind: &Indicator) -> Option<Range> {
    if ind.target == Target::Done {
        return Some(Range::DoneOrNot);
    }
    if ind.unit == "%" {
        return Some(if ind.cumulative {
            Range::Between(-100.0, 100.0, Quantity::PercentChange)
        } else {
            Range::Between(0.0, 100.0, Quantity::Percentage)
        });
    }
    if COUNT_UNITS.contains(&ind.unit.as_str()) {
        return Some(Range::WholeCount);
    }
    if ind.cumulative {
        // An amount achieved since the base year (acres planted, capacity added) only grows.
        return Some(Range::NotNegative(Quantity::Amount));
    }
    if ind.aggregate == Aggregate::Sum {
        return Some(Range::NotNegative(Quantity::Count));
    }
    // Concentrations, indices, rates and intensities are never below zero.
    Some(Range::NotNegative(Quantity::Other))
}

/// A year cell of a measurement file or a project status file: `2023`, `２０２３`, `2023年` and
/// `2023年度` are 2023; an empty cell is `default`. What is wrong with it otherwise, as a problem's
/// code and expectation.
pub(super) fn read_year(text: &str, default: Option<i32>) -> Result<Option<i32>, (Code, Expected)> {
    let folded = fold_full_width(text);
    let raw = folded.trim();
    let raw = raw.strip_suffix("年度").unwrap_or(raw).trim_end_matches('年');
    if raw.is_empty() {
        return match default {
            Some(_) => Ok(default),
            None => Err((Code::MissingYear, Expected::YearSuchAs)),
        };
    }
    match raw.parse::<i32>() {
        Ok(y) if (1900..=2100).contains(&y) => Ok(Some(y)),
        Ok(_) => Err((Code::OutOfRange, Expected::YearBetween)),
        Err(_) => Err((Code::NotANumber, Expected::YearSuchAs)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn catalog() -> Catalog {
        Catalog::embedded().expect("the shipped catalogue is valid")
    }

    #[test]
    fn chinese_and_english_headers_name_the_same_fields() {
        for (header, field) in [
            ("县市区", Field::County),
            (" 地区 ", Field::County),
            ("\u{FEFF}county", Field::County),
            ("指标", Field::Indicator),
            ("Value", Field::Value),
            ("数值", Field::Value),
            ("值", Field::Value),
            ("年份", Field::Year),
            ("分子", Field::Numerator),
            ("分母", Field::Denominator),
            ("备注", Field::Note),
        ] {
            assert_eq!(Field::from_header(header), Some(field), "{header:?}");
        }
        assert_eq!(Field::from_header("森林覆盖率（%）"), None);
        assert_eq!(Field::Denominator.name(), "denominator");
    }

    #[test]
    fn a_number_with_a_unit_names_the_unit() {
        assert_eq!(unit_suffix("19.8μg/m3", false), Some("μg/m3".into()));
        assert_eq!(unit_suffix("300 天", false), Some("天".into()));
        assert_eq!(unit_suffix("１２个", false), Some("个".into()));
        assert_eq!(unit_suffix("22.4%", false), Some("%".into()));
        assert_eq!(unit_suffix("22.4%", true), None, "a percentage's % is read, not a unit");
        assert_eq!(unit_suffix("约9", false), None);
        assert_eq!(unit_suffix("abc", false), None);
        assert_eq!(unit_suffix("≥80", false), None);
    }

    #[test]
    fn each_kind_of_indicator_has_its_range() {
        let catalog = catalog();
        let range = |id: &str| {
            let ind = catalog.indicator(id).expect("a catalogue id");
            allowed_range(ind).map(|r| (r.contains(-0.5), r.contains(0.0), r.contains(100.0), r.contains(100.5)))
        };
        // A share: 0–100, both ends included.
        assert_eq!(range("forest_coverage"), Some((false, true, true, false)));
        // A reduction rate since 2020 may be negative (emissions rose).
        assert_eq!(range("nox_reduction"), Some((true, true, true, false)));
        // Counts are whole and never negative, with no upper bound; concentrations need not be whole.
        assert_eq!(range("beautiful_bays"), Some((false, true, true, false)));
        assert_eq!(range("blue_sky_days"), Some((false, true, true, false)));
        let bays = allowed_range(catalog.indicator("beautiful_bays").unwrap()).unwrap();
        assert!(bays.contains(1e9) && !bays.contains(2.5));
        assert_eq!(range("pm25_central"), Some((false, true, true, true)));
    }
}
