//! The application on a fresh store, as the web tests use it.

use std::sync::Arc;

use axum::Router;
use chrono::NaiveDate;
use kizuna_app::{App, ManualClock};
use kizuna_domain::common::account::Role;
use kizuna_store::{Backend, Store, StoreError};
use kizuna_web::WebOptions;

use crate::browser::Browser;
use crate::store::{fresh_store, from_template};

/// The staff account every [`TestApp`] has.
pub const STAFF: &str = "staff@example.org";
/// The administrator account every [`TestApp`] has.
pub const ADMIN: &str = "admin@example.org";
/// The partner account of a demo [`TestApp`] (of [`PARTNER_ORGANISATION`]).
pub const PARTNER: &str = "partner@example.org";
/// The demo organisation the partner account belongs to.
pub const PARTNER_ORGANISATION: &str = "demo/rda-th";
/// The password of the test accounts.
pub const PASSWORD: &str = "a long password 123";
/// The day tests are run "on", unless they move the clock.
pub const TODAY: (i32, u32, u32) = (2026, 11, 23);

/// [`TODAY`] as a date.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).expect("TODAY is a date")
}

/// Why a test cannot start: no database.
fn no_database<T>(e: StoreError) -> T {
    panic!("a fresh database (is PostgreSQL on 127.0.0.1:5432?): {e}")
}

/// The demo (when asked) and the test accounts, written through `app`.
async fn fill(app: &App, demo: bool) {
    if demo {
        app.load_demo().await.expect("the demo loads");
        app.add_user(PARTNER, Role::Partner, Some(PARTNER_ORGANISATION), Some(PASSWORD))
            .await
            .expect("a partner account");
    }
    app.add_user(STAFF, Role::Staff, None, Some(PASSWORD))
        .await
        .expect("a staff account");
    app.add_user(ADMIN, Role::Admin, None, Some(PASSWORD))
        .await
        .expect("an administrator account");
}

/// The application on a fresh database, its web router, and the clock it
/// reads (stopped at noon in Japan on [`TODAY`] until a test moves it).
pub struct TestApp {
    pub app: Arc<App>,
    pub router: Router,
    pub clock: ManualClock,
    pub backend: Backend,
}

impl TestApp {
    /// An empty store with the staff and administrator accounts.
    pub async fn empty(backend: Backend) -> Self {
        Self::build(backend, false, WebOptions::default()).await
    }

    /// The demo dataset with the staff, administrator and partner accounts.
    pub async fn demo(backend: Backend) -> Self {
        Self::build(backend, true, WebOptions::default()).await
    }

    /// An empty store served with `options`.
    pub async fn with_options(backend: Backend, options: WebOptions) -> Self {
        Self::build(backend, false, options).await
    }

    async fn build(backend: Backend, demo: bool, options: WebOptions) -> Self {
        let clock = ManualClock::on(today());
        // The demo and its accounts are the same for every test of a run:
        // made once, copied for each (see `from_template`).
        let copied = if demo {
            from_template(backend, "demo", |url| async move {
                let store = Store::open(&url).await.unwrap_or_else(no_database);
                let app = App::new(store).with_clock(ManualClock::on(today()));
                fill(&app, true).await;
                app.store.close().await;
            })
            .await
            .unwrap_or_else(no_database)
        } else {
            None
        };
        let app = match copied {
            Some(url) => App::new(Store::open(&url).await.unwrap_or_else(no_database)).with_clock(clock.clone()),
            None => {
                let store = fresh_store(backend).await.unwrap_or_else(no_database);
                let app = App::new(store).with_clock(clock.clone());
                fill(&app, demo).await;
                app
            }
        };
        let app = Arc::new(app);
        let router = kizuna_web::router_with_options(app.clone(), options);
        TestApp {
            app,
            router,
            clock,
            backend,
        }
    }

    /// A browser that has not signed in.
    pub fn browser(&self) -> Browser {
        Browser::new(self.router.clone())
    }

    /// A browser signed in as the staff account.
    pub async fn staff(&self) -> Browser {
        let mut b = self.browser();
        b.sign_in(STAFF, PASSWORD).await;
        b
    }

    /// A browser signed in as the administrator account.
    pub async fn admin(&self) -> Browser {
        let mut b = self.browser();
        b.sign_in(ADMIN, PASSWORD).await;
        b
    }

    /// A client of the API with a new administrator's token.
    pub async fn admin_api(&self) -> Browser {
        let token = self.app.create_token(ADMIN, "tests").await.expect("a token");
        self.browser().with_token(&token)
    }

    /// A browser signed in as the partner account (demo only).
    pub async fn partner(&self) -> Browser {
        let mut b = self.browser();
        b.sign_in(PARTNER, PASSWORD).await;
        b
    }

    /// A client of the API with a new staff token.
    pub async fn api(&self) -> Browser {
        let token = self.app.create_token(STAFF, "tests").await.expect("a token");
        self.browser().with_token(&token)
    }
}
