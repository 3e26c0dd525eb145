//! The response `cache.match` gives for a stored one, as Workers' cache
//! answers: `If-None-Match` / `If-Modified-Since` that the stored `ETag` /
//! `Last-Modified` satisfy give 304, a `Range` gives 206 with its part (416
//! when no byte of it exists). Only a stored 200 is answered so; other
//! statuses come back as stored.

use super::policy::request_value;
use super::CachedResponse;

/// A byte range of a body of `len` bytes, from `Range: bytes=...`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteRange {
    /// First and last byte, inclusive.
    Part(u64, u64),
    Unsatisfiable,
}

/// The one range of a `Range` header, or None when the header is not one
/// this answers (malformed, another unit, several ranges): then the whole
/// body is sent, as RFC 9110 allows.
fn byte_range(value: &str, len: u64) -> Option<ByteRange> {
    let (unit, spec) = value.split_once('=')?;
    if !unit.trim().eq_ignore_ascii_case("bytes") || spec.contains(',') {
        return None;
    }
    let (first, last) = spec.trim().split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    let parse = |text: &str| -> Option<u64> {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    if first.is_empty() {
        let suffix = parse(last)?;
        if suffix == 0 || len == 0 {
            return Some(ByteRange::Unsatisfiable);
        }
        return Some(ByteRange::Part(len.saturating_sub(suffix), len - 1));
    }
    let first = parse(first)?;
    let last = if last.is_empty() {
        None
    } else {
        Some(parse(last)?)
    };
    if last.is_some_and(|last| last < first) {
        return None;
    }
    if first >= len {
        return Some(ByteRange::Unsatisfiable);
    }
    Some(ByteRange::Part(
        first,
        last.map_or(len - 1, |last| last.min(len - 1)),
    ))
}

/// Whether `If-None-Match: list` matches `etag` (weak comparison).
fn none_match(list: &str, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_string();
    let etag = opaque(etag);
    list.split(',')
        .any(|candidate| candidate.trim() == "*" || opaque(candidate) == etag)
}

/// Whether the request's validators say the client's copy is current.
fn not_modified(stored: &CachedResponse, request: &[(String, String)]) -> bool {
    if let Some(list) = request_value(request, "if-none-match") {
        return stored
            .header("etag")
            .is_some_and(|etag| none_match(&list, etag));
    }
    let Some(since) = request_value(request, "if-modified-since") else {
        return false;
    };
    let modified = stored
        .header("last-modified")
        .and_then(|value| httpdate::parse_http_date(value.trim()).ok());
    match (modified, httpdate::parse_http_date(since.trim())) {
        (Some(modified), Ok(since)) => modified <= since,
        _ => false,
    }
}

/// The response for `request` from `stored`, with `cf-cache-status: HIT`.
pub fn answer(stored: &CachedResponse, request: &[(String, String)]) -> CachedResponse {
    let mut response = if stored.status != 200 {
        stored.clone()
    } else if not_modified(stored, request) {
        stored.part(304, "Not Modified", None, Vec::new())
    } else {
        let len = stored.body.len() as u64;
        match request_value(request, "range").and_then(|range| byte_range(&range, len)) {
            None => stored.clone(),
            Some(ByteRange::Unsatisfiable) => stored.part(
                416,
                "Range Not Satisfiable",
                Some(format!("bytes */{len}")),
                Vec::new(),
            ),
            Some(ByteRange::Part(first, last)) => stored.part(
                206,
                "Partial Content",
                Some(format!("bytes {first}-{last}/{len}")),
                stored.body[first as usize..=last as usize].to_vec(),
            ),
        }
    };
    response
        .headers
        .push(("cf-cache-status".to_string(), "HIT".to_string()));
    response
}

impl CachedResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(found, _)| found.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// A response other than the stored one: its headers, less those
    /// describing the whole body, with `content-range` and the length of
    /// `body` when it has one.
    fn part(
        &self,
        status: u16,
        status_text: &str,
        content_range: Option<String>,
        body: Vec<u8>,
    ) -> CachedResponse {
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .filter(|(name, _)| {
                !name.eq_ignore_ascii_case("content-length")
                    && !name.eq_ignore_ascii_case("content-range")
            })
            .cloned()
            .collect();
        if let Some(range) = content_range {
            headers.push(("content-range".to_string(), range));
        }
        if status != 304 {
            headers.push(("content-length".to_string(), body.len().to_string()));
        }
        CachedResponse {
            status,
            status_text: status_text.to_string(),
            headers,
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::response;
    use super::*;

    fn stored(headers: &[(&str, &str)]) -> CachedResponse {
        response("0123456789", headers)
    }

    fn ask(response: &CachedResponse, request: &[(&str, &str)]) -> CachedResponse {
        let request: Vec<(String, String)> = request
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        answer(response, &request)
    }

    fn header<'r>(response: &'r CachedResponse, name: &str) -> Option<&'r str> {
        response.header(name)
    }

    #[test]
    fn ranges_give_their_part_or_416() {
        let r = stored(&[("content-length", "10")]);
        let part = ask(&r, &[("range", "bytes=2-4")]);
        assert_eq!((part.status, part.body.as_slice()), (206, &b"234"[..]));
        assert_eq!(header(&part, "content-range"), Some("bytes 2-4/10"));
        assert_eq!(header(&part, "content-length"), Some("3"));
        assert_eq!(ask(&r, &[("range", "bytes=7-")]).body, b"789");
        assert_eq!(ask(&r, &[("range", "bytes=-3")]).body, b"789");
        assert_eq!(ask(&r, &[("range", "bytes=-30")]).body, b"0123456789");
        assert_eq!(ask(&r, &[("range", "bytes=8-100")]).body, b"89");
        let none = ask(&r, &[("range", "bytes=10-")]);
        assert_eq!((none.status, none.body.len()), (416, 0));
        assert_eq!(header(&none, "content-range"), Some("bytes */10"));
        assert_eq!(ask(&r, &[("range", "bytes=-0")]).status, 416);
        for ignored in [
            "bytes=4-2",
            "bytes=0-1,3-4",
            "items=0-1",
            "bytes=x-1",
            "bytes",
        ] {
            let whole = ask(&r, &[("range", ignored)]);
            assert_eq!((whole.status, whole.body.len()), (200, 10), "{ignored}");
        }
        assert_eq!(header(&ask(&r, &[]), "cf-cache-status"), Some("HIT"));
    }

    #[test]
    fn validators_give_304() {
        let r = stored(&[
            ("etag", "\"v1\""),
            ("last-modified", "Wed, 21 Oct 2015 07:28:00 GMT"),
        ]);
        for list in ["\"v1\"", "W/\"v1\"", "\"x\", \"v1\"", "*"] {
            let answer = ask(&r, &[("if-none-match", list)]);
            assert_eq!((answer.status, answer.body.len()), (304, 0), "{list}");
            assert_eq!(header(&answer, "etag"), Some("\"v1\""));
        }
        assert_eq!(ask(&r, &[("if-none-match", "\"v2\"")]).status, 200);
        let since = |date| ask(&r, &[("if-modified-since", date)]).status;
        assert_eq!(since("Wed, 21 Oct 2015 07:28:00 GMT"), 304);
        assert_eq!(since("Thu, 22 Oct 2015 07:28:00 GMT"), 304);
        assert_eq!(since("Tue, 20 Oct 2015 07:28:00 GMT"), 200);
        assert_eq!(since("yesterday"), 200);
        assert_eq!(
            ask(
                &r,
                &[
                    ("if-none-match", "\"v2\""),
                    ("if-modified-since", "Thu, 22 Oct 2015 07:28:00 GMT")
                ]
            )
            .status,
            200,
            "If-None-Match wins over If-Modified-Since"
        );
    }

    #[test]
    fn other_statuses_come_back_as_stored() {
        let mut r = stored(&[("etag", "\"v1\"")]);
        r.status = 404;
        let answer = ask(&r, &[("if-none-match", "*"), ("range", "bytes=0-1")]);
        assert_eq!((answer.status, answer.body.len()), (404, 10));
    }
}
