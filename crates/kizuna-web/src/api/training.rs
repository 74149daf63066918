//! The training system's API: the trainee statistics (public) and the
//! people behind a figure, a person's roles, attendance, and trainee files
//! in and out.

use std::collections::BTreeMap;
use std::str::FromStr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::Path;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use kizuna_app::training::transfer::{FileFormat, ImportReport, trainee_template};
use kizuna_domain::common::person::Person;
use kizuna_domain::training::disclosure::{Audience, PublishedReport};
use kizuna_domain::training::session::Attendance;
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_domain::{FieldError, Invalid};
use kizuna_store::RoleHeld;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{
    AppState, ListPage, PageParams, file_format, file_response, no_leftovers, parse_id, take_dry_run, take_page,
};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{JsonBody, QueryMap};
use crate::session::{Ctx, WebState};

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(trainee_report))
        .routes(routes!(trainee_people))
        .routes(routes!(person_roles))
        .routes(routes!(attendance, mark_attendance))
        .routes(routes!(import_trainees))
        .routes(routes!(export_trainees))
        .routes(routes!(template_trainees))
}

/// Which trainees a report counts.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ReportParams {
    /// Count editions started on or before this date (default: today in Japan).
    as_of: Option<NaiveDate>,
    /// A Japanese fiscal year: 2007, FY2007 or 平成19年度.
    fiscal_year: Option<String>,
    /// Nationality, ISO 3166-1 alpha-2 (e.g. TH).
    #[param(pattern = "^[A-Za-z]{2}$")]
    country: Option<String>,
    region: Option<kizuna_domain::common::Region>,
    /// A course (programme id).
    #[param(minimum = 1)]
    programme_id: Option<i64>,
    gender: Option<kizuna_domain::common::person::Gender>,
    /// Only the participations this office keeps (default: every office).
    #[param(minimum = 1)]
    office_id: Option<i64>,
}

/// Read the report filter from query parameters, naming each bad one.
fn trainee_filter(q: &mut BTreeMap<String, String>) -> ApiResult<TraineeFilter> {
    let mut errors = Vec::new();
    let mut f = TraineeFilter::default();
    fn take<T>(
        q: &mut BTreeMap<String, String>,
        name: &str,
        errors: &mut Vec<FieldError>,
        parse: impl Fn(&str) -> Result<T, Invalid>,
    ) -> Option<T> {
        let raw = q.remove(name)?;
        parse(&raw).map_err(|e| errors.push(e.at(name))).ok()
    }
    f.as_of = take(q, "as_of", &mut errors, |s| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| Invalid::new("invalid_date", format!("\"{s}\" is not a date; write YYYY-MM-DD")))
    });
    f.fiscal_year = take(q, "fiscal_year", &mut errors, kizuna_domain::common::FiscalYear::parse);
    f.country = take(q, "country", &mut errors, kizuna_domain::common::CountryCode::parse);
    f.region = take(q, "region", &mut errors, kizuna_domain::common::Region::from_str);
    f.gender = take(
        q,
        "gender",
        &mut errors,
        kizuna_domain::common::person::Gender::from_str,
    );
    f.programme_id = take(q, "programme_id", &mut errors, |s| match s.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(Invalid::new(
            "invalid_id",
            format!("\"{s}\" is not a programme id (a positive whole number)"),
        )),
    });
    f.office_id = take(q, "office_id", &mut errors, |s| match s.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(Invalid::new(
            "invalid_id",
            format!("\"{s}\" is not an office id (a positive whole number)"),
        )),
    });
    if errors.is_empty() {
        Ok(f)
    } else {
        Err(ApiError::invalid(errors))
    }
}

const REPORT_PARAMS: &str = "as_of, fiscal_year, country, region, programme_id, gender, office_id";

/// Trainees and countries as of a date, by fiscal year, country, region,
/// course and gender (public).
///
/// Staff read every figure exact and may filter by any parameter. Anyone
/// else (anonymous, a partner) reads the whole report as of a date: counts
/// of 1 or 2 people by nationality, region, gender or course, and as few
/// others as it takes to keep them from being worked out from the totals,
/// are null (`withheld_below` is 3); the headline (trainees, countries) and
/// the fiscal years' totals stay exact. The other filters would cut the
/// figures small, so they are for staff (403 `staff_only_filter`).
#[utoipa::path(get, path = "/api/v1/reports/trainees", tag = "reports", operation_id = "trainee_report",
    params(ReportParams),
    responses((status = 200, description = "The report; small counts null unless the reader is staff", body = PublishedReport),
              (status = 403, description = "A filter other than as_of from a reader who is not staff", body = ErrorBody)))]
async fn trainee_report(app: AppState, ctx: Ctx, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let filter = trainee_filter(&mut q)?;
    no_leftovers(&q, REPORT_PARAMS)?;
    let audience = if ctx.is_staff() {
        Audience::Staff
    } else {
        Audience::Public
    };
    if audience == Audience::Public {
        let narrowed = TraineeFilter {
            as_of: filter.as_of,
            ..TraineeFilter::default()
        } != filter;
        if narrowed {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "staff_only_filter",
                "only staff may narrow the report by fiscal_year, country, region, programme_id, gender or office_id; \
                 without an account, ask for the whole report (as_of only)",
            ));
        }
    }
    let report = app.trainee_report(&filter).await?;
    Ok(Json(PublishedReport::publish(&report, audience)).into_response())
}

/// The people behind a figure of the trainee report, by name.
#[utoipa::path(get, path = "/api/v1/reports/trainees/people", tag = "reports", operation_id = "trainee_report_people",
    security(("bearerAuth" = [])), params(ReportParams, PageParams),
    responses((status = 200, description = "A page of people; the total is the report's figure", body = ListPage<Person>)))]
async fn trainee_people(app: AppState, QueryMap(mut q): QueryMap) -> ApiResult<Json<ListPage<Person>>> {
    let page = take_page(&mut q)?;
    let filter = trainee_filter(&mut q)?;
    no_leftovers(&q, &format!("{REPORT_PARAMS}, limit, offset"))?;
    let (items, total) = app.trainee_drilldown(&filter, page).await?;
    Ok(Json(ListPage {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    }))
}

/// Every role a person has held, oldest first.
#[utoipa::path(get, path = "/api/v1/people/{id}/roles", tag = "people", operation_id = "person_roles",
    security(("bearerAuth" = [])), params(("id" = i64, Path, minimum = 1, description = "The person's id")),
    responses((status = 200, description = "Roles, oldest first", body = Vec<RoleHeld>)))]
async fn person_roles(app: AppState, Path(id): Path<String>) -> ApiResult<Response> {
    Ok(Json(app.roles_of(parse_id(&id)?).await?).into_response())
}

/// Attendance recorded for a session: each person's status (present,
/// absent, late or excused) and note.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/attendance", tag = "sessions", operation_id = "get_attendance",
    security(("bearerAuth" = [])), params(("id" = i64, Path, minimum = 1, description = "The session's id")),
    responses((status = 200, description = "Attendance, by person", body = Vec<Attendance>)))]
async fn attendance(app: AppState, Path(id): Path<String>) -> ApiResult<Json<Vec<Attendance>>> {
    Ok(Json(app.attendance(parse_id(&id)?).await?))
}

/// Mark how people attended a session: `status` present, absent, late or
/// excused, with an optional note (people of its edition only; marks for
/// others already there stay).
#[utoipa::path(put, path = "/api/v1/sessions/{id}/attendance", tag = "sessions", operation_id = "mark_attendance",
    security(("bearerAuth" = [])), params(("id" = i64, Path, minimum = 1, description = "The session's id")),
    request_body = Vec<Attendance>,
    responses((status = 200, description = "Attendance after marking", body = Vec<Attendance>)))]
async fn mark_attendance(
    app: AppState,
    Path(id): Path<String>,
    JsonBody(marks): JsonBody<Vec<Attendance>>,
) -> ApiResult<Json<Vec<Attendance>>> {
    Ok(Json(app.mark_attendance(parse_id(&id)?, &marks).await?))
}

/// An upload's body, or 413 `payload_too_large` naming the limit (axum's
/// own answer would be plain text).
pub(super) fn upload(body: Result<Bytes, BytesRejection>) -> ApiResult<Bytes> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!(
                    "the body is larger than {}, the most an import takes; split the file",
                    kizuna_io::limits::megabytes(kizuna_io::limits::MAX_FILE_BYTES as u64)
                ),
            )
        } else {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("cannot read the body: {e}"),
            )
        }
    })
}

/// Import trainees from CSV or XLSX: all rows or none; each rejected value
/// is named by row, column, value and reason.
///
/// Limits: a file of at most 20 MB; a workbook that unpacks to at most
/// 50 MB, no part of it more than 100 times its packed size; at most
/// 200,000 cells (CSV cells; in a sheet, from A1 to the last used cell).
/// Past any of them: 413, nothing read into the store.
#[utoipa::path(post, path = "/api/v1/imports/trainees", tag = "imports", operation_id = "import_trainees",
    security(("bearerAuth" = [])),
    params(("dry_run" = Option<bool>, Query, description = "Check only, write nothing")),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "Imported (or, with dry_run, checked)", body = ImportReport),
              (status = 413, description = "Larger than an import takes: a body over 20 MB, a workbook unpacking to over 50 MB or a part over 100 times its packed size, or over 200,000 cells; nothing written", body = ErrorBody),
              (status = 415, description = "Not CSV or XLSX", body = ErrorBody)))]
async fn import_trainees(
    app: AppState,
    headers: HeaderMap,
    QueryMap(mut q): QueryMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let body = upload(body)?;
    let dry_run = take_dry_run(&mut q)?;
    no_leftovers(&q, "dry_run")?;
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let format = if ct.starts_with("text/csv") {
        FileFormat::Csv
    } else if ct.starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
        FileFormat::Xlsx
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the file as text/csv or as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ));
    };
    Ok(Json(app.import_trainees(&body, format, dry_run).await?).into_response())
}

/// Every trainee participation, in the import template's columns
/// (personal data in bulk: administrators only).
#[utoipa::path(get, path = "/api/v1/exports/trainees", tag = "exports", operation_id = "export_trainees",
    security(("bearerAuth" = ["admin"])),
    params(("format" = Option<String>, Query, description = "csv (default), xlsx or json", pattern = "^(csv|xlsx|json)$")),
    responses((status = 200, description = "The file", content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Vec<Object> = "application/json")))))]
async fn export_trainees(app: AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let format = file_format(&mut q, &[FileFormat::Csv, FileFormat::Xlsx, FileFormat::Json])?;
    no_leftovers(&q, "format")?;
    Ok(file_response(app.export_trainees(format).await?, format, "trainees"))
}

/// The empty import template (XLSX: with a sheet describing each column).
#[utoipa::path(get, path = "/api/v1/templates/trainees", tag = "imports", operation_id = "trainee_template",
    security(("bearerAuth" = [])),
    params(("format" = Option<String>, Query, description = "csv (default) or xlsx", pattern = "^(csv|xlsx)$")),
    responses((status = 200, description = "The template", content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
async fn template_trainees(QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let format = file_format(&mut q, &[FileFormat::Csv, FileFormat::Xlsx])?;
    no_leftovers(&q, "format")?;
    Ok(file_response(trainee_template(format)?, format, "trainees-template"))
}
