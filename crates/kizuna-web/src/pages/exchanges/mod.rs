//! Exchanges in the staff console: the overview by fiscal year
//! (`/console/exchanges`), each kind's list, form and page (delegations,
//! dispatches, symposiums, courtesy calls: `records.rs`), the parts added
//! on a record's page (members and visits, sessions, speakers and regions:
//! `parts.rs`), and photos (upload, gallery, delete, bytes at
//! `/photos/{id}`: `photos.rs`). The conventions are the console's: pages
//! that work without JavaScript, POST forms with the CSRF token answered
//! by a redirect or by the same form with each problem beside its field.

mod overview;
mod parts;
mod photos;
mod records;

use axum::http::StatusCode;
use axum::response::Response;
use fluent_bundle::FluentValue;
use kizuna_domain::FieldError;
use kizuna_i18n as i18n;

use crate::pages::training::console::{FormState, Opt, field_message};
use crate::session::Ctx;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .merge(overview::routes())
        .merge(records::routes())
        .merge(parts::routes())
        .merge(photos::routes())
}

/// Answer with the response a guard refused with.
macro_rules! guard {
    ($e:expr) => {
        if let Err(r) = $e {
            return r;
        }
    };
}
use guard;

/// Unwrap an application result, or answer with the page that explains it.
macro_rules! ok_or_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return crate::pages::training::console::app_error($ctx, kizuna_app::AppError::from(e)),
        }
    };
}
use ok_or_page;

/// A message of the exchanges catalogue: `exchanges-{key}`.
fn xt(ctx: &Ctx, key: &str) -> String {
    ctx.t(&format!("exchanges-{}", key.replace('_', "-")))
}

/// A field's label: `exchanges-field-{name}`.
fn label(ctx: &Ctx, name: &str) -> String {
    xt(ctx, &format!("field-{name}"))
}

/// A rule's message in the page's language: the exchanges catalogue's
/// `exchanges-error-{field}-{code}` or `exchanges-error-{code}` when it has
/// one, else the console's.
fn rule_message(ctx: &Ctx, field: &str, code: &str, value: &str) -> String {
    let args = [("value", FluentValue::from(value.to_owned()))];
    for key in [
        format!("exchanges-error-{}-{}", field.replace('_', "-"), code.replace('_', "-")),
        format!("exchanges-error-{}", code.replace('_', "-")),
    ] {
        if i18n::has_message(ctx.lang, &key) {
            return i18n::message(ctx.lang, &key, &args);
        }
    }
    field_message(ctx, code, value)
}

/// Add a write's errors to a form, each beside its field.
fn add_errors(ctx: &Ctx, f: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        let value = f.v(&e.field).to_owned();
        let msg = rule_message(ctx, &e.field, &e.code, &value);
        if !f.errors.iter().any(|(fl, m)| *fl == e.field && *m == msg) {
            f.errors.push((e.field.clone(), msg));
        }
    }
}

fn unprocessable_if(mut r: Response, errors: bool) -> Response {
    if errors {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

/// One field of a form: what input it is drawn as.
pub(super) struct FieldRow {
    pub(super) name: &'static str,
    pub(super) label: String,
    /// `text`, `date`, `datetime-local`, `local`, `local-multi`, `select`,
    /// `multi` or `check`.
    pub(super) kind: &'static str,
    pub(super) required: bool,
    pub(super) options: Vec<Opt>,
}

impl FieldRow {
    fn new(ctx: &Ctx, name: &'static str, kind: &'static str, required: bool) -> Self {
        FieldRow {
            name,
            label: label(ctx, name),
            kind,
            required,
            options: Vec::new(),
        }
    }

    fn select(ctx: &Ctx, name: &'static str, required: bool, options: Vec<Opt>) -> Self {
        FieldRow {
            options,
            ..FieldRow::new(ctx, name, "select", required)
        }
    }
}

/// "2019-10-07 – 2019-10-10" in the reader's way (one date when the same).
fn period(ctx: &Ctx, from: &chrono::NaiveDate, to: &chrono::NaiveDate) -> String {
    if from == to {
        ctx.date(from)
    } else {
        format!("{} – {}", ctx.date(from), ctx.date(to))
    }
}
