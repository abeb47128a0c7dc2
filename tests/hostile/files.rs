//! Files built by hand for the hostile-input tests: workbooks written part by part (so a test can put
//! anything in a sheet, hide it, or leave a formula without its value), zip bombs, and CSV text.

#![allow(dead_code)]

use std::io::Write;

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// One sheet: its name, whether it is hidden, and what goes inside `<sheetData>`.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub hidden: bool,
    pub data: String,
}

/// A workbook written part by part. `active` is the sheet Excel opens on; `strings` the shared
/// strings' XML (inside `<sst>`, with `sst_attrs` on it); style 1 is a date format, style 2 a
/// percentage.
pub struct Book<'a> {
    pub sheets: Vec<Sheet<'a>>,
    pub active: usize,
    pub strings: String,
    pub sst_attrs: String,
    /// Deflate the parts (a zip bomb needs it); stored otherwise.
    pub deflate: bool,
}

impl<'a> Book<'a> {
    pub fn one(data: String) -> Book<'a> {
        Book {
            sheets: vec![Sheet { name: "2023", hidden: false, data }],
            active: 0,
            strings: String::new(),
            sst_attrs: String::new(),
            deflate: false,
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let overrides: String = (1..=self.sheets.len())
            .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
            .collect();
        parts.push(("[Content_Types].xml".into(), format!(r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#).into_bytes()));
        parts.push(("_rels/.rels".into(), format!(r#"<?xml version="1.0"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes()));
        let sheets: String = self
            .sheets
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let state = if s.hidden { r#" state="hidden""# } else { "" };
                format!(r#"<sheet name="{}" sheetId="{}"{state} r:id="rId{}"/>"#, s.name, i + 1, i + 1)
            })
            .collect();
        parts.push(("xl/workbook.xml".into(), format!(r#"<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}"><bookViews><workbookView activeTab="{}"/></bookViews><sheets>{sheets}</sheets></workbook>"#, self.active).into_bytes()));
        let n = self.sheets.len();
        let rels: String = (1..=n)
            .map(|i| format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
            .collect();
        parts.push(("xl/_rels/workbook.xml.rels".into(), format!(r#"<?xml version="1.0"?><Relationships xmlns="{PKG_REL}">{rels}<Relationship Id="rId{}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId{}" Type="{REL}/styles" Target="styles.xml"/></Relationships>"#, n + 1, n + 2).into_bytes()));
        parts.push(("xl/styles.xml".into(), format!(r#"<?xml version="1.0"?><styleSheet xmlns="{NS}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>"#).into_bytes()));
        parts.push((
            "xl/sharedStrings.xml".into(),
            format!(r#"<?xml version="1.0"?><sst xmlns="{NS}" {}>{}</sst>"#, self.sst_attrs, self.strings).into_bytes(),
        ));
        for (i, s) in self.sheets.iter().enumerate() {
            let xml = format!(
                r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{}</sheetData></worksheet>"#,
                s.data
            );
            parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), xml.into_bytes()));
        }
        zip(&parts, self.deflate)
    }
}

pub fn zip(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An inline-string cell.
pub fn text(at: &str, s: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{s}</t></is></c>"#)
}

/// A number cell, with a style (0 none, 1 date, 2 percent).
pub fn number(at: &str, v: &str, style: u8) -> String {
    format!(r#"<c r="{at}" s="{style}"><v>{v}</v></c>"#)
}

/// A row of cells.
pub fn row(r: u32, cells: &[String]) -> String {
    format!(r#"<row r="{r}">{}</row>"#, cells.concat())
}

/// A wide sheet: the county column and one indicator column, then one row per (area, value cell).
pub fn wide(indicator: &str, rows: &[(&str, String)]) -> String {
    let mut data = row(1, &[text("A1", "county"), text("B1", indicator)]);
    for (i, (area, cell)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        data.push_str(&row(r, &[text(&format!("A{r}"), area), cell.clone()]));
    }
    data
}
