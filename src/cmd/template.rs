//! `plan-check template`: an empty data file holding every (area, indicator) an area must report, with
//! each indicator's unit and target as a note, laid out exactly as `load` reads it — so a filled-in
//! template passes `validate` without touching its structure. The grid is built in
//! [`crate::output::template`].

use std::io::Write;

use crate::catalog::{Catalog, County};
use crate::cli::Shape;
use crate::output::Format;
use crate::output::template::{self as writer};
use crate::problem::Failure;
use crate::settings::{self, Template};
use crate::{Outcome, labels};

pub fn run(s: &Template, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    // The loader's own bounds: a template it would reject is no template.
    if !(1900..=2100).contains(&s.year) {
        return Err(Failure::TemplateYearRange { year: s.year }.into());
    }
    let catalog = crate::load::read_catalog(s.catalog.as_deref(), &crate::load::Limits::default(), false)?;
    if let Some(path) = &s.path {
        // `template --catalog c.toml -o c.toml` would replace the catalogue (issue 19).
        settings::refuse_input(path, &crate::output::write::files_read(&[], s.catalog.as_deref(), &[]))?;
    }
    let plan = &catalog.plan;
    if !(plan.base_year..=plan.target_year).contains(&s.year) {
        let (base, target) = (plan.base_year, plan.target_year);
        return Err(Failure::TemplateYearPlan { year: s.year, base, target }.into());
    }
    let grid = if s.projects {
        if catalog.projects.is_empty() {
            return Err(Failure::NoRegister { origin: catalog.origin.clone() }.into());
        }
        crate::output::projects::template(&catalog, s.year, s.lang)
    } else {
        let catalog =
            catalog.select(&s.select).ok_or_else(|| Failure::NoneSelected { filter: s.select.to_string() })?;
        let areas = chosen_areas(&catalog, &s.counties)?;
        let grid = match s.shape {
            Shape::Long => writer::long(&catalog, &areas, s.year, s.lang),
            Shape::Wide => writer::wide(&catalog, &areas, s.year, s.lang),
        };
        if grid.to_fill() == 0 {
            return Err(Failure::NothingApplies { areas: areas.iter().map(|a| a.name.clone()).collect() }.into());
        }
        grid
    };
    let Some(path) = &s.path else {
        if s.format == Format::Xlsx {
            return Err(Failure::XlsxNeedsFile.into());
        }
        writer::write_csv(&grid, out, false)?;
        return Ok(Outcome::Clean);
    };
    let mut bytes = Vec::new();
    match s.format {
        Format::Xlsx => writer::write_xlsx(&grid, &mut bytes, s.lang)?,
        _ => writer::write_csv(&grid, &mut bytes, true)?,
    }
    settings::write_atomically(path, &bytes)?;
    let shown = crate::problem::escape(&path.to_string_lossy()).into_owned();
    writeln!(err, "{}", labels::template_written(&shown, grid.rows.len(), grid.to_fill(), s.lang))?;
    Ok(Outcome::Clean)
}

/// The areas named with `--county` (names or aliases, in the order given, each once), else every area
/// and city row in catalogue order.
fn chosen_areas<'c>(catalog: &'c Catalog, names: &[String]) -> anyhow::Result<Vec<&'c County>> {
    if names.is_empty() {
        return Ok(catalog.counties.iter().collect());
    }
    let mut areas: Vec<&County> = Vec::new();
    for name in names {
        let area = settings::county(catalog, name)?;
        if !areas.iter().any(|a| a.name == area.name) {
            areas.push(area);
        }
    }
    Ok(areas)
}
