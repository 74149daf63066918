//! `kizuna`: one binary for every use of Kizuna — serving the web pages and
//! the API, and the command line (one module per system in [`cli`]).

use std::net::SocketAddr;

use clap::{Parser, Subcommand};
use kizuna_app::AppError;

/// mimalloc rather than glibc's allocator: after the places index is loaded
/// (millions of small allocations freed at once), glibc's next large
/// allocation consolidated every freed chunk and held a worker for about
/// two seconds.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

/// Kizuna: records, statistics and exchanges of a regional international-cooperation office.
#[derive(Parser)]
#[command(name = "kizuna", version, about, after_help = cli::FORMATS_HELP)]
struct Cli {
    /// Database URL: sqlite://PATH (the embedded default) or postgres://USER@HOST/DB.
    #[arg(
        long,
        global = true,
        env = "KIZUNA_DATABASE_URL",
        default_value = "sqlite://kizuna.sqlite3"
    )]
    database_url: String,
    /// The office whose records this process writes (office key; default:
    /// the store's default office). See `kizuna office list`.
    #[arg(long = "as-office", global = true, env = "KIZUNA_OFFICE")]
    as_office: Option<String>,
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
        /// The map's street basemap: an MBTiles file made by `kizuna basemap build`,
        /// served by Kizuna itself (checked at start).
        #[arg(long, env = "KIZUNA_BASEMAP")]
        basemap: Option<std::path::PathBuf>,
        /// An outside tile server, only if staff want one: a URL with {z}, {x}, {y}
        /// (and {s} for subdomains), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png.
        /// Empty (the default): browsers ask no other server. Browsers load tiles from it directly.
        #[arg(long, env = "KIZUNA_TILE_URL", default_value = "")]
        tile_url: String,
        /// The credit the tile server requires (default: © OpenStreetMap contributors).
        #[arg(long, env = "KIZUNA_TILE_ATTRIBUTION")]
        tile_attribution: Option<String>,
        /// A reverse proxy (IP address) whose X-Forwarded-For header names the
        /// client; repeat or separate with commas. Without it the header is
        /// ignored: clients could write any address there.
        #[arg(long = "trusted-proxy", env = "KIZUNA_TRUSTED_PROXY", value_delimiter = ',')]
        trusted_proxy: Vec<std::net::IpAddr>,
        /// A streaming replica of the PostgreSQL database (postgres://…): the
        /// public map and statistics, asked by visitors who are not signed in,
        /// are read from it; writes and signed-in reads stay on --database-url.
        #[arg(long, env = "KIZUNA_READ_DATABASE_URL")]
        read_database_url: Option<String>,
        #[command(flatten)]
        limits: cli::serve::Limits,
        #[command(flatten)]
        search: cli::search::IndexDir,
    },
    /// Load the deterministic demo dataset into the store (idempotent).
    Demo,
    /// Print statistics.
    Report {
        #[command(subcommand)]
        report: cli::training::Report,
    },
    /// Import records from a file; all rows or none.
    Import {
        #[command(subcommand)]
        what: cli::training::Import,
    },
    /// Export records, or an empty import template.
    Export {
        #[command(subcommand)]
        what: cli::training::Export,
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
        /// NorthAmerica, Kuwait, Qatar, Singapore (or MUIS), Tehran, Turkey (or Diyanet),
        /// Jakim, Kemenag (any case).
        #[arg(long, default_value = "MuslimWorldLeague")]
        method: String,
        /// Shafi or Hanafi (for asr).
        #[arg(long, default_value = "Shafi")]
        madhab: String,
        /// MiddleOfTheNight, SeventhOfTheNight or TwilightAngle (default: by latitude).
        #[arg(long, default_value = "")]
        high_latitude_rule: String,
        #[arg(long, value_enum, default_value_t = cli::SimpleFormat::Json)]
        format: cli::SimpleFormat,
    },
    /// Japan's public holidays (substitute and citizens' holidays included),
    /// as the map's opening hours read `PH`.
    Holidays {
        /// The first year (January).
        #[arg(long)]
        from: i32,
        /// The last year (December).
        #[arg(long)]
        to: i32,
        #[arg(long, value_enum, default_value_t = cli::holidays::HolidaysFormat::Json)]
        format: cli::holidays::HolidaysFormat,
    },
    /// The qibla from a place: degrees clockwise from true north.
    Qibla {
        #[arg(long, allow_hyphen_values = true)]
        lat: String,
        #[arg(long, allow_hyphen_values = true)]
        lon: String,
        #[arg(long, value_enum, default_value_t = cli::SimpleFormat::Json)]
        format: cli::SimpleFormat,
    },
    /// The map's street basemap: make it from an OpenStreetMap extract, or inspect one.
    Basemap {
        #[command(subcommand)]
        what: cli::basemap::Cmd,
    },
    /// Places of the Muslim-friendly map: search, import, export.
    Places {
        #[command(subcommand)]
        what: cli::map::PlacesCmd,
    },
    /// Write a realistic synthetic store of any size (fictional people; the
    /// same rows for the same --seed) into the database.
    Generate(cli::generate::GenerateArgs),
    /// Measure how fast pages render on a large store (see BENCHMARKS.md).
    Bench {
        #[command(subcommand)]
        what: cli::bench::BenchCmd,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        what: cli::accounts::UserCmd,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        what: cli::accounts::TokenCmd,
    },
    /// The offices the store holds.
    Office {
        #[command(subcommand)]
        what: cli::offices::OfficeCmd,
    },
    /// The audit log: who created, changed, viewed, exported or deleted which record.
    Audit {
        #[command(subcommand)]
        what: cli::audit::AuditCmd,
    },
    /// A person's data: export everything held on them, or erase them.
    Person {
        #[command(subcommand)]
        what: cli::people::PersonCmd,
    },
    /// Remove what the retention rules make due (see the README); --dry-run lists it first.
    Purge {
        /// List what would be removed, and why, without removing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check the database's consistency (after a crash or a restore):
    /// prints "ok", or each problem and exits with 1.
    Check,
    /// Partnership programmes' outcomes (the ripple ledger).
    Outcomes {
        #[command(subcommand)]
        what: cli::partnerships::OutcomesCmd,
    },
    /// The matchmaker: ranked counterparts for a locality or an organisation,
    /// and its leave-one-out evaluation.
    Match(cli::matchmaker::MatchArgs),
    /// Volunteer placements, their documents and what expires.
    Volunteers {
        #[command(subcommand)]
        what: cli::volunteers::Cmd,
    },
    /// Exchanges: delegations, dispatches, symposiums, courtesy calls, awards.
    Exchanges {
        #[command(subcommand)]
        what: cli::exchanges::Cmd,
    },
    /// Tourism: travel fairs and their leads, campaigns, tourism
    /// trainings, ambassadors, and visitor flows both ways.
    Tourism {
        #[command(subcommand)]
        what: cli::tourism::Cmd,
    },
    /// Halal-aware itineraries that respect prayer (tour proposals).
    Itinerary {
        #[command(subcommand)]
        what: cli::itinerary::Cmd,
    },
    /// Completion certificates: issue, list, download, revoke.
    Certificates {
        #[command(subcommand)]
        what: cli::certificates::Cmd,
    },
    /// The calendar of every dated activity, as iCalendar.
    Calendar {
        #[command(subcommand)]
        what: cli::calendar::Cmd,
    },
    /// Alumni: follow-ups of former trainees and volunteers, associations.
    Alumni {
        #[command(subcommand)]
        what: cli::alumni::Cmd,
    },
    /// Rebuild the search index from the store (progress on stderr).
    Reindex {
        #[command(flatten)]
        dir: cli::search::IndexDir,
    },
    /// Search every system's records by any name, in any script, as staff.
    Search(cli::search::SearchArgs),
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let url = cli.database_url.as_str();
    cli::set_office(cli.as_office.clone());
    match cli.command {
        Command::Serve {
            addr,
            demo,
            secure_cookies,
            basemap,
            tile_url,
            tile_attribution,
            trusted_proxy,
            read_database_url,
            limits,
            search,
        } => {
            let o = cli::serve::ServeOptions {
                addr,
                demo,
                secure_cookies,
                basemap,
                tile_url,
                tile_attribution,
                trusted_proxies: trusted_proxy,
                limits,
                index_dir: search.index_dir,
                read_database_url,
            };
            cli::serve::serve(url, o).await
        }
        Command::Demo => cli::serve::demo(url).await,
        Command::Report { report } => cli::training::report(url, report).await,
        Command::Import { what } => cli::training::import(url, what).await,
        Command::Export { what } => cli::training::export(url, what).await,
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
            let r = kizuna_app::map::prayer::PrayerRequest {
                lat,
                lon,
                date,
                tz,
                method,
                madhab,
                high_latitude_rule,
            };
            cli::map::prayer_times(&r, format)
        }
        Command::Qibla { lat, lon, format } => cli::map::qibla(&lat, &lon, format),
        Command::Holidays { from, to, format } => cli::holidays::run(from, to, format),
        Command::Basemap { what } => cli::basemap::run(what).await,
        Command::Places { what } => cli::map::run(what, url).await,
        Command::Generate(args) => cli::generate::run(url, args).await,
        Command::Bench { what } => cli::bench::run(what).await,
        Command::User { what } => cli::accounts::user(url, what).await,
        Command::Token { what } => cli::accounts::token(url, what).await,
        Command::Office { what } => cli::offices::office(url, what).await,
        Command::Audit { what } => cli::audit::audit(url, what).await,
        Command::Person { what } => cli::people::person(url, what).await,
        Command::Purge { dry_run } => cli::people::purge(url, dry_run).await,
        Command::Check => cli::check(url).await,
        Command::Outcomes { what } => cli::partnerships::outcomes(url, what).await,
        Command::Match(args) => cli::matchmaker::run(url, args).await,
        Command::Volunteers { what } => cli::volunteers::run(url, what).await,
        Command::Exchanges { what } => cli::exchanges::run(url, what).await,
        Command::Tourism { what } => cli::tourism::run(url, what).await,
        Command::Itinerary { what } => cli::itinerary::run(url, what).await,
        Command::Calendar { what } => cli::calendar::run(url, what).await,
        Command::Certificates { what } => cli::certificates::run(url, what).await,
        Command::Alumni { what } => cli::alumni::run(url, what).await,
        Command::Reindex { dir } => cli::search::reindex(url, dir).await,
        Command::Search(args) => cli::search::search(url, args).await,
    }
}

/// The allocator's option a server runs with unless its operator set it:
/// freed memory goes back to the system at once rather than after a delay
/// (mimalloc v3's second, counted only while a thread allocates). Loading the
/// places, a catch-up after a large import and searches over many places
/// each free tens of megabytes; with the delay they stayed counted against
/// the server until it next worked (a million places: peak 301 MB, 274 MB
/// purging at once; see BENCHMARKS.md, the map's server).
const PURGE_DELAY: (&str, &str) = ("MIMALLOC_PURGE_DELAY", "0");

/// Starts this process again with [`PURGE_DELAY`] set, since mimalloc reads
/// its options from the environment as the process starts (setting one
/// afterwards needs unsafe code, which the workspace forbids). `exec`
/// keeps the process id, its arguments and its open files; if it fails the
/// server runs on with the allocator's default, and says so.
fn purge_freed_memory_at_once() {
    let (name, value) = PURGE_DELAY;
    if std::env::var_os(name).is_some() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let mut args = std::env::args_os();
        let arg0 = args.next().unwrap_or_default();
        let error = match std::env::current_exe() {
            Ok(exe) => std::process::Command::new(exe)
                .arg0(arg0)
                .args(args)
                .env(name, value)
                .exec(),
            Err(e) => e,
        };
        tracing::warn!(%error, "could not restart with {name}={value}: freed memory returns to the system after the allocator's delay");
    }
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KIZUNA_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if matches!(cli.command, Command::Serve { .. }) {
        purge_freed_memory_at_once();
    }
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        // Output piped into a reader that stopped (`| head`): done, quietly.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            match e.downcast_ref::<AppError>() {
                Some(AppError::ImportRejected(_)) => eprintln!("{e}"),
                _ => eprintln!("error: {e:#}"),
            }
            std::process::ExitCode::FAILURE
        }
    }
}
