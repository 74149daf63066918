//! The staff console through the router (no sockets), with the demo
//! dataset on SQLite and PostgreSQL: who may use it, the course and edition
//! pages and their forms with field-level messages, attendance, the trainee
//! list and person pages, imports, and the four languages.

use std::collections::BTreeMap;

use kizuna_app::App;
use kizuna_domain::common::person::Person;
use kizuna_domain::training::edition::Edition;
use kizuna_store::Page as Paging;
use kizuna_testkit::{El, Page};

mod access;
mod audit;
mod editions;
mod import;
mod languages;
mod trainees;

use access::{anonymous_visitors_are_sent_to_sign_in, forms_without_the_token_are_refused, partners_are_refused};
use audit::{
    a_person_downloads_and_erasure_is_for_administrators, account_changes_are_logged_and_read_in_every_language,
    audit_entries_hold_no_personal_data_or_secret, the_audit_page_is_for_administrators,
    writes_views_and_exports_are_logged_with_their_actor,
};
use editions::{
    an_invalid_edition_shows_each_message_beside_its_field, attendance_is_marked_and_kept, dashboard_and_courses,
    the_fy2007_edition_shows_its_people_and_timetable,
};
use import::{a_shift_jis_file_is_read_and_another_encoding_refused_by_name, an_import_is_previewed_then_confirmed};
use languages::other_languages_show_no_english_console_strings;
use trainees::{a_person_page_lists_every_role, the_trainee_list_pages_filters_and_downloads};

kizuna_testkit::on_both!(
    anonymous_visitors_are_sent_to_sign_in,
    partners_are_refused,
    forms_without_the_token_are_refused,
    dashboard_and_courses,
    the_fy2007_edition_shows_its_people_and_timetable,
    attendance_is_marked_and_kept,
    an_invalid_edition_shows_each_message_beside_its_field,
    the_trainee_list_pages_filters_and_downloads,
    a_person_page_lists_every_role,
    an_import_is_previewed_then_confirmed,
    a_shift_jis_file_is_read_and_another_encoding_refused_by_name,
    other_languages_show_no_english_console_strings,
    writes_views_and_exports_are_logged_with_their_actor,
    account_changes_are_logged_and_read_in_every_language,
    the_audit_page_is_for_administrators,
    a_person_downloads_and_erasure_is_for_administrators,
    audit_entries_hold_no_personal_data_or_secret,
);

async fn edition_by_key(app: &App, key: &str) -> Edition {
    app.by_key::<Edition>(key).await.expect("the edition exists")
}

async fn people_total(app: &App) -> i64 {
    app.list::<Person>(&BTreeMap::new(), Paging { limit: 1, offset: 0 })
        .await
        .expect("people")
        .1
}

/// A list filter on one field.
fn one(name: &str, value: impl ToString) -> BTreeMap<String, String> {
    [(name.to_owned(), value.to_string())].into_iter().collect()
}

/// A form's field as laid out: the block (`div` or `fieldset`) directly in
/// a form that holds the control `#f-<name>`, its hint and its message.
#[track_caller]
fn field(page: &Page, name: &str) -> El {
    let id = format!("#f-{name}");
    let mut blocks: Vec<El> = page
        .select("form > div, form > fieldset")
        .into_iter()
        .filter(|b| b.has(&id))
        .collect();
    assert_eq!(blocks.len(), 1, "{} blocks hold {id}", blocks.len());
    blocks.remove(0)
}

/// The body rows of a table, as their cells' visible texts.
fn rows(page: &Page, table: &str) -> Vec<Vec<String>> {
    page.select(&format!("{table} > tbody > tr"))
        .into_iter()
        .map(|tr| tr.select("th, td").into_iter().map(|c| c.text).collect())
        .collect()
}

/// A CSV file of trainees in the import format, with these rows.
fn trainee_csv(rows: &[&str]) -> Vec<u8> {
    let header: Vec<&str> = kizuna_app::training::transfer::TRAINEE_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect();
    let mut out = header.join(",");
    for r in rows {
        out.push('\n');
        out.push_str(r);
    }
    out.push('\n');
    out.into_bytes()
}
