//! WHATWG URL parsing and setters, by `ada-url` (the parser Node uses, kept
//! to the current URL Standard).

use ada_url::Url;

use crate::v8::{JsResult, OpCall};

/// Where each component of a URL starts or ends in its serialisation:
/// ada's `url_components`, -1 for an absent one. The URL ops write them
/// into the Int32Array JavaScript passes last, rather than returning an
/// array of numbers (each made through V8's API, the larger part of a
/// parse's cost), and JavaScript slices a component out of the href when
/// it is read.
const URL_OFFSETS: usize = 8;

/// Returns the URL's href (`undefined` when it is `input` itself, as it is
/// for most URLs a server sees, so no string is made at all) and writes its
/// offsets (see `URL_OFFSETS`) into argument `offsets_arg`. Null for no URL.
fn return_url<'s>(
    call: &OpCall<'s>,
    url: Option<&Url>,
    input: &str,
    offsets_arg: usize,
) -> JsResult<'s, ()> {
    let scope = call.scope;
    let Some(url) = url else {
        call.set_return(scope.null());
        return Ok(());
    };
    let components = url.components();
    let offset = |at: Option<u32>| at.map_or(-1, |at| at as i32);
    let offsets: [i32; URL_OFFSETS] = [
        offset(Some(components.protocol_end)),
        offset(Some(components.username_end)),
        offset(Some(components.host_start)),
        offset(Some(components.host_end)),
        offset(components.port),
        offset(components.pathname_start),
        offset(components.search_start),
        offset(components.hash_start),
    ];
    let written = scope.with_bytes_mut(call.arg(offsets_arg), |out| {
        if out.len() != URL_OFFSETS * std::mem::size_of::<i32>() {
            return false;
        }
        for (slot, value) in out
            .chunks_exact_mut(std::mem::size_of::<i32>())
            .zip(offsets)
        {
            slot.copy_from_slice(&value.to_ne_bytes());
        }
        true
    });
    if written != Some(true) {
        return Err(call.type_error("the URL offsets must be an Int32Array of 8"));
    }
    // A serialised URL is ASCII (the standard percent-encodes the rest):
    // made one byte per character, without a look for UTF-8.
    let href = url.href();
    call.set_return(if href == input {
        scope.undefined()
    } else {
        scope.latin1_string(href.as_bytes())
    });
    Ok(())
}

/// `op_url_parse(input, base, offsets)` → the URL (see `return_url`), or
/// null on failure.
pub fn op_url_parse<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let input = call.string_arg(0, "input")?;
    let base = if call.arg(1).is_nullish() {
        None
    } else {
        Some(call.string_arg(1, "base")?)
    };
    let parsed = Url::parse(&input, base.as_deref()).ok();
    return_url(call, parsed.as_ref(), &input, 2)
}

/// `op_url_set(href, setter, value, offsets)` → the URL (see `return_url`)
/// after the standard setter ran; null only when the `href` setter fails.
pub fn op_url_set<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let href = call.string_arg(0, "href")?;
    let setter = call.string_arg(1, "setter")?;
    let value = call.string_arg(2, "value")?;
    let Ok(mut url) = Url::parse(&href, None) else {
        return return_url(call, None, &href, 3);
    };
    // A rejected value leaves the URL unchanged, as the standard says, so
    // only the href setter's failure is reported.
    let value = value.as_str();
    match setter.as_str() {
        "href" => {
            if url.set_href(value).is_err() {
                return return_url(call, None, &href, 3);
            }
        }
        "protocol" => drop(url.set_protocol(value)),
        "username" => drop(url.set_username(Some(value))),
        "password" => drop(url.set_password(Some(value))),
        "host" => drop(url.set_host(Some(value))),
        "hostname" => drop(url.set_hostname(Some(value))),
        "port" => drop(url.set_port(Some(value))),
        "pathname" => drop(url.set_pathname(Some(value))),
        "search" => url.set_search(Some(value)),
        "hash" => url.set_hash(Some(value)),
        other => return Err(call.type_error(&format!("unknown URL setter {other:?}"))),
    }
    return_url(call, Some(&url), &href, 3)
}

/// `op_url_origin(href)` → the origin of a URL whose scheme is not one of
/// the special ones JavaScript serialises itself (`blob:` takes its inner
/// URL's, the rest are opaque: "null").
pub fn op_url_origin<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let href = call.string_arg(0, "href")?;
    let origin = Url::parse(&href, None).map_or_else(|_| "null".to_string(), |url| url.origin());
    call.set_return(call.scope.latin1_string(origin.as_bytes()));
    Ok(())
}
