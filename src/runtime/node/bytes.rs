//! Node's `Buffer` encodings of bytes as ASCII text: hex and base64, with
//! Node's leniency (decoding skips what it cannot read instead of failing).
//! The encodings of one or two bytes per UTF-16 code unit (latin1, ascii,
//! utf16le) stay in JavaScript, which sees the code units themselves.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;

/// A `Buffer` encoding of bytes as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Hex,
    Base64,
    Base64Url,
}

impl Encoding {
    /// The encoding a normalised name (`buffer.js` lowercases and maps
    /// aliases) stands for.
    pub fn from_name(name: &str) -> Option<Encoding> {
        Some(match name {
            "hex" => Encoding::Hex,
            "base64" => Encoding::Base64,
            "base64url" => Encoding::Base64Url,
            _ => return None,
        })
    }
}

/// `buf.toString(encoding)`.
pub fn bytes_to_string(bytes: &[u8], encoding: Encoding) -> String {
    match encoding {
        Encoding::Hex => {
            const DIGITS: &[u8; 16] = b"0123456789abcdef";
            let mut out = String::with_capacity(bytes.len() * 2);
            for byte in bytes {
                out.push(char::from(DIGITS[usize::from(byte >> 4)]));
                out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
            }
            out
        }
        Encoding::Base64 => STANDARD.encode(bytes),
        Encoding::Base64Url => URL_SAFE_NO_PAD.encode(bytes),
    }
}

/// `Buffer.from(text, encoding)`.
pub fn string_to_bytes(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Hex => decode_hex(text.as_bytes()),
        Encoding::Base64 | Encoding::Base64Url => decode_base64(text.as_bytes()),
    }
}

/// Pairs of hex digits up to the first pair that is not one.
fn decode_hex(text: &[u8]) -> Vec<u8> {
    let digit = |c: u8| char::from(c).to_digit(16).map(|d| d as u8);
    text.chunks_exact(2)
        .map_while(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?))
        .collect()
}

/// Either base64 alphabet, up to the first `=`; other characters (white
/// space, line breaks) are skipped.
fn decode_base64(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut bits = 0u32;
    let mut count = 0;
    for &c in text {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        bits = bits << 6 | u32::from(value);
        count += 1;
        if count == 4 {
            out.extend_from_slice(&bits.to_be_bytes()[1..]);
            bits = 0;
            count = 0;
        }
    }
    match count {
        2 => out.push((bits >> 4) as u8),
        3 => out.extend_from_slice(&((bits >> 2) as u16).to_be_bytes()),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_stops_at_the_first_bad_pair() {
        assert_eq!(string_to_bytes("00ff7Az1", Encoding::Hex), [0, 255, 0x7a]);
        assert_eq!(string_to_bytes("abc", Encoding::Hex), [0xab]);
        assert_eq!(bytes_to_string(&[0, 255, 0x7a], Encoding::Hex), "00ff7a");
    }

    #[test]
    fn base64_reads_both_alphabets_and_skips_white_space() {
        assert_eq!(string_to_bytes("aGVs\nbG8=", Encoding::Base64), b"hello");
        assert_eq!(string_to_bytes("-_8", Encoding::Base64), [0xfb, 0xff]);
        assert_eq!(string_to_bytes("/w", Encoding::Base64Url), [0xff]);
        assert_eq!(bytes_to_string(&[0xfb, 0xff], Encoding::Base64), "+/8=");
        assert_eq!(bytes_to_string(&[0xfb, 0xff], Encoding::Base64Url), "-_8");
    }
}
