//! The parts added and removed on a record's page: a delegation's members
//! and programme of visits, a symposium's sessions, their speakers and the
//! participating regions. Each is added by a form on the page (its
//! problems shown beside its fields there) and removed by a button.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use chrono::TimeZone;
use kizuna_app::AppError;
use kizuna_app::exchanges::ExchangeKind;
use kizuna_app::records::Entity;
use kizuna_domain::common::Id;
use kizuna_domain::exchanges::delegation::{Delegation, DelegationMember, DelegationVisit};
use kizuna_domain::exchanges::symposium::{Symposium, SymposiumRegion, SymposiumSession, SymposiumSpeaker};
use kizuna_domain::fields::Fields;
use kizuna_store::Record;

use super::records::{Choices, Exchange, Sent, countries, show};
use super::{FieldRow, add_errors, guard, ok_or_page, xt};
use crate::pages::training::console::{FormState, jst, not_found, opt, parse_id};
use crate::session::{Ctx, WebState};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/delegations/{id}/members", post(add::<DelegationMember>))
        .route("/console/delegations/{id}/visits", post(add::<DelegationVisit>))
        .route("/console/symposiums/{id}/sessions", post(add::<SymposiumSession>))
        .route("/console/symposiums/{id}/speakers", post(add::<SymposiumSpeaker>))
        .route("/console/symposiums/{id}/regions", post(add::<SymposiumRegion>))
        .route(
            "/console/delegation-members/{id}/delete",
            post(remove::<DelegationMember>),
        )
        .route(
            "/console/delegation-visits/{id}/delete",
            post(remove::<DelegationVisit>),
        )
        .route(
            "/console/symposium-sessions/{id}/delete",
            post(remove::<SymposiumSession>),
        )
        .route(
            "/console/symposium-speakers/{id}/delete",
            post(remove::<SymposiumSpeaker>),
        )
        .route(
            "/console/symposium-regions/{id}/delete",
            post(remove::<SymposiumRegion>),
        )
}

/// A section of a record's page: its items and the form adding one.
pub(super) struct Section {
    pub(super) key: &'static str,
    pub(super) title: String,
    pub(super) empty: String,
    pub(super) items: Vec<Item>,
    pub(super) add: Option<AddForm>,
}

pub(super) struct Item {
    pub(super) text: String,
    /// Where its remove button posts.
    pub(super) remove: String,
}

pub(super) struct AddForm {
    pub(super) action: String,
    pub(super) button: String,
    pub(super) rows: Vec<FieldRow>,
    pub(super) f: FormState,
}

/// A part of an exchange, added on its parent's page.
pub(super) trait Part: Entity + Send + Sync + 'static
where
    <Self as Record>::Input: Fields + Send + Sync + 'static,
    <<Self as Part>::Parent as Record>::Input: Fields + Send + Sync + 'static,
{
    /// The section's key (`members`), in paths and ids.
    const KEY: &'static str;
    /// Where a part is removed: `/console/delegation-members`.
    const BASE: &'static str;
    /// The column naming the parent, set from the path (none: chosen in the form).
    const PARENT_FIELD: Option<&'static str>;
    type Parent: Exchange;
}

impl Part for DelegationMember {
    const KEY: &'static str = "members";
    const BASE: &'static str = "/console/delegation-members";
    const PARENT_FIELD: Option<&'static str> = Some("delegation_id");
    type Parent = Delegation;
}
impl Part for DelegationVisit {
    const KEY: &'static str = "visits";
    const BASE: &'static str = "/console/delegation-visits";
    const PARENT_FIELD: Option<&'static str> = Some("delegation_id");
    type Parent = Delegation;
}
impl Part for SymposiumSession {
    const KEY: &'static str = "sessions";
    const BASE: &'static str = "/console/symposium-sessions";
    const PARENT_FIELD: Option<&'static str> = Some("symposium_id");
    type Parent = Symposium;
}
impl Part for SymposiumSpeaker {
    const KEY: &'static str = "speakers";
    const BASE: &'static str = "/console/symposium-speakers";
    const PARENT_FIELD: Option<&'static str> = None;
    type Parent = Symposium;
}
impl Part for SymposiumRegion {
    const KEY: &'static str = "regions";
    const BASE: &'static str = "/console/symposium-regions";
    const PARENT_FIELD: Option<&'static str> = Some("symposium_id");
    type Parent = Symposium;
}

fn time(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| jst().from_utc_datetime(&t.naive_utc()).format("%H:%M").to_string())
        .unwrap_or_default()
}

fn section(
    ctx: &Ctx,
    key: &'static str,
    action: String,
    items: Vec<Item>,
    rows: Vec<FieldRow>,
    f: FormState,
) -> Section {
    Section {
        key,
        title: xt(ctx, &format!("part-{key}")),
        empty: xt(ctx, &format!("part-{key}-none")),
        items,
        add: Some(AddForm {
            action,
            button: xt(ctx, &format!("part-{key}-add")),
            rows,
            f,
        }),
    }
}

/// The sections of a record's page; `sent` is a part's form sent back.
pub(super) async fn sections(
    s: &WebState,
    ctx: &Ctx,
    c: &Choices,
    kind: ExchangeKind,
    id: Id,
    sent: Option<(&'static str, FormState)>,
) -> Result<Vec<Section>, AppError> {
    let mut forms: BTreeMap<&'static str, FormState> = sent.into_iter().collect();
    let mut form = |k: &'static str| forms.remove(k).unwrap_or_default();
    Ok(match kind {
        ExchangeKind::Delegation => {
            let (members, visits) = s.app.delegation_parts(id).await?;
            let items = members
                .iter()
                .map(|m| Item {
                    text: [
                        m.fields.person_id.map(|p| c.person(p)),
                        m.fields.name.as_ref().map(ToString::to_string),
                        m.fields.title.as_ref().map(|t| ctx.local(t)),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
                    remove: format!("{}/{}/delete?back={id}", DelegationMember::BASE, m.id),
                })
                .collect();
            let fm = form("members");
            let member_rows = vec![
                FieldRow::select(ctx, "person_id", false, c.people(ctx, fm.v("person_id"))),
                FieldRow::new(ctx, "name", "text", false),
                FieldRow::new(ctx, "title", "local", false),
            ];
            let visit_items = visits
                .iter()
                .map(|v| {
                    let f = &v.fields;
                    let hours = match (time(f.starts_at), time(f.ends_at)) {
                        (a, b) if a.is_empty() => b,
                        (a, b) if b.is_empty() => a,
                        (a, b) => format!("{a}–{b}"),
                    };
                    Item {
                        text: [
                            Some(ctx.date(&f.visit_on)),
                            Some(hours).filter(|h| !h.is_empty()),
                            f.place.as_ref().map(ToString::to_string),
                            c.organisation(ctx, f.organisation_id),
                            c.locality(ctx, f.locality_id),
                            Some(ctx.local(&f.what)),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · "),
                        remove: format!("{}/{}/delete?back={id}", DelegationVisit::BASE, v.id),
                    }
                })
                .collect();
            let fv = form("visits");
            let visit_rows = vec![
                FieldRow::new(ctx, "visit_on", "date", true),
                FieldRow::new(ctx, "starts_at", "datetime-local", false),
                FieldRow::new(ctx, "ends_at", "datetime-local", false),
                FieldRow::new(ctx, "place", "text", false),
                FieldRow::select(
                    ctx,
                    "organisation_id",
                    false,
                    c.organisations(ctx, fv.v("organisation_id")),
                ),
                FieldRow::select(ctx, "locality_id", false, c.localities(ctx, fv.v("locality_id"))),
                FieldRow::new(ctx, "what", "local", true),
            ];
            vec![
                section(
                    ctx,
                    "members",
                    format!("/console/delegations/{id}/members"),
                    items,
                    member_rows,
                    fm,
                ),
                section(
                    ctx,
                    "visits",
                    format!("/console/delegations/{id}/visits"),
                    visit_items,
                    visit_rows,
                    fv,
                ),
            ]
        }
        ExchangeKind::Symposium => {
            let (sessions, regions) = s.app.symposium_parts(id).await?;
            let mut session_items = Vec::new();
            let mut speaker_items = Vec::new();
            let fk = form("speakers");
            let mut session_opts = vec![opt("", xt(ctx, "choose"), fk.v("session_id"))];
            for (se, speakers) in &sessions {
                let title = ctx.local(&se.fields.title);
                session_items.push(Item {
                    text: format!(
                        "{} {}–{} · {title}",
                        ctx.date(&jst().from_utc_datetime(&se.fields.starts_at.naive_utc()).date_naive()),
                        time(Some(se.fields.starts_at)),
                        time(Some(se.fields.ends_at))
                    ),
                    remove: format!("{}/{}/delete?back={id}", SymposiumSession::BASE, se.id),
                });
                session_opts.push(opt(se.id, &title, fk.v("session_id")));
                for sp in speakers {
                    speaker_items.push(Item {
                        text: [
                            sp.fields.person_id.map(|p| c.person(p)),
                            sp.fields.name.as_ref().map(ToString::to_string),
                            sp.fields.affiliation.as_ref().map(|a| ctx.local(a)),
                            Some(title.clone()),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · "),
                        remove: format!("{}/{}/delete?back={id}", SymposiumSpeaker::BASE, sp.id),
                    });
                }
            }
            let region_items = regions
                .iter()
                .map(|r| Item {
                    text: format!(
                        "{} ({})",
                        ctx.local(&r.fields.name),
                        crate::pages::training::console::country_name(ctx, r.fields.country)
                    ),
                    remove: format!("{}/{}/delete?back={id}", SymposiumRegion::BASE, r.id),
                })
                .collect();
            let fs = form("sessions");
            let fr = form("regions");
            vec![
                section(
                    ctx,
                    "sessions",
                    format!("/console/symposiums/{id}/sessions"),
                    session_items,
                    vec![
                        FieldRow::new(ctx, "title", "local", true),
                        FieldRow::new(ctx, "starts_at", "datetime-local", true),
                        FieldRow::new(ctx, "ends_at", "datetime-local", true),
                    ],
                    fs,
                ),
                section(
                    ctx,
                    "speakers",
                    format!("/console/symposiums/{id}/speakers"),
                    speaker_items,
                    vec![
                        FieldRow::select(ctx, "session_id", true, session_opts),
                        FieldRow::select(ctx, "person_id", false, c.people(ctx, fk.v("person_id"))),
                        FieldRow::new(ctx, "name", "text", false),
                        FieldRow::new(ctx, "affiliation", "local", false),
                    ],
                    fk,
                ),
                section(
                    ctx,
                    "regions",
                    format!("/console/symposiums/{id}/regions"),
                    region_items,
                    vec![
                        FieldRow::select(ctx, "country", true, countries(ctx, fr.v("country"))),
                        FieldRow::new(ctx, "name", "local", true),
                    ],
                    fr,
                ),
            ]
        }
        ExchangeKind::Dispatch | ExchangeKind::CourtesyCall | ExchangeKind::Award => Vec::new(),
    })
}

async fn add<P: Part>(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response
where
    <P as Record>::Input: Fields + Send + Sync + 'static,
    <P::Parent as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    ok_or_page!(&ctx, s.app.get::<P::Parent>(id).await);
    if let Some(field) = P::PARENT_FIELD {
        f.set(field, id);
    }
    let errors = match f.read::<<P as Record>::Input>() {
        Ok(input) => match crate::acting::for_ctx(&s, &ctx).create::<P>(&input).await {
            Ok(_) => {
                let to = format!("{}/{id}?done=part-added#{}", P::Parent::KIND.path(), P::KEY);
                return ctx.finish(Redirect::to(&to).into_response());
            }
            Err(e) => match f.refused(e) {
                Ok(errs) => errs,
                Err(e) => return crate::pages::training::console::app_error(&ctx, e),
            },
        },
        Err(errs) => errs,
    };
    add_errors(&ctx, &mut f, &errors);
    let sent = Sent {
        part: Some((P::KEY, f)),
        ..Sent::default()
    };
    show::<P::Parent>(&s, &ctx, id, sent).await
}

#[derive(serde::Deserialize)]
struct Back {
    back: Option<String>,
}

async fn remove<P: Part>(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Back>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response
where
    <P as Record>::Input: Fields + Send + Sync + 'static,
    <P::Parent as Record>::Input: Fields + Send + Sync + 'static,
{
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete::<P>(id).await);
    let to = match q.back.as_deref().and_then(parse_id) {
        Some(parent) => format!("{}/{parent}?done=part-removed#{}", P::Parent::KIND.path(), P::KEY),
        None => format!("{}?done=part-removed", P::Parent::KIND.path()),
    };
    ctx.finish(Redirect::to(&to).into_response())
}
