//! What the staff pages of the map need beyond the public searches: every
//! place with a name search, plain filters and paging, the counts behind
//! the review lists, and marking a place verified today.
//!
//! Unlike the public filters, the assurance filter here matches the level
//! as recorded: staff looking for certified places want the expired
//! certificates too.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use chrono::{Days, Months, NaiveDate};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, EXPIRY_WARNING_DAYS, Place, PlaceCategory, STALE_AFTER_MONTHS};
use kizuna_i18n::{self as i18n, Lang};
use kizuna_store::place_list::{NamedPlace, PlaceListFilter};
use kizuna_store::place_sort;

use super::PlaceHit;
use crate::{App, Result};

mod public_list;

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

/// Places read from the store per page of the scan by name.
const SCAN_PAGE: u32 = 10_000;

/// The last day a place may have been verified on and be stale `today`
/// (as [`PlaceInput::is_stale`](kizuna_domain::map::place::PlaceInput::is_stale)
/// decides: due 12 months after).
fn stale_by(today: NaiveDate) -> NaiveDate {
    let stale = |d: NaiveDate| kizuna_domain::map::place::stale_on(Some(d), today);
    let mut d = today
        .checked_sub_months(Months::new(STALE_AFTER_MONTHS))
        .unwrap_or(today);
    // Month ends make the subtraction off by a day or so: step to the edge.
    while stale(d) && d.succ_opt().is_some_and(stale) {
        d = d.succ_opt().unwrap_or(d);
    }
    while !stale(d) {
        match d.pred_opt() {
            Some(p) => d = p,
            None => break,
        }
    }
    d
}

/// A place of the list and its name, ordered as a reader of `lang` orders
/// names (then by id).
struct ByName {
    lang: Lang,
    place: NamedPlace,
}

impl PartialEq for ByName {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for ByName {}

impl PartialOrd for ByName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ByName {
    fn cmp(&self, other: &Self) -> Ordering {
        i18n::compare(self.lang, &self.place.name, &other.place.name).then(self.place.id.cmp(&other.place.id))
    }
}

/// The `keep` least items seen (a max-heap whose top is the greatest kept).
fn keep_least<T: Ord>(heap: &mut BinaryHeap<T>, keep: usize, item: T) {
    if heap.len() < keep {
        heap.push(item);
    } else if let Some(mut top) = heap.peek_mut()
        && item < *top
    {
        *top = item;
    }
}

impl App {
    /// The ids of one page of the places matching `filter` in name order
    /// (`lang`'s collation of the name shown in `prefer`'s languages, then
    /// id), and how many match. The names are read from the store a page
    /// at a time by id; only the `offset + limit` first in name order are
    /// kept — or, for a page past the middle, the `total - offset` last,
    /// counted from the end — so memory follows the page, never the table.
    async fn ids_by_name(
        &self,
        filter: &PlaceListFilter,
        prefer: &[&str],
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<Id>)> {
        let total = self
            .store
            .count_place_list(filter)
            .await?
            .map(|n| usize::try_from(n).unwrap_or(0));
        // From the end when the page is nearer it (the total known first).
        let from_end = total.is_some_and(|t| offset.saturating_add(limit / 2) > t / 2);
        let keep = match total {
            Some(t) if from_end => t.saturating_sub(offset),
            _ => offset.saturating_add(limit),
        };
        let mut least: BinaryHeap<ByName> = BinaryHeap::new();
        let mut most: BinaryHeap<Reverse<ByName>> = BinaryHeap::new();
        let mut seen = 0usize;
        let mut after = 0;
        loop {
            let (page, next) = self.store.place_names_after(filter, prefer, after, SCAN_PAGE).await?;
            seen += page.len();
            for place in page {
                let item = ByName { lang, place };
                if keep == 0 {
                    continue;
                }
                if from_end {
                    keep_least(&mut most, keep, Reverse(item));
                } else {
                    keep_least(&mut least, keep, item);
                }
            }
            match next {
                Some(id) => after = id,
                None => break,
            }
        }
        let in_order: Vec<Id> = if from_end {
            // The kept last ones, least first: the page is their head.
            let mut v: Vec<ByName> = most.into_iter().map(|r| r.0).collect();
            v.sort();
            v.into_iter().take(limit).map(|b| b.place.id).collect()
        } else {
            least
                .into_sorted_vec()
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|b| b.place.id)
                .collect()
        };
        Ok((total.unwrap_or(seen), in_order))
    }

    /// The ids of one page of the places matching `filter` in name order,
    /// and how many match, read in the database's order of the kept sort
    /// keys ([`kizuna_store::place_sort`]): only the page's ids are read.
    /// `None` when that cannot be done — the keys not ready, the order not
    /// kept, or the text to be matched in Rust — and the names are sorted
    /// here instead ([`App::ids_by_name`]).
    async fn ids_by_key(
        &self,
        filter: &PlaceListFilter,
        prefer: &[&str],
        lang: Lang,
        offset: usize,
        limit: usize,
    ) -> Result<Option<(usize, Vec<Id>)>> {
        let Some(ord) = place_sort::order_for(lang, prefer) else {
            return Ok(None);
        };
        if !self.store.place_sort_ready().await? {
            return Ok(None);
        }
        let Some(total) = self.store.count_place_list(filter).await? else {
            return Ok(None);
        };
        let ids = self.store.place_ids_by_key(filter, ord, total, offset, limit).await?;
        Ok(ids.map(|ids| (usize::try_from(total).unwrap_or(0), ids)))
    }

    /// A page of every place matching the query, sorted by name, with the
    /// review counts over all places. Filters, counts, the text search and
    /// (once the sort keys are made) the order and the page run in the
    /// database; only the page's places are read whole.
    pub async fn staff_places(&self, q: &StaffPlaceQuery) -> Result<StaffPlaceList> {
        let today = self.today();
        let now = self.now();
        let prefer: Vec<&str> = q.prefer.iter().map(String::as_str).collect();
        // Names sort the way a reader of the most wanted language expects.
        let lang = prefer.first().and_then(|c| Lang::from_code(c)).unwrap_or(Lang::En);
        let stale_day = stale_by(today);
        let expiring_by = today
            .checked_add_days(Days::new(u64::from(EXPIRY_WARNING_DAYS)))
            .unwrap_or(today);
        let c = self.store.place_list_counts(today, stale_day, expiring_by).await?;
        let n = |v: i64| usize::try_from(v).unwrap_or(0);
        let counts = PlaceCounts {
            all: n(c.all),
            stale: n(c.stale),
            expiring: n(c.expiring),
            expired: n(c.expired),
        };
        let filter = PlaceListFilter {
            category: q.category.map(|c| c.as_str().to_owned()),
            assurance: q.assurance.map(|a| a.as_str().to_owned()),
            verified_by: q.stale_only.then_some(stale_day),
            text: q.text.clone(),
        };
        let (total, ids) = match self.ids_by_key(&filter, &prefer, lang, q.offset, q.limit).await? {
            Some(found) => found,
            None => self.ids_by_name(&filter, &prefer, lang, q.offset, q.limit).await?,
        };
        let mut by_id: HashMap<Id, Place> = self
            .store
            .get_many::<Place>(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let places = ids
            .iter()
            .filter_map(|id| by_id.remove(id))
            .map(|p| PlaceHit::at(p, self.place_index.shelf(), None, today, now))
            .collect();
        Ok(StaffPlaceList { total, places, counts })
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
    use kizuna_domain::map::place::{PlaceFields, PlaceInput};
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
