//! `kizuna report hours`: approved volunteer hours of a fiscal year,
//! summed by programme, locality, scheme or person.

use kizuna_app::volunteers::hours::HoursReport;
use kizuna_domain::common::FiscalYear;
use kizuna_domain::volunteers::hours::{ReportBy, format_minutes};

use super::open;
use super::training::ReportFormat;

/// A cell a spreadsheet would run as a formula, prefixed with an
/// apostrophe (as the office's other files do).
fn escape_formula(s: &str) -> String {
    fn needs(s: &str) -> bool {
        s.starts_with(['=', '+', '-', '@', '\t', '\r']) || s.strip_prefix('\'').is_some_and(needs)
    }
    if needs(s) { format!("'{s}") } else { s.to_owned() }
}

/// The report's columns: each dimension's key and name, then hours and entries.
fn header(r: &HoursReport) -> Vec<String> {
    let mut h = Vec::new();
    for by in &r.by {
        h.push(by.as_str().to_owned());
        h.push(format!("{by}_name"));
    }
    h.push("hours".into());
    h.push("entries".into());
    h
}

fn lines(r: &HoursReport) -> Vec<Vec<String>> {
    r.rows
        .iter()
        .map(|row| {
            let mut line = Vec::new();
            for (key, label) in row.keys.iter().zip(&row.labels) {
                line.push(key.clone());
                line.push(label.clone());
            }
            line.push(format_minutes(row.minutes));
            line.push(row.entries.to_string());
            line
        })
        .collect()
}

/// The report as `format` (CSV and the table end with a total line).
pub fn render(r: &HoursReport, format: ReportFormat) -> anyhow::Result<String> {
    Ok(match format {
        ReportFormat::Json => {
            let rows: Vec<serde_json::Value> = r
                .rows
                .iter()
                .map(|row| {
                    let mut o = serde_json::Map::new();
                    for ((by, key), label) in r.by.iter().zip(&row.keys).zip(&row.labels) {
                        o.insert(by.as_str().into(), serde_json::json!({"key": key, "name": label}));
                    }
                    o.insert("hours".into(), serde_json::json!(row.minutes as f64 / 60.0));
                    o.insert("minutes".into(), serde_json::json!(row.minutes));
                    o.insert("entries".into(), serde_json::json!(row.entries));
                    serde_json::Value::Object(o)
                })
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({
                "fiscal_year": r.fiscal_year.year(),
                "from": r.fiscal_year.first_day(),
                "to": r.fiscal_year.last_day(),
                "by": r.by.iter().map(|b| b.as_str()).collect::<Vec<_>>(),
                "counted": "approved",
                "rows": rows,
                "total_hours": r.total_minutes as f64 / 60.0,
                "total_minutes": r.total_minutes,
                "total_entries": r.entries,
            }))? + "\n"
        }
        ReportFormat::Csv | ReportFormat::Table => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if matches!(format, ReportFormat::Table) {
                    b'\t'
                } else {
                    b','
                })
                .from_writer(Vec::new());
            w.write_record(header(r))?;
            for line in lines(r) {
                w.write_record(line.iter().map(|c| escape_formula(c)))?;
            }
            if !r.by.is_empty() {
                let mut total = vec![String::new(); r.by.len() * 2];
                total[0] = "total".into();
                total.push(format_minutes(r.total_minutes));
                total.push(r.entries.to_string());
                w.write_record(total)?;
            }
            String::from_utf8(w.into_inner()?)?
        }
    })
}

/// `kizuna report hours …`.
pub async fn report(database_url: &str, fy: &str, by: &str, format: ReportFormat, lang: &str) -> anyhow::Result<()> {
    let fy: FiscalYear = fy.parse().map_err(|e| anyhow::anyhow!("--fy: {e}"))?;
    let by =
        ReportBy::parse_list(by).map_err(|e| anyhow::anyhow!("--by: {e} (programme, locality, scheme, person)"))?;
    let app = open(database_url).await?;
    let result = app.hours_report(fy, &by, lang).await;
    app.store.close().await;
    let out = render(&result?, format)?;
    outln!("{}", out.trim_end());
    Ok(())
}
