//! The one source of the time for application code: the system clock in
//! production, a hand-set clock in tests. Nothing in the application reads
//! the wall clock itself, so that "open now", session expiry, "today" in
//! Japan and every cache's freshness can be tested without sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// Where the application reads the time.
pub trait Clock: Send + Sync + 'static {
    /// The instant now.
    fn now(&self) -> DateTime<Utc>;
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The machine's clock set to another time: it runs from the instant it
/// was started at, as the machine's does (browser tests of "open now").
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock(Duration);

impl ShiftedClock {
    /// A clock reading `at` now, running on from there.
    pub fn starting_at(at: DateTime<Utc>) -> Self {
        ShiftedClock(at - Utc::now())
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.0
    }
}

/// A clock that stands still until it is moved: shared by clones, so a
/// test keeps one and the application reads the other.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    /// A clock reading `at`.
    pub fn at(at: DateTime<Utc>) -> Self {
        ManualClock(Arc::new(Mutex::new(at)))
    }

    /// A clock reading noon in Japan on `day`.
    pub fn on(day: NaiveDate) -> Self {
        Self::at(noon_in_japan(day))
    }

    /// Set the time.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.slot() = at;
    }

    /// Move the time on by `by` (backwards when negative).
    pub fn advance(&self, by: Duration) {
        let mut slot = self.slot();
        *slot += by;
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, DateTime<Utc>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.slot()
    }
}

/// Japan's offset from UTC (no daylight saving).
pub const JAPAN: Duration = Duration::hours(9);

/// The date in Japan at `at`, where the office's fiscal years are reckoned.
pub fn date_in_japan(at: DateTime<Utc>) -> NaiveDate {
    (at + JAPAN).date_naive()
}

/// Noon in Japan on `day`.
pub fn noon_in_japan(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).expect("noon exists").and_utc() - JAPAN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japan_turns_the_day_at_15_utc() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 31).expect("a date");
        let before = d.and_hms_opt(14, 59, 59).expect("a time").and_utc();
        assert_eq!(date_in_japan(before), d);
        assert_eq!(
            date_in_japan(before + Duration::seconds(1)),
            d.succ_opt().expect("a date")
        );
    }

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let clock = ManualClock::on(d);
        let seen_by_app = clock.clone();
        assert_eq!(date_in_japan(seen_by_app.now()), d);
        clock.advance(Duration::hours(12));
        assert_eq!(date_in_japan(seen_by_app.now()), d.succ_opt().expect("a date"));
        assert_eq!(seen_by_app.now(), noon_in_japan(d) + Duration::hours(12));
    }
}
