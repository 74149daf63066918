//! The partner organisation's pages: its own people (names, nationality and
//! roles; no personal data), the course editions it hosts sessions of or
//! sends trainees to, its programmes, its contact details (which it keeps
//! up to date here) and the nomination files it sends the office and where
//! each stands. Nothing of another organisation: a file of another one is
//! "not found". Staff and administrators are refused these pages (they see
//! organisations in the console); staff review the files at
//! `/console/nominations` ([`super::nominations`]).

use askama::Template;
use axum::Form;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kizuna_app::AppError;
use kizuna_app::partner::{ContactDetails, Upload};
use kizuna_domain::FieldError;
use kizuna_domain::common::{Id, Text};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::nomination::{Nomination, NominationStatus};
use kizuna_store::Page;

use super::upload::{FormError, MAX_FORM_BYTES, read_import_form};
use super::{message, render};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/partner", get(partner_home))
        .route("/partner/contact", get(contact_form).post(contact_save))
        .route(
            "/partner/nominations",
            get(nominations_page)
                .post(nominations_upload)
                .layer(DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route("/partner/nominations/{id}", get(nomination_download))
}

// ------------------------------------------------------------------ shared

/// A partner account's user id and organisation; anyone else is refused
/// (anonymous visitors sent to sign in, other accounts told on a page).
pub(super) fn require_partner(ctx: &Ctx) -> Result<(Id, Id), Response> {
    let user = ctx.require_user()?;
    if !ctx.is_partner() {
        return Err(message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "partner-only"));
    }
    match user.organisation_id {
        Some(org) => Ok((user.id, org)),
        None => Err(message(
            ctx,
            StatusCode::FORBIDDEN,
            "forbidden-title",
            "partner-no-organisation",
        )),
    }
}

macro_rules! guard {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}
pub(super) use guard;

/// The form's token must be the session's; otherwise a page saying the
/// form expired, in the reader's language.
pub(super) fn check_form(ctx: &Ctx, token: &str) -> Result<(), Response> {
    ctx.check_csrf(token).map_err(|_| {
        message(
            ctx,
            StatusCode::FORBIDDEN,
            "partner-form-expired-title",
            "partner-form-expired",
        )
    })
}

pub(super) fn app_error(ctx: &Ctx, e: &AppError) -> Response {
    match e {
        AppError::NotFound { .. } => message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body"),
        other => {
            tracing::error!(error = %other, "partner page failed");
            message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}

/// A field's message in the reader's language, from its rule's code.
pub(super) fn field_message(ctx: &Ctx, e: &FieldError) -> String {
    let key = format!("partner-error-{}", e.code.replace('_', "-"));
    if kizuna_i18n::has_message(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        ctx.t("partner-error-invalid")
    }
}

/// When something happened, in Japan time, the reader's way.
pub(super) fn when(ctx: &Ctx, t: &chrono::DateTime<chrono::Utc>) -> String {
    ctx.instant(t)
}

pub(super) fn status_label(ctx: &Ctx, s: NominationStatus) -> String {
    ctx.t(&format!("partner-status-{}", s.as_str()))
}

/// A download's `Content-Disposition`: the name in ASCII, and in UTF-8
/// (RFC 6266, RFC 8187) for names in other scripts.
pub(super) fn attachment(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' })
        .filter(|c| !matches!(c, '"' | '\\'))
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub(super) fn file_response(ctx: &Ctx, n: &Nomination, bytes: Vec<u8>) -> Response {
    ctx.finish(
        (
            [
                (header::CONTENT_TYPE, n.file_kind.content_type().to_owned()),
                (header::CONTENT_DISPOSITION, attachment(&n.file_name)),
            ],
            bytes,
        )
            .into_response(),
    )
}

/// A byte count for people: "12 KB", "3.4 MB".
pub(super) fn size_text(ctx: &Ctx, bytes: i64) -> String {
    let bytes = u64::try_from(bytes).unwrap_or(0);
    if bytes < 1024 * 1024 {
        ctx.t1("partner-size-kb", "n", ctx.num(bytes.div_ceil(1024).max(1)))
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        ctx.t1("partner-size-mb", "n", format!("{}.{}", tenths / 10, tenths % 10))
    }
}

// ------------------------------------------------------------------ home

struct PersonRow {
    id: i64,
    name: String,
    country: String,
    roles: Vec<String>,
}

struct EditionRow {
    course: String,
    key: String,
    fy: String,
    dates: String,
    count: String,
}

struct ContactRow {
    label: String,
    value: String,
    link: Option<String>,
}

struct NominationRow {
    id: Id,
    file_name: String,
    uploaded: String,
    status: String,
    status_code: &'static str,
    review_note: String,
}

#[derive(Template)]
#[template(path = "partner.html")]
struct PartnerHome<'a> {
    ctx: &'a Ctx,
    organisation: String,
    contact: Vec<ContactRow>,
    hosted: Vec<EditionRow>,
    sending: Vec<EditionRow>,
    programmes: Vec<String>,
    people: Vec<PersonRow>,
    nominations: Vec<NominationRow>,
}

fn nomination_rows(ctx: &Ctx, list: &[Nomination]) -> Vec<NominationRow> {
    list.iter()
        .map(|n| NominationRow {
            id: n.id,
            file_name: n.file_name.clone(),
            uploaded: when(ctx, &n.uploaded_at),
            status: status_label(ctx, n.status),
            status_code: n.status.as_str(),
            review_note: n.review_note.as_ref().map(ToString::to_string).unwrap_or_default(),
        })
        .collect()
}

fn contact_rows(ctx: &Ctx, c: &ContactDetails) -> Vec<ContactRow> {
    let text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
    vec![
        ContactRow {
            label: ctx.t("partner-contact-person"),
            value: text(&c.contact_person),
            link: None,
        },
        ContactRow {
            label: ctx.t("partner-address"),
            value: text(&c.address),
            link: None,
        },
        ContactRow {
            label: ctx.t("partner-phone"),
            value: text(&c.phone),
            link: c.phone.as_ref().map(|p| {
                let digits: String = p.as_str().chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                format!("tel:{digits}")
            }),
        },
        ContactRow {
            label: ctx.t("partner-email"),
            value: text(&c.email),
            link: c.email.as_ref().map(|m| format!("mailto:{m}")),
        },
        ContactRow {
            label: ctx.t("partner-website"),
            value: text(&c.website),
            link: c.website.as_ref().map(ToString::to_string),
        },
    ]
}

async fn partner_home(State(s): State<WebState>, ctx: Ctx) -> Response {
    let (_, org_id) = guard!(require_partner(&ctx));
    // Read as the partner's account: the people shown are logged.
    let o = match crate::acting::for_ctx(&s, &ctx).partner_overview(org_id).await {
        Ok(o) => o,
        Err(e) => return app_error(&ctx, &e),
    };
    let editions = |list: &[kizuna_app::partner::EditionShare], key: &str| -> Vec<EditionRow> {
        list.iter()
            .map(|sh| {
                let e = &sh.edition;
                EditionRow {
                    course: e
                        .fields
                        .title
                        .as_ref()
                        .map(|t| ctx.local(t))
                        .unwrap_or_else(|| ctx.local(&sh.course.fields.title)),
                    key: e.fields.key.to_string(),
                    fy: ctx.fy(&e.fields.fiscal_year.year()),
                    dates: format!("{} – {}", ctx.date(&e.fields.starts_on), ctx.date(&e.fields.ends_on)),
                    count: ctx.tn(key, "count", sh.count as i64),
                }
            })
            .collect()
    };
    let people = o
        .people
        .iter()
        .map(|(p, roles)| PersonRow {
            id: p.id,
            name: p.sort_name(),
            country: p.fields.nationality.country().name(ctx.lang.code()).to_owned(),
            roles: roles
                .iter()
                .map(|r| {
                    format!(
                        "{} · {} · {}",
                        ctx.t(&format!("role-{}", r.role)),
                        ctx.fy(&r.fiscal_year),
                        ctx.local(&r.programme_title)
                    )
                })
                .collect(),
        })
        .collect();
    render(
        &ctx,
        &PartnerHome {
            ctx: &ctx,
            organisation: ctx.local(&o.organisation.fields.name),
            contact: contact_rows(&ctx, &ContactDetails::of(&o.organisation.fields)),
            hosted: editions(&o.hosted, "partner-sessions-hosted"),
            sending: editions(&o.sending, "partner-trainees-sent"),
            programmes: o.programmes.iter().map(|p| ctx.local(&p.fields.title)).collect(),
            people,
            nominations: nomination_rows(&ctx, &o.nominations),
        },
    )
}

// ------------------------------------------------------------------ contact details

/// The contact form's fields, in order.
const CONTACT_FIELDS: [&str; 5] = ["contact_person", "address", "phone", "email", "website"];

struct Field {
    name: &'static str,
    label: String,
    hint: String,
    value: String,
    error: Option<String>,
    multiline: bool,
    kind: &'static str,
}

#[derive(Template)]
#[template(path = "partner_contact.html")]
struct ContactPage<'a> {
    ctx: &'a Ctx,
    organisation: String,
    version: i64,
    fields: Vec<Field>,
    /// Said above the form: errors, or that someone changed the details meanwhile.
    alert: Option<String>,
    saved: bool,
}

fn contact_fields(ctx: &Ctx, values: &[String; 5], errors: &[(String, String)]) -> Vec<Field> {
    CONTACT_FIELDS
        .iter()
        .zip(values)
        .map(|(name, value)| {
            let key = name.replace('_', "-");
            Field {
                name,
                label: ctx.t(&format!("partner-{key}")),
                hint: ctx.t(&format!("partner-{key}-hint")),
                value: value.clone(),
                error: errors.iter().find(|(f, _)| f == name).map(|(_, m)| m.clone()),
                multiline: *name == "address",
                kind: match *name {
                    "email" => "email",
                    "website" => "url",
                    "phone" => "tel",
                    _ => "text",
                },
            }
        })
        .collect()
}

fn contact_values(c: &ContactDetails) -> [String; 5] {
    let t = |v: &Option<Text>| v.as_ref().map(ToString::to_string).unwrap_or_default();
    [
        t(&c.contact_person),
        t(&c.address),
        t(&c.phone),
        t(&c.email),
        t(&c.website),
    ]
}

#[derive(serde::Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn contact_form(State(s): State<WebState>, ctx: Ctx, Query(q): Query<SavedQuery>) -> Response {
    let (_, org_id) = guard!(require_partner(&ctx));
    let org = match s
        .app
        .get::<kizuna_domain::common::organisation::Organisation>(org_id)
        .await
    {
        Ok(o) => o,
        Err(e) => return app_error(&ctx, &e),
    };
    let values = contact_values(&ContactDetails::of(&org.fields));
    render(
        &ctx,
        &ContactPage {
            ctx: &ctx,
            organisation: ctx.local(&org.fields.name),
            version: org.version,
            fields: contact_fields(&ctx, &values, &[]),
            alert: None,
            saved: q.saved.is_some(),
        },
    )
}

async fn contact_save(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let (_, org_id) = guard!(require_partner(&ctx));
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.replace("\r\n", "\n").replace('\r', "\n"))
            .unwrap_or_default()
    };
    guard!(check_form(&ctx, &get("csrf")));
    let org = match s
        .app
        .get::<kizuna_domain::common::organisation::Organisation>(org_id)
        .await
    {
        Ok(o) => o,
        Err(e) => return app_error(&ctx, &e),
    };
    let values: [String; 5] = CONTACT_FIELDS.map(|f| get(f).trim().to_owned());
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut read = |i: usize| match Text::parse_optional(Some(values[i].as_str())) {
        Ok(t) => t,
        Err(e) => {
            let fe = e.at(CONTACT_FIELDS[i]);
            errors.push((fe.field.clone(), field_message(&ctx, &fe)));
            None
        }
    };
    let contact = ContactDetails {
        contact_person: read(0),
        address: read(1),
        phone: read(2),
        email: read(3),
        website: read(4),
    };
    let version = get("version").trim().parse::<i64>().ok();
    let page = |fields, alert, version, status| {
        let mut r = render(
            &ctx,
            &ContactPage {
                ctx: &ctx,
                organisation: ctx.local(&org.fields.name),
                version,
                fields,
                alert,
                saved: false,
            },
        );
        *r.status_mut() = status;
        r
    };
    let Some(version) = version else {
        return page(
            contact_fields(&ctx, &values, &errors),
            Some(ctx.t("partner-error-stale")),
            org.version,
            StatusCode::CONFLICT,
        );
    };
    if !errors.is_empty() {
        return page(
            contact_fields(&ctx, &values, &errors),
            Some(ctx.t("partner-form-has-errors")),
            version,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    match crate::acting::for_ctx(&s, &ctx)
        .update_contact(org_id, version, contact)
        .await
    {
        Ok(_) => ctx.finish(Redirect::to("/partner/contact?saved=1").into_response()),
        Err(AppError::Invalid(errs)) => {
            let errors: Vec<(String, String)> =
                errs.iter().map(|e| (e.field.clone(), field_message(&ctx, e))).collect();
            page(
                contact_fields(&ctx, &values, &errors),
                Some(ctx.t("partner-form-has-errors")),
                version,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        // Changed meanwhile: the form shows what is recorded now, to change again.
        Err(AppError::Conflict { current, .. }) => {
            let now = contact_values(&ContactDetails::of(&org.fields));
            page(
                contact_fields(&ctx, &now, &[]),
                Some(ctx.t("partner-error-stale")),
                current,
                StatusCode::CONFLICT,
            )
        }
        Err(e) => app_error(&ctx, &e),
    }
}

// ------------------------------------------------------------------ nomination files

struct EditionChoice {
    id: Id,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "partner_nominations.html")]
struct NominationsPage<'a> {
    ctx: &'a Ctx,
    organisation: String,
    editions: Vec<EditionChoice>,
    nominations: Vec<NominationRow>,
    note: String,
    file_error: Option<String>,
    edition_error: Option<String>,
    note_error: Option<String>,
    sent: bool,
    limit: String,
}

#[derive(serde::Deserialize)]
struct SentQuery {
    sent: Option<String>,
}

/// Editions a nomination may be for: those starting from the fiscal year
/// before this one, soonest first.
async fn edition_choices(s: &WebState, ctx: &Ctx, selected: Option<Id>) -> Vec<EditionChoice> {
    let this_year = kizuna_domain::common::FiscalYear::containing(s.app.today()).year();
    let mut editions: Vec<Edition> = s
        .app
        .list::<Edition>(
            &Default::default(),
            Page {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .map(|(e, _)| e)
        .unwrap_or_default()
        .into_iter()
        .filter(|e| e.fields.fiscal_year.year() >= this_year - 1 || Some(e.id) == selected)
        .collect();
    editions.sort_by_key(|e| (e.fields.starts_on, e.id));
    let mut out = Vec::with_capacity(editions.len());
    for e in editions {
        let title = match &e.fields.title {
            Some(t) => ctx.local(t),
            None => s
                .app
                .get::<kizuna_domain::common::programme::Programme>(e.fields.programme_id)
                .await
                .map(|p| ctx.local(&p.fields.title))
                .unwrap_or_default(),
        };
        out.push(EditionChoice {
            id: e.id,
            label: format!("{title} · {} ({})", ctx.fy(&e.fields.fiscal_year.year()), e.fields.key),
            selected: Some(e.id) == selected,
        });
    }
    out
}

async fn nominations_page(State(s): State<WebState>, ctx: Ctx, Query(q): Query<SentQuery>) -> Response {
    let (_, org_id) = guard!(require_partner(&ctx));
    let org = match s
        .app
        .get::<kizuna_domain::common::organisation::Organisation>(org_id)
        .await
    {
        Ok(o) => o,
        Err(e) => return app_error(&ctx, &e),
    };
    let list = match s
        .app
        .nominations(kizuna_store::nominations::NominationFilter {
            organisation_id: Some(org_id),
            status: None,
        })
        .await
    {
        Ok(l) => l,
        Err(e) => return app_error(&ctx, &e),
    };
    let page = NominationsPage {
        ctx: &ctx,
        organisation: ctx.local(&org.fields.name),
        editions: edition_choices(&s, &ctx, None).await,
        nominations: nomination_rows(&ctx, &list),
        note: String::new(),
        file_error: None,
        edition_error: None,
        note_error: None,
        sent: q.sent.is_some(),
        limit: kizuna_io::limits::megabytes(kizuna_io::limits::MAX_FILE_BYTES as u64),
    };
    render(&ctx, &page)
}

async fn nominations_upload(State(s): State<WebState>, ctx: Ctx, req: Request) -> Response {
    // Who may send comes first: the form is read only for a partner.
    let (user_id, org_id) = guard!(require_partner(&ctx));
    let too_large = |ctx: &Ctx| {
        let limit = kizuna_io::limits::megabytes(kizuna_io::limits::MAX_FILE_BYTES as u64);
        let mut r = render(
            ctx,
            &super::MessagePage {
                ctx,
                title: ctx.t("partner-too-large-title"),
                body: ctx.t1("partner-too-large", "limit", limit),
            },
        );
        *r.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        r
    };
    let form = match Multipart::from_request(req, &s).await {
        Ok(m) => read_import_form(m).await,
        Err(_) => Err(FormError::Unreadable),
    };
    let form = match form {
        Ok(f) => f,
        Err(FormError::TooLarge) => return too_large(&ctx),
        Err(FormError::Unreadable) => {
            return message(
                &ctx,
                StatusCode::BAD_REQUEST,
                "partner-unreadable-title",
                "partner-unreadable",
            );
        }
    };
    guard!(check_form(&ctx, &form.csrf));
    let note_raw = form
        .fields
        .get("note")
        .cloned()
        .unwrap_or_default()
        .replace("\r\n", "\n");
    let edition_raw = form.fields.get("edition_id").cloned().unwrap_or_default();
    let name = form.name.clone();
    let mut note_error = None;
    let note = match Text::parse_optional(Some(note_raw.as_str())) {
        Ok(n) => n,
        Err(e) => {
            note_error = Some(field_message(&ctx, &e.at("note")));
            None
        }
    };
    let mut edition_error = None;
    let edition_id = match edition_raw.trim() {
        "" => None,
        v => match v.parse::<Id>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                edition_error = Some(ctx.t("partner-error-not-found"));
                None
            }
        },
    };
    let bytes = match form.file() {
        Ok(b) => b,
        Err(FormError::TooLarge) => return too_large(&ctx),
        Err(FormError::Unreadable) => Vec::new(),
    };
    let mut file_error = None;
    if note_error.is_none() && edition_error.is_none() {
        let upload = Upload {
            file_name: &name,
            bytes: &bytes,
            edition_id,
            note,
        };
        match crate::acting::for_ctx(&s, &ctx)
            .submit_nomination(org_id, Some(user_id), upload)
            .await
        {
            Ok(_) => return ctx.finish(Redirect::to("/partner/nominations?sent=1").into_response()),
            Err(AppError::TooLarge(_)) => return too_large(&ctx),
            Err(AppError::Invalid(errs)) => {
                for e in &errs {
                    let m = field_message(&ctx, e);
                    match e.field.as_str() {
                        "edition_id" => edition_error = Some(m),
                        "note" => note_error = Some(m),
                        _ => file_error = Some(m),
                    }
                }
            }
            Err(e) => return app_error(&ctx, &e),
        }
    } else if bytes.is_empty() {
        file_error = Some(ctx.t("partner-error-required"));
    }
    // Told beside each field; the file is chosen again.
    let org = match s
        .app
        .get::<kizuna_domain::common::organisation::Organisation>(org_id)
        .await
    {
        Ok(o) => o,
        Err(e) => return app_error(&ctx, &e),
    };
    let list = s
        .app
        .nominations(kizuna_store::nominations::NominationFilter {
            organisation_id: Some(org_id),
            status: None,
        })
        .await
        .unwrap_or_default();
    let page = NominationsPage {
        ctx: &ctx,
        organisation: ctx.local(&org.fields.name),
        editions: edition_choices(&s, &ctx, edition_id).await,
        nominations: nomination_rows(&ctx, &list),
        note: note_raw,
        file_error,
        edition_error,
        note_error,
        sent: false,
        limit: kizuna_io::limits::megabytes(kizuna_io::limits::MAX_FILE_BYTES as u64),
    };
    let mut r = render(&ctx, &page);
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    r
}

async fn nomination_download(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let (_, org_id) = guard!(require_partner(&ctx));
    let Some(id) = id.parse::<Id>().ok().filter(|i| *i > 0) else {
        return message(&ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body");
    };
    // Only the organisation's own: any other is not found.
    match crate::acting::for_ctx(&s, &ctx).nomination_file(id, Some(org_id)).await {
        Ok((n, bytes)) => file_response(&ctx, &n, bytes),
        Err(e) => app_error(&ctx, &e),
    }
}
