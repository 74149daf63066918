//! The staff pages of the Muslim-friendly map through the router (no
//! sockets), on SQLite and PostgreSQL with the demo dataset and the clock
//! stopped at noon in Japan on 2026-11-23: the list, the form and its field
//! messages, verifying, deleting, the review lists, imports with a preview,
//! who may use them, and the four languages.

mod access;
mod form;
mod import;
mod languages;
mod list;
mod review;

use chrono::NaiveDate;
use kizuna_app::App;
use kizuna_app::map::PlaceFilter;
use kizuna_domain::map::place::{Place, PlaceFields};
use kizuna_testkit::Page;

use access::{anonymous_visitors_sign_in_and_partners_are_refused, forms_without_the_token_are_refused};
use form::{
    a_new_place_shows_each_problem_beside_its_field_then_is_saved,
    a_place_is_changed_and_imported_sources_stay_as_they_are,
};
use import::{
    a_large_import_runs_in_the_background_and_its_page_follows_it,
    an_import_is_previewed_with_its_rejected_records_then_confirmed,
    an_openstreetmap_preview_lists_the_objects_left_out_and_the_values_changed,
    an_openstreetmap_preview_says_how_many_objects_are_left_out,
};
use languages::other_languages_show_no_english_strings;
use list::the_list_searches_filters_and_pages;
use review::{
    a_place_is_deleted_after_a_confirmation, the_review_lists_ending_and_ended_certificates_and_stale_places,
    verifying_a_stale_place_takes_it_off_the_stale_list,
};

kizuna_testkit::on_both!(
    anonymous_visitors_sign_in_and_partners_are_refused,
    forms_without_the_token_are_refused,
    the_list_searches_filters_and_pages,
    a_new_place_shows_each_problem_beside_its_field_then_is_saved,
    a_place_is_changed_and_imported_sources_stay_as_they_are,
    verifying_a_stale_place_takes_it_off_the_stale_list,
    a_place_is_deleted_after_a_confirmation,
    the_review_lists_ending_and_ended_certificates_and_stale_places,
    an_import_is_previewed_with_its_rejected_records_then_confirmed,
    a_large_import_runs_in_the_background_and_its_page_follows_it,
    an_openstreetmap_preview_says_how_many_objects_are_left_out,
    an_openstreetmap_preview_lists_the_objects_left_out_and_the_values_changed,
    other_languages_show_no_english_strings,
);

/// How many places the map holds.
async fn places_total(app: &App) -> usize {
    app.all_places(&PlaceFilter::default()).await.expect("places").len()
}

/// The place imported (or made by the demo) with this source id.
async fn place_by_source_id(app: &App, id: &str) -> Place {
    app.all_places(&PlaceFilter::default())
        .await
        .expect("places")
        .into_iter()
        .find(|h| h.place.fields.source.id().as_str() == id)
        .map(|h| h.place.into_place())
        .unwrap_or_else(|| panic!("no place {id}"))
}

/// A certified restaurant whose certificate ends on `until`.
fn cert_place(name: &str, until: NaiveDate) -> PlaceFields {
    PlaceFields {
        name_en: Some(name.into()),
        category: Some("restaurant".into()),
        lat: Some(43.06),
        lon: Some(141.35),
        assurance: Some("certified".into()),
        certifier: Some("Test Halal Board (demo)".into()),
        certificate_number: Some("THB-0001".into()),
        certificate_valid_from: Some("2025-12-01".into()),
        certificate_valid_until: Some(until.to_string()),
        last_verified: Some("2026-10-01".into()),
        ..Default::default()
    }
}

/// The ids of the rows of a table whose rows are `<tr id="PREFIX-ID">`, in order.
fn row_ids(page: &Page, table: &str, prefix: &str) -> Vec<i64> {
    page.select(&format!("table#{table} tbody tr"))
        .iter()
        .map(|tr| {
            tr.attr("id")
                .and_then(|id| id.strip_prefix(prefix))
                .and_then(|id| id.strip_prefix('-'))
                .and_then(|id| id.parse().ok())
                .unwrap_or_else(|| panic!("a row of #{table} without its id: {}", tr.html))
        })
        .collect()
}

/// The value the form `css` on `page` would send for `name`.
fn field(page: &Page, css: &str, name: &str) -> Option<String> {
    page.form(css).into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// How many "Stale" badges the page shows.
fn stale_badges(page: &Page) -> usize {
    page.select(".badge.warn").iter().filter(|b| b.text == "Stale").count()
}

fn feature(id: &str, name: &str, category: &str, lon: f64, lat: f64) -> String {
    format!(
        r#"{{"type":"Feature","id":"{id}","geometry":{{"type":"Point","coordinates":[{lon},{lat}]}},"properties":{{"name_en":"{name}","category":"{category}","assurance":"self_declared","last_verified":"2026-11-01"}}}}"#
    )
}

fn collection(features: &[String]) -> Vec<u8> {
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(",")).into_bytes()
}
