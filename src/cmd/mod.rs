//! One file per subcommand; each turns its arguments into calls along the pipeline.

pub mod eval;
pub mod trend;
pub mod validate;

use std::path::Path;

use anyhow::{Context, bail};

use crate::catalog::Catalog;
use crate::cli::InputArgs;
use crate::load::{self, Dataset, LoadOptions, ReadOptions};
use crate::province::ProvinceTargets;

/// Reads the catalogue and the data files named by the shared options.
pub fn load_inputs(input: &InputArgs) -> anyhow::Result<(Catalog, Dataset)> {
    let catalog = Catalog::locate(input.catalog.as_deref())?;
    let opts = LoadOptions {
        read: ReadOptions { encoding: input.encoding.clone(), sheet: input.sheet.clone() },
        year: input.year,
    };
    let data = load::load(&input.files, &catalog, &opts)?;
    Ok((catalog, data))
}

/// The `--targets` file, or no province targets.
pub fn load_targets(path: Option<&Path>, catalog: &Catalog) -> anyhow::Result<ProvinceTargets> {
    let Some(path) = path else { return Ok(ProvinceTargets::default()) };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read the targets file {}", path.display()))?;
    Ok(ProvinceTargets::parse(&text, &path.display().to_string(), catalog)?)
}

/// The year evaluated: `--year`, else the latest year in the data.
pub fn evaluation_year(input: &InputArgs, data: &Dataset) -> anyhow::Result<i32> {
    match (input.year, data.years().last()) {
        (Some(y), _) => Ok(y),
        (None, Some(&y)) => Ok(y),
        (None, None) => bail!("no measurements with a year in {}", input.files.join(", ")),
    }
}
