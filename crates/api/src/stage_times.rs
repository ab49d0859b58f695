//! Bench-only timing of a write's stages, for `scripts/bench-edit`: with
//! `WAYMARK_STAGE_TIMES=1` in the environment each stage's time is summed
//! and the means per edit are printed to stderr every 100 edits; without
//! it a stage costs one atomic load. Not for tests (they never assert
//! timings).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// 0: not read yet, 1: off, 2: on.
static STATE: AtomicU8 = AtomicU8::new(0);
static SUMS: Mutex<Sums> = Mutex::new(Sums {
    stages: Vec::new(),
    edits: 0,
});

struct Sums {
    stages: Vec<(&'static str, Duration)>,
    edits: u64,
}

const PRINT_EVERY: u64 = 100;

fn on() -> bool {
    match STATE.load(Ordering::Relaxed) {
        0 => {
            let on = std::env::var_os("WAYMARK_STAGE_TIMES").is_some_and(|v| v == "1");
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
        s => s == 2,
    }
}

thread_local! {
    /// When this thread's current stage began.
    static MARK: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

/// An edit's first stage begins now (on this thread).
pub fn begin() {
    if on() {
        MARK.with(|m| m.set(Some(Instant::now())));
    }
}

/// The stage under way on this thread ended now: its time is added to
/// `stage`, and the next stage begins.
pub fn mark(stage: &'static str) {
    if !on() {
        return;
    }
    let now = Instant::now();
    let Some(since) = MARK.with(|m| m.replace(Some(now))) else {
        return;
    };
    let mut sums = SUMS.lock().unwrap_or_else(|p| p.into_inner());
    match sums.stages.iter_mut().find(|(s, _)| *s == stage) {
        Some((_, d)) => *d += now - since,
        None => sums.stages.push((stage, now - since)),
    }
}

/// The current stage's start, to carry it to another thread ([`resume`]).
pub fn hand_over() -> Option<Instant> {
    MARK.with(|m| m.get())
}

/// Goes on, on this thread, with a stage begun on another ([`hand_over`]).
pub fn resume(mark: Option<Instant>) {
    if on() {
        MARK.with(|m| m.set(mark));
    }
}

/// One edit went through every stage: every [`PRINT_EVERY`] edits, the
/// mean of each stage per edit goes to stderr, and the sums start again.
pub fn edit_done() {
    if !on() {
        return;
    }
    let mut sums = SUMS.lock().unwrap_or_else(|p| p.into_inner());
    sums.edits += 1;
    if sums.edits < PRINT_EVERY {
        return;
    }
    let n = sums.edits as f64;
    let line: Vec<String> = sums
        .stages
        .iter()
        .map(|(s, d)| format!("{s} {:.3}", d.as_secs_f64() * 1000.0 / n))
        .collect();
    eprintln!(
        "waymark stage times, ms per edit over {} edits: {}",
        sums.edits,
        line.join(", ")
    );
    sums.stages.clear();
    sums.edits = 0;
}
