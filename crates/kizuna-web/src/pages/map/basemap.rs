//! The street basemap `kizuna serve --basemap FILE` serves: its vector
//! tiles (`/basemap/tiles/{z}/{x}/{y}`, as stored: gzipped Mapbox Vector
//! Tiles) and a MapLibre style written here (`/basemap/style.json?lang=xx`)
//! for the layers `kizuna-app/src/map/basemap/process.lua` makes. The
//! style has no `glyphs`: MapLibre GL JS draws labels with the reader's
//! own fonts (the `text-font` stack below), so Japanese and Thai need no
//! font server either. Its background is transparent: the land outline
//! `map.js` draws stays beneath, and the sea shows as the map's own colour.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kizuna_app::map::basemap::BasemapInfo;
use kizuna_i18n::Lang;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::session::WebState;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/basemap/style.json", get(style))
        .route("/basemap/tiles/{z}/{x}/{y}", get(tile))
}

/// How long browsers may keep a tile or the style: the file changes only
/// when staff make a new one and restart.
const CACHE: &str = "public, max-age=86400";

fn not_installed() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "no street basemap is installed on this server (kizuna serve --basemap FILE)",
    )
        .into_response()
}

async fn tile(State(s): State<WebState>, Path((z, x, y)): Path<(String, String, String)>) -> Response {
    let Some(map) = s.basemap.as_ref() else {
        return not_installed();
    };
    let y = y.strip_suffix(".pbf").or_else(|| y.strip_suffix(".mvt")).unwrap_or(&y);
    let (Ok(z), Ok(x), Ok(y)) = (z.parse::<u8>(), x.parse::<u32>(), y.parse::<u32>()) else {
        return (
            StatusCode::NOT_FOUND,
            "no such tile: zoom, column and row are whole numbers",
        )
            .into_response();
    };
    match map.tile(z, x, y).await {
        Ok(Some(t)) => {
            let mut r = (
                [
                    (header::CONTENT_TYPE, "application/vnd.mapbox-vector-tile"),
                    (header::CACHE_CONTROL, CACHE),
                ],
                t.bytes,
            )
                .into_response();
            if t.gzipped {
                r.headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
            r
        }
        // No tile there: nothing to draw (MapLibre draws an empty tile).
        Ok(None) => (StatusCode::NO_CONTENT, [(header::CACHE_CONTROL, CACHE)]).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "reading a basemap tile");
            (StatusCode::SERVICE_UNAVAILABLE, "the basemap file cannot be read").into_response()
        }
    }
}

#[derive(Deserialize)]
struct StyleQuery {
    lang: Option<String>,
}

async fn style(State(s): State<WebState>, Query(q): Query<StyleQuery>) -> Response {
    let Some(map) = s.basemap.as_ref() else {
        return not_installed();
    };
    let lang = q.lang.as_deref().and_then(Lang::from_code).unwrap_or(Lang::En);
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, CACHE),
        ],
        style_json(map.info(), lang).to_string(),
    )
        .into_response()
}

/// Fonts for labels, as CSS families: Latin first, then Japanese and Thai
/// (the Noto families Debian's fonts-noto-* packages install, then the
/// usual system ones), then any sans-serif.
const FONTS: &[&str] = &[
    "Noto Sans",
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Noto Sans Thai",
    "Hiragino Sans",
    "Yu Gothic",
    "Leelawadee UI",
    "Tahoma",
    "Arial",
];

const LAND: &str = "#f1f0e6";
const WATER: &str = "#a8cbe3";
const PARK: &str = "#cde5bc";
const BUILDING: &str = "#ddd5cb";
const BUILDING_EDGE: &str = "#c7bbad";
const CASING: &str = "#bfb4a3";
const LABEL: &str = "#33302b";
const HALO: &str = "#ffffff";

/// The style for a reader of `lang`: labels in their language where the
/// map names it, else in the local name.
pub fn style_json(info: &BasemapInfo, lang: Lang) -> Value {
    let name = json!(["coalesce", ["get", format!("name_{}", lang.code())], ["get", "name"]]);
    let fonts = json!(FONTS);
    let width = |pairs: &[(u8, f64)]| -> Value {
        let mut v = vec![json!("interpolate"), json!(["exponential", 1.5]), json!(["zoom"])];
        for (z, w) in pairs {
            v.push(json!(z));
            v.push(json!(w));
        }
        Value::Array(v)
    };
    let class = |classes: &[&str]| json!(["in", ["get", "class"], ["literal", classes]]);
    let major = ["motorway", "trunk", "primary", "secondary", "tertiary"];
    let road_colour = json!([
        "match",
        ["get", "class"],
        ["motorway", "trunk"],
        "#f3b089",
        "primary",
        "#f8d48a",
        "secondary",
        "#fbe7a6",
        "pedestrian",
        "#f3eff4",
        "#ffffff"
    ]);
    let road_width = width(&[(10, 0.6), (13, 1.6), (15, 5.0), (17, 14.0), (19, 34.0)]);
    let casing_width = width(&[(10, 1.0), (13, 2.6), (15, 7.0), (17, 17.0), (19, 38.0)]);
    let paint = |colour: &str| {
        json!({
            "text-color": colour,
            "text-halo-color": HALO,
            "text-halo-width": 1.6,
            "text-halo-blur": 0.3
        })
    };
    let attribution = info
        .attribution
        .clone()
        .unwrap_or_else(|| "© OpenStreetMap contributors (ODbL)".into());
    json!({
        "version": 8,
        "name": "Kizuna streets",
        "sources": {
            "streets": {
                "type": "vector",
                "tiles": ["/basemap/tiles/{z}/{x}/{y}"],
                "minzoom": info.minzoom,
                "maxzoom": info.maxzoom,
                "bounds": info.bounds,
                "attribution": attribution
            }
        },
        "layers": [
            {"id": "landuse", "type": "fill", "source": "streets", "source-layer": "landuse",
             "paint": {"fill-color": ["match", ["get", "class"],
                ["commercial", "retail"], "#f2e3dc",
                "industrial", "#e9e2ec",
                "railway", "#e6e0da",
                ["cemetery", "religious"], "#dfe8d6",
                "#ebe7dc"], "fill-opacity": 0.9}},
            {"id": "park", "type": "fill", "source": "streets", "source-layer": "park",
             "paint": {"fill-color": ["match", ["get", "class"], ["forest", "wood"], "#b9d9a4", PARK]}},
            {"id": "water", "type": "fill", "source": "streets", "source-layer": "water",
             "paint": {"fill-color": WATER}},
            {"id": "waterway", "type": "line", "source": "streets", "source-layer": "waterway",
             "paint": {"line-color": WATER, "line-width": width(&[(11, 0.8), (16, 4.0)])}},
            {"id": "building", "type": "fill", "source": "streets", "source-layer": "building", "minzoom": 13,
             "paint": {"fill-color": BUILDING, "fill-outline-color": BUILDING_EDGE}},
            {"id": "path", "type": "line", "source": "streets", "source-layer": "road",
             "filter": class(&["path"]), "minzoom": 14,
             "paint": {"line-color": "#8f8371", "line-width": width(&[(14, 0.8), (18, 2.0)]), "line-dasharray": [2, 1.5]}},
            {"id": "road-casing", "type": "line", "source": "streets", "source-layer": "road",
             "filter": ["!", class(&["path"])],
             "layout": {"line-cap": "round", "line-join": "round"},
             "paint": {"line-color": CASING, "line-width": casing_width}},
            {"id": "road", "type": "line", "source": "streets", "source-layer": "road",
             "filter": ["!", class(&["path"])],
             "layout": {"line-cap": "round", "line-join": "round"},
             "paint": {"line-color": road_colour, "line-width": road_width}},
            {"id": "rail", "type": "line", "source": "streets", "source-layer": "rail",
             "filter": ["!", ["has", "service"]],
             "paint": {"line-color": "#77736d", "line-width": width(&[(10, 0.8), (16, 2.4)])}},
            {"id": "rail-ties", "type": "line", "source": "streets", "source-layer": "rail",
             "filter": ["!", ["has", "service"]], "minzoom": 13,
             "paint": {"line-color": "#ffffff", "line-width": width(&[(13, 0.6), (16, 1.4)]), "line-dasharray": [3, 3]}},
            {"id": "housenumber", "type": "symbol", "source": "streets", "source-layer": "housenumber", "minzoom": 16,
             "layout": {"text-field": ["get", "housenumber"], "text-font": fonts, "text-size": 10},
             "paint": paint("#7b7064")},
            {"id": "road-label", "type": "symbol", "source": "streets", "source-layer": "road", "minzoom": 13,
             "layout": {"symbol-placement": "line", "text-field": name, "text-font": fonts,
                        "text-size": ["interpolate", ["linear"], ["zoom"], 13, 11, 17, 14],
                        "text-max-angle": 30, "symbol-spacing": 300},
             "paint": paint(LABEL)},
            {"id": "water-label", "type": "symbol", "source": "streets", "source-layer": "water", "minzoom": 13,
             "layout": {"text-field": name, "text-font": fonts, "text-size": 12},
             "paint": paint("#2f6690")},
            {"id": "park-label", "type": "symbol", "source": "streets", "source-layer": "park", "minzoom": 15,
             "layout": {"text-field": name, "text-font": fonts, "text-size": 11},
             "paint": paint("#3e6b2c")},
            {"id": "station", "type": "circle", "source": "streets", "source-layer": "station",
             "filter": class(&["station", "halt"]),
             "paint": {"circle-color": "#c8412c", "circle-radius": width(&[(12, 3.0), (16, 6.0)]),
                       "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5}},
            {"id": "station-label", "type": "symbol", "source": "streets", "source-layer": "station",
             "filter": class(&["station", "halt"]),
             "layout": {"text-field": name, "text-font": fonts, "text-size": 13,
                        "text-anchor": "top", "text-offset": [0, 0.7], "text-optional": true},
             "paint": paint("#8c2a1c")},
            {"id": "place-label", "type": "symbol", "source": "streets", "source-layer": "place",
             "layout": {"text-field": name, "text-font": fonts,
                        "text-size": ["match", ["get", "class"], ["city", "town"], 16, ["village", "suburb"], 14, 12],
                        "text-transform": "none"},
             "paint": paint("#4a4238")},
            {"id": "major-road-label", "type": "symbol", "source": "streets", "source-layer": "road",
             "filter": class(&major), "maxzoom": 13,
             "layout": {"symbol-placement": "line", "text-field": name, "text-font": fonts, "text-size": 11},
             "paint": paint(LABEL)}
        ],
        "metadata": {"kizuna:land": LAND, "kizuna:lang": lang.code()}
    })
}
