//! The target language: how a plan's promise is written in `indicators.toml`, how it is shown, and how
//! a value is judged against it once it has been resolved to a concrete rule.
//!
//! The grammar (one form per line; see docs/target-language.md for examples):
//!
//! ```text
//! >= N | <= N | == N      a threshold (≥ ≤ = also accepted; a trailing % is allowed)
//! > N | < N               a strict threshold (＞80, <5): exactly N fails
//! N                       a level; the direction comes from the indicator's `better`
//! about N                 about N (70左右, 约80): N less a tolerance on the worse side
//! province                the province-assigned target (完成省下达目标), supplied with --targets
//! baseline [+N% | -N%]    relative to the base-year value (不降低; 比2020年下降10%)
//! baseline [+Npp | -Npp]  percentage points from the base-year value (比2015年提高3.3个百分点)
//! reference ID            not worse than a named reference value of the catalogue
//! eliminated [>= N|<= N]  basically eliminated (消除): on a higher-is-better indicator an elimination
//!                         ratio of at least N% (default 90); on a lower-is-better one a remaining
//!                         share of at most N (default 0)
//! rising | falling        a trend over the years (逐步提高 / 逐步降低)
//! stable_improving        stable and improving (稳中向好)
//! done                    a yes/no completion: the value is 1 (done) or 0 (not done)
//! ```

use std::fmt;

/// Which direction of an indicator's value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

/// A comparison a value must satisfy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cmp {
    AtLeast,
    AtMost,
    Equal,
    /// Strictly more than (`> N`): exactly N fails.
    Above,
    /// Strictly less than (`< N`): exactly N fails.
    Below,
}

impl Cmp {
    fn symbol(self) -> &'static str {
        match self {
            Cmp::AtLeast => "≥",
            Cmp::AtMost => "≤",
            Cmp::Equal => "=",
            Cmp::Above => ">",
            Cmp::Below => "<",
        }
    }

    /// Which way the comparison points, strict or not: `>` points as `>=` does.
    pub fn direction(self) -> Cmp {
        match self {
            Cmp::Above => Cmp::AtLeast,
            Cmp::Below => Cmp::AtMost,
            other => other,
        }
    }

    /// The operator as the target language writes it: `>=`, `<=`, `==`, `>`, `<`.
    pub fn operator(self) -> &'static str {
        match self {
            Cmp::AtLeast => ">=",
            Cmp::AtMost => "<=",
            Cmp::Equal => "==",
            Cmp::Above => ">",
            Cmp::Below => "<",
        }
    }

    /// The comparison that means "not worse than" for an indicator of this polarity.
    pub fn not_worse(better: Better) -> Cmp {
        match better {
            Better::Higher => Cmp::AtLeast,
            Better::Lower => Cmp::AtMost,
        }
    }
}

/// A trend over several years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Rising,
    Falling,
    StableImproving,
}

/// The default threshold of "basically eliminated" on a higher-is-better indicator (a share eliminated):
/// 90% of the listed water bodies, the national standard for black-odorous water (建城〔2022〕29号).
pub const ELIMINATED_DEFAULT_PCT: f64 = 90.0;

/// The default of "eliminated" on a lower-is-better indicator (a share of something bad that remains,
/// 劣Ⅴ类水质比例): 消除 means none is left.
pub const ELIMINATED_DEFAULT_REMAINING: f64 = 0.0;

/// How far short of N, in percent of N, a value may fall and still meet `about N` (N左右, 约N), when the
/// catalogue sets no `about_tolerance`: 5% of N, on the worse side only (a better value always meets).
pub const ABOUT_TOLERANCE_DEFAULT_PCT: f64 = 5.0;

/// A target as written in the catalogue, before anything outside the catalogue is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Threshold {
        cmp: Cmp,
        value: f64,
    },
    Level(f64),
    /// About N (N左右, 约N): N less the tolerance on the worse side.
    About(f64),
    Province,
    Baseline {
        change_pct: f64,
    },
    /// The base-year value changed by this many percentage points (比2015年提高3.3个百分点).
    BaselinePoints {
        change_pp: f64,
    },
    Reference(String),
    /// `limit` is the threshold written after the word; absent, the polarity's default applies.
    Eliminated {
        limit: Option<Rule>,
    },
    Trend(Trend),
    Done,
}

/// Why a target expression could not be read. Its words, in either language, are in
/// `crate::labels` (its `Display` is the English).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetError {
    pub text: String,
    pub reason: TargetReason,
}

impl std::error::Error for TargetError {}

/// What is wrong in a target expression.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetReason {
    Empty,
    /// Text after a word that takes none.
    Trailing {
        rest: String,
        word: String,
    },
    BaselinePercent {
        rest: String,
    },
    BaselineSign {
        rest: String,
    },
    BaselineOneSign {
        rest: String,
    },
    ReductionTooLarge,
    ReferenceId {
        rest: String,
    },
    Eliminated {
        rest: String,
    },
    /// The plan's words for "about" (约80, 70左右) written as the target: `about N` is the form.
    About {
        n: f64,
        text: String,
    },
    NotANumber {
        text: String,
    },
}

/// Why a target does not fit an indicator of its unit, direction and kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Misfit {
    RisingOnLower,
    FallingOnHigher,
    EliminatedNotPercent {
        unit: String,
    },
    EliminatedAgainst {
        target: String,
        better: Better,
    },
    DoneNotYesNo,
    YesNoValue,
    PercentOnUnit {
        unit: String,
    },
    /// Percentage points (`baseline +3.3pp`) on an indicator not measured in %.
    PointsOnUnit {
        unit: String,
    },
    /// `value` outside `low`..=100 (a percentage) or below zero.
    Outside {
        value: f64,
        low: f64,
        percent: bool,
    },
}

impl std::str::FromStr for Target {
    type Err = TargetError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = |reason: TargetReason| TargetError { text: text.to_string(), reason };
        let s = text.trim();
        if s.is_empty() {
            return Err(err(TargetReason::Empty));
        }
        let (word, rest) = match s.find(char::is_whitespace) {
            Some(i) => (&s[..i], s[i..].trim()),
            None => (s, ""),
        };
        let no_rest = |t: Target| {
            if rest.is_empty() {
                Ok(t)
            } else {
                Err(err(TargetReason::Trailing { rest: rest.to_string(), word: word.to_string() }))
            }
        };
        match word {
            "province" => no_rest(Target::Province),
            "rising" => no_rest(Target::Trend(Trend::Rising)),
            "falling" => no_rest(Target::Trend(Trend::Falling)),
            "stable_improving" => no_rest(Target::Trend(Trend::StableImproving)),
            "done" => no_rest(Target::Done),
            "about" => number(rest.trim_end_matches('%')).map(Target::About).map_err(err),
            "baseline" => parse_baseline(rest).map_err(err),
            "reference" => parse_reference(rest).map_err(err),
            "eliminated" => parse_eliminated(rest).map_err(err),
            _ => parse_threshold(s).map_err(err),
        }
    }
}

fn parse_baseline(rest: &str) -> Result<Target, TargetReason> {
    if rest.is_empty() {
        return Ok(Target::Baseline { change_pct: 0.0 });
    }
    let compact: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let (change, points) = match (compact.strip_suffix("pp"), compact.strip_suffix('%')) {
        (Some(pp), _) => (pp, true),
        (None, Some(pct)) => (pct, false),
        (None, None) => return Err(TargetReason::BaselinePercent { rest: rest.to_string() }),
    };
    let sign = match change.chars().next() {
        Some('+') => 1.0,
        Some('-') => -1.0,
        _ => return Err(TargetReason::BaselineSign { rest: rest.to_string() }),
    };
    let digits = &change[1..];
    if digits.trim_start().starts_with(['+', '-']) {
        return Err(TargetReason::BaselineOneSign { rest: rest.to_string() });
    }
    let n = number(digits)?;
    if points {
        return Ok(Target::BaselinePoints { change_pp: sign * n });
    }
    if n >= 100.0 && sign < 0.0 {
        return Err(TargetReason::ReductionTooLarge);
    }
    Ok(Target::Baseline { change_pct: sign * n })
}

fn parse_reference(rest: &str) -> Result<Target, TargetReason> {
    let valid = !rest.is_empty()
        && rest.starts_with(|c: char| c.is_ascii_lowercase())
        && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if valid {
        Ok(Target::Reference(rest.to_string()))
    } else {
        Err(TargetReason::ReferenceId { rest: rest.to_string() })
    }
}

fn parse_eliminated(rest: &str) -> Result<Target, TargetReason> {
    if rest.is_empty() {
        return Ok(Target::Eliminated { limit: None });
    }
    match parse_threshold(rest)? {
        Target::Threshold { cmp: Cmp::AtLeast, value } if value > 0.0 && value <= 100.0 => {
            Ok(Target::Eliminated { limit: Some(Rule { cmp: Cmp::AtLeast, value }) })
        }
        Target::Threshold { cmp: Cmp::AtMost, value } if (0.0..100.0).contains(&value) => {
            Ok(Target::Eliminated { limit: Some(Rule { cmp: Cmp::AtMost, value }) })
        }
        _ => Err(TargetReason::Eliminated { rest: rest.to_string() }),
    }
}

fn parse_threshold(s: &str) -> Result<Target, TargetReason> {
    const OPS: [(&str, Cmp); 6] = [
        (">=", Cmp::AtLeast),
        ("≥", Cmp::AtLeast),
        ("<=", Cmp::AtMost),
        ("≤", Cmp::AtMost),
        ("==", Cmp::Equal),
        ("=", Cmp::Equal),
    ];
    for (op, cmp) in OPS {
        if let Some(rest) = s.strip_prefix(op) {
            let value = number(rest.trim().trim_end_matches('%'))?;
            return Ok(Target::Threshold { cmp, value });
        }
    }
    // The plan's words for "about" belong in target_text; the target says `about N`.
    let approximate = s.strip_prefix('约').or_else(|| s.strip_suffix("左右"));
    if let Some(n) = approximate.and_then(|n| number(n.trim_end_matches('%')).ok()) {
        return Err(TargetReason::About { n, text: s.to_string() });
    }
    for (op, cmp) in [(">", Cmp::Above), ("＞", Cmp::Above), ("<", Cmp::Below), ("＜", Cmp::Below)] {
        if let Some(rest) = s.strip_prefix(op) {
            let value = number(rest.trim().trim_end_matches('%'))?;
            return Ok(Target::Threshold { cmp, value });
        }
    }
    number(s.trim_end_matches('%')).map(Target::Level)
}

fn number(s: &str) -> Result<f64, TargetReason> {
    let s = s.trim();
    match s.parse::<f64>() {
        Ok(n) if n.is_finite() && !s.starts_with('+') => Ok(n),
        _ => Err(TargetReason::NotANumber { text: s.to_string() }),
    }
}

impl fmt::Display for Target {
    /// The canonical form, which parses back to the same target.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Threshold { cmp, value } => write!(f, "{} {}", cmp.operator(), num(*value)),
            Target::Level(v) => write!(f, "{}", num(*v)),
            Target::About(v) => write!(f, "about {}", num(*v)),
            Target::Province => f.write_str("province"),
            Target::Baseline { change_pct } if *change_pct == 0.0 => f.write_str("baseline"),
            Target::Baseline { change_pct } => write!(f, "baseline {:+}%", change_pct),
            Target::BaselinePoints { change_pp } => write!(f, "baseline {:+}pp", change_pp),
            Target::Reference(id) => write!(f, "reference {id}"),
            Target::Eliminated { limit: None } => f.write_str("eliminated"),
            Target::Eliminated { limit: Some(rule) } => {
                let op = if rule.cmp == Cmp::AtMost { "<=" } else { ">=" };
                write!(f, "eliminated {op} {}", num(rule.value))
            }
            Target::Trend(Trend::Rising) => f.write_str("rising"),
            Target::Trend(Trend::Falling) => f.write_str("falling"),
            Target::Trend(Trend::StableImproving) => f.write_str("stable_improving"),
            Target::Done => f.write_str("done"),
        }
    }
}

/// Formats a number without trailing zeros: 58.7, 80, 0.35.
pub fn num(v: f64) -> String {
    // Nearly every figure (36.5, 2023, 0.35) has a shortest form of at most four decimals: ryu gives
    // it without the exact decimal expansion `{:.4}` makes (a fifth of `eval --format json` went to
    // formatting figures). Below 1e11 a float is within 1e-5 of its shortest form, so rounding it to
    // four decimals gives that form back: the two agree (a property test holds them together).
    if v.abs() < 1e11 {
        let mut buffer = ryu::Buffer::new();
        let short = buffer.format_finite(v);
        if let Some((_, decimals)) = short.split_once('.')
            && decimals.len() <= 4
            && !short.contains('e')
        {
            return trimmed(short);
        }
    }
    trimmed(&format!("{:.4}", v))
}

/// A decimal without trailing zeros after its point, and `-0` as `0`.
fn trimmed(s: &str) -> String {
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { s };
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

/// A concrete rule a single value can be judged by.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Rule {
    pub cmp: Cmp,
    pub value: f64,
}

/// Values closer than this, relative to the threshold (and never less than this absolutely), are on
/// the threshold: inputs are decimals written by people, and arithmetic on them (an aggregate, a
/// re-based or percentage-point baseline) must not turn 85 into 84.99999999999999. Documented in
/// docs/target-language.md.
pub const EPSILON: f64 = 1e-9;

impl Rule {
    /// Exactly at the threshold passes `>=`, `<=` and `==`, and fails `>` and `<`. A value within
    /// [`EPSILON`] × max(|N|, 1) of N counts as exactly N.
    pub fn is_met_by(&self, v: f64) -> bool {
        let tol = EPSILON * self.value.abs().max(1.0);
        match self.cmp {
            Cmp::AtLeast => v >= self.value - tol,
            Cmp::AtMost => v <= self.value + tol,
            Cmp::Equal => (v - self.value).abs() <= tol,
            Cmp::Above => v > self.value + tol,
            Cmp::Below => v < self.value - tol,
        }
    }
}

impl Rule {
    /// Whether the plan's words `text` already state this rule (`≥85`, `>= 85`, `≤10%`), so that
    /// showing the rule beside them would repeat it. A bare number (`58.7`) does not: its direction
    /// comes from polarity, and the rule says which.
    pub fn is_stated_by(&self, text: &str) -> bool {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let compact = compact.replace(">=", "≥").replace("<=", "≤").replace("==", "=");
        let compact = compact.replace('＞', ">").replace('＜', "<");
        let compact = compact.trim_end_matches('%');
        compact.starts_with(['≥', '≤', '=', '>', '<'])
            && compact.parse::<Target>().ok() == Some(Target::Threshold { cmp: self.cmp, value: self.value })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.cmp.symbol(), num(self.value))
    }
}

/// What a target needs from outside the catalogue before it becomes a [`Rule`].
pub struct Context<'a> {
    pub better: Better,
    /// The base-year value this row is measured against, when known.
    pub baseline: Option<f64>,
    /// The catalogue's reference values, by id.
    pub reference: &'a dyn Fn(&str) -> Option<f64>,
    /// How far short of N `about N` may fall, in percent of N ([`ABOUT_TOLERANCE_DEFAULT_PCT`] unless
    /// the catalogue sets `about_tolerance`).
    pub about_tolerance: f64,
}

/// A target after resolution: a rule, or the reason there is none yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    Rule(Rule),
    /// A trend, judged on a series of years.
    Trend(Trend),
    Unresolved(Unresolved),
}

/// Why a target cannot be turned into a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Unresolved {
    ProvinceNotSupplied,
    NoBaseline,
    ReferenceNotSupplied(String),
}

impl Target {
    /// Turns the target into a rule where the context allows. `Province` is never resolved here: the
    /// caller replaces it with the province's own target first.
    pub fn resolve(&self, ctx: &Context) -> Resolved {
        let rule = |cmp, value| Resolved::Rule(Rule { cmp, value });
        match self {
            Target::Threshold { cmp, value } => rule(*cmp, *value),
            Target::Level(v) => rule(Cmp::not_worse(ctx.better), *v),
            Target::About(v) => {
                let slack = v.abs() * ctx.about_tolerance / 100.0;
                match ctx.better {
                    Better::Higher => rule(Cmp::AtLeast, v - slack),
                    Better::Lower => rule(Cmp::AtMost, v + slack),
                }
            }
            Target::Eliminated { limit: Some(r) } => Resolved::Rule(*r),
            Target::Eliminated { limit: None } => match ctx.better {
                Better::Higher => rule(Cmp::AtLeast, ELIMINATED_DEFAULT_PCT),
                Better::Lower => rule(Cmp::AtMost, ELIMINATED_DEFAULT_REMAINING),
            },
            Target::Done => rule(Cmp::Equal, 1.0),
            Target::Trend(t) => Resolved::Trend(*t),
            Target::Province => Resolved::Unresolved(Unresolved::ProvinceNotSupplied),
            Target::Baseline { change_pct } => match ctx.baseline {
                Some(b) => rule(Cmp::not_worse(ctx.better), b * (1.0 + change_pct / 100.0)),
                None => Resolved::Unresolved(Unresolved::NoBaseline),
            },
            Target::BaselinePoints { change_pp } => match ctx.baseline {
                Some(b) => rule(Cmp::not_worse(ctx.better), b + change_pp),
                None => Resolved::Unresolved(Unresolved::NoBaseline),
            },
            Target::Reference(id) => match (ctx.reference)(id) {
                Some(v) => rule(Cmp::not_worse(ctx.better), v),
                None => Resolved::Unresolved(Unresolved::ReferenceNotSupplied(id.clone())),
            },
        }
    }

    /// Whether the target is measured against the base-year value.
    pub fn needs_baseline(&self) -> bool {
        matches!(self, Target::Baseline { .. } | Target::BaselinePoints { .. })
    }

    /// The comparison the target writes out, when it points the other way from the indicator's
    /// polarity: `>= 26` on a lower-is-better indicator fails every value a plan would call good.
    pub fn against_polarity(&self, better: Better) -> Option<Cmp> {
        let cmp = match self {
            Target::Threshold { cmp, .. } => *cmp,
            Target::Eliminated { limit: Some(rule) } => rule.cmp,
            _ => return None,
        };
        (cmp != Cmp::Equal && cmp.direction() != Cmp::not_worse(better)).then_some(cmp)
    }
}

impl Better {
    /// The catalogue's spelling: `higher` or `lower`.
    pub fn as_str(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(s: &str) -> Target {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn ctx(better: Better, baseline: Option<f64>) -> Context<'static> {
        Context {
            better,
            baseline,
            reference: &|id| (id == "thirteenth_plan_average").then_some(330.0),
            about_tolerance: ABOUT_TOLERANCE_DEFAULT_PCT,
        }
    }

    fn rule(t: &str, better: Better, baseline: Option<f64>) -> Rule {
        match parse(t).resolve(&ctx(better, baseline)) {
            Resolved::Rule(r) => r,
            other => panic!("{t}: {other:?}"),
        }
    }

    #[test]
    fn every_form_parses_and_round_trips() {
        let cases = [
            (">= 80", Target::Threshold { cmp: Cmp::AtLeast, value: 80.0 }),
            ("≥80", Target::Threshold { cmp: Cmp::AtLeast, value: 80.0 }),
            ("<= 10%", Target::Threshold { cmp: Cmp::AtMost, value: 10.0 }),
            ("≤10", Target::Threshold { cmp: Cmp::AtMost, value: 10.0 }),
            ("== 0", Target::Threshold { cmp: Cmp::Equal, value: 0.0 }),
            ("> 80", Target::Threshold { cmp: Cmp::Above, value: 80.0 }),
            ("<5", Target::Threshold { cmp: Cmp::Below, value: 5.0 }),
            ("＞6.5", Target::Threshold { cmp: Cmp::Above, value: 6.5 }),
            ("about 70", Target::About(70.0)),
            ("about 15%", Target::About(15.0)),
            ("baseline + 3.3pp", Target::BaselinePoints { change_pp: 3.3 }),
            ("baseline -2 pp", Target::BaselinePoints { change_pp: -2.0 }),
            ("baseline +3.3 pp", Target::BaselinePoints { change_pp: 3.3 }),
            ("58.7", Target::Level(58.7)),
            ("province", Target::Province),
            ("baseline", Target::Baseline { change_pct: 0.0 }),
            ("baseline -10%", Target::Baseline { change_pct: -10.0 }),
            ("baseline + 5 %", Target::Baseline { change_pct: 5.0 }),
            ("reference thirteenth_plan_average", Target::Reference("thirteenth_plan_average".into())),
            ("eliminated", Target::Eliminated { limit: None }),
            ("eliminated >= 95", Target::Eliminated { limit: Some(Rule { cmp: Cmp::AtLeast, value: 95.0 }) }),
            ("eliminated <= 5", Target::Eliminated { limit: Some(Rule { cmp: Cmp::AtMost, value: 5.0 }) }),
            ("rising", Target::Trend(Trend::Rising)),
            ("falling", Target::Trend(Trend::Falling)),
            ("stable_improving", Target::Trend(Trend::StableImproving)),
            ("done", Target::Done),
        ];
        for (text, expected) in cases {
            let t = parse(text);
            assert_eq!(t, expected, "{text}");
            assert_eq!(parse(&t.to_string()), t, "round trip of {text}");
        }
    }

    #[test]
    fn malformed_targets_are_rejected_with_a_reason() {
        for bad in [
            "",
            "> ",
            "about",
            "about 约80",
            "baseline +3.3",
            "baseline 3.3pp",
            "baseline +-3pp",
            "baseline +3.3ppp",
            ">= ",
            ">= abc",
            "province 3",
            "baseline 10%",
            "baseline -10",
            "baseline -100%",
            "baseline +-101%",
            "baseline --5%",
            "reference",
            "reference 蓝天",
            "eliminated 90",
            "eliminated >= 120",
            "eliminated <= 100",
            "eliminated == 0",
            "rising fast",
            "完成省下达目标",
            "NaN",
            "inf",
            ">= nan",
            "+5",
        ] {
            let err = bad.parse::<Target>().expect_err(bad);
            assert!(err.to_string().contains("cannot read target"), "{bad}: {err}");
        }
    }

    #[test]
    fn thresholds_pass_exactly_at_the_boundary() {
        let at_least = rule(">= 80", Better::Higher, None);
        assert!(at_least.is_met_by(80.0));
        assert!(at_least.is_met_by(80.1));
        assert!(!at_least.is_met_by(79.99));
        let at_most = rule("<= 10", Better::Lower, None);
        assert!(at_most.is_met_by(10.0));
        assert!(at_most.is_met_by(9.44));
        assert!(!at_most.is_met_by(10.01));
        let zero = rule("== 0", Better::Lower, None);
        assert!(zero.is_met_by(0.0));
        assert!(!zero.is_met_by(0.1));
    }

    #[test]
    fn a_bare_number_takes_its_direction_from_polarity() {
        let forest = rule("58.7", Better::Higher, None);
        assert!(forest.is_met_by(58.7) && forest.is_met_by(60.0) && !forest.is_met_by(58.6));
        let water_use = rule("40", Better::Lower, None);
        assert!(water_use.is_met_by(40.0) && water_use.is_met_by(28.0) && !water_use.is_met_by(40.5));
    }

    #[test]
    fn baseline_targets_follow_polarity() {
        let lower = rule("baseline -10%", Better::Lower, Some(200.0));
        assert_eq!(lower, Rule { cmp: Cmp::AtMost, value: 180.0 });
        assert!(lower.is_met_by(180.0) && !lower.is_met_by(180.5));
        let higher = rule("baseline +5%", Better::Higher, Some(100.0));
        assert_eq!(higher, Rule { cmp: Cmp::AtLeast, value: 105.0 });
        let hold = rule("baseline", Better::Higher, Some(18.16));
        assert!(hold.is_met_by(18.16) && !hold.is_met_by(18.15));
        let hold_low = rule("baseline", Better::Lower, Some(9.44));
        assert!(hold_low.is_met_by(9.0) && !hold_low.is_met_by(9.5));
        assert_eq!(parse("baseline").resolve(&ctx(Better::Higher, None)), Resolved::Unresolved(Unresolved::NoBaseline));
    }

    #[test]
    fn references_resolve_from_the_catalogue_or_stay_unresolved() {
        let r = rule("reference thirteenth_plan_average", Better::Higher, None);
        assert_eq!(r, Rule { cmp: Cmp::AtLeast, value: 330.0 });
        assert_eq!(
            parse("reference other").resolve(&ctx(Better::Higher, None)),
            Resolved::Unresolved(Unresolved::ReferenceNotSupplied("other".into()))
        );
    }

    #[test]
    fn eliminated_done_province_and_trends_resolve_as_documented() {
        let e = rule("eliminated", Better::Higher, None);
        assert!(e.is_met_by(90.0) && !e.is_met_by(89.9));
        assert_eq!(e.to_string(), "≥90");
        let done = rule("done", Better::Higher, None);
        assert!(done.is_met_by(1.0) && !done.is_met_by(0.0));
        assert_eq!(
            parse("province").resolve(&ctx(Better::Lower, Some(21.0))),
            Resolved::Unresolved(Unresolved::ProvinceNotSupplied)
        );
        assert_eq!(
            parse("stable_improving").resolve(&ctx(Better::Higher, None)),
            Resolved::Trend(Trend::StableImproving)
        );
    }

    #[test]
    fn a_rule_is_stated_by_a_threshold_not_by_a_bare_number() {
        let at_least = Rule { cmp: Cmp::AtLeast, value: 85.0 };
        for text in ["≥85", ">= 85", "≥ 85%", ">=85"] {
            assert!(at_least.is_stated_by(text), "{text}");
        }
        for text in ["85", "85%", "≤85", "≥80", "基本消除", "完成省下达目标"] {
            assert!(!at_least.is_stated_by(text), "{text}");
        }
        assert!(!Rule { cmp: Cmp::AtMost, value: 40.0 }.is_stated_by("40"));
    }

    #[test]
    fn eliminated_follows_polarity() {
        // 黑臭水体消除比例 (a share eliminated, higher is better): at least 90%.
        let share_eliminated = rule("eliminated", Better::Higher, None);
        assert_eq!(share_eliminated.to_string(), "≥90");
        assert!(share_eliminated.is_met_by(90.0) && !share_eliminated.is_met_by(89.9));
        // 劣Ⅴ类水质比例 (a share remaining, lower is better): 消除 means none is left, so 0 passes.
        let share_remaining = rule("eliminated", Better::Lower, None);
        assert_eq!(share_remaining.to_string(), "≤0");
        assert!(share_remaining.is_met_by(0.0) && !share_remaining.is_met_by(0.1));
        let tolerated = rule("eliminated <= 5", Better::Lower, None);
        assert!(tolerated.is_met_by(5.0) && !tolerated.is_met_by(5.1));
        assert_eq!(rule("eliminated >= 95", Better::Higher, None).to_string(), "≥95");
    }

    #[test]
    fn rules_against_polarity_are_recognised() {
        let against = |t: &str, better| parse(t).against_polarity(better);
        assert_eq!(against(">= 26", Better::Lower), Some(Cmp::AtLeast));
        assert_eq!(against("<= 26", Better::Higher), Some(Cmp::AtMost));
        assert_eq!(against("eliminated >= 90", Better::Lower), Some(Cmp::AtLeast));
        assert_eq!(against("eliminated <= 0", Better::Higher), Some(Cmp::AtMost));
        for (t, better) in [(">= 26", Better::Higher), ("<= 26", Better::Lower), ("== 0", Better::Lower)] {
            assert_eq!(against(t, better), None, "{t}");
        }
        for t in ["26", "eliminated", "baseline", "province", "rising", "done"] {
            assert_eq!(against(t, Better::Lower), None, "{t}");
            assert_eq!(against(t, Better::Higher), None, "{t}");
        }
    }

    #[test]
    fn strict_thresholds_fail_exactly_at_the_boundary_in_both_polarities() {
        // ">80" (higher is better): 80 itself fails, the least step above passes.
        let above = rule("> 80", Better::Higher, None);
        assert_eq!(above.to_string(), ">80");
        assert!(!above.is_met_by(80.0) && above.is_met_by(80.01) && !above.is_met_by(79.99));
        // Within the documented tolerance of 80 counts as exactly 80, so still fails.
        assert!(!above.is_met_by(80.0 + 1e-12));
        // "<5" (lower is better): 5 itself fails, 4.99 passes.
        let below = rule("< 5", Better::Lower, None);
        assert!(!below.is_met_by(5.0) && below.is_met_by(4.99) && !below.is_met_by(5.01));
        // The non-strict forms pass exactly at the boundary, and within the tolerance of it.
        let at_least = rule(">= 85", Better::Higher, None);
        assert!(at_least.is_met_by(85.0) && at_least.is_met_by(84.999_999_999_99) && !at_least.is_met_by(84.9999));
        // A strict rule is stated by the plan's ＞80, not by ≥80.
        assert!(above.is_stated_by(">80") && above.is_stated_by("＞80") && !above.is_stated_by("≥80"));
        // Strict rules point the way their non-strict forms do.
        assert_eq!(parse("> 80").against_polarity(Better::Lower), Some(Cmp::Above));
        assert_eq!(parse("< 5").against_polarity(Better::Lower), None);
    }

    #[test]
    fn the_plans_words_for_about_point_to_the_about_form() {
        for (text, hint) in
            [("约80", "write `about 80`"), ("70左右", "write `about 70`"), ("15%左右", "write `about 15`")]
        {
            let err = text.parse::<Target>().unwrap_err().to_string();
            assert!(err.contains(hint), "{text}: {err}");
        }
    }

    #[test]
    fn about_allows_the_tolerance_on_the_worse_side_only() {
        // 70左右 (higher is better), default 5%: at least 66.5; 66.5 passes, 66.49 fails, more always passes.
        let higher = rule("about 70", Better::Higher, None);
        assert_eq!(higher, Rule { cmp: Cmp::AtLeast, value: 66.5 });
        assert!(higher.is_met_by(66.5) && !higher.is_met_by(66.49) && higher.is_met_by(90.0));
        // 15左右 (lower is better): at most 15.75; 15.75 passes, 15.76 fails.
        let lower = rule("about 15", Better::Lower, None);
        assert_eq!(lower, Rule { cmp: Cmp::AtMost, value: 15.75 });
        assert!(lower.is_met_by(15.75) && !lower.is_met_by(15.76) && lower.is_met_by(0.0));
        // A catalogue's own tolerance, 2%: 80 × 0.98 = 78.4.
        let ctx = Context { about_tolerance: 2.0, ..ctx(Better::Higher, None) };
        let Resolved::Rule(r) = parse("about 80").resolve(&ctx) else { panic!() };
        assert!(r.is_met_by(78.4) && !r.is_met_by(78.39));
    }

    #[test]
    fn percentage_points_add_to_the_baseline_in_both_polarities() {
        // 比2015年提高3.3个百分点 on 81.2: at least 84.5 (not 81.2 × 1.033 = 83.88).
        let up = rule("baseline + 3.3pp", Better::Higher, Some(81.2));
        assert!((up.value - 84.5).abs() < 1e-9, "{up}");
        assert!(up.is_met_by(84.5) && !up.is_met_by(84.49) && !up.is_met_by(83.88));
        // A relative +3.3% is the other reading, and stays available.
        let relative = rule("baseline +3.3%", Better::Higher, Some(81.2));
        assert!((relative.value - 83.8796).abs() < 1e-9 && relative.is_met_by(83.88));
        // 下降2个百分点 on a lower-is-better 10.5: at most 8.5.
        let down = rule("baseline - 2pp", Better::Lower, Some(10.5));
        assert!((down.value - 8.5).abs() < 1e-9);
        assert!(down.is_met_by(8.5) && !down.is_met_by(8.51));
        assert_eq!(
            parse("baseline +2pp").resolve(&ctx(Better::Higher, None)),
            Resolved::Unresolved(Unresolved::NoBaseline)
        );
        assert!(parse("baseline -2pp").needs_baseline());
    }

    #[test]
    fn figures_lose_trailing_zeros_and_round_to_four_decimals() {
        let cases = [
            (58.7, "58.7"),
            (80.0, "80"),
            (0.35, "0.35"),
            (-0.0, "0"),
            (-0.00001, "0"),
            (0.00004, "0"),
            (0.00006, "0.0001"),
            (1.23456, "1.2346"),
            (2023.0, "2023"),
            (1e11, "100000000000"),
            (1e20, "100000000000000000000"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
        ];
        for (v, text) in cases {
            assert_eq!(num(v), text, "{v:?}");
        }
    }

    proptest! {
        #[test]
        fn a_value_better_than_a_passing_one_also_passes(
            threshold in -1e6f64..1e6, v in -1e6f64..1e6, delta in 0f64..1e6, higher: bool,
        ) {
            let better = if higher { Better::Higher } else { Better::Lower };
            let r = Target::Level(threshold).resolve(&ctx(better, None));
            let Resolved::Rule(r) = r else { panic!() };
            let improved = if higher { v + delta } else { v - delta };
            if r.is_met_by(v) {
                prop_assert!(r.is_met_by(improved));
            }
        }

        /// The fast path of `num` gives what rounding to four decimals gives, for figures as files
        /// write them (a few decimals), results of arithmetic on them, and any float at all.
        #[test]
        fn figures_are_written_as_rounding_to_four_decimals_writes_them(
            whole in -1_000_000_000i64..1_000_000_000, decimals in 0u32..7, any: f64, ratio in 0f64..1e4,
        ) {
            let by_rounding = |v: f64| {
                let s = format!("{:.4}", v);
                let s = s.trim_end_matches('0').trim_end_matches('.');
                if s == "-0" { "0".to_string() } else { s.to_string() }
            };
            let written = whole as f64 / 10f64.powi(decimals as i32);
            for v in [written, any, ratio, ratio / 3.0, written * 1e4, -ratio / 7.0, ratio * 1e7, 1.0 / (ratio + 1.0)] {
                prop_assert_eq!(num(v), by_rounding(v), "{:?}", v);
            }
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,20}") {
            let _ = s.parse::<Target>();
        }

        #[test]
        fn thresholds_round_trip(v in -1e5f64..1e5, op in 0usize..3) {
            let v = (v * 100.0).round() / 100.0;
            let text = format!("{} {}", [">=", "<=", "=="][op], v);
            let t: Target = text.parse().unwrap();
            prop_assert_eq!(t.to_string().parse::<Target>().unwrap(), t);
        }
    }
}
