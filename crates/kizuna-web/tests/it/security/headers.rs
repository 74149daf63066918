//! What responses tell browsers and proxies: no-store on anything that may
//! be personal, HSTS over TLS, and a health check that tells strangers only
//! that the server is up.

use axum::http::{StatusCode, header};
use kizuna_store::Backend;
use kizuna_testkit::{Answer, TestApp};
use kizuna_web::WebOptions;
use serde_json::json;

fn no_store(a: &Answer) -> bool {
    a.header(header::CACHE_CONTROL)
        .split(',')
        .any(|d| d.trim() == "no-store")
}

pub async fn personal_responses_are_never_stored(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut staff = t.staff().await;
    for uri in [
        "/",
        "/statistics",
        "/map",
        "/console",
        "/console/trainees",
        "/console/statistics/people?as_of=2008-03-31&country=TH",
        "/console/places",
        "/console/places/review",
        "/api/v1/people",
        "/api/v1/places/nearest?lat=43.06&lon=141.35&k=5",
        "/healthz",
        "/no-such-page",
    ] {
        let got = staff.get(uri).await;
        assert!(no_store(&got), "signed-in GET {uri} ({}) is cacheable", got.status);
    }
    let mut partner = t.partner().await;
    for uri in ["/partner", "/", "/statistics"] {
        let got = partner.get(uri).await;
        assert!(no_store(&got), "partner GET {uri} ({}) is cacheable", got.status);
    }
    let mut api = t.api().await;
    for uri in [
        "/api/v1/people",
        "/api/v1/participations",
        "/api/v1/reports/trainees?as_of=2008-03-31",
        "/api/v1/countries",
    ] {
        let got = api.get(uri).await.expect(StatusCode::OK);
        assert!(no_store(&got), "token GET {uri} is cacheable");
    }
    // Refusals and redirects of personal routes too, and the answer that
    // opens a session.
    let mut anonymous = t.browser();
    for uri in [
        "/console",
        "/console/trainees",
        "/partner",
        "/api/v1/people",
        "/sign-in",
    ] {
        let got = anonymous.get(uri).await;
        assert!(no_store(&got), "anonymous GET {uri} ({}) is cacheable", got.status);
    }
    let mut b = t.browser();
    let opened = b
        .try_sign_in(kizuna_testkit::STAFF, kizuna_testkit::PASSWORD)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(no_store(&opened), "the sign-in answer is cacheable");
    // Public pages to strangers and the embedded files stay cacheable: the
    // rule is about personal data, not everything.
    for uri in ["/", "/statistics", "/api/v1/countries"] {
        let got = anonymous.get(uri).await.expect(StatusCode::OK);
        assert!(!no_store(&got), "anonymous GET {uri} is no-store");
    }
    let page = staff.page("/").await;
    let asset = page
        .select("link[rel=stylesheet], script[src]")
        .into_iter()
        .find_map(|e| e.attr("href").or(e.attr("src")).map(str::to_owned))
        .expect("the page links an embedded file");
    let got = staff.get(&asset).await.expect(StatusCode::OK);
    assert!(!no_store(&got), "{asset} is no-store");
}

pub async fn hsts_only_over_tls(backend: Backend) {
    let plain = TestApp::empty(backend).await;
    let tls = TestApp::with_options(
        backend,
        WebOptions {
            secure_cookies: true,
            ..WebOptions::default()
        },
    )
    .await;
    for uri in ["/", "/healthz", "/sign-in", "/api/v1/countries", "/no-such-page"] {
        let got = tls.browser().get(uri).await;
        assert_eq!(
            got.header(header::STRICT_TRANSPORT_SECURITY),
            "max-age=31536000; includeSubDomains",
            "{uri} over TLS"
        );
        let got = plain.browser().get(uri).await;
        assert!(
            got.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
            "{uri} over plain HTTP sends HSTS"
        );
    }
}

pub async fn health_details_only_for_staff(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let anonymous = t.browser().get("/healthz").await.expect(StatusCode::OK).json();
    assert_eq!(anonymous, json!({"status": "ok"}));
    let partner = t.partner().await.get("/healthz").await.expect(StatusCode::OK).json();
    assert_eq!(partner, json!({"status": "ok"}));
    let forged = t
        .browser()
        .with_token(&"0".repeat(64))
        .get("/healthz")
        .await
        .expect(StatusCode::OK)
        .json();
    assert_eq!(forged, json!({"status": "ok"}));
    for (who, v) in [
        (
            "token",
            t.api().await.get("/healthz").await.expect(StatusCode::OK).json(),
        ),
        (
            "session",
            t.staff().await.get("/healthz").await.expect(StatusCode::OK).json(),
        ),
    ] {
        assert_eq!(v["status"], "ok", "{who}: {v}");
        assert_eq!(v["demo"], true, "{who}: {v}");
        assert!(v["database"].is_object(), "{who}: {v}");
    }
}

pub async fn review_api_is_for_staff(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let got = t.browser().get("/api/v1/places/review").await;
    assert_eq!(got.status, StatusCode::UNAUTHORIZED, "{}", got.text());
    let got = t.partner().await.get("/api/v1/places/review").await;
    assert_eq!(got.status, StatusCode::FORBIDDEN, "{}", got.text());
    let partner_token = t
        .app
        .create_token(kizuna_testkit::PARTNER, "partner")
        .await
        .expect("a token");
    let got = t
        .browser()
        .with_token(&partner_token)
        .get("/api/v1/places/review")
        .await;
    assert_eq!(got.status, StatusCode::FORBIDDEN, "{}", got.text());
    let got = t.api().await.get("/api/v1/places/review").await.expect(StatusCode::OK);
    assert!(got.json()["stale"].is_array(), "{}", got.text());
}
