//! HTTP/1.1 pieces shared by the server and outbound `fetch`.

mod chunked;

pub use chunked::{ChunkedDecoder, ChunkedError};
