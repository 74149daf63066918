//! The matchmaker's use cases: the network of localities and organisations
//! read from the store, the ranked counterparts of one party with their
//! explanations, and the leave-one-out evaluation (on the store, or on a
//! links file staff give).
//!
//! What the network is made of:
//! - parties: every locality and every organisation, with their offers and
//!   needs (one theme each) and their profile's completeness;
//! - links between localities: local-to-local links (themes: their fields
//!   of exchange, as far as a theme says the same) and the pairs a
//!   partnership programme joins (its Japanese locality with each locality
//!   abroad; themes: the programme's);
//! - links between organisations: the pairs of organisations in one
//!   programme (a role in it, or its proposer) on opposite sides;
//! - a programme's outcomes belong to its pairs (to one locality pair only
//!   when the outcome names localities); an outcome a verifier disagreed
//!   with does not count. A local-to-local link has the outcomes that name
//!   both its localities.
//!
//! Each link is written from its Japanese end, which the evaluation asks.

use std::collections::{BTreeMap, HashMap};

use kizuna_domain::FieldError;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::matchmaker::{
    self as mm, Evaluation, Item, Level, LinkInput, Network, Party, PartyKind, Ref, RefKind, Scorer, Suggestions,
};
use kizuna_domain::partnerships::local_link::{ExchangeField, LocalLink};
use kizuna_domain::partnerships::outcome::{Outcome, Verdict};
use kizuna_domain::partnerships::partnership::{Partnership, ProgrammeOrganisation};
use kizuna_domain::partnerships::profile::{Completeness, Direction, OfferNeed, OfferNeedInput, completeness};
use kizuna_i18n::Lang;

use crate::partnerships::all;
use crate::{App, AppError, Result};

/// The theme a sister-city field of exchange is about, where one says the
/// same thing (education, sports and technology have none).
pub fn exchange_theme(f: ExchangeField) -> Option<&'static str> {
    Some(match f {
        ExchangeField::Culture => "culture",
        ExchangeField::Tourism => "tourism",
        ExchangeField::Agriculture => "agriculture",
        ExchangeField::Environment => "environment",
        ExchangeField::Health => "health",
        ExchangeField::Youth => "youth_exchange",
        ExchangeField::Administration => "local_government",
        ExchangeField::Economy => "sme",
        ExchangeField::Education | ExchangeField::Sports | ExchangeField::Technology => return None,
    })
}

/// The network with what it takes to find a party by name: each party's
/// key and names in every language, folded, and how to name it in a list.
pub struct MatchNetwork {
    pub net: Network,
    names: Vec<Vec<String>>,
    shown: Vec<String>,
}

/// Who is asked about: a locality or an organisation, by name or key.
#[derive(Debug, Clone, Copy)]
pub enum Asked<'a> {
    Locality(&'a str),
    Organisation(&'a str),
    /// By record id (the console's links).
    LocalityId(Id),
    OrganisationId(Id),
}

impl App {
    /// Every locality and organisation with its profile, and every
    /// recorded link, as the matchmaker sees them; names and reasons in
    /// `lang`.
    pub async fn matchmaker_network(&self, lang: Lang) -> Result<MatchNetwork> {
        let localities = all::<Locality>(self, &[]).await?;
        let organisations = all::<Organisation>(self, &[]).await?;
        let items = all::<OfferNeed>(self, &[]).await?;
        let local_links = all::<LocalLink>(self, &[]).await?;
        let partnerships = all::<Partnership>(self, &[]).await?;
        let roles = all::<ProgrammeOrganisation>(self, &[]).await?;
        let outcomes: Vec<Outcome> = all::<Outcome>(self, &[])
            .await?
            .into_iter()
            .filter(|o| o.fields.verdict != Some(Verdict::Disagree))
            .collect();

        let mut by_locality: HashMap<Id, Vec<&OfferNeed>> = HashMap::new();
        let mut by_org: HashMap<Id, Vec<&OfferNeed>> = HashMap::new();
        for i in &items {
            match (i.fields.locality_id, i.fields.organisation_id) {
                (Some(l), _) => by_locality.entry(l).or_default().push(i),
                (None, Some(o)) => by_org.entry(o).or_default().push(i),
                (None, None) => {}
            }
        }
        let mut parties = Vec::with_capacity(localities.len() + organisations.len());
        let mut names = Vec::with_capacity(parties.capacity());
        let mut shown = Vec::with_capacity(parties.capacity());
        let mut locality_at = HashMap::new();
        let mut org_at = HashMap::new();
        for l in &localities {
            locality_at.insert(l.id, parties.len());
            names.push(folded_names(
                l.fields.key.as_str(),
                &l.fields.name,
                l.fields.name_local.as_ref(),
            ));
            shown.push(format!("{} ({})", l.fields.name.best(lang.code()), l.fields.key));
            let mine = by_locality.remove(&l.id).unwrap_or_default();
            parties.push(party(
                format!("locality:{}", l.id),
                PartyKind::Locality,
                l.fields.name.best(lang.code()).to_owned(),
                l.fields.country,
                true,
                &mine,
                lang,
            ));
        }
        for o in &organisations {
            org_at.insert(o.id, parties.len());
            names.push(folded_names(
                o.fields.key.as_str(),
                &o.fields.name,
                o.fields.name_local.as_ref(),
            ));
            shown.push(format!("{} ({})", o.fields.name.best(lang.code()), o.fields.key));
            let mine = by_org.remove(&o.id).unwrap_or_default();
            parties.push(party(
                format!("organisation:{}", o.id),
                PartyKind::Organisation,
                o.fields.name.best(lang.code()).to_owned(),
                o.fields.country,
                o.fields.locality_id.is_some(),
                &mine,
                lang,
            ));
        }

        let outcome_ref = |o: &Outcome| Ref::new(RefKind::Outcome, o.id);
        let mut by_programme: HashMap<Id, Vec<&Outcome>> = HashMap::new();
        for o in &outcomes {
            by_programme.entry(o.fields.programme_id).or_default().push(o);
        }
        let mut links = Vec::new();
        for l in &local_links {
            let (Some(&j), Some(&a)) = (
                locality_at.get(&l.fields.japan_locality_id),
                locality_at.get(&l.fields.abroad_locality_id),
            ) else {
                continue;
            };
            let ends = [l.fields.japan_locality_id, l.fields.abroad_locality_id];
            links.push(LinkInput {
                evidence: Ref::new(RefKind::Link, l.id),
                from: j,
                to: a,
                themes: l
                    .fields
                    .fields_of_exchange()
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(exchange_theme)
                    .map(str::to_owned)
                    .collect(),
                outcomes: outcomes
                    .iter()
                    .filter(|o| ends.iter().all(|e| o.fields.locality_ids.contains(e)))
                    .map(outcome_ref)
                    .collect(),
            });
        }
        let mut orgs_of: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
        for r in &roles {
            orgs_of
                .entry(r.fields.programme_id)
                .or_default()
                .push(r.fields.organisation_id);
        }
        let themes_of: HashMap<Id, Vec<String>> = partnerships
            .iter()
            .map(|p| {
                (
                    p.fields.programme_id,
                    p.fields.themes.iter().map(|t| t.key().to_owned()).collect(),
                )
            })
            .collect();
        for p in &partnerships {
            let f = &p.fields;
            if let Some(proposer) = f.proposer_id {
                orgs_of.entry(f.programme_id).or_default().push(proposer);
            }
            let Some(&j) = locality_at.get(&f.japan_locality_id) else {
                continue;
            };
            let programme_outcomes = by_programme.get(&f.programme_id).map(Vec::as_slice).unwrap_or_default();
            for abroad in &f.abroad_locality_ids {
                let Some(&a) = locality_at.get(abroad) else { continue };
                links.push(LinkInput {
                    evidence: Ref::new(RefKind::Programme, f.programme_id),
                    from: j,
                    to: a,
                    themes: themes_of[&f.programme_id].clone(),
                    outcomes: programme_outcomes
                        .iter()
                        .filter(|o| o.fields.locality_ids.is_empty() || o.fields.locality_ids.contains(abroad))
                        .map(|o| outcome_ref(o))
                        .collect(),
                });
            }
        }
        for (programme, mut orgs) in orgs_of {
            orgs.sort_unstable();
            orgs.dedup();
            let at: Vec<usize> = orgs.iter().filter_map(|o| org_at.get(o).copied()).collect();
            let is_japan = |p: usize| parties[p].country.is_some_and(|c| c.as_str() == "JP");
            let outcomes: Vec<Ref> = by_programme
                .get(&programme)
                .map(|v| v.iter().map(|o| outcome_ref(o)).collect())
                .unwrap_or_default();
            for &j in at.iter().filter(|&&p| is_japan(p)) {
                for &a in at.iter().filter(|&&p| !is_japan(p)) {
                    links.push(LinkInput {
                        evidence: Ref::new(RefKind::Programme, programme),
                        from: j,
                        to: a,
                        themes: themes_of.get(&programme).cloned().unwrap_or_default(),
                        outcomes: outcomes.clone(),
                    });
                }
            }
        }
        Ok(MatchNetwork {
            net: Network::new(parties, links),
            names,
            shown,
        })
    }

    /// The `k` best counterparts of a party, with their explanations.
    pub async fn match_party(&self, asked: Asked<'_>, k: usize, scorer: Scorer, lang: Lang) -> Result<Suggestions> {
        let m = self.matchmaker_network(lang).await?;
        suggestions_in(&m, asked, k, scorer)
    }

    /// The leave-one-out evaluation over the links recorded in the store.
    pub async fn evaluate_matchmaker(&self, scorer: Scorer, level: Level) -> Result<Evaluation> {
        let m = self.matchmaker_network(Lang::En).await?;
        evaluate(&m.net, scorer, level)
    }
}

/// The `k` best counterparts of a party of a network already read (the
/// console reads it once for its lists and its suggestions).
pub fn suggestions_in(m: &MatchNetwork, asked: Asked<'_>, k: usize, scorer: Scorer) -> Result<Suggestions> {
    let q = find_party(m, asked)?;
    mm::suggest(&m.net, q, scorer, k)
        .map_err(|e| AppError::Invalid(vec![FieldError::new(asked.field(), "not_matchable", e.to_string())]))
}

impl MatchNetwork {
    /// The record id of a party (`locality:12` → 12).
    pub fn record_id(&self, party: usize) -> Option<Id> {
        self.net.parties.get(party)?.key.split_once(':')?.1.parse().ok()
    }

    /// The parties of a kind as (record id, name), by name in `lang`.
    pub fn choices(&self, kind: PartyKind, lang: Lang) -> Vec<(Id, String)> {
        let mut v: Vec<(Id, String)> = (0..self.net.parties.len())
            .filter(|&p| self.net.parties[p].kind == kind)
            .filter_map(|p| Some((self.record_id(p)?, self.net.parties[p].label.clone())))
            .collect();
        v.sort_by(|a, b| kizuna_i18n::compare(lang, &a.1, &b.1).then(a.0.cmp(&b.0)));
        v
    }
}

/// The leave-one-out evaluation over a links file (CSV or XLSX: `from,to`
/// and optionally `from_country,to_country,themes`); no store needed.
pub fn evaluate_links_file(name: &str, bytes: &[u8], scorer: Scorer, level: Level) -> Result<Evaluation> {
    kizuna_io::limits::check_file_size(bytes.len())?;
    let format = kizuna_io::table::FileFormat::detect(name, bytes);
    if format == kizuna_io::table::FileFormat::Xlsx {
        kizuna_io::limits::check_xlsx(bytes)?;
    }
    let rows = kizuna_io::table::read_table(bytes, format)?;
    let net = mm::links_file::read(&rows).map_err(|problems| {
        let mut s = format!("the links file was refused: {} problem(s)", problems.len());
        for p in &problems {
            s.push_str(&format!("\n  row {}, column {}: {}", p.row, p.column, p.reason));
            if !p.value.is_empty() {
                s.push_str(&format!(" (value: \"{}\")", p.value));
            }
        }
        AppError::BadFile(s)
    })?;
    evaluate(&net, scorer, level)
}

fn evaluate(net: &Network, scorer: Scorer, level: Level) -> Result<Evaluation> {
    mm::evaluate(net, scorer, level)
        .map_err(|e| AppError::Invalid(vec![FieldError::new("links", "cannot_evaluate", e.to_string())]))
}

impl Asked<'_> {
    fn field(self) -> &'static str {
        match self {
            Asked::Locality(_) | Asked::LocalityId(_) => "locality",
            Asked::Organisation(_) | Asked::OrganisationId(_) => "organisation",
        }
    }
}

/// A party of the network from its profile records.
fn party(
    key: String,
    kind: PartyKind,
    label: String,
    country: kizuna_domain::common::CountryCode,
    has_locality: bool,
    items: &[&OfferNeed],
    lang: Lang,
) -> Party {
    let item = |i: &&OfferNeed| Item {
        id: i.id,
        themes: vec![i.fields.theme.key().to_owned()],
    };
    let fields: Vec<&OfferNeedInput> = items.iter().map(|i| &i.fields).collect();
    let not_matchable = match completeness(has_locality, &fields) {
        Completeness::Matchable => None,
        Completeness::NotMatchable(gaps) => Some(
            gaps.iter()
                .map(|g| kizuna_i18n::message(lang, &format!("matchmaker-gap-{}", g.as_str()), &[]))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    };
    Party {
        key,
        kind,
        label,
        country: Some(country),
        offers: items
            .iter()
            .filter(|i| i.fields.direction == Direction::Offer)
            .map(item)
            .collect(),
        needs: items
            .iter()
            .filter(|i| i.fields.direction == Direction::Need)
            .map(item)
            .collect(),
        not_matchable,
    }
}

/// A key and every name of a record, folded for comparing.
fn folded_names(
    key: &str,
    name: &kizuna_domain::common::LocalText,
    local: Option<&kizuna_domain::common::Text>,
) -> Vec<String> {
    let mut v = vec![crate::people::fold(key)];
    v.extend(name.iter().map(|(_, t)| crate::people::fold(t.as_str())));
    v.extend(local.map(|t| crate::people::fold(t.as_str())));
    v.retain(|n| !n.is_empty());
    v.dedup();
    v
}

/// How many parties a refusal lists at most.
const LISTED: usize = 10;

/// The party asked about. A name matches a key or a name in any language,
/// compared folded (case, accents, width, spaces, hiragana as katakana):
/// one exact match wins, else one partial match; anything else is refused
/// listing the candidates (for an unknown name, the closest by shared
/// pairs of characters).
pub fn find_party(m: &MatchNetwork, asked: Asked<'_>) -> Result<usize> {
    let (kind, typed) = match asked {
        Asked::LocalityId(id) => return by_key(&m.net, asked, &format!("locality:{id}")),
        Asked::OrganisationId(id) => return by_key(&m.net, asked, &format!("organisation:{id}")),
        Asked::Locality(n) => (PartyKind::Locality, n),
        Asked::Organisation(n) => (PartyKind::Organisation, n),
    };
    let field = asked.field();
    let want = crate::people::fold(typed);
    if want.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new(
            field,
            "required",
            format!("name the {field} to match (its name in any language, or its key)"),
        )]));
    }
    let of_kind: Vec<usize> = (0..m.net.parties.len())
        .filter(|&p| m.net.parties[p].kind == kind)
        .collect();
    let exact: Vec<usize> = of_kind
        .iter()
        .copied()
        .filter(|&p| m.names[p].contains(&want))
        .collect();
    let partial: Vec<usize> = of_kind
        .iter()
        .copied()
        .filter(|&p| m.names[p].iter().any(|n| n.contains(&want)))
        .collect();
    let list = |ps: &[usize]| {
        let mut v: Vec<&str> = ps.iter().take(LISTED).map(|&p| m.shown[p].as_str()).collect();
        v.sort_unstable();
        let more = ps.len().saturating_sub(LISTED);
        let mut s = v.join("; ");
        if more > 0 {
            s.push_str(&format!("; and {more} more"));
        }
        s
    };
    match (exact.as_slice(), partial.as_slice()) {
        ([one], _) | ([], [one]) => Ok(*one),
        ([], []) => {
            let mut close: Vec<(f64, usize)> = of_kind
                .iter()
                .map(|&p| (m.names[p].iter().map(|n| likeness(n, &want)).fold(0.0, f64::max), p))
                .filter(|(s, _)| *s > 0.0)
                .collect();
            close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let close: Vec<usize> = close.into_iter().take(LISTED).map(|(_, p)| p).collect();
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; the closest: {}", list(&close))
            };
            Err(AppError::Invalid(vec![FieldError::new(
                field,
                "unknown_party",
                format!("no {field} is called \"{typed}\"{hint}"),
            )]))
        }
        _ => {
            let many = if exact.len() > 1 { &exact } else { &partial };
            Err(AppError::Invalid(vec![FieldError::new(
                field,
                "ambiguous_party",
                format!(
                    "\"{typed}\" names {} {}: {}; give more of the name or the key",
                    many.len(),
                    if field == "locality" {
                        "localities"
                    } else {
                        "organisations"
                    },
                    list(many)
                ),
            )]))
        }
    }
}

/// How alike two folded names are: the Dice coefficient of their pairs of
/// characters (1 for the same pairs, 0 for none in common).
fn likeness(a: &str, b: &str) -> f64 {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (pairs(a), pairs(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let mut rest = y.clone();
    let mut common = 0usize;
    for p in &x {
        if let Ok(i) = rest.binary_search(p) {
            rest.remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

fn by_key(net: &Network, asked: Asked<'_>, key: &str) -> Result<usize> {
    net.find(key).ok_or_else(|| AppError::NotFound {
        entity: asked.field(),
        id: key.rsplit(':').next().unwrap_or(key).to_owned(),
    })
}
