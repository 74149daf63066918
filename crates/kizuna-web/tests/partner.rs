//! A partner organisation sees its own records only, without personal data,
//! and never the staff console; signing in is guarded by a rate limit and
//! the form token. On SQLite and PostgreSQL.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::{Answer, PARTNER, PARTNER_ORGANISATION, PASSWORD, STAFF, TestApp};

kizuna_testkit::on_both!(
    partners_see_their_own_organisation_only,
    failed_sign_ins_are_rate_limited,
    forms_without_the_csrf_token_are_refused,
);

/// Whether an answer sets the cookie `name` (to a value).
fn sets_cookie(answer: &Answer, name: &str) -> bool {
    answer.set_cookies().iter().any(|c| {
        c.strip_prefix(name)
            .and_then(|r| r.strip_prefix('='))
            .is_some_and(|v| !v.starts_with(';') && !v.is_empty())
    })
}

async fn partners_see_their_own_organisation_only(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.browser();

    // A wrong password is refused.
    let refused = b.try_sign_in(PARTNER, "wrong password here").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(!sets_cookie(&refused, "kizuna_session") && !b.signed_in());

    // Partners land on their page, even when asked for the console.
    b.get("/sign-in").await.expect(StatusCode::OK);
    let done = b
        .submit(
            "/sign-in",
            &[("email", PARTNER), ("password", PASSWORD), ("next", "/console")],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/partner");
    assert!(sets_cookie(&done, "kizuna_session") && sets_cookie(&done, "kizuna_csrf"));
    let page = b.page("/partner").await;
    let text = page.text();
    assert!(
        page.one("h1").text.contains("Regional Development Agency of Thailand"),
        "its own organisation"
    );
    // Its people, each in a row of its own, and nobody else.
    let org = t
        .app
        .by_key::<Organisation>(PARTNER_ORGANISATION)
        .await
        .expect("the partner's organisation");
    let only_ours = [("organisation_id".to_owned(), org.id.to_string())]
        .into_iter()
        .collect();
    let ours: BTreeSet<String> = t
        .app
        .list::<Person>(
            &only_ours,
            Paging {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .expect("its people")
        .0
        .iter()
        .map(|p| format!("person-{}", p.id))
        .collect();
    let listed: BTreeSet<String> = page
        .select("table > tbody > tr")
        .iter()
        .filter_map(|tr| tr.attr("id").map(str::to_owned))
        .collect();
    assert!(!ours.is_empty());
    assert_eq!(listed, ours, "its own people, no one else's");
    // Name, nationality and roles: no column of personal data.
    assert_eq!(
        page.texts("table > thead th"),
        ["Name", "Nationality", "Roles over the years"]
    );
    assert!(text.contains("Thailand"));
    assert!(
        !text.contains("Viet Nam") && !text.contains("Vietnam"),
        "no other organisation's people"
    );
    assert!(!text.contains("19") || !text.contains("birth"), "no birth dates");
    // Not the staff console, and not the API.
    for uri in ["/console", "/console/trainees", "/console/statistics"] {
        assert_eq!(b.get(uri).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
    assert_eq!(b.get("/api/v1/people").await.status, StatusCode::FORBIDDEN);
    // Anonymous visitors are sent to sign in.
    let anonymous = t.browser().get("/partner").await;
    assert!(
        anonymous.status.is_redirection() && anonymous.location().starts_with("/sign-in"),
        "{} {}",
        anonymous.status,
        anonymous.location()
    );
}

async fn failed_sign_ins_are_rate_limited(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut b = t.browser();
    for _ in 0..5 {
        let refused = b.try_sign_in(STAFF, "not the password").await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password waits now.
    let waits = b.try_sign_in(STAFF, PASSWORD).await;
    assert_eq!(waits.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!sets_cookie(&waits, "kizuna_session") && !b.signed_in());
}

async fn forms_without_the_csrf_token_are_refused(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut b = t.browser();
    b.set_cookie("kizuna_csrf", Some(&"a".repeat(64)));
    let forged = b
        .post_form(
            "/sign-in",
            &[("csrf", "forged"), ("email", STAFF), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(!b.signed_in());
    // Session cookies are HttpOnly and SameSite.
    let mut b = t.browser();
    let form = b.get("/sign-in").await.expect(StatusCode::OK);
    let set = form.set_cookies();
    assert!(!set.is_empty(), "the form sets its token cookie");
    assert!(
        set.iter().all(|c| c.contains("SameSite=Lax") && c.contains("HttpOnly")),
        "{set:?}"
    );
    let done = b
        .submit("/sign-in", &[("email", STAFF), ("password", PASSWORD)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(b.signed_in());
    let session: Vec<&str> = done
        .set_cookies()
        .into_iter()
        .filter(|c| c.starts_with("kizuna_session="))
        .collect();
    assert!(
        session.len() == 1 && session[0].contains("SameSite=Lax") && session[0].contains("HttpOnly"),
        "{session:?}"
    );
}
