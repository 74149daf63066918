//! Attacks on sign-in, sessions and responses (issue #10), each a test,
//! through the router on both SQLite and PostgreSQL:
//!
//! - [`redirect`]: hostile `next` values after a real sign-in end at a
//!   same-origin page, never a 500.

mod redirect;

use redirect::hostile_next_values_stay_on_this_site;

kizuna_testkit::on_both!(hostile_next_values_stay_on_this_site);
