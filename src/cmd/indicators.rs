//! `plan-check indicators`: the catalogue as a list, filtered by type, domain and source.

use std::io::Write;

use crate::catalog::{Catalog, Indicator};
use crate::cli::IndicatorsArgs;
use crate::output::indicators::{self, Entry};
use crate::{Console, Outcome};

pub fn run(
    args: &IndicatorsArgs,
    console: Console,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let catalog = Catalog::locate(args.catalog.as_deref())?;
    if args.projects {
        let content = crate::output::projects::register_list(&catalog, args.lang.into())?;
        let inputs = args.catalog.iter().cloned().collect::<Vec<_>>();
        super::emit(&content, super::format(&args.output)?, &args.output, console, &inputs, out)?;
        return Ok(Outcome::Clean);
    }
    let entries: Vec<Entry> =
        catalog.indicators.iter().filter(|i| wanted(args, i)).map(|i| Entry::new(&catalog, i)).collect();
    if entries.is_empty() {
        writeln!(err, "no indicator of {} matches the filters", catalog.origin)?;
    }
    let content = indicators::build(&catalog, &entries, args.lang.into())?;
    super::emit(
        &content,
        super::format(&args.output)?,
        &args.output,
        console,
        &args.catalog.iter().cloned().collect::<Vec<_>>(),
        out,
    )?;
    Ok(Outcome::Clean)
}

fn wanted(args: &IndicatorsArgs, ind: &Indicator) -> bool {
    args.kind.is_none_or(|k| ind.kind == k)
        && args.domain.as_deref().is_none_or(|d| ind.domain.contains(d.trim()))
        && args.source.as_ref().is_none_or(|s| s.matches(ind))
}
