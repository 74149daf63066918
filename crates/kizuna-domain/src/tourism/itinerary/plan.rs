//! The planner: sights split into days, each day scheduled around its
//! fixed-time blocks (prayers, jumu'ah, meals, iftar).

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::common::Id;
use crate::map::place::{Assurance, Place, haversine_m};

use super::route::{order_stops, travel_minutes};
use super::{
    DayPlan, Item, ItemKind, OptionError, Options, Oracle, Places, Plan, Prayer, PrayerDay, SAME_SPOT_M, Start,
    WINDOW_MARGIN, Warning, assurance_rank,
};

/// Where the group is.
#[derive(Debug, Clone)]
struct Spot {
    lat: f64,
    lon: f64,
    place_id: Option<Id>,
    name: String,
}

impl Spot {
    fn of(p: &Place, langs: &[&str]) -> Spot {
        Spot {
            lat: p.fields.position.lat(),
            lon: p.fields.position.lon(),
            place_id: Some(p.id),
            name: p.name(langs).to_owned(),
        }
    }
    fn m_to(&self, lat: f64, lon: f64) -> f64 {
        haversine_m(self.lat, self.lon, lat, lon)
    }
}

#[derive(Debug, Clone, Copy)]
enum TaskKind<'a> {
    Prayer(Prayer),
    Jumuah(&'a Place, i32),
    Meal(ItemKind),
}

#[derive(Debug, Clone, Copy)]
struct Task<'a> {
    kind: TaskKind<'a>,
    /// Latest start where the day starts: tasks are done earliest deadline
    /// first (each venue's own times decide the real window).
    latest: i32,
}

/// The group's time and position.
#[derive(Debug, Clone)]
struct State {
    t: i32,
    at: Spot,
}

/// A task done: its items and the state after it.
struct Done {
    items: Vec<Item>,
    state: State,
    /// Done where the group was, with no prayer space in reach.
    in_place: bool,
}

/// Open spans of a day, `None` when not known.
type Spans = Option<Vec<(i32, i32)>>;
/// A meal place tried: start, metres away, where, its level, the window, the duration.
type MealChoice = (i32, f64, Spot, Assurance, (i32, i32), i32);

struct Planner<'a> {
    places: &'a Places<'a>,
    o: &'a Options,
    oracle: &'a dyn Oracle,
    langs: Vec<&'a str>,
    prayer_spaces: Vec<&'a Place>,
    food: Vec<&'a Place>,
    jumuah: Vec<&'a Place>,
    hours: RefCell<HashMap<(Id, NaiveDate), Spans>>,
    times: RefCell<HashMap<(i64, i64, NaiveDate), Option<PrayerDay>>>,
}

fn is_prayer_space(p: &Place) -> bool {
    use crate::map::place::PlaceCategory as C;
    p.fields.prayer.prayer_space || matches!(p.fields.category, C::Mosque | C::PrayerRoom)
}

fn is_meal_place(p: &Place) -> bool {
    use crate::map::place::PlaceCategory as C;
    matches!(p.fields.category, C::Restaurant | C::Cafe)
}

/// A meal place's assurance on a day: a certified place counts only with a
/// certificate valid that day (else it meets no level).
pub(super) fn level_on(p: &Place, date: NaiveDate) -> Assurance {
    match p.fields.halal.level() {
        Assurance::Certified if !p.fields.certified_on(date) => Assurance::Unknown,
        l => l,
    }
}

/// The first start at or after `from` and at most `latest` at which
/// `[start, start + dur]` lies within one span.
fn fit(spans: &[(i32, i32)], from: i32, dur: i32, latest: i32) -> Option<i32> {
    spans
        .iter()
        .filter_map(|&(a, b)| {
            let s = from.max(a);
            (s + dur <= b && s <= latest).then_some(s)
        })
        .min()
}

fn plain(kind: ItemKind, spot: &Spot, start: i32, end: i32) -> Item {
    Item {
        kind,
        prayer: None,
        place_id: spot.place_id,
        name: spot.name.clone(),
        lat: spot.lat,
        lon: spot.lon,
        start,
        end,
        window: None,
        mode: None,
        km: None,
        from_name: None,
        assurance: None,
    }
}

impl<'a> Planner<'a> {
    fn prayer_day(&self, lat: f64, lon: f64, date: NaiveDate) -> Option<PrayerDay> {
        let key = ((lat * 1e4).round() as i64, (lon * 1e4).round() as i64, date);
        *self
            .times
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| self.oracle.prayer_day(lat, lon, date))
    }

    fn spans(&self, p: &Place, date: NaiveDate) -> Option<Vec<(i32, i32)>> {
        self.hours
            .borrow_mut()
            .entry((p.id, date))
            .or_insert_with(|| self.oracle.open_spans(p, date))
            .clone()
    }

    /// The travel leg from the state to a spot (none when already there),
    /// and the arrival time.
    fn leg(&self, s: &State, to: &Spot) -> (Option<Item>, i32) {
        let m = s.at.m_to(to.lat, to.lon);
        if m <= SAME_SPOT_M {
            return (None, s.t);
        }
        let (mode, km, mins) = travel_minutes(self.o.mode, m, self.o.walk_max_m, self.o.road_kmh);
        let mut item = plain(ItemKind::Travel, to, s.t, s.t + mins);
        item.mode = Some(mode);
        item.km = Some((km * 10.0).round() / 10.0);
        item.from_name = Some(s.at.name.clone());
        (Some(item), s.t + mins)
    }

    /// Candidates within `km` of the group, nearest first.
    fn near<'p>(&self, list: &[&'p Place], at: &Spot, km: f64, keep: usize) -> Vec<(&'p Place, f64)> {
        let mut v: Vec<(&Place, f64)> = list
            .iter()
            .map(|p| (*p, at.m_to(p.fields.position.lat(), p.fields.position.lon())))
            .filter(|(_, m)| *m <= km * 1000.0)
            .collect();
        if v.len() > keep {
            v.select_nth_unstable_by(keep - 1, |a, b| a.1.total_cmp(&b.1));
            v.truncate(keep);
        }
        v.sort_by(|a, b| a.1.total_cmp(&b.1));
        v
    }

    fn try_task(&self, date: NaiveDate, s: &State, task: &Task<'a>) -> Option<Done> {
        match task.kind {
            TaskKind::Prayer(p) => self.try_prayer(date, s, p),
            TaskKind::Jumuah(v, time) => self.try_jumuah(s, v, time),
            TaskKind::Meal(kind) => self.try_meal(date, s, kind),
        }
    }

    fn try_prayer(&self, date: NaiveDate, s: &State, p: Prayer) -> Option<Done> {
        let slot = self.o.slot(p);
        let window = |lat: f64, lon: f64| {
            let d = self.prayer_day(lat, lon, date)?;
            Some((d.begins(p) + slot.wait, d.closes(p) - WINDOW_MARGIN - slot.duration))
        };
        let mut best: Option<(i32, f64, Spot, (i32, i32))> = None;
        for (v, m) in self.near(&self.prayer_spaces, &s.at, self.o.prayer_search_km, 8) {
            let spot = Spot::of(v, &self.langs);
            let (_, arrive) = self.leg(s, &spot);
            let Some((early, late)) = window(spot.lat, spot.lon) else {
                continue;
            };
            let from = arrive.max(early);
            let start = match self.spans(v, date) {
                // A prayer space with unknown hours is taken as open.
                None => Some(from).filter(|&x| x <= late),
                Some(sp) => fit(&sp, from, slot.duration, late),
            };
            if let Some(start) = start
                && best.as_ref().is_none_or(|b| (start, m) < (b.0, b.1))
            {
                best = Some((start, m, spot, (from, late)));
            }
        }
        let (start, spot, win, in_place) = match best {
            Some((start, _, spot, win)) => (start, spot, win, false),
            None => {
                let (early, late) = window(s.at.lat, s.at.lon)?;
                let start = s.t.max(early);
                if start > late {
                    return None;
                }
                let mut spot = s.at.clone();
                spot.place_id = None;
                (start, spot, (start, late), true)
            }
        };
        let mut items = Vec::new();
        if !in_place && let (Some(leg), _) = self.leg(s, &spot) {
            items.push(leg);
        }
        let mut block = plain(ItemKind::Prayer, &spot, start, start + slot.duration);
        block.prayer = Some(p);
        block.window = Some(win);
        items.push(block);
        Some(Done {
            items,
            state: State {
                t: start + slot.duration,
                at: spot,
            },
            in_place,
        })
    }

    fn try_jumuah(&self, s: &State, v: &Place, time: i32) -> Option<Done> {
        let spot = Spot::of(v, &self.langs);
        let (leg, arrive) = self.leg(s, &spot);
        if arrive > time - self.o.jumuah_arrive_before {
            return None;
        }
        let mut items: Vec<Item> = leg.into_iter().collect();
        let mut block = plain(ItemKind::Jumuah, &spot, time, time + self.o.jumuah_minutes);
        block.prayer = Some(Prayer::Dhuhr);
        items.push(block);
        Some(Done {
            items,
            state: State {
                t: time + self.o.jumuah_minutes,
                at: spot,
            },
            in_place: false,
        })
    }

    fn try_meal(&self, date: NaiveDate, s: &State, kind: ItemKind) -> Option<Done> {
        let want = assurance_rank(self.o.meal_level);
        let mut best: Option<MealChoice> = None;
        for (v, m) in self.near(&self.food, &s.at, self.o.meal_search_km, 40) {
            let level = level_on(v, date);
            if level == Assurance::Unknown || assurance_rank(level) < want {
                continue;
            }
            let spot = Spot::of(v, &self.langs);
            let (early, late, dur) = match kind {
                ItemKind::Iftar => {
                    let Some(d) = self.prayer_day(spot.lat, spot.lon, date) else {
                        continue;
                    };
                    (d.maghrib, d.maghrib + self.o.iftar_within, self.o.iftar_minutes)
                }
                ItemKind::Lunch => self.o.lunch,
                _ => self.o.dinner,
            };
            let (_, arrive) = self.leg(s, &spot);
            // Unknown hours: not chosen for a meal.
            let Some(spans) = self.spans(v, date) else {
                continue;
            };
            if let Some(start) = fit(&spans, arrive.max(early), dur, late)
                && best.as_ref().is_none_or(|b| (start, m) < (b.0, b.1))
            {
                let last = (start..=late)
                    .rev()
                    .find(|&x| fit(&spans, x, dur, x).is_some())
                    .unwrap_or(start);
                best = Some((start, m, spot, level, (start, last), dur));
            }
        }
        let (start, _, spot, level, win, dur) = best?;
        let mut items: Vec<Item> = self.leg(s, &spot).0.into_iter().collect();
        let mut block = plain(kind, &spot, start, start + dur);
        block.window = Some(win);
        block.assurance = Some(level);
        items.push(block);
        Some(Done {
            items,
            state: State {
                t: start + dur,
                at: spot,
            },
            in_place: false,
        })
    }

    /// A sight visited from the state: its leg and visit, waiting for it to
    /// open at most `max_wait` minutes.
    fn try_sight(&self, date: NaiveDate, s: &State, v: &Place, max_wait: i32) -> Option<Done> {
        let spot = Spot::of(v, &self.langs);
        let (leg, arrive) = self.leg(s, &spot);
        let dur = self.o.visit_minutes;
        let start = match self.spans(v, date) {
            None => arrive,
            Some(sp) => fit(&sp, arrive, dur, arrive + max_wait)?,
        };
        let mut items: Vec<Item> = leg.into_iter().collect();
        items.push(plain(ItemKind::Sight, &spot, start, start + dur));
        Some(Done {
            items,
            state: State {
                t: start + dur,
                at: spot,
            },
            in_place: false,
        })
    }

    /// Which of the pending tasks can still be done, in order, from a state.
    fn feasible(&self, date: NaiveDate, s: &State, tasks: &[Task<'a>]) -> Vec<bool> {
        let mut s = s.clone();
        tasks
            .iter()
            .map(|t| match self.try_task(date, &s, t) {
                Some(d) => {
                    s = d.state;
                    true
                }
                None => false,
            })
            .collect()
    }
}

fn check(o: &Options, places: &Places) -> Vec<OptionError> {
    let mut e = Vec::new();
    let mut err = |field, code, message: String| e.push(OptionError { field, code, message });
    if !(1..=14).contains(&o.days) {
        err(
            "days",
            "out_of_range",
            format!("days must be from 1 to 14, not {}", o.days),
        );
    }
    if !(0..24 * 60).contains(&o.day_start) || o.day_start >= o.day_end || o.day_end > 24 * 60 {
        err(
            "day_end",
            "before_start",
            "the day must end after it starts, within the day".into(),
        );
    }
    if !(o.road_kmh.is_finite() && o.road_kmh > 0.0 && o.road_kmh <= 120.0) {
        err(
            "speed",
            "out_of_range",
            format!("speed must be from 1 to 120 km/h, not {}", o.road_kmh),
        );
    }
    if !(o.walk_max_m.is_finite() && (0.0..=5000.0).contains(&o.walk_max_m)) {
        err(
            "walk_max_m",
            "out_of_range",
            "the walking distance must be 0 to 5,000 m".into(),
        );
    }
    if o.slots
        .iter()
        .any(|s| !(0..=120).contains(&s.wait) || !(1..=120).contains(&s.duration))
    {
        err(
            "prayer_slots",
            "out_of_range",
            "waits must be 0–120 and durations 1–120 minutes".into(),
        );
    }
    if o.meal_level == Assurance::Unknown {
        err(
            "meal_level",
            "too_low",
            "a meal level must be at least vegetarian options".into(),
        );
    }
    if let Start::Place(id) = o.start
        && !places.by_id.contains_key(&id)
    {
        err("start", "unknown_place", format!("no place {id}"));
    }
    let unknown: Vec<String> = o
        .include
        .iter()
        .filter(|id| !places.by_id.contains_key(id))
        .map(ToString::to_string)
        .collect();
    if !unknown.is_empty() {
        err("include", "unknown_place", format!("no place {}", unknown.join(", ")));
    }
    e
}

/// Draft an itinerary; errors name the option that cannot be planned with.
pub fn plan(places: &Places, o: &Options, oracle: &dyn Oracle) -> Result<Plan, Vec<OptionError>> {
    let errors = check(o, places);
    if !errors.is_empty() {
        return Err(errors);
    }
    let langs: Vec<&str> = o.languages.iter().map(String::as_str).collect();
    let p = Planner {
        places,
        o,
        oracle,
        prayer_spaces: places.all.iter().copied().filter(|p| is_prayer_space(p)).collect(),
        food: places.all.iter().copied().filter(|p| is_meal_place(p)).collect(),
        jumuah: places
            .all
            .iter()
            .copied()
            .filter(|p| p.fields.jumuah.is_some() && is_prayer_space(p))
            .collect(),
        langs,
        hours: RefCell::default(),
        times: RefCell::default(),
    };
    let start = match o.start {
        Start::Place(id) => Spot::of(p.places.by_id[&id], &p.langs),
        Start::Point { lat, lon } => Spot {
            lat,
            lon,
            place_id: None,
            name: "start".into(),
        },
    };
    // The sights in one order from the start, then split into days.
    let mut sights: Vec<&Place> = Vec::new();
    for id in &o.include {
        let pl = places.by_id[id];
        if !sights.iter().any(|s| s.id == pl.id) {
            sights.push(pl);
        }
    }
    let pos: Vec<(f64, f64)> = sights
        .iter()
        .map(|s| (s.fields.position.lat(), s.fields.position.lon()))
        .collect();
    let order = order_stops((start.lat, start.lon), &pos);
    let ordered: Vec<&Place> = order.iter().map(|&i| sights[i]).collect();
    let mut by_day = split_days(&p, &start, &ordered);

    let mut warnings = Vec::new();
    let mut days = Vec::new();
    let mut at = start;
    let mut carry: VecDeque<&Place> = VecDeque::new();
    for (k, date) in o.from.iter_days().take(o.days as usize).enumerate() {
        let mut queue: VecDeque<&Place> = std::mem::take(&mut carry);
        queue.extend(std::mem::take(&mut by_day[k]));
        let (day, left, end) = plan_day(&p, date, at, queue, &mut warnings);
        carry = left;
        at = end;
        days.push(day);
    }
    for s in carry {
        warnings.push(warning(o.from, "sight_not_fitted", |w| {
            w.place_id = Some(s.id);
            w.name = Some(s.name(&p.langs).to_owned());
        }));
    }
    Ok(Plan { days, warnings })
}

fn warning(date: NaiveDate, code: &'static str, f: impl FnOnce(&mut Warning)) -> Warning {
    let mut w = Warning {
        date,
        code,
        prayer: None,
        meal: None,
        place_id: None,
        name: None,
        km: None,
    };
    f(&mut w);
    w
}

/// The ordered sights cut into days of about equal time (travel and
/// visits), none over what a day leaves for sights (its length less about
/// an hour per meal and half an hour per prayer).
fn split_days<'a>(p: &Planner<'a>, start: &Spot, ordered: &[&'a Place]) -> Vec<Vec<&'a Place>> {
    let o = p.o;
    let n = o.days as usize;
    let budget = (o.day_end - o.day_start) - 2 * 75 - 4 * 30;
    let mut costs = Vec::with_capacity(ordered.len());
    let mut at = start.clone();
    for s in ordered {
        let spot = Spot::of(s, &p.langs);
        let (_, arrive) = p.leg(&State { t: 0, at: at.clone() }, &spot);
        costs.push(arrive + o.visit_minutes);
        at = spot;
    }
    let total: i32 = costs.iter().sum();
    let target = (total / n as i32).min(budget) * 23 / 20;
    let mut out = vec![Vec::new(); n];
    let (mut day, mut used) = (0, 0);
    for (s, cost) in ordered.iter().zip(costs) {
        if used > 0 && used + cost > target && day + 1 < n {
            day += 1;
            used = 0;
        }
        used += cost;
        out[day].push(*s);
    }
    out
}

/// One day: its plan, the sights it could not fit, and where it ends.
fn plan_day<'a>(
    p: &Planner<'a>,
    date: NaiveDate,
    at: Spot,
    mut queue: VecDeque<&'a Place>,
    warnings: &mut Vec<Warning>,
) -> (DayPlan, VecDeque<&'a Place>, Spot) {
    let o = p.o;
    let friday = date.weekday() == Weekday::Fri;
    let ramadan = o.is_ramadan(date);
    let times = p.prayer_day(at.lat, at.lon, date);
    let mut day = DayPlan {
        date,
        friday,
        ramadan,
        times,
        items: Vec::new(),
        lodging: Vec::new(),
    };
    let Some(times) = times else {
        warnings.push(warning(date, "no_prayer_times", |_| {}));
        return (day, queue, at);
    };
    let mut tasks: Vec<Task<'a>> = Vec::new();
    for pr in Prayer::ALL {
        let slot = o.slot(pr);
        let early = times.begins(pr) + slot.wait;
        let late = times.closes(pr) - WINDOW_MARGIN - slot.duration;
        if late < o.day_start || early > o.day_end - slot.duration {
            day.lodging.push(pr);
            continue;
        }
        if pr == Prayer::Dhuhr && friday {
            match jumuah_venue(p, date, &at, &queue) {
                Some((v, time)) => {
                    tasks.push(Task {
                        kind: TaskKind::Jumuah(v, time),
                        latest: time - o.jumuah_arrive_before,
                    });
                    continue;
                }
                None => warnings.push(warning(date, "no_jumuah_venue", |w| {
                    w.prayer = Some(Prayer::Dhuhr);
                    w.km = Some(o.jumuah_search_km);
                })),
            }
        }
        tasks.push(Task {
            kind: TaskKind::Prayer(pr),
            latest: late,
        });
    }
    if ramadan {
        // Suhoor before fajr, where the group spent the night.
        let mut note = plain(ItemKind::Suhoor, &at, times.fajr - 60, times.fajr - 10);
        note.place_id = at.place_id;
        day.items.push(note);
        if times.maghrib <= o.day_end {
            tasks.push(Task {
                kind: TaskKind::Meal(ItemKind::Iftar),
                latest: times.maghrib + o.iftar_within,
            });
        }
    } else {
        for (kind, (early, late, dur)) in [(ItemKind::Lunch, o.lunch), (ItemKind::Dinner, o.dinner)] {
            if early + dur <= o.day_end && early >= o.day_start {
                tasks.push(Task {
                    kind: TaskKind::Meal(kind),
                    latest: late,
                });
            }
        }
    }
    tasks.sort_by_key(|t| t.latest);

    let mut s = State { t: o.day_start, at };
    let mut closed: Vec<&Place> = Vec::new();
    loop {
        // A sight that keeps every task still doable, in the route's order.
        if !queue.is_empty() {
            let base = p.feasible(date, &s, &tasks);
            let mut chosen = None;
            // A sight open within half an hour first, else one that opens
            // later (waiting rather than leaving it for another day).
            for (k, v, wait) in [30, 24 * 60]
                .into_iter()
                .flat_map(|w| queue.iter().enumerate().map(move |(k, v)| (k, v, w)))
            {
                let Some(done) = p.try_sight(date, &s, v, wait) else {
                    continue;
                };
                if done.state.t > o.day_end {
                    continue;
                }
                let after = p.feasible(date, &done.state, &tasks);
                if base.iter().zip(&after).all(|(b, a)| !b || *a) {
                    chosen = Some((k, done));
                    break;
                }
            }
            if let Some((k, done)) = chosen {
                queue.remove(k);
                day.items.extend(done.items);
                s = done.state;
                continue;
            }
        }
        if tasks.is_empty() {
            break;
        }
        let task = tasks.remove(0);
        match p.try_task(date, &s, &task) {
            Some(done) => {
                if done.in_place
                    && let TaskKind::Prayer(pr) = task.kind
                {
                    warnings.push(warning(date, "no_prayer_space", |w| {
                        w.prayer = Some(pr);
                        w.km = Some(o.prayer_search_km);
                    }));
                }
                day.items.extend(done.items);
                s = done.state;
            }
            None => warnings.push(match task.kind {
                TaskKind::Prayer(pr) => warning(date, "prayer_not_placed", |w| w.prayer = Some(pr)),
                TaskKind::Jumuah(v, _) => warning(date, "prayer_not_placed", |w| {
                    w.prayer = Some(Prayer::Dhuhr);
                    w.place_id = Some(v.id);
                }),
                TaskKind::Meal(ItemKind::Iftar) => warning(date, "no_iftar_place", |w| {
                    w.meal = Some(ItemKind::Iftar);
                    w.km = Some(o.meal_search_km);
                }),
                TaskKind::Meal(m) => warning(date, "no_meal_place", |w| {
                    w.meal = Some(m);
                    w.km = Some(o.meal_search_km);
                }),
            }),
        }
    }
    // Sights left: closed all day, or no time left.
    let mut left = VecDeque::new();
    for v in queue {
        let open_some_time = match p.spans(v, date) {
            None => true,
            Some(sp) => fit(&sp, o.day_start, o.visit_minutes, o.day_end).is_some(),
        };
        if open_some_time {
            left.push_back(v);
        } else {
            closed.push(v);
            left.push_back(v);
        }
    }
    for v in closed {
        warnings.push(warning(date, "sight_closed", |w| {
            w.place_id = Some(v.id);
            w.name = Some(v.name(&p.langs).to_owned());
        }));
    }
    (day, left, s.at)
}

/// The Friday prayer venue nearest the day's route within the search
/// distance, and a congregation time inside its dhuhr window.
fn jumuah_venue<'a>(
    p: &Planner<'a>,
    date: NaiveDate,
    at: &Spot,
    queue: &VecDeque<&'a Place>,
) -> Option<(&'a Place, i32)> {
    let mut route: Vec<(f64, f64)> = vec![(at.lat, at.lon)];
    route.extend(queue.iter().map(|s| (s.fields.position.lat(), s.fields.position.lon())));
    let mut best: Option<(f64, &Place, i32)> = None;
    for v in &p.jumuah {
        let (lat, lon) = (v.fields.position.lat(), v.fields.position.lon());
        let m = route
            .iter()
            .map(|r| haversine_m(r.0, r.1, lat, lon))
            .fold(f64::INFINITY, f64::min);
        if m > p.o.jumuah_search_km * 1000.0 {
            continue;
        }
        let Some(d) = p.prayer_day(lat, lon, date) else {
            continue;
        };
        let Some(j) = v.fields.jumuah.as_ref() else {
            continue;
        };
        let minutes = |t: chrono::NaiveTime| {
            use chrono::Timelike;
            (t.hour() * 60 + t.minute()) as i32
        };
        let time = std::iter::once(j.time)
            .chain(j.second)
            .map(minutes)
            .find(|&t| t >= d.dhuhr && t + p.o.jumuah_minutes <= d.asr - WINDOW_MARGIN);
        if let Some(time) = time
            && best.as_ref().is_none_or(|b| m < b.0)
        {
            best = Some((m, v, time));
        }
    }
    best.map(|(_, v, t)| (v, t))
}
