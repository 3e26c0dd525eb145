//! How uncaught JavaScript errors are shown on a terminal.

use std::fmt::Write;

use crate::runtime::RuntimeError;
use crate::v8::Exception;

/// The location, the offending source line with a caret, and the error.
pub fn render_exception(exception: &Exception, prefix: &str) -> String {
    let mut out = String::new();
    if let Some(location) = &exception.location {
        let _ = writeln!(out, "{location}");
        if let Some(line) = &exception.source_line {
            let caret_at = (location.column as usize).saturating_sub(1);
            let _ = writeln!(out, "{line}\n{}^", " ".repeat(caret_at));
        }
    }
    match &exception.stack {
        Some(stack) => {
            let _ = write!(out, "{prefix}{stack}");
        }
        None => out.push_str(&exception.message),
    }
    out
}

pub fn render_error(error: &RuntimeError) -> String {
    match error {
        RuntimeError::Uncaught(exception) => render_exception(exception, "Uncaught "),
        RuntimeError::UnhandledRejection(exception) => {
            render_exception(exception, "Uncaught (in promise) ")
        }
        other => format!("error: {other}"),
    }
}
