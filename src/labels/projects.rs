//! The words of the register of 重大工程: its statuses, columns and titles, the sentence a report
//! states it in, the words of a status file's problems and of its template.

use crate::catalog::ProjectStatus;
use crate::evaluate::projects::Counts;
use crate::lang::Lang;
use crate::problem::ProjectExpected;
use crate::target::num;

use super::{not_number, words};

/// A status as a table shows it; `None` is an entry no file reported.
pub fn project_status_label(status: Option<ProjectStatus>, lang: Lang) -> &'static str {
    match status {
        None => words(lang, "未填报", "unreported"),
        Some(ProjectStatus::NotStarted) => words(lang, "未开工", "not started"),
        Some(ProjectStatus::Preparing) => words(lang, "前期工作", "preparing"),
        Some(ProjectStatus::UnderConstruction) => words(lang, "在建", "under construction"),
        Some(ProjectStatus::Completed) => words(lang, "已完工", "completed"),
        Some(ProjectStatus::Cancelled) => words(lang, "已取消", "cancelled"),
    }
}

/// A fixed word of the register's tables and template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectWord {
    Column,
    Programme,
    Name,
    Kind,
    KindProgramme,
    KindProject,
    Status,
    Progress,
    Invested,
    Planned,
    Year,
    Due,
    Overdue,
    Areas,
    Note,
    Quote,
    Indicators,
    Total,
    StartRate,
    CompletionRate,
    RegisterTitle,
    RegisterSheet,
    ByColumnTitle,
    ByColumnSheet,
    OverdueTitle,
    NoneOverdue,
    CatalogueTitle,
    TemplateSheet,
    TemplateAbout,
    Yes,
    /// The unit of investment figures.
    Unit,
}

pub fn project_word(w: ProjectWord, lang: Lang) -> &'static str {
    use ProjectWord as W;
    let (zh, en) = match w {
        W::Column => ("专栏", "column"),
        W::Programme => ("所属工程", "programme"),
        W::Name => ("工程项目", "project"),
        W::Kind => ("类别", "kind"),
        W::KindProgramme => ("工程", "programme"),
        W::KindProject => ("项目", "project"),
        W::Status => ("状态", "status"),
        W::Progress => ("进度", "progress"),
        W::Invested => ("完成投资", "invested"),
        W::Planned => ("计划投资", "planned"),
        W::Year => ("填报年份", "reported"),
        W::Due => ("应完成年份", "due"),
        W::Overdue => ("逾期", "overdue"),
        W::Areas => ("责任地区", "areas"),
        W::Note => ("备注", "note"),
        W::Quote => ("规划原文", "the plan's words"),
        W::Indicators => ("对应指标", "indicators"),
        W::Total => ("合计", "total"),
        W::StartRate => ("开工率", "start rate"),
        W::CompletionRate => ("完工率", "completion rate"),
        W::RegisterTitle => ("重大工程进展情况", "Progress of the major projects"),
        W::RegisterSheet => ("重大工程", "Projects"),
        W::ByColumnTitle => ("重大工程进展（按专栏）", "Major projects by column"),
        W::ByColumnSheet => ("工程按专栏", "Projects by column"),
        W::OverdueTitle => ("逾期未完工的重大工程", "Major projects overdue"),
        W::NoneOverdue => ("无逾期未完工的工程。", "No project is overdue."),
        W::CatalogueTitle => ("重大工程清单（专栏二至专栏九）", "The register of major projects (专栏二–九)"),
        W::TemplateSheet => ("工程进展", "projects"),
        W::TemplateAbout => ("填写说明", "about"),
        W::Yes => ("是", "yes"),
        W::Unit => ("万元", "10k yuan"),
    };
    words(lang, zh, en)
}

/// The header a status template writes for a column (`project`, `year` …): words `load` reads back.
pub fn project_column_header(field: &str, lang: Lang) -> &'static str {
    let (zh, en) = match field {
        "project" => ("项目", "project"),
        "year" => ("年份", "year"),
        "status" => ("状态", "status"),
        "progress" => ("进度（%）", "progress"),
        "invested" => ("完成投资（万元）", "invested"),
        "planned_investment" => ("计划投资（万元）", "planned_investment"),
        _ => ("备注", "note"),
    };
    words(lang, zh, en)
}

/// The lines a status template explains itself with.
pub fn project_template_about(lang: Lang) -> Vec<&'static str> {
    if lang == Lang::Zh {
        vec![
            "每个工程项目每年填一行；项目列可填编号或名称。",
            "状态：未开工、前期工作、在建、已完工、已取消（或英文 not started、preparing、under construction、completed、cancelled）。",
            "进度为已完成工作量占比（0–100）；已完工的项目进度应为 100。",
            "完成投资、计划投资以万元计；规划未列投资额，请按实际填写，不填则留空。",
        ]
    } else {
        vec![
            "One row per project and year; the project column takes its id or its name.",
            "status: not started, preparing, under construction, completed, cancelled (or 未开工, 前期工作, 在建, 已完工, 已取消).",
            "progress is the share of the work done (0–100); a completed project's is 100.",
            "invested and planned_investment are in 万元; the plan gives no investment, so fill in what is known or leave them empty.",
        ]
    }
}

/// The sentence a report states the register in: N entries, how many completed, under construction
/// and not started, the rates, the investment done.
pub fn register_sentence(c: &Counts, lang: Lang) -> String {
    let rate = |r: Option<f64>| r.map_or_else(|| "—".to_string(), |r| format!("{}%", num(r)));
    let not_started = c.not_started + c.unreported;
    let invested = c.invested.map(|v| num((v / 100.0).round() / 100.0));
    if lang == Lang::Zh {
        let mut s = format!(
            "规划确定的{}项重大工程中，已完工{}项、在建{}项、前期工作{}项、未开工{}项（其中未填报{}项）、已取消{}项，开工率{}，完工率{}",
            c.total,
            c.completed,
            c.under_construction,
            c.preparing,
            not_started,
            c.unreported,
            c.cancelled,
            rate(c.start_rate),
            rate(c.completion_rate)
        );
        if let Some(v) = invested {
            s.push_str(&format!("，完成投资{v}亿元"));
        }
        s.push_str(&format!("；逾期未完工{}项。", c.overdue));
        s
    } else {
        let mut s = format!(
            "Of the plan's {} major projects, {} are completed, {} under construction, {} preparing, {} not started \
             ({} of them unreported) and {} cancelled: a start rate of {} and a completion rate of {}",
            c.total,
            c.completed,
            c.under_construction,
            c.preparing,
            not_started,
            c.unreported,
            c.cancelled,
            rate(c.start_rate),
            rate(c.completion_rate)
        );
        if let Some(v) = invested {
            s.push_str(&format!(", with {v} 亿元 (hundred million yuan) invested"));
        }
        s.push_str(&format!("; {} overdue.", c.overdue));
        s
    }
}

/// The line that explains an exit code 1 from `--fail-on overdue-projects`.
pub fn overdue_verdict(n: usize, lang: Lang) -> String {
    if lang == Lang::Zh {
        format!("{n} 项重大工程逾期未完工（--fail-on overdue-projects）")
    } else {
        format!("{n} major project(s) overdue (--fail-on overdue-projects)")
    }
}

/// What a row of a status file expected.
pub fn project_expected(p: &ProjectExpected, lang: Lang) -> String {
    use ProjectExpected as P;
    let zh = lang == Lang::Zh;
    match p {
        P::IdOrName => words(lang, "重大工程清单中的项目编号或完整名称", "a project id or its exact name in the register")
            .to_string(),
        P::Status => words(
            lang,
            "未开工、前期工作、在建、已完工或已取消（或 not started、preparing、under construction、completed、cancelled）",
            "not started, preparing, under construction, completed or cancelled (or 未开工, 前期工作, 在建, 已完工, 已取消)",
        )
        .to_string(),
        P::Column { field } if zh => format!("{field} 列（工程进展表：project、status，以及 year、progress 等）"),
        P::Column { field } => {
            format!("a {field} column (a project status file: project, status, and year, progress …)")
        }
        P::KnownColumn => words(
            lang,
            "project、year、status、progress、invested、planned_investment 或 note；此列不读取",
            "project, year, status, progress, invested, planned_investment or note; this column is not read",
        )
        .to_string(),
        P::Amount { why: None } => words(lang, "不小于 0 的金额（万元）", "an amount of zero or more (万元)").to_string(),
        P::Amount { why: Some(why) } if zh => format!("金额（万元）（{}）", not_number(*why, lang)),
        P::Amount { why: Some(why) } => format!("an amount in 万元 ({})", not_number(*why, lang)),
        P::NotFalling { year, progress, at } if zh => {
            format!("不低于 {year} 年的进度 {}（{at}）；进度不应回落", num(*progress))
        }
        P::NotFalling { year, progress, at } => {
            format!("at least the progress of {year}, {} ({at}); progress does not fall", num(*progress))
        }
        P::CompletedAt100 => {
            words(lang, "已完工的项目进度为 100", "a progress of 100 for a completed project").to_string()
        }
        P::AtMostPlanned { planned } if zh => format!("不超过计划投资 {} 万元", num(*planned)),
        P::AtMostPlanned { planned } => format!("at most the planned investment of {} 万元", num(*planned)),
        P::Once { same, at } if zh => {
            let tail = if *same { "已填相同内容；后一行不采用" } else { "已填不同内容；两行均不采用" };
            format!("每个项目每年只填一行（{at} {tail}）")
        }
        P::Once { same, at } => {
            let tail = if *same { "the same report; the later row is not used" } else { "a different report; neither row is used" };
            format!("each project and year once ({at} gives {tail})")
        }
    }
}

/// A table's title with the year it is of.
pub fn title_of_year(title: &str, year: i32, lang: Lang) -> String {
    if lang == Lang::Zh { format!("{title}（{year}）") } else { format!("{title} ({year})") }
}

/// Area names in a cell.
pub fn area_list(areas: &[String], lang: Lang) -> String {
    areas.join(words(lang, "、", ", "))
}

/// A register entry's name and the plan's words, for a template's list of entries.
pub fn name_and_quote(name: &str, quote: &str) -> String {
    format!("{name}：{quote}")
}
