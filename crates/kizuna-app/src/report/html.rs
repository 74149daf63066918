//! The annual report as HTML: a self-contained, printable page (its CSS
//! inline, two SVG charts, photos as data URIs: nothing else is fetched)
//! and the same report as a fragment the console shows inside its own
//! page. Every word from the catalogues in the reader's language.

use std::fmt::Write as _;

use kizuna_docs::annual::{
    cumulative_sentence, event_sections, num, outcome_sides, period, stages, t, volunteers_sentence, year_sentence,
};
use kizuna_domain::training::annual::{AnnualReport, EventLine, OutcomeLine, Shown};
use kizuna_i18n::{self as i18n, FluentValue, Lang};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
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

fn shown(s: &Shown) -> String {
    if s.fallback {
        format!("<span lang=\"{}\">{}</span>", esc(&s.lang), esc(&s.text))
    } else {
        esc(&s.text)
    }
}

const CSS: &str = r#"
.annual-report{font-family:"Noto Sans JP","Noto Sans Thai",system-ui,sans-serif;color:#1a1a1f;line-height:1.5;max-width:52rem;margin:0 auto;padding:0 .5rem}
.annual-report h1{font-size:1.6rem;margin:.5rem 0 .2rem}
.annual-report h2{font-size:1.15rem;margin:1.4rem 0 .4rem;border-bottom:2px solid #8c6b2e;padding-bottom:.15rem}
.annual-report h3{font-size:1rem;margin:.9rem 0 .3rem}
.annual-report .lead{font-size:1.15rem;font-weight:bold}
.annual-report .none{color:#5f5f66;font-style:italic}
.annual-report .note{color:#5f5f66;font-size:.85rem}
.annual-report .table-wrap{overflow-x:auto;max-width:100%}
.annual-report table{border-collapse:collapse;width:100%;font-size:.9rem}
.annual-report th,.annual-report td{border-bottom:1px solid #c8c8cc;padding:.25rem .4rem;text-align:left;vertical-align:top}
.annual-report td.n,.annual-report th.n{text-align:right;white-space:nowrap}
.annual-report svg{max-width:100%;height:auto;display:block}
.annual-report figure{margin:.6rem 0}
.annual-report figcaption{font-size:.85rem;color:#3a3a40}
.annual-report .photos{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem}
.annual-report .photos img{width:100%;height:auto;border:1px solid #c8c8cc}
.annual-report ol.chain{padding-left:1.2rem;margin:.2rem 0 .6rem}
@media print{.annual-report{max-width:none}.annual-report h2{break-after:avoid}.annual-report figure,.annual-report tr{break-inside:avoid}}
"#;

/// The cumulative line (and the year's bars) over the fiscal years.
fn years_chart(lang: Lang, r: &AnnualReport) -> String {
    let pts = &r.trainees.by_year;
    if pts.is_empty() {
        return String::new();
    }
    let (w, h, left, bottom, top, right) = (640.0, 260.0, 56.0, 28.0, 16.0, 12.0);
    let max = pts.iter().map(|p| p.cumulative_trainees).max().unwrap_or(1).max(1) as f64;
    let n = pts.len() as f64;
    let step = (w - left - right) / n;
    let y = |v: u64| top + (h - top - bottom) * (1.0 - v as f64 / max);
    let mut s = String::new();
    let title = t(lang, "chart-cumulative", &[]);
    let _ = write!(
        s,
        "<figure><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(&title)
    );
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#88888e\"/>",
        h - bottom,
        w - right,
        h - bottom
    );
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\" stroke=\"#88888e\"/>",
        h - bottom
    );
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
        left - 4.0,
        top + 4.0,
        num(lang, max as u64)
    );
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">0</text>",
        left - 4.0,
        h - bottom
    );
    for (i, p) in pts.iter().enumerate() {
        let x = left + step * i as f64;
        let bar_top = y(p.trainees);
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#c9b58a\"><title>{}: {}</title></rect>",
            x + step * 0.15,
            bar_top,
            step * 0.7,
            (h - bottom - bar_top).max(0.0),
            p.fiscal_year,
            p.trainees
        );
    }
    let line: Vec<String> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", left + step * (i as f64 + 0.5), y(p.cumulative_trainees)))
        .collect();
    let _ = write!(
        s,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2.5\"/>",
        line.join(" ")
    );
    let label_every = ((n / 8.0).ceil() as usize).max(1);
    for (i, p) in pts.iter().enumerate() {
        if i % label_every == 0 || i + 1 == pts.len() {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
                left + step * (i as f64 + 0.5),
                h - bottom + 16.0,
                p.fiscal_year
            );
        }
    }
    if let Some(last) = pts.last() {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\" font-weight=\"bold\">{}</text>",
            left + step * (n - 0.5),
            (y(last.cumulative_trainees) - 6.0).max(12.0),
            num(lang, last.cumulative_trainees)
        );
    }
    let _ = write!(
        s,
        "</svg><figcaption>{}</figcaption></figure>",
        esc(&format!("{} — {}", title, t(lang, "chart-cumulative-key", &[])))
    );
    s
}

/// The year's trainees by region, as horizontal bars.
fn regions_chart(lang: Lang, r: &AnnualReport) -> String {
    let bars = &r.trainees.by_region;
    if bars.is_empty() {
        return String::new();
    }
    let row = 26.0;
    let (w, label_w) = (640.0, 230.0);
    let h = row * bars.len() as f64 + 8.0;
    let max = bars.iter().map(|b| b.trainees).max().unwrap_or(1).max(1) as f64;
    let title = t(lang, "chart-regions", &[]);
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(&title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y0 = 4.0 + row * i as f64;
        let bw = (w - label_w - 60.0) * b.trainees as f64 / max;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>\
             <rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"#1f4e79\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            label_w - 6.0,
            y0 + row * 0.62,
            esc(&b.name),
            y0 + 3.0,
            row - 8.0,
            label_w + bw + 4.0,
            y0 + row * 0.62,
            num(lang, b.trainees)
        );
    }
    let _ = write!(s, "</svg><figcaption>{}</figcaption></figure>", esc(&title));
    s
}

fn none(lang: Lang) -> String {
    format!("<p class=\"none\">{}</p>", esc(&t(lang, "none", &[])))
}

fn events(lang: Lang, list: &[EventLine], detail_col: &str) -> String {
    if list.is_empty() {
        return none(lang);
    }
    let mut s = format!(
        "<div class=\"table-wrap\"><table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(&t(lang, "col-date", &[])),
        esc(&t(lang, "col-title", &[])),
        esc(&t(lang, detail_col, &[]))
    );
    for e in list {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&period(lang, e.first_day, e.last_day)),
            shown(&e.title),
            esc(e.detail.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</tbody></table></div>");
    s
}

fn outcomes(lang: Lang, list: &[OutcomeLine]) -> String {
    if list.is_empty() {
        return none(lang);
    }
    let mut s = String::from("<ul>");
    for o in list {
        let _ = write!(
            s,
            "<li>{} — {} <span class=\"note\">({})</span></li>",
            esc(&i18n::date(lang, o.occurred_on)),
            shown(&o.title),
            esc(&o.kind)
        );
    }
    s.push_str("</ul>");
    s
}

/// The report as an `<article>` with its own `<style>`.
pub fn fragment(r: &AnnualReport) -> String {
    let lang = Lang::from_code(&r.lang).unwrap_or(Lang::En);
    let mut s = String::new();
    let _ = write!(
        s,
        "<article class=\"annual-report\" lang=\"{}\"><style>{CSS}</style>",
        esc(lang.code())
    );
    let title = t(
        lang,
        "title",
        &[("year", FluentValue::from(r.fiscal_year_label.as_str()))],
    );
    let _ = write!(
        s,
        "<h1>{}</h1><p class=\"note\">{}</p>",
        esc(&title),
        esc(&period(lang, r.first_day, r.last_day))
    );

    let _ = write!(s, "<h2>{}</h2>", esc(&t(lang, "trainees", &[])));
    let _ = write!(
        s,
        "<p class=\"lead\" id=\"cumulative\">{}</p><p>{}</p>",
        esc(&cumulative_sentence(r)),
        esc(&year_sentence(r))
    );
    s.push_str(&years_chart(lang, r));
    s.push_str(&regions_chart(lang, r));
    let _ = write!(s, "<h3>{}</h3>", esc(&t(lang, "countries", &[])));
    if r.trainees.by_country.is_empty() {
        s.push_str(&none(lang));
    } else {
        let list: Vec<String> = r
            .trainees
            .by_country
            .iter()
            .map(|c| format!("{} {}", esc(&c.name), num(lang, c.trainees)))
            .collect();
        let _ = write!(s, "<p>{}</p>", list.join(" · "));
    }

    let _ = write!(s, "<h2>{}</h2>", esc(&t(lang, "courses", &[])));
    if r.courses.is_empty() {
        s.push_str(&none(lang));
    } else {
        let _ = write!(
            s,
            "<div class=\"table-wrap\"><table><thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            esc(&t(lang, "col-course", &[])),
            esc(&t(lang, "col-period", &[])),
            esc(&t(lang, "col-trainees", &[]))
        );
        for c in &r.courses {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                shown(&c.title),
                esc(&period(lang, c.starts_on, c.ends_on)),
                num(lang, c.trainees)
            );
        }
        s.push_str("</tbody></table></div>");
    }

    for (key, list, col) in event_sections(r) {
        let _ = write!(s, "<h2>{}</h2>", esc(&t(lang, key, &[])));
        s.push_str(&events(lang, list, col));
    }

    let _ = write!(s, "<h2>{}</h2>", esc(&t(lang, "volunteers", &[])));
    if r.volunteers.placements == 0 && r.volunteers.entries == 0 {
        s.push_str(&none(lang));
    } else {
        let _ = write!(s, "<p>{}</p>", esc(&volunteers_sentence(r)));
    }

    let _ = write!(s, "<h2>{}</h2>", esc(&t(lang, "outcomes", &[])));
    let o = &r.outcomes;
    for (key, list) in outcome_sides(r) {
        let _ = write!(s, "<h3>{}</h3>", esc(&t(lang, key, &[])));
        s.push_str(&outcomes(lang, list));
    }
    let _ = write!(s, "<h3>{}</h3>", esc(&t(lang, "chains", &[])));
    if o.chains.is_empty() {
        s.push_str(&none(lang));
    } else {
        for chain in &o.chains {
            s.push_str("<ol class=\"chain\">");
            for step in chain {
                let _ = write!(s, "<li>{}</li>", esc(step));
            }
            s.push_str("</ol>");
        }
    }

    let _ = write!(s, "<h2>{}</h2>", esc(&t(lang, "tourism", &[])));
    if r.tourism.flows.is_empty() {
        s.push_str(&none(lang));
    } else {
        let _ = write!(
            s,
            "<div class=\"table-wrap\"><table><thead><tr><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
            esc(&t(lang, "col-origin", &[])),
            esc(&t(lang, "col-destination", &[])),
            esc(&t(lang, "col-visitors", &[])),
            esc(&t(lang, "col-months", &[])),
            esc(&t(lang, "col-stage", &[]))
        );
        for f in &r.tourism.flows {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}<sup>*</sup></td></tr>",
                esc(&f.origin),
                esc(&f.destination),
                num(lang, f.visitors),
                f.months,
                esc(&stages(lang, &f.stages))
            );
        }
        let _ = write!(
            s,
            "</tbody></table></div><p class=\"note\">* {}</p>",
            esc(&t(lang, "stage-footnote", &[]))
        );
        for n in &r.tourism.notes {
            let _ = write!(s, "<p class=\"note\">{}</p>", esc(n));
        }
    }

    let _ = write!(s, "<h2>{}</h2>", esc(&t(lang, "photos", &[])));
    if r.photos.is_empty() {
        s.push_str(&none(lang));
    } else {
        s.push_str("<div class=\"photos\">");
        for p in &r.photos {
            let _ = write!(
                s,
                "<figure><img src=\"data:{};base64,{}\" width=\"{}\" height=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                esc(&p.mime),
                p.base64,
                p.width,
                p.height,
                esc(&p.caption.text),
                shown(&p.caption)
            );
        }
        s.push_str("</div>");
    }
    let _ = write!(s, "<p class=\"note\">{}</p>", esc(&t(lang, "made-from-records", &[])));
    s.push_str("</article>");
    s
}

/// The report as a whole HTML document, self-contained.
pub fn document(r: &AnnualReport) -> String {
    let lang = Lang::from_code(&r.lang).unwrap_or(Lang::En);
    let title = t(
        lang,
        "title",
        &[("year", FluentValue::from(r.fiscal_year_label.as_str()))],
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body>{}</body></html>\n",
        esc(lang.code()),
        esc(&title),
        fragment(r)
    )
}
