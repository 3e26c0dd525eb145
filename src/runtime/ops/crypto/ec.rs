//! ECDSA and ECDH over P-256, P-384 and P-521.

use super::{data_error, digest, not_supported, operation_error, CryptoResult, Params};

/// The same functions for each curve, over that curve's crate.
macro_rules! curve {
    ($module:ident, $krate:ident, $size:literal) => {
        pub mod $module {
            use $krate::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
            use $krate::ecdsa::{Signature, SigningKey, VerifyingKey};
            use $krate::elliptic_curve::sec1::{FromEncodedPoint, ToEncodedPoint};
            use $krate::pkcs8::{
                DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey,
            };
            use $krate::{EncodedPoint, PublicKey, SecretKey};

            use crate::runtime::ops::crypto::{data_error, operation_error, CryptoResult};

            /// Bytes in a field element (and in a scalar).
            pub const SIZE: usize = $size;

            fn secret(d: &[u8]) -> CryptoResult<SecretKey> {
                SecretKey::from_slice(d).map_err(|_| data_error("invalid EC private key"))
            }

            fn public(point: &[u8]) -> CryptoResult<PublicKey> {
                PublicKey::from_sec1_bytes(point).map_err(|_| data_error("invalid EC public key"))
            }

            fn uncompressed(key: &PublicKey) -> Vec<u8> {
                key.to_encoded_point(false).as_bytes().to_vec()
            }

            pub fn generate() -> (Vec<u8>, Vec<u8>) {
                let key = SecretKey::random(&mut rand::rngs::OsRng);
                (key.to_bytes().to_vec(), uncompressed(&key.public_key()))
            }

            pub fn sign(d: &[u8], prehash: &[u8]) -> CryptoResult<Vec<u8>> {
                let key =
                    SigningKey::from_slice(d).map_err(|_| data_error("invalid EC private key"))?;
                let signature: Signature = key
                    .sign_prehash(prehash)
                    .map_err(|_| operation_error("ECDSA signing failed"))?;
                Ok(signature.to_bytes().to_vec())
            }

            pub fn verify(point: &[u8], prehash: &[u8], signature: &[u8]) -> CryptoResult<bool> {
                let key = VerifyingKey::from_sec1_bytes(point)
                    .map_err(|_| data_error("invalid EC public key"))?;
                let Ok(signature) = Signature::from_slice(signature) else {
                    return Ok(false);
                };
                Ok(key.verify_prehash(prehash, &signature).is_ok())
            }

            pub fn derive(d: &[u8], peer: &[u8]) -> CryptoResult<Vec<u8>> {
                let secret = secret(d)?;
                let peer = public(peer).map_err(|_| operation_error("invalid ECDH public key"))?;
                let shared =
                    $krate::ecdh::diffie_hellman(secret.to_nonzero_scalar(), peer.as_affine());
                Ok(shared.raw_secret_bytes().to_vec())
            }

            /// A SEC1 point (compressed or not) → the uncompressed point.
            pub fn public_from_sec1(bytes: &[u8]) -> CryptoResult<Vec<u8>> {
                Ok(uncompressed(&public(bytes)?))
            }

            pub fn public_from_xy(x: &[u8], y: &[u8]) -> CryptoResult<Vec<u8>> {
                if x.len() != SIZE || y.len() != SIZE {
                    return Err(data_error("invalid EC coordinates"));
                }
                let point = EncodedPoint::from_affine_coordinates(x.into(), y.into(), false);
                let key = Option::<PublicKey>::from(PublicKey::from_encoded_point(&point))
                    .ok_or_else(|| data_error("the point is not on the curve"))?;
                Ok(uncompressed(&key))
            }

            /// The uncompressed public point of a private scalar.
            pub fn public_of(d: &[u8]) -> CryptoResult<Vec<u8>> {
                Ok(uncompressed(&secret(d)?.public_key()))
            }

            pub fn public_from_spki(der: &[u8]) -> CryptoResult<Vec<u8>> {
                let key = PublicKey::from_public_key_der(der)
                    .map_err(|_| data_error("invalid EC SPKI"))?;
                Ok(uncompressed(&key))
            }

            pub fn public_to_spki(point: &[u8]) -> CryptoResult<Vec<u8>> {
                let document = public(point)?
                    .to_public_key_der()
                    .map_err(|_| operation_error("cannot encode the key"))?;
                Ok(document.as_bytes().to_vec())
            }

            pub fn private_from_pkcs8(der: &[u8]) -> CryptoResult<Vec<u8>> {
                let key =
                    SecretKey::from_pkcs8_der(der).map_err(|_| data_error("invalid EC PKCS #8"))?;
                Ok(key.to_bytes().to_vec())
            }

            pub fn private_to_pkcs8(d: &[u8]) -> CryptoResult<Vec<u8>> {
                let document = secret(d)?
                    .to_pkcs8_der()
                    .map_err(|_| operation_error("cannot encode the key"))?;
                Ok(document.as_bytes().to_vec())
            }
        }
    };
}

curve!(p256_curve, p256, 32);
curve!(p384_curve, p384, 48);
curve!(p521_curve, p521, 66);

/// Runs `$body` with `$c` bound to the module of the named curve.
macro_rules! with_curve {
    ($name:expr, $c:ident => $body:expr) => {
        match $name {
            "P-256" => {
                use $crate::runtime::ops::crypto::ec::p256_curve as $c;
                $body
            }
            "P-384" => {
                use $crate::runtime::ops::crypto::ec::p384_curve as $c;
                $body
            }
            "P-521" => {
                use $crate::runtime::ops::crypto::ec::p521_curve as $c;
                $body
            }
            other => Err($crate::runtime::ops::crypto::not_supported(format!(
                "unsupported named curve: {other}"
            ))),
        }
    };
}
pub(crate) use with_curve;

/// The hash of `data`, as ECDSA's integer: left-padded to the field size
/// when shorter (the crates want at least half a field).
fn prehash(params: &Params, data: &[u8], size: usize) -> CryptoResult<Vec<u8>> {
    let hash = digest::digest(params.hash()?, data)?;
    if hash.len() >= size {
        return Ok(hash);
    }
    let mut padded = vec![0u8; size - hash.len()];
    padded.extend_from_slice(&hash);
    Ok(padded)
}

pub fn generate(params: &Params) -> CryptoResult<(Vec<u8>, Vec<u8>)> {
    with_curve!(params.curve()?, c => Ok(c::generate()))
}

pub fn sign(params: &Params, d: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    with_curve!(params.curve()?, c => c::sign(d, &prehash(params, data, c::SIZE)?))
}

pub fn verify(params: &Params, point: &[u8], signature: &[u8], data: &[u8]) -> CryptoResult<bool> {
    with_curve!(params.curve()?, c => c::verify(point, &prehash(params, data, c::SIZE)?, signature))
}

pub fn derive(params: &Params, d: &[u8]) -> CryptoResult<Vec<u8>> {
    let peer = params
        .public
        .as_deref()
        .ok_or_else(|| operation_error("ECDH needs a public key"))?;
    with_curve!(params.curve()?, c => c::derive(d, peer))
}

/// Field size in bytes of a named curve.
pub fn field_size(curve: &str) -> CryptoResult<usize> {
    match curve {
        "P-256" => Ok(p256_curve::SIZE),
        "P-384" => Ok(p384_curve::SIZE),
        "P-521" => Ok(p521_curve::SIZE),
        other => Err(not_supported(format!("unsupported named curve: {other}"))),
    }
}

/// Checks a private scalar's length for its curve.
pub fn check_scalar(curve: &str, d: &[u8]) -> CryptoResult<()> {
    if d.len() != field_size(curve)? {
        return Err(data_error("invalid EC private key length"));
    }
    Ok(())
}
