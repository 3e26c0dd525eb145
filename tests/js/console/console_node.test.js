// console conformance: each case calls console methods and compares what
// they printed (level 0-1 as "out", 2-3 as "err") with what Node's console
// printed to stdout and stderr for the same calls, captured as literals.

test("console console.log('hello', 1, { a: [1, 2] })", () => {
  console.log('hello', 1, { a: [1, 2] });
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","hello 1 { a: [ 1, 2 ] }"]]));
});
test("console console.log()", () => {
  console.log();
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out",""]]));
});
test("console console.log('%s=%d', 'x', 42, 'rest')", () => {
  console.log('%s=%d', 'x', 42, 'rest');
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","x=42 rest"]]));
});
test("console console.info('info'); console.debug('debug'); console.dirxml({ x: 1 }, 'y')", () => {
  console.info('info'); console.debug('debug'); console.dirxml({ x: 1 }, 'y');
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","info"],["out","debug"],["out","{ x: 1 } y"]]));
});
test("console console.warn('careful'); console.error(new Map([[1, 2]]))", () => {
  console.warn('careful'); console.error(new Map([[1, 2]]));
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["err","careful"],["err","Map(1) { 1 => 2 }"]]));
});
test("console console.log('multi\\nline')", () => {
  console.log('multi\nline');
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","multi\nline"]]));
});
test("console console.assert(true, 'never'); console.assert(false); console.assert(false, 'msg %s', 'arg'); console.assert(0, { a: 1 })", () => {
  console.assert(true, 'never'); console.assert(false); console.assert(false, 'msg %s', 'arg'); console.assert(0, { a: 1 });
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["err","Assertion failed"],["err","Assertion failed: msg arg"],["err","Assertion failed: [object Object]"]]));
});
test("console console.count(); console.count(); console.count('x'); console.count(); console.countReset(); console.count()", () => {
  console.count(); console.count(); console.count('x'); console.count(); console.countReset(); console.count();
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","default: 1"],["out","default: 2"],["out","x: 1"],["out","default: 3"],["out","default: 1"]]));
});
test("console console.count(null); console.count(undefined); console.count(5)", () => {
  console.count(null); console.count(undefined); console.count(5);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","null: 1"],["out","default: 2"],["out","5: 1"]]));
});
test("console console.group('outer'); console.log('a\\nb'); console.group(); console.warn('deep'); console.groupEnd(); console.log('mid'); console.groupEnd(); console.log('top'); console.groupEnd(); console.log('still top')", () => {
  console.group('outer'); console.log('a\nb'); console.group(); console.warn('deep'); console.groupEnd(); console.log('mid'); console.groupEnd(); console.log('top'); console.groupEnd(); console.log('still top');
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","outer"],["out","  a\n  b"],["err","    deep"],["out","  mid"],["out","top"],["out","still top"]]));
});
test("console console.groupCollapsed('c', 1); console.log({ a: { b: { c: {} } }, long: 'x'.repeat(70) }); console.groupEnd()", () => {
  console.groupCollapsed('c', 1); console.log({ a: { b: { c: {} } }, long: 'x'.repeat(70) }); console.groupEnd();
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","c 1"],["out","  {\n    a: { b: { c: {} } },\n    long: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n  }"]]));
});
test("console console.dir({ a: { b: { c: { d: 1 } } } })", () => {
  console.dir({ a: { b: { c: { d: 1 } } } });
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","{ a: { b: { c: [Object] } } }"]]));
});
test("console console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 })", () => {
  console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","{ a: [Object] }"]]));
});
test("console console.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom'; }, v: 1 })", () => {
  console.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom'; }, v: 1 });
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","{\n  v: 1,\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}"]]));
});
test("console console.dir('str')", () => {
  console.dir('str');
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","'str'"]]));
});
test("console console.table([{ a: 1, b: 'xyz' }, { a: 22 }])", () => {
  console.table([{ a: 1, b: 'xyz' }, { a: 22 }]);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬────┬───────┐\n│ (index) │ a  │ b     │\n├─────────┼────┼───────┤\n│ 0       │ 1  │ 'xyz' │\n│ 1       │ 22 │       │\n└─────────┴────┴───────┘"]]));
});
test("console console.table([[1, 2], [3]])", () => {
  console.table([[1, 2], [3]]);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬───┬───┐\n│ (index) │ 0 │ 1 │\n├─────────┼───┼───┤\n│ 0       │ 1 │ 2 │\n│ 1       │ 3 │   │\n└─────────┴───┴───┘"]]));
});
test("console console.table([1, 'two', { three: 3 }])", () => {
  console.table([1, 'two', { three: 3 }]);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬───────┬────────┐\n│ (index) │ three │ Values │\n├─────────┼───────┼────────┤\n│ 0       │       │ 1      │\n│ 1       │       │ 'two'  │\n│ 2       │ 3     │        │\n└─────────┴───────┴────────┘"]]));
});
test("console console.table({ r1: { c: 1 }, r2: { c: 2, d: [1, 2, 3, 4, 5] } })", () => {
  console.table({ r1: { c: 1 }, r2: { c: 2, d: [1, 2, 3, 4, 5] } });
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬───┬───────────────────────────────┐\n│ (index) │ c │ d                             │\n├─────────┼───┼───────────────────────────────┤\n│ r1      │ 1 │                               │\n│ r2      │ 2 │ [ 1, 2, 3, ... 2 more items ] │\n└─────────┴───┴───────────────────────────────┘"]]));
});
test("console console.table([{ a: 1, b: 2 }, { a: 3, b: 4 }], ['b'])", () => {
  console.table([{ a: 1, b: 2 }, { a: 3, b: 4 }], ['b']);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬───┐\n│ (index) │ b │\n├─────────┼───┤\n│ 0       │ 2 │\n│ 1       │ 4 │\n└─────────┴───┘"]]));
});
test("console console.table([{ a: 1, b: 2 }, 5], ['a'])", () => {
  console.table([{ a: 1, b: 2 }, 5], ['a']);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬───┐\n│ (index) │ a │\n├─────────┼───┤\n│ 0       │ 1 │\n│ 1       │   │\n└─────────┴───┘"]]));
});
test("console console.table(new Map([['k', { v: 1 }], [{ o: 1 }, 'w']]))", () => {
  console.table(new Map([['k', { v: 1 }], [{ o: 1 }, 'w']]));
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌───────────────────┬──────────┬──────────┐\n│ (iteration index) │ Key      │ Values   │\n├───────────────────┼──────────┼──────────┤\n│ 0                 │ 'k'      │ { v: 1 } │\n│ 1                 │ { o: 1 } │ 'w'      │\n└───────────────────┴──────────┴──────────┘"]]));
});
test("console console.table(new Set(['a', 'b']))", () => {
  console.table(new Set(['a', 'b']));
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌───────────────────┬────────┐\n│ (iteration index) │ Values │\n├───────────────────┼────────┤\n│ 0                 │ 'a'    │\n│ 1                 │ 'b'    │\n└───────────────────┴────────┘"]]));
});
test("console console.table(5); console.table('str'); console.table(null)", () => {
  console.table(5); console.table('str'); console.table(null);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","5"],["out","str"],["out","null"]]));
});
test("console console.table([])", () => {
  console.table([]);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┐\n│ (index) │\n├─────────┤\n└─────────┘"]]));
});
test("console console.table([{ '中文': '字', x: { a: 1, b: 2, c: 3 } }])", () => {
  console.table([{ '中文': '字', x: { a: 1, b: 2, c: 3 } }]);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬──────┬──────────┐\n│ (index) │ 中文 │ x        │\n├─────────┼──────┼──────────┤\n│ 0       │ '字' │ [Object] │\n└─────────┴──────┴──────────┘"]]));
});
test("console console.table([{ nested: { a: { b: 1 } }, arr: [[1]] }])", () => {
  console.table([{ nested: { a: { b: 1 } }, arr: [[1]] }]);
  checkOutput((lines) => assertEquals(lines.map(([level, text]) => [level <= 1 ? "out" : "err", text]),
    [["out","┌─────────┬─────────────────┬─────────────┐\n│ (index) │ nested          │ arr         │\n├─────────┼─────────────────┼─────────────┤\n│ 0       │ { a: [Object] } │ [ [Array] ] │\n└─────────┴─────────────────┴─────────────┘"]]));
});
