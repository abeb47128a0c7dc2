//! `plan-check indicators`: the catalogue as a list, filtered by type, domain and source.

use std::io::Write;

use crate::Outcome;
use crate::catalog::{Catalog, Indicator};
use crate::cli::{IndicatorsArgs, ListFormat};
use crate::report::indicators::{self, Entry};

pub fn run(args: &IndicatorsArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let catalog = Catalog::locate(args.catalog.as_deref())?;
    let entries: Vec<Entry> =
        catalog.indicators.iter().filter(|i| wanted(args, i)).map(|i| Entry::new(&catalog, i)).collect();
    if entries.is_empty() && args.format == ListFormat::Table {
        writeln!(err, "no indicator of {} matches the filters", catalog.origin)?;
    }
    match args.format {
        ListFormat::Table => indicators::render_table(&catalog, &entries, args.lang, out)?,
        ListFormat::Json => indicators::render_json(&entries, out)?,
        ListFormat::Csv => indicators::render_csv(&entries, out)?,
    }
    Ok(Outcome::Clean)
}

fn wanted(args: &IndicatorsArgs, ind: &Indicator) -> bool {
    args.kind.is_none_or(|k| ind.kind == k)
        && args.domain.as_deref().is_none_or(|d| ind.domain.contains(d.trim()))
        && args.source.as_ref().is_none_or(|s| s.matches(ind))
}
