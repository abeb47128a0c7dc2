//! The words of the CI checks: the submission codes (`foreign-area`, `ratio-without-parts`), the
//! annotations in either language, the job summary, and `plan-check diff`.

use super::*;
use crate::catalog::Catalog;
use crate::compare::{Change, Judged};
use crate::problem::{Problem, escape};

/// The titles of the codes the CI checks add; `None` for the others.
pub(crate) fn ci_title(code: Code, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match code {
        Code::ForeignArea => ("非本地区的数据", "another area's rows"),
        Code::RatioWithoutParts => ("比率缺分子分母", "ratio without its parts"),
        _ => return None,
    };
    Some(words(lang, zh, en))
}

/// What the CI checks' problems expected, in words; `None` for the other expectations.
pub(crate) fn expected_ci(e: &Expected, lang: Lang) -> Option<String> {
    use Expected as E;
    let text = match (e, lang) {
        (E::NumberWithoutUnit { unit }, Lang::Zh) => format!("数值，不带单位：请去掉 {unit}"),
        (E::NumberWithoutUnit { unit }, Lang::En) => format!("a number without its unit: remove {unit}"),
        (E::RowsOfArea { area }, Lang::Zh) => {
            format!("只填{area}的行：文件名表明这是{area}的文件（--area-from-filename）")
        }
        (E::RowsOfArea { area }, Lang::En) => {
            format!("rows of {area} only: the file's name says it is {area}'s file (--area-from-filename)")
        }
        (E::AreaInFileName { named }, Lang::Zh) if named.is_empty() => {
            "文件名含一个地区的名称或别名，如 晋江市-2024.csv（--area-from-filename）".to_string()
        }
        (E::AreaInFileName { named }, Lang::En) if named.is_empty() => {
            "a file name with one area's name or alias, such as 晋江市-2024.csv (--area-from-filename)".to_string()
        }
        (E::AreaInFileName { named }, Lang::Zh) => {
            format!("文件名只含一个地区；此文件名含 {}（--area-from-filename）", list(named, lang))
        }
        (E::AreaInFileName { named }, Lang::En) => {
            format!("a file name with one area; this one names {} (--area-from-filename)", list(named, lang))
        }
        (E::AreaValue { area, id, name, year }, Lang::Zh) => {
            format!("{year} 年{area}的 {id}（{name}）数值（--complete）")
        }
        (E::AreaValue { area, id, name, year }, Lang::En) => {
            format!("a value for {id} ({name}) on {area}'s row in {year} (--complete)")
        }
        (E::RatioParts { id, city_row }, Lang::Zh) => format!(
            "数值旁填写分子和分母：{id} 是比率类指标，“{city_row}”的值按 Σ分子 / Σ分母 汇总，缺少本地区的分子、分母则无法汇总"
        ),
        (E::RatioParts { id, city_row }, Lang::En) => format!(
            "a numerator and a denominator beside the value: {id} is a ratio, and the {city_row} value, Σ numerator / \
             Σ denominator, cannot be aggregated without this area's parts"
        ),
        _ => return None,
    };
    Some(text)
}

/// A problem's message for an annotation, in the language: field, what was found, what was expected
/// and a suggestion. English is [`Problem::message`], the stable text.
pub fn annotation(p: &Problem, lang: Lang) -> String {
    if lang == Lang::En {
        return p.message();
    }
    let mut s = String::new();
    if let Some(field) = p.shown_field() {
        s.push_str(&format!("{}：", escape(field)));
    }
    if let Some(found) = found_text(p, lang) {
        s.push_str(&format!("发现“{}”；", escape(&found)));
    }
    let expected = escape(&expected(&p.expected, lang)).into_owned();
    match &p.suggestion {
        Some(hint) => s.push_str(&format!("应为：{}", did_you_mean(&expected, &escape(hint), lang))),
        None => s.push_str(&format!("应为：{expected}")),
    }
    s
}

/// The notice after annotations that `--max-errors` cut short.
pub fn annotations_not_shown(not_shown: usize, shown: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("另有{not_shown}个问题未显示（--max-errors {shown}）"),
        Lang::En => format!("{not_shown} more problem(s) not shown (--max-errors {shown})"),
    }
}

/// A fixed word of the job summary and of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiWord {
    RowsRead,
    Accepted,
    Rejected,
    Shape,
    Encoding,
    Count,
    FilesTitle,
    ProblemsTitle,
    NoProblems,
    Before,
    After,
    ValueBefore,
    ValueAfter,
    CausedBy,
    VerdictChanges,
    ValueChanges,
    VerdictSheet,
    ValueSheet,
    NothingChanged,
    Absent,
    City,
}

pub fn ci_word(w: CiWord, lang: Lang) -> &'static str {
    let (zh, en) = match w {
        CiWord::RowsRead => ("读取行数", "rows read"),
        CiWord::Accepted => ("接受", "accepted"),
        CiWord::Rejected => ("拒绝", "rejected"),
        CiWord::Shape => ("格式", "shape"),
        CiWord::Encoding => ("编码", "encoding"),
        CiWord::Count => ("个数", "count"),
        CiWord::FilesTitle => ("检查的文件", "Files checked"),
        CiWord::ProblemsTitle => ("问题（按代码）", "Problems by code"),
        CiWord::NoProblems => ("没有问题。", "No problems."),
        CiWord::Before => ("原判定", "before"),
        CiWord::After => ("新判定", "after"),
        CiWord::ValueBefore => ("原值", "value before"),
        CiWord::ValueAfter => ("新值", "value after"),
        CiWord::CausedBy => ("引起变化的行", "rows that changed"),
        CiWord::VerdictChanges => ("判定变化", "Verdict changes"),
        CiWord::ValueChanges => ("数值变化（判定未变）", "Value changes that left the verdict alone"),
        CiWord::VerdictSheet => ("判定变化", "verdicts"),
        CiWord::ValueSheet => ("数值变化", "values"),
        CiWord::NothingChanged => ("没有判定或数值变化。", "No verdict or value changed."),
        CiWord::Absent => ("无", "none"),
        CiWord::City => ("（城市层面）", " (city level)"),
    };
    words(lang, zh, en)
}

/// The title of the job summary of `validate`.
pub fn job_summary_title(errors: usize, warnings: usize, lang: Lang) -> String {
    format!("plan-check validate — {}", validate_verdict(errors, warnings, lang))
}

/// The heading of `diff`: which files against which, the year.
pub fn diff_heading(before: &[String], after: &[String], year: i32, lang: Lang) -> String {
    let (b, a) = (file_list(before, lang), file_list(after, lang));
    match lang {
        Lang::Zh => format!("plan-check diff：{b} → {a}（{year}年）"),
        Lang::En => format!("plan-check diff: {b} → {a} ({year})"),
    }
}

/// A side's files or folders: all of them up to three, else the first and last and how many.
fn file_list(files: &[String], lang: Lang) -> String {
    match files {
        [first, .., last] if files.len() > 3 => match lang {
            Lang::Zh => format!("{first} … {last}（共{}个）", files.len()),
            Lang::En => format!("{first} … {last} ({} in all)", files.len()),
        },
        _ => files.join(", "),
    }
}

/// How many verdicts and values moved.
pub fn diff_counts(verdicts: usize, values: usize, rows: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{verdicts}项判定变化，{values}项数值变化（判定未变），{rows}行数据不同"),
        Lang::En => format!(
            "{verdicts} verdict(s) changed, {values} value(s) changed without the verdict, {rows} row(s) differ"
        ),
    }
}

/// The line on standard error when `--fail-on binding-change` fails.
pub fn binding_changed(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("约束性指标的城市层面判定有{n}项变化（--fail-on binding-change）"),
        Lang::En => format!("{n} binding indicator(s) changed their city-level verdict (--fail-on binding-change)"),
    }
}

/// A side of a change: its status label, or "none" where the side has no verdict.
pub fn judged_label(catalog: &Catalog, j: Option<Judged>, lang: Lang) -> std::borrow::Cow<'static, str> {
    j.map_or(ci_word(CiWord::Absent, lang).into(), |j| status_word(catalog, j.status, lang))
}

/// A side's value, two decimals at most, a dash for none.
pub fn judged_value(j: Option<Judged>) -> String {
    j.and_then(|j| j.value).map_or_else(|| "—".to_string(), |v| num((v * 100.0).round() / 100.0))
}

/// `12 森林覆盖率（%） 全市：提前实现 → 滞后（58.9 → 57.1）`: one verdict change as an annotation says it.
pub fn change_sentence(catalog: &Catalog, c: &Change, name: &str, lang: Lang) -> String {
    let (b, a) = (judged_label(catalog, c.before, lang), judged_label(catalog, c.after, lang));
    let (vb, va) = (judged_value(c.before), judged_value(c.after));
    match lang {
        Lang::Zh => format!("{name} {}：{b} → {a}（{vb} → {va}）", c.area),
        Lang::En => format!("{name}, {}: {b} → {a} ({vb} → {va})", c.area),
    }
}

/// One side of `diff` has problems: its rows with errors are left out of the comparison.
pub fn diff_side_problems(files: &str, errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("{files}：{errors}个错误，{warnings}个警告；有错误的行不参与对比（用 plan-check validate 查看）")
        }
        Lang::En => format!(
            "{files}: {errors} error(s), {warnings} warning(s); rows with errors are left out of the comparison \
             (plan-check validate lists them)"
        ),
    }
}

/// The headers of a template's ratio parts, as `load` reads them.
pub fn part_headers(lang: Lang) -> [&'static str; 2] {
    [words(lang, "分子", "numerator"), words(lang, "分母", "denominator")]
}

/// A ratio indicator's template note, `note`, with what it adds: fill in the parts too, and why.
pub fn with_ratio_parts(note: &str, city_row: &str, lang: Lang) -> String {
    format!("{note}{}{}", words(lang, "｜", " | "), ratio_parts_note(city_row, lang))
}

/// What a ratio indicator's note adds: fill in the parts too, and why.
fn ratio_parts_note(city_row: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "比率类指标：另填分子、分母（数值 = 分子 ÷ 分母 × 100），“{city_row}”的值按 Σ分子 / Σ分母 汇总，缺分子、分母则无法汇总"
        ),
        Lang::En => format!(
            "a ratio: fill in the numerator and denominator too (value = numerator ÷ denominator × 100); the \
             {city_row} value is Σ numerator / Σ denominator and cannot be aggregated without them"
        ),
    }
}

/// What a problem found, in the language: a phrase plan-check wrote itself (`no row`, `3 cells`, an
/// unreadable file's kind) is put into Chinese; text taken from the file stays as it is. Only codes
/// whose `found` plan-check writes are looked at, so a cell that reads "no data" is never translated.
pub fn found_text(p: &Problem, lang: Lang) -> Option<String> {
    let found = p.found.as_deref()?;
    if lang == Lang::En {
        return Some(found.to_string());
    }
    let fixed = match (p.code, found) {
        (Code::MissingIndicator, "no row") => Some("无此行"),
        (Code::MissingIndicator, "no data") => Some("无数据"),
        (Code::UnreadableFile, "no such file") => Some("文件不存在"),
        (Code::UnreadableFile, "a folder") => Some("文件夹"),
        (Code::UnreadableFile, "a folder with none") => Some("不含数据文件的文件夹"),
        (Code::UnreadableFile, "no visible worksheet") => Some("没有可见的工作表"),
        (Code::UnreadableFile, "a workbook the reader cannot parse") => Some("无法解析的工作簿"),
        (Code::UnreadableFile, "an Excel 97-2003 workbook (.xls), which is not read") => {
            Some("Excel 97-2003 工作簿（.xls），不读取")
        }
        _ => None,
    };
    if let Some(text) = fixed {
        return Some(text.to_string());
    }
    let cells = found.strip_suffix(" cells").filter(|n| n.parse::<usize>().is_ok());
    if let (Code::RaggedRow, Some(n)) = (p.code, cells) {
        return Some(format!("{n} 个单元格"));
    }
    let years = found.strip_prefix("a name with the years ").filter(|_| p.line.is_none());
    if let (Code::MissingYear, Some(years)) = (p.code, years) {
        return Some(format!("文件名含年份 {}", years.replace(" and ", " 和 ")));
    }
    Some(found.to_string())
}
