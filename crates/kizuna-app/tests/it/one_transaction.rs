//! Writes of several records in one transaction, on both databases: a
//! follow-up import whose last row fails to write leaves none of its rows,
//! and an appointment whose link fails leaves no outcome; the same writes
//! without the failing part land whole.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use kizuna_app::{App, ManualClock};
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeLink, OutcomeLinkInput};
use kizuna_domain::training::alumni::FollowUp;
use kizuna_domain::volunteers::placement::{Placement, Scheme};
use kizuna_store::{Backend, Page, Value};
use kizuna_testkit::fresh_store;

kizuna_testkit::on_both!(a_failed_write_leaves_nothing_written);

/// No record has this id.
const MISSING: i64 = 999_999_999;

async fn a_failed_write_leaves_nothing_written(backend: Backend) {
    let app = App::new(fresh_store(backend).await.unwrap()).with_clock(ManualClock::on("2026-11-23".parse().unwrap()));
    app.load_demo().await.unwrap();
    let office = app.office_id();

    // Follow-ups: the second row names a person who does not exist.
    let existing = app.store.select::<FollowUp>(&[], Page::ALL).await.unwrap();
    let before = existing.len();
    let good = existing[0].fields.clone();
    let mut bad = good.clone();
    bad.person_id = MISSING;
    let failed = app.store.insert_all::<FollowUp>(office, &[good.clone(), bad]).await;
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(
        app.store.select::<FollowUp>(&[], Page::ALL).await.unwrap().len(),
        before,
        "the first row was not kept"
    );
    let ids = app
        .store
        .insert_all::<FollowUp>(office, &[good.clone(), good])
        .await
        .unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(
        app.store.select::<FollowUp>(&[], Page::ALL).await.unwrap().len(),
        before + 2
    );

    // An appointment: its link names a placement that does not exist.
    let fft = app
        .store
        .select::<Placement>(&[("scheme", Value::Text(Some(Scheme::Fft.as_str().into())))], Page::ALL)
        .await
        .unwrap()
        .into_iter()
        .min_by_key(|p| p.fields.planned_starts_on)
        .unwrap();
    let appointed = app.placement_outcomes(fft.id).await.unwrap();
    let input = appointed[0].fields.clone();
    let outcomes = app.store.count::<Outcome>(&[]).await.unwrap();
    let links = app.store.count::<OutcomeLink>(&[]).await.unwrap();
    let link_from = |placement: i64| {
        move |to_outcome_id| OutcomeLinkInput {
            from_programme_id: None,
            from_activity_id: None,
            from_outcome_id: None,
            from_placement_id: Some(placement),
            to_outcome_id,
            note: None,
        }
    };
    let failed = app
        .store
        .insert_linked::<Outcome, OutcomeLink>(office, &input, link_from(MISSING))
        .await;
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(
        app.store.count::<Outcome>(&[]).await.unwrap(),
        outcomes,
        "no outcome without its link"
    );
    assert_eq!(app.store.count::<OutcomeLink>(&[]).await.unwrap(), links);

    let (outcome, link) = app.record_appointment(fft.id, &input).await.unwrap();
    assert_eq!(link.fields.to_outcome_id, outcome.id);
    assert_eq!(link.fields.from_placement_id, Some(fft.id));
    assert_eq!(app.store.count::<Outcome>(&[]).await.unwrap(), outcomes + 1);
    assert!(
        app.placement_outcomes(fft.id)
            .await
            .unwrap()
            .iter()
            .any(|o| o.id == outcome.id)
    );
    let missing = app.record_appointment(MISSING, &input).await;
    assert!(missing.is_err());
    assert_eq!(app.store.count::<Outcome>(&[]).await.unwrap(), outcomes + 1);
}
