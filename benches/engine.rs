//! In-process latency of the engine bridge and the runtime: getting the
//! startup snapshot (read from the cache, or made), isolate and context
//! creation, small scripts, a sync op round trip, one request through a
//! hello app without the network, and one WebCrypto digest.

use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use nano::http::RequestHeaders;
use nano::runtime::{find_entry, AppSpec, Runtime, RuntimeOptions, Worker, WorkerRequest};
use nano::v8::{Context, Global, Isolate, IsolateOptions, JsResult, OpCall, OpDecl, Scope, Value};

fn op_nop<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    call.set_return(call.arg(0));
    Ok(())
}

static OPS: &[OpDecl] = &[OpDecl {
    name: "nop",
    func: op_nop,
}];

const OP_CALLS: u32 = 1000;

/// An isolate with one context where `globalThis.ops` holds the tiny op table.
fn isolate_with_context() -> (Isolate, Global<Context>) {
    let isolate = Isolate::new(OPS, IsolateOptions::default());
    let context = {
        let scope = Scope::new(&isolate);
        let context = scope.new_context();
        scope.enter_context(context);
        let ops = scope.object();
        scope.install_ops(ops).expect("installing ops");
        scope
            .set(scope.global_object(), "ops", ops)
            .expect("globalThis.ops");
        scope.global(context)
    };
    (isolate, context)
}

fn quiet_options(from_snapshot: bool) -> RuntimeOptions {
    RuntimeOptions {
        console: Box::new(|_, _, _| {}),
        from_snapshot,
        ..RuntimeOptions::default()
    }
}

fn isolates(c: &mut Criterion) {
    // Built once, outside the measurements.
    nano::runtime::startup_snapshot().expect("the startup snapshot");
    let mut group = c.benchmark_group("isolate");
    group.bench_function("bare isolate (tiny op table)", |b| {
        b.iter(|| black_box(Isolate::new(OPS, IsolateOptions::default())))
    });
    group.bench_function("bare isolate + context", |b| {
        b.iter(|| {
            let isolate = Isolate::new(OPS, IsolateOptions::default());
            {
                let scope = Scope::new(&isolate);
                black_box(scope.new_context());
            }
            isolate
        })
    });
    group.bench_function("runtime from snapshot", |b| {
        b.iter(|| Runtime::new(quiet_options(true)).expect("a runtime"))
    });
    group.bench_function("blank isolate + bootstrap", |b| {
        b.iter(|| Runtime::new(quiet_options(false)).expect("a runtime"))
    });
    group.finish();
}

fn contexts(c: &mut Criterion) {
    let isolate = Isolate::new(OPS, IsolateOptions::default());
    c.bench_function("context/new context", |b| {
        b.iter(|| {
            let scope = Scope::new(&isolate);
            black_box(scope.new_context());
        })
    });
}

const BIGGER_SCRIPT: &str = "{
    const items = [];
    for (let i = 0; i < 100; i++) items.push({ id: i, name: 'item' + i, tags: ['a', 'b'] });
    JSON.stringify(items.filter((item) => item.id % 3 === 0).map((item) => item.name)).length
}";

fn scripts(c: &mut Criterion) {
    let (isolate, context) = isolate_with_context();
    let mut group = c.benchmark_group("script");
    group.bench_function("eval 1+1", |b| {
        b.iter(|| {
            let scope = Scope::with_context(&isolate, &context);
            let value = scope.eval(black_box("1+1"), "bench.js").expect("runs");
            black_box(value.as_number())
        })
    });
    group.bench_function("eval 100 objects + JSON", |b| {
        b.iter(|| {
            let scope = Scope::with_context(&isolate, &context);
            let value = scope
                .eval(black_box(BIGGER_SCRIPT), "bench.js")
                .expect("runs");
            black_box(value.as_number())
        })
    });
    let runtime = Runtime::new(quiet_options(true)).expect("a runtime");
    group.bench_function("Runtime::execute_script 1+1", |b| {
        b.iter(|| {
            black_box(
                runtime
                    .execute_script(black_box("1+1"), "bench.js")
                    .expect("runs"),
            )
        })
    });
    group.finish();
}

fn ops(c: &mut Criterion) {
    let (isolate, context) = isolate_with_context();
    let function: Global<Value> = {
        let scope = Scope::with_context(&isolate, &context);
        let source = format!(
            "(function () {{ let t = 0; for (let i = 0; i < {OP_CALLS}; i++) t += ops.nop(i); return t; }})"
        );
        let function = scope.eval(&source, "ops.js").expect("compiles");
        scope.global(function)
    };
    // Reported per op call: each iteration makes OP_CALLS calls.
    c.bench_function("op/sync op round trip (per call)", |b| {
        b.iter_custom(|iters| {
            let scope = Scope::with_context(&isolate, &context);
            let function = function.get(&scope);
            let receiver = scope.undefined();
            let started = Instant::now();
            for _ in 0..iters {
                black_box(scope.call(function, receiver, &[]).expect("runs"));
            }
            started.elapsed() / OP_CALLS
        })
    });
}

fn requests(c: &mut Criterion) {
    let mut event_loop = monoio::RuntimeBuilder::<monoio::LegacyDriver>::new()
        .enable_timer()
        .build()
        .expect("an event loop");
    // The default app (it parses the URL), and the load tests' hello (a bare
    // `new Response("Hello World")` from an async handler).
    for (name, folder) in [
        ("request/examples hello fetch round trip", "examples/hello"),
        (
            "request/loadtests hello fetch round trip",
            "loadtests/apps/hello",
        ),
    ] {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
        let app = AppSpec {
            entry: find_entry(&root).expect("the app's entry"),
            root,
            vars: Vec::new(),
            kv: Vec::new(),
        };
        let worker = Rc::new(
            event_loop
                .block_on(Worker::load(
                    &app,
                    Runtime::new(quiet_options(true)).expect("a runtime"),
                ))
                .expect("the app loads"),
        );
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut headers = RequestHeaders::default();
                headers.push(b"host", b"localhost");
                headers.push(b"accept", b"*/*");
                let mut request = WorkerRequest {
                    method: "GET".into(),
                    url: "http://localhost/bench".into(),
                    headers,
                    body: None,
                };
                black_box(
                    event_loop
                        .block_on(worker.fetch(&mut request, None))
                        .expect("a response"),
                )
            })
        });
    }
}

fn digest(c: &mut Criterion) {
    let mut event_loop = monoio::RuntimeBuilder::<monoio::LegacyDriver>::new()
        .enable_timer()
        .build()
        .expect("an event loop");
    let runtime = Runtime::new(quiet_options(true)).expect("a runtime");
    runtime
        .execute_script("globalThis.data = new Uint8Array(1024).fill(7);", "setup")
        .expect("set-up runs");
    c.bench_function("crypto/subtle.digest SHA-256 of 1 KiB, awaited", |b| {
        b.iter(|| {
            let digest = runtime
                .execute_script("crypto.subtle.digest('SHA-256', data)", "digest")
                .expect("digest starts");
            black_box(
                event_loop
                    .block_on(runtime.resolve(digest))
                    .expect("a digest"),
            )
        })
    });
}

/// The Cache API on its in-memory store: `caches.default.match` of a URL
/// holding a 1 KiB response (a hit, its Response made and awaited) and of
/// one holding nothing (a miss).
fn cache(c: &mut Criterion) {
    let mut event_loop = monoio::RuntimeBuilder::<monoio::LegacyDriver>::new()
        .enable_timer()
        .build()
        .expect("an event loop");
    let runtime = Runtime::new(quiet_options(true)).expect("a runtime");
    let stored = runtime
        .execute_script(
            "caches.default.put('https://bench.test/hit', new Response(new Uint8Array(1024), \
             { headers: { 'cache-control': 'max-age=3600', 'content-type': 'text/plain' } }))",
            "setup",
        )
        .expect("set-up runs");
    event_loop
        .block_on(runtime.resolve(stored))
        .expect("the response is stored");
    for (name, url) in [
        ("cache/match hit of a 1 KiB response, awaited", "hit"),
        ("cache/match miss, awaited", "miss"),
    ] {
        let source = format!("caches.default.match('https://bench.test/{url}')");
        c.bench_function(name, |b| {
            b.iter(|| {
                let found = runtime
                    .execute_script(&source, "match")
                    .expect("match starts");
                black_box(
                    event_loop
                        .block_on(runtime.resolve(found))
                        .expect("a result"),
                )
            })
        });
    }
}

/// Where a process gets its startup snapshot: read back from the cache
/// folder (key from the executable's identity, read, CRC-32 check), or made
/// afresh (bootstrap, warm-up, serialisation), as on a first run.
fn startup(c: &mut Criterion) {
    let cache = tempfile::tempdir().expect("a temporary folder");
    nano::runtime::load_or_make_startup_snapshot(cache.path()).expect("the snapshot is stored");
    let mut group = c.benchmark_group("startup snapshot");
    group.sample_size(10);
    group.bench_function("read from the cache", |b| {
        b.iter(|| nano::runtime::load_or_make_startup_snapshot(cache.path()).expect("the snapshot"))
    });
    group.bench_function("make", |b| {
        b.iter(|| nano::runtime::make_startup_snapshot().expect("the snapshot"))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = startup, isolates, contexts, scripts, ops, requests, digest, cache
}
criterion_main!(benches);
