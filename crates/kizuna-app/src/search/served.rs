//! What a server asks of the search besides one list of hits: results
//! grouped by kind with the number found of each (the console's results
//! page).

use kizuna_search::{Filter, IndexError};
use serde::Serialize;

use super::{Building, KINDS, Search, SearchHit, SearchResult, Searcher, audit_people, blocking, hit};
use crate::App;

/// Results grouped by kind.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Grouped {
    /// Every kind the searcher may find, in [`KINDS`] order, with the
    /// number of its documents the query finds (none included).
    pub counts: Vec<(String, usize)>,
    /// The best hits of each kind shown, in [`KINDS`] order, best first
    /// within a kind.
    pub hits: Vec<SearchHit>,
    /// `Some` while the index is being built: the counts and hits are of
    /// the records indexed so far.
    pub building: Option<Building>,
}

impl Grouped {
    /// Documents found in all.
    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

impl Search {
    /// Searches as `who`: how many documents of each kind it may find the
    /// query finds, and up to `per_kind` hits of each kind in `kinds`
    /// (every kind when empty), titles in `lang`. People shown are noted
    /// in the audit log; people merely counted are not shown.
    pub async fn grouped(
        &self,
        app: &App,
        who: Searcher,
        q: &str,
        kinds: &[String],
        lang: &str,
        per_kind: usize,
    ) -> SearchResult<Grouped> {
        self.catch_up_for_search(app).await?;
        // Taken before searching: results of a build that ends meanwhile
        // are at worst said to be partial when they are not.
        let building = self.building();
        let (Some(query), Some(filter)) = (self.parse(q), who.filter(&[])) else {
            return Ok(Grouped {
                building,
                ..Grouped::default()
            });
        };
        let allowed: Vec<String> = if filter.kinds.is_empty() {
            KINDS.iter().map(ToString::to_string).collect()
        } else {
            filter.kinds.clone()
        };
        let shown: Vec<String> = allowed
            .iter()
            .filter(|k| kinds.is_empty() || kinds.contains(k))
            .cloned()
            .collect();
        let (index, q2, per_kind) = (self.index.clone(), query.clone(), per_kind.clamp(1, 100));
        let (counts, found) = blocking(move || -> Result<_, IndexError> {
            let (mut counts, mut found) = (Vec::new(), Vec::new());
            for kind in allowed {
                let f = Filter {
                    kinds: vec![kind.clone()],
                    audiences: filter.audiences.clone(),
                };
                let n = index.count(&q2, &f)?;
                if n > 0 && shown.contains(&kind) {
                    found.extend(index.search(&q2, &f, per_kind)?);
                }
                counts.push((kind, n));
            }
            Ok((counts, found))
        })
        .await??;
        let hits: Vec<SearchHit> = found.into_iter().map(|f| hit(&query, f, lang)).collect();
        audit_people(app, &hits).await?;
        Ok(Grouped { counts, hits, building })
    }
}
