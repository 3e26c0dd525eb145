//! The embedded store: one SQLite database, `kv.sqlite3` in the data
//! folder, for every namespace.
//!
//! SQLite rather than redb: several storage threads read at once under WAL
//! (each with its own connection) while one writes, the file is one
//! well-known format that `sqlite3` opens for a look, and it is built into
//! the binary. `synchronous = NORMAL` under WAL: a commit is in the log
//! file when `put` returns, so it survives a crash of the process; an
//! operating-system crash or power cut may lose the last commits, never the
//! database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

use super::store::{
    prefix_end, KvBackend, KvConnection, ListPage, ListQuery, ListedKey, NewEntry, StoredValue,
};
use super::KvError;

const FILE_NAME: &str = "kv.sqlite3";
/// How long a write waits for another connection's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Keys are BLOBs so that they compare byte by byte (lexicographic UTF-8
/// order, as Workers lists them) whatever the text encoding.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS kv (
    namespace TEXT NOT NULL,
    key BLOB NOT NULL,
    value BLOB NOT NULL,
    metadata TEXT,
    expiration INTEGER,
    PRIMARY KEY (namespace, key)
);
CREATE INDEX IF NOT EXISTS kv_expiration ON kv (expiration) WHERE expiration IS NOT NULL;
";

pub struct SqliteBackend {
    path: PathBuf,
}

impl SqliteBackend {
    /// Creates the data folder and the database where missing.
    pub fn create(data_dir: &Path) -> Result<SqliteBackend, KvError> {
        std::fs::create_dir_all(data_dir).map_err(|source| KvError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let backend = SqliteBackend {
            path: data_dir.join(FILE_NAME),
        };
        let connection = backend.open()?;
        connection.execute_batch(SCHEMA)?;
        Ok(backend)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn open(&self) -> Result<Connection, KvError> {
        let connection = Connection::open(&self.path)?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        connection
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(connection)
    }
}

impl KvBackend for SqliteBackend {
    fn connect(&self) -> Result<Box<dyn KvConnection>, KvError> {
        Ok(Box::new(SqliteConnection(self.open()?)))
    }
}

struct SqliteConnection(Connection);

impl KvConnection for SqliteConnection {
    fn get(
        &mut self,
        namespace: &str,
        key: &str,
        now: u64,
    ) -> Result<Option<StoredValue>, KvError> {
        let mut statement = self.0.prepare_cached(
            "SELECT value, metadata FROM kv WHERE namespace = ?1 AND key = ?2
             AND (expiration IS NULL OR expiration > ?3)",
        )?;
        let found = statement
            .query_row(params![namespace, key.as_bytes(), now as i64], |row| {
                Ok(StoredValue {
                    value: row.get(0)?,
                    metadata: row.get(1)?,
                })
            })
            .optional()?;
        Ok(found)
    }

    fn put(&mut self, namespace: &str, key: &str, entry: &NewEntry) -> Result<(), KvError> {
        let mut statement = self.0.prepare_cached(
            "INSERT INTO kv (namespace, key, value, metadata, expiration) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (namespace, key) DO UPDATE SET
                value = excluded.value, metadata = excluded.metadata, expiration = excluded.expiration",
        )?;
        statement.execute(params![
            namespace,
            key.as_bytes(),
            entry.value,
            entry.metadata,
            entry.expiration.map(|at| at as i64),
        ])?;
        Ok(())
    }

    fn delete(&mut self, namespace: &str, key: &str) -> Result<(), KvError> {
        let mut statement = self
            .0
            .prepare_cached("DELETE FROM kv WHERE namespace = ?1 AND key = ?2")?;
        statement.execute(params![namespace, key.as_bytes()])?;
        Ok(())
    }

    fn list(&mut self, namespace: &str, query: &ListQuery, now: u64) -> Result<ListPage, KvError> {
        // From the prefix (or past the cursor, whichever is later) to the
        // first string past every one with the prefix; one more row than
        // asked says whether there are more.
        let prefix = query.prefix.as_bytes();
        let after = query.after.as_deref().map(str::as_bytes);
        let end = prefix_end(prefix);
        let mut statement = self.0.prepare_cached(
            "SELECT key, expiration, metadata FROM kv
             WHERE namespace = ?1 AND key >= ?2 AND (?3 IS NULL OR key > ?3) AND (?4 IS NULL OR key < ?4)
             AND (expiration IS NULL OR expiration > ?5)
             ORDER BY key LIMIT ?6",
        )?;
        let mut rows = statement.query(params![
            namespace,
            prefix,
            after,
            end,
            now as i64,
            (query.limit + 1) as i64
        ])?;
        let mut keys = Vec::with_capacity(query.limit.min(64));
        let mut more = false;
        while let Some(row) = rows.next()? {
            if keys.len() == query.limit {
                more = true;
                break;
            }
            let name: Vec<u8> = row.get(0)?;
            keys.push(ListedKey {
                name: String::from_utf8(name).map_err(|_| KvError::NotUtf8)?,
                expiration: row.get::<_, Option<i64>>(1)?.map(|at| at as u64),
                metadata: row.get(2)?,
            });
        }
        Ok(ListPage { keys, more })
    }

    fn sweep(&mut self, now: u64) -> Result<(), KvError> {
        self.0.execute(
            "DELETE FROM kv WHERE expiration IS NOT NULL AND expiration <= ?1",
            params![now as i64],
        )?;
        Ok(())
    }
}
