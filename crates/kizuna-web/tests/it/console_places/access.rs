//! Who may use the staff pages of the map, and forms without their token.

use axum::http::StatusCode;
use kizuna_domain::map::place::Place;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;

use super::{place_by_source_id, places_total};

pub(crate) async fn anonymous_visitors_sign_in_and_partners_are_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let some = place_by_source_id(&t.app, "hakodate-05").await;
    let pages = [
        "/console/places".to_owned(),
        "/console/places/new".to_owned(),
        "/console/places/review".to_owned(),
        "/console/places/import".to_owned(),
        format!("/console/places/{}/edit", some.id),
        format!("/console/places/{}/delete", some.id),
    ];
    let mut b = t.browser();
    for path in &pages {
        let a = b.get(path).await.expect(StatusCode::SEE_OTHER);
        assert!(a.location().starts_with("/sign-in?next="), "{path} → {}", a.location());
    }
    // Writes without signing in change nothing (the form token is good).
    b.page("/sign-in").await;
    let verify = format!("/console/places/{}/verify", some.id);
    b.submit(&verify, &[]).await.expect(StatusCode::SEE_OTHER);
    b.submit(&format!("/console/places/{}/delete", some.id), &[])
        .await
        .expect(StatusCode::SEE_OTHER);
    let same = t.app.get::<Place>(some.id).await.expect("still there");
    assert_eq!(same.fields.last_verified, some.fields.last_verified);

    // A partner account may not use them.
    let mut b = t.partner().await;
    for path in &pages {
        let refused = b.get(path).await.expect(StatusCode::FORBIDDEN).page();
        assert_eq!(refused.one("h1").text, "Not allowed", "{path}: the refusal is a page");
    }
    b.submit(&verify, &[]).await.expect(StatusCode::FORBIDDEN);
    b.submit("/console/places/new", &[("name_en", "Sneaky")])
        .await
        .expect(StatusCode::FORBIDDEN);
    b.submit_multipart("/console/places/import", &[], Some(("p.geojson", b"{}")))
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(places_total(&t.app).await, 60);
    let same = t.app.get::<Place>(some.id).await.expect("still there");
    assert_eq!(same.fields.last_verified, some.fields.last_verified);
}

pub(crate) async fn forms_without_the_token_are_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let stale = place_by_source_id(&t.app, "hakodate-05").await;
    b.post_form(
        &format!("/console/places/{}/verify", stale.id),
        &[("csrf", "not-the-token")],
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    b.post_form(
        "/console/places/new",
        &[
            ("csrf", "forged"),
            ("name_en", "Forged (demo)"),
            ("category", "cafe"),
            ("lat", "43"),
            ("lon", "141"),
            ("assurance", "unknown"),
        ],
    )
    .await
    .expect(StatusCode::FORBIDDEN);
    b.post_form(&format!("/console/places/{}/delete", stale.id), &[("csrf", "")])
        .await
        .expect(StatusCode::FORBIDDEN);
    assert_eq!(places_total(&t.app).await, 60);
    assert_eq!(
        t.app.get::<Place>(stale.id).await.expect("kept").fields.last_verified,
        stale.fields.last_verified
    );
}
