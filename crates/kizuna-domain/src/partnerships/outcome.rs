//! The ripple ledger, after Outcome Harvesting: each outcome says what
//! changed, who changed, who influenced it and how the programme plausibly
//! contributed, on which side it landed, and who confirmed it. Outcomes
//! are linked by cause ("led to") from a programme, an activity or another
//! outcome; the links form a directed acyclic graph.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::error::{Errors, FieldError};
use crate::common::organisation::is_web_address;
use crate::common::{Id, LocalText, Text};
use crate::string_enum;

string_enum! {
    /// Where an outcome landed.
    Side {
        /// In Japan.
        Japan = "japan",
        /// In the partner country.
        Abroad = "abroad",
        /// On both sides.
        Both = "both",
    }
}

string_enum! {
    /// What sort of change an outcome is.
    OutcomeKind {
        JointProduct = "joint_product",
        Certification = "certification",
        Award = "award",
        NewBusiness = "new_business",
        BusinessSuspended = "business_suspended",
        Proposal = "proposal",
        Appointment = "appointment",
        Agreement = "agreement",
        MediaCoverage = "media_coverage",
        TourismProduct = "tourism_product",
    }
}

string_enum! {
    /// Where a proposal stands: proposed → under discussion → agreed →
    /// realised, or dropped on the way.
    ProposalStatus {
        Proposed = "proposed",
        UnderDiscussion = "under_discussion",
        Agreed = "agreed",
        Realised = "realised",
        Dropped = "dropped",
    }
}

impl ProposalStatus {
    /// Whether a proposal may move from `self` to `next`: forward one step
    /// or more, or dropped before it is realised; staying is allowed.
    pub fn can_move_to(self, next: ProposalStatus) -> bool {
        use ProposalStatus::*;
        let rank = |s| match s {
            Proposed => 0,
            UnderDiscussion => 1,
            Agreed => 2,
            Realised => 3,
            Dropped => 4,
        };
        self == next
            || (next == Dropped && self != Realised)
            || (self != Dropped && next != Dropped && rank(next) > rank(self))
    }
}

string_enum! {
    /// A verifier's view of an outcome as described.
    Verdict {
        Agree = "agree",
        Partly = "partly",
        Disagree = "disagree",
    }
}

string_enum! {
    /// Who recorded an outcome.
    RecordedBy {
        Staff = "staff",
        Partner = "partner",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outcome {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: OutcomeInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    /// The programme whose ledger holds the outcome.
    pub programme_id: Id,
    /// A short name for the graph and lists, e.g. "Halal Daifuku".
    pub title: LocalText,
    /// What changed: who does what differently.
    pub description: LocalText,
    pub kind: OutcomeKind,
    pub side: Side,
    pub occurred_on: NaiveDate,
    /// The social actor who changed: an organisation, a person, or
    /// described in words (at least one of the three).
    #[serde(default)]
    pub actor_organisation_id: Option<Id>,
    #[serde(default)]
    pub actor_person_id: Option<Id>,
    #[serde(default)]
    pub actor_description: Option<LocalText>,
    /// The change agent: who influenced the change.
    #[serde(default)]
    pub agent_organisation_id: Option<Id>,
    /// How the programme plausibly contributed.
    #[serde(default)]
    pub contribution: Option<LocalText>,
    /// Why the change matters.
    #[serde(default)]
    pub significance: Option<LocalText>,
    /// For a proposal: where it stands.
    #[serde(default)]
    pub proposal_status: Option<ProposalStatus>,
    /// A link to the evidence (`https://…`).
    #[serde(default)]
    pub evidence_url: Option<Text>,
    /// Substantiation: who confirmed the outcome, when, and their verdict.
    #[serde(default)]
    pub substantiated_by: Option<Text>,
    #[serde(default)]
    pub substantiated_on: Option<NaiveDate>,
    #[serde(default)]
    pub verdict: Option<Verdict>,
    #[serde(default)]
    pub substantiation_note: Option<Text>,
    /// Shown on the programme's public story page.
    #[serde(default)]
    pub public: bool,
    #[serde(default = "staff")]
    pub recorded_by: RecordedBy,
    /// The localities where it happened.
    #[serde(default)]
    #[field(skip)]
    pub locality_ids: Vec<Id>,
}

fn staff() -> RecordedBy {
    RecordedBy::Staff
}

impl OutcomeInput {
    /// Rules across fields.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.actor_organisation_id.is_none() && self.actor_person_id.is_none() && self.actor_description.is_none() {
            e.push(FieldError::new(
                "actor_organisation_id",
                "required",
                "name the social actor who changed: an organisation, a person or a description",
            ));
        }
        match (self.kind, self.proposal_status) {
            (OutcomeKind::Proposal, None) => e.push(FieldError::new(
                "proposal_status",
                "required",
                "a proposal has a status: proposed, under_discussion, agreed, realised or dropped",
            )),
            (k, Some(_)) if k != OutcomeKind::Proposal => e.push(FieldError::new(
                "proposal_status",
                "not_a_proposal",
                format!("only a proposal has a proposal status, and this outcome is a {k}"),
            )),
            _ => {}
        }
        if self.occurred_on > today {
            e.push(FieldError::new(
                "occurred_on",
                "in_future",
                format!(
                    "an outcome is harvested after it happened; {} is after today",
                    self.occurred_on
                ),
            ));
        }
        if let Some(u) = &self.evidence_url
            && !is_web_address(u.as_str())
        {
            e.push(FieldError::new(
                "evidence_url",
                "invalid_url",
                format!("\"{u}\" is not a web address starting with https:// or http://"),
            ));
        }
        let parts = [
            self.substantiated_by.is_some(),
            self.substantiated_on.is_some(),
            self.verdict.is_some(),
        ];
        if parts.iter().any(|p| *p) && !parts.iter().all(|p| *p) {
            let (field, what) = if !parts[0] {
                ("substantiated_by", "who confirmed it")
            } else if !parts[1] {
                ("substantiated_on", "when")
            } else {
                ("verdict", "the verdict (agree, partly or disagree)")
            };
            e.push(FieldError::new(
                field,
                "incomplete_substantiation",
                format!("a substantiation names who confirmed the outcome, when and the verdict; {what} is missing"),
            ));
        }
        if let Some(d) = self.substantiated_on {
            if d < self.occurred_on {
                e.push(FieldError::new(
                    "substantiated_on",
                    "before_outcome",
                    format!("confirmed on {d}, before the outcome happened ({})", self.occurred_on),
                ));
            }
            if d > today {
                e.push(FieldError::new(
                    "substantiated_on",
                    "in_future",
                    format!("{d} is after today"),
                ));
            }
        }
        e.finish(|| ())
    }

    /// Whether a verifier has confirmed (or disputed) it.
    pub fn is_substantiated(&self) -> bool {
        self.verdict.is_some()
    }
}

/// A causal link: a programme, an activity, an outcome or a volunteer
/// placement led to an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeLink {
    pub id: Id,
    /// Bumped by every change.
    pub version: i64,
    /// The office that keeps the record.
    pub office_id: Id,
    #[serde(flatten)]
    pub fields: OutcomeLinkInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, kizuna_derive::Fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeLinkInput {
    /// The cause: exactly one of a programme, an activity, an outcome or a
    /// placement.
    #[serde(default)]
    pub from_programme_id: Option<Id>,
    #[serde(default)]
    pub from_activity_id: Option<Id>,
    #[serde(default)]
    pub from_outcome_id: Option<Id>,
    /// A volunteer placement (an appointment or recognition it led to).
    #[serde(default)]
    pub from_placement_id: Option<Id>,
    /// The outcome it led to.
    pub to_outcome_id: Id,
    /// How the one led to the other.
    #[serde(default)]
    pub note: Option<LocalText>,
}

/// The cause of a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Cause {
    Programme(Id),
    Activity(Id),
    Outcome(Id),
    Placement(Id),
}

impl OutcomeLinkInput {
    /// Exactly one cause, and not the outcome itself.
    pub fn validate(&self) -> Result<Cause, Vec<FieldError>> {
        let causes: Vec<Cause> = [
            self.from_programme_id.map(Cause::Programme),
            self.from_activity_id.map(Cause::Activity),
            self.from_outcome_id.map(Cause::Outcome),
            self.from_placement_id.map(Cause::Placement),
        ]
        .into_iter()
        .flatten()
        .collect();
        match causes.as_slice() {
            [Cause::Outcome(o)] if *o == self.to_outcome_id => Err(vec![FieldError::new(
                "from_outcome_id",
                "self_link",
                format!("outcome {o} cannot lead to itself"),
            )]),
            [c] => Ok(*c),
            [] => Err(vec![FieldError::new(
                "from_outcome_id",
                "required",
                "a link starts at a programme, an activity, an outcome or a placement",
            )]),
            _ => Err(vec![FieldError::new(
                "from_outcome_id",
                "several_causes",
                "a link starts at one of a programme, an activity, an outcome or a placement, not several",
            )]),
        }
    }

    pub fn cause(&self) -> Option<Cause> {
        self.validate().ok()
    }
}

/// The outcomes a new link `from → to` (both outcomes) would close into a
/// cycle with the existing outcome-to-outcome links, in order from `from`
/// back to `from` (`[from, to, …, from]`); `None` when the graph stays
/// acyclic. Only outcome-to-outcome links can close a cycle: nothing
/// leads to a programme or an activity.
pub fn cycle_through(existing: &[(Id, Id)], from: Id, to: Id) -> Option<Vec<Id>> {
    if from == to {
        return Some(vec![from, from]);
    }
    let mut next: BTreeMap<Id, BTreeSet<Id>> = BTreeMap::new();
    for (a, b) in existing {
        next.entry(*a).or_default().insert(*b);
    }
    // Breadth-first from `to`, looking for `from`: the shortest way back.
    let mut came_from: BTreeMap<Id, Id> = BTreeMap::new();
    let mut queue = VecDeque::from([to]);
    let mut seen = BTreeSet::from([to]);
    while let Some(n) = queue.pop_front() {
        if n == from {
            let mut path = vec![from];
            let mut cur = from;
            while cur != to {
                cur = came_from[&cur];
                path.push(cur);
            }
            path.reverse();
            path.insert(0, from);
            return Some(path);
        }
        for m in next.get(&n).into_iter().flatten() {
            if seen.insert(*m) {
                came_from.insert(*m, n);
                queue.push_back(*m);
            }
        }
    }
    None
}

/// The outcomes in an order where every cause comes before what it led to
/// (Kahn's algorithm; ties by id), for timelines and chains.
pub fn causal_order(outcomes: &[Id], links: &[(Id, Id)]) -> Vec<Id> {
    let mut indegree: BTreeMap<Id, usize> = outcomes.iter().map(|o| (*o, 0)).collect();
    let mut next: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
    for (a, b) in links {
        if indegree.contains_key(a) && indegree.contains_key(b) {
            next.entry(*a).or_default().push(*b);
            *indegree.get_mut(b).expect("present") += 1;
        }
    }
    let mut ready: BTreeSet<Id> = indegree.iter().filter(|(_, d)| **d == 0).map(|(o, _)| *o).collect();
    let mut order = Vec::with_capacity(outcomes.len());
    while let Some(o) = ready.pop_first() {
        order.push(o);
        for m in next.get(&o).into_iter().flatten() {
            let d = indegree.get_mut(m).expect("present");
            *d -= 1;
            if *d == 0 {
                ready.insert(*m);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_that_would_close_a_cycle_names_it() {
        // 1 → 2 → 3 → 4; adding 4 → 1 closes 4 → 1 → 2 → 3 → 4.
        let links = [(1, 2), (2, 3), (3, 4), (2, 5)];
        assert_eq!(cycle_through(&links, 4, 1), Some(vec![4, 1, 2, 3, 4]));
        assert_eq!(cycle_through(&links, 3, 2), Some(vec![3, 2, 3]));
        assert_eq!(cycle_through(&links, 1, 4), None, "a second path is not a cycle");
        assert_eq!(cycle_through(&links, 5, 6), None);
        assert_eq!(cycle_through(&links, 7, 7), Some(vec![7, 7]));
    }

    #[test]
    fn causal_order_puts_causes_first() {
        let order = causal_order(&[4, 3, 2, 1], &[(3, 1), (1, 2), (4, 2)]);
        let pos = |x| order.iter().position(|o| *o == x).unwrap();
        assert!(pos(3) < pos(1) && pos(1) < pos(2) && pos(4) < pos(2));
        assert_eq!(order.len(), 4);
    }

    #[test]
    fn proposals_move_forward_or_are_dropped() {
        use ProposalStatus::*;
        assert!(Proposed.can_move_to(UnderDiscussion));
        assert!(Proposed.can_move_to(Agreed));
        assert!(Agreed.can_move_to(Dropped));
        assert!(!Agreed.can_move_to(Proposed));
        assert!(!Realised.can_move_to(Dropped));
        assert!(!Dropped.can_move_to(Agreed));
    }

    fn daifuku() -> OutcomeInput {
        OutcomeInput {
            programme_id: 1,
            title: LocalText::en("Halal Daifuku".parse().unwrap()),
            description: LocalText::en(
                "A Malaysian company and a Tokachi confectioner make a halal daifuku together"
                    .parse()
                    .unwrap(),
            ),
            kind: OutcomeKind::JointProduct,
            side: Side::Both,
            occurred_on: NaiveDate::from_ymd_opt(2016, 6, 1).unwrap(),
            actor_organisation_id: Some(3),
            actor_person_id: None,
            actor_description: None,
            agent_organisation_id: None,
            contribution: None,
            significance: None,
            proposal_status: None,
            evidence_url: None,
            substantiated_by: None,
            substantiated_on: None,
            verdict: None,
            substantiation_note: None,
            public: false,
            recorded_by: RecordedBy::Staff,
            locality_ids: vec![],
        }
    }

    #[test]
    fn an_outcome_names_its_actor_and_a_whole_substantiation() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert!(daifuku().validate(today).is_ok());
        let mut o = daifuku();
        o.actor_organisation_id = None;
        assert_eq!(o.validate(today).unwrap_err()[0].code, "required");
        let mut o = daifuku();
        o.verdict = Some(Verdict::Agree);
        let e = o.validate(today).unwrap_err();
        assert_eq!(e[0].field, "substantiated_by");
        assert_eq!(e[0].code, "incomplete_substantiation");
        let mut o = daifuku();
        o.kind = OutcomeKind::Proposal;
        assert_eq!(o.validate(today).unwrap_err()[0].field, "proposal_status");
        let mut o = daifuku();
        o.proposal_status = Some(ProposalStatus::Agreed);
        assert_eq!(o.validate(today).unwrap_err()[0].code, "not_a_proposal");
        let mut o = daifuku();
        o.occurred_on = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(o.validate(today).unwrap_err()[0].code, "in_future");
    }

    #[test]
    fn a_link_has_exactly_one_cause() {
        let l = |p, a, o| OutcomeLinkInput {
            from_programme_id: p,
            from_activity_id: a,
            from_outcome_id: o,
            from_placement_id: None,
            to_outcome_id: 9,
            note: None,
        };
        assert_eq!(l(Some(1), None, None).validate().unwrap(), Cause::Programme(1));
        assert_eq!(l(None, None, None).validate().unwrap_err()[0].code, "required");
        assert_eq!(
            l(Some(1), Some(2), None).validate().unwrap_err()[0].code,
            "several_causes"
        );
        assert_eq!(l(None, None, Some(9)).validate().unwrap_err()[0].code, "self_link");
        let mut p = l(None, None, None);
        p.from_placement_id = Some(4);
        assert_eq!(p.validate().unwrap(), Cause::Placement(4));
        p.from_outcome_id = Some(3);
        assert_eq!(p.validate().unwrap_err()[0].code, "several_causes");
    }
}
