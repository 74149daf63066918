//! `kizuna alumni` on a demo store, as the real binary answers, on both
//! databases: the follow-ups due (the demo leaves some), the associations
//! by country, and a follow-up file refused by row, column and reason
//! with nothing written, then imported.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::process::Output;

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;
use serde_json::Value;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn items(o: &Output) -> Vec<Value> {
    assert!(o.status.success(), "{}", stderr(o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    v.as_array().expect("a list").clone()
}

async fn due_associations_and_import(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let due = items(&kizuna(&url, &["alumni", "due", "--within", "30d", "--format", "json"]));
    assert!(!due.is_empty(), "the demo leaves follow-ups due");
    for r in &due {
        assert!(r["days_overdue"].as_i64().unwrap() >= -30, "{r}");
        assert!(["m6", "m12"].contains(&r["milestone"].as_str().unwrap()), "{r}");
    }
    let none_ahead = items(&kizuna(&url, &["alumni", "due", "--format", "json"]));
    assert!(none_ahead.len() <= due.len());
    let bad = kizuna(&url, &["alumni", "due", "--within", "soon"]);
    assert!(
        !bad.status.success() && stderr(&bad).contains("number of days"),
        "{}",
        stderr(&bad)
    );

    let th = items(&kizuna(
        &url,
        &["alumni", "associations", "--country", "TH", "--format", "json"],
    ));
    assert_eq!(th.len(), 1);
    assert_eq!(th[0]["country"], "TH");
    assert!(th[0]["members"].as_i64().unwrap() >= 1, "{}", th[0]);
    let all = items(&kizuna(&url, &["alumni", "associations", "--format", "json"]));
    assert_eq!(all.len(), 3);

    // A due follow-up of a course: import it from a file.
    let first = due
        .iter()
        .find(|r| r["about"]["kind"] == "participation")
        .expect("a course follow-up due");
    let pid = first["about"]["id"].as_i64().unwrap();
    let milestone = first["milestone"].as_str().unwrap();
    let file = std::env::temp_dir().join(format!("kizuna-follow-ups-{}-{backend:?}.csv", std::process::id()));
    std::fs::write(
        &file,
        format!(
            "participation_id,milestone,done_on,progress,notes_en\n{pid},{milestone},1999-01-01,in_progress,Called\n"
        ),
    )
    .unwrap();
    let o = kizuna(&url, &["alumni", "import", "follow-ups", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("row 2") && err.contains("done_on"), "{err}");
    assert_eq!(
        items(&kizuna(&url, &["alumni", "due", "--within", "30d", "--format", "json"])).len(),
        due.len()
    );

    let done_on = first["due_on"].as_str().unwrap();
    std::fs::write(
        &file,
        format!(
            "participation_id,milestone,done_on,progress,notes_en\n{pid},{milestone},{done_on},in_progress,Called\n"
        ),
    )
    .unwrap();
    let o = kizuna(
        &url,
        &["alumni", "import", "follow-ups", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(o.status.success() && stderr(&o).contains("dry run"), "{}", stderr(&o));
    assert_eq!(
        items(&kizuna(&url, &["alumni", "due", "--within", "30d", "--format", "json"])).len(),
        due.len()
    );
    let o = kizuna(&url, &["alumni", "import", "follow-ups", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        items(&kizuna(&url, &["alumni", "due", "--within", "30d", "--format", "json"])).len(),
        due.len() - 1
    );
    std::fs::remove_file(&file).ok();
}

kizuna_testkit::on_both!(due_associations_and_import);
