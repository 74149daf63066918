//! iCalendar (RFC 5545) files: a calendar of timed events, as calendar
//! applications subscribe to or import them.
//!
//! Written by hand rather than with a crate: the `icalendar` crate (0.16)
//! folds a continuation line to a space plus 75 octets (76 in all) and
//! measures its fold in characters in one place and bytes in another, and
//! what Kizuna publishes is one shape of event. The rules kept here:
//!
//! - every line ends in CRLF;
//! - a content line longer than 75 octets is folded: CRLF and one space,
//!   the space counted in the next line's 75, never inside a UTF-8
//!   character (§3.1);
//! - TEXT values escape backslash, semicolon, comma and newlines (§3.3.11);
//! - times are UTC with `Z` (§3.3.5, form 2), so no `VTIMEZONE` is needed;
//!   `X-WR-TIMEZONE` tells applications to show them in Japan time;
//! - the calendar has `VERSION`, `PRODID`, `CALSCALE`, `METHOD:PUBLISH`
//!   and `X-WR-CALNAME`; every event a stable `UID`, `DTSTAMP`, `DTSTART`,
//!   `DTEND` and `SUMMARY`.

use chrono::{DateTime, Utc};

/// The most octets of a content line, CRLF excluded (RFC 5545 §3.1).
pub const LINE_OCTETS: usize = 75;

/// A calendar to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// `PRODID`, e.g. `-//Kizuna//Timetable//EN`.
    pub prodid: String,
    /// `X-WR-CALNAME`: the name applications show for the calendar.
    pub name: String,
    /// `X-WR-TIMEZONE`: the zone applications should show times in.
    pub timezone: Option<String>,
    pub events: Vec<Event>,
}

/// One event (`VEVENT`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across downloads, e.g. `session-12@kizuna`.
    pub uid: String,
    /// When this calendar was written.
    pub stamp: DateTime<Utc>,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// `CATEGORIES` (one value, e.g. the kind of session).
    pub category: Option<String>,
    /// `SEQUENCE`: bumped whenever the event changes.
    pub sequence: Option<i64>,
}

/// The calendar as an iCalendar file (UTF-8, CRLF lines, folded).
pub fn write(cal: &Calendar) -> String {
    let mut out = String::new();
    let mut line = |name: &str, value: &str| {
        out.push_str(&fold(&format!("{name}:{value}")));
        out.push_str("\r\n");
    };
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", &escape_text(&cal.prodid));
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line("X-WR-CALNAME", &escape_text(&cal.name));
    if let Some(tz) = &cal.timezone {
        line("X-WR-TIMEZONE", &escape_text(tz));
    }
    for e in &cal.events {
        line("BEGIN", "VEVENT");
        line("UID", &escape_text(&e.uid));
        line("DTSTAMP", &utc(e.stamp));
        line("DTSTART", &utc(e.starts));
        line("DTEND", &utc(e.ends));
        if let Some(n) = e.sequence {
            line("SEQUENCE", &n.max(0).to_string());
        }
        line("SUMMARY", &escape_text(&e.summary));
        if let Some(l) = e.location.as_deref().filter(|l| !l.is_empty()) {
            line("LOCATION", &escape_text(l));
        }
        if let Some(d) = e.description.as_deref().filter(|d| !d.is_empty()) {
            line("DESCRIPTION", &escape_text(d));
        }
        if let Some(c) = e.category.as_deref().filter(|c| !c.is_empty()) {
            line("CATEGORIES", &escape_text(c));
        }
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    out
}

/// A UTC date-time as iCalendar writes it: `20071001T000000Z`.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value escaped (RFC 5545 §3.3.11): `\` `;` `,` and newlines
/// (CRLF, CR or LF, each one line break) become `\\` `\;` `\,` `\n`;
/// other control characters, which a content line may not hold, are left
/// out.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded so that no line exceeds [`LINE_OCTETS`] octets:
/// CRLF and a space before each continuation (the space is one of its
/// octets), breaking only between characters.
pub fn fold(line: &str) -> String {
    if line.len() <= LINE_OCTETS {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + line.len() / (LINE_OCTETS - 1) * 3);
    let mut room = LINE_OCTETS;
    for c in line.chars() {
        let n = c.len_utf8();
        if n > room {
            out.push_str("\r\n ");
            room = LINE_OCTETS - 1;
        }
        out.push(c);
        room -= n;
    }
    out
}

/// The content lines of a file, unfolded (a line starting with a space or
/// tab continues the one before). For checking what was written.
pub fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split("\r\n") {
        match raw.strip_prefix([' ', '\t']) {
            Some(rest) if !lines.is_empty() => {
                if let Some(last) = lines.last_mut() {
                    last.push_str(rest);
                }
            }
            _ if raw.is_empty() => {}
            _ => lines.push(raw.to_owned()),
        }
    }
    lines
}

/// A TEXT value as it was before [`escape_text`].
pub fn unescape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2007, 10, 1, h, 0, 0).single().expect("a time")
    }

    fn calendar(summary: &str) -> Calendar {
        Calendar {
            prodid: "-//Kizuna//Timetable//EN".into(),
            name: "Regional development, 平成19年度".into(),
            timezone: Some("Asia/Tokyo".into()),
            events: vec![Event {
                uid: "session-7@kizuna".into(),
                stamp: at(3),
                starts: at(0),
                ends: at(2),
                summary: summary.into(),
                location: Some("Obihiro, Hall 2; 3F".into()),
                description: Some("Line one\r\nLine two\\".into()),
                category: Some("lecture".into()),
                sequence: Some(2),
            }],
        }
    }

    #[test]
    fn lines_end_in_crlf_and_fit_75_octets() {
        let long =
            "ภาคปฏิบัติ: การพัฒนาภูมิภาคและการท่องเที่ยว 地域開発と観光の研修 — a very long title indeed, with commas, and more";
        let text = write(&calendar(long));
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains(['\r', '\n']), "no bare CR or LF");
        for l in text.split("\r\n") {
            assert!(l.len() <= LINE_OCTETS, "{} octets: {l}", l.len());
        }
        // Folded only between characters, and unfolding gives the line back.
        let summary = unfold(&text)
            .into_iter()
            .find_map(|l| l.strip_prefix("SUMMARY:").map(unescape_text))
            .expect("a summary");
        assert_eq!(summary, long);
    }

    #[test]
    fn folding_never_splits_a_character() {
        for pad in 0..8 {
            let line = format!("SUMMARY:{}{}", "x".repeat(pad), "絆".repeat(60));
            let folded = fold(&line);
            for (i, part) in folded.split("\r\n").enumerate() {
                assert!(part.len() <= LINE_OCTETS);
                if i > 0 {
                    assert!(part.starts_with(' '));
                }
            }
            assert_eq!(unfold(&folded), vec![line]);
        }
        assert_eq!(fold("short"), "short");
        let exactly = "y".repeat(LINE_OCTETS);
        assert_eq!(fold(&exactly), exactly);
        let over = "y".repeat(LINE_OCTETS + 1);
        assert_eq!(fold(&over), format!("{}\r\n y", "y".repeat(LINE_OCTETS)));
    }

    #[test]
    fn text_is_escaped_and_read_back() {
        let raw = "a,b;c\\d\ne\r\nf\rg\u{7}h\ti";
        let escaped = escape_text(raw);
        assert_eq!(escaped, "a\\,b\\;c\\\\d\\ne\\nf\\ngh i");
        assert_eq!(unescape_text(&escaped), "a,b;c\\d\ne\nf\ngh i");
        let text = write(&calendar("Opening, ceremony; day 1"));
        assert!(text.contains("SUMMARY:Opening\\, ceremony\\; day 1\r\n"), "{text}");
        assert!(text.contains("LOCATION:Obihiro\\, Hall 2\\; 3F\r\n"));
        assert!(text.contains("DESCRIPTION:Line one\\nLine two\\\\\r\n"));
    }

    #[test]
    fn the_calendar_has_what_applications_need() {
        let text = write(&calendar("Lecture"));
        let lines = unfold(&text);
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        for want in [
            "VERSION:2.0",
            "PRODID:-//Kizuna//Timetable//EN",
            "METHOD:PUBLISH",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Regional development\\, 平成19年度",
            "X-WR-TIMEZONE:Asia/Tokyo",
            "UID:session-7@kizuna",
            "DTSTAMP:20071001T030000Z",
            "DTSTART:20071001T000000Z",
            "DTEND:20071001T020000Z",
            "SEQUENCE:2",
            "CATEGORIES:lecture",
        ] {
            assert!(lines.iter().any(|l| l == want), "{want} in {lines:?}");
        }
        // The calendar's properties come before the first event.
        let version = lines.iter().position(|l| l == "VERSION:2.0");
        let event = lines.iter().position(|l| l == "BEGIN:VEVENT");
        assert!(version < event);
    }
}
