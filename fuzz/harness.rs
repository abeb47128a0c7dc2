//! The fuzz targets' bodies, shared by `fuzz/fuzz_targets/*.rs` (cargo fuzz, nightly) and
//! `tests/hostile_fuzz.rs`, which replays the seed corpus and every crash input on stable.

#![allow(dead_code)]

use std::io::Write;
use std::sync::LazyLock;

use plan_check::catalog::Catalog;
use plan_check::evaluate::{Settings, evaluate};
use plan_check::lang::Lang;
use plan_check::load::{LoadOptions, load_bytes};
use plan_check::output::EvalView;
use plan_check::report::{Document, Inputs, Narrative};
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
    check(load_bytes(name, bytes, &CATALOG, &LoadOptions::default()));
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

/// The .xlsb reader: the bytes as one part of SheetJS's `cells-2023.xlsb` (tests/data/workbooks),
/// the others kept, so mutations reach the record walks and calamine past the zip's checksums: the
/// sheet, the styles, the shared strings or the workbook part by the first byte's bits 2-4, or the
/// whole file.
pub fn xlsb_file(bytes: &[u8]) {
    let Some((&pick, bytes)) = bytes.split_first() else { return };
    let part = ["xl/worksheets/sheet1.bin", "xl/styles.bin", "xl/sharedStrings.bin", "xl/workbook.bin"]
        .get(usize::from(pick >> 2) % 5)
        .copied();
    let file = match part {
        Some(part) => xlsb(part, bytes),
        None => bytes.to_vec(),
    };
    check(load_bytes("2023.xlsb", file, &CATALOG, &options(pick)));
}

/// The parts of the .xlsb the fuzzer's bytes go into.
static XLSB_PARTS: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    use std::io::Read;
    let bytes: &[u8] = include_bytes!("../tests/data/workbooks/cells-2023.xlsb");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the fixture is a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("a part");
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("a part reads");
            (f.name().expect("a name").to_string(), b)
        })
        .collect()
});

/// `cells-2023.xlsb` with its part `part` replaced by `bytes`.
fn xlsb(part: &str, bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, b) in XLSB_PARTS.iter() {
        zip.start_file(name.as_str(), stored).expect("a part starts");
        zip.write_all(if name == part { bytes } else { b }).expect("a part is written");
    }
    zip.finish().expect("the zip closes").into_inner()
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

/// The evaluation document of a data file the fuzzer writes, name included: the first byte picks the
/// language, the bytes up to the first 0xFF are the file's name (before `-2023.csv`), the rest its
/// content. Notes, the name, header cells and values reach the document.
pub fn document(bytes: &[u8]) -> Option<Document> {
    let (&pick, rest) = bytes.split_first()?;
    let split = rest.iter().position(|&b| b == 0xFF).unwrap_or(0);
    let name = format!("{}-2023.csv", String::from_utf8_lossy(&rest[..split]));
    let content = rest.get(split + 1..).unwrap_or_default().to_vec();
    let data = load_bytes(&name, content, &CATALOG, &LoadOptions::default());
    let year = data.years().last().copied().unwrap_or(2023);
    let settings = Settings { year, stage: Settings::stage_for(&CATALOG, year), province: TargetsFile::default() };
    let evaluation = evaluate(&CATALOG, &data, &settings);
    let files = vec![name];
    let lang = if pick & 1 == 0 { Lang::Zh } else { Lang::En };
    let view = EvalView { catalog: &CATALOG, evaluation: &evaluation, files: &files, lang, area: None };
    let notes = data
        .measurements
        .iter()
        .filter(|m| m.year == year)
        .filter_map(|m| {
            Some(((data.county_of(m).to_string(), data.indicator_of(m).to_string()), data.note_of(m)?.to_string()))
        })
        .collect();
    // The same bytes as the analyst's text: whatever parses reaches the document's parts.
    let narrative = (pick & 8 != 0).then(|| Narrative::parse(&String::from_utf8_lossy(rest), &files[0]).ok()).flatten();
    let inputs = Inputs {
        report: &view,
        targets_file: (pick & 2 != 0).then(|| files[0].clone()),
        produced: "2026-01-01".into(),
        illustrative: pick & 4 != 0,
        problems: &data.problems,
        notes: &notes,
        tasks: None,
        register: None,
        narrative: narrative.as_ref(),
    };
    Some(Document::build(&inputs))
}

/// The HTML report of any data file is well-formed: tags balanced (HTML's void elements aside), every
/// character one XML allows (the charts are SVG), every reference a known or a valid one.
pub fn report_html(bytes: &[u8]) {
    let Some(doc) = document(bytes) else { return };
    let mut page = Vec::new();
    plan_check::report::html::render(&doc, &mut page).expect("the HTML renders");
    if let Err(e) = check_xml("report.html", &page, true) {
        panic!("{e}");
    }
}

/// The Word report of any data file is a zip whose every XML part is well-formed XML.
pub fn report_docx(bytes: &[u8]) {
    let Some(doc) = document(bytes) else { return };
    let mut docx = std::io::Cursor::new(Vec::new());
    plan_check::report::docx::render(&doc, &mut docx).expect("the docx renders");
    if let Err(e) = check_docx(docx.get_ref()) {
        panic!("{e}");
    }
}

/// Every `.xml` and `.rels` part of a .docx, parsed strictly ([`check_xml`]).
pub fn check_docx(docx: &[u8]) -> Result<usize, String> {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(|e| format!("not a zip: {e}"))?;
    let mut parts = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
        check_xml(&name, &bytes, false)?;
        parts += 1;
    }
    Ok(parts)
}

/// A strict well-formedness check with quick-xml: UTF-8, every character (also those written as
/// `&#…;`) one XML 1.0 allows, only the predefined entities, end tags matching their start tags, one
/// root, attributes well-formed. With `html`, the void elements (`<meta>`, `<br>` …) need no end tag.
pub fn check_xml(part: &str, bytes: &[u8], html: bool) -> Result<(), String> {
    use quick_xml::events::Event;
    const VOID: [&str; 8] = ["meta", "br", "hr", "img", "link", "input", "col", "wbr"];
    let text = std::str::from_utf8(bytes).map_err(|e| format!("{part}: not UTF-8: {e}"))?;
    let bad = |c: char| !matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF);
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| bad(c)) {
        return Err(format!("{part}: U+{:04X} at byte {at} is not an XML character", c as u32));
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = !html;
    let mut open: Vec<String> = Vec::new();
    let mut roots = 0;
    loop {
        let at = reader.buffer_position();
        let fail = |what: String| format!("{part}: {what} at byte {at}");
        match reader.read_event().map_err(|e| fail(e.to_string()))? {
            Event::Eof => break,
            Event::Start(e) => {
                check_attributes(&e).map_err(fail)?;
                let name = e.name().as_ref().to_ascii_lowercase();
                if open.is_empty() {
                    roots += 1;
                }
                if !(html && VOID.contains(&name.as_str())) {
                    open.push(name);
                }
            }
            Event::Empty(e) => {
                check_attributes(&e).map_err(fail)?;
                if open.is_empty() {
                    roots += 1;
                }
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_ascii_lowercase();
                if open.pop().as_deref() != Some(name.as_str()) {
                    return Err(fail(format!("</{name}> closes no open element")));
                }
            }
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if !bad(c) => {}
                        _ => return Err(fail("a character reference to no XML character".into())),
                    }
                } else if !matches!(r.as_ref(), "amp" | "lt" | "gt" | "quot" | "apos") {
                    return Err(fail(format!("an unknown entity &{};", r.as_ref())));
                }
            }
            Event::Text(t) if open.is_empty() && !t.as_ref().chars().all(|c| c.is_ascii_whitespace()) => {
                return Err(fail("text outside the root element".into()));
            }
            _ => {}
        }
    }
    if let Some(name) = open.last() {
        return Err(format!("{part}: <{name}> is never closed"));
    }
    if roots != 1 {
        return Err(format!("{part}: {roots} root elements"));
    }
    Ok(())
}

fn check_attributes(e: &quick_xml::events::BytesStart) -> Result<(), String> {
    let mut seen: Vec<String> = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| format!("a malformed attribute: {e}"))?;
        let value =
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| format!("an attribute value: {e}"))?;
        if value
            .chars()
            .any(|c| !matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF))
        {
            return Err("an attribute holds a character XML does not allow".into());
        }
        let key = a.key.as_ref().to_string();
        if seen.contains(&key) {
            return Err(format!("the attribute {key} twice"));
        }
        seen.push(key);
    }
    Ok(())
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
