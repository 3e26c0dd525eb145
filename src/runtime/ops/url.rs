//! WHATWG URL parsing and setters, by the `url` crate.

use url::{quirks, Url};

use crate::v8::{JsResult, OpCall};

/// The components handed to JavaScript, in this order.
fn components(url: &Url) -> [&str; 11] {
    [
        quirks::href(url),
        quirks::protocol(url),
        quirks::username(url),
        quirks::password(url),
        quirks::host(url),
        quirks::hostname(url),
        quirks::port(url),
        quirks::pathname(url),
        quirks::search(url),
        quirks::hash(url),
        "",
    ]
}

fn return_url<'s>(call: &OpCall<'s>, url: Option<&Url>) {
    let scope = call.scope;
    let Some(url) = url else {
        call.set_return(scope.null());
        return;
    };
    let origin = quirks::origin(url);
    let mut parts = components(url);
    parts[10] = &origin;
    let values: Vec<_> = parts.iter().map(|part| scope.string(part)).collect();
    call.set_return(scope.array(&values));
}

/// `op_url_parse(input, base?)` → `[href, protocol, username, password, host,
/// hostname, port, pathname, search, hash, origin]` or null on failure.
pub fn op_url_parse<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let input = call.string_arg(0, "input")?;
    let base = if call.arg(1).is_nullish() {
        None
    } else {
        match Url::parse(&call.string_arg(1, "base")?) {
            Ok(base) => Some(base),
            Err(_) => {
                return_url(call, None);
                return Ok(());
            }
        }
    };
    let parsed = Url::options().base_url(base.as_ref()).parse(&input).ok();
    return_url(call, parsed.as_ref());
    Ok(())
}

/// `op_url_set(href, setter, value)` → the components after the standard
/// setter ran; null only when the `href` setter fails.
pub fn op_url_set<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let href = call.string_arg(0, "href")?;
    let setter = call.string_arg(1, "setter")?;
    let value = call.string_arg(2, "value")?;
    let Ok(mut url) = Url::parse(&href) else {
        return_url(call, None);
        return Ok(());
    };
    // A rejected value leaves the URL unchanged, as the standard says, so
    // only the href setter's failure is reported.
    match setter.as_str() {
        "href" => {
            if quirks::set_href(&mut url, &value).is_err() {
                return_url(call, None);
                return Ok(());
            }
        }
        "protocol" => drop(quirks::set_protocol(&mut url, &value)),
        "username" => drop(quirks::set_username(&mut url, &value)),
        "password" => drop(quirks::set_password(&mut url, &value)),
        "host" => drop(quirks::set_host(&mut url, &value)),
        "hostname" => drop(quirks::set_hostname(&mut url, &value)),
        "port" => drop(quirks::set_port(&mut url, &value)),
        "pathname" => quirks::set_pathname(&mut url, &value),
        "search" => quirks::set_search(&mut url, &value),
        "hash" => quirks::set_hash(&mut url, &value),
        other => return Err(call.type_error(&format!("unknown URL setter {other:?}"))),
    }
    return_url(call, Some(&url));
    Ok(())
}
