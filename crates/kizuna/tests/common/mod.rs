//! What the binary's tests share: `kizuna serve` started as a real process.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// `kizuna serve` on the database at `url`, on a port the system picks,
/// with `extra` arguments and `envs`: the process, the address it
/// announced, and its log so far (read on a thread of its own, so that the
/// server never blocks on a full pipe).
pub fn serve(url: &str, extra: &[&str], envs: &[(&str, &str)]) -> (Child, String, Arc<Mutex<String>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", url, "serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .env_remove("KIZUNA_DATABASE_URL")
        .envs(envs.iter().copied())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kizuna serve starts");
    let mut lines = std::io::BufReader::new(child.stderr.take().expect("its log")).lines();
    let log = Arc::new(Mutex::new(String::new()));
    let mut addr = None;
    for l in lines.by_ref().map_while(Result::ok) {
        log.lock().expect("the log").push_str(&format!("{l}\n"));
        if let Some((_, rest)) = l.split_once("Kizuna is serving http://") {
            addr = rest.split_whitespace().next().map(str::to_owned);
            break;
        }
    }
    let addr = addr.unwrap_or_else(|| panic!("the server says where it listens:\n{}", log.lock().expect("the log")));
    let kept = log.clone();
    std::thread::spawn(move || {
        for l in lines.map_while(Result::ok) {
            kept.lock().expect("the log").push_str(&format!("{l}\n"));
        }
    });
    (child, addr, log)
}
