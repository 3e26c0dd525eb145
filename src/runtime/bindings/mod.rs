//! Workers bindings beyond the Web APIs, each a small service on the
//! isolate's thread with its JavaScript face in `js/`.

pub mod cache;
