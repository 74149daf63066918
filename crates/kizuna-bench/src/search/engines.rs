//! The engines: Kizuna's index, SQLite FTS5 (trigram), PostgreSQL FTS and
//! pg_trgm, each set up as its experts would.

use super::*;

/// One engine's run.
pub(super) struct Run {
    pub(super) name: String,
    /// Loading and indexing, and the documents per second that makes.
    pub(super) build: Duration,
    /// Bytes on disk (index, and the texts it keeps).
    pub(super) bytes: u64,
    pub(super) times: Vec<Duration>,
    /// The top 10 of each query (document indexes).
    pub(super) answers: Vec<Vec<u32>>,
    /// A query that does nothing, on the same connection (databases).
    pub(super) floor: Option<Duration>,
    pub(super) load: Option<LoadAverage>,
}

/// Every query once to warm up, then once more timed.
pub(super) fn measure(
    qs: &[BenchQuery],
    mut ask: impl FnMut(&str) -> anyhow::Result<Vec<u32>>,
) -> anyhow::Result<(Vec<Duration>, Vec<Vec<u32>>)> {
    for q in qs {
        ask(&q.text)?;
    }
    let mut times = Vec::with_capacity(qs.len());
    let mut answers = Vec::with_capacity(qs.len());
    for q in qs {
        let t = Instant::now();
        let found = ask(&q.text)?;
        times.push(t.elapsed());
        answers.push(found);
    }
    Ok((times, answers))
}

pub(super) fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(std::fs::Metadata::is_file)
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

pub(super) fn index_of(id: i64) -> u32 {
    u32::try_from(id - 1).unwrap_or(u32::MAX)
}

/// Kizuna's index: the production schema, analysis and writer
/// (`SearchIndex::open` and `replace_all`, as `kizuna reindex` does), and
/// the production query (the parsed text with the built-in gazetteer, as a
/// staff member searching every kind).
pub(super) fn kizuna(c: &Corpus, qs: &[BenchQuery], dir: &Path) -> anyhow::Result<Run> {
    let ix = SearchIndex::open(dir)?;
    let docs = c.docs.clone();
    let n = docs.len();
    eprintln!("indexing {n} documents with Kizuna's index…");
    let t = Instant::now();
    ix.replace_all(
        docs,
        Positions {
            format: kizuna_search::index::FORMAT,
            versions: std::collections::BTreeMap::new(),
        },
        |k| {
            if k % 100_000 == 0 && k > 0 {
                eprintln!("  {k}");
            }
        },
    )?;
    let build = t.elapsed();
    anyhow::ensure!(ix.len() == n as u64, "the index holds {} documents of {n}", ix.len());
    let gazetteer = Gazetteer::built_in();
    let filter = Filter {
        kinds: Vec::new(),
        audiences: vec!["staff".into()],
    };
    let (times, answers) = measure(qs, |q| {
        let Some(parsed) = kizuna_search::parse(q, &gazetteer) else {
            return Ok(Vec::new());
        };
        Ok(ix
            .search(&parsed, &filter, 10)?
            .into_iter()
            .map(|f| index_of(f.doc.id))
            .collect())
    })?;
    Ok(Run {
        name: "Kizuna (tantivy, its own analysis)".into(),
        build,
        bytes: dir_bytes(dir),
        times,
        answers,
        floor: None,
        load: LoadAverage::now(),
    })
}

pub(super) fn titles_text(d: &SearchDoc) -> String {
    d.titles.values().map(String::as_str).collect::<Vec<_>>().join("\n")
}

/// A query's words as the databases are given them: split at spaces,
/// without the LIKE wildcards.
pub(super) fn words(q: &str) -> Vec<String> {
    q.split_whitespace()
        .map(|w| w.replace(['%', '_', '\\'], ""))
        .filter(|w| !w.is_empty())
        .collect()
}

/// SQLite FTS5 with the trigram tokenizer (case folded, Latin diacritics
/// removed), in a file of its own on a direct connection (`rusqlite`):
/// loaded in one transaction through one prepared insert, optimized
/// (segments merged), then the page cache sized to the file. A query's
/// words of three characters or more are one `MATCH` (each a quoted
/// substring), ranked by bm25 with titles weighted as Kizuna weighs them;
/// shorter words, which a trigram index cannot look up, are `LIKE`
/// filters (alone, they scan the table). Prepared statements, cached.
pub(super) struct Fts5 {
    pub(super) conn: rusqlite::Connection,
    pub(super) build: Duration,
    pub(super) bytes: u64,
}

impl Fts5 {
    /// The documents in a new file at `path`, each with its position in
    /// `docs` (from 1) as its rowid.
    pub(super) fn build(docs: &[SearchDoc], path: &Path) -> anyhow::Result<Self> {
        let conn = rusqlite::Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;
             CREATE VIRTUAL TABLE bench_fts USING fts5(title, body, tokenize = 'trigram remove_diacritics 1');",
        )?;
        let t = Instant::now();
        let tx = conn.unchecked_transaction()?;
        {
            let mut insert = tx.prepare("INSERT INTO bench_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?;
            for (i, d) in docs.iter().enumerate() {
                insert.execute(rusqlite::params![i as i64 + 1, titles_text(d), d.body])?;
            }
        }
        tx.commit()?;
        conn.execute_batch("INSERT INTO bench_fts (bench_fts) VALUES ('optimize');")?;
        let build = t.elapsed();
        let bytes = std::fs::metadata(path)?.len();
        // The cache holds the whole file with a quarter to spare, the file
        // is mapped too, and the one connection keeps its lock.
        let cache_kib = (bytes / 1024) * 5 / 4 + 1024;
        let mmap_size = (bytes * 2).max(64 << 20);
        conn.execute_batch(&format!(
            "PRAGMA cache_size = -{cache_kib}; PRAGMA mmap_size = {mmap_size}; PRAGMA locking_mode = EXCLUSIVE;"
        ))?;
        let _: i64 = conn.query_row(
            "SELECT (SELECT sum(length(block)) FROM bench_fts_data) + (SELECT sum(length(c0) + length(c1)) FROM bench_fts_content)",
            [],
            |r| r.get(0),
        )?;
        Ok(Self { conn, build, bytes })
    }

    /// The first ten rowids for a query.
    pub(super) fn ask(&self, q: &str) -> anyhow::Result<Vec<i64>> {
        let ws = words(q);
        let (long, short): (Vec<&String>, Vec<&String>) = ws.iter().partition(|w| w.chars().count() >= 3);
        let mut sql = String::from("SELECT rowid FROM bench_fts WHERE ");
        let mut conds = Vec::new();
        let mut args: Vec<String> = Vec::new();
        if !long.is_empty() {
            conds.push("bench_fts MATCH ?".to_owned());
            args.push(
                long.iter()
                    .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        for w in &short {
            conds.push("(title LIKE ? OR body LIKE ?)".to_owned());
            args.push(format!("%{w}%"));
            args.push(format!("%{w}%"));
        }
        if conds.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(&conds.join(" AND "));
        if !long.is_empty() {
            sql.push_str(" ORDER BY bm25(bench_fts, 3.0, 1.0)");
        }
        sql.push_str(" LIMIT 10");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get::<_, i64>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(super) fn floor(&self) -> anyhow::Result<Duration> {
        let mut floor = Vec::with_capacity(1000);
        for _ in 0..1000 {
            let t = Instant::now();
            let _: i64 = self.conn.prepare_cached("SELECT 1")?.query_row([], |r| r.get(0))?;
            floor.push(t.elapsed());
        }
        floor.sort();
        Ok(percentile(&floor, 0.5))
    }
}

pub(super) fn fts5(c: &Corpus, qs: &[BenchQuery], path: &Path) -> anyhow::Result<Run> {
    eprintln!("loading SQLite FTS5 (trigram)…");
    let fts = Fts5::build(&c.docs, path)?;
    let (times, answers) = measure(qs, |q| Ok(fts.ask(q)?.into_iter().map(index_of).collect()))?;
    Ok(Run {
        name: "SQLite FTS5 (trigram tokenizer)".into(),
        build: fts.build,
        bytes: fts.bytes,
        times,
        answers,
        floor: Some(fts.floor()?),
        load: LoadAverage::now(),
    })
}

/// PostgreSQL in a database of its own: the documents loaded in batches
/// (`UNNEST` of arrays) into a table with a stored `tsvector` column
/// ('simple' configuration: PostgreSQL has no Japanese or Thai parser;
/// titles weighted A, bodies B), a GIN index on it, and a GIN `pg_trgm`
/// index on the text for substring search. Both queries are prepared
/// statements on one connection.
pub(super) struct Pg {
    pub(super) conn: sqlx::PgConnection,
    pub(super) load: Duration,
    pub(super) fts_index: Duration,
    pub(super) trgm_index: Duration,
    pub(super) table_bytes: u64,
    pub(super) fts_bytes: u64,
    pub(super) trgm_bytes: u64,
    pub(super) notes: Vec<String>,
}

pub(super) const PG_FTS: &str = "SELECT id FROM bench_docs, to_tsquery('simple', $1) AS q
     WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10";

/// The `pg_trgm` query for `n` words: each a case-insensitive substring,
/// unranked (ranking every match by similarity would read them all).
pub(super) fn pg_trgm_sql(n: usize) -> String {
    let conds: Vec<String> = (1..=n).map(|i| format!("(title || ' ' || body) ILIKE ${i}")).collect();
    format!("SELECT id FROM bench_docs WHERE {} LIMIT 10", conds.join(" AND "))
}

/// A `to_tsquery` text: every word as a prefix, all required.
pub(super) fn tsquery(q: &str) -> String {
    q.split_whitespace()
        .map(|w| format!("'{}':*", w.replace('\\', "\\\\").replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// `value` written as a field of COPY's text format (backslash, tab,
/// newline and carriage return escaped).
pub(super) fn copy_text(out: &mut String, value: &str) {
    for ch in value.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

impl Pg {
    /// The documents, each with its position in `docs` (from 1) as its id.
    pub(super) async fn build(docs: &[SearchDoc], url: &str) -> anyhow::Result<Self> {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        sqlx::raw_sql(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;
             CREATE TABLE bench_docs (
                 id bigint PRIMARY KEY,
                 title text NOT NULL,
                 body text NOT NULL,
                 tsv tsvector GENERATED ALWAYS AS
                     (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED
             );",
        )
        .execute(&mut conn)
        .await?;
        eprintln!("loading PostgreSQL…");
        let t = Instant::now();
        // COPY, the way PostgreSQL is bulk-loaded: one statement, the rows
        // streamed as text in slices of about a megabyte.
        let mut copy = conn.copy_in_raw("COPY bench_docs (id, title, body) FROM STDIN").await?;
        let mut text = String::with_capacity(1 << 21);
        for (i, d) in docs.iter().enumerate() {
            text.push_str(&(i + 1).to_string());
            text.push('\t');
            copy_text(&mut text, &titles_text(d));
            text.push('\t');
            copy_text(&mut text, &d.body);
            text.push('\n');
            if text.len() >= 1 << 20 {
                copy.send(text.as_bytes()).await?;
                text.clear();
            }
        }
        if !text.is_empty() {
            copy.send(text.as_bytes()).await?;
        }
        copy.finish().await?;
        let load = t.elapsed();
        sqlx::raw_sql("SET maintenance_work_mem = '2GB'")
            .execute(&mut conn)
            .await?;
        eprintln!("building PostgreSQL's GIN indexes…");
        let t = Instant::now();
        sqlx::raw_sql("CREATE INDEX bench_docs_tsv ON bench_docs USING gin (tsv)")
            .execute(&mut conn)
            .await?;
        let fts_index = t.elapsed();
        let t = Instant::now();
        sqlx::raw_sql("CREATE INDEX bench_docs_trgm ON bench_docs USING gin ((title || ' ' || body) gin_trgm_ops)")
            .execute(&mut conn)
            .await?;
        let trgm_index = t.elapsed();
        sqlx::raw_sql("VACUUM ANALYZE bench_docs").execute(&mut conn).await?;
        let size = |rel: &'static str| sqlx::query_scalar::<_, i64>("SELECT pg_table_size($1::regclass)").bind(rel);
        let table_bytes = u64::try_from(size("bench_docs").fetch_one(&mut conn).await?)?;
        let fts_bytes = u64::try_from(size("bench_docs_tsv").fetch_one(&mut conn).await?)?;
        let trgm_bytes = u64::try_from(size("bench_docs_trgm").fetch_one(&mut conn).await?)?;
        let mut pg = Pg {
            conn,
            load,
            fts_index,
            trgm_index,
            table_bytes,
            fts_bytes,
            trgm_bytes,
            notes: Vec::new(),
        };
        // The plans use the indexes for a rare word (for a common one,
        // reading the table until ten rows match is rightly cheaper).
        for (label, sql, index) in [
            (
                "FTS",
                format!("EXPLAIN {}", PG_FTS.replace("$1", "'norchley:*'")),
                "bench_docs_tsv",
            ),
            (
                "pg_trgm",
                format!("EXPLAIN {}", pg_trgm_sql(1).replace("$1", "'%norchley%'")),
                "bench_docs_trgm",
            ),
        ] {
            let plan: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut pg.conn)
                .await?;
            if !plan.iter().any(|l| l.contains(index)) {
                pg.notes.push(format!(
                    "warning: the {label} plan does not use {index}: {}",
                    plan.join(" / ")
                ));
            }
        }
        Ok(pg)
    }

    pub(super) async fn fts(&mut self, q: &str) -> anyhow::Result<Vec<u32>> {
        let ids: Vec<i64> = sqlx::query_scalar(PG_FTS)
            .bind(tsquery(q))
            .fetch_all(&mut self.conn)
            .await?;
        Ok(ids.into_iter().map(index_of).collect())
    }

    pub(super) async fn trgm(&mut self, q: &str) -> anyhow::Result<Vec<u32>> {
        let ws = words(q);
        if ws.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(pg_trgm_sql(ws.len())));
        for w in &ws {
            query = query.bind(format!("%{w}%"));
        }
        let ids: Vec<i64> = query.fetch_all(&mut self.conn).await?;
        Ok(ids.into_iter().map(index_of).collect())
    }

    pub(super) async fn floor(&mut self) -> anyhow::Result<Duration> {
        let mut floor = Vec::with_capacity(1000);
        for _ in 0..1000 {
            let t = Instant::now();
            let _: i32 = sqlx::query_scalar("SELECT 1").fetch_one(&mut self.conn).await?;
            floor.push(t.elapsed());
        }
        floor.sort();
        Ok(percentile(&floor, 0.5))
    }
}

/// Both PostgreSQL runs: FTS, then pg_trgm.
pub(super) async fn postgres(c: &Corpus, qs: &[BenchQuery], url: &str) -> anyhow::Result<(Run, Run, Vec<String>)> {
    let mut pg = Pg::build(&c.docs, url).await?;
    let mut runs = Vec::new();
    for trgm in [false, true] {
        for q in qs {
            if trgm {
                pg.trgm(&q.text).await?;
            } else {
                pg.fts(&q.text).await?;
            }
        }
        let mut times = Vec::with_capacity(qs.len());
        let mut answers = Vec::with_capacity(qs.len());
        for q in qs {
            let t = Instant::now();
            let found = if trgm {
                pg.trgm(&q.text).await?
            } else {
                pg.fts(&q.text).await?
            };
            times.push(t.elapsed());
            answers.push(found);
        }
        let floor = pg.floor().await?;
        runs.push(Run {
            name: if trgm {
                "PostgreSQL pg_trgm (GIN trigram index, ILIKE per word)".into()
            } else {
                "PostgreSQL FTS ('simple' tsvector, GIN index)".into()
            },
            build: pg.load + if trgm { pg.trgm_index } else { pg.fts_index },
            bytes: pg.table_bytes + if trgm { pg.trgm_bytes } else { pg.fts_bytes },
            times,
            answers,
            floor: Some(floor),
            load: LoadAverage::now(),
        });
    }
    let mut notes = std::mem::take(&mut pg.notes);
    notes.push(format!(
        "PostgreSQL: loading (with the tsvector computed) {:.1} s; the GIN index on the tsvector {:.1} s ({:.0} MB), the pg_trgm GIN index {:.1} s ({:.0} MB); the table {:.0} MB (texts and tsvector).",
        pg.load.as_secs_f64(),
        pg.fts_index.as_secs_f64(),
        mb(pg.fts_bytes),
        pg.trgm_index.as_secs_f64(),
        mb(pg.trgm_bytes),
        mb(pg.table_bytes),
    ));
    pg.conn.close().await?;
    let trgm = runs.pop().context("pg_trgm run")?;
    let fts = runs.pop().context("FTS run")?;
    Ok((fts, trgm, notes))
}

pub(super) fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}
