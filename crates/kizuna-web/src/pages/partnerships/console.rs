//! The staff console for partnership programmes: the list of programmes,
//! a programme and its partnership details made, changed and deleted in
//! one form, a programme's page (its organisations in their IATI roles,
//! activities, outcomes and the causal links between them). Activities,
//! outcomes and substantiation are in `console_outcomes.rs`; local links
//! and offers and needs in `console_links.rs`; a partner's outcomes in
//! `console_partner.rs`; a programme's organisations and causal links
//! added and removed in `console_causes.rs`.
//!
//! The conventions are the training console's: server-rendered pages that
//! work without JavaScript, every write a POST form with the CSRF token
//! answered by a redirect or by the same form with each problem beside its
//! field, a change naming the version it was made from (a stale one shows
//! the colleague's version and keeps the typing), and deleting after a
//! confirmation that names what still depends on the record.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use fluent_bundle::FluentValue;
use kizuna_app::AppError;
use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::partnerships::activity::Activity;
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeLink, OutcomeLinkInput, cycle_through};
use kizuna_domain::partnerships::partnership::{
    OrganisationRole, Partnership, PartnershipInput, PartnershipStatus, ProgrammeOrganisation,
    ProgrammeOrganisationInput,
};
use kizuna_domain::partnerships::themes::ThemeInfo;
use kizuna_i18n::{self as i18n, Lang};

use crate::pages::render;
use crate::pages::training::console::{ALL, FormState, Opt, app_error, field_message, not_found, opt, parse_id};
use crate::session::{Ctx, WebState};

#[path = "console_causes.rs"]
mod causes;
#[path = "console_links.rs"]
mod links;
#[path = "console_outcomes.rs"]
mod outcomes;
#[path = "console_partner.rs"]
mod partner;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/partnerships", get(programmes))
        .route("/console/partnerships/new", get(programme_new).post(programme_create))
        .route("/console/partnerships/{id}", get(programme_page))
        .route(
            "/console/partnerships/{id}/edit",
            get(programme_edit).post(programme_update),
        )
        .route(
            "/console/partnerships/{id}/delete",
            get(programme_delete_page).post(programme_delete),
        )
        .route("/console/partnerships/{id}/organisations", post(causes::role_add))
        .route(
            "/console/programme-organisations/{id}/delete",
            post(causes::role_remove),
        )
        .route("/console/partnerships/{id}/links", post(causes::link_add))
        .route("/console/outcome-links/{id}/delete", post(causes::link_remove))
        .merge(outcomes::routes())
        .merge(links::routes())
        .merge(partner::routes())
}

// ------------------------------------------------------------------ helpers

/// Answer with the response a guard refused with.
macro_rules! guard {
    ($e:expr) => {
        if let Err(r) = $e {
            return r;
        }
    };
}
pub(crate) use guard;

/// Unwrap an application result, or answer with the page that explains it.
macro_rules! ok_or_page {
    ($ctx:expr, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return app_error($ctx, AppError::from(e)),
        }
    };
}
pub(crate) use ok_or_page;

/// A value's label: `partnerships-{group}-{value}`.
pub(super) fn pl(ctx: &Ctx, group: &str, value: &str) -> String {
    ctx.t(&format!("partnerships-{group}-{}", value.replace('_', "-")))
}

/// A theme's name in the reader's language, from the vocabulary.
pub(super) fn theme_name(lang: Lang, t: &ThemeInfo) -> &'static str {
    match lang {
        Lang::Ja => t.name_ja,
        Lang::Th => t.name_th,
        Lang::Ms => t.name_ms,
        _ => t.name_en,
    }
}

/// A rule's message in the page's language: the partnerships catalogue's
/// `partnerships-error-{code}` when it has one, else the console's.
pub(super) fn rule_message(ctx: &Ctx, code: &str, value: &str) -> String {
    let key = format!("partnerships-error-{}", code.replace('_', "-"));
    if i18n::has_message(ctx.lang, &key) {
        i18n::message(ctx.lang, &key, &[("value", FluentValue::from(value.to_owned()))])
    } else {
        field_message(ctx, code, value)
    }
}

/// Add a write's errors to a form, each beside its field: an indexed
/// field (`abroad_locality_ids[1]`) beside its list, a field renamed by
/// `rename` beside the input that shows it.
pub(super) fn add_errors(ctx: &Ctx, f: &mut FormState, errors: &[FieldError], rename: &[(&str, &str)]) {
    for e in errors {
        let base = e.field.split('[').next().unwrap_or(&e.field);
        let field = rename.iter().find(|(from, _)| *from == base).map_or(base, |(_, to)| to);
        let value = f.v(field).to_owned();
        let msg = rule_message(ctx, &e.code, &value);
        if !f.errors.iter().any(|(fl, m)| fl == field && *m == msg) {
            f.errors.push((field.to_owned(), msg));
        }
    }
}

pub(super) fn unprocessable_if(mut r: Response, errors: bool) -> Response {
    if errors {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

pub(super) fn with_status(mut r: Response, status: StatusCode) -> Response {
    *r.status_mut() = status;
    r
}

/// The ids a multiple choice sent (`3, 5` once the form joined them).
pub(super) fn ids_of(raw: &str) -> Result<Vec<Id>, ()> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| parse_id(s).ok_or(()))
        .collect()
}

/// The names of every organisation and locality, in the reader's language.
pub(super) struct Names {
    pub(super) organisations: Vec<Organisation>,
    pub(super) localities: Vec<Locality>,
    org: HashMap<Id, String>,
    loc: HashMap<Id, String>,
}

impl Names {
    pub(super) async fn load(s: &WebState, ctx: &Ctx) -> Result<Names, AppError> {
        let organisations = s.app.list::<Organisation>(&BTreeMap::new(), ALL).await?.0;
        let localities = s.app.list::<Locality>(&BTreeMap::new(), ALL).await?.0;
        let org = organisations
            .iter()
            .map(|o| (o.id, ctx.local(&o.fields.name)))
            .collect();
        let loc = localities.iter().map(|l| (l.id, ctx.local(&l.fields.name))).collect();
        Ok(Names {
            organisations,
            localities,
            org,
            loc,
        })
    }
    pub(super) fn org(&self, id: Option<Id>) -> String {
        id.and_then(|i| self.org.get(&i).cloned()).unwrap_or_default()
    }
    pub(super) fn loc(&self, id: Option<Id>) -> String {
        id.and_then(|i| self.loc.get(&i).cloned()).unwrap_or_default()
    }
    /// Organisations to choose from, with a first choice of none.
    pub(super) fn org_options(&self, ctx: &Ctx, current: &str, none: &str) -> Vec<Opt> {
        let mut out = vec![opt("", ctx.t(none), current)];
        out.extend(
            self.organisations
                .iter()
                .map(|o| opt(o.id, self.org(Some(o.id)), current)),
        );
        out
    }
    /// Localities in Japan (`japan`) or abroad, with a first choice.
    pub(super) fn loc_options(&self, ctx: &Ctx, japan: Option<bool>, current: &str, none: &str) -> Vec<Opt> {
        let mut out = vec![opt("", ctx.t(none), current)];
        out.extend(
            self.localities
                .iter()
                .filter(|l| japan.is_none_or(|j| (l.fields.country.as_str() == "JP") == j))
                .map(|l| opt(l.id, self.loc_label(l), current)),
        );
        out
    }
    /// Localities abroad, several chosen.
    pub(super) fn loc_multi(&self, japan: Option<bool>, chosen: &[Id]) -> Vec<Opt> {
        self.localities
            .iter()
            .filter(|l| japan.is_none_or(|j| (l.fields.country.as_str() == "JP") == j))
            .map(|l| Opt {
                value: l.id.to_string(),
                label: self.loc_label(l),
                selected: chosen.contains(&l.id),
            })
            .collect()
    }
    fn loc_label(&self, l: &Locality) -> String {
        format!("{} ({})", self.loc(Some(l.id)), l.fields.country)
    }
}

/// "2014-10-01 – 2017-03-31" in the reader's way.
pub(super) fn period(ctx: &Ctx, from: &chrono::NaiveDate, to: Option<&chrono::NaiveDate>) -> String {
    match to {
        Some(t) => format!("{} – {}", ctx.date(from), ctx.date(t)),
        None => format!("{} –", ctx.date(from)),
    }
}

/// "3 activities and 2 outcomes", in the reader's language.
pub(super) fn counted(ctx: &Ctx, kinds: &[(&str, i64)]) -> String {
    let parts: Vec<String> = kinds
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| ctx.tn(&format!("partnerships-count-{kind}"), "count", *n))
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => i18n::message(
            ctx.lang,
            "work-list-and",
            &[
                ("first", FluentValue::from(init.join(", "))),
                ("last", FluentValue::from(last.clone())),
            ],
        ),
    }
}

/// What a finished write says on the page it leads to (`?done=…`).
const DONE: &[&str] = &[
    "programme-saved",
    "programme-deleted",
    "role-added",
    "role-removed",
    "activity-saved",
    "activity-deleted",
    "outcome-saved",
    "outcome-deleted",
    "link-added",
    "link-removed",
    "substantiated",
    "local-link-saved",
    "local-link-deleted",
    "offer-need-added",
    "offer-need-removed",
    "proposed",
];

#[derive(serde::Deserialize)]
pub(super) struct DoneQuery {
    pub(super) done: Option<String>,
    pub(super) programme: Option<String>,
}

pub(super) fn done_notice(ctx: &Ctx, done: Option<&str>) -> Option<String> {
    done.filter(|d| DONE.contains(d))
        .map(|d| ctx.t(&format!("partnerships-done-{d}")))
}

fn form_version(f: &FormState, name: &str) -> Result<i64, FieldError> {
    f.v(name)
        .trim()
        .parse::<i64>()
        .map_err(|_| FieldError::required("version"))
}

/// A partnership programme with its details, or not found.
async fn programme_of(s: &WebState, id: Id) -> Result<(Programme, Partnership), AppError> {
    let p = s.app.get::<Programme>(id).await?;
    if p.fields.kind != ProgrammeKind::Partnership {
        return Err(AppError::NotFound {
            entity: "partnership",
            id: id.to_string(),
        });
    }
    let details = s.app.partnership_of(id).await?.ok_or_else(|| AppError::NotFound {
        entity: "partnership",
        id: id.to_string(),
    })?;
    Ok((p, details))
}

// --------------------------------------------------------------- the list

pub(super) struct ProgrammeLine {
    pub(super) id: Id,
    pub(super) title: String,
    pub(super) key: String,
    pub(super) localities: String,
    pub(super) period: String,
    pub(super) status: String,
    pub(super) activities: i64,
    pub(super) outcomes: i64,
    pub(super) unsubstantiated: i64,
}

#[derive(Template)]
#[template(path = "partnerships/programmes.html")]
struct ProgrammesPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    programmes: Vec<ProgrammeLine>,
}

async fn programmes(State(s): State<WebState>, ctx: Ctx, Query(q): Query<DoneQuery>) -> Response {
    guard!(ctx.require_staff());
    let names = ok_or_page!(&ctx, Names::load(&s, &ctx).await);
    let list = ok_or_page!(&ctx, s.app.partnership_programmes().await);
    let details = ok_or_page!(&ctx, s.app.list::<Partnership>(&BTreeMap::new(), ALL).await).0;
    let activities = ok_or_page!(&ctx, s.app.list::<Activity>(&BTreeMap::new(), ALL).await).0;
    let outcomes = ok_or_page!(&ctx, s.app.list::<Outcome>(&BTreeMap::new(), ALL).await).0;
    let mut lines = Vec::new();
    for p in &list {
        let d = details.iter().find(|d| d.fields.programme_id == p.id);
        let count = |f: &dyn Fn(&Outcome) -> bool| {
            outcomes
                .iter()
                .filter(|o| o.fields.programme_id == p.id && f(o))
                .count() as i64
        };
        lines.push(ProgrammeLine {
            id: p.id,
            title: ctx.local(&p.fields.title),
            key: p.fields.key.to_string(),
            localities: d.map(|d| localities_text(&names, &d.fields)).unwrap_or_default(),
            period: d
                .map(|d| period(&ctx, &d.fields.starts_on, d.fields.ends_on.as_ref()))
                .unwrap_or_default(),
            status: d
                .map(|d| pl(&ctx, "status", d.fields.status.as_str()))
                .unwrap_or_else(|| ctx.t("partnerships-no-details")),
            activities: activities.iter().filter(|a| a.fields.programme_id == p.id).count() as i64,
            outcomes: count(&|_| true),
            unsubstantiated: count(&|o| !o.fields.is_substantiated()),
        });
    }
    let page = ProgrammesPage {
        ctx: &ctx,
        notice: done_notice(&ctx, q.done.as_deref()),
        programmes: lines,
    };
    render(&ctx, &page)
}

/// "Obihiro – Selangor, Kuala Lumpur".
fn localities_text(names: &Names, d: &PartnershipInput) -> String {
    let abroad: Vec<String> = d.abroad_locality_ids.iter().map(|l| names.loc(Some(*l))).collect();
    format!("{} – {}", names.loc(Some(d.japan_locality_id)), abroad.join(", "))
}

// ------------------------------------------------- the programme's form

pub(super) struct ThemeChoice {
    pub(super) key: &'static str,
    pub(super) name: &'static str,
    pub(super) checked: bool,
}

pub(super) fn theme_choices(ctx: &Ctx, chosen: &str) -> Vec<ThemeChoice> {
    let chosen: Vec<&str> = chosen.split([',', ' ', ';']).map(str::trim).collect();
    kizuna_domain::partnerships::themes::all()
        .iter()
        .map(|t| ThemeChoice {
            key: t.key,
            name: theme_name(ctx.lang, t),
            checked: chosen.contains(&t.key),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "partnerships/programme_form.html")]
struct ProgrammeForm<'a> {
    ctx: &'a Ctx,
    id: Option<Id>,
    f: FormState,
    organisations: Vec<Opt>,
    proposers: Vec<Opt>,
    japan: Vec<Opt>,
    abroad: Vec<Opt>,
    statuses: Vec<Opt>,
    themes: Vec<ThemeChoice>,
    top_errors: Vec<String>,
}

/// The fields the programme form shows (errors about others go on top).
const PROGRAMME_FIELDS: &[&str] = &[
    "key",
    "title",
    "organisation_id",
    "summary",
    "funding_scheme",
    "proposer_id",
    "japan_locality_id",
    "abroad_locality_ids",
    "themes",
    "starts_on",
    "ends_on",
    "status",
    "budget_amount",
    "budget_currency",
    "public",
    "version",
];

async fn programme_form(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response {
    let names = ok_or_page!(ctx, Names::load(s, ctx).await);
    let chosen = ids_of(f.v("abroad_locality_ids")).unwrap_or_default();
    let mut shown: Vec<&str> = PROGRAMME_FIELDS.to_vec();
    shown.extend(FormState::shown::<ProgrammeInput>());
    shown.extend(FormState::shown::<PartnershipInput>());
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let page = ProgrammeForm {
        ctx,
        id,
        organisations: names.org_options(ctx, f.v("organisation_id"), "console-none"),
        proposers: names.org_options(ctx, f.v("proposer_id"), "console-none"),
        japan: names.loc_options(ctx, Some(true), f.v("japan_locality_id"), "console-choose"),
        abroad: names.loc_multi(Some(false), &chosen),
        statuses: PartnershipStatus::ALL
            .iter()
            .map(|st| opt(st.as_str(), pl(ctx, "status", st.as_str()), f.v("status")))
            .collect(),
        themes: theme_choices(ctx, f.v("themes")),
        top_errors,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn programme_new(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    f.set("status", PartnershipStatus::Pipeline.as_str());
    f.set("starts_on", s.app.today());
    f.set("budget_currency", "JPY");
    programme_form(&s, &ctx, None, f).await
}

async fn programme_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (p, d) = ok_or_page!(&ctx, programme_of(&s, id).await);
    let mut f = FormState::default();
    f.fill(&p.fields);
    f.fill(&d.fields);
    f.set("version", p.version);
    f.set("partnership_version", d.version);
    f.set(
        "abroad_locality_ids",
        d.fields
            .abroad_locality_ids
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    );
    programme_form(&s, &ctx, Some(id), f).await
}

/// Read the programme and its details from the form: both are read (so
/// that every problem is told at once), the details with `programme_id`.
fn read_programme(f: &mut FormState, programme_id: Id) -> Result<(ProgrammeInput, PartnershipInput), Vec<FieldError>> {
    f.set("kind", ProgrammeKind::Partnership.as_str());
    f.set("programme_id", programme_id);
    if f.v("public").is_empty() {
        f.set("public", "false");
    }
    let mut errors = Vec::new();
    let programme = f.read::<ProgrammeInput>().map_err(|e| errors.extend(e)).ok();
    let details = f.read::<PartnershipInput>().map_err(|e| errors.extend(e)).ok();
    let abroad = match ids_of(f.v("abroad_locality_ids")) {
        Ok(ids) => ids,
        Err(()) => {
            errors.push(FieldError::new("abroad_locality_ids", "not_found", "not a locality"));
            Vec::new()
        }
    };
    match (programme, details) {
        (Some(p), Some(mut d)) if errors.is_empty() => {
            d.abroad_locality_ids = abroad;
            d.validate()?;
            Ok((p, d))
        }
        _ => Err(errors),
    }
}

async fn programme_create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match read_programme(&mut f, 1) {
        Ok((p, mut d)) => {
            let acting = crate::acting::for_ctx(&s, &ctx);
            match acting.create::<Programme>(&p).await {
                Ok(made) => {
                    d.programme_id = made.id;
                    match acting.create::<Partnership>(&d).await {
                        Ok(_) => {
                            return ctx.finish(
                                Redirect::to(&format!("/console/partnerships/{}?done=programme-saved", made.id))
                                    .into_response(),
                            );
                        }
                        Err(e) => {
                            // The details were refused: the programme made a
                            // moment ago goes again, so nothing is half-made.
                            if let Err(undo) = acting.delete::<Programme>(made.id).await {
                                return app_error(&ctx, undo);
                            }
                            match f.refused(e) {
                                Ok(errs) => errs,
                                Err(e) => return app_error(&ctx, e),
                            }
                        }
                    }
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(&ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    add_errors(&ctx, &mut f, &errors, &[]);
    programme_form(&s, &ctx, None, f).await
}

async fn programme_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let (_, current) = ok_or_page!(&ctx, programme_of(&s, id).await);
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match (
        read_programme(&mut f, id),
        form_version(&f, "version"),
        form_version(&f, "partnership_version"),
    ) {
        (Ok((p, d)), Ok(pv), Ok(dv)) => {
            let acting = crate::acting::for_ctx(&s, &ctx);
            // The details first: their rules need other records and are
            // the likelier to refuse; the programme's own rarely do.
            match acting.update::<Partnership>(current.id, dv, &d).await {
                Ok(saved) => {
                    f.set("partnership_version", saved.version);
                    match acting.update::<Programme>(id, pv, &p).await {
                        Ok(_) => {
                            return ctx.finish(
                                Redirect::to(&format!("/console/partnerships/{id}?done=programme-saved"))
                                    .into_response(),
                            );
                        }
                        Err(e) => match f.refused(e) {
                            Ok(errs) => errs,
                            Err(e) => return app_error(&ctx, e),
                        },
                    }
                }
                Err(AppError::Conflict { current, .. }) => {
                    f.set("partnership_version", current);
                    vec![FieldError::new("version", "stale", "changed by someone else")]
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(&ctx, e),
                },
            }
        }
        (r, a, b) => {
            let mut errs = r.err().unwrap_or_default();
            errs.extend(a.err());
            errs.extend(b.err());
            errs
        }
    };
    add_errors(&ctx, &mut f, &errors, &[]);
    programme_form(&s, &ctx, Some(id), f).await
}

// ------------------------------------------------------ the programme page

pub(super) struct RoleLine {
    id: Id,
    organisation: String,
    role: String,
}

pub(super) struct ActivityLine {
    pub(super) id: Id,
    pub(super) title: String,
    pub(super) kind: String,
    pub(super) dates: String,
    pub(super) place: String,
}

pub(super) struct OutcomeLine {
    pub(super) id: Id,
    pub(super) title: String,
    pub(super) date: String,
    pub(super) side: String,
    pub(super) kind: String,
    pub(super) state: String,
    pub(super) by_partner: bool,
    pub(super) public: bool,
}

struct LinkLine {
    id: Id,
    from: String,
    to: String,
    /// How the one led to the other, in the reader's language (or empty).
    note: String,
}

struct OptGroup {
    label: String,
    options: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "partnerships/programme.html")]
struct ProgrammePage<'a> {
    ctx: &'a Ctx,
    id: Id,
    notice: Option<String>,
    title: String,
    facts: Vec<(String, String)>,
    summary: String,
    roles: Vec<RoleLine>,
    role_form: FormState,
    role_orgs: Vec<Opt>,
    role_kinds: Vec<Opt>,
    activities: Vec<ActivityLine>,
    outcomes: Vec<OutcomeLine>,
    links: Vec<LinkLine>,
    link_form: FormState,
    link_from: Vec<OptGroup>,
    link_to: Vec<Opt>,
}

/// A forms' state kept for a refused write on the programme page.
#[derive(Default)]
struct Refused {
    role: Option<FormState>,
    link: Option<FormState>,
}

pub(super) fn outcome_state(ctx: &Ctx, o: &Outcome) -> String {
    match (o.fields.verdict, o.fields.proposal_status) {
        (Some(v), _) => pl(ctx, "verdict", v.as_str()),
        (None, Some(p)) => format!(
            "{} · {}",
            pl(ctx, "proposal", p.as_str()),
            ctx.t("partnerships-waiting")
        ),
        (None, None) => ctx.t("partnerships-waiting"),
    }
}

pub(super) fn outcome_line(ctx: &Ctx, o: &Outcome) -> OutcomeLine {
    OutcomeLine {
        id: o.id,
        title: ctx.local(&o.fields.title),
        date: ctx.date(&o.fields.occurred_on),
        side: pl(ctx, "side", o.fields.side.as_str()),
        kind: pl(ctx, "outcome-kind", o.fields.kind.as_str()),
        state: outcome_state(ctx, o),
        by_partner: o.fields.recorded_by == kizuna_domain::partnerships::outcome::RecordedBy::Partner,
        public: o.fields.public,
    }
}

async fn programme_view(s: &WebState, ctx: &Ctx, id: Id, notice: Option<String>, refused: Refused) -> Response {
    let (p, d) = ok_or_page!(ctx, programme_of(s, id).await);
    let names = ok_or_page!(ctx, Names::load(s, ctx).await);
    let by_programme = crate::pages::training::console::one("programme_id", id);
    let roles = ok_or_page!(ctx, s.app.list::<ProgrammeOrganisation>(&by_programme, ALL).await).0;
    let activities = ok_or_page!(ctx, s.app.list::<Activity>(&by_programme, ALL).await).0;
    let outcomes = ok_or_page!(ctx, s.app.list::<Outcome>(&by_programme, ALL).await).0;
    let links = ok_or_page!(ctx, programme_links(s, &outcomes).await);
    let d = &d.fields;
    let themes: Vec<&str> = d.themes.iter().map(|t| theme_name(ctx.lang, t.info())).collect();
    let yes_no = |b: bool| ctx.t(if b { "partnerships-yes" } else { "partnerships-no" });
    let facts = vec![
        (ctx.t("partnerships-key"), p.fields.key.to_string()),
        (ctx.t("partnerships-status"), pl(ctx, "status", d.status.as_str())),
        (
            ctx.t("partnerships-period"),
            period(ctx, &d.starts_on, d.ends_on.as_ref()),
        ),
        (
            ctx.t("partnerships-japan-locality"),
            names.loc(Some(d.japan_locality_id)),
        ),
        (
            ctx.t("partnerships-abroad-localities"),
            d.abroad_locality_ids
                .iter()
                .map(|l| names.loc(Some(*l)))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (ctx.t("partnerships-themes"), themes.join(", ")),
        (ctx.t("partnerships-funding-scheme"), ctx.local(&d.funding_scheme)),
        (ctx.t("partnerships-organisation"), names.org(p.fields.organisation_id)),
        (ctx.t("partnerships-proposer"), names.org(d.proposer_id)),
        (
            ctx.t("partnerships-budget"),
            match (d.budget_amount, &d.budget_currency) {
                (Some(a), Some(c)) => format!("{} {c}", ctx.num(a)),
                _ => String::new(),
            },
        ),
        (ctx.t("partnerships-public"), yes_no(d.public)),
    ];
    let title_of = |o: &Outcome| ctx.local(&o.fields.title);
    let mut link_lines = Vec::new();
    for l in &links {
        let from = cause_label(ctx, &p, &activities, &outcomes, &l.fields);
        let to = outcomes
            .iter()
            .find(|o| o.id == l.fields.to_outcome_id)
            .map(title_of)
            .unwrap_or_else(|| format!("#{}", l.fields.to_outcome_id));
        let note = l.fields.note.as_ref().map(|n| ctx.local(n)).unwrap_or_default();
        link_lines.push(LinkLine {
            id: l.id,
            from,
            to,
            note,
        });
    }
    let link_form = refused.link.unwrap_or_default();
    let role_form = refused.role.unwrap_or_default();
    let link_from = vec![
        OptGroup {
            label: ctx.t("partnerships-link-from-programme"),
            options: vec![opt(format!("p:{id}"), ctx.local(&p.fields.title), link_form.v("from"))],
        },
        OptGroup {
            label: ctx.t("partnerships-activities"),
            options: activities
                .iter()
                .map(|a| opt(format!("a:{}", a.id), ctx.local(&a.fields.title), link_form.v("from")))
                .collect(),
        },
        OptGroup {
            label: ctx.t("partnerships-outcomes"),
            options: outcomes
                .iter()
                .map(|o| opt(format!("o:{}", o.id), title_of(o), link_form.v("from")))
                .collect(),
        },
    ];
    let link_to = outcomes
        .iter()
        .map(|o| opt(o.id, title_of(o), link_form.v("to")))
        .collect();
    let refused_any = link_form.has_errors() || role_form.has_errors();
    let page = ProgrammePage {
        ctx,
        id,
        notice,
        title: ctx.local(&p.fields.title),
        facts,
        summary: p.fields.summary.as_ref().map(|t| ctx.local(t)).unwrap_or_default(),
        roles: roles
            .iter()
            .map(|r| RoleLine {
                id: r.id,
                organisation: names.org(Some(r.fields.organisation_id)),
                role: pl(ctx, "role", r.fields.role.as_str()),
            })
            .collect(),
        role_orgs: names.org_options(ctx, role_form.v("organisation_id"), "console-choose"),
        role_kinds: OrganisationRole::ALL
            .iter()
            .map(|r| opt(r.as_str(), pl(ctx, "role", r.as_str()), role_form.v("role")))
            .collect(),
        role_form,
        activities: activities
            .iter()
            .map(|a| ActivityLine {
                id: a.id,
                title: ctx.local(&a.fields.title),
                kind: pl(ctx, "activity-kind", a.fields.kind.as_str()),
                dates: period(ctx, &a.fields.starts_on, a.fields.ends_on.as_ref()),
                place: [
                    names.loc(a.fields.locality_id),
                    a.fields.place.as_ref().map(ToString::to_string).unwrap_or_default(),
                ]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            })
            .collect(),
        outcomes: outcomes.iter().map(|o| outcome_line(ctx, o)).collect(),
        links: link_lines,
        link_form,
        link_from,
        link_to,
    };
    unprocessable_if(render(ctx, &page), refused_any)
}

/// The causal links that end at one of the programme's outcomes.
async fn programme_links(s: &WebState, outcomes: &[Outcome]) -> Result<Vec<OutcomeLink>, AppError> {
    let mut out = Vec::new();
    for o in outcomes {
        let to = crate::pages::training::console::one("to_outcome_id", o.id);
        out.extend(s.app.list::<OutcomeLink>(&to, ALL).await?.0);
    }
    out.sort_by_key(|l| l.id);
    Ok(out)
}

fn cause_label(
    ctx: &Ctx,
    p: &Programme,
    activities: &[Activity],
    outcomes: &[Outcome],
    l: &OutcomeLinkInput,
) -> String {
    if l.from_programme_id.is_some() {
        return ctx.local(&p.fields.title);
    }
    if let Some(a) = l.from_activity_id {
        return activities
            .iter()
            .find(|x| x.id == a)
            .map(|x| ctx.local(&x.fields.title))
            .unwrap_or_else(|| format!("#{a}"));
    }
    let o = l.from_outcome_id.unwrap_or_default();
    outcomes
        .iter()
        .find(|x| x.id == o)
        .map(|x| ctx.local(&x.fields.title))
        .unwrap_or_else(|| format!("#{o}"))
}

async fn programme_page(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    programme_view(&s, &ctx, id, done_notice(&ctx, q.done.as_deref()), Refused::default()).await
}

// ------------------------------------------------- deleting, with a warning

#[derive(Template)]
#[template(path = "console/confirm_delete.html")]
pub(super) struct ConfirmDelete<'a> {
    pub(super) ctx: &'a Ctx,
    pub(super) heading: String,
    pub(super) what: String,
    pub(super) blocked: Option<String>,
    pub(super) going_with: Option<String>,
    pub(super) refused: Option<String>,
    pub(super) action: String,
    pub(super) version: i64,
    pub(super) back: String,
}

/// A record about to be deleted: what is shown, what blocks it, what goes
/// with it, and where to go back to and after.
pub(super) struct Target {
    pub(super) heading: &'static str,
    pub(super) what: String,
    pub(super) version: i64,
    pub(super) blocking: Vec<(&'static str, i64)>,
    pub(super) going_with: Vec<(&'static str, i64)>,
    pub(super) action: String,
    pub(super) back: String,
    pub(super) after: String,
}

pub(super) fn confirm_page(ctx: &Ctx, t: &Target, refused: Option<String>) -> Response {
    let blocked = t
        .blocking
        .iter()
        .any(|(_, n)| *n > 0)
        .then(|| ctx.t1("partnerships-delete-blocked", "list", counted(ctx, &t.blocking)));
    let going_with = t
        .going_with
        .iter()
        .any(|(_, n)| *n > 0)
        .then(|| ctx.t1("partnerships-delete-going-with", "list", counted(ctx, &t.going_with)));
    let status = if refused.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let page = ConfirmDelete {
        ctx,
        heading: ctx.t(t.heading),
        what: t.what.clone(),
        blocked,
        going_with,
        refused,
        action: t.action.clone(),
        version: t.version,
        back: t.back.clone(),
    };
    with_status(render(ctx, &page), status)
}

/// Delete after the confirmation, with `remove`: refused (the page shown
/// again, saying why, nothing deleted) when the record changed since it
/// was shown or something still depends on it.
pub(super) async fn confirm_delete<F, Fut>(ctx: &Ctx, t: Target, pairs: &[(String, String)], remove: F) -> Response
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    let f = FormState::from_pairs(pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    if f.v("version").trim().parse::<i64>().ok() != Some(t.version) {
        return confirm_page(ctx, &t, Some(ctx.t("work-delete-stale")));
    }
    if t.blocking.iter().any(|(_, n)| *n > 0) {
        return confirm_page(ctx, &t, Some(ctx.t("work-delete-refused")));
    }
    match remove().await {
        Ok(()) => ctx.finish(Redirect::to(&t.after).into_response()),
        Err(AppError::Invalid(errs)) if errs.iter().any(|e| e.code == "in_use") => {
            confirm_page(ctx, &t, Some(ctx.t("work-delete-refused")))
        }
        Err(e) => app_error(ctx, e),
    }
}

async fn programme_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let (p, _) = programme_of(s, id).await?;
    let by = crate::pages::training::console::one("programme_id", id);
    let activities = s.app.list::<Activity>(&by, ALL).await?.1;
    let outcomes = s.app.list::<Outcome>(&by, ALL).await?.1;
    let roles = s.app.list::<ProgrammeOrganisation>(&by, ALL).await?.1;
    Ok(Target {
        heading: "partnerships-delete-programme",
        what: format!("{} · {}", ctx.local(&p.fields.title), p.fields.key),
        version: p.version,
        blocking: vec![("activities", activities), ("outcomes", outcomes)],
        going_with: vec![("roles", roles)],
        action: format!("/console/partnerships/{id}/delete"),
        back: format!("/console/partnerships/{id}"),
        after: "/console/partnerships?done=programme-deleted".to_owned(),
    })
}

async fn programme_delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, programme_target(&s, &ctx, id).await);
    confirm_page(&ctx, &t, None)
}

async fn programme_delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, programme_target(&s, &ctx, id).await);
    let acting = crate::acting::for_ctx(&s, &ctx);
    confirm_delete(&ctx, t, &pairs, || async move { acting.delete::<Programme>(id).await }).await
}
