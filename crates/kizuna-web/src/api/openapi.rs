//! The OpenAPI 3.1 document, as `utoipa-axum` collects it from the
//! handlers, finished in one pass: record schemas written out whole (a
//! record is its input's fields with `id`, `version` and `office_id`), the
//! error answers every operation can give, the list filters each
//! collection takes (from the application's declaration of them), and the
//! access table the API guard reads.

use std::collections::HashMap;

use serde_json::{Map, Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{InfoBuilder, OpenApi, OpenApiBuilder};

use super::{ADMIN_ROLE, STAFF};

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Staff and administrators (API token, or session cookie with the
    /// CSRF header on writes).
    Staff,
    /// Administrators only (declared as the `bearerAuth` requirement with
    /// the role `admin`): bulk personal-data exports.
    Admin,
}

/// Each operation's access, by method and route template
/// (`("PUT", "/api/v1/people/{id}")`), read from the document.
#[derive(Debug, Default, Clone)]
pub struct AccessTable(HashMap<(String, String), Access>);

impl AccessTable {
    /// The access an operation declares; `None` for a route the API does not have.
    pub fn get(&self, method: &str, route: &str) -> Option<Access> {
        self.0.get(&(method.to_ascii_uppercase(), route.to_owned())).copied()
    }

    /// Every operation: method, route, access.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, Access)> {
        self.0.iter().map(|((m, p), a)| (m.as_str(), p.as_str(), *a))
    }
}

/// The finished document and the access table read from it.
pub struct Openapi {
    pub document: Value,
    pub access: AccessTable,
}

/// What the document says before any operation is added.
pub fn base() -> OpenApi {
    let mut doc = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Kizuna API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "Records, statistics and exchanges of a regional international-cooperation office. \
                     Errors are JSON with a stable error.code and the fields or rows concerned. \
                     Updates name the version they were made from in If-Match; a record changed \
                     since answers 409 (stale_version) and nothing is written.",
                ))
                .build(),
        )
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        STAFF,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "An API token of a staff account (kizuna token create). A signed-in browser may \
                     instead send its session cookie, with the X-CSRF-Token header on writes. \
                     A token's scope is read (GET and HEAD only; other methods answer 403 \
                     read_only_token) or write; a revoked or expired token answers 401 like a wrong \
                     one. Operations that list the role admin take administrators' tokens only.",
                ))
                .build(),
        ),
    );
    doc
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

fn error(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}})
}

/// Finish the document `utoipa-axum` collected (see the module documentation).
pub fn finish(doc: OpenApi, filters: &[(&str, Vec<(&str, &str)>)]) -> Openapi {
    let mut v = serde_json::to_value(&doc).unwrap_or(Value::Null);
    flatten_records(&mut v);
    let mut access = AccessTable::default();
    if let Some(paths) = v.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else { continue };
            for method in METHODS {
                let Some(op) = item.get_mut(method).and_then(Value::as_object_mut) else {
                    continue;
                };
                let requirement = op
                    .get("security")
                    .and_then(Value::as_array)
                    .and_then(|s| s.iter().find_map(|r| r.get(STAFF)));
                let staff = requirement.is_some();
                let admin = requirement
                    .and_then(Value::as_array)
                    .is_some_and(|roles| roles.iter().any(|r| r == ADMIN_ROLE));
                access.0.insert(
                    (method.to_ascii_uppercase(), path.clone()),
                    match (staff, admin) {
                        (_, true) => Access::Admin,
                        (true, false) => Access::Staff,
                        (false, false) => Access::Public,
                    },
                );
                if !staff {
                    // Public: no security at all, not an empty requirement.
                    op.remove("security");
                }
                if method == "get"
                    && let Some((_, list)) = filters.iter().find(|(p, _)| p == path)
                {
                    let params = op.entry("parameters").or_insert_with(|| json!([]));
                    if let Some(params) = params.as_array_mut() {
                        for (name, ty) in list {
                            // An integer filter is read as a 64-bit integer: say so,
                            // with its bounds, so that what the document allows is read.
                            let schema = if *ty == "integer" {
                                json!({"type": ty, "format": "int64", "minimum": i64::MIN, "maximum": i64::MAX})
                            } else {
                                json!({"type": ty})
                            };
                            params.push(json!({
                                "name": name, "in": "query", "required": false,
                                "description": format!("Only records whose {name} equals this"),
                                "schema": schema
                            }));
                        }
                    }
                }
                let body = op.contains_key("requestBody");
                let responses = op.entry("responses").or_insert_with(|| json!({}));
                let Some(responses) = responses.as_object_mut() else {
                    continue;
                };
                let mut add = |code: &str, description: &str| {
                    responses.entry(code.to_owned()).or_insert_with(|| error(description));
                };
                add("400", "A parameter or the body could not be read");
                add("422", "Invalid input; each error names its field (or row)");
                if path.contains('{') {
                    add("404", "No such record");
                }
                if staff {
                    add("401", "Not signed in: send Authorization: Bearer TOKEN");
                    add(
                        "403",
                        "This account may not do this (forbidden; some operations are for administrators), \
                         a read-only token tried to write (read_only_token), or a session write came \
                         without X-CSRF-Token",
                    );
                }
                if body {
                    add("413", "The body is larger than this endpoint takes");
                    add("415", "The body is not of a media type this endpoint takes");
                }
                add("405", "This endpoint does not take that method");
            }
        }
    }
    Openapi { document: v, access }
}

/// Write every schema that is `allOf` of object schemas (a record: its
/// input's fields beside `id`, `version` and `office_id`), wherever it is
/// (components, or inline as in a list page's items), as one object with
/// all their properties, so that a record validates against it; the input
/// alone keeps refusing unknown fields.
fn flatten_records(doc: &mut Value) {
    // A record may be made of another that is itself made of parts (a
    // search result: its own fields beside a place's): a few passes.
    for _ in 0..4 {
        let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object).cloned() else {
            return;
        };
        walk(doc, &schemas);
    }
}

fn walk(v: &mut Value, schemas: &Map<String, Value>) {
    match v {
        Value::Object(m) => {
            for child in m.values_mut() {
                walk(child, schemas);
            }
            if let Some(flat) = m
                .get("allOf")
                .and_then(Value::as_array)
                .and_then(|parts| flat_of(parts, schemas))
            {
                let description = m.get("description").cloned();
                *m = flat;
                if let Some(d) = description {
                    m.insert("description".into(), d);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|c| walk(c, schemas)),
        _ => {}
    }
}

/// One object schema with every part's properties, if every part is an object.
fn flat_of(parts: &[Value], schemas: &Map<String, Value>) -> Option<Map<String, Value>> {
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    for part in parts {
        let p = match part.get("$ref").and_then(Value::as_str) {
            Some(r) => schemas
                .get(r.trim_start_matches("#/components/schemas/"))?
                .as_object()?
                .clone(),
            None => part.as_object()?.clone(),
        };
        if p.contains_key("allOf") || !(p.get("type") == Some(&json!("object")) || p.contains_key("properties")) {
            return None;
        }
        if let Some(props) = p.get("properties").and_then(Value::as_object) {
            properties.extend(props.clone());
        }
        for r in p.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !required.contains(r) {
                required.push(r.clone());
            }
        }
    }
    let mut out = Map::new();
    out.insert("type".into(), json!("object"));
    out.insert("properties".into(), Value::Object(properties));
    out.insert("required".into(), Value::Array(required));
    out.insert("additionalProperties".into(), json!(false));
    Some(out)
}
