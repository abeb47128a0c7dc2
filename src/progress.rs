//! Progress over the years, judged on a series of yearly values: the least-squares trend and its
//! projection to the target year (UN ESCAP's anticipated progress), Eurostat's ratio of actual to
//! required growth with its progress categories, and the judgement of trend targets (逐步提高, 逐步降低,
//! 稳中向好). Pure arithmetic: no catalogue, no I/O.

use serde::Serialize;

use crate::target::{Better, Rule, Trend};

/// One year's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
}

/// How far the latest value of a 稳中向好 series may fall short of its first value, in the indicator's
/// unit, and still count as stable. Zero: any fall below the baseline breaks "stable".
pub const STABLE_TOLERANCE: f64 = 0.0;

/// Eurostat's thresholds on the ratio of actual to required growth: significant progress from 95%,
/// moderate from 60%, insufficient from 0; below 0 the indicator moves away from its target.
pub const SIGNIFICANT: f64 = 0.95;
pub const MODERATE: f64 = 0.60;

/// Ratios and slopes this close to a threshold count as on it: inputs are decimals written by people,
/// and the arithmetic must not turn an exact 95% into 94.9999…%. A slope is flat within this times the
/// largest absolute value of its series (docs/progress.md).
pub const EPSILON: f64 = 1e-9;

/// The least-squares line through a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// Change per year.
    pub slope: f64,
    mean_year: f64,
    mean_value: f64,
}

impl Line {
    /// Fits the line; `None` with fewer than two distinct years.
    pub fn fit(points: &[Point]) -> Option<Line> {
        let n = points.len() as f64;
        // Years are centred before squaring so that 2020² does not eat the precision of the values.
        let first = f64::from(points.first()?.year);
        let mean_year = points.iter().map(|p| f64::from(p.year) - first).sum::<f64>() / n;
        let mean_value = points.iter().map(|p| p.value).sum::<f64>() / n;
        let sxx: f64 = points.iter().map(|p| (f64::from(p.year) - first - mean_year).powi(2)).sum();
        let sxy: f64 = points.iter().map(|p| (f64::from(p.year) - first - mean_year) * (p.value - mean_value)).sum();
        (sxx > 0.0).then(|| Line { slope: sxy / sxx, mean_year: mean_year + first, mean_value })
    }

    /// The line's value in `year`.
    pub fn at(&self, year: i32) -> f64 {
        self.mean_value + self.slope * (f64::from(year) - self.mean_year)
    }
}

/// Eurostat's progress categories for a quantified target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The latest value already meets the target.
    Achieved,
    /// R ≥ 95%.
    Significant,
    /// 60% ≤ R < 95%.
    Moderate,
    /// 0 ≤ R < 60%.
    Insufficient,
    /// R < 0, or a target the first year met has been lost.
    Away,
}

impl Category {
    pub const ALL: [Category; 5] =
        [Category::Achieved, Category::Significant, Category::Moderate, Category::Insufficient, Category::Away];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Achieved => "achieved",
            Category::Significant => "significant",
            Category::Moderate => "moderate",
            Category::Insufficient => "insufficient",
            Category::Away => "away",
        }
    }

    fn of_ratio(ratio: f64) -> Category {
        if ratio >= SIGNIFICANT - EPSILON {
            Category::Significant
        } else if ratio >= MODERATE - EPSILON {
            Category::Moderate
        } else if ratio >= -EPSILON {
            Category::Insufficient
        } else {
            Category::Away
        }
    }
}

/// The least-squares line evaluated at the target year, against the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub year: i32,
    pub value: f64,
    pub target: Rule,
    pub meets_target: bool,
    /// Projected value − target value, in the indicator's unit.
    pub gap: f64,
}

/// Progress of a numeric target, measured on a series of at least two years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// The first point of the series (the base year when its value is known).
    pub from: Point,
    pub latest: Point,
    /// The rates are linear (change per year) instead of compound, because a value or the target is
    /// zero or negative and a growth rate is undefined.
    pub linear: bool,
    /// The rate from `from` to `latest`.
    pub actual_rate: f64,
    /// The rate from `from` that would reach the target in the target year.
    pub required_rate: f64,
    /// actual_rate / required_rate; `None` when the first value already meets the target, so that no
    /// progress is required and the rates say nothing about it.
    pub ratio: Option<f64>,
    pub category: Category,
    pub projection: Projection,
}

/// Measures the progress of `points` (sorted by year) towards `rule`, due in `target_year`. `None` with
/// fewer than two years, or when the series does not start before the target year. `ceiling` caps the
/// projection where the indicator cannot go further (a share cannot pass 100%).
pub fn assess(points: &[Point], rule: Rule, target_year: i32, ceiling: Option<f64>) -> Option<Progress> {
    let (&from, &latest) = (points.first()?, points.last()?);
    if latest.year <= from.year || target_year <= from.year {
        return None;
    }
    let goal = Point { year: target_year, value: rule.value };
    let linear = [from.value, latest.value, goal.value].iter().any(|&v| v <= 0.0);
    let rate = |to: Point| if linear { linear_rate(from, to) } else { compound_rate(from, to) };
    let (actual_rate, required_rate) = (rate(latest), rate(goal));
    let held = rule.is_met_by(from.value);
    let ratio = (!held && required_rate.abs() > EPSILON * EPSILON).then(|| actual_rate / required_rate);
    let category = if rule.is_met_by(latest.value) {
        Category::Achieved
    } else if held {
        // The series started at the target and left it: whatever the rates say, that is moving away.
        Category::Away
    } else {
        // A zero required rate means the first value is the target, which the branch above caught.
        Category::of_ratio(ratio.unwrap_or(0.0))
    };
    let line = Line::fit(points)?;
    let value = ceiling.map_or(line.at(target_year), |c| line.at(target_year).min(c));
    let projection = Projection {
        year: target_year,
        value,
        target: rule,
        meets_target: rule.is_met_by(value),
        gap: value - rule.value,
    };
    Some(Progress { from, latest, linear, actual_rate, required_rate, ratio, category, projection })
}

/// Compound annual growth rate: (to / from)^(1 / years) − 1. Both values must be positive.
fn compound_rate(from: Point, to: Point) -> f64 {
    (to.value / from.value).powf(1.0 / f64::from(to.year - from.year)) - 1.0
}

/// Change per year: (to − from) / years.
fn linear_rate(from: Point, to: Point) -> f64 {
    (to.value - from.value) / f64::from(to.year - from.year)
}

/// How a series stands against a trend target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendOutcome {
    /// Both the level and the slope are as the target asks.
    Holds,
    /// Not both as asked, not both the wrong way: one of them is off, or the series is flat where a
    /// rise or fall is asked for.
    Mixed,
    /// Both the level and the slope go the wrong way.
    Against,
}

/// A trend target judged on a series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendJudgement {
    pub first: Point,
    pub latest: Point,
    pub slope: f64,
    /// Which way the slope goes as the judgement counts it: rising (`Some(true)`), falling
    /// (`Some(false)`), or flat (`None`: within [`EPSILON`] × the series' largest value of zero).
    pub direction: Option<bool>,
    pub outcome: TrendOutcome,
}

/// Judges a trend target on `points` (sorted by year); `None` with fewer than two years.
///
/// - `rising` (`falling`): the latest value is above (below) the first, and the least-squares slope is
///   positive (negative). A flat level or slope is neither right nor wrong: a flat series has not risen,
///   nor has it fallen back, so it is `Mixed`.
/// - `stable_improving` (稳中向好): the latest value is not worse than the first by more than `tolerance`,
///   and the slope is not negative in the indicator's better direction (a flat series is stable).
pub fn judge_trend(trend: Trend, better: Better, points: &[Point], tolerance: f64) -> Option<TrendJudgement> {
    let line = Line::fit(points)?;
    let (&first, &latest) = (points.first()?, points.last()?);
    let up = match trend {
        Trend::Rising => true,
        Trend::Falling => false,
        Trend::StableImproving => better == Better::Higher,
    };
    let sign = if up { 1.0 } else { -1.0 };
    let scale = points.iter().map(|p| p.value.abs()).fold(1.0, f64::max);
    let change = (latest.value - first.value) * sign;
    let slope = line.slope * sign;
    let eps = EPSILON * scale;
    // Each of level and slope is right (Some(true)), wrong (Some(false)) or flat (None).
    let strictly = |x: f64| {
        if x > eps {
            Some(true)
        } else if x < -eps {
            Some(false)
        } else {
            None
        }
    };
    let at_least = |x: f64, floor: f64| Some(x >= floor - eps);
    let (level, slope) = match trend {
        Trend::Rising | Trend::Falling => (strictly(change), strictly(slope)),
        Trend::StableImproving => (at_least(change, -tolerance), at_least(slope, 0.0)),
    };
    let outcome = match (level, slope) {
        (Some(true), Some(true)) => TrendOutcome::Holds,
        (Some(false), Some(false)) => TrendOutcome::Against,
        _ => TrendOutcome::Mixed,
    };
    Some(TrendJudgement { first, latest, slope: line.slope, direction: strictly(line.slope), outcome })
}

/// A sparkline of the values (▁ lowest … █ highest), one character a year; a missing year is a space
/// (a gap of more than three years shows as three, so that a stray year cannot stretch the line).
pub fn sparkline(points: &[Point]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    const MAX_GAP: i64 = 3;
    let lo = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.value).fold(f64::NEG_INFINITY, f64::max);
    let mut line = String::new();
    let mut previous: Option<i32> = None;
    for p in points {
        let gap = previous.map_or(0, |y| (i64::from(p.year) - i64::from(y) - 1).clamp(0, MAX_GAP));
        line.extend(std::iter::repeat_n(' ', gap as usize));
        // A flat series sits in the middle rather than pretending to be at its lowest.
        let bar = if hi - lo <= EPSILON * hi.abs().max(1.0) {
            BARS[3]
        } else {
            BARS[(((p.value - lo) / (hi - lo)) * 7.0).round().clamp(0.0, 7.0) as usize]
        };
        line.push(bar);
        previous = Some(p.year);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Cmp;

    fn series(values: &[(i32, f64)]) -> Vec<Point> {
        values.iter().map(|&(year, value)| Point { year, value }).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    const AT_LEAST: Cmp = Cmp::AtLeast;

    #[test]
    fn least_squares_matches_a_hand_computation() {
        // Years 2020–2023 centre on 2021.5; Σ(x−x̄)(y−ȳ) = 3.8 and Σ(x−x̄)² = 5, so the slope is 0.76
        // and 2025 lies 3.5 years past the centre: 10.0 + 0.76 × 3.5 = 12.66.
        let line = Line::fit(&series(&[(2020, 8.9), (2021, 9.6), (2022, 10.3), (2023, 11.2)])).unwrap();
        assert!(close(line.slope, 0.76), "{}", line.slope);
        assert!(close(line.at(2025), 12.66), "{}", line.at(2025));
        assert!(Line::fit(&series(&[(2023, 1.0)])).is_none());
    }

    #[test]
    fn a_gap_year_counts_by_its_real_distance() {
        // 2022 is missing: x = 0, 1, 3 (x̄ = 4/3), y = 8.9, 9.6, 11.2 (ȳ = 29.7/3 = 9.9).
        // Σ(x−x̄)(y−ȳ) = (−4/3)(−1) + (−1/3)(−0.3) + (5/3)(1.3) = 3.6; Σ(x−x̄)² = 14/3; slope = 54/70.
        let points = series(&[(2020, 8.9), (2021, 9.6), (2023, 11.2)]);
        let line = Line::fit(&points).unwrap();
        assert!(close(line.slope, 54.0 / 70.0), "{}", line.slope);
        // 2025 is 5 − 4/3 = 11/3 years past the centre: 9.9 + (54/70)(11/3) = 12.728571…
        assert!(close(line.at(2025), 9.9 + 54.0 / 70.0 * 11.0 / 3.0));
        // The compound rates use the real span, 3 years, not the 2 steps of the series.
        let p = assess(&points, Rule { cmp: AT_LEAST, value: 14.1 }, 2025, None).unwrap();
        assert!(close(p.actual_rate, (11.2f64 / 8.9).powf(1.0 / 3.0) - 1.0));
    }

    #[test]
    fn the_eurostat_ratio_of_compound_rates() {
        // 非化石能源占比 8.9 (2020) → 11.2 (2023), target 14.1 in 2025:
        // actual (11.2/8.9)^(1/3) − 1 = 7.9633%, required (14.1/8.9)^(1/5) − 1 = 9.6392%, R = 82.61%.
        let points = series(&[(2020, 8.9), (2021, 9.6), (2022, 10.3), (2023, 11.2)]);
        let p = assess(&points, Rule { cmp: AT_LEAST, value: 14.1 }, 2025, None).unwrap();
        assert!(!p.linear);
        assert!((p.actual_rate - 0.079633).abs() < 1e-6, "{}", p.actual_rate);
        assert!((p.required_rate - 0.096392).abs() < 1e-6, "{}", p.required_rate);
        assert!((p.ratio.unwrap() - 0.82613).abs() < 1e-5, "{:?}", p.ratio);
        assert_eq!(p.category, Category::Moderate);
        assert_eq!((p.from.year, p.latest.year), (2020, 2023));
        assert!(close(p.projection.value, 12.66));
        assert!(!p.projection.meets_target);
        assert!(close(p.projection.gap, 12.66 - 14.1));
    }

    #[test]
    fn a_decreasing_is_better_indicator_has_both_rates_negative() {
        // PM2.5 40 → 35 in 3 years, target ≤ 30 in 2025: actual (35/40)^(1/3) − 1 = −4.3534%,
        // required (30/40)^(1/5) − 1 = −5.5912%, R = 77.86%: moderate progress, not "away".
        let points = series(&[(2020, 40.0), (2021, 38.0), (2022, 37.0), (2023, 35.0)]);
        let rule = Rule { cmp: Cmp::AtMost, value: 30.0 };
        let p = assess(&points, rule, 2025, None).unwrap();
        assert!((p.actual_rate + 0.043534).abs() < 1e-6, "{}", p.actual_rate);
        assert!((p.required_rate + 0.055912).abs() < 1e-6, "{}", p.required_rate);
        assert!((p.ratio.unwrap() - 0.77862).abs() < 1e-5, "{:?}", p.ratio);
        assert_eq!(p.category, Category::Moderate);
        // Slope −1.6 a year through a centre of 37.5 at 2021.5: 37.5 − 1.6 × 3.5 = 31.9, 1.9 too high.
        assert!(close(p.projection.value, 31.9));
        assert!(close(p.projection.gap, 1.9));
        assert!(!p.projection.meets_target);
        // Rising PM2.5 is moving away.
        let worse = assess(&series(&[(2020, 40.0), (2023, 42.0)]), rule, 2025, None).unwrap();
        assert_eq!(worse.category, Category::Away);
        assert!(worse.ratio.unwrap() < 0.0);
    }

    #[test]
    fn a_zero_target_uses_the_linear_rate() {
        // 2.0 → 1.2 in 3 years towards ≤ 0 in 2025: actual −0.8/3 a year, required −2/5, R = 2/3.
        let points = series(&[(2020, 2.0), (2023, 1.2)]);
        let p = assess(&points, Rule { cmp: Cmp::AtMost, value: 0.0 }, 2025, None).unwrap();
        assert!(p.linear);
        assert!(close(p.actual_rate, -0.8 / 3.0));
        assert!(close(p.required_rate, -0.4));
        assert!(close(p.ratio.unwrap(), 2.0 / 3.0));
        assert_eq!(p.category, Category::Moderate);
        // A cumulative reduction starts from 0: 0 → 9 in 3 years, ≥ 14 in 2025; R = 3 / 2.8.
        let p = assess(&series(&[(2020, 0.0), (2023, 9.0)]), Rule { cmp: AT_LEAST, value: 14.0 }, 2025, None).unwrap();
        assert!(p.linear);
        assert!(close(p.ratio.unwrap(), 3.0 / 2.8));
        assert_eq!(p.category, Category::Significant);
    }

    #[test]
    fn categories_at_their_boundaries() {
        // Linear from 0 towards ≥ 10 in 2025 (2 a year required); the 2023 value v gives R = v / 6.
        let category = |v: f64| {
            let p =
                assess(&series(&[(2020, 0.0), (2023, v)]), Rule { cmp: AT_LEAST, value: 10.0 }, 2025, None).unwrap();
            p.category
        };
        assert_eq!(category(5.7), Category::Significant, "R = 95% exactly");
        assert_eq!(category(5.69), Category::Moderate);
        assert_eq!(category(3.6), Category::Moderate, "R = 60% exactly");
        assert_eq!(category(3.59), Category::Insufficient);
        assert_eq!(category(0.0), Category::Insufficient, "R = 0 exactly");
        assert_eq!(category(-0.01), Category::Away);
        assert_eq!(category(10.0), Category::Achieved, "exactly at the target");
    }

    #[test]
    fn a_target_met_at_the_start_and_lost_is_moving_away() {
        // 小流域 93.1 (meets ≥ 93) → 92.6: the required rate is negative and so is the actual one, so R
        // would be positive; losing a met target is still moving away.
        let p =
            assess(&series(&[(2020, 93.1), (2023, 92.6)]), Rule { cmp: AT_LEAST, value: 93.0 }, 2025, None).unwrap();
        assert_eq!((p.category, p.ratio), (Category::Away, None));
        // 森林覆盖率 58.7 → 58.7: no growth is required, the target holds.
        let p =
            assess(&series(&[(2020, 58.7), (2023, 58.7)]), Rule { cmp: AT_LEAST, value: 58.7 }, 2025, None).unwrap();
        assert_eq!((p.category, p.ratio), (Category::Achieved, None));
        // 劣Ⅴ类 = 0 held at 0.
        let p = assess(&series(&[(2020, 0.0), (2023, 0.0)]), Rule { cmp: Cmp::Equal, value: 0.0 }, 2025, None).unwrap();
        assert_eq!(p.category, Category::Achieved);
        assert!(p.linear && p.projection.meets_target);
    }

    #[test]
    fn a_ceiling_caps_the_projection() {
        // 28/36, 31/36, 33/36 eliminated: the line reaches 106% in 2025, which a share cannot.
        let points = series(&[(2021, 2800.0 / 36.0), (2022, 3100.0 / 36.0), (2023, 3300.0 / 36.0)]);
        let rule = Rule { cmp: AT_LEAST, value: 90.0 };
        let free = assess(&points, rule, 2025, None).unwrap();
        assert!(close(free.projection.value, 3066.6666666 / 36.0 + 250.0 / 36.0 * 3.0), "{}", free.projection.value);
        let capped = assess(&points, rule, 2025, Some(100.0)).unwrap();
        assert!(close(capped.projection.value, 100.0));
        assert!(close(capped.projection.gap, 10.0) && capped.projection.meets_target);
    }

    #[test]
    fn too_short_a_series_has_no_progress() {
        let rule = Rule { cmp: AT_LEAST, value: 1.0 };
        assert!(assess(&series(&[(2023, 0.5)]), rule, 2025, None).is_none());
        assert!(assess(&[], rule, 2025, None).is_none());
        assert!(assess(&series(&[(2025, 0.5), (2026, 0.6)]), rule, 2025, None).is_none());
    }

    #[test]
    fn rising_and_falling_need_both_the_level_and_the_slope() {
        let judge = |trend, values: &[(i32, f64)]| {
            judge_trend(trend, Better::Higher, &series(values), STABLE_TOLERANCE).unwrap().outcome
        };
        use TrendOutcome::*;
        assert_eq!(judge(Trend::Rising, &[(2021, 25.9), (2022, 26.8), (2023, 27.6)]), Holds);
        assert_eq!(judge(Trend::Rising, &[(2021, 26.0), (2023, 26.0)]), Mixed, "flat has not risen, nor fallen");
        // Last above first, but the slope is negative (Σ(x−x̄)(y−ȳ) = −3.25): a collapse mid-period.
        assert_eq!(judge(Trend::Rising, &[(2020, 9.0), (2021, 9.0), (2022, 1.0), (2023, 9.5)]), Mixed);
        assert_eq!(judge(Trend::Rising, &[(2021, 27.0), (2022, 26.0)]), Against);
        let falling =
            |values: &[(i32, f64)]| judge_trend(Trend::Falling, Better::Lower, &series(values), 0.0).unwrap().outcome;
        assert_eq!(falling(&[(2021, 10.6), (2022, 10.1), (2023, 9.8)]), Holds);
        assert_eq!(falling(&[(2021, 10.0), (2022, 10.5)]), Against);
        assert!(judge_trend(Trend::Rising, Better::Higher, &series(&[(2023, 1.0)]), 0.0).is_none());
    }

    #[test]
    fn stable_improving_allows_flat_and_honours_the_tolerance() {
        let judge = |better, tolerance, values: &[(i32, f64)]| {
            judge_trend(Trend::StableImproving, better, &series(values), tolerance).unwrap().outcome
        };
        use TrendOutcome::*;
        assert_eq!(judge(Better::Higher, 0.0, &[(2021, 80.9), (2022, 80.9), (2023, 80.9)]), Holds, "flat is stable");
        assert_eq!(judge(Better::Higher, 0.0, &[(2021, 80.4), (2022, 80.7), (2023, 80.9)]), Holds);
        // The latest is 0.5 below the baseline and the slope is up (Σ(x−x̄)(y−ȳ) = 1.25): exactly at a
        // tolerance of 0.5 that is still stable, with none it is not.
        let dip = [(2020, 80.0), (2021, 78.0), (2022, 82.0), (2023, 79.5)];
        assert_eq!(judge(Better::Higher, 0.5, &dip), Holds);
        assert_eq!(judge(Better::Higher, 0.49, &dip), Mixed);
        assert_eq!(judge(Better::Higher, 0.0, &dip), Mixed);
        assert_eq!(judge(Better::Higher, 0.0, &[(2021, 80.9), (2023, 80.0)]), Against);
        // For a lower-is-better indicator, a falling series is the improving one.
        assert_eq!(judge(Better::Lower, 0.0, &[(2021, 5.0), (2023, 4.0)]), Holds);
        assert_eq!(judge(Better::Lower, 0.0, &[(2021, 5.0), (2023, 5.1)]), Against);
    }

    #[test]
    fn sparklines_scale_from_lowest_to_highest_and_show_gaps() {
        assert_eq!(sparkline(&series(&[(2020, 1.0), (2021, 2.0), (2022, 8.0)])), "▁▂█");
        assert_eq!(sparkline(&series(&[(2020, 8.9), (2021, 9.6), (2023, 11.2)])), "▁▃ █");
        assert_eq!(sparkline(&series(&[(2020, 0.0), (2021, 0.0)])), "▄▄");
        assert_eq!(sparkline(&[]), "");
        assert_eq!(sparkline(&series(&[(2020, 1.0), (2099, 2.0)])), "▁   █");
    }
}
