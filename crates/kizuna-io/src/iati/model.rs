//! What the IATI writer is given: plain activities, already decided by the
//! caller (the application assembles them from the store). Nothing here
//! reads a store or a clock.

use chrono::{DateTime, NaiveDate, Utc};
use kizuna_domain::common::CountryCode;

use super::codes::{
    ActivityStatus, AidType, BudgetStatus, BudgetType, DateType, DescriptionType, FeatureDesignation,
    GeographicVocabulary, IndicatorMeasure, IndicatorVocabulary, LocationClass, LocationReach, OrgRole, OrgType,
    RegionVocabulary, RelatedType, ResultType, SectorVocabulary,
};

/// A text in one or more languages: `(BCP 47 language, text)` pairs, each
/// written as a `narrative` with its `xml:lang`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narratives(pub Vec<(String, String)>);

impl Narratives {
    /// One text in one language.
    pub fn one(lang: &str, text: &str) -> Self {
        Narratives(vec![(lang.to_owned(), text.to_owned())])
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|(_, t)| t.trim().is_empty())
    }
}

/// The file: every activity, and when it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivitiesFile {
    /// `generated-datetime`.
    pub generated: DateTime<Utc>,
    pub activities: Vec<Activity>,
}

/// One `iati-activity`, its parts in the order the 2.03 schema requires.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// `iati-identifier`: the reporting organisation's identifier, a hyphen,
    /// and the activity's own (no `/`, `&`, `|` or `?`).
    pub identifier: String,
    /// `hierarchy`: 1 for a parent (a course, a programme), 2 for a child.
    pub hierarchy: Option<u8>,
    /// `default-currency` (ISO 4217).
    pub default_currency: Option<String>,
    pub last_updated: Option<DateTime<Utc>>,
    pub reporting_org: ReportingOrg,
    pub title: Narratives,
    /// At least one (the schema asks for one).
    pub descriptions: Vec<Description>,
    /// At least one.
    pub participating_orgs: Vec<ParticipatingOrg>,
    pub status: ActivityStatus,
    /// At least one; the rulesets want a start (planned or actual).
    pub dates: Vec<ActivityDate>,
    pub recipient_countries: Vec<RecipientCountry>,
    pub recipient_regions: Vec<RecipientRegion>,
    pub locations: Vec<Location>,
    pub sectors: Vec<Sector>,
    pub default_aid_type: Option<AidType>,
    pub budgets: Vec<Budget>,
    pub related: Vec<RelatedActivity>,
    pub results: Vec<ResultEntry>,
    /// Kizuna's own element: outcomes, the sides they landed on and the
    /// causal links between them (IATI has no element for either).
    pub ripples: Option<Ripples>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingOrg {
    /// The organisation identifier, e.g. `XX-KIZUNA-DEMO` or `JP-CN-…`.
    pub reference: String,
    pub org_type: OrgType,
    pub name: Narratives,
    /// Whether it reports an activity it takes no part in (`secondary-reporter`).
    pub secondary_reporter: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    pub kind: DescriptionType,
    pub text: Narratives,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipatingOrg {
    pub role: OrgRole,
    /// The organisation's identifier, when it has one.
    pub reference: Option<String>,
    pub org_type: Option<OrgType>,
    /// The organisation's own activity identifier for this work, if any.
    pub activity_id: Option<String>,
    pub name: Narratives,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityDate {
    pub kind: DateType,
    pub date: NaiveDate,
}

/// A share in hundredths of a percent (10 000 = 100 %), so that shares
/// that must add up to 100 do so exactly.
pub type Hundredths = u32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientCountry {
    pub country: CountryCode,
    pub percentage: Option<Hundredths>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientRegion {
    /// A code of the vocabulary's list, e.g. `998` (developing countries,
    /// unspecified) or `798` (Asia, regional) for the DAC's.
    pub code: String,
    pub vocabulary: RegionVocabulary,
    pub percentage: Option<Hundredths>,
    pub name: Narratives,
}

/// A place the activity happens or reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The reporting organisation's own reference for the place.
    pub reference: Option<String>,
    pub reach: LocationReach,
    pub name: Narratives,
    pub description: Narratives,
    /// Administrative areas it lies in: `(vocabulary, code, level)`.
    pub administrative: Vec<(GeographicVocabulary, String, Option<u8>)>,
    pub class: Option<LocationClass>,
    pub feature: Option<FeatureDesignation>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sector {
    pub vocabulary: SectorVocabulary,
    pub code: String,
    pub percentage: Option<Hundredths>,
    pub name: Narratives,
}

/// Money: whole units of a currency (the yen has no smaller unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub amount: i64,
    /// ISO 4217, e.g. `JPY`.
    pub currency: String,
    /// The date the amount's exchange rate is taken at.
    pub value_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    pub kind: BudgetType,
    pub status: BudgetStatus,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedActivity {
    /// The other activity's `iati-identifier`.
    pub reference: String,
    pub kind: RelatedType,
}

/// A `result` with its indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultEntry {
    pub kind: ResultType,
    pub title: Narratives,
    pub description: Narratives,
    /// Whether its figures may be added up across activities.
    pub aggregation_status: Option<bool>,
    /// At least one.
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub measure: IndicatorMeasure,
    /// Whether a higher value is better.
    pub ascending: Option<bool>,
    pub title: Narratives,
    pub description: Narratives,
    /// A code naming the indicator in a vocabulary (e.g. Kizuna's own
    /// `trainees-completed`), so that readers find the same indicator
    /// across activities.
    pub reference: Option<(IndicatorVocabulary, String)>,
    pub baseline: Option<Baseline>,
    pub periods: Vec<Period>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub year: i32,
    pub date: Option<NaiveDate>,
    pub value: String,
}

/// A reporting period (for Kizuna, a Japanese fiscal year) and what was
/// reached in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub target: Option<String>,
    /// One value, or several each for one dimension (e.g. side = japan).
    pub actuals: Vec<Actual>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actual {
    pub value: String,
    /// `(name, value)` pairs breaking the value down.
    pub dimensions: Vec<(String, String)>,
}

/// Where an outcome landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Japan,
    Abroad,
    Both,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Japan => "japan",
            Side::Abroad => "abroad",
            Side::Both => "both",
        }
    }
}

/// Kizuna's extension (`kizuna:ripples`): the outcomes behind an
/// activity's results, each with its side, and the causal ("led to")
/// links among its programme, activities and outcomes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ripples {
    /// The programme's activities that links start from.
    pub activities: Vec<ActivityNote>,
    pub outcomes: Vec<OutcomeNote>,
    pub links: Vec<CausalLink>,
}

/// One of a programme's own activities (a training delivered, a visit, a
/// fair): not an IATI activity of its own, but a cause of outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityNote {
    /// Stable within the file, e.g. `activity-3`.
    pub id: String,
    /// Kizuna's kind (`training`, `visit_to_japan`, …).
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub title: Narratives,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeNote {
    /// Stable within the file, e.g. `outcome-12`.
    pub id: String,
    /// Kizuna's kind (`certification`, `award`, …).
    pub kind: String,
    pub side: Side,
    pub date: Option<NaiveDate>,
    /// What changed.
    pub title: Narratives,
    /// Its IATI result, when the outcome is counted in one: the result's
    /// position among the activity's results, from 1.
    pub result: Option<usize>,
}

/// What a causal link starts or ends at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A programme, by its activity's `iati-identifier`.
    Programme(String),
    /// One of a programme's activities (a training, a visit…), by id.
    Activity(String),
    /// An outcome, by its [`OutcomeNote::id`].
    Outcome(String),
}

impl Node {
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Programme(_) => "programme",
            Node::Activity(_) => "activity",
            Node::Outcome(_) => "outcome",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Node::Programme(s) | Node::Activity(s) | Node::Outcome(s) => s,
        }
    }
}

/// `from` led to `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CausalLink {
    pub from: Node,
    pub to: Node,
}
