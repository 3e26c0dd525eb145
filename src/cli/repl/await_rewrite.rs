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
//! - When the last statement is an expression, it is returned.
//!
//! Statements are found with oxc's parser. The input is parsed as the body
//! of an async function, so input that does not parse as that is left to V8
//! to report.
//!
//! The catch handler keeps the promise from counting as unhandled before the
//! REPL awaits it. The function's code starts on the script's second line.

use std::collections::HashSet;

use oxc_allocator::{Allocator, Vec as ArenaVec};
use oxc_ast::ast::{
    ArrowFunctionBody, AwaitExpression, Expression, ForOfStatement, Statement,
    VariableDeclarationKind,
};
use oxc_ast_visit::{walk, Visit};
use oxc_parser::Parser;
use oxc_span::SourceType;

use crate::runtime::{Runtime, RuntimeError};

/// Lines the wrapper adds before the input.
pub const HEADER_LINES: u32 = 1;

/// The input is parsed as the body of this function: `await` is allowed
/// there and the code stays sloppy, as a script is.
const PARSE_PREFIX: &str = "(async () => {\n";
const PARSE_SUFFIX: &str = "\n})";

/// Whether the input uses `await` outside strings and comments. Input
/// that does not parse counts when it has the word anywhere: wrapped or
/// not, V8 then reports its error.
pub fn mentions_await(source: &str) -> bool {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::unambiguous()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return source.contains("await");
    }
    let mut finder = FindAwait(false);
    finder.visit_program(&parsed.program);
    finder.0
}

/// Finds an `await` expression or a `for await` loop.
struct FindAwait(bool);

impl<'a> Visit<'a> for FindAwait {
    fn visit_await_expression(&mut self, _: &AwaitExpression<'a>) {
        self.0 = true;
    }

    fn visit_for_of_statement(&mut self, statement: &ForOfStatement<'a>) {
        self.0 |= statement.r#await;
        walk::walk_for_of_statement(self, statement);
    }
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

/// The input wrapped in an async function: first, when the last statement
/// is an expression, a variant that returns its value, then one that
/// returns nothing. Input that does not parse is wrapped as it is, for V8
/// to report its error.
pub fn rewrite(source: &str) -> Vec<String> {
    with_statements(source, |statements, offset| {
        rewrite_statements(source, statements, offset)
    })
    .unwrap_or_else(|| vec![wrap(&header(&[], &[], &[]), source)])
}

/// Calls `read` with the input's top-level statements and the offset of
/// the input in the text their spans count in; None when it does not parse.
fn with_statements<R>(
    source: &str,
    read: impl FnOnce(&ArenaVec<'_, Statement<'_>>, u32) -> R,
) -> Option<R> {
    let allocator = Allocator::default();
    let wrapped = format!("{PARSE_PREFIX}{source}{PARSE_SUFFIX}");
    let parsed = Parser::new(&allocator, &wrapped, SourceType::script()).parse();
    if parsed.panicked || parsed.diagnostics.has_errors() {
        return None;
    }
    let [Statement::ExpressionStatement(statement)] = parsed.program.body.as_slice() else {
        return None;
    };
    let Expression::ParenthesizedExpression(parenthesized) = &statement.expression else {
        return None;
    };
    let Expression::ArrowFunctionExpression(function) = &parenthesized.expression else {
        return None;
    };
    let ArrowFunctionBody::FunctionBody(body) = &function.body else {
        return None;
    };
    // Input such as `}); (async () => {` closes the function early.
    if body.span.end as usize + 1 != wrapped.len() {
        return None;
    }
    Some(read(&body.statements, PARSE_PREFIX.len() as u32))
}

fn rewrite_statements(
    source: &str,
    statements: &ArenaVec<'_, Statement<'_>>,
    offset: u32,
) -> Vec<String> {
    let at = |position: u32| (position - offset) as usize;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut lexical: Vec<&str> = Vec::new();
    let mut vars: Vec<&str> = Vec::new();
    let mut functions: Vec<&str> = Vec::new();
    for statement in statements {
        match statement {
            Statement::VariableDeclaration(declaration)
                if matches!(
                    declaration.kind,
                    VariableDeclarationKind::Var
                        | VariableDeclarationKind::Let
                        | VariableDeclarationKind::Const
                ) =>
            {
                let names = if declaration.kind == VariableDeclarationKind::Var {
                    &mut vars
                } else {
                    &mut lexical
                };
                for declarator in &declaration.declarations {
                    for name in declarator.id.get_binding_identifiers() {
                        names.push(name.name.as_str());
                    }
                }
                let start = at(declaration.span.start);
                let keyword_end = start + declaration.kind.as_str().len();
                edits.push((start, keyword_end, "void 0,".into()));
            }
            Statement::FunctionDeclaration(function) => {
                functions.extend(function.id.as_ref().map(|id| id.name.as_str()));
            }
            Statement::ClassDeclaration(class) => {
                if let Some(id) = &class.id {
                    let (start, end) = (at(class.span.start), at(class.span.end));
                    edits.push((start, start, format!("{} = ", id.name)));
                    edits.push((end, end, ";".into()));
                    lexical.push(id.name.as_str());
                }
            }
            _ => {}
        }
    }
    let header = header(&lexical, &vars, &functions);
    let last = statements
        .iter()
        .rev()
        .find(|statement| !matches!(statement, Statement::EmptyStatement(_)));
    let mut variants = Vec::new();
    if let Some(Statement::ExpressionStatement(last)) = last {
        let span = oxc_span::GetSpan::span(&last.expression);
        let mut with_return = edits.clone();
        with_return.push((at(span.start), at(span.start), "return (".into()));
        with_return.push((at(span.end), at(span.end), ")".into()));
        variants.push(wrap(&header, &apply(source, with_return)));
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
        assert!(mentions_await("for await (const x of xs) {}"));
        assert!(mentions_await("`${await x}`"));
        assert!(mentions_await("async function f() { await g() }"));
        assert!(mentions_await("await ]"), "input that does not parse");
        assert!(!mentions_await("'await' // await"));
        assert!(!mentions_await("awaited + 1 /* await */"));
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
    fn returns_the_last_statement_as_javascript_reads_it() {
        let variants = rewrite("let a = 1;\nawait a\n-1;");
        assert_eq!(body(&variants[0]), "void 0, a = 1;\nreturn (await a\n-1);");
        assert_eq!(header(&variants[0]), format!("let a; {HEAD}"));

        let variants = rewrite("await f()\nx");
        assert_eq!(body(&variants[0]), "await f()\nreturn (x)");
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
        assert_eq!(variants.len(), 1);
        assert_eq!(header(&variants[0]), HEAD);
        assert_eq!(
            body(&variants[0]),
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
        let variants = rewrite("await x;; // done");
        assert_eq!(body(&variants[0]), "return (await x);; // done");
    }

    #[test]
    fn input_that_closes_the_wrapper_is_left_to_v8() {
        let variants = rewrite("}); (async () => { await 1");
        assert_eq!(variants.len(), 1);
        assert_eq!(body(&variants[0]), "}); (async () => { await 1");
    }
}
