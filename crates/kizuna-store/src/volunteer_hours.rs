//! Per volunteer scheme, whether volunteers' own hours are approved on
//! creation (self-attestation). The entries themselves are an ordinary
//! record ([`crate::records`]).

use crate::{Store, StoreError, with_pool};

impl Store {
    /// Whether a scheme (`jocv`, `fft`, …) approves volunteers' own
    /// entries on creation; a scheme never set does not.
    pub async fn self_attestation(&self, scheme: &str) -> Result<bool, StoreError> {
        let sql = "SELECT self_attestation FROM volunteer_schemes WHERE scheme = $1";
        let row: Option<bool> = with_pool!(self, p => sqlx::query_scalar(sql).bind(scheme).fetch_optional(p).await?);
        Ok(row.unwrap_or(false))
    }

    /// Every scheme with a setting, and its setting.
    pub async fn self_attestations(&self) -> Result<Vec<(String, bool)>, StoreError> {
        let sql = "SELECT scheme, self_attestation FROM volunteer_schemes ORDER BY scheme";
        Ok(with_pool!(self, p => sqlx::query_as(sql).fetch_all(p).await?))
    }

    /// Set whether a scheme approves volunteers' own entries on creation.
    pub async fn set_self_attestation(&self, scheme: &str, on: bool) -> Result<(), StoreError> {
        let sql = "INSERT INTO volunteer_schemes (scheme, self_attestation) VALUES ($1, $2) \
                   ON CONFLICT (scheme) DO UPDATE SET self_attestation = excluded.self_attestation";
        with_pool!(self, p => sqlx::query(sql).bind(scheme).bind(on).execute(p).await.map(|_| ()))?;
        Ok(())
    }
}
