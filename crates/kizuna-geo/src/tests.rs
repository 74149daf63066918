//! Tests of the index, the geometry and opening hours, beside the code
//! whose private parts they reach.

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::{LatLon, Place, PlaceCategory, PlaceFields};
use rstar::Envelope;

use crate::geometry::{BBox, unit};
use crate::hours::{
    DayHours, HoursBook, PLACE_TIME_ZONE, check_opening_hours, has_sun_event, hours_by_day, parse_hours,
};
use crate::index::{HoursShelf, PlaceFilter, PlaceIndex, Traits};

fn brute_in_box(b: &BBox, lat: f64, lon: f64) -> bool {
    b.contains(lat, lon)
}

/// Places on a small grid around Sapporo, several at the very same
/// point (a building of shops), with categories, levels and prayer
/// spaces that vary with the id.
fn crowded_places(n: i64) -> Vec<Place> {
    (1..=n)
        .map(|id| {
            let cell = id / 3; // three places at each point
            let fields = PlaceFields {
                name_en: Some(format!("Place {id}")),
                category: Some(["restaurant", "cafe", "mosque", "grocery"][(id % 4) as usize].into()),
                lat: Some(43.0 + (cell % 40) as f64 * 0.003),
                lon: Some(141.3 + (cell / 40) as f64 * 0.004),
                assurance: Some(if id % 5 == 0 { "pork_free" } else { "unknown" }.into()),
                prayer_space: Some(id % 7 == 0),
                source: Some("import".into()),
                source_id: Some(format!("t-{id}")),
                ..PlaceFields::default()
            };
            Place::new(id, fields.validate().unwrap())
        })
        .collect()
}

#[test]
fn nearest_is_the_brute_force_order_with_ties_by_id() {
    let places = crowded_places(3000);
    let ix = PlaceIndex::build(1, places.clone());
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let now = Utc::now();
    let filters = [
        PlaceFilter::default(),
        PlaceFilter::parse(Some("mosque"), None, None, None, None).unwrap(),
        PlaceFilter::parse(Some("restaurant,cafe"), Some("pork_free"), None, None, None).unwrap(),
        PlaceFilter::parse(None, None, Some("true"), None, None).unwrap(),
        PlaceFilter::parse(Some("hotel"), None, None, None, None).unwrap(),
    ];
    for (lat, lon) in [(43.05, 141.35), (43.0, 141.3), (43.2, 141.9), (35.68, 139.77)] {
        let q = unit(lat, lon);
        for f in &filters {
            for k in [1, 3, 20, 500, 5000] {
                let mut want: Vec<(f64, Id)> = places
                    .iter()
                    .filter(|p| Traits::of(p).pass(f, today))
                    .map(|p| {
                        let u = unit(p.fields.position.lat(), p.fields.position.lon());
                        let d2: f64 = (0..3).map(|i| (u[i] - q[i]).powi(2)).sum();
                        (d2, p.id)
                    })
                    .collect();
                want.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                want.truncate(k);
                let got: Vec<Id> = ix
                    .nearest_ids(LatLon::new(lat, lon).unwrap(), k, f, today, now)
                    .iter()
                    .map(|n| n.0)
                    .collect();
                let want: Vec<Id> = want.iter().map(|w| w.1).collect();
                assert_eq!(got, want, "k={k} from {lat},{lon} with {f:?}");
            }
        }
    }
    // The index after deleting and moving places answers as a fresh one.
    let mut moved = places[10].clone();
    moved.fields.position = LatLon::new(43.05, 141.35).unwrap();
    let updated = ix.updated(2, vec![moved.clone()], &[places[0].id, places[1].id]);
    let mut fresh_places: Vec<Place> = places[2..].to_vec();
    fresh_places[8] = moved;
    let fresh = PlaceIndex::build(2, fresh_places);
    let at = LatLon::new(43.05, 141.35).unwrap();
    for f in &filters {
        assert_eq!(
            updated.nearest_ids(at, 50, f, today, now),
            fresh.nearest_ids(at, 50, f, today, now),
            "{f:?}"
        );
    }
}

#[test]
fn bbox_envelopes_hold_their_boxes() {
    let boxes = [
        BBox::new(141.2, 42.9, 141.5, 43.2).unwrap(),
        BBox::new(170.0, -20.0, -170.0, 20.0).unwrap(),
        BBox::new(-180.0, -90.0, 180.0, 90.0).unwrap(),
        BBox::new(-10.0, 80.0, 100.0, 90.0).unwrap(),
        BBox::new(90.0, -60.0, -90.0, -10.0).unwrap(),
    ];
    let mut seed = 7u64;
    let mut rnd = || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for b in boxes {
        let env = b.envelope();
        for _ in 0..20_000 {
            let (lat, lon) = (rnd() * 180.0 - 90.0, rnd() * 360.0 - 180.0);
            if brute_in_box(&b, lat, lon) {
                let p = unit(lat, lon);
                assert!(env.contains_point(&p), "{b:?} {lat},{lon}");
            }
        }
    }
}

#[test]
fn bbox_parsing_names_the_field() {
    assert_eq!(BBox::parse("1,2,3").unwrap_err()[0].field, "bbox");
    assert_eq!(BBox::parse("0,50,1,40").unwrap_err()[0].code, "invalid_bbox");
    let b = BBox::parse("170,-20,-170,20").unwrap();
    assert!(b.contains(0.0, 179.0) && b.contains(0.0, -179.0) && !b.contains(0.0, 0.0));
    assert_eq!(b.centre(), (0.0, 180.0));
}

#[test]
fn opening_hours_are_checked_and_evaluated_in_japan_time() {
    assert!(check_opening_hours("Mo-Sa 11:00-21:00; Su off").is_ok());
    assert!(check_opening_hours("24/7").is_ok());
    assert!(check_opening_hours("whenever we like").is_err());
    let h = parse_hours("Mo-Fr 11:00-14:00", 43.06, 141.35).unwrap();
    // 2026-11-23 is a Monday, and Labour Thanksgiving Day (a public holiday; the rule has no PH off).
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&PLACE_TIME_ZONE);
    assert!(h.is_open(at("2026-11-24T12:00:00+09:00")));
    assert!(!h.is_open(at("2026-11-24T12:00:00+00:00")), "21:00 in Japan");
    let ph = parse_hours("Mo-Fr 11:00-14:00; PH off", 43.06, 141.35).unwrap();
    assert!(!ph.is_open(at("2026-11-23T12:00:00+09:00")), "Labour Thanksgiving Day");
    assert!(ph.is_open(at("2026-11-24T12:00:00+09:00")));
}

#[test]
fn public_holidays_are_japans_with_substitute_and_citizens_holidays() {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&PLACE_TIME_ZONE);
    let ph = parse_hours("Mo-Fr 11:00-14:00; PH off", 43.06, 141.35).unwrap();
    // The days opening-hours' own calendar for Japan missed: the citizens'
    // holiday (Tuesday 2026-09-22) and two substitute holidays (Mondays).
    for day in ["2026-09-22", "2024-09-23", "2027-03-22", "2026-05-06"] {
        assert!(!ph.is_open(at(&format!("{day}T12:00:00+09:00"))), "{day} is a holiday");
    }
    assert!(ph.is_open(at("2026-09-24T12:00:00+09:00")), "an ordinary Thursday");
    let days = hours_by_day(
        "Mo-Fr 11:00-14:00; PH off",
        43.06,
        141.35,
        NaiveDate::from_ymd_opt(2026, 9, 21).unwrap(),
        4,
    )
    .unwrap();
    let open: Vec<bool> = days.iter().map(|d| !d.spans.is_empty()).collect();
    assert_eq!(open, [false, false, false, true], "21–23 September 2026 are holidays");
}

#[test]
fn open_ended_hours_are_open_with_the_closing_time_not_known() {
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let book = HoursBook::default();
    let h = book.hours("Mo-Su 10:00+", 43.06, 141.35).unwrap();
    assert_eq!(
        h.open_at(utc("2026-11-24T09:00:00+09:00")),
        Some(false),
        "before it opens"
    );
    assert_eq!(
        h.open_at(utc("2026-11-24T23:00:00+09:00")),
        None,
        "not open until midnight: not known"
    );
    let mixed = book
        .hours("Mo-Fr 11:00-14:00,17:00+; Sa,Su off", 43.06, 141.35)
        .unwrap();
    assert_eq!(mixed.open_at(utc("2026-11-24T12:00:00+09:00")), Some(true));
    assert_eq!(mixed.open_at(utc("2026-11-24T15:00:00+09:00")), Some(false));
    assert_eq!(mixed.open_at(utc("2026-11-24T20:00:00+09:00")), None);
    assert_eq!(
        mixed.open_at(utc("2026-11-28T20:00:00+09:00")),
        Some(false),
        "Saturday off"
    );
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let days = hours_by_day("Mo-Fr 11:00-14:00,17:00+; Sa,Su off", 43.06, 141.35, day, 1).unwrap();
    let spans: Vec<(&str, bool, bool, Option<&str>)> = days[0]
        .spans
        .iter()
        .map(|s| (s.from.as_str(), s.open_end, s.unknown, s.comment.as_deref()))
        .collect();
    assert_eq!(spans, [("11:00", false, false, None), ("17:00", true, false, None)]);
    assert!(check_opening_hours("10:00+").is_ok());
}

#[test]
fn hours_marked_unknown_are_not_known_rather_than_closed() {
    let rule = "Mo-Sa 11:00-21:00; Su 12:00-16:00 unknown \"call first\"";
    let fields = PlaceFields {
        name_en: Some("Call first".into()),
        category: Some("restaurant".into()),
        lat: Some(43.06),
        lon: Some(141.35),
        assurance: Some("unknown".into()),
        opening_hours: Some(rule.into()),
        source: Some("import".into()),
        source_id: Some("t-unknown".into()),
        ..PlaceFields::default()
    }
    .validate()
    .unwrap();
    let place = Place::new(1, fields);
    let shelf = HoursShelf::default();
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    // 2026-11-29 is a Sunday: within the "call first" span, open is not known.
    assert_eq!(shelf.place_open_at(&place, at("2026-11-29T13:00:00+09:00")), None);
    assert_eq!(
        shelf.place_open_at(&place, at("2026-11-29T17:00:00+09:00")),
        Some(false)
    );
    assert_eq!(shelf.place_open_at(&place, at("2026-11-30T12:00:00+09:00")), Some(true));
}

#[test]
fn remembered_open_state_matches_evaluation_at_every_step() {
    let start = DateTime::parse_from_rfc3339("2026-11-20T00:03:00+09:00")
        .unwrap()
        .with_timezone(&Utc);
    for rule in [
        "Mo-Fr 11:00-14:00; PH off",
        "Mo-Sa 11:00-21:00; Su off",
        "24/7",
        "Tu-Su 10:00-19:00; We 12:00-13:00 off",
        "sunrise-sunset",
        "Mo-Sa 11:00-21:00; Su 12:00-16:00 unknown \"call first\"",
    ] {
        let fields = PlaceFields {
            name_en: Some("Test".into()),
            category: Some("cafe".into()),
            lat: Some(43.06),
            lon: Some(141.35),
            assurance: Some("unknown".into()),
            opening_hours: Some(rule.into()),
            source: Some("import".into()),
            source_id: Some("t-1".into()),
            ..PlaceFields::default()
        };
        let fields = fields.validate().unwrap();
        // Two places with the same hours, one far north: they share one
        // parse and open state unless the rule has sun events.
        let mut north = fields.clone();
        north.position = LatLon::new(45.4, 141.7).unwrap();
        let places = [Place::new(1, fields), Place::new(2, north)];
        let book = HoursBook::default();
        let parsed = |p: &Place| {
            book.hours(rule, p.fields.position.lat(), p.fields.position.lon())
                .unwrap()
        };
        let shared = std::sync::Arc::ptr_eq(&parsed(&places[0]), &parsed(&places[1]));
        let shelf = HoursShelf::default();
        assert_eq!(shared, !has_sun_event(rule), "{rule}");
        let evaluated = [
            parse_hours(rule, 43.06, 141.35).unwrap(),
            parse_hours(rule, 45.4, 141.7).unwrap(),
        ];
        // A week forward in 7-minute steps, then back in time once.
        let mut times: Vec<DateTime<Utc>> = (0..1440).map(|i| start + chrono::Duration::minutes(7 * i)).collect();
        times.push(start);
        for t in times {
            for (p, h) in places.iter().zip(&evaluated) {
                // Open, closed, or not known where the hours say "unknown".
                let expected = match h.state(t.with_timezone(&PLACE_TIME_ZONE)).0 {
                    opening_hours::RuleKind::Open => Some(true),
                    opening_hours::RuleKind::Closed => Some(false),
                    opening_hours::RuleKind::Unknown => None,
                };
                assert_eq!(shelf.place_open_at(p, t), expected, "{rule} at {t} for place {}", p.id);
            }
        }
    }
}

#[test]
fn hours_by_day_read_as_a_visitor_reads_them() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let show = |days: &[DayHours]| {
        days.iter()
            .map(|day| {
                let spans: Vec<String> = day
                    .spans
                    .iter()
                    .map(|s| format!("{}-{}{}", s.from, s.until, if s.unknown { "?" } else { "" }))
                    .collect();
                format!("{} {}", day.date.format("%a"), spans.join(","))
            })
            .collect::<Vec<_>>()
    };
    // From Friday 2026-11-20 to Thursday: Monday 23 November is a public holiday.
    let week = hours_by_day(
        "Mo-Fr 11:00-14:00,17:00-22:00; Sa 11:00-24:00; Su off; PH off",
        43.06,
        141.35,
        d("2026-11-20"),
        7,
    )
    .unwrap();
    assert_eq!(
        show(&week),
        [
            "Fri 11:00-14:00,17:00-22:00",
            "Sat 11:00-24:00",
            "Sun ",
            "Mon ",
            "Tue 11:00-14:00,17:00-22:00",
            "Wed 11:00-14:00,17:00-22:00",
            "Thu 11:00-14:00,17:00-22:00",
        ]
    );
    let always = hours_by_day("24/7", 43.06, 141.35, d("2026-11-20"), 2).unwrap();
    assert!(always.iter().all(DayHours::all_day));
    let past_midnight = hours_by_day("Fr 20:00-02:00", 43.06, 141.35, d("2026-11-20"), 2).unwrap();
    assert_eq!(show(&past_midnight), ["Fri 20:00-24:00", "Sat 00:00-02:00"]);
    let asked = hours_by_day(
        r#"Mo-Fr 10:00-16:00 unknown "by appointment""#,
        43.06,
        141.35,
        d("2026-11-20"),
        1,
    )
    .unwrap();
    assert_eq!(show(&asked), ["Fri 10:00-16:00?"]);
    assert_eq!(asked[0].spans[0].comment.as_deref(), Some("by appointment"));
    assert!(hours_by_day("whenever", 43.06, 141.35, d("2026-11-20"), 7).is_none());
}

#[test]
fn filters_parse_with_fields_named() {
    let f = PlaceFilter::parse(Some("restaurant, cafe"), Some("certified"), Some("true"), None, None).unwrap();
    assert_eq!(f.categories, [PlaceCategory::Restaurant, PlaceCategory::Cafe]);
    assert_eq!(f.prayer_space, Some(true));
    let errs = PlaceFilter::parse(Some("bar"), Some("halal"), Some("maybe"), Some("x"), Some("noon")).unwrap_err();
    let names: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(names, ["category", "assurance", "prayer_space", "open_now", "at"]);
}
