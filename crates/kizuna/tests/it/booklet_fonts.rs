//! The booklet on a machine with no font: `kizuna places booklet` run with
//! the system's font folders hidden (an empty tmpfs mounted over each, in a
//! mount namespace of its own, by util-linux's `unshare`) and no
//! `KIZUNA_PDF_FONTS`, in each of the four languages, from the demo. The
//! PDF's text, read by poppler's `pdftotext`, has the booklet's words and
//! the areas' Japanese names as written, and only the embedded Noto fonts.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::process::{Command, Output};

use kizuna_docs::booklet::K;
use kizuna_i18n::Lang;
use kizuna_store::Backend;
use kizuna_testkit::fresh_url;

/// Where Debian and fontconfig keep fonts.
const FONT_FOLDERS: &str = "/usr/share/fonts /usr/local/share/fonts /root/.fonts /root/.local/share/fonts";

/// `kizuna` with `args`, the font folders hidden.
fn kizuna_without_fonts(db: &str, args: &[&str]) -> Output {
    let script = format!(
        "for d in {FONT_FOLDERS}; do if [ -d \"$d\" ]; then mount -t tmpfs none \"$d\" || exit 97; fi; done; \
         if [ -n \"$(find {FONT_FOLDERS} -type f 2>/dev/null | head -n 1)\" ]; then exit 98; fi; exec \"$@\""
    );
    Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c", &script, "sh"])
        .arg(env!("CARGO_BIN_EXE_kizuna"))
        .arg("--database-url")
        .arg(db)
        .args(args)
        .env_remove("KIZUNA_DATABASE_URL")
        .env_remove("KIZUNA_PDF_FONTS")
        .output()
        .expect("util-linux's unshare runs (the tests run as root)")
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (Debian's poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn booklets_are_made_with_no_font_installed() {
    let url = fresh_url(Backend::Sqlite).await.unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_kizuna"))
        .args(["--database-url", &url, "demo"])
        .env_remove("KIZUNA_DATABASE_URL")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir = std::env::temp_dir().join(format!("kizuna-booklet-fonts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for lang in Lang::ALL {
        let code = lang.to_string();
        let out = dir.join(format!("{lang}.pdf"));
        let o = kizuna_without_fonts(
            &url,
            &["places", "booklet", "--lang", &code, "--out", out.to_str().unwrap()],
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{lang}: {:?} {err}", o.status.code());
        let path = out.to_str().unwrap();
        let text = tool("pdftotext", &["-enc", "UTF-8", path, "-"]);
        assert!(
            text.contains(K::Title.get(lang)),
            "{lang}: the title {}",
            K::Title.get(lang)
        );
        assert!(text.contains(K::LevelCertified.get(lang)), "{lang}");
        for ja in ["札幌市", "函館市", "帯広市"] {
            assert!(text.contains(ja), "{lang}: {ja}");
        }
        if lang == Lang::Th {
            for th in ["ฮาลาล", "ละหมาด"] {
                assert!(text.contains(th), "th: {th}");
            }
        }
        let fonts = tool("pdffonts", &[path]);
        let embedded: Vec<&str> = fonts
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert!(!embedded.is_empty());
        assert!(
            embedded.iter().all(|f| f.contains("NotoSans")),
            "{lang}: only the embedded fonts: {fonts}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
