//! Per-core request metrics, merged on demand and rendered for Prometheus.
//!
//! Each core owns one [`CoreMetrics`] and is the only writer; the admin
//! listener asks cores for [`MetricsSnapshot`]s, merges them and renders.

mod app;
mod core;
mod prometheus;
mod scheduled;
mod snapshot;

pub use self::app::{AppLabel, Buckets, COLD_START_BUCKETS_SECONDS, UNROUTED_ID, UNROUTED_NAME};
pub use self::core::{AppIsolates, CoreMetrics, IsolateStats};
pub use self::prometheus::{render, DURATION_BUCKETS_SECONDS};
pub use self::scheduled::{ScheduledOutcome, ScheduledRuns};
pub use self::snapshot::{
    CacheResult, CoreGauges, EvictionReason, MetricsSnapshot, TerminationReason,
};
