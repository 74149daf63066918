//! iCalendar feeds (RFC 5545) of dated items in their own time zones: the
//! office's one calendar and its subscriptions.
//!
//! The timetable writer in [`crate::ical`] writes UTC times; a feed keeps
//! each event in its zone, as calendar applications show it, and so is
//! stricter about zones:
//!
//! - a timed event is `DTSTART;TZID=Asia/Tokyo:20220901T090000`, never a
//!   floating time, and every zone an event names has its `VTIMEZONE` in
//!   the file, its `STANDARD`/`DAYLIGHT` observances computed from the
//!   IANA rules (chrono-tz) over the span the events cover;
//! - an all-day item is `DTSTART;VALUE=DATE` with `DTEND;VALUE=DATE` the
//!   day after its last day (the end is exclusive, §3.6.1);
//! - `DTSTAMP` and `LAST-MODIFIED` are UTC with `Z`;
//! - every event has `UID`, `DTSTAMP`, `SEQUENCE` and `SUMMARY`, and may
//!   have `URL`, `CATEGORIES`, `LOCATION`, `GEO`, `DESCRIPTION` and `CLASS`;
//! - lines end in CRLF and are folded at 75 octets between characters,
//!   TEXT values escaped ([`crate::ical::fold`], [`crate::ical::escape_text`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use crate::ical::{escape_text, fold, utc};

/// When an item happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Whole days, `first` to `last` inclusive.
    AllDay { first: NaiveDate, last: NaiveDate },
    /// From one instant to another, shown in `zone`.
    Timed {
        starts: DateTime<Utc>,
        ends: DateTime<Utc>,
        zone: Tz,
    },
}

/// One event of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent {
    /// Stable across regenerations, e.g. `session-12@kizuna.example`.
    pub uid: String,
    pub when: When,
    pub summary: String,
    pub location: Option<String>,
    /// `GEO`: the location's latitude and longitude (§3.8.1.6).
    pub geo: Option<(f64, f64)>,
    pub description: Option<String>,
    /// `CATEGORIES`, e.g. the kind of item.
    pub categories: Vec<String>,
    /// `URL`: the item's page.
    pub url: Option<String>,
    /// `SEQUENCE`: the record's version less one (0 for a new record).
    pub sequence: i64,
    pub last_modified: Option<DateTime<Utc>>,
    /// `CLASS:PRIVATE` (about people) rather than `CLASS:PUBLIC`.
    pub private: bool,
}

/// A feed to publish.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// `PRODID`, e.g. `-//Kizuna//Calendar//EN`.
    pub prodid: String,
    /// `X-WR-CALNAME`.
    pub name: String,
    /// `DTSTAMP` of every event: when the feed was written.
    pub stamp: DateTime<Utc>,
    pub events: Vec<FeedEvent>,
}

/// The feed as an iCalendar file (UTF-8, CRLF lines, folded), with one
/// `VTIMEZONE` for each zone its timed events use.
pub fn write(feed: &Feed) -> String {
    let mut out = String::new();
    let mut line = |name: &str, value: &str| {
        out.push_str(&fold(&format!("{name}:{value}")));
        out.push_str("\r\n");
    };
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", &escape_text(&feed.prodid));
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line("X-WR-CALNAME", &escape_text(&feed.name));
    for (zone, (from, to)) in zone_spans(&feed.events) {
        for l in vtimezone(zone, from, to) {
            let (name, value) = l.split_once(':').unwrap_or((l.as_str(), ""));
            line(name, value);
        }
    }
    for e in &feed.events {
        line("BEGIN", "VEVENT");
        line("UID", &escape_text(&e.uid));
        line("DTSTAMP", &utc(feed.stamp));
        match e.when {
            When::AllDay { first, last } => {
                let end = last.max(first).succ_opt().unwrap_or(last);
                line("DTSTART;VALUE=DATE", &date(first));
                line("DTEND;VALUE=DATE", &date(end));
            }
            When::Timed { starts, ends, zone } => {
                let tzid = zone.name();
                line(&format!("DTSTART;TZID={tzid}"), &local(starts, zone));
                line(&format!("DTEND;TZID={tzid}"), &local(ends.max(starts), zone));
            }
        }
        line("SEQUENCE", &e.sequence.max(0).to_string());
        if let Some(t) = e.last_modified {
            line("LAST-MODIFIED", &utc(t));
        }
        line("SUMMARY", &escape_text(&e.summary));
        if let Some(l) = e.location.as_deref().filter(|l| !l.is_empty()) {
            line("LOCATION", &escape_text(l));
        }
        if let Some((lat, lon)) = e.geo.filter(|(a, b)| a.is_finite() && b.is_finite()) {
            line("GEO", &format!("{lat:.6};{lon:.6}"));
        }
        if let Some(d) = e.description.as_deref().filter(|d| !d.is_empty()) {
            line("DESCRIPTION", &escape_text(d));
        }
        let cats: Vec<String> = e
            .categories
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| escape_text(c))
            .collect();
        if !cats.is_empty() {
            line("CATEGORIES", &cats.join(","));
        }
        if let Some(u) = e.url.as_deref().filter(|u| !u.is_empty()) {
            // A URI value: no TEXT escaping, and nothing a line cannot hold.
            let u: String = u.chars().filter(|c| !c.is_control()).collect();
            line("URL", &u);
        }
        line("CLASS", if e.private { "PRIVATE" } else { "PUBLIC" });
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    out
}

/// A date as iCalendar writes it: `20220901`.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// An instant as a local time in `zone`: `20220901T090000`.
pub fn local(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%Y%m%dT%H%M%S").to_string()
}

/// The first and last instant of something.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// Each zone the timed events use, with the first and last instant they
/// cover.
fn zone_spans(events: &[FeedEvent]) -> Vec<(Tz, Span)> {
    let mut spans: BTreeMap<&'static str, (Tz, Span)> = BTreeMap::new();
    for e in events {
        if let When::Timed { starts, ends, zone } = e.when {
            let (_, span) = spans.entry(zone.name()).or_insert((zone, (starts, ends)));
            span.0 = span.0.min(starts);
            span.1 = span.1.max(ends).max(starts);
        }
    }
    spans.into_values().collect()
}

/// An offset in seconds as `+0900` (or `+053030` with seconds).
fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// What is in force in a zone at an instant: UTC offset (seconds), whether
/// it is daylight time, and its abbreviation.
fn observance_at(zone: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let o = zone.offset_from_utc_datetime(&t.naive_utc());
    let daylight = o.dst_offset() != Duration::zero();
    let name = o.abbreviation().unwrap_or_default().to_owned();
    (o.fix().local_minus_utc(), daylight, name)
}

/// The instants in `(from, to]` at which the zone's offset or daylight
/// state changes, found day by day and then to the second.
fn transitions(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let key = |t| {
        let (o, d, _) = observance_at(zone, t);
        (o, d)
    };
    let mut at = from;
    let mut state = key(at);
    while at < to {
        let next = (at + Duration::days(1)).min(to);
        let s = key(next);
        if s != state {
            // The change lies in (at, next]: halve until one second.
            let (mut lo, mut hi) = (at, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if key(mid) == state { lo = mid } else { hi = mid }
            }
            out.push(hi);
            state = s;
        }
        at = next;
    }
    out
}

/// The `VTIMEZONE` of a zone covering `from` to `to` (content lines, not
/// folded): an observance in force from the first of January of `from`'s
/// year, then one for each change of offset up to `to`.
pub fn vtimezone(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let start_day = NaiveDate::from_ymd_opt(from.with_timezone(&zone).year(), 1, 1).unwrap_or(from.date_naive());
    let start_local: NaiveDateTime = start_day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let start = zone
        .from_local_datetime(&start_local)
        .earliest()
        .map_or(from, |t| t.with_timezone(&Utc));
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", zone.name())];
    let (mut off, daylight, name) = observance_at(zone, start);
    push_observance(&mut lines, daylight, start_local, off, off, &name);
    for t in transitions(zone, start, to) {
        let (to_off, daylight, name) = observance_at(zone, t);
        // The observance's start is a local time in the offset before it.
        let local_start = (t + Duration::seconds(i64::from(off))).naive_utc();
        push_observance(&mut lines, daylight, local_start, off, to_off, &name);
        off = to_off;
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

fn push_observance(lines: &mut Vec<String>, daylight: bool, start: NaiveDateTime, from: i32, to: i32, name: &str) {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    lines.push(format!("BEGIN:{kind}"));
    lines.push(format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")));
    lines.push(format!("TZOFFSETFROM:{}", offset(from)));
    lines.push(format!("TZOFFSETTO:{}", offset(to)));
    if !name.is_empty() {
        lines.push(format!("TZNAME:{}", escape_text(name)));
    }
    lines.push(format!("END:{kind}"));
}

#[cfg(test)]
mod tests;
