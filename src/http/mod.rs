//! HTTP/1.1 pieces shared by the server and outbound `fetch`.

mod chunked;
mod request_headers;
pub mod websocket;

use std::borrow::Cow;

pub use chunked::{ChunkedDecoder, ChunkedError};
pub use request_headers::RequestHeaders;

/// A response header's name or value: borrowed when it is a common text
/// (see `runtime::ops::respond`), so most responses allocate none.
pub type HeaderText = Cow<'static, str>;

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

    use super::method_name;

    #[test]
    fn standard_methods_are_shared_and_others_kept_as_sent() {
        assert!(matches!(method_name("GET"), Cow::Borrowed("GET")));
        assert!(matches!(method_name("PATCH"), Cow::Borrowed("PATCH")));
        // Methods are case-sensitive (RFC 9110 §9.1): `get` is another one.
        assert!(matches!(method_name("get"), Cow::Owned(ref m) if m == "get"));
        assert!(matches!(method_name("PURGE"), Cow::Owned(ref m) if m == "PURGE"));
    }
}
