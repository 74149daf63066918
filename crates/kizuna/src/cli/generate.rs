//! `kizuna generate`: a realistic synthetic store of any size
//! (kizuna-bench's `generate`), the same rows for the same seed.

use clap::Args;

#[derive(Args)]
pub struct GenerateArgs {
    /// Trainees (each a fictional person with one participation).
    #[arg(long, default_value_t = 0)]
    trainees: usize,
    /// Places of the map, across Japan.
    #[arg(long, default_value_t = 0)]
    places: usize,
    /// Partnership outcomes (with causal links between some).
    #[arg(long, default_value_t = 0)]
    outcomes: usize,
    /// The seed: the same seed writes the same rows.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Add to a store that already holds records (else refused).
    #[arg(long)]
    append: bool,
}

/// `kizuna generate …`: progress on stderr, what was written on stdout.
pub async fn run(url: &str, a: GenerateArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        a.trainees + a.places + a.outcomes > 0,
        "nothing to generate: give --trainees, --places or --outcomes (e.g. --trainees 100000)"
    );
    let app = super::open(url).await?;
    let spec = kizuna_bench::generate::Spec {
        trainees: a.trainees,
        places: a.places,
        outcomes: a.outcomes,
        seed: a.seed,
        append: a.append,
    };
    let start = std::time::Instant::now();
    let mut progress = kizuna_bench::generate::stderr_progress();
    let g = kizuna_bench::generate::generate(&app, &spec, &mut progress).await?;
    crate::outln!(
        "generated in {:.1} s: {} courses with {} editions, {} trainees ({} withdrawn), {} places, \
         {} partnership programmes with {} outcomes and {} causal links",
        start.elapsed().as_secs_f64(),
        g.courses,
        g.editions,
        g.trainees,
        g.withdrawn,
        g.places,
        g.partnerships,
        g.outcomes,
        g.links
    );
    app.store.close().await;
    Ok(())
}
