//! Workers bindings that reach outside the isolate: each a small service in
//! Rust, with its JavaScript face in `js/`.

pub mod kv;
