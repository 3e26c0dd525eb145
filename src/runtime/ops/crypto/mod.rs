//! Web Crypto's native half. Every op is stateless: JavaScript keeps each
//! CryptoKey's material as bytes in a private slot and passes it back in.
//!
//! Key material as JavaScript holds it:
//! - secret keys (AES, HMAC, PBKDF2, HKDF): the raw key bytes;
//! - EC private keys: the scalar `d`; EC public keys: the uncompressed point;
//! - Ed25519/X25519: the 32-byte private key or the 32-byte public key;
//! - RSA: PKCS #1 DER (`RSAPrivateKey` or `RSAPublicKey`).
//!
//! Failures carry the DOMException name the spec asks for; the JavaScript
//! side turns them into DOMExceptions.

mod aes;
mod digest;
mod ec;
mod hmac;
mod kdf;
mod keys;
mod okp;
mod rsa;

use crate::v8::{ErrorKind, JsResult, Kind, Local, OpCall, Scope, Throw, Value};

/// A failure with the DOMException name it should surface as.
#[derive(Debug)]
pub struct CryptoError {
    pub name: &'static str,
    pub message: String,
}

pub type CryptoResult<T> = Result<T, CryptoError>;

pub fn error(name: &'static str, message: impl Into<String>) -> CryptoError {
    CryptoError {
        name,
        message: message.into(),
    }
}

pub fn data_error(message: impl Into<String>) -> CryptoError {
    error("DataError", message)
}

pub fn operation_error(message: impl Into<String>) -> CryptoError {
    error("OperationError", message)
}

pub fn not_supported(message: impl Into<String>) -> CryptoError {
    error("NotSupportedError", message)
}

/// The normalized algorithm parameters JavaScript passes to every op.
#[derive(Debug, Default)]
pub struct Params {
    pub name: String,
    pub hash: Option<String>,
    pub named_curve: Option<String>,
    pub iv: Option<Vec<u8>>,
    pub additional_data: Option<Vec<u8>>,
    pub tag_length: Option<u32>,
    pub counter: Option<Vec<u8>>,
    pub length: Option<u32>,
    pub label: Option<Vec<u8>>,
    pub salt_length: Option<u32>,
    pub salt: Option<Vec<u8>>,
    pub info: Option<Vec<u8>>,
    pub iterations: Option<u32>,
    pub modulus_length: Option<u32>,
    pub public_exponent: Option<Vec<u8>>,
    /// The peer's public key material, for ECDH and X25519.
    pub public: Option<Vec<u8>>,
}

impl Params {
    pub fn hash(&self) -> CryptoResult<&str> {
        self.hash
            .as_deref()
            .ok_or_else(|| not_supported(format!("{} needs a hash", self.name)))
    }

    pub fn curve(&self) -> CryptoResult<&str> {
        self.named_curve
            .as_deref()
            .ok_or_else(|| not_supported(format!("{} needs a named curve", self.name)))
    }
}

fn read_params<'s>(call: &OpCall<'s>, index: usize) -> JsResult<'s, Params> {
    let scope = call.scope;
    let object = call.arg(index);
    if !object.is_object() {
        return Err(call.type_error("algorithm parameters must be an object"));
    }
    let string = |key: &str| -> JsResult<'s, Option<String>> {
        let value = scope.get(object, key)?;
        Ok(scope.string_value(value))
    };
    let bytes = |key: &str| -> JsResult<'s, Option<Vec<u8>>> {
        let value = scope.get(object, key)?;
        Ok(scope.bytes(value))
    };
    let number = |key: &str| -> JsResult<'s, Option<u32>> {
        let value = scope.get(object, key)?;
        Ok(value
            .as_number()
            .filter(|n| n.is_finite() && *n >= 0.0 && *n <= f64::from(u32::MAX))
            .map(|n| n as u32))
    };
    Ok(Params {
        name: string("name")?.unwrap_or_default(),
        hash: string("hash")?,
        named_curve: string("namedCurve")?,
        iv: bytes("iv")?,
        additional_data: bytes("additionalData")?,
        tag_length: number("tagLength")?,
        counter: bytes("counter")?,
        length: number("length")?,
        label: bytes("label")?,
        salt_length: number("saltLength")?,
        salt: bytes("salt")?,
        info: bytes("info")?,
        iterations: number("iterations")?,
        modulus_length: number("modulusLength")?,
        public_exponent: bytes("publicExponent")?,
        public: bytes("public")?,
    })
}

fn bytes_arg<'s>(call: &OpCall<'s>, index: usize, what: &str) -> JsResult<'s, Vec<u8>> {
    call.scope
        .bytes(call.arg(index))
        .ok_or_else(|| call.type_error(&format!("{what} must be a BufferSource")))
}

/// Throws `error` as an Error whose `cryptoErrorName` names the DOMException.
fn throw<'s>(scope: &'s Scope<'_>, error: CryptoError) -> Throw<'s> {
    let value = scope.error(ErrorKind::Error, &error.message);
    let name = scope.string(error.name);
    if let Err(thrown) = scope.set(value, "cryptoErrorName", name) {
        return thrown;
    }
    Throw::Exception {
        value,
        message: None,
    }
}

fn finish<'s, T>(call: &OpCall<'s>, result: CryptoResult<T>) -> JsResult<'s, T> {
    result.map_err(|error| throw(call.scope, error))
}

fn return_buffer(call: &OpCall<'_>, bytes: &[u8]) {
    call.set_return(call.scope.array_buffer(bytes));
}

/// `op_crypto_random(length)` → Uint8Array of that many random bytes.
pub fn op_crypto_random<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let length = call.number_arg(0, "length")?;
    if !(0.0..=f64::from(1u32 << 24)).contains(&length) {
        return Err(call.type_error("length out of range"));
    }
    let mut bytes = vec![0u8; length as usize];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    call.set_return(call.scope.uint8_array(&bytes));
    Ok(())
}

/// `op_crypto_digest(hash, data)` → ArrayBuffer.
pub fn op_crypto_digest<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let hash = call.string_arg(0, "hash")?;
    let data = bytes_arg(call, 1, "data")?;
    let out = finish(call, digest::digest(&hash, &data))?;
    return_buffer(call, &out);
    Ok(())
}

/// `op_crypto_sign(params, keyData, data)` → ArrayBuffer.
pub fn op_crypto_sign<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let params = read_params(call, 0)?;
    let key = bytes_arg(call, 1, "key")?;
    let data = bytes_arg(call, 2, "data")?;
    let result = match params.name.as_str() {
        "HMAC" => hmac::sign(&params, &key, &data),
        "ECDSA" => ec::sign(&params, &key, &data),
        "Ed25519" => okp::sign(&key, &data),
        "RSASSA-PKCS1-v1_5" | "RSA-PSS" => rsa::sign(&params, &key, &data),
        other => Err(not_supported(format!("{other} cannot sign"))),
    };
    let out = finish(call, result)?;
    return_buffer(call, &out);
    Ok(())
}

/// `op_crypto_verify(params, keyData, signature, data)` → boolean.
pub fn op_crypto_verify<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let params = read_params(call, 0)?;
    let key = bytes_arg(call, 1, "key")?;
    let signature = bytes_arg(call, 2, "signature")?;
    let data = bytes_arg(call, 3, "data")?;
    let result = match params.name.as_str() {
        "HMAC" => hmac::verify(&params, &key, &signature, &data),
        "ECDSA" => ec::verify(&params, &key, &signature, &data),
        "Ed25519" => okp::verify(&key, &signature, &data),
        "RSASSA-PKCS1-v1_5" | "RSA-PSS" => rsa::verify(&params, &key, &signature, &data),
        other => Err(not_supported(format!("{other} cannot verify"))),
    };
    let ok = finish(call, result)?;
    call.set_return(call.scope.boolean(ok));
    Ok(())
}

/// `op_crypto_encrypt(params, keyData, data)` → ArrayBuffer.
pub fn op_crypto_encrypt<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    cipher(call, true)
}

/// `op_crypto_decrypt(params, keyData, data)` → ArrayBuffer.
pub fn op_crypto_decrypt<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    cipher(call, false)
}

fn cipher<'s>(call: &OpCall<'s>, encrypt: bool) -> JsResult<'s, ()> {
    let params = read_params(call, 0)?;
    let key = bytes_arg(call, 1, "key")?;
    let data = bytes_arg(call, 2, "data")?;
    let result = match params.name.as_str() {
        "AES-GCM" | "AES-CBC" | "AES-CTR" | "AES-KW" => aes::cipher(&params, &key, &data, encrypt),
        "RSA-OAEP" => rsa::oaep(&params, &key, &data, encrypt),
        other => Err(not_supported(format!("{other} cannot encrypt or decrypt"))),
    };
    let out = finish(call, result)?;
    return_buffer(call, &out);
    Ok(())
}

/// `op_crypto_derive_bits(params, keyData, lengthInBits | null)` → ArrayBuffer.
pub fn op_crypto_derive_bits<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let params = read_params(call, 0)?;
    let key = bytes_arg(call, 1, "key")?;
    let length = match call.arg(2).kind() {
        Kind::Undefined | Kind::Null => None,
        _ => Some(call.number_arg(2, "length")? as usize),
    };
    let result = match params.name.as_str() {
        "PBKDF2" => kdf::pbkdf2(&params, &key, length),
        "HKDF" => kdf::hkdf(&params, &key, length),
        "ECDH" => ec::derive(&params, &key).and_then(|secret| truncate_bits(secret, length)),
        "X25519" => okp::derive(&params, &key).and_then(|secret| truncate_bits(secret, length)),
        other => Err(not_supported(format!("{other} cannot derive bits"))),
    };
    let out = finish(call, result)?;
    return_buffer(call, &out);
    Ok(())
}

/// The first `length` bits of a shared secret (all of it for `None`).
fn truncate_bits(mut secret: Vec<u8>, length: Option<usize>) -> CryptoResult<Vec<u8>> {
    let Some(bits) = length else {
        return Ok(secret);
    };
    if bits > secret.len() * 8 {
        return Err(operation_error("length is longer than the shared secret"));
    }
    secret.truncate(bits.div_ceil(8));
    if bits % 8 != 0 {
        if let Some(last) = secret.last_mut() {
            *last &= 0xffu8 << (8 - bits % 8);
        }
    }
    Ok(secret)
}

/// `op_crypto_generate_key_pair(params)` → `{ privateKey, publicKey }` as
/// Uint8Arrays of key material.
pub fn op_crypto_generate_key_pair<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let params = read_params(call, 0)?;
    let result = match params.name.as_str() {
        "ECDSA" | "ECDH" => ec::generate(&params),
        "Ed25519" | "X25519" => Ok(okp::generate(&params.name)),
        "RSASSA-PKCS1-v1_5" | "RSA-PSS" | "RSA-OAEP" => rsa::generate(&params),
        other => Err(not_supported(format!("{other} has no key pairs"))),
    };
    let (private, public) = finish(call, result)?;
    let scope = call.scope;
    let pair = scope.object();
    scope.set(pair, "privateKey", scope.uint8_array(&private))?;
    scope.set(pair, "publicKey", scope.uint8_array(&public))?;
    call.set_return(pair);
    Ok(())
}

/// `op_crypto_import_key(params, format, data)`, with `data` a BufferSource
/// or, for "jwk", the JSON text of the key. Returns `{ type, data, ... }`.
pub fn op_crypto_import_key<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let params = read_params(call, 0)?;
    let format = call.string_arg(1, "format")?;
    let input = if format == "jwk" {
        keys::Input::Jwk(call.string_arg(2, "jwk")?)
    } else {
        keys::Input::Bytes(bytes_arg(call, 2, "keyData")?)
    };
    let imported = finish(call, keys::import(&params, &format, input))?;
    let scope = call.scope;
    let out = scope.object();
    scope.set(out, "type", scope.string(imported.kind))?;
    scope.set(out, "data", scope.uint8_array(&imported.data))?;
    if let Some(curve) = imported.named_curve {
        scope.set(out, "namedCurve", scope.string(&curve))?;
    }
    if let Some((bits, exponent)) = imported.rsa {
        scope.set(out, "modulusLength", scope.number(f64::from(bits)))?;
        scope.set(out, "publicExponent", scope.uint8_array(&exponent))?;
    }
    call.set_return(out);
    Ok(())
}

/// `op_crypto_export_key(params, format, type, keyData)` → ArrayBuffer, or
/// for "jwk" the JSON text of the key's material fields.
pub fn op_crypto_export_key<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let params = read_params(call, 0)?;
    let format = call.string_arg(1, "format")?;
    let kind = call.string_arg(2, "type")?;
    let key = bytes_arg(call, 3, "key")?;
    let exported = finish(call, keys::export(&params, &format, &kind, &key))?;
    let value: Local<'s, Value> = match exported {
        keys::Output::Bytes(bytes) => call.scope.array_buffer(&bytes),
        keys::Output::Jwk(text) => call.scope.try_string(&text)?,
    };
    call.set_return(value);
    Ok(())
}
