//! Hosting a workshop for one map from the desktop app: the same server as
//! `waymark serve`, on a LAN address of this machine, with a join link, a
//! short code and a QR code of the link, until [`HostedWorkshop::stop`] (or
//! until the facilitator ends the workshop in their browser).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use serde::Serialize;
use waymark_api::{ApiError, Library};

use crate::{join_code, RunningServer, ServerConfig, UiFiles, WorkshopSummary};

/// What to host and where.
#[derive(Debug, Clone, Default)]
pub struct WorkshopOptions {
    /// The map participants work on.
    pub map: String,
    /// The address to listen on; `None` takes this machine's LAN address
    /// (the first of [`host_addresses`]).
    pub ip: Option<IpAddr>,
    /// `0` picks a free port.
    pub port: u16,
    /// The built UI participants' browsers load.
    pub ui_files: Option<UiFiles>,
}

/// Where the desktop app hosts a workshop, as the person chose it: both
/// optional (the likeliest LAN address, a free port).
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
pub struct HostOptions {
    /// An IP address of this machine, as typed; blank or absent: the likeliest one.
    pub ip: Option<String>,
    pub port: Option<u16>,
}

/// An address of this machine a workshop can listen on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct HostAddress {
    pub ip: IpAddr,
    /// The network interface it belongs to (`wlan0`, `eth0`, `lo`).
    pub interface: String,
    /// Reachable from other machines (false for loopback).
    pub lan: bool,
}

/// This machine's IPv4 addresses, the likeliest LAN address first (private
/// ranges before others, virtual bridges of containers and VMs after real
/// interfaces) and loopback last.
pub fn host_addresses() -> Vec<HostAddress> {
    let mut found: Vec<HostAddress> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| i.oper_status != if_addrs::IfOperStatus::Down)
        .filter_map(|i| match i.ip() {
            IpAddr::V4(ip) if !ip.is_link_local() && !ip.is_unspecified() => Some(HostAddress {
                ip: IpAddr::V4(ip),
                lan: !ip.is_loopback(),
                interface: i.name,
            }),
            _ => None,
        })
        .collect();
    found.sort_by_key(|a| {
        let private = matches!(a.ip, IpAddr::V4(ip) if ip.is_private());
        (!a.lan, virtual_interface(&a.interface), !private)
    });
    found.dedup_by(|a, b| a.ip == b.ip);
    if !found.iter().any(|a| !a.lan) {
        found.push(HostAddress {
            ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            interface: "lo".into(),
            lan: false,
        });
    }
    found
}

/// Interfaces that containers and virtual machines add: rarely what the
/// people in the room can reach.
fn virtual_interface(name: &str) -> bool {
    [
        "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxc", "lxd", "cni", "podman",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// A running workshop: its server and how people join it.
pub struct HostedWorkshop {
    server: RunningServer,
    map: String,
    code: String,
    qr_svg: String,
    address: HostAddress,
    notice: Option<String>,
}

/// What the host's window shows about a workshop.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct WorkshopInfo {
    pub map: String,
    /// `ip:port` it listens on.
    pub address: String,
    pub interface: String,
    /// Other machines can reach it (false: loopback, this computer only).
    pub lan: bool,
    /// The facilitator's view (the host token: everything allowed).
    pub facilitator_url: String,
    /// The participants' link (the join token), also in the QR code.
    pub join_url: String,
    /// The short code, typed at [`WorkshopInfo::code_url`].
    pub code: String,
    /// The bare address where the short code is typed.
    pub code_url: String,
    /// The join link as a QR code (an `<svg>` element).
    pub qr_svg: String,
    /// People who joined, and connections open now.
    pub participants: usize,
    pub connections: usize,
    /// False once it stopped (the facilitator ended it in their browser).
    pub running: bool,
    /// Something the host should know (no LAN address was found).
    pub notice: Option<String>,
}

/// Starts serving `options.map` of `library` to a workshop.
pub async fn host_workshop(
    library: Arc<Library>,
    options: WorkshopOptions,
) -> Result<HostedWorkshop, ApiError> {
    let lib = library.clone();
    let map = options.map.clone();
    let summary = tokio::task::spawn_blocking(move || lib.map_summary(&map))
        .await
        .map_err(|e| ApiError::Invalid(format!("cannot read the map: {e}")))??;
    let (address, notice) = choose_address(options.ip);
    let bind = SocketAddr::new(address.ip, options.port);
    let code = join_code::random_code().map_err(no_randomness)?;
    let config = ServerConfig {
        bind,
        ui_files: options.ui_files,
        maps: vec![summary.id.clone()],
        join_code: Some(code.clone()),
        stop_when_ended: true,
        ..ServerConfig::default()
    };
    let server = crate::start(library, config)
        .await
        .map_err(|e| cannot_listen(bind, &e))?;
    let qr_svg = qr_svg(&server.join_url())?;
    Ok(HostedWorkshop {
        server,
        map: summary.id,
        code,
        qr_svg,
        address,
        notice,
    })
}

fn choose_address(ip: Option<IpAddr>) -> (HostAddress, Option<String>) {
    let known = host_addresses();
    if let Some(ip) = ip {
        let found = known.into_iter().find(|a| a.ip == ip);
        return (
            found.unwrap_or(HostAddress {
                ip,
                interface: String::new(),
                lan: !ip.is_loopback(),
            }),
            None,
        );
    }
    match known.into_iter().find(|a| a.lan) {
        Some(a) => (a, None),
        None => (
            HostAddress {
                ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
                interface: "lo".into(),
                lan: false,
            },
            Some(
                "This computer has no network address others can reach (no Wi-Fi or cable?): \
                 the workshop listens on 127.0.0.1, so only this computer can join."
                    .into(),
            ),
        ),
    }
}

fn no_randomness(e: std::io::Error) -> ApiError {
    ApiError::Invalid(format!("cannot draw a random code: {e}"))
}

fn cannot_listen(bind: SocketAddr, e: &std::io::Error) -> ApiError {
    let why = match e.kind() {
        std::io::ErrorKind::AddrInUse => "the port is in use: pick another or leave it empty",
        std::io::ErrorKind::AddrNotAvailable => "that is not an address of this computer",
        std::io::ErrorKind::PermissionDenied => "ports below 1024 need administrator rights",
        _ => "",
    };
    let message = if why.is_empty() {
        format!("Cannot listen on {bind}: {e}")
    } else {
        format!("Cannot listen on {bind}: {why} ({e})")
    };
    match e.kind() {
        std::io::ErrorKind::AddrInUse => ApiError::Conflict(message),
        _ => ApiError::Invalid(message),
    }
}

/// `text` as a QR code: an `<svg>` element (no XML prolog, so it can sit in
/// a page), dark modules on white with the standard quiet zone, scaling to
/// its box.
pub fn qr_svg(text: &str) -> Result<String, ApiError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| ApiError::Invalid(format!("cannot make a QR code of the link: {e}")))?;
    let image = code
        .render::<svg::Color<'_>>()
        .module_dimensions(8, 8)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build();
    let start = image.find("<svg").unwrap_or(0);
    Ok(image[start..].to_string())
}

impl HostedWorkshop {
    /// The map it serves.
    pub fn map(&self) -> &str {
        &self.map
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The facilitator's view of the map (host token).
    pub fn facilitator_url(&self) -> String {
        format!("{}#/workshop/{}", self.server.url(), self.map)
    }

    pub fn join_url(&self) -> String {
        self.server.join_url()
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn info(&self) -> WorkshopInfo {
        let (participants, connections) = self.server.presence();
        WorkshopInfo {
            map: self.map.clone(),
            address: self.addr().to_string(),
            interface: self.address.interface.clone(),
            lan: self.address.lan,
            facilitator_url: self.facilitator_url(),
            join_url: self.join_url(),
            code: self.code.clone(),
            code_url: format!("http://{}/", self.addr()),
            qr_svg: self.qr_svg.clone(),
            participants,
            connections,
            running: self.server.is_running(),
            notice: self.notice.clone(),
        }
    }

    /// False once it stopped on its own (ended in the facilitator's view).
    pub fn is_running(&self) -> bool {
        self.server.is_running()
    }

    /// Ends the workshop as the facilitator's "end" does (participants
    /// disconnected, everything saved, a version of the map kept), closes
    /// every connection and stops listening. Returns the end's summary, or
    /// `None` when the workshop had already ended.
    pub async fn stop(self) -> Result<Option<WorkshopSummary>, ApiError> {
        let summary = if self.server.is_running() {
            self.server.end_workshop().await
        } else {
            Ok(None)
        };
        let stopped = self.server.shutdown().await;
        let summary =
            summary.map_err(|e| ApiError::Invalid(format!("ending the workshop: {e}")))?;
        stopped.map_err(|e| ApiError::Invalid(format!("stopping the server: {e}")))?;
        Ok(summary)
    }
}

/// Answers a request for a file of the UI from `files`.
pub(crate) fn ui_file(files: &UiFiles, path: &str) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    match (files.0)(path) {
        Some((bytes, mime)) => ([(header::CONTENT_TYPE, mime)], bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
