//! The planner's rules, with fixed prayer times and simple opening hours.

use chrono::NaiveDate;

use crate::map::place::{Assurance, Place, PlaceFields, PlaceInput};

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn hm(h: i32, m: i32) -> i32 {
    h * 60 + m
}

/// Prayer times that do not depend on place or day.
const TIMES: PrayerDay = PrayerDay {
    fajr: 270,     // 04:30
    sunrise: 360,  // 06:00
    dhuhr: 700,    // 11:40
    asr: 900,      // 15:00
    maghrib: 1050, // 17:30
    isha: 1140,    // 19:00
};

/// Reads `HH:MM-HH:MM` (one span every day) or `24/7`; anything else: unknown.
struct Fixed;

impl Oracle for Fixed {
    fn prayer_day(&self, _: f64, _: f64, _: NaiveDate) -> Option<PrayerDay> {
        Some(TIMES)
    }
    fn open_spans(&self, place: &Place, _: NaiveDate) -> Option<Vec<(i32, i32)>> {
        let h = place.fields.opening_hours.as_ref()?.as_str().to_owned();
        if h == "24/7" {
            return Some(vec![(0, 1440)]);
        }
        if h == "off" {
            return Some(vec![]);
        }
        let (a, b) = h.split_once('-')?;
        let m = |s: &str| {
            let (h, m) = s.split_once(':')?;
            Some(h.parse::<i32>().ok()? * 60 + m.parse::<i32>().ok()?)
        };
        Some(vec![(m(a)?, m(b)?)])
    }
}

fn place(id: Id, name: &str, category: &str, lat: f64, lon: f64, assurance: &str, hours: Option<&str>) -> Place {
    let f = PlaceFields {
        name_en: Some(name.into()),
        category: Some(category.into()),
        lat: Some(lat),
        lon: Some(lon),
        assurance: Some(assurance.into()),
        opening_hours: hours.map(Into::into),
        source: Some("staff".into()),
        source_id: Some(format!("t-{id}")),
        ..Default::default()
    };
    let f = if assurance == "certified" {
        PlaceFields {
            certifier: Some("Test Council".into()),
            certificate_number: Some(format!("C-{id}")),
            certificate_valid_from: Some("2027-01-01".into()),
            certificate_valid_until: Some("2027-06-30".into()),
            ..f
        }
    } else {
        f
    };
    Place::new(id, PlaceInput::try_from(f).expect("a valid test place"))
}

fn with_prayer(mut p: Place) -> Place {
    p.fields.prayer.prayer_space = true;
    p
}

fn with_jumuah(mut p: Place, h: u32, m: u32) -> Place {
    p.fields.jumuah = Some(crate::map::place::Jumuah {
        time: chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap(),
        second: None,
        note: None,
    });
    p
}

/// A small town around (43.0, 144.0): a hotel to start from, three sights
/// east of it, a prayer room, a certified lunch place and a Muslim-friendly
/// dinner place.
fn town() -> Vec<Place> {
    vec![
        place(1, "Hotel", "hotel", 43.0, 144.0, "unknown", Some("24/7")),
        place(2, "Marsh", "other", 43.0, 144.03, "unknown", None),
        place(3, "Museum", "other", 43.0, 144.01, "unknown", Some("09:00-17:00")),
        place(4, "Wharf", "other", 43.0, 144.02, "unknown", None),
        with_prayer(place(
            5,
            "Prayer room",
            "prayer_room",
            43.001,
            144.015,
            "unknown",
            Some("07:00-21:00"),
        )),
        place(
            6,
            "Halal grill",
            "restaurant",
            43.0,
            144.021,
            "certified",
            Some("11:00-21:00"),
        ),
        place(
            7,
            "Friendly diner",
            "restaurant",
            43.0,
            144.005,
            "self_declared",
            Some("17:00-22:00"),
        ),
    ]
}

fn run(places: &[Place], o: &Options) -> Plan {
    let refs: Vec<&Place> = places.iter().collect();
    let ps = Places::new(&refs);
    plan(&ps, o, &Fixed).expect("a plan")
}

fn opts(from: &str, days: u32) -> Options {
    let mut o = Options::new(d(from), days, Start::Place(1));
    o.include = vec![2, 3, 4];
    o.ramadan_periods = vec![];
    o
}

fn no_overlaps(p: &Plan) {
    for day in &p.days {
        for w in day.items.windows(2) {
            if w[0].kind == ItemKind::Suhoor {
                continue;
            }
            assert!(w[0].end <= w[1].start, "{:?} overlaps {:?}", w[0], w[1]);
        }
    }
}

fn prayers_in_windows(p: &Plan, o: &Options) {
    for day in &p.days {
        for it in day.items.iter().filter(|i| i.kind == ItemKind::Prayer) {
            let pr = it.prayer.unwrap();
            let slot = o.slot(pr);
            assert!(it.start >= TIMES.begins(pr) + slot.wait, "{it:?} starts too early");
            assert!(it.end <= TIMES.closes(pr) - WINDOW_MARGIN, "{it:?} ends too late");
            assert_eq!(it.end - it.start, slot.duration);
        }
    }
}

#[test]
fn a_day_keeps_every_prayer_in_its_window_at_a_prayer_space() {
    let places = town();
    let mut o = opts("2027-04-13", 1); // a Tuesday
    o.day_start = hm(9, 0); // the museum opens at 09:00
    let p = run(&places, &o);
    no_overlaps(&p);
    prayers_in_windows(&p, &o);
    let day = &p.days[0];
    let prayers: Vec<Prayer> = day.items.iter().filter_map(|i| i.prayer).collect();
    assert_eq!(prayers, vec![Prayer::Dhuhr, Prayer::Asr, Prayer::Maghrib, Prayer::Isha]);
    // Fajr's window (04:30–06:00) is before the day: prayed at the lodging.
    assert_eq!(day.lodging, vec![Prayer::Fajr]);
    for it in day.items.iter().filter(|i| i.kind == ItemKind::Prayer) {
        assert_eq!(it.place_id, Some(5), "at the prayer room: {it:?}");
        assert!(it.window.is_some(), "a prayer block says when else it could start");
    }
    // Every sight, in an order without backtracking (west to east).
    let sights: Vec<Id> = day
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Sight)
        .filter_map(|i| i.place_id)
        .collect();
    assert_eq!(sights, vec![3, 4, 2]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    // Each move between stops is a travel leg ending where the next stop starts.
    for w in day.items.windows(2) {
        if w[1].kind != ItemKind::Travel && w[0].kind != ItemKind::Travel && w[0].place_id != w[1].place_id {
            let m = haversine_m(w[0].lat, w[0].lon, w[1].lat, w[1].lon);
            assert!(
                m <= SAME_SPOT_M,
                "no travel leg between {} and {}",
                w[0].name,
                w[1].name
            );
        }
    }
}

use crate::map::place::haversine_m;

#[test]
fn meals_only_at_open_places_at_or_above_the_level() {
    let places = town();
    let mut o = opts("2027-04-13", 1);
    o.meal_level = Assurance::SelfDeclared;
    let p = run(&places, &o);
    let day = &p.days[0];
    let lunch = day.items.iter().find(|i| i.kind == ItemKind::Lunch).expect("lunch");
    // The diner opens at 17:00: lunch at the certified grill.
    assert_eq!(lunch.place_id, Some(6));
    assert!(lunch.start >= o.lunch.0 && lunch.start <= o.lunch.1);
    let dinner = day.items.iter().find(|i| i.kind == ItemKind::Dinner).expect("dinner");
    assert!([6, 7].contains(&dinner.place_id.unwrap()));
    assert!(dinner.start >= hm(17, 30));

    // Certified only: the Muslim-friendly diner is never chosen.
    o.meal_level = Assurance::Certified;
    let p = run(&places, &o);
    for it in p.days[0].items.iter().filter(|i| i.kind.is_meal()) {
        assert_eq!(it.place_id, Some(6));
        assert_eq!(it.assurance, Some(Assurance::Certified));
    }

    // After the certificate ends (2027-06-30) the grill meets no level:
    // certified lunch and dinner cannot be had, and the plan says so.
    let mut late = opts("2027-07-06", 1);
    late.meal_level = Assurance::Certified;
    let p = run(&places, &late);
    assert!(p.days[0].items.iter().all(|i| !i.kind.is_meal()));
    let codes: Vec<(&str, Option<ItemKind>)> = p.warnings.iter().map(|w| (w.code, w.meal)).collect();
    assert_eq!(
        codes,
        vec![
            ("no_meal_place", Some(ItemKind::Lunch)),
            ("no_meal_place", Some(ItemKind::Dinner))
        ]
    );
}

#[test]
fn a_closed_place_is_not_a_meal_stop() {
    let mut places = town();
    places[5].fields.opening_hours = Some("17:00-21:00".parse().unwrap());
    let mut o = opts("2027-04-13", 1);
    o.meal_level = Assurance::Certified;
    let p = run(&places, &o);
    assert!(p.days[0].items.iter().all(|i| i.kind != ItemKind::Lunch));
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == "no_meal_place" && w.meal == Some(ItemKind::Lunch))
    );
    let dinner = p.days[0].items.iter().find(|i| i.kind == ItemKind::Dinner).unwrap();
    assert!(dinner.start >= hm(17, 30));
}

#[test]
fn friday_has_jumuah_at_a_mosque_in_reach() {
    let mut places = town();
    places.push(with_jumuah(
        place(8, "Mosque", "mosque", 43.1, 144.1, "unknown", Some("06:00-22:00")),
        12,
        30,
    ));
    let o = opts("2027-04-16", 1); // a Friday
    let p = run(&places, &o);
    no_overlaps(&p);
    prayers_in_windows(&p, &o);
    let day = &p.days[0];
    assert!(day.friday);
    let j = day
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Jumuah)
        .expect("a jumu'ah block");
    assert_eq!((j.place_id, j.start, j.end), (Some(8), hm(12, 30), hm(13, 15)));
    assert!(
        day.items
            .iter()
            .all(|i| i.prayer != Some(Prayer::Dhuhr) || i.kind == ItemKind::Jumuah)
    );
    // Arrived before the khutbah.
    let k = day.items.iter().position(|i| i.kind == ItemKind::Jumuah).unwrap();
    assert!(day.items[k - 1].end <= hm(12, 30) - o.jumuah_arrive_before);
    assert!(!p.warnings.iter().any(|w| w.code == "no_jumuah_venue"));
}

#[test]
fn friday_without_a_venue_in_reach_says_so_and_keeps_dhuhr() {
    let mut places = town();
    // 60 km away: out of reach.
    places.push(with_jumuah(
        place(8, "Far mosque", "mosque", 43.5, 144.3, "unknown", None),
        12,
        30,
    ));
    let o = opts("2027-04-16", 1);
    let p = run(&places, &o);
    let w: Vec<&Warning> = p.warnings.iter().filter(|w| w.code == "no_jumuah_venue").collect();
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].date, w[0].km), (d("2027-04-16"), Some(30.0)));
    assert!(p.days[0].items.iter().all(|i| i.kind != ItemKind::Jumuah));
    assert!(p.days[0].items.iter().any(|i| i.prayer == Some(Prayer::Dhuhr)));
}

#[test]
fn ramadan_has_no_meal_while_fasting_an_iftar_and_a_suhoor_note() {
    let places = town();
    let mut o = opts("2027-02-16", 2);
    o.ramadan_periods = vec![(d("2027-02-08"), d("2027-03-09"))];
    let p = run(&places, &o);
    no_overlaps(&p);
    prayers_in_windows(&p, &o);
    for day in &p.days {
        assert!(day.ramadan);
        for it in day.items.iter().filter(|i| i.kind.is_meal()) {
            assert!(
                it.start >= TIMES.maghrib || it.end <= TIMES.fajr,
                "a meal while fasting: {it:?}"
            );
        }
        let iftar = day.items.iter().find(|i| i.kind == ItemKind::Iftar).expect("iftar");
        assert!(iftar.start >= TIMES.maghrib && iftar.start <= TIMES.maghrib + 15);
        let suhoor = day.items.iter().find(|i| i.kind == ItemKind::Suhoor).expect("suhoor");
        assert!(suhoor.end <= TIMES.fajr);
        assert!(
            day.items
                .iter()
                .all(|i| i.kind != ItemKind::Lunch && i.kind != ItemKind::Dinner)
        );
    }
    // Outside the configured period: ordinary meals; `--ramadan` forces it.
    let mut after = opts("2027-03-10", 1);
    after.ramadan_periods = o.ramadan_periods.clone();
    assert!(!run(&places, &after).days[0].ramadan);
    after.ramadan = true;
    assert!(run(&places, &after).days[0].ramadan);
}

#[test]
fn iftar_needs_a_place_open_at_maghrib() {
    let mut places = town();
    places[5].fields.opening_hours = Some("11:00-17:00".parse().unwrap());
    places[6].fields.opening_hours = Some("18:00-22:00".parse().unwrap());
    let mut o = opts("2027-02-16", 1);
    o.ramadan = true;
    let p = run(&places, &o);
    assert!(p.days[0].items.iter().all(|i| i.kind != ItemKind::Iftar));
    assert!(p.warnings.iter().any(|w| w.code == "no_iftar_place"));
}

#[test]
fn with_no_prayer_space_in_reach_the_block_stays_in_its_window_with_a_warning() {
    let places: Vec<Place> = town().into_iter().filter(|p| p.id != 5).collect();
    let o = opts("2027-04-13", 1);
    let p = run(&places, &o);
    prayers_in_windows(&p, &o);
    let warned: Vec<Prayer> = p
        .warnings
        .iter()
        .filter(|w| w.code == "no_prayer_space")
        .filter_map(|w| w.prayer)
        .collect();
    assert_eq!(warned, vec![Prayer::Dhuhr, Prayer::Asr, Prayer::Maghrib, Prayer::Isha]);
}

#[test]
fn a_far_prayer_space_is_reached_by_the_tour_bus_a_near_one_on_foot() {
    let places = town();
    let o = opts("2027-04-13", 1);
    let p = run(&places, &o);
    for w in p.days[0].items.windows(2) {
        if w[0].kind == ItemKind::Travel && w[1].kind == ItemKind::Prayer {
            let m = w[0].km.unwrap();
            match w[0].mode.unwrap() {
                Mode::Walk => assert!(m <= 1.0),
                _ => assert!(m > 1.0),
            }
        }
    }
}

#[test]
fn sights_spread_over_days_and_a_long_list_is_cut_with_warnings() {
    let mut places = town();
    for k in 0..20 {
        places.push(place(
            100 + k,
            &format!("Sight {k}"),
            "other",
            43.0 + 0.002 * k as f64,
            144.05,
            "unknown",
            None,
        ));
    }
    let mut o = opts("2027-04-12", 2);
    o.include = (100..120).collect();
    let p = run(&places, &o);
    no_overlaps(&p);
    prayers_in_windows(&p, &o);
    let per_day: Vec<usize> = p
        .days
        .iter()
        .map(|d| d.items.iter().filter(|i| i.kind == ItemKind::Sight).count())
        .collect();
    assert!(per_day.iter().all(|&n| n >= 3), "{per_day:?}");
    let cut = p.warnings.iter().filter(|w| w.code == "sight_not_fitted").count();
    assert_eq!(per_day.iter().sum::<usize>() + cut, 20);
    assert!(cut > 0, "20 hours of sights do not fit in two days");
    for day in &p.days {
        assert!(day.items.iter().all(|i| i.end <= o.day_end + 30));
    }
}

#[test]
fn bad_options_are_named() {
    let places = town();
    let refs: Vec<&Place> = places.iter().collect();
    let ps = Places::new(&refs);
    let mut o = opts("2027-04-13", 0);
    o.include = vec![2, 999];
    o.meal_level = Assurance::Unknown;
    let errs = plan(&ps, &o, &Fixed).unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["days", "meal_level", "include"]);
}
