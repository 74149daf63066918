//! The public Muslim-friendly map: `/map` (filter chips, a list of places
//! that reads without JavaScript, and the map `assets/map.js` draws beside
//! it) and `/map/places/{id}` (one place: its halal assurance told
//! honestly, prayer facilities, today's prayer times and the qibla,
//! directions).
//!
//! The map's streets come from the office's own basemap file, served by
//! Kizuna (`basemap.rs`, drawn by MapLibre GL from `assets/basemap.js`),
//! or from a tile server only if staff configure one ([`TileServer`]);
//! beneath them `map.js` always draws the embedded world-atlas land
//! shapes, so the map works with no internet at all.
//! "Near me" asks the browser for its position and sends it only to this
//! server (`/map?lat=…&lon=…`, fetched by the script, never put in the
//! address bar), which answers the list sorted by distance, the stronger
//! halal assurance first among places as far away.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::map::prayer::{LocalPrayerTimes, PrayerRequest};
use kizuna_app::map::visit::{Lead, OpenStatus, open_status};
use kizuna_app::map::{DayHours, MAX_RESULTS, PLACE_TIME_ZONE, PlaceFilter, PlaceHit, hours_by_day};
use kizuna_domain::map::place::{Assurance, CertificateStatus, LatLon, Place, PlaceCategory, SourceKind};
use kizuna_geo::prayer::{HighLatitudeRule, Madhab, Method};
use serde_json::{Value, json};

use super::{message, render};
use crate::session::{Ctx, WebState};
use kizuna_i18n::{self as i18n, Lang};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/map", get(map_page))
        .route("/map/places/{id}", get(place_page))
        .route("/map/places/{id}/report", get(report::form).post(report::send))
        .merge(console::routes())
        .merge(basemap::routes())
}

mod basemap;
mod console;
mod filters;
mod helpers;
mod list;
mod place;
mod report;
mod tiles;
mod visitor;

use filters::*;
use helpers::*;
use list::*;
use place::*;
pub use tiles::TileServer;
