//! `plan-check validate`: everything `eval` needs, checked without evaluating.

use std::io::Write;

use crate::Outcome;
use crate::catalog::{AreaKind, IndicatorType};
use crate::cli::{Require, ValidateArgs, ValidateFormat};
use crate::load::Dataset;
use crate::problem::{Code, Problem};
use crate::report::problems;

pub fn run(args: &ValidateArgs, out: &mut dyn Write, _err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, mut data) = super::load_inputs(&args.input)?;
    if args.require != Require::None {
        require_city_values(&catalog, &mut data, args.require, &args.input.files);
    }
    match args.format {
        ValidateFormat::Text => problems::render_validate_text(&data, args.max_errors, out)?,
        ValidateFormat::Json => problems::render_json(&data, args.max_errors, out)?,
        ValidateFormat::Github => problems::render_github(&data.problems, args.max_errors, out)?,
    }
    Ok(if data.has_errors() { Outcome::Findings } else { Outcome::Clean })
}

/// A missing city-level value of a required indicator is a problem of the first file.
fn require_city_values(catalog: &crate::catalog::Catalog, data: &mut Dataset, require: Require, files: &[String]) {
    let file = files.first().map(String::as_str).unwrap_or("-");
    let latest = data.years().last().copied();
    for ind in &catalog.indicators {
        if require == Require::Binding && ind.kind != IndicatorType::Binding {
            continue;
        }
        let present = data.measurements.iter().any(|m| {
            m.indicator == ind.id
                && Some(m.year) == latest
                && m.value.is_some()
                && catalog.county(&m.county).is_some_and(|c| c.kind == AreaKind::City && c.name == ind.city_row)
        });
        if !present {
            data.problems.push(
                Problem::error(
                    Code::MissingIndicator,
                    file,
                    format!("a {} row for {} ({})", ind.city_row, ind.id, ind.display_name()),
                )
                .found("no value"),
            );
        }
    }
}
