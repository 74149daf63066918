//! `/admin/tokens`: every API token (never its secret) with its owner,
//! scope, dates and state; a new token for an account (shown once); and
//! revoking one, confirmed first.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kizuna_domain::common::access::{
    DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS, TokenScope, check_token_days, parse_token_name,
};
use serde::Deserialize;

use super::{Confirm, Once, failed, guard, problem_for, problems, show_once};
use crate::acting::Acting;
use crate::pages::{message, render};
use crate::session::{Ctx, WebState};

pub(crate) struct Line {
    id: i64,
    name: String,
    email: String,
    scope: String,
    created: String,
    expires: String,
    last_used: String,
    state: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    lines: Vec<Line>,
    /// Accounts that can be given a token (not disabled), by e-mail.
    emails: Vec<String>,
    scopes: Vec<(&'static str, String)>,
    problems: Vec<(String, String)>,
    user: String,
    name: String,
    scope: String,
    days: String,
    max_days: i64,
}

impl TokensPage<'_> {
    fn err(&self, field: &str) -> Option<&str> {
        problem_for(&self.problems, field)
    }
}

#[derive(Default)]
struct Shown {
    notice: Option<String>,
    problems: Vec<(String, String)>,
    user: String,
    name: String,
    scope: String,
    days: String,
}

async fn page(s: &WebState, ctx: &Ctx, status: StatusCode, shown: Shown) -> Response {
    let now = s.app.now();
    let rows = match s.app.tokens(None).await {
        Ok(r) => r,
        Err(e) => return failed(ctx, &e),
    };
    let emails = match s.app.accounts().await {
        Ok(a) => a
            .into_iter()
            .filter(|a| a.disabled_at.is_none())
            .map(|a| a.user.email)
            .collect(),
        Err(e) => return failed(ctx, &e),
    };
    let lines = rows
        .into_iter()
        .map(|t| Line {
            id: t.id,
            active: t.active(now),
            state: match (&t.revoked_at, &t.expires_at) {
                (Some(r), _) => ctx.t1("admin-token-revoked", "when", ctx.instant(r)),
                (None, Some(e)) if *e <= now => ctx.t("admin-token-expired"),
                _ => ctx.t("admin-token-active"),
            },
            scope: ctx.t(&format!("admin-scope-{}", t.scope)),
            created: ctx.instant(&t.created_at),
            expires: t
                .expires_at
                .map_or_else(|| ctx.t("admin-token-never"), |e| ctx.instant(&e)),
            last_used: t.last_used_at.map(|u| ctx.instant(&u)).unwrap_or_default(),
            name: t.name,
            email: t.email,
        })
        .collect();
    let scopes = TokenScope::ALL
        .iter()
        .map(|s| (s.as_str(), ctx.t(&format!("admin-scope-{s}"))))
        .collect();
    let mut r = render(
        ctx,
        &TokensPage {
            ctx,
            notice: shown.notice,
            lines,
            emails,
            scopes,
            problems: shown.problems,
            user: shown.user,
            name: shown.name,
            scope: if shown.scope.is_empty() {
                "read".into()
            } else {
                shown.scope
            },
            days: if shown.days.is_empty() {
                DEFAULT_TOKEN_DAYS.to_string()
            } else {
                shown.days
            },
            max_days: MAX_TOKEN_DAYS,
        },
    );
    *r.status_mut() = status;
    super::no_store(r)
}

pub(crate) async fn list(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(ctx.require_admin());
    let notice = q.contains_key("revoked").then(|| ctx.t("admin-done-revoke"));
    page(
        &s,
        &ctx,
        StatusCode::OK,
        Shown {
            notice,
            ..Shown::default()
        },
    )
    .await
}

#[derive(Deserialize)]
pub(crate) struct CreateForm {
    csrf: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    days: String,
}

pub(crate) async fn create(
    State(s): State<WebState>,
    ctx: Ctx,
    Acting(app): Acting,
    Form(f): Form<CreateForm>,
) -> Response {
    guard!(ctx.require_admin());
    guard!(ctx.check_csrf(&f.csrf));
    let mut bad = Vec::new();
    let scope = f.scope.parse::<TokenScope>().ok();
    if scope.is_none() {
        bad.push(("scope".to_owned(), super::problem(&ctx, "scope", "unknown_value")));
    }
    let days = f
        .days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| check_token_days(*d).is_ok());
    if days.is_none() {
        bad.push((
            "expires_in_days".to_owned(),
            super::problem(&ctx, "expires_in_days", "invalid"),
        ));
    }
    // Every problem at once: the name and the account too.
    if let Err(e) = parse_token_name(&f.name) {
        bad.push(("name".to_owned(), super::problem(&ctx, "name", e.code)));
    }
    if s.app.account_by_email(&f.user).await.is_err() {
        bad.push(("user".to_owned(), super::problem(&ctx, "user", "not_found")));
    }
    let again = |problems| Shown {
        problems,
        user: f.user.clone(),
        name: f.name.clone(),
        scope: f.scope.clone(),
        days: f.days.clone(),
        ..Shown::default()
    };
    let (Some(scope), Some(days), true) = (scope, days, bad.is_empty()) else {
        return page(&s, &ctx, StatusCode::UNPROCESSABLE_ENTITY, again(bad)).await;
    };
    match app.create_scoped_token(&f.user, &f.name, scope, Some(days)).await {
        Ok(new) => show_once(
            &ctx,
            &Once {
                ctx: &ctx,
                title: ctx.t1("admin-token-created-title", "email", f.user.trim()),
                explain: ctx.t("admin-token-created"),
                secret: new.token,
                back: "/admin/tokens",
            },
        ),
        Err(e) => {
            let p = guard!(problems(&ctx, e));
            page(&s, &ctx, StatusCode::UNPROCESSABLE_ENTITY, again(p)).await
        }
    }
}

fn parse_id(ctx: &Ctx, raw: &str) -> Result<i64, Response> {
    match raw.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")),
    }
}

pub(crate) async fn confirm(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_admin());
    let id = guard!(parse_id(&ctx, &id));
    let Ok(Some(row)) = s.app.store.token_row(id).await else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    render(
        &ctx,
        &Confirm {
            ctx: &ctx,
            title: ctx.t1("admin-confirm-revoke-title", "name", &row.name),
            explain: ctx.t1("admin-confirm-revoke", "email", &row.email),
            action: format!("/admin/tokens/{id}/revoke"),
            button: ctx.t("admin-action-revoke"),
            danger: true,
            back: "/admin/tokens",
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct CsrfOnly {
    csrf: String,
}

pub(crate) async fn revoke(ctx: Ctx, Acting(app): Acting, Path(id): Path<String>, Form(f): Form<CsrfOnly>) -> Response {
    guard!(ctx.require_admin());
    guard!(ctx.check_csrf(&f.csrf));
    let id = guard!(parse_id(&ctx, &id));
    match app.revoke_token(id).await {
        Ok(_) => ctx.finish(Redirect::to("/admin/tokens?revoked=1").into_response()),
        Err(e) => match problems(&ctx, e) {
            Err(r) => r,
            Ok(_) => message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        },
    }
}
