//! What Kizuna's tests share, so that each test reads like the feature it
//! checks:
//!
//! - [`cannot_run`] and [`have_tool`]: the rule for a check that cannot run
//!   here (fails under `CI=true`, skipped with a word elsewhere), for every
//!   crate, even those below the store (without features);
//! - with the `store` feature, [`store`]: a fresh, migrated database per test, on SQLite or
//!   PostgreSQL, dropped again by [`drop_fresh`];
//! - [`on_both!`]: one scenario, written once as `async fn name(backend)`,
//!   run as a `sqlite` and a `postgres` test;
//! - with the `web` feature, [`TestApp`]: the application on a fresh store
//!   with a hand-set clock and the accounts tests sign in with, the web
//!   router over it, and [`Browser`]: a client that keeps cookies, sends
//!   the form token, and reads answers as a person sees them ([`Page`]:
//!   CSS selectors and visible text, not raw markup).

#[cfg(feature = "web")]
mod app;
#[cfg(feature = "web")]
mod browser;
#[cfg(feature = "web")]
pub mod english;
#[cfg(feature = "web")]
mod page;
#[cfg(feature = "store")]
pub mod store;

#[cfg(feature = "store")]
pub use store::{drop_fresh, fresh_store, fresh_url, postgres_admin_url};

#[cfg(feature = "web")]
pub use app::{ADMIN, PARTNER, PARTNER_ORGANISATION, PASSWORD, STAFF, TODAY, TestApp, today};
#[cfg(feature = "web")]
pub use browser::{Answer, Browser};
#[cfg(feature = "web")]
pub use page::{El, Page};

/// Whether the program `cmd` is installed (`cmd --version` or, for
/// programs such as poppler's that know only that, `cmd -v` succeeds), for
/// checks that read Kizuna's files with another program. When it is not,
/// the check cannot run: under `CI=true` that fails the test, naming the
/// Debian package to install; elsewhere it says on stderr that the check is
/// skipped, and the caller skips it.
#[track_caller]
pub fn have_tool(cmd: &str, package: &str) -> bool {
    let runs = ["--version", "-v"].iter().any(|flag| {
        std::process::Command::new(cmd)
            .arg(flag)
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !runs {
        cannot_run(&format!(
            "{cmd} is not installed (Debian: apt-get install {package}; scripts/test installs it)"
        ));
    }
    runs
}

/// A check cannot run here, for the reason `why` (which says how to set
/// it up): under `CI=true` that fails the test, since there every check
/// must run; elsewhere it says on stderr that the check is skipped, and
/// the caller skips it.
#[track_caller]
pub fn cannot_run(why: &str) {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why}: under CI every check must run"
    );
    eprintln!("\n!!!!! SKIPPED: {why} !!!!!\n");
}

/// Run each named scenario (`async fn name(backend: Backend)`, in the
/// calling module) on both databases: as `sqlite::name` and
/// `postgres::name`.
///
/// ```ignore
/// on_both!(edits_are_kept, stale_edits_are_refused);
/// async fn edits_are_kept(backend: Backend) { /* … */ }
/// ```
#[cfg(feature = "store")]
#[macro_export]
macro_rules! on_both {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(kizuna_store::Backend::Sqlite).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(kizuna_store::Backend::Postgres).await
                }
            )+
        }
    };
}
