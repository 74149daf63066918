//! Halal-aware itineraries (#15 item 3): the places from the map's index,
//! prayer times from kizuna-geo's prayer module and opening hours from its
//! hours (Japan's holidays included), the domain's planner run on the
//! blocking pool; the plan as JSON, iCalendar (the calendar's strict
//! writer, `GEO` on every event with a place), text and a printable PDF
//! (kizuna-docs' `itinerary.rs` on the document engine, laid out on the
//! blocking pool, with each certified meal place's certificate end read
//! from the map).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use kizuna_docs::engine::Fonts;
use kizuna_docs::itinerary::ItineraryDoc;
pub use kizuna_docs::itinerary::{hhmm, item_title, kind_label, level_label, prayer_label, warning_text};
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{Assurance, LatLon, Place};
use kizuna_domain::tourism::itinerary::{
    DayPlan, ItemKind, Mode, OptionError, Options, Oracle, Places, Plan, Prayer, PrayerDay, Start, plan,
};
use kizuna_geo::geometry::BBox;
use kizuna_geo::hours::{PLACE_TIME_ZONE, hours_by_day};
use kizuna_geo::index::{PlaceFilter, scan};
use kizuna_geo::prayer::{Method, Params, prayer_times};
use kizuna_i18n::{FluentValue, Lang, message};
use kizuna_io::ical_feed::{Feed, FeedEvent, When, write};
use serde::Serialize;

use crate::{App, AppError, Result};

/// A day's open spans (minutes), `None` when not known.
type Spans = Option<Vec<(i32, i32)>>;

/// Prayer times and opening hours from kizuna-geo, remembered per
/// expression and day (most places share a few expressions).
pub struct GeoOracle {
    params: Params,
    hours: RefCell<HashMap<(String, NaiveDate), Spans>>,
}

impl GeoOracle {
    pub fn new(method: Method) -> Self {
        GeoOracle {
            params: Params::new(method),
            hours: RefCell::default(),
        }
    }
}

fn minutes_of(date: NaiveDate, t: DateTime<Utc>) -> i32 {
    let local = t.with_timezone(&PLACE_TIME_ZONE);
    let days = (local.date_naive() - date).num_days() as i32;
    days * 1440 + (local.hour() * 60 + local.minute()) as i32
}

fn clock_minutes(s: &str) -> Option<i32> {
    let (h, m) = s.split_once(':')?;
    Some(h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?)
}

fn has_sun_event(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["sunrise", "sunset", "dawn", "dusk"].iter().any(|w| t.contains(w))
}

impl Oracle for GeoOracle {
    fn prayer_day(&self, lat: f64, lon: f64, date: NaiveDate) -> Option<PrayerDay> {
        let t = prayer_times(lat, lon, date, &self.params).ok()?;
        Some(PrayerDay {
            fajr: minutes_of(date, t.fajr),
            sunrise: minutes_of(date, t.sunrise),
            dhuhr: minutes_of(date, t.dhuhr),
            asr: minutes_of(date, t.asr),
            maghrib: minutes_of(date, t.maghrib),
            isha: minutes_of(date, t.isha),
        })
    }

    fn open_spans(&self, place: &Place, date: NaiveDate) -> Option<Vec<(i32, i32)>> {
        let text = place.fields.opening_hours.as_ref()?.as_str();
        let (lat, lon) = (place.fields.position.lat(), place.fields.position.lon());
        let key = if has_sun_event(text) {
            (format!("{text}@{lat},{lon}"), date)
        } else {
            (text.to_owned(), date)
        };
        if let Some(v) = self.hours.borrow().get(&key) {
            return v.clone();
        }
        // Open spans only: "unknown" spans and open-ended ones (closing time
        // not known) are not counted on.
        let spans = hours_by_day(text, lat, lon, date, 1).map(|days| {
            days.iter()
                .flat_map(|d| d.spans.iter())
                .filter(|s| !s.unknown && !s.open_end)
                .filter_map(|s| Some((clock_minutes(&s.from)?, clock_minutes(&s.until)?)))
                .collect()
        });
        self.hours.borrow_mut().insert(key, spans.clone());
        spans
    }
}

/// A drafted itinerary and what it was drafted with.
#[derive(Debug, Clone)]
pub struct Itinerary {
    pub plan: Plan,
    pub options: Options,
    pub method: Method,
}

fn field_errors(errors: Vec<OptionError>) -> AppError {
    AppError::Invalid(
        errors
            .into_iter()
            .map(|e| FieldError::new(e.field, e.code, e.message))
            .collect(),
    )
}

/// Plan over places already in memory (the benchmark, tests).
pub fn plan_over(places: &[&Place], options: &Options, method: Method) -> Result<Plan> {
    let ps = Places::new(places);
    plan(&ps, options, &GeoOracle::new(method)).map_err(field_errors)
}

/// A box: south, north, west, east (degrees; west ≤ east).
type Bounds = (f64, f64, f64, f64);

/// The box holding every point within `metres` of each of `points`, or
/// `None` when that reaches a pole or across the antimeridian (then the
/// whole map is read).
fn bounds_around(points: &[(f64, f64)], metres: f64) -> Option<Bounds> {
    let mut out: Option<Bounds> = None;
    for &(lat, lon) in points {
        let at = LatLon::new(lat, lon).ok()?;
        let (south, north, lon) = scan::circle_box(at, metres);
        let (west, east) = lon?;
        if west > east || south <= -90.0 || north >= 90.0 {
            return None;
        }
        out = Some(match out {
            None => (south, north, west, east),
            Some((s, n, w, e)) => (s.min(south), n.max(north), w.min(west), e.max(east)),
        });
    }
    out
}

/// Whether every point within `metres` of each of `points` is inside `b`.
fn reaches_inside(points: &[(f64, f64)], metres: f64, b: Bounds) -> bool {
    bounds_around(points, metres).is_some_and(|(s, n, w, e)| s >= b.0 && n <= b.1 && w >= b.2 && e <= b.3)
}

/// Where the group is at some moment of a plan: the start, each place
/// named, and every item.
fn plan_points(plan: &Plan) -> impl Iterator<Item = (f64, f64)> + '_ {
    plan.days.iter().flat_map(|d| d.items.iter().map(|i| (i.lat, i.lon)))
}

impl App {
    /// Draft an itinerary over the places of the map within reach of it.
    ///
    /// The planner looks for prayer spaces, meal places and Friday prayer
    /// venues only within `prayer_search_km`, `meal_search_km` and
    /// `jumuah_search_km` of where the group is. So the places read are
    /// those in a box around the start and the sights, widened by twice
    /// the farthest search; when a drafted plan takes the group nearer the
    /// box's edge than a search reaches, the box is drawn again around
    /// every place the plan goes, and the plan drafted again. The plan is
    /// the one drafted over every place, having read only the region.
    pub async fn plan_itinerary(&self, options: Options, method: Method) -> Result<Itinerary> {
        let named: Vec<Id> = match options.start {
            Start::Place(id) => vec![id],
            Start::Point { .. } => Vec::new(),
        }
        .into_iter()
        .chain(options.include.iter().copied())
        .collect();
        let mut points: Vec<(f64, f64)> = self
            .store
            .get_many::<Place>(&named)
            .await?
            .iter()
            .map(|p| (p.fields.position.lat(), p.fields.position.lon()))
            .collect();
        if let Start::Point { lat, lon } = options.start {
            points.push((lat, lon));
        }
        let searched_km = options
            .prayer_search_km
            .max(options.meal_search_km)
            .max(options.jumuah_search_km);
        // Rounding aside, and the options are checked by the planner: an
        // unusable distance reads the whole map and lets it say so.
        let reach_m = if searched_km.is_finite() && searched_km >= 0.0 {
            searched_km * 1000.0 * 1.01 + 100.0
        } else {
            f64::INFINITY
        };
        loop {
            let bounds = if reach_m.is_finite() && !points.is_empty() {
                bounds_around(&points, 2.0 * reach_m)
            } else {
                None
            };
            let region = self.places_within(bounds).await?;
            let opts = options.clone();
            let planned = tokio::task::spawn_blocking(move || {
                let places: Vec<&Place> = region.iter().collect();
                plan_over(&places, &opts, method)
            })
            .await;
            let plan = match planned {
                Ok(p) => p?,
                Err(e) => match e.try_into_panic() {
                    Ok(panic) => std::panic::resume_unwind(panic),
                    Err(e) => panic!("the itinerary planning was cancelled: {e}"),
                },
            };
            let Some(b) = bounds else {
                return Ok(Itinerary { plan, options, method });
            };
            let went: Vec<(f64, f64)> = plan_points(&plan).chain(points.iter().copied()).collect();
            if reaches_inside(&went, reach_m, b) {
                return Ok(Itinerary { plan, options, method });
            }
            points = went;
        }
    }

    /// The places in a box (all of them for `None`), by id: through the
    /// map's index (the store's position index while it loads).
    async fn places_within(&self, bounds: Option<Bounds>) -> Result<Vec<Place>> {
        let mut places: Vec<Place> = match bounds {
            Some((south, north, west, east)) => {
                let bbox = BBox::new(west, south, east, north).map_err(AppError::Invalid)?;
                self.places_within_bbox(bbox, &PlaceFilter::default())
                    .await?
                    .into_iter()
                    .map(|h| h.place.into_place())
                    .collect()
            }
            None => self.store.places_in_box(-90.0, 90.0, None).await?,
        };
        places.sort_by_key(|p| p.id);
        Ok(places)
    }
}

impl App {
    /// The itinerary as a printable PDF in `lang` (plan it with
    /// `options.languages` = `[lang]` for names in that language): the
    /// start's and the asked-for places' names and the certified meal
    /// places' certificate ends read from the store (those places only),
    /// the layout on the blocking pool.
    pub async fn itinerary_pdf(&self, it: &Itinerary, lang: Lang, fonts: Arc<Fonts>) -> Result<Vec<u8>> {
        let named: Vec<Id> = doc_place_ids(it).into_iter().collect();
        let places = self.store.get_many::<Place>(&named).await?;
        let it = it.clone();
        let drafted_on = self.today();
        let made = tokio::task::spawn_blocking(move || {
            let doc = itinerary_doc(&it, lang, drafted_on, places.iter());
            kizuna_docs::itinerary::render(&doc, &fonts)
        })
        .await;
        match made {
            Ok(pdf) => pdf.map_err(|e| AppError::BadFile(e.to_string())),
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("the itinerary's PDF was cancelled: {e}"),
            },
        }
    }
}

/// The meal places of a plan.
fn meal_ids(it: &Itinerary) -> HashSet<Id> {
    it.plan
        .days
        .iter()
        .flat_map(|d| &d.items)
        .filter(|i| i.kind.is_meal())
        .filter_map(|i| i.place_id)
        .collect()
}

/// The places the itinerary's document names: the start, those asked
/// for, and the meal places.
fn doc_place_ids(it: &Itinerary) -> HashSet<Id> {
    let start_id = match it.options.start {
        Start::Place(id) => Some(id),
        Start::Point { .. } => None,
    };
    it.options
        .include
        .iter()
        .copied()
        .chain(start_id)
        .chain(meal_ids(it))
        .collect()
}

/// What the itinerary's document says, the places it names looked up
/// among `places`.
pub fn itinerary_doc<'a>(
    it: &Itinerary,
    lang: Lang,
    drafted_on: NaiveDate,
    places: impl Iterator<Item = &'a Place>,
) -> ItineraryDoc {
    let meals = meal_ids(it);
    let wanted = doc_place_ids(it);
    let langs = [lang.code()];
    let mut names: HashMap<Id, String> = HashMap::new();
    let mut certificates = HashMap::new();
    for p in places.filter(|p| wanted.contains(&p.id)) {
        names.insert(p.id, p.name(&langs).to_owned());
        if meals.contains(&p.id)
            && let Some(c) = p.fields.halal.certificate()
        {
            certificates.insert(p.id, c.valid_until());
        }
    }
    let start = match it.options.start {
        Start::Place(id) => names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
        Start::Point { lat, lon } => format!("{lat:.5}, {lon:.5}"),
    };
    ItineraryDoc {
        lang,
        plan: it.plan.clone(),
        options: it.options.clone(),
        method: it.method.to_string(),
        start,
        included: it
            .options
            .include
            .iter()
            .map(|id| names.get(id).cloned().unwrap_or_else(|| format!("#{id}")))
            .collect(),
        certificates,
        drafted_on,
    }
}

/// An instant of a day's plan.
pub fn instant(date: NaiveDate, minutes: i32) -> DateTime<Utc> {
    let midnight = PLACE_TIME_ZONE
        .from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN).and_utc());
    midnight + Duration::minutes(i64::from(minutes))
}

/// One item as JSON has it: times as RFC 3339 in Japan's zone.
#[derive(Serialize)]
pub struct ItemView {
    pub kind: ItemKind,
    pub prayer: Option<&'static str>,
    pub title: String,
    pub place_id: Option<i64>,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub start: String,
    pub end: String,
    /// When the block could start instead.
    pub window: Option<(String, String)>,
    pub mode: Option<&'static str>,
    pub km: Option<f64>,
    pub from: Option<String>,
    pub assurance: Option<&'static str>,
}

#[derive(Serialize)]
pub struct DayView {
    pub date: NaiveDate,
    pub friday: bool,
    pub ramadan: bool,
    /// The day's prayer times where it starts, `HH:MM`.
    pub prayer_times: Option<HashMap<&'static str, String>>,
    /// Prayers prayed where the group stays (before or after the day).
    pub at_lodging: Vec<&'static str>,
    pub items: Vec<ItemView>,
}

#[derive(Serialize)]
pub struct WarningView {
    pub date: NaiveDate,
    pub code: &'static str,
    pub text: String,
    pub place_id: Option<i64>,
}

#[derive(Serialize)]
pub struct ItineraryView {
    pub from: NaiveDate,
    pub days: Vec<DayView>,
    pub method: String,
    pub meal_level: &'static str,
    pub mode: &'static str,
    pub warnings: Vec<WarningView>,
}

fn rfc3339(date: NaiveDate, minutes: i32) -> String {
    instant(date, minutes)
        .with_timezone(&PLACE_TIME_ZONE)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn day_view(lang: Lang, d: &DayPlan) -> DayView {
    DayView {
        date: d.date,
        friday: d.friday,
        ramadan: d.ramadan,
        prayer_times: d.times.map(|t| {
            [
                ("fajr", t.fajr),
                ("sunrise", t.sunrise),
                ("dhuhr", t.dhuhr),
                ("asr", t.asr),
                ("maghrib", t.maghrib),
                ("isha", t.isha),
            ]
            .into_iter()
            .map(|(k, v)| (k, hhmm(v)))
            .collect()
        }),
        at_lodging: d.lodging.iter().map(|p| p.as_str()).collect(),
        items: d
            .items
            .iter()
            .map(|i| ItemView {
                kind: i.kind,
                prayer: i.prayer.map(Prayer::as_str),
                title: item_title(lang, i),
                place_id: i.place_id,
                name: i.name.clone(),
                lat: i.lat,
                lon: i.lon,
                start: rfc3339(d.date, i.start),
                end: rfc3339(d.date, i.end),
                window: i.window.map(|(a, b)| (rfc3339(d.date, a), rfc3339(d.date, b))),
                mode: i.mode.map(Mode::as_str),
                km: i.km,
                from: i.from_name.clone(),
                assurance: i.assurance.map(Assurance::as_str),
            })
            .collect(),
    }
}

impl Itinerary {
    pub fn view(&self, lang: Lang) -> ItineraryView {
        ItineraryView {
            from: self.options.from,
            days: self.plan.days.iter().map(|d| day_view(lang, d)).collect(),
            method: self.method.to_string(),
            meal_level: self.options.meal_level.as_str(),
            mode: self.options.mode.as_str(),
            warnings: self
                .plan
                .warnings
                .iter()
                .map(|w| WarningView {
                    date: w.date,
                    code: w.code,
                    text: warning_text(lang, w),
                    place_id: w.place_id,
                })
                .collect(),
        }
    }

    /// A key that stays the same for the same request (the events' UIDs).
    fn key(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in format!("{:?}{}", self.options, self.method).bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// The plan as an iCalendar file: every stop, block and leg a timed
    /// event in Asia/Tokyo with its place's `GEO`, categories
    /// `itinerary` and its kind (and the prayer, for a prayer block), each
    /// warning an all-day event with categories `warning` and its code.
    pub fn ics(&self, lang: Lang, stamp: DateTime<Utc>) -> String {
        let zone: Tz = PLACE_TIME_ZONE;
        let key = self.key();
        let mut events = Vec::new();
        for d in &self.plan.days {
            for (n, i) in d.items.iter().enumerate() {
                let mut categories = vec!["itinerary".to_owned(), i.kind.as_str().to_owned()];
                if let Some(p) = i.prayer {
                    categories.push(p.as_str().to_owned());
                }
                let mut description = Vec::new();
                if let Some((a, b)) = i.window {
                    description.push(message(
                        lang,
                        "itinerary-window",
                        &[
                            ("from", FluentValue::from(hhmm(a))),
                            ("until", FluentValue::from(hhmm(b))),
                        ],
                    ));
                }
                if let Some(from) = &i.from_name {
                    description.push(message(
                        lang,
                        "itinerary-from",
                        &[("place", FluentValue::from(from.clone()))],
                    ));
                }
                events.push(FeedEvent {
                    uid: format!("itinerary-{key}-{}-{n}@kizuna", d.date.format("%Y%m%d")),
                    when: When::Timed {
                        starts: instant(d.date, i.start),
                        ends: instant(d.date, i.end),
                        zone,
                    },
                    summary: if i.kind == ItemKind::Travel {
                        item_title(lang, i)
                    } else {
                        format!("{}: {}", item_title(lang, i), i.name)
                    },
                    location: Some(i.name.clone()),
                    geo: Some((i.lat, i.lon)),
                    description: (!description.is_empty()).then(|| description.join("\n")),
                    categories,
                    url: None,
                    sequence: 0,
                    last_modified: None,
                    private: false,
                });
            }
        }
        for (n, w) in self.plan.warnings.iter().enumerate() {
            events.push(FeedEvent {
                uid: format!("itinerary-{key}-warning-{n}@kizuna"),
                when: When::AllDay {
                    first: w.date,
                    last: w.date,
                },
                summary: warning_text(lang, w),
                location: None,
                geo: None,
                description: None,
                categories: vec!["warning".into(), w.code.into()],
                url: None,
                sequence: 0,
                last_modified: None,
                private: false,
            });
        }
        write(&Feed {
            prodid: "-//Kizuna//Itinerary//EN".into(),
            name: message(lang, "itinerary-title", &[]),
            stamp,
            events,
        })
    }

    /// The plan as lines of text, a day at a time.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.plan.days {
            let _ = writeln!(out, "{}", d.date.format("%Y-%m-%d (%a)"));
            for i in &d.items {
                let window = i
                    .window
                    .map(|(a, b)| format!("  [{}–{}]", hhmm(a), hhmm(b)))
                    .unwrap_or_default();
                let what = if i.kind == ItemKind::Travel {
                    item_title(lang, i)
                } else {
                    format!("{}: {}", item_title(lang, i), i.name)
                };
                let _ = writeln!(out, "  {}–{}  {what}{window}", hhmm(i.start), hhmm(i.end));
            }
        }
        for w in &self.plan.warnings {
            let _ = writeln!(out, "! {} {}", w.date, warning_text(lang, w));
        }
        out
    }
}
