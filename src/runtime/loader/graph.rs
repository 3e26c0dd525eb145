//! An app's ES module graph: every module read and compiled once, by
//! canonical path, then linked. The graph lives as long as the app's
//! isolate, so `import()` adds to it and finds what is already there.

use std::path::{Path, PathBuf};

use super::code_cache::{self, Lookup};
use super::commonjs::is_commonjs;
use super::errors::{ModuleError, TypeProblem};
use super::resolve::{ImportResolver, Resolved, ResolvedFile};
use super::source::{json_module, with_as_assert};
use super::typescript;
use crate::runtime::node;
use crate::v8::{CacheUse, Global, ImportAttributes, Local, Module, Scope, Throw};

/// How a file is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    JavaScript,
    Json,
    /// A `node:` module, whose source NANO holds.
    Builtin(&'static str),
}

/// A module to load and who asked for it.
struct Request {
    file: ResolvedFile,
    kind: Kind,
    specifier: String,
    referrer: String,
}

struct LoadedModule {
    path: PathBuf,
    /// Its name in stack traces and errors.
    name: String,
    hash: i32,
    module: Global<Module>,
    /// What each of its import specifiers resolved to.
    imports: Vec<(String, PathBuf)>,
}

pub struct ModuleGraph {
    resolver: ImportResolver,
    /// Where `import()` in a classic script resolves from.
    script_folder: PathBuf,
    modules: Vec<LoadedModule>,
    code_cache_hits: usize,
}

impl ModuleGraph {
    /// A graph rooted at the app folder `root`.
    pub fn new(root: &Path) -> Result<ModuleGraph, ModuleError> {
        let root = root.canonicalize().map_err(|error| ModuleError::Read {
            path: root.to_path_buf(),
            error,
        })?;
        Ok(ModuleGraph {
            script_folder: root.clone(),
            resolver: ImportResolver::new(root),
            modules: Vec::new(),
            code_cache_hits: 0,
        })
    }

    /// Has `import()` in classic scripts resolve from `folder` instead of
    /// the root (`nano eval` code, from the working folder).
    pub fn with_script_folder(mut self, folder: &Path) -> Result<ModuleGraph, ModuleError> {
        self.script_folder = folder.canonicalize().map_err(|error| ModuleError::Read {
            path: folder.to_path_buf(),
            error,
        })?;
        Ok(self)
    }

    /// Reads and compiles `entry` and everything it imports, then links them.
    pub fn load<'s>(
        &mut self,
        scope: &'s Scope<'_>,
        entry: &Path,
    ) -> Result<Local<'s, Module>, ModuleError> {
        let shown = entry.display().to_string();
        // The entry is named through the folder the operator gave, which may
        // be a symlink (a `current` link to a release): resolve it first.
        let path = entry.canonicalize().map_err(|error| ModuleError::Read {
            path: entry.to_path_buf(),
            error,
        })?;
        if !path.starts_with(self.resolver.root()) {
            return Err(ModuleError::EscapesRoot {
                specifier: shown.clone(),
                referrer: shown,
            });
        }
        let request = Request {
            file: ResolvedFile {
                path,
                commonjs: false,
                package: None,
            },
            kind: Kind::JavaScript,
            specifier: shown.clone(),
            referrer: shown,
        };
        let loaded = self.load_request(scope, request);
        self.resolver.forget();
        loaded
    }

    /// `import(specifier)` in the module named `referrer`; from anything
    /// else (a script), relative to the script folder. The module comes back
    /// linked, not evaluated.
    pub fn import<'s>(
        &mut self,
        scope: &'s Scope<'_>,
        referrer: Option<&str>,
        specifier: &str,
        attributes: &ImportAttributes,
    ) -> Result<Local<'s, Module>, ModuleError> {
        let importer = referrer.and_then(|name| self.modules.iter().find(|m| m.name == name));
        let (folder, shown) = match importer {
            Some(importer) => (folder_of(&importer.path), importer.name.clone()),
            None => (
                self.script_folder.clone(),
                referrer.unwrap_or("a script").to_string(),
            ),
        };
        let request = self.request(&folder, &shown, specifier, attributes)?;
        self.load_request(scope, request)
    }

    /// How many modules were compiled from a shared code cache.
    pub fn code_cache_hits(&self) -> usize {
        self.code_cache_hits
    }

    /// The `file://` URL of a loaded module, for `import.meta.url`.
    pub fn url_of(&self, scope: &Scope<'_>, module: Local<'_, Module>) -> Option<String> {
        let loaded = self.find_module(scope, module)?;
        url::Url::from_file_path(&loaded.path)
            .ok()
            .map(String::from)
    }

    /// `import.meta.resolve(specifier)` in the module at `url`: the URL of
    /// the file it names (or the built-in's specifier), as an import
    /// would resolve it, without loading it.
    pub fn resolve_url(&self, url: &str, specifier: &str) -> Result<String, ModuleError> {
        // `import.meta` exists only in modules, and every module here has a
        // file URL.
        let path = url::Url::parse(url)
            .ok()
            .and_then(|url| url.to_file_path().ok())
            .unwrap_or_default();
        let shown = self.display_name(&path);
        match self
            .resolver
            .resolve(&folder_of(&path), specifier, &shown)?
        {
            Resolved::File(file) => Ok(url::Url::from_file_path(&file.path)
                .map(String::from)
                .unwrap_or_else(|()| file.path.display().to_string())),
            Resolved::Builtin(builtin) => Ok(builtin),
        }
    }

    /// Loads and links `first` with what it imports. On failure the graph
    /// keeps nothing of this load, so a later import starts afresh.
    fn load_request<'s>(
        &mut self,
        scope: &'s Scope<'_>,
        first: Request,
    ) -> Result<Local<'s, Module>, ModuleError> {
        let loaded_before = self.modules.len();
        let outcome = self.load_and_link(scope, first);
        if outcome.is_err() {
            self.modules.truncate(loaded_before);
        }
        outcome
    }

    fn load_and_link<'s>(
        &mut self,
        scope: &'s Scope<'_>,
        first: Request,
    ) -> Result<Local<'s, Module>, ModuleError> {
        let first_path = first.file.path.clone();
        let mut queue = vec![first];
        while let Some(request) = queue.pop() {
            if self.find_path(&request.file.path).is_some() {
                continue;
            }
            let path = request.file.path.clone();
            let name = self.display_name(&path);
            let module = self.compile(scope, &request, &name)?;
            let specifiers = scope.module_requests(module);
            let attributes = scope.module_request_attributes(module);
            let mut imports = Vec::with_capacity(specifiers.len());
            let folder = folder_of(&path);
            for (specifier, attributes) in specifiers.into_iter().zip(attributes) {
                let import = self.request(&folder, &name, &specifier, &attributes)?;
                imports.push((specifier, import.file.path.clone()));
                queue.push(import);
            }
            self.modules.push(LoadedModule {
                path,
                name,
                hash: scope.module_identity_hash(module),
                module: scope.global(module),
                imports,
            });
        }
        let index = self
            .find_path(&first_path)
            .expect("the module was loaded above");
        let module = self.modules[index].module.get(scope);
        let mut resolve =
            as_resolver(|scope, specifier, referrer| self.link(scope, specifier, referrer));
        if let Err(throw) = scope.instantiate_module(module, &mut resolve) {
            return Err(describe(scope, &throw, ModuleError::Link));
        }
        Ok(module)
    }

    /// Resolves one import from a module in `folder` and checks its `type`
    /// attribute against the file.
    fn request(
        &self,
        folder: &Path,
        shown: &str,
        specifier: &str,
        attributes: &ImportAttributes,
    ) -> Result<Request, ModuleError> {
        let type_problem = |problem| ModuleError::ImportType {
            specifier: specifier.to_string(),
            referrer: shown.to_string(),
            problem,
        };
        let asked = attributes
            .iter()
            .find(|(key, _)| key == "type")
            .map(|(_, value)| value.as_str());
        let file = match self.resolver.resolve(folder, specifier, shown)? {
            Resolved::File(file) => file,
            Resolved::Builtin(builtin) => {
                let source = builtin
                    .strip_prefix("node:")
                    .and_then(node::module_source)
                    .ok_or_else(|| ModuleError::Unavailable {
                        specifier: specifier.to_string(),
                        referrer: shown.to_string(),
                    })?;
                if asked.is_some() {
                    return Err(type_problem(TypeProblem::NotJson));
                }
                // Known by its specifier, which no canonical file path equals.
                return Ok(Request {
                    file: ResolvedFile {
                        path: PathBuf::from(builtin),
                        commonjs: false,
                        package: None,
                    },
                    kind: Kind::Builtin(source),
                    specifier: specifier.to_string(),
                    referrer: shown.to_string(),
                });
            }
        };
        let is_json_file = file.path.extension().is_some_and(|ext| ext == "json");
        let kind = match (asked, is_json_file) {
            (None, false) => Kind::JavaScript,
            (Some("json"), true) => Kind::Json,
            (None, true) => return Err(type_problem(TypeProblem::JsonWithoutType)),
            (Some("json"), false) => return Err(type_problem(TypeProblem::NotJson)),
            (Some(other), _) => return Err(type_problem(TypeProblem::Unsupported(other.into()))),
        };
        Ok(Request {
            file,
            kind,
            specifier: specifier.to_string(),
            referrer: shown.to_string(),
        })
    }

    /// Compiles one file, refusing CommonJS.
    fn compile<'s>(
        &mut self,
        scope: &'s Scope<'_>,
        request: &Request,
        name: &str,
    ) -> Result<Local<'s, Module>, ModuleError> {
        let path = &request.file.path;
        let read = || {
            std::fs::read_to_string(path).map_err(|error| ModuleError::Read {
                path: path.clone(),
                error,
            })
        };
        let mut source = match request.kind {
            Kind::JavaScript => typescript::module_javascript(scope, path, name, read()?)?,
            Kind::Json => json_module(&read()?),
            Kind::Builtin(source) => source.to_string(),
        };
        let module = loop {
            let throw = match self.compile_cached(scope, path, &source, name) {
                Ok(module) => break module,
                Err(throw) => throw,
            };
            let Some(error) = scope.describe(&throw) else {
                return Err(ModuleError::Terminated);
            };
            match with_as_assert(&source, &error) {
                Some(rewritten) => source = rewritten,
                None => return Err(ModuleError::Compile(error)),
            }
        };
        if request.file.commonjs && is_commonjs(scope, module, &source, name) {
            return Err(ModuleError::CommonJs {
                specifier: request.specifier.clone(),
                referrer: request.referrer.clone(),
                package: request.file.package.clone(),
                file: name.to_string(),
            });
        }
        Ok(module)
    }

    /// Compiles with the process's code cache, keeping a new cache when the
    /// file was compiled before.
    fn compile_cached<'s>(
        &mut self,
        scope: &'s Scope<'_>,
        path: &Path,
        source: &str,
        name: &str,
    ) -> Result<Local<'s, Module>, Throw<'s>> {
        let (cached, keep) = match code_cache::lookup(path, source) {
            Lookup::Hit(cache) => (Some(cache), true),
            Lookup::Miss { keep } => (None, keep),
        };
        let (module, cache_use) = scope.compile_module(source, name, cached.as_deref())?;
        if cache_use == CacheUse::Accepted {
            self.code_cache_hits += 1;
        } else if keep {
            // A rejected cache (another V8 build) is replaced.
            if let Some(cache) = scope.module_code_cache(module) {
                code_cache::store(path, source, cache);
            }
        }
        Ok(module)
    }

    fn link<'a>(
        &self,
        scope: &'a Scope<'_>,
        specifier: &str,
        referrer: Local<'a, Module>,
    ) -> Result<Local<'a, Module>, String> {
        let importer = self
            .find_module(scope, referrer)
            .ok_or_else(|| format!("cannot resolve {specifier:?}: unknown importing module"))?;
        let path = importer
            .imports
            .iter()
            .find(|(imported, _)| imported == specifier)
            .map(|(_, path)| path)
            .ok_or_else(|| format!("{specifier:?} was not resolved for {}", importer.name))?;
        let index = self
            .find_path(path)
            .ok_or_else(|| format!("module {} was not loaded", path.display()))?;
        Ok(self.modules[index].module.get(scope))
    }

    fn find_module(&self, scope: &Scope<'_>, module: Local<'_, Module>) -> Option<&LoadedModule> {
        let hash = scope.module_identity_hash(module);
        self.modules.iter().find(|loaded| {
            loaded.hash == hash && scope.same_module(loaded.module.get(scope), module)
        })
    }

    fn find_path(&self, path: &Path) -> Option<usize> {
        self.modules.iter().position(|loaded| loaded.path == path)
    }

    /// The name shown in stack traces: the path relative to the app folder,
    /// or the whole path when the root is the file system's (`nano eval`).
    fn display_name(&self, path: &Path) -> String {
        let root = self.resolver.root();
        let shown = match path.strip_prefix(root) {
            Ok(relative) if root.parent().is_some() => relative,
            _ => path,
        };
        shown.display().to_string()
    }
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or(path).to_path_buf()
}

/// Pins a closure to the resolver's higher-ranked signature.
fn as_resolver<F>(resolve: F) -> F
where
    F: for<'a> FnMut(&'a Scope<'_>, &str, Local<'a, Module>) -> Result<Local<'a, Module>, String>,
{
    resolve
}

fn describe(
    scope: &Scope<'_>,
    throw: &Throw<'_>,
    wrap: fn(crate::v8::Exception) -> ModuleError,
) -> ModuleError {
    match scope.describe(throw) {
        Some(exception) => wrap(exception),
        None => ModuleError::Terminated,
    }
}
