//! Workers bindings: each a small Rust service with its JavaScript face in
//! `js/`, beside the ops.

pub mod websocket;
