//! The OpenAPI 3.1 document, generated from the same collection table the
//! router is built from, with schemas derived from the domain types.

use serde_json::{Value, json};
use utoipa::ToSchema;
use utoipa::openapi::{RefOr, schema::Schema};

use crate::api::collections;

fn add<T: ToSchema>(schemas: &mut Vec<(String, RefOr<Schema>)>) {
    schemas.push((T::name().into_owned(), T::schema()));
    T::schemas(schemas);
}

fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn error_responses() -> Value {
    json!({
        "400": {"description": "A parameter could not be read", "content": {"application/json": {"schema": r("ErrorBody")}}},
        "404": {"description": "No such record", "content": {"application/json": {"schema": r("ErrorBody")}}},
        "422": {"description": "Invalid input; each error names its field", "content": {"application/json": {"schema": r("ErrorBody")}}}
    })
}

fn with_errors(mut ok: Value) -> Value {
    if let (Some(map), Value::Object(errs)) = (ok.as_object_mut(), error_responses()) {
        map.extend(errs);
    }
    ok
}

fn json_ok(code: &str, description: &str, schema: Value) -> Value {
    with_errors(json!({code: {"description": description, "content": {"application/json": {"schema": schema}}}}))
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn report_params() -> Vec<Value> {
    vec![
        query(
            "as_of",
            "Count editions started on or before this date (default: today in Japan)",
            json!({"type": "string", "format": "date"}),
        ),
        query(
            "fiscal_year",
            "Japanese fiscal year, e.g. 2007, FY2007 or 平成19年度",
            json!({"type": "string"}),
        ),
        query("country", "ISO 3166-1 alpha-2 nationality", json!({"type": "string"})),
        query("region", "Region", r("Region")),
        query("programme_id", "Course (programme id)", json!({"type": "integer"})),
        query("gender", "Gender", r("Gender")),
    ]
}

fn paging() -> Vec<Value> {
    vec![
        query(
            "limit",
            "Page size, 1-1000 (default 100)",
            json!({"type": "integer", "minimum": 1, "maximum": 1000}),
        ),
        query("offset", "Records to skip", json!({"type": "integer", "minimum": 0})),
    ]
}

fn page_of(schema: &str) -> Value {
    json!({
        "type": "object",
        "required": ["items", "total", "limit", "offset"],
        "properties": {"items": {"type": "array", "items": r(schema)}, "total": {"type": "integer"},
                        "limit": {"type": "integer"}, "offset": {"type": "integer"}}
    })
}

/// The OpenAPI document served at `/api/openapi.json`.
pub fn openapi() -> Value {
    use kizuna_domain::common::locality::*;
    use kizuna_domain::common::organisation::*;
    use kizuna_domain::common::person::*;
    use kizuna_domain::common::programme::*;
    use kizuna_domain::exchanges::award::*;
    use kizuna_domain::training::edition::*;
    use kizuna_domain::training::participation::*;
    use kizuna_domain::training::session::*;
    use kizuna_domain::training::stats::*;

    let mut schemas = Vec::new();
    add::<Locality>(&mut schemas);
    add::<LocalityInput>(&mut schemas);
    add::<Organisation>(&mut schemas);
    add::<OrganisationInput>(&mut schemas);
    add::<Person>(&mut schemas);
    add::<PersonInput>(&mut schemas);
    add::<Programme>(&mut schemas);
    add::<ProgrammeInput>(&mut schemas);
    add::<Edition>(&mut schemas);
    add::<EditionInput>(&mut schemas);
    add::<Participation>(&mut schemas);
    add::<ParticipationInput>(&mut schemas);
    add::<Session>(&mut schemas);
    add::<SessionInput>(&mut schemas);
    add::<Attendance>(&mut schemas);
    add::<Award>(&mut schemas);
    add::<AwardInput>(&mut schemas);
    add::<TraineeReport>(&mut schemas);
    add::<Gender>(&mut schemas);
    add::<kizuna_domain::common::Region>(&mut schemas);
    add::<crate::error::ErrorBody>(&mut schemas);
    add::<crate::api::CountryOut>(&mut schemas);
    add::<kizuna_app::training::transfer::ImportReport>(&mut schemas);
    add::<kizuna_app::training::transfer::RowError>(&mut schemas);
    add::<kizuna_app::map::prayer::LocalPrayerTimes>(&mut schemas);
    let mut components = serde_json::Map::new();
    for (name, schema) in schemas {
        components.insert(name, serde_json::to_value(schema).unwrap_or(Value::Null));
    }
    components.insert(
        "RoleHeld".into(),
        json!({"type": "object", "properties": {
            "participation_id": {"type": "integer"}, "role": r("ParticipationRole"), "status": r("ParticipationStatus"),
            "fiscal_year": {"type": "integer"}, "edition_id": {"type": "integer"}, "edition_key": {"type": "string"},
            "programme_id": {"type": "integer"}, "programme_title": r("LocalText")}}),
    );

    let mut paths = serde_json::Map::new();
    for c in collections() {
        let mut params: Vec<Value> = c
            .filters
            .iter()
            .map(|f| {
                query(
                    f,
                    &format!("Only records whose {f} equals this"),
                    json!({"type": "string"}),
                )
            })
            .collect();
        params.extend(paging());
        let tag = c.path;
        paths.insert(
            format!("/api/v1/{}", c.path),
            json!({
                "get": {"tags": [tag], "summary": format!("List {}", c.path), "operationId": format!("list_{}", c.path),
                        "parameters": params, "responses": json_ok("200", "A page of records", page_of(c.schema))},
                "post": {"tags": [tag], "summary": format!("Create one of {}", c.path), "operationId": format!("create_{}", c.path),
                         "requestBody": {"required": true, "content": {"application/json": {"schema": r(c.input_schema)}}},
                         "responses": json_ok("201", "Created", r(c.schema))}
            }),
        );
        let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}});
        paths.insert(
            format!("/api/v1/{}/{{id}}", c.path),
            json!({
                "parameters": [id],
                "get": {"tags": [tag], "operationId": format!("get_{}", c.path), "responses": json_ok("200", "The record", r(c.schema))},
                "put": {"tags": [tag], "operationId": format!("update_{}", c.path),
                        "requestBody": {"required": true, "content": {"application/json": {"schema": r(c.input_schema)}}},
                        "responses": json_ok("200", "Updated", r(c.schema))},
                "delete": {"tags": [tag], "operationId": format!("delete_{}", c.path),
                           "responses": with_errors(json!({"204": {"description": "Deleted"}}))}
            }),
        );
    }
    let mut people_params = report_params();
    people_params.extend(paging());
    let file_formats = |formats: &[&str]| {
        query(
            "format",
            "File format",
            json!({"type": "string", "enum": formats, "default": "csv"}),
        )
    };
    let files = json!({"description": "The file", "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}},
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}});
    let extra = json!({
        "/healthz": {"get": {"tags": ["system"], "operationId": "healthz", "responses": {"200": {"description": "The database answers"}, "503": {"description": "The database does not answer"}}}},
        "/api/openapi.json": {"get": {"tags": ["system"], "operationId": "openapi", "responses": {"200": {"description": "This document"}}}},
        "/api/v1/countries": {"get": {"tags": ["reference"], "operationId": "list_countries",
            "responses": {"200": {"description": "ISO 3166-1 countries with names and regions", "content": {"application/json": {"schema": {"type": "array", "items": r("CountryOut")}}}}}}},
        "/api/v1/reports/trainees": {"get": {"tags": ["reports"], "operationId": "trainee_report",
            "summary": "Trainees and countries as of a date, by fiscal year, country, region, course and gender",
            "parameters": report_params(), "responses": json_ok("200", "The report", r("TraineeReport"))}},
        "/api/v1/reports/trainees/people": {"get": {"tags": ["reports"], "operationId": "trainee_report_people",
            "summary": "The people behind a figure of the trainee report",
            "parameters": people_params, "responses": json_ok("200", "A page of people", page_of("Person"))}},
        "/api/v1/people/{id}/roles": {"get": {"tags": ["people"], "operationId": "person_roles",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "responses": json_ok("200", "Every role held, oldest first", json!({"type": "array", "items": r("RoleHeld")}))}},
        "/api/v1/sessions/{id}/attendance": {
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
            "get": {"tags": ["sessions"], "operationId": "get_attendance", "responses": json_ok("200", "Attendance", json!({"type": "array", "items": r("Attendance")}))},
            "put": {"tags": ["sessions"], "operationId": "mark_attendance",
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": r("Attendance")}}}},
                    "responses": json_ok("200", "Attendance after marking", json!({"type": "array", "items": r("Attendance")}))}},
        "/api/v1/imports/trainees": {"post": {"tags": ["imports"], "operationId": "import_trainees",
            "summary": "Import trainees from CSV or XLSX: all rows or none",
            "parameters": [query("dry_run", "Check only, write nothing", json!({"type": "boolean", "default": false}))],
            "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": with_errors(json!({"200": {"description": "Imported", "content": {"application/json": {"schema": r("ImportReport")}}},
                                             "415": {"description": "Not CSV or XLSX", "content": {"application/json": {"schema": r("ErrorBody")}}}}))}},
        "/api/v1/prayer-times": {"get": {"tags": ["map"], "operationId": "prayer_times",
            "summary": "A day's prayer times at a position, in a time zone (Adhan-compatible calculation)",
            "parameters": [
                {"name": "lat", "in": "query", "required": true, "schema": {"type": "number", "minimum": -90, "maximum": 90}},
                {"name": "lon", "in": "query", "required": true, "schema": {"type": "number", "minimum": -180, "maximum": 180}},
                {"name": "date", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}},
                query("tz", "IANA time zone (default Asia/Tokyo)", json!({"type": "string"})),
                query("method", "MuslimWorldLeague (default), Egyptian, Karachi, UmmAlQura, Dubai, MoonsightingCommittee, NorthAmerica, Kuwait, Qatar, Singapore, Tehran, Turkey", json!({"type": "string"})),
                query("madhab", "Shafi (default) or Hanafi", json!({"type": "string"})),
                query("high_latitude_rule", "MiddleOfTheNight, SeventhOfTheNight or TwilightAngle (default: by latitude)", json!({"type": "string"}))],
            "responses": json_ok("200", "Times as RFC 3339 timestamps with the zone's offset", r("LocalPrayerTimes"))}},
        "/api/v1/qibla": {"get": {"tags": ["map"], "operationId": "qibla",
            "parameters": [
                {"name": "lat", "in": "query", "required": true, "schema": {"type": "number"}},
                {"name": "lon", "in": "query", "required": true, "schema": {"type": "number"}}],
            "responses": json_ok("200", "Bearing to the Kaaba", json!({"type": "object", "properties": {"bearing_deg": {"type": "number"}}}))}},
        "/api/v1/exports/trainees": {"get": {"tags": ["exports"], "operationId": "export_trainees",
            "parameters": [file_formats(&["csv", "xlsx", "json"])], "responses": with_errors(json!({"200": files}))}},
        "/api/v1/templates/trainees": {"get": {"tags": ["imports"], "operationId": "trainee_template",
            "parameters": [file_formats(&["csv", "xlsx"])], "responses": with_errors(json!({"200": files}))}},
        "/api/v1/places/nearest": crate::api_places::openapi_path("/api/v1/places/nearest"),
        "/api/v1/places": crate::api_places::openapi_path("/api/v1/places"),
        "/api/v1/places/review": crate::api_places::openapi_path("/api/v1/places/review"),
        "/api/v1/places/{id}": crate::api_places::openapi_path("/api/v1/places/{id}"),
        "/api/v1/places.geojson": crate::api_places::openapi_path("/api/v1/places.geojson"),
        "/api/v1/places/booklet.pdf": crate::api_places::openapi_path("/api/v1/places/booklet.pdf"),
        "/api/v1/exports/places": crate::api_places::openapi_path("/api/v1/exports/places"),
        "/api/v1/imports/places": crate::api_places::openapi_path("/api/v1/imports/places")
    });
    if let Value::Object(extra) = extra {
        paths.extend(extra);
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Kizuna API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Records, statistics and exchanges of a regional international-cooperation office."},
        "paths": paths,
        "components": {"schemas": components}
    })
}
