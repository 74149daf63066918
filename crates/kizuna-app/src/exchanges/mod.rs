//! Exchanges: delegations, dispatches, symposiums, courtesy calls and photos (issue 13).

pub mod photos;
