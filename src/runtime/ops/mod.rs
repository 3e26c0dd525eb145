//! The native functions the bootstrap JavaScript is written over. The table's
//! order is part of the snapshot format: append, never reorder.

mod cache;
mod compression;
mod console;
mod crypto;
mod encoding;
mod errors;
mod fetch;
mod html_rewriter;
mod kv;
mod lazy;
mod node;
mod respond;
mod timers;
mod url;
mod web;

use super::bindings::websocket;
use crate::v8::{JsResult, Local, OpCall, OpDecl, Value};

#[rustfmt::skip]
pub static OPS: &[OpDecl] = &[
    OpDecl { name: "op_print", func: console::op_print },
    OpDecl { name: "op_report_error", func: errors::op_report_error },
    OpDecl { name: "op_promise_state", func: errors::op_promise_state },
    OpDecl { name: "op_proxy_details", func: errors::op_proxy_details },
    OpDecl { name: "op_preview_entries", func: errors::op_preview_entries },
    OpDecl { name: "op_timer_start", func: timers::op_timer_start },
    OpDecl { name: "op_timer_cancel", func: timers::op_timer_cancel },
    OpDecl { name: "op_now", func: timers::op_now },
    OpDecl { name: "op_sleep", func: timers::op_sleep },
    OpDecl { name: "op_encode_utf8", func: encoding::op_encode_utf8 },
    OpDecl { name: "op_decode_utf8", func: encoding::op_decode_utf8 },
    OpDecl { name: "op_encoding_name", func: encoding::op_encoding_name },
    OpDecl { name: "op_text_decoder_new", func: encoding::op_text_decoder_new },
    OpDecl { name: "op_text_decoder_decode", func: encoding::op_text_decoder_decode },
    OpDecl { name: "op_text_decoder_free", func: encoding::op_text_decoder_free },
    OpDecl { name: "op_url_parse", func: url::op_url_parse },
    OpDecl { name: "op_url_set", func: url::op_url_set },
    OpDecl { name: "op_url_origin", func: url::op_url_origin },
    OpDecl { name: "op_settled", func: errors::op_settled },
    OpDecl { name: "op_crypto_random", func: crypto::op_crypto_random },
    OpDecl { name: "op_crypto_digest", func: crypto::op_crypto_digest },
    OpDecl { name: "op_crypto_sign", func: crypto::op_crypto_sign },
    OpDecl { name: "op_crypto_verify", func: crypto::op_crypto_verify },
    OpDecl { name: "op_crypto_encrypt", func: crypto::op_crypto_encrypt },
    OpDecl { name: "op_crypto_decrypt", func: crypto::op_crypto_decrypt },
    OpDecl { name: "op_crypto_derive_bits", func: crypto::op_crypto_derive_bits },
    OpDecl { name: "op_crypto_generate_key_pair", func: crypto::op_crypto_generate_key_pair },
    OpDecl { name: "op_crypto_import_key", func: crypto::op_crypto_import_key },
    OpDecl { name: "op_crypto_export_key", func: crypto::op_crypto_export_key },
    OpDecl { name: "op_fetch_start", func: fetch::op_fetch_start },
    OpDecl { name: "op_fetch_read", func: fetch::op_fetch_read },
    OpDecl { name: "op_fetch_cancel", func: fetch::op_fetch_cancel },
    OpDecl { name: "op_fetch_drain", func: fetch::op_fetch_drain },
    OpDecl { name: "op_fetch_abort", func: fetch::op_fetch_abort },
    OpDecl { name: "op_time_origin", func: web::op_time_origin },
    OpDecl { name: "op_user_agent", func: web::op_user_agent },
    OpDecl { name: "op_hardware_concurrency", func: web::op_hardware_concurrency },
    OpDecl { name: "op_array_buffer_detach", func: web::op_array_buffer_detach },
    OpDecl { name: "op_compression_new", func: compression::op_compression_new },
    OpDecl { name: "op_compression_push", func: compression::op_compression_push },
    OpDecl { name: "op_compression_finish", func: compression::op_compression_finish },
    OpDecl { name: "op_compression_close", func: compression::op_compression_close },
    OpDecl { name: "op_respond", func: respond::op_respond },
    OpDecl { name: "op_buffer_kind", func: web::op_buffer_kind },
    OpDecl { name: "op_load_lazy_file", func: lazy::op_load_lazy_file },
    OpDecl { name: "op_node_bytes_to_string", func: node::op_node_bytes_to_string },
    OpDecl { name: "op_node_string_to_bytes", func: node::op_node_string_to_bytes },
    OpDecl { name: "op_node_hash", func: node::op_node_hash },
    OpDecl { name: "op_node_hmac", func: node::op_node_hmac },
    OpDecl { name: "op_set_promise_hooks", func: node::op_set_promise_hooks },
    OpDecl { name: "op_html_rewriter_selector", func: html_rewriter::op_html_rewriter_selector },
    OpDecl { name: "op_html_rewriter_new", func: html_rewriter::op_html_rewriter_new },
    OpDecl { name: "op_html_rewriter_push", func: html_rewriter::op_html_rewriter_push },
    OpDecl { name: "op_html_rewriter_resume", func: html_rewriter::op_html_rewriter_resume },
    OpDecl { name: "op_html_rewriter_finish", func: html_rewriter::op_html_rewriter_finish },
    OpDecl { name: "op_html_rewriter_close", func: html_rewriter::op_html_rewriter_close },
    OpDecl { name: "op_cache_put", func: cache::op_cache_put },
    OpDecl { name: "op_cache_match", func: cache::op_cache_match },
    OpDecl { name: "op_cache_delete", func: cache::op_cache_delete },
    OpDecl { name: "op_cache_max_entry_bytes", func: cache::op_cache_max_entry_bytes },
    OpDecl { name: "op_kv_get", func: kv::op_kv_get },
    OpDecl { name: "op_kv_put", func: kv::op_kv_put },
    OpDecl { name: "op_kv_delete", func: kv::op_kv_delete },
    OpDecl { name: "op_kv_list", func: kv::op_kv_list },
    OpDecl { name: "op_ws_pair", func: websocket::op_ws_pair },
    OpDecl { name: "op_ws_send", func: websocket::op_ws_send },
    OpDecl { name: "op_ws_close", func: websocket::op_ws_close },
    OpDecl { name: "op_ws_next", func: websocket::op_ws_next },
    OpDecl { name: "op_ws_free", func: websocket::op_ws_free },
    OpDecl { name: "op_fulfilled_value", func: errors::op_fulfilled_value },
];

/// `list`, an array of names and values alternating (headers), as pairs of
/// strings; a TypeError naming `what` for any other shape.
fn string_pairs<'s>(
    call: &OpCall<'s>,
    list: Local<'s, Value>,
    what: &str,
) -> JsResult<'s, Vec<(String, String)>> {
    let scope = call.scope;
    let shape = || {
        call.type_error(&format!(
            "{what} must be an array of names and values, alternating"
        ))
    };
    let length = scope
        .array_length(list)
        .filter(|length| length % 2 == 0)
        .ok_or_else(shape)?;
    let mut pairs = Vec::with_capacity(length as usize / 2);
    for index in (0..length).step_by(2) {
        let name = scope.get_index(list, index)?;
        let value = scope.get_index(list, index + 1)?;
        let (Some(name), Some(value)) = (scope.string_value(name), scope.string_value(value))
        else {
            return Err(shape());
        };
        pairs.push((name, value));
    }
    Ok(pairs)
}
