//! The JSON API under `/api/v1`, one module per system, and its OpenAPI
//! document.
//!
//! Every handler carries its operation (`#[utoipa::path]`: parameters,
//! body, answers, and the access it needs) and is registered with
//! `utoipa-axum`, so the document at `/api/openapi.json` is generated from
//! the handlers the router serves and cannot drift from them. The access
//! an operation declares is also the rule the guard enforces ([`Access`]):
//! operations without security are public; the rest need a staff account.

use std::collections::BTreeMap;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kizuna_app::training::transfer::FileFormat;
use kizuna_domain::FieldError;
use kizuna_store::Page;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::error::{ApiError, ApiResult};
use crate::session::WebState;

mod certificates;
mod itineraries;
mod map;
mod openapi;
mod photos;
mod records;
mod reports_annual;
mod search;
mod system;
mod tourism;
mod training;

pub use map::{booklet_fonts, booklet_land};
pub use openapi::{Access, AccessTable, Openapi};

/// The application acting for the caller: every write, and every read of
/// a person, is logged in the audit log as theirs.
type AppState = crate::acting::Acting;

/// The security an operation that needs a staff account declares (an API
/// token, or the session cookie with `X-CSRF-Token` on writes).
pub(crate) const STAFF: &str = "bearerAuth";
/// The role an administrators-only operation lists in its `bearerAuth`
/// requirement: `security(("bearerAuth" = ["admin"]))`.
pub(crate) const ADMIN_ROLE: &str = "admin";

/// Every route of the API with its operation, by system.
pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::with_openapi(openapi::base())
        .merge(system::routes())
        .merge(records::routes())
        .merge(training::routes())
        .merge(map::routes())
        .merge(photos::routes())
        .merge(tourism::routes())
        .merge(itineraries::routes())
        .merge(reports_annual::routes())
        .merge(certificates::routes())
        .merge(search::routes())
}

/// A page of records with the total.
#[derive(Serialize, ToSchema)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    /// Records matching, in all.
    pub total: i64,
    pub limit: u32,
    pub offset: u32,
}

/// Paging of lists: `limit` 1–1000 (default 100) and `offset`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// Page size, 1-1000 (default 100).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u32>,
    /// Records to skip.
    #[param(minimum = 0, maximum = 4294967295_u32)]
    offset: Option<u32>,
}

fn take_page(q: &mut BTreeMap<String, String>) -> ApiResult<Page> {
    let mut page = Page::default();
    let mut errors = Vec::new();
    if let Some(v) = q.remove("limit") {
        match v.parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => page.limit = n,
            _ => errors.push(FieldError::new(
                "limit",
                "out_of_range",
                format!("limit must be a whole number from 1 to 1000, not \"{v}\""),
            )),
        }
    }
    if let Some(v) = q.remove("offset") {
        match v.parse::<u32>() {
            Ok(n) => page.offset = n,
            _ => errors.push(FieldError::new(
                "offset",
                "out_of_range",
                format!("offset must be a whole number from 0 to {}, not \"{v}\"", u32::MAX),
            )),
        }
    }
    if errors.is_empty() {
        Ok(page)
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// A record id from the path: a positive whole number.
pub(crate) fn parse_id(raw: &str) -> ApiResult<i64> {
    match raw.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ApiError::invalid(vec![FieldError::new(
            "id",
            "invalid_id",
            format!("\"{raw}\" is not a record id (a positive whole number)"),
        )])),
    }
}

/// Refuse query parameters the endpoint does not take, naming the ones it does.
pub(crate) fn no_leftovers(q: &BTreeMap<String, String>, allowed: &str) -> ApiResult<()> {
    let errors: Vec<FieldError> = q
        .keys()
        .map(|k| FieldError::new(k, "unknown_parameter", format!("unknown parameter {k}; use {allowed}")))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// The `dry_run` parameter of imports: true or false (default false).
pub(crate) fn take_dry_run(q: &mut BTreeMap<String, String>) -> ApiResult<bool> {
    match q.remove("dry_run").as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(ApiError::bad_request(
            "dry_run",
            format!("\"{other}\" is not true or false"),
        )),
    }
}

fn file_format(q: &mut BTreeMap<String, String>, allowed: &[FileFormat]) -> ApiResult<FileFormat> {
    let raw = q.remove("format").unwrap_or_else(|| "csv".into());
    let f = match raw.as_str() {
        "csv" => Some(FileFormat::Csv),
        "xlsx" => Some(FileFormat::Xlsx),
        "json" => Some(FileFormat::Json),
        _ => None,
    };
    match f {
        Some(f) if allowed.contains(&f) => Ok(f),
        _ => Err(ApiError::invalid(vec![FieldError::new(
            "format",
            "unknown_value",
            format!("\"{raw}\" is not a format offered here"),
        )])),
    }
}

fn file_response(bytes: Vec<u8>, format: FileFormat, name: &str) -> Response {
    let (ct, ext) = match format {
        FileFormat::Csv => ("text/csv; charset=utf-8", "csv"),
        FileFormat::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        FileFormat::Json => ("application/json", "json"),
    };
    (
        [
            (header::CONTENT_TYPE, ct.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The answer to a method a route does not take.
pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that method",
    )
}

/// The API's router and its finished document (with the access table).
pub fn build() -> (axum::Router<WebState>, Openapi) {
    let (router, doc) = routes().split_for_parts();
    (router, openapi::finish(doc, &records::list_filters()))
}
