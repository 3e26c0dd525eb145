//! HTTP/1.1 pieces shared by the server and outbound `fetch`.

mod chunked;
mod request_headers;
mod request_id;
pub mod websocket;

use std::borrow::Cow;

pub use chunked::{ChunkedDecoder, ChunkedError};
pub use request_headers::RequestHeaders;
pub use request_id::RequestId;

/// A response header's name or value: borrowed when it is a common text
/// (see `runtime::ops::respond`), so most responses allocate none.
pub type HeaderText = Cow<'static, str>;

/// Bytes that may appear in a token (RFC 9110 §5.6.2): a method or a
/// header name.
const TOKEN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte as u8,
            b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z');
        byte += 1;
    }
    table
};

/// Whether `bytes` is a token (RFC 9110 §5.6.2): not empty, and token
/// bytes only.
pub fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&byte| TOKEN_BYTES[usize::from(byte)])
}

/// The path part of a request target (before `?`). Most targets are a few
/// bytes long: a plain scan beats a searcher's set-up.
pub fn target_path(target: &str) -> &str {
    match target.bytes().position(|byte| byte == b'?') {
        Some(query) => &target[..query],
        None => target,
    }
}

/// RFC 9110's methods: nearly every request has one of them.
const STANDARD_METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE",
];

/// A request's method, as its own text: shared rather than copied when it
/// is a standard one, so that cloning it for the log allocates nothing.
pub fn method_name(method: &str) -> Cow<'static, str> {
    match STANDARD_METHODS
        .iter()
        .find(|standard| **standard == method)
    {
        Some(standard) => Cow::Borrowed(standard),
        None => Cow::Owned(method.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{is_token, method_name, target_path};

    #[test]
    fn a_target_s_path_ends_at_its_query() {
        assert_eq!(target_path("/a/b?c=d?e"), "/a/b");
        assert_eq!(target_path("/a/b"), "/a/b");
        assert_eq!(target_path("?x"), "");
        assert_eq!(target_path("/é?ü"), "/é");
    }

    #[test]
    fn tokens_are_the_rfc_9110_bytes_and_never_empty() {
        assert!(is_token(b"content-type"));
        assert!(is_token(b"X-Custom_1!#$%&'*+.^`|~"));
        assert!(!is_token(b""));
        for bad in [
            &b"a b"[..],
            b"a:b",
            b"a\r",
            b"(x)",
            b"\xe9",
            b"a\"b",
            b"a/b",
        ] {
            assert!(!is_token(bad), "{bad:?}");
        }
    }

    #[test]
    fn standard_methods_are_shared_and_others_kept_as_sent() {
        assert!(matches!(method_name("GET"), Cow::Borrowed("GET")));
        assert!(matches!(method_name("PATCH"), Cow::Borrowed("PATCH")));
        // Methods are case-sensitive (RFC 9110 §9.1): `get` is another one.
        assert!(matches!(method_name("get"), Cow::Owned(ref m) if m == "get"));
        assert!(matches!(method_name("PURGE"), Cow::Owned(ref m) if m == "PURGE"));
    }
}
