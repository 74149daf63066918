//! The staff console through the router (no sockets), on SQLite with the
//! demo dataset: signing in with the CSRF cookie, the pages, the forms and
//! their field-level messages, attendance, imports, and the four languages.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_domain::common::account::Role;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::session::{Session, SessionKind};
use kizuna_i18n::{CATALOGUES, Lang, message, message_ids};
use kizuna_store::{Backend, Page};
use kizuna_testkit::fresh_store;
use tower::ServiceExt;

const EMAIL: &str = "staff@example.org";
const PASSWORD: &str = "a long password 123";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// A browser: the router, the cookies it was given, and the form token.
struct Browser {
    router: Router,
    cookies: BTreeMap<String, String>,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

impl Browser {
    fn new(router: Router) -> Self {
        Browser {
            router,
            cookies: BTreeMap::new(),
        }
    }

    fn csrf(&self) -> String {
        self.cookies.get("kizuna_csrf").cloned().unwrap_or_default()
    }

    async fn send(&mut self, req: axum::http::request::Builder, body: Body) -> Answer {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let req = if cookie.is_empty() {
            req
        } else {
            req.header(header::COOKIE, cookie)
        };
        let resp = self
            .router
            .clone()
            .oneshot(req.body(body).expect("a request"))
            .await
            .expect("an answer");
        for c in resp.headers().get_all(header::SET_COOKIE) {
            let c = c.to_str().expect("ASCII cookie");
            let (kv, _) = c.split_once(';').unwrap_or((c, ""));
            if let Some((k, v)) = kv.split_once('=') {
                if v.is_empty() {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_owned(), v.to_owned());
                }
            }
        }
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .expect("a body");
        let body = String::from_utf8_lossy(&bytes).into_owned();
        assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR, "500: {body}");
        Answer { status, headers, body }
    }

    async fn get(&mut self, uri: &str) -> Answer {
        self.send(Request::builder().uri(uri), Body::empty()).await
    }

    async fn post_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> Answer {
        let body = serde_urlencoded::to_string(fields).expect("a form");
        let req = Request::builder()
            .method("POST")
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(req, Body::from(body)).await
    }

    async fn post_multipart(&mut self, uri: &str, fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Answer {
        const B: &str = "----kizuna-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend(
                format!("--{B}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        if let Some((filename, bytes)) = file {
            body.extend(
                format!(
                    "--{B}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{B}--\r\n").as_bytes());
        let req = Request::builder()
            .method("POST")
            .uri(uri)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={B}"));
        self.send(req, Body::from(body)).await
    }

    /// Sign in as the staff account, as a person would: the form first (for the CSRF cookie).
    async fn sign_in(&mut self) {
        let form = self.get("/sign-in").await;
        assert_eq!(form.status, StatusCode::OK);
        let token = self.csrf();
        assert_eq!(token.len(), 64, "the sign-in form sets the kizuna_csrf cookie");
        let done = self
            .post_form(
                "/sign-in",
                &[("csrf", &token), ("email", EMAIL), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert!(self.cookies.contains_key("kizuna_session"), "signed in");
    }
}

async fn demo() -> (Arc<App>, Browser) {
    let store = fresh_store(Backend::Sqlite).await.expect("a fresh SQLite database");
    let app = App::new(store).with_today(today());
    app.load_demo().await.expect("the demo loads");
    app.add_user(EMAIL, Role::Staff, None, Some(PASSWORD))
        .await
        .expect("a staff account");
    let app = Arc::new(app);
    let browser = Browser::new(kizuna_web::router(app.clone()));
    (app, browser)
}

async fn staff() -> (Arc<App>, Browser) {
    let (app, mut b) = demo().await;
    b.sign_in().await;
    (app, b)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The HTML between the first `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("{start} not found in page"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

async fn edition_by_key(app: &App, key: &str) -> Edition {
    app.by_key::<Edition>(key).await.expect("the edition exists")
}

async fn people_total(app: &App) -> i64 {
    app.list::<Person>(&BTreeMap::new(), Page { limit: 1, offset: 0 })
        .await
        .expect("people")
        .1
}

fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

// ------------------------------------------------------------------ access

#[tokio::test]
async fn anonymous_visitors_are_sent_to_sign_in() {
    let (_, mut b) = demo().await;
    for path in [
        "/console",
        "/console/trainees",
        "/console/trainees.csv",
        "/console/import",
        "/console/people/1",
    ] {
        let a = b.get(path).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{path}");
        assert!(a.location().starts_with("/sign-in?next="), "{path} → {}", a.location());
    }
    // A form posted without signing in never writes.
    let a = b
        .post_form(
            "/console/courses/new",
            &[("csrf", "x"), ("key", "sneaky"), ("title_en", "Sneaky")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn partners_are_refused() {
    let (app, mut b) = demo().await;
    let org = app
        .list::<Organisation>(&BTreeMap::new(), Page { limit: 1, offset: 0 })
        .await
        .expect("orgs")
        .0;
    app.add_user(
        "partner@example.org",
        Role::Partner,
        Some(org[0].fields.key.as_str()),
        Some(PASSWORD),
    )
    .await
    .expect("a partner");
    let token = {
        b.get("/sign-in").await;
        b.csrf()
    };
    let done = b
        .post_form(
            "/sign-in",
            &[
                ("csrf", &token),
                ("email", "partner@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(b.get("/console/trainees").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn forms_without_the_token_are_refused() {
    let (app, mut b) = staff().await;
    let before = app
        .list::<Programme>(&BTreeMap::new(), Page::default())
        .await
        .expect("programmes")
        .1;
    let a = b
        .post_form(
            "/console/courses/new",
            &[("csrf", "not-the-token"), ("key", "x-course"), ("title_en", "X")],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    let after = app
        .list::<Programme>(&BTreeMap::new(), Page::default())
        .await
        .expect("programmes")
        .1;
    assert_eq!(before, after);
}

// ------------------------------------------------------------------- pages

#[tokio::test]
async fn dashboard_and_courses() {
    let (app, mut b) = staff().await;
    let a = b.get("/console").await;
    assert_eq!(a.status, StatusCode::OK);
    let report = app.trainee_report(&Default::default()).await.expect("a report");
    let figure = between(&a.body, "id=\"total-trainees\"", "</div>");
    assert!(
        figure.contains(&kizuna_i18n::number(i128::from(report.trainees))),
        "{figure}"
    );

    let a = b.get("/console/courses").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body
            .contains("General Management for Regional Development and Planning")
    );
    assert!(a.body.contains("gmrdp/fy2007"));
    assert!(a.body.contains("FY2007"));
    let ja = b.get("/console/courses?lang=ja").await;
    assert!(
        ja.body.contains("2007年度（平成19年度）"),
        "fiscal years carry the era in Japanese"
    );
    assert!(ja.body.contains("2019年度（令和元年度）"));

    // A new course, then it is listed.
    let form = b.get("/console/courses/new").await;
    assert!(form.body.contains("name=\"csrf\""));
    let token = b.csrf();
    let a = b
        .post_form(
            "/console/courses/new",
            &[
                ("csrf", &token),
                ("key", "disaster-risk"),
                ("title_en", "Disaster Risk Reduction"),
                ("title_ja", ""),
                ("summary", ""),
                ("organisation_id", ""),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let list = b.get(a.location()).await;
    assert!(list.body.contains("Disaster Risk Reduction"));
    assert!(list.body.contains("role=\"status\""), "a notice says it was saved");
    // The same key again: the message is beside the key field.
    let again = b
        .post_form(
            "/console/courses/new",
            &[("csrf", &token), ("key", "disaster-risk"), ("title_en", "Again")],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("id=\"e-key\""), "{}", again.body);
    assert!(again.body.contains("value=\"Again\""), "the input is kept");
}

#[tokio::test]
async fn the_fy2007_edition_shows_its_people_and_timetable() {
    let (app, mut b) = staff().await;
    let e = edition_by_key(&app, "gmrdp/fy2007").await;
    let a = b.get(&format!("/console/editions/{}", e.id)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains("Courtesy call to the Mayor of Hakodate"),
        "the courtesy call is on the timetable"
    );
    assert!(a.body.contains("Courtesy call</td>"), "its kind is named");
    assert!(a.body.contains("Hakodate City Hall"));
    // Days in Japan time: the call was at 10:00 JST on 19 September 2007.
    assert!(a.body.contains("19 Sept 2007"), "grouped by day");
    assert!(a.body.contains("10:00–11:00"), "times in Japan Standard Time");
    assert!(a.body.contains("badge completed"), "status badges");
    assert!(a.body.contains("instructors") || a.body.contains("instructor"));
    let ja = b.get(&format!("/console/editions/{}?lang=ja", e.id)).await;
    assert!(ja.body.contains("函館市長表敬訪問"));
    assert!(ja.body.contains("表敬訪問</td>"));
    assert!(ja.body.contains("2007年9月19日"));
    let th = b.get(&format!("/console/editions/{}?lang=th", e.id)).await;
    assert!(th.body.contains("การเข้าเยี่ยมคารวะ"));
    assert_eq!(
        b.get("/console/editions/999999?lang=en").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(b.get("/console/editions/abc").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn attendance_is_marked_and_kept() {
    let (app, mut b) = staff().await;
    let e = edition_by_key(&app, "gmrdp/fy2007").await;
    let sessions = app
        .list::<Session>(&one("edition_id", e.id), Page::default())
        .await
        .expect("sessions")
        .0;
    let call = sessions
        .iter()
        .find(|s| s.fields.kind == SessionKind::CourtesyCall)
        .expect("the courtesy call");
    let uri = format!("/console/sessions/{}/attendance", call.id);
    let page = b.get(&uri).await;
    assert_eq!(page.status, StatusCode::OK);
    let people: Vec<i64> = app.store.edition_people(e.id).await.expect("people");
    assert_eq!(
        count(&page.body, "type=\"checkbox\""),
        people.len(),
        "a checkbox per participant"
    );

    // Everyone present but the first two.
    let token = b.csrf();
    let ids: Vec<String> = people.iter().map(ToString::to_string).collect();
    let mut fields: Vec<(&str, &str)> = vec![("csrf", &token)];
    for id in &ids {
        fields.push(("person", id));
    }
    for id in &ids[2..] {
        fields.push(("present", id));
    }
    let saved = b.post_form(&uri, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(saved.location().ends_with("?saved=1"));
    let after = b.get(saved.location()).await;
    assert!(after.body.contains("id=\"saved\""), "a notice after saving");
    let marks = app.attendance(call.id).await.expect("attendance");
    for m in &marks {
        assert_eq!(
            m.present,
            !ids[..2].contains(&m.person_id.to_string()),
            "person {}",
            m.person_id
        );
    }
    assert_eq!(count(&after.body, " checked"), people.len() - 2);

    // Someone from another edition cannot be marked.
    let other = edition_by_key(&app, "gmrdp/fy2008").await;
    let stranger = app
        .store
        .edition_people(other.id)
        .await
        .expect("people")
        .into_iter()
        .find(|p| !people.contains(p))
        .expect("someone only in FY2008")
        .to_string();
    let refused = b
        .post_form(&uri, &[("csrf", &token), ("person", &stranger), ("present", &stranger)])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_invalid_edition_shows_each_message_beside_its_field() {
    let (app, mut b) = staff().await;
    let course = app.by_key::<Programme>("gmrdp").await.expect("the course");
    let form = b
        .get(&format!("/console/editions/new?programme_id={}", course.id))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("gmrdp/fy2027"), "a key is suggested");
    let token = b.csrf();
    let pid = course.id.to_string();
    let a = b
        .post_form(
            "/console/editions/new",
            &[
                ("csrf", &token),
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
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let field = between(&a.body, "id=\"f-target_countries\"", "</div>");
    assert!(field.contains("aria-invalid=\"true\""), "{field}");
    assert!(field.contains("e-target_countries"), "described by its message");
    assert!(
        field.contains("class=\"field-error\" id=\"e-target_countries\""),
        "{field}"
    );
    assert!(field.contains("XX"), "the message names the value");
    assert!(field.contains("value=\"TH, XX\""), "the input is kept");

    // Fixed codes: now the dates are wrong, each beside its field.
    let a = b
        .post_form(
            "/console/editions/new",
            &[
                ("csrf", &token),
                ("programme_id", &pid),
                ("key", "gmrdp/fy2030"),
                ("fiscal_year", "2030"),
                ("scope", "country_specific"),
                ("target_countries", "TH"),
                ("starts_on", "2030-06-01"),
                ("ends_on", "2030-05-15"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ends = between(&a.body, "id=\"f-ends_on\"", "</div>");
    assert!(
        ends.contains("aria-invalid=\"true\"") && ends.contains("id=\"e-ends_on\""),
        "{ends}"
    );
    assert!(ends.contains("This ends before it starts."));
    assert!(
        !between(&a.body, "id=\"f-starts_on\"", "</div>").contains("aria-invalid"),
        "2030-06-01 is in FY2030"
    );
    assert!(a.body.contains("value=\"2030-06-01\""));

    // In Japanese the message is Japanese.
    b.cookies.insert("kizuna_lang".into(), "ja".into());
    let ja = b
        .post_form(
            "/console/editions/new",
            &[
                ("csrf", &token),
                ("programme_id", &pid),
                ("key", "Bad Key"),
                ("fiscal_year", "平成19年度"),
                ("scope", "general"),
                ("starts_on", "2008-04-01"),
                ("ends_on", "2008-05-01"),
            ],
        )
        .await;
    assert!(
        between(&ja.body, "id=\"f-key\"", "</div>").contains("半角英小文字"),
        "{}",
        ja.body
    );
    assert!(between(&ja.body, "id=\"f-starts_on\"", "</div>").contains("年度内"));
    b.cookies.remove("kizuna_lang");

    // A valid one is created and shown; then changed through its edit form.
    let ok = b
        .post_form(
            "/console/editions/new",
            &[
                ("csrf", &token),
                ("programme_id", &pid),
                ("key", "gmrdp/fy2030"),
                ("fiscal_year", "2030"),
                ("scope", "general"),
                ("starts_on", "2030-09-01"),
                ("ends_on", "2030-10-20"),
                ("capacity", "12"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let created = edition_by_key(&app, "gmrdp/fy2030").await;
    assert_eq!(created.fields.capacity, Some(12));
    let edit = b.get(&format!("/console/editions/{}/edit", created.id)).await;
    assert!(edit.body.contains("value=\"2030-09-01\""));
    let changed = b
        .post_form(
            &format!("/console/editions/{}/edit", created.id),
            &[
                ("csrf", &token),
                ("programme_id", &pid),
                ("key", "gmrdp/fy2030"),
                ("fiscal_year", "2030"),
                ("scope", "country_specific"),
                ("target_countries", "th my"),
                ("starts_on", "2030-09-01"),
                ("ends_on", "2030-10-20"),
                ("version", &created.version.to_string()),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let e = app.get::<Edition>(created.id).await.expect("the edition");
    assert_eq!(e.fields.target_countries.len(), 2);
    let shown = b.get(changed.location()).await;
    assert!(shown.body.contains("Thailand") && shown.body.contains("Malaysia"));
}

#[tokio::test]
async fn the_trainee_list_pages_filters_and_downloads() {
    let (app, mut b) = staff().await;
    let a = b.get("/console/trainees").await;
    assert_eq!(a.status, StatusCode::OK);
    let table = between(&a.body, "<table id=\"trainees\"", "</table>");
    let body = between(table, "<tbody>", "</tbody>");
    assert_eq!(count(body, "<tr>"), 50, "50 rows a page");
    assert_eq!(count(body, "href=\"/console/people/"), 50, "each links to its person");
    assert!(table.contains("scope=\"col\""));
    let pager = between(&a.body, "<nav class=\"pager\"", "</nav>");
    assert!(pager.contains("rel=\"next\"") && pager.contains("offset=50"), "{pager}");
    let (_, total) = app
        .trainee_drilldown(&Default::default(), Page { limit: 1, offset: 0 })
        .await
        .expect("total");
    assert!(a.body.contains(&kizuna_i18n::number(i128::from(total))));

    let second = b.get("/console/trainees?offset=50").await;
    assert!(between(&second.body, "<nav class=\"pager\"", "</nav>").contains("rel=\"prev\""));

    // Filters: Thailand in FY2007; then withdrawals (which the statistics do not count).
    let e = edition_by_key(&app, "gmrdp/fy2007").await;
    let a = b
        .get(&format!(
            "/console/trainees?fiscal_year=2007&country=TH&programme_id={}",
            e.fields.programme_id
        ))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let rows = count(between(&a.body, "<tbody>", "</tbody>"), "<tr>");
    assert!((1..50).contains(&rows), "{rows}");
    assert!(!a.body.contains("rel=\"next\""));
    let w = b.get("/console/trainees?status=withdrawn").await;
    let withdrawn = app
        .list::<Participation>(&one("status", "withdrawn"), Page::default())
        .await
        .expect("withdrawn")
        .1;
    assert!(withdrawn > 0);
    assert_eq!(
        count(between(&w.body, "<tbody>", "</tbody>"), "<tr>") as i64,
        withdrawn.min(50)
    );
    assert!(w.body.contains("badge withdrawn"));
    let asia = b
        .get("/console/trainees?status=completed&region=asia&fiscal_year=2007")
        .await;
    assert_eq!(asia.status, StatusCode::OK);
    assert!(asia.body.contains("badge completed"));
    // By status within a fiscal year: every participation once, across pages, newest edition first.
    let fy2007: Vec<Edition> = app
        .list::<Edition>(&one("fiscal_year", 2007), Page::default())
        .await
        .expect("eds")
        .0;
    let mut expected = 0;
    for ed in &fy2007 {
        let mut f = one("edition_id", ed.id);
        f.insert("status".into(), "completed".into());
        f.insert("role".into(), "trainee".into());
        expected += app
            .list::<Participation>(&f, Page { limit: 1, offset: 0 })
            .await
            .expect("count")
            .1;
    }
    let q = kizuna_app::training::console::TraineeQuery {
        fiscal_year: Some(kizuna_domain::common::FiscalYear::new(2007).expect("a year")),
        status: Some(kizuna_domain::training::participation::ParticipationStatus::Completed),
        ..Default::default()
    };
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    loop {
        let (rows, total) = app
            .console_trainees(&q, Page { limit: 7, offset })
            .await
            .expect("a page");
        assert_eq!(total, expected);
        if rows.is_empty() {
            break;
        }
        for r in rows {
            let (e, _) = r.participation.expect("by status, each row names its edition");
            assert_eq!(e.fiscal_year, 2007);
            assert!(seen.insert((e.id, r.person.id)), "no row twice");
        }
        offset += 7;
    }
    assert_eq!(seen.len() as i64, expected);
    // A bad filter is named beside it, not a crash.
    let bad = b.get("/console/trainees?country=XX").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(between(&bad.body, "id=\"f-country\"", "</div>").contains("field-error"));

    // Downloads of the same rows.
    let csv = b.get("/console/trainees.csv?fiscal_year=2007&country=TH").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers[header::CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].starts_with("family_name,given_name"));
    assert_eq!(lines.len() - 1, rows, "the CSV holds the rows the page lists");
    assert!(lines[1..].iter().all(|l| l.contains(",TH,")));
    let xlsx = b.get("/console/trainees.xlsx?status=withdrawn").await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(
        xlsx.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .contains("trainees.xlsx"),
        "an XLSX attachment"
    );
}

#[tokio::test]
async fn a_person_page_lists_every_role() {
    let (app, mut b) = staff().await;
    let coordinators = app
        .list::<Participation>(&one("role", "coordinator"), Page::default())
        .await
        .expect("coordinators")
        .0;
    let mut found = None;
    for c in &coordinators {
        let roles = app.roles_of(c.fields.person_id).await.expect("roles");
        if roles.iter().any(|r| r.role == ParticipationRole::Trainee) {
            found = Some((c.fields.person_id, roles));
            break;
        }
    }
    let (person_id, roles) = found.expect("the demo has an alumnus who came back as a coordinator");
    assert!(roles.len() >= 2);
    let a = b.get(&format!("/console/people/{person_id}")).await;
    assert_eq!(a.status, StatusCode::OK);
    let table = between(&a.body, "<table id=\"roles\"", "</table>");
    assert_eq!(count(between(table, "<tbody>", "</tbody>"), "<tr>"), roles.len());
    assert!(
        table.contains("<td>Trainee</td>") && table.contains("<td>Coordinator</td>"),
        "{table}"
    );
    for r in &roles {
        assert!(table.contains(&format!("href=\"/console/editions/{}\"", r.edition_id)));
    }
    let person = app.get::<Person>(person_id).await.expect("the person");
    let nationality = person.fields.nationality.country();
    assert!(a.body.contains(nationality.name_en));
    assert!(a.body.contains("Date of birth"), "staff see personal data");
    let ja = b.get(&format!("/console/people/{person_id}?lang=ja")).await;
    assert!(
        ja.body.contains(nationality.name_ja),
        "the country in the page's language"
    );
    assert!(ja.body.contains("コーディネーター"));
    assert_eq!(b.get("/console/people/0").await.status, StatusCode::NOT_FOUND);
}

// ------------------------------------------------------------------ import

fn trainee_csv(rows: &[&str]) -> Vec<u8> {
    let header: Vec<&str> = kizuna_app::training::transfer::TRAINEE_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect();
    let mut out = header.join(",");
    for r in rows {
        out.push('\n');
        out.push_str(r);
    }
    out.push('\n');
    out.into_bytes()
}

#[tokio::test]
async fn an_import_is_previewed_then_confirmed() {
    let (app, mut b) = staff().await;
    let page = b.get("/console/import").await;
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(page.body.contains("/console/import/template.csv") && page.body.contains("/console/import/template.xlsx"));
    let template = b.get("/console/import/template.csv").await;
    assert!(template.body.starts_with("family_name,"));
    let token = b.csrf();
    let before = people_total(&app).await;

    // One bad row: its error is shown and nothing is written.
    let bad = trainee_csv(&[
        "Siriwan,Ploy,,,female,TH,1980-02-03,,,,gmrdp/fy2007,completed,,,",
        "Testname,Ana,,,female,XX,,,,,gmrdp/fy2007,completed,,,",
    ]);
    let a = b
        .post_multipart("/console/import", &[("csrf", &token)], Some(("trainees.csv", &bad)))
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    let table = between(&a.body, "<table id=\"rejected\"", "</table>");
    let rows = between(table, "<tbody>", "</tbody>");
    assert_eq!(count(rows, "<tr>"), 1, "{rows}");
    assert!(
        rows.contains(">3</th>") && rows.contains("nationality") && rows.contains("XX"),
        "{rows}"
    );
    assert!(rows.contains("is not an ISO country code"));
    assert!(!a.body.contains("id=\"preview\""), "no preview of a file with errors");
    assert_eq!(people_total(&app).await, before, "nothing was written");

    // A clean file: a preview, still nothing written; then the confirm button imports it.
    let good = trainee_csv(&[
        "Siriwan,Ploy,,,female,TH,1980-02-03,,,,gmrdp/fy2007,completed,,,",
        "Testname,Ana,,,female,PE,,,,,gmrdp/fy2007,completed,,,",
    ]);
    let a = b
        .post_multipart("/console/import", &[("csrf", &token)], Some(("trainees.csv", &good)))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        count(between(&a.body, "<table id=\"preview\"", "</table>"), "<tr>") - 1,
        2
    );
    assert_eq!(people_total(&app).await, before, "a preview writes nothing");
    let data = between(&a.body, "name=\"data\" value=\"", "\">")
        .trim_start_matches("name=\"data\" value=\"")
        .to_owned();
    assert!(!data.is_empty());
    let done = b
        .post_multipart(
            "/console/import",
            &[
                ("csrf", &token),
                ("name", "trainees.csv"),
                ("data", &data),
                ("confirm", "1"),
            ],
            None,
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(people_total(&app).await, before + 2);
    let notice = b.get(done.location()).await;
    assert!(notice.body.contains("2 trainees were imported."), "{}", notice.body);
    // The same file again is refused as a whole: these people exist now.
    let again = b
        .post_multipart(
            "/console/import",
            &[
                ("csrf", &token),
                ("name", "trainees.csv"),
                ("data", &data),
                ("confirm", "1"),
            ],
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("is already recorded"));
    assert_eq!(people_total(&app).await, before + 2);

    // Without the form token nothing is read.
    let forged = b
        .post_multipart("/console/import", &[("csrf", "forged")], Some(("t.csv", &good)))
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // No file at all.
    let empty = b.post_multipart("/console/import", &[("csrf", &token)], None).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
}

// ---------------------------------------------------------------- languages

/// The text a person sees: tags removed, entities decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether `word` occurs in `text` not as part of a longer word.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[tokio::test]
async fn other_languages_show_no_english_console_strings() {
    let (app, mut b) = staff().await;
    let e = edition_by_key(&app, "gmrdp/fy2007").await;
    let sessions = app
        .list::<Session>(&one("edition_id", e.id), Page::default())
        .await
        .expect("sessions")
        .0;
    let coordinator = app
        .list::<Participation>(&one("role", "coordinator"), Page::default())
        .await
        .expect("c")
        .0[0]
        .fields
        .person_id;
    // English data shown as is (course, session and organisation names) is not UI text.
    let mut data: Vec<String> = Vec::new();
    for p in app
        .list::<Programme>(&BTreeMap::new(), Page { limit: 1000, offset: 0 })
        .await
        .expect("p")
        .0
    {
        data.extend(p.fields.title.get("en").map(ToString::to_string));
        data.extend(
            p.fields
                .summary
                .as_ref()
                .and_then(|s| s.get("en"))
                .map(ToString::to_string),
        );
    }
    for s in &sessions {
        data.extend(s.fields.title.get("en").map(ToString::to_string));
        data.extend(s.fields.place.as_ref().map(ToString::to_string));
    }
    for o in app
        .list::<Organisation>(
            &BTreeMap::new(),
            Page {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .expect("o")
        .0
    {
        data.extend(o.fields.name.get("en").map(ToString::to_string));
    }
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));

    let console_en = CATALOGUES
        .iter()
        .find(|(l, f, _)| *l == "en" && *f == "console")
        .expect("en console")
        .2;
    let ids = message_ids(console_en);
    assert!(ids.len() > 100, "the console catalogue is loaded");
    let bad_csv = trainee_csv(&["Testname,Ana,,,female,XX,,,,,gmrdp/fy2007,completed,,,"]);

    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages: Vec<(String, String)> = Vec::new();
        for path in [
            "/console".to_owned(),
            "/console/courses".to_owned(),
            "/console/courses/new".to_owned(),
            format!("/console/editions/{}", e.id),
            format!("/console/editions/{}/edit", e.id),
            format!("/console/editions/new?programme_id={}", e.fields.programme_id),
            format!("/console/sessions/{}/attendance", sessions[0].id),
            "/console/trainees".to_owned(),
            "/console/trainees?status=withdrawn".to_owned(),
            "/console/trainees?country=XX".to_owned(),
            format!("/console/people/{coordinator}"),
            "/console/import".to_owned(),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let a = b.get(&format!("{path}{sep}lang={code}")).await;
            assert_eq!(a.status, StatusCode::OK, "{path} in {code}");
            assert!(a.body.contains(&format!("<html lang=\"{code}\"")));
            pages.push((path, a.body));
        }
        // Pages that answer a form, in the language chosen (kept in a cookie).
        let token = b.csrf();
        let pid = e.fields.programme_id.to_string();
        let form = b
            .post_form(
                "/console/editions/new",
                &[
                    ("csrf", &token),
                    ("programme_id", &pid),
                    ("key", "Bad Key"),
                    ("fiscal_year", "x"),
                    ("scope", ""),
                    ("target_countries", "XX"),
                    ("starts_on", "no"),
                    ("ends_on", ""),
                    ("capacity", "-1"),
                ],
            )
            .await;
        assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY);
        pages.push(("edition form with errors".into(), form.body));
        let import = b
            .post_multipart("/console/import", &[("csrf", &token)], Some(("t.csv", &bad_csv)))
            .await;
        assert_eq!(import.status, StatusCode::UNPROCESSABLE_ENTITY);
        pages.push(("import with errors".into(), import.body));

        for (path, html) in &pages {
            let mut text = visible_text(html);
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            for id in &ids {
                let en = message(Lang::En, id, &[]);
                let other = message(lang, id, &[]);
                // Fragments between arguments, e.g. "Figures as of".
                for fragment in en
                    .split(['{', '}'])
                    .map(str::trim)
                    .filter(|f| f.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                {
                    // A translation may keep a name or an abbreviation ("CSV形式"), but not be the English.
                    if fragment.starts_with('$') || (other != en && other.contains(fragment)) {
                        continue;
                    }
                    assert!(
                        !contains_word(&text, fragment),
                        "{code} {path}: English {fragment:?} ({id}) is on the page"
                    );
                }
            }
        }
    }
}
