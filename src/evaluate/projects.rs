//! The register of 重大工程 judged for one year (pure): each entry's status as the status files last
//! report it up to that year, counts per status by 专栏 and in total, the start and completion rates,
//! investment done and planned, and the entries due by that year but not completed (overdue).

use std::collections::HashMap;

use serde::Serialize;

use crate::catalog::{Catalog, PROJECT_COLUMNS, Project, ProjectStatus};
use crate::load::ProjectReport;

/// One register entry as of the evaluation year.
#[derive(Debug, Clone)]
pub struct RegisterItem<'c> {
    pub project: &'c Project,
    /// The last status reported up to the evaluation year; `None`: no file gave a row for it.
    pub report: Option<&'c ProjectReport>,
    /// The year it is due (the plan's end unless the plan gives one).
    pub due: i32,
    /// Due by the evaluation year and neither completed nor cancelled.
    pub overdue: bool,
}

impl RegisterItem<'_> {
    pub fn status(&self) -> Option<ProjectStatus> {
        self.report.map(|r| r.status)
    }
}

/// Counts of a set of register entries. `not_started` … `cancelled` and `unreported` add up to `total`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub not_started: usize,
    pub preparing: usize,
    pub under_construction: usize,
    pub completed: usize,
    pub cancelled: usize,
    /// Entries no file gave a row for (counted as not started in the rates).
    pub unreported: usize,
    pub overdue: usize,
    /// Under construction or completed, in % of the entries not cancelled (two decimals); null when
    /// every entry is cancelled.
    pub start_rate: Option<f64>,
    /// Completed, in % of the entries not cancelled (two decimals).
    pub completion_rate: Option<f64>,
    /// Investment done (万元), summed over the entries that give it; null when none does.
    pub invested: Option<f64>,
    /// Investment planned (万元), summed over the entries that give it.
    pub planned_investment: Option<f64>,
}

impl Counts {
    fn of<'a, 'c: 'a>(items: impl Iterator<Item = &'a RegisterItem<'c>>) -> Counts {
        let mut c = Counts::default();
        for item in items {
            c.total += 1;
            match item.status() {
                None => c.unreported += 1,
                Some(ProjectStatus::NotStarted) => c.not_started += 1,
                Some(ProjectStatus::Preparing) => c.preparing += 1,
                Some(ProjectStatus::UnderConstruction) => c.under_construction += 1,
                Some(ProjectStatus::Completed) => c.completed += 1,
                Some(ProjectStatus::Cancelled) => c.cancelled += 1,
            }
            c.overdue += usize::from(item.overdue);
            let add = |sum: &mut Option<f64>, v: Option<f64>| {
                if let Some(v) = v {
                    *sum = Some(sum.unwrap_or(0.0) + v);
                }
            };
            add(&mut c.invested, item.report.and_then(|r| r.invested));
            add(&mut c.planned_investment, item.report.and_then(|r| r.planned_investment));
        }
        let live = c.total - c.cancelled;
        let rate = |n: usize| (live > 0).then(|| (n as f64 / live as f64 * 10_000.0).round() / 100.0);
        c.start_rate = rate(c.under_construction + c.completed);
        c.completion_rate = rate(c.completed);
        c
    }
}

/// The counts of one 专栏.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnCounts {
    pub column: &'static str,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The register as of one year.
#[derive(Debug, Clone)]
pub struct Register<'c> {
    pub year: i32,
    /// Every entry, in the register's order.
    pub items: Vec<RegisterItem<'c>>,
    pub summary: Counts,
    /// One per 专栏 of the plan that the register has entries of, in the plan's order.
    pub by_column: Vec<ColumnCounts>,
}

impl Register<'_> {
    pub fn overdue(&self) -> impl Iterator<Item = &RegisterItem<'_>> {
        self.items.iter().filter(|i| i.overdue)
    }
}

/// Judges every entry of the register as of `year` from the status rows read (rows of later years
/// are not looked at).
pub fn register<'c>(catalog: &'c Catalog, reports: &'c [ProjectReport], year: i32) -> Register<'c> {
    // The latest row up to `year` of each entry, in one pass over the rows.
    let mut latest: HashMap<&str, &ProjectReport> = HashMap::new();
    for r in reports.iter().filter(|r| r.year <= year) {
        let best = latest.entry(r.project.as_str()).or_insert(r);
        if r.year > best.year {
            *best = r;
        }
    }
    let items: Vec<RegisterItem> = catalog
        .projects
        .iter()
        .map(|project| {
            let report = latest.get(project.id.as_str()).copied();
            let due = project.due_year(&catalog.plan);
            let done = report.is_some_and(|r| matches!(r.status, ProjectStatus::Completed | ProjectStatus::Cancelled));
            RegisterItem { project, report, due, overdue: due <= year && !done }
        })
        .collect();
    let summary = Counts::of(items.iter());
    let by_column = PROJECT_COLUMNS
        .iter()
        .filter(|col| items.iter().any(|i| i.project.column == **col))
        .map(|col| ColumnCounts { column: col, counts: Counts::of(items.iter().filter(|i| i.project.column == *col)) })
        .collect();
    Register { year, items, summary, by_column }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{LoadOptions, load_bytes};

    fn reports(catalog: &Catalog, csv: &str) -> Vec<ProjectReport> {
        let data = load_bytes("status-2023.csv", csv.as_bytes().to_vec(), catalog, &LoadOptions::default());
        assert!(data.problems.is_empty(), "{:?}", data.problems);
        data.projects
    }

    #[test]
    fn counts_and_rates_follow_from_the_statuses() {
        let catalog = Catalog::embedded().unwrap();
        let csv = "project,status,progress,invested,planned_investment\n\
                   quanzhou_botanical_garden,已完工,100,500,600\n\
                   guanyinshan_park,在建,40,100,\n\
                   jinjiang_southwest_deep_sea_discharge,在建,80,,\n\
                   nanan_coastal_deep_sea_discharge,已取消,,,\n\
                   eco_belt,前期工作,,,\n\
                   urban_renewal,未开工,,,\n";
        let reports = reports(&catalog, csv);
        let r = register(&catalog, &reports, 2023);
        let total = catalog.projects.len();
        let s = &r.summary;
        assert_eq!(
            (s.total, s.completed, s.under_construction, s.cancelled, s.preparing, s.not_started),
            (total, 1, 2, 1, 1, 1)
        );
        assert_eq!(s.unreported, total - 6);
        // Not cancelled: total − 1. Started: 3. Completed: 1.
        let live = (total - 1) as f64;
        assert_eq!(s.start_rate, Some((3.0 / live * 10_000.0).round() / 100.0));
        assert_eq!(s.completion_rate, Some((1.0 / live * 10_000.0).round() / 100.0));
        assert_eq!((s.invested, s.planned_investment), (Some(600.0), Some(600.0)));
        // Due 2023: the 晋江 plants, under construction; the 南安 plants are cancelled.
        assert_eq!(s.overdue, 1);
        assert_eq!(
            r.overdue().map(|i| i.project.id.as_str()).collect::<Vec<_>>(),
            ["jinjiang_southwest_deep_sea_discharge"]
        );
        let sum: usize = r.by_column.iter().map(|c| c.counts.total).sum();
        assert_eq!(sum, total);
        // By 2025 every entry not completed or cancelled is overdue.
        let later = register(&catalog, &reports, 2025);
        assert_eq!(later.summary.overdue, total - 2);
        // In 2022 no row is reported yet.
        assert_eq!(register(&catalog, &reports, 2022).summary.unreported, total);
    }
}
