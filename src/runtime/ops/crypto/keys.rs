//! Key formats: raw, JWK, PKCS #8 and SubjectPublicKeyInfo, to and from the
//! key material JavaScript keeps (see the module documentation).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use der::asn1::{BitStringRef, OctetStringRef};
use der::{Decode, Encode};
use pkcs8::{AlgorithmIdentifierRef, ObjectIdentifier, PrivateKeyInfo};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, RsaPrivateKey};
use serde_json::{json, Map, Value};
use spki::SubjectPublicKeyInfoRef;

use super::ec::{self, with_curve};
use super::{
    data_error, error, not_supported, okp, operation_error, rsa as rsa_ops, CryptoResult, Params,
};

pub enum Input {
    Bytes(Vec<u8>),
    /// The JSON text of a JsonWebKey.
    Jwk(String),
}

pub enum Output {
    Bytes(Vec<u8>),
    /// The JSON text of the key's material fields (kty, crv, n, x, d, k, ...).
    Jwk(String),
}

pub struct Imported {
    /// "secret", "public" or "private".
    pub kind: &'static str,
    pub data: Vec<u8>,
    pub named_curve: Option<String>,
    /// Modulus length in bits and public exponent, for RSA keys.
    pub rsa: Option<(u32, Vec<u8>)>,
}

impl Imported {
    fn new(kind: &'static str, data: Vec<u8>) -> Self {
        Imported {
            kind,
            data,
            named_curve: None,
            rsa: None,
        }
    }
}

const ED25519_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const X25519_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

fn family(name: &str) -> CryptoResult<Family> {
    Ok(match name {
        "AES-GCM" | "AES-CBC" | "AES-CTR" | "AES-KW" | "HMAC" | "PBKDF2" | "HKDF" => Family::Secret,
        "ECDSA" | "ECDH" => Family::Ec,
        "Ed25519" | "X25519" => Family::Okp,
        "RSASSA-PKCS1-v1_5" | "RSA-PSS" | "RSA-OAEP" => Family::Rsa,
        other => return Err(not_supported(format!("unsupported algorithm: {other}"))),
    })
}

enum Family {
    Secret,
    Ec,
    Okp,
    Rsa,
}

fn unsupported_format(format: &str, name: &str) -> super::CryptoError {
    not_supported(format!("the {format} format is not supported for {name}"))
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The parsed JWK and a reader of its base64url members.
struct Jwk(Map<String, Value>);

impl Jwk {
    fn parse(text: &str) -> CryptoResult<Jwk> {
        match serde_json::from_str(text) {
            Ok(Value::Object(map)) => Ok(Jwk(map)),
            _ => Err(data_error("invalid JWK")),
        }
    }

    fn string(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }

    fn expect_kty(&self, kty: &str) -> CryptoResult<()> {
        if self.string("kty") != Some(kty) {
            return Err(data_error(format!("the JWK's kty must be \"{kty}\"")));
        }
        Ok(())
    }

    fn bytes(&self, key: &str) -> CryptoResult<Option<Vec<u8>>> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => URL_SAFE_NO_PAD
                .decode(text.trim_end_matches('='))
                .map(Some)
                .map_err(|_| data_error(format!("the JWK member \"{key}\" is not base64url"))),
            Some(_) => Err(data_error(format!(
                "the JWK member \"{key}\" must be a string"
            ))),
        }
    }

    fn required(&self, key: &str) -> CryptoResult<Vec<u8>> {
        self.bytes(key)?
            .ok_or_else(|| data_error(format!("the JWK has no \"{key}\" member")))
    }
}

pub fn import(params: &Params, format: &str, input: Input) -> CryptoResult<Imported> {
    let name = params.name.as_str();
    match (family(name)?, format, input) {
        (Family::Secret, "raw", Input::Bytes(bytes)) => Ok(Imported::new("secret", bytes)),
        (Family::Secret, "jwk", Input::Jwk(text)) => {
            let jwk = Jwk::parse(&text)?;
            jwk.expect_kty("oct")?;
            Ok(Imported::new("secret", jwk.required("k")?))
        }
        (Family::Ec, format, input) => import_ec(params, format, input),
        (Family::Okp, format, input) => import_okp(name, format, input),
        (Family::Rsa, format, input) => import_rsa(name, format, input),
        (_, format, _) => Err(unsupported_format(format, name)),
    }
}

fn import_ec(params: &Params, format: &str, input: Input) -> CryptoResult<Imported> {
    let curve = params.curve()?;
    let (kind, data) = match (format, input) {
        ("raw", Input::Bytes(bytes)) => (
            "public",
            with_curve!(curve, c => c::public_from_sec1(&bytes))?,
        ),
        ("spki", Input::Bytes(bytes)) => (
            "public",
            with_curve!(curve, c => c::public_from_spki(&bytes))?,
        ),
        ("pkcs8", Input::Bytes(bytes)) => (
            "private",
            with_curve!(curve, c => c::private_from_pkcs8(&bytes))?,
        ),
        ("jwk", Input::Jwk(text)) => {
            let jwk = Jwk::parse(&text)?;
            jwk.expect_kty("EC")?;
            if jwk.string("crv") != Some(curve) {
                return Err(data_error(format!("the JWK's crv must be \"{curve}\"")));
            }
            let (x, y) = (jwk.required("x")?, jwk.required("y")?);
            let point = with_curve!(curve, c => c::public_from_xy(&x, &y))?;
            match jwk.bytes("d")? {
                None => ("public", point),
                Some(d) => {
                    ec::check_scalar(curve, &d)?;
                    if with_curve!(curve, c => c::public_of(&d))? != point {
                        return Err(data_error("the JWK's d does not match x and y"));
                    }
                    ("private", d)
                }
            }
        }
        (format, _) => return Err(unsupported_format(format, &params.name)),
    };
    let mut imported = Imported::new(kind, data);
    imported.named_curve = Some(curve.to_string());
    Ok(imported)
}

fn okp_oid(name: &str) -> ObjectIdentifier {
    if name == "Ed25519" {
        ED25519_OID
    } else {
        X25519_OID
    }
}

fn check_okp_public(name: &str, public: &[u8]) -> CryptoResult<()> {
    if name == "Ed25519" {
        okp::check_ed25519_public(public)
    } else if public.len() != 32 {
        Err(data_error("an X25519 public key is 32 bytes"))
    } else {
        Ok(())
    }
}

fn import_okp(name: &str, format: &str, input: Input) -> CryptoResult<Imported> {
    let oid = okp_oid(name);
    match (format, input) {
        ("raw", Input::Bytes(bytes)) => {
            check_okp_public(name, &bytes)?;
            Ok(Imported::new("public", bytes))
        }
        ("spki", Input::Bytes(bytes)) => {
            let info = SubjectPublicKeyInfoRef::from_der(&bytes)
                .map_err(|_| data_error("invalid SPKI"))?;
            if info.algorithm.oid != oid || info.algorithm.parameters.is_some() {
                return Err(data_error(format!("the SPKI is not an {name} key")));
            }
            let public = info
                .subject_public_key
                .as_bytes()
                .ok_or_else(|| data_error("invalid SPKI key bits"))?;
            check_okp_public(name, public)?;
            Ok(Imported::new("public", public.to_vec()))
        }
        ("pkcs8", Input::Bytes(bytes)) => {
            let info =
                PrivateKeyInfo::from_der(&bytes).map_err(|_| data_error("invalid PKCS #8"))?;
            if info.algorithm.oid != oid || info.algorithm.parameters.is_some() {
                return Err(data_error(format!("the PKCS #8 is not an {name} key")));
            }
            let private = OctetStringRef::from_der(info.private_key)
                .map_err(|_| data_error("invalid PKCS #8 private key"))?;
            if private.as_bytes().len() != 32 {
                return Err(data_error(format!("an {name} private key is 32 bytes")));
            }
            Ok(Imported::new("private", private.as_bytes().to_vec()))
        }
        ("jwk", Input::Jwk(text)) => {
            let jwk = Jwk::parse(&text)?;
            jwk.expect_kty("OKP")?;
            if jwk.string("crv") != Some(name) {
                return Err(data_error(format!("the JWK's crv must be \"{name}\"")));
            }
            let x = jwk.required("x")?;
            check_okp_public(name, &x)?;
            match jwk.bytes("d")? {
                None => Ok(Imported::new("public", x)),
                Some(d) => {
                    if okp::public_of(name, &d)? != x {
                        return Err(data_error("the JWK's d does not match x"));
                    }
                    Ok(Imported::new("private", d))
                }
            }
        }
        (format, _) => Err(unsupported_format(format, name)),
    }
}

fn import_rsa(name: &str, format: &str, input: Input) -> CryptoResult<Imported> {
    let private = match (format, input) {
        ("spki", Input::Bytes(bytes)) => {
            let key = rsa::RsaPublicKey::from_public_key_der(&bytes)
                .map_err(|_| data_error("invalid RSA SPKI"))?;
            return rsa_public_import(&key);
        }
        ("pkcs8", Input::Bytes(bytes)) => {
            RsaPrivateKey::from_pkcs8_der(&bytes).map_err(|_| data_error("invalid RSA PKCS #8"))?
        }
        ("jwk", Input::Jwk(text)) => {
            let jwk = Jwk::parse(&text)?;
            jwk.expect_kty("RSA")?;
            let n = BigUint::from_bytes_be(&jwk.required("n")?);
            let e = BigUint::from_bytes_be(&jwk.required("e")?);
            let Some(d) = jwk.bytes("d")? else {
                let key = rsa::RsaPublicKey::new(n, e)
                    .map_err(|_| data_error("invalid RSA public key"))?;
                return rsa_public_import(&key);
            };
            let d = BigUint::from_bytes_be(&d);
            let primes = [jwk.required("p")?, jwk.required("q")?]
                .iter()
                .map(|prime| BigUint::from_bytes_be(prime))
                .collect();
            let key = RsaPrivateKey::from_components(n, e, d, primes)
                .map_err(|_| data_error("invalid RSA private key"))?;
            key.validate()
                .map_err(|_| data_error("invalid RSA private key"))?;
            key
        }
        (format, _) => return Err(unsupported_format(format, name)),
    };
    let mut imported = Imported::new("private", rsa_ops::private_der(&private)?);
    imported.rsa = Some(rsa_ops::describe(&private.to_public_key()));
    Ok(imported)
}

fn rsa_public_import(key: &rsa::RsaPublicKey) -> CryptoResult<Imported> {
    let mut imported = Imported::new("public", rsa_ops::public_der(key)?);
    imported.rsa = Some(rsa_ops::describe(key));
    Ok(imported)
}

fn invalid_access(message: &str) -> super::CryptoError {
    error("InvalidAccessError", message)
}

fn to_der(value: impl Encode) -> CryptoResult<Vec<u8>> {
    value
        .to_der()
        .map_err(|_| operation_error("cannot encode the key"))
}

pub fn export(params: &Params, format: &str, kind: &str, key: &[u8]) -> CryptoResult<Output> {
    let name = params.name.as_str();
    let public = kind == "public";
    let private = kind == "private";
    let bytes = |data: Vec<u8>| Ok(Output::Bytes(data));
    let jwk = |value: Value| Ok(Output::Jwk(value.to_string()));
    // EC and OKP keys: a private key's JWK adds the private value `d`.
    let asymmetric_jwk = |mut value: Value| {
        if private {
            value["d"] = Value::String(b64(key));
        }
        jwk(value)
    };
    // EC and OKP keys: raw, spki and pkcs8 each fit one key type only.
    let refused = |format: &str| match format {
        "raw" | "spki" | "pkcs8" => {
            Err(invalid_access("the key's type does not allow this format"))
        }
        format => Err(unsupported_format(format, name)),
    };
    match (family(name)?, format) {
        (Family::Secret, "raw") => bytes(key.to_vec()),
        (Family::Secret, "jwk") => jwk(json!({ "kty": "oct", "k": b64(key) })),
        (Family::Ec, format) => {
            let curve = params.curve()?;
            match format {
                "raw" if public => bytes(key.to_vec()),
                "spki" if public => bytes(with_curve!(curve, c => c::public_to_spki(key))?),
                "pkcs8" if private => bytes(with_curve!(curve, c => c::private_to_pkcs8(key))?),
                "jwk" => {
                    let point = if private {
                        with_curve!(curve, c => c::public_of(key))?
                    } else {
                        key.to_vec()
                    };
                    let size = ec::field_size(curve)?;
                    if point.len() != 1 + 2 * size {
                        return Err(data_error("invalid EC public key"));
                    }
                    asymmetric_jwk(json!({
                        "kty": "EC",
                        "crv": curve,
                        "x": b64(&point[1..1 + size]),
                        "y": b64(&point[1 + size..]),
                    }))
                }
                format => refused(format),
            }
        }
        (Family::Okp, format) => {
            let algorithm = AlgorithmIdentifierRef {
                oid: okp_oid(name),
                parameters: None,
            };
            match format {
                "raw" if public => bytes(key.to_vec()),
                "spki" if public => {
                    let bits =
                        BitStringRef::from_bytes(key).map_err(|_| data_error("invalid key"))?;
                    bytes(to_der(SubjectPublicKeyInfoRef {
                        algorithm,
                        subject_public_key: bits,
                    })?)
                }
                "pkcs8" if private => {
                    let inner =
                        to_der(OctetStringRef::new(key).map_err(|_| data_error("invalid key"))?)?;
                    bytes(to_der(PrivateKeyInfo::new(algorithm, &inner))?)
                }
                "jwk" => {
                    let x = if private {
                        okp::public_of(name, key)?
                    } else {
                        key.to_vec()
                    };
                    asymmetric_jwk(json!({ "kty": "OKP", "crv": name, "x": b64(&x) }))
                }
                format => refused(format),
            }
        }
        (Family::Rsa, format) => match format {
            "spki" if public => {
                let document = rsa_ops::public_key(key)?
                    .to_public_key_der()
                    .map_err(|_| operation_error("cannot encode the key"))?;
                bytes(document.as_bytes().to_vec())
            }
            "pkcs8" if private => {
                let document = rsa_ops::private_key(key)?
                    .to_pkcs8_der()
                    .map_err(|_| operation_error("cannot encode the key"))?;
                bytes(document.as_bytes().to_vec())
            }
            "jwk" if public => {
                let key = rsa_ops::public_key(key)?;
                jwk(json!({
                    "kty": "RSA",
                    "n": b64(&key.n().to_bytes_be()),
                    "e": b64(&key.e().to_bytes_be()),
                }))
            }
            "jwk" => jwk(rsa_private_jwk(&rsa_ops::private_key(key)?)?),
            "spki" | "pkcs8" => Err(invalid_access("the key's type does not allow this format")),
            format => Err(unsupported_format(format, name)),
        },
        (_, format) => Err(unsupported_format(format, name)),
    }
}

fn rsa_private_jwk(key: &RsaPrivateKey) -> CryptoResult<Value> {
    let [p, q] = key.primes() else {
        return Err(not_supported("multi-prime RSA keys cannot be exported"));
    };
    let one = BigUint::from(1u32);
    let dp = key.dp().cloned().unwrap_or_else(|| key.d() % (p - &one));
    let dq = key.dq().cloned().unwrap_or_else(|| key.d() % (q - &one));
    let qi = key
        .crt_coefficient()
        .ok_or_else(|| operation_error("cannot compute the CRT coefficient"))?;
    Ok(json!({
        "kty": "RSA",
        "n": b64(&key.n().to_bytes_be()),
        "e": b64(&key.e().to_bytes_be()),
        "d": b64(&key.d().to_bytes_be()),
        "p": b64(&p.to_bytes_be()),
        "q": b64(&q.to_bytes_be()),
        "dp": b64(&dp.to_bytes_be()),
        "dq": b64(&dq.to_bytes_be()),
        "qi": b64(&qi.to_bytes_be()),
    }))
}
