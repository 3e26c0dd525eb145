//! Loads an app's ES modules from its folder: resolving specifiers (paths
//! inside the folder, packages in its `node_modules`, built-ins), stripping
//! TypeScript's types, compiling JavaScript and JSON modules through the
//! process's code cache, linking, and answering `import()` and `import.meta`
//! while the app runs.

mod code_cache;
mod commonjs;
mod errors;
mod graph;
mod host;
mod resolve;
mod source;
pub mod typescript;

pub use errors::{ModuleError, TypeProblem};
pub use graph::ModuleGraph;
pub use host::AppModules;
