//! The Muslim-friendly map's API: geo search, a place, GeoJSON, the
//! booklet, prayer times and the qibla (public); staff writes, the review
//! lists, imports and exports.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use kizuna_app::App;
use kizuna_app::map::booklet::BookletFailure;
use kizuna_app::map::prayer::LocalPrayerTimes;
use kizuna_app::map::{Area, BBox, PlaceFileFormat, PlaceFilter, PlaceHit};
use kizuna_app::map::{PlaceImportReport, PlaceReview};
use kizuna_docs::booklet::{BookletFonts, Land};
use kizuna_domain::FieldError;
use kizuna_domain::map::place::LatLon;
use kizuna_domain::map::place::PlaceFields;
use kizuna_i18n::Lang;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{no_leftovers, parse_id, take_dry_run};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{IfMatch, JsonBody, QueryMap};
use crate::session::WebState;

mod select;

use select::{Only, Selection};

type AppState = State<Arc<App>>;
type Query = BTreeMap<String, String>;

const GEOJSON: &str = "application/geo+json";
const FILTER_PARAMS: &str = "category, assurance, prayer_space, open_now, at, fields";

/// Which places a search returns.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct FilterParams {
    /// Any of these categories, comma-separated: restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room, other.
    category: Option<String>,
    /// Any of these halal assurance levels, comma-separated: certified (with a certificate valid today),
    /// self_declared, pork_free, vegetarian_options, unknown.
    assurance: Option<String>,
    /// Only places with (true) or without (false) a prayer space.
    prayer_space: Option<bool>,
    /// Only places open now by their opening hours (Japan time, Japanese public holidays).
    open_now: Option<bool>,
    /// The moment open_now means (RFC 3339; default: now).
    at: Option<chrono::DateTime<chrono::Utc>>,
    /// Only these keys of each place, comma-separated (e.g. id,name,lat,lon,category): any of the
    /// keys a result has (name, distance_m, certificate_status, stale, open_now, id, version,
    /// office_id and the place's fields). distance_m is always kept where the search measures it.
    /// An unknown name is refused (422) naming the allowed ones.
    #[param(pattern = r"^ *[a-z_]+ *(, *[a-z_]+ *)*$")]
    fields: Option<String>,
}

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(search, create))
        .routes(routes!(nearest))
        .routes(routes!(review))
        .routes(routes!(geojson))
        .routes(routes!(booklet))
        .routes(routes!(read, update, remove))
        .routes(routes!(import))
        .routes(routes!(export))
        .routes(routes!(prayer_times))
        .routes(routes!(qibla))
}

/// Search results, nearest first, with how many matched in all.
#[derive(Serialize, ToSchema)]
pub struct PlacePage {
    pub items: Vec<PlaceHit>,
    pub total: usize,
    pub limit: usize,
    pub offset: usize,
}

impl IntoResponse for PlacePage {
    fn into_response(self) -> Response {
        Selected(self, None).into_response()
    }
}

/// A page of places with each place's keys narrowed to a `fields=`
/// selection (all of them without one).
struct Selected(PlacePage, Option<Selection>);

impl Serialize for Selected {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Items<'a>(&'a [PlaceHit], &'a Selection);
        impl Serialize for Items<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for hit in self.0 {
                    seq.serialize_element(&Only(hit, self.1))?;
                }
                seq.end()
            }
        }
        let Selected(page, selection) = self;
        let mut map = s.serialize_map(Some(4))?;
        match selection {
            Some(sel) => map.serialize_entry("items", &Items(&page.items, sel))?,
            None => map.serialize_entry("items", &page.items)?,
        }
        map.serialize_entry("total", &page.total)?;
        map.serialize_entry("limit", &page.limit)?;
        map.serialize_entry("offset", &page.offset)?;
        map.end()
    }
}

impl IntoResponse for Selected {
    /// JSON written once into a buffer sized for the page (a place is
    /// under a kilobyte), not grown from a few bytes as `Json` does.
    fn into_response(self) -> Response {
        let per_item = if self.1.is_some() { 256 } else { 1024 };
        let mut body = Vec::with_capacity(64 + per_item * self.0.items.len());
        let page = &self.0;
        match select::write_page(
            &mut body,
            &page.items,
            self.1.as_ref(),
            [page.total, page.limit, page.offset],
        ) {
            Ok(()) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
            Err(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()).into_response(),
        }
    }
}

/// The `fields=` parameter, if given.
fn selection(q: &mut Query, errors: &mut Vec<FieldError>) -> Option<Selection> {
    let raw = q.remove("fields")?;
    Selection::parse(&raw).map_err(|e| errors.push(e)).ok()
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
    // The API is strict where the map page's plain form is not: a filter
    // given must have a value.
    for name in ["category", "assurance", "prayer_space", "open_now", "at"] {
        if q.get(name).is_some_and(|v| v.trim().is_empty()) {
            q.remove(name);
            errors.push(FieldError::new(
                name,
                "required",
                format!("{name} is given without a value"),
            ));
        }
    }
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

/// The k places nearest a point, nearest first, with filters (public).
#[utoipa::path(get, path = "/api/v1/places/nearest", tag = "map", operation_id = "nearest_places",
    params(
        ("lat" = f64, Query, minimum = -90, maximum = 90, description = "WGS 84 latitude"),
        ("lon" = f64, Query, minimum = -180, maximum = 180, description = "WGS 84 longitude"),
        ("k" = Option<u32>, Query, minimum = 1, maximum = 1000, description = "How many (default 10)"),
        FilterParams),
    responses((status = 200, description = "Places with distance_m", body = PlacePage)))]
async fn nearest(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Selected> {
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
    let fields = selection(&mut q, &mut errors);
    if !q.is_empty() {
        no_leftovers(&q, &format!("lat, lon, k, {FILTER_PARAMS}"))?;
    }
    finish(errors)?;
    let (Some(lat), Some(lon)) = (lat, lon) else {
        return Err(ApiError::invalid(vec![FieldError::required("lat")]));
    };
    let items = app.nearest_places(lat, lon, k, &f).await?;
    Ok(Selected(
        PlacePage {
            total: items.len(),
            limit: k,
            offset: 0,
            items,
        },
        fields,
    ))
}

/// Places in a box (`bbox=w,s,e,n`), within a radius (`near=lat,lon` with
/// `radius_m`), or all; with filters, `limit` (default 100, at most 1000)
/// and `offset` (public).
#[utoipa::path(get, path = "/api/v1/places", tag = "map", operation_id = "search_places",
    params(
        ("bbox" = Option<String>, Query, description = "west,south,east,north in degrees; west > east crosses the antimeridian"),
        ("near" = Option<String>, Query, description = "lat,lon to search around (with radius_m)"),
        ("radius_m" = Option<f64>, Query, exclusive_minimum = 0, description = "Metres around near"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 1000, description = "Page size (default 100)"),
        ("offset" = Option<u32>, Query, minimum = 0, maximum = 4294967295_u32, description = "Results to skip"),
        FilterParams),
    responses((status = 200, description = "A page of places", body = PlacePage)))]
async fn search(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Selected> {
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
    let offset = whole(&mut q, "offset", 0, u32::MAX as usize, &mut errors);
    let f = filter(&mut q, &mut errors);
    let fields = selection(&mut q, &mut errors);
    no_leftovers(&q, &format!("bbox, near, radius_m, limit, offset, {FILTER_PARAMS}"))?;
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
    Ok(Selected(
        PlacePage {
            items,
            total,
            limit,
            offset,
        },
        fields,
    ))
}

/// A place as a search shows it (public).
#[utoipa::path(get, path = "/api/v1/places/{id}", tag = "map", operation_id = "get_place",
    params(("id" = i64, Path, minimum = 1, description = "The place's id")),
    responses((status = 200, description = "The place", body = PlaceHit)))]
async fn read(State(app): AppState, Path(id): Path<String>) -> ApiResult<Json<PlaceHit>> {
    Ok(Json(app.place(parse_id(&id)?).await?))
}

/// Add a place.
#[utoipa::path(post, path = "/api/v1/places", tag = "map", operation_id = "create_place",
    security(("bearerAuth" = [])), request_body = PlaceFields,
    responses((status = 201, description = "Created", body = PlaceHit)))]
async fn create(
    crate::acting::Acting(app): crate::acting::Acting,
    JsonBody(fields): JsonBody<PlaceFields>,
) -> ApiResult<(StatusCode, Json<PlaceHit>)> {
    let p = app.create_place(fields).await?;
    Ok((StatusCode::CREATED, Json(app.place(p.id).await?)))
}

/// Replace a place's fields as of the version read (`If-Match`).
#[utoipa::path(put, path = "/api/v1/places/{id}", tag = "map", operation_id = "update_place",
    security(("bearerAuth" = [])), request_body = PlaceFields,
    params(("id" = i64, Path, minimum = 1, description = "The place's id"),
           ("If-Match" = String, Header, pattern = r#"^(W/)?"?[0-9]{1,18}"?$"#, description = "The version the change was made from (e.g. \"3\")")),
    responses((status = 200, description = "Updated", body = PlaceHit),
              (status = 409, description = "Changed by someone else since that version; nothing was written", body = ErrorBody),
              (status = 428, description = "No If-Match", body = ErrorBody)))]
async fn update(
    crate::acting::Acting(app): crate::acting::Acting,
    Path(id): Path<String>,
    IfMatch(version): IfMatch,
    JsonBody(fields): JsonBody<PlaceFields>,
) -> ApiResult<Json<PlaceHit>> {
    let p = app.update_place(parse_id(&id)?, version, fields).await?;
    Ok(Json(app.place(p.id).await?))
}

/// Delete a place.
#[utoipa::path(delete, path = "/api/v1/places/{id}", tag = "map", operation_id = "delete_place",
    security(("bearerAuth" = [])), params(("id" = i64, Path, minimum = 1, description = "The place's id")),
    responses((status = 204, description = "Deleted")))]
async fn remove(crate::acting::Acting(app): crate::acting::Acting, Path(id): Path<String>) -> ApiResult<StatusCode> {
    app.delete_place(parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Certificates ending within 30 days, ended ones, and places unchecked for a year.
#[utoipa::path(get, path = "/api/v1/places/review", tag = "map", operation_id = "review_places",
    security(("bearerAuth" = [])),
    responses((status = 200, description = "Places to look at", body = PlaceReview)))]
async fn review(State(app): AppState, QueryMap(q): QueryMap) -> ApiResult<Response> {
    no_leftovers(&q, "no parameters")?;
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

/// Every place as a GeoJSON (RFC 7946) FeatureCollection; OpenStreetMap
/// data keeps its ODbL attribution (public).
#[utoipa::path(get, path = "/api/v1/places.geojson", tag = "map", operation_id = "places_geojson",
    responses((status = 200, description = "A FeatureCollection of points with flat properties",
               content_type = "application/geo+json", body = Object)))]
async fn geojson(State(app): AppState, QueryMap(q): QueryMap) -> ApiResult<Response> {
    no_leftovers(&q, "no parameters")?;
    Ok(geojson_response(app.export_geojson().await?, false))
}

/// Every place as a file: GeoJSON (default) or CSV.
#[utoipa::path(get, path = "/api/v1/exports/places", tag = "exports", operation_id = "export_places",
    security(("bearerAuth" = [])),
    params(("format" = Option<String>, Query, description = "geojson (default) or csv", pattern = "^(geojson|csv)$")),
    responses((status = 200, description = "The file", content(
        (Object = "application/geo+json"),
        (String = "text/csv")))))]
async fn export(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let format = q.remove("format").unwrap_or_else(|| "geojson".into());
    no_leftovers(&q, "format")?;
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

/// Import places from GeoJSON, CSV or OpenStreetMap (XML or PBF), by
/// `format=` or else the Content-Type: all or none; a place already
/// recorded under the same source and source id is updated. From
/// OpenStreetMap only places of the map are taken (diet:halal, mosques,
/// prayer rooms), with their node/way/relation id and ODbL's attribution;
/// problems name the object. An OpenStreetMap object that cannot become a
/// place is left out and reported (`left_out`, by reason), a missing name
/// is taken from brand, operator or category and street, `https://` is added
/// to a website without one, and unreadable opening hours are kept as text
/// (each in `warnings`); with `strict=true` any such problem refuses the file.
///
/// Limit: a body of at most 20 MB (413 past it, nothing written).
#[utoipa::path(post, path = "/api/v1/imports/places", tag = "imports", operation_id = "import_places",
    security(("bearerAuth" = [])),
    params(("dry_run" = Option<bool>, Query, description = "Check only, write nothing"),
           ("format" = Option<String>, Query, description = "geojson, csv, osm or pbf; overrides the Content-Type", pattern = "^(geojson|csv|osm|pbf)$"),
           ("strict" = Option<bool>, Query, description = "Refuse the whole file over any OpenStreetMap object that cannot become a place, rather than leave it out")),
    request_body(content(
        (Object = "application/geo+json"),
        (Object = "application/json"),
        (String = "text/csv"),
        (String = "application/vnd.openstreetmap.data+xml"),
        (String = "application/xml"),
        (String = "text/xml"),
        (Vec<u8> = "application/x-protobuf"),
        (Vec<u8> = "application/octet-stream"))),
    responses((status = 200, description = "Imported (or checked)", body = PlaceImportReport),
              (status = 413, description = "A body over 20 MB; nothing written", body = ErrorBody)))]
async fn import(
    crate::acting::Acting(app): crate::acting::Acting,
    headers: HeaderMap,
    QueryMap(mut q): QueryMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<Response> {
    let body = super::training::upload(body)?;
    let dry_run = take_dry_run(&mut q)?;
    let named = q.remove("format");
    let strict = match q.remove("strict").as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::bad_request(
                "strict",
                format!("\"{other}\" is not true or false"),
            ));
        }
    };
    no_leftovers(&q, "dry_run, format, strict")?;
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
    Ok(Json(app.import_places_with(format, &body, dry_run, strict).await?).into_response())
}

/// The booklet's fonts: the embedded ones, after any named by
/// `KIZUNA_PDF_FONTS`, read once; a problem with a named file is only logged
/// (it names the server's paths) and the embedded fonts are used alone.
static BOOKLET_FONTS: std::sync::OnceLock<Arc<BookletFonts>> = std::sync::OnceLock::new();
/// The land shapes of the booklet's maps, decoded once.
static BOOKLET_LAND: std::sync::OnceLock<Option<Land>> = std::sync::OnceLock::new();

pub fn booklet_fonts() -> Arc<BookletFonts> {
    BOOKLET_FONTS
        .get_or_init(|| {
            Arc::new(BookletFonts::discover().unwrap_or_else(|e| {
                tracing::error!("the booklet's fonts named by KIZUNA_PDF_FONTS are left out: {e}");
                BookletFonts::embedded()
            }))
        })
        .clone()
}

pub fn booklet_land() -> Option<&'static Land> {
    BOOKLET_LAND
        .get_or_init(|| {
            let bytes = crate::assets::embedded("land-10m.json")?;
            Land::from_topojson(bytes)
                .map_err(|e| tracing::warn!("the booklet's maps are drawn without land: {e}"))
                .ok()
        })
        .as_ref()
}

/// The printable A4 PDF booklet: every place by area, with its assurance
/// level and a small map (public).
#[utoipa::path(get, path = "/api/v1/places/booklet.pdf", tag = "map", operation_id = "places_booklet",
    params(("lang" = Option<String>, Query, description = "en (default), ja, th or ms", pattern = "^(en|ja|th|ms)$")),
    responses((status = 200, description = "The booklet", content_type = "application/pdf", body = Vec<u8>),
              (status = 503, description = "The booklet cannot be made now (the reason is in the server's log)", body = ErrorBody)))]
async fn booklet(State(app): AppState, QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let raw = q.remove("lang").unwrap_or_else(|| "en".to_owned());
    no_leftovers(&q, "lang")?;
    let lang = Lang::parse(&raw).map_err(|e| ApiError::invalid(vec![e]))?;
    let pdf = match app.booklet_pdf(lang, booklet_fonts(), booklet_land()).await {
        Ok(pdf) => pdf,
        Err(BookletFailure::App(e)) => return Err(e.into()),
        Err(e) => {
            // The reason may name the server's files: for its log only.
            tracing::error!("the booklet in {lang} could not be made: {e}");
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "booklet_unavailable",
                kizuna_i18n::message(lang, "booklet-unavailable", &[]),
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
        pdf.to_vec(),
    )
        .into_response())
}

/// What a prayer-time request names.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct PrayerParams {
    /// WGS 84 latitude.
    #[param(minimum = -90, maximum = 90)]
    lat: f64,
    /// WGS 84 longitude.
    #[param(minimum = -180, maximum = 180)]
    lon: f64,
    /// The local date, YYYY-MM-DD.
    date: chrono::NaiveDate,
    /// IANA time zone (default Asia/Tokyo).
    tz: Option<String>,
    /// MuslimWorldLeague (default), Egyptian, Karachi, UmmAlQura, Dubai, MoonsightingCommittee,
    /// NorthAmerica, Kuwait, Qatar, Singapore, Tehran, Turkey.
    method: Option<String>,
    /// Shafi (default) or Hanafi.
    madhab: Option<String>,
    /// MiddleOfTheNight, SeventhOfTheNight or TwilightAngle (default: by latitude).
    high_latitude_rule: Option<String>,
}

/// A day's prayer times at a position, in a time zone, by the Adhan
/// libraries' methods (public).
#[utoipa::path(get, path = "/api/v1/prayer-times", tag = "map", operation_id = "prayer_times",
    params(PrayerParams),
    responses((status = 200, description = "Times as RFC 3339 timestamps with the zone's offset", body = LocalPrayerTimes)))]
async fn prayer_times(QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let mut take = |k: &str| q.remove(k).unwrap_or_default();
    let r = kizuna_app::map::prayer::PrayerRequest {
        lat: take("lat"),
        lon: take("lon"),
        date: take("date"),
        tz: take("tz"),
        method: take("method"),
        madhab: take("madhab"),
        high_latitude_rule: take("high_latitude_rule"),
    };
    no_leftovers(&q, "lat, lon, date, tz, method, madhab, high_latitude_rule")?;
    Ok(Json(kizuna_app::map::prayer::prayer_times(&r)?).into_response())
}

/// The bearing to the Kaaba.
#[derive(Serialize, ToSchema)]
pub struct Qibla {
    /// Initial great-circle bearing, degrees clockwise from true north.
    pub bearing_deg: f64,
}

/// The qibla from a position (public).
#[utoipa::path(get, path = "/api/v1/qibla", tag = "map", operation_id = "qibla",
    params(("lat" = f64, Query, minimum = -90, maximum = 90, description = "WGS 84 latitude"),
           ("lon" = f64, Query, minimum = -180, maximum = 180, description = "WGS 84 longitude")),
    responses((status = 200, description = "Bearing to the Kaaba", body = Qibla)))]
async fn qibla(QueryMap(mut q): QueryMap) -> ApiResult<Response> {
    let (lat, lon) = (q.remove("lat").unwrap_or_default(), q.remove("lon").unwrap_or_default());
    no_leftovers(&q, "lat, lon")?;
    let bearing = kizuna_app::map::prayer::qibla(&lat, &lon)?;
    Ok(Json(Qibla { bearing_deg: bearing }).into_response())
}
