//! The comparison for the map's HTTP figures: the least a server could do
//! to answer `GET /api/v1/places/nearest?lat=…&lon=…&k=…` with the very
//! bytes Kizuna answers. An axum router with that one route, an `rstar`
//! R*-tree of the places' points on the unit sphere, and each place's JSON
//! written once at start (as Kizuna writes it, `PlaceHit::of`), so a
//! request only finds the k nearest, measures them (haversine, rounded to
//! decimetres as Kizuna does) and copies their bytes. No store, no version
//! check, no filters, no validation beyond parsing, no middleware.
//!
//! Only a benchmark uses it: its open-now and certificate states are those
//! at the moment it was built.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use kizuna_app::map::PlaceHit;
use kizuna_domain::map::place::{Place, haversine_m};
use rstar::RTree;
use rstar::primitives::GeomWithData;
use serde::Deserialize;

type Point = GeomWithData<[f64; 3], u32>;

/// The places as the minimal server holds them.
pub struct MinimalMap {
    tree: RTree<Point>,
    /// Every place's JSON, one after another.
    bytes: Vec<u8>,
    /// Per place: id, position, where its JSON starts, where `distance_m`
    /// goes (after the name), where it ends.
    places: Vec<Slot>,
}

struct Slot {
    id: i64,
    lat: f64,
    lon: f64,
    start: usize,
    split: usize,
    end: usize,
}

fn unit(lat: f64, lon: f64) -> [f64; 3] {
    let (la, lo) = (lat.to_radians(), lon.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

impl MinimalMap {
    /// Each place's JSON written as Kizuna's search result would write it
    /// on `today` at `now`, and the tree bulk-loaded.
    pub fn build(places: Vec<Place>, today: NaiveDate, now: DateTime<Utc>) -> anyhow::Result<Self> {
        let mut bytes = Vec::with_capacity(places.len() * 1024);
        let mut slots = Vec::with_capacity(places.len());
        let mut points = Vec::with_capacity(places.len());
        for place in places {
            let (id, lat, lon) = (place.id, place.fields.position.lat(), place.fields.position.lon());
            let hit = PlaceHit::of(place, today, now);
            let start = bytes.len();
            serde_json::to_writer(&mut bytes, &hit)?;
            // `{"name":"…"` then the rest: distance_m goes between them.
            let head = format!("{{\"name\":{}", serde_json::to_string(&hit.name)?);
            anyhow::ensure!(
                bytes[start..].starts_with(head.as_bytes()),
                "a search result no longer starts with its name: the minimal server cannot write Kizuna's bytes"
            );
            let index = u32::try_from(slots.len())?;
            points.push(Point::new(unit(lat, lon), index));
            slots.push(Slot {
                id,
                lat,
                lon,
                start,
                split: start + head.len(),
                end: bytes.len(),
            });
        }
        bytes.shrink_to_fit();
        Ok(MinimalMap {
            tree: RTree::bulk_load(points),
            bytes,
            places: slots,
        })
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The body Kizuna's nearest-k answers for this position, unfiltered.
    pub fn nearest_body(&self, lat: f64, lon: f64, k: usize) -> anyhow::Result<Vec<u8>> {
        let mut found: Vec<(f64, i64, usize)> = self
            .tree
            .nearest_neighbor_iter(unit(lat, lon))
            .take(k)
            .map(|p| {
                let s = &self.places[p.data as usize];
                let d = (haversine_m(lat, lon, s.lat, s.lon) * 10.0).round() / 10.0;
                (d, s.id, p.data as usize)
            })
            .collect();
        found.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut body = Vec::with_capacity(
            64 + found
                .iter()
                .map(|f| 32 + self.places[f.2].end - self.places[f.2].start)
                .sum::<usize>(),
        );
        body.extend_from_slice(b"{\"items\":[");
        for (i, (d, _, slot)) in found.iter().enumerate() {
            let s = &self.places[*slot];
            if i > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&self.bytes[s.start..s.split]);
            body.extend_from_slice(b",\"distance_m\":");
            // As serde_json writes a number, so that the bytes agree.
            serde_json::to_writer(&mut body, d).map_err(|e| anyhow::anyhow!("{e}"))?;
            body.extend_from_slice(&self.bytes[s.split..s.end]);
        }
        body.extend_from_slice(b"],\"total\":");
        body.extend_from_slice(found.len().to_string().as_bytes());
        body.extend_from_slice(b",\"limit\":");
        body.extend_from_slice(k.to_string().as_bytes());
        body.extend_from_slice(b",\"offset\":0}");
        Ok(body)
    }
}

#[derive(Deserialize)]
struct Nearest {
    lat: f64,
    lon: f64,
    k: Option<usize>,
}

async fn nearest(State(map): State<Arc<MinimalMap>>, Query(q): Query<Nearest>) -> Response {
    match map.nearest_body(q.lat, q.lon, q.k.unwrap_or(10).clamp(1, 1000)) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => (axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The minimal server's router: the one route.
pub fn router(map: Arc<MinimalMap>) -> axum::Router {
    axum::Router::new()
        .route("/api/v1/places/nearest", axum::routing::get(nearest))
        .with_state(map)
}
