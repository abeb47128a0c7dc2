//! Micro-benchmarks of the hot paths: the target language, the number parser, and `evaluate()` on an
//! in-memory dataset (no file I/O). `cargo bench --bench plan`. The whole-command figures, against a
//! bare csv parse, come from scripts/bench-scale.sh (BENCHMARKS.md).
//!
//! divan rather than criterion: one small dependency tree (criterion brings plotters, rayon and
//! serde's stack), benchmarks as plain annotated functions, and arguments (`args = [...]`) for the
//! growth of `evaluate()` with the number of areas in one table.

use divan::{Bencher, black_box};
use plan_check::catalog::{Catalog, SourceFilter};
use plan_check::evaluate::{Settings, Stage, evaluate};
use plan_check::load::{Dataset, Details, parse_cell};
use plan_check::target::{Better, Context, Target};
use plan_check::targets_file::TargetsFile;

#[path = "tools/scale_data.rs"]
mod scale_data;

fn main() {
    divan::main();
}

/// Every target written in the shipped catalogue and a few of each form.
const TARGETS: [&str; 10] = [
    ">= 14.1",
    "<= 22",
    "== 100",
    "done",
    "province",
    "baseline",
    "baseline -10%",
    "falling",
    "stable_improving",
    "75",
];

#[divan::bench]
fn target_parse() -> usize {
    TARGETS.iter().filter(|t| black_box(t).parse::<Target>().is_ok()).count()
}

#[divan::bench]
fn target_resolve_and_judge(bencher: Bencher) {
    let targets: Vec<Target> = TARGETS.iter().filter_map(|t| t.parse().ok()).collect();
    let ctx = Context { better: Better::Higher, baseline: Some(80.0), reference: &|_| None, about_tolerance: 5.0 };
    bencher.bench_local(|| {
        targets
            .iter()
            .filter(
                |t| matches!(t.resolve(&ctx), plan_check::target::Resolved::Rule(r) if r.is_met_by(black_box(90.0))),
            )
            .count()
    });
}

/// Cells as people type them: plain, full-width, thousands, percentages, "no data", and errors.
const CELLS: [&str; 8] = ["59.7", "１２３．５", "1,330", "95.6%", "—", "无数据", "59,7", ">= 3"];

#[divan::bench]
fn number_parse_cell() -> usize {
    CELLS.iter().filter(|c| parse_cell(black_box(c), true).is_ok()).count()
}

#[divan::bench]
fn number_parse_plain() -> bool {
    parse_cell(black_box("123.45"), false).is_ok()
}

/// `evaluate()` on N generated areas × every Table 2 indicator × 2020–2023, built in memory.
#[divan::bench(args = [100, 300, 900])]
fn evaluate_areas(bencher: Bencher, areas: usize) {
    let catalog = Catalog::parse(&scale_data::catalog_text(areas), "generated").expect("valid");
    let mut csv = Vec::new();
    scale_data::write_data(&catalog, (2020, 2023), &mut csv).expect("in memory");
    let data = dataset(&catalog, &csv);
    let catalog = catalog.select(&SourceFilter::Table).expect("Table 2's indicators");
    let settings = Settings { year: 2023, stage: Stage::Midterm, province: TargetsFile::default() };
    bencher.bench_local(|| evaluate(&catalog, &data, &settings).verdicts.len());
}

/// The generated long CSV read straight into a dataset, without the loader's checks.
fn dataset(catalog: &Catalog, csv: &[u8]) -> Dataset {
    let mut data = Dataset::for_catalog(catalog);
    let mut reader = csv::Reader::from_reader(csv);
    for record in reader.records() {
        let r = record.expect("generated CSV");
        let number = |i: usize| r.get(i).and_then(|v| v.parse::<f64>().ok());
        let year = r.get(3).and_then(|y| y.parse().ok()).expect("a year");
        let (value, n, d) = (number(2), number(4), number(5));
        data.push_named(&r[0], &r[1], year).expect("a catalogue name").set_value(value);
        data.detail_last(Details { numerator: n, denominator: d, note: None });
    }
    data
}
