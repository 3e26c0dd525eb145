//! The shared store: Redis, for several NANO instances serving the same
//! namespaces.
//!
//! A key is a hash, `nano:kv:<namespace>:k:<key>`, with its value (`v`),
//! its metadata (`m`, when it has some) and its expiration (`e`, 0 for
//! none); an expiring key has the same expiration as a Redis TTL, so Redis
//! removes it. `list` reads a sorted set per namespace,
//! `nano:kv:<namespace>:index`, whose members are the key names, all with
//! score 0: `ZRANGEBYLEX` then gives them in byte order from any starting
//! key, which is what a cursor needs (SCAN has no order and its cursor
//! does not survive a rehash). A member whose hash has expired is skipped
//! and removed as a listing passes it, and by the periodic sweep.

use std::time::Duration;

use redis::{Client, Connection, IntoConnectionInfo};

use super::store::{
    prefix_end, KvBackend, KvConnection, ListPage, ListQuery, ListedKey, NewEntry, StoredValue,
};
use super::KvError;

/// How long connecting, and each reply, may take before the call fails.
const TIMEOUT: Duration = Duration::from_secs(5);
const KEY_PREFIX: &[u8] = b"nano:kv:";
const INDEX_SUFFIX: &[u8] = b":index";
/// Members of an index looked at per round trip while sweeping.
const SWEEP_BATCH: usize = 500;

pub struct RedisBackend {
    client: Client,
}

impl RedisBackend {
    pub fn new(url: &str) -> Result<RedisBackend, KvError> {
        let info = url.into_connection_info()?;
        // CLIENT SETINFO only names the client in CLIENT LIST, and its
        // reply is waited for apart from the others, so a stalled server
        // would take two timeouts to give up on a new connection.
        let settings = info.redis_settings().clone().set_skip_set_lib_name();
        Ok(RedisBackend {
            client: Client::open(info.set_redis_settings(settings))?,
        })
    }
}

/// `url` with its password, if any, left out (for logs).
pub fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

impl KvBackend for RedisBackend {
    fn connect(&self) -> Result<Box<dyn KvConnection>, KvError> {
        let connection = self.client.get_connection_with_timeout(TIMEOUT)?;
        connection.set_read_timeout(Some(TIMEOUT))?;
        connection.set_write_timeout(Some(TIMEOUT))?;
        Ok(Box::new(RedisConnection(connection)))
    }
}

struct RedisConnection(Connection);

fn value_key(namespace: &str, key: &str) -> Vec<u8> {
    [KEY_PREFIX, namespace.as_bytes(), b":k:", key.as_bytes()].concat()
}

fn index_key(namespace: &str) -> Vec<u8> {
    [KEY_PREFIX, namespace.as_bytes(), INDEX_SUFFIX].concat()
}

impl KvConnection for RedisConnection {
    fn get(
        &mut self,
        namespace: &str,
        key: &str,
        _now: u64,
    ) -> Result<Option<StoredValue>, KvError> {
        let (value, metadata): (Option<Vec<u8>>, Option<String>) = redis::cmd("HMGET")
            .arg(value_key(namespace, key))
            .arg("v")
            .arg("m")
            .query(&mut self.0)?;
        Ok(value.map(|value| StoredValue { value, metadata }))
    }

    fn put(&mut self, namespace: &str, key: &str, entry: &NewEntry) -> Result<(), KvError> {
        let hash = value_key(namespace, key);
        let mut pipe = redis::pipe();
        pipe.atomic().cmd("DEL").arg(&hash).ignore();
        let set = pipe
            .cmd("HSET")
            .arg(&hash)
            .arg("v")
            .arg(&entry.value)
            .arg("e")
            .arg(entry.expiration.unwrap_or(0));
        if let Some(metadata) = &entry.metadata {
            set.arg("m").arg(metadata);
        }
        pipe.ignore();
        if let Some(at) = entry.expiration {
            pipe.cmd("EXPIREAT").arg(&hash).arg(at).ignore();
        }
        pipe.cmd("ZADD")
            .arg(index_key(namespace))
            .arg(0)
            .arg(key)
            .ignore();
        pipe.query::<()>(&mut self.0)?;
        Ok(())
    }

    fn delete(&mut self, namespace: &str, key: &str) -> Result<(), KvError> {
        redis::pipe()
            .atomic()
            .cmd("DEL")
            .arg(value_key(namespace, key))
            .ignore()
            .cmd("ZREM")
            .arg(index_key(namespace))
            .arg(key)
            .ignore()
            .query::<()>(&mut self.0)?;
        Ok(())
    }

    fn list(&mut self, namespace: &str, query: &ListQuery, now: u64) -> Result<ListPage, KvError> {
        let index = index_key(namespace);
        let prefix = query.prefix.as_bytes();
        let mut min = match query.after.as_deref().map(str::as_bytes) {
            Some(after) if after >= prefix => [b"(", after].concat(),
            _ => [b"[", prefix].concat(),
        };
        let max = prefix_end(prefix).map_or_else(|| b"+".to_vec(), |end| [b"(", &end[..]].concat());
        let mut keys = Vec::new();
        let mut gone = Vec::new();
        // One more key than asked says whether there are more.
        while keys.len() <= query.limit {
            let wanted = query.limit + 1 - keys.len();
            let names: Vec<Vec<u8>> = redis::cmd("ZRANGEBYLEX")
                .arg(&index)
                .arg(&min)
                .arg(&max)
                .arg("LIMIT")
                .arg(0)
                .arg(wanted)
                .query(&mut self.0)?;
            let Some(last) = names.last() else { break };
            min = [b"(", &last[..]].concat();
            let mut pipe = redis::pipe();
            for name in &names {
                let name = std::str::from_utf8(name).map_err(|_| KvError::NotUtf8)?;
                pipe.cmd("HMGET")
                    .arg(value_key(namespace, name))
                    .arg("e")
                    .arg("m");
            }
            let found: Vec<(Option<u64>, Option<String>)> = pipe.query(&mut self.0)?;
            let exhausted = names.len() < wanted;
            for (name, (expiration, metadata)) in names.into_iter().zip(found) {
                match expiration {
                    Some(at) if at == 0 || at > now => keys.push(ListedKey {
                        name: String::from_utf8(name).map_err(|_| KvError::NotUtf8)?,
                        expiration: (at != 0).then_some(at),
                        metadata,
                    }),
                    // Expired: Redis has removed the hash (or is about to).
                    Some(_) => {}
                    None => gone.push(name),
                }
            }
            if exhausted {
                break;
            }
        }
        if !gone.is_empty() {
            redis::cmd("ZREM")
                .arg(&index)
                .arg(gone)
                .query::<()>(&mut self.0)?;
        }
        let more = keys.len() > query.limit;
        keys.truncate(query.limit);
        Ok(ListPage { keys, more })
    }

    /// Removes the names of expired keys from every namespace's index, by
    /// listing it through.
    fn sweep(&mut self, now: u64) -> Result<(), KvError> {
        let pattern = [KEY_PREFIX, b"*", INDEX_SUFFIX].concat();
        let indexes: Vec<Vec<u8>> = redis::cmd("SCAN")
            .cursor_arg(0)
            .arg("MATCH")
            .arg(pattern)
            .clone()
            .iter::<Vec<u8>>(&mut self.0)?
            .collect::<Result<_, _>>()?;
        for index in indexes {
            let Some(namespace) = index
                .strip_prefix(KEY_PREFIX)
                .and_then(|rest| rest.strip_suffix(INDEX_SUFFIX))
                .and_then(|name| std::str::from_utf8(name).ok())
            else {
                continue;
            };
            let mut query = ListQuery {
                prefix: String::new(),
                after: None,
                limit: SWEEP_BATCH,
            };
            loop {
                let page = self.list(namespace, &query, now)?;
                match page.keys.last() {
                    Some(last) if page.more => query.after = Some(last.name.clone()),
                    _ => break,
                }
            }
        }
        Ok(())
    }
}
