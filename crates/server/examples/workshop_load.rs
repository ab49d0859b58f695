//! The workshop load benchmark's client side (see `scripts/bench-workshop`):
//! N y-websocket clients, each adding a note a second, against a running
//! `waymark serve` (joining as participants) or the reference
//! `@y/websocket-server`; prints one JSON line with the figures, including
//! the server process's CPU time and peak memory when given its pid.
//!
//! workshop_load waymark ADDR MAP JOIN_TOKEN CLIENTS NOTES [PID]
//! workshop_load yserver ADDR ROOM CLIENTS NOTES [PID]

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::load::{run, Load};

fn usage() -> ! {
    eprintln!("usage: workshop_load waymark ADDR MAP JOIN_TOKEN CLIENTS NOTES [PID]");
    eprintln!("       workshop_load yserver ADDR ROOM CLIENTS NOTES [PID]");
    std::process::exit(2)
}

/// CPU seconds (user + system) a process has used, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at ')'.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// Peak and current resident memory of a process in MiB.
fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (kib("VmHWM:"), kib("VmRSS:"))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| -> usize {
        args.get(i)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| usage())
    };
    let (kind, addr) = match (args.first(), args.get(1)) {
        (Some(k), Some(a)) => (k.as_str(), a.clone()),
        _ => usage(),
    };
    let (urls, names, clients, notes, pid) = match kind {
        "waymark" => {
            let (map, join) = (
                args.get(2).cloned().unwrap_or_else(|| usage()),
                args.get(3).cloned().unwrap_or_else(|| usage()),
            );
            let (clients, notes) = (num(4), num(5));
            let addr: std::net::SocketAddr = addr.parse().unwrap_or_else(|_| usage());
            let mut urls = Vec::new();
            let mut names = Vec::new();
            for i in 0..clients {
                let name = format!("P{i:02}");
                let body = serde_json::json!({ "name": name }).to_string();
                let auth = format!("Bearer {join}");
                let r = common::http(
                    addr,
                    "POST",
                    "/api/workshop/join",
                    &[
                        ("Authorization", &auth),
                        ("Content-Type", "application/json"),
                    ],
                    body.as_bytes(),
                )
                .await;
                assert_eq!(r.status, 200, "join: {}", String::from_utf8_lossy(&r.body));
                let token = r.json()["token"].as_str().unwrap().to_string();
                urls.push(format!("ws://{addr}/ws/{map}?token={token}"));
                names.push(name);
            }
            (urls, names, clients, notes, args.get(6))
        }
        "yserver" => {
            let room = args.get(2).cloned().unwrap_or_else(|| usage());
            let (clients, notes) = (num(3), num(4));
            let urls = (0..clients)
                .map(|_| format!("ws://{addr}/{room}"))
                .collect();
            let names = (0..clients).map(|i| format!("P{i:02}")).collect();
            (urls, names, clients, notes, args.get(5))
        }
        _ => usage(),
    };
    let pid: Option<u32> = pid.and_then(|p| p.parse().ok());
    let cpu_before = pid.map_or(0.0, cpu_seconds);
    let out = run(Load {
        urls,
        notes,
        interval: Duration::from_secs(1),
        names,
    })
    .await;
    let cpu = pid.map_or(0.0, cpu_seconds) - cpu_before;
    let (peak, rss) = pid.map_or((0.0, 0.0), memory_mib);
    let all: HashSet<&String> = out.seen.iter().flatten().collect();
    let converged = all.len() == out.sent && out.seen.iter().all(|s| s.len() == out.sent);
    println!(
        "{}",
        serde_json::json!({
            "server": kind, "clients": clients, "notes_each": notes, "sent": out.sent,
            "converged": converged, "deliveries": out.latencies_ms.len(),
            "seconds": out.elapsed.as_secs_f64(),
            "p50_ms": out.percentile(0.5), "p99_ms": out.percentile(0.99),
            "server_cpu_s": cpu, "server_cpu_pct": 100.0 * cpu / out.elapsed.as_secs_f64(),
            "server_peak_rss_mib": peak, "server_rss_mib": rss,
        })
    );
    if !converged {
        std::process::exit(1);
    }
}
