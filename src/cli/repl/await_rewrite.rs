//! Top-level `await` for the REPL and for code given to `nano eval`.
//!
//! V8 10.2 has no public REPL mode, and a classic script cannot `await`. So
//! input that needs it runs inside an async arrow function, and the script's
//! value is that function's promise:
//!
//! ```text
//! let v; (p => (p.catch(() => {}), p))((async () => {
//! void 0, v = await Promise.resolve(9)
//! })())
//! ```
//!
//! - Top-level `let`/`const`/`var` declarations become assignments (`const
//!   x = e` turns into `void 0, x = e`; destructuring patterns too), and the
//!   names are declared before the function: `let` for `let` and `const`
//!   (a `const` can be reassigned later, as in Node's REPL), `var` for `var`.
//! - A top-level `class C {}` becomes `C = class C {};` with `let C` before.
//! - A top-level function declaration stays in the function (hoisted there)
//!   and is copied to `globalThis` at its start.
//! - When the last statement is an expression, it is returned. Where that
//!   statement starts is not parsed here: every place it could start gives a
//!   variant, and the caller keeps the first that compiles (the earliest
//!   start that parses is the one JavaScript itself would read).
//!
//! The catch handler keeps the promise from counting as unhandled before the
//! REPL awaits it. The function's code starts on the script's second line.

use std::collections::HashSet;

use super::tokens::{tokenize, Kind, Token};
use crate::runtime::{Runtime, RuntimeError};

/// Lines the wrapper adds before the input.
pub const HEADER_LINES: u32 = 1;

/// Places a returned last statement may start at; the latest are kept.
const MAX_VARIANTS: usize = 32;

/// Whether the input uses `await` outside strings and comments.
pub fn mentions_await(source: &str) -> bool {
    tokenize(source)
        .tokens
        .iter()
        .any(|token| token.kind == Kind::Word && token.text == "await")
}

/// The first variant of `rewrite(source)` that compiles: run it with
/// `execute_script_at(.., -HEADER_LINES)` and await its value. Else the
/// last variant's SyntaxError (its lines count the wrapper's).
pub fn wrap_for_await(runtime: &Runtime, source: &str, name: &str) -> Result<String, RuntimeError> {
    let mut last_error = None;
    for variant in rewrite(source) {
        match runtime.check_syntax(&variant, name) {
            Ok(()) => return Ok(variant),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.expect("rewrite gives at least one variant"))
}

/// The input wrapped in an async function, in variants that return the last
/// statement's value from different possible starts (earliest first), then
/// one that returns nothing. Run the first that compiles.
pub fn rewrite(source: &str) -> Vec<String> {
    let tokens = tokenize(source).tokens;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut lexical: Vec<&str> = Vec::new();
    let mut vars: Vec<&str> = Vec::new();
    let mut functions: Vec<&str> = Vec::new();
    // Statements after which the last one can start (no value of their own).
    let mut last_declaration = None;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        if token.kind != Kind::Word || token.depth != 0 || !starts_statement(&tokens, i) {
            i += 1;
            continue;
        }
        let next = tokens.get(i + 1);
        match token.text {
            "var" | "let" | "const" if next.is_some_and(|next| is_binding_start(next)) => {
                let end = declaration_end(&tokens, i);
                let names = if token.text == "var" {
                    &mut vars
                } else {
                    &mut lexical
                };
                declared_names(&tokens[i + 1..end], names);
                edits.push((token.start, token.end, "void 0,".into()));
                last_declaration = Some(i);
                i = end;
            }
            "function" | "async" => {
                let keyword = if token.text == "async" { i + 1 } else { i };
                let is_function = tokens
                    .get(keyword)
                    .is_some_and(|t| t.text == "function" && (keyword == i || !t.newline_before));
                if !is_function {
                    i += 1;
                    continue;
                }
                let mut at = keyword + 1;
                if tokens.get(at).is_some_and(|t| t.text == "*") {
                    at += 1;
                }
                if let Some(name) = tokens.get(at).filter(|t| t.kind == Kind::Word) {
                    functions.push(name.text);
                }
                last_declaration = Some(i);
                i = body_end(&tokens, at);
            }
            "class" => {
                let Some(name) = next.filter(|t| t.kind == Kind::Word && t.text != "extends")
                else {
                    i += 1;
                    continue;
                };
                let end = body_end(&tokens, i + 1);
                edits.push((token.start, token.start, format!("{} = ", name.text)));
                if let Some(close) = end.checked_sub(1).map(|at| tokens[at]) {
                    edits.push((close.end, close.end, ";".into()));
                }
                lexical.push(name.text);
                last_declaration = Some(i);
                i = end;
            }
            _ => i += 1,
        }
    }

    let header = header(&lexical, &vars, &functions);
    let last = tokens
        .iter()
        .rposition(|t| !(t.kind == Kind::Punct && t.text == ";"));
    let mut variants = Vec::new();
    if let Some(last) = last {
        let first = last_declaration.map_or(0, |at| at + 1);
        let starts: Vec<usize> = (first..=last)
            .filter(|&k| {
                tokens[k].depth == 0
                    && starts_statement(&tokens, k)
                    && may_start_expression(&tokens[k])
            })
            .collect();
        let skip = starts.len().saturating_sub(MAX_VARIANTS);
        for &k in &starts[skip..] {
            let mut with_return = edits.clone();
            with_return.push((tokens[k].start, tokens[k].start, "return (".into()));
            with_return.push((tokens[last].end, tokens[last].end, ")".into()));
            variants.push(wrap(&header, &apply(source, with_return)));
        }
    }
    variants.push(wrap(&header, &apply(source, edits)));
    variants
}

fn header(lexical: &[&str], vars: &[&str], functions: &[&str]) -> String {
    let mut header = String::new();
    let mut seen = HashSet::new();
    for (keyword, names) in [("let", lexical), ("var", vars)] {
        let names: Vec<&str> = names
            .iter()
            .copied()
            .filter(|name| seen.insert(*name))
            .collect();
        if !names.is_empty() {
            header.push_str(&format!("{keyword} {}; ", names.join(", ")));
        }
    }
    header.push_str("(p => (p.catch(() => {}), p))((async () => {");
    for name in functions {
        header.push_str(&format!(" globalThis.{name} = {name};"));
    }
    header
}

fn wrap(header: &str, body: &str) -> String {
    format!("{header}\n{body}\n}})())")
}

/// Applies non-overlapping edits (start, end, replacement).
fn apply(source: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = String::with_capacity(source.len() + 64);
    let mut at = 0;
    for (start, end, replacement) in edits {
        out.push_str(&source[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&source[at..]);
    out
}

fn is_binding_start(token: &Token<'_>) -> bool {
    token.kind == Kind::Word || matches!(token.text, "{" | "[")
}

/// Whether a top-level statement can start at `tokens[i]`.
fn starts_statement(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(previous) = i.checked_sub(1).map(|at| tokens[at]) else {
        return true;
    };
    let token = tokens[i];
    if token.depth != 0 {
        return false;
    }
    if previous.kind == Kind::Punct && previous.text == ";" {
        return true;
    }
    if previous.kind == Kind::Close && previous.text == "}" {
        return true;
    }
    token.newline_before && !continues(&previous, &token)
}

/// Whether a line break between `previous` and `next` leaves one statement
/// going (no automatic semicolon).
fn continues(previous: &Token<'_>, next: &Token<'_>) -> bool {
    let previous_wants_more = match previous.kind {
        Kind::Punct => !matches!(previous.text, "++" | "--"),
        Kind::Open => true,
        Kind::Word => matches!(
            previous.text,
            "typeof" | "instanceof" | "in" | "of" | "new" | "delete" | "void" | "await" | "extends"
        ),
        Kind::Number | Kind::Literal | Kind::Close => false,
    };
    let next_continues = match next.kind {
        Kind::Punct => !matches!(next.text, "++" | "--" | "!" | "~"),
        Kind::Open => next.text != "{",
        Kind::Literal => next.text.starts_with('`'),
        Kind::Word => matches!(next.text, "in" | "of" | "instanceof"),
        Kind::Number | Kind::Close => false,
    };
    previous_wants_more || next_continues
}

/// Whether an expression statement may start with this token.
fn may_start_expression(token: &Token<'_>) -> bool {
    match token.kind {
        Kind::Close => false,
        Kind::Punct => !matches!(token.text, ";" | "," | "=" | "=>" | "." | "?." | ":" | "?"),
        Kind::Word => !matches!(
            token.text,
            "if" | "for"
                | "while"
                | "do"
                | "switch"
                | "try"
                | "return"
                | "throw"
                | "break"
                | "continue"
                | "debugger"
                | "with"
                | "else"
                | "case"
                | "default"
                | "catch"
                | "finally"
                | "var"
                | "let"
                | "const"
                | "export"
        ),
        Kind::Number | Kind::Literal | Kind::Open => true,
    }
}

/// The index after a declaration statement that starts at `tokens[start]`.
fn declaration_end(tokens: &[Token<'_>], start: usize) -> usize {
    for j in start + 1..tokens.len() {
        let token = tokens[j];
        if token.depth != 0 {
            continue;
        }
        if token.kind == Kind::Punct && token.text == ";" {
            return j;
        }
        if j > start + 1 && token.newline_before && !continues(&tokens[j - 1], &token) {
            return j;
        }
    }
    tokens.len()
}

/// The index after the first top-level `{ ... }` block at or after `from`.
fn body_end(tokens: &[Token<'_>], from: usize) -> usize {
    let open = (from..tokens.len()).find(|&j| tokens[j].depth == 0 && tokens[j].text == "{");
    match open {
        Some(open) => matching(tokens, open) + 1,
        None => tokens.len(),
    }
}

/// The index of the bracket closing `tokens[open]` (or the last index).
fn matching(tokens: &[Token<'_>], open: usize) -> usize {
    let depth = tokens[open].depth;
    (open + 1..tokens.len())
        .find(|&j| tokens[j].kind == Kind::Close && tokens[j].depth == depth)
        .unwrap_or(tokens.len().saturating_sub(1))
}

/// The names a declaration's declarators bind (`a = 1, {b, c: [d]} = e`).
fn declared_names<'a>(tokens: &[Token<'a>], names: &mut Vec<&'a str>) {
    let mut at = 0;
    while at < tokens.len() {
        at = binding_target(tokens, at, names);
        // Skip the initializer, up to the next declarator.
        while at < tokens.len() && !(tokens[at].depth == tokens[0].depth && tokens[at].text == ",")
        {
            at += 1;
        }
        at += 1;
    }
}

/// Collects the names bound by the target at `tokens[at]`; returns the index after it.
fn binding_target<'a>(tokens: &[Token<'a>], at: usize, names: &mut Vec<&'a str>) -> usize {
    let Some(token) = tokens.get(at) else {
        return at;
    };
    match (token.kind, token.text) {
        (Kind::Word, _) => {
            names.push(token.text);
            at + 1
        }
        (Kind::Open, "{") => object_pattern(tokens, at + 1, names),
        (Kind::Open, "[") => array_pattern(tokens, at + 1, names),
        _ => at + 1,
    }
}

fn object_pattern<'a>(tokens: &[Token<'a>], mut at: usize, names: &mut Vec<&'a str>) -> usize {
    while let Some(token) = tokens.get(at) {
        match token.text {
            "}" => return at + 1,
            "," => at += 1,
            "..." => at = binding_target(tokens, at + 1, names),
            _ => {
                let key_end = if token.text == "[" {
                    matching(tokens, at) + 1
                } else {
                    at + 1
                };
                if tokens.get(key_end).is_some_and(|t| t.text == ":") {
                    at = binding_target(tokens, key_end + 1, names);
                } else {
                    if token.kind == Kind::Word {
                        names.push(token.text);
                    }
                    at = key_end;
                }
            }
        }
        at = skip_default(tokens, at);
    }
    at
}

fn array_pattern<'a>(tokens: &[Token<'a>], mut at: usize, names: &mut Vec<&'a str>) -> usize {
    while let Some(token) = tokens.get(at) {
        match token.text {
            "]" => return at + 1,
            "," => at += 1,
            "..." => at = binding_target(tokens, at + 1, names),
            _ => at = binding_target(tokens, at, names),
        }
        at = skip_default(tokens, at);
    }
    at
}

/// Past a default value (`= expr`) at `tokens[at]`, if there is one.
fn skip_default(tokens: &[Token<'_>], at: usize) -> usize {
    if !tokens
        .get(at)
        .is_some_and(|t| t.kind == Kind::Punct && t.text == "=")
    {
        return at;
    }
    let depth = tokens[at].depth;
    let mut j = at + 1;
    while let Some(token) = tokens.get(j) {
        if token.depth < depth || (token.depth == depth && token.text == ",") {
            break;
        }
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "(p => (p.catch(() => {}), p))((async () => {";

    fn body(variant: &str) -> &str {
        let (_, rest) = variant.split_once('\n').expect("a header line");
        rest.strip_suffix("\n})())").expect("the closing line")
    }

    fn header(variant: &str) -> &str {
        variant.split_once('\n').expect("a header line").0
    }

    #[test]
    fn finds_await_outside_strings_and_comments() {
        assert!(mentions_await("await f()"));
        assert!(mentions_await("x = 1; y = await g"));
        assert!(!mentions_await("'await' // await"));
        assert!(!mentions_await("awaited + 1"));
    }

    #[test]
    fn returns_an_awaited_expression() {
        let variants = rewrite("await new Promise(r => setTimeout(() => r(5), 20))");
        assert_eq!(variants.len(), 2);
        assert_eq!(header(&variants[0]), HEAD);
        assert_eq!(
            body(&variants[0]),
            "return (await new Promise(r => setTimeout(() => r(5), 20)))"
        );
        assert_eq!(
            body(&variants[1]),
            "await new Promise(r => setTimeout(() => r(5), 20))"
        );
    }

    #[test]
    fn offers_each_start_of_the_last_statement() {
        let variants = rewrite("let a = 1;\nawait a\n-1;");
        let bodies: Vec<&str> = variants.iter().map(|v| body(v)).collect();
        assert_eq!(
            bodies,
            [
                "void 0, a = 1;\nreturn (await a\n-1);",
                "void 0, a = 1;\nawait a\n-1;"
            ]
        );
        assert_eq!(header(&variants[0]), format!("let a; {HEAD}"));

        let variants = rewrite("await f()\nx");
        let bodies: Vec<&str> = variants.iter().map(|v| body(v)).collect();
        assert_eq!(
            bodies,
            [
                "return (await f()\nx)",
                "await f()\nreturn (x)",
                "await f()\nx"
            ]
        );
    }

    #[test]
    fn hoists_declarations() {
        let variants = rewrite("const v = await Promise.resolve(9)");
        assert_eq!(variants.len(), 1, "a declaration has no value");
        assert_eq!(header(&variants[0]), format!("let v; {HEAD}"));
        assert_eq!(body(&variants[0]), "void 0, v = await Promise.resolve(9)");

        let variants = rewrite(
            "var a = 1, b = await g(1, 2)\nlet {c, d: [e, ...f], g = h(1, 2), [k]: l} = await o;",
        );
        assert_eq!(
            header(&variants[0]),
            format!("let c, e, f, g, l; var a, b; {HEAD}")
        );
        assert_eq!(
            body(&variants[0]),
            "void 0, a = 1, b = await g(1, 2)\nvoid 0, {c, d: [e, ...f], g = h(1, 2), [k]: l} = await o;"
        );
    }

    #[test]
    fn leaves_inner_declarations_alone() {
        let variants = rewrite("for (let i = 0; i < 2; i++) { const x = await i }");
        assert_eq!(header(&variants[0]), HEAD);
        assert_eq!(
            body(variants.last().unwrap()),
            "for (let i = 0; i < 2; i++) { const x = await i }"
        );
    }

    #[test]
    fn copies_functions_and_classes_out() {
        let variants =
            rewrite("async function f() { return 1 }\nclass A extends B { m() {} }\nawait f()");
        assert_eq!(
            header(&variants[0]),
            format!("let A; {HEAD} globalThis.f = f;")
        );
        assert_eq!(
            body(&variants[0]),
            "async function f() { return 1 }\nA = class A extends B { m() {} };\nreturn (await f())"
        );
    }

    #[test]
    fn keeps_trailing_semicolons_and_comments_outside_the_return() {
        let variants = rewrite("await x; // done");
        assert_eq!(body(&variants[0]), "return (await x); // done");
    }
}
