//! WebSockets (RFC 6455), shared by the server (a `WebSocketPair` end
//! returned in a 101 response) and outbound `fetch` (an `Upgrade:
//! websocket` request): the queues between an app and its socket, and the
//! loop that moves frames between a monoio socket and those queues.
//! Framing, masking, fragmentation, ping/pong and the close handshake are
//! tungstenite's, driven over in-memory buffers; the loop owns the socket.
//!
//! An idle socket costs its queues, tungstenite's small read buffer and one
//! pending read: no timer, no task of its own beyond the connection's.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::{poll_fn, Future};
use std::io::{self, Read, Write};
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use futures::future::select;
use monoio::io::{AsyncReadRent, AsyncWriteRent, AsyncWriteRentExt};
use monoio::time::{sleep_until, timeout, Instant};
use tungstenite::error::{Error as WsError, ProtocolError};
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::protocol::frame::{CloseFrame, Utf8Bytes};
use tungstenite::protocol::{Message, Role, WebSocketConfig, WebSocketContext};

/// The largest message a peer may send (as on Workers); a larger one is
/// answered with close code 1009.
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;
/// Bytes an app may have sent that the peer has not taken yet; past it
/// `send` fails instead of holding more.
pub const MAX_BUFFERED_SEND_BYTES: usize = 16 << 20;
/// Received messages the app has not taken yet, in bytes, past which the
/// socket is not read until it does.
const MAX_BUFFERED_RECEIVE_BYTES: usize = MAX_MESSAGE_BYTES;
/// How long the peer has to answer our close frame (or, after a protocol
/// error, to stop sending) before the connection is dropped.
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);
/// tungstenite's read buffer per socket, and the buffer of the read each
/// socket has pending: small, since most sockets idle.
const READ_BUFFER_BYTES: usize = 4 * 1024;
const READ_CHUNK: usize = 4 * 1024;
/// Messages the app sent together are written together, up to this much.
const WRITE_BATCH_BYTES: usize = 64 * 1024;

/// Close code sent when the server drains.
pub const GOING_AWAY: u16 = 1001;
/// Close code sent when the app's isolate was terminated.
pub const INTERNAL_ERROR: u16 = 1011;
/// What the app is told when the connection ends without a close frame.
pub const ABNORMAL_CLOSURE: u16 = 1006;
/// A close frame without a code.
pub const NO_STATUS: u16 = 1005;

/// What the socket hands the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    Text(String),
    Binary(Vec<u8>),
    /// The last event: the close frame received (or what ended the
    /// connection without one).
    Close {
        code: u16,
        reason: String,
        clean: bool,
    },
}

impl Inbound {
    fn len(&self) -> usize {
        match self {
            Inbound::Text(text) => text.len(),
            Inbound::Binary(bytes) => bytes.len(),
            Inbound::Close { reason, .. } => reason.len(),
        }
    }
}

/// What the app hands the socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outbound {
    Text(String),
    Binary(Vec<u8>),
    /// Starts the close handshake; no code sends a close frame without one.
    Close {
        code: Option<u16>,
        reason: String,
    },
}

impl Outbound {
    fn len(&self) -> usize {
        match self {
            Outbound::Text(text) => text.len(),
            Outbound::Binary(bytes) => bytes.len(),
            Outbound::Close { reason, .. } => reason.len(),
        }
    }
}

/// Why the app could not send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    #[error("the WebSocket is closed")]
    Closed,
    #[error("the WebSocket has {MAX_BUFFERED_SEND_BYTES} bytes waiting for the peer to read them")]
    Full,
}

#[derive(Default)]
struct Shared {
    inbound: VecDeque<Inbound>,
    inbound_bytes: usize,
    app_waker: Option<Waker>,
    outbound: VecDeque<Outbound>,
    outbound_bytes: usize,
    socket_waker: Option<Waker>,
    /// The app can no longer take part, with the close code to send.
    app_gone: Option<u16>,
    socket_gone: bool,
}

impl Shared {
    fn wake_app(&mut self) {
        if let Some(waker) = self.app_waker.take() {
            waker.wake();
        }
    }

    fn wake_socket(&mut self) {
        if let Some(waker) = self.socket_waker.take() {
            waker.wake();
        }
    }
}

/// The two ends of one WebSocket's queues.
pub fn channel() -> (AppEnd, SocketEnd) {
    let shared = Rc::new(RefCell::new(Shared::default()));
    (AppEnd(shared.clone()), SocketEnd(shared))
}

/// The app's end: what it sends, what it receives. Dropping it (the
/// isolate is freed) closes the socket with 1001.
pub struct AppEnd(Rc<RefCell<Shared>>);

impl AppEnd {
    pub fn send(&self, message: Outbound) -> Result<(), SendError> {
        let mut shared = self.0.borrow_mut();
        if shared.socket_gone || shared.app_gone.is_some() {
            return Err(SendError::Closed);
        }
        if shared.outbound_bytes + message.len() > MAX_BUFFERED_SEND_BYTES {
            return Err(SendError::Full);
        }
        shared.outbound_bytes += message.len();
        shared.outbound.push_back(message);
        shared.wake_socket();
        Ok(())
    }

    /// The next event received; None once the socket is gone and every
    /// event was taken.
    pub fn next_event(&self) -> impl Future<Output = Option<Inbound>> + 'static {
        let shared = self.0.clone();
        poll_fn(move |cx| {
            let mut shared = shared.borrow_mut();
            if let Some(event) = shared.inbound.pop_front() {
                shared.inbound_bytes -= event.len();
                shared.wake_socket();
                return Poll::Ready(Some(event));
            }
            if shared.socket_gone {
                return Poll::Ready(None);
            }
            shared.app_waker = Some(cx.waker().clone());
            Poll::Pending
        })
    }

    /// The app can no longer run (its isolate was terminated): the socket
    /// closes with `code`.
    pub fn abandon(&self, code: u16) {
        let mut shared = self.0.borrow_mut();
        shared.app_gone.get_or_insert(code);
        shared.wake_socket();
    }
}

impl Drop for AppEnd {
    fn drop(&mut self) {
        self.abandon(GOING_AWAY);
    }
}

/// The socket's end, driven by [`pump`]. Dropping it ends the app's
/// events.
pub struct SocketEnd(Rc<RefCell<Shared>>);

enum FromApp {
    Message(Outbound),
    Gone(u16),
}

impl SocketEnd {
    fn push(&self, event: Inbound) {
        let mut shared = self.0.borrow_mut();
        shared.inbound_bytes += event.len();
        shared.inbound.push_back(event);
        shared.wake_app();
    }

    /// Ready while the app keeps up with what was received.
    fn poll_room(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.0.borrow_mut();
        if shared.inbound_bytes < MAX_BUFFERED_RECEIVE_BYTES || shared.app_gone.is_some() {
            return Poll::Ready(());
        }
        shared.socket_waker = Some(cx.waker().clone());
        Poll::Pending
    }

    /// The app's next message, or that it is gone.
    fn poll_app(&self, cx: &mut Context<'_>) -> Poll<FromApp> {
        let mut shared = self.0.borrow_mut();
        if let Some(message) = shared.outbound.pop_front() {
            shared.outbound_bytes -= message.len();
            return Poll::Ready(FromApp::Message(message));
        }
        if let Some(code) = shared.app_gone {
            return Poll::Ready(FromApp::Gone(code));
        }
        shared.socket_waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for SocketEnd {
    fn drop(&mut self) {
        let mut shared = self.0.borrow_mut();
        shared.socket_gone = true;
        shared.outbound.clear();
        shared.outbound_bytes = 0;
        shared.wake_app();
    }
}

/// Messages moved, for metrics.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Traffic {
    pub received: u64,
    pub sent: u64,
}

/// Adds one message to `traffic`, received or sent.
fn count(traffic: &Cell<Traffic>, received: bool) {
    let mut counts = traffic.get();
    if received {
        counts.received += 1;
    } else {
        counts.sent += 1;
    }
    traffic.set(counts);
}

/// The bytes tungstenite reads from (what the socket brought) and writes to.
struct Buffers<'a> {
    input: &'a [u8],
    /// The socket has ended: reading gives 0 once `input` is used up.
    eof: bool,
    output: &'a mut Vec<u8>,
}

impl Read for Buffers<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.input.is_empty() && !self.eof {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let n = self.input.len().min(buf.len());
        buf[..n].copy_from_slice(&self.input[..n]);
        self.input = &self.input[n..];
        Ok(n)
    }
}

impl Write for Buffers<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.output.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Open,
    /// We sent a close frame and wait for the peer's.
    Closing,
    /// The connection failed (a protocol error, a message too large): our
    /// close frame goes out, then what the peer still sends is discarded
    /// until it closes, so the close frame is not lost to a reset.
    Failed,
    /// Nothing more to do: the close handshake is over, or the socket ended.
    Done,
}

/// One socket's protocol state, shared by its reading and writing halves.
struct Session<'a> {
    ctx: WebSocketContext,
    /// Encoded frames not written yet.
    output: Vec<u8>,
    phase: Phase,
    /// The app has been given its close event.
    told_close: bool,
    /// Where the messages it moves are counted.
    traffic: &'a Cell<Traffic>,
}

impl<'a> Session<'a> {
    fn new(role: Role, traffic: &'a Cell<Traffic>) -> Session<'a> {
        let config = WebSocketConfig::default()
            .read_buffer_size(READ_BUFFER_BYTES)
            .write_buffer_size(0)
            .max_message_size(Some(MAX_MESSAGE_BYTES))
            .max_frame_size(Some(MAX_MESSAGE_BYTES));
        Session {
            ctx: WebSocketContext::new(role, Some(config)),
            output: Vec::new(),
            phase: Phase::Open,
            told_close: false,
            traffic,
        }
    }

    /// Hands what `input` completes to the app; `eof` when the socket ended.
    fn receive(&mut self, input: &[u8], eof: bool, socket: &SocketEnd) {
        if matches!(self.phase, Phase::Failed | Phase::Done) {
            return;
        }
        let mut buffers = Buffers {
            input,
            eof,
            output: &mut self.output,
        };
        loop {
            let message = self.ctx.read(&mut buffers);
            match message {
                Ok(Message::Text(text)) => {
                    count(self.traffic, true);
                    socket.push(Inbound::Text(text.as_str().to_owned()));
                }
                Ok(Message::Binary(bytes)) => {
                    count(self.traffic, true);
                    socket.push(Inbound::Binary(bytes.into()));
                }
                Ok(Message::Close(frame)) => {
                    let (code, reason) = match frame {
                        Some(frame) => (u16::from(frame.code), frame.reason.as_str().to_owned()),
                        None => (NO_STATUS, String::new()),
                    };
                    tell_close(&mut self.told_close, socket, code, reason, true);
                }
                // Pings are answered by tungstenite (the pong is in `output`).
                Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_)) => {}
                Err(WsError::Io(error)) if error.kind() == io::ErrorKind::WouldBlock => return,
                Err(WsError::ConnectionClosed | WsError::AlreadyClosed) => {
                    self.phase = Phase::Done;
                    return;
                }
                Err(WsError::Protocol(ProtocolError::ResetWithoutClosingHandshake)) => {
                    self.phase = Phase::Done;
                    return;
                }
                Err(error) => return self.fail(socket, &error),
            }
        }
    }

    /// Fails the connection (RFC 6455 §7.1.7) with the close code the
    /// error calls for.
    fn fail(&mut self, socket: &SocketEnd, error: &WsError) {
        let (code, reason) = match error {
            WsError::Capacity(_) => (
                CloseCode::Size,
                format!("message larger than {MAX_MESSAGE_BYTES} bytes"),
            ),
            WsError::Utf8(_) => (CloseCode::Invalid, "invalid UTF-8 in a text message".into()),
            WsError::Protocol(error) => (CloseCode::Protocol, error.to_string()),
            other => (CloseCode::Error, other.to_string()),
        };
        self.close(code, &reason);
        tell_close(&mut self.told_close, socket, u16::from(code), reason, false);
        self.phase = Phase::Failed;
    }

    /// Sends a close frame, unless one was sent or received already.
    fn close(&mut self, code: CloseCode, reason: &str) {
        let frame = (code != CloseCode::Status).then(|| CloseFrame {
            code,
            reason: Utf8Bytes::from(truncate_reason(reason)),
        });
        let mut buffers = Buffers {
            input: &[],
            eof: false,
            output: &mut self.output,
        };
        let _ = self.ctx.close(&mut buffers, frame);
        if self.phase == Phase::Open {
            self.phase = Phase::Closing;
        }
    }

    /// Encodes what the app sent.
    fn send(&mut self, message: Outbound) {
        let message = match message {
            Outbound::Text(text) => Message::Text(text.into()),
            Outbound::Binary(bytes) => Message::Binary(bytes.into()),
            Outbound::Close { code, reason } => {
                return self.close(CloseCode::from(code.unwrap_or(NO_STATUS)), &reason);
            }
        };
        let mut buffers = Buffers {
            input: &[],
            eof: false,
            output: &mut self.output,
        };
        // After a close frame either way, messages are dropped (the app
        // was told, or is about to be, that the socket closed).
        if self.ctx.write(&mut buffers, message).is_ok() {
            count(self.traffic, false);
        }
    }
}

/// Gives the app its close event, unless `told` says it had it.
fn tell_close(told: &mut bool, socket: &SocketEnd, code: u16, reason: String, clean: bool) {
    if !*told {
        *told = true;
        socket.push(Inbound::Close {
            code,
            reason,
            clean,
        });
    }
}

/// A close reason fits a control frame's 125 bytes with the code.
fn truncate_reason(reason: &str) -> String {
    let mut end = reason.len().min(123);
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    reason[..end].to_owned()
}

/// How one socket is run.
#[derive(Debug, Clone, Copy)]
pub struct PumpOptions {
    pub role: Role,
    /// Longest a write may wait for the peer to read.
    pub write_timeout: Duration,
}

/// Runs one WebSocket over `reader` and `writer` (the halves of one
/// connection) until it closes: frames from the peer become events for the
/// app, the app's messages become frames. `received` holds bytes that came
/// with the handshake. When `stop` resolves (the server drains) the socket
/// is closed with 1001 and the close handshake waited for. The messages
/// moved are counted in `traffic` as they go.
pub async fn pump<R, W>(
    mut reader: R,
    mut writer: W,
    received: Vec<u8>,
    socket: SocketEnd,
    options: PumpOptions,
    stop: impl Future<Output = ()>,
    traffic: &Cell<Traffic>,
) where
    R: AsyncReadRent,
    W: AsyncWriteRent,
{
    let session = RefCell::new(Session::new(options.role, traffic));
    session.borrow_mut().receive(&received, false, &socket);
    drop(received);
    // The reading half says when it gave the writing half something to do.
    let nudge = Cell::new(false);
    let reading = async {
        let mut buf = Vec::with_capacity(READ_CHUNK);
        loop {
            poll_fn(|cx| socket.poll_room(cx)).await;
            let (result, returned) = reader.read(buf).await;
            buf = returned;
            let eof = !matches!(result, Ok(n) if n > 0);
            let n = result.unwrap_or(0);
            session.borrow_mut().receive(&buf[..n], eof, &socket);
            buf.clear();
            nudge.set(true);
            wake_self().await;
            if eof {
                return;
            }
        }
    };
    let writing = async {
        let mut stop = pin!(stop);
        let mut stopped = false;
        let mut app_gone = false;
        let mut closing_since = None;
        let mut shut_down = false;
        loop {
            let phase = session.borrow().phase;
            match phase {
                Phase::Done if session.borrow().output.is_empty() => return,
                Phase::Closing | Phase::Failed => {
                    closing_since.get_or_insert_with(Instant::now);
                }
                Phase::Open | Phase::Done => {}
            }
            if phase == Phase::Failed && session.borrow().output.is_empty() && !shut_down {
                shut_down = true;
                let _ = writer.shutdown().await;
            }
            let deadline = closing_since.map(|since| since + CLOSE_TIMEOUT);
            let mut wait = pin!(async {
                match deadline {
                    Some(deadline) => sleep_until(deadline).await,
                    None => std::future::pending().await,
                }
            });
            let ready = poll_fn(|cx| {
                if nudge.replace(false) || !session.borrow().output.is_empty() {
                    return Poll::Ready(true);
                }
                // What the app sent meanwhile goes out in one write.
                let mut sent = false;
                while !app_gone && phase != Phase::Failed {
                    let Poll::Ready(from_app) = socket.poll_app(cx) else {
                        break;
                    };
                    let mut session = session.borrow_mut();
                    match from_app {
                        FromApp::Message(message) => session.send(message),
                        FromApp::Gone(code) => {
                            app_gone = true;
                            session.close(CloseCode::from(code), "the app went away");
                        }
                    }
                    sent = true;
                    if session.output.len() >= WRITE_BATCH_BYTES {
                        break;
                    }
                }
                if sent {
                    return Poll::Ready(true);
                }
                if !stopped && stop.as_mut().poll(cx).is_ready() {
                    stopped = true;
                    session
                        .borrow_mut()
                        .close(CloseCode::Away, "the server is shutting down");
                    return Poll::Ready(true);
                }
                if wait.as_mut().poll(cx).is_ready() {
                    return Poll::Ready(false);
                }
                Poll::Pending
            })
            .await;
            if !ready {
                // The peer did not finish the close handshake in time.
                return;
            }
            let output = std::mem::take(&mut session.borrow_mut().output);
            if output.is_empty() {
                continue;
            }
            match timeout(options.write_timeout, writer.write_all(output)).await {
                Ok((Ok(_), _)) => {}
                _ => return,
            }
        }
    };
    // Whichever half ends first ends the socket: the peer closed, the close
    // handshake is over, a write failed or a deadline passed.
    select(pin!(reading), pin!(writing)).await;
    let mut session = session.into_inner();
    tell_close(
        &mut session.told_close,
        &socket,
        ABNORMAL_CLOSURE,
        "WebSocket disconnected without sending Close frame.".into(),
        false,
    );
}

/// Has the task polled again, so the other half of the pump sees what this
/// one changed.
async fn wake_self() {
    let mut woken = false;
    poll_fn(|cx| {
        if woken {
            return Poll::Ready(());
        }
        woken = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}
