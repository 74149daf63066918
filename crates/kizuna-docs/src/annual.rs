//! The annual report as a tagged A4 PDF on the engine's flow: the title
//! and the year's span, the trainee figures with the cumulative sentence,
//! two bar charts drawn as vectors (cumulative trainees by fiscal year,
//! the year's trainees by region), then each section as a table or a list
//! (courses, delegations, dispatches, symposiums, courtesy calls, awards,
//! volunteers, partnership outcomes by side with their causal chains,
//! visitor flows with the stage of their figures footnoted, the photos
//! (JPEG and PNG placed as they are) with their captions). A section with
//! nothing in it says "none recorded".
//!
//! The sentences are shared with the HTML report (kizuna-app's
//! `report::html`), so both say the same thing.

use chrono::NaiveDate;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::training::annual::{AnnualReport, EventLine, OutcomeLine};
use kizuna_i18n::{self as i18n, FluentValue, Lang};

use crate::engine::{A4, Align, DocError, DocMeta, Flow, FlowPage, Fonts, Item, PdfImage};

/// The report's words, by catalogue key (`annual-…`).
pub fn t(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    i18n::message(lang, &format!("annual-{key}"), args)
}

/// The reader's language of a report.
pub fn lang_of(r: &AnnualReport) -> Lang {
    Lang::from_code(&r.lang).unwrap_or(Lang::En)
}

/// The report's title ("Annual report FY2007", "平成19年度 年次報告").
pub fn title(r: &AnnualReport) -> String {
    t(
        lang_of(r),
        "title",
        &[("year", FluentValue::from(r.fiscal_year_label.as_str()))],
    )
}

/// The sentence with the cumulative figures (the one the office's page
/// wrote by hand: "680 trainees from 57 countries").
pub fn cumulative_sentence(r: &AnnualReport) -> String {
    let lang = lang_of(r);
    let s = &r.trainees;
    let since = s
        .since_fiscal_year
        .and_then(|y| FiscalYear::new(y).ok())
        .map_or_else(|| "—".to_owned(), |fy| i18n::fiscal_year(lang, fy));
    t(
        lang,
        "trainees-cumulative",
        &[
            ("trainees", FluentValue::from(s.cumulative_trainees)),
            ("countries", FluentValue::from(s.cumulative_countries)),
            ("date", FluentValue::from(i18n::date_long(lang, s.as_of))),
            ("since", FluentValue::from(since)),
        ],
    )
}

/// The sentence with the year's own figures.
pub fn year_sentence(r: &AnnualReport) -> String {
    let s = &r.trainees;
    t(
        lang_of(r),
        "trainees-year",
        &[
            ("year", FluentValue::from(r.fiscal_year_label.as_str())),
            ("trainees", FluentValue::from(s.year_trainees)),
            ("countries", FluentValue::from(s.year_countries)),
            ("new", FluentValue::from(s.new_trainees)),
        ],
    )
}

/// The volunteers' sentence.
pub fn volunteers_sentence(r: &AnnualReport) -> String {
    let v = &r.volunteers;
    t(
        lang_of(r),
        "volunteers-summary",
        &[
            ("volunteers", FluentValue::from(v.volunteers)),
            ("placements", FluentValue::from(v.placements)),
            ("hours", FluentValue::from(format!("{:.1}", v.hours))),
            ("entries", FluentValue::from(v.entries)),
        ],
    )
}

/// A span of days as the reader writes dates (one day once).
pub fn period(lang: Lang, a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        i18n::date(lang, a)
    } else {
        format!("{} – {}", i18n::date(lang, a), i18n::date(lang, b))
    }
}

/// The stages of a flow's figures, in the reader's language.
pub fn stages(lang: Lang, keys: &[String]) -> String {
    keys.iter()
        .map(|k| i18n::message(lang, &format!("tourism-stage-{k}"), &[]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number as the reader writes it.
pub fn num(lang: Lang, n: u64) -> String {
    i18n::number_in(lang, i128::from(n))
}

/// The report's sections in order: (catalogue key, its events, the detail column's key).
pub fn event_sections(r: &AnnualReport) -> [(&'static str, &[EventLine], &'static str); 5] {
    [
        ("delegations", &r.delegations, "col-from"),
        ("dispatches", &r.dispatches, "col-where"),
        ("symposiums", &r.symposiums, "col-venue"),
        ("courtesy-calls", &r.courtesy_calls, "col-visitor"),
        ("awards", &r.awards, "col-recipient"),
    ]
}

/// Outcomes by side: (catalogue key, outcomes).
pub fn outcome_sides(r: &AnnualReport) -> [(&'static str, &[OutcomeLine]); 3] {
    [
        ("side-japan", &r.outcomes.japan),
        ("side-partner", &r.outcomes.partner),
        ("side-both", &r.outcomes.both),
    ]
}

/// Standard base64 (with or without padding) to bytes; None when it is not.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = ((acc << 6) | u32::from(v)) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    Some(out)
}

/// The report's PDF.
pub fn render(r: &AnnualReport, fonts: &Fonts) -> Result<Vec<u8>, DocError> {
    let lang = lang_of(r);
    let code = lang.code().to_owned();
    let mut items = Vec::new();
    let h = |level: u8, text: String| Item::Heading {
        level,
        text,
        lang: code.clone(),
        size: if level <= 1 { 20.0 } else { 13.0 },
        align: Align::Left,
    };
    let p = |text: String, lang: &str, size: f32, bold: bool, grey: bool| Item::Paragraph {
        text,
        lang: lang.to_owned(),
        size,
        bold,
        align: Align::Left,
        grey,
    };
    let none = || p(t(lang, "none", &[]), lang.code(), 10.0, false, true);

    items.push(h(1, title(r)));
    items.push(p(period(lang, r.first_day, r.last_day), &code, 10.0, false, true));

    items.push(h(2, t(lang, "trainees", &[])));
    items.push(p(cumulative_sentence(r), &code, 12.0, true, false));
    items.push(p(year_sentence(r), &code, 10.5, false, false));
    let years = &r.trainees.by_year;
    if !years.is_empty() {
        let label = t(lang, "chart-cumulative", &[]);
        items.push(Item::Space(6.0));
        items.push(p(label.clone(), &code, 10.0, true, false));
        let bars = years
            .iter()
            .map(|y| {
                let name = FiscalYear::new(y.fiscal_year)
                    .map_or_else(|_| y.fiscal_year.to_string(), |fy| i18n::fiscal_year(lang, fy));
                (name, y.cumulative_trainees as f64, num(lang, y.cumulative_trainees))
            })
            .collect::<Vec<_>>();
        items.push(bar_chart(&label, &code, bars, 8.0));
    }
    let regions = &r.trainees.by_region;
    if !regions.is_empty() {
        let label = t(lang, "chart-regions", &[]);
        items.push(p(label.clone(), &code, 10.0, true, false));
        let bars = regions
            .iter()
            .map(|b| (b.name.clone(), b.trainees as f64, num(lang, b.trainees)))
            .collect::<Vec<_>>();
        items.push(bar_chart(&label, &code, bars, 9.0));
    }
    items.push(p(t(lang, "countries", &[]), &code, 10.0, true, false));
    if r.trainees.by_country.is_empty() {
        items.push(none());
    } else {
        let list = r
            .trainees
            .by_country
            .iter()
            .map(|c| format!("{} {}", c.name, num(lang, c.trainees)))
            .collect::<Vec<_>>()
            .join(" · ");
        items.push(p(list, &code, 9.5, false, false));
    }

    items.push(h(2, t(lang, "courses", &[])));
    if r.courses.is_empty() {
        items.push(none());
    } else {
        items.push(Item::Table {
            header: vec![
                t(lang, "col-course", &[]),
                t(lang, "col-period", &[]),
                t(lang, "col-trainees", &[]),
            ],
            rows: r
                .courses
                .iter()
                .map(|c| {
                    vec![
                        c.title.text.clone(),
                        period(lang, c.starts_on, c.ends_on),
                        num(lang, c.trainees),
                    ]
                })
                .collect(),
            lang: code.clone(),
            size: 9.0,
        });
    }

    for (key, list, col) in event_sections(r) {
        items.push(h(2, t(lang, key, &[])));
        if list.is_empty() {
            items.push(none());
            continue;
        }
        items.push(Item::Table {
            header: vec![t(lang, "col-date", &[]), t(lang, "col-title", &[]), t(lang, col, &[])],
            rows: list
                .iter()
                .map(|e| {
                    vec![
                        period(lang, e.first_day, e.last_day),
                        e.title.text.clone(),
                        e.detail.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
            lang: code.clone(),
            size: 9.0,
        });
    }

    items.push(h(2, t(lang, "volunteers", &[])));
    if r.volunteers.placements == 0 && r.volunteers.entries == 0 {
        items.push(none());
    } else {
        items.push(p(volunteers_sentence(r), &code, 10.5, false, false));
    }

    items.push(h(2, t(lang, "outcomes", &[])));
    for (key, list) in outcome_sides(r) {
        items.push(p(t(lang, key, &[]), &code, 10.5, true, false));
        if list.is_empty() {
            items.push(none());
        }
        for o in list {
            items.push(p(
                format!("{} — {} ({})", i18n::date(lang, o.occurred_on), o.title.text, o.kind),
                &o.title.lang,
                9.5,
                false,
                false,
            ));
        }
    }
    items.push(p(t(lang, "chains", &[]), &code, 10.5, true, false));
    if r.outcomes.chains.is_empty() {
        items.push(none());
    }
    for chain in &r.outcomes.chains {
        items.push(p(chain.join(" → "), &code, 9.5, false, false));
    }

    items.push(h(2, t(lang, "tourism", &[])));
    if r.tourism.flows.is_empty() {
        items.push(none());
    } else {
        items.push(Item::Table {
            header: vec![
                t(lang, "col-origin", &[]),
                t(lang, "col-destination", &[]),
                t(lang, "col-visitors", &[]),
                t(lang, "col-months", &[]),
                t(lang, "col-stage", &[]),
            ],
            rows: r
                .tourism
                .flows
                .iter()
                .map(|f| {
                    vec![
                        f.origin.clone(),
                        f.destination.clone(),
                        num(lang, f.visitors),
                        f.months.to_string(),
                        format!("{} *", stages(lang, &f.stages)),
                    ]
                })
                .collect(),
            lang: code.clone(),
            size: 9.0,
        });
        items.push(p(
            format!("* {}", t(lang, "stage-footnote", &[])),
            &code,
            8.5,
            false,
            true,
        ));
        for n in &r.tourism.notes {
            items.push(p(
                n.clone(),
                kizuna_domain::common::local_text::guess_language(n),
                8.5,
                false,
                true,
            ));
        }
    }

    items.push(h(2, t(lang, "photos", &[])));
    if r.photos.is_empty() {
        items.push(none());
    }
    for ph in &r.photos {
        // JPEG and PNG photos are placed as they are; others (WebP) are
        // named by their caption alone.
        if let Some(image) = base64_decode(&ph.base64).and_then(|b| PdfImage::from_file(&b)) {
            items.push(Item::Image {
                alt: ph.caption.text.clone(),
                lang: ph.caption.lang.clone(),
                image,
                width: 220.0,
            });
        }
        let when = ph
            .taken_on
            .map(|d| format!("{} — ", i18n::date(lang, d)))
            .unwrap_or_default();
        items.push(p(
            format!("{when}{}", ph.caption.text),
            &ph.caption.lang,
            9.5,
            false,
            false,
        ));
    }
    items.push(Item::Space(10.0));
    items.push(p(t(lang, "made-from-records", &[]), &code, 8.5, false, true));

    let flow = Flow {
        fonts,
        meta: DocMeta {
            title: title(r),
            author: Some("Kizuna".into()),
            subject: Some(cumulative_sentence(r)),
            lang: code.clone(),
            width: A4.0,
            height: A4.1,
        },
        page: FlowPage { frame: false },
    };
    flow.render(&items)
}

/// A chart of labelled bars, its alternative text the label and every bar's
/// name and value as printed.
fn bar_chart(label: &str, code: &str, bars: Vec<(String, f64, String)>, size: f32) -> Item {
    let alt = format!(
        "{label}: {}",
        bars.iter()
            .map(|(n, _, v)| format!("{n} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Item::Bars {
        alt,
        lang: code.to_owned(),
        bars,
        size,
    }
}

#[cfg(test)]
mod tests {
    use super::base64_decode;

    #[test]
    fn base64_reads_back_what_was_written() {
        assert_eq!(base64_decode("S2l6dW5h").as_deref(), Some(&b"Kizuna"[..]));
        assert_eq!(base64_decode("S2l6dW5hIQ==").as_deref(), Some(&b"Kizuna!"[..]));
        assert_eq!(base64_decode("S2l*"), None);
    }
}
