//! Other servers' writes heard as they commit (PostgreSQL's LISTEN/NOTIFY
//! on the change feed): a write through one store handle reaches another
//! handle's follower with its system and version; a follower whose
//! connection is cut says it listens again and hears later writes; a
//! read-only handle reads and never writes. SQLite has no follower.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::time::Duration;

use kizuna_domain::System;
use kizuna_store::notify::Notice;
use kizuna_store::{Backend, Store};
use kizuna_testkit::{drop_fresh, fresh_url};
use tokio::sync::mpsc::UnboundedReceiver;

async fn next(rx: &mut UnboundedReceiver<Notice>) -> Notice {
    tokio::time::timeout(Duration::from_secs(10), rx.recv())
        .await
        .expect("a notice within 10 s")
        .expect("the follower still runs")
}

/// The next notice of a change to `system`, skipping others.
async fn next_change(rx: &mut UnboundedReceiver<Notice>, system: System) -> i64 {
    loop {
        if let Notice::Changed { system: s, version } = next(rx).await
            && s == system
        {
            return version;
        }
    }
}

#[tokio::test]
async fn writes_on_one_server_are_heard_by_another() {
    let url = fresh_url(Backend::Postgres).await.unwrap();
    let listener = Store::open(&url).await.unwrap();
    let writer = Store::open(&url).await.unwrap();
    let mut rx = listener.follow_changes().expect("PostgreSQL follows changes");
    assert_eq!(next(&mut rx).await, Notice::Listening);

    writer.touch_system(System::Map).await.unwrap();
    let v = next_change(&mut rx, System::Map).await;
    assert_eq!(v, writer.system_version(System::Map).await.unwrap());
    writer.touch_system(System::Training).await.unwrap();
    writer.touch_system(System::Map).await.unwrap();
    assert_eq!(
        next(&mut rx).await,
        Notice::Changed {
            system: System::Training,
            version: writer.system_version(System::Training).await.unwrap()
        }
    );
    assert_eq!(next_change(&mut rx, System::Map).await, v + 1);

    // The listening connection is cut (a restarted server, a network cut):
    // the follower connects again, says so, and hears what comes after.
    let killed: i64 = {
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&url).await.unwrap();
        sqlx::query_scalar(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%') t",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap()
    };
    assert_eq!(killed, 1, "one connection listens");
    assert_eq!(next(&mut rx).await, Notice::Listening);
    writer.touch_system(System::Map).await.unwrap();
    assert_eq!(next_change(&mut rx, System::Map).await, v + 2);

    drop(rx);
    listener.close().await;
    writer.close().await;
    drop_fresh(&url).await;
}

#[tokio::test]
async fn a_read_only_store_reads_and_never_writes() {
    let url = fresh_url(Backend::Postgres).await.unwrap();
    let primary = Store::open(&url).await.unwrap();
    primary.touch_system(System::Map).await.unwrap();
    let reader = Store::open_read_only(&url).await.unwrap();
    assert_eq!(
        reader.system_version(System::Map).await.unwrap(),
        primary.system_version(System::Map).await.unwrap()
    );
    let refused = reader.touch_system(System::Map).await.unwrap_err().to_string();
    assert!(refused.contains("read-only"), "{refused}");
    reader.close().await;
    primary.close().await;
    drop_fresh(&url).await;

    let sqlite = fresh_url(Backend::Sqlite).await.unwrap();
    let refused = Store::open_read_only(&sqlite).await.err().unwrap().to_string();
    assert!(refused.contains("must be PostgreSQL"), "{refused}");
    let store = Store::open(&sqlite).await.unwrap();
    assert!(store.follow_changes().is_none(), "SQLite has no follower");
    store.close().await;
    drop_fresh(&sqlite).await;
}
