//! The yardstick of the scale benchmarks: a bare csv-crate pass over a long file that reads every
//! record and parses its value column, and nothing else. Built in the same profile as plan-check, so
//! the ratio of their times is what plan-check's checks and judgements cost.
//!
//! `cargo run --release --example bare_parse -- data.csv`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: bare_parse FILE.csv")?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut values, mut sum) = (0usize, 0usize, 0.0f64);
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        let parsed = record.get(2).and_then(|v| std::str::from_utf8(v).ok()).and_then(|v| v.parse::<f64>().ok());
        if let Some(v) = parsed {
            values += 1;
            sum += v;
        }
    }
    // Printed so the work cannot be optimised away.
    eprintln!("{rows} rows, {values} values, sum {sum}");
    Ok(())
}
