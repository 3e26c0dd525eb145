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

/// Why `serve` will not listen on an address.
#[derive(Debug, thiserror::Error)]
pub enum AddressError {
    /// Another process (or another server in this one) listens there.
    /// `SO_REUSEPORT` would let NANO bind it anyway and the kernel would
    /// then spread connections between the two, so it is refused.
    #[error("{addr} is already in use by another process; choose another with {flag}")]
    InUse {
        addr: SocketAddr,
        /// The flag that picks this address.
        flag: &'static str,
    },
    /// Two of the server's own listeners were given one port.
    #[error("port {port} is given twice: by {first} and by {second}")]
    Twice {
        port: u16,
        first: &'static str,
        second: &'static str,
    },
    #[error("checking {addr}: {source}")]
    Probe { addr: SocketAddr, source: io::Error },
}

/// Fails when something already listens on `addr`. The probe binds without
/// `SO_REUSEPORT` (so any listener makes it fail) but with `SO_REUSEADDR`
/// (so connections of an earlier run lingering in TIME_WAIT do not).
pub(crate) fn ensure_free(addr: SocketAddr, flag: &'static str) -> Result<(), AddressError> {
    let probe = Socket::new(Domain::for_address(addr), Type::STREAM, None)
        .and_then(|socket| socket.set_reuse_address(true).map(|()| socket))
        .and_then(|socket| socket.bind(&addr.into()));
    match probe {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AddrInUse => Err(AddressError::InUse { addr, flag }),
        Err(source) => Err(AddressError::Probe { addr, source }),
    }
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

    /// A connection the kernel has already completed, taken without
    /// waiting; `None` when the queue is empty (or accepting fails: the
    /// awaited accept reports that).
    pub(crate) fn accept_waiting(&self) -> Option<(TcpStream, SocketAddr)> {
        loop {
            let (stream, peer) = self.twin.accept().ok()?;
            let taken = stream
                .set_nonblocking(true)
                .and_then(|()| TcpStream::from_std(stream));
            if let Ok(stream) = taken {
                return Some((stream, peer));
            }
        }
    }

    /// Closes the listener, first taking every connection already waiting
    /// in its queue.
    pub(crate) fn close(self) -> Vec<(TcpStream, SocketAddr)> {
        std::iter::from_fn(|| self.accept_waiting()).collect()
    }
}
