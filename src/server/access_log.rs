//! The access log: one line per request, in the same shape as the rest of
//! the log (tracing's JSON or pretty lines), but formatted by hand straight
//! into the core's log buffer. It is written for every request, so it skips
//! `core::fmt`, the subscriber's field visitors and any allocation.

use std::cell::{Cell, RefCell};
use std::num::NonZeroU32;
use std::time::Duration;

use tracing::Level;

use super::date::civil_from_days;
use super::log_buffer::append_to_log;
use super::logging::LogFormat;

/// The log target of request lines (`RUST_LOG=nano::request=off` hides them).
const TARGET: &str = "nano::request";

/// Whether and how request lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessLog {
    Off,
    /// Lines shaped like the other log lines; `ansi` colours them as the
    /// pretty format does on a terminal. One request in `sample` is logged
    /// (counted per core), and every one answered with a 5xx status.
    On {
        format: LogFormat,
        ansi: bool,
        sample: NonZeroU32,
    },
}

thread_local! {
    /// Requests since the last one logged on this core, for sampling.
    static SINCE_LOGGED: Cell<u32> = const { Cell::new(0) };
    /// Whether the log's filter lets request lines through, asked once per
    /// core: the filter is set before the server starts and stays.
    static LINES_ENABLED: Cell<Option<bool>> = const { Cell::new(None) };
}

fn lines_enabled() -> bool {
    LINES_ENABLED.with(|enabled| match enabled.get() {
        Some(known) => known,
        None => {
            let known = tracing::enabled!(target: TARGET, Level::INFO);
            enabled.set(Some(known));
            known
        }
    })
}

/// Whether this request is the one in `sample` that is logged.
fn sampled(sample: NonZeroU32) -> bool {
    if sample.get() == 1 {
        return true;
    }
    SINCE_LOGGED.with(|since| {
        let next = (since.get() + 1) % sample.get();
        since.set(next);
        next == 0
    })
}

/// The fields of one request line.
pub(crate) struct RequestLine<'a> {
    pub app: &'a str,
    pub request_id: &'a str,
    pub method: &'a str,
    pub path: &'a str,
    pub status: u16,
    pub duration: Duration,
    pub core: usize,
    /// When the request ended, since the Unix epoch.
    pub ended: Duration,
}

impl AccessLog {
    /// Request lines in `format` for one request in `sample` and every
    /// 5xx, or none.
    pub fn new(enabled: bool, format: LogFormat, sample: NonZeroU32) -> AccessLog {
        if enabled {
            AccessLog::On {
                format,
                ansi: format == LogFormat::Pretty && super::logging::colours(),
                sample,
            }
        } else {
            AccessLog::Off
        }
    }

    pub(crate) fn write(&self, line: &RequestLine<'_>) {
        let AccessLog::On {
            format,
            ansi,
            sample,
        } = *self
        else {
            return;
        };
        if !(sampled(sample) || line.status >= 500) {
            return;
        }
        if !lines_enabled() {
            return;
        }
        append_to_log(|out| match format {
            LogFormat::Json => json_line(out, line),
            LogFormat::Pretty => pretty_line(out, line, ansi),
        });
    }
}

fn json_line(out: &mut Vec<u8>, line: &RequestLine<'_>) {
    out.extend_from_slice(b"{\"timestamp\":\"");
    timestamp(out, line.ended);
    out.extend_from_slice(b"\",\"level\":\"INFO\",\"fields\":{\"message\":\"request\",\"app\":\"");
    json_escaped(out, line.app);
    // A request id is hex and a dash, a method a token: nothing to escape.
    out.extend_from_slice(b"\",\"request_id\":\"");
    out.extend_from_slice(line.request_id.as_bytes());
    out.extend_from_slice(b"\",\"method\":\"");
    out.extend_from_slice(line.method.as_bytes());
    out.extend_from_slice(b"\",\"path\":\"");
    json_escaped(out, line.path);
    out.extend_from_slice(b"\",\"status\":");
    integer(out, u64::from(line.status));
    out.extend_from_slice(b",\"duration_ms\":");
    milliseconds(out, line.duration);
    out.extend_from_slice(b",\"core\":");
    integer(out, line.core as u64);
    out.extend_from_slice(b"},\"target\":\"");
    out.extend_from_slice(TARGET.as_bytes());
    out.extend_from_slice(b"\"}\n");
}

fn pretty_line(out: &mut Vec<u8>, line: &RequestLine<'_>, ansi: bool) {
    let style = |out: &mut Vec<u8>, code: &[u8]| {
        if ansi {
            out.extend_from_slice(code);
        }
    };
    const DIM: &[u8] = b"\x1b[2m";
    const GREEN: &[u8] = b"\x1b[32m";
    const ITALIC: &[u8] = b"\x1b[3m";
    const RESET: &[u8] = b"\x1b[0m";
    style(out, DIM);
    timestamp(out, line.ended);
    style(out, RESET);
    out.push(b' ');
    style(out, GREEN);
    out.extend_from_slice(b" INFO");
    style(out, RESET);
    out.push(b' ');
    style(out, DIM);
    out.extend_from_slice(TARGET.as_bytes());
    out.push(b':');
    style(out, RESET);
    out.extend_from_slice(b" request");
    let field = |out: &mut Vec<u8>, name: &[u8], value: &dyn Fn(&mut Vec<u8>)| {
        out.push(b' ');
        style(out, ITALIC);
        out.extend_from_slice(name);
        style(out, RESET);
        style(out, DIM);
        out.push(b'=');
        style(out, RESET);
        value(out);
    };
    field(out, b"app", &|out| {
        out.extend_from_slice(line.app.as_bytes())
    });
    field(out, b"request_id", &|out| {
        out.extend_from_slice(line.request_id.as_bytes())
    });
    field(out, b"method", &|out| {
        out.extend_from_slice(line.method.as_bytes())
    });
    field(out, b"path", &|out| {
        out.extend_from_slice(line.path.as_bytes())
    });
    field(out, b"status", &|out| integer(out, u64::from(line.status)));
    field(out, b"duration_ms", &|out| milliseconds(out, line.duration));
    field(out, b"core", &|out| integer(out, line.core as u64));
    out.push(b'\n');
}

/// Writes `now` (since the Unix epoch) in UTC as
/// `2006-01-02T15:04:05.000000Z`; the part up to the second is formatted
/// once per second on each thread.
fn timestamp(out: &mut Vec<u8>, now: Duration) {
    thread_local! {
        static SECOND: RefCell<(u64, [u8; 19])> = const { RefCell::new((u64::MAX, [0; 19])) };
    }
    let secs = now.as_secs();
    SECOND.with(|cached| {
        let mut cached = cached.borrow_mut();
        if cached.0 != secs {
            *cached = (secs, date_time(secs));
        }
        out.extend_from_slice(&cached.1);
    });
    out.push(b'.');
    padded(out, u64::from(now.subsec_micros()), 6);
    out.push(b'Z');
}

/// `2006-01-02T15:04:05` for seconds since the Unix epoch.
fn date_time(secs: u64) -> [u8; 19] {
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    let mut text = Vec::with_capacity(19);
    padded(&mut text, year.clamp(0, 9999) as u64, 4);
    text.push(b'-');
    padded(&mut text, u64::from(month), 2);
    text.push(b'-');
    padded(&mut text, u64::from(day), 2);
    text.push(b'T');
    padded(&mut text, rem / 3600, 2);
    text.push(b':');
    padded(&mut text, rem % 3600 / 60, 2);
    text.push(b':');
    padded(&mut text, rem % 60, 2);
    text.try_into().expect("19 bytes")
}

fn integer(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// `value` in decimal, left-padded with zeros to `width` digits.
fn padded(out: &mut Vec<u8>, value: u64, width: usize) {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(value).as_bytes();
    out.resize(out.len() + width.saturating_sub(digits.len()), b'0');
    out.extend_from_slice(digits);
}

/// A duration in milliseconds with microsecond precision (`12.345`).
fn milliseconds(out: &mut Vec<u8>, duration: Duration) {
    let micros = duration.as_micros().min(u128::from(u64::MAX)) as u64;
    integer(out, micros / 1000);
    out.push(b'.');
    padded(out, micros % 1000, 3);
}

/// The contents of a JSON string: quotes, backslashes and control
/// characters escaped.
fn json_escaped(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let plain = |byte: &u8| *byte >= 0x20 && *byte != 0x7f && *byte != b'"' && *byte != b'\\';
    if text.as_bytes().iter().all(plain) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    for &byte in text.as_bytes() {
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0..=0x1f | 0x7f => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xf)]);
            }
            _ => out.push(byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RequestLine<'static> {
        RequestLine {
            app: "shop",
            request_id: "0-0000002a",
            method: "GET",
            path: "/a\"b\\c",
            status: 200,
            duration: Duration::from_micros(12_345),
            core: 3,
            ended: Duration::from_micros(1_700_000_000_123_456),
        }
    }

    #[test]
    fn json_lines_parse_as_the_subscriber_would_write_them() {
        let mut out = Vec::new();
        json_line(&mut out, &sample());
        assert_eq!(out.last(), Some(&b'\n'));
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let fields = &value["fields"];
        assert_eq!(fields["message"], "request");
        assert_eq!(fields["app"], "shop");
        assert_eq!(fields["request_id"], "0-0000002a");
        assert_eq!(fields["path"], "/a\"b\\c");
        assert_eq!(fields["status"], 200);
        assert_eq!(fields["duration_ms"].as_f64(), Some(12.345));
        assert_eq!(fields["core"], 3);
        assert_eq!(value["level"], "INFO");
        assert_eq!(value["target"], TARGET);
        let stamp = value["timestamp"].as_str().unwrap();
        assert_eq!(stamp.len(), 27, "{stamp}");
        assert!(
            stamp.ends_with('Z') && stamp.as_bytes()[10] == b'T',
            "{stamp}"
        );
    }

    #[test]
    fn pretty_lines_name_every_field() {
        let mut out = Vec::new();
        pretty_line(&mut out, &sample(), false);
        let text = String::from_utf8(out).unwrap();
        let (_, rest) = text.split_once("  INFO nano::request: request ").unwrap();
        assert_eq!(
            rest,
            "app=shop request_id=0-0000002a method=GET path=/a\"b\\c status=200 duration_ms=12.345 core=3\n"
        );
    }

    #[test]
    fn one_request_in_n_is_sampled() {
        std::thread::spawn(|| {
            let every_third = NonZeroU32::new(3).unwrap();
            let picked: Vec<bool> = (0..7).map(|_| sampled(every_third)).collect();
            assert_eq!(
                picked,
                [false, false, true, false, false, true, false],
                "{picked:?}"
            );
            assert!((0..5).all(|_| sampled(NonZeroU32::MIN)));
        })
        .join()
        .unwrap();
    }

    #[test]
    fn dates_and_durations_are_formatted_exactly() {
        assert_eq!(&date_time(0), b"1970-01-01T00:00:00");
        assert_eq!(&date_time(1_700_000_000), b"2023-11-14T22:13:20");
        let mut out = Vec::new();
        milliseconds(&mut out, Duration::from_micros(7));
        assert_eq!(out, b"0.007");
        let mut out = Vec::new();
        json_escaped(&mut out, "a\u{1}\n");
        assert_eq!(out, b"a\\u0001\\n");
    }
}
