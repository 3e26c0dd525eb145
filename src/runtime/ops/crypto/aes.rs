//! AES in GCM, CBC, CTR and key-wrap (RFC 3394) modes.

use aes::cipher::consts::{U12, U13, U14, U15, U16};
use aes::cipher::generic_array::{ArrayLength, GenericArray};
use aes::cipher::{
    BlockCipher, BlockDecrypt, BlockDecryptMut, BlockEncrypt, BlockEncryptMut, BlockSizeUser,
};
use aes::cipher::{KeyInit, KeyIvInit, StreamCipher};
use aes::{Aes128, Aes192, Aes256};
use aes_gcm::aead::{Aead, Payload};
use aes_gcm::{AesGcm, TagSize};
use cbc::cipher::block_padding::Pkcs7;
use ghash::universal_hash::UniversalHash;
use ghash::GHash;
use subtle::ConstantTimeEq;

use super::{data_error, operation_error, CryptoResult, Params};

/// Encrypts or decrypts `data` with the mode `params.name` names.
pub fn cipher(params: &Params, key: &[u8], data: &[u8], encrypt: bool) -> CryptoResult<Vec<u8>> {
    match key.len() {
        16 => with_cipher::<Aes128>(params, key, data, encrypt),
        24 => with_cipher::<Aes192>(params, key, data, encrypt),
        32 => with_cipher::<Aes256>(params, key, data, encrypt),
        _ => Err(data_error("AES keys are 128, 192 or 256 bits")),
    }
}

/// The bounds every mode needs of the block cipher.
trait Aes:
    BlockCipher + BlockSizeUser<BlockSize = U16> + BlockEncrypt + BlockDecrypt + KeyInit + Clone
{
}
impl<T> Aes for T where
    T: BlockCipher + BlockSizeUser<BlockSize = U16> + BlockEncrypt + BlockDecrypt + KeyInit + Clone
{
}

fn with_cipher<C: Aes>(
    params: &Params,
    key: &[u8],
    data: &[u8],
    encrypt: bool,
) -> CryptoResult<Vec<u8>> {
    match params.name.as_str() {
        "AES-GCM" => gcm_nonce::<C>(params, key, data, encrypt),
        "AES-CBC" => cbc::<C>(params, key, data, encrypt),
        "AES-CTR" => ctr::<C>(params, key, data),
        _ => key_wrap::<C>(key, data, encrypt),
    }
}

/// The 96-bit IV with a tag of 96 to 128 bits goes to the `aes-gcm` crate;
/// any other IV length (WebCrypto allows any non-empty one) or a 32- or
/// 64-bit tag to [`gcm_any_iv`].
fn gcm_nonce<C: Aes>(
    params: &Params,
    key: &[u8],
    data: &[u8],
    encrypt: bool,
) -> CryptoResult<Vec<u8>> {
    let iv = params.iv.as_deref().unwrap_or_default();
    if iv.is_empty() {
        return Err(operation_error("AES-GCM needs a non-empty iv"));
    }
    let tag_bits = params.tag_length.unwrap_or(128);
    match (iv.len(), tag_bits) {
        (12, 96) => gcm::<C, U12, U12>(params, key, data, encrypt),
        (12, 104) => gcm::<C, U12, U13>(params, key, data, encrypt),
        (12, 112) => gcm::<C, U12, U14>(params, key, data, encrypt),
        (12, 120) => gcm::<C, U12, U15>(params, key, data, encrypt),
        (12, 128) => gcm::<C, U12, U16>(params, key, data, encrypt),
        (_, 32 | 64 | 96 | 104 | 112 | 120 | 128) => {
            gcm_any_iv::<C>(params, key, data, encrypt, tag_bits as usize / 8)
        }
        (_, other) => Err(operation_error(format!(
            "unsupported AES-GCM tag length: {other}"
        ))),
    }
}

/// GCM as NIST SP 800-38D defines it, for any IV length: the pre-counter
/// block J0 is GHASH(IV || 0-padding || [len(IV)]64) (IV || 0^31 || 1 for a
/// 96-bit IV), the payload is XORed with AES-CTR from inc32(J0), and the tag
/// is AES(J0) XOR GHASH(A, C), cut to `tag_len` bytes.
fn gcm_any_iv<C: Aes>(
    params: &Params,
    key: &[u8],
    data: &[u8],
    encrypt: bool,
    tag_len: usize,
) -> CryptoResult<Vec<u8>> {
    let iv = params.iv.as_deref().unwrap_or_default();
    let aad = params.additional_data.as_deref().unwrap_or_default();
    let cipher = C::new_from_slice(key).map_err(|_| data_error("bad AES key"))?;
    let mut hash_key = ghash::Block::default();
    cipher.encrypt_block(&mut hash_key);
    let pre_counter = if iv.len() == 12 {
        let mut block = ghash::Block::default();
        block[..12].copy_from_slice(iv);
        block[15] = 1;
        block
    } else {
        let mut ghash = GHash::new(&hash_key);
        ghash.update_padded(iv);
        ghash.update(&[gcm_lengths_block(0, iv.len())]);
        ghash.finalize()
    };
    let tag_of = |ciphertext: &[u8]| {
        let mut ghash = GHash::new(&hash_key);
        ghash.update_padded(aad);
        ghash.update_padded(ciphertext);
        ghash.update(&[gcm_lengths_block(aad.len(), ciphertext.len())]);
        let mut tag = ghash.finalize();
        let mut mask = pre_counter;
        cipher.encrypt_block(&mut mask);
        tag.iter_mut().zip(mask.iter()).for_each(|(t, m)| *t ^= m);
        tag
    };
    if encrypt {
        let mut out = data.to_vec();
        gcm_ctr(&cipher, &pre_counter, &mut out);
        let tag = tag_of(&out);
        out.extend_from_slice(&tag[..tag_len]);
        Ok(out)
    } else {
        let Some(split) = data.len().checked_sub(tag_len) else {
            return Err(operation_error(
                "The operation failed for an operation-specific reason",
            ));
        };
        let (ciphertext, received) = data.split_at(split);
        if !bool::from(tag_of(ciphertext)[..tag_len].ct_eq(received)) {
            return Err(operation_error(
                "The operation failed for an operation-specific reason",
            ));
        }
        let mut out = ciphertext.to_vec();
        gcm_ctr(&cipher, &pre_counter, &mut out);
        Ok(out)
    }
}

/// [len(A)]64 || [len(C)]64, in bits.
fn gcm_lengths_block(aad_bytes: usize, text_bytes: usize) -> ghash::Block {
    let mut block = ghash::Block::default();
    block[..8].copy_from_slice(&(aad_bytes as u64 * 8).to_be_bytes());
    block[8..].copy_from_slice(&(text_bytes as u64 * 8).to_be_bytes());
    block
}

/// GCTR from inc32(J0): the low 32 bits of the counter wrap, as GCM says
/// (a counter crate that refuses to wrap would fail on some IVs).
fn gcm_ctr<C: Aes>(cipher: &C, pre_counter: &ghash::Block, data: &mut [u8]) {
    let mut counter = *pre_counter;
    let mut low = u32::from_be_bytes([counter[12], counter[13], counter[14], counter[15]]);
    for chunk in data.chunks_mut(16) {
        low = low.wrapping_add(1);
        counter[12..].copy_from_slice(&low.to_be_bytes());
        let mut keystream = counter;
        cipher.encrypt_block(&mut keystream);
        chunk
            .iter_mut()
            .zip(keystream.iter())
            .for_each(|(d, k)| *d ^= k);
    }
}

fn gcm<C: Aes, N: ArrayLength<u8>, T: TagSize>(
    params: &Params,
    key: &[u8],
    data: &[u8],
    encrypt: bool,
) -> CryptoResult<Vec<u8>> {
    let cipher = AesGcm::<C, N, T>::new_from_slice(key).map_err(|_| data_error("bad AES key"))?;
    let iv = params.iv.as_deref().unwrap_or_default();
    let nonce = GenericArray::from_slice(iv);
    let payload = Payload {
        msg: data,
        aad: params.additional_data.as_deref().unwrap_or_default(),
    };
    if encrypt {
        cipher
            .encrypt(nonce, payload)
            .map_err(|_| operation_error("AES-GCM encryption failed"))
    } else {
        cipher
            .decrypt(nonce, payload)
            .map_err(|_| operation_error("The operation failed for an operation-specific reason"))
    }
}

fn cbc<C: Aes>(params: &Params, key: &[u8], data: &[u8], encrypt: bool) -> CryptoResult<Vec<u8>> {
    let iv = params.iv.as_deref().unwrap_or_default();
    if iv.len() != 16 {
        return Err(operation_error("AES-CBC needs a 16-byte iv"));
    }
    if encrypt {
        let cipher =
            cbc::Encryptor::<C>::new_from_slices(key, iv).map_err(|_| data_error("bad AES key"))?;
        Ok(cipher.encrypt_padded_vec_mut::<Pkcs7>(data))
    } else {
        let cipher =
            cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| data_error("bad AES key"))?;
        cipher
            .decrypt_padded_vec_mut::<Pkcs7>(data)
            .map_err(|_| operation_error("The operation failed for an operation-specific reason"))
    }
}

/// CTR where only the rightmost `length` bits of the counter block count:
/// they wrap to zero while the rest of the block stays.
fn ctr<C: Aes>(params: &Params, key: &[u8], data: &[u8]) -> CryptoResult<Vec<u8>> {
    let counter = params.counter.as_deref().unwrap_or_default();
    let counter: [u8; 16] = counter
        .try_into()
        .map_err(|_| operation_error("AES-CTR needs a 16-byte counter"))?;
    let length = params.length.unwrap_or(0);
    if length == 0 || length > 128 {
        return Err(operation_error(
            "AES-CTR counter length must be 1 to 128 bits",
        ));
    }
    let mask = if length == 128 {
        u128::MAX
    } else {
        (1u128 << length) - 1
    };
    let blocks = data.len().div_ceil(16) as u128;
    if length < 128 && blocks > mask + 1 {
        return Err(operation_error("AES-CTR counter would repeat"));
    }
    let mut block = u128::from_be_bytes(counter);
    let mut out = data.to_vec();
    let mut offset = 0usize;
    while offset < out.len() {
        let until_wrap = (mask - (block & mask)).saturating_add(1);
        let chunk = usize::try_from(until_wrap.saturating_mul(16))
            .unwrap_or(usize::MAX)
            .min(out.len() - offset);
        let mut stream = ctr::Ctr128BE::<C>::new_from_slices(key, &block.to_be_bytes())
            .map_err(|_| data_error("bad AES key"))?;
        stream.apply_keystream(&mut out[offset..offset + chunk]);
        offset += chunk;
        block &= !mask;
    }
    Ok(out)
}

fn key_wrap<C: Aes>(key: &[u8], data: &[u8], wrap: bool) -> CryptoResult<Vec<u8>> {
    let kek = aes_kw::Kek::<C>::new(GenericArray::from_slice(key));
    if wrap {
        if data.len() < 16 || !data.len().is_multiple_of(8) {
            return Err(operation_error(
                "AES-KW wraps a multiple of 64 bits, at least 128",
            ));
        }
        kek.wrap_vec(data)
            .map_err(|_| operation_error("AES-KW wrap failed"))
    } else {
        kek.unwrap_vec(data)
            .map_err(|_| operation_error("The operation failed for an operation-specific reason"))
    }
}
