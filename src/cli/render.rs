//! How uncaught JavaScript errors are shown on a terminal.

use std::fmt::Write;
use std::path::Path;

use crate::runtime::{ModuleError, RuntimeError};
use crate::v8::{Exception, Location};

/// For a JavaScript error: its location (`file:line:column`), the
/// offending source line with a caret under the column, then the error and
/// its stack. Other errors on one line.
pub fn render_error(error: &RuntimeError) -> String {
    let Some((exception, summary)) = described(error) else {
        return format!("error: {error}");
    };
    let mut out = String::new();
    if let Some(location) = &exception.location {
        write_frame(&mut out, location, exception.source_line.as_deref());
    }
    out.push_str(&summary);
    out
}

/// A load error of the app in `root`, as [`render_error`] shows it. An
/// error thrown while the modules ran comes without a location from V8:
/// its frame is the top of its stack, with the line read from the file.
/// A TypeScript syntax error is framed the same way, from the `.ts` file.
pub fn render_load_error(error: &RuntimeError, root: &Path) -> String {
    if let RuntimeError::Module(ModuleError::TypeScript(stripping)) = error {
        let location = Location {
            resource: stripping.name.clone(),
            line: stripping.line,
            column: stripping.column,
        };
        return frame_from_file(&location, root, &stripping.message);
    }
    let Some((exception, summary)) = described(error) else {
        return render_error(error);
    };
    if exception.location.is_some() {
        return render_error(error);
    }
    match exception.stack.as_deref().and_then(top_frame) {
        Some(location) => frame_from_file(&location, root, &summary),
        None => render_error(error),
    }
}

/// The frame of `location` in the app in `root`, its line read from the
/// file, then `summary`.
fn frame_from_file(location: &Location, root: &Path, summary: &str) -> String {
    let source = std::fs::read_to_string(root.join(&location.resource)).ok();
    let line = source.as_deref().and_then(|source| {
        let index = (location.line as usize).checked_sub(1)?;
        source.lines().nth(index)
    });
    let mut out = String::new();
    write_frame(&mut out, location, line);
    out.push_str(summary);
    out
}

/// The exception of a JavaScript error, and the line that says what it is.
fn described(error: &RuntimeError) -> Option<(&Exception, String)> {
    match error {
        RuntimeError::Uncaught(exception) | RuntimeError::UnhandledRejection(exception) => {
            Some((exception, error.to_string()))
        }
        // The location is on its own line already.
        RuntimeError::Module(ModuleError::Compile(exception) | ModuleError::Link(exception)) => {
            Some((exception, exception.message.clone()))
        }
        _ => None,
    }
}

fn write_frame(out: &mut String, location: &Location, line: Option<&str>) {
    let _ = writeln!(out, "{location}");
    if let Some(line) = line {
        let _ = writeln!(out, "{line}\n{}^", caret_indent(line, location.column));
    }
}

/// The location of a stack's first frame: `at f (file:1:2)` or
/// `at file:1:2`.
fn top_frame(stack: &str) -> Option<Location> {
    let frame = stack
        .lines()
        .find_map(|line| line.trim().strip_prefix("at "))?;
    let place = match frame.strip_suffix(')') {
        Some(call) => &call[call.rfind('(')? + 1..],
        None => frame,
    };
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let resource = parts.next()?.to_string();
    Some(Location {
        resource,
        line,
        column,
    })
}

/// What goes before the caret under 1-based `column` of `line`: a space
/// for each character before it, a tab for a tab, so that it lines up.
fn caret_indent(line: &str, column: u32) -> String {
    line.chars()
        .take((column as usize).saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_frame_of_a_stack_is_found_with_or_without_a_function_name() {
        let named = "TypeError: x\n    at load (lib/a.js:3:7)\n    at index.js:1:1";
        assert_eq!(
            top_frame(named).map(|l| l.to_string()).as_deref(),
            Some("lib/a.js:3:7")
        );
        let bare = "Error: y\n    at lib.js:2:6";
        assert_eq!(
            top_frame(bare).map(|l| l.to_string()).as_deref(),
            Some("lib.js:2:6")
        );
        assert!(top_frame("Error: no frames").is_none());
    }

    #[test]
    fn the_caret_lines_up_under_tabs() {
        assert_eq!(caret_indent("\tab", 3), "\t ");
    }
}
