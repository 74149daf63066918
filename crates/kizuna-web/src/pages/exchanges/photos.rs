//! Photos on an exchange's page: the upload form (the file, a caption in
//! four languages, the day taken, the credit, the public flag), the
//! gallery with captions in the reader's language (a fallback marked with
//! its language), deletion; the bytes at `/photos/{id}`: a public photo of
//! a public record to anyone, any other only to staff ("not found" to
//! others, so nothing tells that it exists).

use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::exchanges::ExchangeKind;
use kizuna_app::exchanges::photos::MAX_PHOTO_BYTES;
use kizuna_domain::FieldError;
use kizuna_domain::common::{Id, LocalText, Text};
use kizuna_domain::exchanges::photo::{PhotoInput, PhotoSubject};
use kizuna_domain::fields::Fields;
use kizuna_store::Record;

use super::records::{Exchange, Sent, show};
use super::{add_errors, guard, ok_or_page};
use crate::pages::training::console::{FormState, app_error, not_found, parse_id};
use crate::pages::upload::{FormError, read_import_form};
use crate::session::{Ctx, WebState};

/// The largest upload form: a photo with room for the other fields.
pub(super) const MAX_PHOTO_FORM: usize = MAX_PHOTO_BYTES + 64 * 1024;

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/photos/{id}", get(bytes))
        .route("/console/photos/{id}/delete", post(delete))
}

/// A photo in a record's gallery.
pub(super) struct PhotoLine {
    pub(super) id: Id,
    pub(super) caption: String,
    /// The language of the caption shown, when it is not the page's.
    pub(super) caption_lang: String,
    /// The name of that language, when the caption falls back to it.
    pub(super) fallback: Option<String>,
    pub(super) taken: String,
    pub(super) credit: String,
    pub(super) public: bool,
    pub(super) size: String,
}

pub(super) async fn photo_lines(
    s: &WebState,
    ctx: &Ctx,
    subject: PhotoSubject,
    id: Id,
) -> Result<Vec<PhotoLine>, AppError> {
    Ok(s.app
        .photos_of(subject, id)
        .await?
        .into_iter()
        .map(|p| {
            let (text, lang) = p.fields.caption.show(ctx.lang.code());
            PhotoLine {
                id: p.id,
                caption: text.to_string(),
                caption_lang: lang.to_owned(),
                fallback: (lang != ctx.lang.code())
                    .then(|| {
                        ctx.content_languages()
                            .into_iter()
                            .find(|(c, _)| *c == lang)
                            .map(|(_, n)| n.to_owned())
                    })
                    .flatten(),
                taken: p.fields.taken_on.map(|d| ctx.date(&d)).unwrap_or_default(),
                credit: p.fields.credit.as_ref().map(ToString::to_string).unwrap_or_default(),
                public: p.fields.public,
                size: format!("{} × {}", p.width, p.height),
            }
        })
        .collect())
}

/// The photo form read: the input, or each problem by its field.
fn read(subject: PhotoSubject, subject_id: Id, f: &FormState) -> Result<PhotoInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let v = |l: &str| Some(f.vl("caption", l)).filter(|t| !t.trim().is_empty());
    let caption = LocalText::parse(v("en"), v("ja"), v("th"), v("ms"))
        .map_err(|e| errors.push(FieldError::new("caption", e.code, e.message)))
        .ok();
    let taken_on = match f.v("taken_on").trim() {
        "" => None,
        t => match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new("taken_on", "invalid_date", "not a date"));
                None
            }
        },
    };
    let credit = Text::parse_optional(Some(f.v("credit")))
        .map_err(|e| errors.push(FieldError::new("credit", e.code, e.message)))
        .ok()
        .flatten();
    match caption {
        Some(caption) if errors.is_empty() => Ok(PhotoInput {
            subject,
            subject_id,
            caption,
            taken_on,
            credit,
            public: f.v("public") == "true",
        }),
        _ => Err(errors),
    }
}

/// A refused file's message in the page's language.
fn file_message(ctx: &Ctx, name: &str, e: &AppError) -> Vec<FieldError> {
    let detail = match e {
        AppError::Invalid(errs) => errs.iter().map(|x| x.message.clone()).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    };
    let text = kizuna_i18n::message(
        ctx.lang,
        "exchanges-photo-refused",
        &[
            ("name", FluentValue::from(name.to_owned())),
            ("detail", FluentValue::from(detail)),
        ],
    );
    vec![FieldError::new("file", "photo_refused", text)]
}

pub(super) async fn photo_add<R: Exchange>(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    req: Request,
) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let form = match Multipart::from_request(req, &s).await {
        Ok(m) => read_import_form(m).await,
        Err(_) => Err(FormError::Unreadable),
    };
    let form = match form {
        Ok(f) => f,
        Err(FormError::TooLarge) => {
            return crate::pages::message(
                &ctx,
                StatusCode::PAYLOAD_TOO_LARGE,
                "exchanges-photo-too-large-title",
                "exchanges-photo-too-large",
            );
        }
        Err(FormError::Unreadable) => {
            return crate::pages::message(
                &ctx,
                StatusCode::BAD_REQUEST,
                "partner-unreadable-title",
                "partner-unreadable",
            );
        }
    };
    guard!(ctx.check_csrf(&form.csrf));
    ok_or_page!(&ctx, s.app.get::<R>(id).await);
    let name = form.name.clone();
    let pairs: Vec<(String, String)> = form.fields.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut f = FormState::from_pairs(&pairs);
    let bytes = form.file().unwrap_or_default();
    let errors = match read(R::KIND.subject(), id, &f) {
        Ok(input) if bytes.is_empty() => {
            let _ = input;
            vec![FieldError::new("file", "required", "choose a photo")]
        }
        Ok(input) => match crate::acting::for_ctx(&s, &ctx).add_photo(&input, &name, bytes).await {
            Ok(_) => {
                let to = format!("{}/{id}?done=photo-added#photos", R::KIND.path());
                return ctx.finish(Redirect::to(&to).into_response());
            }
            Err(e @ (AppError::TooLarge(_) | AppError::Invalid(_))) => {
                if let AppError::Invalid(errs) = &e
                    && errs.iter().all(|x| x.field != "file")
                {
                    errs.clone()
                } else {
                    file_message(&ctx, &name, &e)
                }
            }
            Err(e) => return app_error(&ctx, e),
        },
        Err(errs) => errs,
    };
    for e in &errors {
        if e.code == "photo_refused" {
            f.errors.push((e.field.clone(), e.message.clone()));
        }
    }
    let rest: Vec<FieldError> = errors.into_iter().filter(|e| e.code != "photo_refused").collect();
    add_errors(&ctx, &mut f, &rest);
    let sent = Sent {
        photo: Some(f),
        ..Sent::default()
    };
    show::<R>(&s, &ctx, id, sent).await
}

async fn delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let p = ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete_photo(id).await);
    let kind = ExchangeKind::ALL.iter().find(|k| k.subject() == p.fields.subject);
    let to = match kind {
        Some(ExchangeKind::Award) | None => "/console/exchanges?done=photo-deleted".to_owned(),
        Some(k) => format!("{}/{}?done=photo-deleted#photos", k.path(), p.fields.subject_id),
    };
    ctx.finish(Redirect::to(&to).into_response())
}

/// A photo's bytes; others than staff see only public photos of public records.
async fn bytes(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    match s.app.photo_file(id, ctx.is_staff()).await {
        Ok((p, bytes)) => {
            let cache = if p.fields.public && !ctx.is_staff() {
                "public, max-age=3600"
            } else {
                "private, no-store"
            };
            ctx.finish(
                (
                    [
                        (header::CONTENT_TYPE, p.kind.media_type().to_owned()),
                        (header::CACHE_CONTROL, cache.to_owned()),
                        (
                            header::CONTENT_DISPOSITION,
                            format!("inline; filename=\"photo-{id}.{}\"", p.kind.extension()),
                        ),
                        (
                            header::HeaderName::from_static("x-content-type-options"),
                            "nosniff".to_owned(),
                        ),
                    ],
                    bytes,
                )
                    .into_response(),
            )
        }
        Err(e) => app_error(&ctx, e),
    }
}
