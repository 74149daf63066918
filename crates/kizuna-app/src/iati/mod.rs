//! The IATI export: the office's work as IATI Activity Standard 2.03
//! activities, assembled from the store for `kizuna_io::iati` to write.
//!
//! - A training course (a programme of kind `training_course`) is a parent
//!   activity (hierarchy 1); each of its editions a child (hierarchy 2),
//!   linked both ways by `related-activity`. An edition's results count
//!   its trainees (completed; accepted, arrived or completed) in its fiscal
//!   year; the course's add up its editions in the file, marked as not to be
//!   added up again ([`training`]).
//! - A partnership programme is an activity of its own with its
//!   organisations in their IATI roles, its themes' DAC sectors, its
//!   localities, budget and status; its results count its outcomes by kind,
//!   fiscal year and side, and Kizuna's `kizuna:ripples` element carries the
//!   outcomes, their sides and what led to what ([`partnerships`]).
//!
//! `--fy 2007` takes the editions of FY2007 with their courses, and the
//! partnerships running in that year with the outcomes harvested in it;
//! `--all` takes everything.
//!
//! What is published: only outcomes staff marked public (as on the
//! programme's public story page) and that no verifier disputed. Countries
//! an edition reached are listed with equal shares, not shares by head
//! count, so that no count of one or two people of a nationality can be
//! read back from the file (the public statistics withhold those).
//!
//! Identifiers: every activity's is the reporting organisation's
//! identifier, a hyphen and the record's key with `/` as `-`
//! (`XX-KIZUNA-DEMO-gmrdp-fy2007`). The organisation identifier is the
//! store's setting `iati_org_ref`, set by the first export given
//! `--org-ref`; a demo store without one uses [`DEMO_ORG_REF`], and any
//! other store is refused until it is given.

mod partnerships;
mod training;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use kizuna_domain::FieldError;
use kizuna_domain::common::locality::{Locality, LocalityLevel};
use kizuna_domain::common::organisation::{Organisation, OrganisationKind};
use kizuna_domain::common::programme::Programme;
use kizuna_domain::common::{FiscalYear, Id, LocalText};
use kizuna_i18n::{FluentValue, Lang};
use kizuna_io::iati::{
    ActivitiesFile, Activity, FeatureDesignation, GeographicVocabulary, IatiError, Location, LocationClass,
    LocationReach, Narratives, OrgRole, OrgType, ParticipatingOrg, ReportingOrg,
};
use kizuna_store::{Page, Record, Value};
use serde::Serialize;

use crate::{App, AppError, Result};

/// The organisation identifier a demo store reports under when none is set:
/// `XX-` is no registration agency's prefix, so it names nobody real.
pub const DEMO_ORG_REF: &str = "XX-KIZUNA-DEMO";
/// The store setting that keeps the office's IATI organisation identifier.
pub const ORG_REF_SETTING: &str = "iati_org_ref";
/// The store setting naming (by key) the organisation that reports; without
/// it, the organisation that runs most of the exported programmes.
pub const REPORTING_ORG_SETTING: &str = "iati_reporting_org";
/// The DAC purpose code training courses are reported under: 43040, rural
/// development, whose scope names regional development planning (the demo
/// office's courses). The setting `iati_course_sector` overrides it.
pub const COURSE_SECTOR: &str = "43040";
pub const COURSE_SECTOR_SETTING: &str = "iati_course_sector";

/// Which activities a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IatiSelection {
    All,
    /// The editions of one fiscal year with their courses, and the
    /// partnerships running in it.
    FiscalYear(FiscalYear),
}

impl IatiSelection {
    fn covers(self, fy: FiscalYear) -> bool {
        match self {
            IatiSelection::All => true,
            IatiSelection::FiscalYear(f) => f == fy,
        }
    }

    /// Whether a period from `start` to `end` (open when `None`) overlaps it.
    fn overlaps(self, start: NaiveDate, end: Option<NaiveDate>) -> bool {
        match self {
            IatiSelection::All => true,
            IatiSelection::FiscalYear(f) => start <= f.last_day() && end.is_none_or(|e| e >= f.first_day()),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IatiSummary {
    /// The reporting organisation's identifier, and where it came from
    /// (`given`, `setting`, `demo default`).
    pub org_ref: String,
    pub org_ref_from: &'static str,
    pub courses: usize,
    pub editions: usize,
    pub partnerships: usize,
    pub outcomes: usize,
    pub links: usize,
    /// Outcomes of the exported programmes left out (not public, or disputed).
    pub outcomes_withheld: usize,
    /// Programmes that could not be activities, each with why.
    pub left_out: Vec<String>,
}

/// What the builders share: the reporting organisation and the records
/// they name, read once.
pub(crate) struct Ctx {
    pub org_ref: String,
    pub reporting: ReportingOrg,
    pub reporting_id: Option<Id>,
    pub orgs: HashMap<Id, Organisation>,
    pub localities: HashMap<Id, Locality>,
    pub today: NaiveDate,
    pub course_sector: String,
}

impl Ctx {
    /// `{org_ref}-{key with / as -}`.
    pub fn identifier(&self, key: &str) -> String {
        format!("{}-{}", self.org_ref, key.replace('/', "-"))
    }

    /// An organisation taking part in a role (unknown ids are skipped).
    pub fn participant(&self, id: Id, role: OrgRole) -> Option<ParticipatingOrg> {
        let o = self.orgs.get(&id)?;
        Some(ParticipatingOrg {
            role,
            reference: None,
            org_type: Some(org_type(o)),
            activity_id: None,
            name: narratives(&o.fields.name),
        })
    }

    /// The reporting organisation, marked as a secondary reporter of an
    /// activity none of whose `participants` it is.
    pub fn reporting_for(&self, participants: &[Id]) -> ReportingOrg {
        ReportingOrg {
            secondary_reporter: self.reporting_id.is_none_or(|r| !participants.contains(&r)),
            ..self.reporting.clone()
        }
    }

    /// A locality as an IATI location: its names, its country, and what
    /// kind of place it is.
    pub fn location(&self, id: Id, reach: LocationReach, description: &str) -> Option<Location> {
        let l = self.localities.get(&id)?;
        let (class, feature) = match l.fields.level {
            LocalityLevel::Prefecture => (LocationClass::AdministrativeRegion, FeatureDesignation::Adm1),
            LocalityLevel::Subprefecture => (LocationClass::AdministrativeRegion, FeatureDesignation::Adm2),
            LocalityLevel::Municipality => (LocationClass::PopulatedPlace, FeatureDesignation::Ppl),
            LocalityLevel::Area => (LocationClass::AdministrativeRegion, FeatureDesignation::Area),
        };
        Some(Location {
            reference: Some(l.fields.key.as_str().to_owned()),
            reach,
            name: narratives(&l.fields.name),
            description: words(description, |_| Vec::new()),
            administrative: vec![(
                GeographicVocabulary::Iso3166_1,
                l.fields.country.as_str().to_owned(),
                Some(0),
            )],
            class: Some(class),
            feature: Some(feature),
        })
    }
}

/// A [`LocalText`] as narratives, one per language it is given in.
pub(crate) fn narratives(t: &LocalText) -> Narratives {
    Narratives(t.iter().map(|(l, x)| (l.to_owned(), x.to_string())).collect())
}

/// A catalogue message in each of Kizuna's four languages, its arguments
/// made per language.
pub(crate) fn words<'a>(key: &str, args: impl Fn(Lang) -> Vec<(&'a str, FluentValue<'a>)>) -> Narratives {
    Narratives(
        Lang::ALL
            .iter()
            .map(|l| (l.code().to_owned(), kizuna_i18n::message(*l, key, &args(*l))))
            .collect(),
    )
}

/// A text for a reader of `lang` (marked when it falls back to another
/// language), as a message argument.
pub(crate) fn arg(lang: Lang, t: &LocalText) -> FluentValue<'static> {
    FluentValue::from(kizuna_i18n::local_text(lang, t))
}

/// Names joined the language's way (`、` in Japanese).
pub(crate) fn list(lang: Lang, names: &[String]) -> String {
    names.join(&kizuna_i18n::message(lang, "booklet-list-separator", &[]))
}

/// The IATI type of an organisation. Kizuna's kinds are broader than
/// IATI's: a government is reported as one (10; Kizuna does not tell
/// national from local), an international agency as a government agency
/// (10: in Kizuna's records these are the national cooperation agencies,
/// JICA and TICA), a business or chamber of commerce as the private sector
/// of the providing country when in Japan (71) and of the recipient country
/// otherwise (72), an NGO as national (22) or partner-country based (24),
/// a university as academic (80).
pub(crate) fn org_type(o: &Organisation) -> OrgType {
    let japanese = o.fields.country.as_str() == "JP";
    match o.fields.kind {
        OrganisationKind::Government | OrganisationKind::InternationalAgency => OrgType::Government,
        OrganisationKind::University => OrgType::Academic,
        OrganisationKind::Business | OrganisationKind::ChamberOfCommerce if japanese => OrgType::PrivateSectorProvider,
        OrganisationKind::Business | OrganisationKind::ChamberOfCommerce => OrgType::PrivateSectorRecipient,
        OrganisationKind::Ngo if japanese => OrgType::NationalNgo,
        OrganisationKind::Ngo => OrgType::PartnerCountryNgo,
        OrganisationKind::Other => OrgType::Other,
    }
}

/// Every record of a kind matching `filter`.
pub(crate) async fn all<R: Record>(app: &App, filter: &[(&str, Value)]) -> Result<Vec<R>> {
    Ok(app
        .store
        .select::<R>(
            filter,
            Page {
                limit: u32::MAX,
                offset: 0,
            },
        )
        .await?)
}

/// Whether an organisation identifier is one IATI takes: a prefix of two
/// capital letters, a hyphen, then letters, digits, `-`, `.` or `_`.
fn check_org_ref(r: &str) -> std::result::Result<(), FieldError> {
    let b = r.as_bytes();
    let ok = b.len() >= 4
        && b.len() <= 100
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2] == b'-'
        && b[3..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'));
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            "org_ref",
            "invalid_org_ref",
            format!(
                "\"{r}\" is not an IATI organisation identifier: a registration agency's prefix and the \
                 organisation's number, e.g. JP-CN-1234567890123 (letters, digits, '-', '.', '_'; no '/', \
                 '&', '|', '?' or spaces)"
            ),
        ))
    }
}

impl App {
    /// The office's IATI activities as a 2.03 file, and what went in it.
    /// `org_ref`, when given, is checked and kept as the store's
    /// identifier for later exports.
    pub async fn iati_export(&self, selection: IatiSelection, org_ref: Option<&str>) -> Result<(Vec<u8>, IatiSummary)> {
        let (file, summary) = self.iati_activities(selection, org_ref).await?;
        let bytes = kizuna_io::iati::to_bytes(&file).map_err(|e| match e {
            IatiError::Invalid(problems) => AppError::Invalid(
                problems
                    .into_iter()
                    .map(|p| FieldError::new("iati", "invalid_iati", p))
                    .collect(),
            ),
            IatiError::Io(e) => AppError::BadFile(e.to_string()),
        })?;
        Ok((bytes, summary))
    }

    /// The activities of an export, before they are written.
    pub async fn iati_activities(
        &self,
        selection: IatiSelection,
        org_ref: Option<&str>,
    ) -> Result<(ActivitiesFile, IatiSummary)> {
        let (org_ref, from) = self.iati_org_ref(org_ref).await?;
        let orgs: HashMap<Id, Organisation> = all::<Organisation>(self, &[])
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let localities = all::<Locality>(self, &[])
            .await?
            .into_iter()
            .map(|l| (l.id, l))
            .collect();
        let course_sector = match self.store.setting(COURSE_SECTOR_SETTING).await? {
            Some(s) if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) => s,
            _ => COURSE_SECTOR.to_owned(),
        };
        let programmes = all::<Programme>(self, &[]).await?;
        let reporting_id = self.iati_reporting_org(&programmes, &orgs).await?;
        let reporting = match reporting_id.and_then(|id| orgs.get(&id)) {
            Some(o) => ReportingOrg {
                reference: org_ref.clone(),
                org_type: org_type(o),
                name: narratives(&o.fields.name),
                secondary_reporter: false,
            },
            None => {
                let office = self
                    .store
                    .get::<kizuna_domain::common::office::Office>(self.office_id())
                    .await?;
                ReportingOrg {
                    reference: org_ref.clone(),
                    org_type: OrgType::Government,
                    name: narratives(&office.fields.name),
                    secondary_reporter: false,
                }
            }
        };
        let ctx = Ctx {
            org_ref: org_ref.clone(),
            reporting,
            reporting_id,
            orgs,
            localities,
            today: self.today(),
            course_sector,
        };
        let mut summary = IatiSummary {
            org_ref,
            org_ref_from: from,
            ..IatiSummary::default()
        };
        let mut activities: Vec<Activity> = Vec::new();
        activities.extend(training::activities(self, &ctx, &programmes, selection, &mut summary).await?);
        activities.extend(partnerships::activities(self, &ctx, &programmes, selection, &mut summary).await?);
        for p in &programmes {
            use kizuna_domain::common::programme::ProgrammeKind::{Partnership, TrainingCourse};
            if !matches!(p.fields.kind, TrainingCourse | Partnership) && selection == IatiSelection::All {
                summary.left_out.push(format!(
                    "{} ({}): a programme of this kind has no dates to report",
                    p.fields.key.as_str(),
                    p.fields.kind
                ));
            }
        }
        Ok((
            ActivitiesFile {
                generated: self.now(),
                activities,
            },
            summary,
        ))
    }

    /// The identifier given (checked, then kept), the store's, or the demo's.
    async fn iati_org_ref(&self, given: Option<&str>) -> Result<(String, &'static str)> {
        if let Some(r) = given {
            let r = r.trim();
            check_org_ref(r).map_err(|e| AppError::Invalid(vec![e]))?;
            self.store.set_setting(ORG_REF_SETTING, r).await?;
            return Ok((r.to_owned(), "given"));
        }
        if let Some(r) = self.store.setting(ORG_REF_SETTING).await? {
            return Ok((r, "setting"));
        }
        if self.store.setting("dataset").await?.as_deref() == Some("demo") {
            return Ok((DEMO_ORG_REF.to_owned(), "demo default"));
        }
        Err(AppError::Invalid(vec![FieldError::new(
            "org_ref",
            "required",
            "the office's IATI organisation identifier is not set: give it once (e.g. --org-ref \
             JP-CN-1234567890123, the prefix of its registration agency and its number) and it is kept",
        )]))
    }

    /// The reporting organisation: the one the setting names, else the one
    /// that runs most programmes (ties to the lower id).
    async fn iati_reporting_org(
        &self,
        programmes: &[Programme],
        orgs: &HashMap<Id, Organisation>,
    ) -> Result<Option<Id>> {
        if let Some(key) = self.store.setting(REPORTING_ORG_SETTING).await? {
            return Ok(orgs.values().find(|o| o.fields.key.as_str() == key).map(|o| o.id));
        }
        let mut runs: BTreeMap<Id, usize> = BTreeMap::new();
        for p in programmes {
            if let Some(o) = p.fields.organisation_id {
                *runs.entry(o).or_default() += 1;
            }
        }
        let most = runs.values().copied().max().unwrap_or(0);
        Ok(runs.into_iter().find(|(_, n)| *n == most && most > 0).map(|(id, _)| id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_identifiers_are_checked() {
        for ok in [
            "XX-KIZUNA-DEMO",
            "JP-CN-1234567890123",
            "XM-DAC-701-8",
            "GB-COH-01234567",
        ] {
            assert!(check_org_ref(ok).is_ok(), "{ok}");
        }
        for bad in ["", "kizuna", "jp-cn-1", "JP-", "JP-CN/1", "JP-CN 1", "JP-A&B", "JPX-1"] {
            assert_eq!(check_org_ref(bad).unwrap_err().code, "invalid_org_ref", "{bad}");
        }
    }

    #[test]
    fn a_fiscal_year_selects_what_overlaps_it() {
        let fy = IatiSelection::FiscalYear(FiscalYear::new(2007).unwrap());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(fy.overlaps(d(2005, 1, 1), None));
        assert!(fy.overlaps(d(2008, 3, 31), Some(d(2009, 1, 1))));
        assert!(!fy.overlaps(d(2008, 4, 1), None));
        assert!(!fy.overlaps(d(2000, 1, 1), Some(d(2007, 3, 31))));
        assert!(fy.covers(FiscalYear::new(2007).unwrap()));
        assert!(!fy.covers(FiscalYear::new(2008).unwrap()));
        assert!(IatiSelection::All.overlaps(d(1990, 1, 1), Some(d(1991, 1, 1))));
    }
}
