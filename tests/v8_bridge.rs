//! The engine bridge, exercised only through the public `nano::v8` API.

use std::time::{Duration, Instant};

use nano::v8::*;

// ---- ops used by these tests ----------------------------------------------

fn op_add<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let a = call.number_arg(0, "a")?;
    let b = call.number_arg(1, "b")?;
    call.set_return(call.scope.number(a + b));
    Ok(())
}

fn op_reject<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    Err(call.type_error("op_reject wants nothing"))
}

fn op_explode<'s>(_call: &OpCall<'s>) -> JsResult<'s, ()> {
    panic!("op_explode always panics");
}

fn op_count_args<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    call.set_return(call.scope.number(call.len() as f64));
    Ok(())
}

static OPS: &[OpDecl] = &[
    OpDecl {
        name: "add",
        func: op_add,
    },
    OpDecl {
        name: "reject",
        func: op_reject,
    },
    OpDecl {
        name: "explode",
        func: op_explode,
    },
    OpDecl {
        name: "count_args",
        func: op_count_args,
    },
];

// ---- helpers --------------------------------------------------------------

fn blank_isolate() -> Isolate {
    Isolate::new(OPS, IsolateOptions::default())
}

/// Opens a scope with a fresh context entered.
fn enter(isolate: &Isolate) -> Scope<'_> {
    let scope = Scope::new(isolate);
    let context = scope.new_context();
    scope.enter_context(context);
    scope
}

fn eval<'s>(scope: &'s Scope<'_>, source: &str) -> Local<'s, Value> {
    match scope.eval(source, "test.js") {
        Ok(value) => value,
        Err(throw) => panic!("{source:?} threw: {:?}", scope.describe(&throw)),
    }
}

fn eval_string(scope: &Scope<'_>, source: &str) -> String {
    let value = eval(scope, source);
    scope
        .string_value(value)
        .unwrap_or_else(|| panic!("{source:?} is not a string"))
}

fn eval_number(scope: &Scope<'_>, source: &str) -> f64 {
    eval(scope, source)
        .as_number()
        .unwrap_or_else(|| panic!("{source:?} is not a number"))
}

fn thrown(scope: &Scope<'_>, source: &str, name: &str) -> Exception {
    match scope.eval(source, name) {
        Ok(_) => panic!("{source:?} did not throw"),
        Err(throw) => scope
            .describe(&throw)
            .expect("an exception, not a termination"),
    }
}

fn install_ops_global(scope: &Scope<'_>) {
    let ops = scope.object();
    scope.install_ops(ops).expect("installing ops");
    scope
        .set(scope.global_object(), "ops", ops)
        .expect("setting globalThis.ops");
}

// ---- platform, isolates, contexts, scopes ---------------------------------

#[test]
fn platform_init_is_idempotent() {
    init();
    init();
    let version = v8_version();
    assert!(
        version.starts_with("10."),
        "unexpected V8 version {version}"
    );
    init();
    assert_eq!(v8_version(), version);
}

/// Read system calls this thread made while `f` ran, less the reads of
/// /proc/thread-self/io that measuring them takes.
fn reads_during<T>(f: impl FnOnce() -> T) -> (u64, T) {
    fn reads_so_far() -> u64 {
        let io = std::fs::read_to_string("/proc/thread-self/io").expect("/proc/thread-self/io");
        let syscr = io.lines().find_map(|line| line.strip_prefix("syscr: "));
        syscr
            .expect("a syscr line")
            .trim()
            .parse()
            .expect("a count")
    }
    let overhead = {
        let before = reads_so_far();
        reads_so_far() - before
    };
    let before = reads_so_far();
    let value = f();
    (reads_so_far() - before - overhead, value)
}

/// Making an isolate reads next to nothing (V8's random seed), however many
/// are alive: V8 10.2 would read all of /proc/self/maps, which grows with
/// every isolate, to place each one's code range (src/v8/code_range_hint.cc).
#[test]
fn a_new_isolate_does_not_read_the_process_mappings() {
    let alive: Vec<Isolate> = (0..40).map(|_| blank_isolate()).collect();
    let (reads, one_more) = reads_during(blank_isolate);
    assert!(
        reads <= 2,
        "making an isolate took {reads} read calls with {} isolates alive",
        alive.len()
    );
    drop(one_more);
}

#[test]
fn isolates_contexts_and_scopes() {
    let first = blank_isolate();
    let second = blank_isolate();
    {
        let a = enter(&first);
        let b = enter(&second);
        eval(&a, "globalThis.where = 'first'");
        eval(&b, "globalThis.where = 'second'");
        assert_eq!(eval_string(&a, "where"), "first");
        assert_eq!(eval_string(&b, "where"), "second");
    }
    // Two contexts of one isolate have separate globals.
    let scope = Scope::new(&first);
    let one = scope.new_context();
    let two = scope.new_context();
    let one = scope.global(one);
    let two = scope.global(two);
    drop(scope);
    {
        let scope = Scope::with_context(&first, &one);
        eval(&scope, "globalThis.x = 1");
    }
    {
        let scope = Scope::with_context(&first, &two);
        assert_eq!(eval_string(&scope, "typeof x"), "undefined");
    }
    {
        let scope = Scope::with_context(&first, &one);
        assert_eq!(eval_number(&scope, "x"), 1.0);
    }
    // Many nested and sequential handle scopes.
    for i in 0..200 {
        let outer = Scope::with_context(&first, &one);
        let inner = Scope::with_context(&first, &two);
        assert_eq!(eval_number(&inner, &format!("{i} * 2")), f64::from(i * 2));
        assert_eq!(outer.number(1.5).as_number(), Some(1.5));
    }
}

// ---- values -------------------------------------------------------------------

#[test]
fn primitive_values_both_ways() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    assert_eq!(scope.undefined().kind(), Kind::Undefined);
    assert_eq!(scope.null().kind(), Kind::Null);
    assert!(scope.undefined().is_nullish() && scope.null().is_nullish());
    assert_eq!(eval(&scope, "undefined").kind(), Kind::Undefined);
    assert_eq!(eval(&scope, "null").kind(), Kind::Null);

    assert_eq!(scope.boolean(true).as_bool(), Some(true));
    assert_eq!(eval(&scope, "1 < 0").as_bool(), Some(false));
    assert_eq!(eval(&scope, "0").as_bool(), None);

    assert_eq!(scope.number(2.5).as_number(), Some(2.5));
    assert_eq!(eval_number(&scope, "0.1 + 0.2"), 0.1 + 0.2);
    assert!(eval_number(&scope, "NaN").is_nan());
    assert_eq!(eval(&scope, "'1'").as_number(), None);

    let big = scope.bigint(-(1 << 62));
    assert_eq!(big.kind(), Kind::BigInt);
    assert_eq!(big.as_i64_bigint(), Some(-(1 << 62)));
    assert_eq!(eval(&scope, "2n ** 40n").as_i64_bigint(), Some(1 << 40));
    assert_eq!(
        eval(&scope, "2n ** 70n").as_i64_bigint(),
        None,
        "lossy BigInt"
    );
    assert_eq!(eval(&scope, "7").as_i64_bigint(), None);

    // Rust values passed into JavaScript.
    let global = scope.global_object();
    scope.set(global, "big", scope.bigint(41)).unwrap();
    scope.set(global, "flag", scope.boolean(true)).unwrap();
    scope.set(global, "nothing", scope.null()).unwrap();
    assert_eq!(
        eval_string(
            &scope,
            "typeof big + ':' + (big + 1n) + ':' + flag + ':' + nothing"
        ),
        "bigint:42:true:null"
    );

    assert!(scope.is_truthy(eval(&scope, "'x'")));
    assert!(!scope.is_truthy(eval(&scope, "''")));
    assert!(eval(&scope, "1").strict_equals(scope.number(1.0)));
    assert!(!eval(&scope, "'1'").strict_equals(scope.number(1.0)));
}

#[test]
fn strings_both_ways() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    for text in [
        "",
        "plain ascii",
        "héllo wörld",
        "日本語のテキスト",
        "emoji 😀🚀",
        "a\0b",
    ] {
        let value = scope.string(text);
        assert_eq!(value.kind(), Kind::String);
        assert_eq!(scope.string_value(value).as_deref(), Some(text));
        scope.set(scope.global_object(), "s", value).unwrap();
        assert_eq!(
            eval_number(&scope, "s.length"),
            text.encode_utf16().count() as f64
        );
    }
    assert_eq!(
        eval_string(&scope, "'\\u00e9\\u65e5' + String.fromCodePoint(0x1F600)"),
        "é日😀"
    );
    // A lone surrogate has no UTF-8 form: it becomes U+FFFD.
    assert_eq!(eval_string(&scope, "'a\\uD800b'"), "a\u{FFFD}b");
    assert_eq!(eval_string(&scope, "'\\uDC00'"), "\u{FFFD}");
    // Not a string: None from string_value, String(x) from to_js_string.
    let number = eval(&scope, "12.5");
    assert_eq!(scope.string_value(number), None);
    assert_eq!(scope.to_js_string(number).unwrap(), "12.5");
    let object = eval(&scope, "({ toString() { return 'custom' } })");
    assert_eq!(scope.to_js_string(object).unwrap(), "custom");
    let throws = eval(&scope, "({ toString() { throw new Error('no string') } })");
    assert!(scope.to_js_string(throws).is_err());
    // try_string is fine with ordinary sizes.
    let long = "x".repeat(1 << 20);
    let value = scope.try_string(&long).unwrap();
    assert_eq!(scope.string_value(value).map(|s| s.len()), Some(1 << 20));
}

#[test]
fn objects_and_arrays() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    let object = scope.object();
    assert_eq!(object.kind(), Kind::Object);
    assert!(object.is_object());
    scope.set(object, "name", scope.string("nano")).unwrap();
    scope.set(object, "n", scope.number(3.0)).unwrap();
    assert_eq!(
        scope
            .string_value(scope.get(object, "name").unwrap())
            .as_deref(),
        Some("nano")
    );
    assert_eq!(
        scope.get(object, "missing").unwrap().kind(),
        Kind::Undefined
    );
    scope.set(scope.global_object(), "o", object).unwrap();
    assert_eq!(
        eval_string(&scope, "JSON.stringify(o)"),
        r#"{"name":"nano","n":3}"#
    );

    let from_js = eval(
        &scope,
        "({ nested: { deep: [10, 20] }, get computed() { return 6 * 7 } })",
    );
    assert_eq!(
        scope.get(from_js, "computed").unwrap().as_number(),
        Some(42.0)
    );
    let nested = scope.get(from_js, "nested").unwrap();
    let deep = scope.get(nested, "deep").unwrap();
    assert_eq!(deep.kind(), Kind::Array);
    assert_eq!(scope.get_index(deep, 1).unwrap().as_number(), Some(20.0));
    let key = scope.string("nested");
    assert!(scope.get_value(from_js, key).unwrap().is_object());

    // A throwing getter and setter are reported as exceptions.
    let trap = eval(
        &scope,
        "({ get bad() { throw new Error('getter') }, set bad(v) { throw new Error('setter') } })",
    );
    assert!(matches!(
        scope.get(trap, "bad"),
        Err(Throw::Exception { .. })
    ));
    assert!(matches!(
        scope.set(trap, "bad", scope.null()),
        Err(Throw::Exception { .. })
    ));
    // Property access on a primitive is a TypeError, not a crash.
    assert!(scope.get(scope.number(1.0), "x").is_err());
    assert!(scope.set(scope.undefined(), "x", scope.null()).is_err());

    let array = scope.array(&[scope.number(1.0), scope.string("a"), scope.boolean(false)]);
    assert_eq!(array.kind(), Kind::Array);
    assert_eq!(scope.array_length(array), Some(3));
    assert_eq!(scope.array_length(object), None);
    scope.set(scope.global_object(), "arr", array).unwrap();
    assert_eq!(
        eval_string(&scope, "JSON.stringify(arr)"),
        r#"[1,"a",false]"#
    );
    let empty = scope.array(&[]);
    assert_eq!(scope.array_length(empty), Some(0));
    assert_eq!(scope.array_length(eval(&scope, "[1,,3,4]")), Some(4));

    assert_eq!(eval(&scope, "(function () {})").kind(), Kind::Function);
    assert_eq!(eval(&scope, "Symbol('s')").kind(), Kind::Symbol);
    assert_eq!(
        eval(&scope, "new Int16Array(2)").kind(),
        Kind::ArrayBufferView
    );
    assert_eq!(
        eval(&scope, "new DataView(new ArrayBuffer(2))").kind(),
        Kind::ArrayBufferView
    );
}

#[test]
fn array_buffers_and_uint8_arrays() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    let buffer = scope.array_buffer(&[1, 2, 3, 4]);
    assert_eq!(buffer.kind(), Kind::ArrayBuffer);
    assert_eq!(scope.bytes(buffer), Some(vec![1, 2, 3, 4]));
    scope.set(scope.global_object(), "buf", buffer).unwrap();
    assert_eq!(eval_number(&scope, "buf.byteLength"), 4.0);
    assert_eq!(
        eval_string(&scope, "Array.from(new Uint8Array(buf)).join()"),
        "1,2,3,4"
    );

    let view = scope.uint8_array(b"hello");
    assert_eq!(view.kind(), Kind::Uint8Array);
    assert_eq!(scope.bytes(view).as_deref(), Some(&b"hello"[..]));
    scope.set(scope.global_object(), "view", view).unwrap();
    assert_eq!(eval_string(&scope, "String.fromCharCode(...view)"), "hello");

    // Views made in JavaScript, including a subarray at an offset.
    let from_js = eval(&scope, "new Uint8Array([9, 8, 7])");
    assert_eq!(scope.bytes(from_js), Some(vec![9, 8, 7]));
    let sub = eval(
        &scope,
        "new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).subarray(2, 5)",
    );
    assert_eq!(sub.kind(), Kind::Uint8Array);
    assert_eq!(scope.bytes(sub), Some(vec![2, 3, 4]));
    let offset = eval(
        &scope,
        "new Uint8Array(new Uint8Array([10, 11, 12, 13]).buffer, 1, 2)",
    );
    assert_eq!(scope.bytes(offset), Some(vec![11, 12]));
    let wide = eval(&scope, "new Uint16Array([0x0201, 0x0403]).subarray(1)");
    assert_eq!(wide.kind(), Kind::ArrayBufferView);
    assert_eq!(scope.bytes(wide), Some(vec![3, 4]));
    let sum = scope.with_bytes(sub, |bytes| {
        bytes.iter().map(|&b| u32::from(b)).sum::<u32>()
    });
    assert_eq!(sum, Some(9));

    // Empty buffers, and values that have no bytes.
    assert_eq!(scope.bytes(scope.array_buffer(&[])), Some(vec![]));
    assert_eq!(scope.bytes(scope.uint8_array(&[])), Some(vec![]));
    assert_eq!(
        scope.bytes(eval(&scope, "new Uint8Array(4).subarray(4)")),
        Some(vec![])
    );
    assert_eq!(scope.bytes(scope.string("abc")), None);
    assert_eq!(scope.bytes(scope.object()), None);
}

#[test]
fn promises_state_and_result() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    let resolver = scope.resolver();
    let promise = scope.resolver_promise(resolver);
    assert_eq!(promise.kind(), Kind::Promise);
    assert_eq!(scope.promise_state(promise), Some(PromiseState::Pending));
    assert!(scope.promise_result(promise).is_none());
    scope.set(scope.global_object(), "p", promise).unwrap();
    eval(
        &scope,
        "globalThis.seen = 'nothing'; p.then(v => { seen = 'got ' + v })",
    );
    scope.settle(resolver, scope.number(5.0), false).unwrap();
    assert_eq!(scope.promise_state(promise), Some(PromiseState::Fulfilled));
    assert_eq!(
        scope.promise_result(promise).unwrap().as_number(),
        Some(5.0)
    );
    // Reactions wait for the microtask checkpoint (the policy is explicit).
    assert_eq!(eval_string(&scope, "seen"), "nothing");
    isolate.run_microtasks();
    assert_eq!(eval_string(&scope, "seen"), "got 5");

    let rejector = scope.resolver();
    let rejected = scope.resolver_promise(rejector);
    scope.mark_handled(rejected);
    scope
        .settle(rejector, scope.error(ErrorKind::RangeError, "out"), true)
        .unwrap();
    assert_eq!(scope.promise_state(rejected), Some(PromiseState::Rejected));
    let reason = scope.promise_result(rejected).unwrap();
    assert_eq!(scope.to_js_string(reason).unwrap(), "RangeError: out");

    let chained = eval(&scope, "Promise.resolve(20).then(v => v + 1)");
    assert_eq!(scope.promise_state(chained), Some(PromiseState::Pending));
    isolate.run_microtasks();
    assert_eq!(scope.promise_state(chained), Some(PromiseState::Fulfilled));
    assert_eq!(
        scope.promise_result(chained).unwrap().as_number(),
        Some(21.0)
    );

    let from_js = eval(
        &scope,
        "Promise.reject(new TypeError('nope')).catch(e => e.message)",
    );
    isolate.run_microtasks();
    assert_eq!(
        scope
            .string_value(scope.promise_result(from_js).unwrap())
            .as_deref(),
        Some("nope")
    );

    assert_eq!(scope.promise_state(scope.number(1.0)), None);
    assert!(scope.promise_result(scope.object()).is_none());
}

#[test]
fn reject_handler_sees_unhandled_rejections() {
    use std::cell::RefCell;
    use std::rc::Rc;

    let isolate = blank_isolate();
    let events: Rc<RefCell<Vec<(RejectEvent, String)>>> = Rc::default();
    let sink = events.clone();
    isolate.set_reject_handler(Rc::new(
        move |scope: &Scope<'_>, event, _promise, reason: Option<Local<'_, Value>>| {
            let reason = reason
                .and_then(|r| scope.to_js_string(r).ok())
                .unwrap_or_default();
            sink.borrow_mut().push((event, reason));
        },
    ));
    let scope = enter(&isolate);
    eval(&scope, "globalThis.p = Promise.reject(new Error('lost'))");
    eval(&scope, "p.catch(() => {})");
    isolate.run_microtasks();
    let events = events.borrow();
    assert_eq!(
        events[0],
        (
            RejectEvent::RejectedWithoutHandler,
            "Error: lost".to_string()
        )
    );
    assert_eq!(events[1].0, RejectEvent::HandlerAddedAfterReject);
}

// ---- exceptions -----------------------------------------------------------

#[test]
fn exceptions_have_message_location_and_stack() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    let source = "function inner() {\n  throw new Error('boom');\n}\nfunction outer() { inner(); }\nouter();";
    let exception = thrown(&scope, source, "app.js");
    assert_eq!(exception.message, "Uncaught Error: boom");
    let location = exception.location.clone().expect("a location");
    assert_eq!(location.resource, "app.js");
    assert_eq!(location.line, 2);
    assert_eq!(location.column, 3, "column of `throw`, 1-based");
    assert_eq!(location.to_string(), "app.js:2:3");
    assert_eq!(
        exception.source_line.as_deref(),
        Some("  throw new Error('boom');")
    );
    let stack = exception.stack.clone().expect("an Error has a stack");
    assert!(stack.starts_with("Error: boom\n"), "{stack}");
    assert!(stack.contains("at inner (app.js:2:9)"), "{stack}");
    assert!(stack.contains("at outer (app.js:4:20)"), "{stack}");
    assert_eq!(exception.to_string(), stack);

    // A thrown non-Error has no stack.
    let plain = thrown(&scope, "throw 42", "plain.js");
    assert_eq!(plain.message, "Uncaught 42");
    assert_eq!(plain.stack, None);
    assert_eq!(
        plain.location.as_ref().map(|l| l.to_string()).as_deref(),
        Some("plain.js:1:1")
    );
    assert_eq!(plain.to_string(), "Uncaught 42");

    let type_error = thrown(&scope, "null.x", "t.js");
    assert!(
        type_error.message.starts_with("Uncaught TypeError"),
        "{}",
        type_error.message
    );
}

#[test]
fn syntax_errors_have_a_location() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    let exception = thrown(&scope, "1 +", "<eval>");
    assert!(
        exception.message.contains("SyntaxError"),
        "{}",
        exception.message
    );
    assert_eq!(exception.location.unwrap().to_string(), "<eval>:1:4");

    let exception = thrown(&scope, "let ok = 1;\nlet bad = ;\n", "multi.js");
    assert_eq!(
        exception.message,
        "Uncaught SyntaxError: Unexpected token ';'"
    );
    assert_eq!(exception.location.unwrap().to_string(), "multi.js:2:11");
    assert_eq!(exception.source_line.as_deref(), Some("let bad = ;"));

    // compile_script alone reports it too, and the scope stays usable.
    assert!(matches!(
        scope.compile_script("}{", "x.js", None),
        Err(Throw::Exception { .. })
    ));
    assert_eq!(eval_number(&scope, "2 + 2"), 4.0);
}

#[test]
fn rust_made_errors_are_thrown_as_given() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    for (kind, name) in [
        (ErrorKind::Error, "Error"),
        (ErrorKind::TypeError, "TypeError"),
        (ErrorKind::RangeError, "RangeError"),
        (ErrorKind::SyntaxError, "SyntaxError"),
    ] {
        let error = scope.error(kind, "made in rust");
        scope.set(scope.global_object(), "e", error).unwrap();
        assert_eq!(
            eval_string(&scope, "e.name + ': ' + e.message"),
            format!("{name}: made in rust")
        );
        assert_eq!(
            eval(&scope, &format!("e instanceof {name}")).as_bool(),
            Some(true)
        );
    }
    let Throw::Exception { value, message } = scope.throw_error(ErrorKind::TypeError, "t") else {
        panic!("throw_error makes an exception");
    };
    assert!(message.is_none());
    assert_eq!(scope.to_js_string(value).unwrap(), "TypeError: t");
}

// ---- ops -----------------------------------------------------------------

#[test]
fn sync_ops_return_values() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    install_ops_global(&scope);
    assert_eq!(eval_number(&scope, "ops.add(2, 3)"), 5.0);
    assert_eq!(
        eval_number(
            &scope,
            "let t = 0; for (let i = 0; i < 1000; i++) t = ops.add(t, i); t"
        ),
        499500.0
    );
    assert_eq!(eval_number(&scope, "ops.count_args(1, 2, 3, 4)"), 4.0);
    assert_eq!(eval_string(&scope, "ops.add.name"), "add");
    assert_eq!(eval_string(&scope, "typeof ops.explode"), "function");
    // A bad argument is a TypeError naming it.
    assert_eq!(
        eval_string(
            &scope,
            "try { ops.add('x', 1) } catch (e) { e.constructor.name + ': ' + e.message }"
        ),
        "TypeError: a must be a number"
    );
}

#[test]
fn sync_op_errors_are_thrown_as_type_errors() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    install_ops_global(&scope);
    assert_eq!(
        eval_string(
            &scope,
            "try { ops.reject(); 'no throw' } catch (e) { (e instanceof TypeError) + ' ' + e.message }"
        ),
        "true op_reject wants nothing"
    );
    let uncaught = thrown(&scope, "ops.reject()", "r.js");
    assert_eq!(
        uncaught.message,
        "Uncaught TypeError: op_reject wants nothing"
    );
}

#[test]
fn panicking_op_becomes_a_js_error_and_the_process_survives() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    install_ops_global(&scope);
    let caught = eval_string(
        &scope,
        "try { ops.explode(); 'no throw' } catch (e) { e.constructor.name + ': ' + e.message }",
    );
    assert_eq!(caught, "Error: internal error in native function explode");
    // Repeatedly, and the isolate and its ops keep working.
    for _ in 0..3 {
        let exception = thrown(&scope, "ops.explode()", "p.js");
        assert!(exception
            .message
            .contains("internal error in native function explode"));
    }
    assert_eq!(eval_number(&scope, "ops.add(1, 1)"), 2.0);
}

// ---- calling JavaScript from Rust -------------------------------------------

#[test]
fn calling_js_functions_with_receiver_and_arguments() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    let function = eval(&scope, "(function (a, b) { return this.base + a * b; })");
    let receiver = eval(&scope, "({ base: 100 })");
    let result = scope
        .call(function, receiver, &[scope.number(6.0), scope.number(7.0)])
        .unwrap();
    assert_eq!(result.as_number(), Some(142.0));

    let join = eval(
        &scope,
        "'use strict'; (function (...parts) { return [typeof this, ...parts].join('|'); })",
    );
    let result = scope
        .call(
            join,
            scope.undefined(),
            &[scope.string("x"), scope.null(), scope.boolean(true)],
        )
        .unwrap();
    assert_eq!(
        scope.string_value(result).as_deref(),
        Some("undefined|x||true")
    );

    let thrower = eval(&scope, "(() => { throw new RangeError('called') })");
    let Err(throw) = scope.call(thrower, scope.undefined(), &[]) else {
        panic!("the call should throw");
    };
    assert_eq!(
        scope.describe(&throw).unwrap().message,
        "Uncaught RangeError: called"
    );

    // Calling a non-function is a TypeError, not a crash.
    let Err(throw) = scope.call(scope.number(1.0), scope.undefined(), &[]) else {
        panic!("calling a number should fail");
    };
    assert!(scope
        .describe(&throw)
        .unwrap()
        .message
        .contains("not a function"));
}

#[test]
fn global_handles_outlive_their_scope() {
    let isolate = blank_isolate();
    let (context, object, function) = {
        let scope = enter(&isolate);
        let object = eval(&scope, "({ kept: 'yes', list: [1, 2, 3] })");
        let function = eval(&scope, "(x) => x * 3");
        (
            scope.global(scope.context()),
            scope.global(object),
            scope.global(function),
        )
    };
    isolate.collect_garbage();
    for _ in 0..3 {
        let scope = Scope::with_context(&isolate, &context);
        let object = object.get(&scope);
        assert_eq!(
            scope
                .string_value(scope.get(object, "kept").unwrap())
                .as_deref(),
            Some("yes")
        );
        let tripled = scope
            .call(
                function.get(&scope),
                scope.undefined(),
                &[scope.number(4.0)],
            )
            .unwrap();
        assert_eq!(tripled.as_number(), Some(12.0));
    }
    // A Global dropped after its isolate is leaked, not freed twice.
    let late = {
        let scope = Scope::with_context(&isolate, &context);
        scope.global(scope.string("late"))
    };
    drop(function);
    drop(object);
    drop(context);
    drop(isolate);
    drop(late);
}

// ---- ES modules ------------------------------------------------------------

/// Pins a closure to the resolver's higher-ranked signature.
fn resolver<F>(resolve: F) -> F
where
    F: for<'a> FnMut(&'a Scope<'_>, &str, Local<'a, Module>) -> Result<Local<'a, Module>, String>,
{
    resolve
}

#[test]
fn es_modules_compile_link_evaluate() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);

    let main_source = "import { base } from './dep.js';\nimport * as more from './more.js';\nexport default base + more.extra;\nexport const named = 'n';";
    let (main, cache_use) = scope.compile_module(main_source, "main.js", None).unwrap();
    assert_eq!(cache_use, CacheUse::None);
    assert_eq!(
        scope.module_requests(main),
        vec!["./dep.js".to_string(), "./more.js".to_string()]
    );
    assert_eq!(scope.module_status(main), ModuleStatus::Uninstantiated);
    assert!(scope.module_namespace(main).is_none());

    let (dep, _) = scope
        .compile_module("export const base = 40;", "dep.js", None)
        .unwrap();
    let (more, _) = scope
        .compile_module("export const extra = 2;", "more.js", None)
        .unwrap();
    assert!(scope.module_requests(dep).is_empty());
    let dep = scope.global(dep);
    let more = scope.global(more);
    let main_global = scope.global(main);

    let mut asked = Vec::new();
    let mut resolve = resolver(|scope, specifier, referrer| {
        assert!(scope.same_module(referrer, main_global.get(scope)));
        assert_eq!(
            scope.module_identity_hash(referrer),
            scope.module_identity_hash(main_global.get(scope))
        );
        asked.push(specifier.to_string());
        match specifier {
            "./dep.js" => Ok(dep.get(scope)),
            "./more.js" => Ok(more.get(scope)),
            other => Err(format!("unknown {other}")),
        }
    });
    scope.instantiate_module(main, &mut resolve).unwrap();
    asked.sort();
    assert_eq!(asked, ["./dep.js", "./more.js"]);
    assert_eq!(scope.module_status(main), ModuleStatus::Instantiated);

    let evaluation = scope.evaluate_module(main).unwrap();
    assert_eq!(evaluation.kind(), Kind::Promise);
    isolate.run_microtasks();
    assert_eq!(
        scope.promise_state(evaluation),
        Some(PromiseState::Fulfilled)
    );
    assert_eq!(scope.module_status(main), ModuleStatus::Evaluated);
    let namespace = scope.module_namespace(main).unwrap();
    assert_eq!(
        scope.get(namespace, "default").unwrap().as_number(),
        Some(42.0)
    );
    assert_eq!(
        scope
            .string_value(scope.get(namespace, "named").unwrap())
            .as_deref(),
        Some("n")
    );
    assert!(scope.module_exception(main).is_none());
    assert!(!scope.same_module(main, dep.get(&scope)));
}

#[test]
fn module_resolver_error_fails_instantiation() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    let (main, _) = scope
        .compile_module(
            "import x from './missing.js';\nexport default x;",
            "main.js",
            None,
        )
        .unwrap();
    let mut resolve = resolver(|_, specifier, _| Err(format!("no module named {specifier}")));
    let Err(throw) = scope.instantiate_module(main, &mut resolve) else {
        panic!("instantiation should fail");
    };
    let exception = scope.describe(&throw).unwrap();
    assert!(
        exception.message.contains("no module named ./missing.js"),
        "{}",
        exception.message
    );
    assert_ne!(scope.module_status(main), ModuleStatus::Instantiated);
    // The isolate is still usable.
    assert_eq!(eval_number(&scope, "1 + 1"), 2.0);
}

#[test]
fn module_errors_show_up_as_errored_modules() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    // A syntax error is a compile error with a location.
    let Err(throw) = scope.compile_module("export const = 1;", "bad.mjs", None) else {
        panic!("compile should fail");
    };
    let exception = scope.describe(&throw).unwrap();
    assert!(
        exception.message.contains("SyntaxError"),
        "{}",
        exception.message
    );
    assert_eq!(exception.location.unwrap().resource, "bad.mjs");

    // A throwing module body rejects the evaluation promise.
    let (module, _) = scope
        .compile_module("throw new Error('module body');", "throw.mjs", None)
        .unwrap();
    let mut resolve = resolver(|_, _, _| Err("no imports expected".to_string()));
    scope.instantiate_module(module, &mut resolve).unwrap();
    let evaluation = scope.evaluate_module(module).unwrap();
    scope.mark_handled(evaluation);
    isolate.run_microtasks();
    assert_eq!(
        scope.promise_state(evaluation),
        Some(PromiseState::Rejected)
    );
    assert_eq!(scope.module_status(module), ModuleStatus::Errored);
    let error = scope.module_exception(module).unwrap();
    assert_eq!(scope.to_js_string(error).unwrap(), "Error: module body");
}

#[test]
fn modules_with_top_level_await() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    let (module, _) = scope
        .compile_module(
            "export let v = 1;\nawait null;\nv = await Promise.resolve(9);",
            "tla.mjs",
            None,
        )
        .unwrap();
    let mut resolve = resolver(|_, _, _| Err("no imports".to_string()));
    scope.instantiate_module(module, &mut resolve).unwrap();
    let evaluation = scope.evaluate_module(module).unwrap();
    assert_eq!(scope.promise_state(evaluation), Some(PromiseState::Pending));
    isolate.run_microtasks();
    assert_eq!(
        scope.promise_state(evaluation),
        Some(PromiseState::Fulfilled)
    );
    let namespace = scope.module_namespace(module).unwrap();
    assert_eq!(scope.get(namespace, "v").unwrap().as_number(), Some(9.0));
}

// ---- startup snapshots -------------------------------------------------------

#[test]
fn snapshots_restore_ops_and_bootstrap_data() {
    let snapshot = make_snapshot(OPS, |scope, ops| {
        scope.set(scope.global_object(), "ops", ops)?;
        let source = "globalThis.plus = (a, b) => ops.add(a, b);\n\
                      globalThis.counter = 0;\n\
                      ({ answer: ops.add(40, 2), label: 'from the bootstrap', args: ops.count_args(1, 2, 3) })";
        scope.eval(source, "bootstrap.js")
    })
    .expect("making the snapshot");
    assert!(!snapshot.is_empty());
    assert_eq!(snapshot.len(), snapshot.bytes().len());

    let restored: Vec<Isolate> = (0..2)
        .map(|_| {
            Isolate::new(
                OPS,
                IsolateOptions {
                    snapshot: Some(snapshot.clone()),
                    max_heap_bytes: 0,
                },
            )
        })
        .collect();
    drop(snapshot);
    for (index, isolate) in restored.iter().enumerate() {
        let scope = enter(isolate);
        assert_eq!(eval_number(&scope, "plus(2, 3)"), 5.0);
        assert_eq!(eval_number(&scope, "ops.add(0.5, 0.25)"), 0.75);
        assert_eq!(
            eval_string(&scope, "try { ops.reject() } catch (e) { e.message }"),
            "op_reject wants nothing"
        );
        assert_eq!(
            eval_string(&scope, "try { ops.explode() } catch (e) { e.message }"),
            "internal error in native function explode"
        );
        // Each isolate has its own heap.
        assert_eq!(eval_number(&scope, "++counter"), 1.0, "isolate {index}");

        let data = scope
            .take_snapshot_data()
            .expect("the bootstrap's data, once");
        assert_eq!(scope.get(data, "answer").unwrap().as_number(), Some(42.0));
        assert_eq!(scope.get(data, "args").unwrap().as_number(), Some(3.0));
        assert_eq!(
            scope
                .string_value(scope.get(data, "label").unwrap())
                .as_deref(),
            Some("from the bootstrap")
        );
        assert!(
            scope.take_snapshot_data().is_none(),
            "the data is given once"
        );
    }
    // A blank isolate has no snapshot data.
    let blank = blank_isolate();
    let scope = enter(&blank);
    assert!(scope.take_snapshot_data().is_none());
    assert_eq!(eval_string(&scope, "typeof plus"), "undefined");
}

#[test]
fn a_stored_snapshot_is_read_back_only_whole_and_under_its_key() {
    let snapshot = make_snapshot(OPS, |scope, _ops| scope.eval("({ n: 7 })", "boot.js"))
        .expect("making the snapshot");
    let key = SnapshotKey::new(OPS, b"boot.js v1").expect("this process is identified");
    assert_eq!(SnapshotKey::new(OPS, b"boot.js v1"), Some(key));
    let other_bootstrap = SnapshotKey::new(OPS, b"boot.js v2").unwrap();
    let other_ops = SnapshotKey::new(&OPS[1..], b"boot.js v1").unwrap();
    assert_ne!(other_bootstrap, key);
    assert_ne!(other_ops, key);
    assert_ne!(other_bootstrap.short_name(), key.short_name());

    let stored = snapshot.to_stored(&key);
    let restored = Snapshot::from_stored(stored.clone(), &key).expect("read back");
    assert_eq!(restored.bytes(), snapshot.bytes());
    assert!(Snapshot::from_stored(stored.clone(), &other_bootstrap).is_none());
    assert!(Snapshot::from_stored(stored.clone(), &other_ops).is_none());
    for cut in [0, 10, stored.len() / 2, stored.len() - 1] {
        assert!(
            Snapshot::from_stored(stored[..cut].to_vec(), &key).is_none(),
            "cut at {cut}"
        );
    }
    let mut longer = stored.clone();
    longer.push(0);
    assert!(Snapshot::from_stored(longer, &key).is_none());
    for at in [0, 8, 40, 48, stored.len() / 2, stored.len() - 1] {
        let mut damaged = stored.clone();
        damaged[at] ^= 0x10;
        assert!(Snapshot::from_stored(damaged, &key).is_none(), "byte {at}");
    }

    let isolate = Isolate::new(
        OPS,
        IsolateOptions {
            snapshot: Some(restored),
            max_heap_bytes: 0,
        },
    );
    let scope = enter(&isolate);
    let data = scope.take_snapshot_data().expect("the bootstrap's data");
    assert_eq!(scope.get(data, "n").unwrap().as_number(), Some(7.0));
}

// ---- code cache --------------------------------------------------------------

const CACHED_SCRIPT: &str =
    "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }\nfib(15)";
const CACHED_MODULE: &str = "function square(n) { return n * n }\nexport default square(12);";

#[test]
fn script_code_cache_round_trip() {
    let cache = {
        let isolate = blank_isolate();
        let scope = enter(&isolate);
        let (script, used) = scope.compile_script(CACHED_SCRIPT, "fib.js", None).unwrap();
        assert_eq!(used, CacheUse::None);
        assert_eq!(scope.run_script(script).unwrap().as_number(), Some(610.0));
        scope.script_code_cache(script).expect("a code cache")
    };
    assert!(!cache.is_empty());

    // Fresh isolates, so V8's own in-isolate compilation cache cannot answer.
    {
        let isolate = blank_isolate();
        let scope = enter(&isolate);
        let (script, used) = scope
            .compile_script(CACHED_SCRIPT, "fib.js", Some(&cache))
            .unwrap();
        assert_eq!(used, CacheUse::Accepted);
        assert_eq!(scope.run_script(script).unwrap().as_number(), Some(610.0));
    }
    {
        let isolate = blank_isolate();
        let scope = enter(&isolate);
        let garbage = vec![0xA5u8; cache.len()];
        let (script, used) = scope
            .compile_script(CACHED_SCRIPT, "fib.js", Some(&garbage))
            .unwrap();
        assert_eq!(used, CacheUse::Rejected);
        assert_eq!(scope.run_script(script).unwrap().as_number(), Some(610.0));
        let (script, used) = scope
            .compile_script("fib(10) + 1", "other.js", Some(b"short"))
            .unwrap();
        assert_eq!(used, CacheUse::Rejected);
        assert_eq!(scope.run_script(script).unwrap().as_number(), Some(56.0));
    }
    {
        // The cache of one source does not fit another.
        let isolate = blank_isolate();
        let scope = enter(&isolate);
        let (script, used) = scope
            .compile_script("40 + 2", "other.js", Some(&cache))
            .unwrap();
        assert_eq!(used, CacheUse::Rejected);
        assert_eq!(scope.run_script(script).unwrap().as_number(), Some(42.0));
    }
}

#[test]
fn module_code_cache_round_trip() {
    let no_imports = || resolver(|_, _, _| Err("no imports".to_string()));
    let cache = {
        let isolate = blank_isolate();
        let scope = enter(&isolate);
        let (module, _) = scope.compile_module(CACHED_MODULE, "sq.mjs", None).unwrap();
        scope
            .module_code_cache(module)
            .expect("a module code cache")
    };
    assert!(!cache.is_empty());
    for (offered, expected) in [
        (cache.clone(), CacheUse::Accepted),
        (vec![7u8; 64], CacheUse::Rejected),
    ] {
        let isolate = blank_isolate();
        let scope = enter(&isolate);
        let (module, used) = scope
            .compile_module(CACHED_MODULE, "sq.mjs", Some(&offered))
            .unwrap();
        assert_eq!(used, expected);
        scope.instantiate_module(module, &mut no_imports()).unwrap();
        scope.evaluate_module(module).unwrap();
        isolate.run_microtasks();
        let namespace = scope.module_namespace(module).unwrap();
        assert_eq!(
            scope.get(namespace, "default").unwrap().as_number(),
            Some(144.0)
        );
    }
}

// ---- heap limit and termination ------------------------------------------------

const ALLOCATION_LOOP: &str =
    "const keep = []; for (;;) { keep.push(new Array(10000).fill({ x: 1 })); }";

#[test]
fn heap_limit_terminates_instead_of_aborting() {
    let isolate = Isolate::new(
        OPS,
        IsolateOptions {
            snapshot: None,
            max_heap_bytes: 32 * 1024 * 1024,
        },
    );
    assert!(!isolate.heap_limit_reached());
    {
        let scope = enter(&isolate);
        let outcome = scope.eval(ALLOCATION_LOOP, "bomb.js");
        assert!(
            matches!(outcome, Err(Throw::Terminated)),
            "got {:?}",
            outcome.err()
        );
        assert!(scope.describe(&Throw::Terminated).is_none());
    }
    assert!(isolate.heap_limit_reached());
    drop(isolate);

    // The process survives and other isolates work.
    let other = blank_isolate();
    let scope = enter(&other);
    assert_eq!(
        eval_number(&scope, "[1, 2, 3].reduce((a, b) => a + b)"),
        6.0
    );
    assert!(!other.heap_limit_reached());
    let stats = other.heap_stats();
    assert!(stats.used_bytes > 0 && stats.used_bytes <= stats.total_bytes);
    assert!(stats.limit_bytes > 32 * 1024 * 1024);
}

#[test]
fn terminate_handle_stops_an_infinite_loop_from_another_thread() {
    let isolate = blank_isolate();
    let handle = isolate.terminate_handle();
    let scope = enter(&isolate);
    let context = scope.global(scope.context());
    let started = Instant::now();
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        handle.terminate()
    });
    let outcome = scope.eval("for (;;) {}", "spin.js");
    assert!(
        matches!(outcome, Err(Throw::Terminated)),
        "got {:?}",
        outcome.err()
    );
    assert!(killer.join().unwrap(), "terminate() reaches a live isolate");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(isolate.termination_requested());
    assert!(!isolate.heap_limit_reached());
    drop(scope);

    // cancel_termination lets JavaScript run again.
    isolate.cancel_termination();
    assert!(!isolate.termination_requested());
    let scope = Scope::with_context(&isolate, &context);
    assert_eq!(eval_number(&scope, "6 * 7"), 42.0);
}

#[test]
fn terminate_handle_is_send_and_outlives_the_isolate() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    let isolate = blank_isolate();
    let handle = isolate.terminate_handle();
    assert_send_sync(&handle);
    let clone = handle.clone();
    drop(isolate);
    assert!(!handle.terminate());
    let from_thread = std::thread::spawn(move || clone.terminate())
        .join()
        .unwrap();
    assert!(!from_thread);
}

#[test]
fn terminate_while_idle_affects_the_next_run_until_cancelled() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    assert!(isolate.terminate_handle().terminate());
    // The pending termination stops the next script.
    assert!(matches!(
        scope.eval("1 + 1", "t.js"),
        Err(Throw::Terminated)
    ));
    isolate.cancel_termination();
    assert_eq!(eval_number(&scope, "1 + 1"), 2.0);
}

#[test]
fn hot_code_is_optimised_on_the_isolate_thread_and_timed() {
    let isolate = blank_isolate();
    let scope = enter(&isolate);
    assert_eq!(optimising_time_of_this_thread(), Duration::ZERO);
    // A loop over a typed array's `length`: the code that V8 10.2 only
    // optimises well on the isolate's thread.
    let sum = eval_number(
        &scope,
        "function fill(seed) {
           const bytes = new Uint8Array(256);
           for (let i = 0; i < bytes.length; i++) bytes[i] = (seed + i) & 0xff;
           return bytes[7];
         }
         let sum = 0;
         for (let k = 0; k < 20000; k++) sum += fill(k);
         sum",
    );
    assert_eq!(
        sum,
        (0..20000).map(|k| ((k + 7) & 0xff) as f64).sum::<f64>()
    );
    assert!(
        optimising_time_of_this_thread() > Duration::ZERO,
        "no optimising compile was timed"
    );
}
