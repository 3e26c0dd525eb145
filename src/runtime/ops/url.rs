//! WHATWG URL parsing and setters, by `ada-url` (the parser Node uses, kept
//! to the current URL Standard).

use ada_url::Url;

use crate::v8::{JsResult, OpCall};

/// Where `return_url` puts the host and the hostname.
const HOST: usize = 4;
const HOSTNAME: usize = 5;

/// Hands JavaScript `[href, protocol, username, password, host, hostname,
/// port, pathname, search, hash, origin]`, or null for no URL.
fn return_url<'s>(call: &OpCall<'s>, url: Option<&Url>) {
    let scope = call.scope;
    let Some(url) = url else {
        call.set_return(scope.null());
        return;
    };
    let origin = url.origin();
    let parts = [
        url.href(),
        url.protocol(),
        url.username(),
        url.password(),
        url.host(),
        url.hostname(),
        url.port(),
        url.pathname(),
        url.search(),
        url.hash(),
        &origin,
    ];
    // A serialised URL is ASCII (the standard percent-encodes the rest), so
    // each part is made one byte per character without a look for UTF-8;
    // a hostname that is the whole host (no port) is the same string.
    let mut values = Vec::with_capacity(parts.len());
    for (index, part) in parts.iter().enumerate() {
        let value = if index == HOSTNAME && *part == parts[HOST] {
            values[HOST]
        } else {
            scope.latin1_string(part.as_bytes())
        };
        values.push(value);
    }
    call.set_return(scope.array(&values));
}

/// `op_url_parse(input, base?)` → the components (see `return_url`), or
/// null on failure.
pub fn op_url_parse<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let input = call.string_arg(0, "input")?;
    let base = if call.arg(1).is_nullish() {
        None
    } else {
        Some(call.string_arg(1, "base")?)
    };
    let parsed = Url::parse(&input, base.as_deref()).ok();
    return_url(call, parsed.as_ref());
    Ok(())
}

/// `op_url_set(href, setter, value)` → the components after the standard
/// setter ran; null only when the `href` setter fails.
pub fn op_url_set<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let href = call.string_arg(0, "href")?;
    let setter = call.string_arg(1, "setter")?;
    let value = call.string_arg(2, "value")?;
    let Ok(mut url) = Url::parse(&href, None) else {
        return_url(call, None);
        return Ok(());
    };
    // A rejected value leaves the URL unchanged, as the standard says, so
    // only the href setter's failure is reported.
    let value = value.as_str();
    match setter.as_str() {
        "href" => {
            if url.set_href(value).is_err() {
                return_url(call, None);
                return Ok(());
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
    return_url(call, Some(&url));
    Ok(())
}
