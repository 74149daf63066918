//! The seed story of "Mutual Local Innovation" as demo data: the Obihiro
//! Chamber of Commerce and Industry's Food Valley Tokachi programmes with
//! Thailand and Malaysia since 2014 (JICA Partnership Program), the
//! confectionery training, the Halal Daifuku made with a Malaysian company,
//! the halal certification of the Japanese factory, the 2018 ministerial
//! award, the free paper for Malaysia suspended in the pandemic and the
//! travel agency founded instead, the chamber's Muslim Friendly Map, and
//! the proposal of Halal Development Corporation's chief executive — each
//! outcome linked to what led to it. Its words are in `story.tsv` in four
//! languages. Exact days are the demo's own (the story gives years); the
//! companies nobody named are marked "(demo)".

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use kizuna_domain::common::LocalText;
use kizuna_domain::common::locality::{LocalityInput, LocalityLevel};
use kizuna_domain::common::organisation::{Organisation, OrganisationKind};
use kizuna_domain::common::programme::{Programme, ProgrammeInput, ProgrammeKind};
use kizuna_domain::partnerships::activity::{Activity, ActivityInput, ActivityKind};
use kizuna_domain::partnerships::local_link::{LinkKind, LocalLink, LocalLinkInput};
use kizuna_domain::partnerships::outcome::{
    Outcome, OutcomeInput, OutcomeKind, OutcomeLink, OutcomeLinkInput, ProposalStatus, RecordedBy, Side, Verdict,
};
use kizuna_domain::partnerships::partnership::{
    OrganisationRole, Partnership, PartnershipInput, PartnershipStatus, ProgrammeOrganisation,
    ProgrammeOrganisationInput,
};
use kizuna_domain::partnerships::profile::{Direction, OfferNeed, OfferNeedInput};

use super::plan::{cc, date, k, t};
use crate::{App, Result};

static TSV: &str = include_str!("story.tsv");

static TEXTS: LazyLock<HashMap<(&'static str, &'static str, &'static str), LocalText>> = LazyLock::new(|| {
    TSV.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&'static str> = l.split('\t').collect();
            let text = LocalText::parse(Some(c[3]), Some(c[4]), Some(c[5]), Some(c[6])).ok()?;
            Some(((c[0], c[1], c[2]), text))
        })
        .collect()
});

/// A text of the story in four languages.
fn s(kind: &str, key: &str, field: &str) -> LocalText {
    TEXTS
        .get(&(kind, key, field))
        .cloned()
        .unwrap_or_else(|| panic!("story.tsv has no {kind} {key} {field}"))
}

fn o(kind: &str, key: &str, field: &str) -> Option<LocalText> {
    TEXTS.get(&(kind, key, field)).cloned()
}

struct Ids {
    orgs: HashMap<&'static str, i64>,
}

impl Ids {
    fn org(&self, key: &str) -> i64 {
        self.orgs[key]
    }
}

/// One outcome of the story: key, kind, side, date, actor, agent, proposal status, verdict.
struct Harvest {
    key: &'static str,
    kind: OutcomeKind,
    side: Side,
    on: NaiveDate,
    actor: &'static str,
    agent: Option<&'static str>,
    proposal: Option<ProposalStatus>,
    /// Confirmed by whom, when, with what verdict; none still waits.
    confirmed: Option<(&'static str, NaiveDate, Verdict)>,
    public: bool,
}

impl App {
    async fn story_org(
        &self,
        key: &'static str,
        kind: OrganisationKind,
        country: &str,
        locality: Option<i64>,
    ) -> Result<i64> {
        if let Some(o) = self.find::<Organisation>("key", key).await? {
            return Ok(o.id);
        }
        let input = kizuna_domain::common::organisation::OrganisationInput {
            key: k(key),
            name: s("organisation", key, "name"),
            name_local: None,
            kind,
            country: cc(country),
            locality_id: locality,
            address: None,
            phone: None,
            email: None,
            website: None,
            contact_person: None,
        };
        Ok(self.create::<Organisation>(&input).await?.id)
    }

    async fn story_locality(&self, key: &str) -> Result<i64> {
        Ok(self
            .find::<kizuna_domain::common::locality::Locality>("key", key)
            .await?
            .expect("the demo's localities are loaded before the story")
            .id)
    }

    /// Load the story (idempotent: found by the programmes' keys first).
    pub(super) async fn load_story(&self) -> Result<()> {
        if self
            .find::<Programme>("key", "food-valley-tokachi-malaysia")
            .await?
            .is_some()
        {
            return Ok(());
        }
        let obihiro = self.story_locality("jp/hokkaido/tokachi/obihiro").await?;
        let bangkok = self.story_locality("th/bangkok").await?;
        let selangor = self.story_locality("my/selangor").await?;
        let kuala_lumpur = self
            .ensure_locality(LocalityInput {
                key: k("my/kuala-lumpur"),
                country: cc("MY"),
                level: LocalityLevel::Prefecture,
                parent_id: None,
                name: s("locality", "my/kuala-lumpur", "name"),
                name_local: None,
            })
            .await?;

        use OrganisationKind::*;
        let mut orgs = HashMap::new();
        for (key, kind, country, locality) in [
            ("tokachi-seika", Business, "JP", Some(obihiro)),
            ("demo/selangor-confectioner", Business, "MY", Some(selangor)),
            ("kunaw-publishing", Business, "JP", Some(obihiro)),
            ("demo/hokkaido-slow-travel", Business, "JP", Some(obihiro)),
            ("demo/tokachi-partner-confectioner", Business, "JP", Some(obihiro)),
            ("hdc-malaysia", Government, "MY", Some(kuala_lumpur)),
            ("maff", Government, "JP", None),
        ] {
            orgs.insert(key, self.story_org(key, kind, country, locality).await?);
        }
        for key in [
            "obihiro-cci",
            "jica-hokkaido-obihiro",
            "tica",
            "demo/halal-dev-selangor",
        ] {
            let id = self
                .find::<Organisation>("key", key)
                .await?
                .expect("the demo's organisations first")
                .id;
            orgs.insert(key, id);
        }
        let ids = Ids { orgs };
        let cci = ids.org("obihiro-cci");
        let jica = ids.org("jica-hokkaido-obihiro");

        // The two programmes.
        let mut programmes = HashMap::new();
        for (key, abroad, starts, ends, status, budget, themes, partners) in [
            (
                "food-valley-tokachi-thailand",
                vec![bangkok],
                date(2014, 10, 1),
                Some(date(2017, 3, 31)),
                PartnershipStatus::Closed,
                29_800_000,
                "agriculture food_processing export sme",
                vec![("tica", OrganisationRole::Implementing)],
            ),
            (
                "food-valley-tokachi-malaysia",
                vec![selangor, kuala_lumpur],
                date(2015, 7, 1),
                Some(date(2019, 3, 31)),
                PartnershipStatus::Closed,
                59_600_000,
                "dairy confectionery food_processing halal export tourism",
                vec![
                    ("tokachi-seika", OrganisationRole::Implementing),
                    ("demo/selangor-confectioner", OrganisationRole::Implementing),
                ],
            ),
        ] {
            let p = self
                .create::<Programme>(&ProgrammeInput {
                    key: k(key),
                    kind: ProgrammeKind::Partnership,
                    title: s("programme", key, "title"),
                    organisation_id: Some(cci),
                    summary: o("programme", key, "summary"),
                })
                .await?;
            self.create::<Partnership>(&PartnershipInput {
                programme_id: p.id,
                funding_scheme: s("partnership", "scheme", "funding_scheme"),
                proposer_id: Some(cci),
                japan_locality_id: obihiro,
                starts_on: starts,
                ends_on: ends,
                status,
                budget_amount: Some(budget),
                budget_currency: Some(t("JPY")),
                themes: themes.parse().expect("themes of the vocabulary"),
                public: true,
                abroad_locality_ids: abroad,
            })
            .await?;
            let mut roles = vec![
                (jica, OrganisationRole::Funding),
                (jica, OrganisationRole::Extending),
                (cci, OrganisationRole::Accountable),
                (cci, OrganisationRole::Implementing),
            ];
            roles.extend(partners.iter().map(|(k, r)| (ids.org(k), *r)));
            for (organisation_id, role) in roles {
                self.create::<ProgrammeOrganisation>(&ProgrammeOrganisationInput {
                    programme_id: p.id,
                    organisation_id,
                    role,
                })
                .await?;
            }
            programmes.insert(key, p.id);
        }
        let th = programmes["food-valley-tokachi-thailand"];
        let my = programmes["food-valley-tokachi-malaysia"];

        // Activities.
        let mut activities = HashMap::new();
        for (key, programme, kind, starts, ends, locality, org) in [
            (
                "thai-food-fair",
                th,
                ActivityKind::Fair,
                date(2015, 11, 20),
                Some(date(2015, 11, 22)),
                bangkok,
                cci,
            ),
            (
                "confectionery-training",
                my,
                ActivityKind::Training,
                date(2015, 10, 5),
                Some(date(2015, 10, 16)),
                obihiro,
                ids.org("tokachi-seika"),
            ),
            (
                "free-paper-launch",
                my,
                ActivityKind::JointDevelopment,
                date(2016, 4, 1),
                None,
                kuala_lumpur,
                ids.org("kunaw-publishing"),
            ),
            (
                "hdc-food-hygiene",
                my,
                ActivityKind::VisitToJapan,
                date(2022, 11, 7),
                Some(date(2022, 11, 18)),
                obihiro,
                cci,
            ),
        ] {
            let a = self
                .create::<Activity>(&ActivityInput {
                    programme_id: programme,
                    kind,
                    title: s("activity", key, "title"),
                    starts_on: starts,
                    ends_on: ends,
                    locality_id: Some(locality),
                    place: None,
                    summary: None,
                    organisation_id: Some(org),
                    person_ids: vec![],
                })
                .await?;
            activities.insert(key, a.id);
        }

        // The outcomes, as harvested.
        let verifier = "JICA Hokkaido (Obihiro), programme officer";
        let harvest = [
            Harvest {
                key: "thai-buyers",
                kind: OutcomeKind::JointProduct,
                side: Side::Abroad,
                on: date(2016, 5, 10),
                actor: "tica",
                agent: Some("obihiro-cci"),
                proposal: None,
                confirmed: None,
                public: false,
            },
            Harvest {
                key: "halal-daifuku",
                kind: OutcomeKind::JointProduct,
                side: Side::Both,
                on: date(2016, 9, 1),
                actor: "tokachi-seika",
                agent: Some("obihiro-cci"),
                proposal: None,
                confirmed: Some((verifier, date(2017, 2, 15), Verdict::Agree)),
                public: true,
            },
            Harvest {
                key: "factory-certification",
                kind: OutcomeKind::Certification,
                side: Side::Japan,
                on: date(2017, 6, 1),
                actor: "tokachi-seika",
                agent: None,
                proposal: None,
                confirmed: Some((verifier, date(2017, 9, 1), Verdict::Agree)),
                public: true,
            },
            Harvest {
                key: "local-alliance",
                kind: OutcomeKind::Agreement,
                side: Side::Japan,
                on: date(2017, 10, 1),
                actor: "demo/tokachi-partner-confectioner",
                agent: Some("tokachi-seika"),
                proposal: None,
                confirmed: Some((verifier, date(2018, 1, 20), Verdict::Partly)),
                public: true,
            },
            Harvest {
                key: "maff-award",
                kind: OutcomeKind::Award,
                side: Side::Japan,
                on: date(2018, 11, 1),
                actor: "tokachi-seika",
                agent: Some("maff"),
                proposal: None,
                confirmed: Some((verifier, date(2018, 12, 3), Verdict::Agree)),
                public: true,
            },
            Harvest {
                key: "free-paper",
                kind: OutcomeKind::MediaCoverage,
                side: Side::Abroad,
                on: date(2016, 6, 1),
                actor: "kunaw-publishing",
                agent: Some("obihiro-cci"),
                proposal: None,
                confirmed: Some((verifier, date(2016, 12, 1), Verdict::Agree)),
                public: true,
            },
            Harvest {
                key: "paper-suspended",
                kind: OutcomeKind::BusinessSuspended,
                side: Side::Abroad,
                on: date(2020, 4, 1),
                actor: "kunaw-publishing",
                agent: None,
                proposal: None,
                confirmed: Some((verifier, date(2020, 9, 1), Verdict::Agree)),
                public: true,
            },
            Harvest {
                key: "travel-agency",
                kind: OutcomeKind::NewBusiness,
                side: Side::Japan,
                on: date(2021, 4, 1),
                actor: "demo/hokkaido-slow-travel",
                agent: Some("kunaw-publishing"),
                proposal: None,
                confirmed: None,
                public: true,
            },
            Harvest {
                key: "muslim-friendly-map",
                kind: OutcomeKind::TourismProduct,
                side: Side::Japan,
                on: date(2019, 3, 1),
                actor: "obihiro-cci",
                agent: None,
                proposal: None,
                confirmed: Some((verifier, date(2019, 6, 1), Verdict::Agree)),
                public: true,
            },
            Harvest {
                key: "malaysia-venture",
                kind: OutcomeKind::Proposal,
                side: Side::Abroad,
                on: date(2023, 6, 1),
                actor: "tokachi-seika",
                agent: None,
                proposal: Some(ProposalStatus::UnderDiscussion),
                confirmed: None,
                public: true,
            },
            Harvest {
                key: "hdc-proposal",
                kind: OutcomeKind::Proposal,
                side: Side::Both,
                on: date(2022, 11, 18),
                actor: "hdc-malaysia",
                agent: Some("obihiro-cci"),
                proposal: Some(ProposalStatus::Proposed),
                confirmed: None,
                public: true,
            },
        ];
        let mut outcomes = HashMap::new();
        for h in &harvest {
            let programme = if h.key == "thai-buyers" { th } else { my };
            let locality = match h.side {
                Side::Japan => obihiro,
                Side::Abroad if programme == th => bangkok,
                _ => selangor,
            };
            let made = self
                .create::<Outcome>(&OutcomeInput {
                    programme_id: programme,
                    title: s("outcome", h.key, "title"),
                    description: s("outcome", h.key, "description"),
                    kind: h.kind,
                    side: h.side,
                    occurred_on: h.on,
                    actor_organisation_id: Some(ids.org(h.actor)),
                    actor_person_id: None,
                    actor_description: None,
                    agent_organisation_id: h.agent.map(|a| ids.org(a)),
                    contribution: o("outcome", h.key, "contribution"),
                    significance: None,
                    proposal_status: h.proposal,
                    evidence_url: None,
                    substantiated_by: h.confirmed.map(|c| t(c.0)),
                    substantiated_on: h.confirmed.map(|c| c.1),
                    verdict: h.confirmed.map(|c| c.2),
                    substantiation_note: None,
                    public: h.public,
                    recorded_by: RecordedBy::Staff,
                    locality_ids: vec![locality],
                })
                .await?;
            outcomes.insert(h.key, made.id);
        }

        // What led to what.
        enum From {
            P(i64),
            A(&'static str),
            O(&'static str),
        }
        use From::*;
        for (from, to) in [
            (A("thai-food-fair"), "thai-buyers"),
            (A("confectionery-training"), "halal-daifuku"),
            (O("halal-daifuku"), "factory-certification"),
            (O("factory-certification"), "local-alliance"),
            (O("factory-certification"), "maff-award"),
            (O("local-alliance"), "maff-award"),
            (O("maff-award"), "malaysia-venture"),
            (A("free-paper-launch"), "free-paper"),
            (O("free-paper"), "paper-suspended"),
            (O("paper-suspended"), "travel-agency"),
            (P(my), "muslim-friendly-map"),
            (O("factory-certification"), "hdc-proposal"),
            (O("muslim-friendly-map"), "hdc-proposal"),
            (A("hdc-food-hygiene"), "hdc-proposal"),
        ] {
            let (p, a, oc) = match from {
                P(id) => (Some(id), None, None),
                A(key) => (None, Some(activities[key]), None),
                O(key) => (None, None, Some(outcomes[key])),
            };
            self.create::<OutcomeLink>(&OutcomeLinkInput {
                from_programme_id: p,
                from_activity_id: a,
                from_outcome_id: oc,
                from_placement_id: None,
                to_outcome_id: outcomes[to],
                note: None,
            })
            .await?;
        }

        // The localities the programmes linked, and what the parties offer and seek.
        for (abroad, since) in [(bangkok, date(2014, 10, 1)), (selangor, date(2015, 7, 1))] {
            self.create::<LocalLink>(&LocalLinkInput {
                japan_locality_id: obihiro,
                abroad_locality_id: abroad,
                kind: LinkKind::Partnership,
                since,
                agreement_on: None,
                signatories: None,
                council_approved_on: None,
                exchange_fields: Some(t("economy agriculture tourism")),
                note: o("link", "programme-links", "note"),
            })
            .await?;
        }
        for (org, direction, theme) in [
            ("obihiro-cci", Direction::Offer, "food_processing"),
            ("obihiro-cci", Direction::Offer, "nature_tourism"),
            ("obihiro-cci", Direction::Need, "halal"),
            ("obihiro-cci", Direction::Need, "export"),
            ("tokachi-seika", Direction::Offer, "confectionery"),
            ("tokachi-seika", Direction::Offer, "dairy"),
            ("tokachi-seika", Direction::Need, "export"),
            ("hdc-malaysia", Direction::Offer, "halal"),
            ("hdc-malaysia", Direction::Need, "agriculture"),
            ("hdc-malaysia", Direction::Need, "food_processing"),
        ] {
            self.create::<OfferNeed>(&OfferNeedInput {
                organisation_id: Some(ids.org(org)),
                locality_id: None,
                direction,
                theme: theme.parse().expect("a theme of the vocabulary"),
                detail: None,
            })
            .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_story_text_is_in_four_languages() {
        for (n, line) in super::TSV.lines().enumerate().skip(1) {
            let c: Vec<&str> = line.split('\t').collect();
            assert_eq!(c.len(), 7, "story.tsv line {}", n + 1);
            assert!(c[3..].iter().all(|x| !x.trim().is_empty()), "story.tsv line {}", n + 1);
        }
    }
}
