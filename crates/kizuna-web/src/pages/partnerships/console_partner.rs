//! A partner's outcomes: the partnership programmes its organisation takes
//! part in, with their outcomes (no other programme's), and a form to
//! propose an outcome, which is recorded as the partner's, not public and
//! waiting for staff to substantiate it. Another programme's outcome is
//! "not found", as a file of another organisation is on the partner pages.
//! An outcome's page lists its evidence files and takes new ones
//! (`console_evidence.rs`).

use kizuna_domain::partnerships::outcome::OutcomeInput;

use super::outcomes::evidence::{self, EvidenceBlock};
use super::outcomes::{join_ids, outcome_kinds, proposal_options, read_outcome, sides};
use super::*;
use crate::pages::partner::{check_form, require_partner};

pub(super) fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .route("/partner/outcomes", get(partner_outcomes).post(partner_propose))
        .route("/partner/outcomes/{id}", get(partner_outcome))
}

/// Answer with the response a partner guard refused with, or its value.
macro_rules! partner_guard {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}

struct ProgrammeBlock {
    id: Id,
    title: String,
    period: String,
    outcomes: Vec<OutcomeLine>,
}

#[derive(Template)]
#[template(path = "partnerships/partner_outcomes.html")]
struct PartnerOutcomesPage<'a> {
    ctx: &'a Ctx,
    notice: Option<String>,
    programmes: Vec<ProgrammeBlock>,
    f: FormState,
    choices: Vec<Opt>,
    kinds: Vec<Opt>,
    sides: Vec<Opt>,
    proposals: Vec<Opt>,
    top_errors: Vec<String>,
}

/// The programmes the partner's organisation takes part in, with details.
async fn own_programmes(s: &WebState, organisation_id: Id) -> Result<Vec<(Programme, Partnership)>, AppError> {
    let mut out = Vec::new();
    for id in s.app.partner_programme_ids(organisation_id).await? {
        match programme_of(s, id).await {
            Ok(p) => out.push(p),
            Err(AppError::NotFound { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

async fn outcomes_view(s: &WebState, ctx: &Ctx, organisation_id: Id, notice: Option<String>, f: FormState) -> Response {
    let own = match own_programmes(s, organisation_id).await {
        Ok(o) => o,
        Err(e) => return app_error(ctx, e),
    };
    let mut programmes = Vec::new();
    for (p, d) in &own {
        let by = crate::pages::training::console::one("programme_id", p.id);
        let outcomes = ok_or_page!(ctx, s.app.list::<Outcome>(&by, ALL).await).0;
        programmes.push(ProgrammeBlock {
            id: p.id,
            title: ctx.local(&p.fields.title),
            period: period(ctx, &d.fields.starts_on, d.fields.ends_on.as_ref()),
            outcomes: outcomes.iter().map(|o| outcome_line(ctx, o)).collect(),
        });
    }
    let mut shown = FormState::shown::<OutcomeInput>();
    shown.push("actor");
    let top_errors = f.other_errors(&shown);
    let errors = f.has_errors();
    let choices = own
        .iter()
        .map(|(p, _)| opt(p.id, ctx.local(&p.fields.title), f.v("programme_id")))
        .collect();
    let page = PartnerOutcomesPage {
        ctx,
        notice,
        programmes,
        choices,
        kinds: outcome_kinds(ctx, f.v("kind")),
        sides: sides(ctx, f.v("side")),
        proposals: proposal_options(ctx, f.v("proposal_status")),
        top_errors,
        f,
    };
    unprocessable_if(render(ctx, &page), errors)
}

async fn partner_outcomes(State(s): State<WebState>, ctx: Ctx, Query(q): Query<DoneQuery>) -> Response {
    let (_, org) = partner_guard!(require_partner(&ctx));
    let mut f = FormState::default();
    f.set("occurred_on", s.app.today());
    outcomes_view(&s, &ctx, org, done_notice(&ctx, q.done.as_deref()), f).await
}

async fn partner_propose(State(s): State<WebState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let (_, org) = partner_guard!(require_partner(&ctx));
    let mut f = FormState::from_pairs(&pairs);
    partner_guard!(check_form(&ctx, f.v("csrf")));
    // The social actor is the partner's own organisation unless described.
    let described = ["en", "ja", "th", "ms"]
        .iter()
        .any(|l| !f.vl("actor_description", l).trim().is_empty());
    f.set(
        "actor_organisation_id",
        if described { String::new() } else { org.to_string() },
    );
    f.set("actor_person_id", "");
    f.set("agent_organisation_id", "");
    f.set("locality_ids", join_ids(&[]));
    let programme_id = parse_id(f.v("programme_id").trim()).unwrap_or(0);
    let errors = match read_outcome(&mut f, programme_id, None) {
        Ok(input) => match crate::acting::for_ctx(&s, &ctx).propose_outcome(org, input).await {
            Ok(o) => {
                return ctx
                    .finish(Redirect::to(&format!("/partner/outcomes?done=proposed#o-{}", o.id)).into_response());
            }
            Err(AppError::Invalid(e)) => e,
            Err(e) => return app_error(&ctx, e),
        },
        Err(e) => e,
    };
    add_errors(&ctx, &mut f, &errors, &[("actor_organisation_id", "actor_description")]);
    outcomes_view(&s, &ctx, org, None, f).await
}

#[derive(Template)]
#[template(path = "partnerships/partner_outcome.html")]
struct PartnerOutcomePage<'a> {
    ctx: &'a Ctx,
    programme: String,
    line: OutcomeLine,
    facts: Vec<(String, String)>,
    /// Its evidence files and the form to add one.
    ev: EvidenceBlock,
}

async fn partner_outcome(
    State(s): State<WebState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Response {
    let (_, org) = partner_guard!(require_partner(&ctx));
    let Some(id) = parse_id(&id) else {
        return not_found(&ctx);
    };
    let notice = evidence::done_notice(&ctx, q.done.as_deref());
    let ev = ok_or_page!(&ctx, EvidenceBlock::partner(&s, &ctx, id, org, notice, None).await);
    partner_outcome_view(&s, &ctx, org, id, ev).await
}

/// A partner's page of one of its programmes' outcomes (any other is not
/// found), with its evidence files as given.
pub(super) async fn partner_outcome_view(s: &WebState, ctx: &Ctx, org: Id, id: Id, ev: EvidenceBlock) -> Response {
    let o = match s.app.get::<Outcome>(id).await {
        Ok(o) => o,
        Err(AppError::NotFound { .. }) => return not_found(ctx),
        Err(e) => return app_error(ctx, e),
    };
    let own = ok_or_page!(ctx, s.app.partner_programme_ids(org).await);
    if !own.contains(&o.fields.programme_id) {
        // Another organisation's programme: as if it did not exist.
        return not_found(ctx);
    }
    let (p, _) = ok_or_page!(ctx, programme_of(s, o.fields.programme_id).await);
    let names = ok_or_page!(ctx, Names::load(s, ctx).await);
    let text = |t: &Option<kizuna_domain::common::LocalText>| t.as_ref().map(|t| ctx.local(t)).unwrap_or_default();
    let o_f = &o.fields;
    let facts = vec![
        (ctx.t("partnerships-what-changed"), ctx.local(&o_f.description)),
        (
            ctx.t("partnerships-actor"),
            [names.org(o_f.actor_organisation_id), text(&o_f.actor_description)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        (ctx.t("partnerships-agent"), names.org(o_f.agent_organisation_id)),
        (ctx.t("partnerships-contribution"), text(&o_f.contribution)),
        (ctx.t("partnerships-significance"), text(&o_f.significance)),
        (
            ctx.t("partnerships-recorded-by"),
            pl(ctx, "recorded-by", o_f.recorded_by.as_str()),
        ),
        (
            ctx.t("partnerships-evidence"),
            o_f.evidence_url.as_ref().map(ToString::to_string).unwrap_or_default(),
        ),
    ];
    let page = PartnerOutcomePage {
        ctx,
        programme: ctx.local(&p.fields.title),
        line: outcome_line(ctx, &o),
        facts: facts.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
        ev,
    };
    render(ctx, &page)
}
