//! The server backend, for organisations that outgrow one machine: several
//! stateless Kizuna servers may share one PostgreSQL database.

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::StoreError;

pub(crate) async fn connect(url: &str) -> Result<PgPool, StoreError> {
    Ok(PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await?)
}
