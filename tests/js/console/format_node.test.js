// util.format conformance: each case prints its arguments with
// `console.log(...args)`, which is `format(...args)`, and expects Node
// v20.20.2's `util.format` output for the same arguments, captured from Node
// as literals.

test("format 'hello'", () => {
  assertFormat("hello",
    'hello');
});
test("format 'a', 'b', 1", () => {
  assertFormat("a b 1",
    'a', 'b', 1);
});
test("format '%s', 'str'", () => {
  assertFormat("str",
    '%s', 'str');
});
test("format '%s', 42", () => {
  assertFormat("42",
    '%s', 42);
});
test("format '%s', -0", () => {
  assertFormat("-0",
    '%s', -0);
});
test("format '%s', 5n", () => {
  assertFormat("5n",
    '%s', 5n);
});
test("format '%s', { a: { b: 1 } }", () => {
  assertFormat("{ a: [Object] }",
    '%s', { a: { b: 1 } });
});
test("format '%s', [1, [2, [3]]]", () => {
  assertFormat("[ 1, [Array] ]",
    '%s', [1, [2, [3]]]);
});
test("format '%s', null", () => {
  assertFormat("null",
    '%s', null);
});
test("format '%s', undefined", () => {
  assertFormat("undefined",
    '%s', undefined);
});
test("format '%s', Symbol('x')", () => {
  assertFormat("Symbol(x)",
    '%s', Symbol('x'));
});
test("format '%s', { toString() { return 'custom'; } }", () => {
  assertFormat("custom",
    '%s', { toString() { return 'custom'; } });
});
test("format '%s', (() => { class A { toString() { return 'A!'; } } return new A(); })()", () => {
  assertFormat("A!",
    '%s', (() => { class A { toString() { return 'A!'; } } return new A(); })());
});
test("format '%s', (() => { class A {} return new A(); })()", () => {
  assertFormat("A {}",
    '%s', (() => { class A {} return new A(); })());
});
test("format '%s', new Date(0)", () => {
  assertFormat("1970-01-01T00:00:00.000Z",
    '%s', new Date(0));
});
test("format '%s', () => 1", () => {
  assertFormat("() => 1",
    '%s', () => 1);
});
test("format '%d', '42'", () => {
  assertFormat("42",
    '%d', '42');
});
test("format '%d', 3.7", () => {
  assertFormat("3.7",
    '%d', 3.7);
});
test("format '%d', 10n", () => {
  assertFormat("10n",
    '%d', 10n);
});
test("format '%d', {}", () => {
  assertFormat("NaN",
    '%d', {});
});
test("format '%d', Symbol()", () => {
  assertFormat("NaN",
    '%d', Symbol());
});
test("format '%d', -0", () => {
  assertFormat("-0",
    '%d', -0);
});
test("format '%i', '42.9abc'", () => {
  assertFormat("42",
    '%i', '42.9abc');
});
test("format '%i', 7n", () => {
  assertFormat("7n",
    '%i', 7n);
});
test("format '%f', '3.25x'", () => {
  assertFormat("3.25",
    '%f', '3.25x');
});
test("format '%f', Symbol()", () => {
  assertFormat("NaN",
    '%f', Symbol());
});
test("format '%j', { a: [1] }", () => {
  assertFormat("{\"a\":[1]}",
    '%j', { a: [1] });
});
test("format '%j', (() => { const o = {}; o.o = o; return o; })()", () => {
  assertFormat("[Circular]",
    '%j', (() => { const o = {}; o.o = o; return o; })());
});
test("format '%j', undefined", () => {
  assertFormat("undefined",
    '%j', undefined);
});
test("format '%o', { a: [1, 2] }", () => {
  assertFormat("{ a: [ 1, 2, [length]: 2 ] }",
    '%o', { a: [1, 2] });
});
test("format '%o', [1]", () => {
  assertFormat("[ 1, [length]: 1 ]",
    '%o', [1]);
});
test("format '%O', { a: { b: { c: { d: 1 } } } }", () => {
  assertFormat("{ a: { b: { c: [Object] } } }",
    '%O', { a: { b: { c: { d: 1 } } } });
});
test("format '%c styled', 'color: red'", () => {
  assertFormat(" styled",
    '%c styled', 'color: red');
});
test("format '100%% sure'", () => {
  assertFormat("100%% sure",
    '100%% sure');
});
test("format '100%% sure', 1", () => {
  assertFormat("100% sure 1",
    '100%% sure', 1);
});
test("format '%s %s', 'only'", () => {
  assertFormat("only %s",
    '%s %s', 'only');
});
test("format '%x %s', 'y'", () => {
  assertFormat("%x y",
    '%x %s', 'y');
});
test("format '%', 1", () => {
  assertFormat("% 1",
    '%', 1);
});
test("format 'a%'", () => {
  assertFormat("a%",
    'a%');
});
test("format '%s'", () => {
  assertFormat("%s",
    '%s');
});
test("format '%s:%s', 'a', 'b', 'c', { d: 1 }", () => {
  assertFormat("a:b c { d: 1 }",
    '%s:%s', 'a', 'b', 'c', { d: 1 });
});
test("format 1, 'x', { y: 2 }", () => {
  assertFormat("1 x { y: 2 }",
    1, 'x', { y: 2 });
});
test("format { a: 1 }, 'str'", () => {
  assertFormat("{ a: 1 } str",
    { a: 1 }, 'str');
});
test("format ", () => {
  assertFormat("",
    );
});
test("format null", () => {
  assertFormat("null",
    null);
});
test("format 'x\\ny', 'multi\\nline'", () => {
  assertFormat("x\ny multi\nline",
    'x\ny', 'multi\nline');
});
test("format '%s', 'a\\nb'", () => {
  assertFormat("a\nb",
    '%s', 'a\nb');
});
test("format '%s', Object.create(null)", () => {
  assertFormat("[Object: null prototype] {}",
    '%s', Object.create(null));
});
test("format '%s', new Map([[1, 2]])", () => {
  assertFormat("Map(1) { 1 => 2 }",
    '%s', new Map([[1, 2]]));
});
test("format '%s', [1, 2, 'a']", () => {
  assertFormat("[ 1, 2, 'a' ]",
    '%s', [1, 2, 'a']);
});
test("format '%o', function f() {}", () => {
  assertFormat("<ref *1> [Function: f] {\n  [length]: 0,\n  [name]: 'f',\n  [arguments]: null,\n  [caller]: null,\n  [prototype]: { [constructor]: [Circular *1] }\n}",
    '%o', function f() {});
});
test("format '%s', new Proxy({ a: 1 }, {})", () => {
  assertFormat("{ a: 1 }",
    '%s', new Proxy({ a: 1 }, {}));
});
test("format '%s %O', { a: 1 }, { b: { c: { d: { e: 1 } } } }", () => {
  assertFormat("{ a: 1 } { b: { c: { d: [Object] } } }",
    '%s %O', { a: 1 }, { b: { c: { d: { e: 1 } } } });
});
test("format '%s', { a: 1, toString: 5 }", () => {
  assertFormat("{ a: 1, toString: 5 }",
    '%s', { a: 1, toString: 5 });
});
test("format '%%s %s', 'z'", () => {
  assertFormat("%s z",
    '%%s %s', 'z');
});
test("format '%s', Object.assign(new Error('e'), { stack: 'Error: e\\n    at f (f:1:1)' })", () => {
  assertFormat("Error: e\n    at f (f:1:1)",
    '%s', Object.assign(new Error('e'), { stack: 'Error: e\n    at f (f:1:1)' }));
});
