//! The staff console for the training slice: courses and their editions,
//! an edition's people and timetable, attendance, the trainee list with its
//! downloads, a person's roles over the years, and trainee imports.
//!
//! Every page is server-rendered and works without JavaScript; every string
//! comes from `locales/*/console.ftl`; every write is a POST form carrying
//! the CSRF token, answered with a redirect (Post/Redirect/Get) or with the
//! same form and a message beside each field that needs fixing.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use askama::Template;
use axum::Form;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{FixedOffset, NaiveDate};
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_app::training::console::TraineeQuery;
use kizuna_app::training::transfer::{FileFormat, RowError, trainee_template};
use kizuna_domain::FieldError;
use kizuna_domain::Invalid;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::common::{CountryCode, FiscalYear, Id, Region, Text};
use kizuna_domain::fields::{Fields, Kind, Row, Value};
use kizuna_domain::training::edition::{Edition, EditionInput, EditionScope};
use kizuna_domain::training::participation::{ParticipationRole, ParticipationStatus};
use kizuna_domain::training::session::{Attendance, Session};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::Page;

use crate::pages::upload::{FormError, MAX_FORM_BYTES, base64_encode, read_import_form, too_large_text};
use crate::pages::{message, render};
use crate::session::{Ctx, WebState, urlencode};
use kizuna_i18n::{self as i18n};

/// Rows per page of the trainee list.
pub(crate) const PAGE_SIZE: u32 = 50;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console", get(dashboard))
        .route("/console/courses", get(courses))
        .route("/console/courses/new", get(course_new).post(course_create))
        .route("/console/editions/new", get(edition_new).post(edition_create))
        .route("/console/editions/{id}", get(edition_page))
        .route("/console/editions/{id}/edit", get(edition_edit).post(edition_update))
        .route(
            "/console/sessions/{id}/attendance",
            get(attendance_page).post(attendance_save),
        )
        .route("/console/trainees", get(trainees))
        .route("/console/trainees.csv", get(trainees_csv))
        .route("/console/trainees.xlsx", get(trainees_xlsx))
        .route("/console/people/{id}", get(person_page))
        .route(
            "/console/import",
            get(import_page)
                .post(import_post)
                .layer(DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route("/console/import/template.csv", get(template_csv))
        .route("/console/import/template.xlsx", get(template_xlsx))
        .merge(people_routes())
        .merge(work_routes())
        .merge(documents_routes())
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

pub(crate) fn app_error(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } => not_found(ctx),
        other => {
            tracing::error!(error = %other, "console page failed");
            message(ctx, StatusCode::SERVICE_UNAVAILABLE, "error-title", "error-database")
        }
    }
}

pub(crate) fn not_found(ctx: &Ctx) -> Response {
    message(ctx, StatusCode::NOT_FOUND, "not-found-title", "not-found-body")
}

pub(crate) fn parse_id(raw: &str) -> Option<Id> {
    raw.parse::<Id>().ok().filter(|n| *n > 0)
}

pub(crate) const ALL: Page = Page {
    limit: 10_000,
    offset: 0,
};

/// A value's label from the catalogue: `console-{group}-{value}`.
pub(crate) fn label(ctx: &Ctx, group: &str, value: &str) -> String {
    ctx.t(&format!("console-{group}-{}", value.replace('_', "-")))
}

pub(crate) fn country_name(ctx: &Ctx, code: CountryCode) -> String {
    code.country().name(ctx.lang.code()).to_owned()
}

pub(crate) fn course_title(ctx: &Ctx, p: &Programme) -> String {
    ctx.local(&p.fields.title)
}

pub(crate) fn person_name(p: &Person) -> String {
    p.sort_name()
}

/// A rule's message in the page's language, from the error's code.
pub(crate) fn field_message(ctx: &Ctx, code: &str, value: &str) -> String {
    let key = format!("console-error-{}", code.replace('_', "-"));
    let args = [("value", FluentValue::from(value.to_owned()))];
    let text = i18n::message(ctx.lang, &key, &args);
    if text == key {
        i18n::message(ctx.lang, "console-error-invalid", &args)
    } else {
        text
    }
}

/// What a form shows: the values as typed and the message for each field.
#[derive(Default, Clone)]
pub(crate) struct FormState {
    pub(crate) values: HashMap<String, String>,
    pub(crate) errors: Vec<(String, String)>,
}

impl FormState {
    pub(crate) fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut values: HashMap<String, String> = HashMap::new();
        for (k, v) in pairs {
            values
                .entry(k.clone())
                .and_modify(|old| {
                    old.push_str(", ");
                    old.push_str(v);
                })
                .or_insert_with(|| v.clone());
        }
        FormState {
            values,
            errors: Vec::new(),
        }
    }

    pub(crate) fn set(&mut self, name: &str, value: impl ToString) {
        self.values.insert(name.to_owned(), value.to_string());
    }

    /// The value as typed (empty when absent).
    pub(crate) fn v(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    pub(crate) fn add(&mut self, ctx: &Ctx, e: &FieldError) {
        let value = self.v(&e.field).to_owned();
        let msg = field_message(ctx, &e.code, &value);
        if !self.errors.iter().any(|(f, m)| *f == e.field && *m == msg) {
            self.errors.push((e.field.clone(), msg));
        }
    }

    /// The message(s) for a field, if it needs fixing.
    pub(crate) fn err(&self, name: &str) -> Option<String> {
        let msgs: Vec<&str> = self
            .errors
            .iter()
            .filter(|(f, _)| f == name)
            .map(|(_, m)| m.as_str())
            .collect();
        if msgs.is_empty() { None } else { Some(msgs.join(" ")) }
    }

    /// Messages about fields the form does not show (told at the top).
    pub(crate) fn other_errors(&self, shown: &[&str]) -> Vec<String> {
        self.errors
            .iter()
            .filter(|(f, _)| !shown.contains(&f.as_str()))
            .map(|(_, m)| m.clone())
            .collect()
    }

    /// The value of a per-language field (`title_ja` for `("title", "ja")`).
    pub(crate) fn vl(&self, name: &str, lang: &str) -> &str {
        self.v(&format!("{name}_{lang}"))
    }

    /// The message(s) for a per-language field.
    pub(crate) fn errl(&self, name: &str, lang: &str) -> Option<String> {
        self.err(&format!("{name}_{lang}"))
    }

    /// The errors a refused write shows in its form: a rule's, or the
    /// stale version's. For a stale one the colleague's version is loaded
    /// into the form, which keeps this person's typing: saving again
    /// replaces theirs knowingly. Any other failure is returned.
    pub(crate) fn refused(&mut self, e: AppError) -> Result<Vec<FieldError>, AppError> {
        match e {
            AppError::Invalid(errs) => Ok(errs),
            AppError::Conflict { current, .. } => {
                self.set("version", current);
                Ok(vec![FieldError::new("version", "stale", "changed by someone else")])
            }
            other => Err(other),
        }
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Fill the form with a record as its declaration writes it: each
    /// column's value as the text its input shows.
    pub(crate) fn fill<T: Fields>(&mut self, record: &T) {
        for (column, value) in T::columns().iter().zip(record.write()) {
            let text = match value {
                Value::Int(v) => v.map(|n| n.to_string()),
                Value::Text(v) => v,
                Value::Date(v) => v.map(|d| d.to_string()),
                Value::Time(v) => v.map(|t| t.with_timezone(&jst()).format("%Y-%m-%dT%H:%M").to_string()),
                Value::Bool(v) => v.map(|b| b.to_string()),
            };
            self.set(&column.name, text.unwrap_or_default());
        }
    }

    /// Read a record from the form as its declaration reads it: each
    /// column's text as its kind, then the field's own rules; every
    /// problem named by its field.
    pub(crate) fn read<T: Fields>(&self) -> Result<T, Vec<FieldError>> {
        T::read(&mut FormRow(self))
    }

    /// The fields a record's form shows: its fields and their columns
    /// (`title` and `title_en` … `title_ms`). Errors about any other are
    /// told at the top of the form.
    pub(crate) fn shown<T: Fields>() -> Vec<&'static str> {
        T::field_names()
            .iter()
            .copied()
            .chain(T::columns().iter().map(|c| c.name.as_str()))
            .collect()
    }
}

/// A form read as a record's row: each column's text, trimmed, as the kind
/// the record asks for (empty: none). Dates are `YYYY-MM-DD`, times the
/// `datetime-local` of an input in Japan time, booleans `true` or not.
struct FormRow<'a>(&'a FormState);

impl Row for FormRow<'_> {
    fn get(&mut self, column: &str, kind: Kind) -> Result<Value, Invalid> {
        let raw = self.0.v(column).trim();
        if raw.is_empty() {
            return Ok(Value::null(kind));
        }
        Ok(match kind {
            Kind::Text => Value::Text(Some(raw.to_owned())),
            Kind::Int => Value::Int(Some(
                raw.parse()
                    .map_err(|_| Invalid::new("not_a_number", "not a whole number"))?,
            )),
            Kind::Date => Value::Date(Some(
                NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| Invalid::new("invalid_date", "not a date"))?,
            )),
            Kind::Time => Value::Time(Some(
                chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
                    .ok()
                    .and_then(|t| t.and_local_timezone(jst()).single())
                    .ok_or_else(|| Invalid::new("invalid_date", "not a date and time"))?
                    .with_timezone(&chrono::Utc),
            )),
            Kind::Bool => Value::Bool(Some(raw == "true")),
        })
    }
}

/// One choice of a `<select>`.
pub(crate) struct Opt {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) selected: bool,
}

pub(crate) fn opt(value: impl ToString, label: impl ToString, current: &str) -> Opt {
    let value = value.to_string();
    Opt {
        selected: value == current,
        value,
        label: label.to_string(),
    }
}

pub(crate) async fn training_courses(s: &WebState) -> Result<Vec<Programme>, AppError> {
    let filter = [("kind".to_owned(), ProgrammeKind::TrainingCourse.to_string())]
        .into_iter()
        .collect();
    Ok(s.app.list::<Programme>(&filter, ALL).await?.0)
}

pub(crate) fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

pub(crate) fn jst() -> FixedOffset {
    // Japan keeps no daylight saving time.
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"))
}

pub(crate) fn status_badge(ctx: &Ctx, s: ParticipationStatus) -> Badge {
    Badge {
        label: label(ctx, "status", s.as_str()),
        class: s.as_str(),
    }
}

pub(crate) struct Badge {
    pub(crate) label: String,
    pub(crate) class: &'static str,
}

pub(crate) fn file_response(bytes: Vec<u8>, format: FileFormat, name: &str) -> Response {
    let (ct, ext) = match format {
        FileFormat::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => ("text/csv; charset=utf-8", "csv"),
    };
    (
        [
            (header::CONTENT_TYPE, ct.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

mod attendance;
mod courses;
mod dashboard;
mod documents;
mod editions;
mod import;
mod people;
mod trainees;
mod work;

use attendance::*;
use courses::*;
use dashboard::*;
use documents::*;
use editions::*;
use import::*;
use people::*;
use trainees::*;
use work::*;
