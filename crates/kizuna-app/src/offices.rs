//! Offices: which ones a store holds, adding one, and finding one by key.
//! An [`App`] writes its records as kept by one office
//! ([`App::with_office`]); statistics can be asked for one office or all.

use kizuna_domain::common::office::{Office, OfficeInput};
use kizuna_domain::common::{Key, LocalText};
use kizuna_domain::fields::Value;
use kizuna_domain::{FieldError, Invalid};
use kizuna_store::Page;

use crate::{App, AppError, Result};

impl App {
    /// Every office the store holds, by key.
    pub async fn offices(&self) -> Result<Vec<Office>> {
        Ok(self
            .store
            .select::<Office>(
                &[],
                Page {
                    limit: u32::MAX,
                    offset: 0,
                },
            )
            .await?)
    }

    /// The office with this key.
    pub async fn office_by_key(&self, key: &str) -> Result<Office> {
        self.store
            .select::<Office>(
                &[("key", Value::Text(Some(key.trim().to_owned())))],
                Page { limit: 1, offset: 0 },
            )
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| AppError::NotFound {
                entity: "office",
                id: key.to_owned(),
            })
    }

    /// Add an office (a key such as `okinawa` and its name in at least one language).
    pub async fn add_office(&self, key: &str, name: LocalText) -> Result<Office> {
        let key: Key = key.parse().map_err(|e: Invalid| AppError::Invalid(vec![e.at("key")]))?;
        if self.office_by_key(key.as_str()).await.is_ok() {
            return Err(AppError::Invalid(vec![FieldError::new(
                "key",
                "duplicate",
                format!("an office with the key {} exists already", key.as_str()),
            )]));
        }
        // (Offices belong to no office: the store ignores the one passed.)
        Ok(self
            .store
            .insert::<Office>(self.office_id(), &OfficeInput { key, name })
            .await?)
    }
}
