//! The calendar's feeds through the router on SQLite and PostgreSQL: the
//! demo's full private feed and a filtered public feed read by three
//! parsers (Python's `icalendar`, the strict `ical` package, ical.js) with
//! the same event count as Kizuna's own, every event with a UID and a UTC
//! DTSTAMP, zones resolved from the file's VTIMEZONE and no floating time;
//! UIDs stable across regenerations while DTSTAMP moves; a private feed
//! created by staff, its secret kept only hashed, revoked to 404; public
//! feeds and pages without placements; the page's views and filters.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use kizuna_app::calendar::{Audience, Filter, ItemKind};
use kizuna_io::ical::{LINE_OCTETS, unfold};
use kizuna_store::Backend;
use kizuna_testkit::TestApp;

use crate::ical_readers;
use serde_json::Value;

kizuna_testkit::on_both!(
    feeds_are_read_alike_by_three_parsers,
    a_private_feed_works_until_revoked,
    the_page_shows_public_items_to_visitors_and_everything_to_staff,
);

/// What Kizuna itself wrote: events, UIDs, DTSTAMPs; every line checked.
fn own_reading(text: &str) -> (usize, Vec<String>) {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
    }
    let lines = unfold(text);
    let events = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
    let uids: Vec<String> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_owned)
        .collect();
    let zones: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("TZID:")).collect();
    for l in &lines {
        if let Some((name, _)) = l.split_once(':')
            && let Some(tz) = name.split(';').find_map(|p| p.strip_prefix("TZID="))
        {
            assert!(zones.contains(&tz), "{l}: no VTIMEZONE for {tz}");
        }
        if l.starts_with("DTSTAMP:") {
            assert!(l.ends_with('Z'), "{l}");
        }
    }
    assert_eq!(uids.len(), events, "a UID on every event");
    (events, uids)
}

#[track_caller]
fn check_reader(name: &str, r: &Value, events: usize) {
    assert_eq!(r["events"].as_u64(), Some(events as u64), "{name}: {r}");
    for key in ["no_uid", "no_stamp", "stamp_not_utc", "floating"] {
        assert_eq!(r[key].as_u64(), Some(0), "{name} {key}: {r}");
    }
    assert_eq!(r["undefined_zones"], Value::Array(vec![]), "{name}: {r}");
}

fn parse_with_all(path: &Path, events: usize, want_zone: bool) {
    if let Some(py) = ical_readers::python(
        "icalendar, ical",
        "icalendar==7.3.2 ical==14.3.1",
        "count_feed.py",
        path,
    ) {
        check_reader("icalendar", &py["icalendar"], events);
        check_reader("ical", &py["ical"], events);
        if want_zone {
            assert!(
                py["ical"]["zones"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|z| z == "Asia/Tokyo"),
                "{py}"
            );
            assert!(
                py["icalendar"]["zones"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|z| z == "Asia/Tokyo"),
                "{py}"
            );
        }
    }
    if let Some(js) = ical_readers::ical_js("count_feed.mjs", path) {
        check_reader("ical.js", &js, events);
        if want_zone {
            assert!(
                js["zones"].as_array().unwrap().iter().any(|z| z == "Asia/Tokyo"),
                "{js}"
            );
        }
    }
}

fn dir(backend: Backend, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kizuna-cal-{name}-{backend:?}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

async fn feeds_are_read_alike_by_three_parsers(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let d = dir(backend, "three");
    let mut staff = t.staff().await;
    // The full private feed.
    let page = staff.get("/console/calendar/feeds").await.ok_page();
    assert!(page.select("#feed-form").len() == 1);
    let made = staff
        .submit(
            "/console/calendar/feeds",
            &[("name", "Everything"), ("include_private", "on")],
        )
        .await
        .ok_page();
    let url = made.texts("#feed-url").remove(0);
    let path = url
        .split_once("://")
        .map(|(_, rest)| &rest[rest.find('/').unwrap()..])
        .unwrap();
    let full = t.browser().get(path).await.expect(StatusCode::OK);
    assert_eq!(full.header("content-type"), "text/calendar; charset=utf-8");
    let own = t
        .app
        .calendar(&Filter::new(Audience::Staff { include_private: true }))
        .await
        .unwrap();
    let text = full.text();
    let (events, uids) = own_reading(&text);
    assert_eq!(events, own.items.len(), "the feed holds every item of the calendar");
    assert!(events > 50, "the demo's calendar has {events} items");
    assert!(
        text.contains("DTSTART;TZID=Asia/Tokyo:"),
        "sessions are timed in Japan's zone"
    );
    assert!(text.contains("DTSTART;VALUE=DATE:"));
    let file = d.join("private.ics");
    std::fs::write(&file, &text).unwrap();
    parse_with_all(&file, events, true);

    // Regenerated: the same UIDs, a new DTSTAMP.
    t.clock.advance(chrono::Duration::hours(3));
    let again = t.browser().get(path).await.expect(StatusCode::OK).text();
    let (_, uids2) = own_reading(&again);
    assert_eq!(uids, uids2, "UIDs are stable across regenerations");
    let stamp = |s: &str| unfold(s).into_iter().find(|l| l.starts_with("DTSTAMP:")).unwrap();
    assert_ne!(stamp(&text), stamp(&again));

    // A filtered public feed: awards only.
    let public = t
        .browser()
        .get("/calendar.ics?kind=award&lang=ja")
        .await
        .expect(StatusCode::OK)
        .text();
    let awards = t
        .app
        .calendar(&Filter {
            kinds: vec![ItemKind::Award],
            ..Filter::new(Audience::Public)
        })
        .await
        .unwrap();
    let (n, _) = own_reading(&public);
    assert_eq!(n, awards.items.len());
    assert!(n >= 1, "the demo's award is public");
    assert!(!public.contains("CLASS:PRIVATE"));
    let file = d.join("awards.ics");
    std::fs::write(&file, &public).unwrap();
    parse_with_all(&file, n, false);

    // The whole public feed: no private item, fewer than the private one.
    let all_public = t.browser().get("/calendar.ics").await.expect(StatusCode::OK).text();
    let (n_public, _) = own_reading(&all_public);
    assert!(n_public < events);
    assert!(!all_public.contains("CLASS:PRIVATE") && !all_public.contains("UID:placement-"));
    let file = d.join("public.ics");
    std::fs::write(&file, &all_public).unwrap();
    parse_with_all(&file, n_public, false);

    // A filter that cannot be read is refused naming the field.
    let bad = t
        .browser()
        .get("/calendar.ics?kind=picnic")
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(
        bad.text().contains("kind") && bad.text().contains("picnic"),
        "{}",
        bad.text()
    );
    let bad = t
        .browser()
        .get("/calendar?month=2022-13")
        .await
        .expect(StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("2022-13"));
}

async fn a_private_feed_works_until_revoked(backend: Backend) {
    let t = TestApp::demo(backend).await;
    // Visitors and partners cannot manage feeds.
    let anon = t.browser().get("/console/calendar/feeds").await;
    assert_ne!(anon.status, StatusCode::OK);
    let mut staff = t.staff().await;
    staff.get("/console/calendar/feeds").await.ok_page();
    // A feed without a name is refused, naming the field; nothing stored.
    let refused = staff.submit("/console/calendar/feeds", &[("name", " ")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.page().texts("#feed-errors").join(" ").contains("Name"));
    assert!(t.app.calendar_feeds().await.unwrap().is_empty());
    // Symposiums only, without placements.
    let made = staff
        .submit(
            "/console/calendar/feeds",
            &[("name", "Symposiums"), ("kind", "symposium")],
        )
        .await
        .ok_page();
    let url = made.texts("#feed-url").remove(0);
    let path = url
        .split_once("://")
        .map(|(_, rest)| rest[rest.find('/').unwrap()..].to_owned())
        .unwrap();
    let secret = path
        .trim_start_matches("/calendar/private/")
        .split('.')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(secret.len(), 64, "256 random bits");
    let feeds = t.app.calendar_feeds().await.unwrap();
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].kinds, "symposium");
    assert!(!feeds[0].include_private);
    let text = t.browser().get(&path).await.expect(StatusCode::OK).text();
    assert!(
        unfold(&text)
            .iter()
            .all(|l| !l.starts_with("CATEGORIES:") || l.contains("Symposium"))
    );
    assert!(!text.contains("UID:placement-"));
    // The secret is not stored: the table holds its hash only.
    assert!(t.app.calendar_feeds().await.unwrap()[0].last_used_at.is_some());
    // A wrong secret is not found.
    let wrong = format!("/calendar/private/{}.ics", "0".repeat(64));
    t.browser().get(&wrong).await.expect(StatusCode::NOT_FOUND);
    // Revoked: 404 from then on.
    let id = feeds[0].id.to_string();
    staff
        .submit(&format!("/console/calendar/feeds/{id}/revoke"), &[])
        .await
        .expect(StatusCode::SEE_OTHER);
    t.browser().get(&path).await.expect(StatusCode::NOT_FOUND);
    let list = staff.get("/console/calendar/feeds").await.ok_page();
    assert!(list.texts(&format!("#feed-{id}")).join(" ").contains("Revoked"));
    // Without the form token nothing is revoked or created.
    staff
        .post_form("/console/calendar/feeds", &[("name", "x")])
        .await
        .expect(StatusCode::FORBIDDEN);
}

async fn the_page_shows_public_items_to_visitors_and_everything_to_staff(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let all = t
        .app
        .calendar(&Filter::new(Audience::Staff { include_private: true }))
        .await
        .unwrap();
    // A month with a private item if the demo has one, else the first item's.
    let item = all.items.iter().find(|i| i.private).or(all.items.first()).unwrap();
    let (first, _) = item.days();
    let month = first.format("%Y-%m").to_string();
    let mut staff = t.staff().await;
    let page = staff.get(&format!("/calendar?month={month}&view=list")).await.ok_page();
    let uids: Vec<String> = page
        .select("#calendar-list tr.item")
        .iter()
        .map(|e| e.attr("data-uid").unwrap_or_default().to_owned())
        .collect();
    assert!(uids.contains(&item.uid), "{uids:?}");
    let visitor = t
        .browser()
        .get(&format!("/calendar?month={month}&view=list"))
        .await
        .ok_page();
    let seen: Vec<String> = visitor
        .select("tr.item")
        .iter()
        .map(|e| e.attr("data-uid").unwrap_or_default().to_owned())
        .collect();
    for uid in &seen {
        let i = all.items.iter().find(|i| &i.uid == uid).unwrap();
        assert!(i.public && !i.private, "{uid} shown to a visitor");
    }
    if item.private {
        assert!(!seen.contains(&item.uid));
    }
    // The month grid has the same items as the list, each on its days.
    let grid = staff.get(&format!("/calendar?month={month}")).await.ok_page();
    assert!(grid.select("#calendar-month li.item").len() >= uids.len());
    // The subscribe link carries the filter.
    let filtered = t
        .browser()
        .get(&format!("/calendar?month={month}&kind=award"))
        .await
        .ok_page();
    let href = filtered
        .select("#subscribe")
        .first()
        .and_then(|e| e.attr("href").map(str::to_owned))
        .unwrap();
    assert!(href.starts_with("/calendar.ics?kind=award"), "{href}");
    // Four languages: the month's heading differs.
    let mut headings = Vec::new();
    for lang in ["en", "ja", "th", "ms"] {
        let p = t
            .browser()
            .get(&format!("/calendar?month=2022-09&lang={lang}"))
            .await
            .ok_page();
        headings.push(p.texts("#month-heading").join(""));
    }
    assert!(headings[0].contains("September 2022"), "{headings:?}");
    assert!(headings[1].contains("2022年9月"), "{headings:?}");
    assert!(headings[2].contains("2565"), "{headings:?}");
}
