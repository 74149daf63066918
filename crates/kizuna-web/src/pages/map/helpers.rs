use super::*;

/// A message with named string arguments.
pub(crate) fn tr(ctx: &Ctx, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, FluentValue::from(v.clone()))).collect();
    i18n::message(ctx.lang, key, &args)
}

/// JSON safe to place inside `<script type="application/json">`.
pub(crate) fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub(crate) fn kebab(s: &str) -> String {
    s.replace('_', "-")
}

/// The name to show a reader and the language it is in: the reader's
/// language first, then English, Japanese, Malay, Indonesian, Thai, Arabic.
pub(crate) fn best_name(p: &Place, lang: Lang) -> (String, &'static str) {
    let names = &p.fields.names;
    for l in [lang.code(), "en", "ja", "ms", "id", "th", "ar"] {
        if let Some(n) = names.get(l) {
            let code = kizuna_domain::map::place::NAME_LANGUAGES
                .iter()
                .find(|c| **c == l)
                .copied()
                .unwrap_or("und");
            return (n.as_str().to_owned(), code);
        }
    }
    let (l, n) = names.iter().next().map(|(l, n)| (l, n.as_str())).unwrap_or(("und", ""));
    (n.to_owned(), l)
}

pub(crate) fn category_label(ctx: &Ctx, c: PlaceCategory) -> String {
    ctx.t(&format!("map-category-{}", kebab(c.as_str())))
}

/// A short label with a class for its colour; the words alone tell it.
pub struct Badge {
    pub text: String,
    pub class: &'static str,
}

/// A place's halal assurance as a reader should take it today: an expired
/// (or not yet valid) certificate is never shown as certified.
pub(crate) fn assurance_badge(ctx: &Ctx, h: &PlaceHit) -> Badge {
    let level = h.place.fields.halal.level();
    match (level, h.certificate_status) {
        (Assurance::Certified, Some(CertificateStatus::Valid | CertificateStatus::Expiring)) => Badge {
            text: ctx.t("map-assurance-certified"),
            class: "certified",
        },
        (Assurance::Certified, Some(CertificateStatus::NotYetValid)) => Badge {
            text: ctx.t("map-certificate-not-yet-valid"),
            class: "expired",
        },
        (Assurance::Certified, _) => Badge {
            text: ctx.t("map-certificate-expired"),
            class: "expired",
        },
        (a, _) => Badge {
            text: ctx.t(&format!("map-assurance-{}", kebab(a.as_str()))),
            class: match a {
                Assurance::SelfDeclared => "self-declared",
                Assurance::PorkFree => "pork-free",
                Assurance::VegetarianOptions => "vegetarian",
                _ => "unknown",
            },
        },
    }
}

/// One line on the certificate: who certified it and until when.
pub(crate) fn certificate_note(ctx: &Ctx, h: &PlaceHit) -> Option<String> {
    let c = h.place.fields.halal.certificate()?;
    let certifier = c.certifier().as_str().to_owned();
    let (key, date) = match h.certificate_status? {
        CertificateStatus::Valid => ("map-certificate-valid-until", c.valid_until()),
        CertificateStatus::Expiring => ("map-certificate-ends-soon", c.valid_until()),
        CertificateStatus::Expired => ("map-certificate-expired-on", c.valid_until()),
        CertificateStatus::NotYetValid => ("map-certificate-valid-from", c.valid_from()),
    };
    Some(tr(ctx, key, &[("certifier", certifier), ("date", ctx.date(&date))]))
}

/// The first badge of a place's card: its halal assurance as a reader
/// should take it today, or "prayer place" for a place of prayer whose food
/// nobody described (never "halal status not known" on a mosque).
pub(crate) fn lead_badge(ctx: &Ctx, h: &PlaceHit) -> Badge {
    if Lead::of(h) == Lead::Prayer {
        return Badge {
            text: ctx.t("map-lead-prayer"),
            class: "prayer",
        };
    }
    assurance_badge(ctx, h)
}

/// What a place of prayer offers, as short badges: men and women (a
/// women's area), wudu.
pub(crate) fn prayer_badges(ctx: &Ctx, h: &PlaceHit) -> Vec<String> {
    let p = h.place.fields.prayer;
    let mut out = Vec::new();
    if p.women_space {
        out.push(ctx.t("map-prayer-badge-women"));
    }
    if p.wudu {
        out.push(ctx.t("map-prayer-badge-wudu"));
    }
    out
}

/// Open now and until when, or closed and when it opens, as a badge.
pub(crate) fn open_badge(ctx: &Ctx, status: &OpenStatus) -> Badge {
    match status {
        OpenStatus::Open { closes: Some(t) } => Badge {
            text: tr(ctx, "map-open-closes", &[("time", t.clone())]),
            class: "open",
        },
        OpenStatus::Open { closes: None } => Badge {
            text: ctx.t("map-open-now"),
            class: "open",
        },
        OpenStatus::OpenClosingUnknown { .. } => Badge {
            text: ctx.t("map-open-closing-unknown"),
            class: "open-end",
        },
        OpenStatus::Closed { opens: Some(t) } => Badge {
            text: tr(ctx, "map-closed-opens", &[("time", t.clone())]),
            class: "closed",
        },
        OpenStatus::Closed { opens: None } => Badge {
            text: ctx.t("map-closed-now"),
            class: "closed",
        },
        OpenStatus::Unknown => Badge {
            text: ctx.t("map-hours-unknown"),
            class: "unknown",
        },
    }
}

pub(crate) fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn place_href(id: i64) -> String {
    format!("/map/places/{id}")
}

pub(crate) fn degrees(v: f64) -> String {
    let s = format!("{v:.7}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The map's settings for `map.js`: tiles, basemap files and its words.
pub(crate) fn map_config(
    ctx: &Ctx,
    tiles: Option<&TileServer>,
    streets: Option<&kizuna_app::map::basemap::Basemap>,
) -> Value {
    let tiles = tiles.map(|t| {
        let (text, link) = match &t.attribution {
            Some(a) => (a.clone(), None),
            None => (
                ctx.t("map-osm-contributors"),
                Some("https://www.openstreetmap.org/copyright"),
            ),
        };
        json!({"url": t.url, "attribution": text, "link": link})
    });
    let t = |k: &str| ctx.t(k);
    json!({
        "lang": ctx.lang.code(),
        "tiles": tiles,
        // `style`: the street basemap's MapLibre style (null: none installed).
        "basemap": {
            "low": "/assets/land-50m.json",
            "high": "/assets/land-10m.json",
            "style": streets.map(|_| format!("/basemap/style.json?lang={}", ctx.lang.code())),
            "bounds": streets.map(|b| b.info().bounds),
            "maxzoom": streets.map(|b| b.info().maxzoom),
        },
        "text": {
            "zoom_in": t("map-js-zoom-in"),
            "zoom_out": t("map-js-zoom-out"),
            "close": t("map-js-close"),
            "cluster": tr(ctx, "map-js-cluster", &[("count", "{count}".into())]),
            "basemap": t("map-js-basemap-attribution"),
            "tiles_offline": t("map-js-tiles-offline"),
            "no_streets": t("map-js-no-street-map"),
            "outside_streets": t("map-js-outside-streets"),
            "locating": t("map-js-locating"),
            "denied": t("map-js-denied"),
            "unavailable": t("map-js-unavailable"),
            "failed": t("map-js-failed"),
            "sorted": t("map-js-sorted"),
            "distance": tr(ctx, "map-distance-away", &[("distance", "{distance}".into())]),
            "you_are_here": t("map-js-you-are-here"),
            "show_on_map": t("map-js-show-on-map"),
            "updating": t("map-js-updating"),
            "update_failed": t("map-js-update-failed"),
        }
    })
}
