//! One's own account: changing the password ends every other session and
//! keeps this one; "sign out everywhere" ends them all.

use axum::http::StatusCode;
use kizuna_store::Backend;
use kizuna_testkit::{PASSWORD, STAFF, TestApp};

use super::{NEW_PASSWORD, opens_console};

pub(crate) async fn changing_ones_password_ends_the_other_sessions(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let mut here = t.staff().await;
    let mut there = t.staff().await;
    let page = here.page("/account").await;
    assert_eq!(page.count("#own-sessions tbody tr"), 2, "both sessions are listed");
    assert_eq!(
        page.texts("#own-sessions tbody td")
            .iter()
            .filter(|c| !c.is_empty())
            .count(),
        5,
        "two times each, one marked as this browser"
    );
    // Refusals, each beside its field; nothing changes.
    for (fields, field) in [
        (
            [
                ("current_password", "not my password at all"),
                ("password", NEW_PASSWORD),
                ("password_again", NEW_PASSWORD),
            ],
            "current_password",
        ),
        (
            [
                ("current_password", PASSWORD),
                ("password", NEW_PASSWORD),
                ("password_again", "a different one entirely"),
            ],
            "password_again",
        ),
        (
            [
                ("current_password", PASSWORD),
                ("password", "qwertyuiop12"),
                ("password_again", "qwertyuiop12"),
            ],
            "password",
        ),
        (
            [
                ("current_password", PASSWORD),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
            "password",
        ),
    ] {
        let a = here
            .submit("/account/password", &fields)
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY);
        let errors = a.page().select(".field-error");
        assert_eq!(errors.len(), 1, "{field}: {}", a.text());
        assert!(
            opens_console(&mut there).await,
            "{field}: the other session is untouched"
        );
    }
    let a = here
        .submit(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", NEW_PASSWORD),
                ("password_again", NEW_PASSWORD),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(here.page(a.location()).await.has(".notice.good"));
    assert!(opens_console(&mut here).await, "this browser stays signed in");
    assert!(!opens_console(&mut there).await, "the other session ended");
    assert_eq!(here.page("/account").await.count("#own-sessions tbody tr"), 1);
    assert_eq!(
        t.browser().try_sign_in(STAFF, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    t.browser().sign_in(STAFF, NEW_PASSWORD).await;
    // Without the form token nothing changes.
    let a = here
        .post_form(
            "/account/password",
            &[
                ("csrf", "x"),
                ("current_password", NEW_PASSWORD),
                ("password", "yet another long phrase 77"),
                ("password_again", "yet another long phrase 77"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    t.browser().sign_in(STAFF, NEW_PASSWORD).await;
}

pub(crate) async fn signing_out_everywhere_ends_every_session(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut here = t.staff().await;
    let mut there = t.staff().await;
    let mut partner = t.partner().await;
    let a = here.submit("/account/sign-out-everywhere", &[]).await;
    assert_eq!((a.status, a.location()), (StatusCode::SEE_OTHER, "/sign-in"));
    assert!(!here.signed_in(), "the cookie is cleared");
    assert!(!opens_console(&mut there).await, "the other browser is signed out too");
    // Someone else's sessions are not touched.
    assert_eq!(partner.get("/partner").await.status, StatusCode::OK);
    // Signing in again works.
    here.sign_in(STAFF, PASSWORD).await;
    assert!(opens_console(&mut here).await);
    // Anonymous visitors cannot use it.
    let mut anonymous = t.browser();
    anonymous.get("/sign-in").await;
    assert_eq!(
        anonymous.submit("/account/sign-out-everywhere", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(opens_console(&mut here).await);
}

/// A guessable new password is refused with zxcvbn's reason in the
/// reader's language, on the own-account page and through a reset link.
pub(crate) async fn a_guessable_password_is_explained_in_the_readers_language(backend: Backend) {
    use kizuna_i18n::{Lang, message};
    let t = TestApp::empty(backend).await;
    let mut b = t.staff().await;
    let staff = t.app.account_by_email(STAFF).await.expect("the staff account").id;
    let link = t.app.password_reset_link(staff).await.expect("a link");
    for lang in [Lang::En, Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let weak = message(lang, "password-weak", &[]);
        let general = message(lang, "admin-error-weak-password", &[]);
        // On the own-account page (the language kept in the cookie).
        b.page(&format!("/account?lang={code}")).await;
        let page = b
            .submit(
                "/account/password",
                &[
                    ("current_password", PASSWORD),
                    ("password", "password1234"),
                    ("password_again", "password1234"),
                ],
            )
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        let said = page.texts(".field-error").join(" ");
        assert!(said.contains(&weak), "{code}: {said}");
        assert_ne!(
            said.trim(),
            general.trim(),
            "{code}: the reason, not only that it is weak"
        );
        if lang != Lang::En {
            assert!(!said.contains("common password"), "{code}: English left: {said}");
        }
        // Through a reset link.
        let mut visitor = t.browser();
        visitor.page(&format!("{link}?lang={code}")).await;
        let page = visitor
            .submit(
                &link,
                &[("password", "qwertyuiop12"), ("password_again", "qwertyuiop12")],
            )
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        let said = page.texts(".field-error").join(" ");
        assert!(said.contains(&weak), "{code}: {said}");
    }
}
