//! The demo's alumni (issue 13): seed facts with fictional people. Idempotent.

use crate::{App, Result};

pub(super) async fn load(app: &App) -> Result<()> {
    let _ = app;
    Ok(())
}
