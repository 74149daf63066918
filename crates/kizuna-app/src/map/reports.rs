//! "Report a problem" with a place: a visitor's report taken without an
//! account within the limits (`kizuna_domain::map::report::REPORT_LIMITS`,
//! counted by a salted hash of the client's address, never the address),
//! and the staff's queue of open reports by place, each closed as resolved
//! or dismissed with a note.

use kizuna_domain::common::Id;
use kizuna_domain::map::place::Place;
use kizuna_domain::map::report::{NewReport, REPORT_LIMITS, ReportLimits, ReportStatus, resolution_note};
use kizuna_store::place_reports::{ReportRow, Taken};
use sha2::Digest;

use crate::{App, AppError, Result};

/// The setting holding the salt of the report limits' client keys.
const SALT_SETTING: &str = "place_report_salt";

/// What became of a visitor's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportOutcome {
    /// Taken for staff review.
    Taken(Id),
    /// Over a limit: nothing stored; try again in this many seconds.
    Wait(i64),
}

/// A place's open reports, for the staff's queue.
#[derive(Debug, Clone)]
pub struct PlaceReports {
    pub place: Place,
    pub reports: Vec<ReportRow>,
}

impl App {
    /// Take a visitor's report on a place from a client address, within
    /// [`REPORT_LIMITS`]. The place must exist; the report is checked
    /// first (every bad field named), so a refused one counts for nothing.
    pub async fn report_place_problem(
        &self,
        place_id: Id,
        kind: &str,
        text: &str,
        contact: &str,
        address: &str,
    ) -> Result<ReportOutcome> {
        self.report_place_problem_within(place_id, kind, text, contact, address, &REPORT_LIMITS)
            .await
    }

    /// [`App::report_place_problem`] with other limits (tests).
    pub async fn report_place_problem_within(
        &self,
        place_id: Id,
        kind: &str,
        text: &str,
        contact: &str,
        address: &str,
        limits: &ReportLimits,
    ) -> Result<ReportOutcome> {
        self.store.get::<Place>(place_id).await?;
        let report = NewReport::parse(kind, text, contact).map_err(AppError::Invalid)?;
        let salt = self
            .store
            .setting_or_insert(SALT_SETTING, &crate::auth::random_token())
            .await?;
        let mut h = sha2::Sha256::new();
        for part in [salt.as_str(), "report", address] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let subject: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(
            match self
                .store
                .take_place_report(place_id, &report, &subject, self.now(), limits)
                .await?
            {
                Taken::Stored(id) => ReportOutcome::Taken(id),
                Taken::Wait(s) => ReportOutcome::Wait(s),
            },
        )
    }

    /// The open reports, by place (the place with the oldest report first).
    pub async fn open_place_reports(&self) -> Result<Vec<PlaceReports>> {
        let rows = self.store.place_reports(Some(ReportStatus::Open)).await?;
        let mut out: Vec<PlaceReports> = Vec::new();
        for r in rows {
            if let Some(group) = out.iter_mut().find(|g| g.place.id == r.place_id) {
                group.reports.push(r);
                continue;
            }
            let place = self.store.get::<Place>(r.place_id).await?;
            out.push(PlaceReports {
                place,
                reports: vec![r],
            });
        }
        Ok(out)
    }

    /// How many reports are open (for the console's link to the queue).
    pub async fn open_place_report_count(&self) -> Result<usize> {
        Ok(self.store.place_reports(Some(ReportStatus::Open)).await?.len())
    }

    /// Close an open report as resolved or dismissed with a note, as the
    /// account `by`; the visitor's contact is cleared. A report already
    /// closed, or none, is not found.
    pub async fn close_place_report(&self, id: Id, status: ReportStatus, note: &str, by: Option<Id>) -> Result<()> {
        if status == ReportStatus::Open {
            return Err(AppError::Invalid(vec![kizuna_domain::FieldError::new(
                "status",
                "unknown_value",
                "a report is closed as resolved or dismissed",
            )]));
        }
        let note = resolution_note(note).map_err(AppError::Invalid)?;
        if self.store.close_place_report(id, status, &note, by, self.now()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound {
                entity: "place_report",
                id: id.to_string(),
            })
        }
    }
}
