//! `kizuna tourism` as the real binary answers, on both databases: a
//! flows file with a bad value refused whole, naming row, column and
//! reason (nothing written); a good one imported, then a later stage
//! replacing an earlier one and an earlier one reported and not applied;
//! the figures listed and shown both ways with the stages footnoted.

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

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn flows(url: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(&stdout(&kizuna(url, &["tourism", "flows", "--format", "json"])))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

kizuna_testkit::on_both!(flows_imported_listed_and_shown_both_ways);

async fn flows_imported_listed_and_shown_both_ways(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let dir = std::env::temp_dir().join(format!("kizuna-tourism-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let bad = file(
        "bad.csv",
        "origin,destination,stage,2023-01,2023-02\nTH,JP,preliminary,1200,lots\n",
    );
    let o = kizuna(&url, &["tourism", "import", &bad]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("row 2") && err.contains("2023-02") && err.contains("lots"),
        "{err}"
    );
    assert!(flows(&url).is_empty(), "nothing written");

    let good = file(
        "jnto.csv",
        "nationality,destination,stage,2023年1月,2023年2月\nTH,JP,preliminary,\"1,200\",1500\nJP,Thailand,preliminary,300,\n",
    );
    let o = kizuna(&url, &["tourism", "import", &good, "--note", "test figures"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("3 added"), "{}", stderr(&o));
    assert_eq!(flows(&url).len(), 3);

    let later = file("final.csv", "origin,destination,stage,2023-01\nTH,JP,definitive,1250\n");
    let o = kizuna(&url, &["tourism", "import", &later]);
    assert!(stderr(&o).contains("1 replaced"), "{}", stderr(&o));
    let earlier = file("late.csv", "origin,destination,stage,2023-01\nTH,JP,provisional,1100\n");
    let o = kizuna(&url, &["tourism", "import", &earlier]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("1 kept at a later stage"), "{}", stderr(&o));
    let th_jp: Vec<Value> = serde_json::from_str(&stdout(&kizuna(
        &url,
        &["tourism", "flows", "--origin", "TH", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(th_jp[0]["visitors"], 1250);
    assert_eq!(th_jp[0]["stage"], "definitive");

    let table = stdout(&kizuna(&url, &["tourism", "two-way", "TH", "JP"]));
    assert!(
        table.contains("2023-01") && table.contains("1250") && table.contains("300*"),
        "{table}"
    );
    assert!(table.contains("* marks a preliminary figure"), "{table}");
    assert!(table.contains("Figures without a mark are definitive."), "{table}");
    std::fs::remove_dir_all(&dir).ok();
}
