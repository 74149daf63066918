//! Each kind's form (new and change), page and deletion, written once for
//! fairs, campaigns, leads and tourism trainings through [`Kind`].

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use kizuna_app::AppError;
use kizuna_app::records::Entity;
use kizuna_domain::common::Id;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::exchanges::dispatch::Dispatch;
use kizuna_domain::fields::Fields;
use kizuna_domain::tourism::campaign::{Campaign, CampaignChannel};
use kizuna_domain::tourism::fair::{FairRole, LeadStatus, TourismLead, TravelFair};
use kizuna_domain::tourism::training::TourismTraining;
use kizuna_domain::training::edition::Edition;
use kizuna_store::Record;

use super::{DoneQuery, FieldRow, add_errors, guard, id_param, ok_or_page, period, tt};
use crate::pages::render;
use crate::pages::training::console::{ALL, FormState, Opt, country_name, not_found, opt, parse_id, person_name};
use crate::session::{Ctx, WebState};

macro_rules! kind_routes {
    ($r:ty, $base:literal) => {
        crate::pages::Routes::new()
            .route(concat!($base, "/new"), get(new::<$r>).post(create::<$r>))
            .route(concat!($base, "/{id}"), get(page::<$r>))
            .route(concat!($base, "/{id}/edit"), get(edit::<$r>).post(update::<$r>))
            .route(
                concat!($base, "/{id}/delete"),
                get(delete_page::<$r>).post(delete::<$r>),
            )
    };
}

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .merge(kind_routes!(TravelFair, "/console/tourism/fairs"))
        .merge(kind_routes!(Campaign, "/console/tourism/campaigns"))
        .merge(kind_routes!(TourismLead, "/console/tourism/leads"))
        .merge(kind_routes!(TourismTraining, "/console/tourism/trainings"))
}

/// What the forms choose from.
pub(super) struct Choices {
    people: Vec<Person>,
    organisations: Vec<Organisation>,
    dispatches: Vec<Dispatch>,
    editions: Vec<Edition>,
    programmes: Vec<Programme>,
    fairs: Vec<TravelFair>,
    campaigns: Vec<Campaign>,
}

impl Choices {
    async fn load(s: &WebState) -> Result<Self, AppError> {
        let none = BTreeMap::new();
        Ok(Choices {
            people: s.app.list::<Person>(&none, ALL).await?.0,
            organisations: s.app.list::<Organisation>(&none, ALL).await?.0,
            dispatches: s.app.list::<Dispatch>(&none, ALL).await?.0,
            editions: s.app.list::<Edition>(&none, ALL).await?.0,
            programmes: s.app.list::<Programme>(&none, ALL).await?.0,
            fairs: s.app.list::<TravelFair>(&none, ALL).await?.0,
            campaigns: s.app.list::<Campaign>(&none, ALL).await?.0,
        })
    }

    fn with_none(ctx: &Ctx, items: impl Iterator<Item = (Id, String)>, current: &str) -> Vec<Opt> {
        let mut v = vec![opt("", tt(ctx, "none-chosen"), current)];
        v.extend(items.map(|(i, l)| opt(i, l, current)));
        v
    }

    fn edition_label(&self, ctx: &Ctx, e: &Edition) -> String {
        let title = e.fields.title.as_ref().map(|t| ctx.local(t)).or_else(|| {
            self.programmes
                .iter()
                .find(|p| p.id == e.fields.programme_id)
                .map(|p| ctx.local(&p.fields.title))
        });
        format!(
            "{} ({}) · {}",
            title.unwrap_or_default(),
            e.fields.key,
            ctx.date(&e.fields.starts_on)
        )
    }
}

/// Countries to choose from, in the reader's order.
fn countries(ctx: &Ctx, current: &str) -> Vec<Opt> {
    let mut v: Vec<Opt> = all_countries()
        .iter()
        .map(|c| opt(c.code, c.name(ctx.lang.code()), current))
        .collect();
    v.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.label, &b.label));
    v.insert(0, opt("", tt(ctx, "choose"), current));
    v
}

fn enum_options<E: Copy>(
    ctx: &Ctx,
    all: &[E],
    prefix: &str,
    key: impl Fn(E) -> &'static str,
    current: &str,
) -> Vec<Opt> {
    all.iter()
        .map(|e| opt(key(*e), tt(ctx, &format!("{prefix}-{}", key(*e))), current))
        .collect()
}

/// A kind of tourism record with console pages.
pub(super) trait Kind: Entity + Send + Sync + 'static
where
    <Self as Record>::Input: Fields + Send + Sync + 'static,
{
    /// The console path of the kind (`/console/tourism/fairs`).
    const PATH: &'static str;
    /// The kind's name in the catalogue (`tourism-kind-{KEY}`).
    const KEY: &'static str;
    fn id(&self) -> Id;
    fn version(&self) -> i64;
    fn input(&self) -> &<Self as Record>::Input;
    fn title(&self, ctx: &Ctx, c: &Choices) -> String;
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)>;
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow>;
    /// Where to go once a record is saved or deleted.
    fn home(&self) -> String {
        format!("{}/{}", Self::PATH, self.id())
    }
    /// Where to go once it is deleted.
    fn after_delete(&self) -> String {
        "/console/tourism?done=deleted".into()
    }
    /// Fields a form holds beyond the declared columns.
    fn complete(_input: &mut <Self as Record>::Input, _pairs: &[(String, String)]) {}
    /// Extra values a form shows beyond the declared columns.
    fn fill_extra(&self, _f: &mut FormState) {}
}

impl Kind for TravelFair {
    const PATH: &'static str = "/console/tourism/fairs";
    const KEY: &'static str = "fair";
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, ctx: &Ctx, _: &Choices) -> String {
        ctx.local(&self.fields.name)
    }
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)> {
        let f = &self.fields;
        let people: Vec<String> = f
            .person_ids
            .iter()
            .map(|p| {
                c.people
                    .iter()
                    .find(|x| x.id == *p)
                    .map_or_else(|| format!("#{p}"), person_name)
            })
            .collect();
        let mut v = vec![
            (tt(ctx, "field-role"), tt(ctx, &format!("role-{}", f.role.as_str()))),
            (
                tt(ctx, "where"),
                format!("{}, {}", f.city, country_name(ctx, f.country)),
            ),
            (tt(ctx, "when"), period(ctx, &f.starts_on, &f.ends_on)),
            (tt(ctx, "field-person_ids"), people.join(", ")),
        ];
        v.extend(f.contacts.as_ref().map(|t| (tt(ctx, "field-contacts"), t.to_string())));
        v.extend(
            f.dispatch_id
                .and_then(|d| c.dispatches.iter().find(|x| x.id == d))
                .map(|d| (tt(ctx, "field-dispatch_id"), ctx.local(&d.fields.title))),
        );
        v
    }
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow> {
        let chosen: Vec<&str> = f.v("person_ids").split(',').map(str::trim).collect();
        let people = c
            .people
            .iter()
            .map(|p| Opt {
                value: p.id.to_string(),
                label: person_name(p),
                selected: chosen.contains(&p.id.to_string().as_str()),
            })
            .collect();
        vec![
            FieldRow::new(ctx, "name", "local", true),
            FieldRow::select(
                ctx,
                "role",
                true,
                enum_options(ctx, FairRole::ALL, "role", FairRole::as_str, f.v("role")),
            ),
            FieldRow::new(ctx, "city", "text", true),
            FieldRow::select(ctx, "country", true, countries(ctx, f.v("country"))),
            FieldRow::new(ctx, "starts_on", "date", true),
            FieldRow::new(ctx, "ends_on", "date", true),
            FieldRow {
                options: people,
                ..FieldRow::new(ctx, "person_ids", "multi", true)
            },
            FieldRow::new(ctx, "contacts", "text", false),
            FieldRow::select(
                ctx,
                "dispatch_id",
                false,
                Choices::with_none(
                    ctx,
                    c.dispatches.iter().map(|d| {
                        (
                            d.id,
                            format!("{} · {}", ctx.local(&d.fields.title), ctx.date(&d.fields.departs_on)),
                        )
                    }),
                    f.v("dispatch_id"),
                ),
            ),
        ]
    }
    fn complete(input: &mut <Self as Record>::Input, pairs: &[(String, String)]) {
        input.person_ids = pairs
            .iter()
            .filter(|(k, _)| k == "person_ids")
            .filter_map(|(_, v)| parse_id(v.trim()))
            .collect();
    }
    fn fill_extra(&self, f: &mut FormState) {
        let ids: Vec<String> = self.fields.person_ids.iter().map(ToString::to_string).collect();
        f.set("person_ids", ids.join(", "));
    }
}

impl Kind for Campaign {
    const PATH: &'static str = "/console/tourism/campaigns";
    const KEY: &'static str = "campaign";
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, ctx: &Ctx, _: &Choices) -> String {
        ctx.local(&self.fields.title)
    }
    fn facts(&self, ctx: &Ctx, _: &Choices) -> Vec<(String, String)> {
        let f = &self.fields;
        let mut v = vec![
            (tt(ctx, "when"), period(ctx, &f.starts_on, &f.ends_on)),
            (tt(ctx, "field-market"), country_name(ctx, f.market)),
            (
                tt(ctx, "field-channel"),
                tt(ctx, &format!("channel-{}", f.channel.as_str())),
            ),
        ];
        v.extend(f.note.as_ref().map(|n| (tt(ctx, "field-note"), ctx.local(n))));
        v
    }
    fn rows(ctx: &Ctx, _: &Choices, f: &FormState) -> Vec<FieldRow> {
        vec![
            FieldRow::new(ctx, "title", "local", true),
            FieldRow::new(ctx, "starts_on", "date", true),
            FieldRow::new(ctx, "ends_on", "date", true),
            FieldRow::select(ctx, "market", true, countries(ctx, f.v("market"))),
            FieldRow::select(
                ctx,
                "channel",
                true,
                enum_options(
                    ctx,
                    CampaignChannel::ALL,
                    "channel",
                    CampaignChannel::as_str,
                    f.v("channel"),
                ),
            ),
            FieldRow::new(ctx, "note", "local-multi", false),
        ]
    }
}

impl Kind for TourismLead {
    const PATH: &'static str = "/console/tourism/leads";
    const KEY: &'static str = "lead";
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, _: &Ctx, _: &Choices) -> String {
        self.fields.subject.to_string()
    }
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)> {
        let f = &self.fields;
        let who = f
            .organisation_id
            .and_then(|o| c.organisations.iter().find(|x| x.id == o))
            .map(|o| ctx.local(&o.fields.name))
            .or_else(|| f.contact.as_ref().map(ToString::to_string))
            .unwrap_or_default();
        let mut v = vec![
            (tt(ctx, "field-contact"), who),
            (
                tt(ctx, "field-status"),
                tt(ctx, &format!("status-{}", f.status.as_str())),
            ),
        ];
        v.extend(
            f.followed_up_on
                .map(|d| (tt(ctx, "field-followed_up_on"), ctx.date(&d))),
        );
        v.extend(f.next_on.map(|d| (tt(ctx, "field-next_on"), ctx.date(&d))));
        v.extend(f.note.as_ref().map(|n| (tt(ctx, "field-note"), n.to_string())));
        v
    }
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow> {
        vec![
            FieldRow::select(
                ctx,
                "fair_id",
                false,
                Choices::with_none(
                    ctx,
                    c.fairs.iter().map(|x| (x.id, ctx.local(&x.fields.name))),
                    f.v("fair_id"),
                ),
            ),
            FieldRow::select(
                ctx,
                "campaign_id",
                false,
                Choices::with_none(
                    ctx,
                    c.campaigns.iter().map(|x| (x.id, ctx.local(&x.fields.title))),
                    f.v("campaign_id"),
                ),
            ),
            FieldRow::new(ctx, "subject", "text", true),
            FieldRow::select(
                ctx,
                "organisation_id",
                false,
                Choices::with_none(
                    ctx,
                    c.organisations.iter().map(|o| (o.id, ctx.local(&o.fields.name))),
                    f.v("organisation_id"),
                ),
            ),
            FieldRow::new(ctx, "contact", "text", false),
            FieldRow::select(
                ctx,
                "status",
                true,
                enum_options(ctx, LeadStatus::ALL, "status", LeadStatus::as_str, f.v("status")),
            ),
            FieldRow::new(ctx, "followed_up_on", "date", false),
            FieldRow::new(ctx, "next_on", "date", false),
            FieldRow::new(ctx, "note", "text", false),
        ]
    }
    fn home(&self) -> String {
        match (self.fields.fair_id, self.fields.campaign_id) {
            (Some(f), _) => format!("{}/{f}", TravelFair::PATH),
            (_, Some(c)) => format!("{}/{c}", Campaign::PATH),
            _ => "/console/tourism".into(),
        }
    }
    fn after_delete(&self) -> String {
        format!("{}?done=deleted", self.home())
    }
}

impl Kind for TourismTraining {
    const PATH: &'static str = "/console/tourism/trainings";
    const KEY: &'static str = "training";
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, ctx: &Ctx, c: &Choices) -> String {
        c.editions
            .iter()
            .find(|e| e.id == self.fields.edition_id)
            .map(|e| c.edition_label(ctx, e))
            .unwrap_or_default()
    }
    fn facts(&self, ctx: &Ctx, _: &Choices) -> Vec<(String, String)> {
        self.fields
            .note
            .as_ref()
            .map(|n| (tt(ctx, "field-note"), ctx.local(n)))
            .into_iter()
            .collect()
    }
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow> {
        let mut editions: Vec<&Edition> = c.editions.iter().collect();
        editions.sort_by_key(|e| std::cmp::Reverse((e.fields.starts_on, e.id)));
        let mut options = vec![opt("", tt(ctx, "choose"), f.v("edition_id"))];
        options.extend(
            editions
                .into_iter()
                .map(|e| opt(e.id, c.edition_label(ctx, e), f.v("edition_id"))),
        );
        vec![
            FieldRow::select(ctx, "edition_id", true, options),
            FieldRow::new(ctx, "note", "local-multi", false),
        ]
    }
    fn home(&self) -> String {
        "/console/tourism?done=saved#trainings".into()
    }
}

// ------------------------------------------------------------------ form

#[derive(Template)]
#[template(path = "exchanges/form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    list: (String, String),
    heading: String,
    action: String,
    id: Option<Id>,
    back: Option<String>,
    f: FormState,
    rows: Vec<FieldRow>,
    top_errors: Vec<String>,
}

async fn form_page<R: Kind>(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    let c = ok_or_page!(ctx, Choices::load(s).await);
    let mut shown = FormState::shown::<<R as Record>::Input>();
    shown.extend(["version", "person_ids"]);
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let stale = f.errors.iter().any(|(field, _)| field == "version");
    let kind = tt(ctx, &format!("kind-{}", R::KEY));
    let page = FormPage {
        ctx,
        list: ("/console/tourism".to_owned(), tt(ctx, "title")),
        heading: match id {
            Some(_) => format!("{} · {}", tt(ctx, "edit"), kind),
            None => format!("{} · {}", tt(ctx, "new"), kind),
        },
        action: match id {
            Some(id) => format!("{}/{id}/edit", R::PATH),
            None => format!("{}/new", R::PATH),
        },
        id,
        back: id.map(|id| format!("{}/{id}", R::PATH)),
        rows: R::rows(ctx, &c, &f),
        top_errors,
        f,
    };
    let mut r = render(ctx, &page);
    if stale {
        *r.status_mut() = StatusCode::CONFLICT;
    } else if errors {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

async fn new<R: Kind>(State(s): State<WebState>, ctx: Ctx, Query(q): Query<BTreeMap<String, String>>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    // A lead added from a fair's or a campaign's page starts from it.
    if let Some(id) = id_param(q.get("fair")) {
        f.set("fair_id", id);
    }
    if let Some(id) = id_param(q.get("campaign")) {
        f.set("campaign_id", id);
    }
    form_page::<R>(&s, &ctx, None, f).await
}

async fn edit<R: Kind>(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let r = ok_or_page!(&ctx, s.app.get::<R>(id).await);
    let mut f = FormState::default();
    f.fill(r.input());
    r.fill_extra(&mut f);
    f.set("version", r.version());
    form_page::<R>(&s, &ctx, Some(id), f).await
}

async fn submit<R: Kind>(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match f.read::<<R as Record>::Input>() {
        Ok(mut input) => {
            R::complete(&mut input, &pairs);
            let acting = crate::acting::for_ctx(s, ctx);
            let version = f.v("version").trim().parse::<i64>();
            let result = match (id, version) {
                (Some(id), Ok(v)) => acting.update::<R>(id, v, &input).await,
                (Some(_), Err(_)) => Err(AppError::Invalid(vec![kizuna_domain::FieldError::required("version")])),
                (None, _) => acting.create::<R>(&input).await,
            };
            match result {
                Ok(r) => {
                    let home = r.home();
                    let sep = if home.contains('?') { "&" } else { "?" };
                    let to = if home.contains("done=") {
                        home
                    } else {
                        format!("{home}{sep}done=saved")
                    };
                    return ctx.finish(Redirect::to(&to).into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return crate::pages::training::console::app_error(ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    add_errors(ctx, &mut f, &errors);
    form_page::<R>(s, ctx, id, f).await
}

async fn create<R: Kind>(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    submit::<R>(&s, &ctx, None, pairs).await
}

async fn update<R: Kind>(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    ok_or_page!(&ctx, s.app.get::<R>(id).await);
    submit::<R>(&s, &ctx, Some(id), pairs).await
}

// ------------------------------------------------------------------ page

/// A lead as a record's page lists it.
struct LeadLine {
    href: String,
    subject: String,
    who: String,
    status: String,
    next: String,
}

#[derive(Template)]
#[template(path = "tourism/record.html")]
struct RecordPage<'a> {
    ctx: &'a Ctx,
    base: String,
    id: Id,
    kind: String,
    title: String,
    facts: Vec<(String, String)>,
    /// The leads and where a new one is added (fairs and campaigns).
    leads: Option<(Vec<LeadLine>, String)>,
    notice: Option<String>,
}

async fn page<R: Kind>(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let r = ok_or_page!(&ctx, s.app.get::<R>(id).await);
    let c = ok_or_page!(&ctx, Choices::load(&s).await);
    let leads = match R::KEY {
        "fair" => Some((Some(id), None, format!("{}/new?fair={id}", TourismLead::PATH))),
        "campaign" => Some((None, Some(id), format!("{}/new?campaign={id}", TourismLead::PATH))),
        _ => None,
    };
    let leads = match leads {
        Some((fair, campaign, add)) => {
            let list = ok_or_page!(&ctx, s.app.tourism_leads(fair, campaign).await);
            let lines = list
                .iter()
                .map(|l| {
                    let facts = l.facts(&ctx, &c);
                    LeadLine {
                        href: format!("{}/{}/edit", TourismLead::PATH, l.id),
                        subject: l.fields.subject.to_string(),
                        who: facts.first().map(|(_, v)| v.clone()).unwrap_or_default(),
                        status: tt(&ctx, &format!("status-{}", l.fields.status.as_str())),
                        next: l.fields.next_on.map(|d| ctx.date(&d)).unwrap_or_default(),
                    }
                })
                .collect();
            Some((lines, add))
        }
        None => None,
    };
    let page = RecordPage {
        ctx: &ctx,
        base: R::PATH.to_owned(),
        id,
        kind: tt(&ctx, &format!("kind-{}", R::KEY)),
        title: r.title(&ctx, &c),
        facts: r.facts(&ctx, &c),
        leads,
        notice: q.done.as_deref().map(|d| tt(&ctx, &format!("done-{d}"))),
    };
    render(&ctx, &page)
}

// ---------------------------------------------------------------- delete

#[derive(Template)]
#[template(path = "console/confirm_delete.html")]
struct ConfirmDelete<'a> {
    ctx: &'a Ctx,
    heading: String,
    what: String,
    blocked: Option<String>,
    going_with: Option<String>,
    refused: Option<String>,
    action: String,
    version: i64,
    back: String,
}

async fn confirm<R: Kind>(s: &WebState, ctx: &Ctx, r: &R, refused: Option<String>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    let c = ok_or_page!(ctx, Choices::load(s).await);
    let going_with = match R::KEY {
        "fair" | "campaign" => {
            let (f, k) = if R::KEY == "fair" {
                (Some(r.id()), None)
            } else {
                (None, Some(r.id()))
            };
            let n = ok_or_page!(ctx, s.app.tourism_leads(f, k).await).len();
            (n > 0).then(|| ctx.tn("tourism-delete-leads", "count", n as i64))
        }
        _ => None,
    };
    let conflict = refused.is_some();
    let page = ConfirmDelete {
        ctx,
        heading: format!("{} · {}", tt(ctx, "delete"), tt(ctx, &format!("kind-{}", R::KEY))),
        what: r.title(ctx, &c),
        blocked: None,
        going_with,
        refused,
        action: format!("{}/{}/delete", R::PATH, r.id()),
        version: r.version(),
        back: format!("{}/{}", R::PATH, r.id()),
    };
    let mut resp = render(ctx, &page);
    if conflict {
        *resp.status_mut() = StatusCode::CONFLICT;
    }
    resp
}

async fn delete_page<R: Kind>(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let r = ok_or_page!(&ctx, s.app.get::<R>(id).await);
    confirm::<R>(&s, &ctx, &r, None).await
}

/// Deleted only at the version the confirmation was shown at: a record
/// changed since is not deleted (the page shown again, 409).
async fn delete<R: Kind>(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let r = ok_or_page!(&ctx, s.app.get::<R>(id).await);
    if f.v("version").trim().parse::<i64>().ok() != Some(r.version()) {
        return confirm::<R>(&s, &ctx, &r, Some(ctx.t("work-delete-stale"))).await;
    }
    ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete::<R>(id).await);
    ctx.finish(Redirect::to(&r.after_delete()).into_response())
}
