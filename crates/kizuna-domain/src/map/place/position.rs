//! Position and distance: a WGS 84 position held to 1e-7 degree, and
//! great-circle distances on the mean sphere.

use crate::common::error::{Errors, FieldError, Invalid};

use super::EARTH_MEAN_RADIUS_M;

/// A WGS 84 position, held to 1e-7 degree (about 1 cm, OpenStreetMap's
/// precision) so that it is stored and exchanged without drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LatLon {
    lat_e7: i32,
    lon_e7: i32,
}

impl LatLon {
    /// Latitude −90..90 and longitude −180..180 degrees.
    pub fn new(lat: f64, lon: f64) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::default();
        let la = e.take("lat", Self::coordinate(lat, 90.0));
        let lo = e.take("lon", Self::coordinate(lon, 180.0));
        e.finish(|| LatLon {
            lat_e7: la.unwrap_or(0),
            lon_e7: lo.unwrap_or(0),
        })
    }

    fn coordinate(v: f64, limit: f64) -> Result<i32, Invalid> {
        if !v.is_finite() || v.abs() > limit {
            return Err(Invalid::new(
                "out_of_range",
                format!("{v} is not a number from -{limit} to {limit} degrees"),
            ));
        }
        // In range, so the cast cannot overflow (|v| ≤ 1.8e9 < 2^31).
        #[allow(clippy::cast_possible_truncation)]
        Ok((v * 1e7).round() as i32)
    }

    /// From fixed-point 1e-7 degrees, as stored.
    pub fn from_e7(lat_e7: i64, lon_e7: i64) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors::default();
        let la = e.take(
            "lat",
            i32::try_from(lat_e7)
                .ok()
                .filter(|v| v.abs() <= 900_000_000)
                .ok_or_else(|| Invalid::new("out_of_range", format!("{lat_e7} is outside -90..90 degrees"))),
        );
        let lo = e.take(
            "lon",
            i32::try_from(lon_e7)
                .ok()
                .filter(|v| v.abs() <= 1_800_000_000)
                .ok_or_else(|| Invalid::new("out_of_range", format!("{lon_e7} is outside -180..180 degrees"))),
        );
        e.finish(|| LatLon {
            lat_e7: la.unwrap_or(0),
            lon_e7: lo.unwrap_or(0),
        })
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e7) / 1e7
    }
    pub fn lon(self) -> f64 {
        f64::from(self.lon_e7) / 1e7
    }
    pub fn lat_e7(self) -> i64 {
        i64::from(self.lat_e7)
    }
    pub fn lon_e7(self) -> i64 {
        i64::from(self.lon_e7)
    }

    /// Great-circle distance in metres (see [`haversine_m`]).
    pub fn distance_m(self, other: LatLon) -> f64 {
        haversine_m(self.lat(), self.lon(), other.lat(), other.lon())
    }
}

/// Great-circle distance in metres between two positions given in degrees,
/// by the haversine formula on a sphere of radius [`EARTH_MEAN_RADIUS_M`]
/// (spherical Earth; see the module documentation for the error bound).
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_MEAN_RADIUS_M * h.sqrt().min(1.0).asin()
}
