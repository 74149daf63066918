//! The area maps: land from world-atlas, numbered dots by assurance level.

use super::*;

/// A longitude/latitude box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GeoBox {
    pub(crate) west: f64,
    pub(crate) south: f64,
    pub(crate) east: f64,
    pub(crate) north: f64,
}

impl GeoBox {
    pub(crate) fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<GeoBox> {
        let mut b: Option<GeoBox> = None;
        for (lon, lat) in points {
            b = Some(match b {
                None => GeoBox {
                    west: lon,
                    south: lat,
                    east: lon,
                    north: lat,
                },
                Some(b) => GeoBox {
                    west: b.west.min(lon),
                    south: b.south.min(lat),
                    east: b.east.max(lon),
                    north: b.north.max(lat),
                },
            });
        }
        b
    }

    /// Padded by `frac` of its size on each side, and at least `min_lat` degrees tall.
    pub(crate) fn padded(self, frac: f64, min_lat: f64) -> GeoBox {
        let kx = self.kx();
        let h = (self.north - self.south)
            .max((self.east - self.west) * kx)
            .max(min_lat / (1.0 + 2.0 * frac));
        let pad = h * frac;
        let (cx, cy) = ((self.west + self.east) / 2.0, (self.south + self.north) / 2.0);
        let half_h = ((self.north - self.south) / 2.0).max(min_lat / 2.0 / (1.0 + 2.0 * frac)) + pad;
        let half_w = ((self.east - self.west) / 2.0).max(min_lat / 2.0 / (1.0 + 2.0 * frac) / kx) + pad / kx;
        GeoBox {
            west: cx - half_w,
            south: (cy - half_h).max(-89.0),
            east: cx + half_w,
            north: (cy + half_h).min(89.0),
        }
    }

    /// How much a degree of longitude is worth against one of latitude here.
    pub(crate) fn kx(&self) -> f64 {
        ((self.south + self.north) / 2.0).to_radians().cos().max(0.05)
    }

    pub(crate) fn intersects(&self, o: &GeoBox) -> bool {
        self.west <= o.east && o.west <= self.east && self.south <= o.north && o.south <= self.north
    }
}

/// Land shapes for the booklet's maps: rings of longitude/latitude pairs.
pub struct Land {
    pub(crate) rings: Vec<(GeoBox, topojson::Ring)>,
}

impl Land {
    /// The `land` object of a world-atlas TopoJSON file (`land-10m.json`,
    /// `land-50m.json`, …).
    pub fn from_topojson(json: &[u8]) -> Result<Land, String> {
        let polys = topojson::polygons(json, "land")?;
        let rings = polys
            .into_iter()
            .flatten()
            .filter(|r| r.len() >= 3)
            .filter_map(|r| GeoBox::around(r.iter().map(|p| (p[0], p[1]))).map(|b| (b, r)))
            .collect();
        Ok(Land { rings })
    }

    /// Whether a point is on land (inside an odd number of rings).
    pub fn covers(&self, lon: f64, lat: f64) -> bool {
        let mut inside = false;
        for (b, ring) in &self.rings {
            if lon < b.west || lon > b.east || lat < b.south || lat > b.north {
                continue;
            }
            let mut j = ring.len() - 1;
            for i in 0..ring.len() {
                let ([xi, yi], [xj, yj]) = (ring[i], ring[j]);
                if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }

    /// How many rings there are.
    pub fn len(&self) -> usize {
        self.rings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rings.is_empty()
    }
}

/// Clip a ring to a box (Sutherland–Hodgman, one edge of the box at a time).
pub(crate) fn clip_ring(ring: &[[f64; 2]], b: &GeoBox) -> Vec<[f64; 2]> {
    let edges: [(usize, f64, bool); 4] = [
        (0, b.west, true),
        (0, b.east, false),
        (1, b.south, true),
        (1, b.north, false),
    ];
    let mut pts: Vec<[f64; 2]> = ring.to_vec();
    for (axis, v, keep_above) in edges {
        if pts.is_empty() {
            break;
        }
        let inside = |p: &[f64; 2]| if keep_above { p[axis] >= v } else { p[axis] <= v };
        let mut out = Vec::with_capacity(pts.len());
        for i in 0..pts.len() {
            let cur = pts[i];
            let prev = pts[(i + pts.len() - 1) % pts.len()];
            let (ci, pi) = (inside(&cur), inside(&prev));
            if ci != pi {
                let t = (v - prev[axis]) / (cur[axis] - prev[axis]);
                let mut p = [prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])];
                p[axis] = v;
                out.push(p);
            }
            if ci {
                out.push(cur);
            }
        }
        pts = out;
    }
    pts
}

/// A map frame on the page: a box of the Earth fitted into a rectangle.
pub(crate) struct Frame {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) w: f32,
    pub(crate) h: f32,
    pub(crate) geo: GeoBox,
    pub(crate) kx: f64,
    pub(crate) scale: f64,
}

impl Frame {
    /// Fit `geo` into the rectangle, widening it to the rectangle's shape.
    pub(crate) fn new(x: f32, y: f32, w: f32, h: f32, geo: GeoBox) -> Frame {
        let kx = geo.kx();
        let (cx, cy) = ((geo.west + geo.east) / 2.0, (geo.south + geo.north) / 2.0);
        let mut gw = (geo.east - geo.west) * kx;
        let mut gh = geo.north - geo.south;
        let ratio = f64::from(w) / f64::from(h);
        if gw / gh < ratio {
            gw = gh * ratio;
        } else {
            gh = gw / ratio;
        }
        let geo = GeoBox {
            west: cx - gw / kx / 2.0,
            east: cx + gw / kx / 2.0,
            south: cy - gh / 2.0,
            north: cy + gh / 2.0,
        };
        Frame {
            x,
            y,
            w,
            h,
            geo,
            kx,
            scale: f64::from(w) / gw,
        }
    }

    #[allow(clippy::cast_possible_truncation)]
    pub(crate) fn project(&self, lon: f64, lat: f64) -> (f32, f32) {
        (
            self.x + ((lon - self.geo.west) * self.kx * self.scale) as f32,
            self.y + ((lat - self.geo.south) * self.scale) as f32,
        )
    }

    /// Sea, land, and a border.
    pub(crate) fn draw_base(&self, c: &mut Content, land: Option<&Land>, sea: Rgb, ground: Rgb) {
        c.save_state();
        c.rect(self.x, self.y, self.w, self.h);
        c.clip_nonzero();
        c.end_path();
        c.set_fill_rgb(sea[0], sea[1], sea[2]);
        c.rect(self.x, self.y, self.w, self.h);
        c.fill_nonzero();
        if let Some(land) = land {
            // A little beyond the frame, so clipped edges fall outside it.
            let pad = (self.geo.north - self.geo.south) * 0.02;
            let outer = GeoBox {
                west: self.geo.west - pad,
                south: self.geo.south - pad,
                east: self.geo.east + pad,
                north: self.geo.north + pad,
            };
            let mut any = false;
            for (b, ring) in &land.rings {
                if !b.intersects(&outer) {
                    continue;
                }
                let clipped = clip_ring(ring, &outer);
                if clipped.len() < 3 {
                    continue;
                }
                for (i, p) in clipped.iter().enumerate() {
                    let (x, y) = self.project(p[0], p[1]);
                    if i == 0 {
                        c.move_to(x, y);
                    } else {
                        c.line_to(x, y);
                    }
                }
                c.close_path();
                any = true;
            }
            if any {
                c.set_fill_rgb(ground[0], ground[1], ground[2]);
                c.set_stroke_rgb(0.55, 0.6, 0.55);
                c.set_line_width(0.4);
                c.fill_even_odd_and_stroke();
            }
        }
        c.restore_state();
        c.set_stroke_rgb(0.45, 0.5, 0.55);
        c.set_line_width(0.6);
        c.rect(self.x, self.y, self.w, self.h);
        c.stroke();
    }

    /// Metres across one point of the frame (at its centre).
    pub(crate) fn metres_per_point(&self) -> f64 {
        // One degree of latitude on the mean sphere.
        const M_PER_DEG: f64 = 111_195.08;
        M_PER_DEG / self.scale
    }
}

pub(crate) fn circle(c: &mut Content, x: f32, y: f32, r: f32) {
    pub(crate) const K: f32 = 0.552_284_8;
    let k = r * K;
    c.move_to(x + r, y);
    c.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    c.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    c.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    c.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    c.close_path();
}

/// The colour standing for an assurance level (lapsed certificates in red).
pub(crate) fn level_colour(level: Level) -> Rgb {
    match level {
        Level::Certified => [0.05, 0.48, 0.25],
        Level::SelfDeclared => [0.13, 0.36, 0.70],
        Level::PorkFree => [0.78, 0.42, 0.02],
        Level::Vegetarian => [0.46, 0.28, 0.62],
        Level::Unknown => [0.45, 0.45, 0.47],
        Level::Lapsed => RED,
    }
}

/// An assurance level as the booklet shows it: a certificate that is not
/// valid today is its own level, never "certified".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Certified,
    SelfDeclared,
    PorkFree,
    Vegetarian,
    Unknown,
    Lapsed,
}

impl Level {
    pub(crate) const ALL: [Level; 6] = [
        Level::Certified,
        Level::SelfDeclared,
        Level::PorkFree,
        Level::Vegetarian,
        Level::Unknown,
        Level::Lapsed,
    ];

    pub(crate) fn of(p: &Place, today: NaiveDate) -> Level {
        match p.fields.halal.level() {
            Assurance::Certified if p.fields.certified_on(today) => Level::Certified,
            Assurance::Certified => Level::Lapsed,
            Assurance::SelfDeclared => Level::SelfDeclared,
            Assurance::PorkFree => Level::PorkFree,
            Assurance::VegetarianOptions => Level::Vegetarian,
            Assurance::Unknown => Level::Unknown,
        }
    }

    pub(crate) fn name(self) -> K {
        match self {
            Level::Certified => K::LevelCertified,
            Level::SelfDeclared => K::LevelSelfDeclared,
            Level::PorkFree => K::LevelPorkFree,
            Level::Vegetarian => K::LevelVegetarian,
            Level::Unknown => K::LevelUnknown,
            Level::Lapsed => K::LevelLapsed,
        }
    }

    pub(crate) fn note(self) -> K {
        match self {
            Level::Certified => K::NoteCertified,
            Level::SelfDeclared => K::NoteSelfDeclared,
            Level::PorkFree => K::NotePorkFree,
            Level::Vegetarian => K::NoteVegetarian,
            Level::Unknown => K::NoteUnknown,
            Level::Lapsed => K::NoteLapsed,
        }
    }
}
