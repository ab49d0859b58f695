//! The accept loop: every socket passes here before any token is read.
//!
//! - A cap on sockets per client address and in all; the total stays
//!   [`FD_HEADROOM`] below the process's descriptor limit, so a flood of
//!   connections never leaves the server unable to open its library or
//!   accept the next socket. Over the per-address cap a socket is answered
//!   503 and closed; at the total the server stops accepting until one
//!   closes, so newcomers wait in the kernel's queue instead of failing.
//! - HTTP/1 with a header-read timeout (which is also the idle timeout of a
//!   kept-alive connection): a half-open request (slowloris) is closed.
//!
//! [`FD_HEADROOM`]: crate::limits::FD_HEADROOM

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

#[cfg(unix)]
use crate::limits::FD_HEADROOM;
use crate::throttle::{Connections, Slot};

/// The sockets the server holds open.
pub(crate) struct Door {
    pub sockets: Connections,
    freed: Arc<Notify>,
    header_timeout: Duration,
}

impl Door {
    pub fn new(max: usize, per_addr: usize, header_timeout: Duration) -> Self {
        Self {
            sockets: Connections::new(max.min(descriptor_budget()), per_addr),
            freed: Arc::new(Notify::new()),
            header_timeout,
        }
    }
}

/// Sockets this process can hold: its descriptor limit less the headroom.
#[cfg(unix)]
fn descriptor_budget() -> usize {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given and nothing else.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } == 0;
    if !ok || lim.rlim_cur == libc::RLIM_INFINITY {
        return usize::MAX;
    }
    let soft = usize::try_from(lim.rlim_cur).unwrap_or(usize::MAX);
    soft.saturating_sub(FD_HEADROOM).max(1)
}

/// Windows has no descriptor limit of this kind (sockets are handles).
#[cfg(not(unix))]
fn descriptor_budget() -> usize {
    usize::MAX
}

/// Accepts and serves until `stop` turns true, then asks every connection to
/// finish (WebSockets are closed by the caller) and waits for them a bounded
/// time.
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    door: Arc<Door>,
    mut stop: watch::Receiver<bool>,
    drain: Duration,
) {
    let (finish_tx, finish_rx) = watch::channel(false);
    loop {
        // At the total: wait for a socket to close before taking the next.
        while door.sockets.full() {
            tokio::select! {
                _ = door.freed.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(200)) => {}
                _ = stop.changed() => break,
            }
            if *stop.borrow() {
                break;
            }
        }
        if *stop.borrow() {
            break;
        }
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        let (stream, peer) = match accepted {
            Ok(a) => a,
            // Out of descriptors or a connection reset before accept: the
            // listener is fine, try again shortly.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        match door.sockets.open(peer.ip()) {
            Ok(slot) => {
                let (app, door, finish) = (app.clone(), door.clone(), finish_rx.clone());
                tokio::spawn(connection(stream, peer, slot, app, door, finish));
            }
            Err(why) => {
                tokio::spawn(refuse(stream, why));
            }
        }
    }
    drop(listener);
    let _ = finish_tx.send(true);
    let deadline = tokio::time::Instant::now() + drain;
    while door.sockets.count() > 0 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A short 503 saying why, best effort, then the socket is closed.
async fn refuse(mut stream: TcpStream, why: &str) {
    let body = format!("{why}\n");
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\nRetry-After: 5\r\n\r\n",
        body.len()
    );
    let reply = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), reply).await;
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    slot: Slot,
    app: Router,
    door: Arc<Door>,
    mut finish: watch::Receiver<bool>,
) {
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        let app = app.clone();
        async move { Ok::<_, Infallible>(app.oneshot(req).await.unwrap_or_else(|e| match e {})) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(door.header_timeout);
    let conn = builder
        .serve_connection(
            TokioIo::new(Held {
                stream,
                _slot: slot,
                freed: door.freed.clone(),
            }),
            service,
        )
        .with_upgrades();
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = async { while !*finish.borrow_and_update() && finish.changed().await.is_ok() {} } => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// A socket with its slot: the slot is freed when the socket closes, which
/// for a WebSocket is when its own task ends (the HTTP connection hands the
/// socket over on upgrade).
struct Held {
    stream: TcpStream,
    _slot: Slot,
    freed: Arc<Notify>,
}

impl Drop for Held {
    fn drop(&mut self) {
        self.freed.notify_one();
    }
}

impl AsyncRead for Held {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Held {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}
