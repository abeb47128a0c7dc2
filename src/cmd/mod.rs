//! One file per subcommand; each turns its arguments into calls along the pipeline.

pub mod check_catalog;
pub mod eval;
pub mod indicators;
pub mod template;
pub mod validate;

use crate::catalog::Catalog;
use crate::cli::InputArgs;
use crate::load::{self, Dataset, LoadOptions, ReadOptions};

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
