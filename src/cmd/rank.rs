//! `plan-check rank`: the reporting areas on one indicator, best first by its polarity.

use std::io::Write;

use crate::catalog::SourceFilter;
use crate::output::rank::{self, Ranking};
use crate::settings::Rank;
use crate::{Console, Outcome};

pub fn run(s: &Rank, console: Console, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let (catalog, evaluation) = super::evaluate_inputs(&s.input, &s.judge, &SourceFilter::All, false, err)?;
    let indicator = catalog.find(&s.indicator, "--indicator")?;
    let ranking = Ranking::build(&catalog, &evaluation, indicator);
    let content = rank::build(&ranking, &evaluation, s.lang)?;
    s.output.emit(&content, console, out)?;
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    #[test]
    fn an_indicator_is_found_by_id_name_or_a_unique_part() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        let find = |raw| c.find(raw, "--indicator").map(|i| i.id.as_str()).ok();
        assert_eq!(find("forest_coverage"), Some("forest_coverage"));
        assert_eq!(find("森林覆盖率（%）"), Some("forest_coverage"));
        assert_eq!(find("森林覆盖"), Some("forest_coverage"));
        let e = c.find("forest_covrage", "--indicator").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("did you mean forest_coverage?"), "{e}");
        let e = c.find("比例", "--indicator").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("indicators:"), "{e}");
    }
}
