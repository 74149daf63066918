//! A place's visitor details and visitors' reports on both databases: the
//! Friday prayer, ways to pay and price range kept as written; reports
//! taken within the limits, listed, closed once with a note (the contact
//! cleared, the closing audited) and deleted with their place.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::{DateTime, Duration, Utc};
use kizuna_domain::common::DEFAULT_OFFICE;
use kizuna_domain::common::account::Role;
use kizuna_domain::map::place::{PaymentMethod, Place, PlaceFields};
use kizuna_domain::map::report::{NewReport, REPORT_LIMITS, ReportLimits, ReportStatus};
use kizuna_store::place_reports::Taken;
use kizuna_store::{Actor, AuditFilter, Backend, Store};
use kizuna_testkit::fresh_store;

fn mosque() -> PlaceFields {
    PlaceFields {
        name_en: Some("Test Masjid (demo)".into()),
        category: Some("mosque".into()),
        lat: Some(43.07),
        lon: Some(141.34),
        assurance: Some("unknown".into()),
        prayer_space: Some(true),
        wudu: Some(true),
        jumuah_time: Some("12:20".into()),
        jumuah_second_time: Some("13:15".into()),
        jumuah_note_ja: Some("説教はアラビア語と日本語".into()),
        payment: Some("cash;ic_card".into()),
        price_range: Some(1),
        source: Some("staff".into()),
        source_id: Some("test-masjid".into()),
        ..Default::default()
    }
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn store(backend: Backend) -> Store {
    fresh_store(backend)
        .await
        .unwrap()
        .acting(Actor::request(Some(3), "console", None))
}

async fn visitor_details_round_trip(backend: Backend) {
    let store = store(backend).await;
    let input = mosque().validate().unwrap();
    let p = store.insert::<Place>(DEFAULT_OFFICE, &input).await.unwrap();
    let back = store.get::<Place>(p.id).await.unwrap();
    assert_eq!(back.fields, input);
    let j = back.fields.jumuah.as_ref().unwrap();
    assert_eq!(j.time.format("%H:%M").to_string(), "12:20");
    assert_eq!(
        j.note
            .as_ref()
            .and_then(|n| n.get("ja"))
            .map(kizuna_domain::common::Text::as_str),
        Some("説教はアラビア語と日本語")
    );
    assert!(back.fields.payment.contains(PaymentMethod::IcCard));
    assert_eq!(
        back.fields
            .price_range
            .map(kizuna_domain::map::place::PriceRange::level),
        Some(1)
    );

    // A place with none of them reads back with none.
    let mut bare = mosque();
    bare.source_id = Some("bare".into());
    (bare.jumuah_time, bare.jumuah_second_time, bare.jumuah_note_ja) = (None, None, None);
    (bare.payment, bare.price_range) = (None, None);
    let bare = bare.validate().unwrap();
    let b = store.insert::<Place>(DEFAULT_OFFICE, &bare).await.unwrap();
    let b = store.get::<Place>(b.id).await.unwrap();
    assert!(b.fields.jumuah.is_none() && b.fields.payment.is_empty() && b.fields.price_range.is_none());
}

async fn reports_are_limited_listed_closed_and_deleted(backend: Backend) {
    let store = store(backend).await;
    let place = store
        .insert::<Place>(DEFAULT_OFFICE, &mosque().validate().unwrap())
        .await
        .unwrap();
    let now = at("2026-11-23T03:00:00Z");
    let staff = store
        .insert_user("staff@example.org", "x", Role::Staff, None, None, now)
        .await
        .unwrap()
        .id;
    let hours = NewReport::parse("wrong_hours", "Opens at 5:00 now", "visitor@example.org").unwrap();
    let mut ids = Vec::new();
    for i in 0..5 {
        let t = now + Duration::minutes(i * 5);
        match store
            .take_place_report(place.id, &hours, "client-a", t, &REPORT_LIMITS)
            .await
            .unwrap()
        {
            Taken::Stored(id) => ids.push(id),
            Taken::Wait(s) => panic!("report {i} refused, wait {s}"),
        }
    }
    // The sixth from the same client waits until the first is an hour old.
    let sixth = now + Duration::minutes(30);
    assert_eq!(
        store
            .take_place_report(place.id, &hours, "client-a", sixth, &REPORT_LIMITS)
            .await
            .unwrap(),
        Taken::Wait(1800)
    );
    // Another client is still taken; an hour later the first is too.
    assert!(matches!(
        store
            .take_place_report(place.id, &hours, "client-b", sixth, &REPORT_LIMITS)
            .await
            .unwrap(),
        Taken::Stored(_)
    ));
    assert!(matches!(
        store
            .take_place_report(
                place.id,
                &hours,
                "client-a",
                now + Duration::minutes(61),
                &REPORT_LIMITS
            )
            .await
            .unwrap(),
        Taken::Stored(_)
    ));
    // A global cap holds back a client never seen.
    let tight = ReportLimits {
        per_client: 5,
        global: 3,
        window_s: 3600,
    };
    assert!(matches!(
        store
            .take_place_report(place.id, &hours, "client-c", now + Duration::minutes(62), &tight)
            .await
            .unwrap(),
        Taken::Wait(_)
    ));

    let open = store.place_reports(Some(ReportStatus::Open)).await.unwrap();
    assert_eq!(open.len(), 7);
    assert_eq!(open[0].id, ids[0]);
    assert_eq!(open[0].place_id, place.id);
    assert_eq!(open[0].text.as_deref(), Some("Opens at 5:00 now"));
    assert_eq!(open[0].contact.as_deref(), Some("visitor@example.org"));
    assert_eq!(open[0].created_at, now);

    // Closing: once, with the note; the contact goes; the audit log says who.
    let later = now + Duration::hours(2);
    assert!(
        store
            .close_place_report(ids[0], ReportStatus::Resolved, "Hours corrected", Some(staff), later)
            .await
            .unwrap()
    );
    assert!(
        !store
            .close_place_report(ids[0], ReportStatus::Dismissed, "again", Some(staff), later)
            .await
            .unwrap(),
        "a closed report is not closed again"
    );
    let closed = store.place_report(ids[0]).await.unwrap().unwrap();
    assert_eq!(closed.status, ReportStatus::Resolved);
    assert_eq!(closed.note.as_deref(), Some("Hours corrected"));
    assert_eq!((closed.closed_by, closed.closed_at), (Some(staff), Some(later)));
    assert_eq!(
        closed.contact, None,
        "the visitor's contact is not kept once the report is closed"
    );
    assert_eq!(store.place_reports(Some(ReportStatus::Open)).await.unwrap().len(), 6);
    let (entries, _) = store
        .audit_entries(
            &AuditFilter {
                entity: Some("place_report".into()),
                ..Default::default()
            },
            10,
            0,
        )
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].record_id, Some(ids[0]));
    assert_eq!(entries[0].detail.as_deref(), Some("resolved"));
    assert_eq!(
        entries[0].actor_user_id,
        Some(3),
        "the store acts for the signed-in account"
    );

    // Deleting the place deletes its reports, contacts with them.
    store.delete::<Place>(place.id).await.unwrap();
    assert!(store.place_reports(None).await.unwrap().is_empty());
}

kizuna_testkit::on_both!(
    visitor_details_round_trip,
    reports_are_limited_listed_closed_and_deleted
);
