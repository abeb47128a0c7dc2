//! The document as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched, a print
//! stylesheet for A4 (wide tables on landscape pages that hold them whole in width, rows never cut, header
//! rows repeated, a chart and its legend on one page, a heading never last on a page). A figure in a
//! table cell (`58.7`, `（≥58.7）`) is one unbreakable span ([`cell_text`]), so a line never breaks inside
//! it. Every text from a data file, the catalogue or a targets file goes through [`escape`].

use std::fmt::Write as _;
use std::io::Write;

use super::{Block, ColumnKind, Document, IndicatorChart, Matrix, Section, StatusBar, Table, chart};
use crate::Lang;
use crate::evaluate::Status;
use crate::labels::{DocWord, doc_word, status_symbol};

/// Text made safe for HTML content and quoted attribute values, and for XML (the charts' SVG): what
/// XML cannot hold shows as its visible mark ([`super::clean::text`]).
pub fn escape(text: &str) -> String {
    let text = super::clean::text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A table cell's text, escaped, each piece that is a figure and may not be broken
/// ([`crate::output::format::table::units`]: `58.7（≥58.7）`, `25.81%`) in a `<span class="nb">` that does
/// not wrap.
pub fn cell_text(text: &str) -> String {
    let text = super::clean::text(text);
    let mut out = String::with_capacity(text.len() + 16);
    for unit in crate::output::format::table::units(&text) {
        // A figure: digits, signs and brackets, no letters (a word like `alert(1)` is left as it is).
        let figure = unit.contains(|c: char| c.is_ascii_digit()) && !unit.contains(|c: char| c.is_ascii_alphabetic());
        if figure && unit.chars().nth(1).is_some() {
            let _ = write!(out, "<span class=\"nb\">{}</span>", escape(unit));
        } else {
            out.push_str(&escape(unit));
        }
    }
    out
}

pub fn render(doc: &Document, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut page = String::new();
    let lang = if doc.lang == Lang::Zh { "zh-CN" } else { "en" };
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"plan-check\">\n<title>{} {}</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        escape(&doc.title),
        escape(&doc.subtitle),
        stylesheet()
    );
    cover(doc, &mut page);
    page.push_str("<main>\n");
    // Written a section at a time: the page is never held whole.
    for section in &doc.sections {
        render_section(section, doc, &mut page);
        out.write_all(page.as_bytes())?;
        page.clear();
    }
    page.push_str("</main>\n</body>\n</html>\n");
    out.write_all(page.as_bytes())?;
    Ok(())
}

fn cover(doc: &Document, page: &mut String) {
    let _ = writeln!(
        page,
        "<header class=\"cover\">\n<h1>{}<span class=\"subtitle\">{}</span></h1>",
        escape(&doc.title),
        escape(&doc.subtitle)
    );
    if let Some(notice) = &doc.notice {
        let _ = writeln!(page, "<p class=\"notice\" role=\"note\">{}</p>", escape(notice));
    }
    page.push_str("<table class=\"facts\"><tbody>\n");
    for (k, v) in &doc.facts {
        let _ = writeln!(page, "<tr><th scope=\"row\">{}</th><td>{}</td></tr>", escape(k), escape(v));
    }
    page.push_str("</tbody></table>\n<nav class=\"toc\"><ol>\n");
    for s in &doc.sections {
        let _ = writeln!(page, "<li><a href=\"#{}\">{}</a></li>", s.id, escape(&s.heading));
    }
    page.push_str("</ol></nav>\n</header>\n");
}

fn render_section(section: &Section, doc: &Document, page: &mut String) {
    let lang = doc.lang;
    let wide = section.blocks.iter().any(|b| matches!(b, Block::Table(Table { wide: true, .. }) | Block::Matrix(_)));
    let class = if wide { " class=\"wide\"" } else { "" };
    let _ = writeln!(page, "<section id=\"{}\"{class}>\n<h2>{}</h2>", section.id, escape(&section.heading));
    for (i, block) in section.blocks.iter().enumerate() {
        // A chart and the legend after it print on one page: never a page of the legend alone.
        let legend_next = matches!(section.blocks.get(i + 1), Some(Block::Legend(_)));
        if legend_next && matches!(block, Block::StatusChart(_)) {
            page.push_str("<div class=\"with-legend\">\n");
        }
        match block {
            Block::Paragraph(p) => {
                let _ = writeln!(page, "<p>{}</p>", escape(p));
            }
            Block::TypeSentence { kind, text } => {
                let _ = writeln!(page, "<p class=\"type-summary\" data-type=\"{kind}\">{}</p>", escape(text));
            }
            Block::Subheading(h) => {
                let _ = writeln!(page, "<h3>{}</h3>", escape(h));
            }
            Block::Bullets(items) => {
                page.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(page, "<li>{}</li>", escape(item));
                }
                page.push_str("</ul>\n");
            }
            Block::Table(t) => table(t, page),
            Block::StatusChart(bars) => status_chart(bars, doc, page),
            Block::IndicatorCharts(charts) => indicator_charts(charts, lang, page),
            Block::Matrix(m) => matrix(m, &doc.status_words, page),
            Block::Legend(items) => legend(items, page),
            Block::Placeholder(p) => {
                let _ = writeln!(page, "<p class=\"placeholder\" style=\"background:#fff3b0\">{}</p>", escape(p));
            }
        }
        let after_chart = i > 0 && matches!(section.blocks.get(i - 1), Some(Block::StatusChart(_)));
        if after_chart && matches!(block, Block::Legend(_)) {
            page.push_str("</div>\n");
        }
    }
    page.push_str("</section>\n");
}

fn table(t: &Table, page: &mut String) {
    let _ = writeln!(page, "<table class=\"data {0}\" id=\"table-{0}\">", t.id);
    let total: u32 = t.columns.iter().map(|c| u32::from(c.width)).sum();
    page.push_str("<colgroup>");
    for c in &t.columns {
        let _ = write!(page, "<col style=\"width:{:.1}%\">", f64::from(c.width) * 100.0 / f64::from(total.max(1)));
    }
    page.push_str("</colgroup>\n<thead><tr>");
    for c in &t.columns {
        let _ = write!(page, "<th scope=\"col\">{}</th>", escape(&c.title));
    }
    page.push_str("</tr></thead>\n");
    // One tbody per group, so that printing keeps a domain's title with its rows.
    for g in &t.groups {
        page.push_str("<tbody>\n");
        if !g.title.is_empty() {
            let _ = writeln!(
                page,
                "<tr class=\"group\"><th colspan=\"{}\" scope=\"rowgroup\">{}</th></tr>",
                t.columns.len(),
                escape(&g.title)
            );
        }
        for row in &g.rows {
            let status = row.status.map(|s| format!(" data-status=\"{}\"", s.as_str())).unwrap_or_default();
            let _ = write!(page, "<tr data-indicator=\"{}\"{status}>", escape(&row.indicator));
            for (c, cell) in t.columns.iter().zip(&row.cells) {
                let class = match (c.kind, row.status) {
                    (ColumnKind::Number, _) => "num".to_string(),
                    (ColumnKind::Status, Some(s)) => format!("status s-{}", s.as_str()),
                    _ => String::new(),
                };
                let _ = write!(page, "<td class=\"{class}\">{}</td>", cell_text(cell));
            }
            page.push_str("</tr>\n");
        }
        page.push_str("</tbody>\n");
    }
    page.push_str("</table>\n");
}

fn status_chart(bars: &[StatusBar], doc: &Document, page: &mut String) {
    let lang = doc.lang;
    page.push_str("<figure class=\"status-chart\">\n<table class=\"stack\"><tbody>\n");
    for bar in bars {
        let counts: Vec<String> =
            bar.counts.iter().map(|(s, n)| format!("{} {n}", escape(doc.status_words.get(*s)))).collect();
        let _ = writeln!(
            page,
            "<tr data-type=\"{}\"><th scope=\"row\">{}</th><td class=\"svg\">{}</td><td>{}</td></tr>",
            bar.kind,
            escape(&bar.label),
            chart::stacked(bar),
            counts.join(" · ")
        );
    }
    let caption = doc_word(DocWord::StatusFigure, lang);
    let _ = writeln!(page, "</tbody></table>\n<figcaption>{caption}</figcaption>\n</figure>");
}

fn indicator_charts(charts: &[IndicatorChart], lang: Lang, page: &mut String) {
    let w = |word| doc_word(word, lang);
    let with_series = charts.iter().any(|c| !c.series.is_empty());
    let series_head = if with_series { format!("<th>{}</th>", w(DocWord::Series)) } else { String::new() };
    let _ = writeln!(
        page,
        "<table class=\"charts\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>{series_head}</tr></thead><tbody>",
        w(DocWord::No),
        w(DocWord::Indicator),
        w(DocWord::BaselineToTarget),
        w(DocWord::Figures),
    );
    for c in charts {
        let bar = c.bar.map(|b| chart::bar(&b, c.status, &c.name)).unwrap_or_default();
        let spark = match (with_series, c.series.is_empty()) {
            (false, _) => String::new(),
            (true, true) => "<td></td>".to_string(),
            (true, false) => format!("<td class=\"svg\">{}</td>", chart::sparkline(&c.series, c.status, &c.name)),
        };
        let _ = writeln!(
            page,
            "<tr data-indicator=\"{}\"><td>{}</td><td>{}</td><td class=\"svg\">{bar}</td><td>{}</td>{spark}</tr>",
            escape(&c.indicator),
            escape(&c.label),
            escape(&c.name),
            cell_text(&c.caption)
        );
    }
    let _ = writeln!(page, "</tbody></table>");
}

fn matrix(m: &Matrix, status_words: &super::StatusWords, page: &mut String) {
    let _ = write!(page, "<table class=\"matrix\"><thead><tr><th scope=\"col\">{}</th>", escape(&m.corner));
    for (label, name) in &m.columns {
        let _ = write!(page, "<th scope=\"col\" title=\"{}\">{}</th>", escape(name), escape(label));
    }
    let _ = writeln!(page, "<th scope=\"col\" class=\"count\">{}</th></tr></thead><tbody>", escape(&m.count_title));
    for row in &m.rows {
        let _ = write!(page, "<tr data-area=\"{0}\"><th scope=\"row\">{0}</th>", escape(&row.area));
        for cell in &row.cells {
            match cell {
                Some(s) => {
                    let _ = write!(
                        page,
                        "<td class=\"s-{}\" title=\"{}\">{}</td>",
                        s.as_str(),
                        escape(status_words.get(*s)),
                        status_symbol(*s)
                    );
                }
                None => page.push_str("<td></td>"),
            }
        }
        let _ = writeln!(page, "<td class=\"num count\">{}</td></tr>", row.binding_off_track);
    }
    page.push_str("</tbody></table>\n");
}

fn legend(items: &[(Status, String)], page: &mut String) {
    page.push_str("<p class=\"legend\">");
    for (s, label) in items {
        let _ = write!(
            page,
            "<span class=\"key\">{}<span class=\"sym s-{}\">{}</span>{}</span> ",
            chart::swatch(*s),
            s.as_str(),
            status_symbol(*s),
            escape(label)
        );
    }
    page.push_str("</p>\n");
}

fn stylesheet() -> String {
    let mut css = String::from(STYLE);
    for s in Status::ALL {
        let _ = writeln!(css, ".s-{} {{ background: #{}; }}", s.as_str(), chart::tint(s));
    }
    css
}

const STYLE: &str = r#"
:root { --serif: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  --sans: "SimHei", "黑体", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  --fang: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; }
body { font-family: var(--fang); font-size: 15px; line-height: 1.6; color: #111; margin: 0 auto; max-width: 1180px; padding: 24px; }
h1 { font-family: var(--sans); font-size: 26px; text-align: center; margin: 8px 0 16px; line-height: 1.4; }
h1 .subtitle { display: block; font-size: 22px; }
h2 { font-family: var(--sans); font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-family: var(--sans); font-size: 16px; margin: 18px 0 8px; break-after: avoid; }
p { margin: 6px 0; text-indent: 2em; line-break: strict; }
td, th { line-break: strict; }
span.nb { white-space: nowrap; }
p.legend { text-indent: 0; font-size: 12px; }
.notice { text-indent: 0; border: 2px solid #C62828; background: #FFF3F3; padding: 8px 12px; font-weight: bold; }
table { border-collapse: collapse; font-family: var(--serif); font-size: 12px; }
table.facts { margin: 0 auto 12px; font-size: 14px; }
table.facts th { text-align: right; padding: 2px 12px 2px 0; font-family: var(--sans); font-weight: normal; color: #444; white-space: nowrap; }
table.facts td { padding: 2px 0; }
table.data, table.charts, table.matrix { width: 100%; margin: 8px 0; }
table.data th, table.data td, table.matrix th, table.matrix td, table.charts th, table.charts td { border: 1px solid #777; padding: 3px 4px; vertical-align: top; }
thead th { background: #E8ECEF; font-family: var(--sans); font-weight: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.group { break-after: avoid; page-break-after: avoid; }
tbody { break-inside: avoid; }
tr.group th { text-align: left; background: #F5F5F5; font-family: var(--sans); }
td.num { text-align: right; }
td.status { white-space: nowrap; text-align: center; }
table.matrix { table-layout: fixed; }
table.matrix td, table.matrix thead th { text-align: center; padding: 2px 1px; }
table.matrix th[scope=row] { text-align: left; white-space: nowrap; font-weight: normal; }
table.matrix thead th:first-child { width: 8em; }
table.matrix th.count { width: 5.5em; }
table.charts td { vertical-align: middle; }
td.svg { padding: 2px; line-height: 0; }
table.stack { width: 100%; table-layout: fixed; }
table.stack th { width: 9em; }
table.stack td.svg { width: 60%; }
table.stack td.svg svg { width: 100%; height: auto; }
table.stack td:last-child { font-size: 11px; }
table.stack th { text-align: left; padding-right: 8px; font-family: var(--sans); font-weight: normal; white-space: nowrap; }
table.stack td { padding: 3px 6px 3px 0; }
figure { margin: 10px 0; break-inside: avoid; }
div.with-legend { break-inside: avoid; page-break-inside: avoid; }
p.legend { break-before: avoid; page-break-before: avoid; }
table.matrix + p.legend { margin-top: 4px; }
figcaption { font-size: 12px; text-align: center; }
.key { white-space: nowrap; margin-right: 10px; }
.key svg { vertical-align: -1px; margin-right: 2px; }
.sym { display: inline-block; min-width: 1.4em; text-align: center; border: 1px solid #999; margin-right: 3px; }
nav.toc ol { list-style: none; padding: 0; columns: 2; font-size: 14px; }
nav.toc a { color: #114; text-decoration: none; }
@page { size: A4 portrait; margin: 16mm 14mm 18mm;
  @bottom-center { content: counter(page); font-size: 10pt; } }
@page wide { size: A4 landscape; margin: 12mm 12mm 14mm;
  @bottom-center { content: counter(page); font-size: 10pt; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section.wide { page: wide; }
  /* The landscape tables fill the page's width and no more: their right rule stays on the page. */
  section.wide table.data, section.wide table.matrix { width: 100%; max-width: 100%; table-layout: fixed; }
  section.wide table.data td, section.wide table.data th { overflow-wrap: normal; word-break: normal; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  nav.toc { display: none; }
  table { font-size: 8.5pt; }
  table.matrix { font-size: 8pt; }
  .notice, thead th, tr.group th, [class^="s-"], [class*=" s-"] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
