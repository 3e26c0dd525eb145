//! The request header names most clients send, kept as V8 strings for the
//! life of an isolate, so handing a request to the app makes no new string
//! for them.

use std::cell::RefCell;

use crate::v8::{Global, Local, Scope, Value};

/// Lower-case, sorted (looked up by binary search).
const COMMON: &[&str] = &[
    "accept",
    "accept-encoding",
    "accept-language",
    "authorization",
    "cache-control",
    "cf-connecting-ip",
    "connection",
    "content-length",
    "content-type",
    "cookie",
    "host",
    "if-modified-since",
    "if-none-match",
    "origin",
    "referer",
    "upgrade-insecure-requests",
    "user-agent",
    "x-forwarded-for",
    "x-forwarded-proto",
    "x-real-ip",
    "x-request-id",
];

/// One isolate's strings for `COMMON`, made on first use.
pub struct HeaderNames {
    strings: RefCell<Vec<Option<Global<Value>>>>,
}

impl HeaderNames {
    pub fn new() -> HeaderNames {
        HeaderNames {
            strings: RefCell::new((0..COMMON.len()).map(|_| None).collect()),
        }
    }

    /// `name` (lower case, as the server parsed it) as a V8 string.
    pub fn get<'s>(&self, scope: &'s Scope<'_>, name: &str) -> Local<'s, Value> {
        let Ok(index) = COMMON.binary_search(&name) else {
            return scope.string(name);
        };
        let mut strings = self.strings.borrow_mut();
        match &strings[index] {
            Some(string) => string.get(scope),
            None => {
                let string = scope.string(name);
                strings[index] = Some(scope.global(string));
                string
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::COMMON;

    #[test]
    fn common_names_are_sorted_lower_case_and_distinct() {
        assert!(COMMON.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(COMMON
            .iter()
            .all(|name| !name.bytes().any(|b| b.is_ascii_uppercase())));
    }
}
