//! The demo's volunteer hours: the Friends From Thailand volunteer's days
//! in Akan (Kushiro), September to December 2022, most approved, two still
//! waiting for review. Idempotent: nothing is added to a placement that
//! already has entries. A volunteer account is not made here; an
//! administrator makes one with `kizuna user add --role volunteer --person ID`.

use chrono::NaiveDate;
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

fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::BadFile(format!("demo volunteer hours: {e}"))
}

pub(super) async fn load(app: &App) -> Result<()> {
    let placements = app
        .store
        .select::<Placement>(
            &[("scheme", Value::Text(Some(Scheme::Fft.as_str().to_owned())))],
            Page::ALL,
        )
        .await?;
    let Some(fft) = placements.into_iter().min_by_key(|p| p.fields.planned_starts_on) else {
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
