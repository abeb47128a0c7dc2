//! Every human-facing word of plan-check in Chinese and English, and how numbers are shown. The
//! evaluator and the catalogue know nothing of languages; renderers ask here. Machine output (JSON keys,
//! status values, problem codes) is stable English and is not in this module.

use crate::aggregate::RATIO_TOLERANCE;
use crate::catalog::IndicatorType;
use crate::evaluate::{Reason, Side, Stage, Standing, Status};
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
        Word::BindingFailing => ("约束性未达", "binding failing"),
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

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Pass, Lang::Zh) => "达标",
        (Status::Fail, Lang::Zh) => "未达标",
        (Status::Achieved, Lang::Zh) => "提前实现",
        (Status::OnTrack, Lang::Zh) => "符合序时进度",
        (Status::Lagging, Lang::Zh) => "滞后",
        (Status::Regressing, Lang::Zh) => "倒退",
        (Status::Pending, Lang::Zh) => "待定",
        (Status::Missing, Lang::Zh) => "缺数据",
        (Status::NotApplicable, Lang::Zh) => "不适用",
        (Status::Pass, Lang::En) => "pass",
        (Status::Fail, Lang::En) => "fail",
        (Status::Achieved, Lang::En) => "achieved",
        (Status::OnTrack, Lang::En) => "on track",
        (Status::Lagging, Lang::En) => "lagging",
        (Status::Regressing, Lang::En) => "regressing",
        (Status::Pending, Lang::En) => "pending",
        (Status::Missing, Lang::En) => "missing",
        (Status::NotApplicable, Lang::En) => "n/a",
    }
}

/// One character per status, for the areas × indicators matrix.
pub fn status_symbol(s: Status) -> &'static str {
    match s {
        Status::Pass => "✓",
        Status::Fail => "✗",
        Status::Achieved => "◎",
        Status::OnTrack => "○",
        Status::Lagging => "△",
        Status::Regressing => "▼",
        Status::Pending => "?",
        Status::Missing => "·",
        Status::NotApplicable => "-",
    }
}

pub fn type_label(t: IndicatorType, lang: Lang) -> &'static str {
    match (t, lang) {
        (IndicatorType::Binding, Lang::Zh) => "约束性",
        (IndicatorType::Expected, Lang::Zh) => "预期性",
        (IndicatorType::Leading, Lang::Zh) => "引领性",
        (IndicatorType::Task, Lang::Zh) => "重点任务",
        (IndicatorType::Binding, Lang::En) => "binding",
        (IndicatorType::Expected, Lang::En) => "expected",
        (IndicatorType::Leading, Lang::En) => "leading",
        (IndicatorType::Task, Lang::En) => "task",
    }
}

/// The type an argument names, in English or as the plan writes it (约束性 …).
pub fn parse_type(raw: &str) -> Option<IndicatorType> {
    let raw = raw.trim();
    IndicatorType::ALL.into_iter().find(|&t| {
        raw.eq_ignore_ascii_case(t.as_str())
            || raw == type_label(t, Lang::Zh)
            || (t == IndicatorType::Task && raw == "任务")
    })
}

pub fn stage_label(s: Stage, lang: Lang) -> &'static str {
    match (s, lang) {
        (Stage::Midterm, Lang::Zh) => "中期评估",
        (Stage::Final, Lang::Zh) => "终期评估",
        (Stage::Midterm, Lang::En) => "mid-term",
        (Stage::Final, Lang::En) => "final",
    }
}

/// The plan's own names for its two evaluations (第十一章第六节: "中期评估和总结评估"), as a report titles them.
pub fn evaluation_name(s: Stage, lang: Lang) -> &'static str {
    match (s, lang) {
        (Stage::Midterm, Lang::Zh) => "中期评估",
        (Stage::Final, Lang::Zh) => "总结评估",
        (Stage::Midterm, Lang::En) => "mid-term evaluation",
        (Stage::Final, Lang::En) => "final evaluation",
    }
}

pub fn category_label(c: Category, lang: Lang) -> &'static str {
    match (c, lang) {
        (Category::Achieved, Lang::Zh) => "已达目标",
        (Category::Significant, Lang::Zh) => "显著进展",
        (Category::Moderate, Lang::Zh) => "适度进展",
        (Category::Insufficient, Lang::Zh) => "进展不足",
        (Category::Away, Lang::Zh) => "偏离目标",
        (Category::Achieved, Lang::En) => "achieved",
        (Category::Significant, Lang::En) => "significant progress",
        (Category::Moderate, Lang::En) => "moderate progress",
        (Category::Insufficient, Lang::En) => "insufficient progress",
        (Category::Away, Lang::En) => "moving away",
    }
}

/// Why a verdict is what it is, in words. A reason that compares figures names them and says which way
/// the value lies, whichever way the indicator is better.
pub fn reason(r: &Reason, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (r, lang) {
        (Reason::ProvinceNotSupplied, En) => "province target not supplied".into(),
        (Reason::ProvinceNotSupplied, Zh) => "未提供省下达目标".into(),
        (Reason::NoBaseline, En) => "the plan gives no baseline; supply a base-year value".into(),
        (Reason::NoBaseline, Zh) => "规划未给出基准值，请提供基准年数据".into(),
        (Reason::NoAreaBaseline { year }, En) => format!("no {year} value for this area"),
        (Reason::NoAreaBaseline { year }, Zh) => format!("缺少本地区{year}年基准值"),
        (Reason::ReferenceNotSupplied { name }, En) => format!("reference value {name} not supplied"),
        (Reason::ReferenceNotSupplied { name }, Zh) => format!("未提供参照值：{name}"),
        (Reason::NeedsSeries, En) => "needs a series of years".into(),
        (Reason::NeedsSeries, Zh) => "需多年数据".into(),
        (Reason::Trend { first, latest, slope, better }, En) => format!(
            "{}: {} → {}: {}, slope {} a year ({}; {} is better)",
            first.year,
            num(first.value),
            latest.year,
            num(latest.value),
            signed(*slope),
            trend_word(*slope, En),
            if *better == Better::Higher { "higher" } else { "lower" }
        ),
        (Reason::Trend { first, latest, slope, better }, Zh) => format!(
            "{}年{} → {}年{}，斜率{}/年（{}，{}）",
            first.year,
            num(first.value),
            latest.year,
            num(latest.value),
            signed(*slope),
            trend_word(*slope, Zh),
            if *better == Better::Higher { "越高越好" } else { "越低越好" }
        ),
        (Reason::HoldBroken { baseline, now }, En) => format!(
            "the baseline {} met the target {}; the value {} is now {} it",
            num(*baseline),
            now.rule,
            num(now.value),
            if now.side() == Side::Above { "above" } else { "below" }
        ),
        (Reason::HoldBroken { baseline, now }, Zh) => format!(
            "基准值{}已达到目标{}，本期值{}{}目标",
            num(*baseline),
            now.rule,
            num(now.value),
            if now.side() == Side::Above { "高于" } else { "低于" }
        ),
        (Reason::MovedAway { baseline, now }, En) => format!(
            "the value {} has {} from the baseline {}, away from the target {}",
            num(now.value),
            if now.value > *baseline { "risen" } else { "fallen" },
            num(*baseline),
            now.rule
        ),
        (Reason::MovedAway { baseline, now }, Zh) => format!(
            "本期值{}{}基准值{}，偏离目标{}",
            num(now.value),
            if now.value > *baseline { "高于" } else { "低于" },
            num(*baseline),
            now.rule
        ),
        (Reason::JudgedByLevel { now }, En) => format!("no baseline: judged by level; {}", standing(now, En)),
        (Reason::JudgedByLevel { now }, Zh) => format!("无基准值，按水平判定：{}", standing(now, Zh)),
        (Reason::DueAlready { due, now }, En) => format!("due in {due}: judged as final; {}", standing(now, En)),
        (Reason::DueAlready { due, now }, Zh) => format!("{due}年到期，按终期判定：{}", standing(now, Zh)),
        (Reason::NoRow, En) => "no row in the data".into(),
        (Reason::NoRow, Zh) => "数据中无此项".into(),
        (Reason::NoData, En) => "the data says no data".into(),
        (Reason::NoData, Zh) => "数据标注为无数据".into(),
        (Reason::MissingAreas(areas), En) => format!("cannot aggregate: no usable value from {}", areas.join(", ")),
        (Reason::MissingAreas(areas), Zh) => format!("无法汇总，缺少：{}", areas.join("、")),
        (Reason::CityWideCount { city }, En) => format!("a count for the whole city: judged on {city}'s total"),
        (Reason::CityWideCount { city }, Zh) => format!("全市总量指标，按{city}合计判定"),
        (Reason::NotApplicable { tags }, En) => format!("applies only to areas tagged {}", tags.join(", ")),
        (Reason::NotApplicable { tags }, Zh) => format!("仅适用于：{}", tags.join("、")),
    }
}

/// "22.4 is above the target ≤22" / "本期值22.4高于目标≤22".
fn standing(now: &Standing, lang: Lang) -> String {
    let (value, rule) = (num(now.value), now.rule);
    match (now.side(), lang) {
        (Side::Meets, Lang::En) => format!("the value {value} meets the target {rule}"),
        (Side::Above, Lang::En) => format!("the value {value} is above the target {rule}"),
        (Side::Below, Lang::En) => format!("the value {value} is below the target {rule}"),
        (Side::Meets, Lang::Zh) => format!("本期值{value}达到目标{rule}"),
        (Side::Above, Lang::Zh) => format!("本期值{value}高于目标{rule}"),
        (Side::Below, Lang::Zh) => format!("本期值{value}低于目标{rule}"),
    }
}

fn trend_word(slope: f64, lang: Lang) -> &'static str {
    // By the slope as shown, so that "+0" is never called rising.
    let shown: f64 = num(slope).parse().unwrap_or(0.0);
    match (shown.partial_cmp(&0.0), lang) {
        (Some(std::cmp::Ordering::Greater), Lang::En) => "rising",
        (Some(std::cmp::Ordering::Less), Lang::En) => "falling",
        (_, Lang::En) => "flat",
        (Some(std::cmp::Ordering::Greater), Lang::Zh) => "上升",
        (Some(std::cmp::Ordering::Less), Lang::Zh) => "下降",
        (_, Lang::Zh) => "持平",
    }
}

/// What a problem code means, in a few words.
pub fn problem_title(code: Code, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        Code::Encoding => ("编码无法识别", "unreadable encoding"),
        Code::EmptyFile => ("文件为空", "empty file"),
        Code::MissingColumn => ("缺少列", "missing column"),
        Code::DuplicateColumn => ("列名重复", "duplicate column"),
        Code::UnknownColumn => ("未知列", "unknown column"),
        Code::RaggedRow => ("列数不符", "ragged row"),
        Code::UnknownCounty => ("未知地区", "unknown area"),
        Code::UnknownIndicator => ("未知指标", "unknown indicator"),
        Code::NotANumber => ("不是数值", "not a number"),
        Code::OutOfRange => ("超出范围", "out of range"),
        Code::MissingYear => ("缺少年份", "missing year"),
        Code::DuplicateRow => ("重复行", "duplicate row"),
        Code::ConflictingDuplicate => ("重复行数值冲突", "conflicting duplicate"),
        Code::NumeratorAboveDenominator => ("分子大于分母", "numerator above denominator"),
        Code::InconsistentRatio => ("比例与分子分母不符", "inconsistent ratio"),
        Code::NotApplicable => ("不适用于该地区", "not applicable to the area"),
        Code::MissingIndicator => ("缺少指标值", "missing indicator"),
        Code::AggregateMismatch => ("与各地区汇总不符", "disagrees with the areas' aggregate"),
        Code::BaselineMismatch => ("与指标目录基准值不符", "disagrees with the catalogue's baseline"),
        Code::UnreadableFile => ("文件无法读取", "file cannot be read"),
        Code::TooLarge => ("超出限制", "beyond a limit"),
        Code::Formula => ("公式取保存值", "formula values as saved"),
    };
    words(lang, zh, en)
}

// Sentences: the words of headings, notes and cells that carry values.

/// `，序时进度 60%` after the stage in a heading; nothing at the final stage.
pub fn elapsed_share(stage: Stage, share: f64, lang: Lang) -> String {
    match stage {
        Stage::Midterm => format!("{}{}", words(lang, "，序时进度 ", ", elapsed share "), percent(share)),
        Stage::Final => String::new(),
    }
}

/// The heading line of `eval` that says what was evaluated.
pub fn eval_data_line(files: &str, year: i32, stage: Stage, share: f64, lang: Lang) -> String {
    let (label, share) = (stage_label(stage, lang), elapsed_share(stage, share, lang));
    match lang {
        Lang::Zh => format!("数据：{files}　年份：{year}　阶段：{label}{share}"),
        Lang::En => format!("data: {files}  year: {year}  stage: {label}{share}"),
    }
}

/// The heading line of `trend` that says what was evaluated, and for which area.
pub fn trend_data_line(files: &str, year: i32, stage: Stage, share: f64, area: &str, lang: Lang) -> String {
    let (label, share) = (stage_label(stage, lang), elapsed_share(stage, share, lang));
    match lang {
        Lang::Zh => format!("数据：{files}　评估年份：{year}　阶段：{label}{share}　地区：{area}"),
        Lang::En => format!("data: {files}  year: {year}  stage: {label}{share}  area: {area}"),
    }
}

/// The notes under `trend`'s table: how progress and projections are measured.
pub fn trend_notes(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Zh => [
            "进展（Eurostat）：R = 实际年均增长率 ÷ 所需年均增长率，自序列首年（有基准值时为基准年）起算；R ≥ 95% 显著进展，60%–95% 适度进展，0–60% 进展不足，R < 0 或基准年已达标而本期未达标为偏离目标；本期已达标为已达目标。值或目标为 0 时增长率无定义，改用线性年均变化（标“线性”）。",
            "预测：各年数值的最小二乘直线在目标年的取值（百分比不超过 100）。走势：▁ 最低 … █ 最高，空格为缺年。",
        ],
        Lang::En => [
            "progress (Eurostat): R = actual ÷ required annual growth rate, from the first year of the series (the base year when its value is known); R ≥ 95% significant, 60–95% moderate, 0–60% insufficient, R < 0 (or a target met in the first year and lost since) moving away; a target met now is achieved. Where a value or the target is 0, growth rates are undefined and the linear change per year is used (marked linear).",
            "projection: the least-squares line through the values, at the target year (a percentage is capped at 100). sparkline: ▁ lowest … █ highest, a space for a missing year.",
        ],
    }
}

/// The progress category with its ratio, and a mark when the rates are linear.
pub fn progress_text(p: Option<&Progress>, lang: Lang) -> String {
    let Some(p) = p else { return "—".into() };
    let mut notes: Vec<String> = p.ratio.map(|r| format!("R={}", percent(r))).into_iter().collect();
    if p.linear {
        notes.push(word(Word::Linear, lang).into());
    }
    let label = category_label(p.category, lang);
    match (notes.is_empty(), lang) {
        (true, _) => label.into(),
        (false, Lang::Zh) => format!("{label}（{}）", notes.join("，")),
        (false, Lang::En) => format!("{label} ({})", notes.join(", ")),
    }
}

/// "projected 2025: 93.4, target ≥95.6: miss by 2.2".
pub fn projection_text(p: Option<&Progress>, lang: Lang) -> String {
    let Some(p) = p else { return "—".into() };
    let j = &p.projection;
    let (year, value, target, miss) = (j.year, two(j.value), j.target, two(j.gap.abs()));
    match (lang, j.meets_target) {
        (Lang::Zh, true) => format!("预计{year}年{value}；目标{target}：可达标"),
        (Lang::Zh, false) => format!("预计{year}年{value}；目标{target}：差{miss}"),
        (Lang::En, true) => format!("projected {year}: {value}, target {target}: meets"),
        (Lang::En, false) => format!("projected {year}: {value}, target {target}: miss by {miss}"),
    }
}

/// A city value made from its areas' rows.
pub fn aggregated_from(areas: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("由{areas}个地区汇总"),
        Lang::En => format!("aggregated from {areas} areas"),
    }
}

/// Who assigned the target in force: the province (for the city), or the area's own document.
pub fn assigned_by(source: &str, for_area: bool, lang: Lang) -> String {
    match (lang, for_area) {
        (Lang::Zh, false) => format!("省目标：{source}"),
        (Lang::Zh, true) => format!("下达本地区目标：{source}"),
        (Lang::En, false) => format!("province: {source}"),
        (Lang::En, true) => format!("assigned to the area: {source}"),
    }
}

/// One indicator of the verdict line: `12 森林覆盖率 fail (58.2, target ≥58.7)`.
pub fn off_track_item(label: &str, name: &str, status: Status, value: &str, target: &str, lang: Lang) -> String {
    let status = status_label(status, lang);
    match lang {
        Lang::Zh => format!("{label} {name} {status}（{value}，目标{target}）"),
        Lang::En => format!("{label} {name} {status} ({value}, target {target})"),
    }
}

/// The verdict line of `eval`: how many indicators are off track, then each of them.
pub fn off_track_line(binding: bool, items: &[String], lang: Lang) -> String {
    let n = items.len();
    let what = match (binding, lang) {
        (true, Lang::Zh) => format!("{n}项约束性指标未达要求："),
        (false, Lang::Zh) => format!("{n}项指标未达要求："),
        (true, Lang::En) => format!("{n} binding indicator(s) off track: "),
        (false, Lang::En) => format!("{n} indicator(s) off track: "),
    };
    format!("{what}{}", items.join(word(Word::Separator, lang)))
}

/// A target that accumulates from zero, marked so in the catalogue's list.
pub fn cumulative(rule: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{rule}，累计"),
        Lang::En => format!("{rule}, cumulative"),
    }
}

/// Where an indicator applies: the city row only, every area, or the tagged areas; and which
/// city-level row is its official one when that is not 全市.
pub fn applicability(city_row: &str, tags: &[String], areas: usize, all: usize, lang: Lang) -> String {
    let scope = match (areas, lang) {
        (0, Lang::Zh) => return format!("仅{city_row}"),
        (0, Lang::En) => return format!("{city_row} only"),
        (n, Lang::Zh) if n == all => "全部地区".into(),
        (n, Lang::En) if n == all => "all areas".into(),
        (n, Lang::Zh) => format!("{}：{n}个地区", tags.join("、")),
        (n, Lang::En) => format!("{}: {n} areas", tags.join(", ")),
    };
    match (city_row, lang) {
        ("全市", _) => scope,
        (row, Lang::Zh) => format!("{scope}；以{row}为准"),
        (row, Lang::En) => format!("{scope}; official row {row}"),
    }
}

/// The line under the catalogue's list.
pub fn indicator_count(n: usize, origin: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共{n}项（指标目录：{origin}）"),
        Lang::En => format!("{n} indicator(s) (catalogue: {origin})"),
    }
}

/// Which way is better, for a ranking.
pub fn direction(better: Better, lang: Lang) -> &'static str {
    match (better, lang) {
        (Better::Higher, Lang::Zh) => "越高越好",
        (Better::Lower, Lang::Zh) => "越低越好",
        (Better::Higher, Lang::En) => "higher is better",
        (Better::Lower, Lang::En) => "lower is better",
    }
}

/// The heading of a ranking: the indicator, the year, the target and the direction.
pub fn rank_heading(name: &str, id: &str, year: i32, target: &str, better: Better, lang: Lang) -> String {
    let direction = direction(better, lang);
    match lang {
        Lang::Zh => format!("{name}（{id}）　{year} 年　目标：{target}　{direction}"),
        Lang::En => format!("{name} ({id})  year {year}  target: {target}  {direction}"),
    }
}

/// What a problem expected, with the near miss it suggests.
pub fn did_you_mean(expected: &str, suggestion: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{expected}（是否应为 {suggestion}？）"),
        Lang::En => format!("{expected} (did you mean {suggestion}?)"),
    }
}

/// The note under a problem table that `--max-errors` cut short.
pub fn problems_not_shown(not_shown: usize, shown: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("… 另有{not_shown}个问题未显示（--max-errors {shown}）"),
        Lang::En => format!("… {not_shown} more problem(s) not shown (--max-errors {shown})"),
    }
}

/// `valid: 0 error(s), 2 warning(s)`, or `invalid: …`: the verdict of `validate`.
pub fn validate_verdict(errors: usize, warnings: usize, lang: Lang) -> String {
    match (errors, lang) {
        (0, Lang::Zh) => format!("有效：{errors}个错误，{warnings}个警告"),
        (_, Lang::Zh) => format!("无效：{errors}个错误，{warnings}个警告"),
        (0, Lang::En) => format!("valid: {errors} error(s), {warnings} warning(s)"),
        (_, Lang::En) => format!("invalid: {errors} error(s), {warnings} warning(s)"),
    }
}

/// One file's accounting: every row read is accepted or rejected.
pub fn accounting(a: &Accounting, lang: Lang) -> String {
    let (file, read, accepted, rejected, shape, encoding) =
        (&a.file, a.rows_read, a.rows_accepted, a.rows_rejected, &a.shape, &a.encoding);
    match lang {
        Lang::Zh => format!("{file}：读取{read}行 = 接受{accepted} + 拒绝{rejected}（{shape}，{encoding}）"),
        Lang::En => {
            format!("{file}: {read} rows read = {accepted} accepted + {rejected} rejected ({shape}, {encoding})")
        }
    }
}

/// The last line of `check-catalog`, and its verdict on stderr when it exits 1.
pub fn catalog_summary(origin: &str, count: Option<usize>, errors: usize, warnings: usize, lang: Lang) -> String {
    match (lang, count) {
        (Lang::Zh, Some(n)) => format!("{origin}：{n}项指标；{errors}个错误，{warnings}个警告"),
        (Lang::Zh, None) => format!("{origin}：未能载入；{errors}个错误，{warnings}个警告"),
        (Lang::En, Some(n)) => format!("{origin}: {n} indicator(s); {errors} error(s), {warnings} warning(s)"),
        (Lang::En, None) => format!("{origin}: not loaded; {errors} error(s), {warnings} warning(s)"),
    }
}

/// What `check-catalog` warns about, in words.
pub enum Lint<'a> {
    /// A target relative to the base-year value, which the catalogue does not give.
    NoBaseline {
        target: &'a str,
        base: i32,
    },
    /// A trend with no base-year value to start its series.
    TrendWithoutSeries {
        target: &'a str,
        base: i32,
    },
    ProvinceWithoutSource,
    QuoteNotInPlan {
        quote: &'a str,
    },
    /// `>= 26` on a lower-is-better indicator: every value the plan wants would fail.
    AgainstPolarity {
        target: &'a str,
        cmp: Cmp,
        value: f64,
        better: Better,
    },
}

pub fn lint(l: &Lint, lang: Lang) -> String {
    match (l, lang) {
        (Lint::NoBaseline { target, base }, Lang::Zh) => format!(
            "目标 `{target}` 相对于{base}年值，而指标目录未给出：数据中有{base}年的行之前，eval 判为待定（规划写明时请补 `baseline`）"
        ),
        (Lint::NoBaseline { target, base }, Lang::En) => format!(
            "the target `{target}` is relative to the {base} value and the catalogue gives none: eval is pending \
             until the data carries a {base} row (add `baseline` if the plan states it)"
        ),
        (Lint::TrendWithoutSeries { target, base }, Lang::Zh) => format!(
            "趋势目标 `{target}` 按多年序列判定，而指标目录未给出{base}年值作为起点：数据提供各年数值之前，eval 判为待定（规划写明时请补 `baseline`）"
        ),
        (Lint::TrendWithoutSeries { target, base }, Lang::En) => format!(
            "the trend `{target}` is judged on a series of years and the catalogue gives no {base} value to start \
             it: eval keeps it pending until the data supplies the years (add `baseline` if the plan states it)"
        ),
        (Lint::ProvinceWithoutSource, Lang::Zh) => "省下达目标只能依据 --targets 提供的数值判定；请补 `note` 写明省里在何处下达（规划条款或文件），评估者才知道向谁要数".into(),
        (Lint::ProvinceWithoutSource, Lang::En) => "a province target is judged only on a figure supplied with --targets; add a \
             `note` saying where the province assigns it (the plan's clause, or the document), so the evaluator knows \
             what to ask for"
            .into(),
        (Lint::QuoteNotInPlan { quote }, Lang::Zh) => format!("引文 {quote:?} 在规划原文中找不到（须逐字一致）"),
        (Lint::QuoteNotInPlan { quote }, Lang::En) => {
            format!("the quote {quote:?} is not in the plan's text, word for word")
        }
        (Lint::AgainstPolarity { target: t, cmp, value, better }, lang) => against_polarity(t, *cmp, *value, *better, lang),
    }
}

/// What a rule written against its polarity asks, what polarity says, and the rule it implies.
fn against_polarity(t: &str, cmp: Cmp, value: f64, better: Better, lang: Lang) -> String {
    let n = num(value);
    let fix = match better {
        Better::Lower => format!("<= {n}"),
        Better::Higher => format!(">= {n}"),
    };
    let better = better.as_str();
    match (lang, cmp) {
        (Lang::Zh, Cmp::AtLeast) => format!(
            "目标 `{t}` 要求不低于{n}，而 better = \"{better}\" 表示越低越好：eval 会把低于{n}的值——正是规划要的值——判为未达标；请写 `{fix}`（或只写数值），或改正 `better`"
        ),
        (Lang::Zh, _) => format!(
            "目标 `{t}` 要求不高于{n}，而 better = \"{better}\" 表示越高越好：eval 会把高于{n}的值——正是规划要的值——判为未达标；请写 `{fix}`（或只写数值），或改正 `better`"
        ),
        (Lang::En, Cmp::AtLeast) => format!(
            "the target `{t}` asks for at least {n} but better = \"{better}\" says lower values are better: eval fails \
             every value below it, the values the plan wants; write `{fix}` (or a bare number), or fix `better`"
        ),
        (Lang::En, _) => format!(
            "the target `{t}` asks for at most {n} but better = \"{better}\" says higher values are better: eval fails \
             every value above it, the values the plan wants; write `{fix}` (or a bare number), or fix `better`"
        ),
    }
}

/// What a template says about one indicator, for the person filling it in: its name, unit and
/// target, and when they apply, its due year, that it is a total since the base year, or a yes/no.
pub struct TemplateNote<'a> {
    pub name: &'a str,
    pub unit: &'a str,
    pub target: &'a str,
    pub due: Option<i32>,
    /// The base year a cumulative value counts from.
    pub cumulative_since: Option<i32>,
    pub done_or_not: bool,
}

pub fn template_note(n: &TemplateNote, lang: Lang) -> String {
    let (unit, target) = (n.unit, n.target);
    let mut parts = match lang {
        Lang::Zh => vec![n.name.to_string(), format!("单位：{unit}"), format!("目标：{target}")],
        Lang::En => vec![n.name.to_string(), format!("unit: {unit}"), format!("target: {target}")],
    };
    match lang {
        Lang::Zh => {
            parts.extend(n.due.map(|d| format!("{d}年到期")));
            parts.extend(n.cumulative_since.map(|base| format!("填{base}年以来的累计值")));
            parts.extend(n.done_or_not.then(|| "填1（已完成）或0（未完成）".to_string()));
        }
        Lang::En => {
            parts.extend(n.due.map(|d| format!("due {d}")));
            parts.extend(n.cumulative_since.map(|base| format!("the total since {base}")));
            parts.extend(n.done_or_not.then(|| "1 (done) or 0 (not done)".to_string()));
        }
    }
    parts.join(words(lang, "｜", " | "))
}

/// What `template -o` tells on stderr once the file is written.
pub fn template_written(path: &str, rows: usize, to_fill: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已写入 {path}：{rows} 行，待填 {to_fill} 项"),
        Lang::En => format!("wrote {path}: {rows} row(s), {to_fill} value(s) to fill in"),
    }
}

/// A signed number: +0.85, −0.3, 0.
pub fn signed(v: f64) -> String {
    let s = num(v);
    if s.starts_with('-') || s == "0" { s } else { format!("+{s}") }
}

/// A share as a readable percentage: 72%.
pub fn percent(share: f64) -> String {
    format!("{}%", num((share * 100.0).round()))
}

/// At most two decimals, as tables show values (JSON and workbooks keep the full value).
pub fn two(x: f64) -> String {
    num((x * 100.0).round() / 100.0)
}

/// A limit's size as a problem shows it: `256 MiB`, `64 KiB`, or the plain count.
fn limit(name: &str, value: u64, lang: Lang) -> String {
    let size = crate::load::limit_size(name, value);
    match lang {
        Lang::Zh => format!("{name} 限值（{size}；可用 --limit {name}=N 调高）"),
        Lang::En => format!("the {name} limit ({size}; raise it with --limit {name}=N)"),
    }
}

/// Why a cell is not a number, in words.
pub fn not_number(why: NotNumber, lang: Lang) -> &'static str {
    use NotNumber as N;
    match why {
        N::Formula => words(
            lang,
            "公式未保存计算结果：文件由不计算公式的程序写出；请在 Excel 中打开并保存，或直接填写数值",
            "a formula with no value saved: the file was written by a program that does not calculate; open and \
             save it in Excel, or type the value",
        ),
        N::Comparison => words(
            lang,
            "数值不能写成比较式，请填写实测值",
            "a value is a number, not a comparison; write the measured value",
        ),
        N::Date => {
            words(lang, "这是日期而非数值，请将单元格设为数值格式", "a date, not a number; format the cell as a number")
        }
        N::PercentSign => {
            words(lang, "该指标不是百分比，不应带 % 号", "a % sign on an indicator that is not a percentage")
        }
        N::DecimalComma => words(
            lang,
            "逗号不是千位分隔符；小数请用小数点，如 59.7 而非 59,7",
            "a comma that is not a thousands separator; decimals take a point (59.7, not 59,7)",
        ),
        N::NanOrInfinity => words(lang, "NaN 和无穷大不是监测值", "NaN and infinity are not measurements"),
        N::NotANumber => words(lang, "不是数值", "not a number"),
        N::TooLarge => words(lang, "数值过大：绝对值超过 10^15", "the number is too large: more than 10^15 in size"),
        N::TooSmall => {
            words(lang, "数值过小，无法保存：将读作 0", "the number is too small to hold: it would read as 0")
        }
        N::TooPrecise => words(
            lang,
            "有效数字超过 15 位，超出数值能精确保存的范围：0.99999999999999999 将读作 1",
            "more than 15 significant digits, more than a number holds exactly: 0.99999999999999999 would read as 1",
        ),
    }
}

fn quantity(q: Quantity, lang: Lang) -> &'static str {
    match q {
        Quantity::PercentChange => words(lang, "百分比变化", "a percentage change"),
        Quantity::Percentage => words(lang, "百分比", "a percentage"),
        Quantity::Amount => words(lang, "累计量", "an amount"),
        Quantity::Count => words(lang, "计数", "a count"),
        Quantity::Other => words(lang, "数量", "a quantity"),
    }
}

fn range(r: Range, lang: Lang) -> String {
    match (r, lang) {
        (Range::Between(lo, hi, q), Lang::Zh) => format!("{}，介于 {} 与 {} 之间", quantity(q, lang), num(lo), num(hi)),
        (Range::Between(lo, hi, q), Lang::En) => format!("{} between {} and {}", quantity(q, lang), num(lo), num(hi)),
        (Range::NotNegative(q), Lang::Zh) => format!("{}，不小于 0", quantity(q, lang)),
        (Range::NotNegative(q), Lang::En) => format!("{} of zero or more", quantity(q, lang)),
        (Range::WholeCount, _) => words(lang, "不小于 0 的整数", "a count of zero or more (a whole number)").into(),
        (Range::DoneOrNot, _) => {
            words(lang, "1（已完成）或 0（未完成），不能取中间值", "1 (done) or 0 (not done), nothing in between")
                .into()
        }
    }
}

fn list(items: &[String], lang: Lang) -> String {
    items.join(words(lang, "、", ", "))
}

/// What a problem expected, in words.
pub fn expected(e: &Expected, lang: Lang) -> String {
    match expected_fixed(e, lang) {
        Some(text) => text.to_string(),
        None if lang == Lang::Zh => expected_zh(e),
        None => expected_en(e),
    }
}

fn expected_fixed(e: &Expected, lang: Lang) -> Option<&'static str> {
    use Expected as E;
    let (zh, en) = match e {
        E::FolderWithDataFiles => {
            ("至少含一个 .csv、.xlsx 或 .xls 文件的文件夹", "a folder with at least one .csv, .xlsx or .xls file")
        }
        E::ListableFolder => ("可以列出内容的文件夹", "a folder that can be listed"),
        E::ReadableFile => ("可以读取的文件", "a file that can be read"),
        E::ReadableCsv => ("可以按 CSV 读取的文件", "a file that can be read as CSV"),
        E::RegularFileNotLink => (
            "普通文件；符号链接须加 --follow-symlinks 才读取",
            "a regular file; a symbolic link is read only with --follow-symlinks",
        ),
        E::DataFileOrFolder => ("数据文件或存放数据文件的文件夹", "a data file or a folder of them"),
        E::RegularFile => ("普通文件", "a regular file"),
        E::FileNotPattern => (
            "一个文件；这像是未匹配到任何文件、由命令行原样传入的通配符",
            "a file; this looks like a pattern that matched no file, passed on as it is by the shell",
        ),
        E::ExistingFile => ("存在且可以读取的文件", "a file that exists and can be read"),
        E::Workbook => ("Excel 能打开的工作簿", "a workbook Excel can open"),
        E::XlsxZip => (".xlsx 工作簿（zip 压缩包）", "an .xlsx workbook (a zip archive)"),
        E::DecompressibleWorkbook => ("各部分能解压的工作簿", "a workbook whose parts can be decompressed"),
        E::XlsxWorkbook => (".xlsx 工作簿", "an .xlsx workbook"),
        E::CsvOrXlsx => (
            ".csv 或 .xlsx 文件；请另存为“Excel 工作簿（.xlsx）”",
            "a .csv or .xlsx file; save it as an Excel Workbook (.xlsx)",
        ),
        E::SharedStringsCount => {
            ("计数与实际字符串相符的共享字符串表", "a shared-strings table whose count matches its strings")
        }
        E::VisibleWorksheet => ("含可见工作表的工作簿", "a workbook with a visible worksheet"),
        E::ReadableSheet => ("可以读取的工作表", "a sheet that can be read"),
        E::WithinExcelGrid => (
            "位于 Excel 最后一行、最后一列（XFD1048576）以内的单元格",
            "cells within Excel's last row and column (XFD1048576)",
        ),
        E::KnownEncoding => {
            ("utf-8 或 gb18030 等编码（--encoding）", "an encoding such as utf-8 or gb18030 (--encoding)")
        }
        E::HeaderAndDataRow => ("一行表头和至少一行数据", "a header row and at least one data row"),
        E::YearSource => (
            "年份：年份列、文件名中的年份（如 2023.csv）或 --year",
            "a year: a year column, a year in the file name (2023.csv), or --year",
        ),
        E::DataRowUnderHeader => ("表头下至少一行数据", "at least one data row under the header"),
        E::CountyColumnFirst => (
            "第一列为县市区列（县市区/地区/county），其后为各指标列（宽表）或 indicator、value 列（长表）",
            "a county column first (县市区/地区/county), then indicator columns (wide) or indicator,value (long)",
        ),
        E::IndicatorColumn => ("至少一个指标列", "at least one indicator column"),
        E::RatioOnlyInLong => (
            "分子、分母列仅用于长表（每行一个指标）",
            "numerator and denominator only in a long file, where each row is one indicator",
        ),
        E::IndicatorHeader => (
            "以指标目录中的指标编号或完整名称作列标题",
            "an indicator id or exact name from the catalogue as a column header",
        ),
        E::KnownColumn => (
            "county、indicator、value、year、numerator、denominator 或 note；此列不读取",
            "county, indicator, value, year, numerator, denominator or note; this column is not read",
        ),
        E::LongOrWide => (
            "长表（indicator 和 value 列）或宽表（每个指标一列），不能两者混用",
            "a long file (indicator and value columns) or a wide one (a column per indicator), not both",
        ),
        E::EmptyCellNoHeader => ("空单元格：此列没有表头", "an empty cell: this column has no header"),
        E::ReportingArea => ("指标目录中的填报地区（名称或别名）", "a reporting area of the catalogue (name or alias)"),
        E::IndicatorIdOrName => {
            ("指标目录中的指标编号或完整名称", "an indicator id or its exact name in the catalogue")
        }
        E::YearSuchAs => ("年份，如 2023", "a year such as 2023"),
        E::YearBetween => ("1900 至 2100 之间的年份", "a year between 1900 and 2100"),
        E::CountNotNegative => ("不小于 0 的计数", "a count of zero or more"),
        E::BothOrNeither => ("分子和分母同时填写或同时不填", "both numerator and denominator, or neither"),
        E::DenominatorAboveZero => ("大于 0 的分母", "a denominator above zero"),
        _ => return None,
    };
    Some(words(lang, zh, en))
}

fn expected_en(e: &Expected) -> String {
    use Expected as E;
    let en = Lang::En;
    match e {
        E::AtMost { limit: name, value } => format!("at most {}", limit(name, *value, en)),
        E::CellAtMost { value } => format!("a cell of at most {}", limit("cell-bytes", *value, en)),
        E::SheetOf { sheets } => format!("a sheet of the workbook; its sheets are {}", list(sheets, en)),
        E::TypedValues { cached, sheet } => format!(
            "values typed in; {cached} cell(s) of sheet {sheet:?} are formulas, and the values Excel saved \
             with them are used as they are (recalculate and save in Excel if their inputs changed)"
        ),
        E::OneYearInName { fallback: Some(y) } => {
            format!("one year in the file name; rows without a year column are dated {y} (--year)")
        }
        E::OneYearInName { fallback: None } => "one year in the file name, a year column, or --year".into(),
        E::Once { same, at, value } => {
            let what = if *same { "the same value is" } else { "a different value is" };
            let tail = if *same { "" } else { "; neither value is used" };
            format!("each area, indicator and year once ({what} given at {at}: {}){tail}", shown_value(*value, en))
        }
        E::OneColumn { field, first } => format!("one {field} column (column {first} is one already)"),
        E::OneColumnFor { id, first } => format!("one column for {id} (column {first} is the same indicator)"),
        E::OneIndicator { ids } => {
            format!("one indicator: this name is shared by {}; write the id or the name with its part", list(ids, en))
        }
        E::LongColumn { field } => format!("a {field} column (long shape: county,indicator,value)"),
        E::Text { encoding } => {
            format!("text in {encoding}; bytes that are not valid in it show as �; pass --encoding to choose another")
        }
        E::Cells { width, beyond: false } => format!("{width} cells, as in the header"),
        E::Cells { width, beyond: true } => {
            format!("{width} cells, as in the header (this cell is beyond the last column)")
        }
        E::Number { percent, why } => {
            format!("a number{} ({})", if *percent { " or a percentage" } else { "" }, not_number(*why, en))
        }
        E::InRange(r) => range(*r, en),
        E::Count { why } => format!("a count ({})", not_number(*why, en)),
        E::NotRatio { id } => format!("no numerator/denominator: {id} is not a ratio indicator"),
        E::DenominatorAtLeast { numerator } => format!("a denominator of at least the numerator {}", num(*numerator)),
        E::Ratio { value } => format!("{} (numerator / denominator × 100, to within 0.05)", num(*value)),
        E::CityTaskOnly { id, city_row } => {
            format!("no value: {id} is a task of the whole city, judged on the {city_row} row only")
        }
        E::TaggedOnly { id, tags } => format!("no value: {id} applies only to areas tagged {}", tags.join(", ")),
        E::CatalogBaseline { baseline, area, id, year, origin, line, found } => format!(
            "the catalogue's baseline {} for {area} {id} in {year} ({origin}:{line}); the catalogue's {} is used, not {}",
            num(*baseline),
            num(*baseline),
            num(*found)
        ),
        E::Aggregate { value, areas, ratio, city } => {
            let (how, tolerance) = if *ratio {
                ("Σ numerator / Σ denominator × 100", format!("{RATIO_TOLERANCE} percentage points"))
            } else {
                ("their sum", "0".to_string())
            };
            format!(
                "about {}, what the {areas} areas aggregate to ({how}); the {city} row and its areas differ by more \
                 than {tolerance}",
                num(*value)
            )
        }
        E::CityValue { id, name, city_row, year } => {
            let in_year = year.map_or(String::new(), |y| format!(" in {y}"));
            format!("a value for {id} ({name}) on the {city_row} row{in_year}")
        }
        _ => expected_fixed(e, en).unwrap_or_default().to_string(),
    }
}

fn shown_value(v: Option<f64>, lang: Lang) -> String {
    v.map_or_else(|| words(lang, "无数据", "no data").to_string(), num)
}

fn expected_zh(e: &Expected) -> String {
    use Expected as E;
    let zh = Lang::Zh;
    match e {
        E::AtMost { limit: name, value } => format!("不超过 {}", limit(name, *value, zh)),
        E::CellAtMost { value } => format!("单元格不超过 {}", limit("cell-bytes", *value, zh)),
        E::SheetOf { sheets } => format!("工作簿中的一个工作表；现有工作表：{}", list(sheets, zh)),
        E::TypedValues { cached, sheet } => format!(
            "直接填写的数值；工作表“{sheet}”中有 {cached} 个单元格是公式，按 Excel 保存的计算结果使用\
             （若公式引用的数据有改动，请在 Excel 中重新计算并保存）"
        ),
        E::OneYearInName { fallback: Some(y) } => {
            format!("文件名中只含一个年份；无年份列的行按 {y} 年计（--year）")
        }
        E::OneYearInName { fallback: None } => "文件名中只含一个年份，或设年份列，或使用 --year".into(),
        E::Once { same, at, value } => {
            let what = if *same { "相同的值" } else { "不同的值" };
            let tail = if *same { "" } else { "；两个值均不采用" };
            format!("每个地区、指标、年份只填一次（{at} 已填{what}：{}）{tail}", shown_value(*value, zh))
        }
        E::OneColumn { field, first } => format!("只有一个 {field} 列（第 {first} 列已是）"),
        E::OneColumnFor { id, first } => format!("{id} 只有一列（第 {first} 列是同一指标）"),
        E::OneIndicator { ids } => {
            format!("唯一的指标：此名称为 {} 共用；请填写指标编号，或名称加分项", list(ids, zh))
        }
        E::LongColumn { field } => format!("{field} 列（长表格式：county、indicator、value）"),
        E::Text { encoding } => {
            format!("{encoding} 编码的文本；无法按此编码识别的字节显示为 �；可用 --encoding 指定其他编码")
        }
        E::Cells { width, beyond: false } => format!("{width} 个单元格，与表头一致"),
        E::Cells { width, beyond: true } => format!("{width} 个单元格，与表头一致（此单元格超出最后一列）"),
        E::Number { percent, why } => {
            format!("{}（{}）", if *percent { "数值或百分比" } else { "数值" }, not_number(*why, zh))
        }
        E::InRange(r) => range(*r, zh),
        E::Count { why } => format!("计数（{}）", not_number(*why, zh)),
        E::NotRatio { id } => format!("不填分子、分母：{id} 不是比率类指标"),
        E::DenominatorAtLeast { numerator } => format!("不小于分子 {} 的分母", num(*numerator)),
        E::Ratio { value } => format!("{}（分子 / 分母 × 100，误差不超过 0.05）", num(*value)),
        E::CityTaskOnly { id, city_row } => format!("不填值：{id} 是全市任务，只在“{city_row}”行评价"),
        E::TaggedOnly { id, tags } => format!("不填值：{id} 只适用于标记为 {} 的地区", list(tags, zh)),
        E::CatalogBaseline { baseline, area, id, year, origin, line, found } => format!(
            "指标目录中{area} {id} {year} 年的基准值 {}（{origin}:{line}）；采用目录的 {}，不采用 {}",
            num(*baseline),
            num(*baseline),
            num(*found)
        ),
        E::Aggregate { value, areas, ratio, city } => {
            let (how, tolerance) = if *ratio {
                ("Σ分子 / Σ分母 × 100", format!("{RATIO_TOLERANCE} 个百分点"))
            } else {
                ("各地区之和", "0".to_string())
            };
            format!("约 {}，即 {areas} 个地区的汇总值（{how}）；“{city}”行与各地区之差超过 {tolerance}", num(*value))
        }
        E::CityValue { id, name, city_row, year } => {
            let in_year = year.map_or(String::new(), |y| format!("{y} 年"));
            format!("{in_year}“{city_row}”行 {id}（{name}）的数值")
        }
        _ => expected_fixed(e, zh).unwrap_or_default().to_string(),
    }
}

mod problem;

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
        };
        assert_eq!(reason(&r, Lang::En), "2021: 25.9 → 2023: 27.6, slope +0.85 a year (rising; higher is better)");
        assert_eq!(reason(&r, Lang::Zh), "2021年25.9 → 2023年27.6，斜率+0.85/年（上升，越高越好）");
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
