//! `kizuna report`, `kizuna import` and `kizuna export`: the training
//! system's statistics and trainee files.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use kizuna_app::App;
use kizuna_app::training::transfer::{FileFormat, trainee_template};
use kizuna_domain::common::programme::Programme;
use kizuna_domain::training::stats::TraineeFilter;
use kizuna_store::Page;

use super::{open, write_out};

#[derive(Subcommand)]
pub enum Report {
    /// Trainees and countries as of a date, by fiscal year, country, region, course and gender.
    Trainees {
        /// Count course editions started on or before this date, YYYY-MM-DD (default: today in Japan).
        #[arg(long, value_parser = super::date)]
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
        /// Only the participations this office keeps (office key; default: every office).
        #[arg(long)]
        office: Option<String>,
        /// List the people behind the figures instead of the figures.
        #[arg(long)]
        people: bool,
    },
    /// Volunteers' approved hours of a fiscal year (pending and rejected not counted).
    Hours {
        /// The fiscal year (2022, FY2022 or 令和4年度: April 2022 to March 2023).
        #[arg(long)]
        fy: String,
        /// Group by any of programme, locality, scheme, person (comma-separated, in order).
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// The language of names: en, ja, th or ms.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// The annual report of a fiscal year as HTML, PDF or JSON: trainees
    /// (the year's and cumulative), courses, exchanges, volunteers,
    /// partnership outcomes, tourism figures and photos.
    Annual(super::report::AnnualArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Json,
    Table,
    Csv,
}

#[derive(Subcommand)]
pub enum Import {
    /// A whole store from a file `kizuna export all` wrote (into an empty
    /// store, all in one transaction, every table checked).
    All(super::store_transfer::ImportAll),
    /// Trainees with their course participation, from CSV or XLSX.
    Trainees {
        file: PathBuf,
        /// Check the file and report problems without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutFormat {
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
pub enum Export {
    /// The whole store, every table, as one file `kizuna import all` reads
    /// into SQLite or PostgreSQL.
    All(super::store_transfer::ExportAll),
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
    /// Course editions, programmes and partnerships as IATI Activity Standard 2.03 XML.
    Iati(super::iati::IatiArgs),
}

/// The formats a template is written in: a spreadsheet to fill in.
#[derive(Clone, Copy, ValueEnum)]
pub enum TemplateFormat {
    Csv,
    Xlsx,
}

impl From<TemplateFormat> for FileFormat {
    fn from(f: TemplateFormat) -> Self {
        match f {
            TemplateFormat::Csv => FileFormat::Csv,
            TemplateFormat::Xlsx => FileFormat::Xlsx,
        }
    }
}

#[derive(Subcommand)]
pub enum Template {
    /// The trainee import's columns, with a sheet describing each (XLSX).
    Trainees {
        #[arg(long, value_enum, default_value_t = TemplateFormat::Csv)]
        format: TemplateFormat,
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

async fn trainee_filter(app: &App, r: &Report) -> anyhow::Result<TraineeFilter> {
    let Report::Trainees {
        as_of,
        fiscal_year,
        country,
        region,
        course,
        gender,
        office,
        ..
    } = r
    else {
        anyhow::bail!("not a trainee report");
    };
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
        office_id: match office {
            Some(key) => Some(
                app.office_by_key(key)
                    .await
                    .map_err(|_| anyhow::anyhow!("--office: no office has the key \"{key}\""))?
                    .id,
            ),
            None => None,
        },
    })
}

/// `kizuna report …`.
pub async fn report(database_url: &str, report: Report) -> anyhow::Result<()> {
    if let Report::Annual(args) = report {
        return super::report::annual(database_url, args).await;
    }
    if let Report::Hours { fy, by, format, lang } = &report {
        return super::hours::report(database_url, fy, by, *format, lang).await;
    }
    let app = open(database_url).await?;
    let filter = trainee_filter(&app, &report).await?;
    let Report::Trainees { format, people, .. } = report else {
        unreachable!("hours reports are handled above")
    };
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
                        kizuna_app::training::transfer::escape_formula(f.family_name.as_str()),
                        kizuna_app::training::transfer::escape_formula(
                            f.given_name
                                .as_ref()
                                .map(kizuna_domain::common::Text::as_str)
                                .unwrap_or(""),
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
            ReportFormat::Table => kizuna_app::training::reports::report_table(&r),
            ReportFormat::Csv => kizuna_app::training::reports::report_csv(&r),
        }
    };
    print!("{out}");
    app.store.close().await;

    Ok(())
}

/// `kizuna import …`.
pub async fn import(database_url: &str, what: Import) -> anyhow::Result<()> {
    let (file, dry_run) = match what {
        Import::All(args) => return super::store_transfer::import(database_url, args).await,
        Import::Trainees { file, dry_run } => (file, dry_run),
    };
    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let format = FileFormat::detect(&file.to_string_lossy(), &bytes);
    let app = open(database_url).await?;
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

    Ok(())
}

/// `kizuna export …`.
pub async fn export(database_url: &str, what: Export) -> anyhow::Result<()> {
    match what {
        Export::All(args) => super::store_transfer::export(database_url, args).await?,
        Export::Trainees { format, output } => {
            let app = open(database_url).await?;
            let bytes = app.export_trainees(format.into()).await?;
            app.store.close().await;
            write_out(&bytes, output.as_ref())?;
        }
        Export::Template {
            what: Template::Trainees { format, output },
        } => {
            write_out(&trainee_template(format.into())?, output.as_ref())?;
        }
        Export::Iati(args) => super::iati::export(database_url, args).await?,
    }
    Ok(())
}
