//! Accounts and API tokens, managed by administrators (`/admin/accounts`,
//! `/admin/tokens`), one's own password and sessions (`/account`), and the
//! one-time link that sets a new password (`/reset-password/TOKEN`).
//!
//! Administrators' pages answer 403 to staff and partners and send
//! visitors to sign in. Every write is a POST form with the CSRF token;
//! what cannot be undone (disabling, deleting, a new reset link, revoking)
//! is asked for on a confirmation page first. Secrets (a reset link, a new
//! token) are shown once, on a page no browser may keep.

mod accounts;
mod own;
mod tokens;

use askama::Template;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{DateTime, FixedOffset, Utc};
use kizuna_app::AppError;
use kizuna_domain::common::access::administers;
use kizuna_domain::common::account::User;

use crate::pages::{message, render};
use crate::session::{Ctx, urlencode};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/admin/accounts", get(accounts::list).post(accounts::add))
        .route(
            "/admin/accounts/{id}/{action}",
            get(accounts::confirm).post(accounts::act),
        )
        .route("/admin/tokens", get(tokens::list).post(tokens::create))
        .route("/admin/tokens/{id}/revoke", get(tokens::confirm).post(tokens::revoke))
        .route("/account", get(own::page))
        .route("/account/password", axum::routing::post(own::change_password))
        .route(
            "/account/sign-out-everywhere",
            axum::routing::post(own::sign_out_everywhere),
        )
        .route("/reset-password/{token}", get(own::reset_form).post(own::reset))
}

impl Ctx {
    /// A signed-in administrator, or a redirect to sign in / a refusal (403).
    pub fn require_admin(&self) -> Result<&User, Response> {
        match &self.user {
            Some(u) if administers(u.role) => Ok(u),
            Some(_) => Err(message(
                self,
                StatusCode::FORBIDDEN,
                "admin-forbidden-title",
                "admin-forbidden",
            )),
            None => Err(Redirect::to(&format!("/sign-in?next={}", urlencode(&self.path))).into_response()),
        }
    }

    /// An instant as the office reads it: the date the page's language's
    /// way and the time in Japan.
    pub fn instant(&self, t: &DateTime<Utc>) -> String {
        let japan = FixedOffset::east_opt(9 * 3600).map_or_else(|| t.fixed_offset(), |o| t.with_timezone(&o));
        format!("{} {}", self.date(&japan.date_naive()), japan.format("%H:%M"))
    }
}

/// Run a guard that answers with a response when it refuses.
macro_rules! guard {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}
pub(crate) use guard;

/// A refused input's problems, each as (field, message in the page's
/// language); another failure as the page that explains it.
pub(crate) fn problems(ctx: &Ctx, e: AppError) -> Result<Vec<(String, String)>, Response> {
    match e {
        AppError::Invalid(errors) => Ok(errors
            .into_iter()
            .map(|f| (f.field.clone(), problem(ctx, &f.field, &f.code)))
            .collect()),
        AppError::NotFound { .. } => Err(message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")),
        other => Err(failed(ctx, &other)),
    }
}

/// When the new password was refused as guessable, say why in the
/// reader's language (zxcvbn's warning and suggestions, estimated again on
/// the blocking pool) instead of the general message.
pub(crate) async fn explain_weak_password(
    app: &kizuna_app::App,
    ctx: &Ctx,
    problems: &mut [(String, String)],
    password: &str,
    email: &str,
) {
    let Some((_, message)) = problems.iter_mut().find(|(f, _)| f == "password") else {
        return;
    };
    let (p, e) = (password.to_owned(), email.to_owned());
    if let Ok(Err(weak)) = app
        .password_work(move || kizuna_app::auth::password_strength(&p, &[&e]))
        .await
    {
        *message = ctx.password_problem(&weak);
    }
}

/// A failure that is not the input's fault.
pub(crate) fn failed(ctx: &Ctx, e: &AppError) -> Response {
    tracing::error!(error = %e, "account page failed");
    message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
}

/// The message for a refused value, by its code (and field, where the
/// same code means different things).
fn problem(ctx: &Ctx, field: &str, code: &str) -> String {
    let key = match (field, code) {
        (_, "own_account") => "admin-error-own-account",
        (_, "last_admin") => "admin-error-last-admin",
        (_, "disabled") => "admin-error-disabled",
        ("email", "duplicate") => "admin-error-duplicate-email",
        (_, "invalid_email") => "admin-error-invalid-email",
        ("password", "weak_password" | "too_short") => "admin-error-weak-password",
        (_, "wrong_password") => "admin-error-wrong-password",
        (_, "unchanged") => "admin-error-unchanged",
        ("password_again", _) => "admin-error-passwords-differ",
        ("organisation", "required") => "admin-error-organisation-required",
        ("organisation", "not_found") => "admin-error-organisation-unknown",
        ("person", "required") => "admin-error-person-required",
        ("person", "not_a_volunteer") => "admin-error-person-not-volunteer",
        ("person", _) => "admin-error-person-unknown",
        ("user", "not_found") => "admin-error-user-unknown",
        ("name", "required") => "admin-error-name-required",
        ("name", _) => "admin-error-name-invalid",
        ("expires_in_days", _) => "admin-error-days",
        ("role" | "scope", _) => "admin-error-choice",
        _ => "admin-error-other",
    };
    ctx.t(key)
}

/// The problem named for `field`, if any.
pub(crate) fn problem_for<'a>(problems: &'a [(String, String)], field: &str) -> Option<&'a str> {
    problems.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
}

/// A page no browser or proxy may keep (it shows a secret or personal data).
pub(crate) fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The site's own address, as this request reached it (for a link shown
/// once, to be passed on).
pub(crate) fn origin(headers: &HeaderMap, secure: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)))
        .unwrap_or("127.0.0.1:8080");
    format!("{}://{host}", if secure { "https" } else { "http" })
}

/// A confirmation: what will happen, and the button that does it.
#[derive(Template)]
#[template(path = "admin/confirm.html")]
pub(crate) struct Confirm<'a> {
    pub ctx: &'a Ctx,
    pub title: String,
    pub explain: String,
    pub action: String,
    pub button: String,
    pub danger: bool,
    pub back: &'static str,
}

/// A secret shown once: a reset link or a new token.
#[derive(Template)]
#[template(path = "admin/once.html")]
pub(crate) struct Once<'a> {
    pub ctx: &'a Ctx,
    pub title: String,
    pub explain: String,
    pub secret: String,
    pub back: &'static str,
}

pub(crate) fn show_once(ctx: &Ctx, once: &Once<'_>) -> Response {
    no_store(render(ctx, once))
}
