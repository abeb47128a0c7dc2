//! The words of the evaluation report's six parts (一、规划实施总体情况 … 六、下一步工作建议), in the order
//! and wording published evaluations use, and of `report --narrative`: the analyst's text placed into
//! them, and the placeholders shown where it is not given.

use super::*;

/// A heading or fixed phrase of the report's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartWord {
    OverallHeading,
    TasksHeading,
    ProjectsHeading,
    ProblemsHeading,
    NextStepsHeading,
    /// 一's second part, the analyst's prose.
    Achievements,
    /// The areas, a sub-part of 二.
    AreasSubheading,
    /// The table of the areas' binding shortfalls and their change since the base year.
    AreaChangesTitle,
    /// 四's table of counts by 专栏.
    ProjectsByColumn,
    /// 四's list of the projects behind schedule.
    ProjectsOverdue,
    /// 五's drafted parts (the first by stage: [`off_track_heading`]).
    ProblemsUnjudged,
    ProblemsAreas,
    /// 五's analyst text, after the drafted parts.
    ProblemsNarrative,
    /// A yes/no task's value.
    Done,
    NotDone,
    /// Columns of the areas' changes.
    Area,
    Indicator,
    JudgedAgainst,
    FromTo,
    Change,
    Status,
    /// A target the targets file gave the area itself.
    AreaOwnTarget,
    /// The city's target, applied to an area.
    CityTarget,
}

pub fn part_word(w: PartWord, lang: Lang) -> &'static str {
    use PartWord as W;
    let (zh, en) = match w {
        W::OverallHeading => ("一、规划实施总体情况", "1. Overall implementation of the plan"),
        W::TasksHeading => ("三、重点任务推进情况", "3. Progress of the key tasks"),
        W::ProjectsHeading => ("四、重大工程进展情况", "4. Progress of the major projects"),
        W::ProblemsHeading => ("五、存在的主要问题", "5. The main problems"),
        W::NextStepsHeading => ("六、下一步工作建议", "6. Recommendations for the next stage"),
        W::Achievements => ("主要成效", "Main achievements"),
        W::AreasSubheading => ("各地区指标完成情况", "The areas"),
        W::AreaChangesTitle => (
            "约束性指标存在差距的地区及较基准年变化",
            "Areas short on a binding indicator, and their change since the base year",
        ),
        W::ProjectsByColumn => ("重大工程进展（按专栏）", "Major projects by column"),
        W::ProjectsOverdue => ("逾期未完工的重大工程", "Major projects behind schedule"),
        W::ProblemsUnjudged => ("（二）部分指标暂无法评估", "(2) Indicators that could not be judged"),
        W::ProblemsAreas => ("（三）部分地区约束性指标存在差距", "(3) Areas short on binding indicators"),
        W::ProblemsNarrative => ("（四）其他问题", "(4) Other problems"),
        W::Done => ("已完成", "done"),
        W::NotDone => ("尚未完成", "not done"),
        W::Area => ("地区", "Area"),
        W::Indicator => ("指标", "Indicator"),
        W::JudgedAgainst => ("评估目标", "Judged against"),
        W::FromTo => ("起始值→本期值", "From → this year"),
        W::Change => ("变化", "Change"),
        W::Status => ("状态", "Status"),
        W::AreaOwnTarget => ("本地区目标", "the area's own target"),
        W::CityTarget => ("全市目标", "the city's target"),
    };
    words(lang, zh, en)
}

/// The parts of the report the analyst's `--narrative` text goes into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NarrativePart {
    /// 主要成效, in 一 after the overall judgement.
    Achievements,
    /// 存在的主要问题, in 五 after the drafted items.
    Problems,
    /// 下一步工作建议, the whole of 六.
    NextSteps,
}

impl NarrativePart {
    pub const ALL: [NarrativePart; 3] =
        [NarrativePart::Achievements, NarrativePart::Problems, NarrativePart::NextSteps];

    /// The names a `## ` heading of a narrative file may give the part: its short name and the full
    /// title of its part, in Chinese and in English.
    pub fn names(self) -> [&'static str; 4] {
        match self {
            NarrativePart::Achievements => {
                ["主要成效", "一、规划实施总体情况", "Main achievements", "1. Overall implementation of the plan"]
            }
            NarrativePart::Problems => {
                ["存在的主要问题", "五、存在的主要问题", "Main problems", "5. The main problems"]
            }
            NarrativePart::NextSteps => {
                ["下一步工作建议", "六、下一步工作建议", "Next steps", "6. Recommendations for the next stage"]
            }
        }
    }

    /// The part a heading names (spaces around it and the case of English letters ignored).
    pub fn named(heading: &str) -> Option<NarrativePart> {
        let h = heading.trim();
        NarrativePart::ALL.into_iter().find(|p| p.names().iter().any(|n| n.eq_ignore_ascii_case(h)))
    }

    /// The short name in the language, as a placeholder names the part.
    pub fn name(self, lang: Lang) -> &'static str {
        let n = self.names();
        if lang == Lang::Zh { n[0] } else { n[2] }
    }
}

/// The heading names a narrative file accepts, for an error message.
pub fn narrative_names() -> String {
    let all: Vec<String> = NarrativePart::ALL.iter().flat_map(|p| p.names()).map(|n| format!("## {n}")).collect();
    all.join(", ")
}

/// Where the analyst's text is not given: a visible mark saying what goes here and how to give it.
pub fn narrative_placeholder(part: NarrativePart, lang: Lang) -> String {
    let name = part.name(lang);
    match lang {
        Lang::Zh => format!("【待补充：{name}，由评估人员撰写；可用 --narrative 文件中“## {name}”一节提供】"),
        Lang::En => {
            format!("[To be written: {name}, by the evaluator; give it under “## {name}” in a --narrative file]")
        }
    }
}

/// Why a narrative file cannot be used: a heading that names no part, or text before the first heading.
pub fn narrative_failure(path: &str, line: usize, heading: Option<&str>, lang: Lang) -> String {
    let names = narrative_names();
    match (heading, lang) {
        (Some(h), Lang::Zh) => {
            format!("--narrative {path}:{line}：标题“{h}”不是报告的可填写部分；可用的标题为 {names}")
        }
        (Some(h), Lang::En) => {
            format!(
                "--narrative {path}:{line}: the heading {h:?} names no part of the report; the headings accepted are {names}"
            )
        }
        (None, Lang::Zh) => format!(
            "--narrative {path}:{line}：第一个“## ”标题之前有正文；每段文字须写在某一部分的标题之下，可用的标题为 {names}"
        ),
        (None, Lang::En) => format!(
            "--narrative {path}:{line}: text before the first `## ` heading; every text goes under the heading of its part, one of {names}"
        ),
    }
}

/// The lead's clause on the tasks, counted apart from the indicators.
pub fn tasks_apart(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("规划正文的{n}项重点任务另行评估，见第三部分。"),
        Lang::En => format!("The {n} key tasks of the plan's chapters are judged apart, in part 3."),
    }
}

/// 三 when no task was evaluated.
pub fn no_tasks(lang: Lang) -> &'static str {
    words(
        lang,
        "本次评估未纳入规划正文的重点任务（所用指标目录或 --source 未包括重点任务）。",
        "No key task of the plan's chapters was evaluated (the catalogue or --source includes none).",
    )
}

/// 三 in one area's report when no task applies to the area.
pub fn no_tasks_for_area(area: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("重点任务按全市评估，{area}没有单独适用的重点任务；其推进情况见全市评估报告。"),
        Lang::En => {
            format!("The key tasks are judged for the city; none applies to {area} on its own (see the city's report).")
        }
    }
}

/// 一 when the selection (`--source`) holds no indicator of the plan's table, only tasks.
pub fn only_tasks_selected(year: i32, stage: Stage, tasks: usize, lang: Lang) -> String {
    let name = evaluation_name(stage, lang);
    match lang {
        Lang::Zh => format!(
            "本次为{year}年{name}，所选范围（--source）不含规划表2的目标指标，仅评估{tasks}项重点任务，见第三部分。"
        ),
        Lang::En => format!(
            "This {name} of {year} covers no indicator of the plan's table (--source), only {tasks} key tasks, in part 3."
        ),
    }
}

/// The chapter a task's source names (`第三章第二节` → `第三章`), or `None` (a 专栏).
pub fn chapter_of(source: &str) -> Option<&str> {
    if !source.starts_with('第') {
        return None;
    }
    source.find('章').map(|i| &source[..i + '章'.len_utf8()])
}

/// A chapter's title in the tasks table: `第三章　坚持生态兴城，建设山水田园城市`.
pub fn chapter_title(chapter: Option<&str>, domain: &str) -> String {
    match chapter {
        Some(c) => format!("{c}\u{3000}{domain}"),
        None => domain.to_string(),
    }
}

/// A chapter named by its title where its number is not known: `“深化试验区建设，…”`.
pub fn chapter_by_title(domain: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{domain}”"),
        Lang::En => format!("“{domain}”"),
    }
}

/// The tasks without data, in one sentence: how many, and in which chapters (`chapters`: each chapter's
/// name and count, in the plan's order).
pub fn tasks_without_data(n: usize, total: usize, chapters: &[(String, usize)], lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let list: Vec<String> = chapters.iter().map(|(c, k)| format!("{c}{k}项")).collect();
            format!("另有{n}项重点任务（共{total}项）暂无数据，未列入上表，分布在{}。", list.join("、"))
        }
        Lang::En => {
            let list: Vec<String> = chapters.iter().map(|(c, k)| format!("{c} {k}")).collect();
            format!(
                "Another {n} of the {total} key tasks have no data and are not in the table above: {}.",
                list.join(", ")
            )
        }
    }
}

/// The note of a yes/no task not done: due already, or still within its period.
pub fn yes_no_note(done: bool, due: i32, year: i32, lang: Lang) -> String {
    match (done, due <= year, lang) {
        (true, _, _) => String::new(),
        (false, true, Lang::Zh) => format!("{due}年到期，尚未完成"),
        (false, true, Lang::En) => format!("due {due}, not done"),
        (false, false, Lang::Zh) => format!("期限{due}年，尚未完成"),
        (false, false, Lang::En) => format!("due {due}, not done yet"),
    }
}

/// 四 without a project status file: what is missing and how to give it.
pub fn no_projects_file(lang: Lang) -> &'static str {
    words(
        lang,
        "本次评估未提供重大工程进展情况文件，重大工程进展暂无法评估。可用 plan-check template --projects 生成工程进展表，填写后与数据文件一并输入（如 plan-check report data/2023.csv 工程进展-2023.csv -o 报告.docx），本部分即列出各状态工程数量、开工率、完工率、完成投资和逾期未完工的工程。",
        "No project status file was given, so the major projects could not be assessed. Make one with plan-check template --projects, fill it in and give it with the data files (e.g. plan-check report data/2023.csv projects-2023.csv -o report.docx): this part then gives the projects by status, the start and completion rates, the investment done and the projects behind schedule.",
    )
}

/// 四's sentence on the projects behind schedule.
pub fn overdue_lead(n: usize, year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("截至{year}年，{n}项重大工程已到应完成年份但尚未完工："),
        Lang::En => format!("By {year}, {n} major projects were due and are not completed:"),
    }
}

/// One project behind schedule: its name, 专栏, status, progress and due year.
pub fn overdue_item(name: &str, column: &str, status: &str, progress: Option<f64>, due: i32, lang: Lang) -> String {
    let progress = progress.map(num);
    match (lang, progress) {
        (Lang::Zh, Some(p)) => format!("{name}（{column}，{status}，进度{p}%，应于{due}年完成）"),
        (Lang::Zh, None) => format!("{name}（{column}，{status}，应于{due}年完成）"),
        (Lang::En, Some(p)) => format!("{name} ({column}, {status}, {p}% done, due {due})"),
        (Lang::En, None) => format!("{name} ({column}, {status}, due {due})"),
    }
}

/// 五's first heading: indicators behind at mid-term, missed at the final evaluation.
pub fn off_track_heading(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Midterm, Lang::Zh) => "（一）部分目标指标进展滞后",
        (Stage::Final, Lang::Zh) => "（一）部分目标指标未完成",
        (Stage::Midterm, Lang::En) => "(1) Indicators behind schedule",
        (Stage::Final, Lang::En) => "(1) Indicators that missed their targets",
    }
}

/// 五's lead on the indicators off track.
pub fn off_track_lead(n: usize, stage: Stage, lang: Lang) -> String {
    match (lang, stage) {
        (Lang::Zh, Stage::Midterm) => format!("{n}项指标滞后、倒退或未达标，距目标仍有差距："),
        (Lang::Zh, Stage::Final) => format!("{n}项指标未达到规划目标："),
        (Lang::En, Stage::Midterm) => {
            format!("{n} indicators are lagging, regressing or failing, short of their targets:")
        }
        (Lang::En, Stage::Final) => format!("{n} indicators missed their targets:"),
    }
}

/// 五's sentence on the indicators that could not be judged: how many, and why (`list`, from
/// `unjudged_list`).
pub fn unjudged_problem(n: usize, list: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n}项指标暂无法评估，评估结论不完整：{list}。"),
        Lang::En => format!("{n} indicators could not be judged, so the evaluation is incomplete: {list}."),
    }
}

/// 五 when every indicator could be judged.
pub fn all_judged(lang: Lang) -> &'static str {
    words(lang, "全部指标均已评估。", "Every indicator could be judged.")
}

/// 五's lead on the areas with binding shortfalls.
pub fn areas_short_lead(n: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{of}个地区中，{n}个地区有约束性指标存在差距（按各地区评估目标判定）："),
        Lang::En => format!("Of the {of} areas, {n} are short on binding indicators (each judged against its target):"),
    }
}

/// 五 when no area is short on a binding indicator.
pub fn no_area_short(of: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{of}个地区的约束性指标均无差距。"),
        Lang::En => format!("None of the {of} areas is short on a binding indicator."),
    }
}

/// One area with binding shortfalls: its name and the indicators.
pub fn area_short_item(area: &str, indicators: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{area}（{}项）：{}", indicators.len(), indicators.join("、")),
        Lang::En => format!("{area} ({}): {}", indicators.len(), indicators.join(", ")),
    }
}

/// Which target the areas are judged against: the city's, unless the targets file gave an area its own
/// (`own`: "鲤城区（12 森林覆盖率）").
pub fn areas_judged_against(own: &[String], lang: Lang) -> String {
    match (own.is_empty(), lang) {
        (true, Lang::Zh) => "各地区的指标均按全市目标评估（省下达目标文件未给地区单独下达目标）；地区的自然条件和基准水平不同，同一目标下的差距应结合其较基准年的变化来看。".into(),
        (true, Lang::En) => "Every area is judged against the city's target (no targets file gives an area its own); areas start from different levels, so a shortfall is best read with the area's change since the base year.".into(),
        (false, Lang::Zh) => format!(
            "各地区的指标按全市目标评估，目标文件单独下达目标的除外：{}；地区的自然条件和基准水平不同，同一目标下的差距应结合其较基准年的变化来看。",
            own.join("、")
        ),
        (false, Lang::En) => format!(
            "Areas are judged against the city's target, except where the targets file gives the area its own: {}; areas start from different levels, so a shortfall is best read with the area's change since the base year.",
            own.join(", ")
        ),
    }
}

/// An area and the indicators the targets file gives it its own target for.
pub fn area_own_targets(area: &str, indicators: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{area}（{}）", indicators.join("、")),
        Lang::En => format!("{area} ({})", indicators.join(", ")),
    }
}

/// A target an area is judged against, and whose it is: `全市目标≥58.7`.
pub fn judged_against(own: bool, target: &str, lang: Lang) -> String {
    let whose = part_word(if own { PartWord::AreaOwnTarget } else { PartWord::CityTarget }, lang);
    match lang {
        Lang::Zh => format!("{whose}{target}"),
        Lang::En => format!("{whose} {target}"),
    }
}

/// A value from the base year to this year: `2020年 21.3 → 2023年 20.68`; `None` where the data has no
/// base-year row for the area.
pub fn from_to(base_year: i32, base: Option<&str>, year: i32, value: &str, lang: Lang) -> String {
    let base = base.unwrap_or("—");
    match lang {
        Lang::Zh => format!("{base_year}年 {base} → {year}年 {value}"),
        Lang::En => format!("{base_year}: {base} → {year}: {value}"),
    }
}

/// The change since the base year: in 个百分点 for a percentage, else in the unit; `None` when there is
/// no base-year value.
pub fn change_since(change: Option<f64>, unit: &str, lang: Lang) -> String {
    let Some(c) = change else {
        return words(lang, "无起始年数据", "no earlier value").to_string();
    };
    let size = num((c.abs() * 100.0).round() / 100.0);
    if size == "0" {
        return words(lang, "持平", "unchanged").to_string();
    }
    let percent = unit == "%";
    match (lang, c > 0.0, percent) {
        (Lang::Zh, true, true) => format!("提高{size}个百分点"),
        (Lang::Zh, false, true) => format!("下降{size}个百分点"),
        (Lang::Zh, true, false) => format!("增加{size}{unit}"),
        (Lang::Zh, false, false) => format!("减少{size}{unit}"),
        (Lang::En, true, true) => format!("up {size} percentage points"),
        (Lang::En, false, true) => format!("down {size} percentage points"),
        (Lang::En, true, false) => format!("up {size} {unit}"),
        (Lang::En, false, false) => format!("down {size} {unit}"),
    }
}

/// Under the areas' changes when no area has a base-year value: said, and where the change is counted
/// from instead (`later`: from the first year an area reported).
pub fn no_area_baselines(base_year: i32, later: bool, lang: Lang) -> String {
    match (lang, later) {
        (Lang::Zh, false) => format!(
            "所用数据未含各地区{base_year}年（基准年）的数值，暂无法给出较基准年的变化；各地区报送{base_year}年数据后即可给出。"
        ),
        (Lang::Zh, true) => format!(
            "所用数据未含各地区{base_year}年（基准年）的数值，下表的变化自各地区最早报送数据的年份起算；各地区报送{base_year}年数据后即按基准年计算。"
        ),
        (Lang::En, false) => format!(
            "The data have no {base_year} (base-year) values for the areas, so their change since the base year cannot be given until they report them."
        ),
        (Lang::En, true) => format!(
            "The data have no {base_year} (base-year) values for the areas, so the change below is counted from the first year each area reported; once they report {base_year}, it is counted from the base year."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_narrative_name_finds_its_part_and_no_other() {
        for p in NarrativePart::ALL {
            for n in p.names() {
                assert_eq!(NarrativePart::named(n), Some(p), "{n}");
                assert_eq!(NarrativePart::named(&format!("  {n} ")), Some(p), "{n}");
            }
        }
        assert_eq!(NarrativePart::named("main ACHIEVEMENTS"), Some(NarrativePart::Achievements));
        assert_eq!(NarrativePart::named("二、主要目标指标完成情况"), None);
        assert_eq!(NarrativePart::named("成效"), None);
    }

    #[test]
    fn chapters_and_changes_read_as_the_plan_writes_them() {
        assert_eq!(chapter_of("第三章第二节"), Some("第三章"));
        assert_eq!(chapter_of("第十一章"), Some("第十一章"));
        assert_eq!(chapter_of("专栏二"), None);
        assert_eq!(change_since(Some(2.6), "%", Lang::Zh), "提高2.6个百分点");
        assert_eq!(change_since(Some(-0.504), "%", Lang::Zh), "下降0.5个百分点");
        assert_eq!(change_since(Some(3.0), "个", Lang::Zh), "增加3个");
        assert_eq!(change_since(Some(0.001), "%", Lang::Zh), "持平");
        assert_eq!(change_since(None, "%", Lang::Zh), "无起始年数据");
        assert_eq!(change_since(Some(-1.25), "%", Lang::En), "down 1.25 percentage points");
    }
}
