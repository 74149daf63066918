//! The demo's exchanges (issue 13): seed facts with fictional people.
//! Idempotent: loaded once, marked by the `demo_exchanges` setting.
//!
//! From seed 000: delegations from overseas government institutions, a
//! staff dispatch to China's national land-planning training, the
//! Pan-Okhotsk Region International Symposium with its regions, a
//! courtesy call on the Mayor of Hakodate (the October 2007 award is the
//! story's). From seed 002: Kushiro City staff's February 2023 visit to a
//! travel fair in Thailand. Photos are tiny pictures made in code.

use chrono::{NaiveDate, TimeZone, Utc};
use kizuna_domain::common::person::{Gender, Person, PersonInput};
use kizuna_domain::common::{CountryCode, LocalText, Text};
use kizuna_domain::exchanges::courtesy_call::{CourtesyCall, CourtesyCallInput};
use kizuna_domain::exchanges::delegation::{
    Delegation, DelegationInput, DelegationMember, DelegationMemberInput, DelegationVisit, DelegationVisitInput,
};
use kizuna_domain::exchanges::dispatch::{Dispatch, DispatchInput, DispatchKind};
use kizuna_domain::exchanges::photo::{PhotoInput, PhotoSubject};
use kizuna_domain::exchanges::symposium::{
    Symposium, SymposiumInput, SymposiumRegion, SymposiumRegionInput, SymposiumSession, SymposiumSessionInput,
    SymposiumSpeaker, SymposiumSpeakerInput,
};
use kizuna_io::photo::{tiny_jpeg, tiny_png};

use crate::{App, AppError, Result};

fn bad(e: impl std::fmt::Display) -> AppError {
    AppError::BadFile(format!("demo exchanges: {e}"))
}

fn t(s: &str) -> Result<Text> {
    Text::parse(s).map_err(bad)
}

fn lt(en: &str, ja: &str, th: &str, ms: &str) -> Result<LocalText> {
    LocalText::parse(Some(en), Some(ja), Some(th), Some(ms)).map_err(bad)
}

fn day(s: &str) -> Result<NaiveDate> {
    s.parse().map_err(bad)
}

fn cc(s: &str) -> Result<CountryCode> {
    CountryCode::parse(s).map_err(bad)
}

/// A time in Japan on a day.
fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> Result<chrono::DateTime<Utc>> {
    let tz = chrono::FixedOffset::east_opt(9 * 3600).ok_or_else(|| bad("offset"))?;
    tz.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| bad("time"))
}

/// A fictional staff member: names in Latin letters, kanji and katakana
/// (family name first; the kana with a space between the two).
async fn staff(app: &App, (family, given): (&str, &str), native: &str, kana: &str, position: &str) -> Result<i64> {
    let p = app
        .create::<Person>(&PersonInput {
            family_name: t(family)?,
            given_name: Some(t(given)?),
            name_native: Some(t(native)?),
            name_kana: Some(t(kana)?),
            gender: Gender::Unspecified,
            nationality: cc("JP")?,
            birth_date: None,
            email: None,
            organisation_id: None,
            position: Some(t(position)?),
        })
        .await?;
    Ok(p.id)
}

async fn photo(app: &App, subject: PhotoSubject, id: i64, caption: LocalText, taken: &str, png: bool) -> Result<()> {
    let bytes = if png {
        tiny_png(16, 9, [40, 90, 160], &[])
    } else {
        tiny_jpeg(&[])
    };
    let input = PhotoInput {
        subject,
        subject_id: id,
        caption,
        taken_on: Some(day(taken)?),
        credit: Some(t("Kizuna demo")?),
        public: true,
    };
    app.add_photo(&input, if png { "demo.png" } else { "demo.jpg" }, bytes)
        .await?;
    Ok(())
}

pub(super) async fn load(app: &App) -> Result<()> {
    if app.store.setting("demo_exchanges").await?.as_deref() == Some("1") {
        return Ok(());
    }
    let officer = staff(
        app,
        ("Hanamura", "Sota"),
        "花村颯太",
        "ハナムラ ソウタ",
        "International Cooperation Officer (demo)",
    )
    .await?;
    let planner = staff(
        app,
        ("Kitagawa", "Yui"),
        "北川結衣",
        "キタガワ ユイ",
        "Regional Planner (demo)",
    )
    .await?;
    let kushiro = staff(
        app,
        ("Tsurumi", "Daichi"),
        "鶴見大地",
        "ツルミ ダイチ",
        "Kushiro City tourism section (demo)",
    )
    .await?;

    // A delegation from an overseas government institution.
    let d = app
        .create::<Delegation>(&DelegationInput {
            country: cc("MN")?,
            organisation_id: None,
            organisation_name: Some(lt(
                "Ministry of Construction and Urban Development (demo)",
                "建設都市開発省（デモ）",
                "กระทรวงการก่อสร้างและการพัฒนาเมือง (ตัวอย่าง)",
                "Kementerian Pembinaan dan Pembangunan Bandar (demo)",
            )?),
            arrives_on: day("2007-11-12")?,
            leaves_on: day("2007-11-15")?,
            purpose: lt(
                "Study of Hokkaido's comprehensive development planning",
                "北海道総合開発計画の視察",
                "ศึกษาดูงานการวางแผนพัฒนาฮอกไกโดแบบครบวงจร",
                "Lawatan kajian perancangan pembangunan menyeluruh Hokkaido",
            )?,
            programme_id: None,
            public: true,
        })
        .await?;
    for (name, title) in [
        ("B. Enkhbold (demo)", "Head of delegation"),
        ("S. Oyuun (demo)", "Urban planner"),
    ] {
        app.create::<DelegationMember>(&DelegationMemberInput {
            delegation_id: d.id,
            person_id: None,
            name: Some(t(name)?),
            title: Some(LocalText::en(t(title)?)),
        })
        .await?;
    }
    app.create::<DelegationVisit>(&DelegationVisitInput {
        delegation_id: d.id,
        visit_on: day("2007-11-13")?,
        starts_at: Some(jst(2007, 11, 13, 10, 0)?),
        ends_at: Some(jst(2007, 11, 13, 12, 0)?),
        place: Some(t("Regional Development Bureau, Sapporo")?),
        organisation_id: None,
        locality_id: None,
        what: lt(
            "Briefing on the comprehensive development plan",
            "総合開発計画の説明",
            "บรรยายสรุปแผนพัฒนาแบบครบวงจร",
            "Taklimat pelan pembangunan menyeluruh",
        )?,
    })
    .await?;
    photo(
        app,
        PhotoSubject::Delegation,
        d.id,
        lt(
            "The delegation at the bureau",
            "局を訪れた代表団",
            "คณะผู้แทนที่สำนักงาน",
            "Delegasi di biro",
        )?,
        "2007-11-13",
        false,
    )
    .await?;

    // A courtesy call on the Mayor of Hakodate.
    app.create::<CourtesyCall>(&CourtesyCallInput {
        visitor: lt(
            "Training course participants",
            "研修員",
            "ผู้เข้ารับการฝึกอบรม",
            "Peserta kursus latihan",
        )?,
        host: lt(
            "The Mayor of Hakodate",
            "函館市長",
            "นายกเทศมนตรีเมืองฮาโกดาเตะ",
            "Datuk Bandar Hakodate",
        )?,
        host_organisation_id: None,
        called_on: day("2007-11-14")?,
        starts_at: Some(jst(2007, 11, 14, 14, 0)?),
        locality_id: None,
        delegation_id: Some(d.id),
        edition_id: None,
        purpose: Some(lt("Courtesy call", "表敬訪問", "เข้าเยี่ยมคารวะ", "Kunjungan hormat")?),
        public: true,
    })
    .await?;

    // Staff dispatched to China's national land-planning training.
    app.create::<Dispatch>(&DispatchInput {
        kind: DispatchKind::Training,
        title: lt(
            "National Land Planning Training",
            "国土計画研修",
            "การฝึกอบรมการวางแผนพัฒนาที่ดินแห่งชาติ",
            "Latihan Perancangan Tanah Negara",
        )?,
        country: cc("CN")?,
        city: Some(t("Beijing")?),
        organiser: Some(t("Government of China")?),
        departs_on: day("2007-09-03")?,
        returns_on: day("2007-09-14")?,
        report: None,
        programme_id: None,
        public: true,
        person_ids: vec![planner],
    })
    .await?;

    // Seed 002: Kushiro City staff at a travel fair in Thailand.
    let fair = app
        .create::<Dispatch>(&DispatchInput {
            kind: DispatchKind::Other,
            title: lt(
                "Travel fair and tourism promotion in Thailand",
                "タイでの旅行博・観光プロモーション",
                "งานท่องเที่ยวและการส่งเสริมการท่องเที่ยวในประเทศไทย",
                "Pameran pelancongan dan promosi pelancongan di Thailand",
            )?,
            country: cc("TH")?,
            city: Some(t("Bangkok")?),
            organiser: None,
            departs_on: day("2023-02-15")?,
            returns_on: day("2023-02-20")?,
            report: Some(lt(
                "Met the tourism ambassador and her travel agency; planned PR to bring visitors to Kushiro.",
                "観光大使と旅行会社を訪ね、釧路への誘客PRを計画した。",
                "พบทูตการท่องเที่ยวและบริษัทนำเที่ยว วางแผนประชาสัมพันธ์เพื่อดึงนักท่องเที่ยวสู่คุชิโระ",
                "Bertemu duta pelancongan dan agensinya; merancang promosi untuk menarik pelawat ke Kushiro.",
            )?),
            programme_id: None,
            public: true,
            person_ids: vec![kushiro, officer],
        })
        .await?;
    photo(
        app,
        PhotoSubject::Dispatch,
        fair.id,
        lt(
            "Kushiro's booth at the travel fair",
            "旅行博の釧路ブース",
            "บูธคุชิโระในงานท่องเที่ยว",
            "Gerai Kushiro di pameran pelancongan",
        )?,
        "2023-02-17",
        true,
    )
    .await?;

    // The Pan-Okhotsk Region International Symposium.
    let s = app
        .create::<Symposium>(&SymposiumInput {
            title: lt(
                "Pan-Okhotsk Region International Symposium",
                "環オホーツク地域国際シンポジウム",
                "การประชุมวิชาการนานาชาติภูมิภาคโอค็อตสค์",
                "Simposium Antarabangsa Rantau Pan-Okhotsk",
            )?,
            starts_on: day("2008-02-05")?,
            ends_on: day("2008-02-06")?,
            venue: Some(t("Sapporo (demo venue)")?),
            locality_id: None,
            summary: None,
            programme_id: None,
            public: true,
        })
        .await?;
    for (country, en, ja, th, ms) in [
        ("JP", "Hokkaido", "北海道", "ฮอกไกโด", "Hokkaido"),
        ("RU", "Sakhalin", "サハリン", "ซาคาลิน", "Sakhalin"),
        ("CN", "Heilongjiang", "黒龍江省", "เฮย์หลงเจียง", "Heilongjiang"),
        ("US", "Alaska", "アラスカ", "อะแลสกา", "Alaska"),
    ] {
        app.create::<SymposiumRegion>(&SymposiumRegionInput {
            symposium_id: s.id,
            country: cc(country)?,
            name: lt(en, ja, th, ms)?,
        })
        .await?;
    }
    let session = app
        .create::<SymposiumSession>(&SymposiumSessionInput {
            symposium_id: s.id,
            title: lt(
                "Cold-region development across the Okhotsk",
                "オホーツクを越えた寒冷地開発",
                "การพัฒนาพื้นที่หนาวเย็นรอบทะเลโอค็อตสค์",
                "Pembangunan kawasan sejuk merentasi Okhotsk",
            )?,
            starts_at: jst(2008, 2, 5, 10, 0)?,
            ends_at: jst(2008, 2, 5, 12, 0)?,
        })
        .await?;
    app.create::<SymposiumSpeaker>(&SymposiumSpeakerInput {
        session_id: session.id,
        person_id: Some(planner),
        name: None,
        affiliation: Some(LocalText::en(t("Regional Development Bureau (demo)")?)),
    })
    .await?;
    app.create::<SymposiumSpeaker>(&SymposiumSpeakerInput {
        session_id: session.id,
        person_id: None,
        name: Some(t("I. Petrova (demo)")?),
        affiliation: Some(LocalText::en(t("Sakhalin regional government (demo)")?)),
    })
    .await?;
    photo(
        app,
        PhotoSubject::Symposium,
        s.id,
        lt(
            "Speakers of the first session",
            "第1セッションの登壇者",
            "ผู้บรรยายในช่วงแรก",
            "Penceramah sesi pertama",
        )?,
        "2008-02-05",
        false,
    )
    .await?;
    app.store.set_setting("demo_exchanges", "1").await?;
    Ok(())
}
