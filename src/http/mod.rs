//! HTTP/1.1 pieces shared by the server and outbound `fetch`.

mod chunked;
mod request_headers;
pub mod websocket;

pub use chunked::{ChunkedDecoder, ChunkedError};
pub use request_headers::RequestHeaders;
