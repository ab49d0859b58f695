//! Waymark's HTTP + y-websocket server: the browser front of the same
//! [`waymark_api::Library`] the desktop app and the CLI use.
//!
//! - `GET /api/templates`, `GET|POST /api/maps`, `GET /api/maps/{id}/state`
//!   (raw Yjs state), `POST /api/maps/{id}/update` (raw Yjs update, durable
//!   before the 204), `GET|POST /api/maps/{id}/versions`,
//!   `POST /api/maps/{id}/restore`: the UI's `Backend` interface over HTTP.
//! - `/ws/{map_id}`: the standard y-websocket protocol (sync step 1/2,
//!   update, awareness). Every document update is persisted through
//!   [`Library::apply_update`] before it is broadcast to the room.
//! - Everything else: the built UI (`ui/dist`) as static files.
//!
//! Security: a random 128-bit token per server is required on every request
//! (`?token=`, `Authorization: Bearer`, or the `HttpOnly` cookie the server
//! sets when a page is opened with `?token=`); Host and Origin must name the
//! server itself; bodies and WebSocket messages are size-bounded; WebSocket
//! messages are rate-limited per connection. Binds loopback by default.

mod analysis_routes;
mod guard;
mod library_routes;
mod limits;
mod permit;
mod routes;
mod workshop;
mod ws;

pub use workshop::{Role, FACILITATOR, WORKSHOP_MESSAGE};

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use waymark_api::Library;

/// How a server listens and what it bounds.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen; loopback unless the user asks otherwise. Port 0 picks
    /// a free port (see [`RunningServer::addr`]).
    pub bind: SocketAddr,
    /// The built UI to serve as static files (`ui/dist`); `None` serves only
    /// the API and the WebSocket.
    pub ui_dir: Option<PathBuf>,
    /// The access token; `None` draws a random 128-bit one.
    pub token: Option<String>,
    /// Largest HTTP body or WebSocket message accepted, in bytes.
    pub max_message_bytes: usize,
    /// Sustained WebSocket messages per second allowed per connection.
    pub rate_per_sec: f64,
    /// Burst of WebSocket messages allowed per connection above the rate.
    pub rate_burst: f64,
    /// Extra `Host` names (`name` or `name:port`) the server answers to,
    /// e.g. a LAN host name for a workshop.
    pub extra_hosts: Vec<String>,
    /// The token participants join with; `None` draws a random one.
    pub join_token: Option<String>,
    /// The maps a workshop's participants may open; empty means all.
    pub maps: Vec<String>,
    /// Most participants who may join.
    pub max_participants: usize,
    /// Most WebSocket connections open at once, and per client address.
    pub max_connections: usize,
    pub max_connections_per_addr: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            ui_dir: None,
            token: None,
            max_message_bytes: 1 << 20,
            rate_per_sec: 200.0,
            rate_burst: 400.0,
            extra_hosts: Vec::new(),
            join_token: None,
            maps: Vec::new(),
            max_participants: 100,
            max_connections: 256,
            max_connections_per_addr: 16,
        }
    }
}

/// What every handler shares.
pub(crate) struct AppState {
    pub library: Arc<Library>,
    pub token: String,
    pub addr: SocketAddr,
    pub config: ServerConfig,
    pub rooms: ws::Rooms,
    pub workshop: workshop::Workshop,
    pub connections: limits::Connections,
}

/// A random token of 128 bits, as 32 lowercase hex digits.
pub fn random_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(std::io::Error::other)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A server started with [`start`]: its address and token, and the handle to
/// stop it.
pub struct RunningServer {
    addr: SocketAddr,
    token: String,
    join_token: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// The address actually bound (the real port when the config said 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The token every request must carry.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The token participants join a workshop with.
    pub fn join_token(&self) -> &str {
        &self.join_token
    }

    /// The facilitator's URL (the host token: everything allowed).
    pub fn url(&self) -> String {
        format!("http://{}/?token={}", self.shown_addr(), self.token)
    }

    /// The link participants open: it asks their name and joins.
    pub fn join_url(&self) -> String {
        format!(
            "http://{}/?token={}#/join",
            self.shown_addr(),
            self.join_token
        )
    }

    fn shown_addr(&self) -> SocketAddr {
        if self.addr.ip().is_unspecified() {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), self.addr.port())
        } else {
            self.addr
        }
    }

    /// Stops accepting, lets open requests finish, and returns.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task.await.map_err(std::io::Error::other)?
    }

    /// Runs until the server stops on its own (an accept error).
    pub async fn wait(self) -> std::io::Result<()> {
        self.task.await.map_err(std::io::Error::other)?
    }
}

/// Binds `config.bind` and starts serving in the background; returns once
/// the socket is bound.
pub async fn start(library: Arc<Library>, config: ServerConfig) -> std::io::Result<RunningServer> {
    let listener = TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let token = match &config.token {
        Some(t) if !t.is_empty() => t.clone(),
        _ => random_token()?,
    };
    let join_token = match &config.join_token {
        Some(t) if !t.is_empty() => t.clone(),
        _ => random_token()?,
    };
    let state = Arc::new(AppState {
        library,
        token: token.clone(),
        addr,
        workshop: workshop::Workshop::new(
            join_token.clone(),
            config.maps.clone(),
            config.max_participants,
        ),
        connections: limits::Connections::new(
            config.max_connections,
            config.max_connections_per_addr,
        ),
        config,
        rooms: ws::Rooms::default(),
    });
    let app = router(state);
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = rx.await;
        })
        .await
    });
    Ok(RunningServer {
        addr,
        token,
        join_token,
        shutdown: Some(tx),
        task,
    })
}

/// Serves `library` on `config.bind` until the process ends.
pub async fn serve(library: Arc<Library>, config: ServerConfig) -> std::io::Result<()> {
    start(library, config).await?.wait().await
}

fn router(state: Arc<AppState>) -> Router {
    let mut app = routes::api()
        .merge(library_routes::routes())
        .merge(workshop::routes())
        .merge(analysis_routes::routes())
        .merge(ws::routes())
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.max_message_bytes,
        ));
    if let Some(dir) = &state.config.ui_dir {
        let index = tower_http::services::ServeFile::new(dir.join("index.html"));
        app = app.fallback_service(tower_http::services::ServeDir::new(dir).fallback(index));
    }
    app.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        guard::guard,
    ))
    .with_state(state)
}

#[cfg(test)]
mod fuzz_tests;
