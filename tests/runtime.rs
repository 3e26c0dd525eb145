//! One app's JavaScript world, through `nano::runtime`, on a real monoio
//! event loop.

use std::cell::RefCell;
use std::future::Future;
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use nano::http::RequestId;
use nano::runtime::{
    ConsoleLevel, ModuleError, ModuleGraph, Runtime, RuntimeError, RuntimeOptions, UncaughtPolicy,
};
use nano::v8::{Global, Value};

type Lines = Rc<RefCell<Vec<(ConsoleLevel, String)>>>;

fn block_on<F: Future>(future: F) -> F::Output {
    monoio::RuntimeBuilder::<monoio::LegacyDriver>::new()
        .enable_timer()
        .build()
        .expect("a monoio runtime")
        .block_on(future)
}

/// A runtime whose console output is captured.
fn runtime_with(options: RuntimeOptions) -> (Runtime, Lines) {
    let lines: Lines = Rc::default();
    let sink = lines.clone();
    let runtime = Runtime::new(RuntimeOptions {
        console: Box::new(move |level, text, _| sink.borrow_mut().push((level, text.to_string()))),
        ..options
    })
    .expect("a runtime");
    (runtime, lines)
}

fn new_runtime() -> (Runtime, Lines) {
    runtime_with(RuntimeOptions::default())
}

fn exec(runtime: &Runtime, source: &str) -> Global<Value> {
    match runtime.execute_script(source, "test.js") {
        Ok(value) => value,
        Err(error) => panic!("{source:?} failed: {error}"),
    }
}

/// Runs `source` and shows its value as `console.log` would.
fn show(runtime: &Runtime, source: &str) -> String {
    let value = exec(runtime, source);
    runtime.inspect(&value)
}

fn number(runtime: &Runtime, value: &Global<Value>) -> Option<f64> {
    let scope = runtime.scope();
    value.get(&scope).as_number()
}

fn run_loop(runtime: &Runtime) {
    if let Err(error) = block_on(runtime.run_event_loop()) {
        panic!("the event loop failed: {error}");
    }
}

fn expect_err<T>(result: Result<T, RuntimeError>) -> RuntimeError {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(error) => error,
    }
}

// ---- timers and microtasks --------------------------------------------------

#[test]
fn set_timeout_orders_by_delay_then_fifo() {
    let (runtime, _) = new_runtime();
    exec(
        &runtime,
        "globalThis.order = [];
         setTimeout(() => order.push('c30'), 30);
         setTimeout(() => order.push('a0'), 0);
         setTimeout(() => order.push('b10'), 10);
         setTimeout(() => order.push('a0-second'), 0);
         setTimeout((x, y) => order.push('args:' + x + y), 10, 1, 2);
         setTimeout(() => order.push('a0-third'));",
    );
    assert_eq!(
        show(&runtime, "order.length"),
        "0",
        "nothing fires synchronously"
    );
    run_loop(&runtime);
    assert_eq!(
        show(&runtime, "order.join()"),
        "a0,a0-second,a0-third,b10,args:12,c30"
    );
    assert_eq!(runtime.pending_work(), (0, 0));
}

#[test]
fn set_timeout_waits_at_least_its_delay() {
    let (runtime, _) = new_runtime();
    exec(
        &runtime,
        "globalThis.t0 = Date.now(); globalThis.t1 = 0; setTimeout(() => { t1 = Date.now() }, 50)",
    );
    let started = Instant::now();
    run_loop(&runtime);
    assert!(started.elapsed() >= Duration::from_millis(45));
    let waited = exec(&runtime, "t1 - t0");
    assert!(
        number(&runtime, &waited).unwrap() >= 45.0,
        "Date.now() moved less than the delay"
    );
}

#[test]
fn set_interval_until_cleared() {
    let (runtime, _) = new_runtime();
    exec(
        &runtime,
        "globalThis.ticks = 0;
         const id = setInterval((step) => { ticks += step; if (ticks === 3) clearInterval(id); }, 5, 1);",
    );
    let started = Instant::now();
    run_loop(&runtime);
    assert_eq!(show(&runtime, "ticks"), "3");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(runtime.pending_work(), (0, 0));
}

#[test]
fn clear_timeout_cancels() {
    let (runtime, _) = new_runtime();
    exec(
        &runtime,
        "globalThis.fired = [];
         const a = setTimeout(() => fired.push('a'), 10);
         setTimeout(() => fired.push('b'), 20);
         const c = setTimeout(() => fired.push('c'), 1000);
         clearTimeout(a);
         setTimeout(() => clearTimeout(c), 5);
         clearTimeout(123456);",
    );
    let started = Instant::now();
    run_loop(&runtime);
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "a cleared timer does not keep the loop alive"
    );
    assert_eq!(show(&runtime, "fired.join()"), "b");
}

#[test]
fn microtasks_run_before_timers() {
    let (runtime, _) = new_runtime();
    exec(
        &runtime,
        "globalThis.order = [];
         setTimeout(() => {
           order.push('timeout1');
           Promise.resolve().then(() => order.push('timeout1-micro'));
           queueMicrotask(() => order.push('timeout1-queued'));
         }, 0);
         setTimeout(() => order.push('timeout2'), 0);
         queueMicrotask(() => order.push('micro1'));
         Promise.resolve().then(() => order.push('promise'));
         queueMicrotask(() => order.push('micro2'));
         order.push('sync');",
    );
    // The script's microtasks ran when it finished; no timer has fired.
    assert_eq!(show(&runtime, "order.join()"), "sync,micro1,promise,micro2");
    run_loop(&runtime);
    assert_eq!(
        show(&runtime, "order.join()"),
        "sync,micro1,promise,micro2,timeout1,timeout1-micro,timeout1-queued,timeout2"
    );
}

#[test]
fn a_wait_given_up_leaves_nothing_behind() {
    let (runtime, _) = new_runtime();
    let never = exec(&runtime, "new Promise(() => {})");
    let gave_up = block_on(async {
        monoio::select! {
            _ = runtime.settled(never) => false,
            _ = monoio::time::sleep(Duration::from_millis(20)) => true,
        }
    });
    assert!(gave_up);
    assert_eq!(runtime.promises_waited_on(), 0);
}

#[test]
fn scheduler_wait_is_an_async_op() {
    let (runtime, _) = new_runtime();
    let promise = exec(&runtime, "scheduler.wait(20).then((v) => 'waited ' + v)");
    assert_eq!(runtime.pending_work().1, 1, "one op in flight");
    let started = Instant::now();
    let value = block_on(runtime.resolve(promise)).expect("resolves");
    assert!(started.elapsed() >= Duration::from_millis(15));
    assert_eq!(runtime.inspect(&value), "waited undefined");
    assert_eq!(runtime.pending_work(), (0, 0));
}

#[test]
fn resolve_awaits_a_promise_result() {
    let (runtime, _) = new_runtime();
    let promise = exec(
        &runtime,
        "new Promise((resolve) => setTimeout(() => resolve(42), 10))",
    );
    let value = block_on(runtime.resolve(promise)).expect("resolves");
    assert_eq!(number(&runtime, &value), Some(42.0));

    // A non-promise is returned as it is.
    let plain = exec(&runtime, "'plain'");
    let value = block_on(runtime.resolve(plain)).unwrap();
    assert_eq!(runtime.inspect(&value), "plain");

    // The runtime is still usable.
    assert_eq!(show(&runtime, "1 + 1"), "2");
}

/// A promise handed to `Runtime::resolve` is awaited by the embedder, so its
/// rejection is the caller's error (`Uncaught`), not also an unhandled
/// rejection: with `UncaughtPolicy::Report` it must not be logged as well.
#[test]
fn resolve_returns_a_rejection_as_the_callers_error() {
    for policy in [UncaughtPolicy::Fail, UncaughtPolicy::Report] {
        let (runtime, lines) = runtime_with(RuntimeOptions {
            uncaught: policy,
            ..RuntimeOptions::default()
        });
        let rejected = exec(
            &runtime,
            "new Promise((_, reject) => setTimeout(() => reject(new Error('denied')), 5))",
        );
        match expect_err(block_on(runtime.resolve(rejected))) {
            RuntimeError::Uncaught(exception) => assert!(exception.to_string().contains("denied")),
            other => panic!("{policy:?}: expected Uncaught, got {other:?}"),
        }
        assert!(
            lines.borrow().is_empty(),
            "{policy:?}: also logged {:?}",
            lines.borrow()
        );
        assert_eq!(show(&runtime, "1 + 1"), "2");
    }
}

#[test]
fn a_hundred_concurrent_waits_overlap() {
    let (runtime, _) = new_runtime();
    let started = Instant::now();
    let promise = exec(
        &runtime,
        "Promise.all(Array.from({ length: 100 }, (_, i) => scheduler.wait(50).then(() => i)))
           .then((all) => all.reduce((a, b) => a + b))",
    );
    let value = block_on(runtime.resolve(promise)).expect("resolves");
    let elapsed = started.elapsed();
    assert_eq!(number(&runtime, &value), Some(4950.0));
    assert!(elapsed >= Duration::from_millis(45), "{elapsed:?}");
    assert!(
        elapsed < Duration::from_secs(2),
        "the waits ran one after another: {elapsed:?}"
    );
}

// ---- uncaught errors -----------------------------------------------------

#[test]
fn unhandled_rejection_fails_with_policy_fail() {
    let (runtime, lines) = new_runtime();
    let error =
        expect_err(runtime.execute_script("Promise.reject(new Error('nobody listens'))", "r.js"));
    match &error {
        RuntimeError::UnhandledRejection(exception) => {
            assert!(
                exception.to_string().contains("nobody listens"),
                "{exception}"
            )
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("Uncaught (in promise) Error: nobody listens"),
        "{error}"
    );
    assert!(lines.borrow().is_empty());
}

#[test]
fn unhandled_rejection_from_a_timer_fails_the_loop() {
    let (runtime, _) = new_runtime();
    exec(
        &runtime,
        "setTimeout(() => { Promise.reject(new RangeError('later')) }, 5)",
    );
    match expect_err(block_on(runtime.run_event_loop())) {
        RuntimeError::UnhandledRejection(exception) => {
            assert!(exception.to_string().contains("RangeError: later"))
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn unhandled_rejection_is_reported_with_policy_report() {
    let (runtime, lines) = runtime_with(RuntimeOptions {
        uncaught: UncaughtPolicy::Report,
        ..RuntimeOptions::default()
    });
    exec(&runtime, "Promise.reject(new Error('reported'))");
    {
        let lines = lines.borrow();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0].0, ConsoleLevel::Error);
        assert!(
            lines[0]
                .1
                .starts_with("Uncaught (in promise) Error: reported"),
            "{:?}",
            lines[0]
        );
    }
    // The runtime carries on.
    exec(&runtime, "setTimeout(() => { throw new Error('timer threw') }, 1); setTimeout(() => console.log('after'), 5)");
    run_loop(&runtime);
    let lines = lines.borrow();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[1].0, ConsoleLevel::Error);
    assert!(lines[1].1.contains("Error: timer threw"), "{:?}", lines[1]);
    assert_eq!(lines[2], (ConsoleLevel::Log, "after".to_string()));
}

#[test]
fn rejection_handled_later_in_the_same_turn_is_not_reported() {
    let (runtime, lines) = runtime_with(RuntimeOptions {
        uncaught: UncaughtPolicy::Report,
        ..RuntimeOptions::default()
    });
    exec(
        &runtime,
        "globalThis.caught = [];
         const p = Promise.reject(new Error('first'));
         p.catch((e) => caught.push(e.message));
         const q = Promise.reject(new Error('second'));
         queueMicrotask(() => q.catch((e) => caught.push(e.message)));
         const r = Promise.reject(new Error('third'));
         Promise.resolve().then(() => {}).then(() => r.catch((e) => caught.push(e.message)));",
    );
    run_loop(&runtime);
    assert!(lines.borrow().is_empty(), "{:?}", lines.borrow());
    assert_eq!(show(&runtime, "caught.join()"), "first,second,third");

    // With the failing policy too.
    let (strict, _) = new_runtime();
    exec(
        &strict,
        "const p = Promise.reject(new Error('x')); queueMicrotask(() => p.catch(() => {}))",
    );
    run_loop(&strict);
}

#[test]
fn throwing_timer_is_uncaught() {
    let (runtime, _) = new_runtime();
    exec(
        &runtime,
        "setTimeout(function tick() { throw new Error('tick failed') }, 1)",
    );
    match expect_err(block_on(runtime.run_event_loop())) {
        RuntimeError::Uncaught(exception) => {
            assert!(
                exception.to_string().contains("Error: tick failed"),
                "{exception}"
            );
            assert!(exception.to_string().contains("at tick"), "{exception}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// Errors reported with `reportError` (directly, or by a throwing
/// `queueMicrotask` callback) go to the runtime, which applies its
/// `UncaughtPolicy`; they are not printed straight to the console.
#[test]
fn throwing_queue_microtask_is_uncaught() {
    let (runtime, lines) = new_runtime();
    let outcome = runtime.execute_script(
        "queueMicrotask(() => { throw new TypeError('micro') })",
        "m.js",
    );
    assert!(
        lines.borrow().is_empty(),
        "printed instead of reported: {:?}",
        lines.borrow()
    );
    match expect_err(outcome) {
        RuntimeError::Uncaught(exception) => {
            assert!(exception.to_string().contains("TypeError: micro"))
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn report_error_follows_the_uncaught_policy() {
    let (runtime, _) = new_runtime();
    match expect_err(runtime.execute_script("reportError(new Error('reported'))", "r.js")) {
        RuntimeError::Uncaught(exception) => {
            assert!(exception.to_string().contains("Error: reported"))
        }
        other => panic!("unexpected {other:?}"),
    }
    let (runtime, lines) = runtime_with(RuntimeOptions {
        uncaught: UncaughtPolicy::Report,
        ..RuntimeOptions::default()
    });
    exec(&runtime, "reportError(new Error('reported'))");
    let lines = lines.borrow();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].0, ConsoleLevel::Error);
    assert!(
        lines[0].1.starts_with("Uncaught Error: reported"),
        "{:?}",
        lines[0]
    );
}

#[test]
fn script_errors_are_uncaught_with_location() {
    let (runtime, _) = new_runtime();
    match expect_err(runtime.execute_script("let a = 1;\nthrow new Error('direct')", "direct.js")) {
        RuntimeError::Uncaught(exception) => {
            assert_eq!(exception.location.unwrap().to_string(), "direct.js:2:1");
            assert_eq!(exception.message, "Uncaught Error: direct");
        }
        other => panic!("unexpected {other:?}"),
    }
    match expect_err(runtime.execute_script("1 +", "<eval>")) {
        RuntimeError::Uncaught(exception) => {
            assert!(exception.message.contains("SyntaxError"));
            assert_eq!(exception.location.unwrap().to_string(), "<eval>:1:4");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!runtime.is_dead());
    assert_eq!(show(&runtime, "'still alive'"), "still alive");
}

// ---- console ----------------------------------------------------------------

#[test]
fn console_levels() {
    let (runtime, lines) = new_runtime();
    exec(
        &runtime,
        "console.log('log', 1);
         console.info('info', { a: 1 });
         console.debug('debug');
         console.warn('warn');
         console.error('error', [1, 'x']);",
    );
    assert_eq!(
        *lines.borrow(),
        vec![
            (ConsoleLevel::Log, "log 1".to_string()),
            (ConsoleLevel::Log, "info { a: 1 }".to_string()),
            (ConsoleLevel::Debug, "debug".to_string()),
            (ConsoleLevel::Warn, "warn".to_string()),
            (ConsoleLevel::Error, "error [ 1, 'x' ]".to_string()),
        ]
    );
}

// ---- limits -------------------------------------------------------------

#[test]
fn run_time_limit_terminates_an_infinite_loop() {
    let (runtime, _) = runtime_with(RuntimeOptions {
        run_time_limit: Some(Duration::from_millis(100)),
        ..RuntimeOptions::default()
    });
    // Ordinary runs are not affected.
    assert_eq!(show(&runtime, "1 + 1"), "2");
    let started = Instant::now();
    let error = expect_err(runtime.execute_script("for (;;) {}", "spin.js"));
    assert!(matches!(error, RuntimeError::TimedOut), "{error:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(runtime.is_dead());
    assert!(matches!(
        runtime.execute_script("1", "x.js"),
        Err(RuntimeError::TimedOut)
    ));
}

#[test]
fn run_time_limit_covers_timer_callbacks() {
    let (runtime, _) = runtime_with(RuntimeOptions {
        run_time_limit: Some(Duration::from_millis(100)),
        ..RuntimeOptions::default()
    });
    exec(&runtime, "setTimeout(() => { for (;;) {} }, 1)");
    let error = expect_err(block_on(runtime.run_event_loop()));
    assert!(matches!(error, RuntimeError::TimedOut), "{error:?}");
}

const MEMORY_BOMB: &str =
    "const keep = []; for (;;) { keep.push(new Array(100000).fill({ x: 1 })); }";

#[test]
fn heap_limit_is_out_of_memory_not_an_abort() {
    let (runtime, _) = runtime_with(RuntimeOptions {
        max_heap_mb: 64,
        ..RuntimeOptions::default()
    });
    let error = expect_err(runtime.execute_script(MEMORY_BOMB, "bomb.js"));
    assert!(matches!(error, RuntimeError::OutOfMemory(64)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "out of memory: the heap limit of 64 MiB was reached"
    );
    assert!(runtime.is_dead());
    assert!(matches!(
        runtime.execute_script("1", "x.js"),
        Err(RuntimeError::OutOfMemory(64))
    ));
    drop(runtime);
    // Another runtime in the same process is unaffected.
    let (other, _) = new_runtime();
    assert_eq!(show(&other, "[1, 2, 3].length"), "3");
}

// ---- snapshot vs blank ---------------------------------------------------

#[test]
fn blank_runtime_behaves_like_the_snapshot() {
    let probes = [
        "typeof setTimeout + typeof setInterval + typeof queueMicrotask + typeof scheduler.wait",
        "typeof __nano",
        "[1, 'a', { b: 2 }]",
        "new Map([[1, { x: [1, 2] }]])",
        "console.log('hi %s', 'there', 3); 'logged'",
        "typeof Date.now()",
    ];
    let (snapshot, snapshot_lines) = new_runtime();
    let (blank, blank_lines) = runtime_with(RuntimeOptions {
        from_snapshot: false,
        ..RuntimeOptions::default()
    });
    for probe in probes {
        assert_eq!(show(&snapshot, probe), show(&blank, probe), "{probe}");
    }
    assert_eq!(*snapshot_lines.borrow(), *blank_lines.borrow());
    assert_eq!(snapshot_lines.borrow()[0].1, "hi there 3");
    for runtime in [&snapshot, &blank] {
        let promise = exec(
            runtime,
            "new Promise((r) => setTimeout(() => r(scheduler.wait(5).then(() => 'ok')), 5))",
        );
        let value = block_on(runtime.resolve(promise)).unwrap();
        assert_eq!(runtime.inspect(&value), "ok");
    }
}

#[test]
fn runtimes_are_independent() {
    let (a, _) = new_runtime();
    let (b, _) = new_runtime();
    exec(&a, "globalThis.shared = 'a'");
    assert_eq!(show(&b, "typeof shared"), "undefined");
}

// ---- modules ------------------------------------------------------------

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn load(root: &Path, entry: &str) -> Result<(Runtime, Global<Value>), RuntimeError> {
    let (runtime, _) = new_runtime();
    let namespace = block_on(runtime.load_main_module(root, &root.join(entry)))?;
    Ok((runtime, namespace))
}

fn default_export(runtime: &Runtime, namespace: &Global<Value>) -> String {
    let scope = runtime.scope();
    let namespace = namespace.get(&scope);
    let value = scope.get(namespace, "default").unwrap();
    let value = scope.global(value);
    drop(scope);
    runtime.inspect(&value)
}

#[test]
fn load_main_module_follows_relative_imports() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    write(
        &root.join("main.js"),
        "import { a } from './lib/a.js';\nimport { b } from '/b.js';\nexport default `${a}+${b}`;",
    );
    write(
        &root.join("lib/a.js"),
        "import { b } from '../b.js';\nexport const a = b * 10;",
    );
    write(&root.join("b.js"), "export const b = 4;");
    let (runtime, namespace) = load(&root, "main.js").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(default_export(&runtime, &namespace), "40+4");
}

/// Links `entry` of `root` in a fresh runtime; returns how many of its
/// modules compiled from the shared code cache.
fn code_cache_hits(root: &Path, entry: &str) -> usize {
    let (runtime, _) = new_runtime();
    let mut graph = ModuleGraph::new(root).unwrap();
    let scope = runtime.scope();
    graph
        .load(&scope, &root.join(entry))
        .unwrap_or_else(|e| panic!("{e}"));
    graph.code_cache_hits()
}

#[test]
fn isolates_after_the_second_compile_app_modules_from_the_shared_code_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    write(
        &root.join("main.js"),
        "import { twice } from './lib.js';\nexport default twice(21);",
    );
    write(&root.join("lib.js"), "export const twice = (n) => n * 2;");
    assert_eq!(
        code_cache_hits(&root, "main.js"),
        0,
        "the first load compiles"
    );
    assert_eq!(
        code_cache_hits(&root, "main.js"),
        0,
        "the second compiles and keeps a cache"
    );
    assert_eq!(
        code_cache_hits(&root, "main.js"),
        2,
        "both modules from the cache"
    );
    // An edited file is compiled afresh (twice, before its cache is kept);
    // the unchanged one still hits.
    write(&root.join("lib.js"), "export const twice = (n) => n + n;");
    assert_eq!(code_cache_hits(&root, "main.js"), 1);
    assert_eq!(code_cache_hits(&root, "main.js"), 1);
    assert_eq!(code_cache_hits(&root, "main.js"), 2);
    let (runtime, namespace) = load(&root, "main.js").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(default_export(&runtime, &namespace), "42");
}

#[test]
fn json_modules_and_rewritten_attributes_use_the_code_cache_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    write(
        &root.join("main.js"),
        "import data from './data.json' with { type: 'json' };\nexport default data.n;",
    );
    write(&root.join("data.json"), r#"{"n": 7}"#);
    assert_eq!(code_cache_hits(&root, "main.js"), 0);
    assert_eq!(code_cache_hits(&root, "main.js"), 0);
    assert_eq!(code_cache_hits(&root, "main.js"), 2);
    let (runtime, namespace) = load(&root, "main.js").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(default_export(&runtime, &namespace), "7");
}

#[test]
fn stripped_typescript_compiles_from_the_shared_code_cache_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    write(
        &root.join("main.ts"),
        "import { twice } from './lib.js';\nconst n: number = 21;\nexport default twice(n);",
    );
    write(
        &root.join("lib.ts"),
        "export const twice = (n: number): number => n * 2;",
    );
    assert_eq!(code_cache_hits(&root, "main.ts"), 0);
    assert_eq!(code_cache_hits(&root, "main.ts"), 0);
    assert_eq!(code_cache_hits(&root, "main.ts"), 2);
    let (runtime, namespace) = load(&root, "main.ts").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(default_export(&runtime, &namespace), "42");
}

#[test]
fn imports_outside_the_root_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    write(&dir.path().join("outside.js"), "export default 'secret';");
    write(
        &root.join("sub/main.js"),
        "import x from '../../outside.js';\nexport default x;",
    );
    let error = expect_err(load(&root, "sub/main.js"));
    match &error {
        RuntimeError::Module(ModuleError::EscapesRoot { specifier, .. }) => {
            assert_eq!(specifier, "../../outside.js")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        error.to_string().contains("leaves the app folder"),
        "{error}"
    );

    // Even when the file does not exist.
    write(
        &root.join("missing.js"),
        "import x from '../nowhere.js';\nexport default x;",
    );
    assert!(matches!(
        expect_err(load(&root, "missing.js")),
        RuntimeError::Module(ModuleError::EscapesRoot { .. })
    ));
}

#[test]
fn symlinks_out_of_the_root_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("app");
    write(&dir.path().join("outside.js"), "export default 'secret';");
    write(
        &root.join("main.js"),
        "import x from './link.js';\nexport default x;",
    );
    std::os::unix::fs::symlink(dir.path().join("outside.js"), root.join("link.js")).unwrap();
    assert!(matches!(
        expect_err(load(&root, "main.js")),
        RuntimeError::Module(ModuleError::EscapesRoot { .. })
    ));
    // A symlinked entry pointing outside is refused as well.
    std::os::unix::fs::symlink(dir.path().join("outside.js"), root.join("entry.js")).unwrap();
    assert!(matches!(
        expect_err(load(&root, "entry.js")),
        RuntimeError::Module(ModuleError::EscapesRoot { .. })
    ));
    // A symlink that stays inside is fine.
    write(&root.join("real.js"), "export default 'inside';");
    std::os::unix::fs::symlink(root.join("real.js"), root.join("alias.js")).unwrap();
    write(&root.join("ok.js"), "export { default } from './alias.js';");
    let (runtime, namespace) = load(&root, "ok.js").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(default_export(&runtime, &namespace), "inside");
}

#[test]
fn a_package_missing_from_node_modules_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("main.js"),
        "import lodash from 'lodash';\nexport default lodash;",
    );
    match expect_err(load(root, "main.js")) {
        RuntimeError::Module(ModuleError::NotFound {
            specifier,
            referrer,
        }) => {
            assert_eq!(
                (specifier.as_str(), referrer.as_str()),
                ("lodash", "main.js")
            )
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_missing_module_is_named_once_with_its_importer() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("main.js"),
        "import x from './nope.js';\nexport default x;",
    );
    let error = expect_err(load(root, "main.js"));
    assert!(
        matches!(error, RuntimeError::Module(ModuleError::NotFound { .. })),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "cannot find module \"./nope.js\" imported by main.js"
    );
}

#[test]
fn syntax_error_in_an_imported_module_has_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("main.js"),
        "import { x } from './lib/bad.js';\nexport default x;",
    );
    write(
        &root.join("lib/bad.js"),
        "const fine = 1;\nexport const x = ;\n",
    );
    let error = expect_err(load(root, "main.js"));
    match &error {
        RuntimeError::Module(ModuleError::Compile(exception)) => {
            let location = exception.location.clone().unwrap();
            assert_eq!(location.to_string(), "lib/bad.js:2:18");
            assert!(exception.message.contains("SyntaxError"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        error.to_string().starts_with("lib/bad.js:2:18: "),
        "{error}"
    );
    assert!(error.to_string().contains("SyntaxError"), "{error}");
}

#[test]
fn top_level_await_in_the_entry_module() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("main.js"),
        "import { ready } from './dep.js';\nconst waited = await scheduler.wait(20).then(() => 'waited');\nexport default `${ready} ${waited}`;",
    );
    write(
        &root.join("dep.js"),
        "export const ready = await new Promise((r) => setTimeout(() => r('ready'), 10));",
    );
    let started = Instant::now();
    let (runtime, namespace) = load(root, "main.js").unwrap_or_else(|e| panic!("{e}"));
    assert!(started.elapsed() >= Duration::from_millis(25));
    assert_eq!(default_export(&runtime, &namespace), "ready waited");
}

/// The module's evaluation promise is awaited by the loader, so a throwing
/// module is an `Uncaught` error, not an unhandled rejection.
#[test]
fn throwing_module_body_is_uncaught() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("main.js"),
        "import './dep.js';\nexport default 1;",
    );
    write(&root.join("dep.js"), "throw new Error('dep failed');");
    match expect_err(load(root, "main.js")) {
        RuntimeError::Uncaught(exception) => assert!(exception.to_string().contains("dep failed")),
        other => panic!("unexpected {other:?}"),
    }
}

// ---- labels -----------------------------------------------------------------

/// Console lines with the label each was written under.
type LabelledLines = Rc<RefCell<Vec<(String, Option<String>)>>>;

#[test]
fn timers_and_async_ops_keep_the_label_they_started_under() {
    let labelled: LabelledLines = Rc::default();
    let sink = labelled.clone();
    let runtime = Runtime::new(RuntimeOptions {
        console: Box::new(move |_, text, label| {
            sink.borrow_mut()
                .push((text.to_string(), label.map(str::to_string)))
        }),
        ..RuntimeOptions::default()
    })
    .expect("a runtime");
    let (first, second) = (RequestId::new(0, 1), RequestId::new(0, 2));
    runtime.set_label(Some(first));
    exec(
        &runtime,
        "console.log('sync'); setTimeout(() => console.log('timer'), 20);
         scheduler.wait(10).then(() => console.log('op'));",
    );
    runtime.set_label(Some(second));
    exec(&runtime, "setTimeout(() => console.log('other'), 5)");
    runtime.set_label(None);
    exec(&runtime, "console.log('unlabelled')");
    run_loop(&runtime);
    let mut seen = labelled.borrow().clone();
    seen.sort();
    let label = |l: RequestId| Some(l.to_string());
    assert_eq!(
        seen,
        vec![
            ("op".to_string(), label(first)),
            ("other".to_string(), label(second)),
            ("sync".to_string(), label(first)),
            ("timer".to_string(), label(first)),
            ("unlabelled".to_string(), None),
        ]
    );
}
