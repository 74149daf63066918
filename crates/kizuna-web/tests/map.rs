//! The public map pages through the router, on SQLite with five test
//! places: the list reads without JavaScript and its filters are a plain
//! GET form; a place's page shows today's prayer times (as the prayer-time
//! calculation gives them for its position in Japan time), the qibla, its
//! certificate honestly, and directions; four languages with no English
//! left; the tile server's origin is the only one added to the CSP.

#![allow(clippy::unwrap_used)] // helpers of a test file: a failed unwrap is a failed test

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, NaiveDate};
use kizuna_app::App;
use kizuna_app::map::prayer::PrayerRequest;
use kizuna_domain::map::place::PlaceFields;
use kizuna_i18n::{CATALOGUES, Lang, message, message_ids};
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;
use kizuna_web::{TileServer, WebOptions};
use tower::ServiceExt;

/// The ids of the five test places, in the order they were made.
struct Ids {
    certified: i64,
    expired: i64,
    mosque: i64,
    osm_cafe: i64,
    expiring: i64,
}

#[allow(clippy::too_many_arguments)]
fn place(
    names: [&str; 4],
    category: &str,
    lat: f64,
    lon: f64,
    assurance: &str,
    certificate: Option<(&str, &str)>,
    hours: Option<&str>,
    verified: Option<&str>,
) -> PlaceFields {
    let mut f = PlaceFields {
        name_en: Some(names[0].into()),
        name_ja: Some(names[1].into()),
        name_th: Some(names[2].into()),
        name_ms: Some(names[3].into()),
        category: Some(category.into()),
        lat: Some(lat),
        lon: Some(lon),
        assurance: Some(assurance.into()),
        opening_hours: hours.map(Into::into),
        last_verified: verified.map(Into::into),
        ..Default::default()
    };
    if let Some((from, until)) = certificate {
        f.certifier = Some("Hokkaido Halal Board (test)".into());
        f.certificate_number = Some("HHB-T-0042".into());
        f.certificate_valid_from = Some(from.into());
        f.certificate_valid_until = Some(until.into());
    }
    f
}

async fn setup(options: WebOptions) -> (Router, Ids) {
    let store = fresh_store(Backend::Sqlite).await.expect("a fresh SQLite database");
    let app = App::new(store).with_today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let mut certified = place(
        [
            "Crescent Kitchen Test",
            "クレセント・キッチン（テスト）",
            "ครัวเสี้ยวจันทร์ (ทดสอบ)",
            "Dapur Sabit (ujian)",
        ],
        "restaurant",
        43.0621,
        141.3544,
        "certified",
        Some(("2025-01-01", "2027-12-31")),
        Some("24/7"),
        Some("2026-10-01"),
    );
    certified.prayer_space = Some(true);
    certified.wudu = Some(true);
    certified.alcohol_served = Some(false);
    certified.phone = Some("011-555-0100".into());
    certified.address = Some("Kita 1 Nishi 2, Chuo-ku, Sapporo (test)".into());
    certified.website = Some("https://example.org/test/crescent".into());
    let expired = place(
        [
            "Old Star Grill Test",
            "オールドスター・グリル（テスト）",
            "ร้านดาวเก่า (ทดสอบ)",
            "Gerai Bintang Lama (ujian)",
        ],
        "restaurant",
        43.0550,
        141.3500,
        "certified",
        Some(("2023-01-01", "2025-12-31")),
        Some("Mo-Su off"),
        Some("2026-01-10"),
    );
    let mut mosque = place(
        [
            "North Hill Masjid Test",
            "北の丘マスジド（テスト）",
            "มัสยิดเนินเหนือ (ทดสอบ)",
            "Masjid Bukit Utara (ujian)",
        ],
        "mosque",
        43.0712,
        141.3363,
        "unknown",
        None,
        Some("24/7"),
        None,
    );
    for flag in [
        &mut mosque.prayer_space,
        &mut mosque.wudu,
        &mut mosque.women_space,
        &mut mosque.qibla_marked,
        &mut mosque.prayer_mats,
    ] {
        *flag = Some(true);
    }
    let mut osm_cafe = place(
        [
            "Tea Garden Test",
            "ティーガーデン（テスト）",
            "สวนชา (ทดสอบ)",
            "Taman Teh (ujian)",
        ],
        "cafe",
        43.0600,
        141.3600,
        "self_declared",
        None,
        None,
        Some("2026-09-01"),
    );
    osm_cafe.source = Some("openstreetmap".into());
    osm_cafe.source_id = Some("node/4242".into());
    let expiring = place(
        [
            "Corner Grocer Test",
            "かどの食料品店（テスト）",
            "ร้านของชำหัวมุม (ทดสอบ)",
            "Kedai Runcit Simpang (ujian)",
        ],
        "grocery",
        43.0650,
        141.3450,
        "certified",
        Some(("2025-12-11", "2026-12-10")),
        Some("24/7"),
        Some("2026-11-01"),
    );
    let mut ids = Vec::new();
    for f in [certified, expired, mosque, osm_cafe, expiring] {
        ids.push(app.create_place(f).await.expect("a valid test place").id);
    }
    let ids = Ids {
        certified: ids[0],
        expired: ids[1],
        mosque: ids[2],
        osm_cafe: ids[3],
        expiring: ids[4],
    };
    (kizuna_web::router_with_options(Arc::new(app), options), ids)
}

struct Got {
    status: StatusCode,
    csp: String,
    body: String,
}

async fn get(router: &Router, uri: &str) -> Got {
    let req = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let resp = router.clone().oneshot(req).await.expect("a response");
    let status = resp.status();
    let csp = resp
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    Got {
        status,
        csp,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn page(router: &Router, uri: &str) -> String {
    let g = get(router, uri).await;
    assert_eq!(g.status, StatusCode::OK, "GET {uri}:\n{}", g.body);
    g.body
}

/// The ids of the places listed, in order.
fn listed(body: &str) -> Vec<i64> {
    body.split("<li class=\"place\" data-id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect()
}

/// The HTML of one listed place.
fn item(body: &str, id: i64) -> &str {
    let start = body
        .find(&format!("<li class=\"place\" data-id=\"{id}\""))
        .unwrap_or_else(|| panic!("place {id} is not listed"));
    let end = body[start..].find("</li>").unwrap() + start;
    &body[start..end]
}

/// The text a page shows: tags removed, the usual entities decoded.
fn text(body: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The time shown in a prayer's row.
fn time_of(body: &str, prayer: &str) -> String {
    let at = body
        .find(&format!("data-prayer=\"{prayer}\""))
        .unwrap_or_else(|| panic!("no {prayer} row"));
    let rest = &body[at..];
    let t = rest.find("<time>").unwrap() + "<time>".len();
    rest[t..t + rest[t..].find("</time>").unwrap()].to_owned()
}

fn expected_times(method: &str) -> Vec<(String, String)> {
    let t = kizuna_app::map::prayer::prayer_times(&PrayerRequest {
        lat: "43.0621".into(),
        lon: "141.3544".into(),
        date: "2026-11-23".into(),
        tz: "Asia/Tokyo".into(),
        method: method.into(),
        ..Default::default()
    })
    .unwrap();
    [
        ("fajr", t.fajr),
        ("sunrise", t.sunrise),
        ("dhuhr", t.dhuhr),
        ("asr", t.asr),
        ("maghrib", t.maghrib),
        ("isha", t.isha),
    ]
    .into_iter()
    .map(|(k, v)| {
        let at = DateTime::parse_from_rfc3339(&v).unwrap();
        assert_eq!(at.offset().local_minus_utc(), 9 * 3600, "{k} is in Japan time");
        (k.to_owned(), at.format("%H:%M").to_string())
    })
    .collect()
}

#[tokio::test]
async fn the_list_reads_without_javascript_and_tells_assurance_honestly() {
    let (r, ids) = setup(WebOptions::default()).await;
    let g = get(&r, "/map").await;
    assert_eq!(g.status, StatusCode::OK, "{}", g.body);
    let body = g.body;
    // Every place is listed, by name, with a link to its page.
    let mut all = listed(&body);
    all.sort_unstable();
    assert_eq!(
        all,
        [ids.certified, ids.expired, ids.mosque, ids.osm_cafe, ids.expiring]
    );
    assert!(body.contains("Places: 5 of 5"), "{body}");
    // The printable booklet, in the page's language, is one link away.
    assert!(body.contains("href=\"/api/v1/places/booklet.pdf?lang=en\""), "{body}");
    let pdf = get(&r, "/api/v1/places/booklet.pdf?lang=en").await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    assert!(pdf.body.starts_with("%PDF-"));
    for id in all {
        assert!(item(&body, id).contains(&format!("href=\"/map/places/{id}\"")));
    }
    // The filters are a plain GET form of checkboxes: no script needed.
    assert!(body.contains(r#"<form id="map-filters" class="map-filters card" method="get" action="/map""#));
    for (name, value) in [
        ("category", "mosque"),
        ("assurance", "certified"),
        ("open_now", "true"),
        ("prayer_space", "true"),
    ] {
        assert!(
            body.contains(&format!(r#"<input type="checkbox" name="{name}" value="{value}">"#)),
            "{name}={value} chip"
        );
    }
    // The map is drawn by a script from the binary over the list, never instead of it.
    assert!(body.contains(r#"<section class="map-pane" id="map-pane" aria-labelledby="map-h" hidden>"#));
    assert!(body.contains(r#"<script src="/assets/map.js" defer></script>"#));
    assert!(body.contains(r#"<script src="/assets/leaflet.js" defer></script>"#));
    assert!(!body.contains("<script src=\"http"), "no script from elsewhere");
    // Honest assurance: valid certificates are "certified" with certifier and
    // date; an expired one is never called certified.
    let c = item(&body, ids.certified);
    assert!(c.contains("Halal certified"), "{c}");
    assert!(
        c.contains("Certified by Hokkaido Halal Board (test), valid until 31 Dec 2027"),
        "{c}"
    );
    assert!(c.contains("Open now") && c.contains("Prayer space"), "{c}");
    let e = item(&body, ids.expired);
    assert!(e.contains("Certificate expired"), "{e}");
    assert!(!e.contains("Halal certified"), "{e}");
    assert!(e.contains("ended on 31 Dec 2025: not certified now"), "{e}");
    assert!(e.contains("Closed now"), "{e}");
    let x = item(&body, ids.expiring);
    assert!(
        x.contains("Halal certified") && x.contains("ends soon, on 10 Dec 2026"),
        "{x}"
    );
    // Never verified: flagged stale. Hours unknown: said so.
    assert!(item(&body, ids.mosque).contains("Not checked for over a year"));
    assert!(!item(&body, ids.certified).contains("Not checked for over a year"));
    assert!(item(&body, ids.osm_cafe).contains("Opening hours not known"));
    // OpenStreetMap data is credited.
    assert!(body.contains("Some places come from OpenStreetMap (ODbL)"));
    // The tile server's origin is the only other place images may come from.
    assert!(
        g.csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"),
        "{}",
        g.csp
    );
    assert!(g.csp.contains("script-src 'self';") && g.csp.contains("connect-src 'self';"));
    assert!(body.contains(r#""url":"https://tile.openstreetmap.org/{z}/{x}/{y}.png""#));
    // The map's markers: one per listed place, with the marker's colour class.
    let data_start = body
        .find(r#"<script type="application/json" id="map-places">"#)
        .unwrap();
    let data = &body[data_start..];
    let data: serde_json::Value =
        serde_json::from_str(&data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()]).unwrap();
    assert_eq!(data.as_array().unwrap().len(), 5);
    let expired_marker = data
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == ids.expired)
        .unwrap();
    assert_eq!(expired_marker["level"], "expired");
    // The site's menu links to the map.
    assert!(body.contains(r#"<a href="/map" aria-current="page">Muslim-friendly map</a>"#));
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let (r, ids) = setup(WebOptions::default()).await;
    let cases: Vec<(&str, Vec<i64>)> = vec![
        // "Certified only" means a certificate valid today: not the expired one.
        ("/map?assurance=certified", vec![ids.certified, ids.expiring]),
        ("/map?category=mosque", vec![ids.mosque]),
        ("/map?category=mosque&category=cafe", vec![ids.mosque, ids.osm_cafe]),
        ("/map?category=mosque,cafe", vec![ids.mosque, ids.osm_cafe]),
        ("/map?prayer_space=true", vec![ids.certified, ids.mosque]),
        ("/map?open_now=true", vec![ids.certified, ids.mosque, ids.expiring]),
        (
            "/map?category=restaurant&assurance=certified&open_now=true",
            vec![ids.certified],
        ),
        ("/map?assurance=self_declared&category=mosque", vec![]),
    ];
    for (uri, mut want) in cases {
        let body = page(&r, uri).await;
        let mut got = listed(&body);
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{uri}");
        assert!(
            body.contains(&format!("Places: {} of 5", want.len())),
            "{uri}: the heading counts what is listed"
        );
        if want.is_empty() {
            assert!(body.contains("No place matches these filters."), "{uri}");
        }
    }
    // The chips show what was chosen.
    let body = page(&r, "/map?category=mosque&open_now=true").await;
    assert!(body.contains(r#"<input type="checkbox" name="category" value="mosque" checked>"#));
    assert!(body.contains(r#"<input type="checkbox" name="open_now" value="true" checked>"#));
    assert!(body.contains(r#"<input type="checkbox" name="category" value="cafe">"#));
    // "Near me" asks this server's API with the same filters.
    assert!(
        body.contains(r#"data-api-query="category=mosque&#38;open_now=true""#),
        "{body}"
    );
    // A value not understood is said and left out; the page still answers.
    let body = page(&r, "/map?category=bar&category=mosque&open_now=maybe").await;
    assert_eq!(listed(&body), vec![ids.mosque]);
    assert!(body.contains("This filter was not understood and is left out: category=bar"));
    assert!(body.contains("This filter was not understood and is left out: open_now=maybe"));
}

#[tokio::test]
async fn a_place_shows_todays_prayer_times_qibla_certificate_and_directions() {
    let (r, ids) = setup(WebOptions::default()).await;
    let body = page(&r, &format!("/map/places/{}", ids.certified)).await;
    assert!(body.contains("<h1 lang=\"en\">Crescent Kitchen Test</h1>"));
    // Today's (2026-11-23) six times in Japan time, by the default method.
    assert!(body.contains("Prayer times on 23 Nov 2026"), "{body}");
    assert!(body.contains("Times in Japan time (Asia/Tokyo)."));
    for (prayer, time) in expected_times("MuslimWorldLeague") {
        assert_eq!(time_of(&body, &prayer), time, "{prayer}");
    }
    assert!(body.contains("Method: Muslim World League"));
    assert!(body.contains(r#"<option value="MuslimWorldLeague" selected>Muslim World League</option>"#));
    assert!(body.contains(r#"<form class="prayer-form" method="get" action="/map/places/"#));
    // Another method, chosen with the GET form, gives its own times.
    let egyptian = page(&r, &format!("/map/places/{}?method=Egyptian", ids.certified)).await;
    let (mwl, egy) = (expected_times("MuslimWorldLeague"), expected_times("Egyptian"));
    assert_ne!(mwl[0].1, egy[0].1, "the methods differ at fajr");
    for (prayer, time) in egy {
        assert_eq!(time_of(&egyptian, &prayer), time, "Egyptian {prayer}");
    }
    assert!(egyptian.contains(r#"<option value="Egyptian" selected>"#));
    assert!(egyptian.contains("Method: Egyptian General Authority of Survey"));
    // A method not understood is said; the default is used.
    let odd = page(&r, &format!("/map/places/{}?method=Sunny", ids.certified)).await;
    assert!(odd.contains("left out: method=Sunny"));
    assert_eq!(time_of(&odd, "fajr"), mwl[0].1);
    // Qibla from Sapporo: about 293°, west-north-west, with its arrow.
    assert!(
        body.contains(r#"<strong class="bearing" id="qibla-bearing">293.4°</strong>"#),
        "{body}"
    );
    assert!(body.contains("west-north-west"));
    assert!(body.contains(r#"<g transform="rotate(293.36)">"#) || body.contains(r#"<g transform="rotate(293.35)">"#));
    // The certificate, told plainly.
    assert!(body.contains("<dd>Hokkaido Halal Board (test)</dd>"));
    assert!(body.contains("<dd>HHB-T-0042</dd>"));
    assert!(body.contains("<dd>31 Dec 2027</dd>"));
    assert!(body.contains("The certificate is valid today."));
    assert!(body.contains("No alcohol is served."));
    assert!(body.contains("Open now") && body.contains("<code class=\"hours\">24/7</code>"));
    // Contact and directions: a tel: link, and the place's position only.
    assert!(body.contains(r#"<a href="tel:0115550100">011-555-0100</a>"#));
    assert!(body.contains(r#"href="https://www.openstreetmap.org/directions?route=%3B43.0621%2C141.3544""#));
    assert!(body.contains(r#"href="geo:43.0621,141.3544""#));
    assert!(body.contains("Last checked on 1 Oct 2026"));
    // Facilities say "not known" rather than "no".
    assert!(body.contains("Place for wudu (ablution): yes"));
    assert!(body.contains("Separate space for women: not known"));

    // Expired: never shown as certified.
    let body = page(&r, &format!("/map/places/{}", ids.expired)).await;
    assert!(body.contains("The certificate has expired: this place is not certified now."));
    assert!(body.contains("Certificate expired"));
    assert!(!body.contains("Halal certified"));
    // Expiring: how many days are left.
    let body = page(&r, &format!("/map/places/{}", ids.expiring)).await;
    assert!(
        body.contains("The certificate is valid today and ends in 17 days."),
        "{body}"
    );
    // Not certified at all: what the level means; stale places flagged.
    let body = page(&r, &format!("/map/places/{}", ids.mosque)).await;
    assert!(body.contains("Nothing is known about the food here."));
    assert!(body.contains("This place has not been checked for over a year."));
    assert!(body.contains("Never checked"));
    // OpenStreetMap data keeps its attribution and links to the object.
    let body = page(&r, &format!("/map/places/{}", ids.osm_cafe)).await;
    assert!(body.contains("© OpenStreetMap contributors, ODbL 1.0"));
    assert!(body.contains(r#"href="https://www.openstreetmap.org/node/4242""#));
    assert!(body.contains("The place says it is Muslim-friendly. No certifying body has checked it."));
}

#[tokio::test]
async fn opening_hours_read_as_a_week_in_the_readers_language() {
    let store = fresh_store(Backend::Sqlite).await.expect("a fresh SQLite database");
    // Monday 23 November 2026 is Labour Thanksgiving Day, a public holiday.
    let app = App::new(store).with_today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let cafe = place(
        [
            "Lunch and Supper Test",
            "ランチとサパー（テスト）",
            "มื้อกลางวันและมื้อค่ำ (ทดสอบ)",
            "Makan Tengah Hari dan Malam (ujian)",
        ],
        "restaurant",
        43.06,
        141.35,
        "self_declared",
        None,
        Some(r#"Mo-Fr 11:00-14:00,17:00-21:30; Sa 10:00-02:00; Su 12:00-16:00 unknown "call first"; PH off"#),
        Some("2026-11-01"),
    );
    let id = app.create_place(cafe).await.unwrap().id;
    let unreadable = place(
        [
            "Odd Hours Test",
            "変な時間（テスト）",
            "เวลาแปลก (ทดสอบ)",
            "Waktu Pelik (ujian)",
        ],
        "cafe",
        43.07,
        141.36,
        "unknown",
        None,
        None,
        None,
    );
    let odd = app.create_place(unreadable).await.unwrap().id;
    let r = kizuna_web::router(Arc::new(app));
    let rows = |body: &str| -> Vec<String> {
        let table = &body[body.find(r#"id="place-week""#).expect("the week table")..];
        let table = &table[..table.find("</table>").unwrap()];
        table
            .split("<tr")
            .skip(1)
            .map(|row| {
                text(&format!("<tr{row}"))
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let body = page(&r, &format!("/map/places/{id}")).await;
    let want = [
        "Day Hours",
        "Monday (today) Closed",
        "Tuesday 11:00–14:00, 17:00–21:30",
        "Wednesday 11:00–14:00, 17:00–21:30",
        "Thursday 11:00–14:00, 17:00–21:30",
        "Friday 11:00–14:00, 17:00–21:30",
        "Saturday 10:00–24:00",
        // Sunday's own rule replaces the hour after midnight that Saturday's
        // 10:00-02:00 would give it, as the opening_hours specification says.
        "Sunday 12:00–16:00 (call first)",
    ];
    assert_eq!(rows(&body).join(" | "), want.join(" | "), "{body}");
    assert!(body.contains(r#"<tr class="today" aria-current="date"><th scope="row">Monday (today)</th>"#));
    assert!(body.contains("<caption>The next seven days</caption>"));
    assert!(body.contains("As written (OpenStreetMap opening_hours):"));
    let ja = page(&r, &format!("/map/places/{id}?lang=ja")).await;
    let ja_rows = rows(&ja);
    assert_eq!(ja_rows[1], "月曜日（今日） 休業", "{ja_rows:?}");
    assert_eq!(ja_rows[6], "土曜日 10:00–24:00");
    assert_eq!(ja_rows[7], "日曜日 12:00–16:00（call first）");
    let th = rows(&page(&r, &format!("/map/places/{id}?lang=th")).await);
    assert_eq!(th[1], "วันจันทร์ (วันนี้) ปิด");
    let ms = rows(&page(&r, &format!("/map/places/{id}?lang=ms")).await);
    assert_eq!(ms[1], "Isnin (hari ini) Tutup");
    // No hours: no table, and the page says they are not known.
    let body = page(&r, &format!("/map/places/{odd}")).await;
    assert!(!body.contains("place-week"));
    assert!(body.contains("Opening hours not known"));
}

#[tokio::test]
async fn unknown_places_are_not_found() {
    let (r, ids) = setup(WebOptions::default()).await;
    for uri in [
        "/map/places/999999".to_owned(),
        "/map/places/0".to_owned(),
        "/map/places/abc".to_owned(),
        format!("/map/places/{}9", ids.expiring),
    ] {
        let g = get(&r, &uri).await;
        assert_eq!(g.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(g.body.contains("Page not found"), "{uri}: an HTML page");
    }
}

#[tokio::test]
async fn four_languages_with_no_english_left() {
    let (r, ids) = setup(WebOptions::default()).await;
    let en_file = CATALOGUES.iter().find(|(l, f, _)| *l == "en" && *f == "map").unwrap().2;
    // Whole English sentences and labels of the map's catalogue.
    let english: Vec<String> = message_ids(en_file)
        .into_iter()
        .filter(|id| {
            ![
                "map-category-hotel",
                "map-prayer-maghrib",
                "map-method-kuwait",
                "map-method-qatar",
            ]
            .contains(&id.as_str())
        })
        .map(|id| message(Lang::En, &id, &[]))
        .filter(|m| m.chars().count() >= 4 && !m.contains('{'))
        .collect();
    let pages = [
        "/map".to_owned(),
        "/map?category=mosque&category=bar".to_owned(),
        format!("/map/places/{}", ids.certified),
        format!("/map/places/{}", ids.expired),
        format!("/map/places/{}", ids.expiring),
        format!("/map/places/{}", ids.osm_cafe),
    ];
    let names = [
        (Lang::Ja, "クレセント・キッチン（テスト）", "ファジュル", "礼拝時刻"),
        (Lang::Th, "ครัวเสี้ยวจันทร์ (ทดสอบ)", "ศุบห์ (ฟัจร์)", "เวลาละหมาด"),
        (Lang::Ms, "Dapur Sabit (ujian)", "Subuh", "Waktu solat"),
    ];
    for (lang, name, fajr, prayer_times) in names {
        for uri in &pages {
            let sep = if uri.contains('?') { '&' } else { '?' };
            let body = page(&r, &format!("{uri}{sep}lang={}", lang.code())).await;
            // The attribution stored with OpenStreetMap data is data, kept as the licence asks.
            let shown = text(&body).replace(kizuna_domain::map::place::OSM_ATTRIBUTION, "");
            assert!(
                !shown.contains("map-"),
                "{uri} in {}: a message key is shown (missing from the catalogue)",
                lang.code()
            );
            for en in &english {
                assert!(
                    !shown.contains(en.as_str()),
                    "{uri} in {}: English left: {en:?}",
                    lang.code()
                );
            }
            assert!(body.contains(&format!("<html lang=\"{}\">", lang.code())));
        }
        // Names in the reader's language; prayer names translated.
        let list = page(&r, &format!("/map?lang={}", lang.code())).await;
        assert!(
            list.contains(&format!("lang=\"{}\">{name}</a>", lang.code())),
            "{}",
            lang.code()
        );
        let place = page(&r, &format!("/map/places/{}?lang={}", ids.certified, lang.code())).await;
        assert!(place.contains(fajr) && place.contains(prayer_times), "{}", lang.code());
    }
}

#[tokio::test]
async fn the_tile_server_is_configurable_or_absent() {
    // No tile server: the offline basemap only, and no other image origin.
    let (r, _) = setup(WebOptions {
        secure_cookies: false,
        tiles: None,
    })
    .await;
    let g = get(&r, "/map").await;
    assert!(g.body.contains(r#""tiles":null"#));
    assert!(g.body.contains(r#""low":"/assets/land-50m.json""#));
    assert!(g.csp.contains("img-src 'self' data:;"), "{}", g.csp);
    // Another server, with subdomains and its own credit.
    let tiles = TileServer::parse(
        "https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png",
        Some("Example Tiles"),
    )
    .unwrap()
    .unwrap();
    assert_eq!(tiles.origin(), "https://*.tiles.example.org");
    let (r, _) = setup(WebOptions {
        secure_cookies: false,
        tiles: Some(tiles),
    })
    .await;
    let g = get(&r, "/map").await;
    assert!(
        g.csp.contains("img-src 'self' data: https://*.tiles.example.org;"),
        "{}",
        g.csp
    );
    assert!(g.body.contains(r#""attribution":"Example Tiles""#));
    // The embedded files the map needs are served.
    for asset in [
        "leaflet.js",
        "leaflet.css",
        "leaflet.markercluster.js",
        "MarkerCluster.css",
        "map.js",
        "map.css",
        "land-50m.json",
        "land-10m.json",
    ] {
        assert_eq!(
            get(&r, &format!("/assets/{asset}")).await.status,
            StatusCode::OK,
            "{asset}"
        );
    }
    // Bad tile URLs are refused with the reason.
    assert_eq!(TileServer::parse("  ", None), Ok(None));
    assert_eq!(
        TileServer::parse("http://127.0.0.1:9/{z}/{x}/{y}.png", None)
            .unwrap()
            .unwrap()
            .origin(),
        "http://127.0.0.1:9"
    );
    for (url, why) in [
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", "https://"),
        ("https://tiles.example.org/{z}/{x}.png", "no {y}"),
        ("tiles.example.org/{z}/{x}/{y}.png", "https://HOST"),
        ("https://tiles.example.org/{z}/{x}/{y}.png; script-src *", "semicolon"),
        ("https://a{s}.example.org/{z}/{x}/{y}.png", "host"),
        ("https:///{z}/{x}/{y}.png", "host"),
    ] {
        let e = TileServer::parse(url, None).unwrap_err();
        assert!(e.contains(why), "{url}: {e}");
    }
}
