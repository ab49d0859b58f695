//! Waymark's HTTP + y-websocket server: the browser front of the same
//! [`waymark_api::Library`] the desktop app and the CLI use.
//!
//! - `POST /api/rpc/{command}`: every command of [`waymark_api::rpc`]'s
//!   table (JSON in, JSON out); `GET /api/maps/{id}/state` (raw Yjs state),
//!   `POST /api/maps/{id}/update` (raw Yjs update, durable before the 204),
//!   `POST /api/maps/{id}/report` (the PDF): the UI's `Backend` over HTTP.
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

pub mod bindings;
mod changed;
mod front_door;
mod guard;
mod host;
mod join_code;
pub mod limits;
mod names;
mod permit;
mod presence;
mod reply;
mod report_route;
mod room;
mod routes;
mod rpc_routes;
mod secret;
mod throttle;
mod who;
mod workshop;
mod ws;

pub use host::{
    host_addresses, host_workshop, qr_svg, HostAddress, HostOptions, HostedWorkshop, WorkshopInfo,
    WorkshopOptions,
};
pub use routes::UpdateRepaired;
pub use secret::random_token;
pub use who::Role;
pub use workshop::messages::{self, WorkshopSummary};
pub use workshop::{FACILITATOR, WORKSHOP_MESSAGE};

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch};
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
    /// Sustained votes per second allowed per person, and the burst above
    /// it (the vote route writes the map each time).
    pub votes_per_sec: f64,
    pub vote_burst: f64,
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
    /// Most sockets open at once (further held below the descriptor limit),
    /// and per client address, before any token is read.
    pub max_sockets: usize,
    pub max_sockets_per_addr: usize,
    /// Joins from one client address other than loopback.
    pub max_joins_per_addr: usize,
    /// Time to send a request's headers (and most idle time between
    /// requests on a kept-alive connection).
    pub header_timeout: Duration,
    /// Most time between two pieces of a request body.
    pub body_timeout: Duration,
    /// A WebSocket silent this long (no message, no pong) is closed.
    pub ws_idle_timeout: Duration,
    /// Bytes waiting for one WebSocket reader before it is cut.
    pub send_queue_bytes: usize,
    /// The built UI as files the host app embeds, when there is no
    /// `ui_dir` (the desktop app carries the UI inside its binary).
    pub ui_files: Option<UiFiles>,
    /// A short code that, typed on the server's bare address, leads to the
    /// join page (see `join_code`); `None` turns that page off.
    pub join_code: Option<String>,
    /// Stop serving once the facilitator ends the workshop (a workshop
    /// hosted from the app); `waymark serve` keeps running.
    pub stop_when_ended: bool,
}

/// Finds a file of the UI by its path (`/`, `/assets/app.js`): its bytes and
/// MIME type. Unknown paths may answer with `index.html` (a client-side route).
#[derive(Clone)]
pub struct UiFiles(pub Arc<FindUiFile>);

/// A UI file's bytes and MIME type by its path.
pub type FindUiFile = dyn Fn(&str) -> Option<(Vec<u8>, String)> + Send + Sync;

impl std::fmt::Debug for UiFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UiFiles(..)")
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            ui_dir: None,
            token: None,
            max_message_bytes: limits::MESSAGE_BYTES,
            rate_per_sec: 200.0,
            rate_burst: 400.0,
            votes_per_sec: 5.0,
            vote_burst: 20.0,
            extra_hosts: Vec::new(),
            join_token: None,
            maps: Vec::new(),
            max_participants: limits::PARTICIPANTS,
            max_connections: limits::WEBSOCKETS,
            max_connections_per_addr: limits::WEBSOCKETS_PER_ADDR,
            max_sockets: limits::SOCKETS,
            max_sockets_per_addr: limits::SOCKETS_PER_ADDR,
            max_joins_per_addr: limits::JOINS_PER_ADDR,
            header_timeout: limits::HEADER_TIMEOUT,
            body_timeout: limits::BODY_TIMEOUT,
            ws_idle_timeout: limits::WS_IDLE_TIMEOUT,
            send_queue_bytes: limits::SEND_QUEUE_BYTES,
            ui_files: None,
            join_code: None,
            stop_when_ended: false,
        }
    }
}

/// What every handler shares.
pub(crate) struct AppState {
    pub library: Arc<Library>,
    pub token: String,
    pub addr: SocketAddr,
    pub config: ServerConfig,
    pub rooms: room::Rooms,
    pub workshop: workshop::Workshop,
    pub connections: throttle::Connections,
    pub join_code: join_code::JoinCode,
    /// Set when the server stops: every WebSocket closes (1001).
    pub closing: AtomicBool,
}

/// The origins under which the server writes to the library; updates with
/// any other origin (the app's own edits, team sync) are relayed to the
/// server's rooms.
pub const SERVER_ORIGINS: [&str; 3] = ["ws", "http", "workshop"];

/// How long a hosted workshop keeps serving after the facilitator ended it,
/// so the end's answer and the closing frames reach everyone.
const END_GRACE: Duration = Duration::from_millis(1500);

/// How long stopping waits for open WebSockets to close.
const CLOSE_WAIT: Duration = Duration::from_secs(3);

/// A server started with [`start`]: its address and token, and the handle to
/// stop it.
pub struct RunningServer {
    addr: SocketAddr,
    token: String,
    join_token: String,
    state: Arc<AppState>,
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

    /// People who joined the workshop, and WebSockets open now.
    pub fn presence(&self) -> (usize, usize) {
        let joined = self.state.workshop.lock().participants.len();
        (joined, self.state.connections.count())
    }

    /// False once the server stopped on its own (a hosted workshop that the
    /// facilitator ended).
    pub fn is_running(&self) -> bool {
        !self.task.is_finished()
    }

    /// Ends the workshop as the facilitator's "end" does (votes revealed,
    /// participants disconnected, a version of each map kept) and returns
    /// its summary; `None` when it had already ended.
    pub async fn end_workshop(&self) -> std::io::Result<Option<WorkshopSummary>> {
        if self.state.workshop.lock().ended {
            return Ok(None);
        }
        workshop::end_now(&self.state).await.map(Some).map_err(|r| {
            std::io::Error::other(format!("ending the workshop failed ({})", r.status()))
        })
    }

    /// Stops accepting, closes every WebSocket, lets open requests finish,
    /// and returns once the socket is closed.
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
        connections: throttle::Connections::new(
            config.max_connections,
            config.max_connections_per_addr,
        ),
        join_code: join_code::JoinCode::new(config.join_code.clone()),
        config,
        rooms: room::Rooms::default(),
        closing: AtomicBool::new(false),
    });
    let relay = relay_foreign_updates(&state);
    let app = router(state.clone());
    let door = Arc::new(front_door::Door::new(
        state.config.max_sockets,
        state.config.max_sockets_per_addr,
        state.config.header_timeout,
    ));
    let (tx, rx) = oneshot::channel::<()>();
    let (stop_tx, stop_rx) = watch::channel(false);
    let stopping = state.clone();
    tokio::spawn(async move {
        tokio::select! {
            _ = rx => {}
            _ = ended(&stopping) => {}
        }
        close_all(&stopping).await;
        let _ = stop_tx.send(true);
    });
    let library = state.library.clone();
    let task = tokio::spawn(async move {
        front_door::serve(listener, app, door, stop_rx, CLOSE_WAIT).await;
        library.unsubscribe(relay);
        Ok(())
    });
    Ok(RunningServer {
        addr,
        token,
        join_token,
        state,
        shutdown: Some(tx),
        task,
    })
}

/// Edits that reach the library from elsewhere (the host's own window, team
/// sync) go to the map's room, so participants see them live.
fn relay_foreign_updates(state: &Arc<AppState>) -> waymark_api::SubscriptionId {
    let weak: Weak<AppState> = Arc::downgrade(state);
    state
        .library
        .subscribe(Arc::new(move |map: &str, update: &[u8], origin: &str| {
            if SERVER_ORIGINS.contains(&origin) {
                return;
            }
            if let Some(s) = weak.upgrade() {
                s.rooms.broadcast_update(map, update);
            }
        }))
}

/// Resolves a moment after the workshop ends, when the server is to stop
/// then; never otherwise.
async fn ended(s: &AppState) {
    if !s.config.stop_when_ended {
        return std::future::pending().await;
    }
    let mut changed = s.workshop.changed.subscribe();
    while !s.workshop.lock().ended {
        if changed.changed().await.is_err() {
            return std::future::pending().await;
        }
    }
    tokio::time::sleep(END_GRACE).await;
}

/// Tells every WebSocket to close and waits (a bounded time) until they have.
async fn close_all(s: &AppState) {
    s.closing.store(true, Ordering::SeqCst);
    s.workshop.notify();
    let deadline = tokio::time::Instant::now() + CLOSE_WAIT;
    while s.connections.count() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Serves `library` on `config.bind` until the process ends.
pub async fn serve(library: Arc<Library>, config: ServerConfig) -> std::io::Result<()> {
    start(library, config).await?.wait().await
}

fn router(state: Arc<AppState>) -> Router {
    let mut app = routes::api()
        .merge(rpc_routes::routes())
        .merge(workshop::routes())
        .merge(report_route::routes())
        .merge(ws::routes())
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.max_message_bytes,
        ))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            state.config.body_timeout,
        ));
    if let Some(dir) = &state.config.ui_dir {
        let index = tower_http::services::ServeFile::new(dir.join("index.html"));
        app = app.fallback_service(tower_http::services::ServeDir::new(dir).fallback(index));
    } else if let Some(files) = state.config.ui_files.clone() {
        app = app
            .fallback(move |uri: axum::http::Uri| async move { host::ui_file(&files, uri.path()) });
    }
    app.layer(axum::middleware::from_fn(routes::no_long_names))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
}

#[cfg(test)]
mod fuzz_tests;
