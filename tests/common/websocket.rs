//! A WebSocket client (tungstenite over a std TcpStream) for tests and
//! benches that talk to the real `nano` binary.

use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use tungstenite::{Message, WebSocket};

pub type Socket = WebSocket<TcpStream>;

/// Opens a WebSocket to `path` on `addr`.
pub fn connect(addr: SocketAddr, path: &str) -> Socket {
    let stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let url = format!("ws://{addr}{path}");
    let (socket, response) = tungstenite::client(url.as_str(), stream).expect("handshake");
    assert_eq!(response.status(), 101);
    socket
}

/// The next message that is not a pong.
pub fn next(socket: &mut Socket) -> Message {
    loop {
        match socket.read().expect("read a message") {
            Message::Pong(_) => continue,
            message => return message,
        }
    }
}
