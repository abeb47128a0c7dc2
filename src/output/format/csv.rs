//! CSV: one row per record of the content, every field of the JSON record flattened into a column
//! (`target` → `target_text`, `target_resolved` …; lists joined with `; `). Columns are the union of
//! the records' fields in the order first met, so a field added to the JSON is a column here without
//! a change to this file. Text that a spreadsheet would run as a formula is neutralised (OWASP: a
//! leading `'`); numbers are written as they are.

use std::io::Write;

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{Map, Value};

use super::Style;
use crate::output::Content;

pub fn render(content: &Content, style: &Style, out: &mut dyn Write) -> anyhow::Result<()> {
    if style.file {
        // Excel on Chinese Windows reads a CSV without a byte-order mark as GBK.
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let shape = flatten_record(&content.record_shape);
    // The held records (all of a small content; the register's after `eval`'s streamed results) bring
    // their columns; the streamed records have the shape's.
    let rows: Vec<Vec<(String, String)>> = content.records.iter().map(flatten_record).collect();
    let columns = columns(std::iter::once(&shape).chain(&rows));
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&columns).map_err(io)?;
    if let Some(records) = &content.record_stream {
        // Each streamed row is written as it is made.
        let mut flat = crate::output::flat::Flat::new(columns.iter().map(|c| c.to_string()).collect());
        records.write(&mut flat, &mut |cells| w.write_record(cells).map_err(io))?;
    }
    for row in &rows {
        let cells: FxHashMap<&str, &str> = row.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        w.write_record(columns.iter().map(|c| cells.get(c).copied().unwrap_or_default())).map_err(io)?;
    }
    w.flush()?;
    Ok(())
}

/// Every column of the rows. A column first met in a later row goes right after the column before
/// it in that row, so the order follows the records' field order whichever row brings it. A field
/// that is only ever null where its flattened children exist (`progress`) is left out.
fn columns<'r>(rows: impl Iterator<Item = &'r Vec<(String, String)>>) -> Vec<&'r str> {
    let mut columns: Vec<&str> = Vec::new();
    // Where each column is; rebuilt on the rare insertion, so a large file costs a lookup per cell.
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut filled: FxHashSet<&str> = FxHashSet::default();
    for row in rows {
        let mut at = 0;
        for (key, value) in row {
            match index.get(key.as_str()) {
                Some(&i) => at = i + 1,
                None => {
                    columns.insert(at, key);
                    at += 1;
                    index = columns.iter().enumerate().map(|(i, c)| (*c, i)).collect();
                }
            }
            if !value.is_empty() {
                filled.insert(key);
            }
        }
    }
    let all = columns.clone();
    columns.retain(|c| filled.contains(c) || !all.iter().any(|o| o.starts_with(&format!("{c}_"))));
    columns
}

/// A CSV error as the I/O error it carries, so that a closed pipe stays recognisable.
fn io(e: csv::Error) -> anyhow::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e.into(),
        other => anyhow::anyhow!("cannot write CSV: {other:?}"),
    }
}

/// A record's fields as (column, text), nested objects as `parent_child`.
pub fn flatten_record(record: &Map<String, Value>) -> Vec<(String, String)> {
    let mut cells = Vec::new();
    for (key, value) in record {
        flatten(key, value, &mut cells);
    }
    cells
}

fn flatten(key: &str, value: &Value, cells: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (k, v) in fields {
                flatten(&format!("{key}_{k}"), v, cells);
            }
        }
        Value::String(s) => cells.push((key.to_string(), neutralise(s))),
        other => cells.push((key.to_string(), scalar(other))),
    }
}

/// A value as one cell's text: a list's items joined with `; `, an object's values with `:`.
fn scalar(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => neutralise(s),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join("; "),
        Value::Object(fields) => fields.values().map(scalar).collect::<Vec<_>>().join(":"),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
    }
}

/// Text a spreadsheet would read as a formula, prefixed with `'` so it stays text.
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (raw, cell) in [("=1+1", "'=1+1"), ("+86", "'+86"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)")] {
            assert_eq!(neutralise(raw), cell);
        }
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("≤22"), "≤22");
        let record: Map<String, Value> = serde_json::from_str(
            r#"{"value": -3.5, "reason": "=HYPERLINK(1)", "target": {"text": "≥80", "source": null},
                "series": [{"year": 2020, "value": 1.5}, {"year": 2021, "value": 2}]}"#,
        )
        .unwrap_or_default();
        let cells = flatten_record(&record);
        let get = |k: &str| cells.iter().find(|(c, _)| c == k).map(|(_, v)| v.as_str());
        assert_eq!(get("value"), Some("-3.5"));
        assert_eq!(get("reason"), Some("'=HYPERLINK(1)"));
        assert_eq!(get("target_text"), Some("≥80"));
        assert_eq!(get("target_source"), Some(""));
        assert_eq!(get("series"), Some("2020:1.5; 2021:2"));
    }
}
