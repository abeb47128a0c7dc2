//! The fuzz targets' bodies, shared by `fuzz/fuzz_targets/*.rs` (cargo fuzz, nightly) and
//! `tests/hostile_fuzz.rs`, which replays the seed corpus and every crash input on stable.

#![allow(dead_code)]

use std::io::Write;
use std::sync::LazyLock;

use plan_check::catalog::Catalog;
use plan_check::evaluate::{Settings, evaluate};
use plan_check::load::{LoadOptions, load_bytes};
use plan_check::target::Target;
use plan_check::targets_file::TargetsFile;

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::embedded().expect("the shipped catalogue loads"));

/// The data loader: any bytes, read as a CSV file or as a workbook, give measurements and problems
/// (never a panic, an abort or a hang), every row is accounted for, and evaluating them never panics.
pub fn data_file(bytes: &[u8]) {
    // The first byte picks the name, so the fuzzer reaches both readers and the year in a name; the
    // last two modes wrap the bytes into a valid xlsx, since a mutated zip rarely passes its checksums.
    let Some((&pick, bytes)) = bytes.split_first() else { return };
    let (name, bytes) = match pick % 6 {
        0 => ("2023.csv", bytes.to_vec()),
        1 => ("2023.xlsx", bytes.to_vec()),
        2 => ("data.csv", bytes.to_vec()),
        3 => ("2021年至2023年.csv", bytes.to_vec()),
        4 => ("2023.xlsx", xlsx(bytes, b"")),
        _ => {
            let split = bytes.iter().position(|&b| b == 0xFF).unwrap_or(bytes.len());
            ("2023.xlsx", xlsx(&bytes[..split], bytes.get(split + 1..).unwrap_or_default()))
        }
    };
    let data = load_bytes(name, bytes, &CATALOG, &LoadOptions::default());
    for a in &data.accounting {
        assert_eq!(a.rows_read, a.rows_accepted + a.rows_rejected, "{a:?}");
    }
    for m in &data.measurements {
        assert!(m.value().is_none_or(f64::is_finite), "{m:?}");
    }
    for p in &data.problems {
        assert!(p.found.as_ref().is_none_or(|f| f.len() < 1024), "{p:?}");
    }
    let settings =
        Settings { year: 2023, stage: Settings::stage_for(&CATALOG, 2023), province: TargetsFile::default() };
    let _ = evaluate(&CATALOG, &data, &settings);
}

/// The .xls reader: the bytes as the Workbook stream of a compound file the `cfb` crate writes (so
/// mutations reach the record walk and calamine past the sector chains), or, when the first byte is
/// odd, as the whole file (so they reach the compound file's own checks). Never a panic, an abort or
/// a hang, and what is read is accounted for.
pub fn xls_file(bytes: &[u8]) {
    let Some((&pick, bytes)) = bytes.split_first() else { return };
    let file = if pick % 2 == 0 { compound(bytes) } else { bytes.to_vec() };
    check(load_bytes("2023.xls", file, &CATALOG, &options(pick)));
}

/// The .ods reader: the bytes as `content.xml` of an OpenDocument zip (so mutations reach the XML
/// walk and calamine past the zip's checksums), or, when the first byte is odd, as the whole file.
pub fn ods_file(bytes: &[u8]) {
    let Some((&pick, bytes)) = bytes.split_first() else { return };
    let file = if pick % 2 == 0 { ods(bytes) } else { bytes.to_vec() };
    check(load_bytes("2023.ods", file, &CATALOG, &options(pick)));
}

/// Every sheet, or the active one, by the second bit of the first byte.
fn options(pick: u8) -> LoadOptions {
    let mut opts = LoadOptions::default();
    opts.read.all_sheets = pick & 2 != 0;
    opts
}

/// What every data file's dataset holds to, whatever the bytes: each row accounted for, values
/// finite, what was found shown short; and evaluating it never panics.
fn check(data: plan_check::load::Dataset) {
    for a in &data.accounting {
        assert_eq!(a.rows_read, a.rows_accepted + a.rows_rejected, "{a:?}");
    }
    for m in &data.measurements {
        assert!(m.value().is_none_or(f64::is_finite), "{m:?}");
    }
    for p in &data.problems {
        assert!(p.found.as_ref().is_none_or(|f| f.len() < 1024), "{p:?}");
    }
    let settings =
        Settings { year: 2023, stage: Settings::stage_for(&CATALOG, 2023), province: TargetsFile::default() };
    let _ = evaluate(&CATALOG, &data, &settings);
}

/// A compound file whose Workbook stream is `stream`.
fn compound(stream: &[u8]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
        .expect("a compound file in memory");
    let mut s = file.create_stream("/Workbook").expect("a stream");
    s.write_all(stream).expect("the stream is written");
    drop(s);
    file.flush().expect("the file is written");
    file.into_inner().into_inner()
}

/// The manifest calamine asks of an OpenDocument spreadsheet.
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// An OpenDocument spreadsheet whose content.xml is `content`.
fn ods(content: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("a part starts");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").expect("a part is written");
    zip.start_file("META-INF/manifest.xml", stored).expect("a part starts");
    zip.write_all(MANIFEST.as_bytes()).expect("a part is written");
    zip.start_file("content.xml", stored).expect("a part starts");
    zip.write_all(content).expect("a part is written");
    zip.finish().expect("the zip closes").into_inner()
}

/// The catalogue loader: any text is a catalogue or a list of issues.
pub fn catalog(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(catalog) = Catalog::parse(text, "fuzz.toml") {
        for ind in &catalog.indicators {
            let _ = ind.label(&catalog);
        }
    }
}

/// The `--targets` loader against the shipped catalogue: any text is targets or issues.
pub fn targets_file(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let _ = TargetsFile::parse(text, "fuzz-targets.toml", &CATALOG);
}

/// The target language: any text parses to a target or an error, and a target's canonical form
/// parses back to the same target.
pub fn target_expr(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(target) = text.parse::<Target>() {
        let shown = target.to_string();
        let again: Target = shown.parse().expect("a target's canonical form parses");
        assert_eq!(again.to_string(), shown, "display is stable");
    }
}

/// A one-sheet workbook whose sheet data (inside `<sheetData>`) and shared strings are the fuzzer's.
fn xlsx(sheet_data: &[u8], shared_strings: &[u8]) -> Vec<u8> {
    const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut sheet = format!(r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>"#).into_bytes();
    sheet.extend_from_slice(sheet_data);
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    let mut strings = format!(r#"<?xml version="1.0"?><sst xmlns="{NS}">"#).into_bytes();
    strings.extend_from_slice(shared_strings);
    strings.extend_from_slice(b"</sst>");
    let parts: [(&str, Vec<u8>); 6] = [
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_vec()),
        ("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="2023" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes()),
        ("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_vec()),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", strings),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        zip.start_file(name, stored).expect("a part starts");
        zip.write_all(&bytes).expect("a part is written");
    }
    zip.finish().expect("the zip closes").into_inner()
}
