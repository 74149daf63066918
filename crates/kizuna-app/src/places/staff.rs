//! What the staff pages of the map need beyond the public searches: every
//! place with a name search, plain filters and paging, the counts behind
//! the review lists, and marking a place verified today.
//!
//! Unlike the public filters, the assurance filter here matches the level
//! as recorded: staff looking for certified places want the expired
//! certificates too.

use chrono::Utc;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, EXPIRY_WARNING_DAYS, Place, PlaceCategory, PlaceInput};

use super::{Entry, PlaceHit, hit};
use crate::{App, Result};

/// Which places the staff list shows, and which page of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffPlaceQuery {
    /// Part of any of a place's names, its chain or its branch, in any case.
    pub text: Option<String>,
    pub category: Option<PlaceCategory>,
    /// The recorded level (certified includes expired certificates).
    pub assurance: Option<Assurance>,
    /// Only places not verified for 12 months (or never).
    pub stale_only: bool,
    /// Name languages to sort by, most wanted first (`"ja"`, `"th"`, …).
    pub prefer: Vec<String>,
    pub offset: usize,
    pub limit: usize,
}

/// How many places need a look, over all places (not just the list's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlaceCounts {
    pub all: usize,
    /// Not verified for 12 months, or never.
    pub stale: usize,
    /// Certificates still valid that end within 30 days.
    pub expiring: usize,
    /// Certificates that have ended.
    pub expired: usize,
}

/// One page of the staff list.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffPlaceList {
    /// Places matching the query.
    pub total: usize,
    /// The page asked for, by name in the preferred languages.
    pub places: Vec<PlaceHit>,
    pub counts: PlaceCounts,
}

/// Whether a lowercased needle is part of a place's names, chain or branch.
fn mentions(p: &PlaceInput, needle: &str) -> bool {
    p.names
        .iter()
        .map(|(_, n)| n.as_str())
        .chain(p.chain.as_ref().map(|t| t.as_str()))
        .chain(p.branch.as_ref().map(|t| t.as_str()))
        .any(|s| s.to_lowercase().contains(needle))
}

impl App {
    /// A page of every place matching the query, sorted by name, with the
    /// review counts over all places.
    pub async fn staff_places(&self, q: &StaffPlaceQuery) -> Result<StaffPlaceList> {
        let today = self.today();
        let now = Utc::now();
        let ix = self.place_index().await?;
        let needle = q
            .text
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        let prefer: Vec<&str> = q.prefer.iter().map(String::as_str).collect();
        let mut counts = PlaceCounts::default();
        let mut found: Vec<(String, &Entry)> = Vec::new();
        for e in &ix.entries {
            let p = &e.place.fields;
            let stale = p.is_stale(today);
            counts.all += 1;
            counts.stale += usize::from(stale);
            counts.expiring += usize::from(p.certificate_expires_within(today, EXPIRY_WARNING_DAYS));
            counts.expired += usize::from(p.halal.certificate().is_some_and(|c| c.valid_until() < today));
            if q.category.is_some_and(|c| c != p.category)
                || q.assurance.is_some_and(|a| a != p.halal.level())
                || (q.stale_only && !stale)
                || needle.as_deref().is_some_and(|n| !mentions(p, n))
            {
                continue;
            }
            found.push((p.names.best(&prefer).as_str().to_lowercase(), e));
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.place.id.cmp(&b.1.place.id)));
        let places = found
            .iter()
            .skip(q.offset)
            .take(q.limit)
            .map(|(_, e)| hit(e, None, today, now))
            .collect();
        Ok(StaffPlaceList {
            total: found.len(),
            places,
            counts,
        })
    }

    /// Mark a place verified today (it is no longer stale).
    pub async fn verify_place(&self, id: Id) -> Result<Place> {
        let mut input = self.store.get::<Place>(id).await?.fields;
        input.last_verified = Some(self.today());
        self.update::<Place>(id, &input).await
    }
}
