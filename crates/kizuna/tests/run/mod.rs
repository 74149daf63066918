//! Running the real binary on a given database, as the command-line tests
//! do: `kizuna(db, args)`, with the caller's `KIZUNA_DATABASE_URL` removed
//! so that only the URL given counts.

use std::process::{Command, Output};

/// `kizuna --database-url DB ARGS…`, waited for.
pub fn kizuna(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(db)
        .args(args)
        .env_remove("KIZUNA_DATABASE_URL")
        .output()
        .expect("kizuna runs")
}
