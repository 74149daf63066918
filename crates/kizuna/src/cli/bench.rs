//! `kizuna bench`: the benchmarks of BENCHMARKS.md (kizuna-bench).

use clap::Subcommand;

#[derive(Subcommand)]
pub enum BenchCmd {
    /// Render the trainee list and statistics pages on a fresh database
    /// holding the demo plus many synthetic trainees; print median and p95.
    Pages {
        /// Synthetic trainees to add to the demo.
        #[arg(long, default_value_t = 100_000)]
        trainees: usize,
        /// Timed renders per page (after 3 warm-up renders).
        #[arg(long, default_value_t = 30)]
        runs: usize,
        /// sqlite or postgres (PostgreSQL: the server of KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432).
        #[arg(long, default_value = "sqlite")]
        backend: String,
    },
    /// The map's spatial index with many synthetic places, beside SQLite's
    /// R*Tree and PostGIS (`<->` on GiST) on the same points, then
    /// nearest-k over HTTP with many connections. Prints Markdown tables.
    Places {
        /// Synthetic places.
        #[arg(long, default_value_t = 1_000_000)]
        places: usize,
        /// Query positions (the same for every index).
        #[arg(long, default_value_t = 10_000)]
        queries: usize,
        /// How many nearest places each query asks for.
        #[arg(long, default_value_t = 20)]
        k: usize,
        /// HTTP requests in all.
        #[arg(long, default_value_t = 32_000)]
        http_requests: usize,
        /// Concurrent keep-alive HTTP connections.
        #[arg(long, default_value_t = 32)]
        connections: usize,
        /// Skip PostGIS (else: the server of KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432).
        #[arg(long)]
        no_postgis: bool,
        /// Skip the HTTP part (which first writes every place to a SQLite store).
        #[arg(long)]
        no_http: bool,
    },
    /// The public map API's throughput (nearest places) over real HTTP,
    /// alone and then while other connections post wrong passwords to
    /// /sign-in as fast as they can. Prints a Markdown table.
    SignInFlood {
        /// Keep-alive connections asking the map API.
        #[arg(long, default_value_t = 16)]
        connections: usize,
        /// Connections posting wrong passwords.
        #[arg(long, default_value_t = 16)]
        attackers: usize,
        /// Seconds each phase is measured.
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
    },
    /// The peak memory of a trainee import (dry run), each file in a child
    /// process: the export of the demo plus synthetic trainees (XLSX and
    /// CSV), a zip bomb, the same with understated sizes, a far cell.
    /// Prints a Markdown table (Linux: reads /proc/self/status).
    ImportMemory {
        /// Synthetic trainees added to the demo's for the real workbook
        /// (it must stay under the 200,000-cell limit).
        #[arg(long, default_value_t = 11_000)]
        trainees: usize,
        /// What the zip bomb unpacks to, in MB.
        #[arg(long, default_value_t = 1024)]
        bomb_mb: u64,
    },
    /// Drafting a halal-aware itinerary over many synthetic places (held in
    /// memory, as the map's index holds them). Prints a Markdown table.
    Itinerary {
        /// Synthetic places.
        #[arg(long, default_value_t = 10_000)]
        places: usize,
        /// Days of the tour.
        #[arg(long, default_value_t = 3)]
        days: u32,
        /// Places to include.
        #[arg(long, default_value_t = 12)]
        sights: usize,
        /// Timed plans (after one warm-up).
        #[arg(long, default_value_t = 30)]
        runs: usize,
    },
    /// The search index over many synthetic documents in four languages,
    /// beside SQLite FTS5 (trigram) and PostgreSQL full-text search and
    /// pg_trgm on the same documents and queries: indexing, size, latency,
    /// recall@10. Prints Markdown tables.
    Search {
        /// Synthetic documents (the nine kinds, in ja, th, ms and en).
        #[arg(long, default_value_t = 1_000_000)]
        docs: usize,
        /// Queries (the same for every engine; one warm-up pass, one timed).
        #[arg(long, default_value_t = 420)]
        queries: usize,
        /// Skip PostgreSQL (else: the server of KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432).
        #[arg(long)]
        no_postgres: bool,
    },
    /// The annual report of a fiscal year on the demo plus many synthetic
    /// trainees and partnership outcomes: assembling it (the JSON) and
    /// laying it out as PDF, each run after a write. Prints a Markdown table.
    Annual {
        /// Synthetic trainees to add to the demo.
        #[arg(long, default_value_t = 100_000)]
        trainees: usize,
        /// Synthetic partnership outcomes to add to the demo.
        #[arg(long, default_value_t = 10_000)]
        outcomes: usize,
        /// The fiscal year reported.
        #[arg(long, default_value_t = 2007)]
        fy: i32,
        /// Timed reports (after one warm-up).
        #[arg(long, default_value_t = 10)]
        runs: usize,
        /// sqlite, postgres or both (PostgreSQL: the server of KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432).
        #[arg(long, default_value = "both")]
        backend: String,
    },
    /// Importing places from GeoJSON, CSV and OpenStreetMap PBF files of N
    /// synthetic places into fresh SQLite stores (and dry runs): MB/s,
    /// places/s and peak memory, beside ogr2ogr and osmium on the same
    /// files. Prints a Markdown table.
    Import {
        /// Synthetic places in each file.
        #[arg(long, default_value_t = 1_000_000)]
        places: usize,
        /// A small run (10,000 places) that finishes in seconds.
        #[arg(long)]
        quick: bool,
    },
    /// A real `kizuna serve` over N synthetic places in SQLite: its peak
    /// memory, the time from start to its first correct nearest-20 answer,
    /// and after 20,000 places changed by another process, the time until
    /// it answers with them. Prints a Markdown table.
    MapServer {
        /// Synthetic places.
        #[arg(long, default_value_t = 1_000_000)]
        places: usize,
        /// A small run (10,000 places) that finishes in seconds.
        #[arg(long)]
        quick: bool,
    },
    /// One measurement of `import` (run by it).
    #[command(hide = true)]
    ImportPlacesChild {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        file: std::path::PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// Every benchmark at several sizes, each in a child process with its
    /// peak memory measured: figures (records.jsonl), a Markdown table
    /// (summary.md, also printed) and a plot of cost against size per
    /// workload (SVG) in --out. Statistics run at ten times each size.
    All {
        /// The sizes, comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = [10_000u64, 100_000, 1_000_000])]
        sizes: Vec<u64>,
        /// Where the figures, tables and plots go.
        #[arg(long, default_value = "docs/bench")]
        out: std::path::PathBuf,
        /// Fewer repetitions in each benchmark (sizes still as given).
        #[arg(long)]
        quick: bool,
        /// SQLite only: no PostgreSQL or PostGIS comparisons.
        #[arg(long)]
        sqlite_only: bool,
        /// Only these workloads, comma-separated (places, map-server, import,
        /// stats, search, pages, annual, itinerary).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
        /// Stop a benchmark still running after this many minutes (default:
        /// by size, 5 at 10,000, 12 at 100,000, 30 at 1,000,000).
        #[arg(long)]
        timeout_minutes: Option<u64>,
        /// Keep the figures already in --out and add these runs to them.
        #[arg(long)]
        append: bool,
    },
    /// The trainee statistics as of a date over many participations, on
    /// SQLite and PostgreSQL, beside the plain GROUP BY COUNT(DISTINCT) and
    /// Kizuna's earlier count in memory; then a write and the statistics
    /// page after it. Prints Markdown tables.
    Stats {
        /// Trainee participations (generated, loaded in bulk).
        #[arg(long, default_value_t = 10_000_000)]
        participations: usize,
        /// Fewer timed runs.
        #[arg(long)]
        quick: bool,
        /// SQLite only (else also the server of KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432).
        #[arg(long)]
        no_postgres: bool,
        /// PostgreSQL only.
        #[arg(long, conflicts_with = "no_postgres")]
        no_sqlite: bool,
        /// Time the reports, the narrowed reports and the page after a
        /// write on a store already loaded and counted (one left by
        /// KIZUNA_BENCH_KEEP_STORE=1 at this --participations), without
        /// loading or counting it again: to compare builds on the same
        /// store at sizes that take long to make. The store is written to
        /// (one participation's status) and not dropped.
        #[arg(long, value_name = "DATABASE_URL", conflicts_with_all = ["no_postgres", "no_sqlite"])]
        existing: Option<String>,
    },
    /// One measurement of `import-memory` (run by it).
    #[command(hide = true)]
    ImportMemoryChild {
        #[arg(long)]
        database_url: String,
        #[arg(long)]
        file: std::path::PathBuf,
    },
}

/// `kizuna bench …`.
pub async fn run(what: BenchCmd) -> anyhow::Result<()> {
    match what {
        BenchCmd::All {
            sizes,
            out,
            quick,
            sqlite_only,
            only,
            timeout_minutes,
            append,
        } => {
            let o = kizuna_bench::all::Options {
                sizes,
                out,
                quick,
                sqlite_only,
                only,
                timeout: timeout_minutes.map(|m| std::time::Duration::from_secs(m.saturating_mul(60))),
                append,
                exe: std::env::current_exe()?,
            };
            let md = tokio::task::spawn_blocking(move || kizuna_bench::all::all(&o)).await??;
            print!("{md}");
            Ok(())
        }
        BenchCmd::Stats {
            participations,
            quick,
            no_postgres,
            no_sqlite,
            existing,
        } => {
            kizuna_bench::stats::stats(kizuna_bench::stats::Options {
                participations,
                quick,
                postgres: !no_postgres,
                sqlite: !no_sqlite,
                existing,
            })
            .await
        }
        BenchCmd::ImportMemory { trainees, bomb_mb } => {
            kizuna_bench::import_memory::import_memory(trainees, bomb_mb).await
        }
        BenchCmd::Import { places, quick } => {
            kizuna_bench::import_places::import_places(if quick { 10_000 } else { places }).await
        }
        BenchCmd::MapServer { places, quick } => {
            kizuna_bench::map_server::map_server(if quick { 10_000 } else { places }).await
        }
        BenchCmd::ImportPlacesChild {
            database_url,
            file,
            dry_run,
        } => kizuna_bench::import_places::child(&database_url, &file, dry_run).await,
        BenchCmd::ImportMemoryChild { database_url, file } => {
            kizuna_bench::import_memory::child(&database_url, &file).await
        }
        BenchCmd::Annual {
            trainees,
            outcomes,
            fy,
            runs,
            backend,
        } => kizuna_bench::annual::annual(trainees, outcomes, fy, runs, &backend).await,
        BenchCmd::Itinerary {
            places,
            days,
            sights,
            runs,
        } => kizuna_bench::itinerary::itinerary(places, days, sights, runs),
        BenchCmd::Search {
            docs,
            queries,
            no_postgres,
        } => {
            kizuna_bench::search::search(kizuna_bench::search::Options {
                docs,
                queries,
                postgres: !no_postgres,
            })
            .await
        }
        BenchCmd::Pages {
            trainees,
            runs,
            backend,
        } => kizuna_bench::pages::pages(trainees, runs, &backend).await,
        BenchCmd::SignInFlood {
            connections,
            attackers,
            seconds,
        } => {
            kizuna_bench::flood::sign_in_flood(kizuna_bench::flood::Options {
                connections,
                attackers,
                seconds,
            })
            .await
        }
        BenchCmd::Places {
            places,
            queries,
            k,
            http_requests,
            connections,
            no_postgis,
            no_http,
        } => {
            kizuna_bench::places::places(kizuna_bench::places::Options {
                places,
                queries,
                k,
                http_requests,
                connections,
                postgis: !no_postgis,
                http: !no_http,
            })
            .await
        }
    }
}
