//! The integration tests of `kizuna`, one binary with a module per
//! subject: a binary per file would link the whole dependency tree again
//! for each. nextest still runs each test in a process of its own.

#[path = "../common/mod.rs"]
mod common;
#[path = "../../../kizuna-io/tests/iati_support/mod.rs"]
mod iati_support;
#[path = "../run/mod.rs"]
mod run;

mod alumni;
mod basemap;
mod bench;
mod bench_all;
mod bench_search;
mod bench_stats;
mod booklet_fonts;
mod certificates;
mod cli;
mod durability;
mod exchanges;
mod export_all;
mod generate;
mod holidays;
mod hours_report;
mod iati;
mod itinerary;
mod log_canary;
mod matchmaker;
mod newcomer;
mod osm_extract;
mod outcomes;
mod places;
mod replica;
mod report_annual;
mod search_offline;
mod search_start;
mod serve_limits;
mod sign_in_address;
mod tourism;
mod volunteers;
