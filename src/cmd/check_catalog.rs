//! `plan-check check-catalog`: lints a catalogue written for this plan or another. Errors are everything
//! the loader rejects; warnings are what it accepts but `eval` cannot judge without more: a target
//! relative to a baseline the catalogue does not give, a trend with nothing to start its series from, a
//! province target that does not say where the province assigns it, a quote not found in the plan, a
//! rule that points against the indicator's polarity. `--strict` turns every warning into an error.

use std::io::Write;

use anyhow::Context as _;
use serde::Serialize;

use crate::catalog::{Catalog, CatalogIssue, Indicator};
use crate::cli::CheckCatalogArgs;
use crate::labels::{self, Lint};
use crate::output::Format;
use crate::problem::escape;
use crate::target::Target;
use crate::{Lang, Outcome};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing found in a catalogue. `code` is stable kebab-case (docs/target-language.md, "plan-check check-catalog").
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub line: usize,
    /// The indicator (or area) it is about, when there is one.
    pub item: Option<String>,
    pub message: String,
}

#[derive(Serialize)]
struct Document<'a> {
    file: &'a str,
    valid: bool,
    indicators: Option<usize>,
    errors: usize,
    warnings: usize,
    findings: &'a [Finding],
}

pub fn run(args: &CheckCatalogArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Outcome> {
    let origin = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file).with_context(|| format!("cannot read the catalogue {origin}"))?;
    let plan = match &args.plan {
        Some(p) => Some(std::fs::read_to_string(p).with_context(|| format!("cannot read the plan {}", p.display()))?),
        None => None,
    };
    let lang = Lang::from(args.lang);
    // JSON is machine output: its messages stay English whatever --lang says.
    let messages = if args.format == Format::Json { Lang::En } else { lang };
    let (catalog, mut findings) = check(&text, &origin, plan.as_deref(), messages);
    if args.strict {
        findings.iter_mut().for_each(|f| f.severity = Severity::Error);
    }
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    let count = catalog.as_ref().map(|c| c.indicators.len());
    let summary = labels::catalog_summary(&origin, count, errors, warnings, lang);
    // --strict has already made every warning an error.
    let findings_out = errors > 0;
    match args.format {
        Format::Table => {
            // The catalogue's ids and messages quoting it are input: escaped.
            let origin = escape(&origin);
            for f in &findings {
                let item = f.item.as_ref().map_or(String::new(), |i| format!("{}: ", escape(i)));
                let level = if f.severity == Severity::Error { "error" } else { "warning" };
                writeln!(out, "{origin}:{}: {item}{level}[{}]: {}", f.line, f.code, escape(&f.message))?;
            }
            writeln!(out, "{summary}")?;
        }
        Format::Json => {
            let doc = Document {
                file: &origin,
                valid: errors == 0,
                indicators: count,
                errors,
                warnings,
                findings: &findings,
            };
            serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        other => anyhow::bail!("--format {}: check-catalog prints a table or json", other.name()),
    }
    if findings_out {
        writeln!(err, "{summary}")?;
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Clean)
}

/// Loads the catalogue and lints it: its loader errors, or the warnings of a catalogue that loads.
pub fn check(text: &str, origin: &str, plan: Option<&str>, lang: Lang) -> (Option<Catalog>, Vec<Finding>) {
    match Catalog::parse(text, origin) {
        Ok(catalog) => {
            let mut findings: Vec<Finding> =
                catalog.indicators.iter().flat_map(|i| lint(&catalog, i, plan, lang)).collect();
            findings.extend(catalog.projects.iter().filter_map(|p| lint_project(p, plan, lang)));
            (Some(catalog), findings)
        }
        Err(e) => (None, e.issues.into_iter().map(rejected).collect()),
    }
}

/// The warning about a register entry of a catalogue that loads: its quote is not the plan's words.
fn lint_project(p: &crate::catalog::Project, plan: Option<&str>, lang: Lang) -> Option<Finding> {
    let plan = plan?;
    if plan.contains(p.quote.as_str()) {
        return None;
    }
    let message = labels::lint(&Lint::QuoteNotInPlan { quote: &p.quote }, lang);
    Some(Finding {
        severity: Severity::Warning,
        code: "quote-not-in-plan",
        line: p.line,
        item: Some(p.id.clone()),
        message,
    })
}

fn rejected(issue: CatalogIssue) -> Finding {
    Finding { severity: Severity::Error, code: "invalid", line: issue.line, item: issue.item, message: issue.message }
}

/// The warnings about one indicator of a catalogue that loads.
pub fn lint(catalog: &Catalog, ind: &Indicator, plan: Option<&str>, lang: Lang) -> Vec<Finding> {
    let base = catalog.plan.base_year;
    let target = ind.target.to_string();
    let mut found = Vec::new();
    let mut warn = |code, lint: Lint| {
        let message = labels::lint(&lint, lang);
        found.push(Finding { severity: Severity::Warning, code, line: ind.line, item: Some(ind.id.clone()), message });
    };
    if ind.target.needs_baseline() && ind.baseline.is_none() {
        warn("no-baseline", Lint::NoBaseline { target: &target, base });
    }
    if matches!(ind.target, Target::Trend(_)) && ind.baseline.is_none() {
        warn("trend-without-series", Lint::TrendWithoutSeries { target: &target, base });
    }
    if ind.target == Target::Province && ind.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        warn("province-without-source", Lint::ProvinceWithoutSource);
    }
    if let (Target::Threshold { cmp, value }, Some(_)) = (&ind.target, ind.target.against_polarity(ind.better)) {
        warn(
            "rule-against-polarity",
            Lint::AgainstPolarity { target: &target, cmp: *cmp, value: *value, better: ind.better },
        );
    }
    if let (Some(plan), Some(quote)) = (plan, &ind.quote)
        && !plan.contains(quote.as_str())
    {
        warn("quote-not-in-plan", Lint::QuoteNotInPlan { quote });
    }
    found
}
