//! A server's first start over a store with many records and no search
//! index (issue #17 item 2): `kizuna serve` listens at once and builds the
//! index in the background. Its first answers to `/search` and
//! `GET /api/v1/search` come within seconds, say how far the build has got
//! while it runs (`complete: false`, "N of M" on the page), and once it is
//! done the same searches find every record. A server killed in the middle
//! of the build goes on from its last commit when started again, not from
//! nothing. As real processes, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::io::{Read, Write};
use std::process::Child;
use std::time::{Duration, Instant};

use kizuna_app::App;
use kizuna_domain::map::place::PlaceFields;
use kizuna_store::{Backend, Store};
use kizuna_testkit::{drop_fresh, fresh_url, on_both};

use crate::common;

/// Places in the store: three of the build's commits of 10,000.
const PLACES: usize = 30_000;

struct Server {
    child: Child,
    addr: String,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn serve(url: &str, index_dir: &std::path::Path) -> (Server, Instant) {
    let started = Instant::now();
    let (child, addr, log) = common::serve(url, &["--index-dir", index_dir.to_str().unwrap()], &[]);
    (Server { child, addr, log }, started)
}

/// `GET path`: the status and the body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    // Bodies are sent whole or chunked; the JSON's and the page's ends are
    // found either way, the chunk sizes between them are not in the way
    // of what is looked for.
    (status, body)
}

/// The API's answer for "teahouse": whether it is complete, and the
/// records indexed so far when it is not.
fn api(addr: &str) -> (bool, Option<u64>, usize) {
    let (status, body) = get(addr, "/api/v1/search?q=teahouse&kind=place&limit=5");
    assert_eq!(status, 200, "{body}");
    let json = &body[body.find('{').unwrap()..=body.rfind('}').unwrap()];
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let complete = v["complete"].as_bool().unwrap();
    let indexed = v["building"]["indexed"].as_u64();
    assert_eq!(complete, indexed.is_none(), "{v}");
    (complete, indexed, v["hits"].as_array().unwrap().len())
}

/// The public page's count of places found for "teahouse", and whether it
/// says the index is being built.
fn page(addr: &str) -> (usize, bool) {
    let (status, body) = get(addr, "/search?q=teahouse&lang=en");
    assert_eq!(status, 200, "{body}");
    let building = body.contains("id=\"search-building\"");
    if building {
        assert!(body.contains("The search index is being built"), "{body}");
    }
    let count = body
        .split_once("id=\"kind-place-h\"")
        .and_then(|(_, rest)| rest.split_once("data-count=\""))
        .and_then(|(_, rest)| rest.split('"').next())
        .map_or(0, |n| n.parse().unwrap());
    (count, building)
}

/// A store of `PLACES` teahouses (and nothing else).
async fn store_of_places(backend: Backend) -> String {
    let url = fresh_url(backend).await.unwrap();
    let app = App::new(Store::open(&url).await.unwrap());
    for start in (0..PLACES).step_by(5000) {
        let batch: Vec<_> = (start..(start + 5000).min(PLACES))
            .map(|i| {
                #[allow(clippy::cast_precision_loss)]
                let f = i as f64 / PLACES as f64;
                PlaceFields {
                    name_en: Some(format!("Lantern Teahouse {i}")),
                    name_ja: Some(format!("ランタン茶房{i}")),
                    category: Some("cafe".into()),
                    assurance: Some("unknown".into()),
                    lat: Some(33.0 + 10.0 * f),
                    lon: Some(130.0 + 12.0 * f),
                    source: Some("import".into()),
                    source_id: Some(format!("teahouse-{i}")),
                    ..PlaceFields::default()
                }
                .validate()
                .unwrap()
            })
            .collect();
        app.store.upsert_places(app.office_id(), &batch).await.unwrap();
    }
    app.store.close().await;
    url
}

/// A directory of its own for a test's index, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(test: &str, backend: Backend) -> Self {
        let dir = std::env::temp_dir().join(format!("kizuna-{test}-{}-{backend:?}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Polls until `done` says so, at most `limit`.
fn wait_for(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

on_both!(
    a_first_start_answers_at_once_and_later_finds_everything,
    a_build_cut_short_goes_on_where_it_stopped
);

async fn a_first_start_answers_at_once_and_later_finds_everything(backend: Backend) {
    let url = store_of_places(backend).await;
    let dir = TempDir::new("first-start", backend);
    let index = dir.0.join("index");
    let u = url.clone();
    tokio::task::spawn_blocking(move || {
        let url = u;
        let (server, started) = serve(&url, &index);
        // The first answers: at once, whatever the build has got to.
        let asked = Instant::now();
        let (complete, indexed, _) = api(&server.addr);
        let (count, building) = page(&server.addr);
        let first = started.elapsed();
        eprintln!(
            "first answers {:.2} s after starting ({:.2} s after listening): complete {complete}, indexed {indexed:?}, page count {count}, building {building}",
            first.as_secs_f64(),
            asked.elapsed().as_secs_f64()
        );
        assert!(asked.elapsed() < Duration::from_secs(5), "{:?}", asked.elapsed());
        assert!(indexed.is_none_or(|n| n <= PLACES as u64), "{indexed:?}");
        assert!(count <= PLACES, "{count}");
        if building {
            assert!(count < PLACES, "a page that says it is partial is: {count}");
        }
        // Later: everything, and said to be complete.
        wait_for(Duration::from_secs(600), "the index built", || api(&server.addr).0);
        let (count, building) = page(&server.addr);
        assert_eq!((count, building), (PLACES, false));
        let (complete, indexed, hits) = api(&server.addr);
        assert!(complete && indexed.is_none());
        assert_eq!(hits, 5);
        let log = server.log.lock().unwrap().clone();
        assert!(log.contains("the search index is being built in the background"), "{log}");
    })
    .await
    .unwrap();
    drop_fresh(&url).await;
}

async fn a_build_cut_short_goes_on_where_it_stopped(backend: Backend) {
    let url = store_of_places(backend).await;
    let dir = TempDir::new("cut-short", backend);
    let index = dir.0.join("index");
    let u = url.clone();
    tokio::task::spawn_blocking(move || {
        let url = u;
        let (mut server, _) = serve(&url, &index);
        // Killed (no chance to tidy up) once a commit of the build is in
        // and before the last.
        let mut seen = 0;
        wait_for(Duration::from_secs(600), "part of the index built", || {
            let (complete, indexed, _) = api(&server.addr);
            assert!(
                !complete,
                "the build ended before it could be cut short: make the store bigger"
            );
            seen = indexed.unwrap();
            seen > 0
        });
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        drop(server);
        // Started again: the build goes on from what was committed.
        let (server, _) = serve(&url, &index);
        let log = server.log.lock().unwrap().clone();
        let so_far: u64 = log
            .split_once("being built in the background (")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("{log}"))
            .parse()
            .unwrap();
        assert!(so_far >= seen, "went on from {so_far}, had {seen}:\n{log}");
        wait_for(Duration::from_secs(600), "the index built", || api(&server.addr).0);
        assert_eq!(page(&server.addr), (PLACES, false), "every place once, none twice");
    })
    .await
    .unwrap();
    drop_fresh(&url).await;
}
