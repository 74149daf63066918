//! Completion certificates on SQLite and PostgreSQL: issued once to each
//! trainee who completed an edition (not to one still nominated), with a
//! distinct well-formed number, Thai beside Japanese for a Thai trainee
//! and English for a Kenyan one; the PDF passes `qpdf --check` and reads
//! back in both its languages with the number; the credential names no
//! one, verifies with Kizuna's check and with Digital Bazaar's npm
//! verifier, and a one-character change fails both; a revoked one is
//! reported revoked by the npm status list checker reading the status list
//! credential Kizuna serves (and the other still verified); the public look-up
//! shows the course, year, date and status, "revoked" once staff revoke
//! it, answers an unknown or malformed number as not found, and stops a
//! client past its limit.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;
use std::sync::Arc;

use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_app::certificates::{VERIFY_LIMITS, Verification, credential};
use kizuna_docs::engine::Fonts;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::certificate::{CertificateStatus, normalize_number};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::Participation;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;
use serde_json::json;

fn from<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).unwrap()
}

async fn world(backend: Backend) -> (App, i64) {
    let app = App::new(fresh_store(backend).await.unwrap()).with_today("2008-03-31".parse::<NaiveDate>().unwrap());
    let prog: Programme = app
        .create::<Programme>(&from(json!({"key": "food-valley", "kind": "training_course",
            "title": {"en": "Local food industries", "ja": "地域食品産業", "th": "อุตสาหกรรมอาหารท้องถิ่น"}})))
        .await
        .unwrap();
    let ed: Edition = app
        .create::<Edition>(&from(
            json!({"programme_id": prog.id, "key": "food-valley/fy2007", "fiscal_year": 2007,
            "scope": "general", "starts_on": "2008-01-15", "ends_on": "2008-03-14"}),
        ))
        .await
        .unwrap();
    for (family, given, country, status) in [
        ("Wongsakul", "Somchai", "TH", "completed"),
        ("Otieno", "Grace", "KE", "completed"),
        ("Binti Rahman", "Aminah", "MY", "nominated"),
    ] {
        let p: Person = app
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
        app.create::<Participation>(&from(v)).await.unwrap();
    }
    (app, ed.id)
}

fn tools_present() -> bool {
    let missing: Vec<&str> = ["qpdf", "pdftotext", "node"]
        .into_iter()
        .filter(|t| Command::new(t).arg("--version").output().is_err())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!("{missing:?} not installed");
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
    eprintln!("skipped: {why}");
    false
}

kizuna_testkit::on_both!(
    certificates_are_issued_once_to_those_who_completed,
    the_verify_look_up_shows_only_the_certificate_and_its_status,
);

async fn certificates_are_issued_once_to_those_who_completed(backend: Backend) {
    let (app, edition) = world(backend).await;
    let issued = app
        .issue_certificates(edition, "https://kizuna.example/")
        .await
        .unwrap();
    assert_eq!(issued.len(), 2, "two trainees completed; the nominated one gets none");
    assert!(
        app.issue_certificates(edition, "https://kizuna.example")
            .await
            .unwrap()
            .is_empty(),
        "issued once"
    );
    let listed = app.edition_certificates(edition).await.unwrap();
    let mut langs: Vec<(&str, &str)> = listed
        .iter()
        .map(|c| (c.person.fields.nationality.as_str(), c.row.second_lang.as_str()))
        .collect();
    langs.sort_unstable();
    assert_eq!(langs, [("KE", "en"), ("TH", "th")]);
    assert_ne!(issued[0].number, issued[1].number);
    for c in &issued {
        assert_eq!(normalize_number(&c.number).as_deref(), Some(c.number.as_str()));
        assert_eq!(c.status, CertificateStatus::Valid);
        assert_eq!(c.issued_on.to_string(), "2008-03-31");
    }
    let person_certs = app.person_certificates(listed[0].person.id).await.unwrap();
    assert_eq!(person_certs.len(), 1);

    let key = app.certificate_public_key().await.unwrap();
    assert_eq!(key, app.certificate_public_key().await.unwrap(), "one key, kept");
    if !tools_present() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("kizuna-certs-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fonts = Arc::new(Fonts::embedded());
    let mut files = Vec::new();
    for c in &listed {
        let pdf = app.certificate_pdf(&c.row.number, fonts.clone()).await.unwrap();
        let path = dir.join(format!("{}.pdf", c.row.number));
        std::fs::write(&path, &pdf).unwrap();
        let check = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let text: String = String::from_utf8(out.stdout)
            .unwrap()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(text.contains("修了証書"), "{text}");
        assert!(text.contains(&c.row.number), "{text}");
        assert!(text.contains("地域食品産業"), "{text}");
        let name = kizuna_app::certificates::printed_name(&c.person).replace(' ', "");
        assert!(text.contains(&name), "{text}");
        if c.row.second_lang == "th" {
            assert!(text.contains("ประกาศนียบัตรสำเร็จการฝึกอบรม"), "{text}");
            assert!(text.contains("อุตสาหกรรมอาหารท้องถิ่น"), "{text}");
        } else {
            assert!(text.contains("CertificateofCompletion"), "{text}");
        }
        assert!(
            text.contains(&format!("https://kizuna.example/verify/{}", c.row.number)),
            "{text}"
        );

        let vc: serde_json::Value = serde_json::from_str(&c.row.credential).unwrap();
        assert!(
            !c.row.credential.contains(c.person.fields.family_name.as_str()),
            "no name in the credential"
        );
        assert_eq!(vc["credentialSubject"]["identifier"][0]["hashed"], true);
        let salt = vc["credentialSubject"]["identifier"][0]["salt"].as_str().unwrap();
        assert_eq!(
            vc["credentialSubject"]["identifier"][0]["identityHash"],
            credential::identity_hash(&kizuna_app::certificates::printed_name(&c.person), salt)
        );
        assert!(credential::verify(&vc, &key));
        let good = dir.join(format!("{}.json", c.row.number));
        std::fs::write(&good, &c.row.credential).unwrap();
        // One character changed in the course's name.
        let changed = c.row.credential.replacen("地域食品産業", "地域食品産槳", 1);
        assert_ne!(changed, c.row.credential);
        assert!(!credential::verify(&serde_json::from_str(&changed).unwrap(), &key));
        let bad = dir.join(format!("{}-changed.json", c.row.number));
        std::fs::write(&bad, &changed).unwrap();
        files.push((good, true));
        files.push((bad, false));
    }
    // Revoke the first; each certificate's status list as Kizuna serves it.
    let revoked = listed[0].row.number.clone();
    app.revoke_certificate(&revoked, "issued by mistake").await.unwrap();
    let mut lists = Vec::new();
    for c in &listed {
        let list = app.certificate_status_list(&c.row.number).await.unwrap().unwrap();
        assert!(
            credential::verify(&list, &key),
            "the status list is signed by the same key"
        );
        let path = dir.join(format!("{}-status.json", c.row.number));
        std::fs::write(&path, list.to_string()).unwrap();
        lists.push(path);
    }
    assert_eq!(app.certificate_status_list("KZC-0000-0000-0000").await.unwrap(), None);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/credential/verify.mjs");
    let out = Command::new("node")
        .arg(script)
        .args(
            lists
                .iter()
                .flat_map(|l| [std::path::Path::new("--status"), l.as_path()]),
        )
        .args(files.iter().map(|f| &f.0))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said} {}", String::from_utf8_lossy(&out.stderr));
    for (file, ok) in &files {
        let line = said
            .lines()
            .find(|l| l.starts_with(&file.display().to_string()))
            .unwrap();
        let want = match (*ok, file.display().to_string().contains(&revoked)) {
            (false, _) => " failed",
            (true, true) => " revoked",
            (true, false) => " verified",
        };
        assert!(line.contains(want), "{line}: want{want}");
    }
}

async fn the_verify_look_up_shows_only_the_certificate_and_its_status(backend: Backend) {
    let (app, edition) = world(backend).await;
    let issued = app.issue_certificates(edition, "https://kizuna.example").await.unwrap();
    let number = issued[0].number.clone();
    let Verification::Found(v) = app
        .verify_certificate(&number.to_lowercase(), "198.51.100.7")
        .await
        .unwrap()
    else {
        panic!("found")
    };
    assert_eq!(v.number, number);
    assert_eq!(v.course.best("ja"), "地域食品産業");
    assert_eq!(v.fiscal_year.year(), 2007);
    assert_eq!(v.status, CertificateStatus::Valid);
    for unknown in ["KZC-0000-0000-0000", "nonsense", ""] {
        assert_eq!(
            app.verify_certificate(unknown, "198.51.100.7").await.unwrap(),
            Verification::NotFound
        );
    }
    assert!(
        app.revoke_certificate(&number, "  ").await.is_err(),
        "a reason is needed"
    );
    let staff = app.acting(kizuna_app::Actor {
        user_id: None,
        label: "staff-7".into(),
        address: None,
    });
    staff.revoke_certificate(&number, "issued by mistake").await.unwrap();
    assert!(app.revoke_certificate(&number, "again").await.is_err(), "revoked once");
    let Verification::Found(v) = app.verify_certificate(&number, "198.51.100.7").await.unwrap() else {
        panic!("found")
    };
    assert_eq!(v.status, CertificateStatus::Revoked);
    assert_eq!(v.revoked_on, Some("2008-03-31".parse().unwrap()));
    // The audit log says who issued and revoked which numbers.
    let filter = kizuna_store::AuditFilter {
        entity: Some("certificate".into()),
        ..Default::default()
    };
    let (log, _) = app.audit_log(&filter, kizuna_store::Page::ALL).await.unwrap();
    let said: Vec<(String, String, String)> = log
        .iter()
        .map(|e| {
            (
                e.action.clone(),
                e.actor_label.clone(),
                e.detail.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        said.iter()
            .any(|(a, who, d)| a == "update" && who == "staff-7" && d == &format!("revoked {number}")),
        "{said:?}"
    );
    for c in &issued {
        assert!(
            said.iter()
                .any(|(a, _, d)| a == "create" && d.starts_with(&format!("issued {}", c.number))),
            "{said:?}"
        );
    }
    // The client has used 5 look-ups; the rest of its minute, then a wait.
    for _ in 5..VERIFY_LIMITS.per_client {
        assert!(!matches!(
            app.verify_certificate(&number, "198.51.100.7").await.unwrap(),
            Verification::Wait(_)
        ));
    }
    let Verification::Wait(s) = app.verify_certificate(&number, "198.51.100.7").await.unwrap() else {
        panic!("limited")
    };
    assert!((1..=60).contains(&s));
    assert!(
        matches!(
            app.verify_certificate(&number, "203.0.113.9").await.unwrap(),
            Verification::Found(_)
        ),
        "another client"
    );
}
