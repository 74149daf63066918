//! `kizuna match` as staff run it: the evaluation on a links file nobody
//! tuned the method to (the Florentine families), a bad links file, and
//! the demo store, where the matchmaker must beat both baselines and
//! explain its suggestions, on both databases.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::path::PathBuf;
use std::process::Output;

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;
use serde_json::Value;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("one JSON document")
}

fn florentine() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../kizuna-domain/tests/data/florentine_families.csv")
        .to_string_lossy()
        .into_owned()
}

/// A database that does not exist: a links file needs none.
const NO_DATABASE: &str = "sqlite:///nonexistent-directory/none.sqlite3";

#[test]
fn adamic_adar_on_the_florentine_families_reproduces_0_30_and_0_187() {
    let v = json(&kizuna(
        NO_DATABASE,
        &[
            "match",
            "evaluate",
            "--links",
            &florentine(),
            "--scorer",
            "adamic_adar",
            "--format",
            "json",
        ],
    ));
    assert_eq!(v["links"], 20);
    assert_eq!(v["scorer"], "adamic_adar");
    assert_eq!(v["tie_breaking"], "pessimistic");
    let round3 = |x: &Value| (x.as_f64().unwrap() * 1000.0).round() / 1000.0;
    assert_eq!(round3(&v["hit_at_5"]), 0.3);
    assert_eq!(round3(&v["mrr"]), 0.187);
    assert_eq!(v["baselines"]["adamic_adar"]["mrr"], v["mrr"]);
    assert!(v["baselines"]["popularity"]["hit_at_5"].is_f64());
    assert!(v["coverage_at_10"].is_f64());
    assert!(v["protocol"].as_str().unwrap().contains("leave-one-out"));
}

#[test]
fn a_constant_scorer_never_hits() {
    let v = json(&kizuna(
        NO_DATABASE,
        &[
            "match",
            "evaluate",
            "--links",
            &florentine(),
            "--scorer",
            "constant",
            "--format",
            "json",
        ],
    ));
    assert_eq!(v["hit_at_5"], 0.0);
}

#[test]
fn a_bad_links_file_is_refused_naming_row_column_and_reason() {
    let dir = std::env::temp_dir().join(format!("kizuna-match-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("links.csv");
    std::fs::write(
        &path,
        "from,to,from_country,to_country\nObihiro,Selangor,JP,MY\nObihiro,,JP,MY\nKushiro,Bangkok,JP,XX\n",
    )
    .unwrap();
    let o = kizuna(NO_DATABASE, &["match", "evaluate", "--links", path.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(e.contains("row 3, column to"), "{e}");
    assert!(e.contains("row 4, column to_country"), "{e}");
    assert!(e.contains("\"XX\""), "{e}");
    // Without countries the country level cannot be asked for.
    let o = kizuna(
        NO_DATABASE,
        &["match", "evaluate", "--links", &florentine(), "--level", "country"],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("country"), "{}", stderr(&o));
}

async fn the_demo_beats_both_baselines_and_explains_itself(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let o = kizuna(&url, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let v = json(&kizuna(&url, &["match", "evaluate", "--format", "json"]));
    assert!(v["links"].as_u64().unwrap() >= 50, "{v}");
    for base in ["popularity", "adamic_adar"] {
        for figure in ["hit_at_5", "mrr"] {
            let (m, b) = (
                v[figure].as_f64().unwrap(),
                v["baselines"][base][figure].as_f64().unwrap(),
            );
            assert!(m > b, "matchmaker {figure} {m} is not above {base}'s {b}: {v}");
        }
    }
    let c = json(&kizuna(
        &url,
        &["match", "evaluate", "--level", "country", "--format", "json"],
    ));
    assert_eq!(c["level"], "country");

    // The seed story's town, by its Japanese name: counterparts abroad,
    // each explained by offers and needs cited by id.
    let s = json(&kizuna(
        &url,
        &["match", "--locality", "帯広", "--k", "5", "--format", "json"],
    ));
    assert_eq!(s["party"]["label"], "Obihiro");
    let list = s["suggestions"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    let known: Vec<&str> = s["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    for x in list {
        assert_ne!(x["country"], "JP", "{x}");
        assert!(!known.contains(&x["party"]["key"].as_str().unwrap()), "{x}");
    }
    let meets = list[0]["explanation"]["meets"].as_array().unwrap();
    assert!(!meets.is_empty(), "{}", list[0]);
    assert!(meets[0]["offer"].as_str().unwrap().starts_with("offer:"));
    assert!(meets[0]["need"].as_str().unwrap().starts_with("need:"));
    // Ranked best first.
    let scores: Vec<f64> = list.iter().map(|x| x["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    // A foreign party gets Japanese counterparts.
    let s = json(&kizuna(
        &url,
        &["match", "--locality", "Selangor", "--k", "3", "--format", "json"],
    ));
    assert!(
        s["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["country"] == "JP"),
        "{s}"
    );

    // Unknown, ambiguous and incomplete parties are refused, saying why.
    let o = kizuna(&url, &["match", "--locality", "Obihirro"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("the closest: ") && stderr(&o).contains("Obihiro"),
        "{}",
        stderr(&o)
    );
    let o = kizuna(&url, &["match", "--locality", "Town (demo)"]);
    assert!(stderr(&o).contains("names 30 localities"), "{}", stderr(&o));
    let o = kizuna(&url, &["match", "--organisation", "maff"]);
    assert!(
        stderr(&o).contains("not matchable") && stderr(&o).contains("no locality"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test]
async fn the_demo_on_sqlite() {
    the_demo_beats_both_baselines_and_explains_itself(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_demo_on_postgres() {
    the_demo_beats_both_baselines_and_explains_itself(Backend::Postgres).await;
}
