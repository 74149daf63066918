//! The trainee list (pages, filters, downloads) and a person's page.

use std::collections::HashSet;

use axum::http::{StatusCode, header};
use kizuna_app::training::console::TraineeQuery;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::common::person::Person;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole, ParticipationStatus};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::TestApp;

use super::{edition_by_key, field, one, rows};

pub(crate) async fn the_trainee_list_pages_filters_and_downloads(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let page = b.page("/console/trainees").await;
    let lines = page.select("table#trainees > tbody > tr");
    assert_eq!(lines.len(), 50, "50 rows a page");
    for tr in &lines {
        assert_eq!(
            tr.select("a[href^='/console/people/']").len(),
            1,
            "each links to its person: {}",
            tr.html
        );
    }
    assert!(page.has("table#trainees th[scope=col]"));
    let next = page.one("nav.pager a[rel=next]");
    assert!(next.attr("href").is_some_and(|h| h.contains("offset=50")), "{next:?}");
    let (_, total) = t
        .app
        .trainee_drilldown(&Default::default(), Paging { limit: 1, offset: 0 })
        .await
        .expect("total");
    assert!(
        page.one("#trainee-total")
            .text
            .contains(&kizuna_i18n::number(i128::from(total)))
    );

    let second = b.page("/console/trainees?offset=50").await;
    assert!(second.has("nav.pager a[rel=prev]"));

    // Filters: Thailand in FY2007; then withdrawals (which the statistics do not count).
    let e = edition_by_key(&t.app, "gmrdp/fy2007").await;
    let thai = b
        .page(&format!(
            "/console/trainees?fiscal_year=2007&country=TH&programme_id={}",
            e.fields.programme_id
        ))
        .await;
    let thai_rows = rows(&thai, "table#trainees");
    assert!((1..50).contains(&thai_rows.len()), "{}", thai_rows.len());
    assert!(!thai.has("[rel=next]"));
    let w = b.page("/console/trainees?status=withdrawn").await;
    let withdrawn = t
        .app
        .list::<Participation>(&one("status", "withdrawn"), Paging::default())
        .await
        .expect("withdrawn")
        .1;
    assert!(withdrawn > 0);
    assert_eq!(
        i64::try_from(w.count("table#trainees > tbody > tr")).expect("a count"),
        withdrawn.min(50)
    );
    assert!(w.has(".badge.withdrawn"));
    let asia = b
        .page("/console/trainees?status=completed&region=asia&fiscal_year=2007")
        .await;
    assert!(asia.has(".badge.completed"));
    // By status within a fiscal year: every participation once, across pages, newest edition first.
    let fy2007: Vec<Edition> = t
        .app
        .list::<Edition>(&one("fiscal_year", 2007), Paging::default())
        .await
        .expect("eds")
        .0;
    let mut expected = 0;
    for ed in &fy2007 {
        let mut f = one("edition_id", ed.id);
        f.insert("status".into(), "completed".into());
        f.insert("role".into(), "trainee".into());
        expected += t
            .app
            .list::<Participation>(&f, Paging { limit: 1, offset: 0 })
            .await
            .expect("count")
            .1;
    }
    let q = TraineeQuery {
        fiscal_year: Some(FiscalYear::new(2007).expect("a year")),
        status: Some(ParticipationStatus::Completed),
        ..Default::default()
    };
    let mut seen = HashSet::new();
    let mut offset = 0;
    loop {
        let (rows, total) = t
            .app
            .console_trainees(&q, Paging { limit: 7, offset })
            .await
            .expect("a page");
        assert_eq!(total, expected);
        if rows.is_empty() {
            break;
        }
        for r in rows {
            let (e, _) = r.participation.expect("by status, each row names its edition");
            assert_eq!(e.fiscal_year, 2007);
            assert!(seen.insert((e.id, r.person.id)), "no row twice");
        }
        offset += 7;
    }
    assert_eq!(i64::try_from(seen.len()).expect("a count"), expected);
    // A bad filter is named beside it, not a crash.
    let bad = b.page("/console/trainees?country=XX").await;
    assert!(field(&bad, "country").has(".field-error"));
    assert_eq!(bad.one("#f-country").attr("aria-invalid"), Some("true"));

    // Downloads of the same rows: personal data in bulk, for administrators
    // only (staff see no download links and are refused).
    assert!(b.page("/console/trainees").await.select("a[download]").is_empty());
    for path in ["/console/trainees.csv", "/console/trainees.xlsx"] {
        assert_eq!(b.get(path).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let mut b = t.admin().await;
    assert_eq!(b.page("/console/trainees").await.select("a[download]").len(), 2);
    let csv = b
        .get("/console/trainees.csv?fiscal_year=2007&country=TH")
        .await
        .expect(StatusCode::OK);
    assert!(csv.header(header::CONTENT_TYPE).starts_with("text/csv"));
    let text = csv.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("family_name,given_name"));
    assert_eq!(
        lines.len() - 1,
        thai_rows.len(),
        "the CSV holds the rows the page lists"
    );
    assert!(lines[1..].iter().all(|l| l.contains(",TH,")));
    let xlsx = b
        .get("/console/trainees.xlsx?status=withdrawn")
        .await
        .expect(StatusCode::OK);
    assert!(
        xlsx.header(header::CONTENT_DISPOSITION).contains("trainees.xlsx"),
        "an XLSX attachment"
    );
}

pub(crate) async fn a_person_page_lists_every_role(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let coordinators = t
        .app
        .list::<Participation>(&one("role", "coordinator"), Paging::default())
        .await
        .expect("coordinators")
        .0;
    let mut found = None;
    for c in &coordinators {
        let roles = t.app.roles_of(c.fields.person_id).await.expect("roles");
        if roles.iter().any(|r| r.role == ParticipationRole::Trainee) {
            found = Some((c.fields.person_id, roles));
            break;
        }
    }
    let (person_id, roles) = found.expect("the demo has an alumnus who came back as a coordinator");
    assert!(roles.len() >= 2);
    let page = b.page(&format!("/console/people/{person_id}")).await;
    let table = rows(&page, "table#roles");
    assert_eq!(table.len(), roles.len());
    let role_cells: Vec<&str> = table.iter().map(|r| r[3].as_str()).collect();
    assert!(
        role_cells.contains(&"Trainee") && role_cells.contains(&"Coordinator"),
        "{role_cells:?}"
    );
    for r in &roles {
        assert!(page.has(&format!("table#roles a[href='/console/editions/{}']", r.edition_id)));
    }
    let person = t.app.get::<Person>(person_id).await.expect("the person");
    let nationality = person.fields.nationality.country();
    assert!(page.text().contains(nationality.name_en));
    assert!(
        page.texts("dt").iter().any(|d| d == "Date of birth"),
        "staff see personal data"
    );
    let ja = b.page(&format!("/console/people/{person_id}?lang=ja")).await.text();
    assert!(ja.contains(nationality.name_ja), "the country in the page's language");
    assert!(ja.contains("コーディネーター"));
    assert_eq!(b.get("/console/people/0").await.status, StatusCode::NOT_FOUND);
}
