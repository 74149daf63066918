//! `kizuna exchanges` on a demo store, as the real binary answers, on both
//! databases: the exchanges listed (JSON, CSV, table; by kind and fiscal
//! year) and exported (CSV, JSON, XLSX to a file, XLSX to the terminal
//! refused); a delegation file refused whole with row, column and reason
//! (nothing written), then checked (dry run, nothing written) and
//! imported with its members.

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

fn items(o: &Output) -> Vec<Value> {
    serde_json::from_str::<Value>(&stdout(o))
        .expect("one JSON document")
        .as_array()
        .expect("a list")
        .clone()
}

fn delegations(url: &str) -> Vec<Value> {
    items(&kizuna(
        url,
        &["exchanges", "list", "--kind", "delegation", "--format", "json"],
    ))
}

kizuna_testkit::on_both!(exchanges_listed_exported_and_delegations_imported);

async fn exchanges_listed_exported_and_delegations_imported(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Listed: every kind in FY2007, the February 2023 visit to Thailand
    // alone among FY2022's dispatches.
    let all = items(&kizuna(&url, &["exchanges", "list", "--format", "json"]));
    let fy2007 = items(&kizuna(
        &url,
        &["exchanges", "list", "--fy", "平成19年度", "--format", "json"],
    ));
    for kind in ["delegation", "dispatch", "symposium", "courtesy_call", "award"] {
        assert!(fy2007.iter().any(|r| r["kind"] == kind), "{kind} in FY2007");
    }
    assert!(fy2007.len() < all.len());
    let dispatches = items(&kizuna(
        &url,
        &[
            "exchanges",
            "list",
            "--kind",
            "dispatch",
            "--fy",
            "FY2022",
            "--format",
            "json",
        ],
    ));
    assert_eq!(dispatches.len(), 1);
    assert_eq!(dispatches[0]["country"], "TH");
    let csv = stdout(&kizuna(&url, &["exchanges", "list", "--format", "csv"]));
    assert!(csv.starts_with("kind,id,fiscal_year,title,starts_on,ends_on,country,public"));
    assert_eq!(csv.lines().count(), all.len() + 1, "a header and a row each");
    let table = stdout(&kizuna(&url, &["exchanges", "list", "--kind", "courtesy-call"]));
    assert!(table.lines().all(|l| l.starts_with("courtesy-call")), "{table}");
    let bad = kizuna(&url, &["exchanges", "list", "--kind", "party"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("\"party\" is not a kind of exchange"),
        "{}",
        stderr(&bad)
    );

    // Exported: the same rows as CSV and JSON; XLSX only to a file.
    let exported = stdout(&kizuna(&url, &["exchanges", "export", "--format", "csv"]));
    assert_eq!(exported.trim_end(), csv.trim_end());
    let json = items(&kizuna(&url, &["exchanges", "export", "--format", "json"]));
    assert_eq!(json.len(), all.len());
    let dir = std::env::temp_dir().join(format!("kizuna-exchanges-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("exchanges.xlsx");
    let o = kizuna(
        &url,
        &[
            "exchanges",
            "export",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{} exchanges written", all.len())));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"), "a workbook");
    let o = kizuna(&url, &["exchanges", "export", "--format", "xlsx"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("needs --out FILE"), "{}", stderr(&o));

    // A file with a departure before the arrival, an unknown country, an
    // organisation both keyed and named, and no purpose: refused whole.
    let before = delegations(&url);
    let file = dir.join("delegations.csv");
    let header =
        "country,organisation_key,organisation_name_en,arrives_on,leaves_on,purpose_en,purpose_ja,members,public\n";
    std::fs::write(
        &file,
        format!(
            "{header}TH,,Department of Local Administration,2024-02-05,2024-02-08,Study of regional tourism,,Somchai P.; Malee K.,yes\n\
             MY,,Penang Island City Council,2024-03-05,2024-03-01,Port city exchange,,,no\n\
             Atlantis,,Council of Atlantis,2024-04-01,2024-04-02,Visit,,,\n\
             MN,demo/rda-th,Ministry,2024-05-01,2024-05-02,,,,\n"
        ),
    )
    .unwrap();
    let o = kizuna(&url, &["exchanges", "import", "delegations", file.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for expected in [
        "nothing was written",
        "row 3, column leaves_on",
        "row 4, column country",
        "\"Atlantis\"",
        "row 5, column organisation_key",
        "row 5, column purpose_en",
    ] {
        assert!(err.contains(expected), "{expected} in: {err}");
    }
    assert!(!err.contains("row 2,"), "the good row is not blamed: {err}");
    assert_eq!(delegations(&url), before, "nothing written");

    // A clean file: checked without writing, then imported with members.
    std::fs::write(
        &file,
        format!(
            "{header}タイ,,Department of Local Administration,2024-02-05,2024-02-08,Study of regional tourism,地域観光の視察,Somchai P.; Malee K.,yes\n\
             MY,,Penang Island City Council,2024/03/05,2024/03/07,Port city exchange,,,\n"
        ),
    )
    .unwrap();
    let o = kizuna(
        &url,
        &[
            "exchanges",
            "import",
            "delegations",
            "--dry-run",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 rows checked (2 members)"), "{}", stderr(&o));
    assert_eq!(delegations(&url), before, "a dry run writes nothing");
    let o = kizuna(&url, &["exchanges", "import", "delegations", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("imported 2 delegations with 2 members"),
        "{}",
        stderr(&o)
    );
    let after = delegations(&url);
    assert_eq!(after.len(), before.len() + 2);
    let thai = after
        .iter()
        .find(|d| d["starts_on"] == "2024-02-05")
        .expect("the imported delegation");
    assert_eq!(thai["country"], "TH");
    assert_eq!(thai["public"], true);
    assert_eq!(thai["title"]["ja"], "地域観光の視察");
    // The same file again adds nothing: each row is already recorded.
    let o = kizuna(&url, &["exchanges", "import", "delegations", file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already recorded"), "{}", stderr(&o));
    assert_eq!(delegations(&url).len(), after.len());
    std::fs::remove_dir_all(&dir).ok();
}
