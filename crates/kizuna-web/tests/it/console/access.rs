//! Who may use the console: nobody anonymous, no partner, and no form
//! without its token.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kizuna_domain::common::programme::Programme;
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::TestApp;

pub(crate) async fn anonymous_visitors_are_sent_to_sign_in(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.browser();
    for path in [
        "/console",
        "/console/trainees",
        "/console/trainees.csv",
        "/console/import",
        "/console/people/1",
    ] {
        let a = b.get(path).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{path}");
        assert!(a.location().starts_with("/sign-in?next="), "{path} → {}", a.location());
    }
    // A form posted without signing in never writes.
    let before = programmes(&t).await;
    let a = b
        .post_form(
            "/console/courses/new",
            &[("csrf", "x"), ("key", "sneaky"), ("title_en", "Sneaky")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(programmes(&t).await, before);
}

pub(crate) async fn partners_are_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut partner = t.partner().await;
    assert_eq!(partner.get("/console/trainees").await.status, StatusCode::FORBIDDEN);
}

pub(crate) async fn forms_without_the_token_are_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let before = programmes(&t).await;
    let a = b
        .post_form(
            "/console/courses/new",
            &[("csrf", "not-the-token"), ("key", "x-course"), ("title_en", "X")],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(programmes(&t).await, before);
}

async fn programmes(t: &TestApp) -> i64 {
    t.app
        .list::<Programme>(&BTreeMap::new(), Paging::default())
        .await
        .expect("programmes")
        .1
}
