//! Completion certificates through the API (staff): an edition's
//! certificates listed and issued (to every trainee whose participation is
//! completed and has none yet), and one revoked with a reason — the same
//! `kizuna_app::certificates` functions as the console's pages and
//! `kizuna certificates`, which write the audit log. The public look-up is
//! `/verify/{number}` and `/verify/{number}.json`, outside the API.

use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::training::certificate::CertificateStatus;
use kizuna_store::certificates::CertificateRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AppState, parse_id};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::JsonBody;
use crate::session::{Ctx, WebState};

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(list_certificates, issue_certificates))
        .routes(routes!(revoke_certificate))
}

/// Whether a completion certificate stands.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
enum TrainingCertificateStatus {
    Valid,
    Revoked,
}

/// A completion certificate, for staff.
#[derive(Serialize, ToSchema)]
struct TrainingCertificate {
    /// Its number, e.g. KZC-0A1B-2C3D-4E5F (public at /verify/{number}).
    number: String,
    /// The trainee.
    person_id: i64,
    edition_id: i64,
    participation_id: i64,
    fiscal_year: i32,
    issued_on: NaiveDate,
    status: TrainingCertificateStatus,
    revoked_at: Option<DateTime<Utc>>,
    revoke_reason: Option<String>,
}

impl From<&CertificateRow> for TrainingCertificate {
    fn from(r: &CertificateRow) -> Self {
        TrainingCertificate {
            number: r.number.clone(),
            person_id: r.person_id,
            edition_id: r.edition_id,
            participation_id: r.participation_id,
            fiscal_year: r.fiscal_year,
            issued_on: r.issued_on,
            status: match r.status {
                CertificateStatus::Valid => TrainingCertificateStatus::Valid,
                CertificateStatus::Revoked => TrainingCertificateStatus::Revoked,
            },
            revoked_at: r.revoked_at,
            revoke_reason: r.revoke_reason.clone(),
        }
    }
}

/// Why a certificate is revoked.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CertificateRevocation {
    /// Required: at most 500 characters, no control characters.
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    #[serde(default)]
    reason: String,
}

/// An edition's certificates, oldest first (staff: they name people).
#[utoipa::path(get, path = "/api/v1/editions/{id}/certificates", tag = "certificates", operation_id = "list_certificates",
    security(("bearerAuth" = [])), params(("id" = i64, Path, minimum = 1, description = "The edition's id")),
    responses((status = 200, description = "The certificates", body = Vec<TrainingCertificate>)))]
async fn list_certificates(app: AppState, Path(id): Path<String>) -> ApiResult<Json<Vec<TrainingCertificate>>> {
    let list = app.edition_certificates(parse_id(&id)?).await?;
    Ok(Json(list.iter().map(|c| TrainingCertificate::from(&c.row)).collect()))
}

/// Where verify addresses start: `KIZUNA_PUBLIC_URL`, else this site as
/// the request reached it.
fn base_url(ctx: &Ctx, headers: &HeaderMap) -> String {
    match std::env::var("KIZUNA_PUBLIC_URL") {
        Ok(u) if u.starts_with("http://") || u.starts_with("https://") => u.trim_end_matches('/').to_owned(),
        _ => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)))
                .unwrap_or("127.0.0.1:8080");
            format!("{}://{host}", if ctx.secure { "https" } else { "http" })
        }
    }
}

/// Issue a certificate to every trainee of the edition whose participation
/// is completed and has none yet (PDF with a QR code of its verify URL,
/// signed credential); answers the ones issued now (none when all have one).
#[utoipa::path(post, path = "/api/v1/editions/{id}/certificates", tag = "certificates", operation_id = "issue_certificates",
    security(("bearerAuth" = [])), params(("id" = i64, Path, minimum = 1, description = "The edition's id")),
    responses((status = 201, description = "The certificates issued now", body = Vec<TrainingCertificate>),
              (status = 404, description = "No such edition", body = ErrorBody)))]
async fn issue_certificates(
    app: AppState,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let issued = app.issue_certificates(id, &base_url(&ctx, &headers)).await?;
    let body: Vec<TrainingCertificate> = issued.iter().map(TrainingCertificate::from).collect();
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Revoke a certificate with a reason (its verify page then says revoked).
#[utoipa::path(post, path = "/api/v1/certificates/{number}/revoke", tag = "certificates", operation_id = "revoke_certificate",
    security(("bearerAuth" = [])),
    params(("number" = String, Path, min_length = 1, description = "The certificate's number")),
    request_body = CertificateRevocation,
    responses((status = 200, description = "Revoked", body = TrainingCertificate),
              (status = 404, description = "No valid certificate of that number", body = ErrorBody),
              (status = 422, description = "No reason, or one too long", body = ErrorBody)))]
async fn revoke_certificate(
    app: AppState,
    Path(number): Path<String>,
    JsonBody(body): JsonBody<CertificateRevocation>,
) -> ApiResult<Json<TrainingCertificate>> {
    app.revoke_certificate(&number, &body.reason).await?;
    let row = app.certificate(&number).await?;
    Ok(Json(TrainingCertificate::from(&row)))
}
