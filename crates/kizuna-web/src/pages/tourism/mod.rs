//! Tourism in the staff console: the overview (`/console/tourism`: fairs,
//! campaigns, tourism trainings, ambassadors), each record's form, page
//! and deletion after a confirmation made at the version shown (a change
//! in between refuses it, 409), written once for the four kinds through
//! [`Kind`]; the visitor flows with their import, two-way chart, table
//! and downloads are in `flows.rs`.

mod flows;
mod itinerary;
mod records;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use fluent_bundle::FluentValue;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::tourism::campaign::Campaign;
use kizuna_domain::tourism::fair::TravelFair;
use kizuna_i18n as i18n;

use crate::pages::render;
use crate::pages::training::console::{FormState, Opt, country_name, field_message};
use crate::session::{Ctx, WebState};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/tourism", get(overview))
        .merge(records::routes())
        .merge(flows::routes())
        .merge(itinerary::routes())
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

/// A message of the tourism catalogue: `tourism-{key}`.
fn tt(ctx: &Ctx, key: &str) -> String {
    ctx.t(&format!("tourism-{}", key.replace('_', "-")))
}

/// A rule's message: the tourism catalogue's `tourism-error-{code}` when
/// it has one, else the console's.
fn rule_message(ctx: &Ctx, code: &str, value: &str) -> String {
    let key = format!("tourism-error-{}", code.replace('_', "-"));
    if i18n::has_message(ctx.lang, &key) {
        return i18n::message(ctx.lang, &key, &[("value", FluentValue::from(value.to_owned()))]);
    }
    field_message(ctx, code, value)
}

/// Add a write's errors to a form, each beside its field.
fn add_errors(ctx: &Ctx, f: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        let value = f.v(&e.field).to_owned();
        let msg = rule_message(ctx, &e.code, &value);
        if !f.errors.iter().any(|(fl, m)| *fl == e.field && *m == msg) {
            f.errors.push((e.field.clone(), msg));
        }
    }
}

/// One field of a form, drawn by `exchanges/rows.html`.
pub(super) struct FieldRow {
    pub(super) name: &'static str,
    pub(super) label: String,
    /// `text`, `date`, `local`, `local-multi`, `select`, `multi` or `check`.
    pub(super) kind: &'static str,
    pub(super) required: bool,
    pub(super) options: Vec<Opt>,
}

impl FieldRow {
    fn new(ctx: &Ctx, name: &'static str, kind: &'static str, required: bool) -> Self {
        FieldRow {
            name,
            label: tt(ctx, &format!("field-{name}")),
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

fn period(ctx: &Ctx, from: &chrono::NaiveDate, to: &chrono::NaiveDate) -> String {
    if from == to {
        ctx.date(from)
    } else {
        format!("{} – {}", ctx.date(from), ctx.date(to))
    }
}

// -------------------------------------------------------------- overview

struct Line {
    href: String,
    title: String,
    when: String,
    place: String,
    extra: String,
}

#[derive(Template)]
#[template(path = "tourism/overview.html")]
struct OverviewPage<'a> {
    ctx: &'a Ctx,
    fairs: Vec<Line>,
    campaigns: Vec<Line>,
    trainings: Vec<Line>,
    ambassadors: Vec<Line>,
    notice: Option<String>,
}

#[derive(serde::Deserialize, Default)]
struct DoneQuery {
    done: Option<String>,
}

async fn overview(State(s): State<WebState>, ctx: Ctx, Query(q): Query<DoneQuery>) -> Response {
    guard!(ctx.require_staff());
    let none = Default::default();
    let (fairs, _) = ok_or_page!(
        &ctx,
        s.app
            .list::<TravelFair>(&none, crate::pages::training::console::ALL)
            .await
    );
    let (campaigns, _) = ok_or_page!(
        &ctx,
        s.app
            .list::<Campaign>(&none, crate::pages::training::console::ALL)
            .await
    );
    let trainings = ok_or_page!(&ctx, s.app.tourism_trainings().await);
    let ambassadors = ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).tourism_ambassadors().await);
    let fairs = fairs
        .iter()
        .map(|f| Line {
            href: format!("/console/tourism/fairs/{}", f.id),
            title: ctx.local(&f.fields.name),
            when: period(&ctx, &f.fields.starts_on, &f.fields.ends_on),
            place: format!("{}, {}", f.fields.city, country_name(&ctx, f.fields.country)),
            extra: tt(&ctx, &format!("role-{}", f.fields.role.as_str())),
        })
        .collect();
    let campaigns = campaigns
        .iter()
        .map(|c| Line {
            href: format!("/console/tourism/campaigns/{}", c.id),
            title: ctx.local(&c.fields.title),
            when: period(&ctx, &c.fields.starts_on, &c.fields.ends_on),
            place: country_name(&ctx, c.fields.market),
            extra: tt(&ctx, &format!("channel-{}", c.fields.channel.as_str())),
        })
        .collect();
    let trainings = trainings
        .iter()
        .map(|t| Line {
            href: format!("/console/editions/{}", t.edition.id),
            title: ctx.local(&t.programme_title),
            when: period(&ctx, &t.edition.fields.starts_on, &t.edition.fields.ends_on),
            place: format!("/console/tourism/trainings/{}/delete", t.link.id),
            extra: ctx.tn("tourism-trainees", "count", t.trainees as i64),
        })
        .collect();
    let ambassadors = ambassadors
        .iter()
        .map(|a| Line {
            href: format!("/console/placements/{}", a.placement_id),
            title: ctx.local(&a.title),
            when: ctx.date(&a.appointed_on),
            place: a.person.clone().unwrap_or_default(),
            extra: String::new(),
        })
        .collect();
    let page = OverviewPage {
        ctx: &ctx,
        fairs,
        campaigns,
        trainings,
        ambassadors,
        notice: q.done.as_deref().map(|d| tt(&ctx, &format!("done-{d}"))),
    };
    render(&ctx, &page)
}

/// The id in a query (`?fair=3`), if it is one.
fn id_param(v: Option<&String>) -> Option<Id> {
    v.and_then(|v| v.trim().parse().ok()).filter(|i| *i > 0)
}
