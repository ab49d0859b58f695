//! Opening the WebSocket to a room: URL, token placement, timeouts, and
//! errors that never contain the token.

use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Error as WsError;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use waymark_api::{LinkSpec, Protocol, TokenVia};

use crate::{describe, SyncConfig, SyncError};

pub(crate) type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Bigger than any map we make (the 600-touchpoint map is ~320 KB).
const MAX_MESSAGE: usize = 64 << 20;

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URL to open: `SERVER/ROOM` as y-websocket clients build it; the
/// server itself for Hocuspocus, which names the document (and carries the
/// token) in its messages.
pub(crate) fn room_url(spec: &LinkSpec) -> String {
    if spec.protocol == Protocol::Hocuspocus {
        return spec.server.clone();
    }
    let mut url = format!("{}/{}", spec.server.trim_end_matches('/'), spec.room);
    if let (Some(token), TokenVia::Query) = (&spec.token, spec.token_via) {
        url.push_str("?token=");
        url.push_str(&encode_component(token.expose()));
    }
    url
}

/// Removes the token from a message, whatever produced it.
pub(crate) fn scrub(spec: &LinkSpec, message: String) -> String {
    match &spec.token {
        Some(t) if !t.expose().is_empty() => message
            .replace(t.expose(), "••••••")
            .replace(&encode_component(t.expose()), "••••••"),
        _ => message,
    }
}

pub(crate) async fn open(spec: &LinkSpec, cfg: &SyncConfig) -> Result<Socket, SyncError> {
    let place = describe(spec);
    let mut request = room_url(spec)
        .into_client_request()
        .map_err(|e| SyncError::Rejected(scrub(spec, format!("{place}: bad URL: {e}"))))?;
    if let (Some(token), TokenVia::Header) = (&spec.token, spec.token_via) {
        let value = HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
            SyncError::Rejected(format!("{place}: the token cannot be sent in a header"))
        })?;
        request.headers_mut().insert("authorization", value);
    }
    let ws_cfg = tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE));
    let connecting = tokio_tungstenite::connect_async_with_config(request, Some(ws_cfg), true);
    let (socket, _) = tokio::time::timeout(cfg.timeout, connecting)
        .await
        .map_err(|_| {
            SyncError::Offline(format!(
                "{place}: no answer within {} s",
                cfg.timeout.as_secs()
            ))
        })?
        .map_err(|e| classify(spec, e))?;
    Ok(socket)
}

fn classify(spec: &LinkSpec, e: WsError) -> SyncError {
    let place = describe(spec);
    match e {
        WsError::Http(resp) => {
            let status = resp.status();
            let msg = format!("{place}: the server answered HTTP {status}");
            if status.as_u16() == 401 || status.as_u16() == 403 {
                SyncError::Rejected(format!("{msg}: the token was refused"))
            } else if status.is_client_error() {
                SyncError::Rejected(msg)
            } else {
                SyncError::Offline(msg)
            }
        }
        WsError::Url(e) => SyncError::Rejected(scrub(spec, format!("{place}: bad URL: {e}"))),
        WsError::Tls(e) => SyncError::Rejected(scrub(spec, format!("{place}: TLS: {e}"))),
        other => SyncError::Offline(scrub(spec, format!("{place}: cannot connect: {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_api::Secret;

    fn spec(token: &str, via: TokenVia) -> LinkSpec {
        LinkSpec {
            server: "ws://127.0.0.1:1/yjs/".into(),
            room: "team-map".into(),
            token: Some(Secret::new(token)),
            token_via: via,
            protocol: Protocol::YWebsocket,
        }
    }

    #[test]
    fn token_goes_on_the_query_encoded_and_is_scrubbed_from_messages() {
        let s = spec("a b&c", TokenVia::Query);
        assert_eq!(
            room_url(&s),
            "ws://127.0.0.1:1/yjs/team-map?token=a%20b%26c"
        );
        let msg = scrub(&s, format!("failed at {}", room_url(&s)));
        assert!(
            !msg.contains("a%20b%26c") && msg.contains("••••••"),
            "{msg}"
        );
        assert_eq!(
            room_url(&spec("t", TokenVia::Header)),
            "ws://127.0.0.1:1/yjs/team-map"
        );
    }

    #[test]
    fn hocuspocus_opens_the_server_url_without_room_or_token() {
        let s = LinkSpec {
            protocol: Protocol::Hocuspocus,
            server: "ws://127.0.0.1:1/collab".into(),
            ..spec("secret", TokenVia::Query)
        };
        assert_eq!(room_url(&s), "ws://127.0.0.1:1/collab");
    }
}
