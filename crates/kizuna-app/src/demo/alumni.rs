//! The demo's alumni (issue 13): follow-ups of recent demo trainees (some
//! done, with the action plan's progress and evidence, the rest left due
//! so that the staff list is not empty) and an alumni association for
//! each of three trainee countries with members from its completed
//! trainees. Everybody is the demo's fictional trainees. Loaded once: a
//! store that has an association has the alumni.

use std::collections::BTreeMap;

use kizuna_domain::common::person::Person;
use kizuna_domain::common::{CountryCode, Id, LocalText, Text};
use kizuna_domain::training::alumni::{
    About, AlumniAssociation, AlumniAssociationInput, AlumniMember, AlumniMemberInput, Channel, FollowUp,
    FollowUpInput, MemberRole, Milestone, Progress,
};

use crate::partnerships::all;
use crate::{App, Result};

/// The associations: country, name in en, ja, th, ms, founded.
const ASSOCIATIONS: &[(&str, [&str; 4], &str)] = &[
    (
        "TH",
        [
            "Hokkaido Alumni Association of Thailand",
            "タイ北海道研修員同窓会",
            "สมาคมศิษย์เก่าฮอกไกโดแห่งประเทศไทย",
            "Persatuan Alumni Hokkaido Thailand",
        ],
        "2012-02-18",
    ),
    (
        "MY",
        [
            "Hokkaido Alumni Association of Malaysia",
            "マレーシア北海道研修員同窓会",
            "สมาคมศิษย์เก่าฮอกไกโดแห่งมาเลเซีย",
            "Persatuan Alumni Hokkaido Malaysia",
        ],
        "2015-08-29",
    ),
    (
        "ID",
        [
            "Hokkaido Alumni Association of Indonesia",
            "インドネシア北海道研修員同窓会",
            "สมาคมศิษย์เก่าฮอกไกโดแห่งอินโดนีเซีย",
            "Persatuan Alumni Hokkaido Indonesia",
        ],
        "2018-11-10",
    ),
];

fn local(t: [&str; 4]) -> LocalText {
    LocalText::parse(Some(t[0]), Some(t[1]), Some(t[2]), Some(t[3])).expect("the demo's texts are texts")
}

pub(super) async fn load(app: &App) -> Result<()> {
    if !all::<AlumniAssociation>(app, &[]).await?.is_empty() {
        return Ok(());
    }
    let today = app.today();
    let completions = app.completions_of(None).await?;
    // Follow-ups of those who finished in the last two years: every other
    // one's six-month follow-up done, the rest left due.
    let mut recent: Vec<_> = completions
        .iter()
        .filter(|c| matches!(c.about, About::Participation(_)))
        .filter(|c| (today - c.finished_on).num_days() <= 730 && c.finished_on < today)
        .collect();
    recent.sort_by_key(|c| (c.finished_on, c.person_id));
    let progress = [Progress::InProgress, Progress::Implemented, Progress::NotStarted];
    let channels = [Channel::Email, Channel::VideoCall, Channel::SocialMedia];
    for (i, c) in recent.iter().enumerate().filter(|(i, _)| i % 2 == 0).take(24) {
        let About::Participation(pid) = c.about else { continue };
        let Some(due_on) = Milestone::M6.due_on(c.finished_on) else {
            continue;
        };
        if due_on > today {
            continue;
        }
        let k = (i / 2) % 3;
        let implemented = progress[k] == Progress::Implemented;
        let notes = match progress[k] {
            Progress::InProgress => [
                "Pilot of the action plan started with two villages",
                "行動計画の試行を2村で開始",
                "เริ่มนำร่องแผนปฏิบัติการในสองหมู่บ้าน",
                "Perintis pelan tindakan dimulakan di dua kampung",
            ],
            Progress::Implemented => [
                "Action plan adopted in the provincial budget",
                "行動計画が州の予算に採択された",
                "แผนปฏิบัติการได้รับการบรรจุในงบประมาณจังหวัด",
                "Pelan tindakan diterima dalam bajet wilayah",
            ],
            Progress::NotStarted => [
                "Waiting for the new fiscal year to begin",
                "新年度の開始を待っている",
                "รอการเริ่มต้นปีงบประมาณใหม่",
                "Menunggu tahun kewangan baharu bermula",
            ],
        };
        let input = FollowUpInput {
            person_id: c.person_id,
            participation_id: Some(pid),
            placement_id: None,
            milestone: Milestone::M6,
            due_on,
            done_on: Some((due_on + chrono::Duration::days(9)).min(today)),
            progress: progress[k],
            notes: Some(local(notes)),
            evidence_url: implemented
                .then(|| Text::parse(&format!("https://alumni.example.org/reports/{pid}")).ok())
                .flatten(),
            channel: Some(channels[k]),
        };
        app.create::<FollowUp>(&input).await?;
    }
    // Associations with members from the country's completed trainees.
    let mut by_person: BTreeMap<Id, chrono::NaiveDate> = BTreeMap::new();
    for c in &completions {
        by_person.entry(c.person_id).or_insert(c.finished_on);
    }
    let ids: Vec<Id> = by_person.keys().copied().collect();
    let people = app.store.get_many::<Person>(&ids).await?;
    for (country, name, founded) in ASSOCIATIONS {
        let code = CountryCode::parse(country).expect("a demo country");
        let assoc = app
            .create::<AlumniAssociation>(&AlumniAssociationInput {
                country: code,
                name: local(*name),
                founded_on: founded.parse().ok(),
                contact_organisation_id: None,
                note: None,
            })
            .await?;
        let members: Vec<&Person> = people.iter().filter(|p| p.fields.nationality == code).take(5).collect();
        for (i, p) in members.iter().enumerate() {
            let finished = by_person.get(&p.id).copied();
            let joined = finished
                .map(|f| f.max(assoc.fields.founded_on.unwrap_or(f)) + chrono::Duration::days(30))
                .filter(|d| *d <= today);
            app.create::<AlumniMember>(&AlumniMemberInput {
                association_id: assoc.id,
                person_id: p.id,
                joined_on: joined,
                role: match i {
                    0 => MemberRole::Chair,
                    1 => MemberRole::Secretary,
                    _ => MemberRole::Member,
                },
            })
            .await?;
        }
    }
    Ok(())
}
