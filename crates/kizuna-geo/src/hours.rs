//! Opening hours: OpenStreetMap `opening_hours` expressions, evaluated with
//! the `opening-hours` crate in the places' time zone — Asia/Tokyo, as
//! every place the office maps is in Japan — with Japan's public holidays
//! (`PH`, from [`crate::holidays`]) and sunrise/sunset at the place's coordinates. Places without
//! opening hours are never "open now": nobody knows. An expression is parsed
//! once and shared, with its open state, by every place that has it, unless
//! it has sun events, which depend on the place's position.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use compact_calendar::CompactCalendar;
use kizuna_domain::FieldError;
use opening_hours::ContextHolidays;
use opening_hours::OpeningHours;
use opening_hours::localization::{Coordinates, TzLocation};
use serde::Serialize;

/// The time zone places' opening hours are read in.
pub const PLACE_TIME_ZONE: Tz = chrono_tz::Asia::Tokyo;

type Located = OpeningHours<TzLocation<Tz>>;

/// Parsed opening hours with the last open state worked out: open, closed
/// or not known from one instant until the next change (Unix seconds), so
/// that most searches need no evaluation.
pub(crate) struct Hours {
    located: Located,
    state: Mutex<Option<(i64, i64, Option<bool>)>>,
}

impl Hours {
    /// Open (`Some(true)`), closed (`Some(false)`) or, in a span the hours
    /// mark `unknown` ("call first") or written open-ended (`10:00+`, the
    /// closing time not known), not known (`None`) at `at`.
    pub(crate) fn open_at(&self, at: DateTime<Utc>) -> Option<bool> {
        let t = at.timestamp();
        let mut state = self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((from, until, open)) = *state
            && from <= t
            && t < until
        {
            return open;
        }
        // The interval that starts now runs until the next change of state.
        let (open, until) = match self.located.iter_from(at.with_timezone(&PLACE_TIME_ZONE)).next() {
            Some(iv) => (
                match iv.kind {
                    opening_hours::RuleKind::Open => Some(true),
                    opening_hours::RuleKind::Closed => Some(false),
                    opening_hours::RuleKind::Unknown => None,
                },
                iv.range.end.timestamp(),
            ),
            None => (Some(false), t + 60),
        };
        // Never trust an interval for more than a day (holidays, odd rules).
        *state = Some((t, until.min(t + 86_400).max(t + 1), open));
        open
    }
}

/// Opening hours parsed once per distinct expression and shared by every
/// place that has it, with its open state: most places' hours are one of a
/// few common expressions, so a search rarely parses or evaluates anything.
/// Expressions with sun events (sunrise, sunset, dawn, dusk) depend on the
/// place's position and are held by the place alone.
#[derive(Default)]
pub struct HoursBook(Mutex<HashMap<Box<str>, Option<Arc<Hours>>>>);

pub(crate) fn has_sun_event(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    ["sunrise", "sunset", "dawn", "dusk"].iter().any(|w| t.contains(w))
}

impl HoursBook {
    pub(crate) fn hours(&self, text: &str, lat: f64, lon: f64) -> Option<Arc<Hours>> {
        let parse = || {
            parse_hours(text, lat, lon).ok().map(|located| {
                Arc::new(Hours {
                    located,
                    state: Mutex::new(None),
                })
            })
        };
        if has_sun_event(text) {
            return parse();
        }
        let mut book = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(h) = book.get(text) {
            return h.clone();
        }
        let h = parse();
        book.insert(text.into(), h.clone());
        h
    }
}

/// Japan's public holidays ([`crate::holidays`], every year it computes) as
/// the calendar `PH` reads; no school holidays (`SH` never matches).
static JAPAN_HOLIDAYS: LazyLock<ContextHolidays> = LazyLock::new(|| {
    let mut public = CompactCalendar::default();
    for h in crate::holidays::holidays_between(crate::holidays::FIRST_YEAR, crate::holidays::LAST_YEAR) {
        public.insert(h.date);
    }
    ContextHolidays::new(Arc::new(public), Arc::new(CompactCalendar::default()))
});

/// The comment that marks a span written open-ended (`10:00+`): open from
/// its start, closing time not known. The `opening-hours` crate reads such a
/// span as open until midnight; [`open_ended_as_unknown`] rewrites it as
/// "unknown" with this comment, so that nobody is told a place is open at
/// 23:00 because it opened at 10:00.
pub const OPEN_END: &str = "kizuna: open end";

/// The expression with each open-ended span that runs to midnight (`10:00+`)
/// made an "unknown" span marked [`OPEN_END`]: in a rule of its own, added
/// to the rule it came from (`,`), when that rule has other spans. `None`
/// when there is no such span or the rewritten expression cannot be read.
fn open_ended_as_unknown(oh: &OpeningHours) -> Option<OpeningHours> {
    use opening_hours::RuleKind;
    use opening_hours_syntax::ExtendedTime;
    use opening_hours_syntax::rules::RuleOperator;
    use opening_hours_syntax::rules::time::Time;
    let expr = oh.get_expression();
    let to_midnight = |sp: &opening_hours_syntax::rules::time::TimeSpan| {
        sp.open_end && sp.range.end == Time::Fixed(ExtendedTime::MIDNIGHT_24)
    };
    let any = expr
        .rules
        .iter()
        .any(|r| r.kind == RuleKind::Open && r.time_selector.spans.iter().any(to_midnight));
    if !any {
        return None;
    }
    let mut rules = Vec::new();
    for rule in &expr.rules {
        let (open_ended, closed): (Vec<_>, Vec<_>) = rule
            .time_selector
            .spans
            .iter()
            .cloned()
            .partition(|sp| rule.kind == RuleKind::Open && to_midnight(sp));
        if open_ended.is_empty() {
            rules.push(rule.clone());
            continue;
        }
        let mut unknown = rule.clone();
        unknown.kind = RuleKind::Unknown;
        unknown.comment = OPEN_END.into();
        unknown.time_selector.spans = open_ended
            .into_iter()
            .map(|mut sp| {
                sp.open_end = false;
                sp
            })
            .collect();
        if !closed.is_empty() {
            let mut known = rule.clone();
            known.time_selector.spans = closed;
            rules.push(known);
            unknown.operator = RuleOperator::Additional;
        }
        rules.push(unknown);
    }
    let text = opening_hours_syntax::rules::OpeningHoursExpression { rules }.to_string();
    text.parse().ok()
}

/// Parse an `opening_hours` expression for evaluation at a position.
pub(crate) fn parse_hours(text: &str, lat: f64, lon: f64) -> Result<Located, String> {
    let mut oh: OpeningHours = text.parse().map_err(|e| format!("{e}"))?;
    if text.contains('+')
        && let Some(rewritten) = open_ended_as_unknown(&oh)
    {
        oh = rewritten;
    }
    let mut locale = TzLocation::new(PLACE_TIME_ZONE);
    if let Some(c) = Coordinates::new(lat, lon) {
        locale = locale.with_coords(c);
    }
    let ctx = opening_hours::Context::default()
        .with_holidays(JAPAN_HOLIDAYS.clone())
        .with_locale(locale);
    Ok(oh.with_context(ctx))
}

/// The error on the field `opening_hours` for an expression
/// [`check_opening_hours`] refused, with the reason's first line.
pub fn opening_hours_error(message: &str) -> FieldError {
    FieldError::new(
        "opening_hours",
        "invalid_opening_hours",
        format!(
            "not OpenStreetMap opening_hours syntax (e.g. \"Mo-Sa 11:00-21:00; Su off\"): {}",
            message.lines().next().unwrap_or(message).trim()
        ),
    )
}

/// Check an `opening_hours` expression's syntax.
pub fn check_opening_hours(text: &str) -> Result<(), String> {
    parse_hours(text, 43.0, 141.0).map(|_| ())
}

/// One day of a place's opening hours, as a visitor reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayHours {
    pub date: NaiveDate,
    /// Open, or "unknown" (e.g. `open "by appointment"`), from one time of
    /// the day to another ("HH:MM", the end "24:00" when it runs to midnight),
    /// or open from a time with the closing time not known (`10:00+`).
    pub spans: Vec<HoursSpan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoursSpan {
    pub from: String,
    pub until: String,
    /// True when the hours say "unknown" for this span rather than open.
    pub unknown: bool,
    /// The rule's comment, if it has one (e.g. "by appointment").
    pub comment: Option<String>,
    /// Written open-ended (`10:00+`): open from `from`, the closing time not
    /// known (`until` is then the end of the day, and `unknown` false).
    pub open_end: bool,
}

impl DayHours {
    /// Open the whole day.
    pub fn all_day(&self) -> bool {
        matches!(self.spans.as_slice(), [s] if s.from == "00:00" && s.until == "24:00" && !s.unknown)
    }
}

/// A place's opening hours day by day, `days` days from `from`, in the
/// place's time zone with Japan's public holidays; `None` if the
/// expression cannot be read.
pub fn hours_by_day(text: &str, lat: f64, lon: f64, from: NaiveDate, days: u32) -> Option<Vec<DayHours>> {
    use chrono::TimeZone;
    let located = parse_hours(text, lat, lon).ok()?;
    let midnight = |d: NaiveDate| {
        PLACE_TIME_ZONE
            .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
    };
    let mut out = Vec::new();
    for date in from.iter_days().take(days as usize) {
        let (start, end) = (midnight(date)?, midnight(date.succ_opt()?)?);
        let clock = |t: DateTime<Tz>| {
            if t >= end {
                "24:00".to_owned()
            } else {
                t.format("%H:%M").to_string()
            }
        };
        let spans = located
            .iter_range(start, end)
            .filter(|iv| iv.kind != opening_hours::RuleKind::Closed && iv.range.start < iv.range.end)
            .map(|iv| {
                let open_end = iv.kind == opening_hours::RuleKind::Unknown && &*iv.comment == OPEN_END;
                HoursSpan {
                    from: clock(iv.range.start),
                    until: clock(iv.range.end),
                    unknown: iv.kind == opening_hours::RuleKind::Unknown && !open_end,
                    comment: Some(iv.comment.trim().to_owned()).filter(|c| !c.is_empty() && !open_end),
                    open_end,
                }
            })
            .collect();
        out.push(DayHours { date, spans });
    }
    Some(out)
}
