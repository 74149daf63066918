//! The map's printable booklet, made from the places as the store has them
//! today; its layout is [`kizuna_docs::booklet`].
//!
//! A made booklet is kept by (language, places version, shared records'
//! version — the localities' names —, day): a request for the same booklet
//! answers from memory until a place or a locality is written or the day
//! changes. At most [`BOOKLETS_KEPT`] are kept, the least recently asked for
//! going first; one is made at a time, on the blocking pool.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use kizuna_docs::booklet::{BookletData, BookletError, BookletFonts, Land, render};
use kizuna_domain::System;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_i18n::Lang;

use super::PlaceFilter;
use crate::{App, AppError};

/// How many booklets are kept in memory (a few hundred kilobytes each).
pub const BOOKLETS_KEPT: usize = 8;

/// What a kept booklet was made from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct BookletKey {
    lang: Lang,
    places_version: i64,
    common_version: i64,
    day: NaiveDate,
}

/// The booklets an [`App`] keeps, and the turn to make one.
pub struct BookletCache {
    kept: Mutex<VecDeque<(BookletKey, Arc<Vec<u8>>)>>,
    turn: tokio::sync::Semaphore,
    /// How many booklets were made (not answered from memory).
    made: std::sync::atomic::AtomicU64,
}

impl Default for BookletCache {
    fn default() -> Self {
        BookletCache {
            kept: Mutex::new(VecDeque::new()),
            turn: tokio::sync::Semaphore::new(1),
            made: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

impl BookletCache {
    fn get(&self, key: BookletKey) -> Option<Arc<Vec<u8>>> {
        let mut kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let at = kept.iter().position(|(k, _)| *k == key)?;
        let hit = kept.remove(at)?;
        let pdf = hit.1.clone();
        kept.push_front(hit);
        Some(pdf)
    }

    fn put(&self, key: BookletKey, pdf: Arc<Vec<u8>>) {
        let mut kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.retain(|(k, _)| *k != key);
        kept.push_front((key, pdf));
        kept.truncate(BOOKLETS_KEPT);
    }
}

/// Why a booklet could not be had.
#[derive(Debug, thiserror::Error)]
pub enum BookletFailure {
    /// Reading the places failed.
    #[error(transparent)]
    App(#[from] AppError),
    /// The layout failed (a font unusable or lacking a script).
    #[error(transparent)]
    Booklet(#[from] BookletError),
    /// The server is stopping, or the work on the blocking pool panicked.
    #[error("making the booklet stopped: {0}")]
    Stopped(String),
}

impl App {
    /// What the booklet in `lang` shows today.
    pub async fn booklet_data(&self, lang: Lang) -> Result<BookletData, AppError> {
        let hits = self.all_places(&PlaceFilter::default()).await?;
        let mut ids: Vec<Id> = hits.iter().filter_map(|h| h.place.fields.locality_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut localities = Vec::with_capacity(ids.len());
        for id in ids {
            match self.get::<Locality>(id).await {
                Ok(l) => localities.push(l),
                Err(AppError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let places = hits.into_iter().map(|h| h.place.into_place()).collect();
        Ok(BookletData::new(lang, self.today(), places, &localities))
    }

    /// The booklet in `lang` as a PDF, drawn with `fonts` and `land`: the
    /// one kept when nothing it shows changed, else made now on the
    /// blocking pool (one at a time) and kept.
    pub async fn booklet_pdf(
        &self,
        lang: Lang,
        fonts: Arc<BookletFonts>,
        land: Option<&'static Land>,
    ) -> Result<Arc<Vec<u8>>, BookletFailure> {
        let key = self.booklet_key(lang).await?;
        if let Some(pdf) = self.booklets.get(key) {
            return Ok(pdf);
        }
        let _turn = self
            .booklets
            .turn
            .acquire()
            .await
            .map_err(|e| BookletFailure::Stopped(e.to_string()))?;
        // Made by another request while this one waited?
        if let Some(pdf) = self.booklets.get(key) {
            return Ok(pdf);
        }
        let data = self.booklet_data(lang).await?;
        let pdf = tokio::task::spawn_blocking(move || render(&data, &fonts, land))
            .await
            .map_err(|e| BookletFailure::Stopped(e.to_string()))??;
        let pdf = Arc::new(pdf);
        self.booklets.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.booklets.put(key, pdf.clone());
        Ok(pdf)
    }

    /// How many booklets this application made rather than answered from memory.
    pub fn booklets_made(&self) -> u64 {
        self.booklets.made.load(std::sync::atomic::Ordering::Relaxed)
    }

    async fn booklet_key(&self, lang: Lang) -> Result<BookletKey, AppError> {
        let places_version = self.place_index().await?.version();
        let common_version = self.store.system_version(System::Common).await?;
        Ok(BookletKey {
            lang,
            places_version,
            common_version,
            day: self.today(),
        })
    }
}
