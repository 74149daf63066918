//! Volunteer pages: the staff console's placements, their documents and
//! appointments (`placements.rs`, `placements_page.rs`), the dashboard's
//! warning of expiring documents; volunteers' own hours and the staff's
//! review of them (`hours*.rs`).

mod hours;
mod hours_console;
mod placements;
mod placements_page;

pub(crate) use placements_page::{ExpiringLine, expiring_lines};

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .merge(hours::routes())
        .merge(placements::routes())
        .merge(placements_page::routes())
}
