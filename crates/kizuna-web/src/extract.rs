//! Extractors that turn bad requests into [`ApiError`]s naming the field,
//! instead of axum's plain-text rejections.

use std::collections::BTreeMap;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body, parsed so that errors name the field path.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let ct = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        if !ct.starts_with("application/json") {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("cannot read the body: {e}"),
            )
        })?;
        parse_json(&bytes).map(JsonBody)
    }
}

/// Whole numbers written with a fraction (`2.0`) as integers: JSON Schema
/// counts `2.0` as an integer, so a client may send one where the API
/// documents an integer.
fn whole_numbers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() <= 9_007_199_254_740_992.0
            {
                // Within ±2^53 the float is exactly this integer.
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *v = serde_json::Value::from(i);
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(whole_numbers),
        serde_json::Value::Object(m) => m.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// Parse JSON, reporting the path of the offending field. A body that
/// reads only once whole numbers written with a fraction are integers
/// (`2.0` for `2`) is taken so.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let first = serde_path_to_error::deserialize(de);
    let e = match first {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    if !(e.inner().is_syntax() || e.inner().is_eof())
        && let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(bytes)
    {
        whole_numbers(&mut value);
        if let Ok(v) = serde_json::from_value(value) {
            return Ok(v);
        }
    }
    Err(e).map_err(|e: serde_path_to_error::Error<serde_json::Error>| {
        let inner = e.inner().to_string();
        let mut path = e.path().to_string();
        // "missing field `x`" and "unknown field `x`" name the field in the
        // message; the path already ends with an unknown field's name.
        if let Some(name) = inner.split('`').nth(1)
            && (inner.starts_with("missing field")
                || (inner.starts_with("unknown field") && path != name && !path.ends_with(&format!(".{name}"))))
        {
            path = if path == "." {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            };
        }
        let message = inner.split(" at line ").next().unwrap_or(&inner).to_owned();
        let code = if inner.starts_with("missing field") {
            "required"
        } else if inner.starts_with("unknown field") {
            "unknown_field"
        } else if e.inner().is_syntax() || e.inner().is_eof() {
            "malformed_json"
        } else {
            "invalid"
        };
        let field = if path == "." { "body".to_owned() } else { path };
        ApiError::invalid(vec![kizuna_domain::FieldError::new(field, code, message)])
    })
}

/// Query parameters as a map, for validation by the application.
pub struct QueryMap(pub BTreeMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for QueryMap {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let q = parts.uri.query().unwrap_or("");
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q)
            .map_err(|e| ApiError::bad_request("query", format!("cannot read the query string: {e}")))?;
        let mut map = BTreeMap::new();
        for (k, v) in pairs {
            if map.insert(k.clone(), v).is_some() {
                return Err(ApiError::bad_request(&k, "given more than once"));
            }
        }
        Ok(QueryMap(map))
    }
}

/// The version an update was made from, from `If-Match` (`"3"`, `W/"3"`
/// or `3`): the ETag of the record as it was read. Required, so that no
/// client overwrites a change it has not seen.
pub struct IfMatch(pub i64);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, ApiError> {
        let Some(raw) = parts.headers.get(axum::http::header::IF_MATCH) else {
            return Err(ApiError::new(
                axum::http::StatusCode::PRECONDITION_REQUIRED,
                "version_required",
                "send If-Match with the record's version (its ETag, e.g. \"3\") so that a change made meanwhile is not overwritten",
            ));
        };
        let text = raw.to_str().unwrap_or("").trim();
        let bare = text.trim_start_matches("W/").trim_matches('"');
        bare.parse::<i64>().map(IfMatch).map_err(|_| {
            ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "bad_request",
                format!("If-Match: \"{text}\" is not a record version such as \"3\""),
            )
        })
    }
}
