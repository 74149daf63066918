//! The audit log through the web: writes through the API and the console
//! leave one entry each with the right account, channel, record and
//! action; a person page view and a trainee export are logged; the log's
//! page is for administrators only; a person's data downloads as JSON and
//! an administrator can erase them.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use axum::http::StatusCode;
use kizuna_domain::common::account::Role;
use kizuna_store::{AuditEntry, AuditFilter, Backend, Page as Paging, Verification};
use kizuna_testkit::{PASSWORD, STAFF, TestApp};
use serde_json::json;

const ADMIN: &str = "auditor-admin@example.org";

async fn newest(t: &TestApp, after: i64) -> Vec<AuditEntry> {
    let (all, _) = t.app.audit_log(&AuditFilter::default(), Paging::ALL).await.unwrap();
    all.into_iter().filter(|e| e.id > after).collect()
}

async fn last_id(t: &TestApp) -> i64 {
    t.app
        .audit_log(&AuditFilter::default(), Paging { limit: 1, offset: 0 })
        .await
        .unwrap()
        .0
        .first()
        .map_or(0, |e| e.id)
}

async fn staff_id(t: &TestApp, email: &str) -> i64 {
    t.app.store.user_by_email(email).await.unwrap().unwrap().0.id
}

pub(crate) async fn writes_views_and_exports_are_logged_with_their_actor(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let staff = staff_id(&t, STAFF).await;
    // An API write: one entry, as the token's account, through the API.
    let mut api = t.api().await;
    let before = last_id(&t).await;
    let a = api
        .json(
            "POST",
            "/api/v1/localities",
            Some(
                &json!({"key": "jp/hokkaido/otaru", "country": "JP", "level": "municipality", "name": {"en": "Otaru"}}),
            ),
        )
        .await
        .expect(StatusCode::CREATED);
    let id = a.json()["id"].as_i64().unwrap();
    let got = newest(&t, before).await;
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        (
            got[0].action.as_str(),
            got[0].entity.as_str(),
            got[0].record_id,
            got[0].actor_user_id,
            got[0].actor_label.as_str()
        ),
        ("create", "locality", Some(id), Some(staff), "api")
    );
    // A console write: one entry, as the signed-in account, through the console.
    let mut b = t.staff().await;
    let before = last_id(&t).await;
    let a = b
        .submit(
            "/console/courses/new",
            &[("key", "audit-course"), ("title_en", "Audited course")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.text());
    let got = newest(&t, before).await;
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        (
            got[0].action.as_str(),
            got[0].entity.as_str(),
            got[0].actor_user_id,
            got[0].actor_label.as_str()
        ),
        ("create", "programme", Some(staff), "console")
    );
    // A person page view and a trainee export.
    let before = last_id(&t).await;
    b.get("/console/people/5").await.expect(StatusCode::OK);
    let got = newest(&t, before).await;
    assert!(
        got.iter()
            .any(|e| e.action == "view" && e.record_id == Some(5) && e.actor_user_id == Some(staff)),
        "{got:#?}"
    );
    t.app.add_user(ADMIN, Role::Admin, None, Some(PASSWORD)).await.unwrap();
    let mut admin = t.browser();
    admin.sign_in(ADMIN, PASSWORD).await;
    let admin_id = staff_id(&t, ADMIN).await;
    let before = last_id(&t).await;
    admin.get("/console/trainees.csv").await.expect(StatusCode::OK);
    let got = newest(&t, before).await;
    assert!(
        got.iter()
            .any(|e| e.action == "export" && e.entity == "trainee" && e.actor_user_id == Some(admin_id)),
        "{got:#?}"
    );
    // The API's person read.
    let before = last_id(&t).await;
    api.get("/api/v1/people/6").await.expect(StatusCode::OK);
    let got = newest(&t, before).await;
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].action.as_str(), got[0].record_id), ("view", Some(6)));
    assert!(matches!(
        t.app.verify_audit().await.unwrap(),
        Verification::Intact { .. }
    ));
}

pub(crate) async fn the_audit_page_is_for_administrators(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut staff = t.staff().await;
    assert_eq!(staff.get("/console/audit").await.status, StatusCode::FORBIDDEN);
    let mut anon = t.browser();
    assert_eq!(anon.get("/console/audit").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        t.partner().await.get("/console/audit").await.status,
        StatusCode::FORBIDDEN
    );
    t.app.add_user(ADMIN, Role::Admin, None, Some(PASSWORD)).await.unwrap();
    let mut admin = t.browser();
    admin.sign_in(ADMIN, PASSWORD).await;
    staff.get("/console/people/7").await.expect(StatusCode::OK);
    let page = admin.page("/console/audit?action=view&entity=person&record=7").await;
    let rows = page.select("#audit > tbody > tr");
    assert_eq!(rows.len(), 1, "{}", page.html());
    assert!(rows[0].text.contains("person 7"), "{}", rows[0].text);
    assert_eq!(rows[0].attr("data-action"), Some("view"));
    // Paged: 50 a page, the next page linked.
    let all = admin.page("/console/audit").await;
    assert_eq!(all.select("#audit > tbody > tr").len(), 50);
    assert!(!all.select("a[rel=next]").is_empty());
    // A filter that cannot be read is named, not a crash.
    let bad = admin.page("/console/audit?record=abc&from=yesterday").await;
    assert!(!bad.select("p.error").is_empty());
    // Dates: nothing before the demo existed.
    let none = admin.page("/console/audit?to=2000-01-01").await;
    assert!(none.select("#audit").is_empty());
}

pub(crate) async fn a_person_downloads_and_erasure_is_for_administrators(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let mut staff = t.staff().await;
    let a = staff.get("/console/people/5/export.json").await.expect(StatusCode::OK);
    assert_eq!(a.header("content-type"), "application/json");
    assert!(
        a.header("content-disposition").starts_with("attachment"),
        "{}",
        a.header("content-disposition")
    );
    let x = a.json();
    assert_eq!(x["person"]["id"], 5);
    assert!(x["participations"].as_array().is_some_and(|p| !p.is_empty()));
    let page = staff.page("/console/people/5").await;
    assert!(!page.select("#person-export").is_empty());
    assert!(page.select("#person-erase").is_empty(), "staff see no erase button");
    let csrf = staff.csrf();
    let a = staff
        .post_form("/console/people/5/erase", &[("csrf", &csrf), ("confirm", "yes")])
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    t.app.add_user(ADMIN, Role::Admin, None, Some(PASSWORD)).await.unwrap();
    let mut admin = t.browser();
    admin.sign_in(ADMIN, PASSWORD).await;
    let page = admin.page("/console/people/5").await;
    assert!(!page.select("#person-erase").is_empty());
    let a = admin.submit("/console/people/5/erase", &[]).await;
    assert_eq!(
        a.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unconfirmed: nothing erased"
    );
    let a = admin.submit("/console/people/5/erase", &[("confirm", "yes")]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let p = t
        .app
        .store
        .get::<kizuna_domain::common::person::Person>(5)
        .await
        .unwrap();
    assert_eq!(p.fields.family_name.as_str(), "erased person 5");
}

/// Canary: known passwords, a token, e-mails and a person's names pushed
/// through the audited flows never appear in any audit entry.
pub(crate) async fn audit_entries_hold_no_personal_data_or_secret(backend: Backend) {
    let t = TestApp::demo(backend).await;
    let token = t.app.create_token(STAFF, "canary").await.unwrap();
    let mut api = t.browser().with_token(&token);
    let p = t
        .app
        .store
        .get::<kizuna_domain::common::person::Person>(8)
        .await
        .unwrap();
    let a = api.get("/api/v1/people/8").await.expect(StatusCode::OK);
    let version = a.json()["version"].as_i64().unwrap();
    let mut body = a.json();
    body.as_object_mut()
        .unwrap()
        .retain(|k, _| !matches!(k.as_str(), "id" | "version" | "office_id"));
    body["email"] = json!("canary.person@example.org");
    api.put_json("/api/v1/people/8", version, &body)
        .await
        .expect(StatusCode::OK);
    let mut staff = t.staff().await;
    staff.get("/console/people/8").await.expect(StatusCode::OK);
    staff.get("/console/people/8/export.json").await.expect(StatusCode::OK);
    t.app.add_user(ADMIN, Role::Admin, None, Some(PASSWORD)).await.unwrap();
    let mut admin = t.browser();
    admin.sign_in(ADMIN, PASSWORD).await;
    admin.submit("/console/people/8/erase", &[("confirm", "yes")]).await;
    let (all, _) = t.app.audit_log(&AuditFilter::default(), Paging::ALL).await.unwrap();
    let mut canaries = vec![
        PASSWORD.to_owned(),
        token.clone(),
        STAFF.to_owned(),
        ADMIN.to_owned(),
        "canary.person@example.org".to_owned(),
        p.fields.family_name.to_string(),
    ];
    canaries.extend(p.fields.given_name.iter().map(ToString::to_string));
    for e in &all {
        let text = format!(
            "{} {} {} {} {}",
            e.actor_label,
            e.address.as_deref().unwrap_or(""),
            e.action,
            e.entity,
            e.detail.as_deref().unwrap_or("")
        );
        for c in &canaries {
            assert!(!text.contains(c.as_str()), "entry {} holds {c}: {text}", e.id);
        }
    }
    assert!(all.iter().any(|e| e.action == "erase" && e.record_id == Some(8)));
}

/// Signing in, and what administrators do to accounts and tokens, is
/// logged as theirs (the sign-in with the client's address), and
/// the log reads in the page's language: kinds of record, channels and
/// details too, with no English left in Japanese, Thai or Malay.
pub(crate) async fn account_changes_are_logged_and_read_in_every_language(backend: Backend) {
    use kizuna_i18n::{CATALOGUES, Lang, message_ids};
    use kizuna_testkit::english::english_left;

    let t = TestApp::demo(backend).await;
    let staff = staff_id(&t, STAFF).await;
    let admin = staff_id(&t, kizuna_testkit::ADMIN).await;
    let before = last_id(&t).await;
    let mut b = t.admin().await;
    for (path, fields) in [
        (
            "/admin/accounts".to_owned(),
            vec![("email", "new.staff@example.org"), ("role", "staff")],
        ),
        (format!("/admin/accounts/{staff}/reset-password"), vec![]),
        (format!("/admin/accounts/{staff}/disable"), vec![]),
        (format!("/admin/accounts/{staff}/enable"), vec![]),
        (
            "/admin/tokens".to_owned(),
            vec![("user", STAFF), ("name", "nightly"), ("scope", "read"), ("days", "30")],
        ),
    ] {
        let a = b.submit(&path, &fields).await;
        assert!(
            a.status.is_success() || a.status.is_redirection(),
            "{path}: {}",
            a.status
        );
    }
    let token = t.app.tokens(Some(STAFF)).await.unwrap()[0].id;
    let a = b.submit(&format!("/admin/tokens/{token}/revoke"), &[]).await;
    assert!(a.status.is_redirection(), "revoke: {}", a.status);
    // (action, entity, record, detail, actor)
    type Logged = (String, String, Option<i64>, Option<String>, Option<i64>);
    let logged: Vec<Logged> = newest(&t, before)
        .await
        .into_iter()
        .rev()
        .map(|e| (e.action, e.entity, e.record_id, e.detail, e.actor_user_id))
        .collect();
    let new = staff_id(&t, "new.staff@example.org").await;
    let want = [
        ("sign_in", "account", Some(admin), None),
        ("create", "account", Some(new), Some("role-staff")),
        ("update", "account", Some(new), Some("reset-link")),
        ("update", "account", Some(staff), Some("reset-link")),
        ("update", "account", Some(staff), Some("disabled")),
        ("update", "account", Some(staff), Some("enabled")),
        ("create", "token", Some(token), Some("scope-read")),
        ("update", "token", Some(token), Some("revoked")),
    ];
    assert_eq!(logged.len(), want.len(), "{logged:?}");
    for (got, want) in logged.iter().zip(want) {
        assert_eq!(
            (got.0.as_str(), got.1.as_str(), got.2, got.3.as_deref()),
            want,
            "{logged:?}"
        );
        assert_eq!(got.4, Some(admin), "done by the administrator: {got:?}");
    }
    let (signed_in, _) = t
        .app
        .audit_log(
            &AuditFilter {
                action: Some(kizuna_store::Action::SignIn),
                ..AuditFilter::default()
            },
            Paging::ALL,
        )
        .await
        .unwrap();
    assert!(
        signed_in.iter().all(|e| e.address.is_some()),
        "a sign-in says where from: {signed_in:?}"
    );
    assert!(
        matches!(t.app.verify_audit().await.unwrap(), Verification::Intact { .. }),
        "the chain holds"
    );

    // The page in each language: no English message left, and the kinds,
    // channels and details in the reader's words.
    let ids: Vec<String> = CATALOGUES
        .iter()
        .filter(|(l, f, _)| *l == "en" && *f == "audit")
        .flat_map(|(_, _, text)| message_ids(text))
        .collect();
    for (lang, account, disabled) in [
        (Lang::En, "account", "disabled"),
        (Lang::Ja, "アカウント", "無効化"),
        (Lang::Th, "บัญชี", "ปิดใช้งาน"),
        (Lang::Ms, "akaun", "dinyahdayakan"),
    ] {
        let code = lang.code();
        let page = b.page(&format!("/console/audit?entity=account&lang={code}")).await;
        let text = page.readable();
        assert!(text.contains(&format!("{account} {staff}")), "{code}: {text}");
        assert!(text.contains(disabled), "{code}: {text}");
        if lang != Lang::En {
            let left = english_left(lang, &ids, &text);
            assert!(left.is_empty(), "{code}: English on the audit page: {left:?}");
        }
    }
}
