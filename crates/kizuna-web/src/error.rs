//! The one error type of the HTTP edge: every failure becomes a 4xx or 5xx
//! with a stable code, a message, and the fields or rows it concerns.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kizuna_app::AppError;
use kizuna_app::training::transfer::RowError;
use kizuna_domain::FieldError;
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable code: `validation_failed`, `not_found`, `import_rejected`,
    /// `bad_request`, `bad_file`, `bad_encoding`, `unsupported_media_type`, `payload_too_large`, `internal`.
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowError>,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: ErrorDetail,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            detail: ErrorDetail {
                code,
                message: message.into(),
                fields: Vec::new(),
                rows: Vec::new(),
            },
        }
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let message = fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; ");
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            detail: ErrorDetail {
                code: "validation_failed",
                message,
                fields,
                rows: Vec::new(),
            },
        }
    }

    pub fn bad_request(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError {
            status: StatusCode::BAD_REQUEST,
            detail: ErrorDetail {
                code: "bad_request",
                message: format!("{field}: {message}"),
                fields: vec![FieldError::new(field, "invalid", message)],
                rows: Vec::new(),
            },
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Invalid(fields) => ApiError::invalid(fields),
            AppError::NotFound { .. } => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
            AppError::Conflict { .. } => ApiError::new(StatusCode::CONFLICT, "stale_version", e.to_string()),
            AppError::ImportRejected(rows) => ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                detail: ErrorDetail {
                    code: "import_rejected",
                    message: format!("import refused, nothing was written: {} problem(s)", rows.len()),
                    fields: Vec::new(),
                    rows,
                },
            },
            AppError::BadFile(m) => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_file", m),
            AppError::TooLarge(m) => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", m),
            AppError::Encoding { .. } => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_encoding", e.to_string()),
            AppError::Store(s) => {
                tracing::error!(error = %s, "store error");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the database could not complete the request; see the server log",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(ErrorBody { error: self.detail })).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
