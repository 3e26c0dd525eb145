//! Idle keep-alive connections of one runtime, by origin. A response whose
//! body was read to its end hands its connection back here, and the next
//! fetch to the same scheme, host and port takes it instead of connecting
//! (and, for https, shaking hands) again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use url::Url;

use super::client::Conn;

/// Idle connections kept per origin; more are closed.
pub const MAX_IDLE_PER_ORIGIN: usize = 8;
/// Idle connections kept in all; past it the longest idle one is closed.
pub const MAX_IDLE: usize = 64;
/// An idle connection older than this is closed instead of reused: servers
/// commonly time out idle keep-alive connections after 5 to 60 s (4 s is
/// also Node's undici default).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(4);

/// Scheme, host and port: connections are shared only within one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    pub fn of(url: &Url) -> Origin {
        Origin {
            scheme: url.scheme().to_string(),
            host: url.host_str().unwrap_or_default().to_string(),
            port: url.port_or_known_default().unwrap_or(0),
        }
    }
}

struct Idle {
    conn: Conn,
    since: Instant,
}

#[derive(Default)]
pub struct IdlePool {
    /// Per origin, the most recently returned connection last.
    idle: RefCell<HashMap<Origin, Vec<Idle>>>,
}

impl IdlePool {
    /// The most recently used connection to `origin` that is still open.
    pub fn take(&self, origin: &Origin) -> Option<Conn> {
        let mut idle = self.idle.borrow_mut();
        let conns = idle.get_mut(origin)?;
        let mut found = None;
        while let Some(candidate) = conns.pop() {
            if candidate.since.elapsed() < IDLE_TIMEOUT && candidate.conn.is_open_and_quiet() {
                found = Some(candidate.conn);
                break;
            }
        }
        if conns.is_empty() {
            idle.remove(origin);
        }
        found
    }

    /// Keeps `conn`, whose last response was read to its end, for reuse.
    pub fn put(&self, origin: Origin, conn: Conn) {
        let mut idle = self.idle.borrow_mut();
        let total: usize = idle.values().map(Vec::len).sum();
        if total >= MAX_IDLE {
            close_longest_idle(&mut idle);
        }
        let conns = idle.entry(origin).or_default();
        if conns.len() >= MAX_IDLE_PER_ORIGIN {
            conns.remove(0);
        }
        conns.push(Idle {
            conn,
            since: Instant::now(),
        });
        debug_assert!(idle.values().map(Vec::len).sum::<usize>() <= MAX_IDLE);
    }
}

fn close_longest_idle(idle: &mut HashMap<Origin, Vec<Idle>>) {
    let oldest = idle
        .iter()
        .filter_map(|(origin, conns)| conns.first().map(|first| (first.since, origin.clone())))
        .min_by_key(|(since, _)| *since);
    if let Some((_, origin)) = oldest {
        if let Some(conns) = idle.get_mut(&origin) {
            conns.remove(0);
            if conns.is_empty() {
                idle.remove(&origin);
            }
        }
    }
}
