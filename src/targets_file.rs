//! Assigned targets (`--targets FILE`): one table per indicator id. Its `target` is the province's,
//! replacing the plan's target for the city as note 4 under Table 2 says (若省有下达的、执行省下达指标); its
//! `areas` table holds the targets the city assigns to single areas, which replace it there.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::catalog::{Catalog, Indicator, LineIndex, issue, target_fits};
use crate::problem::{Broken, Code, Problem};
use crate::target::Target;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvinceTarget {
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    areas: BTreeMap<String, toml::Spanned<String>>,
}

/// Every problem found in a targets file, each a [`Problem`] of code `invalid-targets`. Its own type,
/// so that the message says which file is wrong: a bad `--targets` file is not an invalid catalogue.
/// Its words are in `crate::labels` (its `Display` is the English).
#[derive(Debug, Clone)]
pub struct TargetsError {
    pub issues: Vec<Problem>,
}

impl std::error::Error for TargetsError {}

/// The targets assigned for one indicator: the province's for the city, and the city's for its areas,
/// with the document that assigned them.
#[derive(Debug, Clone, PartialEq)]
pub struct FileTarget {
    /// The target for the city; `None` keeps the plan's.
    pub target: Option<Target>,
    pub source: Option<String>,
    /// Targets for single areas, by the area's catalogue name (下达各县（市、区）的目标).
    pub areas: BTreeMap<String, Target>,
}

/// The assigned targets by indicator id.
#[derive(Debug, Clone, Default)]
pub struct TargetsFile {
    pub by_id: BTreeMap<String, FileTarget>,
}

impl TargetsFile {
    /// Reads a targets file, checking each id against the catalogue, each area against its areas and
    /// each target against the language. `origin` names the file in messages.
    pub fn parse(text: &str, origin: &str, catalog: &Catalog) -> Result<TargetsFile, TargetsError> {
        let table: BTreeMap<String, toml::Spanned<RawProvinceTarget>> =
            toml::from_str(text).map_err(|e| TargetsError {
                issues: vec![issue(
                    Code::InvalidTargets,
                    origin,
                    e.span().map_or(1, |s| LineIndex::new(text).line(s.start)),
                    None,
                    Broken::Toml { message: e.message().trim().to_string() },
                )],
            })?;
        let mut issues = Vec::new();
        let mut by_id = BTreeMap::new();
        let lines = LineIndex::new(text);
        let ids = catalog.indicators.iter().map(|i| (i.id.as_str(), ())).collect::<rustc_hash::FxHashMap<_, _>>();
        for (id, spanned) in table {
            let line = lines.line(spanned.span().start);
            let raw = spanned.into_inner();
            let issue = |line, broken: Broken| issue(Code::InvalidTargets, origin, line, Some(&id), broken);
            if !ids.contains_key(id.as_str()) {
                // A suggestion costs a comparison with every id: the first few unknown ids get one.
                let hint = if issues.len() < HINTED {
                    crate::problem::closest(&id, catalog.indicators.iter().map(|i| i.id.as_str()))
                } else {
                    None
                };
                issues.push(issue(line, Broken::UnknownId { id: id.clone(), hint }));
                continue;
            }
            if raw.target.is_none() && raw.areas.is_empty() {
                issues.push(issue(line, Broken::NoTargetNorAreas));
                continue;
            }
            let ind = catalog.indicator(&id).filter(|i| i.id == id);
            let fits = |t: &str| assigned(t).and_then(|target| fit(catalog, ind, target, t));
            let target = raw.target.as_deref().map(fits);
            let mut areas = BTreeMap::new();
            // The name each area was given under: one area under its name and its alias (or padded) is
            // two targets for one area, and neither may silently win.
            let mut given: BTreeMap<String, &str> = BTreeMap::new();
            for (name, value) in &raw.areas {
                let at = lines.line(value.span().start);
                let Some(area) = catalog.county(name) else {
                    let known = catalog.counties.iter().flat_map(|c| std::iter::once(&c.name).chain(&c.aliases));
                    let hint = if issues.len() < HINTED {
                        crate::problem::closest(name, known.map(String::as_str))
                    } else {
                        None
                    };
                    issues.push(issue(at, Broken::UnknownArea { name: name.clone(), hint }));
                    continue;
                };
                if let Some(first) = given.insert(area.name.clone(), name) {
                    let (first, name) = (crate::problem::escape(first), crate::problem::escape(name));
                    let (first, second) = (first.into_owned(), name.into_owned());
                    issues.push(issue(at, Broken::AreaTwice { area: area.name.clone(), first, second }));
                    continue;
                }
                match fits(value.get_ref()) {
                    Ok(t) => {
                        areas.insert(area.name.clone(), t);
                    }
                    Err(why) => {
                        issues.push(issue(at, Broken::AreaTarget { area: area.name.clone(), why: Box::new(why) }))
                    }
                }
            }
            match target.transpose() {
                Ok(target) => {
                    // Display text from input, shown in every format: escaped once, here.
                    let source = raw.source.map(|s| crate::problem::escape(&s).into_owned());
                    by_id.insert(id.clone(), FileTarget { target, source, areas });
                }
                Err(broken) => issues.push(issue(line, broken)),
            }
        }
        if issues.len() > SHOWN_ISSUES {
            let more = issues.len() - SHOWN_ISSUES;
            issues.truncate(SHOWN_ISSUES);
            let line = issues.last().and_then(|i| i.line).unwrap_or(1);
            issues.push(issue(Code::InvalidTargets, origin, line, None, Broken::MoreNotShown { more }));
        }
        if issues.is_empty() { Ok(TargetsFile { by_id }) } else { Err(TargetsError { issues }) }
    }

    /// The assigned target for an indicator in one area (or city row): the area's own, else the
    /// city's, with its source; `None` when nothing was assigned and the plan's target stands.
    /// The flag says whether the target is the area's own.
    pub fn for_row(&self, id: &str, area: &str) -> Option<(&Target, Option<&str>, bool)> {
        let p = self.by_id.get(id)?;
        match p.areas.get(area) {
            Some(t) => Some((t, p.source.as_deref(), true)),
            None => Some((p.target.as_ref()?, p.source.as_deref(), false)),
        }
    }
}

/// A target as assigned: any form of the language but `province`, which would assign nothing.
fn assigned(text: &str) -> Result<Target, Broken> {
    match text.parse::<Target>() {
        Ok(Target::Province) => Err(Broken::AssignedProvince),
        Ok(t) => Ok(t),
        Err(e) => Err(Broken::Target(e)),
    }
}

/// Unknown names after this many issues get no did-you-mean: a file of 100,000 typos stays linear.
const HINTED: usize = 50;

/// Problems of a targets file shown; the rest are counted: 200,000 unknown ids once printed 19 MB.
pub const SHOWN_ISSUES: usize = 100;

/// Whether an assigned target fits its indicator as the catalogue's own targets must: a reference the
/// catalogue defines, a trend or `eliminated` that agrees with the indicator's direction, a value its
/// unit allows, `%` only on a percentage, `done` only on a yes/no indicator.
fn fit(catalog: &Catalog, ind: Option<&Indicator>, target: Target, text: &str) -> Result<Target, Broken> {
    if let Target::Reference(id) = &target
        && catalog.reference(id).is_none()
    {
        return Err(Broken::AssignedUnknownReference { id: id.clone() });
    }
    let Some(ind) = ind else { return Ok(target) };
    if let Some(broken) = crate::catalog::values::resolved_issue(&ind.unit, ind.cumulative, ind.baseline, &target) {
        return Err(broken);
    }
    match target_fits(&ind.unit, ind.better, ind.cumulative, ind.target == Target::Done, &target, text) {
        Some(why) => Err(Broken::AssignedMisfit { text: text.trim().to_string(), id: ind.id.clone(), why }),
        None => Ok(target),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog::embedded().unwrap()
    }

    #[test]
    fn reads_targets_with_sources() {
        let t = TargetsFile::parse(
            "[pm25_central]\ntarget = \"<= 22\"\nsource = \"闽环保〔2022〕1号\"\n",
            "t.toml",
            &catalog(),
        )
        .unwrap();
        let (target, source, for_area) = t.for_row("pm25_central", "中心市区").unwrap();
        assert_eq!((target.to_string(), source, for_area), ("<= 22".to_string(), Some("闽环保〔2022〕1号"), false));
        // An area without its own target is held to the city's.
        assert_eq!(
            t.for_row("pm25_central", "晋江市").map(|(t, _, a)| (t.to_string(), a)),
            Some(("<= 22".into(), false))
        );
        assert!(t.for_row("forest_coverage", "全市").is_none());
    }

    #[test]
    fn areas_get_their_own_targets_by_name_or_alias() {
        let text = "[forest_coverage]\nsource = \"市下达各县目标（示例）\"\n[forest_coverage.areas]\n\"鲤城\" = \">= 20\"\n\"晋江市\" = \"14.5\"\n";
        let t = TargetsFile::parse(text, "t.toml", &catalog()).unwrap();
        let row = |area| t.for_row("forest_coverage", area).map(|(t, s, a)| (t.to_string(), s.map(str::to_string), a));
        assert_eq!(row("鲤城区"), Some((">= 20".into(), Some("市下达各县目标（示例）".into()), true)));
        assert_eq!(row("晋江市"), Some(("14.5".into(), Some("市下达各县目标（示例）".into()), true)));
        // No city target given: the city row keeps the plan's.
        assert_eq!(row("全市"), None);
    }

    #[test]
    fn area_targets_name_real_areas_and_readable_targets() {
        let text = "[forest_coverage.areas]\n\"晋江县\" = \">= 14\"\n\"安溪县\" = \"lots\"\n\n[pm25_central]\nsource = \"x\"\n";
        let err = TargetsFile::parse(text, "t.toml", &catalog()).unwrap_err().to_string();
        assert!(
            err.contains("t.toml:2: forest_coverage: no area named \"晋江县\" in the catalogue (did you mean 晋江市?)"),
            "{err}"
        );
        assert!(err.contains("t.toml:3: forest_coverage: 安溪县: cannot read target \"lots\""), "{err}");
        assert!(
            err.contains("t.toml:5: pm25_central: give a `target`, an `[….areas]` table of area targets, or both"),
            "{err}"
        );
    }

    #[test]
    fn targets_are_checked_against_their_indicator_as_the_catalogues_are() {
        for (text, why) in [
            ("[pm25_central]\ntarget = \"reference no_such_ref\"\n", "no [[reference]] of the catalogue defines"),
            ("[pm25_central]\ntarget = \"rising\"\n", "rising on an indicator where lower is better"),
            (
                "[pm25_central]\ntarget = \"eliminated\"\n",
                "eliminated is a share in %, and this indicator is measured in μg/m3",
            ),
            ("[pm25_central]\ntarget = \"<= 22%\"\n", "a % on an indicator measured in μg/m3"),
            ("[forest_coverage]\ntarget = \">= -5\"\n", "-5 is outside what the indicator can measure (0 to 100)"),
            ("[forest_coverage]\ntarget = \">= 120\"\n", "outside what the indicator can measure"),
            ("[industrial_fresh_water_use]\ntarget = \"rising\"\n", "rising on an indicator where lower is better"),
            ("[pm25_central]\ntarget = \"done\"\n", "done is for a yes/no indicator"),
            ("[forest_coverage.areas]\n\"晋江市\" = \"falling\"\n", "falling on an indicator where higher is better"),
        ] {
            let err = TargetsFile::parse(text, "t.toml", &catalog()).unwrap_err().to_string();
            assert!(err.contains(why), "{text}: {err}");
        }
        for ok in [
            "[pm25_central]\ntarget = \"falling\"\n",
            "[nox_reduction]\ntarget = \">= -5\"\n",
            "[forest_coverage]\ntarget = \">= 60%\"\n",
        ] {
            assert!(TargetsFile::parse(ok, "t.toml", &catalog()).is_ok(), "{ok}");
        }
    }

    #[test]
    fn lines_are_found_by_offset() {
        let lines = LineIndex::new("a\nbb\n\nc");
        assert_eq!([0, 1, 2, 4, 5, 6, 7, 99].map(|o| lines.line(o)), [1, 1, 2, 2, 3, 4, 4, 4]);
    }

    #[test]
    fn rejects_unknown_ids_bad_targets_and_unknown_keys() {
        let text = "[pm25_centrl]\ntarget = \"<= 22\"\n\n[nox_reduction]\ntarget = \"province\"\n\n[cod_reduction]\ntarget = \"lots\"\n";
        let err = TargetsFile::parse(text, "t.toml", &catalog()).unwrap_err().to_string();
        assert!(err.contains("t.toml:1: pm25_centrl: no indicator with id \"pm25_centrl\" in the catalogue (did you mean pm25_central?)"), "{err}");
        assert!(err.contains("t.toml:4: nox_reduction: an assigned target must give the target itself"), "{err}");
        assert!(err.contains("t.toml:7: cod_reduction: cannot read target \"lots\""), "{err}");
        let err = TargetsFile::parse("[pm25_central]\ntarget = \"<= 22\"\nsorce = \"x\"\n", "t.toml", &catalog())
            .unwrap_err();
        assert!(err.to_string().contains("unknown field `sorce`"), "{err}");
    }
}
