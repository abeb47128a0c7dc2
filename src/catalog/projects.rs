//! The plan's third list: the register of 重大工程, every programme (工程) of 专栏二–九 and every project
//! the plan names inside one, as `[[project]]` entries of the catalogue. A programme's `programme` is
//! its own name; a project's is the name of the programme it belongs to. Checked as the catalogue is
//! read: unique ids and names, a 专栏 of the plan's, a programme that is in the register, areas of the
//! catalogue, indicators of the catalogue, a due year within the plan period.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{County, Indicator, LineIndex, Plan, is_ascii_id};
use crate::problem::Broken;

/// The 专栏 whose programmes the register holds, in the plan's order.
pub const COLUMNS: [&str; 8] = ["专栏二", "专栏三", "专栏四", "专栏五", "专栏六", "专栏七", "专栏八", "专栏九"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProject {
    id: String,
    name: String,
    column: String,
    programme: String,
    quote: String,
    #[serde(default)]
    areas: Vec<String>,
    #[serde(default)]
    due: Option<i32>,
    #[serde(default)]
    indicators: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

/// One entry of the register: a programme of a 专栏, or a project the plan names inside one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    /// As the plan names it.
    pub name: String,
    /// The 专栏 it is in (专栏二 … 专栏九).
    pub column: String,
    /// The programme (工程) it belongs to; a programme's is its own name.
    pub programme: String,
    /// The plan's words, verbatim.
    pub quote: String,
    /// The areas responsible, where the plan names them.
    pub areas: Vec<String>,
    /// The year the plan gives it; `None`: the plan's end.
    pub due: Option<i32>,
    /// The indicators it restates (a task of the body, a row of 表2).
    pub indicators: Vec<String>,
    pub note: Option<String>,
    /// The line of the catalogue where it starts.
    pub line: usize,
}

impl Project {
    /// A programme (工程) of a 专栏, not a project inside one.
    pub fn is_programme(&self) -> bool {
        self.name == self.programme
    }

    /// The year it is due: the plan's, else the plan's target year.
    pub fn due_year(&self, plan: &Plan) -> i32 {
        self.due.unwrap_or(plan.target_year)
    }
}

/// Where a project stands, as a status file reports it. JSON gives [`ProjectStatus::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// 未开工
    NotStarted,
    /// 前期工作
    Preparing,
    /// 在建
    UnderConstruction,
    /// 已完工
    Completed,
    /// 已取消
    Cancelled,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 5] = [
        ProjectStatus::NotStarted,
        ProjectStatus::Preparing,
        ProjectStatus::UnderConstruction,
        ProjectStatus::Completed,
        ProjectStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::NotStarted => "not_started",
            ProjectStatus::Preparing => "preparing",
            ProjectStatus::UnderConstruction => "under_construction",
            ProjectStatus::Completed => "completed",
            ProjectStatus::Cancelled => "cancelled",
        }
    }

    /// Started (开工): under construction or completed.
    pub fn is_started(self) -> bool {
        matches!(self, ProjectStatus::UnderConstruction | ProjectStatus::Completed)
    }
}

/// Reads and checks the register; every problem goes to `issue(line, id, rule broken)`.
pub(super) fn build(
    raw: Vec<Spanned<RawProject>>,
    lines: &LineIndex,
    plan: &Plan,
    counties: &[County],
    indicators: &[Indicator],
    issue: &mut dyn FnMut(usize, &str, Broken),
) -> Vec<Project> {
    let areas: HashSet<&str> = counties.iter().map(|c| c.name.as_str()).collect();
    let indicator_ids: HashSet<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut projects = Vec::new();
    for spanned in raw {
        let line = lines.line(spanned.span().start);
        let r = spanned.into_inner();
        let mut here = |broken: Broken| issue(line, &r.id, broken);
        if !is_ascii_id(&r.id) {
            here(Broken::IdNotAscii { id: r.id.clone() });
        }
        if let Some(first) = ids.insert(r.id.clone(), line) {
            here(Broken::DuplicateId { id: r.id.clone(), first });
        }
        for (key, value) in [("name", &r.name), ("programme", &r.programme), ("quote", &r.quote)] {
            if value.trim().is_empty() {
                here(Broken::ProjectKeyEmpty { key });
            }
        }
        if let Some(first) = names.insert(r.name.trim().to_string(), line) {
            here(Broken::ProjectNameTaken { name: r.name.clone(), first });
        }
        if !COLUMNS.contains(&r.column.as_str()) {
            here(Broken::ProjectColumn { column: r.column.clone(), columns: COLUMNS.to_vec() });
        }
        for area in &r.areas {
            if !areas.contains(area.as_str()) {
                here(Broken::ProjectArea { area: area.clone() });
            }
        }
        for id in &r.indicators {
            if !indicator_ids.contains(id.as_str()) {
                here(Broken::ProjectIndicator { id: id.clone() });
            }
        }
        if let Some(due) = r.due
            && !(plan.base_year < due && due <= plan.target_year)
        {
            here(Broken::DueOutside { due, from: plan.base_year + 1, to: plan.target_year });
        }
        projects.push(Project {
            id: r.id,
            name: r.name.trim().to_string(),
            column: r.column,
            programme: r.programme.trim().to_string(),
            quote: r.quote,
            areas: r.areas,
            due: r.due,
            indicators: r.indicators,
            note: r.note,
            line,
        });
    }
    let programmes: HashSet<(&str, &str)> =
        projects.iter().filter(|p| p.is_programme()).map(|p| (p.column.as_str(), p.name.as_str())).collect();
    for p in projects.iter().filter(|p| !p.is_programme()) {
        if !programmes.contains(&(p.column.as_str(), p.programme.as_str())) {
            issue(p.line, &p.id, Broken::ProjectProgramme { programme: p.programme.clone(), column: p.column.clone() });
        }
    }
    projects
}

#[cfg(test)]
mod tests {
    use crate::catalog::Catalog;

    #[test]
    fn every_project_names_a_programme_of_its_column() {
        let c = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(!c.projects.is_empty());
        for p in c.projects.iter().filter(|p| !p.is_programme()) {
            assert!(c.projects.iter().any(|q| q.is_programme() && q.name == p.programme && q.column == p.column));
        }
    }
}
