//! Form tokens belong to the session they were issued for.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::{PASSWORD, STAFF, TestApp};

pub async fn form_tokens_are_bound_to_the_session(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut b = t.browser();
    b.get("/sign-in").await.expect(StatusCode::OK);
    let before = b.csrf();
    b.sign_in(STAFF, PASSWORD).await;
    let mine = b.csrf();
    assert_ne!(before, mine, "signing in issues the session's own token");
    let mut other = t.staff().await;
    let theirs = other.csrf();
    assert_ne!(theirs, mine);

    // The token from before sign-in, even with the cookie set to match it
    // (as a planted cookie would be), is refused.
    for (cookie, form) in [
        (&mine, &before),
        (&before, &before),
        (&theirs, &theirs),
        (&mine, &theirs),
    ] {
        b.set_cookie("kizuna_csrf", Some(cookie));
        let got = b.post_form("/sign-out", &[("csrf", form)]).await;
        assert_eq!(got.status, StatusCode::FORBIDDEN, "cookie {cookie}, form {form}");
        assert!(b.signed_in());
        assert_eq!(b.get("/console").await.status, StatusCode::OK, "still signed in");
        let got = b
            .post_form("/console/courses/new", &[("csrf", form), ("key", "forged")])
            .await;
        assert_eq!(
            got.status,
            StatusCode::FORBIDDEN,
            "a console form: cookie {cookie}, form {form}"
        );
    }
    // The session's own token works, whatever the cookie says.
    b.set_cookie("kizuna_csrf", Some(&before));
    let got = b.post_form("/sign-out", &[("csrf", &mine)]).await;
    assert_eq!(got.status, StatusCode::SEE_OTHER, "{}", got.text());
    assert!(!b.signed_in());
    // The API's session writes are held to the same token.
    let got = other
        .send(
            axum::http::Request::post("/api/v1/localities")
                .header("content-type", "application/json")
                .header("x-csrf-token", &mine),
            axum::body::Body::from(r#"{"key":"x","name_en":"X","country":"JP"}"#),
        )
        .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN, "{}", got.text());
}
