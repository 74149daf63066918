//! The sign-in limits (issue #10, fault 2), attacked through the
//! application on both databases: a flood of other keys does not lift a
//! wait, nor does a restart; an attacker does not lock the owner out from
//! an address it signed in from; expired counts are purged.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use chrono::{Duration, NaiveDate};
use kizuna_app::auth::SignInOutcome;
use kizuna_app::{App, ManualClock};
use kizuna_domain::common::account::Role;
use kizuna_domain::common::sign_in_limits::POLICY;
use kizuna_store::{Backend, Store};
use kizuna_testkit::fresh_url;
use sqlx::Connection;

const OWNER: &str = "owner@example.org";
const PASSWORD: &str = "lantern obihiro paddle quietly";
const WRONG: &str = "not the password at all";

async fn setup(backend: Backend) -> (String, ManualClock, App) {
    let url = fresh_url(backend).await.expect("a fresh database");
    let clock = ManualClock::on(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let app = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    app.add_user(OWNER, Role::Staff, None, Some(PASSWORD)).await.unwrap();
    (url, clock, app)
}

async fn attempt(app: &App, email: &str, password: &str, address: &str) -> SignInOutcome {
    app.sign_in_from(email, password, address).await.unwrap()
}

fn wait_of(o: &SignInOutcome) -> Option<i64> {
    match o {
        SignInOutcome::Wait { seconds } => Some(*seconds),
        _ => None,
    }
}

/// Write `n` rows of other keys straight into the table, as a flood of
/// distinct e-mails and addresses would leave them.
async fn flood_rows(backend: Backend, url: &str, n: u32, now: i64) {
    let sql = match backend {
        Backend::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) \
             INSERT INTO sign_in_failures (kind, subject, failures, first_failure, last_failure, blocked_until) \
             SELECT CASE i % 3 WHEN 0 THEN 'pair' WHEN 1 THEN 'address' ELSE 'account' END, 'flood-' || i, 1, {now}, {now}, {now} FROM n"
        ),
        Backend::Postgres => format!(
            "INSERT INTO sign_in_failures (kind, subject, failures, first_failure, last_failure, blocked_until) \
             SELECT CASE i % 3 WHEN 0 THEN 'pair' WHEN 1 THEN 'address' ELSE 'account' END, 'flood-' || i, 1, {now}, {now}, {now} \
             FROM generate_series(1, {n}) AS i"
        ),
    };
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap();
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap();
        }
    }
}

async fn a_flood_or_a_restart_does_not_lift_a_wait(backend: Backend) {
    let (url, clock, app) = setup(backend).await;
    let attacker = "203.0.113.66";
    for _ in 0..POLICY.pair_free {
        assert!(matches!(
            attempt(&app, OWNER, WRONG, attacker).await,
            SignInOutcome::Refused
        ));
    }
    // Even the right password now waits, without being checked; each
    // further failure after a wait doubles it.
    let mut wait = wait_of(&attempt(&app, OWNER, PASSWORD, attacker).await).expect("a wait");
    assert_eq!(wait, 2);
    for _ in 0..8 {
        clock.advance(Duration::seconds(wait));
        assert!(matches!(
            attempt(&app, OWNER, WRONG, attacker).await,
            SignInOutcome::Refused
        ));
        let next = wait_of(&attempt(&app, OWNER, PASSWORD, attacker).await).expect("a wait");
        assert_eq!(next, (wait * 2).min(POLICY.max_wait_s));
        wait = next;
    }
    assert_eq!(wait, 512);

    // A flood of other e-mails from other addresses: a few hundred through
    // the application, 200,000 more rows straight into the store.
    for i in 0..200 {
        let got = attempt(
            &app,
            &format!("bogus-{i}@example.org"),
            WRONG,
            &format!("198.51.100.{i}"),
        )
        .await;
        assert!(matches!(got, SignInOutcome::Refused));
    }
    flood_rows(backend, &url, 200_000, clock.now_seconds()).await;
    assert!(app.store.sign_in_limit_rows().await.unwrap().0 > 200_000);
    let still = wait_of(&attempt(&app, OWNER, PASSWORD, attacker).await).expect("still waiting");
    assert!(still > 500, "{still}");

    // A new server over the same store (a restart, or another server).
    app.store.close().await;
    let again = App::new(Store::open(&url).await.unwrap()).with_clock(clock.clone());
    let still = wait_of(&attempt(&again, OWNER, PASSWORD, attacker).await).expect("still waiting after a restart");
    assert!(still > 500, "{still}");
    // Once the wait is over, the right password signs in.
    clock.advance(Duration::seconds(still));
    assert!(matches!(
        attempt(&again, OWNER, PASSWORD, attacker).await,
        SignInOutcome::Signed(_)
    ));
    again.store.close().await;
    kizuna_testkit::drop_fresh(&url).await;
}

async fn an_attacker_does_not_lock_out_the_owner(backend: Backend) {
    let (url, _clock, app) = setup(backend).await;
    let home = "192.0.2.10";
    // The owner has signed in from home before.
    assert!(matches!(
        attempt(&app, OWNER, PASSWORD, home).await,
        SignInOutcome::Signed(_)
    ));
    // One attacker hammers the account from one address: it waits...
    let attacker = "203.0.113.66";
    for _ in 0..POLICY.pair_free {
        attempt(&app, OWNER, WRONG, attacker).await;
    }
    assert!(wait_of(&attempt(&app, OWNER, PASSWORD, attacker).await).is_some());
    // ...and the owner signs in from home, and from a new address too.
    assert!(matches!(
        attempt(&app, OWNER, PASSWORD, home).await,
        SignInOutcome::Signed(_)
    ));
    assert!(matches!(
        attempt(&app, OWNER, PASSWORD, "192.0.2.77").await,
        SignInOutcome::Signed(_)
    ));

    // Many attackers, each from an address of its own, past the account's
    // threshold: addresses the account never signed in from now wait...
    for i in 0..POLICY.account_free {
        attempt(&app, OWNER, WRONG, &format!("198.51.{}.{}", i / 200, i % 200)).await;
    }
    let stranger = attempt(&app, OWNER, PASSWORD, "198.18.0.1").await;
    assert!(wait_of(&stranger).is_some(), "{stranger:?}");
    // ...the owner at home does not, and a wrong password there is only wrong.
    assert!(matches!(
        attempt(&app, OWNER, WRONG, home).await,
        SignInOutcome::Refused
    ));
    assert!(matches!(
        attempt(&app, OWNER, PASSWORD, home).await,
        SignInOutcome::Signed(_)
    ));
    // Other accounts are not affected from a fresh address.
    app.add_user("colleague@example.org", Role::Staff, None, Some(PASSWORD))
        .await
        .unwrap();
    assert!(matches!(
        attempt(&app, "colleague@example.org", PASSWORD, "198.18.0.1").await,
        SignInOutcome::Signed(_)
    ));
    app.store.close().await;
    kizuna_testkit::drop_fresh(&url).await;
}

async fn counts_are_bounded_and_purged(backend: Backend) {
    let (url, clock, app) = setup(backend).await;
    for i in 0..10 {
        attempt(
            &app,
            &format!("bogus-{i}@example.org"),
            WRONG,
            &format!("198.51.100.{i}"),
        )
        .await;
    }
    flood_rows(backend, &url, 50_000, clock.now_seconds()).await;
    let (failures, _) = app.store.sign_in_limit_rows().await.unwrap();
    assert_eq!(failures, 30 + 50_000);
    // Nothing is purged while it counts.
    assert_eq!(app.purge_sign_in_limits().await.unwrap(), 0);
    // A day later they have expired; the next sign-in purges them.
    clock.advance(Duration::seconds(POLICY.window_s));
    assert!(matches!(
        attempt(&app, OWNER, PASSWORD, "192.0.2.10").await,
        SignInOutcome::Signed(_)
    ));
    let (failures, known) = app.store.sign_in_limit_rows().await.unwrap();
    assert_eq!((failures, known), (0, 1));
    // No e-mail or address is kept in the clear.
    for i in 0..3 {
        attempt(&app, OWNER, WRONG, "203.0.113.66").await;
        attempt(&app, &format!("x{i}@example.org"), WRONG, "203.0.113.66").await;
    }
    let dump = dump_limits(backend, &url).await;
    assert!(!dump.contains("example.org") && !dump.contains("203.0.113"), "{dump}");
    app.store.close().await;
    kizuna_testkit::drop_fresh(&url).await;
}

async fn dump_limits(backend: Backend, url: &str) -> String {
    let sql = "SELECT kind || ' ' || subject FROM sign_in_failures UNION ALL SELECT subject FROM sign_in_known";
    let rows: Vec<String> = match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
            sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::query_scalar(sql).fetch_all(&mut c).await.unwrap()
        }
    };
    assert!(rows.len() >= 4, "{rows:?}");
    rows.join("\n")
}

trait Seconds {
    fn now_seconds(&self) -> i64;
}

impl Seconds for ManualClock {
    fn now_seconds(&self) -> i64 {
        kizuna_app::Clock::now(self).timestamp()
    }
}

kizuna_testkit::on_both!(
    a_flood_or_a_restart_does_not_lift_a_wait,
    an_attacker_does_not_lock_out_the_owner,
    counts_are_bounded_and_purged,
);
