//! The id the server gives each request: the core's index, then the
//! core's request counter, in hex (`1-0000002a`); and each scheduled run
//! of an app (`cron-1-2a`). It is unique in the process and names the
//! request in the access log, in the response's `x-request-id` and in the
//! app's console output.

use std::fmt;
use std::ops::Deref;

/// What a scheduled run's id starts with.
const SCHEDULED_RUN_PREFIX: &[u8] = b"cron-";
/// The longest id: the prefix, two 64-bit numbers in hex and the dash.
const REQUEST_ID_MAX: usize = SCHEDULED_RUN_PREFIX.len() + 2 * 16 + 1;
/// Counter digits shown at least, so that ids of one core sort as text.
const SEQUENCE_MIN_DIGITS: usize = 8;

/// A request's or scheduled run's id, held inline: every request makes
/// one and hands copies to the log, the response and the isolate's
/// console, none of which allocates.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RequestId {
    text: [u8; REQUEST_ID_MAX],
    len: u8,
}

impl RequestId {
    /// The id of request number `sequence` on `core`.
    pub fn new(core: usize, sequence: u64) -> RequestId {
        RequestId::write(b"", core, sequence, SEQUENCE_MIN_DIGITS)
    }

    /// The id of scheduled run number `run` on `core`.
    pub fn scheduled_run(core: usize, run: u64) -> RequestId {
        RequestId::write(SCHEDULED_RUN_PREFIX, core, run, 1)
    }

    fn write(prefix: &[u8], core: usize, sequence: u64, min_digits: usize) -> RequestId {
        let mut text = [0u8; REQUEST_ID_MAX];
        text[..prefix.len()].copy_from_slice(prefix);
        let dash = put_hex(&mut text, prefix.len(), core as u64, 1);
        text[dash] = b'-';
        let end = put_hex(&mut text, dash + 1, sequence, min_digits);
        RequestId {
            text,
            len: u8::try_from(end).expect("an id is at most 38 bytes"),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.text[..usize::from(self.len)]).expect("hex digits are ASCII")
    }
}

impl Deref for RequestId {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Writes `value` in lowercase hex, zero-padded to at least `width` (at
/// most 16) digits, into `out` from `at`; returns where the digits end.
/// Made for every request, so without `format!`.
fn put_hex(out: &mut [u8], at: usize, value: u64, width: usize) -> usize {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    assert!(width <= 16, "a u64 has 16 hex digits");
    let digits = (16 - value.leading_zeros() as usize / 4).max(width);
    for (i, slot) in out[at..at + digits].iter_mut().enumerate() {
        let shift = 4 * (digits - 1 - i);
        *slot = DIGITS[((value >> shift) & 0xf) as usize];
    }
    at + digits
}

#[cfg(test)]
mod tests {
    use super::{put_hex, RequestId};

    #[test]
    fn hex_is_padded_like_format() {
        for (value, width) in [
            (0u64, 1),
            (0, 8),
            (0x2a, 8),
            (0xdead_beef_1234, 8),
            (u64::MAX, 1),
            (15, 1),
            (16, 1),
        ] {
            let mut out = [b'?'; 20];
            let end = put_hex(&mut out, 2, value, width);
            assert_eq!(out[..2], *b"??", "nothing before `at` is written");
            assert_eq!(&out[2..end], format!("{value:0width$x}").as_bytes());
        }
    }

    #[test]
    fn ids_name_the_core_then_the_sequence_or_run() {
        assert_eq!(RequestId::new(0, 1).as_str(), "0-00000001");
        assert_eq!(RequestId::new(26, 0x2a).to_string(), "1a-0000002a");
        assert_eq!(RequestId::scheduled_run(1, 0x2a).as_str(), "cron-1-2a");
        let longest = RequestId::scheduled_run(usize::MAX, u64::MAX);
        assert_eq!(&*longest, "cron-ffffffffffffffff-ffffffffffffffff");
        assert_eq!(format!("{longest:?}"), format!("{:?}", longest.as_str()));
    }
}
