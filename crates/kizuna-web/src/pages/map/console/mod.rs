//! The staff pages of the Muslim-friendly map: the list of places with a
//! name search, filters and paging; the form that adds and changes a place
//! (every field, each problem named beside its field); marking a place
//! verified today; deleting with a confirmation; the review lists of
//! certificates ending soon or ended and of stale places; and imports of
//! GeoJSON, CSV and OpenStreetMap files with a preview of what would be
//! written, or of every record refused, before anything is.
//!
//! As in the rest of the console, pages work without JavaScript, every
//! string comes from `locales/*/places.ftl`, and every write is a POST form
//! carrying the CSRF token, answered with a redirect or with the same form
//! and its messages.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::Form;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::map::staff::StaffPlaceQuery;
use kizuna_app::map::{PlaceFileFormat, PlaceHit, check_opening_hours};
use kizuna_app::training::transfer::RowError;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{Assurance, CertificateStatus, Place, PlaceCategory, PlaceFields, SourceKind};
use kizuna_store::Page;

use crate::pages::upload::{FormError, MAX_FORM_BYTES, read_import_form, too_large_text};
use crate::pages::{message, render};
use crate::session::{Ctx, WebState, urlencode};
use kizuna_i18n::{self as i18n, Lang};

/// Rows per page of the list.
pub(crate) const PAGE_SIZE: usize = 50;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/places", get(list))
        .route("/console/places/new", get(new_form).post(create))
        .route("/console/places/review", get(review))
        .route(
            "/console/places/import",
            get(import_page)
                .post(import_post)
                .layer(DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route("/console/places/import/jobs/{id}", get(import_job_page))
        .route("/console/places/import/jobs/{id}/progress", get(import_job_progress))
        .route("/console/places/{id}/edit", get(edit_form).post(update))
        .route("/console/places/{id}/verify", post(verify))
        .route("/console/places/{id}/delete", get(delete_page).post(delete))
        .merge(reports::routes())
}

// ------------------------------------------------------------------ helpers

/// Run a guard that answers with a response when it refuses.
macro_rules! guard {
    ($e:expr) => {
        if let Err(r) = $e {
            return r;
        }
    };
}

/// Unwrap an application result, or answer with the page that explains it.
macro_rules! ok_or_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return app_error($ctx, e),
        }
    };
}

/// Signed-in staff or admins; anonymous visitors are sent to sign in, other
/// accounts are told they may not.
#[allow(clippy::result_large_err)] // the refusal is the answer, as with `Ctx::require_staff`
pub(crate) fn staff_only(ctx: &Ctx) -> Result<(), Response> {
    match ctx.require_staff() {
        Ok(_) => Ok(()),
        Err(_) if ctx.user.is_some() => Err(message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-body")),
        Err(r) => Err(r),
    }
}

pub(crate) fn app_error(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } => not_found(ctx),
        other => {
            tracing::error!(error = %other, "places page failed");
            message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}

pub(crate) fn not_found(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")
}

pub(crate) fn parse_id(raw: &str) -> Option<Id> {
    raw.trim().parse::<Id>().ok().filter(|n| *n > 0)
}

pub(crate) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// `group-value` from the catalogue, e.g. `places-category-prayer-room`.
pub(crate) fn label(ctx: &Ctx, group: &str, value: &str) -> String {
    ctx.t(&format!("places-{group}-{}", value.replace('_', "-")))
}

pub(crate) fn field_label(ctx: &Ctx, name: &str) -> String {
    label(ctx, "field", name)
}

/// Name languages in the order the page's language prefers them.
pub(crate) fn prefer(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::En => vec!["en"],
        Lang::Ja => vec!["ja"],
        Lang::Th => vec!["th"],
        // Indonesian is closer to Malay than English is.
        Lang::Ms => vec!["ms", "id"],
    }
}

pub(crate) fn place_name(ctx: &Ctx, p: &Place) -> String {
    p.name(&prefer(ctx.lang)).to_owned()
}

/// The Japanese name as well, when the page shows another.
pub(crate) fn other_name(ctx: &Ctx, p: &Place) -> String {
    let shown = p.name(&prefer(ctx.lang));
    match p.fields.names.get("ja") {
        Some(ja) if ja.as_str() != shown => ja.to_string(),
        _ => String::new(),
    }
}

pub(crate) fn locality_name(ctx: &Ctx, l: &Locality) -> String {
    ctx.local(&l.fields.name)
}

pub(crate) async fn localities(s: &WebState) -> Result<Vec<Locality>, AppError> {
    let all = Page {
        limit: 100_000,
        offset: 0,
    };
    let mut list = s.app.list::<Locality>(&BTreeMap::new(), all).await?.0;
    list.sort_by(|a, b| a.fields.key.cmp(&b.fields.key));
    Ok(list)
}

/// Why a value was refused, in the page's language: the message for this
/// field and rule, else for the rule, else a general one (English pages
/// fall back on the application's own sentence, which says more).
pub(crate) fn reason(ctx: &Ctx, field: &str, code: &str, value: &str, fallback: &str) -> String {
    let args = [("value", FluentValue::from(value.to_owned()))];
    let norm = |s: &str| s.replace('_', "-");
    for key in [
        format!("places-error-{}-{}", norm(field), norm(code)),
        format!("places-error-{}", norm(code)),
    ] {
        let text = i18n::message(ctx.lang, &key, &args);
        if text != key {
            return text;
        }
    }
    if ctx.lang == Lang::En && !fallback.is_empty() {
        return fallback.to_owned();
    }
    i18n::message(ctx.lang, "places-error-invalid", &args)
}

pub(crate) struct Badge {
    pub(crate) label: String,
    pub(crate) class: &'static str,
}

pub(crate) fn assurance_badge(ctx: &Ctx, a: Assurance) -> Badge {
    Badge {
        label: label(ctx, "assurance", a.as_str()),
        class: match a {
            Assurance::Certified => "good",
            Assurance::SelfDeclared => "info",
            _ => "plain",
        },
    }
}

pub(crate) fn certificate_badge(ctx: &Ctx, s: CertificateStatus) -> Badge {
    Badge {
        label: label(ctx, "certificate", s.as_str()),
        class: match s {
            CertificateStatus::Valid => "good",
            CertificateStatus::Expired => "bad",
            _ => "warn",
        },
    }
}

/// One choice of a `<select>` or a radio group.
pub(crate) struct Opt {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) selected: bool,
}

pub(crate) fn opt(value: impl ToString, label: impl ToString, current: &str) -> Opt {
    let value = value.to_string();
    Opt {
        selected: value == current,
        value,
        label: label.to_string(),
    }
}

/// A place's path on the console with a notice for the next page.
pub(crate) fn with_notice(path: &str, notice: &str) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !["saved=", "verified=", "deleted="].iter().any(|n| kv.starts_with(n)))
        .collect();
    kept.push(notice);
    format!("{base}?{}", kept.join("&"))
}

/// Where to go back to after an action: a console places page, or the given default.
pub(crate) fn safe_back(raw: &str, default: String) -> String {
    let ok = raw.starts_with("/console/places")
        && !raw.contains("//")
        && !raw.contains('\\')
        && raw.bytes().all(|b| b.is_ascii_graphic());
    if ok { raw.to_owned() } else { default }
}

mod form;
mod import;
mod list;
mod reports;
mod review;
mod verify;

use form::*;
use import::*;
use list::*;
use review::*;
use verify::*;
