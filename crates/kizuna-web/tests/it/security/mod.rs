//! Attacks on sign-in, sessions and responses (issue #10), each a test,
//! through the router on both SQLite and PostgreSQL:
//!
//! - [`redirect`]: hostile `next` values after a real sign-in end at a
//!   same-origin page, never a 500;
//! - [`headers`]: `Cache-Control: no-store` on personal responses, HSTS
//!   over TLS only, `/healthz` details for staff only, the places review
//!   API for staff only;
//! - [`csrf`]: form tokens bound to their session;
//! - [`passwords`]: guessable new passwords refused, saying why;
//! - [`limits`]: too many failed sign-ins answered 429 with `Retry-After`.

mod csrf;
mod headers;
mod limits;
mod passwords;
mod redirect;

use csrf::form_tokens_are_bound_to_the_session;
use headers::{
    health_details_only_for_staff, hsts_only_over_tls, personal_responses_are_never_stored, review_api_is_for_staff,
};
use limits::too_many_failures_wait_with_retry_after;
use passwords::guessable_passwords_are_refused;
use redirect::hostile_next_values_stay_on_this_site;

kizuna_testkit::on_both!(
    hostile_next_values_stay_on_this_site,
    personal_responses_are_never_stored,
    hsts_only_over_tls,
    health_details_only_for_staff,
    review_api_is_for_staff,
    form_tokens_are_bound_to_the_session,
    guessable_passwords_are_refused,
    too_many_failures_wait_with_retry_after,
);
