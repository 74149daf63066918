//! What an administrator does to accounts, and that each effect holds at
//! once: a new account's one-time link, disabling, enabling, deleting, and
//! the refusals that keep the office from locking itself out.

use axum::http::StatusCode;
use chrono::TimeDelta;
use kizuna_domain::common::access::TokenScope;
use kizuna_store::Backend;
use kizuna_testkit::{ADMIN, PASSWORD, TestApp};

use super::{CLERK, NEW_PASSWORD, account_id, clerk, opens_console, shown_link};

pub(crate) async fn a_new_account_sets_its_password_through_a_link_that_works_once(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut admin = t.admin().await;
    let shown = admin
        .submit(
            "/admin/accounts",
            &[("email", "New.Person@Example.org"), ("role", "staff")],
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        shown.header("cache-control"),
        "no-store",
        "a page with a secret is never kept"
    );
    let link = shown_link(&shown.page());
    let listed = admin.page("/admin/accounts").await;
    assert!(
        listed
            .texts("#accounts th[scope=row]")
            .contains(&"new.person@example.org".to_owned())
    );
    // The account exists but nobody knows its password until the link is used.
    let mut person = t.browser();
    let form = person.page(&link).await;
    assert!(form.text().contains("new.person@example.org"));
    // Two different passwords, then a guessable one, are refused beside their fields.
    let a = person
        .submit(
            &link,
            &[
                ("password", NEW_PASSWORD),
                ("password_again", "something else entirely"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.page().has(".field-error"));
    let a = person
        .submit(
            &link,
            &[("password", "password1234"), ("password_again", "password1234")],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.page().has(".field-error"));
    person
        .submit(&link, &[("password", NEW_PASSWORD), ("password_again", NEW_PASSWORD)])
        .await
        .expect(StatusCode::OK);
    person.sign_in("new.person@example.org", NEW_PASSWORD).await;
    assert!(opens_console(&mut person).await, "a staff account opens the console");
    // The link worked once: it neither opens nor sets a password again.
    let mut thief = t.browser();
    assert_eq!(thief.get(&link).await.status, StatusCode::NOT_FOUND);
    let again = thief
        .submit(
            &link,
            &[
                ("password", "another strong passphrase 99"),
                ("password_again", "another strong passphrase 99"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    assert_eq!(
        thief
            .try_sign_in("new.person@example.org", "another strong passphrase 99")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // A link that was never made is refused the same way, without a crash.
    assert_eq!(
        thief.get(&format!("/reset-password/{}", "0".repeat(64))).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        thief.get("/reset-password/not-a-token").await.status,
        StatusCode::NOT_FOUND
    );
}

pub(crate) async fn a_reset_link_expires_after_a_day(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut admin = t.admin().await;
    let mut clerk = clerk(&t).await;
    let id = account_id(&t, CLERK).await;
    let confirm = admin.page(&format!("/admin/accounts/{id}/reset-password")).await;
    assert!(confirm.has("form[method=post] button"), "asked first");
    let link = shown_link(
        &admin
            .submit(&format!("/admin/accounts/{id}/reset-password"), &[])
            .await
            .expect(StatusCode::OK)
            .page(),
    );
    // Until the link is used the old password stays, and so do sessions.
    assert!(opens_console(&mut clerk).await);
    t.clock.advance(TimeDelta::hours(24) + TimeDelta::seconds(1));
    let mut b = t.browser();
    assert_eq!(
        b.get(&link).await.status,
        StatusCode::NOT_FOUND,
        "expired after 24 hours"
    );
    // A new link replaces the old one; using it ends every session of the account.
    let first = t.app.password_reset_link(id).await.expect("a link");
    let second = t.app.password_reset_link(id).await.expect("a link");
    assert_eq!(b.get(&first).await.status, StatusCode::NOT_FOUND, "replaced");
    clerk.sign_in(CLERK, PASSWORD).await;
    assert!(opens_console(&mut clerk).await);
    b.get(&second).await.expect(StatusCode::OK);
    b.submit(&second, &[("password", NEW_PASSWORD), ("password_again", NEW_PASSWORD)])
        .await
        .expect(StatusCode::OK);
    assert!(!opens_console(&mut clerk).await, "the old session ended");
    assert_eq!(
        t.browser().try_sign_in(CLERK, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    t.browser().sign_in(CLERK, NEW_PASSWORD).await;
}

pub(crate) async fn a_disabled_account_is_shut_out_at_once(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut admin = t.admin().await;
    let mut clerk = clerk(&t).await;
    let token = t
        .app
        .create_scoped_token(CLERK, "sync", TokenScope::Write, Some(90))
        .await
        .expect("a token")
        .token;
    let mut api = t.browser().with_token(&token);
    api.get("/api/v1/people").await.expect(StatusCode::OK);
    assert!(opens_console(&mut clerk).await);
    let id = account_id(&t, CLERK).await;

    let confirm = admin.page(&format!("/admin/accounts/{id}/disable")).await;
    assert!(confirm.text().contains(CLERK));
    let a = admin.submit(&format!("/admin/accounts/{id}/disable"), &[]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let list = admin.page(a.location()).await;
    assert!(list.has(&format!("tr[data-email='{CLERK}'].disabled")));
    // At once: the open session, the token, and signing in all fail.
    assert!(!opens_console(&mut clerk).await, "the session stopped working");
    let refused = api.get("/api/v1/people").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json()["error"]["code"], "unauthenticated");
    assert_eq!(
        t.browser().try_sign_in(CLERK, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        t.app.password_reset_link(id).await.is_err(),
        "no reset link for a disabled account"
    );

    // Enabled again: it signs in with its password; the old token stays revoked.
    admin
        .submit(&format!("/admin/accounts/{id}/enable"), &[])
        .await
        .expect(StatusCode::SEE_OTHER);
    clerk.sign_in(CLERK, PASSWORD).await;
    assert!(opens_console(&mut clerk).await);
    assert_eq!(api.get("/api/v1/people").await.status, StatusCode::UNAUTHORIZED);
}

pub(crate) async fn deleting_an_account_takes_its_tokens(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut admin = t.admin().await;
    let mut clerk = clerk(&t).await;
    let token = t
        .app
        .create_scoped_token(CLERK, "sync", TokenScope::Read, None)
        .await
        .expect("a token");
    let id = account_id(&t, CLERK).await;
    admin.page(&format!("/admin/accounts/{id}/delete")).await;
    admin
        .submit(&format!("/admin/accounts/{id}/delete"), &[])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(t.app.account_by_email(CLERK).await.is_err(), "gone");
    assert!(!opens_console(&mut clerk).await);
    assert_eq!(
        t.browser().with_token(&token.token).get("/api/v1/people").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        t.app
            .tokens(None)
            .await
            .expect("tokens")
            .iter()
            .all(|r| r.id != token.id),
        "its tokens went with it"
    );
    // The address can be used for a new account.
    admin
        .submit("/admin/accounts", &[("email", CLERK), ("role", "staff")])
        .await
        .expect(StatusCode::OK);
    // Unknown accounts and actions are not found, not crashes.
    assert_eq!(
        admin.get("/admin/accounts/999999/delete").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get(&format!("/admin/accounts/{id}/explode")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/admin/accounts/x/delete").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.submit("/admin/accounts/999999/delete", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

pub(crate) async fn administrators_cannot_lock_themselves_out(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut admin = t.admin().await;
    let me = account_id(&t, ADMIN).await;
    for action in ["disable", "delete"] {
        let a = admin.submit(&format!("/admin/accounts/{me}/{action}"), &[]).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{action}");
        assert!(a.page().has("#account-error"), "{action}: says why");
    }
    assert!(opens_console(&mut admin).await);
    // The command line has no "own" account, but keeps the last administrator.
    let refused = t
        .app
        .disable_account(None, me)
        .await
        .expect_err("the last administrator");
    assert!(refused.to_string().contains("last administrator"), "{refused}");
    assert!(t.app.delete_account(None, me).await.is_err());
    // With a second administrator, one may disable the other.
    let mut shown = admin
        .submit("/admin/accounts", &[("email", "second@example.org"), ("role", "admin")])
        .await
        .expect(StatusCode::OK)
        .page();
    let link = shown_link(&shown);
    let mut second = t.browser();
    second.page(&link).await;
    second
        .submit(&link, &[("password", NEW_PASSWORD), ("password_again", NEW_PASSWORD)])
        .await
        .expect(StatusCode::OK);
    second.sign_in("second@example.org", NEW_PASSWORD).await;
    second
        .submit(&format!("/admin/accounts/{me}/disable"), &[])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(!opens_console(&mut admin).await);
    // Invalid input to the add form is named, not a crash.
    shown = second
        .submit("/admin/accounts", &[("email", "not an address"), ("role", "boss")])
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(shown.has(".field-error"));
    let partner_without = second
        .submit(
            "/admin/accounts",
            &[("email", "p2@example.org"), ("role", "partner"), ("organisation", "")],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(partner_without.has(".field-error"));
    second
        .submit(
            "/admin/accounts",
            &[
                ("email", "p2@example.org"),
                ("role", "partner"),
                ("organisation", kizuna_testkit::PARTNER_ORGANISATION),
            ],
        )
        .await
        .expect(StatusCode::OK);
}
