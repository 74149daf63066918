//! `kizuna certificates` as the real binary answers, on both databases:
//! `issue --edition` prints a number and verify URL for the trainee who
//! completed and none for the one still nominated (and none the second
//! time), `list` shows it valid, `pdf` writes a PDF and `credential` the
//! signed JSON without the trainee's name, `revoke` without a reason is
//! refused and with one shows the certificate revoked in `list`.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::{Command, Output};

use kizuna_app::App;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::Participation;
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;
use serde_json::json;

fn kizuna(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(db)
        .args(args)
        .env_remove("KIZUNA_DATABASE_URL")
        .env_remove("KIZUNA_PUBLIC_URL")
        .output()
        .unwrap()
}

macro_rules! from {
    ($v:expr $(,)?) => {
        serde_json::from_value($v).unwrap()
    };
}

kizuna_testkit::on_both!(issue_list_download_and_revoke);

async fn issue_list_download_and_revoke(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap());
    let prog: Programme = app
        .create::<Programme>(&from!(json!({"key": "food-valley", "kind": "training_course",
            "title": {"en": "Local food industries", "ja": "地域食品産業"}})))
        .await
        .unwrap();
    let ed: Edition = app
        .create::<Edition>(&from!(
            json!({"programme_id": prog.id, "key": "food-valley/fy2007", "fiscal_year": 2007,
            "scope": "general", "starts_on": "2008-01-15", "ends_on": "2008-03-14"}),
        ))
        .await
        .unwrap();
    for (family, status) in [("Otieno", "completed"), ("Wanjiru", "nominated")] {
        let p: Person = app
            .create::<Person>(&from!(
                json!({"family_name": family, "given_name": "Grace", "gender": "female", "nationality": "KE"}),
            ))
            .await
            .unwrap();
        let mut v = json!({"edition_id": ed.id, "person_id": p.id, "role": "trainee", "status": status, "nominated_on": "2007-11-01"});
        if status == "completed" {
            v["accepted_on"] = json!("2007-12-01");
            v["arrived_on"] = json!("2008-01-15");
            v["completed_on"] = json!("2008-03-14");
        }
        app.create::<Participation>(&from!(v)).await.unwrap();
    }
    let edition = ed.id.to_string();
    let o = kizuna(
        &url,
        &[
            "certificates",
            "issue",
            "--edition",
            &edition,
            "--base-url",
            "https://kizuna.example",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    let (number, verify) = lines[0].split_once('\t').unwrap();
    assert_eq!(verify, format!("https://kizuna.example/verify/{number}"));
    let again = kizuna(&url, &["certificates", "issue", "--edition", &edition]);
    assert!(again.stdout.is_empty(), "issued once");

    let list = String::from_utf8(kizuna(&url, &["certificates", "list", "--edition", &edition]).stdout).unwrap();
    assert!(list.starts_with(&format!("{number}\tvalid\t")), "{list}");
    assert!(list.contains("OTIENO Grace"), "{list}");

    let dir = std::env::temp_dir().join(format!("kizuna-cli-certs-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("c.pdf");
    let o = kizuna(&url, &["certificates", "pdf", number, "-o", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let o = kizuna(&url, &["certificates", "credential", number]);
    let vc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(vc["type"][1], "OpenBadgeCredential");
    assert!(!vc.to_string().contains("Otieno") && !vc.to_string().contains("OTIENO"));

    let o = kizuna(&url, &["certificates", "revoke", number, "--reason", " "]);
    assert!(!o.status.success(), "a reason is required");
    let o = kizuna(
        &url,
        &["certificates", "revoke", number, "--reason", "issued by mistake"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let list = String::from_utf8(kizuna(&url, &["certificates", "list", "--edition", &edition]).stdout).unwrap();
    assert!(list.starts_with(&format!("{number}\trevoked\t")), "{list}");
}
