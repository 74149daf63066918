//! The demo's volunteer sign-in, on both databases: made once after the
//! demo is loaded, its password given only that time, linked to the FFT
//! volunteer of Akan whose hours the demo holds.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use kizuna_app::demo::DEMO_VOLUNTEER;
use kizuna_app::{App, ManualClock};
use kizuna_domain::common::account::Role;
use kizuna_domain::volunteers::placement::Scheme;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;

kizuna_testkit::on_both!(the_demo_volunteer_signs_in_as_the_fft_volunteer);

async fn the_demo_volunteer_signs_in_as_the_fft_volunteer(backend: Backend) {
    let app = App::new(fresh_store(backend).await.unwrap()).with_clock(ManualClock::on("2026-11-23".parse().unwrap()));
    assert_eq!(
        app.ensure_demo_volunteer().await.unwrap(),
        None,
        "nothing before the demo"
    );
    app.load_demo().await.unwrap();
    let (email, password) = app.ensure_demo_volunteer().await.unwrap().unwrap();
    assert_eq!(email, DEMO_VOLUNTEER);
    assert_eq!(
        app.ensure_demo_volunteer().await.unwrap(),
        None,
        "the password is shown once"
    );
    let session = app.sign_in(&email, &password).await.unwrap().unwrap();
    assert_eq!(session.user.role, Role::Volunteer);
    let person = session.user.person_id.unwrap();
    let placements = app.placements_of_person(person).await.unwrap();
    assert!(
        placements.iter().any(|p| p.fields.scheme == Scheme::Fft),
        "{placements:?}"
    );
    let entries = app.entries_of_person(person).await.unwrap();
    assert_eq!(entries.len(), 7, "the demo's days in Akan, autumn 2022");
}
