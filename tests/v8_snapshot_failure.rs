//! A snapshot whose bootstrap fails must be reported as an error, not abort
//! the process. Kept in its own test binary: while the bug it covers is
//! present, V8 aborts the whole process (SIGTRAP in
//! `SnapshotCreator::CreateBlob`), which would hide every other result.

use nano::v8::*;

fn op_nop<'s>(_call: &OpCall<'s>) -> JsResult<'s, ()> {
    Ok(())
}

static OPS: &[OpDecl] = &[OpDecl {
    name: "nop",
    func: op_nop,
}];

#[test]
fn failing_bootstrap_is_an_error_not_an_abort() {
    let Err(error) = make_snapshot(OPS, |scope, _ops| {
        scope.eval("throw new Error('bad boot')", "boot.js")
    }) else {
        panic!("the snapshot should fail");
    };
    match &error {
        SnapshotError::Bootstrap(exception) => {
            assert_eq!(exception.message, "Uncaught Error: bad boot")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(error.to_string().contains("bad boot"));

    // The process is still able to make and use snapshots.
    let snapshot =
        make_snapshot(OPS, |scope, _ops| scope.eval("({ ok: true })", "boot.js")).unwrap();
    let isolate = Isolate::new(
        OPS,
        IsolateOptions {
            snapshot: Some(snapshot),
            max_heap_bytes: 0,
        },
    );
    let scope = Scope::new(&isolate);
    let context = scope.new_context();
    scope.enter_context(context);
    let data = scope.take_snapshot_data().unwrap();
    assert_eq!(scope.get(data, "ok").unwrap().as_bool(), Some(true));
}
