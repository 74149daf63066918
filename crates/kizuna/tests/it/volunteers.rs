//! `kizuna volunteers` on a demo store, as the real binary answers, on both
//! databases: the placements listed as JSON and CSV; the documents expiring
//! within a window (30d, 2w, days; anything else refused naming the form);
//! an import refused whole with row, column and reason (nothing written),
//! then a clean file checked (dry run) and imported.

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
    serde_json::from_slice::<Value>(&o.stdout)
        .expect("one JSON document")
        .as_array()
        .expect("a list")
        .clone()
}

kizuna_testkit::on_both!(placements_listed_expiring_and_imported);

async fn placements_listed_expiring_and_imported(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let all = items(&kizuna(&url, &["volunteers", "list", "--format", "json"]));
    assert_eq!(all.len(), 4);
    let fft = items(&kizuna(
        &url,
        &["volunteers", "list", "--scheme", "fft", "--format", "json"],
    ));
    assert_eq!(fft.len(), 2);
    assert!(
        fft.iter()
            .any(|p| p["host_locality"] == "Akan" && p["person"] == "Naphat Wongsakul")
    );
    let fy = items(&kizuna(
        &url,
        &["volunteers", "list", "--fy", "2022", "--format", "json"],
    ));
    assert_eq!(fy.len(), 1, "only the Akan placement in FY2022");
    let csv = kizuna(&url, &["volunteers", "list", "--format", "csv"]);
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(text.starts_with("id,person,scheme,direction,host_locality,"));
    assert_eq!(text.lines().count(), 5, "a header and four rows");

    // The demo's JOCV visa expires 21 days after the demo was loaded.
    for window in ["30d", "3w", "21"] {
        let soon = items(&kizuna(
            &url,
            &["volunteers", "expiring", "--within", window, "--format", "json"],
        ));
        assert_eq!(soon.len(), 1, "{window}");
        assert_eq!(soon[0]["kind"], "visa");
        assert_eq!(soon[0]["days_left"], 21);
        assert_eq!(soon[0]["expired"], false);
    }
    let none = items(&kizuna(
        &url,
        &["volunteers", "expiring", "--within", "2w", "--format", "json"],
    ));
    assert!(none.is_empty());
    let bad = kizuna(&url, &["volunteers", "expiring", "--within", "1month"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("\"1month\" is not a window"), "{}", stderr(&bad));

    // An import with a seven-month Glocal placement and an unknown person:
    // refused whole, every problem named, nothing written.
    let dir = std::env::temp_dir().join(format!("kizuna-placements-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("placements.csv");
    let header = "person,scheme,direction,host_locality_key,planned_starts_on,planned_ends_on,area_en\n";
    std::fs::write(
        &file,
        format!(
            "{header}Haruka Moriyama,glocal,local_pre_dispatch,jp/hokkaido/kushiro/kushiro,2025-01-06,2025-04-04,Tourism\n\
             Haruka Moriyama,glocal,local_pre_dispatch,jp/hokkaido/kushiro/kushiro,2025-01-06,2025-08-06,Tourism\n\
             Nobody Here,fft,inbound,jp/hokkaido/kushiro/kushiro,2025-02-01,2025-04-30,Tourism\n\
             Thanawat Boonmee,fft,inbound,,2025-02-01,2025-04-30,Tourism\n"
        ),
    )
    .unwrap();
    let o = kizuna(&url, &["volunteers", "import", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for expected in [
        "row 3",
        "planned_ends_on",
        "row 4",
        "Nobody Here",
        "row 5",
        "host_locality_key",
    ] {
        assert!(err.contains(expected), "{expected} in: {err}");
    }
    assert_eq!(
        items(&kizuna(&url, &["volunteers", "list", "--format", "json"])).len(),
        4,
        "nothing written"
    );

    std::fs::write(
        &file,
        format!(
            "{header}Haruka Moriyama,glocal,local_pre_dispatch,jp/hokkaido/kushiro/kushiro,2025-01-06,2025-04-04,Tourism\n\
             Boonmee Thanawat,fft,inbound,jp/hokkaido/kushiro/kushiro/akan,2025/02/01,2025/04/30,観光振興\n"
        ),
    )
    .unwrap();
    let o = kizuna(&url, &["volunteers", "import", "--dry-run", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 rows checked"));
    assert_eq!(
        items(&kizuna(&url, &["volunteers", "list", "--format", "json"])).len(),
        4,
        "a dry run writes nothing"
    );
    let o = kizuna(&url, &["volunteers", "import", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 2 placements"));
    let after = items(&kizuna(&url, &["volunteers", "list", "--format", "json"]));
    assert_eq!(after.len(), 6);
    assert!(
        after
            .iter()
            .any(|p| p["planned_starts_on"] == "2025-02-01" && p["host_locality"] == "Akan")
    );
    std::fs::remove_dir_all(&dir).ok();
}
