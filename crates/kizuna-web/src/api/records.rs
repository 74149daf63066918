//! Read and write every record type under `/api/v1/{collection}`: list
//! (with the filters the application declares for it), create, read,
//! update as of a version (`If-Match`), delete.

use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kizuna_app::AppError;
use kizuna_app::records::Entity;
use kizuna_domain::common::locality::{Locality, LocalityInput};
use kizuna_domain::common::organisation::{Organisation, OrganisationInput};
use kizuna_domain::common::person::{Person, PersonInput};
use kizuna_domain::common::programme::{Programme, ProgrammeInput};
use kizuna_domain::exchanges::award::{Award, AwardInput};
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
use kizuna_store::{Kind, Record};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{AppState, ListPage, PageParams, parse_id, take_page};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{IfMatch, JsonBody, QueryMap};
use crate::session::WebState;

/// A record as JSON with its version as the `ETag` (what `If-Match` names).
fn with_etag<R: Record + Serialize>(status: StatusCode, version: i64, record: &R) -> Response {
    let mut r = (status, Json(record)).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

async fn list<R: Entity + Serialize>(app: AppState, QueryMap(mut q): QueryMap) -> ApiResult<Json<ListPage<R>>> {
    let page = take_page(&mut q)?;
    let (items, total) = app.list::<R>(&q, page).await?;
    Ok(Json(ListPage {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    }))
}

async fn delete<R: Entity>(app: AppState, id: &str) -> ApiResult<StatusCode> {
    match app.delete::<R>(parse_id(id)?).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        // Still referred to: a conflict with other records, not bad input.
        Err(AppError::Invalid(errs)) if errs.iter().all(|e| e.code == "in_use") => Err(ApiError::new(
            StatusCode::CONFLICT,
            "in_use",
            errs.first().map(|e| e.message.clone()).unwrap_or_default(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// The five operations of one collection, each with its OpenAPI operation.
macro_rules! collection {
    ($m:ident, $record:ident, $input:ident, tag = $tag:literal, list = $list:literal, one = $one:literal,
     ids = [$list_id:literal, $create_id:literal, $get_id:literal, $update_id:literal, $delete_id:literal]) => {
        mod $m {
            use super::*;

            #[utoipa::path(get, path = $list, tag = $tag, operation_id = $list_id,
                security(("bearerAuth" = [])), params(PageParams),
                responses((status = 200, description = "A page of records, with the total", body = ListPage<$record>)))]
            pub(super) async fn list(app: AppState, q: QueryMap) -> ApiResult<Json<ListPage<$record>>> {
                super::list::<$record>(app, q).await
            }

            #[utoipa::path(post, path = $list, tag = $tag, operation_id = $create_id,
                security(("bearerAuth" = [])), request_body = $input,
                responses((status = 201, description = "Created; its version is the ETag", body = $record)))]
            pub(super) async fn create(app: AppState, JsonBody(input): JsonBody<$input>) -> ApiResult<Response> {
                let r = app.create::<$record>(&input).await?;
                Ok(with_etag(StatusCode::CREATED, r.version, &r))
            }

            #[utoipa::path(get, path = $one, tag = $tag, operation_id = $get_id,
                security(("bearerAuth" = [])),
                params(("id" = i64, Path, minimum = 1, description = "The record's id")),
                responses((status = 200, description = "The record; its version is the ETag", body = $record)))]
            pub(super) async fn read(app: AppState, Path(id): Path<String>) -> ApiResult<Response> {
                let r = app.get::<$record>(parse_id(&id)?).await?;
                Ok(with_etag(StatusCode::OK, r.version, &r))
            }

            #[utoipa::path(put, path = $one, tag = $tag, operation_id = $update_id,
                security(("bearerAuth" = [])), request_body = $input,
                params(("id" = i64, Path, minimum = 1, description = "The record's id"),
                       ("If-Match" = String, Header, pattern = r#"^(W/)?"?[0-9]{1,18}"?$"#, description = "The version the change was made from (the ETag read, e.g. \"3\")")),
                responses((status = 200, description = "Updated; its new version is the ETag", body = $record),
                          (status = 409, description = "Changed by someone else since that version; nothing was written", body = ErrorBody),
                          (status = 428, description = "No If-Match: the version the change was made from is required", body = ErrorBody)))]
            pub(super) async fn update(
                app: AppState,
                Path(id): Path<String>,
                IfMatch(version): IfMatch,
                JsonBody(input): JsonBody<$input>,
            ) -> ApiResult<Response> {
                let r = app.update::<$record>(parse_id(&id)?, version, &input).await?;
                Ok(with_etag(StatusCode::OK, r.version, &r))
            }

            #[utoipa::path(delete, path = $one, tag = $tag, operation_id = $delete_id,
                security(("bearerAuth" = [])),
                params(("id" = i64, Path, minimum = 1, description = "The record's id")),
                responses((status = 204, description = "Deleted"),
                          (status = 409, description = "Other records still refer to it; nothing was deleted", body = ErrorBody)))]
            pub(super) async fn remove(app: AppState, Path(id): Path<String>) -> ApiResult<StatusCode> {
                super::delete::<$record>(app, &id).await
            }
        }
    };
}

collection!(
    localities,
    Locality,
    LocalityInput,
    tag = "localities",
    list = "/api/v1/localities",
    one = "/api/v1/localities/{id}",
    ids = [
        "list_localities",
        "create_locality",
        "get_locality",
        "update_locality",
        "delete_locality"
    ]
);
collection!(
    organisations,
    Organisation,
    OrganisationInput,
    tag = "organisations",
    list = "/api/v1/organisations",
    one = "/api/v1/organisations/{id}",
    ids = [
        "list_organisations",
        "create_organisation",
        "get_organisation",
        "update_organisation",
        "delete_organisation"
    ]
);
collection!(
    people,
    Person,
    PersonInput,
    tag = "people",
    list = "/api/v1/people",
    one = "/api/v1/people/{id}",
    ids = [
        "list_people",
        "create_person",
        "get_person",
        "update_person",
        "delete_person"
    ]
);
collection!(
    programmes,
    Programme,
    ProgrammeInput,
    tag = "programmes",
    list = "/api/v1/programmes",
    one = "/api/v1/programmes/{id}",
    ids = [
        "list_programmes",
        "create_programme",
        "get_programme",
        "update_programme",
        "delete_programme"
    ]
);
collection!(
    editions,
    Edition,
    EditionInput,
    tag = "editions",
    list = "/api/v1/editions",
    one = "/api/v1/editions/{id}",
    ids = [
        "list_editions",
        "create_edition",
        "get_edition",
        "update_edition",
        "delete_edition"
    ]
);
collection!(
    participations,
    Participation,
    ParticipationInput,
    tag = "participations",
    list = "/api/v1/participations",
    one = "/api/v1/participations/{id}",
    ids = [
        "list_participations",
        "create_participation",
        "get_participation",
        "update_participation",
        "delete_participation"
    ]
);
collection!(
    sessions,
    Session,
    SessionInput,
    tag = "sessions",
    list = "/api/v1/sessions",
    one = "/api/v1/sessions/{id}",
    ids = [
        "list_sessions",
        "create_session",
        "get_session",
        "update_session",
        "delete_session"
    ]
);
collection!(
    awards,
    Award,
    AwardInput,
    tag = "awards",
    list = "/api/v1/awards",
    one = "/api/v1/awards/{id}",
    ids = [
        "list_awards",
        "create_award",
        "get_award",
        "update_award",
        "delete_award"
    ]
);

collection!(
    partnerships,
    Partnership,
    PartnershipInput,
    tag = "partnerships",
    list = "/api/v1/partnerships",
    one = "/api/v1/partnerships/{id}",
    ids = [
        "list_partnerships",
        "create_partnership",
        "get_partnership",
        "update_partnership",
        "delete_partnership"
    ]
);

collection!(
    programme_organisations,
    ProgrammeOrganisation,
    ProgrammeOrganisationInput,
    tag = "partnerships",
    list = "/api/v1/programme-organisations",
    one = "/api/v1/programme-organisations/{id}",
    ids = [
        "list_programme_organisations",
        "create_programme_organisation",
        "get_programme_organisation",
        "update_programme_organisation",
        "delete_programme_organisation"
    ]
);

collection!(
    activities,
    Activity,
    ActivityInput,
    tag = "partnerships",
    list = "/api/v1/activities",
    one = "/api/v1/activities/{id}",
    ids = [
        "list_activities",
        "create_activity",
        "get_activity",
        "update_activity",
        "delete_activity"
    ]
);

collection!(
    outcomes,
    Outcome,
    OutcomeInput,
    tag = "outcomes",
    list = "/api/v1/outcomes",
    one = "/api/v1/outcomes/{id}",
    ids = [
        "list_outcomes",
        "create_outcome",
        "get_outcome",
        "update_outcome",
        "delete_outcome"
    ]
);

collection!(
    outcome_links,
    OutcomeLink,
    OutcomeLinkInput,
    tag = "outcomes",
    list = "/api/v1/outcome-links",
    one = "/api/v1/outcome-links/{id}",
    ids = [
        "list_outcome_links",
        "create_outcome_link",
        "get_outcome_link",
        "update_outcome_link",
        "delete_outcome_link"
    ]
);

collection!(
    local_links,
    LocalLink,
    LocalLinkInput,
    tag = "local links",
    list = "/api/v1/local-links",
    one = "/api/v1/local-links/{id}",
    ids = [
        "list_local_links",
        "create_local_link",
        "get_local_link",
        "update_local_link",
        "delete_local_link"
    ]
);

collection!(
    offers_needs,
    OfferNeed,
    OfferNeedInput,
    tag = "offers and needs",
    list = "/api/v1/offers-needs",
    one = "/api/v1/offers-needs/{id}",
    ids = [
        "list_offers_needs",
        "create_offer_need",
        "get_offer_need",
        "update_offer_need",
        "delete_offer_need"
    ]
);
// #13 collections: add yours below this line (V1 placements, V2 hours, X exchanges, A alumni).
use kizuna_domain::volunteers::hours::{VolunteerEntry, VolunteerEntryInput};

collection!(
    volunteer_entries,
    VolunteerEntry,
    VolunteerEntryInput,
    tag = "volunteer entries",
    list = "/api/v1/volunteer-entries",
    one = "/api/v1/volunteer-entries/{id}",
    ids = [
        "list_volunteer_entries",
        "create_volunteer_entry",
        "get_volunteer_entry",
        "update_volunteer_entry",
        "delete_volunteer_entry"
    ]
);
use kizuna_domain::exchanges::courtesy_call::{CourtesyCall, CourtesyCallInput};
use kizuna_domain::exchanges::delegation::{
    Delegation, DelegationInput, DelegationMember, DelegationMemberInput, DelegationVisit, DelegationVisitInput,
};
use kizuna_domain::exchanges::dispatch::{Dispatch, DispatchInput};
use kizuna_domain::exchanges::symposium::{
    Symposium, SymposiumInput, SymposiumRegion, SymposiumRegionInput, SymposiumSession, SymposiumSessionInput,
    SymposiumSpeaker, SymposiumSpeakerInput,
};

collection!(
    delegations,
    Delegation,
    DelegationInput,
    tag = "delegations",
    list = "/api/v1/delegations",
    one = "/api/v1/delegations/{id}",
    ids = [
        "list_delegations",
        "create_delegation",
        "get_delegation",
        "update_delegation",
        "delete_delegation"
    ]
);

collection!(
    delegation_members,
    DelegationMember,
    DelegationMemberInput,
    tag = "delegation members",
    list = "/api/v1/delegation-members",
    one = "/api/v1/delegation-members/{id}",
    ids = [
        "list_delegation_members",
        "create_delegation_member",
        "get_delegation_member",
        "update_delegation_member",
        "delete_delegation_member"
    ]
);

collection!(
    delegation_visits,
    DelegationVisit,
    DelegationVisitInput,
    tag = "delegation visits",
    list = "/api/v1/delegation-visits",
    one = "/api/v1/delegation-visits/{id}",
    ids = [
        "list_delegation_visits",
        "create_delegation_visit",
        "get_delegation_visit",
        "update_delegation_visit",
        "delete_delegation_visit"
    ]
);

collection!(
    dispatches,
    Dispatch,
    DispatchInput,
    tag = "dispatches",
    list = "/api/v1/dispatches",
    one = "/api/v1/dispatches/{id}",
    ids = [
        "list_dispatches",
        "create_dispatch",
        "get_dispatch",
        "update_dispatch",
        "delete_dispatch"
    ]
);

collection!(
    symposiums,
    Symposium,
    SymposiumInput,
    tag = "symposiums",
    list = "/api/v1/symposiums",
    one = "/api/v1/symposiums/{id}",
    ids = [
        "list_symposiums",
        "create_symposium",
        "get_symposium",
        "update_symposium",
        "delete_symposium"
    ]
);

collection!(
    symposium_sessions,
    SymposiumSession,
    SymposiumSessionInput,
    tag = "symposium sessions",
    list = "/api/v1/symposium-sessions",
    one = "/api/v1/symposium-sessions/{id}",
    ids = [
        "list_symposium_sessions",
        "create_symposium_session",
        "get_symposium_session",
        "update_symposium_session",
        "delete_symposium_session"
    ]
);

collection!(
    symposium_speakers,
    SymposiumSpeaker,
    SymposiumSpeakerInput,
    tag = "symposium speakers",
    list = "/api/v1/symposium-speakers",
    one = "/api/v1/symposium-speakers/{id}",
    ids = [
        "list_symposium_speakers",
        "create_symposium_speaker",
        "get_symposium_speaker",
        "update_symposium_speaker",
        "delete_symposium_speaker"
    ]
);

collection!(
    symposium_regions,
    SymposiumRegion,
    SymposiumRegionInput,
    tag = "symposium regions",
    list = "/api/v1/symposium-regions",
    one = "/api/v1/symposium-regions/{id}",
    ids = [
        "list_symposium_regions",
        "create_symposium_region",
        "get_symposium_region",
        "update_symposium_region",
        "delete_symposium_region"
    ]
);

collection!(
    courtesy_calls,
    CourtesyCall,
    CourtesyCallInput,
    tag = "courtesy calls",
    list = "/api/v1/courtesy-calls",
    one = "/api/v1/courtesy-calls/{id}",
    ids = [
        "list_courtesy_calls",
        "create_courtesy_call",
        "get_courtesy_call",
        "update_courtesy_call",
        "delete_courtesy_call"
    ]
);
use kizuna_domain::volunteers::document::{PlacementDocument, PlacementDocumentInput};
use kizuna_domain::volunteers::placement::{Placement, PlacementInput};
collection!(
    placements,
    Placement,
    PlacementInput,
    tag = "volunteers",
    list = "/api/v1/placements",
    one = "/api/v1/placements/{id}",
    ids = [
        "list_placements",
        "create_placement",
        "get_placement",
        "update_placement",
        "delete_placement"
    ]
);
collection!(
    placement_documents,
    PlacementDocument,
    PlacementDocumentInput,
    tag = "volunteers",
    list = "/api/v1/placement-documents",
    one = "/api/v1/placement-documents/{id}",
    ids = [
        "list_placement_documents",
        "create_placement_document",
        "get_placement_document",
        "update_placement_document",
        "delete_placement_document"
    ]
);
use kizuna_domain::training::alumni::{
    AlumniAssociation, AlumniAssociationInput, AlumniMember, AlumniMemberInput, FollowUp, FollowUpInput,
};
collection!(
    follow_ups,
    FollowUp,
    FollowUpInput,
    tag = "alumni",
    list = "/api/v1/follow-ups",
    one = "/api/v1/follow-ups/{id}",
    ids = [
        "list_follow_ups",
        "create_follow_up",
        "get_follow_up",
        "update_follow_up",
        "delete_follow_up"
    ]
);
collection!(
    alumni_associations,
    AlumniAssociation,
    AlumniAssociationInput,
    tag = "alumni",
    list = "/api/v1/alumni-associations",
    one = "/api/v1/alumni-associations/{id}",
    ids = [
        "list_alumni_associations",
        "create_alumni_association",
        "get_alumni_association",
        "update_alumni_association",
        "delete_alumni_association"
    ]
);
collection!(
    alumni_members,
    AlumniMember,
    AlumniMemberInput,
    tag = "alumni",
    list = "/api/v1/alumni-members",
    one = "/api/v1/alumni-members/{id}",
    ids = [
        "list_alumni_members",
        "create_alumni_member",
        "get_alumni_member",
        "update_alumni_member",
        "delete_alumni_member"
    ]
);

// #15 tourism: fairs, leads, campaigns, trainings' links (flows: api/tourism.rs).
use kizuna_domain::tourism::campaign::{Campaign, CampaignInput};
use kizuna_domain::tourism::fair::{TourismLead, TourismLeadInput, TravelFair, TravelFairInput};
use kizuna_domain::tourism::training::{TourismTraining, TourismTrainingInput};
collection!(
    tourism_fairs,
    TravelFair,
    TravelFairInput,
    tag = "tourism",
    list = "/api/v1/tourism/fairs",
    one = "/api/v1/tourism/fairs/{id}",
    ids = [
        "list_travel_fairs",
        "create_travel_fair",
        "get_travel_fair",
        "update_travel_fair",
        "delete_travel_fair"
    ]
);
collection!(
    tourism_leads,
    TourismLead,
    TourismLeadInput,
    tag = "tourism",
    list = "/api/v1/tourism/leads",
    one = "/api/v1/tourism/leads/{id}",
    ids = [
        "list_tourism_leads",
        "create_tourism_lead",
        "get_tourism_lead",
        "update_tourism_lead",
        "delete_tourism_lead"
    ]
);
collection!(
    tourism_campaigns,
    Campaign,
    CampaignInput,
    tag = "tourism",
    list = "/api/v1/tourism/campaigns",
    one = "/api/v1/tourism/campaigns/{id}",
    ids = [
        "list_tourism_campaigns",
        "create_tourism_campaign",
        "get_tourism_campaign",
        "update_tourism_campaign",
        "delete_tourism_campaign"
    ]
);
collection!(
    tourism_trainings,
    TourismTraining,
    TourismTrainingInput,
    tag = "tourism",
    list = "/api/v1/tourism/trainings",
    one = "/api/v1/tourism/trainings/{id}",
    ids = [
        "list_tourism_trainings",
        "create_tourism_training",
        "get_tourism_training",
        "update_tourism_training",
        "delete_tourism_training"
    ]
);

pub fn routes() -> OpenApiRouter<WebState> {
    macro_rules! both {
        ($r:expr, $($m:ident),+) => {
            $r$(.routes(routes!($m::list, $m::create)).routes(routes!($m::read, $m::update, $m::remove)))+
        };
    }
    both!(
        OpenApiRouter::new(),
        localities,
        organisations,
        people,
        programmes,
        editions,
        participations,
        sessions,
        awards,
        partnerships,
        programme_organisations,
        activities,
        outcomes,
        outcome_links,
        local_links,
        offers_needs, // #13: add collection modules after this
        volunteer_entries,
        delegations,
        delegation_members,
        delegation_visits,
        dispatches,
        symposiums,
        symposium_sessions,
        symposium_speakers,
        symposium_regions,
        courtesy_calls,
        placements,
        placement_documents,
        follow_ups,
        alumni_associations,
        alumni_members,
        tourism_fairs,
        tourism_leads,
        tourism_campaigns,
        tourism_trainings
    )
}

fn filters_of<R: Entity>(path: &'static str) -> (&'static str, Vec<(&'static str, &'static str)>) {
    (
        path,
        R::FILTERS
            .iter()
            .map(|(name, kind)| (*name, if *kind == Kind::Int { "integer" } else { "string" }))
            .collect(),
    )
}

/// Each collection's list path and the filters the application declares
/// for it ([`Entity::FILTERS`]), for the document.
pub fn list_filters() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        filters_of::<Locality>("/api/v1/localities"),
        filters_of::<Organisation>("/api/v1/organisations"),
        filters_of::<Person>("/api/v1/people"),
        filters_of::<Programme>("/api/v1/programmes"),
        filters_of::<Edition>("/api/v1/editions"),
        filters_of::<Participation>("/api/v1/participations"),
        filters_of::<Session>("/api/v1/sessions"),
        filters_of::<Award>("/api/v1/awards"),
        filters_of::<Partnership>("/api/v1/partnerships"),
        filters_of::<ProgrammeOrganisation>("/api/v1/programme-organisations"),
        filters_of::<Activity>("/api/v1/activities"),
        filters_of::<Outcome>("/api/v1/outcomes"),
        filters_of::<OutcomeLink>("/api/v1/outcome-links"),
        filters_of::<LocalLink>("/api/v1/local-links"),
        filters_of::<OfferNeed>("/api/v1/offers-needs"),
        // #13: add filters_of lines below
        filters_of::<VolunteerEntry>("/api/v1/volunteer-entries"),
        filters_of::<Delegation>("/api/v1/delegations"),
        filters_of::<DelegationMember>("/api/v1/delegation-members"),
        filters_of::<DelegationVisit>("/api/v1/delegation-visits"),
        filters_of::<Dispatch>("/api/v1/dispatches"),
        filters_of::<Symposium>("/api/v1/symposiums"),
        filters_of::<SymposiumSession>("/api/v1/symposium-sessions"),
        filters_of::<SymposiumSpeaker>("/api/v1/symposium-speakers"),
        filters_of::<SymposiumRegion>("/api/v1/symposium-regions"),
        filters_of::<CourtesyCall>("/api/v1/courtesy-calls"),
        filters_of::<Placement>("/api/v1/placements"),
        filters_of::<PlacementDocument>("/api/v1/placement-documents"),
        filters_of::<FollowUp>("/api/v1/follow-ups"),
        filters_of::<AlumniAssociation>("/api/v1/alumni-associations"),
        filters_of::<AlumniMember>("/api/v1/alumni-members"),
        filters_of::<TravelFair>("/api/v1/tourism/fairs"),
        filters_of::<TourismLead>("/api/v1/tourism/leads"),
        filters_of::<Campaign>("/api/v1/tourism/campaigns"),
        filters_of::<TourismTraining>("/api/v1/tourism/trainings"),
    ]
}
