//! Signing and OAEP decryption for what aws-lc refuses: keys under 2048
//! bits and SHA-1 signatures. The `rsa` crate 0.10 computes on
//! `crypto-bigint` in constant time and blinds every private-key operation
//! with fresh randomness, so its timing tells nothing about the key or the
//! plaintext (the Marvin attack, RUSTSEC-2023-0071, on `rsa` 0.9).

use der::Decode;
use rsa_constant_time::sha2 as sha2_for_rsa_constant_time;
use rsa_constant_time::{BoxedUint, Oaep, Pkcs1v15Sign, PrivateKey, Pss};

use super::super::digest::{digest, with_hash};
use super::super::{data_error, operation_error, CryptoResult, Params};
use super::decryption_failed;

pub fn sign(params: &Params, der: &[u8], data: &[u8], salt: usize) -> CryptoResult<Vec<u8>> {
    let key = private_key(der)?;
    let hash = params.hash()?;
    let hashed = digest(hash, data)?;
    let signed = if params.name == "RSA-PSS" {
        with_hash!(in sha1_for_rsa_constant_time, sha2_for_rsa_constant_time; hash,
            H => key.sign(Pss::<H>::new_with_salt(salt), &hashed))?
    } else {
        with_hash!(in sha1_for_rsa_constant_time, sha2_for_rsa_constant_time; hash,
            H => key.sign(Pkcs1v15Sign::new::<H>(), &hashed))?
    };
    signed.map_err(|error| operation_error(format!("RSA signing failed: {error}")))
}

pub fn decrypt(params: &Params, der: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let key = private_key(der)?;
    let label = params.label.as_deref().filter(|label| !label.is_empty());
    let decrypted = with_hash!(in sha1_for_rsa_constant_time, sha2_for_rsa_constant_time;
    params.hash()?, H => match label {
        Some(label) => key.decrypt(Oaep::<H>::new_with_label(label), data),
        None => key.decrypt(Oaep::<H>::new(), data),
    })?;
    decrypted.map_err(|_| decryption_failed())
}

/// A two-prime PKCS #1 private key, checked for consistency.
fn private_key(der: &[u8]) -> CryptoResult<PrivateKey> {
    let invalid = || data_error("invalid RSA private key");
    let key = pkcs1::RsaPrivateKey::from_der(der).map_err(|_| invalid())?;
    if key.version() != pkcs1::Version::TwoPrime {
        return Err(invalid());
    }
    let integer = |value: pkcs1::UintRef| BoxedUint::from_be_slice_vartime(value.as_bytes());
    PrivateKey::from_components(
        integer(key.modulus),
        integer(key.public_exponent),
        integer(key.private_exponent),
        vec![integer(key.prime1), integer(key.prime2)],
    )
    .map_err(|_| invalid())
}
