//! `/account`: any signed-in person changes their own password (which ends
//! their other sessions) and sees their sessions, with "sign out
//! everywhere". `/reset-password/TOKEN`: a one-time link sets a new
//! password (and ends every session of the account).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{failed, guard, no_store, problem_for, problems};
use crate::acting::Acting;
use crate::pages::{message, render};
use crate::session::{Ctx, SESSION_COOKIE, WebState, cookie};

pub(crate) struct SessionLine {
    started: String,
    expires: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "admin/account.html")]
struct AccountPage<'a> {
    ctx: &'a Ctx,
    email: String,
    role: String,
    notice: Option<String>,
    sessions: Vec<SessionLine>,
    problems: Vec<(String, String)>,
}

impl AccountPage<'_> {
    fn err(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

async fn account_page(
    s: &WebState,
    ctx: &Ctx,
    headers: &HeaderMap,
    status: StatusCode,
    notice: Option<String>,
    problems: Vec<(String, String)>,
) -> Response {
    let user = guard!(ctx.require_user()).clone();
    let sessions = match s.app.own_sessions(&user, cookie(headers, SESSION_COOKIE)).await {
        Ok(list) => list,
        Err(e) => return failed(ctx, &e),
    };
    let sessions = sessions
        .into_iter()
        .map(|o| SessionLine {
            started: ctx.instant(&o.session.created_at),
            expires: ctx.instant(&o.session.expires_at),
            current: o.current,
        })
        .collect();
    let mut r = render(
        ctx,
        &AccountPage {
            ctx,
            role: ctx.t(&format!("admin-role-{}", user.role)),
            email: user.email,
            notice,
            sessions,
            problems,
        },
    );
    *r.status_mut() = status;
    no_store(r)
}

pub(crate) async fn page(
    State(s): State<WebState>,
    ctx: Ctx,
    headers: HeaderMap,
    Query(q): Query<std::collections::BTreeMap<String, String>>,
) -> Response {
    let notice = q.contains_key("changed").then(|| ctx.t("admin-password-changed"));
    account_page(&s, &ctx, &headers, StatusCode::OK, notice, Vec::new()).await
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

pub(crate) async fn change_password(
    State(s): State<WebState>,
    ctx: Ctx,
    headers: HeaderMap,
    Acting(app): Acting,
    Form(f): Form<PasswordForm>,
) -> Response {
    let user = guard!(ctx.require_user()).clone();
    guard!(ctx.check_csrf(&f.csrf));
    if f.password != f.password_again {
        let p = vec![("password_again".to_owned(), ctx.t("admin-error-passwords-differ"))];
        return account_page(&s, &ctx, &headers, StatusCode::UNPROCESSABLE_ENTITY, None, p).await;
    }
    let session = cookie(&headers, SESSION_COOKIE);
    match app
        .change_own_password(&user, session, &f.current_password, &f.password)
        .await
    {
        Ok(()) => ctx.finish(Redirect::to("/account?changed=1").into_response()),
        Err(e) => {
            let mut p = guard!(problems(&ctx, e));
            super::explain_weak_password(&app, &ctx, &mut p, &f.password, &user.email).await;
            account_page(&s, &ctx, &headers, StatusCode::UNPROCESSABLE_ENTITY, None, p).await
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct CsrfOnly {
    csrf: String,
}

pub(crate) async fn sign_out_everywhere(Acting(app): Acting, mut ctx: Ctx, Form(f): Form<CsrfOnly>) -> Response {
    let user = guard!(ctx.require_user()).clone();
    guard!(ctx.check_csrf(&f.csrf));
    if let Err(e) = app.sign_out_everywhere(&user).await {
        return failed(&ctx, &e);
    }
    ctx.set_cookies.push(ctx.cookie(SESSION_COOKIE, "", 0, true));
    ctx.finish(Redirect::to("/sign-in").into_response())
}

#[derive(Template)]
#[template(path = "admin/reset.html")]
struct ResetPage<'a> {
    ctx: &'a Ctx,
    email: String,
    action: String,
    problems: Vec<(String, String)>,
}

impl ResetPage<'_> {
    fn err(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

/// A link that is unknown, used, expired, or of a disabled account.
fn link_not_valid(ctx: &Ctx) -> Response {
    no_store(message(
        ctx,
        StatusCode::NOT_FOUND,
        "admin-reset-invalid-title",
        "admin-reset-invalid",
    ))
}

fn reset_page(ctx: &Ctx, token: &str, email: String, status: StatusCode, problems: Vec<(String, String)>) -> Response {
    let mut r = render(
        ctx,
        &ResetPage {
            ctx,
            email,
            action: format!("{}{token}", kizuna_app::accounts::RESET_PATH),
            problems,
        },
    );
    *r.status_mut() = status;
    no_store(r)
}

/// A token as links carry it: 64 hex digits.
fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(crate) async fn reset_form(State(s): State<WebState>, ctx: Ctx, Path(token): Path<String>) -> Response {
    if !well_formed(&token) {
        return link_not_valid(&ctx);
    }
    match s.app.password_reset_account(&token).await {
        Ok(Some(user)) => reset_page(&ctx, &token, user.email, StatusCode::OK, Vec::new()),
        Ok(None) => link_not_valid(&ctx),
        Err(e) => failed(&ctx, &e),
    }
}

#[derive(Deserialize)]
pub(crate) struct ResetForm {
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

pub(crate) async fn reset(
    State(s): State<WebState>,
    ctx: Ctx,
    Acting(app): Acting,
    Path(token): Path<String>,
    Form(f): Form<ResetForm>,
) -> Response {
    guard!(ctx.check_csrf(&f.csrf));
    if !well_formed(&token) {
        return link_not_valid(&ctx);
    }
    let user = match s.app.password_reset_account(&token).await {
        Ok(Some(u)) => u,
        Ok(None) => return link_not_valid(&ctx),
        Err(e) => return failed(&ctx, &e),
    };
    if f.password != f.password_again {
        let p = vec![("password_again".to_owned(), ctx.t("admin-error-passwords-differ"))];
        return reset_page(&ctx, &token, user.email, StatusCode::UNPROCESSABLE_ENTITY, p);
    }
    match app.reset_password(&token, &f.password).await {
        Ok(Some(_)) => no_store(message(
            &ctx,
            StatusCode::OK,
            "admin-reset-done-title",
            "admin-reset-done",
        )),
        Ok(None) => link_not_valid(&ctx),
        Err(e) => {
            let mut p = guard!(problems(&ctx, e));
            super::explain_weak_password(&app, &ctx, &mut p, &f.password, &user.email).await;
            reset_page(&ctx, &token, user.email, StatusCode::UNPROCESSABLE_ENTITY, p)
        }
    }
}
