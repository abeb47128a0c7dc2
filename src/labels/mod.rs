//! Every human-facing word of plan-check in Chinese and English, and how numbers are shown. The
//! evaluator and the catalogue know nothing of languages; renderers ask here. Machine output (JSON keys,
//! status values, problem codes) is stable English and is not in this module.

use crate::aggregate::RATIO_TOLERANCE;
use crate::catalog::IndicatorType;
use crate::evaluate::{Direction, Reason, Side, Stage, Standing, Status};
pub use crate::lang::Lang;
use crate::load::Accounting;
use crate::problem::{Code, Expected, NotNumber, Quantity, Range};
use crate::progress::{Category, Progress};
pub use crate::target::num;
use crate::target::{Better, Cmp};

/// The Chinese or the English words, by the language.
pub fn words(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Zh { zh } else { en }
}

/// A fixed word of the tables and headings: column headers, titles, sheet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    /// What a problem code means (a column of `validate`'s table in Chinese).
    Problem,
    /// Template columns and sheets (the header names `load` reads).
    TemplateCounty,
    TemplateValue,
    TemplateYear,
    TemplateNote,
    TemplateDataSheet,
    TemplateLegendSheet,
    TemplateId,
    TemplateAbout,
    Applicable,
    /// `--type`/`--only` left no verdict to show.
    NothingMatches,
    AppliesTo,
    Area,
    AreasSheet,
    AreasTitle,
    Baseline,
    BaselineOf,
    BindingFailing,
    Catalogue,
    Chapter,
    CityLevel,
    CitySheet,
    CityTitle,
    Code,
    Col,
    Completion,
    Domain,
    Due,
    ElapsedShare,
    Error,
    Expected,
    Field,
    File,
    Found,
    Indicator,
    IndicatorsSheet,
    Legend,
    Level,
    Line,
    Linear,
    No,
    ProblemsSheet,
    Progress,
    ProgressOverYears,
    Projection,
    Rank,
    RankingSheet,
    Reason,
    Rule,
    Separator,
    Source,
    Sparkline,
    Status,
    SummaryOf,
    SummarySheet,
    SummaryTitle,
    Target,
    TargetOf,
    Task,
    TasksSheet,
    TasksTitle,
    Total,
    TrendSheet,
    Type,
    Value,
    Verdict,
    Warning,
}

/// The word in the language.
pub fn word(w: Word, lang: Lang) -> &'static str {
    let (zh, en) = match w {
        Word::Problem => ("问题", "problem"),
        Word::TemplateCounty => ("县市区", "county"),
        Word::TemplateValue => ("数值", "value"),
        Word::TemplateYear => ("年份", "year"),
        Word::TemplateNote => ("备注", "note"),
        Word::TemplateDataSheet => ("数据", "data"),
        Word::TemplateLegendSheet => ("指标说明", "indicators"),
        Word::TemplateId => ("指标id", "id"),
        Word::TemplateAbout => ("说明", "about"),
        Word::Applicable => ("（适用指标）", " (applicable indicators)"),
        Word::NothingMatches => ("没有符合 --type/--only 条件的指标", "no indicator matches --type/--only"),
        Word::AppliesTo => ("适用", "applies to"),
        Word::Area => ("地区", "area"),
        Word::AreasSheet => ("各地区", "areas"),
        Word::AreasTitle => ("各地区", "Reporting areas"),
        Word::Baseline => ("基准", "baseline"),
        Word::BaselineOf => ("基准", "baseline "),
        // One name for the column in eval and in the report (DocWord::BindingOffTrack): it counts the
        // binding indicators lagging, regressing or failing.
        Word::BindingFailing => ("约束性需关注", "binding off track"),
        Word::Catalogue => ("指标目录：", "catalogue: "),
        Word::Chapter => ("章", "chapter"),
        Word::CityLevel => ("城市层面（全市／中心市区）", "city level (全市 / 中心市区)"),
        Word::CitySheet => ("城市层面", "city level"),
        Word::CityTitle => ("城市层面（全市／中心市区）", "City level (全市 / 中心市区)"),
        Word::Code => ("代码", "code"),
        Word::Col => ("列", "col"),
        Word::Completion => ("完成度", "completion"),
        Word::Domain => ("领域", "domain"),
        Word::Due => ("期限", "due"),
        Word::ElapsedShare => ("，序时进度 ", ", elapsed share "),
        Word::Error => ("错误", "error"),
        Word::Expected => ("应为", "expected"),
        Word::Field => ("字段", "field"),
        Word::File => ("文件", "file"),
        Word::Found => ("发现", "found"),
        Word::Indicator => ("指标", "indicator"),
        Word::IndicatorsSheet => ("指标", "indicators"),
        Word::Legend => ("图例：", "legend:"),
        Word::Level => ("级别", "level"),
        Word::Line => ("行", "line"),
        Word::Linear => ("线性", "linear"),
        Word::No => ("序号", "no"),
        Word::ProblemsSheet => ("问题", "problems"),
        Word::Progress => ("进展", "progress"),
        Word::ProgressOverYears => ("历年进展", "progress over the years"),
        Word::Projection => ("预测", "projection"),
        Word::Rank => ("名次", "rank"),
        Word::RankingSheet => ("排名", "ranking"),
        Word::Reason => ("说明", "reason"),
        Word::Rule => ("判定规则", "rule"),
        Word::Separator => ("；", "; "),
        Word::Source => ("出处", "source"),
        Word::Sparkline => ("走势", "trend"),
        Word::Status => ("状态", "status"),
        Word::SummaryOf => ("汇总：", "Summary: "),
        Word::SummarySheet => ("汇总", "summary"),
        Word::SummaryTitle => ("汇总（城市层面）", "Summary (city level)"),
        Word::Target => ("目标", "target"),
        Word::TargetOf => ("目标", "target "),
        Word::Task => ("任务", "task"),
        Word::TasksSheet => ("重点任务", "tasks"),
        Word::TasksTitle => ("规划正文重点任务（按章）", "Tasks of the plan's body (by chapter)"),
        Word::Total => ("合计", "total"),
        Word::TrendSheet => ("历年进展", "trend"),
        Word::Type => ("类型", "type"),
        Word::Value => ("本期值", "value"),
        Word::Verdict => ("状态", "verdict"),
        Word::Warning => ("警告", "warning"),
    };
    words(lang, zh, en)
}

mod ci;
mod errors;
mod explain;
mod gate;
mod headline;
mod lint;
mod names;
mod numbers;
mod parts;
mod plan_words;
mod problems;
mod projects;
mod reason;
mod report;
mod sentences;
mod status;
mod targets_from;
mod typography;
mod workbooks;

pub use ci::*;
pub use errors::*;
pub use explain::*;
pub use gate::*;
pub use headline::*;
pub use lint::*;
pub use names::*;
pub use numbers::*;
pub use parts::*;
pub use plan_words::*;
pub use problems::*;
pub use projects::*;
pub use reason::*;
pub use report::*;
pub use sentences::*;
pub use status::*;
pub use targets_from::*;
pub use typography::*;
pub use workbooks::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Point;

    #[test]
    fn reasons_read_in_both_languages() {
        let r = Reason::Trend {
            first: Point { year: 2021, value: 25.9 },
            latest: Point { year: 2023, value: 27.6 },
            slope: 0.85,
            better: Better::Higher,
            direction: Direction::Rising,
        };
        assert_eq!(reason(&r, Lang::En), "2021: 25.9 → 2023: 27.6, slope +0.85 a year (rising; higher is better)");
        assert_eq!(reason(&r, Lang::Zh), "2021年25.9 → 2023年27.6，斜率+0.85/年（上升，越高越好）");
    }

    #[test]
    fn the_slope_words_follow_the_judgement_and_a_tiny_slope_is_not_shown_as_zero() {
        let r = |slope, direction| Reason::Trend {
            first: Point { year: 2021, value: 80.0 },
            latest: Point { year: 2023, value: 80.0000001 },
            slope,
            better: Better::Higher,
            direction,
        };
        // A slope the judgement counts as rising, too small for four decimals: rising, never "+0 (flat)".
        let tiny = reason(&r(3e-8, Direction::Rising), Lang::En);
        assert!(tiny.contains("slope +3.0e-8 a year (rising;"), "{tiny}");
        // A slope within the tolerance is flat, and shown as 0.
        let flat = reason(&r(1e-12, Direction::Flat), Lang::Zh);
        assert!(flat.contains("斜率0/年（持平"), "{flat}");
        assert!(reason(&r(-0.25, Direction::Falling), Lang::Zh).contains("斜率-0.25/年（下降"));
    }

    #[test]
    fn types_are_named_in_english_or_as_the_plan_writes_them() {
        assert_eq!(parse_type("约束性"), Some(IndicatorType::Binding));
        assert_eq!(parse_type("Binding"), Some(IndicatorType::Binding));
        assert_eq!(parse_type("预期性"), Some(IndicatorType::Expected));
        assert_eq!(parse_type("引领性"), Some(IndicatorType::Leading));
        assert_eq!(parse_type("重点任务"), Some(IndicatorType::Task));
        assert_eq!(parse_type("bindings"), None);
    }

    #[test]
    fn shares_and_signs() {
        assert_eq!(percent(0.6), "60%");
        assert_eq!(signed(0.85), "+0.85");
        assert_eq!(signed(-0.3), "-0.3");
        assert_eq!(signed(0.0), "0");
        assert_eq!(two(91.666), "91.67");
    }
}
