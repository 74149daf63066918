//! Exchanges: delegations received, staff dispatched, symposiums hosted and
//! awards received. Awards are recorded so far.

pub mod award;
