//! Figures as data, for `kizuna bench all`: each benchmark, beside the
//! Markdown it prints, hands every figure to [`record`], which appends it as
//! one JSON line to the file named by `KIZUNA_BENCH_RECORD` (nothing when
//! that is unset). `kizuna bench all` runs each benchmark at several sizes
//! with that variable set, then reads the lines back to draw its table and
//! its plots of cost against size.

use std::io::Write as _;

use serde::{Deserialize, Serialize};

/// The variable naming the file figures are appended to.
pub const RECORD_VAR: &str = "KIZUNA_BENCH_RECORD";

/// One figure of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The workload: `places`, `map-server`, `import`, `stats`, `search`…
    pub workload: String,
    /// The size it ran at (places, rows, participations, documents).
    pub size: u64,
    /// Who did the work: `kizuna` or the named alternative
    /// (`postgis`, `sqlite-rtree`, `group-by-sqlite`…).
    pub engine: String,
    /// What was measured: `median`, `p99`, `rss`, `throughput`…
    pub metric: String,
    pub value: f64,
    /// `ms`, `µs`, `MB`, `MB/s`, `rows/s`, `req/s`…
    pub unit: String,
    /// The 1-minute load average when the figure was taken.
    #[serde(default)]
    pub load: Option<f64>,
}

impl Measure {
    pub fn new(workload: &str, size: u64, engine: &str, metric: &str, value: f64, unit: &str) -> Self {
        Self {
            workload: workload.to_owned(),
            size,
            engine: engine.to_owned(),
            metric: metric.to_owned(),
            value,
            unit: unit.to_owned(),
            load: crate::LoadAverage::now().map(|l| l.one),
        }
    }
}

/// Append `m` to the record file, if one is named. A file that cannot be
/// written is reported on stderr; the benchmark itself goes on.
pub fn record(m: &Measure) {
    let Some(path) = std::env::var_os(RECORD_VAR) else {
        return;
    };
    let line = match serde_json::to_string(m) {
        Ok(l) => l,
        Err(e) => return eprintln!("bench record: {e}"),
    };
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| writeln!(f, "{line}"));
    if let Err(e) = written {
        eprintln!("bench record: {}: {e}", std::path::Path::new(&path).display());
    }
}

/// Every figure in a record file's text; lines that are not figures are skipped.
pub fn read(text: &str) -> Vec<Measure> {
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_survives_the_round_trip() {
        let m = Measure::new("places", 1_000_000, "postgis", "median", 266.0, "µs");
        let text = format!("{}\nnot a figure\n", serde_json::to_string(&m).unwrap());
        assert_eq!(read(&text), vec![m]);
    }
}
