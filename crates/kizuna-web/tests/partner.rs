//! A partner organisation sees its own records only, without personal data,
//! and never the staff console.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kizuna_app::App;
use kizuna_domain::common::account::Role;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;
use tower::ServiceExt;

async fn get(app: &Router, uri: &str, cookie: &str) -> (StatusCode, String, Vec<String>) {
    let req = Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let cookies = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = String::from_utf8(
        axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    (status, if status.is_redirection() { location } else { body }, cookies)
}

fn cookie_value(set_cookies: &[String], name: &str) -> Option<String> {
    set_cookies.iter().find_map(|c| {
        c.strip_prefix(&format!("{name}="))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
    })
}

/// Sign in through the form; the cookies to send afterwards.
async fn sign_in(app: &Router, email: &str, password: &str) -> (StatusCode, String, String) {
    let (_, _, set) = get(app, "/sign-in", "").await;
    let csrf = cookie_value(&set, "kizuna_csrf").expect("a CSRF cookie");
    let form = format!(
        "csrf={csrf}&email={email}&password={}&next=%2Fconsole",
        password.replace(' ', "+")
    );
    let req = Request::post("/sign-in")
        .header(header::COOKIE, format!("kizuna_csrf={csrf}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let set: Vec<String> = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let cookies = match (cookie_value(&set, "kizuna_session"), cookie_value(&set, "kizuna_csrf")) {
        (Some(s), Some(c)) => format!("kizuna_session={s}; kizuna_csrf={c}"),
        _ => String::new(),
    };
    (status, location, cookies)
}

#[tokio::test]
async fn partners_see_their_own_organisation_only() {
    let app = App::new(fresh_store(Backend::Sqlite).await.unwrap());
    app.load_demo().await.unwrap();
    app.add_user(
        "partner@example.org",
        Role::Partner,
        Some("demo/rda-th"),
        Some("a long partner password"),
    )
    .await
    .unwrap();
    let router = kizuna_web::router(Arc::new(app));

    // A wrong password is refused, and so is the sixth try in a row.
    let (status, _, cookies) = sign_in(&router, "partner@example.org", "wrong password here").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(cookies.is_empty());

    let (status, location, cookies) = sign_in(&router, "partner@example.org", "a long partner password").await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/partner"));
    let (status, body, _) = get(&router, "/partner", &cookies).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Regional Development Agency of Thailand"),
        "its own organisation"
    );
    assert!(body.contains("Thailand"));
    assert!(
        !body.contains("Viet Nam") && !body.contains(">Vietnam<"),
        "no other organisation's people"
    );
    assert!(!body.contains("19") || !body.contains("birth"), "no birth dates");
    // Not the staff console, and not the API.
    for uri in ["/console", "/console/trainees", "/console/statistics"] {
        let (status, _, _) = get(&router, uri, &cookies).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
    }
    let (status, _, _) = get(&router, "/api/v1/people", &cookies).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Anonymous visitors are sent to sign in.
    let (status, location, _) = get(&router, "/partner", "").await;
    assert!(
        status.is_redirection() && location.starts_with("/sign-in"),
        "{status} {location}"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited() {
    let app = App::new(fresh_store(Backend::Sqlite).await.unwrap());
    app.add_user("staff@example.org", Role::Staff, None, Some("the right password"))
        .await
        .unwrap();
    let router = kizuna_web::router(Arc::new(app));
    for _ in 0..5 {
        let (status, _, _) = sign_in(&router, "staff@example.org", "not the password").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now.
    let (status, _, cookies) = sign_in(&router, "staff@example.org", "the right password").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(cookies.is_empty());
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = App::new(fresh_store(Backend::Sqlite).await.unwrap());
    app.add_user("staff@example.org", Role::Staff, None, Some("the right password"))
        .await
        .unwrap();
    let router = kizuna_web::router(Arc::new(app));
    let req = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("kizuna_csrf={}", "a".repeat(64)))
        .body(Body::from(
            "csrf=forged&email=staff%40example.org&password=the+right+password",
        ))
        .unwrap();
    let resp = router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // Session cookies are HttpOnly and SameSite.
    let (_, _, cookies) = sign_in(&router, "staff@example.org", "the right password").await;
    assert!(cookies.contains("kizuna_session="));
    let (_, _, set) = get(&router, "/sign-in", "").await;
    assert!(
        set.iter().all(|c| c.contains("SameSite=Lax") && c.contains("HttpOnly")),
        "{set:?}"
    );
}
