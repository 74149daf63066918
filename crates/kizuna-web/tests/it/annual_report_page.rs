//! The annual report in the console, on SQLite and PostgreSQL with the
//! demo: staff choose FY2007 and see the report saying 680 trainees from
//! 57 countries, in the report's language whatever the page's (the four of
//! them, no English left in the others), with its charts inline; the PDF,
//! HTML and JSON downloads are the same report; a fiscal year that cannot
//! be read is said beside the form; visitors are sent to sign in.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(staff_read_and_download_the_annual_report);

async fn staff_read_and_download_the_annual_report(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut anon = kizuna_testkit::Browser::new(t.router.clone());
    for path in [
        "/console/reports/annual?fy=2007",
        "/console/reports/annual.pdf?fy=2007",
        "/console/reports/annual.json?fy=2007",
    ] {
        let a = anon.get(path).await;
        assert!(
            matches!(
                a.status,
                StatusCode::SEE_OTHER | StatusCode::FOUND | StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
            ),
            "{path}: {:?}",
            a.status
        );
    }

    let mut b = t.staff().await;
    let empty = b.page("/console/reports/annual").await;
    assert!(empty.has("#annual-form"));
    assert!(!empty.has("article.annual-report"));

    let page = b.page("/console/reports/annual?fy=2007&lang=en").await;
    let lead = page.one("#cumulative").text;
    assert!(
        lead.contains("680 trainees from 57 countries cumulative as of 31 March 2008"),
        "{lead}"
    );
    assert!(page.count("article.annual-report svg") >= 2, "two charts");
    assert!(page.html().contains("data:image/"), "the year's photos inline");

    let json = b
        .get("/console/reports/annual.json?fy=2007&lang=ja")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(json["trainees"]["cumulative_trainees"], 680);
    assert_eq!(json["trainees"]["cumulative_countries"], 57);
    assert_eq!(json["lang"], "ja");

    let href = page.one("#annual-pdf").attr("href").unwrap().to_owned();
    assert_eq!(href, "/console/reports/annual.pdf?fy=2007&lang=en");
    let pdf = b.get(&href).await.expect(StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(
        pdf.header("content-disposition")
            .contains("annual-report-fy2007-en.pdf")
    );
    assert!(pdf.body.starts_with(b"%PDF-"));
    let html = b
        .get(page.one("#annual-html").attr("href").unwrap())
        .await
        .expect(StatusCode::OK);
    assert!(html.text().starts_with("<!DOCTYPE html>"));
    assert!(html.text().contains("680 trainees from 57 countries"));

    for (lang, words) in [
        ("ja", "累計 57 か国から 680 名の研修員"),
        ("th", "ผู้รับการฝึกอบรมสะสม 680 คนจาก 57 ประเทศ"),
        ("ms", "680 pelatih dari 57 negara secara kumulatif"),
    ] {
        let mut l = t.staff().await.with_accept_language(lang);
        // The report in the page's language when none is chosen.
        let page = l.page("/console/reports/annual?fy=平成19年度").await;
        let text = page.text();
        assert!(text.contains(words), "{lang}: {text}");
        for english in [
            "Annual report",
            "Delegations received",
            "None recorded",
            "Download PDF",
            "Fiscal year",
            "Trainees by fiscal year",
        ] {
            assert!(!text.contains(english), "{lang}: English left: {english}");
        }
    }

    let bad = b.page("/console/reports/annual?fy=someday").await;
    assert!(bad.has("#annual-error"));
    assert!(!bad.has("article.annual-report"));
    let refused = b.get("/console/reports/annual.pdf?fy=someday").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}
