//! The integration tests of `kizuna-web`, one binary with a module per
//! subject: a binary per file would link the whole dependency tree again
//! for each. nextest still runs each test in a process of its own.

mod access;
mod admin;
mod alumni_console;
mod alumni_console_edit;
mod annual_report_page;
mod api;
mod calendar_feeds;
mod calendar_month_feed;
mod certificates_pages;
mod console;
mod console_demo_native_names;
mod console_documents;
mod console_people;
mod console_places;
mod console_work;
mod evidence;
mod exchanges_pages;
mod hours_console;
mod ical_readers;
mod itinerary_page;
mod languages;
mod map;
mod matchmaker_page;
mod partner;
mod partnerships_console;
mod photos_api;
mod place_reports;
mod places_api;
mod places_fields_gzip;
mod ripple;
mod search_pages;
mod security;
mod stats;
mod stats_downloads;
mod tourism_pages;
mod volunteer_hours_api;
