//! An edition's work made and changed in the console: participations (who
//! takes part, in which role, and the status flow from nomination to
//! completion), curriculum sessions, awards, and deleting with confirmation.

use super::*;

pub(crate) fn work_routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
}
