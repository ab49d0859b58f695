//! The two wire formats a link may speak. Both carry the Yjs sync protocol
//! (y-protocols' sync and awareness messages); they differ in framing:
//!
//! - y-websocket: one document per WebSocket (named by the URL), each frame
//!   a y-protocols message.
//! - Hocuspocus: documents multiplexed over one WebSocket, each frame the
//!   document name (a length-prefixed string) followed by a message type and
//!   its payload. Types 0-3 are y-protocols' (sync, awareness, auth, awareness
//!   query) except that auth carries Hocuspocus's own sub-messages (token,
//!   permission denied, authenticated); 4 is a sync reply, 5/6 stateless
//!   payloads, 7 a close, 8 the server's acknowledgement of one update.

use waymark_api::Protocol;
use yrs::encoding::read::{Cursor, Read};
use yrs::encoding::write::Write;
use yrs::sync::{Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;

/// A frame from the server, as the session needs it.
#[derive(Debug)]
pub(crate) enum Incoming {
    Sync(SyncMessage),
    /// Hocuspocus: the server applied (true) or refused (false, read-only
    /// access) one sync step 2 or update we sent.
    Ack(bool),
    /// Hocuspocus: the token was accepted for the document.
    Authenticated {
        read_only: bool,
    },
    /// The server refused access (y-protocols auth denial, Hocuspocus
    /// permission denied).
    Denied(String),
    /// Hocuspocus: the server closed the document.
    Closed(String),
    /// Presence, awareness queries, stateless payloads, a token refresh
    /// request: nothing for the map.
    Skip,
}

// Hocuspocus message types (packages/server/src/types.ts).
const HP_SYNC: u32 = 0;
const HP_AWARENESS: u32 = 1;
const HP_AUTH: u32 = 2;
const HP_QUERY_AWARENESS: u32 = 3;
const HP_SYNC_REPLY: u32 = 4;
const HP_STATELESS: u32 = 5;
const HP_BROADCAST_STATELESS: u32 = 6;
const HP_CLOSE: u32 = 7;
const HP_SYNC_STATUS: u32 = 8;
// Hocuspocus auth sub-messages (packages/common/src/auth.ts).
const AUTH_TOKEN: u32 = 0;
const AUTH_DENIED: u32 = 1;
const AUTH_OK: u32 = 2;

/// How frames are built for one document.
#[derive(Debug, Clone)]
pub(crate) enum Wire {
    YWebsocket,
    Hocuspocus { document: String },
}

impl Wire {
    pub(crate) fn new(protocol: Protocol, room: &str) -> Wire {
        match protocol {
            Protocol::YWebsocket => Wire::YWebsocket,
            Protocol::Hocuspocus => Wire::Hocuspocus {
                document: room.to_string(),
            },
        }
    }

    pub(crate) fn protocol(&self) -> Protocol {
        match self {
            Wire::YWebsocket => Protocol::YWebsocket,
            Wire::Hocuspocus { .. } => Protocol::Hocuspocus,
        }
    }

    /// Whether the server acknowledges every update (Hocuspocus does).
    pub(crate) fn acknowledges(&self) -> bool {
        matches!(self, Wire::Hocuspocus { .. })
    }

    pub(crate) fn encode(&self, msg: &Message) -> Vec<u8> {
        match self {
            Wire::YWebsocket => msg.encode_v1(),
            Wire::Hocuspocus { document } => {
                let mut out = Vec::new();
                out.write_string(document);
                out.extend_from_slice(&msg.encode_v1());
                out
            }
        }
    }

    /// The first frame on a new connection, if the protocol has one:
    /// Hocuspocus opens each document with an authentication message (the
    /// token, or an empty one when the link has none).
    pub(crate) fn hello(&self, token: Option<&str>) -> Option<Vec<u8>> {
        match self {
            Wire::YWebsocket => None,
            Wire::Hocuspocus { document } => {
                let mut out = Vec::new();
                out.write_string(document);
                out.write_var(HP_AUTH);
                out.write_var(AUTH_TOKEN);
                out.write_string(token.unwrap_or(""));
                Some(out)
            }
        }
    }

    /// Reads a frame; `Err` says what was wrong with it.
    pub(crate) fn decode(&self, bytes: &[u8]) -> Result<Incoming, String> {
        match self {
            Wire::YWebsocket => match Message::decode_v1(bytes) {
                Ok(Message::Sync(m)) => Ok(Incoming::Sync(m)),
                Ok(Message::Awareness(_) | Message::AwarenessQuery | Message::Auth(None)) => {
                    Ok(Incoming::Skip)
                }
                Ok(Message::Auth(Some(reason))) => Ok(Incoming::Denied(reason)),
                Ok(Message::Custom(tag, _)) => Err(format!("a message of unknown type {tag}")),
                Err(e) => Err(format!("{} undecodable bytes ({e})", bytes.len())),
            },
            Wire::Hocuspocus { document } => decode_hocuspocus(document, bytes),
        }
    }
}

fn decode_hocuspocus(document: &str, bytes: &[u8]) -> Result<Incoming, String> {
    let bad = |e: yrs::encoding::read::Error| format!("{} undecodable bytes ({e})", bytes.len());
    let mut cur = Cursor::new(bytes);
    let name = cur.read_string().map_err(bad)?;
    if name != document {
        return Err(format!("a message for another document ({name:?})"));
    }
    let body = cur.next;
    let tag: u32 = cur.read_var().map_err(bad)?;
    let payload = cur.next;
    let sync = |bytes: &[u8]| {
        SyncMessage::decode_v1(bytes)
            .map(Incoming::Sync)
            .map_err(|e| format!("an undecodable sync message ({e})"))
    };
    match tag {
        HP_SYNC | HP_SYNC_REPLY => sync(&bytes[payload..]),
        HP_AWARENESS | HP_QUERY_AWARENESS => {
            // Decoded only to refuse garbage; presence is not synced.
            Message::decode_v1(&bytes[body..])
                .map(|_| Incoming::Skip)
                .map_err(|e| format!("an undecodable awareness message ({e})"))
        }
        HP_AUTH => match cur.read_var::<u32>().map_err(bad)? {
            AUTH_TOKEN => Ok(Incoming::Skip),
            AUTH_DENIED => Ok(Incoming::Denied(
                cur.read_string().map_err(bad)?.to_string(),
            )),
            AUTH_OK => Ok(Incoming::Authenticated {
                read_only: cur.read_string().map_err(bad)? == "readonly",
            }),
            other => Err(format!("an authentication message of unknown kind {other}")),
        },
        HP_STATELESS | HP_BROADCAST_STATELESS => Ok(Incoming::Skip),
        HP_CLOSE => Ok(Incoming::Closed(
            cur.read_string().unwrap_or_default().to_string(),
        )),
        HP_SYNC_STATUS => Ok(Incoming::Ack(cur.read_var::<u32>().map_err(bad)? == 1)),
        other => Err(format!("a message of unknown type {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::StateVector;

    fn hp() -> Wire {
        Wire::new(Protocol::Hocuspocus, "team-map")
    }

    fn framed(tag: u32, rest: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        out.write_string("team-map");
        out.write_var(tag);
        out.extend_from_slice(rest);
        out
    }

    #[test]
    fn hocuspocus_frames_carry_the_document_name_and_read_back() {
        let msg = Message::Sync(SyncMessage::SyncStep1(StateVector::default()));
        let bytes = hp().encode(&msg);
        assert_eq!(&bytes[..9], b"\x08team-map");
        assert_eq!(&bytes[9..], &msg.encode_v1()[..]);
        assert!(matches!(
            hp().decode(&bytes),
            Ok(Incoming::Sync(SyncMessage::SyncStep1(_)))
        ));
        // A sync reply (type 4) is a sync message too.
        let mut reply = framed(HP_SYNC_REPLY, &[]);
        reply.extend_from_slice(&SyncMessage::Update(vec![0, 0]).encode_v1());
        assert!(matches!(
            hp().decode(&reply),
            Ok(Incoming::Sync(SyncMessage::Update(_)))
        ));
    }

    #[test]
    fn hocuspocus_auth_ack_close_and_stateless_messages_are_read() {
        let hello = hp().hello(Some("s3cret")).unwrap();
        assert_eq!(hello, {
            let mut f = framed(HP_AUTH, &[AUTH_TOKEN as u8]);
            f.write_string("s3cret");
            f
        });
        let mut ok = framed(HP_AUTH, &[AUTH_OK as u8]);
        ok.write_string("readonly");
        assert!(matches!(
            hp().decode(&ok),
            Ok(Incoming::Authenticated { read_only: true })
        ));
        let mut denied = framed(HP_AUTH, &[AUTH_DENIED as u8]);
        denied.write_string("permission-denied");
        assert!(
            matches!(hp().decode(&denied), Ok(Incoming::Denied(r)) if r == "permission-denied")
        );
        assert!(matches!(
            hp().decode(&framed(HP_SYNC_STATUS, &[1])),
            Ok(Incoming::Ack(true))
        ));
        assert!(matches!(
            hp().decode(&framed(HP_SYNC_STATUS, &[0])),
            Ok(Incoming::Ack(false))
        ));
        let mut stateless = framed(HP_STATELESS, &[]);
        stateless.write_string("{}");
        assert!(matches!(hp().decode(&stateless), Ok(Incoming::Skip)));
        let mut close = framed(HP_CLOSE, &[]);
        close.write_string("bye");
        assert!(matches!(hp().decode(&close), Ok(Incoming::Closed(r)) if r == "bye"));
    }

    #[test]
    fn hocuspocus_garbage_and_other_documents_are_refused() {
        let mut other = Vec::new();
        other.write_string("another-map");
        other.write_var(HP_SYNC_STATUS);
        other.write_var(1u32);
        assert!(hp()
            .decode(&other)
            .unwrap_err()
            .contains("another document"));
        assert!(hp().decode(&framed(42, &[])).is_err());
        assert!(hp().decode(&[0xff, 0xff]).is_err());
        // A y-websocket frame is not a Hocuspocus frame.
        let yws = Message::Sync(SyncMessage::SyncStep1(StateVector::default())).encode_v1();
        assert!(hp().decode(&yws).is_err());
    }
}
