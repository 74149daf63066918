//! The public portal's home page, and signing in and out.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::Page;
use serde::Deserialize;

use super::{message, render};
use crate::session::{CSRF_COOKIE, Ctx, SESSION_COOKIE, WebState, client_address, cookie};
use kizuna_app::auth::SignInOutcome;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/", get(home))
        .route("/sign-in", get(sign_in_form).post(sign_in))
        .route("/sign-out", axum::routing::post(sign_out))
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    ctx: &'a Ctx,
    demo: bool,
    trainees: String,
    countries: String,
    since: String,
    /// (title, summary) of each training course.
    courses: Vec<(String, String)>,
}

async fn home(State(s): State<WebState>, ctx: Ctx) -> Response {
    let Ok(report) = s.app.trainee_report(&TraineeFilter::default()).await else {
        return message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database");
    };
    let filter = [("kind".to_owned(), ProgrammeKind::TrainingCourse.to_string())]
        .into_iter()
        .collect();
    let courses = s
        .app
        .list::<Programme>(&filter, Page { limit: 50, offset: 0 })
        .await
        .map(|(p, _)| p)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let title = ctx.local(&p.fields.title);
            // The summary in the reader's language; the internal key is never shown.
            let summary = p.fields.summary.as_ref().map(|t| ctx.local(t)).unwrap_or_default();
            (title, summary)
        })
        .collect();
    let demo = s.app.store.setting("dataset").await.ok().flatten().as_deref() == Some("demo");
    let since = report
        .first_fiscal_year
        .map(|y| ctx.fy(&y))
        .unwrap_or_else(|| "—".into());
    render(
        &ctx,
        &Home {
            ctx: &ctx,
            demo,
            trainees: ctx.num(report.trainees),
            countries: ctx.num(report.countries),
            since,
            courses,
        },
    )
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignIn<'a> {
    ctx: &'a Ctx,
    error: Option<String>,
    next: String,
    email: String,
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// Where a signed-in person may be sent back to: these pages and what is
/// under them (plus the home page itself).
const NEXT_PREFIXES: [&str; 4] = ["/console", "/partner", "/map", "/statistics"];
/// Longer `next` values are not followed (no page of ours has such a path).
const NEXT_MAX: usize = 2048;

/// Where to go after signing in: a same-origin path from [`NEXT_PREFIXES`]
/// (or `/`), rebuilt from its percent-decoded parts so that what is sent in
/// `Location` is exactly what was checked; anything else is `/console`.
///
/// The path is decoded once; the decoded path must be UTF-8 without control
/// characters, whitespace, backslashes, `%`, `//` or `.`/`..` segments (each
/// of which a browser may read as another host or another path), and is then
/// percent-encoded again. The query is parsed as a form and re-encoded; a
/// fragment is dropped.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    next.and_then(checked_next).unwrap_or_else(|| "/console".to_owned())
}

fn checked_next(next: &str) -> Option<String> {
    if next.len() > NEXT_MAX {
        return None;
    }
    let next = next.split('#').next().unwrap_or_default();
    let (path, query) = match next.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (next, None),
    };
    let path = String::from_utf8(percent_decode(path.as_bytes())?).ok()?;
    let bad = |c: char| c.is_control() || c.is_whitespace() || matches!(c, '\\' | '%');
    if !path.starts_with('/') || path.contains("//") || path.chars().any(bad) {
        return None;
    }
    if path.split('/').any(|seg| seg == "." || seg == "..") {
        return None;
    }
    let allowed = path == "/"
        || NEXT_PREFIXES.iter().any(|p| {
            path.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
    if !allowed {
        return None;
    }
    let mut out = crate::session::urlencode(&path);
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).ok()?;
        if !pairs.is_empty() {
            out.push('?');
            out.push_str(&serde_urlencoded::to_string(pairs).ok()?);
        }
    }
    Some(out)
}

/// `%XX` decoded; `None` for a `%` not followed by two hex digits.
fn percent_decode(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            let hex = s.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    Some(out)
}

async fn sign_in_form(ctx: Ctx, Query(q): Query<Next>) -> Response {
    render(
        &ctx,
        &SignIn {
            ctx: &ctx,
            error: None,
            next: safe_next(q.next.as_deref()),
            email: String::new(),
        },
    )
}

#[derive(Deserialize)]
struct SignInForm {
    csrf: String,
    email: String,
    password: String,
    next: Option<String>,
}

/// Sign in through the form, within the sign-in limits
/// ([`kizuna_app::App::sign_in_from`], counted by the client's address):
/// too many failures are answered 429 with `Retry-After` and the wait in
/// the reader's language.
async fn sign_in(
    State(s): State<WebState>,
    mut ctx: Ctx,
    parts: axum::http::request::Parts,
    Form(f): Form<SignInForm>,
) -> Response {
    if let Err(r) = ctx.check_csrf(&f.csrf) {
        return r;
    }
    let next = safe_next(f.next.as_deref());
    let address = client_address(&parts.extensions, &parts.headers, &s.trusted_proxies);
    let again = |ctx: &Ctx, status: StatusCode, msg: String| {
        let mut r = render(
            ctx,
            &SignIn {
                ctx,
                error: Some(msg),
                next: next.clone(),
                email: f.email.clone(),
            },
        );
        *r.status_mut() = status;
        r
    };
    match s.app.sign_in_from(&f.email, &f.password, &address).await {
        Ok(SignInOutcome::Signed(session)) => {
            let max_age = kizuna_app::auth::SESSION_HOURS * 3600;
            ctx.set_cookies
                .push(ctx.cookie(SESSION_COOKIE, &session.token, max_age, true));
            ctx.set_cookies
                .push(ctx.cookie(CSRF_COOKIE, &session.csrf, max_age, true));
            // Partners and volunteers have their own pages instead of the staff console.
            let dest = match session.user.role {
                kizuna_domain::common::account::Role::Partner if next.starts_with("/console") => "/partner".to_owned(),
                kizuna_domain::common::account::Role::Volunteer if !next.starts_with("/volunteer") => {
                    "/volunteer".to_owned()
                }
                _ => next.clone(),
            };
            ctx.finish(Redirect::to(&dest).into_response())
        }
        Ok(SignInOutcome::Refused) => again(&ctx, StatusCode::UNAUTHORIZED, ctx.t("sign-in-failed")),
        Ok(SignInOutcome::Wait { seconds }) => {
            let wait = if seconds < 120 {
                ctx.tn("sign-in-wait-seconds", "count", seconds)
            } else {
                ctx.tn("sign-in-wait-minutes", "count", (seconds + 59) / 60)
            };
            let mut r = again(
                &ctx,
                StatusCode::TOO_MANY_REQUESTS,
                format!("{} {wait}", ctx.t("sign-in-too-many")),
            );
            r.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
            r
        }
        Err(_) => message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database"),
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

async fn sign_out(
    State(s): State<WebState>,
    mut ctx: Ctx,
    headers: axum::http::HeaderMap,
    Form(f): Form<CsrfOnly>,
) -> Response {
    if let Err(r) = ctx.check_csrf(&f.csrf) {
        return r;
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let _ = s.app.sign_out(token).await;
    }
    ctx.set_cookies.push(ctx.cookie(SESSION_COOKIE, "", 0, true));
    ctx.finish(Redirect::to("/").into_response())
}
