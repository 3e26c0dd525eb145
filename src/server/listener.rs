//! A core's `SO_REUSEPORT` listener, and taking in what waits in its
//! accept queue when it closes: the kernel resets connections left there,
//! and a client may already have sent its request on one.

use std::io;
use std::net::SocketAddr;

use monoio::net::{TcpListener, TcpStream};
use socket2::{Domain, Socket, Type};

/// Connections completed by the kernel but not yet accepted, per listener.
const LISTEN_BACKLOG: i32 = 1024;

/// The listener the core accepts from, and a second handle on the same
/// socket for a last non-blocking sweep of its queue.
pub(crate) struct CoreListener {
    pub listener: TcpListener,
    twin: std::net::TcpListener,
}

impl CoreListener {
    pub(crate) fn bind(addr: SocketAddr) -> io::Result<CoreListener> {
        let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)?;
        socket.set_reuse_port(true)?;
        socket.set_reuse_address(true)?;
        socket.set_nonblocking(true)?;
        socket.bind(&addr.into())?;
        socket.listen(LISTEN_BACKLOG)?;
        let std_listener = std::net::TcpListener::from(socket);
        let twin = std_listener.try_clone()?;
        Ok(CoreListener {
            listener: TcpListener::from_std(std_listener)?,
            twin,
        })
    }

    /// Closes the listener, first taking every connection already waiting
    /// in its queue.
    pub(crate) fn close(self) -> Vec<(TcpStream, SocketAddr)> {
        let mut waiting = Vec::new();
        while let Ok((stream, peer)) = self.twin.accept() {
            let taken = stream
                .set_nonblocking(true)
                .and_then(|()| TcpStream::from_std(stream));
            if let Ok(stream) = taken {
                waiting.push((stream, peer));
            }
        }
        waiting
    }
}
