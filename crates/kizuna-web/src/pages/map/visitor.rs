//! The visitor details of a place page (`templates/map/visitor_details.html`):
//! what is known of its halal certificate, alcohol, prayer facilities, the
//! Friday prayer, ways to pay and price range, each line only when known,
//! and what is not known said once; with the "report a problem" link.

use chrono::NaiveDate;
use kizuna_domain::map::place::{CertificateStatus, PlaceCategory, PlaceInput};

use crate::session::Ctx;

/// One thing known, as a heading and its lines.
pub struct Known {
    /// The element id (for tests and anchors).
    pub id: &'static str,
    pub label: String,
    pub lines: Vec<String>,
}

pub struct VisitorDetails {
    pub known: Vec<Known>,
    /// "Not known yet: …", or empty when everything is known.
    pub not_known: String,
    pub report_href: String,
}

fn tr(ctx: &Ctx, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, fluent_bundle::FluentValue)> = args
        .iter()
        .map(|(k, v)| (*k, fluent_bundle::FluentValue::from(v.clone())))
        .collect();
    kizuna_i18n::message(ctx.lang, key, &args)
}

pub(crate) fn visitor_details(ctx: &Ctx, id: i64, f: &PlaceInput, today: NaiveDate) -> VisitorDetails {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    if let Some(c) = f.halal.certificate() {
        let certifier = c.certifier().as_str().to_owned();
        let line = match c.status(today) {
            CertificateStatus::Valid | CertificateStatus::Expiring => tr(
                ctx,
                "visitor-certified",
                &[("certifier", certifier), ("until", ctx.date(&c.valid_until()))],
            ),
            CertificateStatus::Expired => tr(
                ctx,
                "visitor-certificate-ended",
                &[("certifier", certifier), ("until", ctx.date(&c.valid_until()))],
            ),
            CertificateStatus::NotYetValid => tr(
                ctx,
                "visitor-certificate-not-yet",
                &[("certifier", certifier), ("from", ctx.date(&c.valid_from()))],
            ),
        };
        known.push(Known {
            id: "visitor-halal",
            label: ctx.t("map-halal-heading"),
            lines: vec![line],
        });
    }
    match f.alcohol_served {
        Some(a) => known.push(Known {
            id: "visitor-alcohol",
            label: ctx.t("places-field-alcohol-served"),
            lines: vec![ctx.t(if a { "visitor-alcohol-yes" } else { "visitor-alcohol-no" })],
        }),
        None => unknown.push("visitor-unknown-alcohol"),
    }
    let p = f.prayer;
    let prayer: Vec<String> = [
        (p.prayer_space, "visitor-prayer-space"),
        (p.wudu, "visitor-prayer-wudu"),
        (p.women_space, "visitor-prayer-women"),
    ]
    .into_iter()
    .filter(|(has, _)| *has)
    .map(|(_, key)| ctx.t(key))
    .collect();
    if !prayer.is_empty() {
        known.push(Known {
            id: "visitor-prayer",
            label: ctx.t("visitor-prayer"),
            lines: prayer,
        });
    }
    let worship = matches!(f.category, PlaceCategory::Mosque | PlaceCategory::PrayerRoom);
    match &f.jumuah {
        Some(j) => {
            let mut lines = vec![tr(
                ctx,
                "visitor-jumuah-first",
                &[("time", j.time.format("%H:%M").to_string())],
            )];
            if let Some(s) = j.second {
                lines.push(tr(
                    ctx,
                    "visitor-jumuah-second",
                    &[("time", s.format("%H:%M").to_string())],
                ));
            }
            if let Some(n) = &j.note {
                lines.push(ctx.local(n));
            }
            known.push(Known {
                id: "visitor-jumuah",
                label: ctx.t("visitor-jumuah"),
                lines,
            });
        }
        None if f.category == PlaceCategory::Mosque => unknown.push("visitor-unknown-jumuah"),
        None => {}
    }
    if f.payment.is_empty() {
        if !worship {
            unknown.push("visitor-unknown-payment");
        }
    } else {
        known.push(Known {
            id: "visitor-payment",
            label: ctx.t("visitor-payment"),
            lines: f
                .payment
                .iter()
                .map(|m| ctx.t(&format!("visitor-payment-{}", m.as_str().replace('_', "-"))))
                .collect(),
        });
    }
    match f.price_range {
        Some(r) => known.push(Known {
            id: "visitor-price",
            label: ctx.t("visitor-price"),
            lines: vec![ctx.t(&format!("visitor-price-{}", r.level()))],
        }),
        None if !worship => unknown.push("visitor-unknown-price"),
        None => {}
    }
    let not_known = if unknown.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = unknown.iter().map(|k| ctx.t(k)).collect();
        ctx.t1("visitor-not-known", "list", list.join(&ctx.t("visitor-list-separator")))
    };
    VisitorDetails {
        known,
        not_known,
        report_href: format!("/map/places/{id}/report"),
    }
}
