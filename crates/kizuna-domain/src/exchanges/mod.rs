//! Exchanges: delegations received, staff dispatched, symposiums hosted,
//! courtesy calls and awards received, and photos of any activity.

pub mod award;
pub mod courtesy_call;
pub mod delegation;
pub mod dispatch;
pub mod photo;
pub mod symposium;

use chrono::{DateTime, FixedOffset, Utc};

/// Japan's time (UTC+9 all year, no daylight saving): visits, sessions and
/// calls are given and checked in it.
pub fn in_japan(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    // Nine hours east is a valid offset.
    #[allow(clippy::unwrap_used)]
    t.with_timezone(&FixedOffset::east_opt(9 * 3600).unwrap())
}
