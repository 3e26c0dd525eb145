//! RSA with the `rsa` crate 0.9, for what aws-lc refuses: key generation
//! with other sizes or public exponents, and verification and OAEP
//! encryption with keys under 2048 bits or SHA-1 signatures. Its big-integer
//! arithmetic is not constant time (RUSTSEC-2023-0071), so no operation
//! with an existing private key comes here (`small_keys_private` does them).
//! Key generation takes no input from outside, so no attacker can time it
//! against chosen data.

use rsa::{BigUint, Oaep, Pkcs1v15Sign, Pss};

use super::super::digest::{digest, with_hash};
use super::super::{not_supported, operation_error, CryptoResult, Params};
use super::{private_der, public_der, public_key};

pub fn generate(bits: usize, exponent: &[u8]) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    let exponent = BigUint::from_bytes_be(exponent);
    let key = rsa::RsaPrivateKey::new_with_exp(&mut rand::rngs::OsRng, bits, &exponent)
        .map_err(|error| operation_error(format!("RSA key generation failed: {error}")))?;
    Ok((private_der(&key)?, public_der(&key.to_public_key())?))
}

pub fn verify(
    params: &Params,
    der: &[u8],
    signature: &[u8],
    data: &[u8],
    salt: usize,
) -> CryptoResult<bool> {
    let key = public_key(der)?;
    let hashed = digest(params.hash()?, data)?;
    let outcome = if params.name == "RSA-PSS" {
        with_hash!(params.hash()?, H => key.verify(Pss::new_with_salt::<H>(salt), &hashed, signature))?
    } else {
        with_hash!(params.hash()?, H => key.verify(Pkcs1v15Sign::new::<H>(), &hashed, signature))?
    };
    Ok(outcome.is_ok())
}

pub fn encrypt(params: &Params, der: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let label = match params.label.as_deref() {
        None | Some([]) => None,
        Some(bytes) => Some(String::from_utf8(bytes.to_vec()).map_err(|_| {
            not_supported("RSA-OAEP labels must be UTF-8 text for keys under 2048 bits")
        })?),
    };
    let padding = with_hash!(params.hash()?, H => match &label {
        Some(label) => Oaep::new_with_label::<H, _>(label),
        None => Oaep::new::<H>(),
    })?;
    public_key(der)?
        .encrypt(&mut rand::rngs::OsRng, padding, data)
        .map_err(|error| operation_error(format!("RSA-OAEP encryption failed: {error}")))
}
