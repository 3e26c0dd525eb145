//! A small JavaScript tokenizer for the REPL: enough to find top-level
//! statements, declarations and `await`, not a parser. Comments are
//! skipped; a template literal, substitutions included, is one token; a `/`
//! starts a regular expression where an operand is expected.

/// What kind of text a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword.
    Word,
    Number,
    /// A string, template or regular expression literal.
    Literal,
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// Any other punctuator or operator.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    /// Byte offsets into the source.
    pub start: usize,
    pub end: usize,
    /// Bracket depth outside the token (an opening or closing bracket counts
    /// as outside itself).
    pub depth: usize,
    /// Whether a line break separates it from the previous token.
    pub newline_before: bool,
}

/// A tokenized source, with what was left open at its end.
#[derive(Debug, Default)]
pub struct Tokens<'a> {
    pub tokens: Vec<Token<'a>>,
    /// A block comment or template literal runs to the end of the source.
    pub unterminated: bool,
}

const PUNCTUATORS: [&str; 36] = [
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=",
    "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    "**", "<<", ">>", "+", "-", "*",
];

/// Keywords after which an operand (so a regular expression) is expected.
const OPERAND_KEYWORDS: [&str; 14] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

pub fn tokenize(source: &str) -> Tokens<'_> {
    let bytes = source.as_bytes();
    let mut out = Tokens::default();
    let mut depth = 0usize;
    let mut newline = false;
    let mut at = 0;
    while at < bytes.len() {
        let c = bytes[at];
        if c == b'\n' || c == b'\r' {
            newline = true;
            at += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            at += 1;
            continue;
        }
        if source[at..].starts_with("\u{2028}") || source[at..].starts_with("\u{2029}") {
            newline = true;
            at += 3;
            continue;
        }
        if source[at..].starts_with("\u{a0}") || source[at..].starts_with("\u{feff}") {
            at += source[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if source[at..].starts_with("//") {
            at = source[at..]
                .find(['\n', '\r'])
                .map_or(bytes.len(), |end| at + end);
            continue;
        }
        if source[at..].starts_with("/*") {
            match source[at + 2..].find("*/") {
                Some(end) => {
                    newline |= source[at..at + 2 + end].contains('\n');
                    at += end + 4;
                }
                None => {
                    out.unterminated = true;
                    at = bytes.len();
                }
            }
            continue;
        }
        let start = at;
        let mut token_depth = depth;
        let kind = match c {
            b'(' | b'[' | b'{' => {
                depth += 1;
                at += 1;
                Kind::Open
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                token_depth = depth;
                at += 1;
                Kind::Close
            }
            b'\'' | b'"' => {
                at = skip_string(bytes, at);
                Kind::Literal
            }
            b'`' => {
                let (end, closed) = skip_template(source, at);
                out.unterminated |= !closed;
                at = end;
                Kind::Literal
            }
            b'0'..=b'9' => {
                at = skip_number(bytes, at);
                Kind::Number
            }
            b'.' if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => {
                at = skip_number(bytes, at);
                Kind::Number
            }
            b'/' if operand_expected(out.tokens.last()) => {
                at = skip_regex(bytes, at);
                Kind::Literal
            }
            _ if is_word_start(source, at) => {
                at = skip_word(source, at);
                Kind::Word
            }
            _ => {
                let rest = &source[at..];
                let len = PUNCTUATORS
                    .iter()
                    .find(|punct| rest.starts_with(*punct))
                    .map_or_else(
                        || rest.chars().next().map_or(1, char::len_utf8),
                        |punct| punct.len(),
                    );
                at += len;
                Kind::Punct
            }
        };
        out.tokens.push(Token {
            kind,
            text: &source[start..at],
            start,
            end: at,
            depth: token_depth,
            newline_before: newline,
        });
        newline = false;
    }
    out
}

fn operand_expected(previous: Option<&Token<'_>>) -> bool {
    match previous {
        None => true,
        Some(token) => match token.kind {
            Kind::Word => OPERAND_KEYWORDS.contains(&token.text),
            Kind::Number | Kind::Literal => false,
            Kind::Close => token.text == "}",
            Kind::Open | Kind::Punct => !matches!(token.text, "++" | "--"),
        },
    }
}

fn is_word_start(source: &str, at: usize) -> bool {
    source[at..].chars().next().is_some_and(|c| {
        c.is_alphabetic() || c == '_' || c == '$' || c == '\\' || c == '#' || !c.is_ascii()
    })
}

fn skip_word(source: &str, at: usize) -> usize {
    let mut end = at;
    for (offset, c) in source[at..].char_indices() {
        let part =
            c.is_alphanumeric() || c == '_' || c == '$' || c == '\\' || (c == '#' && offset == 0);
        let part =
            part || (!c.is_ascii() && !c.is_whitespace() && c != '\u{2028}' && c != '\u{2029}');
        if !part {
            break;
        }
        end = at + offset + c.len_utf8();
    }
    end.max(at + 1)
}

fn skip_number(bytes: &[u8], mut at: usize) -> usize {
    let hex = bytes[at] == b'0' && matches!(bytes.get(at + 1), Some(b'x' | b'X'));
    while at < bytes.len() {
        let c = bytes[at];
        let exponent_sign =
            (c == b'+' || c == b'-') && !hex && matches!(bytes[at - 1], b'e' | b'E');
        if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign) {
            break;
        }
        at += 1;
    }
    at
}

/// Past the closing quote; an unterminated string ends at the line's end.
fn skip_string(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' | b'\r' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Past the closing slash and flags; an unterminated one ends at the line's end.
fn skip_regex(bytes: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' | b'\r' => return i,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'/' if !in_class => {
                i += 1;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                return i;
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Past the closing backquote, substitutions included; whether it closed.
fn skip_template(source: &str, at: usize) -> (usize, bool) {
    let bytes = source.as_bytes();
    let mut i = at + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => return (i + 1, true),
            b'$' if bytes.get(i + 1) == Some(&b'{') => match skip_substitution(source, i + 2) {
                Some(end) => i = end,
                None => return (bytes.len(), false),
            },
            _ => i += 1,
        }
    }
    (bytes.len(), false)
}

/// Past the `}` closing a template substitution that starts at `at`.
fn skip_substitution(source: &str, at: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' => i = skip_string(bytes, i),
            b'`' => match skip_template(source, i) {
                (end, true) => i = end,
                (_, false) => return None,
            },
            b'/' if source[i..].starts_with("//") => {
                i = source[i..].find('\n').map_or(bytes.len(), |end| i + end);
            }
            b'/' if source[i..].starts_with("/*") => {
                i = source[i + 2..].find("*/").map(|end| i + end + 4)?;
            }
            b'{' => {
                depth += 1;
                i += 1;
            }
            b'}' if depth == 0 => return Some(i + 1),
            b'}' => {
                depth -= 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<&str> {
        tokenize(source)
            .tokens
            .iter()
            .map(|token| token.text)
            .collect()
    }

    #[test]
    fn splits_words_literals_and_punctuators() {
        assert_eq!(
            texts("const x = await f(1, 'a)', `b${c}`) // no\n/* x */ x >>>= 2"),
            [
                "const", "x", "=", "await", "f", "(", "1", ",", "'a)'", ",", "`b${c}`", ")", "x",
                ">>>=", "2"
            ]
        );
    }

    #[test]
    fn tells_regular_expressions_from_division() {
        assert_eq!(
            texts("x = /a[/]b/g.test(s)"),
            ["x", "=", "/a[/]b/g", ".", "test", "(", "s", ")"]
        );
        assert_eq!(texts("a / b / c"), ["a", "/", "b", "/", "c"]);
        assert_eq!(texts("f(x) / 2"), ["f", "(", "x", ")", "/", "2"]);
        assert_eq!(texts("1e+5-0x1e+.5"), ["1e+5", "-", "0x1e", "+", ".5"]);
    }

    #[test]
    fn tracks_depth_and_line_breaks() {
        let tokens = tokenize("f({a: [1]})\nx").tokens;
        let depths: Vec<usize> = tokens.iter().map(|token| token.depth).collect();
        assert_eq!(depths, [0, 0, 1, 2, 2, 2, 3, 2, 1, 0, 0]);
        assert!(tokens.last().unwrap().newline_before);
        assert!(!tokens[1].newline_before);
    }

    #[test]
    fn notices_unterminated_comments_and_templates() {
        assert!(tokenize("x /* open").unterminated);
        assert!(tokenize("`a ${b").unterminated);
        assert!(tokenize("`a\nb").unterminated);
        assert!(!tokenize("`a ${ {b: `c`}.b } d`").unterminated);
        assert_eq!(
            texts("`a ${ {b: `c`}.b } d` + 1"),
            ["`a ${ {b: `c`}.b } d`", "+", "1"]
        );
    }
}
