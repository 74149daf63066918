//! The spatial indexes of the databases, for `kizuna bench places` to set
//! beside Kizuna's own in-memory index: SQLite's R*Tree module and
//! PostGIS's GiST index with its `<->` nearest-neighbour operator.
//!
//! Both answer the same question as the map's index: the `k` points
//! nearest a position, by great-circle distance on the mean-radius sphere
//! (haversine), nearest first, ties by id. Neither is used by the product:
//! they are here only to be measured.

use std::time::{Duration, Instant};

use sqlx::{Connection, Row, SqliteConnection};

use kizuna_domain::map::place::{EARTH_MEAN_RADIUS_M as R, haversine_m};

use kizuna_store::StoreError;

/// One point to index: id, latitude, longitude (degrees, WGS 84).
pub type Point = (i64, f64, f64);

/// SQLite's R*Tree on a file of its own, queried with growing windows.
pub struct SqliteRtree {
    conn: SqliteConnection,
}

impl SqliteRtree {
    /// Create the R*Tree in a new SQLite file at `url` and insert every
    /// point (R*Tree has no bulk load: inserting is building). Returns the
    /// index and the time the inserts and commit took.
    pub async fn build(url: &str, points: &[Point]) -> Result<(Self, Duration), StoreError> {
        let opts: sqlx::sqlite::SqliteConnectOptions = url.parse()?;
        let mut conn = SqliteConnection::connect_with(&opts.create_if_missing(true)).await?;
        sqlx::raw_sql(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE VIRTUAL TABLE bench_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon, +lat, +lon);",
        )
        .execute(&mut conn)
        .await?;
        let started = Instant::now();
        let mut tx = conn.begin().await?;
        for chunk in points.chunks(1000) {
            let mut sql = String::from("INSERT INTO bench_rtree VALUES ");
            for (i, (id, lat, lon)) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                // Numbers formatted by Rust, never text from outside.
                sql.push_str(&format!("({id},{lat},{lat},{lon},{lon},{lat},{lon})"));
            }
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok((SqliteRtree { conn }, started.elapsed()))
    }

    /// The `k` nearest points: query a window around the point, widen it
    /// until it holds `k` points of which the `k`-th is no farther than the
    /// window's inscribed circle, then sort the candidates by haversine.
    pub async fn nearest(&mut self, lat: f64, lon: f64, k: usize) -> Result<Vec<(i64, f64)>, StoreError> {
        let sql = "SELECT id, lat, lon FROM bench_rtree
                   WHERE max_lat >= $1 AND min_lat <= $2 AND max_lon >= $3 AND min_lon <= $4";
        let mut radius = 200.0_f64;
        loop {
            let dlat = (radius / R).to_degrees();
            let coslat = lat.to_radians().cos().max(1e-6);
            let dlon = (dlat / coslat).min(180.0);
            let rows = sqlx::query(sql)
                .bind(lat - dlat)
                .bind(lat + dlat)
                .bind(lon - dlon)
                .bind(lon + dlon)
                .fetch_all(&mut self.conn)
                .await?;
            let mut found: Vec<(i64, f64)> = rows
                .iter()
                .map(|r| {
                    let (id, plat, plon): (i64, f64, f64) = (r.get(0), r.get(1), r.get(2));
                    (id, haversine_m(lat, lon, plat, plon))
                })
                .collect();
            found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            let whole_earth = radius >= std::f64::consts::PI * R;
            if found.len() >= k && found[k - 1].1 <= radius || whole_earth {
                found.truncate(k);
                return Ok(found);
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

    /// A query that does nothing: the floor every query above pays.
    pub async fn round_trip(&mut self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").fetch_one(&mut self.conn).await?;
        Ok(())
    }
}

/// A PostGIS table of geography points with a GiST index, in a database of
/// its own.
pub struct PostgisKnn {
    conn: sqlx::PgConnection,
}

impl PostgisKnn {
    /// Load the points into `url`'s database (which must allow
    /// `CREATE EXTENSION postgis`), then build the GiST index. Returns the
    /// index and the time `CREATE INDEX` took. `Ok(None)` when PostGIS is
    /// not installed on that server.
    pub async fn build(url: &str, points: &[Point]) -> Result<Option<(Self, Duration)>, StoreError> {
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
        for chunk in points.chunks(50_000) {
            let ids: Vec<i64> = chunk.iter().map(|p| p.0).collect();
            let lats: Vec<f64> = chunk.iter().map(|p| p.1).collect();
            let lons: Vec<f64> = chunk.iter().map(|p| p.2).collect();
            sqlx::query(
                "INSERT INTO bench_points (id, geog)
                 SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography
                 FROM UNNEST($1::bigint[], $2::float8[], $3::float8[]) AS t(id, lat, lon)",
            )
            .bind(ids)
            .bind(lats)
            .bind(lons)
            .execute(&mut conn)
            .await?;
        }
        let started = Instant::now();
        sqlx::raw_sql("CREATE INDEX bench_points_geog ON bench_points USING gist (geog)")
            .execute(&mut conn)
            .await?;
        let took = started.elapsed();
        sqlx::raw_sql("ANALYZE bench_points").execute(&mut conn).await?;
        Ok(Some((PostgisKnn { conn }, took)))
    }

    /// The `k` nearest points by `<->` on the GiST index, with their
    /// distance on the sphere.
    pub async fn nearest(&mut self, lat: f64, lon: f64, k: usize) -> Result<Vec<(i64, f64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, ST_Distance(geog, ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography, false) AS d
             FROM bench_points
             ORDER BY geog <-> ST_SetSRID(ST_MakePoint($2, $1), 4326)::geography
             LIMIT $3",
        )
        .bind(lat)
        .bind(lon)
        .bind(k as i64)
        .fetch_all(&mut self.conn)
        .await?;
        Ok(rows.iter().map(|r| (r.get::<i64, _>(0), r.get::<f64, _>(1))).collect())
    }

    /// Whether the query plan of [`Self::nearest`] walks the GiST index.
    pub async fn uses_index(&mut self) -> Result<bool, StoreError> {
        let rows = sqlx::query(
            "EXPLAIN SELECT id FROM bench_points
             ORDER BY geog <-> ST_SetSRID(ST_MakePoint(141.35, 43.06), 4326)::geography LIMIT 20",
        )
        .fetch_all(&mut self.conn)
        .await?;
        Ok(rows.iter().any(|r| r.get::<String, _>(0).contains("bench_points_geog")))
    }

    /// A query that does nothing: the floor every query above pays.
    pub async fn round_trip(&mut self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").fetch_one(&mut self.conn).await?;
        Ok(())
    }
}
