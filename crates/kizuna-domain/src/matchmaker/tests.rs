//! The matchmaker on small networks whose answers can be worked out by hand.

use super::*;
use crate::common::CountryCode;

fn cc(s: &str) -> Option<CountryCode> {
    Some(CountryCode::parse(s).unwrap())
}

fn item(id: i64, themes: &[&str]) -> Item {
    Item {
        id,
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
    }
}

fn locality(key: &str, country: &str, offers: Vec<Item>, needs: Vec<Item>) -> Party {
    Party {
        key: key.to_owned(),
        kind: PartyKind::Locality,
        label: key.to_owned(),
        country: cc(country),
        offers,
        needs,
        not_matchable: None,
    }
}

fn link(id: i64, from: usize, to: usize, themes: &[&str], outcomes: &[i64]) -> LinkInput {
    LinkInput {
        evidence: Ref::new(RefKind::Link, id),
        from,
        to,
        themes: themes.iter().map(|t| (*t).to_owned()).collect(),
        outcomes: outcomes.iter().map(|&o| Ref::new(RefKind::Outcome, o)).collect(),
    }
}

/// Obihiro offers confectionery and needs halal; Penang needs confectionery
/// and offers halal (both ways); Chiang Mai needs confectionery only; Cebu
/// has nothing in common. Sapporo–Kedah is a past link on the same themes
/// that produced two outcomes; Obihiro is linked with Kedah.
fn town_network() -> Network {
    let parties = vec![
        locality(
            "obihiro",
            "JP",
            vec![item(1, &["confectionery", "dairy"])],
            vec![item(2, &["halal"])],
        ),
        locality(
            "penang",
            "MY",
            vec![item(3, &["halal"])],
            vec![item(4, &["confectionery"])],
        ),
        locality(
            "chiang_mai",
            "TH",
            vec![item(5, &["tourism"])],
            vec![item(6, &["confectionery"])],
        ),
        locality("cebu", "PH", vec![item(7, &["fisheries"])], vec![item(8, &["water"])]),
        locality(
            "sapporo",
            "JP",
            vec![item(9, &["confectionery"])],
            vec![item(10, &["tourism"])],
        ),
        locality(
            "kedah",
            "MY",
            vec![item(11, &["halal"])],
            vec![item(12, &["confectionery"])],
        ),
    ];
    let links = vec![
        link(100, 4, 5, &["confectionery", "halal"], &[500, 501]),
        link(101, 0, 5, &[], &[]),
    ];
    Network::new(parties, links)
}

#[test]
fn suggestions_are_counterparts_abroad_not_yet_linked_and_cite_offers_and_needs_by_id() {
    let net = town_network();
    let s = suggest(&net, 0, Scorer::Matchmaker, 10).unwrap();
    let keys: Vec<&str> = s.suggestions.iter().map(|x| x.party.key.as_str()).collect();
    // Abroad only (not Sapporo), Kedah already a partner.
    assert_eq!(s.candidates, 3);
    assert_eq!(keys[0], "penang", "the two-way match comes first: {keys:?}");
    assert!(!keys.contains(&"sapporo") && !keys.contains(&"kedah"));
    let penang = &s.suggestions[0];
    let ex = penang.explanation.as_ref().unwrap();
    assert!(ex.mutual);
    let meets: Vec<(String, String, bool)> = ex
        .meets
        .iter()
        .map(|m| (m.offer.to_string(), m.need.to_string(), m.query_offers))
        .collect();
    assert!(meets.contains(&("offer:1".into(), "need:4".into(), true)), "{meets:?}");
    assert!(meets.contains(&("offer:3".into(), "need:2".into(), false)), "{meets:?}");
    // It resembles Sapporo–Kedah (link 100, outcomes 500 and 501).
    let r = &ex.resembles[0];
    assert_eq!(r.link, vec![Ref::new(RefKind::Link, 100)]);
    assert_eq!(r.outcomes.len(), 2);
    assert_eq!(r.similarity, 1.0);
    // Obihiro–Kedah–Sapporo–Penang? No: Penang has no link, so no path.
    assert!(ex.closeness.is_empty());
    assert_eq!(s.partners.len(), 1);
    assert_eq!(s.partners[0].key, "kedah");
}

#[test]
fn a_path_of_three_links_is_cited_with_each_link() {
    // Obihiro–Kedah (101), Kedah–Sapporo (102), Sapporo–Penang (103):
    // Penang is three links away from Obihiro.
    let mut net = town_network();
    net = Network::new(
        net.parties.clone(),
        vec![
            link(101, 0, 5, &[], &[]),
            link(102, 4, 5, &[], &[]),
            link(103, 4, 1, &[], &[]),
        ],
    );
    let s = suggest(&net, 0, Scorer::Matchmaker, 10).unwrap();
    let penang = s.suggestions.iter().find(|x| x.party.key == "penang").unwrap();
    let via = &penang.explanation.as_ref().unwrap().closeness[0];
    let through: Vec<&str> = via.through.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(through, ["kedah", "sapporo"]);
    let links: Vec<i64> = via.links.iter().map(|r| r.id).collect();
    assert_eq!(links, [101, 102, 103]);
    // Kedah has degree 2, Sapporo 2: 1/√4.
    assert!((via.weight - 0.5).abs() < 1e-12);
}

#[test]
fn taking_away_a_cited_offer_or_need_lowers_the_score() {
    let net = town_network();
    let before = suggest(&net, 0, Scorer::Matchmaker, 10).unwrap();
    let score_of = |s: &Suggestions, key: &str| s.suggestions.iter().find(|x| x.party.key == key).unwrap().score;
    let cited = &before.suggestions[0].explanation.as_ref().unwrap().meets;
    assert!(!cited.is_empty());
    // Obihiro is party 0, Penang party 1.
    let offerer = |m: &score::Meet| if m.query_offers { (0, 1) } else { (1, 0) };
    for m in cited {
        for take_offer in [true, false] {
            let mut less = net.clone();
            if take_offer {
                less.parties[offerer(m).0].offers.retain(|o| o.id != m.offer.id);
            } else {
                less.parties[offerer(m).1].needs.retain(|n| n.id != m.need.id);
            }
            let after = suggest(&less, 0, Scorer::Matchmaker, 10).unwrap();
            let gone = if take_offer { m.offer } else { m.need };
            assert!(
                score_of(&after, "penang") < score_of(&before, "penang"),
                "without {gone}: {} is not below {}",
                score_of(&after, "penang"),
                score_of(&before, "penang")
            );
        }
    }
    // And an offer nobody cites changes nothing for Penang.
    let mut other = net.clone();
    other.parties[2].offers.clear();
    assert_eq!(
        score_of(&suggest(&other, 0, Scorer::Matchmaker, 10).unwrap(), "penang"),
        score_of(&before, "penang")
    );
}

#[test]
fn a_foreign_party_gets_japanese_counterparts_and_an_incomplete_one_is_refused() {
    let mut net = town_network();
    let s = suggest(&net, 2, Scorer::Matchmaker, 10).unwrap();
    let keys: Vec<&str> = s.suggestions.iter().map(|x| x.party.key.as_str()).collect();
    assert_eq!(keys.len(), 2);
    assert!(keys.contains(&"obihiro") && keys.contains(&"sapporo"));
    net.parties[2].not_matchable = Some("no needs recorded".into());
    let e = suggest(&net, 2, Scorer::Matchmaker, 10).unwrap_err();
    assert_eq!(e.reason, "no needs recorded");
    assert!(e.to_string().contains("chiang_mai is not matchable"));
}

#[test]
fn duplicate_links_of_a_pair_are_one_tie_with_both_records() {
    let parties = town_network().parties;
    let mut programme = link(7, 5, 0, &["halal"], &[900]);
    programme.evidence = Ref::new(RefKind::Programme, 7);
    let net = Network::new(
        parties,
        vec![link(101, 0, 5, &["dairy"], &[]), programme, link(3, 2, 2, &[], &[])],
    );
    assert_eq!(net.links.len(), 1, "the self-link is dropped, the pair joined");
    let l = &net.links[0];
    assert_eq!((l.from, l.to), (0, 5));
    assert_eq!(
        l.evidence,
        vec![Ref::new(RefKind::Link, 101), Ref::new(RefKind::Programme, 7)]
    );
    assert_eq!(l.themes, vec!["dairy", "halal"]);
    assert_eq!(l.outcomes, vec![Ref::new(RefKind::Outcome, 900)]);
}

/// A star: hub linked to four leaves, and leaves 1–2 linked. Bare names.
fn star() -> Network {
    let parties = ["hub", "a", "b", "c", "d"]
        .iter()
        .map(|n| Party::node(n, None))
        .collect();
    let l = |i: i64, f, t| link(i, f, t, &[], &[]);
    Network::new(
        parties,
        vec![l(1, 0, 1), l(2, 0, 2), l(3, 0, 3), l(4, 0, 4), l(5, 1, 2)],
    )
}

#[test]
fn ties_count_against_the_method() {
    let net = star();
    let e = evaluate(&net, Scorer::Constant, Level::Party).unwrap();
    // Round 1 (hub→a): candidates a only (b, c, d are partners): rank 1.
    // Every hub round has one candidate; round 5 (a→b): candidates b, c, d
    // all 0: b is ranked 3 (two others tie it). All ranks ≤ 5 here, so
    // hit@5 is 1 and MRR (4·1 + 1/3)/5.
    assert_eq!(e.links, 5);
    assert_eq!(e.figures.hit_at_5, 1.0);
    assert!((e.figures.mrr - (4.0 + 1.0 / 3.0) / 5.0).abs() < 1e-12);
    // Popularity in round 5: b has degree 1 (a–b hidden), c and d 1: tied, rank 3.
    assert!((e.baselines.popularity.mrr - (4.0 + 1.0 / 3.0) / 5.0).abs() < 1e-12);
    // Adamic–Adar in round 5: a and b share the hub (degree 4): b scores
    // 1/ln 4 and c, d too: rank 3 again.
    assert!((e.baselines.adamic_adar.mrr - (4.0 + 1.0 / 3.0) / 5.0).abs() < 1e-12);
    assert_eq!(e.tie_breaking, "pessimistic");
}

#[test]
fn coverage_counts_candidates_that_reach_some_top_ten() {
    // Twelve leaves around a hub, every score tied: in the hub's rounds
    // the only candidate is the hidden leaf (covered); from a leaf nobody
    // asks. Coverage is then 12 of 12.
    let mut parties = vec![Party::node("hub", None)];
    let mut links = Vec::new();
    for i in 1..=12 {
        parties.push(Party::node(&format!("leaf{i}"), None));
        links.push(link(i as i64, 0, i, &[], &[]));
    }
    let e = evaluate(&Network::new(parties.clone(), links), Scorer::Constant, Level::Party).unwrap();
    assert_eq!(e.figures.coverage_at_10, 1.0);
    // Asked from the leaves instead: a leaf's candidates are the hub and
    // the 11 other leaves, all tied, so nobody is in a top 10 (12 score
    // at least as high as each) and nobody is a hit.
    let links: Vec<LinkInput> = (1..=12).map(|i| link(i as i64, i, 0, &[], &[])).collect();
    let e = evaluate(&Network::new(parties, links), Scorer::Constant, Level::Party).unwrap();
    assert_eq!(e.figures.coverage_at_10, 0.0);
    assert_eq!(e.figures.hit_at_5, 0.0);
    assert!((e.figures.mrr - 1.0 / 12.0).abs() < 1e-12);
}

#[test]
fn the_country_level_ranks_the_sum_of_each_countrys_candidates() {
    // Three Japanese towns; abroad two Thai towns and one Malaysian.
    // Links: j0–th0, j1–th0, j1–th1, j2–my0 (queried from the Japanese end).
    let parties = vec![
        locality("j0", "JP", vec![], vec![]),
        locality("j1", "JP", vec![], vec![]),
        locality("j2", "JP", vec![], vec![]),
        locality("th0", "TH", vec![], vec![]),
        locality("th1", "TH", vec![], vec![]),
        locality("my0", "MY", vec![], vec![]),
    ];
    let l = |i: i64, f, t| link(i, f, t, &[], &[]);
    let net = Network::new(parties, vec![l(1, 0, 3), l(2, 1, 3), l(3, 1, 4), l(4, 2, 5)]);
    let e = evaluate(&net, Scorer::Popularity, Level::Country).unwrap();
    // Popularity by country, each round (hidden link removed):
    // 1 j0→th0: TH = 1 (th0) + 1 (th1) = 2, MY = 1: TH rank 1.
    // 2 j1→th0 (th1 kept, so a candidate only th0 and my0): TH = th0 1, MY 1: tie, rank 2.
    // 3 j1→th1: th0 kept; candidates th1 (0), my0 (1): TH 0 < MY 1: rank 2.
    // 4 j2→my0: TH = 2 + 1 = 3, MY = 0: rank 2.
    assert_eq!(e.links, 4);
    assert!((e.figures.mrr - (1.0 + 0.5 + 0.5 + 0.5) / 4.0).abs() < 1e-12, "{e:?}");
    assert_eq!(e.figures.hit_at_5, 1.0);
    // Bare names have no country: the country level says so.
    assert_eq!(
        evaluate(&star(), Scorer::Popularity, Level::Country).unwrap_err(),
        EvaluationError::NoCountry("hub".into())
    );
}

#[test]
fn links_between_parties_that_are_not_counterparts_are_skipped() {
    let parties = vec![
        locality("j0", "JP", vec![], vec![]),
        locality("j1", "JP", vec![], vec![]),
        locality("th0", "TH", vec![], vec![]),
    ];
    let net = Network::new(parties, vec![link(1, 0, 1, &[], &[]), link(2, 0, 2, &[], &[])]);
    let e = evaluate(&net, Scorer::Matchmaker, Level::Party).unwrap();
    assert_eq!((e.links, e.skipped), (1, 1));
}

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn a_links_file_is_read_with_countries_and_themes() {
    let net = links_file::read(&rows(
        "from,to,from_country,to_country,themes\nObihiro,Penang,jp,MY,halal; confectionery\n\nSapporo,Penang,JP,MY,Tourism\n",
    ))
    .unwrap();
    assert_eq!(net.parties.len(), 3);
    assert_eq!(net.parties[1].country, cc("MY"));
    assert_eq!(net.links[0].themes, vec!["halal", "confectionery"]);
    assert_eq!(net.links[1].themes, vec!["tourism"]);
    // Rows as a spreadsheet numbers them: the blank row 3 is skipped.
    assert_eq!(net.links[1].evidence, vec![Ref::new(RefKind::Row, 4)]);
}

#[test]
fn a_bad_links_file_is_refused_row_by_row() {
    let problems = |text: &str| -> Vec<(usize, String, &'static str)> {
        links_file::read(&rows(text))
            .unwrap_err()
            .into_iter()
            .map(|p| (p.row, p.column, p.code))
            .collect()
    };
    assert_eq!(problems("from,to,weight"), vec![(1, "weight".into(), "unknown_column")]);
    assert_eq!(
        problems("from,from_country"),
        vec![
            (1, "to".into(), "missing_column"),
            (1, "to_country".into(), "missing_column")
        ]
    );
    assert_eq!(problems("from,to"), vec![(2, "from".into(), "no_links")]);
    let p = problems(
        "from,to,from_country,to_country,themes\n\
         A,B,JP,TH,x\n\
         A,,JP,TH,\n\
         A,C,JP,XX,\n\
         B,A,TH,JP,\n\
         C,D,JP,TH,a/b\n\
         D,D,TH,TH,\n\
         A,E,MY,TH,\n\
         F,G,JP,TH,,extra",
    );
    assert_eq!(
        p,
        vec![
            (3, "to".into(), "required"),
            (4, "to_country".into(), "unknown_country"),
            (5, "to".into(), "duplicate_link"),
            (6, "themes".into(), "bad_theme"),
            (7, "to".into(), "self_link"),
            (8, "from_country".into(), "conflicting_country"),
            (9, "column 6".into(), "extra_cell"),
        ]
    );
}

#[test]
fn hiding_a_link_hides_the_other_links_of_its_records() {
    // Programme 9 joins Obihiro–Penang and their two companies; link 101
    // is Obihiro–Kedah on its own.
    let mut parties = town_network().parties;
    for (key, country) in [("obihiro_co", "JP"), ("penang_co", "MY")] {
        let mut p = locality(key, country, vec![], vec![]);
        p.kind = PartyKind::Organisation;
        parties.push(p);
    }
    let programme = |from, to| LinkInput {
        evidence: Ref::new(RefKind::Programme, 9),
        ..link(0, from, to, &["halal"], &[900])
    };
    let net = Network::new(
        parties,
        vec![programme(0, 1), programme(6, 7), link(101, 0, 5, &[], &[])],
    );
    let g = Graph::new(&net, Some(0));
    assert_eq!(g.degree(6), 0, "the companies' pair goes with the towns' pair");
    assert_eq!(g.degree(0), 1, "Obihiro keeps Kedah");
    assert!(!g.interests(7).contains("halal"));
    let g = Graph::new(&net, Some(2));
    assert_eq!((g.degree(6), g.degree(0)), (1, 1));
}
