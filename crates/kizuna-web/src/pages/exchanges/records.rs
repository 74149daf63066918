//! Each kind's form (new and change), its page (facts, parts, photos) and
//! its deletion, written once for the four kinds through [`Exchange`].

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use kizuna_app::AppError;
use kizuna_app::exchanges::ExchangeKind;
use kizuna_app::records::Entity;
use kizuna_domain::common::country::all_countries;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{CountryCode, Id};
use kizuna_domain::exchanges::courtesy_call::CourtesyCall;
use kizuna_domain::exchanges::delegation::Delegation;
use kizuna_domain::exchanges::dispatch::{Dispatch, DispatchKind};
use kizuna_domain::exchanges::symposium::Symposium;
use kizuna_domain::fields::Fields;
use kizuna_domain::training::edition::Edition;
use kizuna_store::Record;

use super::parts::{Section, sections};
use super::photos::{MAX_PHOTO_FORM, PhotoLine, photo_add, photo_lines};
use super::{FieldRow, add_errors, guard, ok_or_page, period, unprocessable_if, xt};
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
            .route(
                concat!($base, "/{id}/photos"),
                post(photo_add::<$r>).layer(DefaultBodyLimit::max(MAX_PHOTO_FORM)),
            )
    };
}

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .merge(kind_routes!(Delegation, "/console/delegations"))
        .merge(kind_routes!(Dispatch, "/console/dispatches"))
        .merge(kind_routes!(Symposium, "/console/symposiums"))
        .merge(kind_routes!(CourtesyCall, "/console/courtesy-calls"))
}

/// What the forms choose from: the records an exchange may refer to.
pub(super) struct Choices {
    pub(super) people: Vec<Person>,
    pub(super) organisations: Vec<Organisation>,
    pub(super) localities: Vec<Locality>,
    pub(super) programmes: Vec<Programme>,
    pub(super) delegations: Vec<Delegation>,
    pub(super) editions: Vec<Edition>,
}

impl Choices {
    pub(super) async fn load(s: &WebState) -> Result<Self, AppError> {
        let none = BTreeMap::new();
        Ok(Choices {
            people: s.app.list::<Person>(&none, ALL).await?.0,
            organisations: s.app.list::<Organisation>(&none, ALL).await?.0,
            localities: s.app.list::<Locality>(&none, ALL).await?.0,
            programmes: s.app.list::<Programme>(&none, ALL).await?.0,
            delegations: s.app.list::<Delegation>(&none, ALL).await?.0,
            editions: s.app.list::<Edition>(&none, ALL).await?.0,
        })
    }

    fn with_none(ctx: &Ctx, items: impl Iterator<Item = (Id, String)>, current: &str) -> Vec<Opt> {
        let mut v = vec![opt("", xt(ctx, "none-chosen"), current)];
        v.extend(items.map(|(i, l)| opt(i, l, current)));
        v
    }

    pub(super) fn people(&self, ctx: &Ctx, current: &str) -> Vec<Opt> {
        Self::with_none(ctx, self.people.iter().map(|p| (p.id, person_name(p))), current)
    }

    pub(super) fn organisations(&self, ctx: &Ctx, current: &str) -> Vec<Opt> {
        Self::with_none(
            ctx,
            self.organisations.iter().map(|o| (o.id, ctx.local(&o.fields.name))),
            current,
        )
    }

    pub(super) fn localities(&self, ctx: &Ctx, current: &str) -> Vec<Opt> {
        Self::with_none(
            ctx,
            self.localities
                .iter()
                .map(|l| (l.id, format!("{} ({})", ctx.local(&l.fields.name), l.fields.country))),
            current,
        )
    }

    fn programmes(&self, ctx: &Ctx, current: &str) -> Vec<Opt> {
        Self::with_none(
            ctx,
            self.programmes.iter().map(|p| (p.id, ctx.local(&p.fields.title))),
            current,
        )
    }

    fn delegations(&self, ctx: &Ctx, current: &str) -> Vec<Opt> {
        Self::with_none(
            ctx,
            self.delegations.iter().map(|d| {
                (
                    d.id,
                    format!("{} · {}", ctx.local(&d.fields.purpose), ctx.date(&d.fields.arrives_on)),
                )
            }),
            current,
        )
    }

    /// An edition by its title (else its course's), its key and its first day.
    fn edition_label(&self, ctx: &Ctx, e: &Edition) -> String {
        let title = e.fields.title.as_ref().map(|t| ctx.local(t)).or_else(|| {
            Self::name_of(&self.programmes, Some(e.fields.programme_id), |p| p.id).map(|p| ctx.local(&p.fields.title))
        });
        match title {
            Some(t) => format!("{t} ({}) · {}", e.fields.key, ctx.date(&e.fields.starts_on)),
            None => format!("{} · {}", e.fields.key, ctx.date(&e.fields.starts_on)),
        }
    }

    fn editions(&self, ctx: &Ctx, current: &str) -> Vec<Opt> {
        let mut editions: Vec<&Edition> = self.editions.iter().collect();
        editions.sort_by_key(|e| std::cmp::Reverse((e.fields.starts_on, e.id)));
        Self::with_none(
            ctx,
            editions.into_iter().map(|e| (e.id, self.edition_label(ctx, e))),
            current,
        )
    }

    fn name_of<T>(items: &[T], id: Option<Id>, key: impl Fn(&T) -> Id) -> Option<&T> {
        id.and_then(|id| items.iter().find(|x| key(x) == id))
    }

    pub(super) fn person(&self, id: Id) -> String {
        Self::name_of(&self.people, Some(id), |p| p.id).map_or_else(|| format!("#{id}"), person_name)
    }

    pub(super) fn organisation(&self, ctx: &Ctx, id: Option<Id>) -> Option<String> {
        Self::name_of(&self.organisations, id, |o| o.id).map(|o| ctx.local(&o.fields.name))
    }

    pub(super) fn locality(&self, ctx: &Ctx, id: Option<Id>) -> Option<String> {
        Self::name_of(&self.localities, id, |l| l.id).map(|l| ctx.local(&l.fields.name))
    }

    fn programme(&self, ctx: &Ctx, id: Option<Id>) -> Option<String> {
        Self::name_of(&self.programmes, id, |p| p.id).map(|p| ctx.local(&p.fields.title))
    }
}

/// Countries to choose from, in the reader's order.
pub(super) fn countries(ctx: &Ctx, current: &str) -> Vec<Opt> {
    let mut v: Vec<Opt> = all_countries()
        .iter()
        .map(|c| opt(c.code, c.name(ctx.lang.code()), current))
        .collect();
    v.sort_by(|a, b| kizuna_i18n::compare(ctx.lang, &a.label, &b.label));
    v.insert(0, opt("", xt(ctx, "choose"), current));
    v
}

fn country(ctx: &Ctx, c: CountryCode) -> String {
    country_name(ctx, c)
}

fn yes_no(ctx: &Ctx, b: bool) -> String {
    xt(ctx, if b { "yes" } else { "no" })
}

/// A kind of exchange with console pages.
pub(super) trait Exchange: Entity + Send + Sync + 'static
where
    <Self as Record>::Input: Fields + Send + Sync + 'static,
{
    const KIND: ExchangeKind;
    fn id(&self) -> Id;
    fn version(&self) -> i64;
    fn input(&self) -> &<Self as Record>::Input;
    fn title(&self, ctx: &Ctx) -> String;
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)>;
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow>;
    /// Fields a form holds beyond the declared columns.
    fn complete(_input: &mut <Self as Record>::Input, _pairs: &[(String, String)]) {}
    /// Extra values a form shows beyond the declared columns.
    fn fill_extra(&self, _f: &mut FormState) {}
}

fn public_row(ctx: &Ctx) -> FieldRow {
    FieldRow::new(ctx, "public", "check", false)
}

impl Exchange for Delegation {
    const KIND: ExchangeKind = ExchangeKind::Delegation;
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, ctx: &Ctx) -> String {
        ctx.local(&self.fields.purpose)
    }
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)> {
        let f = &self.fields;
        let org = c
            .organisation(ctx, f.organisation_id)
            .or_else(|| f.organisation_name.as_ref().map(|n| ctx.local(n)))
            .unwrap_or_default();
        let mut v = vec![
            (xt(ctx, "field-country"), country(ctx, f.country)),
            (xt(ctx, "field-organisation-name"), org),
            (xt(ctx, "when"), period(ctx, &f.arrives_on, &f.leaves_on)),
        ];
        v.extend(
            c.programme(ctx, f.programme_id)
                .map(|p| (xt(ctx, "field-programme-id"), p)),
        );
        v.push((xt(ctx, "field-public"), yes_no(ctx, f.public)));
        v
    }
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow> {
        vec![
            FieldRow::select(ctx, "country", true, countries(ctx, f.v("country"))),
            FieldRow::select(
                ctx,
                "organisation_id",
                false,
                c.organisations(ctx, f.v("organisation_id")),
            ),
            FieldRow::new(ctx, "organisation_name", "local", false),
            FieldRow::new(ctx, "arrives_on", "date", true),
            FieldRow::new(ctx, "leaves_on", "date", true),
            FieldRow::new(ctx, "purpose", "local-multi", true),
            FieldRow::select(ctx, "programme_id", false, c.programmes(ctx, f.v("programme_id"))),
            public_row(ctx),
        ]
    }
}

impl Exchange for Dispatch {
    const KIND: ExchangeKind = ExchangeKind::Dispatch;
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, ctx: &Ctx) -> String {
        ctx.local(&self.fields.title)
    }
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)> {
        let f = &self.fields;
        let mut v = vec![
            (xt(ctx, "field-kind"), xt(ctx, &format!("dispatch-{}", f.kind.as_str()))),
            (xt(ctx, "field-country"), country(ctx, f.country)),
        ];
        v.extend(f.city.as_ref().map(|t| (xt(ctx, "field-city"), t.to_string())));
        v.extend(
            f.organiser
                .as_ref()
                .map(|t| (xt(ctx, "field-organiser"), t.to_string())),
        );
        v.push((xt(ctx, "when"), period(ctx, &f.departs_on, &f.returns_on)));
        v.push((
            xt(ctx, "field-person-ids"),
            f.person_ids.iter().map(|p| c.person(*p)).collect::<Vec<_>>().join(", "),
        ));
        v.extend(f.report.as_ref().map(|r| (xt(ctx, "field-report"), ctx.local(r))));
        v.extend(
            c.programme(ctx, f.programme_id)
                .map(|p| (xt(ctx, "field-programme-id"), p)),
        );
        v.push((xt(ctx, "field-public"), yes_no(ctx, f.public)));
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
            FieldRow::select(
                ctx,
                "kind",
                true,
                DispatchKind::ALL
                    .iter()
                    .map(|k| opt(k.as_str(), xt(ctx, &format!("dispatch-{}", k.as_str())), f.v("kind")))
                    .collect(),
            ),
            FieldRow::new(ctx, "title", "local", true),
            FieldRow::select(ctx, "country", true, countries(ctx, f.v("country"))),
            FieldRow::new(ctx, "city", "text", false),
            FieldRow::new(ctx, "organiser", "text", false),
            FieldRow::new(ctx, "departs_on", "date", true),
            FieldRow::new(ctx, "returns_on", "date", true),
            FieldRow {
                options: people,
                ..FieldRow::new(ctx, "person_ids", "multi", true)
            },
            FieldRow::new(ctx, "report", "local-multi", false),
            FieldRow::select(ctx, "programme_id", false, c.programmes(ctx, f.v("programme_id"))),
            public_row(ctx),
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

impl Exchange for Symposium {
    const KIND: ExchangeKind = ExchangeKind::Symposium;
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, ctx: &Ctx) -> String {
        ctx.local(&self.fields.title)
    }
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)> {
        let f = &self.fields;
        let mut v = vec![(xt(ctx, "when"), period(ctx, &f.starts_on, &f.ends_on))];
        v.extend(f.venue.as_ref().map(|t| (xt(ctx, "field-venue"), t.to_string())));
        v.extend(
            c.locality(ctx, f.locality_id)
                .map(|l| (xt(ctx, "field-locality-id"), l)),
        );
        v.extend(f.summary.as_ref().map(|t| (xt(ctx, "field-summary"), ctx.local(t))));
        v.extend(
            c.programme(ctx, f.programme_id)
                .map(|p| (xt(ctx, "field-programme-id"), p)),
        );
        v.push((xt(ctx, "field-public"), yes_no(ctx, f.public)));
        v
    }
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow> {
        vec![
            FieldRow::new(ctx, "title", "local", true),
            FieldRow::new(ctx, "starts_on", "date", true),
            FieldRow::new(ctx, "ends_on", "date", true),
            FieldRow::new(ctx, "venue", "text", false),
            FieldRow::select(ctx, "locality_id", false, c.localities(ctx, f.v("locality_id"))),
            FieldRow::new(ctx, "summary", "local-multi", false),
            FieldRow::select(ctx, "programme_id", false, c.programmes(ctx, f.v("programme_id"))),
            public_row(ctx),
        ]
    }
}

impl Exchange for CourtesyCall {
    const KIND: ExchangeKind = ExchangeKind::CourtesyCall;
    fn id(&self) -> Id {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn input(&self) -> &<Self as Record>::Input {
        &self.fields
    }
    fn title(&self, ctx: &Ctx) -> String {
        format!("{} → {}", ctx.local(&self.fields.visitor), ctx.local(&self.fields.host))
    }
    fn facts(&self, ctx: &Ctx, c: &Choices) -> Vec<(String, String)> {
        let f = &self.fields;
        let mut v = vec![
            (xt(ctx, "field-visitor"), ctx.local(&f.visitor)),
            (xt(ctx, "field-host"), ctx.local(&f.host)),
            (xt(ctx, "field-called-on"), ctx.date(&f.called_on)),
        ];
        v.extend(
            c.organisation(ctx, f.host_organisation_id)
                .map(|o| (xt(ctx, "field-host-organisation-id"), o)),
        );
        v.extend(
            c.locality(ctx, f.locality_id)
                .map(|l| (xt(ctx, "field-locality-id"), l)),
        );
        v.extend(
            f.delegation_id
                .and_then(|d| c.delegations.iter().find(|x| x.id == d))
                .map(|d| (xt(ctx, "field-delegation-id"), ctx.local(&d.fields.purpose))),
        );
        v.extend(
            Choices::name_of(&c.editions, f.edition_id, |e| e.id)
                .map(|e| (xt(ctx, "field-edition-id"), c.edition_label(ctx, e))),
        );
        v.extend(f.purpose.as_ref().map(|t| (xt(ctx, "field-purpose"), ctx.local(t))));
        v.push((xt(ctx, "field-public"), yes_no(ctx, f.public)));
        v
    }
    fn rows(ctx: &Ctx, c: &Choices, f: &FormState) -> Vec<FieldRow> {
        vec![
            FieldRow::new(ctx, "visitor", "local", true),
            FieldRow::new(ctx, "host", "local", true),
            FieldRow::select(
                ctx,
                "host_organisation_id",
                false,
                c.organisations(ctx, f.v("host_organisation_id")),
            ),
            FieldRow::new(ctx, "called_on", "date", true),
            FieldRow::new(ctx, "starts_at", "datetime-local", false),
            FieldRow::select(ctx, "locality_id", false, c.localities(ctx, f.v("locality_id"))),
            FieldRow::select(ctx, "delegation_id", false, c.delegations(ctx, f.v("delegation_id"))),
            FieldRow::select(ctx, "edition_id", false, c.editions(ctx, f.v("edition_id"))),
            FieldRow::new(ctx, "purpose", "local-multi", false),
            public_row(ctx),
        ]
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

async fn form_page<R: Exchange>(s: &WebState, ctx: &Ctx, id: Option<Id>, f: FormState) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    let c = ok_or_page!(ctx, Choices::load(s).await);
    let mut shown = FormState::shown::<<R as Record>::Input>();
    shown.extend(["version", "person_ids"]);
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let base = R::KIND.path();
    let kind = xt(ctx, &format!("kind-{}", R::KIND.as_str()));
    let page = FormPage {
        ctx,
        list: (base.to_owned(), xt(ctx, &format!("list-{}", R::KIND.as_str()))),
        heading: match id {
            Some(_) => format!("{} · {}", xt(ctx, "edit"), kind),
            None => format!("{} · {}", xt(ctx, "new"), kind),
        },
        action: match id {
            Some(id) => format!("{base}/{id}/edit"),
            None => format!("{base}/new"),
        },
        id,
        back: id.map(|id| format!("{base}/{id}")),
        rows: R::rows(ctx, &c, &f),
        top_errors,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn new<R: Exchange>(State(s): State<WebState>, ctx: Ctx) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    form_page::<R>(&s, &ctx, None, FormState::default()).await
}

async fn edit<R: Exchange>(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response
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

async fn submit<R: Exchange>(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    if f.v("public").is_empty() {
        f.set("public", "false");
    }
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
                    let to = format!("{}/{}?done=saved", R::KIND.path(), r.id());
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
    if f.v("public") == "false" {
        f.set("public", "");
    }
    add_errors(ctx, &mut f, &errors);
    form_page::<R>(s, ctx, id, f).await
}

async fn create<R: Exchange>(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    submit::<R>(&s, &ctx, None, pairs).await
}

async fn update<R: Exchange>(
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

#[derive(Template)]
#[template(path = "exchanges/record.html")]
struct RecordPage<'a> {
    ctx: &'a Ctx,
    list: (String, String),
    base: String,
    id: Id,
    kind: String,
    title: String,
    facts: Vec<(String, String)>,
    sections: Vec<Section>,
    photos: Vec<PhotoLine>,
    photo_form: FormState,
    notice: Option<String>,
}

/// What a record's page shows besides the record: a part's form or the
/// photo form sent back with its problems.
#[derive(Default)]
pub(super) struct Sent {
    pub(super) part: Option<(&'static str, FormState)>,
    pub(super) photo: Option<FormState>,
    pub(super) notice: Option<String>,
}

pub(super) async fn show<R: Exchange>(s: &WebState, ctx: &Ctx, id: Id, sent: Sent) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    let r = ok_or_page!(ctx, s.app.get::<R>(id).await);
    let c = ok_or_page!(ctx, Choices::load(s).await);
    let errors = sent.part.as_ref().is_some_and(|(_, f)| f.has_errors())
        || sent.photo.as_ref().is_some_and(FormState::has_errors);
    let secs = ok_or_page!(ctx, sections(s, ctx, &c, R::KIND, id, sent.part).await);
    let photos = ok_or_page!(ctx, photo_lines(s, ctx, R::KIND.subject(), id).await);
    let base = R::KIND.path();
    let page = RecordPage {
        ctx,
        list: (base.to_owned(), xt(ctx, &format!("list-{}", R::KIND.as_str()))),
        base: base.to_owned(),
        id,
        kind: xt(ctx, &format!("kind-{}", R::KIND.as_str())),
        title: r.title(ctx),
        facts: r.facts(ctx, &c),
        sections: secs,
        photos,
        photo_form: sent.photo.unwrap_or_default(),
        notice: sent.notice,
    };
    unprocessable_if(render(ctx, &page), errors)
}

#[derive(serde::Deserialize, Default)]
struct PageQuery {
    done: Option<String>,
}

async fn page<R: Exchange>(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let sent = Sent {
        notice: q.done.as_deref().map(|d| xt(&ctx, &format!("done-{d}"))),
        ..Sent::default()
    };
    show::<R>(&s, &ctx, id, sent).await
}

// ---------------------------------------------------------------- delete

#[derive(Template)]
#[template(path = "exchanges/delete.html")]
struct DeletePage<'a> {
    ctx: &'a Ctx,
    action: String,
    back: String,
    what: String,
    photos: String,
}

async fn delete_page<R: Exchange>(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response
where
    <R as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let r = ok_or_page!(&ctx, s.app.get::<R>(id).await);
    let photos = ok_or_page!(&ctx, s.app.photos_of(R::KIND.subject(), id).await).len();
    let base = R::KIND.path();
    let page = DeletePage {
        ctx: &ctx,
        action: format!("{base}/{id}/delete"),
        back: format!("{base}/{id}"),
        what: format!(
            "{} · {}",
            xt(&ctx, &format!("kind-{}", R::KIND.as_str())),
            r.title(&ctx)
        ),
        photos: ctx.tn("exchanges-delete-photos", "count", photos as i64),
    };
    render(&ctx, &page)
}

async fn delete<R: Exchange>(
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
    ok_or_page!(
        &ctx,
        crate::acting::for_ctx(&s, &ctx).delete_exchange(R::KIND, id).await
    );
    ctx.finish(Redirect::to(&format!("{}?done=deleted", R::KIND.path())).into_response())
}
