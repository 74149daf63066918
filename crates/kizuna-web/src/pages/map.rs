//! The public Muslim-friendly map: `/map` (filter chips, a list of places
//! that reads without JavaScript, and the map `assets/map.js` draws beside
//! it) and `/map/places/{id}` (one place: its halal assurance told
//! honestly, prayer facilities, today's prayer times and the qibla,
//! directions).
//!
//! The map's tiles come from a configurable tile server ([`TileServer`]);
//! beneath them `map.js` always draws an offline basemap from the embedded
//! world-atlas land shapes, so the map works with no internet at all.
//! "Near me" asks the browser for its position and sends it only to this
//! server (`/api/v1/places/nearest`); the page itself never sees it.

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::map::prayer::{LocalPrayerTimes, PrayerRequest};
use kizuna_app::map::{DayHours, MAX_RESULTS, PLACE_TIME_ZONE, PlaceFilter, PlaceHit, hours_by_day, order_first};
use kizuna_domain::map::place::{Assurance, CertificateStatus, Place, PlaceCategory, SourceKind};
use kizuna_geo::prayer::{HighLatitudeRule, Madhab, Method};
use serde_json::{Value, json};

use super::{message, render};
use crate::session::{Ctx, WebState};
use kizuna_i18n::{self as i18n, Lang};

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/map", get(map_page))
        .route("/map/places/{id}", get(place_page))
}

// ---------------------------------------------------------------- tiles

/// The tile server the map draws over its offline basemap: a URL template
/// with `{z}`, `{x}` and `{y}` (and `{s}` as the first label of the host for
/// subdomains), and the attribution it requires. Its origin is the only
/// one, besides Kizuna's own, that pages may load images from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileServer {
    url: String,
    attribution: Option<String>,
    origin: String,
}

impl TileServer {
    /// OpenStreetMap's standard tiles (the default).
    pub const OPENSTREETMAP: &'static str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// OpenStreetMap's standard tiles, credited to OpenStreetMap's contributors.
    pub fn openstreetmap() -> Self {
        TileServer {
            url: Self::OPENSTREETMAP.to_owned(),
            attribution: None,
            origin: "https://tile.openstreetmap.org".to_owned(),
        }
    }

    /// A tile server from its URL template; an empty URL means none (the
    /// offline basemap only). Without an attribution the tiles are credited
    /// to OpenStreetMap's contributors, whose data nearly every tile server
    /// draws. The error says what is wrong with the URL.
    pub fn parse(url: &str, attribution: Option<&str>) -> Result<Option<Self>, String> {
        let url = url.trim();
        if url.is_empty() {
            return Ok(None);
        }
        let bad = |why: &str| Err(format!("tile URL \"{url}\": {why}"));
        let Some((scheme, rest)) = url.split_once("://") else {
            return bad("write it as https://HOST/PATH/{z}/{x}/{y}.png");
        };
        if !matches!(scheme, "http" | "https") {
            return bad("it must start with https:// or http://");
        }
        if url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`;".contains(c))
        {
            return bad("it contains a space, quote, angle bracket, backslash or semicolon");
        }
        for part in ["{z}", "{x}", "{y}"] {
            if !url.contains(part) {
                return bad(&format!("it has no {part}"));
            }
        }
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = match host.strip_prefix("{s}.") {
            Some(r) => format!("*.{r}"),
            None => host.to_owned(),
        };
        let host_ok = !host.is_empty()
            && !host.trim_start_matches("*.").is_empty()
            && !host.trim_start_matches("*.").contains(['*', '{', '}'])
            && !host.contains('@')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]*{}".contains(c));
        if !host_ok {
            return bad("its host is not a host name (placeholders may only be {s} as the first label)");
        }
        Ok(Some(TileServer {
            url: url.to_owned(),
            attribution: attribution.map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
            origin: format!("{scheme}://{host}"),
        }))
    }

    /// The URL template.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Scheme and host (with `*.` for `{s}`), as a CSP source.
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

// ---------------------------------------------------------------- helpers

/// A message with named string arguments.
fn tr(ctx: &Ctx, key: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, FluentValue::from(v.clone()))).collect();
    i18n::message(ctx.lang, key, &args)
}

/// JSON safe to place inside `<script type="application/json">`.
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn kebab(s: &str) -> String {
    s.replace('_', "-")
}

/// The name to show a reader and the language it is in: the reader's
/// language first, then English, Japanese, Malay, Indonesian, Thai, Arabic.
fn best_name(p: &Place, lang: Lang) -> (String, &'static str) {
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

fn category_label(ctx: &Ctx, c: PlaceCategory) -> String {
    ctx.t(&format!("map-category-{}", kebab(c.as_str())))
}

/// A short label with a class for its colour; the words alone tell it.
pub struct Badge {
    pub text: String,
    pub class: &'static str,
}

/// A place's halal assurance as a reader should take it today: an expired
/// (or not yet valid) certificate is never shown as certified.
fn assurance_badge(ctx: &Ctx, h: &PlaceHit) -> Badge {
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
fn certificate_note(ctx: &Ctx, h: &PlaceHit) -> Option<String> {
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

fn open_badge(ctx: &Ctx, open: Option<bool>) -> Badge {
    match open {
        Some(true) => Badge {
            text: ctx.t("map-open-now"),
            class: "open",
        },
        Some(false) => Badge {
            text: ctx.t("map-closed-now"),
            class: "closed",
        },
        None => Badge {
            text: ctx.t("map-hours-unknown"),
            class: "unknown",
        },
    }
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn place_href(id: i64) -> String {
    format!("/map/places/{id}")
}

fn degrees(v: f64) -> String {
    let s = format!("{v:.7}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The map's settings for `map.js`: tiles, basemap files and its words.
fn map_config(ctx: &Ctx, tiles: Option<&TileServer>) -> Value {
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
        "basemap": {"low": "/assets/land-50m.json", "high": "/assets/land-10m.json"},
        "text": {
            "zoom_in": t("map-js-zoom-in"),
            "zoom_out": t("map-js-zoom-out"),
            "close": t("map-js-close"),
            "cluster": tr(ctx, "map-js-cluster", &[("count", "{count}".into())]),
            "basemap": t("map-js-basemap-attribution"),
            "tiles_offline": t("map-js-tiles-offline"),
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

// ---------------------------------------------------------------- filters

/// The filters of `/map` as the form sends them: repeated names
/// (`category=cafe&category=mosque`) or comma-separated lists.
#[derive(Debug, Default)]
struct MapQuery {
    categories: Vec<PlaceCategory>,
    assurances: Vec<Assurance>,
    open_now: bool,
    prayer_space: bool,
    /// `name=value` of every value not understood (left out of the filter).
    ignored: Vec<String>,
}

fn flag(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" | "" => Some(false),
        _ => None,
    }
}

impl MapQuery {
    fn parse(raw: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
        let mut q = MapQuery::default();
        for (k, v) in pairs {
            match k.as_str() {
                "category" | "assurance" => {
                    for part in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                        let ok = if k == "category" {
                            part.parse::<PlaceCategory>().map(|c| q.categories.push(c)).is_ok()
                        } else {
                            part.parse::<Assurance>().map(|a| q.assurances.push(a)).is_ok()
                        };
                        if !ok {
                            q.ignored.push(format!("{k}={part}"));
                        }
                    }
                }
                "open_now" | "prayer_space" => match flag(&v) {
                    Some(b) if k == "open_now" => q.open_now |= b,
                    Some(b) => q.prayer_space |= b,
                    None => q.ignored.push(format!("{k}={v}")),
                },
                // The language, and anything else, is not a filter.
                _ => {}
            }
        }
        q.categories.sort_by_key(|c| c.as_str());
        q.categories.dedup();
        q.assurances.sort_by_key(|a| a.as_str());
        q.assurances.dedup();
        q
    }

    fn filter(&self) -> PlaceFilter {
        PlaceFilter {
            categories: self.categories.clone(),
            assurances: self.assurances.clone(),
            prayer_space: self.prayer_space.then_some(true),
            open_now: self.open_now,
            at: None,
        }
    }

    /// The same filters as the JSON API takes them (for "near me").
    fn api_query(&self) -> String {
        let mut parts = Vec::new();
        let list = |v: Vec<&str>| v.join(",");
        if !self.categories.is_empty() {
            parts.push(format!(
                "category={}",
                list(self.categories.iter().map(|c| c.as_str()).collect())
            ));
        }
        if !self.assurances.is_empty() {
            parts.push(format!(
                "assurance={}",
                list(self.assurances.iter().map(|a| a.as_str()).collect())
            ));
        }
        if self.open_now {
            parts.push("open_now=true".into());
        }
        if self.prayer_space {
            parts.push("prayer_space=true".into());
        }
        parts.join("&")
    }
}

// ---------------------------------------------------------------- /map

pub struct Chip {
    pub name: &'static str,
    pub value: String,
    pub label: String,
    pub on: bool,
}

pub struct ListItem {
    pub id: i64,
    pub href: String,
    pub name: String,
    pub name_lang: &'static str,
    pub category: String,
    pub assurance: Badge,
    pub certificate: Option<String>,
    pub open: Badge,
    pub prayer_space: bool,
    pub stale: bool,
    pub address: Option<String>,
}

#[derive(Template)]
#[template(path = "map.html")]
struct MapPage<'a> {
    ctx: &'a Ctx,
    categories: Vec<Chip>,
    assurances: Vec<Chip>,
    others: Vec<Chip>,
    legend: Vec<Badge>,
    ignored: Vec<String>,
    items: Vec<ListItem>,
    heading: String,
    truncated: Option<String>,
    demo: bool,
    osm: bool,
    api_query: String,
    places_json: String,
    config_json: String,
}

async fn map_page(State(s): State<WebState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Response {
    let q = MapQuery::parse(raw.as_deref());
    let (hits, total) = match (s.app.all_places(&q.filter()).await, s.app.place_index().await) {
        (Ok(h), Ok(ix)) => (h, ix.len()),
        _ => return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database"),
    };
    let matched = hits.len();
    let mut keyed: Vec<((String, i64), String, &'static str, PlaceHit)> = hits
        .into_iter()
        .map(|h| {
            let (name, lang) = best_name(&h.place, ctx.lang);
            ((name.to_lowercase(), h.place.id), name, lang, h)
        })
        .collect();
    // By name; only the first MAX_RESULTS are put in order.
    order_first(&mut keyed, MAX_RESULTS, |a, b| a.0.cmp(&b.0));
    keyed.truncate(MAX_RESULTS);
    let shown: Vec<(String, &'static str, PlaceHit)> = keyed.into_iter().map(|(_, n, l, h)| (n, l, h)).collect();
    let demo = shown
        .iter()
        .any(|(_, _, h)| h.place.fields.source.kind() == SourceKind::Demo);
    let osm = shown
        .iter()
        .any(|(_, _, h)| h.place.fields.source.kind() == SourceKind::Openstreetmap);
    let mut markers = Vec::with_capacity(shown.len());
    let items: Vec<ListItem> = shown
        .into_iter()
        .map(|(name, name_lang, h)| {
            let category = category_label(&ctx, h.place.fields.category);
            let assurance = assurance_badge(&ctx, &h);
            let pos = h.place.fields.position;
            markers.push(json!({
                "id": h.place.id,
                "lat": pos.lat(),
                "lon": pos.lon(),
                "name": name,
                "lang": name_lang,
                "kind": h.place.fields.category.as_str(),
                "level": assurance.class,
                "label": format!("{category} · {}", assurance.text),
                "href": place_href(h.place.id),
            }));
            ListItem {
                id: h.place.id,
                href: place_href(h.place.id),
                name,
                name_lang,
                category,
                certificate: certificate_note(&ctx, &h),
                assurance,
                open: open_badge(&ctx, h.open_now),
                prayer_space: h.place.fields.prayer.prayer_space,
                stale: h.stale,
                address: h.place.fields.address.as_ref().map(|a| a.as_str().to_owned()),
            }
        })
        .collect();
    let chip = |name: &'static str, value: &str, label: String, on: bool| Chip {
        name,
        value: value.to_owned(),
        label,
        on,
    };
    let categories = PlaceCategory::ALL
        .iter()
        .map(|c| {
            chip(
                "category",
                c.as_str(),
                category_label(&ctx, *c),
                q.categories.contains(c),
            )
        })
        .collect();
    let assurances = Assurance::ALL
        .iter()
        .map(|a| {
            chip(
                "assurance",
                a.as_str(),
                ctx.t(&format!("map-filter-{}", kebab(a.as_str()))),
                q.assurances.contains(a),
            )
        })
        .collect();
    let others = vec![
        chip("open_now", "true", ctx.t("map-filter-open-now"), q.open_now),
        chip("prayer_space", "true", ctx.t("map-filter-prayer-space"), q.prayer_space),
    ];
    let legend = [
        ("map-assurance-certified", "certified"),
        ("map-assurance-self-declared", "self-declared"),
        ("map-assurance-pork-free", "pork-free"),
        ("map-assurance-vegetarian-options", "vegetarian"),
        ("map-assurance-unknown", "unknown"),
        ("map-certificate-expired", "expired"),
    ]
    .into_iter()
    .map(|(k, class)| Badge { text: ctx.t(k), class })
    .collect();
    let heading = tr(
        &ctx,
        "map-places-heading",
        &[("shown", ctx.num(count(matched))), ("total", ctx.num(count(total)))],
    );
    let truncated =
        (matched > items.len()).then(|| tr(&ctx, "map-list-truncated", &[("shown", ctx.num(count(items.len())))]));
    let ignored = q
        .ignored
        .iter()
        .map(|v| tr(&ctx, "map-filter-ignored", &[("value", v.clone())]))
        .collect();
    render(
        &ctx,
        &MapPage {
            ctx: &ctx,
            categories,
            assurances,
            others,
            legend,
            ignored,
            items,
            heading,
            truncated,
            demo,
            osm,
            api_query: q.api_query(),
            places_json: script_json(&Value::Array(markers)),
            config_json: script_json(&map_config(&ctx, s.tiles.as_deref())),
        },
    )
}

// ---------------------------------------------------------------- a place

pub struct Certificate {
    pub certifier: String,
    pub number: String,
    pub valid_from: String,
    pub valid_until: String,
    pub status: String,
    pub class: &'static str,
}

pub struct PrayerRow {
    pub key: &'static str,
    pub name: String,
    pub time: String,
    pub note: Option<String>,
    pub next: bool,
}

pub struct Prayer {
    pub heading: String,
    pub zone: String,
    pub rows: Vec<PrayerRow>,
    pub method: String,
    pub madhab: String,
    pub rule: String,
}

pub struct Qibla {
    pub degrees: String,
    pub direction: String,
    pub rotate: String,
    pub label: String,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "place.html")]
struct PlacePage<'a> {
    ctx: &'a Ctx,
    id: i64,
    name: String,
    name_lang: &'static str,
    other_names: Vec<(&'static str, String)>,
    category: String,
    chain: Option<String>,
    assurance: Badge,
    certificate: Option<Certificate>,
    explain: String,
    alcohol: String,
    open: Badge,
    hours: Option<String>,
    /// The next seven days, read from the hours; empty when there are none
    /// or they cannot be read.
    week: Vec<WeekRow>,
    stale: bool,
    last_verified: String,
    address: Option<String>,
    phone: Option<(String, String)>,
    website: Option<String>,
    facilities: Vec<(String, bool)>,
    prayer: Option<Prayer>,
    prayer_error: Option<String>,
    qibla: Qibla,
    methods: Vec<Choice>,
    madhabs: Vec<Choice>,
    rules: Vec<Choice>,
    date_value: String,
    form_errors: Vec<String>,
    directions: String,
    geo: String,
    osm_link: Option<String>,
    source: String,
    attribution: Option<String>,
    config_json: String,
    place_json: String,
}

fn compass_point(deg: f64) -> &'static str {
    const POINTS: [&str; 16] = [
        "n", "nne", "ne", "ene", "e", "ese", "se", "sse", "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw",
    ];
    // In range 0..16 after rem_euclid; the cast cannot overflow.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = ((deg.rem_euclid(360.0) / 22.5).round() as usize) % 16;
    POINTS[i]
}

fn method_key(m: Method) -> String {
    let mut out = String::new();
    for (i, c) in m.name().chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    format!("map-method-{out}")
}

fn rule_key(r: HighLatitudeRule) -> String {
    match r {
        HighLatitudeRule::MiddleOfTheNight => "map-rule-middle-of-the-night",
        HighLatitudeRule::SeventhOfTheNight => "map-rule-seventh-of-the-night",
        HighLatitudeRule::TwilightAngle => "map-rule-twilight-angle",
    }
    .to_owned()
}

fn madhab_key(m: Madhab) -> String {
    format!("map-madhab-{}", m.name().to_ascii_lowercase())
}

/// The prayer-time form's choices: the method, school and rule asked for,
/// or the defaults with a message for each value not understood.
struct PrayerChoice {
    method: Method,
    madhab: Madhab,
    rule: Option<HighLatitudeRule>,
    date: NaiveDate,
    errors: Vec<String>,
}

fn prayer_choice(ctx: &Ctx, raw: Option<&str>, today: NaiveDate) -> PrayerChoice {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
    let mut c = PrayerChoice {
        method: Method::MuslimWorldLeague,
        madhab: Madhab::Shafi,
        rule: None,
        date: today,
        errors: Vec::new(),
    };
    for (k, v) in pairs {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let ok = match k.as_str() {
            "method" => v
                .parse::<Method>()
                .ok()
                .filter(|m| *m != Method::Other)
                .map(|m| c.method = m)
                .is_some(),
            "madhab" => v.parse::<Madhab>().map(|m| c.madhab = m).is_ok(),
            "high_latitude_rule" => v.parse::<HighLatitudeRule>().map(|r| c.rule = Some(r)).is_ok(),
            "date" => NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
                .map(|d| c.date = d)
                .is_some(),
            _ => true,
        };
        if !ok {
            c.errors
                .push(tr(ctx, "map-filter-ignored", &[("value", format!("{k}={v}"))]));
        }
    }
    c
}

fn prayer_view(ctx: &Ctx, t: &LocalPrayerTimes, now: DateTime<Utc>, today: NaiveDate) -> Prayer {
    let mut next_found = t.date != today;
    let rows = [
        ("fajr", &t.fajr),
        ("sunrise", &t.sunrise),
        ("dhuhr", &t.dhuhr),
        ("asr", &t.asr),
        ("maghrib", &t.maghrib),
        ("isha", &t.isha),
    ]
    .into_iter()
    .map(|(key, raw)| {
        let at: Option<DateTime<FixedOffset>> = DateTime::parse_from_rfc3339(raw).ok();
        let time = at.map(|a| a.format("%H:%M").to_string()).unwrap_or_else(|| raw.clone());
        let note = at.and_then(|a| {
            let d = a.date_naive();
            (d != t.date).then(|| {
                ctx.t(if d > t.date {
                    "map-prayer-next-day"
                } else {
                    "map-prayer-previous-day"
                })
            })
        });
        // The next prayer still to come today (sunrise is not a prayer).
        let next = !next_found && key != "sunrise" && at.is_some_and(|a| a.with_timezone(&Utc) > now);
        if next {
            next_found = true;
        }
        PrayerRow {
            key,
            name: ctx.t(&format!("map-prayer-{key}")),
            time,
            note,
            next,
        }
    })
    .collect();
    let rule = t.high_latitude_rule.parse::<HighLatitudeRule>().ok();
    Prayer {
        heading: tr(ctx, "map-prayer-heading", &[("date", ctx.date(&t.date))]),
        zone: tr(ctx, "map-prayer-zone", &[("zone", t.timezone.clone())]),
        rows,
        method: t
            .method
            .parse::<Method>()
            .map(|m| ctx.t(&method_key(m)))
            .unwrap_or_else(|_| t.method.clone()),
        madhab: t
            .madhab
            .parse::<Madhab>()
            .map(|m| ctx.t(&madhab_key(m)))
            .unwrap_or_else(|_| t.madhab.clone()),
        rule: rule
            .map(|r| ctx.t(&rule_key(r)))
            .unwrap_or_else(|| t.high_latitude_rule.clone()),
    }
}

/// One day of the place page's opening-hours table.
struct WeekRow {
    day: String,
    hours: String,
    today: bool,
}

fn week_rows(ctx: &Ctx, days: &[DayHours], today: NaiveDate) -> Vec<WeekRow> {
    use chrono::Datelike;
    days.iter()
        .map(|d| {
            let name = ctx.t(&format!("map-day-{}", d.date.weekday().number_from_monday()));
            let hours = if d.spans.is_empty() {
                ctx.t("map-hours-closed")
            } else if d.all_day() {
                ctx.t("map-hours-all-day")
            } else {
                d.spans
                    .iter()
                    .map(|sp| {
                        let span = format!("{}–{}", sp.from, sp.until);
                        match (sp.unknown, &sp.comment) {
                            (false, _) => span,
                            (true, None) => tr(ctx, "map-hours-to-confirm", &[("span", span)]),
                            (true, Some(c)) => tr(
                                ctx,
                                "map-hours-to-confirm-why",
                                &[("span", span), ("comment", c.clone())],
                            ),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            WeekRow {
                day: if d.date == today {
                    tr(ctx, "map-hours-today", &[("day", name)])
                } else {
                    name
                },
                hours,
                today: d.date == today,
            }
        })
        .collect()
}

async fn place_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>, RawQuery(raw): RawQuery) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    let h = match s.app.place(id).await {
        Ok(h) => h,
        Err(AppError::NotFound { .. }) => {
            return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
        }
        Err(_) => return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database"),
    };
    let f = &h.place.fields;
    let today = s.app.today();
    let (name, name_lang) = best_name(&h.place, ctx.lang);
    let other_names = f
        .names
        .iter()
        .filter(|(_, n)| n.as_str() != name)
        .map(|(l, n)| (l, n.as_str().to_owned()))
        .collect();
    let pos = f.position;
    let choice = prayer_choice(&ctx, raw.as_deref(), today);
    let req = PrayerRequest {
        lat: degrees(pos.lat()),
        lon: degrees(pos.lon()),
        date: choice.date.to_string(),
        tz: PLACE_TIME_ZONE.name().to_owned(),
        method: choice.method.name().to_owned(),
        madhab: choice.madhab.name().to_owned(),
        high_latitude_rule: choice.rule.map(|r| r.name().to_owned()).unwrap_or_default(),
    };
    let (prayer, prayer_error) = match kizuna_app::map::prayer::prayer_times(&req) {
        Ok(t) => (Some(prayer_view(&ctx, &t, Utc::now(), today)), None),
        Err(_) => (None, Some(ctx.t("map-prayer-unavailable"))),
    };
    let bearing = kizuna_geo::prayer::qibla(pos.lat(), pos.lon());
    let direction = ctx.t(&format!("map-compass-{}", compass_point(bearing)));
    let deg_text = format!("{bearing:.1}°");
    let qibla = Qibla {
        label: tr(
            &ctx,
            "map-qibla-arrow",
            &[("degrees", deg_text.clone()), ("direction", direction.clone())],
        ),
        degrees: deg_text,
        direction,
        rotate: format!("{bearing:.2}"),
    };
    let certificate = f.halal.certificate().map(|c| {
        let status = h.certificate_status.unwrap_or(CertificateStatus::Expired);
        let days = (c.valid_until() - today).num_days();
        let (text, class) = match status {
            CertificateStatus::Valid => (ctx.t("map-certificate-status-valid"), "certified"),
            CertificateStatus::Expiring => (
                i18n::message(
                    ctx.lang,
                    "map-certificate-status-expiring",
                    &[("days", FluentValue::from(days))],
                ),
                "expiring",
            ),
            CertificateStatus::Expired => (ctx.t("map-certificate-status-expired"), "expired"),
            CertificateStatus::NotYetValid => (ctx.t("map-certificate-status-not-yet-valid"), "expired"),
        };
        Certificate {
            certifier: c.certifier().as_str().to_owned(),
            number: c.number().as_str().to_owned(),
            valid_from: ctx.date(&c.valid_from()),
            valid_until: ctx.date(&c.valid_until()),
            status: text,
            class,
        }
    });
    let alcohol = ctx.t(match f.alcohol_served {
        Some(true) => "map-alcohol-yes",
        Some(false) => "map-alcohol-no",
        None => "map-alcohol-unknown",
    });
    let p = f.prayer;
    let facilities = vec![
        (ctx.t("map-facility-prayer-space"), p.prayer_space),
        (ctx.t("map-facility-wudu"), p.wudu),
        (ctx.t("map-facility-women-space"), p.women_space),
        (ctx.t("map-facility-qibla-marked"), p.qibla_marked),
        (ctx.t("map-facility-mats"), p.mats),
    ];
    let phone = f.phone.as_ref().map(|ph| {
        let dial: String = ph
            .as_str()
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        (ph.as_str().to_owned(), format!("tel:{dial}"))
    });
    let chain = match (&f.chain, &f.branch) {
        (Some(c), Some(b)) => Some(tr(
            &ctx,
            "map-chain-branch",
            &[("chain", c.as_str().to_owned()), ("branch", b.as_str().to_owned())],
        )),
        (Some(c), None) => Some(tr(&ctx, "map-chain", &[("chain", c.as_str().to_owned())])),
        _ => None,
    };
    let (lat, lon) = (degrees(pos.lat()), degrees(pos.lon()));
    let kind = f.source.kind();
    let osm_link = (kind == SourceKind::Openstreetmap)
        .then(|| format!("https://www.openstreetmap.org/{}", f.source.id().as_str()));
    let methods = Method::ALL
        .iter()
        .filter(|m| **m != Method::Other)
        .map(|m| Choice {
            value: m.name().to_owned(),
            label: ctx.t(&method_key(*m)),
            selected: *m == choice.method,
        })
        .collect();
    let madhabs = Madhab::ALL
        .iter()
        .map(|m| Choice {
            value: m.name().to_owned(),
            label: ctx.t(&madhab_key(*m)),
            selected: *m == choice.madhab,
        })
        .collect();
    let mut rules = vec![Choice {
        value: String::new(),
        label: tr(
            &ctx,
            "map-rule-recommended",
            &[("rule", ctx.t(&rule_key(HighLatitudeRule::recommended(pos.lat()))))],
        ),
        selected: choice.rule.is_none(),
    }];
    rules.extend(HighLatitudeRule::ALL.iter().map(|r| Choice {
        value: r.name().to_owned(),
        label: ctx.t(&rule_key(*r)),
        selected: choice.rule == Some(*r),
    }));
    let assurance = assurance_badge(&ctx, &h);
    let place_json = script_json(&json!({
        "id": h.place.id, "lat": pos.lat(), "lon": pos.lon(), "name": name, "lang": name_lang,
        "kind": f.category.as_str(), "level": assurance.class,
        "label": format!("{} · {}", category_label(&ctx, f.category), assurance.text),
    }));
    render(
        &ctx,
        &PlacePage {
            ctx: &ctx,
            id,
            other_names,
            category: category_label(&ctx, f.category),
            chain,
            assurance,
            certificate,
            explain: ctx.t(&format!("map-explain-{}", kebab(f.halal.level().as_str()))),
            alcohol,
            open: open_badge(&ctx, h.open_now),
            hours: f.opening_hours.as_ref().map(|o| o.as_str().to_owned()),
            week: f
                .opening_hours
                .as_ref()
                .and_then(|o| hours_by_day(o.as_str(), pos.lat(), pos.lon(), today, 7))
                .map(|days| week_rows(&ctx, &days, today))
                .unwrap_or_default(),
            stale: h.stale,
            last_verified: match f.last_verified {
                Some(d) => tr(&ctx, "map-last-verified", &[("date", ctx.date(&d))]),
                None => ctx.t("map-never-verified"),
            },
            address: f.address.as_ref().map(|a| a.as_str().to_owned()),
            phone,
            website: f.website.as_ref().map(|w| w.as_str().to_owned()),
            facilities,
            prayer,
            prayer_error,
            qibla,
            methods,
            madhabs,
            rules,
            date_value: choice.date.to_string(),
            form_errors: choice.errors,
            directions: format!("https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}"),
            geo: format!("geo:{lat},{lon}"),
            osm_link,
            source: ctx.t(&format!("map-source-{}", kind.as_str())),
            attribution: f.attribution.as_ref().map(|a| a.as_str().to_owned()),
            config_json: script_json(&map_config(&ctx, s.tiles.as_deref())),
            place_json,
            name,
            name_lang,
        },
    )
}
