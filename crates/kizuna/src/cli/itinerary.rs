//! `kizuna itinerary`: halal-aware itineraries that respect prayer.
//!
//! ```text
//! kizuna itinerary plan --from 2027-04-13 --days 2 --start 12 --include 3,7,9 \
//!     --meal-level certified --mode bus [--speed 40] [--ramadan] [--method JAKIM] \
//!     [--lang ja] --format json|ics|text|pdf [--out FILE]
//! ```
//!
//! `pdf` is the printable itinerary in `--lang` (fonts as `KIZUNA_PDF_FONTS`
//! names them, then the embedded ones), written to `--out`/`--output` or to
//! standard output.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use kizuna_domain::common::Id;
use kizuna_domain::map::place::Assurance;
use kizuna_domain::tourism::itinerary::{Mode, Options, Start};
use kizuna_geo::prayer::Method;
use kizuna_i18n::Lang;

use super::{date, open, write_out};

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Ics,
    Text,
    /// The printable itinerary (A4, in --lang).
    Pdf,
}

#[derive(Subcommand)]
pub enum Cmd {
    /// Draft an itinerary for a Muslim group over the map's places.
    Plan {
        /// The first day, YYYY-MM-DD.
        #[arg(long, value_parser = date)]
        from: chrono::NaiveDate,
        /// How many days (1–14).
        #[arg(long, default_value_t = 1)]
        days: u32,
        /// Where the tour starts: a place's id, or LAT,LON.
        #[arg(long)]
        start: String,
        /// The places and sights to include: ids, comma-separated.
        #[arg(long, value_delimiter = ',')]
        include: Vec<Id>,
        /// The lowest assurance for meals: certified, self_declared
        /// (Muslim-friendly), pork_free or vegetarian_options.
        #[arg(long, default_value = "self_declared")]
        meal_level: String,
        /// walk, car or bus.
        #[arg(long, default_value = "bus")]
        mode: String,
        /// Road speed of car or bus, km/h.
        #[arg(long, default_value_t = 40.0)]
        speed: f64,
        /// Walking distance to a prayer space, metres.
        #[arg(long, default_value_t = 1000.0)]
        walk_max: f64,
        /// Every day is a day of Ramadan (else only days inside the
        /// expected Ramadan periods, or those given with --ramadan-period).
        #[arg(long)]
        ramadan: bool,
        /// A Ramadan period, FIRST..LAST (YYYY-MM-DD..YYYY-MM-DD); replaces
        /// the expected ones.
        #[arg(long)]
        ramadan_period: Vec<String>,
        /// Prayer time method (e.g. MuslimWorldLeague, JAKIM, KEMENAG, MUIS, Diyanet).
        #[arg(long, default_value = "MuslimWorldLeague")]
        method: String,
        /// Day start and end, HH:MM.
        #[arg(long, default_value = "08:00")]
        day_start: String,
        #[arg(long, default_value = "21:00")]
        day_end: String,
        /// Language of names and words: en, ja, th or ms.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write here instead of standard output.
        #[arg(long, short, visible_alias = "out")]
        output: Option<PathBuf>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s.trim()).ok_or_else(|| format!("\"{s}\" is not a language: en, ja, th or ms"))
}

fn clock(s: &str, what: &str) -> anyhow::Result<i32> {
    let t = chrono::NaiveTime::parse_from_str(s.trim(), "%H:%M")
        .map_err(|_| anyhow::anyhow!("--{what}: \"{s}\" is not a time; write HH:MM, e.g. 08:30"))?;
    use chrono::Timelike;
    Ok((t.hour() * 60 + t.minute()) as i32)
}

/// The options of `plan` as the planner takes them.
#[allow(clippy::too_many_arguments)]
fn options(
    from: chrono::NaiveDate,
    days: u32,
    start: &str,
    include: Vec<Id>,
    meal_level: &str,
    mode: &str,
    speed: f64,
    walk_max: f64,
    ramadan: bool,
    periods: &[String],
    (day_start, day_end): (&str, &str),
    lang: Lang,
) -> anyhow::Result<Options> {
    let start = match start.split_once(',') {
        Some((lat, lon)) => Start::Point {
            lat: lat
                .trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("--start: \"{start}\" is not LAT,LON"))?,
            lon: lon
                .trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("--start: \"{start}\" is not LAT,LON"))?,
        },
        None => Start::Place(
            start
                .trim()
                .parse()
                .map_err(|_| anyhow::anyhow!("--start: \"{start}\" is neither a place id nor LAT,LON"))?,
        ),
    };
    let mut o = Options::new(from, days, start);
    o.include = include;
    o.meal_level = meal_level.trim().replace('-', "_").parse::<Assurance>().map_err(|_| {
        anyhow::anyhow!(
            "--meal-level: \"{meal_level}\" is not certified, self_declared, pork_free or vegetarian_options"
        )
    })?;
    o.mode = Mode::parse(mode).ok_or_else(|| anyhow::anyhow!("--mode: \"{mode}\" is not walk, car or bus"))?;
    o.road_kmh = speed;
    o.walk_max_m = walk_max;
    o.ramadan = ramadan;
    if !periods.is_empty() {
        o.ramadan_periods = periods
            .iter()
            .map(|p| {
                let (a, b) = p
                    .split_once("..")
                    .ok_or_else(|| anyhow::anyhow!("--ramadan-period: \"{p}\" is not FIRST..LAST"))?;
                Ok((
                    date(a).map_err(anyhow::Error::msg)?,
                    date(b).map_err(anyhow::Error::msg)?,
                ))
            })
            .collect::<anyhow::Result<_>>()?;
    }
    o.day_start = clock(day_start, "day-start")?;
    o.day_end = clock(day_end, "day-end")?;
    o.languages = vec![lang.code().to_owned()];
    Ok(o)
}

pub async fn run(url: &str, what: Cmd) -> anyhow::Result<()> {
    let Cmd::Plan {
        from,
        days,
        start,
        include,
        meal_level,
        mode,
        speed,
        walk_max,
        ramadan,
        ramadan_period,
        method,
        day_start,
        day_end,
        lang,
        format,
        output,
    } = what;
    let o = options(
        from,
        days,
        &start,
        include,
        &meal_level,
        &mode,
        speed,
        walk_max,
        ramadan,
        &ramadan_period,
        (&day_start, &day_end),
        lang,
    )?;
    let method: Method = method.parse().map_err(|e| anyhow::anyhow!("--method: {e}"))?;
    let app = open(url).await?;
    let it = app.plan_itinerary(o, method).await?;
    for w in &it.plan.warnings {
        eprintln!(
            "warning: {} {}",
            w.date,
            kizuna_app::tourism::itinerary::warning_text(lang, w)
        );
    }
    let bytes = match format {
        Format::Json => serde_json::to_vec_pretty(&it.view(lang))?,
        Format::Ics => it.ics(lang, app.now()).into_bytes(),
        Format::Text => it.text(lang).into_bytes(),
        Format::Pdf => {
            app.itinerary_pdf(&it, lang, std::sync::Arc::new(kizuna_docs::engine::Fonts::discover()?))
                .await?
        }
    };
    write_out(&bytes, output.as_ref())
}
