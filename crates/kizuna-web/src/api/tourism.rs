//! Tourism's visitor flows through the API: the figures (with their
//! stages), and a flows file imported (all or nothing; a later stage
//! replacing an earlier one, an earlier one reported and not applied).
//! Fairs, leads, campaigns and trainings' links are collections in
//! `records.rs`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kizuna_app::tourism::flows::{FlowImport, TourismFlow};
use kizuna_io::table::FileFormat;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::training::upload;
use super::{AppState, no_leftovers, take_dry_run};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::QueryMap;
use crate::session::WebState;

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(list_flows))
        .routes(routes!(import_flows))
}

/// The visitor figures by origin, destination and month, each with its
/// stage (preliminary, provisional or definitive).
#[utoipa::path(get, path = "/api/v1/tourism/flows", tag = "tourism", operation_id = "list_tourism_flows",
    security(("bearerAuth" = [])),
    params(("origin" = Option<String>, Query, description = "Only from this area: a country code (TH) or a locality's key (jp/hokkaido)"),
           ("destination" = Option<String>, Query, description = "Only to this area")),
    responses((status = 200, description = "The figures", body = Vec<TourismFlow>),
              (status = 400, description = "An unknown area or parameter", body = ErrorBody)))]
async fn list_flows(app: AppState, QueryMap(mut q): QueryMap) -> ApiResult<Json<Vec<TourismFlow>>> {
    let origin = q.remove("origin");
    let destination = q.remove("destination");
    no_leftovers(&q, "origin, destination")?;
    Ok(Json(app.flow_list(origin.as_deref(), destination.as_deref()).await?))
}

/// Import a flows file (CSV or XLSX: columns origin, destination, stage,
/// then one per month such as 2023-02): every value checked first, the
/// file refused whole when one is wrong (each named by row, column and
/// reason); a later stage replaces an earlier one and the replacement is
/// kept as history; a figure at an earlier stage than the one on record
/// is not applied and is listed in `kept`.
#[utoipa::path(post, path = "/api/v1/tourism/flows/import", tag = "tourism", operation_id = "import_tourism_flows",
    security(("bearerAuth" = [])),
    params(("dry_run" = Option<bool>, Query, description = "Check only, write nothing"),
           ("file_name" = Option<String>, Query, description = "The file's name, kept with the import")),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
    responses((status = 200, description = "Imported (or, with dry_run, checked)", body = FlowImport),
              (status = 413, description = "Larger than an import takes; nothing written", body = ErrorBody),
              (status = 415, description = "Not CSV or XLSX", body = ErrorBody),
              (status = 422, description = "Refused, nothing written: each problem by row, column and reason", body = ErrorBody)))]
async fn import_flows(
    app: AppState,
    headers: HeaderMap,
    QueryMap(mut q): QueryMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let body = upload(body)?;
    let dry_run = take_dry_run(&mut q)?;
    let name = q.remove("file_name").unwrap_or_else(|| "api upload".into());
    no_leftovers(&q, "dry_run, file_name")?;
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
    Ok(Json(app.import_flows(&body, format, &name, None, dry_run).await?).into_response())
}
