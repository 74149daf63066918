//! The Muslim-friendly map's calculations for people: prayer times in a
//! place's time zone, and the qibla.

use std::str::FromStr;

use chrono::NaiveDate;
use chrono_tz::Tz;
use kizuna_domain::FieldError;
use kizuna_geo::prayer::{self, HighLatitudeRule, Madhab, Method, Params};
use serde::Serialize;

use crate::{AppError, Result};

/// What a prayer-time request names, as people type it.
#[derive(Debug, Clone, Default)]
pub struct PrayerRequest {
    pub lat: String,
    pub lon: String,
    pub date: String,
    /// IANA time zone; Asia/Tokyo when empty.
    pub tz: String,
    /// MuslimWorldLeague when empty.
    pub method: String,
    pub madhab: String,
    pub high_latitude_rule: String,
}

/// One day's prayer times as RFC 3339 timestamps with the zone's offset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LocalPrayerTimes {
    pub date: NaiveDate,
    pub timezone: String,
    pub method: String,
    pub madhab: String,
    pub high_latitude_rule: String,
    pub fajr: String,
    pub sunrise: String,
    pub dhuhr: String,
    pub asr: String,
    pub maghrib: String,
    pub isha: String,
    /// Initial great-circle bearing to the Kaaba, degrees clockwise from true north.
    pub qibla_deg: f64,
}

fn coordinate(field: &str, raw: &str, limit: f64, errors: &mut Vec<FieldError>) -> f64 {
    match raw.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => v,
        _ => {
            errors.push(FieldError::new(
                field,
                "out_of_range",
                format!("\"{raw}\" is not a number from -{limit} to {limit}"),
            ));
            0.0
        }
    }
}

/// Latitude and longitude in WGS 84 degrees, checked.
pub fn parse_position(lat: &str, lon: &str) -> Result<(f64, f64)> {
    let mut errors = Vec::new();
    let la = coordinate("lat", lat, 90.0, &mut errors);
    let lo = coordinate("lon", lon, 180.0, &mut errors);
    if errors.is_empty() {
        Ok((la, lo))
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The qibla from a position.
pub fn qibla(lat: &str, lon: &str) -> Result<f64> {
    let (la, lo) = parse_position(lat, lon)?;
    Ok(prayer::qibla(la, lo))
}

/// A day's prayer times at a position, in a time zone.
pub fn prayer_times(r: &PrayerRequest) -> Result<LocalPrayerTimes> {
    let mut errors = Vec::new();
    let (lat, lon) = match parse_position(&r.lat, &r.lon) {
        Ok(p) => p,
        Err(AppError::Invalid(e)) => {
            errors.extend(e);
            (0.0, 0.0)
        }
        Err(e) => return Err(e),
    };
    let date = NaiveDate::parse_from_str(r.date.trim(), "%Y-%m-%d")
        .map_err(|_| {
            errors.push(FieldError::new(
                "date",
                "invalid_date",
                format!("\"{}\" is not a date; write YYYY-MM-DD", r.date),
            ));
        })
        .ok();
    let tz_name = if r.tz.trim().is_empty() {
        "Asia/Tokyo"
    } else {
        r.tz.trim()
    };
    let tz = Tz::from_str(tz_name)
        .map_err(|_| {
            errors.push(FieldError::new(
                "tz",
                "unknown_time_zone",
                format!("\"{tz_name}\" is not an IANA time zone such as Asia/Tokyo"),
            ));
        })
        .ok();
    let method = if r.method.trim().is_empty() {
        Ok(Method::MuslimWorldLeague)
    } else {
        Method::from_str(&r.method)
    };
    let method = method
        .map_err(|e| errors.push(FieldError::new("method", "unknown_value", e.to_string())))
        .ok();
    let madhab = if r.madhab.trim().is_empty() {
        Ok(Madhab::Shafi)
    } else {
        Madhab::from_str(&r.madhab)
    };
    let madhab = madhab
        .map_err(|e| errors.push(FieldError::new("madhab", "unknown_value", e.to_string())))
        .ok();
    let rule = if r.high_latitude_rule.trim().is_empty() {
        Ok(None)
    } else {
        HighLatitudeRule::from_str(&r.high_latitude_rule).map(Some)
    };
    let rule = rule
        .map_err(|e| errors.push(FieldError::new("high_latitude_rule", "unknown_value", e.to_string())))
        .ok();
    let (Some(date), Some(tz), Some(method), Some(madhab), Some(rule), true) =
        (date, tz, method, madhab, rule, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let mut params = Params::new(method).with_madhab(madhab);
    if let Some(rule) = rule {
        params = params.with_high_latitude_rule(rule);
    }
    let t = prayer::prayer_times(lat, lon, date, &params)
        .map_err(|e| AppError::Invalid(vec![FieldError::new("lat", "no_times", e.to_string())]))?;
    let local = |d: chrono::DateTime<chrono::Utc>| d.with_timezone(&tz).to_rfc3339();
    Ok(LocalPrayerTimes {
        date,
        timezone: tz_name.to_owned(),
        method: method.to_string(),
        madhab: madhab.to_string(),
        high_latitude_rule: rule.unwrap_or_else(|| HighLatitudeRule::recommended(lat)).to_string(),
        fajr: local(t.fajr),
        sunrise: local(t.sunrise),
        dhuhr: local(t.dhuhr),
        asr: local(t.asr),
        maghrib: local(t.maghrib),
        isha: local(t.isha),
        qibla_deg: prayer::qibla(lat, lon),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sapporo_in_midsummer_in_tokyo_time() {
        let r = PrayerRequest {
            lat: "43.0621".into(),
            lon: "141.3544".into(),
            date: "2026-06-21".into(),
            tz: "Asia/Tokyo".into(),
            method: "muslimworldleague".into(),
            high_latitude_rule: "MiddleOfTheNight".into(),
            ..Default::default()
        };
        let t = prayer_times(&r).unwrap();
        assert!(t.fajr.starts_with("2026-06-21T01:36:00+09:00"), "{}", t.fajr);
        assert!(t.isha.starts_with("2026-06-21T21:26:00+09:00"), "{}", t.isha);
        assert!((t.qibla_deg - 293.356).abs() < 0.001, "{}", t.qibla_deg);
    }

    #[test]
    fn every_bad_field_is_named() {
        let r = PrayerRequest {
            lat: "91".into(),
            lon: "x".into(),
            date: "2026-13-01".into(),
            tz: "Mars/Olympus".into(),
            method: "Sunny".into(),
            madhab: "Maliki".into(),
            high_latitude_rule: "Nope".into(),
        };
        let AppError::Invalid(errors) = prayer_times(&r).unwrap_err() else {
            panic!()
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["lat", "lon", "date", "tz", "method", "madhab", "high_latitude_rule"]
        );
    }
}
