//! WebSocket figures of the README: echo throughput of `tests/apps/websocket`
//! on one core with small text messages (a few connections, each with a
//! window of messages in flight), then the memory an idle socket costs.
//!
//! `cargo bench --bench websocket` runs 3 s of echo and 2,000 idle sockets;
//! built as a test (`cargo test --all-targets`, no `--bench` argument) it
//! runs 1 s and 500. Either way it fails if an echo comes back wrong or an
//! idle socket costs more than `MAX_IDLE_SOCKET_KIB`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use common::websocket::{connect, next, Socket};
use common::Server;
use tungstenite::Message;

const CONNECTIONS: usize = 4;
const WINDOW: usize = 32;
/// Measured at ~20 KiB (a V8 WebSocket object, the connection's task and
/// its 4 KiB read buffer); a socket that kept its HTTP buffers would pass it.
const MAX_IDLE_SOCKET_KIB: f64 = 64.0;

struct Sizes {
    echo_seconds: u64,
    idle_sockets: usize,
}

const BENCH: Sizes = Sizes {
    echo_seconds: 3,
    idle_sockets: 2000,
};
const TEST: Sizes = Sizes {
    echo_seconds: 1,
    idle_sockets: 500,
};

/// Messages echoed per second over `seconds`, every echo checked.
fn echo_rate(addr: SocketAddr, seconds: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            std::thread::spawn(move || {
                let mut socket = connect(addr, "/echo");
                for _ in 0..WINDOW {
                    socket.send(Message::text("ping")).unwrap();
                }
                let mut echoed = 0u64;
                while Instant::now() < deadline {
                    assert_eq!(next(&mut socket), Message::text("ping"));
                    echoed += 1;
                    socket.send(Message::text("ping")).unwrap();
                }
                echoed
            })
        })
        .collect();
    let echoed: u64 = clients.into_iter().map(|c| c.join().unwrap()).sum();
    echoed / seconds
}

fn main() -> ExitCode {
    let bench = std::env::args().any(|arg| arg == "--bench");
    let sizes = if bench { BENCH } else { TEST };
    let server = Server::nano("websocket", &["--cores", "1"]);

    let rate = echo_rate(server.addr, sizes.echo_seconds);
    println!(
        "websocket echo: {rate} messages/s on one core ({CONNECTIONS} connections, {WINDOW} in flight each, {} s)",
        sizes.echo_seconds
    );

    std::thread::sleep(Duration::from_secs(1));
    let before = server.rss_mib();
    let sockets: Vec<Socket> = (0..sizes.idle_sockets)
        .map(|_| connect(server.addr, "/echo"))
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    let after = server.rss_mib();
    let per_socket = (after - before) * 1024.0 / sizes.idle_sockets as f64;
    println!(
        "websocket idle: {per_socket:.1} KiB per socket ({} sockets: RSS {before:.1} -> {after:.1} MiB)",
        sizes.idle_sockets
    );
    drop(sockets);
    if rate == 0 || per_socket > MAX_IDLE_SOCKET_KIB {
        eprintln!(
            "websocket: {rate} echoes/s, {per_socket:.1} KiB per idle socket (limit {MAX_IDLE_SOCKET_KIB})"
        );
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
