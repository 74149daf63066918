//! Installs the front-end packages (npm, from package-lock.json) when they
//! are missing, and copies the files the binary embeds into OUT_DIR.

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
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    let modules = root.join("node_modules");
    println!("cargo:rerun-if-changed={}", root.join("package-lock.json").display());
    println!("cargo:rerun-if-changed=build.rs");
    let missing = |m: &Path| ASSETS.iter().any(|(src, _)| !m.join(src).exists());
    if missing(&modules) {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&root)
            .status()
            .expect("npm is needed to install Kizuna's front-end packages (Debian: apt-get install npm)");
        assert!(status.success(), "npm ci failed in {}", root.display());
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (src, name) in ASSETS {
        let from = modules.join(src);
        std::fs::copy(&from, out.join(name)).unwrap_or_else(|e| panic!("cannot copy {}: {e}", from.display()));
        println!("cargo:rerun-if-changed={}", from.display());
    }
}
