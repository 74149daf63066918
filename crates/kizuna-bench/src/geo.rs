//! The spatial indexes of the databases, for `kizuna bench places` to set
//! beside Kizuna's own in-memory index: SQLite's R*Tree module and
//! PostGIS's GiST index with its `<->` nearest-neighbour operator.
//!
//! Both answer the same question as the map's index: the `k` points
//! nearest a position, by great-circle distance on the mean-radius sphere
//! (haversine), nearest first, ties by id. Neither is used by the product:
//! they are here only to be measured, and each is given what its own
//! experts would give it (issue 17): points loaded in spatial order (along
//! a Hilbert curve), a direct connection, prepared statements, a cache
//! that holds the whole SQLite file, a plan that walks the GiST index.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::{AssertSqlSafe, Connection, Row};

use kizuna_domain::map::place::{EARTH_MEAN_RADIUS_M as R, haversine_m};

/// One point to index: id, latitude, longitude (degrees, WGS 84).
pub type Point = (i64, f64, f64);

/// The position of the cell `(x, y)` along the Hilbert curve filling a
/// grid of `2^order × 2^order` cells (`order` at most 31): cells near each
/// other along the curve are near each other on the grid.
pub fn hilbert_index(order: u32, mut x: u32, mut y: u32) -> u64 {
    let n: u32 = 1 << order;
    let mut d: u64 = 0;
    let mut s = n / 2;
    while s > 0 {
        let rx = u32::from(x & s != 0);
        let ry = u32::from(y & s != 0);
        d += u64::from(s) * u64::from(s) * u64::from((3 * rx) ^ ry);
        // Turn the quadrant so that the curve inside it starts and ends
        // where the curve of the whole grid enters and leaves it.
        if ry == 0 {
            if rx == 1 {
                x = n - 1 - x;
                y = n - 1 - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s /= 2;
    }
    d
}

/// A point's place along a Hilbert curve over longitude and latitude
/// (a 65,536 × 65,536 grid over the whole earth: cells of about 600 m ×
/// 300 m): the order in which the databases are given the points.
pub fn hilbert_key(lat: f64, lon: f64) -> u64 {
    const ORDER: u32 = 16;
    let cells = f64::from(1u32 << ORDER);
    let cell = |v: f64, lo: f64, span: f64| (((v - lo) / span) * cells).clamp(0.0, cells - 1.0) as u32;
    hilbert_index(ORDER, cell(lon, -180.0, 360.0), cell(lat, -90.0, 180.0))
}

/// The points in spatial order (along [`hilbert_key`]), ties by id.
pub fn spatially_sorted(points: &[Point]) -> Vec<Point> {
    let mut keyed: Vec<(u64, Point)> = points.iter().map(|p| (hilbert_key(p.1, p.2), *p)).collect();
    keyed.sort_unstable_by_key(|(k, p)| (*k, p.0));
    keyed.into_iter().map(|(_, p)| p).collect()
}

/// SQLite's R*Tree in a file of its own, on a direct connection
/// (`rusqlite`, on the calling thread: no worker thread between the query
/// and the caller, unlike `sqlx`'s SQLite driver), queried with growing
/// windows through a cached prepared statement.
pub struct SqliteRtree {
    conn: rusqlite::Connection,
    /// The database file's size once built, in bytes.
    pub file_bytes: u64,
    /// `PRAGMA cache_size` set for the queries (negative: KiB).
    pub cache_size: i64,
    /// `PRAGMA mmap_size` set for the queries.
    pub mmap_size: u64,
}

const RTREE_WINDOW: &str = "SELECT id, lat, lon FROM bench_rtree
     WHERE max_lat >= ?1 AND min_lat <= ?2 AND max_lon >= ?3 AND min_lon <= ?4";

impl SqliteRtree {
    /// Create the R*Tree in a new SQLite file at `path` and insert every
    /// point in spatial order, with one prepared insert in one transaction
    /// (R*Tree has no bulk load: inserting is building). Returns the index
    /// and the time the sort, the inserts, the commit and the checkpoint
    /// took. Then sizes the page cache (and the memory map) to hold the
    /// whole file, and reads every node once.
    pub fn build(path: &Path, points: &[Point]) -> anyhow::Result<(Self, Duration)> {
        let conn = rusqlite::Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        // Room for the whole tree while it is built (1 GiB at most).
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -1048576;
             CREATE VIRTUAL TABLE bench_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon, +lat, +lon);",
        )?;
        let started = Instant::now();
        let sorted = spatially_sorted(points);
        let tx = conn.unchecked_transaction()?;
        {
            let mut insert = tx.prepare("INSERT INTO bench_rtree VALUES (?1, ?2, ?2, ?3, ?3, ?2, ?3)")?;
            for (id, lat, lon) in &sorted {
                insert.execute(rusqlite::params![id, lat, lon])?;
            }
        }
        tx.commit()?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        let took = started.elapsed();
        let file_bytes = std::fs::metadata(path)?.len();
        // The cache holds the whole file with a quarter to spare; the file
        // is mapped too, so pages are read without a copy. One connection
        // only: the lock is taken once, not at every query.
        let cache_kib = (file_bytes / 1024) * 5 / 4 + 1024;
        let mmap_size = (file_bytes * 2).max(64 << 20);
        let cache_size = -i64::try_from(cache_kib)?;
        conn.execute_batch(&format!(
            "PRAGMA cache_size = {cache_size}; PRAGMA mmap_size = {mmap_size}; PRAGMA locking_mode = EXCLUSIVE;"
        ))?;
        // Every node read once, into the cache.
        let _: i64 = conn.query_row("SELECT sum(length(data)) FROM bench_rtree_node", [], |r| r.get(0))?;
        Ok((
            SqliteRtree {
                conn,
                file_bytes,
                cache_size,
                mmap_size,
            },
            took,
        ))
    }

    /// The `k` nearest points, as SQLite's users ask an R*Tree for them:
    /// a window around the point, widened (by the density seen) until it
    /// holds `k` points; then, if the `k`-th of those by haversine lies
    /// beyond the window's inscribed circle, one last window of that
    /// radius, which must hold the true `k` nearest. Sorted by haversine.
    pub fn nearest(&self, lat: f64, lon: f64, k: usize) -> anyhow::Result<Vec<(i64, f64)>> {
        let mut window = self.conn.prepare_cached(RTREE_WINDOW)?;
        let mut radius = 200.0_f64;
        let mut found: Vec<(i64, f64)> = Vec::with_capacity(4 * k);
        loop {
            let dlat = (radius / R).to_degrees();
            // The longitude span is widest in metres at the window's
            // equatorward edge: take the poleward edge, so the window holds
            // the whole circle.
            let coslat = (lat.abs() + dlat).min(90.0).to_radians().cos().max(1e-9);
            let dlon = dlat / coslat;
            // A window across the antimeridian (or wider than the earth):
            // every longitude, which holds it.
            let (west, east) = if lon - dlon < -180.0 || lon + dlon > 180.0 {
                (-180.0, 180.0)
            } else {
                (lon - dlon, lon + dlon)
            };
            found.clear();
            let mut rows = window.query(rusqlite::params![lat - dlat, lat + dlat, west, east])?;
            while let Some(r) = rows.next()? {
                let (id, plat, plon): (i64, f64, f64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                found.push((id, haversine_m(lat, lon, plat, plon)));
            }
            let whole_earth = radius >= std::f64::consts::PI * R;
            if found.len() >= k || whole_earth {
                found.sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                if whole_earth || found[k - 1].1 <= radius {
                    found.truncate(k);
                    return Ok(found);
                }
                // k points lie within the k-th's distance: a window of that
                // radius holds the k nearest.
                radius = found[k - 1].1 * (1.0 + 1e-9);
                continue;
            }
            // Grow by the density seen so far (at least double).
            let grow = if found.is_empty() {
                4.0
            } else {
                ((k as f64 / found.len() as f64).sqrt() * 1.5).max(2.0)
            };
            radius *= grow;
        }
    }

    /// A query that does nothing, through a cached prepared statement: the
    /// floor every query above pays.
    pub fn round_trip(&self) -> anyhow::Result<()> {
        let _: i64 = self.conn.prepare_cached("SELECT 1")?.query_row([], |r| r.get(0))?;
        Ok(())
    }
}

/// A PostGIS table of geography points with a GiST index, in a database of
/// its own.
pub struct PostgisKnn {
    conn: sqlx::PgConnection,
    /// The nearest-k query, with `k` written into it.
    sql: String,
}

/// How PostgreSQL will run [`PostgisKnn::nearest`].
pub struct KnnPlan {
    /// `plan_cache_mode` set on the connection.
    pub cache_mode: &'static str,
    /// `EXPLAIN EXECUTE` of the prepared query, one line per row.
    pub explain: Vec<String>,
    /// Whether that plan is a KNN scan of the GiST index (`Index Scan`
    /// with an `Order By` on it).
    pub knn_index_scan: bool,
}

impl PostgisKnn {
    /// Load the points into `url`'s database (which must allow
    /// `CREATE EXTENSION postgis`) in spatial order, so that the table's
    /// rows lie near each other as the points do; then build the GiST
    /// index and vacuum and analyze the table. Returns the index, the time
    /// the load took and the time `CREATE INDEX` took. `Ok(None)` when
    /// PostGIS is not installed on that server.
    pub async fn build(url: &str, points: &[Point]) -> anyhow::Result<Option<(Self, Duration, Duration)>> {
        let mut conn = sqlx::PgConnection::connect(url).await?;
        if sqlx::raw_sql("CREATE EXTENSION IF NOT EXISTS postgis")
            .execute(&mut conn)
            .await
            .is_err()
        {
            return Ok(None);
        }
        sqlx::raw_sql("CREATE TABLE bench_points (id bigint PRIMARY KEY, geog geography(Point, 4326) NOT NULL)")
            .execute(&mut conn)
            .await?;
        let started = Instant::now();
        let sorted = spatially_sorted(points);
        for chunk in sorted.chunks(50_000) {
            let ids: Vec<i64> = chunk.iter().map(|p| p.0).collect();
            let lats: Vec<f64> = chunk.iter().map(|p| p.1).collect();
            let lons: Vec<f64> = chunk.iter().map(|p| p.2).collect();
            sqlx::query(
                "INSERT INTO bench_points (id, geog)
                 SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography
                 FROM UNNEST($1::bigint[], $2::float8[], $3::float8[]) WITH ORDINALITY AS t(id, lat, lon, n)
                 ORDER BY n",
            )
            .bind(ids)
            .bind(lats)
            .bind(lons)
            .execute(&mut conn)
            .await?;
        }
        let load = started.elapsed();
        let started = Instant::now();
        sqlx::raw_sql("CREATE INDEX bench_points_geog ON bench_points USING gist (geog)")
            .execute(&mut conn)
            .await?;
        let took = started.elapsed();
        sqlx::raw_sql("VACUUM (ANALYZE) bench_points")
            .execute(&mut conn)
            .await?;
        // The table and its index in shared buffers, as far as they fit
        // (pg_prewarm is in PostgreSQL's contrib; without it the warm-up
        // queries do what they can).
        if sqlx::raw_sql("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            .execute(&mut conn)
            .await
            .is_ok()
        {
            sqlx::raw_sql("SELECT pg_prewarm('bench_points'), pg_prewarm('bench_points_geog')")
                .execute(&mut conn)
                .await?;
        }
        Ok(Some((
            PostgisKnn {
                conn,
                sql: String::new(),
            },
            load,
            took,
        )))
    }

    /// Prepare the nearest-`k` query, `LIMIT k` written into it, and choose
    /// how PostgreSQL plans it: one generic plan reused by every execution
    /// when that plan is the KNN scan of the GiST index (no planning per
    /// query), else a custom plan each time. Returns the plan chosen.
    pub async fn prepare(&mut self, k: usize) -> anyhow::Result<KnnPlan> {
        // A number formatted here, never text from outside.
        let body = format!(
            "SELECT id, ST_Distance(geog, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, false) AS d
             FROM bench_points
             ORDER BY geog <-> ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography
             LIMIT {k}"
        );
        sqlx::raw_sql(AssertSqlSafe(format!("PREPARE bench_knn(float8, float8) AS {body}")))
            .execute(&mut self.conn)
            .await?;
        let mut chosen = None;
        for mode in ["force_generic_plan", "force_custom_plan"] {
            sqlx::raw_sql(AssertSqlSafe(format!("SET plan_cache_mode = {mode}")))
                .execute(&mut self.conn)
                .await?;
            let explain: Vec<String> = sqlx::query("EXPLAIN EXECUTE bench_knn(43.06, 141.35)")
                .fetch_all(&mut self.conn)
                .await?
                .iter()
                .map(|r| r.get::<String, _>(0))
                .collect();
            let knn_index_scan = explain.iter().any(|l| l.contains("Index Scan using bench_points_geog"))
                && explain
                    .iter()
                    .any(|l| l.trim_start().starts_with("Order By:") && l.contains("<->"));
            let plan = KnnPlan {
                cache_mode: mode,
                explain,
                knn_index_scan,
            };
            let walks_the_index = plan.knn_index_scan;
            // The last tried (custom plans) if neither walks the index.
            chosen = Some(plan);
            if walks_the_index {
                break;
            }
        }
        sqlx::raw_sql("DEALLOCATE bench_knn").execute(&mut self.conn).await?;
        let plan = chosen.context("no plan")?;
        sqlx::raw_sql(AssertSqlSafe(format!("SET plan_cache_mode = {}", plan.cache_mode)))
            .execute(&mut self.conn)
            .await?;
        self.sql = body;
        Ok(plan)
    }

    /// The `k` nearest points (`k` as given to [`Self::prepare`]) by `<->`
    /// on the GiST index, with their distance on the sphere: the query
    /// prepared once on the server (sqlx keeps it), then only bound and
    /// executed.
    pub async fn nearest(&mut self, lat: f64, lon: f64) -> anyhow::Result<Vec<(i64, f64)>> {
        anyhow::ensure!(!self.sql.is_empty(), "PostgisKnn::prepare first");
        let rows = sqlx::query(AssertSqlSafe(self.sql.as_str()))
            .bind(lat)
            .bind(lon)
            .fetch_all(&mut self.conn)
            .await?;
        Ok(rows.iter().map(|r| (r.get::<i64, _>(0), r.get::<f64, _>(1))).collect())
    }

    /// A query that does nothing: the floor every query above pays.
    pub async fn round_trip(&mut self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").fetch_one(&mut self.conn).await?;
        Ok(())
    }

    /// Close the connection (before its database is dropped).
    pub async fn close(self) {
        let _ = self.conn.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Along the curve every step moves to a neighbouring cell, and every
    /// cell is visited once: what makes the order spatial.
    #[test]
    fn the_hilbert_curve_visits_every_cell_once_by_neighbouring_steps() {
        let order = 5;
        let n = 1u32 << order;
        let mut cells: Vec<(u64, u32, u32)> = (0..n)
            .flat_map(|x| (0..n).map(move |y| (hilbert_index(order, x, y), x, y)))
            .collect();
        cells.sort_unstable();
        for (i, c) in cells.iter().enumerate() {
            assert_eq!(c.0, i as u64, "every index from 0 to n²−1 once");
        }
        for w in cells.windows(2) {
            let step = w[0].1.abs_diff(w[1].1) + w[0].2.abs_diff(w[1].2);
            assert_eq!(step, 1, "{:?} → {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn spatial_order_keeps_near_points_together() {
        // Two clusters, interleaved in the input: sorted, each is one run.
        let points: Vec<Point> = (0..20)
            .map(|i| {
                let base = if i % 2 == 0 { (43.06, 141.35) } else { (33.59, 130.40) };
                (i, base.0 + f64::from(i as i32) * 1e-3, base.1)
            })
            .collect();
        let sorted = spatially_sorted(&points);
        let runs = sorted.windows(2).filter(|w| (w[0].0 % 2) != (w[1].0 % 2)).count();
        assert_eq!(runs, 1, "{sorted:?}");
    }
}
