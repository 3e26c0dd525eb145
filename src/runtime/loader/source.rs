//! The module source V8 compiles for a file.
//!
//! - A JSON file becomes `export default JSON.parse("…")`: its default
//!   export is exactly what `JSON.parse` gives for the text.
//! - V8 10.2 knows import attributes only in their older spelling,
//!   `assert { type: "json" }`. Where V8 rejects the `with` of an import
//!   (`import x from "./x.json" with { type: "json" }`), that keyword is
//!   rewritten to `assert` and the module compiled again. V8 names the
//!   exact token, so nothing in a string or comment is ever touched; lines
//!   keep their numbers (columns after the keyword move by two).

use crate::v8::Exception;

/// The source of a JSON module for the file's `text`.
pub fn json_module(text: &str) -> String {
    let literal = serde_json::to_string(text).expect("a string always serialises");
    format!("export default JSON.parse({literal});\n")
}

/// `source` with the import attribute keyword V8 failed on spelled
/// `assert`, when that is what the compile `error` was about.
pub fn with_as_assert(source: &str, error: &Exception) -> Option<String> {
    let location = error.location.as_ref()?;
    let at = byte_offset(source, location.line, location.column)?;
    let rest = &source[at..];
    let after = rest.strip_prefix("with")?;
    let opens_attributes = after.trim_start().starts_with('{');
    let follows_specifier = source[..at].trim_end().ends_with(['"', '\'']);
    (opens_attributes && follows_specifier).then(|| format!("{}assert{}", &source[..at], after))
}

/// The byte offset of a 1-based line and column as V8 counts them (columns
/// in UTF-16 code units; lines end at \n, \r\n, \r, U+2028 and U+2029).
fn byte_offset(source: &str, line: u32, column: u32) -> Option<usize> {
    let mut current_line = 1;
    let mut line_start = 0;
    let mut chars = source.char_indices().peekable();
    while current_line < line {
        let (index, c) = chars.next()?;
        let ends_line = match c {
            '\r' => !matches!(chars.peek(), Some(&(_, '\n'))),
            '\n' | '\u{2028}' | '\u{2029}' => true,
            _ => false,
        };
        if ends_line {
            current_line += 1;
            line_start = index + c.len_utf8();
        }
    }
    let mut units = 1;
    for (index, c) in source[line_start..].char_indices() {
        if units >= column {
            return Some(line_start + index);
        }
        units += c.len_utf16() as u32;
    }
    (units == column).then_some(source.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::v8::Location;

    fn error_at(line: u32, column: u32) -> Exception {
        Exception {
            message: "SyntaxError: Unexpected token 'with'".into(),
            stack: None,
            location: Some(Location {
                resource: "x.js".into(),
                line,
                column,
            }),
            source_line: None,
        }
    }

    #[test]
    fn the_keyword_v8_names_is_rewritten() {
        let source = "// é\nimport a from \"./a.json\" with { type: \"json\" };\n";
        let rewritten = with_as_assert(source, &error_at(2, 26)).unwrap();
        assert_eq!(
            rewritten,
            "// é\nimport a from \"./a.json\" assert { type: \"json\" };\n"
        );
    }

    #[test]
    fn other_errors_are_left_alone() {
        let source = "with (o) { x }\n";
        assert_eq!(with_as_assert(source, &error_at(1, 1)), None);
        let source = "let a = b with {}\n";
        assert_eq!(with_as_assert(source, &error_at(1, 11)), None);
    }

    #[test]
    fn columns_count_utf16_units() {
        let source = "'😀' + x\nnext";
        assert_eq!(byte_offset(source, 1, 4), Some(5));
        assert_eq!(
            byte_offset(source, 2, 1),
            Some(source.find("next").unwrap())
        );
        assert_eq!(byte_offset("a\r\nb\rc", 3, 1), Some(5));
    }

    #[test]
    fn json_modules_parse_the_exact_text() {
        assert_eq!(
            json_module("{\"a\": \"\\u2028\"}\n"),
            "export default JSON.parse(\"{\\\"a\\\": \\\"\\\\u2028\\\"}\\n\");\n"
        );
    }
}
