//! Reading a Word file's text the way a reader sees it: the runs (`<w:t>`) of WordprocessingML, unescaped,
//! each paragraph on its own line, from every XML part (document, headers, footers, …).

use std::io::Read;
use std::path::Path;

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text runs of one piece of WordprocessingML, joined, without separators.
pub fn runs(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        let tag_end = rest[start..].find('>').map_or(rest.len(), |i| start + i + 1);
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tc>`, `<w:tr>` …
        let is_text = matches!(rest.as_bytes().get(start + 4), Some(b'>' | b' '));
        let Some(close) = rest[tag_end..].find("</w:t>").filter(|_| is_text) else {
            rest = &rest[tag_end..];
            continue;
        };
        out.push_str(&unescape(&rest[tag_end..tag_end + close]));
        rest = &rest[tag_end + close..];
    }
    out
}

/// The runs of a piece of WordprocessingML, each paragraph on its own line.
pub fn paragraphs(xml: &str) -> String {
    xml.split("</w:p>").map(|p| runs(p) + "\n").collect()
}

/// The text of every XML part of the Word file at `path`, each paragraph on its own line.
pub fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if !f.name().is_ok_and(|n| n.ends_with(".xml")) {
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        all.push_str(&paragraphs(&xml));
    }
    all
}
