//! A programme's organisations in their IATI roles and the causal links
//! between its programme, activities and outcomes, added and removed from
//! the programme's page; a link that would close a cycle is refused beside
//! its field, naming the cycle by the outcomes' titles in the reader's
//! language, and nothing is written. A link may carry a note in the four
//! languages saying how the one led to the other.

use kizuna_domain::common::LocalText;

use super::*;

// ------------------------------------------------- organisations in roles

pub(super) async fn role_add(
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
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    f.set("programme_id", id);
    let errors = match f.read::<ProgrammeOrganisationInput>() {
        Ok(input) => match crate::acting::for_ctx(&s, &ctx)
            .create::<ProgrammeOrganisation>(&input)
            .await
        {
            Ok(_) => {
                return ctx.finish(
                    Redirect::to(&format!("/console/partnerships/{id}?done=role-added#organisations")).into_response(),
                );
            }
            Err(AppError::Invalid(e)) => e,
            Err(e) => return app_error(&ctx, e),
        },
        Err(e) => e,
    };
    add_errors(
        &ctx,
        &mut f,
        &errors,
        &[("id", "organisation_id"), ("programme_id", "organisation_id")],
    );
    let refused = Refused {
        role: Some(f),
        link: None,
    };
    programme_view(&s, &ctx, id, None, refused).await
}

pub(super) async fn role_remove(
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
    let po = ok_or_page!(&ctx, s.app.get::<ProgrammeOrganisation>(id).await);
    ok_or_page!(
        &ctx,
        crate::acting::for_ctx(&s, &ctx)
            .delete::<ProgrammeOrganisation>(id)
            .await
    );
    ctx.finish(
        Redirect::to(&format!(
            "/console/partnerships/{}?done=role-removed#organisations",
            po.fields.programme_id
        ))
        .into_response(),
    )
}

// ------------------------------------------------------------ causal links

/// The cause chosen in the form (`p:12`, `a:3`, `o:7`) as a link's fields.
fn cause_of(raw: &str) -> Option<(Option<Id>, Option<Id>, Option<Id>)> {
    let (kind, id) = raw.split_once(':')?;
    let id = parse_id(id)?;
    match kind {
        "p" => Some((Some(id), None, None)),
        "a" => Some((None, Some(id), None)),
        "o" => Some((None, None, Some(id))),
        _ => None,
    }
}

/// The message for a link that would close a cycle, naming the cycle by
/// the outcomes' titles in the reader's language.
async fn cycle_message(s: &WebState, ctx: &Ctx, from: Id, to: Id) -> Result<Option<String>, AppError> {
    let existing: Vec<(Id, Id)> = s
        .app
        .list::<OutcomeLink>(&BTreeMap::new(), ALL)
        .await?
        .0
        .into_iter()
        .filter_map(|l| l.fields.from_outcome_id.map(|f| (f, l.fields.to_outcome_id)))
        .collect();
    let Some(cycle) = cycle_through(&existing, from, to) else {
        return Ok(None);
    };
    let mut titles = Vec::new();
    for o in &cycle {
        let t = s.app.get::<Outcome>(*o).await?;
        titles.push(format!("“{}”", ctx.local(&t.fields.title)));
    }
    Ok(Some(ctx.t1("partnerships-error-cycle", "cycle", titles.join(" → "))))
}

/// The link's note as typed in its four language fields (`note_en`, …):
/// none when all are blank.
fn link_note(f: &FormState) -> Result<Option<LocalText>, FieldError> {
    let typed: Vec<Option<&str>> = ["en", "ja", "th", "ms"]
        .iter()
        .map(|l| Some(f.vl("note", l)).filter(|t| !t.trim().is_empty()))
        .collect();
    if typed.iter().all(Option::is_none) {
        return Ok(None);
    }
    LocalText::parse(typed[0], typed[1], typed[2], typed[3])
        .map(Some)
        .map_err(|e| e.at("note"))
}

pub(super) async fn link_add(
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
    let mut f = FormState::from_pairs(&pairs);
    guard!(ctx.check_csrf(f.v("csrf")));
    let cause = cause_of(f.v("from"));
    let to = parse_id(f.v("to").trim());
    let note = link_note(&f);
    let errors = match (cause, to, note) {
        (Some((p, a, o)), Some(to), Ok(note)) => {
            let input = OutcomeLinkInput {
                from_programme_id: p,
                from_activity_id: a,
                from_outcome_id: o,
                from_placement_id: None,
                to_outcome_id: to,
                note,
            };
            match crate::acting::for_ctx(&s, &ctx).create::<OutcomeLink>(&input).await {
                Ok(_) => {
                    return ctx.finish(
                        Redirect::to(&format!("/console/partnerships/{id}?done=link-added#links")).into_response(),
                    );
                }
                Err(AppError::Invalid(errs)) => {
                    if let (Some(from), true) = (o, errs.iter().any(|e| e.code == "cycle")) {
                        let msg = ok_or_page!(&ctx, cycle_message(&s, &ctx, from, to).await);
                        f.errors.push((
                            "from".to_owned(),
                            msg.unwrap_or_else(|| rule_message(&ctx, "cycle", "")),
                        ));
                        Vec::new()
                    } else {
                        errs
                    }
                }
                Err(e) => return app_error(&ctx, e),
            }
        }
        (c, t, n) => {
            let mut e = Vec::new();
            if c.is_none() {
                e.push(FieldError::required("from"));
            }
            if t.is_none() {
                e.push(FieldError::required("to"));
            }
            if let Err(n) = n {
                e.push(n);
            }
            e
        }
    };
    add_errors(
        &ctx,
        &mut f,
        &errors,
        &[
            ("from_outcome_id", "from"),
            ("from_activity_id", "from"),
            ("from_programme_id", "from"),
            ("to_outcome_id", "to"),
        ],
    );
    let refused = Refused {
        role: None,
        link: Some(f),
    };
    programme_view(&s, &ctx, id, None, refused).await
}

pub(super) async fn link_remove(
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
    let link = ok_or_page!(&ctx, s.app.get::<OutcomeLink>(id).await);
    let to = ok_or_page!(&ctx, s.app.get::<Outcome>(link.fields.to_outcome_id).await);
    ok_or_page!(&ctx, crate::acting::for_ctx(&s, &ctx).delete::<OutcomeLink>(id).await);
    ctx.finish(
        Redirect::to(&format!(
            "/console/partnerships/{}?done=link-removed#links",
            to.fields.programme_id
        ))
        .into_response(),
    )
}
