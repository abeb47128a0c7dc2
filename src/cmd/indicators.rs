//! `plan-check indicators`: the catalogue as a list, filtered by type, domain and source.

use std::io::Write;

use crate::catalog::Indicator;
use crate::output::indicators::{self, Entry};
use crate::settings::Indicators;
use crate::{Console, Outcome};

pub fn run(s: &Indicators, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let catalog = crate::load::read_catalog(s.catalog.as_deref(), &crate::load::Limits::default(), false)?;
    if s.projects {
        let content = crate::output::projects::register_list(&catalog, s.lang)?;
        s.output.emit(&content, console, out)?;
        return Ok(Outcome::Clean);
    }
    let entries: Vec<Entry> =
        catalog.indicators.iter().filter(|i| wanted(s, i)).map(|i| Entry::new(&catalog, i)).collect();
    if entries.is_empty() {
        writeln!(err, "{}", crate::labels::no_indicator_matches(&catalog.origin, s.lang))?;
    }
    let content = indicators::build(&catalog, &entries, s.lang)?;
    s.output.emit(&content, console, out)?;
    Ok(Outcome::Clean)
}

fn wanted(s: &Indicators, ind: &Indicator) -> bool {
    s.kind.is_none_or(|k| ind.kind == k)
        && s.domain.as_deref().is_none_or(|d| ind.domain.contains(d.trim()))
        && s.source.as_ref().is_none_or(|f| f.matches(ind))
}
