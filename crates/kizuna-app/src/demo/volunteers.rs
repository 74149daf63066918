//! The demo's volunteers (issue 13), from seed 002 with fictional people:
//! the first Friends From Thailand volunteer placed in Akan (Kushiro) from
//! September to December 2022, appointed the city's tourism ambassador as
//! she left (an outcome the placement led to); a JOCV candidate in Kushiro
//! for about three months from January 2024 under the Glocal Program,
//! paired with the second Thai volunteer who arrived around February 2024,
//! and her posting to Thailand afterwards. Their documents carry expiry
//! dates; the JOCV volunteer's visa expires three weeks after the day the
//! demo is loaded (the application's clock), so the staff dashboard shows
//! its warning.
//!
//! Idempotent: people are found by identity, placements by person and
//! scheme, documents and the appointment only added to a placement without
//! them.

use chrono::{Days, NaiveDate};
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::{Organisation, OrganisationInput, OrganisationKind};
use kizuna_domain::common::person::{Gender, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::common::{CountryCode, Id, Key, LocalText, Text};
use kizuna_domain::partnerships::outcome::{OutcomeInput, OutcomeKind, RecordedBy, Side};
use kizuna_domain::volunteers::document::{DocumentKind, PlacementDocument, PlacementDocumentInput};
use kizuna_domain::volunteers::placement::{Placement, PlacementDirection, PlacementInput, Scheme};
use kizuna_store::{Page, Value};

use crate::{App, AppError, Result};

fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::BadFile(format!("demo volunteers: {e}"))
}

fn text(s: &str) -> Result<Text> {
    Text::parse(s).map_err(bad)
}

fn four(en: &str, ja: &str, th: &str, ms: &str) -> Result<LocalText> {
    LocalText::parse(Some(en), Some(ja), Some(th), Some(ms)).map_err(bad)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

async fn locality(app: &App, key: &str) -> Result<Option<Id>> {
    Ok(app.find::<Locality>("key", key).await?.map(|l| l.id))
}

async fn organisation(app: &App, key: &str, make: impl FnOnce() -> Result<OrganisationInput>) -> Result<Id> {
    match app.find::<Organisation>("key", key).await? {
        Some(o) => Ok(o.id),
        None => Ok(app.create::<Organisation>(&make()?).await?.id),
    }
}

struct Volunteer {
    family: &'static str,
    given: &'static str,
    native: Option<&'static str>,
    kana: &'static str,
    gender: Gender,
    nationality: &'static str,
    born: NaiveDate,
}

async fn person(app: &App, v: &Volunteer) -> Result<Id> {
    let input = PersonInput {
        family_name: text(v.family)?,
        given_name: Some(text(v.given)?),
        name_native: v.native.map(text).transpose()?,
        name_kana: Some(text(v.kana)?),
        gender: v.gender,
        nationality: CountryCode::parse(v.nationality).map_err(bad)?,
        birth_date: Some(v.born),
        email: None,
        organisation_id: None,
        position: None,
    };
    Ok(app.ensure_person(&input).await?.0)
}

/// The placement of `person` under `scheme`, made from `input` if missing.
async fn placement(app: &App, input: PlacementInput) -> Result<Placement> {
    let found = app
        .store
        .select::<Placement>(
            &[
                ("person_id", Value::Int(Some(input.person_id))),
                ("scheme", Value::Text(Some(input.scheme.as_str().to_owned()))),
            ],
            Page { limit: 1, offset: 0 },
        )
        .await?
        .pop();
    match found {
        Some(p) => Ok(p),
        None => app.create::<Placement>(&input).await,
    }
}

/// (kind, number, issued, expires)
type Doc = (DocumentKind, Option<&'static str>, NaiveDate, Option<NaiveDate>);

async fn documents(app: &App, placement_id: Id, docs: &[Doc]) -> Result<()> {
    let have = app
        .store
        .count::<PlacementDocument>(&[("placement_id", Value::Int(Some(placement_id)))])
        .await?;
    if have > 0 {
        return Ok(());
    }
    for (kind, number, issued, expires) in docs {
        app.create::<PlacementDocument>(&PlacementDocumentInput {
            placement_id,
            kind: *kind,
            reference: number.map(text).transpose()?,
            issued_on: Some(*issued),
            expires_on: *expires,
            note: None,
        })
        .await?;
    }
    Ok(())
}

pub(super) async fn load(app: &App) -> Result<()> {
    let (Some(kushiro), Some(akan)) = (
        locality(app, "jp/hokkaido/kushiro/kushiro").await?,
        locality(app, "jp/hokkaido/kushiro/kushiro/akan").await?,
    ) else {
        return Ok(());
    };
    let kushiro_city = organisation(app, "kushiro-city", || {
        Err(bad("Kushiro City is made with the demo's organisations"))
    })
    .await?;
    let tica = organisation(app, "tica", || {
        Ok(OrganisationInput {
            key: Key::parse("tica").map_err(bad)?,
            name: four(
                "Thailand International Cooperation Agency (TICA)",
                "タイ国際協力機構（TICA）",
                "กรมความร่วมมือระหว่างประเทศ (TICA)",
                "Agensi Kerjasama Antarabangsa Thailand (TICA)",
            )?,
            name_local: None,
            kind: OrganisationKind::Government,
            country: CountryCode::parse("TH").map_err(bad)?,
            locality_id: None,
            address: None,
            phone: None,
            email: None,
            website: None,
            contact_person: None,
        })
    })
    .await?;
    let programme = match app.find::<Programme>("key", "kushiro-thailand-volunteers").await? {
        Some(p) => p.id,
        None => {
            app.create::<Programme>(&ProgrammeInput {
                key: Key::parse("kushiro-thailand-volunteers").map_err(bad)?,
                kind: ProgrammeKind::VolunteerExchange,
                title: four(
                    "Kushiro and Thailand: volunteers both ways",
                    "釧路とタイのボランティア相互派遣",
                    "คุชิโระและไทย: อาสาสมัครแลกเปลี่ยนสองทาง",
                    "Kushiro dan Thailand: sukarelawan dua hala",
                )?,
                organisation_id: Some(kushiro_city),
                summary: Some(four(
                    "Thai volunteers of the Friends From Thailand programme in Kushiro, and JOCV volunteers prepared there before their posting to Thailand.",
                    "タイの「フレンズ・フロム・タイランド」ボランティアの釧路での活動と、タイへの派遣前に釧路で準備する青年海外協力隊員。",
                    "อาสาสมัครเพื่อนจากประเทศไทยที่คุชิโระ และอาสาสมัคร JOCV ที่เตรียมตัวที่นั่นก่อนไปประจำการในประเทศไทย",
                    "Sukarelawan Thailand program Friends From Thailand di Kushiro, dan sukarelawan JOCV yang bersedia di sana sebelum ditempatkan di Thailand.",
                )?),
            })
            .await?
            .id
        }
    };
    let tourism = || {
        four(
            "Tourism promotion",
            "観光振興",
            "การส่งเสริมการท่องเที่ยว",
            "Promosi pelancongan",
        )
    };

    // The first Thai volunteer in Japan: Akan, September to December 2022.
    let first = person(
        app,
        &Volunteer {
            family: "Wongsakul",
            given: "Naphat",
            native: Some("ณภัทร วงศ์สกุล"),
            kana: "ウォンサクン ナパット",
            gender: Gender::Female,
            nationality: "TH",
            born: day(1994, 3, 18),
        },
    )
    .await?;
    let akan_placement = placement(
        app,
        PlacementInput {
            person_id: first,
            scheme: Scheme::Fft,
            direction: PlacementDirection::Inbound,
            host_organisation_id: Some(kushiro_city),
            host_locality_id: Some(akan),
            programme_id: Some(programme),
            planned_starts_on: day(2022, 9, 1),
            planned_ends_on: day(2022, 12, 10),
            actual_starts_on: Some(day(2022, 9, 5)),
            actual_ends_on: Some(day(2022, 12, 9)),
            area: tourism()?,
            goals: Some(four(
                "Tell visitors from Thailand about Lake Akan's nature and Ainu culture in Thai, and propose a tour for them.",
                "阿寒湖の自然とアイヌ文化をタイ語で発信し、タイ人向けの旅行プランを提案する。",
                "ถ่ายทอดธรรมชาติของทะเลสาบอากังและวัฒนธรรมไอนุเป็นภาษาไทย และเสนอแผนท่องเที่ยวสำหรับคนไทย",
                "Memperkenalkan alam Tasik Akan dan budaya Ainu dalam bahasa Thai, dan mencadangkan lawatan untuk pelancong Thailand.",
            )?),
            paired_placement_id: None,
        },
    )
    .await?;
    documents(
        app,
        akan_placement.id,
        &[
            (
                DocumentKind::Passport,
                Some("AA1038462"),
                day(2019, 6, 3),
                Some(day(2029, 6, 2)),
            ),
            (
                DocumentKind::Visa,
                Some("V22-071154"),
                day(2022, 8, 10),
                Some(day(2022, 12, 31)),
            ),
            (
                DocumentKind::Insurance,
                Some("POL-22-0907"),
                day(2022, 9, 1),
                Some(day(2022, 12, 31)),
            ),
            (DocumentKind::SafetyBriefing, None, day(2022, 9, 6), None),
        ],
    )
    .await?;
    if app.placement_outcomes(akan_placement.id).await?.is_empty() {
        app.record_appointment(
            akan_placement.id,
            &OutcomeInput {
                programme_id: programme,
                title: four(
                    "First foreign Cool Kushiro City Tourism Ambassador",
                    "初の外国人「クール釧路シティ観光大使」",
                    "ทูตการท่องเที่ยวเมืองคุชิโระชาวต่างชาติคนแรก",
                    "Duta Pelancongan Bandar Kushiro asing yang pertama",
                )?,
                description: four(
                    "As she left, Kushiro City appointed the Friends From Thailand volunteer its first foreign tourism ambassador.",
                    "任期を終えるにあたり、釧路市がフレンズ・フロム・タイランドのボランティアを初の外国人観光大使に任命した。",
                    "เมื่อสิ้นสุดการปฏิบัติงาน เทศบาลเมืองคุชิโระแต่งตั้งอาสาสมัครเพื่อนจากประเทศไทยเป็นทูตการท่องเที่ยวชาวต่างชาติคนแรก",
                    "Semasa dia berangkat pulang, Bandar Kushiro melantik sukarelawan Friends From Thailand sebagai duta pelancongan asing yang pertama.",
                )?,
                kind: OutcomeKind::Appointment,
                side: Side::Japan,
                occurred_on: day(2022, 12, 9),
                actor_organisation_id: Some(kushiro_city),
                actor_person_id: Some(first),
                actor_description: None,
                agent_organisation_id: Some(tica),
                contribution: None,
                significance: None,
                proposal_status: None,
                evidence_url: None,
                substantiated_by: None,
                substantiated_on: None,
                verdict: None,
                substantiation_note: None,
                public: false,
                recorded_by: RecordedBy::Staff,
                locality_ids: vec![kushiro],
            },
        )
        .await?;
    }

    // The JOCV candidate in Kushiro from January 2024 (Glocal), then in
    // Thailand; the second Thai volunteer alongside her from February.
    let candidate = person(
        app,
        &Volunteer {
            family: "Moriyama",
            given: "Haruka",
            native: Some("森山遥"),
            kana: "モリヤマ ハルカ",
            gender: Gender::Female,
            nationality: "JP",
            born: day(1998, 11, 2),
        },
    )
    .await?;
    let second = person(
        app,
        &Volunteer {
            family: "Boonmee",
            given: "Thanawat",
            native: Some("ธนวัฒน์ บุญมี"),
            kana: "ブンミー タナワット",
            gender: Gender::Male,
            nationality: "TH",
            born: day(1996, 7, 25),
        },
    )
    .await?;
    let glocal = placement(
        app,
        PlacementInput {
            person_id: candidate,
            scheme: Scheme::Glocal,
            direction: PlacementDirection::LocalPreDispatch,
            host_organisation_id: Some(kushiro_city),
            host_locality_id: Some(kushiro),
            programme_id: Some(programme),
            planned_starts_on: day(2024, 1, 9),
            planned_ends_on: day(2024, 4, 5),
            actual_starts_on: Some(day(2024, 1, 9)),
            actual_ends_on: Some(day(2024, 4, 5)),
            area: tourism()?,
            goals: Some(four(
                "Prepare tourism community development for her posting to Thailand by working on Kushiro's own tourism promotion.",
                "釧路の観光振興に取り組み、タイでの観光によるコミュニティ開発の活動に備える。",
                "เตรียมงานพัฒนาชุมชนด้วยการท่องเที่ยวสำหรับการไปประจำการที่ประเทศไทย โดยทำงานส่งเสริมการท่องเที่ยวของคุชิโระ",
                "Bersedia untuk pembangunan komuniti melalui pelancongan di Thailand dengan bekerja dalam promosi pelancongan Kushiro.",
            )?),
            paired_placement_id: None,
        },
    )
    .await?;
    let fft2 = placement(
        app,
        PlacementInput {
            person_id: second,
            scheme: Scheme::Fft,
            direction: PlacementDirection::Inbound,
            host_organisation_id: Some(kushiro_city),
            host_locality_id: Some(kushiro),
            programme_id: Some(programme),
            planned_starts_on: day(2024, 2, 13),
            planned_ends_on: day(2024, 5, 10),
            actual_starts_on: Some(day(2024, 2, 15)),
            actual_ends_on: Some(day(2024, 5, 10)),
            area: tourism()?,
            goals: None,
            paired_placement_id: Some(glocal.id),
        },
    )
    .await?;
    if glocal.fields.paired_placement_id.is_none() {
        let mut f = glocal.fields.clone();
        f.paired_placement_id = Some(fft2.id);
        app.update::<Placement>(glocal.id, glocal.version, &f).await?;
    }
    let today = app.today();
    let two_years = day(2026, 6, 30);
    let jocv = placement(
        app,
        PlacementInput {
            person_id: candidate,
            scheme: Scheme::Jocv,
            direction: PlacementDirection::Outbound,
            host_organisation_id: None,
            host_locality_id: None,
            programme_id: Some(programme),
            planned_starts_on: day(2024, 7, 1),
            // Two years, or (a demo loaded later) extended past today.
            planned_ends_on: two_years.max(today + Days::new(90)),
            actual_starts_on: Some(day(2024, 7, 1)),
            actual_ends_on: None,
            area: four(
                "Tourism community development",
                "観光によるコミュニティ開発",
                "การพัฒนาชุมชนด้วยการท่องเที่ยว",
                "Pembangunan komuniti melalui pelancongan",
            )?,
            goals: None,
            paired_placement_id: None,
        },
    )
    .await?;
    documents(
        app,
        glocal.id,
        &[(DocumentKind::SafetyBriefing, None, day(2024, 1, 10), None)],
    )
    .await?;
    documents(
        app,
        fft2.id,
        &[
            (
                DocumentKind::Passport,
                Some("AC5521907"),
                day(2021, 11, 8),
                Some(day(2031, 11, 7)),
            ),
            (
                DocumentKind::Visa,
                Some("V24-010233"),
                day(2024, 1, 22),
                Some(day(2024, 5, 31)),
            ),
            (
                DocumentKind::Insurance,
                Some("POL-24-0213"),
                day(2024, 2, 13),
                Some(day(2024, 5, 31)),
            ),
        ],
    )
    .await?;
    // The visa that the dashboard warns about: three weeks from today.
    let visa_ends = today + Days::new(21);
    let visa_issued = visa_ends - Days::new(365);
    documents(
        app,
        jocv.id,
        &[
            (
                DocumentKind::Passport,
                Some("TZ4410378"),
                day(2023, 10, 2),
                Some(day(2033, 10, 1)),
            ),
            (DocumentKind::Visa, Some("NON-O 4471902"), visa_issued, Some(visa_ends)),
            (
                DocumentKind::Insurance,
                Some("JOCV-24-118"),
                day(2024, 7, 1),
                Some(jocv.fields.planned_ends_on),
            ),
            (DocumentKind::SafetyBriefing, None, day(2024, 6, 20), None),
        ],
    )
    .await?;
    super::volunteer_hours::load(app).await
}
