//! The public map pages through the router, on SQLite and PostgreSQL with
//! five test places and the clock stopped at noon in Japan on 2026-11-23:
//! the list reads without JavaScript and its filters are a plain GET form;
//! a place's page shows today's prayer times (as the prayer-time
//! calculation gives them for its position in Japan time), the qibla, its
//! certificate honestly, and directions; "open now", the next prayer and
//! the day's times follow the clock; four languages with no English left;
//! the tile server's origin is the only one added to the CSP.

use axum::http::{StatusCode, header};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use kizuna_app::map::prayer::PrayerRequest;
use kizuna_domain::map::place::PlaceFields;
use kizuna_i18n::{CATALOGUES, Lang, message, message_ids};
use kizuna_store::Backend;
use kizuna_testkit::{El, Page, TestApp, today};
use kizuna_web::{TileServer, WebOptions};
use serde_json::Value;

kizuna_testkit::on_both!(
    the_list_reads_without_javascript_and_tells_assurance_honestly,
    filters_narrow_the_list,
    a_place_shows_todays_prayer_times_qibla_certificate_and_directions,
    opening_hours_read_as_a_week_in_the_readers_language,
    open_now_and_todays_prayer_times_follow_the_clock,
    unknown_places_are_not_found,
    four_languages_with_no_english_left,
    the_tile_server_is_configurable_or_absent,
    near_me_sorts_by_distance_stronger_assurance_first,
    halal_chips_mean_what_they_say_and_prayer_places_wear_prayer_badges,
    open_status_says_until_when_or_that_the_closing_time_is_unknown,
    a_place_page_opens_with_what_a_visitor_decides_by,
);

/// The ids of the five test places, in the order they were made.
struct Ids {
    certified: i64,
    expired: i64,
    mosque: i64,
    osm_cafe: i64,
    expiring: i64,
}

#[allow(clippy::too_many_arguments)]
/// A place named `names` ("English|Japanese|Thai|Malay").
fn place(
    names: &str,
    category: &str,
    lat: f64,
    lon: f64,
    assurance: &str,
    certificate: Option<(&str, &str)>,
    hours: Option<&str>,
    verified: Option<&str>,
) -> PlaceFields {
    let [en, ja, th, ms] = names.split('|').collect::<Vec<_>>()[..] else {
        panic!("four names: {names}")
    };
    let mut f = PlaceFields {
        name_en: Some(en.into()),
        name_ja: Some(ja.into()),
        name_th: Some(th.into()),
        name_ms: Some(ms.into()),
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

/// The five test places, made in `t`'s store.
async fn setup(t: &TestApp) -> Ids {
    let mut certified = place(
        "Crescent Kitchen Test|クレセント・キッチン（テスト）|ครัวเสี้ยวจันทร์ (ทดสอบ)|Dapur Sabit (ujian)",
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
        "Old Star Grill Test|オールドスター・グリル（テスト）|ร้านดาวเก่า (ทดสอบ)|Gerai Bintang Lama (ujian)",
        "restaurant",
        43.0550,
        141.3500,
        "certified",
        Some(("2023-01-01", "2025-12-31")),
        Some("Mo-Su off"),
        Some("2026-01-10"),
    );
    let mut mosque = place(
        "North Hill Masjid Test|北の丘マスジド（テスト）|มัสยิดเนินเหนือ (ทดสอบ)|Masjid Bukit Utara (ujian)",
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
        "Tea Garden Test|ティーガーデン（テスト）|สวนชา (ทดสอบ)|Taman Teh (ujian)",
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
        "Corner Grocer Test|かどの食料品店（テスト）|ร้านของชำหัวมุม (ทดสอบ)|Kedai Runcit Simpang (ujian)",
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
        ids.push(t.app.create_place(f).await.expect("a valid test place").id);
    }
    Ids {
        certified: ids[0],
        expired: ids[1],
        mosque: ids[2],
        osm_cafe: ids[3],
        expiring: ids[4],
    }
}

/// A restaurant open for lunch and supper on weekdays and closed on public
/// holidays (Monday 23 November 2026 is Labour Thanksgiving Day).
fn lunch_and_supper() -> PlaceFields {
    place(
        "Lunch and Supper Test|ランチとサパー（テスト）|มื้อกลางวันและมื้อค่ำ (ทดสอบ)|Makan Tengah Hari dan Malam (ujian)",
        "restaurant",
        43.06,
        141.35,
        "self_declared",
        None,
        Some(r#"Mo-Fr 11:00-14:00,17:00-21:30; Sa 10:00-02:00; Su 12:00-16:00 unknown "call first"; PH off"#),
        Some("2026-11-01"),
    )
}

/// The ids of the places listed, in order.
fn listed(page: &Page) -> Vec<i64> {
    page.select("#place-list li.place")
        .iter()
        .map(|li| {
            li.attr("data-id")
                .and_then(|id| id.parse().ok())
                .expect("a listed place has its id")
        })
        .collect()
}

/// The ids of the places listed, sorted.
fn listed_sorted(page: &Page) -> Vec<i64> {
    let mut ids = listed(page);
    ids.sort_unstable();
    ids
}

/// One listed place.
fn item(page: &Page, id: i64) -> El {
    page.one(&format!("#place-list li.place[data-id='{id}']"))
}

/// The text of the one badge of `class` inside `el`.
fn badge(el: &El, class: &str) -> String {
    let found = el.select(&format!(".badge.{class}"));
    assert_eq!(found.len(), 1, "one .badge.{class} in {}", el.text);
    found[0].text.clone()
}

/// The time shown in a prayer's row.
fn time_of(page: &Page, prayer: &str) -> String {
    page.one(&format!("#prayer-times tr[data-prayer='{prayer}'] time")).text
}

/// The prayer marked as the next one, if any.
fn next_prayer(page: &Page) -> Option<String> {
    let next = page.select("#prayer-times tr.next");
    assert!(next.len() <= 1, "at most one next prayer");
    next.first().map(|tr| {
        assert_eq!(badge(tr, "next"), "next", "the next prayer is said in words");
        tr.attr("data-prayer").unwrap_or_default().to_owned()
    })
}

/// What the open-now badge of a place's page says.
fn open_now(page: &Page) -> String {
    page.one("#place-open").text
}

/// A moment in Japan time.
fn in_japan(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    at_japan(day, NaiveTime::from_hms_opt(hour, minute, 0).expect("a time"))
}

/// `time` on `day` in Japan.
fn at_japan(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    day.and_time(time).and_utc() - TimeDelta::hours(9)
}

fn noon() -> NaiveTime {
    NaiveTime::from_hms_opt(12, 0, 0).expect("noon")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// The six times for the test restaurant's position on `date`, as `HH:MM` in Japan time.
fn expected_times(method: &str, date: NaiveDate) -> Vec<(String, String)> {
    let t = kizuna_app::map::prayer::prayer_times(&PrayerRequest {
        lat: "43.0621".into(),
        lon: "141.3544".into(),
        date: date.to_string(),
        tz: "Asia/Tokyo".into(),
        method: method.into(),
        ..Default::default()
    })
    .expect("prayer times for Sapporo");
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
        let at = DateTime::parse_from_rfc3339(&v).expect("an RFC 3339 time");
        assert_eq!(at.offset().local_minus_utc(), 9 * 3600, "{k} is in Japan time");
        (k.to_owned(), at.format("%H:%M").to_string())
    })
    .collect()
}

/// The first prayer (sunrise is not one) later than `at` on the same day.
fn expected_next(times: &[(String, String)], at: NaiveTime) -> Option<String> {
    times
        .iter()
        .filter(|(k, _)| k != "sunrise")
        .find(|(_, hm)| NaiveTime::parse_from_str(hm, "%H:%M").expect("HH:MM") > at)
        .map(|(k, _)| k.clone())
}

/// The time shown for `prayer` in `times`.
fn time_in(times: &[(String, String)], prayer: &str) -> NaiveTime {
    let hm = &times.iter().find(|(k, _)| k == prayer).expect("the prayer").1;
    NaiveTime::parse_from_str(hm, "%H:%M").expect("HH:MM")
}

async fn the_list_reads_without_javascript_and_tells_assurance_honestly(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let answer = b.get("/map").await.expect(StatusCode::OK);
    let csp = answer.header(header::CONTENT_SECURITY_POLICY).to_owned();
    let page = answer.page();
    // Every place is listed, by name, with a link to its page.
    let all = listed_sorted(&page);
    assert_eq!(
        all,
        [ids.certified, ids.expired, ids.mosque, ids.osm_cafe, ids.expiring]
    );
    assert_eq!(page.one("#results-h").text, "Places: 5 of 5");
    // The printable booklet, in the page's language, is one link away.
    assert_eq!(
        page.one("a#map-booklet").attr("href"),
        Some("/api/v1/places/booklet.pdf?lang=en")
    );
    let pdf = b.get("/api/v1/places/booklet.pdf?lang=en").await.expect(StatusCode::OK);
    assert!(pdf.body.starts_with(b"%PDF-"), "a PDF");
    for id in all {
        let link = item(&page, id).select("h3 a").remove(0);
        assert_eq!(link.attr("href"), Some(format!("/map/places/{id}").as_str()));
    }
    // The filters are a plain GET form of checkboxes: no script needed.
    let form = page.one("form#map-filters");
    assert_eq!(form.attr("class"), Some("map-filters"));
    assert_eq!(form.attr("method"), Some("get"));
    assert_eq!(form.attr("action"), Some("/map"));
    for (name, value) in [
        ("category", "mosque"),
        ("assurance", "certified"),
        ("open_now", "true"),
        ("prayer_space", "true"),
    ] {
        let chip = page.one(&format!(
            "form#map-filters input[type=checkbox][name='{name}'][value='{value}']"
        ));
        assert_eq!(chip.attr("checked"), None, "{name}={value} chip, not chosen");
    }
    // The map is drawn by a script from the binary over the list, never instead of it.
    let pane = page.one("section#map-pane");
    assert_eq!(pane.attr("class"), Some("map-pane"));
    assert_eq!(pane.attr("aria-labelledby"), Some("map-h"));
    assert!(pane.attr("hidden").is_some(), "shown by the script only");
    for src in ["/assets/map.js", "/assets/leaflet.js"] {
        assert!(page.has(&format!("script[src='{src}'][defer]")), "{src}");
    }
    assert!(!page.has("script[src^='http']"), "no script from elsewhere");
    // Honest assurance: valid certificates are "certified" with certifier and
    // date; an expired one is never called certified.
    let c = item(&page, ids.certified);
    assert_eq!(badge(&c, "level-certified"), "Halal certified");
    assert_eq!(
        c.select("p.cert")[0].text,
        "Certified by Hokkaido Halal Board (test), valid until 31 Dec 2027"
    );
    assert_eq!(badge(&c, "hours-open"), "Open now");
    assert_eq!(badge(&c, "prayer-facility"), "Prayer space");
    let e = item(&page, ids.expired);
    assert_eq!(badge(&e, "level-expired"), "Certificate expired");
    assert!(!e.text.contains("Halal certified"), "{}", e.text);
    assert!(
        e.select("p.cert")[0]
            .text
            .contains("ended on 31 Dec 2025: not certified now"),
        "{}",
        e.text
    );
    assert_eq!(badge(&e, "hours-closed"), "Closed now");
    let x = item(&page, ids.expiring);
    assert_eq!(badge(&x, "level-certified"), "Halal certified");
    assert!(
        x.select("p.cert")[0].text.contains("ends soon, on 10 Dec 2026"),
        "{}",
        x.text
    );
    // Never verified: flagged stale. Hours unknown: said so.
    assert!(
        item(&page, ids.mosque).select("p.stale")[0]
            .text
            .contains("Not checked for over a year")
    );
    let certified = item(&page, ids.certified);
    assert!(!certified.has("p.stale"));
    assert!(!certified.text.contains("Not checked for over a year"));
    assert_eq!(
        badge(&item(&page, ids.osm_cafe), "hours-unknown"),
        "Opening hours not known"
    );
    // OpenStreetMap data is credited.
    assert!(page.text().contains("Some places come from OpenStreetMap (ODbL)"));
    // By default no other server is asked for anything: no tile server,
    // no other image origin, and no street basemap installed.
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    assert!(csp.contains("script-src 'self';") && csp.contains("connect-src 'self';"));
    assert_eq!(page.json_block("map-config")["tiles"], Value::Null);
    assert_eq!(page.json_block("map-config")["basemap"]["style"], Value::Null);
    // The map's markers: one per listed place, with the marker's colour class.
    let markers = page.json_block("map-places");
    let markers = markers.as_array().expect("a list of markers");
    assert_eq!(markers.len(), 5);
    let expired_marker = markers
        .iter()
        .find(|m| m["id"] == ids.expired)
        .expect("the expired place's marker");
    assert_eq!(expired_marker["level"], "expired");
    // The site's menu links to the map.
    assert_eq!(
        page.one("a[href='/map'][aria-current=page]").text,
        "Muslim-friendly map"
    );
}

async fn filters_narrow_the_list(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
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
        let page = b.page(uri).await;
        want.sort_unstable();
        assert_eq!(listed_sorted(&page), want, "{uri}");
        assert_eq!(
            page.one("#results-h").text,
            format!("Places: {} of 5", want.len()),
            "{uri}: the heading counts what is listed"
        );
        if want.is_empty() {
            assert_eq!(page.one("#no-places").text, "No place matches these filters.", "{uri}");
        } else {
            assert!(!page.has("#no-places"), "{uri}");
        }
    }
    // The chips show what was chosen.
    let page = b.page("/map?category=mosque&open_now=true").await;
    let chip = |name: &str, value: &str| {
        page.one(&format!(
            "form#map-filters input[type=checkbox][name='{name}'][value='{value}']"
        ))
    };
    assert!(chip("category", "mosque").attr("checked").is_some());
    assert!(chip("open_now", "true").attr("checked").is_some());
    assert!(chip("category", "cafe").attr("checked").is_none());
    let chosen = page.form("form#map-filters");
    assert_eq!(
        chosen,
        [
            ("open_now".to_owned(), "true".to_owned()),
            ("category".to_owned(), "mosque".to_owned())
        ],
        "the form sends the same filters again (main chips first)"
    );
    // "Near me" asks this server's API with the same filters.
    assert_eq!(
        page.one("#map-results").attr("data-api-query"),
        Some("category=mosque&open_now=true")
    );
    // A value not understood is said and left out; the page still answers.
    let page = b.page("/map?category=bar&category=mosque&open_now=maybe").await;
    assert_eq!(listed(&page), vec![ids.mosque]);
    let notices = page.texts("#map-results p.notice.bad");
    for left_out in ["category=bar", "open_now=maybe"] {
        assert!(
            notices.contains(&format!("This filter was not understood and is left out: {left_out}")),
            "{notices:?}"
        );
    }
}

async fn a_place_shows_todays_prayer_times_qibla_certificate_and_directions(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let path = format!("/map/places/{}", ids.certified);
    let page = b.page(&path).await;
    let h1 = page.one("h1");
    assert_eq!(h1.text, "Crescent Kitchen Test");
    assert_eq!(h1.attr("lang"), Some("en"));
    // Today's (2026-11-23) six times in Japan time, by the default method.
    assert_eq!(page.one("#prayer-h").text, "Prayer times on 23 Nov 2026");
    assert!(
        page.one("#place-prayer")
            .text
            .contains("Times in Japan time (Asia/Tokyo).")
    );
    let mwl = expected_times("MuslimWorldLeague", today());
    for (prayer, time) in &mwl {
        assert_eq!(&time_of(&page, prayer), time, "{prayer}");
    }
    assert!(page.one("#prayer-method").text.contains("Method: Muslim World League"));
    let method = page.one("form.prayer-form select[name=method] option[selected]");
    assert_eq!(
        (method.attr("value"), method.text.as_str()),
        (Some("MuslimWorldLeague"), "Muslim World League")
    );
    let form = page.one("form.prayer-form");
    assert_eq!(form.attr("method"), Some("get"));
    assert_eq!(form.attr("action"), Some(path.as_str()));
    // At noon the next prayer is the first one after noon.
    assert_eq!(next_prayer(&page), expected_next(&mwl, noon()));
    // Another method, chosen with the GET form, gives its own times.
    let egyptian = b.page(&format!("{path}?method=Egyptian")).await;
    let egy = expected_times("Egyptian", today());
    assert_ne!(mwl[0].1, egy[0].1, "the methods differ at fajr");
    for (prayer, time) in &egy {
        assert_eq!(&time_of(&egyptian, prayer), time, "Egyptian {prayer}");
    }
    assert_eq!(
        egyptian.one("select[name=method] option[selected]").attr("value"),
        Some("Egyptian")
    );
    assert!(
        egyptian
            .one("#prayer-method")
            .text
            .contains("Method: Egyptian General Authority of Survey")
    );
    // A method not understood is said; the default is used.
    let odd = b.page(&format!("{path}?method=Sunny")).await;
    assert!(
        odd.texts("#place-prayer p.notice.bad")
            .iter()
            .any(|n| n.contains("left out: method=Sunny"))
    );
    assert_eq!(time_of(&odd, "fajr"), mwl[0].1);
    // A reader of Malay gets Malaysia's method (JAKIM, Fajr 20°, Isha 18°)
    // until choosing another; the choice is shown and can be changed.
    let mut malay = t.browser();
    let ms = malay.page(&format!("{path}?lang=ms")).await;
    let jakim = expected_times("Jakim", today());
    assert_ne!(mwl[0].1, jakim[0].1, "JAKIM's Fajr is earlier than the League's");
    for (prayer, time) in &jakim {
        assert_eq!(&time_of(&ms, prayer), time, "JAKIM {prayer}");
    }
    assert!(ms.one("#prayer-method").text.contains("Malaysia (JAKIM)"));
    assert_eq!(
        ms.one("select[name=method] option[selected]").attr("value"),
        Some("Jakim")
    );
    let ms_mwl = malay.page(&format!("{path}?lang=ms&method=MuslimWorldLeague")).await;
    assert_eq!(time_of(&ms_mwl, "fajr"), mwl[0].1);
    let values: Vec<String> = ms
        .select("select[name=method] option")
        .iter()
        .filter_map(|o| o.attr("value").map(str::to_owned))
        .collect();
    for m in ["Jakim", "Kemenag", "Singapore", "Turkey", "MuslimWorldLeague"] {
        assert!(values.iter().any(|v| v == m), "{m} offered: {values:?}");
    }
    // Qibla from Sapporo: about 293°, west-north-west, with its arrow.
    let bearing = page.one("#qibla-bearing");
    assert_eq!((bearing.name.as_str(), bearing.text.as_str()), ("strong", "293.4°"));
    assert!(
        bearing
            .attr("class")
            .is_some_and(|c| c.split(' ').any(|c| c == "bearing"))
    );
    assert!(page.one("#place-qibla").text.contains("west-north-west"));
    let arrow = page.one("#place-qibla svg g[transform]");
    assert!(
        matches!(arrow.attr("transform"), Some("rotate(293.36)" | "rotate(293.35)")),
        "{:?}",
        arrow.attr("transform")
    );
    // The certificate, told plainly.
    let facts = page.texts("#place-halal dd");
    for fact in ["Hokkaido Halal Board (test)", "HHB-T-0042", "31 Dec 2027"] {
        assert!(facts.iter().any(|d| d == fact), "{fact}: {facts:?}");
    }
    assert_eq!(page.one("#certificate-status").text, "The certificate is valid today.");
    assert!(page.one("#place-halal").text.contains("No alcohol is served."));
    assert_eq!(open_now(&page), "Open now");
    assert_eq!(page.one("code.hours").text, "24/7");
    // Contact and directions: a tel: link, and the place's position only.
    assert_eq!(page.one("a[href='tel:0115550100']").text, "011-555-0100");
    assert_eq!(
        page.one("#place-directions").attr("href"),
        Some("https://www.openstreetmap.org/directions?route=%3B43.0621%2C141.3544")
    );
    assert_eq!(page.one("#place-geo").attr("href"), Some("geo:43.0621,141.3544"));
    assert!(page.one("#place-source").text.contains("Last checked on 1 Oct 2026"));
    // Facilities say "not known" rather than "no".
    let facilities = page.one("#place-facilities").text;
    assert!(facilities.contains("Place for wudu (ablution): yes"), "{facilities}");
    assert!(
        facilities.contains("Separate space for women: not known"),
        "{facilities}"
    );

    // Expired: never shown as certified, neither on the page nor on its map marker.
    let page = b.page(&format!("/map/places/{}", ids.expired)).await;
    assert_eq!(
        page.one("#certificate-status").text,
        "The certificate has expired: this place is not certified now."
    );
    assert_eq!(page.one("#place-assurance").text, "Certificate expired");
    assert!(!page.text().contains("Halal certified"));
    assert_eq!(
        page.json_block("place-data")["label"],
        "Restaurant · Certificate expired"
    );
    // Expiring: how many days are left.
    let page = b.page(&format!("/map/places/{}", ids.expiring)).await;
    assert_eq!(
        page.one("#certificate-status").text,
        "The certificate is valid today and ends in 17 days."
    );
    // Not certified at all: what the level means; stale places flagged.
    let page = b.page(&format!("/map/places/{}", ids.mosque)).await;
    assert!(
        page.one("#place-halal")
            .text
            .contains("Nothing is known about the food here.")
    );
    assert!(
        page.one("#place-stale")
            .text
            .contains("This place has not been checked for over a year.")
    );
    assert!(page.one("#place-source").text.contains("Never checked"));
    // OpenStreetMap data keeps its attribution and links to the object.
    let page = b.page(&format!("/map/places/{}", ids.osm_cafe)).await;
    let source = page.one("#place-source");
    assert!(
        source.text.contains("© OpenStreetMap contributors, ODbL 1.0"),
        "{}",
        source.text
    );
    assert!(
        source
            .select("a")
            .iter()
            .any(|a| a.attr("href") == Some("https://www.openstreetmap.org/node/4242"))
    );
    assert!(
        page.one("#place-halal")
            .text
            .contains("The place says it is Muslim-friendly. No certifying body has checked it.")
    );
}

/// The rows of a place's week table, each as its visible text.
fn week(page: &Page) -> Vec<String> {
    page.texts("table#place-week tr")
}

async fn opening_hours_read_as_a_week_in_the_readers_language(backend: Backend) {
    let t = TestApp::empty(backend).await;
    // Monday 23 November 2026 is Labour Thanksgiving Day, a public holiday.
    let id = t.app.create_place(lunch_and_supper()).await.expect("a place").id;
    let unreadable = place(
        "Odd Hours Test|変な時間（テスト）|เวลาแปลก (ทดสอบ)|Waktu Pelik (ujian)",
        "cafe",
        43.07,
        141.36,
        "unknown",
        None,
        None,
        None,
    );
    let odd = t.app.create_place(unreadable).await.expect("a place").id;
    let mut b = t.browser();
    let page = b.page(&format!("/map/places/{id}")).await;
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
    assert_eq!(week(&page), want);
    assert_eq!(
        page.one("table#place-week tr.today[aria-current=date] th[scope=row]")
            .text,
        "Monday (today)"
    );
    assert_eq!(page.one("table#place-week caption").text, "The next seven days");
    assert!(page.text().contains("As written (OpenStreetMap opening_hours):"));
    let ja = week(&b.page(&format!("/map/places/{id}?lang=ja")).await);
    assert_eq!(ja[1], "月曜日（今日） 休業", "{ja:?}");
    assert_eq!(ja[6], "土曜日 10:00–24:00");
    assert_eq!(ja[7], "日曜日 12:00–16:00（call first）");
    let th = week(&b.page(&format!("/map/places/{id}?lang=th")).await);
    assert_eq!(th[1], "วันจันทร์ (วันนี้) ปิด");
    let ms = week(&b.page(&format!("/map/places/{id}?lang=ms")).await);
    assert_eq!(ms[1], "Isnin (hari ini) Tutup");
    // No hours: no table, and the page says they are not known.
    let page = b.page(&format!("/map/places/{odd}?lang=en")).await;
    assert!(!page.has("#place-week"));
    assert!(page.text().contains("Opening hours not known"));
    // Open-ended hours (10:00+): open from ten, the closing time not known,
    // never "until midnight"; and not called open in the evening.
    let open_end = place(
        "Late Stall Test|屋台（テスト）|แผงลอย (ทดสอบ)|Gerai Lewat (ujian)",
        "restaurant",
        43.071,
        141.361,
        "unknown",
        None,
        Some("Tu-Su 10:00+"),
        None,
    );
    let late = t.app.create_place(open_end).await.expect("a place").id;
    let en = week(&b.page(&format!("/map/places/{late}?lang=en")).await);
    assert_eq!(en[2], "Tuesday from 10:00, closing time not known", "{en:?}");
    let ja = week(&b.page(&format!("/map/places/{late}?lang=ja")).await);
    assert_eq!(ja[2], "火曜日 10:00から（閉店時刻は不明）", "{ja:?}");
    let th = week(&b.page(&format!("/map/places/{late}?lang=th")).await);
    assert!(th[2].ends_with("ตั้งแต่ 10:00 (ไม่ทราบเวลาปิด)"), "{th:?}");
    let ms = week(&b.page(&format!("/map/places/{late}?lang=ms")).await);
    assert!(ms[2].ends_with("dari 10:00, waktu tutup tidak diketahui"), "{ms:?}");
}

async fn open_now_and_todays_prayer_times_follow_the_clock(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let diner = t.app.create_place(lunch_and_supper()).await.expect("a place").id;
    let mut b = t.browser();
    let diner_path = format!("/map/places/{diner}");
    let always_open = vec![ids.certified, ids.mosque, ids.expiring];
    let mut with_diner = [always_open.clone(), vec![diner]].concat();
    with_diner.sort_unstable();
    let monday = today();
    let tuesday = date(2026, 11, 24);

    // Noon on Monday 23 November, a public holiday: the diner is closed, the
    // places open every hour are open.
    assert_eq!(t.app.now(), in_japan(monday, 12, 0), "the kit's clock starts at noon");
    let page = b.page(&diner_path).await;
    assert_eq!(open_now(&page), "Closed now");
    assert_eq!(page.one("table#place-week tr.today th").text, "Monday (today)");
    assert_eq!(listed_sorted(&b.page("/map?open_now=true").await), always_open);

    // Noon on Tuesday: open for lunch, on the list, the page and the week.
    t.clock.set(in_japan(tuesday, 12, 0));
    let page = b.page(&diner_path).await;
    assert_eq!(open_now(&page), "Open · closes 14:00");
    assert_eq!(
        page.one("table#place-week tr.today th").text,
        "Tuesday (today)",
        "the week starts on the new day"
    );
    assert_eq!(
        week(&page)[7],
        "Monday 11:00–14:00, 17:00–21:30",
        "next Monday is no holiday"
    );
    let list = b.page("/map?open_now=true").await;
    assert_eq!(listed_sorted(&list), with_diner);
    assert_eq!(badge(&item(&list, diner), "hours-open"), "Open · closes 14:00");

    // Between lunch and supper, then at supper, then at night: closed, open, closed.
    // Each says until when, or when it opens again today.
    for (hour, minute, open, said) in [
        (15, 0, false, "Closed · opens 17:00"),
        (18, 0, true, "Open · closes 21:30"),
        (21, 29, true, "Open · closes 21:30"),
        (21, 30, false, "Closed now"),
        (23, 0, false, "Closed now"),
    ] {
        t.clock.set(in_japan(tuesday, hour, minute));
        let at = format!("{hour:02}:{minute:02}");
        let class = if open { "hours-open" } else { "hours-closed" };
        assert_eq!(open_now(&b.page(&diner_path).await), said, "at {at}");
        assert_eq!(
            badge(&item(&b.page("/map").await, diner), class),
            said,
            "the list at {at}"
        );
        let want = if open { &with_diner } else { &always_open };
        assert_eq!(
            &listed_sorted(&b.page("/map?open_now=true").await),
            want,
            "open now at {at}"
        );
    }
    // The places open every hour stay open at night.
    let page = b.page(&format!("/map/places/{}", ids.certified)).await;
    assert_eq!(open_now(&page), "Open now");

    // Today's prayer times and the next prayer follow the clock too.
    let path = format!("/map/places/{}", ids.certified);
    let mon = expected_times("MuslimWorldLeague", monday);
    let before_fajr = time_in(&mon, "fajr") - TimeDelta::minutes(10);
    let after_isha = time_in(&mon, "isha") + TimeDelta::minutes(10);
    let at_noon = expected_next(&mon, noon());
    assert!(at_noon.as_deref().is_some_and(|p| p != "fajr"), "noon and dawn differ");
    for (at, want) in [
        (before_fajr, Some("fajr".to_owned())),
        (noon(), at_noon),
        (after_isha, None),
    ] {
        t.clock.set(at_japan(monday, at));
        let page = b.page(&path).await;
        assert_eq!(page.one("#prayer-h").text, "Prayer times on 23 Nov 2026", "at {at}");
        assert_eq!(next_prayer(&page), want, "the next prayer at {at}");
        // The first screen says the next prayer from now and how long until it.
        let first = page.one("#place-next-prayer").text;
        match want.as_deref() {
            Some("fajr") => assert_eq!(
                first,
                format!(
                    "Next prayer: Fajr at {} in 10 min",
                    time_in(&mon, "fajr").format("%H:%M")
                )
            ),
            Some(p) => assert!(
                first.contains(&format!("at {}", time_in(&mon, p).format("%H:%M"))),
                "{first}"
            ),
            None => {
                let tue = expected_times("MuslimWorldLeague", tuesday);
                assert!(
                    first.starts_with(&format!(
                        "Next prayer: Fajr at {} (tomorrow) in ",
                        time_in(&tue, "fajr").format("%H:%M")
                    )),
                    "after isha, tomorrow's fajr: {first}"
                );
            }
        }
    }
    // A minute past midnight in Japan (still the 23rd in UTC) is the next
    // day: its times, and its first prayer next.
    t.clock.set(in_japan(tuesday, 0, 1));
    assert_eq!(t.app.now().date_naive(), monday, "still Monday in UTC");
    let page = b.page(&path).await;
    assert_eq!(page.one("#prayer-h").text, "Prayer times on 24 Nov 2026");
    let tue = expected_times("MuslimWorldLeague", tuesday);
    assert_ne!(tue, mon, "the times move from day to day");
    for (prayer, time) in &tue {
        assert_eq!(&time_of(&page, prayer), time, "{prayer} on the 24th");
    }
    assert_eq!(next_prayer(&page).as_deref(), Some("fajr"));
    assert_eq!(
        page.one("form.prayer-form input[name=date]").attr("value"),
        Some("2026-11-24"),
        "the form's date is today"
    );
    // Another day asked for is not today: no prayer is "next" on it.
    let page = b.page(&format!("{path}?date=2026-11-23")).await;
    assert_eq!(page.one("#prayer-h").text, "Prayer times on 23 Nov 2026");
    assert_eq!(next_prayer(&page), None);

    // The day moves certificates too: on 11 December the one that ended on
    // the 10th is expired, on the list, the filters and the place's page.
    t.clock.set(in_japan(date(2026, 12, 11), 12, 0));
    let list = b.page("/map").await;
    let x = item(&list, ids.expiring);
    assert_eq!(badge(&x, "level-expired"), "Certificate expired");
    assert!(
        x.select("p.cert")[0].text.contains("ended on 10 Dec 2026"),
        "{}",
        x.text
    );
    assert_eq!(
        listed_sorted(&b.page("/map?assurance=certified").await),
        [ids.certified]
    );
    let page = b.page(&format!("/map/places/{}", ids.expiring)).await;
    assert_eq!(
        page.one("#certificate-status").text,
        "The certificate has expired: this place is not certified now."
    );
}

async fn unknown_places_are_not_found(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    for uri in [
        "/map/places/999999".to_owned(),
        "/map/places/0".to_owned(),
        "/map/places/abc".to_owned(),
        format!("/map/places/{}9", ids.expiring),
    ] {
        let page = b.get(&uri).await.expect(StatusCode::NOT_FOUND).page();
        assert_eq!(page.one("h1").text, "Page not found", "{uri}: an HTML page");
    }
}

async fn four_languages_with_no_english_left(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let en_file = CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == "en" && *f == "map")
        .expect("the English map catalogue")
        .2;
    // Whole English sentences and labels of the map's catalogue.
    let english: Vec<String> = message_ids(en_file)
        .into_iter()
        .filter(|id| {
            ![
                "map-category-hotel",
                "map-prayer-maghrib",
                "map-method-kuwait",
                "map-method-qatar",
                "map-method-jakim",
                "map-method-kemenag",
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
        let code = lang.code();
        for uri in &pages {
            let sep = if uri.contains('?') { '&' } else { '?' };
            let page = b.page(&format!("{uri}{sep}lang={code}")).await;
            // The attribution stored with OpenStreetMap data is data, kept as the licence asks.
            let shown = page.readable().replace(kizuna_domain::map::place::OSM_ATTRIBUTION, "");
            assert!(
                !shown.contains("map-"),
                "{uri} in {code}: a message key is shown (missing from the catalogue)"
            );
            for en in &english {
                assert!(!shown.contains(en.as_str()), "{uri} in {code}: English left: {en:?}");
            }
            assert_eq!(page.lang(), code, "{uri}");
        }
        // Names in the reader's language; prayer names translated.
        let list = b.page(&format!("/map?lang={code}")).await;
        assert!(
            list.select(&format!("#place-list h3 a[lang='{code}']"))
                .iter()
                .any(|a| a.text == name),
            "{code}"
        );
        let place = b.page(&format!("/map/places/{}?lang={code}", ids.certified)).await;
        assert_eq!(place.one("#prayer-times tr[data-prayer=fajr] th").text, fajr, "{code}");
        assert!(place.one("#prayer-h").text.contains(prayer_times), "{code}");
    }
}

async fn the_tile_server_is_configurable_or_absent(backend: Backend) {
    // No tile server: the offline basemap only, and no other image origin.
    let t = TestApp::with_options(
        backend,
        WebOptions {
            secure_cookies: false,
            tiles: None,
            ..WebOptions::default()
        },
    )
    .await;
    setup(&t).await;
    let answer = t.browser().get("/map").await.expect(StatusCode::OK);
    let config = answer.page().json_block("map-config");
    assert_eq!(config["tiles"], Value::Null);
    assert_eq!(config["basemap"]["low"], "/assets/land-50m.json");
    let csp = answer.header(header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    // Another server, with subdomains and its own credit.
    let tiles = TileServer::parse(
        "https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png",
        Some("Example Tiles"),
    )
    .expect("a good tile URL")
    .expect("a tile server");
    assert_eq!(tiles.origin(), "https://*.tiles.example.org");
    let t = TestApp::with_options(
        backend,
        WebOptions {
            secure_cookies: false,
            tiles: Some(tiles),
            ..WebOptions::default()
        },
    )
    .await;
    setup(&t).await;
    let mut b = t.browser();
    let answer = b.get("/map").await.expect(StatusCode::OK);
    let csp = answer.header(header::CONTENT_SECURITY_POLICY);
    assert!(
        csp.contains("img-src 'self' data: https://*.tiles.example.org;"),
        "{csp}"
    );
    assert_eq!(
        answer.page().json_block("map-config")["tiles"]["attribution"],
        "Example Tiles"
    );
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
        b.get(&format!("/assets/{asset}")).await.expect(StatusCode::OK);
    }
    // Bad tile URLs are refused with the reason.
    assert_eq!(TileServer::parse("  ", None), Ok(None));
    assert_eq!(
        TileServer::parse("http://127.0.0.1:9/{z}/{x}/{y}.png", None)
            .expect("a good tile URL")
            .expect("a tile server")
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
        let e = TileServer::parse(url, None).expect_err("a bad tile URL");
        assert!(e.contains(why), "{url}: {e}");
    }
}

/// The first element matching `css` inside `el`.
fn first(el: &El, css: &str) -> El {
    el.select(css)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{css} in {}", el.text))
}

/// A place at a position with an assurance and hours (no certificate
/// unless certified, which gets a valid one).
fn at(name: &str, category: &str, lat: f64, lon: f64, assurance: &str, hours: &str) -> PlaceFields {
    let names = format!("{name}|{name}（テスト）|{name} (ทดสอบ)|{name} (ujian)");
    place(
        &names,
        category,
        lat,
        lon,
        assurance,
        (assurance == "certified").then_some(("2025-01-01", "2027-12-31")),
        Some(hours),
        Some("2026-10-01"),
    )
}

async fn near_me_sorts_by_distance_stronger_assurance_first(backend: Backend) {
    let t = TestApp::empty(backend).await;
    // Four restaurants at one spot 110 m north of the visitor, named so that
    // by name the weakest comes first; a certified one 2 km away.
    let spot = (43.0697, 141.3508);
    let mut ids = Vec::new();
    for (name, assurance) in [
        ("Aa Pork-free Stall", "pork_free"),
        ("Ab Vegetarian Kitchen", "vegetarian_options"),
        ("Ac Friendly Diner", "self_declared"),
        ("Zz Certified Grill", "certified"),
    ] {
        let f = at(name, "restaurant", spot.0, spot.1, assurance, "24/7");
        ids.push(t.app.create_place(f).await.expect("a place").id);
    }
    let far = at("Far Certified", "restaurant", 43.0867, 141.3508, "certified", "24/7");
    let far = t.app.create_place(far).await.expect("a place").id;
    let mut b = t.browser();
    let (pork, veg, friendly, certified) = (ids[0], ids[1], ids[2], ids[3]);
    // "Restaurant + open now" from Sapporo Station: as far away, the certified
    // place comes first, then Muslim-friendly, then no pork, then vegetarian.
    let page = b
        .page("/map?category=restaurant&open_now=true&lat=43.0687&lon=141.3508")
        .await;
    assert_eq!(listed(&page), vec![certified, friendly, pork, veg, far]);
    assert_eq!(page.one("#place-list").attr("data-sorted"), Some("distance"));
    let d = |id: i64| first(&item(&page, id), ".distance").text;
    assert_eq!(d(certified), "110 m away");
    assert_eq!(d(pork), "110 m away");
    assert_eq!(d(far), "2.0 km away");
    // Each card leads with the assurance, then the name, distance and open status.
    let card = item(&page, certified);
    let order: Vec<String> = card
        .select("p.lead-line, h3, p.meta")
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(order, ["p", "h3", "p"], "lead line, then name, then distance and hours");
    assert_eq!(badge(&card, "level-certified"), "Halal certified");
    assert!(first(&card, "p.lead-line").text.starts_with("Halal certified"));
    assert_eq!(first(&card, "p.meta").text, "110 m away Open now Restaurant");
    // Without a position: the stronger assurance first, then by name.
    let page = b.page("/map?category=restaurant").await;
    assert_eq!(listed(&page), vec![far, certified, friendly, pork, veg]);
    assert!(!page.has(".distance"), "no distance without a position");
    assert_eq!(page.one("#place-list").attr("data-sorted"), None);
    // A position out of range is said and left out.
    let page = b.page("/map?lat=95&lon=141.35").await;
    assert_eq!(listed(&page).len(), 5);
    assert!(
        page.texts("#map-results p.notice.bad")
            .iter()
            .any(|n| n.contains("lat=95")),
        "the bad position is named"
    );
}

async fn halal_chips_mean_what_they_say_and_prayer_places_wear_prayer_badges(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let pork = t
        .app
        .create_place(at("Pork-free Stall", "restaurant", 43.06, 141.35, "pork_free", "24/7"))
        .await
        .expect("a place")
        .id;
    let veg = t
        .app
        .create_place(at(
            "Vegetarian Kitchen",
            "restaurant",
            43.06,
            141.35,
            "vegetarian_options",
            "24/7",
        ))
        .await
        .expect("a place")
        .id;
    let mut b = t.browser();
    let page = b.page("/map").await;
    // One row of main chips: certified and Muslim-friendly apart, open now,
    // restaurants, prayer space; the rest behind "more filters".
    let main: Vec<(String, String)> = page
        .select("fieldset.main-chips input[type=checkbox]")
        .iter()
        .map(|i| {
            (
                i.attr("name").unwrap_or_default().to_owned(),
                i.attr("value").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = main.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("assurance", "certified"),
            ("assurance", "self_declared"),
            ("open_now", "true"),
            ("category", "restaurant"),
            ("prayer_space", "true")
        ]
    );
    assert_eq!(
        page.texts("fieldset.main-chips label.chip"),
        [
            "Halal certified",
            "Muslim-friendly",
            "Open now",
            "Restaurant",
            "Prayer space"
        ]
    );
    let more = page.one("details#more-filters");
    assert!(more.attr("open").is_none(), "closed while none of its filters is on");
    assert_eq!(first(&more, "summary").text, "More filters");
    for value in ["pork_free", "vegetarian_options"] {
        assert!(more.has(&format!("input[name=assurance][value={value}]")), "{value}");
    }
    assert!(
        !page.has("input[name=assurance][value=unknown]"),
        "no chip asks for 'not known'"
    );
    assert!(page.one("button#near-me").text == "Places near me");
    // Halal: certified and Muslim-friendly, never no-pork or vegetarian.
    let halal = b.page("/map?assurance=certified&assurance=self_declared").await;
    let mut want = vec![ids.certified, ids.expiring, ids.osm_cafe];
    want.sort_unstable();
    assert_eq!(listed_sorted(&halal), want);
    assert_eq!(listed_sorted(&b.page("/map?assurance=pork_free").await), vec![pork]);
    let page = b.page("/map?assurance=vegetarian_options").await;
    assert_eq!(listed(&page), vec![veg]);
    assert!(
        page.one("details#more-filters").attr("open").is_some(),
        "open when one of its filters is on"
    );
    // A mosque wears prayer badges, not a food badge.
    let page = b.page("/map").await;
    let m = item(&page, ids.mosque);
    assert_eq!(badge(&m, "level-prayer"), "Prayer place");
    assert_eq!(m.texts("p.lead-line .badge.prayer-facility"), ["Men and women", "Wudu"]);
    assert!(!m.text.contains("Halal status not known"), "{}", m.text);
    assert_eq!(
        page.json_block("map-places")
            .as_array()
            .expect("markers")
            .iter()
            .find(|x| x["id"] == ids.mosque)
            .expect("the mosque's marker")["level"],
        "prayer"
    );
    let p = b.page(&format!("/map/places/{}", ids.mosque)).await;
    assert_eq!(p.one("#place-assurance").text, "Prayer place");
    assert!(!p.one("#place-summary").text.contains("Halal status not known"));
}

async fn open_status_says_until_when_or_that_the_closing_time_is_unknown(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let open_end = t
        .app
        .create_place(at("Open End Cafe", "cafe", 43.06, 141.35, "self_declared", "10:00+"))
        .await
        .expect("a place")
        .id;
    let late = t
        .app
        .create_place(at(
            "Late Bar Grill",
            "restaurant",
            43.06,
            141.35,
            "pork_free",
            "17:00-02:00",
        ))
        .await
        .expect("a place")
        .id;
    let mut b = t.browser();
    let tuesday = date(2026, 11, 24);
    let said = |page: &Page, id: i64| first(&item(page, id), "p.meta .badge").text;
    t.clock.set(in_japan(tuesday, 9, 0));
    let page = b.page("/map").await;
    assert_eq!(said(&page, open_end), "Closed · opens 10:00");
    assert_eq!(said(&page, late), "Closed · opens 17:00");
    t.clock.set(in_japan(tuesday, 12, 0));
    let page = b.page("/map").await;
    assert_eq!(
        badge(&item(&page, open_end), "hours-open-end"),
        "Open, closing time unknown"
    );
    let p = b.page(&format!("/map/places/{open_end}")).await;
    assert_eq!(open_now(&p), "Open, closing time unknown");
    assert_eq!(p.one("#place-today").text, "Today: from 10:00, closing time not known");
    // Past midnight the closing time is tomorrow's.
    t.clock.set(in_japan(tuesday, 23, 0));
    let page = b.page("/map").await;
    assert_eq!(badge(&item(&page, late), "hours-open"), "Open · closes 02:00");
    for (lang, want) in [
        ("ja", "営業中（閉店時刻は不明）"),
        ("th", "เปิดอยู่ ไม่ทราบเวลาปิด"),
        ("ms", "Dibuka, waktu tutup tidak diketahui"),
    ] {
        t.clock.set(in_japan(tuesday, 12, 0));
        let p = b.page(&format!("/map/places/{open_end}?lang={lang}")).await;
        assert_eq!(open_now(&p), want, "{lang}");
    }
}

async fn a_place_page_opens_with_what_a_visitor_decides_by(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let ids = setup(&t).await;
    let mut b = t.browser();
    let page = b.page(&format!("/map/places/{}", ids.certified)).await;
    let summary = page.one("section#place-summary");
    assert_eq!(first(&summary, "#place-assurance").text, "Halal certified");
    assert_eq!(
        first(&summary, "#place-cert-note").text,
        "Certified by Hokkaido Halal Board (test), valid until 31 Dec 2027"
    );
    assert_eq!(first(&summary, "#place-open").text, "Open now");
    assert_eq!(first(&summary, "#place-today").text, "Today: Open 24 hours");
    let mon = expected_times("MuslimWorldLeague", today());
    let next = expected_next(&mon, noon()).expect("a prayer after noon");
    let first = first(&summary, "#place-next-prayer").text;
    let name = message(Lang::En, &format!("map-prayer-{next}"), &[]);
    assert!(
        first.starts_with(&format!(
            "Next prayer: {name} at {}",
            time_in(&mon, &next).format("%H:%M")
        )),
        "{first}"
    );
    assert!(first.contains(" in "), "with the time remaining: {first}");
    // Then the map, the qibla, the prayer times, and the details, in that order.
    let html = page.html();
    let pos = |id: &str| {
        html.find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("#{id} on the page"))
    };
    let order = [
        "place-summary",
        "place-map-box",
        "place-qibla",
        "place-prayer",
        "place-halal",
        "place-facilities",
    ];
    for w in order.windows(2) {
        assert!(pos(w[0]) < pos(w[1]), "{} before {}", w[0], w[1]);
    }
    // In every language, without English.
    for lang in ["ja", "th", "ms"] {
        let p = b.page(&format!("/map/places/{}?lang={lang}", ids.certified)).await;
        let s = p.one("#place-summary").text;
        assert!(!s.contains("Next prayer") && !s.contains("Today"), "{lang}: {s}");
    }
}
