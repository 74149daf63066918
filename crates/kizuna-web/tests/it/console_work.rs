//! Running a course edition in the console, through the router, over the
//! demo data on SQLite and PostgreSQL: a person found and added to an
//! edition, moved nominated → accepted → arrived → completed with the date
//! of each step (and the statistics counting them from acceptance), steps
//! out of order refused with their reason and nothing written, stale edits
//! refused with the typing kept, sessions made, changed and deleted,
//! attendance present / absent / late / excused kept, awards, course edits,
//! and deleting with a confirmation that refuses while others depend on a
//! record; the pages in Japanese, Thai and Malay.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use axum::http::StatusCode;
use chrono::NaiveDate;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::exchanges::award::Award;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole, ParticipationStatus};
use kizuna_domain::training::session::{AttendanceStatus, Session, SessionKind};
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Browser, Page, TestApp};

kizuna_testkit::on_both!(
    a_trainee_is_added_and_moved_to_completion_with_each_date,
    steps_out_of_order_and_stale_steps_are_refused_and_nothing_written,
    the_participation_form_checks_dates_and_versions,
    sessions_are_made_changed_and_deleted_with_their_attendance,
    attendance_late_and_excused_survive_a_reload,
    a_delete_with_dependants_is_refused_and_nothing_is_deleted,
    courses_and_awards_are_changed_and_deleted,
    the_work_pages_speak_japanese_thai_and_malay,
);

fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn edition(t: &TestApp, key: &str) -> Edition {
    t.app.by_key::<Edition>(key).await.unwrap()
}

/// The FY2007 trainees the statistics count (as of today).
async fn fy2007_trainees(t: &TestApp) -> u64 {
    let filter = TraineeFilter {
        fiscal_year: Some(FiscalYear::new(2007).unwrap()),
        ..TraineeFilter::default()
    };
    t.app.trainee_report(&filter).await.unwrap().trainees
}

/// A trainee of FY2008 who has no part in FY2007: someone to add.
async fn newcomer(t: &TestApp) -> Person {
    let fy2007 = edition(t, "gmrdp/fy2007").await;
    let fy2008 = edition(t, "gmrdp/fy2008").await;
    let here = t.app.store.edition_people(fy2007.id).await.unwrap();
    let parts = t
        .app
        .list::<Participation>(&one("edition_id", fy2008.id), Paging::ALL)
        .await
        .unwrap()
        .0;
    let p = parts
        .iter()
        .find(|p| {
            p.fields.role == ParticipationRole::Trainee
                && p.fields.status == ParticipationStatus::Completed
                && !here.contains(&p.fields.person_id)
        })
        .expect("an FY2008 trainee");
    t.app.get::<Person>(p.fields.person_id).await.unwrap()
}

/// Add `person` to the edition through the search page; the new participation.
async fn add_through_search(b: &mut Browser, t: &TestApp, edition_id: i64, person: &Person) -> Participation {
    let q = person.fields.family_name.to_string();
    let uri = format!("/console/editions/{edition_id}/participants/new");
    let found = b.page(&format!("{uri}?q={}", urlencode(&q))).await;
    let row = format!("tr#c-{}", person.id);
    assert!(found.has(&row), "{} is found by their family name", person.sort_name());
    let id = person.id.to_string();
    let a = b
        .submit(
            &uri,
            &[
                ("person_id", &id),
                ("q", &q),
                ("role", "trainee"),
                ("nominated_on", "2007-06-01"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(
        a.location()
            .starts_with(&format!("/console/editions/{edition_id}?done=participant-added")),
        "{}",
        a.location()
    );
    let page = b.page(a.location()).await;
    assert!(page.one("[role=status]").text.contains("added"), "a notice");
    let parts = t
        .app
        .list::<Participation>(&one("person_id", person.id), Paging::ALL)
        .await
        .unwrap()
        .0;
    parts
        .into_iter()
        .find(|p| p.fields.edition_id == edition_id)
        .expect("the new participation")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|c| match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (c as char).to_string(),
            _ => format!("%{c:02X}"),
        })
        .collect()
}

async fn step(b: &mut Browser, p: &Participation, to: &str, on: &str) -> kizuna_testkit::Answer {
    let v = p.version.to_string();
    b.submit(
        &format!("/console/participations/{}/step", p.id),
        &[("version", &v), ("to", to), ("on", on)],
    )
    .await
}

async fn reread(t: &TestApp, p: &Participation) -> Participation {
    t.app.get::<Participation>(p.id).await.unwrap()
}

async fn a_trainee_is_added_and_moved_to_completion_with_each_date(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition(&t, "gmrdp/fy2007").await;
    let person = newcomer(&t).await;
    let before = fy2007_trainees(&t).await;

    let p = add_through_search(&mut b, &t, e.id, &person).await;
    assert_eq!(p.fields.status, ParticipationStatus::Nominated);
    assert_eq!(p.fields.nominated_on, Some(d(2007, 6, 1)));
    assert_eq!(fy2007_trainees(&t).await, before, "a nomination does not count");
    // Their row offers the next steps, dated today unless changed.
    let page = b.page(&format!("/console/editions/{}", e.id)).await;
    let row = page.one(&format!("tr#p-{}", p.id));
    let buttons: Vec<String> = row
        .select("button[name=to]")
        .iter()
        .filter_map(|x| x.attr("value").map(str::to_owned))
        .collect();
    assert_eq!(buttons, ["accepted", "withdrawn"]);
    assert_eq!(
        row.select("input[name=on]")[0].attr("value"),
        Some(kizuna_testkit::today().to_string().as_str())
    );

    let a = step(&mut b, &p, "accepted", "2007-07-02")
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(a.location().contains("done=moved"), "{}", a.location());
    let p = reread(&t, &p).await;
    assert_eq!(fy2007_trainees(&t).await, before + 1, "accepted: counted");
    step(&mut b, &p, "arrived", "2007-09-03")
        .await
        .expect(StatusCode::SEE_OTHER);
    let p = reread(&t, &p).await;
    assert_eq!(fy2007_trainees(&t).await, before + 1, "arrived: still counted once");
    step(&mut b, &p, "completed", "2007-10-12")
        .await
        .expect(StatusCode::SEE_OTHER);
    let p = reread(&t, &p).await;
    assert_eq!(p.fields.status, ParticipationStatus::Completed);
    assert_eq!(
        (
            p.fields.nominated_on,
            p.fields.accepted_on,
            p.fields.arrived_on,
            p.fields.completed_on
        ),
        (
            Some(d(2007, 6, 1)),
            Some(d(2007, 7, 2)),
            Some(d(2007, 9, 3)),
            Some(d(2007, 10, 12))
        ),
        "each step keeps its date"
    );
    assert_eq!(
        (p.fields.started_on, p.fields.ended_on),
        (Some(d(2007, 9, 3)), Some(d(2007, 10, 12))),
        "the arrival and completion are the days of taking part"
    );
    assert_eq!(fy2007_trainees(&t).await, before + 1, "completed: still counted once");
    let page = b.page(&format!("/console/editions/{}", e.id)).await;
    let row = page.one(&format!("tr#p-{}", p.id));
    assert!(row.select("button[name=to]").is_empty(), "completed: no further step");
    assert!(row.text.contains("Completed"), "{}", row.text);
    assert!(
        row.text.contains("2 Jul 2007"),
        "the steps' dates are shown: {}",
        row.text
    );
    // The same person in the same role again is refused beside them.
    let id = person.id.to_string();
    let again = b
        .submit(
            &format!("/console/editions/{}/participants/new", e.id),
            &[
                ("person_id", &id),
                ("q", person.fields.family_name.as_str()),
                ("role", "trainee"),
                ("nominated_on", "2007-06-01"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let cell = again.one(&format!("tr#c-{} p.field-error", person.id));
    assert!(cell.text.contains("already takes part"), "{}", cell.text);
}

async fn steps_out_of_order_and_stale_steps_are_refused_and_nothing_written(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition(&t, "gmrdp/fy2007").await;
    let person = newcomer(&t).await;
    let p = add_through_search(&mut b, &t, e.id, &person).await;
    let before = fy2007_trainees(&t).await;

    // Completed without arrival: refused, said beside the row, nothing written.
    let page = step(&mut b, &p, "completed", "2007-10-12")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let msg = page.one(&format!("tr#p-{} p.field-error", p.id)).text;
    assert!(msg.contains("arrival first"), "{msg}");
    assert!(page.has("[role=alert]"));
    assert_eq!(reread(&t, &p).await, p, "nothing written");
    // Arrived before acceptance.
    let page = step(&mut b, &p, "arrived", "2007-09-03")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        page.one(&format!("tr#p-{} p.field-error", p.id))
            .text
            .contains("acceptance first")
    );
    // A date before the nomination: the date box keeps what was typed.
    let page = step(&mut b, &p, "accepted", "2007-05-01")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let row = page.one(&format!("tr#p-{}", p.id));
    assert!(row.text.contains("before the date of the step before"), "{}", row.text);
    assert_eq!(row.select("input[name=on]")[0].attr("value"), Some("2007-05-01"));
    assert_eq!(row.select("input[name=on]")[0].attr("aria-invalid"), Some("true"));
    assert_eq!(reread(&t, &p).await, p, "nothing written");
    assert_eq!(fy2007_trainees(&t).await, before);
    // A step made from a version someone has since changed.
    step(&mut b, &p, "accepted", "2007-07-02")
        .await
        .expect(StatusCode::SEE_OTHER);
    let now = reread(&t, &p).await;
    let page = step(&mut b, &p, "withdrawn", "2007-08-01")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        page.one(&format!("tr#p-{} p.field-error", p.id))
            .text
            .contains("changed this participation")
    );
    assert_eq!(reread(&t, &p).await, now, "the stale step wrote nothing");
    // Back to an earlier step is not a step.
    let page = step(&mut b, &now, "nominated", "2007-08-01")
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        page.one(&format!("tr#p-{} p.field-error", p.id))
            .text
            .contains("only moves forward")
    );
    // Withdrawn after acceptance: no longer counted.
    step(&mut b, &now, "withdrawn", "2007-08-01")
        .await
        .expect(StatusCode::SEE_OTHER);
    let w = reread(&t, &p).await;
    assert_eq!(
        (w.fields.status, w.fields.withdrawn_on),
        (ParticipationStatus::Withdrawn, Some(d(2007, 8, 1)))
    );
    assert_eq!(fy2007_trainees(&t).await, before);
    // Without the token: refused.
    let v = w.version.to_string();
    let no_token = b
        .post_form(
            &format!("/console/participations/{}/step", p.id),
            &[("version", &v), ("to", "accepted"), ("on", "2007-08-02")],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
}

async fn the_participation_form_checks_dates_and_versions(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition(&t, "gmrdp/fy2007").await;
    let person = newcomer(&t).await;
    let p = add_through_search(&mut b, &t, e.id, &person).await;
    let uri = format!("/console/participations/{}/edit", p.id);
    let form = b.page(&uri).await;
    assert_eq!(form.one("#f-nominated_on").attr("value"), Some("2007-06-01"));
    let v = p.version.to_string();
    // Completed without an arrival date: the message is beside the arrival.
    let page = b
        .submit(
            &uri,
            &[
                ("version", &v),
                ("role", "trainee"),
                ("status", "completed"),
                ("nominated_on", "2007-06-01"),
                ("accepted_on", "2007-07-01"),
                ("completed_on", "2007-10-12"),
                ("action_plan_title", "Farm roads for Khon Kaen"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(page.has("#f-arrived_on[aria-invalid=true]"));
    assert!(!page.one("#e-arrived_on").text.is_empty());
    assert_eq!(
        page.one("#f-action_plan_title").attr("value"),
        Some("Farm roads for Khon Kaen"),
        "typing kept"
    );
    assert_eq!(reread(&t, &p).await, p, "nothing written");
    // Dates out of order.
    let page = b
        .submit(
            &uri,
            &[
                ("version", &v),
                ("role", "trainee"),
                ("status", "accepted"),
                ("nominated_on", "2007-06-01"),
                ("accepted_on", "2007-05-01"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(page.has("#e-accepted_on"));
    // An action plan for an instructor.
    let page = b
        .submit(
            &uri,
            &[
                ("version", &v),
                ("role", "instructor"),
                ("status", "nominated"),
                ("nominated_on", "2007-06-01"),
                ("action_plan_title", "A plan"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(page.has("#e-action_plan_title"));
    // A colleague changes it meanwhile: the save is refused, the typing kept.
    let mut theirs = p.fields.clone();
    theirs.action_plan_title = Some(kizuna_domain::common::Text::parse("Theirs").unwrap());
    let changed = t.app.update::<Participation>(p.id, p.version, &theirs).await.unwrap();
    let page = b
        .submit(
            &uri,
            &[
                ("version", &v),
                ("role", "trainee"),
                ("status", "nominated"),
                ("nominated_on", "2007-06-01"),
                ("action_plan_title", "Mine"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        page.one("[role=alert]")
            .text
            .contains("Someone else changed this record"),
        "{}",
        page.one("[role=alert]").text
    );
    assert_eq!(page.one("#f-action_plan_title").attr("value"), Some("Mine"));
    let newer = changed.version.to_string();
    assert_eq!(page.one("input[name=version]").attr("value"), Some(newer.as_str()));
    assert_eq!(reread(&t, &p).await, changed, "nothing written");
    // Saving again, knowingly, replaces it.
    let a = b
        .submit(
            &uri,
            &[
                ("version", &newer),
                ("role", "trainee"),
                ("status", "accepted"),
                ("nominated_on", "2007-06-01"),
                ("accepted_on", "2007-07-01"),
                ("action_plan_title", "Mine"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(a.location().contains("done=participation-saved"));
    let saved = reread(&t, &p).await;
    assert_eq!(saved.fields.status, ParticipationStatus::Accepted);
    assert_eq!(saved.fields.action_plan_title.unwrap().as_str(), "Mine");
}

/// The fields of a session form, a kind and times (Japan) given.
fn session_fields<'a>(
    kind: &'a str,
    starts: &'a str,
    ends: &'a str,
    host: &'a str,
    teacher: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", kind),
        ("title_en", "Presentation meeting for trainees: action plans (2nd)"),
        ("title_ja", "研修員発表会（第2回）"),
        ("title_th", ""),
        ("title_ms", ""),
        ("starts_at", starts),
        ("ends_at", ends),
        ("place", "Sapporo"),
        ("host_organisation_id", host),
        ("instructor_ids", teacher),
    ]
}

async fn sessions_are_made_changed_and_deleted_with_their_attendance(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition(&t, "gmrdp/fy2007").await;
    let host = t
        .app
        .list::<Organisation>(&BTreeMap::new(), Paging { limit: 1, offset: 0 })
        .await
        .unwrap()
        .0[0]
        .id
        .to_string();
    let roster = t.app.edition_roster(e.id).await.unwrap();
    let teacher = roster
        .iter()
        .find(|(p, _)| p.fields.role == ParticipationRole::Instructor)
        .map(|(_, person)| person.id)
        .unwrap();
    let teacher_s = teacher.to_string();
    let uri = format!("/console/editions/{}/sessions/new", e.id);
    let form = b.page(&uri).await;
    assert!(
        form.has(&format!("input[type=checkbox][name=instructor_ids][value='{teacher}']")),
        "the edition's instructors are offered first"
    );
    let kinds: Vec<String> = form
        .select("#f-kind option")
        .iter()
        .filter_map(|o| o.attr("value").map(str::to_owned))
        .collect();
    assert_eq!(
        kinds,
        [
            "lecture",
            "inspection_tour",
            "presentation_meeting",
            "courtesy_call",
            "ceremony"
        ]
    );
    // Ending before it starts: said beside the end, the typing kept.
    let page = b
        .submit(
            &uri,
            &session_fields(
                "presentation_meeting",
                "2007-10-10T13:00",
                "2007-10-10T12:00",
                &host,
                &teacher_s,
            ),
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(page.has("#e-ends_at"));
    assert_eq!(page.one("#f-title_ja").attr("value"), Some("研修員発表会（第2回）"));
    let sessions_before = t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::ALL)
        .await
        .unwrap()
        .1;
    let a = b
        .submit(
            &uri,
            &session_fields(
                "presentation_meeting",
                "2007-10-10T13:00",
                "2007-10-10T16:00",
                &host,
                &teacher_s,
            ),
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    let (_, frag) = a.location().split_once("#s-").unwrap();
    let id: i64 = frag.parse().unwrap();
    let se = t.app.get::<Session>(id).await.unwrap();
    assert_eq!(se.fields.kind, SessionKind::PresentationMeeting);
    assert_eq!(se.fields.instructor_ids, vec![teacher]);
    assert_eq!(
        se.fields.starts_at.to_rfc3339(),
        "2007-10-10T04:00:00+00:00",
        "13:00 in Japan"
    );
    let page = b.page(a.location()).await;
    let row = page.one(&format!("tr#s-{id}"));
    assert!(row.text.contains("13:00–16:00"), "{}", row.text);
    assert_eq!(
        t.app
            .list::<Session>(&one("edition_id", e.id), Paging::ALL)
            .await
            .unwrap()
            .1,
        sessions_before + 1
    );
    // Changed; then a stale change is refused with the typing kept.
    let edit = format!("/console/sessions/{id}/edit");
    let form = b.page(&edit).await;
    assert_eq!(form.one("#f-starts_at").attr("value"), Some("2007-10-10T13:00"));
    let v = se.version.to_string();
    let mut fields = session_fields(
        "presentation_meeting",
        "2007-10-10T14:00",
        "2007-10-10T17:00",
        &host,
        "",
    );
    fields.push(("version", &v));
    b.submit(&edit, &fields).await.expect(StatusCode::SEE_OTHER);
    let se2 = t.app.get::<Session>(id).await.unwrap();
    assert!(se2.fields.instructor_ids.is_empty(), "the instructor was unticked");
    let stale = b
        .submit(&edit, &fields)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(stale.one("[role=alert]").text.contains("Someone else changed"));
    assert_eq!(stale.one("#f-starts_at").attr("value"), Some("2007-10-10T14:00"));

    // Attendance marked, then the session deleted with its marks.
    let people = t.app.store.edition_people(e.id).await.unwrap();
    let att = format!("/console/sessions/{id}/attendance");
    let first = people[0].to_string();
    let sf = format!("status-{first}");
    b.submit(&att, &[("person", &first), (&sf, "excused")])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(t.app.attendance(id).await.unwrap().len(), 1);
    let confirm = b.page(&format!("/console/sessions/{id}/delete")).await;
    assert!(
        confirm.one("#going-with").text.contains("one attendance mark"),
        "{}",
        confirm.one("#going-with").text
    );
    let v2 = se2.version.to_string();
    let a = b
        .submit(&format!("/console/sessions/{id}/delete"), &[("version", &v2)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(a.location().contains("done=session-deleted"));
    assert!(t.app.get::<Session>(id).await.is_err(), "deleted");
    assert_eq!(
        t.app
            .list::<Session>(&one("edition_id", e.id), Paging::ALL)
            .await
            .unwrap()
            .1,
        sessions_before
    );
    assert!(t.app.attendance(id).await.is_err(), "its marks went with it");
}

async fn attendance_late_and_excused_survive_a_reload(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition(&t, "gmrdp/fy2007").await;
    let call = t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::ALL)
        .await
        .unwrap()
        .0
        .into_iter()
        .find(|s| s.fields.kind == SessionKind::CourtesyCall)
        .unwrap();
    let uri = format!("/console/sessions/{}/attendance", call.id);
    let page = b.page(&uri).await;
    // The demo's marks show: someone is late, someone excused.
    assert!(page.has("input[type=radio][value=late][checked]"));
    let people = t.app.store.edition_people(e.id).await.unwrap();
    let (a, c) = (people[0].to_string(), people[1].to_string());
    let (sa, sc, na) = (format!("status-{a}"), format!("status-{c}"), format!("note-{a}"));
    let saved = b
        .submit(
            &uri,
            &[
                ("person", &a),
                (&sa, "late"),
                (&na, "Bus from the hotel was late"),
                ("person", &c),
                (&sc, "excused"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    let again = b.page(saved.location().trim_end_matches("?saved=1")).await;
    assert_eq!(
        again.one(&format!("input[name='{sa}'][checked]")).attr("value"),
        Some("late")
    );
    assert_eq!(
        again.one(&format!("input[name='{sc}'][checked]")).attr("value"),
        Some("excused")
    );
    assert_eq!(
        again.one(&format!("#note-{a}")).attr("value"),
        Some("Bus from the hotel was late")
    );
    let marks = t.app.attendance(call.id).await.unwrap();
    let of = |id: &str| marks.iter().find(|m| m.person_id.to_string() == id).unwrap().status;
    assert_eq!((of(&a), of(&c)), (AttendanceStatus::Late, AttendanceStatus::Excused));
    // The API reads them too.
    let mut api = t.api().await;
    let json = api
        .get(&format!("/api/v1/sessions/{}/attendance", call.id))
        .await
        .expect(StatusCode::OK)
        .json();
    let mine = json
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["person_id"].as_i64() == Some(people[0]))
        .unwrap()
        .clone();
    assert_eq!(mine["status"], "late");
    assert_eq!(mine["note"], "Bus from the hotel was late");
    // A bad status is refused beside the person; nothing written.
    let bad = b
        .submit(&uri, &[("person", &a), (&sa, "asleep")])
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(bad.has(&format!("#e-{a}")));
    assert_eq!(t.app.attendance(call.id).await.unwrap(), marks);
    // "Everyone not marked was present": a new session, one late, the rest present.
    let fresh = t
        .app
        .create::<Session>(&kizuna_domain::training::session::SessionInput {
            instructor_ids: Vec::new(),
            ..call.fields.clone()
        })
        .await
        .unwrap();
    let uri = format!("/console/sessions/{}/attendance", fresh.id);
    let page = b.page(&uri).await;
    assert!(!page.has("input[type=radio][checked]"), "nobody marked yet");
    let mut fields: Vec<(&str, &str)> = Vec::new();
    let ids: Vec<String> = people.iter().map(ToString::to_string).collect();
    for id in &ids {
        fields.push(("person", id));
    }
    fields.push((&sa, "late"));
    fields.push(("rest", "present"));
    b.submit(&uri, &fields).await.expect(StatusCode::SEE_OTHER);
    let marks = t.app.attendance(fresh.id).await.unwrap();
    assert_eq!(marks.len(), people.len());
    assert_eq!(
        marks.iter().filter(|m| m.status == AttendanceStatus::Present).count(),
        people.len() - 1
    );
}

async fn a_delete_with_dependants_is_refused_and_nothing_is_deleted(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition(&t, "gmrdp/fy2007").await;
    let parts = t
        .app
        .list::<Participation>(&one("edition_id", e.id), Paging::ALL)
        .await
        .unwrap()
        .1;
    let sessions = t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::ALL)
        .await
        .unwrap()
        .1;
    assert!(parts > 0 && sessions > 0);
    // The edition: refused, naming what depends on it; no delete button.
    let uri = format!("/console/editions/{}/delete", e.id);
    let page = b.page(&uri).await;
    let blocked = page.one("#blocked").text;
    assert!(
        blocked.contains(&format!("{parts} participations")) && blocked.contains(&format!("{sessions} sessions")),
        "{blocked}"
    );
    assert!(blocked.contains("Remove them first"));
    assert!(!page.has("button.danger"));
    // Sent anyway: refused, nothing deleted.
    let v = e.version.to_string();
    let refused = b
        .submit(&uri, &[("version", &v)])
        .await
        .expect(StatusCode::CONFLICT)
        .page();
    assert!(refused.has("[role=alert]"));
    assert_eq!(t.app.get::<Edition>(e.id).await.unwrap(), e);
    assert_eq!(
        t.app
            .list::<Participation>(&one("edition_id", e.id), Paging::ALL)
            .await
            .unwrap()
            .1,
        parts
    );
    assert_eq!(
        t.app
            .list::<Session>(&one("edition_id", e.id), Paging::ALL)
            .await
            .unwrap()
            .1,
        sessions
    );
    // The course: refused while it has editions.
    let course = t.app.by_key::<Programme>("gmrdp").await.unwrap();
    let page = b.page(&format!("/console/courses/{}/delete", course.id)).await;
    assert!(page.one("#blocked").text.contains("course editions"));
    let cv = course.version.to_string();
    b.submit(&format!("/console/courses/{}/delete", course.id), &[("version", &cv)])
        .await
        .expect(StatusCode::CONFLICT);
    assert!(t.app.get::<Programme>(course.id).await.is_ok());

    // A participation goes with its attendance marks in the edition.
    let (p, person) = t
        .app
        .edition_roster(e.id)
        .await
        .unwrap()
        .into_iter()
        .find(|(p, _)| p.fields.role == ParticipationRole::Trainee)
        .unwrap();
    let session_ids: Vec<i64> = t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::ALL)
        .await
        .unwrap()
        .0
        .iter()
        .map(|s| s.id)
        .collect();
    let mut marked = 0;
    for s in &session_ids {
        marked += t
            .app
            .attendance(*s)
            .await
            .unwrap()
            .iter()
            .filter(|m| m.person_id == person.id)
            .count();
    }
    assert!(marked > 0, "the demo marked them");
    let page = b.page(&format!("/console/participations/{}/delete", p.id)).await;
    assert!(
        page.one("#going-with")
            .text
            .contains(&format!("{marked} attendance marks"))
    );
    // A stale confirmation is refused.
    let old = (p.version - 1).to_string();
    let stale = b
        .submit(
            &format!("/console/participations/{}/delete", p.id),
            &[("version", &old)],
        )
        .await
        .expect(StatusCode::CONFLICT)
        .page();
    assert!(stale.one("[role=alert]").text.contains("changed this record"));
    assert!(t.app.get::<Participation>(p.id).await.is_ok());
    let pv = p.version.to_string();
    let a = b
        .submit(&format!("/console/participations/{}/delete", p.id), &[("version", &pv)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(a.location().contains("done=participation-deleted"));
    assert!(t.app.get::<Participation>(p.id).await.is_err());
    for s in &session_ids {
        assert!(
            t.app
                .attendance(*s)
                .await
                .unwrap()
                .iter()
                .all(|m| m.person_id != person.id),
            "their marks went with it"
        );
    }
    assert!(t.app.get::<Person>(person.id).await.is_ok(), "the person stays");

    // An edition with nothing in it is deleted; then its course with it gone.
    let fresh = t
        .app
        .create::<Programme>(&kizuna_domain::common::programme::ProgrammeInput {
            key: kizuna_domain::common::Key::parse("disaster-risk").unwrap(),
            ..course.fields.clone()
        })
        .await
        .unwrap();
    let ed = t
        .app
        .create::<Edition>(&kizuna_domain::training::edition::EditionInput {
            programme_id: fresh.id,
            key: kizuna_domain::common::Key::parse("disaster-risk/fy2027").unwrap(),
            ..e.fields.clone()
        })
        .await
        .unwrap();
    let ev = ed.version.to_string();
    b.submit(&format!("/console/editions/{}/delete", ed.id), &[("version", &ev)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(t.app.get::<Edition>(ed.id).await.is_err());
    let fv = fresh.version.to_string();
    let a = b
        .submit(&format!("/console/courses/{}/delete", fresh.id), &[("version", &fv)])
        .await
        .expect(StatusCode::SEE_OTHER);
    let list = b.page(a.location()).await;
    assert!(list.one("[role=status]").text.contains("deleted"));
    assert!(t.app.get::<Programme>(fresh.id).await.is_err());
}

async fn courses_and_awards_are_changed_and_deleted(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    // A course's title changed; a stale change refused.
    let course = t.app.by_key::<Programme>("gmrdp").await.unwrap();
    let uri = format!("/console/courses/{}/edit", course.id);
    let form = b.page(&uri).await;
    assert_eq!(form.one("#f-key").attr("value"), Some("gmrdp"));
    let mut fields: Vec<(String, String)> = form
        .form(&format!("form[action='{uri}']"))
        .into_iter()
        .filter(|(k, _)| k != "csrf")
        .collect();
    for (k, v) in &mut fields {
        if k == "title_th" {
            *v = "การบริหารการพัฒนาภูมิภาค".to_owned();
        }
    }
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.submit(&uri, &pairs).await.expect(StatusCode::SEE_OTHER);
    let changed = t.app.get::<Programme>(course.id).await.unwrap();
    assert_eq!(
        changed.fields.title.get("th").map(ToString::to_string).as_deref(),
        Some("การบริหารการพัฒนาภูมิภาค")
    );
    let stale = b
        .submit(&uri, &pairs)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(stale.one("[role=alert]").text.contains("Someone else changed"));
    assert_eq!(t.app.get::<Programme>(course.id).await.unwrap(), changed);

    // Awards: listed, made (a missing recipient said beside it), changed, deleted.
    let list = b.page("/console/awards").await;
    assert!(list.text().contains("JICA President"), "the demo's award");
    let dash = b.page("/console").await;
    assert!(dash.has("a[href='/console/awards']"), "linked from the dashboard");
    let page = b
        .submit(
            "/console/awards/new",
            &[
                ("title_en", "Hokkaido Governor's Award"),
                ("recipient_id", ""),
                ("received_on", "2008-02-11"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(page.has("#e-recipient_id"));
    assert_eq!(page.one("#f-title_en").attr("value"), Some("Hokkaido Governor's Award"));
    let org = t
        .app
        .list::<Organisation>(&BTreeMap::new(), Paging { limit: 1, offset: 0 })
        .await
        .unwrap()
        .0[0]
        .id
        .to_string();
    let before = t.app.list::<Award>(&BTreeMap::new(), Paging::ALL).await.unwrap().1;
    b.submit(
        "/console/awards/new",
        &[
            ("title_en", "Hokkaido Governor's Award"),
            ("title_ja", "北海道知事表彰"),
            ("recipient_id", &org),
            ("received_on", "2008-02-11"),
        ],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let awards = t.app.list::<Award>(&BTreeMap::new(), Paging::ALL).await.unwrap();
    assert_eq!(awards.1, before + 1);
    let award = awards
        .0
        .into_iter()
        .find(|a| a.fields.title.get("ja").map(ToString::to_string).as_deref() == Some("北海道知事表彰"))
        .unwrap();
    let edit = format!("/console/awards/{}/edit", award.id);
    let v = award.version.to_string();
    let fields = [
        ("version", v.as_str()),
        ("title_en", "Hokkaido Governor's Award for International Exchange"),
        ("recipient_id", org.as_str()),
        ("received_on", "2008-02-12"),
    ];
    b.submit(&edit, &fields).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(
        t.app.get::<Award>(award.id).await.unwrap().fields.received_on,
        d(2008, 2, 12)
    );
    b.submit(&edit, &fields).await.expect(StatusCode::UNPROCESSABLE_ENTITY);
    let now = t.app.get::<Award>(award.id).await.unwrap();
    let confirm = b.page(&format!("/console/awards/{}/delete", award.id)).await;
    assert!(confirm.has("button.danger"));
    let nv = now.version.to_string();
    b.submit(&format!("/console/awards/{}/delete", award.id), &[("version", &nv)])
        .await
        .expect(StatusCode::SEE_OTHER);
    assert!(t.app.get::<Award>(award.id).await.is_err());
}

async fn the_work_pages_speak_japanese_thai_and_malay(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition(&t, "gmrdp/fy2007").await;
    let person = newcomer(&t).await;
    let p = add_through_search(&mut b, &t, e.id, &person).await;
    let session = t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::ALL)
        .await
        .unwrap()
        .0[0]
        .clone();
    let award = t.app.list::<Award>(&BTreeMap::new(), Paging::ALL).await.unwrap().0[0].clone();
    let course = t.app.by_key::<Programme>("gmrdp").await.unwrap();
    // Names and other data shown as they are stored are not interface text.
    let mut data: Vec<String> = Vec::new();
    for o in t
        .app
        .list::<Organisation>(&BTreeMap::new(), Paging::ALL)
        .await
        .unwrap()
        .0
    {
        data.extend(o.fields.name.get("en").map(ToString::to_string));
    }
    for s in t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::ALL)
        .await
        .unwrap()
        .0
    {
        data.extend(s.fields.title.get("en").map(ToString::to_string));
        data.extend(s.fields.place.as_ref().map(ToString::to_string));
    }
    for pr in t.app.list::<Programme>(&BTreeMap::new(), Paging::ALL).await.unwrap().0 {
        data.extend(pr.fields.title.get("en").map(ToString::to_string));
        data.extend(
            pr.fields
                .summary
                .as_ref()
                .and_then(|s| s.get("en"))
                .map(ToString::to_string),
        );
    }
    for (pa, _) in t.app.edition_roster(e.id).await.unwrap() {
        data.extend(pa.fields.action_plan_title.as_ref().map(ToString::to_string));
    }
    data.extend(award.fields.title.get("en").map(ToString::to_string));
    data.extend(
        award
            .fields
            .citation
            .as_ref()
            .and_then(|c| c.get("en"))
            .map(ToString::to_string),
    );
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    let ids: Vec<String> = ["work", "console"]
        .iter()
        .flat_map(|file| {
            let en = CATALOGUES.iter().find(|(l, f, _)| *l == "en" && f == file).unwrap().2;
            message_ids(en)
        })
        .collect();
    let q = urlencode(person.fields.family_name.as_str());
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages: Vec<(String, Page)> = Vec::new();
        for path in [
            format!("/console/editions/{}", e.id),
            format!("/console/editions/{}/participants/new?q={q}", e.id),
            format!("/console/participations/{}/edit", p.id),
            format!("/console/participations/{}/delete", p.id),
            format!("/console/editions/{}/sessions/new", e.id),
            format!("/console/sessions/{}/edit", session.id),
            format!("/console/sessions/{}/delete", session.id),
            format!("/console/sessions/{}/attendance", session.id),
            format!("/console/editions/{}/delete", e.id),
            format!("/console/courses/{}/edit", course.id),
            format!("/console/courses/{}/delete", course.id),
            "/console/courses?done=course-saved".to_owned(),
            "/console/awards?done=award-saved".to_owned(),
            "/console/awards/new".to_owned(),
            format!("/console/awards/{}/edit", award.id),
            format!("/console/awards/{}/delete", award.id),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = b.page(&format!("{path}{sep}lang={code}")).await;
            assert_eq!(page.lang(), code, "{path}");
            pages.push((path, page));
        }
        // A refused step, in the language chosen (kept in a cookie).
        let refused = step(&mut b, &p, "completed", "2007-10-12")
            .await
            .expect(StatusCode::UNPROCESSABLE_ENTITY)
            .page();
        pages.push(("a refused step".into(), refused));
        for (path, page) in &pages {
            let mut text = page.readable();
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            let left = english_left(lang, &ids, &text);
            assert!(left.is_empty(), "{code} {path}: English on the page: {left:?}");
        }
    }
}
