//! The `--targets` loader against the shipped catalogue: any text is targets or issues.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use plan_check::catalog::Catalog;
use plan_check::province::ProvinceTargets;

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::embedded().expect("the shipped catalogue loads"));

fuzz_target!(|text: &str| {
    let _ = ProvinceTargets::parse(text, "fuzz-targets.toml", &CATALOG);
});
