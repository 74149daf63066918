//! The staff pages of the Muslim-friendly map through the router (no
//! sockets), on SQLite with the demo dataset and "today" fixed at
//! 2026-11-23: the list, the form and its field messages, verifying,
//! deleting, the review lists, imports with a preview, who may use them,
//! and the four languages.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_app::map::{PlaceFileFormat, PlaceFilter};
use kizuna_domain::common::account::Role;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::map::place::{Place, PlaceFields};
use kizuna_i18n::{CATALOGUES, Lang, message, message_ids};
use kizuna_store::{Backend, Page};
use kizuna_testkit::fresh_store;
use tower::ServiceExt;

const EMAIL: &str = "staff@example.org";
const PARTNER: &str = "partner@example.org";
const PASSWORD: &str = "a long password 123";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// A browser: the router and the cookies it was given.
struct Browser {
    router: Router,
    cookies: BTreeMap<String, String>,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl Browser {
    fn new(router: Router) -> Self {
        Browser {
            router,
            cookies: BTreeMap::new(),
        }
    }

    fn csrf(&self) -> String {
        self.cookies.get("kizuna_csrf").cloned().unwrap_or_default()
    }

    async fn send(&mut self, req: axum::http::request::Builder, body: Body) -> Answer {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let req = if cookie.is_empty() {
            req
        } else {
            req.header(header::COOKIE, cookie)
        };
        let resp = self
            .router
            .clone()
            .oneshot(req.body(body).expect("a request"))
            .await
            .expect("an answer");
        for c in resp.headers().get_all(header::SET_COOKIE) {
            let c = c.to_str().expect("ASCII cookie");
            let (kv, _) = c.split_once(';').unwrap_or((c, ""));
            if let Some((k, v)) = kv.split_once('=') {
                if v.is_empty() {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_owned(), v.to_owned());
                }
            }
        }
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .expect("a body");
        let body = String::from_utf8_lossy(&bytes).into_owned();
        assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "500: {body}");
        Answer { status, headers, body }
    }

    async fn get(&mut self, uri: &str) -> Answer {
        self.send(Request::builder().uri(uri), Body::empty()).await
    }

    async fn post_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(fields).expect("a form");
        let req = Request::builder()
            .method("POST")
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(req, Body::from(body)).await
    }

    async fn post_multipart(&mut self, uri: &str, fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Answer {
        const B: &str = "----kizuna-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend(
                format!("--{B}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        if let Some((filename, bytes)) = file {
            body.extend(
                format!(
                    "--{B}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{B}--\r\n").as_bytes());
        let req = Request::builder()
            .method("POST")
            .uri(uri)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={B}"));
        self.send(req, Body::from(body)).await
    }

    async fn sign_in_as(&mut self, email: &str) {
        self.get("/sign-in").await;
        let token = self.csrf();
        let done = self
            .post_form(
                "/sign-in",
                &[("csrf", &token), ("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert!(self.cookies.contains_key("kizuna_session"), "signed in");
    }
}

async fn demo() -> (Arc<App>, Browser) {
    let store = fresh_store(Backend::Sqlite).await.expect("a fresh SQLite database");
    let app = App::new(store).with_today(today());
    app.load_demo().await.expect("the demo loads");
    app.add_user(EMAIL, Role::Staff, None, Some(PASSWORD))
        .await
        .expect("a staff account");
    let app = Arc::new(app);
    let browser = Browser::new(kizuna_web::router(app.clone()));
    (app, browser)
}

async fn staff() -> (Arc<App>, Browser) {
    let (app, mut b) = demo().await;
    b.sign_in_as(EMAIL).await;
    (app, b)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The HTML from the first `start` to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found in page:\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// A field's message beside it: the `<p id="e-NAME">` text.
fn field_error<'a>(html: &'a str, name: &str) -> &'a str {
    let p = between(html, &format!("id=\"e-{name}\">"), "</p>");
    p.trim_start_matches(&format!("id=\"e-{name}\">"))
}

async fn places_total(app: &App) -> usize {
    app.all_places(&PlaceFilter::default()).await.expect("places").len()
}

async fn place_by_source_id(app: &App, id: &str) -> Place {
    app.all_places(&PlaceFilter::default())
        .await
        .expect("places")
        .into_iter()
        .find(|h| h.place.fields.source.id().as_str() == id)
        .map(|h| h.place.into_place())
        .unwrap_or_else(|| panic!("no place {id}"))
}

fn cert_place(name: &str, until: NaiveDate) -> PlaceFields {
    PlaceFields {
        name_en: Some(name.into()),
        category: Some("restaurant".into()),
        lat: Some(43.06),
        lon: Some(141.35),
        assurance: Some("certified".into()),
        certifier: Some("Test Halal Board (demo)".into()),
        certificate_number: Some("THB-0001".into()),
        certificate_valid_from: Some("2025-12-01".into()),
        certificate_valid_until: Some(until.to_string()),
        last_verified: Some("2026-10-01".into()),
        ..Default::default()
    }
}

// ------------------------------------------------------------------ access

#[tokio::test]
async fn anonymous_visitors_sign_in_and_partners_are_refused() {
    let (app, mut b) = demo().await;
    let some = place_by_source_id(&app, "hakodate-05").await;
    let pages = [
        "/console/places".to_owned(),
        "/console/places/new".to_owned(),
        "/console/places/review".to_owned(),
        "/console/places/import".to_owned(),
        format!("/console/places/{}/edit", some.id),
        format!("/console/places/{}/delete", some.id),
    ];
    for path in &pages {
        let a = b.get(path).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{path}");
        assert!(a.location().starts_with("/sign-in?next="), "{path} → {}", a.location());
    }
    // Writes without signing in change nothing.
    b.get("/sign-in").await;
    let token = b.csrf();
    let verify = format!("/console/places/{}/verify", some.id);
    let a = b.post_form(&verify, &[("csrf", &token)]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = b
        .post_form(&format!("/console/places/{}/delete", some.id), &[("csrf", &token)])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let same = app.get::<Place>(some.id).await.expect("still there");
    assert_eq!(same.fields.last_verified, some.fields.last_verified);

    // A partner account may not use them.
    let org = app
        .list::<Organisation>(&BTreeMap::new(), Page { limit: 1, offset: 0 })
        .await
        .expect("orgs")
        .0;
    app.add_user(PARTNER, Role::Partner, Some(org[0].fields.key.as_str()), Some(PASSWORD))
        .await
        .expect("a partner");
    b.sign_in_as(PARTNER).await;
    for path in &pages {
        let a = b.get(path).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{path}");
        assert!(a.body.contains("Not allowed"), "{path}: the refusal is a page");
    }
    let token = b.csrf();
    let a = b.post_form(&verify, &[("csrf", &token)]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = b
        .post_form("/console/places/new", &[("csrf", &token), ("name_en", "Sneaky")])
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token)],
            Some(("p.geojson", b"{}")),
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(places_total(&app).await, 60);
    let same = app.get::<Place>(some.id).await.expect("still there");
    assert_eq!(same.fields.last_verified, some.fields.last_verified);
}

#[tokio::test]
async fn forms_without_the_token_are_refused() {
    let (app, mut b) = staff().await;
    let stale = place_by_source_id(&app, "hakodate-05").await;
    let a = b
        .post_form(
            &format!("/console/places/{}/verify", stale.id),
            &[("csrf", "not-the-token")],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = b
        .post_form(
            "/console/places/new",
            &[
                ("csrf", "forged"),
                ("name_en", "Forged (demo)"),
                ("category", "cafe"),
                ("lat", "43"),
                ("lon", "141"),
                ("assurance", "unknown"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let a = b
        .post_form(&format!("/console/places/{}/delete", stale.id), &[("csrf", "")])
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(places_total(&app).await, 60);
    assert_eq!(
        app.get::<Place>(stale.id).await.expect("kept").fields.last_verified,
        stale.fields.last_verified
    );
}

// -------------------------------------------------------------------- list

#[tokio::test]
async fn the_list_searches_filters_and_pages() {
    let (app, mut b) = staff().await;
    let all = app.all_places(&PlaceFilter::default()).await.expect("places");
    let a = b.get("/console/places").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("60 places match these filters."), "{}", a.body);
    let table = between(&a.body, "<table id=\"places\"", "</table>");
    assert_eq!(count(table, "<tr id=\"place-"), 50, "50 a page");
    assert!(a.body.contains("href=\"/console/places?offset=50\""), "a next page");
    let counts = between(&a.body, "id=\"place-counts\"", "</div>\n<form");
    let stale = all.iter().filter(|h| h.stale).count();
    assert!(
        counts.contains(&format!("<span class=\"figure\">{stale}</span>")),
        "{counts}"
    );
    assert!(counts.contains("certificates ending within 30 days"), "{counts}");

    let page2 = b.get("/console/places?offset=50").await;
    let table2 = between(&page2.body, "<table id=\"places\"", "</table>");
    assert_eq!(count(table2, "<tr id=\"place-"), 10);
    assert!(page2.body.contains("Places 51 to 60 of 60"));
    // The two pages, in order, are every place sorted by name (then id).
    let ids = |html: &str| -> Vec<i64> {
        html.split("<tr id=\"place-")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap_or("").parse().expect("a place id"))
            .collect()
    };
    let mut by_name: Vec<(String, i64)> = all
        .iter()
        .map(|h| (h.place.name(&["en"]).to_lowercase(), h.place.id))
        .collect();
    by_name.sort();
    let want: Vec<i64> = by_name.iter().map(|(_, id)| *id).collect();
    assert_eq!([ids(table), ids(table2)].concat(), want);

    // Sorted by name; each row says what matters at a glance.
    let maruyama = place_by_source_id(&app, "sapporo-14").await;
    let html = b.get("/console/places?q=maruyama").await.body;
    let row = between(&html, &format!("<tr id=\"place-{}\">", maruyama.id), "</tr>");
    assert!(row.contains("Maruyama Halal Sushi (demo)"), "{row}");
    assert!(row.contains("円山ハラール寿司（デモ）"), "the Japanese name too");
    assert!(row.contains("Restaurant"));
    assert!(row.contains("Halal certified"));
    assert!(
        row.contains("until 31 Oct 2026") && row.contains("badge bad\">Ended"),
        "{row}"
    );
    assert!(row.contains("Sapporo"), "its locality: {row}");

    // A name in any language, any case.
    let hilal = all
        .iter()
        .filter(|h| {
            h.place
                .fields
                .names
                .iter()
                .any(|(_, n)| n.as_str().to_lowercase().contains("hilal"))
        })
        .count();
    assert!(hilal >= 2);
    let html = b.get("/console/places?q=HILAL").await.body;
    assert_eq!(count(&html, "<tr id=\"place-"), hilal);
    let maruyama_ja = all
        .iter()
        .filter(|h| h.place.fields.names.iter().any(|(_, n)| n.as_str().contains("円山")))
        .count();
    assert!(maruyama_ja >= 1);
    let html = b.get("/console/places?q=%E5%86%86%E5%B1%B1").await.body; // 円山
    assert_eq!(count(&html, "<tr id=\"place-"), maruyama_ja);

    // Filters: category, the recorded assurance level (ended certificates too), stale only.
    let mosques = all
        .iter()
        .filter(|h| h.place.fields.category.as_str() == "mosque")
        .count();
    let html = b.get("/console/places?category=mosque").await.body;
    assert_eq!(count(&html, "<tr id=\"place-"), mosques);
    assert!(html.contains("<option value=\"mosque\" selected>"));
    let certified = all
        .iter()
        .filter(|h| h.place.fields.halal.level().as_str() == "certified")
        .count();
    let html = b.get("/console/places?assurance=certified").await.body;
    assert_eq!(count(&html, "<tr id=\"place-"), certified);
    assert!(
        html.contains(&format!("place-{}\"", maruyama.id)),
        "an ended certificate is still certified"
    );
    let html = b.get("/console/places?stale=1").await.body;
    assert_eq!(count(&html, "<tr id=\"place-"), stale);
    assert_eq!(count(&html, "badge warn\">Stale"), stale);
    assert_eq!(count(&html, "/verify\""), stale, "each stale row can be verified");
    let html = b.get("/console/places?q=no-such-place-anywhere").await.body;
    assert!(html.contains("No place matches these filters."));
    // Values that mean nothing are ignored, not a failure.
    let a = b.get("/console/places?category=bar&offset=x&assurance=").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("60 places match"));
}

// -------------------------------------------------------------------- form

#[tokio::test]
async fn a_new_place_shows_each_problem_beside_its_field_then_is_saved() {
    let (app, mut b) = staff().await;
    let form = b.get("/console/places/new").await;
    assert_eq!(form.status, StatusCode::OK);
    for name in [
        "name_ja",
        "name_en",
        "name_th",
        "name_ms",
        "name_ar",
        "name_id",
        "category",
        "chain",
        "branch",
        "address",
        "phone",
        "website",
        "locality_id",
        "lat",
        "lon",
        "assurance",
        "certifier",
        "certificate_number",
        "certificate_valid_from",
        "certificate_valid_until",
        "alcohol_served",
        "prayer_space",
        "wudu",
        "women_space",
        "qibla_marked",
        "prayer_mats",
        "opening_hours",
        "source",
        "source_id",
        "attribution",
        "last_verified",
    ] {
        assert!(form.body.contains(&format!("name=\"{name}\"")), "the form has {name}");
    }
    assert!(
        form.body.contains("Mo-Sa 11:00-21:00; Su off"),
        "the opening hours help"
    );
    assert!(form.body.contains("wiki.openstreetmap.org/wiki/Key:opening_hours"));
    let token = b.csrf();
    let before = places_total(&app).await;
    let sapporo = app
        .by_key::<kizuna_domain::common::locality::Locality>("jp/hokkaido/ishikari/sapporo")
        .await
        .expect("Sapporo");
    let sapporo_id = sapporo.id.to_string();

    let bad = b
        .post_form(
            "/console/places/new",
            &[
                ("csrf", &token),
                ("name_en", ""),
                ("chain", "Hilal Ramen Kita"),
                ("category", ""),
                ("phone", "call us"),
                ("website", "ftp://example.org"),
                ("locality_id", &sapporo_id),
                ("lat", "north"),
                ("lon", "200"),
                ("assurance", "certified"),
                ("certificate_number", "TEST-1"),
                ("certificate_valid_from", "2026-01-01"),
                ("certificate_valid_until", "2026-02-30"),
                ("alcohol_served", "no"),
                ("wudu", "true"),
                ("opening_hours", "whenever we like"),
                ("source", "staff"),
                ("last_verified", "yesterday"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(places_total(&app).await, before, "nothing written");
    let h = &bad.body;
    assert!(h.contains("Some values need fixing."));
    for (name, msg) in [
        ("name_en", "Give the place a name in at least one language."),
        ("category", "Fill this in."),
        ("phone", "“call us” is not a telephone number"),
        ("website", "“ftp://example.org” is not a web address"),
        ("lat", "“north” is not a latitude"),
        ("lon", "“200” is not a longitude: write degrees from -180 to 180."),
        ("certifier", "Fill this in."),
        ("certificate_valid_until", "“2026-02-30” is not a date"),
        (
            "opening_hours",
            "“whenever we like” is not in OpenStreetMap's opening_hours syntax",
        ),
        ("last_verified", "“yesterday” is not a date"),
    ] {
        let e = field_error(h, name).replace("&#34;", "\"").replace("&#39;", "'");
        assert!(e.contains(msg), "{name}: {e:?} should say {msg:?}");
        assert!(
            h.contains(&format!("id=\"f-{name}\"")) && h.contains(&format!("href=\"#f-{name}\"")),
            "{name} is named in the summary, with a link to it"
        );
    }
    // Fields without problems are not blamed, and what was typed is kept.
    for name in ["chain", "certificate_number", "certificate_valid_from", "address"] {
        assert!(!h.contains(&format!("id=\"e-{name}\"")), "{name} is not blamed");
    }
    assert!(between(h, "id=\"f-lat\"", ">").contains("aria-invalid=\"true\""));
    assert!(between(h, "id=\"f-lat\"", ">").contains("value=\"north\""));
    assert!(between(h, "id=\"f-chain\"", ">").contains("value=\"Hilal Ramen Kita\""));
    assert!(between(h, "id=\"f-opening_hours\"", ">").contains("value=\"whenever we like\""));
    assert!(h.contains(&format!("<option value=\"{sapporo_id}\" selected>")));
    assert!(h.contains("<option value=\"certified\" selected>"));
    assert!(h.contains("name=\"alcohol_served\" value=\"no\" checked"));
    assert!(h.contains("name=\"wudu\" value=\"true\" checked"));
    assert!(!h.contains("name=\"prayer_mats\" value=\"true\" checked"));

    // A certificate on a place that is not certified is refused, field by field.
    let bad = b
        .post_form(
            "/console/places/new",
            &[
                ("csrf", &token),
                ("name_en", "Test Kitchen (demo)"),
                ("category", "restaurant"),
                ("lat", "43.0621"),
                ("lon", "141.3544"),
                ("assurance", "pork_free"),
                ("certifier", "Someone"),
                ("source", "staff"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad.body, "certifier").contains("Only certified places have a certificate"));

    // Fixed: saved, then its page says so; it starts unverified.
    let good = b
        .post_form(
            "/console/places/new",
            &[
                ("csrf", &token),
                ("name_en", "Test Halal Ramen, Odori (demo)"),
                ("name_ja", "テストハラールラーメン 大通店（デモ）"),
                ("name_ar", "مطعم تجريبي (demo)"),
                ("chain", "Test Halal Ramen"),
                ("branch", "Odori"),
                ("category", "restaurant"),
                ("phone", "+81 11-000-0000"),
                ("website", "https://example.org/demo/test-ramen"),
                ("locality_id", &sapporo_id),
                ("lat", "43.0601"),
                ("lon", "141.3566"),
                ("assurance", "certified"),
                ("certifier", "Test Halal Board (demo)"),
                ("certificate_number", "THB-2026-7"),
                ("certificate_valid_from", "2026-01-01"),
                ("certificate_valid_until", "2027-12-31"),
                ("alcohol_served", "no"),
                ("prayer_space", "true"),
                ("wudu", "true"),
                ("opening_hours", "Mo-Sa 11:00-21:00; Su off"),
                ("source", "staff"),
                ("source_id", ""),
                ("last_verified", ""),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    assert!(good.location().ends_with("/edit?saved=1"), "{}", good.location());
    assert_eq!(places_total(&app).await, before + 1);
    let id: i64 = good
        .location()
        .trim_start_matches("/console/places/")
        .split('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("the new place's id");
    let p = app.get::<Place>(id).await.expect("saved").fields;
    assert_eq!(p.names.get("ar").map(|t| t.as_str()), Some("مطعم تجريبي (demo)"));
    assert_eq!(p.branch.as_ref().map(|t| t.as_str()), Some("Odori"));
    assert_eq!(p.locality_id, Some(sapporo.id));
    assert_eq!(p.alcohol_served, Some(false));
    assert!(p.prayer.prayer_space && p.prayer.wudu && !p.prayer.mats);
    assert_eq!(p.source.kind().as_str(), "staff");
    assert!(p.source.id().as_str().starts_with("staff-"), "given an id");
    assert_eq!(p.halal.certificate().map(|c| c.number().as_str()), Some("THB-2026-7"));
    assert_eq!(p.last_verified, None);

    let page = b.get(good.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("The place was saved."));
    assert!(page.body.contains("Never verified") && page.body.contains("badge warn\">Stale"));
    assert!(
        page.body
            .contains("Certificate THB-2026-7 from Test Halal Board (demo), valid until 31 Dec 2027.")
    );
    assert!(between(&page.body, "id=\"f-lat\"", ">").contains("value=\"43.0601\""));
    assert!(page.body.contains("name=\"prayer_space\" value=\"true\" checked"));
    // Listed under its name.
    let list = b.get("/console/places?q=test+halal+ramen").await.body;
    assert!(list.contains(&format!("<tr id=\"place-{id}\">")), "{list}");
}

#[tokio::test]
async fn a_place_is_changed_and_imported_sources_stay_as_they_are() {
    let (app, mut b) = staff().await;
    let token = b.csrf();
    let grill = place_by_source_id(&app, "hakodate-05").await;
    let path = format!("/console/places/{}/edit", grill.id);
    let form = b.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Change Bay Area Seafood Grill (demo)"));
    assert!(between(&form.body, "id=\"f-name_en\"", ">").contains("value=\"Bay Area Seafood Grill (demo)\""));
    assert!(form.body.contains("<option value=\"pork_free\" selected>"));
    assert!(form.body.contains("name=\"alcohol_served\" value=\"yes\" checked"));
    // Demo data cannot have its source changed here.
    assert!(!form.body.contains("name=\"source_id\""));
    assert!(form.body.contains("Source: Demonstration data, id hakodate-05."));

    // Send the form back as it is, with two changes.
    let mut fields: Vec<(String, String)> = PlaceFields::from(&grill.fields)
        .pipe_form()
        .into_iter()
        .filter(|(k, _)| k != "source" && k != "source_id")
        .collect();
    let set = |fields: &mut Vec<(String, String)>, k: &str, v: &str| {
        fields.retain(|(n, _)| n != k);
        fields.push((k.to_owned(), v.to_owned()));
    };
    set(&mut fields, "opening_hours", "Tu-Su 11:00-21:00; Mo off");
    set(&mut fields, "name_th", "ร้านย่างซีฟู้ดเบย์แอเรีย (demo)");
    set(&mut fields, "csrf", &token);
    // A mistake first: kept, and nothing changes.
    set(&mut fields, "website", "not a site");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let bad = b.post_form(&path, &pairs).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad.body, "website").contains("is not a web address"));
    assert!(between(&bad.body, "id=\"f-name_th\"", ">").contains("ร้านย่างซีฟู้ดเบย์แอเรีย (demo)"));
    assert_eq!(app.get::<Place>(grill.id).await.expect("kept").fields, grill.fields);

    set(&mut fields, "website", "https://example.org/demo/places/hakodate-05");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let done = b.post_form(&path, &pairs).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("{path}?saved=1"));
    let after = app.get::<Place>(grill.id).await.expect("changed").fields;
    assert_eq!(
        after.opening_hours.as_ref().map(|h| h.as_str()),
        Some("Tu-Su 11:00-21:00; Mo off")
    );
    assert_eq!(
        after.names.get("th").map(|t| t.as_str()),
        Some("ร้านย่างซีฟู้ดเบย์แอเรีย (demo)")
    );
    assert_eq!(after.source, grill.fields.source, "the demo source is kept");
    assert_eq!(
        after.last_verified, grill.fields.last_verified,
        "saving is not verifying"
    );
    assert_eq!(after.halal, grill.fields.halal);

    // A form that tries to change the source anyway is not listened to.
    set(&mut fields, "source", "staff");
    set(&mut fields, "source_id", "hijacked");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(b.post_form(&path, &pairs).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get::<Place>(grill.id).await.expect("kept").fields.source,
        grill.fields.source
    );

    // Unknown places are not found.
    assert_eq!(b.get("/console/places/999999/edit").await.status, StatusCode::NOT_FOUND);
    assert_eq!(b.get("/console/places/abc/edit").await.status, StatusCode::NOT_FOUND);
}

/// A place's flat fields as the form sends them.
trait PipeForm {
    fn pipe_form(&self) -> Vec<(String, String)>;
}

impl PipeForm for PlaceFields {
    fn pipe_form(&self) -> Vec<(String, String)> {
        let serde_json::Value::Object(m) = serde_json::to_value(self).expect("json") else {
            panic!("an object")
        };
        let mut out = Vec::new();
        for (k, v) in m {
            match (k.as_str(), v) {
                (_, serde_json::Value::Null) => {}
                ("alcohol_served", serde_json::Value::Bool(b)) => {
                    out.push((k.clone(), if b { "yes" } else { "no" }.to_owned()));
                }
                (_, serde_json::Value::Bool(true)) => out.push((k.clone(), "true".to_owned())),
                (_, serde_json::Value::Bool(false)) => {}
                (_, serde_json::Value::String(s)) => out.push((k.clone(), s)),
                (_, other) => out.push((k.clone(), other.to_string())),
            }
        }
        out
    }
}

// ------------------------------------------------------- verify and delete

#[tokio::test]
async fn verifying_a_stale_place_takes_it_off_the_stale_list() {
    let (app, mut b) = staff().await;
    let token = b.csrf();
    let grill = place_by_source_id(&app, "hakodate-05").await; // last verified 2025-01-20
    assert!(grill.fields.is_stale(today()));
    let review = b.get("/console/places/review").await.body;
    let stale = between(&review, "<table id=\"stale\"", "</table>");
    assert!(stale.contains(&format!("<tr id=\"stale-{}\">", grill.id)));
    assert!(stale.contains("20 Jan 2025"));

    let done = b
        .post_form(
            &format!("/console/places/{}/verify", grill.id),
            &[
                ("csrf", &token),
                ("back", "/console/places/review"),
                ("version", &grill.version.to_string()),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), format!("/console/places/review?verified={}", grill.id));
    let after = app.get::<Place>(grill.id).await.expect("kept").fields;
    assert_eq!(after.last_verified, Some(today()));
    assert!(!after.is_stale(today()));
    assert_eq!(after.halal, grill.fields.halal, "nothing else changes");
    assert_eq!(after.names, grill.fields.names);

    let review = b.get(done.location()).await.body;
    assert!(review.contains("The place was marked as verified today."));
    assert!(
        !review.contains(&format!("<tr id=\"stale-{}\">", grill.id)),
        "off the stale list"
    );
    let edit = b.get(&format!("/console/places/{}/edit", grill.id)).await.body;
    assert!(edit.contains("Last verified on 23 Nov 2026."));
    assert!(!edit.contains("badge warn\">Stale"));

    // From the list, back to the list as it was.
    let other = place_by_source_id(&app, "hakodate-04").await; // 2026-01-05: not stale
    let done = b
        .post_form(
            &format!("/console/places/{}/verify", other.id),
            &[
                ("csrf", &token),
                ("back", "/console/places?stale=1&verified=3"),
                ("version", &other.version.to_string()),
            ],
        )
        .await;
    assert_eq!(
        done.location(),
        format!("/console/places?stale=1&verified={}", other.id)
    );
    // Never somewhere else.
    let done = b
        .post_form(
            &format!("/console/places/{}/verify", other.id),
            &[
                ("csrf", &token),
                ("back", "https://example.org/"),
                ("version", &(other.version + 1).to_string()),
            ],
        )
        .await;
    assert_eq!(
        done.location(),
        format!("/console/places/{}/edit?verified={}", other.id, other.id)
    );
    assert_eq!(
        b.post_form("/console/places/999999/verify", &[("csrf", &token), ("version", "1")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_place_is_deleted_after_a_confirmation() {
    let (app, mut b) = staff().await;
    let token = b.csrf();
    let p = app
        .create_place(cert_place("Short-lived Diner (demo)", today()))
        .await
        .expect("a place");
    let edit = b.get(&format!("/console/places/{}/edit", p.id)).await.body;
    assert!(edit.contains(&format!("href=\"/console/places/{}/delete\"", p.id)));
    let ask = b.get(&format!("/console/places/{}/delete", p.id)).await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.body.contains("Delete Short-lived Diner (demo)?"));
    assert!(ask.body.contains("This cannot be undone"));
    assert!(app.get::<Place>(p.id).await.is_ok(), "asking deletes nothing");
    let done = b
        .post_form(&format!("/console/places/{}/delete", p.id), &[("csrf", &token)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/console/places?deleted=1");
    assert!(app.get::<Place>(p.id).await.is_err(), "deleted");
    assert!(b.get(done.location()).await.body.contains("The place was deleted."));
    assert_eq!(
        b.post_form(&format!("/console/places/{}/delete", p.id), &[("csrf", &token)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

// ------------------------------------------------------------------ review

#[tokio::test]
async fn the_review_lists_ending_and_ended_certificates_and_stale_places() {
    let (app, mut b) = staff().await;
    let soon = app
        .create_place(cert_place("Ten Days Kebab (demo)", today() + chrono::Days::new(10)))
        .await
        .expect("a place");
    let html = b.get("/console/places/review").await.body;
    assert!(html.contains("As of 23 Nov 2026"));
    let expiring = between(&html, "<table id=\"expiring\"", "</table>");
    let row = between(expiring, &format!("<tr id=\"expiring-{}\">", soon.id), "</tr>");
    assert!(row.contains("Ten Days Kebab (demo)"), "{row}");
    assert!(row.contains("10 days left"), "{row}");
    assert!(row.contains("3 Dec 2026") && row.contains("THB-0001"), "{row}");
    assert!(row.contains(&format!("href=\"/console/places/{}/edit\"", soon.id)));
    // The demo's four certificates ending within 30 days, soonest first; ours is the soonest.
    let review = app.places_for_review().await.expect("review");
    assert_eq!(count(expiring, "<tr id=\"expiring-"), review.expiring.len());
    assert_eq!(review.expiring.len(), 5);
    let daruma = place_by_source_id(&app, "sapporo-06").await; // until 2026-12-05
    assert!(expiring.find(&format!("expiring-{}\"", soon.id)) < expiring.find(&format!("expiring-{}\"", daruma.id)));
    assert!(between(expiring, &format!("expiring-{}\"", daruma.id), "</tr>").contains("12 days left"));

    let expired = between(&html, "<table id=\"expired\"", "</table>");
    let maruyama = place_by_source_id(&app, "sapporo-14").await; // ended 2026-10-31
    let row = between(expired, &format!("<tr id=\"expired-{}\">", maruyama.id), "</tr>");
    assert!(
        row.contains("ended 23 days ago") && row.contains("31 Oct 2026"),
        "{row}"
    );
    assert_eq!(count(expired, "<tr id=\"expired-"), 1);

    let stale = between(&html, "<table id=\"stale\"", "</table>");
    assert_eq!(count(stale, "<tr id=\"stale-"), review.stale.len());
    assert!(review.stale.len() >= 6);
    assert!(!stale.contains(&format!("stale-{}\"", soon.id)), "verified last month");
    assert_eq!(
        count(stale, "/verify\""),
        review.stale.len(),
        "each can be verified from here"
    );
    assert!(html.contains("(5 places)"));
}

// ------------------------------------------------------------------ import

fn feature(id: &str, name: &str, category: &str, lon: f64, lat: f64) -> String {
    format!(
        r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":[{lon},{lat}]}},"properties":{{"name_en":"{name}","category":"{category}","assurance":"self_declared","last_verified":"2026-11-01"}}}}"#
    )
}

fn collection(features: &[String]) -> Vec<u8> {
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(",")).into_bytes()
}

/// The value of a hidden input in a page.
fn hidden(html: &str, name: &str) -> String {
    let start = format!("name=\"{name}\" value=\"");
    between(html, &start, "\">")
        .trim_start_matches(start.as_str())
        .to_owned()
}

#[tokio::test]
async fn an_import_is_previewed_with_its_rejected_records_then_confirmed() {
    let (app, mut b) = staff().await;
    let page = b.get("/console/places/import").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(page.body.contains("<option value=\"auto\" selected>"));
    let token = b.csrf();
    let before = places_total(&app).await;

    // One bad record among good ones: every problem named, nothing written.
    let bad = collection(&[
        feature("shop-1", "Import Test Cafe (demo)", "cafe", 141.35, 43.06),
        feature("shop-2", "Import Test Bar (demo)", "bar", 141.36, 95.0),
        feature("shop-3", "Import Test Grocer (demo)", "grocery", 141.37, 43.07),
    ]);
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token)],
            Some(("places.geojson", &bad)),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert!(a.body.contains("values cannot be accepted. Nothing was written"));
    let rows = between(
        between(&a.body, "<table id=\"rejected\"", "</table>"),
        "<tbody>",
        "</tbody>",
    );
    assert_eq!(count(rows, "<tr>"), 2, "{rows}");
    let category = between(rows, "<code>category</code>", "</tr>");
    assert!(category.contains("<td>bar</td>"), "{category}");
    assert!(
        category
            .contains("“bar” is not a category: write restaurant, cafe, grocery, hotel, mosque, prayer_room or other."),
        "{category}"
    );
    let first = between(rows, "<tr>", "</tr>");
    assert!(
        first.contains(">2</th>") && first.contains("<td>shop-2</td>"),
        "record 2, id shop-2: {first}"
    );
    let lat = between(rows, "<code>lat</code>", "</tr>");
    assert!(
        lat.contains("<td>95</td>") && lat.contains("is not a latitude"),
        "{lat}"
    );
    assert!(!a.body.contains("id=\"preview\""), "no preview of a file with errors");
    assert!(!a.body.contains("name=\"confirm\""));
    assert_eq!(places_total(&app).await, before, "nothing written");

    // A clean file: what it would do, still nothing written.
    let good = collection(&[
        feature("shop-1", "Import Test Cafe (demo)", "cafe", 141.35, 43.06),
        feature("shop-3", "Import Test Grocer (demo)", "grocery", 141.37, 43.07),
    ]);
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token)],
            Some(("places.geojson", &good)),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let preview = between(&a.body, "id=\"preview\"", "</div>");
    assert!(preview.contains("The file is clean: 2 records read."), "{preview}");
    assert!(preview.contains("2 new places would be added."), "{preview}");
    assert!(preview.contains("No place already recorded would change."), "{preview}");
    assert_eq!(places_total(&app).await, before, "a preview writes nothing");
    let data = hidden(&a.body, "data");
    assert_eq!(hidden(&a.body, "format"), "geojson");
    assert_eq!(hidden(&a.body, "name"), "places.geojson");

    // Confirmed: written, and told.
    let confirm = [
        ("csrf", token.as_str()),
        ("name", "places.geojson"),
        ("format", "geojson"),
        ("data", data.as_str()),
        ("confirm", "1"),
    ];
    let done = b.post_multipart("/console/places/import", &confirm, None).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), "/console/places/import?added=2&updated=0");
    assert_eq!(places_total(&app).await, before + 2);
    let told = b.get(done.location()).await.body;
    assert!(
        told.contains("The import is done.") && told.contains("2 places were added."),
        "{told}"
    );
    let cafe = place_by_source_id(&app, "shop-1").await;
    assert_eq!(cafe.fields.source.kind().as_str(), "import");
    assert_eq!(cafe.name(&[]), "Import Test Cafe (demo)");

    // The same file again updates rather than duplicates.
    let again = b.post_multipart("/console/places/import", &confirm, None).await;
    assert_eq!(again.location(), "/console/places/import?added=0&updated=2");
    assert_eq!(places_total(&app).await, before + 2);

    // A name that does not tell the format: asked for, or taken from the select.
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token)],
            Some(("places.txt", &good)),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.body.contains("The file name does not tell its format."));
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token), ("format", "geojson")],
            Some(("places.txt", &good)),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(a.body.contains("2 places already recorded would be updated."));
    assert!(a.body.contains("<option value=\"geojson\" selected>"));

    // Not GeoJSON at all; no file; a forged form.
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token)],
            Some(("x.geojson", b"not json")),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.body.contains("The file could not be read as GeoJSON."));
    assert!(a.body.contains("Technical detail"));
    let a = b
        .post_multipart("/console/places/import", &[("csrf", &token)], None)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.body.contains("Choose a file to check."));
    let a = b
        .post_multipart("/console/places/import", &[("csrf", &token), ("data", "%%%")], None)
        .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", "forged")],
            Some(("p.geojson", &good)),
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(places_total(&app).await, before + 2);
}

#[tokio::test]
async fn an_openstreetmap_preview_says_how_many_objects_are_left_out() {
    let (app, mut b) = staff().await;
    let token = b.csrf();
    let osm = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../kizuna-app/tests/fixtures/osm/hokkaido.osm"
    ))
    .expect("the OpenStreetMap fixture");
    let report = app
        .import_places(PlaceFileFormat::OsmXml, &osm, true)
        .await
        .expect("the fixture imports");
    assert!(report.skipped > 1 && report.features > 0, "{report:?}");
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token)],
            Some(("hokkaido.osm", &osm)),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let told = visible_text(&a.body);
    assert!(
        told.contains(&format!(
            "{} OpenStreetMap objects in the file are not places of the map",
            report.skipped
        )),
        "{told}"
    );
    assert!(report.inserted > 1);
    assert!(
        told.contains(&format!("{} new places would be added.", report.inserted)),
        "{told}"
    );
    // A GeoJSON preview has nothing to leave out and says nothing of it.
    let geojson = app.export_geojson().await.expect("export");
    let a = b
        .post_multipart(
            "/console/places/import",
            &[("csrf", &token)],
            Some(("p.geojson", &geojson)),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(!a.body.contains("OpenStreetMap objects in the file"));
}

// --------------------------------------------------------------- languages

/// The text a person sees: tags removed, entities decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether `word` occurs in `text` not as part of a longer word.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn catalogue(lang: &str, file: &str) -> &'static str {
    CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == lang && *f == file)
        .map(|(_, _, t)| *t)
        .unwrap_or_else(|| panic!("{lang}/{file}.ftl"))
}

#[test]
fn the_places_catalogue_names_nothing_another_catalogue_names() {
    for lang in Lang::ALL {
        let ours = message_ids(catalogue(lang.code(), "places"));
        assert!(ours.len() > 150, "{}", ours.len());
        for (l, file, text) in CATALOGUES {
            if *l != lang.code() || *file == "places" {
                continue;
            }
            for id in message_ids(text) {
                assert!(!ours.contains(&id), "{id} is in both {l}/places.ftl and {l}/{file}.ftl");
            }
        }
    }
}

#[tokio::test]
async fn other_languages_show_no_english_strings() {
    let (app, mut b) = staff().await;
    let all = app.all_places(&PlaceFilter::default()).await.expect("places");
    let soon = app
        .create_place(cert_place("Ten Days Kebab (demo)", today() + chrono::Days::new(10)))
        .await
        .expect("a place");
    let grill = place_by_source_id(&app, "hakodate-05").await;
    // Data shown as it is (names, certifiers, addresses, localities) is not UI text.
    let mut data: Vec<String> = Vec::new();
    for h in &all {
        let p = &h.place.fields;
        data.extend(p.names.iter().map(|(_, n)| n.to_string()));
        for t in [&p.chain, &p.branch, &p.address, &p.attribution].into_iter().flatten() {
            data.push(t.to_string());
        }
        if let Some(c) = p.halal.certificate() {
            data.push(c.certifier().to_string());
        }
        data.push(PlaceFields::from(p).website.unwrap_or_default());
    }
    data.push("Ten Days Kebab (demo)".into());
    data.push("Test Halal Board (demo)".into());
    for l in app
        .list::<kizuna_domain::common::locality::Locality>(
            &BTreeMap::new(),
            Page {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .expect("localities")
        .0
    {
        data.extend(l.fields.name.get("en").map(ToString::to_string));
    }
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let ids = message_ids(catalogue("en", "places"));
    let bad = collection(&[feature("shop-2", "Import Test Bar (demo)", "bar", 141.36, 95.0)]);
    let good = collection(&[feature("shop-1", "Import Test Cafe (demo)", "cafe", 141.35, 43.06)]);

    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages: Vec<(String, String)> = Vec::new();
        for path in [
            "/console".to_owned(),
            "/console/places".to_owned(),
            "/console/places?stale=1&category=restaurant".to_owned(),
            "/console/places?q=nothing-at-all".to_owned(),
            "/console/places/new".to_owned(),
            format!("/console/places/{}/edit", soon.id),
            format!("/console/places/{}/edit?saved=1", grill.id),
            format!("/console/places/{}/delete", soon.id),
            "/console/places/review?verified=1".to_owned(),
            "/console/places/import".to_owned(),
            "/console/places/import?added=2&updated=1".to_owned(),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let a = b.get(&format!("{path}{sep}lang={code}")).await;
            assert_eq!(a.status, StatusCode::OK, "{path} in {code}");
            assert!(a.body.contains(&format!("<html lang=\"{code}\"")));
            pages.push((path, a.body));
        }
        // Pages that answer a form, in the language chosen (kept in a cookie).
        let token = b.csrf();
        let form = b
            .post_form(
                "/console/places/new",
                &[
                    ("csrf", &token),
                    ("category", ""),
                    ("phone", "call us"),
                    ("website", "ftp://x"),
                    ("lat", "north"),
                    ("lon", "200"),
                    ("assurance", "pork_free"),
                    ("certifier", "x"),
                    ("certificate_valid_until", "2026-02-30"),
                    ("opening_hours", "whenever"),
                    ("source", "openstreetmap"),
                    ("source_id", "123"),
                    ("attribution", "mine"),
                    ("last_verified", "x"),
                ],
            )
            .await;
        assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY);
        pages.push(("form with errors".into(), form.body));
        let import = b
            .post_multipart("/console/places/import", &[("csrf", &token)], Some(("p.geojson", &bad)))
            .await;
        assert_eq!(import.status, StatusCode::UNPROCESSABLE_ENTITY);
        pages.push(("import with errors".into(), import.body));
        let preview = b
            .post_multipart(
                "/console/places/import",
                &[("csrf", &token)],
                Some(("p.geojson", &good)),
            )
            .await;
        assert_eq!(preview.status, StatusCode::OK);
        pages.push(("import preview".into(), preview.body));
        let unknown = b
            .post_multipart("/console/places/import", &[("csrf", &token)], Some(("p.txt", &good)))
            .await;
        pages.push(("import of an unknown format".into(), unknown.body));

        for (path, html) in &pages {
            let mut text = visible_text(html);
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            for id in &ids {
                let en = message(Lang::En, id, &[]);
                let other = message(lang, id, &[]);
                for fragment in en
                    .split(['{', '}'])
                    .map(str::trim)
                    .filter(|f| f.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                {
                    // A translation may keep a name or a term ("OpenStreetMap", "opening_hours").
                    if fragment.starts_with('$') || (other != en && other.contains(fragment)) {
                        continue;
                    }
                    assert!(
                        !contains_word(&text, fragment),
                        "{code} {path}: English {fragment:?} ({id}) is on the page"
                    );
                }
            }
        }
    }
}
