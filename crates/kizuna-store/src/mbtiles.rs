//! An MBTiles file (SQLite: a `metadata` table of names and values, a
//! `tiles` table or view of zoom, column, TMS row and bytes), opened read
//! only. The basemap the map draws comes from one; the application checks
//! what its metadata says (`kizuna-app/src/map/basemap.rs`).

use std::collections::BTreeMap;
use std::path::Path;

use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};

/// An MBTiles file opened read-only.
#[derive(Clone, Debug)]
pub struct MbTiles {
    pool: SqlitePool,
}

/// Tiles by zoom level: (zoom, count, bytes).
pub type ZoomCounts = Vec<(u8, u64, u64)>;

impl MbTiles {
    /// Opens `path` read-only; the error says why it cannot be read.
    pub async fn open(path: &Path) -> Result<Self, String> {
        if !path.is_file() {
            return Err("no such file".into());
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .immutable(true)
            .create_if_missing(false);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| format!("it cannot be opened as SQLite: {e}"))?;
        Ok(MbTiles { pool })
    }

    /// The `metadata` table's names and values.
    pub async fn metadata(&self) -> Result<BTreeMap<String, String>, String> {
        let rows = sqlx::query("SELECT name, value FROM metadata")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("it has no readable metadata table ({e})"))?;
        let mut out = BTreeMap::new();
        for r in rows {
            let name: String = r.try_get(0).map_err(|e| format!("metadata: {e}"))?;
            let value: Option<String> = r.try_get(1).map_err(|e| format!("metadata {name}: {e}"))?;
            out.insert(name, value.unwrap_or_default());
        }
        Ok(out)
    }

    /// Tiles by zoom level, with their stored size.
    pub async fn counts(&self) -> Result<ZoomCounts, String> {
        let rows = sqlx::query(
            "SELECT zoom_level, COUNT(*), COALESCE(SUM(LENGTH(tile_data)), 0) FROM tiles GROUP BY zoom_level ORDER BY zoom_level",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|e| format!("it has no readable tiles table ({e})"))?;
        let mut out = Vec::new();
        for r in rows {
            let z: i64 = r.try_get(0).map_err(|e| format!("tiles: {e}"))?;
            let n: i64 = r.try_get(1).map_err(|e| format!("tiles: {e}"))?;
            let b: i64 = r.try_get(2).map_err(|e| format!("tiles: {e}"))?;
            let z = u8::try_from(z).map_err(|_| format!("tiles: a zoom level of {z}"))?;
            out.push((z, u64::try_from(n).unwrap_or(0), u64::try_from(b).unwrap_or(0)));
        }
        Ok(out)
    }

    /// The stored bytes of the tile at zoom `z`, column `x` and TMS row
    /// `tms_y` (the XYZ row flipped), if there is one.
    pub async fn tile(&self, z: u8, x: u32, tms_y: u32) -> Result<Option<Vec<u8>>, String> {
        sqlx::query_scalar::<_, Vec<u8>>(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
        )
        .bind(i64::from(z))
        .bind(i64::from(x))
        .bind(i64::from(tms_y))
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| format!("reading a tile: {e}"))
    }

    /// Closes the file's connections.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
