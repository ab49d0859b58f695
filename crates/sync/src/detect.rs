//! Telling a y-websocket server from a Hocuspocus server, for links made
//! without `--protocol`: a y-websocket server speaks first (its sync step 1
//! as soon as the room opens); Hocuspocus stays silent until a document is
//! opened with an authentication message, which it answers.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message as WsMessage;
use waymark_api::{LinkSpec, Protocol};

use crate::connect;
use crate::wire::{Incoming, Wire};
use crate::{describe, SyncConfig, SyncError};

/// How long a y-websocket server gets to speak first.
const FIRST_WORD: Duration = Duration::from_secs(2);

/// Which protocol the server at `spec` speaks (its `protocol` is ignored).
pub async fn detect(spec: &LinkSpec, cfg: &SyncConfig) -> Result<Protocol, SyncError> {
    let place = describe(spec);
    let yws = LinkSpec {
        protocol: Protocol::YWebsocket,
        ..spec.clone()
    };
    // Hocuspocus serves every path, so the y-websocket URL reaches both.
    let mut socket = connect::open(&yws, cfg).await?;
    let first = next_binary(&mut socket, FIRST_WORD.min(cfg.timeout), &place).await?;
    if let Some(bytes) = first {
        let _ = socket.close(None).await;
        return match Wire::YWebsocket.decode(&bytes) {
            Ok(Incoming::Sync(_) | Incoming::Skip) => Ok(Protocol::YWebsocket),
            _ => Err(SyncError::Rejected(format!(
                "{place}: the server spoke first but not the y-websocket protocol; give --protocol"
            ))),
        };
    }
    let wire = Wire::new(Protocol::Hocuspocus, &spec.room);
    let hello = wire
        .hello(spec.token.as_ref().map(|t| t.expose()))
        .expect("Hocuspocus opens with a hello");
    socket
        .send(WsMessage::Binary(hello.into()))
        .await
        .map_err(|e| SyncError::Offline(format!("{place}: connection lost: {e}")))?;
    let answer = next_binary(&mut socket, cfg.timeout, &place).await?;
    let _ = socket.close(None).await;
    match answer.map(|b| wire.decode(&b)) {
        Some(Ok(Incoming::Authenticated { .. } | Incoming::Denied(_))) => Ok(Protocol::Hocuspocus),
        _ => Err(SyncError::Rejected(format!(
            "{place}: the server answers neither as a y-websocket nor as a Hocuspocus server; give --protocol"
        ))),
    }
}

/// The next binary frame within `wait`, or None if the server said nothing.
async fn next_binary(
    socket: &mut connect::Socket,
    wait: Duration,
    place: &str,
) -> Result<Option<Vec<u8>>, SyncError> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, socket.next()).await {
            Err(_) => return Ok(None),
            Ok(Some(Ok(WsMessage::Binary(b)))) => return Ok(Some(b.to_vec())),
            Ok(Some(Ok(WsMessage::Close(_))) | None) => return Ok(None),
            Ok(Some(Ok(_))) => continue,
            Ok(Some(Err(e))) => {
                return Err(SyncError::Offline(format!("{place}: connection lost: {e}")));
            }
        }
    }
}

/// The protocol to link with: `given`, else the server's answer, else —
/// the server cannot be reached now — y-websocket, with a note saying so.
pub async fn choose_protocol(
    spec: &LinkSpec,
    given: Option<Protocol>,
    cfg: &SyncConfig,
) -> Result<(Protocol, Option<String>), SyncError> {
    if let Some(p) = given {
        return Ok((p, None));
    }
    let (server, room) = waymark_api::check_link_target(&spec.server, &spec.room)?;
    let probe = LinkSpec {
        server,
        room,
        ..spec.clone()
    };
    match detect(&probe, cfg).await {
        Ok(p) => Ok((p, None)),
        Err(e) if e.is_offline() => Ok((
            Protocol::YWebsocket,
            Some(format!(
                "cannot ask the server which protocol it speaks ({e}); linked as y-websocket"
            )),
        )),
        Err(e) => Err(e),
    }
}
