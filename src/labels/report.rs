//! The words of the evaluation document (`plan-check report`): its headings, the titles of its tables,
//! the facts on its cover and its generated sentences, in the wording published evaluations use
//! ("15项约束性指标中，4项提前实现、…"). Every count and figure comes from `report`, which works them
//! out from the verdicts; here they are said.

use super::*;

/// A fixed word of the document: the cover's facts, the headings, the tables' column titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocWord {
    Plan,
    Year,
    Stage,
    ElapsedShare,
    Area,
    DataFiles,
    Catalogue,
    TargetsFile,
    NotSupplied,
    Produced,
    /// Between the items of a list in a sentence or a cell: 、 or a comma.
    ListSeparator,
    /// Between the parts of a cell: ；
    CellSeparator,
    IndicatorsHeading,
    ChartsHeading,
    AppendixHeading,
    AssignedHeading,
    ProblemsHeading,
    No,
    Indicator,
    Type,
    /// The indicators table's baseline column, followed by the base year: `基准(2020)`, `Baseline (2020)`.
    BaselineOfYear,
    /// The indicators table's target column, followed by the target year.
    TargetOfYear,
    Baseline,
    Target,
    Value,
    Completion,
    ProgressProjection,
    /// The progress column at the final stage, where there is nothing left to project.
    Progress,
    Status,
    Note,
    /// Where a task is written in the plan.
    TaskSource,
    Task,
    Due,
    /// Where an assigned target comes from.
    AssignedSource,
    DataNote,
    /// The part that lists the indicators off track, as a sentence refers to it.
    AttentionPart,
    BindingOffTrack,
    StatusFigure,
    BaselineToTarget,
    Figures,
    Series,
}

/// The word in the language.
pub fn doc_word(w: DocWord, lang: Lang) -> &'static str {
    let (zh, en) = match w {
        DocWord::Plan => ("规划", "Plan"),
        DocWord::Year => ("评估年份", "Year"),
        DocWord::Stage => ("评估阶段", "Stage"),
        DocWord::ElapsedShare => ("序时进度", "Elapsed share (序时进度)"),
        DocWord::Area => ("地区", "Area"),
        DocWord::DataFiles => ("数据文件", "Data files"),
        DocWord::Catalogue => ("指标目录", "Catalogue"),
        DocWord::TargetsFile => ("省下达目标文件", "Targets file"),
        DocWord::NotSupplied => ("未提供", "none"),
        DocWord::Produced => ("生成日期", "Produced"),
        DocWord::ListSeparator => ("、", ", "),
        DocWord::CellSeparator => ("；", "; "),
        DocWord::IndicatorsHeading => ("二、主要目标指标完成情况", "2. The main target indicators"),
        DocWord::ChartsHeading => ("主要数值指标进度图", "Progress of the numeric indicators"),
        DocWord::AppendixHeading => ("附：数据与方法", "Appendix: data and method"),
        DocWord::AssignedHeading => ("省下达目标及来源", "Assigned targets and their sources"),
        DocWord::ProblemsHeading => ("数据问题（--skip-invalid）", "Problems in the data (--skip-invalid)"),
        DocWord::No => ("序号", "No."),
        DocWord::Indicator => ("指标", "Indicator"),
        DocWord::Type => ("类型", "Type"),
        DocWord::BaselineOfYear => ("基准", "Baseline "),
        DocWord::TargetOfYear => ("目标", "Target "),
        DocWord::Baseline => ("基准", "Baseline"),
        DocWord::Target => ("目标", "Target"),
        DocWord::Value => ("本期值", "Value"),
        DocWord::Completion => ("完成度", "Completion"),
        DocWord::ProgressProjection => ("进展/预测", "Progress / projection"),
        DocWord::Progress => ("进展", "Progress"),
        DocWord::Status => ("状态", "Status"),
        DocWord::Note => ("说明", "Note"),
        DocWord::TaskSource => ("出处", "Source"),
        DocWord::Task => ("任务", "Task"),
        DocWord::Due => ("期限", "Due"),
        DocWord::AssignedSource => ("来源", "Source"),
        DocWord::DataNote => ("数据备注：", "data note: "),
        DocWord::AttentionPart => ("第五部分", "part 5"),
        DocWord::BindingOffTrack => ("约束性需关注", "Binding off track"),
        DocWord::StatusFigure => ("图1 各类指标评估状态分布", "Figure 1. Statuses by indicator type"),
        DocWord::BaselineToTarget => ("基准→目标", "Baseline → target"),
        DocWord::Figures => ("数据", "Figures"),
        DocWord::Series => ("走势", "Series"),
    };
    words(lang, zh, en)
}

/// The document's subtitle: `2023年中期评估报告（晋江市）`, `Mid-term evaluation report, 2023（晋江市）`.
pub fn report_subtitle(year: i32, stage: Stage, area: Option<&str>, lang: Lang) -> String {
    let area = area.map(|a| format!("（{a}）")).unwrap_or_default();
    match lang {
        Lang::Zh => format!("{year}年{}报告{area}", evaluation_name(stage, Lang::Zh)),
        Lang::En => {
            let stage = evaluation_name(stage, Lang::En);
            let mut chars = stage.chars();
            let stage: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            format!("{stage} report, {year}{area}")
        }
    }
}

/// The warning on the cover when the data are the bundled illustrative ones.
pub fn illustrative_notice(lang: Lang) -> &'static str {
    words(
        lang,
        "示例数据：本报告所用数据为演示用的示例数据（非官方统计数据），仅用于展示评估方法，不得引用。",
        "Illustrative data: the figures in this report are made up to show the method; they are not official statistics and must not be quoted.",
    )
}

/// A bar of the status chart: the type and how many it has, `约束性（15）`.
pub fn status_bar_label(kind: IndicatorType, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{total}）", type_label(kind, lang)),
        Lang::En => format!("{} ({total})", type_label(kind, lang)),
    }
}

/// How many indicators of a type the opening sentence counts: `约束性15项`, `15 binding`.
pub fn lead_count(kind: IndicatorType, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}{n}项", type_label(kind, lang)),
        Lang::En => format!("{n} {}", type_label(kind, lang)),
    }
}

/// The opening sentence: the evaluation, how many indicators of each type (`counts`, from
/// [`lead_count`]), and the elapsed share at mid-term.
pub fn report_lead(year: i32, stage: Stage, total: usize, counts: &[String], share: f64, lang: Lang) -> String {
    let name = evaluation_name(stage, lang);
    let share = percent(share);
    match (lang, stage) {
        (Lang::Zh, Stage::Midterm) => format!(
            "本次为{year}年{name}，共评估{total}项指标（{}），评估年份时间进度（序时进度）为{share}。",
            counts.join("、")
        ),
        (Lang::Zh, Stage::Final) => format!("本次为{year}年{name}，共评估{total}项指标（{}）。", counts.join("、")),
        (Lang::En, Stage::Midterm) => format!(
            "This {name} of {year} covers {total} indicators ({}); {share} of the plan period has elapsed (序时进度).",
            counts.join(", ")
        ),
        (Lang::En, Stage::Final) => format!("This {name} of {year} covers {total} indicators ({}).", counts.join(", ")),
    }
}

/// How many of a type were judged so: `4项提前实现`, `4 achieved ahead of time`.
pub fn judged_phrase(catalog: &crate::catalog::Catalog, s: Status, n: usize, lang: Lang) -> String {
    // The plan's own word for the status where its catalogue gives one ([status_labels]).
    let own = catalog.status_word(s.as_str(), lang == Lang::Zh);
    match (lang, own) {
        (Lang::Zh, _) => format!("{n}项{}", status_word(catalog, s, lang)),
        (Lang::En, Some(own)) => format!("{n} {own}"),
        (Lang::En, None) => {
            let words = match s {
                Status::Achieved => "achieved ahead of time",
                Status::Held => "held the target met at the base year",
                Status::OnTrack => "on track",
                Status::Pass => "met the target",
                Status::Fail => "missed it",
                Status::Lagging => "lagging",
                Status::Regressing => "regressing",
                _ => status_label(s, lang),
            };
            format!("{n} {words}")
        }
    }
}

/// Why some of a type could not be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unjudged {
    /// Pending because the province's target has not been supplied.
    ProvinceTarget,
    /// Pending for want of a baseline, a reference value or a series of years.
    WantsData,
    Missing,
    NotApplicable,
}

/// How many of a type could not be judged, and why.
pub fn unjudged_phrase(u: Unjudged, n: usize, lang: Lang) -> String {
    match (u, lang) {
        (Unjudged::ProvinceTarget, Lang::Zh) => format!("{n}项因省下达目标未提供暂无法评估"),
        (Unjudged::ProvinceTarget, Lang::En) => {
            format!("{n} cannot be assessed because the province target has not been supplied")
        }
        (Unjudged::WantsData, Lang::Zh) => format!("{n}项因缺少基准值、参照值或多年数据暂无法评估"),
        (Unjudged::WantsData, Lang::En) => {
            format!("{n} cannot be assessed yet for want of a baseline, a reference value or a series of years")
        }
        (Unjudged::Missing, Lang::Zh) => format!("{n}项缺少数据"),
        (Unjudged::Missing, Lang::En) => format!("{n} have no data"),
        (Unjudged::NotApplicable, Lang::Zh) => format!("{n}项不适用"),
        (Unjudged::NotApplicable, Lang::En) => format!("{n} do not apply"),
    }
}

/// "15项约束性指标中，4项提前实现、…项滞后，…项因省下达目标未提供暂无法评估。": the phrases of
/// [`judged_phrase`] and then those of [`unjudged_phrase`].
pub fn type_sentence(kind: IndicatorType, total: usize, judged: &[String], unjudged: &[String], lang: Lang) -> String {
    let name = type_label(kind, lang);
    let (list, parts) = match lang {
        Lang::Zh => ("、", "，"),
        Lang::En => (", ", "; "),
    };
    let mut all = vec![judged.join(list)];
    all.extend(unjudged.iter().cloned());
    all.retain(|p| !p.is_empty());
    match lang {
        Lang::Zh => {
            // The body's tasks are tasks, not indicators.
            let noun = if kind == IndicatorType::Task { "" } else { "指标" };
            format!("{total}项{name}{noun}中，{}。", all.join(parts))
        }
        Lang::En => {
            let noun = if kind == IndicatorType::Task { "s" } else { " indicators" };
            format!("Of the {total} {name}{noun}, {}.", all.join(parts))
        }
    }
}

/// How many headline indicators are at or ahead of 序时进度, and how many of them already at the target.
pub fn on_track_sentence(on: usize, ahead: usize, lang: Lang) -> String {
    match (lang, on == ahead) {
        (Lang::Zh, false) => format!("总体看，{on}项指标达到或快于序时进度，其中{ahead}项提前实现规划目标。"),
        (Lang::Zh, true) => format!("总体看，{on}项指标达到或快于序时进度，均已提前实现规划目标。"),
        (Lang::En, _) => format!(
            "In all, {on} indicators are at or ahead of the elapsed share, {ahead} of them already at the plan's target."
        ),
    }
}

/// How to read the indicators' charts.
pub fn chart_key(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Midterm, Lang::Zh) => {
            "图中浅色条为基准值至目标值的区间，深色条为基准值至本期值（颜色表示状态），竖虚线为按序时进度本期应达到的值，粗竖线为目标值；多年数据时右侧为逐年走势。"
        }
        (Stage::Final, Lang::Zh) => {
            "图中浅色条为基准值至目标值的区间，深色条为基准值至本期值（颜色表示状态），粗竖线为目标值；多年数据时右侧为逐年走势。"
        }
        (Stage::Midterm, Lang::En) => {
            "Light bar: baseline to target; dark bar: baseline to the current value, coloured by status; dashed line: the value due by now under 序时进度; thick line: the target. With several years, the sparkline on the right shows the series."
        }
        (Stage::Final, Lang::En) => {
            "Light bar: baseline to target; dark bar: baseline to the current value, coloured by status; thick line: the target. With several years, the sparkline on the right shows the series."
        }
    }
}

/// The figures under an indicator's chart, as the table shows them.
#[derive(Debug, Clone, Copy)]
pub struct ChartFigures<'a> {
    pub from: &'a str,
    pub target: &'a str,
    /// After a numeric target only.
    pub unit: &'a str,
    pub value: &'a str,
    pub completion: Option<&'a str>,
    pub why: Option<&'a str>,
    /// The first and last years of the series.
    pub years: Option<(i32, i32)>,
}

/// "基准64.4 → 目标≥80%，本期73.67，完成度59%" under an indicator's chart, and why there is no bar or no
/// completion where there is none (`why`, from [`no_bar`]); the English names the years of the series too.
pub fn chart_caption(c: &ChartFigures, lang: Lang) -> String {
    let ChartFigures { from, target, unit, value, completion, why, years } = *c;
    let mut text = match lang {
        Lang::Zh => format!("基准{from} → 目标{target}{unit}，本期{value}"),
        Lang::En => format!("baseline {from} → target {target} {unit}, value {value}").replace("  ", " "),
    };
    if let Some(c) = completion {
        text.push_str(&match lang {
            Lang::Zh => format!("，完成度{c}"),
            Lang::En => format!(", completion {c}"),
        });
    }
    if let Some(why) = why {
        text.push_str(&match lang {
            Lang::Zh => format!("；{why}"),
            Lang::En => format!("; {why}"),
        });
    }
    if let (Some((a, z)), Lang::En) = (years, lang) {
        text.push_str(&format!("; series {a}–{z}"));
    }
    text
}

/// Why an indicator has no baseline → target bar, or a bar without completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBar {
    /// The baseline already met the target: a bar, but no distance to complete (judged by level).
    Held,
    NoBaseline,
    NoValue,
    ProvinceTarget,
    Reference,
    /// A trend target (逐步提高, 稳中向好): judged on the series, not against a number.
    Trend,
    /// A target in words that resolve to no number.
    Qualitative,
}

impl NoBar {
    /// The order they are listed in.
    pub const ALL: [NoBar; 7] = [
        NoBar::Held,
        NoBar::NoBaseline,
        NoBar::NoValue,
        NoBar::ProvinceTarget,
        NoBar::Reference,
        NoBar::Trend,
        NoBar::Qualitative,
    ];
}

/// [`NoBar`] in words: 无基准值、目标为定性表述 ….
pub fn no_bar(why: NoBar, lang: Lang) -> &'static str {
    let (zh, en) = match why {
        NoBar::Held => ("基准年已达标，按水平判定", "the baseline already met the target: judged by level"),
        NoBar::NoBaseline => ("无基准值，按水平判定", "no baseline: judged by level"),
        NoBar::NoValue => ("缺少本期值", "no value for the year"),
        NoBar::ProvinceTarget => ("省下达目标未提供", "province target not supplied"),
        NoBar::Reference => ("参照值未提供", "reference value not supplied"),
        NoBar::Trend => ("目标为趋势性表述，按多年走势判定", "a trend target, judged on the series"),
        NoBar::Qualitative => ("目标为定性表述", "the target is in words, not a number"),
    };
    words(lang, zh, en)
}

/// After the charts: the indicators without one, by why — "未绘制进度图的指标：1、2（省下达目标未提供）；8（参照值未提供）。"
pub fn no_chart_sentence(groups: &[(NoBar, Vec<String>)], lang: Lang) -> String {
    let items: Vec<String> = groups
        .iter()
        .map(|(why, labels)| match lang {
            Lang::Zh => format!("{}（{}）", labels.join("、"), no_bar(*why, lang)),
            Lang::En => format!("{} ({})", labels.join(", "), no_bar(*why, lang)),
        })
        .collect();
    match lang {
        Lang::Zh => format!("未绘制进度图的指标：{}。", items.join("；")),
        Lang::En => format!("No chart for: {}.", items.join("; ")),
    }
}

/// The figures of an indicator off track, the first part of its item under 需关注的指标.
pub struct AttentionHead<'a> {
    pub label: &'a str,
    pub name: &'a str,
    pub kind: IndicatorType,
    /// The status in the plan's words (`status_word`).
    pub status: &'a str,
    pub value: &'a str,
    pub baseline: &'a str,
    pub target: &'a str,
}

pub fn attention_head(h: &AttentionHead, lang: Lang) -> String {
    let AttentionHead { label, name, value, baseline, target, .. } = h;
    let (kind, status) = (type_label(h.kind, lang), h.status);
    let text = match lang {
        Lang::Zh => format!("{label} {name}（{kind}，{status}）：本期值{value}，基准{baseline}，目标{target}"),
        Lang::En => format!("{label} {name} ({kind}, {status}): value {value}, baseline {baseline}, target {target}"),
    };
    text.trim_start().to_string()
}

/// The completion of an indicator off track, against the elapsed share at mid-term.
pub fn attention_completion(c: &str, stage: Stage, share: f64, lang: Lang) -> String {
    let share = percent(share);
    match (lang, stage) {
        (Lang::Zh, Stage::Midterm) => format!("完成度{c}，低于序时进度{share}"),
        (Lang::En, Stage::Midterm) => format!("completion {c}, against an elapsed share of {share}"),
        (Lang::Zh, Stage::Final) => format!("完成度{c}"),
        (Lang::En, Stage::Final) => format!("completion {c}"),
    }
}

/// How far the value is from the target, at the table's precision: in 个百分点 where the values are
/// percentages (14.1 − 11.2 is 2.9个百分点, not 2.9%), else in the indicator's unit.
pub fn attention_gap(gap: f64, unit: &str, percent_points: bool, lang: Lang) -> String {
    let gap = difference(gap, unit, percent_points, lang);
    match lang {
        Lang::Zh => format!("距目标尚差{gap}"),
        Lang::En => format!("{gap} short of the target"),
    }
}

/// The parts of an item made one sentence.
pub fn attention_sentence(parts: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}。", parts.join("；")),
        Lang::En => format!("{}.", parts.join("; ")),
    }
}

/// Which areas have binding indicators off track, and how many each (most first); `areas` in all.
pub fn areas_sentence(areas: usize, off: &[(&str, usize)], stage: Stage, lang: Lang) -> String {
    let words = off_track_words(stage, lang);
    if off.is_empty() {
        return match lang {
            Lang::Zh => format!("{areas}个地区的约束性指标均无{words}。"),
            Lang::En => format!("None of the {areas} areas has a binding indicator {words}."),
        };
    }
    let list: Vec<String> = off
        .iter()
        .map(|(a, k)| match lang {
            Lang::Zh => format!("{a}{k}项"),
            Lang::En => format!("{a} {k}"),
        })
        .collect();
    match lang {
        Lang::Zh => {
            format!("{areas}个地区中，{}个地区有约束性指标{words}：{}。", off.len(), list.join("、"))
        }
        Lang::En => {
            format!("Of the {areas} areas, {} have binding indicators {words}: {}.", off.len(), list.join(", "))
        }
    }
}

/// 附：数据与方法 — the rules of README.md's "Statuses", said briefly: base year `b`, target year `t`,
/// evaluation year `y` and its elapsed share.
pub fn method(b: i32, t: i32, y: i32, share: f64, level: &str, lang: Lang) -> Vec<String> {
    let p = percent(share);
    match lang {
        Lang::Zh => vec![
            format!("序时进度：基准年B={b}、目标年T={t}、评估年Y时，时间进度 p=(Y−B)/(T−B)（{y}年为{p}）；提前到期的目标按其到期年计算。"),
            "完成度：c=(本期值−基准值)/(目标值−基准值)，目标值为规划目标换算出的阈值；累计降低率类指标自0起算。".into(),
            "中期评估：本期值已达到目标为“提前实现”；否则 c≥p 为“符合序时进度”，0≤c<p 为“滞后”，c<0 为“倒退”。基准年已达标的指标按水平判定（保持为“保持达标”，跌破为倒退）；无基准值的指标达标为提前实现、未达标为滞后。“逐步提高/逐步降低/稳中向好”类目标按多年数据的走势判定。".into(),
            "总结评估：达到目标为“达标”，否则为“未达标”（恰在阈值上为达标）。目标无法确定（省下达目标未提供、缺少基准值或参照值、需多年数据）为“待定”，无数据为“缺数据”。".into(),
            format!("汇总：比例类指标的{level}值按各地区分子之和除以分母之和计算，数量类指标按各地区之和计算，从不对百分比取平均；文件未给出{level}值时由各地区汇总，并在说明中注明。进展类别（显著进展、适度进展、进展不足、偏离目标）按 Eurostat 方法以实际与所需年均增速之比 R 划分，预测为逐年数值最小二乘直线在目标年的取值。"),
            format!("本报告由 plan-check 按与 eval 命令相同的判定生成，评估年份{y}年。"),
        ],
        Lang::En => vec![
            format!("Elapsed share (序时进度): with base year B = {b}, target year T = {t} and evaluation year Y, p = (Y − B) / (T − B) ({p} in {y}); a target due earlier is measured to its due year."),
            "Completion: c = (value − baseline) / (target − baseline), the target being the threshold the plan's words resolve to; cumulative reductions progress from 0.".into(),
            "Mid-term: achieved if the value already meets the target; else on track if c ≥ p, lagging if 0 ≤ c < p, regressing if c < 0. A target the baseline already met is judged by level (held while it holds, regressing once lost); without a baseline, achieved if met, else lagging. Trend targets (逐步提高, 逐步降低, 稳中向好) are judged on the series of years.".into(),
            "Final: pass if the value meets the target (exactly at the threshold passes), else fail. Pending when the target cannot be resolved (province target, baseline or reference value not supplied, or a series needed); missing when there is no value.".into(),
            "Aggregation: a city ratio is Σ numerators / Σ denominators over its areas, a count the sum of the areas' counts, never a mean of percentages; a city value aggregated from the areas says so. Progress categories (significant, moderate, insufficient, away) follow Eurostat's ratio R of actual to required growth; the projection is the least-squares line at the target year.".into(),
            format!("Produced by plan-check from the same verdicts as its eval command, evaluation year {y}."),
        ],
    }
}

/// Before the data's problems in the appendix (`--skip-invalid`).
pub fn problems_lead(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "数据校验（validate）发现{n}个问题；按 --skip-invalid 仅评估了有效的行，以下各行未纳入评估或需核实："
        ),
        Lang::En => format!(
            "validate found {n} problems; with --skip-invalid only the valid rows were evaluated. The rows below were left out or need checking:"
        ),
    }
}

/// A note for the analyst on stderr from `report`, never in the document: an indicator, why it could
/// not be judged, and what would let it be (`13 生态保护红线占国土面积比例（%）：规划未给出基准值，请提供基准年数据`).
pub fn analyst_note(label: &str, name: &str, reason: &str, advice: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{label} {name}：{reason}，{advice}"),
        Lang::En => format!("{label} {name}: {reason}; {advice}"),
    }
}

/// The baseline of a cumulative indicator: 0, and the first year it counts (`0（2021年起累计）`).
pub fn cumulative_baseline(first_year: Option<i32>, lang: Lang) -> String {
    match (first_year, lang) {
        (Some(y), Lang::Zh) => format!("0（{y}年起累计）"),
        (Some(y), Lang::En) => format!("0 (cumulative from {y})"),
        (None, Lang::Zh) => "0（累计）".into(),
        (None, Lang::En) => "0 (cumulative)".into(),
    }
}

/// The plan's base-year figure of a cumulative indicator, quoted, said to be the previous period's.
pub fn previous_period_note(base_year: i32, printed: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("规划现状值（{base_year}年）：{printed}（上一规划期累计，本期自0起算）"),
        Lang::En => {
            format!("the plan's {base_year} figure: {printed} (the previous period's total; this period counts from 0)")
        }
    }
}
