//! HTTP/1.1 pieces shared by the server and outbound `fetch`.

mod chunked;
pub mod websocket;

pub use chunked::{ChunkedDecoder, ChunkedError};
