//! Private feeds: staff name a feed and its filters and get a secret URL
//! (`/calendar/private/<secret>.ics`); the secret (256 random bits) is
//! shown once and kept only as its SHA-256, as API tokens are; a revoked
//! feed is not found. Creating and revoking are audit-logged; a feed's
//! last use is noted on it.

use kizuna_domain::common::Id;
use kizuna_domain::common::error::FieldError;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::programme::Programme;
use kizuna_store::calendar::FeedRow;
use kizuna_store::{Action, NewEntry};

use super::{Audience, Filter, ItemKind};
use crate::auth::{random_token, token_hash};
use crate::{App, AppError, Result};

/// What a new feed shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedFilters {
    pub kinds: Vec<ItemKind>,
    pub programme_id: Option<Id>,
    pub locality_id: Option<Id>,
    pub include_private: bool,
}

/// A feed just created: its row and its secret (shown once).
#[derive(Debug, Clone)]
pub struct NewFeed {
    pub feed: FeedRow,
    pub secret: String,
}

/// A stored feed's filter (every month).
pub fn filter_of(feed: &FeedRow) -> Result<Filter> {
    let kinds = Filter::parse_kinds([feed.kinds.as_str()]).map_err(|e| {
        AppError::Store(kizuna_store::StoreError::Corrupt(format!(
            "calendar feed {}: {e}",
            feed.id
        )))
    })?;
    Ok(Filter {
        kinds,
        programme_id: feed.programme_id,
        locality_id: feed.locality_id,
        from: None,
        to: None,
        audience: Audience::Staff {
            include_private: feed.include_private,
        },
    })
}

impl App {
    /// Creates a private feed: its name (1 to 100 characters) and filters
    /// checked, the programme and locality known.
    pub async fn create_calendar_feed(&self, name: &str, f: &FeedFilters, created_by: Option<Id>) -> Result<NewFeed> {
        let name = name.trim();
        let mut errors = Vec::new();
        if name.is_empty() {
            errors.push(FieldError::new("name", "required", "a feed needs a name"));
        } else if name.chars().count() > 100 {
            errors.push(FieldError::new(
                "name",
                "too_long",
                "a feed's name has at most 100 characters",
            ));
        } else if name.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "name",
                "control_character",
                "a feed's name is one line of text",
            ));
        }
        if let Some(p) = f.programme_id
            && !self.store.exists::<Programme>(p).await?
        {
            errors.push(FieldError::new(
                "programme_id",
                "unknown",
                format!("programme {p} does not exist"),
            ));
        }
        if let Some(l) = f.locality_id
            && !self.store.exists::<Locality>(l).await?
        {
            errors.push(FieldError::new(
                "locality_id",
                "unknown",
                format!("locality {l} does not exist"),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let secret = random_token();
        let hash = token_hash(&secret);
        let kinds: Vec<&str> = f.kinds.iter().map(|k| k.as_str()).collect();
        let kinds = kinds.join(",");
        let id = self
            .store
            .insert_calendar_feed(
                &kizuna_store::calendar::NewFeed {
                    secret_hash: &hash,
                    name,
                    kinds: &kinds,
                    programme_id: f.programme_id,
                    locality_id: f.locality_id,
                    include_private: f.include_private,
                    created_by,
                },
                self.now(),
            )
            .await?;
        self.store
            .audit_append(&[NewEntry::new(Action::Create, "calendar_feed", Some(id)).detail(name)])
            .await?;
        let feed = self
            .store
            .calendar_feeds()
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(AppError::NotFound {
                entity: "calendar feed",
                id: id.to_string(),
            })?;
        Ok(NewFeed { feed, secret })
    }

    /// Every private feed, newest first.
    pub async fn calendar_feeds(&self) -> Result<Vec<FeedRow>> {
        Ok(self.store.calendar_feeds().await?)
    }

    /// Revokes a feed: its URL is not found from now on.
    pub async fn revoke_calendar_feed(&self, id: Id) -> Result<()> {
        if !self.store.revoke_calendar_feed(id, self.now()).await? {
            return Err(AppError::NotFound {
                entity: "calendar feed",
                id: id.to_string(),
            });
        }
        self.store
            .audit_append(&[NewEntry::new(Action::Delete, "calendar_feed", Some(id)).detail("revoked")])
            .await?;
        Ok(())
    }

    /// The feed a secret opens (not revoked), or none.
    pub async fn calendar_feed_by_secret(&self, secret: &str) -> Result<Option<FeedRow>> {
        // Secrets are 64 hex digits; anything else opens nothing.
        if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        Ok(self
            .store
            .calendar_feed_by_secret(&token_hash(secret), self.now())
            .await?)
    }
}
