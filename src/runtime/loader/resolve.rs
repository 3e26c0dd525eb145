//! Where an import specifier leads: a file inside the app folder (relative,
//! root-absolute `/x.js`, or a package in `node_modules`) or a built-in
//! module. Packages are resolved as bundlers targeting Workers do, with
//! `oxc_resolver`: `exports` under the conditions below, then `module`, then
//! `main`. Nothing outside the app folder is looked at or loaded; symlinks
//! are followed when they stay inside it (workspaces, pnpm's store).

use std::io;
use std::path::{Component, Path, PathBuf};

use oxc_resolver::{
    FileMetadata, FileSystem, FileSystemOs, ModuleType, ResolveError, ResolveOptions,
    ResolverGeneric,
};

use super::errors::ModuleError;

/// `exports` conditions, in the order Workers bundlers give them.
const CONDITIONS: &[&str] = &["workerd", "worker", "browser", "import", "default"];
/// `package.json` fields naming a package's entry when it has no `exports`.
const MAIN_FIELDS: &[&str] = &["module", "main"];
/// Tried, in order, for an import without an extension. TypeScript's are
/// listed so that `.ts` sources resolve; they still need transforming.
const EXTENSIONS: &[&str] = &[".js", ".mjs", ".cjs", ".json", ".ts", ".mts", ".tsx"];
/// TypeScript's import convention: `./x.js` names `./x.ts` when only the
/// latter exists (and `.mjs` names `.mts`).
const TYPESCRIPT_ALIASES: &[(&str, &[&str])] =
    &[(".js", &[".js", ".ts"]), (".mjs", &[".mjs", ".mts"])];
/// The prefix of Node's built-in modules.
const BUILTIN_PREFIX: &str = "node:";

/// Where an import leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the app folder (canonical path).
    File(ResolvedFile),
    /// A built-in module, by its full specifier (`node:buffer`).
    Builtin(String),
}

#[derive(Debug, PartialEq, Eq)]
pub struct ResolvedFile {
    pub path: PathBuf,
    /// Whether the file may be CommonJS: a `.cjs` file, or a `.js` one
    /// whose package is not `"type": "module"`.
    pub commonjs: bool,
    /// The name of the package the file belongs to, if any.
    pub package: Option<String>,
}

pub struct ImportResolver {
    root: PathBuf,
    resolver: ResolverGeneric<ConfinedFs>,
}

impl ImportResolver {
    /// A resolver for the app folder `root` (canonical).
    pub fn new(root: PathBuf) -> ImportResolver {
        let options = ResolveOptions {
            condition_names: CONDITIONS.iter().map(|name| name.to_string()).collect(),
            main_fields: MAIN_FIELDS.iter().map(|name| name.to_string()).collect(),
            extensions: EXTENSIONS.iter().map(|name| name.to_string()).collect(),
            extension_alias: TYPESCRIPT_ALIASES
                .iter()
                .map(|(written, tried)| {
                    (
                        written.to_string(),
                        tried.iter().map(|ext| ext.to_string()).collect(),
                    )
                })
                .collect(),
            // Results are canonicalised and checked here, so that a symlink
            // out of the folder is named as such.
            symlinks: false,
            node_path: false,
            module_type: true,
            ..ResolveOptions::default()
        };
        let file_system = ConfinedFs { root: root.clone() };
        ImportResolver {
            resolver: ResolverGeneric::new_with_file_system(file_system, options),
            root,
        }
    }

    /// Drops what was learnt of the file system (package.json files, paths
    /// looked at): an app's isolate keeps its resolver for `import()`,
    /// which rarely needs it again.
    pub fn forget(&self) {
        self.resolver.clear_cache();
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What `specifier` names when imported from a file in `directory`
    /// (canonical); `shown` is how the importer is named in errors.
    pub fn resolve(
        &self,
        directory: &Path,
        specifier: &str,
        shown: &str,
    ) -> Result<Resolved, ModuleError> {
        if specifier.starts_with(BUILTIN_PREFIX) {
            return Ok(Resolved::Builtin(specifier.to_string()));
        }
        let (directory, request) = match specifier.strip_prefix('/') {
            Some(rooted) => (self.root.as_path(), format!("./{rooted}")),
            None => (directory, specifier.to_string()),
        };
        let escapes = || ModuleError::EscapesRoot {
            specifier: specifier.to_string(),
            referrer: shown.to_string(),
        };
        // A path import is checked before the file system is asked, so that
        // a missing file outside the folder is still named as an escape.
        if is_path(&request) && !normalize(&directory.join(&request)).starts_with(&self.root) {
            return Err(escapes());
        }
        let resolution = match self.resolver.resolve(directory, &request) {
            Ok(resolution) => resolution,
            Err(error) => {
                return Err(if self.package_link_escapes(directory, &request) {
                    escapes()
                } else {
                    describe(error, specifier, shown)
                })
            }
        };
        let path = resolution
            .path()
            .canonicalize()
            .map_err(|error| ModuleError::Read {
                path: resolution.path().to_path_buf(),
                error,
            })?;
        if !path.starts_with(&self.root) {
            return Err(escapes());
        }
        let package = resolution
            .package_json()
            .filter(|package| is_in_node_modules(package.path()))
            .and_then(|package| package.name().map(str::to_string));
        let javascript = path
            .extension()
            .is_some_and(|extension| extension == "js" || extension == "cjs");
        Ok(Resolved::File(ResolvedFile {
            commonjs: javascript && resolution.module_type() != Some(ModuleType::Module),
            package,
            path,
        }))
    }

    /// Whether the package a bare `request` names is a symlink in a
    /// `node_modules` folder that leads out of the app folder.
    fn package_link_escapes(&self, directory: &Path, request: &str) -> bool {
        if is_path(request) {
            return false;
        }
        let name = package_name(request);
        directory
            .ancestors()
            .take_while(|folder| folder.starts_with(&self.root))
            .map(|folder| folder.join("node_modules").join(name))
            .find(|candidate| candidate.symlink_metadata().is_ok())
            .and_then(|link| link.canonicalize().ok())
            .is_some_and(|target| !target.starts_with(&self.root))
    }
}

fn describe(error: ResolveError, specifier: &str, shown: &str) -> ModuleError {
    match error {
        ResolveError::NotFound(_) => ModuleError::NotFound {
            specifier: specifier.to_string(),
            referrer: shown.to_string(),
        },
        other => ModuleError::Unresolvable {
            specifier: specifier.to_string(),
            referrer: shown.to_string(),
            reason: other.to_string(),
        },
    }
}

fn is_path(request: &str) -> bool {
    request.starts_with("./") || request.starts_with("../") || request == "." || request == ".."
}

fn is_in_node_modules(path: &Path) -> bool {
    path.components()
        .any(|component| component.as_os_str() == "node_modules")
}

/// `pkg/sub` → `pkg`, `@scope/pkg/sub` → `@scope/pkg`.
fn package_name(request: &str) -> &str {
    let segments = if request.starts_with('@') { 2 } else { 1 };
    match request.match_indices('/').nth(segments - 1) {
        Some((end, _)) => &request[..end],
        None => request,
    }
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

/// The file system as the resolver sees it: nothing outside the app folder
/// exists, so the search for `node_modules` and `package.json` stops at
/// the folder (and reads nothing a sandbox would refuse).
struct ConfinedFs {
    root: PathBuf,
}

impl ConfinedFs {
    fn check(&self, path: &Path) -> io::Result<()> {
        if path.starts_with(&self.root) {
            Ok(())
        } else {
            Err(io::ErrorKind::NotFound.into())
        }
    }
}

impl FileSystem for ConfinedFs {
    /// The trait's constructor: confined to nothing. NANO always gives a root.
    fn new() -> Self {
        ConfinedFs {
            root: PathBuf::from("/"),
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.check(path)?;
        std::fs::read(path)
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        self.check(path)?;
        FileSystemOs::read_to_string(path)
    }

    fn metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        self.check(path)?;
        FileSystemOs::metadata(path)
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        self.check(path)?;
        FileSystemOs::symlink_metadata(path)
    }

    fn read_link(&self, path: &Path) -> Result<PathBuf, ResolveError> {
        self.check(path)?;
        FileSystemOs::read_link(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        self.check(path)?;
        FileSystemOs::canonicalize(path)
    }
}

#[cfg(test)]
mod tests {
    use super::package_name;

    #[test]
    fn package_names_of_requests() {
        assert_eq!(package_name("hono"), "hono");
        assert_eq!(package_name("hono/cors"), "hono");
        assert_eq!(package_name("@scope/pkg"), "@scope/pkg");
        assert_eq!(package_name("@scope/pkg/sub/x.js"), "@scope/pkg");
    }
}
