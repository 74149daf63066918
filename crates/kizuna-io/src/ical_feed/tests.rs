use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use super::*;
use crate::ical::{LINE_OCTETS, unescape_text, unfold};

const THAI: &str = "การประชุมสัมมนาภูมิภาคโอค็อตสค์ครั้งที่สิบเก้า ณ เมืองมนเบ็ตสึ ฮอกไกโด พร้อมการแลกเปลี่ยนความคิดเห็นระหว่างผู้แทนท้องถิ่น";
const JAPANESE: &str = "第19回北方圏オホーツク地域シンポジウム（紋別市）：流氷と地域づくり、観光と交流の未来について各地域代表による討論、ならびに十勝・釧路の国際協力の歩み";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn event(uid: &str, summary: &str, when: When) -> FeedEvent {
    FeedEvent {
        uid: uid.into(),
        when,
        summary: summary.into(),
        location: Some("Kushiro, Akan; hall 2".into()),
        geo: None,
        description: Some("line one\nline two".into()),
        categories: vec!["symposium".into(), "exchanges".into()],
        url: Some("https://kizuna.example/calendar?month=2022-09".into()),
        sequence: 2,
        last_modified: Some(Utc.with_ymd_and_hms(2022, 8, 1, 3, 4, 5).single().expect("a time")),
        private: false,
    }
}

fn feed(stamp_hour: u32) -> Feed {
    let tokyo: Tz = "Asia/Tokyo".parse().expect("a zone");
    let bangkok: Tz = "Asia/Bangkok".parse().expect("a zone");
    Feed {
        prodid: "-//Kizuna//Calendar//EN".into(),
        name: "Kizuna calendar".into(),
        stamp: Utc
            .with_ymd_and_hms(2024, 1, 2, stamp_hour, 0, 0)
            .single()
            .expect("a time"),
        events: vec![
            event(
                "session-1@kizuna.example",
                THAI,
                When::Timed {
                    starts: Utc.with_ymd_and_hms(2022, 9, 1, 0, 0, 0).single().expect("a time"),
                    ends: Utc.with_ymd_and_hms(2022, 9, 1, 2, 30, 0).single().expect("a time"),
                    zone: tokyo,
                },
            ),
            event(
                "activity-2@kizuna.example",
                JAPANESE,
                When::AllDay {
                    first: day(2022, 9, 1),
                    last: day(2022, 12, 31),
                },
            ),
            event(
                "dispatch-3@kizuna.example",
                "Visit, Bangkok",
                When::Timed {
                    starts: Utc.with_ymd_and_hms(2023, 2, 14, 2, 0, 0).single().expect("a time"),
                    ends: Utc.with_ymd_and_hms(2023, 2, 14, 9, 0, 0).single().expect("a time"),
                    zone: bangkok,
                },
            ),
        ],
    }
}

fn value<'a>(lines: &'a [String], prefix: &str) -> Vec<&'a str> {
    lines.iter().filter_map(|l| l.strip_prefix(prefix)).collect()
}

#[test]
fn long_thai_and_japanese_summaries_fold_within_75_octets_and_unfold_whole() {
    assert!(
        THAI.len() >= 200 && JAPANESE.len() >= 200,
        "{} {}",
        THAI.len(),
        JAPANESE.len()
    );
    let text = write(&feed(0));
    assert!(text.ends_with("\r\n"));
    let bytes = text.as_bytes();
    // Split the bytes, not the string: a fold inside a character would
    // leave a piece that is not UTF-8.
    let mut start = 0;
    let mut folded = 0;
    for i in 0..bytes.len().saturating_sub(1) {
        if bytes[i] == b'\r' && bytes[i + 1] == b'\n' {
            let piece = &bytes[start..i];
            assert!(piece.len() <= LINE_OCTETS, "{} octets", piece.len());
            assert!(std::str::from_utf8(piece).is_ok(), "a line splits a UTF-8 sequence");
            assert!(!piece.contains(&b'\r') && !piece.contains(&b'\n'), "a bare CR or LF");
            if piece.first() == Some(&b' ') {
                folded += 1;
            }
            start = i + 2;
        }
    }
    assert_eq!(start, bytes.len());
    assert!(folded >= 6, "the long summaries were folded ({folded} continuations)");
    let lines = unfold(&text);
    let summaries: Vec<String> = value(&lines, "SUMMARY:").into_iter().map(unescape_text).collect();
    assert_eq!(
        summaries,
        vec![THAI.to_owned(), JAPANESE.to_owned(), "Visit, Bangkok".to_owned()]
    );
    assert!(lines.iter().any(|l| l == "SUMMARY:Visit\\, Bangkok"));
    assert!(lines.iter().any(|l| l == "LOCATION:Kushiro\\, Akan\\; hall 2"));
    assert!(lines.iter().any(|l| l == "DESCRIPTION:line one\\nline two"));
    assert!(lines.iter().any(|l| l == "CATEGORIES:symposium,exchanges"));
}

#[test]
fn timed_events_carry_their_zone_and_each_zone_its_vtimezone() {
    let lines = unfold(&write(&feed(0)));
    assert!(value(&lines, "DTSTART;TZID=Asia/Tokyo:").contains(&"20220901T090000"));
    assert!(value(&lines, "DTEND;TZID=Asia/Tokyo:").contains(&"20220901T113000"));
    assert!(value(&lines, "DTSTART;TZID=Asia/Bangkok:").contains(&"20230214T090000"));
    let zones = value(&lines, "TZID:");
    assert_eq!(zones, vec!["Asia/Bangkok", "Asia/Tokyo"]);
    // Every TZID an event names is defined; no date-time is floating.
    for l in &lines {
        let Some((name, v)) = l.split_once(':') else { continue };
        let prop = name.split(';').next().unwrap_or("");
        if !matches!(prop, "DTSTART" | "DTEND" | "DTSTAMP" | "LAST-MODIFIED") {
            continue;
        }
        let in_zone = lines
            .iter()
            .position(|x| x == "BEGIN:VEVENT")
            .is_some_and(|first| lines.iter().position(|x| x == l).is_some_and(|at| at > first));
        if !in_zone {
            continue; // an observance's DTSTART is local by definition
        }
        if let Some(tz) = name.split(';').find_map(|p| p.strip_prefix("TZID=")) {
            assert!(zones.contains(&tz), "{l}: no VTIMEZONE {tz}");
            assert_eq!(v.len(), 15, "{l}");
        } else if name.ends_with(";VALUE=DATE") {
            assert_eq!(v.len(), 8, "{l}");
        } else {
            assert!(v.ends_with('Z') && v.len() == 16, "{l} is floating");
        }
    }
    let tokyo = lines.iter().position(|l| l == "TZID:Asia/Tokyo").expect("Tokyo's zone");
    assert_eq!(lines[tokyo + 1], "BEGIN:STANDARD");
    assert_eq!(lines[tokyo + 2], "DTSTART:20220101T000000");
    assert_eq!(lines[tokyo + 3], "TZOFFSETFROM:+0900");
    assert_eq!(lines[tokyo + 4], "TZOFFSETTO:+0900");
    assert_eq!(lines[tokyo + 5], "TZNAME:JST");
    assert!(value(&lines, "TZOFFSETTO:").contains(&"+0700"));
}

#[test]
fn all_day_items_end_the_day_after_their_last() {
    let lines = unfold(&write(&feed(0)));
    assert_eq!(value(&lines, "DTSTART;VALUE=DATE:"), vec!["20220901"]);
    assert_eq!(value(&lines, "DTEND;VALUE=DATE:"), vec!["20230101"]);
    let one_day = Feed {
        events: vec![event(
            "award-1@k",
            "Award",
            When::AllDay {
                first: day(2007, 10, 1),
                last: day(2007, 10, 1),
            },
        )],
        ..feed(0)
    };
    let lines = unfold(&write(&one_day));
    assert_eq!(value(&lines, "DTSTART;VALUE=DATE:"), vec!["20071001"]);
    assert_eq!(value(&lines, "DTEND;VALUE=DATE:"), vec!["20071002"]);
    assert!(value(&lines, "TZID:").is_empty(), "no zone without a timed event");
}

#[test]
fn every_event_has_uid_stamp_in_utc_and_what_applications_need() {
    let a = write(&feed(0));
    let b = write(&feed(5));
    let (la, lb) = (unfold(&a), unfold(&b));
    assert_eq!(value(&la, "UID:"), value(&lb, "UID:"), "UIDs stable across generations");
    assert_eq!(value(&la, "UID:").len(), 3);
    assert_eq!(value(&la, "DTSTAMP:"), vec!["20240102T000000Z"; 3]);
    assert_eq!(value(&lb, "DTSTAMP:"), vec!["20240102T050000Z"; 3]);
    assert_eq!(value(&la, "SEQUENCE:"), vec!["2"; 3]);
    assert_eq!(value(&la, "LAST-MODIFIED:"), vec!["20220801T030405Z"; 3]);
    assert_eq!(value(&la, "CLASS:"), vec!["PUBLIC"; 3]);
    assert_eq!(
        value(&la, "URL:"),
        vec!["https://kizuna.example/calendar?month=2022-09"; 3]
    );
    assert_eq!(value(&la, "BEGIN:").iter().filter(|v| **v == "VEVENT").count(), 3);
    // Zones come before the events.
    let zone = la.iter().position(|l| l == "BEGIN:VTIMEZONE");
    let first = la.iter().position(|l| l == "BEGIN:VEVENT");
    assert!(zone < first);
}

#[test]
fn a_zone_with_daylight_time_gets_its_changes_over_the_span() {
    let ny: Tz = "America/New_York".parse().expect("a zone");
    let f = Feed {
        events: vec![
            event(
                "a@k",
                "Winter",
                When::Timed {
                    starts: Utc.with_ymd_and_hms(2023, 1, 10, 15, 0, 0).single().expect("a time"),
                    ends: Utc.with_ymd_and_hms(2023, 1, 10, 16, 0, 0).single().expect("a time"),
                    zone: ny,
                },
            ),
            event(
                "b@k",
                "Summer",
                When::Timed {
                    starts: Utc.with_ymd_and_hms(2023, 7, 10, 15, 0, 0).single().expect("a time"),
                    ends: Utc.with_ymd_and_hms(2023, 7, 10, 16, 0, 0).single().expect("a time"),
                    zone: ny,
                },
            ),
        ],
        ..feed(0)
    };
    let lines = unfold(&write(&f));
    assert!(value(&lines, "DTSTART;TZID=America/New_York:").contains(&"20230110T100000"));
    assert!(value(&lines, "DTSTART;TZID=America/New_York:").contains(&"20230710T110000"));
    let starts = value(&lines, "DTSTART:");
    // January 1st (EST), 12 March 2023 02:00 EST → EDT.
    assert_eq!(starts, vec!["20230101T000000", "20230312T020000"]);
    assert_eq!(value(&lines, "TZOFFSETTO:"), vec!["-0500", "-0400"]);
    assert_eq!(value(&lines, "TZOFFSETFROM:"), vec!["-0500", "-0500"]);
    assert_eq!(value(&lines, "TZNAME:"), vec!["EST", "EDT"]);
    assert!(lines.iter().any(|l| l == "BEGIN:DAYLIGHT"));
}

#[test]
fn offsets_are_written_with_seconds_only_when_needed() {
    assert_eq!(offset(9 * 3600), "+0900");
    assert_eq!(offset(-(5 * 3600 + 30 * 60)), "-0530");
    assert_eq!(offset(19800 + 30), "+053030");
}

#[test]
fn an_event_may_say_where_it_is_as_geo() {
    let tokyo: Tz = "Asia/Tokyo".parse().expect("a zone");
    let starts = Utc.with_ymd_and_hms(2027, 4, 13, 3, 0, 0).single().expect("a time");
    let mut e = event(
        "prayer-1@kizuna.example",
        "Dhuhr",
        When::Timed {
            starts,
            ends: starts + chrono::Duration::minutes(10),
            zone: tokyo,
        },
    );
    e.geo = Some((42.985, 144.38));
    let text = write(&Feed {
        prodid: "-//Kizuna//Itinerary//EN".into(),
        name: "Tour".into(),
        stamp: starts,
        events: vec![e],
    });
    assert!(text.contains("\r\nGEO:42.985000;144.380000\r\n"), "{text}");
}
