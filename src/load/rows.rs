//! A grid's header decides its shape: long (`county,indicator,value[,year,numerator,denominator,note]`)
//! or wide (the area, then one column per indicator). Each cell is checked against the catalogue.

use super::number::{Cell, parse_cell};
use super::read::{Grid, Row};
use super::{Accounting, Dataset, Location, Measurement};
use crate::catalog::{Aggregate, Catalog, Indicator};
use crate::problem::{Code, Problem, closest};
use crate::target::{Target, num};

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

impl Field {
    fn from_header(h: &str) -> Option<Field> {
        let h = h.trim().trim_start_matches('\u{FEFF}').to_lowercase();
        Some(match h.as_str() {
            "county" | "area" | "县市区" | "县（市、区）" | "县(市、区)" | "地区" | "区域" | "地区名称" => {
                Field::County
            }
            "indicator" | "指标" | "指标名称" | "指标id" => Field::Indicator,
            "value" | "数值" | "值" | "本期值" => Field::Value,
            "year" | "年份" | "年度" => Field::Year,
            "numerator" | "分子" => Field::Numerator,
            "denominator" | "分母" => Field::Denominator,
            "note" | "备注" | "说明" => Field::Note,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Field::County => "county",
            Field::Indicator => "indicator",
            Field::Value => "value",
            Field::Year => "year",
            Field::Numerator => "numerator",
            Field::Denominator => "denominator",
            Field::Note => "note",
        }
    }
}

/// Units whose values are counts, which cannot be negative.
const COUNT_UNITS: [&str; 7] = ["个", "种", "天", "家", "台", "座", "次"];

struct Layout<'c> {
    fields: Vec<(usize, Field)>,
    /// Wide files: the columns that are indicators.
    indicators: Vec<(usize, &'c Indicator)>,
}

impl Layout<'_> {
    fn col(&self, f: Field) -> Option<usize> {
        self.fields.iter().find(|(_, g)| *g == f).map(|(i, _)| *i)
    }
}

/// Reads the rows of one grid into `data`, with its accounting line.
pub(super) fn read_rows(grid: Grid, catalog: &Catalog, default_year: Option<i32>, data: &mut Dataset) {
    let file = grid.name.clone();
    data.problems.extend(grid.problems);
    let mut acc = Accounting { file: file.clone(), encoding: grid.encoding.to_string(), ..Default::default() };
    let mut rows = grid.rows.into_iter();
    let Some(header) = rows.next() else {
        data.problems.push(Problem::error(Code::EmptyFile, &file, "a header row and at least one data row"));
        acc.shape = "empty".into();
        data.accounting.push(acc);
        return;
    };
    let Some(layout) = layout(&header, catalog, &file, &mut data.problems) else {
        acc.rows_read = rows.len();
        acc.rows_rejected = acc.rows_read;
        acc.shape = "unknown".into();
        data.accounting.push(acc);
        return;
    };
    acc.shape = if layout.indicators.is_empty() { "long" } else { "wide" }.into();
    if layout.col(Field::Year).is_none() && default_year.is_none() {
        data.problems.push(
            Problem::error(
                Code::MissingYear,
                &file,
                "a year: a year column, a year in the file name (2023.csv), or --year",
            )
            .at(header.line, None, "year"),
        );
    }
    let width = header.cells.len();
    for row in rows {
        acc.rows_read += 1;
        let before = data.problems.iter().filter(|p| p.is_error()).count();
        let mut found = Vec::new();
        if row.cells.len() != width {
            data.problems.push(
                Problem::error(Code::RaggedRow, &file, format!("{width} cells, as in the header"))
                    .at(row.line, None, "row")
                    .found(&format!("{} cells", row.cells.len())),
            );
        } else {
            let mut ctx = RowCtx { file: &file, row: &row, catalog, problems: &mut data.problems };
            found = if layout.indicators.is_empty() {
                ctx.long(&layout, default_year).into_iter().collect()
            } else {
                ctx.wide(&layout, default_year)
            };
        }
        if data.problems.iter().filter(|p| p.is_error()).count() == before {
            acc.rows_accepted += 1;
            data.measurements.extend(found);
        } else {
            acc.rows_rejected += 1;
        }
    }
    data.accounting.push(acc);
}

/// Maps the header to fields (long) or indicators (wide). `None` when the shape cannot be told.
fn layout<'c>(header: &Row, catalog: &'c Catalog, file: &str, problems: &mut Vec<Problem>) -> Option<Layout<'c>> {
    let mut fields = Vec::new();
    let mut indicators = Vec::new();
    let mut unknown = Vec::new();
    for (i, h) in header.cells.iter().enumerate() {
        let col = Some(i + 1);
        if let Some(f) = Field::from_header(h) {
            if fields.iter().any(|(_, g)| *g == f) {
                problems.push(
                    Problem::error(Code::DuplicateColumn, file, format!("one {} column", f.name()))
                        .at(header.line, col, h)
                        .found(h),
                );
            }
            fields.push((i, f));
        } else if let Some(ind) = catalog.indicator(h) {
            indicators.push((i, ind));
        } else {
            unknown.push((i, h));
        }
    }
    let has = |f| fields.iter().any(|(_, g)| *g == f);
    let long = has(Field::Indicator) || has(Field::Value);
    if long {
        for f in [Field::County, Field::Indicator, Field::Value] {
            if !has(f) {
                problems.push(
                    Problem::error(
                        Code::MissingColumn,
                        file,
                        format!("a {} column (long shape: county,indicator,value)", f.name()),
                    )
                    .at(header.line, None, f.name()),
                );
            }
        }
        for (i, h) in unknown {
            problems.push(
                Problem::warning(
                    Code::UnknownColumn,
                    file,
                    "county, indicator, value, year, numerator, denominator or note; this column is not read",
                )
                .at(header.line, Some(i + 1), h)
                .found(h),
            );
        }
        if !indicators.is_empty() {
            let (i, ind) = indicators[0];
            problems.push(
                Problem::error(
                    Code::UnknownColumn,
                    file,
                    "a long file (indicator and value columns) or a wide one (a column per indicator), not both",
                )
                .at(header.line, Some(i + 1), &ind.id)
                .found(&header.cells[i]),
            );
        }
        let ok = has(Field::County) && has(Field::Indicator) && has(Field::Value) && indicators.is_empty();
        return ok.then_some(Layout { fields, indicators: Vec::new() });
    }
    let county_first = fields.first().is_some_and(|&(i, f)| i == 0 && f == Field::County);
    if !county_first {
        let first = header.cells.first().map(String::as_str).unwrap_or_default();
        problems.push(
            Problem::error(
                Code::MissingColumn,
                file,
                "a county column first (县市区/地区/county), then indicator columns (wide) or indicator,value (long)",
            )
            .at(header.line, Some(1), "county")
            .found(first),
        );
        return None;
    }
    for (i, h) in &unknown {
        let known = catalog.indicators.iter().flat_map(|ind| [ind.id.as_str(), ind.name.as_str()]);
        problems.push(
            Problem::error(
                Code::UnknownIndicator,
                file,
                "an indicator id or exact name from the catalogue as a column header",
            )
            .at(header.line, Some(i + 1), h)
            .found(h)
            .suggest(closest(h, known)),
        );
    }
    if indicators.is_empty() {
        problems.push(Problem::error(Code::MissingColumn, file, "at least one indicator column").at(
            header.line,
            None,
            "indicator",
        ));
        return None;
    }
    let bad_field = fields.iter().find(|(_, f)| matches!(f, Field::Numerator | Field::Denominator));
    if let Some(&(i, f)) = bad_field {
        problems.push(
            Problem::error(
                Code::UnknownColumn,
                file,
                "numerator and denominator only in a long file, where each row is one indicator",
            )
            .at(header.line, Some(i + 1), f.name())
            .found(&header.cells[i]),
        );
        return None;
    }
    Some(Layout { fields, indicators })
}

struct RowCtx<'a, 'c> {
    file: &'a str,
    row: &'a Row,
    catalog: &'c Catalog,
    problems: &'a mut Vec<Problem>,
}

impl<'c> RowCtx<'_, 'c> {
    fn cell(&self, col: usize) -> &str {
        self.row.cells.get(col).map_or("", |s| s.as_str())
    }

    fn push(&mut self, code: Code, col: usize, field: &str, expected: impl Into<String>) -> &mut Problem {
        let raw = self.cell(col).to_string();
        self.problems
            .push(Problem::error(code, self.file, expected).at(self.row.line, Some(col + 1), field).found(&raw));
        self.problems.last_mut().expect("just pushed")
    }

    fn county(&mut self, col: usize) -> Option<String> {
        let raw = self.cell(col).trim().to_string();
        if let Some(c) = self.catalog.county(&raw) {
            return Some(c.name.clone());
        }
        let known: Vec<&str> = self
            .catalog
            .counties
            .iter()
            .flat_map(|c| std::iter::once(c.name.as_str()).chain(c.aliases.iter().map(String::as_str)))
            .collect();
        let hint = closest(&raw, known.into_iter());
        self.push(Code::UnknownCounty, col, "county", "a reporting area of the catalogue (name or alias)").suggestion =
            hint;
        None
    }

    fn year(&mut self, layout: &Layout, default: Option<i32>) -> Option<i32> {
        let Some(col) = layout.col(Field::Year) else { return default };
        let raw = self.cell(col).trim().trim_end_matches('年').to_string();
        if raw.is_empty() {
            if default.is_none() {
                self.push(Code::MissingYear, col, "year", "a year such as 2023");
            }
            return default;
        }
        match raw.parse::<i32>() {
            Ok(y) if (1900..=2100).contains(&y) => Some(y),
            Ok(_) => {
                self.push(Code::OutOfRange, col, "year", "a year between 1900 and 2100");
                None
            }
            Err(_) => {
                self.push(Code::NotANumber, col, "year", "a year such as 2023");
                None
            }
        }
    }

    fn note(&self, layout: &Layout) -> Option<String> {
        layout.col(Field::Note).map(|c| self.cell(c).trim().to_string()).filter(|s| !s.is_empty())
    }

    /// A number in `col`, checked against what the indicator allows. `Err(())` when a problem was
    /// recorded.
    fn number(&mut self, col: usize, field: &str, ind: &Indicator) -> Result<Option<f64>, ()> {
        let percent = ind.unit == "%";
        let raw = self.cell(col).to_string();
        let v = match parse_cell(&raw, percent) {
            Ok(Cell::NoData) => return Ok(None),
            Ok(Cell::Value(v)) => v,
            Err(e) => {
                let expected = format!("a number{} ({})", if percent { " or a percentage" } else { "" }, e.reason);
                self.push(Code::NotANumber, col, field, expected);
                return Err(());
            }
        };
        if let Some(range) = allowed_range(ind)
            && !(range.0..=range.1).contains(&v)
        {
            let expected = if range.1.is_finite() {
                format!("{} between {} and {}", range.2, num(range.0), num(range.1))
            } else {
                format!("{} of {} or more", range.2, num(range.0))
            };
            self.push(Code::OutOfRange, col, field, expected);
            return Err(());
        }
        // A yes/no completion has no halfway: 0.5 would read as half done and judge as not done.
        if ind.target == Target::Done && v != 0.0 && v != 1.0 {
            self.push(Code::OutOfRange, col, field, "1 (done) or 0 (not done), nothing in between");
            return Err(());
        }
        Ok(Some(v))
    }

    fn long(&mut self, layout: &Layout, default_year: Option<i32>) -> Option<Measurement> {
        let col = |f| layout.col(f).expect("long layout has the column");
        let county = self.county(col(Field::County));
        let ind_col = col(Field::Indicator);
        let raw_ind = self.cell(ind_col).trim().to_string();
        let indicator = self.catalog.indicator(&raw_ind);
        if indicator.is_none() {
            let known = self.catalog.indicators.iter().flat_map(|i| [i.id.as_str(), i.name.as_str()]);
            let hint = closest(&raw_ind, known);
            self.push(
                Code::UnknownIndicator,
                ind_col,
                "indicator",
                "an indicator id or its exact name in the catalogue",
            )
            .suggestion = hint;
        }
        let year = self.year(layout, default_year);
        let ind = indicator?;
        let value = self.number(col(Field::Value), "value", ind);
        let numerator = layout.col(Field::Numerator).map(|c| self.number_unchecked(c, "numerator"));
        let denominator = layout.col(Field::Denominator).map(|c| self.number_unchecked(c, "denominator"));
        let value = value.ok()?;
        let numerator = numerator.transpose().ok()?.flatten();
        let denominator = denominator.transpose().ok()?.flatten();
        let value = self.reconcile_ratio(layout, ind, value, numerator, denominator)?;
        let county = county?;
        let year = year?;
        self.check_applicable(&county, ind, col(Field::County));
        Some(Measurement {
            county,
            indicator: ind.id.clone(),
            year,
            value,
            numerator,
            denominator,
            note: self.note(layout),
            origin: Location { file: self.file.to_string(), line: self.row.line },
        })
    }

    /// A numerator or denominator: a count, so a non-negative number.
    fn number_unchecked(&mut self, col: usize, field: &str) -> Result<Option<f64>, ()> {
        let raw = self.cell(col).to_string();
        match parse_cell(&raw, false) {
            Ok(Cell::NoData) => Ok(None),
            Ok(Cell::Value(v)) if v >= 0.0 => Ok(Some(v)),
            Ok(Cell::Value(_)) => {
                self.push(Code::OutOfRange, col, field, "a count of zero or more");
                Err(())
            }
            Err(e) => {
                self.push(Code::NotANumber, col, field, format!("a count ({})", e.reason));
                Err(())
            }
        }
    }

    /// With a numerator and denominator, the value is their ratio; a value given as well must agree.
    fn reconcile_ratio(
        &mut self,
        layout: &Layout,
        ind: &Indicator,
        value: Option<f64>,
        n: Option<f64>,
        d: Option<f64>,
    ) -> Option<Option<f64>> {
        let (Some(n), Some(d)) = (n, d) else {
            if n.is_some() != d.is_some() {
                let col = layout.col(if n.is_none() { Field::Numerator } else { Field::Denominator }).unwrap_or(0);
                self.push(
                    Code::MissingColumn,
                    col,
                    if n.is_none() { "numerator" } else { "denominator" },
                    "both numerator and denominator, or neither",
                );
                return None;
            }
            return Some(value);
        };
        let den_col = layout.col(Field::Denominator).unwrap_or(0);
        if n > d {
            self.push(
                Code::NumeratorAboveDenominator,
                den_col,
                "denominator",
                format!("a denominator of at least the numerator {}", num(n)),
            );
            return None;
        }
        if d == 0.0 {
            self.push(Code::OutOfRange, den_col, "denominator", "a denominator above zero");
            return None;
        }
        let ratio = n / d * 100.0;
        if ind.aggregate != Aggregate::Ratio {
            let col = layout.col(Field::Numerator).unwrap_or(0);
            self.push(
                Code::UnknownColumn,
                col,
                "numerator",
                format!("no numerator/denominator: {} is not a ratio indicator", ind.id),
            );
            return None;
        }
        match value {
            Some(v) if (v - ratio).abs() > 0.05 => {
                let col = layout.col(Field::Value).unwrap_or(0);
                self.push(
                    Code::InconsistentRatio,
                    col,
                    "value",
                    format!("{} (numerator / denominator × 100, to within 0.05)", num((ratio * 100.0).round() / 100.0)),
                );
                None
            }
            Some(v) => Some(Some(v)),
            None => Some(Some(ratio)),
        }
    }

    fn check_applicable(&mut self, county: &str, ind: &Indicator, col: usize) {
        let Some(area) = self.catalog.county(county) else { return };
        if !ind.applies_to_area(area) {
            let expected = if ind.is_city_level() {
                format!("no value: {} is a task of the whole city, judged on the {} row only", ind.id, ind.city_row)
            } else {
                format!("no value: {} applies only to areas tagged {}", ind.id, ind.applies_to.join(", "))
            };
            self.problems.push(
                Problem::warning(Code::NotApplicable, self.file, expected)
                    .at(self.row.line, Some(col + 1), &ind.id)
                    .found(county),
            );
        }
    }

    fn wide(&mut self, layout: &Layout<'c>, default_year: Option<i32>) -> Vec<Measurement> {
        let county = self.county(0);
        let year = self.year(layout, default_year);
        let note = self.note(layout);
        let mut out = Vec::new();
        for &(col, ind) in &layout.indicators {
            let Ok(value) = self.number(col, &ind.id, ind) else { continue };
            let (Some(county), Some(year)) = (&county, year) else { continue };
            if value.is_some() {
                self.check_applicable(county, ind, col);
            }
            out.push(Measurement {
                county: county.clone(),
                indicator: ind.id.clone(),
                year,
                value,
                numerator: None,
                denominator: None,
                note: note.clone(),
                origin: Location { file: self.file.to_string(), line: self.row.line },
            });
        }
        out
    }
}

/// The values an indicator can take, with a word for the expectation.
fn allowed_range(ind: &Indicator) -> Option<(f64, f64, &'static str)> {
    if ind.target == Target::Done {
        return Some((0.0, 1.0, "1 (done) or 0 (not done), a value"));
    }
    if ind.unit == "%" && !ind.cumulative {
        return Some((0.0, 100.0, "a percentage"));
    }
    if ind.unit == "%" {
        return Some((-100.0, 100.0, "a percentage change"));
    }
    if COUNT_UNITS.contains(&ind.unit.as_str()) || ind.aggregate == Aggregate::Sum {
        return Some((0.0, f64::INFINITY, "a count"));
    }
    None
}
