//! Installs the front-end packages (npm, from package-lock.json) when one of
//! them is missing or is not the version package-lock.json records, and
//! copies the files the binary embeds into OUT_DIR.
//!
//! When every file is present and every package is the locked version, npm is
//! not run at all, so that `cargo check` and `cargo build` work offline.

use std::path::{Path, PathBuf};
use std::process::Command;

/// (file in node_modules, name it is served under)
const ASSETS: &[(&str, &str)] = &[
    ("echarts/dist/echarts.min.js", "echarts.min.js"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("world-atlas/countries-110m.json", "countries-110m.json"),
    ("world-atlas/land-10m.json", "land-10m.json"),
    ("world-atlas/land-50m.json", "land-50m.json"),
    ("leaflet/dist/leaflet.js", "leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet.css"),
    (
        "leaflet.markercluster/dist/leaflet.markercluster.js",
        "leaflet.markercluster.js",
    ),
    ("leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"),
    // MapLibre GL's build for a strict CSP: its worker is a file of its own.
    ("maplibre-gl/dist/maplibre-gl-csp.js", "maplibre-gl-csp.js"),
    (
        "maplibre-gl/dist/maplibre-gl-csp-worker.js",
        "maplibre-gl-csp-worker.js",
    ),
    ("maplibre-gl/dist/maplibre-gl.css", "maplibre-gl.css"),
    (
        "@maplibre/maplibre-gl-leaflet/leaflet-maplibre-gl.js",
        "leaflet-maplibre-gl.js",
    ),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest
        .ancestors()
        .nth(2)
        .expect("kizuna-web is at crates/kizuna-web")
        .to_path_buf();
    let modules = root.join("node_modules");
    let lockfile = root.join("package-lock.json");
    println!("cargo:rerun-if-changed={}", lockfile.display());
    println!("cargo:rerun-if-changed=build.rs");
    let packages = packages();
    let locked = locked_versions(&lockfile, &packages);

    // kizuna-docs's build script installs from the same lockfile (the
    // booklet's fonts): one `npm ci` at a time.
    let guard = std::fs::File::open(&lockfile).unwrap_or_else(|e| panic!("cannot open {}: {e}", lockfile.display()));
    guard
        .lock()
        .unwrap_or_else(|e| panic!("cannot lock {}: {e}", lockfile.display()));
    let wrong = problems(&modules, &packages, &locked);
    if !wrong.is_empty() {
        let why = wrong.join("; ");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&root)
            .status()
            .unwrap_or_else(|e| {
                panic!(
                    "npm is needed to install Kizuna's front-end packages (Debian: apt-get install npm), \
                     because {why}; running it failed: {e}"
                )
            });
        assert!(
            status.success(),
            "npm ci failed in {} ({status}); it was run because {why}",
            root.display()
        );
        let left = problems(&modules, &packages, &locked);
        assert!(
            left.is_empty(),
            "npm ci in {} did not install what package-lock.json records: {}",
            root.display(),
            left.join("; ")
        );
    }

    drop(guard);

    for package in &packages {
        println!(
            "cargo:rerun-if-changed={}",
            modules.join(package).join("package.json").display()
        );
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (src, name) in ASSETS {
        let from = modules.join(src);
        std::fs::copy(&from, out.join(name)).unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
        println!("cargo:rerun-if-changed={}", from.display());
    }
}

/// The npm packages the embedded files come from ("@scope/name" or "name"), each once.
fn packages() -> Vec<&'static str> {
    let mut packages: Vec<&str> = ASSETS
        .iter()
        .map(|(src, _)| {
            let segments = if src.starts_with('@') { 2 } else { 1 };
            let end = src.match_indices('/').nth(segments - 1).map_or(src.len(), |(i, _)| i);
            &src[..end]
        })
        .collect();
    packages.sort_unstable();
    packages.dedup();
    packages
}

/// The version package-lock.json records for `node_modules/<package>`, for
/// each package. A package the lockfile does not record is a mistake in the
/// checkout that npm cannot repair: say so.
fn locked_versions(lockfile: &Path, packages: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(lockfile).unwrap_or_else(|e| panic!("cannot read {}: {e}", lockfile.display()));
    let lock: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", lockfile.display()));
    packages
        .iter()
        .map(|package| {
            lock.get("packages")
                .and_then(|packages| packages.get(format!("node_modules/{package}")))
                .and_then(|entry| entry.get("version"))
                .and_then(serde_json::Value::as_str)
                .unwrap_or_else(|| {
                    panic!(
                        "{} records no version for node_modules/{package}, whose files the binary embeds \
                         (run `npm install {package}` and commit package-lock.json)",
                        lockfile.display()
                    )
                })
                .to_owned()
        })
        .collect()
}

/// The version in `node_modules/<package>/package.json`, or why there is none.
fn installed_version(modules: &Path, package: &str) -> Result<String, String> {
    let path = modules.join(package).join("package.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not valid JSON: {e}", path.display()))?;
    manifest
        .get("version")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{} has no \"version\"", path.display()))
}

/// What is wrong with node_modules: embedded files missing, packages not
/// installed or not the version package-lock.json records. Empty when all is well.
fn problems(modules: &Path, packages: &[&str], locked: &[String]) -> Vec<String> {
    let mut problems: Vec<String> = ASSETS
        .iter()
        .map(|(src, _)| modules.join(src))
        .filter(|file| !file.exists())
        .map(|file| format!("{} is missing", file.display()))
        .collect();
    for (package, locked) in packages.iter().zip(locked) {
        match installed_version(modules, package) {
            Ok(installed) if installed == *locked => {}
            Ok(installed) => problems.push(format!(
                "{package} {installed} is installed but package-lock.json records {package} {locked}"
            )),
            Err(why) => problems.push(format!("{package} {locked} is not installed: {why}")),
        }
    }
    problems
}
