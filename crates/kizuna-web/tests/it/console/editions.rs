//! The dashboard, courses and editions: pages, timetable, attendance, and
//! the edition form's messages beside their fields.

use axum::http::StatusCode;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::session::{Session, SessionKind};
use kizuna_store::{Backend, Page as Paging};
use kizuna_testkit::TestApp;

use super::{edition_by_key, field, one, rows};

pub(crate) async fn dashboard_and_courses(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let page = b.page("/console").await;
    let report = t.app.trainee_report(&Default::default()).await.expect("a report");
    assert_eq!(
        page.one("#total-trainees").text,
        kizuna_i18n::number(i128::from(report.trainees))
    );

    let courses = b.page("/console/courses").await;
    let text = courses.text();
    assert!(
        courses
            .texts("h2")
            .iter()
            .any(|h| h == "General Management for Regional Development and Planning")
    );
    assert!(text.contains("gmrdp/fy2007"));
    assert!(text.contains("FY2007"));
    let ja = b.page("/console/courses?lang=ja").await.text();
    assert!(
        ja.contains("2007年度（平成19年度）"),
        "fiscal years carry the era in Japanese"
    );
    assert!(ja.contains("2019年度（令和元年度）"));

    // A new course, then it is listed.
    let form = b.page("/console/courses/new").await;
    let fields = form.form("form[action='/console/courses/new']");
    assert!(
        fields.contains(&("csrf".to_owned(), b.csrf())),
        "the form carries the token: {fields:?}"
    );
    let a = b
        .submit(
            "/console/courses/new",
            &[
                ("key", "disaster-risk"),
                ("title_en", "Disaster Risk Reduction"),
                ("title_ja", ""),
                ("summary", ""),
                ("organisation_id", ""),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    let list = b.page(a.location()).await;
    // (Still in Japanese, chosen above: the title is marked as English.)
    assert_eq!(list.lang(), "ja");
    assert!(
        list.texts("section.card > h2")
            .iter()
            .any(|h| h == "Disaster Risk Reduction（英語）"),
        "{:?}",
        list.texts("h2")
    );
    assert!(!list.one("[role=status]").text.is_empty(), "a notice says it was saved");
    // The same key again: the message is beside the key field.
    let again = b
        .submit(
            "/console/courses/new",
            &[("key", "disaster-risk"), ("title_en", "Again")],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let key = field(&again, "key");
    assert!(!key.select("p.field-error#e-key").is_empty(), "{}", key.html);
    assert_eq!(again.one("#f-key").attr("aria-invalid"), Some("true"));
    assert_eq!(
        again.one("#f-title_en").attr("value"),
        Some("Again"),
        "the input is kept"
    );
}

pub(crate) async fn the_fy2007_edition_shows_its_people_and_timetable(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition_by_key(&t.app, "gmrdp/fy2007").await;
    let page = b.page(&format!("/console/editions/{}", e.id)).await;
    // Days in Japan time: the call was at 10:00 JST on 19 September 2007.
    let day = "h3:has(> time[datetime='2007-09-19']) + div > table";
    assert_eq!(
        page.one("h3 > time[datetime='2007-09-19']").text,
        "19 Sept 2007",
        "grouped by day"
    );
    assert_eq!(
        rows(&page, day),
        [[
            "10:00–11:00",   // in Japan Standard Time
            "Courtesy call", // its kind is named
            "Courtesy call to the Mayor of Hakodate",
            "Hakodate City Hall",
            "Mark attendance",
            "Change · Courtesy call to the Mayor of Hakodate",
        ]],
        "the courtesy call is on the timetable"
    );
    assert!(page.has(".badge.completed"), "status badges");
    assert!(
        page.texts("h3").iter().any(|h| h.contains("instructor")),
        "{:?}",
        page.texts("h3")
    );
    let ja = b.page(&format!("/console/editions/{}?lang=ja", e.id)).await;
    let call = rows(&ja, day);
    assert_eq!(call.len(), 1);
    assert_eq!(
        (call[0][1].as_str(), call[0][2].as_str()),
        ("表敬訪問", "函館市長表敬訪問")
    );
    assert_eq!(ja.one("h3 > time[datetime='2007-09-19']").text, "2007年9月19日");
    let th = b.page(&format!("/console/editions/{}?lang=th", e.id)).await;
    assert!(th.text().contains("การเข้าเยี่ยมคารวะ"));
    assert_eq!(
        b.get("/console/editions/999999?lang=en").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(b.get("/console/editions/abc").await.status, StatusCode::NOT_FOUND);
}

pub(crate) async fn attendance_is_marked_and_kept(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let e = edition_by_key(&t.app, "gmrdp/fy2007").await;
    let sessions = t
        .app
        .list::<Session>(&one("edition_id", e.id), Paging::default())
        .await
        .expect("sessions")
        .0;
    let call = sessions
        .iter()
        .find(|s| s.fields.kind == SessionKind::CourtesyCall)
        .expect("the courtesy call");
    let uri = format!("/console/sessions/{}/attendance", call.id);
    let page = b.page(&uri).await;
    let people: Vec<i64> = t.app.store.edition_people(e.id).await.expect("people");
    assert_eq!(
        page.count("form input[type=radio][value=present]"),
        people.len(),
        "a choice of present, absent, late or excused per participant"
    );

    // Everyone present but the first two: one absent, one late with a note.
    let ids: Vec<String> = people.iter().map(ToString::to_string).collect();
    let names: Vec<(String, String, String)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let status = match i {
                0 => "absent",
                1 => "late",
                _ => "present",
            };
            (format!("status-{id}"), status.to_owned(), format!("note-{id}"))
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = Vec::new();
    for (id, (status_field, status, note_field)) in ids.iter().zip(&names) {
        fields.push(("person", id));
        fields.push((status_field, status));
        fields.push((note_field, if status == "late" { "Train delayed" } else { "" }));
    }
    let saved = b.submit(&uri, &fields).await.expect(StatusCode::SEE_OTHER);
    assert!(saved.location().ends_with("?saved=1"), "{}", saved.location());
    let after = b.page(saved.location()).await;
    assert!(!after.one("#saved").text.is_empty(), "a notice after saving");
    let marks = t.app.attendance(call.id).await.expect("attendance");
    for m in &marks {
        let i = ids
            .iter()
            .position(|id| *id == m.person_id.to_string())
            .expect("listed");
        assert_eq!(m.status.as_str(), names[i].1, "person {}", m.person_id);
        assert_eq!(
            m.note.as_ref().map(ToString::to_string).as_deref(),
            (i == 1).then_some("Train delayed")
        );
    }
    assert_eq!(
        after.count("input[type=radio][value=present][checked]"),
        people.len() - 2
    );
    let mut present: Vec<String> = after
        .form(&format!("form[action='{uri}']"))
        .into_iter()
        .filter(|(k, v)| k.starts_with("status-") && v == "present")
        .map(|(k, _)| k.trim_start_matches("status-").to_owned())
        .collect();
    present.sort();
    let mut expected = ids[2..].to_vec();
    expected.sort();
    assert_eq!(present, expected, "the form, as it stands, keeps the marks");

    // Someone from another edition cannot be marked.
    let other = edition_by_key(&t.app, "gmrdp/fy2008").await;
    let stranger = t
        .app
        .store
        .edition_people(other.id)
        .await
        .expect("people")
        .into_iter()
        .find(|p| !people.contains(p))
        .expect("someone only in FY2008")
        .to_string();
    let field = format!("status-{stranger}");
    b.submit(&uri, &[("person", &stranger), (&field, "present")])
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY);
}

pub(crate) async fn an_invalid_edition_shows_each_message_beside_its_field(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let course = t.app.by_key::<Programme>("gmrdp").await.expect("the course");
    let form = b
        .page(&format!("/console/editions/new?programme_id={}", course.id))
        .await;
    assert_eq!(
        form.one("#f-key").attr("value"),
        Some("gmrdp/fy2027"),
        "a key is suggested"
    );
    let pid = course.id.to_string();
    let a = b
        .submit(
            "/console/editions/new",
            &[
                ("programme_id", &pid),
                ("key", "gmrdp/fy2030"),
                ("fiscal_year", "2030"),
                ("scope", "country_specific"),
                ("target_countries", "TH, XX"),
                ("title_en", ""),
                ("starts_on", "2030-02-01"),
                ("ends_on", "2030-01-15"),
                ("capacity", ""),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let input = a.one("#f-target_countries");
    assert_eq!(input.attr("aria-invalid"), Some("true"));
    assert!(
        input
            .attr("aria-describedby")
            .is_some_and(|d| d.split(' ').any(|id| id == "e-target_countries")),
        "described by its message"
    );
    let message = field(&a, "target_countries").select("p.field-error#e-target_countries");
    assert_eq!(message.len(), 1, "the message is beside its field");
    assert!(message[0].text.contains("XX"), "the message names the value");
    assert_eq!(input.attr("value"), Some("TH, XX"), "the input is kept");

    // Fixed codes: now the dates are wrong, each beside its field.
    let a = b
        .submit(
            "/console/editions/new",
            &[
                ("programme_id", &pid),
                ("key", "gmrdp/fy2030"),
                ("fiscal_year", "2030"),
                ("scope", "country_specific"),
                ("target_countries", "TH"),
                ("starts_on", "2030-06-01"),
                ("ends_on", "2030-05-15"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    let ends = field(&a, "ends_on");
    assert_eq!(a.one("#f-ends_on").attr("aria-invalid"), Some("true"));
    assert_eq!(
        ends.select("#e-ends_on")
            .iter()
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>(),
        ["This ends before it starts."]
    );
    assert!(!field(&a, "starts_on").has("[aria-invalid]"), "2030-06-01 is in FY2030");
    assert!(!a.has("#e-starts_on"));
    assert_eq!(a.one("#f-starts_on").attr("value"), Some("2030-06-01"));

    // In Japanese the message is Japanese.
    b.set_cookie("kizuna_lang", Some("ja"));
    let ja = b
        .submit(
            "/console/editions/new",
            &[
                ("programme_id", &pid),
                ("key", "Bad Key"),
                ("fiscal_year", "平成19年度"),
                ("scope", "general"),
                ("starts_on", "2008-04-01"),
                ("ends_on", "2008-05-01"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(ja.one("#e-key").text.contains("半角英小文字"), "{}", ja.text());
    assert!(field(&ja, "key").has("#e-key"));
    let starts = field(&ja, "starts_on").select("#e-starts_on");
    assert!(starts.len() == 1 && starts[0].text.contains("年度内"), "{}", ja.text());
    b.set_cookie("kizuna_lang", None);

    // A valid one is created and shown; then changed through its edit form.
    b.submit(
        "/console/editions/new",
        &[
            ("programme_id", &pid),
            ("key", "gmrdp/fy2030"),
            ("fiscal_year", "2030"),
            ("scope", "general"),
            ("starts_on", "2030-09-01"),
            ("ends_on", "2030-10-20"),
            ("capacity", "12"),
        ],
    )
    .await
    .expect(StatusCode::SEE_OTHER);
    let created = edition_by_key(&t.app, "gmrdp/fy2030").await;
    assert_eq!(created.fields.capacity, Some(12));
    let edit = b.page(&format!("/console/editions/{}/edit", created.id)).await;
    assert_eq!(edit.one("#f-starts_on").attr("value"), Some("2030-09-01"));
    // The edit form as it stands, its scope changed.
    let uri = format!("/console/editions/{}/edit", created.id);
    let mut fields = edit.form(&format!("form[action='{uri}']"));
    assert!(
        fields.contains(&("version".to_owned(), created.version.to_string())),
        "the form carries the version it edits: {fields:?}"
    );
    for (name, value) in &mut fields {
        match name.as_str() {
            "scope" => "country_specific".clone_into(value),
            "target_countries" => "th my".clone_into(value),
            _ => {}
        }
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let changed = b.submit(&uri, &fields).await.expect(StatusCode::SEE_OTHER);
    let e = t.app.get::<Edition>(created.id).await.expect("the edition");
    assert_eq!(e.fields.target_countries.len(), 2);
    assert_eq!(e.fields.capacity, Some(12), "what the form did not change is kept");
    let shown = b.page(changed.location()).await.text();
    assert!(shown.contains("Thailand") && shown.contains("Malaysia"));
}
