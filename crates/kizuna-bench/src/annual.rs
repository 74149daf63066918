//! `kizuna bench annual`: the annual report of a fiscal year on a store of
//! the demo plus 100,000 synthetic trainees and 10,000 synthetic
//! partnership outcomes (a tenth of them caused by the one before),
//! on SQLite and on PostgreSQL (BENCHMARKS.md; target under 2 s for the
//! PDF). Each run follows a write to the training and partnership systems,
//! so no cached statistics help it; the report is assembled (what the
//! JSON is) and then laid out as PDF with the embedded fonts. The load
//! average is printed beside the figures; the databases made are dropped
//! at the end, also when a step fails. The demo and trainees are
//! [`crate::pages::trainee_store`]'s (in `kizuna bench all`, a copy of the
//! store the pages benchmark of that size seeded); the outcomes are added
//! here.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{Days, NaiveDate};
use kizuna_app::App;
use kizuna_app::report::{ReportFonts as Fonts, ReportLang as Lang};
use kizuna_domain::System;
use kizuna_domain::common::{FiscalYear, LocalText, Text};
use kizuna_domain::partnerships::outcome::{
    Outcome, OutcomeInput, OutcomeKind, OutcomeLink, OutcomeLinkInput, RecordedBy, Side,
};
use kizuna_store::{Backend, Page, Store};

use crate::Scratch;
use crate::data::SplitMix;
use crate::pages::percentile;

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

/// The one-minute load average (`/proc/loadavg`), or "—" where there is none.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "—".into())
}

/// Add `n` synthetic outcomes to the demo's partnership programmes, their
/// dates spread over FY2000–FY2026, every tenth caused by the one before.
/// Written through the store's record path in transactions of
/// [`OUTCOME_BATCH`] (the outcomes, then their links).
pub async fn seed_outcomes(app: &App, n: usize) -> anyhow::Result<usize> {
    let mut programmes: Vec<i64> = app
        .store
        .select::<Outcome>(&[], Page::ALL)
        .await?
        .into_iter()
        .map(|o| o.fields.programme_id)
        .collect();
    programmes.sort_unstable();
    programmes.dedup();
    anyhow::ensure!(!programmes.is_empty(), "the demo has no partnership outcomes to add to");
    let mut rng = SplitMix::new(2007);
    let first = NaiveDate::from_ymd_opt(2000, 4, 1).context("a date")?;
    let span = (NaiveDate::from_ymd_opt(2027, 3, 31).context("a date")? - first).num_days() as u64;
    let kinds = OutcomeKind::ALL;
    let sides = [Side::Japan, Side::Abroad, Side::Both];
    let mut previous = None;
    let mut start = 0;
    while start < n {
        let end = (start + OUTCOME_BATCH).min(n);
        let mut inputs = Vec::with_capacity(end - start);
        for i in start..end {
            let title = LocalText::parse(
                Some(&format!("Synthetic outcome {i}")),
                Some(&format!("合成の成果 {i}")),
                None,
                None,
            )?;
            inputs.push(OutcomeInput {
                programme_id: programmes[i % programmes.len()],
                title: title.clone(),
                description: title,
                kind: kinds[i % kinds.len()],
                side: sides[i % 3],
                occurred_on: first
                    .checked_add_days(Days::new(rng.next_u64() % span))
                    .context("a date")?,
                actor_organisation_id: None,
                actor_person_id: None,
                actor_description: None,
                agent_organisation_id: None,
                contribution: None,
                significance: None,
                proposal_status: None,
                evidence_url: None,
                substantiated_by: None,
                substantiated_on: None,
                verdict: None,
                substantiation_note: None,
                public: false,
                recorded_by: RecordedBy::Staff,
                locality_ids: Vec::new(),
            });
        }
        let ids = app.store.insert_all::<Outcome>(app.office_id(), &inputs).await?;
        let mut links = Vec::new();
        for (i, id) in (start..end).zip(ids) {
            if i % 10 == 9
                && let Some(from) = previous
            {
                links.push(OutcomeLinkInput {
                    from_programme_id: None,
                    from_activity_id: None,
                    from_outcome_id: Some(from),
                    from_placement_id: None,
                    to_outcome_id: id,
                    note: Some(LocalText::en(Text::parse("synthetic link")?)),
                });
            }
            previous = Some(id);
        }
        app.store.insert_all::<OutcomeLink>(app.office_id(), &links).await?;
        start = end;
    }
    Ok(n)
}

/// Outcomes written per transaction by [`seed_outcomes`].
const OUTCOME_BATCH: usize = 1_000;

pub async fn annual(trainees: usize, outcomes: usize, fy: i32, runs: usize, backends: &str) -> anyhow::Result<()> {
    let fy = FiscalYear::new(fy).map_err(|e| anyhow::anyhow!("--fy: {e}"))?;
    let list: Vec<Backend> = match backends {
        "sqlite" => vec![Backend::Sqlite],
        "postgres" => vec![Backend::Postgres],
        "both" => vec![Backend::Sqlite, Backend::Postgres],
        other => anyhow::bail!("--backend: {other:?} is not sqlite, postgres or both"),
    };
    let fonts = Arc::new(Fonts::embedded());
    println!(
        "| database | trainees | outcomes | FY | report (JSON) median ms | p95 ms | PDF median ms | p95 ms | JSON + PDF median ms | PDF bytes | load average (1 min) |"
    );
    println!("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|");
    let mut scratch = Scratch::default();
    for backend in list {
        let result = async {
            let t = Instant::now();
            let (url, how) = crate::pages::trainee_store(&mut scratch, backend, trainees).await?;
            let app = App::new(Store::open(&url).await?);
            let seeded = seed_outcomes(&app, outcomes).await;
            app.store.close().await;
            seeded?;
            let how = format!("{how}, with the outcomes {:.1} s in all", t.elapsed().as_secs_f64());
            run(&url, backend, trainees, fy, runs, fonts.clone(), &how).await?;
            scratch.release(&url).await;
            anyhow::Ok(())
        }
        .await;
        if result.is_err() {
            scratch.drop_all().await;
        }
        result?;
    }
    Ok(())
}

async fn run(
    url: &str,
    backend: Backend,
    trainees: usize,
    fy: FiscalYear,
    runs: usize,
    fonts: Arc<Fonts>,
    how: &str,
) -> anyhow::Result<()> {
    let app = App::new(Store::open(url).await?);
    let all = app.trainee_report(&Default::default()).await?;
    let stored = app.store.count::<Outcome>(&[]).await?;
    eprintln!(
        "demo and trainees: {how}: {} trainees from {} countries, {stored} outcomes",
        all.trainees, all.countries
    );
    let (mut json_t, mut pdf_t, mut both_t) = (Vec::new(), Vec::new(), Vec::new());
    let mut bytes = 0;
    let mut report = None;
    for i in 0..=runs {
        // A write to each system the report reads a cache of.
        app.store.touch_system(System::Training).await?;
        app.store.touch_system(System::Partnerships).await?;
        let start = Instant::now();
        let r = app.annual_report(fy, Lang::Ja).await?;
        let json = kizuna_app::report::to_json(&r)?;
        let assembled = start.elapsed();
        let f = fonts.clone();
        let r2 = r.clone();
        let p0 = Instant::now();
        let pdf = tokio::task::spawn_blocking(move || kizuna_app::report::to_pdf(&r2, &f)).await??;
        let laid = p0.elapsed();
        if i > 0 {
            json_t.push(assembled);
            pdf_t.push(laid);
            both_t.push(start.elapsed());
        }
        bytes = pdf.len();
        anyhow::ensure!(!json.is_empty());
        report = Some(r);
    }
    json_t.sort();
    pdf_t.sort();
    both_t.sort();
    let r = report.context("no run")?;
    let engine = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    for (metric, times, q) in [
        ("median json+pdf", &both_t, 0.5),
        ("median json", &json_t, 0.5),
        ("median pdf", &pdf_t, 0.5),
        ("p95 json+pdf", &both_t, 0.95),
    ] {
        crate::record::record(&crate::record::Measure::new(
            "annual",
            trainees as u64,
            engine,
            metric,
            percentile(times, q).as_secs_f64() * 1e3,
            "ms",
        ));
    }
    let outcomes_of_year = r.outcomes.japan.len() + r.outcomes.partner.len() + r.outcomes.both.len();
    println!(
        "| {} | {} | {} | FY{} ({} trainees, {outcomes_of_year} outcomes) | {} | {} | {} | {} | {} | {bytes} | {} |",
        match backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        },
        all.trainees,
        app.store.count::<Outcome>(&[]).await?,
        r.fiscal_year,
        r.trainees.year_trainees,
        ms(percentile(&json_t, 0.5)),
        ms(percentile(&json_t, 0.95)),
        ms(percentile(&pdf_t, 0.5)),
        ms(percentile(&pdf_t, 0.95)),
        ms(percentile(&both_t, 0.5)),
        load_average()
    );
    app.store.close().await;
    Ok(())
}
