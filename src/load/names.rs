//! The catalogue's names — areas and their aliases, indicator ids and names — in hash maps, so a large
//! file that names the same few areas and indicators on every row looks each up in constant time.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::catalog::{Catalog, County, Indicator};
use crate::problem::closest;

/// What an indicator header or cell refers to.
pub(super) enum Lookup<'c> {
    /// The indicator and its position in the catalogue.
    One(u32, &'c Indicator),
    /// A name several indicators share (row 4's four pollutants): only the id or the name with its
    /// part says which one.
    Shared(Vec<&'c Indicator>),
}

pub(super) struct Names<'c> {
    pub catalog: &'c Catalog,
    /// Suggestions already worked out, by the unknown text: a file that repeats one unknown name on
    /// two million rows computes its did-you-mean once. Bounded, so distinct names cannot grow it.
    hints: RefCell<FxHashMap<String, Option<String>>>,
    // FxHash: these maps are probed twice per row, and their keys come from the catalogue, so
    // SipHash's flooding resistance buys nothing.
    counties: FxHashMap<&'c str, (u32, &'c County)>,
    indicators: FxHashMap<Cow<'c, str>, Lookup<'c>>,
    /// Indicator names as offices write them ([`fold`]): `森林覆盖率(%)`, `单位GDP能耗降低率（%）`, `绿盈乡村比例`.
    folded: FxHashMap<String, Lookup<'c>>,
}

impl<'c> Names<'c> {
    pub fn new(catalog: &'c Catalog) -> Names<'c> {
        let mut counties = FxHashMap::default();
        for (no, c) in (0..).zip(&catalog.counties) {
            for name in std::iter::once(&c.name).chain(&c.aliases).filter(|n| matchable(n)) {
                counties.entry(name.as_str()).or_insert((no, c));
            }
        }
        let mut indicators: FxHashMap<Cow<'c, str>, Lookup<'c>> = FxHashMap::default();
        let mut by_name: HashMap<&str, Vec<(u32, &Indicator)>> = HashMap::new();
        for (no, ind) in (0..).zip(&catalog.indicators) {
            indicators.entry(Cow::Borrowed(ind.id.as_str())).or_insert(Lookup::One(no, ind));
            indicators.entry(Cow::Owned(ind.display_name())).or_insert(Lookup::One(no, ind));
            by_name.entry(ind.name.as_str()).or_default().push((no, ind));
        }
        indicators.retain(|name, _| matchable(name));
        for (name, inds) in by_name.into_iter().filter(|(name, _)| matchable(name)) {
            let lookup = match inds[..] {
                [(no, ind)] => Lookup::One(no, ind),
                _ => Lookup::Shared(inds.into_iter().map(|(_, i)| i).collect()),
            };
            indicators.entry(Cow::Borrowed(name)).or_insert(lookup);
        }
        let mut by_fold: FxHashMap<String, Vec<(u32, &Indicator)>> = FxHashMap::default();
        for (no, ind) in (0..).zip(&catalog.indicators) {
            for name in [ind.display_name(), ind.name.clone()] {
                let same = by_fold.entry(fold(&name)).or_default();
                if !same.iter().any(|(n, _)| *n == no) {
                    same.push((no, ind));
                }
            }
        }
        let folded = by_fold
            .into_iter()
            .filter(|(key, _)| !key.is_empty())
            .map(|(key, inds)| {
                let lookup = match inds[..] {
                    [(no, ind)] => Lookup::One(no, ind),
                    _ => Lookup::Shared(inds.into_iter().map(|(_, i)| i).collect()),
                };
                (key, lookup)
            })
            .collect();
        Names { catalog, counties, indicators, folded, hints: RefCell::default() }
    }

    /// The area a name or alias refers to, and its position in the catalogue. A cell is trimmed;
    /// most need not be, and the keys are all [`matchable`], so the cell as written is tried first.
    pub fn county(&self, raw: &str) -> Option<(u32, &'c County)> {
        self.counties.get(raw).or_else(|| self.counties.get(raw.trim())).copied()
    }

    /// The indicator an id, a name or a name with its part refers to (trimmed, as [`Names::county`]);
    /// failing that, the one its name refers to once folded ([`fold`]), when only one does.
    pub fn indicator(&self, raw: &str) -> Option<&Lookup<'c>> {
        self.indicator_exact(raw).or_else(|| self.folded.get(&fold(raw)))
    }

    /// The indicator an id, a name or a name with its part refers to as it is written.
    pub fn indicator_exact(&self, raw: &str) -> Option<&Lookup<'c>> {
        self.indicators.get(raw).or_else(|| self.indicators.get(raw.trim()))
    }

    /// The known area name closest to a name that is not known; catalogue order breaks ties.
    pub fn county_hint(&self, raw: &str) -> Option<String> {
        self.remembered('c', raw, || {
            let known = self.catalog.counties.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases));
            closest(raw, known.map(String::as_str))
        })
    }

    /// The known indicator id or name closest to one that is not known. A shared name is never
    /// suggested: its parts' names are (`…减少（%）：氮氧化物`).
    pub fn indicator_hint(&self, raw: &str) -> Option<String> {
        self.remembered('i', raw, || {
            let names = self.catalog.indicators.iter().map(|i| i.display_name()).collect::<Vec<_>>();
            let known = self.catalog.indicators.iter().map(|i| i.id.as_str()).chain(names.iter().map(String::as_str));
            closest(raw, known)
        })
    }

    fn remembered(&self, kind: char, raw: &str, find: impl FnOnce() -> Option<String>) -> Option<String> {
        const REMEMBERED: usize = 4096;
        let key = format!("{kind}{raw}");
        if let Some(hint) = self.hints.borrow().get(&key) {
            return hint.clone();
        }
        let hint = find();
        let mut hints = self.hints.borrow_mut();
        if hints.len() < REMEMBERED && raw.len() <= 400 {
            hints.insert(key, hint.clone());
        }
        hint
    }
}

/// An indicator name as offices write it, folded: full-width brackets and colons made half-width, every
/// space gone, and a trailing unit in brackets dropped, so that `森林覆盖率(%)`, `森林覆盖率（%）` and
/// `森林覆盖率` are one name, and `单位GDP能耗降低率（%）` is the catalogue's `单位 GDP 能耗降低率(%)`.
pub(super) fn fold(name: &str) -> String {
    let mut folded: String =
        super::number::fold_full_width(name.trim()).chars().filter(|c| !c.is_whitespace()).collect();
    if folded.ends_with(')')
        && let Some(open) = folded.rfind('(')
        && open > 0
    {
        folded.truncate(open);
    }
    folded
}

/// Whether a catalogue name can match a cell, which is trimmed before it is compared: a name with
/// spaces around it never can, and is left out of the lookups.
fn matchable(name: &str) -> bool {
    name.trim() == name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::embedded().expect("the shipped catalogue is valid")
    }

    #[test]
    fn finds_areas_by_name_or_alias_and_indicators_by_id_or_name() {
        let catalog = catalog();
        let names = Names::new(&catalog);
        assert_eq!(names.county(" 晋江 ").map(|(_, c)| c.name.as_str()), Some("晋江市"));
        assert!(names.county("厦门市").is_none());
        let id = |raw: &str| match names.indicator(raw) {
            Some(Lookup::One(_, i)) => Some(i.id.as_str()),
            _ => None,
        };
        assert_eq!(id("forest_coverage"), Some("forest_coverage"));
        assert_eq!(id("森林覆盖率（%）"), Some("forest_coverage"));
        assert_eq!(
            id("主要污染物（氮氧化物、挥发性有机物、化学需氧量、氨氮）减少（%）：氨氮"),
            Some("ammonia_nitrogen_reduction")
        );
        assert!(matches!(
            names.indicator("主要污染物（氮氧化物、挥发性有机物、化学需氧量、氨氮）减少（%）"),
            Some(Lookup::Shared(v)) if v.len() == 4
        ));
    }

    #[test]
    fn names_as_offices_write_them_fold_to_the_catalogues() {
        let catalog = catalog();
        let names = Names::new(&catalog);
        let id = |raw: &str| match names.indicator(raw) {
            Some(Lookup::One(_, i)) => Some(i.id.as_str()),
            _ => None,
        };
        assert_eq!(id("森林覆盖率(%)"), Some("forest_coverage"));
        assert!(names.indicator_exact("森林覆盖率(%)").is_none(), "only once folded");
        assert_eq!(id("单位GDP能耗降低率（%）"), Some("energy_intensity_reduction"));
        assert_eq!(id("绿盈乡村比例"), Some("green_village_share"));
        assert_eq!(fold(" 单位 GDP 能耗降低率(%) "), "单位GDP能耗降低率");
        // Two indicators whose names differ by their part alone stay shared: no guess.
        assert!(matches!(
            names.indicator("主要污染物(氮氧化物、挥发性有机物、化学需氧量、氨氮)减少(%)"),
            Some(Lookup::Shared(v)) if v.len() == 4
        ));
    }

    #[test]
    fn a_cell_is_trimmed_before_it_is_looked_up() {
        let mut catalog = catalog();
        catalog.counties[1].aliases.push("JJ ".into());
        let names = Names::new(&catalog);
        assert!(names.county(" 晋江市\u{3000}").is_some());
        // The cell's spaces go, whatever names the catalogue holds: a padded alias matches no cell.
        assert!(names.county("JJ ").is_none());
        assert!(names.indicator(" forest_coverage ").is_some());
    }

    #[test]
    fn hints_are_deterministic_whatever_the_hash_order() {
        let catalog = catalog();
        let names = Names::new(&catalog);
        assert_eq!(names.county_hint("晋江巿"), Some("晋江市".into()));
        assert_eq!(names.indicator_hint("forest_coverag"), Some("forest_coverage".into()));
        let typo = "主要污染物（氮氧化物、挥发性有机物、化学需氧量、氨氮）减少（%）：氮氧物";
        assert_eq!(
            names.indicator_hint(typo).as_deref(),
            Some("主要污染物（氮氧化物、挥发性有机物、化学需氧量、氨氮）减少（%）：氮氧化物")
        );
    }
}
