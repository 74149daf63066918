//! Too many failed sign-ins: 429 with `Retry-After`, said in the reader's
//! language, lifted when the wait is over (the policy and its attacks are
//! tested through the application in kizuna-app/tests/sign_in_limits.rs).

use axum::http::{StatusCode, header};
use kizuna_store::Backend;
use kizuna_testkit::{PASSWORD, STAFF, TestApp};

pub async fn too_many_failures_wait_with_retry_after(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut b = t.browser();
    for _ in 0..5 {
        b.try_sign_in(STAFF, "not the password at all")
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
    let waits = b.try_sign_in(STAFF, PASSWORD).await;
    assert_eq!(waits.status, StatusCode::TOO_MANY_REQUESTS, "{}", waits.text());
    assert_eq!(waits.header(header::RETRY_AFTER), "2");
    assert!(!b.signed_in());
    let said = waits.page().one("#sign-in-error").text;
    assert!(said.contains("Try again in 2 seconds"), "{said}");
    // In Japanese, Thai and Malay too.
    for (lang, words) in [("ja", "2秒後"), ("th", "2 วินาที"), ("ms", "2 saat")] {
        let mut other = t.browser().with_accept_language(lang);
        let got = other.try_sign_in(STAFF, PASSWORD).await;
        assert_eq!(got.status, StatusCode::TOO_MANY_REQUESTS);
        let said = got.page().one("#sign-in-error").text;
        assert!(said.contains(words), "{lang}: {said}");
    }
    // Another wrong password after the wait doubles it.
    t.clock.advance(chrono::Duration::seconds(2));
    b.try_sign_in(STAFF, "still not the password")
        .await
        .expect(StatusCode::UNAUTHORIZED);
    let waits = b
        .try_sign_in(STAFF, PASSWORD)
        .await
        .expect(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(waits.header(header::RETRY_AFTER), "4");
    // Long waits are said in minutes.
    for _ in 0..7 {
        let wait: i64 = b
            .try_sign_in(STAFF, PASSWORD)
            .await
            .header(header::RETRY_AFTER)
            .parse()
            .unwrap_or(0);
        t.clock.advance(chrono::Duration::seconds(wait));
        b.try_sign_in(STAFF, "still not the password")
            .await
            .expect(StatusCode::UNAUTHORIZED);
    }
    let waits = b
        .try_sign_in(STAFF, PASSWORD)
        .await
        .expect(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(waits.header(header::RETRY_AFTER), "512");
    let said = waits.page().one("#sign-in-error").text;
    assert!(said.contains("Try again in 9 minutes"), "{said}");
    // When the wait is over, the right password signs in.
    t.clock.advance(chrono::Duration::seconds(512));
    b.sign_in(STAFF, PASSWORD).await;
}
