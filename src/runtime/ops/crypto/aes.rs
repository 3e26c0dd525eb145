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

fn gcm_nonce<C: Aes>(
    params: &Params,
    key: &[u8],
    data: &[u8],
    encrypt: bool,
) -> CryptoResult<Vec<u8>> {
    let iv = params.iv.as_deref().unwrap_or_default();
    match iv.len() {
        12 => gcm_tag::<C, U12>(params, key, data, encrypt),
        16 => gcm_tag::<C, U16>(params, key, data, encrypt),
        other => Err(operation_error(format!(
            "AES-GCM supports 96- and 128-bit IVs here, not {} bits",
            other * 8
        ))),
    }
}

fn gcm_tag<C: Aes, N: ArrayLength<u8>>(
    params: &Params,
    key: &[u8],
    data: &[u8],
    encrypt: bool,
) -> CryptoResult<Vec<u8>> {
    match params.tag_length.unwrap_or(128) {
        96 => gcm::<C, N, U12>(params, key, data, encrypt),
        104 => gcm::<C, N, U13>(params, key, data, encrypt),
        112 => gcm::<C, N, U14>(params, key, data, encrypt),
        120 => gcm::<C, N, U15>(params, key, data, encrypt),
        128 => gcm::<C, N, U16>(params, key, data, encrypt),
        other => Err(operation_error(format!(
            "unsupported AES-GCM tag length: {other}"
        ))),
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
        if data.len() < 16 || data.len() % 8 != 0 {
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
