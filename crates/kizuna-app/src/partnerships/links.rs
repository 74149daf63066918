//! The local-to-local links seen whole: which Japanese locality is linked
//! with which locality abroad, by a recorded link (sister city,
//! friendship, partnership) or through a partnership programme (its
//! Japanese locality and each locality abroad), through which
//! organisations and programmes, since when, and what the programmes
//! produced on each side.
//!
//! Localities have no coordinates in the store; `localities.tsv` beside
//! this file gives an approximate centre (the city hall or the seat of the
//! prefecture or state, to two or three decimals, WGS 84) for the demo's
//! localities and a few more, keyed by locality key. A locality without a
//! row there is listed with its links but not drawn on the map.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use chrono::NaiveDate;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, LocalText};
use kizuna_domain::partnerships::local_link::{LinkKind, LocalLink};
use kizuna_domain::partnerships::outcome::Outcome;
use kizuna_domain::partnerships::partnership::{Partnership, ProgrammeOrganisation};
use kizuna_store::Value;
use serde::Serialize;

use super::all;
use super::report::SideCounts;
use crate::{App, Result};

const TSV: &str = include_str!("localities.tsv");

/// Locality key → (latitude, longitude).
static CENTRES: LazyLock<HashMap<&'static str, (f64, f64)>> = LazyLock::new(|| {
    TSV.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let mut c = l.split('\t');
            let key = c.next()?;
            let lat = c.next()?.trim().parse().ok()?;
            let lon = c.next()?.trim().parse().ok()?;
            Some((key, (lat, lon)))
        })
        .collect()
});

/// Where a locality is drawn, if `localities.tsv` knows it.
pub fn locality_centre(key: &str) -> Option<(f64, f64)> {
    CENTRES.get(key).copied()
}

/// One end of a link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkEnd {
    pub id: Id,
    pub key: String,
    pub name: LocalText,
    pub country: String,
    /// Latitude and longitude, when known.
    pub centre: Option<(f64, f64)>,
}

/// A programme a pair of localities is linked through.
#[derive(Debug, Clone, Serialize)]
pub struct LinkProgramme {
    pub id: Id,
    pub key: String,
    pub title: LocalText,
    pub starts_on: NaiveDate,
    /// Whether its public story page is shown.
    pub public: bool,
}

/// A pair of localities and everything linking them.
#[derive(Debug, Clone, Serialize)]
pub struct LocalityPair {
    pub japan: LinkEnd,
    pub abroad: LinkEnd,
    /// The kinds of the recorded links between them.
    pub link_kinds: Vec<LinkKind>,
    pub programmes: Vec<LinkProgramme>,
    /// The organisations taking part in those programmes, by name.
    pub organisations: Vec<(Id, LocalText)>,
    /// The earliest recorded link or programme start.
    pub since: NaiveDate,
    /// The programmes' outcomes, by side.
    pub produced: SideCounts,
}

impl App {
    /// The names of these localities, by id (unknown ids left out).
    pub async fn locality_names(&self, ids: &[Id]) -> Result<BTreeMap<Id, LocalText>> {
        Ok(self
            .store
            .get_many::<Locality>(ids)
            .await?
            .into_iter()
            .map(|l| (l.id, l.fields.name))
            .collect())
    }

    /// Every linked pair of localities, Japanese locality first, in order
    /// of the date they were first linked. With `public_only`, programmes
    /// not marked public are left out (a pair linked only through them
    /// too) and only outcomes marked public are counted.
    pub async fn locality_pairs(&self, public_only: bool) -> Result<Vec<LocalityPair>> {
        let links: Vec<LocalLink> = all(self, &[]).await?;
        let partnerships: Vec<Partnership> = all::<Partnership>(self, &[])
            .await?
            .into_iter()
            .filter(|p| !public_only || p.fields.public)
            .collect();
        type Acc = (BTreeSet<LinkKind>, BTreeSet<Id>, Option<NaiveDate>);
        let mut pairs: BTreeMap<(Id, Id), Acc> = BTreeMap::new();
        let earliest = |d: &mut Option<NaiveDate>, new: NaiveDate| {
            *d = Some(d.map_or(new, |old| old.min(new)));
        };
        for l in &links {
            let e = pairs
                .entry((l.fields.japan_locality_id, l.fields.abroad_locality_id))
                .or_default();
            e.0.insert(l.fields.kind);
            earliest(&mut e.2, l.fields.since);
        }
        for p in &partnerships {
            for a in &p.fields.abroad_locality_ids {
                let e = pairs.entry((p.fields.japan_locality_id, *a)).or_default();
                e.1.insert(p.fields.programme_id);
                earliest(&mut e.2, p.fields.starts_on);
            }
        }
        let locality_ids: Vec<Id> = pairs
            .keys()
            .flat_map(|(j, a)| [*j, *a])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let localities: BTreeMap<Id, LinkEnd> = self
            .store
            .get_many::<Locality>(&locality_ids)
            .await?
            .into_iter()
            .map(|l| {
                let key = l.fields.key.to_string();
                (
                    l.id,
                    LinkEnd {
                        id: l.id,
                        centre: locality_centre(&key),
                        key,
                        name: l.fields.name,
                        country: l.fields.country.as_str().to_owned(),
                    },
                )
            })
            .collect();
        // Each programme once: its record, start, organisations, outcomes.
        let mut programmes: BTreeMap<Id, (LinkProgramme, Vec<Id>, SideCounts)> = BTreeMap::new();
        for p in &partnerships {
            let prog = self.store.get::<Programme>(p.fields.programme_id).await?;
            let by = |name| vec![(name, Value::Int(Some(prog.id)))];
            let mut orgs: Vec<Id> = all::<ProgrammeOrganisation>(self, &by("programme_id"))
                .await?
                .into_iter()
                .map(|o| o.fields.organisation_id)
                .chain(p.fields.proposer_id)
                .collect();
            orgs.sort_unstable();
            orgs.dedup();
            let mut produced = SideCounts::default();
            for o in all::<Outcome>(self, &by("programme_id")).await? {
                if !public_only || o.fields.public {
                    produced.add(o.fields.side);
                }
            }
            programmes.insert(
                prog.id,
                (
                    LinkProgramme {
                        id: prog.id,
                        key: prog.fields.key.to_string(),
                        title: prog.fields.title,
                        starts_on: p.fields.starts_on,
                        public: p.fields.public,
                    },
                    orgs,
                    produced,
                ),
            );
        }
        let org_ids: Vec<Id> = programmes
            .values()
            .flat_map(|(_, o, _)| o.iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let organisations: BTreeMap<Id, LocalText> = self
            .store
            .get_many::<Organisation>(&org_ids)
            .await?
            .into_iter()
            .map(|o| (o.id, o.fields.name))
            .collect();
        let mut out = Vec::new();
        for ((j, a), (kinds, progs, since)) in pairs {
            let (Some(japan), Some(abroad), Some(since)) = (localities.get(&j), localities.get(&a), since) else {
                continue;
            };
            let mut produced = SideCounts::default();
            let mut orgs: BTreeSet<Id> = BTreeSet::new();
            let mut through = Vec::new();
            for id in &progs {
                if let Some((p, o, c)) = programmes.get(id) {
                    produced.japan += c.japan;
                    produced.abroad += c.abroad;
                    produced.both += c.both;
                    produced.total += c.total;
                    orgs.extend(o.iter().copied());
                    through.push(p.clone());
                }
            }
            through.sort_by_key(|p| (p.starts_on, p.id));
            out.push(LocalityPair {
                japan: japan.clone(),
                abroad: abroad.clone(),
                link_kinds: kinds.into_iter().collect(),
                programmes: through,
                organisations: orgs
                    .into_iter()
                    .filter_map(|id| Some((id, organisations.get(&id)?.clone())))
                    .collect(),
                since,
                produced,
            });
        }
        out.sort_by(|x, y| (x.since, &x.japan.key, &x.abroad.key).cmp(&(y.since, &y.japan.key, &y.abroad.key)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_centre_is_a_position_and_the_story_s_localities_have_one() {
        let rows = TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .count();
        assert_eq!(rows, CENTRES.len(), "a row of localities.tsv did not parse");
        for (k, (lat, lon)) in CENTRES.iter() {
            assert!((-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon), "{k}");
        }
        for key in [
            "jp/hokkaido/tokachi/obihiro",
            "th/bangkok",
            "my/selangor",
            "my/kuala-lumpur",
        ] {
            assert!(locality_centre(key).is_some(), "{key}");
        }
        // Obihiro is east of Sapporo and north of Bangkok.
        let (olat, olon) = locality_centre("jp/hokkaido/tokachi/obihiro").unwrap();
        let (slat, slon) = locality_centre("jp/hokkaido/ishikari/sapporo").unwrap();
        assert!(olon > slon && olat < slat + 1.0);
        assert!(olat > locality_centre("th/bangkok").unwrap().0);
    }
}
