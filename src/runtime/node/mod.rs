//! The `node:` modules NANO offers, as Cloudflare Workers' `nodejs_compat`
//! does. Each is written once in JavaScript (`js/8x_node_*`), loaded in an
//! isolate on its first import through the function registered under
//! `Symbol.for("nano.node")` (`js/80_node_core.js`); the ES module an app
//! imports only re-exports what that function returns.

pub mod bytes;
pub mod hash;

/// `(name, source)` of a module whose entry in the table is
/// `{ exports, default }`, with the named exports listed.
macro_rules! node_module {
    ($name:literal: $($export:ident),+ $(,)?) => {
        (
            $name,
            concat!(
                "const m = globalThis[Symbol.for(\"nano.node\")](\"", $name, "\");\n",
                "export const { ", $(stringify!($export), ", ",)+ "} = m.exports;\n",
                "export default m.default;\n",
            ),
        )
    };
}

const MODULES: &[(&str, &str)] = &[
    node_module!("assert": AssertionError, deepEqual, deepStrictEqual, doesNotReject, doesNotThrow,
        equal, fail, match, notDeepEqual, notDeepStrictEqual, notEqual, notStrictEqual, ok,
        rejects, strict, strictEqual, throws),
    node_module!("async_hooks": AsyncLocalStorage, AsyncResource),
    node_module!("buffer": Blob, Buffer, File, atob, btoa, constants, kMaxLength,
        kStringMaxLength),
    node_module!("crypto": createHash, createHmac, getHashes, getRandomValues, randomBytes,
        randomUUID, subtle, timingSafeEqual, webcrypto),
    node_module!("events": EventEmitter, errorMonitor, getEventListeners, once),
    node_module!("path": basename, delimiter, dirname, extname, format, isAbsolute, join,
        normalize, parse, posix, relative, resolve, sep),
    node_module!("url": URL, URLSearchParams, fileURLToPath, pathToFileURL),
    node_module!("util": TextDecoder, TextEncoder, callbackify, deprecate, format, inherits,
        inspect, isDeepStrictEqual, promisify, types),
];

/// The source of the ES module `node:{name}`; None for a module NANO lacks.
pub fn module_source(name: &str) -> Option<&'static str> {
    MODULES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, source)| *source)
}

/// The modules there are, as `node:name` specifiers, for error messages.
pub fn available() -> String {
    let names: Vec<String> = MODULES
        .iter()
        .map(|(name, _)| format!("node:{name}"))
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_re_exports_its_table_entry() {
        let source = module_source("async_hooks").unwrap();
        assert!(source.contains("(\"async_hooks\")"));
        assert!(source.contains("export const { AsyncLocalStorage, AsyncResource, } = m.exports;"));
        assert!(module_source("fs").is_none());
    }
}
