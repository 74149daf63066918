//! (issue 13: to be written)

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
}
