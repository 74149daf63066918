//! `kizuna bench import --places N`: importing places from GeoJSON, CSV
//! and OpenStreetMap PBF files of N synthetic places into a fresh SQLite
//! store, and checking them (dry run), in MB/s, places/s and peak memory,
//! beside the tools an expert would reach for in the same run: `ogr2ogr`
//! loading the same GeoJSON and CSV into a GeoPackage (SQLite), and
//! `osmium tags-filter` reading the same PBF (the disk-speed reference).
//!
//! The PBF is made by writing OpenStreetMap XML and converting it with
//! `osmium cat`; without osmium its rows are skipped with a note (and the
//! benchmark fails under `CI=true`). Beside each place node the file holds
//! four untagged nodes and, for one place in ten, a street over them.
//! That file is almost all places, so its MB/s says little about a real
//! extract, where a place is one object in thousands: beside it the run
//! writes a realistic extract (`data::realistic_extract_opl`, OPL streamed
//! into `osmium cat`: streets and buildings around the same cities, 200
//! objects per place of the run, 1 to 24 million objects, about 8 bytes an
//! object; `KIZUNA_BENCH_EXTRACT_OBJECTS` sets the count), describes its
//! shape, and measures Kizuna's import, dry run and reader on it beside
//! `osmium tags-filter`, `osmium cat -o /dev/null` and `osmium fileinfo -e`.
//!
//! Each Kizuna import runs in a child process (`kizuna bench
//! import-places-child`) that opens its store, resets its peak resident
//! size (`/proc/self/clear_refs`), imports the file as a stream from disk
//! (`PlaceFile::path`, as `kizuna places import` does), and reports the peak
//! (`VmHWM`) above what it held before. The tools run under `/usr/bin/time`
//! for their peak.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use kizuna_app::App;
use kizuna_app::map::{PlaceFile, PlaceFileFormat};
use kizuna_domain::map::place::{PlaceFields, PlaceInput};
use kizuna_store::{Backend, Store};
use serde_json::{Value as Json, json};

use crate::record::{Measure, record};
use crate::{LoadWatch, Scratch};

/// A figure of `/proc/self/status`, in kB.
fn status_kb(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status").context("reading /proc/self/status (Linux only)")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("no {field} in /proc/self/status"))
}

fn format_of(file: &Path) -> anyhow::Result<PlaceFileFormat> {
    PlaceFileFormat::from_file_name(&file.to_string_lossy())
        .with_context(|| format!("no format for {}", file.display()))
}

/// The child: import `file` into the store at `database_url` (or only
/// check it), print `bytes, peak growth kB, seconds, places, outcome`.
pub async fn child(database_url: &str, file: &Path, dry_run: bool) -> anyhow::Result<()> {
    let app = App::new(Store::open(database_url).await?);
    let format = format_of(file)?;
    let bytes = std::fs::metadata(file)?.len();
    std::fs::write("/proc/self/clear_refs", "5").context("resetting the peak (/proc/self/clear_refs)")?;
    let before = status_kb("VmRSS:")?;
    let t = Instant::now();
    let r = app
        .import_place_file(format, PlaceFile::path(file.to_owned())?, dry_run, false)
        .await;
    let seconds = t.elapsed().as_secs_f64();
    let peak = status_kb("VmHWM:")?;
    let (places, outcome) = match r {
        Ok(r) => (
            r.inserted + r.updated,
            format!(
                "{} added, {} updated, {} other objects",
                r.inserted, r.updated, r.skipped
            ),
        ),
        Err(e) => (0, format!("refused: {e}")),
    };
    println!(
        "{bytes}\t{}\t{seconds:.3}\t{places}\t{}",
        peak.saturating_sub(before),
        outcome.replace(['\t', '\n'], " ")
    );
    app.store.close().await;
    Ok(())
}

/// One measured run.
struct Run {
    file: String,
    engine: String,
    what: String,
    bytes: u64,
    places: u64,
    seconds: f64,
    peak_mb: f64,
    outcome: String,
}

/// The files, written from `places` (as a stream: the bench's own memory
/// is not what is measured, but a million places need not be held twice).
fn write_files(dir: &Path, places: &[PlaceInput]) -> anyhow::Result<(PathBuf, PathBuf, PathBuf)> {
    let no_keys = HashMap::new();
    let geojson = dir.join("places.geojson");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&geojson)?);
    w.write_all(br#"{"type":"FeatureCollection","name":"bench","features":["#)?;
    for (i, p) in places.iter().enumerate() {
        let f = PlaceFields::from(p);
        let feature = json!({
            "type": "Feature",
            "id": i,
            "geometry": {"type": "Point", "coordinates": [p.position.lon(), p.position.lat()]},
            "properties": Json::Object(kizuna_io::places::properties(&f, false, &no_keys)),
        });
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &feature)?;
    }
    w.write_all(b"]}\n")?;
    w.flush()?;

    let csv = dir.join("places.csv");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&csv)?);
    let columns = kizuna_io::places::file_columns();
    let quote = |cell: &str| {
        if cell.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_owned()
        }
    };
    writeln!(w, "{}", columns.join(","))?;
    for p in places {
        let props = kizuna_io::places::properties(&PlaceFields::from(p), true, &no_keys);
        let row: Vec<String> = columns
            .iter()
            .map(|c| match props.get(*c) {
                None | Some(Json::Null) => String::new(),
                Some(Json::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            })
            .map(|c| quote(&c))
            .collect();
        writeln!(w, "{}", row.join(","))?;
    }
    w.flush()?;

    // OpenStreetMap XML: each place a node with the tags the mapping reads,
    // four untagged nodes beside it, and a street over those for one in ten.
    let osm = dir.join("places.osm");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&osm)?);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<osm version="0.6" generator="kizuna bench">"#)?;
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
    for (i, p) in places.iter().enumerate() {
        let id = i * 5 + 1;
        let (lat, lon) = (p.position.lat(), p.position.lon());
        writeln!(w, r#"<node id="{id}" version="1" lat="{lat:.7}" lon="{lon:.7}">"#)?;
        let f = PlaceFields::from(p);
        let mut tags: Vec<(&str, String)> = vec![("name", f.name_en.clone().unwrap_or_default())];
        if let Some(ja) = &f.name_ja {
            tags.push(("name:ja", ja.clone()));
        }
        match f.category.as_deref() {
            Some("mosque") => {
                tags.push(("amenity", "place_of_worship".into()));
                tags.push(("religion", "muslim".into()));
            }
            Some("prayer_room") => tags.push(("amenity", "prayer_room".into())),
            Some("cafe") => tags.push(("amenity", "cafe".into())),
            Some("grocery") => tags.push(("shop", "convenience".into())),
            Some("hotel") => tags.push(("tourism", "hotel".into())),
            _ => tags.push(("amenity", "restaurant".into())),
        }
        tags.push(("diet:halal", if i.is_multiple_of(3) { "only" } else { "yes" }.into()));
        if let Some(h) = &f.opening_hours {
            tags.push(("opening_hours", h.clone()));
        }
        if i.is_multiple_of(4) {
            tags.push(("website", format!("https://example.org/{i}")));
        }
        for (k, v) in tags {
            writeln!(w, r#"  <tag k="{k}" v="{}"/>"#, esc(&v))?;
        }
        writeln!(w, "</node>")?;
        for j in 1..=4 {
            let d = f64::from(j) * 1e-4;
            writeln!(
                w,
                r#"<node id="{}" version="1" lat="{:.7}" lon="{:.7}"/>"#,
                id + j as usize,
                lat + d,
                lon + d
            )?;
        }
    }
    for i in (0..places.len()).step_by(10) {
        let first = i * 5 + 2;
        writeln!(w, r#"<way id="{}" version="1">"#, i / 10 + 1)?;
        for n in first..first + 4 {
            writeln!(w, r#"  <nd ref="{n}"/>"#)?;
        }
        writeln!(w, r#"  <tag k="highway" v="residential"/>"#)?;
        writeln!(w, r#"  <tag k="name" v="Bench street {i}"/>"#)?;
        writeln!(w, "</way>")?;
    }
    writeln!(w, "</osm>")?;
    w.flush()?;
    Ok((geojson, csv, osm))
}

/// Whether a tool answers (`kizuna_testkit::have_tool`: missing is a
/// failure under CI=true, else said on stderr).
fn have(tool: &str, package: &str) -> bool {
    kizuna_testkit::have_tool(tool, package)
}

/// Run a tool under `/usr/bin/time`, its peak resident size and time.
fn timed(cmd: &mut Command) -> anyhow::Result<(f64, f64)> {
    let t = Instant::now();
    let mut full = Command::new("/usr/bin/time");
    full.arg("-f")
        .arg("kizuna-bench-peak-kb %M")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    let out = full
        .output()
        .with_context(|| format!("running {:?}", cmd.get_program()))?;
    let seconds = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        bail!("{:?} failed: {stderr}", cmd.get_program());
    }
    let kb: f64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("kizuna-bench-peak-kb "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    Ok((seconds, kb / 1024.0))
}

/// A Kizuna import of `file` in a child, on a fresh SQLite store.
async fn kizuna_run(exe: &Path, file: &Path, dry_run: bool, scratch: &mut Scratch) -> anyhow::Result<Run> {
    let url = scratch.fresh(Backend::Sqlite).await?;
    // The store's schema first, so the child's peak is the import's.
    Store::open(&url).await?.close().await;
    let mut cmd = Command::new(exe);
    cmd.args(["bench", "import-places-child", "--database-url"])
        .arg(&url)
        .arg("--file")
        .arg(file);
    if dry_run {
        cmd.arg("--dry-run");
    }
    let out = cmd.output().context("running the child")?;
    scratch.release(&url).await;
    if !out.status.success() {
        bail!("the child failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let line = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let mut parts = line.splitn(5, '\t');
    let mut next = || parts.next().context("a short report from the child");
    let bytes: u64 = next()?.parse()?;
    let peak_kb: f64 = next()?.parse()?;
    let seconds: f64 = next()?.parse()?;
    let places: u64 = next()?.parse()?;
    let outcome = next()?.to_owned();
    let format = format_of(file)?;
    Ok(Run {
        file: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        engine: "kizuna".into(),
        what: if dry_run {
            format!("{} dry run (read, checked, looked up)", format.label())
        } else {
            format!("{} import into SQLite (one transaction)", format.label())
        },
        bytes,
        places,
        seconds,
        peak_mb: peak_kb / 1024.0,
        outcome,
    })
}

/// A file for `kizuna_io::places::stream`.
struct OnDisk(PathBuf);

impl kizuna_io::places::Input for OnDisk {
    fn open(&self) -> std::io::Result<Box<dyn std::io::Read + Send + '_>> {
        Ok(Box::new(std::fs::File::open(&self.0)?))
    }
}

/// Kizuna's reader alone over a file (no store): records counted and dropped.
fn parse_only(file: &Path) -> anyhow::Result<Run> {
    let format = format_of(file)?;
    std::fs::write("/proc/self/clear_refs", "5").context("resetting the peak (/proc/self/clear_refs)")?;
    let before = status_kb("VmRSS:")?;
    let t = Instant::now();
    let mut places = 0u64;
    kizuna_io::places::stream(format, &OnDisk(file.to_owned()), true, &mut |f| {
        if matches!(f, kizuna_io::places::Found::Record(_)) {
            places += 1;
        }
        ControlFlow::Continue(())
    })?;
    let seconds = t.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let peak_mb = status_kb("VmHWM:")?.saturating_sub(before) as f64 / 1024.0;
    Ok(Run {
        file: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        engine: "kizuna".into(),
        what: format!("{} read and checked, no store", format.label()),
        bytes: std::fs::metadata(file)?.len(),
        places,
        seconds,
        peak_mb,
        outcome: format!("{places} places"),
    })
}

/// The objects of the realistic extract for a run of `n` places: 200 per
/// place, at least 1,000,000 and at most 24,000,000 (about 200 MB);
/// `KIZUNA_BENCH_EXTRACT_OBJECTS` sets it.
fn extract_objects(n: usize) -> u64 {
    std::env::var("KIZUNA_BENCH_EXTRACT_OBJECTS")
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or_else(|| (n as u64).saturating_mul(200).clamp(1_000_000, 24_000_000))
}

/// One object in this many is a place in the realistic extract.
const EXTRACT_PER_PLACE: f64 = 2_500.0;

/// Write the realistic extract (`data::realistic_extract_opl`) through
/// `osmium cat` into `dir/extract.osm.pbf`.
fn write_extract(dir: &Path, objects: u64) -> anyhow::Result<(PathBuf, crate::data::ExtractShape)> {
    use std::process::Stdio;
    let pbf = dir.join("extract.osm.pbf");
    let mut child = Command::new("osmium")
        .args(["cat", "--overwrite", "-F", "opl", "-o"])
        .arg(&pbf)
        .stdin(Stdio::piped())
        .spawn()
        .context("running osmium cat")?;
    let stdin = child.stdin.take().context("osmium's input")?;
    let mut w = BufWriter::with_capacity(1 << 20, stdin);
    let shape = crate::data::realistic_extract_opl(&mut w, objects, EXTRACT_PER_PLACE, 29)?;
    w.flush()?;
    drop(w);
    if !child.wait()?.success() {
        bail!("osmium cat failed to write {}", pbf.display());
    }
    Ok((pbf, shape))
}

/// The realistic extract: Kizuna's import, dry run and reader beside
/// osmium reading it (`tags-filter` for the places, `cat` to nothing,
/// `fileinfo -e` counting every object).
async fn extract_runs(
    n: usize,
    dir: &Path,
    exe: &Path,
    scratch: &mut Scratch,
    runs: &mut Vec<Run>,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let t = Instant::now();
    let (pbf, shape) = write_extract(dir, extract_objects(n))?;
    let bytes = std::fs::metadata(&pbf)?.len();
    #[allow(clippy::cast_precision_loss)]
    let shape_note = format!(
        "extract.osm.pbf ({:.1} MB, made in {:.0} s from OPL by osmium cat): {} objects — {} nodes ({} tagged), \
         {} ways ({:.1} nodes each), {} relations; streets and buildings in neighbourhoods around 20 Japanese cities, \
         nodes near each other numbered near each other, versions and timestamps; {} places of the map ({} nodes, \
         {} buildings as ways, {} multipolygon relations: one object in {:.0}) and {} objects with amenity, shop or \
         diet:halal that are not places.",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        shape.objects(),
        shape.nodes,
        shape.tagged_nodes,
        shape.ways,
        shape.way_refs as f64 / shape.ways.max(1) as f64,
        shape.relations,
        shape.places(),
        shape.place_nodes,
        shape.place_ways,
        shape.place_relations,
        shape.objects() as f64 / shape.places().max(1) as f64,
        shape.near_misses,
    );
    eprintln!("{shape_note}");
    notes.push(shape_note);
    runs.push(kizuna_run(exe, &pbf, false, scratch).await?);
    runs.push(kizuna_run(exe, &pbf, true, scratch).await?);
    runs.push(parse_only(&pbf)?);
    let places = shape.places();
    let file = "extract.osm.pbf".to_owned();
    let out = dir.join("extract-filtered.osm.pbf");
    let osmium = |what: &str, args: &[&str], write: bool| -> anyhow::Result<Run> {
        let mut cmd = Command::new("osmium");
        cmd.args(args);
        if write {
            cmd.arg(&out);
        }
        cmd.arg(&pbf);
        if what.starts_with("tags-filter") {
            cmd.args([
                "nwr/diet:halal",
                "nwr/amenity=place_of_worship,prayer_room",
                "nwr/prayer_room",
                "nwr/butcher=halal",
                "nwr/room",
            ]);
        }
        let (seconds, peak_mb) = timed(&mut cmd)?;
        Ok(Run {
            file: file.clone(),
            engine: "osmium".into(),
            what: what.into(),
            bytes,
            places,
            seconds,
            peak_mb,
            outcome: String::new(),
        })
    };
    runs.push(osmium(
        "tags-filter the places' keys (read, filter, write the places with their ways' nodes)",
        &["tags-filter", "--overwrite", "-o"],
        true,
    )?);
    runs.push(osmium(
        "cat -o /dev/null -f opl (read every object, write it as text to nothing)",
        &["cat", "--overwrite", "-f", "opl", "-o", "/dev/null"],
        false,
    )?);
    runs.push(osmium(
        "fileinfo -e (read and count every object)",
        &["fileinfo", "-e", "-g", "data.count.nodes"],
        false,
    )?);
    let _ = std::fs::remove_file(&out);
    // KIZUNA_BENCH_KEEP_EXTRACT=FILE keeps the extract there (to profile).
    if let Some(keep) = std::env::var_os("KIZUNA_BENCH_KEEP_EXTRACT") {
        std::fs::copy(&pbf, &keep).with_context(|| format!("keeping the extract at {}", Path::new(&keep).display()))?;
    }
    let _ = std::fs::remove_file(&pbf);
    Ok(())
}

/// `kizuna bench import`: write the files, import each, print a Markdown table.
pub async fn import_places(n: usize) -> anyhow::Result<()> {
    let mut scratch = Scratch::default();
    let result = run(n, &mut scratch).await;
    scratch.drop_all().await;
    result
}

#[allow(clippy::too_many_lines)]
async fn run(n: usize, scratch: &mut Scratch) -> anyhow::Result<()> {
    let load = LoadWatch::start();
    let exe = std::env::current_exe().context("finding the kizuna binary")?;
    let dir = scratch.dir(std::env::temp_dir().join(format!("kizuna-bench-import-{}", std::process::id())))?;
    let t = Instant::now();
    let places = crate::data::synthetic_places(n, 17);
    let (geojson, csv, osm) = write_files(&dir, &places)?;
    drop(places);
    eprintln!("files written in {:.1} s", t.elapsed().as_secs_f64());

    let mut runs: Vec<Run> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for file in [&geojson, &csv] {
        runs.push(kizuna_run(&exe, file, false, scratch).await?);
        runs.push(kizuna_run(&exe, file, true, scratch).await?);
        runs.push(parse_only(file)?);
    }
    if have("ogr2ogr", "gdal-bin") {
        for (file, extra) in [
            (&geojson, vec![]),
            (
                &csv,
                vec![
                    "-oo",
                    "X_POSSIBLE_NAMES=lon",
                    "-oo",
                    "Y_POSSIBLE_NAMES=lat",
                    "-oo",
                    "AUTODETECT_TYPE=YES",
                ],
            ),
        ] {
            let out = dir.join("ogr.gpkg");
            let _ = std::fs::remove_file(&out);
            let mut cmd = Command::new("ogr2ogr");
            cmd.args(["-f", "GPKG"]).arg(&out).arg(file).args(&extra);
            let (seconds, peak_mb) = timed(&mut cmd)?;
            let _ = std::fs::remove_file(&out);
            runs.push(Run {
                file: file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                engine: "ogr2ogr".into(),
                what: "into a GeoPackage (SQLite), GDAL's defaults".into(),
                bytes: std::fs::metadata(file)?.len(),
                places: n as u64,
                seconds,
                peak_mb,
                outcome: String::new(),
            });
        }
    } else {
        notes.push("ogr2ogr is not installed: its rows are left out.".into());
    }
    if have("osmium", "osmium-tool") {
        let pbf = dir.join("places.osm.pbf");
        let status = Command::new("osmium")
            .args(["cat", "--overwrite", "-o"])
            .arg(&pbf)
            .arg(&osm)
            .status()
            .context("running osmium cat")?;
        if !status.success() {
            bail!("osmium cat failed to convert {}", osm.display());
        }
        let _ = std::fs::remove_file(&osm);
        runs.push(kizuna_run(&exe, &pbf, false, scratch).await?);
        runs.push(kizuna_run(&exe, &pbf, true, scratch).await?);
        runs.push(parse_only(&pbf)?);
        let out = dir.join("filtered.osm.pbf");
        let mut cmd = Command::new("osmium");
        cmd.args(["tags-filter", "--overwrite", "-o"])
            .arg(&out)
            .arg(&pbf)
            .args(["nwr/diet:halal", "nwr/amenity=place_of_worship,prayer_room"]);
        let (seconds, peak_mb) = timed(&mut cmd)?;
        runs.push(Run {
            file: "places.osm.pbf".into(),
            engine: "osmium".into(),
            what: "tags-filter diet:halal, places of worship (read, filter, write the places)".into(),
            bytes: std::fs::metadata(&pbf)?.len(),
            places: n as u64,
            seconds,
            peak_mb,
            outcome: String::new(),
        });
        extract_runs(n, &dir, &exe, scratch, &mut runs, &mut notes).await?;
    } else {
        notes.push("osmium is not installed: the PBF rows are left out (the file is made with osmium cat).".into());
    }

    println!("\n### Place imports, {n} places\n");
    println!("| file | size | who | what | time | MB/s | places/s | peak memory | outcome |");
    println!("|---|---:|---|---|---:|---:|---:|---:|---|");
    #[allow(clippy::cast_precision_loss)]
    for r in &runs {
        let mb = r.bytes as f64 / 1_000_000.0;
        let mbs = mb / r.seconds.max(1e-9);
        let rows = r.places as f64 / r.seconds.max(1e-9);
        let peak = if r.peak_mb.is_nan() {
            "—".to_owned()
        } else {
            format!("{:.0} MB", r.peak_mb)
        };
        println!(
            "| {} | {mb:.1} MB | {} | {} | {:.2} s | {mbs:.1} | {rows:.0} | {peak} | {} |",
            r.file, r.engine, r.what, r.seconds, r.outcome
        );
        let kind = if r.file.starts_with("extract") {
            "extract"
        } else {
            r.file.rsplit('.').next().unwrap_or("")
        };
        let mode = if r.what.contains("dry run") {
            "dry-run"
        } else if r.what.contains("no store") {
            "parse"
        } else {
            "import"
        };
        let engine = format!("{}-{kind}-{mode}", r.engine);
        record(&Measure::new("import", n as u64, &engine, "throughput", mbs, "MB/s"));
        record(&Measure::new("import", n as u64, &engine, "rows", rows, "rows/s"));
        if !r.peak_mb.is_nan() {
            record(&Measure::new("import", n as u64, &engine, "rss", r.peak_mb, "MB"));
        }
    }
    for n in notes {
        println!("\n{n}");
    }
    println!("\n{}", load.line());
    Ok(())
}
