//! The `node:` modules, run by the real binary: each script in
//! `tests/node_builtin/` must print exactly what Node 20 printed for it (its
//! `.expected` file); a served app keeps AsyncLocalStorage stores apart per
//! request; a `node:` module NANO lacks fails the load naming it.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread;

use common::output::{code, eval_source, stderr, stdout};
use common::Server;

fn script_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/node_builtin")
}

fn eval_file(path: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nano"))
        .args(["eval", "--file"])
        .arg(path)
        .env_remove("RUST_LOG")
        .output()
        .expect("running nano eval")
}

/// Runs `tests/node_builtin/{name}.mjs` and compares its output with Node's.
fn prints_what_node_prints(name: &str) {
    let script = script_dir().join(format!("{name}.mjs"));
    let expected = std::fs::read_to_string(script_dir().join(format!("{name}.expected")))
        .expect("the expected output");
    let output = eval_file(&script);
    assert_eq!(code(&output), 0, "stderr: {}", stderr(&output));
    let actual = stdout(&output);
    for (line, (want, got)) in expected.lines().zip(actual.lines()).enumerate() {
        assert_eq!(got, want, "{name}.mjs, output line {}", line + 1);
    }
    assert_eq!(
        actual.lines().count(),
        expected.lines().count(),
        "{name}.mjs:\n{actual}"
    );
}

#[test]
fn buffer_encodings_views_and_numbers() {
    prints_what_node_prints("buffer");
}

#[test]
fn event_emitter_on_once_off_and_errors() {
    prints_what_node_prints("events");
}

#[test]
fn crypto_hashes_hmacs_and_random_values() {
    prints_what_node_prints("crypto");
}

#[test]
fn path_and_file_urls() {
    prints_what_node_prints("path_url");
}

#[test]
fn util_and_assert() {
    prints_what_node_prints("util_assert");
}

#[test]
fn async_local_storage_follows_await_timers_and_microtasks() {
    prints_what_node_prints("async_context");
}

#[test]
fn every_named_export_is_defined() {
    let output = eval_source(
        r#"
import * as assert from "node:assert";
import * as async_hooks from "node:async_hooks";
import * as buffer from "node:buffer";
import * as crypto from "node:crypto";
import * as events from "node:events";
import * as path from "node:path";
import * as url from "node:url";
import * as util from "node:util";
const modules = { assert, async_hooks, buffer, crypto, events, path, url, util };
for (const [name, namespace] of Object.entries(modules)) {
  const missing = Object.keys(namespace).filter((key) => namespace[key] === undefined);
  console.log(name, typeof namespace.default, missing.length === 0 ? "complete" : `undefined: ${missing}`);
}
"#,
        &[],
    );
    assert_eq!(
        stdout(&output),
        "assert function complete\nasync_hooks object complete\nbuffer object complete\n\
         crypto object complete\nevents function complete\npath object complete\n\
         url object complete\nutil object complete\n",
        "stderr: {}",
        stderr(&output)
    );
}

#[test]
fn buffer_is_a_global_and_node_internals_are_not() {
    let output = eval_source(
        "[typeof Buffer, Object.getOwnPropertyNames(globalThis).filter((n) => /nano|node/i.test(n)).length]",
        &[],
    );
    assert_eq!(
        stdout(&output),
        "[ 'function', 0 ]\n",
        "stderr: {}",
        stderr(&output)
    );
}

#[test]
fn a_node_module_nano_lacks_fails_the_load_naming_it() {
    let output = eval_source(
        "import { readFileSync } from \"node:fs\";\nconsole.log(\"ran\");\n",
        &[],
    );
    assert_ne!(code(&output), 0);
    assert_eq!(stdout(&output), "", "nothing runs");
    let message = stderr(&output);
    assert!(message.contains("NANO has no node:fs"), "stderr: {message}");
    assert!(
        message.contains("node:buffer"),
        "the message lists what there is: {message}"
    );
}

#[test]
fn a_served_app_keeps_each_requests_store() {
    let s = Server::nano("node_context", &["--cores", "1"]);
    assert_eq!(s.get("/store").text(), "store undefined");
    // Two requests in flight at once on one isolate: the slower one started
    // first, so its timer fires after the other request's whole run.
    let (slow, fast) = thread::scope(|scope| {
        let slow = scope.spawn(|| s.get("/?id=slow&delay=300"));
        thread::sleep(std::time::Duration::from_millis(50));
        let fast = scope.spawn(|| s.get("/?id=fast&delay=10"));
        (slow.join().unwrap(), fast.join().unwrap())
    });
    assert_eq!(slow.text(), "slow slow 736c6f77");
    assert_eq!(fast.text(), "fast fast 66617374");
    // A store entered in one request does not carry into the next.
    assert_eq!(s.get("/enter").text(), "entered entered");
    assert_eq!(s.get("/store").text(), "store undefined");
}

#[test]
fn path_functions_on_generated_paths() {
    prints_what_node_prints("path_generated");
}

#[test]
fn buffer_encodings_on_generated_input() {
    prints_what_node_prints("buffer_generated");
}
