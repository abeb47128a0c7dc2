//! The words of `check-catalog`.

use std::fmt;

use super::*;
use crate::catalog::CatalogError;
use crate::problem::{Broken, Problem, Warned, escape};
use crate::target::{Misfit, TargetError, TargetReason};
use crate::targets_file::TargetsError;

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
pub fn lint(l: &Warned, lang: Lang) -> String {
    match (l, lang) {
        (Warned::NoBaseline { target, base }, Lang::Zh) => format!(
            "目标 `{target}` 相对于{base}年值，而指标目录未给出：数据中有{base}年的行之前，eval 判为待定（规划写明时请补 `baseline`）"
        ),
        (Warned::NoBaseline { target, base }, Lang::En) => format!(
            "the target `{target}` is relative to the {base} value and the catalogue gives none: eval is pending \
             until the data carries a {base} row (add `baseline` if the plan states it)"
        ),
        (Warned::TrendWithoutSeries { target, base }, Lang::Zh) => format!(
            "趋势目标 `{target}` 按多年序列判定，而指标目录未给出{base}年值作为起点：数据提供各年数值之前，eval 判为待定（规划写明时请补 `baseline`）"
        ),
        (Warned::TrendWithoutSeries { target, base }, Lang::En) => format!(
            "the trend `{target}` is judged on a series of years and the catalogue gives no {base} value to start \
             it: eval keeps it pending until the data supplies the years (add `baseline` if the plan states it)"
        ),
        (Warned::ProvinceWithoutSource, Lang::Zh) => "省下达目标只能依据 --targets 提供的数值判定；请补 `note` 写明省里在何处下达（规划条款或文件），评估者才知道向谁要数".into(),
        (Warned::ProvinceWithoutSource, Lang::En) => "a province target is judged only on a figure supplied with --targets; add a \
             `note` saying where the province assigns it (the plan's clause, or the document), so the evaluator knows \
             what to ask for"
            .into(),
        (Warned::QuoteNotInPlan { quote }, Lang::Zh) => format!("引文 {quote:?} 在规划原文中找不到（须逐字一致）"),
        (Warned::QuoteNotInPlan { quote }, Lang::En) => {
            format!("the quote {quote:?} is not in the plan's text, word for word")
        }
        (Warned::AgainstPolarity { target: t, cmp, value, better }, lang) => {
            against_polarity(t, *cmp, *value, *better, lang)
        }
        (Warned::RelativeOnPercent { target, points }, lang) => {
            plan_lint(&PlanLint::RelativeOnPercent { target, points: points.clone() }, lang)
        }
        (Warned::NoSource { default }, lang) => plan_lint(&PlanLint::NoSource { default }, lang),
    }
}

/// The rule of a catalogue or a targets file that an entry breaks, as a sentence.
pub fn broken(b: &Broken, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let hinted = |hint: &Option<String>| match (hint, zh) {
        (None, _) => String::new(),
        (Some(h), true) => format!("（是否应为 {h}？）"),
        (Some(h), false) => format!(" (did you mean {h}?)"),
    };
    match b {
        Broken::AreaTwice { .. }
        | Broken::ResolvesOutside { .. }
        | Broken::MoreNotShown { .. }
        | Broken::NameNeverMatches { .. }
        | Broken::NameLooksAlike { .. }
        | Broken::NotAFigure { .. }
        | Broken::FigureNotAFigure { .. } => super::gate_broken(b, lang),
        Broken::BaselineMisfit { why } if zh => format!("基准值不符合该指标：{}", misfit(why, lang)),
        Broken::BaselineMisfit { why } => format!("the baseline does not fit the indicator: {}", misfit(why, lang)),
        Broken::Plan(p) => plan_broken(p, lang),
        Broken::Toml { message } if zh => toml_zh(message),
        Broken::Toml { message } => message.clone(),
        Broken::PlanYears { base, midterm, target } if zh => {
            format!("年份须满足 base_year < midterm_year < target_year，实为 {base} / {midterm} / {target}")
        }
        Broken::PlanYears { base, midterm, target } => {
            format!("years must satisfy base_year < midterm_year < target_year, found {base} / {midterm} / {target}")
        }
        Broken::NameTaken { name, owner } if zh => format!("名称或别名 {name:?} 已被 {owner} 使用"),
        Broken::NameTaken { name, owner } => format!("the name or alias {name:?} is already used by {owner}"),
        Broken::MembersTagUnused { tag } if zh => format!("members 标签 {tag:?} 不在任何地区上"),
        Broken::MembersTagUnused { tag } => format!("members tag {tag:?} is on no area"),
        Broken::IdNotAscii { id } if zh => format!("id {id:?} 只能由小写 ASCII 字母、数字和 _ 组成"),
        Broken::IdNotAscii { id } => format!("id {id:?} must be lowercase ASCII letters, digits and _"),
        Broken::DuplicateId { id, first } if zh => format!("id {id:?} 重复（首次定义于第{first}行）"),
        Broken::DuplicateId { id, first } => format!("duplicate id {id:?} (first defined at line {first})"),
        Broken::RowNumberNotPositive { n } if zh => format!("no = {n}：规划的行号是从 1 起的整数"),
        Broken::RowNumberNotPositive { n } => format!("no = {n}: the plan's row number is a whole number from 1"),
        Broken::RowNumberLabel { text } => {
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            if zh {
                let example =
                    if digits.is_empty() { String::new() } else { format!("（no = {digits}，label = {text:?}）") };
                format!("no = {text:?}：`no` 是规划的行号，须为整数；子行的标号写在 `label`{example}")
            } else {
                let example =
                    if digits.is_empty() { String::new() } else { format!(" (no = {digits}, label = {text:?})") };
                format!(
                    "no = {text:?}: `no` is the plan's row number, a whole number; a sub-row's label goes in \
                     `label`{example}"
                )
            }
        }
        Broken::RowNumberNotNumber { value } if zh => format!("no = {value}：应为规划的行号（整数）"),
        Broken::RowNumberNotNumber { value } => {
            format!("no = {value}: expected the plan's row number, a whole number")
        }
        Broken::EmptyLabel if zh => "label 为空；请写规划的子行标号（\"15a\"）或删去".into(),
        Broken::EmptyLabel => "label is empty; give the plan's sub-row label (\"15a\") or leave it out".into(),
        Broken::Target(e) => target_error(e, lang),
        Broken::EliminatedAgainstPolarity { target, better } => {
            let b = better.as_str();
            match (better, zh) {
                (Better::Lower, true) => format!(
                    "better = \"{b}\" 的指标上写了 `{target}`：此处 eliminated 指剩余比例不超过 N：写 `eliminated`（不超过 0）或 `eliminated <= N`"
                ),
                (Better::Higher, true) => format!(
                    "better = \"{b}\" 的指标上写了 `{target}`：此处 eliminated 指消除比例不低于 N：写 `eliminated`（不低于 90）或 `eliminated >= N`"
                ),
                (Better::Lower, false) => format!(
                    "`{target}` on a better = \"{b}\" indicator: there eliminated means a share remaining of at most \
                     N: write `eliminated` (at most 0) or `eliminated <= N`"
                ),
                (Better::Higher, false) => format!(
                    "`{target}` on a better = \"{b}\" indicator: there eliminated means a share eliminated of at \
                     least N: write `eliminated` (at least 90) or `eliminated >= N`"
                ),
            }
        }
        Broken::UnknownReference { id } if zh => format!("目标引用了 {id:?}，而没有 [[reference]] 定义它"),
        Broken::UnknownReference { id } => format!("target refers to {id:?}, which no [[reference]] defines"),
        Broken::TargetMisfit { text, why } if zh => format!("目标 `{text}` 与指标不符：{}", misfit(why, lang)),
        Broken::TargetMisfit { text, why } => {
            format!("the target `{text}` does not fit the indicator: {}", misfit(why, lang))
        }
        Broken::CityRowNotCity { city_row } if zh => {
            format!("city_row {city_row:?} 不是 kind = \"city\" 的 [[county]]")
        }
        Broken::CityRowNotCity { city_row } => {
            format!("city_row {city_row:?} is not a [[county]] with kind = \"city\"")
        }
        Broken::UnknownTag { tag } if zh => format!("applies_to 指定的标签 {tag:?} 不在任何 [[county]] 上"),
        Broken::UnknownTag { tag } => format!("applies_to names the tag {tag:?}, which no [[county]] has"),
        Broken::ProjectKeyEmpty { key } if zh => format!("{key} 为空"),
        Broken::ProjectKeyEmpty { key } => format!("{key} is empty"),
        Broken::ProjectNameTaken { name, first } if zh => format!("名称 {name:?} 已被另一工程使用（第{first}行）"),
        Broken::ProjectNameTaken { name, first } => format!("the name {name:?} is already a project's (line {first})"),
        Broken::ProjectColumn { column, columns } if zh => {
            format!("column {column:?} 不是规划中列有工程的专栏：{}", columns.join("、"))
        }
        Broken::ProjectColumn { column, columns } => {
            format!("column {column:?} is not one of the plan's 专栏 with programmes: {}", columns.join(", "))
        }
        Broken::ProjectArea { area } if zh => format!("areas 中的 {area:?} 不是 [[county]]"),
        Broken::ProjectArea { area } => format!("areas names {area:?}, which is not a [[county]]"),
        Broken::ProjectIndicator { id } if zh => format!("indicators 中的 {id:?} 不是 [[indicator]]"),
        Broken::ProjectIndicator { id } => format!("indicators names {id:?}, which is not an [[indicator]]"),
        Broken::ProjectProgramme { programme, column } if zh => {
            format!("programme {programme:?} 不是登记表中{column}的工程")
        }
        Broken::ProjectProgramme { programme, column } => {
            format!("programme {programme:?} is not a programme of {column} in the register")
        }
        Broken::DueOutside { due, from, to } if zh => format!("完成年份 {due} 不在规划期 {from}–{to} 内"),
        Broken::DueOutside { due, from, to } => format!("due year {due} is outside the plan period {from}–{to}"),
        Broken::TaskWithoutSource if zh => "重点任务须有 source（所在章节或专栏）".into(),
        Broken::TaskWithoutSource => "a task needs a source (the chapter and section, or the 专栏)".into(),
        Broken::NoIndicator if zh => "指标目录中没有 [[indicator]]".into(),
        Broken::NoIndicator => "the catalogue has no [[indicator]]".into(),
        Broken::UnknownId { id, hint } if zh => format!("指标目录中没有 id 为 {id:?} 的指标{}", hinted(hint)),
        Broken::UnknownId { id, hint } => format!("no indicator with id {id:?} in the catalogue{}", hinted(hint)),
        Broken::NoTargetNorAreas if zh => "请给出 `target`、各地区目标的 `[….areas]` 表，或两者都给".into(),
        Broken::NoTargetNorAreas => "give a `target`, an `[….areas]` table of area targets, or both".into(),
        Broken::UnknownArea { name, hint } if zh => format!("指标目录中没有名为 {name:?} 的地区{}", hinted(hint)),
        Broken::UnknownArea { name, hint } => format!("no area named {name:?} in the catalogue{}", hinted(hint)),
        Broken::AssignedProvince if zh => "下达的目标须写出目标本身，不能写 `province`".into(),
        Broken::AssignedProvince => "an assigned target must give the target itself, not `province`".into(),
        Broken::AssignedUnknownReference { id } if zh => {
            format!("目标引用了 {id:?}，而指标目录中没有 [[reference]] 定义它")
        }
        Broken::AssignedUnknownReference { id } => {
            format!("the target refers to {id:?}, which no [[reference]] of the catalogue defines")
        }
        Broken::AssignedMisfit { text, id, why } if zh => {
            format!("`{}` 与 {id} 不符：{}", escape(text), misfit(why, lang))
        }
        Broken::AssignedMisfit { text, id, why } => {
            format!("`{}` does not fit {id}: {}", escape(text), misfit(why, lang))
        }
        Broken::AreaTarget { area, why } if zh => format!("{area}：{}", broken(why, lang)),
        Broken::AreaTarget { area, why } => format!("{area}: {}", broken(why, lang)),
    }
}

/// Why a target does not fit its indicator.
pub fn misfit(m: &Misfit, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match m {
        Misfit::RisingOnLower if zh => "越低越好的指标不能用 rising".into(),
        Misfit::RisingOnLower => "rising on an indicator where lower is better".into(),
        Misfit::FallingOnHigher if zh => "越高越好的指标不能用 falling".into(),
        Misfit::FallingOnHigher => "falling on an indicator where higher is better".into(),
        Misfit::EliminatedNotPercent { unit } if zh => format!("eliminated 是以 % 计的比例，而该指标的单位是 {unit}"),
        Misfit::EliminatedNotPercent { unit } => {
            format!("eliminated is a share in %, and this indicator is measured in {unit}")
        }
        Misfit::EliminatedAgainst { target, better } if zh => {
            format!("`{target}` 与指标的方向相反（better = {}）", better.as_str())
        }
        Misfit::EliminatedAgainst { target, better } => {
            format!("`{target}` points the other way from the indicator (better = {})", better.as_str())
        }
        Misfit::DoneNotYesNo if zh => "done 只用于是否型指标（1 完成，0 未完成）".into(),
        Misfit::DoneNotYesNo => "done is for a yes/no indicator (1 done, 0 not)".into(),
        Misfit::YesNoValue if zh => "是否型指标的值为 1（完成）或 0（未完成）".into(),
        Misfit::YesNoValue => "a yes/no indicator is 1 (done) or 0 (not done)".into(),
        Misfit::PercentOnUnit { unit } if zh => format!("该指标以 {unit} 计，不能带 %"),
        Misfit::PercentOnUnit { unit } => format!("a % on an indicator measured in {unit}"),
        Misfit::PointsOnUnit { unit } if zh => {
            format!("百分点（pp）只用于以 % 计的指标，该指标以 {unit} 计；请写相对变化（baseline -10%）")
        }
        Misfit::PointsOnUnit { unit } => format!(
            "percentage points (pp) are for an indicator measured in %, and this one is measured in {unit}; write \
             a relative change (baseline -10%)"
        ),
        Misfit::Outside { value, low, percent } => {
            // Exact: 100.0000001 is never shown as the 100 it is not (issue 19).
            let n = crate::catalog::values::shown(*value);
            match (zh, percent) {
                (true, true) => format!("{n} 超出该指标可取的范围（{low} 至 100）"),
                (true, false) => format!("{n} 超出该指标可取的范围（0 或以上）"),
                (false, true) => format!("{n} is outside what the indicator can measure ({low} to 100)"),
                (false, false) => format!("{n} is outside what the indicator can measure (zero or more)"),
            }
        }
    }
}

/// The forms of the target language, listed after a target that cannot be read.
const TARGET_FORMS: &str = ">= N, <= N, == N, > N, < N, N, about N, province, baseline [±N% | ±Npp], reference ID, \
eliminated [>= N | <= N], rising, falling, stable_improving, done";

/// A target expression that cannot be read.
pub fn target_error(e: &TargetError, lang: Lang) -> String {
    let text = &e.text;
    let reason = target_reason(&e.reason, lang);
    match lang {
        Lang::Zh => {
            // The forms are the language's own words: shown as code.
            let forms: Vec<String> = TARGET_FORMS.split(", ").map(|f| format!("`{f}`")).collect();
            format!("无法读取目标 {text:?}：{reason}；应为以下形式之一：{}", forms.join("、"))
        }
        Lang::En => format!("cannot read target {text:?}: {reason}; expected one of: {TARGET_FORMS}"),
    }
}

fn target_reason(r: &TargetReason, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match r {
        TargetReason::Empty if zh => "目标为空".into(),
        TargetReason::Empty => "it is empty".into(),
        TargetReason::Trailing { rest, word } if zh => format!("{word:?} 之后多了 {rest:?}"),
        TargetReason::Trailing { rest, word } => format!("unexpected {rest:?} after {word:?}"),
        TargetReason::BaselinePercent { rest } if zh => {
            format!("相对基准值的变化是百分数（如 -10%）或百分点（如 +3.3pp），而不是 {rest:?}")
        }
        TargetReason::BaselinePercent { rest } => {
            format!("a change from the baseline is a percentage (-10%) or percentage points (+3.3pp), not {rest:?}")
        }
        TargetReason::BaselineSign { rest } if zh => format!("相对基准值的变化须带正负号，如 -10%，而不是 {rest:?}"),
        TargetReason::BaselineSign { rest } => {
            format!("a change from the baseline needs a sign, like -10%, not {rest:?}")
        }
        TargetReason::BaselineOneSign { rest } if zh => {
            format!("相对基准值的变化只带一个正负号，如 -10%，而不是 {rest:?}")
        }
        TargetReason::BaselineOneSign { rest } => {
            format!("a change from the baseline takes one sign, like -10%, not {rest:?}")
        }
        TargetReason::ReductionTooLarge if zh => "降幅须小于 100%".into(),
        TargetReason::ReductionTooLarge => "a reduction must be smaller than 100%".into(),
        TargetReason::ReferenceId { rest } if zh => {
            format!("reference 后须跟一个 id，如 thirteenth_plan_average，而不是 {rest:?}")
        }
        TargetReason::ReferenceId { rest } => {
            format!("a reference needs an id like thirteenth_plan_average, not {rest:?}")
        }
        TargetReason::Eliminated { rest } if zh => {
            format!("eliminated 后跟消除比例（如 >= 90，越高越好）或剩余比例（如 <= 0，越低越好），而不是 {rest:?}")
        }
        TargetReason::Eliminated { rest } => format!(
            "eliminated takes a share eliminated like >= 90 (higher is better) or a share remaining like <= 0 \
             (lower is better), not {rest:?}"
        ),
        TargetReason::About { n, text } if zh => {
            format!("请写 `about {}`（规划原文 {text:?} 写在 target_text）", num(*n))
        }
        TargetReason::About { n, text } => format!("write `about {}` (and keep {text:?} in target_text)", num(*n)),
        TargetReason::NotANumber { text } if zh => format!("{text:?} 不是数值"),
        TargetReason::NotANumber { text } => format!("{text:?} is not a number"),
    }
}

/// The TOML parser's English message in Chinese: the common ones word for word, the names it quotes
/// kept; any other as a syntax error at its line.
fn toml_zh(message: &str) -> String {
    let quoted = |rest: &str| rest.split('`').nth(1).map(str::to_string);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = quoted(rest).unwrap_or_default();
        let known: Vec<&str> = rest.split('`').skip(3).step_by(2).collect();
        return if known.is_empty() {
            format!("未知字段 `{field}`")
        } else {
            format!("未知字段 `{field}`，应为 `{}` 之一", known.join("`、`"))
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ").or_else(|| message.strip_prefix("missing required key "))
    {
        return format!("缺少必填键 `{}`", quoted(rest).unwrap_or_default());
    }
    if message.starts_with("duplicate key") {
        return "键重复".into();
    }
    if message.starts_with("unknown variant") {
        let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
        return match names.split_first() {
            Some((found, known)) if !known.is_empty() => {
                format!("取值 `{found}` 无效，应为 `{}` 之一", known.join("`、`"))
            }
            _ => "取值无效".into(),
        };
    }
    if message.starts_with("invalid type") {
        return "值的类型不对".into();
    }
    "不是有效的 TOML（语法错误）".into()
}

/// One problem of a catalogue or a targets file as the error of a command says it:
/// `file:line: item: sentence`, every part escaped.
pub fn catalog_issue(p: &Problem, lang: Lang) -> String {
    let mut s = format!("{}:{}: ", escape(&p.file), p.line.unwrap_or(1));
    if let Some(item) = &p.field {
        s.push_str(&format!("{}: ", escape(item)));
    }
    s.push_str(&escape(&expected(&p.expected, lang)));
    s
}

/// A catalogue the loader rejects, as the error of a command.
pub fn catalog_error(e: &CatalogError, lang: Lang) -> String {
    invalid(&e.issues, lang, "指标目录无效", "invalid catalogue")
}

/// A targets file the loader rejects, as the error of a command.
pub fn targets_error(e: &TargetsError, lang: Lang) -> String {
    invalid(&e.issues, lang, "目标文件无效", "invalid targets file")
}

fn invalid(issues: &[Problem], lang: Lang, zh: &str, en: &str) -> String {
    let n = issues.len();
    let mut s = match lang {
        Lang::Zh => format!("{zh}（{n}个问题）"),
        Lang::En => format!("{en} ({n} problem{})", if n == 1 { "" } else { "s" }),
    };
    for issue in issues {
        s.push_str(&format!("\n  {}", catalog_issue(issue, lang)));
    }
    s
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&target_error(self, Lang::En))
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&catalog_error(self, Lang::En))
    }
}

impl fmt::Display for TargetsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&targets_error(self, Lang::En))
    }
}

/// What a rule written against its polarity asks, what polarity says, and the rule it implies.
pub(crate) fn against_polarity(t: &str, cmp: Cmp, value: f64, better: Better, lang: Lang) -> String {
    let n = num(value);
    let fix = match better {
        Better::Lower => format!("<= {n}"),
        Better::Higher => format!(">= {n}"),
    };
    let better = better.as_str();
    match (lang, cmp.direction()) {
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
