//! A ranking of the reporting areas on one indicator: best first by the indicator's polarity, ties
//! sharing a rank (1, 2, 2, 4), then the areas with no value and those it does not apply to.

use std::cmp::Ordering;

use serde::Serialize;

use super::results::TargetJson;
use super::{Cell, Column, Content, Sheet, reason_cell, record, status_cell, target_cell, to_document, to_value};
use crate::catalog::{Catalog, Indicator};
use crate::evaluate::{Evaluation, Status, Verdict};
use crate::labels::{self, Lang, Word, word};
use crate::target::Better;

/// One area's place.
pub struct Place<'a> {
    /// `None` for an area without a value or to which the indicator does not apply.
    pub rank: Option<usize>,
    pub county: String,
    pub verdict: Option<&'a Verdict>,
}

pub struct Ranking<'a> {
    pub catalog: &'a Catalog,
    pub indicator: &'a Indicator,
    pub places: Vec<Place<'a>>,
}

impl<'a> Ranking<'a> {
    pub fn build(catalog: &'a Catalog, evaluation: &'a Evaluation, indicator: &'a Indicator) -> Ranking<'a> {
        let verdict =
            |area: &str| evaluation.verdicts.iter().find(|v| *v.county == *area && *v.indicator == *indicator.id);
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
        let counties = catalog.counties_by_name();
        unranked.sort_by_key(|p| counties.get(p.county.trim()).is_some_and(|a| !indicator.applies_to_area(a)));
        places.extend(unranked);
        Ranking { catalog, indicator, places }
    }
}

fn status_of(place: &Place) -> Status {
    place.verdict.map_or(Status::Missing, |v| v.status)
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
struct PlaceJson<'a> {
    rank: Option<usize>,
    county: &'a str,
    value: Option<f64>,
    status: Status,
    reason: Option<String>,
}

pub fn build(ranking: &Ranking, evaluation: &Evaluation, lang: Lang) -> anyhow::Result<Content<'static>> {
    let ind = ranking.indicator;
    let first = ranking.places.iter().find_map(|p| p.verdict);
    let places: Vec<PlaceJson> = ranking
        .places
        .iter()
        .map(|p| PlaceJson {
            rank: p.rank,
            county: &p.county,
            value: p.verdict.and_then(|v| v.value).filter(|_| p.rank.is_some()),
            status: status_of(p),
            reason: p.verdict.and_then(|v| v.reason.as_ref()).map(labels::reason_record),
        })
        .collect();
    let records = places
        .iter()
        .zip(&ranking.places)
        .map(|(pj, p)| {
            let lead = vec![
                ("indicator", ind.id.clone().into()),
                ("status_label", labels::status_word(ranking.catalog, status_of(p), lang).into_owned().into()),
            ];
            Ok(record(to_value(pj)?, lead))
        })
        .collect::<anyhow::Result<_>>()?;
    let document = to_document(&RankJson {
        indicator: &ind.id,
        name: ind.display_name(),
        better: ind.better,
        year: evaluation.year,
        stage: evaluation.stage,
        target: first.map(TargetJson::of),
        ranking: places,
    })?;
    Ok(Content {
        heading: vec![heading(ranking, evaluation, lang)],
        sheets: vec![sheet(ranking, lang)],
        document,
        records,
        lang,
        ..Content::default()
    })
}

fn heading(ranking: &Ranking, evaluation: &Evaluation, lang: Lang) -> String {
    let ind = ranking.indicator;
    let target = ranking.places.iter().find_map(|p| p.verdict).map_or(ind.target_text.clone(), target_cell);
    labels::rank_heading(&ind.display_name(), &ind.id, evaluation.year, &target, ind.better, lang)
}

fn sheet(ranking: &Ranking, lang: Lang) -> Sheet {
    let columns = vec![
        Column::number(word(Word::Rank, lang)).key(),
        Column::text(word(Word::Area, lang)).key(),
        match ranking.indicator.unit.as_str() {
            "" => Column::number(word(Word::Value, lang)),
            unit => Column::number(word(Word::Value, lang)).unit(unit),
        },
        Column::text(word(Word::Status, lang)),
        Column::wrapping(word(Word::Reason, lang)),
    ];
    let rows = ranking
        .places
        .iter()
        .map(|place| {
            vec![
                place.rank.map_or(Cell::Missing, Cell::count),
                Cell::text(&place.county),
                place.verdict.map_or(Cell::Missing, super::value_cell),
                status_cell(ranking.catalog, status_of(place), lang),
                Cell::text(place.verdict.map_or(String::new(), |v| reason_cell(v, lang))),
            ]
        })
        .collect();
    Sheet { name: word(Word::RankingSheet, lang).into(), title: String::new(), columns, rows, notes: Vec::new() }
}
