//! Per-thread buffering of log output.
//!
//! A core thread logs one line per request; writing each line straight to
//! stderr costs a system call per request (about a sixth of the throughput of
//! a small app). Core threads therefore collect their lines in a thread-local
//! buffer, written out when it fills and on every control tick of the core
//! (a few milliseconds), and when the core stops. Other threads write through.

use std::cell::RefCell;
use std::io::{self, Write};

/// Buffered bytes that trigger an immediate write.
const FLUSH_AT_BYTES: usize = 32 * 1024;

thread_local! {
    static BUFFER: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
}

/// Makes this thread's log lines buffered until `flush_thread_logs`.
pub fn buffer_thread_logs() {
    BUFFER.with(|buffer| *buffer.borrow_mut() = Some(Vec::with_capacity(FLUSH_AT_BYTES)));
}

/// Writes out this thread's buffered log lines.
pub fn flush_thread_logs() {
    BUFFER.with(|buffer| {
        if let Some(lines) = buffer.borrow_mut().as_mut() {
            write_out(lines);
        }
    });
}

fn write_out(lines: &mut Vec<u8>) {
    if !lines.is_empty() {
        // Nowhere to report a failed log write.
        let _ = io::stderr().lock().write_all(lines);
        lines.clear();
    }
}

/// Appends one line written by `write_line` to this thread's buffer, or
/// writes it out at once on a thread that does not buffer.
pub fn append_to_log(write_line: impl FnOnce(&mut Vec<u8>)) {
    BUFFER.with(|buffer| match buffer.borrow_mut().as_mut() {
        Some(lines) => {
            write_line(lines);
            if lines.len() >= FLUSH_AT_BYTES {
                write_out(lines);
            }
        }
        None => {
            let mut line = Vec::new();
            write_line(&mut line);
            write_out(&mut line);
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
    fn a_full_buffer_is_written_at_once() {
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
