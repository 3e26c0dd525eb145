//! TypeScript apps under the real `nano` binary: types stripped at load,
//! errors and stack traces at the `.ts` positions, and no NANO-internal
//! frames in a user's stack.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::output::{code, stderr};
use common::Server;

const INDEX: &str = r#"import type { Greeting } from "./types.ts";
import { Greeter, Tone } from "./greeter.js";
import { boom } from "./fail.ts";

interface Env {
  NAME?: string;
}

function first<T>(items: T[]): T | undefined {
  return items[0];
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === "/stack") {
      try {
        boom();
      } catch (error) {
        return new Response((error as Error).stack);
      }
    }
    if (path === "/uncaught") {
      boom();
    }
    if (path === "/prepare") {
      Error.prepareStackTrace = (_error: Error, sites: any[]) =>
        sites.map((site) => `${site.getFileName()}:${site.getLineNumber()}`).join(",");
      try {
        return new Response(new Error("x").stack);
      } finally {
        delete (Error as any).prepareStackTrace;
      }
    }
    const greeter = new Greeter(env.NAME ?? "nano", Tone.Loud);
    const greeting: Greeting = greeter.greet(first<string>(["hi", "ho"]) as string);
    return Response.json(greeting);
  },
};
"#;

const TYPES: &str = "export interface Greeting {\n  text: string;\n  tone: number;\n}\n";

const GREETER: &str = r#"import type { Greeting } from "./types.ts";

export enum Tone {
  Quiet,
  Loud,
}

export class Greeter {
  constructor(private readonly name: string, public tone: Tone = Tone.Quiet) {}

  greet(word: string): Greeting {
    const text = `${word}, ${this.name}`;
    return { text: this.tone === Tone.Loud ? text.toUpperCase() : text, tone: this.tone };
  }
}
"#;

// The throw is at line 7, column 9, and the types above it move it in the
// JavaScript.
const FAIL: &str = r#"type Detail = {
  code: number;
};

export function boom(): never {
  const detail: Detail = { code: 7 };
  throw new Error(`boom ${detail.code}`);
}
"#;

fn write_app(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        std::fs::write(folder.path().join(name), text).expect("writing the app");
    }
    folder
}

fn typescript_app() -> tempfile::TempDir {
    write_app(&[
        ("index.ts", INDEX),
        ("types.ts", TYPES),
        ("greeter.ts", GREETER),
        ("fail.ts", FAIL),
    ])
}

fn serve(folder: &Path) -> Server {
    Server::nano(folder.to_str().unwrap(), &["--cores", "1"])
}

#[test]
fn a_typescript_app_is_served_from_an_index_ts_without_package_json() {
    let app = typescript_app();
    let server = serve(app.path());
    let response = server.get("/");
    assert_eq!(response.status, 200, "{}", response.text());
    let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body, serde_json::json!({ "text": "HI, NANO", "tone": 1 }));
}

#[test]
fn a_stack_points_at_the_typescript_and_shows_only_user_frames() {
    let app = typescript_app();
    let server = serve(app.path());
    let stack = server.get("/stack").text();
    let mut lines = stack.lines();
    assert_eq!(lines.next(), Some("Error: boom 7"), "{stack}");
    assert_eq!(lines.next(), Some("    at boom (fail.ts:7:9)"), "{stack}");
    assert_eq!(
        lines.next(),
        Some("    at Object.fetch (index.ts:18:9)"),
        "{stack}"
    );
    // The handler is called from NANO's own JavaScript, whose frames go.
    assert_eq!(lines.next(), None, "{stack}");
}

#[test]
fn an_uncaught_error_is_logged_at_the_typescript_line() {
    let app = typescript_app();
    let server = serve(app.path());
    assert_eq!(server.get("/uncaught").status, 500);
    // The request's own log line comes after the error's.
    let logged = server.wait_for_log(Duration::from_secs(10), |line| line.contains("status=500"));
    assert!(logged.is_some(), "logs: {:?}", server.logs());
    let logged = server.logs().join("\n");
    let stack = "Error: boom 7\n    at boom (fail.ts:7:9)\n    at Object.fetch (index.ts:24:7)\n";
    assert!(logged.contains(stack), "{logged}");
}

#[test]
fn a_users_prepare_stack_trace_is_still_called() {
    let app = typescript_app();
    let server = serve(app.path());
    // Given every frame, NANO's included, as V8 would.
    let stack = server.get("/prepare").text();
    assert!(stack.starts_with("index.ts:"), "{stack}");
    assert!(stack.contains("nano:"), "{stack}");
}

#[test]
fn a_javascript_apps_stack_has_no_internal_frames_either() {
    let app = write_app(&[(
        "index.js",
        "export default {\n  fetch() {\n    return new Response(new Error('js').stack);\n  },\n};\n",
    )]);
    let server = serve(app.path());
    let stack = server.get("/").text();
    assert_eq!(stack, "Error: js\n    at Object.fetch (index.js:3:25)");
}

#[test]
fn main_ts_and_package_json_main_name_typescript_entries() {
    let app = write_app(&[(
        "main.ts",
        "export default { fetch: (): Response => new Response(\"main\" as string) };\n",
    )]);
    assert_eq!(serve(app.path()).get("/").text(), "main");

    let app = write_app(&[
        ("package.json", r#"{ "main": "src/app.mts" }"#),
        (
            "index.js",
            "export default { fetch: () => new Response('wrong') };\n",
        ),
    ]);
    std::fs::create_dir(app.path().join("src")).unwrap();
    std::fs::write(
        app.path().join("src/app.mts"),
        "const answer: number = 42;\nexport default { fetch: () => new Response(`${answer}`) };\n",
    )
    .unwrap();
    assert_eq!(serve(app.path()).get("/").text(), "42");
}

fn eval_file(path: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nano"))
        .args(["eval", "--file"])
        .arg(path)
        .output()
        .expect("running nano eval")
}

#[test]
fn a_typescript_syntax_error_names_file_line_and_column() {
    let app = write_app(&[
        (
            "index.ts",
            "import { value } from \"./broken.ts\";\nconsole.log(value);\n",
        ),
        ("broken.ts", "const ok = 1;\nexport const value: = ok;\n"),
    ]);
    let output = eval_file(&app.path().join("index.ts"));
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let shown = stderr(&output);
    let broken = app.path().join("broken.ts").canonicalize().unwrap();
    assert!(
        shown.contains(&format!("{}:2:21: ", broken.display())),
        "{shown}"
    );
}

#[test]
fn serve_refuses_an_app_with_a_typescript_syntax_error() {
    let app = write_app(&[(
        "index.ts",
        "const a = 1;\nlet b: = 2;\nexport default { fetch: () => new Response(\"x\") };\n",
    )]);
    let mut command = common::nano_command(app.path().to_str().unwrap(), &["--cores", "1"]);
    let (status, shown) = common::run_to_exit(&mut command, Duration::from_secs(30));
    assert!(!status.success());
    assert!(shown.contains("index.ts:2:8: Unexpected token"), "{shown}");
}

#[test]
fn decorators_are_refused_with_their_position() {
    let app = write_app(&[(
        "index.ts",
        "function sealed(target: unknown) {}\n\n@sealed\nclass A {}\n",
    )]);
    let output = eval_file(&app.path().join("index.ts"));
    assert_eq!(code(&output), 1);
    let shown = stderr(&output);
    assert!(
        shown.contains("index.ts:3:1: decorators are not supported"),
        "{shown}"
    );
}
