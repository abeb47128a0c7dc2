//! Catalogue + measurements → verdicts. Pure: no I/O, no printing. Final verdicts are pass/fail;
//! mid-term verdicts use 序时进度 (time-proportional progress), as China's own mid-term reviews do.
//! Each verdict also carries its series of years, from which trend targets are judged and the progress
//! measures of `progress` are taken.

pub mod projects;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::aggregate::{self, Combined};
use crate::catalog::{Aggregate, AreaKind, Catalog, County, Indicator, IndicatorType};
use crate::load::{Dataset, Location, Measurement};
use crate::problem::{Code, Expected, Problem};
use crate::progress::{self, Point, Progress, TrendOutcome};
use crate::target::{Better, Cmp, Context, Resolved, Rule, Target, Trend, Unresolved, num};
use crate::targets_file::TargetsFile;

/// Which evaluation the plan orders: mid-term (end of 2023) or final (end of 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Midterm,
    Final,
}

/// The verdict on one (area, indicator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    Achieved,
    /// Mid-term: the base-year value already met the target and the value still does (保持达标).
    Held,
    OnTrack,
    Lagging,
    Regressing,
    Pending,
    Missing,
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Pass,
        Status::Fail,
        Status::Achieved,
        Status::Held,
        Status::OnTrack,
        Status::Lagging,
        Status::Regressing,
        Status::Pending,
        Status::Missing,
        Status::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Achieved => "achieved",
            Status::Held => "held",
            Status::OnTrack => "on_track",
            Status::Lagging => "lagging",
            Status::Regressing => "regressing",
            Status::Pending => "pending",
            Status::Missing => "missing",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// Every status a headline verdict can have at a stage: the shape of a summary, zeros included. A
    /// target due by the evaluation year is judged pass/fail even at mid-term.
    pub fn of_stage(stage: Stage) -> &'static [Status] {
        match stage {
            Stage::Midterm => &[
                Status::Pass,
                Status::Fail,
                Status::Achieved,
                Status::Held,
                Status::OnTrack,
                Status::Lagging,
                Status::Regressing,
                Status::Pending,
                Status::Missing,
            ],
            Stage::Final => &[Status::Pass, Status::Fail, Status::Pending, Status::Missing],
        }
    }

    /// Whether the status is a finding under `--fail-on`.
    pub fn is_failing(self) -> bool {
        matches!(self, Status::Fail | Status::Lagging | Status::Regressing)
    }
}

/// A value beside the rule it is judged by: what a reason says about where the value stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    pub value: f64,
    pub rule: Rule,
}

/// Where a value stands against its rule, in the direction of the numbers themselves: a value
/// failing `≤22` is above it, one failing `≥90` below it, whichever way the indicator is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Meets,
    Above,
    Below,
}

impl Standing {
    pub fn side(&self) -> Side {
        if self.rule.is_met_by(self.value) {
            Side::Meets
        } else if self.value > self.rule.value {
            Side::Above
        } else {
            Side::Below
        }
    }
}

/// Why a verdict is what it is, when that needs saying. A reason that compares figures carries them,
/// so its words can name them and say which way the value lies.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    ProvinceNotSupplied,
    /// The target is relative to the base-year value and the plan gives none.
    NoBaseline,
    /// The target is relative to the base-year value and this area's is not in the data.
    NoAreaBaseline {
        year: i32,
    },
    ReferenceNotSupplied {
        name: String,
    },
    NeedsSeries,
    /// A trend target judged on the series: its first and latest values, the least-squares slope,
    /// and which way is better.
    Trend {
        first: Point,
        latest: Point,
        slope: f64,
        better: Better,
        /// Which way the slope goes as the judgement counts it (a slope within the tolerance is flat),
        /// so that the words follow the status.
        direction: Direction,
    },
    /// A 0/0 pair: the area has nothing to count (no villages), so no ratio of its own.
    NothingToCount,
    /// A compounded cumulative rate needs every year's rate since the base year; this one is missing.
    CompoundGap {
        year: i32,
    },
    /// The base year already met the target; the value no longer does.
    HoldBroken {
        baseline: f64,
        now: Standing,
    },
    /// The value has moved from the baseline away from the target.
    MovedAway {
        baseline: f64,
        now: Standing,
    },
    /// Judged by level: there is no base-year value (or no span) to measure progress from.
    JudgedByLevel {
        now: Standing,
    },
    /// Due in or before the evaluation year, so judged as final.
    DueAlready {
        due: i32,
        now: Standing,
    },
    NoRow,
    NoData,
    /// A city value cannot be aggregated: these areas have no usable value.
    MissingAreas(Vec<String>),
    /// A count whose target is set for the whole city: an area's value counts toward it.
    CityWideCount {
        city: String,
    },
    NotApplicable {
        tags: Vec<String>,
    },
}

/// Which way a series' slope goes, as a trend judgement counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Rising,
    Falling,
    Flat,
}

/// The target as shown next to a verdict: the plan's words, the resolved rule, and where a province
/// target came from.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetView {
    /// The plan's words, shared by every verdict of the indicator that shows them.
    pub text: Arc<str>,
    pub resolved: Option<String>,
    /// The document that assigned the target, when a `--targets` file did.
    pub source: Option<String>,
    /// Whether that target was assigned to this area itself, rather than to the city.
    pub for_area: bool,
    pub rule: Option<Rule>,
}

/// Where a value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A row of the data.
    Reported,
    /// Combined from this many areas' rows (the file had no city-level value).
    Aggregated { areas: usize },
}

/// Where a verdict's figures came from, so that a questioned verdict can be traced to its rows. The
/// rows are positions, named only when shown ([`Evaluation::files`]): a file name per row per verdict
/// cost megabytes at national scale.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Origin {
    /// The row of the value; for a city value aggregated from its areas, each area's row. Empty when
    /// the data has no row.
    pub value_rows: Vec<Place>,
    /// The base-year row the baseline was taken from, when it came from the data and not the
    /// catalogue.
    pub base_row: Option<Place>,
}

/// A row of a data file: the file's position in [`Evaluation::files`] and the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub file: u32,
    pub line: usize,
}

impl Place {
    fn of(m: &Measurement) -> Place {
        Place { file: m.file, line: m.line() }
    }

    /// `2023.csv:5`, the file named from `files`.
    pub fn location(self, files: &[String]) -> Location {
        let file = files.get(self.file as usize).map_or("-", String::as_str);
        Location { file: file.to_string(), line: self.line }
    }
}

impl Origin {
    pub fn is_empty(&self) -> bool {
        self.value_rows.is_empty() && self.base_row.is_none()
    }

    /// The value's rows: `2023.csv:5`, or `2023.csv:3, 7, 9` for the rows of an aggregate (a file is
    /// named once for its run of lines).
    pub fn value_rows_text(&self, files: &[String]) -> String {
        let mut text = String::new();
        let mut last_file = None;
        for (i, row) in self.value_rows.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            // Written in place: a national evaluation writes an origin for each of 90,000 verdicts.
            if last_file == Some(row.file) {
                let _ = write!(text, "{}", row.line);
            } else {
                let _ = write!(text, "{}:{}", files.get(row.file as usize).map_or("-", String::as_str), row.line);
            }
            last_file = Some(row.file);
        }
        text
    }

    /// The value's rows, then `; base year row at 2020.csv:4` when the baseline is a data row.
    pub fn text(&self, files: &[String]) -> String {
        let mut text = self.value_rows_text(files);
        if let Some(base) = self.base_row {
            let sep = if self.value_rows.is_empty() { "" } else { "; " };
            let file = files.get(base.file as usize).map_or("-", String::as_str);
            let _ = write!(text, "{sep}base year row at {file}:{}", base.line);
        }
        text
    }
}

/// One (area, indicator) judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The area's name and the indicator's id, each held once and shared by its verdicts: a national
    /// evaluation has about 90,000 verdicts.
    pub county: Arc<str>,
    pub indicator: Arc<str>,
    /// The row that carries the indicator's official, city-level verdict.
    pub official: bool,
    pub value: Option<f64>,
    pub basis: Basis,
    /// The base-year value the verdict is measured from: the re-based one where the catalogue gives
    /// one, for the official row.
    pub baseline: Option<f64>,
    /// The baseline as the plan prints it, when a re-based one replaced it for this verdict.
    pub printed_baseline: Option<f64>,
    pub target: TargetView,
    /// (value − baseline) / (target − baseline), where defined.
    pub completion: Option<f64>,
    pub status: Status,
    pub reason: Option<Reason>,
    /// The values by year from the base year to the evaluation year: the base-year value the verdict
    /// is measured from (0 for a cumulative indicator), then each year the data gives a value for.
    pub series: Vec<Point>,
    /// Eurostat's progress measures and the projection, for a numeric target with two or more years.
    /// Boxed: most verdicts have none, and it is a quarter of a verdict's size.
    pub progress: Option<Box<Progress>>,
    /// The rows its value and baseline came from.
    pub origin: Origin,
}

/// What the evaluation needs besides the catalogue and the data.
#[derive(Debug, Clone)]
pub struct Settings {
    pub year: i32,
    pub stage: Stage,
    pub province: TargetsFile,
}

impl Settings {
    /// The stage the year implies: final from the target year on, else mid-term.
    pub fn stage_for(catalog: &Catalog, year: i32) -> Stage {
        if year >= catalog.plan.target_year { Stage::Final } else { Stage::Midterm }
    }
}

/// All verdicts of one evaluation.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub year: i32,
    pub stage: Stage,
    /// (year − base year) / (target year − base year).
    pub elapsed_share: f64,
    /// The areas (and city-level rows) evaluated, in catalogue order.
    pub areas: Vec<String>,
    /// The data files read, which [`Place::file`] indexes.
    pub files: Vec<String>,
    pub verdicts: Vec<Verdict>,
    /// Warnings about the data met while evaluating (a city row that disagrees with its areas).
    pub warnings: Vec<Problem>,
    /// The positions in `verdicts` of each area's verdicts, in catalogue order, so that a report that
    /// goes area by area does not scan every verdict for each area.
    by_area: FxHashMap<Arc<str>, Vec<u32>>,
}

impl Evaluation {
    /// The official, city-level verdict of each indicator, in catalogue order.
    pub fn official(&self) -> impl Iterator<Item = &Verdict> {
        self.verdicts.iter().filter(|v| v.official)
    }

    /// The verdicts of one area, in catalogue order.
    pub fn of_area<'a>(&'a self, area: &str) -> impl Iterator<Item = &'a Verdict> + use<'a> {
        let positions = self.by_area.get(area).map_or(&[][..], Vec::as_slice);
        positions.iter().filter_map(|&i| self.verdicts.get(i as usize))
    }
}

/// Judges every indicator for every area present in the data, and every city-level row. Linear in the
/// number of measurements and of areas: the measurements are indexed once by (area, indicator, year),
/// and each verdict looks up only its own.
pub fn evaluate(catalog: &Catalog, data: &Dataset, settings: &Settings) -> Evaluation {
    let plan = &catalog.plan;
    let index = data.index(catalog);
    let years: Vec<i32> = data.years().into_iter().filter(|&y| y > plan.base_year && y <= settings.year).collect();
    let present = index.counties_up_to(settings.year);
    let areas: Vec<(usize, &County)> = (catalog.counties.iter().enumerate())
        .filter(|&(no, c)| c.kind == AreaKind::City || present.get(no).copied().unwrap_or(false))
        .collect();
    let mut verdicts = Vec::new();
    let mut warnings = baseline_mismatches(catalog, data);
    let area_names: Vec<Arc<str>> = areas.iter().map(|(_, a)| Arc::from(a.name.as_str())).collect();
    let judged = |area: &County, ind: &Indicator| match area.kind {
        AreaKind::City => area.name == ind.city_row,
        AreaKind::Area => !ind.is_city_level(),
    };
    // Sized once: growing by doubling would copy tens of megabytes at national scale and leave the
    // old block resident.
    let count = catalog.indicators.iter().map(|ind| areas.iter().filter(|(_, a)| judged(a, ind)).count()).sum();
    verdicts.reserve_exact(count);
    for (ind_no, ind) in catalog.indicators.iter().enumerate() {
        let shared = Shared { id: Arc::from(ind.id.as_str()), target_text: Arc::from(ind.target_text.as_str()) };
        let index = &index;
        let find = move |year: i32| move |area: usize| index.get(area, ind_no, year);
        for (&(area_no, area), area_name) in areas.iter().zip(&area_names) {
            if !judged(area, ind) {
                continue;
            }
            let official = area.name == ind.city_row;
            // A target due before the evaluation year is judged on its due year's data (issue 21): the
            // final evaluation keeps the verdicts the mid-term gave the tasks due 2021–2023.
            let at = judged_year(ind, settings.year, &years, |y| match area.kind {
                AreaKind::City => {
                    find(y)(area_no).is_some()
                        || matches!(aggregate::combine(catalog, data, area, ind, find(y)), Combined::Value { .. })
                }
                AreaKind::Area => find(y)(area_no).is_some(),
            });
            let current = find(at)(area_no);
            let combined = match area.kind {
                AreaKind::City => aggregate::combine(catalog, data, area, ind, find(at)),
                AreaKind::Area => Combined::Nothing,
            };
            if area.kind == AreaKind::City {
                warnings.extend(aggregate::mismatch(catalog, data, area_no, ind, find(at)));
            }
            let members = match combined {
                Combined::Value { .. } => aggregate::member_rows(catalog, area, ind, find(at)),
                _ => Vec::new(),
            };
            let history = yearly_values((catalog, data), (area_no, area), ind, &years, find);
            let base = find(plan.base_year)(area_no);
            let base_aggregated = match (area.kind, base.and_then(|m| m.value())) {
                (AreaKind::City, None) => match aggregate::combine(catalog, data, area, ind, find(plan.base_year)) {
                    Combined::Value { value, .. } => Some(value),
                    _ => None,
                },
                _ => None,
            };
            let nothing_to_count = current.and_then(|m| data.ratio_of(m)) == Some((0.0, 0.0));
            let (current, history, compound_gap) = if ind.compound {
                compounded(plan.base_year, settings.year, current, history)
            } else {
                (current.and_then(|m| m.value()), history, None)
            };
            let row = Row {
                area,
                area_name,
                official,
                current,
                current_row: find(settings.year)(area_no),
                combined,
                members,
                base,
                base_aggregated,
                history,
                nothing_to_count,
                compound_gap,
            };
            verdicts.push(judge(catalog, (ind, &shared), &row, settings));
        }
    }
    let mut by_area: FxHashMap<Arc<str>, Vec<u32>> = FxHashMap::default();
    for (i, v) in (0..).zip(&verdicts) {
        by_area.entry(v.county.clone()).or_default().push(i);
    }
    Evaluation {
        year: settings.year,
        stage: settings.stage,
        elapsed_share: elapsed(plan.base_year, plan.target_year, settings.year),
        areas: areas.iter().map(|(_, a)| a.name.clone()).collect(),
        // Escaped once here: every origin line (eval --explain, JSON, the report) names files from it.
        files: data.accounting.iter().map(|a| crate::problem::escape(&a.file).into_owned()).collect(),
        verdicts,
        warnings,
        by_area,
    }
}

/// Base-year rows of the data that disagree with the catalogue's `baseline` on the indicator's city
/// row: a warning naming both figures and saying that the catalogue's is the one used, since the plan
/// states it. The same check serves `validate` and `eval`.
pub fn baseline_mismatches(catalog: &Catalog, data: &Dataset) -> Vec<Problem> {
    let base_year = catalog.plan.base_year;
    let stated: HashMap<&str, (&Indicator, f64)> =
        catalog.indicators.iter().filter_map(|i| Some((i.id.as_str(), (i, i.baseline?)))).collect();
    // Looked up once per indicator of the data's table, not hashed once a row.
    let stated: Vec<Option<(&Indicator, f64)>> =
        data.indicators.iter().map(|id| stated.get(id.as_str()).copied()).collect();
    data.measurements
        .iter()
        .filter(|m| m.year == base_year)
        .filter_map(|m| {
            let (ind, baseline) = stated.get(m.indicator as usize).copied().flatten()?;
            let found = m.value()?;
            let tolerance = 1e-9 * baseline.abs().max(1.0);
            let county = data.county_of(m);
            if county != ind.city_row || (found - baseline).abs() <= tolerance {
                return None;
            }
            let expected = Expected::CatalogBaseline {
                baseline,
                area: county.to_string(),
                id: ind.id.clone(),
                year: base_year,
                origin: catalog.origin.to_string(),
                line: ind.line,
                found,
            };
            let origin = data.location(m);
            Some(
                Problem::warning(Code::BaselineMismatch, &origin.file, expected)
                    .at(origin.line, None, &ind.id)
                    .found(&num(found)),
            )
        })
        .collect()
}

/// For each compounded indicator (`compound = true`), each row whose area has rates after a year it
/// lacks: the warning names the missing year at the first row after it. `validate` and `eval` share it.
pub fn compound_gaps(catalog: &Catalog, data: &Dataset) -> Vec<Problem> {
    let base_year = catalog.plan.base_year;
    let compound: HashMap<&str, &Indicator> =
        catalog.indicators.iter().filter(|i| i.compound).map(|i| (i.id.as_str(), i)).collect();
    if compound.is_empty() {
        return Vec::new();
    }
    let compound: Vec<bool> = data.indicators.iter().map(|id| compound.contains_key(id.as_str())).collect();
    let mut years: HashMap<(&str, &str), Vec<(i32, &Measurement)>> = HashMap::new();
    for m in data.measurements.iter().filter(|m| m.year > base_year && m.value().is_some()) {
        if compound.get(m.indicator as usize).copied().unwrap_or(false) {
            years.entry((data.county_of(m), data.indicator_of(m))).or_default().push((m.year, m));
        }
    }
    let mut found = Vec::new();
    let mut keys: Vec<_> = years.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let mut rows = years.remove(&key).unwrap_or_default();
        rows.sort_by_key(|(y, _)| *y);
        let mut expected = base_year + 1;
        for (year, m) in rows {
            if year > expected {
                let origin = data.location(m);
                found.push(
                    Problem::warning(
                        Code::CompoundGap,
                        &origin.file,
                        Expected::CompoundRate { id: key.1.to_string(), year: expected },
                    )
                    .at(origin.line, None, key.1)
                    .found(&format!("{} {year}", key.0)),
                );
            }
            expected = year + 1;
        }
    }
    found
}

fn elapsed(base: i32, target: i32, year: i32) -> f64 {
    // In f64: `--year` takes any i32, and i32::MIN − 2020 overflows.
    ((f64::from(year) - f64::from(base)) / (f64::from(target) - f64::from(base))).clamp(0.0, 1.0)
}

/// An indicator's id and the plan's words for its target, shared by its verdicts.
struct Shared {
    id: Arc<str>,
    target_text: Arc<str>,
}

struct Row<'a> {
    area: &'a County,
    area_name: &'a Arc<str>,
    official: bool,
    /// The row's own value in the evaluation year (for a compounded indicator, the rates compounded).
    current: Option<f64>,
    /// The row of the evaluation year, when the data has one.
    current_row: Option<&'a Measurement>,
    /// For a city-level row: its areas' values combined.
    combined: Combined,
    /// The areas' rows `combined` is made of.
    members: Vec<&'a Measurement>,
    base: Option<&'a Measurement>,
    /// For a city row without a base-year value of its own: its areas' base-year values combined.
    base_aggregated: Option<f64>,
    /// The row is a 0/0 pair: nothing to count.
    nothing_to_count: bool,
    /// For a compounded indicator: the first year after the base year without a rate.
    compound_gap: Option<i32>,
    /// The row's values after the base year up to the evaluation year (a city row's aggregated where
    /// it was not reported).
    history: Vec<Point>,
}

/// The year whose data judges an indicator: the evaluation year, unless the target fell due earlier —
/// then its due year when the data has it, else the latest year after it up to the evaluation year
/// that has it (the evaluation year when none has: the verdict is then 缺数据 as before).
/// Only the data's `years` are tried, so a far evaluation year costs nothing.
fn judged_year(ind: &Indicator, year: i32, years: &[i32], has: impl Fn(i32) -> bool) -> i32 {
    match ind.due {
        Some(due) if due < year => {
            let later = years.iter().rev().copied().filter(|&y| y > due && y <= year);
            std::iter::once(due).filter(|d| years.contains(d)).chain(later).find(|&y| has(y)).unwrap_or(year)
        }
        _ => year,
    }
}

/// The target in force for an indicator: the province's where given (note 4), else the plan's.
/// The target in force for an indicator in one row: an assigned one where the `--targets` file gives
/// it (the area's own, else the province's for the city, as note 4 says), else the plan's.
fn target_in_force<'a>(
    ind: &'a Indicator,
    area: &str,
    assigned: &'a TargetsFile,
) -> (&'a Target, Option<String>, bool) {
    match assigned.for_row(&ind.id, area) {
        Some((target, source, for_area)) => (target, Some(source.unwrap_or("--targets").to_string()), for_area),
        None => (&ind.target, None, false),
    }
}

fn judge(catalog: &Catalog, (ind, shared): (&Indicator, &Shared), row: &Row, settings: &Settings) -> Verdict {
    let official_rebased = row.area.kind == AreaKind::City && ind.rebased.is_some();
    let baseline = match (row.area.kind, ind.judged_baseline()) {
        (AreaKind::City, Some(b)) => Some(b),
        _ => row.base.and_then(|m| m.value()).or(row.base_aggregated),
    };
    let printed_baseline = if official_rebased { ind.baseline } else { None };
    let start = if ind.cumulative { Some(0.0) } else { baseline };
    let due = ind.due.unwrap_or(catalog.plan.target_year);
    let final_stage = settings.stage == Stage::Final || due <= settings.year;
    let (target, resolved) = target_view(catalog, (ind, shared), &row.area.name, baseline, &settings.province);
    let (value, basis, origin) = value_of(ind, row);
    let mut v = Verdict {
        county: Arc::clone(row.area_name),
        indicator: Arc::clone(&shared.id),
        official: row.official,
        value,
        basis,
        baseline,
        printed_baseline,
        target,
        completion: None,
        status: Status::Pending,
        reason: None,
        series: series(start, &row.history, catalog.plan.base_year),
        progress: None,
        origin,
    };
    if !ind.applies_to_area(row.area) {
        v.status = Status::NotApplicable;
        v.reason = Some(Reason::NotApplicable { tags: ind.applies_to.clone() });
        return v;
    }
    if ind.aggregate == Aggregate::Sum && row.area.kind == AreaKind::Area {
        v.status = Status::NotApplicable;
        v.reason = Some(Reason::CityWideCount { city: ind.city_row.clone() });
        return v;
    }
    if row.nothing_to_count && row.area.kind == AreaKind::Area {
        v.status = Status::NotApplicable;
        v.reason = Some(Reason::NothingToCount);
        return v;
    }
    let Some(value) = v.value else {
        v.status = Status::Missing;
        v.reason = Some(match (&row.combined, row.current_row, row.compound_gap) {
            (_, _, Some(year)) => Reason::CompoundGap { year },
            (Combined::MissingAreas(areas), _, _) => Reason::MissingAreas(areas.clone()),
            (_, Some(_), _) => Reason::NoData,
            (_, None, _) => Reason::NoRow,
        });
        return v;
    };
    let rule = match resolved {
        Resolved::Rule(r) => r,
        Resolved::Trend(trend) => return judge_trend(v, trend, ind, final_stage),
        Resolved::Unresolved(Unresolved::ProvinceNotSupplied) => return pending(v, Reason::ProvinceNotSupplied),
        Resolved::Unresolved(Unresolved::NoBaseline) if row.area.kind == AreaKind::City => {
            return pending(v, Reason::NoBaseline);
        }
        Resolved::Unresolved(Unresolved::NoBaseline) => {
            return pending(v, Reason::NoAreaBaseline { year: catalog.plan.base_year });
        }
        Resolved::Unresolved(Unresolved::ReferenceNotSupplied(id)) => {
            let name = catalog.reference(&id).map_or(id, |r| r.name.clone());
            return pending(v, Reason::ReferenceNotSupplied { name });
        }
    };
    let ceiling = (ind.unit == "%").then_some(100.0);
    v.progress = progress::assess(&v.series, rule, due, ceiling).map(Box::new);
    // A target the baseline already meets is a level to hold: there is no distance to complete.
    let holds = !ind.cumulative && start.is_some_and(|b| rule.is_met_by(b));
    v.completion = start.filter(|_| !holds).and_then(|b| completion(value, b, rule.value));
    if final_stage {
        v.status = if rule.is_met_by(value) { Status::Pass } else { Status::Fail };
        if settings.stage == Stage::Midterm {
            v.reason = Some(Reason::DueAlready { due, now: Standing { value, rule } });
        }
        return v;
    }
    let share = elapsed(catalog.plan.base_year, due, settings.year);
    (v.status, v.reason) = midterm(value, start, rule, v.completion, share, ind.cumulative);

    v
}

/// The target in force in one row, resolved against its baseline, and as shown.
fn target_view(
    catalog: &Catalog,
    (ind, shared): (&Indicator, &Shared),
    area: &str,
    baseline: Option<f64>,
    assigned: &TargetsFile,
) -> (TargetView, Resolved) {
    let (target, source, for_area) = target_in_force(ind, area, assigned);
    let ctx = Context {
        better: ind.better,
        baseline,
        reference: &|id| catalog.reference_value(id),
        about_tolerance: ind.about_tolerance,
    };
    let resolved = if *target == Target::Province {
        Resolved::Unresolved(Unresolved::ProvinceNotSupplied)
    } else {
        target.resolve(&ctx)
    };
    let rule = match &resolved {
        Resolved::Rule(r) => Some(*r),
        _ => None,
    };
    let resolved_text = match &resolved {
        Resolved::Rule(r) => Some(r.to_string()),
        Resolved::Trend(_) => Some(target.to_string()),
        Resolved::Unresolved(_) => None,
    };
    // The plan's words are the city's target; an area's own target is shown as assigned.
    let text = if for_area {
        Arc::from(resolved_text.clone().unwrap_or_else(|| target.to_string()))
    } else {
        Arc::clone(&shared.target_text)
    };
    (TargetView { text, resolved: resolved_text, source, for_area, rule }, resolved)
}

/// The row's value — reported, else its areas' aggregate — and the rows it and the baseline came from.
fn value_of(ind: &Indicator, row: &Row) -> (Option<f64>, Basis, Origin) {
    let reported = row.current;
    let (value, basis) = match (reported, &row.combined) {
        (None, Combined::Value { value, areas }) => (Some(*value), Basis::Aggregated { areas: *areas }),
        _ => (reported, Basis::Reported),
    };
    let value_rows = match basis {
        Basis::Aggregated { .. } => row.members.iter().copied().map(Place::of).collect(),
        Basis::Reported => row.current_row.map(Place::of).into_iter().collect(),
    };
    // The catalogue's baseline serves a city row; a cumulative indicator starts from zero. Only
    // otherwise does a base-year row of the data supply the baseline.
    let from_data = !(ind.cumulative || (row.area.kind == AreaKind::City && ind.judged_baseline().is_some()));
    let base_row = row.base.filter(|m| from_data && m.value().is_some()).map(Place::of);
    (value, basis, Origin { value_rows, base_row })
}

/// The value of one (area, indicator) in each of `years`: the reported one, or for a city row the
/// areas' aggregate; years without either are left out. `find(year)` looks up this indicator's
/// measurement of the area at a catalogue position.
fn yearly_values<'m, F>(
    (catalog, data): (&Catalog, &Dataset),
    (area_no, area): (usize, &County),
    ind: &Indicator,
    years: &[i32],
    find: impl Fn(i32) -> F,
) -> Vec<Point>
where
    F: Fn(usize) -> Option<&'m Measurement>,
{
    years
        .iter()
        .filter_map(|&year| {
            let reported = find(year)(area_no).and_then(|m| m.value());
            let aggregated = || match area.kind {
                AreaKind::City => match aggregate::combine(catalog, data, area, ind, find(year)) {
                    Combined::Value { value, .. } => Some(value),
                    _ => None,
                },
                AreaKind::Area => None,
            };
            let value = reported.or_else(aggregated)?;
            Some(Point { year, value })
        })
        .collect()
}

/// A compounded cumulative rate (〔N〕 with `compound = true`): the data give each year's rate rᵢ in %,
/// and the value in a year is (1 − Π(1 − rᵢ/100)) × 100 over the years since the base year. Returns the
/// evaluation year's value, the series of compounded values, and the first year without a rate when
/// one is missing (then the evaluation year has no value: a rate cannot be compounded over a gap).
fn compounded(
    base_year: i32,
    year: i32,
    current: Option<&Measurement>,
    rates: Vec<Point>,
) -> (Option<f64>, Vec<Point>, Option<i32>) {
    let mut kept = 1.0;
    let mut series = Vec::new();
    let mut gap = None;
    // base_year < target_year, so base_year + 1 cannot overflow.
    for (expected, p) in (base_year + 1..).zip(&rates) {
        if p.year != expected {
            gap = Some(expected);
            break;
        }
        kept *= 1.0 - p.value / 100.0;
        series.push(Point { year: p.year, value: (1.0 - kept) * 100.0 });
    }
    let reported = current.and_then(|m| m.value()).is_some();
    let value = match (gap, series.last()) {
        (None, Some(last)) if reported && last.year == year => Some(last.value),
        _ => None,
    };
    (value, series, gap)
}

/// The series of one (area, indicator): the base-year value, then the later years' values. Years before
/// the base year are outside the plan's period and not part of it.
fn series(start: Option<f64>, history: &[Point], base_year: i32) -> Vec<Point> {
    let mut points: Vec<Point> = start.map(|value| Point { year: base_year, value }).into_iter().collect();
    points.extend(history.iter().copied());
    points
}

/// A trend target: pass/fail at the final stage; at mid-term on track while the trend holds, lagging
/// when only the level or only the slope is right, regressing when neither is.
fn judge_trend(mut v: Verdict, trend: Trend, ind: &Indicator, final_stage: bool) -> Verdict {
    let Some(j) = progress::judge_trend(trend, ind.better, &v.series, progress::STABLE_TOLERANCE) else {
        return pending(v, Reason::NeedsSeries);
    };
    v.status = match (final_stage, j.outcome) {
        (true, TrendOutcome::Holds) => Status::Pass,
        (true, _) => Status::Fail,
        (false, TrendOutcome::Holds) => Status::OnTrack,
        (false, TrendOutcome::Mixed) => Status::Lagging,
        (false, TrendOutcome::Against) => Status::Regressing,
    };
    let direction = match j.direction {
        Some(true) => Direction::Rising,
        Some(false) => Direction::Falling,
        None => Direction::Flat,
    };
    v.reason = Some(Reason::Trend { first: j.first, latest: j.latest, slope: j.slope, better: ind.better, direction });
    v
}

fn pending(mut v: Verdict, reason: Reason) -> Verdict {
    v.status = Status::Pending;
    v.reason = Some(reason);
    v
}

/// Progress from the baseline towards the target, as a share (1.0 = target reached).
fn completion(value: f64, baseline: f64, target: f64) -> Option<f64> {
    let span = target - baseline;
    (span.abs() > 1e-12).then(|| (value - baseline) / span)
}

/// Mid-term status by 序时进度: compare completion with the elapsed share of the period.
fn midterm(
    value: f64,
    start: Option<f64>,
    rule: Rule,
    completion: Option<f64>,
    share: f64,
    cumulative: bool,
) -> (Status, Option<Reason>) {
    if rule.is_met_by(value) {
        // Met at the base year and still met: held, not reached early.
        let held = !cumulative && start.is_some_and(|b| rule.is_met_by(b));
        return (if held { Status::Held } else { Status::Achieved }, None);
    }
    let now = Standing { value, rule };
    let Some(start) = start else {
        return (Status::Lagging, Some(Reason::JudgedByLevel { now }));
    };
    if !cumulative && rule.is_met_by(start) {
        return (Status::Regressing, Some(Reason::HoldBroken { baseline: start, now }));
    }
    match completion {
        Some(c) if c >= share - 1e-9 => (Status::OnTrack, None),
        Some(c) if c >= 0.0 => (Status::Lagging, None),
        Some(_) => (Status::Regressing, Some(Reason::MovedAway { baseline: start, now })),
        // An `==` target the baseline does not meet and no span to measure: judge by level.
        None if rule.cmp == Cmp::Equal => (Status::Lagging, Some(Reason::JudgedByLevel { now })),
        None => (Status::Lagging, None),
    }
}

/// Status counts, overall and by indicator type.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    #[serde(flatten)]
    pub counts: std::collections::BTreeMap<&'static str, usize>,
    pub by_type: std::collections::BTreeMap<&'static str, std::collections::BTreeMap<&'static str, usize>>,
}

impl Summary {
    /// The counts of every status the stage can produce (zeros included), for every type the
    /// catalogue's selection has, so that the shape is the same whatever the data says.
    pub fn of<'a>(catalog: &Catalog, stage: Stage, verdicts: impl Iterator<Item = &'a Verdict>) -> Summary {
        let kinds = kinds_by_id(catalog);
        let zeros: std::collections::BTreeMap<&'static str, usize> =
            Status::of_stage(stage).iter().map(|st| (st.as_str(), 0)).collect();
        let mut s = Summary { counts: zeros.clone(), ..Summary::default() };
        for ind in &catalog.indicators {
            s.by_type.entry(ind.kind.as_str()).or_insert_with(|| zeros.clone());
        }
        for v in verdicts {
            let kind = kinds.get(&*v.indicator).copied().unwrap_or(IndicatorType::Task);
            *s.counts.entry(v.status.as_str()).or_default() += 1;
            *s.by_type.entry(kind.as_str()).or_default().entry(v.status.as_str()).or_default() += 1;
        }
        s
    }
}

/// Each indicator's type by its id: one hash per verdict, where `Catalog::indicator` compares every
/// indicator's names.
fn kinds_by_id(catalog: &Catalog) -> FxHashMap<&str, IndicatorType> {
    catalog.indicators.iter().map(|i| (i.id.as_str(), i.kind)).collect()
}

/// Which findings make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// A binding (约束性) indicator that is fail, lagging or regressing.
    Binding,
    /// Any indicator that is fail, lagging or regressing.
    Any,
    /// Never: always exit 0 once the evaluation ran.
    Never,
}

/// Whether any of the verdicts is a finding under `fail_on`.
pub fn has_findings<'a>(catalog: &Catalog, verdicts: impl Iterator<Item = &'a Verdict>, fail_on: FailOn) -> bool {
    let kinds = kinds_by_id(catalog);
    verdicts.into_iter().any(|v| {
        let binding = kinds.get(&*v.indicator) == Some(&IndicatorType::Binding);
        v.status.is_failing()
            && match fail_on {
                FailOn::Binding => binding,
                FailOn::Any => true,
                FailOn::Never => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::EMBEDDED;

    fn catalog() -> Catalog {
        Catalog::embedded().unwrap()
    }

    /// A row of test data by names.
    #[derive(Clone)]
    struct Named {
        county: &'static str,
        indicator: &'static str,
        year: i32,
        value: Option<f64>,
    }

    fn m(county: &'static str, indicator: &'static str, year: i32, value: Option<f64>) -> Named {
        Named { county, indicator, year, value }
    }

    fn dataset(c: &Catalog, rows: Vec<Named>) -> Dataset {
        let mut data = Dataset::for_catalog(c);
        for r in rows {
            data.push_named(r.county, r.indicator, r.year)
                .unwrap_or_else(|| panic!("{} {}", r.county, r.indicator))
                .set_value(r.value);
        }
        data
    }

    fn run(rows: Vec<Named>, year: i32, province: &str) -> Evaluation {
        let c = catalog();
        let province = TargetsFile::parse(province, "p.toml", &c).unwrap();
        let settings = Settings { year, stage: Settings::stage_for(&c, year), province };
        evaluate(&c, &dataset(&c, rows), &settings)
    }

    fn verdict<'a>(e: &'a Evaluation, county: &str, id: &str) -> &'a Verdict {
        e.verdicts.iter().find(|v| *v.county == *county && *v.indicator == *id).unwrap()
    }

    #[test]
    fn midterm_uses_time_proportional_progress() {
        // 绿盈乡村: 64.4 → ≥80; 60% of the period gone in 2023 means 73.76 is exactly on track.
        let cases = [
            (80.0, Status::Achieved),
            (73.76, Status::OnTrack),
            (70.0, Status::Lagging),
            (64.4, Status::Lagging),
            (60.0, Status::Regressing),
        ];
        for (value, expected) in cases {
            let e = run(vec![m("全市", "green_village_share", 2023, Some(value))], 2023, "");
            let v = verdict(&e, "全市", "green_village_share");
            assert_eq!(v.status, expected, "{value}");
            assert!((e.elapsed_share - 0.6).abs() < 1e-12);
        }
        let e = run(vec![m("全市", "green_village_share", 2023, Some(70.0))], 2023, "");
        let c = verdict(&e, "全市", "green_village_share").completion.unwrap();
        assert!((c - (70.0 - 64.4) / (80.0 - 64.4)).abs() < 1e-12);
    }

    #[test]
    fn hold_targets_are_judged_by_level_and_polarity() {
        let e = run(
            vec![m("全市", "forest_coverage", 2023, Some(58.6)), m("全市", "groundwater_class_v", 2023, Some(10.0))],
            2023,
            "",
        );
        assert_eq!(verdict(&e, "全市", "forest_coverage").status, Status::Regressing);
        let forest = verdict(&e, "全市", "forest_coverage");
        let rule = Rule { cmp: Cmp::AtLeast, value: 58.7 };
        assert_eq!(forest.reason, Some(Reason::HoldBroken { baseline: 58.7, now: Standing { value: 58.6, rule } }));
        // 9.44 at the base year already met ≤10, and 10.0 still does: held, not reached early.
        assert_eq!(verdict(&e, "全市", "groundwater_class_v").status, Status::Held);
        let e = run(vec![m("全市", "groundwater_class_v", 2023, Some(10.5))], 2023, "");
        assert_eq!(verdict(&e, "全市", "groundwater_class_v").status, Status::Regressing);
    }

    #[test]
    fn final_stage_is_pass_or_fail_exactly_at_the_boundary() {
        let e = run(
            vec![
                m("全市", "surface_water_class_iii", 2025, Some(95.6)),
                m("全市", "park_500m_coverage", 2025, Some(84.9)),
            ],
            2025,
            "",
        );
        assert_eq!(e.stage, Stage::Final);
        assert_eq!(verdict(&e, "全市", "surface_water_class_iii").status, Status::Pass);
        assert_eq!(verdict(&e, "全市", "park_500m_coverage").status, Status::Fail);
    }

    #[test]
    fn province_targets_replace_the_plan_and_are_pending_without_one() {
        let rows = vec![m("中心市区", "pm25_central", 2023, Some(22.0))];
        let e = run(rows.clone(), 2023, "");
        let v = verdict(&e, "中心市区", "pm25_central");
        assert_eq!((v.status, v.reason.clone()), (Status::Pending, Some(Reason::ProvinceNotSupplied)));
        assert!(v.official);
        let e = run(
            vec![m("中心市区", "pm25_central", 2025, Some(22.0))],
            2025,
            "[pm25_central]\ntarget = \"<= 22\"\nsource = \"省下达文件\"\n",
        );
        let v = verdict(&e, "中心市区", "pm25_central");
        assert_eq!(v.status, Status::Pass);
        assert_eq!(&*v.target.text, "完成省下达目标");
        assert_eq!(v.target.resolved.as_deref(), Some("≤22"));
        assert_eq!(v.target.source.as_deref(), Some("省下达文件"));
    }

    #[test]
    fn cumulative_reductions_progress_from_zero() {
        let p = "[energy_intensity_reduction]\ntarget = \">= 14\"\n";
        let e = run(vec![m("全市", "energy_intensity_reduction", 2023, Some(9.0))], 2023, p);
        let v = verdict(&e, "全市", "energy_intensity_reduction");
        assert_eq!(v.status, Status::OnTrack, "9/14 = 64% ≥ 60%");
        assert!((v.completion.unwrap() - 9.0 / 14.0).abs() < 1e-12);
        let e = run(vec![m("全市", "energy_intensity_reduction", 2023, Some(8.0))], 2023, p);
        assert_eq!(verdict(&e, "全市", "energy_intensity_reduction").status, Status::Lagging);
    }

    #[test]
    fn trends_references_and_relative_targets_without_inputs_are_pending() {
        let rows = vec![
            m("全市", "eco_index", 2023, Some(80.0)),
            m("全市", "blue_sky_days", 2023, Some(350.0)),
            m("全市", "ecological_redline_share", 2023, Some(30.0)),
            m("晋江市", "ecological_redline_share", 2023, Some(30.0)),
        ];
        let e = run(rows, 2023, "");
        assert_eq!(verdict(&e, "全市", "eco_index").reason, Some(Reason::NeedsSeries));
        assert!(matches!(verdict(&e, "全市", "blue_sky_days").reason, Some(Reason::ReferenceNotSupplied { .. })));
        assert_eq!(verdict(&e, "全市", "ecological_redline_share").reason, Some(Reason::NoBaseline));
        assert_eq!(
            verdict(&e, "晋江市", "ecological_redline_share").reason,
            Some(Reason::NoAreaBaseline { year: 2020 })
        );
    }

    #[test]
    fn a_base_year_row_supplies_the_baseline_the_plan_leaves_out() {
        let rows = vec![
            m("全市", "ecological_redline_share", 2020, Some(30.0)),
            m("全市", "ecological_redline_share", 2023, Some(29.9)),
        ];
        let e = run(rows, 2023, "");
        let v = verdict(&e, "全市", "ecological_redline_share");
        assert_eq!((v.status, v.baseline), (Status::Regressing, Some(30.0)));
    }

    #[test]
    fn missing_and_not_applicable_are_told_apart() {
        let rows =
            vec![m("安溪县", "forest_coverage", 2023, Some(70.0)), m("全市", "surface_water_class_iii", 2023, None)];
        let e = run(rows, 2023, "");
        assert_eq!(verdict(&e, "安溪县", "coastal_water_class_i_ii").status, Status::NotApplicable);
        assert_eq!(verdict(&e, "安溪县", "park_500m_coverage").reason, Some(Reason::NoRow));
        assert_eq!(verdict(&e, "全市", "surface_water_class_iii").reason, Some(Reason::NoData));
        // An area without a baseline is judged by level.
        let v = verdict(&e, "安溪县", "forest_coverage");
        assert_eq!((v.status, v.completion), (Status::Achieved, None));
    }

    fn years(county: &'static str, id: &'static str, values: &[(i32, f64)]) -> Vec<Named> {
        values.iter().map(|&(year, v)| m(county, id, year, Some(v))).collect()
    }

    #[test]
    fn trend_targets_are_judged_on_two_or_more_years() {
        type Case<'a> = (&'a str, &'a [(i32, f64)], Status);
        let cases: [Case; 8] = [
            ("industrial_land_productivity", &[(2021, 25.9), (2022, 26.8), (2023, 27.6)], Status::OnTrack),
            ("industrial_land_productivity", &[(2021, 26.0), (2023, 26.0)], Status::Lagging),
            ("industrial_land_productivity", &[(2021, 26.0), (2023, 25.9)], Status::Regressing),
            ("industrial_land_productivity", &[(2020, 9.0), (2021, 9.0), (2022, 1.0), (2023, 9.5)], Status::Lagging),
            ("industrial_fresh_water_use", &[(2021, 10.6), (2022, 10.1), (2023, 9.8)], Status::OnTrack),
            ("industrial_fresh_water_use", &[(2021, 10.0), (2023, 10.4)], Status::Regressing),
            ("eco_index", &[(2021, 80.9), (2022, 80.9), (2023, 80.9)], Status::OnTrack),
            ("eco_index", &[(2021, 80.9), (2023, 80.8)], Status::Regressing),
        ];
        for (id, values, expected) in cases {
            let e = run(years("全市", id, values), 2023, "");
            let v = verdict(&e, "全市", id);
            assert_eq!(v.status, expected, "{id} {values:?}");
            assert!(matches!(v.reason, Some(Reason::Trend { .. })), "{:?}", v.reason);
            assert_eq!(v.progress, None);
        }
        let e = run(years("全市", "eco_index", &[(2021, 80.4), (2025, 80.3)]), 2025, "");
        assert_eq!(verdict(&e, "全市", "eco_index").status, Status::Fail);
        let e = run(years("全市", "eco_index", &[(2021, 80.4), (2025, 80.4)]), 2025, "");
        assert_eq!(verdict(&e, "全市", "eco_index").status, Status::Pass);
        let v = &run(years("全市", "industrial_land_productivity", &[(2021, 25.9), (2023, 27.6)]), 2023, "");
        let text = verdict(v, "全市", "industrial_land_productivity").reason.as_ref().unwrap();
        let text = crate::labels::reason(text, crate::Lang::En);
        assert_eq!(text, "2021: 25.9 → 2023: 27.6, slope +0.85 a year (rising; higher is better)");
    }

    #[test]
    fn the_series_runs_from_the_base_year_to_the_evaluation_year() {
        // The catalogue's 2020 value starts the city row's series; 2024 is after the evaluation year.
        let rows = years("全市", "non_fossil_share", &[(2019, 7.0), (2021, 9.6), (2023, 11.2), (2024, 12.0)]);
        let e = run(rows, 2023, "");
        let v = verdict(&e, "全市", "non_fossil_share");
        let got: Vec<(i32, f64)> = v.series.iter().map(|p| (p.year, p.value)).collect();
        assert_eq!(got, [(2020, 8.9), (2021, 9.6), (2023, 11.2)]);
        let p = v.progress.as_deref().unwrap();
        assert_eq!((p.from.year, p.latest.year, p.category), (2020, 2023, crate::progress::Category::Moderate));
        assert!((p.ratio.unwrap() - 0.82613).abs() < 1e-5);
        // The status stays the 序时进度 one: (11.2 − 8.9) / (14.1 − 8.9) = 44% < 60%.
        assert_eq!(v.status, Status::Lagging);
    }

    #[test]
    fn cumulative_series_start_from_zero_not_from_the_13th_plan_figure() {
        let p = "[energy_intensity_reduction]\ntarget = \">= 14\"\n";
        let rows = years("全市", "energy_intensity_reduction", &[(2020, 20.7), (2022, 5.6), (2023, 9.0)]);
        let e = run(rows, 2023, p);
        let v = verdict(&e, "全市", "energy_intensity_reduction");
        assert_eq!(v.series.first().map(|p| (p.year, p.value)), Some((2020, 0.0)));
        let p = v.progress.as_deref().unwrap();
        // 0 → 9 in 3 years against 0 → 14 in 5: linear rates 3 and 2.8 a year.
        assert!(p.linear);
        assert!((p.ratio.unwrap() - 3.0 / 2.8).abs() < 1e-9);
        assert_eq!(p.category, crate::progress::Category::Significant);
    }

    #[test]
    fn progress_needs_a_numeric_target_and_two_years() {
        // One year and no baseline: no progress.
        let e = run(vec![m("全市", "park_500m_coverage", 2023, Some(82.3))], 2023, "");
        assert_eq!(verdict(&e, "全市", "park_500m_coverage").progress, None);
        // A province target not supplied: no rule, no progress, however long the series.
        let e = run(years("中心市区", "pm25_central", &[(2021, 23.0), (2022, 22.1), (2023, 22.4)]), 2023, "");
        assert_eq!(verdict(&e, "中心市区", "pm25_central").progress, None);
        // A share projects to at most 100%.
        let rows = years("全市", "park_500m_coverage", &[(2021, 80.0), (2023, 95.0)]);
        let e = run(rows, 2023, "");
        let p = verdict(&e, "全市", "park_500m_coverage").progress.as_deref().unwrap();
        assert_eq!(p.projection.value, 100.0);
        assert_eq!(p.category, crate::progress::Category::Achieved);
    }

    #[test]
    fn any_year_can_be_evaluated() {
        for year in [i32::MIN, i32::MAX] {
            let e = run(years("全市", "non_fossil_share", &[(2021, 9.6), (2023, 11.2)]), year, "");
            assert!((0.0..=1.0).contains(&e.elapsed_share), "{year}");
        }
    }

    #[test]
    fn a_target_due_by_the_evaluation_year_is_judged_as_final_at_midterm() {
        // 8 家污水厂尾水深海排放: due 2023, so the mid-term review of 2023 gives pass or fail.
        let id = "wwtp_tailwater_deep_sea_discharge_8_plants";
        for (value, expected) in [(1.0, Status::Pass), (0.0, Status::Fail)] {
            let e = run(vec![m("全市", id, 2023, Some(value))], 2023, "");
            let v = verdict(&e, "全市", id);
            assert_eq!(e.stage, Stage::Midterm);
            let now = Standing { value, rule: Rule { cmp: Cmp::Equal, value: 1.0 } };
            assert_eq!(
                (v.status, v.reason.clone()),
                (expected, Some(Reason::DueAlready { due: 2023, now })),
                "{value}"
            );
        }
        // Due in 2021, evaluated in 2022: overdue, so final too.
        let e = run(vec![m("全市", "rural_centralized_source_protection_delineation", 2022, Some(0.0))], 2022, "");
        assert_eq!(verdict(&e, "全市", "rural_centralized_source_protection_delineation").status, Status::Fail);
        // Due in 2023, evaluated in 2022: still a mid-term verdict.
        let e = run(vec![m("全市", "river_shoreline_noncompliant_activities_exit", 2022, Some(0.0))], 2022, "");
        let v = verdict(&e, "全市", "river_shoreline_noncompliant_activities_exit");
        let now = Standing { value: 0.0, rule: Rule { cmp: Cmp::Equal, value: 1.0 } };
        assert_eq!((v.status, v.reason.clone()), (Status::Lagging, Some(Reason::JudgedByLevel { now })));
    }

    #[test]
    fn yes_no_targets_are_done_or_not() {
        let id = "port_low_voltage_shore_power_full_coverage";
        let status = |year, value| {
            let e = run(vec![m("全市", id, year, Some(value))], year, "");
            verdict(&e, "全市", id).status
        };
        assert_eq!(status(2023, 1.0), Status::Achieved);
        assert_eq!(status(2023, 0.0), Status::Lagging);
        assert_eq!(status(2025, 1.0), Status::Pass);
        assert_eq!(status(2025, 0.0), Status::Fail);
    }

    #[test]
    fn cumulative_tasks_progress_from_zero_by_time_proportional_share() {
        // 植树造林 29万亩 over 2021–2025: 60% of the period gone in 2023, so 17.4 is exactly on track.
        let id = "afforestation_area";
        for (value, expected) in
            [(29.0, Status::Achieved), (17.4, Status::OnTrack), (17.0, Status::Lagging), (0.0, Status::Lagging)]
        {
            let e = run(vec![m("全市", id, 2023, Some(value))], 2023, "");
            let v = verdict(&e, "全市", id);
            assert_eq!(v.status, expected, "{value}");
            assert!((v.completion.unwrap() - value / 29.0).abs() < 1e-12, "completion from 0, not a baseline");
        }
    }

    #[test]
    fn the_elapsed_share_of_a_target_due_early_is_measured_to_its_due_year() {
        let text = EMBEDDED.replace(
            "[[indicator]]\nid = \"urban_green_coverage\"",
            "[[indicator]]\nid = \"early\"\ndomain = \"d\"\nname = \"n\"\nunit = \"座\"\ntype = \"task\"\n\
             better = \"higher\"\ntarget = \">= 100\"\ncumulative = true\ndue = 2024\nsource = \"s\"\n\n\
             [[indicator]]\nid = \"urban_green_coverage\"",
        );
        let c = Catalog::parse(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
        let judge = |value| {
            let rows = vec![m("全市", "early", 2022, Some(value))];
            let settings = Settings { year: 2022, stage: Stage::Midterm, province: TargetsFile::default() };
            let e = evaluate(&c, &dataset(&c, rows), &settings);
            verdict(&e, "全市", "early").status
        };
        // 2 of the 4 years to 2024 gone: 50 is on track (measured to 2025 it would need only 40).
        assert_eq!(judge(50.0), Status::OnTrack);
        assert_eq!(judge(45.0), Status::Lagging);
    }

    #[test]
    fn a_task_of_the_whole_city_is_not_judged_for_an_area() {
        let rows =
            vec![m("晋江市", "afforestation_area", 2023, Some(3.0)), m("晋江市", "forest_coverage", 2023, Some(60.0))];
        let e = run(rows, 2023, "");
        assert!(!e.verdicts.iter().any(|v| *v.county == *"晋江市" && *v.indicator == *"afforestation_area"));
        assert!(e.verdicts.iter().any(|v| *v.county == *"晋江市" && *v.indicator == *"forest_coverage"));
        assert_eq!(verdict(&e, "全市", "afforestation_area").status, Status::Missing);
    }

    #[test]
    fn findings_follow_fail_on() {
        let c = catalog();
        let e = run(
            vec![m("全市", "forest_coverage", 2025, Some(50.0)), m("全市", "park_500m_coverage", 2025, Some(50.0))],
            2025,
            "",
        );
        assert!(has_findings(&c, e.official(), FailOn::Binding));
        assert!(has_findings(&c, e.official(), FailOn::Any));
        assert!(!has_findings(&c, e.official(), FailOn::Never));
        let e = run(vec![m("全市", "park_500m_coverage", 2025, Some(50.0))], 2025, "");
        assert!(!has_findings(&c, e.official(), FailOn::Binding));
        assert!(has_findings(&c, e.official(), FailOn::Any));
    }

    #[test]
    fn held_and_achieved_are_told_apart_at_midterm_and_both_pass_at_the_end() {
        // 绿盈乡村 64.4 → ≥80: 80 in 2023 was reached since the base year.
        let e = run(vec![m("全市", "green_village_share", 2023, Some(80.0))], 2023, "");
        assert_eq!(verdict(&e, "全市", "green_village_share").status, Status::Achieved);
        // 地下水Ⅴ类 9.44 met ≤10 at the base year: 10 (exactly at the boundary) is held.
        let e = run(vec![m("全市", "groundwater_class_v", 2023, Some(10.0))], 2023, "");
        assert_eq!(verdict(&e, "全市", "groundwater_class_v").status, Status::Held);
        let summary = Summary::of(&catalog(), e.stage, e.official());
        assert_eq!(summary.counts.get("held"), Some(&1));
        assert_eq!(summary.counts.get("achieved"), Some(&0));
        // The final stage knows no held: pass.
        let e = run(vec![m("全市", "groundwater_class_v", 2025, Some(10.0))], 2025, "");
        assert_eq!(verdict(&e, "全市", "groundwater_class_v").status, Status::Pass);
        assert!(!Status::of_stage(Stage::Final).contains(&Status::Held));
    }

    #[test]
    fn the_catalogue_knows_every_status_name() {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(names, crate::catalog::STATUS_NAMES);
    }

    #[test]
    fn the_base_year_city_value_is_aggregated_from_the_areas() {
        // 生态保护红线 (不降低, no baseline in the plan, a ratio): every area gives 2020 and 2023 pairs and
        // no 全市 row is given. 2020: 60/200 = 30%; 2023: 59/200 = 29.5%: the city has regressed, as
        // 德化县 (30/100 → 29/100) has.
        let c = catalog();
        let mut data = Dataset::for_catalog(&c);
        let areas: Vec<String> = c.areas().map(|a| a.name.clone()).collect();
        for area in &areas {
            let dehua = area == "德化县";
            for (year, n) in [(2020, if dehua { 30.0 } else { 30.0 / 12.0 }), (2023, if dehua { 29.0 } else { 2.5 })] {
                let d = if dehua { 100.0 } else { 100.0 / 12.0 };
                data.push_named(area, "ecological_redline_share", year).unwrap().set_value(Some(n / d * 100.0));
                data.detail_last(crate::load::Details { numerator: Some(n), denominator: Some(d), note: None });
            }
        }
        let settings = Settings { year: 2023, stage: Stage::Midterm, province: TargetsFile::default() };
        let e = evaluate(&c, &data, &settings);
        let city = verdict(&e, "全市", "ecological_redline_share");
        assert!((city.baseline.unwrap() - 30.0).abs() < 1e-9, "{:?}", city.baseline);
        assert!((city.value.unwrap() - 29.5).abs() < 1e-9, "{:?}", city.value);
        assert_eq!(city.status, Status::Regressing);
        assert_eq!(verdict(&e, "德化县", "ecological_redline_share").status, Status::Regressing);
    }

    #[test]
    fn a_zero_over_zero_pair_is_nothing_to_count() {
        // 美丽河湖-like ratio: 晋江市 has no villages (0/0); the others' pairs make the city's value alone.
        let c = catalog();
        let mut data = Dataset::for_catalog(&c);
        for area in c.areas() {
            let (n, d) = if area.name == "晋江市" { (0.0, 0.0) } else { (9.0, 10.0) };
            data.push_named(&area.name, "green_village_share", 2023)
                .unwrap()
                .set_value((d > 0.0).then(|| n / d * 100.0));
            data.detail_last(crate::load::Details { numerator: Some(n), denominator: Some(d), note: None });
        }
        let settings = Settings { year: 2023, stage: Stage::Midterm, province: TargetsFile::default() };
        let e = evaluate(&c, &data, &settings);
        let jinjiang = verdict(&e, "晋江市", "green_village_share");
        assert_eq!((jinjiang.status, jinjiang.reason.clone()), (Status::NotApplicable, Some(Reason::NothingToCount)));
        let city = verdict(&e, "全市", "green_village_share");
        assert!((city.value.unwrap() - 90.0).abs() < 1e-9, "{:?}", city.value);
        assert_eq!(city.basis, Basis::Aggregated { areas: 13 });
    }

    #[test]
    fn an_area_that_reported_earlier_but_not_this_year_is_missing() {
        let rows =
            vec![m("德化县", "forest_coverage", 2021, Some(77.0)), m("晋江市", "forest_coverage", 2023, Some(60.0))];
        let e = run(rows, 2023, "");
        assert!(e.areas.iter().any(|a| a == "德化县"));
        let v = verdict(&e, "德化县", "forest_coverage");
        assert_eq!((v.status, v.reason.clone()), (Status::Missing, Some(Reason::NoRow)));
        // An area with no row in any year up to the evaluation year is still left out.
        assert!(!e.areas.iter().any(|a| a == "安溪县"));
    }

    /// A catalogue of another plan: a national one, with only a 全国 row.
    const NATIONAL: &str = r#"
[plan]
name = "“十四五”生态环境保护规划"
base_year = 2020
target_year = 2025
midterm_year = 2023
official_row = "全国"
level = { zh = "全国层面", en = "national level" }

[status_labels.zh]
on_track = "达到序时进度"
achieved = "达到序时进度"
held = "基本符合预期"
regressing = "滞后"

[[county]]
name = "全国"
kind = "city"

[[indicator]]
id = "good_air_days"
no = 1
domain = "环境治理"
name = "地级及以上城市空气质量优良天数比率（%）"
unit = "%"
type = "binding"
better = "higher"
baseline = 76.7
rebased = { baseline = 81.2, note = "2018年监测口径调整后重算" }
target = "baseline + 3.3pp"
target_text = "比2015年提高3.3个百分点"
source = "表1"

[[indicator]]
id = "energy_intensity_reduction"
no = 2
domain = "绿色低碳"
name = "单位国内生产总值能源消耗降低（%）"
unit = "%"
type = "binding"
better = "higher"
cumulative = true
compound = true
target = ">= 13.5"
target_text = "〔13.5〕"
source = "表1"

[[indicator]]
id = "forest_coverage"
no = 3
domain = "生态保护"
name = "森林覆盖率（%）"
unit = "%"
type = "binding"
better = "higher"
baseline = 23.04
target = "> 23"
target_text = ">23"
source = "表1"
"#;

    fn national(rows: Vec<Named>, year: i32) -> (Catalog, Evaluation) {
        let c = Catalog::parse(NATIONAL, "national.toml").unwrap_or_else(|e| panic!("{e}"));
        let settings = Settings { year, stage: Settings::stage_for(&c, year), province: TargetsFile::default() };
        let e = evaluate(&c, &dataset(&c, rows), &settings);
        (c, e)
    }

    #[test]
    fn a_rebased_baseline_is_judged_against_and_the_printed_one_kept() {
        // Printed 76.7, re-based 81.2: +3.3pp is at least 84.5 (76.7 + 3.3 = 80 would pass 82).
        let (_, e) = national(vec![m("全国", "good_air_days", 2025, Some(84.5))], 2025);
        let v = verdict(&e, "全国", "good_air_days");
        assert_eq!((v.baseline, v.printed_baseline), (Some(81.2), Some(76.7)));
        assert_eq!(v.status, Status::Pass);
        assert_eq!(v.target.resolved.as_deref(), Some("≥84.5"));
        let (_, e) = national(vec![m("全国", "good_air_days", 2025, Some(84.4))], 2025);
        assert_eq!(verdict(&e, "全国", "good_air_days").status, Status::Fail);
        // At mid-term, completion runs from the re-based 81.2: (83.18 − 81.2) / 3.3 = 60%: on track.
        let (_, e) = national(vec![m("全国", "good_air_days", 2023, Some(83.18))], 2023);
        let v = verdict(&e, "全国", "good_air_days");
        assert!((v.completion.unwrap() - 0.6).abs() < 1e-9, "{:?}", v.completion);
        assert_eq!(v.status, Status::OnTrack);
    }

    #[test]
    fn yearly_rates_are_compounded_not_added() {
        // 能耗 −2.7% in 2021, −0.1% in 2022, −3% in 2023: 1 − 0.973 × 0.999 × 0.97 = 5.7133…%, not 5.8.
        let rows = years("全国", "energy_intensity_reduction", &[(2021, 2.7), (2022, 0.1), (2023, 3.0)]);
        let (_, e) = national(rows, 2023);
        let v = verdict(&e, "全国", "energy_intensity_reduction");
        let expected = (1.0 - 0.973 * 0.999 * 0.97) * 100.0;
        assert!((v.value.unwrap() - expected).abs() < 1e-9, "{:?}", v.value);
        let got: Vec<(i32, f64)> = v.series.iter().map(|p| (p.year, (p.value * 1e4).round() / 1e4)).collect();
        assert_eq!(got, [(2020, 0.0), (2021, 2.7), (2022, 2.7973), (2023, 5.7134)]);
        // 2022 missing: no value, and the reason names the year.
        let rows = years("全国", "energy_intensity_reduction", &[(2021, 2.7), (2023, 3.0)]);
        let (_, e) = national(rows, 2023);
        let v = verdict(&e, "全国", "energy_intensity_reduction");
        assert_eq!((v.status, v.reason.clone()), (Status::Missing, Some(Reason::CompoundGap { year: 2022 })));
    }

    #[test]
    fn a_strict_floor_met_at_the_start_is_held_and_fails_exactly_at_it() {
        let (_, e) = national(vec![m("全国", "forest_coverage", 2023, Some(24.02))], 2023);
        assert_eq!(verdict(&e, "全国", "forest_coverage").status, Status::Held);
        let (_, e) = national(vec![m("全国", "forest_coverage", 2025, Some(23.0))], 2025);
        assert_eq!(verdict(&e, "全国", "forest_coverage").status, Status::Fail, ">23: exactly 23 fails");
        let (_, e) = national(vec![m("全国", "forest_coverage", 2025, Some(23.01))], 2025);
        assert_eq!(verdict(&e, "全国", "forest_coverage").status, Status::Pass);
    }

    #[test]
    fn a_national_catalogue_is_judged_on_its_only_row() {
        let (c, e) = national(vec![m("全国", "forest_coverage", 2023, Some(24.02))], 2023);
        assert!(c.indicators.iter().all(|i| i.city_row == "全国"));
        assert!(e.verdicts.iter().all(|v| v.official && *v.county == *"全国"), "{:?}", e.areas);
        assert_eq!(crate::labels::status_word(&c, Status::Held, crate::Lang::Zh), "基本符合预期");
        assert_eq!(crate::labels::status_word(&c, Status::Held, crate::Lang::En), "held");
        assert_eq!(crate::labels::level_title(&c, crate::Lang::Zh), "全国层面");
    }
}
