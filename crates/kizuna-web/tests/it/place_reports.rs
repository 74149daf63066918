//! What a visitor reads before going and how they report a problem, through
//! the router on SQLite and PostgreSQL: the visitor details say only what
//! is known (and what is not, once), in the reader's language; the console
//! form keeps the Friday prayer, ways to pay and price range; "report a
//! problem" needs no account, checks its form token, drops a bot's report,
//! answers 429 after five reports an hour; staff see the open reports with
//! their contacts and close them with a note, others never see them.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use axum::http::StatusCode;
use kizuna_domain::map::place::PlaceFields;
use kizuna_domain::map::report::ReportStatus;
use kizuna_store::{AuditFilter, Backend};
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(
    visitor_details_say_only_what_is_known,
    the_console_form_keeps_the_visitor_details,
    a_report_needs_no_account_is_limited_and_reaches_staff_only,
);

fn mosque() -> PlaceFields {
    PlaceFields {
        name_en: Some("Test Masjid".into()),
        name_ja: Some("テストマスジド".into()),
        category: Some("mosque".into()),
        lat: Some(43.0712),
        lon: Some(141.3363),
        assurance: Some("unknown".into()),
        prayer_space: Some(true),
        wudu: Some(true),
        women_space: Some(true),
        jumuah_time: Some("12:15".into()),
        jumuah_second_time: Some("13:30".into()),
        jumuah_note_en: Some("Sermon in Arabic and English".into()),
        ..Default::default()
    }
}

fn restaurant() -> PlaceFields {
    PlaceFields {
        name_en: Some("Test Halal Ramen".into()),
        category: Some("restaurant".into()),
        lat: Some(43.0679),
        lon: Some(141.3517),
        assurance: Some("certified".into()),
        certifier: Some("Hokkaido Halal Board (test)".into()),
        certificate_number: Some("HHB-1".into()),
        certificate_valid_from: Some("2026-01-01".into()),
        certificate_valid_until: Some("2027-06-30".into()),
        alcohol_served: Some(false),
        payment: Some("cash;credit_card".into()),
        price_range: Some(2),
        ..Default::default()
    }
}

async fn visitor_details_say_only_what_is_known(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let masjid = t.app.create_place(mosque()).await.unwrap().id;
    let ramen = t.app.create_place(restaurant()).await.unwrap().id;
    let mut b = t.browser();

    let page = b.page(&format!("/map/places/{masjid}")).await;
    let jumuah = page.one("#visitor-jumuah").text;
    assert!(jumuah.contains("12:15") && jumuah.contains("13:30"), "{jumuah}");
    assert!(jumuah.contains("Sermon in Arabic and English"), "{jumuah}");
    let prayer = page.one("#visitor-prayer").text;
    assert!(prayer.contains("Wudu") && prayer.contains("women"), "{prayer}");
    // Alcohol is not known; a mosque has no price range or ways to pay to ask about.
    assert_eq!(page.count("#visitor-not-known"), 1);
    let unknown = page.one("#visitor-not-known").text;
    assert!(unknown.contains("whether alcohol is served"), "{unknown}");
    assert!(!unknown.contains("price") && !unknown.contains("pay"), "{unknown}");
    assert!(!page.has("#visitor-payment") && !page.has("#visitor-price"));
    assert_eq!(
        page.one("#place-report").attr("href"),
        Some(format!("/map/places/{masjid}/report").as_str())
    );

    let page = b.page(&format!("/map/places/{ramen}")).await;
    let halal = page.one("#visitor-halal").text;
    assert!(halal.contains("Hokkaido Halal Board (test)"), "{halal}");
    assert!(halal.contains("2027"), "the expiry is shown: {halal}");
    assert_eq!(page.one("#visitor-alcohol").text, "No alcohol is served here.");
    let pay = page.one("#visitor-payment").text;
    assert!(
        pay.contains("Cash") && pay.contains("Credit cards") && !pay.contains("QR"),
        "{pay}"
    );
    assert_eq!(page.one("#visitor-price").text, "¥¥ · moderate");
    assert!(!page.has("#visitor-not-known"), "everything a visitor checks is known");

    // In Malay and Japanese, the same facts in the reader's words.
    let page = b.page(&format!("/map/places/{ramen}?lang=ms")).await;
    assert!(page.one("#visitor-payment").text.contains("Tunai"));
    assert_eq!(page.one("#visitor-price").text, "¥¥ · sederhana");
    let page = b.page(&format!("/map/places/{masjid}?lang=ja")).await;
    assert!(page.one("#visitor-jumuah").text.contains("12:15開始"));
    assert_eq!(page.one("#place-report").text, "この場所の問題を報告する");
}

async fn the_console_form_keeps_the_visitor_details(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut staff = t.staff().await;
    staff.page("/console/places/new").await;
    let base = [
        ("name_en", "Form Masjid"),
        ("category", "mosque"),
        ("lat", "43.07"),
        ("lon", "141.34"),
        ("assurance", "unknown"),
        ("source", "staff"),
    ];
    // A second prayer before the first is refused beside its field, the
    // ticked ways to pay kept.
    let mut bad: Vec<(&str, &str)> = base.to_vec();
    bad.extend([
        ("jumuah_time", "13:00"),
        ("jumuah_second_time", "12:00"),
        ("payment", "cash"),
        ("payment", "qr_code"),
    ]);
    let got = staff.submit("/console/places/new", &bad).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", got.text());
    let page = got.page();
    assert!(page.has("#f-jumuah_second_time[aria-invalid=true]"));
    let checked: Vec<String> = page
        .select("input[name=payment][checked]")
        .into_iter()
        .filter_map(|e| e.attr("value").map(ToString::to_string))
        .collect();
    assert_eq!(checked, ["cash", "qr_code"]);

    let mut good: Vec<(&str, &str)> = base.to_vec();
    good.extend([
        ("jumuah_time", "12:10"),
        ("jumuah_note_ms", "Khutbah dalam bahasa Arab"),
        ("payment", "cash"),
        ("payment", "ic_card"),
        ("price_range", "1"),
    ]);
    let got = staff.submit("/console/places/new", &good).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.text());
    let edit = got.location().to_owned();
    let place = t
        .app
        .store
        .all_places()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name(&["en"]) == "Form Masjid")
        .unwrap();
    let flat = PlaceFields::from(&place.fields);
    assert_eq!(flat.jumuah_time.as_deref(), Some("12:10"));
    assert_eq!(flat.jumuah_note_ms.as_deref(), Some("Khutbah dalam bahasa Arab"));
    assert_eq!(flat.payment.as_deref(), Some("cash;ic_card"));
    assert_eq!(flat.price_range, Some(1));
    let page = staff.page(&edit).await;
    assert_eq!(page.one("#f-jumuah_time").attr("value"), Some("12:10"));
    assert!(page.has("input[name=payment][value=ic_card][checked]"));
    assert!(!page.has("input[name=payment][value=credit_card][checked]"));
    assert!(page.has("#f-price_range option[value='1'][selected]"));
}

async fn open_reports(t: &TestApp) -> usize {
    t.app.store.place_reports(Some(ReportStatus::Open)).await.unwrap().len()
}

async fn a_report_needs_no_account_is_limited_and_reaches_staff_only(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let id = t.app.create_place(restaurant()).await.unwrap().id;
    let uri = format!("/map/places/{id}/report");
    let mut visitor = t.browser();
    let page = visitor.page(&uri).await;
    assert_eq!(page.count("input[name=kind]"), 5);
    assert!(page.has("#r-contact"), "a contact field, marked optional");
    assert!(page.one("label[for=r-contact]").text.contains("optional"));

    // The form token is checked as on every public form.
    let got = visitor
        .post_form(&uri, &[("kind", "wrong_hours"), ("text", "forged")])
        .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    // "Something else" needs a text; the form comes back with the problem beside it.
    let got = visitor.submit(&uri, &[("kind", "other"), ("text", " ")]).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got.page().has("#e-text"));
    let long = "x".repeat(1_001);
    let got = visitor.submit(&uri, &[("kind", "wrong_hours"), ("text", &long)]).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A bot fills the hidden field: thanked, and nothing is kept.
    let got = visitor
        .submit(
            &uri,
            &[
                ("kind", "other"),
                ("text", "buy now"),
                ("homepage", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    assert_eq!(open_reports(&t).await, 0);

    let got = visitor
        .submit(
            &uri,
            &[
                ("kind", "wrong_hours"),
                ("text", "Closed on Tuesdays now"),
                ("contact", "visitor@example.org"),
            ],
        )
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let thanks = visitor.page(got.location()).await;
    assert!(thanks.has("#report-sent"));
    for i in 0..4 {
        let text = format!("Report {i}");
        let got = visitor.submit(&uri, &[("kind", "other"), ("text", &text)]).await;
        assert_eq!(got.status, StatusCode::SEE_OTHER, "report {i}");
    }
    assert_eq!(open_reports(&t).await, 5);
    // The sixth within the hour: 429, when to try again, in the reader's language.
    let got = visitor.submit(&uri, &[("kind", "wrong_location")]).await;
    assert_eq!(got.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(got.header("retry-after"), "3600");
    assert!(got.page().text().contains("try again in 60 minutes"), "{}", got.text());
    visitor.page(&format!("/map/places/{id}?lang=th")).await;
    let got = visitor.submit(&uri, &[("kind", "wrong_location")]).await;
    assert_eq!(got.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(got.page().text().contains("60 นาที"), "{}", got.text());
    assert_eq!(open_reports(&t).await, 5, "nothing kept over the limit");
    // An hour later the visitor may report again.
    t.clock.advance(chrono::Duration::minutes(61));
    let got = visitor.submit(&uri, &[("kind", "closed_permanently")]).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);

    // The contact is for staff only: not on the public page, not for a partner.
    let public = t.browser().page(&format!("/map/places/{id}")).await;
    assert!(!public.text().contains("visitor@example.org"));
    let mut partner = t.partner().await;
    let got = partner.get("/console/places/reports").await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert!(!got.text().contains("visitor@example.org"));
    let got = t.browser().get("/console/places/reports").await;
    assert_eq!(
        got.status,
        StatusCode::SEE_OTHER,
        "anonymous visitors are sent to sign in"
    );

    // Staff find the queue from the places list, the reports by place, the contact shown.
    let mut staff = t.staff().await;
    let list = staff.page("/console/places").await;
    assert_eq!(list.one("#reports-link").attr("href"), Some("/console/places/reports"));
    let queue = staff.page("/console/places/reports").await;
    assert_eq!(queue.count(&format!("#reports-place-{id} article.report")), 6);
    let first = t.app.store.place_reports(Some(ReportStatus::Open)).await.unwrap()[0].clone();
    let row = queue.one(&format!("#report-{}", first.id));
    assert!(row.text.contains("Closed on Tuesdays now") && row.text.contains("visitor@example.org"));
    // Closing needs a note; then the report leaves the queue, its contact goes,
    // and the audit log names the staff account.
    let close = format!("/console/places/reports/{}", first.id);
    let got = staff.submit(&close, &[("action", "resolve"), ("note", "")]).await;
    assert_eq!(got.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(got.page().has(&format!("#e-note-{}", first.id)));
    let got = staff
        .submit(&close, &[("action", "resolve"), ("note", "Hours updated")])
        .await;
    assert_eq!(got.status, StatusCode::SEE_OTHER);
    let queue = staff.page(got.location()).await;
    assert!(queue.has("#notice"));
    assert!(!queue.has(&format!("#report-{}", first.id)));
    assert!(!queue.text().contains("visitor@example.org"));
    let closed = t.app.store.place_report(first.id).await.unwrap().unwrap();
    assert_eq!(closed.status, ReportStatus::Resolved);
    assert_eq!(closed.contact, None);
    let (entries, _) = t
        .app
        .store
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
    assert!(entries[0].actor_user_id.is_some());
}
