//! Tourism on SQLite and PostgreSQL: a fair, its leads and a campaign
//! stored and read back, a stale change refused; a flows file with a bad
//! value refused whole, naming row, column and reason; a later stage
//! replacing an earlier one with the replacement kept as history, an
//! earlier stage never replacing a later one (reported); the two-way
//! series; the demo's seed facts and its fictional figures, marked.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::NaiveDate;
use kizuna_app::{App, AppError};
use kizuna_domain::common::locality::{Locality, LocalityInput, LocalityLevel};
use kizuna_domain::common::person::{Gender, Person, PersonInput};
use kizuna_domain::common::{CountryCode, Key, LocalText, Text};
use kizuna_domain::tourism::campaign::{Campaign, CampaignChannel, CampaignInput};
use kizuna_domain::tourism::fair::{FairRole, LeadStatus, TourismLead, TourismLeadInput, TravelFair, TravelFairInput};
use kizuna_domain::tourism::flows::{Area, Stage};
use kizuna_io::table::FileFormat;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> Text {
    Text::parse(s).unwrap()
}

fn cc(s: &str) -> CountryCode {
    CountryCode::parse(s).unwrap()
}

async fn fresh(backend: Backend) -> App {
    App::new(fresh_store(backend).await.expect("fresh database")).with_today(d("2024-07-01"))
}

async fn hokkaido(app: &App) -> Locality {
    app.create::<Locality>(&LocalityInput {
        key: Key::parse("jp/hokkaido").unwrap(),
        country: cc("JP"),
        level: LocalityLevel::Prefecture,
        parent_id: None,
        name: LocalText::parse(Some("Hokkaido"), Some("北海道"), None, None).unwrap(),
        name_local: None,
    })
    .await
    .unwrap()
}

fn lead(fair: Option<i64>, campaign: Option<i64>) -> TourismLeadInput {
    TourismLeadInput {
        fair_id: fair,
        campaign_id: campaign,
        organisation_id: None,
        contact: Some(t("Bangkok travel agency")),
        subject: t("Winter tours to Akan"),
        status: LeadStatus::Open,
        followed_up_on: None,
        next_on: Some(d("2023-04-01")),
        note: None,
    }
}

kizuna_testkit::on_both!(
    a_fair_its_leads_and_a_campaign_round_trip,
    a_flows_file_with_a_bad_value_writes_nothing,
    a_later_stage_replaces_an_earlier_one_never_the_reverse,
    the_demo_has_the_seed_tourism_and_fictional_figures,
);

async fn a_fair_its_leads_and_a_campaign_round_trip(backend: Backend) {
    let app = fresh(backend).await;
    let who = app
        .create::<Person>(&PersonInput {
            family_name: t("Tsurumi"),
            given_name: Some(t("Daichi")),
            name_native: None,
            name_kana: None,
            gender: Gender::Unspecified,
            nationality: cc("JP"),
            birth_date: None,
            email: None,
            organisation_id: None,
            position: None,
        })
        .await
        .unwrap();
    let input = TravelFairInput {
        name: LocalText::parse(Some("Travel fair"), Some("旅行博"), Some("งานท่องเที่ยว"), Some("Pameran")).unwrap(),
        role: FairRole::Attended,
        city: t("Bangkok"),
        country: cc("th"),
        starts_on: d("2023-02-16"),
        ends_on: d("2023-02-19"),
        contacts: Some(t("Three tour operators")),
        dispatch_id: None,
        person_ids: vec![who.id],
    };
    let fair = app.create::<TravelFair>(&input).await.unwrap();
    let back = app.get::<TravelFair>(fair.id).await.unwrap();
    assert_eq!(back.fields, input, "read back as written, the people who went included");

    // A change from an old version is refused, nothing written.
    let mut changed = input.clone();
    changed.city = t("Chiang Mai");
    let fair2 = app.update::<TravelFair>(fair.id, fair.version, &changed).await.unwrap();
    assert!(matches!(
        app.update::<TravelFair>(fair.id, fair.version, &input).await,
        Err(AppError::Conflict { .. })
    ));
    assert_eq!(
        app.get::<TravelFair>(fair.id).await.unwrap().fields.city,
        t("Chiang Mai")
    );
    assert_eq!(fair2.version, fair.version + 1);

    let campaign = app
        .create::<Campaign>(&CampaignInput {
            title: LocalText::parse(Some("Akan tour"), None, None, None).unwrap(),
            starts_on: d("2023-03-01"),
            ends_on: d("2023-12-31"),
            market: cc("TH"),
            channel: CampaignChannel::TourProposal,
            note: None,
        })
        .await
        .unwrap();
    app.create::<TourismLead>(&lead(Some(fair.id), None)).await.unwrap();
    app.create::<TourismLead>(&lead(None, Some(campaign.id))).await.unwrap();
    // A lead from both, or from a fair that does not exist, is refused by field.
    match app.create::<TourismLead>(&lead(Some(fair.id), Some(campaign.id))).await {
        Err(AppError::Invalid(e)) => assert_eq!(e[0].code, "fair_or_campaign"),
        other => panic!("{other:?}"),
    }
    match app.create::<TourismLead>(&lead(Some(fair.id + 100), None)).await {
        Err(AppError::Invalid(e)) => assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("fair_id", "not_found")),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.tourism_leads(Some(fair.id), None).await.unwrap().len(), 1);
    assert_eq!(app.tourism_leads(None, Some(campaign.id)).await.unwrap().len(), 1);
    // Deleting the fair takes its leads with it.
    app.delete::<TravelFair>(fair.id).await.unwrap();
    assert!(app.tourism_leads(Some(fair.id), None).await.unwrap().is_empty());
    assert_eq!(app.tourism_leads(None, Some(campaign.id)).await.unwrap().len(), 1);
}

const GOOD: &str = "origin,destination,stage,2023-01,2023-02\n\
TH,jp/hokkaido,preliminary,\"1,200\",1500\n\
jp/hokkaido,Thailand,preliminary,300,\n";

async fn a_flows_file_with_a_bad_value_writes_nothing(backend: Backend) {
    let app = fresh(backend).await;
    hokkaido(&app).await;
    let bad = "origin,destination,stage,2023-01,2023-02\n\
TH,jp/hokkaido,preliminary,1200,1500\n\
jp/hokkaido,TH,preliminary,300,about 40\n\
jp/nowhere,TH,final,1,2\n";
    match app
        .import_flows(bad.as_bytes(), FileFormat::Csv, "bad.csv", None, false)
        .await
    {
        Err(AppError::ImportRejected(e)) => {
            let got: Vec<(usize, &str, &str)> = e.iter().map(|e| (e.row, e.column.as_str(), e.code.as_str())).collect();
            assert_eq!(
                got,
                [
                    (3, "2023-02", "not_a_count"),
                    (4, "origin", "unknown_locality"),
                    (4, "stage", "unknown_stage")
                ]
            );
            assert!(e[0].reason.contains("about 40"), "{}", e[0].reason);
        }
        other => panic!("{other:?}"),
    }
    assert!(app.flows().await.unwrap().is_empty(), "nothing written");
    assert!(app.flow_imports().await.unwrap().is_empty());

    // A dry run checks and writes nothing; the real import writes 3 figures.
    let dry = app
        .import_flows(GOOD.as_bytes(), FileFormat::Csv, "good.csv", None, true)
        .await
        .unwrap();
    assert_eq!((dry.added, dry.import_id), (3, None));
    assert!(app.flows().await.unwrap().is_empty());
    let r = app
        .import_flows(GOOD.as_bytes(), FileFormat::Csv, "good.csv", None, false)
        .await
        .unwrap();
    assert_eq!((r.rows, r.figures, r.added, r.replaced), (2, 3, 3, 0));
    assert!(r.import_id.is_some());
}

async fn a_later_stage_replaces_an_earlier_one_never_the_reverse(backend: Backend) {
    let app = fresh(backend).await;
    let hk = hokkaido(&app).await;
    let first = app
        .import_flows(GOOD.as_bytes(), FileFormat::Csv, "jan.csv", None, false)
        .await
        .unwrap();
    let later = "nationality,destination,stage,2023年1月\nTH,jp/hokkaido,definitive,1250\n";
    let second = app
        .import_flows(later.as_bytes(), FileFormat::Csv, "final.csv", None, false)
        .await
        .unwrap();
    assert_eq!((second.added, second.replaced, second.kept.len()), (0, 1, 0));
    let history = app.flow_history(10).await.unwrap();
    assert_eq!(history.len(), 1);
    let h = &history[0];
    assert_eq!(
        (h.old.stage, h.old.visitors, h.new.stage, h.new.visitors),
        (Stage::Preliminary, 1200, Stage::Definitive, 1250)
    );
    assert_eq!(
        (h.old_import_id, Some(h.import_id)),
        (first.import_id.unwrap(), second.import_id)
    );
    assert_eq!(h.file_name, "final.csv");

    // An earlier stage does not replace the definitive figure: reported, kept.
    let earlier = "origin,destination,stage,2023-01,2023-02\nTH,jp/hokkaido,provisional,1100,1600\n";
    let third = app
        .import_flows(earlier.as_bytes(), FileFormat::Csv, "late.csv", None, false)
        .await
        .unwrap();
    assert_eq!(
        (third.replaced, third.kept.len()),
        (1, 1),
        "February replaced, January kept"
    );
    let k = &third.kept[0];
    assert_eq!(
        (k.row, k.column.as_str(), k.on_record, k.in_file),
        (2, "2023-01", Stage::Definitive, Stage::Provisional)
    );

    let th = Area::country(cc("TH"));
    let hk = Area {
        country: cc("JP"),
        locality_id: Some(hk.id),
    };
    let two = app.two_way(th, hk).await.unwrap();
    let months: Vec<(String, Option<u64>, Option<u64>)> = two
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.ab.map(|f| f.visitors), m.ba.map(|f| f.visitors)))
        .collect();
    assert_eq!(
        months,
        [
            ("2023-01".into(), Some(1250), Some(300)),
            ("2023-02".into(), Some(1600), None)
        ]
    );
    assert_eq!(two.stages, [Stage::Preliminary, Stage::Provisional, Stage::Definitive]);
    assert_eq!(app.flow_pairs().await.unwrap().len(), 1, "one pair, both ways");
}

async fn the_demo_has_the_seed_tourism_and_fictional_figures(backend: Backend) {
    let app = fresh(backend).await.with_today(d("2026-12-05"));
    app.load_demo().await.expect("demo loads");
    let (fairs, _) = app
        .list::<TravelFair>(&Default::default(), Default::default())
        .await
        .unwrap();
    assert_eq!(fairs.len(), 1);
    assert_eq!(fairs[0].fields.starts_on, d("2023-02-16"));
    assert!(
        fairs[0].fields.dispatch_id.is_some(),
        "linked to the exchanges' dispatch"
    );
    let (campaigns, _) = app
        .list::<Campaign>(&Default::default(), Default::default())
        .await
        .unwrap();
    assert!(campaigns[0].fields.title.best("en").contains("Akan"));
    let trainings = app.tourism_trainings().await.unwrap();
    assert_eq!(trainings.len(), 1);
    assert_eq!(trainings[0].edition.fields.starts_on, d("2023-09-04"));
    assert_eq!(trainings[0].trainees, 4);
    let ambassadors = app.tourism_ambassadors().await.unwrap();
    assert!(ambassadors[0].title.best("en").contains("Tourism Ambassador"));
    let imports = app.flow_imports().await.unwrap();
    assert!(imports[0].note.as_deref().unwrap().starts_with("FICTIONAL"));
    let places = kizuna_app::tourism::flows::Places::load(&app).await.unwrap();
    let pairs = app.flow_pairs().await.unwrap();
    let (a, b) = kizuna_app::tourism::flows::default_pair(&places, &pairs).unwrap();
    let two = app.two_way(a, b).await.unwrap();
    assert_eq!(two.months.len(), 18);
    assert_eq!(two.stages.len(), 3);
    // Loading again adds nothing.
    app.load_demo().await.unwrap();
    assert_eq!(app.flow_imports().await.unwrap().len(), 1);
}
