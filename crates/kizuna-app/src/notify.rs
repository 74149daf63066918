//! What a server does when it hears that places changed elsewhere (another
//! server, the command line): see `kizuna-store`'s `notify.rs` and
//! `kizuna serve`, which listens.

use crate::{App, Result};

impl App {
    /// Bring the map's index up to date after a write heard from the change
    /// feed, so that the next visitor does not wait for it. The index
    /// trusts a version the database confirmed less than
    /// [`crate::map::PLACES_RECHECK`] ago, so it is asked again once that
    /// has passed: the change is in the index within that time plus the
    /// time to apply it, whoever wrote it. An index not loaded yet is
    /// only started loading (it will be read as it is then).
    pub async fn places_changed_elsewhere(&self) -> Result<()> {
        if self.ready_place_index().await?.is_none() {
            return Ok(());
        }
        let recheck = crate::map::PLACES_RECHECK
            .to_std()
            .unwrap_or(std::time::Duration::from_millis(500));
        tokio::time::sleep(recheck + std::time::Duration::from_millis(10)).await;
        self.ready_place_index().await?;
        Ok(())
    }
}
