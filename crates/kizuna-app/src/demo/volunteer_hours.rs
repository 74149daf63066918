//! The demo's volunteer hours: the Friends From Thailand volunteer's days
//! in Akan (Kushiro), September to December 2022, most approved, two still
//! waiting for review. Idempotent: nothing is added to a placement that
//! already has entries. Her sign-in, [`DEMO_VOLUNTEER`], is made beside
//! the demo's administrator ([`App::ensure_demo_volunteer`]), its password
//! shown once.

use chrono::NaiveDate;
use kizuna_domain::common::account::Role;
use kizuna_domain::common::{LocalText, Text};
use kizuna_domain::volunteers::hours::{EntrySource, EntryStatus, Hours, VolunteerEntry, VolunteerEntryInput};
use kizuna_domain::volunteers::placement::{Placement, Scheme};
use kizuna_store::{Page, Value};

use crate::{App, AppError, Result};

/// (day, hours, activity, report in Thai, approved)
const DAYS: &[(&str, &str, &str, Option<&str>, bool)] = &[
    ("2022-09-12", "6", "Tourist information desk, Akan lake", None, true),
    (
        "2022-09-20",
        "4.5",
        "Guided walk for visitors from Thailand",
        Some("นำนักท่องเที่ยวชาวไทยเดินชมทะเลสาบอากัง"),
        true,
    ),
    (
        "2022-10-05",
        "7",
        "Thai-language leaflets for the visitor centre",
        None,
        true,
    ),
    (
        "2022-10-18",
        "3.5",
        "School visit: Thai culture class",
        Some("สอนวัฒนธรรมไทยให้นักเรียนประถม"),
        true,
    ),
    ("2022-11-09", "5", "Travel fair booth preparation", None, true),
    ("2022-11-28", "2.5", "Social media posts in Thai", None, false),
    (
        "2022-12-06",
        "6",
        "Closing report to the city",
        Some("สรุปผลการปฏิบัติงานให้เทศบาล"),
        false,
    ),
];

/// The demo volunteer's sign-in: the Friends From Thailand volunteer of
/// Akan, 2022 (a fictional person, as every one in the demo).
pub const DEMO_VOLUNTEER: &str = "fft.volunteer@kizuna.example";

/// The demo's first FFT placement (Akan, autumn 2022), if loaded.
async fn first_fft(app: &App) -> Result<Option<Placement>> {
    let placements = app
        .store
        .select::<Placement>(
            &[("scheme", Value::Text(Some(Scheme::Fft.as_str().to_owned())))],
            Page::ALL,
        )
        .await?;
    Ok(placements.into_iter().min_by_key(|p| p.fields.planned_starts_on))
}

impl App {
    /// Make sure the loaded demo has a volunteer account, linked to its
    /// FFT volunteer; returns its e-mail and new password the first time
    /// only (nothing before the demo is loaded).
    pub async fn ensure_demo_volunteer(&self) -> Result<Option<(String, String)>> {
        if self.store.user_by_email(DEMO_VOLUNTEER).await?.is_some() {
            return Ok(None);
        }
        let Some(fft) = first_fft(self).await? else {
            return Ok(None);
        };
        let (_, password) = self
            .add_account(DEMO_VOLUNTEER, Role::Volunteer, None, Some(fft.fields.person_id), None)
            .await?;
        Ok(password.map(|p| (DEMO_VOLUNTEER.to_owned(), p)))
    }
}

fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::BadFile(format!("demo volunteer hours: {e}"))
}

pub(super) async fn load(app: &App) -> Result<()> {
    let Some(fft) = first_fft(app).await? else {
        return Ok(());
    };
    let existing = app
        .store
        .count::<VolunteerEntry>(&[("placement_id", Value::Int(Some(fft.id)))])
        .await?;
    if existing > 0 {
        return Ok(());
    }
    for (day, hours, activity, report, approved) in DAYS {
        let worked_on = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(bad)?;
        let input = VolunteerEntryInput {
            placement_id: fft.id,
            worked_on,
            hours: Hours::parse(hours).map_err(bad)?,
            activity: Text::parse(activity).map_err(bad)?,
            report: report
                .map(|r| LocalText::parse(None, None, Some(r), None))
                .transpose()
                .map_err(bad)?,
            source: EntrySource::SelfLogged,
            status: if *approved {
                EntryStatus::Approved
            } else {
                EntryStatus::Pending
            },
            logged_by: None,
            reviewed_by: None,
            reviewed_at: approved.then(|| crate::audit::start_of_day_in_japan(worked_on + chrono::Days::new(3))),
            review_note: None,
        };
        app.store.insert::<VolunteerEntry>(app.office_id(), &input).await?;
    }
    Ok(())
}
