//! The config file as written: its TOML tables, with the places of the
//! values that are checked after reading, so an error can point at them.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConfigFile {
    #[serde(default)]
    pub server: ServerTable,
    #[serde(default)]
    pub defaults: LimitsTable,
    #[serde(default)]
    pub storage: StorageTable,
    #[serde(default)]
    pub app: Vec<AppTable>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StorageTable {
    pub kv: Option<Spanned<String>>,
    pub kv_min_ttl_s: Option<Spanned<u64>>,
}

/// One `[[app.kv]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KvTable {
    pub binding: Spanned<String>,
    pub namespace: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ServerTable {
    pub host: Option<String>,
    pub port: Option<Spanned<u16>>,
    pub cores: Option<Spanned<usize>>,
    pub admin_host: Option<String>,
    pub admin_port: Option<Spanned<u16>>,
    pub warm_isolates: Option<usize>,
    pub max_isolates_per_core: Option<Spanned<usize>>,
    pub isolate_idle_timeout_s: Option<u64>,
    pub header_timeout_ms: Option<u64>,
    pub body_timeout_ms: Option<u64>,
    pub request_timeout_ms: Option<u64>,
    pub idle_timeout_ms: Option<u64>,
    pub max_connections: Option<Spanned<usize>>,
    pub max_header_bytes: Option<Spanned<usize>>,
    pub max_body_bytes: Option<usize>,
    pub shutdown_delay_s: Option<u64>,
    pub drain_timeout_s: Option<u64>,
    pub data_dir: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LimitsTable {
    pub cpu_limit_ms: Option<Spanned<u64>>,
    pub max_heap_mb: Option<Spanned<usize>>,
    pub max_in_flight: Option<Spanned<usize>>,
    pub cache_max_bytes: Option<Spanned<usize>>,
    pub cache_max_entry_bytes: Option<Spanned<usize>>,
}

/// One `[[app]]`. Its limits are the keys of `LimitsTable`, repeated here
/// because serde's `flatten` does not work with `deny_unknown_fields`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AppTable {
    pub name: Spanned<String>,
    pub dir: Spanned<String>,
    #[serde(default)]
    pub routes: Vec<Spanned<String>>,
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    pub port: Option<Spanned<u16>>,
    #[serde(default)]
    pub crons: Vec<Spanned<String>>,
    #[serde(default)]
    pub kv: Vec<KvTable>,
    pub cpu_limit_ms: Option<Spanned<u64>>,
    pub max_heap_mb: Option<Spanned<usize>>,
    pub max_in_flight: Option<Spanned<usize>>,
    pub cache_max_bytes: Option<Spanned<usize>>,
    pub cache_max_entry_bytes: Option<Spanned<usize>>,
}

impl AppTable {
    /// Takes the app's limit keys out as a table of their own.
    pub fn take_limits(&mut self) -> LimitsTable {
        LimitsTable {
            cpu_limit_ms: self.cpu_limit_ms.take(),
            max_heap_mb: self.max_heap_mb.take(),
            max_in_flight: self.max_in_flight.take(),
            cache_max_bytes: self.cache_max_bytes.take(),
            cache_max_entry_bytes: self.cache_max_entry_bytes.take(),
        }
    }
}
