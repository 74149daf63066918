//! A programme's activities and outcomes made, changed and deleted in the
//! console, and the ledger's open substantiations: every outcome no
//! verifier has confirmed yet (those a partner proposed marked), each with
//! a form for who confirmed it, when, their verdict and a note.

use chrono::NaiveDate;
use kizuna_app::partnerships::Substantiation;
use kizuna_domain::common::Text;
use kizuna_domain::partnerships::activity::{ActivityInput, ActivityKind};
use kizuna_domain::partnerships::outcome::{OutcomeInput, OutcomeKind, ProposalStatus, RecordedBy, Side, Verdict};

use super::*;

#[path = "console_evidence.rs"]
pub(super) mod evidence;

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .merge(evidence::routes())
        .route(
            "/console/partnerships/{id}/activities/new",
            get(activity_new).post(activity_create),
        )
        .route(
            "/console/activities/{id}/edit",
            get(activity_edit).post(activity_update),
        )
        .route(
            "/console/activities/{id}/delete",
            get(activity_delete_page).post(activity_delete),
        )
        .route(
            "/console/partnerships/{id}/outcomes/new",
            get(outcome_new).post(outcome_create),
        )
        .route("/console/outcomes/{id}/edit", get(outcome_edit).post(outcome_update))
        .route(
            "/console/outcomes/{id}/delete",
            get(outcome_delete_page).post(outcome_delete),
        )
        .route("/console/outcomes/unsubstantiated", get(unsubstantiated))
        .route("/console/outcomes/{id}/substantiate", post(substantiate))
}

// -------------------------------------------------------------- activities

#[derive(Template)]
#[template(path = "partnerships/activity_form.html")]
struct ActivityForm<'a> {
    ctx: &'a Ctx,
    id: Option<Id>,
    programme_id: Id,
    programme: String,
    f: FormState,
    kinds: Vec<Opt>,
    localities: Vec<Opt>,
    organisations: Vec<Opt>,
    top_errors: Vec<String>,
}

async fn activity_form(s: &WebState, ctx: &Ctx, id: Option<Id>, programme_id: Id, f: FormState) -> Response {
    let (p, _) = ok_or_page!(ctx, programme_of(s, programme_id).await);
    let names = ok_or_page!(ctx, Names::load(s, ctx).await);
    let mut shown = FormState::shown::<ActivityInput>();
    shown.push("version");
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let page = ActivityForm {
        ctx,
        id,
        programme_id,
        programme: ctx.local(&p.fields.title),
        kinds: ActivityKind::ALL
            .iter()
            .map(|k| opt(k.as_str(), pl(ctx, "activity-kind", k.as_str()), f.v("kind")))
            .collect(),
        localities: names.loc_options(ctx, None, f.v("locality_id"), "console-none"),
        organisations: names.org_options(ctx, f.v("organisation_id"), "console-none"),
        top_errors,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn activity_new(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::default();
    f.set("starts_on", s.app.today());
    f.set("kind", ActivityKind::Training.as_str());
    activity_form(&s, &ctx, None, id, f).await
}

async fn activity_edit(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let a = ok_or_page!(&ctx, s.app.get::<Activity>(id).await);
    let mut f = FormState::default();
    f.fill(&a.fields);
    f.set("version", a.version);
    activity_form(&s, &ctx, Some(id), a.fields.programme_id, f).await
}

async fn activity_submit(
    s: &WebState,
    ctx: &Ctx,
    id: Option<Id>,
    programme_id: Id,
    people: Vec<Id>,
    pairs: Vec<(String, String)>,
) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    f.set("programme_id", programme_id);
    let errors = match f.read::<ActivityInput>() {
        Ok(mut input) => {
            // The people who took part are not on this form: kept as they were.
            input.person_ids = people;
            let acting = crate::acting::for_ctx(s, ctx);
            let result = match (id, form_version(&f, "version")) {
                (Some(id), Ok(v)) => acting.update::<Activity>(id, v, &input).await,
                (Some(_), Err(e)) => Err(AppError::Invalid(vec![e])),
                (None, _) => acting.create::<Activity>(&input).await,
            };
            match result {
                Ok(a) => {
                    return ctx.finish(
                        Redirect::to(&format!(
                            "/console/partnerships/{programme_id}?done=activity-saved#a-{}",
                            a.id
                        ))
                        .into_response(),
                    );
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
    activity_form(s, ctx, id, programme_id, f).await
}

async fn activity_create(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    ok_or_page!(&ctx, programme_of(&s, id).await);
    activity_submit(&s, &ctx, None, id, Vec::new(), pairs).await
}

async fn activity_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let a = ok_or_page!(&ctx, s.app.get::<Activity>(id).await);
    activity_submit(&s, &ctx, Some(id), a.fields.programme_id, a.fields.person_ids, pairs).await
}

async fn activity_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let a = s.app.get::<Activity>(id).await?;
    let links = s
        .app
        .list::<OutcomeLink>(&crate::pages::training::console::one("from_activity_id", id), ALL)
        .await?
        .1;
    Ok(Target {
        heading: "partnerships-delete-activity",
        what: format!("{} · {}", ctx.local(&a.fields.title), ctx.date(&a.fields.starts_on)),
        version: a.version,
        blocking: Vec::new(),
        going_with: vec![("links", links)],
        action: format!("/console/activities/{id}/delete"),
        back: format!("/console/activities/{id}/edit"),
        after: format!("/console/partnerships/{}?done=activity-deleted", a.fields.programme_id),
    })
}

async fn activity_delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, activity_target(&s, &ctx, id).await);
    confirm_page(&ctx, &t, None)
}

async fn activity_delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, activity_target(&s, &ctx, id).await);
    let acting = crate::acting::for_ctx(&s, &ctx);
    confirm_delete(&ctx, t, &pairs, || async move { acting.delete::<Activity>(id).await }).await
}

// ---------------------------------------------------------------- outcomes

#[derive(Template)]
#[template(path = "partnerships/outcome_form.html")]
struct OutcomeForm<'a> {
    ctx: &'a Ctx,
    id: Option<Id>,
    programme_id: Id,
    programme: String,
    f: FormState,
    kinds: Vec<Opt>,
    sides: Vec<Opt>,
    proposals: Vec<Opt>,
    actors: Vec<Opt>,
    agents: Vec<Opt>,
    localities: Vec<Opt>,
    /// Who recorded it and whether a verifier has confirmed it, in words.
    recorded: Option<String>,
    top_errors: Vec<String>,
    /// The outcome's evidence files (an outcome being edited).
    ev: evidence::EvidenceBlock,
}

/// The options of a kind of value, with its labels, the current one chosen.
pub(super) fn enum_options(ctx: &Ctx, group: &str, values: &[&'static str], current: &str) -> Vec<Opt> {
    values.iter().map(|v| opt(v, pl(ctx, group, v), current)).collect()
}

pub(super) fn outcome_kinds(ctx: &Ctx, current: &str) -> Vec<Opt> {
    let v: Vec<&str> = OutcomeKind::ALL.iter().map(|k| k.as_str()).collect();
    enum_options(ctx, "outcome-kind", &v, current)
}

pub(super) fn sides(ctx: &Ctx, current: &str) -> Vec<Opt> {
    let v: Vec<&str> = Side::ALL.iter().map(|k| k.as_str()).collect();
    enum_options(ctx, "side", &v, current)
}

pub(super) fn proposal_options(ctx: &Ctx, current: &str) -> Vec<Opt> {
    let mut out = vec![opt("", ctx.t("partnerships-not-a-proposal"), current)];
    let v: Vec<&str> = ProposalStatus::ALL.iter().map(|k| k.as_str()).collect();
    out.extend(enum_options(ctx, "proposal", &v, current));
    out
}

async fn outcome_form(
    s: &WebState,
    ctx: &Ctx,
    id: Option<Id>,
    programme_id: Id,
    f: FormState,
    stored: Option<&Outcome>,
) -> Response {
    let ev = match id {
        Some(id) => ok_or_page!(ctx, evidence::EvidenceBlock::staff(s, ctx, id, None, None).await),
        None => evidence::EvidenceBlock::default(),
    };
    outcome_form_with(s, ctx, id, programme_id, f, stored, ev).await
}

/// The outcome's form with its evidence files as given (a notice, or a
/// file refused beside the upload field).
pub(super) async fn outcome_form_with(
    s: &WebState,
    ctx: &Ctx,
    id: Option<Id>,
    programme_id: Id,
    f: FormState,
    stored: Option<&Outcome>,
    ev: evidence::EvidenceBlock,
) -> Response {
    let (p, _) = ok_or_page!(ctx, programme_of(s, programme_id).await);
    let names = ok_or_page!(ctx, Names::load(s, ctx).await);
    let chosen = ids_of(f.v("locality_ids")).unwrap_or_default();
    let mut shown = FormState::shown::<OutcomeInput>();
    shown.push("version");
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let recorded = stored.map(|o| {
        let by = pl(ctx, "recorded-by", o.fields.recorded_by.as_str());
        format!("{by} · {}", outcome_state(ctx, o))
    });
    let page = OutcomeForm {
        ctx,
        id,
        programme_id,
        programme: ctx.local(&p.fields.title),
        kinds: outcome_kinds(ctx, f.v("kind")),
        sides: sides(ctx, f.v("side")),
        proposals: proposal_options(ctx, f.v("proposal_status")),
        actors: names.org_options(ctx, f.v("actor_organisation_id"), "console-none"),
        agents: names.org_options(ctx, f.v("agent_organisation_id"), "console-none"),
        localities: names.loc_multi(None, &chosen),
        recorded,
        top_errors,
        f,
        ev,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn outcome_new(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::default();
    f.set("occurred_on", s.app.today());
    outcome_form(&s, &ctx, None, id, f, None).await
}

async fn outcome_edit(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let notice = evidence::done_notice(&ctx, q.done.as_deref());
    let ev = ok_or_page!(&ctx, evidence::EvidenceBlock::staff(&s, &ctx, id, notice, None).await);
    outcome_edit_with(&s, &ctx, id, ev).await
}

/// An outcome's edit page as stored, with its evidence files as given.
pub(super) async fn outcome_edit_with(s: &WebState, ctx: &Ctx, id: Id, ev: evidence::EvidenceBlock) -> Response {
    let o = ok_or_page!(ctx, s.app.get::<Outcome>(id).await);
    let mut f = FormState::default();
    f.fill(&o.fields);
    f.set("version", o.version);
    f.set("locality_ids", join_ids(&o.fields.locality_ids));
    outcome_form_with(s, ctx, Some(id), o.fields.programme_id, f, Some(&o), ev).await
}

pub(super) fn join_ids(ids: &[Id]) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Read an outcome from its form: what the form does not show (who
/// recorded it, its substantiation) is kept as stored.
pub(super) fn read_outcome(
    f: &mut FormState,
    programme_id: Id,
    stored: Option<&Outcome>,
) -> Result<OutcomeInput, Vec<FieldError>> {
    f.set("programme_id", programme_id);
    if f.v("public").is_empty() {
        f.set("public", "false");
    }
    let kept = |o: Option<&Outcome>| o.map(|o| o.fields.clone());
    let stored = kept(stored);
    f.set(
        "recorded_by",
        stored.as_ref().map_or(RecordedBy::Staff, |o| o.recorded_by).as_str(),
    );
    let mut input = f.read::<OutcomeInput>()?;
    input.locality_ids = ids_of(f.v("locality_ids"))
        .map_err(|()| vec![FieldError::new("locality_ids", "not_found", "not a locality")])?;
    if let Some(o) = stored {
        input.substantiated_by = o.substantiated_by;
        input.substantiated_on = o.substantiated_on;
        input.verdict = o.verdict;
        input.substantiation_note = o.substantiation_note;
    } else {
        input.substantiated_by = None;
        input.substantiated_on = None;
        input.verdict = None;
        input.substantiation_note = None;
    }
    Ok(input)
}

async fn outcome_submit(
    s: &WebState,
    ctx: &Ctx,
    id: Option<Id>,
    programme_id: Id,
    stored: Option<Outcome>,
    pairs: Vec<(String, String)>,
) -> Response {
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let errors = match read_outcome(&mut f, programme_id, stored.as_ref()) {
        Ok(input) => {
            let acting = crate::acting::for_ctx(s, ctx);
            let result = match (id, form_version(&f, "version")) {
                (Some(id), Ok(v)) => acting.update::<Outcome>(id, v, &input).await,
                (Some(_), Err(e)) => Err(AppError::Invalid(vec![e])),
                (None, _) => acting.create::<Outcome>(&input).await,
            };
            match result {
                Ok(o) => {
                    return ctx.finish(
                        Redirect::to(&format!(
                            "/console/partnerships/{programme_id}?done=outcome-saved#o-{}",
                            o.id
                        ))
                        .into_response(),
                    );
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
    outcome_form(s, ctx, id, programme_id, f, stored.as_ref()).await
}

async fn outcome_create(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    ok_or_page!(&ctx, programme_of(&s, id).await);
    outcome_submit(&s, &ctx, None, id, None, pairs).await
}

async fn outcome_update(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let o = ok_or_page!(&ctx, s.app.get::<Outcome>(id).await);
    let programme_id = o.fields.programme_id;
    outcome_submit(&s, &ctx, Some(id), programme_id, Some(o), pairs).await
}

async fn outcome_target(s: &WebState, ctx: &Ctx, id: Id) -> Result<Target, AppError> {
    let o = s.app.get::<Outcome>(id).await?;
    let from = s
        .app
        .list::<OutcomeLink>(&crate::pages::training::console::one("from_outcome_id", id), ALL)
        .await?
        .1;
    let to = s
        .app
        .list::<OutcomeLink>(&crate::pages::training::console::one("to_outcome_id", id), ALL)
        .await?
        .1;
    Ok(Target {
        heading: "partnerships-delete-outcome",
        what: format!("{} · {}", ctx.local(&o.fields.title), ctx.date(&o.fields.occurred_on)),
        version: o.version,
        blocking: Vec::new(),
        going_with: vec![("links", from + to)],
        action: format!("/console/outcomes/{id}/delete"),
        back: format!("/console/outcomes/{id}/edit"),
        after: format!("/console/partnerships/{}?done=outcome-deleted", o.fields.programme_id),
    })
}

async fn outcome_delete_page(State(s): State<WebState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, outcome_target(&s, &ctx, id).await);
    confirm_page(&ctx, &t, None)
}

async fn outcome_delete(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let t = ok_or_page!(&ctx, outcome_target(&s, &ctx, id).await);
    let acting = crate::acting::for_ctx(&s, &ctx);
    confirm_delete(&ctx, t, &pairs, || async move { acting.delete::<Outcome>(id).await }).await
}

// ----------------------------------------------------------- substantiation

struct Waiting {
    line: OutcomeLine,
    programme: String,
    description: String,
    version: i64,
    f: FormState,
    verdicts: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "partnerships/unsubstantiated.html")]
struct UnsubstantiatedPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    waiting: Vec<Waiting>,
    waiting_count: String,
    programmes: Vec<Opt>,
    filtered: bool,
}

async fn unsubstantiated_view(
    s: &WebState,
    ctx: &Ctx,
    programme: Option<Id>,
    notice: Option<String>,
    refused: Option<(Id, FormState)>,
) -> Response {
    let list = ok_or_page!(ctx, s.app.unsubstantiated_outcomes(programme).await);
    let programmes = ok_or_page!(ctx, s.app.partnership_programmes().await);
    let today = s.app.today().to_string();
    let mut waiting = Vec::new();
    let mut refused_any = false;
    let mut status = StatusCode::OK;
    for o in &list {
        let f = match &refused {
            Some((id, f)) if *id == o.id => {
                refused_any = true;
                if f.errors.iter().any(|(field, _)| field == "version") {
                    status = StatusCode::CONFLICT;
                }
                f.clone()
            }
            _ => {
                let mut f = FormState::default();
                f.set("substantiated_on", &today);
                f
            }
        };
        waiting.push(Waiting {
            line: outcome_line(ctx, o),
            programme: programmes
                .iter()
                .find(|p| p.id == o.fields.programme_id)
                .map(|p| ctx.local(&p.fields.title))
                .unwrap_or_default(),
            description: ctx.local(&o.fields.description),
            version: match &refused {
                Some((id, f)) if *id == o.id => f.v("version").parse().unwrap_or(o.version),
                _ => o.version,
            },
            verdicts: Verdict::ALL
                .iter()
                .map(|v| opt(v.as_str(), pl(ctx, "verdict", v.as_str()), f.v("verdict")))
                .collect(),
            f,
        });
    }
    let current = programme.map(|p| p.to_string()).unwrap_or_default();
    let mut options = vec![opt("", ctx.t("partnerships-all-programmes"), &current)];
    options.extend(
        programmes
            .iter()
            .map(|p| opt(p.id, ctx.local(&p.fields.title), &current)),
    );
    let page = UnsubstantiatedPage {
        ctx,
        notice,
        waiting_count: ctx.tn("partnerships-waiting-count", "count", waiting.len() as i64),
        waiting,
        programmes: options,
        filtered: programme.is_some(),
    };
    let r = render(ctx, &page);
    if status == StatusCode::CONFLICT {
        with_status(r, status)
    } else {
        unprocessable_if(r, refused_any)
    }
}

async fn unsubstantiated(State(s): State<WebState>, ctx: Ctx, Query(q): Query<DoneQuery>) -> Response {
    guard!(ctx.require_staff());
    let programme = q.programme.as_deref().and_then(parse_id);
    unsubstantiated_view(&s, &ctx, programme, done_notice(&ctx, q.done.as_deref()), None).await
}

async fn substantiate(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    guard!(ctx.require_staff());
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    ok_or_page!(&ctx, s.app.get::<Outcome>(id).await);
    let mut errors = Vec::new();
    let by = match f.v("substantiated_by").trim().parse::<Text>() {
        Ok(t) => Some(t),
        Err(e) => {
            errors.push(e.at("substantiated_by"));
            None
        }
    };
    let on = match NaiveDate::parse_from_str(f.v("substantiated_on").trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new("substantiated_on", "invalid_date", "not a date"));
            None
        }
    };
    let verdict = match f.v("verdict").parse::<Verdict>() {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e.at("verdict"));
            None
        }
    };
    let note = f.v("substantiation_note").trim();
    let note = if note.is_empty() {
        Ok(None)
    } else {
        note.parse::<Text>().map(Some)
    };
    let note = match note {
        Ok(n) => n,
        Err(e) => {
            errors.push(e.at("substantiation_note"));
            None
        }
    };
    let version = f.v("version").trim().parse::<i64>().unwrap_or(-1);
    let programme = f.v("programme").trim().to_owned();
    let back = if programme.is_empty() {
        String::new()
    } else {
        format!("&programme={programme}")
    };
    if let (Some(by), Some(on), Some(verdict), true) = (by, on, verdict, errors.is_empty()) {
        let acting = crate::acting::for_ctx(&s, &ctx);
        match acting
            .substantiate(id, version, Substantiation { by, on, verdict, note })
            .await
        {
            Ok(_) => {
                return ctx.finish(
                    Redirect::to(&format!("/console/outcomes/unsubstantiated?done=substantiated{back}"))
                        .into_response(),
                );
            }
            Err(e) => match f.refused(e) {
                Ok(errs) => errors.extend(errs),
                Err(e) => return app_error(&ctx, e),
            },
        }
    }
    add_errors(&ctx, &mut f, &errors, &[]);
    unsubstantiated_view(&s, &ctx, parse_id(&programme), None, Some((id, f))).await
}
