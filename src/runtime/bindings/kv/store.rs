//! What a KV storage backend does, whatever holds the data. Each storage
//! thread has a connection of its own, so a backend's connection needs no
//! locking: SQLite connections read in parallel under WAL, Redis
//! connections pipeline their own commands.

use super::KvError;

/// A value read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredValue {
    pub value: Vec<u8>,
    /// The metadata as JSON text.
    pub metadata: Option<String>,
}

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub value: Vec<u8>,
    /// The metadata as JSON text.
    pub metadata: Option<String>,
    /// Seconds since the Unix epoch after which the key is gone.
    pub expiration: Option<u64>,
}

/// One key of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedKey {
    pub name: String,
    pub expiration: Option<u64>,
    pub metadata: Option<String>,
}

/// Which keys to list: those starting with `prefix`, after `after`, in
/// byte order, at most `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub prefix: String,
    pub after: Option<String>,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    pub keys: Vec<ListedKey>,
    /// Whether keys past the last one listed match too.
    pub more: bool,
}

/// One storage thread's connection. `now` is seconds since the Unix
/// epoch: keys whose expiration is not after it are invisible.
pub trait KvConnection: Send {
    fn get(&mut self, namespace: &str, key: &str, now: u64)
        -> Result<Option<StoredValue>, KvError>;
    /// Returns once the write survives a crash of this process.
    fn put(&mut self, namespace: &str, key: &str, entry: &NewEntry) -> Result<(), KvError>;
    fn delete(&mut self, namespace: &str, key: &str) -> Result<(), KvError>;
    fn list(&mut self, namespace: &str, query: &ListQuery, now: u64) -> Result<ListPage, KvError>;
    /// Drops keys that have expired, where the store does not do it itself.
    fn sweep(&mut self, now: u64) -> Result<(), KvError>;
}

/// A store: how each storage thread connects to it.
pub trait KvBackend: Send + Sync {
    fn connect(&self) -> Result<Box<dyn KvConnection>, KvError>;
}

/// The first byte string after every string starting with `prefix` (None:
/// there is none, as for an empty prefix or one of only 0xFF bytes).
pub fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::prefix_end;

    #[test]
    fn prefix_end_is_the_next_string_past_the_prefix() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(b"a\xff"), Some(b"b".to_vec()));
        assert_eq!(prefix_end(b"\xff\xff"), None);
        assert_eq!(prefix_end(b""), None);
    }
}
