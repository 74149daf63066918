//! `kizuna outcomes` on a demo store, as the real binary answers: the
//! ledger's list and its filters (what still needs a verifier among them)
//! and the impact report, whose figures must match the list's, on both
//! databases.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::process::Output;

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;
use serde_json::Value;

const MY: &str = "food-valley-tokachi-malaysia";

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("one JSON document")
}

fn items(o: &Output) -> Vec<Value> {
    json(o).as_array().expect("a list").clone()
}

fn titled(list: &[Value], en: &str) -> bool {
    list.iter()
        .any(|o| o["title"]["en"].as_str().is_some_and(|t| t.contains(en)))
}

async fn the_ledger_and_its_report(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let all = items(&kizuna(&url, &["outcomes", "list", "--format", "json"]));
    assert!(all.len() >= 11, "the story's eleven outcomes at least");
    let open = items(&kizuna(
        &url,
        &["outcomes", "list", "--unsubstantiated", "--format", "json"],
    ));
    // Exactly those without a verdict, each with what a verifier needs.
    let waiting: Vec<&Value> = all.iter().filter(|o| o["verdict"].is_null()).collect();
    assert_eq!(open.len(), waiting.len());
    assert!(!open.is_empty() && open.len() < all.len());
    for o in &open {
        assert!(o["verdict"].is_null(), "{o}");
        for field in ["id", "programme", "kind", "side", "date", "recorded_by"] {
            assert!(!o[field].is_null(), "{field} in {o}");
        }
        assert!(o["title"]["en"].is_string() && o["title"]["ja"].is_string(), "{o}");
    }
    assert!(titled(&open, "Travel agency founded"));
    assert!(!titled(&open, "Halal Daifuku developed jointly"));
    // Oldest first.
    let dates: Vec<&str> = all.iter().map(|o| o["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");

    // One programme, one side; one kind.
    let mine = items(&kizuna(
        &url,
        &[
            "outcomes",
            "list",
            "--programme",
            MY,
            "--side",
            "japan",
            "--format",
            "json",
        ],
    ));
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|o| o["programme"] == MY && o["side"] == "japan"));
    let awards = items(&kizuna(
        &url,
        &["outcomes", "list", "--kind", "award", "--format", "json"],
    ));
    assert!(titled(&awards, "Minister of Agriculture"));
    assert!(awards.iter().all(|o| o["kind"] == "award"));
    // The table says the same rows.
    let table = kizuna(&url, &["outcomes", "list", "--programme", MY]);
    assert!(table.status.success());
    let lines = String::from_utf8(table.stdout).unwrap();
    let in_programme = all.iter().filter(|o| o["programme"] == MY).count();
    assert_eq!(lines.lines().count(), in_programme + 1, "{lines}");
    // A key that is no programme's: said, with the keys there are.
    let o = kizuna(&url, &["outcomes", "list", "--programme", "nowhere"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("nowhere") && stderr(&o).contains(MY),
        "{}",
        stderr(&o)
    );

    // The FY2018 report counts the list's outcomes of April 2018–March 2019.
    let report = json(&kizuna(
        &url,
        &[
            "outcomes",
            "report",
            "--programme",
            MY,
            "--fy",
            "2018",
            "--format",
            "json",
        ],
    ));
    let fy2018 = all
        .iter()
        .filter(|o| o["programme"] == MY)
        .filter(|o| ("2018-04-01".."2019-04-01").contains(&o["date"].as_str().unwrap()))
        .count();
    assert!(fy2018 > 0);
    assert_eq!(report["totals"]["total"].as_u64().unwrap() as usize, fy2018);
    assert_eq!(report["outcomes"].as_array().unwrap().len(), fy2018);
    // The report of every partnership programme counts the list's outcomes
    // of partnership programmes: the demo's volunteer programme (the tourism
    // ambassador's appointment) is in the list, not in the partnerships' report.
    let every = json(&kizuna(&url, &["outcomes", "report", "--format", "json"]));
    let of_partnerships = all
        .iter()
        .filter(|o| o["programme"] != "kushiro-thailand-volunteers")
        .count();
    assert_eq!(of_partnerships, all.len() - 1);
    assert_eq!(every["totals"]["total"].as_u64().unwrap() as usize, of_partnerships);
    assert!(!every["chains"].as_array().unwrap().is_empty());

    // As files: CSV in the language asked for; XLSX only into a file.
    let dir = std::env::temp_dir().join(format!("kizuna-outcomes-{}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("impact.csv");
    let o = kizuna(
        &url,
        &[
            "outcomes",
            "report",
            "--programme",
            MY,
            "--fy",
            "FY2018",
            "--format",
            "csv",
            "--lang",
            "ja",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("合計,"), "{text}");
    assert!(text.contains("農林水産大臣賞"), "{text}");
    let o = kizuna(&url, &["outcomes", "report", "--format", "xlsx"]);
    assert!(!o.status.success() && stderr(&o).contains("-o"), "{}", stderr(&o));
    let xlsx = dir.join("impact.xlsx");
    let o = kizuna(
        &url,
        &["outcomes", "report", "--format", "xlsx", "-o", xlsx.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn the_ledger_on_sqlite() {
    the_ledger_and_its_report(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_ledger_on_postgres() {
    the_ledger_and_its_report(Backend::Postgres).await;
}
