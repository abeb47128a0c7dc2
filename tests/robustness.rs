//! Properties of the whole pipeline on generated files: whatever a county sends, loading and evaluating
//! never panic, every row is accounted for, and every problem points inside the file.

use std::io::Write;

use plan_check::catalog::Catalog;
use plan_check::evaluate::{Settings, evaluate};
use plan_check::labels::{self, Lang};
use plan_check::load::{LoadOptions, load};
use plan_check::targets_file::TargetsFile;
use proptest::prelude::*;

/// Cells a real file might hold, and some it should not: names, aliases, ids, numbers in every
/// notation, no-data markers, junk, and the characters that make CSV hard.
fn cell() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "全市",
        "中心市区",
        "晋江",
        "晋江市",
        "安溪县",
        "台商区",
        "厦门市",
        "forest_coverage",
        "pm25_central",
        "green_village_share",
        "beautiful_bays",
        "森林覆盖率（%）",
        "afforestation_area",
        "95.6",
        "95.6%",
        "９５．６",
        "1,330",
        "-3",
        "1e999",
        "NaN",
        "≥95",
        "/",
        "—",
        "",
        " ",
        "无数据",
        "2023",
        "2023年",
        "0",
        "1",
        "0.5",
        "\"",
        ",",
        "\n",
        "\r\n",
        "#",
        "value",
        "year",
        "numerator",
        "denominator",
        "备注",
    ]);
    prop_oneof![4 => words.prop_map(str::to_string), 1 => "\\PC{0,6}"]
}

fn csv_text() -> impl Strategy<Value = String> {
    let header = prop::sample::select(vec![
        "county,indicator,value",
        "county,indicator,value,year,numerator,denominator,note",
        "县市区,指标,数值,年份",
        "县市区,森林覆盖率（%）,pm25_central,beautiful_bays",
        "county,indicator,forest_coverage",
        "",
    ]);
    let row = prop::collection::vec(cell(), 0..8).prop_map(|cells| cells.join(","));
    (header, prop::collection::vec(row, 0..12)).prop_map(|(h, rows)| format!("{h}\n{}", rows.join("\n")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_file_is_loaded_accounted_for_and_evaluated_without_panic(text in csv_text(), gbk in any::<bool>()) {
        let catalog = Catalog::embedded().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2023.csv");
        let bytes = if gbk { encoding_rs::GB18030.encode(&text).0.into_owned() } else { text.clone().into_bytes() };
        std::fs::File::create(&path).unwrap().write_all(&bytes).unwrap();
        let path = path.to_string_lossy().into_owned();
        // A file the CSV reader cannot read at all is an error, not a panic; there is nothing more to check.
        let Ok(data) = load(std::slice::from_ref(&path), &catalog, &LoadOptions::default()) else { return Ok(()) };
        let lines = text.lines().count().max(1);
        for a in &data.accounting {
            prop_assert_eq!(a.rows_read, a.rows_accepted + a.rows_rejected, "{:?}", a);
        }
        for p in &data.problems {
            prop_assert_eq!(&p.file, &path);
            prop_assert!(p.line.is_none_or(|l| l >= 1 && l <= lines), "{} outside {} lines", p, lines);
            for lang in [Lang::Zh, Lang::En] {
                prop_assert!(!labels::expected(&p.expected, lang).is_empty(), "{}", p);
            }
        }
        for m in &data.measurements {
            prop_assert!(m.value().is_none_or(f64::is_finite), "{:?}", m);
            prop_assert!(catalog.county(data.county_of(m)).is_some() && catalog.indicator(data.indicator_of(m)).is_some());
        }
        if data.problems.iter().any(|p| p.is_error()) {
            prop_assert!(data.accounting.iter().any(|a| a.rows_rejected > 0) || data.accounting.iter().all(|a| a.rows_read == 0));
        }
        let settings = Settings { year: 2023, stage: Settings::stage_for(&catalog, 2023), province: TargetsFile::default() };
        let evaluation = evaluate(&catalog, &data, &settings);
        for v in &evaluation.verdicts {
            prop_assert!(v.completion.is_none_or(f64::is_finite), "{:?}", v);
        }
    }
}
