//! The document as Word (.docx), written with `docx-rs` (maintained, the most used .docx writer in Rust, with
//! sections, footers, fields and pictures; its one gap, the repeating header row, is patched in
//! [`repeat_header_rows`]): real tables with a repeating header row, heading
//! styles with outline levels (Word's navigation pane), A4 portrait with the wide tables on landscape
//! sections.
//!
//! The page is a 公文's (GB/T 9704-2012): margins top 37 mm, left (binding) 28 mm, a text block of
//! 156 × 225 mm on a grid of 22 lines of 28 characters; the title in 二号 方正小标宋简体, the body in 三号
//! 仿宋_GB2312, headings 一、 in 黑体 and （一） in 楷体_GB2312, each kept with what follows; page numbers
//! "— 1 —" in 四号 宋体, odd pages right and even pages left, one character in from the edge. Each font is
//! declared with the name Windows, WPS and macOS know it by as a fallback ([`FONT_TABLE`]). Tables are in
//! 五号 (10.5 pt) 宋体, off the grid: the indicator table has ten columns and the areas table thirty, which
//! at 三号 would give a column two characters; 五号 is the size 公文 annex tables commonly use. No column
//! is narrower than the widest figure in it ([`fit_widths`]), so no number is broken inside a cell.
//! Charts are the HTML's SVG rasterised to PNG ([`chart::png`]): pictures look the same in Word, WPS and
//! LibreOffice, where DrawingML charts render differently in each and need a spreadsheet part per chart.

use anyhow::Context as _;
use docx_rs::{
    AlignmentType, BuildXML, DocGrid, DocGridType, Docx, Footer, LineSpacing, PageMargin, PageNum, PageOrientationType,
    Paragraph, Pic, Run, RunFonts, Section, Shading, SpecialIndentType, Style, StyleType, Table as WTable, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::{
    Block, ColumnKind, Document, IndicatorChart, Matrix, MatrixRow, Section as Part, StatusBar, Table, chart, clean,
};
use crate::Lang;
use crate::evaluate::Status;
use crate::labels::{DocWord, doc_word, status_symbol};
use crate::output::format::table::units;

/// A4 in twentieths of a point (twips).
const A4: (u32, u32) = (11906, 16838);
/// GB/T 9704 margins in twips: top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm, leaving the
/// 156 × 225 mm text block.
const MARGIN: Margins = Margins { top: 2098, bottom: 1984, left: 1588, right: 1474 };
struct Margins {
    top: i32,
    bottom: i32,
    left: i32,
    right: i32,
}
/// The text block's width: 156 mm.
const PORTRAIT_WIDTH: usize = 11906 - 1588 - 1474;
/// A landscape page holds the same text block turned: 225 mm wide.
const LANDSCAPE_WIDTH: usize = 16838 - 2098 - 1984;
/// The grid of GB/T 9704: 22 lines to the 225 mm page (12,756 twips / 22 = 579.8, Word's templates use 579).
const LINE_PITCH: usize = 579;
/// 28 characters of 三号 to the 156 mm line: 8,844 / 28 = 315.9 twips a character where 16 pt takes 320, so
/// the body's characters are set 0.25 pt closer (`w:spacing w:val="-5"`, in twentieths of a point): 315
/// twips, 28 to the line. Word's templates get there with a `linesAndChars` grid whose `charSpace` is
/// −848 (4096ths of a point); LibreOffice then puts each 16 pt character into two 15.79 pt cells of the
/// grid, 14 characters to the line (seen rendering the mid-term report), so the grid here is of lines only
/// and the spacing is the characters' own, the same in Word, WPS and LibreOffice.
const BODY_CHAR_SPACING: i32 = -5;
/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const SIHAO: usize = 28;
const WUHAO: usize = 21;
const XIAOWU: usize = 18;
/// The fonts of GB/T 9704, by the names Word knows them by; [`FONT_TABLE`] gives each its fallbacks.
const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const HEADING1_FONT: &str = "黑体";
const HEADING2_FONT: &str = "楷体_GB2312";
const TABLE_FONT: &str = "宋体";
/// Pixels of a chart as laid out (96 dpi) to EMU.
const EMU_PER_PX: u32 = 9525;

/// The .docx file, written to `out`.
pub fn render(doc: &Document, out: &mut (impl std::io::Write + std::io::Seek)) -> anyhow::Result<()> {
    let mut docx = styles(Docx::new());
    let mut deferred = Vec::new();
    let runs = orientation_runs(&doc.sections);
    let last = runs.len().saturating_sub(1);
    for (i, (wide, parts)) in runs.into_iter().enumerate() {
        let mut body: Vec<Child> = Vec::new();
        if i == 0 {
            cover(doc, &mut body);
        }
        for part in parts {
            part_children(part, doc, wide, &mut body, &mut deferred);
        }
        if i == last {
            for child in body {
                docx = match child {
                    Child::P(p) => docx.add_paragraph(*p),
                    Child::T(t) => docx.add_table(*t),
                };
            }
            docx = page_setup_document(docx, wide);
        } else {
            let mut section = page_setup_section(Section::new(), wide);
            for child in body {
                section = match child {
                    Child::P(p) => section.add_paragraph(*p),
                    Child::T(t) => section.add_table(*t),
                };
            }
            docx = docx.add_section(section);
        }
    }
    let mut xml = docx.build();
    xml.document = splice_matrices(&repeat_header_rows(&xml.document), &deferred)?;
    xml.document = share_footers(&xml.document);
    xml.font_table = FONT_TABLE.as_bytes().to_vec();
    xml.pack(out)?;
    Ok(())
}

enum Child {
    P(Box<Paragraph>),
    T(Box<WTable>),
}

fn para(p: Paragraph) -> Child {
    Child::P(Box::new(p))
}

fn tbl(t: WTable) -> Child {
    Child::T(Box::new(t))
}

fn is_wide(part: &Part) -> bool {
    part.blocks.iter().any(|b| matches!(b, Block::Table(Table { wide: true, .. }) | Block::Matrix(_)))
}

/// Consecutive parts with the same orientation, so that each run becomes one Word section.
fn orientation_runs(parts: &[Part]) -> Vec<(bool, Vec<&Part>)> {
    let mut runs: Vec<(bool, Vec<&Part>)> = Vec::new();
    for part in parts {
        let wide = is_wide(part);
        match runs.last_mut() {
            Some((w, list)) if *w == wide => list.push(part),
            _ => runs.push((wide, vec![part])),
        }
    }
    runs
}

/// The page number, "— 1 —" in 四号 宋体: on odd pages at the right, on even pages at the left, one
/// character (14 pt) in from the text block's edge.
fn footer(odd: bool) -> Footer {
    let (align, indent) = if odd {
        (AlignmentType::Right, Paragraph::new().indent(None, None, Some(280), None))
    } else {
        (AlignmentType::Left, Paragraph::new().indent(Some(280), None, None, None))
    };
    Footer::new().add_paragraph(
        indent
            .style("PageNumber")
            .align(align)
            .add_run(Run::new().add_text("— "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" —")),
    )
}

fn doc_grid() -> DocGrid {
    DocGrid::new().grid_type(DocGridType::Lines).line_pitch(LINE_PITCH)
}

fn page_setup_section(section: Section, wide: bool) -> Section {
    let (w, h, orient, margin) = page(wide);
    section
        .page_size(docx_rs::PageSize::new().size(w, h).orient(orient))
        .page_orient(orient)
        .page_margin(margin)
        .doc_grid(doc_grid())
}

fn page_setup_document(mut docx: Docx, wide: bool) -> Docx {
    let (w, h, orient, margin) = page(wide);
    docx.document = docx.document.doc_grid(doc_grid());
    docx.page_size(w, h).page_orient(orient).page_margin(margin).footer(footer(true)).even_footer(footer(false))
}

/// The page of a part: portrait with GB/T 9704's margins, or landscape holding the same text block turned
/// (the binding edge at the top). The page number's line (14 pt) starts 7 mm (397 twips) below the text
/// block.
fn page(wide: bool) -> (u32, u32, PageOrientationType, PageMargin) {
    let m = &MARGIN;
    if wide {
        let margin =
            PageMargin::new().top(m.left).bottom(m.right).left(m.top).right(m.bottom).footer(m.right - 397 - 280);
        (A4.1, A4.0, PageOrientationType::Landscape, margin)
    } else {
        let margin =
            PageMargin::new().top(m.top).bottom(m.bottom).left(m.left).right(m.right).footer(m.bottom - 397 - 280);
        (A4.0, A4.1, PageOrientationType::Portrait, margin)
    }
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new().ascii("Times New Roman").hi_ansi("Times New Roman").east_asia(east_asia).hint("eastAsia")
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, font: &str, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(fonts(font))
            .size(SANHAO)
            .outline_lvl(level)
    };
    docx.default_fonts(fonts(BODY_FONT))
        .default_size(SANHAO)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .fonts(fonts(TITLE_FONT))
                .size(ERHAO)
                .align(AlignmentType::Center),
        )
        .add_style(heading("Heading1", "heading 1", HEADING1_FONT, 0))
        .add_style(heading("Heading2", "heading 2", HEADING2_FONT, 1))
        .add_style(
            Style::new("TableText", StyleType::Paragraph)
                .name("Table Text")
                .fonts(fonts(TABLE_FONT))
                .size(WUHAO)
                .snap_to_grid(false)
                .line_spacing(LineSpacing::new().line(240)),
        )
        .add_style(
            Style::new(MATRIX, StyleType::Paragraph)
                .name("Matrix Text")
                .based_on("TableText")
                .fonts(fonts(TABLE_FONT))
                .size(XIAOWU)
                .snap_to_grid(false)
                .line_spacing(LineSpacing::new().line(240)),
        )
        .add_style(
            Style::new("PageNumber", StyleType::Paragraph)
                .name("Page Number")
                .fonts(fonts(TABLE_FONT))
                .size(SIHAO)
                .snap_to_grid(false),
        )
}

/// Every section's sectPr given the page-number footers of the last one (odd and even pages). docx-rs 0.4
/// keeps only one footer of a `Section` (its `add_section` drops the even footer once it has placed the
/// default one), so the sections before the last are built without footers and share the last one's.
fn share_footers(document: &[u8]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(document);
    let Some(last) = xml.rfind("<w:sectPr>") else { return document.to_vec() };
    let end = xml[last..].find("</w:sectPr>").map_or(xml.len(), |e| last + e);
    let mut refs = String::new();
    let mut rest = &xml[last..end];
    while let Some(at) = rest.find("<w:footerReference ") {
        let close = rest[at..].find("/>").map_or(rest.len(), |c| at + c + 2);
        refs.push_str(&rest[at..close]);
        rest = &rest[close..];
    }
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest: &str = &xml;
    while let Some(at) = rest.find("<w:sectPr>") {
        let open = at + "<w:sectPr>".len();
        out.push_str(&rest[..open]);
        let end = rest[open..].find("</w:sectPr>").map_or(rest.len(), |e| open + e);
        if !rest[open..end].contains("<w:footerReference ") {
            out.push_str(&refs);
        }
        rest = &rest[open..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// Every text of the document enters Word here, made fit for XML ([`clean::text`]).
fn text_run(text: &str) -> Run {
    Run::new().add_text(clean::text(text))
}

/// Text of the body or a heading, 28 characters to the line ([`BODY_CHAR_SPACING`]).
/// (Chinese only: English text keeps its font's spacing.)
fn body_run(text: &str, lang: Lang) -> Run {
    let run = text_run(text);
    if lang == Lang::Zh { run.character_spacing(BODY_CHAR_SPACING) } else { run }
}

/// A paragraph of the body, its first line indented two characters of 三号.
fn body_paragraph(text: &str, lang: Lang) -> Paragraph {
    Paragraph::new().indent(None, Some(SpecialIndentType::FirstLine(630)), None, None).add_run(body_run(text, lang))
}

/// A heading, kept on the page of what follows it.
fn heading(style: &str, text: &str, lang: Lang) -> Paragraph {
    Paragraph::new().style(style).keep_next(true).keep_lines(true).add_run(body_run(text, lang))
}

fn cover(doc: &Document, body: &mut Vec<Child>) {
    body.push(para(Paragraph::new().style("Title").keep_next(true).add_run(text_run(&doc.title))));
    body.push(para(Paragraph::new().style("Title").keep_next(true).add_run(text_run(&doc.subtitle))));
    if let Some(notice) = &doc.notice {
        let cell = TableCell::new()
            .shading(Shading::new().fill("FFF3F3"))
            .add_paragraph(Paragraph::new().style("TableText").add_run(text_run(notice).bold().color("C62828")));
        body.push(tbl(WTable::new(vec![TableRow::new(vec![cell]).cant_split()]).set_grid(vec![PORTRAIT_WIDTH])));
    }
    let rows = doc
        .facts
        .iter()
        .map(|(k, v)| {
            TableRow::new(vec![
                TableCell::new().add_paragraph(
                    Paragraph::new().style("TableText").align(AlignmentType::Right).add_run(text_run(k).bold()),
                ),
                TableCell::new().add_paragraph(Paragraph::new().style("TableText").add_run(text_run(v))),
            ])
            .cant_split()
        })
        .collect();
    body.push(para(Paragraph::new()));
    body.push(tbl(WTable::without_borders(rows).set_grid(vec![2400, PORTRAIT_WIDTH - 2400])));
}

fn part_children<'d>(
    part: &'d Part,
    doc: &Document,
    wide: bool,
    body: &mut Vec<Child>,
    deferred: &mut Vec<Deferred<'d>>,
) {
    let lang = doc.lang;
    let width = if wide { LANDSCAPE_WIDTH } else { PORTRAIT_WIDTH };
    body.push(para(heading("Heading1", &part.heading, lang)));
    for (i, block) in part.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(p) | Block::TypeSentence { text: p, .. } => {
                // The sentence that leads into a table or a chart stays on its page, and so does a
                // table's title followed by one note before the table (the areas' changes: a title
                // alone at a page foot, its table on the next page).
                let figure = |b: Option<&Block>| {
                    matches!(
                        b,
                        Some(Block::Table(_) | Block::IndicatorCharts(_) | Block::Matrix(_) | Block::StatusChart(_))
                    )
                };
                let leads = figure(part.blocks.get(i + 1))
                    || (matches!(part.blocks.get(i + 1), Some(Block::Paragraph(_))) && figure(part.blocks.get(i + 2)));
                body.push(para(body_paragraph(p, lang).keep_next(leads)));
            }
            Block::Subheading(h) => body.push(para(heading("Heading2", h, lang))),
            Block::Bullets(items) => {
                for item in items {
                    let p = Paragraph::new().indent(Some(630), Some(SpecialIndentType::Hanging(315)), None, None);
                    body.push(para(p.add_run(body_run(&format!("●\t{item}"), lang))));
                }
            }
            Block::Table(t) => body.push(tbl(table(t, width))),
            // The chart is kept with its legend.
            Block::StatusChart(bars) => {
                let keep = matches!(part.blocks.get(i + 1), Some(Block::Legend(_)));
                body.push(tbl(status_chart(bars, doc, width, keep)));
            }
            Block::IndicatorCharts(charts) => body.push(tbl(indicator_charts(charts, lang, width))),
            Block::Matrix(m) => body.push(defer_matrix(m, width, deferred)),
            Block::Legend(items) => body.push(tbl(legend(items, width))),
            Block::Placeholder(p) => {
                // Indented as the body (三号, two characters), its text highlighted.
                let marked = Paragraph::new().indent(None, Some(SpecialIndentType::FirstLine(630)), None, None);
                body.push(para(marked.add_run(text_run(p).highlight("yellow"))));
            }
        }
        if matches!(block, Block::Table(_) | Block::StatusChart(_) | Block::IndicatorCharts(_) | Block::Matrix(_)) {
            // A spacer, so that two tables stay two; it keeps a chart with the legend after it.
            let keep = matches!(part.blocks.get(i + 1), Some(Block::Legend(_)));
            body.push(para(Paragraph::new().style("TableText").keep_next(keep)));
        }
    }
}

fn cell(text: &str, align: AlignmentType) -> TableCell {
    cell_in(Paragraph::new(), text, align)
}

/// A cell whose paragraph is `p` (a paragraph with the id it would have had).
fn cell_in(p: Paragraph, text: &str, align: AlignmentType) -> TableCell {
    styled_cell(p, "TableText", text, align)
}

fn styled_cell(p: Paragraph, style: &str, text: &str, align: AlignmentType) -> TableCell {
    TableCell::new()
        .vertical_align(VAlignType::Center)
        .add_paragraph(p.style(style).align(align).add_run(text_run(text)))
}

fn header_cell(text: &str) -> TableCell {
    header_cell_in(Paragraph::new(), text)
}

fn header_cell_in(p: Paragraph, text: &str) -> TableCell {
    styled_header_cell(p, "TableText", text)
}

fn styled_header_cell(p: Paragraph, style: &str, text: &str) -> TableCell {
    TableCell::new()
        .shading(Shading::new().fill("E8ECEF"))
        .vertical_align(VAlignType::Center)
        .add_paragraph(p.style(style).align(AlignmentType::Center).add_run(text_run(text).bold()))
}

/// Column widths in twips that fill `width` in the model's proportions.
fn grid(units: &[u16], width: usize) -> Vec<usize> {
    let total: usize = units.iter().map(|&u| usize::from(u)).sum::<usize>().max(1);
    units.iter().map(|&u| usize::from(u) * width / total).collect()
}

/// The default cell padding of a Word table, 0.19 cm each side, and a little room for rounding.
const CELL_PADDING: usize = 2 * 108 + 30;

/// How wide each column must be for its widest piece that may not be broken ([`units`]: a figure with
/// its sign, unit and brackets, `58.7（≥58.7）`) to stand on one line in 五号 ([`char_twips`]).
fn least_widths<'a>(titles: impl Iterator<Item = &'a str>, rows: impl Iterator<Item = &'a [String]>) -> Vec<usize> {
    let twips = |text: &str| -> usize {
        // A word of up to four characters (约束性, 保持达标, 本期值) is not broken either.
        let short = text.chars().count() <= 4 && !text.contains(' ');
        let whole = [text];
        let pieces = if short { &whole[..] } else { &units(text)[..] };
        pieces.iter().map(|u| u.trim_end().chars().map(char_twips).sum()).max().unwrap_or(0)
    };
    let mut least: Vec<usize> = titles.map(twips).collect();
    for row in rows {
        for (l, text) in least.iter_mut().zip(row) {
            *l = (*l).max(twips(text));
        }
    }
    least.into_iter().map(|l| l + CELL_PADDING).collect()
}

/// The width of `c` in 五号, in twips, on the safe side: a digit or `.` half an em (Times New Roman), another
/// Latin character three quarters (`%` is 0.83, capitals up to 0.72), anything else a whole em — `≥`, `（`
/// and the Chinese characters are full width in a Chinese font.
fn char_twips(c: char) -> usize {
    let em = WUHAO * 10;
    match c {
        '0'..='9' | '.' | ',' | ' ' => em / 2,
        c if c.is_ascii() => em * 3 / 4,
        _ => em,
    }
}

/// `widths` with every column at least its `least`, the room taken from the columns that have more than
/// theirs (in proportion to what they have over), so that the table keeps its width where it can.
fn fit_widths(widths: Vec<usize>, least: &[usize]) -> Vec<usize> {
    let short: usize = widths.iter().zip(least).map(|(&w, &l)| l.saturating_sub(w)).sum();
    if short == 0 {
        return widths;
    }
    let spare: usize = widths.iter().zip(least).map(|(&w, &l)| w.saturating_sub(l)).sum();
    let take = short.min(spare);
    widths.iter().zip(least).map(|(&w, &l)| if w < l { l } else { w - (w - l) * take / spare.max(1) }).collect()
}

fn fixed(rows: Vec<TableRow>, widths: Vec<usize>) -> WTable {
    let total = widths.iter().sum();
    // Word's padding at the sides, and 2 pt above and below so that a line of 五号 does not touch the rule.
    WTable::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(total, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(40, 108, 40, 108))
}

fn table(t: &Table, width: usize) -> WTable {
    let widths = grid(&t.columns.iter().map(|c| c.width).collect::<Vec<_>>(), width);
    let cells = t.groups.iter().flat_map(|g| &g.rows).map(|r| r.cells.as_slice());
    let mut least = least_widths(t.columns.iter().map(|c| c.title.as_str()), cells);
    // A status (符合序时进度) is read as one word: its column holds the longest on one line.
    for (i, _) in t.columns.iter().enumerate().filter(|(_, c)| c.kind == ColumnKind::Status) {
        let statuses = t.groups.iter().flat_map(|g| &g.rows).filter_map(|r| r.cells.get(i));
        let widest = statuses.map(|s| s.chars().map(char_twips).sum::<usize>()).max().unwrap_or(0);
        least[i] = least[i].max(widest + CELL_PADDING);
    }
    let widths = fit_widths(widths, &least);
    let mut rows = vec![TableRow::new(t.columns.iter().map(|c| header_cell(&c.title)).collect()).cant_split()];
    for g in &t.groups {
        if !g.title.is_empty() {
            let title = TableCell::new()
                .grid_span(t.columns.len())
                .shading(Shading::new().fill("F5F5F5"))
                .add_paragraph(Paragraph::new().style("TableText").keep_next(true).add_run(text_run(&g.title).bold()));
            rows.push(TableRow::new(vec![title]).cant_split());
        }
        for row in &g.rows {
            let cells = t
                .columns
                .iter()
                .zip(&row.cells)
                .map(|(c, text)| match (c.kind, row.status) {
                    (ColumnKind::Number, _) => cell(text, AlignmentType::Right),
                    (ColumnKind::Status, Some(s)) => {
                        cell(text, AlignmentType::Center).shading(Shading::new().fill(chart::tint(s)))
                    }
                    _ => cell(text, AlignmentType::Left),
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
    }
    fixed(rows, widths)
}

/// A picture of one chart at its laid-out size, rasterised at twice that for print.
fn picture(svg: &str, display_width_px: u32) -> Option<Run> {
    let (png, w, h) = chart::png(svg, 2.0)?;
    let display_height = (u64::from(display_width_px) * u64::from(h) / u64::from(w.max(1))) as u32;
    let pic = Pic::new_with_dimensions(png, w, h).size(display_width_px * EMU_PER_PX, display_height * EMU_PER_PX);
    Some(Run::new().add_image(pic))
}

fn picture_cell(svg: &str, display_width_px: u32) -> TableCell {
    let mut p = Paragraph::new().style("TableText").align(AlignmentType::Center);
    if let Some(run) = picture(svg, display_width_px) {
        p = p.add_run(run);
    }
    TableCell::new().vertical_align(VAlignType::Center).add_paragraph(p)
}

fn status_chart(bars: &[StatusBar], doc: &Document, width: usize, keep_with_next: bool) -> WTable {
    let widths = grid(&[16, 52, 32], width);
    let px = (widths[1] / 15).saturating_sub(8) as u32;
    let rows = bars
        .iter()
        .map(|bar| {
            let counts: Vec<String> =
                bar.counts.iter().map(|(s, n)| format!("{} {n}", doc.status_words.get(*s))).collect();
            TableRow::new(vec![
                cell_in(Paragraph::new().keep_next(keep_with_next), &bar.label, AlignmentType::Left),
                picture_cell(&chart::stacked(bar), px),
                cell(&counts.join(" · "), AlignmentType::Left),
            ])
            .cant_split()
        })
        .collect();
    fixed(rows, widths)
}

fn indicator_charts(charts: &[IndicatorChart], lang: Lang, width: usize) -> WTable {
    let w = |word| doc_word(word, lang);
    let with_series = charts.iter().any(|c| !c.series.is_empty());
    let widths = grid(if with_series { &[5, 26, 37, 20, 12] } else { &[5, 30, 42, 23] }, width);
    let mut header = vec![w(DocWord::No), w(DocWord::Indicator), w(DocWord::BaselineToTarget), w(DocWord::Figures)];
    if with_series {
        header.push(w(DocWord::Series));
    }
    let mut rows = vec![TableRow::new(header.iter().map(|h| header_cell(h)).collect()).cant_split()];
    let bar_px = (widths[2] / 15).saturating_sub(10) as u32;
    let spark_px = widths.get(4).map_or(0, |w| (w / 15).saturating_sub(10) as u32);
    for c in charts {
        let bar = c
            .bar
            .map(|b| picture_cell(&chart::bar(&b, c.status, &c.name), bar_px))
            .unwrap_or_else(|| cell("", AlignmentType::Left));
        let spark = if c.series.is_empty() {
            cell("", AlignmentType::Left)
        } else {
            picture_cell(&chart::sparkline(&c.series, c.status, &c.name), spark_px)
        };
        let mut cells = vec![
            cell(&c.label, AlignmentType::Left),
            cell(&c.name, AlignmentType::Left),
            bar,
            cell(&c.caption, AlignmentType::Left),
        ];
        if with_series {
            cells.push(spark);
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    fixed(rows, widths)
}

/// An areas × indicators matrix waiting for its place: docx-rs elements take a few kilobytes a cell (the
/// matrix of 3,000 areas made the report take 555 MB), so the matrix is built a row at a time into the
/// document's XML once the rest is built ([`splice_matrices`]). A marker paragraph holds its place.
struct Deferred<'d> {
    matrix: &'d Matrix,
    width: usize,
    /// The paragraph id its first cell would have had: docx-rs numbers paragraphs as they are made, so the
    /// matrix's cells keep their ids and the paragraphs after them theirs.
    first_id: u32,
}

fn marker(index: usize) -> String {
    // A style id: text from the input is escaped, so it cannot make a `w:pStyle` element.
    format!("plan-check-matrix-{index}")
}

fn defer_matrix<'d>(m: &'d Matrix, width: usize, deferred: &mut Vec<Deferred<'d>>) -> Child {
    let place = Paragraph::new().style(&marker(deferred.len()));
    let first_id = u32::from_str_radix(&place.id, 16).unwrap_or(0);
    // The ids the matrix's other paragraphs (one a cell) would have taken.
    for _ in 1..(m.rows.len() + 1) * (m.columns.len() + 2) {
        let _ = Paragraph::new();
    }
    deferred.push(Deferred { matrix: m, width, first_id });
    para(place)
}

/// The document's XML with each matrix in its marker's place.
fn splice_matrices(document: &[u8], deferred: &[Deferred]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(document.len());
    let mut rest = document;
    for (i, d) in deferred.iter().enumerate() {
        let style = format!("<w:pStyle w:val=\"{}\" />", marker(i));
        let at = find(rest, style.as_bytes()).context("the docx lost the place of its matrix")?;
        let start = rfind(&rest[..at], b"<w:p ").context("the docx lost the place of its matrix")?;
        let end = find(&rest[at..], b"</w:p>").context("the docx lost the place of its matrix")? + at + b"</w:p>".len();
        out.extend_from_slice(&rest[..start]);
        matrix_xml(d, &mut out);
        rest = &rest[end..];
    }
    out.extend_from_slice(rest);
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The matrix's table, its header row marked to repeat, each row built and written on its own.
fn matrix_xml(d: &Deferred, out: &mut Vec<u8>) {
    let m = d.matrix;
    let mut ids = d.first_id..;
    let mut p = || Paragraph::new().id(format!("{:08x}", ids.next().unwrap_or(0)));
    let table = repeat_header_rows(&matrix(vec![matrix_header(m, &mut p)], m, d.width).build());
    let close = rfind(&table, b"</w:tbl>").unwrap_or(table.len());
    out.extend_from_slice(&table[..close]);
    for row in &m.rows {
        out.extend_from_slice(&matrix_row(row, &mut p).build());
    }
    out.extend_from_slice(&table[close..]);
}

/// The areas table's paragraph style: 小五 (9 pt), for a column per indicator (32) across 225 mm.
const MATRIX: &str = "MatrixText";

fn matrix_header(m: &Matrix, p: &mut impl FnMut() -> Paragraph) -> TableRow {
    let mut header = vec![styled_header_cell(p(), MATRIX, &m.corner)];
    header.extend(m.columns.iter().map(|(label, _)| styled_header_cell(p(), MATRIX, label)));
    header.push(styled_header_cell(p(), MATRIX, &m.count_title));
    TableRow::new(header).cant_split()
}

fn matrix_row(row: &MatrixRow, p: &mut impl FnMut() -> Paragraph) -> TableRow {
    let mut cells = vec![styled_cell(p(), MATRIX, &row.area, AlignmentType::Left)];
    cells.extend(row.cells.iter().map(|s| {
        match s {
            Some(s) => styled_cell(p(), MATRIX, status_symbol(*s), AlignmentType::Center)
                .shading(Shading::new().fill(chart::tint(*s))),
            None => styled_cell(p(), MATRIX, "", AlignmentType::Center),
        }
    }));
    cells.push(styled_cell(p(), MATRIX, &row.binding_off_track.to_string(), AlignmentType::Right));
    TableRow::new(cells).cant_split()
}

fn matrix(rows: Vec<TableRow>, m: &Matrix, width: usize) -> WTable {
    let (first, last) = (1500, 1100);
    let each = (width - first - last) / m.columns.len().max(1);
    let mut widths = vec![first];
    widths.extend(std::iter::repeat_n(each, m.columns.len()));
    widths.push(last);
    // Narrow cells: the default 0.19 cm padding would leave no room for "4a" or "29".
    fixed(rows, widths).margins(TableCellMargins::new().margin(0, 30, 0, 30))
}

/// The legend: as many keys to a row as fit on one line each (a portrait page holds four of 符合序时进度's
/// width, a landscape page all ten), the last row filled out with empty cells.
fn legend(items: &[(Status, String)], width: usize) -> WTable {
    let texts: Vec<String> = items.iter().map(|(s, label)| format!("{} {label}", status_symbol(*s))).collect();
    let widest = texts.iter().map(|t| format!("■ {t}").chars().map(char_twips).sum::<usize>()).max().unwrap_or(0);
    let per_row = (width / (widest + CELL_PADDING).max(1)).clamp(1, items.len().max(1));
    let each = width / per_row;
    let rows = items
        .iter()
        .zip(&texts)
        .collect::<Vec<_>>()
        .chunks(per_row)
        .map(|chunk| {
            let mut cells: Vec<TableCell> = chunk
                .iter()
                .map(|((s, _), text)| {
                    // The strong colour of the charts as a square, the tint of the table cells behind the symbol.
                    let p = Paragraph::new()
                        .style("TableText")
                        .align(AlignmentType::Center)
                        .add_run(Run::new().add_text("■ ").color(chart::fill(*s)))
                        .add_run(text_run(text));
                    TableCell::new()
                        .vertical_align(VAlignType::Center)
                        .shading(Shading::new().fill(chart::tint(*s)))
                        .add_paragraph(p)
                })
                .collect();
            while cells.len() < per_row {
                cells.push(cell("", AlignmentType::Center));
            }
            TableRow::new(cells).cant_split()
        })
        .collect();
    fixed(rows, vec![each; per_row])
}

/// Marks the first row of every table as a header row that Word repeats on each page. docx-rs 0.4 has no
/// `tblHeader`; every table here starts with its header row.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest: &str = &xml;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        let first_row = &table[..table.find("</w:tr>").unwrap_or(table.len())];
        let (cut, replacement, skip) = if let Some(i) = first_row.find("<w:trPr />") {
            (i, "<w:trPr><w:tblHeader /></w:trPr>", "<w:trPr />".len())
        } else if let Some(i) = first_row.find("<w:trPr>") {
            (i, "<w:trPr><w:tblHeader />", "<w:trPr>".len())
        } else {
            (first_row.len(), "", 0)
        };
        out.push_str(&table[..cut]);
        out.push_str(replacement);
        rest = &table[cut + skip..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The fonts the document names, with the names Windows, WPS and macOS know them by as `altName`, and
/// their panose class, so that a reader without one gets the nearest (LibreOffice: Noto Serif/Sans CJK):
/// 仿宋_GB2312 falls back to 仿宋 (FangSong), 楷体_GB2312 to 楷体 (KaiTi), 方正小标宋简体 to a bold Song.
const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="仿宋_GB2312"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="楷体_GB2312"><w:altName w:val="KaiTi"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="方正小标宋简体"><w:altName w:val="FZXiaoBiaoSong-B05S"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_matrix() -> Matrix {
        let row =
            |area: &str, cells: Vec<Option<Status>>, n| MatrixRow { area: area.into(), cells, binding_off_track: n };
        Matrix {
            corner: "地区".into(),
            columns: vec![("1".into(), "a".into()), ("4a".into(), "b <&> c".into())],
            count_title: "约束性需关注".into(),
            rows: vec![
                row("鲤城区", vec![Some(Status::Pass), None], 0),
                row("A & <B>", vec![Some(Status::Fail), Some(Status::Lagging)], 2),
            ],
        }
    }

    /// The document docx-rs builds around `middle`, with a paragraph before and after.
    fn document(middle: Child) -> Vec<u8> {
        let before = Paragraph::new().add_run(text_run("before"));
        let mut docx = Docx::new().add_paragraph(before);
        docx = match middle {
            Child::P(p) => docx.add_paragraph(*p),
            Child::T(t) => docx.add_table(*t),
        };
        let after = Paragraph::new().add_run(text_run("after"));
        repeat_header_rows(&docx.add_paragraph(after).build().document)
    }

    #[test]
    fn a_spliced_matrix_is_the_table_docx_rs_builds_with_the_same_paragraph_ids() -> anyhow::Result<()> {
        let m = sample_matrix();
        // Each test runs on its own thread, whose paragraph ids start at 1; building resets them to 1.
        let mut new_p = Paragraph::new;
        let mut rows = vec![matrix_header(&m, &mut new_p)];
        rows.extend(m.rows.iter().map(|r| matrix_row(r, &mut new_p)));
        let whole = document(tbl(matrix(rows, &m, LANDSCAPE_WIDTH)));
        let mut deferred = Vec::new();
        let placed = document(defer_matrix(&m, LANDSCAPE_WIDTH, &mut deferred));
        let spliced = splice_matrices(&placed, &deferred)?;
        assert_eq!(String::from_utf8_lossy(&spliced), String::from_utf8_lossy(&whole));
        let xml = String::from_utf8_lossy(&spliced);
        assert!(
            xml.contains("<w:tblHeader />") && xml.contains("A &amp; &lt;B&gt;") && !xml.contains("plan-check-matrix")
        );
        Ok(())
    }

    #[test]
    fn a_column_is_widened_to_its_widest_figure_and_the_room_comes_from_the_others() {
        // 58.7（≥58.7）: eight digits and dots at 105 twips, three full-width signs at 210, and the padding.
        let least = least_widths(["目标"].into_iter(), [&["58.7（≥58.7）".to_string()][..]].into_iter());
        assert_eq!(least, [8 * 105 + 3 * 210 + CELL_PADDING]);
        // A short word is not broken; a long text may break between its characters.
        let least =
            least_widths(["类型", "说明"].into_iter(), [&["约束性".into(), "未提供省下达目标".into()][..]].into_iter());
        assert_eq!(least, [3 * 210 + CELL_PADDING, 2 * 210 + CELL_PADDING]);
        // 1,000 short by 500: the 500 come from the other columns in proportion to what they have over.
        assert_eq!(fit_widths(vec![1000, 3000, 2000], &[1500, 1000, 1000]), vec![1500, 2667, 1834]);
        assert_eq!(fit_widths(vec![1000, 3000], &[500, 500]), vec![1000, 3000], "nothing short, nothing moves");
    }

    #[test]
    fn the_first_row_of_every_table_repeats() {
        let xml = b"<w:body><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr></w:tbl><w:p/><w:tbl><w:tr><w:trPr /></w:tr></w:tbl></w:body>";
        let out = String::from_utf8(repeat_header_rows(xml)).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 2, "{out}");
        assert!(out.starts_with("<w:body><w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit />"));
        assert!(out.ends_with("<w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr></w:tbl></w:body>"), "{out}");
    }
}
