//! A person's part in a course edition.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::{Id, Text};
use crate::string_enum;

string_enum! {
    ParticipationRole {
        Trainee = "trainee",
        Instructor = "instructor",
        Coordinator = "coordinator",
    }
}

string_enum! {
    /// Where a participation stands. Statistics count a trainee as
    /// *accepted* in the states [`ParticipationStatus::COUNTED`] lists.
    ParticipationStatus {
        /// Proposed by the home government; not yet accepted.
        Nominated = "nominated",
        /// Accepted by the office.
        Accepted = "accepted",
        /// Arrived in Japan and training.
        Arrived = "arrived",
        /// Finished the course (certificate received).
        Completed = "completed",
        /// Withdrew, or the nomination was declined.
        Withdrawn = "withdrawn",
    }
}

impl ParticipationStatus {
    /// The statuses in which a trainee counts as accepted by the office:
    /// accepted, arrived and completed. Nominations not yet accepted and
    /// withdrawals do not count.
    pub const COUNTED: &'static [ParticipationStatus] = &[
        ParticipationStatus::Accepted,
        ParticipationStatus::Arrived,
        ParticipationStatus::Completed,
    ];

    pub fn is_counted(self) -> bool {
        Self::COUNTED.contains(&self)
    }

    /// The steps along the way, in order; a participation may also be
    /// withdrawn at any step before completion.
    pub const WAY: &'static [ParticipationStatus] = &[
        ParticipationStatus::Nominated,
        ParticipationStatus::Accepted,
        ParticipationStatus::Arrived,
        ParticipationStatus::Completed,
    ];

    /// The field that holds the date of the step into this status.
    pub fn date_field(self) -> &'static str {
        match self {
            ParticipationStatus::Nominated => "nominated_on",
            ParticipationStatus::Accepted => "accepted_on",
            ParticipationStatus::Arrived => "arrived_on",
            ParticipationStatus::Completed => "completed_on",
            ParticipationStatus::Withdrawn => "withdrawn_on",
        }
    }

    /// Where along [`ParticipationStatus::WAY`] this status is (withdrawn: not on it).
    fn rank(self) -> Option<usize> {
        Self::WAY.iter().position(|s| *s == self)
    }

    /// The statuses a participation in this one may move to, one step at
    /// a time: the next step, or withdrawn before completion.
    pub fn next(self) -> &'static [ParticipationStatus] {
        use ParticipationStatus::*;
        match self {
            Nominated => &[Accepted, Withdrawn],
            Accepted => &[Arrived, Withdrawn],
            Arrived => &[Completed, Withdrawn],
            Completed | Withdrawn => &[],
        }
    }

    /// The steps whose dates a participation in this status may hold: the
    /// steps taken to reach it (withdrawn: any step before completion).
    pub fn dated_steps(self) -> &'static [ParticipationStatus] {
        use ParticipationStatus::*;
        match self {
            Nominated => &[Nominated],
            Accepted => &[Nominated, Accepted],
            Arrived => &[Nominated, Accepted, Arrived],
            Completed => &[Nominated, Accepted, Arrived, Completed],
            Withdrawn => &[Nominated, Accepted, Arrived, Withdrawn],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Participation {
    pub id: Id,
    /// Bumped by every change: an update names the version it was made from
    /// and is refused when the record changed since.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: ParticipationInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ParticipationInput {
    pub edition_id: Id,
    pub person_id: Id,
    pub role: ParticipationRole,
    pub status: ParticipationStatus,
    /// Arrival (trainees) or first day of teaching.
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// The action plan a trainee drafts and presents at the end.
    #[serde(default)]
    pub action_plan_title: Option<Text>,
    /// The day the person was nominated (by their government or organisation).
    #[serde(default)]
    pub nominated_on: Option<NaiveDate>,
    /// The day the office accepted the nomination.
    #[serde(default)]
    pub accepted_on: Option<NaiveDate>,
    /// The day the person arrived (for trainees: in Japan).
    #[serde(default)]
    pub arrived_on: Option<NaiveDate>,
    /// The day the person completed the course (certificate received).
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// The day the person withdrew, or the nomination was declined.
    #[serde(default)]
    pub withdrawn_on: Option<NaiveDate>,
}

impl ParticipationInput {
    /// The date recorded for the step into `status`.
    pub fn step_date(&self, status: ParticipationStatus) -> Option<NaiveDate> {
        match status {
            ParticipationStatus::Nominated => self.nominated_on,
            ParticipationStatus::Accepted => self.accepted_on,
            ParticipationStatus::Arrived => self.arrived_on,
            ParticipationStatus::Completed => self.completed_on,
            ParticipationStatus::Withdrawn => self.withdrawn_on,
        }
    }

    fn set_step_date(&mut self, status: ParticipationStatus, on: Option<NaiveDate>) {
        let slot = match status {
            ParticipationStatus::Nominated => &mut self.nominated_on,
            ParticipationStatus::Accepted => &mut self.accepted_on,
            ParticipationStatus::Arrived => &mut self.arrived_on,
            ParticipationStatus::Completed => &mut self.completed_on,
            ParticipationStatus::Withdrawn => &mut self.withdrawn_on,
        };
        *slot = on;
    }

    /// The latest date recorded for a step before `status` (for withdrawn:
    /// any step before completion), with that step.
    fn previous_step(&self, status: ParticipationStatus) -> Option<(ParticipationStatus, NaiveDate)> {
        let before: &[ParticipationStatus] = match status.rank() {
            Some(r) => &ParticipationStatus::WAY[..r],
            None => &ParticipationStatus::WAY[..3],
        };
        before
            .iter()
            .filter_map(|s| self.step_date(*s).map(|d| (*s, d)))
            .max_by_key(|(s, d)| (*d, s.rank()))
    }

    /// Move one step, on a day: to the next status along the way, or
    /// withdrawn before completion. Refused, naming the reason, when the
    /// step skips one (completed without arrival), goes back, leaves a
    /// completed or withdrawn participation, or is dated before the step
    /// before it. The arrival also fills `started_on`, and the completion
    /// (or a withdrawal after arrival) `ended_on`, when they are empty.
    pub fn moved(&self, to: ParticipationStatus, on: NaiveDate) -> Result<ParticipationInput, Vec<FieldError>> {
        use ParticipationStatus::*;
        let from = self.status;
        if !from.next().contains(&to) {
            let (code, message) = if from == to {
                ("already_in_status", format!("the participation is already {to}"))
            } else {
                match (from, to) {
                    (Completed, _) => (
                        "already_completed",
                        "the participation is completed; it cannot move on".to_owned(),
                    ),
                    (Withdrawn, _) => (
                        "already_withdrawn",
                        "the participation was withdrawn; it cannot move on".to_owned(),
                    ),
                    (_, Completed) => (
                        "needs_arrival",
                        format!("a {from} participation cannot be completed: record the arrival first"),
                    ),
                    (_, Arrived) => (
                        "needs_acceptance",
                        format!("a {from} participation cannot arrive: record the acceptance first"),
                    ),
                    _ => (
                        "cannot_go_back",
                        format!(
                            "a participation moves forward only, not from {from} back to {to}; correct its dates and status instead"
                        ),
                    ),
                }
            };
            return Err(vec![FieldError::new("status", code, message)]);
        }
        if let Some((step, day)) = self.previous_step(to)
            && on < day
        {
            return Err(vec![FieldError::new(
                to.date_field(),
                "before_previous_step",
                format!("{to} on {on} is before {step} on {day}"),
            )]);
        }
        let mut next = self.clone();
        next.status = to;
        next.set_step_date(to, Some(on));
        let arrived = self.arrived_on.is_some() || self.started_on.is_some();
        match to {
            Arrived if next.started_on.is_none() => next.started_on = Some(on),
            Completed if next.ended_on.is_none() => next.ended_on = Some(on),
            Withdrawn if arrived && next.ended_on.is_none() => next.ended_on = Some(on),
            _ => {}
        }
        next.validate()?;
        Ok(next)
    }

    /// The dates a status needs: each step taken to reach it (the
    /// acceptance, the arrival, the completion; a withdrawal's own date).
    /// The console asks for them when a status is chosen; records written
    /// before steps were dated, and the API, may go without.
    pub fn missing_step_dates(&self) -> Vec<FieldError> {
        self.status
            .dated_steps()
            .iter()
            .filter(|s| **s != ParticipationStatus::Nominated && self.step_date(**s).is_none())
            .map(|s| {
                FieldError::new(
                    s.date_field(),
                    "step_date_required",
                    format!("a {} participation needs the date it was {s}", self.status),
                )
            })
            .collect()
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if let (Some(s), Some(end)) = (self.started_on, self.ended_on)
            && end < s
        {
            e.push(FieldError::new(
                "ended_on",
                "before_start",
                format!("ends on {end} before it starts on {s}"),
            ));
        }
        if self.action_plan_title.is_some() && self.role != ParticipationRole::Trainee {
            e.push(FieldError::new(
                "action_plan_title",
                "not_allowed",
                "only trainees draft an action plan",
            ));
        }
        // Only the steps taken to reach the status are dated ...
        let dated = self.status.dated_steps();
        for s in ParticipationStatus::ALL {
            if self.step_date(*s).is_some() && !dated.contains(s) {
                e.push(FieldError::new(
                    s.date_field(),
                    "date_beyond_status",
                    format!(
                        "a {} participation has no date for being {s}: clear it or choose another status",
                        self.status
                    ),
                ));
            }
        }
        // ... and each on or after the one before it.
        for s in [
            ParticipationStatus::Accepted,
            ParticipationStatus::Arrived,
            ParticipationStatus::Completed,
            ParticipationStatus::Withdrawn,
        ] {
            if let (Some(day), Some((step, before))) = (self.step_date(s), self.previous_step(s))
                && day < before
            {
                e.push(FieldError::new(
                    s.date_field(),
                    "before_previous_step",
                    format!("{s} on {day} is before {step} on {before}"),
                ));
            }
        }
        e.finish(|| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParticipationStatus::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2007, m, day).expect("a date")
    }

    fn nominated() -> ParticipationInput {
        ParticipationInput {
            edition_id: 1,
            person_id: 2,
            role: ParticipationRole::Trainee,
            status: Nominated,
            started_on: None,
            ended_on: None,
            action_plan_title: None,
            nominated_on: Some(d(6, 1)),
            accepted_on: None,
            arrived_on: None,
            completed_on: None,
            withdrawn_on: None,
        }
    }

    fn codes(r: Result<ParticipationInput, Vec<FieldError>>) -> Vec<(String, String)> {
        r.expect_err("refused").into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_trainee_moves_along_the_way_keeping_each_date() {
        let p = nominated()
            .moved(Accepted, d(7, 1))
            .and_then(|p| p.moved(Arrived, d(9, 1)))
            .and_then(|p| p.moved(Completed, d(10, 12)))
            .expect("the whole way");
        assert_eq!(p.status, Completed);
        assert_eq!(
            (p.nominated_on, p.accepted_on, p.arrived_on, p.completed_on),
            (Some(d(6, 1)), Some(d(7, 1)), Some(d(9, 1)), Some(d(10, 12)))
        );
        assert_eq!((p.started_on, p.ended_on), (Some(d(9, 1)), Some(d(10, 12))));
        assert!(p.missing_step_dates().is_empty());
        assert!(p.validate().is_ok());
    }

    #[test]
    fn impossible_steps_are_refused_with_their_reason() {
        let n = nominated();
        let c = |code: &str| vec![("status".to_owned(), code.to_owned())];
        assert_eq!(codes(n.moved(Completed, d(10, 1))), c("needs_arrival"));
        assert_eq!(codes(n.moved(Arrived, d(10, 1))), c("needs_acceptance"));
        assert_eq!(codes(n.moved(Nominated, d(10, 1))), c("already_in_status"));
        let a = n.moved(Accepted, d(7, 1)).expect("accepted");
        assert_eq!(codes(a.moved(Completed, d(10, 1))), c("needs_arrival"));
        assert_eq!(codes(a.moved(Nominated, d(10, 1))), c("cannot_go_back"));
        let w = a.moved(Withdrawn, d(8, 1)).expect("withdrawn");
        assert_eq!(w.ended_on, None, "withdrawn before arriving: no end");
        assert_eq!(codes(w.moved(Arrived, d(9, 1))), c("already_withdrawn"));
        let done = a
            .moved(Arrived, d(9, 1))
            .and_then(|p| p.moved(Completed, d(10, 1)))
            .expect("completed");
        assert_eq!(codes(done.moved(Withdrawn, d(10, 2))), c("already_completed"));
        // A date before the step before it.
        assert_eq!(
            codes(a.moved(Arrived, d(6, 30))),
            vec![("arrived_on".to_owned(), "before_previous_step".to_owned())]
        );
        assert_eq!(
            codes(a.moved(Withdrawn, d(6, 30))),
            vec![("withdrawn_on".to_owned(), "before_previous_step".to_owned())]
        );
        // The same day as the step before is fine.
        assert!(a.moved(Arrived, d(7, 1)).is_ok());
    }

    #[test]
    fn stored_dates_agree_with_the_status() {
        let mut p = nominated();
        p.status = Accepted;
        assert_eq!(
            p.missing_step_dates()
                .iter()
                .map(|e| e.field.as_str())
                .collect::<Vec<_>>(),
            ["accepted_on"]
        );
        p.status = Completed;
        assert_eq!(
            p.missing_step_dates()
                .iter()
                .map(|e| e.field.as_str())
                .collect::<Vec<_>>(),
            ["accepted_on", "arrived_on", "completed_on"],
            "completed without an arrival date is not complete"
        );
        // A date for a step the status has not reached.
        let mut q = nominated();
        q.completed_on = Some(d(10, 1));
        let e = q.validate().expect_err("refused");
        assert_eq!(
            (e[0].field.as_str(), e[0].code.as_str()),
            ("completed_on", "date_beyond_status")
        );
        // Dates out of order.
        let mut r = nominated();
        r.status = Arrived;
        r.accepted_on = Some(d(5, 1));
        r.arrived_on = Some(d(9, 1));
        let e = r.validate().expect_err("refused");
        assert_eq!(
            (e[0].field.as_str(), e[0].code.as_str()),
            ("accepted_on", "before_previous_step")
        );
        // Without dates (as imported before steps were dated) it stands.
        let mut old = nominated();
        old.nominated_on = None;
        old.status = Completed;
        assert!(old.validate().is_ok());
    }
}
