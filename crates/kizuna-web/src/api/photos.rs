//! Photos of exchanges and other activities through the API (staff): a
//! record's photos, one photo's details, an upload (the image as the body,
//! its caption and the rest as parameters; checked by content, location
//! metadata removed, as on the console), a change of caption, date, credit
//! or public flag, and deletion. The image itself is at `/photos/{id}`.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use kizuna_domain::FieldError;
use kizuna_domain::common::{LocalText, Text};
use kizuna_domain::exchanges::photo::{Photo, PhotoInput, PhotoSubject};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AppState, no_leftovers, parse_id};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{JsonBody, QueryMap};
use crate::session::WebState;

pub fn routes() -> OpenApiRouter<WebState> {
    OpenApiRouter::new()
        .routes(routes!(list, upload))
        .routes(routes!(read, update, remove))
}

/// The record a photo shows: `subject` (its kind) and `subject_id`.
fn take_subject(q: &mut BTreeMap<String, String>, errors: &mut Vec<FieldError>) -> Option<(PhotoSubject, i64)> {
    let subject = match q.remove("subject") {
        None => {
            errors.push(FieldError::new(
                "subject",
                "required",
                "name the kind of record the photo shows",
            ));
            None
        }
        Some(raw) => match raw.parse::<PhotoSubject>() {
            Ok(s) => Some(s),
            Err(_) => {
                let kinds: Vec<&str> = PhotoSubject::ALL.iter().map(|s| s.as_str()).collect();
                errors.push(FieldError::new(
                    "subject",
                    "unknown_value",
                    format!("\"{raw}\" is not a kind of record; use {}", kinds.join(", ")),
                ));
                None
            }
        },
    };
    let id = match q.remove("subject_id") {
        None => {
            errors.push(FieldError::new(
                "subject_id",
                "required",
                "give the id of the record the photo shows",
            ));
            None
        }
        Some(raw) => match raw.parse::<i64>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                errors.push(FieldError::new(
                    "subject_id",
                    "invalid_id",
                    format!("\"{raw}\" is not a record id (a positive whole number)"),
                ));
                None
            }
        },
    };
    Some((subject?, id?))
}

#[utoipa::path(get, path = "/api/v1/photos", tag = "exchanges", operation_id = "list_photos",
    security(("bearerAuth" = [])),
    params(("subject" = String, Query, description = "The kind of record: delegation, dispatch, symposium, courtesy_call, award, activity, session or placement",
            pattern = "^(delegation|dispatch|symposium|courtesy_call|award|activity|session|placement)$"),
           ("subject_id" = i64, Query, minimum = 1, description = "The record's id")),
    responses((status = 200, description = "The record's photos, oldest first", body = Vec<Photo>)))]
async fn list(app: AppState, QueryMap(mut q): QueryMap) -> ApiResult<Json<Vec<Photo>>> {
    let mut errors = Vec::new();
    let subject = take_subject(&mut q, &mut errors);
    errors.extend(
        no_leftovers(&q, "subject, subject_id")
            .err()
            .map(|e| e.detail.fields)
            .unwrap_or_default(),
    );
    match subject {
        Some((subject, id)) if errors.is_empty() => Ok(Json(app.photos_of(subject, id).await?)),
        _ => Err(ApiError::invalid(errors)),
    }
}

#[utoipa::path(post, path = "/api/v1/photos", tag = "exchanges", operation_id = "upload_photo",
    security(("bearerAuth" = [])),
    params(("subject" = String, Query, description = "The kind of record the photo shows",
            pattern = "^(delegation|dispatch|symposium|courtesy_call|award|activity|session|placement)$"),
           ("subject_id" = i64, Query, minimum = 1, description = "The record's id"),
           ("caption_en" = Option<String>, Query, description = "The caption in English; at least one language is required"),
           ("caption_ja" = Option<String>, Query, description = "The caption in Japanese"),
           ("caption_th" = Option<String>, Query, description = "The caption in Thai"),
           ("caption_ms" = Option<String>, Query, description = "The caption in Malay"),
           ("taken_on" = Option<chrono::NaiveDate>, Query, description = "The day it was taken (not in the future)"),
           ("credit" = Option<String>, Query, description = "Who took it"),
           ("public" = Option<bool>, Query, description = "Shown to the public when its record is public (default false)"),
           ("file_name" = Option<String>, Query, description = "The file's name, for messages")),
    request_body(content(
        (Vec<u8> = "image/jpeg"),
        (Vec<u8> = "image/png"),
        (Vec<u8> = "image/webp"),
        (Vec<u8> = "application/octet-stream"))),
    responses((status = 201, description = "Kept, its location metadata removed", body = Photo),
              (status = 413, description = "A body over the largest file an upload takes; nothing written", body = ErrorBody)))]
async fn upload(
    app: AppState,
    QueryMap(mut q): QueryMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<Response> {
    let body = super::training::upload(body)?;
    let mut errors = Vec::new();
    let subject = take_subject(&mut q, &mut errors);
    let mut caption: [Option<Text>; 4] = Default::default();
    for (slot, lang) in caption.iter_mut().zip(["en", "ja", "th", "ms"]) {
        let field = format!("caption_{lang}");
        if let Some(raw) = q.remove(&field).filter(|s| !s.trim().is_empty()) {
            match Text::parse(&raw) {
                Ok(t) => *slot = Some(t),
                Err(e) => errors.push(e.at(&field)),
            }
        }
    }
    let [en, ja, th, ms] = caption;
    let caption = if errors.iter().any(|e| e.field.starts_with("caption_")) {
        None
    } else {
        match LocalText::new(en, ja, th, ms) {
            Ok(c) => Some(c),
            Err(e) => {
                errors.push(e.at("caption_en"));
                None
            }
        }
    };
    let taken_on = match q.remove("taken_on").filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => match raw.parse::<chrono::NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new(
                    "taken_on",
                    "invalid_date",
                    format!("\"{raw}\" is not a date (YYYY-MM-DD)"),
                ));
                None
            }
        },
    };
    let credit = match q.remove("credit").filter(|s| !s.trim().is_empty()) {
        None => None,
        Some(raw) => match Text::parse(&raw) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(e.at("credit"));
                None
            }
        },
    };
    let public = match q.remove("public").as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            errors.push(FieldError::new(
                "public",
                "invalid_bool",
                format!("\"{other}\" is not true or false"),
            ));
            false
        }
    };
    let file_name = q.remove("file_name").unwrap_or_else(|| "photo".into());
    errors.extend(
        no_leftovers(
            &q,
            "subject, subject_id, caption_en, caption_ja, caption_th, caption_ms, taken_on, credit, public, file_name",
        )
        .err()
        .map(|e| e.detail.fields)
        .unwrap_or_default(),
    );
    let (Some((subject, subject_id)), Some(caption), true) = (subject, caption, errors.is_empty()) else {
        return Err(ApiError::invalid(errors));
    };
    let input = PhotoInput {
        subject,
        subject_id,
        caption,
        taken_on,
        credit,
        public,
    };
    let photo = app.add_photo(&input, &file_name, body.to_vec()).await?;
    Ok((StatusCode::CREATED, Json(photo)).into_response())
}

#[utoipa::path(get, path = "/api/v1/photos/{id}", tag = "exchanges", operation_id = "read_photo",
    security(("bearerAuth" = [])),
    params(("id" = i64, Path, minimum = 1, description = "The photo's id")),
    responses((status = 200, description = "The photo's details (the image is at /photos/{id})", body = Photo)))]
async fn read(app: AppState, Path(id): Path<String>) -> ApiResult<Json<Photo>> {
    Ok(Json(app.photo(parse_id(&id)?, true).await?))
}

#[utoipa::path(put, path = "/api/v1/photos/{id}", tag = "exchanges", operation_id = "update_photo",
    security(("bearerAuth" = [])), request_body = PhotoInput,
    params(("id" = i64, Path, minimum = 1, description = "The photo's id")),
    responses((status = 200, description = "Changed: caption, day taken, credit or public flag (a photo stays with its record)", body = Photo)))]
async fn update(
    app: AppState,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<PhotoInput>,
) -> ApiResult<Json<Photo>> {
    Ok(Json(app.update_photo(parse_id(&id)?, &input).await?))
}

#[utoipa::path(delete, path = "/api/v1/photos/{id}", tag = "exchanges", operation_id = "delete_photo",
    security(("bearerAuth" = [])),
    params(("id" = i64, Path, minimum = 1, description = "The photo's id")),
    responses((status = 204, description = "Deleted, with its image")))]
async fn remove(app: AppState, Path(id): Path<String>) -> ApiResult<StatusCode> {
    app.delete_photo(parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
