//! The staff console for partnership programmes and a partner's outcomes.

pub fn routes() -> crate::pages::Routes {
    crate::pages::Routes::new()
}
