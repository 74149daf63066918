//! What staff print and download for a course edition, through the router
//! on SQLite and PostgreSQL: the printable timetable (Japan time, host
//! organisations, instructors, a print stylesheet), its iCalendar file
//! read alike by this test, Python's `icalendar` and ical.js with the
//! database's UIDs, times and titles, and each session's participant list
//! and attendance sheet; staff only, in four languages.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use axum::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::{LocalText, Text};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::session::{Session, SessionInput, SessionKind};
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_io::ical;
use kizuna_store::{Action, AuditFilter, Backend, Page as Paging};
use kizuna_testkit::TestApp;

use crate::ical_readers;
use kizuna_testkit::english::english_left;
use serde_json::{Value, json};

kizuna_testkit::on_both!(
    the_timetable_prints_every_session_in_japan_time,
    the_calendar_is_rfc_5545_and_read_alike_by_three_parsers,
    a_session_has_a_participant_list_and_an_attendance_sheet,
    documents_are_for_staff_only,
    documents_read_in_four_languages,
);

const EDITION: &str = "gmrdp/fy2007";
const ALL: Paging = Paging {
    limit: 10_000,
    offset: 0,
};

async fn edition(t: &TestApp) -> Edition {
    t.app.by_key::<Edition>(EDITION).await.unwrap()
}

/// The edition's sessions as the database has them, by start.
async fn sessions(t: &TestApp, edition_id: i64) -> Vec<Session> {
    let filter = [("edition_id".to_owned(), edition_id.to_string())]
        .into_iter()
        .collect();
    let mut s = t.app.list::<Session>(&filter, ALL).await.unwrap().0;
    s.sort_by_key(|s| (s.fields.starts_at, s.fields.ends_at, s.id));
    s
}

fn jst(t: chrono::DateTime<Utc>) -> chrono::DateTime<chrono::FixedOffset> {
    t.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).unwrap())
}

async fn the_timetable_prints_every_session_in_japan_time(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let e = edition(&t).await;
    let db = sessions(&t, e.id).await;
    assert!(db.len() > 3, "the demo edition has a curriculum");
    let mut staff = t.staff().await;

    // The edition's page links to its documents.
    let edition_page = staff.page(&format!("/console/editions/{}", e.id)).await;
    let links: Vec<String> = edition_page
        .select("#edition-documents a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        links,
        [
            format!("/console/editions/{}/timetable", e.id),
            format!("/console/editions/{}/timetable.ics?lang=en", e.id)
        ]
    );

    let page = staff.page(&links[0]).await;
    assert!(
        page.one("h1").text.starts_with("Timetable: "),
        "{}",
        page.one("h1").text
    );
    assert!(page.text().contains("All times are Japan time (JST, UTC+9)."));
    // Every session once, in order of its start, under its day in Japan.
    let rows = page.select("section.day tbody tr");
    let ids: Vec<String> = rows.iter().map(|r| r.attr("id").unwrap().to_owned()).collect();
    let want: Vec<String> = db.iter().map(|s| format!("session-{}", s.id)).collect();
    assert_eq!(ids, want);
    let days: Vec<String> = page
        .select("section.day h2 time")
        .iter()
        .map(|d| d.attr("datetime").unwrap().to_owned())
        .collect();
    let mut want_days: Vec<String> = db
        .iter()
        .map(|s| jst(s.fields.starts_at).date_naive().to_string())
        .collect();
    want_days.dedup();
    assert_eq!(days, want_days);
    for (row, s) in rows.iter().zip(&db) {
        let cells: Vec<String> = row.select("th, td").into_iter().map(|c| c.text).collect();
        let (a, b) = (jst(s.fields.starts_at), jst(s.fields.ends_at));
        assert_eq!(cells[0], format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")));
        assert_eq!(cells[2], s.fields.title.get("en").unwrap().as_str());
        assert_eq!(cells[3], s.fields.place.as_ref().map(Text::as_str).unwrap_or(""));
        if let Some(host) = s.fields.host_organisation_id {
            let o = t.app.get::<Organisation>(host).await.unwrap();
            assert_eq!(cells[4], o.fields.name.get("en").unwrap().as_str());
        }
        for i in &s.fields.instructor_ids {
            let p = t.app.get::<Person>(*i).await.unwrap();
            assert!(cells[5].contains(&p.sort_name()), "{} in {}", p.sort_name(), cells[5]);
        }
        let lists: Vec<String> = row
            .select("a")
            .iter()
            .map(|a| a.attr("href").unwrap().to_owned())
            .collect();
        assert_eq!(
            lists,
            [
                format!("/console/sessions/{}/participants", s.id),
                format!("/console/sessions/{}/sheet", s.id)
            ]
        );
    }
    assert!(
        db.iter().any(|s| !s.fields.instructor_ids.is_empty()),
        "instructors are shown"
    );
    // Printed on A4 without the navigation, a day kept on one page where it fits.
    let html = page.html();
    assert!(html.contains("@media print"));
    assert!(html.contains("size: A4"));
    assert!(html.contains("header.site, footer.site"));
    assert!(html.contains("break-inside: avoid-page"));
    assert!(page.has("p.no-print a#timetable-ics"));

    // An unknown edition is a page saying so.
    let missing = staff.get("/console/editions/999999/timetable").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.page().has("h1"));
    assert_eq!(
        staff.get("/console/editions/x/timetable.ics").await.status,
        StatusCode::NOT_FOUND
    );
}

/// The events of a calendar as a reader gives them: (UID, start, end,
/// summary) with times in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
fn events(v: &Value) -> Vec<(String, String, String, String)> {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_owned();
            (s("uid"), s("start"), s("end"), s("summary"))
        })
        .collect()
}

/// This test's own reading of a calendar: content lines unfolded, values
/// unescaped, as the same JSON the other readers print.
fn read_here(text: &str) -> Value {
    let lines = ical::unfold(text);
    let value = |l: &str, name: &str| l.strip_prefix(&format!("{name}:")).map(ical::unescape_text);
    let mut out = json!({ "events": [] });
    let mut event: Option<serde_json::Map<String, Value>> = None;
    for l in &lines {
        if l == "BEGIN:VEVENT" {
            event = Some(serde_json::Map::new());
        } else if l == "END:VEVENT" {
            out["events"]
                .as_array_mut()
                .unwrap()
                .push(Value::Object(event.take().unwrap()));
        } else if let Some(e) = event.as_mut() {
            for name in ["UID", "SUMMARY", "LOCATION", "DESCRIPTION"] {
                if let Some(v) = value(l, name) {
                    e.insert(name.to_lowercase(), Value::String(v));
                }
            }
            for (name, key) in [("DTSTART", "start"), ("DTEND", "end")] {
                if let Some(v) = value(l, name) {
                    let t = chrono::NaiveDateTime::parse_from_str(&v, "%Y%m%dT%H%M%SZ").unwrap();
                    e.insert(key.into(), Value::String(t.format("%Y-%m-%dT%H:%M:%SZ").to_string()));
                }
            }
        } else if let Some(v) = value(l, "X-WR-CALNAME") {
            out["calname"] = Value::String(v);
        }
    }
    out
}

async fn the_calendar_is_rfc_5545_and_read_alike_by_three_parsers(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let e = edition(&t).await;
    // A session whose texts need escaping and folding: commas, semicolons,
    // a backslash, a line break, and a long title in Thai and Japanese.
    let first = sessions(&t, e.id).await.remove(0);
    let tricky = SessionInput {
        edition_id: e.id,
        kind: SessionKind::CourtesyCall,
        title: LocalText::parse(
            Some("Courtesy call, mayor; C:\\office\\visit"),
            Some("表敬訪問：帯広市長、十勝総合振興局長および地域の農業協同組合の皆様との意見交換"),
            Some("การเยี่ยมคารวะนายกเทศมนตรีเมืองโอบิฮิโระและผู้ว่าราชการจังหวัดโทคาจิ พร้อมแลกเปลี่ยนความคิดเห็น"),
            None,
        )
        .unwrap(),
        starts_at: Utc.with_ymd_and_hms(2007, 12, 31, 23, 30, 0).single().unwrap(),
        ends_at: Utc.with_ymd_and_hms(2008, 1, 1, 1, 0, 0).single().unwrap(),
        place: Some(Text::parse("City Hall, 3F; Room \"A\"").unwrap()),
        host_organisation_id: first.fields.host_organisation_id,
        instructor_ids: first.fields.instructor_ids.clone(),
    };
    let tricky = t.app.create::<Session>(&tricky).await.unwrap();
    let db = sessions(&t, e.id).await;
    let mut staff = t.staff().await;
    let dir = std::env::temp_dir().join(format!("kizuna-ics-{backend:?}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    for lang in [Lang::En, Lang::Ja, Lang::Th] {
        let code = lang.code();
        let a = staff
            .get(&format!("/console/editions/{}/timetable.ics?lang={code}", e.id))
            .await
            .expect(StatusCode::OK);
        assert_eq!(a.header("content-type"), "text/calendar; charset=utf-8");
        assert_eq!(
            a.header("content-disposition"),
            "attachment; filename=\"timetable-gmrdp-fy2007.ics\""
        );
        let text = String::from_utf8(a.body.to_vec()).expect("UTF-8");
        // RFC 5545 §3.1: CRLF line ends, no line over 75 octets.
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains(['\r', '\n']));
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        }
        assert!(text.split("\r\n").any(|l| l.starts_with(' ')), "long lines are folded");
        let lines = ical::unfold(&text);
        for want in ["BEGIN:VCALENDAR", "VERSION:2.0", "METHOD:PUBLISH", "END:VCALENDAR"] {
            assert!(lines.iter().any(|l| l == want), "{want}");
        }
        assert!(lines.iter().any(|l| l.starts_with("PRODID:-//Kizuna//")));
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("DTSTAMP:")).count(),
            db.len(),
            "a stamp on every event"
        );
        // What the database says each event is.
        let want: Vec<(String, String, String, String)> = db
            .iter()
            .map(|s| {
                let summary = s
                    .fields
                    .title
                    .get(code)
                    .or_else(|| s.fields.title.get("en"))
                    .unwrap()
                    .to_string();
                (
                    format!("session-{}@kizuna", s.id),
                    s.fields.starts_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    s.fields.ends_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    summary,
                )
            })
            .collect();
        let here = read_here(&text);
        let ours = events(&here);
        // (A title given only in other languages is marked as a fallback: compare the words.)
        let same = |got: &[(String, String, String, String)]| {
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                assert_eq!((&g.0, &g.1, &g.2), (&w.0, &w.1, &w.2));
                assert!(g.3.contains(&w.3), "{} is not {}", g.3, w.3);
            }
        };
        same(&ours);
        let tricky_event = here["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|ev| ev["uid"] == format!("session-{}@kizuna", tricky.id))
            .unwrap()
            .clone();
        assert!(
            tricky_event["location"]
                .as_str()
                .unwrap()
                .starts_with("City Hall, 3F; Room \"A\"")
        );
        assert!(tricky_event["description"].as_str().unwrap().contains('\n'));

        let path = dir.join(format!("timetable-{code}.ics"));
        std::fs::write(&path, &text).unwrap();
        for (reader, read) in [
            (
                "icalendar (Python)",
                ical_readers::python("icalendar", "icalendar==7.3.2", "read_ics.py", &path),
            ),
            ("ical.js", ical_readers::ical_js("read_ics.mjs", &path)),
        ] {
            let Some(read) = read else { continue };
            assert_eq!(read["problems"], json!([]), "{reader}");
            assert_eq!(read["version"], "2.0", "{reader}");
            assert_eq!(read["method"], "PUBLISH", "{reader}");
            assert_eq!(events(&read), ours, "{reader} reads the events as this test does");
            same(&events(&read));
            let theirs = read["events"]
                .as_array()
                .unwrap()
                .iter()
                .find(|ev| ev["uid"] == tricky_event["uid"])
                .unwrap();
            for k in ["summary", "location", "description"] {
                assert_eq!(theirs[k], tricky_event[k], "{reader}: {k}");
            }
        }
    }
    // The same UIDs on every download: a calendar updates, never duplicates.
    let again = staff
        .get(&format!("/console/editions/{}/timetable.ics", e.id))
        .await
        .text();
    let uids = |text: &str| -> Vec<String> {
        ical::unfold(text)
            .into_iter()
            .filter(|l| l.starts_with("UID:"))
            .collect()
    };
    t.clock.advance(Duration::hours(1));
    let later = staff
        .get(&format!("/console/editions/{}/timetable.ics", e.id))
        .await
        .text();
    assert_eq!(uids(&again), uids(&later));
    assert_ne!(again, later, "a new DTSTAMP");
    let _ = std::fs::remove_dir_all(&dir);
}

async fn a_session_has_a_participant_list_and_an_attendance_sheet(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let e = edition(&t).await;
    let session = sessions(&t, e.id).await.remove(0);
    let filter = [("edition_id".to_owned(), e.id.to_string())].into_iter().collect();
    let participations = t.app.list::<Participation>(&filter, ALL).await.unwrap().0;
    let mut counted = Vec::new();
    for p in &participations {
        if p.fields.role == ParticipationRole::Trainee && p.fields.status.is_counted() {
            counted.push(t.app.get::<Person>(p.fields.person_id).await.unwrap());
        }
    }
    assert!(counted.len() > 3);
    let mut staff = t.staff().await;

    let list = staff
        .page(&format!("/console/sessions/{}/participants", session.id))
        .await;
    assert!(list.one("h1").text.starts_with("Participant list: "));
    assert_eq!(
        list.texts("table#trainees thead th"),
        [
            "No.",
            "Name",
            "Name in own script",
            "Nationality",
            "Organisation",
            "Status"
        ]
    );
    let names: Vec<String> = list.texts("table#trainees tbody th");
    let mut want: Vec<String> = counted.iter().map(Person::sort_name).collect();
    want.sort();
    let mut got = names.clone();
    got.sort();
    assert_eq!(got, want, "the edition's accepted trainees, nobody else");
    // Names in their own script, nationality and organisation, as recorded.
    for row in list.select("table#trainees tbody tr") {
        let cells: Vec<String> = row.select("th, td").into_iter().map(|c| c.text).collect();
        let p = counted.iter().find(|p| p.sort_name() == cells[1]).unwrap();
        assert_eq!(cells[2], p.fields.name_native.as_ref().map(Text::as_str).unwrap_or(""));
        assert_eq!(cells[3], p.fields.nationality.country().name("en"));
        let org = match p.fields.organisation_id {
            Some(o) => t
                .app
                .get::<Organisation>(o)
                .await
                .unwrap()
                .fields
                .name
                .get("en")
                .unwrap()
                .to_string(),
            None => String::new(),
        };
        assert_eq!(cells[4], org);
    }
    assert!(list.has("table#instructors"));
    assert!(list.text().contains(&format!("{} trainees", counted.len())));
    // Nothing personal beyond that.
    for p in &counted {
        if let Some(b) = p.fields.birth_date {
            assert!(!list.html().contains(&b.to_string()));
        }
        if let Some(m) = &p.fields.email {
            assert!(!list.html().contains(m.as_str()));
        }
    }

    let sheet = staff.page(&format!("/console/sessions/{}/sheet", session.id)).await;
    assert!(sheet.one("h1").text.starts_with("Attendance sheet: "));
    assert_eq!(
        sheet.texts("table#trainees thead th"),
        [
            "No.",
            "Name",
            "Name in own script",
            "Nationality",
            "Organisation",
            "Present",
            "Signature",
            "Note"
        ]
    );
    assert_eq!(sheet.count("table#trainees tbody tr"), counted.len());
    assert_eq!(sheet.count("td.tick"), counted.len());
    assert!(sheet.html().contains("size: A4 landscape"));
    assert!(sheet.has("div.printable.sheet"));
    // When and where, in Japan time.
    let starts = jst(session.fields.starts_at);
    assert!(sheet.text().contains(&starts.format("%H:%M").to_string()));

    // Reading the lists is logged as the staff member's.
    let (views, _) = t
        .app
        .audit_log(
            &AuditFilter {
                action: Some(Action::View),
                ..AuditFilter::default()
            },
            ALL,
        )
        .await
        .unwrap();
    let listed = views
        .iter()
        .filter(|v| v.detail.as_deref() == Some("session list") && v.actor_label == "console")
        .count();
    assert_eq!(listed, 2 * (counted.len() + session.fields.instructor_ids.len()));

    assert_eq!(
        staff.get("/console/sessions/999999/sheet").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn documents_are_for_staff_only(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let e = edition(&t).await;
    let s = sessions(&t, e.id).await.remove(0);
    let uris = [
        format!("/console/editions/{}/timetable", e.id),
        format!("/console/editions/{}/timetable.ics", e.id),
        format!("/console/sessions/{}/participants", s.id),
        format!("/console/sessions/{}/sheet", s.id),
    ];
    let mut partner = t.partner().await;
    let mut visitor = t.browser();
    for uri in &uris {
        let a = partner.get(uri).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{uri}");
        assert_eq!(a.page().one("h1").text, "Not allowed", "{uri}: the styled refusal");
        let a = visitor.get(uri).await;
        assert!(a.location().starts_with("/sign-in?next="), "{uri}");
    }
}

async fn documents_read_in_four_languages(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let e = edition(&t).await;
    let s = sessions(&t, e.id).await.remove(0);
    let ids: Vec<String> = CATALOGUES
        .iter()
        .filter(|(l, f, _)| *l == "en" && *f == "documents")
        .flat_map(|(_, _, text)| message_ids(text))
        .filter(|id| id.starts_with("documents-"))
        .collect();
    assert!(ids.len() > 20);
    let mut staff = t.staff().await;
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        for uri in [
            format!("/console/editions/{}/timetable?lang={code}", e.id),
            format!("/console/sessions/{}/participants?lang={code}", s.id),
            format!("/console/sessions/{}/sheet?lang={code}", s.id),
        ] {
            let page = staff.page(&uri).await;
            assert_eq!(page.lang(), code);
            let left = english_left(lang, &ids, &page.readable());
            assert!(left.is_empty(), "{uri}: English left: {left:?}");
        }
        let ja = staff
            .get(&format!("/console/editions/{}/timetable?lang=ja", e.id))
            .await
            .page();
        assert!(ja.one("h1").text.starts_with("日程表"));
    }
}
