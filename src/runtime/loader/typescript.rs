//! TypeScript modules: types stripped with oxc (not checked, and no other
//! syntax lowered: V8 runs the rest), plus a map from the JavaScript's
//! positions back to the TypeScript's for errors and stack traces.
//!
//! Each file's result is kept for the process, keyed like the code cache by
//! path and source hash, so the cores that load an app after the first do
//! not strip it again (V8's code cache then applies to the JavaScript).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use oxc_allocator::Allocator;
use oxc_ast::ast::Decorator;
use oxc_ast_visit::Visit;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_diagnostics::Diagnostics;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::{SourceType, Span};
use oxc_transformer::{TransformOptions, Transformer};

use super::code_cache;
use crate::runtime::state::RuntimeState;
use crate::v8::Scope;

/// A TypeScript file that could not be turned into JavaScript.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{name}:{line}:{column}: {message}")]
pub struct TypeScriptError {
    /// The file as shown in errors (see `ModuleGraph`).
    pub name: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// One TypeScript file as JavaScript.
pub struct StrippedModule {
    pub code: String,
    pub positions: PositionMap,
}

/// Maps 1-based line and column of the generated JavaScript to the
/// TypeScript source (columns in UTF-16 units, as V8 counts them).
pub struct PositionMap {
    /// (generated line, generated column, source line, source column),
    /// 0-based, sorted by generated position.
    segments: Vec<(u32, u32, u32, u32)>,
}

impl PositionMap {
    /// The TypeScript position of a JavaScript one; None where the
    /// generated line has no mapped code before `column`.
    pub fn original(&self, line: u32, column: u32) -> Option<(u32, u32)> {
        let (line, column) = (line.checked_sub(1)?, column.checked_sub(1)?);
        let after = self
            .segments
            .partition_point(|&(gen_line, gen_column, ..)| {
                (gen_line, gen_column) <= (line, column)
            });
        let &(gen_line, gen_column, src_line, src_column) =
            self.segments.get(after.checked_sub(1)?)?;
        // Text between two mapped tokens is copied as it was.
        (gen_line == line).then(|| (src_line + 1, src_column + (column - gen_column) + 1))
    }
}

/// Whether `path` is a module NANO strips types from.
pub fn is_typescript(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("ts" | "mts")
    )
}

/// The JavaScript V8 compiles for the module at `path` (shown as `name`):
/// `source` itself, or for TypeScript the source stripped of types, whose
/// positions this runtime's stack traces then map back.
pub fn module_javascript(
    scope: &Scope<'_>,
    path: &Path,
    name: &str,
    source: String,
) -> Result<String, TypeScriptError> {
    if !is_typescript(path) {
        return Ok(source);
    }
    let stripped = strip_types(path, name, &source)?;
    if let Some(state) = scope.slot::<RuntimeState>() {
        state.stack_frames.add_stripped(name, stripped.clone());
    }
    Ok(stripped.code.clone())
}

/// One file's stripping, done by the first core that loads that source.
type Stripping = Arc<OnceLock<Result<Arc<StrippedModule>, TypeScriptError>>>;

fn stripping(key: code_cache::Key) -> Stripping {
    static FILES: OnceLock<Mutex<HashMap<code_cache::Key, Stripping>>> = OnceLock::new();
    let mut files = FILES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    files.entry(key).or_default().clone()
}

/// `source` (the file at `path`, shown as `name`) as JavaScript, stripped
/// once per process: a core that finds another stripping the same source
/// waits for its result.
pub fn strip_types(
    path: &Path,
    name: &str,
    source: &str,
) -> Result<Arc<StrippedModule>, TypeScriptError> {
    stripping(code_cache::key(path, source))
        .get_or_init(|| transform(path, name, source).map(Arc::new))
        .clone()
}

fn transform(path: &Path, name: &str, source: &str) -> Result<StrippedModule, TypeScriptError> {
    let error_at = |offset: u32, message: &str| {
        let (line, column) = line_and_column(source, offset);
        TypeScriptError {
            name: name.to_string(),
            line,
            column,
            message: message.to_string(),
        }
    };
    let allocator = Allocator::default();
    let source_type = SourceType::ts().with_module(true);
    let parsed = Parser::new(&allocator, source, source_type).parse();
    if let Some((offset, message)) = first_error(&parsed.diagnostics) {
        return Err(error_at(offset, message));
    }
    let mut program = parsed.program;
    if let Some(span) = first_decorator(&program) {
        return Err(error_at(
            span.start,
            "decorators are not supported (V8 10.2 has no decorators, and NANO strips types without down-levelling)",
        ));
    }
    let scoping = SemanticBuilder::new()
        .with_enum_eval(true)
        .build(&program)
        .semantic
        .into_scoping();
    let transformed = Transformer::new(&allocator, path, &TransformOptions::default())
        .build_with_scoping(scoping, &mut program);
    if let Some((offset, message)) = first_error(&transformed.diagnostics) {
        return Err(error_at(offset, message));
    }
    let generated = Codegen::new()
        .with_options(CodegenOptions {
            source_map_path: Some(path.to_path_buf()),
            ..CodegenOptions::default()
        })
        .build(&program);
    let segments = generated
        .map
        .map(|map| {
            map.get_tokens()
                .map(|token| {
                    (
                        token.get_dst_line(),
                        token.get_dst_col(),
                        token.get_src_line(),
                        token.get_src_col(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(StrippedModule {
        code: generated.code,
        positions: PositionMap { segments },
    })
}

/// The first error's offset in the source and message.
fn first_error(diagnostics: &Diagnostics) -> Option<(u32, &str)> {
    let error = diagnostics.errors().next()?;
    let offset = error.labels.first().map_or(0, |label| label.offset());
    Some((offset, &error.message))
}

/// The 1-based line and column (in UTF-16 units) of byte `offset`.
fn line_and_column(source: &str, offset: u32) -> (u32, u32) {
    let before = source.get(..offset as usize).unwrap_or(source);
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].encode_utf16().count() + 1;
    (line as u32, column as u32)
}

fn first_decorator(program: &oxc_ast::ast::Program<'_>) -> Option<Span> {
    #[derive(Default)]
    struct FindDecorator(Option<Span>);
    impl<'a> Visit<'a> for FindDecorator {
        fn visit_decorator(&mut self, decorator: &Decorator<'a>) {
            self.0.get_or_insert(decorator.span);
        }
    }
    let mut finder = FindDecorator::default();
    finder.visit_program(program);
    finder.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(source: &str) -> Result<StrippedModule, TypeScriptError> {
        transform(Path::new("/app/x.ts"), "x.ts", source)
    }

    #[test]
    fn types_go_and_runtime_constructs_stay() {
        let stripped = strip(
            "interface A { x: number }\nenum E { One = 1 }\nclass C { constructor(private n: number) {} }\nexport const y = (1 as number) + E.One;\n",
        )
        .unwrap();
        assert!(!stripped.code.contains("interface"), "{}", stripped.code);
        assert!(stripped.code.contains("this.n = n"), "{}", stripped.code);
        assert!(
            stripped.code.contains("E[E[\"One\"] = 1]"),
            "{}",
            stripped.code
        );
    }

    #[test]
    fn positions_map_back_to_the_typescript() {
        let source = "type T = {\n  a: string;\n};\nexport function f(): T {\n  throw new Error(\"x\");\n}\n";
        let stripped = strip(source).unwrap();
        let (line, text) = stripped
            .code
            .lines()
            .enumerate()
            .find(|(_, text)| text.contains("throw"))
            .unwrap();
        let column = text.find("new").unwrap() as u32 + 1;
        assert_eq!(
            stripped.positions.original(line as u32 + 1, column),
            Some((5, 9))
        );
    }

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        let error = strip("const a = 1;\nlet b: = 2;\n").err().unwrap();
        assert_eq!((error.line, error.column), (2, 8), "{error}");
        assert!(error.to_string().starts_with("x.ts:2:8: "), "{error}");
    }

    #[test]
    fn decorators_are_refused() {
        let error = strip("function d(x: any) {}\n@d class A {}\n")
            .err()
            .unwrap();
        assert_eq!((error.line, error.column), (2, 1), "{error}");
        assert!(error.message.contains("decorators"), "{error}");
    }

    #[test]
    fn a_file_is_stripped_once_per_source() {
        let path = Path::new("/app/once.ts");
        let first = strip_types(path, "once.ts", "export const a: number = 1;").unwrap();
        let again = strip_types(path, "once.ts", "export const a: number = 1;").unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        let edited = strip_types(path, "once.ts", "export const a: number = 2;").unwrap();
        assert!(!Arc::ptr_eq(&first, &edited));
    }
}
