//! The JSON API of the Muslim-friendly map's places: geo search (public),
//! GeoJSON and CSV export, and staff writes and imports.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use kizuna_app::App;
use kizuna_app::map::{Area, BBox, PlaceFileFormat, PlaceFilter, PlaceHit};
use kizuna_docs::booklet::{BookletError, BookletFonts, Land, render};
use kizuna_domain::FieldError;
use kizuna_domain::map::place::LatLon;
use kizuna_domain::map::place::PlaceFields;
use kizuna_i18n::Lang;
use serde::Serialize;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::extract::{JsonBody, QueryMap};
use crate::session::WebState;

type AppState = State<Arc<App>>;
type Query = BTreeMap<String, String>;

const GEOJSON: &str = "application/geo+json";
const FILTER_PARAMS: &str = "category, assurance, prayer_space, open_now, at";

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/api/v1/places", get(search).post(create))
        .route("/api/v1/places/nearest", get(nearest))
        .route("/api/v1/places/review", get(review))
        .route("/api/v1/places.geojson", get(geojson))
        .route("/api/v1/places/booklet.pdf", get(booklet))
        .route("/api/v1/places/{id}", get(read).put(update).delete(remove))
        .route("/api/v1/imports/places", post(import))
        .route("/api/v1/exports/places", get(export))
}

/// Search results, nearest first, with how many matched in all.
#[derive(Serialize)]
pub struct PlacePage {
    pub items: Vec<PlaceHit>,
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
}

impl IntoResponse for PlacePage {
    /// JSON written into a buffer sized for the page (a place is under a
    /// kilobyte), not grown from a few bytes as `Json` does.
    fn into_response(self) -> Response {
        let mut body = Vec::with_capacity(256 + 1024 * self.items.len());
        match serde_json::to_writer(&mut body, &self) {
            Ok(()) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
            Err(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()).into_response(),
        }
    }
}

fn number(q: &mut Query, name: &str, errors: &mut Vec<FieldError>) -> Option<f64> {
    let raw = q.remove(name)?;
    match raw.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            errors.push(FieldError::new(
                name,
                "not_a_number",
                format!("\"{raw}\" is not a number"),
            ));
            None
        }
    }
}

fn coordinate(q: &mut Query, name: &str, limit: f64, errors: &mut Vec<FieldError>) -> Option<f64> {
    let v = number(q, name, errors)?;
    if v.abs() > limit {
        errors.push(FieldError::new(
            name,
            "out_of_range",
            format!("{v} is not a number from -{limit} to {limit} degrees"),
        ));
        return None;
    }
    Some(v)
}

fn whole(q: &mut Query, name: &str, default: usize, max: usize, errors: &mut Vec<FieldError>) -> usize {
    let Some(raw) = q.remove(name) else { return default };
    match raw.trim().parse::<usize>() {
        Ok(n) if n <= max && (n > 0 || name == "offset") => n,
        _ => {
            let from = if name == "offset" { 0 } else { 1 };
            errors.push(FieldError::new(
                name,
                "out_of_range",
                format!("{name} must be a whole number from {from} to {max}, not \"{raw}\""),
            ));
            default
        }
    }
}

fn filter(q: &mut Query, errors: &mut Vec<FieldError>) -> PlaceFilter {
    let category = q.remove("category");
    let assurance = q.remove("assurance");
    let prayer_space = q.remove("prayer_space");
    let open_now = q.remove("open_now");
    let at = q.remove("at");
    PlaceFilter::parse(
        category.as_deref(),
        assurance.as_deref(),
        prayer_space.as_deref(),
        open_now.as_deref(),
        at.as_deref(),
    )
    .unwrap_or_else(|e| {
        errors.extend(e);
        PlaceFilter::default()
    })
}

fn required(name: &str, errors: &mut Vec<FieldError>) {
    errors.push(FieldError::required(name));
}

fn finish(errors: Vec<FieldError>) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// `GET /api/v1/places/nearest?lat=&lon=&k=&…`: the k nearest places.
async fn nearest(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<PlacePage> {
    let mut errors = Vec::new();
    let lat = coordinate(&mut q, "lat", 90.0, &mut errors);
    let lon = coordinate(&mut q, "lon", 180.0, &mut errors);
    if lat.is_none() && !errors.iter().any(|e| e.field == "lat") {
        required("lat", &mut errors);
    }
    if lon.is_none() && !errors.iter().any(|e| e.field == "lon") {
        required("lon", &mut errors);
    }
    let k = whole(&mut q, "k", 10, kizuna_app::map::MAX_RESULTS, &mut errors);
    let f = filter(&mut q, &mut errors);
    crate::api::no_leftovers(&q, &format!("lat, lon, k, {FILTER_PARAMS}"))?;
    finish(errors)?;
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Err(ApiError::invalid(vec![FieldError::required("lat")]));
    };
    let items = app.nearest_places(lat, lon, k, &f).await?;
    Ok(PlacePage {
        total: items.len(),
        limit: k,
        offset: 0,
        items,
    })
}

/// `GET /api/v1/places?bbox=w,s,e,n` or `?near=lat,lon&radius_m=`, or every
/// place; with filters, `limit` (default 100, at most 1000) and `offset`.
async fn search(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<PlacePage> {
    let mut errors = Vec::new();
    let bbox = q
        .remove("bbox")
        .and_then(|raw| BBox::parse(&raw).map_err(|e| errors.extend(e)).ok());
    let near = q.remove("near").and_then(|raw| {
        let parts: Vec<Option<f64>> = raw.split(',').map(|s| s.trim().parse::<f64>().ok()).collect();
        match parts.as_slice() {
            [Some(lat), Some(lon)] => Some((*lat, *lon)),
            _ => {
                errors.push(FieldError::new(
                    "near",
                    "invalid_position",
                    format!("\"{raw}\" is not lat,lon (e.g. 43.0621,141.3544)"),
                ));
                None
            }
        }
    });
    let had_radius = q.contains_key("radius_m");
    let radius = number(&mut q, "radius_m", &mut errors);
    let limit = whole(&mut q, "limit", 100, kizuna_app::map::MAX_RESULTS, &mut errors);
    let offset = whole(&mut q, "offset", 0, usize::MAX, &mut errors);
    let f = filter(&mut q, &mut errors);
    crate::api::no_leftovers(&q, &format!("bbox, near, radius_m, limit, offset, {FILTER_PARAMS}"))?;
    if bbox.is_some() && (near.is_some() || had_radius) {
        errors.push(FieldError::new(
            "bbox",
            "conflicting",
            "give either bbox or near with radius_m, not both",
        ));
    }
    if near.is_some() && radius.is_none() && !had_radius {
        errors.push(FieldError::new("radius_m", "required", "near needs radius_m (metres)"));
    }
    if had_radius && near.is_none() && !errors.iter().any(|e| e.field == "near") {
        errors.push(FieldError::new("near", "required", "radius_m needs near=lat,lon"));
    }
    finish(errors)?;
    let area = match (bbox, near, radius) {
        (Some(b), _, _) => Area::Box(b),
        (None, Some((lat, lon)), Some(metres)) => Area::Radius {
            at: LatLon::new(lat, lon).map_err(ApiError::invalid)?,
            metres,
        },
        _ => Area::All,
    };
    let (total, items) = app.search_places(area, &f, offset, limit).await?;
    Ok(PlacePage {
        items,
        total,
        limit,
        offset,
    })
}

fn parse_id(raw: &str) -> ApiResult<i64> {
    match raw.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(ApiError::invalid(vec![FieldError::new(
            "id",
            "invalid_id",
            format!("\"{raw}\" is not a record id (a positive whole number)"),
        )])),
    }
}

async fn read(State(app): AppState, Path(id): Path<String>) -> ApiResult<Json<PlaceHit>> {
    Ok(Json(app.place(parse_id(&id)?).await?))
}

async fn create(
    State(app): AppState,
    JsonBody(fields): JsonBody<PlaceFields>,
) -> ApiResult<(StatusCode, Json<PlaceHit>)> {
    let p = app.create_place(fields).await?;
    Ok((StatusCode::CREATED, Json(app.place(p.id).await?)))
}

async fn update(
    State(app): AppState,
    Path(id): Path<String>,
    crate::extract::IfMatch(version): crate::extract::IfMatch,
    JsonBody(fields): JsonBody<PlaceFields>,
) -> ApiResult<Json<PlaceHit>> {
    let p = app.update_place(parse_id(&id)?, version, fields).await?;
    Ok(Json(app.place(p.id).await?))
}

async fn remove(State(app): AppState, Path(id): Path<String>) -> ApiResult<StatusCode> {
    app.delete_place(parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn review(State(app): AppState, QueryMap(q): QueryMap) -> ApiResult<Response> {
    crate::api::no_leftovers(&q, "no parameters")?;
    Ok(Json(app.places_for_review().await?).into_response())
}

fn geojson_response(bytes: Vec<u8>, attachment: bool) -> Response {
    let mut headers = vec![(header::CONTENT_TYPE, GEOJSON.to_owned())];
    if attachment {
        headers.push((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"places.geojson\"".to_owned(),
        ));
    }
    let mut resp = bytes.into_response();
    for (k, v) in headers {
        if let Ok(v) = v.parse() {
            resp.headers_mut().insert(k, v);
        }
    }
    resp
}

/// `GET /api/v1/places.geojson`: every place as a GeoJSON FeatureCollection.
async fn geojson(State(app): AppState, QueryMap(q): QueryMap) -> ApiResult<Response> {
    crate::api::no_leftovers(&q, "no parameters")?;
    Ok(geojson_response(app.export_geojson().await?, false))
}

/// `GET /api/v1/exports/places?format=geojson|csv`.
async fn export(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let format = q.remove("format").unwrap_or_else(|| "geojson".into());
    crate::api::no_leftovers(&q, "format")?;
    match format.as_str() {
        "geojson" => Ok(geojson_response(app.export_geojson().await?, true)),
        "csv" => Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"places.csv\""),
            ],
            app.export_places_csv().await?,
        )
            .into_response()),
        other => Err(ApiError::invalid(vec![FieldError::new(
            "format",
            "unknown_value",
            format!("\"{other}\" is not a format offered here; use geojson or csv"),
        )])),
    }
}

/// The import formats by `format=` name, and the media types that mean each.
const IMPORT_FORMATS: [(&str, PlaceFileFormat, &[&str]); 4] = [
    ("geojson", PlaceFileFormat::Geojson, &[GEOJSON, "application/json"]),
    ("csv", PlaceFileFormat::Csv, &["text/csv"]),
    (
        "osm",
        PlaceFileFormat::OsmXml,
        &["application/vnd.openstreetmap.data+xml", "application/xml", "text/xml"],
    ),
    (
        "pbf",
        PlaceFileFormat::OsmPbf,
        &["application/x-protobuf", "application/octet-stream"],
    ),
];

/// `POST /api/v1/imports/places`: a GeoJSON, CSV or OpenStreetMap (XML or
/// PBF) file, by `format=` or else by its Content-Type; all or nothing.
async fn import(
    State(app): AppState,
    headers: HeaderMap,
    QueryMap(mut q): QueryMap,
    body: Bytes,
) -> ApiResult<Response> {
    let dry_run = crate::api::take_dry_run(&mut q)?;
    let named = q.remove("format");
    crate::api::no_leftovers(&q, "dry_run, format")?;
    let format = match named {
        Some(name) => match IMPORT_FORMATS
            .iter()
            .find(|(n, _, _)| name.trim().eq_ignore_ascii_case(n))
        {
            Some((_, f, _)) => *f,
            None => {
                return Err(ApiError::invalid(vec![FieldError::new(
                    "format",
                    "unknown_value",
                    format!("\"{name}\" is not an import format; use geojson, csv, osm or pbf"),
                )]));
            }
        },
        None => {
            let ct = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let media = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
            match IMPORT_FORMATS
                .iter()
                .find(|(_, _, types)| types.contains(&media.as_str()))
            {
                Some((_, f, _)) => *f,
                None => {
                    return Err(ApiError::new(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "unsupported_media_type",
                        "send GeoJSON (application/geo+json), CSV (text/csv), OpenStreetMap XML (application/xml) or PBF (application/x-protobuf), or name the format with ?format=geojson|csv|osm|pbf",
                    ));
                }
            }
        }
    };
    Ok(Json(app.import_places(format, &body, dry_run).await?).into_response())
}

// ---------------------------------------------------------------------------
// OpenAPI
// ---------------------------------------------------------------------------

fn q(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn filter_params() -> Vec<Value> {
    vec![
        q(
            "category",
            "Any of these categories, comma-separated: restaurant, cafe, grocery, hotel, mosque, prayer_room, other",
            json!({"type": "string"}),
        ),
        q(
            "assurance",
            "Any of these halal assurance levels, comma-separated: certified (with a certificate valid today), self_declared, pork_free, vegetarian_options, unknown",
            json!({"type": "string"}),
        ),
        q(
            "prayer_space",
            "Only places with (true) or without (false) a prayer space",
            json!({"type": "boolean"}),
        ),
        q(
            "open_now",
            "Only places open now by their OpenStreetMap opening_hours (Japan time, Japanese public holidays)",
            json!({"type": "boolean"}),
        ),
        q(
            "at",
            "The moment open_now means (RFC 3339; default: now)",
            json!({"type": "string", "format": "date-time"}),
        ),
    ]
}

/// A place as searches return it (flat), for the OpenAPI document.
pub fn place_schema() -> Value {
    let nullable = |t: &str| json!({"type": [t, "null"]});
    let mut props = serde_json::Map::new();
    let mut put = |k: &str, v: Value| {
        props.insert(k.to_owned(), v);
    };
    put("id", json!({"type": "integer"}));
    put(
        "name",
        json!({"type": "string", "description": "The name to show (English when given)"}),
    );
    put(
        "distance_m",
        json!({"type": "number", "description": "Metres from the point searched from (or the box's centre): haversine on a sphere of radius 6,371,008.8 m"}),
    );
    put(
        "certificate_status",
        json!({"type": ["string", "null"], "enum": ["valid", "expiring", "expired", "not_yet_valid", null]}),
    );
    put(
        "stale",
        json!({"type": "boolean", "description": "Not verified for 12 months"}),
    );
    put(
        "open_now",
        json!({"type": ["boolean", "null"], "description": "Null when the opening hours are not known"}),
    );
    for k in [
        "name_ja",
        "name_en",
        "name_th",
        "name_ms",
        "name_ar",
        "name_id",
        "chain",
        "branch",
        "address",
        "phone",
        "website",
        "certifier",
        "certificate_number",
        "source_id",
    ] {
        put(k, nullable("string"));
    }
    put("source_id", json!({"type": "string"}));
    put(
        "category",
        json!({"type": "string", "enum": ["restaurant", "cafe", "grocery", "hotel", "mosque", "prayer_room", "other"]}),
    );
    put("locality_id", nullable("integer"));
    put("lat", json!({"type": "number", "minimum": -90, "maximum": 90}));
    put("lon", json!({"type": "number", "minimum": -180, "maximum": 180}));
    put(
        "assurance",
        json!({"type": "string", "enum": ["certified", "self_declared", "pork_free", "vegetarian_options", "unknown"]}),
    );
    for k in ["certificate_valid_from", "certificate_valid_until", "last_verified"] {
        put(k, json!({"type": ["string", "null"], "format": "date"}));
    }
    put(
        "alcohol_served",
        json!({"type": ["boolean", "null"], "description": "Null when not known"}),
    );
    for k in ["prayer_space", "wudu", "women_space", "qibla_marked", "prayer_mats"] {
        put(k, json!({"type": "boolean"}));
    }
    put(
        "opening_hours",
        json!({"type": ["string", "null"], "description": "OpenStreetMap opening_hours syntax"}),
    );
    put(
        "source",
        json!({"type": "string", "enum": ["staff", "import", "openstreetmap", "demo"]}),
    );
    put(
        "attribution",
        json!({"type": ["string", "null"], "description": "Licence attribution; ODbL for OpenStreetMap data"}),
    );
    json!({
        "type": "object",
        "required": ["id", "name", "category", "lat", "lon", "assurance", "source", "source_id", "stale"],
        "properties": props
    })
}

/// What staff send to create or replace a place (every field of a place but
/// the computed ones; `source` defaults to staff with a new `source_id`).
pub fn place_input_schema() -> Value {
    let mut s = place_schema();
    if let Some(props) = s["properties"].as_object_mut() {
        for k in ["id", "name", "distance_m", "certificate_status", "stale", "open_now"] {
            props.remove(k);
        }
    }
    s["required"] = json!(["category", "lat", "lon", "assurance"]);
    s["additionalProperties"] = json!(false);
    s
}

fn page_schema() -> Value {
    json!({"type": "object", "required": ["items", "total", "limit", "offset"], "properties": {
        "items": {"type": "array", "items": place_schema()}, "total": {"type": "integer"},
        "limit": {"type": "integer"}, "offset": {"type": "integer"}}})
}

fn errors(ok: Value) -> Value {
    let e = |d: &str| json!({"description": d, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}});
    let mut ok = ok;
    if let Some(m) = ok.as_object_mut() {
        m.insert("404".into(), e("No such place"));
        m.insert(
            "422".into(),
            e("Invalid input; each error names its field (or, for imports, its feature number)"),
        );
    }
    ok
}

fn ok_json(code: &str, description: &str, schema: Value) -> Value {
    errors(json!({code: {"description": description, "content": {"application/json": {"schema": schema}}}}))
}

/// The fonts the booklet draws with, read once they are found.
static BOOKLET_FONTS: std::sync::Mutex<Option<Arc<BookletFonts>>> = std::sync::Mutex::new(None);
/// The land shapes of the booklet's maps, decoded once.
static BOOKLET_LAND: std::sync::OnceLock<Option<Land>> = std::sync::OnceLock::new();
/// One booklet made at a time: it takes a core for a moment.
static BOOKLET_TURN: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

fn booklet_fonts() -> Result<Arc<BookletFonts>, BookletError> {
    let mut slot = BOOKLET_FONTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = slot.as_ref() {
        return Ok(f.clone());
    }
    let fonts = Arc::new(BookletFonts::discover()?);
    // Remember only a find: fonts installed later are then picked up.
    if !fonts.paths().is_empty() {
        *slot = Some(fonts.clone());
    }
    Ok(fonts)
}

fn booklet_land() -> Option<&'static Land> {
    BOOKLET_LAND
        .get_or_init(|| {
            let bytes = crate::assets::embedded("land-10m.json")?;
            Land::from_topojson(bytes)
                .map_err(|e| tracing::warn!("the booklet's maps are drawn without land: {e}"))
                .ok()
        })
        .as_ref()
}

/// `GET /api/v1/places/booklet.pdf?lang=en|ja|th|ms`: the printable A4
/// booklet of every place by area (public, like the map).
async fn booklet(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let raw = q.remove("lang").unwrap_or_else(|| "en".to_owned());
    crate::api::no_leftovers(&q, "lang")?;
    let lang = Lang::parse(&raw).map_err(|e| ApiError::invalid(vec![e]))?;
    let data = app.booklet_data(lang).await?;
    let _turn = BOOKLET_TURN
        .acquire()
        .await
        .map_err(|_| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the server is stopping"))?;
    let made = tokio::task::spawn_blocking(move || render(&data, &*booklet_fonts()?, booklet_land()))
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                format!("making the booklet failed: {e}"),
            )
        })?;
    let pdf = match made {
        Ok(pdf) => pdf,
        Err(BookletError::Fonts(m)) => {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "booklet_fonts_missing",
                m,
            ));
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"kizuna-places-{lang}.pdf\""),
            ),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        pdf,
    )
        .into_response())
}

/// One of the places' paths for the OpenAPI document.
pub fn openapi_path(path: &str) -> Value {
    openapi_paths().get(path).cloned().unwrap_or(Value::Null)
}

/// The places' paths for the OpenAPI document.
pub fn openapi_paths() -> Value {
    let mut nearest = vec![
        json!({"name": "lat", "in": "query", "required": true, "schema": {"type": "number", "minimum": -90, "maximum": 90}}),
        json!({"name": "lon", "in": "query", "required": true, "schema": {"type": "number", "minimum": -180, "maximum": 180}}),
        q(
            "k",
            "How many (1-1000, default 10)",
            json!({"type": "integer", "minimum": 1, "maximum": 1000}),
        ),
    ];
    nearest.extend(filter_params());
    let mut search = vec![
        q(
            "bbox",
            "west,south,east,north in degrees; west > east crosses the antimeridian",
            json!({"type": "string"}),
        ),
        q(
            "near",
            "lat,lon to search around (with radius_m)",
            json!({"type": "string"}),
        ),
        q(
            "radius_m",
            "Metres around near",
            json!({"type": "number", "exclusiveMinimum": 0}),
        ),
        q(
            "limit",
            "Page size, 1-1000 (default 100)",
            json!({"type": "integer", "minimum": 1, "maximum": 1000}),
        ),
        q("offset", "Results to skip", json!({"type": "integer", "minimum": 0})),
    ];
    search.extend(filter_params());
    let input = json!({"required": true, "content": {"application/json": {"schema": place_input_schema()}}});
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}});
    let geojson = json!({"description": "A GeoJSON (RFC 7946) FeatureCollection of points with flat properties",
                         "content": {GEOJSON: {"schema": {"type": "object"}}}});
    let review = json!({"type": "object", "properties": {
        "expiring": {"type": "array", "items": place_schema()},
        "expired": {"type": "array", "items": place_schema()},
        "stale": {"type": "array", "items": place_schema()}}});
    let import_report = json!({"type": "object", "properties": {
        "features": {"type": "integer", "description": "Places read: features, CSV rows, or OpenStreetMap objects that are places"},
        "skipped": {"type": "integer", "description": "OpenStreetMap objects that are not places of the map"},
        "inserted": {"type": "integer"}, "updated": {"type": "integer"}, "dry_run": {"type": "boolean"}}});
    let text = json!({"schema": {"type": "string"}});
    let binary = json!({"schema": {"type": "string", "format": "binary"}});
    json!({
        "/api/v1/places/nearest": {"get": {"tags": ["map"], "operationId": "nearest_places",
            "summary": "The k places nearest a point, nearest first, with filters",
            "parameters": nearest, "responses": ok_json("200", "Places with distance_m", page_schema())}},
        "/api/v1/places": {
            "get": {"tags": ["map"], "operationId": "search_places",
                "summary": "Places in a bounding box, within a radius, or all; with filters",
                "parameters": search, "responses": ok_json("200", "A page of places", page_schema())},
            "post": {"tags": ["map"], "operationId": "create_place", "summary": "Add a place (staff)",
                "requestBody": input.clone(), "responses": ok_json("201", "Created", place_schema())}},
        "/api/v1/places/review": {"get": {"tags": ["map"], "operationId": "review_places",
            "summary": "Certificates expiring within 30 days, expired ones, and places unverified for 12 months",
            "responses": ok_json("200", "Places to look at", review)}},
        "/api/v1/places/{id}": {
            "parameters": [id],
            "get": {"tags": ["map"], "operationId": "get_place", "responses": ok_json("200", "The place", place_schema())},
            "put": {"tags": ["map"], "operationId": "update_place", "summary": "Replace a place's fields (staff)",
                "requestBody": input, "responses": ok_json("200", "Updated", place_schema())},
            "delete": {"tags": ["map"], "operationId": "delete_place", "responses": errors(json!({"204": {"description": "Deleted"}}))}},
        "/api/v1/places/booklet.pdf": {"get": {"tags": ["map"], "operationId": "places_booklet",
            "summary": "The printable A4 PDF booklet: every place by area, with its assurance level and a small map (public)",
            "parameters": [q("lang", "The booklet's language: en (default), ja, th or ms", json!({"type": "string", "enum": ["en", "ja", "th", "ms"], "default": "en"}))],
            "responses": errors(json!({"200": {"description": "The booklet", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                                        "503": {"description": "The server has no font for the language's script (the message names the Debian package)",
                                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}}))}},
        "/api/v1/places.geojson": {"get": {"tags": ["map"], "operationId": "places_geojson",
            "summary": "Every place as GeoJSON (OpenStreetMap data keeps its ODbL attribution)",
            "responses": errors(json!({"200": geojson}))}},
        "/api/v1/exports/places": {"get": {"tags": ["exports"], "operationId": "export_places",
            "parameters": [q("format", "geojson (default) or csv", json!({"type": "string", "enum": ["geojson", "csv"]}))],
            "responses": errors(json!({"200": {"description": "The file", "content": {
                GEOJSON: {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}}}))}},
        "/api/v1/imports/places": {"post": {"tags": ["imports"], "operationId": "import_places",
            "summary": "Import places from GeoJSON, CSV or OpenStreetMap (XML or PBF): all or none; a place already recorded under the same source and source_id is updated",
            "description": "The format is the `format` parameter, or else the Content-Type: application/geo+json or application/json (a GeoJSON FeatureCollection of points), text/csv (the columns of the CSV export, UTF-8; problems name the line), application/vnd.openstreetmap.data+xml, application/xml or text/xml (OpenStreetMap XML), application/x-protobuf or application/octet-stream (OpenStreetMap PBF). From OpenStreetMap only places of the map are taken — diet:halal=yes|only|limited, mosques, prayer rooms, prayer_room=yes — with source openstreetmap, their node/way/relation id and ODbL's attribution; problems name the object (e.g. [node/123]).",
            "parameters": [
                q("dry_run", "Check only, write nothing", json!({"type": "boolean", "default": false})),
                q("format", "The file's format; overrides the Content-Type", json!({"type": "string", "enum": ["geojson", "csv", "osm", "pbf"]}))],
            "requestBody": {"required": true, "content": {
                GEOJSON: {"schema": {"type": "object"}}, "application/json": {"schema": {"type": "object"}},
                "text/csv": text.clone(),
                "application/vnd.openstreetmap.data+xml": text.clone(), "application/xml": text.clone(), "text/xml": text,
                "application/x-protobuf": binary.clone(), "application/octet-stream": binary}},
            "responses": errors(json!({"200": {"description": "Imported", "content": {"application/json": {"schema": import_report}}},
                                        "415": {"description": "Not a format taken here", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}}))}}
    })
}
