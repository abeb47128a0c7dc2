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

/// One report written as .docx and as .html with the same arguments, in `dir`.
pub struct Both {
    /// The Word file's text ([`docx_text`]).
    pub docx: String,
    /// The HTML page as written.
    pub html: String,
    /// The exit code and standard error of the second run (the two runs judge alike).
    pub code: i32,
    pub stderr: String,
}

/// Runs `report ARGS -o r.docx` and `report ARGS -o r.html` in `dir`; each must exit 0 or 1.
pub fn report_both(dir: &Path, args: &[&str]) -> Both {
    let mut paths = Vec::new();
    let (mut code, mut stderr) = (0, String::new());
    for name in ["r.docx", "r.html"] {
        let path = dir.join(name);
        let p = path.to_str().unwrap().to_string();
        let full = [&["report"], args, &["-o", &p]].concat();
        let r = super::run(&full);
        assert!(r.code == 0 || r.code == 1, "{}: {}", r.cmd, r.stderr);
        (code, stderr) = (r.code, r.stderr.clone());
        paths.push(path);
    }
    Both { docx: docx_text(&paths[0]), html: std::fs::read_to_string(&paths[1]).unwrap(), code, stderr }
}
