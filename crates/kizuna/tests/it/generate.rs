//! `kizuna generate`: one seed writes the same rows into two stores, on
//! SQLite and PostgreSQL; another seed other rows; a store holding records
//! is refused unless --append; the statistics (CLI report, public page,
//! API) work on what it wrote.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use kizuna_app::App;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::map::place::Place;
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeLink};
use kizuna_domain::training::edition::Edition;
use kizuna_domain::training::participation::Participation;
use kizuna_store::{Backend, Page, Store};
use kizuna_testkit::{drop_fresh, fresh_url, on_both};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

const ARGS: [&str; 9] = [
    "generate",
    "--trainees",
    "3000",
    "--places",
    "700",
    "--outcomes",
    "300",
    "--seed",
    "",
];

fn generate(url: &str, seed: &str, extra: &[&str]) -> std::process::Output {
    let mut args = ARGS.to_vec();
    args[8] = seed;
    args.extend_from_slice(extra);
    kizuna(url, &args)
}

/// Row counts and a SHA-256 over every generated row's fields, table by
/// table in id order (ids included: the same seed gives the same ids).
async fn fingerprint(url: &str) -> (Vec<u64>, String) {
    let store = Store::open(url).await.unwrap();
    let mut h = Sha256::new();
    let mut counts = Vec::new();
    macro_rules! table {
        ($t:ty) => {{
            let rows = store.select::<$t>(&[], Page::ALL).await.unwrap();
            counts.push(rows.len() as u64);
            for r in rows {
                h.update(format!("{} {:?}\n", r.id, r.fields).as_bytes());
            }
        }};
    }
    table!(Person);
    table!(Participation);
    table!(Programme);
    table!(Edition);
    table!(Place);
    table!(Outcome);
    table!(OutcomeLink);
    store.close().await;
    let digest: Vec<String> = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    (counts, digest.concat())
}

on_both!(one_seed_writes_the_same_store_and_its_statistics_work);

async fn one_seed_writes_the_same_store_and_its_statistics_work(backend: Backend) {
    let a = fresh_url(backend).await.unwrap();
    let b = fresh_url(backend).await.unwrap();
    let c = fresh_url(backend).await.unwrap();
    for (url, seed) in [(&a, "42"), (&b, "42"), (&c, "43")] {
        let o = generate(url, seed, &[]);
        let out = String::from_utf8_lossy(&o.stdout);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{out}\n{err}");
        assert!(out.contains("3000 trainees") && out.contains("700 places"), "{out}");
        assert!(
            err.contains("generate: trainees 3000/3000"),
            "progress on stderr: {err}"
        );
    }
    let (fa, fb, fc) = (fingerprint(&a).await, fingerprint(&b).await, fingerprint(&c).await);
    assert_eq!(fa, fb, "one seed, two stores");
    assert_ne!(fa.1, fc.1, "another seed, other rows");
    // people, participations, (courses + partnerships), editions, places, outcomes, links
    assert_eq!(fa.0[0], 3000);
    assert_eq!(fa.0[1], 3000);
    assert!(fa.0[3] > 100, "editions over the years: {:?}", fa.0);
    assert_eq!(fa.0[4], 700);
    assert_eq!(fa.0[5], 300);
    assert!(fa.0[6] > 10, "causal links: {:?}", fa.0);

    // A store with records is refused, unless --append.
    let o = generate(&a, "42", &[]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("already holds records") && err.contains("--append"),
        "{err}"
    );
    assert_eq!(fingerprint(&a).await, fa, "nothing written when refused");
    let o = kizuna(
        &a,
        &[
            "generate",
            "--trainees",
            "500",
            "--places",
            "10",
            "--seed",
            "42",
            "--append",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (counts, _) = fingerprint(&a).await;
    assert_eq!((counts[0], counts[4]), (3500, 710));

    // The statistics: the CLI's report, as of the history's end.
    let o = kizuna(&b, &["report", "trainees", "--as-of", "2026-11-30", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let trainees = report["trainees"].as_u64().unwrap();
    // Withdrawn and not-yet-arrived trainees are not counted, the rest are.
    assert!((2500..3000).contains(&trainees), "{report}");
    assert!(report["countries"].as_u64().unwrap() > 30, "{report}");
    let o = kizuna(&b, &["report", "trainees", "--as-of", "1965-03-31", "--format", "json"]);
    let early: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        early["trainees"].as_u64().unwrap() > 0,
        "a history back to the 1950s: {early}"
    );

    // The public page and the API on the generated store.
    let app = Arc::new(App::new(Store::open(&b).await.unwrap()));
    let router = kizuna_web::router(app.clone());
    for path in ["/statistics", "/api/v1/reports/trainees"] {
        let resp = router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
        // The API needs staff: a page answers, the API refuses strangers
        // without failing.
        if path.starts_with("/api") {
            assert!(
                status == StatusCode::OK || status == StatusCode::UNAUTHORIZED,
                "{path}: {status}"
            );
        } else {
            assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&body));
            let html = String::from_utf8_lossy(&body);
            assert!(html.contains(&trainees.to_string()) || html.contains(&format_thousands(trainees)));
        }
    }
    drop(router);
    if let Ok(app) = Arc::try_unwrap(app) {
        app.store.close().await;
    }
    for url in [a, b, c] {
        drop_fresh(&url).await;
    }
}

fn format_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
