//! One HTTP/1.1 connection: read a request, run the handler, write the
//! response, repeat while keep-alive allows. Pipelined requests wait in the
//! input buffer and are answered strictly in order.

use std::borrow::Cow;
use std::future::{poll_fn, Future};
use std::io;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::Poll;
use std::time::Duration;

use futures::future::{select, Either};
use futures::stream::LocalBoxStream;
use futures::{FutureExt, StreamExt};
use monoio::buf::VecBuf;
use monoio::io::{
    AsyncReadRent, AsyncWriteRent, AsyncWriteRentExt, CancelableAsyncReadRent, Canceller,
};
use monoio::net::TcpStream;
use monoio::time::Instant;
use tracing::{debug, info, warn};

use super::access_log::RequestLine;
use super::conn_table::{Alarm, ConnEntry};
use super::error::RequestError;
use super::http::{
    Handling, HttpRequest, HttpResponse, RequestContext, ResponseBody, WebSocketUpgrade,
};
use super::parse::{parse_head, BodyFraming, Parsed, RequestHead};
use super::proxy_protocol::{parse_proxy_header, ProxyParsed};
use super::request_target::RequestTarget;
use super::response::{
    chunk_size_line, encode_head, error_response, Framing, HeadParams, CHUNK_END, LAST_CHUNK,
};
use super::state::{BodyReservation, CoreState};
use super::websocket;
use crate::http::{ChunkedDecoder, RequestId};
use crate::metrics::AppLabel;

const READ_CHUNK: usize = 16 * 1024;
/// A written buffer up to this size is kept for the next response head;
/// larger ones (coalesced bodies) are freed, so an idle connection holds
/// little.
const REUSED_WRITE_BUFFER: usize = 4 * 1024;
/// Full bodies up to this size are copied behind the head to save a write.
const COALESCE_BODY: usize = 64 * 1024;
/// After rejecting a request, unread input is discarded for this long (or
/// this many bytes) so closing does not reset the connection before the
/// client has read the error.
const LINGER_TIME: Duration = Duration::from_secs(1);
const LINGER_BYTES: usize = 1024 * 1024;
/// While a handler runs, the socket is still read so a client that goes
/// away is noticed; what arrives meanwhile (pipelined requests) is kept, up
/// to this many bytes. Past it, reading waits for the handler.
const PIPELINE_BUFFER: usize = 64 * 1024;
/// During a drain an idle connection is read this much longer, so a
/// request the client sent before it could know is still answered (with
/// `connection: close`).
const DRAIN_GRACE: Duration = Duration::from_secs(1);
/// What the access log shows for a request whose client left before the
/// response (as nginx logs it); no response is written.
const CLIENT_CLOSED: u16 = 499;

const CONTINUE: &[u8] = b"HTTP/1.1 100 Continue\r\n\r\n";

enum ReadOutcome {
    Data,
    Eof,
    Failed,
    Alarm(Alarm),
}

/// How a handler's run ended.
enum Handled {
    Response(HttpResponse),
    /// The request deadline passed first.
    TimedOut,
    /// The client closed the connection first.
    ClientGone,
}

/// What woke a running handler's connection.
enum HandlerEvent {
    Done(HttpResponse),
    Alarm,
    Read(io::Result<usize>, Vec<u8>),
}

/// Why a request could not be completed.
enum ConnError {
    /// Answer with this error, then close.
    Reject(RequestError),
    /// The peer is gone or a write failed: just close.
    Closed,
}

impl From<RequestError> for ConnError {
    fn from(e: RequestError) -> Self {
        ConnError::Reject(e)
    }
}

/// Counts the connection in the core's gauge for as long as it lives.
struct ConnGuard(Rc<CoreState>);

impl ConnGuard {
    fn new(state: Rc<CoreState>) -> Self {
        state.metrics.borrow_mut().connection_opened();
        ConnGuard(state)
    }
}

impl Drop for ConnGuard {
    fn drop(&mut self) {
        self.0.metrics.borrow_mut().connection_closed();
    }
}

/// Serves one accepted connection until it closes.
/// `listener` is the index of the listener it came from (see
/// `CoreHandler::route`). The connection counts towards the core's limit
/// from this call, before its task first runs: several may be accepted
/// in one turn.
pub(crate) fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    listener: usize,
    state: Rc<CoreState>,
) -> impl Future<Output = ()> {
    let guard = ConnGuard::new(state.clone());
    serve_counted(stream, peer, listener, state, guard)
}

async fn serve_counted(
    stream: TcpStream,
    peer: SocketAddr,
    listener: usize,
    state: Rc<CoreState>,
    _guard: ConnGuard,
) {
    // Responses are written whole or chunk by chunk; Nagle would only delay them.
    let _ = stream.set_nodelay(true);
    let entry = state.conns.join();
    let mut conn = Conn {
        stream,
        peer,
        listener,
        state,
        entry,
        inbuf: Vec::new(),
        rbuf: None,
        wbuf: None,
        canceller: Canceller::new(),
        eof: false,
        request_deadline: None,
        idle_from: Instant::now(),
    };
    if let Some(upgrade) = conn.run().await {
        // The socket reads with buffers of its own.
        conn.rbuf = None;
        let Conn {
            stream,
            state,
            entry,
            inbuf,
            ..
        } = conn;
        websocket::serve(stream, inbuf, entry, state, upgrade).await;
    }
}

/// What follows an exchange on the connection.
enum Next {
    KeepAlive,
    Close,
    /// The response switched the connection to this WebSocket.
    Upgrade(WebSocketUpgrade),
}

/// What an exchange keeps of its request while the handler runs, for the
/// response, the metrics and the log.
struct Exchange {
    request_id: RequestId,
    method: Cow<'static, str>,
    target: RequestTarget,
    /// The app it was routed to; None when none was.
    app: Option<AppLabel>,
    is_head: bool,
    http11: bool,
    client_keep_alive: bool,
    /// When its head was complete.
    started: Instant,
}

struct Conn {
    stream: TcpStream,
    peer: SocketAddr,
    /// Which listener accepted it: which apps it may reach.
    listener: usize,
    state: Rc<CoreState>,
    /// Its place in the core's table: deadlines and idle eviction.
    entry: ConnEntry,
    /// Received bytes not yet consumed by a request.
    inbuf: Vec<u8>,
    /// Reusable read buffer.
    rbuf: Option<Vec<u8>>,
    /// Reusable buffer for response heads.
    wbuf: Option<Vec<u8>>,
    /// Stops the read that runs beside a handler when the handler answers
    /// or its deadline passes; the read is then awaited so no received
    /// byte is lost.
    canceller: Canceller,
    /// The client has finished sending (or the connection failed).
    eof: bool,
    /// When the request being answered must be done by, if it has a limit.
    request_deadline: Option<Instant>,
    /// When the connection was accepted or its last exchange ended: its
    /// wait for the next request runs from then.
    idle_from: Instant,
}

impl Conn {
    /// Serves requests until the connection closes, or one switches it to
    /// a WebSocket (returned).
    async fn run(&mut self) -> Option<WebSocketUpgrade> {
        if self.state.proxy.proxy_protocol && !self.read_proxy_header().await {
            return None;
        }
        let mut first = true;
        loop {
            let head = match self.read_head(first).await {
                Ok(Some(head)) => head,
                Ok(None) => return None,
                Err(e) => {
                    self.reject(e).await;
                    return None;
                }
            };
            first = false;
            let started = Instant::now();
            let mut reservation = BodyReservation::new(self.state.clone());
            let body = match self.read_body(&head, &mut reservation).await {
                Ok(body) => body,
                Err(ConnError::Reject(e)) => {
                    drop(reservation);
                    self.reject(e).await;
                    return None;
                }
                Err(ConnError::Closed) => return None,
            };
            // The exchange is driven from here rather than from one async
            // fn: what each step keeps is then all its future holds, and the
            // futures made (and moved) for every request stay small.
            let (exchange, req) = self.start_exchange(head, body, started);
            let handled = match &exchange.app {
                Some(app) => {
                    let ctx = RequestContext {
                        request_id: exchange.request_id,
                        core: self.state.core,
                    };
                    self.run_handler(app, req, ctx).await
                }
                None => Handled::Response(unrouted(&req)),
            };
            // The handler has taken the body (the app holds its own copy).
            drop(reservation);
            match self.finish_exchange(exchange, handled).await {
                Ok(Next::KeepAlive) => continue,
                Ok(Next::Upgrade(upgrade)) => return Some(upgrade),
                // The client may have sent more already (or, in a drain,
                // be sending it): closing with unread input would reset the
                // connection and could destroy the response on its way.
                Ok(Next::Close) if !self.inbuf.is_empty() || self.state.shutdown.is_fired() => {
                    self.linger_close().await;
                    return None;
                }
                Ok(Next::Close) => {
                    let _ = self.stream.shutdown().await;
                    return None;
                }
                Err(()) => return None,
            }
        }
    }

    /// Reads more bytes into `inbuf` until the entry's alarm. A drain that
    /// starts during a wait armed to wake on it ([`ConnEntry::wake_on_drain`])
    /// makes the wait end `DRAIN_GRACE` from then, and the connection is no
    /// longer idle; the read goes on, so nothing the client sent is lost to
    /// the drain. A read the alarm interrupts is dropped with what it was
    /// bringing: the connection is closed then.
    async fn read_more(&mut self) -> ReadOutcome {
        if self.eof {
            return ReadOutcome::Eof;
        }
        let buf = self
            .rbuf
            .take()
            .unwrap_or_else(|| Vec::with_capacity(READ_CHUNK));
        let woke = {
            let entry = &self.entry;
            let mut read = pin!(self.stream.read(buf));
            let mut alarm = pin!(entry.alarm());
            poll_fn(|cx| loop {
                if let Poll::Ready(done) = read.as_mut().poll(cx) {
                    return Poll::Ready(Ok(done));
                }
                match alarm.as_mut().poll(cx) {
                    Poll::Ready(Alarm::Draining) => {
                        entry.arm(Some(Instant::now() + DRAIN_GRACE), None);
                    }
                    Poll::Ready(alarm) => return Poll::Ready(Err(alarm)),
                    Poll::Pending => return Poll::Pending,
                }
            })
            .await
        };
        match woke {
            Ok((result, buf)) => self.take_read(result, buf),
            Err(alarm) => ReadOutcome::Alarm(alarm),
        }
    }

    /// Keeps what a finished read brought; a cancelled read brought nothing.
    fn take_read(&mut self, result: io::Result<usize>, mut buf: Vec<u8>) -> ReadOutcome {
        let outcome = match result {
            Ok(0) => {
                self.eof = true;
                ReadOutcome::Eof
            }
            Ok(n) => {
                self.inbuf.extend_from_slice(&buf[..n]);
                ReadOutcome::Data
            }
            Err(_) => ReadOutcome::Failed,
        };
        buf.clear();
        self.rbuf = Some(buf);
        outcome
    }

    /// Reads the PROXY protocol header that opens the connection, within
    /// the header timeout, and takes the peer's address from it. False
    /// (logged, unless the peer sent nothing) when the connection is to be
    /// closed.
    async fn read_proxy_header(&mut self) -> bool {
        let deadline = Instant::now() + self.state.limits.header_read_timeout;
        loop {
            match parse_proxy_header(&self.inbuf) {
                Ok(ProxyParsed::Complete(header)) => {
                    self.inbuf.drain(..header.used);
                    if let Some(source) = header.source {
                        self.peer = source;
                    }
                    return true;
                }
                Ok(ProxyParsed::Partial) => {}
                Err(error) => {
                    warn!(core = self.state.core, peer = %self.peer, %error, "closing a connection without a valid PROXY protocol header");
                    return false;
                }
            }
            // Not cut short by a drain: a proxy sends the header as it
            // connects, and the request behind it is to be answered.
            self.entry.arm(Some(deadline), None);
            match self.read_more().await {
                ReadOutcome::Data => {}
                // A connection that sent nothing is closed quietly, as
                // one without a request head is.
                ReadOutcome::Alarm(_) if !self.inbuf.is_empty() => {
                    warn!(core = self.state.core, peer = %self.peer, "closing a connection whose PROXY protocol header did not come within the header timeout");
                    return false;
                }
                ReadOutcome::Alarm(_) | ReadOutcome::Eof | ReadOutcome::Failed => return false,
            }
        }
    }

    /// Reads the next request head. `Ok(None)` means close quietly: the
    /// peer left, stayed idle too long, was closed to make room, or the
    /// core is draining and nothing came within the grace time.
    async fn read_head(&mut self, first: bool) -> Result<Option<RequestHead>, RequestError> {
        let limits = &self.state.limits;
        let (header_timeout, idle_timeout) = (limits.header_read_timeout, limits.idle_timeout);
        // A new connection gets the header timeout from accept; a kept-alive
        // one gets the idle timeout until its next request starts.
        let mut header_deadline = first.then(|| self.idle_from + header_timeout);
        let mut grace_deadline = None;
        loop {
            if !self.inbuf.is_empty() {
                match parse_head(&self.inbuf, &self.state.limits)? {
                    Parsed::Complete(head, used) => {
                        self.inbuf.drain(..used);
                        return Ok(Some(head));
                    }
                    // The header timeout runs from the head's first bytes.
                    Parsed::Partial => {
                        header_deadline.get_or_insert_with(|| Instant::now() + header_timeout);
                    }
                }
            }
            let nothing_received = self.inbuf.is_empty();
            let draining = self.state.shutdown.is_fired();
            let deadline = match (nothing_received && draining, header_deadline) {
                (true, _) => *grace_deadline.get_or_insert_with(|| Instant::now() + DRAIN_GRACE),
                (false, Some(deadline)) => deadline,
                (false, None) => self.idle_from + idle_timeout,
            };
            let idle = header_deadline.is_none() && !draining;
            self.entry
                .arm(Some(deadline), idle.then_some(self.idle_from));
            if nothing_received && !draining {
                self.entry.wake_on_drain();
            }
            match self.read_more().await {
                ReadOutcome::Data => {}
                ReadOutcome::Alarm(Alarm::Expired) if !self.inbuf.is_empty() => {
                    return Err(RequestError::Timeout)
                }
                _ => return Ok(None),
            }
        }
    }

    /// Reads the request body, holding its size in `reservation`.
    async fn read_body(
        &mut self,
        head: &RequestHead,
        reservation: &mut BodyReservation,
    ) -> Result<Vec<u8>, ConnError> {
        let max = self.state.limits.max_body_bytes;
        // From the start of the body (no clock read for a request without one).
        let body_timeout = self.state.limits.body_timeout;
        let start_deadline = || Instant::now() + body_timeout;
        match head.framing {
            BodyFraming::None => Ok(Vec::new()),
            BodyFraming::Length(n) => {
                // Checked before any 100 Continue, so a rejected client
                // never starts sending.
                let n = usize::try_from(n)
                    .ok()
                    .filter(|n| *n <= max)
                    .ok_or(RequestError::BodyTooLarge)?;
                if !reservation.hold(n) {
                    return Err(RequestError::BodyBudgetExhausted.into());
                }
                let deadline = start_deadline();
                if head.expect_continue && self.inbuf.len() < n {
                    self.write(CONTINUE.to_vec()).await?;
                }
                while self.inbuf.len() < n {
                    self.read_body_more(deadline).await?;
                }
                let rest = self.inbuf.split_off(n);
                Ok(std::mem::replace(&mut self.inbuf, rest))
            }
            BodyFraming::Chunked => {
                let deadline = start_deadline();
                let mut decoder = ChunkedDecoder::new(max);
                let mut body = Vec::new();
                let mut continue_sent = !head.expect_continue;
                loop {
                    let used = decoder
                        .feed(&self.inbuf, &mut body)
                        .map_err(RequestError::from)?;
                    self.inbuf.drain(..used);
                    if !reservation.hold(body.len()) {
                        return Err(RequestError::BodyBudgetExhausted.into());
                    }
                    if decoder.is_done() {
                        return Ok(body);
                    }
                    if !continue_sent {
                        self.write(CONTINUE.to_vec()).await?;
                        continue_sent = true;
                    }
                    self.read_body_more(deadline).await?;
                }
            }
        }
    }

    /// Reads more of a body that must be complete by `deadline`.
    async fn read_body_more(&mut self, deadline: Instant) -> Result<(), ConnError> {
        self.entry.arm(Some(deadline), None);
        match self.read_more().await {
            ReadOutcome::Data => Ok(()),
            ReadOutcome::Alarm(_) => Err(ConnError::Reject(RequestError::Timeout)),
            _ => Err(ConnError::Closed),
        }
    }

    /// Starts answering a request: gives it an id, routes it and counts it
    /// as started. Returns what the rest of the exchange needs, and the
    /// request for the handler.
    fn start_exchange(
        &mut self,
        head: RequestHead,
        body: Vec<u8>,
        started: Instant,
    ) -> (Exchange, HttpRequest) {
        let state = &self.state;
        let (route_host, route_path) = head.target.route();
        let exchange = Exchange {
            request_id: state.next_request_id(),
            method: head.method.clone(),
            target: head.target.clone(),
            app: state.handler.route(self.listener, route_host, route_path),
            is_head: head.is_head(),
            http11: head.http11,
            client_keep_alive: head.keep_alive,
            started,
        };
        let client_ip = (state.proxy.trusted_proxies).client_ip(self.peer.ip(), &head.headers);
        let req = HttpRequest {
            method: head.method,
            target: head.target,
            headers: head.headers,
            body,
            remote_addr: self.peer,
            client_ip,
            http11: head.http11,
        };
        state.request_started();
        self.request_deadline = state.limits.request_timeout.map(|limit| started + limit);
        (exchange, req)
    }

    /// Writes the response to a request the handler is done with, counts
    /// and logs the exchange; says what the connection does next.
    async fn finish_exchange(&mut self, exchange: Exchange, handled: Handled) -> Result<Next, ()> {
        let state = self.state.clone();
        let Exchange {
            request_id,
            method,
            target,
            app,
            is_head,
            http11,
            client_keep_alive,
            started,
        } = exchange;
        let resp = match handled {
            Handled::Response(resp) => Some(resp),
            Handled::TimedOut => {
                warn!(core = state.core, request_id = %request_id, "request deadline passed before the response; answering 504");
                state.metrics.borrow_mut().request_timed_out();
                Some(error_response(504))
            }
            Handled::ClientGone => {
                debug!(core = state.core, request_id = %request_id, "the client closed the connection; request cancelled");
                state.metrics.borrow_mut().request_client_closed();
                None
            }
        };
        let (status, written) = match resp {
            Some(mut resp) => {
                let status = resp.status;
                let upgrade = match std::mem::replace(&mut resp.body, ResponseBody::Empty) {
                    ResponseBody::WebSocket(upgrade) => Some(upgrade),
                    body => {
                        resp.body = body;
                        None
                    }
                };
                // During a drain the response says `connection: close`.
                let keep_alive = client_keep_alive && !state.shutdown.is_fired();
                let written = self
                    .write_response(resp, is_head, http11, keep_alive, &request_id)
                    .await;
                let next = match (written, upgrade) {
                    (Ok(_), Some(upgrade)) => Ok(Next::Upgrade(upgrade)),
                    (Ok(true), None) => Ok(Next::KeepAlive),
                    (Ok(false), None) => Ok(Next::Close),
                    (Err(()), _) => Err(()),
                };
                (status, next)
            }
            None => (CLIENT_CLOSED, Err(())),
        };
        self.request_deadline = None;
        let ended = Instant::now();
        self.idle_from = ended;
        let elapsed = ended.saturating_duration_since(started);
        let app = app.unwrap_or_else(AppLabel::unrouted);
        {
            state.request_finished();
            let mut m = state.metrics.borrow_mut();
            if status != CLIENT_CLOSED {
                m.record_request(&app, status, elapsed);
            }
        }
        state.access_log.write(&RequestLine {
            app: &app.name,
            request_id: &request_id,
            method: &method,
            path: target.path(),
            status,
            duration: elapsed,
            core: state.core,
            ended: state.wall_clock.at(ended),
        });
        written
    }

    /// Runs the handler until it answers, its deadline passes or the
    /// client leaves; either of the last two drops the handler's work,
    /// which aborts the app's `request.signal` and frees its slot.
    /// A panic in the handler becomes a 500 for this request only.
    async fn run_handler(
        &mut self,
        app: &AppLabel,
        req: HttpRequest,
        ctx: RequestContext,
    ) -> Handled {
        let state = self.state.clone();
        let request_id = ctx.request_id;
        let handling =
            std::panic::catch_unwind(AssertUnwindSafe(|| state.handler.handle(app, req, ctx)));
        match handling {
            // Most handlers answer at once: no future is polled, no
            // deadline armed and no read started.
            Ok(Handling::Ready(resp)) => {
                Handled::Response(checked_response(&state, &request_id, Some(resp)))
            }
            Err(_) => Handled::Response(checked_response(&state, &request_id, None)),
            Ok(Handling::Pending(pending)) => {
                let handler = pin!(AssertUnwindSafe(pending)
                    .catch_unwind()
                    .map(|resp| checked_response(&state, &request_id, resp.ok())));
                // Boxed: its read and alarm would otherwise enlarge the
                // future of every request, which is moved at each one.
                Box::pin(self.wait_for_handler(handler)).await
            }
        }
    }

    /// Waits for a handler that did not answer at once. While it runs, the
    /// socket is read: EOF or a reset means the client is gone, and bytes
    /// that arrive (pipelined requests) are kept for later.
    async fn wait_for_handler(
        &mut self,
        mut handler: Pin<&mut impl Future<Output = HttpResponse>>,
    ) -> Handled {
        self.entry.arm(self.request_deadline, None);
        let mut polled_before = false;
        loop {
            if self.eof || self.inbuf.len() >= PIPELINE_BUFFER {
                return match before_alarm(&self.entry, handler).await {
                    Some(resp) => Handled::Response(resp),
                    None => Handled::TimedOut,
                };
            }
            let buf = self
                .rbuf
                .take()
                .unwrap_or_else(|| Vec::with_capacity(READ_CHUNK));
            let (event, read) = {
                let handle = self.canceller.handle();
                let mut read = pin!(self.stream.cancelable_read(buf, handle));
                let mut alarm = pin!(self.entry.alarm());
                // After the first race, the handler was last polled beside
                // the read that brought this iteration, with nothing awaited
                // since: only a wake-up can have made it ready.
                let mut just_polled = std::mem::replace(&mut polled_before, true);
                let event = poll_fn(|cx| {
                    if !std::mem::take(&mut just_polled) {
                        if let Poll::Ready(resp) = handler.as_mut().poll(cx) {
                            return Poll::Ready(HandlerEvent::Done(resp));
                        }
                    }
                    if alarm.as_mut().poll(cx).is_ready() {
                        return Poll::Ready(HandlerEvent::Alarm);
                    }
                    match read.as_mut().poll(cx) {
                        Poll::Ready((result, buf)) => Poll::Ready(HandlerEvent::Read(result, buf)),
                        Poll::Pending => Poll::Pending,
                    }
                })
                .await;
                match event {
                    HandlerEvent::Read(result, buf) => (None, (result, buf)),
                    // The read may have brought bytes before the cancel
                    // took effect: wait for it, so none are lost.
                    stopped => {
                        self.canceller = std::mem::take(&mut self.canceller).cancel();
                        (Some(stopped), read.await)
                    }
                }
            };
            let (result, buf) = read;
            match (event, self.take_read(result, buf)) {
                (Some(HandlerEvent::Done(resp)), _) => return Handled::Response(resp),
                (Some(_), _) => return Handled::TimedOut,
                (None, ReadOutcome::Data) => {}
                (None, _) => return Handled::ClientGone,
            }
        }
    }

    async fn write_response(
        &mut self,
        mut resp: HttpResponse,
        is_head: bool,
        http11: bool,
        keep_alive: bool,
        request_id: &str,
    ) -> Result<bool, ()> {
        let mut out = self.wbuf.take().unwrap_or_else(|| Vec::with_capacity(512));
        let state = self.state.clone();
        // One clock read dates the response and starts its write timeout.
        let now = Instant::now();
        let plan = state.with_date(now, |date| {
            let params = HeadParams {
                is_head,
                http11,
                keep_alive,
                request_id,
                date,
            };
            encode_head(&resp, &params, &mut out)
        });
        let body = std::mem::replace(&mut resp.body, ResponseBody::Empty);
        match (plan.framing, body) {
            (Framing::Length(_), ResponseBody::Full(b)) => {
                if b.len() <= COALESCE_BODY {
                    out.extend_from_slice(&b);
                    self.write_at(out, now).await.map_err(drop)?;
                } else {
                    self.write_at(out, now).await.map_err(drop)?;
                    self.write(b).await.map_err(drop)?;
                }
            }
            // Streams are written by boxed futures: theirs are large, and
            // most responses are whole, so every request's future would
            // carry them otherwise.
            (Framing::Chunked, ResponseBody::Stream(stream)) => {
                Box::pin(self.write_chunked(out, stream, request_id)).await?;
            }
            (Framing::UntilClose, ResponseBody::Stream(stream)) => {
                Box::pin(self.write_until_close(out, stream)).await?;
            }
            // No body on the wire (HEAD, 204, 304, Empty); a stream is dropped unread.
            _ => self.write_at(out, now).await.map_err(drop)?,
        }
        Ok(!plan.close)
    }

    /// Writes the head in `out`, then `stream` in chunked framing.
    async fn write_chunked(
        &mut self,
        out: Vec<u8>,
        mut stream: LocalBoxStream<'static, Result<Vec<u8>, String>>,
        request_id: &str,
    ) -> Result<(), ()> {
        // What the stream has ready goes out in one vectored write:
        // the head with the first chunk, the last chunk with the end.
        // A chunk still being made never holds back what is ready.
        let mut parts = vec![out];
        let mut pending_bytes = 0;
        loop {
            let ready = if parts.is_empty() || pending_bytes >= COALESCE_BODY {
                None
            } else {
                ready_now(&mut stream).await
            };
            let item = match ready {
                Some(item) => item,
                None if parts.is_empty() => self.next_chunk(&mut stream).await?,
                None => {
                    self.write_parts(std::mem::take(&mut parts))
                        .await
                        .map_err(drop)?;
                    pending_bytes = 0;
                    continue;
                }
            };
            match item {
                None => break,
                Some(Ok(data)) if data.is_empty() => {}
                Some(Ok(data)) => {
                    pending_bytes += data.len();
                    parts.push(chunk_size_line(data.len()));
                    parts.push(data);
                    parts.push(CHUNK_END.to_vec());
                }
                Some(Err(e)) => {
                    warn!(core = self.state.core, request_id, error = %e, "response stream failed; aborting connection");
                    return Err(());
                }
            }
        }
        parts.push(LAST_CHUNK.to_vec());
        self.write_parts(parts).await.map_err(drop)?;
        Ok(())
    }

    /// Writes the head in `out`, then `stream` until it ends (HTTP/1.0:
    /// the connection's close ends the body).
    async fn write_until_close(
        &mut self,
        out: Vec<u8>,
        mut stream: LocalBoxStream<'static, Result<Vec<u8>, String>>,
    ) -> Result<(), ()> {
        self.write(out).await.map_err(drop)?;
        while let Some(item) = self.next_chunk(&mut stream).await? {
            match item {
                Ok(data) if data.is_empty() => {}
                Ok(data) => self.write(data).await.map_err(drop)?,
                Err(_) => return Err(()),
            }
        }
        Ok(())
    }

    /// The next chunk of a streamed response; `Err` when the request
    /// deadline passes first.
    async fn next_chunk(
        &mut self,
        stream: &mut LocalBoxStream<'static, Result<Vec<u8>, String>>,
    ) -> Result<Option<Result<Vec<u8>, String>>, ()> {
        self.entry.arm(self.request_deadline, None);
        match before_alarm(&self.entry, pin!(stream.next())).await {
            Some(item) => Ok(item),
            None => {
                warn!(
                    core = self.state.core,
                    "request deadline passed while streaming the response; closing"
                );
                Err(())
            }
        }
    }

    /// Gives the next write the write timeout (and no more than the
    /// request's deadline).
    fn arm_write(&self, now: Instant) {
        let limit = now + self.state.limits.write_timeout;
        let deadline = self.request_deadline.map_or(limit, |d| d.min(limit));
        self.entry.arm(Some(deadline), None);
    }

    /// Writes all of `buf` within the write timeout.
    async fn write(&mut self, buf: Vec<u8>) -> Result<(), ConnError> {
        self.write_at(buf, Instant::now()).await
    }

    /// [`Conn::write`] with the clock already read at `now`.
    async fn write_at(&mut self, buf: Vec<u8>, now: Instant) -> Result<(), ConnError> {
        self.arm_write(now);
        match before_alarm(&self.entry, pin!(self.stream.write_all(buf))).await {
            Some((Ok(_), mut written)) => {
                if written.capacity() <= REUSED_WRITE_BUFFER {
                    written.clear();
                    self.wbuf = Some(written);
                }
                Ok(())
            }
            _ => Err(ConnError::Closed),
        }
    }

    /// Writes `parts` in order with one vectored write where the socket
    /// takes it all, within the write timeout.
    async fn write_parts(&mut self, parts: Vec<Vec<u8>>) -> Result<(), ConnError> {
        self.arm_write(Instant::now());
        let write = pin!(self.stream.write_vectored_all(VecBuf::from(parts)));
        match before_alarm(&self.entry, write).await {
            Some((Ok(_), _)) => Ok(()),
            _ => Err(ConnError::Closed),
        }
    }

    /// Answers a request the server refuses, then closes.
    async fn reject(&mut self, e: RequestError) {
        let state = self.state.clone();
        let status = e.status();
        let request_id = state.next_request_id();
        let app = state.handler.listener_label(self.listener);
        state.metrics.borrow_mut().record_rejected(&app, status);
        info!(
            target: "nano::request",
            app = %app.name,
            request_id = %request_id,
            status,
            core = state.core,
            peer = %self.peer,
            reason = %e,
            "request rejected"
        );
        if self
            .write_response(error_response(status), false, true, false, &request_id)
            .await
            .is_ok()
        {
            self.linger_close().await;
        }
    }

    /// Half-closes, then discards what the client still sends for a while.
    async fn linger_close(&mut self) {
        let _ = self.stream.shutdown().await;
        self.entry.arm(Some(Instant::now() + LINGER_TIME), None);
        let mut discarded = 0;
        while discarded < LINGER_BYTES {
            self.inbuf.clear();
            match self.read_more().await {
                ReadOutcome::Data => discarded += self.inbuf.len(),
                ReadOutcome::Eof | ReadOutcome::Failed | ReadOutcome::Alarm(_) => break,
            }
        }
    }
}

/// Runs `work` until it is done (`Some`) or the entry's alarm is raised
/// (`None`; the caller drops `work`). `work` is pinned by the caller, so
/// its future is held once, in the caller's.
async fn before_alarm<F: Future>(entry: &ConnEntry, work: Pin<&mut F>) -> Option<F::Output> {
    match select(work, pin!(entry.alarm())).await {
        Either::Left((done, _)) => Some(done),
        Either::Right(_) => None,
    }
}

/// The stream's next item if it has one without waiting; `None` when it
/// would wait (its waker is then registered, as by any poll).
async fn ready_now<S: futures::Stream + Unpin>(stream: &mut S) -> Option<Option<S::Item>> {
    poll_fn(|cx| {
        Poll::Ready(match stream.poll_next_unpin(cx) {
            Poll::Ready(item) => Some(item),
            Poll::Pending => None,
        })
    })
    .await
}

/// The answer to a request no app is routed for: 404, naming what was asked.
fn unrouted(req: &HttpRequest) -> HttpResponse {
    let (host, path) = (req.target.host().unwrap_or(""), req.path());
    let mut body = String::with_capacity(32 + host.len() + path.len());
    body.push_str("No app is routed for ");
    body.push_str(host);
    body.push_str(path);
    body.push('\n');
    HttpResponse::text(404, body)
}

/// The handler's response, or a 500 in place of one that cannot end the
/// exchange, or of none when the handler panicked.
fn checked_response(
    state: &CoreState,
    request_id: &str,
    resp: Option<HttpResponse>,
) -> HttpResponse {
    match resp {
        // 1xx would not end the exchange, except 101 switching to a
        // WebSocket; anything outside 200..=999 cannot be written as a
        // status line.
        Some(r) if (200..=999).contains(&r.status) => r,
        Some(r) if r.status == 101 && matches!(r.body, ResponseBody::WebSocket(_)) => r,
        Some(r) => {
            warn!(core = state.core, request_id = %request_id, status = r.status, "handler returned an invalid status");
            error_response(500)
        }
        None => {
            warn!(core = state.core, request_id = %request_id, "handler panicked");
            error_response(500)
        }
    }
}
