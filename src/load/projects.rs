//! Project status files: one row per project of the register and year, with its status (未开工 /
//! 前期工作 / 在建 / 已完工 / 已取消), its progress, the investment done and planned (万元) and a note. A
//! file is one by its header (a `project` or `status` column); it is read by the same reader as a
//! measurement file (encodings, workbooks, limits), and every problem has its file, line and column.

use rustc_hash::FxHashMap;

use super::names::Names;
use super::number::{Cell, parse_cell};
use super::read::{Grid, Row};
use super::{Accounting, Intake};
use crate::catalog::{Catalog, ProjectStatus};
use crate::problem::{Code, Expected, Problem, ProjectExpected, Quantity, Range, closest};

/// One row of a status file, accepted: a project of the register in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectReport {
    /// The register entry's id (a name in the file is resolved to it).
    pub project: String,
    pub year: i32,
    pub status: ProjectStatus,
    /// The share of the work done, 0–100.
    pub progress: Option<f64>,
    /// Investment done, in 万元.
    pub invested: Option<f64>,
    /// Investment planned, in 万元.
    pub planned_investment: Option<f64>,
    pub note: Option<String>,
    /// The file (its position in the dataset's accounting) and line it was read from.
    pub file: u32,
    pub line: usize,
    /// The 1-based columns of its project, progress and invested cells, for problems found later.
    columns: [usize; 3],
}

impl ProjectReport {
    /// The same report, whatever its place.
    fn same_as(&self, other: &ProjectReport) -> bool {
        (self.status, self.progress, self.invested, self.planned_investment, &self.note)
            == (other.status, other.progress, other.invested, other.planned_investment, &other.note)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Project,
    Year,
    Status,
    Progress,
    Invested,
    Planned,
    Note,
}

/// Every header each field accepts; the first is the English name used in messages and templates.
/// A unit in brackets after the header (`完成投资（万元）`, `进度(%)`) is allowed.
const HEADERS: [(Field, &[&str]); 7] = [
    (Field::Project, &["project", "项目", "工程", "项目名称", "工程名称", "项目编号", "工程项目"]),
    (Field::Year, &["year", "年份", "年度"]),
    (Field::Status, &["status", "状态", "建设状态", "进展状态", "项目状态"]),
    (Field::Progress, &["progress", "进度", "形象进度", "完成进度", "工程进度"]),
    (Field::Invested, &["invested", "完成投资", "已完成投资", "累计完成投资"]),
    (Field::Planned, &["planned_investment", "计划投资", "计划总投资", "总投资"]),
    (Field::Note, &["note", "备注", "说明"]),
];

/// The English name of each field, in the order of a status file's columns.
pub const PROJECT_COLUMNS: [&str; 7] =
    ["project", "year", "status", "progress", "invested", "planned_investment", "note"];

impl Field {
    fn from_header(h: &str) -> Option<Field> {
        let h = h.trim().trim_start_matches('\u{FEFF}').to_lowercase();
        let h = ["（万元）", "(万元)", "（%）", "(%)", "（％）"]
            .iter()
            .fold(h.as_str(), |h, unit| h.strip_suffix(unit).map_or(h, str::trim_end));
        HEADERS.iter().find(|(_, names)| names.contains(&h)).map(|(f, _)| *f)
    }

    fn name(self) -> &'static str {
        HEADERS.iter().find(|(f, _)| *f == self).map_or("", |(_, names)| names[0])
    }
}

/// The statuses as a file may write them, Chinese or English (compared lowercased, `_` and `-` as
/// spaces).
const STATUSES: [(ProjectStatus, &[&str]); 5] = [
    (ProjectStatus::NotStarted, &["未开工", "not started"]),
    (ProjectStatus::Preparing, &["前期工作", "前期", "preparing", "preparation"]),
    (ProjectStatus::UnderConstruction, &["在建", "建设中", "施工中", "under construction", "in progress"]),
    (ProjectStatus::Completed, &["已完工", "完工", "已完成", "completed", "complete", "done"]),
    (ProjectStatus::Cancelled, &["已取消", "取消", "cancelled", "canceled"]),
];

/// The status a cell names.
pub fn parse_status(raw: &str) -> Option<ProjectStatus> {
    let cell = raw.trim().to_lowercase().replace(['_', '-'], " ");
    STATUSES.iter().find(|(_, names)| names.contains(&cell.as_str())).map(|(s, _)| *s)
}

/// Whether a header row is a status file's: it has a `project` or a `status` column.
pub(super) fn is_status_header(header: &Row) -> bool {
    header.cells.iter().any(|h| matches!(Field::from_header(h), Some(Field::Project | Field::Status)))
}

/// Reads the rows of a status file into `intake`, with its accounting line. A row is accepted (its
/// report kept) or rejected (at least one error says why).
pub(super) fn read_rows(
    grid: &Grid,
    names: &Names,
    default_year: Option<i32>,
    file_index: u32,
    intake: &mut Intake,
) -> anyhow::Result<()> {
    let file = grid.name.as_str();
    let mut acc = Accounting { file: file.to_string(), encoding: grid.encoding.clone(), ..Default::default() };
    acc.shape = "projects".into();
    let mut rows = grid.rows()?;
    let Some(header) = rows.next_row()?.cloned() else {
        // The caller found a header; a file that changed since is unreadable, not empty.
        anyhow::bail!("{file}: its header is gone");
    };
    let problems = &mut intake.data.problems;
    let columns = header_columns(&header, file, problems);
    let yearless = !columns.map.contains_key(&Field::Year) && default_year.is_none();
    if yearless {
        problems.push(Problem::error(Code::MissingYear, file, Expected::YearSource).at(header.line, None, "year"));
    }
    while let Some(row) = rows.next_row()? {
        acc.rows_read += 1;
        let mut ctx = RowCtx { file, row, problems: &mut intake.data.problems, errors: 0 };
        let report = if columns.ok && ctx.is_readable(columns.width, grid) {
            ctx.report(&columns, names.catalog, default_year, file_index)
        } else {
            None
        };
        match report {
            Some(r) if ctx.errors == 0 && !yearless => {
                acc.rows_accepted += 1;
                intake.data.projects.push(r);
            }
            _ => acc.rows_rejected += 1,
        }
        intake.bound_problems();
    }
    if acc.rows_read == 0 {
        let expected = Expected::DataRowUnderHeader;
        intake.data.problems.push(Problem::error(Code::EmptyFile, file, expected).at(header.line, None, "file"));
    }
    intake.data.accounting.push(acc);
    Ok(())
}

/// A status file's header: the column of each field, its width, and whether rows can be read.
struct Columns {
    map: FxHashMap<Field, usize>,
    width: usize,
    ok: bool,
}

impl Columns {
    fn get(&self, f: Field) -> Option<usize> {
        self.map.get(&f).copied()
    }
}

fn header_columns(header: &Row, file: &str, problems: &mut Vec<Problem>) -> Columns {
    let width = (0..header.cells.len()).rev().find(|&i| !header.cell(i).trim().is_empty()).map_or(0, |i| i + 1);
    let mut map: FxHashMap<Field, usize> = FxHashMap::default();
    let mut ok = true;
    for (i, h) in header.cells.iter().take(width).enumerate() {
        let at = |p: Problem| p.at(header.line, Some(i + 1), h).found(h);
        if h.trim().is_empty() {
            continue;
        }
        match Field::from_header(h) {
            Some(f) => {
                if let Some(&first) = map.get(&f) {
                    let expected = Expected::OneColumn { field: f.name(), first: first + 1 };
                    problems.push(at(Problem::error(Code::DuplicateColumn, file, expected)));
                    ok = false;
                } else {
                    map.insert(f, i);
                }
            }
            None => {
                let known = HEADERS.iter().flat_map(|(_, hs)| hs.iter().copied());
                let expected = Expected::Project(ProjectExpected::KnownColumn);
                problems.push(at(Problem::warning(Code::UnknownColumn, file, expected)).suggest(closest(h, known)));
            }
        }
    }
    for f in [Field::Project, Field::Status] {
        if !map.contains_key(&f) {
            let expected = Expected::Project(ProjectExpected::Column { field: f.name() });
            problems.push(Problem::error(Code::MissingColumn, file, expected).at(header.line, None, f.name()));
            ok = false;
        }
    }
    Columns { map, width, ok }
}

struct RowCtx<'a> {
    file: &'a str,
    row: &'a Row,
    problems: &'a mut Vec<Problem>,
    errors: usize,
}

impl RowCtx<'_> {
    fn cell(&self, col: usize) -> &str {
        self.row.cell(col)
    }

    fn push(&mut self, code: Code, col: usize, field: &str, expected: Expected) -> &mut Problem {
        let raw = self.cell(col).to_string();
        self.errors += 1;
        self.problems
            .push(Problem::error(code, self.file, expected).at(self.row.line, Some(col + 1), field).found(&raw));
        self.problems.last_mut().expect("just pushed")
    }

    /// Cells within the limit, decoded, and no more of them than the header has.
    fn is_readable(&mut self, width: usize, grid: &Grid) -> bool {
        let cells = &self.row.cells;
        if let Some(col) = cells.iter().position(|c| c.len() > grid.cell_bytes) {
            self.push(Code::TooLarge, col, "cell", Expected::CellAtMost { value: grid.cell_bytes as u64 });
            return false;
        }
        if let Some(col) = cells.iter().position(|c| c.contains('\u{FFFD}')) {
            let expected = Expected::Text { encoding: grid.encoding.clone() };
            self.push(Code::Encoding, col, "cell", expected);
            return false;
        }
        let n = cells.len();
        if n < width && !grid.is_sheet() {
            self.errors += 1;
            let p = Problem::error(Code::RaggedRow, self.file, Expected::Cells { width, beyond: false });
            self.problems.push(p.at(self.row.line, None, "row").found(&format!("{n} cells")));
            return false;
        }
        if let Some(extra) = (width..n).find(|&i| !self.cell(i).trim().is_empty()) {
            self.push(Code::RaggedRow, extra, "row", Expected::Cells { width, beyond: true });
            return false;
        }
        true
    }

    fn report(&mut self, cols: &Columns, catalog: &Catalog, default: Option<i32>, file: u32) -> Option<ProjectReport> {
        let project_col = cols.get(Field::Project).expect("a status file has a project column");
        let status_col = cols.get(Field::Status).expect("a status file has a status column");
        let project = self.project(project_col, catalog);
        let year = self.year(cols.get(Field::Year), default);
        let status = self.status(status_col);
        let progress = cols.get(Field::Progress).map(|c| self.progress(c)).transpose().ok()?.flatten();
        let invested = cols.get(Field::Invested).map(|c| self.amount(c, "invested")).transpose().ok()?.flatten();
        let planned =
            cols.get(Field::Planned).map(|c| self.amount(c, "planned_investment")).transpose().ok()?.flatten();
        let note = cols.get(Field::Note).map(|c| self.cell(c).trim().to_string()).filter(|n| !n.is_empty());
        let (project, year, status) = (project?, year?, status?);
        let progress_col = cols.get(Field::Progress).unwrap_or(status_col);
        if status == ProjectStatus::Completed && progress.is_some_and(|p| p < 100.0) {
            let expected = Expected::Project(ProjectExpected::CompletedAt100);
            self.push(Code::CompletedUnfinished, progress_col, "progress", expected);
            return None;
        }
        let invested_col = cols.get(Field::Invested).unwrap_or(status_col);
        if let (Some(done), Some(planned)) = (invested, planned)
            && done > planned
        {
            let expected = Expected::Project(ProjectExpected::AtMostPlanned { planned });
            let raw = self.cell(invested_col).to_string();
            let p = Problem::warning(Code::InvestedAbovePlanned, self.file, expected);
            self.problems.push(p.at(self.row.line, Some(invested_col + 1), "invested").found(&raw));
        }
        Some(ProjectReport {
            project,
            year,
            status,
            progress,
            invested,
            planned_investment: planned,
            note,
            file,
            line: self.row.line,
            columns: [project_col + 1, progress_col + 1, invested_col + 1],
        })
    }

    fn project(&mut self, col: usize, catalog: &Catalog) -> Option<String> {
        let raw = self.cell(col);
        if let Some(p) = catalog.project(raw) {
            return Some(p.id.clone());
        }
        let known = catalog.projects.iter().flat_map(|p| [p.id.as_str(), p.name.as_str()]);
        let hint = closest(raw, known);
        let expected = Expected::Project(ProjectExpected::IdOrName);
        self.push(Code::UnknownProject, col, "project", expected).suggestion = hint;
        None
    }

    fn status(&mut self, col: usize) -> Option<ProjectStatus> {
        let status = parse_status(self.cell(col));
        if status.is_none() {
            self.push(Code::UnknownStatus, col, "status", Expected::Project(ProjectExpected::Status));
        }
        status
    }

    fn year(&mut self, col: Option<usize>, default: Option<i32>) -> Option<i32> {
        let Some(col) = col else { return default };
        super::rows::read_year(self.cell(col), default).unwrap_or_else(|(code, expected)| {
            self.push(code, col, "year", expected);
            None
        })
    }

    /// The share of the work done: 0–100, a `%` allowed.
    fn progress(&mut self, col: usize) -> Result<Option<f64>, ()> {
        match parse_cell(self.cell(col), true) {
            Ok(Cell::NoData) => Ok(None),
            Ok(Cell::Value(v)) if (0.0..=100.0).contains(&v) => Ok(Some(v)),
            Ok(Cell::Value(_)) => {
                let range = Range::Between(0.0, 100.0, Quantity::Percentage);
                self.push(Code::OutOfRange, col, "progress", Expected::InRange(range));
                Err(())
            }
            Err(e) => {
                self.push(Code::NotANumber, col, "progress", Expected::Number { percent: true, why: e.reason });
                Err(())
            }
        }
    }

    /// An amount in 万元: zero or more.
    fn amount(&mut self, col: usize, field: &str) -> Result<Option<f64>, ()> {
        let why = match parse_cell(self.cell(col), false) {
            Ok(Cell::NoData) => return Ok(None),
            Ok(Cell::Value(v)) if v >= 0.0 => return Ok(Some(v)),
            Ok(Cell::Value(_)) => {
                let expected = Expected::Project(ProjectExpected::Amount { why: None });
                self.push(Code::OutOfRange, col, field, expected);
                return Err(());
            }
            Err(e) => e.reason,
        };
        let expected = Expected::Project(ProjectExpected::Amount { why: Some(why) });
        self.push(Code::NotANumber, col, field, expected);
        Err(())
    }
}

/// Checks across rows and files, once every file is read: a project reported twice for a year (the
/// same report: a warning, the later copy dropped; different: an error at each, neither kept), and
/// progress that falls from one year to the next (an error at the later year, which is not kept).
pub(super) fn check_across(intake: &mut Intake) {
    let data = &mut intake.data;
    if data.projects.is_empty() {
        return;
    }
    let place = |accounting: &[Accounting], r: &ProjectReport| {
        let file = accounting.get(r.file as usize).map_or("-", |a| a.file.as_str()).to_string();
        (file, format!("{}:{}", accounting.get(r.file as usize).map_or("-", |a| a.file.as_str()), r.line))
    };
    let mut order: Vec<usize> = (0..data.projects.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&data.projects[a], &data.projects[b]);
        (&x.project, x.year, a).cmp(&(&y.project, y.year, b))
    });
    let mut gone = vec![false; data.projects.len()];
    let mut rejected: Vec<u32> = Vec::new();
    let mut problems = Vec::new();
    for run in order.chunk_by(|&a, &b| {
        let (x, y) = (&data.projects[a], &data.projects[b]);
        x.project == y.project && x.year == y.year
    }) {
        let [first, ..] = run[..] else { continue };
        let conflict = run.iter().any(|&i| !data.projects[i].same_as(&data.projects[first]));
        for (n, &i) in run.iter().enumerate() {
            if !conflict && n == 0 {
                continue;
            }
            let other = if n == 0 { run[1] } else { first };
            let (r, o) = (&data.projects[i], &data.projects[other]);
            let (file, _) = place(&data.accounting, r);
            let (_, at) = place(&data.accounting, o);
            let expected = Expected::Project(ProjectExpected::Once { same: !conflict, at });
            let p = if conflict {
                rejected.push(r.file);
                Problem::error(Code::ConflictingDuplicate, &file, expected)
            } else {
                Problem::warning(Code::DuplicateRow, &file, expected)
            };
            problems.push(p.at(r.line, Some(r.columns[0]), "project").found(&format!("{} {}", r.project, r.year)));
            gone[i] = true;
        }
    }
    // Progress, year after year, among the reports kept.
    let mut last: Option<usize> = None;
    let kept: Vec<usize> = order.iter().copied().filter(|&i| !gone[i]).collect();
    for i in kept {
        let r = &data.projects[i];
        if let Some(prev) = last.map(|p| &data.projects[p])
            && prev.project == r.project
            && let (Some(before), Some(now)) = (prev.progress, r.progress)
            && now < before
        {
            let (file, _) = place(&data.accounting, r);
            let (_, at) = place(&data.accounting, prev);
            let expected = Expected::Project(ProjectExpected::NotFalling { year: prev.year, progress: before, at });
            let raw = crate::target::num(now);
            let p = Problem::error(Code::ProgressFalling, &file, expected);
            problems.push(p.at(r.line, Some(r.columns[1]), "progress").found(&raw));
            rejected.push(r.file);
            gone[i] = true;
            continue;
        }
        last = Some(i);
    }
    for file in rejected {
        if let Some(acc) = data.accounting.get_mut(file as usize) {
            acc.rows_accepted = acc.rows_accepted.saturating_sub(1);
            acc.rows_rejected += 1;
        }
    }
    let mut flags = gone.iter();
    data.projects.retain(|_| !flags.next().copied().unwrap_or(false));
    data.problems.extend(problems);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_in_chinese_and_in_english() {
        assert_eq!(parse_status(" 在建 "), Some(ProjectStatus::UnderConstruction));
        assert_eq!(parse_status("Under_Construction"), Some(ProjectStatus::UnderConstruction));
        assert_eq!(parse_status("not-started"), Some(ProjectStatus::NotStarted));
        assert_eq!(parse_status("前期工作"), Some(ProjectStatus::Preparing));
        assert_eq!(parse_status("已完工"), Some(ProjectStatus::Completed));
        assert_eq!(parse_status("canceled"), Some(ProjectStatus::Cancelled));
        assert_eq!(parse_status("快完了"), None);
    }

    #[test]
    fn headers_may_carry_their_unit() {
        assert_eq!(Field::from_header("完成投资（万元）"), Some(Field::Invested));
        assert_eq!(Field::from_header("进度(%)"), Some(Field::Progress));
        assert_eq!(Field::from_header("Planned_Investment"), Some(Field::Planned));
        assert_eq!(Field::from_header("county"), None);
    }

    #[test]
    fn every_field_has_its_column_name_first() {
        let firsts: Vec<&str> = HEADERS.iter().map(|(_, names)| names[0]).collect();
        assert_eq!(firsts, PROJECT_COLUMNS);
    }
}
