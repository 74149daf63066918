//! What the matchmaker works on: parties with their offers and needs, and
//! the recorded links between them.

use std::collections::HashMap;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::common::CountryCode;

/// What a party is: links and suggestions pair parties of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    Locality,
    Organisation,
    /// A name from a links file, nothing more known about it.
    Node,
}

/// Which side of a partnership a party is on: Japan, or abroad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Japan,
    Abroad,
}

impl Side {
    pub fn of(country: CountryCode) -> Side {
        if country.as_str() == "JP" {
            Side::Japan
        } else {
            Side::Abroad
        }
    }
}

/// The kind of record a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RefKind {
    Offer,
    Need,
    /// A local-to-local link (a sister-city relation or another recorded tie).
    Link,
    /// A partnership programme that joins the two parties.
    Programme,
    /// An outcome a link produced.
    Outcome,
    /// A row of a links file (as a spreadsheet numbers it: the header is 1).
    Row,
}

impl RefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Offer => "offer",
            RefKind::Need => "need",
            RefKind::Link => "link",
            RefKind::Programme => "programme",
            RefKind::Outcome => "outcome",
            RefKind::Row => "row",
        }
    }
}

/// A record cited as evidence, by kind and id: `offer 12`, `programme 3`.
/// Written as `"offer:12"` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ref {
    pub kind: RefKind,
    pub id: i64,
}

impl Ref {
    pub fn new(kind: RefKind, id: i64) -> Ref {
        Ref { kind, id }
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.id)
    }
}

impl Serialize for Ref {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One offer or need of a party: its record's id and its theme keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: i64,
    pub themes: Vec<String>,
}

/// A locality or an organisation (or a bare name from a links file).
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// Unique in its network: `locality:12`, `organisation:5`, or the name
    /// as a links file gives it.
    pub key: String,
    pub kind: PartyKind,
    /// The name to show (the caller picks the language).
    pub label: String,
    /// Unknown for a bare name from a links file without countries.
    pub country: Option<CountryCode>,
    pub offers: Vec<Item>,
    pub needs: Vec<Item>,
    /// Why the party's profile is not complete enough to be matched, in
    /// the reader's language; `None` when it is matchable.
    pub not_matchable: Option<String>,
}

impl Party {
    /// A party known only by name (and perhaps its country).
    pub fn node(name: &str, country: Option<CountryCode>) -> Party {
        Party {
            key: name.to_owned(),
            kind: PartyKind::Node,
            label: name.to_owned(),
            country,
            offers: Vec::new(),
            needs: Vec::new(),
            not_matchable: None,
        }
    }

    pub fn side(&self) -> Option<Side> {
        self.country.map(Side::of)
    }
}

/// A recorded tie between two parties, as given (before merging pairs).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkInput {
    /// The records that say the two are linked.
    pub evidence: Ref,
    /// Indices into the network's parties. The evaluation asks for the
    /// partner of `from`.
    pub from: usize,
    pub to: usize,
    /// What the link is about: a programme's themes, a sister-city
    /// relation's fields of exchange, a links file's `themes`.
    pub themes: Vec<String>,
    /// The outcomes the link produced (substantiated ones).
    pub outcomes: Vec<Ref>,
}

/// A linked pair of parties with everything that records the tie.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub evidence: Vec<Ref>,
    pub from: usize,
    pub to: usize,
    pub themes: Vec<String>,
    pub outcomes: Vec<Ref>,
}

impl Link {
    /// The other end of the link, seen from `p`.
    pub fn other(&self, p: usize) -> usize {
        if self.from == p { self.to } else { self.from }
    }
}

/// Parties and the links between them, one link per pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub parties: Vec<Party>,
    pub links: Vec<Link>,
}

impl Network {
    /// Joins links of the same pair (a sister-city relation and a programme
    /// between the same two towns are one tie, with both as evidence; the
    /// first one's direction is kept). Links of a party to itself and links
    /// naming a party that is not there are dropped: callers build links
    /// from their own parties.
    pub fn new(parties: Vec<Party>, inputs: Vec<LinkInput>) -> Network {
        let mut links: Vec<Link> = Vec::new();
        let mut by_pair: HashMap<(usize, usize), usize> = HashMap::new();
        for l in inputs {
            if l.from == l.to || l.from >= parties.len() || l.to >= parties.len() {
                continue;
            }
            let pair = (l.from.min(l.to), l.from.max(l.to));
            match by_pair.get(&pair) {
                Some(&i) => {
                    let link = &mut links[i];
                    push_new(&mut link.evidence, [l.evidence]);
                    push_new(&mut link.themes, l.themes);
                    push_new(&mut link.outcomes, l.outcomes);
                }
                None => {
                    by_pair.insert(pair, links.len());
                    let mut themes = Vec::new();
                    push_new(&mut themes, l.themes);
                    let mut outcomes = Vec::new();
                    push_new(&mut outcomes, l.outcomes);
                    links.push(Link {
                        evidence: vec![l.evidence],
                        from: l.from,
                        to: l.to,
                        themes,
                        outcomes,
                    });
                }
            }
        }
        Network { parties, links }
    }

    /// The party with this key.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.parties.iter().position(|p| p.key == key)
    }

    /// Whether `c` could be suggested to `q`: another party of the same
    /// kind, on the other side when both sides are known (abroad for a
    /// Japanese party, in Japan for a foreign one).
    pub fn is_counterpart(&self, q: usize, c: usize) -> bool {
        let (a, b) = (&self.parties[q], &self.parties[c]);
        q != c
            && a.kind == b.kind
            && match (a.side(), b.side()) {
                (Some(x), Some(y)) => x != y,
                _ => true,
            }
    }
}

fn push_new<T: PartialEq>(into: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for i in items {
        if !into.contains(&i) {
            into.push(i);
        }
    }
}
