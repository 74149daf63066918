//! What the staff pages of the map need beyond the public searches: every
//! place with a name search, plain filters and paging, the counts behind
//! the review lists, and marking a place verified today.
//!
//! Unlike the public filters, the assurance filter here matches the level
//! as recorded: staff looking for certified places want the expired
//! certificates too.

use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::map::place::{Assurance, EXPIRY_WARNING_DAYS, Place, PlaceCategory, PlaceInput};

use kizuna_i18n::{self as i18n, Lang};

use super::{PlaceHit, order_first};
use crate::{App, Result};

/// Which places the staff list shows, and which page of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffPlaceQuery {
    /// Part of any of a place's names, its chain or its branch, in any
    /// language and any case.
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

/// Whether a lowercased needle is part of a place's names, chain or branch,
/// in any of their languages.
fn mentions(p: &PlaceInput, needle: &str) -> bool {
    p.names
        .iter()
        .chain(p.chain.iter().flat_map(LocalText::iter))
        .chain(p.branch.iter().flat_map(LocalText::iter))
        .any(|(_, s)| s.as_str().to_lowercase().contains(needle))
}

impl App {
    /// A page of every place matching the query, sorted by name, with the
    /// review counts over all places.
    pub async fn staff_places(&self, q: &StaffPlaceQuery) -> Result<StaffPlaceList> {
        let today = self.today();
        let now = self.now();
        // Read from the store a page at a time: the map's index keeps no names.
        let all = self.store.all_places().await?;
        let needle = q
            .text
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        let prefer: Vec<&str> = q.prefer.iter().map(String::as_str).collect();
        // Names sort the way a reader of the most wanted language expects.
        let lang = prefer.first().and_then(|c| Lang::from_code(c)).unwrap_or(Lang::En);
        let mut counts = PlaceCounts::default();
        let mut found: Vec<(Vec<u8>, &Place)> = Vec::new();
        for e in &all {
            let p = &e.fields;
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
            found.push((i18n::sort_key(lang, p.names.best(&prefer).as_str()), e));
        }
        // Only as far as the page asked for is put in order.
        let order = |a: &(Vec<u8>, &Place), b: &(Vec<u8>, &Place)| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id));
        let end = q.offset.saturating_add(q.limit).min(found.len());
        order_first(&mut found, end, order);
        let places = found[q.offset.min(end)..end]
            .iter()
            .map(|(_, e)| PlaceHit::at((*e).clone(), self.place_index.shelf(), None, today, now))
            .collect();
        Ok(StaffPlaceList {
            total: found.len(),
            places,
            counts,
        })
    }

    /// Mark a place verified today (it is no longer stale), as it was at
    /// `version` (what the person checking saw).
    pub async fn verify_place(&self, id: Id, version: i64) -> Result<Place> {
        let mut input = self.store.get::<Place>(id).await?.fields;
        input.last_verified = Some(self.today());
        self.update::<Place>(id, version, &input).await
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use kizuna_domain::map::place::PlaceFields;
    use kizuna_store::Backend;
    use kizuna_testkit::fresh_store;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    fn place(en: &str, ja: Option<&str>, category: &str, verified: Option<&str>, until: Option<&str>) -> PlaceFields {
        let mut f = PlaceFields {
            name_en: Some(en.into()),
            name_ja: ja.map(Into::into),
            category: Some(category.into()),
            lat: Some(43.06),
            lon: Some(141.35),
            assurance: Some("unknown".into()),
            last_verified: verified.map(Into::into),
            ..Default::default()
        };
        if let Some(until) = until {
            f.assurance = Some("certified".into());
            f.certifier = Some("Test Board (demo)".into());
            f.certificate_number = Some("T-1".into());
            f.certificate_valid_from = Some("2024-01-01".into());
            f.certificate_valid_until = Some(until.into());
        }
        f
    }

    async fn staff_list_and_verify(backend: Backend) {
        let app = App::new(fresh_store(backend).await.expect("a store")).with_today(today());
        let mut ids = Vec::new();
        let mut fields = [
            place(
                "Zaytun Grill (demo)",
                Some("ザイトゥーン（デモ）"),
                "restaurant",
                Some("2026-10-01"),
                Some("2026-12-03"),
            ),
            place("Amanah Mart (demo)", None, "grocery", Some("2025-01-01"), None),
            place(
                "Baraka Cafe (demo)",
                Some("バラカ カフェ（デモ）"),
                "cafe",
                None,
                Some("2026-10-31"),
            ),
            place("Cafe Nur (demo)", None, "cafe", Some("2026-11-01"), None),
        ];
        // Thai names: ไ (a leading vowel) sorts by the consonant after it,
        // ซ, not after every consonant as its code point would.
        fields[0].name_th = Some("ไซตูน กริลล์ (เดโม)".into());
        fields[2].name_th = Some("บารากา คาเฟ่ (เดโม)".into());
        fields[3].name_th = Some("คาเฟ่ นูร์ (เดโม)".into());
        for f in fields {
            ids.push(app.create_place(f).await.expect("created").id);
        }
        let q = |f: fn(&mut StaffPlaceQuery)| {
            let mut q = StaffPlaceQuery {
                limit: 10,
                ..Default::default()
            };
            f(&mut q);
            q
        };
        let names = |l: &StaffPlaceList| l.places.iter().map(|h| h.name.clone()).collect::<Vec<_>>();

        let all = app.staff_places(&q(|_| {})).await.expect("a list");
        assert_eq!(all.total, 4);
        assert_eq!(
            all.counts,
            PlaceCounts {
                all: 4,
                stale: 2,
                expiring: 1,
                expired: 1
            }
        );
        assert_eq!(
            names(&all),
            [
                "Amanah Mart (demo)",
                "Baraka Cafe (demo)",
                "Cafe Nur (demo)",
                "Zaytun Grill (demo)"
            ],
            "by name"
        );
        // Sorted by the preferred language's names where given.
        let ja = app
            .staff_places(&q(|q| q.prefer = vec!["ja".into()]))
            .await
            .expect("a list");
        assert_eq!(
            ja.places[0].place.id, ids[1],
            "Amanah has no Japanese name: its English one sorts first"
        );
        assert_eq!(
            ja.places.iter().map(|h| h.place.id).collect::<Vec<_>>(),
            [ids[1], ids[3], ids[0], ids[2]]
        );
        let th = app
            .staff_places(&q(|q| q.prefer = vec!["th".into(), "en".into()]))
            .await
            .expect("a list");
        assert_eq!(
            th.places.iter().map(|h| h.place.id).collect::<Vec<_>>(),
            [ids[3], ids[0], ids[2], ids[1]],
            "Thai script first (CLDR's Thai order): คาเฟ่, ไซตูน (by ซ), บารากา, then Amanah"
        );
        // Any name, any case; the recorded level includes ended certificates.
        let cafe = app
            .staff_places(&q(|q| q.text = Some(" CAFE ".into())))
            .await
            .expect("a list");
        assert_eq!(names(&cafe), ["Baraka Cafe (demo)", "Cafe Nur (demo)"]);
        let kana = app
            .staff_places(&q(|q| q.text = Some("ザイ".into())))
            .await
            .expect("a list");
        assert_eq!(names(&kana), ["Zaytun Grill (demo)"]);
        let certified = app
            .staff_places(&q(|q| q.assurance = Some(Assurance::Certified)))
            .await
            .expect("a list");
        assert_eq!(names(&certified), ["Baraka Cafe (demo)", "Zaytun Grill (demo)"]);
        let cafes = app
            .staff_places(&q(|q| q.category = Some(PlaceCategory::Cafe)))
            .await
            .expect("a list");
        assert_eq!(cafes.total, 2);
        let stale = app.staff_places(&q(|q| q.stale_only = true)).await.expect("a list");
        assert_eq!(names(&stale), ["Amanah Mart (demo)", "Baraka Cafe (demo)"]);
        assert!(stale.places.iter().all(|h| h.stale));
        // Pages.
        let page = app
            .staff_places(&q(|q| {
                q.offset = 3;
                q.limit = 2;
            }))
            .await
            .expect("a list");
        assert_eq!((page.total, names(&page)), (4, vec!["Zaytun Grill (demo)".to_owned()]));

        // Verifying a stale place: verified today, nothing else changes.
        let before = app.store.get::<Place>(ids[1]).await.expect("a place");
        let after = app.verify_place(ids[1], before.version).await.expect("verified");
        assert_eq!(after.version, before.version + 1);
        assert!(
            matches!(
                app.verify_place(ids[1], before.version).await,
                Err(crate::AppError::Conflict { .. })
            ),
            "a second check from the same page is a stale edit"
        );
        assert_eq!(after.fields.last_verified, Some(today()));
        assert_eq!(
            PlaceInput {
                last_verified: before.fields.last_verified,
                ..after.fields.clone()
            },
            before.fields
        );
        let stale = app.staff_places(&q(|q| q.stale_only = true)).await.expect("a list");
        assert_eq!(names(&stale), ["Baraka Cafe (demo)"], "the index follows the write");
        assert_eq!(app.staff_places(&q(|_| {})).await.expect("a list").counts.stale, 1);
        assert!(matches!(
            app.verify_place(999_999, 1).await,
            Err(crate::AppError::NotFound { .. })
        ));
    }

    #[tokio::test]
    async fn staff_list_and_verify_on_sqlite() {
        Box::pin(staff_list_and_verify(Backend::Sqlite)).await;
    }

    #[tokio::test]
    async fn staff_list_and_verify_on_postgres() {
        Box::pin(staff_list_and_verify(Backend::Postgres)).await;
    }
}
