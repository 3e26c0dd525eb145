//! SHA-1 and SHA-2 digests, and dispatch over WebCrypto's hash names.

use super::CryptoResult;

/// Runs `$body` with `$h` bound to the hash type that `$name` names, or
/// evaluates to a NotSupportedError. The types come from the `sha1` and
/// `sha2` crates, or from the crates named after `in` (another version, for
/// a dependency built on it).
macro_rules! with_hash {
    ($name:expr, $h:ident => $body:expr) => {
        $crate::runtime::ops::crypto::digest::with_hash!(in sha1, sha2; $name, $h => $body)
    };
    (in $sha1:ident, $sha2:ident; $name:expr, $h:ident => $body:expr) => {
        match $name {
            "SHA-1" => {
                type $h = $sha1::Sha1;
                Ok($body)
            }
            "SHA-256" => {
                type $h = $sha2::Sha256;
                Ok($body)
            }
            "SHA-384" => {
                type $h = $sha2::Sha384;
                Ok($body)
            }
            "SHA-512" => {
                type $h = $sha2::Sha512;
                Ok($body)
            }
            other => Err($crate::runtime::ops::crypto::not_supported(format!(
                "unsupported hash: {other}"
            ))),
        }
    };
}
pub(crate) use with_hash;

pub fn digest(hash: &str, data: &[u8]) -> CryptoResult<Vec<u8>> {
    use sha2::Digest;
    with_hash!(hash, H => H::digest(data).to_vec())
}
