//! The public portal's home page, and signing in and out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use kizuna_domain::common::programme::{Programme, ProgrammeKind};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::Page;
use serde::Deserialize;

use super::{message, render};
use crate::session::{CSRF_COOKIE, Ctx, SESSION_COOKIE, WebState, cookie};

pub fn routes() -> Router<WebState> {
    Router::new()
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

/// Only local paths may be returned to after signing in.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/console".to_owned(),
    }
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

async fn sign_in(State(s): State<WebState>, mut ctx: Ctx, Form(f): Form<SignInForm>) -> Response {
    if let Err(r) = ctx.check_csrf(&f.csrf) {
        return r;
    }
    let next = safe_next(f.next.as_deref());
    let key = f.email.trim().to_lowercase();
    let again = |ctx: &Ctx, status: StatusCode, msg: &str| {
        let mut r = render(
            ctx,
            &SignIn {
                ctx,
                error: Some(ctx.t(msg)),
                next: next.clone(),
                email: f.email.clone(),
            },
        );
        *r.status_mut() = status;
        r
    };
    if !s.limiter.allowed(&key, s.app.now()) {
        return again(&ctx, StatusCode::TOO_MANY_REQUESTS, "sign-in-too-many");
    }
    match s.app.sign_in(&f.email, &f.password).await {
        Ok(Some(session)) => {
            s.limiter.succeeded(&key);
            let max_age = kizuna_app::auth::SESSION_HOURS * 3600;
            ctx.set_cookies
                .push(ctx.cookie(SESSION_COOKIE, &session.token, max_age, true));
            ctx.set_cookies
                .push(ctx.cookie(CSRF_COOKIE, &session.csrf, max_age, true));
            // Partners have their own page instead of the staff console.
            let dest =
                if session.user.role == kizuna_domain::common::account::Role::Partner && next.starts_with("/console") {
                    "/partner".to_owned()
                } else {
                    next.clone()
                };
            ctx.finish(Redirect::to(&dest).into_response())
        }
        Ok(None) => {
            s.limiter.failed(&key, s.app.now());
            again(&ctx, StatusCode::UNAUTHORIZED, "sign-in-failed")
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
