//! Which table each domain record lives in. The columns come from the
//! record's declaration ([`kizuna_domain::fields::Fields`]); what is here
//! is only what a declaration cannot say: the table, the system, the order
//! of lists, child tables and computed columns.

use kizuna_domain::System;
use kizuna_domain::common::CountryCode;
use kizuna_domain::common::locality::{Locality, LocalityInput};
use kizuna_domain::common::office::{Office, OfficeInput};
use kizuna_domain::common::organisation::{Organisation, OrganisationInput};
use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput};
use kizuna_domain::exchanges::award::{Award, AwardInput};
use kizuna_domain::map::place::{Place, PlaceFields, PlaceInput};
use kizuna_domain::partnerships::activity::{Activity, ActivityInput};
use kizuna_domain::partnerships::local_link::{LocalLink, LocalLinkInput};
use kizuna_domain::partnerships::outcome::{Outcome, OutcomeInput, OutcomeLink, OutcomeLinkInput};
use kizuna_domain::partnerships::partnership::{
    Partnership, PartnershipInput, ProgrammeOrganisation, ProgrammeOrganisationInput,
};
use kizuna_domain::partnerships::profile::{OfferNeed, OfferNeedInput};
use kizuna_domain::training::edition::{Edition, EditionInput};
use kizuna_domain::training::participation::{Participation, ParticipationInput};
use kizuna_domain::training::session::{Session, SessionInput};
use kizuna_domain::volunteers::document::{PlacementDocument, PlacementDocumentInput};
use kizuna_domain::volunteers::placement::{Placement, PlacementInput};

use crate::record::{Child, Kind, Meta, Record, Value};
use crate::schema::TableSpec;

/// A record whose input is stored as declared, with `id`, `version` and
/// (when owned) `office_id` beside it.
macro_rules! plain_record {
    ($record:ident, $input:ident, $entity:literal, $table:literal, $system:ident
     $(, owned = $owned:tt)? $(, unique = $unique:literal)? $(, order = $order:literal)?
     $(, child = $child:expr, children = |$i:ident| $cv:expr, assemble = |$c:ident| $asm:expr)?) => {
        impl Record for $record {
            const ENTITY: &'static str = $entity;
            const TABLE: &'static str = $table;
            const SYSTEM: System = System::$system;
            $(const OWNED: bool = $owned;)?
            $(const UNIQUE: &'static str = $unique;)?
            $(const ORDER: &'static str = $order;)?
            $(const CHILD: Option<Child> = Some($child);)?
            type Input = $input;
            type Stored = $input;
            fn stored(input: &$input) -> $input {
                input.clone()
            }
            $(fn child_values($i: &$input) -> Vec<Value> {
                $cv
            })?
            #[allow(unused_mut)]
            fn assemble(meta: Meta, mut fields: $input, children: Vec<Value>) -> Result<Self, String> {
                let _ = &children;
                $({
                    let $c = children;
                    $asm(&mut fields)?;
                })?
                plain_record!(@build $record, meta, fields $(, $owned)?)
            }
        }
    };
    (@build $record:ident, $meta:ident, $fields:ident, false) => {
        Ok($record { id: $meta.id, version: $meta.version, fields: $fields })
    };
    (@build $record:ident, $meta:ident, $fields:ident) => {
        Ok($record { id: $meta.id, version: $meta.version, office_id: $meta.office_id, fields: $fields })
    };
}

plain_record!(
    Office,
    OfficeInput,
    "office",
    "offices",
    Common,
    owned = false,
    order = "key"
);
plain_record!(
    Locality,
    LocalityInput,
    "locality",
    "localities",
    Common,
    owned = false,
    order = "key"
);
plain_record!(
    Organisation,
    OrganisationInput,
    "organisation",
    "organisations",
    Common,
    order = "coalesce(name_en, name_ja, name_ms, name_th), id"
);
plain_record!(Programme, ProgrammeInput, "programme", "programmes", Common);
plain_record!(
    Participation,
    ParticipationInput,
    "participation",
    "participations",
    Training,
    unique = "person_id"
);
plain_record!(
    Award,
    AwardInput,
    "award",
    "awards",
    Exchanges,
    unique = "title",
    order = "received_on, id"
);
plain_record!(
    Edition,
    EditionInput,
    "edition",
    "editions",
    Training,
    order = "fiscal_year, starts_on, key",
    child = Child {
        table: "edition_countries",
        parent_column: "edition_id",
        column: "country",
        kind: Kind::Text,
    },
    children = |i| i
        .target_countries
        .iter()
        .map(|c| Value::Text(Some(c.to_string())))
        .collect(),
    assemble = |children| |f: &mut EditionInput| -> Result<(), String> {
        for ch in children {
            if let Value::Text(Some(code)) = ch {
                f.target_countries
                    .push(CountryCode::parse(&code).map_err(|e| e.to_string())?);
            }
        }
        Ok(())
    }
);
plain_record!(
    Session,
    SessionInput,
    "session",
    "sessions",
    Training,
    order = "starts_at, id",
    child = Child {
        table: "session_instructors",
        parent_column: "session_id",
        column: "person_id",
        kind: Kind::Int,
    },
    children = |i| i.instructor_ids.iter().map(|id| Value::Int(Some(*id))).collect(),
    assemble = |children| |f: &mut SessionInput| -> Result<(), String> {
        f.instructor_ids = children
            .into_iter()
            .filter_map(|v| if let Value::Int(Some(i)) = v { Some(i) } else { None })
            .collect();
        Ok(())
    }
);

/// The ids kept in a child table of one integer column.
fn ids_of(children: Vec<Value>) -> Vec<i64> {
    children
        .into_iter()
        .filter_map(|v| if let Value::Int(Some(i)) = v { Some(i) } else { None })
        .collect()
}

plain_record!(
    Partnership,
    PartnershipInput,
    "partnership",
    "partnerships",
    Partnerships,
    unique = "programme_id",
    order = "starts_on, id",
    child = Child {
        table: "partnership_localities",
        parent_column: "partnership_id",
        column: "locality_id",
        kind: Kind::Int,
    },
    children = |i| i.abroad_locality_ids.iter().map(|id| Value::Int(Some(*id))).collect(),
    assemble = |children| |f: &mut PartnershipInput| -> Result<(), String> {
        f.abroad_locality_ids = ids_of(children);
        Ok(())
    }
);
plain_record!(
    ProgrammeOrganisation,
    ProgrammeOrganisationInput,
    "programme_organisation",
    "programme_organisations",
    Partnerships,
    unique = "role",
    order = "programme_id, role, id"
);
plain_record!(
    Activity,
    ActivityInput,
    "activity",
    "activities",
    Partnerships,
    order = "starts_on, id",
    child = Child {
        table: "activity_people",
        parent_column: "activity_id",
        column: "person_id",
        kind: Kind::Int,
    },
    children = |i| i.person_ids.iter().map(|id| Value::Int(Some(*id))).collect(),
    assemble = |children| |f: &mut ActivityInput| -> Result<(), String> {
        f.person_ids = ids_of(children);
        Ok(())
    }
);
plain_record!(
    Outcome,
    OutcomeInput,
    "outcome",
    "outcomes",
    Partnerships,
    order = "occurred_on, id",
    child = Child {
        table: "outcome_localities",
        parent_column: "outcome_id",
        column: "locality_id",
        kind: Kind::Int,
    },
    children = |i| i.locality_ids.iter().map(|id| Value::Int(Some(*id))).collect(),
    assemble = |children| |f: &mut OutcomeInput| -> Result<(), String> {
        f.locality_ids = ids_of(children);
        Ok(())
    }
);
plain_record!(
    OutcomeLink,
    OutcomeLinkInput,
    "outcome_link",
    "outcome_links",
    Partnerships,
    order = "to_outcome_id, id"
);
plain_record!(
    LocalLink,
    LocalLinkInput,
    "local_link",
    "local_links",
    Partnerships,
    unique = "kind",
    order = "since, id"
);
plain_record!(
    OfferNeed,
    OfferNeedInput,
    "offer_need",
    "offers_needs",
    Partnerships,
    order = "direction, theme, id"
);
// #13 volunteers: placements and documents (helper V1).
plain_record!(
    Placement,
    PlacementInput,
    "placement",
    "placements",
    Volunteers,
    order = "planned_starts_on, id"
);
plain_record!(
    PlacementDocument,
    PlacementDocumentInput,
    "placement_document",
    "placement_documents",
    Volunteers,
    order = "placement_id, expires_on, id"
);
// #13 volunteers: hours and reports (helper V2).
use kizuna_domain::volunteers::hours::{VolunteerEntry, VolunteerEntryInput};
plain_record!(
    VolunteerEntry,
    VolunteerEntryInput,
    "volunteer_entry",
    "volunteer_entries",
    Volunteers,
    unique = "id",
    order = "worked_on, id"
);
// #13 exchanges (helper X).
use kizuna_domain::exchanges::courtesy_call::{CourtesyCall, CourtesyCallInput};
use kizuna_domain::exchanges::delegation::{
    Delegation, DelegationInput, DelegationMember, DelegationMemberInput, DelegationVisit, DelegationVisitInput,
};
use kizuna_domain::exchanges::dispatch::{Dispatch, DispatchInput};
use kizuna_domain::exchanges::symposium::{
    Symposium, SymposiumInput, SymposiumRegion, SymposiumRegionInput, SymposiumSession, SymposiumSessionInput,
    SymposiumSpeaker, SymposiumSpeakerInput,
};
plain_record!(
    Delegation,
    DelegationInput,
    "delegation",
    "delegations",
    Exchanges,
    order = "arrives_on, id"
);
plain_record!(
    DelegationMember,
    DelegationMemberInput,
    "delegation_member",
    "delegation_members",
    Exchanges,
    unique = "person_id",
    order = "delegation_id, id"
);
plain_record!(
    DelegationVisit,
    DelegationVisitInput,
    "delegation_visit",
    "delegation_visits",
    Exchanges,
    order = "visit_on, starts_at, id"
);
plain_record!(
    Dispatch,
    DispatchInput,
    "dispatch",
    "dispatches",
    Exchanges,
    order = "departs_on, id",
    child = Child {
        table: "dispatch_people",
        parent_column: "dispatch_id",
        column: "person_id",
        kind: Kind::Int,
    },
    children = |i| i.person_ids.iter().map(|id| Value::Int(Some(*id))).collect(),
    assemble = |children| |f: &mut DispatchInput| -> Result<(), String> {
        f.person_ids = ids_of(children);
        Ok(())
    }
);
plain_record!(
    Symposium,
    SymposiumInput,
    "symposium",
    "symposiums",
    Exchanges,
    order = "starts_on, id"
);
plain_record!(
    SymposiumSession,
    SymposiumSessionInput,
    "symposium_session",
    "symposium_sessions",
    Exchanges,
    order = "starts_at, id"
);
plain_record!(
    SymposiumSpeaker,
    SymposiumSpeakerInput,
    "symposium_speaker",
    "symposium_speakers",
    Exchanges,
    order = "session_id, id"
);
plain_record!(
    SymposiumRegion,
    SymposiumRegionInput,
    "symposium_region",
    "symposium_regions",
    Exchanges,
    order = "symposium_id, country, id"
);
plain_record!(
    CourtesyCall,
    CourtesyCallInput,
    "courtesy_call",
    "courtesy_calls",
    Exchanges,
    order = "called_on, id"
);
// #13 calendar feeds (helper C).
// #13 alumni (helper A).
use kizuna_domain::training::alumni::{
    AlumniAssociation, AlumniAssociationInput, AlumniMember, AlumniMemberInput, FollowUp, FollowUpInput,
};
plain_record!(
    FollowUp,
    FollowUpInput,
    "follow_up",
    "follow_ups",
    Training,
    order = "due_on, id"
);
plain_record!(
    AlumniAssociation,
    AlumniAssociationInput,
    "alumni_association",
    "alumni_associations",
    Training,
    order = "country, coalesce(name_en, name_ja, name_ms, name_th), id"
);
plain_record!(
    AlumniMember,
    AlumniMemberInput,
    "alumni_member",
    "alumni_members",
    Training,
    unique = "person_id",
    order = "association_id, role, id"
);

// #15 tourism: fairs with the people who went, leads, campaigns, the
// training editions that were tourism trainings (the flows are in
// tourism.rs).
use kizuna_domain::tourism::campaign::{Campaign, CampaignInput};
use kizuna_domain::tourism::fair::{TourismLead, TourismLeadInput, TravelFair, TravelFairInput};
use kizuna_domain::tourism::training::{TourismTraining, TourismTrainingInput};
plain_record!(
    TravelFair,
    TravelFairInput,
    "travel_fair",
    "travel_fairs",
    Tourism,
    order = "starts_on DESC, id",
    child = Child {
        table: "travel_fair_people",
        parent_column: "fair_id",
        column: "person_id",
        kind: Kind::Int,
    },
    children = |i| i.person_ids.iter().map(|id| Value::Int(Some(*id))).collect(),
    assemble = |children| |f: &mut TravelFairInput| -> Result<(), String> {
        f.person_ids = ids_of(children);
        Ok(())
    }
);
plain_record!(
    Campaign,
    CampaignInput,
    "tourism_campaign",
    "tourism_campaigns",
    Tourism,
    order = "starts_on DESC, id"
);
plain_record!(
    TourismLead,
    TourismLeadInput,
    "tourism_lead",
    "tourism_leads",
    Tourism,
    order = "coalesce(next_on, followed_up_on), id"
);
plain_record!(
    TourismTraining,
    TourismTrainingInput,
    "tourism_training",
    "tourism_trainings",
    Tourism,
    unique = "edition_id",
    order = "id"
);

impl Record for Person {
    const ENTITY: &'static str = "person";
    const TABLE: &'static str = "people";
    const SYSTEM: System = System::Common;
    const UNIQUE: &'static str = "identity";
    const ORDER: &'static str = "family_name, given_name, id";
    const COMPUTED: &'static [(&'static str, Kind)] = &[("identity_key", Kind::Text)];
    type Input = PersonInput;
    type Stored = PersonInput;
    fn stored(input: &PersonInput) -> PersonInput {
        input.clone()
    }
    /// The identity key (folded names, nationality, birth date) that a
    /// second record of the same person would repeat.
    fn computed(input: &PersonInput) -> Vec<(&'static str, Value)> {
        vec![("identity_key", Value::Text(Some(input.identity_key())))]
    }
    fn assemble(meta: Meta, fields: PersonInput, _: Vec<Value>) -> Result<Self, String> {
        Ok(Person {
            id: meta.id,
            version: meta.version,
            office_id: meta.office_id,
            fields,
        })
    }
}

/// A place is stored in its flat form ([`PlaceFields`]) and checked again
/// as it is read.
impl Record for Place {
    const ENTITY: &'static str = "place";
    const TABLE: &'static str = "places";
    const SYSTEM: System = System::Map;
    const UNIQUE: &'static str = "source_id";
    type Input = PlaceInput;
    type Stored = PlaceFields;
    fn stored(input: &PlaceInput) -> PlaceFields {
        PlaceFields::from(input)
    }
    fn assemble(meta: Meta, stored: PlaceFields, _: Vec<Value>) -> Result<Self, String> {
        let fields = stored.validate().map_err(|errs| {
            errs.iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        Ok(Place {
            id: meta.id,
            version: meta.version,
            office_id: meta.office_id,
            fields,
        })
    }
}

/// Every record table and the columns its declaration needs, for the
/// start-up check and the schema tests.
pub fn tables() -> Vec<TableSpec> {
    vec![
        TableSpec::of::<Office>(),
        TableSpec::of::<Locality>(),
        TableSpec::of::<Organisation>(),
        TableSpec::of::<Person>(),
        TableSpec::of::<Programme>(),
        TableSpec::of::<Edition>(),
        TableSpec::of::<Participation>(),
        TableSpec::of::<Session>(),
        TableSpec::of::<Award>(),
        TableSpec::of::<Place>(),
        TableSpec::of::<Partnership>(),
        TableSpec::of::<ProgrammeOrganisation>(),
        TableSpec::of::<Activity>(),
        TableSpec::of::<Outcome>(),
        TableSpec::of::<OutcomeLink>(),
        TableSpec::of::<LocalLink>(),
        TableSpec::of::<OfferNeed>(),
        TableSpec::of::<Delegation>(),
        TableSpec::of::<DelegationMember>(),
        TableSpec::of::<DelegationVisit>(),
        TableSpec::of::<Dispatch>(),
        TableSpec::of::<Symposium>(),
        TableSpec::of::<SymposiumSession>(),
        TableSpec::of::<SymposiumSpeaker>(),
        TableSpec::of::<SymposiumRegion>(),
        TableSpec::of::<CourtesyCall>(),
        TableSpec::of::<FollowUp>(),
        TableSpec::of::<AlumniAssociation>(),
        TableSpec::of::<AlumniMember>(),
        TableSpec::of::<Placement>(),
        TableSpec::of::<PlacementDocument>(),
        TableSpec::of::<VolunteerEntry>(),
        TableSpec::of::<TravelFair>(),
        TableSpec::of::<Campaign>(),
        TableSpec::of::<TourismLead>(),
        TableSpec::of::<TourismTraining>(),
    ]
}

#[cfg(test)]
mod tests {
    use kizuna_domain::fields::Fields;

    use super::*;

    /// A place's columns are its flat form's fields, declared once.
    #[test]
    fn place_columns_come_from_its_declaration() {
        let names: Vec<&str> = PlaceFields::columns().iter().map(|c| c.name.as_str()).collect();
        assert!(names.contains(&"lat_e7") && names.contains(&"description_th"));
        assert_eq!(names.len(), PlaceFields::field_names().len());
    }
}
