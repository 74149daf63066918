//! The public check of a completion certificate (#15 item 6), for anyone
//! holding its number or scanning its QR code, without an account:
//!
//! - `GET /verify`: a form to type a number (`?number=` goes to its page);
//! - `GET /verify/{number}`: the page: number, course (in the reader's
//!   language, or marked with the language it falls back to), fiscal year,
//!   issue date, valid or revoked with the day it was revoked;
//!   `GET /verify/{number}.json` the same facts as JSON;
//! - `GET /verify/{number}/credential`: the signed Open Badges credential;
//! - `GET /verify/{number}/status`: its Bitstring Status List credential.
//!
//! Nothing names the trainee: not the name, not an id. The reason for a
//! revocation is not shown either: staff write it freely and it may say
//! something about the person ("name misspelt", a conduct matter); that
//! it was revoked and when is what a reader needs. Every look-up is one
//! limited read in the app (`verify_certificate`): over the limit, 429
//! with `Retry-After` and the wait in the reader's language. A page for an
//! unknown number is padded like a known one, so that the two fall in the
//! same size class ([`SIZE_CLASS`]).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kizuna_app::certificates::{PublicDocument, Verification, Verified};
use kizuna_domain::training::certificate::{CertificateStatus, normalize_number};
use serde_json::json;

use super::render;
use crate::session::{Ctx, WebState, client_address, urlencode};

/// Known and unknown answers are padded to a multiple of this many bytes.
pub const SIZE_CLASS: usize = 8192;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/verify", get(form))
        .route("/verify/{number}", get(page))
        .route("/verify/{number}/credential", get(credential))
        .route("/verify/{number}/status", get(status_list))
}

#[derive(Template)]
#[template(path = "certificates/verify.html")]
struct VerifyPage<'a> {
    ctx: &'a Ctx,
    /// The number as asked (for the form), or found.
    number: String,
    found: Option<Shown>,
}

struct Shown {
    number: String,
    course: String,
    fy: String,
    issued_on: String,
    issued_iso: String,
    valid: bool,
    revoked_on: String,
}

#[derive(serde::Deserialize, Default)]
struct Asked {
    #[serde(default)]
    number: Option<String>,
}

/// Pad an answer's body with spaces to the next multiple of
/// [`SIZE_CLASS`] bytes (an HTML page's padding goes in a comment before
/// its end; JSON takes trailing whitespace).
fn pad(mut body: String, html: bool) -> String {
    let extra = if html { 8 } else { 0 };
    let len = body.len() + extra;
    let target = len.div_ceil(SIZE_CLASS).max(1) * SIZE_CLASS;
    let fill = " ".repeat(target - len);
    if html {
        body.push_str("<!--");
        body.push_str(&fill);
        body.push_str("-->\n");
    } else {
        body.push_str(&fill);
    }
    body
}

fn too_many(ctx: &Ctx, seconds: i64, json: bool) -> Response {
    let text = ctx.tn("verify-too-many", "seconds", seconds);
    let mut r = if json {
        let body = json!({"status": "too_many_requests", "retry_after": seconds, "message": text});
        ([(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
    } else {
        render(
            ctx,
            &crate::pages::MessagePage {
                ctx,
                title: ctx.t("verify-too-many-title"),
                body: text,
            },
        )
    };
    *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    r
}

fn unavailable(ctx: &Ctx, e: &kizuna_app::AppError) -> Response {
    tracing::error!(error = %e, "a certificate look-up failed");
    crate::pages::message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
}

/// `GET /verify`: the form; with `?number=` it goes to that number's page.
async fn form(ctx: Ctx, Query(q): Query<Asked>) -> Response {
    if let Some(raw) = q.number.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        let n = normalize_number(raw).unwrap_or_else(|| raw.chars().take(40).collect());
        return ctx
            .finish(Redirect::to(&format!("/verify/{}?lang={}", urlencode(&n), ctx.lang.code())).into_response());
    }
    render(
        &ctx,
        &VerifyPage {
            ctx: &ctx,
            number: String::new(),
            found: None,
        },
    )
}

fn shown(ctx: &Ctx, v: &Verified) -> Shown {
    Shown {
        number: v.number.clone(),
        course: ctx.local(&v.course),
        fy: ctx.fy(&v.fiscal_year.year()),
        issued_on: ctx.date(&v.issued_on),
        issued_iso: v.issued_on.to_string(),
        valid: v.status == CertificateStatus::Valid,
        revoked_on: v.revoked_on.map(|d| ctx.date(&d)).unwrap_or_default(),
    }
}

/// `GET /verify/{number}` (a page) and `GET /verify/{number}.json`.
async fn page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    parts: axum::http::request::Parts,
) -> Response {
    let (number, json) = match raw.strip_suffix(".json") {
        Some(n) => (n.to_owned(), true),
        None => (raw.clone(), false),
    };
    let address = client_address(&parts.extensions, &parts.headers, &s.trusted_proxies);
    let answer = match s.app.verify_certificate(&number, &address).await {
        Ok(a) => a,
        Err(e) => return unavailable(&ctx, &e),
    };
    let found = match answer {
        Verification::Wait(seconds) => return too_many(&ctx, seconds, json),
        Verification::Found(v) => Some(v),
        Verification::NotFound => None,
    };
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let mut r = if json {
        let body = match &found {
            Some(v) => json!({
                "number": v.number,
                "course": v.course,
                "fiscal_year": v.fiscal_year.year(),
                "fiscal_year_label": ctx.fy(&v.fiscal_year.year()),
                "issued_on": v.issued_on.to_string(),
                "status": v.status.as_str(),
                "revoked_on": v.revoked_on.map(|d| d.to_string()),
                "credential": format!("/verify/{}/credential", v.number),
            }),
            None => json!({"status": "not_found", "message": ctx.t("verify-not-found")}),
        };
        (
            [(header::CONTENT_TYPE, "application/json")],
            pad(body.to_string(), false),
        )
            .into_response()
    } else {
        let page = VerifyPage {
            ctx: &ctx,
            number: found
                .as_ref()
                .map_or_else(|| number.chars().take(40).collect(), |v| v.number.clone()),
            found: found.as_ref().map(|v| shown(&ctx, v)),
        };
        match page.render() {
            Ok(html) => ctx.finish(axum::response::Html(pad(html, true)).into_response()),
            Err(e) => {
                tracing::error!(error = %e, "template failed");
                return (StatusCode::INTERNAL_SERVER_ERROR, "the page could not be drawn").into_response();
            }
        }
    };
    *r.status_mut() = status;
    // Revocation must show at once: no cache keeps an old answer.
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

async fn document(s: &WebState, ctx: &Ctx, number: &str, parts: &axum::http::request::Parts, status: bool) -> Response {
    let address = client_address(&parts.extensions, &parts.headers, &s.trusted_proxies);
    match s.app.public_certificate_document(number, &address, status).await {
        Ok(PublicDocument::Found(doc)) => {
            let mut r = ([(header::CONTENT_TYPE, "application/ld+json")], doc.to_string()).into_response();
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            r.headers_mut()
                .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
            r
        }
        Ok(PublicDocument::NotFound) => {
            let body = json!({"status": "not_found", "message": ctx.t("verify-not-found")});
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "application/json")],
                body.to_string(),
            )
                .into_response()
        }
        Ok(PublicDocument::Wait(seconds)) => too_many(ctx, seconds, true),
        Err(e) => unavailable(ctx, &e),
    }
}

/// `GET /verify/{number}/credential`: the signed credential, as issued.
async fn credential(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(number): Path<String>,
    parts: axum::http::request::Parts,
) -> Response {
    document(&s, &ctx, &number, &parts, false).await
}

/// `GET /verify/{number}/status`: the status list credential the
/// credential's `credentialStatus` names.
async fn status_list(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(number): Path<String>,
    parts: axum::http::request::Parts,
) -> Response {
    document(&s, &ctx, &number, &parts, true).await
}
