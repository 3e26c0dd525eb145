//! The digests of `node:crypto`'s `createHash` and `createHmac`, by Node's
//! algorithm names.

use hmac::{Mac, SimpleHmac};
use sha2::Digest;

/// Runs `$body` with `$h` bound to the digest type Node's name `$name`
/// stands for, or evaluates to None.
macro_rules! with_node_hash {
    ($name:expr, $h:ident => $body:expr) => {
        match $name.to_ascii_lowercase().as_str() {
            "md5" => {
                type $h = md5::Md5;
                Some($body)
            }
            "sha1" => {
                type $h = sha1::Sha1;
                Some($body)
            }
            "sha256" => {
                type $h = sha2::Sha256;
                Some($body)
            }
            "sha384" => {
                type $h = sha2::Sha384;
                Some($body)
            }
            "sha512" => {
                type $h = sha2::Sha512;
                Some($body)
            }
            _ => None,
        }
    };
}

/// The digest of `data`; None for an algorithm Node names but NANO lacks.
pub fn digest(algorithm: &str, data: &[u8]) -> Option<Vec<u8>> {
    with_node_hash!(algorithm, H => H::digest(data).to_vec())
}

/// The HMAC of `data` under `key`.
pub fn hmac(algorithm: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    with_node_hash!(algorithm, H => {
        let mut mac = SimpleHmac::<H>::new_from_slice(key).expect("HMAC takes keys of any length");
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn digests_match_the_known_vectors() {
        let md5 = digest("md5", b"abc").unwrap();
        assert_eq!(hex(&md5), "900150983cd24fb0d6963f7d28e17f72");
        let sha1 = digest("SHA1", b"abc").unwrap();
        assert_eq!(hex(&sha1), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert!(digest("whirlpool", b"abc").is_none());
    }

    #[test]
    fn hmac_matches_rfc_4231_case_2() {
        let mac = hmac("sha256", b"Jefe", b"what do ya want for nothing?").unwrap();
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
