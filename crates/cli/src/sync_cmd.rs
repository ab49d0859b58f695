//! `waymark sync`, `waymark join`, `waymark unlink`: team sync of a map
//! through a y-websocket or Hocuspocus server (crates/sync does the work).

use std::io::Write;
use std::sync::Arc;

use clap::Args;
use waymark_api::{Library, LinkSpec, Protocol, Secret, TokenVia};
use waymark_sync::{LinkState, LiveSync, SyncConfig, SyncError};

use crate::terminal::say;
use crate::{resolve, Failure};

/// Where to sync: server, room and token (the token also from
/// $WAYMARK_SYNC_TOKEN, which keeps it out of the shell history).
#[derive(Args)]
pub struct TargetArgs {
    /// Token the server expects (default: $WAYMARK_SYNC_TOKEN); never printed
    #[arg(
        long,
        value_name = "T",
        env = "WAYMARK_SYNC_TOKEN",
        hide_env_values = true
    )]
    token: Option<String>,
    /// How the token is sent: as ?token= on the URL, or an Authorization: Bearer header
    #[arg(long, value_name = "HOW", value_parser = ["query", "header"], default_value = "query")]
    token_via: String,
    /// The server's protocol (default: asked of the server when linking)
    #[arg(long, value_name = "KIND", value_parser = ["y-websocket", "hocuspocus"])]
    protocol: Option<String>,
}

#[derive(Args)]
pub struct SyncArgs {
    id: String,
    /// The sync server, ws://HOST[:PORT][/PATH] or wss://…; links the
    /// map (again). Without it the map's existing link is used
    #[arg(long, value_name = "URL")]
    server: Option<String>,
    /// Room on the server (default: the map's id)
    #[arg(long, value_name = "NAME", requires = "server")]
    room: Option<String>,
    #[command(flatten)]
    target: TargetArgs,
    /// Sync until the map and the room hold the same document, then exit
    #[arg(long)]
    once: bool,
}

#[derive(Args)]
pub struct JoinArgs {
    /// The sync server, ws://HOST[:PORT][/PATH] or wss://…
    #[arg(long, value_name = "URL")]
    server: String,
    /// The room holding the map
    #[arg(long, value_name = "NAME")]
    room: String,
    #[command(flatten)]
    target: TargetArgs,
}

impl TargetArgs {
    /// The link to make; without --protocol the server is asked which one
    /// it speaks (y-websocket when it cannot be reached now).
    fn spec(&self, server: String, room: String) -> Result<LinkSpec, Failure> {
        let token_via: TokenVia = self.token_via.parse()?;
        let mut spec = LinkSpec {
            server,
            room,
            token: self
                .token
                .clone()
                .filter(|t| !t.is_empty())
                .map(Secret::new),
            token_via,
            protocol: Protocol::YWebsocket,
        };
        let given = self.protocol.as_deref().map(str::parse).transpose()?;
        let (protocol, note) = runtime()?
            .block_on(waymark_sync::choose_protocol(
                &spec,
                given,
                &SyncConfig::default(),
            ))
            .map_err(failure)?;
        if let Some(note) = note {
            say!("{note} (give --protocol to choose)");
        }
        spec.protocol = protocol;
        Ok(spec)
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the sync runtime: {e}")))
}

fn failure(e: SyncError) -> Failure {
    match e {
        SyncError::Library(e) => Failure::Api(e),
        other => Failure::Io(other.to_string()),
    }
}

pub fn sync(lib: Library, args: SyncArgs) -> Result<(), Failure> {
    let id = resolve(&lib, &args.id)?;
    let link = match &args.server {
        Some(server) => {
            let room = args.room.clone().unwrap_or_else(|| id.clone());
            lib.link_map(&id, &args.target.spec(server.clone(), room)?)?
        }
        None => lib.map_link(&id)?.ok_or_else(|| {
            Failure::Usage(format!(
                "map {id} is not linked to a sync room; give --server ws[s]://HOST/PATH (and --room NAME)"
            ))
        })?,
    };
    let lib = Arc::new(lib);
    let place = format!(
        "room {:?} on {} ({})",
        link.room,
        link.server,
        link.protocol.as_str()
    );
    let cfg = SyncConfig::default();
    runtime()?.block_on(async move {
        if args.once {
            let report = waymark_sync::sync_once(lib, &id, &cfg)
                .await
                .map_err(failure)?;
            say!(
                "in sync with {place}: {} bytes received, {} sent{}",
                report.received,
                report.sent,
                if report.seeded_room {
                    " (the room was empty and now holds the map)"
                } else {
                    ""
                }
            );
            return Ok(());
        }
        say!("Syncing map {id} with {place}. Press Ctrl-C to stop.");
        // Edits other processes make to the map go to the room too.
        let _watch = lib.watch_other_processes(|| {});
        let live = LiveSync::start(lib, &id, cfg);
        let mut status = live.watch();
        let mut last = None;
        loop {
            let s = status.borrow_and_update().clone();
            if last.as_ref() != Some(&(s.state, s.message.clone())) {
                match (s.state, &s.message) {
                    (LinkState::Connected, _) => say!("connected: edits flow both ways"),
                    (state, Some(m)) => say!("{}: {m}", state.as_str()),
                    (state, None) => say!("{}", state.as_str()),
                }
                let _ = std::io::stdout().flush();
                last = Some((s.state, s.message.clone()));
            }
            tokio::select! {
                changed = status.changed() => if changed.is_err() { break },
                _ = tokio::signal::ctrl_c() => break,
            }
        }
        live.stop().await;
        say!("stopped; the map stays linked (`waymark unlink {id}` to remove the link)");
        Ok(())
    })
}

pub fn join(lib: Library, args: JoinArgs) -> Result<(), Failure> {
    let spec = args.target.spec(args.server, args.room)?;
    let lib = Arc::new(lib);
    let id = runtime()?
        .block_on(waymark_sync::join(lib, &spec, &SyncConfig::default()))
        .map_err(failure)?;
    say!("{id}");
    Ok(())
}

pub fn unlink(lib: &Library, id: &str) -> Result<(), Failure> {
    let id = resolve(lib, id)?;
    if lib.unlink_map(&id)? {
        say!("map {id} is no longer linked (the room keeps its copy)");
        Ok(())
    } else {
        Err(Failure::Api(waymark_api::ApiError::NotFound(format!(
            "map {id} is not linked to a sync room"
        ))))
    }
}

/// The link as `waymark show` prints it; the token only as "set".
pub fn link_detail(link: &waymark_api::MapLink) -> String {
    let state = waymark_sync::stored_state(link);
    let mut out = format!(
        "sync: room {:?} on {} ({}){}\n",
        link.room,
        link.server,
        link.protocol.as_str(),
        if link.has_token { " (token set)" } else { "" }
    );
    out.push_str(&format!(
        "  state: {}   last sync: {}\n",
        match state {
            LinkState::Stopped if link.last_sync_at.is_some() => "in sync when last run",
            LinkState::Stopped => "never synced",
            other => other.as_str(),
        },
        link.last_sync_at.as_deref().unwrap_or("never")
    ));
    if let Some(e) = &link.last_error {
        out.push_str(&format!("  last error: {e}\n"));
    }
    out
}
