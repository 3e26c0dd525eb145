//! Ways a request can fail before it reaches the handler.

use thiserror::Error;

use crate::http::ChunkedError;

/// A request the server rejects itself; each maps to one status code.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RequestError {
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("request header fields too large")]
    HeaderTooLarge,
    #[error("payload too large")]
    BodyTooLarge,
    #[error("request timeout")]
    Timeout,
    #[error("expectation failed")]
    ExpectationFailed,
    #[error("transfer coding not implemented")]
    UnsupportedTransferCoding,
    #[error("too many request body bytes held on this core")]
    BodyBudgetExhausted,
    #[error("HTTP version not supported on an HTTP/1 port")]
    VersionNotSupported,
}

impl From<ChunkedError> for RequestError {
    fn from(error: ChunkedError) -> Self {
        match error {
            ChunkedError::Malformed(why) => RequestError::BadRequest(why),
            ChunkedError::TooLarge => RequestError::BodyTooLarge,
            ChunkedError::TrailerTooLarge => RequestError::HeaderTooLarge,
        }
    }
}

impl RequestError {
    pub fn status(&self) -> u16 {
        match self {
            RequestError::BadRequest(_) => 400,
            RequestError::HeaderTooLarge => 431,
            RequestError::BodyTooLarge => 413,
            RequestError::Timeout => 408,
            RequestError::ExpectationFailed => 417,
            RequestError::UnsupportedTransferCoding => 501,
            RequestError::BodyBudgetExhausted => 503,
            RequestError::VersionNotSupported => 505,
        }
    }
}
