//! `kizuna serve` and `kizuna demo`.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use kizuna_app::App;

use super::open;

/// What `kizuna serve` is told.
pub struct ServeOptions {
    pub addr: SocketAddr,
    pub demo: bool,
    pub secure_cookies: bool,
    pub tile_url: String,
    pub tile_attribution: Option<String>,
    /// Reverse proxies whose X-Forwarded-For is believed.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// `kizuna serve`: the web pages and the JSON API until Ctrl-C.
pub async fn serve(database_url: &str, o: ServeOptions) -> anyhow::Result<()> {
    let ServeOptions {
        addr,
        demo,
        secure_cookies,
        tile_url,
        tile_attribution,
        trusted_proxies,
    } = o;
    let tiles = kizuna_web::TileServer::parse(&tile_url, tile_attribution.as_deref())
        .map_err(|e| anyhow::anyhow!("--tile-url: {e}"))?;
    let app = open(database_url).await?;
    if demo {
        announce_demo_admin(&app).await?;
        let s = app.load_demo().await?;
        if !s.already_loaded {
            tracing::info!(
                people = s.people_created,
                editions = s.editions_created,
                "demo data loaded"
            );
        }
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let app = Arc::new(app);
    eprintln!(
        "Kizuna is serving http://{} (API under /api/v1, OpenAPI at /api/openapi.json)",
        listener.local_addr()?
    );
    let web = kizuna_web::WebOptions {
        secure_cookies,
        tiles,
        trusted_proxies,
    };
    // With each connection's peer address, which the sign-in limits count by.
    let service = kizuna_web::router_with_options(app.clone(), web).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    app.store.close().await;

    Ok(())
}

/// `kizuna demo`: load the demo dataset (idempotent).
pub async fn demo(database_url: &str) -> anyhow::Result<()> {
    let app = open(database_url).await?;
    announce_demo_admin(&app).await?;
    let s = app.load_demo().await?;
    if s.already_loaded {
        eprintln!("the demo data is already loaded; nothing was added");
    } else {
        eprintln!(
            "demo data loaded: {} people, {} course editions (every person is fictional)",
            s.people_created, s.editions_created
        );
    }
    app.store.close().await;

    Ok(())
}

/// Create the demo's administrator the first time, and print its password once.
async fn announce_demo_admin(app: &App) -> anyhow::Result<()> {
    if let Some((email, password)) = app.ensure_demo_admin().await? {
        eprintln!("demo administrator: {email}  password: {password}  (shown only this once)");
    }
    Ok(())
}
