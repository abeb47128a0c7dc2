//! The catalogue as a list, for `plan-check indicators`: content of one entry per indicator, with its
//! target as the plan words it and as the rule it resolves to.

use serde::Serialize;

use super::{Align, Cell, Column, Content, Sheet, record, to_value};
use crate::catalog::{Catalog, Indicator};
use crate::labels::{Lang, type_label, words};
use crate::target::{Better, Context, Resolved};

/// One indicator as listed. Field names are a stable interface (docs/json.md, "indicators").
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
        let ctx = Context { better: ind.better, baseline: ind.baseline, reference: &|id| catalog.reference_value(id) };
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

    fn baseline_cell(&self) -> Cell {
        match (self.baseline_text, self.baseline) {
            (Some(text), _) => Cell::text(text),
            (None, Some(b)) => Cell::Number(b),
            (None, None) => Cell::text("/"),
        }
    }

    /// The resolved rule, else the expression, marked when it accumulates from zero.
    fn rule_cell(&self, lang: Lang) -> String {
        let rule = self.target.resolved.clone().unwrap_or_else(|| self.target.expression.clone());
        match (self.cumulative, lang) {
            (true, Lang::Zh) => format!("{rule}，累计"),
            (true, Lang::En) => format!("{rule}, cumulative"),
            (false, _) => rule,
        }
    }

    fn applicability(&self, catalog: &Catalog, lang: Lang) -> String {
        let all = catalog.areas().count();
        let official = if self.city_row == "全市" {
            String::new()
        } else if lang == Lang::Zh {
            format!("；以{}为准", self.city_row)
        } else {
            format!("; official row {}", self.city_row)
        };
        let scope = match (self.areas.len(), lang) {
            (0, Lang::Zh) => format!("仅{}", self.city_row),
            (0, Lang::En) => format!("{} only", self.city_row),
            (n, Lang::Zh) if n == all => "全部地区".into(),
            (n, Lang::En) if n == all => "all areas".into(),
            (n, Lang::Zh) => format!("{}：{n}个地区", self.applies_to.join("、")),
            (n, Lang::En) => format!("{}: {n} areas", self.applies_to.join(", ")),
        };
        if self.areas.is_empty() { scope } else { format!("{scope}{official}") }
    }
}

/// The list as content: a table with the plan's words and the rule each resolves to, a count, and
/// the entries as the JSON document and CSV records.
pub fn build(catalog: &Catalog, entries: &[Entry], lang: Lang) -> anyhow::Result<Content> {
    let columns = vec![
        Column::text(words(lang, "序号", "no")),
        Column::text("id").key(),
        Column::wrapping(words(lang, "指标", "indicator")),
        Column::text(words(lang, "类型", "type")),
        Column::wrapping(words(lang, "领域", "domain")),
        Column { align: Align::Right, ..Column::wrapping(words(lang, "基准", "baseline")) },
        Column::wrapping(words(lang, "目标", "target")),
        Column::wrapping(words(lang, "判定规则", "rule")),
        Column::number(words(lang, "期限", "due")),
        Column::wrapping(words(lang, "出处", "source")),
        Column::wrapping(words(lang, "适用", "applies to")),
    ];
    let rows = entries
        .iter()
        .map(|e| {
            let kind = catalog.indicator(e.id).map_or(e.kind, |i| type_label(i.kind, lang));
            vec![
                // A task has no 序号; its id, in the next column, is what data files use.
                Cell::text(if e.label == e.id { "" } else { e.label.as_str() }),
                Cell::text(e.id),
                Cell::text(&e.name),
                Cell::text(kind),
                Cell::text(e.domain),
                e.baseline_cell(),
                Cell::text(e.target.text),
                Cell::text(e.rule_cell(lang)),
                Cell::Number(f64::from(e.due)),
                Cell::text(e.source),
                Cell::text(e.applicability(catalog, lang)),
            ]
        })
        .collect();
    let count = match lang {
        Lang::Zh => format!("共{}项（指标目录：{}）", entries.len(), catalog.origin),
        Lang::En => format!("{} indicator(s) (catalogue: {})", entries.len(), catalog.origin),
    };
    let sheet = Sheet {
        name: words(lang, "指标", "indicators").into(),
        title: String::new(),
        columns,
        rows,
        notes: vec![count],
    };
    let records = entries.iter().map(|e| Ok(record(to_value(e)?, Vec::new()))).collect::<anyhow::Result<_>>()?;
    Ok(Content { sheets: vec![sheet], document: to_value(&entries)?, records, ..Content::default() })
}
