//! The itinerary page through the router, on SQLite and PostgreSQL: staff
//! plan the demo's two-day Kushiro–Akan tour in four languages (each
//! prayer block with its window, no English left in ja/th/ms), download it
//! as iCalendar (Asia/Tokyo, GEO), JSON and a PDF; a bad date is refused beside
//! the form; visitors are sent to sign in.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use kizuna_geo::index::PlaceFilter;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(staff_plan_a_tour_in_four_languages);

async fn staff_plan_a_tour_in_four_languages(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let all = t.app.all_places(&PlaceFilter::default()).await.unwrap();
    let id = |k: &str| {
        all.iter()
            .find(|h| h.place.fields.source.id().as_str() == k)
            .unwrap()
            .place
            .id
    };
    let q = format!(
        "from=2027-03-16&days=2&start={}&include={},{},{},{}&meal_level=self_declared&mode=bus&speed=40&method=MuslimWorldLeague",
        id("kushiro-04"),
        id("kushiro-02"),
        id("kushiro-05"),
        id("akan-02"),
        id("akan-01")
    );
    let mut anon = kizuna_testkit::Browser::new(t.router.clone());
    let a = anon.get(&format!("/console/tourism/itinerary?{q}")).await;
    assert!(
        matches!(
            a.status,
            StatusCode::SEE_OTHER | StatusCode::FOUND | StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        ),
        "{:?}",
        a.status
    );

    let mut b = t.staff().await;
    let empty = b.page("/console/tourism/itinerary").await;
    assert!(empty.text().contains("Choose the first day"));

    let page = b.page(&format!("/console/tourism/itinerary?{q}")).await;
    let days = page.texts("section.day h2");
    assert_eq!(days.len(), 2, "{}", page.html());
    let prayers = page.texts("tr.prayer");
    assert_eq!(prayers.len(), 8, "four prayers a day in the day's time");
    assert!(
        prayers
            .iter()
            .all(|r| r.contains("Dhuhr") || r.contains("Asr") || r.contains("Maghrib") || r.contains("Isha"))
    );
    assert!(page.texts("tr.lunch").iter().all(|r| r.contains("(demo)")));
    assert!(page.text().contains("Fajr prayer"), "fajr said to be at the lodging");

    let ics = b
        .get(&format!("/console/tourism/itinerary.ics?{q}"))
        .await
        .expect(StatusCode::OK);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    let text = ics.text();
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo"));
    assert!(text.contains("CATEGORIES:itinerary,prayer,dhuhr"));
    assert!(text.contains("\r\nGEO:"));
    let json = b
        .get(&format!("/console/tourism/itinerary.json?{q}"))
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(json["days"].as_array().unwrap().len(), 2);
    assert!(
        json["days"][0]["items"][0]["start"]
            .as_str()
            .unwrap()
            .ends_with("+09:00")
    );

    // The printable PDF, linked beside the other downloads.
    let href = page.one("#plan-pdf").attr("href").unwrap().to_owned();
    let ics_href = page.one("#plan-ics").attr("href").unwrap().to_owned();
    assert_eq!(
        href.strip_prefix("/console/tourism/itinerary.pdf?"),
        ics_href.strip_prefix("/console/tourism/itinerary.ics?"),
        "the same plan as the calendar file"
    );
    let pdf = b.get(&href).await.expect(StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.header("content-disposition").starts_with("attachment"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    let refused = b.get("/console/tourism/itinerary.pdf?start=1").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        matches!(
            anon.get(&format!("/console/tourism/itinerary.pdf?{q}")).await.status,
            StatusCode::SEE_OTHER | StatusCode::FOUND | StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
        ),
        "a visitor gets no PDF"
    );

    for (lang, word) in [("ja", "ズフルの礼拝"), ("th", "ละหมาดซุฮริ"), ("ms", "Solat Zohor")]
    {
        let mut l = t.staff().await.with_accept_language(lang);
        let page = l.page(&format!("/console/tourism/itinerary?{q}")).await;
        let text = page.text();
        assert!(text.contains(word), "{lang}: {text}");
        for english in [
            "Dhuhr prayer",
            "Lunch",
            "Could start",
            "Plan the itinerary",
            "Prayer times",
        ] {
            assert!(!text.contains(english), "{lang}: English left: {english}");
        }
    }

    let bad = b.page("/console/tourism/itinerary?from=2027-13-40&start=1").await;
    assert!(bad.one("#plan-errors").text.contains("from"));
}
