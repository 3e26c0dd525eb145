//! Route patterns (`host/path`, as Workers routes are written) and the
//! table that maps a request's Host and path to the most specific route.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// One route: a host pattern and a path pattern, e.g. `*.example.com/api/*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    pub host: HostPattern,
    pub path: PathPattern,
}

/// The host half of a route, lowercased, without a trailing dot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HostPattern {
    /// `example.com`: that host only.
    Exact(String),
    /// `*.example.com`: strict subdomains of `example.com`, not itself.
    Subdomains(String),
    /// `*example.com`: `example.com` and its subdomains.
    ApexAndSubdomains(String),
    /// `*`: any host.
    Any,
}

/// The path half of a route, which starts with `/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathPattern {
    /// `/about`: that path only.
    Exact(String),
    /// `/shop/*`: every path that starts with `/shop/` (held without the `*`).
    Prefix(String),
}

impl FromStr for Route {
    type Err = String;

    fn from_str(text: &str) -> Result<Route, String> {
        if text.contains(['?', '#']) {
            return Err("a route has no query or fragment (? or #)".into());
        }
        let without_scheme = ["https://", "http://"]
            .iter()
            .find_map(|scheme| strip_prefix_ignore_case(text, scheme))
            .unwrap_or(text);
        let Some(slash) = without_scheme.find('/') else {
            return Err("a route is host/path, e.g. example.com/*".into());
        };
        let (host, path) = without_scheme.split_at(slash);
        if host.is_empty() {
            return Err("a route is host/path, e.g. example.com/* (the host is missing)".into());
        }
        Ok(Route {
            host: host.parse()?,
            path: path.parse()?,
        })
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

impl FromStr for HostPattern {
    type Err = String;

    fn from_str(text: &str) -> Result<HostPattern, String> {
        let host = text.to_ascii_lowercase();
        if host == "*" {
            return Ok(HostPattern::Any);
        }
        let (pattern, name): (fn(String) -> HostPattern, &str) =
            if let Some(name) = host.strip_prefix("*.") {
                (HostPattern::Subdomains, name)
            } else if let Some(name) = host.strip_prefix('*') {
                (HostPattern::ApexAndSubdomains, name)
            } else {
                (HostPattern::Exact, &host)
            };
        let name = name.strip_suffix('.').unwrap_or(name);
        if name.contains('*') {
            return Err(format!(
                "\"{text}\": a * in the host is allowed only as the whole host or at its start (*.example.com or *example.com)"
            ));
        }
        if !is_host_name(name) {
            return Err(format!(
                "\"{text}\" is not a host name (letters, digits, - and _ in labels joined by dots)"
            ));
        }
        Ok(pattern(name.to_string()))
    }
}

/// Whether `name` is dot-separated non-empty labels of `[a-z0-9_-]`
/// (IPv4 addresses included).
fn is_host_name(name: &str) -> bool {
    name.split('.').all(|label| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    })
}

impl FromStr for PathPattern {
    type Err = String;

    fn from_str(path: &str) -> Result<PathPattern, String> {
        match path.strip_suffix('*') {
            _ if !path.starts_with('/') => Err(format!("the path \"{path}\" must start with /")),
            Some(prefix) if !prefix.contains('*') => Ok(PathPattern::Prefix(prefix.to_string())),
            None if !path.contains('*') => Ok(PathPattern::Exact(path.to_string())),
            _ => Err(format!(
                "\"{path}\": a * in the path is allowed only as its last character"
            )),
        }
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.host, self.path)
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostPattern::Exact(name) => f.write_str(name),
            HostPattern::Subdomains(name) => write!(f, "*.{name}"),
            HostPattern::ApexAndSubdomains(name) => write!(f, "*{name}"),
            HostPattern::Any => f.write_str("*"),
        }
    }
}

impl fmt::Display for PathPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathPattern::Exact(path) => f.write_str(path),
            PathPattern::Prefix(prefix) => write!(f, "{prefix}*"),
        }
    }
}

/// Routes to values (apps), looked up per request by Host and path.
///
/// The most specific host pattern that matches wins: the exact host, then
/// wildcards by the length of the name they end in (`*.x.com` before
/// `*x.com` when both end in `x.com`), then `*`. Under one host pattern the
/// exact path wins over prefixes, and a longer prefix over a shorter; when
/// none of its paths match, the next less specific host pattern is tried.
pub struct RouteTable<T> {
    exact: HashMap<String, Paths<T>>,
    /// By the name after the `*.` or `*`.
    wildcards: HashMap<String, Wildcards<T>>,
    any: Option<Paths<T>>,
}

/// The two wildcard patterns that end in the same name.
struct Wildcards<T> {
    subdomains: Option<Paths<T>>,
    apex_and_subdomains: Option<Paths<T>>,
}

/// The path patterns under one host pattern.
struct Paths<T> {
    exact: HashMap<String, T>,
    /// Longest first, so the first that matches is the most specific.
    prefixes: Vec<(String, T)>,
}

impl<T> RouteTable<T> {
    /// Builds the table; of two equal routes the first is kept.
    pub fn new(routes: impl IntoIterator<Item = (Route, T)>) -> Self {
        let mut table = RouteTable {
            exact: HashMap::new(),
            wildcards: HashMap::new(),
            any: None,
        };
        for (route, value) in routes {
            table.paths_of(route.host).insert(route.path, value);
        }
        table
    }

    fn paths_of(&mut self, host: HostPattern) -> &mut Paths<T> {
        match host {
            HostPattern::Exact(name) => self.exact.entry(name).or_insert_with(Paths::new),
            HostPattern::Subdomains(name) => self
                .wildcards
                .entry(name)
                .or_insert_with(Wildcards::new)
                .subdomains
                .get_or_insert_with(Paths::new),
            HostPattern::ApexAndSubdomains(name) => self
                .wildcards
                .entry(name)
                .or_insert_with(Wildcards::new)
                .apex_and_subdomains
                .get_or_insert_with(Paths::new),
            HostPattern::Any => self.any.get_or_insert_with(Paths::new),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.wildcards.is_empty() && self.any.is_none()
    }

    /// The value of the most specific route for a request. `host` is the
    /// Host header as sent (a port, upper case and a trailing dot are
    /// ignored); `path` is the request target (a query is ignored).
    pub fn lookup(&self, host: &str, path: &str) -> Option<&T> {
        let path = crate::http::target_path(path);
        // Without host patterns (one app, or apps told apart by path) the
        // Host header cannot change the answer: no need to read it.
        if self.exact.is_empty() && self.wildcards.is_empty() {
            return self.any.as_ref().and_then(|paths| paths.lookup(path));
        }
        let host = host_name(host);
        if host.bytes().any(|b| b.is_ascii_uppercase()) {
            self.lookup_lowercase(&host.to_ascii_lowercase(), path)
        } else {
            self.lookup_lowercase(host, path)
        }
    }

    fn lookup_lowercase(&self, host: &str, path: &str) -> Option<&T> {
        let wildcard = |name: &str| get_if_any(&self.wildcards, name);
        let apex = wildcard(host).and_then(|w| w.apex_and_subdomains.as_ref());
        let parents = (!self.wildcards.is_empty())
            .then(|| {
                parent_names(host)
                    .filter_map(wildcard)
                    .flat_map(|w| [&w.subdomains, &w.apex_and_subdomains])
                    .flatten()
            })
            .into_iter()
            .flatten();
        get_if_any(&self.exact, host)
            .into_iter()
            .chain(apex)
            .chain(parents)
            .chain(&self.any)
            .find_map(|paths| paths.lookup(path))
    }
}

/// `map[key]`, without hashing the key when the map is empty (the usual
/// case for most of a table's maps: one app has only a catch-all route).
fn get_if_any<'a, V>(map: &'a HashMap<String, V>, key: &str) -> Option<&'a V> {
    if map.is_empty() {
        None
    } else {
        map.get(key)
    }
}

/// The host name of a Host header value: without its port or trailing dot.
fn host_name(header: &str) -> &str {
    let name = match header.strip_prefix('[') {
        Some(rest) => rest.find(']').map_or(header, |end| &header[..end + 2]),
        None => header.split_once(':').map_or(header, |(name, _)| name),
    };
    name.strip_suffix('.').unwrap_or(name)
}

/// The names `host` is a strict subdomain of, longest first:
/// `a.b.com` gives `b.com`, `com`.
fn parent_names(host: &str) -> impl Iterator<Item = &str> {
    host.match_indices('.').map(|(dot, _)| &host[dot + 1..])
}

impl<T> Wildcards<T> {
    fn new() -> Self {
        Wildcards {
            subdomains: None,
            apex_and_subdomains: None,
        }
    }
}

impl<T> Paths<T> {
    fn new() -> Self {
        Paths {
            exact: HashMap::new(),
            prefixes: Vec::new(),
        }
    }

    fn insert(&mut self, path: PathPattern, value: T) {
        match path {
            PathPattern::Exact(path) => {
                self.exact.entry(path).or_insert(value);
            }
            PathPattern::Prefix(prefix) => {
                if !self.prefixes.iter().any(|(known, _)| *known == prefix) {
                    let at = self
                        .prefixes
                        .partition_point(|(known, _)| known.len() >= prefix.len());
                    self.prefixes.insert(at, (prefix, value));
                }
            }
        }
    }

    fn lookup(&self, path: &str) -> Option<&T> {
        get_if_any(&self.exact, path).or_else(|| {
            self.prefixes
                .iter()
                .find(|(prefix, _)| path.starts_with(prefix.as_str()))
                .map(|(_, value)| value)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(text: &str) -> Route {
        text.parse()
            .unwrap_or_else(|reason| panic!("{text}: {reason}"))
    }

    fn exact(host: &str, path: &str) -> Route {
        Route {
            host: HostPattern::Exact(host.into()),
            path: PathPattern::Exact(path.into()),
        }
    }

    #[test]
    fn parses_the_forms_workers_routes_take() {
        let prefix = |host: HostPattern, path: &str| Route {
            host,
            path: PathPattern::Prefix(path.into()),
        };
        let cases = [
            ("example.com/about", exact("example.com", "/about")),
            ("Example.COM./", exact("example.com", "/")),
            ("https://example.com/A", exact("example.com", "/A")),
            ("http://127.0.0.1/", exact("127.0.0.1", "/")),
            (
                "example.com/*",
                prefix(HostPattern::Exact("example.com".into()), "/"),
            ),
            (
                "*.Example.com/api/*",
                prefix(HostPattern::Subdomains("example.com".into()), "/api/"),
            ),
            (
                "*example.com/shop*",
                prefix(
                    HostPattern::ApexAndSubdomains("example.com".into()),
                    "/shop",
                ),
            ),
            ("*/*", prefix(HostPattern::Any, "/")),
        ];
        for (text, expected) in cases {
            assert_eq!(route(text), expected, "{text}");
        }
    }

    #[test]
    fn display_gives_back_the_pattern() {
        for text in [
            "example.com/a",
            "*.example.com/api/*",
            "*example.com/*",
            "*/x",
        ] {
            assert_eq!(route(text).to_string(), text);
        }
        assert_eq!(route("HTTPS://Example.com./*").to_string(), "example.com/*");
    }

    #[test]
    fn refuses_malformed_routes() {
        let cases = [
            ("example.com", "host/path"),
            ("/about", "host is missing"),
            ("", "host/path"),
            ("ex*ample.com/", "only as the whole host or at its start"),
            ("*.*.example.com/", "only as the whole host or at its start"),
            ("example.*/", "only as the whole host or at its start"),
            ("*./", "not a host name"),
            ("example..com/", "not a host name"),
            ("example.com:8080/", "not a host name"),
            ("exam ple.com/", "not a host name"),
            ("example.com/a*b", "only as its last character"),
            ("example.com/**", "only as its last character"),
            ("example.com/a?b=1", "no query"),
            ("example.com/#top", "no query or fragment"),
        ];
        for (text, words) in cases {
            match text.parse::<Route>() {
                Ok(route) => panic!("{text} was taken as {route:?}"),
                Err(reason) => assert!(reason.contains(words), "{text}: {reason}"),
            }
        }
    }

    fn table(routes: &[(&str, &'static str)]) -> RouteTable<&'static str> {
        RouteTable::new(routes.iter().map(|(text, app)| (route(text), *app)))
    }

    #[test]
    fn the_exact_host_wins_over_wildcards_and_any() {
        let table = table(&[
            ("*/*", "any"),
            ("*example.com/*", "apex-and-subdomains"),
            ("*.example.com/*", "subdomains"),
            ("www.example.com/*", "exact"),
        ]);
        assert_eq!(table.lookup("www.example.com", "/"), Some(&"exact"));
        assert_eq!(table.lookup("shop.example.com", "/"), Some(&"subdomains"));
        assert_eq!(
            table.lookup("example.com", "/"),
            Some(&"apex-and-subdomains")
        );
        assert_eq!(table.lookup("example.org", "/"), Some(&"any"));
    }

    #[test]
    fn a_wildcard_on_a_longer_name_wins() {
        let table = table(&[
            ("*.example.com/*", "short"),
            ("*.eu.example.com/*", "long"),
            ("*shop.eu.example.com/*", "apex"),
        ]);
        assert_eq!(table.lookup("a.b.eu.example.com", "/"), Some(&"long"));
        assert_eq!(table.lookup("a.example.com", "/"), Some(&"short"));
        assert_eq!(table.lookup("eu.example.com", "/"), Some(&"short"));
        assert_eq!(table.lookup("shop.eu.example.com", "/"), Some(&"apex"));
        assert_eq!(table.lookup("x.shop.eu.example.com", "/"), Some(&"apex"));
    }

    #[test]
    fn subdomain_wildcards_leave_out_the_apex() {
        let table = table(&[("*.x.com/*", "subdomains")]);
        assert_eq!(table.lookup("x.com", "/"), None);
        assert_eq!(table.lookup("a.x.com", "/"), Some(&"subdomains"));
        assert_eq!(table.lookup("ax.com", "/"), None);
        let table = self::table(&[("*x.com/*", "both")]);
        assert_eq!(table.lookup("x.com", "/"), Some(&"both"));
        assert_eq!(table.lookup("a.b.x.com", "/"), Some(&"both"));
        assert_eq!(table.lookup("ax.com", "/"), None);
    }

    #[test]
    fn the_exact_path_then_the_longest_prefix_wins() {
        let table = table(&[
            ("example.com/*", "root"),
            ("example.com/shop/*", "shop"),
            ("example.com/shop/cart/*", "cart"),
            ("example.com/shop/cart/checkout", "checkout"),
        ]);
        assert_eq!(table.lookup("example.com", "/"), Some(&"root"));
        assert_eq!(table.lookup("example.com", "/shop"), Some(&"root"));
        assert_eq!(table.lookup("example.com", "/shop/"), Some(&"shop"));
        assert_eq!(table.lookup("example.com", "/shop/cart/x"), Some(&"cart"));
        assert_eq!(
            table.lookup("example.com", "/shop/cart/checkout"),
            Some(&"checkout")
        );
        assert_eq!(
            table.lookup("example.com", "/shop/cart/checkout/x"),
            Some(&"cart")
        );
    }

    #[test]
    fn an_unmatched_path_falls_back_to_a_less_specific_host() {
        let table = table(&[
            ("example.com/shop/*", "a"),
            ("*example.com/*", "b"),
            ("*/admin", "c"),
        ]);
        assert_eq!(table.lookup("example.com", "/shop/x"), Some(&"a"));
        assert_eq!(table.lookup("example.com", "/other"), Some(&"b"));
        assert_eq!(table.lookup("example.org", "/admin"), Some(&"c"));
        assert_eq!(table.lookup("example.org", "/other"), None);
    }

    #[test]
    fn the_port_case_trailing_dot_and_query_are_ignored() {
        let table = table(&[("example.com/a", "a"), ("*/b", "any")]);
        for host in [
            "example.com",
            "example.com:8080",
            "EXAMPLE.Com",
            "example.com.",
            "Example.com.:80",
        ] {
            assert_eq!(table.lookup(host, "/a"), Some(&"a"), "{host}");
        }
        assert_eq!(table.lookup("example.com", "/a?b=1"), Some(&"a"));
        assert_eq!(table.lookup("example.com", "/A"), None);
        assert_eq!(table.lookup("example.com", "/a/"), None);
        assert_eq!(table.lookup("[::1]:8080", "/b"), Some(&"any"));
        assert_eq!(host_name("[::1]:8080"), "[::1]");
    }

    #[test]
    fn without_host_patterns_only_the_path_counts() {
        let table = table(&[("*/*", "site"), ("*/api/*", "api"), ("*/health", "health")]);
        for host in [
            "example.com",
            "EXAMPLE.com:8080",
            "[::1]:80",
            "",
            "not a host",
        ] {
            assert_eq!(table.lookup(host, "/api/users?x=1"), Some(&"api"), "{host}");
            assert_eq!(table.lookup(host, "/health"), Some(&"health"), "{host}");
            assert_eq!(table.lookup(host, "/health/x"), Some(&"site"), "{host}");
        }
        let only_api = self::table(&[("*/api/*", "api")]);
        assert_eq!(only_api.lookup("example.com", "/api/x"), Some(&"api"));
        assert_eq!(only_api.lookup("example.com", "/other"), None);
    }

    #[test]
    fn an_empty_table_matches_nothing() {
        let table = RouteTable::<()>::new([]);
        assert!(table.is_empty());
        assert_eq!(table.lookup("example.com", "/"), None);
        assert!(!self::table(&[("*/*", "any")]).is_empty());
    }
}
