//! `plan-check validate`: everything `eval` needs, checked without evaluating.

use std::io::Write;

use crate::aggregate::{self, Combined};
use crate::catalog::{Aggregate, Catalog, IndicatorType};
use crate::cli::{Complete, Require, ValidateArgs};
use crate::load::{self, Completeness, Dataset};
use crate::output::{Format, problems, summary};
use crate::problem::{Code, Expected, Problem};
use crate::{Console, Outcome};

pub fn run(args: &ValidateArgs, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, mut data) = super::load_inputs(&args.input, args.max_errors)?;
    submission_checks(args, &catalog, &mut data);
    check_aggregates(&catalog, &mut data);
    let mismatches = crate::evaluate::baseline_mismatches(&catalog, &data);
    data.problems.extend(mismatches);
    if args.require != Require::None {
        require_city_values(&catalog, &mut data, args.require);
    }
    let lang = args.lang.into();
    let content = problems::validate(&data, args.max_errors, lang)?;
    let format = super::format(&args.output)?;
    super::emit(&content, format, &args.output, console, &super::inputs(&args.input, None), out)?;
    let (errors, warnings) = data.counts();
    if format == Format::Github {
        // In a CI log a valid file says so too, and the job summary lists what was checked.
        super::diff::append_step_summary(&summary::markdown(&summary::validate(&data, lang))?)?;
        writeln!(err, "{}", crate::labels::validate_verdict(errors, warnings, lang))?;
        return Ok(if data.has_errors() { Outcome::Findings } else { Outcome::Clean });
    }
    if !data.has_errors() {
        return Ok(Outcome::Clean);
    }
    writeln!(err, "{}", crate::labels::validate_verdict(errors, warnings, lang))?;
    Ok(Outcome::Findings)
}

/// The checks of a submission as a whole: whose rows (`--area-from-filename`, which rejects other areas'
/// rows first), every indicator of each area (`--complete`), and the parts of an area's ratio value.
/// Their problems take their places among the rows' own, by file and line.
fn submission_checks(args: &ValidateArgs, catalog: &Catalog, data: &mut Dataset) {
    if args.area_from_filename {
        load::check_ownership(catalog, data);
    }
    if let Some(which) = args.complete {
        let which = match which {
            Complete::Binding => Completeness::Binding,
            Complete::All => Completeness::All,
        };
        load::check_complete(catalog, data, which);
    }
    load::check_ratio_parts(catalog, data);
    load::sort_problems(data);
}

/// A city row that disagrees with what its areas aggregate to: a warning naming both figures, in every
/// year of the data.
fn check_aggregates(catalog: &Catalog, data: &mut Dataset) {
    // Only the indicators whose areas add up are looked up here.
    let index = data.index_where(catalog, |i| i.aggregate != Aggregate::None);
    let mut warnings = Vec::new();
    for year in data.years() {
        for (ind_no, ind) in catalog.indicators.iter().enumerate().filter(|(_, i)| i.aggregate != Aggregate::None) {
            let Some(city_no) = catalog.counties.iter().position(|c| c.name == ind.city_row) else { continue };
            let find = |area: usize| index.get(area, ind_no, year);
            warnings.extend(aggregate::mismatch(catalog, data, city_no, ind, find));
        }
    }
    data.problems.extend(warnings);
}

/// A city-level value a required indicator lacks (neither reported nor made from every area it applies
/// to), for the latest year in the data: at the row that
/// says "no data" when there is one, else a problem of the first file.
fn require_city_values(catalog: &Catalog, data: &mut Dataset, require: Require) {
    let file = data.accounting.first().map_or_else(|| "-".to_string(), |a| a.file.clone());
    let year = data.years().last().copied();
    let index = data.index(catalog);
    let mut problems = Vec::new();
    for (ind_no, ind) in catalog.indicators.iter().enumerate() {
        if require == Require::Binding && ind.kind != IndicatorType::Binding {
            continue;
        }
        let city_no = catalog.counties.iter().position(|c| c.name == ind.city_row);
        let row = city_no.zip(year).and_then(|(c, y)| index.get(c, ind_no, y));
        let expected = Expected::CityValue {
            id: ind.id.clone(),
            name: ind.display_name().to_string(),
            city_row: ind.city_row.clone(),
            year,
        };
        let aggregated = || match (city_no, year) {
            (Some(c), Some(y)) => {
                let find = |area: usize| index.get(area, ind_no, y);
                matches!(aggregate::combine(catalog, data, &catalog.counties[c], ind, find), Combined::Value { .. })
            }
            _ => false,
        };
        let p = match row {
            Some(m) if m.value().is_some() => continue,
            _ if aggregated() => continue,
            Some(m) => {
                let origin = data.location(m);
                Problem::error(Code::MissingIndicator, &origin.file, expected.clone())
                    .at(origin.line, None, &ind.id)
                    .found("no data")
            }
            None => {
                let mut p = Problem::error(Code::MissingIndicator, &file, expected).found("no row");
                p.field = Some(ind.id.clone());
                p
            }
        };
        problems.push(p);
    }
    data.problems.extend(problems);
}
