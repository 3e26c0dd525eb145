//! The Workers Cache API's store (`caches.default`, `caches.open(name)`;
//! JavaScript face in `js/59_cache.js`): one per app per core, in memory,
//! holding at most `max_bytes`, the least recently used entries evicted
//! first. An entry is never returned past its lifetime.
//!
//! Entries are keyed by cache name and URL; a response with `Vary` may
//! have one entry per combination of the varied request headers.

mod policy;
mod serve;

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::time::{Instant, SystemTime};

use hashlink::LinkedHashMap;

pub use policy::NotStored;

/// The bytes a store may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheLimits {
    /// All entries of the app on one core; beyond it the least recently
    /// used are evicted.
    pub max_bytes: usize,
    /// One entry (body, headers and URL); a larger response is not stored.
    pub max_entry_bytes: usize,
}

impl Default for CacheLimits {
    fn default() -> Self {
        CacheLimits {
            max_bytes: 64 * 1024 * 1024,
            max_entry_bytes: 8 * 1024 * 1024,
        }
    }
}

/// A response as stored, or as `match` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedResponse {
    pub status: u16,
    pub status_text: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What `put` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    Stored,
    NotStored(NotStored),
    /// Larger than `max_entry_bytes`.
    TooLarge,
}

/// Bytes counted for an entry beyond its body, headers and URL.
const ENTRY_OVERHEAD: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    /// None for `caches.default`.
    cache: Option<String>,
    url: String,
}

struct Entry {
    key: Key,
    /// The varied request headers (lowercase) and the values the request
    /// that put the entry had.
    vary: Vec<(String, Option<String>)>,
    response: CachedResponse,
    expires: Instant,
    size: usize,
}

impl Entry {
    fn varies_with(&self, request: &[(String, String)]) -> bool {
        self.vary
            .iter()
            .all(|(name, value)| policy::request_value(request, name) == *value)
    }
}

/// Hits and misses of `match` since the store was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheCounts {
    pub hits: u64,
    pub misses: u64,
}

#[derive(Default)]
struct Store {
    limits: CacheLimits,
    used: usize,
    next_id: u64,
    /// Least recently used first.
    entries: LinkedHashMap<u64, Entry>,
    by_key: HashMap<Key, Vec<u64>>,
    /// Soonest expiry first.
    expiries: BTreeSet<(Instant, u64)>,
    counts: CacheCounts,
}

/// One app's caches on one core. Not `Send`: it lives on its core.
#[derive(Default)]
pub struct CacheStore {
    store: RefCell<Store>,
}

/// The key URL: a fragment is not part of it.
fn key(cache: Option<&str>, url: &str) -> Key {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    Key {
        cache: cache.map(str::to_string),
        url: url.to_string(),
    }
}

impl CacheStore {
    pub fn new(limits: CacheLimits) -> CacheStore {
        CacheStore {
            store: RefCell::new(Store {
                limits,
                ..Store::default()
            }),
        }
    }

    pub fn limits(&self) -> CacheLimits {
        self.store.borrow().limits
    }

    /// Takes new limits (an app reloaded with other settings), evicting
    /// what the new byte limit does not hold.
    pub fn set_limits(&self, limits: CacheLimits) {
        let mut store = self.store.borrow_mut();
        store.limits = limits;
        store.make_room(0, Instant::now());
    }

    pub fn counts(&self) -> CacheCounts {
        self.store.borrow().counts
    }

    /// Bytes held now.
    pub fn used_bytes(&self) -> usize {
        self.store.borrow().used
    }

    /// Stores `response` for a GET of `url` with `request` headers in
    /// cache `cache` (None: the default one), replacing the entries the request would match, if its
    /// headers allow (see `policy`).
    pub fn put(
        &self,
        cache: Option<&str>,
        url: &str,
        request: &[(String, String)],
        response: CachedResponse,
    ) -> PutOutcome {
        let storable = match policy::storable(response.status, &response.headers, SystemTime::now())
        {
            Ok(storable) => storable,
            Err(reason) => return PutOutcome::NotStored(reason),
        };
        let key = key(cache, url);
        let vary: Vec<(String, Option<String>)> = policy::vary_names(&storable.headers)
            .into_iter()
            .map(|name| {
                let value = policy::request_value(request, &name);
                (name, value)
            })
            .collect();
        let header_bytes: usize = storable
            .headers
            .iter()
            .map(|(name, value)| name.len() + value.len())
            .chain(
                vary.iter()
                    .map(|(name, value)| name.len() + value.as_ref().map_or(0, String::len)),
            )
            .sum();
        let size = ENTRY_OVERHEAD
            + key.url.len()
            + key.cache.as_ref().map_or(0, String::len)
            + response.body.len()
            + header_bytes;
        let mut store = self.store.borrow_mut();
        if size > store.limits.max_entry_bytes || size > store.limits.max_bytes {
            return PutOutcome::TooLarge;
        }
        let now = Instant::now();
        let replaced: Vec<u64> = store
            .ids(&key)
            .filter(|id| store.entries[id].varies_with(request))
            .collect();
        for id in replaced {
            store.remove(id);
        }
        store.make_room(size, now);
        let id = store.next_id;
        store.next_id += 1;
        let expires = now + storable.ttl;
        store.by_key.entry(key.clone()).or_default().push(id);
        store.expiries.insert((expires, id));
        store.used += size;
        store.entries.insert(
            id,
            Entry {
                key,
                vary,
                response: CachedResponse {
                    headers: storable.headers,
                    ..response
                },
                expires,
                size,
            },
        );
        PutOutcome::Stored
    }

    /// The response stored for `url` whose varied headers `request` has,
    /// answered for `request` (range, conditional); None on a miss.
    pub fn lookup(
        &self,
        cache: Option<&str>,
        url: &str,
        request: &[(String, String)],
    ) -> Option<CachedResponse> {
        let mut store = self.store.borrow_mut();
        let store = &mut *store;
        let now = Instant::now();
        store.drop_expired(now);
        let key = key(cache, url);
        let found = store
            .ids(&key)
            .find(|id| store.entries[id].varies_with(request));
        let Some(id) = found else {
            store.counts.misses += 1;
            return None;
        };
        store.counts.hits += 1;
        let entry = store.entries.to_back(&id).expect("indexed entries exist");
        Some(serve::answer(&entry.response, request))
    }

    /// Removes every entry for `url` in `cache`; says whether there was one.
    pub fn delete(&self, cache: Option<&str>, url: &str) -> bool {
        let mut store = self.store.borrow_mut();
        store.drop_expired(Instant::now());
        let ids: Vec<u64> = store.ids(&key(cache, url)).collect();
        for id in &ids {
            store.remove(*id);
        }
        !ids.is_empty()
    }
}

impl Store {
    fn ids(&self, key: &Key) -> impl Iterator<Item = u64> + '_ {
        self.by_key.get(key).into_iter().flatten().copied()
    }

    fn remove(&mut self, id: u64) {
        let Some(entry) = self.entries.remove(&id) else {
            return;
        };
        self.used -= entry.size;
        self.expiries.remove(&(entry.expires, id));
        if let Some(ids) = self.by_key.get_mut(&entry.key) {
            ids.retain(|other| *other != id);
            if ids.is_empty() {
                self.by_key.remove(&entry.key);
            }
        }
    }

    /// Removes the entries whose lifetime has ended by `now`.
    fn drop_expired(&mut self, now: Instant) {
        while let Some(&(expires, id)) = self.expiries.first() {
            if expires > now {
                break;
            }
            self.remove(id);
        }
    }

    /// Frees room for `size` more bytes: expired entries first, then the
    /// least recently used.
    fn make_room(&mut self, size: usize, now: Instant) {
        self.drop_expired(now);
        while self.used + size > self.limits.max_bytes {
            let Some((&id, _)) = self.entries.front() else {
                break;
            };
            self.remove(id);
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::time::Duration;

    use super::*;

    pub(in crate::runtime::bindings::cache) fn response(
        body: &str,
        headers: &[(&str, &str)],
    ) -> CachedResponse {
        CachedResponse {
            status: 200,
            status_text: "OK".into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn request(headers: &[(&str, &str)]) -> Vec<(String, String)> {
        headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    fn body(store: &CacheStore, url: &str, headers: &[(&str, &str)]) -> Option<String> {
        store
            .lookup(None, url, &request(headers))
            .map(|r| String::from_utf8(r.body).unwrap())
    }

    #[test]
    fn put_then_match_then_delete() {
        let store = CacheStore::default();
        assert_eq!(body(&store, "http://a/x", &[]), None);
        let outcome = store.put(None, "http://a/x", &[], response("one", &[]));
        assert_eq!(outcome, PutOutcome::Stored);
        assert_eq!(body(&store, "http://a/x#frag", &[]).as_deref(), Some("one"));
        assert_eq!(body(&store, "http://a/y", &[]), None);
        assert_eq!(
            store.lookup(Some("other"), "http://a/x", &[]),
            None,
            "caches are separate"
        );
        assert_eq!(store.counts(), CacheCounts { hits: 1, misses: 3 });
        store.put(None, "http://a/x", &[], response("two", &[]));
        assert_eq!(body(&store, "http://a/x", &[]).as_deref(), Some("two"));
        assert!(store.delete(None, "http://a/x"));
        assert!(!store.delete(None, "http://a/x"));
        assert_eq!(store.used_bytes(), 0);
    }

    #[test]
    fn entries_vary_with_the_request_headers_the_response_names() {
        let store = CacheStore::default();
        let vary = [("vary", "X-Lang")];
        store.put(
            None,
            "u",
            &request(&[("x-lang", "en")]),
            response("en", &vary),
        );
        store.put(
            None,
            "u",
            &request(&[("x-lang", "fr")]),
            response("fr", &vary),
        );
        store.put(None, "u", &[], response("none", &vary));
        assert_eq!(
            body(&store, "u", &[("x-lang", "en")]).as_deref(),
            Some("en")
        );
        assert_eq!(
            body(&store, "u", &[("X-Lang", "fr")]).as_deref(),
            Some("fr")
        );
        assert_eq!(body(&store, "u", &[]).as_deref(), Some("none"));
        assert_eq!(body(&store, "u", &[("x-lang", "de")]), None);
        store.put(
            None,
            "u",
            &request(&[("x-lang", "en")]),
            response("en2", &vary),
        );
        assert_eq!(
            body(&store, "u", &[("x-lang", "en")]).as_deref(),
            Some("en2")
        );
        assert!(store.delete(None, "u"), "delete removes every variant");
        assert_eq!(body(&store, "u", &[("x-lang", "fr")]), None);
    }

    #[test]
    fn expired_entries_are_never_returned() {
        let store = CacheStore::default();
        let short = [("cache-control", "max-age=1")];
        store.put(None, "u", &[], response("x", &short));
        assert!(body(&store, "u", &[]).is_some());
        std::thread::sleep(Duration::from_millis(1050));
        assert_eq!(body(&store, "u", &[]), None);
        assert_eq!(store.used_bytes(), 0);
        store.put(None, "u", &[], response("x", &short));
        std::thread::sleep(Duration::from_millis(1050));
        assert!(
            !store.delete(None, "u"),
            "an expired entry is not there to delete"
        );
    }

    #[test]
    fn the_least_recently_used_go_first_past_the_byte_limit() {
        let body_len = 1000;
        let limits = CacheLimits {
            max_bytes: 3 * (body_len + ENTRY_OVERHEAD + 10),
            max_entry_bytes: 2000,
        };
        let store = CacheStore::new(limits);
        let big = "b".repeat(body_len);
        for url in ["u1", "u2", "u3"] {
            assert_eq!(
                store.put(None, url, &[], response(&big, &[])),
                PutOutcome::Stored
            );
        }
        assert!(
            body(&store, "u1", &[]).is_some(),
            "u1 is now the most recent"
        );
        store.put(None, "u4", &[], response(&big, &[]));
        assert!(body(&store, "u2", &[]).is_none(), "u2 was the least recent");
        for url in ["u1", "u3", "u4"] {
            assert!(body(&store, url, &[]).is_some(), "{url}");
        }
        assert!(store.used_bytes() <= limits.max_bytes);
        let huge = "h".repeat(2000);
        assert_eq!(
            store.put(None, "u5", &[], response(&huge, &[])),
            PutOutcome::TooLarge
        );
        store.set_limits(CacheLimits {
            max_bytes: limits.max_bytes / 3,
            ..limits
        });
        assert!(store.used_bytes() <= limits.max_bytes / 3);
        assert!(body(&store, "u4", &[]).is_some(), "the most recent stays");
    }

    #[test]
    fn responses_the_headers_forbid_are_not_stored() {
        let store = CacheStore::default();
        let outcome = store.put(
            None,
            "u",
            &[],
            response("x", &[("cache-control", "no-store")]),
        );
        assert_eq!(outcome, PutOutcome::NotStored(NotStored::Forbidden));
        assert_eq!(body(&store, "u", &[]), None);
    }
}
