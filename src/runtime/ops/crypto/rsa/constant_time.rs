//! RSA on aws-lc (through `aws-lc-rs`): blinded, constant-time private-key
//! operations and padding checks, so decryption and signing time does not
//! tell an attacker about the key or the plaintext (the Marvin attack).
//! aws-lc takes keys of 2048 to 8192 bits and signs only with SHA-2.

use std::sync::Mutex;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{
    KeyPair, KeySize, OaepAlgorithm, OaepPrivateDecryptingKey, OaepPublicEncryptingKey,
    PrivateDecryptingKey, PublicEncryptingKey, PublicKeyComponents, OAEP_SHA1_MGF1SHA1,
    OAEP_SHA256_MGF1SHA256, OAEP_SHA384_MGF1SHA384, OAEP_SHA512_MGF1SHA512,
};
use aws_lc_rs::signature::{self, KeyPair as _, RsaParameters, RsaPssSaltLength};
use aws_lc_rs::signature::{RsaEncoding, RsaSignatureEncoding};
use der::{Decode, Encode};

use super::super::{data_error, not_supported, operation_error, CryptoResult};
use super::decryption_failed;

/// The key sizes aws-lc accepts, in bits.
pub const KEY_BITS: std::ops::RangeInclusive<usize> = 2048..=8192;

/// The public exponent aws-lc generates keys with (65537).
pub const GENERATED_EXPONENT: &[u8] = &[1, 0, 1];

/// How to pad a signature: PKCS #1 v1.5, or PSS with a salt length.
#[derive(Clone, Copy)]
pub enum Padding {
    Pkcs1,
    Pss { salt: usize },
}

/// The hashes aws-lc signs with.
pub fn signs_with(hash: &str) -> bool {
    matches!(hash, "SHA-256" | "SHA-384" | "SHA-512")
}

/// The key size aws-lc generates for `bits`, if it is one of them.
pub fn generated_size(bits: usize) -> Option<KeySize> {
    match bits {
        2048 => Some(KeySize::Rsa2048),
        3072 => Some(KeySize::Rsa3072),
        4096 => Some(KeySize::Rsa4096),
        _ => None,
    }
}

/// A new key pair as PKCS #1 DER (private, public), with exponent 65537.
pub fn generate(size: KeySize) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    let pair = KeyPair::generate(size).map_err(|_| operation_error("RSA key generation failed"))?;
    let pkcs8 = pair
        .as_der()
        .map_err(|_| operation_error("cannot encode the key"))?;
    let info = pkcs8::PrivateKeyInfo::from_der(pkcs8.as_ref())
        .map_err(|_| operation_error("cannot encode the key"))?;
    Ok((
        info.private_key.to_vec(),
        pair.public_key().as_ref().to_vec(),
    ))
}

pub fn sign(hash: &str, padding: Padding, der: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let pair = KeyPair::from_der(der).map_err(|_| data_error("invalid RSA private key"))?;
    let encoding = signing_encoding(hash, padding, pair.public_modulus_len())?;
    let mut signature = vec![0; pair.public_modulus_len()];
    pair.sign(encoding, &SystemRandom::new(), data, &mut signature)
        .map_err(|_| operation_error("RSA signing failed"))?;
    Ok(signature)
}

pub fn verify(
    hash: &str,
    padding: Padding,
    der: &[u8],
    signature: &[u8],
    data: &[u8],
) -> CryptoResult<bool> {
    let key =
        pkcs1::RsaPublicKey::from_der(der).map_err(|_| data_error("invalid RSA public key"))?;
    let components = PublicKeyComponents {
        n: key.modulus.as_bytes(),
        e: key.public_exponent.as_bytes(),
    };
    let parameters = verification_parameters(hash, padding)?;
    Ok(components.verify(&parameters, data, signature).is_ok())
}

pub fn encrypt(hash: &str, label: Option<&[u8]>, der: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let invalid = || data_error("invalid RSA public key");
    let spki = spki::SubjectPublicKeyInfoRef {
        algorithm: pkcs1::ALGORITHM_ID,
        subject_public_key: der::asn1::BitStringRef::from_bytes(der).map_err(|_| invalid())?,
    };
    let spki = spki.to_der().map_err(|_| invalid())?;
    let key = PublicEncryptingKey::from_der(&spki).map_err(|_| invalid())?;
    let key = OaepPublicEncryptingKey::new(key).map_err(|_| invalid())?;
    let algorithm = oaep_algorithm(hash)?;
    if data.len() > key.max_plaintext_size(algorithm) {
        return Err(operation_error(
            "the data is too long for RSA-OAEP with this key",
        ));
    }
    let mut ciphertext = vec![0; key.ciphertext_size()];
    let length = key
        .encrypt(algorithm, data, &mut ciphertext, label)
        .map_err(|_| operation_error("RSA-OAEP encryption failed"))?
        .len();
    ciphertext.truncate(length);
    Ok(ciphertext)
}

pub fn decrypt(hash: &str, label: Option<&[u8]>, der: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let invalid = || data_error("invalid RSA private key");
    let pkcs8 = pkcs8::PrivateKeyInfo::new(pkcs1::ALGORITHM_ID, der)
        .to_der()
        .map_err(|_| invalid())?;
    let key = PrivateDecryptingKey::from_pkcs8(&pkcs8).map_err(|_| invalid())?;
    let key = OaepPrivateDecryptingKey::new(key).map_err(|_| invalid())?;
    let algorithm = oaep_algorithm(hash)?;
    let mut plaintext = vec![0; key.min_output_size()];
    let length = key
        .decrypt(algorithm, data, &mut plaintext, label)
        .map_err(|_| decryption_failed())?
        .len();
    plaintext.truncate(length);
    Ok(plaintext)
}

fn oaep_algorithm(hash: &str) -> CryptoResult<&'static OaepAlgorithm> {
    match hash {
        "SHA-1" => Ok(&OAEP_SHA1_MGF1SHA1),
        "SHA-256" => Ok(&OAEP_SHA256_MGF1SHA256),
        "SHA-384" => Ok(&OAEP_SHA384_MGF1SHA384),
        "SHA-512" => Ok(&OAEP_SHA512_MGF1SHA512),
        other => Err(not_supported(format!("unsupported hash: {other}"))),
    }
}

fn verification_parameters(hash: &str, padding: Padding) -> CryptoResult<RsaParameters> {
    let parameters = match (padding, hash) {
        (Padding::Pkcs1, "SHA-256") => signature::RSA_PKCS1_2048_8192_SHA256,
        (Padding::Pkcs1, "SHA-384") => signature::RSA_PKCS1_2048_8192_SHA384,
        (Padding::Pkcs1, "SHA-512") => signature::RSA_PKCS1_2048_8192_SHA512,
        (Padding::Pss { .. }, "SHA-256") => signature::RSA_PSS_2048_8192_SHA256,
        (Padding::Pss { .. }, "SHA-384") => signature::RSA_PSS_2048_8192_SHA384,
        (Padding::Pss { .. }, "SHA-512") => signature::RSA_PSS_2048_8192_SHA512,
        (_, other) => return Err(not_supported(format!("unsupported hash: {other}"))),
    };
    Ok(match padding {
        Padding::Pkcs1 => parameters,
        Padding::Pss { salt } => parameters.with_pss_salt_length(pss_salt(salt)?),
    })
}

/// The encoding to sign with. aws-lc-rs takes it by `'static` reference;
/// a PSS salt length other than the hash's is made once and kept. The salt
/// cannot exceed the modulus (at most `KEY_BITS.end() / 8` bytes), so the
/// kept encodings are bounded: a few thousand of a few dozen bytes each.
fn signing_encoding(
    hash: &str,
    padding: Padding,
    modulus_bytes: usize,
) -> CryptoResult<&'static dyn RsaEncoding> {
    let salt = match (padding, hash) {
        (Padding::Pkcs1, "SHA-256") => return Ok(&signature::RSA_PKCS1_SHA256),
        (Padding::Pkcs1, "SHA-384") => return Ok(&signature::RSA_PKCS1_SHA384),
        (Padding::Pkcs1, "SHA-512") => return Ok(&signature::RSA_PKCS1_SHA512),
        (Padding::Pss { salt }, _) => salt,
        (Padding::Pkcs1, other) => return Err(not_supported(format!("unsupported hash: {other}"))),
    };
    let (base, hash_bytes) = match hash {
        "SHA-256" => (signature::RSA_PSS_SHA256, 32),
        "SHA-384" => (signature::RSA_PSS_SHA384, 48),
        "SHA-512" => (signature::RSA_PSS_SHA512, 64),
        other => return Err(not_supported(format!("unsupported hash: {other}"))),
    };
    // RFC 8017 9.1.1: the encoded message holds the hash, the salt and two bytes.
    if salt + hash_bytes + 2 > modulus_bytes {
        return Err(operation_error("saltLength is too long for this key"));
    }
    // Kept by (hash length, salt length): the hash length names the hash.
    type Kept = (usize, usize, &'static RsaSignatureEncoding);
    static KEPT: Mutex<Vec<Kept>> = Mutex::new(Vec::new());
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    let found = kept
        .iter()
        .find(|(hash, length, _)| (*hash, *length) == (hash_bytes, salt));
    if let Some((_, _, encoding)) = found {
        return Ok(*encoding);
    }
    let encoding: &'static RsaSignatureEncoding =
        Box::leak(Box::new(base.with_pss_salt_length(pss_salt(salt)?)));
    kept.push((hash_bytes, salt, encoding));
    Ok(encoding)
}

fn pss_salt(salt: usize) -> CryptoResult<RsaPssSaltLength> {
    let salt = u16::try_from(salt).map_err(|_| operation_error("saltLength is too long"))?;
    Ok(RsaPssSaltLength::Custom(salt))
}
