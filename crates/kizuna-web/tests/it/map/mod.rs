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

mod list;
mod nearby;
mod pages;
mod place;

use list::*;
use nearby::*;
use pages::*;
use place::*;

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
