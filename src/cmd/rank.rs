//! `plan-check rank`: the reporting areas on one indicator, best first by its polarity.

use std::io::Write;

use anyhow::bail;

use crate::catalog::{Catalog, Indicator, SourceFilter};
use crate::cli::RankArgs;
use crate::output::rank::{self, Ranking};
use crate::{Console, Outcome};

pub fn run(args: &RankArgs, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, evaluation) = super::evaluate_inputs(&args.input, &args.judge, &SourceFilter::All, false, err)?;
    let indicator = find_indicator(&catalog, &args.indicator)?;
    let ranking = Ranking::build(&catalog, &evaluation, indicator);
    let content = rank::build(&ranking, &evaluation, args.lang.into())?;
    super::emit(
        &content,
        super::format(&args.output)?,
        &args.output,
        console,
        &super::inputs(&args.input, Some(&args.judge)),
        out,
    )?;
    Ok(Outcome::Clean)
}

/// The indicator `--indicator` names: by id, by its name (with or without the part), or by a piece
/// of the name or id that only one indicator has. A miss suggests the nearest id or name.
pub fn find_indicator<'c>(catalog: &'c Catalog, raw: &str) -> anyhow::Result<&'c Indicator> {
    let raw = raw.trim();
    if let Some(ind) = catalog.indicator(raw) {
        return Ok(ind);
    }
    let exact: Vec<&Indicator> =
        catalog.indicators.iter().filter(|i| i.display_name() == raw || i.part.as_deref() == Some(raw)).collect();
    if let [one] = exact.as_slice() {
        return Ok(one);
    }
    let containing: Vec<&Indicator> = catalog
        .indicators
        .iter()
        .filter(|i| !raw.is_empty() && (i.display_name().contains(raw) || i.id.contains(raw)))
        .collect();
    match containing.as_slice() {
        [one] => Ok(one),
        [] => {
            let names: Vec<String> = catalog.indicators.iter().flat_map(|i| [i.id.clone(), i.display_name()]).collect();
            let hint = crate::problem::closest(raw, names.iter().map(String::as_str))
                .map(|h| format!(" (did you mean {h}?)"))
                .unwrap_or_default();
            bail!("--indicator: no indicator {raw:?} in the catalogue{hint}")
        }
        many => {
            let ids: Vec<&str> = many.iter().take(8).map(|i| i.id.as_str()).collect();
            let more = if many.len() > 8 { format!(" and {} more", many.len() - 8) } else { String::new() };
            bail!("--indicator: {raw:?} matches {} indicators: {}{more}; give its id", many.len(), ids.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indicator_is_found_by_id_name_or_a_unique_part() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(find_indicator(&c, "forest_coverage").map(|i| i.id.as_str()).ok(), Some("forest_coverage"));
        assert_eq!(find_indicator(&c, "森林覆盖率（%）").map(|i| i.id.as_str()).ok(), Some("forest_coverage"));
        assert_eq!(find_indicator(&c, "森林覆盖").map(|i| i.id.as_str()).ok(), Some("forest_coverage"));
        let e = find_indicator(&c, "forest_covrage").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("did you mean forest_coverage?"), "{e}");
        let e = find_indicator(&c, "比例").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("indicators:"), "{e}");
    }
}
