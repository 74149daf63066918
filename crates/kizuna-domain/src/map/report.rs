//! "Report a problem" with a place: what a visitor may send without an
//! account (a kind, a text, an optional way to reach them), the staff's
//! resolution, and how many reports one client and everyone together may
//! send in an hour. No clock and no storage: the application gives the
//! times.

use crate::common::error::{Errors, FieldError};
use crate::string_enum;

/// The longest text a report may carry, in characters.
pub const REPORT_TEXT_MAX_CHARS: usize = 1_000;
/// The longest contact a visitor may leave, in characters.
pub const REPORT_CONTACT_MAX_CHARS: usize = 200;
/// The longest note staff may write when closing a report, in characters.
pub const REPORT_NOTE_MAX_CHARS: usize = 1_000;

string_enum! {
    /// What is wrong with a place, as a visitor says it.
    ReportKind {
        ClosedPermanently = "closed_permanently",
        WrongHours = "wrong_hours",
        HalalStatusWrong = "halal_status_wrong",
        WrongLocation = "wrong_location",
        Other = "other",
    }
}

string_enum! {
    /// Where a report stands in the staff's review.
    ReportStatus {
        Open = "open",
        /// Staff changed the place (or found it already right) and closed it.
        Resolved = "resolved",
        /// Staff found nothing to change.
        Dismissed = "dismissed",
    }
}

/// A report as a visitor sent it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub kind: ReportKind,
    /// What is wrong, in the visitor's words; required for [`ReportKind::Other`].
    pub text: Option<String>,
    /// How staff may reach the visitor, if they want to be reached.
    pub contact: Option<String>,
}

/// Trimmed, without control characters other than line breaks and tabs,
/// at most `max` characters; blank is none.
fn free_text(e: &mut Errors, field: &str, raw: &str, max: usize) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    if t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        e.push(FieldError::new(
            field,
            "control_character",
            "remove the control characters",
        ));
        return None;
    }
    let n = t.chars().count();
    if n > max {
        e.push(FieldError::new(
            field,
            "too_long",
            format!("at most {max} characters; this is {n}"),
        ));
        return None;
    }
    Some(t.replace("\r\n", "\n"))
}

impl NewReport {
    /// Check a report as sent: a known kind, a text of at most
    /// [`REPORT_TEXT_MAX_CHARS`] (required for "other"), a contact of at
    /// most [`REPORT_CONTACT_MAX_CHARS`]. Every problem is named.
    pub fn parse(kind: &str, text: &str, contact: &str) -> Result<NewReport, Vec<FieldError>> {
        let mut e = Errors::default();
        let kind = if kind.trim().is_empty() {
            e.push(FieldError::required("kind"));
            None
        } else {
            e.take("kind", kind.parse::<ReportKind>())
        };
        let text = free_text(&mut e, "text", text, REPORT_TEXT_MAX_CHARS);
        if kind == Some(ReportKind::Other) && text.is_none() && !e.0.iter().any(|x| x.field == "text") {
            e.push(FieldError::new(
                "text",
                "required",
                "say what is wrong: a text is required when the problem is \"other\"",
            ));
        }
        let contact = free_text(&mut e, "contact", contact, REPORT_CONTACT_MAX_CHARS);
        match kind {
            Some(kind) => e.finish(|| NewReport { kind, text, contact }),
            None => Err(e.0),
        }
    }
}

/// Check the note staff write when closing a report: required, at most
/// [`REPORT_NOTE_MAX_CHARS`].
pub fn resolution_note(raw: &str) -> Result<String, Vec<FieldError>> {
    let mut e = Errors::default();
    let note = free_text(&mut e, "note", raw, REPORT_NOTE_MAX_CHARS);
    match note {
        Some(n) if e.0.is_empty() => Ok(n),
        _ if !e.0.is_empty() => Err(e.0),
        _ => Err(vec![FieldError::new(
            "note",
            "required",
            "write a note saying what was done",
        )]),
    }
}

/// How many reports are taken in a window: from one client, and from
/// everyone together (a flood from many addresses stops at the global cap
/// without any one client seeing it sooner).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportLimits {
    pub per_client: usize,
    pub global: usize,
    pub window_s: i64,
}

/// The limits Kizuna uses: 5 an hour per client, 200 an hour in all.
pub const REPORT_LIMITS: ReportLimits = ReportLimits {
    per_client: 5,
    global: 200,
    window_s: 3600,
};

/// Whether a report may be sent now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportVerdict {
    Allowed,
    /// Not before this many seconds from now (at least 1).
    Wait(i64),
}

impl ReportLimits {
    /// Given the times (Unix seconds) of the reports taken from this client
    /// and from everyone, whether one more may be taken at `now`, or how
    /// long until the oldest that counts leaves the window. Times outside
    /// the window are ignored; the slices need not be sorted.
    pub fn check(&self, now: i64, mine: &[i64], all: &[i64]) -> ReportVerdict {
        let wait = |times: &[i64], cap: usize| -> i64 {
            let mut recent: Vec<i64> = times.iter().copied().filter(|t| now - t < self.window_s).collect();
            if recent.len() < cap {
                return 0;
            }
            recent.sort_unstable();
            // Below the cap again once all but cap - 1 have left the window.
            let leaving = recent[recent.len() - cap];
            (leaving + self.window_s - now).max(1)
        };
        match wait(mine, self.per_client).max(wait(all, self.global)) {
            0 => ReportVerdict::Allowed,
            s => ReportVerdict::Wait(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn codes(r: Result<NewReport, Vec<FieldError>>) -> Vec<(String, String)> {
        r.unwrap_err().into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_report_needs_a_kind_and_for_other_a_text() {
        let r = NewReport::parse("wrong_hours", "  Closed on Mondays now ", "").unwrap();
        assert_eq!(r.kind, ReportKind::WrongHours);
        assert_eq!(r.text.as_deref(), Some("Closed on Mondays now"));
        assert_eq!(r.contact, None);
        assert!(
            NewReport::parse("closed_permanently", "", "").is_ok(),
            "a text is optional"
        );
        assert_eq!(
            codes(NewReport::parse("other", "  ", "")),
            [("text".into(), "required".into())]
        );
        assert_eq!(
            codes(NewReport::parse("", "x", "")),
            [("kind".into(), "required".into())]
        );
        assert_eq!(
            codes(NewReport::parse("spam", "x", "")),
            [("kind".into(), "unknown_value".into())]
        );
    }

    #[test]
    fn texts_and_contacts_have_limits() {
        let long = "あ".repeat(REPORT_TEXT_MAX_CHARS);
        assert!(
            NewReport::parse("other", &long, "").is_ok(),
            "1,000 characters, not bytes"
        );
        let too_long = format!("{long}x");
        assert_eq!(
            codes(NewReport::parse("other", &too_long, &"@".repeat(201))),
            [
                ("text".into(), "too_long".into()),
                ("contact".into(), "too_long".into())
            ]
        );
        assert_eq!(
            codes(NewReport::parse("wrong_location", "a\u{0}b", "")),
            [("text".into(), "control_character".into())]
        );
        let r = NewReport::parse("wrong_location", "line one\r\nline two", " +81 90 0000 0000 ").unwrap();
        assert_eq!(r.text.as_deref(), Some("line one\nline two"));
        assert_eq!(r.contact.as_deref(), Some("+81 90 0000 0000"));
    }

    #[test]
    fn closing_a_report_needs_a_note() {
        assert_eq!(resolution_note(" Hours updated ").unwrap(), "Hours updated");
        assert_eq!(resolution_note("  ").unwrap_err()[0].code, "required");
        assert_eq!(resolution_note(&"n".repeat(1_001)).unwrap_err()[0].code, "too_long");
    }

    #[test]
    fn five_reports_an_hour_per_client_then_a_wait_until_the_oldest_leaves() {
        let l = REPORT_LIMITS;
        let mine: Vec<i64> = (0..4).map(|i| NOW - 600 + i * 60).collect();
        assert_eq!(l.check(NOW, &mine, &mine), ReportVerdict::Allowed);
        let mine: Vec<i64> = (0..5).map(|i| NOW - 600 + i * 60).collect();
        // The oldest was 600 s ago: one more in 3,000 s.
        assert_eq!(l.check(NOW, &mine, &mine), ReportVerdict::Wait(3000));
        assert_eq!(l.check(NOW + 3000, &mine, &mine), ReportVerdict::Allowed);
        // Reports older than the hour count for nothing.
        let old: Vec<i64> = (0..50).map(|i| NOW - 3600 - i).collect();
        assert_eq!(l.check(NOW, &old, &old), ReportVerdict::Allowed);
    }

    #[test]
    fn the_global_cap_holds_every_client_back() {
        let l = REPORT_LIMITS;
        let all: Vec<i64> = (0..200).map(|i| NOW - 1800 + i).collect();
        assert_eq!(l.check(NOW, &[], &all), ReportVerdict::Wait(1800));
        assert_eq!(l.check(NOW, &[], &all[1..]), ReportVerdict::Allowed);
    }
}
