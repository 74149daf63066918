//! "Report a problem" with a place: `/map/places/{id}/report`, a form
//! anyone may send without an account or personal data (the contact is
//! optional). CSRF-checked like the other public forms (the double-submit
//! token before sign-in), with a honeypot field that bots fill and people
//! never see (such a report is thanked for and dropped), and limited per
//! client address and in all (429 with `Retry-After` and the wait in the
//! reader's language).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use kizuna_app::AppError;
use kizuna_app::map::reports::ReportOutcome;
use kizuna_domain::map::report::ReportKind;

use super::{best_name, message, render};
use crate::session::{Ctx, WebState, client_address};

pub struct KindChoice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "map/report.html")]
struct ReportPage<'a> {
    ctx: &'a Ctx,
    id: i64,
    name: String,
    kinds: Vec<KindChoice>,
    text: String,
    contact: String,
    /// Messages by field (`kind`, `text`, `contact`).
    errors: Vec<(String, String)>,
    sent: bool,
}

impl ReportPage<'_> {
    fn err(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ReportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    contact: String,
    /// The honeypot: hidden from people, tempting to bots.
    #[serde(default, rename = "homepage")]
    honeypot: String,
}

#[derive(serde::Deserialize, Default)]
pub struct Sent {
    sent: Option<String>,
}

async fn page(
    s: &WebState,
    ctx: &Ctx,
    id: &str,
    form: &ReportForm,
    errors: Vec<(String, String)>,
    sent: bool,
) -> Response {
    let Some(id) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    let h = match s.app.place(id).await {
        Ok(h) => h,
        Err(AppError::NotFound { .. }) => {
            return message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
        }
        Err(_) => return message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database"),
    };
    let (name, _) = best_name(&h.place, ctx.lang);
    let kinds = ReportKind::ALL
        .iter()
        .map(|k| KindChoice {
            value: k.as_str(),
            label: ctx.t(&format!("report-kind-{}", k.as_str().replace('_', "-"))),
            checked: form.kind == k.as_str(),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut r = render(
        ctx,
        &ReportPage {
            ctx,
            id,
            name,
            kinds,
            text: form.text.clone(),
            contact: form.contact.clone(),
            errors,
            sent,
        },
    );
    *r.status_mut() = status;
    r
}

pub(crate) async fn form(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Sent>,
) -> Response {
    page(&s, &ctx, &id, &ReportForm::default(), Vec::new(), q.sent.is_some()).await
}

pub(crate) async fn send(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    parts: axum::http::request::Parts,
    Form(f): Form<ReportForm>,
) -> Response {
    let Some(place_id) = id.parse::<i64>().ok().filter(|n| *n > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    if let Err(r) = ctx.check_csrf(&f.csrf) {
        return r;
    }
    let thanks = |ctx: &Ctx| ctx.finish(Redirect::to(&format!("/map/places/{place_id}/report?sent=1")).into_response());
    if !f.honeypot.trim().is_empty() {
        // A bot: thanked, so that it learns nothing, and dropped.
        return thanks(&ctx);
    }
    let address = client_address(&parts.extensions, &parts.headers, &s.trusted_proxies);
    match s
        .app
        .report_place_problem(place_id, &f.kind, &f.text, &f.contact, &address)
        .await
    {
        Ok(ReportOutcome::Taken(_)) => thanks(&ctx),
        Ok(ReportOutcome::Wait(seconds)) => {
            let minutes = (seconds + 59) / 60;
            let body = ctx.tn("report-too-many-body", "minutes", minutes);
            let mut r = render(
                &ctx,
                &crate::pages::MessagePage {
                    ctx: &ctx,
                    title: ctx.t("report-too-many-title"),
                    body,
                },
            );
            *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            r.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
            r
        }
        Err(AppError::Invalid(errs)) => {
            let errors = errs
                .iter()
                .map(|e| {
                    let key = format!("report-error-{}-{}", e.field, e.code.replace('_', "-"));
                    let text = ctx.t(&key);
                    let text = if text == key { ctx.t("report-error-fix") } else { text };
                    (e.field.clone(), text)
                })
                .collect();
            page(&s, &ctx, &id, &f, errors, false).await
        }
        Err(AppError::NotFound { .. }) => message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        Err(e) => {
            tracing::error!(error = %e, "a place report failed");
            message(&ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}
