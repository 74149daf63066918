//! A volunteer's rights, on both databases: their export holds their
//! placements, their documents with numbers and expiry, the scans' bytes
//! and their hours with the reports; erasure deletes the documents and
//! scans, clears the reports and leaves the hours report as it was.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::{Actor, App, ManualClock};
use kizuna_domain::common::{LocalText, Text};
use kizuna_domain::volunteers::document::{DocumentKind, PlacementDocument, PlacementDocumentInput};
use kizuna_domain::volunteers::hours::VolunteerEntry;
use kizuna_domain::volunteers::placement::{Placement, Scheme};
use kizuna_store::{Backend, Page, Value};
use kizuna_testkit::fresh_store;

kizuna_testkit::on_both!(a_volunteer_is_exported_whole_and_erased_without_moving_the_hours);

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn a_volunteer_is_exported_whole_and_erased_without_moving_the_hours(backend: Backend) {
    let clock = ManualClock::on(d("2026-11-23"));
    let app = App::new(fresh_store(backend).await.unwrap()).with_clock(clock);
    app.load_demo().await.unwrap();
    let fy2022 = 2022.try_into().unwrap();
    let hours_before = app.hours_report(fy2022, &[], "en").await.unwrap();
    assert!(
        hours_before.total_minutes > 0,
        "the demo's FFT volunteer has approved hours"
    );

    // The demo's FFT volunteer: the FFT placement with hours.
    let mut placement = None;
    for p in app
        .store
        .select::<Placement>(&[("scheme", Value::Text(Some(Scheme::Fft.as_str().into())))], Page::ALL)
        .await
        .unwrap()
    {
        let by = [("placement_id", Value::Int(Some(p.id)))];
        if !app
            .store
            .select::<VolunteerEntry>(&by, Page::ALL)
            .await
            .unwrap()
            .is_empty()
        {
            placement = Some(p);
            break;
        }
    }
    let placement = placement.unwrap();
    let person = placement.fields.person_id;
    let by = [("placement_id", Value::Int(Some(placement.id)))];

    // Words no one else has: a visa's number and note, a scan, a report.
    let visa = app
        .create::<PlacementDocument>(&PlacementDocumentInput {
            placement_id: placement.id,
            kind: DocumentKind::Visa,
            reference: Some(Text::parse("ZQ7781234").unwrap()),
            issued_on: Some(d("2022-08-01")),
            expires_on: Some(d("2022-12-31")),
            note: Some(Text::parse("Qwvisanote").unwrap()),
        })
        .await
        .unwrap();
    let scan = b"%PDF-1.4\nQwscanbytes\n%%EOF\n".to_vec();
    app.put_document_file(visa.id, "qwscanname.pdf", scan.clone())
        .await
        .unwrap();
    let entries = app.store.select::<VolunteerEntry>(&by, Page::ALL).await.unwrap();
    let first = &entries[0];
    let mut fields = first.fields.clone();
    fields.report = Some(LocalText::en(Text::parse("Qwreporttext with the host family").unwrap()));
    fields.review_note = Some(Text::parse("Qwreviewnote").unwrap());
    app.update::<VolunteerEntry>(first.id, first.version, &fields)
        .await
        .unwrap();

    let x = app.acting(Actor::cli()).export_person(person).await.unwrap();
    assert!(x.placements.iter().any(|p| p.id == placement.id));
    assert!(x.placements.iter().all(|p| p.fields.person_id == person));
    let exported_visa = x.placement_documents.iter().find(|d| d.id == visa.id).unwrap();
    assert_eq!(exported_visa.fields.reference.as_ref().unwrap().as_str(), "ZQ7781234");
    assert_eq!(exported_visa.fields.expires_on, Some(d("2022-12-31")));
    let file = x
        .placement_document_files
        .iter()
        .find(|f| f.document_id == visa.id)
        .unwrap();
    assert_eq!(
        (file.file_name.as_str(), file.media_type.as_str()),
        ("qwscanname.pdf", "application/pdf")
    );
    assert_eq!(
        kizuna_store::nominations::base64_decode(&file.content_base64).unwrap(),
        scan
    );
    assert_eq!(x.volunteer_entries.len(), entries.len());
    let json = serde_json::to_string(&x).unwrap();
    for word in ["ZQ7781234", "Qwvisanote", "Qwreporttext", "Qwreviewnote"] {
        assert!(json.contains(word), "the export lacks {word}");
    }

    let words = ["ZQ7781234", "Qwvisanote", "qwscanname", "Qwreporttext", "Qwreviewnote"];
    for w in words {
        assert!(
            !app.store.tables_containing(w).await.unwrap().is_empty(),
            "{w} is stored"
        );
    }
    app.acting(Actor::cli()).erase_person(person).await.unwrap();
    for w in words {
        let found = app.store.tables_containing(w).await.unwrap();
        assert!(found.is_empty(), "{w} is still in {found:?}");
    }
    assert!(
        app.store
            .select::<PlacementDocument>(&by, Page::ALL)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(app.store.document_files(&[visa.id]).await.unwrap().is_empty());
    let after = app.store.select::<VolunteerEntry>(&by, Page::ALL).await.unwrap();
    assert_eq!(after.len(), entries.len(), "the hours stay");
    assert!(
        after
            .iter()
            .all(|e| e.fields.report.is_none() && e.fields.review_note.is_none())
    );
    assert_eq!(
        app.hours_report(fy2022, &[], "en").await.unwrap(),
        hours_before,
        "the hours report does not move"
    );
    let x = app.acting(Actor::cli()).export_person(person).await.unwrap();
    assert!(x.placement_documents.is_empty() && x.placement_document_files.is_empty());
    assert_eq!(x.volunteer_entries.len(), entries.len());
}
