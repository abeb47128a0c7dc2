//! The data loader: any bytes, read as a CSV file or as a workbook, give measurements and problems
//! (never a panic, an abort or a hang), every row is accounted for, and evaluating them never panics.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use plan_check::catalog::Catalog;
use plan_check::evaluate::{Settings, evaluate};
use plan_check::load::{LoadOptions, load_bytes};
use plan_check::province::ProvinceTargets;

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::embedded().expect("the shipped catalogue loads"));

fuzz_target!(|bytes: &[u8]| {
    // The first byte picks the name, so the fuzzer reaches both readers and the year in a name.
    let Some((&pick, bytes)) = bytes.split_first() else { return };
    let name = ["2023.csv", "2023.xlsx", "data.csv", "2021年至2023年.csv"][usize::from(pick % 4)];
    let data = load_bytes(name, bytes.to_vec(), &CATALOG, &LoadOptions::default());
    for a in &data.accounting {
        assert_eq!(a.rows_read, a.rows_accepted + a.rows_rejected, "{a:?}");
    }
    for m in &data.measurements {
        assert!(m.value.is_none_or(f64::is_finite), "{m:?}");
    }
    let settings = Settings { year: 2023, stage: Settings::stage_for(&CATALOG, 2023), province: ProvinceTargets::default() };
    let _ = evaluate(&CATALOG, &data, &settings);
});
