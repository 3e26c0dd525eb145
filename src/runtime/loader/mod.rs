//! Turning an app's files into modules V8 compiles.

pub mod typescript;
