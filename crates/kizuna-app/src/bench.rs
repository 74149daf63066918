//! Synthetic data for benchmarks: many trainees on top of the demo.

use std::collections::HashSet;

use kizuna_domain::common::CountryCode;
use kizuna_domain::common::Text;
use kizuna_domain::common::person::{Gender, PersonInput};
use kizuna_domain::training::edition::{Edition, EditionScope};
use kizuna_domain::training::participation::ParticipationStatus;
use kizuna_store::{NewTrainee, Page};

use crate::{App, Result};

impl App {
    /// Add `n` fictional trainees spread over the demo's general-course
    /// editions and the demo's countries (deterministic). Returns how many
    /// were added.
    pub async fn seed_bench_trainees(&self, n: usize) -> Result<usize> {
        let editions: Vec<Edition> = self
            .store
            .select::<Edition>(
                &[],
                Page {
                    limit: u32::MAX,
                    offset: 0,
                },
            )
            .await?
            .into_iter()
            .filter(|e| e.fields.scope == EditionScope::General)
            .collect();
        let countries: Vec<CountryCode> = crate::demo::EARLY_COUNTRIES
            .iter()
            .chain(crate::demo::LATER_COUNTRIES.iter())
            .filter_map(|c| CountryCode::parse(c).ok())
            .collect();
        if editions.is_empty() {
            return Ok(0);
        }
        let mut seen = HashSet::new();
        let mut batch = Vec::with_capacity(2000);
        let mut added = 0;
        for i in 0..n {
            let edition = &editions[i % editions.len()];
            let country = countries[(i * 7 + i / 13) % countries.len()];
            let person = PersonInput {
                family_name: Text::parse(&format!("Bench{:06}", i))
                    .map_err(|e| crate::AppError::BadFile(e.to_string()))?,
                given_name: Text::parse(["Asha", "Bilal", "Chen", "Dewi", "Emre", "Farah", "Gita", "Hoang"][i % 8])
                    .ok(),
                name_native: None,
                name_kana: None,
                gender: if i % 3 == 0 { Gender::Female } else { Gender::Male },
                nationality: country,
                birth_date: None,
                email: None,
                organisation_id: None,
                position: None,
            };
            if !seen.insert(person.identity_key()) {
                continue;
            }
            batch.push(NewTrainee {
                person,
                edition_id: edition.id,
                status: ParticipationStatus::Completed,
                started_on: Some(edition.fields.starts_on),
                ended_on: Some(edition.fields.ends_on),
                action_plan_title: None,
            });
            if batch.len() == 2000 {
                added += self.store.insert_trainees(&batch).await?.len();
                batch.clear();
            }
        }
        if !batch.is_empty() {
            added += self.store.insert_trainees(&batch).await?.len();
        }
        Ok(added)
    }
}
