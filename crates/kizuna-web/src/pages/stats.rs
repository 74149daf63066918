//! Statistics pages: public figures and the staff's drill-down.

use axum::Router;

use crate::session::WebState;

pub fn routes() -> Router<WebState> {
    Router::new()
}
