//! Ripple graphs, public story pages, the map of local links and impact reports.

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
}
