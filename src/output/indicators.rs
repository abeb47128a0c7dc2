//! The catalogue as a list, for `plan-check indicators`: content of one entry per indicator, with its
//! target as the plan words it and as the rule it resolves to.

use serde::Serialize;

use super::{Align, Cell, Column, Content, Grouping, Sheet, record, to_document, to_value};
use crate::catalog::{Catalog, Indicator};
use crate::labels::{self, Lang, Word, type_label, word};
use crate::target::{Better, Context, Resolved};

/// One indicator as listed. Field names are a stable interface (docs/output.md, "The JSON contract").
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    /// 序号 (with a letter for a shared row), or the id where the plan gives no 序号.
    pub label: String,
    pub id: &'a str,
    pub name: String,
    pub domain: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub unit: &'a str,
    pub better: Better,
    pub baseline: Option<f64>,
    pub baseline_text: Option<&'a str>,
    /// A re-based baseline (`rebased`), which the official verdict is measured from; null when none.
    pub rebased: Option<&'a crate::catalog::Rebased>,
    pub target: TargetEntry<'a>,
    pub due: i32,
    pub cumulative: bool,
    pub source: &'a str,
    /// The city-level row whose verdict is the official one.
    pub city_row: &'a str,
    pub applies_to: &'a [String],
    /// The reporting areas it applies to (none for a task of the whole city).
    pub areas: Vec<&'a str>,
    pub quote: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct TargetEntry<'a> {
    /// The plan's words.
    pub text: &'a str,
    /// The target language's canonical form (`>= 80`, `province`, `baseline -10%`).
    pub expression: String,
    /// The rule it resolves to from the catalogue alone (`≥80`), or null when it needs more (a
    /// province target, a baseline the plan does not give).
    pub resolved: Option<String>,
}

impl<'a> Entry<'a> {
    pub fn new(catalog: &'a Catalog, ind: &'a Indicator) -> Entry<'a> {
        let ctx = Context {
            better: ind.better,
            baseline: ind.judged_baseline(),
            reference: &|id| catalog.reference_value(id),
            about_tolerance: ind.about_tolerance,
        };
        let resolved = match ind.target.resolve(&ctx) {
            Resolved::Rule(r) => Some(r.to_string()),
            Resolved::Trend(_) | Resolved::Unresolved(_) => None,
        };
        Entry {
            label: ind.label(catalog),
            id: &ind.id,
            name: ind.display_name(),
            domain: &ind.domain,
            kind: ind.kind.as_str(),
            unit: &ind.unit,
            better: ind.better,
            baseline: ind.baseline,
            baseline_text: ind.baseline_text.as_deref(),
            rebased: ind.rebased.as_ref(),
            target: TargetEntry { text: &ind.target_text, expression: ind.target.to_string(), resolved },
            due: ind.due.unwrap_or(catalog.plan.target_year),
            cumulative: ind.cumulative,
            source: &ind.source,
            city_row: &ind.city_row,
            applies_to: &ind.applies_to,
            areas: catalog.areas().filter(|a| ind.applies_to_area(a)).map(|a| a.name.as_str()).collect(),
            quote: ind.quote.as_deref(),
            note: ind.note.as_deref(),
        }
    }

    fn baseline_cell(&self, lang: Lang) -> Cell {
        if let Some(r) = self.rebased {
            return Cell::text(labels::rebased_cell(r.baseline, self.baseline, lang));
        }
        match (self.baseline_text, self.baseline) {
            (Some(text), _) => Cell::text(text),
            (None, Some(b)) => Cell::Number(b),
            (None, None) => Cell::text("/"),
        }
    }

    /// The resolved rule, else the expression, marked when it accumulates from zero.
    fn rule_cell(&self, lang: Lang) -> String {
        let rule = self.target.resolved.clone().unwrap_or_else(|| self.target.expression.clone());
        if self.cumulative { labels::cumulative(&rule, lang) } else { rule }
    }

    fn applicability(&self, catalog: &Catalog, lang: Lang) -> String {
        labels::applicability(self.city_row, self.applies_to, self.areas.len(), catalog.areas().count(), lang)
    }
}

/// The list as content: a table with the plan's words and the rule each resolves to, a count, and
/// the entries as the JSON document and CSV records.
pub fn build(catalog: &Catalog, entries: &[Entry], lang: Lang) -> anyhow::Result<Content<'static>> {
    let columns = vec![
        Column::text(word(Word::No, lang)),
        Column::text("id").key(),
        Column::wrapping(word(Word::Indicator, lang)),
        Column::text(word(Word::Type, lang)),
        Column::wrapping(word(Word::Domain, lang)),
        Column { align: Align::Right, ..Column::wrapping(word(Word::Baseline, lang)) },
        Column::wrapping(word(Word::Target, lang)),
        Column::wrapping(word(Word::Rule, lang)),
        Column::number(word(Word::Due, lang)),
        Column::wrapping(word(Word::Source, lang)),
        Column::wrapping(word(Word::AppliesTo, lang)),
    ];
    let mut rows = Vec::new();
    let mut groups = Grouping::default();
    for e in entries {
        let kind = catalog.indicator(e.id).map_or(e.kind, |i| type_label(i.kind, lang));
        let name = match catalog.indicator(e.id) {
            Some(ind) => {
                let shared = groups.next(ind).1;
                if let Some((no, name)) = shared.heading {
                    rows.push(vec![
                        Cell::text(no),
                        Cell::Empty,
                        Cell::text(name),
                        Cell::text(kind),
                        Cell::text(e.domain),
                    ]);
                }
                shared.name
            }
            None => e.name.clone(),
        };
        rows.push(vec![
            // A task has no 序号; its id, in the next column, is what data files use.
            Cell::text(if e.label == e.id { "" } else { e.label.as_str() }),
            Cell::text(e.id),
            Cell::text(name),
            Cell::text(kind),
            Cell::text(e.domain),
            e.baseline_cell(lang),
            Cell::text(e.target.text),
            Cell::text(e.rule_cell(lang)),
            Cell::Number(f64::from(e.due)),
            Cell::text(e.source),
            Cell::text(e.applicability(catalog, lang)),
        ]);
    }
    let count = labels::indicator_count(entries.len(), &catalog.origin, lang);
    let sheet = Sheet {
        name: word(Word::IndicatorsSheet, lang).into(),
        title: String::new(),
        columns,
        rows,
        notes: vec![count],
    };
    let records = entries.iter().map(|e| Ok(record(to_value(e)?, Vec::new()))).collect::<anyhow::Result<_>>()?;
    // The CSV header, also when no indicator matches the filters.
    let record_shape = match catalog.indicators.first() {
        Some(first) => record(to_value(&Entry::new(catalog, first))?, Vec::new()),
        None => Default::default(),
    };
    Ok(Content { sheets: vec![sheet], document: to_document(&entries)?, records, record_shape, ..Content::default() })
}
