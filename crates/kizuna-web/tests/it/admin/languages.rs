//! The administrators' and account pages in Japanese, Thai and Malay: no
//! English interface text left.

use axum::http::StatusCode;
use kizuna_domain::common::access::TokenScope;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::Backend;
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Page, STAFF, TestApp};

pub(crate) async fn administration_pages_show_no_english(backend: Backend) {
    let t = TestApp::demo(backend).await;
    t.app
        .create_scoped_token(STAFF, "nightly", TokenScope::Read, Some(30))
        .await
        .expect("a token");
    let staff_id = super::account_id(&t, STAFF).await;
    let token_id = t.app.tokens(None).await.expect("tokens")[0].id;
    let link = t.app.password_reset_link(staff_id).await.expect("a link");
    let mut b = t.admin().await;
    let ids: Vec<String> = CATALOGUES
        .iter()
        .filter(|(l, f, _)| *l == "en" && *f == "admin")
        .flat_map(|(_, _, text)| message_ids(text))
        .collect();
    assert!(ids.len() > 80, "the admin catalogue is loaded");
    // What is data, not interface: addresses, names of things.
    let mut data: Vec<String> = t
        .app
        .accounts()
        .await
        .expect("accounts")
        .into_iter()
        .map(|a| a.user.email)
        .collect();
    data.push("nightly".into());
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages: Vec<(String, Page)> = Vec::new();
        for path in [
            "/admin/accounts".to_owned(),
            "/admin/tokens".to_owned(),
            format!("/admin/accounts/{staff_id}/disable"),
            format!("/admin/accounts/{staff_id}/enable"),
            format!("/admin/accounts/{staff_id}/delete"),
            format!("/admin/accounts/{staff_id}/reset-password"),
            format!("/admin/tokens/{token_id}/revoke"),
            "/account".to_owned(),
        ] {
            let page = b.page(&format!("{path}?lang={code}")).await;
            assert_eq!(page.lang(), code, "{path}");
            pages.push((path, page));
        }
        let mut visitor = t.browser();
        pages.push(("reset form".into(), visitor.page(&format!("{link}?lang={code}")).await));
        let used = visitor
            .get(&format!("/reset-password/{}?lang={code}", "0".repeat(64)))
            .await;
        pages.push(("reset link not valid".into(), used.page()));
        // Answers to forms, in the language kept in the cookie.
        let errors = b
            .submit("/admin/accounts", &[("email", "x"), ("role", "partner")])
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        pages.push(("add form with errors".into(), errors));
        let errors = b
            .submit(
                "/admin/tokens",
                &[
                    ("user", "nobody@example.org"),
                    ("name", ""),
                    ("scope", "read"),
                    ("days", "0"),
                ],
            )
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        pages.push(("token form with errors".into(), errors));
        let once = b
            .submit(
                "/admin/tokens",
                &[("user", STAFF), ("name", "nightly"), ("scope", "write"), ("days", "1")],
            )
            .await
            .expect(StatusCode::OK)
            .page();
        pages.push(("token shown once".into(), once));
        let errors = b
            .submit(
                "/account/password",
                &[
                    ("current_password", "wrong"),
                    ("password", "a"),
                    ("password_again", "b"),
                ],
            )
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        pages.push(("password form with errors".into(), errors));
        for (path, page) in &pages {
            assert_eq!(page.lang(), code, "{path}");
            let mut text = page.readable();
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            let left = english_left(lang, &ids, &text);
            assert!(left.is_empty(), "{code} {path}: English on the page: {left:?}");
        }
    }
}
