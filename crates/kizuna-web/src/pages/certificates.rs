//! Completion certificates in the staff console (#15 item 6):
//!
//! - `/console/editions/{id}/certificates`: an edition's certificates
//!   (number, trainee, issue date, status) with their PDF, credential and
//!   verify links, and the form (POST, CSRF) that issues one to every
//!   trainee who completed and has none yet;
//! - `/console/certificates/{number}/pdf`: the PDF;
//! - `/console/certificates/{number}/revoke`: the confirmation, with the
//!   reason (POST revokes);
//! - a person's certificates on their console page ([`person_lines`]).
//!
//! Verify addresses (in the PDF's QR code and the credential) start with
//! `KIZUNA_PUBLIC_URL` when the server has it (as `kizuna certificates
//! issue` does), else with the address the request reached. The public
//! check is `certificates_verify.rs`.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kizuna_app::AppError;
use kizuna_app::certificates::{Issued, printed_name};
use kizuna_domain::common::Id;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::certificate::{CertificateStatus, REVOKE_REASON_MAX_CHARS, normalize_number};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{ParticipationRole, ParticipationStatus};

use super::{message, render};
use crate::session::{Ctx, WebState, urlencode};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/editions/{id}/certificates", get(edition_page).post(issue))
        .route("/console/certificates/{number}/pdf", get(pdf))
        .route("/console/certificates/{number}/revoke", get(revoke_page).post(revoke))
}

/// A certificate as a line of a table.
pub(crate) struct CertLine {
    pub(crate) number: String,
    pub(crate) person_id: Id,
    pub(crate) name: String,
    pub(crate) edition_id: Id,
    pub(crate) issued_on: String,
    pub(crate) issued_iso: String,
    pub(crate) valid: bool,
    /// "Revoked on …: reason" for staff.
    pub(crate) revoked: String,
}

fn line(ctx: &Ctx, c: &Issued) -> CertLine {
    let r = &c.row;
    let revoked = match (r.status, r.revoked_at) {
        (CertificateStatus::Revoked, Some(at)) => {
            ctx.t1(
                "cert-console-revoked-on",
                "date",
                ctx.date(&kizuna_app::clock::date_in_japan(at)),
            ) + &r.revoke_reason.as_deref().map(|w| format!(": {w}")).unwrap_or_default()
        }
        _ => String::new(),
    };
    CertLine {
        number: r.number.clone(),
        person_id: c.person.id,
        name: c.person.sort_name(),
        edition_id: r.edition_id,
        issued_on: ctx.date(&r.issued_on),
        issued_iso: r.issued_on.to_string(),
        valid: r.status == CertificateStatus::Valid,
        revoked,
    }
}

/// A person's certificates for their console page (staff only; the
/// caller decides).
pub(crate) async fn person_lines(s: &WebState, ctx: &Ctx, person_id: Id) -> Vec<CertLine> {
    match s.app.person_certificates(person_id).await {
        Ok(list) => list.iter().map(|c| line(ctx, c)).collect(),
        Err(e) => {
            tracing::error!(error = %e, "a person's certificates could not be read");
            Vec::new()
        }
    }
}

/// Where verify addresses start: `KIZUNA_PUBLIC_URL`, else this site as
/// the request reached it.
fn base_url(ctx: &Ctx, headers: &axum::http::HeaderMap) -> String {
    match std::env::var("KIZUNA_PUBLIC_URL") {
        Ok(u) if u.starts_with("http://") || u.starts_with("https://") => u.trim_end_matches('/').to_owned(),
        _ => super::admin::origin(headers, ctx.secure),
    }
}

fn app_error(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } => message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        other => {
            tracing::error!(error = %other, "a certificate page failed");
            message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}

fn parse_id(raw: &str) -> Option<Id> {
    raw.parse::<Id>().ok().filter(|n| *n > 0)
}

#[derive(Template)]
#[template(path = "certificates/edition.html")]
struct EditionPage<'a> {
    ctx: &'a Ctx,
    id: Id,
    title: String,
    notice: Option<String>,
    lines: Vec<CertLine>,
    /// Trainees who completed and have no certificate yet.
    pending: i64,
    pending_text: String,
    base: String,
}

#[derive(serde::Deserialize, Default)]
struct Notice {
    issued: Option<i64>,
    revoked: Option<String>,
}

#[derive(serde::Deserialize, Default)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn edition_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Notice>,
    headers: axum::http::HeaderMap,
) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let Some(id) = parse_id(&id) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    let app = crate::acting::for_ctx(&s, &ctx);
    let edition = match app.get::<Edition>(id).await {
        Ok(e) => e,
        Err(e) => return app_error(&ctx, e),
    };
    let title = match &edition.fields.title {
        Some(t) => ctx.local(t),
        None => match app.get::<Programme>(edition.fields.programme_id).await {
            Ok(p) => ctx.local(&p.fields.title),
            Err(e) => return app_error(&ctx, e),
        },
    };
    let issued = match app.edition_certificates(id).await {
        Ok(c) => c,
        Err(e) => return app_error(&ctx, e),
    };
    let roster = match app.edition_roster(id).await {
        Ok(r) => r,
        Err(e) => return app_error(&ctx, e),
    };
    let pending = roster
        .iter()
        .filter(|(p, _)| {
            p.fields.role == ParticipationRole::Trainee
                && p.fields.status == ParticipationStatus::Completed
                && !issued.iter().any(|c| c.row.participation_id == p.id)
        })
        .count() as i64;
    // The names shown are logged as viewed.
    let people: Vec<Id> = issued.iter().map(|c| c.person.id).collect();
    if let Err(e) = app.note_viewed(&people, "certificates").await {
        return app_error(&ctx, e);
    }
    let notice = match (q.issued, q.revoked) {
        (Some(n), _) => Some(ctx.tn("cert-console-issued", "count", n)),
        (None, Some(number)) => normalize_number(&number).map(|n| ctx.t1("cert-console-revoked", "number", n)),
        _ => None,
    };
    let page = EditionPage {
        ctx: &ctx,
        id,
        title: ctx.t1(
            "cert-console-edition",
            "edition",
            format!("{title} ({})", edition.fields.key),
        ),
        notice,
        lines: issued.iter().map(|c| line(&ctx, c)).collect(),
        pending,
        pending_text: ctx.tn("cert-console-pending", "count", pending),
        base: base_url(&ctx, &headers),
    };
    render(&ctx, &page)
}

/// POST: issue to every trainee who completed and has none yet.
async fn issue(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    if let Err(r) = ctx.check_csrf(&f.csrf) {
        return r;
    }
    let Some(id) = parse_id(&id) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    let app = crate::acting::for_ctx(&s, &ctx);
    match app.issue_certificates(id, &base_url(&ctx, &headers)).await {
        Ok(issued) => ctx.finish(
            Redirect::to(&format!("/console/editions/{id}/certificates?issued={}", issued.len())).into_response(),
        ),
        Err(e) => app_error(&ctx, e),
    }
}

/// The PDF of a certificate, made on the blocking pool.
async fn pdf(State(s): State<WebState>, ctx: Ctx, Path(number): Path<String>) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    let app = crate::acting::for_ctx(&s, &ctx);
    let row = match app.certificate(&number).await {
        Ok(r) => r,
        Err(e) => return app_error(&ctx, e),
    };
    match app.certificate_pdf(&row.number, crate::api::booklet_fonts()).await {
        Ok(bytes) => {
            if let Err(e) = app
                .note_export(
                    "person",
                    Some(row.person_id),
                    &format!("certificate {} pdf", row.number),
                )
                .await
            {
                return app_error(&ctx, e);
            }
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}.pdf\"", row.number)) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            ctx.finish(r)
        }
        Err(e) => app_error(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "certificates/revoke.html")]
struct RevokePage<'a> {
    ctx: &'a Ctx,
    number: String,
    name: String,
    edition_id: Id,
    reason: String,
    error: Option<String>,
    max: usize,
}

#[derive(serde::Deserialize, Default)]
struct RevokeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

async fn revoke_view(s: &WebState, ctx: &Ctx, number: &str, reason: &str, error: Option<String>) -> Response {
    let app = crate::acting::for_ctx(s, ctx);
    let row = match app.certificate(number).await {
        Ok(r) if r.status == CertificateStatus::Valid => r,
        Ok(_) => return message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        Err(e) => return app_error(ctx, e),
    };
    let person = match app.get::<kizuna_domain::common::person::Person>(row.person_id).await {
        Ok(p) => p,
        Err(e) => return app_error(ctx, e),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = render(
        ctx,
        &RevokePage {
            ctx,
            number: row.number,
            name: printed_name(&person),
            edition_id: row.edition_id,
            reason: reason.to_owned(),
            error,
            max: REVOKE_REASON_MAX_CHARS,
        },
    );
    *r.status_mut() = status;
    r
}

async fn revoke_page(State(s): State<WebState>, ctx: Ctx, Path(number): Path<String>) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    revoke_view(&s, &ctx, &number, "", None).await
}

/// POST: revoke with the reason, back to the edition's certificates.
async fn revoke(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(number): Path<String>,
    Form(f): Form<RevokeForm>,
) -> Response {
    if let Err(r) = ctx.require_staff() {
        return r;
    }
    if let Err(r) = ctx.check_csrf(&f.csrf) {
        return r;
    }
    let app = crate::acting::for_ctx(&s, &ctx);
    let row = match app.certificate(&number).await {
        Ok(r) => r,
        Err(e) => return app_error(&ctx, e),
    };
    match app.revoke_certificate(&row.number, &f.reason).await {
        Ok(()) => ctx.finish(
            Redirect::to(&format!(
                "/console/editions/{}/certificates?revoked={}",
                row.edition_id,
                urlencode(&row.number)
            ))
            .into_response(),
        ),
        Err(AppError::Invalid(errs)) => {
            let code = errs.first().map(|e| e.code.replace('_', "-")).unwrap_or_default();
            let key = format!("cert-error-reason-{code}");
            let text = ctx.t(&key);
            let text = if text == key {
                ctx.t("cert-error-reason-required")
            } else {
                text
            };
            revoke_view(&s, &ctx, &row.number, &f.reason, Some(text)).await
        }
        Err(e) => app_error(&ctx, e),
    }
}
