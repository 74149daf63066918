//! Pages of the training system: the public and staff statistics
//! ([`stats`]) and the staff console of courses, editions, trainees and
//! imports ([`console`]).

use axum::Router;

use crate::session::WebState;

mod console;
mod stats;

pub fn routes() -> Router<WebState> {
    Router::new().merge(stats::routes()).merge(console::routes())
}
