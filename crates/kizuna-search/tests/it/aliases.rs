//! A place's other names (the gazetteer's) find its records, but below the
//! records that carry the name as it was typed.

use std::collections::BTreeMap;

use kizuna_search::{Filter, Gazetteer, Positions, Query, SearchDoc, SearchIndex, parse};

fn doc(id: i64, title: &str) -> SearchDoc {
    SearchDoc {
        kind: "activity".into(),
        id,
        titles: BTreeMap::from([("ja".to_string(), title.to_string())]),
        body: String::new(),
        audience: vec!["staff".into()],
    }
}

fn ids(ix: &SearchIndex, q: &str) -> Vec<i64> {
    let filter = Filter {
        kinds: vec![],
        audiences: vec!["staff".into()],
    };
    let q = parse(q, &Gazetteer::built_in()).expect("a query");
    ix.search(&q, &filter, 10)
        .expect("a search")
        .into_iter()
        .map(|f| f.doc.id)
        .collect()
}

#[test]
fn the_name_as_typed_ranks_above_the_places_other_names() {
    let ix = SearchIndex::in_memory().expect("an index");
    let docs = vec![
        doc(1, "Tokachi Tokachi wheat fields"),
        doc(2, "とかちの小麦畑"),
        doc(3, "十勝の小麦畑"),
        doc(4, "Sapporo wheat fields"),
    ];
    ix.replace_all(docs, Positions::default(), |_| {}).expect("written");
    assert_eq!(ids(&ix, "十勝")[0], 3);
    assert_eq!(ids(&ix, "とかち")[0], 2);
    assert_eq!(ids(&ix, "Tokachi")[0], 1);
    // The other names still find the rest, and only those.
    for q in ["十勝", "とかち", "Tokachi", "โทคาจิ"] {
        let mut found = ids(&ix, q);
        found.sort_unstable();
        assert_eq!(found, vec![1, 2, 3], "{q}");
    }
}

#[test]
fn explain_marks_the_other_names() {
    let q = parse("十勝", &Gazetteer::built_in()).expect("a query");
    let Query::Any(alts) = &q else { panic!("{q}") };
    assert!(!matches!(alts[0], Query::Alias(_)), "{q}");
    assert!(alts[1..].iter().all(|a| matches!(a, Query::Alias(_))), "{q}");
    assert!(q.to_string().contains("alias("), "{q}");
}
