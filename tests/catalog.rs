//! The shipped catalogue against the plan itself: every row of Table 2 (表2), with its baseline, target
//! and type as the plan prints them.

use plan_check::catalog::{Catalog, IndicatorType};
use plan_check::target::num;

const PLAN: &str = include_str!("data/plan/quanzhou-14th-eco-plan.txt");

/// One row of Table 2 as printed: 序号, 指标, 现状值, 目标值, 类型 (and 领域 where the plan repeats it).
#[derive(Debug)]
struct TableRow {
    domain: String,
    no: u32,
    name: String,
    baseline: String,
    target: String,
    kind: String,
}

/// Table 2 is laid out one cell per tab-led line, six cells a row, the 领域 cell empty after its
/// first row.
fn table2() -> Vec<TableRow> {
    let start = PLAN.find("表2 泉州市“十四五”生态环境保护专项规划指标").expect("Table 2 is in the plan");
    let end = start + PLAN[start..].find("注：1.").expect("Table 2 has notes");
    let cells: Vec<&str> = PLAN[start..end].lines().filter(|l| l.starts_with('\t')).map(|l| l[1..].trim()).collect();
    let body = &cells[cells.iter().position(|c| *c == "类型").expect("header ends with 类型") + 1..];
    let mut domain = String::new();
    body.chunks(6)
        .map(|c| {
            if !c[0].is_empty() {
                domain = c[0].to_string();
            }
            TableRow {
                domain: domain.clone(),
                no: c[1].parse().expect("序号"),
                name: c[2].to_string(),
                baseline: c[3].to_string(),
                target: c[4].to_string(),
                kind: c[5].to_string(),
            }
        })
        .collect()
}

#[test]
fn every_row_of_table_2_is_in_the_catalogue_as_the_plan_prints_it() {
    let catalog = Catalog::embedded().unwrap();
    let rows = table2();
    assert_eq!(rows.len(), 29, "Table 2 has 29 rows");
    for row in &rows {
        let inds: Vec<_> = catalog.indicators.iter().filter(|i| i.no == Some(row.no)).collect();
        assert_eq!(inds.len(), if row.no == 4 { 4 } else { 1 }, "row {}", row.no);
        for ind in inds {
            let ctx = format!("row {} ({})", row.no, ind.id);
            assert_eq!(ind.name, row.name, "{ctx}: name");
            assert_eq!(ind.domain, row.domain, "{ctx}: domain");
            assert_eq!(ind.target_text, row.target, "{ctx}: target text");
            let kind = match ind.kind {
                IndicatorType::Binding => "约束性",
                IndicatorType::Expected => "预期性",
                IndicatorType::Leading => "引领性",
                IndicatorType::Task => "任务",
            };
            assert_eq!(kind, row.kind, "{ctx}: type");
            let baseline = match (&ind.baseline_text, ind.baseline) {
                (Some(text), Some(_)) => text.clone(),
                (None, Some(b)) => num(b),
                (_, None) => "/".to_string(),
            };
            assert_eq!(baseline, row.baseline, "{ctx}: baseline");
            if let (Some(b), Some(_)) = (ind.baseline, &ind.baseline_text) {
                assert!(row.baseline.contains(&num(b)), "{ctx}: the number {b} is the one the plan prints");
            }
            assert_eq!(ind.source, "表2", "{ctx}: source");
        }
    }
}

#[test]
fn row_4_is_split_into_its_four_pollutants() {
    let catalog = Catalog::embedded().unwrap();
    let parts: Vec<_> =
        catalog.indicators.iter().filter(|i| i.no == Some(4)).map(|i| i.part.clone().unwrap()).collect();
    assert_eq!(parts, ["氮氧化物", "挥发性有机物", "化学需氧量", "氨氮"]);
}

#[test]
fn targets_resolve_to_the_plans_numbers() {
    let catalog = Catalog::embedded().unwrap();
    let target = |id: &str| catalog.indicator(id).unwrap().target.to_string();
    assert_eq!(target("park_500m_coverage"), ">= 85");
    assert_eq!(target("forest_coverage"), "58.7");
    assert_eq!(target("groundwater_class_v"), "<= 10");
    assert_eq!(target("surface_water_worse_than_v"), "== 0");
    assert_eq!(target("black_odorous_elimination"), "eliminated");
    assert_eq!(target("ecological_redline_share"), "baseline");
    assert_eq!(target("blue_sky_days"), "reference thirteenth_plan_average_blue_sky_days");
    assert_eq!(target("eco_index"), "stable_improving");
    assert_eq!(target("industrial_land_productivity"), "rising");
    assert_eq!(target("industrial_fresh_water_use"), "falling");
    for id in [
        "co2_intensity_reduction",
        "energy_intensity_reduction",
        "nox_reduction",
        "pm25_central",
        "natural_coastline_retention",
    ] {
        assert_eq!(target(id), "province", "{id}");
    }
}
