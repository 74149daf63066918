//! Search works without a network and without a home directory: `kizuna
//! demo`, `kizuna reindex` and `kizuna search ハラール` inside a network
//! namespace with no network (`unshare -n`) and an empty `HOME`. Skipped,
//! with the reason, where unshare is not permitted; under `CI=true` that
//! is a failure.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::Command;

fn unshare_works() -> Result<(), String> {
    for args in [&["-n", "true"][..], &["-rn", "true"][..]] {
        match Command::new("unshare").args(args).output() {
            Ok(o) if o.status.success() => return Ok(()),
            Ok(o) => {
                if args[0] == "-rn" {
                    return Err(String::from_utf8_lossy(&o.stderr).trim().to_string());
                }
            }
            Err(e) => return Err(format!("unshare: {e}")),
        }
    }
    Err("unshare refused".into())
}

fn unshare_flag() -> &'static str {
    if Command::new("unshare")
        .args(["-n", "true"])
        .status()
        .is_ok_and(|s| s.success())
    {
        "-n"
    } else {
        "-rn"
    }
}

#[test]
fn reindex_and_search_work_offline_with_an_empty_home() {
    if let Err(why) = unshare_works() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "unshare is needed under CI: {why}"
        );
        eprintln!("skipped: unshare -n is not permitted here ({why})");
        return;
    }
    let work = std::env::temp_dir().join(format!("kizuna-offline-search-{}", std::process::id()));
    let home = work.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let db = format!("sqlite://{}", work.join("k.sqlite3").display());
    let run = |args: &[&str]| {
        let out = Command::new("unshare")
            .arg(unshare_flag())
            .arg("--")
            .arg(env!("CARGO_BIN_EXE_kizuna"))
            .args(args)
            .env_clear()
            .env("HOME", &home)
            .env("PATH", "/usr/bin:/bin")
            .env("KIZUNA_DATABASE_URL", &db)
            .current_dir(&work)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "kizuna {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    // No network inside: the namespace has only a loopback that is down.
    let probe = Command::new("unshare")
        .args([unshare_flag(), "--", "cat", "/proc/net/route"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&probe.stdout).lines().skip(1).count(),
        0,
        "no routes expected"
    );

    run(&["demo"]);
    let reindex = run(&["reindex"]);
    assert!(String::from_utf8_lossy(&reindex.stderr).contains("indexed"));
    let out = run(&["search", "ハラール", "--format", "json", "--explain"]);
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty(), "ハラール found nothing offline");
    assert!(hits.iter().any(|h| h["kind"] == "place"), "{hits:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("gram:ハラ"));
    assert_eq!(std::fs::read_dir(&home).unwrap().count(), 0, "nothing written to HOME");
    std::fs::remove_dir_all(&work).unwrap();
}
