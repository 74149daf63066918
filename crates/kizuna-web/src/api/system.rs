//! What every system shares: health, this document, the countries.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kizuna_domain::common::country::all_countries;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::session::WebState;

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(openapi_json))
        .routes(routes!(countries))
}

/// Whether the server and its database answer. Anonymous callers learn only
/// the status; staff (token or session) also the database and the dataset.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` when the database does not answer.
    pub status: String,
    /// The database (backend, version and settings), when it answers (staff only).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub database: Option<serde_json::Value>,
    /// Whether the store holds the demo dataset (staff only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demo: Option<bool>,
}

/// Whether the server and its database answer; details for staff only.
#[utoipa::path(get, path = "/healthz", tag = "system", operation_id = "healthz",
    responses(
        (status = 200, description = "The database answers (anonymous callers: only the status)", body = Health),
        (status = 503, description = "The database does not answer", body = Health)))]
async fn healthz(crate::acting::Acting(app): AppState, headers: HeaderMap) -> Response {
    let info = app.store.info().await;
    let staff = info.is_ok()
        && crate::session::user_of(&app, &headers)
            .await
            .0
            .is_some_and(|u| u.role.can_write());
    let (status, health) = match info {
        Ok(info) => (
            StatusCode::OK,
            Health {
                status: "ok".into(),
                database: staff.then(|| serde_json::to_value(info).ok()).flatten(),
                demo: if staff {
                    Some(app.store.setting("dataset").await.ok().flatten().as_deref() == Some("demo"))
                } else {
                    None
                },
            },
        ),
        Err(e) => {
            // Why is for the server's log, not for whoever asks.
            tracing::warn!(error = %e, "health check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Health {
                    status: "unavailable".into(),
                    database: None,
                    demo: None,
                },
            )
        }
    };
    (status, Json(health)).into_response()
}

/// This document: every operation of the API, generated from its handlers.
#[utoipa::path(get, path = "/api/openapi.json", tag = "system", operation_id = "openapi",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json", body = Object)))]
async fn openapi_json(State(state): State<WebState>) -> Response {
    Json(state.api.document.clone()).into_response()
}

/// A country as ISO 3166-1 and CLDR have it.
#[derive(Serialize, ToSchema)]
pub struct CountryOut {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    pub name_en: String,
    pub name_ja: String,
    pub name_th: String,
    pub name_ms: String,
    pub region: kizuna_domain::common::Region,
}

/// ISO 3166-1 countries with their names in four languages and their regions.
#[utoipa::path(get, path = "/api/v1/countries", tag = "reference", operation_id = "list_countries",
    responses((status = 200, description = "Every country", body = Vec<CountryOut>)))]
async fn countries() -> Json<Vec<CountryOut>> {
    Json(
        all_countries()
            .iter()
            .map(|c| CountryOut {
                code: c.code.to_string(),
                name_en: c.name_en.into(),
                name_ja: c.name_ja.into(),
                name_th: c.name_th.into(),
                name_ms: c.name_ms.into(),
                region: c.region,
            })
            .collect(),
    )
}
