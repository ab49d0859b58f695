//! `waymark serve`: the library in a browser (and over y-websocket) through
//! `waymark-server`, until Ctrl-C.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use waymark_api::Library;
use waymark_server::ServerConfig;

use crate::terminal::{say, say_err};
use crate::Failure;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on; loopback unless you mean to share the library
    /// (port 0 picks a free port)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8787")]
    bind: SocketAddr,
    /// The built web UI to serve (ui/dist); without it only the API and the
    /// WebSocket are served
    #[arg(long, value_name = "DIR")]
    ui: Option<PathBuf>,
    /// Another host name the server answers to (Host and Origin), e.g. the
    /// machine's LAN name for a workshop; repeatable
    #[arg(long = "allow-host", value_name = "NAME[:PORT]")]
    allow_hosts: Vec<String>,
    /// A map the workshop's participants may open (id or unique prefix);
    /// repeatable; without it they may open every map
    #[arg(long = "map", value_name = "ID")]
    maps: Vec<String>,
    /// Most WebSocket connections from one address (a phone, a laptop)
    #[arg(long, value_name = "N", default_value_t = 16)]
    max_per_address: usize,
    /// Most participants who may join the workshop
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_participants: usize,
    /// Seconds a client has to send a request's headers (also the longest
    /// idle time of a kept-alive connection)
    #[arg(long, value_name = "SECS", default_value_t = waymark_server::limits::HEADER_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout: u64,
}

pub fn run(lib: Library, args: ServeArgs) -> Result<(), Failure> {
    if let Some(dir) = &args.ui {
        if !dir.join("index.html").is_file() {
            return Err(Failure::Usage(format!(
                "{}: no index.html there (build the UI with `npm run build` in ui/)",
                dir.display()
            )));
        }
    }
    let path = lib.path();
    let maps = args
        .maps
        .iter()
        .map(|m| crate::resolve(&lib, m))
        .collect::<Result<Vec<_>, _>>()?;
    let config = ServerConfig {
        bind: args.bind,
        ui_dir: args.ui,
        extra_hosts: args.allow_hosts,
        maps,
        max_connections_per_addr: args.max_per_address,
        max_participants: args.max_participants,
        header_timeout: std::time::Duration::from_secs(args.header_timeout),
        ..ServerConfig::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the server runtime: {e}")))?;
    let lib = Arc::new(lib);
    // Edits other processes make reach the rooms (and the REST reads).
    let _watch = lib.watch_other_processes(|| {});
    runtime.block_on(async move {
        let server = waymark_server::start(lib, config)
            .await
            .map_err(|e| Failure::Io(format!("cannot listen on {}: {e}", args.bind)))?;
        if !server.addr().ip().is_loopback() {
            say_err!(
                "waymark: listening on {} beyond this machine: anyone with the facilitator link can edit; the join link lets people annotate and vote",
                server.addr()
            );
        }
        say!("Serving {} at {}", path.display(), server.url());
        say!("Participants join at {}", server.join_url());
        say!("Press Ctrl-C to stop.");
        let _ = std::io::stdout().flush();
        tokio::signal::ctrl_c()
            .await
            .map_err(|e| Failure::Io(format!("cannot wait for Ctrl-C: {e}")))?;
        server
            .shutdown()
            .await
            .map_err(|e| Failure::Io(format!("server: {e}")))
    })
}
