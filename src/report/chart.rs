//! The document's charts as SVG: a baseline → target bar per indicator, a stacked bar of statuses per type,
//! and sparklines. The SVG carries shapes only, no text: the labels stay text of the page (or of the Word
//! table beside the picture), so they can be searched, translated and printed in the reader's fonts, and the
//! same SVG rasterises to the same picture for Word with no font installed ([`png`]).

use std::fmt::Write as _;

use super::{Bar, StatusBar};
use crate::evaluate::Status;
use crate::progress::Point;

pub const BAR_SIZE: (u32, u32) = (360, 28);
pub const SPARK_SIZE: (u32, u32) = (120, 28);
pub const STACK_SIZE: (u32, u32) = (480, 22);

/// The strong colour of a status: bars, sparkline dots, stacked segments.
pub fn fill(s: Status) -> &'static str {
    match s {
        Status::Pass | Status::Achieved | Status::Held => "2E7D32",
        Status::OnTrack => "7CB342",
        Status::Lagging => "F9A825",
        Status::Regressing | Status::Fail => "C62828",
        Status::Pending => "78909C",
        Status::Missing => "B0BEC5",
        Status::NotApplicable => "E0E0E0",
    }
}

/// The light colour of a status: table cells, where black text must stay readable.
pub fn tint(s: Status) -> &'static str {
    match s {
        Status::Pass | Status::Achieved | Status::Held => "C8E6C9",
        Status::OnTrack => "E6F2D5",
        Status::Lagging => "FFE6A8",
        Status::Regressing | Status::Fail => "FFCDD2",
        Status::Pending => "E1E7EB",
        Status::Missing => "F2F2F2",
        Status::NotApplicable => "FFFFFF",
    }
}

fn open(svg: &mut String, (w, h): (u32, u32), label: &str) {
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        super::html::escape(label)
    );
}

/// Baseline, target, current value and (at mid-term) the value due by now, on one axis.
pub fn bar(b: &Bar, status: Status, label: &str) -> String {
    let (w, h) = BAR_SIZE;
    let points = [Some(b.baseline), Some(b.target), Some(b.value), b.mark];
    let lo = points.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let hi = points.iter().flatten().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if hi - lo > 1e-12 { hi - lo } else { 1.0 };
    let x = |v: f64| 8.0 + (v - lo) / span * f64::from(w - 16);
    let mut svg = String::new();
    open(&mut svg, (w, h), label);
    let _ = write!(svg, r##"<rect x="0" y="9" width="{w}" height="10" fill="#F3F5F6"/>"##);
    let (a, z) = (x(b.baseline).min(x(b.target)), x(b.baseline).max(x(b.target)));
    let _ = write!(svg, r##"<rect x="{a:.1}" y="8" width="{:.1}" height="12" fill="#CFD8DC"/>"##, z - a);
    let (a, z) = (x(b.baseline).min(x(b.value)), x(b.baseline).max(x(b.value)));
    let _ = write!(
        svg,
        r##"<rect x="{a:.1}" y="10" width="{:.1}" height="8" fill="#{}"/>"##,
        (z - a).max(1.0),
        fill(status)
    );
    let _ = write!(
        svg,
        r##"<line x1="{0:.1}" y1="5" x2="{0:.1}" y2="23" stroke="#607D8B" stroke-width="1"/>"##,
        x(b.baseline)
    );
    if let Some(mark) = b.mark {
        let _ = write!(
            svg,
            r##"<line x1="{0:.1}" y1="2" x2="{0:.1}" y2="26" stroke="#37474F" stroke-width="1.5" stroke-dasharray="3 2"/>"##,
            x(mark)
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{0:.1}" y1="2" x2="{0:.1}" y2="26" stroke="#000000" stroke-width="2.5"/>"##,
        x(b.target)
    );
    svg.push_str("</svg>");
    svg
}

/// The values by year as a line, the last point in the status colour.
pub fn sparkline(series: &[Point], status: Status, label: &str) -> String {
    let (w, h) = SPARK_SIZE;
    let lo = series.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let hi = series.iter().map(|p| p.value).fold(f64::NEG_INFINITY, f64::max);
    let (first, last) = match (series.first(), series.last()) {
        (Some(f), Some(l)) => (f.year, l.year),
        _ => return String::new(),
    };
    let years = f64::from((last - first).max(1));
    let span = if hi - lo > 1e-12 { hi - lo } else { 1.0 };
    let x = |year: i32| 5.0 + f64::from(year - first) / years * f64::from(w - 10);
    // A flat series sits in the middle rather than on the floor.
    let y = |v: f64| {
        if hi - lo > 1e-12 { f64::from(h) - 5.0 - (v - lo) / span * f64::from(h - 10) } else { f64::from(h) / 2.0 }
    };
    let mut svg = String::new();
    open(&mut svg, (w, h), label);
    let path: Vec<String> = series.iter().map(|p| format!("{:.1},{:.1}", x(p.year), y(p.value))).collect();
    let _ = write!(svg, r##"<polyline points="{}" fill="none" stroke="#455A64" stroke-width="1.5"/>"##, path.join(" "));
    for p in series {
        let _ = write!(svg, r##"<circle cx="{:.1}" cy="{:.1}" r="1.8" fill="#455A64"/>"##, x(p.year), y(p.value));
    }
    if let Some(p) = series.last() {
        let _ =
            write!(svg, r##"<circle cx="{:.1}" cy="{:.1}" r="3.2" fill="#{}"/>"##, x(p.year), y(p.value), fill(status));
    }
    svg.push_str("</svg>");
    svg
}

/// One type's statuses as segments of one bar, widths proportional to the counts.
pub fn stacked(bar: &StatusBar) -> String {
    let (w, h) = STACK_SIZE;
    let total: usize = bar.counts.iter().map(|(_, n)| n).sum();
    let mut svg = String::new();
    open(&mut svg, (w, h), &bar.label);
    let mut at = 0.0;
    for &(status, n) in &bar.counts {
        let width = n as f64 / total.max(1) as f64 * f64::from(w);
        let _ = write!(
            svg,
            r##"<rect x="{at:.1}" y="0" width="{width:.1}" height="{h}" fill="#{}" stroke="#FFFFFF" stroke-width="1"/>"##,
            fill(status)
        );
        at += width;
    }
    svg.push_str("</svg>");
    svg
}

/// A square swatch of a status colour, for legends.
pub fn swatch(s: Status) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill="#{}"/></svg>"##,
        fill(s)
    )
}

/// Rasterises one of these SVGs for Word, at `scale` times its size; `None` if it does not parse.
pub fn png(svg: &str, scale: f32) -> Option<(Vec<u8>, u32, u32)> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).ok()?;
    let size = tree.size().to_int_size();
    let (w, h) = ((size.width() as f32 * scale).ceil() as u32, (size.height() as f32 * scale).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(w, h)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    Some((pixmap.encode_png().ok()?, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chart_is_valid_svg_that_rasterises() {
        let b = Bar { baseline: 64.4, target: 80.0, value: 73.67, mark: Some(73.76) };
        let series =
            [Point { year: 2020, value: 1.0 }, Point { year: 2021, value: 2.0 }, Point { year: 2023, value: 1.5 }];
        let stack = StatusBar {
            kind: "binding",
            label: "约束性 <&>".into(),
            counts: vec![(Status::Achieved, 4), (Status::Pending, 11)],
        };
        for svg in [
            bar(&b, Status::Lagging, "x"),
            sparkline(&series, Status::OnTrack, "y"),
            stacked(&stack),
            swatch(Status::Fail),
        ] {
            let (png, w, h) = png(&svg, 2.0).unwrap_or_else(|| panic!("{svg}"));
            assert!(png.starts_with(b"\x89PNG") && w > 0 && h > 0);
        }
        assert!(stacked(&stack).contains("约束性 &lt;&amp;&gt;"));
    }

    #[test]
    fn the_bar_puts_the_target_where_the_axis_says() {
        // Lower is better: target 10 below baseline 20, value 15 half way; the axis runs 10 → 20.
        let svg = bar(&Bar { baseline: 20.0, target: 10.0, value: 15.0, mark: None }, Status::OnTrack, "");
        assert!(svg.contains(r##"x1="8.0" y1="2" x2="8.0" y2="26" stroke="#000000""##), "{svg}");
        assert!(!svg.contains("stroke-dasharray"));
    }
}
