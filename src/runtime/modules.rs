//! Loads an app's ES module graph from its folder.
//!
//! Imports are relative (`./x.js`, `../lib/y.js`) or root-absolute (`/x.js`,
//! meaning the app folder) and must stay inside the app folder, symlinks
//! included. The whole graph is read and compiled before linking, so linking
//! only looks modules up.

use std::path::{Component, Path, PathBuf};

use super::code_cache::{self, Lookup};
use super::loader::typescript::{self, TypeScriptError};
use crate::v8::{CacheUse, Exception, Global, Local, Module, Scope, Throw};

#[derive(Debug, thiserror::Error)]
pub enum ModuleError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("import {specifier:?} in {referrer} leaves the app folder")]
    EscapesRoot {
        specifier: String,
        referrer: PathBuf,
    },
    #[error("import {specifier:?} in {referrer}: only relative imports (./ or ../) are supported")]
    BareSpecifier {
        specifier: String,
        referrer: PathBuf,
    },
    #[error(transparent)]
    TypeScript(#[from] TypeScriptError),
    #[error("{}", render_compile(.0))]
    Compile(Exception),
    #[error("{}", .0.message)]
    Link(Exception),
    #[error("module evaluation was terminated")]
    Terminated,
}

fn render_compile(exception: &Exception) -> String {
    match &exception.location {
        Some(location) => format!("{location}: {}", exception.message),
        None => exception.message.clone(),
    }
}

struct LoadedModule {
    path: PathBuf,
    hash: i32,
    module: Global<Module>,
}

/// The modules of one app, by canonical path.
pub struct ModuleGraph {
    root: PathBuf,
    modules: Vec<LoadedModule>,
    code_cache_hits: usize,
}

impl ModuleGraph {
    /// A graph rooted at the app folder `root`.
    pub fn new(root: &Path) -> Result<ModuleGraph, ModuleError> {
        let root = root.canonicalize().map_err(|source| ModuleError::Read {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(ModuleGraph {
            root,
            modules: Vec::new(),
            code_cache_hits: 0,
        })
    }

    /// Reads and compiles `entry` and everything it imports, then links them.
    pub fn load<'s>(
        &mut self,
        scope: &'s Scope<'_>,
        entry: &Path,
    ) -> Result<Local<'s, Module>, ModuleError> {
        // The entry is named through the folder the operator gave, which may
        // be a symlink (a `current` link to a release): resolve it first.
        let canonical_entry = entry.canonicalize().map_err(|source| ModuleError::Read {
            path: entry.to_path_buf(),
            source,
        })?;
        let entry = self.inside_root(&canonical_entry, entry, &entry.display().to_string())?;
        let mut queue = vec![entry.clone()];
        while let Some(path) = queue.pop() {
            if self.find_path(&path).is_some() {
                continue;
            }
            let source = std::fs::read_to_string(&path).map_err(|source| ModuleError::Read {
                path: path.clone(),
                source,
            })?;
            let name = self.display_name(&path);
            let source = typescript::module_javascript(scope, &path, &name, source)?;
            let (cached, keep) = match code_cache::lookup(&path, &source) {
                Lookup::Hit(cache) => (Some(cache), true),
                Lookup::Miss { keep } => (None, keep),
            };
            let module = match scope.compile_module(&source, &name, cached.as_deref()) {
                Ok((module, CacheUse::Accepted)) => {
                    self.code_cache_hits += 1;
                    module
                }
                Ok((module, _)) => {
                    // A rejected cache (another V8 build) is replaced.
                    if keep {
                        if let Some(cache) = scope.module_code_cache(module) {
                            code_cache::store(&path, &source, cache);
                        }
                    }
                    module
                }
                Err(throw) => return Err(describe(scope, &throw, ModuleError::Compile)),
            };
            for specifier in scope.module_requests(module) {
                queue.push(self.resolve_path(&path, &specifier)?);
            }
            self.modules.push(LoadedModule {
                path,
                hash: scope.module_identity_hash(module),
                module: scope.global(module),
            });
        }
        let index = self.find_path(&entry).expect("the entry was loaded above");
        let root_module = self.modules[index].module.get(scope);
        let mut resolve =
            as_resolver(|scope, specifier, referrer| self.link(scope, specifier, referrer));
        if let Err(throw) = scope.instantiate_module(root_module, &mut resolve) {
            return Err(describe(scope, &throw, ModuleError::Link));
        }
        Ok(root_module)
    }

    /// How many modules were compiled from a shared code cache.
    pub fn code_cache_hits(&self) -> usize {
        self.code_cache_hits
    }

    fn link<'a>(
        &self,
        scope: &'a Scope<'_>,
        specifier: &str,
        referrer: Local<'a, Module>,
    ) -> Result<Local<'a, Module>, String> {
        let hash = scope.module_identity_hash(referrer);
        let referrer_path = self
            .modules
            .iter()
            .find(|loaded| {
                loaded.hash == hash && scope.same_module(loaded.module.get(scope), referrer)
            })
            .map(|loaded| loaded.path.clone())
            .ok_or_else(|| format!("cannot resolve {specifier:?}: unknown importing module"))?;
        let path = self
            .resolve_path(&referrer_path, specifier)
            .map_err(|error| error.to_string())?;
        let index = self
            .find_path(&path)
            .ok_or_else(|| format!("module {} was not loaded", path.display()))?;
        Ok(self.modules[index].module.get(scope))
    }

    fn find_path(&self, path: &Path) -> Option<usize> {
        self.modules.iter().position(|loaded| loaded.path == path)
    }

    /// The path `specifier` names when imported from `referrer`.
    fn resolve_path(&self, referrer: &Path, specifier: &str) -> Result<PathBuf, ModuleError> {
        let relative = specifier.starts_with("./") || specifier.starts_with("../");
        let candidate = if relative {
            referrer.parent().unwrap_or(&self.root).join(specifier)
        } else if let Some(rooted) = specifier.strip_prefix('/') {
            self.root.join(rooted)
        } else {
            return Err(ModuleError::BareSpecifier {
                specifier: specifier.to_string(),
                referrer: referrer.to_path_buf(),
            });
        };
        let candidate = typescript::typescript_twin(&candidate).unwrap_or(candidate);
        self.inside_root(&candidate, referrer, specifier)
    }

    /// Canonicalises `path` and checks it stays inside the root.
    fn inside_root(
        &self,
        path: &Path,
        referrer: &Path,
        specifier: &str,
    ) -> Result<PathBuf, ModuleError> {
        let escapes = || ModuleError::EscapesRoot {
            specifier: specifier.to_string(),
            referrer: referrer.to_path_buf(),
        };
        // Checked lexically first so a missing file outside the root is
        // reported as an escape, not as a read error.
        if !normalize(&self.root.join(path)).starts_with(&self.root) {
            return Err(escapes());
        }
        let canonical = path.canonicalize().map_err(|source| ModuleError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if canonical.starts_with(&self.root) {
            Ok(canonical)
        } else {
            Err(escapes())
        }
    }

    /// The name shown in stack traces: the path relative to the app folder,
    /// or the whole path when the root is the file system's (`nano eval`).
    fn display_name(&self, path: &Path) -> String {
        let shown = match path.strip_prefix(&self.root) {
            Ok(relative) if self.root.parent().is_some() => relative,
            _ => path,
        };
        shown.display().to_string()
    }
}

/// Pins a closure to the resolver's higher-ranked signature.
fn as_resolver<F>(resolve: F) -> F
where
    F: for<'a> FnMut(&'a Scope<'_>, &str, Local<'a, Module>) -> Result<Local<'a, Module>, String>,
{
    resolve
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn describe(
    scope: &Scope<'_>,
    throw: &Throw<'_>,
    wrap: fn(Exception) -> ModuleError,
) -> ModuleError {
    match scope.describe(throw) {
        Some(exception) => wrap(exception),
        None => ModuleError::Terminated,
    }
}
