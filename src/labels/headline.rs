//! The honest headline (issue 21): binding indicators that could not be judged, counted and named with
//! why; sentences about shortfalls scoped to what could be judged; targets or data that are samples.

use super::{Lang, Unjudged, unjudged_phrase};
use crate::evaluate::Stage;

/// "11项因省下达目标未提供暂无法评估：A、B；1项缺少数据：C" — each group of unjudged indicators with its
/// reason and names.
pub fn unjudged_list(groups: &[(Unjudged, Vec<String>)], lang: Lang) -> String {
    let (colon, list, parts) = match lang {
        Lang::Zh => ("：", "、", "；"),
        Lang::En => (": ", ", ", "; "),
    };
    let items: Vec<String> = groups
        .iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(u, names)| format!("{}{colon}{}", unjudged_phrase(*u, names.len(), lang), names.join(list)))
        .collect();
    items.join(parts)
}

/// What the stage calls off track: 滞后、倒退或未达标 at mid-term, 未达标 at the final evaluation (the only
/// status off track there). Every sentence that lists off-track statuses takes them from here.
pub fn off_track_words(stage: Stage, lang: Lang) -> &'static str {
    match (stage, lang) {
        (Stage::Midterm, Lang::Zh) => "滞后、倒退或未达标",
        (Stage::Final, Lang::Zh) => "未达标",
        (Stage::Midterm, Lang::En) => "lagging, regressing or failing",
        (Stage::Final, Lang::En) => "failing",
    }
}

/// The list of indicators off track, when it is empty: what the stage calls off track, none of it.
pub fn none_off_track(stage: Stage, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("可评估的指标中没有{}的指标。", off_track_words(stage, lang)),
        Lang::En => format!("No indicator that could be judged is {}.", off_track_words(stage, lang)),
    }
}

/// The report's sentence on the binding indicators, scoped to those that could be judged:
/// "在可评估的4项约束性指标中，没有滞后、倒退或未达标的指标；另有11项因省下达目标未提供暂无法评估：…。"
pub fn binding_sentence(
    judged: usize,
    off: &[String],
    unjudged: &str,
    unjudged_count: usize,
    stage: Stage,
    part: &str,
    lang: Lang,
) -> String {
    let words = off_track_words(stage, lang);
    let head = match (lang, off.is_empty(), unjudged_count > 0) {
        (Lang::Zh, _, true) if judged == 0 => String::new(),
        (Lang::Zh, true, false) => format!("{judged}项约束性指标中没有{words}的指标"),
        (Lang::Zh, true, true) => format!("在可评估的{judged}项约束性指标中，没有{words}的指标"),
        (Lang::Zh, false, _) => {
            format!("约束性指标中有{}项需重点关注：{}（详见{part}）", off.len(), off.join("、"))
        }
        (Lang::En, _, true) if judged == 0 => String::new(),
        (Lang::En, true, false) => format!("None of the {judged} binding indicators is {words}"),
        (Lang::En, true, true) => format!("Of the {judged} binding indicators that could be judged, none is {words}"),
        (Lang::En, false, _) => {
            format!("{} binding indicators are off track: {} (see {part})", off.len(), off.join(", "))
        }
    };
    let tail = match lang {
        Lang::Zh if unjudged_count == 0 => String::new(),
        Lang::Zh if head.is_empty() => format!("{unjudged_count}项约束性指标均暂无法评估：{unjudged}"),
        Lang::Zh => format!("；另有{unjudged}"),
        Lang::En if unjudged_count == 0 => String::new(),
        Lang::En if head.is_empty() => {
            format!("None of the {unjudged_count} binding indicators could be judged: {unjudged}")
        }
        Lang::En => format!("; of the others, {unjudged}"),
    };
    let stop = if lang == Lang::Zh { "。" } else { "." };
    format!("{head}{tail}{stop}")
}

/// The verdict line's part on the binding indicators that could not be judged:
/// "另有5项因省下达目标未提供暂无法评估：…", or with several reasons "另有11项约束性指标暂无法评估，其中…".
pub fn verdict_unjudged(n: usize, groups: usize, list: &str, lang: Lang) -> String {
    match (lang, groups > 1) {
        (Lang::Zh, false) => format!("另有{list}"),
        (Lang::Zh, true) => format!("另有{n}项约束性指标暂无法评估，其中{list}"),
        (Lang::En, false) => format!("of the binding indicators, {list}"),
        (Lang::En, true) => format!("{n} binding indicator(s) not judged: {list}"),
    }
}

/// The verdict line when nothing judged is off track but something was left unjudged or is a sample.
pub fn verdict_none_off_track(judged: usize, binding: bool, stage: Stage, lang: Lang) -> String {
    let words = off_track_words(stage, lang);
    match (lang, binding) {
        (Lang::Zh, true) => format!("可评估的{judged}项约束性指标中没有{words}的指标"),
        (Lang::Zh, false) => format!("可评估的{judged}项指标中没有{words}的指标"),
        (Lang::En, true) => format!("none of the {judged} binding indicator(s) that could be judged is {words}"),
        (Lang::En, false) => format!("none of the {judged} indicator(s) that could be judged is {words}"),
    }
}

/// Where the figures are a sample: the targets file, the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sample {
    pub targets: bool,
    pub data: bool,
}

/// Says which inputs are samples: "省下达目标文件为示例（虚构）目标，并非正式下达的目标".
pub fn sample_warning(sample: Sample, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if sample.targets {
        parts.push(match lang {
            Lang::Zh => "省下达目标文件为示例（虚构）目标，并非正式下达的目标",
            Lang::En => {
                "the targets file is a sample (its sources say 示例/虚构), not the targets the province assigned"
            }
        });
    }
    if sample.data {
        parts.push(match lang {
            Lang::Zh => "数据为示例数据，并非官方统计",
            Lang::En => "the data are illustrative, not official figures",
        });
    }
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    (!parts.is_empty()).then(|| parts.join(sep))
}

/// [`sample_warning`] as a sentence of the document's first-page notice.
pub fn sample_notice(sample: Sample, lang: Lang) -> Option<String> {
    let stop = if lang == Lang::Zh { "。" } else { "." };
    sample_warning(sample, lang).map(|w| format!("{w}{stop}"))
}

/// The verdict line's parts joined.
pub fn verdict_parts(parts: &[String], lang: Lang) -> String {
    parts.join(if lang == Lang::Zh { "；" } else { "; " })
}

/// Whether a target's source or a data note says it is a sample or invented (示例, 虚构, illustrative).
pub fn marks_sample(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["示例", "虚构", "模拟数据", "illustrative", "invented"].iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sentence_is_scoped_to_what_was_judged() {
        let list = unjudged_list(&[(Unjudged::ProvinceTarget, vec!["A".into(), "B".into()])], Lang::Zh);
        assert_eq!(list, "2项因省下达目标未提供暂无法评估：A、B");
        let s = binding_sentence(4, &[], &list, 2, Stage::Midterm, "第五部分", Lang::Zh);
        assert_eq!(
            s,
            "在可评估的4项约束性指标中，没有滞后、倒退或未达标的指标；另有2项因省下达目标未提供暂无法评估：A、B。"
        );
        let s = binding_sentence(4, &[], "", 0, Stage::Final, "第五部分", Lang::Zh);
        assert_eq!(s, "4项约束性指标中没有未达标的指标。");
        let s = binding_sentence(0, &[], &list, 2, Stage::Final, "第五部分", Lang::Zh);
        assert_eq!(s, "2项约束性指标均暂无法评估：2项因省下达目标未提供暂无法评估：A、B。");
    }

    #[test]
    fn samples_are_recognised() {
        assert!(marks_sample("示例：省下达“十四五”空气质量目标（虚构）"));
        assert!(marks_sample("Illustrative figures"));
        assert!(!marks_sample("闽政〔2021〕12号"));
    }
}
