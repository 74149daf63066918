//! Areas in degrees and points on the unit sphere.
//!
//! The index keeps places as points on the unit sphere (x = cos φ cos λ,
//! y = cos φ sin λ, z = sin φ). The straight-line (chord) distance between
//! two such points grows strictly with their great-circle distance, so
//! nearest by chord is nearest on the Earth — across the antimeridian and
//! near the poles too — and a radius is a chord length.

use kizuna_domain::FieldError;
use kizuna_domain::map::place::EARTH_MEAN_RADIUS_M;
use rstar::AABB;

/// Half the Earth's circumference on the mean sphere: no two points are farther apart.
pub const MAX_RADIUS_M: f64 = std::f64::consts::PI * EARTH_MEAN_RADIUS_M;

/// A west, south, east, north box in degrees. `west > east` means the box
/// crosses the antimeridian (e.g. 170,-20,-170,20 spans 20° of longitude).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    /// Check ranges: longitudes −180..180, latitudes −90..90, south ≤ north.
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> Result<Self, Vec<FieldError>> {
        let ok_lon = |v: f64| v.is_finite() && v.abs() <= 180.0;
        let ok_lat = |v: f64| v.is_finite() && v.abs() <= 90.0;
        let bad = !(ok_lon(west) && ok_lon(east) && ok_lat(south) && ok_lat(north));
        if bad || south > north {
            return Err(vec![FieldError::new(
                "bbox",
                "invalid_bbox",
                format!(
                    "{west},{south},{east},{north} is not west,south,east,north in degrees (longitudes -180..180, latitudes -90..90, south not above north; west > east crosses the antimeridian)"
                ),
            )]);
        }
        Ok(BBox {
            west,
            south,
            east,
            north,
        })
    }

    /// Parse `west,south,east,north`.
    pub fn parse(raw: &str) -> Result<Self, Vec<FieldError>> {
        let parts: Vec<Option<f64>> = raw.split(',').map(|s| s.trim().parse::<f64>().ok()).collect();
        match parts.as_slice() {
            [Some(w), Some(s), Some(e), Some(n)] => Self::new(*w, *s, *e, *n),
            _ => Err(vec![FieldError::new(
                "bbox",
                "invalid_bbox",
                format!("\"{raw}\" is not four numbers west,south,east,north (e.g. 141.2,42.9,141.5,43.2)"),
            )]),
        }
    }

    pub(crate) fn crosses_antimeridian(&self) -> bool {
        self.west > self.east
    }

    /// Longitude span in degrees, 0..=360.
    pub(crate) fn lon_span(&self) -> f64 {
        if self.crosses_antimeridian() {
            self.east + 360.0 - self.west
        } else {
            self.east - self.west
        }
    }

    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        if lat < self.south || lat > self.north {
            return false;
        }
        if self.crosses_antimeridian() {
            lon >= self.west || lon <= self.east
        } else {
            lon >= self.west && lon <= self.east
        }
    }

    /// The box's centre (on the right side of the antimeridian).
    pub fn centre(&self) -> (f64, f64) {
        let mut lon = self.west + self.lon_span() / 2.0;
        if lon > 180.0 {
            lon -= 360.0;
        }
        ((self.south + self.north) / 2.0, lon)
    }

    /// A box in unit-sphere space that holds every point of this one.
    pub(crate) fn envelope(&self) -> AABB<[f64; 3]> {
        let (s, n) = (self.south.to_radians(), self.north.to_radians());
        let (z0, z1) = (s.sin(), n.sin());
        let c_max = if s <= 0.0 && n >= 0.0 {
            1.0
        } else {
            s.cos().max(n.cos())
        };
        let c_min = s.cos().min(n.cos());
        // Extremes of cos λ and sin λ over [west, west + span].
        let span = self.lon_span();
        let mut cos_r = (f64::MAX, f64::MIN);
        let mut sin_r = (f64::MAX, f64::MIN);
        let mut see = |deg: f64| {
            let r = deg.to_radians();
            cos_r = (cos_r.0.min(r.cos()), cos_r.1.max(r.cos()));
            sin_r = (sin_r.0.min(r.sin()), sin_r.1.max(r.sin()));
        };
        see(self.west);
        see(self.west + span);
        let mut k = (self.west / 90.0).ceil() * 90.0;
        while k <= self.west + span {
            see(k);
            k += 90.0;
        }
        let range = |a: (f64, f64)| {
            let p = [c_min * a.0, c_min * a.1, c_max * a.0, c_max * a.1];
            (
                p.iter().copied().fold(f64::MAX, f64::min),
                p.iter().copied().fold(f64::MIN, f64::max),
            )
        };
        let (x, y) = (range(cos_r), range(sin_r));
        let pad = 1e-9;
        AABB::from_corners([x.0 - pad, y.0 - pad, z0 - pad], [x.1 + pad, y.1 + pad, z1 + pad])
    }
}

pub(crate) fn unit(lat: f64, lon: f64) -> [f64; 3] {
    let (p, l) = (lat.to_radians(), lon.to_radians());
    [p.cos() * l.cos(), p.cos() * l.sin(), p.sin()]
}

/// Chord length on the unit sphere for a great-circle distance.
pub(crate) fn chord(metres: f64) -> f64 {
    if metres >= MAX_RADIUS_M {
        2.0
    } else {
        2.0 * (metres / (2.0 * EARTH_MEAN_RADIUS_M)).sin()
    }
}
