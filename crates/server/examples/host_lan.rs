//! Hosts a workshop the way the desktop app does (`host_workshop`: one map,
//! a join link, a short code) on a given address, serving the built UI from
//! a folder; for `scripts/test-lan`, which runs it inside a network
//! namespace. Prints one JSON line (the join link, the code and the bare
//! address to type it at) and serves until its standard input closes.
//!
//! host_lan IP UI_DIR LIBRARY_DB

use std::io::Read;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

use waymark_api::Library;
use waymark_server::{host_workshop, UiFiles, WorkshopOptions};

/// The UI's files from `dir`, `index.html` for paths that name no file (the
/// page's own routes), as the app's embedded assets answer.
fn ui_from(dir: PathBuf) -> UiFiles {
    UiFiles(Arc::new(move |path: &str| {
        let rel = path.trim_start_matches('/');
        if rel.split('/').any(|s| s == "..") {
            return None;
        }
        let file = dir.join(if rel.is_empty() { "index.html" } else { rel });
        let (file, ext) = match std::fs::metadata(&file) {
            Ok(m) if m.is_file() => {
                let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
                (file.clone(), ext.to_string())
            }
            _ => (dir.join("index.html"), "html".to_string()),
        };
        let mime = match ext.as_str() {
            "html" => "text/html",
            "js" | "mjs" => "text/javascript",
            "css" => "text/css",
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "json" => "application/json",
            "woff2" => "font/woff2",
            _ => "application/octet-stream",
        };
        Some((std::fs::read(file).ok()?, mime.to_string()))
    }))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ip, ui, db] = args.as_slice() else {
        eprintln!("usage: host_lan IP UI_DIR LIBRARY_DB");
        std::process::exit(2);
    };
    let ip: IpAddr = ip.parse().expect("an IP address");
    let library = Arc::new(Library::open(std::path::Path::new(db)).expect("the library"));
    let map = library
        .create_map(Some("bank-lost-card"), Some("LAN workshop"))
        .expect("a map");
    let hosted = host_workshop(
        library,
        WorkshopOptions {
            map,
            ip: Some(ip),
            port: 0,
            ui_files: Some(ui_from(PathBuf::from(ui))),
        },
    )
    .await
    .expect("hosting the workshop");
    let info = hosted.info();
    println!(
        "{}",
        serde_json::json!({
            "join_url": info.join_url,
            "code": info.code,
            "code_url": info.code_url,
            "map": info.map,
        })
    );
    // Serve until the script closes our input.
    let _ = tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new())).await;
    let _ = hosted.stop().await;
}
