//! The partnership ledger on SQLite and PostgreSQL: the seed story loads
//! with its causal chain, a link that would close a cycle is refused
//! naming the cycle and writes nothing, a partner proposes outcomes only
//! for its own programmes, staff substantiate them, and the ripple graph
//! and its mutual summary count what happened on each side.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::partnerships::Substantiation;
use kizuna_app::partnerships::ripple::RippleFilter;
use kizuna_app::{App, AppError};
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::partnerships::local_link::{LinkKind, LocalLink, LocalLinkInput};
use kizuna_domain::partnerships::outcome::{
    Outcome, OutcomeInput, OutcomeKind, OutcomeLink, OutcomeLinkInput, RecordedBy, Side, Verdict,
};
use kizuna_domain::partnerships::partnership::{Partnership, PartnershipInput};
use kizuna_store::{Backend, Page};
use kizuna_testkit::fresh_store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo(backend: Backend) -> App {
    let app = App::new(fresh_store(backend).await.expect("fresh database")).with_today(d("2026-12-05"));
    app.load_demo().await.expect("demo loads");
    app
}

async fn outcome(app: &App, key_title: &str) -> Outcome {
    let (all, _) = app
        .list::<Outcome>(&Default::default(), Page { limit: 500, offset: 0 })
        .await
        .unwrap();
    all.into_iter()
        .find(|o| o.fields.title.best("en") == key_title)
        .unwrap_or_else(|| panic!("no outcome titled {key_title}"))
}

async fn links(app: &App) -> i64 {
    app.list::<OutcomeLink>(&Default::default(), Page::default())
        .await
        .unwrap()
        .1
}

kizuna_testkit::on_both!(
    the_story_ripples_from_the_training_to_the_award_and_a_proposal,
    a_link_closing_a_cycle_is_refused_naming_it,
    partners_propose_for_their_own_programmes_and_staff_substantiate,
    a_partnership_links_japan_with_localities_abroad,
    the_public_story_shows_only_what_staff_marked_public,
);

async fn the_story_ripples_from_the_training_to_the_award_and_a_proposal(backend: Backend) {
    let app = demo(backend).await;
    let my = app.by_key::<Programme>("food-valley-tokachi-malaysia").await.unwrap();
    let ripple = app.ripple(Some(my.id), &RippleFilter::default()).await.unwrap();
    let daifuku = outcome(&app, "Halal Daifuku developed jointly").await;
    let award = outcome(&app, "Minister of Agriculture, Forestry and Fisheries Award").await;
    // A chain runs from the confectionery training through the Halal
    // Daifuku and the factory's certification to the 2018 award.
    let chain = ripple
        .chains
        .iter()
        .find(|c| c.contains(&format!("o{}", daifuku.id)) && c.contains(&format!("o{}", award.id)))
        .expect("a chain through the daifuku to the award");
    assert!(chain[0].starts_with('a'), "it starts at an activity: {chain:?}");
    assert_eq!(award.fields.occurred_on.format("%Y").to_string(), "2018");
    // What it produced at home and abroad.
    let m = &ripple.mutual;
    assert_eq!((m.japan, m.abroad, m.both), (5, 3, 2), "{m:?}");
    let fy2018_awards: usize = m
        .rows
        .iter()
        .filter(|r| r.fiscal_year == 2018 && r.kind == OutcomeKind::Award && r.side == Side::Japan)
        .map(|r| r.outcomes)
        .sum();
    assert_eq!(fy2018_awards, 1);
    // The filters narrow the outcomes drawn.
    let abroad = app
        .ripple(
            Some(my.id),
            &RippleFilter {
                side: Some(Side::Abroad),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(abroad.nodes.iter().filter_map(|n| n.side).all(|s| s == Side::Abroad));
    assert_eq!(abroad.nodes.iter().filter(|n| n.side.is_some()).count(), 3);
    // The ledger says what still waits for a verifier.
    let open = app.unsubstantiated_outcomes(None).await.unwrap();
    let titles: Vec<&str> = open.iter().map(|o| o.fields.title.best("en")).collect();
    assert!(
        titles.contains(&"Travel agency founded for the Malaysian market"),
        "{titles:?}"
    );
    assert!(!titles.contains(&"Halal Daifuku developed jointly"));
}

async fn a_link_closing_a_cycle_is_refused_naming_it(backend: Backend) {
    let app = demo(backend).await;
    let daifuku = outcome(&app, "Halal Daifuku developed jointly").await;
    let award = outcome(&app, "Minister of Agriculture, Forestry and Fisheries Award").await;
    let before = links(&app).await;
    // The award led (through the certification) from the daifuku; saying
    // the award led to the daifuku closes a cycle.
    let err = app
        .create::<OutcomeLink>(&OutcomeLinkInput {
            from_programme_id: None,
            from_activity_id: None,
            from_outcome_id: Some(award.id),
            from_placement_id: None,
            to_outcome_id: daifuku.id,
            note: None,
        })
        .await
        .unwrap_err();
    let AppError::Invalid(errs) = err else {
        panic!("refused as invalid")
    };
    assert_eq!(errs[0].code, "cycle");
    assert!(
        errs[0].message.contains("Halal Daifuku developed jointly"),
        "{}",
        errs[0].message
    );
    assert!(
        errs[0].message.contains("Halal certification at the Tokachi factory"),
        "{}",
        errs[0].message
    );
    assert_eq!(links(&app).await, before, "nothing written");
    // The same link twice is refused too; a new acyclic link is kept.
    let map = outcome(&app, "Muslim Friendly Map of Obihiro").await;
    let travel = outcome(&app, "Travel agency founded for the Malaysian market").await;
    let ok = OutcomeLinkInput {
        from_programme_id: None,
        from_activity_id: None,
        from_outcome_id: Some(map.id),
        from_placement_id: None,
        to_outcome_id: travel.id,
        note: None,
    };
    app.create::<OutcomeLink>(&ok).await.unwrap();
    let AppError::Invalid(errs) = app.create::<OutcomeLink>(&ok).await.unwrap_err() else {
        panic!("refused as invalid")
    };
    assert_eq!(errs[0].code, "duplicate_link");
    assert_eq!(links(&app).await, before + 1);
}

async fn partners_propose_for_their_own_programmes_and_staff_substantiate(backend: Backend) {
    let app = demo(backend).await;
    let seika = app.by_key::<Organisation>("tokachi-seika").await.unwrap();
    let tica = app.by_key::<Organisation>("tica").await.unwrap();
    let my = app.by_key::<Programme>("food-valley-tokachi-malaysia").await.unwrap();
    assert!(app.partner_programme_ids(seika.id).await.unwrap().contains(&my.id));
    let mut input: OutcomeInput = outcome(&app, "Halal Daifuku developed jointly").await.fields;
    input.title = kizuna_domain::common::LocalText::en("A second halal sweet".parse().unwrap());
    input.public = true;
    input.verdict = Some(Verdict::Agree);
    // Thailand's agency takes no part in the Malaysian programme.
    let AppError::Invalid(errs) = app.propose_outcome(tica.id, input.clone()).await.unwrap_err() else {
        panic!("refused as invalid")
    };
    assert_eq!(errs[0].code, "not_your_programme");
    let proposed = app.propose_outcome(seika.id, input).await.unwrap();
    assert_eq!(proposed.fields.recorded_by, RecordedBy::Partner);
    assert!(
        !proposed.fields.public,
        "a partner's proposal is not public until staff say so"
    );
    assert_eq!(
        proposed.fields.verdict, None,
        "a partner cannot substantiate its own outcome"
    );
    assert!(
        app.unsubstantiated_outcomes(Some(my.id))
            .await
            .unwrap()
            .iter()
            .any(|o| o.id == proposed.id)
    );
    // Staff confirm it; a stale version is refused.
    let s = || Substantiation {
        by: "Programme officer".parse().unwrap(),
        on: d("2026-12-01"),
        verdict: Verdict::Partly,
        note: None,
    };
    let done = app.substantiate(proposed.id, proposed.version, s()).await.unwrap();
    assert_eq!(done.fields.verdict, Some(Verdict::Partly));
    assert!(matches!(
        app.substantiate(proposed.id, proposed.version, s()).await,
        Err(AppError::Conflict { .. })
    ));
    assert!(
        !app.unsubstantiated_outcomes(Some(my.id))
            .await
            .unwrap()
            .iter()
            .any(|o| o.id == proposed.id)
    );
}

async fn a_partnership_links_japan_with_localities_abroad(backend: Backend) {
    let app = demo(backend).await;
    let my = app.by_key::<Programme>("food-valley-tokachi-malaysia").await.unwrap();
    let p: Partnership = app.partnership_of(my.id).await.unwrap().expect("details");
    assert_eq!(p.fields.abroad_locality_ids.len(), 2);
    // A Japanese locality abroad is refused by name; so is a link within Japan.
    let mut wrong: PartnershipInput = p.fields.clone();
    wrong.abroad_locality_ids = vec![p.fields.japan_locality_id];
    let AppError::Invalid(errs) = app.update::<Partnership>(p.id, p.version, &wrong).await.unwrap_err() else {
        panic!("refused as invalid")
    };
    assert_eq!(errs[0].code, "not_abroad");
    let err = app
        .create::<LocalLink>(&LocalLinkInput {
            japan_locality_id: p.fields.japan_locality_id,
            abroad_locality_id: p.fields.japan_locality_id,
            kind: LinkKind::SisterCity,
            since: d("2020-01-01"),
            agreement_on: None,
            signatories: None,
            council_approved_on: None,
            exchange_fields: None,
            note: None,
        })
        .await
        .unwrap_err();
    let AppError::Invalid(errs) = err else {
        panic!("refused as invalid")
    };
    assert!(errs.iter().any(|e| e.code == "same_locality"), "{errs:?}");
    // Nothing changed.
    assert_eq!(app.partnership_of(my.id).await.unwrap().unwrap().version, p.version);
}

async fn the_public_story_shows_only_what_staff_marked_public(backend: Backend) {
    let app = demo(backend).await;
    let th = app.by_key::<Programme>("food-valley-tokachi-thailand").await.unwrap();
    let all = app.ripple(Some(th.id), &RippleFilter::default()).await.unwrap();
    let public = app
        .ripple(
            Some(th.id),
            &RippleFilter {
                public_only: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let outcomes = |r: &kizuna_app::partnerships::ripple::Ripple| r.nodes.iter().filter(|n| n.side.is_some()).count();
    assert_eq!(outcomes(&all), 1, "the Thai buyers, not public");
    assert_eq!(outcomes(&public), 0);
    assert!(public.edges.is_empty());
}
