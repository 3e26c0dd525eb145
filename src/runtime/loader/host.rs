//! An app's module graph as its isolate's module host: `import()` loads
//! into the same graph as the static imports, and `import.meta.url` names
//! the module's file.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use super::errors::ModuleError;
use super::graph::ModuleGraph;
use crate::v8::{
    ErrorKind, ImportAttributes, JsResult, Local, Module, ModuleHost, Scope, Throw, Value,
};

pub struct AppModules {
    graph: RefCell<ModuleGraph>,
}

impl AppModules {
    pub fn new(graph: ModuleGraph) -> Rc<AppModules> {
        Rc::new(AppModules {
            graph: RefCell::new(graph),
        })
    }

    /// Loads and links the entry module (see `ModuleGraph::load`).
    pub fn load<'s>(
        &self,
        scope: &'s Scope<'_>,
        entry: &Path,
    ) -> Result<Local<'s, Module>, ModuleError> {
        self.graph.borrow_mut().load(scope, entry)
    }
}

impl ModuleHost for AppModules {
    fn import<'s>(
        &self,
        scope: &'s Scope<'_>,
        referrer: Option<&str>,
        specifier: &str,
        attributes: &ImportAttributes,
    ) -> JsResult<'s, Local<'s, Value>> {
        // The graph is let go before the module runs: it may import() too.
        let loaded = self
            .graph
            .borrow_mut()
            .import(scope, referrer, specifier, attributes);
        let module = loaded.map_err(|error| rejection(scope, error))?;
        let evaluation = scope.evaluate_module(module)?;
        let namespace = scope
            .module_namespace(module)
            .ok_or_else(|| rejection(scope, ModuleError::Terminated))?;
        // Evaluation gives a promise (top-level await); the namespace is
        // ready once it settles, and its rejection is the import's.
        Ok(scope
            .promise_then_value(evaluation, namespace)
            .unwrap_or(namespace))
    }

    fn init_import_meta<'s>(
        &self,
        scope: &'s Scope<'_>,
        module: Local<'s, Module>,
        meta: Local<'s, Value>,
    ) {
        let Some(url) = self.graph.borrow().url_of(scope, module) else {
            return;
        };
        // Only fails when execution is terminating, which then unwinds.
        let _ = scope.set(meta, "url", scope.string(&url));
    }
}

/// The error an `import()` rejects with: a SyntaxError for a module that
/// does not compile or link, a TypeError for one that cannot be loaded.
fn rejection<'s>(scope: &'s Scope<'_>, error: ModuleError) -> Throw<'s> {
    let (kind, message) = match &error {
        ModuleError::Terminated => return Throw::Terminated,
        ModuleError::Compile(exception) | ModuleError::Link(exception) => {
            // V8's text reads "Uncaught SyntaxError: …"; the kind is the
            // error's own name here.
            let text = exception.message.trim_start_matches("Uncaught ");
            let text = text.trim_start_matches("SyntaxError: ");
            let message = match &exception.location {
                Some(location) => format!("{location}: {text}"),
                None => text.to_string(),
            };
            (ErrorKind::SyntaxError, message)
        }
        other => (ErrorKind::TypeError, other.to_string()),
    };
    Throw::Exception {
        value: scope.error(kind, &message),
        message: None,
    }
}
