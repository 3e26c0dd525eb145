//! The module loader against the real `nano serve`: packages from a
//! hand-written `node_modules` (exports conditions, subpaths, `main` and
//! `module` entries, symlinked and pnpm-style packages), JSON modules,
//! dynamic `import()`, `import.meta`, and the errors a user meets.

mod common;

use std::path::Path;

use common::{nano_command, Server};

/// Writes `files` (path relative to `root`, contents) under `root`.
fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn serve(app: &Path, extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1"];
    args.extend_from_slice(extra);
    let mut cmd = nano_command(app.to_str().unwrap(), &args);
    Server::spawn(&mut cmd, true).unwrap_or_else(|e| panic!("nano serve starts: {e}"))
}

/// What `nano serve` says when the app does not load.
fn load_error(app: &Path) -> String {
    let mut cmd = nano_command(app.to_str().unwrap(), &["--cores", "1"]);
    match Server::spawn(&mut cmd, true) {
        Ok(_) => panic!("the app loaded"),
        Err(logs) => logs,
    }
}

/// An app whose `fetch` answers the text of `body` (a JavaScript
/// expression, awaited) and whose module starts with `imports`.
fn app_source(imports: &str, body: &str) -> String {
    format!(
        "{imports}\nexport default {{ async fetch() {{ return new Response(String(await ({body}))); }} }};\n"
    )
}

/// Packages that exercise the ways a package names its entry.
fn write_packages(root: &Path) {
    write(
        root,
        &[
            (
                "node_modules/conditions/package.json",
                r#"{"name": "conditions", "exports": {
                    ".": {"workerd": "./workerd.js", "import": "./import.js", "default": "./default.js"},
                    "./sub": {"node": "./node.js", "import": "./sub.js", "default": "./default.js"},
                    "./fallback": {"require": "./node.js", "default": "./default.js"}
                }}"#,
            ),
            (
                "node_modules/conditions/workerd.js",
                "export default 'workerd';",
            ),
            (
                "node_modules/conditions/import.js",
                "export default 'import';",
            ),
            (
                "node_modules/conditions/sub.js",
                "export default 'sub:import';",
            ),
            (
                "node_modules/conditions/default.js",
                "export default 'default';",
            ),
            ("node_modules/conditions/node.js", "export default 'node';"),
            (
                "node_modules/main-only/package.json",
                r#"{"name": "main-only", "main": "lib/entry.js"}"#,
            ),
            (
                "node_modules/main-only/lib/entry.js",
                "export const name = 'main';",
            ),
            (
                "node_modules/module-first/package.json",
                r#"{"name": "module-first", "module": "esm.js", "main": "cjs.js"}"#,
            ),
            (
                "node_modules/module-first/esm.js",
                "export const name = 'module';",
            ),
            ("node_modules/module-first/cjs.js", "exports.name = 'main';"),
            (
                "node_modules/@scope/module-only/package.json",
                r#"{"name": "@scope/module-only", "module": "dist/index.mjs"}"#,
            ),
            (
                "node_modules/@scope/module-only/dist/index.mjs",
                "import { name } from 'main-only';\nexport const names = `scoped+${name}`;",
            ),
        ],
    );
}

#[test]
fn packages_resolve_with_workers_conditions_subpaths_and_entry_fields() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path();
    write_packages(app);
    let imports = "import conditions from 'conditions';\n\
                   import sub from 'conditions/sub';\n\
                   import fallback from 'conditions/fallback';\n\
                   import { name as mainOnly } from 'main-only';\n\
                   import { name as moduleFirst } from 'module-first';\n\
                   import { names } from '@scope/module-only';";
    let body = "[conditions, sub, fallback, mainOnly, moduleFirst, names].join(' ')";
    write(app, &[("index.js", &app_source(imports, body))]);
    let server = serve(app, &[]);
    assert_eq!(
        server.get("/").text(),
        "workerd sub:import default main module scoped+main"
    );
}

#[test]
fn json_modules_with_either_attribute_syntax_and_only_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path();
    let data = r#"{"list": [1, 2.5, "\u00e9"], "__proto__": {"own": true}}"#;
    let imports = "import a from './data.json' with { type: 'json' };\n\
                   import b from './data.json' assert { type: \"json\" };";
    let body = "JSON.stringify([a, a === b, Object.keys(a), Object.getPrototypeOf(a) === Object.prototype])";
    write(
        app,
        &[
            ("data.json", data),
            ("index.js", &app_source(imports, body)),
        ],
    );
    let server = serve(app, &[]);
    assert_eq!(
        server.get("/").text(),
        r#"[{"list":[1,2.5,"é"],"__proto__":{"own":true}},true,["list","__proto__"],true]"#
    );

    write(
        app,
        &[(
            "index.js",
            &app_source("import data from './data.json';", "data"),
        )],
    );
    let error = load_error(app);
    assert!(
        error.contains(
            r#"import "./data.json" in index.js: a JSON module is imported `with { type: "json" }`"#
        ),
        "{error}"
    );
}

#[test]
fn a_commonjs_only_package_is_named_with_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path();
    write(
        app,
        &[
            (
                "node_modules/old-lib/package.json",
                r#"{"name": "old-lib", "main": "index.js"}"#,
            ),
            (
                "node_modules/old-lib/index.js",
                "const helper = require('./helper');\nmodule.exports = { helper };",
            ),
            (
                "index.js",
                &app_source("import lib from 'old-lib';", "lib.helper"),
            ),
        ],
    );
    let error = load_error(app);
    assert!(
        error.contains(
            r#"import "old-lib" in index.js: package "old-lib" is CommonJS (node_modules/old-lib/index.js uses require or module.exports"#
        ),
        "{error}"
    );
}

#[test]
fn symlinked_packages_inside_the_folder_are_followed_and_out_of_it_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    let store = "node_modules/.pnpm/stored@1.0.0/node_modules";
    write(
        &app,
        &[
            (
                "packages/shared/package.json",
                r#"{"name": "shared", "type": "module", "exports": "./main.js"}"#,
            ),
            ("packages/shared/main.js", "export default 'workspace';"),
            (
                &format!("{store}/stored/package.json"),
                r#"{"name": "stored", "exports": {"import": "./index.js"}}"#,
            ),
            // Its own dependency sits beside it in the store, as pnpm lays it out.
            (
                &format!("{store}/stored/index.js"),
                "import dep from 'dep';\nexport default `stored+${dep}`;",
            ),
            (
                &format!("{store}/dep/package.json"),
                r#"{"name": "dep", "main": "dep.js"}"#,
            ),
            (&format!("{store}/dep/dep.js"), "export default 'dep';"),
            (
                "index.js",
                &app_source(
                    "import shared from 'shared';\nimport stored from 'stored';",
                    "`${shared} ${stored}`",
                ),
            ),
        ],
    );
    std::os::unix::fs::symlink("../packages/shared", app.join("node_modules/shared")).unwrap();
    std::os::unix::fs::symlink(
        ".pnpm/stored@1.0.0/node_modules/stored",
        app.join("node_modules/stored"),
    )
    .unwrap();
    let server = serve(&app, &[]);
    assert_eq!(server.get("/").text(), "workspace stored+dep");
    drop(server);

    write(
        dir.path(),
        &[
            (
                "elsewhere/package.json",
                r#"{"name": "elsewhere", "main": "e.js"}"#,
            ),
            ("elsewhere/e.js", "export default 'outside';"),
        ],
    );
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere"),
        app.join("node_modules/elsewhere"),
    )
    .unwrap();
    write(
        &app,
        &[("index.js", &app_source("import x from 'elsewhere';", "x"))],
    );
    let error = load_error(&app);
    assert!(
        error.contains(r#"import "elsewhere" in index.js leaves the app folder"#),
        "{error}"
    );
}

/// An app whose routes try dynamic imports and report what they gave.
fn write_dynamic_app(app: &Path) {
    write(
        app,
        &[
            (
                "lib/late.js",
                "export const url = import.meta.url;\nexport const value = await Promise.resolve('late');",
            ),
            ("lib/data.json", r#"{"answer": 42}"#),
            ("lib/broken.js", "import { x } from './bad.js';\nexport default x;"),
            ("lib/bad.js", "export const x = ;"),
            (
                "lib/cycle.js",
                "export const itself = import('./cycle.js');\nexport const ready = true;",
            ),
            (
                "index.js",
                r#"const attempt = (load) => load.then(
  (namespace) => namespace,
  (error) => `${error.name}: ${error.message}`,
);
const routes = {
  "/ok": async () => {
    const late = await import("./lib/late.js");
    const again = await import("/lib/late.js");
    return `${late.value} ${late === again} ${late.url}`;
  },
  "/json": async () => (await import("./lib/data.json", { assert: { type: "json" } })).default.answer,
  "/missing": () => attempt(import("./lib/nope.js")),
  "/outside": () => attempt(import("../outside.js")),
  "/builtin": () => attempt(import("node:fs")),
  "/broken": () => attempt(import("./lib/broken.js")),
  "/cycle": async () => {
    const cycle = await import("./lib/cycle.js");
    return (await cycle.itself) === cycle && cycle.ready;
  },
  "/meta": () => import.meta.url,
  "/resolve": () => import.meta.resolve("./lib/late.js"),
  "/resolve-missing": () => {
    try {
      return import.meta.resolve("./lib/nope.js");
    } catch (error) {
      return `${error.name}: ${error.message}`;
    }
  },
};
export default {
  async fetch(request) {
    return new Response(String(await routes[new URL(request.url).pathname]()));
  },
};
"#,
            ),
        ],
    );
}

#[test]
fn dynamic_import_loads_inside_the_folder_and_rejects_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    write_dynamic_app(&app);
    write(dir.path(), &[("outside.js", "export default 'secret';")]);
    let url = url_of(&app);
    let server = serve(&app, &[]);
    assert_eq!(
        server.get("/ok").text(),
        format!("late true {url}/lib/late.js")
    );
    assert_eq!(server.get("/json").text(), "42");
    assert_eq!(
        server.get("/missing").text(),
        r#"TypeError: cannot find module "./lib/nope.js" imported by index.js"#
    );
    assert_eq!(
        server.get("/outside").text(),
        r#"TypeError: import "../outside.js" in index.js leaves the app folder"#
    );
    let builtin = server.get("/builtin").text();
    assert!(
        builtin.starts_with(
            r#"TypeError: import "node:fs" in index.js: NANO has no node:fs (it has node:assert, "#
        ),
        "{builtin}"
    );
    assert_eq!(server.get("/meta").text(), format!("{url}/index.js"));
    assert_eq!(server.get("/resolve").text(), format!("{url}/lib/late.js"));
    assert_eq!(
        server.get("/resolve-missing").text(),
        r#"TypeError: cannot find module "./lib/nope.js" imported by index.js"#
    );
    // A module that imports itself while it is evaluated.
    assert_eq!(server.get("/cycle").text(), "true");
    // A failed import leaves nothing half-loaded: trying again says the same.
    for _ in 0..2 {
        assert_eq!(
            server.get("/broken").text(),
            "SyntaxError: lib/bad.js:1:18: Unexpected token ';'"
        );
    }
}

#[test]
fn a_sandboxed_server_still_imports_from_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    write_dynamic_app(&app);
    let cache = dir.path().join("cache");
    let mut cmd = nano_command(app.to_str().unwrap(), &["--cores", "1", "--sandbox"]);
    cmd.env("NANO_CACHE_DIR", &cache);
    let server = Server::spawn(&mut cmd, true).unwrap_or_else(|e| panic!("starts: {e}"));
    let url = url_of(&app);
    assert_eq!(
        server.get("/ok").text(),
        format!("late true {url}/lib/late.js")
    );
    assert_eq!(server.get("/json").text(), "42");
}

#[test]
fn a_missing_export_is_reported_at_the_importing_line() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path();
    write(
        app,
        &[
            ("lib/values.js", "export const there = 1;"),
            (
                "index.js",
                &app_source(
                    "// the import below\nimport { absent } from './lib/values.js';",
                    "absent",
                ),
            ),
        ],
    );
    let error = load_error(app);
    assert!(
        error.contains(
            "index.js:2:10: Uncaught SyntaxError: The requested module './lib/values.js' does not provide an export named 'absent'"
        ),
        "{error}"
    );
}

/// Runs `nano ARGS` in `folder` with `input` on stdin; its stdout.
fn run_nano_in(folder: &Path, args: &[&str], input: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_nano"))
        .args(args)
        .current_dir(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn nano_eval_and_repl_import_from_the_working_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[("lib/x.mjs", "export const x = import.meta.url;")],
    );
    let expected = format!("{}/lib/x.mjs", url_of(dir.path()));
    let shown = run_nano_in(dir.path(), &["eval", "(await import('./lib/x.mjs')).x"], "");
    assert_eq!(shown.trim(), expected);
    let shown = run_nano_in(
        dir.path(),
        &["repl"],
        "const m = await import('./lib/x.mjs')\nm.x\n",
    );
    assert!(shown.contains(&format!("'{expected}'")), "{shown}");
}

/// The `file://` URL of a folder, as `import.meta.url` spells it.
fn url_of(folder: &Path) -> String {
    format!("file://{}", folder.canonicalize().unwrap().display())
}
