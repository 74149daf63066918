//! The sun's position and the times it reaches given altitudes (Meeus).

use chrono::{Datelike, NaiveDate};

/// Sun's altitude at sunrise/sunset: refraction 34′ + semi-diameter 16′.
const HORIZON: f64 = -50.0 / 60.0;

/// Reduces an angle to [0, 360).
pub(super) fn unwind(deg: f64) -> f64 {
    deg - 360.0 * (deg / 360.0).floor()
}

/// Brings an angle into [-180, 180].
fn wrap_signed(deg: f64) -> f64 {
    if (-180.0..=180.0).contains(&deg) {
        deg
    } else {
        deg - 360.0 * (deg / 360.0 + 0.5).floor()
    }
}

fn sin_d(x: f64) -> f64 {
    x.to_radians().sin()
}

fn cos_d(x: f64) -> f64 {
    x.to_radians().cos()
}

/// Julian day of 0h UT on a Gregorian date (Meeus ch. 7).
fn julian_day(date: NaiveDate) -> f64 {
    let (mut y, mut m) = (f64::from(date.year()), f64::from(date.month()));
    if m <= 2.0 {
        y -= 1.0;
        m += 12.0;
    }
    let a = (y / 100.0).trunc();
    let b = 2.0 - a + (a / 4.0).trunc();
    (365.25 * (y + 4716.0)).trunc() + (30.6001 * (m + 1.0)).trunc() + f64::from(date.day()) + b - 1524.5
}

/// The sun's apparent equatorial position and the apparent sidereal time
/// at Greenwich, at a Julian day.
#[derive(Clone, Copy)]
struct Sun {
    declination: f64,
    right_ascension: f64,
    sidereal_time: f64,
}

impl Sun {
    fn at(jd: f64) -> Sun {
        let t = (jd - 2_451_545.0) / 36_525.0;
        let t2 = t * t;
        let t3 = t2 * t;
        // Geometric mean longitude and mean anomaly of the sun (ch. 25).
        let l0 = unwind(280.466_456_7 + 36_000.769_83 * t + 0.000_303_2 * t2);
        let anomaly = unwind(357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t2);
        let centre = (1.914_602 - 0.004_817 * t - 0.000_014 * t2) * sin_d(anomaly)
            + (0.019_993 - 0.000_101 * t) * sin_d(2.0 * anomaly)
            + 0.000_289 * sin_d(3.0 * anomaly);
        let omega_low = 125.04 - 1_934.136 * t;
        let apparent_longitude = unwind(l0 + centre - 0.005_69 - 0.004_78 * sin_d(omega_low));
        // Moon's mean longitude and ascending node, for nutation (ch. 22).
        let moon = unwind(218.316_5 + 481_267.881_3 * t);
        let node = unwind(125.044_52 - 1_934.136_261 * t + 0.002_070_8 * t2 + t3 / 450_000.0);
        let nutation_longitude = (-17.2 * sin_d(node) - 1.32 * sin_d(2.0 * l0) - 0.23 * sin_d(2.0 * moon)
            + 0.21 * sin_d(2.0 * node))
            / 3600.0;
        let nutation_obliquity =
            (9.2 * cos_d(node) + 0.57 * cos_d(2.0 * l0) + 0.10 * cos_d(2.0 * moon) - 0.09 * cos_d(2.0 * node)) / 3600.0;
        // Obliquity of the ecliptic (ch. 22), corrected for the apparent
        // position (ch. 25).
        let mean_obliquity = 23.439_291 - 0.013_004_167 * t - 0.000_000_163_9 * t2 + 0.000_000_503_6 * t3;
        let obliquity = mean_obliquity + 0.002_56 * cos_d(omega_low);
        let (sin_lambda, cos_lambda) = apparent_longitude.to_radians().sin_cos();
        let (sin_eps, cos_eps) = obliquity.to_radians().sin_cos();
        let declination = (sin_eps * sin_lambda).asin().to_degrees();
        let right_ascension = unwind((cos_eps * sin_lambda).atan2(cos_lambda).to_degrees());
        // Mean sidereal time at Greenwich (ch. 12) plus the equation of
        // the equinoxes.
        let mean_sidereal =
            unwind(280.460_618_37 + 360.985_647_366_29 * (jd - 2_451_545.0) + 0.000_387_933 * t2 - t3 / 38_710_000.0);
        let sidereal_time = mean_sidereal + nutation_longitude * cos_d(mean_obliquity + nutation_obliquity);
        Sun {
            declination,
            right_ascension,
            sidereal_time,
        }
    }
}

/// Three-point interpolation (Meeus ch. 3) at `n` ∈ [-1, 1] days from
/// the middle value.
fn interpolate(mid: f64, prev: f64, next: f64, n: f64) -> f64 {
    let a = mid - prev;
    let b = next - mid;
    mid + n / 2.0 * (a + b + n * (b - a))
}

/// As [`interpolate`], for angles that may wrap past 360°.
fn interpolate_angle(mid: f64, prev: f64, next: f64, n: f64) -> f64 {
    let a = unwind(mid - prev);
    let b = unwind(next - mid);
    mid + n / 2.0 * (a + b + n * (b - a))
}

/// The sun over one UT day at one place (Meeus ch. 15). Times are hours
/// after 0h UT of the day and may be negative or exceed 24; NaN means the
/// sun never reaches the asked altitude that day.
pub(super) struct SolarDay {
    lat: f64,
    lon: f64,
    sun: Sun,
    prev: Sun,
    next: Sun,
    approx_transit: f64,
}

impl SolarDay {
    pub(super) fn new(date: NaiveDate, lat: f64, lon: f64) -> SolarDay {
        let jd = julian_day(date);
        let sun = Sun::at(jd);
        let prev = Sun::at(jd - 1.0);
        let next = Sun::at(jd + 1.0);
        // Fraction of the UT day at which the sun transits (m0).
        let m0 = (sun.right_ascension - lon - sun.sidereal_time) / 360.0;
        let mut m0 = m0 - m0.floor();
        // Keep the transit within half a day of local mean noon, so that
        // near the ±180° meridian the solar day stays the one of `date`.
        let mean_noon = 0.5 - lon / 360.0;
        if m0 - mean_noon > 0.5 {
            m0 -= 1.0;
        } else if mean_noon - m0 > 0.5 {
            m0 += 1.0;
        }
        SolarDay {
            lat,
            lon,
            sun,
            prev,
            next,
            approx_transit: m0,
        }
    }

    /// Local hour angle (degrees) of the sun at day fraction `m`, with the
    /// interpolated declination there.
    fn hour_angle_at(&self, m: f64) -> (f64, f64) {
        let theta = unwind(self.sun.sidereal_time + 360.985_647 * m);
        let alpha = unwind(interpolate_angle(
            self.sun.right_ascension,
            self.prev.right_ascension,
            self.next.right_ascension,
            m,
        ));
        let delta = interpolate(self.sun.declination, self.prev.declination, self.next.declination, m);
        (theta + self.lon - alpha, delta)
    }

    /// Hours of the sun's transit (Dhuhr).
    pub(super) fn transit(&self) -> f64 {
        let m0 = self.approx_transit;
        let (h, _) = self.hour_angle_at(m0);
        (m0 - wrap_signed(h) / 360.0) * 24.0
    }

    pub(super) fn sunrise(&self) -> f64 {
        self.hour_angle(HORIZON, false)
    }

    pub(super) fn sunset(&self) -> f64 {
        self.hour_angle(HORIZON, true)
    }

    /// Hours at which the sun's centre is at `altitude` degrees, before
    /// (`after_transit == false`) or after the transit.
    pub(super) fn hour_angle(&self, altitude: f64, after_transit: bool) -> f64 {
        let (lat, dec) = (self.lat, self.sun.declination);
        let cos_h0 = (sin_d(altitude) - sin_d(lat) * sin_d(dec)) / (cos_d(lat) * cos_d(dec));
        if !(-1.0..=1.0).contains(&cos_h0) {
            return f64::NAN;
        }
        let h0 = cos_h0.acos().to_degrees();
        let m = if after_transit {
            self.approx_transit + h0 / 360.0
        } else {
            self.approx_transit - h0 / 360.0
        };
        let (h, delta) = self.hour_angle_at(m);
        let reached = (sin_d(lat) * sin_d(delta) + cos_d(lat) * cos_d(delta) * cos_d(h))
            .asin()
            .to_degrees();
        let correction = (reached - altitude) / (360.0 * cos_d(delta) * cos_d(lat) * sin_d(h));
        (m + correction) * 24.0
    }

    /// Hours of Asr: when the shadow of an object is `shadow_length`
    /// times its height plus its noon shadow.
    pub(super) fn afternoon(&self, shadow_length: f64) -> f64 {
        let noon_zenith = (self.lat - self.sun.declination).abs();
        let altitude = (1.0 / (shadow_length + noon_zenith.to_radians().tan()))
            .atan()
            .to_degrees();
        self.hour_angle(altitude, true)
    }
}
