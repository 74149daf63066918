//! Embeds the booklet's fonts: TrueType files of npm packages that
//! package-lock.json pins (the workspace's node_modules, as kizuna-web's
//! build script does for its assets). npm runs only when a file is missing
//! or a package is not the locked version, so offline builds work; a lock on
//! package-lock.json keeps this script and kizuna-web's from running
//! `npm ci` at the same moment.
//!
//! Writes `fonts.rs` into OUT_DIR: `EMBEDDED: &[(label, bytes)]`, in the
//! order the booklet prefers them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// (npm package, file in it, the name the booklet gives it)
const FONTS: &[(&str, &str, &str)] = &[
    (
        "@expo-google-fonts/noto-sans-jp",
        "400Regular/NotoSansJP_400Regular.ttf",
        "Noto Sans JP",
    ),
    (
        "@expo-google-fonts/noto-sans-thai",
        "400Regular/NotoSansThai_400Regular.ttf",
        "Noto Sans Thai",
    ),
];

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest
        .ancestors()
        .nth(2)
        .expect("kizuna-docs is at crates/kizuna-docs")
        .to_path_buf();
    let modules = root.join("node_modules");
    let lockfile = root.join("package-lock.json");
    println!("cargo:rerun-if-changed={}", lockfile.display());
    println!("cargo:rerun-if-changed=build.rs");

    let text = std::fs::read_to_string(&lockfile).unwrap_or_else(|e| panic!("cannot read {}: {e}", lockfile.display()));
    let lock: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", lockfile.display()));
    let locked: Vec<String> = FONTS
        .iter()
        .map(|(package, _, _)| {
            lock.pointer(&format!(
                "/packages/node_modules~1{}/version",
                package.replace('/', "~1")
            ))
            .and_then(serde_json::Value::as_str)
            .unwrap_or_else(|| {
                panic!(
                    "{} records no version for node_modules/{package}, whose font the booklet embeds \
                         (run `npm install --save-exact {package}` and commit package-lock.json)",
                    lockfile.display()
                )
            })
            .to_owned()
        })
        .collect();

    let guard = std::fs::File::open(&lockfile).unwrap_or_else(|e| panic!("cannot open {}: {e}", lockfile.display()));
    guard
        .lock()
        .unwrap_or_else(|e| panic!("cannot lock {}: {e}", lockfile.display()));
    let wrong = problems(&modules, &locked);
    if !wrong.is_empty() {
        let why = wrong.join("; ");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&root)
            .status()
            .unwrap_or_else(|e| {
                panic!(
                    "npm is needed to install the booklet's font packages (Debian: apt-get install npm), \
                     because {why}; running it failed: {e}"
                )
            });
        assert!(
            status.success(),
            "npm ci failed in {} ({status}); it was run because {why}",
            root.display()
        );
        let left = problems(&modules, &locked);
        assert!(
            left.is_empty(),
            "npm ci in {} did not install what package-lock.json records: {}",
            root.display(),
            left.join("; ")
        );
    }
    drop(guard);

    let mut out = String::from("/// The fonts embedded at build time: (label, TrueType bytes).\n");
    out.push_str("pub(crate) const EMBEDDED: &[(&str, &[u8])] = &[\n");
    for ((package, file, name), version) in FONTS.iter().zip(&locked) {
        let path = modules.join(package).join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        println!(
            "cargo:rerun-if-changed={}",
            modules.join(package).join("package.json").display()
        );
        let label = format!("{name} (npm {package} {version})");
        out.push_str(&format!(
            "    ({label:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("fonts.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}

/// Fonts missing or packages not at the locked version; empty when all is well.
fn problems(modules: &Path, locked: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    for ((package, file, _), locked) in FONTS.iter().zip(locked) {
        let font = modules.join(package).join(file);
        if !font.exists() {
            problems.push(format!("{} is missing", font.display()));
        }
        let manifest = modules.join(package).join("package.json");
        let installed = std::fs::read_to_string(&manifest)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v.get("version").and_then(serde_json::Value::as_str).map(str::to_owned));
        match installed {
            Some(v) if v == *locked => {}
            Some(v) => problems.push(format!(
                "{package} {v} is installed but package-lock.json records {package} {locked}"
            )),
            None => problems.push(format!("{package} {locked} is not installed")),
        }
    }
    problems
}
