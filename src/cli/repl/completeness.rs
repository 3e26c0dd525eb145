//! Whether REPL input stops in the middle of something, so that the REPL
//! asks for another line instead of reporting an error.

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_span::SourceType;

/// Whether the input ends inside a block comment or template literal, or
/// is cut short: the parser's first error is at the end of the input.
pub fn stops_midway(source: &str) -> bool {
    let allocator = Allocator::default();
    // Unambiguous: top-level `await` parses, and the rest as a script.
    let parsed = Parser::new(&allocator, source, SourceType::unambiguous()).parse();
    let end = source.trim_end().len() as u32;
    let first_error = parsed.diagnostics.errors().next();
    first_error.is_some_and(|error| {
        let offset = error.labels.first().map_or(0, |label| label.offset());
        offset >= end || runs_to_end(source, &error.message, offset)
    })
}

/// Whether the error is a comment or template literal left open.
fn runs_to_end(source: &str, message: &str, offset: u32) -> bool {
    match message {
        "Unterminated multiline comment" => true,
        // A quoted string stops at its line's end; a template, whose
        // unterminated part starts at "`" or at a substitution's "}", does not.
        "Unterminated string" => {
            matches!(source.as_bytes().get(offset as usize), Some(b'`' | b'}'))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_comments_templates_and_statements_stop_midway() {
        assert!(stops_midway("/* more"));
        assert!(stops_midway("`a\nb"));
        assert!(stops_midway("`a ${1} b"));
        assert!(stops_midway("f(1"));
        assert!(stops_midway("if (x) {"));
        assert!(stops_midway("await f(1,"));
    }

    #[test]
    fn complete_or_wrong_input_does_not() {
        assert!(!stops_midway("f(1)"));
        assert!(!stops_midway("f(1 2)"));
        assert!(!stops_midway("'abc"));
        assert!(!stops_midway(")"));
        assert!(!stops_midway("await f(1)"));
    }
}
