//! The JavaScript test suite: every `tests/js/**/*.test.js` runs inside
//! NANO itself, each file in a fresh `Runtime`, against the real Web APIs
//! and ops (see tests/js/README.md).
//!
//! For each file the runner evaluates `tests/js/harness.js`, any data the
//! file asks for with a `// @data <path> as <name>` header line, then the file,
//! and drives its registered tests one at a time: `__harness.run(i)` runs test
//! `i` (its promise settles when the test body does, or after the harness's
//! timeout), then `__harness.finish(i, lines)` hands the test its console
//! output, which the console sink captured here, for the checks it
//! registered (`expectOutput`, `checkOutput`, `assertInspect`, ...).
//!
//! `NANO_JS_FILTER=text` runs only the files whose path contains `text`.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use nano::runtime::{ConsoleLevel, Runtime, RuntimeError, RuntimeOptions, UncaughtPolicy};
use nano::v8::{Global, Value};

type Lines = Rc<RefCell<Vec<(u8, String)>>>;

/// The harness times a test out after 10 s; this only guards the runner
/// against a test that never lets the event loop reach that timer.
const TEST_BACKSTOP: Duration = Duration::from_secs(30);
/// How long timers left behind by a file may run once its tests are done.
const DRAIN_TIME: Duration = Duration::from_secs(2);
/// Longest one synchronous run of JavaScript may take.
const RUN_TIME_LIMIT: Duration = Duration::from_secs(30);

#[derive(Debug, Default)]
struct Summary {
    passed: u64,
    failed: u64,
    failures: Vec<Failure>,
}

#[derive(Debug)]
struct Failure {
    name: String,
    message: String,
    stack: String,
}

fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("js")
}

fn find_test_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            find_test_files(&path, found);
        } else if path.to_string_lossy().ends_with(".test.js") {
            found.push(path);
        }
    }
}

fn level_number(level: ConsoleLevel) -> u8 {
    match level {
        ConsoleLevel::Debug => 0,
        ConsoleLevel::Log => 1,
        ConsoleLevel::Warn => 2,
        ConsoleLevel::Error => 3,
    }
}

/// The `// @data <path> as <name>` lines in the comment block a file starts
/// with: JSON files (relative to the test file) bound to global names.
fn data_headers(source: &str, file: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut data = Vec::new();
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(comment) = line.strip_prefix("//") else {
            break;
        };
        let Some(header) = comment.trim().strip_prefix("@data ") else {
            continue;
        };
        let (path, name) = header.rsplit_once(" as ").ok_or_else(|| {
            format!("malformed header {line:?}: expected `// @data <path> as <name>`")
        })?;
        let name = name.trim();
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        if !valid {
            return Err(format!(
                "malformed header {line:?}: {name:?} is not a plain identifier"
            ));
        }
        let dir = file.parent().expect("a test file has a folder");
        data.push((name.to_string(), dir.join(path.trim())));
    }
    Ok(data)
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    monoio::RuntimeBuilder::<monoio::LegacyDriver>::new()
        .enable_timer()
        .build()
        .expect("a monoio runtime")
        .block_on(future)
}

/// A JavaScript string literal.
fn js_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

struct FileRun {
    runtime: Runtime,
    lines: Lines,
}

impl FileRun {
    fn new() -> Result<FileRun, RuntimeError> {
        let lines: Lines = Rc::default();
        let sink = lines.clone();
        let runtime = Runtime::new(RuntimeOptions {
            console: Box::new(move |level, text, _| {
                sink.borrow_mut()
                    .push((level_number(level), text.to_string()))
            }),
            uncaught: UncaughtPolicy::Fail,
            run_time_limit: Some(RUN_TIME_LIMIT),
            ..RuntimeOptions::default()
        })?;
        Ok(FileRun { runtime, lines })
    }

    fn exec(&self, source: &str, name: &str) -> Result<Global<Value>, RuntimeError> {
        self.runtime.execute_script(source, name)
    }

    /// Runs a runner call whose value is a string.
    fn exec_string(&self, source: &str) -> Result<String, RuntimeError> {
        let value = self.exec(source, "<runner>")?;
        Ok(self.runtime.inspect(&value))
    }

    /// Records a failure seen outside a test body; `index` -1 is the file.
    fn fail(&self, index: i64, message: &str) {
        let call = format!("__harness.fail({index}, {})", js_string(message));
        if let Err(error) = self.exec(&call, "<runner>") {
            panic!("the harness cannot record a failure ({message}): {error}");
        }
    }

    /// Runs test `index` to completion and hands it its console output.
    async fn run_test(&self, index: usize) -> Result<(), RuntimeError> {
        self.lines.borrow_mut().clear();
        let mut call = format!("__harness.run({index})");
        loop {
            let promise = match self.exec(&call, "<runner>") {
                Ok(promise) => promise,
                Err(error) if self.runtime.is_dead() => return Err(error),
                Err(error) => {
                    // The test's synchronous part left an error uncaught.
                    self.fail(index as i64, &error.to_string());
                    call = "__harness.pending()".into();
                    continue;
                }
            };
            let outcome = monoio::select! {
                settled = self.runtime.resolve(promise) => Some(settled),
                _ = monoio::time::sleep(TEST_BACKSTOP) => None,
            };
            match outcome {
                Some(Ok(_)) => break,
                Some(Err(error)) if self.runtime.is_dead() => return Err(error),
                Some(Err(error)) => {
                    // An uncaught error or unhandled rejection from the
                    // test's work; the test itself may still be running.
                    self.fail(index as i64, &error.to_string());
                    call = "__harness.pending()".into();
                }
                None => {
                    self.fail(
                        index as i64,
                        "the test did not settle and its timeout never fired",
                    );
                    break;
                }
            }
        }
        let lines = std::mem::take(&mut *self.lines.borrow_mut());
        let lines = serde_json::to_string(&lines).expect("lines serialize");
        self.exec(&format!("__harness.finish({index}, {lines})"), "<runner>")?;
        Ok(())
    }
}

async fn run_file(path: &Path) -> Summary {
    let source = match std::fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => return file_failure(format!("cannot read the file: {error}")),
    };
    let data = match data_headers(&source, path) {
        Ok(data) => data,
        Err(message) => return file_failure(message),
    };
    let run = match FileRun::new() {
        Ok(run) => run,
        Err(error) => return file_failure(format!("cannot start a runtime: {error}")),
    };
    let harness_path = js_dir().join("harness.js");
    let harness = std::fs::read_to_string(&harness_path).expect("tests/js/harness.js");
    if let Err(error) = run.exec(&harness, "tests/js/harness.js") {
        return file_failure(format!("the harness failed to load: {error}"));
    }
    for (name, data_path) in data {
        let json = match std::fs::read_to_string(&data_path) {
            Ok(json) => json,
            Err(error) => {
                return file_failure(format!("cannot read data {}: {error}", data_path.display()))
            }
        };
        let script = format!("Object.defineProperty(globalThis, {name:?}, {{ value: ({json}\n), configurable: true }});");
        if let Err(error) = run.exec(&script, &data_path.display().to_string()) {
            return file_failure(format!(
                "data {} is not valid JSON: {error}",
                data_path.display()
            ));
        }
    }
    let shown = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    if let Err(error) = run.exec(&source, &shown) {
        if run.runtime.is_dead() {
            return file_failure(format!("the file failed to load: {error}"));
        }
        run.fail(-1, &format!("the file failed to load: {error}"));
    }
    let count = match run.exec_string("String(__harness.count())") {
        Ok(count) => count.parse::<usize>().expect("a test count"),
        Err(error) => return file_failure(format!("cannot count the tests: {error}")),
    };
    for index in 0..count {
        if let Err(error) = run.run_test(index).await {
            let mut summary = summary_of(&run).unwrap_or_default();
            summary.failed += 1;
            summary.failures.push(Failure {
                name: format!("(test {} of {count})", index + 1),
                message: format!("the runtime failed, remaining tests not run: {error}"),
                stack: String::new(),
            });
            return summary;
        }
    }
    // Let what the tests left behind (timers, late rejections) finish.
    let drained = monoio::select! {
        outcome = run.runtime.run_event_loop() => Some(outcome),
        _ = monoio::time::sleep(DRAIN_TIME) => None,
    };
    if let Some(Err(error)) = drained {
        run.fail(-1, &format!("after the last test: {error}"));
    }
    let mut summary =
        summary_of(&run).unwrap_or_else(|error| file_failure(format!("no summary: {error}")));
    if count == 0 {
        summary.failed += 1;
        summary.failures.push(Failure {
            name: "(file)".into(),
            message: "the file registered no tests".into(),
            stack: String::new(),
        });
    }
    summary
}

fn summary_of(run: &FileRun) -> Result<Summary, RuntimeError> {
    let json = run.exec_string("__harness.summary()")?;
    let value: serde_json::Value =
        serde_json::from_str(&json).expect("the harness's summary is JSON");
    let number = |key: &str| value[key].as_u64().expect("a count in the summary");
    let text = |failure: &serde_json::Value, key: &str| {
        failure[key].as_str().unwrap_or_default().to_string()
    };
    let failures = value["failures"]
        .as_array()
        .expect("a failure list")
        .iter()
        .map(|failure| Failure {
            name: text(failure, "name"),
            message: text(failure, "message"),
            stack: text(failure, "stack"),
        })
        .collect();
    Ok(Summary {
        passed: number("passed"),
        failed: number("failed"),
        failures,
    })
}

fn file_failure(message: String) -> Summary {
    Summary {
        failed: 1,
        failures: vec![Failure {
            name: "(file)".into(),
            message,
            stack: String::new(),
        }],
        ..Summary::default()
    }
}

#[test]
fn js_suite() {
    let root = js_dir();
    let mut files = Vec::new();
    find_test_files(&root, &mut files);
    files.sort();
    let filter = std::env::var("NANO_JS_FILTER").unwrap_or_default();
    files.retain(|file| file.to_string_lossy().contains(&filter));
    assert!(
        !files.is_empty(),
        "no tests/js/**/*.test.js file matches {filter:?}"
    );

    let mut total = Summary::default();
    let mut report = String::new();
    for file in &files {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        let summary = block_on(run_file(file));
        println!(
            "{shown}: {} passed, {} failed",
            summary.passed, summary.failed
        );
        for failure in &summary.failures {
            let _ = writeln!(
                report,
                "FAIL {shown} > {}\n  {}",
                failure.name,
                failure.message.replace('\n', "\n  ")
            );
            let frames: Vec<&str> = failure
                .stack
                .lines()
                .filter(|line| line.trim_start().starts_with("at "))
                .take(4)
                .collect();
            if !frames.is_empty() {
                let _ = writeln!(report, "  {}", frames.join("\n  "));
            }
        }
        total.passed += summary.passed;
        total.failed += summary.failed;
    }
    println!("js tests: {} passed, {} failed", total.passed, total.failed);
    assert!(total.failed == 0, "JavaScript tests failed:\n{report}");
}
