//! RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP. Keys of 2048 to 8192 bits run
//! on aws-lc (`constant_time`). What aws-lc refuses (smaller keys, SHA-1
//! signatures, unusual generation parameters) runs on the `rsa` crate:
//! signing and decryption on 0.10, in constant time (`small_keys_private`);
//! generation, verification and encryption on 0.9 (`small_keys`). Every
//! operation with an existing private key thus runs in constant time.

mod constant_time;
mod small_keys;
mod small_keys_private;

use der::Decode;
use rsa::pkcs1::{
    DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey,
};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};

use self::constant_time::Padding;
use super::{data_error, operation_error, CryptoError, CryptoResult, Params};

/// Key sizes `generateKey` accepts, in bits.
const GENERATED_BITS: std::ops::RangeInclusive<usize> = 512..=4096;

pub fn private_key(der: &[u8]) -> CryptoResult<RsaPrivateKey> {
    RsaPrivateKey::from_pkcs1_der(der).map_err(|_| data_error("invalid RSA private key"))
}

pub fn public_key(der: &[u8]) -> CryptoResult<RsaPublicKey> {
    RsaPublicKey::from_pkcs1_der(der).map_err(|_| data_error("invalid RSA public key"))
}

pub fn private_der(key: &RsaPrivateKey) -> CryptoResult<Vec<u8>> {
    let document = key
        .to_pkcs1_der()
        .map_err(|_| operation_error("cannot encode the key"))?;
    Ok(document.as_bytes().to_vec())
}

pub fn public_der(key: &RsaPublicKey) -> CryptoResult<Vec<u8>> {
    let document = key
        .to_pkcs1_der()
        .map_err(|_| operation_error("cannot encode the key"))?;
    Ok(document.as_bytes().to_vec())
}

/// The modulus length in bits and the big-endian public exponent.
pub fn describe(key: &RsaPublicKey) -> (u32, Vec<u8>) {
    (key.n().bits() as u32, key.e().to_bytes_be())
}

/// The same error for every failed decryption, whatever failed, so the
/// answer tells nothing about the padding.
fn decryption_failed() -> CryptoError {
    operation_error("The operation failed for an operation-specific reason")
}

pub fn generate(params: &Params) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    let bits = params.modulus_length.unwrap_or(0) as usize;
    if !GENERATED_BITS.contains(&bits) {
        return Err(operation_error(
            "modulusLength must be 512 to 4096 bits here",
        ));
    }
    let exponent = without_leading_zeros(params.public_exponent.as_deref().unwrap_or_default());
    match constant_time::generated_size(bits) {
        Some(size) if exponent == constant_time::GENERATED_EXPONENT => {
            constant_time::generate(size)
        }
        _ => small_keys::generate(bits, exponent),
    }
}

pub fn sign(params: &Params, der: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let hash = params.hash()?;
    let padding = padding(params);
    let bits = private_modulus_bits(der)?;
    if constant_time::KEY_BITS.contains(&bits) && constant_time::signs_with(hash) {
        constant_time::sign(hash, padding, der, data)
    } else {
        small_keys_private::sign(params, der, data, salt(padding))
    }
}

pub fn verify(params: &Params, der: &[u8], signature: &[u8], data: &[u8]) -> CryptoResult<bool> {
    let hash = params.hash()?;
    let padding = padding(params);
    let bits = public_modulus_bits(der)?;
    if constant_time::KEY_BITS.contains(&bits) && constant_time::signs_with(hash) {
        constant_time::verify(hash, padding, der, signature, data)
    } else {
        small_keys::verify(params, der, signature, data, salt(padding))
    }
}

pub fn oaep(params: &Params, der: &[u8], data: &[u8], encrypt: bool) -> CryptoResult<Vec<u8>> {
    let hash = params.hash()?;
    let label = params.label.as_deref().filter(|label| !label.is_empty());
    let bits = if encrypt {
        public_modulus_bits(der)?
    } else {
        private_modulus_bits(der)?
    };
    match (constant_time::KEY_BITS.contains(&bits), encrypt) {
        (true, true) => constant_time::encrypt(hash, label, der, data),
        (true, false) => constant_time::decrypt(hash, label, der, data),
        (false, true) => small_keys::encrypt(params, der, data),
        (false, false) => small_keys_private::decrypt(params, der, data),
    }
}

fn padding(params: &Params) -> Padding {
    if params.name == "RSA-PSS" {
        Padding::Pss {
            salt: params.salt_length.unwrap_or(0) as usize,
        }
    } else {
        Padding::Pkcs1
    }
}

fn salt(padding: Padding) -> usize {
    match padding {
        Padding::Pss { salt } => salt,
        Padding::Pkcs1 => 0,
    }
}

fn private_modulus_bits(der: &[u8]) -> CryptoResult<usize> {
    let key =
        pkcs1::RsaPrivateKey::from_der(der).map_err(|_| data_error("invalid RSA private key"))?;
    Ok(bit_length(key.modulus.as_bytes()))
}

fn public_modulus_bits(der: &[u8]) -> CryptoResult<usize> {
    let key =
        pkcs1::RsaPublicKey::from_der(der).map_err(|_| data_error("invalid RSA public key"))?;
    Ok(bit_length(key.modulus.as_bytes()))
}

/// The bit length of a big-endian unsigned integer.
fn bit_length(bytes: &[u8]) -> usize {
    let bytes = without_leading_zeros(bytes);
    match bytes.first() {
        Some(first) => bytes.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

fn without_leading_zeros(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|byte| **byte == 0).count();
    &bytes[zeros..]
}
