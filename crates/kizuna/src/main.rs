//! The `kizuna` binary: one program for the server and every command.
//! Commands call the same application functions as the web API.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use kizuna_app::transfer::{FileFormat, trainee_template};
use kizuna_app::{App, AppError, Store};
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::Page;

/// mimalloc rather than glibc's allocator: after the places index is loaded
/// (millions of small allocations freed at once), glibc's next large
/// allocation consolidated every freed chunk and held a worker for about
/// two seconds.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod places_cli;

/// Kizuna: records, statistics and exchanges of a regional international-cooperation office.
#[derive(Parser)]
#[command(name = "kizuna", version, about)]
struct Cli {
    /// Database URL: sqlite://PATH (the embedded default) or postgres://USER@HOST/DB.
    #[arg(
        long,
        global = true,
        env = "KIZUNA_DATABASE_URL",
        default_value = "sqlite://kizuna.sqlite3"
    )]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages and the JSON API.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", env = "KIZUNA_ADDR")]
        addr: SocketAddr,
        /// Mark cookies Secure: set this when people reach Kizuna over HTTPS (e.g. behind a TLS proxy).
        #[arg(long, env = "KIZUNA_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Load the demo dataset first (idempotent).
        #[arg(long)]
        demo: bool,
        /// The map's tile server: a URL with {z}, {x}, {y} (and {s} for subdomains).
        /// Empty: no tiles, only the built-in offline map. Browsers load tiles from it directly.
        #[arg(long, env = "KIZUNA_TILE_URL", default_value = kizuna_web::TileServer::OPENSTREETMAP)]
        tile_url: String,
        /// The credit the tile server requires (default: © OpenStreetMap contributors).
        #[arg(long, env = "KIZUNA_TILE_ATTRIBUTION")]
        tile_attribution: Option<String>,
    },
    /// Load the deterministic demo dataset into the store (idempotent).
    Demo,
    /// Print statistics.
    Report {
        #[command(subcommand)]
        report: Report,
    },
    /// Import records from a file; all rows or none.
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// Export records, or an empty import template.
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// Prayer times for a place and date, in a time zone.
    PrayerTimes {
        #[arg(long, allow_hyphen_values = true)]
        lat: String,
        #[arg(long, allow_hyphen_values = true)]
        lon: String,
        /// The local date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// IANA time zone (default Asia/Tokyo).
        #[arg(long, default_value = "Asia/Tokyo")]
        tz: String,
        /// MuslimWorldLeague, Egyptian, Karachi, UmmAlQura, Dubai, MoonsightingCommittee,
        /// NorthAmerica, Kuwait, Qatar, Singapore, Tehran, Turkey (any case).
        #[arg(long, default_value = "MuslimWorldLeague")]
        method: String,
        /// Shafi or Hanafi (for asr).
        #[arg(long, default_value = "Shafi")]
        madhab: String,
        /// MiddleOfTheNight, SeventhOfTheNight or TwilightAngle (default: by latitude).
        #[arg(long, default_value = "")]
        high_latitude_rule: String,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Json)]
        format: SimpleFormat,
    },
    /// The qibla from a place: degrees clockwise from true north.
    Qibla {
        #[arg(long, allow_hyphen_values = true)]
        lat: String,
        #[arg(long, allow_hyphen_values = true)]
        lon: String,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Json)]
        format: SimpleFormat,
    },
    /// Places of the Muslim-friendly map: search, import, export.
    Places {
        #[command(subcommand)]
        what: places_cli::PlacesCmd,
    },
    /// Measure how fast pages render on a large store (see BENCHMARKS.md).
    Bench {
        #[command(subcommand)]
        what: BenchCmd,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        what: UserCmd,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        what: TokenCmd,
    },
}

#[derive(Subcommand)]
enum UserCmd {
    /// Create an account. Without --password-stdin a random password is made and printed once.
    Add {
        email: String,
        /// admin, staff or partner.
        #[arg(long)]
        role: String,
        /// For partners: the key of their organisation.
        #[arg(long)]
        organisation: Option<String>,
        /// Read the password from standard input (at least 12 characters).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
}

#[derive(Subcommand)]
enum BenchCmd {
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
}

#[derive(Subcommand)]
enum TokenCmd {
    /// Create an API token for an account; it is printed once.
    Create {
        /// The account's e-mail address.
        #[arg(long)]
        user: String,
        /// What the token is for.
        #[arg(long, default_value = "api")]
        name: String,
    },
}

#[derive(Subcommand)]
enum Report {
    /// Trainees and countries as of a date, by fiscal year, country, region, course and gender.
    Trainees {
        /// Count course editions started on or before this date (default: today in Japan).
        #[arg(long)]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Only this fiscal year (2007, FY2007 or 平成19年度).
        #[arg(long)]
        fiscal_year: Option<String>,
        /// Only trainees of this nationality (ISO alpha-2).
        #[arg(long)]
        country: Option<String>,
        /// Only this region (africa, asia, middle_east, europe, north_america, latin_america, oceania).
        #[arg(long)]
        region: Option<String>,
        /// Only this course (programme key, e.g. gmrdp).
        #[arg(long)]
        course: Option<String>,
        /// Only this gender.
        #[arg(long)]
        gender: Option<String>,
        /// List the people behind the figures instead of the figures.
        #[arg(long)]
        people: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SimpleFormat {
    Json,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Json,
    Table,
    Csv,
}

#[derive(Subcommand)]
enum Import {
    /// Trainees with their course participation, from CSV or XLSX.
    Trainees {
        file: PathBuf,
        /// Check the file and report problems without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Csv,
    Xlsx,
    Json,
}

impl From<OutFormat> for FileFormat {
    fn from(f: OutFormat) -> Self {
        match f {
            OutFormat::Csv => FileFormat::Csv,
            OutFormat::Xlsx => FileFormat::Xlsx,
            OutFormat::Json => FileFormat::Json,
        }
    }
}

#[derive(Subcommand)]
enum Export {
    /// Every trainee participation, in the import template's columns.
    Trainees {
        #[arg(long, value_enum, default_value_t = OutFormat::Csv)]
        format: OutFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// An empty import template.
    Template {
        #[command(subcommand)]
        what: Template,
    },
}

#[derive(Subcommand)]
enum Template {
    Trainees {
        #[arg(long, value_enum, default_value_t = OutFormat::Csv)]
        format: OutFormat,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

fn write_out(bytes: &[u8], output: Option<&PathBuf>) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
        None => std::io::stdout().write_all(bytes)?,
    }
    Ok(())
}

async fn open(url: &str) -> anyhow::Result<App> {
    let store = Store::open(url)
        .await
        .with_context(|| format!("cannot open the database {}", redact(url)))?;
    Ok(App::new(store))
}

/// A URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Create the demo's administrator the first time, and print its password once.
async fn announce_demo_admin(app: &App) -> anyhow::Result<()> {
    if let Some((email, password)) = app.ensure_demo_admin().await? {
        eprintln!("demo administrator: {email}  password: {password}  (shown only this once)");
    }
    Ok(())
}

async fn trainee_filter(app: &App, r: &Report) -> anyhow::Result<TraineeFilter> {
    let Report::Trainees {
        as_of,
        fiscal_year,
        country,
        region,
        course,
        gender,
        ..
    } = r;
    let bad = |what: &str, e: kizuna_domain::Invalid| anyhow::anyhow!("--{what}: {e}");
    Ok(TraineeFilter {
        as_of: *as_of,
        fiscal_year: fiscal_year
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e| bad("fiscal-year", e))?,
        country: country
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e| bad("country", e))?,
        region: region
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e| bad("region", e))?,
        gender: gender
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e| bad("gender", e))?,
        programme_id: match course {
            Some(key) => Some(
                app.by_key::<Programme>(key)
                    .await
                    .map_err(|_| anyhow::anyhow!("--course: no course has the key \"{key}\""))?
                    .id,
            ),
            None => None,
        },
    })
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            addr,
            demo,
            secure_cookies,
            tile_url,
            tile_attribution,
        } => {
            let tiles = kizuna_web::TileServer::parse(&tile_url, tile_attribution.as_deref())
                .map_err(|e| anyhow::anyhow!("--tile-url: {e}"))?;
            let app = open(&cli.database_url).await?;
            if demo {
                announce_demo_admin(&app).await?;
                let s = app.load_demo().await?;
                if !s.already_loaded {
                    tracing::info!(
                        people = s.people_created,
                        editions = s.editions_created,
                        "demo data loaded"
                    );
                }
            }
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("cannot listen on {addr}"))?;
            let app = Arc::new(app);
            eprintln!(
                "Kizuna is serving http://{} (API under /api/v1, OpenAPI at /api/openapi.json)",
                listener.local_addr()?
            );
            let web = kizuna_web::WebOptions { secure_cookies, tiles };
            axum::serve(listener, kizuna_web::router_with_options(app.clone(), web))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
            app.store.close().await;
        }
        Command::User {
            what:
                UserCmd::Add {
                    email,
                    role,
                    organisation,
                    password_stdin,
                },
        } => {
            let role = role.parse().map_err(|e| anyhow::anyhow!("--role: {e}"))?;
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                Some(line.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let app = open(&cli.database_url).await?;
            let result = app
                .add_user(&email, role, organisation.as_deref(), password.as_deref())
                .await;
            app.store.close().await;
            let (user, generated) = result?;
            eprintln!("created {} account {}", user.role, user.email);
            if let Some(p) = generated {
                println!("{p}");
                eprintln!("(the password above is shown only once)");
            }
        }
        Command::User { what: UserCmd::List } => {
            let app = open(&cli.database_url).await?;
            for u in app.store.users().await? {
                println!("{}\t{}", u.email, u.role);
            }
            app.store.close().await;
        }
        Command::Token {
            what: TokenCmd::Create { user, name },
        } => {
            let app = open(&cli.database_url).await?;
            let result = app.create_token(&user, &name).await;
            app.store.close().await;
            println!("{}", result?);
            eprintln!("(the token above is shown only once; send it as Authorization: Bearer TOKEN)");
        }
        Command::PrayerTimes {
            lat,
            lon,
            date,
            tz,
            method,
            madhab,
            high_latitude_rule,
            format,
        } => {
            let r = kizuna_app::map::PrayerRequest {
                lat,
                lon,
                date,
                tz,
                method,
                madhab,
                high_latitude_rule,
            };
            let t = kizuna_app::map::prayer_times(&r)?;
            match format {
                SimpleFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({
                        "fajr": t.fajr, "sunrise": t.sunrise, "dhuhr": t.dhuhr,
                        "asr": t.asr, "maghrib": t.maghrib, "isha": t.isha,
                        "date": t.date, "timezone": t.timezone, "method": t.method,
                        "madhab": t.madhab, "high_latitude_rule": t.high_latitude_rule,
                    }))?
                ),
                SimpleFormat::Table => {
                    println!(
                        "{} ({}, {}, {}, {})",
                        t.date, t.timezone, t.method, t.madhab, t.high_latitude_rule
                    );
                    for (name, v) in [
                        ("fajr", &t.fajr),
                        ("sunrise", &t.sunrise),
                        ("dhuhr", &t.dhuhr),
                        ("asr", &t.asr),
                        ("maghrib", &t.maghrib),
                        ("isha", &t.isha),
                    ] {
                        println!("{name:<8} {}", v.get(11..16).unwrap_or(v));
                    }
                }
            }
        }
        Command::Qibla { lat, lon, format } => {
            let bearing = kizuna_app::map::qibla(&lat, &lon)?;
            match format {
                SimpleFormat::Json => println!("{}", serde_json::json!({ "bearing_deg": bearing })),
                SimpleFormat::Table => println!("{bearing:.3}°"),
            }
        }
        Command::Places { what } => places_cli::run(what, &cli.database_url).await?,
        Command::Bench {
            what:
                BenchCmd::Pages {
                    trainees,
                    runs,
                    backend,
                },
        } => {
            kizuna_bench::pages::pages(trainees, runs, &backend).await?;
        }
        Command::Bench {
            what:
                BenchCmd::Places {
                    places,
                    queries,
                    k,
                    http_requests,
                    connections,
                    no_postgis,
                    no_http,
                },
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
            .await?;
        }
        Command::Demo => {
            let app = open(&cli.database_url).await?;
            announce_demo_admin(&app).await?;
            let s = app.load_demo().await?;
            if s.already_loaded {
                eprintln!("the demo data is already loaded; nothing was added");
            } else {
                eprintln!(
                    "demo data loaded: {} people, {} course editions (every person is fictional)",
                    s.people_created, s.editions_created
                );
            }
            app.store.close().await;
        }
        Command::Report { report } => {
            let app = open(&cli.database_url).await?;
            let filter = trainee_filter(&app, &report).await?;
            let Report::Trainees { format, people, .. } = report;
            let out = if people {
                let (people, total) = app
                    .trainee_drilldown(
                        &filter,
                        Page {
                            limit: u32::MAX,
                            offset: 0,
                        },
                    )
                    .await?;
                match format {
                    ReportFormat::Json => {
                        serde_json::to_string_pretty(&serde_json::json!({"total": total, "people": people}))? + "\n"
                    }
                    ReportFormat::Csv | ReportFormat::Table => {
                        let mut w = csv::WriterBuilder::new()
                            .delimiter(if matches!(format, ReportFormat::Table) {
                                b'\t'
                            } else {
                                b','
                            })
                            .from_writer(Vec::new());
                        w.write_record(["id", "family_name", "given_name", "nationality", "gender"])?;
                        for p in &people {
                            let f = &p.fields;
                            w.write_record([
                                p.id.to_string(),
                                kizuna_app::transfer::escape_formula(f.family_name.as_str()),
                                kizuna_app::transfer::escape_formula(
                                    f.given_name.as_ref().map(|g| g.as_str()).unwrap_or(""),
                                ),
                                f.nationality.to_string(),
                                f.gender.to_string(),
                            ])?;
                        }
                        String::from_utf8(w.into_inner()?)?
                    }
                }
            } else {
                let r = app.trainee_report(&filter).await?;
                match format {
                    ReportFormat::Json => serde_json::to_string_pretty(&r)? + "\n",
                    ReportFormat::Table => kizuna_app::reports::report_table(&r),
                    ReportFormat::Csv => kizuna_app::reports::report_csv(&r),
                }
            };
            print!("{out}");
            app.store.close().await;
        }
        Command::Import {
            what: Import::Trainees { file, dry_run },
        } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let format = FileFormat::detect(&file.to_string_lossy(), &bytes);
            let app = open(&cli.database_url).await?;
            let result = app.import_trainees(&bytes, format, dry_run).await;
            app.store.close().await;
            let r = result?;
            if dry_run {
                eprintln!(
                    "{}: {} rows checked, no problems; nothing was written (dry run)",
                    file.display(),
                    r.rows
                );
            } else {
                eprintln!("{}: imported {} trainees", file.display(), r.imported);
            }
        }
        Command::Export { what } => match what {
            Export::Trainees { format, output } => {
                let app = open(&cli.database_url).await?;
                let bytes = app.export_trainees(format.into()).await?;
                app.store.close().await;
                write_out(&bytes, output.as_ref())?;
            }
            Export::Template {
                what: Template::Trainees { format, output },
            } => {
                if matches!(format, OutFormat::Json) {
                    bail!("templates are CSV or XLSX");
                }
                write_out(&trainee_template(format.into())?, output.as_ref())?;
            }
        },
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KIZUNA_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<AppError>() {
                Some(AppError::ImportRejected(_)) => eprintln!("{e}"),
                _ => eprintln!("error: {e:#}"),
            }
            std::process::ExitCode::FAILURE
        }
    }
}
