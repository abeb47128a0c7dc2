//! `plan-check template`: an empty data file holding every (area, indicator) an area must report, with
//! each indicator's unit and target as a note, laid out exactly as `load` reads it — so a filled-in
//! template passes `validate` without touching its structure.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, bail};

use crate::catalog::{AreaKind, Catalog, County, Indicator};
use crate::cli::{Shape, TemplateArgs};
use crate::labels::{self, TemplateNote, Word, word};
use crate::output::Format;
use crate::output::indicators::Entry;
use crate::output::template::{self as writer, Grid, Slot};
use crate::problem::closest;
use crate::target::Target;
use crate::{Lang, Outcome};

pub fn run(args: &TemplateArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    // The loader's own bounds: a template it would reject is no template.
    if !(1900..=2100).contains(&args.year) {
        bail!("--year {} is not a year between 1900 and 2100", args.year);
    }
    let lang = Lang::from(args.lang);
    let catalog = Catalog::locate(args.catalog.as_deref())?;
    let plan = &catalog.plan;
    if !(plan.base_year..=plan.target_year).contains(&args.year) {
        bail!(
            "--year {}: the plan covers {}–{} (base year {}, target year {}); a template is for one of those years",
            args.year,
            plan.base_year,
            plan.target_year,
            plan.base_year,
            plan.target_year
        );
    }
    let grid = if args.projects {
        if catalog.projects.is_empty() {
            bail!("{} has no [[project]] entries: there is no register to make a status sheet of", catalog.origin);
        }
        crate::output::projects::template(&catalog, args.year, lang)
    } else {
        let filter = args.select.filter();
        let catalog = catalog
            .select(&filter)
            .with_context(|| format!("no indicator of the catalogue matches --source {filter}"))?;
        let areas = chosen_areas(&catalog, &args.county)?;
        let grid = match args.shape {
            Shape::Long => long(&catalog, &areas, args.year, lang),
            Shape::Wide => wide(&catalog, &areas, args.year, lang),
        };
        if grid.to_fill() == 0 {
            bail!("none of the selected indicators applies to {}", names(&areas));
        }
        grid
    };
    let format = args.format.unwrap_or(match &args.output {
        Some(p) if Format::of_path(p) == Some(Format::Xlsx) => Format::Xlsx,
        _ => Format::Csv,
    });
    match (format, &args.output) {
        (Format::Csv, None) => writer::write_csv(&grid, out, false)?,
        (Format::Csv, Some(path)) => {
            let mut bytes = Vec::new();
            writer::write_csv(&grid, &mut bytes, true)?;
            super::write_atomically(path, &bytes)?;
        }
        (Format::Xlsx, Some(path)) => {
            let mut bytes = Vec::new();
            writer::write_xlsx(&grid, &mut bytes, lang)?;
            super::write_atomically(path, &bytes)?;
        }
        (Format::Xlsx, None) => bail!("an xlsx template needs a file: add -o FILE.xlsx"),
        (other, _) => bail!("--format {}: a template is csv or xlsx", other.name()),
    }
    if let Some(path) = &args.output {
        report_written(err, path, &grid, lang)?;
    }
    Ok(Outcome::Clean)
}

/// The areas named with `--county` (names or aliases, in the order given), else every area and city row
/// in catalogue order.
fn chosen_areas<'c>(catalog: &'c Catalog, names: &[String]) -> anyhow::Result<Vec<&'c County>> {
    if names.is_empty() {
        return Ok(catalog.counties.iter().collect());
    }
    let mut areas: Vec<&County> = Vec::new();
    for name in names {
        let Some(area) = catalog.county(name) else {
            let known = catalog.counties.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases));
            let hint =
                closest(name, known.map(String::as_str)).map_or(String::new(), |s| format!(" (did you mean {s}?)"));
            bail!("--county {name:?} is not an area of the catalogue{hint}");
        };
        if !areas.iter().any(|a| a.name == area.name) {
            areas.push(area);
        }
    }
    Ok(areas)
}

fn names(areas: &[&County]) -> String {
    areas.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
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
        baseline: ind.baseline,
        reference: &|id| catalog.reference_value(id),
    }) {
        crate::target::Resolved::Rule(rule) => Some(rule),
        _ => None,
    };
    let target = match (rule, &entry.target.resolved) {
        (Some(rule), _) if rule.is_stated_by(&ind.target_text) => ind.target_text.clone(),
        (_, Some(r)) if *r != ind.target_text => format!("{}（{r}）", ind.target_text),
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
    labels::template_note(&note, lang)
}

fn header(lang: Lang, columns: &[Word]) -> Vec<String> {
    columns.iter().map(|&w| word(w, lang).to_string()).collect()
}

/// One row per (area, indicator) the area reports, the indicator by id, the note in the note column.
fn long(catalog: &Catalog, areas: &[&County], year: i32, lang: Lang) -> Grid {
    let head = header(
        lang,
        &[Word::TemplateCounty, Word::Indicator, Word::TemplateValue, Word::TemplateYear, Word::TemplateNote],
    );
    let mut grid = Grid::new(head);
    for area in areas {
        for ind in catalog.indicators.iter().filter(|i| reports(area, i)) {
            grid.rows.push(vec![
                Slot::Text(area.name.clone()),
                Slot::Text(ind.id.clone()),
                Slot::Fill,
                Slot::Number(f64::from(year)),
                Slot::Text(note(catalog, ind, lang)),
            ]);
        }
    }
    grid.legend = legend(catalog, areas, lang);
    grid
}

/// One row per area, one column per indicator (headed by its id, the note on the header); a cell the
/// area does not report holds `-`, which reads as "no data".
fn wide(catalog: &Catalog, areas: &[&County], year: i32, lang: Lang) -> Grid {
    let columns: Vec<&Indicator> = catalog.indicators.iter().filter(|i| areas.iter().any(|a| reports(a, i))).collect();
    let mut head = header(lang, &[Word::TemplateCounty, Word::TemplateYear]);
    head.extend(columns.iter().map(|i| i.id.clone()));
    head.extend(header(lang, &[Word::TemplateNote]));
    let mut grid = Grid::new(head);
    grid.column_notes = columns.iter().enumerate().map(|(i, ind)| (i + 2, note(catalog, ind, lang))).collect();
    for area in areas.iter().filter(|a| columns.iter().any(|i| reports(a, i))) {
        let mut row = vec![Slot::Text(area.name.clone()), Slot::Number(f64::from(year))];
        row.extend(columns.iter().map(|i| if reports(area, i) { Slot::Fill } else { Slot::NotReported }));
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

fn report_written(err: &mut dyn Write, path: &Path, grid: &Grid, lang: Lang) -> anyhow::Result<()> {
    let path = path.display().to_string();
    writeln!(err, "{}", labels::template_written(&path, grid.rows.len(), grid.to_fill(), lang))?;
    Ok(())
}
