//! Workers KV's limits, checked before anything is stored, with the errors
//! Workers gives for them (a TypeError for a malformed key name, else an
//! Error naming the failed API call and its HTTP status).

use crate::runtime::OpFailure;
use crate::v8::ErrorKind;

pub const MAX_KEY_BYTES: usize = 512;
pub const MAX_VALUE_BYTES: usize = 25 * 1024 * 1024;
pub const MAX_METADATA_BYTES: usize = 1024;
/// The most keys one `list` returns, and how many it returns by default.
pub const MAX_LIST_LIMIT: usize = 1000;
/// Workers' shortest expiration, in seconds from now.
pub const DEFAULT_MIN_TTL_S: u64 = 60;

/// The API call a failure is reported for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Delete,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// An Error as Workers words a failed call: `KV PUT failed: 413 ...`.
    pub fn failed(self, status: u16, message: impl std::fmt::Display) -> OpFailure {
        OpFailure {
            kind: ErrorKind::Error,
            message: format!("KV {} failed: {status} {message}", self.name()),
        }
    }
}

pub fn check_key(method: Method, key: &str) -> Result<(), OpFailure> {
    match key {
        "" => Err(OpFailure::type_error("Key name cannot be empty.")),
        "." | ".." => Err(OpFailure::type_error(format!(
            "\"{key}\" is not allowed as a key name."
        ))),
        _ if key.len() > MAX_KEY_BYTES => Err(method.failed(
            414,
            format_args!(
                "UTF-8 encoded length of {} exceeds key length limit of {MAX_KEY_BYTES}.",
                key.len()
            ),
        )),
        _ => Ok(()),
    }
}

pub fn check_value(length: usize) -> Result<(), OpFailure> {
    if length > MAX_VALUE_BYTES {
        return Err(Method::Put.failed(
            413,
            format_args!("Value length of {length} exceeds limit of {MAX_VALUE_BYTES}."),
        ));
    }
    Ok(())
}

pub fn check_metadata(metadata: &str) -> Result<(), OpFailure> {
    if metadata.len() > MAX_METADATA_BYTES {
        return Err(Method::Put.failed(
            413,
            format_args!(
                "Metadata length of {} exceeds limit of {MAX_METADATA_BYTES}.",
                metadata.len()
            ),
        ));
    }
    Ok(())
}

/// A number given for a whole number of seconds, as the API reads it:
/// truncated, and 0 when it is not a number.
fn whole(seconds: f64) -> i64 {
    if seconds.is_finite() {
        seconds.trunc() as i64
    } else {
        0
    }
}

/// When a put's key expires: `expiration_ttl` seconds from `now` if given
/// (it wins over `expiration`, as in Workers), else at `expiration`; both
/// at least `min_ttl` seconds away.
pub fn expiration(
    expiration: Option<f64>,
    expiration_ttl: Option<f64>,
    now: u64,
    min_ttl: u64,
) -> Result<Option<u64>, OpFailure> {
    let now = now as i64;
    let min_ttl = min_ttl as i64;
    if let Some(ttl) = expiration_ttl.map(whole) {
        if ttl <= 0 {
            return Err(Method::Put.failed(
                400,
                format_args!(
                    "Invalid expiration_ttl of {ttl}. Please specify integer greater than 0."
                ),
            ));
        }
        if ttl < min_ttl {
            return Err(Method::Put.failed(
                400,
                format_args!(
                    "Invalid expiration_ttl of {ttl}. Expiration TTL must be at least {min_ttl}."
                ),
            ));
        }
        return Ok(Some(now.saturating_add(ttl) as u64));
    }
    let Some(at) = expiration.map(whole) else {
        return Ok(None);
    };
    if at <= now {
        return Err(Method::Put.failed(
            400,
            format_args!(
                "Invalid expiration of {at}. Please specify integer greater than the current number of seconds since the UNIX epoch."
            ),
        ));
    }
    if at < now.saturating_add(min_ttl) {
        return Err(Method::Put.failed(
            400,
            format_args!(
                "Invalid expiration of {at}. Expiration times must be at least {min_ttl} seconds in the future."
            ),
        ));
    }
    Ok(Some(at as u64))
}

/// The page size of a `list`: the default for none (or one not above 0,
/// which Workers does not send), at most the maximum.
pub fn list_limit(limit: Option<f64>) -> Result<usize, OpFailure> {
    match limit.map(whole) {
        None => Ok(MAX_LIST_LIMIT),
        Some(limit) if limit <= 0 => Ok(MAX_LIST_LIMIT),
        Some(limit) if limit as u64 > MAX_LIST_LIMIT as u64 => Err(Method::Get.failed(
            400,
            format_args!(
                "Invalid key_count_limit of {limit}. Please specify an integer less than {MAX_LIST_LIMIT}."
            ),
        )),
        Some(limit) => Ok(limit as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(failure: OpFailure) -> (ErrorKind, String) {
        (failure.kind, failure.message)
    }

    #[test]
    fn key_names_are_checked_as_workers_does() {
        assert!(check_key(Method::Get, "a").is_ok());
        assert!(check_key(Method::Get, &"x".repeat(512)).is_ok());
        assert_eq!(
            message(check_key(Method::Get, "").unwrap_err()),
            (ErrorKind::TypeError, "Key name cannot be empty.".into())
        );
        assert_eq!(
            message(check_key(Method::Put, "..").unwrap_err()),
            (
                ErrorKind::TypeError,
                "\"..\" is not allowed as a key name.".into()
            )
        );
        assert_eq!(
            message(check_key(Method::Delete, &"é".repeat(257)).unwrap_err()),
            (
                ErrorKind::Error,
                "KV DELETE failed: 414 UTF-8 encoded length of 514 exceeds key length limit of 512."
                    .into()
            )
        );
    }

    #[test]
    fn sizes_are_limited() {
        assert!(check_value(MAX_VALUE_BYTES).is_ok());
        assert_eq!(
            check_value(MAX_VALUE_BYTES + 1).unwrap_err().message,
            "KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400."
        );
        assert!(check_metadata(&"x".repeat(1024)).is_ok());
        assert_eq!(
            check_metadata(&"x".repeat(1025)).unwrap_err().message,
            "KV PUT failed: 413 Metadata length of 1025 exceeds limit of 1024."
        );
    }

    #[test]
    fn expirations_are_at_least_the_minimum_away() {
        let now = 1_000;
        assert_eq!(expiration(None, None, now, 60), Ok(None));
        assert_eq!(expiration(None, Some(60.9), now, 60), Ok(Some(1_060)));
        assert_eq!(expiration(Some(1_060.0), None, now, 60), Ok(Some(1_060)));
        assert_eq!(
            expiration(Some(5_000.0), Some(120.0), now, 60),
            Ok(Some(1_120)),
            "the TTL wins"
        );
        assert_eq!(
            expiration(None, Some(f64::NAN), now, 60).unwrap_err().message,
            "KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0."
        );
        assert_eq!(
            expiration(None, Some(30.0), now, 60).unwrap_err().message,
            "KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60."
        );
        assert_eq!(expiration(None, Some(1.0), now, 1), Ok(Some(1_001)));
        assert_eq!(
            expiration(Some(1_000.0), None, now, 60).unwrap_err().message,
            "KV PUT failed: 400 Invalid expiration of 1000. Please specify integer greater than the current number of seconds since the UNIX epoch."
        );
        assert_eq!(
            expiration(Some(1_030.0), None, now, 60).unwrap_err().message,
            "KV PUT failed: 400 Invalid expiration of 1030. Expiration times must be at least 60 seconds in the future."
        );
    }

    #[test]
    fn list_limits_default_to_the_maximum() {
        assert_eq!(list_limit(None), Ok(1000));
        assert_eq!(list_limit(Some(0.0)), Ok(1000));
        assert_eq!(list_limit(Some(2.0)), Ok(2));
        assert_eq!(list_limit(Some(1000.0)), Ok(1000));
        assert_eq!(
            list_limit(Some(1001.0)).unwrap_err().message,
            "KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000."
        );
    }
}
