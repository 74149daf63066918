//! The alumni console over the demo data, through the router, on SQLite
//! and PostgreSQL: staff open the follow-ups due, record one (dated
//! before the course ended: refused beside the date, nothing written;
//! then saved, and it leaves the list); the person's history shows the
//! course and the follow-up and is logged; the associations by country
//! and an association's members; the pages in Japanese, Thai and Malay.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kizuna_domain::training::alumni::FollowUp;
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::TestApp;

kizuna_testkit::on_both!(
    staff_record_a_due_follow_up_and_it_leaves_the_list,
    associations_and_their_members,
    history_spans_placements_hours_and_dispatches,
);

async fn follow_ups(t: &TestApp) -> i64 {
    t.app
        .list::<FollowUp>(&BTreeMap::new(), Paging { limit: 1, offset: 0 })
        .await
        .unwrap()
        .1
}

async fn staff_record_a_due_follow_up_and_it_leaves_the_list(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let due = b.page("/console/alumni/due").await;
    let rows = due.count("#due tbody tr");
    assert!(rows > 0, "the demo leaves follow-ups due: {}", due.text());
    let record = due.first("#due tbody tr a.button").attr("href").unwrap().to_owned();
    let person = due.first("#due tbody tr td a").attr("href").unwrap().to_owned();

    let form = b.page(&record).await;
    let fields = form.form("form.stack");
    let before = follow_ups(&t).await;
    // Done long before the course ended: refused beside the date.
    let mut early: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for f in &mut early {
        if f.0 == "done_on" {
            f.1 = "2000-01-03";
        }
    }
    let refused = b
        .submit("/console/follow-ups/new", &early)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        refused.has("#e-done"),
        "the error is beside the date: {}",
        refused.text()
    );
    assert_eq!(follow_ups(&t).await, before, "nothing written");

    let mut good: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    good.push(("notes_en", "Called; the plan is under way"));
    for f in &mut good {
        if f.0 == "progress" {
            f.1 = "in_progress";
        }
    }
    let saved = b
        .submit("/console/follow-ups/new", &good)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(saved.location().starts_with("/console/alumni/due"));
    assert_eq!(follow_ups(&t).await, before + 1);
    let after = b.page("/console/alumni/due").await;
    assert_eq!(after.count("#due tbody tr"), rows - 1);
    assert!(
        !after
            .html()
            .contains(&format!("href=\"{record}\"").replace('&', "&amp;"))
    );

    let history = b.page(&person).await;
    let text = history.text();
    assert!(text.contains("Called; the plan is under way"), "{text}");
    assert!(history.texts("#history td").iter().any(|c| c == "Completed"), "{text}");
}

async fn associations_and_their_members(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let list = b.page("/console/alumni/associations").await;
    assert_eq!(list.count("#associations tbody tr"), 3);
    assert!(list.text().contains("Thailand"), "{}", list.text());
    let href = list.first("#associations tbody tr a").attr("href").unwrap().to_owned();
    let one = b.page(&href).await;
    assert!(one.count("#members tbody tr") >= 1, "{}", one.text());
    for (lang, word) in [("ja", "同窓会"), ("th", "สมาคมศิษย์เก่า"), ("ms", "Persatuan alumni")]
    {
        let mut l = t.staff().await.with_accept_language(lang);
        let p = l.page("/console/alumni/associations").await;
        assert!(p.text().contains(word), "{lang}: {}", p.text());
    }
    // Not for partners.
    let mut p = t.partner().await;
    let r = p.get("/console/alumni/due").await;
    assert_ne!(r.status, StatusCode::OK);
}

/// The demo's FFT volunteer's history shows the placement and its hours;
/// someone dispatched abroad has the dispatch in theirs.
async fn history_spans_placements_hours_and_dispatches(backend: Backend) {
    use kizuna_domain::exchanges::dispatch::Dispatch;
    use kizuna_domain::volunteers::placement::{Placement, Scheme};
    let t = TestApp::demo(backend).await;
    let all = |_: ()| Paging { limit: 500, offset: 0 };
    let fft = t
        .app
        .store
        .select::<Placement>(&[], all(()))
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.fields.scheme == Scheme::Fft)
        .expect("the demo's FFT placement");
    let mut b = t.staff().await;
    let page = b
        .page(&format!("/console/people/{}/history", fft.fields.person_id))
        .await;
    let cells = page.texts("#history td");
    assert!(cells.iter().any(|c| c == "Placement began"), "{cells:?}");
    assert!(page.has(&format!("#history a[href=\"/console/placements/{}\"]", fft.id)));
    let h = t.app.person_history(fft.fields.person_id).await.unwrap();
    let line = h.hours.first().expect("the demo volunteer's hours");
    assert!(page.has("#hours"), "hours shown: {}", page.text());
    assert!(line.approved_minutes > 0);
    let dispatched = t
        .app
        .store
        .select::<Dispatch>(&[], all(()))
        .await
        .unwrap()
        .into_iter()
        .find(|d| !d.fields.person_ids.is_empty());
    if let Some(d) = dispatched {
        let page = b
            .page(&format!("/console/people/{}/history", d.fields.person_ids[0]))
            .await;
        assert!(
            page.has(&format!("#history a[href=\"/console/dispatches/{}\"]", d.id)),
            "{}",
            page.text()
        );
    }
}
