//! The demo's tourism (issue 15), from seed 002: Kushiro City staff at a
//! travel fair in Thailand in February 2023 (the dispatch the exchanges
//! demo records) with the lead it brought, the proposed Akan tour for Thai
//! visitors as a campaign with its lead, and the September 2023 young
//! leaders' training in tourism promotion held in Kushiro (a training
//! edition with fictional Thai trainees, linked). The visitor figures
//! between Thailand and Hokkaido are FICTIONAL, made up for the demo and
//! marked so in their import's file name and note (in the four languages).
//! Itineraries are not stored (a plan is the planner's link): the Akan
//! campaign's note names the places its proposed two days are drafted
//! from. Idempotent: loaded once, marked by the `demo_tourism` setting.

use kizuna_domain::common::person::{Gender, Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::exchanges::dispatch::Dispatch;
use kizuna_domain::tourism::campaign::{Campaign, CampaignChannel, CampaignInput};
use kizuna_domain::tourism::fair::{FairRole, LeadStatus, TourismLead, TourismLeadInput, TravelFair, TravelFairInput};
use kizuna_domain::tourism::training::{TourismTraining, TourismTrainingInput};
use kizuna_domain::training::edition::{Edition, EditionInput, EditionScope};
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_io::table::FileFormat;
use kizuna_store::Value;

use super::plan::{cc, date, fy, k, t};
use super::staff_participation;
use crate::partnerships::all;
use crate::{App, AppError, Result};

/// The note every demo figure's import carries.
/// It says so in the four languages (an import's note is one text).
pub const FICTIONAL_NOTE: &str = "FICTIONAL figures made up for the Kizuna demo: not JNTO or any other published data \
     / 架空の数値（Kizunaのデモ用）：JNTOなどの公表データではありません \
     / ตัวเลขสมมติที่สร้างขึ้นสำหรับการสาธิต Kizuna ไม่ใช่ข้อมูลของ JNTO หรือข้อมูลที่เผยแพร่ใด ๆ \
     / Angka REKAAN untuk demo Kizuna: bukan data JNTO atau mana-mana data yang diterbitkan";

fn four(en: &str, ja: &str, th: &str, ms: &str) -> Result<LocalText> {
    LocalText::parse(Some(en), Some(ja), Some(th), Some(ms))
        .map_err(|e| AppError::BadFile(format!("demo tourism: {e}")))
}

/// Fictional monthly visitors: Thailand → Hokkaido and Hokkaido →
/// Thailand from January 2023 to June 2024, definitive to December 2023,
/// provisional to March 2024, preliminary after.
pub fn fictional_flows_csv() -> String {
    let th_to_hokkaido = [
        3100, 4600, 3900, 2200, 1500, 1300, 1700, 1400, 1600, 2900, 3300, 5200, 6100, 6800, 5400, 2600, 1900, 1600,
    ];
    let hokkaido_to_th = [
        900, 1100, 1400, 800, 700, 650, 900, 1200, 750, 850, 1000, 1500, 1300, 1450, 1700, 950, 800, 780,
    ];
    let mut months = Vec::new();
    let (mut y, mut m) = (2023, 1);
    for _ in 0..18 {
        months.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let mut out = String::new();
    let stages = [("definitive", 0..12), ("provisional", 12..15), ("preliminary", 15..18)];
    let head: Vec<String> = ["origin", "destination", "stage"]
        .iter()
        .map(ToString::to_string)
        .chain(months.iter().cloned())
        .collect();
    out.push_str(&head.join(","));
    out.push('\n');
    for (origin, destination, figures) in [
        ("TH", "jp/hokkaido", th_to_hokkaido),
        ("jp/hokkaido", "TH", hokkaido_to_th),
    ] {
        for (stage, range) in stages.clone() {
            let cells: Vec<String> = (0..18)
                .map(|i| {
                    if range.contains(&i) {
                        figures[i].to_string()
                    } else {
                        String::new()
                    }
                })
                .collect();
            out.push_str(&format!("{origin},{destination},{stage},{}\n", cells.join(",")));
        }
    }
    out
}

async fn person_at(app: &App, position: &str) -> Result<Option<Id>> {
    Ok(
        all::<Person>(app, &[("position", Value::Text(Some(position.to_owned())))])
            .await?
            .first()
            .map(|p| p.id),
    )
}

pub(super) async fn load(app: &App) -> Result<()> {
    if app.store.setting("demo_tourism").await?.as_deref() == Some("1") {
        return Ok(());
    }
    let staff = person_at(app, "Kushiro City tourism section (demo)").await?;
    let dispatch = all::<Dispatch>(app, &[("country", Value::Text(Some("TH".into())))])
        .await?
        .into_iter()
        .find(|d| d.fields.departs_on == date(2023, 2, 15))
        .map(|d| d.id);
    // The agency is not on record: its name is the lead's contact.
    let agency: Option<Id> = None;

    if let Some(staff) = staff {
        let fair = app
            .create::<TravelFair>(&TravelFairInput {
                name: four(
                    "Travel fair in Bangkok (Kushiro City's booth)",
                    "バンコクの旅行博（釧路市ブース）",
                    "งานท่องเที่ยวที่กรุงเทพฯ (บูธเมืองคุชิโระ)",
                    "Pameran pelancongan di Bangkok (reruai Bandar Kushiro)",
                )?,
                role: FairRole::Attended,
                city: t("Bangkok"),
                country: cc("TH"),
                starts_on: date(2023, 2, 16),
                ends_on: date(2023, 2, 19),
                contacts: Some(t(
                    "The tourism ambassador's former travel agency in Bangkok; Thai tour operators met at the booth (demo)",
                )),
                dispatch_id: dispatch,
                person_ids: vec![staff],
            })
            .await?;
        app.create::<TourismLead>(&TourismLeadInput {
            fair_id: Some(fair.id),
            campaign_id: None,
            organisation_id: agency,
            contact: agency.is_none().then(|| t("Travel agency in Bangkok (demo)")),
            subject: t("Strategic PR to bring Thai visitors to Kushiro"),
            status: LeadStatus::Contacted,
            followed_up_on: Some(date(2023, 3, 10)),
            next_on: Some(date(2023, 9, 15)),
            note: Some(t("Introduced by the ambassador")),
        })
        .await?;
    }

    let akan = app
        .create::<Campaign>(&CampaignInput {
            title: four(
                "Proposed Akan tour for Thai visitors",
                "タイ人旅行者向け阿寒ツアーの提案",
                "ข้อเสนอทัวร์อะกังสำหรับนักท่องเที่ยวชาวไทย",
                "Cadangan lawatan Akan untuk pelawat Thailand",
            )?,
            starts_on: date(2023, 3, 1),
            ends_on: date(2024, 3, 31),
            market: cc("TH"),
            channel: CampaignChannel::TourProposal,
            note: Some(four(
                "Lake Akan's nature and Ainu culture, presented in Thai. The proposed itinerary: two days by bus from Hotel Kiri no Machi in Kushiro to Lake Akan (Washo Market, Cafe Tancho, Akan Onsen Lodge, Akan Lakeside Halal Kitchen), drafted with Tourism → Plan a halal-aware itinerary.",
                "阿寒湖の自然とアイヌ文化をタイ語で紹介。提案する行程：釧路のホテル霧の街から阿寒湖までバスで2日間（和商市場、カフェ タンチョウ、阿寒温泉ロッジ、阿寒湖畔ハラールキッチン）。観光 → ハラール対応の旅程を作る で作成。",
                "ธรรมชาติของทะเลสาบอะกังและวัฒนธรรมไอนุ นำเสนอเป็นภาษาไทย แผนการเดินทางที่เสนอ: สองวันโดยรถบัสจากโรงแรมคิริโนะมาจิในคุชิโระไปทะเลสาบอะกัง (ตลาดวาโช คาเฟ่ทันโจ อะกังออนเซ็นลอดจ์ ครัวฮาลาลริมทะเลสาบอะกัง) จัดทำด้วย การท่องเที่ยว → วางแผนการเดินทางที่คำนึงถึงฮาลาล",
                "Alam semula jadi Tasik Akan dan budaya Ainu, dipersembahkan dalam bahasa Thai. Jadual perjalanan yang dicadangkan: dua hari dengan bas dari Hotel Kiri no Machi di Kushiro ke Tasik Akan (Pasar Washo, Kafe Tancho, Akan Onsen Lodge, Dapur Halal Tepi Tasik Akan), dirancang dengan Pelancongan → Rancang jadual perjalanan mesra halal.",
            )?),
        })
        .await?;
    app.create::<TourismLead>(&TourismLeadInput {
        fair_id: None,
        campaign_id: Some(akan.id),
        organisation_id: agency,
        contact: agency.is_none().then(|| t("Travel agency in Bangkok (demo)")),
        subject: t("Akan tour proposal for the 2023-24 winter"),
        status: LeadStatus::Proposed,
        followed_up_on: Some(date(2023, 6, 1)),
        next_on: Some(date(2023, 10, 1)),
        note: None,
    })
    .await?;

    // The young leaders' training in tourism promotion, September 2023:
    // a training edition with its trainees, linked.
    let programme = app
        .create::<Programme>(&ProgrammeInput {
            key: k("young-leaders-tourism-th"),
            kind: ProgrammeKind::TrainingCourse,
            title: four(
                "Young Leaders Training Program: tourism promotion (Thailand)",
                "青年研修「観光振興」（タイ）",
                "โครงการฝึกอบรมผู้นำรุ่นใหม่: การส่งเสริมการท่องเที่ยว (ไทย)",
                "Program Latihan Pemimpin Muda: promosi pelancongan (Thailand)",
            )?,
            organisation_id: None,
            summary: None,
        })
        .await?;
    let (starts, ends) = (date(2023, 9, 4), date(2023, 9, 15));
    let edition = app
        .create::<Edition>(&EditionInput {
            programme_id: programme.id,
            key: k("young-leaders-tourism-th/fy2023"),
            fiscal_year: fy(2023),
            scope: EditionScope::CountrySpecific,
            target_countries: vec![cc("TH")],
            title: None,
            starts_on: starts,
            ends_on: ends,
            capacity: Some(10),
        })
        .await?;
    let trainees = [
        ("Srisawat", "Kanya", "กัญญา ศรีสวัสดิ์", "カンヤー シーサワット"),
        ("Boonmee", "Anan", "อนันต์ บุญมี", "アナン ブンミー"),
        (
            "Chaiyaporn",
            "Pimchanok",
            "พิมพ์ชนก ชัยพร",
            "ピムチャノック チャイヤポーン",
        ),
        ("Thongdee", "Wirat", "วิรัตน์ ทองดี", "ウィラット トンディー"),
    ];
    let today = app.today();
    for (family, given, native, kana) in trainees {
        let p = app
            .create::<Person>(&PersonInput {
                family_name: t(family),
                given_name: Some(t(given)),
                name_native: Some(t(native)),
                name_kana: Some(t(kana)),
                gender: Gender::Unspecified,
                nationality: cc("TH"),
                birth_date: None,
                email: None,
                organisation_id: None,
                position: Some(t("Young leader in tourism (demo)")),
            })
            .await?;
        app.create::<Participation>(&staff_participation(
            edition.id,
            p.id,
            ParticipationRole::Trainee,
            Some((starts, ends)),
            today,
        ))
        .await?;
    }
    app.create::<TourismTraining>(&TourismTrainingInput {
        edition_id: edition.id,
        note: Some(four(
            "Held in Kushiro: tourism promotion with local businesses.",
            "釧路で開催。地元事業者と観光振興を学んだ。",
            "จัดที่คุชิโระ: การส่งเสริมการท่องเที่ยวร่วมกับธุรกิจท้องถิ่น",
            "Diadakan di Kushiro: promosi pelancongan bersama perniagaan tempatan.",
        )?),
    })
    .await?;

    app.import_flows(
        fictional_flows_csv().as_bytes(),
        FileFormat::Csv,
        "demo-fictional-flows.csv",
        Some(FICTIONAL_NOTE),
        false,
    )
    .await?;
    app.store.set_setting("demo_tourism", "1").await?;
    Ok(())
}
