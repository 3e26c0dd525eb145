//! RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP.

use rsa::pkcs1::{
    DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey,
};
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, Oaep, Pkcs1v15Sign, Pss, RsaPrivateKey, RsaPublicKey};

use super::digest::{digest, with_hash};
use super::{data_error, not_supported, operation_error, CryptoResult, Params};

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

pub fn generate(params: &Params) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    let bits = params.modulus_length.unwrap_or(0) as usize;
    let exponent = BigUint::from_bytes_be(params.public_exponent.as_deref().unwrap_or_default());
    if !(512..=4096).contains(&bits) {
        return Err(operation_error(
            "modulusLength must be 512 to 4096 bits here",
        ));
    }
    let key = RsaPrivateKey::new_with_exp(&mut rand::rngs::OsRng, bits, &exponent)
        .map_err(|error| operation_error(format!("RSA key generation failed: {error}")))?;
    Ok((private_der(&key)?, public_der(&key.to_public_key())?))
}

pub fn sign(params: &Params, der: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let key = private_key(der)?;
    let hashed = digest(params.hash()?, data)?;
    let signed = if params.name == "RSA-PSS" {
        let salt = params.salt_length.unwrap_or(0) as usize;
        with_hash!(params.hash()?, H => key.sign_with_rng(&mut rand::rngs::OsRng, Pss::new_with_salt::<H>(salt), &hashed))?
    } else {
        with_hash!(params.hash()?, H => key.sign(Pkcs1v15Sign::new::<H>(), &hashed))?
    };
    signed.map_err(|error| operation_error(format!("RSA signing failed: {error}")))
}

pub fn verify(params: &Params, der: &[u8], signature: &[u8], data: &[u8]) -> CryptoResult<bool> {
    let key = public_key(der)?;
    let hashed = digest(params.hash()?, data)?;
    let outcome = if params.name == "RSA-PSS" {
        let salt = params.salt_length.unwrap_or(0) as usize;
        with_hash!(params.hash()?, H => key.verify(Pss::new_with_salt::<H>(salt), &hashed, signature))?
    } else {
        with_hash!(params.hash()?, H => key.verify(Pkcs1v15Sign::new::<H>(), &hashed, signature))?
    };
    Ok(outcome.is_ok())
}

pub fn oaep(params: &Params, der: &[u8], data: &[u8], encrypt: bool) -> CryptoResult<Vec<u8>> {
    let label = match params.label.as_deref() {
        None | Some([]) => None,
        Some(bytes) => Some(
            String::from_utf8(bytes.to_vec())
                .map_err(|_| not_supported("RSA-OAEP labels must be UTF-8 text here"))?,
        ),
    };
    let padding = with_hash!(params.hash()?, H => match &label {
        Some(label) => Oaep::new_with_label::<H, _>(label),
        None => Oaep::new::<H>(),
    })?;
    if encrypt {
        public_key(der)?
            .encrypt(&mut rand::rngs::OsRng, padding, data)
            .map_err(|error| operation_error(format!("RSA-OAEP encryption failed: {error}")))
    } else {
        private_key(der)?
            .decrypt(padding, data)
            .map_err(|_| operation_error("The operation failed for an operation-specific reason"))
    }
}
