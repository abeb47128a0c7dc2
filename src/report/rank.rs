//! A ranking of the reporting areas on one indicator: best first by the indicator's polarity, ties
//! sharing a rank (1, 2, 2, 4), then the areas with no value and those it does not apply to.

use std::cmp::Ordering;
use std::io::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

use super::{reason_cell, status_label, target_cell, value_cell};
use crate::Lang;
use crate::catalog::{Catalog, Indicator};
use crate::evaluate::{Evaluation, Status, Verdict};
use crate::target::Better;

/// One area's place.
pub struct Place<'a> {
    /// `None` for an area without a value or to which the indicator does not apply.
    pub rank: Option<usize>,
    pub county: String,
    pub verdict: Option<&'a Verdict>,
}

pub struct Ranking<'a> {
    pub indicator: &'a Indicator,
    pub places: Vec<Place<'a>>,
}

impl<'a> Ranking<'a> {
    pub fn build(catalog: &'a Catalog, evaluation: &'a Evaluation, indicator: &'a Indicator) -> Ranking<'a> {
        let verdict = |area: &str| evaluation.verdicts.iter().find(|v| v.county == area && v.indicator == indicator.id);
        let mut ranked = Vec::new();
        let mut unranked = Vec::new();
        for area in catalog.areas() {
            let v = verdict(&area.name);
            match v.and_then(|v| v.value).filter(|_| indicator.applies_to_area(area)) {
                Some(value) => ranked.push((value, Place { rank: None, county: area.name.clone(), verdict: v })),
                None => unranked.push(Place { rank: None, county: area.name.clone(), verdict: v }),
            }
        }
        let best_first = |a: &f64, b: &f64| match indicator.better {
            Better::Higher => b.partial_cmp(a),
            Better::Lower => a.partial_cmp(b),
        };
        ranked.sort_by(|(a, _), (b, _)| best_first(a, b).unwrap_or(Ordering::Equal));
        let mut places = Vec::with_capacity(ranked.len() + unranked.len());
        let mut previous: Option<f64> = None;
        for (i, (value, mut place)) in ranked.into_iter().enumerate() {
            let rank = match (previous, places.last()) {
                (Some(p), Some(Place { rank, .. })) if p == value => *rank,
                _ => Some(i + 1),
            };
            place.rank = rank;
            previous = Some(value);
            places.push(place);
        }
        // Missing values before areas the indicator does not apply to.
        unranked.sort_by_key(|p| catalog.county(&p.county).is_some_and(|a| !indicator.applies_to_area(a)));
        places.extend(unranked);
        Ranking { indicator, places }
    }
}

fn status_of(place: &Place) -> Status {
    place.verdict.map_or(Status::Missing, |v| v.status)
}

pub fn table(ranking: &Ranking, evaluation: &Evaluation, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    let ind = ranking.indicator;
    let direction = match (ind.better, lang) {
        (Better::Higher, Lang::Zh) => "越高越好",
        (Better::Lower, Lang::Zh) => "越低越好",
        (Better::Higher, Lang::En) => "higher is better",
        (Better::Lower, Lang::En) => "lower is better",
    };
    let target = ranking.places.iter().find_map(|p| p.verdict).map_or(ind.target_text.clone(), target_cell);
    match lang {
        Lang::Zh => {
            writeln!(out, "{}（{}）　{} 年　目标：{target}　{direction}", ind.display_name(), ind.id, evaluation.year)?
        }
        Lang::En => writeln!(
            out,
            "{} ({})  year {}  target: {target}  {direction}",
            ind.display_name(),
            ind.id,
            evaluation.year
        )?,
    }
    let head: [&str; 5] = match lang {
        Lang::Zh => ["名次", "地区", "本期值", "状态", "说明"],
        Lang::En => ["rank", "area", "value", "status", "reason"],
    };
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled).set_header(head);
    for place in &ranking.places {
        let rank = place.rank.map_or("—".to_string(), |r| r.to_string());
        let value = place.verdict.map_or("—".to_string(), value_cell);
        let reason = place.verdict.map_or(String::new(), |v| reason_cell(v, lang));
        t.add_row(vec![
            Cell::new(rank).set_alignment(CellAlignment::Right),
            Cell::new(&place.county),
            Cell::new(value).set_alignment(CellAlignment::Right),
            Cell::new(status_label(status_of(place), lang)),
            Cell::new(reason),
        ]);
    }
    writeln!(out, "{t}")?;
    Ok(())
}

#[derive(Serialize)]
struct RankJson<'a> {
    indicator: &'a str,
    name: String,
    better: Better,
    year: i32,
    stage: crate::evaluate::Stage,
    target: Option<TargetJson<'a>>,
    ranking: Vec<PlaceJson<'a>>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    text: &'a str,
    resolved: Option<&'a str>,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct PlaceJson<'a> {
    rank: Option<usize>,
    county: &'a str,
    value: Option<f64>,
    status: Status,
    reason: Option<String>,
}

pub fn json(ranking: &Ranking, evaluation: &Evaluation, out: &mut dyn Write) -> anyhow::Result<()> {
    let ind = ranking.indicator;
    let target = ranking.places.iter().find_map(|p| p.verdict).map(|v| TargetJson {
        text: &v.target.text,
        resolved: v.target.resolved.as_deref(),
        source: v.target.source.as_deref(),
    });
    let doc = RankJson {
        indicator: &ind.id,
        name: ind.display_name(),
        better: ind.better,
        year: evaluation.year,
        stage: evaluation.stage,
        target,
        ranking: ranking
            .places
            .iter()
            .map(|p| PlaceJson {
                rank: p.rank,
                county: &p.county,
                value: p.verdict.and_then(|v| v.value).filter(|_| p.rank.is_some()),
                status: status_of(p),
                reason: p.verdict.and_then(|v| v.reason.as_ref()).map(|r| r.text(Lang::En)),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
