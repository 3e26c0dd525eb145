//! HMAC signatures.

use hmac::{Hmac, Mac};

use super::digest::with_hash;
use super::{operation_error, CryptoResult, Params};

pub fn sign(params: &Params, key: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    with_hash!(params.hash()?, H => {
        let mut mac = Hmac::<H>::new_from_slice(key).map_err(|_| operation_error("invalid HMAC key"))?;
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    })
}

/// Verifies in constant time.
pub fn verify(params: &Params, key: &[u8], signature: &[u8], data: &[u8]) -> CryptoResult<bool> {
    with_hash!(params.hash()?, H => {
        let mut mac = Hmac::<H>::new_from_slice(key).map_err(|_| operation_error("invalid HMAC key"))?;
        mac.update(data);
        mac.verify_slice(signature).is_ok()
    })
}
