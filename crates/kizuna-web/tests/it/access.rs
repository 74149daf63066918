//! Who may use which route, from the router's own route table: every page
//! path (`kizuna_web::page_paths`, the table the pages are routed from) and
//! every API operation (the OpenAPI document generated from the handlers),
//! with every method each takes, is asked by every kind of caller. The
//! rule of each route is declared once, in [`RULES`]; a route added later
//! fails [`every_route_has_a_declared_rule`] until its rule is declared
//! there, and any answer other than the rule's (a 2xx where the caller
//! should be refused, or a refusal where it should be let in) fails
//! [`every_route_answers_every_caller_as_its_rule_says`].

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use kizuna_domain::common::access::TokenScope;
use kizuna_domain::common::account::Role;
use kizuna_store::Backend;
use kizuna_testkit::{Answer, Browser, PASSWORD, STAFF, TestApp};

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in account, by session (pages) — partners included.
    SignedIn,
    /// Partner accounts, each for its own organisation only.
    Partner,
    /// Staff and administrators.
    Staff,
    /// Administrators only.
    Admin,
    /// Volunteer accounts, each for their own placements only.
    Volunteer,
}
use Rule::{Admin, Partner, Public, SignedIn, Staff, Volunteer};

/// Every route's rule: (method, path as routed, rule). `HEAD` follows `GET`.
const RULES: &[(&str, &str, Rule)] = &[
    // Public pages, the sign-in form and assets.
    ("GET", "/", Public),
    ("GET", "/sign-in", Public),
    ("POST", "/sign-in", Public),
    ("POST", "/sign-out", Public),
    ("GET", "/statistics", Public),
    ("GET", "/map", Public),
    ("GET", "/map/places/{id}", Public),
    // "Report a problem": anyone, without an account.
    ("GET", "/map/places/{id}/report", Public),
    ("POST", "/map/places/{id}/report", Public),
    ("GET", "/basemap/style.json", Public),
    ("GET", "/basemap/tiles/{z}/{x}/{y}", Public),
    ("GET", "/assets/{name}", Public),
    // Setting a new password from a reset link (the link is the key).
    ("GET", "/reset-password/{token}", Public),
    ("POST", "/reset-password/{token}", Public),
    // A partner's own page.
    ("GET", "/partner", Partner),
    ("GET", "/partner/contact", Partner),
    ("POST", "/partner/contact", Partner),
    ("GET", "/partner/nominations", Partner),
    ("POST", "/partner/nominations", Partner),
    ("GET", "/partner/nominations/{id}", Partner),
    ("GET", "/console/match", Staff),
    ("GET", "/console/nominations", Staff),
    ("POST", "/console/nominations/{id}", Staff),
    ("GET", "/console/nominations/{id}/file", Staff),
    // Anyone's own account: password, sessions.
    ("GET", "/account", SignedIn),
    ("POST", "/account/password", SignedIn),
    ("POST", "/account/sign-out-everywhere", SignedIn),
    // Administration: accounts, tokens, the audit log, erasure.
    ("GET", "/admin/accounts", Admin),
    ("POST", "/admin/accounts", Admin),
    ("GET", "/admin/accounts/{id}/{action}", Admin),
    ("POST", "/admin/accounts/{id}/{action}", Admin),
    ("GET", "/admin/tokens", Admin),
    ("POST", "/admin/tokens", Admin),
    ("GET", "/admin/tokens/{id}/revoke", Admin),
    ("POST", "/admin/tokens/{id}/revoke", Admin),
    ("GET", "/console/audit", Admin),
    ("POST", "/console/people/{id}/erase", Admin),
    ("GET", "/console/people/{id}/export.json", Staff),
    // Partnerships: the console's programmes, activities, outcomes, links, profiles (partnerships/console.rs).
    ("GET", "/console/partnerships", Staff),
    ("GET", "/console/partnerships/new", Staff),
    ("POST", "/console/partnerships/new", Staff),
    ("GET", "/console/partnerships/{id}", Staff),
    ("GET", "/console/partnerships/{id}/edit", Staff),
    ("POST", "/console/partnerships/{id}/edit", Staff),
    ("GET", "/console/partnerships/{id}/delete", Staff),
    ("POST", "/console/partnerships/{id}/delete", Staff),
    ("POST", "/console/partnerships/{id}/organisations", Staff),
    ("POST", "/console/programme-organisations/{id}/delete", Staff),
    ("POST", "/console/partnerships/{id}/links", Staff),
    ("POST", "/console/outcome-links/{id}/delete", Staff),
    ("POST", "/console/outcomes/{id}/evidence", Staff),
    ("GET", "/console/evidence/{id}", Staff),
    ("POST", "/console/evidence/{id}/delete", Staff),
    ("GET", "/console/partnerships/{id}/activities/new", Staff),
    ("POST", "/console/partnerships/{id}/activities/new", Staff),
    ("GET", "/console/activities/{id}/edit", Staff),
    ("POST", "/console/activities/{id}/edit", Staff),
    ("GET", "/console/activities/{id}/delete", Staff),
    ("POST", "/console/activities/{id}/delete", Staff),
    ("GET", "/console/partnerships/{id}/outcomes/new", Staff),
    ("POST", "/console/partnerships/{id}/outcomes/new", Staff),
    ("GET", "/console/outcomes/{id}/edit", Staff),
    ("POST", "/console/outcomes/{id}/edit", Staff),
    ("GET", "/console/outcomes/{id}/delete", Staff),
    ("POST", "/console/outcomes/{id}/delete", Staff),
    ("GET", "/console/outcomes/unsubstantiated", Staff),
    ("POST", "/console/outcomes/{id}/substantiate", Staff),
    ("GET", "/console/local-links", Staff),
    ("GET", "/console/local-links/new", Staff),
    ("POST", "/console/local-links/new", Staff),
    ("GET", "/console/local-links/{id}/edit", Staff),
    ("POST", "/console/local-links/{id}/edit", Staff),
    ("GET", "/console/local-links/{id}/delete", Staff),
    ("POST", "/console/local-links/{id}/delete", Staff),
    ("GET", "/console/profiles", Staff),
    ("GET", "/console/profiles/organisation/{id}", Staff),
    ("POST", "/console/profiles/organisation/{id}", Staff),
    ("GET", "/console/profiles/locality/{id}", Staff),
    ("POST", "/console/profiles/locality/{id}", Staff),
    ("POST", "/console/offers-needs/{id}/delete", Staff),
    // Partnerships: a partner's outcomes.
    ("GET", "/partner/outcomes", Partner),
    ("POST", "/partner/outcomes", Partner),
    ("GET", "/partner/outcomes/{id}", Partner),
    ("POST", "/partner/outcomes/{id}/evidence", Partner),
    ("GET", "/partner/evidence/{id}", Partner),
    // Ripple graphs, story pages, the local-links map and impact reports (partnerships/ripple.rs).
    ("GET", "/console/ripple", Staff),
    ("GET", "/console/ripple.json", Staff),
    ("GET", "/console/partnerships/{id}/ripple", Staff),
    ("GET", "/console/partnerships/{id}/ripple.json", Staff),
    ("GET", "/stories", Public),
    ("GET", "/programmes/{key}/story", Public),
    ("GET", "/links", Public),
    ("GET", "/console/impact", Staff),
    ("GET", "/console/impact.json", Staff),
    ("GET", "/console/impact.csv", Staff),
    ("GET", "/console/impact.xlsx", Staff),
    ("GET", "/console/partnerships/{id}/impact", Staff),
    ("GET", "/console/partnerships/{id}/impact.json", Staff),
    ("GET", "/console/partnerships/{id}/impact.csv", Staff),
    ("GET", "/console/partnerships/{id}/impact.xlsx", Staff),
    // The matchmaker's page.
    // #13 volunteers: placements, documents, dashboard (pages/volunteers/placements*).
    ("GET", "/console/placements", Staff),
    ("GET", "/console/placements/new", Staff),
    ("POST", "/console/placements/new", Staff),
    ("GET", "/console/placements/{id}", Staff),
    ("GET", "/console/placements/{id}/edit", Staff),
    ("POST", "/console/placements/{id}/edit", Staff),
    ("GET", "/console/placements/{id}/delete", Staff),
    ("POST", "/console/placements/{id}/delete", Staff),
    ("POST", "/console/placements/{id}/documents", Staff),
    ("POST", "/console/placements/{id}/appointments", Staff),
    ("GET", "/console/placement-documents/{id}/file", Staff),
    ("POST", "/console/placement-documents/{id}/file", Staff),
    ("POST", "/console/placement-documents/{id}/delete", Staff),
    ("GET", "/api/v1/placements", Staff),
    ("POST", "/api/v1/placements", Staff),
    ("GET", "/api/v1/placements/{id}", Staff),
    ("PUT", "/api/v1/placements/{id}", Staff),
    ("DELETE", "/api/v1/placements/{id}", Staff),
    ("GET", "/api/v1/placement-documents", Staff),
    ("POST", "/api/v1/placement-documents", Staff),
    ("GET", "/api/v1/placement-documents/{id}", Staff),
    ("PUT", "/api/v1/placement-documents/{id}", Staff),
    ("DELETE", "/api/v1/placement-documents/{id}", Staff),
    // #13 volunteers: the volunteer's own hours and reports, staff review (pages/volunteers/hours*).
    ("GET", "/volunteer", Volunteer),
    ("GET", "/volunteer/hours", Volunteer),
    ("POST", "/volunteer/hours", Volunteer),
    ("GET", "/volunteer/hours/{id}/edit", Volunteer),
    ("POST", "/volunteer/hours/{id}/edit", Volunteer),
    ("POST", "/volunteer/hours/{id}/delete", Volunteer),
    ("GET", "/volunteer/reports", Volunteer),
    ("GET", "/console/hours", Staff),
    ("POST", "/console/hours", Staff),
    ("POST", "/console/hours/{id}/review", Staff),
    ("GET", "/console/hours/report", Staff),
    ("GET", "/console/hours/report.csv", Staff),
    ("GET", "/api/v1/volunteer-entries", Staff),
    ("POST", "/api/v1/volunteer-entries", Staff),
    ("GET", "/api/v1/volunteer-entries/{id}", Staff),
    ("PUT", "/api/v1/volunteer-entries/{id}", Staff),
    ("DELETE", "/api/v1/volunteer-entries/{id}", Staff),
    // #13 exchanges: delegations, dispatches, symposiums, courtesy calls, photos (pages/exchanges/).
    ("GET", "/console/exchanges", Staff),
    ("GET", "/console/delegations", Staff),
    ("GET", "/console/delegations/new", Staff),
    ("POST", "/console/delegations/new", Staff),
    ("GET", "/console/delegations/{id}", Staff),
    ("GET", "/console/delegations/{id}/edit", Staff),
    ("POST", "/console/delegations/{id}/edit", Staff),
    ("GET", "/console/delegations/{id}/delete", Staff),
    ("POST", "/console/delegations/{id}/delete", Staff),
    ("POST", "/console/delegations/{id}/photos", Staff),
    ("GET", "/console/dispatches", Staff),
    ("GET", "/console/dispatches/new", Staff),
    ("POST", "/console/dispatches/new", Staff),
    ("GET", "/console/dispatches/{id}", Staff),
    ("GET", "/console/dispatches/{id}/edit", Staff),
    ("POST", "/console/dispatches/{id}/edit", Staff),
    ("GET", "/console/dispatches/{id}/delete", Staff),
    ("POST", "/console/dispatches/{id}/delete", Staff),
    ("POST", "/console/dispatches/{id}/photos", Staff),
    ("GET", "/console/symposiums", Staff),
    ("GET", "/console/symposiums/new", Staff),
    ("POST", "/console/symposiums/new", Staff),
    ("GET", "/console/symposiums/{id}", Staff),
    ("GET", "/console/symposiums/{id}/edit", Staff),
    ("POST", "/console/symposiums/{id}/edit", Staff),
    ("GET", "/console/symposiums/{id}/delete", Staff),
    ("POST", "/console/symposiums/{id}/delete", Staff),
    ("POST", "/console/symposiums/{id}/photos", Staff),
    ("GET", "/console/courtesy-calls", Staff),
    ("GET", "/console/courtesy-calls/new", Staff),
    ("POST", "/console/courtesy-calls/new", Staff),
    ("GET", "/console/courtesy-calls/{id}", Staff),
    ("GET", "/console/courtesy-calls/{id}/edit", Staff),
    ("POST", "/console/courtesy-calls/{id}/edit", Staff),
    ("GET", "/console/courtesy-calls/{id}/delete", Staff),
    ("POST", "/console/courtesy-calls/{id}/delete", Staff),
    ("POST", "/console/courtesy-calls/{id}/photos", Staff),
    ("POST", "/console/delegations/{id}/members", Staff),
    ("POST", "/console/delegations/{id}/visits", Staff),
    ("POST", "/console/symposiums/{id}/sessions", Staff),
    ("POST", "/console/symposiums/{id}/speakers", Staff),
    ("POST", "/console/symposiums/{id}/regions", Staff),
    ("POST", "/console/delegation-members/{id}/delete", Staff),
    ("POST", "/console/delegation-visits/{id}/delete", Staff),
    ("POST", "/console/symposium-sessions/{id}/delete", Staff),
    ("POST", "/console/symposium-speakers/{id}/delete", Staff),
    ("POST", "/console/symposium-regions/{id}/delete", Staff),
    ("POST", "/console/photos/{id}/delete", Staff),
    // A public photo of a public record to anyone; any other "not found" but to staff.
    ("GET", "/photos/{id}", Public),
    // The exchanges' API collections (api/records.rs).
    ("GET", "/api/v1/delegations", Staff),
    ("POST", "/api/v1/delegations", Staff),
    ("GET", "/api/v1/delegations/{id}", Staff),
    ("PUT", "/api/v1/delegations/{id}", Staff),
    ("DELETE", "/api/v1/delegations/{id}", Staff),
    ("GET", "/api/v1/photos", Staff),
    ("POST", "/api/v1/photos", Staff),
    ("GET", "/api/v1/photos/{id}", Staff),
    ("PUT", "/api/v1/photos/{id}", Staff),
    ("DELETE", "/api/v1/photos/{id}", Staff),
    ("GET", "/api/v1/delegation-members", Staff),
    ("POST", "/api/v1/delegation-members", Staff),
    ("GET", "/api/v1/delegation-members/{id}", Staff),
    ("PUT", "/api/v1/delegation-members/{id}", Staff),
    ("DELETE", "/api/v1/delegation-members/{id}", Staff),
    ("GET", "/api/v1/delegation-visits", Staff),
    ("POST", "/api/v1/delegation-visits", Staff),
    ("GET", "/api/v1/delegation-visits/{id}", Staff),
    ("PUT", "/api/v1/delegation-visits/{id}", Staff),
    ("DELETE", "/api/v1/delegation-visits/{id}", Staff),
    ("GET", "/api/v1/dispatches", Staff),
    ("POST", "/api/v1/dispatches", Staff),
    ("GET", "/api/v1/dispatches/{id}", Staff),
    ("PUT", "/api/v1/dispatches/{id}", Staff),
    ("DELETE", "/api/v1/dispatches/{id}", Staff),
    ("GET", "/api/v1/symposiums", Staff),
    ("POST", "/api/v1/symposiums", Staff),
    ("GET", "/api/v1/symposiums/{id}", Staff),
    ("PUT", "/api/v1/symposiums/{id}", Staff),
    ("DELETE", "/api/v1/symposiums/{id}", Staff),
    ("GET", "/api/v1/symposium-sessions", Staff),
    ("POST", "/api/v1/symposium-sessions", Staff),
    ("GET", "/api/v1/symposium-sessions/{id}", Staff),
    ("PUT", "/api/v1/symposium-sessions/{id}", Staff),
    ("DELETE", "/api/v1/symposium-sessions/{id}", Staff),
    ("GET", "/api/v1/symposium-speakers", Staff),
    ("POST", "/api/v1/symposium-speakers", Staff),
    ("GET", "/api/v1/symposium-speakers/{id}", Staff),
    ("PUT", "/api/v1/symposium-speakers/{id}", Staff),
    ("DELETE", "/api/v1/symposium-speakers/{id}", Staff),
    ("GET", "/api/v1/symposium-regions", Staff),
    ("POST", "/api/v1/symposium-regions", Staff),
    ("GET", "/api/v1/symposium-regions/{id}", Staff),
    ("PUT", "/api/v1/symposium-regions/{id}", Staff),
    ("DELETE", "/api/v1/symposium-regions/{id}", Staff),
    ("GET", "/api/v1/courtesy-calls", Staff),
    ("POST", "/api/v1/courtesy-calls", Staff),
    ("GET", "/api/v1/courtesy-calls/{id}", Staff),
    ("PUT", "/api/v1/courtesy-calls/{id}", Staff),
    ("DELETE", "/api/v1/courtesy-calls/{id}", Staff),
    // #13 calendar: the calendar page and feeds (pages/calendar.rs).
    ("GET", "/calendar", Public),
    ("GET", "/calendar.ics", Public),
    // A private feed's secret is its key, as a reset link's token is.
    ("GET", "/calendar/private/{file}", Public),
    ("GET", "/console/calendar/feeds", Staff),
    ("POST", "/console/calendar/feeds", Staff),
    ("POST", "/console/calendar/feeds/{id}/revoke", Staff),
    // #13 alumni: follow-ups, associations, a person's history (pages/alumni.rs).
    ("GET", "/console/alumni/due", Staff),
    ("GET", "/console/follow-ups/new", Staff),
    ("POST", "/console/follow-ups/new", Staff),
    ("GET", "/console/people/{id}/history", Staff),
    ("GET", "/console/alumni/associations", Staff),
    ("GET", "/console/alumni/associations/{id}", Staff),
    ("GET", "/console/follow-ups/{id}", Staff),
    ("POST", "/console/follow-ups/{id}", Staff),
    ("GET", "/console/follow-ups/{id}/delete", Staff),
    ("POST", "/console/follow-ups/{id}/delete", Staff),
    ("POST", "/console/alumni/associations/{id}/members", Staff),
    ("GET", "/console/alumni/members/{id}/delete", Staff),
    ("POST", "/console/alumni/members/{id}/delete", Staff),
    ("GET", "/api/v1/follow-ups", Staff),
    ("POST", "/api/v1/follow-ups", Staff),
    ("GET", "/api/v1/follow-ups/{id}", Staff),
    ("PUT", "/api/v1/follow-ups/{id}", Staff),
    ("DELETE", "/api/v1/follow-ups/{id}", Staff),
    ("GET", "/api/v1/alumni-associations", Staff),
    ("POST", "/api/v1/alumni-associations", Staff),
    ("GET", "/api/v1/alumni-associations/{id}", Staff),
    ("PUT", "/api/v1/alumni-associations/{id}", Staff),
    ("DELETE", "/api/v1/alumni-associations/{id}", Staff),
    ("GET", "/api/v1/alumni-members", Staff),
    ("POST", "/api/v1/alumni-members", Staff),
    ("GET", "/api/v1/alumni-members/{id}", Staff),
    ("PUT", "/api/v1/alumni-members/{id}", Staff),
    ("DELETE", "/api/v1/alumni-members/{id}", Staff),
    // The staff console.
    ("GET", "/console", Staff),
    ("GET", "/console/statistics", Staff),
    ("GET", "/console/statistics/people", Staff),
    ("GET", "/console/courses", Staff),
    ("GET", "/console/courses/new", Staff),
    ("POST", "/console/courses/new", Staff),
    ("GET", "/console/editions/new", Staff),
    ("POST", "/console/editions/new", Staff),
    ("GET", "/console/editions/{id}", Staff),
    ("GET", "/console/editions/{id}/edit", Staff),
    ("POST", "/console/editions/{id}/edit", Staff),
    ("GET", "/console/sessions/{id}/attendance", Staff),
    ("POST", "/console/sessions/{id}/attendance", Staff),
    ("GET", "/console/trainees", Staff),
    ("GET", "/console/trainees.csv", Admin),
    ("GET", "/console/trainees.xlsx", Admin),
    ("GET", "/console/people/{id}", Staff),
    ("GET", "/console/import", Staff),
    ("POST", "/console/import", Staff),
    ("GET", "/console/import/template.csv", Staff),
    ("GET", "/console/import/template.xlsx", Staff),
    ("GET", "/console/places", Staff),
    ("GET", "/console/places/new", Staff),
    ("POST", "/console/places/new", Staff),
    ("GET", "/console/places/review", Staff),
    ("GET", "/console/places/import", Staff),
    ("POST", "/console/places/import", Staff),
    // A place import's job page and progress: its owner's only (404 for other staff).
    ("GET", "/console/places/import/jobs/{id}", Staff),
    ("GET", "/console/places/import/jobs/{id}/progress", Staff),
    ("GET", "/console/places/{id}/edit", Staff),
    ("POST", "/console/places/{id}/edit", Staff),
    ("POST", "/console/places/{id}/verify", Staff),
    ("GET", "/console/places/{id}/delete", Staff),
    ("POST", "/console/places/{id}/delete", Staff),
    ("GET", "/console/places/reports", Staff),
    ("POST", "/console/places/reports/{id}", Staff),
    // People made, changed, merged and deleted in the console (console/people.rs).
    ("GET", "/console/people", Staff),
    ("GET", "/console/people/new", Staff),
    ("POST", "/console/people/new", Staff),
    ("GET", "/console/people/{id}/edit", Staff),
    ("POST", "/console/people/{id}/edit", Staff),
    ("GET", "/console/people/{id}/merge", Staff),
    ("POST", "/console/people/{id}/merge", Staff),
    ("GET", "/console/people/{id}/delete", Staff),
    ("POST", "/console/people/{id}/delete", Staff),
    // An edition's participations, sessions and awards (console/work.rs).
    ("GET", "/console/editions/{id}/participants/new", Staff),
    ("POST", "/console/editions/{id}/participants/new", Staff),
    ("POST", "/console/participations/{id}/step", Staff),
    ("GET", "/console/participations/{id}/edit", Staff),
    ("POST", "/console/participations/{id}/edit", Staff),
    ("GET", "/console/participations/{id}/delete", Staff),
    ("POST", "/console/participations/{id}/delete", Staff),
    ("GET", "/console/editions/{id}/sessions/new", Staff),
    ("POST", "/console/editions/{id}/sessions/new", Staff),
    ("GET", "/console/sessions/{id}/edit", Staff),
    ("POST", "/console/sessions/{id}/edit", Staff),
    ("GET", "/console/sessions/{id}/delete", Staff),
    ("POST", "/console/sessions/{id}/delete", Staff),
    ("GET", "/console/awards", Staff),
    ("GET", "/console/awards/new", Staff),
    ("POST", "/console/awards/new", Staff),
    ("GET", "/console/awards/{id}/edit", Staff),
    ("POST", "/console/awards/{id}/edit", Staff),
    ("GET", "/console/awards/{id}/delete", Staff),
    ("POST", "/console/awards/{id}/delete", Staff),
    ("GET", "/console/courses/{id}/edit", Staff),
    ("POST", "/console/courses/{id}/edit", Staff),
    ("GET", "/console/courses/{id}/delete", Staff),
    ("POST", "/console/courses/{id}/delete", Staff),
    ("GET", "/console/editions/{id}/delete", Staff),
    ("POST", "/console/editions/{id}/delete", Staff),
    // Printable timetables, lists, sheets and calendars (console/documents.rs).
    ("GET", "/console/editions/{id}/timetable", Staff),
    ("GET", "/console/editions/{id}/timetable.ics", Staff),
    ("GET", "/console/sessions/{id}/participants", Staff),
    ("GET", "/console/sessions/{id}/sheet", Staff),
    // Statistics downloads (training/stats.rs).
    ("GET", "/statistics.csv", Public),
    ("GET", "/statistics.xlsx", Public),
    ("GET", "/console/statistics.csv", Staff),
    ("GET", "/console/statistics.xlsx", Staff),
    ("GET", "/console/statistics/people.csv", Admin),
    ("GET", "/console/statistics/people.xlsx", Admin),
    // The API: its document, health, and the public reads.
    ("GET", "/api/openapi.json", Public),
    ("GET", "/healthz", Public),
    ("GET", "/api/v1/countries", Public),
    ("GET", "/api/v1/reports/trainees", Public),
    ("GET", "/api/v1/places", Public),
    ("GET", "/api/v1/places.geojson", Public),
    ("GET", "/api/v1/places/booklet.pdf", Public),
    ("GET", "/api/v1/places/nearest", Public),
    ("GET", "/api/v1/places/{id}", Public),
    ("GET", "/api/v1/prayer-times", Public),
    ("GET", "/api/v1/qibla", Public),
    // The API for staff.
    ("GET", "/api/v1/places/review", Staff),
    ("POST", "/api/v1/places", Staff),
    ("PUT", "/api/v1/places/{id}", Staff),
    ("DELETE", "/api/v1/places/{id}", Staff),
    ("GET", "/api/v1/exports/places", Staff),
    ("POST", "/api/v1/imports/places", Staff),
    ("GET", "/api/v1/reports/trainees/people", Staff),
    ("GET", "/api/v1/exports/trainees", Admin),
    ("POST", "/api/v1/imports/trainees", Staff),
    ("GET", "/api/v1/templates/trainees", Staff),
    ("GET", "/api/v1/people/{id}/roles", Staff),
    ("GET", "/api/v1/sessions/{id}/attendance", Staff),
    ("PUT", "/api/v1/sessions/{id}/attendance", Staff),
    // Records: list, create, read, change, delete.
    ("GET", "/api/v1/awards", Staff),
    ("POST", "/api/v1/awards", Staff),
    ("GET", "/api/v1/awards/{id}", Staff),
    ("PUT", "/api/v1/awards/{id}", Staff),
    ("DELETE", "/api/v1/awards/{id}", Staff),
    ("GET", "/api/v1/partnerships", Staff),
    ("POST", "/api/v1/partnerships", Staff),
    ("GET", "/api/v1/partnerships/{id}", Staff),
    ("PUT", "/api/v1/partnerships/{id}", Staff),
    ("DELETE", "/api/v1/partnerships/{id}", Staff),
    ("GET", "/api/v1/programme-organisations", Staff),
    ("POST", "/api/v1/programme-organisations", Staff),
    ("GET", "/api/v1/programme-organisations/{id}", Staff),
    ("PUT", "/api/v1/programme-organisations/{id}", Staff),
    ("DELETE", "/api/v1/programme-organisations/{id}", Staff),
    ("GET", "/api/v1/activities", Staff),
    ("POST", "/api/v1/activities", Staff),
    ("GET", "/api/v1/activities/{id}", Staff),
    ("PUT", "/api/v1/activities/{id}", Staff),
    ("DELETE", "/api/v1/activities/{id}", Staff),
    ("GET", "/api/v1/outcomes", Staff),
    ("POST", "/api/v1/outcomes", Staff),
    ("GET", "/api/v1/outcomes/{id}", Staff),
    ("PUT", "/api/v1/outcomes/{id}", Staff),
    ("DELETE", "/api/v1/outcomes/{id}", Staff),
    ("GET", "/api/v1/outcome-links", Staff),
    ("POST", "/api/v1/outcome-links", Staff),
    ("GET", "/api/v1/outcome-links/{id}", Staff),
    ("PUT", "/api/v1/outcome-links/{id}", Staff),
    ("DELETE", "/api/v1/outcome-links/{id}", Staff),
    ("GET", "/api/v1/local-links", Staff),
    ("POST", "/api/v1/local-links", Staff),
    ("GET", "/api/v1/local-links/{id}", Staff),
    ("PUT", "/api/v1/local-links/{id}", Staff),
    ("DELETE", "/api/v1/local-links/{id}", Staff),
    ("GET", "/api/v1/offers-needs", Staff),
    ("POST", "/api/v1/offers-needs", Staff),
    ("GET", "/api/v1/offers-needs/{id}", Staff),
    ("PUT", "/api/v1/offers-needs/{id}", Staff),
    ("DELETE", "/api/v1/offers-needs/{id}", Staff),
    ("GET", "/api/v1/editions", Staff),
    ("POST", "/api/v1/editions", Staff),
    ("GET", "/api/v1/editions/{id}", Staff),
    ("PUT", "/api/v1/editions/{id}", Staff),
    ("DELETE", "/api/v1/editions/{id}", Staff),
    ("GET", "/api/v1/localities", Staff),
    ("POST", "/api/v1/localities", Staff),
    ("GET", "/api/v1/localities/{id}", Staff),
    ("PUT", "/api/v1/localities/{id}", Staff),
    ("DELETE", "/api/v1/localities/{id}", Staff),
    ("GET", "/api/v1/organisations", Staff),
    ("POST", "/api/v1/organisations", Staff),
    ("GET", "/api/v1/organisations/{id}", Staff),
    ("PUT", "/api/v1/organisations/{id}", Staff),
    ("DELETE", "/api/v1/organisations/{id}", Staff),
    ("GET", "/api/v1/participations", Staff),
    ("POST", "/api/v1/participations", Staff),
    ("GET", "/api/v1/participations/{id}", Staff),
    ("PUT", "/api/v1/participations/{id}", Staff),
    ("DELETE", "/api/v1/participations/{id}", Staff),
    ("GET", "/api/v1/people", Staff),
    ("POST", "/api/v1/people", Staff),
    ("GET", "/api/v1/people/{id}", Staff),
    ("PUT", "/api/v1/people/{id}", Staff),
    ("DELETE", "/api/v1/people/{id}", Staff),
    ("GET", "/api/v1/programmes", Staff),
    ("POST", "/api/v1/programmes", Staff),
    ("GET", "/api/v1/programmes/{id}", Staff),
    ("PUT", "/api/v1/programmes/{id}", Staff),
    ("DELETE", "/api/v1/programmes/{id}", Staff),
    ("GET", "/api/v1/sessions", Staff),
    ("POST", "/api/v1/sessions", Staff),
    ("GET", "/api/v1/sessions/{id}", Staff),
    ("PUT", "/api/v1/sessions/{id}", Staff),
    ("DELETE", "/api/v1/sessions/{id}", Staff),
    // #15 tourism: fairs, campaigns, leads, trainings' links, visitor flows (pages/tourism/, api/tourism.rs).
    ("GET", "/console/tourism", Staff),
    // Completion certificates: staff issue, download and revoke; anyone
    // checks a number, and fetches the credential and its status list.
    ("GET", "/console/editions/{id}/certificates", Staff),
    ("POST", "/console/editions/{id}/certificates", Staff),
    ("GET", "/console/certificates/{number}/pdf", Staff),
    ("GET", "/console/certificates/{number}/revoke", Staff),
    ("POST", "/console/certificates/{number}/revoke", Staff),
    ("GET", "/verify", Public),
    ("GET", "/verify/{number}", Public),
    ("GET", "/verify/{number}/credential", Public),
    ("GET", "/verify/{number}/status", Public),
    ("GET", "/console/tourism/itinerary", Staff),
    ("GET", "/console/tourism/itinerary.ics", Staff),
    ("GET", "/console/tourism/itinerary.json", Staff),
    ("GET", "/console/tourism/itinerary.pdf", Staff),
    ("GET", "/console/tourism/fairs/new", Staff),
    ("POST", "/console/tourism/fairs/new", Staff),
    ("GET", "/console/tourism/fairs/{id}", Staff),
    ("GET", "/console/tourism/fairs/{id}/edit", Staff),
    ("POST", "/console/tourism/fairs/{id}/edit", Staff),
    ("GET", "/console/tourism/fairs/{id}/delete", Staff),
    ("POST", "/console/tourism/fairs/{id}/delete", Staff),
    ("GET", "/console/tourism/campaigns/new", Staff),
    ("POST", "/console/tourism/campaigns/new", Staff),
    ("GET", "/console/tourism/campaigns/{id}", Staff),
    ("GET", "/console/tourism/campaigns/{id}/edit", Staff),
    ("POST", "/console/tourism/campaigns/{id}/edit", Staff),
    ("GET", "/console/tourism/campaigns/{id}/delete", Staff),
    ("POST", "/console/tourism/campaigns/{id}/delete", Staff),
    ("GET", "/console/tourism/leads/new", Staff),
    ("POST", "/console/tourism/leads/new", Staff),
    ("GET", "/console/tourism/leads/{id}", Staff),
    ("GET", "/console/tourism/leads/{id}/edit", Staff),
    ("POST", "/console/tourism/leads/{id}/edit", Staff),
    ("GET", "/console/tourism/leads/{id}/delete", Staff),
    ("POST", "/console/tourism/leads/{id}/delete", Staff),
    ("GET", "/console/tourism/trainings/new", Staff),
    ("POST", "/console/tourism/trainings/new", Staff),
    ("GET", "/console/tourism/trainings/{id}", Staff),
    ("GET", "/console/tourism/trainings/{id}/edit", Staff),
    ("POST", "/console/tourism/trainings/{id}/edit", Staff),
    ("GET", "/console/tourism/trainings/{id}/delete", Staff),
    ("POST", "/console/tourism/trainings/{id}/delete", Staff),
    ("GET", "/console/tourism/flows", Staff),
    ("POST", "/console/tourism/flows/import", Staff),
    ("GET", "/console/tourism/flows/download", Staff),
    // #15 item 5: the annual report and its downloads (pages/reports.rs).
    ("GET", "/console/reports/annual", Staff),
    ("GET", "/console/reports/annual.html", Staff),
    ("GET", "/console/reports/annual.pdf", Staff),
    ("GET", "/console/reports/annual.json", Staff),
    ("GET", "/api/v1/tourism/fairs", Staff),
    ("POST", "/api/v1/tourism/fairs", Staff),
    ("GET", "/api/v1/tourism/fairs/{id}", Staff),
    ("PUT", "/api/v1/tourism/fairs/{id}", Staff),
    ("DELETE", "/api/v1/tourism/fairs/{id}", Staff),
    ("GET", "/api/v1/tourism/leads", Staff),
    ("POST", "/api/v1/tourism/leads", Staff),
    ("GET", "/api/v1/tourism/leads/{id}", Staff),
    ("PUT", "/api/v1/tourism/leads/{id}", Staff),
    ("DELETE", "/api/v1/tourism/leads/{id}", Staff),
    ("GET", "/api/v1/tourism/campaigns", Staff),
    ("POST", "/api/v1/tourism/campaigns", Staff),
    ("GET", "/api/v1/tourism/campaigns/{id}", Staff),
    ("PUT", "/api/v1/tourism/campaigns/{id}", Staff),
    ("DELETE", "/api/v1/tourism/campaigns/{id}", Staff),
    ("GET", "/api/v1/tourism/trainings", Staff),
    ("POST", "/api/v1/tourism/trainings", Staff),
    ("GET", "/api/v1/tourism/trainings/{id}", Staff),
    ("PUT", "/api/v1/tourism/trainings/{id}", Staff),
    ("DELETE", "/api/v1/tourism/trainings/{id}", Staff),
    ("GET", "/api/v1/tourism/flows", Staff),
    ("POST", "/api/v1/tourism/flows/import", Staff),
    // #15 item 7: the annual report, itineraries and certificates in the API.
    ("GET", "/api/v1/reports/annual", Staff),
    ("POST", "/api/v1/tourism/itineraries/plan", Staff),
    ("GET", "/api/v1/editions/{id}/certificates", Staff),
    ("POST", "/api/v1/editions/{id}/certificates", Staff),
    ("POST", "/api/v1/certificates/{number}/revoke", Staff),
    // #16 search: the console's results page (staff); the portal's search and the
    // API's (anyone: what is found depends on who asks, see tests/search_pages.rs).
    ("GET", "/console/search", Staff),
    ("GET", "/search", Public),
    ("GET", "/api/v1/search", Public),
];

/// Methods asked of a page path to learn which it takes (from the 405's
/// `Allow` header, as the router answers).
const PROBE: &str = "PATCH";

/// Every (method, path) the router serves: the pages' table, each path's
/// methods as the router's 405 lists them, and the API document's
/// operations.
async fn routed(t: &TestApp) -> BTreeSet<(String, String)> {
    let mut all = BTreeSet::new();
    let mut b = t.browser();
    for path in kizuna_web::page_paths() {
        let uri = concrete(path, &Ids::none());
        let a = b.send(Request::builder().method(PROBE).uri(&uri), Body::empty()).await;
        assert_eq!(
            a.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{PROBE} {uri}: no page takes {PROBE}"
        );
        let allow = a.header("allow").to_owned();
        assert!(!allow.is_empty(), "{uri}: a 405 without Allow");
        for m in allow.split(',').map(str::trim).filter(|m| *m != "HEAD") {
            all.insert((m.to_owned(), path.to_owned()));
        }
    }
    let doc = kizuna_web::openapi_document();
    for (path, ops) in doc["paths"].as_object().expect("paths") {
        for method in ops.as_object().expect("operations").keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                all.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    all
}

#[tokio::test]
async fn every_route_has_a_declared_rule() {
    let t = TestApp::empty(Backend::Sqlite).await;
    let routed = routed(&t).await;
    let declared: BTreeSet<(String, String)> = RULES
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(declared.len(), RULES.len(), "a route declared twice in RULES");
    let undeclared: Vec<_> = routed.difference(&declared).collect();
    assert!(
        undeclared.is_empty(),
        "routes without a rule (declare each in RULES, tests/access.rs): {undeclared:?}"
    );
    let gone: Vec<_> = declared.difference(&routed).collect();
    assert!(gone.is_empty(), "rules for routes the router does not have: {gone:?}");
}

/// The kinds of caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// A partner of the demo's Thai planning agency.
    PartnerA,
    /// A partner of the demo's Malaysian planning agency.
    PartnerB,
    Staff,
    Admin,
    /// A staff member's API token (read and write).
    StaffToken,
    /// A staff member's read-only token.
    ReadToken,
    /// A staff member's token, revoked.
    RevokedToken,
    /// A staff member's token, past its expiry.
    ExpiredToken,
    /// A token nobody was given.
    WrongToken,
    /// The demo's Friends From Thailand volunteer, signed in.
    Volunteer,
}

const CALLERS: [Caller; 11] = [
    Caller::Anonymous,
    Caller::PartnerA,
    Caller::PartnerB,
    Caller::Staff,
    Caller::Admin,
    Caller::StaffToken,
    Caller::ReadToken,
    Caller::RevokedToken,
    Caller::ExpiredToken,
    Caller::WrongToken,
    Caller::Volunteer,
];

/// What a caller should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Let in: the route's own answer, whatever the input makes it (a
    /// page, a 400 for a missing field, a 404, a 409…).
    In,
    /// Refused: 401 or 403, or a page's redirect to sign in.
    Out,
}

fn expected(rule: Rule, caller: Caller, method: &str) -> Outcome {
    use Caller::{
        Admin as A, Anonymous, ExpiredToken, PartnerA, PartnerB, ReadToken, RevokedToken, Staff as S, StaffToken,
        WrongToken,
    };
    let partner = matches!(caller, PartnerA | PartnerB);
    // A token acts for its account; a read-only one only to read; a
    // revoked, expired or unknown one is no one.
    let as_caller = match caller {
        StaffToken => S,
        ReadToken if method == "GET" => S,
        ReadToken | RevokedToken | ExpiredToken | WrongToken => Anonymous,
        c => c,
    };
    let signed_in = !matches!(as_caller, Anonymous);
    let ok = match rule {
        Public => true,
        SignedIn => signed_in,
        Partner => partner,
        Staff => matches!(as_caller, S | A),
        Admin => as_caller == A,
        Volunteer => as_caller == Caller::Volunteer,
    };
    if ok { Outcome::In } else { Outcome::Out }
}

/// Ids of demo records, to fill a path's `{id}`.
struct Ids(BTreeMap<&'static str, i64>);

impl Ids {
    fn none() -> Self {
        Ids(BTreeMap::new())
    }

    async fn of_demo(t: &TestApp) -> Self {
        let mut api = t.api().await;
        let mut ids = BTreeMap::new();
        for collection in [
            "awards",
            "editions",
            "localities",
            "organisations",
            "participations",
            "people",
            "programmes",
            "sessions",
            "places",
        ] {
            let list = api
                .get(&format!("/api/v1/{collection}?limit=1"))
                .await
                .expect(StatusCode::OK)
                .json();
            let id = list["items"][0]["id"]
                .as_i64()
                .unwrap_or_else(|| panic!("the demo has {collection}: {list}"));
            ids.insert(collection, id);
        }
        Ids(ids)
    }

    fn with(mut self, collection: &'static str, id: i64) -> Self {
        self.0.insert(collection, id);
        self
    }
}

/// A routed path with its parameters filled: `{id}` by the record of the
/// collection before it, `{name}` by an asset.
fn concrete(path: &str, ids: &Ids) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        out.push(match *part {
            "{id}" => {
                let collection = parts[i - 1];
                ids.0
                    .get(collection)
                    .map_or_else(|| "1".to_owned(), ToString::to_string)
            }
            "{name}" => "app.css".to_owned(),
            "{action}" => "disable".to_owned(),
            "{token}" => "0".repeat(64),
            p => p.to_owned(),
        });
    }
    out.join("/")
}

/// Whether a route removes something later requests need: a record, an
/// account, a token, or the caller's session.
fn removes(method: &str, path: &str) -> bool {
    method == "DELETE"
        || (method == "POST"
            && (path.ends_with("/delete")
                || path.ends_with("/erase")
                || path.ends_with("/revoke")
                || path.starts_with("/admin/accounts/")
                || path == "/sign-out"
                || path == "/account/sign-out-everywhere"))
}

/// Whether a route ends sessions (the caller's, or all of its account's):
/// asked after every other.
fn ends_sessions(path: &str) -> bool {
    path == "/sign-out" || path == "/account/sign-out-everywhere"
}

/// Whether an answer lets the caller in.
fn outcome(path: &str, a: &Answer) -> Outcome {
    match a.status {
        // A sign-in with wrong details is the form's own answer.
        StatusCode::UNAUTHORIZED if path == "/sign-in" => Outcome::In,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Outcome::Out,
        // A refusal sends a browser to sign in and back (`?next=`); signing
        // out ends at the sign-in page with no way back.
        s if s.is_redirection() && a.location().starts_with("/sign-in?next=") => Outcome::Out,
        _ => Outcome::In,
    }
}

const PARTNER_B: &str = "partner-b@example.org";
/// The demo's first volunteer's account.
const VOLUNTEER: &str = "volunteer@example.org";

/// An account for the person of the demo's first placement, and an
/// entry of theirs, pending (the id of the volunteer's hours routes).
async fn demo_volunteer(t: &TestApp) -> i64 {
    use kizuna_app::volunteers::hours::{HoursActor, NewHours};
    use kizuna_domain::volunteers::placement::Placement;
    let placement = t
        .app
        .store
        .select::<Placement>(&[], kizuna_store::Page::ALL)
        .await
        .expect("placements")
        .into_iter()
        .next()
        .expect("the demo has a placement");
    let (user, _) = t
        .app
        .add_account(
            VOLUNTEER,
            Role::Volunteer,
            None,
            Some(placement.fields.person_id),
            Some(PASSWORD),
        )
        .await
        .expect("a volunteer account");
    let entry = t
        .app
        .log_hours(
            HoursActor::of(&user).expect("a volunteer acts on hours"),
            NewHours {
                placement_id: placement.id,
                worked_on: t.app.today(),
                hours: kizuna_domain::volunteers::hours::Hours::parse("2").expect("2 hours"),
                activity: "Visitor desk".parse().expect("an activity"),
                report: None,
                check_in: false,
            },
        )
        .await
        .expect("logged")
        .expect("their own placement");
    entry.id
}
/// An account and a token the administrators' routes act on.
const VICTIM: &str = "victim@example.org";

/// The tokens of the kinds of caller that hold one.
struct Tokens {
    read: String,
    revoked: String,
    expired: String,
    /// A token for the revoking route to revoke.
    victim_id: i64,
}

impl Tokens {
    /// Made before the clock moves two days on: the expired token (one
    /// day) lapses, sessions opened afterwards do not.
    async fn make(t: &TestApp) -> Self {
        let token = |scope, days, name: &'static str| async move {
            t.app
                .create_scoped_token(STAFF, name, scope, days)
                .await
                .expect("a token")
        };
        let read = token(TokenScope::Read, Some(90), "read").await.token;
        let revoked = token(TokenScope::Write, Some(90), "revoked").await;
        t.app.revoke_token(revoked.id).await.expect("revoked");
        let expired = token(TokenScope::Write, Some(1), "expired").await.token;
        let victim = token(TokenScope::Write, Some(90), "victim").await;
        t.clock.advance(chrono::Duration::days(2));
        Tokens {
            read,
            revoked: revoked.token,
            expired,
            victim_id: victim.id,
        }
    }
}

async fn browser_for(t: &TestApp, tokens: &Tokens, caller: Caller) -> Browser {
    match caller {
        Caller::Anonymous => t.browser(),
        Caller::PartnerA => t.partner().await,
        Caller::PartnerB => signed_in(t, PARTNER_B).await,
        Caller::Staff => t.staff().await,
        Caller::Admin => t.admin().await,
        Caller::StaffToken => t.api().await,
        Caller::ReadToken => t.browser().with_token(&tokens.read),
        Caller::RevokedToken => t.browser().with_token(&tokens.revoked),
        Caller::ExpiredToken => t.browser().with_token(&tokens.expired),
        Caller::WrongToken => t.browser().with_token(&"7".repeat(64)),
        Caller::Volunteer => signed_in(t, VOLUNTEER).await,
    }
}

async fn signed_in(t: &TestApp, email: &str) -> Browser {
    let mut b = t.browser();
    b.sign_in(email, PASSWORD).await;
    b
}

/// One request as a caller would make it: forms with the caller's CSRF
/// token, API writes with JSON and the session's `X-CSRF-Token`.
async fn ask(b: &mut Browser, method: &str, uri: &str) -> Answer {
    let api = uri.starts_with("/api/") || uri == "/healthz";
    if method == "GET" {
        return b.get(uri).await;
    }
    if !api {
        if b.cookie("kizuna_csrf").is_none() {
            b.get("/").await;
        }
        let csrf = b.csrf();
        if uri.ends_with("/import") {
            // Upload forms are multipart, with an empty file.
            return b
                .post_multipart(uri, &[("csrf", csrf.as_str())], Some(("empty.csv", b"")))
                .await;
        }
        return b.post_form(uri, &[("csrf", csrf.as_str())]).await;
    }
    let mut req = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).expect("a method"))
        .uri(uri)
        .header("content-type", "application/json")
        .header("if-match", "\"1\"");
    if let Some(csrf) = b.cookie("kizuna_csrf") {
        req = req.header("x-csrf-token", csrf.to_owned());
    }
    b.send(req, Body::from("{}")).await
}

async fn every_route_answers_every_caller_as_its_rule_says(backend: Backend) {
    let t = TestApp::demo(backend).await;
    t.app
        .add_user(PARTNER_B, Role::Partner, Some("demo/rda-my"), Some(PASSWORD))
        .await
        .expect("a partner of another organisation");
    let (victim, _) = t
        .app
        .add_user(VICTIM, Role::Staff, None, Some(PASSWORD))
        .await
        .expect("an account to act on");
    let tokens = Tokens::make(&t).await;
    let entry = demo_volunteer(&t).await;
    let ids = Ids::of_demo(&t)
        .await
        .with("hours", entry)
        .with("accounts", victim.id)
        .with("tokens", tokens.victim_id);
    let mut callers = Vec::new();
    for caller in CALLERS {
        callers.push((caller, browser_for(&t, &tokens, caller).await));
    }
    let mut wrong = Vec::new();
    let mut asked = 0;
    // Routes that remove what later requests need (records, the session)
    // come last, and of each of those the callers to be refused are asked
    // first, while the record is still there.
    let mut rules: Vec<_> = RULES.to_vec();
    rules.sort_by_key(|(m, p, _)| (removes(m, p), ends_sessions(p), *p == "/sign-out"));
    for (method, path, rule) in &rules {
        let uri = concrete(path, &ids);
        callers.sort_by_key(|(c, _)| expected(*rule, *c, method) == Outcome::In);
        for (caller, b) in &mut callers {
            let want = expected(*rule, *caller, method);
            let a = ask(b, method, &uri).await;
            asked += 1;
            let got = outcome(path, &a);
            if got != want {
                wrong.push(format!(
                    "{caller:?} {method} {uri} ({rule:?}): {} {}, wanted {want:?}",
                    a.status,
                    a.location()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {asked} answers break their rule:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(asked, RULES.len() * CALLERS.len());
    // Partners see their own organisation only.
    let a = browser_for(&t, &tokens, Caller::PartnerA).await.page("/partner").await;
    let b = browser_for(&t, &tokens, Caller::PartnerB).await.page("/partner").await;
    let (th, my) = (
        "Regional Development Agency of Thailand",
        "Regional Development Agency of Malaysia",
    );
    assert!(a.text().contains(th) && !a.text().contains(my), "{}", a.text());
    assert!(b.text().contains(my) && !b.text().contains(th), "{}", b.text());
}

kizuna_testkit::on_both!(every_route_answers_every_caller_as_its_rule_says);
