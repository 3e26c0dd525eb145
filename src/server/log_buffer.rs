//! Per-thread buffering of log output.
//!
//! A core thread logs one line per request; writing each line straight to
//! stderr costs a system call per request (about a sixth of the throughput of
//! a small app). Core threads therefore collect their lines in a thread-local
//! buffer, handed off when it fills, on every control tick of the core (a
//! few milliseconds), and when the core stops. One writer thread writes the
//! handed-off buffers to stderr, so a core never waits on it: when stderr
//! takes nothing for a while (a stalled log reader, a full pipe), the queue
//! fills and further lines are dropped and counted, and requests go on
//! being served. Other threads write through.
//!
//! The writer sleeps until a core wakes it, without spinning first: a
//! blocking channel receive yields the CPU a few times before it sleeps, and
//! on a CPU shared with a busy core those yields keep the writer runnable,
//! so the scheduler keeps switching to it in the middle of the core's work.

use std::cell::RefCell;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::thread::Thread;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, TryRecvError, TrySendError};

/// Buffered bytes that trigger a hand-off. Each hand-off wakes the writer,
/// which on a shared CPU switches a core out and back: at 128 KiB a busy
/// core (200k lines a second) hands off a few hundred times a second.
const FLUSH_AT_BYTES: usize = 128 * 1024;
/// Room a buffer has past `FLUSH_AT_BYTES`, so that the line that crosses
/// it fits without growing (copying) the buffer; only a longer line does.
const LINE_ROOM: usize = 4 * 1024;
/// What a buffer is allocated with.
const BUFFER_BYTES: usize = FLUSH_AT_BYTES + LINE_ROOM;
/// Buffers queued for the writer (2 MiB at most); beyond them, lines are
/// dropped.
const QUEUED_BUFFERS: usize = 16;
/// The writer writes a buffer in pieces this large and yields the CPU
/// between them. On a CPU it shares with a busy core, a whole buffer is a
/// ~55 µs write (up to 240 µs) during which every request in flight on
/// that core waits; a piece keeps each wait to about a quarter of that.
/// hello, 13 interleaved rounds: p98 285 -> 262 µs, p99 390 -> 364 µs, CPU
/// per request unchanged. No yield after the last piece: a core that is
/// not busy hands off buffers smaller than a piece, and a yield for each
/// of them costs CPU for nothing.
const WRITE_PIECE_BYTES: usize = 32 * 1024;

thread_local! {
    static BUFFER: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

/// Lines dropped because the writer's queue was full.
static DROPPED_LINES: AtomicU64 = AtomicU64::new(0);

enum ToWriter {
    Lines(Vec<u8>),
    /// Answered once everything queued before it is written.
    Flushed(Sender<()>),
}

/// The writer thread and its queue.
struct Writer {
    queue: Sender<ToWriter>,
    thread: Thread,
}

impl Writer {
    /// Queues `message` unless the queue is full, and wakes the writer.
    fn offer(&self, message: ToWriter) -> Result<(), ToWriter> {
        let offered = self
            .queue
            .try_send(message)
            .map_err(|refused| match refused {
                TrySendError::Full(message) | TrySendError::Disconnected(message) => message,
            });
        self.thread.unpark();
        offered
    }
}

fn writer() -> &'static Writer {
    static WRITER: OnceLock<Writer> = OnceLock::new();
    WRITER.get_or_init(|| {
        let (queue, receiver) = crossbeam_channel::bounded(QUEUED_BUFFERS);
        let thread = crate::batch_thread::spawn("nano-log", move || write_queued(receiver))
            .expect("spawning the log writer thread")
            .thread()
            .clone();
        Writer { queue, thread }
    })
}

fn write_queued(queue: Receiver<ToWriter>) {
    let mut reported = 0;
    loop {
        let message = match queue.try_recv() {
            Ok(message) => message,
            // An unpark that came after the check makes park return at once.
            Err(TryRecvError::Empty) => {
                std::thread::park();
                continue;
            }
            Err(TryRecvError::Disconnected) => return,
        };
        match message {
            ToWriter::Lines(lines) => {
                let dropped = DROPPED_LINES.load(Ordering::Relaxed);
                if dropped > reported {
                    tracing::warn!(
                        dropped = dropped - reported,
                        "log lines dropped: stderr took none for a while"
                    );
                    reported = dropped;
                }
                for (index, piece) in lines.chunks(WRITE_PIECE_BYTES).enumerate() {
                    if index > 0 {
                        std::thread::yield_now();
                    }
                    write_to_stderr(piece);
                }
            }
            ToWriter::Flushed(done) => {
                let _ = done.send(());
            }
        }
    }
}

fn write_to_stderr(lines: &[u8]) {
    // Nowhere to report a failed log write.
    let _ = io::stderr().lock().write_all(lines);
}

/// Makes this thread's log lines buffered until `flush_thread_logs`, and
/// starts the writer if it is not running yet (so that the process's
/// threads are all there once the cores are).
pub fn buffer_thread_logs() {
    writer();
    BUFFER.with(|buffer| *buffer.borrow_mut() = Some(Vec::with_capacity(BUFFER_BYTES)));
}

/// Hands this thread's buffered log lines to the writer.
pub fn flush_thread_logs() {
    BUFFER.with(|buffer| {
        if let Some(lines) = buffer.borrow_mut().as_mut() {
            hand_off(lines);
        }
    });
}

/// Waits, at most `limit`, until the writer has written every buffer handed
/// off so far.
pub fn wait_for_log_writes(limit: Duration) {
    let deadline = Instant::now() + limit;
    let (done, written) = crossbeam_channel::bounded(1);
    let writer = writer();
    // A full queue empties as the writer works through it: it was woken
    // when the last of those buffers was queued.
    if writer
        .queue
        .send_deadline(ToWriter::Flushed(done), deadline)
        .is_ok()
    {
        writer.thread.unpark();
        let _ = written.recv_deadline(deadline);
    }
}

fn hand_off(lines: &mut Vec<u8>) {
    if lines.is_empty() {
        return;
    }
    let full = std::mem::replace(lines, Vec::with_capacity(BUFFER_BYTES));
    if let Err(refused) = writer().offer(ToWriter::Lines(full)) {
        let ToWriter::Lines(mut full) = refused else {
            unreachable!("only lines are handed off")
        };
        let count = full.iter().filter(|&&byte| byte == b'\n').count();
        DROPPED_LINES.fetch_add(count as u64, Ordering::Relaxed);
        // The dropped buffer's memory serves the next lines.
        full.clear();
        *lines = full;
    }
}

/// Appends one line written by `write_line` to this thread's buffer, or
/// writes it out at once on a thread that does not buffer.
pub fn append_to_log(write_line: impl FnOnce(&mut Vec<u8>)) {
    BUFFER.with(|buffer| match buffer.borrow_mut().as_mut() {
        Some(lines) => {
            write_line(lines);
            if lines.len() >= FLUSH_AT_BYTES {
                hand_off(lines);
            }
        }
        None => {
            let mut line = Vec::new();
            write_line(&mut line);
            write_to_stderr(&line);
        }
    });
}

/// The writer the log subscriber formats into, one event per `write`.
pub struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        append_to_log(|lines| lines.extend_from_slice(data));
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wait_for_a_flush_on_buffered_threads() {
        std::thread::spawn(|| {
            buffer_thread_logs();
            LogWriter.write_all(b"one line\n").unwrap();
            let held = BUFFER.with(|buffer| buffer.borrow().as_ref().map(Vec::len));
            assert_eq!(held, Some(9));
            flush_thread_logs();
            let held = BUFFER.with(|buffer| buffer.borrow().as_ref().map(Vec::len));
            assert_eq!(held, Some(0));
        })
        .join()
        .unwrap();
    }

    #[test]
    fn a_full_buffer_is_handed_off_at_once() {
        std::thread::spawn(|| {
            buffer_thread_logs();
            LogWriter.write_all(&vec![b'x'; FLUSH_AT_BYTES]).unwrap();
            let held = BUFFER.with(|buffer| buffer.borrow().as_ref().map(Vec::len));
            assert_eq!(held, Some(0));
        })
        .join()
        .unwrap();
    }
}
