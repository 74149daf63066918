//! Managing accounts and API tokens (issue #10, fault 8), through the
//! router on SQLite and PostgreSQL: who may use the administrators' pages
//! and the bulk exports, what disabling, deleting and resetting an account
//! does at once, token scopes, expiry and revocation, one's own password
//! and sessions, and the pages in four languages.

mod access;
mod accounts;
mod languages;
mod own;
mod tokens;

use access::{bulk_exports_are_for_administrators, only_administrators_manage_accounts};
use accounts::{
    a_disabled_account_is_shut_out_at_once, a_new_account_sets_its_password_through_a_link_that_works_once,
    a_reset_link_expires_after_a_day, administrators_cannot_lock_themselves_out, deleting_an_account_takes_its_tokens,
};
use kizuna_testkit::{Browser, Page, TestApp};
use languages::administration_pages_show_no_english;
use own::{
    a_guessable_password_is_explained_in_the_readers_language, changing_ones_password_ends_the_other_sessions,
    signing_out_everywhere_ends_every_session,
};
use tokens::{
    a_read_only_token_only_reads, expired_and_revoked_tokens_are_refused_like_wrong_ones,
    tokens_are_made_listed_and_revoked_on_the_page,
};

kizuna_testkit::on_both!(
    only_administrators_manage_accounts,
    bulk_exports_are_for_administrators,
    a_new_account_sets_its_password_through_a_link_that_works_once,
    a_reset_link_expires_after_a_day,
    a_disabled_account_is_shut_out_at_once,
    deleting_an_account_takes_its_tokens,
    administrators_cannot_lock_themselves_out,
    a_read_only_token_only_reads,
    expired_and_revoked_tokens_are_refused_like_wrong_ones,
    tokens_are_made_listed_and_revoked_on_the_page,
    changing_ones_password_ends_the_other_sessions,
    signing_out_everywhere_ends_every_session,
    administration_pages_show_no_english,
    a_guessable_password_is_explained_in_the_readers_language,
);

/// A password the rules accept (long, not guessable).
pub(crate) const NEW_PASSWORD: &str = "violet harbour telescope 4711";

/// Another staff account, signed in.
pub(crate) async fn clerk(t: &TestApp) -> Browser {
    t.app
        .add_user(
            CLERK,
            kizuna_domain::common::account::Role::Staff,
            None,
            Some(kizuna_testkit::PASSWORD),
        )
        .await
        .expect("a second staff account");
    let mut b = t.browser();
    b.sign_in(CLERK, kizuna_testkit::PASSWORD).await;
    b
}

pub(crate) const CLERK: &str = "clerk@example.org";

/// The id of an account, as the accounts page links it.
pub(crate) async fn account_id(t: &TestApp, email: &str) -> i64 {
    t.app.account_by_email(email).await.expect("the account").id
}

/// Whether a browser's session still opens the console.
pub(crate) async fn opens_console(b: &mut Browser) -> bool {
    b.get("/console").await.status == axum::http::StatusCode::OK
}

/// The path of a link shown once (`#secret`), from `/reset-password/`.
pub(crate) fn shown_link(page: &Page) -> String {
    let secret = page.one("#secret").text;
    let at = secret.find("/reset-password/").expect("a reset link");
    secret[at..].trim().to_owned()
}
