//! The audit log as an attacker with database access meets it: every
//! write leaves one chained entry, the log refuses changes, and a changed,
//! removed or truncated entry is named by the check, on both databases.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use kizuna_domain::common::locality::{Locality, LocalityInput, LocalityLevel};
use kizuna_domain::common::{CountryCode, DEFAULT_OFFICE, Key, LocalText, Text};
use kizuna_store::{Action, Actor, AuditFilter, Backend, Store, Verification};
use kizuna_testkit::{drop_fresh, fresh_url};
use sqlx::Connection;

fn locality(key: &str) -> LocalityInput {
    LocalityInput {
        key: Key::parse(key).unwrap(),
        country: CountryCode::parse("JP").unwrap(),
        level: LocalityLevel::Municipality,
        parent_id: None,
        name: LocalText::en(Text::parse("Otaru").unwrap()),
        name_local: None,
    }
}

/// A store with `n` localities written (n creates, then one update and one
/// delete), and its URL.
async fn store_with_writes(backend: Backend, n: usize) -> (Store, String) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url)
        .await
        .unwrap()
        .acting(Actor::request(Some(7), "api", Some("192.0.2.1".into())));
    let mut ids = Vec::new();
    for i in 0..n {
        let l = store
            .insert::<Locality>(DEFAULT_OFFICE, &locality(&format!("jp/test/{i}")))
            .await
            .unwrap();
        ids.push(l.id);
    }
    let l = store.get::<Locality>(ids[0]).await.unwrap();
    store
        .update::<Locality>(l.id, l.version, &locality("jp/test/renamed"))
        .await
        .unwrap();
    store.delete::<Locality>(ids[1]).await.unwrap();
    (store, url)
}

/// Run raw SQL as someone with the database's password would.
async fn attacker(url: &str, backend: Backend, sql: &[&str]) {
    match backend {
        Backend::Sqlite => {
            let mut c = sqlx::SqliteConnection::connect(url).await.unwrap();
            for s in sql {
                sqlx::query(sqlx::AssertSqlSafe(*s)).execute(&mut c).await.unwrap();
            }
        }
        Backend::Postgres => {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            for s in sql {
                sqlx::query(sqlx::AssertSqlSafe(*s)).execute(&mut c).await.unwrap();
            }
        }
    }
}

fn drop_triggers(backend: Backend) -> &'static [&'static str] {
    match backend {
        Backend::Sqlite => &["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
        Backend::Postgres => &["DROP TRIGGER audit_log_no_change ON audit_log"],
    }
}

kizuna_testkit::on_both!(
    every_write_leaves_one_entry_with_its_actor_and_the_chain_verifies,
    the_log_refuses_updates_and_deletes,
    a_changed_entry_is_named,
    a_removed_entry_leaves_a_gap_that_is_named,
    removed_last_entries_are_found_by_the_head,
    concurrent_writers_form_one_chain,
);

async fn every_write_leaves_one_entry_with_its_actor_and_the_chain_verifies(backend: Backend) {
    let (store, url) = store_with_writes(backend, 3).await;
    let (entries, total) = store.audit_entries(&AuditFilter::default(), 100, 0).await.unwrap();
    assert_eq!(total, 5, "3 creates, 1 update, 1 delete: {entries:#?}");
    let actions: Vec<&str> = entries.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "create", "create", "update", "delete"]);
    for e in &entries {
        assert_eq!(e.entity, "locality");
        assert_eq!(e.actor_user_id, Some(7));
        assert_eq!(e.actor_label, "api");
        assert_eq!(e.address.as_deref(), Some("192.0.2.1"));
        assert_eq!(e.office_id, None, "localities belong to no office");
    }
    let first_ids: Vec<i64> = entries.iter().rev().map(|e| e.record_id.unwrap()).collect();
    assert_eq!(first_ids[3], first_ids[0], "the update names the record updated");
    assert_eq!(first_ids[4], first_ids[1], "the delete names the record deleted");
    let filtered = AuditFilter {
        action: Some(Action::Delete),
        ..AuditFilter::default()
    };
    assert_eq!(store.audit_entries(&filtered, 100, 0).await.unwrap().1, 1);
    match store.audit_verify().await.unwrap() {
        Verification::Intact { entries, head } => {
            assert_eq!(entries, 5);
            assert_eq!(head.len(), 64);
        }
        broken => panic!("a clean log verifies: {broken:?}"),
    }
    store.close().await;
    drop_fresh(&url).await;
}

async fn the_log_refuses_updates_and_deletes(backend: Backend) {
    let (store, url) = store_with_writes(backend, 2).await;
    for sql in [
        "UPDATE audit_log SET detail = 'x' WHERE id = 1",
        "DELETE FROM audit_log WHERE id = 1",
    ] {
        let refused = match backend {
            Backend::Sqlite => {
                let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
                sqlx::query(sql).execute(&mut c).await.err()
            }
            Backend::Postgres => {
                let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
                sqlx::query(sql).execute(&mut c).await.err()
            }
        };
        let e = refused.unwrap_or_else(|| panic!("{sql} was allowed"));
        assert!(e.to_string().contains("append-only"), "{e}");
    }
    assert!(matches!(
        store.audit_verify().await.unwrap(),
        Verification::Intact { .. }
    ));
    store.close().await;
    drop_fresh(&url).await;
}

async fn a_changed_entry_is_named(backend: Backend) {
    let (store, url) = store_with_writes(backend, 3).await;
    let mut sql = drop_triggers(backend).to_vec();
    sql.push("UPDATE audit_log SET actor_user_id = 99 WHERE id = 3");
    attacker(&url, backend, &sql).await;
    match store.audit_verify().await.unwrap() {
        Verification::Broken { id, reason } => {
            assert_eq!(id, 3);
            assert!(reason.contains("changed"), "{reason}");
        }
        intact => panic!("a changed entry went unnoticed: {intact:?}"),
    }
    store.close().await;
    drop_fresh(&url).await;
}

async fn a_removed_entry_leaves_a_gap_that_is_named(backend: Backend) {
    let (store, url) = store_with_writes(backend, 3).await;
    let mut sql = drop_triggers(backend).to_vec();
    sql.push("DELETE FROM audit_log WHERE id = 2");
    attacker(&url, backend, &sql).await;
    match store.audit_verify().await.unwrap() {
        Verification::Broken { id, reason } => {
            assert_eq!(id, 3, "{reason}");
            assert!(reason.contains("entry 2 is missing"), "{reason}");
        }
        intact => panic!("a removed entry went unnoticed: {intact:?}"),
    }
    store.close().await;
    drop_fresh(&url).await;
}

async fn removed_last_entries_are_found_by_the_head(backend: Backend) {
    let (store, url) = store_with_writes(backend, 3).await;
    let mut sql = drop_triggers(backend).to_vec();
    sql.push("DELETE FROM audit_log WHERE id >= 4");
    attacker(&url, backend, &sql).await;
    match store.audit_verify().await.unwrap() {
        Verification::Broken { id, reason } => {
            assert_eq!(id, 5, "{reason}");
            assert!(reason.contains("ends at entry 3"), "{reason}");
        }
        intact => panic!("a truncated log went unnoticed: {intact:?}"),
    }
    store.close().await;
    drop_fresh(&url).await;
}

async fn concurrent_writers_form_one_chain(backend: Backend) {
    let url = fresh_url(backend).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let mut tasks = Vec::new();
    for w in 0..6 {
        let s = store.acting(Actor::request(Some(w), "api", None));
        tasks.push(tokio::spawn(async move {
            for i in 0..8 {
                s.insert::<Locality>(DEFAULT_OFFICE, &locality(&format!("jp/w{w}/{i}")))
                    .await
                    .unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    match store.audit_verify().await.unwrap() {
        Verification::Intact { entries, .. } => assert_eq!(entries, 48),
        broken => panic!("concurrent appends broke the chain: {broken:?}"),
    }
    for w in 0..6 {
        let mine = AuditFilter {
            actor_user_id: Some(w),
            ..AuditFilter::default()
        };
        assert_eq!(store.audit_entries(&mine, 100, 0).await.unwrap().1, 8, "writer {w}");
    }
    store.close().await;
    drop_fresh(&url).await;
}
