//! The hours and short reports volunteers log against a placement, and the
//! rules of who may change an entry and how its review goes.
//!
//! An entry is logged by the volunteer (source `self`), by staff (`staff`,
//! approved at once) or from an attendance check-in (`check_in`, also by
//! staff). It starts `pending` unless staff logged it or the placement's
//! scheme approves volunteers' own entries on creation (self-attestation).
//! Review: pending → approved, or pending → rejected with a reason, by
//! staff only. Staff may reopen an approved or rejected entry, with a
//! reason, which makes it pending again (so a mistake is corrected in the
//! open rather than by deleting); a volunteer changes or deletes only their
//! own pending entries: another volunteer's is forbidden, their own
//! approved or rejected one a conflict.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::common::error::{Errors, FieldError, Invalid};
use crate::common::{Id, LocalText, Text};
use crate::fields::{Kind, Scalar, Value};
use crate::string_enum;

/// Minutes in a day: the most one entry, or one day's entries, may hold.
pub const DAY_MINUTES: u32 = 24 * 60;

/// A duration logged, kept in whole minutes and written as decimal hours
/// ("3.5" is three and a half hours; "3:30" is accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = f64, example = 3.5))]
pub struct Hours(u32);

impl Hours {
    /// More than nothing and at most a day, in whole minutes.
    pub fn from_minutes(minutes: u32) -> Result<Self, Invalid> {
        if minutes == 0 {
            return Err(Invalid::new("not_positive", "hours must be more than 0"));
        }
        if minutes > DAY_MINUTES {
            return Err(Invalid::new(
                "too_many_hours",
                format!("{} hours is more than a day (24 hours)", Hours(minutes)),
            ));
        }
        Ok(Hours(minutes))
    }

    /// Decimal hours ("3.5", "3,5", at most two decimals) or hours and
    /// minutes ("3:30"); rounded to the nearest minute.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let t = s.trim();
        let bad = || {
            Invalid::new(
                "invalid_hours",
                format!("\"{t}\" is not a number of hours (e.g. 3.5 or 3:30)"),
            )
        };
        if t.is_empty() {
            return Err(Invalid::new("required", "hours are missing"));
        }
        let minutes = if let Some((h, m)) = t.split_once(':') {
            let h: u32 = digits(h).ok_or_else(bad)?;
            let m: u32 = digits(m).filter(|m| *m < 60).ok_or_else(bad)?;
            h.checked_mul(60).and_then(|h| h.checked_add(m)).ok_or_else(bad)?
        } else {
            let t2 = t.replace(',', ".");
            let (whole, frac) = t2.split_once('.').unwrap_or((&t2, ""));
            if frac.len() > 2 || (whole.is_empty() && frac.is_empty()) {
                return Err(bad());
            }
            let whole: u32 = if whole.is_empty() {
                0
            } else {
                digits(whole).ok_or_else(bad)?
            };
            let hundredths: u32 = if frac.is_empty() {
                0
            } else {
                digits(frac).ok_or_else(bad)? * if frac.len() == 1 { 10 } else { 1 }
            };
            let centi = whole
                .checked_mul(100)
                .and_then(|w| w.checked_add(hundredths))
                .ok_or_else(bad)?;
            // Hundredths of an hour to minutes, rounded half up.
            (centi * 60 + 50) / 100
        };
        Self::from_minutes(minutes)
    }

    pub fn minutes(self) -> u32 {
        self.0
    }

    /// The hours as a number (3.5).
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 60.0
    }
}

fn digits(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 6 {
        return None;
    }
    s.parse().ok()
}

/// Decimal hours with at most two decimals and no trailing zeros: 210
/// minutes is "3.5", 80 is "1.33", 120 is "2".
pub fn format_minutes(minutes: i64) -> String {
    let centi = (minutes * 100 + 30) / 60;
    let (whole, frac) = (centi / 100, centi % 100);
    if frac == 0 {
        whole.to_string()
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_minutes(i64::from(self.0)))
    }
}

impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((self.as_f64() * 100.0).round() / 100.0)
    }
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(f64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Number(n) if n.is_finite() => format!("{n}"),
            Raw::Number(_) => return Err(serde::de::Error::custom("hours must be a finite number")),
            Raw::Text(t) => t,
        };
        Hours::parse(&text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

impl Scalar for Hours {
    const KIND: Kind = Kind::Int;
    fn to_value(&self) -> Value {
        Value::Int(Some(i64::from(self.0)))
    }
    fn from_value(v: Value) -> Result<Option<Self>, Invalid> {
        match v {
            Value::Int(None) => Ok(None),
            Value::Int(Some(m)) => {
                let m = u32::try_from(m).map_err(|_| Invalid::new("out_of_range", format!("{m} minutes")))?;
                Hours::from_minutes(m).map(Some)
            }
            other => Err(Invalid::new(
                "wrong_type",
                format!("expected an integer column, found {}", other.kind().as_str()),
            )),
        }
    }
}

string_enum! {
    /// Who logged an entry.
    EntrySource {
        /// The volunteer themselves.
        SelfLogged = "self",
        /// A staff member, on the volunteer's behalf.
        Staff = "staff",
        /// From an attendance check-in, recorded by staff.
        CheckIn = "check_in",
    }
}

string_enum! {
    /// Where an entry is in its review.
    EntryStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
}

string_enum! {
    /// What the hours report groups approved hours by.
    ReportBy {
        /// The placement's Kizuna programme.
        Programme = "programme",
        /// The placement's host locality.
        Locality = "locality",
        /// The volunteer scheme (JOCV, FFT, Glocal, other).
        Scheme = "scheme",
        /// The volunteer.
        Person = "person",
    }
}

impl ReportBy {
    /// A comma-separated list ("programme,locality"), each at most once.
    pub fn parse_list(s: &str) -> Result<Vec<ReportBy>, Invalid> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let by: ReportBy = part.parse()?;
            if out.contains(&by) {
                return Err(Invalid::new("duplicate", format!("\"{part}\" is named twice")));
            }
            out.push(by);
        }
        Ok(out)
    }
}

/// Hours a volunteer logged on one day of a placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VolunteerEntry {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: VolunteerEntryInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VolunteerEntryInput {
    pub placement_id: Id,
    /// The day the work was done.
    pub worked_on: NaiveDate,
    /// Decimal hours, more than 0 and at most 24 (kept in minutes).
    #[field(rename = "minutes")]
    pub hours: Hours,
    /// What was done.
    pub activity: Text,
    /// A short report, in the language(s) it was written in.
    #[serde(default)]
    pub report: Option<LocalText>,
    pub source: EntrySource,
    pub status: EntryStatus,
    /// The account that logged it.
    #[serde(default)]
    pub logged_by: Option<Id>,
    /// The staff account that approved, rejected or reopened it last.
    #[serde(default)]
    pub reviewed_by: Option<Id>,
    #[serde(default)]
    pub reviewed_at: Option<DateTime<Utc>>,
    /// Why it was rejected or reopened.
    #[serde(default)]
    pub review_note: Option<Text>,
}

impl VolunteerEntryInput {
    /// Rules within the entry: a reviewed entry names its reviewer and
    /// time, a rejected one its reason; nothing is logged for a day after
    /// `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.worked_on > today {
            e.push(FieldError::new(
                "worked_on",
                "in_future",
                format!(
                    "{} is after today ({today}): hours are logged once worked",
                    self.worked_on
                ),
            ));
        }
        if self.status == EntryStatus::Rejected && self.review_note.is_none() {
            e.push(FieldError::new(
                "review_note",
                "required",
                "a rejected entry says why it was rejected",
            ));
        }
        if self.status != EntryStatus::Pending && self.reviewed_at.is_none() {
            e.push(FieldError::new(
                "reviewed_at",
                "required",
                format!("an {} entry says when it was reviewed", self.status),
            ));
        }
        e.finish(|| ())
    }
}

/// Why a change to an entry is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not theirs to change (HTTP 403).
    Forbidden,
    /// Theirs, but no longer open to change (HTTP 409).
    Reviewed(EntryStatus),
}

/// Who is changing an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editor {
    Staff,
    /// A volunteer account: the person it is, if linked.
    Volunteer(Option<Id>),
}

/// Whether `editor` may edit or delete an entry whose placement is
/// `owner`'s (the placement's person) and whose status is `status`.
/// Staff may change any; a volunteer only their own pending entries.
pub fn may_change(editor: Editor, owner: Id, status: EntryStatus) -> Result<(), Refusal> {
    match editor {
        Editor::Staff => Ok(()),
        Editor::Volunteer(Some(me)) if me == owner => match status {
            EntryStatus::Pending => Ok(()),
            other => Err(Refusal::Reviewed(other)),
        },
        Editor::Volunteer(_) => Err(Refusal::Forbidden),
    }
}

/// A staff member's decision on an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    /// With the reason, shown to the volunteer.
    Reject(Text),
    /// Back to pending, with the reason.
    Reopen(Text),
}

/// The status a decision leads to from `from`, or why it cannot be taken:
/// only a pending entry is approved or rejected, only a reviewed one reopened.
pub fn decide(from: EntryStatus, decision: &Decision) -> Result<EntryStatus, Invalid> {
    match (from, decision) {
        (EntryStatus::Pending, Decision::Approve) => Ok(EntryStatus::Approved),
        (EntryStatus::Pending, Decision::Reject(_)) => Ok(EntryStatus::Rejected),
        (EntryStatus::Approved | EntryStatus::Rejected, Decision::Reopen(_)) => Ok(EntryStatus::Pending),
        (from, Decision::Reopen(_)) => Err(Invalid::new(
            "not_reviewed",
            format!("the entry is {from}: only an approved or rejected entry is reopened"),
        )),
        (from, _) => Err(Invalid::new(
            "already_reviewed",
            format!("the entry is already {from}: reopen it first"),
        )),
    }
}

/// The status a new entry starts in: staff and check-in entries are
/// approved at once, a volunteer's own when their scheme trusts
/// self-attestation, else pending.
pub fn initial_status(source: EntrySource, self_attestation: bool) -> EntryStatus {
    match source {
        EntrySource::Staff | EntrySource::CheckIn => EntryStatus::Approved,
        EntrySource::SelfLogged if self_attestation => EntryStatus::Approved,
        EntrySource::SelfLogged => EntryStatus::Pending,
    }
}

/// Refuses a day's entries adding up to more than 24 hours: `others` is
/// what the placement's other entries of that day (rejected ones not
/// counted) already hold, in minutes.
pub fn check_day_total(day: NaiveDate, others: i64, this: Hours) -> Result<(), FieldError> {
    let total = others + i64::from(this.minutes());
    if total > i64::from(DAY_MINUTES) {
        Err(FieldError::new(
            "hours",
            "day_over_24",
            format!(
                "{day} would have {} hours logged (already {}): a day has 24",
                format_minutes(total),
                format_minutes(others)
            ),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_parsed_strictly() {
        assert_eq!(Hours::parse("3.5").unwrap().minutes(), 210);
        assert_eq!(Hours::parse("3,5").unwrap().minutes(), 210);
        assert_eq!(Hours::parse("3:30").unwrap().minutes(), 210);
        assert_eq!(Hours::parse(".25").unwrap().minutes(), 15);
        assert_eq!(Hours::parse("24").unwrap().minutes(), 1440);
        assert_eq!(Hours::parse("1.33").unwrap().to_string(), "1.33");
        assert_eq!(Hours::parse("0").unwrap_err().code, "not_positive");
        assert_eq!(Hours::parse("24.01").unwrap_err().code, "too_many_hours");
        assert_eq!(Hours::parse("-1").unwrap_err().code, "invalid_hours");
        assert_eq!(Hours::parse("1.255").unwrap_err().code, "invalid_hours");
        assert_eq!(Hours::parse("3:75").unwrap_err().code, "invalid_hours");
        assert_eq!(Hours::parse("three").unwrap_err().code, "invalid_hours");
        assert_eq!(Hours::parse(" ").unwrap_err().code, "required");
        assert_eq!(format_minutes(210), "3.5");
        assert_eq!(format_minutes(120), "2");
        let h: Hours = serde_json::from_str("3.5").unwrap();
        assert_eq!(serde_json::to_string(&h).unwrap(), "3.5");
        assert!(serde_json::from_str::<Hours>("25").is_err());
    }

    #[test]
    fn volunteers_change_only_their_own_pending_entries() {
        let me = Editor::Volunteer(Some(7));
        assert_eq!(may_change(me, 7, EntryStatus::Pending), Ok(()));
        assert_eq!(may_change(me, 8, EntryStatus::Pending), Err(Refusal::Forbidden));
        assert_eq!(
            may_change(me, 7, EntryStatus::Approved),
            Err(Refusal::Reviewed(EntryStatus::Approved))
        );
        assert_eq!(
            may_change(me, 7, EntryStatus::Rejected),
            Err(Refusal::Reviewed(EntryStatus::Rejected))
        );
        assert_eq!(
            may_change(Editor::Volunteer(None), 7, EntryStatus::Pending),
            Err(Refusal::Forbidden)
        );
        assert_eq!(may_change(Editor::Staff, 8, EntryStatus::Approved), Ok(()));
    }

    #[test]
    fn review_goes_one_way_unless_reopened() {
        let why = Text::parse("wrong day").unwrap();
        assert_eq!(
            decide(EntryStatus::Pending, &Decision::Approve).unwrap(),
            EntryStatus::Approved
        );
        assert_eq!(
            decide(EntryStatus::Pending, &Decision::Reject(why.clone())).unwrap(),
            EntryStatus::Rejected
        );
        assert_eq!(
            decide(EntryStatus::Approved, &Decision::Approve).unwrap_err().code,
            "already_reviewed"
        );
        assert_eq!(
            decide(EntryStatus::Rejected, &Decision::Reopen(why.clone())).unwrap(),
            EntryStatus::Pending
        );
        assert_eq!(
            decide(EntryStatus::Pending, &Decision::Reopen(why)).unwrap_err().code,
            "not_reviewed"
        );
        assert_eq!(initial_status(EntrySource::SelfLogged, false), EntryStatus::Pending);
        assert_eq!(initial_status(EntrySource::SelfLogged, true), EntryStatus::Approved);
        assert_eq!(initial_status(EntrySource::CheckIn, false), EntryStatus::Approved);
    }

    #[test]
    fn report_dimensions() {
        assert_eq!(
            ReportBy::parse_list("programme, locality").unwrap(),
            vec![ReportBy::Programme, ReportBy::Locality]
        );
        assert_eq!(ReportBy::parse_list("scheme,scheme").unwrap_err().code, "duplicate");
        assert!(ReportBy::parse_list("country").is_err());
    }

    #[test]
    fn a_day_holds_24_hours() {
        let day = NaiveDate::from_ymd_opt(2022, 10, 3).unwrap();
        assert!(check_day_total(day, 20 * 60, Hours::parse("4").unwrap()).is_ok());
        let e = check_day_total(day, 21 * 60, Hours::parse("3.5").unwrap()).unwrap_err();
        assert_eq!((e.field.as_str(), e.code.as_str()), ("hours", "day_over_24"));
        assert!(e.message.contains("24.5"), "{}", e.message);
    }
}
