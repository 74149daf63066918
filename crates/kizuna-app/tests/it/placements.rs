//! Volunteer placements on SQLite and PostgreSQL: the seed's placements
//! load (paired both ways, the ambassador's appointment an outcome of the
//! Akan placement, drawn in the programme's ripple graph), rules needing
//! other records are refused naming the field with nothing written, the
//! dashboard's expiring documents follow the clock, and a scan comes back
//! byte for byte to staff and to its volunteer only.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::partnerships::ripple::{NodeKind, RippleFilter};
use kizuna_app::volunteers::placements::PlacementFilter;
use kizuna_app::{App, AppError};
use kizuna_domain::common::Id;
use kizuna_domain::common::account::{Role, User};
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeKind, OutcomeLink};
use kizuna_domain::volunteers::document::DocumentKind;
use kizuna_domain::volunteers::placement::{Placement, PlacementDirection, PlacementInput, Scheme};
use kizuna_store::{Backend, Page};
use kizuna_testkit::fresh_store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo(backend: Backend, today: &str) -> App {
    let app = App::new(fresh_store(backend).await.expect("fresh database")).with_today(d(today));
    app.load_demo().await.expect("demo loads");
    app
}

async fn count<R: kizuna_app::records::Entity>(app: &App) -> i64 {
    app.list::<R>(&Default::default(), Page::default()).await.unwrap().1
}

fn codes(e: AppError) -> Vec<(String, String)> {
    let AppError::Invalid(errs) = e else {
        panic!("refused as invalid, not {e:?}")
    };
    errs.into_iter().map(|e| (e.field, e.code)).collect()
}

fn user(role: Role, person_id: Option<Id>) -> User {
    User {
        id: 99,
        email: "someone@example.org".into(),
        role,
        organisation_id: None,
        person_id,
    }
}

kizuna_testkit::on_both!(
    the_seed_placements_are_paired_and_led_to_an_appointment,
    rules_needing_other_records_are_refused_and_nothing_written,
    expiring_documents_follow_the_clock,
    a_scan_comes_back_to_staff_and_its_volunteer_only,
);

async fn the_seed_placements_are_paired_and_led_to_an_appointment(backend: Backend) {
    let app = demo(backend, "2026-12-05").await;
    let again = app.load_demo().await.unwrap();
    assert!(again.already_loaded);
    let rows = app.placement_rows(&PlacementFilter::default()).await.unwrap();
    assert_eq!(rows.len(), 4, "a second load adds nothing");
    let fft: Vec<_> = rows
        .iter()
        .filter(|r| r.placement.fields.scheme == Scheme::Fft)
        .collect();
    assert_eq!(fft.len(), 2);
    let akan = fft
        .iter()
        .find(|r| r.placement.fields.planned_starts_on.to_string().starts_with("2022-09"))
        .unwrap();
    assert_eq!(akan.host_locality.as_ref().unwrap().best("en"), "Akan");
    let glocal = rows
        .iter()
        .find(|r| r.placement.fields.scheme == Scheme::Glocal)
        .unwrap();
    let paired = glocal.placement.fields.paired_placement_id.unwrap();
    let other = app.get::<Placement>(paired).await.unwrap();
    assert_eq!(other.fields.scheme, Scheme::Fft);
    assert_eq!(
        other.fields.paired_placement_id,
        Some(glocal.placement.id),
        "paired back"
    );
    // The ambassador's appointment, an outcome the Akan placement led to.
    let outcomes = app.placement_outcomes(akan.placement.id).await.unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].fields.kind, OutcomeKind::Appointment);
    assert!(outcomes[0].fields.title.best("en").contains("Tourism Ambassador"));
    let programme = app.by_key::<Programme>("kushiro-thailand-volunteers").await.unwrap();
    let ripple = app.ripple(Some(programme.id), &RippleFilter::default()).await.unwrap();
    let node = ripple.nodes.iter().find(|n| n.node == NodeKind::Placement).unwrap();
    assert_eq!(node.id, format!("v{}", akan.placement.id));
    assert!(node.title.best("ja").contains("Wongsakul"), "named in every language");
    assert!(
        ripple
            .edges
            .iter()
            .any(|e| e.from == node.id && e.to == format!("o{}", outcomes[0].id))
    );
    let public = app
        .ripple(
            Some(programme.id),
            &RippleFilter {
                public_only: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        public.nodes.iter().all(|n| n.node != NodeKind::Placement),
        "no volunteer on a public story"
    );
    // Filters: by scheme and by fiscal year.
    let fy2022 = app
        .placement_rows(&PlacementFilter {
            fiscal_year: Some(2022),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(fy2022.len(), 1);
    let jocv = app
        .placement_rows(&PlacementFilter {
            scheme: Some(Scheme::Jocv),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(jocv.len(), 1);
    assert_eq!(jocv[0].placement.fields.direction, PlacementDirection::Outbound);
}

async fn rules_needing_other_records_are_refused_and_nothing_written(backend: Backend) {
    let app = demo(backend, "2026-12-05").await;
    let rows = app.placement_rows(&PlacementFilter::default()).await.unwrap();
    let glocal = rows
        .iter()
        .find(|r| r.placement.fields.scheme == Scheme::Glocal)
        .unwrap();
    let bangkok = app.by_key::<Locality>("th/bangkok").await.unwrap();
    let before = count::<Placement>(&app).await;
    let links_before = count::<OutcomeLink>(&app).await;
    let outcomes_before = count::<Outcome>(&app).await;
    // A Glocal placement hosted abroad, seven months long, paired with a
    // placement already paired elsewhere.
    let mut p: PlacementInput = glocal.placement.fields.clone();
    p.host_locality_id = Some(bangkok.id);
    p.paired_placement_id = None;
    p.planned_ends_on = d("2024-08-09");
    p.actual_starts_on = None;
    p.actual_ends_on = None;
    assert_eq!(
        codes(app.create::<Placement>(&p).await.unwrap_err()),
        vec![("planned_ends_on".to_owned(), "too_long".to_owned())],
        "the field's own rule first"
    );
    p.planned_ends_on = d("2024-04-05");
    assert_eq!(
        codes(app.create::<Placement>(&p).await.unwrap_err()),
        vec![("host_locality_id".to_owned(), "not_in_japan".to_owned())]
    );
    let kushiro = glocal.placement.fields.host_locality_id;
    p.host_locality_id = kushiro;
    p.paired_placement_id = glocal.placement.fields.paired_placement_id;
    let errs = codes(app.create::<Placement>(&p).await.unwrap_err());
    assert_eq!(
        errs[0],
        ("paired_placement_id".to_owned(), "paired_elsewhere".to_owned())
    );
    p.paired_placement_id = Some(987_654);
    assert_eq!(
        codes(app.create::<Placement>(&p).await.unwrap_err()),
        vec![("paired_placement_id".to_owned(), "not_found".to_owned())]
    );
    // Pairing a placement with itself on update.
    let mut own = glocal.placement.fields.clone();
    own.paired_placement_id = Some(glocal.placement.id);
    assert_eq!(
        codes(
            app.update::<Placement>(glocal.placement.id, glocal.placement.version, &own)
                .await
                .unwrap_err()
        ),
        vec![("paired_placement_id".to_owned(), "self_pair".to_owned())]
    );
    // An appointment for a placement that does not exist: nothing written.
    let akan = rows
        .iter()
        .find(|r| r.placement.fields.scheme == Scheme::Fft && r.placement.fields.paired_placement_id.is_none())
        .unwrap();
    let template = app.placement_outcomes(akan.placement.id).await.unwrap()[0]
        .fields
        .clone();
    assert!(matches!(
        app.record_appointment(987_654, &template).await.unwrap_err(),
        AppError::NotFound { .. }
    ));
    // An appointment whose outcome breaks a rule: neither outcome nor link.
    let mut future = template.clone();
    future.occurred_on = d("2027-01-01");
    assert_eq!(
        codes(app.record_appointment(glocal.placement.id, &future).await.unwrap_err()),
        vec![("occurred_on".to_owned(), "in_future".to_owned())]
    );
    assert_eq!(count::<Placement>(&app).await, before, "no placement written");
    assert_eq!(count::<OutcomeLink>(&app).await, links_before, "no link written");
    assert_eq!(count::<Outcome>(&app).await, outcomes_before, "no outcome written");
    // A good one writes both.
    let (o, l) = app.record_appointment(glocal.placement.id, &template).await.unwrap();
    assert_eq!(l.fields.from_placement_id, Some(glocal.placement.id));
    assert_eq!(l.fields.to_outcome_id, o.id);
    // Deleting the placement deletes its links, not the outcome.
    let fft2 = glocal.placement.fields.paired_placement_id.unwrap();
    app.delete::<Placement>(glocal.placement.id).await.unwrap();
    assert_eq!(count::<OutcomeLink>(&app).await, links_before);
    assert!(app.get::<Outcome>(o.id).await.is_ok());
    let other = app.get::<Placement>(fft2).await.unwrap();
    assert_eq!(other.fields.paired_placement_id, None, "the pair is let go");
}

async fn expiring_documents_follow_the_clock(backend: Backend) {
    // Loaded on 5 December 2026: the JOCV visa expires 21 days later.
    let app = demo(backend, "2026-12-05").await;
    let soon = app.expiring_documents(30).await.unwrap();
    assert_eq!(soon.len(), 1, "{soon:?}");
    assert_eq!(soon[0].kind, DocumentKind::Visa);
    assert_eq!(soon[0].days_left, 21);
    assert!(!soon[0].expired);
    assert_eq!(soon[0].person_name, "Haruka Moriyama");
    assert!(app.expiring_documents(20).await.unwrap().is_empty());
    // A month later it has expired while the placement runs: still listed.
    let later = app.clone().with_today(d("2027-01-10"));
    let late = later.expiring_documents(30).await.unwrap();
    assert_eq!(late.len(), 1);
    assert!(late[0].expired && late[0].days_left == -15);
    // The 2022 and 2024 visas expired after their placements ended: never
    // listed, however wide the window.
    assert!(
        app.expiring_documents(100_000)
            .await
            .unwrap()
            .iter()
            .all(|e| e.expires_on > d("2026-01-01"))
    );
}

async fn a_scan_comes_back_to_staff_and_its_volunteer_only(backend: Backend) {
    let app = demo(backend, "2026-12-05").await;
    let soon = app.expiring_documents(30).await.unwrap();
    let doc = soon[0].document_id;
    let placement = app.get::<Placement>(soon[0].placement_id).await.unwrap();
    let pdf = b"%PDF-1.7\n% visa scan\n".repeat(50);
    let refused = app
        .put_document_file(doc, "visa.pdf", b"MZ\x90\x00".to_vec())
        .await
        .unwrap_err();
    assert_eq!(codes(refused)[0].1, "file_type");
    assert!(app.document_files(&[doc]).await.unwrap().is_empty(), "nothing kept");
    let kept = app.put_document_file(doc, "ビザ.pdf", pdf.clone()).await.unwrap();
    assert_eq!(kept.media_type, "application/pdf");
    assert_eq!(kept.file_name, "ビザ.pdf");
    let (f, bytes) = app.document_file(&user(Role::Staff, None), doc).await.unwrap();
    assert_eq!(bytes, pdf);
    assert_eq!(f.size_bytes, pdf.len() as i64);
    let mine = user(Role::Volunteer, Some(placement.fields.person_id));
    assert_eq!(app.document_file(&mine, doc).await.unwrap().1, pdf);
    let other = user(Role::Volunteer, Some(placement.fields.person_id + 1000));
    assert!(matches!(
        app.document_file(&other, doc).await.unwrap_err(),
        AppError::NotFound { .. }
    ));
    assert!(matches!(
        app.document_file(&user(Role::Partner, None), doc).await.unwrap_err(),
        AppError::NotFound { .. }
    ));
    // A second file replaces the first.
    let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
    app.put_document_file(doc, "visa.png", png.clone()).await.unwrap();
    assert_eq!(app.document_files(&[doc]).await.unwrap().len(), 1);
    assert_eq!(app.document_file(&mine, doc).await.unwrap().1, png);
}
