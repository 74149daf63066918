//! `kizuna bench search` (issue 16): Kizuna's search index over many
//! synthetic documents in Japanese, Thai, Malay and English, set beside
//! SQLite FTS5 (trigram tokenizer) and PostgreSQL full-text search (a GIN
//! index on a stored `tsvector`, 'simple' configuration) and `pg_trgm` (a
//! GIN trigram index, as CJK text is usually searched there), in one run:
//!
//! 1. the documents, made deterministically from word lists written here
//!    (fictional names; the nine kinds of record the product indexes);
//! 2. building each index from them: documents per second and size;
//! 3. the same queries on each (single words, two words, full names, name
//!    prefixes, names with a typo, Japanese names typed in hiragana), warm,
//!    one at a time: median and p99;
//! 4. recall@10 of each engine against what the generator knows each
//!    document holds: a query's relevant documents are those whose
//!    words, as the generator wrote them, include the query's words (for a
//!    typo, the word it misspells; for a prefix, any word it begins; for
//!    a place, that place in any script). No engine's analysis decides it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use kizuna_app::App;
use kizuna_app::records::Entity;
use kizuna_app::search::{Search, Searcher};
use kizuna_domain::common::locality::Locality;
use kizuna_domain::common::organisation::Organisation;
use kizuna_domain::common::person::Person;
use kizuna_domain::common::programme::Programme;
use kizuna_domain::exchanges::delegation::Delegation;
use kizuna_domain::map::place::Place;
use kizuna_domain::partnerships::activity::Activity;
use kizuna_domain::partnerships::outcome::Outcome;
use kizuna_domain::volunteers::placement::Placement;
use kizuna_search::{Filter, Gazetteer, Positions, SearchDoc, SearchIndex};
use kizuna_store::{Backend, Page, Value};
use sqlx::Connection;

use crate::data::SplitMix;
use crate::pages::percentile;
use crate::record::Measure;
use crate::{LoadAverage, LoadWatch, Scratch};

mod corpus;
mod engines;
mod fixture;
mod queries;

use corpus::*;
use engines::*;
use fixture::*;
use queries::*;

pub struct Options {
    pub docs: usize,
    pub queries: usize,
    /// Also PostgreSQL (FTS and pg_trgm) at KIZUNA_TEST_POSTGRES_URL.
    pub postgres: bool,
}

// ---------------------------------------------------------------------------
// The run and its tables.

/// recall@10 of one answer: the relevant documents among the first ten,
/// over as many as there could be (ten, or fewer relevant).
fn recall(q: &BenchQuery, answer: &[u32]) -> f64 {
    let hits = answer
        .iter()
        .take(10)
        .filter(|d| q.relevant.binary_search(d).is_ok())
        .count();
    hits as f64 / q.relevant.len().min(10) as f64
}

fn mean_recall(qs: &[BenchQuery], run: &Run, keep: impl Fn(&BenchQuery) -> bool) -> Option<f64> {
    let rs: Vec<f64> = qs
        .iter()
        .zip(&run.answers)
        .filter(|(q, _)| keep(q))
        .map(|(q, a)| recall(q, a))
        .collect();
    (!rs.is_empty()).then(|| rs.iter().sum::<f64>() / rs.len() as f64)
}

fn median_of(qs: &[BenchQuery], run: &Run, keep: impl Fn(&BenchQuery) -> bool) -> Duration {
    let mut ts: Vec<Duration> = qs
        .iter()
        .zip(&run.times)
        .filter(|(q, _)| keep(q))
        .map(|(_, t)| *t)
        .collect();
    ts.sort();
    percentile(&ts, 0.5)
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1e3;
    if v < 10.0 { format!("{v:.2}") } else { format!("{v:.1}") }
}

fn report(o: &Options, c: &Corpus, qs: &[BenchQuery], runs: &[Run]) -> anyhow::Result<String> {
    let mut out = String::new();
    let by_lang: Vec<String> = LANGS
        .iter()
        .map(|l| format!("{} {}", l.code(), c.langs.iter().filter(|x| *x == l).count()))
        .collect();
    let by_kind: Vec<String> = KINDS
        .iter()
        .map(|(k, _)| format!("{k} {}", c.kinds.iter().filter(|x| *x == k).count()))
        .collect();
    let chars: usize = c
        .docs
        .iter()
        .map(|d| d.titles.values().map(|t| t.chars().count()).sum::<usize>() + d.body.chars().count())
        .sum();
    writeln!(
        out,
        "\n### {} documents in four languages, {} queries, top 10, one query at a time, warm\n",
        o.docs,
        qs.len()
    )?;
    writeln!(
        out,
        "Documents by language: {}; by kind: {}; {:.0} characters of titles and text each on average.\n",
        by_lang.join(", "),
        by_kind.join(", "),
        chars as f64 / c.docs.len().max(1) as f64
    )?;
    let mut sorted_times: Vec<Vec<Duration>> = runs
        .iter()
        .map(|r| {
            let mut t = r.times.clone();
            t.sort();
            t
        })
        .collect();
    let base_median = percentile(&sorted_times[0], 0.5).as_secs_f64();
    let base_p99 = percentile(&sorted_times[0], 0.99).as_secs_f64();
    writeln!(
        out,
        "| engine | indexing s | documents/s | on disk MB | median ms | p99 ms | median ÷ Kizuna's | p99 ÷ Kizuna's | round trip alone (median ms) | recall@10 | queries finding nothing | load average (1 min) |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")?;
    for (r, times) in runs.iter().zip(sorted_times.iter_mut()) {
        let median = percentile(times, 0.5);
        let p99 = percentile(times, 0.99);
        let docs_per_s = c.docs.len() as f64 / r.build.as_secs_f64().max(1e-9);
        for (metric, value, unit) in [
            ("median", median.as_secs_f64() * 1e3, "ms"),
            ("p99", p99.as_secs_f64() * 1e3, "ms"),
            ("indexing", docs_per_s, "docs/s"),
            ("on disk", mb(r.bytes), "MB"),
            ("recall@10", mean_recall(qs, r, |_| true).unwrap_or(0.0), ""),
        ] {
            // The engine's name without its setup in brackets: "SQLite FTS5".
            let engine = r.name.split(" (").next().unwrap_or(&r.name);
            crate::record::record(&Measure::new("search", o.docs as u64, engine, metric, value, unit));
        }
        writeln!(
            out,
            "| {} | {:.1} | {:.0} | {:.0} | {} | {} | {:.1}× | {:.1}× | {} | {:.3} | {} | {} |",
            r.name,
            r.build.as_secs_f64(),
            c.docs.len() as f64 / r.build.as_secs_f64().max(1e-9),
            mb(r.bytes),
            ms(median),
            ms(p99),
            median.as_secs_f64() / base_median.max(1e-12),
            p99.as_secs_f64() / base_p99.max(1e-12),
            r.floor.map_or_else(|| "—".into(), ms),
            mean_recall(qs, r, |_| true).unwrap_or(0.0),
            r.answers.iter().filter(|a| a.is_empty()).count(),
            r.load.as_ref().map_or_else(|| "—".into(), |l| format!("{:.2}", l.one)),
        )?;
    }
    let header = |out: &mut String, first: &str| -> std::fmt::Result {
        write!(out, "| {first} | queries |")?;
        for r in runs {
            write!(out, " {} |", r.name)?;
        }
        writeln!(out)?;
        write!(out, "|---|---:|")?;
        for _ in runs {
            write!(out, "---:|")?;
        }
        writeln!(out)
    };
    writeln!(out, "\nrecall@10 and median ms by kind of query:\n")?;
    header(&mut out, "kind of query")?;
    for cat in CATS {
        let n = qs.iter().filter(|q| q.cat == cat).count();
        write!(out, "| {} | {n} |", cat.label())?;
        for r in runs {
            let rec = mean_recall(qs, r, |q| q.cat == cat).unwrap_or(0.0);
            write!(out, " {rec:.3} ({} ms) |", ms(median_of(qs, r, |q| q.cat == cat)))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\nrecall@10 and median ms by the language of the query:\n")?;
    header(&mut out, "language")?;
    for lang in LANGS {
        let n = qs.iter().filter(|q| q.lang == lang).count();
        write!(out, "| {} | {n} |", lang.code())?;
        for r in runs {
            let rec = mean_recall(qs, r, |q| q.lang == lang).unwrap_or(0.0);
            write!(out, " {rec:.3} ({} ms) |", ms(median_of(qs, r, |q| q.lang == lang)))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\nExamples of the queries (relevant documents in brackets):\n")?;
    for lang in LANGS {
        let ex: Vec<String> = CATS
            .iter()
            .filter_map(|&cat| qs.iter().find(|q| q.lang == lang && q.cat == cat))
            .map(|q| format!("`{}` ({})", q.text, q.relevant.len()))
            .collect();
        writeln!(out, "- {}: {}", lang.code(), ex.join(", "))?;
    }
    Ok(out)
}

/// `kizuna bench search`.
pub async fn search(o: Options) -> anyhow::Result<()> {
    if o.docs == 0 || o.queries == 0 {
        bail!("--docs and --queries must be at least 1");
    }
    let watch = LoadWatch::start();
    let mut scratch = Scratch::default();
    eprintln!("generating {} documents…", o.docs);
    let t = Instant::now();
    let c = corpus(o.docs, 20_261_206);
    let qs = c.queries(o.queries, 16);
    eprintln!(
        "{} documents, {} distinct words, {} queries in {:.1} s",
        c.docs.len(),
        c.vocab.keys.len(),
        qs.len(),
        t.elapsed().as_secs_f64()
    );
    let dir = scratch.dir(std::env::temp_dir().join(format!("kizuna-bench-search-{}", std::process::id())))?;
    // First the small corpus, while the machine is quiet.
    let hand = hand_written(&mut scratch, &dir, o.postgres).await?;
    let mut runs = vec![kizuna(&c, &qs, &dir.join("tantivy"))?];
    // The index's files are not needed any more: room for the next.
    let _ = std::fs::remove_dir_all(dir.join("tantivy"));
    let sqlite = dir.join("fts5.sqlite3");
    runs.push(fts5(&c, &qs, &sqlite)?);
    let _ = std::fs::remove_file(&sqlite);
    let mut notes = Vec::new();
    if o.postgres {
        let url = scratch
            .fresh(Backend::Postgres)
            .await
            .context("PostgreSQL (KIZUNA_TEST_POSTGRES_URL, default 127.0.0.1:5432) for the comparison")?;
        let (fts, trgm, n) = postgres(&c, &qs, &url).await?;
        runs.push(fts);
        runs.push(trgm);
        notes.extend(n);
        scratch.release(&url).await;
    }
    print!("{}", report(&o, &c, &qs, &runs)?);
    print!("{hand}");
    for n in notes {
        println!("\n{n}");
    }
    println!("\n{}", watch.line());
    scratch.drop_all().await;
    Ok(())
}
