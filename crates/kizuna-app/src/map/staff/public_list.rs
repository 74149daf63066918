//! The visitor's list of places (`/map`): the first places in a visitor's
//! order ([`visitor_order`](crate::map::visit::visitor_order): by distance
//! band when a position is known, the stronger lead first, then by name
//! and id) among those a filter lets through, read without holding every
//! place: the map's index says which places match, the store hands out
//! what the order is decided by a page at a time, only the places shown
//! are kept, and only they are read whole.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, LatLon, Place, PlaceCategory, haversine_m};
use kizuna_i18n::{self as i18n, Lang};
use kizuna_store::place_list::{KeyCursor, LeadClass, PlaceMark};
use kizuna_store::place_sort;

use super::{SCAN_PAGE, keep_least};

/// Places matching a filter at most whose keys and leads are read by id
/// and sorted here; more are found in the order of the kept keys.
const FEW_MATCHING: usize = 20_000;

/// The radius a list by distance first looks within (metres); four times
/// as far each time it holds too few places.
const FIRST_RADIUS_M: f64 = 500.0;
/// A radius holding the whole Earth (half its circumference is 20,015 km).
const EARTH_WIDE_M: f64 = 20_100_000.0;
/// How much further than its band a place may lie: half the widest step
/// of [`distance_band`] (1 km), and a metre for rounding.
const BAND_REACH_M: f64 = 501.0;
use crate::map::visit::{Lead, distance_band};
use crate::map::{Area, PlaceFilter, PlaceHit};
use crate::{App, Result};

/// The lead of a place as [`Lead::of`] decides it for a search result
/// made `today`, from what the store hands out for the list.
pub(super) fn lead_of(m: &PlaceMark, today: NaiveDate) -> Lead {
    match m.assurance.parse::<Assurance>() {
        Ok(Assurance::Certified) => {
            let valid = m.certificate_valid_from.is_some_and(|f| f <= today)
                && m.certificate_valid_until.is_some_and(|u| today <= u);
            if valid {
                Lead::Certified
            } else {
                Lead::CertificateNotValid
            }
        }
        Ok(Assurance::SelfDeclared) => Lead::SelfDeclared,
        Ok(Assurance::PorkFree) => Lead::PorkFree,
        Ok(Assurance::VegetarianOptions) => Lead::Vegetarian,
        Ok(Assurance::Unknown) | Err(_) => {
            let prayer = matches!(
                m.category.parse::<PlaceCategory>(),
                Ok(PlaceCategory::Mosque | PlaceCategory::PrayerRoom)
            );
            if prayer || m.prayer_space {
                Lead::Prayer
            } else {
                Lead::Unknown
            }
        }
    }
}

/// Metres from `from` as the list shows them (to a tenth of a metre).
fn metres_from(from: (f64, f64), lat: f64, lon: f64) -> f64 {
    (haversine_m(from.0, from.1, lat, lon) * 10.0).round() / 10.0
}

/// A place in a visitor's order.
struct Ordered {
    band: Option<u64>,
    rank: u8,
    name: String,
    id: Id,
    lang: Lang,
}

impl PartialEq for Ordered {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> Ordering {
        self.band
            .cmp(&other.band)
            .then(self.rank.cmp(&other.rank))
            .then_with(|| i18n::compare(self.lang, &self.name, &other.name))
            .then(self.id.cmp(&other.id))
    }
}

impl App {
    /// The first `limit` places matching `filter` in a visitor's order
    /// (names as a reader of `lang` sees and sorts them; distances from
    /// `near`, when given, set on the results), and how many match in all.
    pub async fn visitor_places(
        &self,
        filter: &PlaceFilter,
        near: Option<(f64, f64)>,
        lang: Lang,
        limit: usize,
    ) -> Result<(usize, Vec<PlaceHit>)> {
        let now = self.now_for(filter);
        let today = self.today();
        // Which places match: the index decides (hours included); every
        // place when nothing is asked for.
        let matching: Option<Vec<Id>> = if filter.is_empty() {
            None
        } else {
            let (mut ids, _) = self.area_ids(&Area::All, filter, now).await?;
            ids.sort_unstable();
            Some(ids)
        };
        let categories: Vec<&str> = filter.categories.iter().map(|c| c.as_str()).collect();
        let by_key = match near {
            None => {
                self.first_by_key(matching.as_deref(), &categories, lang, today, limit)
                    .await?
            }
            Some(from) => {
                self.first_by_distance(filter, matching.as_deref(), from, lang, now, limit)
                    .await?
            }
        };
        let (matched, ids) = match by_key {
            Some(found) => found,
            None => {
                self.first_by_scan(matching.as_deref(), near, lang, today, limit)
                    .await?
            }
        };
        let mut by_id: HashMap<Id, Place> = self
            .store
            .get_many::<Place>(&ids)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        let shelf = self.place_index.shelf();
        let hits = ids
            .iter()
            .filter_map(|id| by_id.remove(id))
            .map(|p| {
                let mut h = PlaceHit::at(p, shelf, None, today, now);
                if let Some(from) = near {
                    let pos = h.place.fields.position;
                    h.distance_m = Some(metres_from(from, pos.lat(), pos.lon()));
                }
                h
            })
            .collect();
        Ok((matched, hits))
    }

    /// The first `limit` places in a visitor's order without a position
    /// (lead, then name, then id) read in the database's order of the kept
    /// sort keys ([`kizuna_store::place_sort`]), one lead after another,
    /// each place's lead decided in SQL as [`lead_of`] decides it; and how
    /// many match. `matching`: the places a filter lets through (by id),
    /// `None` for all; `categories`: the filter's categories (every place
    /// matching is of one of them), none when it has none. When few match,
    /// their keys and leads are read (by category when the categories hold
    /// not many more places, else by id) and only they are sorted. `None`
    /// when the keys are not ready.
    async fn first_by_key(
        &self,
        matching: Option<&[Id]>,
        categories: &[&str],
        lang: Lang,
        today: NaiveDate,
        limit: usize,
    ) -> Result<Option<(usize, Vec<Id>)>> {
        let page = limit.saturating_mul(4).max(1_000);
        self.first_by_key_with(matching, categories, lang, today, limit, FEW_MATCHING, page)
            .await
    }

    /// [`App::first_by_key`] with the most matching places sorted here
    /// (`few`) and the places read per page of a lead's order (`page`).
    #[allow(clippy::too_many_arguments)] // the two sizes are the tests' knobs
    async fn first_by_key_with(
        &self,
        matching: Option<&[Id]>,
        categories: &[&str],
        lang: Lang,
        today: NaiveDate,
        limit: usize,
        few: usize,
        page: usize,
    ) -> Result<Option<(usize, Vec<Id>)>> {
        let Some(ord) = place_sort::order_for(lang, &[lang.code()]) else {
            return Ok(None);
        };
        if !self.store.place_sort_ready().await? {
            return Ok(None);
        }
        let mut ids: Vec<Id> = Vec::with_capacity(limit);
        let matched = match matching {
            None => {
                for class in LeadClass::ALL {
                    let Some(want) = limit.checked_sub(ids.len()).filter(|w| *w > 0) else {
                        break;
                    };
                    let want = u32::try_from(want).unwrap_or(u32::MAX);
                    let page = self.store.place_class_by_key(ord, class, today, None, want).await?;
                    ids.extend(page.into_iter().map(|(_, id)| id));
                }
                usize::try_from(self.store.count::<Place>(&[]).await?).unwrap_or(0)
            }
            Some(m) => {
                // The places of the filter's categories read through their
                // index when they are not many more than those matching
                // (a rare category: `/map?category=mosque`), else by id.
                let in_categories = if categories.is_empty() {
                    None
                } else {
                    let n = self.store.count_in_categories(categories).await?;
                    Some(usize::try_from(n).unwrap_or(usize::MAX))
                };
                let narrow = in_categories.filter(|n| *n <= m.len().saturating_mul(2));
                let by = if narrow.is_some() { categories } else { &[][..] };
                if m.len() <= few {
                    return Ok(Some(self.first_of_matching(ord, m, by, today, limit).await?));
                }
                // Many match: each lead's places in key order, a page at a
                // time, those matching kept, until the list is full — unless
                // that reads more places than an eighth of those of the
                // categories (when read by category), or than match (leads
                // with few of them walked through): then only the matching
                // ones are sorted.
                let budget = narrow.map_or(m.len(), |n| n / 8);
                let page = u32::try_from(page.max(1)).unwrap_or(u32::MAX);
                let mut read = 0usize;
                'classes: for class in LeadClass::ALL {
                    let mut after: Option<KeyCursor> = None;
                    loop {
                        if ids.len() >= limit {
                            break 'classes;
                        }
                        if read > budget {
                            return Ok(Some(self.first_of_matching(ord, m, by, today, limit).await?));
                        }
                        let found = self
                            .store
                            .place_class_by_key(ord, class, today, after.as_ref(), page)
                            .await?;
                        read += found.len();
                        let full = found.len() == page as usize;
                        for (key, id) in found {
                            if ids.len() < limit && m.binary_search(&id).is_ok() {
                                ids.push(id);
                            }
                            after = Some((key, id));
                        }
                        if !full {
                            break;
                        }
                    }
                }
                m.len()
            }
        };
        Ok(Some((matched, ids)))
    }

    /// The first `limit` places matching `filter` in a visitor's order from
    /// `from` (distance band, lead, name, id) and how many match
    /// (`matching`: by id, `None` for all): the matching places within a
    /// radius of `from` found by the map's index, the radius growing until
    /// it holds `limit` of them and every place in the last one's distance
    /// band; only they are read (their keys in the kept order and what
    /// decides their leads) and sorted. `None` when the keys are not ready
    /// or `from` is not a position.
    async fn first_by_distance(
        &self,
        filter: &PlaceFilter,
        matching: Option<&[Id]>,
        from: (f64, f64),
        lang: Lang,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Option<(usize, Vec<Id>)>> {
        let Some(ord) = place_sort::order_for(lang, &[lang.code()]) else {
            return Ok(None);
        };
        let Ok(at) = LatLon::new(from.0, from.1) else {
            return Ok(None);
        };
        if !self.store.place_sort_ready().await? {
            return Ok(None);
        }
        let today = self.today();
        let matched = match matching {
            Some(m) => m.len(),
            None => usize::try_from(self.store.count::<Place>(&[]).await?).unwrap_or(0),
        };
        if limit == 0 {
            return Ok(Some((matched, Vec::new())));
        }
        // Few matching anywhere: all of them at once.
        let mut metres = if matched <= limit { EARTH_WIDE_M } else { FIRST_RADIUS_M };
        loop {
            let everywhere = metres >= EARTH_WIDE_M;
            let mut ids = match matching {
                Some(m) if everywhere => m.to_vec(),
                _ => self.area_ids(&Area::Radius { at, metres }, filter, now).await?.0,
            };
            if ids.len() < limit && !everywhere {
                metres = (metres * 4.0).min(EARTH_WIDE_M);
                continue;
            }
            ids.sort_unstable();
            let mut keyed: Vec<(Option<u64>, u8, Vec<u8>, Id)> = self
                .store
                .place_marks_keyed(ord, &ids)
                .await?
                .into_iter()
                .map(|(key, m)| {
                    let band = LatLon::from_e7(m.lat_e7, m.lon_e7)
                        .ok()
                        .map(|p| distance_band(metres_from(from, p.lat(), p.lon())));
                    (band, lead_of(&m, today).rank(), key, m.id)
                })
                .collect();
            if limit < keyed.len() {
                keyed.select_nth_unstable(limit);
                keyed.truncate(limit);
            }
            keyed.sort_unstable();
            // Every place shown in the last one's band is nearer than this.
            #[allow(clippy::cast_precision_loss)] // bands are whole metres well under 2^52
            let reach = keyed.last().and_then(|k| k.0).map_or(0.0, |b| b as f64 + BAND_REACH_M);
            if everywhere || (keyed.len() >= limit && reach <= metres) {
                return Ok(Some((matched, keyed.into_iter().map(|k| k.3).collect())));
            }
            metres = if keyed.len() >= limit {
                reach
            } else {
                (metres * 4.0).min(EARTH_WIDE_M)
            };
        }
    }

    /// The first `limit` of the places `matching` (by id) in a visitor's
    /// order without a position, and how many there are: their keys in the
    /// kept order `ord` and what decides their leads read — by id, or the
    /// places of `categories` when given (those not matching passed over) —
    /// and only they sorted.
    async fn first_of_matching(
        &self,
        ord: &str,
        matching: &[Id],
        categories: &[&str],
        today: NaiveDate,
        limit: usize,
    ) -> Result<(usize, Vec<Id>)> {
        let marks = if categories.is_empty() {
            self.store.place_marks_keyed(ord, matching).await?
        } else {
            self.store.place_marks_keyed_in(ord, categories).await?
        };
        let mut keyed: Vec<(u8, Vec<u8>, Id)> = marks
            .into_iter()
            .filter(|(_, mark)| matching.binary_search(&mark.id).is_ok())
            .map(|(key, mark)| (lead_of(&mark, today).rank(), key, mark.id))
            .collect();
        let matched = keyed.len();
        if limit < keyed.len() {
            keyed.select_nth_unstable(limit);
            keyed.truncate(limit);
        }
        keyed.sort_unstable();
        Ok((matched, keyed.into_iter().map(|(_, _, id)| id).collect()))
    }

    /// The first `limit` places in a visitor's order and how many match,
    /// from every place's mark read a page at a time by id (the order
    /// decided here, only the first `limit` kept): for a list by distance,
    /// or while the sort keys are not ready.
    async fn first_by_scan(
        &self,
        matching: Option<&[Id]>,
        near: Option<(f64, f64)>,
        lang: Lang,
        today: NaiveDate,
        limit: usize,
    ) -> Result<(usize, Vec<Id>)> {
        let prefer = [lang.code()];
        let mut kept: BinaryHeap<Ordered> = BinaryHeap::new();
        let mut matched = 0usize;
        let mut after = 0;
        loop {
            let (page, next) = self.store.place_marks_after(&prefer, after, SCAN_PAGE).await?;
            for m in page {
                if matching.is_some_and(|ids| ids.binary_search(&m.id).is_err()) {
                    continue;
                }
                matched += 1;
                let band = match (near, LatLon::from_e7(m.lat_e7, m.lon_e7)) {
                    (Some(from), Ok(at)) => Some(distance_band(metres_from(from, at.lat(), at.lon()))),
                    _ => None,
                };
                let rank = lead_of(&m, today).rank();
                let item = Ordered {
                    band,
                    rank,
                    name: m.name,
                    id: m.id,
                    lang,
                };
                if limit > 0 {
                    keep_least(&mut kept, limit, item);
                }
            }
            match next {
                Some(id) => after = id,
                None => break,
            }
        }
        let ids: Vec<Id> = kept.into_sorted_vec().into_iter().map(|o| o.id).collect();
        Ok((matched, ids))
    }
}

#[cfg(test)]
mod tests {
    use kizuna_domain::map::place::PlaceFields;
    use kizuna_store::Backend;
    use kizuna_testkit::fresh_store;

    use super::*;

    /// Many places matching a filter, found lead by lead in key order a
    /// page at a time, are the first of those sorted whole.
    async fn many_matching_found_page_by_page(backend: Backend) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let app = App::new(fresh_store(backend).await.expect("a store")).with_today(today);
        let levels = [
            "unknown",
            "self_declared",
            "pork_free",
            "vegetarian_options",
            "certified",
        ];
        let names = ["Zaytun", "amanah", "Émile", "カフェ", "ไซตูน", "Nur", "nur", "伊藤"];
        let mut ids = Vec::new();
        for i in 0..40usize {
            let mut f = PlaceFields {
                name_en: (i % 5 != 4).then(|| format!("{} {}", names[i % names.len()], i % 3)),
                name_ja: (i % 5 == 4).then(|| "あまな".to_owned()),
                category: Some(if i.is_multiple_of(7) { "mosque" } else { "cafe" }.into()),
                lat: Some(43.06),
                lon: Some(141.35),
                assurance: Some(levels[i % levels.len()].into()),
                prayer_space: Some(i.is_multiple_of(3)),
                ..Default::default()
            };
            if i % 5 == 4 {
                f.certifier = Some("Test Board (demo)".into());
                f.certificate_number = Some(format!("T-{i}"));
                f.certificate_valid_from = Some("2024-01-01".into());
                f.certificate_valid_until = Some(
                    if i.is_multiple_of(2) {
                        "2027-01-01"
                    } else {
                        "2025-01-01"
                    }
                    .into(),
                );
            }
            ids.push(app.create_place(f).await.expect("created").id);
        }
        // Every other place matches; every place is a cafe or a mosque, so
        // the places of both categories are not many more than match (read
        // by category), those of one are (read by id).
        let matching: Vec<Id> = ids.iter().copied().step_by(2).collect();
        for lang in Lang::ALL {
            for limit in [0, 1, 5, 19, 20, 40] {
                let sorted = app
                    .first_by_key_with(Some(&matching), &[], lang, today, limit, usize::MAX, 1)
                    .await
                    .expect("a list")
                    .expect("keys ready");
                for categories in [&[][..], &["cafe", "mosque"], &["cafe", "mosque", "hotel"]] {
                    for (few, page) in [(0, 1), (0, 3), (0, 1_000), (usize::MAX, 1)] {
                        let found = app
                            .first_by_key_with(Some(&matching), categories, lang, today, limit, few, page)
                            .await
                            .expect("a list")
                            .expect("keys ready");
                        assert_eq!(
                            found, sorted,
                            "{lang:?}, first {limit}, {categories:?}, sorted here up to {few}, pages of {page}"
                        );
                    }
                }
                assert_eq!(sorted.0, 20);
                assert_eq!(sorted.1.len(), limit.min(20));
            }
        }
        // The mosques: read through the category's index (`mosque`), or by
        // id when the categories hold many more places (`mosque`, `cafe`).
        let mosques: Vec<Id> = ids.iter().copied().step_by(7).collect();
        let by_id = app
            .first_by_key_with(Some(&mosques), &[], Lang::En, today, 3, usize::MAX, 1)
            .await
            .expect("a list")
            .expect("keys ready");
        assert_eq!(by_id.0, mosques.len());
        for categories in [&["mosque"][..], &["mosque", "cafe"]] {
            for few in [0, usize::MAX] {
                let found = app
                    .first_by_key_with(Some(&mosques), categories, Lang::En, today, 3, few, 1)
                    .await
                    .expect("a list")
                    .expect("keys ready");
                assert_eq!(found, by_id, "{categories:?}, sorted here up to {few}");
            }
        }
    }

    /// A list by distance read from growing radii orders as the scan of
    /// every place orders it, with and without a filter.
    async fn by_distance_as_the_scan(backend: Backend) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let app = App::new(fresh_store(backend).await.expect("a store")).with_today(today);
        let names = ["Zaytun", "amanah", "Nur", "nur", "カフェ", "ไซตูน"];
        for i in 0..60usize {
            // Rings around Sapporo (a few metres to ~60 km), a few in Tokyo,
            // some at the very same spot.
            #[allow(clippy::cast_precision_loss)]
            let (lat, lon) = if i % 11 == 10 {
                (35.68, 139.76)
            } else if i.is_multiple_of(13) {
                (43.06, 141.35)
            } else {
                let r = 0.000_05 * ((i * i) % 97) as f64 * (1.0 + (i % 5) as f64 * 3.0);
                (43.06 + r * ((i % 4) as f64 - 1.5), 141.35 - r * ((i % 3) as f64 - 1.0))
            };
            let f = PlaceFields {
                name_en: Some(format!("{} {}", names[i % names.len()], i % 4)),
                category: Some(if i.is_multiple_of(3) { "mosque" } else { "cafe" }.into()),
                lat: Some(lat),
                lon: Some(lon),
                assurance: Some(["unknown", "self_declared", "pork_free"][i % 3].into()),
                prayer_space: Some(i.is_multiple_of(4)),
                ..Default::default()
            };
            app.create_place(f).await.expect("created");
        }
        let now = app.now();
        let mosques = PlaceFilter {
            categories: vec![PlaceCategory::Mosque],
            ..Default::default()
        };
        for filter in [PlaceFilter::default(), mosques] {
            let matching = if filter.is_empty() {
                None
            } else {
                let (mut ids, _) = app.area_ids(&Area::All, &filter, now).await.expect("ids");
                ids.sort_unstable();
                Some(ids)
            };
            for from in [(43.06, 141.35), (43.0612, 141.3489), (35.0, 135.0), (-33.9, 18.4)] {
                for limit in [0, 1, 3, 10, 25, 60, 100] {
                    for lang in [Lang::En, Lang::Ja] {
                        let scan = app
                            .first_by_scan(matching.as_deref(), Some(from), lang, today, limit)
                            .await
                            .expect("a list");
                        let by_radius = app
                            .first_by_distance(&filter, matching.as_deref(), from, lang, now, limit)
                            .await
                            .expect("a list")
                            .expect("keys ready");
                        assert_eq!(by_radius, scan, "{filter:?} from {from:?}, first {limit}, {lang:?}");
                    }
                }
            }
        }
    }

    #[tokio::test]
    async fn by_distance_as_the_scan_on_sqlite() {
        Box::pin(by_distance_as_the_scan(Backend::Sqlite)).await;
    }

    #[tokio::test]
    async fn by_distance_as_the_scan_on_postgres() {
        Box::pin(by_distance_as_the_scan(Backend::Postgres)).await;
    }

    #[tokio::test]
    async fn many_matching_found_page_by_page_on_sqlite() {
        Box::pin(many_matching_found_page_by_page(Backend::Sqlite)).await;
    }

    #[tokio::test]
    async fn many_matching_found_page_by_page_on_postgres() {
        Box::pin(many_matching_found_page_by_page(Backend::Postgres)).await;
    }
}
