//! Charts as self-contained SVG text (no script, no font files, no external assets): line
//! and scatter charts and horizontal bar charts. Every plotted point carries its numbers as
//! `data-x` / `data-y` attributes (bars: `data-label` / `data-value`), so a test (or a
//! reader) can read the chart's data back out of the file.

use std::fmt::Write as _;

/// One series of a line or scatter chart.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    /// Join the points with a line (in the order given).
    pub line: bool,
}

/// A line or scatter chart.
#[derive(Debug, Clone)]
pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
}

const W: f64 = 640.0;
const H: f64 = 360.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 60.0;
/// Height of one legend line.
const LEGEND: f64 = 14.0;
const COLOURS: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
];

/// Text escaped for XML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Round tick positions covering [lo, hi].
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let span = (hi - lo).abs().max(1e-12);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| span / s <= 6.0)
        .unwrap_or(10.0 * mag);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + step * 1e-9 && out.len() < 20 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        t += step;
    }
    out
}

fn label(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e9 || v.abs() < 1e-3) {
        return format!("{v:.2e}");
    }
    if v.abs() >= 1e4 {
        // thousands separated: 1,450,000
        let digits = format!("{:.0}", v.abs());
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        return if v < 0.0 { format!("-{out}") } else { out };
    }
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The range of `v`, widened when it is a single value.
fn extent(v: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for x in v.filter(|x| x.is_finite()) {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi - lo < 1e-12 * lo.abs().max(1.0) {
        let d = lo.abs().max(1.0) * 0.05;
        return (lo - d, hi + d);
    }
    let pad = (hi - lo) * 0.05;
    (lo - pad, hi + pad)
}

/// The chart as an `<svg>` element of 640 × 360.
pub fn line_chart(c: &Chart) -> String {
    let (x0, x1) = extent(c.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)));
    let (y0, y1) = extent(c.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)));
    let px = |x: f64| LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    let py = |y: f64| H - BOTTOM - (y - y0) / (y1 - y0) * (H - TOP - BOTTOM);
    let legend = if c.series.len() > 1 {
        LEGEND * c.series.len() as f64 + 6.0
    } else {
        0.0
    };
    let mut s = open(&c.title, H + legend);
    axes(&mut s, &c.x_label, &c.y_label);
    for t in ticks(x0, x1) {
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{b:.1}" x2="{x:.1}" y2="{e:.1}" stroke="#ccc"/><text x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="11">{l}</text>"##,
            x = px(t),
            b = H - BOTTOM,
            e = TOP,
            ty = H - BOTTOM + 16.0,
            l = label(t)
        );
    }
    for t in ticks(y0, y1) {
        let _ = write!(
            s,
            r##"<line x1="{l0:.1}" y1="{y:.1}" x2="{r:.1}" y2="{y:.1}" stroke="#ccc"/><text x="{tx:.1}" y="{ty:.1}" text-anchor="end" font-size="11">{l}</text>"##,
            l0 = LEFT,
            r = W - RIGHT,
            y = py(t),
            tx = LEFT - 6.0,
            ty = py(t) + 4.0,
            l = label(t)
        );
    }
    for (i, ser) in c.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let _ = write!(
            s,
            r#"<g class="series" data-name="{}" fill="{colour}" stroke="{colour}">"#,
            esc(&ser.name)
        );
        let pts: Vec<(f64, f64)> = ser
            .points
            .iter()
            .copied()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .collect();
        if ser.line && pts.len() > 1 {
            let path: Vec<String> = pts
                .iter()
                .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
                .collect();
            let _ = write!(
                s,
                r#"<polyline fill="none" stroke-width="2" points="{}"/>"#,
                path.join(" ")
            );
        }
        for (x, y) in pts {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" data-x="{x}" data-y="{y}"><title>{}: {}, {}</title></circle>"#,
                px(x),
                py(y),
                esc(&ser.name),
                label(x),
                label(y)
            );
        }
        s.push_str("</g>");
        if c.series.len() > 1 {
            // the legend below the chart, one line per series
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{y:.1}" width="10" height="10" fill="{colour}"/><text x="{tx:.1}" y="{ty:.1}" font-size="11">{}</text>"#,
                esc(&ser.name),
                x = LEFT,
                y = H + 2.0 + LEGEND * i as f64,
                tx = LEFT + 14.0,
                ty = H + 11.0 + LEGEND * i as f64
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// A horizontal bar chart of `bars` (label, value), values from 0.
pub fn bar_chart(title: &str, x_label: &str, bars: &[(String, f64)]) -> String {
    let height = TOP + BOTTOM + 18.0 * bars.len().max(1) as f64;
    // the label column as wide as the longest label (a CJK character ≈ 11 px at 11 px)
    let text_px = |t: &str| -> f64 {
        t.chars()
            .map(|c| if c as u32 >= 0x2E80 { 11.0 } else { 6.3 })
            .sum()
    };
    let left = bars
        .iter()
        .map(|b| text_px(&b.0))
        .fold(120.0, f64::max)
        .min(520.0)
        + 12.0;
    let w_all = left + 380.0;
    let max = bars
        .iter()
        .map(|b| b.1.abs())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
        .max(1e-12);
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w_all}" height="{height}" viewBox="0 0 {w_all} {height}" font-family="sans-serif"><text x="{tx}" y="24" text-anchor="middle" font-size="14" font-weight="bold">{}</text>"#,
        esc(title),
        tx = w_all / 2.0
    );
    for t in ticks(0.0, max) {
        let x = left + t / max * (w_all - left - RIGHT - 40.0);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{b:.1}" stroke="#ccc"/><text x="{x:.1}" y="{ty:.1}" text-anchor="middle" font-size="11">{l}</text>"##,
            b = height - BOTTOM,
            ty = height - BOTTOM + 16.0,
            l = label(t)
        );
    }
    let _ = write!(
        s,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="middle" font-size="12">{}</text>"#,
        esc(x_label),
        x = (left + w_all - RIGHT) / 2.0,
        y = height - 16.0
    );
    for (i, (name, v)) in bars.iter().enumerate() {
        let y = TOP + 18.0 * i as f64;
        let w = if v.is_finite() {
            v.abs() / max * (w_all - left - RIGHT - 40.0)
        } else {
            0.0
        };
        let _ = write!(
            s,
            r##"<text x="{tx:.1}" y="{ty:.1}" text-anchor="end" font-size="11">{n}</text><rect x="{left}" y="{ry:.1}" width="{w:.1}" height="13" fill="#1f77b4" data-label="{n}" data-value="{v}"/><text x="{vx:.1}" y="{ty:.1}" font-size="10">{l}</text>"##,
            tx = left - 6.0,
            ty = y + 11.0,
            n = esc(name),
            ry = y + 1.0,
            vx = left + w + 4.0,
            l = label(*v)
        );
    }
    s.push_str("</svg>");
    s
}

fn open(title: &str, height: f64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{height}" viewBox="0 0 {W} {height}" font-family="sans-serif"><text x="{tx}" y="24" text-anchor="middle" font-size="14" font-weight="bold">{}</text>"#,
        esc(title),
        tx = W / 2.0
    )
}

fn axes(s: &mut String, x_label: &str, y_label: &str) {
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{b}" x2="{r}" y2="{b}" stroke="#333"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{b}" stroke="#333"/><text x="{cx}" y="{xy}" text-anchor="middle" font-size="12">{xl}</text><text x="16" y="{cy}" text-anchor="middle" font-size="12" transform="rotate(-90 16 {cy})">{yl}</text>"##,
        b = H - BOTTOM,
        r = W - RIGHT,
        cx = (LEFT + W - RIGHT) / 2.0,
        xy = H - 16.0,
        cy = (TOP + H - BOTTOM) / 2.0,
        xl = esc(x_label),
        yl = esc(y_label)
    );
}

/// Several charts stacked into one SVG document, one above the other.
pub fn stack(charts: &[String]) -> String {
    let heights: Vec<f64> = charts.iter().map(|c| svg_size(c, "height", H)).collect();
    let total: f64 = heights.iter().sum::<f64>().max(1.0);
    let width = charts
        .iter()
        .map(|c| svg_size(c, "width", W))
        .fold(W, f64::max);
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total}" viewBox="0 0 {width} {total}"><rect width="100%" height="100%" fill="white"/>"#
    );
    let mut y = 0.0;
    for (c, h) in charts.iter().zip(&heights) {
        let _ = write!(s, r#"<g transform="translate(0 {y})">{c}</g>"#);
        y += h;
    }
    s.push_str("</svg>\n");
    s
}

/// The first `attr="…"` number of an SVG element (its width or height).
fn svg_size(svg: &str, attr: &str, default: f64) -> f64 {
    svg.split_once(&format!(" {attr}=\""))
        .and_then(|(_, r)| r.split_once('"'))
        .and_then(|(h, _)| h.parse().ok())
        .unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_carry_their_numbers_and_text_is_escaped() {
        let c = Chart {
            title: "a < b".into(),
            x_label: "x".into(),
            y_label: "y".into(),
            series: vec![Series {
                name: "s&t".into(),
                points: vec![(1.0, 2.5), (2.0, 3.0)],
                line: true,
            }],
        };
        let s = line_chart(&c);
        assert!(s.contains(r#"data-x="1" data-y="2.5""#), "{s}");
        assert!(s.contains("a &lt; b") && s.contains("s&amp;t"));
        let b = bar_chart("t", "x", &[("r".into(), 0.5)]);
        assert!(b.contains(r#"data-label="r" data-value="0.5""#));
        let page = stack(&[s, b]);
        assert!(page.starts_with("<?xml") && page.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let t = ticks(0.0, 1.0);
        assert_eq!(t.len(), 6);
        assert!(t
            .iter()
            .zip([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
            .all(|(a, b)| (a - b).abs() < 1e-12));
        let t = ticks(43.0, 67.0);
        assert!(t.first().unwrap() >= &43.0 && t.last().unwrap() <= &67.0 && t.len() >= 3);
    }
}
