//! How names and targets are written around the plan's own words: a task with its unit, a target with
//! the rule it resolves to, an indicator's name made short. The brackets are the plan's full-width ones
//! in both languages, since what they hold is the plan's Chinese.

use crate::catalog::Indicator;
use crate::target::Target;

/// A task's name with its unit, as the tasks tables show it: `新建污水管网（公里）`; no unit for a
/// yes/no task.
pub fn task_name(ind: &Indicator) -> String {
    if ind.unit.is_empty() || ind.target == Target::Done {
        ind.display_name()
    } else {
        format!("{}（{}）", ind.display_name(), ind.unit)
    }
}

/// The plan's words for a target followed by the rule they resolve to: `40（≤40）`.
pub fn with_rule(text: &str, rule: impl std::fmt::Display) -> String {
    format!("{text}（{rule}）")
}

/// A name short enough for one line: the part of a shared row, else the name without its unit in
/// brackets (`空气质量优良天数比例（%）` → `空气质量优良天数比例`).
pub fn short_name(ind: &Indicator) -> String {
    if let Some(part) = &ind.part {
        return part.clone();
    }
    let name = ind.name.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if name.ends_with(close)
            && let Some(at) = name.rfind(open)
            && at > 0
        {
            return name[..at].trim().to_string();
        }
    }
    name.to_string()
}
