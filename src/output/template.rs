//! Writes a data template (`plan-check template`) as CSV or as an Excel workbook. The layout is the one
//! `load` reads: a header row, then data rows; CSV carries the column notes on `#` lines above the
//! header, a workbook as cell notes on the header and a second sheet listing the indicators.

use std::io::Write;

use anyhow::Context as _;
use rust_xlsxwriter::{Color, Format, Note, Workbook, Worksheet, XlsxError};

use crate::catalog::{Aggregate, AreaKind, Catalog, County, Indicator};
use crate::labels::{self, Lang, TemplateNote, Word, word};
use crate::output::format::csv::neutralise;
use crate::output::format::xlsx::fit;
use crate::output::indicators::Entry;
use crate::target::Target;

/// What one cell of the template holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    Text(String),
    Number(f64),
    /// A value for the area to fill in; empty until then ("no data").
    Fill,
    /// A ratio's numerator or denominator, to fill in beside its value; not counted as a value.
    Part,
    /// The area does not report this indicator (wide shape): `-`, which reads as "no data".
    NotReported,
}

/// A template: the header, the rows, and what explains them.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Slot>>,
    /// Notes on header columns (wide shape: the unit and target of each indicator column).
    pub column_notes: Vec<(usize, String)>,
    /// id, note and source of every indicator in the template.
    pub legend: Vec<[String; 3]>,
}

impl Grid {
    pub fn new(header: Vec<String>) -> Grid {
        Grid { header, ..Grid::default() }
    }

    /// How many values the template asks for.
    pub fn to_fill(&self) -> usize {
        self.rows.iter().flatten().filter(|s| **s == Slot::Fill).count()
    }
}

/// Whether the area reports the indicator: a city row reports the indicators it is the official row of;
/// a reporting area those that apply to it.
fn reports(area: &County, ind: &Indicator) -> bool {
    match area.kind {
        AreaKind::City => area.name == ind.city_row,
        AreaKind::Area => ind.applies_to_area(area),
    }
}

/// The unit and target of an indicator, as the note a person fills the value in by.
pub fn note(catalog: &Catalog, ind: &Indicator, lang: Lang) -> String {
    let entry = Entry::new(catalog, ind);
    let rule = match ind.target.resolve(&crate::target::Context {
        better: ind.better,
        baseline: ind.judged_baseline(),
        reference: &|id| catalog.reference_value(id),
        about_tolerance: ind.about_tolerance,
    }) {
        crate::target::Resolved::Rule(rule) => Some(rule),
        _ => None,
    };
    let target = match (rule, &entry.target.resolved) {
        (Some(rule), _) if rule.is_stated_by(&ind.target_text) => ind.target_text.clone(),
        (_, Some(r)) if *r != ind.target_text => crate::labels::with_rule(&ind.target_text, r),
        _ => ind.target_text.clone(),
    };
    let note = TemplateNote {
        name: &entry.name,
        unit: if ind.unit.is_empty() { "—" } else { &ind.unit },
        target: &target,
        due: ind.due.filter(|&d| d != catalog.plan.target_year),
        cumulative_since: ind.cumulative.then_some(catalog.plan.base_year),
        done_or_not: ind.target == Target::Done,
    };
    let text = labels::template_note(&note, lang);
    match ind.aggregate {
        Aggregate::Ratio => labels::with_ratio_parts(&text, &ind.city_row, lang),
        _ => text,
    }
}

fn header(lang: Lang, columns: &[Word]) -> Vec<String> {
    columns.iter().map(|&w| word(w, lang).to_string()).collect()
}

/// One row per (area, indicator) the area reports, the indicator by id, the note in the note column.
/// When a reporting area's ratio indicator is among them, 分子 and 分母 columns follow the value: the
/// city value of a ratio is Σ numerator / Σ denominator, so an area's percentage alone cannot make it.
pub fn long(catalog: &Catalog, areas: &[&County], year: i32, lang: Lang) -> Grid {
    let has_parts = |area: &County, ind: &Indicator| area.kind == AreaKind::Area && ind.aggregate == Aggregate::Ratio;
    let parts = areas.iter().any(|a| catalog.indicators.iter().any(|i| reports(a, i) && has_parts(a, i)));
    let mut head = header(lang, &[Word::TemplateCounty, Word::Indicator, Word::TemplateValue]);
    if parts {
        head.extend(labels::part_headers(lang).map(String::from));
    }
    head.extend(header(lang, &[Word::TemplateYear, Word::TemplateNote]));
    let mut grid = Grid::new(head);
    for area in areas {
        for ind in catalog.indicators.iter().filter(|i| reports(area, i)) {
            let mut row = vec![Slot::Text(area.name.clone()), Slot::Text(ind.id.clone()), Slot::Fill];
            if parts {
                let part = if has_parts(area, ind) { Slot::Part } else { Slot::Text(String::new()) };
                row.extend([part.clone(), part]);
            }
            row.extend([Slot::Number(f64::from(year)), Slot::Text(note(catalog, ind, lang))]);
            grid.rows.push(row);
        }
    }
    grid.legend = legend(catalog, areas, lang);
    grid
}

/// One row per area, one column per indicator (headed by its id, the note on the header); a cell the
/// area does not report holds `-`, which reads as "no data". A ratio indicator's column is followed by
/// its parts, `forest_coverage.分子` and `forest_coverage.分母`, when a reporting area is in the file.
pub fn wide(catalog: &Catalog, areas: &[&County], year: i32, lang: Lang) -> Grid {
    let columns: Vec<&Indicator> = catalog.indicators.iter().filter(|i| areas.iter().any(|a| reports(a, i))).collect();
    let any_area = areas.iter().any(|a| a.kind == AreaKind::Area);
    let with_parts = |ind: &Indicator| any_area && ind.aggregate == Aggregate::Ratio;
    let mut head = header(lang, &[Word::TemplateCounty, Word::TemplateYear]);
    let mut notes = Vec::new();
    for ind in &columns {
        notes.push((head.len(), note(catalog, ind, lang)));
        head.push(ind.id.clone());
        if with_parts(ind) {
            head.extend(labels::part_headers(lang).map(|p| format!("{}.{p}", ind.id)));
        }
    }
    head.extend(header(lang, &[Word::TemplateNote]));
    let mut grid = Grid::new(head);
    grid.column_notes = notes;
    for area in areas.iter().filter(|a| columns.iter().any(|i| reports(a, i))) {
        let mut row = vec![Slot::Text(area.name.clone()), Slot::Number(f64::from(year))];
        for ind in &columns {
            row.push(if reports(area, ind) { Slot::Fill } else { Slot::NotReported });
            if with_parts(ind) {
                let part =
                    if reports(area, ind) && area.kind == AreaKind::Area { Slot::Part } else { Slot::NotReported };
                row.extend([part.clone(), part]);
            }
        }
        row.push(Slot::Text(String::new()));
        grid.rows.push(row);
    }
    grid.legend = legend(catalog, areas, lang);
    grid
}

/// The indicators of the template, for the workbook's second sheet.
fn legend(catalog: &Catalog, areas: &[&County], lang: Lang) -> Vec<[String; 3]> {
    catalog
        .indicators
        .iter()
        .filter(|i| areas.iter().any(|a| reports(a, i)))
        .map(|i| [i.id.clone(), note(catalog, i, lang), i.source.clone()])
        .collect()
}

fn text(slot: &Slot) -> String {
    match slot {
        Slot::Text(s) => s.clone(),
        Slot::Number(n) => crate::target::num(*n),
        Slot::Fill | Slot::Part => String::new(),
        Slot::NotReported => "-".into(),
    }
}

/// CSV in UTF-8; with `bom` (files) a byte-order mark first, so Excel shows the Chinese text.
pub fn write_csv(grid: &Grid, out: &mut dyn Write, bom: bool) -> anyhow::Result<()> {
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    for (col, note) in &grid.column_notes {
        let id = grid.header.get(*col).map_or("", String::as_str);
        writeln!(out, "# {id}: {}", note.replace(['\n', '\r'], " "))?;
    }
    let mut w = csv::Writer::from_writer(out);
    // Catalogue text in the cells is guarded against formulas as eval's CSV is.
    w.write_record(grid.header.iter().map(|h| neutralise(h))).map_err(std::io::Error::from)?;
    for row in &grid.rows {
        let cells = row.iter().map(|slot| match slot {
            Slot::Text(_) => neutralise(&text(slot)),
            _ => text(slot),
        });
        w.write_record(cells).map_err(std::io::Error::from)?;
    }
    w.flush()?;
    Ok(())
}

/// An .xlsx workbook: the data sheet first (what `load` reads), then a sheet listing the indicators.
pub fn write_xlsx(grid: &Grid, out: &mut dyn Write, lang: Lang) -> anyhow::Result<()> {
    let mut book = Workbook::new();
    data_sheet(book.add_worksheet(), grid, lang).context("cannot lay out the template")?;
    legend_sheet(book.add_worksheet(), grid, lang).context("cannot lay out the template")?;
    out.write_all(&book.save_to_buffer().context("cannot build the template")?)?;
    Ok(())
}

fn data_sheet(sheet: &mut Worksheet, grid: &Grid, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(word(Word::TemplateDataSheet, lang))?;
    let bold = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    let fill = Format::new().set_background_color(Color::RGB(0xFFF2CC));
    let grey = Format::new().set_font_color(Color::Gray).set_background_color(Color::RGB(0xEEEEEE));
    for (c, h) in grid.header.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), h, &bold)?;
    }
    for (c, note) in &grid.column_notes {
        sheet.insert_note(0, col(*c), &Note::new(note).set_author("plan-check").set_width(360))?;
    }
    for (r, row) in grid.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, slot) in row.iter().enumerate() {
            match slot {
                Slot::Text(s) if s.is_empty() => continue,
                Slot::Text(s) => sheet.write_string(r, col(c), fit(s))?,
                Slot::Number(n) => sheet.write_number(r, col(c), *n)?,
                Slot::Fill | Slot::Part => sheet.write_blank(r, col(c), &fill)?,
                Slot::NotReported => sheet.write_string_with_format(r, col(c), "-", &grey)?,
            };
        }
    }
    let wide = !grid.column_notes.is_empty();
    sheet.set_freeze_panes(1, if wide { 2 } else { 0 })?;
    for c in 0..grid.header.len() {
        let width = match (wide, c) {
            (_, 0) => 16.0,
            (true, _) => 14.0,
            (false, 1) => 30.0,
            (false, c) if c + 1 == grid.header.len() => 80.0,
            (false, _) => 10.0,
        };
        sheet.set_column_width(col(c), width)?;
    }
    Ok(())
}

fn legend_sheet(sheet: &mut Worksheet, grid: &Grid, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(word(Word::TemplateLegendSheet, lang))?;
    let bold = Format::new().set_bold();
    let head = [Word::TemplateId, Word::TemplateAbout, Word::Source].map(|w| word(w, lang));
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *h, &bold)?;
    }
    for (r, line) in grid.legend.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in line.iter().enumerate() {
            sheet.write_string(r, col(c), fit(cell))?;
        }
    }
    sheet.set_column_width(0, 36.0)?;
    sheet.set_column_width(1, 100.0)?;
    sheet.set_column_width(2, 14.0)?;
    Ok(())
}

/// A column number as the workbook counts them; a template never has 65 536 columns.
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
