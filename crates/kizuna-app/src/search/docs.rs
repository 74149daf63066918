//! The search documents of each kind of record: titles by language,
//! descriptions and stories, and who may find it. A person's document has
//! names only — never a birth date, a passport number, an e-mail address —
//! so what a role cannot see it cannot match either.

use std::collections::BTreeMap;

use kizuna_domain::System;
use kizuna_domain::common::LocalText;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{Id, Text};
use kizuna_domain::exchanges::delegation::Delegation;
use kizuna_domain::map::place::Place;
use kizuna_domain::partnerships::activity::Activity;
use kizuna_domain::partnerships::outcome::Outcome;
use kizuna_domain::volunteers::placement::Placement;
use kizuna_search::{Gazetteer, SearchDoc};
use kizuna_store::Record;

use crate::App;

use super::SearchResult;

/// The systems whose records are indexed (their feed positions are kept).
pub const SYSTEMS: [System; 5] = [
    System::Common,
    System::Map,
    System::Partnerships,
    System::Volunteers,
    System::Exchanges,
];

/// The kinds of document, as `kind=` names them.
pub const KINDS: [&str; 9] = [
    "person",
    "organisation",
    "locality",
    "programme",
    "activity",
    "outcome",
    "placement",
    "delegation",
    "place",
];

const FALLBACK: [&str; 4] = ["en", "ja", "ms", "th"];

/// A document's title for a reader of `lang` (else the fallback order).
pub fn title_in(doc: &SearchDoc, lang: &str) -> String {
    std::iter::once(lang)
        .chain(FALLBACK)
        .find_map(|l| doc.titles.get(l))
        .or_else(|| doc.titles.values().next())
        .cloned()
        .unwrap_or_default()
}

fn titles(t: &LocalText) -> BTreeMap<String, String> {
    t.iter().map(|(l, s)| (l.to_string(), s.as_str().to_string())).collect()
}

fn texts(parts: &[Option<&LocalText>]) -> String {
    parts
        .iter()
        .flatten()
        .flat_map(|t| t.iter().map(|(_, s)| s.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn aud(public: bool, partners: &[Option<Id>]) -> Vec<String> {
    let mut a = vec!["staff".to_string()];
    if public {
        a.push("public".into());
    }
    a.extend(partners.iter().flatten().map(|p| format!("partner:{p}")));
    a
}

fn doc(kind: &str, id: Id, titles: BTreeMap<String, String>, body: String, audience: Vec<String>) -> SearchDoc {
    SearchDoc {
        kind: kind.into(),
        id,
        titles,
        body,
        audience,
    }
}

fn opt(t: Option<&Text>) -> Option<&str> {
    t.map(Text::as_str)
}

trait Indexed: Record + 'static {
    const KIND: &'static str;
    fn to_doc(&self) -> SearchDoc;
}

impl Indexed for Person {
    const KIND: &'static str = "person";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        let name = [opt(Some(&f.family_name)), opt(f.given_name.as_ref())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        let mut t = BTreeMap::new();
        t.insert("en".into(), name.join(" "));
        if let Some(n) = &f.name_native {
            t.insert("native".into(), n.as_str().to_string());
        }
        if let Some(n) = &f.name_kana {
            t.insert("kana".into(), n.as_str().to_string());
        }
        doc(Self::KIND, self.id, t, String::new(), aud(false, &[f.organisation_id]))
    }
}

impl Indexed for Organisation {
    const KIND: &'static str = "organisation";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        let mut t = titles(&f.name);
        if let Some(n) = &f.name_local {
            t.insert("local".into(), n.as_str().to_string());
        }
        let body = opt(f.address.as_ref()).unwrap_or_default().to_string();
        doc(Self::KIND, self.id, t, body, aud(false, &[Some(self.id)]))
    }
}

impl Indexed for Locality {
    const KIND: &'static str = "locality";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        let mut t = titles(&f.name);
        if let Some(n) = &f.name_local {
            t.insert("local".into(), n.as_str().to_string());
        }
        doc(Self::KIND, self.id, t, String::new(), aud(false, &[]))
    }
}

impl Indexed for Programme {
    const KIND: &'static str = "programme";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        doc(
            Self::KIND,
            self.id,
            titles(&f.title),
            texts(&[f.summary.as_ref()]),
            aud(false, &[f.organisation_id]),
        )
    }
}

impl Indexed for Activity {
    const KIND: &'static str = "activity";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        let mut body = texts(&[f.summary.as_ref()]);
        if let Some(p) = &f.place {
            body.push('\n');
            body.push_str(p.as_str());
        }
        doc(
            Self::KIND,
            self.id,
            titles(&f.title),
            body,
            aud(false, &[f.organisation_id]),
        )
    }
}

impl Indexed for Outcome {
    const KIND: &'static str = "outcome";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        let body = texts(&[Some(&f.description), f.contribution.as_ref(), f.significance.as_ref()]);
        let audience = aud(f.public, &[f.actor_organisation_id, f.agent_organisation_id]);
        doc(Self::KIND, self.id, titles(&f.title), body, audience)
    }
}

impl Indexed for Placement {
    const KIND: &'static str = "placement";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        doc(
            Self::KIND,
            self.id,
            titles(&f.area),
            texts(&[f.goals.as_ref()]),
            aud(false, &[]),
        )
    }
}

impl Indexed for Delegation {
    const KIND: &'static str = "delegation";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        let body = texts(&[f.organisation_name.as_ref()]);
        doc(
            Self::KIND,
            self.id,
            titles(&f.purpose),
            body,
            aud(false, &[f.organisation_id]),
        )
    }
}

impl Indexed for Place {
    const KIND: &'static str = "place";
    fn to_doc(&self) -> SearchDoc {
        let f = &self.fields;
        let t = f
            .names
            .iter()
            .map(|(l, s)| (l.to_string(), s.as_str().to_string()))
            .collect();
        let mut body = texts(&[f.chain.as_ref(), f.branch.as_ref(), f.description.as_ref()]);
        if let Some(a) = &f.address {
            body.push('\n');
            body.push_str(a.as_str());
        }
        doc(Self::KIND, self.id, t, body, aud(true, &[]))
    }
}

async fn every<R: Indexed>(app: &App, out: &mut Vec<SearchDoc>) -> SearchResult<()> {
    let mut after = 0;
    loop {
        let page = app.store.select_after::<R>(after, 1000).await?;
        let Some(last) = page.last() else { return Ok(()) };
        after = last.to_doc().id;
        out.extend(page.iter().map(R::to_doc));
    }
}

/// Every record's document.
pub async fn all(app: &App) -> SearchResult<Vec<SearchDoc>> {
    let mut out = Vec::new();
    every::<Person>(app, &mut out).await?;
    every::<Organisation>(app, &mut out).await?;
    every::<Locality>(app, &mut out).await?;
    every::<Programme>(app, &mut out).await?;
    every::<Activity>(app, &mut out).await?;
    every::<Outcome>(app, &mut out).await?;
    every::<Placement>(app, &mut out).await?;
    every::<Delegation>(app, &mut out).await?;
    every::<Place>(app, &mut out).await?;
    Ok(out)
}

async fn page_of<R: Indexed>(app: &App, after: Id, limit: u32) -> SearchResult<Vec<SearchDoc>> {
    Ok(app
        .store
        .select_after::<R>(after, limit)
        .await?
        .iter()
        .map(R::to_doc)
        .collect())
}

/// Up to `limit` documents of `kind` (one of [`KINDS`]) with ids above
/// `after`, by id: a kind read a page at a time.
pub async fn page(app: &App, kind: &str, after: Id, limit: u32) -> SearchResult<Vec<SearchDoc>> {
    match kind {
        k if k == Person::KIND => page_of::<Person>(app, after, limit).await,
        k if k == Organisation::KIND => page_of::<Organisation>(app, after, limit).await,
        k if k == Locality::KIND => page_of::<Locality>(app, after, limit).await,
        k if k == Programme::KIND => page_of::<Programme>(app, after, limit).await,
        k if k == Activity::KIND => page_of::<Activity>(app, after, limit).await,
        k if k == Outcome::KIND => page_of::<Outcome>(app, after, limit).await,
        k if k == Placement::KIND => page_of::<Placement>(app, after, limit).await,
        k if k == Delegation::KIND => page_of::<Delegation>(app, after, limit).await,
        k if k == Place::KIND => page_of::<Place>(app, after, limit).await,
        _ => Ok(Vec::new()),
    }
}

/// How many records the store holds of every kind indexed.
pub async fn count_all(app: &App) -> SearchResult<u64> {
    let counts = [
        app.store.count::<Person>(&[]).await?,
        app.store.count::<Organisation>(&[]).await?,
        app.store.count::<Locality>(&[]).await?,
        app.store.count::<Programme>(&[]).await?,
        app.store.count::<Activity>(&[]).await?,
        app.store.count::<Outcome>(&[]).await?,
        app.store.count::<Placement>(&[]).await?,
        app.store.count::<Delegation>(&[]).await?,
        app.store.count::<Place>(&[]).await?,
    ];
    Ok(counts.iter().map(|&n| u64::try_from(n).unwrap_or(0)).sum())
}

async fn some<R: Indexed>(app: &App, ids: &[Id]) -> SearchResult<Option<(&'static str, Vec<SearchDoc>)>> {
    Ok(Some((
        R::KIND,
        app.store.get_many::<R>(ids).await?.iter().map(R::to_doc).collect(),
    )))
}

/// The documents of the records `ids` of the feed's `entity` that still
/// exist, with their kind; `None` for an entity that is not indexed.
pub async fn by_entity(app: &App, entity: &str, ids: &[Id]) -> SearchResult<Option<(&'static str, Vec<SearchDoc>)>> {
    match entity {
        e if e == Person::ENTITY => some::<Person>(app, ids).await,
        e if e == Organisation::ENTITY => some::<Organisation>(app, ids).await,
        e if e == Locality::ENTITY => some::<Locality>(app, ids).await,
        e if e == Programme::ENTITY => some::<Programme>(app, ids).await,
        e if e == Activity::ENTITY => some::<Activity>(app, ids).await,
        e if e == Outcome::ENTITY => some::<Outcome>(app, ids).await,
        e if e == Placement::ENTITY => some::<Placement>(app, ids).await,
        e if e == Delegation::ENTITY => some::<Delegation>(app, ids).await,
        e if e == Place::ENTITY => some::<Place>(app, ids).await,
        _ => Ok(None),
    }
}

/// Adds the localities' names in every language to the gazetteer.
pub async fn add_localities(app: &App, g: &mut Gazetteer) -> SearchResult<()> {
    let mut after = 0;
    loop {
        let page = app.store.select_after::<Locality>(after, 1000).await?;
        let Some(last) = page.last() else { return Ok(()) };
        after = last.id;
        for l in &page {
            let mut names: Vec<&str> = l.fields.name.iter().map(|(_, t)| t.as_str()).collect();
            names.extend(opt(l.fields.name_local.as_ref()));
            g.add(names);
        }
    }
}
