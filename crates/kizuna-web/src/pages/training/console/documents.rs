//! What staff print and download for an edition: the printable timetable,
//! its iCalendar file, each session's participant list and attendance sheet.

use super::*;

pub(crate) fn documents_routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
}
