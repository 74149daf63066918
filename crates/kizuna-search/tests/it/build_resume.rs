//! A build of the whole index committed a batch at a time: each commit
//! says how far the build got, a reopened index still knows it (so a build
//! stopped by a crash goes on from there), the documents written so far are
//! searchable meanwhile, and a change applied during a build leaves the
//! build where it was.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::collections::BTreeMap;

use kizuna_search::{Build, Filter, Gazetteer, Positions, SearchDoc, SearchIndex, parse};

fn place(id: i64, title: &str) -> SearchDoc {
    let mut titles = BTreeMap::new();
    titles.insert("en".to_string(), title.to_string());
    SearchDoc {
        kind: "place".into(),
        id,
        titles,
        body: String::new(),
        audience: vec!["public".into(), "staff".into()],
    }
}

fn found(ix: &SearchIndex, q: &str) -> Vec<i64> {
    let q = parse(q, &Gazetteer::built_in()).unwrap();
    let filter = Filter {
        kinds: vec![],
        audiences: vec!["staff".into()],
    };
    let mut ids: Vec<i64> = ix
        .search(&q, &filter, 100)
        .unwrap()
        .into_iter()
        .map(|f| f.doc.id)
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn a_stopped_build_is_known_on_reopening_and_goes_on_from_its_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let mut versions = BTreeMap::new();
    versions.insert("map".to_string(), 40);
    let positions = Positions {
        format: kizuna_search::index::FORMAT,
        versions,
    };
    let mut build = Build {
        kind: "place".into(),
        after: 0,
        done: 0,
        total: 4,
    };
    {
        let ix = SearchIndex::open(dir.path()).unwrap();
        // An index that held something before: a build starts empty.
        ix.replace_all(vec![place(99, "Old Teahouse")], Positions::default(), |_| {})
            .unwrap();
        ix.begin_build(&positions, &build).unwrap();
        assert!(found(&ix, "teahouse").is_empty());
        build.after = 2;
        build.done = 2;
        ix.append(
            &[place(1, "Lantern Teahouse"), place(2, "River Teahouse")],
            &positions,
            Some(&build),
        )
        .unwrap();
        // Searchable as soon as committed, though the build is not done.
        assert_eq!(found(&ix, "teahouse"), vec![1, 2]);
        // A change heard meanwhile keeps the build where it was.
        ix.apply(&[place(2, "River Teahouse North")], &[], &positions).unwrap();
        assert_eq!(ix.build().unwrap(), Some(build.clone()));
        // The process stops here, before the next batch's commit.
    }
    let ix = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(ix.build().unwrap(), Some(build.clone()), "the stopped build is known");
    assert_eq!(ix.positions().unwrap(), positions);
    assert_eq!(found(&ix, "teahouse"), vec![1, 2]);
    // Going on: the rest, then complete.
    build.after = 4;
    build.done = 4;
    ix.append(&[place(3, "Hill Teahouse"), place(4, "Bay Teahouse")], &positions, None)
        .unwrap();
    assert_eq!(ix.build().unwrap(), None);
    assert_eq!(found(&ix, "teahouse"), vec![1, 2, 3, 4]);
    assert_eq!(ix.len(), 4);
    drop(ix);
    let ix = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(ix.build().unwrap(), None, "complete after reopening");
    assert_eq!(ix.positions().unwrap(), positions);
}

#[test]
fn a_payload_written_before_builds_were_kept_reads_as_complete() {
    // An index from before this change: its payload has no build.
    let dir = tempfile::tempdir().unwrap();
    let mut versions = BTreeMap::new();
    versions.insert("common".to_string(), 3);
    let positions = Positions {
        format: kizuna_search::index::FORMAT,
        versions,
    };
    {
        let ix = SearchIndex::open(dir.path()).unwrap();
        ix.replace_all(vec![place(1, "Lantern Teahouse")], positions.clone(), |_| {})
            .unwrap();
    }
    let meta = std::fs::read_to_string(dir.path().join("meta.json")).unwrap();
    assert!(!meta.contains("build"), "{meta}");
    let ix = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(ix.build().unwrap(), None);
    assert_eq!(ix.positions().unwrap(), positions);
}
