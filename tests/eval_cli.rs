//! `nano eval`, run as the real binary.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::output::{code, stderr, stdout};

fn nano() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nano"))
}

fn eval(args: &[&str]) -> Output {
    nano()
        .arg("eval")
        .args(args)
        .output()
        .expect("running nano")
}

#[test]
fn prints_the_value() {
    let output = eval(&["1 + 1"]);
    assert_eq!(stdout(&output), "2\n");
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 0);
}

/// libnode is built to bind all ~30,000 of its function slots at start;
/// the program links a copy that binds them on first call (build.rs). The
/// loader's own count of the symbols it bound before `main` tells which one
/// ran: over 50,000 with every slot bound, about 26,000 with lazy binding.
#[test]
fn libnode_functions_are_bound_on_first_call() {
    const MOST_EXPECTED: u64 = 40_000;
    let output = nano()
        .args(["eval", "1 + 1"])
        .env("LD_DEBUG", "statistics")
        .output()
        .expect("running nano");
    assert_eq!(stdout(&output), "2\n");
    let statistics = stderr(&output);
    let bound: u64 = statistics
        .lines()
        .filter_map(|line| line.split_once("number of relocations:"))
        .filter_map(|(_, count)| count.trim().parse().ok())
        .max()
        .expect("the loader's statistics");
    assert!(
        bound < MOST_EXPECTED,
        "{bound} symbols bound at start; stderr: {statistics}"
    );
}

#[test]
fn awaits_a_promise_result() {
    let started = Instant::now();
    let output = eval(&["new Promise(r => setTimeout(() => r(7), 50))"]);
    assert_eq!(stdout(&output), "7\n", "stderr: {}", stderr(&output));
    assert_eq!(code(&output), 0);
    assert!(started.elapsed() >= Duration::from_millis(50));
}

#[test]
fn top_level_await_in_code_gives_the_last_value() {
    let output =
        eval(&["const v = await new Promise((r) => setTimeout(() => r(20), 10));\nv * 2 + 2"]);
    assert_eq!(stdout(&output), "42\n", "stderr: {}", stderr(&output));
    assert_eq!(code(&output), 0);
    // Errors point at the code's own lines.
    let output = eval(&["1;\nawait 1; throw new Error('late')"]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("Uncaught Error: late\n    at <eval>:2:16"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn strings_are_printed_bare() {
    let output = eval(&["'hello ' + 'wörld'"]);
    assert_eq!(stdout(&output), "hello wörld\n");
    assert_eq!(code(&output), 0);
}

#[test]
fn arrays_and_objects_like_node() {
    let output = eval(&["[1,'a',{b:2}]"]);
    assert_eq!(stdout(&output), "[ 1, 'a', { b: 2 } ]\n");
    let output = eval(&["({ name: 'nano', list: [true, null, undefined], n: 1.5 })"]);
    assert_eq!(
        stdout(&output),
        "{ name: 'nano', list: [ true, null, undefined ], n: 1.5 }\n"
    );
    let output = eval(&["undefined"]);
    assert_eq!(stdout(&output), "undefined\n");
    assert_eq!(code(&output), 0);
}

#[test]
fn evaluates_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("script.js");
    std::fs::write(&path, "const x = 20;\nx * 2 + 2").unwrap();
    let output = eval(&["--file", path.to_str().unwrap()]);
    assert_eq!(stdout(&output), "42\n", "stderr: {}", stderr(&output));
    assert_eq!(code(&output), 0);

    // Errors name the file.
    std::fs::write(&path, "let ok = 1;\nthrow new Error('from file')").unwrap();
    let output = eval(&["-f", path.to_str().unwrap()]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).starts_with(&format!("{}:2:1\n", path.display())),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_may_be_an_es_module() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("math.js"), "export const double = (x) => x * 2;\n").unwrap();
    let main = "import { double } from './lib/math.js';\n\
                const n = await new Promise((r) => setTimeout(() => r(21), 10));\n\
                console.log(double(n));\n";
    // `.mjs`, or a `.js` file whose syntax only a module allows.
    for name in ["main.mjs", "main.js"] {
        let path = dir.path().join(name);
        std::fs::write(&path, main).unwrap();
        let output = eval(&["--file", path.to_str().unwrap()]);
        // A module has no value to print: only its own output.
        assert_eq!(stdout(&output), "42\n", "{name}: {}", stderr(&output));
        assert_eq!(code(&output), 0);
    }
    // Top-level await alone makes a module too.
    let path = dir.path().join("wait.js");
    std::fs::write(&path, "console.log(await Promise.resolve('awaited'));\n").unwrap();
    let output = eval(&["--file", path.to_str().unwrap()]);
    assert_eq!(stdout(&output), "awaited\n", "{}", stderr(&output));

    // Errors name the module file, a missing import names the file it wanted.
    let path = dir.path().join("throws.mjs");
    std::fs::write(
        &path,
        "import './lib/math.js';\nthrow new Error('from a module');\n",
    )
    .unwrap();
    let output = eval(&["--file", path.to_str().unwrap()]);
    assert_eq!(code(&output), 1);
    let shown = stderr(&output);
    assert!(shown.contains("Uncaught Error: from a module"), "{shown}");
    assert!(
        shown.contains(&format!("{}:2:7", path.canonicalize().unwrap().display())),
        "{shown}"
    );
    std::fs::write(&path, "import './nowhere.js';\n").unwrap();
    let output = eval(&["--file", path.to_str().unwrap()]);
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("nowhere.js"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn reads_standard_input() {
    let mut child = nano()
        .args(["eval", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running nano");
    child.stdin.take().unwrap().write_all(b"1+1\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(stdout(&output), "2\n", "stderr: {}", stderr(&output));
    assert_eq!(code(&output), 0);
}

#[test]
fn syntax_error() {
    let output = eval(&["1 +"]);
    let err = stderr(&output);
    assert!(err.contains("SyntaxError"), "{err}");
    assert!(err.contains("<eval>:1:4"), "{err}");
    assert_eq!(stdout(&output), "");
    assert_eq!(code(&output), 1);
}

#[test]
fn uncaught_throw_shows_location_message_and_stack() {
    let output = eval(&["function f() { throw new Error('boom') }\nf()"]);
    let err = stderr(&output);
    assert!(err.starts_with("<eval>:1:16\n"), "{err}");
    assert!(err.contains("Uncaught Error: boom"), "{err}");
    assert!(err.contains("\n    at f (<eval>:1:22)"), "{err}");
    assert_eq!(stdout(&output), "");
    assert_eq!(code(&output), 1);
}

#[test]
fn rejected_promise_result_is_an_error() {
    let output =
        eval(&["new Promise((_, reject) => setTimeout(() => reject(new Error('nope')), 10))"]);
    assert!(
        stderr(&output).contains("Error: nope"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
    assert_eq!(code(&output), 1);
}

#[test]
fn bad_flag_is_a_usage_error() {
    let output = eval(&["--bogus", "1"]);
    let err = stderr(&output);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("error: ") && first.contains("--bogus"),
        "{err}"
    );
    assert_eq!(stdout(&output), "");
    assert_eq!(code(&output), 2);

    let output = eval(&["--timeout-ms", "soon", "1"]);
    assert!(
        stderr(&output).starts_with("error: "),
        "{}",
        stderr(&output)
    );
    assert_eq!(code(&output), 2);
}

#[test]
fn missing_file_is_a_one_line_usage_error() {
    let output = eval(&["--file", "/definitely/not/here.js"]);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: cannot read /definitely/not/here.js"),
        "{err}"
    );
    assert_eq!(stdout(&output), "");
    assert_eq!(code(&output), 2);
}

#[test]
fn timeout_stops_an_infinite_loop() {
    let started = Instant::now();
    let output = eval(&["--timeout-ms", "100", "for(;;){}"]);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(stderr(&output).contains("timed out"), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    assert_eq!(code(&output), 1);
}

#[test]
fn timeout_ends_a_pending_interval() {
    let started = Instant::now();
    let output = eval(&[
        "--timeout-ms",
        "100",
        "setInterval(() => {}, 10); 'started'",
    ]);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(stderr(&output).contains("timed out"), "{}", stderr(&output));
    assert_eq!(code(&output), 1);
}

#[test]
fn memory_bomb_is_out_of_memory_not_an_abort() {
    let output = eval(&[
        "--max-heap-mb",
        "64",
        "const keep = []; for (;;) keep.push(new Array(100000).fill({ x: 1 }))",
    ]);
    assert!(
        stderr(&output).contains("out of memory"),
        "{}",
        stderr(&output)
    );
    assert_eq!(code(&output), 1, "exit code 1, not a signal");
}

#[test]
fn console_output_comes_before_the_result() {
    let output = eval(&["console.log('first'); console.info('second'); 'result'"]);
    assert_eq!(stdout(&output), "first\nsecond\nresult\n");
    assert_eq!(code(&output), 0);
}

#[test]
fn console_error_goes_to_stderr() {
    let output =
        eval(&["console.error('to stderr'); console.warn('warned'); console.log('to stdout'); 1"]);
    assert_eq!(stdout(&output), "to stdout\n1\n");
    assert_eq!(stderr(&output), "to stderr\nwarned\n");
    assert_eq!(code(&output), 0);
}
