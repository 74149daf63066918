//! `kizuna places …`: search the Muslim-friendly map's places, import and
//! export them. The same application functions as the web API.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use kizuna_app::map::{BBox, ImportProgress, PlaceFile, PlaceFileFormat, PlaceFilter, PlaceHit};
use kizuna_app::{App, AppError};

use super::{SimpleFormat, open};

#[derive(Subcommand)]
pub enum PlacesCmd {
    /// The k places nearest a point, nearest first.
    Nearest {
        /// Latitude, WGS 84 degrees north.
        #[arg(long, allow_hyphen_values = true)]
        lat: String,
        /// Longitude, WGS 84 degrees east.
        #[arg(long, allow_hyphen_values = true)]
        lon: String,
        /// How many places (1-1000).
        #[arg(long, default_value_t = 5)]
        k: usize,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Places within a radius of a point, or inside a box, nearest first.
    Search {
        /// Around this point: LAT,LON (with --radius-m).
        #[arg(long, allow_hyphen_values = true)]
        near: Option<String>,
        /// Metres around --near.
        #[arg(long)]
        radius_m: Option<f64>,
        /// WEST,SOUTH,EAST,NORTH in degrees (WEST > EAST crosses the antimeridian).
        #[arg(long, allow_hyphen_values = true)]
        bbox: Option<String>,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Certificates expiring within 30 days, expired ones, and places not verified for 12 months.
    Review,
    /// Import places from GeoJSON, CSV or OpenStreetMap (.osm, .osm.pbf): all or none.
    /// A place already recorded under the same source and source id is updated.
    Import {
        file: PathBuf,
        /// The file's format (default: from its name: .geojson/.json, .csv, .osm, .osm.pbf/.pbf).
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
        /// Check only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Refuse the whole file over any object that cannot become a place,
        /// as other imports do. Without it, such OpenStreetMap objects are
        /// left out and listed, a missing name is taken from brand, operator
        /// or category and street, https:// is added to a website without a
        /// scheme, and unreadable opening hours are kept as text (open "unknown").
        #[arg(long)]
        strict: bool,
        /// How the report is printed on standard output: counts, then each
        /// object left out and each warning (text), or the whole report (json).
        #[arg(long, value_enum, default_value_t = ImportReportFormat::Text)]
        report: ImportReportFormat,
        /// Show a progress bar on standard error (bytes read of the file's
        /// size, places a second) even when it is not a terminal; on a
        /// terminal it is shown anyway.
        #[arg(long)]
        progress: bool,
    },
    /// Export every place as GeoJSON (RFC 7946) or CSV.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Geojson)]
        format: ExportFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// A printable A4 PDF booklet: every place by area, with its assurance level and a small map.
    Booklet {
        /// The booklet's language: en, ja, th or ms.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Write the PDF to this file.
        #[arg(long)]
        out: PathBuf,
        /// A TrueType font file to prefer to the embedded Noto Sans JP and Thai
        /// (repeatable; default: the files in $KIZUNA_PDF_FONTS, if any).
        #[arg(long = "font")]
        fonts: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
pub struct FilterArgs {
    /// Only these categories, comma-separated (restaurant, cafe, grocery, halal_shop, hotel, mosque, prayer_room, other).
    #[arg(long)]
    category: Option<String>,
    /// Only these assurance levels, comma-separated (certified, self_declared, pork_free, vegetarian_options, unknown).
    #[arg(long)]
    assurance: Option<String>,
    /// Only places with (true) or without (false) a prayer space.
    #[arg(long)]
    prayer_space: Option<String>,
    /// Only places open now (by their opening hours, in Japan time).
    #[arg(long)]
    open_now: bool,
    /// The moment --open-now means, RFC 3339 (default: now).
    #[arg(long)]
    at: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> Result<PlaceFilter, AppError> {
        PlaceFilter::parse(
            self.category.as_deref(),
            self.assurance.as_deref(),
            self.prayer_space.as_deref(),
            Some(if self.open_now { "true" } else { "false" }),
            self.at.as_deref(),
        )
        .map_err(AppError::Invalid)
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ImportReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    /// GeoJSON (RFC 7946) FeatureCollection of points.
    Geojson,
    /// CSV with the columns of `places export --format csv`.
    Csv,
    /// OpenStreetMap XML.
    Osm,
    /// OpenStreetMap PBF.
    Pbf,
}

impl From<ImportFormat> for PlaceFileFormat {
    fn from(f: ImportFormat) -> Self {
        match f {
            ImportFormat::Geojson => PlaceFileFormat::Geojson,
            ImportFormat::Csv => PlaceFileFormat::Csv,
            ImportFormat::Osm => PlaceFileFormat::OsmXml,
            ImportFormat::Pbf => PlaceFileFormat::OsmPbf,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Geojson,
    Csv,
}

fn print(hits: &[PlaceHit], format: Format) -> anyhow::Result<()> {
    match format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(hits)?),
        Format::Table => {
            for h in hits {
                let d = h.distance_m.map(|d| format!("{d:>10.0} m")).unwrap_or_default();
                outln!(
                    "{d}  {:<48} {:<12} {:<18} {}",
                    h.name,
                    h.place.fields.category.as_str(),
                    h.place.fields.halal.level().as_str(),
                    h.certificate_status
                        .map(kizuna_domain::map::place::CertificateStatus::as_str)
                        .unwrap_or("")
                );
            }
        }
    }
    Ok(())
}

fn number(name: &str, raw: &str) -> Result<f64, AppError> {
    raw.trim().parse::<f64>().map_err(|_| {
        AppError::Invalid(vec![kizuna_domain::FieldError::new(
            name,
            "not_a_number",
            format!("\"{raw}\" is not a number"),
        )])
    })
}

/// `kizuna prayer-times`: one day's prayer times at a place.
pub fn prayer_times(r: &kizuna_app::map::prayer::PrayerRequest, format: SimpleFormat) -> anyhow::Result<()> {
    let t = kizuna_app::map::prayer::prayer_times(r)?;
    match format {
        SimpleFormat::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "fajr": t.fajr, "sunrise": t.sunrise, "dhuhr": t.dhuhr,
                "asr": t.asr, "maghrib": t.maghrib, "isha": t.isha,
                "date": t.date, "timezone": t.timezone, "method": t.method,
                "madhab": t.madhab, "high_latitude_rule": t.high_latitude_rule,
            }))?
        ),
        SimpleFormat::Table => {
            outln!(
                "{} ({}, {}, {}, {})",
                t.date,
                t.timezone,
                t.method,
                t.madhab,
                t.high_latitude_rule
            );
            for (name, v) in [
                ("fajr", &t.fajr),
                ("sunrise", &t.sunrise),
                ("dhuhr", &t.dhuhr),
                ("asr", &t.asr),
                ("maghrib", &t.maghrib),
                ("isha", &t.isha),
            ] {
                outln!("{name:<8} {}", v.get(11..16).unwrap_or(v));
            }
        }
    }
    Ok(())
}

/// `kizuna qibla`: the bearing to the Kaaba from a place.
pub fn qibla(lat: &str, lon: &str, format: SimpleFormat) -> anyhow::Result<()> {
    let bearing = kizuna_app::map::prayer::qibla(lat, lon)?;
    match format {
        SimpleFormat::Json => outln!("{}", serde_json::json!({ "bearing_deg": bearing })),
        SimpleFormat::Table => outln!("{bearing:.3}°"),
    }
    Ok(())
}

pub async fn run(cmd: PlacesCmd, database_url: &str) -> anyhow::Result<()> {
    let app = open(database_url).await?;
    let result = run_on(&app, cmd).await;
    app.store.close().await;
    result
}

async fn run_on(app: &App, cmd: PlacesCmd) -> anyhow::Result<()> {
    match cmd {
        PlacesCmd::Nearest {
            lat,
            lon,
            k,
            filter,
            format,
        } => {
            let (lat, lon) = kizuna_app::map::prayer::parse_position(&lat, &lon)?;
            let hits = app.nearest_places(lat, lon, k, &filter.filter()?).await?;
            print(&hits, format)?;
        }
        PlacesCmd::Search {
            near,
            radius_m,
            bbox,
            filter,
            format,
        } => {
            let f = filter.filter()?;
            let hits = match (near, radius_m, bbox) {
                (None, None, Some(b)) => {
                    app.places_within_bbox(BBox::parse(&b).map_err(AppError::Invalid)?, &f)
                        .await?
                }
                (Some(n), Some(r), None) => {
                    let (lat, lon) = n
                        .split_once(',')
                        .ok_or_else(|| anyhow::anyhow!("--near: write LAT,LON"))?;
                    app.places_within_radius(number("lat", lat)?, number("lon", lon)?, r, &f)
                        .await?
                }
                _ => {
                    anyhow::bail!("give either --near LAT,LON with --radius-m METRES, or --bbox WEST,SOUTH,EAST,NORTH")
                }
            };
            print(&hits, format)?;
        }
        PlacesCmd::Review => {
            outln!("{}", serde_json::to_string_pretty(&app.places_for_review().await?)?);
        }
        PlacesCmd::Import {
            file,
            format,
            dry_run,
            strict,
            report,
            progress,
        } => {
            let format = match format {
                Some(f) => PlaceFileFormat::from(f),
                None => PlaceFileFormat::from_file_name(&file.to_string_lossy()).ok_or_else(|| {
                    anyhow::anyhow!(
                        "cannot tell the format of {} from its name; give --format geojson, csv, osm or pbf",
                        file.display()
                    )
                })?,
            };
            let place_file =
                PlaceFile::path(file.clone()).with_context(|| format!("cannot read {}", file.display()))?;
            let bar = (progress || std::io::stderr().is_terminal()).then(|| ProgressBar::start(&place_file.progress));
            let r = app.import_place_file(format, place_file, dry_run, strict).await;
            if let Some(bar) = bar {
                bar.finish();
            }
            let r = r?;
            let mut skipped = if r.skipped > 0 {
                format!(" ({} other OpenStreetMap objects skipped)", r.skipped)
            } else {
                String::new()
            };
            let left_out: usize = r.left_out_by_reason.values().sum();
            if left_out > 0 {
                skipped.push_str(&format!("; {left_out} left out (listed on standard output)"));
            }
            match report {
                ImportReportFormat::Json => outln!("{}", serde_json::to_string_pretty(&r)?),
                ImportReportFormat::Text => outln!("{}", import_report_text(&r)),
            }
            if dry_run {
                eprintln!(
                    "{} ({}): {} places checked, no problems{skipped}; {} would be added and {} updated; nothing was written (dry run)",
                    file.display(),
                    format.label(),
                    r.features,
                    r.inserted,
                    r.updated
                );
            } else {
                eprintln!(
                    "{} ({}): {} places added, {} updated{skipped}",
                    file.display(),
                    format.label(),
                    r.inserted,
                    r.updated
                );
            }
        }
        PlacesCmd::Export { format, output } => {
            let bytes = match format {
                ExportFormat::Geojson => app.export_geojson().await?,
                ExportFormat::Csv => app.export_places_csv().await?,
            };
            match output {
                Some(path) => {
                    std::fs::write(&path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
                    eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
                }
                None => std::io::stdout().write_all(&bytes)?,
            }
        }
        PlacesCmd::Booklet { lang, out, fonts } => booklet(app, &lang, &out, &fonts).await?,
    }
    Ok(())
}

/// An import's report as text: the counts, then each object left out and each warning.
fn import_report_text(r: &kizuna_app::map::PlaceImportReport) -> String {
    let mut out = vec![
        format!(
            "imported: {}{} ({} added, {} updated)",
            r.inserted + r.updated,
            if r.dry_run { " (dry run: nothing written)" } else { "" },
            r.inserted,
            r.updated
        ),
        format!("left out: {}", r.left_out_by_reason.values().sum::<usize>()),
    ];
    for (code, n) in &r.left_out_by_reason {
        out.push(format!("  {code}: {n}"));
    }
    out.push(format!("warnings: {}", r.warnings.len()));
    out.push(format!("not places of the map (other objects): {}", r.skipped));
    let line = |n: &kizuna_app::map::PlaceImportNote| {
        format!("  {}\t{}={}\t{}: {}", n.object, n.tag, n.value, n.code, n.reason)
    };
    if !r.left_out.is_empty() {
        let all: usize = r.left_out_by_reason.values().sum();
        out.push(if all > r.left_out.len() {
            format!("left out (the first {} of {all}):", r.left_out.len())
        } else {
            "left out:".into()
        });
        out.extend(r.left_out.iter().map(line));
    }
    if !r.warnings.is_empty() {
        out.push(if r.warnings.len() >= kizuna_app::map::MAX_NOTES {
            format!("warnings (the first {}):", r.warnings.len())
        } else {
            "warnings:".into()
        });
        out.extend(r.warnings.iter().map(line));
    }
    out.join("\n")
}

/// `kizuna places booklet`: the PDF booklet, drawn with the fonts embedded
/// in kizuna (after any named) and the land shapes embedded in it.
async fn booklet(app: &App, lang: &str, out: &std::path::Path, fonts: &[PathBuf]) -> anyhow::Result<()> {
    use kizuna_docs::booklet::BookletFonts;
    let lang = kizuna_i18n::Lang::parse(lang).map_err(|e| anyhow::anyhow!("--lang: {}", e.message))?;
    let fonts = if fonts.is_empty() {
        BookletFonts::discover()?
    } else {
        BookletFonts::load(fonts)?
    };
    let pdf = app
        .booklet_pdf(lang, std::sync::Arc::new(fonts), kizuna_web::api::booklet_land())
        .await?;
    std::fs::write(out, &*pdf).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {} ({} bytes, in {lang})", out.display(), pdf.len());
    Ok(())
}

/// The import's progress on standard error, redrawn five times a second:
/// a bar of the bytes read of the file's size, the places read and how
/// many a second.
struct ProgressBar {
    task: tokio::task::JoinHandle<()>,
    progress: Arc<ImportProgress>,
    start: Instant,
}

impl ProgressBar {
    fn start(progress: &Arc<ImportProgress>) -> Self {
        let start = Instant::now();
        let p = Arc::clone(progress);
        let task = tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                eprint!("\r{}", progress_line(&p, start.elapsed()));
            }
        });
        ProgressBar {
            task,
            progress: Arc::clone(progress),
            start,
        }
    }

    fn finish(self) {
        self.task.abort();
        eprintln!("\r{}", progress_line(&self.progress, self.start.elapsed()));
    }
}

/// `[#########-----------]  45.0 of 100.0 MB  120,000 places  40,000/s  15.0 MB/s`
/// (with `pass 2` when an OpenStreetMap file is read again for ways' nodes).
fn progress_line(p: &ImportProgress, elapsed: Duration) -> String {
    #![allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    const WIDTH: usize = 24;
    let (total, read, places) = (
        p.total.load(Ordering::Relaxed),
        p.read.load(Ordering::Relaxed),
        p.places.load(Ordering::Relaxed),
    );
    let passes = p.passes.load(Ordering::Relaxed);
    let done = if total == 0 {
        0.0
    } else {
        (read as f64 / total as f64).min(1.0)
    };
    let filled = (done * WIDTH as f64).round() as usize;
    let secs = elapsed.as_secs_f64().max(1e-3);
    let mb = |b: u64| b as f64 / 1_000_000.0;
    let pass = if passes > 1 {
        format!(" pass {passes}")
    } else {
        String::new()
    };
    format!(
        "[{}{}]{pass} {:>7.1} of {:.1} MB  {places} places  {:.0}/s  {:.1} MB/s ",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        mb(read),
        mb(total),
        places as f64 / secs,
        mb(read) / secs,
    )
}
