//! The integration tests of `kizuna-app`, one binary with a module per
//! subject: a binary per file would link the whole dependency tree again
//! for each. nextest still runs each test in a process of its own.

mod alumni;
mod annual_report;
mod audit;
mod booklet;
mod certificates;
mod demo_native_names;
mod demo_volunteer;
mod exchanges;
mod itinerary;
mod itinerary_region;
mod one_transaction;
mod partnerships;
mod password_pool;
mod place_details;
mod place_files;
mod place_import_keys;
mod place_index;
mod place_lists;
mod place_records;
mod place_stream;
mod placements;
mod places;
mod round_trip;
mod search;
mod search_catch_up;
mod search_recall;
mod sign_in_limits;
mod story;
mod tourism;
mod volunteer_hours;
mod volunteer_privacy;
