//! Pages of the training system: the public and staff statistics
//! ([`stats`]) and the staff console of courses, editions, trainees and
//! imports ([`console`]).

pub(crate) mod console;
mod stats;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .merge(stats::routes())
        .merge(console::routes())
}
