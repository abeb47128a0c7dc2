//! Growth with the number of areas: a national file has about 2,850. The same commands on generated
//! files of 300 and 900 areas (one year, every Table 2 indicator) should take about three times as long,
//! not nine: a lookup that scans every row or every verdict per area shows up here as a ratio, whatever
//! the speed of the machine. Timed in-process, best of several runs, and reported: a benchmark, not a
//! test (`cargo bench --bench growth`), since a timing asserted on a shared machine fails by chance.

use std::time::{Duration, Instant};

use clap::Parser;
use plan_check::cli::Cli;

#[path = "tools/scale_data.rs"]
mod scale_data;

/// A generated catalogue and data file in a temporary folder.
struct Generated {
    dir: tempfile::TempDir,
    rows: usize,
}

fn generate(areas: usize) -> Generated {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("catalog.toml"), scale_data::catalog_text(areas)).expect("write the catalogue");
    let text = scale_data::catalog_text(areas);
    let catalog = plan_check::catalog::Catalog::parse(&text, "generated").expect("a valid generated catalogue");
    let mut data = Vec::new();
    let rows = scale_data::write_data(&catalog, (2023, 2023), &mut data).expect("write to memory");
    std::fs::write(dir.path().join("data.csv"), data).expect("write the data");
    Generated { dir, rows }
}

/// The fastest of `runs` runs of one command line, which must run to a result (exit 0 or 1).
fn best_time(g: &Generated, args: &[&str], runs: usize) -> Duration {
    let catalog = g.dir.path().join("catalog.toml");
    let data = g.dir.path().join("data.csv");
    let mut line = vec!["plan-check"];
    line.extend_from_slice(args);
    let (catalog, data) = (catalog.to_string_lossy(), data.to_string_lossy());
    line.extend(["--catalog", &catalog, &data]);
    (0..runs)
        .map(|_| {
            let cli = Cli::try_parse_from(&line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let start = Instant::now();
            let outcome = plan_check::run(cli, plan_check::Console::default(), &mut out, &mut err);
            let elapsed = start.elapsed();
            assert!(outcome.is_ok(), "{line:?}: {outcome:?}\n{}", String::from_utf8_lossy(&err));
            assert!(!out.is_empty(), "{line:?} wrote nothing");
            elapsed
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // 30 areas measure what does not depend on the areas (the catalogue, start-up), which is taken
    // off both larger sizes so that the ratio is that of the work per area.
    let (base, small, large) = (generate(30), generate(300), generate(900));
    let rows = large.rows as f64 / small.rows as f64;
    assert!((2.8..3.2).contains(&rows), "the generator gives rows in proportion to areas: {rows}");
    for args in [&["validate"][..], &["eval"], &["eval", "--format", "json"]] {
        let fixed = best_time(&base, args, 3).as_secs_f64();
        let (t_small, t_large) = (best_time(&small, args, 3), best_time(&large, args, 3));
        let ratio = (t_large.as_secs_f64() - fixed) / (t_small.as_secs_f64() - fixed).max(1e-3);
        // Linear work gives about 3; work per area that grows with the areas gives about 9.
        let verdict = if ratio < 5.5 { "linear" } else { "GROWS FASTER THAN THE AREAS" };
        println!(
            "{args:?}: 30 areas {fixed:.3}s, 300 areas {t_small:?}, 900 areas {t_large:?}: {ratio:.2}× ({verdict})"
        );
    }
}
