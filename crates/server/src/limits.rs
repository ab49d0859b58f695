//! The server's limits in one table: what one request, message, connection
//! or person may take, and how long the server waits. [`ServerConfig`]'s
//! defaults come from here, and the README's security section lists them.
//! (The import limits for files themselves live with the importers.)
//!
//! [`ServerConfig`]: crate::ServerConfig

use std::time::Duration;

/// Largest WebSocket message, and largest HTTP body of the map routes (a Yjs
/// update) and of anything not listed below.
pub const MESSAGE_BYTES: usize = 1 << 20;
/// Largest body of the routes that take a whole file (`/api/rpc/...`: imports, survey
/// answers and their preview): the file, as JSON text. It follows the
/// importers' own file limits (`waymark_core::limits`), with room for JSON
/// escaping, so a file the CLI imports is not refused over HTTP for its size.
pub const FILE_BODY_BYTES: usize = {
    let map = waymark_core::limits::MAP_FILE_BYTES.max;
    let survey = waymark_core::limits::SURVEY_FILE_BYTES.max;
    let file = if map > survey { map } else { survey };
    file + file / 2
};
/// Largest body of the workshop routes (join, vote, settings, roles).
pub const WORKSHOP_BODY_BYTES: usize = 16 << 10;

/// Largest presence (awareness) state passed on, after the server stamped
/// the participant's name into it.
pub const PRESENCE_STATE_BYTES: usize = 4 << 10;
/// Presence updates relayed per second per connection, and the burst above
/// it; more are dropped (not a reason to close).
pub const PRESENCE_PER_SEC: f64 = 20.0;
pub const PRESENCE_BURST: f64 = 40.0;
/// Bytes waiting for one WebSocket reader before it is cut ("too slow");
/// presence for it is dropped past a quarter of this.
pub const SEND_QUEUE_BYTES: usize = 8 << 20;

/// Time for a client to send a request's headers, and the most a kept-alive
/// connection waits idle for the next request.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Time between two pieces of a request's body.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// A WebSocket that sent nothing (not even a pong to the server's pings) for
/// this long is closed.
pub const WS_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// Open sockets (HTTP and WebSocket) in all, and per client address, checked
/// when a connection is accepted, before any token. The total is further held
/// [`FD_HEADROOM`] descriptors below the process's descriptor limit.
pub const SOCKETS: usize = 1024;
pub const SOCKETS_PER_ADDR: usize = 64;
/// Descriptors kept free for the library file, its journal, the UI's files
/// and the listener.
pub const FD_HEADROOM: usize = 64;

/// WebSocket connections in all and per client address (checked after the
/// token, answered with 429 and why).
pub const WEBSOCKETS: usize = 256;
pub const WEBSOCKETS_PER_ADDR: usize = 16;

/// Longest participant name, in characters after normalising.
pub const NAME_CHARS: usize = 40;
/// Participants in a workshop, and joins from one client address other than
/// this machine's own (each join is a new person with a new vote budget).
pub const PARTICIPANTS: usize = 100;
pub const JOINS_PER_ADDR: usize = 8;
