//! Opening hours as a reader reads them: the week from Monday to Sunday in
//! the booklet's language, days with the same hours together ("Mon–Fri
//! 11:00–21:00; Sat, Sun closed"), read from the OpenStreetMap expression
//! by kizuna-geo for a week with no public holiday, so the days read as
//! usual. Hours that cannot be read are printed as written.

use chrono::Datelike;
use kizuna_geo::holidays::holiday_on;
use kizuna_geo::hours::{DayHours, hours_by_day};

use super::*;

const DAYS: [K; 7] = [K::DayMo, K::DayTu, K::DayWe, K::DayTh, K::DayFr, K::DaySa, K::DaySu];

/// The hours of `text` for a place at (`lat`, `lon`) as readable text in
/// `lang`; `None` when the expression cannot be read.
pub(crate) fn readable_hours(text: &str, lat: f64, lon: f64, today: NaiveDate, lang: Lang) -> Option<String> {
    let start = today
        .iter_days()
        .take(366)
        .find(|d| d.iter_days().take(7).all(|x| holiday_on(x).is_none()))?;
    let mut week: Vec<(usize, String)> = hours_by_day(text, lat, lon, start, 7)?
        .iter()
        .map(|d| (d.date.weekday().num_days_from_monday() as usize, day_text(d, lang)))
        .collect();
    week.sort_by_key(|(i, _)| *i);
    if week.iter().all(|(_, h)| *h == week[0].1) {
        return Some(format!("{} {}", K::EveryDay.get(lang), week[0].1));
    }
    // Runs of consecutive days with the same hours.
    let mut runs: Vec<(usize, usize, &str)> = Vec::new();
    for (i, h) in &week {
        match runs.last_mut() {
            Some((_, end, last)) if *last == h.as_str() && *end + 1 == *i => *end = *i,
            _ => runs.push((*i, *i, h)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b, h)| {
            let days = match b - a {
                0 => DAYS[a].get(lang).to_owned(),
                1 => format!(
                    "{}{}{}",
                    DAYS[a].get(lang),
                    K::ListSeparator.get(lang),
                    DAYS[b].get(lang)
                ),
                _ => format!("{}–{}", DAYS[a].get(lang), DAYS[b].get(lang)),
            };
            format!("{days} {h}")
        })
        .collect();
    Some(parts.join("; "))
}

fn day_text(d: &DayHours, lang: Lang) -> String {
    if d.spans.is_empty() {
        return K::HoursClosed.get(lang).to_owned();
    }
    if d.all_day() {
        return K::HoursAllDay.get(lang).to_owned();
    }
    let spans: Vec<String> = d
        .spans
        .iter()
        .map(|s| {
            if s.open_end {
                K::HoursFrom.with(lang, &[("time", &s.from)])
            } else if s.unknown {
                format!("{}–{} ({})", s.from, s.until, K::HoursAsk.get(lang))
            } else {
                format!("{}–{}", s.from, s.until)
            }
        })
        .collect();
    spans.join(K::ListSeparator.get(lang))
}
