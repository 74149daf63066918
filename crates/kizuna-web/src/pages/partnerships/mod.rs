//! The partnership pages: the staff console for programmes, activities,
//! outcomes, causal links, substantiation, offers and needs and
//! local-to-local links; a partner's outcomes; the ripple graphs, public
//! story pages, the map of local links and the impact reports.

mod console;
mod ripple;
mod ripple_impact;
mod ripple_links;

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
        .merge(console::routes())
        .merge(ripple::routes())
}
