//! Ed25519 signatures and X25519 key agreement.

use ed25519_dalek::{Signer, Verifier};

use super::{data_error, operation_error, CryptoResult, Params};

fn key32(bytes: &[u8], what: &str) -> CryptoResult<[u8; 32]> {
    bytes
        .try_into()
        .map_err(|_| data_error(format!("{what} must be 32 bytes")))
}

/// A new key pair for "Ed25519" or "X25519": (private, public).
pub fn generate(name: &str) -> (Vec<u8>, Vec<u8>) {
    let mut private = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut private);
    let public = public_of(name, &private).unwrap_or_default();
    (private.to_vec(), public)
}

/// The public key of a private key.
pub fn public_of(name: &str, private: &[u8]) -> CryptoResult<Vec<u8>> {
    let private = key32(private, "an OKP private key")?;
    if name == "Ed25519" {
        Ok(ed25519_dalek::SigningKey::from_bytes(&private)
            .verifying_key()
            .to_bytes()
            .to_vec())
    } else {
        let secret = x25519_dalek::StaticSecret::from(private);
        Ok(x25519_dalek::PublicKey::from(&secret).as_bytes().to_vec())
    }
}

/// Checks an Ed25519 public key decodes to a curve point.
pub fn check_ed25519_public(public: &[u8]) -> CryptoResult<()> {
    let public = key32(public, "an Ed25519 public key")?;
    ed25519_dalek::VerifyingKey::from_bytes(&public)
        .map_err(|_| data_error("invalid Ed25519 public key"))?;
    Ok(())
}

pub fn sign(private: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let key = ed25519_dalek::SigningKey::from_bytes(&key32(private, "an Ed25519 private key")?);
    Ok(key.sign(data).to_bytes().to_vec())
}

pub fn verify(public: &[u8], signature: &[u8], data: &[u8]) -> CryptoResult<bool> {
    let key = ed25519_dalek::VerifyingKey::from_bytes(&key32(public, "an Ed25519 public key")?)
        .map_err(|_| data_error("invalid Ed25519 public key"))?;
    let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
        return Ok(false);
    };
    Ok(key.verify(data, &signature).is_ok())
}

pub fn derive(params: &Params, private: &[u8]) -> CryptoResult<Vec<u8>> {
    let peer = params
        .public
        .as_deref()
        .ok_or_else(|| operation_error("X25519 needs a public key"))?;
    let secret = x25519_dalek::StaticSecret::from(key32(private, "an X25519 private key")?);
    let peer = x25519_dalek::PublicKey::from(key32(peer, "an X25519 public key")?);
    let shared = secret.diffie_hellman(&peer);
    if !shared.was_contributory() {
        return Err(operation_error("X25519 shared secret is all zero"));
    }
    Ok(shared.as_bytes().to_vec())
}
