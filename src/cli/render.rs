//! How uncaught JavaScript errors are shown on a terminal.

use std::fmt::Write;

use crate::runtime::RuntimeError;

/// For a JavaScript error: its location, the offending source line with a
/// caret, then the error and its stack. Other errors on one line.
pub fn render_error(error: &RuntimeError) -> String {
    let exception = match error {
        RuntimeError::Uncaught(exception) | RuntimeError::UnhandledRejection(exception) => {
            exception
        }
        other => return format!("error: {other}"),
    };
    let mut out = String::new();
    if let Some(location) = &exception.location {
        let _ = writeln!(out, "{location}");
        if let Some(line) = &exception.source_line {
            let caret_at = (location.column as usize).saturating_sub(1);
            let _ = writeln!(out, "{line}\n{}^", " ".repeat(caret_at));
        }
    }
    let _ = write!(out, "{error}");
    out
}
