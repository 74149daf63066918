//! Without a token or session only the public reads answer; a wrong token
//! is no better than none.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use serde_json::json;

pub(crate) async fn anonymous_visitors_reach_only_public_data(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut anonymous = t.browser();
    let body = anonymous
        .get("/api/v1/reports/trainees?as_of=2008-03-31")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(body["trainees"], 680);
    for (method, uri) in [
        ("GET", "/api/v1/people"),
        ("GET", "/api/v1/people/1"),
        ("GET", "/api/v1/reports/trainees/people?as_of=2008-03-31"),
        ("GET", "/api/v1/exports/trainees?format=csv"),
        ("DELETE", "/api/v1/people/1"),
    ] {
        let got = anonymous.json(method, uri, None).await;
        assert_eq!(got.status, StatusCode::UNAUTHORIZED, "{method} {uri}");
        assert_eq!(got.json()["error"]["code"], "unauthenticated");
    }
    anonymous
        .json("POST", "/api/v1/organisations", Some(&json!({})))
        .await
        .expect(StatusCode::UNAUTHORIZED)
        .json();
    // A wrong token is no better than none.
    let mut wrong = t.browser().with_token(&"0".repeat(64));
    wrong
        .get("/api/v1/people")
        .await
        .expect(StatusCode::UNAUTHORIZED)
        .json();
}
