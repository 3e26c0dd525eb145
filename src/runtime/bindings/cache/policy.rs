//! What `cache.put` stores and for how long, from the response's headers,
//! as Workers' cache reads them: `Cache-Control` (`no-store`, `no-cache`,
//! `private`, `s-maxage`, `max-age`), then `Expires`, then Cloudflare's
//! default edge TTL of the status; a `Set-Cookie` keeps a response out
//! unless `private=Set-Cookie` names it (the header is then not stored).

use std::time::{Duration, SystemTime};

/// Cloudflare's edge TTL for a response without `s-maxage`, `max-age` or
/// `Expires`; statuses not listed are not cached.
fn default_ttl(status: u16) -> Option<Duration> {
    let minutes = match status {
        200 | 206 | 301 => 120,
        302 | 303 => 20,
        404 | 410 => 3,
        _ => return None,
    };
    Some(Duration::from_secs(minutes * 60))
}

/// Why a response was not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotStored {
    /// `no-store`, `no-cache` or `private` without field names.
    Forbidden,
    /// `Set-Cookie` that `private=Set-Cookie` does not exclude.
    SetCookie,
    /// A lifetime of 0 (or an `Expires` in the past, or a status with no
    /// default lifetime).
    Expired,
}

/// A response fit to store: its headers as stored and its lifetime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storable {
    pub headers: Vec<(String, String)>,
    pub ttl: Duration,
}

/// The directives of the `Cache-Control` headers that decide storing.
#[derive(Debug, Default, PartialEq, Eq)]
struct Directives {
    no_store: bool,
    no_cache: bool,
    /// `private` without field names.
    private: bool,
    /// Lowercased field names of `private="a, b"`: not stored.
    private_fields: Vec<String>,
    s_maxage: Option<Seconds>,
    max_age: Option<Seconds>,
}

/// A delta-seconds value; a malformed one counts as 0, as RFC 9111 asks.
type Seconds = u64;

fn parse_seconds(value: Option<&str>) -> Seconds {
    value.and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// Splits `list` at commas outside double quotes.
fn split_outside_quotes(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (at, c) in list.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&list[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts
}

fn directives(headers: &[(String, String)]) -> Directives {
    let mut found = Directives::default();
    let values = headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("cache-control"));
    for (_, value) in values {
        for directive in split_outside_quotes(value) {
            let (name, argument) = match directive.split_once('=') {
                Some((name, argument)) => (name, Some(argument.trim().trim_matches('"'))),
                None => (directive, None),
            };
            match name.trim().to_ascii_lowercase().as_str() {
                "no-store" => found.no_store = true,
                "no-cache" => found.no_cache = true,
                "private" => match argument {
                    Some(fields) => found.private_fields.extend(
                        fields
                            .split(',')
                            .map(|field| field.trim().to_ascii_lowercase())
                            .filter(|field| !field.is_empty()),
                    ),
                    None => found.private = true,
                },
                "s-maxage" => found.s_maxage = Some(parse_seconds(argument)),
                "max-age" => found.max_age = Some(parse_seconds(argument)),
                _ => {}
            }
        }
    }
    found
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(found, _)| found.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// The lifetime `Expires` gives, counted from the response's `Date` (or
/// `now`); an unreadable `Expires` is in the past.
fn expires_ttl(headers: &[(String, String)], now: SystemTime) -> Option<Duration> {
    let expires = header(headers, "expires")?;
    let Ok(expires) = httpdate::parse_http_date(expires.trim()) else {
        return Some(Duration::ZERO);
    };
    let date = header(headers, "date")
        .and_then(|date| httpdate::parse_http_date(date.trim()).ok())
        .unwrap_or(now);
    Some(expires.duration_since(date).unwrap_or(Duration::ZERO))
}

/// Whether a response with `status` and `headers`, put at `now`, is
/// stored, and if so with which headers and for how long.
pub fn storable(
    status: u16,
    headers: &[(String, String)],
    now: SystemTime,
) -> Result<Storable, NotStored> {
    let cc = directives(headers);
    if cc.no_store || cc.no_cache || cc.private {
        return Err(NotStored::Forbidden);
    }
    let kept: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| {
            !cc.private_fields
                .iter()
                .any(|field| name.eq_ignore_ascii_case(field))
        })
        .cloned()
        .collect();
    if header(&kept, "set-cookie").is_some() {
        return Err(NotStored::SetCookie);
    }
    let ttl = match cc.s_maxage.or(cc.max_age) {
        Some(seconds) => Duration::from_secs(seconds),
        None => expires_ttl(headers, now)
            .or_else(|| default_ttl(status))
            .unwrap_or(Duration::ZERO),
    };
    if ttl.is_zero() {
        return Err(NotStored::Expired);
    }
    Ok(Storable { headers: kept, ttl })
}

/// The lowercased header names a response's `Vary` lists.
pub fn vary_names(headers: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("vary"))
        .flat_map(|(_, value)| value.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The value of request header `name` (lowercase), its repeats joined as
/// `Headers.get` joins them.
pub fn request_value(headers: &[(String, String)], name: &str) -> Option<String> {
    let mut values = headers
        .iter()
        .filter(|(found, _)| found.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str());
    let first = values.next()?;
    Some(values.fold(first.to_string(), |mut joined, value| {
        joined.push_str(", ");
        joined.push_str(value);
        joined
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn ttl(status: u16, pairs: &[(&str, &str)]) -> Result<u64, NotStored> {
        storable(status, &h(pairs), SystemTime::UNIX_EPOCH).map(|s| s.ttl.as_secs())
    }

    #[test]
    fn s_maxage_then_max_age_then_expires_then_the_status_default() {
        assert_eq!(
            ttl(200, &[("cache-control", "max-age=60, s-maxage=5")]),
            Ok(5)
        );
        assert_eq!(ttl(200, &[("Cache-Control", "public, max-age=60")]), Ok(60));
        let expires = [
            ("expires", "Thu, 01 Jan 1970 00:01:40 GMT"),
            ("date", "Thu, 01 Jan 1970 00:00:40 GMT"),
        ];
        assert_eq!(ttl(200, &expires), Ok(60));
        assert_eq!(
            ttl(200, &[("expires", "Thu, 01 Jan 1970 00:00:30 GMT")]),
            Ok(30),
            "without Date, from now"
        );
        assert_eq!(ttl(200, &[]), Ok(7200));
        assert_eq!(ttl(302, &[]), Ok(1200));
        assert_eq!(ttl(404, &[]), Ok(180));
        assert_eq!(ttl(500, &[]), Err(NotStored::Expired));
        assert_eq!(ttl(500, &[("cache-control", "max-age=9")]), Ok(9));
    }

    #[test]
    fn zero_malformed_or_past_lifetimes_are_not_stored() {
        assert_eq!(
            ttl(200, &[("cache-control", "max-age=0")]),
            Err(NotStored::Expired)
        );
        assert_eq!(
            ttl(200, &[("cache-control", "max-age=soon")]),
            Err(NotStored::Expired)
        );
        assert_eq!(ttl(200, &[("expires", "0")]), Err(NotStored::Expired));
        let past = [
            ("expires", "Thu, 01 Jan 1970 00:00:10 GMT"),
            ("date", "Thu, 01 Jan 1970 00:00:40 GMT"),
        ];
        assert_eq!(ttl(200, &past), Err(NotStored::Expired));
    }

    #[test]
    fn no_store_no_cache_and_private_keep_a_response_out() {
        for value in [
            "no-store",
            "No-Cache",
            "private",
            "public, max-age=60, private",
        ] {
            assert_eq!(
                ttl(200, &[("cache-control", value)]),
                Err(NotStored::Forbidden),
                "{value}"
            );
        }
    }

    #[test]
    fn set_cookie_is_stored_only_without_the_header_when_private_names_it() {
        assert_eq!(
            ttl(
                200,
                &[("set-cookie", "a=1"), ("cache-control", "max-age=5")]
            ),
            Err(NotStored::SetCookie)
        );
        let stored = storable(
            200,
            &h(&[
                ("Set-Cookie", "a=1"),
                (
                    "cache-control",
                    "private=\"Set-Cookie, X-Secret\", max-age=5",
                ),
                ("x-secret", "s"),
                ("content-type", "text/plain"),
            ]),
            SystemTime::UNIX_EPOCH,
        )
        .unwrap();
        assert_eq!(stored.ttl, Duration::from_secs(5));
        let names: Vec<&str> = stored.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["cache-control", "content-type"]);
    }

    #[test]
    fn vary_lists_names_once_in_lowercase() {
        let headers = h(&[("vary", "Accept-Encoding, X-Lang"), ("Vary", "x-lang,")]);
        assert_eq!(vary_names(&headers), ["accept-encoding", "x-lang"]);
        let request = h(&[("x-lang", "en"), ("accept", "a"), ("X-Lang", "fr")]);
        assert_eq!(request_value(&request, "x-lang").as_deref(), Some("en, fr"));
        assert_eq!(request_value(&request, "accept-encoding"), None);
    }
}
