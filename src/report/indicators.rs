//! The catalogue as a list, for `plan-check indicators`: a table, a JSON array or CSV, one entry per
//! indicator with its target as the plan words it and as the rule it resolves to.

use std::io::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

use super::type_label;
use crate::Lang;
use crate::catalog::{Catalog, Indicator};
use crate::target::{Better, Context, Resolved, num};

/// One indicator as listed. Field names are a stable interface (README.md, "plan-check indicators").
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

    fn baseline_cell(&self) -> String {
        match (self.baseline_text, self.baseline) {
            (Some(text), _) => text.to_string(),
            (None, Some(b)) => num(b),
            (None, None) => "/".into(),
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

pub fn render_table(catalog: &Catalog, entries: &[Entry], lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let head = match lang {
        Lang::Zh => ["序号", "id", "指标", "类型", "领域", "基准", "目标", "判定规则", "期限", "出处", "适用"],
        Lang::En => {
            ["no", "id", "indicator", "type", "domain", "baseline", "target", "rule", "due", "source", "applies to"]
        }
    };
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled).set_header(head);
    for e in entries {
        let kind = catalog.indicator(e.id).map_or(e.kind, |i| type_label(i.kind, lang));
        t.add_row(vec![
            // A task has no 序号; its id, in the next column, is what data files use.
            Cell::new(if e.label == e.id { "" } else { e.label.as_str() }),
            Cell::new(e.id),
            Cell::new(&e.name),
            Cell::new(kind),
            Cell::new(e.domain),
            Cell::new(e.baseline_cell()).set_alignment(CellAlignment::Right),
            Cell::new(e.target.text),
            Cell::new(e.rule_cell(lang)),
            Cell::new(e.due).set_alignment(CellAlignment::Right),
            Cell::new(e.source),
            Cell::new(e.applicability(catalog, lang)),
        ]);
    }
    writeln!(out, "{t}")?;
    match lang {
        Lang::Zh => writeln!(out, "共{}项（指标目录：{}）", entries.len(), catalog.origin)?,
        Lang::En => writeln!(out, "{} indicator(s) (catalogue: {})", entries.len(), catalog.origin)?,
    }
    Ok(())
}

pub fn render_json(entries: &[Entry], out: &mut dyn Write) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, entries).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// CSV columns, in order; list fields are joined with `;`.
pub const CSV_HEADER: [&str; 19] = [
    "label",
    "id",
    "name",
    "domain",
    "type",
    "unit",
    "better",
    "baseline",
    "baseline_text",
    "target_text",
    "target",
    "resolved",
    "due",
    "cumulative",
    "source",
    "city_row",
    "areas",
    "quote",
    "note",
];

pub fn render_csv(entries: &[Entry], out: &mut dyn Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER).map_err(std::io::Error::from)?;
    for e in entries {
        let better = match e.better {
            Better::Higher => "higher",
            Better::Lower => "lower",
        };
        w.write_record([
            e.label.as_str(),
            e.id,
            &e.name,
            e.domain,
            e.kind,
            e.unit,
            better,
            &e.baseline.map(num).unwrap_or_default(),
            e.baseline_text.unwrap_or_default(),
            e.target.text,
            &e.target.expression,
            e.target.resolved.as_deref().unwrap_or_default(),
            &e.due.to_string(),
            if e.cumulative { "true" } else { "false" },
            e.source,
            e.city_row,
            &e.areas.join(";"),
            e.quote.unwrap_or_default(),
            e.note.unwrap_or_default(),
        ])
        .map_err(std::io::Error::from)?;
    }
    w.flush()?;
    Ok(())
}
