//! Plots of cost against size, drawn as SVG by hand (`kizuna bench all`):
//! log-log axes with a tick per power of ten, one line per engine, the
//! axes labelled and a legend. No plotting crate: a few lines and texts
//! are all it takes, and the file is plain enough to read in a diff.

use std::fmt::Write as _;

/// One line of a plot: its label and its points (size, value), both > 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
}

/// What a plot shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Plot {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<Series>,
}

/// Colours told apart also by people with the common colour-vision
/// deficiencies (Okabe and Ito's palette), and a dash pattern per line
/// for when colour is not seen at all.
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
];
const DASHES: [&str; 4] = ["", "6 3", "2 3", "8 3 2 3"];

const WIDTH: f64 = 720.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 40.0;
const PLOT_H: f64 = 320.0;

/// Text safe inside an XML element or attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The powers of ten spanning `lo..=hi` (both > 0), at least one decade.
fn decades(lo: f64, hi: f64) -> (i32, i32) {
    let a = lo.log10().floor() as i32;
    let mut b = hi.log10().ceil() as i32;
    if b <= a {
        b = a + 1;
    }
    (a, b)
}

/// A power of ten as people read it: 0.01, 1, 1,000, 10⁷.
fn tick_label(e: i32) -> String {
    match e {
        e if !(-3..=6).contains(&e) => format!("1e{e}"),
        e if e < 0 => format!("{}", 10f64.powi(e)),
        e => {
            let digits = 10u64.pow(e as u32).to_string();
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        }
    }
}

/// The SVG document of `plot`. Points that are not positive and finite
/// cannot sit on a log axis and are left out; a plot with none says so.
pub fn svg(plot: &Plot) -> String {
    let series: Vec<Series> = plot
        .series
        .iter()
        .map(|s| Series {
            label: s.label.clone(),
            points: s
                .points
                .iter()
                .copied()
                .filter(|(x, y)| x.is_finite() && y.is_finite() && *x > 0.0 && *y > 0.0)
                .collect(),
        })
        .filter(|s| !s.points.is_empty())
        .collect();
    let legend_h = 18.0 * series.len().max(1) as f64;
    let height = TOP + PLOT_H + 50.0 + legend_h + 10.0;
    let plot_w = WIDTH - LEFT - RIGHT;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">
<title>{}</title>
<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>
<text x="{}" y="22" text-anchor="middle" font-size="15" font-weight="bold">{}</text>"##,
        escape(&plot.title),
        WIDTH / 2.0,
        escape(&plot.title)
    );
    let all: Vec<(f64, f64)> = series.iter().flat_map(|s| s.points.iter().copied()).collect();
    if all.is_empty() {
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle">No figures were recorded for this workload.</text>
</svg>"#,
            WIDTH / 2.0,
            TOP + PLOT_H / 2.0
        );
        return out;
    }
    let (x0, x1) = decades(
        all.iter().map(|p| p.0).fold(f64::INFINITY, f64::min),
        all.iter().map(|p| p.0).fold(0.0, f64::max),
    );
    let (y0, y1) = decades(
        all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min),
        all.iter().map(|p| p.1).fold(0.0, f64::max),
    );
    let px = |x: f64| LEFT + (x.log10() - f64::from(x0)) / f64::from(x1 - x0) * plot_w;
    let py = |y: f64| TOP + PLOT_H - (y.log10() - f64::from(y0)) / f64::from(y1 - y0) * PLOT_H;
    // Grid and ticks, a line per power of ten.
    for e in x0..=x1 {
        let x = px(10f64.powi(e));
        let _ = writeln!(
            out,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{:.1}" stroke="#dddddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
            TOP + PLOT_H,
            TOP + PLOT_H + 16.0,
            tick_label(e)
        );
    }
    for e in y0..=y1 {
        let y = py(10f64.powi(e));
        let _ = writeln!(
            out,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT + plot_w,
            LEFT - 6.0,
            y + 4.0,
            tick_label(e)
        );
    }
    let _ = writeln!(
        out,
        r##"<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{PLOT_H}" fill="none" stroke="#000000"/>
<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>
<text transform="translate(18 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"##,
        LEFT + plot_w / 2.0,
        TOP + PLOT_H + 36.0,
        escape(&plot.x_label),
        TOP + PLOT_H / 2.0,
        escape(&plot.y_label)
    );
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let dash = DASHES[(i / COLOURS.len() + i) % DASHES.len()];
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        let mut pts = s.points.clone();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let path: Vec<String> = pts
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", px(*x), py(*y)))
            .collect();
        let _ = writeln!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>"#,
            path.join(" ")
        );
        for (x, y) in &pts {
            let _ = writeln!(
                out,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"><title>{}: {} at {}</title></circle>"#,
                px(*x),
                py(*y),
                escape(&s.label),
                short(*y),
                short(*x)
            );
        }
        let ly = TOP + PLOT_H + 56.0 + 18.0 * i as f64;
        let _ = writeln!(
            out,
            r#"<line x1="{LEFT}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="2"{dash_attr}/><text x="{:.1}" y="{:.1}">{}</text>"#,
            LEFT + 28.0,
            LEFT + 34.0,
            ly + 4.0,
            escape(&s.label)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// A figure in three significant digits.
pub fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let digits = 3 - 1 - v.abs().log10().floor() as i32;
    if digits <= 0 {
        format!("{v:.0}")
    } else {
        format!("{v:.*}", digits as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plot() -> Plot {
        Plot {
            title: "places: nearest-20 <median> & more".into(),
            x_label: "places".into(),
            y_label: "median (ms)".into(),
            series: vec![
                Series {
                    label: "kizuna".into(),
                    points: vec![(1e4, 0.002), (1e5, 0.003), (1e6, 0.004)],
                },
                Series {
                    label: "postgis \"GiST\"".into(),
                    points: vec![(1e4, 0.1), (1e6, 0.3), (1e5, 0.2)],
                },
                Series {
                    label: "broken".into(),
                    points: vec![(1e4, 0.0), (f64::NAN, 1.0)],
                },
            ],
        }
    }

    /// Well-formed XML, checked by quick-xml's reader (end tags matched).
    fn well_formed(text: &str) -> Result<usize, String> {
        let mut r = quick_xml::Reader::from_str(text);
        let mut elements = 0;
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => return Ok(elements),
                Ok(quick_xml::events::Event::Start(_) | quick_xml::events::Event::Empty(_)) => elements += 1,
                Ok(_) => {}
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    #[test]
    fn the_plot_is_well_formed_svg_with_a_line_per_engine_and_a_legend() {
        let text = svg(&plot());
        assert!(well_formed(&text).unwrap() > 10, "{text}");
        assert!(text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        // Two lines: the series with no positive finite point is left out.
        assert_eq!(text.matches("<polyline").count(), 2);
        assert_eq!(text.matches("<circle").count(), 6);
        assert!(text.contains("&lt;median&gt; &amp; more"));
        assert!(text.contains(">postgis &quot;GiST&quot;</text>"));
        assert!(!text.contains(">broken<"));
        // Axes labelled, decades ticked: 10,000 to 1,000,000 places, 0.001 to 1 ms.
        assert!(text.contains(">places</text>") && text.contains(">median (ms)</text>"));
        for t in [">10,000<", ">100,000<", ">1,000,000<", ">0.001<", ">1<"] {
            assert!(text.contains(t), "no tick {t}");
        }
    }

    #[test]
    fn a_line_rises_with_its_values_and_runs_left_to_right() {
        let text = svg(&plot());
        let line = text.lines().find(|l| l.starts_with("<polyline")).unwrap();
        let pts: Vec<(f64, f64)> = line
            .split('"')
            .nth(1)
            .unwrap()
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        assert_eq!(pts.len(), 3);
        // x grows; a larger value is drawn higher (smaller y).
        assert!(pts[0].0 < pts[1].0 && pts[1].0 < pts[2].0);
        assert!(pts[0].1 > pts[1].1 && pts[1].1 > pts[2].1);
    }

    #[test]
    fn a_plot_without_figures_says_so_and_is_still_svg() {
        let mut p = plot();
        p.series.clear();
        let text = svg(&p);
        well_formed(&text).unwrap();
        assert!(text.contains("No figures"));
    }

    #[test]
    fn xmllint_accepts_the_plot() {
        if !kizuna_testkit::have_tool("xmllint", "libxml2-utils") {
            return;
        }
        let path = std::env::temp_dir().join(format!("kizuna-plot-{}.svg", std::process::id()));
        std::fs::write(&path, svg(&plot())).unwrap();
        let out = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg(&path)
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&path);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    #[test]
    fn figures_are_shown_to_three_digits() {
        assert_eq!(short(0.0123456), "0.0123");
        assert_eq!(short(12.345), "12.3");
        assert_eq!(short(123456.0), "123456");
        assert_eq!(tick_label(-2), "0.01");
        assert_eq!(tick_label(7), "1e7");
    }
}
