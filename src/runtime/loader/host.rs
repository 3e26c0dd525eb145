//! An app's module graph as its isolate's module host: `import()` loads
//! into the same graph as the static imports, `import.meta.url` names the
//! module's file and `import.meta.resolve` resolves as an import would.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use super::errors::ModuleError;
use super::graph::ModuleGraph;
use crate::v8::{
    ErrorKind, ImportAttributes, JsResult, Local, Module, ModuleHost, Resolver, Scope, Throw, Value,
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
        let module = scope.global(loaded.map_err(|error| rejection(scope, error))?);
        let resolver = scope.resolver();
        let promise = scope.resolver_promise(resolver);
        let resolver = scope.global(resolver);
        // Evaluated in a microtask, after the JavaScript running now: the
        // module may be one whose evaluation is under way (an import
        // cycle), which V8 cannot start again before it ends.
        scope.defer(move |scope| {
            settle_with_namespace(scope, module.get(scope), resolver.get(scope))
        });
        Ok(promise)
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
        // Fails only when execution is terminating, which then unwinds.
        let _ = scope.set(meta, "url", scope.string(&url));
        if let Some(resolve) = scope.import_meta_resolve(&url) {
            let _ = scope.set(meta, "resolve", resolve);
        }
    }

    fn resolve<'s>(
        &self,
        scope: &'s Scope<'_>,
        url: &str,
        specifier: &str,
    ) -> JsResult<'s, Local<'s, Value>> {
        let resolved = self.graph.borrow().resolve_url(url, specifier);
        let resolved = resolved.map_err(|error| rejection(scope, error))?;
        Ok(scope.string(&resolved))
    }
}

/// Evaluates `module` and settles `resolver` with its namespace once the
/// evaluation (top-level await included) is done, or with its error.
fn settle_with_namespace(
    scope: &Scope<'_>,
    module: Local<'_, Module>,
    resolver: Local<'_, Resolver>,
) {
    let outcome = scope.evaluate_module(module).map(|evaluation| {
        let namespace = scope
            .module_namespace(module)
            .expect("a linked module has a namespace");
        scope
            .promise_then_value(evaluation, namespace)
            .unwrap_or(namespace)
    });
    // Settling fails only while execution is terminating, as does a
    // termination here: the runtime then ends the run itself.
    let _ = match outcome {
        Ok(value) => scope.settle(resolver, value, false),
        Err(Throw::Exception { value, .. }) => scope.settle(resolver, value, true),
        Err(Throw::Terminated) => return,
    };
}

/// The error an `import()` rejects with (or `import.meta.resolve` throws):
/// a SyntaxError for a module that
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
