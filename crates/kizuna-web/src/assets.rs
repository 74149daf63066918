//! Static files embedded in the binary: Kizuna's own CSS and scripts, and
//! the npm packages `build.rs` copied (ECharts, topojson-client, world-atlas
//! countries and land shapes, Leaflet and its marker clusters, MapLibre GL
//! and its Leaflet layer for the street basemap).

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "kizuna.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/kizuna.css"),
    ),
    ("icon.svg", "image/svg+xml", include_bytes!("../assets/icon.svg")),
    (
        "kizuna.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/kizuna.js"),
    ),
    (
        "import-progress.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/import-progress.js"),
    ),
    (
        "stats.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/stats.js"),
    ),
    (
        "tourism.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/tourism.js"),
    ),
    (
        "echarts.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/echarts.min.js")),
    ),
    (
        "topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/topojson-client.min.js")),
    ),
    (
        "countries-110m.json",
        "application/json",
        include_bytes!(concat!(env!("OUT_DIR"), "/countries-110m.json")),
    ),
    (
        "land-10m.json",
        "application/json",
        include_bytes!(concat!(env!("OUT_DIR"), "/land-10m.json")),
    ),
    (
        "land-50m.json",
        "application/json",
        include_bytes!(concat!(env!("OUT_DIR"), "/land-50m.json")),
    ),
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/map.js"),
    ),
    (
        "map.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/map.css"),
    ),
    (
        "leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/leaflet.js")),
    ),
    (
        "leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/leaflet.css")),
    ),
    (
        "leaflet.markercluster.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/leaflet.markercluster.js")),
    ),
    (
        "MarkerCluster.css",
        "text/css; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/MarkerCluster.css")),
    ),
    (
        "basemap.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/basemap.js"),
    ),
    (
        "maplibre-gl-csp.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/maplibre-gl-csp.js")),
    ),
    (
        "maplibre-gl-csp-worker.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/maplibre-gl-csp-worker.js")),
    ),
    (
        "maplibre-gl.css",
        "text/css; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/maplibre-gl.css")),
    ),
    (
        "leaflet-maplibre-gl.js",
        "text/javascript; charset=utf-8",
        include_bytes!(concat!(env!("OUT_DIR"), "/leaflet-maplibre-gl.js")),
    ),
    (
        "ripple.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/ripple.js"),
    ),
    (
        "links.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/links.js"),
    ),
];

/// An embedded file's bytes by the name it is served under (e.g. the
/// world-atlas land shapes `land-50m.json`, which the PDF booklet draws).
pub fn embedded(name: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(n, _, _)| *n == name).map(|(_, _, b)| *b)
}

pub async fn asset(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, ct, bytes)) => (
            [
                (header::CONTENT_TYPE, *ct),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
