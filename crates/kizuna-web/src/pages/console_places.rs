//! The staff pages of the Muslim-friendly map: the list of places with a
//! name search, filters and paging; the form that adds and changes a place
//! (every field, each problem named beside its field); marking a place
//! verified today; deleting with a confirmation; the review lists of
//! certificates ending soon or ended and of stale places; and imports of
//! GeoJSON, CSV and OpenStreetMap files with a preview of what would be
//! written, or of every record refused, before anything is.
//!
//! As in the rest of the console, pages work without JavaScript, every
//! string comes from `locales/*/places.ftl`, and every write is a POST form
//! carrying the CSRF token, answered with a redirect or with the same form
//! and its messages.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::map::staff::StaffPlaceQuery;
use kizuna_app::map::{PlaceFileFormat, PlaceHit, check_opening_hours};
use kizuna_app::training::transfer::RowError;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::map::place::{
    Assurance, CertificateStatus, PLACE_FIELD_NAMES, Place, PlaceCategory, PlaceFields, SourceKind,
};
use kizuna_store::Page;

use super::upload::{MAX_UPLOAD, base64_encode, read_import_form};
use super::{message, render};
use crate::session::{Ctx, WebState, urlencode};
use kizuna_i18n::{self as i18n, Lang};

/// Rows per page of the list.
const PAGE_SIZE: usize = 50;

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/console/places", get(list))
        .route("/console/places/new", get(new_form).post(create))
        .route("/console/places/review", get(review))
        .route(
            "/console/places/import",
            get(import_page)
                .post(import_post)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD * 2)),
        )
        .route("/console/places/{id}/edit", get(edit_form).post(update))
        .route("/console/places/{id}/verify", post(verify))
        .route("/console/places/{id}/delete", get(delete_page).post(delete))
}

// ------------------------------------------------------------------ helpers

/// Run a guard that answers with a response when it refuses.
macro_rules! guard {
    ($e:expr) => {
        if let Err(r) = $e {
            return r;
        }
    };
}

/// Unwrap an application result, or answer with the page that explains it.
macro_rules! ok_or_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return app_error($ctx, e),
        }
    };
}

/// Signed-in staff or admins; anonymous visitors are sent to sign in, other
/// accounts are told they may not.
#[allow(clippy::result_large_err)] // the refusal is the answer, as with `Ctx::require_staff`
fn staff_only(ctx: &Ctx) -> Result<(), Response> {
    match ctx.require_staff() {
        Ok(_) => Ok(()),
        Err(_) if ctx.user.is_some() => Err(message(ctx, StatusCode::FORBIDDEN, "forbidden-title", "forbidden-body")),
        Err(r) => Err(r),
    }
}

fn app_error(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } => not_found(ctx),
        other => {
            tracing::error!(error = %other, "places page failed");
            message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}

fn not_found(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")
}

fn parse_id(raw: &str) -> Option<Id> {
    raw.trim().parse::<Id>().ok().filter(|n| *n > 0)
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// `group-value` from the catalogue, e.g. `places-category-prayer-room`.
fn label(ctx: &Ctx, group: &str, value: &str) -> String {
    ctx.t(&format!("places-{group}-{}", value.replace('_', "-")))
}

fn field_label(ctx: &Ctx, name: &str) -> String {
    label(ctx, "field", name)
}

/// Name languages in the order the page's language prefers them.
fn prefer(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::En => vec!["en"],
        Lang::Ja => vec!["ja"],
        Lang::Th => vec!["th"],
        // Indonesian is closer to Malay than English is.
        Lang::Ms => vec!["ms", "id"],
    }
}

fn place_name(ctx: &Ctx, p: &Place) -> String {
    p.name(&prefer(ctx.lang)).to_owned()
}

/// The Japanese name as well, when the page shows another.
fn other_name(ctx: &Ctx, p: &Place) -> String {
    let shown = p.name(&prefer(ctx.lang));
    match p.fields.names.get("ja") {
        Some(ja) if ja.as_str() != shown => ja.to_string(),
        _ => String::new(),
    }
}

fn locality_name(ctx: &Ctx, l: &Locality) -> String {
    match (ctx.lang, &l.fields.name_ja) {
        (Lang::Ja, Some(ja)) => ja.to_string(),
        _ => l.fields.name_en.to_string(),
    }
}

async fn localities(s: &WebState) -> Result<Vec<Locality>, AppError> {
    let all = Page {
        limit: 100_000,
        offset: 0,
    };
    let mut list = s.app.list::<Locality>(&BTreeMap::new(), all).await?.0;
    list.sort_by(|a, b| a.fields.key.cmp(&b.fields.key));
    Ok(list)
}

/// Why a value was refused, in the page's language: the message for this
/// field and rule, else for the rule, else a general one (English pages
/// fall back on the application's own sentence, which says more).
fn reason(ctx: &Ctx, field: &str, code: &str, value: &str, fallback: &str) -> String {
    let args = [("value", FluentValue::from(value.to_owned()))];
    let norm = |s: &str| s.replace('_', "-");
    for key in [
        format!("places-error-{}-{}", norm(field), norm(code)),
        format!("places-error-{}", norm(code)),
    ] {
        let text = i18n::message(ctx.lang, &key, &args);
        if text != key {
            return text;
        }
    }
    if ctx.lang == Lang::En && !fallback.is_empty() {
        return fallback.to_owned();
    }
    i18n::message(ctx.lang, "places-error-invalid", &args)
}

struct Badge {
    label: String,
    class: &'static str,
}

fn assurance_badge(ctx: &Ctx, a: Assurance) -> Badge {
    Badge {
        label: label(ctx, "assurance", a.as_str()),
        class: match a {
            Assurance::Certified => "good",
            Assurance::SelfDeclared => "info",
            _ => "plain",
        },
    }
}

fn certificate_badge(ctx: &Ctx, s: CertificateStatus) -> Badge {
    Badge {
        label: label(ctx, "certificate", s.as_str()),
        class: match s {
            CertificateStatus::Valid => "good",
            CertificateStatus::Expired => "bad",
            _ => "warn",
        },
    }
}

/// One choice of a `<select>` or a radio group.
struct Opt {
    value: String,
    label: String,
    selected: bool,
}

fn opt(value: impl ToString, label: impl ToString, current: &str) -> Opt {
    let value = value.to_string();
    Opt {
        selected: value == current,
        value,
        label: label.to_string(),
    }
}

/// A place's path on the console with a notice for the next page.
fn with_notice(path: &str, notice: &str) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !["saved=", "verified=", "deleted="].iter().any(|n| kv.starts_with(n)))
        .collect();
    kept.push(notice);
    format!("{base}?{}", kept.join("&"))
}

/// Where to go back to after an action: a console places page, or the given default.
fn safe_back(raw: &str, default: String) -> String {
    let ok = raw.starts_with("/console/places")
        && !raw.contains("//")
        && !raw.contains('\\')
        && raw.bytes().all(|b| b.is_ascii_graphic());
    if ok { raw.to_owned() } else { default }
}

// ------------------------------------------------------------------- list

struct Line {
    id: Id,
    name: String,
    other_name: String,
    category: String,
    assurance: Badge,
    locality: String,
    verified: String,
    stale: bool,
    certificate: String,
    certificate_badge: Option<Badge>,
}

struct Figure {
    value: String,
    label: String,
    href: &'static str,
}

#[derive(Template)]
#[template(path = "console/place_list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    text: String,
    categories: Vec<Opt>,
    assurances: Vec<Opt>,
    stale_only: bool,
    figures: Vec<Figure>,
    total: String,
    showing: String,
    lines: Vec<Line>,
    prev: Option<String>,
    next: Option<String>,
    back: String,
}

fn category_options(ctx: &Ctx, current: &str, any: &str) -> Vec<Opt> {
    let mut out = vec![opt("", any, current)];
    out.extend(
        PlaceCategory::ALL
            .iter()
            .map(|c| opt(c.as_str(), label(ctx, "category", c.as_str()), current)),
    );
    out
}

fn assurance_options(ctx: &Ctx, current: &str, any: &str) -> Vec<Opt> {
    let mut out = vec![opt("", any, current)];
    out.extend(
        Assurance::ALL
            .iter()
            .map(|a| opt(a.as_str(), label(ctx, "assurance", a.as_str()), current)),
    );
    out
}

fn line(ctx: &Ctx, h: &PlaceHit, names: &HashMap<Id, String>) -> Line {
    let p = &h.place.fields;
    let cert = p.halal.certificate();
    Line {
        id: h.place.id,
        name: place_name(ctx, &h.place),
        other_name: other_name(ctx, &h.place),
        category: label(ctx, "category", p.category.as_str()),
        assurance: assurance_badge(ctx, p.halal.level()),
        locality: p.locality_id.and_then(|l| names.get(&l).cloned()).unwrap_or_default(),
        verified: p
            .last_verified
            .map(|d| ctx.date(&d))
            .unwrap_or_else(|| ctx.t("places-never-verified")),
        stale: h.stale,
        certificate: cert
            .map(|c| ctx.t1("places-cert-until", "date", ctx.date(&c.valid_until())))
            .unwrap_or_default(),
        certificate_badge: h.certificate_status.map(|s| certificate_badge(ctx, s)),
    }
}

async fn locality_names(s: &WebState, ctx: &Ctx) -> Result<HashMap<Id, String>, AppError> {
    Ok(localities(s)
        .await?
        .iter()
        .map(|l| (l.id, locality_name(ctx, l)))
        .collect())
}

fn notice_of(ctx: &Ctx, q: &BTreeMap<String, String>) -> Option<String> {
    if q.contains_key("verified") {
        Some(ctx.t("places-verified-notice"))
    } else if q.contains_key("deleted") {
        Some(ctx.t("places-deleted"))
    } else if q.contains_key("saved") {
        Some(ctx.t("places-saved"))
    } else {
        None
    }
}

async fn list(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(staff_only(&ctx));
    let get = |n: &str| q.get(n).map(|v| v.trim()).unwrap_or("");
    let category = get("category").parse::<PlaceCategory>().ok();
    let assurance = get("assurance").parse::<Assurance>().ok();
    let stale_only = matches!(get("stale"), "1" | "true" | "on");
    let text = get("q").to_owned();
    let offset = get("offset").parse::<usize>().unwrap_or(0);
    let query = StaffPlaceQuery {
        text: Some(text.clone()),
        category,
        assurance,
        stale_only,
        prefer: prefer(ctx.lang).into_iter().map(str::to_owned).collect(),
        offset,
        limit: PAGE_SIZE,
    };
    let found = ok_or_page!(&ctx, s.app.staff_places(&query).await);
    let names = ok_or_page!(&ctx, locality_names(&s, &ctx).await);
    let lines: Vec<Line> = found.places.iter().map(|h| line(&ctx, h, &names)).collect();

    // The filters as typed, for the pager's links.
    let mut filters: Vec<String> = Vec::new();
    if !text.is_empty() {
        filters.push(format!("q={}", urlencode(&text)));
    }
    if let Some(c) = category {
        filters.push(format!("category={c}"));
    }
    if let Some(a) = assurance {
        filters.push(format!("assurance={a}"));
    }
    if stale_only {
        filters.push("stale=1".into());
    }
    let href = |off: usize| {
        let mut parts = filters.clone();
        if off > 0 {
            parts.push(format!("offset={off}"));
        }
        if parts.is_empty() {
            "/console/places".to_owned()
        } else {
            format!("/console/places?{}", parts.join("&"))
        }
    };
    let total = found.total;
    let prev = (offset > 0).then(|| href(offset.saturating_sub(PAGE_SIZE)));
    let next = (offset + PAGE_SIZE < total).then(|| href(offset + PAGE_SIZE));
    let shown_to = (offset + lines.len()) as i64;
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let showing = i18n::message(
        ctx.lang,
        "places-pager-showing",
        &[
            (
                "from",
                FluentValue::from(ctx.num(if lines.is_empty() { 0 } else { count(offset) + 1 })),
            ),
            ("to", FluentValue::from(ctx.num(shown_to))),
            ("count", FluentValue::from(count(total))),
            ("formatted", FluentValue::from(ctx.num(count(total)))),
        ],
    );
    let c = found.counts;
    let figure = |n: usize, key: &str, href: &'static str| Figure {
        value: ctx.num(count(n)),
        label: ctx.tn(key, "count", count(n)),
        href,
    };
    let any = ctx.t("places-filter-any");
    let page = ListPage {
        ctx: &ctx,
        notice: notice_of(&ctx, &q),
        categories: category_options(&ctx, category.map(|c| c.as_str()).unwrap_or(""), &any),
        assurances: assurance_options(&ctx, assurance.map(|a| a.as_str()).unwrap_or(""), &any),
        stale_only,
        figures: vec![
            figure(c.all, "places-count-all", "/console/places"),
            figure(c.stale, "places-count-stale", "/console/places?stale=1"),
            figure(c.expiring, "places-count-expiring", "/console/places/review#expiring"),
            figure(c.expired, "places-count-expired", "/console/places/review#expired"),
        ],
        total: ctx.tn("places-list-total", "count", count(total)),
        showing,
        lines,
        prev,
        next,
        back: ctx.path.clone(),
        text,
    };
    render(&ctx, &page)
}

// ------------------------------------------------------------------- form

/// What the form shows: the values as typed and the message for each field.
#[derive(Default)]
struct PlaceForm {
    values: HashMap<String, String>,
    errors: Vec<(String, String)>,
}

impl PlaceForm {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        PlaceForm {
            values: pairs.iter().cloned().collect(),
            errors: Vec::new(),
        }
    }

    /// The form filled with a place's flat fields.
    fn of(f: &PlaceFields) -> Self {
        let mut form = PlaceForm::default();
        if let Ok(serde_json::Value::Object(m)) = serde_json::to_value(f) {
            for (k, v) in m {
                let text = match v {
                    serde_json::Value::Null => continue,
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                form.values.insert(k, text);
            }
        }
        form.values.insert(
            "alcohol_served".into(),
            match f.alcohol_served {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            }
            .into(),
        );
        form
    }

    fn v(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    fn add(&mut self, ctx: &Ctx, e: &FieldError) {
        let value = self.v(&e.field).to_owned();
        let msg = reason(ctx, &e.field, &e.code, &value, &e.message);
        if !self.errors.iter().any(|(f, m)| *f == e.field && *m == msg) {
            self.errors.push((e.field.clone(), msg));
        }
    }

    fn err(&self, name: &str) -> Option<String> {
        let msgs: Vec<&str> = self
            .errors
            .iter()
            .filter(|(f, _)| f == name)
            .map(|(_, m)| m.as_str())
            .collect();
        if msgs.is_empty() { None } else { Some(msgs.join(" ")) }
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// One text-like input of the form.
struct Input {
    name: &'static str,
    label: String,
    kind: &'static str,
    value: String,
    hint: Option<String>,
    error: Option<String>,
    /// The language the value is written in (names), or empty.
    lang: &'static str,
    /// `inputmode`, or empty.
    mode: &'static str,
    /// Ids of the hint and the error, for `aria-describedby`.
    described: String,
}

impl Input {
    fn new(ctx: &Ctx, f: &PlaceForm, name: &'static str, kind: &'static str) -> Self {
        Input {
            name,
            label: field_label(ctx, name),
            kind,
            value: f.v(name).to_owned(),
            hint: None,
            error: f.err(name),
            lang: "",
            mode: "",
            described: String::new(),
        }
        .described()
    }

    fn hint(mut self, text: String) -> Self {
        self.hint = Some(text);
        self.described()
    }

    fn described(mut self) -> Self {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("h-{}", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("e-{}", self.name));
        }
        self.described = ids.join(" ");
        self
    }
}

struct Check {
    name: &'static str,
    label: String,
    checked: bool,
}

/// A problem for the summary at the top: the field's label, its message, and where it is.
struct Problem {
    anchor: String,
    label: String,
    message: String,
}

/// Where a place stands, shown above its form.
struct Standing {
    id: Id,
    verified: String,
    stale: bool,
    never: bool,
    certificate: Option<(String, Badge)>,
    source: String,
}

#[derive(Template)]
#[template(path = "console/place_form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    id: Option<Id>,
    title: String,
    notice: Option<String>,
    problems: Vec<Problem>,
    names: Vec<Input>,
    about: Vec<Input>,
    position: Vec<Input>,
    certificate: Vec<Input>,
    /// One each; lists so that the template includes them like the others.
    hours: Vec<Input>,
    source_id: Vec<Input>,
    record: Vec<Input>,
    categories: Vec<Opt>,
    category_error: Option<String>,
    localities: Vec<Opt>,
    locality_error: Option<String>,
    assurances: Vec<Opt>,
    assurance_error: Option<String>,
    alcohol: Vec<Opt>,
    alcohol_error: Option<String>,
    facilities: Vec<Check>,
    /// The source can be chosen (new places and staff entries).
    source_editable: bool,
    sources: Vec<Opt>,
    source_error: Option<String>,
    standing: Option<Standing>,
}

/// The form page; `old` is the place being changed.
async fn form_page(s: &WebState, ctx: &Ctx, old: Option<&Place>, f: PlaceForm, notice: Option<String>) -> Response {
    let locs = match localities(s).await {
        Ok(l) => l,
        Err(e) => return app_error(ctx, e),
    };
    let editable = old.is_none_or(|p| p.fields.source.kind() == SourceKind::Staff);
    let input = |name: &'static str, kind: &'static str| Input::new(ctx, &f, name, kind);
    let names = ["name_ja", "name_en", "name_th", "name_ms", "name_ar", "name_id"]
        .into_iter()
        .map(|n| {
            let mut i = input(n, "text");
            i.lang = &n[5..];
            i
        })
        .collect();
    let about = vec![
        input("chain", "text").hint(ctx.t("places-field-chain-hint")),
        input("branch", "text"),
        input("address", "text"),
        input("phone", "tel"),
        input("website", "url").hint(ctx.t("places-field-website-hint")),
    ];
    let position = ["lat", "lon"]
        .into_iter()
        .map(|n| {
            let mut i = input(n, "text");
            i.mode = "decimal";
            i
        })
        .collect();
    let certificate = vec![
        input("certifier", "text"),
        input("certificate_number", "text"),
        input("certificate_valid_from", "date"),
        input("certificate_valid_until", "date"),
    ];
    let choose = ctx.t("places-choose");
    let mut localities = vec![opt("", ctx.t("places-locality-none"), f.v("locality_id"))];
    localities.extend(locs.iter().map(|l| {
        opt(
            l.id,
            format!("{} · {}", locality_name(ctx, l), l.fields.key),
            f.v("locality_id"),
        )
    }));
    let sources = [SourceKind::Staff, SourceKind::Openstreetmap]
        .into_iter()
        .map(|k| opt(k.as_str(), label(ctx, "source", k.as_str()), f.v("source")))
        .collect();
    let standing = old.map(|p| {
        let today = s.app.today();
        let x = &p.fields;
        Standing {
            id: p.id,
            verified: x
                .last_verified
                .map(|d| ctx.t1("places-verified-on", "date", ctx.date(&d)))
                .unwrap_or_default(),
            stale: x.is_stale(today),
            never: x.last_verified.is_none(),
            certificate: x.halal.certificate().map(|c| {
                let text = i18n::message(
                    ctx.lang,
                    "places-certificate-standing",
                    &[
                        ("number", FluentValue::from(c.number().to_string())),
                        ("certifier", FluentValue::from(c.certifier().to_string())),
                        ("date", FluentValue::from(ctx.date(&c.valid_until()))),
                    ],
                );
                (text, certificate_badge(ctx, c.status(today)))
            }),
            source: i18n::message(
                ctx.lang,
                "places-source-readonly",
                &[
                    (
                        "source",
                        FluentValue::from(label(ctx, "source", x.source.kind().as_str())),
                    ),
                    ("id", FluentValue::from(x.source.id().to_string())),
                ],
            ),
        }
    });
    let shown: Vec<&str> = PLACE_FIELD_NAMES
        .iter()
        .copied()
        .filter(|n| editable || !matches!(*n, "source" | "source_id"))
        .collect();
    let problems = f
        .errors
        .iter()
        .map(|(name, msg)| Problem {
            anchor: if shown.contains(&name.as_str()) {
                format!("#f-{name}")
            } else {
                String::new()
            },
            label: if shown.contains(&name.as_str()) {
                field_label(ctx, name)
            } else {
                String::new()
            },
            message: msg.clone(),
        })
        .collect();
    let status = if f.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = FormPage {
        ctx,
        id: old.map(|p| p.id),
        title: match old {
            Some(p) => ctx.t1("places-edit-title", "name", place_name(ctx, p)),
            None => ctx.t("places-new-title"),
        },
        notice,
        problems,
        names,
        about,
        position,
        certificate,
        hours: vec![input("opening_hours", "text").hint(ctx.t("places-field-opening-hours-hint"))],
        source_id: vec![input("source_id", "text").hint(ctx.t("places-field-source-id-hint"))],
        record: vec![
            input("attribution", "text").hint(ctx.t("places-field-attribution-hint")),
            input("last_verified", "date").hint(ctx.t("places-field-last-verified-hint")),
        ],
        categories: category_options(ctx, f.v("category"), &choose),
        category_error: f.err("category"),
        localities,
        locality_error: f.err("locality_id"),
        assurances: assurance_options(ctx, f.v("assurance"), &choose),
        assurance_error: f.err("assurance"),
        alcohol: ["", "yes", "no"]
            .into_iter()
            .map(|v| {
                opt(
                    v,
                    ctx.t(&format!("places-alcohol-{}", if v.is_empty() { "unknown" } else { v })),
                    f.v("alcohol_served"),
                )
            })
            .collect(),
        alcohol_error: f.err("alcohol_served"),
        facilities: ["prayer_space", "wudu", "women_space", "qibla_marked", "prayer_mats"]
            .into_iter()
            .map(|n| Check {
                name: n,
                label: field_label(ctx, n),
                checked: f.v(n) == "true",
            })
            .collect(),
        source_editable: editable,
        sources,
        source_error: f.err("source"),
        standing,
    };
    let mut r = render(ctx, &page);
    *r.status_mut() = status;
    r
}

/// Read the form into a place's flat fields, naming every value that
/// cannot even be read. `old` is the place being changed: its source is
/// kept unless staff may change it.
fn read_form(pairs: &[(String, String)], old: Option<&Place>) -> (PlaceForm, PlaceFields, Vec<FieldError>) {
    let f = PlaceForm::from_pairs(pairs);
    let mut errors = Vec::new();
    let text = |n: &str| {
        let v = f.v(n).trim();
        (!v.is_empty()).then(|| v.to_owned())
    };
    let number = |n: &str, errors: &mut Vec<FieldError>| match f.v(n).trim() {
        "" => None,
        raw => match raw.parse::<f64>() {
            Ok(x) if x.is_finite() => Some(x),
            _ => {
                errors.push(FieldError::new(n, "not_a_number", format!("\"{raw}\" is not a number")));
                None
            }
        },
    };
    let lat = number("lat", &mut errors);
    let lon = number("lon", &mut errors);
    let locality_id = match f.v("locality_id").trim() {
        "" => None,
        raw => match parse_id(raw) {
            Some(id) => Some(id),
            None => {
                errors.push(FieldError::new("locality_id", "not_found", "no such locality"));
                None
            }
        },
    };
    let alcohol_served = match f.v("alcohol_served").trim() {
        "" | "unknown" => None,
        "yes" => Some(true),
        "no" => Some(false),
        other => {
            errors.push(FieldError::new(
                "alcohol_served",
                "unknown_value",
                format!("\"{other}\" is not yes, no or empty"),
            ));
            None
        }
    };
    let check = |n: &str| Some(f.v(n) == "true");
    let editable = old.is_none_or(|p| p.fields.source.kind() == SourceKind::Staff);
    let (source, source_id) = match old {
        Some(p) if !editable => (
            Some(p.fields.source.kind().to_string()),
            Some(p.fields.source.id().to_string()),
        ),
        _ => {
            let source = text("source").or_else(|| Some(SourceKind::Staff.to_string()));
            // A staff entry keeps its id when the field is left empty.
            let source_id = text("source_id").or_else(|| match old {
                Some(p) if source.as_deref() == Some(p.fields.source.kind().as_str()) => {
                    Some(p.fields.source.id().to_string())
                }
                _ => None,
            });
            (source, source_id)
        }
    };
    let fields = PlaceFields {
        name_ja: text("name_ja"),
        name_en: text("name_en"),
        name_th: text("name_th"),
        name_ms: text("name_ms"),
        name_ar: text("name_ar"),
        name_id: text("name_id"),
        category: text("category"),
        chain: text("chain"),
        branch: text("branch"),
        address: text("address"),
        phone: text("phone"),
        website: text("website"),
        locality_id,
        lat,
        lon,
        assurance: text("assurance"),
        certifier: text("certifier"),
        certificate_number: text("certificate_number"),
        certificate_valid_from: text("certificate_valid_from"),
        certificate_valid_until: text("certificate_valid_until"),
        alcohol_served,
        prayer_space: check("prayer_space"),
        wudu: check("wudu"),
        women_space: check("women_space"),
        qibla_marked: check("qibla_marked"),
        prayer_mats: check("prayer_mats"),
        opening_hours: text("opening_hours"),
        source,
        source_id,
        attribution: text("attribution"),
        last_verified: text("last_verified"),
    };
    (f, fields, errors)
}

/// Every problem with the fields at once: what could not be read, then
/// every rule the rest breaks (without blaming a field twice).
fn all_problems(fields: &PlaceFields, mut errors: Vec<FieldError>) -> Vec<FieldError> {
    let mut probe = fields.clone();
    // A staff entry is given its id when it is written.
    if probe.source.as_deref() == Some(SourceKind::Staff.as_str()) && probe.source_id.is_none() {
        probe.source_id = Some("staff-new".into());
    }
    // A coordinate that could not be read is blamed already; check the other one.
    let blamed: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
    for (name, v) in [("lat", &mut probe.lat), ("lon", &mut probe.lon)] {
        if v.is_none() && blamed.iter().any(|b| b == name) {
            *v = Some(0.0);
        }
    }
    let mut more = probe.validate().err().unwrap_or_default();
    if let Some(h) = &probe.opening_hours
        && let Err(m) = check_opening_hours(h)
    {
        more.push(FieldError::new(
            "opening_hours",
            "invalid_opening_hours",
            m.lines().next().unwrap_or("").to_owned(),
        ));
    }
    errors.extend(more.into_iter().filter(|e| !blamed.contains(&e.field)));
    errors
}

async fn new_form(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(staff_only(&ctx));
    let mut f = PlaceForm::default();
    f.values.insert("source".into(), SourceKind::Staff.to_string());
    form_page(&s, &ctx, None, f, None).await
}

async fn create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    guard!(staff_only(&ctx));
    guard!(ctx.check_csrf(field(&pairs, "csrf")));
    let (mut f, fields, errors) = read_form(&pairs, None);
    let errors = if errors.is_empty() {
        match s.app.create_place(fields).await {
            Ok(p) => {
                return ctx.finish(Redirect::to(&format!("/console/places/{}/edit?saved=1", p.id)).into_response());
            }
            Err(AppError::Invalid(errs)) => errs,
            Err(e) => return app_error(&ctx, e),
        }
    } else {
        all_problems(&fields, errors)
    };
    for e in &errors {
        f.add(&ctx, e);
    }
    form_page(&s, &ctx, None, f, None).await
}

async fn edit_form(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let place = ok_or_page!(&ctx, s.app.get::<Place>(id).await);
    let f = PlaceForm::of(&PlaceFields::from(&place.fields));
    form_page(&s, &ctx, Some(&place), f, notice_of(&ctx, &q)).await
}

async fn update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    guard!(ctx.check_csrf(field(&pairs, "csrf")));
    let old = ok_or_page!(&ctx, s.app.get::<Place>(id).await);
    let (mut f, fields, errors) = read_form(&pairs, Some(&old));
    let errors = if errors.is_empty() {
        match s.app.update_place(id, fields).await {
            Ok(_) => {
                return ctx.finish(Redirect::to(&format!("/console/places/{id}/edit?saved=1")).into_response());
            }
            Err(AppError::Invalid(errs)) => errs,
            Err(e) => return app_error(&ctx, e),
        }
    } else {
        all_problems(&fields, errors)
    };
    for e in &errors {
        f.add(&ctx, e);
    }
    form_page(&s, &ctx, Some(&old), f, None).await
}

// ----------------------------------------------------------- verify, delete

async fn verify(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    guard!(ctx.check_csrf(field(&pairs, "csrf")));
    match s.app.verify_place(id).await {
        Ok(_) => {
            let back = safe_back(field(&pairs, "back"), format!("/console/places/{id}/edit"));
            ctx.finish(Redirect::to(&with_notice(&back, &format!("verified={id}"))).into_response())
        }
        Err(AppError::Invalid(_)) => message(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "places-verify-refused-title",
            "places-verify-refused",
        ),
        Err(e) => app_error(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "console/place_delete.html")]
struct DeletePage<'a> {
    ctx: &'a Ctx,
    id: Id,
    title: String,
}

async fn delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let place = ok_or_page!(&ctx, s.app.get::<Place>(id).await);
    let page = DeletePage {
        ctx: &ctx,
        id,
        title: ctx.t1("places-delete-title", "name", place_name(&ctx, &place)),
    };
    render(&ctx, &page)
}

async fn delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(staff_only(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    guard!(ctx.check_csrf(field(&pairs, "csrf")));
    ok_or_page!(&ctx, s.app.delete_place(id).await);
    ctx.finish(Redirect::to("/console/places?deleted=1").into_response())
}

// ----------------------------------------------------------------- review

struct ReviewLine {
    id: Id,
    name: String,
    other_name: String,
    locality: String,
    certifier: String,
    number: String,
    until: String,
    days: String,
    verified: String,
}

#[derive(Template)]
#[template(path = "console/place_review.html")]
struct ReviewPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    lead: String,
    expiring: Vec<ReviewLine>,
    expiring_count: String,
    expired: Vec<ReviewLine>,
    expired_count: String,
    stale: Vec<ReviewLine>,
    stale_count: String,
    back: String,
}

fn review_line(ctx: &Ctx, h: &PlaceHit, names: &HashMap<Id, String>, today: NaiveDate) -> ReviewLine {
    let p = &h.place.fields;
    let cert = p.halal.certificate();
    let days = cert
        .map(|c| {
            let left = (c.valid_until() - today).num_days();
            if left >= 0 {
                ctx.tn("places-days-left", "count", left)
            } else {
                ctx.tn("places-days-ago", "count", -left)
            }
        })
        .unwrap_or_default();
    ReviewLine {
        id: h.place.id,
        name: place_name(ctx, &h.place),
        other_name: other_name(ctx, &h.place),
        locality: p.locality_id.and_then(|l| names.get(&l).cloned()).unwrap_or_default(),
        certifier: cert.map(|c| c.certifier().to_string()).unwrap_or_default(),
        number: cert.map(|c| c.number().to_string()).unwrap_or_default(),
        until: cert.map(|c| ctx.date(&c.valid_until())).unwrap_or_default(),
        days,
        verified: p
            .last_verified
            .map(|d| ctx.date(&d))
            .unwrap_or_else(|| ctx.t("places-never-verified")),
    }
}

async fn review(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(staff_only(&ctx));
    let today = s.app.today();
    let r = ok_or_page!(&ctx, s.app.places_for_review().await);
    let names = ok_or_page!(&ctx, locality_names(&s, &ctx).await);
    let lines =
        |hits: &[PlaceHit]| -> Vec<ReviewLine> { hits.iter().map(|h| review_line(&ctx, h, &names, today)).collect() };
    let mut stale = r.stale.clone();
    // Never verified first, then the longest unverified.
    stale.sort_by_key(|h| (h.place.fields.last_verified, h.place.id));
    let count = |n: usize| ctx.tn("places-review-count", "count", i64::try_from(n).unwrap_or(i64::MAX));
    let page = ReviewPage {
        ctx: &ctx,
        notice: notice_of(&ctx, &q),
        lead: ctx.t1("places-review-lead", "date", ctx.date(&today)),
        expiring_count: count(r.expiring.len()),
        expiring: lines(&r.expiring),
        expired_count: count(r.expired.len()),
        expired: lines(&r.expired),
        stale_count: count(stale.len()),
        stale: lines(&stale),
        back: "/console/places/review".into(),
    };
    render(&ctx, &page)
}

// ----------------------------------------------------------------- import

struct Rejection {
    row: usize,
    record: String,
    column: String,
    value: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "console/place_import.html")]
struct ImportPage<'a> {
    ctx: &'a Ctx,
    /// What a confirmed import did.
    done: Vec<String>,
    error: Option<String>,
    detail: Option<String>,
    rejected: Vec<Rejection>,
    rejected_summary: String,
    /// What the file would do, when it is clean.
    preview: Vec<String>,
    file_name: String,
    format: String,
    data: String,
    formats: Vec<Opt>,
}

impl<'a> ImportPage<'a> {
    fn new(ctx: &'a Ctx, format: &str) -> Self {
        let mut formats = vec![opt("auto", ctx.t("places-import-format-auto"), format)];
        formats.extend(FORMATS.iter().map(|(k, f)| opt(k, f.label(), format)));
        ImportPage {
            ctx,
            done: Vec::new(),
            error: None,
            detail: None,
            rejected: Vec::new(),
            rejected_summary: String::new(),
            preview: Vec::new(),
            file_name: String::new(),
            format: String::new(),
            data: String::new(),
            formats,
        }
    }
}

const FORMATS: [(&str, PlaceFileFormat); 4] = [
    ("geojson", PlaceFileFormat::Geojson),
    ("csv", PlaceFileFormat::Csv),
    ("osm", PlaceFileFormat::OsmXml),
    ("pbf", PlaceFileFormat::OsmPbf),
];

fn format_key(f: PlaceFileFormat) -> &'static str {
    FORMATS.iter().find(|(_, x)| *x == f).map(|(k, _)| *k).unwrap_or("auto")
}

async fn import_page(ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response {
    guard!(staff_only(&ctx));
    let mut page = ImportPage::new(&ctx, "auto");
    let n = |k: &str| q.get(k).and_then(|v| v.parse::<i64>().ok());
    if let (Some(added), Some(updated)) = (n("added"), n("updated")) {
        page.done = vec![
            ctx.tn("places-import-added", "count", added),
            ctx.tn("places-import-updated", "count", updated),
        ];
    }
    render(&ctx, &page)
}

/// The id a record is known by in its file, when the reason names it
/// (`… [feature id way/12]`).
fn record_id(reason: &str) -> String {
    let Some(inner) = reason
        .trim_end()
        .strip_suffix(']')
        .and_then(|r| r.rsplit_once('['))
        .map(|(_, inner)| inner.trim())
    else {
        return String::new();
    };
    if let Some(id) = inner.strip_prefix("feature id ") {
        return id.trim().to_owned();
    }
    let osm = inner.split_once('/').is_some_and(|(t, n)| {
        matches!(t, "node" | "way" | "relation") && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    });
    if osm { inner.to_owned() } else { String::new() }
}

fn rejections(ctx: &Ctx, errors: &[RowError]) -> Vec<Rejection> {
    errors
        .iter()
        .map(|e| Rejection {
            row: e.row,
            record: record_id(&e.reason),
            column: e.column.clone(),
            value: e.value.clone(),
            reason: reason(ctx, &e.column, &e.code, &e.value, &e.reason),
        })
        .collect()
}

fn unreadable(ctx: &Ctx) -> Response {
    message(
        ctx,
        StatusCode::BAD_REQUEST,
        "places-import-unreadable-title",
        "places-import-unreadable",
    )
}

async fn import_post(State(s): State<WebState>, ctx: Ctx, form: Multipart) -> Response {
    guard!(staff_only(&ctx));
    let Some(mut form) = read_import_form(form).await else {
        return unreadable(&ctx);
    };
    guard!(ctx.check_csrf(&form.csrf));
    let format = form.fields.remove("format").unwrap_or_default();
    let (name, confirm) = (std::mem::take(&mut form.name), form.confirm);
    let Some(bytes) = form.file() else {
        return unreadable(&ctx);
    };
    let chosen = FORMATS.iter().find(|(k, _)| *k == format.trim()).map(|(_, f)| *f);
    let mut page = ImportPage::new(&ctx, chosen.map(format_key).unwrap_or("auto"));
    let fail = |page: &ImportPage<'_>| {
        let mut r = render(&ctx, page);
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        r
    };
    if bytes.is_empty() {
        page.error = Some(ctx.t("places-import-no-file"));
        return fail(&page);
    }
    let Some(fmt) = chosen.or_else(|| PlaceFileFormat::from_file_name(&name)) else {
        page.error = Some(ctx.t("places-import-unknown-format"));
        return fail(&page);
    };
    match s.app.import_places(fmt, &bytes, !confirm).await {
        Ok(report) if confirm => ctx.finish(
            Redirect::to(&format!(
                "/console/places/import?added={}&updated={}",
                report.inserted, report.updated
            ))
            .into_response(),
        ),
        Ok(report) => {
            let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
            page.preview = vec![
                ctx.tn("places-import-clean", "count", n(report.features)),
                ctx.tn("places-import-would-add", "count", n(report.inserted)),
                ctx.tn("places-import-would-update", "count", n(report.updated)),
            ];
            if report.skipped > 0 {
                page.preview
                    .push(ctx.tn("places-import-skipped", "count", n(report.skipped)));
            }
            page.file_name = name;
            page.format = format_key(fmt).to_owned();
            page.data = base64_encode(&bytes);
            render(&ctx, &page)
        }
        Err(AppError::ImportRejected(errors)) => {
            page.rejected_summary = ctx.tn(
                "places-import-rejected-summary",
                "count",
                i64::try_from(errors.len()).unwrap_or(i64::MAX),
            );
            page.rejected = rejections(&ctx, &errors);
            fail(&page)
        }
        Err(AppError::BadFile(detail)) => {
            page.error = Some(ctx.t1("places-import-bad-file", "format", fmt.label()));
            page.detail = Some(detail);
            fail(&page)
        }
        Err(AppError::Invalid(errors)) => {
            page.error = Some(
                errors
                    .iter()
                    .map(|e| reason(&ctx, &e.field, &e.code, "", &e.message))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            fail(&page)
        }
        Err(e) => app_error(&ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_come_from_the_reason() {
        assert_eq!(record_id("not a date [feature id shop-7]"), "shop-7");
        assert_eq!(record_id("bad tag [way/12]"), "way/12");
        assert_eq!(record_id("something [else]"), "");
        assert_eq!(record_id("no id"), "");
    }

    #[test]
    fn going_back_stays_on_the_places_pages() {
        let d = || "/console/places/3/edit".to_owned();
        assert_eq!(safe_back("/console/places/review", d()), "/console/places/review");
        assert_eq!(safe_back("https://evil.example/", d()), d());
        assert_eq!(safe_back("/console/places//evil.example", d()), d());
        assert_eq!(safe_back("/console/trainees", d()), d());
        assert_eq!(
            with_notice("/console/places?q=x&verified=2", "verified=5"),
            "/console/places?q=x&verified=5"
        );
        assert_eq!(
            with_notice("/console/places/review", "verified=5"),
            "/console/places/review?verified=5"
        );
    }
}
