//! NANO: a self-hosted runtime for JavaScript apps written against the
//! Workers API. See DESIGN.md for the layers.

pub mod admin;
pub mod batch_thread;
pub mod cli;
pub mod config;
pub mod cron;
pub mod http;
pub mod latin1;
pub mod metrics;
pub mod runtime;
pub mod sandbox;
pub mod server;
pub mod v8;
