//! Why an app's modules did not load.

use std::path::PathBuf;

use super::typescript::TypeScriptError;
use crate::v8::Exception;

#[derive(Debug, thiserror::Error)]
pub enum ModuleError {
    #[error("cannot read {}: {error}", .path.display())]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("cannot find module {specifier:?} imported by {referrer}")]
    NotFound { specifier: String, referrer: String },
    #[error("import {specifier:?} in {referrer} leaves the app folder")]
    EscapesRoot { specifier: String, referrer: String },
    #[error("import {specifier:?} in {referrer}: {reason}")]
    Unresolvable {
        specifier: String,
        referrer: String,
        reason: String,
    },
    #[error(
        "import {specifier:?} in {referrer}: NANO has no {specifier} (it has {})",
        crate::runtime::node::available()
    )]
    Unavailable { specifier: String, referrer: String },
    #[error("import {specifier:?} in {referrer}: {problem}")]
    ImportType {
        specifier: String,
        referrer: String,
        problem: TypeProblem,
    },
    #[error(
        "import {specifier:?} in {referrer}: {} is CommonJS ({file} uses require or module.exports \
         and has no import or export); NANO runs ES modules only",
        .package.as_ref().map_or_else(|| file.clone(), |name| format!("package {name:?}"))
    )]
    CommonJs {
        specifier: String,
        referrer: String,
        package: Option<String>,
        file: String,
    },
    #[error(transparent)]
    TypeScript(#[from] TypeScriptError),
    #[error("{}", render_located(.0))]
    Compile(Exception),
    #[error("{}", render_located(.0))]
    Link(Exception),
    #[error("module evaluation was terminated")]
    Terminated,
}

/// What is wrong with an import's `type` attribute.
#[derive(Debug, thiserror::Error)]
pub enum TypeProblem {
    #[error("a JSON module is imported `with {{ type: \"json\" }}`")]
    JsonWithoutType,
    #[error("`type: \"json\"` imports a .json file")]
    NotJson,
    #[error("import type {0:?} is not supported (only \"json\" is)")]
    Unsupported(String),
}

/// `file:line:column: message`, so the error names the module it is about.
fn render_located(exception: &Exception) -> String {
    match &exception.location {
        Some(location) => format!("{location}: {}", exception.message),
        None => exception.message.clone(),
    }
}
