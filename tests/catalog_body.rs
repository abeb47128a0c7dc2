//! The body's tasks in the shipped catalogue against the plan itself: how many each chapter, section and
//! 专栏 holds, that every quote is the plan's own words and carries the target's number, and a sample of
//! targets, due years and cumulative flags as the plan states them.

use std::collections::BTreeMap;

use plan_check::catalog::{Catalog, Indicator, IndicatorType};
use plan_check::target::{Target, num};

const PLAN: &str = include_str!("data/plan/quanzhou-14th-eco-plan.txt");

fn tasks() -> Vec<Indicator> {
    let catalog = Catalog::embedded().unwrap_or_else(|e| panic!("{e}"));
    catalog.indicators.into_iter().filter(|i| i.kind == IndicatorType::Task).collect()
}

#[test]
fn the_tasks_are_counted_by_where_the_plan_states_them() {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in tasks() {
        *counts.entry(t.source.clone()).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        ("第三章第二节", 1),
        ("第三章第三节", 1),
        ("第三章第五节", 2),
        ("专栏二", 7),
        ("第四章第二节", 1),
        ("第四章第四节", 1),
        ("专栏三", 1),
        ("第五章第二节", 3),
        ("第五章第三节", 1),
        ("专栏四", 3),
        ("第六章第一节", 1),
        ("第六章第二节", 5),
        ("第六章第三节", 2),
        ("第六章第四节", 1),
        ("第六章第五节", 1),
        ("专栏五", 10),
        ("第七章第一节", 6),
        ("专栏六", 14),
        ("第八章第一节", 11),
        ("第八章第二节", 3),
        ("第八章第三节", 3),
        ("专栏七", 5),
        ("第九章第一节", 2),
        ("第九章第二节", 1),
        ("专栏九", 3),
    ]
    .into_iter()
    .map(|(s, n)| (s.to_string(), n))
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(counts.values().sum::<usize>(), 89);
}

#[test]
fn every_quote_is_the_plans_own_words_and_carries_the_number() {
    for t in tasks() {
        let quote = t.quote.as_deref().unwrap_or_else(|| panic!("{} has no quote", t.id));
        assert!(PLAN.contains(quote), "{}: the quote is not in the plan: {quote}", t.id);
        let number = match &t.target {
            Target::Threshold { value, .. } | Target::Level(value) => Some(num(*value)),
            Target::Baseline { change_pct } if *change_pct != 0.0 => Some(num(change_pct.abs())),
            _ => None,
        };
        if let Some(n) = number {
            assert!(
                quote.contains(&n) || t.target_text.contains(&n),
                "{}: {n} is in neither the quote nor the target text",
                t.id
            );
        }
        if let Some(b) = t.baseline {
            let text = t.baseline_text.as_deref().unwrap_or_else(|| panic!("{}: a baseline needs its words", t.id));
            assert!(PLAN.contains(text) && text.contains(&num(b)), "{}: baseline {b} is not the plan's {text}", t.id);
        }
    }
}

/// The chapter a source names, and the chapter each 专栏 sits in (专栏五 in 第六章, whose heading the text
/// file lacks, so it is placed by the table of contents).
fn chapter_of(source: &str) -> &str {
    const BOXES: [(&str, &str); 8] = [
        ("专栏二", "第三章"),
        ("专栏三", "第四章"),
        ("专栏四", "第五章"),
        ("专栏五", "第六章"),
        ("专栏六", "第七章"),
        ("专栏七", "第八章"),
        ("专栏八", "第九章"),
        ("专栏九", "第十章"),
    ];
    if let Some((_, ch)) = BOXES.iter().find(|(b, _)| *b == source) {
        return ch;
    }
    let end = source.find('章').map_or(source.len(), |i| i + '章'.len_utf8());
    &source[..end]
}

#[test]
fn a_tasks_domain_is_the_title_of_its_chapter() {
    for t in tasks() {
        let chapter = chapter_of(&t.source);
        let toc = PLAN.lines().find(|l| l.trim_start().starts_with(&format!("{chapter} "))).expect("in the contents");
        let title = toc.trim_start()[chapter.len()..].trim().split('\t').next().unwrap_or_default();
        assert_eq!(t.domain, title, "{} ({})", t.id, t.source);
        assert!(t.is_city_level(), "{}: a task of the whole city", t.id);
    }
}

#[test]
fn a_sample_of_targets_is_as_the_plan_states_it() {
    let all = tasks();
    let get = |id: &str| all.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{id} is in the catalogue"));
    // (id, target, due, cumulative, source)
    let sample: [(&str, &str, Option<i32>, bool, &str); 16] = [
        ("urban_green_coverage", ">= 45", None, false, "第三章第二节"),
        ("central_city_park_green_area_per_capita", ">= 16", None, false, "专栏二"),
        ("msw_incineration_capacity", ">= 9750", None, false, "专栏二"),
        ("low_carbon_communities_built", ">= 100", None, true, "专栏三"),
        ("coal_boiler_ultra_low_emission_retrofit", ">= 11", None, true, "第五章第二节"),
        ("prefab_building_share_new", ">= 35", None, false, "第五章第三节"),
        ("sewage_treatment_capacity_added", ">= 19", None, true, "专栏五"),
        ("river_outfalls_five_tasks_completed", ">= 1314", None, true, "专栏五"),
        ("wwtp_tailwater_deep_sea_discharge_8_plants", "done", Some(2023), false, "第六章第三节"),
        ("river_shoreline_noncompliant_activities_exit", "done", Some(2023), false, "第六章第四节"),
        ("rural_centralized_source_protection_delineation", "done", Some(2021), false, "第六章第二节"),
        ("rural_dispersed_source_protection_delineation", "done", Some(2022), false, "第六章第二节"),
        ("fertilizer_use_reduction", "baseline -10%", None, false, "第八章第一节"),
        ("contaminated_farmland_safe_use_area", ">= 7.39", None, false, "第八章第二节"),
        ("afforestation_area", ">= 29", None, true, "专栏七"),
        ("spartina_control", ">= 5026", None, true, "专栏六"),
    ];
    for (id, target, due, cumulative, source) in sample {
        let t = get(id);
        assert_eq!(t.target.to_string(), target, "{id}: target");
        assert_eq!((t.due, t.cumulative, t.source.as_str()), (due, cumulative, source), "{id}");
    }
    let incineration = get("msw_incineration_capacity");
    assert_eq!(incineration.baseline, Some(9150.0), "第一章第一节: 合计处理能力9150吨/日");
    assert!(PLAN.contains("城镇新建建筑中绿色建筑面积占比达到80%"));
    assert_eq!(get("green_building_share_new_urban").target.to_string(), ">= 80");
}

#[test]
fn projections_and_promises_after_the_plan_are_left_out() {
    let all = tasks();
    // “预计…天然气消费年均增长2.9%” is a forecast; “2030年前实现碳达峰” falls after 2025.
    assert!(!all.iter().any(|t| t.quote.as_deref().is_some_and(|q| q.contains("天然气") || q.contains("碳达峰"))));
    assert!(all.iter().all(|t| t.due.is_none_or(|d| (2021..=2025).contains(&d))));
}
