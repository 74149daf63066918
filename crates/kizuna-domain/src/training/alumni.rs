//! Alumni: former trainees (a completed participation) and volunteers (a
//! finished placement) stay reachable. Staff follow each of them up six
//! and twelve months after they finished ([`FollowUp`], what is due from
//! [`due_follow_ups`]), and alumni form associations by country
//! ([`AlumniAssociation`] with its [`AlumniMember`]s).

use std::collections::BTreeSet;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::organisation::is_web_address;
use crate::common::{CountryCode, Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    /// Which follow-up this is.
    Milestone {
        /// Six months after completion.
        M6 = "m6",
        /// Twelve months after completion.
        M12 = "m12",
        /// Any other contact worth recording.
        Other = "other",
    }
}

impl Milestone {
    /// The milestones every alumnus is followed up at.
    pub const DUE: &'static [Milestone] = &[Milestone::M6, Milestone::M12];

    /// How many months after completion the follow-up falls due (none for
    /// [`Milestone::Other`]).
    pub fn months(self) -> Option<u32> {
        match self {
            Milestone::M6 => Some(6),
            Milestone::M12 => Some(12),
            Milestone::Other => None,
        }
    }

    /// The day a follow-up at this milestone falls due for someone who
    /// finished on `finished_on`.
    pub fn due_on(self, finished_on: NaiveDate) -> Option<NaiveDate> {
        self.months()
            .and_then(|m| finished_on.checked_add_months(Months::new(m)))
    }
}

string_enum! {
    /// How far the alumnus has taken the action plan drafted in Japan.
    Progress {
        NotStarted = "not_started",
        InProgress = "in_progress",
        Implemented = "implemented",
    }
}

string_enum! {
    /// How the office reached the alumnus.
    Channel {
        Email = "email",
        Phone = "phone",
        VideoCall = "video_call",
        Visit = "visit",
        SocialMedia = "social_media",
        Letter = "letter",
        Other = "other",
    }
}

string_enum! {
    /// A member's part in an association.
    MemberRole {
        Chair = "chair",
        ViceChair = "vice_chair",
        Secretary = "secretary",
        Treasurer = "treasurer",
        Member = "member",
    }
}

/// What an alumnus finished and is followed up about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum About {
    /// A course: the completed participation.
    Participation(Id),
    /// A volunteer placement that ended.
    Placement(Id),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: FollowUpInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpInput {
    /// The alumnus.
    pub person_id: Id,
    /// The completed course participation followed up (or a placement: exactly one of the two).
    #[serde(default)]
    pub participation_id: Option<Id>,
    /// The volunteer placement followed up (or a participation: exactly one of the two).
    #[serde(default)]
    pub placement_id: Option<Id>,
    pub milestone: Milestone,
    /// When it falls due: 6 or 12 months after completion for `m6` and `m12`.
    pub due_on: NaiveDate,
    /// The day the office reached the alumnus (empty while still due).
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    /// The action plan's progress found by the follow-up.
    #[serde(default = "not_started")]
    pub progress: Progress,
    #[serde(default)]
    pub notes: Option<LocalText>,
    /// A link to the evidence (`https://…`); files are attached to the record.
    #[serde(default)]
    pub evidence_url: Option<Text>,
    /// How the office reached the alumnus.
    #[serde(default)]
    pub channel: Option<Channel>,
}

fn not_started() -> Progress {
    Progress::NotStarted
}

impl FollowUpInput {
    /// What the follow-up is about (`None` when neither or both are given,
    /// which [`FollowUpInput::validate`] refuses).
    pub fn about(&self) -> Option<About> {
        match (self.participation_id, self.placement_id) {
            (Some(p), None) => Some(About::Participation(p)),
            (None, Some(p)) => Some(About::Placement(p)),
            _ => None,
        }
    }

    /// Rules across fields. Implemented needs evidence: a link or a note
    /// saying what was done (a file may be attached besides).
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        match (self.participation_id, self.placement_id) {
            (None, None) => e.push(FieldError::new(
                "participation_id",
                "required",
                "name the course participation or the volunteer placement this follow-up is about",
            )),
            (Some(_), Some(_)) => e.push(FieldError::new(
                "placement_id",
                "one_of",
                "a follow-up is about one course participation or one placement, not both",
            )),
            _ => {}
        }
        if let Some(d) = self.done_on
            && d > today
        {
            e.push(FieldError::new(
                "done_on",
                "in_future",
                format!("{d} is after today; record a follow-up once it is done"),
            ));
        }
        if self.done_on.is_none() && self.progress != Progress::NotStarted {
            e.push(FieldError::new(
                "done_on",
                "required",
                format!(
                    "progress \"{}\" is what a follow-up found: give the day it was done",
                    self.progress
                ),
            ));
        }
        if self.progress == Progress::Implemented && self.evidence_url.is_none() && self.notes.is_none() {
            e.push(FieldError::new(
                "evidence_url",
                "evidence_required",
                "an implemented action plan needs evidence: a link, or a note saying what was done",
            ));
        }
        if let Some(u) = &self.evidence_url
            && !is_web_address(u.as_str())
        {
            e.push(FieldError::new(
                "evidence_url",
                "invalid_url",
                format!("\"{u}\" is not a web address starting with https:// or http://"),
            ));
        }
        e.finish(|| ())
    }

    /// Rules against what the follow-up is about, finished on
    /// `finished_on`: done after that day; an `m6` or `m12` due on its
    /// computed day.
    pub fn check_against(&self, finished_on: NaiveDate) -> Vec<FieldError> {
        let mut e = Vec::new();
        if let Some(d) = self.done_on
            && d < finished_on
        {
            e.push(FieldError::new(
                "done_on",
                "before_completion",
                format!("done on {d}, before the course or placement it follows ended ({finished_on})"),
            ));
        }
        if let Some(due) = self.milestone.due_on(finished_on)
            && due != self.due_on
        {
            e.push(FieldError::new(
                "due_on",
                "wrong_due_date",
                format!(
                    "the {} follow-up of what ended on {finished_on} is due on {due}, not {}",
                    self.milestone, self.due_on
                ),
            ));
        }
        e
    }
}

/// Someone who finished a course or a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    pub person_id: Id,
    pub about: About,
    pub finished_on: NaiveDate,
}

/// A follow-up already recorded, as [`due_follow_ups`] needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub id: Id,
    pub about: About,
    pub milestone: Milestone,
    pub done: bool,
}

/// A follow-up due or overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Due {
    pub person_id: Id,
    pub about: About,
    pub milestone: Milestone,
    pub finished_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Days past the due date (negative: due in that many days).
    pub days_overdue: i64,
    /// The follow-up record already made for it and not yet done, if any.
    pub follow_up_id: Option<Id>,
}

/// How long a follow-up not done stays on the list after its due date: a
/// year later the next one is due, and older ones have lapsed.
pub const LAPSES_AFTER_DAYS: i64 = 366;

/// The 6- and 12-month follow-ups not yet done that fall due on or before
/// `today + within_days` and have not lapsed ([`LAPSES_AFTER_DAYS`]), most
/// overdue first.
pub fn due_follow_ups(
    completions: &[Completion],
    existing: &[Recorded],
    today: NaiveDate,
    within_days: i64,
) -> Vec<Due> {
    let done: BTreeSet<(About, Milestone)> = existing
        .iter()
        .filter(|r| r.done)
        .map(|r| (r.about, r.milestone))
        .collect();
    let horizon = today + chrono::Duration::days(within_days.max(0));
    let mut due: Vec<Due> = completions
        .iter()
        .flat_map(|c| Milestone::DUE.iter().map(move |m| (c, *m)))
        .filter(|(c, m)| !done.contains(&(c.about, *m)))
        .filter_map(|(c, m)| {
            let due_on = m.due_on(c.finished_on)?;
            let overdue = (today - due_on).num_days();
            (due_on <= horizon && overdue <= LAPSES_AFTER_DAYS).then(|| Due {
                person_id: c.person_id,
                about: c.about,
                milestone: m,
                finished_on: c.finished_on,
                due_on,
                days_overdue: overdue,
                follow_up_id: existing
                    .iter()
                    .find(|r| !r.done && r.about == c.about && r.milestone == m)
                    .map(|r| r.id),
            })
        })
        .collect();
    due.sort_by_key(|d| (d.due_on, d.person_id, d.milestone));
    due
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlumniAssociation {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: AlumniAssociationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AlumniAssociationInput {
    /// The country whose alumni it gathers (ISO 3166-1 alpha-2).
    pub country: CountryCode,
    pub name: LocalText,
    #[serde(default)]
    pub founded_on: Option<NaiveDate>,
    /// The organisation the office writes to.
    #[serde(default)]
    pub contact_organisation_id: Option<Id>,
    #[serde(default)]
    pub note: Option<LocalText>,
}

impl AlumniAssociationInput {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(d) = self.founded_on
            && d > today
        {
            e.push(FieldError::new(
                "founded_on",
                "in_future",
                format!("{d} is after today"),
            ));
        }
        e.finish(|| ())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlumniMember {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: AlumniMemberInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AlumniMemberInput {
    pub association_id: Id,
    pub person_id: Id,
    #[serde(default)]
    pub joined_on: Option<NaiveDate>,
    #[serde(default = "member")]
    pub role: MemberRole,
}

fn member() -> MemberRole {
    MemberRole::Member
}

impl AlumniMemberInput {
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let Some(d) = self.joined_on
            && d > today
        {
            e.push(FieldError::new("joined_on", "in_future", format!("{d} is after today")));
        }
        e.finish(|| ())
    }
}

#[cfg(test)]
#[path = "alumni_tests.rs"]
mod tests;
