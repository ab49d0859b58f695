//! Counters that hold clients to the limits: connections in all and per
//! address (sockets at the front door, WebSockets after the token), and
//! token buckets for messages and votes per second.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub(crate) struct Connections {
    max: usize,
    per_addr: usize,
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// A held connection slot; dropping it frees the slot.
pub(crate) struct Slot {
    addr: IpAddr,
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl Connections {
    pub fn new(max: usize, per_addr: usize) -> Self {
        Self {
            max,
            per_addr,
            open: Arc::default(),
        }
    }

    /// Connections open now.
    pub fn count(&self) -> usize {
        let open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        open.values().sum()
    }

    /// Every slot is taken.
    pub fn full(&self) -> bool {
        self.count() >= self.max
    }

    /// A slot for a connection from `addr`, or why not.
    pub fn open(&self, addr: IpAddr) -> Result<Slot, &'static str> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.values().sum::<usize>() >= self.max {
            return Err("the server has too many connections");
        }
        let n = open.entry(addr).or_default();
        if *n >= self.per_addr {
            return Err("too many connections from this address");
        }
        *n += 1;
        Ok(Slot {
            addr,
            open: self.open.clone(),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.addr) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.addr);
            }
        }
    }
}

/// A token bucket: `rate` messages a second, bursts up to `burst`.
pub(crate) struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    pub fn new(rate: f64, burst: f64) -> Self {
        Self {
            rate,
            burst,
            tokens: burst,
            last: Instant::now(),
        }
    }

    pub fn take(&mut self) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
