//! Local-to-local links (with the national register's fields, and whether
//! a sister-city tie counts there, or why not, in words) and what
//! organisations and localities offer and seek: each party's profile with
//! its completeness (matchable, or not with the reasons), and its offers
//! and needs added and removed.

use kizuna_domain::partnerships::local_link::{ExchangeField, LinkKind, LocalLink, LocalLinkInput};
use kizuna_domain::partnerships::profile::{Completeness, Direction, OfferNeed, OfferNeedInput, completeness};

use super::*;

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/console/local-links", get(local_links))
        .route("/console/local-links/new", get(local_link_new).post(local_link_create))
        .route(
            "/console/local-links/{id}/edit",
            get(local_link_edit).post(local_link_update),
        )
        .route(
            "/console/local-links/{id}/delete",
            get(local_link_delete_page).post(local_link_delete),
        )
        .route("/console/profiles", get(profiles))
        .route(
            "/console/profiles/organisation/{id}",
            get(organisation_profile).post(organisation_offer_add),
        )
        .route(
            "/console/profiles/locality/{id}",
            get(locality_profile).post(locality_offer_add),
        )
        .route("/console/offers-needs/{id}/delete", post(offer_remove))
}

// ------------------------------------------------------------- local links

struct LinkRow {
    id: Id,
    japan: String,
    abroad: String,
    kind: String,
    since: String,
    fields: String,
    /// Whether the tie counts as a sister city in the national register,
    /// or why not, in words.
    register: String,
    counts: bool,
}

#[derive(Template)]
#[template(path = "partnerships/local_links.html")]
struct LocalLinksPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    links: Vec<LinkRow>,
}

/// The register's verdict on a link, in words.
fn register_text(ctx: &Ctx, l: &LocalLinkInput) -> (bool, String) {
    let gaps = l.register_gaps();
    if gaps.is_empty() {
        return (true, ctx.t("partnerships-register-counts"));
    }
    let why: Vec<String> = gaps.iter().map(|g| pl(ctx, "gap", g)).collect();
    (
        false,
        ctx.t1("partnerships-register-not-counted", "reasons", why.join("; ")),
    )
}

fn exchange_text(ctx: &Ctx, l: &LocalLinkInput) -> String {
    l.fields_of_exchange()
        .unwrap_or_default()
        .iter()
        .map(|f| pl(ctx, "exchange", f.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn local_links(State(s): State<WebState>, ctx: Ctx, Query(q): Query<DoneQuery>) -> Response {
    guard!(ctx.require_staff());
    let names = ok_or_page!(&ctx, Names::load(&s, &ctx).await);
    let list = ok_or_page!(&ctx, s.app.list::<LocalLink>(&BTreeMap::new(), ALL).await).0;
    let links = list
        .iter()
        .map(|l| {
            let (counts, register) = register_text(&ctx, &l.fields);
            LinkRow {
                id: l.id,
                japan: names.loc(Some(l.fields.japan_locality_id)),
                abroad: names.loc(Some(l.fields.abroad_locality_id)),
                kind: pl(&ctx, "link-kind", l.fields.kind.as_str()),
                since: ctx.date(&l.fields.since),
                fields: exchange_text(&ctx, &l.fields),
                register,
                counts,
            }
        })
        .collect();
    let page = LocalLinksPage {
        ctx: &ctx,
        notice: done_notice(&ctx, q.done.as_deref()),
        links,
    };
    render(&ctx, &page)
}

struct FieldChoice {
    key: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "partnerships/local_link_form.html")]
struct LocalLinkForm<'a> {
    ctx: &'a Ctx,
    id: Option<Id>,
    f: FormState,
    japan: Vec<Opt>,
    abroad: Vec<Opt>,
    kinds: Vec<Opt>,
    exchange: Vec<FieldChoice>,
    register: Option<String>,
    top_errors: Vec<String>,
}

async fn local_link_form(
    s: &WebState,
    ctx: &Ctx,
    id: Option<Id>,
    f: FormState,
    stored: Option<&LocalLink>,
) -> Response {
    let names = ok_or_page!(ctx, Names::load(s, ctx).await);
    let mut shown = FormState::shown::<LocalLinkInput>();
    shown.push("version");
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let chosen: Vec<&str> = f.v("exchange_fields").split([',', ' ', ';']).map(str::trim).collect();
    let page = LocalLinkForm {
        ctx,
        id,
        japan: names.loc_options(ctx, Some(true), f.v("japan_locality_id"), "console-choose"),
        abroad: names.loc_options(ctx, Some(false), f.v("abroad_locality_id"), "console-choose"),
        kinds: LinkKind::ALL
            .iter()
            .map(|k| opt(k.as_str(), pl(ctx, "link-kind", k.as_str()), f.v("kind")))
            .collect(),
        exchange: ExchangeField::ALL
            .iter()
            .map(|e| FieldChoice {
                key: e.as_str(),
                label: pl(ctx, "exchange", e.as_str()),
                checked: chosen.contains(&e.as_str()),
            })
            .collect(),
        register: stored.map(|l| register_text(ctx, &l.fields).1),
        top_errors,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn local_link_new(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let mut f = FormState::default();
    f.set("kind", LinkKind::SisterCity.as_str());
    f.set("since", s.app.today());
    local_link_form(&s, &ctx, None, f, None).await
}

async fn local_link_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let l = ok_or_page!(&ctx, s.app.get::<LocalLink>(id).await);
    let mut f = FormState::default();
    f.fill(&l.fields);
    f.set("version", l.version);
    local_link_form(&s, &ctx, Some(id), f, Some(&l)).await
}

async fn local_link_submit(s: &WebState, ctx: &Ctx, id: Option<Id>, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    // The checkboxes arrive joined by commas; the register keeps spaces.
    let fields = f.v("exchange_fields").replace(',', " ");
    f.set(
        "exchange_fields",
        fields.split_whitespace().collect::<Vec<_>>().join(" "),
    );
    let errors = match f.read::<LocalLinkInput>() {
        Ok(input) => {
            let acting = crate::acting::for_ctx(s, ctx);
            let result = match (id, form_version(&f, "version")) {
                (Some(id), Ok(v)) => acting.update::<LocalLink>(id, v, &input).await,
                (Some(_), Err(e)) => Err(AppError::Invalid(vec![e])),
                (None, _) => acting.create::<LocalLink>(&input).await,
            };
            match result {
                Ok(_) => {
                    return ctx.finish(Redirect::to("/console/local-links?done=local-link-saved").into_response());
                }
                Err(e) => match f.refused(e) {
                    Ok(errs) => errs,
                    Err(e) => return app_error(ctx, e),
                },
            }
        }
        Err(errs) => errs,
    };
    add_errors(ctx, &mut f, &errors, &[]);
    let stored = match id {
        Some(id) => s.app.get::<LocalLink>(id).await.ok(),
        None => None,
    };
    local_link_form(s, ctx, id, f, stored.as_ref()).await
}

async fn local_link_create(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    guard!(ctx.require_staff());
    local_link_submit(&s, &ctx, None, pairs).await
}

async fn local_link_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    ok_or_page!(&ctx, s.app.get::<LocalLink>(id).await);
    local_link_submit(&s, &ctx, Some(id), pairs).await
}

async fn local_link_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let l = s.app.get::<LocalLink>(id).await?;
    let names = Names::load(s, ctx).await?;
    Ok(Target {
        heading: "partnerships-delete-local-link",
        what: format!(
            "{} – {} · {}",
            names.loc(Some(l.fields.japan_locality_id)),
            names.loc(Some(l.fields.abroad_locality_id)),
            pl(ctx, "link-kind", l.fields.kind.as_str())
        ),
        version: l.version,
        blocking: Vec::new(),
        going_with: Vec::new(),
        action: format!("/console/local-links/{id}/delete"),
        back: format!("/console/local-links/{id}/edit"),
        after: "/console/local-links?done=local-link-deleted".to_owned(),
    })
}

async fn local_link_delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, local_link_target(&s, &ctx, id).await);
    confirm_page(&ctx, &t, None)
}

async fn local_link_delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, local_link_target(&s, &ctx, id).await);
    let acting = crate::acting::for_ctx(&s, &ctx);
    confirm_delete(&ctx, t, &pairs, || async move { acting.delete::<LocalLink>(id).await }).await
}

// ------------------------------------------------------ offers and needs

/// A party: an organisation or a locality.
#[derive(Clone, Copy)]
enum Party {
    Organisation(Id),
    Locality(Id),
}

impl Party {
    fn path(self) -> String {
        match self {
            Party::Organisation(id) => format!("/console/profiles/organisation/{id}"),
            Party::Locality(id) => format!("/console/profiles/locality/{id}"),
        }
    }
    /// The matchmaker's suggestions for this party.
    fn match_path(self) -> String {
        match self {
            Party::Organisation(id) => format!("/console/match?organisation={id}"),
            Party::Locality(id) => format!("/console/match?locality={id}"),
        }
    }
    fn owns(self, i: &OfferNeedInput) -> bool {
        match self {
            Party::Organisation(id) => i.organisation_id == Some(id),
            Party::Locality(id) => i.locality_id == Some(id),
        }
    }
}

/// A profile's completeness in words: matchable, or not with the reasons.
fn completeness_text(ctx: &Ctx, c: &Completeness) -> (bool, String) {
    match c {
        Completeness::Matchable => (true, ctx.t("partnerships-matchable")),
        Completeness::NotMatchable(gaps) => {
            let why: Vec<String> = gaps.iter().map(|g| pl(ctx, "profile-gap", g.as_str())).collect();
            (false, ctx.t1("partnerships-not-matchable", "reasons", why.join("; ")))
        }
    }
}

struct ProfileRow {
    href: String,
    name: String,
    kind: String,
    offers: usize,
    needs: usize,
    matchable: bool,
    state: String,
}

#[derive(Template)]
#[template(path = "partnerships/profiles.html")]
struct ProfilesPage<'a> {
    ctx: &'a Ctx,
    rows: Vec<ProfileRow>,
}

async fn profiles(State(s): State<WebState>, ctx: Ctx) -> Response {
    guard!(ctx.require_staff());
    let names = ok_or_page!(&ctx, Names::load(&s, &ctx).await);
    let items = ok_or_page!(&ctx, s.app.list::<OfferNeed>(&BTreeMap::new(), ALL).await).0;
    let row = |party: Party, name: String, kind: String, has_locality: bool| {
        let mine: Vec<&OfferNeedInput> = items.iter().map(|i| &i.fields).filter(|i| party.owns(i)).collect();
        let (matchable, state) = completeness_text(&ctx, &completeness(has_locality, &mine));
        ProfileRow {
            href: party.path(),
            name,
            kind,
            offers: mine.iter().filter(|i| i.direction == Direction::Offer).count(),
            needs: mine.iter().filter(|i| i.direction == Direction::Need).count(),
            matchable,
            state,
        }
    };
    let mut rows: Vec<ProfileRow> = names
        .organisations
        .iter()
        .map(|o| {
            row(
                Party::Organisation(o.id),
                names.org(Some(o.id)),
                ctx.t("partnerships-party-organisation"),
                o.fields.locality_id.is_some(),
            )
        })
        .collect();
    rows.extend(names.localities.iter().map(|l| {
        row(
            Party::Locality(l.id),
            names.loc(Some(l.id)),
            ctx.t("partnerships-party-locality"),
            true,
        )
    }));
    // Parties with something recorded first, then by name.
    rows.sort_by(|a, b| {
        (b.offers + b.needs > 0)
            .cmp(&(a.offers + a.needs > 0))
            .then_with(|| a.name.cmp(&b.name))
    });
    render(&ctx, &ProfilesPage { ctx: &ctx, rows })
}

struct ItemRow {
    id: Id,
    direction: String,
    theme: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "partnerships/profile.html")]
struct ProfilePage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    name: String,
    kind: String,
    action: String,
    match_href: String,
    matchable: bool,
    state: String,
    offers: Vec<ItemRow>,
    needs: Vec<ItemRow>,
    f: FormState,
    directions: Vec<Opt>,
    themes: Vec<Opt>,
}

async fn profile_view(s: &WebState, ctx: &Ctx, party: Party, notice: Option<String>, f: FormState) -> Response {
    let (name, kind, has_locality, filter) = match party {
        Party::Organisation(id) => {
            let o = ok_or_page!(ctx, s.app.get::<Organisation>(id).await);
            (
                ctx.local(&o.fields.name),
                ctx.t("partnerships-party-organisation"),
                o.fields.locality_id.is_some(),
                crate::pages::training::console::one("organisation_id", id),
            )
        }
        Party::Locality(id) => {
            let l = ok_or_page!(ctx, s.app.get::<Locality>(id).await);
            (
                ctx.local(&l.fields.name),
                ctx.t("partnerships-party-locality"),
                true,
                crate::pages::training::console::one("locality_id", id),
            )
        }
    };
    let items = ok_or_page!(ctx, s.app.list::<OfferNeed>(&filter, ALL).await).0;
    let mine: Vec<&OfferNeedInput> = items.iter().map(|i| &i.fields).collect();
    let (matchable, state) = completeness_text(ctx, &completeness(has_locality, &mine));
    let rows = |d: Direction| -> Vec<ItemRow> {
        items
            .iter()
            .filter(|i| i.fields.direction == d)
            .map(|i| ItemRow {
                id: i.id,
                direction: pl(ctx, "direction", d.as_str()),
                theme: theme_name(ctx.lang, i.fields.theme.info()).to_owned(),
                detail: i.fields.detail.as_ref().map(|t| ctx.local(t)).unwrap_or_default(),
            })
            .collect()
    };
    let errors = f.has_errors();
    let mut themes = vec![opt("", ctx.t("console-choose"), f.v("theme"))];
    themes.extend(
        kizuna_domain::partnerships::themes::all()
            .iter()
            .map(|t| opt(t.key, theme_name(ctx.lang, t), f.v("theme"))),
    );
    let page = ProfilePage {
        ctx,
        notice,
        name,
        kind,
        action: party.path(),
        match_href: party.match_path(),
        matchable,
        state,
        offers: rows(Direction::Offer),
        needs: rows(Direction::Need),
        directions: Direction::ALL
            .iter()
            .map(|d| opt(d.as_str(), pl(ctx, "direction", d.as_str()), f.v("direction")))
            .collect(),
        themes,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn organisation_profile(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let notice = done_notice(&ctx, q.done.as_deref());
    profile_view(&s, &ctx, Party::Organisation(id), notice, FormState::default()).await
}

async fn locality_profile(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let notice = done_notice(&ctx, q.done.as_deref());
    profile_view(&s, &ctx, Party::Locality(id), notice, FormState::default()).await
}

async fn offer_add(s: &WebState, ctx: &Ctx, party: Party, pairs: Vec<(String, String)>) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    match party {
        Party::Organisation(id) => {
            ok_or_page!(ctx, s.app.get::<Organisation>(id).await);
            f.set("organisation_id", id);
            f.set("locality_id", "");
        }
        Party::Locality(id) => {
            ok_or_page!(ctx, s.app.get::<Locality>(id).await);
            f.set("locality_id", id);
            f.set("organisation_id", "");
        }
    }
    let errors = match f.read::<OfferNeedInput>() {
        Ok(input) => match crate::acting::for_ctx(s, ctx).create::<OfferNeed>(&input).await {
            Ok(_) => {
                return ctx.finish(Redirect::to(&format!("{}?done=offer-need-added", party.path())).into_response());
            }
            Err(AppError::Invalid(e)) => e,
            Err(e) => return app_error(ctx, e),
        },
        Err(e) => e,
    };
    add_errors(ctx, &mut f, &errors, &[]);
    profile_view(s, ctx, party, None, f).await
}

async fn organisation_offer_add(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    offer_add(&s, &ctx, Party::Organisation(id), pairs).await
}

async fn locality_offer_add(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    offer_add(&s, &ctx, Party::Locality(id), pairs).await
}

async fn offer_remove(
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
    let item = ok_or_page!(&ctx, s.app.get::<OfferNeed>(id).await);
    let party = match (item.fields.organisation_id, item.fields.locality_id) {
        (Some(o), _) => Party::Organisation(o),
        (None, Some(l)) => Party::Locality(l),
        (None, None) => return not_found(&ctx),
    };
    ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete::<OfferNeed>(id).await);
    ctx.finish(Redirect::to(&format!("{}?done=offer-need-removed", party.path())).into_response())
}
