//! People in the staff console, through the router, on SQLite and
//! PostgreSQL: creating a person (messages beside the fields, then saved),
//! editing with the version check, the namesake warning before creating,
//! finding people by any form of their name on the people and trainee
//! lists, merging two records of one person, deleting only a person
//! nothing refers to, and the pages in four languages.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use kizuna_app::App;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::{Gender, Person, PersonInput};
use kizuna_domain::common::{CountryCode, Id, Text};
use kizuna_domain::training::participation::{Participation, ParticipationRole};
use kizuna_domain::training::session::Session;
use kizuna_i18n::{CATALOGUES, Lang, message_ids};
use kizuna_store::{AuditFilter, Backend, Page as Paging};
use kizuna_testkit::english::english_left;
use kizuna_testkit::{Browser, El, Page, STAFF, TestApp};

kizuna_testkit::on_both!(
    a_person_is_created_with_messages_beside_the_fields,
    a_stale_edit_is_refused_and_keeps_what_was_typed,
    a_namesake_is_warned_of_and_nothing_is_written_until_confirmed,
    people_are_found_by_any_form_of_their_name,
    two_records_of_one_person_are_merged,
    a_merge_of_two_people_in_one_edition_or_of_a_changed_record_is_refused,
    a_person_is_deleted_only_when_nothing_refers_to_them,
    the_people_pages_read_in_four_languages,
);

// ------------------------------------------------------------ helpers

/// A form's field as laid out: the block directly in a form that holds
/// the control `#f-<name>`, with its hint and its message.
#[track_caller]
fn field(page: &Page, name: &str) -> El {
    let id = format!("#f-{name}");
    let mut blocks: Vec<El> = page
        .select("form > div, form > fieldset")
        .into_iter()
        .filter(|b| b.has(&id))
        .collect();
    assert_eq!(blocks.len(), 1, "{} blocks hold {id}", blocks.len());
    blocks.remove(0)
}

fn rows(page: &Page, table: &str) -> Vec<Vec<String>> {
    page.select(&format!("{table} > tbody > tr"))
        .into_iter()
        .map(|tr| tr.select("th, td").into_iter().map(|c| c.text).collect())
        .collect()
}

fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

fn text(s: &str) -> Option<Text> {
    Text::parse_optional(Some(s)).expect("a text")
}

fn input(family: &str, given: Option<&str>, nationality: &str) -> PersonInput {
    PersonInput {
        family_name: Text::parse(family).expect("a name"),
        given_name: given.and_then(text),
        name_native: None,
        name_kana: None,
        gender: Gender::Unspecified,
        nationality: CountryCode::parse(nationality).expect("a country"),
        birth_date: None,
        email: None,
        organisation_id: None,
        position: None,
    }
}

async fn people_count(app: &App) -> i64 {
    app.list::<Person>(&BTreeMap::new(), Paging { limit: 1, offset: 0 })
        .await
        .expect("people")
        .1
}

async fn exists(app: &App, id: Id) -> bool {
    app.store.exists::<Person>(id).await.expect("a read")
}

/// The id in a redirect to a person's page.
fn person_id(location: &str) -> Id {
    location
        .trim_start_matches("/console/people/")
        .split(['?', '/'])
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not a person's page: {location}"))
}

/// A demo person with these roles' participations, by the first that has.
async fn someone_with(app: &App, role: ParticipationRole, skip: usize) -> Person {
    let parts = app
        .list::<Participation>(&one("role", role.as_str()), Paging { limit: 50, offset: 0 })
        .await
        .expect("participations")
        .0;
    let id = parts[skip].fields.person_id;
    app.store.get::<Person>(id).await.expect("the person")
}

const NEW: &str = "/console/people/new";

// ------------------------------------------------------------ creating and editing

pub(crate) async fn a_person_is_created_with_messages_beside_the_fields(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let form = b.page(NEW).await;
    let fields: Vec<String> = form
        .form("form[action='/console/people/new']")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    for name in [
        "csrf",
        "family_name",
        "given_name",
        "name_native",
        "name_kana",
        "gender",
        "nationality",
        "birth_date",
        "email",
        "organisation_id",
        "position",
    ] {
        assert!(fields.iter().any(|f| f == name), "the form has {name}: {fields:?}");
    }
    assert!(
        form.has("#f-nationality option[value='LA']"),
        "nationality is a country list"
    );
    let before = people_count(&t.app).await;

    // Mistakes: each message is beside its field, what was typed stays, nothing is written.
    let bad = b
        .submit(
            NEW,
            &[
                ("family_name", ""),
                ("given_name", "Souksavanh"),
                ("name_kana", "スクサワン"),
                ("gender", "female"),
                ("nationality", ""),
                ("birth_date", "2199-01-01"),
                ("email", "not an address"),
            ],
        )
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    for name in ["family_name", "nationality", "birth_date", "email"] {
        let block = field(&bad, name);
        assert!(block.has(&format!("p.field-error#e-{name}")), "{name}: {}", block.html);
        assert_eq!(
            bad.one(&format!("#f-{name}")).attr("aria-invalid"),
            Some("true"),
            "{name}"
        );
    }
    assert!(!field(&bad, "given_name").has(".field-error"));
    assert_eq!(
        bad.one("#f-given_name").attr("value"),
        Some("Souksavanh"),
        "the input is kept"
    );
    assert_eq!(bad.one("#f-name_kana").attr("value"), Some("スクサワン"));
    assert_eq!(people_count(&t.app).await, before, "nothing was written");

    // Put right: saved, then the person's page (Post/Redirect/Get).
    let org = t
        .app
        .list::<Organisation>(&BTreeMap::new(), Paging { limit: 1, offset: 0 })
        .await
        .expect("organisations")
        .0
        .remove(0);
    let org_id = org.id.to_string();
    let done = b
        .submit(
            NEW,
            &[
                ("family_name", "Phommachanh"),
                ("given_name", "Souksavanh"),
                ("name_native", "ສຸກສະຫວັນ ພົມມະຈັນ"),
                ("name_kana", "スクサワン"),
                ("gender", "female"),
                ("nationality", "LA"),
                ("birth_date", "1981-04-02"),
                ("email", "souksavanh@example.org"),
                ("organisation_id", &org_id),
                ("position", "Planning officer"),
            ],
        )
        .await
        .expect(StatusCode::SEE_OTHER);
    let id = person_id(done.location());
    assert_eq!(people_count(&t.app).await, before + 1);
    let page = b.page(done.location()).await;
    assert!(page.has(".notice.good[role=status]"), "it says it was created");
    let text = page.text();
    for shown in [
        "Phommachanh, Souksavanh",
        "スクサワン",
        "Laos",
        "Planning officer",
        "souksavanh@example.org",
    ] {
        assert!(text.contains(shown), "{shown} on the page: {text}");
    }
    assert!(page.has(&format!("a#person-edit[href='/console/people/{id}/edit']")));
    let p = t.app.store.get::<Person>(id).await.expect("stored");
    assert_eq!(p.fields.organisation_id, Some(org.id));
    assert_eq!(
        p.fields.birth_date.map(|d| d.to_string()).as_deref(),
        Some("1981-04-02")
    );

    // A form without its token is refused, nothing written.
    let forged = b
        .post_form(
            NEW,
            &[("family_name", "Forged"), ("gender", "male"), ("nationality", "TH")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(people_count(&t.app).await, before + 1);
    // The lists lead to the form.
    assert!(b.page("/console/people").await.has("a[href='/console/people/new']"));
    assert!(b.page("/console/trainees").await.has("a[href='/console/people/new']"));
}

pub(crate) async fn a_stale_edit_is_refused_and_keeps_what_was_typed(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let p = t
        .app
        .create::<Person>(&input("Saetang", Some("Somchai"), "TH"))
        .await
        .expect("a person");
    let uri = format!("/console/people/{}/edit", p.id);
    let form = b.page(&uri).await;
    assert_eq!(form.one("input[name=version]").attr("value"), Some("1"));
    assert_eq!(form.one("#f-family_name").attr("value"), Some("Saetang"));
    let mut fields = form.form("form[action$='/edit']");
    let set = |fields: &mut Vec<(String, String)>, name: &str, value: &str| {
        for (k, v) in fields.iter_mut() {
            if k == name {
                *v = value.to_owned();
            }
        }
    };
    set(&mut fields, "position", "Director");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = b.submit(&uri, &pairs).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), format!("/console/people/{}?saved=1", p.id));
    // The same form again, made from version 1: a colleague's save came between.
    set(&mut fields, "position", "Typed over an old copy");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let stale = b.submit(&uri, &pairs).await.expect(StatusCode::CONFLICT).page();
    assert!(
        stale
            .one("[role=alert]")
            .text
            .contains("Someone else changed this record"),
        "{}",
        stale.one("[role=alert]").text
    );
    assert_eq!(
        stale.one("#f-position").attr("value"),
        Some("Typed over an old copy"),
        "the typing is kept"
    );
    assert_eq!(
        stale.one("input[name=version]").attr("value"),
        Some("2"),
        "now the current version"
    );
    let stored = t.app.store.get::<Person>(p.id).await.expect("stored");
    assert_eq!(
        stored.fields.position.as_ref().map(Text::as_str),
        Some("Director"),
        "not overwritten"
    );
    assert_eq!(stored.version, 2);
}

pub(crate) async fn a_namesake_is_warned_of_and_nothing_is_written_until_confirmed(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let mut first = input("Tanaka", Some("Hanako"), "JP");
    first.name_kana = text("タナカ ハナコ");
    first.birth_date = chrono::NaiveDate::from_ymd_opt(1970, 6, 1);
    let first = t.app.create::<Person>(&first).await.expect("a person");
    let before = people_count(&t.app).await;
    // Typed in capitals with the reading in hiragana: the same name.
    let typed = [
        ("family_name", "TANAKA"),
        ("given_name", "hanako"),
        ("name_kana", "たなか はなこ"),
        ("gender", "female"),
        ("nationality", "JP"),
        ("birth_date", "1985-02-03"),
    ];
    let warned = b.submit(NEW, &typed).await.expect(StatusCode::OK).page();
    let list = rows(&warned, "table#duplicate-people");
    assert_eq!(list.len(), 1, "{list:?}");
    assert!(warned.has(&format!("#duplicates a[href='/console/people/{}']", first.id)));
    assert_eq!(list[0][3], "1970", "the birth year tells them apart: {:?}", list[0]);
    assert!(warned.has("#f-different[type=checkbox]:not([checked])"));
    assert_eq!(
        warned.one("#f-name_kana").attr("value"),
        Some("たなか はなこ"),
        "the typing stays"
    );
    assert_eq!(people_count(&t.app).await, before, "nothing was written");
    // Another nationality is another person: no warning.
    let mut korean = typed.to_vec();
    korean[4] = ("nationality", "KR");
    let other = b.submit(NEW, &korean).await.expect(StatusCode::SEE_OTHER);
    assert!(exists(&t.app, person_id(other.location())).await);
    // Confirmed: created.
    let mut confirmed = typed.to_vec();
    confirmed.push(("different", "yes"));
    let made = b.submit(NEW, &confirmed).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(people_count(&t.app).await, before + 2);
    assert_ne!(person_id(made.location()), first.id);
    // Exactly the same Latin names, nationality and (no) birth date cannot be
    // stored twice: the message is beside the birth date, which tells them apart.
    let bare = [
        ("family_name", "Tanaka"),
        ("given_name", "Ichiro"),
        ("gender", "male"),
        ("nationality", "JP"),
        ("different", "yes"),
    ];
    b.submit(NEW, &bare).await.expect(StatusCode::SEE_OTHER);
    let again = b
        .submit(NEW, &bare)
        .await
        .expect(StatusCode::UNPROCESSABLE_ENTITY)
        .page();
    assert!(
        field(&again, "birth_date").has("p.field-error#e-birth_date"),
        "{}",
        again.text()
    );
}

// ------------------------------------------------------------ finding

pub(crate) async fn people_are_found_by_any_form_of_their_name(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    // A demo trainee gets a reading in katakana.
    let trainee = someone_with(&t.app, ParticipationRole::Trainee, 0).await;
    let mut f = trainee.fields.clone();
    f.name_kana = text("グエン・ヴァン・フン");
    t.app
        .update::<Person>(trainee.id, trainee.version, &f)
        .await
        .expect("a reading");
    let href = format!("a[href='/console/people/{}']", trainee.id);
    for q in ["ぐえん", "グエン", "ｸﾞｴﾝ", "ヴァン　フン"] {
        let page = b.page(&format!("/console/people?q={}", kizuna_web_urlencode(q))).await;
        assert!(
            page.has(&format!("table#people {href}")),
            "{q} finds the katakana reading"
        );
        let list = b
            .page(&format!("/console/trainees?q={}", kizuna_web_urlencode(q)))
            .await;
        assert!(list.has(&format!("table#trainees {href}")), "{q} on the trainee list");
    }
    // Latin without accents finds Vietnamese names with them.
    let nguyen: Vec<Person> = t
        .app
        .store
        .select::<Person>(
            &[("family_name", kizuna_store::Value::Text(Some("Nguyễn".to_owned())))],
            Paging { limit: 1000, offset: 0 },
        )
        .await
        .expect("people");
    assert!(nguyen.len() > 1, "the demo has Nguyễn");
    let page = b.page("/console/people?q=nguyen").await;
    let names = page.texts("table#people > tbody > tr > th");
    assert!(!names.is_empty());
    assert!(
        names.iter().all(|n| n.contains("Nguyễn") || n.contains("Nguyen")),
        "{names:?}"
    );
    let total = i64::try_from(nguyen.len()).expect("a count");
    assert!(
        page.one("#people-total").text.contains(&total.to_string()) || total > 50,
        "{} for {total}",
        page.one("#people-total").text
    );
    // Namesakes are told apart: birth year, organisation, nationality, courses.
    let header = page.texts("table#people > thead th");
    for col in ["Nationality", "Born", "Organisation", "Courses"] {
        assert!(header.iter().any(|h| h == col), "{col} in {header:?}");
    }
    assert!(
        page.has("table#people td a[href^='/console/editions/']"),
        "courses link to editions"
    );
    let trainees = b.page("/console/trainees?q=NGUYEN&country=VN").await;
    let found = trainees.texts("table#trainees > tbody > tr > th");
    assert!(
        !found.is_empty() && found.iter().all(|n| n.contains("Nguyễn")),
        "{found:?}"
    );
    assert!(
        trainees.one("#f-q").attr("value") == Some("NGUYEN"),
        "the search stays in its box"
    );
    // Thai is kept as typed: its tone marks matter.
    let mut thai = input("Saetang", Some("Somchai"), "TH");
    thai.name_native = text("สมชาย แซ่ตั้ง");
    let thai = t.app.create::<Person>(&thai).await.expect("a person");
    let href = format!("table#people a[href='/console/people/{}']", thai.id);
    assert!(
        b.page(&format!("/console/people?q={}", kizuna_web_urlencode("แซ่ตั้ง")))
            .await
            .has(&href)
    );
    assert!(
        !b.page(&format!("/console/people?q={}", kizuna_web_urlencode("แซตง")))
            .await
            .has(&href)
    );
    // Nobody: said so.
    let none = b.page("/console/people?q=zzzzqqq").await;
    assert!(!none.has("table#people"));
    assert!(none.text().contains("Nobody with that name was found"));
}

/// Percent-encoding for a query value.
fn kizuna_web_urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// ------------------------------------------------------------ merging

async fn merge_entries(app: &App) -> Vec<kizuna_store::AuditEntry> {
    let filter = AuditFilter {
        action: Some(kizuna_store::Action::Merge),
        ..AuditFilter::default()
    };
    app.audit_log(&filter, Paging { limit: 100, offset: 0 })
        .await
        .expect("the log")
        .0
}

pub(crate) async fn two_records_of_one_person_are_merged(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    // The demo trainee (with courses) was entered again by hand, with a reading.
    let old = someone_with(&t.app, ParticipationRole::Trainee, 3).await;
    let moving = t.app.store.person_references(old.id).await.expect("refs");
    assert!(!moving.participations.is_empty());
    let mut again = old.fields.clone();
    again.birth_date = None;
    again.organisation_id = None;
    again.name_kana = text("テスト カナ");
    let kept = t.app.create::<Person>(&again).await.expect("the duplicate");

    // From the kept person's page: the likely duplicate is offered.
    let page = b.page(&format!("/console/people/{}", kept.id)).await;
    let merge_href = page.one("a#person-merge").attr("href").expect("a link").to_owned();
    let choose = b.page(&merge_href).await;
    let offer = format!(
        "table#merge-likely a[href='/console/people/{}/merge?other={}']",
        kept.id, old.id
    );
    assert!(choose.has(&offer), "{}", choose.text());
    // The confirmation says what moves, nothing written yet.
    let confirm = b
        .page(&format!("/console/people/{}/merge?other={}", kept.id, old.id))
        .await;
    assert_eq!(
        confirm.count("#moving-participations li"),
        moving.participations.len(),
        "every participation is listed"
    );
    let filled: Vec<String> = confirm.texts("#merge-fields td.filled");
    assert!(
        !filled.is_empty(),
        "the birth date and organisation come from the other record"
    );
    assert!(exists(&t.app, old.id).await);
    // Merged: one transaction, then the kept person's page.
    let fields = confirm.form("form#merge-confirm");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let done = b
        .submit(&format!("/console/people/{}/merge", kept.id), &pairs)
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(
        done.location(),
        format!("/console/people/{}?merged={}", kept.id, old.id)
    );
    assert!(!exists(&t.app, old.id).await, "the other record is gone");
    let after = t.app.store.person_references(kept.id).await.expect("refs");
    assert_eq!(
        after.participations.len(),
        moving.participations.len(),
        "the participations moved"
    );
    assert_eq!(after.attendance, moving.attendance, "and the attendance");
    let k = t.app.store.get::<Person>(kept.id).await.expect("kept");
    assert_eq!(k.fields.birth_date, old.fields.birth_date, "an empty field filled");
    assert_eq!(k.fields.organisation_id, old.fields.organisation_id);
    assert_eq!(
        k.fields.name_kana.as_ref().map(Text::as_str),
        Some("テスト カナ"),
        "its own kept"
    );
    let page = b.page(done.location()).await;
    assert!(page.one(".notice.good").text.contains(&old.id.to_string()));
    assert_eq!(page.count("table#roles > tbody > tr"), moving.participations.len());
    // The audit log names both.
    let entries = merge_entries(&t.app).await;
    let staff = t
        .app
        .store
        .user_by_email(STAFF)
        .await
        .expect("a read")
        .expect("staff")
        .0
        .id;
    assert!(entries.iter().any(|e| e.record_id == Some(kept.id)
        && e.detail.as_deref() == Some(&*format!("from person {}", old.id))
        && e.actor_user_id == Some(staff)));
    assert!(
        entries
            .iter()
            .any(|e| e.record_id == Some(old.id) && e.detail.as_deref() == Some(&*format!("into person {}", kept.id)))
    );
    assert!(
        matches!(
            t.app.verify_audit().await.expect("verify"),
            kizuna_store::Verification::Intact { .. }
        ),
        "the chain holds"
    );
    let mut admin = t.admin().await;
    let log = admin.page("/console/audit?action=merge").await;
    assert!(
        log.text().contains(&format!("from person {}", old.id)),
        "{}",
        log.text()
    );
    let ja = admin.page("/console/audit?action=merge&lang=ja").await;
    assert!(ja.text().contains("統合") && ja.text().contains(&format!("人物 {} から", old.id)));

    // An instructor's sessions follow them too.
    let session = t
        .app
        .list::<Session>(
            &BTreeMap::new(),
            Paging {
                limit: 10_000,
                offset: 0,
            },
        )
        .await
        .expect("sessions")
        .0
        .into_iter()
        .find(|s| !s.fields.instructor_ids.is_empty())
        .expect("a session with an instructor");
    let instructor = t
        .app
        .store
        .get::<Person>(session.fields.instructor_ids[0])
        .await
        .expect("the instructor");
    let twin = t
        .app
        .create::<Person>(&{
            let mut i = instructor.fields.clone();
            i.birth_date = chrono::NaiveDate::from_ymd_opt(1960, 1, 1);
            i.email = None;
            i
        })
        .await
        .expect("a twin");
    let confirm = b
        .page(&format!("/console/people/{}/merge?other={}", twin.id, instructor.id))
        .await;
    let fields = confirm.form("form#merge-confirm");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    b.submit(&format!("/console/people/{}/merge", twin.id), &pairs)
        .await
        .expect(StatusCode::SEE_OTHER);
    let s = t.app.store.get::<Session>(session.id).await.expect("the session");
    assert!(
        s.fields.instructor_ids.contains(&twin.id),
        "{:?}",
        s.fields.instructor_ids
    );
    assert!(!s.fields.instructor_ids.contains(&instructor.id));
    assert!(s.version > session.version, "the session's version moved on");
}

pub(crate) async fn a_merge_of_two_people_in_one_edition_or_of_a_changed_record_is_refused(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    // Two trainees of one edition.
    let p = t
        .app
        .list::<Participation>(&one("role", "trainee"), Paging { limit: 1, offset: 0 })
        .await
        .expect("a participation")
        .0
        .remove(0);
    let mates = t
        .app
        .list::<Participation>(&one("edition_id", p.fields.edition_id), Paging::default())
        .await
        .expect("the edition")
        .0;
    let mate = mates
        .iter()
        .find(|m| m.fields.person_id != p.fields.person_id)
        .expect("a classmate")
        .fields
        .person_id;
    let (a, c) = (p.fields.person_id, mate);
    let before = t.app.store.person_references(c).await.expect("refs");
    let page = b.page(&format!("/console/people/{a}/merge?other={c}")).await;
    assert!(page.has("#merge-refused"), "{}", page.text());
    assert!(page.has(&format!(
        "#merge-refused a[href='/console/editions/{}']",
        p.fields.edition_id
    )));
    assert!(!page.has("form#merge-confirm"), "no button to merge");
    let va = t
        .app
        .store
        .get::<Person>(a)
        .await
        .expect("a person")
        .version
        .to_string();
    let vc = t
        .app
        .store
        .get::<Person>(c)
        .await
        .expect("a person")
        .version
        .to_string();
    let refused = b
        .submit(
            &format!("/console/people/{a}/merge"),
            &[
                ("other", &c.to_string()),
                ("keep_version", &va),
                ("remove_version", &vc),
            ],
        )
        .await
        .expect(StatusCode::CONFLICT)
        .page();
    assert!(refused.has("#merge-problem"));
    assert!(exists(&t.app, c).await, "nothing was deleted");
    assert_eq!(
        t.app.store.person_references(c).await.expect("refs"),
        before,
        "nothing moved"
    );

    // A record changed after the confirmation was shown: refused, nothing written.
    let kept = t
        .app
        .create::<Person>(&input("Stale", Some("One"), "TH"))
        .await
        .expect("a");
    let other = t
        .app
        .create::<Person>(&input("Stale", Some("Two"), "TH"))
        .await
        .expect("b");
    let confirm = b
        .page(&format!("/console/people/{}/merge?other={}", kept.id, other.id))
        .await;
    let fields = confirm.form("form#merge-confirm");
    let mut changed = other.fields.clone();
    changed.position = text("Changed meanwhile");
    t.app
        .update::<Person>(other.id, other.version, &changed)
        .await
        .expect("a colleague's change");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let stale = b
        .submit(&format!("/console/people/{}/merge", kept.id), &pairs)
        .await
        .expect(StatusCode::CONFLICT)
        .page();
    assert!(stale.one("#merge-problem").text.contains("changed"), "{}", stale.text());
    assert!(exists(&t.app, other.id).await);
    assert!(merge_entries(&t.app).await.is_empty(), "no merge in the audit log");
    // Without the token: refused.
    let forged = b
        .post_form(
            &format!("/console/people/{}/merge", kept.id),
            &[
                ("other", &other.id.to_string()),
                ("keep_version", "1"),
                ("remove_version", "2"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(exists(&t.app, other.id).await);
}

// ------------------------------------------------------------ deleting

pub(crate) async fn a_person_is_deleted_only_when_nothing_refers_to_them(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b = t.staff().await;
    let trainee = someone_with(&t.app, ParticipationRole::Trainee, 5).await;
    let refs = t.app.store.person_references(trainee.id).await.expect("refs");
    let uri = format!("/console/people/{}/delete", trainee.id);
    let page = b.page(&uri).await;
    assert!(page.has("#delete-refused"));
    assert!(!page.has("form#delete-confirm"));
    for r in &refs.participations {
        assert!(page.has(&format!("#dependants a[href='/console/editions/{}']", r.edition_id)));
    }
    let n = refs.participations.len();
    let counted = if n == 1 {
        "One participation".to_owned()
    } else {
        format!("{n} participations")
    };
    assert!(
        page.one("#dependants").text.contains(&counted),
        "{}",
        page.one("#dependants").text
    );
    let refused = b.submit(&uri, &[]).await.expect(StatusCode::CONFLICT).page();
    assert!(refused.has("#delete-refused"));
    assert!(exists(&t.app, trainee.id).await, "nothing was deleted");

    // An account under their e-mail keeps them too.
    let mut with_account = input("Account", Some("Holder"), "JP");
    with_account.email = text(STAFF);
    let holder = t.app.create::<Person>(&with_account).await.expect("a person");
    let page = b.page(&format!("/console/people/{}/delete", holder.id)).await;
    assert!(page.one("#dependants").text.contains(STAFF), "{}", page.text());
    b.submit(&format!("/console/people/{}/delete", holder.id), &[])
        .await
        .expect(StatusCode::CONFLICT);
    assert!(exists(&t.app, holder.id).await);

    // Nobody refers to this one: confirmed, deleted, logged.
    let alone = t
        .app
        .create::<Person>(&input("Alone", None, "MY"))
        .await
        .expect("a person");
    let uri = format!("/console/people/{}/delete", alone.id);
    let page = b.page(&uri).await;
    assert!(page.has("form#delete-confirm"));
    assert!(exists(&t.app, alone.id).await, "showing the page deletes nothing");
    let forged = b.post_form(&uri, &[]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(exists(&t.app, alone.id).await);
    let done = b.submit(&uri, &[]).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/console/people?deleted=1");
    assert!(!exists(&t.app, alone.id).await);
    assert!(b.page(done.location()).await.has(".notice.good"));
    let filter = AuditFilter {
        action: Some(kizuna_store::Action::Delete),
        record_id: Some(alone.id),
        ..AuditFilter::default()
    };
    let (entries, _) = t.app.audit_log(&filter, Paging::default()).await.expect("the log");
    assert_eq!(entries.len(), 1);
    assert_eq!(
        b.get(&format!("/console/people/{}/delete", alone.id)).await.status,
        StatusCode::NOT_FOUND
    );
}

// ------------------------------------------------------------ languages

pub(crate) async fn the_people_pages_read_in_four_languages(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut b: Browser = t.staff().await;
    let trainee = someone_with(&t.app, ParticipationRole::Trainee, 0).await;
    let mut twin = trainee.fields.clone();
    twin.birth_date = None;
    let twin = t.app.create::<Person>(&twin).await.expect("a twin");
    let alone = t
        .app
        .create::<Person>(&input("Alone", None, "MY"))
        .await
        .expect("a person");
    let mate = t
        .app
        .list::<Participation>(&one("person_id", trainee.id), Paging::default())
        .await
        .expect("p")
        .0[0]
        .fields
        .edition_id;
    let classmate = t
        .app
        .list::<Participation>(&one("edition_id", mate), Paging::default())
        .await
        .expect("p")
        .0
        .into_iter()
        .find(|p| p.fields.person_id != trainee.id)
        .expect("a classmate")
        .fields
        .person_id;
    // Words of the data shown as they are (course, session and organisation
    // names in English where they lack a translation) are not the interface's.
    let mut data: Vec<String> = Vec::new();
    for p in t
        .app
        .list::<kizuna_domain::common::programme::Programme>(&BTreeMap::new(), Paging { limit: 1000, offset: 0 })
        .await
        .expect("p")
        .0
    {
        data.extend(p.fields.title.get("en").map(ToString::to_string));
    }
    for s in t
        .app
        .list::<Session>(
            &BTreeMap::new(),
            Paging {
                limit: 100_000,
                offset: 0,
            },
        )
        .await
        .expect("s")
        .0
    {
        data.extend(s.fields.title.get("en").map(ToString::to_string));
    }
    for o in t
        .app
        .list::<Organisation>(
            &BTreeMap::new(),
            Paging {
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
    let mut ids: Vec<String> = Vec::new();
    for file in ["people", "console"] {
        let en = CATALOGUES
            .iter()
            .find(|(l, f, _)| *l == "en" && *f == file)
            .expect("a catalogue")
            .2;
        ids.extend(message_ids(en));
    }
    for lang in [Lang::Ja, Lang::Th, Lang::Ms] {
        let code = lang.code();
        let mut pages: Vec<(String, Page)> = Vec::new();
        for path in [
            "/console/people".to_owned(),
            "/console/people?q=zzzz".to_owned(),
            "/console/people/new".to_owned(),
            format!("/console/people/{}", trainee.id),
            format!("/console/people/{}/edit", trainee.id),
            format!("/console/people/{}/merge", twin.id),
            format!("/console/people/{}/merge?other={}", twin.id, trainee.id),
            format!("/console/people/{}/merge?other={classmate}", trainee.id),
            format!("/console/people/{}/delete", trainee.id),
            format!("/console/people/{}/delete", alone.id),
            "/console/trainees?q=a".to_owned(),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = b.page(&format!("{path}{sep}lang={code}")).await;
            assert_eq!(page.lang(), code, "{path}");
            pages.push((path, page));
        }
        let warned = b
            .submit(
                NEW,
                &[
                    ("family_name", trainee.fields.family_name.as_str()),
                    (
                        "given_name",
                        trainee.fields.given_name.as_ref().map_or("", Text::as_str),
                    ),
                    ("gender", "female"),
                    ("nationality", trainee.fields.nationality.as_str()),
                    ("email", "bad"),
                ],
            )
            .await
            .page();
        pages.push(("the form with a mistake".to_owned(), warned));
        for (path, page) in &pages {
            // (The signed-in account's address is in the header.)
            let mut text = page.readable().replace(STAFF, " ");
            for d in &data {
                text = text.replace(d.as_str(), " ");
            }
            let left = english_left(lang, &ids, &text);
            assert!(left.is_empty(), "{code} {path}: English left: {left:?}");
        }
    }
    // The form reads errors in the page's language (kept in a cookie since the last page).
    let ja = b.page("/console/people/new?lang=ja").await;
    assert_eq!(ja.lang(), "ja");
    let bad = b
        .submit(NEW, &[("family_name", ""), ("gender", "male"), ("nationality", "JP")])
        .await
        .page();
    assert_eq!(bad.lang(), "ja");
    assert!(field(&bad, "family_name").has(".field-error"));
}
