//! The staff console for the training slice.

use axum::Router;

use crate::session::WebState;

pub fn routes() -> Router<WebState> {
    Router::new()
}
