//! The words of the gate's refusals (issue 19): years outside the plan, a year that disagrees with its
//! file's name, side files, `-o` and the problems kept per run; Chinese beside English.

use super::*;
use crate::problem::{Broken, Figure};

/// What the codes of this subject mean, in a few words.
pub fn gate_title(code: Code, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        Code::YearOutsidePlan => ("年份不在规划期内", "year outside the plan period"),
        Code::YearMismatch => ("年份与文件名不符", "year differs from the file name"),
        _ => ("", ""),
    };
    words(lang, zh, en)
}

/// What a problem of this subject expected, in words; `None` for the other subjects' expectations.
pub fn gate_expected(e: &Expected, lang: Lang) -> Option<String> {
    Some(match (e, lang) {
        (Expected::YearInPlan { base, target }, Lang::Zh) => {
            format!("规划期内的年份（基准年 {base} 至目标年 {target}）；该行不予采用")
        }
        (Expected::YearInPlan { base, target }, Lang::En) => format!(
            "a year of the plan period ({base}, the base year, to {target}, the target year); the row is not used"
        ),
        (Expected::YearOfName { name_year }, Lang::Zh) => {
            format!("文件名所示的年份 {name_year}；请核对年份列或文件名")
        }
        (Expected::YearOfName { name_year }, Lang::En) => {
            format!("the year the file name gives, {name_year}; check the year column or the file name")
        }
        _ => return None,
    })
}

/// The document's areas table, cut to its most areas (`report::MATRIX_AREAS`).
pub fn matrix_cut(shown: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "下表列出约束性指标需关注最多的 {shown} 个地区（共 {of} 个，按指标目录顺序排列）；全部地区的情况见 plan-check rank 或 eval 的输出。"
        ),
        Lang::En => format!(
            "The table lists the {shown} areas (of {of}) with the most binding indicators off track, in catalogue order; plan-check rank and eval list every area."
        ),
    }
}

/// The reporting areas of the catalogue that sent no rows for the year evaluated.
pub fn areas_without_rows(areas: &[String], year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("以下 {} 个地区未报送 {year} 年数据，未纳入下表：{}。", areas.len(), areas.join("、")),
        Lang::En => {
            format!("{} area(s) sent no rows for {year} and are not in the table: {}.", areas.len(), areas.join(", "))
        }
    }
}

/// The words of the rules of a catalogue or targets file that issue 19 added.
pub fn gate_broken(b: &Broken, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match b {
        Broken::AreaTwice { area, first, second } if zh => {
            format!("{area}：目标给了两次（写作 \"{first}\" 和 \"{second}\"）；一个地区只给一个目标")
        }
        Broken::AreaTwice { area, first, second } => {
            format!("{area}: given twice, as \"{first}\" and as \"{second}\"; give one area one target")
        }
        Broken::ResolvesOutside { target, baseline, value, range } if zh => format!(
            "`{target}` 以基准值 {} 计算为 {}，超出指标可取的范围（{range}）",
            crate::catalog::values::shown(*baseline),
            crate::catalog::values::shown(*value)
        ),
        Broken::ResolvesOutside { target, baseline, value, range } => format!(
            "`{target}` of the baseline {} resolves to {}, outside what the indicator can measure ({range})",
            crate::catalog::values::shown(*baseline),
            crate::catalog::values::shown(*value)
        ),
        Broken::MoreNotShown { more } if zh => format!("……另有 {more} 个问题未列出；请先修正以上问题"),
        Broken::MoreNotShown { more } => format!("… and {more} more problem(s) not shown; fix these first"),
        Broken::NameNeverMatches { name, padded, invisible } => {
            let name = crate::problem::escape(name);
            match (zh, name.is_empty() || name.trim().is_empty(), padded, invisible) {
                (true, true, ..) => "名称为空，任何单元格都无法匹配".into(),
                (false, true, ..) => "an empty name, which no cell can match".into(),
                (true, _, true, _) => {
                    format!("\"{name}\" 首尾有空格，而单元格会去掉首尾空格，永远无法匹配；请写作 \"{}\"", name.trim())
                }
                (false, _, true, _) => format!(
                    "\"{name}\" has spaces around it, and cells are trimmed, so it never matches; write \"{}\"",
                    name.trim()
                ),
                (true, _, _, Some(c)) => format!("\"{name}\" 含不可见字符 U+{c:04X}，无人会输入；请删除"),
                (false, _, _, Some(c)) => {
                    format!("\"{name}\" holds the invisible character U+{c:04X}, which no one types; remove it")
                }
                _ => String::new(),
            }
        }
        Broken::NameLooksAlike { name, other, owner } if zh => {
            format!("名称或别名 {name:?} 与 {owner} 的 {other:?} 看起来相同；为其中一个填写的单元格会匹配到另一个")
        }
        Broken::NameLooksAlike { name, other, owner } => format!(
            "the name or alias {name:?} looks the same as {other:?} of {owner}; a cell meant for one would match the other"
        ),
        Broken::NotAFigure { value } if zh => {
            format!("基准值 {} 不是有效数值（须为有限数，绝对值不超过 1e15）", crate::catalog::values::shown(*value))
        }
        Broken::NotAFigure { value } => format!(
            "the baseline {} is not a figure (a finite number of at most 1e15 in size)",
            crate::catalog::values::shown(*value)
        ),
        Broken::FigureNotAFigure { of, value } => {
            let shown = crate::catalog::values::shown(*value);
            match (of, zh) {
                (Figure::Target, true) => format!("目标值 {shown} 不是有效数值（须为有限数，绝对值不超过 1e15）"),
                (Figure::Reference, true) => format!("参照值 {shown} 不是有效数值（须为有限数，绝对值不超过 1e15）"),
                (Figure::Target, false) => {
                    format!("the target's figure {shown} is not a figure (a finite number of at most 1e15 in size)")
                }
                (Figure::Reference, false) => {
                    format!("the reference value {shown} is not a figure (a finite number of at most 1e15 in size)")
                }
            }
        }
        _ => String::new(),
    }
}
