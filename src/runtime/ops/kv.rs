//! Workers KV (`js/62_kv.js`): each op checks its arguments against
//! Workers' limits here, on the core, then hands the store I/O to a storage
//! thread (see `bindings::kv`) and settles its promise when that is done.
//! The first argument is the namespace's number in the runtime state.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::runtime::bindings::kv::limits::{self, Method};
use crate::runtime::bindings::kv::{
    unix_now, KvConnection, KvError, KvService, ListQuery, NewEntry,
};
use crate::runtime::state::{state_of, OpFailure, OpValue};
use crate::v8::{JsResult, Local, OpCall, Value};

/// Starts `method` on the namespace named by argument 0: `prepare` checks
/// the call and gives the store work, whose result `finish` turns into the
/// promise's value.
fn start<'s, T, W>(
    call: &OpCall<'s>,
    method: Method,
    prepare: impl FnOnce(&KvService) -> Result<W, OpFailure>,
    finish: impl FnOnce(T) -> OpValue + 'static,
) -> JsResult<'s, ()>
where
    T: Send + 'static,
    W: FnOnce(&mut dyn KvConnection, &str) -> Result<T, KvError> + Send + 'static,
{
    let id = call.number_arg(0, "namespace")? as usize;
    let state = state_of(call)?;
    let pending = {
        let namespaces = state.kv.borrow();
        let namespace = namespaces
            .get(id)
            .ok_or_else(|| call.type_error("no such KV namespace"))?;
        prepare(&namespace.service).map(|work| {
            let name = namespace.name.clone();
            namespace
                .service
                .run(move |connection| work(connection, &name))
        })
    };
    state.spawn_op(call, async move {
        match pending?.await {
            Ok(value) => Ok(finish(value)),
            Err(error) => {
                tracing::warn!(%error, "KV storage failed");
                Err(method.failed(500, format_args!("storage error: {error}")))
            }
        }
    });
    Ok(())
}

fn optional_number(value: Local<'_, Value>) -> Option<f64> {
    (!value.is_nullish()).then(|| value.as_number().unwrap_or(f64::NAN))
}

fn optional_string<'s>(
    call: &OpCall<'s>,
    index: usize,
    what: &str,
) -> JsResult<'s, Option<String>> {
    match call.arg(index) {
        value if value.is_nullish() => Ok(None),
        _ => call.string_arg(index, what).map(Some),
    }
}

/// `op_kv_get(namespace, key)` → a promise of `null` or
/// `[value (Uint8Array), metadata (JSON text) | null]`.
pub fn op_kv_get<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let key = call.string_arg(1, "key")?;
    start(
        call,
        Method::Get,
        |_| {
            limits::check_key(Method::Get, &key)?;
            Ok(move |connection: &mut dyn KvConnection, namespace: &str| {
                connection.get(namespace, &key, unix_now())
            })
        },
        |found| match found {
            None => OpValue::Null,
            Some(found) => OpValue::List(vec![
                OpValue::Bytes(found.value),
                found.metadata.map_or(OpValue::Null, OpValue::String),
            ]),
        },
    )
}

/// `op_kv_put(namespace, key, value, expiration, expirationTtl, metadata)`:
/// `value` a Uint8Array, `metadata` JSON text or undefined; the promise
/// settles once the write is durable.
pub fn op_kv_put<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let key = call.string_arg(1, "key")?;
    let value = call
        .scope
        .bytes(call.arg(2))
        .ok_or_else(|| call.type_error("value must be a Uint8Array"))?;
    let expiration = optional_number(call.arg(3));
    let expiration_ttl = optional_number(call.arg(4));
    let metadata = optional_string(call, 5, "metadata")?;
    start(
        call,
        Method::Put,
        |service| {
            limits::check_key(Method::Put, &key)?;
            limits::check_value(value.len())?;
            if let Some(metadata) = &metadata {
                limits::check_metadata(metadata)?;
            }
            let expiration =
                limits::expiration(expiration, expiration_ttl, unix_now(), service.min_ttl_s())?;
            let entry = NewEntry {
                value,
                metadata,
                expiration,
            };
            Ok(move |connection: &mut dyn KvConnection, namespace: &str| {
                connection.put(namespace, &key, &entry)
            })
        },
        |()| OpValue::Undefined,
    )
}

/// `op_kv_delete(namespace, key)`.
pub fn op_kv_delete<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let key = call.string_arg(1, "key")?;
    start(
        call,
        Method::Delete,
        |_| {
            limits::check_key(Method::Delete, &key)?;
            Ok(move |connection: &mut dyn KvConnection, namespace: &str| {
                connection.delete(namespace, &key)
            })
        },
        |()| OpValue::Undefined,
    )
}

/// `op_kv_list(namespace, prefix, limit, cursor)` → a promise of
/// `[[name, expiration | null, metadata (JSON text) | null]..., cursor | null]`:
/// the keys in byte order, and a cursor when there are more.
pub fn op_kv_list<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let prefix = optional_string(call, 1, "prefix")?.unwrap_or_default();
    let limit = optional_number(call.arg(2));
    let cursor = optional_string(call, 3, "cursor")?.filter(|cursor| !cursor.is_empty());
    start(
        call,
        Method::Get,
        |_| {
            let query = ListQuery {
                prefix,
                after: cursor.map(|cursor| decode_cursor(&cursor)).transpose()?,
                limit: limits::list_limit(limit)?,
            };
            Ok(move |connection: &mut dyn KvConnection, namespace: &str| {
                connection.list(namespace, &query, unix_now())
            })
        },
        |page| {
            let cursor = match page.keys.last() {
                Some(last) if page.more => OpValue::String(URL_SAFE_NO_PAD.encode(&last.name)),
                _ => OpValue::Null,
            };
            let keys = page
                .keys
                .into_iter()
                .map(|key| {
                    OpValue::List(vec![
                        OpValue::String(key.name),
                        key.expiration
                            .map_or(OpValue::Null, |at| OpValue::Number(at as f64)),
                        key.metadata.map_or(OpValue::Null, OpValue::String),
                    ])
                })
                .collect();
            OpValue::List(vec![OpValue::List(keys), cursor])
        },
    )
}

/// A cursor is the last key name of the page before, in base64url.
fn decode_cursor(cursor: &str) -> Result<String, OpFailure> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| Method::Get.failed(400, format_args!("Invalid cursor {cursor:?}.")))
}
