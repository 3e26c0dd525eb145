//! Telling a CommonJS file apart, so that importing one fails with an error
//! that says so instead of a missing export. NANO does not run CommonJS.

use crate::v8::{Local, Module, Scope};

/// Names only CommonJS code uses.
const COMMONJS_NAMES: &[&str] = &["module.exports", "exports.", "require("];

/// Whether `module`, compiled from `source` in a file Node would run as
/// CommonJS, is CommonJS indeed: it uses `require` or `module.exports`,
/// imports nothing, and compiles as a classic script (so it exports
/// nothing either).
pub fn is_commonjs(scope: &Scope<'_>, module: Local<'_, Module>, source: &str, name: &str) -> bool {
    COMMONJS_NAMES.iter().any(|used| source.contains(used))
        && scope.module_requests(module).is_empty()
        && scope.compile_script(source, name, None).is_ok()
}
