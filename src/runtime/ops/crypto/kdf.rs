//! PBKDF2 and HKDF.

use hmac::Hmac;

use super::digest::with_hash;
use super::{operation_error, CryptoResult, Params};

/// The output length in bytes: KDFs need a whole number of bytes.
fn byte_length(length: Option<usize>) -> CryptoResult<usize> {
    match length {
        None => Err(operation_error("length cannot be null")),
        Some(bits) if bits % 8 != 0 => Err(operation_error("length must be a multiple of 8")),
        Some(bits) => Ok(bits / 8),
    }
}

pub fn pbkdf2(params: &Params, password: &[u8], length: Option<usize>) -> CryptoResult<Vec<u8>> {
    let out_len = byte_length(length)?;
    let iterations = params.iterations.unwrap_or(0);
    if iterations == 0 {
        return Err(operation_error("iterations must be greater than 0"));
    }
    let salt = params.salt.as_deref().unwrap_or_default();
    let mut out = vec![0u8; out_len];
    with_hash!(params.hash()?, H => {
        pbkdf2::pbkdf2::<Hmac<H>>(password, salt, iterations, &mut out)
            .map_err(|_| operation_error("PBKDF2 failed"))?
    })?;
    Ok(out)
}

pub fn hkdf(params: &Params, ikm: &[u8], length: Option<usize>) -> CryptoResult<Vec<u8>> {
    let out_len = byte_length(length)?;
    let salt = params.salt.as_deref().unwrap_or_default();
    let info = params.info.as_deref().unwrap_or_default();
    let mut out = vec![0u8; out_len];
    with_hash!(params.hash()?, H => {
        hkdf::Hkdf::<H>::new(Some(salt), ikm)
            .expand(info, &mut out)
            .map_err(|_| operation_error("HKDF output is too long"))?
    })?;
    Ok(out)
}
