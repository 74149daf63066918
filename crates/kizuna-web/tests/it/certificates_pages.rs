//! Completion certificates through the router, on SQLite and PostgreSQL.
//!
//! Staff: an edition's certificates page counts the trainees who completed
//! and have none, issues theirs with the form token (not without it), lists
//! each with its PDF (a PDF), credential and verify links; revoking asks
//! for a reason (422 without one) and the list then says revoked; the
//! person's page lists theirs; anonymous visitors reach none of it.
//!
//! Public: `/verify/NUMBER` in en, ja, th and ms shows valid or revoked
//! (with the day), the course in the reader's language or marked with its
//! fallback; an unknown number answers 404 with the not-found message and
//! a body of exactly the same size as a known one's (the padding's size
//! class); the JSON twin likewise; neither names the trainee nor gives the
//! person's id; the credential and its status list are served (the list's
//! bit changing on revocation); past the limit, 429 with `Retry-After`
//! and the wait in the reader's language.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use axum::http::StatusCode;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::Participation;
use kizuna_store::Backend;
use kizuna_testkit::TestApp;
use serde_json::json;

kizuna_testkit::on_both!(
    staff_issue_list_download_and_revoke,
    the_verify_pages_show_only_the_certificate
);

fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).unwrap()
}

/// An edition (course titled in en and ja only) with two trainees who
/// completed and one still nominated; the people's ids.
async fn world(t: &TestApp) -> (i64, Vec<Person>) {
    let prog: Programme = t
        .app
        .create::<Programme>(&from(json!({"key": "food-valley", "kind": "training_course",
            "title": {"en": "Local food industries", "ja": "地域食品産業"}})))
        .await
        .unwrap();
    let ed: Edition = t
        .app
        .create::<Edition>(&from(json!({"programme_id": prog.id, "key": "food-valley/fy2007",
            "fiscal_year": 2007, "scope": "general", "starts_on": "2008-01-15", "ends_on": "2008-03-14"})))
        .await
        .unwrap();
    let mut people = Vec::new();
    for (family, given, country, status) in [
        ("Wongsakul", "Somchai", "TH", "completed"),
        ("Otieno", "Grace", "KE", "completed"),
        ("Rahmanova", "Aminah", "MY", "nominated"),
    ] {
        let p: Person = t
            .app
            .create::<Person>(&from(
                json!({"family_name": family, "given_name": given, "gender": "unspecified", "nationality": country}),
            ))
            .await
            .unwrap();
        let mut v = json!({"edition_id": ed.id, "person_id": p.id, "role": "trainee", "status": status,
            "nominated_on": "2007-11-01"});
        if status == "completed" {
            v["accepted_on"] = json!("2007-12-01");
            v["arrived_on"] = json!("2008-01-15");
            v["completed_on"] = json!("2008-03-14");
        }
        t.app.create::<Participation>(&from(v)).await.unwrap();
        people.push(p);
    }
    (ed.id, people)
}

async fn staff_issue_list_download_and_revoke(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let (edition, people) = world(&t).await;
    let path = format!("/console/editions/{edition}/certificates");

    let mut anon = t.browser();
    let a = anon.get(&path).await;
    assert!(
        a.status.is_redirection() && a.location().starts_with("/sign-in"),
        "{}",
        a.status
    );

    let mut staff = t.staff().await;
    let page = staff.page(&path).await;
    assert!(
        page.one("#cert-issue").text.contains("2 trainees completed"),
        "{}",
        page.one("#cert-issue").text
    );
    assert!(!page.has("#certificates"));
    // The edition's page links here.
    let ed_page = staff.page(&format!("/console/editions/{edition}")).await;
    assert_eq!(ed_page.one("#edition-certificates").attr("href"), Some(path.as_str()));

    // Without the form token nothing is issued.
    let refused = staff.post_form(&path, &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let done = staff.submit(&path, &[]).await;
    assert!(done.status.is_redirection(), "{}", done.text());
    assert_eq!(done.location(), format!("{path}?issued=2"));
    let page = staff.page(done.location()).await;
    assert!(page.one("#cert-notice").text.contains("2 certificates issued"));
    assert_eq!(page.count("#certificates tbody tr"), 2);
    assert!(!page.has("#cert-issue-button"), "nobody left to issue to");
    let text = page.text();
    assert!(text.contains("WONGSAKUL") || text.contains("Wongsakul"), "{text}");
    assert!(!text.contains("Rahmanova"), "the nominated trainee has none");
    let numbers = page.texts("#certificates tbody th code");
    assert_eq!(numbers.len(), 2);
    // Issuing again issues nothing.
    let again = staff.submit(&path, &[]).await;
    assert_eq!(again.location(), format!("{path}?issued=0"));

    // The PDF.
    let pdf = staff.get(&format!("/console/certificates/{}/pdf", numbers[0])).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
    assert!(pdf.header("content-disposition").contains(&numbers[0]));
    assert_eq!(
        anon.get(&format!("/console/certificates/{}/pdf", numbers[0]))
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    // Revoking needs a reason.
    let revoke = format!("/console/certificates/{}/revoke", numbers[0]);
    let form = staff.page(&revoke).await;
    assert!(form.has("#cert-reason"));
    let empty = staff.submit(&revoke, &[("reason", "   ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.page().one("#cert-reason-error").text.contains("Say why"));
    let done = staff.submit(&revoke, &[("reason", "issued by mistake")]).await;
    assert!(done.status.is_redirection(), "{}", done.text());
    let page = staff.page(done.location()).await;
    assert!(page.one("#cert-notice").text.contains(&numbers[0]));
    let row = page.one(&format!("#cert-{}", numbers[0])).text;
    assert!(row.contains("Revoked") && row.contains("issued by mistake"), "{row}");
    assert_eq!(page.count(".cert-revoke"), 1, "only the valid one can be revoked");
    assert_eq!(staff.get(&revoke).await.status, StatusCode::NOT_FOUND, "revoked once");

    // The person's page lists theirs.
    let issued = t.app.edition_certificates(edition).await.unwrap();
    let holder = issued.iter().find(|c| c.row.number == numbers[1]).unwrap().person.id;
    let person = staff.page(&format!("/console/people/{holder}")).await;
    assert!(person.one("#person-certificates").text.contains("certificates") || person.has("#certificates"));
    assert!(person.texts("#certificates tbody th").contains(&numbers[1]));
    let nominated = people
        .iter()
        .find(|p| p.fields.family_name.as_str() == "Rahmanova")
        .unwrap()
        .id;
    assert!(
        !staff
            .page(&format!("/console/people/{nominated}"))
            .await
            .has("#certificates")
    );
}

async fn the_verify_pages_show_only_the_certificate(backend: Backend) {
    let t = TestApp::empty(backend).await;
    let (edition, people) = world(&t).await;
    let issued = t
        .app
        .issue_certificates(edition, "https://kizuna.example")
        .await
        .unwrap();
    let (valid, revoked) = (issued[0].number.clone(), issued[1].number.clone());
    t.app.revoke_certificate(&revoked, "name misspelt").await.unwrap();
    let unknown = "KZC-0000-0000-0000";
    let mut b = t.browser();

    let private: Vec<String> = people
        .iter()
        .flat_map(|p| {
            [
                p.fields.family_name.as_str().to_owned(),
                p.fields.family_name.as_str().to_uppercase(),
                p.fields
                    .given_name
                    .as_ref()
                    .map(|g| g.as_str().to_owned())
                    .unwrap_or_default(),
                format!("people/{}", p.id),
            ]
        })
        .chain(["name misspelt".to_owned()])
        .collect();
    let no_personal_data = |what: &str, body: &str| {
        for p in &private {
            assert!(!body.contains(p.as_str()), "{what} shows {p}");
        }
    };

    // Four languages × valid, revoked, unknown = 12 look-ups.
    for (lang, valid_word, revoked_word, not_found, course) in [
        (
            "en",
            "Valid",
            "Revoked",
            "No certificate has this number.",
            "Local food industries",
        ),
        ("ja", "有効", "取消", "この番号の証書はありません。", "地域食品産業"),
        ("th", "มีผล", "เพิกถอน", "ไม่มีประกาศนียบัตรเลขที่นี้", "Local food industries"),
        (
            "ms",
            "Sah",
            "Dibatalkan",
            "Tiada sijil dengan nombor ini.",
            "Local food industries",
        ),
    ] {
        let ok = b.get(&format!("/verify/{valid}?lang={lang}")).await;
        assert_eq!(ok.status, StatusCode::OK, "{lang}");
        let page = ok.page();
        let status = page.one("#verify-status").text;
        assert!(status.contains(valid_word), "{lang}: {status}");
        assert_eq!(page.one("#verify-number").text.trim(), valid);
        let shown_course = page.one("#verify-course").text;
        assert!(shown_course.contains(course), "{lang}: {shown_course}");
        if lang == "th" || lang == "ms" {
            // No Thai or Malay title: the English one, marked as such.
            assert!(
                shown_course.trim() != course,
                "{lang}: the fallback is marked: {shown_course}"
            );
        }
        assert!(page.text().contains("2007"), "{lang}: the fiscal year");
        no_personal_data(lang, &ok.text());

        let gone = b.get(&format!("/verify/{revoked}?lang={lang}")).await;
        assert_eq!(gone.status, StatusCode::OK);
        let status = gone.page().one("#verify-status").text;
        assert!(status.contains(revoked_word), "{lang}: {status}");
        no_personal_data(lang, &gone.text());

        let missing = b.get(&format!("/verify/{unknown}?lang={lang}")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert!(
            missing.page().one("#verify-not-found").text.contains(not_found),
            "{lang}"
        );
        // Known and unknown fall in one size class: here, the same size.
        assert_eq!(ok.body.len(), missing.body.len(), "{lang}: valid and unknown");
        assert_eq!(gone.body.len(), missing.body.len(), "{lang}: revoked and unknown");
        assert_eq!(missing.body.len() % 8192, 0);
    }

    // The JSON twin: 2 look-ups.
    let j = b.get(&format!("/verify/{revoked}.json")).await;
    assert_eq!(j.status, StatusCode::OK);
    let v = j.json();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "course",
            "credential",
            "fiscal_year",
            "fiscal_year_label",
            "issued_on",
            "number",
            "revoked_on",
            "status"
        ]
    );
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["revoked_on"], t.app.today().to_string());
    assert_eq!(v["fiscal_year"], 2007);
    assert_eq!(v["course"]["ja"], "地域食品産業");
    no_personal_data("json", &j.text());
    let jn = b.get(&format!("/verify/{unknown}.json")).await;
    assert_eq!(jn.status, StatusCode::NOT_FOUND);
    assert_eq!(jn.json()["status"], "not_found");
    assert_eq!(j.body.len(), jn.body.len(), "JSON: known and unknown");

    // The credential and its status list: 3 look-ups.
    let c = b.get(&format!("/verify/{valid}/credential")).await;
    assert_eq!(c.status, StatusCode::OK);
    let vc = c.json();
    assert_eq!(vc["id"], format!("https://kizuna.example/verify/{valid}"));
    assert_eq!(
        vc["credentialStatus"]["statusListCredential"],
        format!("https://kizuna.example/verify/{valid}/status")
    );
    no_personal_data("credential", &c.text());
    let s_valid = b.get(&format!("/verify/{valid}/status")).await.json();
    let s_revoked = b.get(&format!("/verify/{revoked}/status")).await.json();
    assert_eq!(s_valid["credentialSubject"]["type"], "BitstringStatusList");
    assert_eq!(s_valid["issuer"], vc["issuer"]["id"]);
    assert_ne!(
        s_valid["credentialSubject"]["encodedList"],
        s_revoked["credentialSubject"]["encodedList"]
    );

    // The form goes to the number's page.
    let f = b.get("/verify?number=kzc%200000%200000%200000&lang=ja").await;
    assert_eq!(f.location(), format!("/verify/{unknown}?lang=ja"));
    assert!(b.page("/verify?lang=ms").await.has("#verify-form"));

    // 17 look-ups so far in this minute; 13 more are let in, then 429.
    for _ in 17..30 {
        assert_ne!(
            b.get(&format!("/verify/{valid}")).await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let over = b.get(&format!("/verify/{valid}?lang=ja")).await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = over.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(over.page().text().contains("秒待って"), "{}", over.text());
    let over_json = b.get(&format!("/verify/{valid}.json")).await;
    assert_eq!(over_json.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(over_json.json()["retry_after"], wait);
    // A minute later, let in again.
    t.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(b.get(&format!("/verify/{valid}")).await.status, StatusCode::OK);
}
