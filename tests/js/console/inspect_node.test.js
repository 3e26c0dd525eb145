// util.inspect conformance: each case prints a value with
// `console.dir(value, { customInspect: true, ...options })`, which is
// `inspect(value, options)`, and expects Node v20.20.2's `util.inspect`
// output for the same value and options, captured from Node as literals.

test("inspect 1", () => {
  assertInspect("1",
    1);
});
test("inspect -0", () => {
  assertInspect("-0",
    -0);
});
test("inspect 0", () => {
  assertInspect("0",
    0);
});
test("inspect NaN", () => {
  assertInspect("NaN",
    NaN);
});
test("inspect -Infinity", () => {
  assertInspect("-Infinity",
    -Infinity);
});
test("inspect 1.5e300", () => {
  assertInspect("1.5e+300",
    1.5e300);
});
test("inspect 123n", () => {
  assertInspect("123n",
    123n);
});
test("inspect -5n", () => {
  assertInspect("-5n",
    -5n);
});
test("inspect true", () => {
  assertInspect("true",
    true);
});
test("inspect undefined", () => {
  assertInspect("undefined",
    undefined);
});
test("inspect null", () => {
  assertInspect("null",
    null);
});
test("inspect Symbol('a')", () => {
  assertInspect("Symbol(a)",
    Symbol('a'));
});
test("inspect Symbol()", () => {
  assertInspect("Symbol()",
    Symbol());
});
test("inspect Symbol.iterator", () => {
  assertInspect("Symbol(Symbol.iterator)",
    Symbol.iterator);
});
test("inspect Symbol('a b\\n')", () => {
  assertInspect("Symbol(a b\n)",
    Symbol('a b\n'));
});
test("inspect 'abc'", () => {
  assertInspect("'abc'",
    'abc');
});
test("inspect ''", () => {
  assertInspect("''",
    '');
});
test("inspect \"it's\"", () => {
  assertInspect("\"it's\"",
    "it's");
});
test("inspect 'say \"hi\" it\\'s'", () => {
  assertInspect("`say \"hi\" it's`",
    'say "hi" it\'s');
});
test("inspect 'a\\'b\"c`d'", () => {
  assertInspect("'a\\'b\"c`d'",
    'a\'b"c`d');
});
test("inspect 'a\\'b\"c${d}'", () => {
  assertInspect("'a\\'b\"c${d}'",
    'a\'b"c${d}');
});
test("inspect 'tab\\there\\nnew\\u0001\\u007f\\u0085\\\\'", () => {
  assertInspect("'tab\\there\\nnew\\x01\\x7F\\x85\\\\'",
    'tab\there\nnew\u0001\u007f\u0085\\');
});
test("inspect '\\ud83d\\ude00 ok'", () => {
  assertInspect("'😀 ok'",
    '\ud83d\ude00 ok');
});
test("inspect 'lone \\ud83d x'", () => {
  assertInspect("'lone \\ud83d x'",
    'lone \ud83d x');
});
test("inspect 'lone \\ude00 x'", () => {
  assertInspect("'lone \\ude00 x'",
    'lone \ude00 x');
});
test("inspect 'x'.repeat(100)", () => {
  assertInspect("'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'",
    'x'.repeat(100));
});
test("inspect 'line one is long enough\\nline two is also long\\nthree'", () => {
  assertInspect("'line one is long enough\\nline two is also long\\nthree'",
    'line one is long enough\nline two is also long\nthree');
});
test("inspect { s: 'line one is long enough here\\nline two is also long and then some more text' }", () => {
  assertInspect("{\n  s: 'line one is long enough here\\nline two is also long and then some more text'\n}",
    { s: 'line one is long enough here\nline two is also long and then some more text' });
});
test("inspect 'short\\nlines'", () => {
  assertInspect("'short\\nlines'",
    'short\nlines');
});
test("inspect 'x'.repeat(30) { maxStringLength: 10 }", () => {
  assertInspect("'xxxxxxxxxx'... 20 more characters",
    'x'.repeat(30), { maxStringLength: 10 });
});
test("inspect ['abcdef'] { maxStringLength: 2 }", () => {
  assertInspect("[ 'ab'... 4 more characters ]",
    ['abcdef'], { maxStringLength: 2 });
});
test("inspect function foo() {}", () => {
  assertInspect("[Function: foo]",
    function foo() {});
});
test("inspect function () {}", () => {
  assertInspect("[Function (anonymous)]",
    function () {});
});
test("inspect () => {}", () => {
  assertInspect("[Function (anonymous)]",
    () => {});
});
test("inspect async function af() {}", () => {
  assertInspect("[AsyncFunction: af]",
    async function af() {});
});
test("inspect function* gen() {}", () => {
  assertInspect("[GeneratorFunction: gen]",
    function* gen() {});
});
test("inspect async function* ag() {}", () => {
  assertInspect("[AsyncGeneratorFunction: ag]",
    async function* ag() {});
});
test("inspect class Foo {}", () => {
  assertInspect("[class Foo]",
    class Foo {});
});
test("inspect class {}", () => {
  assertInspect("[class (anonymous)]",
    class {});
});
test("inspect (() => { class A {} class B extends A {} return B; })()", () => {
  assertInspect("[class B extends A]",
    (() => { class A {} class B extends A {} return B; })());
});
test("inspect (() => { function f() {} f.x = 1; return f; })()", () => {
  assertInspect("[Function: f] { x: 1 }",
    (() => { function f() {} f.x = 1; return f; })());
});
test("inspect Math.max", () => {
  assertInspect("[Function: max]",
    Math.max);
});
test("inspect { m() {}, async am() {}, *g() {}, ['class']() {} }", () => {
  assertInspect("{\n  m: [Function: m],\n  am: [AsyncFunction: am],\n  g: [GeneratorFunction: g],\n  class: [Function: class]\n}",
    { m() {}, async am() {}, *g() {}, ['class']() {} });
});
test("inspect (() => { const f = function () {}; Object.setPrototypeOf(f, null); return f; })()", () => {
  assertInspect("[Function (null prototype): f]",
    (() => { const f = function () {}; Object.setPrototypeOf(f, null); return f; })());
});
test("inspect Object.assign(class Q {}, { y: 2 })", () => {
  assertInspect("[class Q] { y: 2 }",
    Object.assign(class Q {}, { y: 2 }));
});
test("inspect []", () => {
  assertInspect("[]",
    []);
});
test("inspect [1, 2, 3]", () => {
  assertInspect("[ 1, 2, 3 ]",
    [1, 2, 3]);
});
test("inspect [1, 'a', null, undefined]", () => {
  assertInspect("[ 1, 'a', null, undefined ]",
    [1, 'a', null, undefined]);
});
test("inspect [[1, [2, [3, [4]]]]]", () => {
  assertInspect("[ [ 1, [ 2, [Array] ] ] ]",
    [[1, [2, [3, [4]]]]]);
});
test("inspect [ , 1, , , 2, , ]", () => {
  assertInspect("[ <1 empty item>, 1, <2 empty items>, 2, <1 empty item> ]",
    [ , 1, , , 2, , ]);
});
test("inspect new Array(5)", () => {
  assertInspect("[ <5 empty items> ]",
    new Array(5));
});
test("inspect [1, , 3]", () => {
  assertInspect("[ 1, <1 empty item>, 3 ]",
    [1, , 3]);
});
test("inspect new Array(1)", () => {
  assertInspect("[ <1 empty item> ]",
    new Array(1));
});
test("inspect Array.from({ length: 7 }, (_, i) => i)", () => {
  assertInspect("[\n  0, 1, 2, 3,\n  4, 5, 6\n]",
    Array.from({ length: 7 }, (_, i) => i));
});
test("inspect Array.from({ length: 26 }, (_, i) => i * 3)", () => {
  assertInspect("[\n   0,  3,  6,  9, 12, 15, 18, 21,\n  24, 27, 30, 33, 36, 39, 42, 45,\n  48, 51, 54, 57, 60, 63, 66, 69,\n  72, 75\n]",
    Array.from({ length: 26 }, (_, i) => i * 3));
});
test("inspect Array.from({ length: 120 }, (_, i) => i)", () => {
  assertInspect("[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n  96, 97, 98, 99,\n  ... 20 more items\n]",
    Array.from({ length: 120 }, (_, i) => i));
});
test("inspect Array.from({ length: 101 }, () => 'ab')", () => {
  assertInspect("[\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',\n  ... 1 more item\n]",
    Array.from({ length: 101 }, () => 'ab'));
});
test("inspect Array.from({ length: 30 }, (_, i) => 'item' + i)", () => {
  assertInspect("[\n  'item0',  'item1',  'item2',\n  'item3',  'item4',  'item5',\n  'item6',  'item7',  'item8',\n  'item9',  'item10', 'item11',\n  'item12', 'item13', 'item14',\n  'item15', 'item16', 'item17',\n  'item18', 'item19', 'item20',\n  'item21', 'item22', 'item23',\n  'item24', 'item25', 'item26',\n  'item27', 'item28', 'item29'\n]",
    Array.from({ length: 30 }, (_, i) => 'item' + i));
});
test("inspect Array.from({ length: 10 }, (_, i) => i % 2 ? 'x' : i)", () => {
  assertInspect("[\n  0,   'x', 2,   'x', 4,\n  'x', 6,   'x', 8,   'x'\n]",
    Array.from({ length: 10 }, (_, i) => i % 2 ? 'x' : i));
});
test("inspect Array.from({ length: 8 }, (_, i) => ({ i }))", () => {
  assertInspect("[\n  { i: 0 }, { i: 1 },\n  { i: 2 }, { i: 3 },\n  { i: 4 }, { i: 5 },\n  { i: 6 }, { i: 7 }\n]",
    Array.from({ length: 8 }, (_, i) => ({ i })));
});
test("inspect Array.from({ length: 7 }, (_, i) => 10n ** BigInt(i))", () => {
  assertInspect("[ 1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n ]",
    Array.from({ length: 7 }, (_, i) => 10n ** BigInt(i)));
});
test("inspect Array.from({ length: 30 }, (_, i) => 'w'.repeat(i % 7))", () => {
  assertInspect("[\n  '',       'w',      'ww',     'www',\n  'wwww',   'wwwww',  'wwwwww', '',\n  'w',      'ww',     'www',    'wwww',\n  'wwwww',  'wwwwww', '',       'w',\n  'ww',     'www',    'wwww',   'wwwww',\n  'wwwwww', '',       'w',      'ww',\n  'www',    'wwww',   'wwwww',  'wwwwww',\n  '',       'w'\n]",
    Array.from({ length: 30 }, (_, i) => 'w'.repeat(i % 7)));
});
test("inspect Array.from({ length: 200 })", () => {
  assertInspect("[\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined, undefined, undefined,\n  undefined, undefined, undefined, undefined,\n  ... 100 more items\n]",
    Array.from({ length: 200 }));
});
test("inspect (() => { const a = [1, 2]; a.extra = 'x'; a[-1] = 0; return a; })()", () => {
  assertInspect("[ 1, 2, extra: 'x', '-1': 0 ]",
    (() => { const a = [1, 2]; a.extra = 'x'; a[-1] = 0; return a; })());
});
test("inspect (() => { const a = new Array(300); a[5] = 1; a[250] = 2; return a; })()", () => {
  assertInspect("[ <5 empty items>, 1, <244 empty items>, 2, <49 empty items> ]",
    (() => { const a = new Array(300); a[5] = 1; a[250] = 2; return a; })());
});
test("inspect (() => { class MyArr extends Array {} return MyArr.from([1, 2]); })()", () => {
  assertInspect("MyArr(2) [ 1, 2 ]",
    (() => { class MyArr extends Array {} return MyArr.from([1, 2]); })());
});
test("inspect [1, 2, 3] { maxArrayLength: 2 }", () => {
  assertInspect("[ 1, 2, ... 1 more item ]",
    [1, 2, 3], { maxArrayLength: 2 });
});
test("inspect [1, 2, 3] { maxArrayLength: 0 }", () => {
  assertInspect("[ ... 3 more items ]",
    [1, 2, 3], { maxArrayLength: 0 });
});
test("inspect [[[[[]]]]]", () => {
  assertInspect("[ [ [ [Array] ] ] ]",
    [[[[[]]]]]);
});
test("inspect [{ a: { b: { c: { d: 1 } } } }]", () => {
  assertInspect("[ { a: { b: [Object] } } ]",
    [{ a: { b: { c: { d: 1 } } } }]);
});
test("inspect (function () { return arguments; })(1, 'a')", () => {
  assertInspect("[Arguments] { '0': 1, '1': 'a' }",
    (function () { return arguments; })(1, 'a'));
});
test("inspect (function () { return arguments; })()", () => {
  assertInspect("[Arguments] {}",
    (function () { return arguments; })());
});
test("inspect new Uint8Array([1, 2, 3])", () => {
  assertInspect("Uint8Array(3) [ 1, 2, 3 ]",
    new Uint8Array([1, 2, 3]));
});
test("inspect new Uint8Array(0)", () => {
  assertInspect("Uint8Array(0) []",
    new Uint8Array(0));
});
test("inspect new Float64Array([-0, 1.5, NaN])", () => {
  assertInspect("Float64Array(3) [ -0, 1.5, NaN ]",
    new Float64Array([-0, 1.5, NaN]));
});
test("inspect new BigInt64Array([1n, -2n])", () => {
  assertInspect("BigInt64Array(2) [ 1n, -2n ]",
    new BigInt64Array([1n, -2n]));
});
test("inspect new Uint8Array(120)", () => {
  assertInspect("Uint8Array(120) [\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0,\n  ... 20 more items\n]",
    new Uint8Array(120));
});
test("inspect new Int16Array(20)", () => {
  assertInspect("Int16Array(20) [\n  0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0, 0\n]",
    new Int16Array(20));
});
test("inspect new Uint8Array([1, 2]).buffer", () => {
  assertInspect("ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 }",
    new Uint8Array([1, 2]).buffer);
});
test("inspect new ArrayBuffer(0)", () => {
  assertInspect("ArrayBuffer { [Uint8Contents]: <>, byteLength: 0 }",
    new ArrayBuffer(0));
});
test("inspect new ArrayBuffer(120)", () => {
  assertInspect("ArrayBuffer {\n  [Uint8Contents]: <00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... 20 more bytes>,\n  byteLength: 120\n}",
    new ArrayBuffer(120));
});
test("inspect new DataView(new ArrayBuffer(2))", () => {
  assertInspect("DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}",
    new DataView(new ArrayBuffer(2)));
});
test("inspect new DataView(new ArrayBuffer(4), 1, 2)", () => {
  assertInspect("DataView {\n  byteLength: 2,\n  byteOffset: 1,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00 00 00>, byteLength: 4 }\n}",
    new DataView(new ArrayBuffer(4), 1, 2));
});
test("inspect { buf: new Uint8Array([255, 16]).buffer }", () => {
  assertInspect("{ buf: ArrayBuffer { [Uint8Contents]: <ff 10>, byteLength: 2 } }",
    { buf: new Uint8Array([255, 16]).buffer });
});
test("inspect (() => { const u = new Uint8Array(2); u.foo = 1; return u; })()", () => {
  assertInspect("Uint8Array(2) [ 0, 0, foo: 1 ]",
    (() => { const u = new Uint8Array(2); u.foo = 1; return u; })());
});
test("inspect new Uint8Array([1, 2]) { showHidden: true }", () => {
  assertInspect("Uint8Array(2) [\n  1,\n  2,\n  [BYTES_PER_ELEMENT]: 1,\n  [length]: 2,\n  [byteLength]: 2,\n  [byteOffset]: 0,\n  [buffer]: ArrayBuffer { byteLength: 2 }\n]",
    new Uint8Array([1, 2]), { showHidden: true });
});
test("inspect new SharedArrayBuffer(2)", () => {
  assertInspect("SharedArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }",
    new SharedArrayBuffer(2));
});
test("inspect new Map([['a', 1]])", () => {
  assertInspect("Map(1) { 'a' => 1 }",
    new Map([['a', 1]]));
});
test("inspect new Map()", () => {
  assertInspect("Map(0) {}",
    new Map());
});
test("inspect new Set()", () => {
  assertInspect("Set(0) {}",
    new Set());
});
test("inspect new Set([1, 'two', [3]])", () => {
  assertInspect("Set(3) { 1, 'two', [ 3 ] }",
    new Set([1, 'two', [3]]));
});
test("inspect new Map([[{ k: 1 }, new Set([1])], [NaN, null]])", () => {
  assertInspect("Map(2) { { k: 1 } => Set(1) { 1 }, NaN => null }",
    new Map([[{ k: 1 }, new Set([1])], [NaN, null]]));
});
test("inspect new WeakMap()", () => {
  assertInspect("WeakMap { <items unknown> }",
    new WeakMap());
});
test("inspect new WeakSet()", () => {
  assertInspect("WeakSet { <items unknown> }",
    new WeakSet());
});
test("inspect (() => { const m = new Map([[1, 2]]); m.extra = true; return m; })()", () => {
  assertInspect("Map(1) { 1 => 2, extra: true }",
    (() => { const m = new Map([[1, 2]]); m.extra = true; return m; })());
});
test("inspect new Set(Array.from({ length: 120 }, (_, i) => i))", () => {
  assertInspect("Set(120) {\n  0,\n  1,\n  2,\n  3,\n  4,\n  5,\n  6,\n  7,\n  8,\n  9,\n  10,\n  11,\n  12,\n  13,\n  14,\n  15,\n  16,\n  17,\n  18,\n  19,\n  20,\n  21,\n  22,\n  23,\n  24,\n  25,\n  26,\n  27,\n  28,\n  29,\n  30,\n  31,\n  32,\n  33,\n  34,\n  35,\n  36,\n  37,\n  38,\n  39,\n  40,\n  41,\n  42,\n  43,\n  44,\n  45,\n  46,\n  47,\n  48,\n  49,\n  50,\n  51,\n  52,\n  53,\n  54,\n  55,\n  56,\n  57,\n  58,\n  59,\n  60,\n  61,\n  62,\n  63,\n  64,\n  65,\n  66,\n  67,\n  68,\n  69,\n  70,\n  71,\n  72,\n  73,\n  74,\n  75,\n  76,\n  77,\n  78,\n  79,\n  80,\n  81,\n  82,\n  83,\n  84,\n  85,\n  86,\n  87,\n  88,\n  89,\n  90,\n  91,\n  92,\n  93,\n  94,\n  95,\n  96,\n  97,\n  98,\n  99,\n  ... 20 more items\n}",
    new Set(Array.from({ length: 120 }, (_, i) => i)));
});
test("inspect new Map(Array.from({ length: 30 }, (_, i) => ['key' + i, i]))", () => {
  assertInspect("Map(30) {\n  'key0' => 0,\n  'key1' => 1,\n  'key2' => 2,\n  'key3' => 3,\n  'key4' => 4,\n  'key5' => 5,\n  'key6' => 6,\n  'key7' => 7,\n  'key8' => 8,\n  'key9' => 9,\n  'key10' => 10,\n  'key11' => 11,\n  'key12' => 12,\n  'key13' => 13,\n  'key14' => 14,\n  'key15' => 15,\n  'key16' => 16,\n  'key17' => 17,\n  'key18' => 18,\n  'key19' => 19,\n  'key20' => 20,\n  'key21' => 21,\n  'key22' => 22,\n  'key23' => 23,\n  'key24' => 24,\n  'key25' => 25,\n  'key26' => 26,\n  'key27' => 27,\n  'key28' => 28,\n  'key29' => 29\n}",
    new Map(Array.from({ length: 30 }, (_, i) => ['key' + i, i])));
});
test("inspect (() => { class MyMap extends Map {} return new MyMap([[1, 1]]); })()", () => {
  assertInspect("MyMap(1) [Map] { 1 => 1 }",
    (() => { class MyMap extends Map {} return new MyMap([[1, 1]]); })());
});
test("inspect { m: { n: { o: new Map([[1, 2]]) } } }", () => {
  assertInspect("{ m: { n: { o: [Map] } } }",
    { m: { n: { o: new Map([[1, 2]]) } } });
});
test("inspect { m: { n: { o: new Map() } } }", () => {
  assertInspect("{ m: { n: { o: Map(0) {} } } }",
    { m: { n: { o: new Map() } } });
});
test("inspect new Date(0)", () => {
  assertInspect("1970-01-01T00:00:00.000Z",
    new Date(0));
});
test("inspect new Date(NaN)", () => {
  assertInspect("Invalid Date",
    new Date(NaN));
});
test("inspect { d: new Date(86400000) }", () => {
  assertInspect("{ d: 1970-01-02T00:00:00.000Z }",
    { d: new Date(86400000) });
});
test("inspect (() => { const d = new Date(0); d.x = 1; return d; })()", () => {
  assertInspect("1970-01-01T00:00:00.000Z { x: 1 }",
    (() => { const d = new Date(0); d.x = 1; return d; })());
});
test("inspect /ab+c/gi", () => {
  assertInspect("/ab+c/gi",
    /ab+c/gi);
});
test("inspect new RegExp('a/b')", () => {
  assertInspect("/a\\/b/",
    new RegExp('a/b'));
});
test("inspect (() => { const r = /x/; r.y = 1; return r; })()", () => {
  assertInspect("/x/ { y: 1 }",
    (() => { const r = /x/; r.y = 1; return r; })());
});
test("inspect (() => { class R extends RegExp {} return new R('q', 'm'); })()", () => {
  assertInspect("R /q/m",
    (() => { class R extends RegExp {} return new R('q', 'm'); })());
});
test("inspect (() => { const e = new Error('boom'); e.stack = 'Error: boom\\n    at f (file.js:1:1)\\n    at g (file.js:2:2)'; return e; })()", () => {
  assertInspect("Error: boom\n    at f (file.js:1:1)\n    at g (file.js:2:2)",
    (() => { const e = new Error('boom'); e.stack = 'Error: boom\n    at f (file.js:1:1)\n    at g (file.js:2:2)'; return e; })());
});
test("inspect (() => { const e = new Error('boom'); e.stack = 'Error: boom\\n    at f (file.js:1:1)'; e.code = 'X'; return e; })()", () => {
  assertInspect("Error: boom\n    at f (file.js:1:1) {\n  code: 'X'\n}",
    (() => { const e = new Error('boom'); e.stack = 'Error: boom\n    at f (file.js:1:1)'; e.code = 'X'; return e; })());
});
test("inspect (() => { const e = new TypeError('bad'); e.stack = 'TypeError: bad'; return e; })()", () => {
  assertInspect("[TypeError: bad]",
    (() => { const e = new TypeError('bad'); e.stack = 'TypeError: bad'; return e; })());
});
test("inspect (() => { const e = new Error('x'); e.stack = ''; return e; })()", () => {
  assertInspect("[Error: x]",
    (() => { const e = new Error('x'); e.stack = ''; return e; })());
});
test("inspect (() => { const e = new Error('x'); delete e.stack; e.code = 7; return e; })()", () => {
  assertInspect("[Error: x] { code: 7 }",
    (() => { const e = new Error('x'); delete e.stack; e.code = 7; return e; })());
});
test("inspect (() => { class MyError extends Error {} const e = new MyError('m'); e.stack = 'Error: m\\n    at a (b:1:1)'; return e; })()", () => {
  assertInspect("MyError: m\n    at a (b:1:1)",
    (() => { class MyError extends Error {} const e = new MyError('m'); e.stack = 'Error: m\n    at a (b:1:1)'; return e; })());
});
test("inspect (() => { class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } } const e = new MyError('m'); e.stack = 'MyError: m\\n    at a (b:1:1)'; return e; })()", () => {
  assertInspect("MyError: m\n    at a (b:1:1)",
    (() => { class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } } const e = new MyError('m'); e.stack = 'MyError: m\n    at a (b:1:1)'; return e; })());
});
test("inspect (() => { const e = new Error('outer', { cause: 'inner' }); e.stack = 'Error: outer\\n    at x (y:1:1)'; return e; })()", () => {
  assertInspect("Error: outer\n    at x (y:1:1) {\n  [cause]: 'inner'\n}",
    (() => { const e = new Error('outer', { cause: 'inner' }); e.stack = 'Error: outer\n    at x (y:1:1)'; return e; })());
});
test("inspect (() => { const c = new Error('inner'); c.stack = 'Error: inner\\n    at a (f:1:1)'; const e = new Error('outer', { cause: c }); e.stack = 'Error: outer\\n    at b (f:2:2)'; return e; })()", () => {
  assertInspect("Error: outer\n    at b (f:2:2) {\n  [cause]: Error: inner\n      at a (f:1:1)\n}",
    (() => { const c = new Error('inner'); c.stack = 'Error: inner\n    at a (f:1:1)'; const e = new Error('outer', { cause: c }); e.stack = 'Error: outer\n    at b (f:2:2)'; return e; })());
});
test("inspect (() => { const c = new Error('inner'); c.stack = 'Error: inner\\n    at a (f:1:1)\\n    at s1 (f:3:1)\\n    at s2 (f:4:1)\\n    at s3 (f:5:1)\\n    at s4 (f:6:1)'; const e = new Error('outer', { cause: c }); e.stack = 'Error: outer\\n    at b (f:2:2)\\n    at s1 (f:3:1)\\n    at s2 (f:4:1)\\n    at s3 (f:5:1)\\n    at s4 (f:6:1)'; return e; })()", () => {
  assertInspect("Error: outer\n    at b (f:2:2)\n    at s1 (f:3:1)\n    ... 2 lines matching cause stack trace ...\n    at s4 (f:6:1) {\n  [cause]: Error: inner\n      at a (f:1:1)\n      at s1 (f:3:1)\n      at s2 (f:4:1)\n      at s3 (f:5:1)\n      at s4 (f:6:1)\n}",
    (() => { const c = new Error('inner'); c.stack = 'Error: inner\n    at a (f:1:1)\n    at s1 (f:3:1)\n    at s2 (f:4:1)\n    at s3 (f:5:1)\n    at s4 (f:6:1)'; const e = new Error('outer', { cause: c }); e.stack = 'Error: outer\n    at b (f:2:2)\n    at s1 (f:3:1)\n    at s2 (f:4:1)\n    at s3 (f:5:1)\n    at s4 (f:6:1)'; return e; })());
});
test("inspect (() => { const e = new Error('m'); e.stack = 'Error: m\\n    at q (r:1:1)'; return { nested: { e } }; })()", () => {
  assertInspect("{\n  nested: {\n    e: Error: m\n        at q (r:1:1)\n  }\n}",
    (() => { const e = new Error('m'); e.stack = 'Error: m\n    at q (r:1:1)'; return { nested: { e } }; })());
});
test("inspect (() => { const e = new Error('m'); e.stack = 'Error: m\\n    at q (r:1:1)'; e.extra = { a: 1 }; return [e]; })()", () => {
  assertInspect("[\n  Error: m\n      at q (r:1:1) {\n    extra: { a: 1 }\n  }\n]",
    (() => { const e = new Error('m'); e.stack = 'Error: m\n    at q (r:1:1)'; e.extra = { a: 1 }; return [e]; })());
});
test("inspect (() => { const e = new RangeError('r'); e.stack = 'RangeError: r\\n    at z (z:1:1)'; e.name = 'Custom'; return e; })()", () => {
  assertInspect("RangeError: r\n    at z (z:1:1) {\n  name: 'Custom'\n}",
    (() => { const e = new RangeError('r'); e.stack = 'RangeError: r\n    at z (z:1:1)'; e.name = 'Custom'; return e; })());
});
test("inspect (() => { const e = new Error('msg'); e.stack = 'Error: msg\\n    at z (z:1:1)'; Object.setPrototypeOf(e, null); return e; })()", () => {
  assertInspect("[Error: null prototype]: msg\n    at z (z:1:1)",
    (() => { const e = new Error('msg'); e.stack = 'Error: msg\n    at z (z:1:1)'; Object.setPrototypeOf(e, null); return e; })());
});
test("inspect (() => { const e = new AggregateError([new Error('a')], 'agg'); e.stack = 'AggregateError: agg\\n    at t (t:1:1)'; e.errors[0].stack = 'Error: a\\n    at u (u:1:1)'; return e; })()", () => {
  assertInspect("AggregateError: agg\n    at t (t:1:1) {\n  [errors]: [\n    Error: a\n        at u (u:1:1)\n  ]\n}",
    (() => { const e = new AggregateError([new Error('a')], 'agg'); e.stack = 'AggregateError: agg\n    at t (t:1:1)'; e.errors[0].stack = 'Error: a\n    at u (u:1:1)'; return e; })());
});
test("inspect Object.assign(new Error('m'), { stack: 'Error: m' })", () => {
  assertInspect("[Error: m]",
    Object.assign(new Error('m'), { stack: 'Error: m' }));
});
test("inspect new Number(3)", () => {
  assertInspect("[Number: 3]",
    new Number(3));
});
test("inspect new Number(-0)", () => {
  assertInspect("[Number: -0]",
    new Number(-0));
});
test("inspect new String('ab')", () => {
  assertInspect("[String: 'ab']",
    new String('ab'));
});
test("inspect new Boolean(false)", () => {
  assertInspect("[Boolean: false]",
    new Boolean(false));
});
test("inspect Object(1n)", () => {
  assertInspect("[BigInt: 1n]",
    Object(1n));
});
test("inspect Object(Symbol('s'))", () => {
  assertInspect("[Symbol: Symbol(s)]",
    Object(Symbol('s')));
});
test("inspect Object.assign(new String('ab'), { x: 1 })", () => {
  assertInspect("[String: 'ab'] { x: 1 }",
    Object.assign(new String('ab'), { x: 1 }));
});
test("inspect Promise.resolve(1)", () => {
  assertInspect("Promise { 1 }",
    Promise.resolve(1));
});
test("inspect new Promise(() => {})", () => {
  assertInspect("Promise { <pending> }",
    new Promise(() => {}));
});
test("inspect (() => { const p = Promise.reject(3); p.catch(() => {}); return p; })()", () => {
  assertInspect("Promise { <rejected> 3 }",
    (() => { const p = Promise.reject(3); p.catch(() => {}); return p; })());
});
test("inspect (() => { const e = new Error('no'); e.stack = 'Error: no\\n    at p (p:1:1)'; const p = Promise.reject(e); p.catch(() => {}); return p; })()", () => {
  assertInspect("Promise {\n  <rejected> Error: no\n      at p (p:1:1)\n}",
    (() => { const e = new Error('no'); e.stack = 'Error: no\n    at p (p:1:1)'; const p = Promise.reject(e); p.catch(() => {}); return p; })());
});
test("inspect { p: Promise.resolve({ a: [1, 2] }) }", () => {
  assertInspect("{ p: Promise { { a: [Array] } } }",
    { p: Promise.resolve({ a: [1, 2] }) });
});
test("inspect Object.assign(Promise.resolve(2), { tag: 'x' })", () => {
  assertInspect("Promise { 2, tag: 'x' }",
    Object.assign(Promise.resolve(2), { tag: 'x' }));
});
test("inspect {}", () => {
  assertInspect("{}",
    {});
});
test("inspect { a: 1, b: 'x' }", () => {
  assertInspect("{ a: 1, b: 'x' }",
    { a: 1, b: 'x' });
});
test("inspect { 'a-b': 1, $c: 2, _d: 3, '0': 4, 'x y': 5, \"q'\": 6 }", () => {
  assertInspect("{ '0': 4, 'a-b': 1, '$c': 2, _d: 3, 'x y': 5, \"q'\": 6 }",
    { 'a-b': 1, $c: 2, _d: 3, '0': 4, 'x y': 5, "q'": 6 });
});
test("inspect { a: { b: { c: { d: 1 } } } }", () => {
  assertInspect("{ a: { b: { c: [Object] } } }",
    { a: { b: { c: { d: 1 } } } });
});
test("inspect { a: { b: { c: {} } } }", () => {
  assertInspect("{ a: { b: { c: {} } } }",
    { a: { b: { c: {} } } });
});
test("inspect { a: [[[[1]]]] }", () => {
  assertInspect("{ a: [ [ [Array] ] ] }",
    { a: [[[[1]]]] });
});
test("inspect { a: { b: { c: { d: 1 } } } } { depth: 0 }", () => {
  assertInspect("{ a: [Object] }",
    { a: { b: { c: { d: 1 } } } }, { depth: 0 });
});
test("inspect { a: { b: { c: { d: { e: 1 } } } } } { depth: null }", () => {
  assertInspect("{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}",
    { a: { b: { c: { d: { e: 1 } } } } }, { depth: null });
});
test("inspect { a: { b: { c: { d: { e: 1 } } } } } { depth: Infinity }", () => {
  assertInspect("{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}",
    { a: { b: { c: { d: { e: 1 } } } } }, { depth: Infinity });
});
test("inspect { [Symbol('s')]: 1, [Symbol.iterator]: 2, normal: 3 }", () => {
  assertInspect("{ normal: 3, [Symbol(s)]: 1, [Symbol(Symbol.iterator)]: 2 }",
    { [Symbol('s')]: 1, [Symbol.iterator]: 2, normal: 3 });
});
test("inspect Object.defineProperty({}, Symbol('hidden'), { value: 1, enumerable: false })", () => {
  assertInspect("{}",
    Object.defineProperty({}, Symbol('hidden'), { value: 1, enumerable: false }));
});
test("inspect { get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} }", () => {
  assertInspect("{ a: [Getter], b: [Setter], c: [Getter/Setter] }",
    { get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} });
});
test("inspect { get a() { throw new Error('nope'); } }", () => {
  assertInspect("{ a: [Getter] }",
    { get a() { throw new Error('nope'); } });
});
test("inspect { get a() { return 1; }, get b() { throw new Error('nope'); }, get c() { return { x: 1 }; }, get n() { return null; } } { getters: true }", () => {
  assertInspect("{\n  a: [Getter: 1],\n  b: [Getter: <Inspection threw (nope)>],\n  c: [Getter] { x: 1 },\n  n: [Getter: null]\n}",
    { get a() { return 1; }, get b() { throw new Error('nope'); }, get c() { return { x: 1 }; }, get n() { return null; } }, { getters: true });
});
test("inspect { get a() { return 1; }, get b() { return 2; }, set b(v) {} } { getters: 'set' }", () => {
  assertInspect("{ a: [Getter], b: [Getter/Setter: 2] }",
    { get a() { return 1; }, get b() { return 2; }, set b(v) {} }, { getters: 'set' });
});
test("inspect Object.create(null)", () => {
  assertInspect("[Object: null prototype] {}",
    Object.create(null));
});
test("inspect Object.assign(Object.create(null), { a: 1 })", () => {
  assertInspect("[Object: null prototype] { a: 1 }",
    Object.assign(Object.create(null), { a: 1 }));
});
test("inspect Object.create(Object.create(null))", () => {
  assertInspect("Object <[Object: null prototype] {}> {}",
    Object.create(Object.create(null)));
});
test("inspect Object.create({})", () => {
  assertInspect("{}",
    Object.create({}));
});
test("inspect (() => { class Foo { constructor() { this.a = 1; } } return new Foo(); })()", () => {
  assertInspect("Foo { a: 1 }",
    (() => { class Foo { constructor() { this.a = 1; } } return new Foo(); })());
});
test("inspect (() => { class Foo {} return new Foo(); })()", () => {
  assertInspect("Foo {}",
    (() => { class Foo {} return new Foo(); })());
});
test("inspect (() => { class Foo { get [Symbol.toStringTag]() { return 'Bar'; } } return new Foo(); })()", () => {
  assertInspect("Foo [Bar] {}",
    (() => { class Foo { get [Symbol.toStringTag]() { return 'Bar'; } } return new Foo(); })());
});
test("inspect { [Symbol.toStringTag]: 'T' }", () => {
  assertInspect("{ [Symbol(Symbol.toStringTag)]: 'T' }",
    { [Symbol.toStringTag]: 'T' });
});
test("inspect Object.create({ [Symbol.toStringTag]: 'T' })", () => {
  assertInspect("Object [T] {}",
    Object.create({ [Symbol.toStringTag]: 'T' }));
});
test("inspect (() => { class Foo {} Foo.prototype[Symbol.toStringTag] = 'Foo'; return new Foo(); })()", () => {
  assertInspect("Foo {}",
    (() => { class Foo {} Foo.prototype[Symbol.toStringTag] = 'Foo'; return new Foo(); })());
});
test("inspect (() => { function Legacy() { this.v = 1; } return new Legacy(); })()", () => {
  assertInspect("Legacy { v: 1 }",
    (() => { function Legacy() { this.v = 1; } return new Legacy(); })());
});
test("inspect (() => { class Foo {} return Foo.prototype; })()", () => {
  assertInspect("{}",
    (() => { class Foo {} return Foo.prototype; })());
});
test("inspect { __proto__: null, ['__proto__']: 1 }", () => {
  assertInspect("[Object: null prototype] { ['__proto__']: 1 }",
    { __proto__: null, ['__proto__']: 1 });
});
test("inspect JSON.parse('{\"__proto__\": 1}')", () => {
  assertInspect("{ ['__proto__']: 1 }",
    JSON.parse('{"__proto__": 1}'));
});
test("inspect { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16 }", () => {
  assertInspect("{\n  a: 1,\n  b: 2,\n  c: 3,\n  d: 4,\n  e: 5,\n  f: 6,\n  g: 7,\n  h: 8,\n  i: 9,\n  j: 10,\n  k: 11,\n  l: 12,\n  m: 13,\n  n: 14,\n  o: 15,\n  p: 16\n}",
    { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16 });
});
test("inspect { aaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb', cccccccccccccccc: 'dddddddddddddddddddd', e: 1 }", () => {
  assertInspect("{\n  aaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb',\n  cccccccccccccccc: 'dddddddddddddddddddd',\n  e: 1\n}",
    { aaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb', cccccccccccccccc: 'dddddddddddddddddddd', e: 1 });
});
test("inspect { a: { aaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb', cccccccccccccccc: 'dddddddddddddddd' }, b: 1 }", () => {
  assertInspect("{\n  a: {\n    aaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb',\n    cccccccccccccccc: 'dddddddddddddddd'\n  },\n  b: 1\n}",
    { a: { aaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb', cccccccccccccccc: 'dddddddddddddddd' }, b: 1 });
});
test("inspect { x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], y: { z: 'w' } }", () => {
  assertInspect("{\n  x: [\n    1, 2, 3, 4,  5,\n    6, 7, 8, 9, 10\n  ],\n  y: { z: 'w' }\n}",
    { x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], y: { z: 'w' } });
});
test("inspect { fn() {}, arrow: () => 1, cls: class {} }", () => {
  assertInspect("{ fn: [Function: fn], arrow: [Function: arrow], cls: [class cls] }",
    { fn() {}, arrow: () => 1, cls: class {} });
});
test("inspect { u: undefined, n: null, s: Symbol('q') }", () => {
  assertInspect("{ u: undefined, n: null, s: Symbol(q) }",
    { u: undefined, n: null, s: Symbol('q') });
});
test("inspect { b: 1, a: 2, c: { z: 1, y: 2 } } { sorted: true }", () => {
  assertInspect("{ a: 2, b: 1, c: { y: 2, z: 1 } }",
    { b: 1, a: 2, c: { z: 1, y: 2 } }, { sorted: true });
});
test("inspect new Set([3, 1, 2]) { sorted: true }", () => {
  assertInspect("Set(3) { 1, 2, 3 }",
    new Set([3, 1, 2]), { sorted: true });
});
test("inspect { a: 1, b: 'long string value here' } { breakLength: 20 }", () => {
  assertInspect("{\n  a: 1,\n  b: 'long string value here'\n}",
    { a: 1, b: 'long string value here' }, { breakLength: 20 });
});
test("inspect { a: 1, b: { c: 2 } } { compact: false }", () => {
  assertInspect("{\n  a: 1,\n  b: {\n    c: 2\n  }\n}",
    { a: 1, b: { c: 2 } }, { compact: false });
});
test("inspect { a: 1, b: { c: 2 } } { compact: true }", () => {
  assertInspect("{ a: 1, b: { c: 2 } }",
    { a: 1, b: { c: 2 } }, { compact: true });
});
test("inspect { a: [1, 2, { d: 4 }], b: 'text' } { compact: 1 }", () => {
  assertInspect("{\n  a: [\n    1,\n    2,\n    { d: 4 }\n  ],\n  b: 'text'\n}",
    { a: [1, 2, { d: 4 }], b: 'text' }, { compact: 1 });
});
test("inspect Array.from({ length: 30 }, (_, i) => i) { compact: true }", () => {
  assertInspect("[ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29 ]",
    Array.from({ length: 30 }, (_, i) => i), { compact: true });
});
test("inspect { a: 'x'.repeat(90), b: 1 } { compact: true }", () => {
  assertInspect("{ a:\n   'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n  b: 1 }",
    { a: 'x'.repeat(90), b: 1 }, { compact: true });
});
test("inspect { a: 1 } { showHidden: true }", () => {
  assertInspect("{ a: 1 }",
    { a: 1 }, { showHidden: true });
});
test("inspect [1] { showHidden: true }", () => {
  assertInspect("[ 1, [length]: 1 ]",
    [1], { showHidden: true });
});
test("inspect (() => { function f() {} return f; })() { showHidden: true }", () => {
  assertInspect("<ref *1> [Function: f] {\n  [length]: 0,\n  [name]: 'f',\n  [arguments]: null,\n  [caller]: null,\n  [prototype]: { [constructor]: [Circular *1] }\n}",
    (() => { function f() {} return f; })(), { showHidden: true });
});
test("inspect (() => { const o = { a: 1 }; o.self = o; return o; })()", () => {
  assertInspect("<ref *1> { a: 1, self: [Circular *1] }",
    (() => { const o = { a: 1 }; o.self = o; return o; })());
});
test("inspect (() => { const o = {}; o.a = [o]; o.b = { c: o }; return o; })()", () => {
  assertInspect("<ref *1> { a: [ [Circular *1] ], b: { c: [Circular *1] } }",
    (() => { const o = {}; o.a = [o]; o.b = { c: o }; return o; })());
});
test("inspect (() => { const a = {}; const b = { a }; a.b = b; return [a, b]; })()", () => {
  assertInspect("[\n  <ref *1> { b: { a: [Circular *1] } },\n  <ref *2> { a: <ref *1> { b: [Circular *2] } }\n]",
    (() => { const a = {}; const b = { a }; a.b = b; return [a, b]; })());
});
test("inspect (() => { const a = [1]; a.push(a); return a; })()", () => {
  assertInspect("<ref *1> [ 1, [Circular *1] ]",
    (() => { const a = [1]; a.push(a); return a; })());
});
test("inspect (() => { const m = new Map(); m.set('me', m); return m; })()", () => {
  assertInspect("<ref *1> Map(1) { 'me' => [Circular *1] }",
    (() => { const m = new Map(); m.set('me', m); return m; })());
});
test("inspect (() => { const x = {}; const y = {}; x.y = y; y.x = x; x.z = x; return { x }; })()", () => {
  assertInspect("{ x: <ref *1> { y: { x: [Circular *1] }, z: [Circular *1] } }",
    (() => { const x = {}; const y = {}; x.y = y; y.x = x; x.z = x; return { x }; })());
});
test("inspect (() => { const shared = { s: 1 }; return { a: shared, b: shared }; })()", () => {
  assertInspect("{ a: { s: 1 }, b: { s: 1 } }",
    (() => { const shared = { s: 1 }; return { a: shared, b: shared }; })());
});
test("inspect (() => { class Node_ { constructor() { this.parent = null; this.children = []; } } const r = new Node_(); const c = new Node_(); c.parent = r; r.children.push(c); return r; })()", () => {
  assertInspect("<ref *1> Node_ {\n  parent: null,\n  children: [ Node_ { parent: [Circular *1], children: [] } ]\n}",
    (() => { class Node_ { constructor() { this.parent = null; this.children = []; } } const r = new Node_(); const c = new Node_(); c.parent = r; r.children.push(c); return r; })());
});
test("inspect { [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; } }", () => {
  assertInspect("CUSTOM",
    { [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; } });
});
test("inspect { a: { [Symbol.for('nodejs.util.inspect.custom')]() { return { replaced: true }; } } }", () => {
  assertInspect("{ a: { replaced: true } }",
    { a: { [Symbol.for('nodejs.util.inspect.custom')]() { return { replaced: true }; } } });
});
test("inspect { a: { [Symbol.for('nodejs.util.inspect.custom')](depth, opts) { return 'd=' + depth + ' b=' + opts.breakLength; } } }", () => {
  assertInspect("{ a: d=1 b=80 }",
    { a: { [Symbol.for('nodejs.util.inspect.custom')](depth, opts) { return 'd=' + depth + ' b=' + opts.breakLength; } } });
});
test("inspect { a: { b: { [Symbol.for('nodejs.util.inspect.custom')]() { return 'multi\\nline'; } } } }", () => {
  assertInspect("{\n  a: {\n    b: multi\n    line\n  }\n}",
    { a: { b: { [Symbol.for('nodejs.util.inspect.custom')]() { return 'multi\nline'; } } } });
});
test("inspect { a: { [Symbol.for('nodejs.util.inspect.custom')](d, o, insp) { return insp({ deep: { er: 1 } }, o); } } }", () => {
  assertInspect("{ a: { deep: { er: 1 } } }",
    { a: { [Symbol.for('nodejs.util.inspect.custom')](d, o, insp) { return insp({ deep: { er: 1 } }, o); } } });
});
test("inspect (() => { const o = { x: 1, [Symbol.for('nodejs.util.inspect.custom')]() { return this; } }; return o; })()", () => {
  assertInspect("{\n  x: 1,\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}",
    (() => { const o = { x: 1, [Symbol.for('nodejs.util.inspect.custom')]() { return this; } }; return o; })());
});
test("inspect { [Symbol.for('nodejs.util.inspect.custom')]: 'not a function' }", () => {
  assertInspect("{ [Symbol(nodejs.util.inspect.custom)]: 'not a function' }",
    { [Symbol.for('nodejs.util.inspect.custom')]: 'not a function' });
});
test("inspect { a: { [Symbol.for('nodejs.util.inspect.custom')]() { return 'x'; } } } { customInspect: false }", () => {
  assertInspect("{\n  a: {\n    [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n  }\n}",
    { a: { [Symbol.for('nodejs.util.inspect.custom')]() { return 'x'; } } }, { customInspect: false });
});
test("inspect new Proxy({ a: 1 }, {})", () => {
  assertInspect("{ a: 1 }",
    new Proxy({ a: 1 }, {}));
});
test("inspect new Proxy([1, 2], {})", () => {
  assertInspect("[ 1, 2 ]",
    new Proxy([1, 2], {}));
});
test("inspect new Proxy(function named() {}, {})", () => {
  assertInspect("[Function: named]",
    new Proxy(function named() {}, {}));
});
test("inspect new Proxy({ a: 1 }, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } })", () => {
  assertInspect("{ a: 1 }",
    new Proxy({ a: 1 }, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } }));
});
test("inspect (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()", () => {
  assertInspect("<Revoked Proxy>",
    (() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })());
});
test("inspect (() => { const r = Proxy.revocable({}, {}); r.revoke(); return { p: r.proxy }; })()", () => {
  assertInspect("{ p: <Revoked Proxy> }",
    (() => { const r = Proxy.revocable({}, {}); r.revoke(); return { p: r.proxy }; })());
});
test("inspect new Proxy({ a: 1 }, {}) { showProxy: true }", () => {
  assertInspect("Proxy [ { a: 1 }, {} ]",
    new Proxy({ a: 1 }, {}), { showProxy: true });
});
test("inspect new Proxy(new Proxy({}, {}), {})", () => {
  assertInspect("{}",
    new Proxy(new Proxy({}, {}), {}));
});
test("inspect { a: 1, b: 'x', c: null, d: undefined, e: Symbol('s'), f: true, g: 2n, h: new Date(0), i: /r/, j: function j() {} } { colors: true }", () => {
  assertInspect("{\n  a: \u001b[33m1\u001b[39m,\n  b: \u001b[32m'x'\u001b[39m,\n  c: \u001b[1mnull\u001b[22m,\n  d: \u001b[90mundefined\u001b[39m,\n  e: \u001b[32mSymbol(s)\u001b[39m,\n  f: \u001b[33mtrue\u001b[39m,\n  g: \u001b[33m2n\u001b[39m,\n  h: \u001b[35m1970-01-01T00:00:00.000Z\u001b[39m,\n  i: \u001b[31m/r/\u001b[39m,\n  j: \u001b[36m[Function: j]\u001b[39m\n}",
    { a: 1, b: 'x', c: null, d: undefined, e: Symbol('s'), f: true, g: 2n, h: new Date(0), i: /r/, j: function j() {} }, { colors: true });
});
test("inspect [1, 2, 3, 4, 5, 6, 7, 8] { colors: true }", () => {
  assertInspect("[\n  \u001b[33m1\u001b[39m, \u001b[33m2\u001b[39m, \u001b[33m3\u001b[39m, \u001b[33m4\u001b[39m,\n  \u001b[33m5\u001b[39m, \u001b[33m6\u001b[39m, \u001b[33m7\u001b[39m, \u001b[33m8\u001b[39m\n]",
    [1, 2, 3, 4, 5, 6, 7, 8], { colors: true });
});
test("inspect [new Map([[1, { a: [1, 2] }]]), new Set([[1]])]", () => {
  assertInspect("[ Map(1) { 1 => { a: [Array] } }, Set(1) { [ 1 ] } ]",
    [new Map([[1, { a: [1, 2] }]]), new Set([[1]])]);
});
test("inspect { a: [{ b: [{ c: 1 }] }] }", () => {
  assertInspect("{ a: [ { b: [Array] } ] }",
    { a: [{ b: [{ c: 1 }] }] });
});
test("inspect [['a', 'b'], ['c', 'd']]", () => {
  assertInspect("[ [ 'a', 'b' ], [ 'c', 'd' ] ]",
    [['a', 'b'], ['c', 'd']]);
});
test("inspect { 'key\\nwith': 'nl', 'k\\'q': 1 }", () => {
  assertInspect("{ 'key\\nwith': 'nl', \"k'q\": 1 }",
    { 'key\nwith': 'nl', 'k\'q': 1 });
});
test("inspect { 1: 'a', 2: 'b', '-1': 'c' }", () => {
  assertInspect("{ '1': 'a', '2': 'b', '-1': 'c' }",
    { 1: 'a', 2: 'b', '-1': 'c' });
});
test("inspect [undefined, null, NaN, -0, 0]", () => {
  assertInspect("[ undefined, null, NaN, -0, 0 ]",
    [undefined, null, NaN, -0, 0]);
});
test("inspect Object.assign([1, 2, 3, 4, 5, 6, 7], { k: 'v' })", () => {
  assertInspect("[\n  1, 2,      3,\n  4, 5,      6,\n  7, k: 'v'\n]",
    Object.assign([1, 2, 3, 4, 5, 6, 7], { k: 'v' }));
});
test("inspect Array.from({ length: 7 }, (_, i) => [i, i])", () => {
  assertInspect("[\n  [ 0, 0 ], [ 1, 1 ],\n  [ 2, 2 ], [ 3, 3 ],\n  [ 4, 4 ], [ 5, 5 ],\n  [ 6, 6 ]\n]",
    Array.from({ length: 7 }, (_, i) => [i, i]));
});
test("inspect { long: Array.from({ length: 12 }, (_, i) => 'val' + i) }", () => {
  assertInspect("{\n  long: [\n    'val0',  'val1',\n    'val2',  'val3',\n    'val4',  'val5',\n    'val6',  'val7',\n    'val8',  'val9',\n    'val10', 'val11'\n  ]\n}",
    { long: Array.from({ length: 12 }, (_, i) => 'val' + i) });
});
test("inspect Array.from({ length: 101 }, (_, i) => i) { maxArrayLength: 100 }", () => {
  assertInspect("[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n  96, 97, 98, 99,\n  ... 1 more item\n]",
    Array.from({ length: 101 }, (_, i) => i), { maxArrayLength: 100 });
});
test("inspect new Set([new Set([new Set([new Set([1])])])])", () => {
  assertInspect("Set(1) { Set(1) { Set(1) { [Set] } } }",
    new Set([new Set([new Set([new Set([1])])])]));
});
test("inspect [new WeakMap(), new WeakSet()]", () => {
  assertInspect("[ WeakMap { <items unknown> }, WeakSet { <items unknown> } ]",
    [new WeakMap(), new WeakSet()]);
});
test("inspect { date: new Date(1e12), re: /x/g, err: (() => { const e = new Error('e'); e.stack = 'Error: e\\n    at w (w:1:1)'; return e; })() }", () => {
  assertInspect("{\n  date: 2001-09-09T01:46:40.000Z,\n  re: /x/g,\n  err: Error: e\n      at w (w:1:1)\n}",
    { date: new Date(1e12), re: /x/g, err: (() => { const e = new Error('e'); e.stack = 'Error: e\n    at w (w:1:1)'; return e; })() });
});
test("inspect { a: 'x'.repeat(80) }", () => {
  assertInspect("{\n  a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n}",
    { a: 'x'.repeat(80) });
});
test("inspect { a: Array.from({ length: 30 }, (_, i) => i) }", () => {
  assertInspect("{\n  a: [\n     0,  1,  2,  3,  4,  5,  6,  7,  8,\n     9, 10, 11, 12, 13, 14, 15, 16, 17,\n    18, 19, 20, 21, 22, 23, 24, 25, 26,\n    27, 28, 29\n  ]\n}",
    { a: Array.from({ length: 30 }, (_, i) => i) });
});
test("inspect ['a', 'bb', 'ccc', 'dddd', 'e', 'ff', 'ggg', 'hhhh', 'i', 'jj']", () => {
  assertInspect("[\n  'a',    'bb',   'ccc',\n  'dddd', 'e',    'ff',\n  'ggg',  'hhhh', 'i',\n  'jj'\n]",
    ['a', 'bb', 'ccc', 'dddd', 'e', 'ff', 'ggg', 'hhhh', 'i', 'jj']);
});
test("inspect [1.5, -2, 300, 4, 5, 6, 7]", () => {
  assertInspect("[\n  1.5, -2, 300, 4,\n    5,  6,   7\n]",
    [1.5, -2, 300, 4, 5, 6, 7]);
});
test("inspect Array.from({ length: 10 }, () => '中文')", () => {
  assertInspect("[\n  '中文', '中文',\n  '中文', '中文',\n  '中文', '中文',\n  '中文', '中文',\n  '中文', '中文'\n]",
    Array.from({ length: 10 }, () => '中文'));
});
test("inspect [0.1, 1e21, 1e-7, 2 ** 53]", () => {
  assertInspect("[ 0.1, 1e+21, 1e-7, 9007199254740992 ]",
    [0.1, 1e21, 1e-7, 2 ** 53]);
});
test("inspect Array.from({ length: 3 }, (_, i) => ({ name: 'item number ' + i, value: i * 1000, tags: ['a', 'b'] }))", () => {
  assertInspect("[\n  { name: 'item number 0', value: 0, tags: [ 'a', 'b' ] },\n  { name: 'item number 1', value: 1000, tags: [ 'a', 'b' ] },\n  { name: 'item number 2', value: 2000, tags: [ 'a', 'b' ] }\n]",
    Array.from({ length: 3 }, (_, i) => ({ name: 'item number ' + i, value: i * 1000, tags: ['a', 'b'] })));
});
test("inspect [[[[1]]]]", () => {
  assertInspect("[ [ [ [Array] ] ] ]",
    [[[[1]]]]);
});
test("inspect { a: { b: { c: [1] } } }", () => {
  assertInspect("{ a: { b: { c: [Array] } } }",
    { a: { b: { c: [1] } } });
});
test("inspect { a: { b: { c: new Set([1]) } } }", () => {
  assertInspect("{ a: { b: { c: [Set] } } }",
    { a: { b: { c: new Set([1]) } } });
});
test("inspect { a: { b: { c: Object.create(null) } } }", () => {
  assertInspect("{ a: { b: { c: [Object: null prototype] {} } } }",
    { a: { b: { c: Object.create(null) } } });
});
test("inspect { a: { b: { c: Object.assign(Object.create(null), { x: 1 }) } } }", () => {
  assertInspect("{ a: { b: { c: [Object: null prototype] } } }",
    { a: { b: { c: Object.assign(Object.create(null), { x: 1 }) } } });
});
test("inspect (() => { class Foo { constructor() { this.x = 1; } } return { a: { b: { c: new Foo() } } }; })()", () => {
  assertInspect("{ a: { b: { c: [Foo] } } }",
    (() => { class Foo { constructor() { this.x = 1; } } return { a: { b: { c: new Foo() } } }; })());
});
test("inspect { a: { b: { c: new Error('deep') } } }.a.b.c.message", () => {
  assertInspect("'deep'",
    { a: { b: { c: new Error('deep') } } }.a.b.c.message);
});
test("inspect (() => { const e = new Error('deep'); e.stack = 'Error: deep\\n    at d (d:1:1)'; e.k = 1; return { a: { b: { c: e } } }; })()", () => {
  assertInspect("{ a: { b: { c: [Error] } } }",
    (() => { const e = new Error('deep'); e.stack = 'Error: deep\n    at d (d:1:1)'; e.k = 1; return { a: { b: { c: e } } }; })());
});
test("inspect { a: { b: { c: /re/ } } }", () => {
  assertInspect("{ a: { b: { c: /re/ } } }",
    { a: { b: { c: /re/ } } });
});
test("inspect { a: { b: { c: Object.assign(/re/, { k: 1 }) } } }", () => {
  assertInspect("{ a: { b: { c: /re/ } } }",
    { a: { b: { c: Object.assign(/re/, { k: 1 }) } } });
});
test("inspect { a: { b: { c: new Date(0) } } }", () => {
  assertInspect("{ a: { b: { c: 1970-01-01T00:00:00.000Z } } }",
    { a: { b: { c: new Date(0) } } });
});
test("inspect { a: { b: { c: Promise.resolve(1) } } }", () => {
  assertInspect("{ a: { b: { c: [Promise] } } }",
    { a: { b: { c: Promise.resolve(1) } } });
});
test("inspect { a: { b: { c: new Uint8Array(2) } } }", () => {
  assertInspect("{ a: { b: { c: [Uint8Array] } } }",
    { a: { b: { c: new Uint8Array(2) } } });
});
test("inspect { a: { b: { c: function f() {} } } }", () => {
  assertInspect("{ a: { b: { c: [Function: f] } } }",
    { a: { b: { c: function f() {} } } });
});
test("inspect (() => { const e = new Error(''); e.stack = 'Error\\n    at n (n:1:1)'; return e; })()", () => {
  assertInspect("Error\n    at n (n:1:1)",
    (() => { const e = new Error(''); e.stack = 'Error\n    at n (n:1:1)'; return e; })());
});
test("inspect (() => { const e = new Error('m'); e.stack = 'something else entirely\\n    at n (n:1:1)'; return e; })()", () => {
  assertInspect("something else entirely\n    at n (n:1:1)",
    (() => { const e = new Error('m'); e.stack = 'something else entirely\n    at n (n:1:1)'; return e; })());
});
test("inspect (() => { const e = new Error('m'); e.name = 'Named'; e.stack = 'Named: m\\n    at n (n:1:1)'; return e; })()", () => {
  assertInspect("Named: m\n    at n (n:1:1)",
    (() => { const e = new Error('m'); e.name = 'Named'; e.stack = 'Named: m\n    at n (n:1:1)'; return e; })());
});
test("inspect (() => { const e = new Error('m'); e.stack = 'Error: m\\n    at n (n:1:1)'; return e; })() { showHidden: true }", () => {
  assertInspect("Error: m\n    at n (n:1:1) {\n  [stack]: 'Error: m\\n    at n (n:1:1)',\n  [message]: 'm'\n}",
    (() => { const e = new Error('m'); e.stack = 'Error: m\n    at n (n:1:1)'; return e; })(), { showHidden: true });
});
test("inspect (() => { const e = new Error('m\\nsecond line'); e.stack = 'Error: m\\nsecond line\\n    at n (n:1:1)'; return { e }; })()", () => {
  assertInspect("{\n  e: Error: m\n  second line\n      at n (n:1:1)\n}",
    (() => { const e = new Error('m\nsecond line'); e.stack = 'Error: m\nsecond line\n    at n (n:1:1)'; return { e }; })());
});
test("inspect { [Symbol('a\\nb')]: 1, 'a\\tb': 2 }", () => {
  assertInspect("{ 'a\\tb': 2, [Symbol(a\\nb)]: 1 }",
    { [Symbol('a\nb')]: 1, 'a\tb': 2 });
});
test("inspect Object.assign(new Number(1), { [Symbol.toStringTag]: 'T' })", () => {
  assertInspect("[Number: 1] { [Symbol(Symbol.toStringTag)]: 'T' }",
    Object.assign(new Number(1), { [Symbol.toStringTag]: 'T' }));
});
test("inspect (() => { class N extends Number {} return new N(4); })()", () => {
  assertInspect("[Number (N): 4]",
    (() => { class N extends Number {} return new N(4); })());
});
test("inspect (() => { class D extends Date {} return new D(0); })()", () => {
  assertInspect("D 1970-01-01T00:00:00.000Z",
    (() => { class D extends Date {} return new D(0); })());
});
test("inspect (() => { const d = new Date(NaN); d.k = 1; return d; })()", () => {
  assertInspect("Invalid Date { k: 1 }",
    (() => { const d = new Date(NaN); d.k = 1; return d; })());
});
test("inspect (() => { class Foo { get x() { return 1; } } return new Foo(); })()", () => {
  assertInspect("Foo {}",
    (() => { class Foo { get x() { return 1; } } return new Foo(); })());
});
test("inspect (() => { class Foo { static s = 1; } return Foo; })()", () => {
  assertInspect("[class Foo] { s: 1 }",
    (() => { class Foo { static s = 1; } return Foo; })());
});
test("inspect (() => { class Foo extends null {} return Foo; })()", () => {
  assertInspect("[class Foo]",
    (() => { class Foo extends null {} return Foo; })());
});
test("inspect new Map([[{ aaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbb', ccccccccccccccc: 'dddddddddddddd' }, 'v']])", () => {
  assertInspect("Map(1) {\n  {\n    aaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbb',\n    ccccccccccccccc: 'dddddddddddddd'\n  } => 'v'\n}",
    new Map([[{ aaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbb', ccccccccccccccc: 'dddddddddddddd' }, 'v']]));
});
test("inspect { a: { b: 1, c: { d: 2, e: { f: 3 } } }, g: [1, { h: [2, { i: 3 }] }] }", () => {
  assertInspect("{ a: { b: 1, c: { d: 2, e: [Object] } }, g: [ 1, { h: [Array] } ] }",
    { a: { b: 1, c: { d: 2, e: { f: 3 } } }, g: [1, { h: [2, { i: 3 }] }] });
});
test("inspect Array.from({ length: 6 }, (_, i) => 'x'.repeat(i * 5))", () => {
  assertInspect("[\n  '',\n  'xxxxx',\n  'xxxxxxxxxx',\n  'xxxxxxxxxxxxxxx',\n  'xxxxxxxxxxxxxxxxxxxx',\n  'xxxxxxxxxxxxxxxxxxxxxxxxx'\n]",
    Array.from({ length: 6 }, (_, i) => 'x'.repeat(i * 5)));
});
test("inspect Array.from({ length: 40 }, (_, i) => i * 1000000)", () => {
  assertInspect("[\n         0,  1000000,  2000000,  3000000,\n   4000000,  5000000,  6000000,  7000000,\n   8000000,  9000000, 10000000, 11000000,\n  12000000, 13000000, 14000000, 15000000,\n  16000000, 17000000, 18000000, 19000000,\n  20000000, 21000000, 22000000, 23000000,\n  24000000, 25000000, 26000000, 27000000,\n  28000000, 29000000, 30000000, 31000000,\n  32000000, 33000000, 34000000, 35000000,\n  36000000, 37000000, 38000000, 39000000\n]",
    Array.from({ length: 40 }, (_, i) => i * 1000000));
});
test("inspect { k: Array.from({ length: 40 }, (_, i) => i) } { breakLength: 40 }", () => {
  assertInspect("{\n  k: [\n     0,  1,  2,  3,  4,  5,  6,  7,  8,\n     9, 10, 11, 12, 13, 14, 15, 16, 17,\n    18, 19, 20, 21, 22, 23, 24, 25, 26,\n    27, 28, 29, 30, 31, 32, 33, 34, 35,\n    36, 37, 38, 39\n  ]\n}",
    { k: Array.from({ length: 40 }, (_, i) => i) }, { breakLength: 40 });
});
test("inspect Array.from({ length: 10 }, (_, i) => i) { compact: 1 }", () => {
  assertInspect("[\n  0, 1, 2, 3,\n  4, 5, 6, 7,\n  8, 9\n]",
    Array.from({ length: 10 }, (_, i) => i), { compact: 1 });
});
test("inspect (() => { const a = []; a[2 ** 32 - 2] = 1; return a; })()", () => {
  assertInspect("[ <4294967294 empty items>, 1 ]",
    (() => { const a = []; a[2 ** 32 - 2] = 1; return a; })());
});
test("inspect (() => { const s = new Set(); s.add(s); return s; })()", () => {
  assertInspect("<ref *1> Set(1) { [Circular *1] }",
    (() => { const s = new Set(); s.add(s); return s; })());
});
test("inspect (() => { const o = {}; o.p = Promise.resolve(o); return o; })()", () => {
  assertInspect("<ref *1> { p: Promise { [Circular *1] } }",
    (() => { const o = {}; o.p = Promise.resolve(o); return o; })());
});
test("inspect (() => { const e = new Error('c'); e.stack = 'Error: c\\n    at c (c:1:1)'; e.self = e; return e; })()", () => {
  assertInspect("<ref *1> Error: c\n    at c (c:1:1) {\n  self: [Circular *1]\n}",
    (() => { const e = new Error('c'); e.stack = 'Error: c\n    at c (c:1:1)'; e.self = e; return e; })());
});
test("inspect { a: new Proxy({ x: 1 }, {}) } { showProxy: true }", () => {
  assertInspect("{ a: Proxy [ { x: 1 }, {} ] }",
    { a: new Proxy({ x: 1 }, {}) }, { showProxy: true });
});
test("inspect new Array(3).fill({ z: 1 })", () => {
  assertInspect("[ { z: 1 }, { z: 1 }, { z: 1 } ]",
    new Array(3).fill({ z: 1 }));
});
