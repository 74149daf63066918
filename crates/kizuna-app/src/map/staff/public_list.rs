//! The visitor's list of places (`/map`): the first places in a visitor's
//! order ([`visitor_order`](crate::map::visit::visitor_order): by distance
//! band when a position is known, the stronger lead first, then by name
//! and id) among those a filter lets through, read without holding every
//! place: the map's index says which places match, the store hands out
//! what the order is decided by a page at a time, only the places shown
//! are kept, and only they are read whole.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use chrono::NaiveDate;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, LatLon, Place, PlaceCategory, haversine_m};
use kizuna_i18n::{self as i18n, Lang};
use kizuna_store::place_list::PlaceMark;

use super::{SCAN_PAGE, keep_least};
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
        let prefer = [lang.code()];
        let mut kept: BinaryHeap<Ordered> = BinaryHeap::new();
        let mut matched = 0usize;
        let mut after = 0;
        loop {
            let (page, next) = self.store.place_marks_after(&prefer, after, SCAN_PAGE).await?;
            for m in page {
                if matching.as_ref().is_some_and(|ids| ids.binary_search(&m.id).is_err()) {
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
}
