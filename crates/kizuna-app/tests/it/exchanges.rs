//! Exchanges on SQLite and PostgreSQL: the demo's exchanges by fiscal
//! year; a visit outside its delegation's stay and a session outside its
//! symposium's days refused naming the field; a delegation's new dates
//! refused while a visit would fall outside them, naming the visit; a
//! delegation workbook imported with its members, all or nothing; a photo
//! with GPS Exif kept without it, a PDF named .jpg refused naming what it
//! is; a public photo of a public record readable by anyone, others by
//! staff only.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::exchanges::ExchangeKind;
use kizuna_app::{App, AppError};
use kizuna_domain::common::{FiscalYear, LocalText, Text};
use kizuna_domain::exchanges::delegation::{Delegation, DelegationVisit, DelegationVisitInput};
use kizuna_domain::exchanges::photo::{PhotoInput, PhotoSubject};
use kizuna_io::photo::{exif_with_gps, tiny_jpeg};
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn demo(backend: Backend) -> App {
    let app = App::new(fresh_store(backend).await.expect("fresh database")).with_today(d("2026-12-05"));
    app.load_demo().await.expect("demo loads");
    app
}

fn codes(r: AppError) -> Vec<(String, String)> {
    match r {
        AppError::Invalid(e) => e.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("{other:?}"),
    }
}

kizuna_testkit::on_both!(
    the_demo_exchanges_are_listed_by_fiscal_year,
    a_visit_outside_the_stay_is_refused,
    new_dates_that_leave_a_visit_outside_are_refused,
    delegations_import_from_a_workbook_with_their_members,
    photos_lose_their_location_and_are_public_only_when_marked,
);

async fn the_demo_exchanges_are_listed_by_fiscal_year(backend: Backend) {
    let app = demo(backend).await;
    let fy2007 = app.exchanges(Some(FiscalYear::new(2007).unwrap()), None).await.unwrap();
    let kinds: Vec<ExchangeKind> = fy2007.iter().map(|r| r.kind).collect();
    for k in [
        ExchangeKind::Delegation,
        ExchangeKind::Dispatch,
        ExchangeKind::Symposium,
        ExchangeKind::CourtesyCall,
        ExchangeKind::Award,
    ] {
        assert!(kinds.contains(&k), "{k} in FY2007: {kinds:?}");
    }
    let fy2022 = app
        .exchanges(Some(FiscalYear::new(2022).unwrap()), Some(ExchangeKind::Dispatch))
        .await
        .unwrap();
    assert_eq!(fy2022.len(), 1, "the February 2023 visit to Thailand is in FY2022");
    assert_eq!(fy2022[0].country.as_deref(), Some("TH"));
    // Loading the demo again adds nothing.
    app.load_demo().await.unwrap();
    assert_eq!(
        app.exchanges(Some(FiscalYear::new(2007).unwrap()), None)
            .await
            .unwrap()
            .len(),
        fy2007.len()
    );
}

async fn a_visit_outside_the_stay_is_refused(backend: Backend) {
    let app = demo(backend).await;
    let (ds, _) = app
        .list::<Delegation>(&Default::default(), Default::default())
        .await
        .unwrap();
    let del = &ds[0];
    let visit = DelegationVisitInput {
        delegation_id: del.id,
        visit_on: del.fields.leaves_on.succ_opt().unwrap(),
        starts_at: None,
        ends_at: None,
        place: None,
        organisation_id: None,
        locality_id: None,
        what: LocalText::en(Text::parse("Farewell dinner").unwrap()),
    };
    let before = app
        .list::<DelegationVisit>(&Default::default(), Default::default())
        .await
        .unwrap()
        .1;
    let e = app.create::<DelegationVisit>(&visit).await.unwrap_err();
    assert_eq!(codes(e), [("visit_on".to_owned(), "outside_stay".to_owned())]);
    let mut missing = visit.clone();
    missing.delegation_id = 999_999;
    missing.visit_on = del.fields.arrives_on;
    let e = app.create::<DelegationVisit>(&missing).await.unwrap_err();
    assert_eq!(codes(e), [("delegation_id".to_owned(), "not_found".to_owned())]);
    let after = app
        .list::<DelegationVisit>(&Default::default(), Default::default())
        .await
        .unwrap()
        .1;
    assert_eq!(before, after, "nothing written");
}

async fn photos_lose_their_location_and_are_public_only_when_marked(backend: Backend) {
    let app = demo(backend).await;
    let (ds, _) = app
        .list::<Delegation>(&Default::default(), Default::default())
        .await
        .unwrap();
    let del = &ds[0];
    assert!(del.fields.public);
    let caption = LocalText::parse(None, None, Some("คณะผู้แทนเยี่ยมชมท่าเรือ"), None).unwrap();
    let input = PhotoInput {
        subject: PhotoSubject::Delegation,
        subject_id: del.id,
        caption,
        taken_on: None,
        credit: None,
        public: false,
    };
    let original = tiny_jpeg(&[exif_with_gps(1)]);
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let p = app.add_photo(&input, "port.jpg", original.clone()).await.unwrap();
    let (_, kept) = app.photo_file(p.id, true).await.unwrap();
    assert!(!kept.windows(4).any(|w| w == b"Exif"), "no Exif kept");
    assert!(!kept.windows(2).any(|w| w == b"\x88\x25"), "no GPS pointer kept");
    assert_eq!(kept, tiny_jpeg(&[]), "the picture itself unchanged");
    assert_eq!((p.width, p.height), (8, 8));
    // Not marked public: the public cannot read it; staff can.
    assert!(matches!(app.photo(p.id, false).await, Err(AppError::NotFound { .. })));
    let mut public = input.clone();
    public.public = true;
    app.update_photo(p.id, &public).await.unwrap();
    assert!(app.photo_file(p.id, false).await.is_ok());
    // A PDF renamed .jpg is refused naming what it is; nothing kept.
    let before = app.photos_of(PhotoSubject::Delegation, del.id).await.unwrap().len();
    let e = app
        .add_photo(&input, "visit.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec())
        .await
        .unwrap_err();
    match e {
        AppError::Invalid(e) => {
            assert_eq!(e[0].field, "file");
            assert!(
                e[0].message.contains("visit.jpg") && e[0].message.contains("a PDF document"),
                "{}",
                e[0].message
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.photos_of(PhotoSubject::Delegation, del.id).await.unwrap().len(),
        before
    );
    // A photo of a record that does not exist is refused.
    let mut nowhere = input.clone();
    nowhere.subject_id = 999_999;
    let e = app.add_photo(&nowhere, "a.jpg", tiny_jpeg(&[])).await.unwrap_err();
    assert_eq!(codes(e), [("subject_id".to_owned(), "not_found".to_owned())]);
    // Deleting the delegation deletes its photos.
    app.delete_exchange(ExchangeKind::Delegation, del.id).await.unwrap();
    assert!(
        app.photos_of(PhotoSubject::Delegation, del.id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn new_dates_that_leave_a_visit_outside_are_refused(backend: Backend) {
    let app = demo(backend).await;
    let (ds, _) = app
        .list::<Delegation>(&Default::default(), Default::default())
        .await
        .unwrap();
    let mut with_visit = None;
    for d in &ds {
        let (_, visits) = app.delegation_parts(d.id).await.unwrap();
        if let Some(v) = visits.first() {
            with_visit = Some((d.clone(), v.clone()));
            break;
        }
    }
    let (del, visit) = with_visit.expect("a demo delegation with a visit");
    // Arriving the day after the visit: refused, naming the visit.
    let mut later = del.fields.clone();
    later.arrives_on = visit.fields.visit_on.succ_opt().unwrap();
    later.leaves_on = later.leaves_on.max(later.arrives_on);
    let e = app.update::<Delegation>(del.id, del.version, &later).await.unwrap_err();
    let AppError::Invalid(errors) = e else { panic!("{e:?}") };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].field.as_str(), errors[0].code.as_str()),
        ("arrives_on", "visit_outside_stay")
    );
    assert!(
        errors[0].message.contains(&visit.fields.visit_on.to_string())
            && errors[0].message.contains(&format!("visit {}", visit.id)),
        "{}",
        errors[0].message
    );
    // Leaving the day before it: refused on leaves_on.
    let mut earlier = del.fields.clone();
    earlier.leaves_on = visit.fields.visit_on.pred_opt().unwrap();
    earlier.arrives_on = earlier.arrives_on.min(earlier.leaves_on);
    let e = app
        .update::<Delegation>(del.id, del.version, &earlier)
        .await
        .unwrap_err();
    assert_eq!(codes(e), [("leaves_on".to_owned(), "visit_outside_stay".to_owned())]);
    assert_eq!(
        app.store.get::<Delegation>(del.id).await.unwrap(),
        del,
        "nothing written"
    );
    // Dates that still hold the visit are accepted.
    let mut around = del.fields.clone();
    around.arrives_on = visit.fields.visit_on;
    around.leaves_on = visit.fields.visit_on;
    let saved = app.update::<Delegation>(del.id, del.version, &around).await.unwrap();
    assert_eq!(saved.fields.arrives_on, visit.fields.visit_on);
}

async fn delegations_import_from_a_workbook_with_their_members(backend: Backend) {
    use kizuna_domain::exchanges::delegation::DelegationMember;
    use kizuna_io::table::{Column, FileFormat, write_table};
    let app = demo(backend).await;
    let columns: Vec<Column<'_>> = [
        "country",
        "organisation_name_en",
        "organisation_name_th",
        "arrives_on",
        "leaves_on",
        "purpose_en",
        "purpose_ja",
        "members",
        "public",
    ]
    .iter()
    .map(|c| Column::named(c))
    .collect();
    let row = |country: &str, arrives: &str, leaves: &str| -> Vec<String> {
        [
            country,
            "Department of Local Administration",
            "กรมส่งเสริมการปกครองท้องถิ่น",
            arrives,
            leaves,
            "Study of regional tourism",
            "地域観光の視察",
            "Somchai P.; Malee K.",
            "yes",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    };
    let count = |app: App| async move {
        (
            app.list::<Delegation>(&Default::default(), Default::default())
                .await
                .unwrap()
                .1,
            app.list::<DelegationMember>(&Default::default(), Default::default())
                .await
                .unwrap()
                .1,
        )
    };
    let before = count(app.clone()).await;
    // A departure before the arrival on row 3: nothing written.
    let bad = write_table(
        "delegations",
        &columns,
        &[
            row("タイ", "2024-02-05", "2024-02-08"),
            row("TH", "2024-03-05", "2024-03-01"),
        ],
        FileFormat::Xlsx,
    )
    .unwrap();
    match app.import_delegations(&bad, FileFormat::Xlsx, false).await.unwrap_err() {
        AppError::ImportRejected(e) => {
            assert_eq!(e.len(), 1, "{e:?}");
            assert_eq!(
                (e[0].row, e[0].column.as_str(), e[0].code.as_str()),
                (3, "leaves_on", "before_arrival")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(app.clone()).await, before, "nothing written");
    let good = write_table(
        "delegations",
        &columns,
        &[
            row("タイ", "2024-02-05", "2024-02-08"),
            row("MY", "2024-03-05", "2024-03-07"),
        ],
        FileFormat::Xlsx,
    )
    .unwrap();
    let r = app.import_delegations(&good, FileFormat::Xlsx, false).await.unwrap();
    assert_eq!((r.rows, r.members, r.imported), (2, 4, 2));
    let after = count(app.clone()).await;
    assert_eq!(after, (before.0 + 2, before.1 + 4));
    let (ds, _) = app
        .list::<Delegation>(&Default::default(), Default::default())
        .await
        .unwrap();
    let thai = ds
        .iter()
        .find(|x| x.fields.arrives_on == d("2024-02-05"))
        .expect("the imported delegation");
    assert_eq!(thai.fields.country.as_str(), "TH");
    assert!(thai.fields.public);
    assert_eq!(thai.fields.purpose.best("ja"), "地域観光の視察");
    let (members, _) = app.delegation_parts(thai.id).await.unwrap();
    let names: Vec<&str> = members
        .iter()
        .filter_map(|m| m.fields.name.as_ref())
        .map(Text::as_str)
        .collect();
    assert_eq!(names, ["Somchai P.", "Malee K."]);
    // The same file again: every row already recorded, nothing added.
    match app
        .import_delegations(&good, FileFormat::Xlsx, false)
        .await
        .unwrap_err()
    {
        AppError::ImportRejected(e) => {
            assert_eq!(
                e.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(),
                ["duplicate", "duplicate"]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(app.clone()).await, after);
}
