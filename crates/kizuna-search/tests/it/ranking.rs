//! What the search benchmark (`kizuna bench search`) found wanting: the
//! words of one query may be in a record's title and its text, and a name
//! prefix ranks the names it begins above the names one typo from it.

use std::collections::BTreeMap;

use kizuna_search::{Filter, Gazetteer, Positions, SearchDoc, SearchIndex, parse};

fn doc(id: i64, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        kind: "place".into(),
        id,
        titles: BTreeMap::from([("en".to_string(), title.to_string())]),
        body: body.into(),
        audience: vec!["staff".into()],
    }
}

fn ids(ix: &SearchIndex, q: &str) -> Vec<i64> {
    let filter = Filter {
        kinds: vec![],
        audiences: vec!["staff".into()],
    };
    let q = parse(q, &Gazetteer::default()).expect("a query");
    ix.search(&q, &filter, 10)
        .expect("a search")
        .into_iter()
        .map(|f| f.doc.id)
        .collect()
}

#[test]
fn the_words_of_a_query_may_be_in_the_title_and_the_text() {
    let ix = SearchIndex::in_memory().expect("an index");
    ix.replace_all(
        vec![
            doc(1, "Mosque Nurul", "Obihiro, near the station"),
            doc(2, "ハラール食堂 阿部", "博物館の近く"),
            doc(3, "Mosque Iman", "Kushiro"),
        ],
        Positions::default(),
        |_| {},
    )
    .expect("written");
    assert_eq!(ids(&ix, "obihiro mosque"), vec![1]);
    assert_eq!(ids(&ix, "博物館 阿部"), vec![2]);
    // Both in the title still ranks first.
    ix.replace_all(
        vec![doc(1, "Mosque Nurul", "Obihiro"), doc(4, "Obihiro Mosque", "")],
        Positions::default(),
        |_| {},
    )
    .expect("written");
    assert_eq!(ids(&ix, "obihiro mosque"), vec![4, 1]);
}

#[test]
fn a_name_prefix_ranks_the_names_it_begins_above_names_a_typo_away() {
    let ix = SearchIndex::in_memory().expect("an index");
    // "naka" is a typo away from beginning "akan" and "nakb…" (one letter
    // deleted or changed), and begins "nakamura" and "nakashima".
    let mut docs = vec![doc(1, "Akan Hygiene Cooperative", ""), doc(2, "Nakbun Somchai", "")];
    for i in 3..12 {
        docs.push(doc(i, &format!("Akan Community {i}"), ""));
    }
    docs.push(doc(20, "Hanako Nakamura", ""));
    docs.push(doc(21, "Yuki Nakashima", ""));
    ix.replace_all(docs, Positions::default(), |_| {}).expect("written");
    let found = ids(&ix, "Naka");
    let mut first_two = found[..2].to_vec();
    first_two.sort_unstable();
    assert_eq!(first_two, vec![20, 21], "{found:?}");
    // The near names are still found, below.
    assert!(found.contains(&2), "{found:?}");
    // A whole word one typo away ranks above words begun one typo away.
    let found = ids(&ix, "Nakamure");
    assert_eq!(found[0], 20, "{found:?}");
}
