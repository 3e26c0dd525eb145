//! Workers bindings beyond the Web APIs: each a small service in Rust, with
//! its JavaScript face in `js/`.

pub mod cache;
pub mod kv;
pub mod websocket;
