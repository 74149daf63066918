//! The console in Japanese, Thai and Malay: no English interface text left.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::participation::Participation;
use kizuna_domain::training::session::Session;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Page, TestApp};

use super::{edition_by_key, one, trainee_csv};

pub(crate) async fn other_languages_show_no_english_console_strings(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition_by_key(&t.app, "gmrdp/fy2007").await;
    let sessions = t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::default())
        .await
        .expect("sessions")
        .0;
    let coordinator = t
        .app
        .list::<Participation>(&one("role", "coordinator"), Paging::default())
        .await
        .expect("c")
        .0[0]
        .fields
        .person_id;
    // English data shown as is (course, session and organisation names) is not UI text.
    let mut data: Vec<String> = Vec::new();
    for p in t
        .app
        .list::<Programme>(&BTreeMap::new(), Paging { limit: 1000, offset: 0 })
        .await
        .expect("p")
        .0
    {
        data.extend(p.fields.title.get("en").map(ToString::to_string));
        data.extend(
            p.fields
                .summary
                .as_ref()
                .and_then(|s| s.get("en"))
                .map(ToString::to_string),
        );
    }
    for s in &sessions {
        data.extend(s.fields.title.get("en").map(ToString::to_string));
        data.extend(s.fields.place.as_ref().map(ToString::to_string));
    }
    // The trainees' action plans, shown beside their names.
    for (pa, _) in t.app.edition_roster(e.id).await.expect("the roster") {
        data.extend(pa.fields.action_plan_title.as_ref().map(ToString::to_string));
    }
    for o in t
        .app
        .list::<Organisation>(
            &BTreeMap::new(),
            Paging {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .expect("o")
        .0
    {
        data.extend(o.fields.name.get("en").map(ToString::to_string));
    }
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));

    let console_en = CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == "en" && *f == "console")
        .expect("en console")
        .2;
    let ids = message_ids(console_en);
    assert!(ids.len() > 100, "the console catalogue is loaded");
    let bad_csv = trainee_csv(&["Testname,Ana,,,female,XX,,,,,gmrdp/fy2007,completed,,,"]);

    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages: Vec<(String, Page)> = Vec::new();
        for path in [
            "/console".to_owned(),
            "/console/courses".to_owned(),
            "/console/courses/new".to_owned(),
            format!("/console/editions/{}", e.id),
            format!("/console/editions/{}/edit", e.id),
            format!("/console/editions/new?programme_id={}", e.fields.programme_id),
            format!("/console/sessions/{}/attendance", sessions[0].id),
            "/console/trainees".to_owned(),
            "/console/trainees?status=withdrawn".to_owned(),
            "/console/trainees?country=XX".to_owned(),
            format!("/console/people/{coordinator}"),
            "/console/import".to_owned(),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = b.page(&format!("{path}{sep}lang={code}")).await;
            assert_eq!(page.lang(), code, "{path}");
            pages.push((path, page));
        }
        // Pages that answer a form, in the language chosen (kept in a cookie).
        let pid = e.fields.programme_id.to_string();
        let form = b
            .submit(
                "/console/editions/new",
                &[
                    ("programme_id", &pid),
                    ("key", "Bad Key"),
                    ("fiscal_year", "x"),
                    ("scope", ""),
                    ("target_countries", "XX"),
                    ("starts_on", "no"),
                    ("ends_on", ""),
                    ("capacity", "-1"),
                ],
            )
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        assert_eq!(form.lang(), code);
        pages.push(("edition form with errors".into(), form));
        let import = b
            .submit_multipart("/console/import", &[], Some(("t.csv", &bad_csv)))
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        assert_eq!(import.lang(), code);
        pages.push(("import with errors".into(), import));

        for (path, page) in &pages {
            let mut text = page.readable();
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            let left = english_left(lang, &ids, &text);
            assert!(left.is_empty(), "{code} {path}: English on the page: {left:?}");
        }
    }
}
