//! The ops behind the Cache API (`js/59_cache.js`) over the app's store on
//! this core (`runtime/bindings/cache/`). The store is in memory on the
//! isolate's thread, so every op is synchronous; JavaScript reads a body
//! before it puts it.

use crate::runtime::bindings::cache::CachedResponse;
use crate::runtime::state::state_of;
use crate::v8::{JsResult, OpCall};

/// Argument 0 of every op: the cache's name, null for `caches.default`.
fn cache_name<'s>(call: &OpCall<'s>) -> JsResult<'s, Option<String>> {
    if call.arg(0).is_nullish() {
        return Ok(None);
    }
    call.string_arg(0, "cache name").map(Some)
}

/// `op_cache_put(cache, url, requestHeaders, status, statusText,
/// responseHeaders, body)`: stores the response if its headers allow.
/// `body` is a Uint8Array.
pub fn op_cache_put<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let cache = cache_name(call)?;
    let url = call.string_arg(1, "url")?;
    let request = super::string_pairs(call, call.arg(2), "request headers")?;
    let status = call.number_arg(3, "status")? as u16;
    let status_text = call.string_arg(4, "statusText")?;
    let headers = super::string_pairs(call, call.arg(5), "response headers")?;
    let body = call
        .scope
        .bytes(call.arg(6))
        .ok_or_else(|| call.type_error("body must be a Uint8Array"))?;
    let response = CachedResponse {
        status,
        status_text,
        headers,
        body,
    };
    state_of(call)?
        .cache()
        .put(cache.as_deref(), &url, &request, response);
    Ok(())
}

/// `op_cache_match(cache, url, requestHeaders)` → undefined on a miss, else
/// `[status, statusText, [name0, value0, ...], body]` (body null for 304).
pub fn op_cache_match<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let scope = call.scope;
    let cache = cache_name(call)?;
    let url = call.string_arg(1, "url")?;
    let request = super::string_pairs(call, call.arg(2), "request headers")?;
    let Some(found) = state_of(call)?
        .cache()
        .lookup(cache.as_deref(), &url, &request)
    else {
        return Ok(());
    };
    let mut headers = Vec::with_capacity(found.headers.len() * 2);
    for (name, value) in &found.headers {
        headers.push(scope.string(name));
        headers.push(scope.string(value));
    }
    let body = if found.status == 304 {
        scope.null()
    } else {
        scope.uint8_array(&found.body)
    };
    let answer = [
        scope.number(f64::from(found.status)),
        scope.string(&found.status_text),
        scope.array(&headers),
        body,
    ];
    call.set_return(scope.array(&answer));
    Ok(())
}

/// `op_cache_delete(cache, url)` → whether an entry was removed.
pub fn op_cache_delete<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let cache = cache_name(call)?;
    let url = call.string_arg(1, "url")?;
    let deleted = state_of(call)?.cache().delete(cache.as_deref(), &url);
    call.set_return(call.scope.boolean(deleted));
    Ok(())
}

/// `op_cache_max_entry_bytes()` → the largest entry the store takes, so
/// that a larger streamed body is not read to its end.
pub fn op_cache_max_entry_bytes<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let limit = state_of(call)?.cache().limits().max_entry_bytes;
    call.set_return(call.scope.number(limit as f64));
    Ok(())
}
