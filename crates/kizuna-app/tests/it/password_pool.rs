//! Password work (argon2id, zxcvbn) runs on the blocking pool, a bounded
//! number at a time, so that a sign-in flood cannot take the async workers
//! that serve every other request (issue #10, fault 1; the flood itself is
//! measured by `kizuna bench sign-in-flood`).

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use kizuna_app::App;
use kizuna_app::auth::password_workers;
use kizuna_domain::common::account::Role;
use kizuna_store::Backend;
use kizuna_testkit::fresh_store;

async fn app() -> App {
    App::new(fresh_store(Backend::Sqlite).await.expect("fresh database"))
}

/// On a single-threaded runtime, work that ran on the async thread would
/// never see the message the async side sends while it runs.
#[tokio::test(flavor = "current_thread")]
async fn password_work_leaves_the_async_thread() {
    let app = app().await;
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let work = app.password_work(move || rx.recv_timeout(Duration::from_secs(10)).is_ok());
    let send = async move {
        tokio::task::yield_now().await;
        tx.send(()).unwrap();
    };
    let (heard, ()) = tokio::join!(work, send);
    assert!(heard.unwrap(), "the work blocked the runtime's only thread");

    // And so do real sign-ins: a ticker on the same thread keeps ticking
    // while eight wrong passwords are checked.
    app.add_user(
        "staff@example.org",
        Role::Staff,
        None,
        Some("lantern obihiro paddle quietly"),
    )
    .await
    .unwrap();
    let ticks = Arc::new(AtomicUsize::new(0));
    let ticker = {
        let ticks = ticks.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(1)).await;
                ticks.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    let attempts = (0..8).map(|i| {
        let app = &app;
        async move {
            let email = if i % 2 == 0 {
                "staff@example.org"
            } else {
                "nobody@example.org"
            };
            app.sign_in(email, "not the password at all").await.unwrap()
        }
    });
    let started = std::time::Instant::now();
    let results = futures_join_all(attempts).await;
    let took = started.elapsed();
    ticker.abort();
    assert!(results.iter().all(Option::is_none));
    let ticked = ticks.load(Ordering::Relaxed);
    // A blocked thread would tick at most once per sign-in.
    let floor = (took.as_millis() / 10).max(8);
    assert!(
        ticked as u128 >= floor,
        "{ticked} ticks in {took:?}: the sign-ins held the async thread"
    );
}

/// Password work runs at a lower priority than serving requests.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_work_yields_to_requests() {
    let app = app().await;
    let nice = app
        .password_work(|| rustix::process::getpriority_process(Some(rustix::thread::gettid())).unwrap())
        .await
        .unwrap();
    assert_eq!(nice, kizuna_app::auth::PASSWORD_NICE);
    // The async workers keep their priority.
    let here = rustix::process::getpriority_process(Some(rustix::thread::gettid())).unwrap();
    assert!(here < nice, "{here}");
}

/// Never more than one piece of password work per core at once, however
/// many callers; every caller is answered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_work_is_bounded_by_the_cores() {
    let app = Arc::new(app().await);
    let limit = password_workers();
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..limit * 4 + 3 {
        let (app, running, most) = (app.clone(), running.clone(), most.clone());
        tasks.push(tokio::spawn(async move {
            app.password_work(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(20));
                running.fetch_sub(1, Ordering::SeqCst);
            })
            .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let most = most.load(Ordering::SeqCst);
    assert!(most <= limit, "{most} at once, limit {limit}");
    assert!(most >= 1);
}

/// `join_all` without a futures dependency: poll them all on this task.
async fn futures_join_all<F: std::future::Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out: Vec<Option<F::Output>> = set.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, slot) in set.iter_mut().zip(out.iter_mut()) {
            if slot.is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *slot = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(Option::unwrap).collect()
}
