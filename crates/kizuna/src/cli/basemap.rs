//! `kizuna basemap build EXTRACT.osm.pbf --out FILE.mbtiles` and
//! `kizuna basemap info FILE`: the street basemap `kizuna serve --basemap`
//! draws (kizuna-app's `map::basemap`).

use std::path::PathBuf;

use clap::Subcommand;
use kizuna_app::map::basemap::{self, BasemapInfo};

use super::SimpleFormat;

#[derive(Subcommand)]
pub enum Cmd {
    /// Make vector tiles (MBTiles) from an OpenStreetMap extract of the
    /// office's region, with tilemaker (apt-get install tilemaker).
    Build {
        /// The extract, .osm.pbf (e.g. a region from download.geofabrik.de).
        extract: PathBuf,
        /// The basemap file to write (.mbtiles).
        #[arg(long)]
        out: PathBuf,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
    /// What a basemap file holds: bounds, zooms, layers, tiles; an error if
    /// `serve --basemap` would refuse it.
    Info {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = SimpleFormat::Table)]
        format: SimpleFormat,
    },
}

pub async fn run(cmd: Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Build {
            extract,
            out,
            force,
            format,
        } => {
            eprintln!(
                "Making the basemap {} from {} with tilemaker…",
                out.display(),
                extract.display()
            );
            let r = basemap::build(&extract, &out, force).await?;
            match format {
                SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(&r)?),
                SimpleFormat::Table => {
                    outln!("read {} nodes, {} ways, {} relations", r.nodes, r.ways, r.relations);
                    if r.dropped_references > 0 {
                        outln!(
                            "left out {} references to objects the extract does not hold (a cut-out extract)",
                            r.dropped_references
                        );
                    }
                    table(&r.info)?;
                    outln!("serve it with: kizuna serve --basemap {}", out.display());
                }
            }
        }
        Cmd::Info { file, format } => {
            let m = basemap::Basemap::open(&file).await?;
            match format {
                SimpleFormat::Json => outln!("{}", serde_json::to_string_pretty(m.info())?),
                SimpleFormat::Table => table(m.info())?,
            }
            m.close().await;
        }
    }
    Ok(())
}

fn table(i: &BasemapInfo) -> anyhow::Result<()> {
    let [w, s, e, n] = i.bounds;
    outln!("file:    {} ({})", i.path.display(), size(i.file_bytes));
    outln!("name:    {}", i.name);
    outln!("bounds:  west {w:.5}, south {s:.5}, east {e:.5}, north {n:.5}");
    outln!(
        "zooms:   {} to {} (drawn larger beyond {})",
        i.minzoom,
        i.maxzoom,
        i.maxzoom
    );
    outln!("tiles:   {} ({})", i.tiles, size(i.tile_bytes));
    for (z, count, bytes) in &i.zooms {
        outln!("  zoom {z:>2}: {count} tiles, {}", size(*bytes));
    }
    if !i.layers.is_empty() {
        outln!("layers:  {}", i.layers.join(", "));
    }
    Ok(())
}

fn size(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a size to read, not to compute with
    let b = bytes as f64;
    if b >= 1_048_576.0 {
        format!("{:.1} MB", b / 1_048_576.0)
    } else if b >= 1024.0 {
        format!("{:.1} kB", b / 1024.0)
    } else {
        format!("{bytes} B")
    }
}
