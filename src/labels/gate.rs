//! The words of the gate's refusals (issue 19): years outside the plan, a year that disagrees with its
//! file's name, side files, `-o` and the problems kept per run; Chinese beside English.

use super::*;

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
