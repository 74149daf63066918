//! The matchmaker's demo plan, measured without a store.
use kizuna_domain::common::CountryCode;
use kizuna_domain::matchmaker::{Item, Level, LinkInput, Network, Party, PartyKind, Ref, RefKind, Scorer, evaluate};

use super::*;

/// The plan as the matchmaker's network, the way the application reads
/// the records the plan becomes (without a store).
fn network(plan: &Plan) -> Network {
    let mut parties = Vec::new();
    let mut next_item = 0;
    let mut items = |themes: &[&str]| -> Vec<Item> {
        themes
            .iter()
            .map(|t| {
                next_item += 1;
                Item {
                    id: next_item,
                    themes: vec![(*t).to_owned()],
                }
            })
            .collect()
    };
    let mut org_at = Vec::new();
    for (i, town) in plan.towns.iter().enumerate() {
        let country = CountryCode::parse(town.country).ok();
        parties.push(Party {
            key: format!("locality:{i}"),
            kind: PartyKind::Locality,
            label: town.name_en.clone(),
            country,
            offers: items(&town.offers),
            needs: items(&town.needs),
            not_matchable: None,
        });
    }
    for town in &plan.towns {
        org_at.push(town.org.as_ref().map(|o| {
            parties.push(Party {
                key: o.key.clone(),
                kind: PartyKind::Organisation,
                label: o.names[0].clone(),
                country: CountryCode::parse(town.country).ok(),
                offers: items(&o.offers),
                needs: items(&o.needs),
                not_matchable: None,
            });
            parties.len() - 1
        }));
    }
    let mut links = Vec::new();
    for (n, l) in plan.links.iter().enumerate() {
        let fields = exchange_fields(&l.themes);
        let outcomes: Vec<Ref> = (0..l.outcomes.len())
            .map(|o| Ref::new(RefKind::Outcome, (n * 10 + o) as i64))
            .collect();
        links.push(LinkInput {
            evidence: Ref::new(RefKind::Link, n as i64),
            from: l.japan,
            to: l.abroad,
            themes: fields
                .split(' ')
                .filter_map(|f| f.parse().ok().and_then(exchange_theme))
                .map(str::to_owned)
                .collect(),
            outcomes: outcomes.clone(),
        });
        if l.kind == LinkKind::Partnership {
            let programme = Ref::new(RefKind::Programme, n as i64);
            let themes: Vec<String> = l.themes.iter().map(|t| (*t).to_owned()).collect();
            links.push(LinkInput {
                evidence: programme,
                from: l.japan,
                to: l.abroad,
                themes: themes.clone(),
                outcomes: outcomes.clone(),
            });
            if let (Some(jo), Some(ao)) = (org_at[l.japan], org_at[l.abroad]) {
                links.push(LinkInput {
                    evidence: programme,
                    from: jo,
                    to: ao,
                    themes,
                    outcomes,
                });
            }
        }
    }
    Network::new(parties, links)
}

#[test]
fn the_plan_is_the_same_every_time_and_every_name_says_demo() {
    let (a, b) = (plan(), plan());
    assert_eq!(a.links.len(), b.links.len());
    assert!(
        a.links
            .iter()
            .zip(&b.links)
            .all(|(x, y)| (x.japan, x.abroad) == (y.japan, y.abroad))
    );
    assert_eq!(a.towns.len(), JAPAN_TOWNS + 10 * TOWNS_PER_COUNTRY);
    for town in &a.towns {
        assert!(town.name_en.ends_with("(demo)"), "{}", town.name_en);
        if let Some(o) = &town.org {
            assert!(
                o.names[0].ends_with("(demo)") && o.names[1].ends_with("（デモ）"),
                "{:?}",
                o.names
            );
        }
        for theme in town.offers.iter().chain(&town.needs) {
            assert!(theme.parse::<Theme>().is_ok(), "{theme}");
        }
    }
    let keys: BTreeSet<&str> = a.towns.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(keys.len(), a.towns.len());
}

#[test]
fn on_the_demo_the_matchmaker_beats_both_baselines() {
    let net = network(&plan());
    let e = evaluate(&net, Scorer::Matchmaker, Level::Party).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&e).unwrap());
    let c = evaluate(&net, Scorer::Matchmaker, Level::Country).unwrap();
    eprintln!("country: {}", serde_json::to_string_pretty(&c).unwrap());
    for base in [&e.baselines.popularity, &e.baselines.adamic_adar] {
        assert!(e.figures.hit_at_5 > base.hit_at_5, "{e:?}");
        assert!(e.figures.mrr > base.mrr, "{e:?}");
    }
}

#[test]
fn other_seeds_give_the_same_order() {
    // The same process drawn with twenty other seeds. Measured when this
    // was written: the matchmaker's MRR is above popularity's for all 20
    // (0.194-0.370 against 0.052-0.232), its hit@5 above for 19 and equal
    // for one (seed 4: 0.465 both, a draw where one town abroad gathered
    // many links).
    let mut ahead = 0;
    for seed in 1..=20u64 {
        let e = evaluate(&network(&plan_from(seed)), Scorer::Matchmaker, Level::Party).unwrap();
        let p = &e.baselines.popularity;
        assert!(e.figures.mrr > p.mrr, "seed {seed}: {e:?}");
        assert!(e.figures.hit_at_5 >= p.hit_at_5, "seed {seed}: {e:?}");
        if e.figures.hit_at_5 > p.hit_at_5 {
            ahead += 1;
        }
    }
    assert!(ahead >= 18, "hit@5 ahead for {ahead} seeds of 20");
}
