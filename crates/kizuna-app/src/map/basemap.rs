//! The street basemap: vector tiles an office makes from an OpenStreetMap
//! extract of its region, kept in one MBTiles file and served by Kizuna
//! itself, so the map needs no outside tile server.
//!
//! [`build`] runs Debian's `tilemaker` with Kizuna's own layer choice
//! (`basemap/tilemaker.json`, `basemap/process.lua`, embedded and written
//! to a temporary folder) on the blocking pool; an extract whose ways name
//! nodes it lacks (cut-out city extracts) is first made complete
//! ([`kizuna_io::osm_complete`]), which tilemaker 2.2 needs. [`Basemap::open`]
//! checks a file before it is served: its metadata, `format` = `pbf`,
//! bounds, zoom range and at least one tile. The layers and attributes the
//! tiles carry are listed at the top of `process.lua`.

use std::path::{Path, PathBuf};
use std::process::Command;

use kizuna_store::mbtiles::MbTiles;
use serde::Serialize;

/// Kizuna's tilemaker configuration: layers, zooms, gzip.
pub const TILEMAKER_CONFIG: &str = include_str!("basemap/tilemaker.json");
/// Kizuna's tilemaker tag processing: which objects go into which layer.
pub const TILEMAKER_PROCESS: &str = include_str!("basemap/process.lua");

/// What went wrong making or opening a basemap, said for the person at
/// the terminal.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    #[error(
        "tilemaker is not installed: the basemap is made with it (Debian or Ubuntu: apt-get install tilemaker), or set KIZUNA_TILEMAKER to its path"
    )]
    ToolMissing,
    #[error("{0} exists already: choose another --out, or add --force to replace it")]
    Exists(PathBuf),
    #[error("the extract {path}: {why}")]
    Input { path: PathBuf, why: String },
    #[error("tilemaker failed ({status}): {why}")]
    Tool { status: String, why: String },
    #[error("the basemap {path}: {why}")]
    File { path: PathBuf, why: String },
}

/// What a basemap file holds.
#[derive(Debug, Clone, Serialize)]
pub struct BasemapInfo {
    pub path: PathBuf,
    pub name: String,
    pub format: String,
    /// West, south, east, north in degrees.
    pub bounds: [f64; 4],
    pub center: [f64; 2],
    pub minzoom: u8,
    pub maxzoom: u8,
    pub attribution: Option<String>,
    /// The vector layers its metadata lists.
    pub layers: Vec<String>,
    pub tiles: u64,
    pub tile_bytes: u64,
    pub file_bytes: u64,
    /// (zoom, tiles, bytes)
    pub zooms: Vec<(u8, u64, u64)>,
}

/// A checked basemap file, open for reading tiles.
#[derive(Debug, Clone)]
pub struct Basemap {
    file: MbTiles,
    info: BasemapInfo,
}

/// A stored tile: its bytes as stored, and whether they are gzipped.
pub struct Tile {
    pub bytes: Vec<u8>,
    pub gzipped: bool,
}

impl Basemap {
    /// Opens and checks an MBTiles file of vector tiles; the error names
    /// what is wrong with it.
    pub async fn open(path: &Path) -> Result<Self, BasemapError> {
        let bad = |why: String| BasemapError::File {
            path: path.to_owned(),
            why,
        };
        let file = MbTiles::open(path).await.map_err(bad)?;
        let meta = file.metadata().await.map_err(bad)?;
        let format = meta.get("format").cloned().unwrap_or_default();
        if format != "pbf" {
            let said = if format.is_empty() {
                "no format"
            } else {
                format.as_str()
            };
            return Err(bad(format!(
                "its metadata says {said}, not format=pbf (vector tiles); make it with `kizuna basemap build`"
            )));
        }
        let zoom = |k: &str| -> Result<u8, BasemapError> {
            let v = meta.get(k).ok_or_else(|| bad(format!("its metadata has no {k}")))?;
            v.trim()
                .parse::<u8>()
                .ok()
                .filter(|z| *z <= 22)
                .ok_or_else(|| bad(format!("its metadata's {k} \"{v}\" is not a zoom level from 0 to 22")))
        };
        let (minzoom, maxzoom) = (zoom("minzoom")?, zoom("maxzoom")?);
        if minzoom > maxzoom {
            return Err(bad(format!("its minzoom {minzoom} is above its maxzoom {maxzoom}")));
        }
        let raw = meta
            .get("bounds")
            .ok_or_else(|| bad("its metadata has no bounds".into()))?;
        let bounds = parse_bounds(raw)
            .ok_or_else(|| bad(format!("its bounds \"{raw}\" are not west,south,east,north in degrees")))?;
        let center = [(bounds[0] + bounds[2]) / 2.0, (bounds[1] + bounds[3]) / 2.0];
        let zooms = file.counts().await.map_err(bad)?;
        let tiles = zooms.iter().map(|z| z.1).sum();
        if tiles == 0 {
            return Err(bad("it holds no tiles".into()));
        }
        let layers = meta
            .get("json")
            .and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok())
            .and_then(|j| {
                j.get("vector_layers")?.as_array().map(|ls| {
                    ls.iter()
                        .filter_map(|l| l.get("id")?.as_str().map(str::to_owned))
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default();
        let info = BasemapInfo {
            path: path.to_owned(),
            name: meta.get("name").cloned().unwrap_or_default(),
            format,
            bounds,
            center,
            minzoom,
            maxzoom,
            attribution: meta.get("attribution").cloned().filter(|a| !a.trim().is_empty()),
            layers,
            tiles,
            tile_bytes: zooms.iter().map(|z| z.2).sum(),
            file_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            zooms,
        };
        Ok(Basemap { file, info })
    }

    pub fn info(&self) -> &BasemapInfo {
        &self.info
    }

    /// The tile at `z`/`x`/`y` (XYZ, as the map asks; MBTiles keeps TMS
    /// rows); `None` for a tile the file does not hold or outside the world.
    pub async fn tile(&self, z: u8, x: u32, y: u32) -> Result<Option<Tile>, String> {
        if z > 30 {
            return Ok(None);
        }
        let side = 1u64 << z;
        if u64::from(x) >= side || u64::from(y) >= side {
            return Ok(None);
        }
        let tms_y = u32::try_from(side - 1 - u64::from(y)).unwrap_or(0);
        Ok(self.file.tile(z, x, tms_y).await?.map(|bytes| Tile {
            gzipped: bytes.starts_with(&[0x1f, 0x8b]),
            bytes,
        }))
    }

    pub async fn close(&self) {
        self.file.close().await;
    }
}

fn parse_bounds(raw: &str) -> Option<[f64; 4]> {
    let v: Vec<f64> = raw
        .split(',')
        .map(|p| p.trim().parse::<f64>().ok())
        .collect::<Option<_>>()?;
    let [w, s, e, n] = <[f64; 4]>::try_from(v).ok()?;
    let ok = (-180.0..=180.0).contains(&w)
        && (-180.0..=180.0).contains(&e)
        && (-90.0..=90.0).contains(&s)
        && (-90.0..=90.0).contains(&n)
        && w < e
        && s < n;
    ok.then_some([w, s, e, n])
}

/// The tilemaker to run: `KIZUNA_TILEMAKER`, else `tilemaker` on the PATH.
pub fn tilemaker() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KIZUNA_TILEMAKER").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("tilemaker"))
        .find(|p| p.is_file())
}

/// What [`build`] did.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    pub info: BasemapInfo,
    pub nodes: u64,
    pub ways: u64,
    pub relations: u64,
    /// References to objects the extract lacks, left out before tilemaker.
    pub dropped_references: u64,
}

/// Makes the basemap `out` from the OpenStreetMap extract `input` with
/// tilemaker, on the blocking pool; refuses to replace `out` unless `force`.
pub async fn build(input: &Path, out: &Path, force: bool) -> Result<BuildReport, BasemapError> {
    let tool = tilemaker().ok_or(BasemapError::ToolMissing)?;
    if out.exists() && !force {
        return Err(BasemapError::Exists(out.to_owned()));
    }
    let (input, out_owned) = (input.to_owned(), out.to_owned());
    let stats = tokio::task::spawn_blocking(move || run_tilemaker(&tool, &input, &out_owned))
        .await
        .map_err(|e| BasemapError::Tool {
            status: "stopped".into(),
            why: e.to_string(),
        })??;
    let map = Basemap::open(out).await?;
    let info = map.info().clone();
    map.close().await;
    Ok(BuildReport {
        info,
        nodes: stats.nodes,
        ways: stats.ways,
        relations: stats.relations,
        dropped_references: stats.dropped,
    })
}

/// A temporary folder removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run_tilemaker(tool: &Path, input: &Path, out: &Path) -> Result<kizuna_io::osm_complete::Completed, BasemapError> {
    let bad_input = |why: String| BasemapError::Input {
        path: input.to_owned(),
        why,
    };
    let bytes = std::fs::read(input).map_err(|e| bad_input(e.to_string()))?;
    let mut stats = kizuna_io::osm_complete::complete(&bytes).map_err(bad_input)?;
    let Some([w, s, e, n]) = stats.bbox else {
        return Err(bad_input("it holds no nodes".into()));
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = TempDir(std::env::temp_dir().join(format!("kizuna-basemap-{}-{nanos}", std::process::id())));
    let io = |e: std::io::Error| BasemapError::Tool {
        status: "not started".into(),
        why: format!("cannot prepare {}: {e}", dir.0.display()),
    };
    std::fs::create_dir_all(&dir.0).map_err(io)?;
    std::fs::write(dir.0.join("config.json"), TILEMAKER_CONFIG).map_err(io)?;
    std::fs::write(dir.0.join("process.lua"), TILEMAKER_PROCESS).map_err(io)?;
    let source = match stats.bytes.take() {
        Some(fixed) => {
            let p = dir.0.join("complete.osm.pbf");
            std::fs::write(&p, fixed).map_err(io)?;
            p
        }
        None => input.to_owned(),
    };
    drop(bytes);
    let made = dir.0.join("basemap.mbtiles");
    let o = Command::new(tool)
        .arg("--input")
        .arg(&source)
        .arg("--output")
        .arg(&made)
        .arg("--config")
        .arg(dir.0.join("config.json"))
        .arg("--process")
        .arg(dir.0.join("process.lua"))
        .arg("--bbox")
        .arg(format!("{w},{s},{e},{n}"))
        .arg("--skip-integrity")
        .current_dir(&dir.0)
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => BasemapError::ToolMissing,
            _ => BasemapError::Tool {
                status: "not started".into(),
                why: e.to_string(),
            },
        })?;
    if !o.status.success() || !made.is_file() {
        let err = String::from_utf8_lossy(&o.stderr);
        let last: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        let why = last[last.len().saturating_sub(3)..].join(" / ");
        return Err(BasemapError::Tool {
            status: o.status.to_string(),
            why: if why.is_empty() { "it made no file".into() } else { why },
        });
    }
    if out.exists() {
        std::fs::remove_file(out).map_err(|e| BasemapError::File {
            path: out.to_owned(),
            why: format!("cannot replace it: {e}"),
        })?;
    }
    if std::fs::rename(&made, out).is_err() {
        std::fs::copy(&made, out).map_err(|e| BasemapError::File {
            path: out.to_owned(),
            why: format!("cannot write it: {e}"),
        })?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::parse_bounds;

    #[test]
    fn bounds_are_west_south_east_north() {
        assert_eq!(
            parse_bounds("24.935177,60.164155,24.953413,60.179107"),
            Some([24.935177, 60.164155, 24.953413, 60.179107])
        );
        assert_eq!(parse_bounds("60.1,24.9,60.2"), None);
        assert_eq!(parse_bounds("24.95,60.16,24.93,60.17"), None);
        assert_eq!(parse_bounds("200,0,201,1"), None);
        assert_eq!(parse_bounds("a,b,c,d"), None);
    }
}
