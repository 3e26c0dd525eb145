use nano::v8::*;

fn op_add<'s>(call: &OpCall<'s>) -> JsResult<'s, ()> {
    let a = call.number_arg(0, "a")?;
    let b = call.number_arg(1, "b")?;
    call.set_return(call.scope.number(a + b));
    Ok(())
}

static OPS: &[OpDecl] = &[OpDecl { name: "add", func: op_add }];

#[test]
fn smoke() {
    let snapshot = make_snapshot(OPS, |scope, ops| {
        let global = scope.global_object();
        scope.set(global, "ops", ops)?;
        scope.eval("globalThis.plus = (a, b) => ops.add(a, b) * 1; ({ hook: 42 })", "boot.js")
    })
    .unwrap();
    eprintln!("snapshot {} bytes", snapshot.len());
    let isolate = Isolate::new(OPS, IsolateOptions { snapshot: Some(snapshot), max_heap_bytes: 0 });
    let scope = Scope::new(&isolate);
    let ctx = scope.new_context();
    scope.enter_context(ctx);
    let v = scope.eval("plus(2, 3)", "t.js").unwrap();
    assert_eq!(v.as_number(), Some(5.0));
    let data = scope.take_snapshot_data().unwrap();
    assert_eq!(scope.get(data, "hook").unwrap().as_number(), Some(42.0));
    assert!(scope.take_snapshot_data().is_none());
}
