//! A volunteer placement: who serves, under which scheme, in which
//! direction, where and when (planned, then as it happened), doing what,
//! and the placement it is paired with (a Japanese volunteer and a Thai
//! one working together, say).
//!
//! The schemes fix the direction: Japan Overseas Cooperation Volunteers
//! (JOCV) go abroad, Thailand's Friends From Thailand (FFT, run by TICA)
//! come to Japan and are placed in a locality, and the Glocal Program
//! places a JOCV candidate in a Japanese locality for about three months
//! before posting (at most six).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, LocalText};
use crate::string_enum;

string_enum! {
    /// The volunteer programme a placement belongs to.
    Scheme {
        /// Japan Overseas Cooperation Volunteers (JICA), sent abroad.
        Jocv = "jocv",
        /// Friends From Thailand (TICA), received in Japan.
        Fft = "fft",
        /// JICA's Glocal Program: a JOCV candidate in a Japanese locality
        /// before posting.
        Glocal = "glocal",
        Other = "other",
    }
}

string_enum! {
    /// Which way the volunteer goes.
    PlacementDirection {
        /// From Japan abroad.
        Outbound = "outbound",
        /// From abroad to Japan.
        Inbound = "inbound",
        /// In Japan, before a posting abroad.
        LocalPreDispatch = "local_pre_dispatch",
    }
}

impl Scheme {
    /// The one direction a scheme's placements take, if it fixes one.
    pub fn direction(self) -> Option<PlacementDirection> {
        match self {
            Scheme::Jocv => Some(PlacementDirection::Outbound),
            Scheme::Fft => Some(PlacementDirection::Inbound),
            Scheme::Glocal => Some(PlacementDirection::LocalPreDispatch),
            Scheme::Other => None,
        }
    }
}

impl PlacementDirection {
    /// Whether the host locality is in Japan.
    pub fn hosted_in_japan(self) -> bool {
        matches!(self, PlacementDirection::Inbound | PlacementDirection::LocalPreDispatch)
    }
}

/// The longest a Glocal placement may last.
pub const GLOCAL_MAX_MONTHS: u32 = 6;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Placement {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: PlacementInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlacementInput {
    /// The volunteer.
    pub person_id: Id,
    pub scheme: Scheme,
    pub direction: PlacementDirection,
    /// The organisation that hosts the volunteer.
    #[serde(default)]
    pub host_organisation_id: Option<Id>,
    /// Where the volunteer is placed.
    #[serde(default)]
    pub host_locality_id: Option<Id>,
    /// The Kizuna programme the placement belongs to, if any.
    #[serde(default)]
    pub programme_id: Option<Id>,
    pub planned_starts_on: NaiveDate,
    pub planned_ends_on: NaiveDate,
    /// When the placement really began and ended.
    #[serde(default)]
    pub actual_starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub actual_ends_on: Option<NaiveDate>,
    /// The area of activity, e.g. "tourism promotion".
    pub area: LocalText,
    #[serde(default)]
    pub goals: Option<LocalText>,
    /// The placement this one works alongside.
    #[serde(default)]
    pub paired_placement_id: Option<Id>,
}

/// Where a placement stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Planned,
    UnderWay,
    Completed,
}

impl PlacementInput {
    /// Rules across fields; `own_id` is the placement's id when it exists.
    pub fn validate(&self, own_id: Option<Id>) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(d) = self.scheme.direction()
            && d != self.direction
        {
            e.push(FieldError::new(
                "direction",
                "wrong_direction",
                format!(
                    "a {} placement is {}, not {}",
                    self.scheme.label(),
                    d.as_str(),
                    self.direction.as_str()
                ),
            ));
        }
        if self.scheme == Scheme::Fft && self.host_locality_id.is_none() {
            e.push(FieldError::new(
                "host_locality_id",
                "required",
                "a Friends From Thailand volunteer is placed in a locality in Japan; name the host locality",
            ));
        }
        if self.planned_ends_on < self.planned_starts_on {
            e.push(FieldError::new(
                "planned_ends_on",
                "before_start",
                format!(
                    "the planned end {} is before the planned start {}",
                    self.planned_ends_on, self.planned_starts_on
                ),
            ));
        }
        match (self.actual_starts_on, self.actual_ends_on) {
            (None, Some(_)) => e.push(FieldError::new(
                "actual_starts_on",
                "required",
                "an actual end needs the actual start it follows",
            )),
            (Some(s), Some(end)) if end < s => e.push(FieldError::new(
                "actual_ends_on",
                "before_start",
                format!("the actual end {end} is before the actual start {s}"),
            )),
            _ => {}
        }
        if self.scheme == Scheme::Glocal {
            if too_long(self.planned_starts_on, self.planned_ends_on) {
                e.push(FieldError::new(
                    "planned_ends_on",
                    "too_long",
                    format!(
                        "a Glocal placement lasts at most {GLOCAL_MAX_MONTHS} months; {} to {} is longer",
                        self.planned_starts_on, self.planned_ends_on
                    ),
                ));
            }
            if let (Some(s), Some(end)) = (self.actual_starts_on, self.actual_ends_on)
                && too_long(s, end)
            {
                e.push(FieldError::new(
                    "actual_ends_on",
                    "too_long",
                    format!("a Glocal placement lasts at most {GLOCAL_MAX_MONTHS} months; {s} to {end} is longer"),
                ));
            }
        }
        if let (Some(me), Some(p)) = (own_id, self.paired_placement_id)
            && me == p
        {
            e.push(FieldError::new(
                "paired_placement_id",
                "self_pair",
                format!("placement {me} cannot be paired with itself"),
            ));
        }
        e.finish(|| ())
    }

    /// The first day: the actual start, else the planned one.
    pub fn starts_on(&self) -> NaiveDate {
        self.actual_starts_on.unwrap_or(self.planned_starts_on)
    }

    /// The last day: the actual end, else (not yet begun or ended) the
    /// planned one.
    pub fn ends_on(&self) -> NaiveDate {
        self.actual_ends_on.unwrap_or(self.planned_ends_on)
    }

    /// Where the placement stands on `today`.
    pub fn phase(&self, today: NaiveDate) -> Phase {
        if self.actual_ends_on.is_some_and(|d| d < today) {
            Phase::Completed
        } else if self.actual_starts_on.is_some_and(|d| d <= today) {
            Phase::UnderWay
        } else if self.actual_starts_on.is_none() && self.planned_ends_on < today {
            // Never marked as begun, and its planned time is over: shown
            // as completed by its plan.
            Phase::Completed
        } else {
            Phase::Planned
        }
    }
}

impl Scheme {
    /// The scheme's name in messages (the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            Scheme::Jocv => "JOCV",
            Scheme::Fft => "Friends From Thailand",
            Scheme::Glocal => "Glocal",
            Scheme::Other => "other",
        }
    }
}

/// Whether `start..=end` is longer than a Glocal placement may be.
fn too_long(start: NaiveDate, end: NaiveDate) -> bool {
    start
        .checked_add_months(Months::new(GLOCAL_MAX_MONTHS))
        .is_none_or(|limit| end > limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn akan() -> PlacementInput {
        PlacementInput {
            person_id: 1,
            scheme: Scheme::Fft,
            direction: PlacementDirection::Inbound,
            host_organisation_id: None,
            host_locality_id: Some(7),
            programme_id: None,
            planned_starts_on: d(2022, 9, 1),
            planned_ends_on: d(2022, 12, 10),
            actual_starts_on: Some(d(2022, 9, 5)),
            actual_ends_on: Some(d(2022, 12, 9)),
            area: LocalText::en("Tourism promotion".parse().unwrap()),
            goals: None,
            paired_placement_id: None,
        }
    }

    fn glocal() -> PlacementInput {
        PlacementInput {
            scheme: Scheme::Glocal,
            direction: PlacementDirection::LocalPreDispatch,
            planned_starts_on: d(2024, 1, 9),
            planned_ends_on: d(2024, 4, 5),
            actual_starts_on: None,
            actual_ends_on: None,
            ..akan()
        }
    }

    fn codes(p: &PlacementInput, id: Option<Id>) -> Vec<(String, String)> {
        p.validate(id)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    fn one(field: &str, code: &str) -> Vec<(String, String)> {
        vec![(field.to_owned(), code.to_owned())]
    }

    #[test]
    fn the_seed_placements_are_accepted() {
        assert!(akan().validate(Some(1)).is_ok());
        assert!(glocal().validate(None).is_ok());
    }

    #[test]
    fn a_glocal_placement_lasts_six_months_at_most() {
        let mut p = glocal();
        p.planned_ends_on = d(2024, 7, 9);
        assert!(p.validate(None).is_ok(), "exactly six months is allowed");
        p.planned_ends_on = d(2024, 7, 10);
        assert_eq!(codes(&p, None), one("planned_ends_on", "too_long"));
        let mut p = glocal();
        p.actual_starts_on = Some(d(2024, 1, 9));
        p.actual_ends_on = Some(d(2024, 8, 9));
        assert_eq!(codes(&p, None), one("actual_ends_on", "too_long"));
        let mut p = glocal();
        p.scheme = Scheme::Other;
        p.planned_ends_on = d(2025, 1, 9);
        assert!(p.validate(None).is_ok(), "only Glocal has the limit");
    }

    #[test]
    fn an_fft_placement_names_its_host_locality() {
        let mut p = akan();
        p.host_locality_id = None;
        assert_eq!(codes(&p, None), one("host_locality_id", "required"));
    }

    #[test]
    fn each_scheme_goes_its_own_way() {
        let mut p = akan();
        p.direction = PlacementDirection::Outbound;
        assert_eq!(codes(&p, None), one("direction", "wrong_direction"));
        let mut p = glocal();
        p.direction = PlacementDirection::Inbound;
        assert_eq!(codes(&p, None), one("direction", "wrong_direction"));
        let mut p = glocal();
        p.scheme = Scheme::Jocv;
        p.planned_ends_on = d(2026, 1, 8);
        assert_eq!(codes(&p, None), one("direction", "wrong_direction"));
        p.direction = PlacementDirection::Outbound;
        assert!(p.validate(None).is_ok(), "two years abroad");
        for dir in PlacementDirection::ALL {
            let mut p = glocal();
            p.scheme = Scheme::Other;
            p.direction = *dir;
            assert!(p.validate(None).is_ok(), "other schemes go any way");
        }
    }

    #[test]
    fn dates_run_forwards() {
        let mut p = akan();
        p.planned_ends_on = d(2022, 8, 31);
        assert_eq!(codes(&p, None), one("planned_ends_on", "before_start"));
        let mut p = akan();
        p.actual_ends_on = Some(d(2022, 9, 4));
        assert_eq!(codes(&p, None), one("actual_ends_on", "before_start"));
        let mut p = akan();
        p.actual_starts_on = None;
        assert_eq!(codes(&p, None), one("actual_starts_on", "required"));
    }

    #[test]
    fn a_placement_is_not_paired_with_itself() {
        let mut p = akan();
        p.paired_placement_id = Some(4);
        assert_eq!(codes(&p, Some(4)), one("paired_placement_id", "self_pair"));
        assert!(p.validate(Some(5)).is_ok());
        assert!(p.validate(None).is_ok());
    }

    #[test]
    fn phases_follow_the_dates() {
        let p = akan();
        assert_eq!(p.phase(d(2022, 9, 4)), Phase::Planned);
        assert_eq!(p.phase(d(2022, 9, 5)), Phase::UnderWay);
        assert_eq!(p.phase(d(2022, 12, 9)), Phase::UnderWay);
        assert_eq!(p.phase(d(2022, 12, 10)), Phase::Completed);
        let g = glocal();
        assert_eq!(g.phase(d(2024, 2, 1)), Phase::Planned);
        assert_eq!(g.phase(d(2024, 4, 6)), Phase::Completed);
        assert_eq!(g.starts_on(), d(2024, 1, 9));
        assert_eq!(akan().ends_on(), d(2022, 12, 9));
    }
}
