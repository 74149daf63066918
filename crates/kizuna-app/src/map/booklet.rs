//! The map's printable booklet, made from the places as the store has them
//! today; its layout is [`kizuna_docs::booklet`].

use kizuna_docs::booklet::BookletData;
use kizuna_domain::common::Id;
use kizuna_domain::common::locality::Locality;
use kizuna_i18n::Lang;

use super::PlaceFilter;
use crate::{App, AppError};

impl App {
    /// What the booklet in `lang` shows today.
    pub async fn booklet_data(&self, lang: Lang) -> Result<BookletData, AppError> {
        let hits = self.all_places(&PlaceFilter::default()).await?;
        let mut ids: Vec<Id> = hits.iter().filter_map(|h| h.place.fields.locality_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut localities = Vec::with_capacity(ids.len());
        for id in ids {
            match self.get::<Locality>(id).await {
                Ok(l) => localities.push(l),
                Err(AppError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let places = hits.into_iter().map(|h| h.place.into_place()).collect();
        Ok(BookletData::new(lang, self.today(), places, &localities))
    }
}
