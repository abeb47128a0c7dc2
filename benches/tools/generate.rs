//! Writes a synthetic national-scale dataset and the catalogue that goes with it, for the benchmarks and
//! the scale tests: N reporting areas × every Table 2 indicator × a range of years, with ratios given as
//! numerator/denominator, counts as integers, and the city rows (their values what the areas aggregate
//! to, so `validate` finds nothing to warn about). Deterministic: the same arguments give the same bytes.
//!
//! `cargo run --release --example generate -- --areas 3000 --years 2020-2025 --out /tmp/scale`
//! writes `/tmp/scale/catalog.toml` and `/tmp/scale/data.csv`.

use std::io::Write as _;

use plan_check::catalog::Catalog;

mod scale_data;
use scale_data::{catalog_text, write_data};

struct Args {
    areas: usize,
    years: (i32, i32),
    out: std::path::PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args { areas: 3000, years: (2020, 2025), out: "/tmp/plan-check-scale".into() };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--areas" => args.areas = value.parse().map_err(|e| format!("--areas {value}: {e}"))?,
            "--years" => {
                let (a, b) = value.split_once('-').unwrap_or((&value, &value));
                let year = |s: &str| s.parse::<i32>().map_err(|e| format!("--years {value}: {e}"));
                args.years = (year(a)?, year(b)?);
            }
            "--out" => args.out = value.into(),
            other => return Err(format!("unknown option {other}; use --areas N --years 2020-2025 --out DIR")),
        }
    }
    Ok(args)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    std::fs::create_dir_all(&args.out)?;
    let catalog_text = catalog_text(args.areas);
    let catalog = Catalog::parse(&catalog_text, "generated catalog.toml").map_err(|e| e.to_string())?;
    std::fs::write(args.out.join("catalog.toml"), &catalog_text)?;
    let file = std::fs::File::create(args.out.join("data.csv"))?;
    let mut out = std::io::BufWriter::new(file);
    let rows = write_data(&catalog, args.years, &mut out)?;
    out.flush()?;
    eprintln!("{} areas, {rows} rows → {}", args.areas, args.out.display());
    Ok(())
}
