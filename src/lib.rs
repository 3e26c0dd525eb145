//! NANO: a self-hosted runtime for JavaScript apps written against the
//! Workers API. See DESIGN.md for the layers.

pub mod v8;
pub mod runtime;
pub mod cli;
pub mod admin;
pub mod metrics;
pub mod server;
