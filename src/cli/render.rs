//! How uncaught JavaScript errors are shown on a terminal.

use std::fmt::Write;

use crate::runtime::{ModuleError, RuntimeError};

/// For a JavaScript error: its location (`file:line:column`), the
/// offending source line with a caret under the column, then the error and
/// its stack. Other errors on one line.
pub fn render_error(error: &RuntimeError) -> String {
    let (exception, summary) = match error {
        RuntimeError::Uncaught(exception) | RuntimeError::UnhandledRejection(exception) => {
            (exception, error.to_string())
        }
        // The location is on its own line already.
        RuntimeError::Module(ModuleError::Compile(exception) | ModuleError::Link(exception)) => {
            (exception, exception.message.clone())
        }
        other => return format!("error: {other}"),
    };
    let mut out = String::new();
    if let Some(location) = &exception.location {
        let _ = writeln!(out, "{location}");
        if let Some(line) = &exception.source_line {
            let _ = writeln!(out, "{line}\n{}^", caret_indent(line, location.column));
        }
    }
    let _ = write!(out, "{summary}");
    out
}

/// What goes before the caret under 1-based `column` of `line`: a space
/// for each character before it, a tab for a tab, so that it lines up.
fn caret_indent(line: &str, column: u32) -> String {
    line.chars()
        .take((column as usize).saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect()
}
