//! Kizuna's HTTP layer: the JSON API under `/api/v1`, its OpenAPI document
//! at `/api/openapi.json`, and `/healthz`. Only this crate knows HTTP; every
//! handler is a thin call into [`kizuna_app::App`].

mod api;
mod error;
mod extract;
mod openapi;

use std::sync::Arc;

use axum::Router;
use kizuna_app::App;

pub use error::{ApiError, ErrorBody};
pub use openapi::openapi;

/// The whole web application, ready to serve.
pub fn router(app: Arc<App>) -> Router {
    api::routes().with_state(app)
}
