//! API tokens: a read-only token reads and is refused every write; an
//! expired or revoked token is refused exactly like a wrong one; the
//! administrators' page makes (shows once), lists and revokes tokens.

use axum::http::StatusCode;
use chrono::TimeDelta;
use kizuna_domain::common::access::TokenScope;
use kizuna_domain::common::programme::Programme;
use kizuna_store::Backend;
use kizuna_testkit::{STAFF, TestApp};
use serde_json::json;

pub(crate) async fn a_read_only_token_only_reads(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let read = t
        .app
        .create_scoped_token(STAFF, "dashboard", TokenScope::Read, Some(30))
        .await
        .expect("a token");
    let mut api = t.browser().with_token(&read.token);
    let person = api.get("/api/v1/people/1").await.expect(StatusCode::OK);
    let version = person.json()["version"].as_i64().expect("a version");
    api.send(axum::http::Request::head("/api/v1/people"), axum::body::Body::empty())
        .await
        .expect(StatusCode::OK);
    // The record as input: its fields without id, version and office.
    let mut body = person.json();
    for k in ["id", "version", "office_id"] {
        body.as_object_mut().expect("an object").remove(k);
    }
    for got in [
        api.json("POST", "/api/v1/organisations", Some(&json!({}))).await,
        api.put_json("/api/v1/people/1", version, &body).await,
        api.json("DELETE", "/api/v1/people/1", None).await,
        api.raw("POST", "/api/v1/imports/trainees?dry_run=true", "text/csv", "x")
            .await,
    ] {
        assert_eq!(got.status, StatusCode::FORBIDDEN, "{}", got.text());
        assert_eq!(got.json()["error"]["code"], "read_only_token");
    }
    api.get("/api/v1/people/1").await.expect(StatusCode::OK);
    assert_eq!(
        api.get("/api/v1/people/1").await.json()["version"].as_i64(),
        Some(version),
        "nothing was written"
    );
    // Nor does it act as a signed-in person on a page's form.
    let mut page = t.browser().with_token(&read.token);
    page.get("/sign-in").await;
    let a = page
        .submit("/console/courses/new", &[("key", "sneaky"), ("title_en", "Sneaky")])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "sent to sign in");
    assert!(a.location().starts_with("/sign-in"));
    assert!(
        t.app.by_key::<Programme>("sneaky").await.is_err(),
        "no course was added"
    );
    // A read-write token writes, as tokens always could.
    let write = t
        .app
        .create_scoped_token(STAFF, "sync", TokenScope::Write, Some(30))
        .await
        .expect("a token");
    let mut api = t.browser().with_token(&write.token);
    api.put_json("/api/v1/people/1", version, &body)
        .await
        .expect(StatusCode::OK);
}

pub(crate) async fn expired_and_revoked_tokens_are_refused_like_wrong_ones(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let wrong = t
        .browser()
        .with_token(&"0".repeat(64))
        .get("/api/v1/people")
        .await
        .expect(StatusCode::UNAUTHORIZED);
    let short = t
        .app
        .create_scoped_token(STAFF, "a day", TokenScope::Write, Some(1))
        .await
        .expect("a token");
    let long = t
        .app
        .create_scoped_token(STAFF, "a year", TokenScope::Write, Some(365))
        .await
        .expect("a token");
    let mut short_api = t.browser().with_token(&short.token);
    let mut long_api = t.browser().with_token(&long.token);
    short_api.get("/api/v1/people").await.expect(StatusCode::OK);
    t.clock.advance(TimeDelta::days(1) - TimeDelta::seconds(1));
    short_api.get("/api/v1/people").await.expect(StatusCode::OK);
    t.clock.advance(TimeDelta::seconds(1));
    let expired = short_api.get("/api/v1/people").await;
    assert_eq!(
        (expired.status, expired.body.clone()),
        (wrong.status, wrong.body.clone()),
        "expired = wrong"
    );
    long_api.get("/api/v1/people").await.expect(StatusCode::OK);
    t.app.revoke_token(long.id).await.expect("revoked");
    let revoked = long_api.get("/api/v1/people").await;
    assert_eq!(
        (revoked.status, revoked.body.clone()),
        (wrong.status, wrong.body.clone()),
        "revoked = wrong"
    );
    // The list says which is which; nothing in it is a secret.
    let rows = t.app.tokens(Some(STAFF)).await.expect("tokens");
    let now = t.app.now();
    assert!(rows.iter().all(|r| !r.active(now)));
    let mut admin = t.admin().await;
    let page = admin.page("/admin/tokens").await;
    assert!(!page.html().contains(&short.token) && !page.html().contains(&long.token));
    assert_eq!(page.count("#tokens tbody tr"), 2);
    assert!(!page.has("#tokens a[href$='/revoke']"), "nothing left to revoke");
}

pub(crate) async fn tokens_are_made_listed_and_revoked_on_the_page(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut admin = t.admin().await;
    let form = admin.page("/admin/tokens").await;
    assert_eq!(
        form.one("input[name=days]").attr("value"),
        Some("90"),
        "90 days unless told"
    );
    // Bad values are named beside their fields.
    let bad = admin
        .submit(
            "/admin/tokens",
            &[("user", STAFF), ("name", " "), ("scope", "root"), ("days", "0")],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert_eq!(bad.count(".field-error"), 3, "{}", bad.text());
    let bad = admin
        .submit(
            "/admin/tokens",
            &[
                ("user", "nobody@example.org"),
                ("name", "x"),
                ("scope", "read"),
                ("days", "4000"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert_eq!(bad.count(".field-error"), 2, "{}", bad.text());

    let shown = admin
        .submit(
            "/admin/tokens",
            &[
                ("user", STAFF),
                ("name", "nightly report"),
                ("scope", "read"),
                ("days", "7"),
            ],
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(shown.header("cache-control"), "no-store");
    let token = shown.page().one("#secret").text.trim().to_owned();
    assert_eq!(token.len(), 64);
    let mut api = t.browser().with_token(&token);
    api.get("/api/v1/people").await.expect(StatusCode::OK);
    assert_eq!(
        api.json("DELETE", "/api/v1/people/1", None).await.status,
        StatusCode::FORBIDDEN
    );

    let list = admin.page("/admin/tokens").await;
    let row = list.one("#tokens tbody tr");
    assert!(
        row.text.contains("nightly report") && row.text.contains(STAFF),
        "{}",
        row.text
    );
    let id = row.attr("data-token").expect("an id").to_owned();
    t.clock.advance(TimeDelta::hours(1));
    admin.page(&format!("/admin/tokens/{id}/revoke")).await;
    let done = admin
        .submit(&format!("/admin/tokens/{id}/revoke"), &[])
        .await
        .expect(StatusCode::SEE_OTHER);
    admin.page(done.location()).await;
    assert_eq!(api.get("/api/v1/people").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        admin.get("/admin/tokens/999999/revoke").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.submit("/admin/tokens/nope/revoke", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}
