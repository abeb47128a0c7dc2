//! `plan-check rank`: the reporting areas on one indicator, best first by its polarity.

use std::io::Write;

use crate::Outcome;
use crate::catalog::SourceFilter;
use crate::cli::{EvalFormat, RankArgs};
use crate::report::rank::{self as render, Ranking};

pub fn run(args: &RankArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, evaluation) = super::evaluate_inputs(&args.input, &args.judge, &SourceFilter::All, false, err)?;
    let Some(indicator) = catalog.indicator(&args.indicator) else {
        let known = catalog.indicators.iter().map(|i| i.id.as_str());
        let hint = crate::problem::closest(&args.indicator, known)
            .map(|h| format!(" (did you mean {h}?)"))
            .unwrap_or_default();
        anyhow::bail!("--indicator: no indicator {:?} in the catalogue{hint}", args.indicator);
    };
    let ranking = Ranking::build(&catalog, &evaluation, indicator);
    match args.format {
        EvalFormat::Table => render::table(&ranking, &evaluation, args.lang, out)?,
        EvalFormat::Json => render::json(&ranking, &evaluation, out)?,
    }
    Ok(Outcome::Clean)
}
