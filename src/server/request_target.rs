//! A request's target, its `Host` and the URL the app sees, kept in one
//! text: a request allocates one string for the three, and what keeps the
//! target for the access log shares it.

use std::rc::Rc;

use crate::http::target_path;

const SCHEME: &str = "http://";
/// The URL's host when the request names none (HTTP/1.0 without `Host`).
const DEFAULT_HOST: &str = "localhost";

/// Where one part lies in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn at(start: usize, len: usize) -> Span {
        let offset = |at: usize| u32::try_from(at).expect("a request head is under 4 GiB");
        Span {
            start: offset(start),
            end: offset(start + len),
        }
    }

    fn of(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }
}

#[derive(Debug, Clone)]
pub struct RequestTarget {
    /// Laid out by the target's form, with each part in it once:
    /// origin-form (nearly every request): `http://` host target, the
    /// whole of it the URL; absolute-form: target then host, the target
    /// the URL; any other: `http://` host `/` target.
    text: Rc<str>,
    url: Span,
    target: Span,
    host: Option<Span>,
}

impl RequestTarget {
    /// `target` as the request line has it, `host` the `Host` header's value.
    pub fn new(target: &str, host: Option<&str>) -> RequestTarget {
        // Origin-form (`/path?query`) is nearly every request: no scheme to look for.
        let origin_form = target.starts_with('/');
        if !origin_form && is_absolute_http(target) {
            let text = joined(&[target, host.unwrap_or_default()]);
            return RequestTarget {
                url: Span::at(0, target.len()),
                target: Span::at(0, target.len()),
                host: host.map(|host| Span::at(target.len(), host.len())),
                text,
            };
        }
        // `OPTIONS *` and other forms without a path get `/`.
        let url_host = host.unwrap_or(DEFAULT_HOST);
        let path = if origin_form { "" } else { "/" };
        let text = joined(&[SCHEME, url_host, path, target]);
        let target_start = text.len() - target.len();
        let url_end = if origin_form {
            text.len()
        } else {
            target_start
        };
        RequestTarget {
            url: Span::at(0, url_end),
            target: Span::at(target_start, target.len()),
            host: host.map(|_| Span::at(SCHEME.len(), url_host.len())),
            text,
        }
    }

    /// The target exactly as the request line has it.
    pub fn target(&self) -> &str {
        self.target.of(&self.text)
    }

    /// The `Host` header's value, if the request has one.
    pub fn host(&self) -> Option<&str> {
        self.host.map(|host| host.of(&self.text))
    }

    /// The target's path (before `?`), as the log shows it.
    pub fn path(&self) -> &str {
        target_path(self.target())
    }

    /// The host and path the request is routed by: those of an
    /// absolute-form target (`GET http://host/path`), which wins over
    /// `Host` as RFC 9112 says, else `Host` and the target's path.
    pub fn route(&self) -> (Option<&str>, &str) {
        let path = self.path();
        if path.starts_with('/') {
            return (self.host(), path);
        }
        match path.split_once("://") {
            Some((_, rest)) => match rest.find('/') {
                Some(slash) => (Some(&rest[..slash]), &rest[slash..]),
                None => (Some(rest), "/"),
            },
            None => (self.host(), "/"),
        }
    }

    /// The URL the app sees: an absolute-form target as sent, else the
    /// origin from `Host` (or `localhost`) followed by the origin-form
    /// target.
    pub fn url(&self) -> &str {
        self.url.of(&self.text)
    }

    /// The URL as a shared string: the text itself for an origin-form
    /// target, a copy for the rare others.
    pub fn shared_url(&self) -> Rc<str> {
        if self.url == Span::at(0, self.text.len()) {
            self.text.clone()
        } else {
            self.url().into()
        }
    }
}

/// Texts a request's target fits in, nearly always: joined on the stack,
/// they make the shared string in one allocation rather than two.
const JOINED_ON_STACK: usize = 512;

/// `parts` one after the other, as a shared string.
fn joined(parts: &[&str]) -> Rc<str> {
    let len: usize = parts.iter().map(|part| part.len()).sum();
    if len > JOINED_ON_STACK {
        return parts.concat().into();
    }
    let mut stack = [0u8; JOINED_ON_STACK];
    let mut end = 0;
    for part in parts {
        stack[end..end + part.len()].copy_from_slice(part.as_bytes());
        end += part.len();
    }
    Rc::from(std::str::from_utf8(&stack[..end]).expect("joined from whole strings"))
}

/// Whether `target` is an absolute `http` or `https` URL.
fn is_absolute_http(target: &str) -> bool {
    target.split_once("://").is_some_and(|(scheme, _)| {
        scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
    })
}

#[cfg(test)]
mod tests {
    use super::RequestTarget;

    #[test]
    fn builds_the_url_the_app_sees() {
        for (host, target, url) in [
            (
                Some("example.com:8080"),
                "/a?b=1",
                "http://example.com:8080/a?b=1",
            ),
            (None, "/", "http://localhost/"),
            (Some("h"), "http://other.test/x?y", "http://other.test/x?y"),
            (Some("h"), "HTTPS://other.test/", "HTTPS://other.test/"),
            (Some("h"), "/go?to=http://x/", "http://h/go?to=http://x/"),
            (Some("h"), "*", "http://h/"),
            (None, "ftp://other.test/", "http://localhost/"),
        ] {
            let parts = RequestTarget::new(target, host);
            assert_eq!(parts.url(), url, "{target}");
            assert_eq!(&*parts.shared_url(), url, "{target}");
            assert_eq!(parts.target(), target);
            assert_eq!(parts.host(), host, "{target}");
        }
    }

    #[test]
    fn absolute_form_gives_its_own_host_and_path() {
        for (host, target, routed) in [
            (Some("h"), "/a", (Some("h"), "/a")),
            (Some("h"), "http://x.test/a/b", (Some("x.test"), "/a/b")),
            (None, "https://x.test", (Some("x.test"), "/")),
            (Some("h"), "*", (Some("h"), "/")),
        ] {
            assert_eq!(RequestTarget::new(target, host).route(), routed, "{target}");
        }
    }

    #[test]
    fn long_targets_are_joined_too() {
        let target = format!("/{}", "a".repeat(super::JOINED_ON_STACK));
        let parts = RequestTarget::new(&target, Some("h"));
        assert_eq!(parts.url(), format!("http://h{target}"));
        assert_eq!(parts.target(), target);
    }

    #[test]
    fn an_origin_form_url_is_shared_not_copied() {
        let parts = RequestTarget::new("/a", Some("h"));
        assert!(std::rc::Rc::ptr_eq(
            &parts.shared_url(),
            &parts.shared_url()
        ));
    }
}
