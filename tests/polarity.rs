//! Polarity end to end: `eliminated` on both polarities, and `check-catalog` on a rule written against
//! its indicator's polarity.

mod common;

use common::{run, run_in};

#[test]
fn check_catalog_warns_on_a_rule_against_polarity_and_strict_makes_it_an_error() {
    let r = run(&["check-catalog", "tests/data/check/polarity.toml", "--lang", "en"]);
    r.code(0).stdout_has("3 indicator(s); 0 error(s), 2 warning(s)");
    r.stdout_has("polarity.toml:12: pm25: warning[rule-against-polarity]: the target `>= 26` asks for at least 26")
        .stdout_has("write `<= 26`")
        .stdout_has("polarity.toml:22: forest: warning[rule-against-polarity]: the target `<= 58.7` asks for at most");
    assert!(!r.stdout.contains("class_v"), "{}", r.stdout);
    let r = run(&["check-catalog", "tests/data/check/polarity.toml", "--strict", "--lang", "en"]);
    r.code(1)
        .stdout_has("polarity.toml:12: pm25: error[rule-against-polarity]")
        .stdout_has("3 indicator(s)")
        .stdout_has("2 error(s), 0 warning(s)");
    let doc = run(&["check-catalog", "tests/data/check/polarity.toml", "--strict", "--format", "json"]).json();
    assert_eq!((doc["valid"].as_bool(), doc["findings"][0]["severity"].as_str()), (Some(false), Some("error")));
    // In Chinese by default.
    run(&["check-catalog", "tests/data/check/polarity.toml"])
        .stdout_has("目标 `>= 26` 要求不低于26，而 better = \"lower\" 表示越低越好");
}

/// A catalogue with one indicator of each polarity whose target is `eliminated`.
const ELIMINATED: &str = r#"[plan]
name = "示例市规划"
base_year = 2020
target_year = 2025
midterm_year = 2023

[[county]]
name = "全市"
kind = "city"

[[indicator]]
id = "black_odorous"
domain = "水环境"
name = "黑臭水体消除比例（%）"
unit = "%"
type = "binding"
better = "higher"
target = "eliminated"
target_text = "基本消除"

[[indicator]]
id = "class_v"
domain = "水环境"
name = "劣Ⅴ类水体比例（%）"
unit = "%"
type = "binding"
better = "lower"
baseline = 3.1
target = "eliminated"
target_text = "消除"
"#;

#[test]
fn eliminated_is_a_share_eliminated_or_a_share_remaining_by_polarity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.toml"), ELIMINATED).unwrap();
    std::fs::write(dir.path().join("2025.csv"), "county,indicator,value\n全市,black_odorous,90\n全市,class_v,0\n")
        .unwrap();
    let r = run_in(dir.path(), &["eval", "2025.csv", "--catalog", "c.toml", "--format", "json"]);
    r.code(0);
    let doc = r.json();
    let result = |id: &str| doc["results"].as_array().unwrap().iter().find(|v| v["indicator"] == id).unwrap().clone();
    assert_eq!(
        (result("black_odorous")["target"]["resolved"].as_str(), result("black_odorous")["status"].as_str()),
        (Some("≥90"), Some("pass"))
    );
    assert_eq!(
        (result("class_v")["target"]["resolved"].as_str(), result("class_v")["status"].as_str()),
        (Some("≤0"), Some("pass"))
    );
    std::fs::write(dir.path().join("2025.csv"), "county,indicator,value\n全市,black_odorous,89\n全市,class_v,0.5\n")
        .unwrap();
    let r = run_in(dir.path(), &["eval", "2025.csv", "--catalog", "c.toml"]);
    r.code(1).stdout_has("基本消除（≥90）").stdout_has("消除（≤0）");
}

use plan_check::Lang;
use plan_check::evaluate::{Direction, Reason, Standing};
use plan_check::labels;
use plan_check::progress::Point;
use plan_check::target::{Better, Cmp, Rule};

/// A reason as an indicator of each polarity meets it, with its words in both languages.
struct Case {
    reason: Reason,
    en: &'static str,
    zh: &'static str,
}

fn at_most(value: f64) -> Rule {
    Rule { cmp: Cmp::AtMost, value }
}

fn at_least(value: f64) -> Rule {
    Rule { cmp: Cmp::AtLeast, value }
}

/// Every reason, for a lower-is-better indicator (PM2.5 against ≤22) and a higher-is-better one
/// (forest cover against ≥58.7). Reasons without figures read the same for both.
fn cases(better: Better) -> Vec<Case> {
    let lower = better == Better::Lower;
    let (rule, baseline, broken, away, baseline_away) =
        if lower { (at_most(22.0), 21.0, 22.4, 26.0, 25.0) } else { (at_least(58.7), 58.7, 58.6, 50.0, 55.0) };
    let now = |value| Standing { value, rule };
    let point = |year, value| Point { year, value };
    let trend = if lower {
        Reason::Trend {
            first: point(2021, 10.6),
            latest: point(2023, 9.8),
            slope: -0.4,
            better,
            direction: Direction::Falling,
        }
    } else {
        Reason::Trend {
            first: point(2021, 25.9),
            latest: point(2023, 27.6),
            slope: 0.85,
            better,
            direction: Direction::Rising,
        }
    };
    let same = |reason, en, zh| Case { reason, en, zh };
    vec![
        same(Reason::ProvinceNotSupplied, "province target not supplied", "未提供省下达目标"),
        same(
            Reason::NothingToCount,
            "0/0: nothing to count in this area, so no ratio",
            "分子分母均为0：本地区无可统计对象，不计比例",
        ),
        same(
            Reason::CompoundGap { year: 2022 },
            "no rate for 2022: a cumulative rate is compounded year by year and cannot skip one",
            "缺少2022年的年度值，累计值无法逐年复合计算",
        ),
        same(
            Reason::NoBaseline,
            // A statement of fact: the instruction is the analyst's, on stderr (issue 21).
            "the plan gives no baseline",
            "规划未给出基准值",
        ),
        same(Reason::NoAreaBaseline { year: 2020 }, "no 2020 value for this area", "缺少本地区2020年基准值"),
        same(
            Reason::ReferenceNotSupplied { name: "“十三五”平均".into() },
            "reference value “十三五”平均 not supplied",
            "未提供参照值：“十三五”平均",
        ),
        same(Reason::NeedsSeries, "needs a series of years", "需多年数据"),
        same(Reason::NoRow, "no row in the data", "数据中无此项"),
        same(Reason::NoData, "the data says no data", "数据标注为无数据"),
        same(
            Reason::MissingAreas(vec!["晋江市".into(), "南安市".into()]),
            "cannot aggregate: no usable value from 晋江市, 南安市",
            "无法汇总，缺少：晋江市、南安市",
        ),
        same(
            Reason::CityWideCount { city: "全市".into() },
            "a count for the whole city: judged on 全市's total",
            "全市总量指标，按全市合计判定",
        ),
        same(
            Reason::NotApplicable { tags: vec!["coastal".into()] },
            "applies only to areas tagged coastal",
            "仅适用于：coastal",
        ),
        if lower {
            Case {
                reason: trend,
                en: "2021: 10.6 → 2023: 9.8, slope -0.4 a year (falling; lower is better)",
                zh: "2021年10.6 → 2023年9.8，斜率-0.4/年（下降，越低越好）",
            }
        } else {
            Case {
                reason: trend,
                en: "2021: 25.9 → 2023: 27.6, slope +0.85 a year (rising; higher is better)",
                zh: "2021年25.9 → 2023年27.6，斜率+0.85/年（上升，越高越好）",
            }
        },
        if lower {
            Case {
                reason: Reason::HoldBroken { baseline, now: now(broken) },
                en: "the baseline 21 met the target ≤22; the value 22.4 is now above it",
                zh: "基准值21已达到目标≤22，本期值22.4高于目标",
            }
        } else {
            Case {
                reason: Reason::HoldBroken { baseline, now: now(broken) },
                en: "the baseline 58.7 met the target ≥58.7; the value 58.6 is now below it",
                zh: "基准值58.7已达到目标≥58.7，本期值58.6低于目标",
            }
        },
        if lower {
            Case {
                reason: Reason::MovedAway { baseline: baseline_away, now: now(away) },
                en: "the value 26 has risen from the baseline 25, away from the target ≤22",
                zh: "本期值26高于基准值25，偏离目标≤22",
            }
        } else {
            Case {
                reason: Reason::MovedAway { baseline: baseline_away, now: now(away) },
                en: "the value 50 has fallen from the baseline 55, away from the target ≥58.7",
                zh: "本期值50低于基准值55，偏离目标≥58.7",
            }
        },
        if lower {
            Case {
                reason: Reason::JudgedByLevel { now: now(broken) },
                en: "no baseline: judged by level; the value 22.4 is above the target ≤22",
                zh: "无基准值，按水平判定：本期值22.4高于目标≤22",
            }
        } else {
            Case {
                reason: Reason::JudgedByLevel { now: now(broken) },
                en: "no baseline: judged by level; the value 58.6 is below the target ≥58.7",
                zh: "无基准值，按水平判定：本期值58.6低于目标≥58.7",
            }
        },
        if lower {
            Case {
                reason: Reason::DueAlready { due: 2023, now: now(broken) },
                en: "due in 2023: judged as final; the value 22.4 is above the target ≤22",
                zh: "2023年到期，按总结评估规则判定：本期值22.4高于目标≤22",
            }
        } else {
            Case {
                reason: Reason::DueAlready { due: 2023, now: now(60.0) },
                en: "due in 2023: judged as final; the value 60 meets the target ≥58.7",
                zh: "2023年到期，按总结评估规则判定：本期值60达到目标≥58.7",
            }
        },
    ]
}

/// How many kinds of reason there are: a new one must join the table above.
fn kind(r: &Reason) -> usize {
    match r {
        Reason::ProvinceNotSupplied => 0,
        Reason::NoBaseline => 1,
        Reason::NoAreaBaseline { .. } => 2,
        Reason::ReferenceNotSupplied { .. } => 3,
        Reason::NeedsSeries => 4,
        Reason::Trend { .. } => 5,
        Reason::HoldBroken { .. } => 6,
        Reason::MovedAway { .. } => 7,
        Reason::JudgedByLevel { .. } => 8,
        Reason::DueAlready { .. } => 9,
        Reason::NoRow => 10,
        Reason::NoData => 11,
        Reason::MissingAreas(_) => 12,
        Reason::CityWideCount { .. } => 13,
        Reason::NotApplicable { .. } => 14,
        Reason::NothingToCount => 15,
        Reason::CompoundGap { .. } => 16,
    }
}

#[test]
fn every_reason_says_the_right_direction_for_both_polarities_in_both_languages() {
    for better in [Better::Lower, Better::Higher] {
        let cases = cases(better);
        let mut kinds: Vec<usize> = cases.iter().map(|c| kind(&c.reason)).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds, (0..17).collect::<Vec<_>>(), "every kind of reason, once, for {better:?}");
        for case in cases {
            assert_eq!(labels::reason(&case.reason, Lang::En), case.en, "{better:?} {:?}", case.reason);
            assert_eq!(labels::reason(&case.reason, Lang::Zh), case.zh, "{better:?} {:?}", case.reason);
        }
    }
}

#[test]
fn pm25_above_a_limit_its_baseline_met_is_said_to_be_above_it() {
    // The issue's case: 中心市区 PM2.5 22.4 against <= 22, the 2020 value 21 having met it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.toml"), "[pm25_central]\ntarget = \"<= 22\"\n").unwrap();
    std::fs::write(dir.path().join("2023.csv"), "county,indicator,value\n中心市区,pm25_central,22.4\n").unwrap();
    let catalog = common::root().join("indicators.toml");
    let args = ["eval", "2023.csv", "--targets", "t.toml", "--catalog", catalog.to_str().unwrap()];
    let r = run_in(dir.path(), &args);
    r.stdout_has("倒退").stdout_has("基准值21已达到目标≤22，本期值22.4高于目标");
    assert!(!r.stdout.contains("低于目标"), "{}", r.stdout);
    let r = run_in(dir.path(), &[&args[..], &["--format", "json"]].concat());
    let doc = r.json();
    let pm25 = doc["results"].as_array().unwrap().iter().find(|v| v["indicator"] == "pm25_central").unwrap();
    assert_eq!(pm25["status"], "regressing");
    assert_eq!(pm25["reason"], "the baseline 21 met the target ≤22; the value 22.4 is now above it");
}
