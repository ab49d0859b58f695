//! Hosting a workshop from the app (`host_workshop`): where it listens, the
//! join link and short code, the QR code, and stopping. Every socket is on
//! the loopback range (127.0.0.2 stands in for a LAN address).

mod common;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use waymark_api::Library;
use waymark_server::{host_addresses, host_workshop, HostedWorkshop, UiFiles, WorkshopOptions};

const PAGE: &str = "<!doctype html><title>Waymark UI</title>";

/// A UI of one page, as the desktop app's embedded assets answer: every
/// path that is not a file gets index.html.
fn ui() -> UiFiles {
    UiFiles(Arc::new(|path: &str| {
        let mime = if path.ends_with(".js") {
            "text/javascript"
        } else {
            "text/html"
        };
        Some((PAGE.as_bytes().to_vec(), mime.to_string()))
    }))
}

struct Hosted {
    _dir: tempfile::TempDir,
    library: Arc<Library>,
    map: String,
    workshop: HostedWorkshop,
}

async fn hosted_on(ip: IpAddr) -> Hosted {
    let dir = tempfile::tempdir().unwrap();
    let library = Arc::new(Library::open(&dir.path().join("lib.db")).unwrap());
    let map = library
        .create_map(Some("bank-lost-card"), Some("Workshop map"))
        .unwrap();
    let workshop = host_workshop(
        library.clone(),
        WorkshopOptions {
            map: map.clone(),
            ip: Some(ip),
            port: 0,
            ui_files: Some(ui()),
        },
    )
    .await
    .unwrap();
    Hosted {
        _dir: dir,
        library,
        map,
        workshop,
    }
}

const OTHER_LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// The path and query of a URL this server printed (`http://ADDR/...`).
fn path_of(url: &str, addr: SocketAddr) -> String {
    let rest = url
        .strip_prefix(&format!("http://{addr}"))
        .unwrap_or_else(|| panic!("{url} is not on {addr}"));
    rest.split('#').next().unwrap().to_string()
}

/// The token a URL this server printed carries.
fn token_in(url: &str, addr: SocketAddr) -> String {
    path_of(url, addr).replace("/?token=", "")
}

/// Joins with the join token as `name`.
async fn join_as(addr: SocketAddr, join_token: &str, name: &str) -> Reply {
    let auth = format!("Bearer {join_token}");
    let body = serde_json::json!({ "name": name }).to_string();
    http(
        addr,
        "POST",
        "/api/workshop/join",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
    .await
}

async fn refused(addr: SocketAddr) -> bool {
    tokio::net::TcpStream::connect(addr).await.is_err()
}

#[tokio::test]
async fn listens_only_on_the_address_asked_for() {
    let h = hosted_on(OTHER_LOOPBACK).await;
    let addr = h.workshop.addr();
    assert_eq!(addr.ip(), OTHER_LOOPBACK);
    assert_ne!(addr.port(), 0);
    assert!(tokio::net::TcpStream::connect(addr).await.is_ok());
    let elsewhere = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port());
    assert!(refused(elsewhere).await, "nothing listens on 127.0.0.1");

    let info = h.workshop.info();
    assert_eq!(info.address, addr.to_string());
    assert!(!info.lan, "127.0.0.2 is loopback: this computer only");
    assert!(info.running);
    assert_eq!(info.map, h.map);
    assert!(info
        .facilitator_url
        .ends_with(&format!("#/workshop/{}", h.map)));
    assert!(info.join_url.ends_with("#/join"));
    assert_eq!(info.code_url, format!("http://{addr}/"));
    h.workshop.stop().await.unwrap();
}

#[tokio::test]
async fn the_join_link_works_with_its_token_and_nothing_without() {
    let h = hosted_on(OTHER_LOOPBACK).await;
    let addr = h.workshop.addr();
    let join = path_of(&h.workshop.join_url(), addr);
    assert!(join.starts_with("/?token="), "{join}");
    let page = http(addr, "GET", &join, &[], b"").await;
    assert_eq!(page.status, 200);
    assert_eq!(String::from_utf8_lossy(&page.body), PAGE);

    // Without a token: the API and the UI's files are refused; only the
    // code page answers.
    assert_eq!(
        http(addr, "GET", "/api/workshop", &[], b"").await.status,
        401
    );
    assert_eq!(
        http(addr, "GET", "/assets/app.js", &[], b"").await.status,
        401
    );
    let wrong = http(
        addr,
        "GET",
        "/?token=0123456789abcdef0123456789abcdef",
        &[],
        b"",
    )
    .await;
    assert_eq!(wrong.status, 401);

    // The join token joins (a participant token comes back) and reaches
    // nothing else.
    let token = join.trim_start_matches("/?token=");
    let auth = format!("Bearer {token}");
    let joined = join_as(addr, token, "Ana").await;
    assert_eq!(
        joined.status,
        200,
        "{}",
        String::from_utf8_lossy(&joined.body)
    );
    assert!(joined.json()["token"].is_string());
    let maps = http(
        addr,
        "POST",
        "/api/rpc/list_maps",
        &[("Authorization", &auth)],
        b"",
    )
    .await;
    assert_eq!(maps.status, 403);
    assert_eq!(h.workshop.info().participants, 1);

    // The facilitator link's token reaches the map.
    let host = path_of(&h.workshop.facilitator_url(), addr);
    let state = format!(
        "/api/maps/{}/state?{}",
        h.map,
        host.trim_start_matches("/?")
    );
    assert_eq!(http(addr, "GET", &state, &[], b"").await.status, 200);
    h.workshop.stop().await.unwrap();
}

fn form(code: &str) -> Vec<u8> {
    format!("code={code}").into_bytes()
}

async fn type_code(addr: SocketAddr, code: &str) -> Reply {
    let origin = format!("http://{addr}");
    http(
        addr,
        "POST",
        "/",
        &[
            ("Origin", &origin),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        &form(code),
    )
    .await
}

#[tokio::test]
async fn the_short_code_leads_to_the_join_page_until_too_many_wrong_tries() {
    let h = hosted_on(OTHER_LOOPBACK).await;
    let addr = h.workshop.addr();
    let code = h.workshop.code().to_string();
    assert_eq!(code.len(), 6);

    let page = http(addr, "GET", "/", &[], b"").await;
    assert_eq!(page.status, 200);
    assert!(String::from_utf8_lossy(&page.body).contains("name=\"code\""));

    // Typed in lower case with a space, as people do.
    let typed = format!("{}+{}", code[..3].to_lowercase(), &code[3..]);
    let right = type_code(addr, &typed).await;
    assert_eq!(right.status, 303, "{}", right.head);
    let join = path_of(&h.workshop.join_url(), addr);
    let location = format!("location: {join}#/join");
    assert!(
        right
            .head
            .to_ascii_lowercase()
            .contains(&location.to_ascii_lowercase()),
        "{}",
        right.head
    );

    // A form posted from another site is refused before the code is read.
    let evil = http(
        addr,
        "POST",
        "/",
        &[("Origin", "http://evil.example")],
        &form(&code),
    )
    .await;
    assert_eq!(evil.status, 403);

    let wrong = if code == "AAAAAA" { "BBBBBB" } else { "AAAAAA" };
    for _ in 0..19 {
        assert_eq!(type_code(addr, wrong).await.status, 401);
    }
    let last = type_code(addr, wrong).await;
    assert_eq!(last.status, 401);
    assert!(String::from_utf8_lossy(&last.body).contains("Too many wrong codes"));
    // Now even the right code is turned away; the link still works.
    assert_eq!(type_code(addr, &code).await.status, 429);
    assert_eq!(http(addr, "GET", &join, &[], b"").await.status, 200);
    h.workshop.stop().await.unwrap();
}

#[tokio::test]
async fn stopping_ends_the_workshop_closes_every_connection_and_frees_the_port() {
    let h = hosted_on(OTHER_LOOPBACK).await;
    let addr = h.workshop.addr();
    let join_token = token_in(&h.workshop.join_url(), addr);
    let host_token = token_in(&h.workshop.facilitator_url(), addr);
    let joined = join_as(addr, &join_token, "Ben").await;
    let ben_token = joined.json()["token"].as_str().unwrap().to_string();
    let mut ben = Client::connect_as(addr, &h.map, &ben_token).await;
    let mut host = Client::connect_as(addr, &h.map, &host_token).await;
    ben.sync_until(|d| !waymark_core::doc::read_journey(d).journey.stages.is_empty())
        .await;
    host.sync_until(|d| !waymark_core::doc::read_journey(d).journey.stages.is_empty())
        .await;
    assert_eq!(h.workshop.info().connections, 2);

    let summary = h.workshop.stop().await.unwrap().expect("a summary");
    assert_eq!(summary.maps[0].id, h.map);
    assert_eq!(summary.participants[0].name, "Ben");
    assert_eq!(ben.close_frame().await.unwrap().0, 4000, "workshop ended");
    assert_eq!(
        host.close_frame().await.unwrap().0,
        1001,
        "server going away"
    );
    // The end kept a version of the map.
    let versions = h.library.versions(&h.map).unwrap();
    assert!(
        versions
            .iter()
            .any(|v| v.label.starts_with("workshop end ")),
        "{versions:?}"
    );
    // Nothing listens there any more, and the port can be taken again.
    assert!(refused(addr).await);
    let again = tokio::net::TcpListener::bind(addr).await;
    assert!(again.is_ok(), "{again:?}");
}

#[tokio::test]
async fn ending_in_the_facilitator_view_stops_the_server() {
    let h = hosted_on(OTHER_LOOPBACK).await;
    let addr = h.workshop.addr();
    let host = token_in(&h.workshop.facilitator_url(), addr);
    let auth = format!("Bearer {host}");
    let end = http(
        addr,
        "POST",
        "/api/workshop/end",
        &[("Authorization", &auth)],
        b"",
    )
    .await;
    assert_eq!(end.status, 200, "{}", String::from_utf8_lossy(&end.body));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while h.workshop.is_running() {
        assert!(tokio::time::Instant::now() < deadline, "still serving");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!h.workshop.info().running);
    assert!(refused(addr).await);
    // Stopping afterwards is quiet: there is nothing left to end.
    assert!(h.workshop.stop().await.unwrap().is_none());
}

#[tokio::test]
async fn the_hosts_own_edits_reach_the_participants_live() {
    let h = hosted_on(OTHER_LOOPBACK).await;
    let addr = h.workshop.addr();
    let host = token_in(&h.workshop.facilitator_url(), addr);
    let mut client = Client::connect_as(addr, &h.map, &host).await;
    client
        .sync_until(|d| !waymark_core::doc::read_journey(d).journey.stages.is_empty())
        .await;
    // An edit made in the app's window reaches the library as "ui".
    h.library
        .edit_update(&h.map, "ui", |j| {
            j.title = "Renamed in the app".into();
            Ok(())
        })
        .unwrap();
    client
        .sync_until(|d| waymark_core::doc::read_journey(d).journey.title == "Renamed in the app")
        .await;
    h.workshop.stop().await.unwrap();
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let library = Arc::new(Library::open(&dir.path().join("lib.db")).unwrap());
    let options = |map: &str, ip: IpAddr, port: u16| WorkshopOptions {
        map: map.to_string(),
        ip: Some(ip),
        port,
        ui_files: None,
    };
    let err = host_workshop(library.clone(), options("nope", OTHER_LOOPBACK, 0))
        .await
        .err()
        .unwrap();
    assert_eq!(err.code(), "not_found", "{err}");

    let map = library.create_map(None, Some("M")).unwrap();
    let taken = tokio::net::TcpListener::bind((OTHER_LOOPBACK, 0))
        .await
        .unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = host_workshop(library.clone(), options(&map, OTHER_LOOPBACK, port))
        .await
        .err()
        .unwrap();
    assert_eq!(err.code(), "conflict", "{err}");
    assert!(err.to_string().contains("in use"), "{err}");

    // An address this machine does not have (binding sends nothing).
    let foreign: IpAddr = "203.0.113.9".parse().unwrap();
    let err = host_workshop(library, options(&map, foreign, 0))
        .await
        .err()
        .unwrap();
    assert_eq!(err.code(), "invalid", "{err}");
    assert!(err.to_string().contains("203.0.113.9"), "{err}");
}

#[test]
fn addresses_put_the_lan_first_and_loopback_last() {
    let found = host_addresses();
    assert!(!found.is_empty());
    let last = found.last().unwrap();
    assert!(!last.lan && last.ip.is_loopback(), "{found:?}");
    for a in &found {
        assert!(a.ip.is_ipv4());
        assert_eq!(a.lan, !a.ip.is_loopback(), "{a:?}");
    }
    let first_loopback = found.iter().position(|a| !a.lan).unwrap();
    assert!(found[first_loopback..].iter().all(|a| !a.lan), "{found:?}");
}

/// The SVG back into modules (the renderer draws each run of dark modules
/// as `M{x} {y}h{w}v{h}H{x}V{y}`), rasterised one pixel per unit and read
/// by a QR decoder.
fn decode_svg(svg: &str) -> String {
    let attr = |name: &str| -> usize {
        let at = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[at..].split('"').next().unwrap().parse().unwrap()
    };
    let (w, h) = (attr("width"), attr("height"));
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let mut dark = vec![false; w * h];
    for cmd in d.split('M').filter(|c| !c.is_empty()) {
        let nums: Vec<usize> = cmd
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, rw, rh) = (nums[0], nums[1], nums[2], nums[3]);
        for yy in y..y + rh {
            for xx in x..x + rw {
                dark[yy * w + xx] = true;
            }
        }
    }
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(
            w,
            h,
            |x, y| if dark[y * w + x] { 0 } else { 255 },
        );
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the SVG");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn the_qr_code_holds_exactly_the_join_link() {
    let h = hosted_on(OTHER_LOOPBACK).await;
    let info = h.workshop.info();
    assert!(info.qr_svg.starts_with("<svg"), "no XML prolog in a page");
    assert_eq!(decode_svg(&info.qr_svg), info.join_url);
    h.workshop.stop().await.unwrap();
}
