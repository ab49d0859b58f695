//! Team-sync load run: MEMBERS simulated team members (default 200), each a
//! library of its own, over MAPS maps (default 20), each member adding EDITS
//! touchpoints (default 5, one every SECONDS (default 5), the members' edits
//! spread over those seconds) while every member syncs live. Run against two
//! Hocuspocus instances sharing one redis-server (members of a map spread
//! across both) and against one `@y/websocket-server`. Checks that every
//! replica of a map converges with every added touchpoint exactly once, and
//! prints the propagation time of an edit (persisted in the sender until
//! persisted in each other member of its map): p50, p99, max.
//! `scripts/bench-team-sync [MEMBERS MAPS EDITS SECONDS]`

#[path = "../tests/common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::hocuspocus::{redis_available, Hocuspocus, Redis};
use common::{hocuspocus_spec, library, spec, YServer};
use waymark_api::{Library, LinkSpec};
use waymark_sync::{join, sync_once, LinkState, LiveSync, SyncConfig, SYNC_ORIGIN};

const TOKEN: &str = "bench-t0ken";

fn arg(i: usize, default: usize) -> usize {
    std::env::args()
        .filter(|a| !a.starts_with('-'))
        .nth(i)
        .and_then(|a| a.parse().ok())
        .unwrap_or(default)
}

/// When each marker was sent, and when it was persisted in each receiver.
#[derive(Default)]
struct Clock {
    sent: HashMap<String, Instant>,
    arrived: HashMap<(String, usize), Instant>,
}

/// The markers (`@@gGeK@@`) an update carries: Yjs keeps a new string's
/// UTF-8 bytes whole in the update.
fn markers(update: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = update;
    while let Some(start) = find(rest, b"@@g") {
        let tail = &rest[start + 2..];
        match find(tail, b"@@") {
            Some(end) => {
                out.push(String::from_utf8_lossy(&tail[..end]).into_owned());
                rest = &tail[end + 2..];
            }
            None => break,
        }
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

struct Member {
    lib: Arc<Library>,
    map: String,
    room: usize,
}

fn add_touchpoint(lib: &Library, map: &str, title: &str) {
    lib.edit(map, |j| {
        let (stage, lane) = (j.stages[0].id, j.lanes[0].id);
        let last = j
            .touchpoints
            .iter()
            .filter(|t| t.stage == stage && t.lane == lane)
            .map(|t| t.order.clone())
            .max();
        j.touchpoints.push(waymark_core::Touchpoint {
            id: uuid::Uuid::new_v4(),
            stage,
            lane,
            order: waymark_core::order::key_between(last.as_deref(), None)?,
            title: title.to_string(),
            ..Default::default()
        });
        Ok(())
    })
    .expect("an edit persists");
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// One load run; `link(member, room)` says where a member syncs.
async fn run(name: &str, link: impl Fn(usize, &str) -> LinkSpec) {
    let (members, maps, edits) = (arg(1, 200), arg(2, 20), arg(3, 5));
    let round = Duration::from_secs(arg(4, 5) as u64);
    let per_map = members / maps;
    let cfg = SyncConfig::default();
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(Mutex::new(Clock::default()));
    let started = Instant::now();
    let mut team: Vec<Member> = Vec::new();
    for room in 0..maps {
        let room_name = format!("load-{room}");
        for k in 0..per_map {
            let g = room * per_map + k;
            let lib = library(&dir, &format!("m{g}.db"));
            let map = if k == 0 {
                let map = lib.create_map(Some("bank-lost-card"), None).unwrap();
                lib.link_map(&map, &link(g, &room_name)).unwrap();
                sync_once(lib.clone(), &map, &cfg).await.unwrap();
                map
            } else {
                join(lib.clone(), &link(g, &room_name), &cfg).await.unwrap()
            };
            let (c, watched) = (clock.clone(), map.clone());
            lib.subscribe(Arc::new(move |id: &str, update: &[u8], origin: &str| {
                if id != watched || origin != SYNC_ORIGIN {
                    return;
                }
                let now = Instant::now();
                let mut c = c.lock().unwrap();
                // A server may echo a member's own edit back: not a delivery.
                let own = format!("g{g}e");
                for m in markers(update) {
                    if !m.starts_with(&own) {
                        c.arrived.entry((m, g)).or_insert(now);
                    }
                }
            }));
            team.push(Member { lib, map, room });
        }
    }
    let setup = started.elapsed();
    let live: Vec<LiveSync> = team
        .iter()
        .map(|m| LiveSync::start(m.lib.clone(), &m.map, cfg.clone()))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(120);
    while live
        .iter()
        .any(|l| l.status().state != LinkState::Connected)
    {
        assert!(
            Instant::now() < deadline,
            "{name}: not every member connected"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Every member adds a touchpoint per round, the members' edits spread
    // evenly over the round (as people work, not in one burst).
    let edit_started = Instant::now();
    let spacing = round / members as u32;
    for k in 0..edits {
        let mut tasks = Vec::new();
        for (g, m) in team.iter().enumerate() {
            let (lib, map, c) = (m.lib.clone(), m.map.clone(), clock.clone());
            let at = edit_started + round * k as u32 + spacing * g as u32;
            tasks.push(tokio::spawn(async move {
                tokio::time::sleep_until(at.into()).await;
                tokio::task::spawn_blocking(move || {
                    let marker = format!("g{g}e{k}");
                    c.lock()
                        .unwrap()
                        .sent
                        .insert(marker.clone(), Instant::now());
                    add_touchpoint(&lib, &map, &format!("@@{marker}@@"));
                })
                .await
                .unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
    }
    let expected = members / maps * maps * edits * (per_map - 1);
    let deadline = Instant::now() + Duration::from_secs(300);
    while clock.lock().unwrap().arrived.len() < expected {
        assert!(
            Instant::now() < deadline,
            "{name}: only {} of {expected} edits arrived",
            clock.lock().unwrap().arrived.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let delivered_after = edit_started.elapsed();
    // Every replica of a map is the same journey (bounded wait: 60 s).
    let same = |room: usize| {
        let replicas: Vec<&Member> = team.iter().filter(|m| m.room == room).collect();
        let first = replicas[0].lib.journey(&replicas[0].map).unwrap();
        replicas[1..]
            .iter()
            .all(|r| r.lib.journey(&r.map).unwrap() == first)
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    for room in 0..maps {
        while !same(room) {
            assert!(Instant::now() < deadline, "{name}: map {room} diverged");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let converged_after = edit_started.elapsed();
    for l in live {
        l.stop().await;
    }

    // Each added touchpoint is in every map exactly once.
    for room in 0..maps {
        let m = team.iter().find(|m| m.room == room).unwrap();
        let first = m.lib.journey(&m.map).unwrap();
        let mut added: Vec<&str> = first
            .touchpoints
            .iter()
            .map(|t| t.title.as_str())
            .filter(|t| t.starts_with("@@g"))
            .collect();
        added.sort();
        let before = added.len();
        added.dedup();
        assert_eq!(before, added.len(), "{name}: map {room} duplicated an edit");
        assert_eq!(
            added.len(),
            per_map * edits,
            "{name}: map {room} lost edits"
        );
    }
    let c = clock.lock().unwrap();
    let mut lat: Vec<f64> = c
        .arrived
        .iter()
        .map(|((m, _), at)| at.duration_since(c.sent[m]).as_secs_f64() * 1000.0)
        .collect();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{name}: {members} members, {maps} maps, {} edits (one per member every {} s), {} deliveries; every replica converged, nothing lost or duplicated; \
         propagation p50={:.0} ms p99={:.0} ms max={:.0} ms; setup {:.1} s; all delivered {:.1} s and all replicas equal {:.1} s after the first edit",
        members / maps * maps * edits,
        round.as_secs(),
        lat.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat[lat.len() - 1],
        setup.as_secs_f64(),
        delivered_after.as_secs_f64(),
        converged_after.as_secs_f64()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let which = std::env::var("WAYMARK_BENCH_SERVERS").unwrap_or_else(|_| "both".into());
    if which != "y-websocket" && redis_available() {
        let dir = tempfile::tempdir().unwrap();
        let redis = Redis::start();
        let db = dir.path().join("rooms.sqlite");
        let one = Hocuspocus::start(&redis, &db, Some(TOKEN));
        let two = Hocuspocus::start(&redis, &db, Some(TOKEN));
        let urls = [one.url(), two.url()];
        run("hocuspocus x2 + redis", |g, room| {
            hocuspocus_spec(&urls[g % 2], room, TOKEN)
        })
        .await;
    }
    if which != "hocuspocus" {
        let server = YServer::start();
        run("@y/websocket-server x1", |_, room| {
            spec(&server.url(), room)
        })
        .await;
    }
}
