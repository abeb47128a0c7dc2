//! What a revised set of data files changes (`plan-check diff`): the verdicts that moved, the values
//! that moved without moving a verdict, and the rows behind them. Pure, like [`crate::evaluate`]: two
//! datasets and their evaluations in, a [`Diff`] out.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::catalog::{Catalog, IndicatorType};
use crate::evaluate::{Evaluation, Status, Verdict};
use crate::load::{Dataset, Location};

/// A verdict on one side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judged {
    pub status: Status,
    pub value: Option<f64>,
}

/// One data row as a side gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub at: Location,
}

/// An (area, indicator, year) whose row differs between the sides: added, removed or changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub area: String,
    pub indicator: String,
    pub year: i32,
    pub before: Option<Row>,
    pub after: Option<Row>,
}

impl RowChange {
    /// Where the change is: the row as revised, else the row that was removed.
    pub fn at(&self) -> Option<&Location> {
        self.after.as_ref().or(self.before.as_ref()).map(|r| &r.at)
    }
}

/// One (indicator, area) whose verdict or value differs. A side without the verdict (the area has no
/// rows there) is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub indicator: Arc<str>,
    pub area: Arc<str>,
    /// The indicator's official, city-level verdict.
    pub official: bool,
    pub binding: bool,
    pub before: Option<Judged>,
    pub after: Option<Judged>,
    /// The changed rows that feed this verdict: positions in [`Diff::rows`].
    pub causes: Vec<usize>,
}

impl Change {
    fn status(side: Option<Judged>) -> Option<Status> {
        side.map(|j| j.status)
    }

    /// Whether the verdict itself moved (not only its value).
    pub fn moves_verdict(&self) -> bool {
        Change::status(self.before) != Change::status(self.after)
    }
}

/// Everything that differs between two evaluations of the same year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    pub year: i32,
    /// Verdicts that moved, in catalogue order, each indicator's city-level row first.
    pub verdicts: Vec<Change>,
    /// Verdicts whose value moved while the verdict stayed.
    pub values: Vec<Change>,
    /// Every row that differs, in catalogue order of area and indicator, then year.
    pub rows: Vec<RowChange>,
}

impl Diff {
    /// A binding indicator's city-level verdict moved (`--fail-on binding-change`).
    pub fn binding_change(&self) -> bool {
        self.verdicts.iter().any(|c| c.official && c.binding)
    }
}

/// Where a verdict sorts: the indicator's position in the catalogue, the city-level row first, the area's
/// position.
type Order = (usize, bool, usize);

/// Compares two evaluations of one year, each with the data it was made from. Both are read against
/// the same catalogue.
pub fn diff(catalog: &Catalog, before: (&Dataset, &Evaluation), after: (&Dataset, &Evaluation)) -> Diff {
    let rows = changed_rows(before.0, after.0);
    let year = after.1.year;
    let key = |v: &Verdict| (v.indicator.clone(), v.county.clone());
    let judged = |v: &Verdict| Judged { status: v.status, value: v.value };
    let mut pairs: BTreeMap<Order, (Option<&Verdict>, Option<&Verdict>)> = BTreeMap::new();
    let order = |v: &Verdict| {
        let ind = catalog.indicators.iter().position(|i| *i.id == *v.indicator).unwrap_or(usize::MAX);
        let area = catalog.counties.iter().position(|c| *c.name == *v.county).unwrap_or(usize::MAX);
        (ind, !v.official, area)
    };
    let mut seen: FxHashMap<(Arc<str>, Arc<str>), Order> = FxHashMap::default();
    for v in &after.1.verdicts {
        seen.insert(key(v), order(v));
        pairs.entry(order(v)).or_default().1 = Some(v);
    }
    for v in &before.1.verdicts {
        let at = seen.get(&key(v)).copied().unwrap_or_else(|| order(v));
        pairs.entry(at).or_default().0 = Some(v);
    }
    let mut diff = Diff { year, rows: Vec::new(), ..Diff::default() };
    for (b, a) in pairs.into_values() {
        let Some(v) = a.or(b) else { continue };
        let (bj, aj) = (b.map(judged), a.map(judged));
        let value_moved = !same(bj.and_then(|j| j.value), aj.and_then(|j| j.value));
        let binding = catalog.indicator(&v.indicator).is_some_and(|i| i.kind == IndicatorType::Binding);
        let official = a.map_or(v.official, |a| a.official);
        let causes = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| *r.indicator == *v.indicator && r.year <= year && (official || *r.area == *v.county))
            .map(|(i, _)| i)
            .collect();
        let change = Change {
            indicator: v.indicator.clone(),
            area: v.county.clone(),
            official,
            binding,
            before: bj,
            after: aj,
            causes,
        };
        if change.moves_verdict() {
            diff.verdicts.push(change);
        } else if value_moved {
            diff.values.push(change);
        }
    }
    diff.rows = rows;
    diff
}

/// Two values the same to within rounding noise, or both absent.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// The rows of the two datasets by (area, indicator, year), those that differ in value, numerator or
/// denominator, or are on one side only. Both datasets were read against one catalogue, so an area's
/// or an indicator's position is the same in both.
fn changed_rows(before: &Dataset, after: &Dataset) -> Vec<RowChange> {
    type Key = (u32, u32, i32);
    let rows_of = |data: &Dataset| -> BTreeMap<Key, Row> {
        data.measurements
            .iter()
            .map(|m| {
                let details = data.details_of(m);
                let row = Row {
                    value: m.value(),
                    numerator: details.and_then(|d| d.numerator),
                    denominator: details.and_then(|d| d.denominator),
                    at: data.location(m),
                };
                ((m.county, m.indicator, m.year), row)
            })
            .collect()
    };
    let name = |names: &[String], i: u32| names.get(i as usize).cloned().unwrap_or_default();
    let change = |(area, ind, year): Key, before: Option<Row>, after_row: Option<Row>| RowChange {
        area: name(&after.counties, area),
        indicator: name(&after.indicators, ind),
        year,
        before,
        after: after_row,
    };
    let (mut old, new) = (rows_of(before), rows_of(after));
    let mut changes: BTreeMap<Key, RowChange> = BTreeMap::new();
    for (k, row) in new {
        let was = old.remove(&k);
        let differs = was.as_ref().is_none_or(|w| {
            !same(w.value, row.value) || !same(w.numerator, row.numerator) || !same(w.denominator, row.denominator)
        });
        if differs {
            changes.insert(k, change(k, was, Some(row)));
        }
    }
    for (k, row) in old {
        changes.insert(k, change(k, Some(row), None));
    }
    changes.into_values().collect()
}
