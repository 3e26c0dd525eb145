// Headers (Fetch standard). Cases adapted from WPT fetch/api/headers/*.any.js.

test("headers: case-insensitive get/has/set/delete", () => {
  const h = new Headers();
  h.append("Content-Type", "text/plain");
  assertEquals(h.get("content-type"), "text/plain");
  assertEquals(h.get("CONTENT-TYPE"), "text/plain");
  assert(h.has("Content-type"));
  h.set("content-TYPE", "text/html");
  assertEquals(h.get("Content-Type"), "text/html");
  h.delete("CONTENT-type");
  assertEquals(h.get("content-type"), null);
  assertEquals(h.has("content-type"), false);
});

test("headers: combined values joined with ', '", () => {
  const h = new Headers();
  h.append("Accept", "a");
  h.append("accept", "b");
  assertEquals(h.get("accept"), "a, b");
  assertEquals([...h], [["accept", "a, b"]]);
});

// WPT headers-basic.any.js: iteration is sorted and lowercased.
test("headers: sorted, lowercased iteration", () => {
  const h = new Headers([["b", "2"], ["A", "1"], ["c", "3"], ["a", "4"]]);
  assertEquals([...h.keys()], ["a", "b", "c"]);
  assertEquals([...h.values()], ["1, 4", "2", "3"]);
  assertEquals([...h.entries()], [["a", "1, 4"], ["b", "2"], ["c", "3"]]);
  const seen = [];
  h.forEach((v, k, obj) => {
    assert(obj === h);
    seen.push(k + "=" + v);
  });
  assertEquals(seen, ["a=1, 4", "b=2", "c=3"]);
});

// WPT header-setcookie.any.js
test("headers: set-cookie is not combined; getSetCookie", () => {
  const h = new Headers([["Set-Cookie", "a=1"], ["set-cookie", "b=2"], ["x", "y"]]);
  assertEquals(h.getSetCookie(), ["a=1", "b=2"]);
  assertEquals([...h], [["set-cookie", "a=1"], ["set-cookie", "b=2"], ["x", "y"]]);
  assertEquals(h.get("set-cookie"), "a=1, b=2");
  assertEquals(new Headers().getSetCookie(), []);
  h.set("set-cookie", "c=3");
  assertEquals(h.getSetCookie(), ["c=3"]);
});

test("headers: init from record, sequence and Headers", () => {
  assertEquals([...new Headers({ B: "2", a: "1" })], [["a", "1"], ["b", "2"]]);
  const h1 = new Headers([["x", "1"]]);
  const h2 = new Headers(h1);
  h1.set("x", "2");
  assertEquals(h2.get("x"), "1");
  assertThrows(() => new Headers([["a"]]), TypeError);
  assertThrows(() => new Headers([["a", "b", "c"]]), TypeError);
  assertThrows(() => new Headers(["ab"]), TypeError);
  assertThrows(() => new Headers("a: b"), TypeError);
});

// WPT headers-errors.any.js / headers-normalize.any.js
test("headers: invalid names and values throw TypeError", () => {
  const h = new Headers();
  assertThrows(() => h.append("", "a"), TypeError);
  assertThrows(() => h.append("a b", "a"), TypeError);
  assertThrows(() => h.append("a:", "a"), TypeError);
  assertThrows(() => h.append("é", "a"), TypeError);
  assertThrows(() => h.set("a", "b\nc"), TypeError);
  assertThrows(() => h.set("a", "b\rc"), TypeError);
  assertThrows(() => h.set("a", "b\0c"), TypeError);
  assertThrows(() => h.set("a", "\u0100"), TypeError);
  assertThrows(() => h.get("a b"), TypeError);
  assertThrows(() => h.has(""), TypeError);
  assertThrows(() => h.delete("a\n"), TypeError);
  assertThrows(() => h.append("a"), TypeError);
});

test("headers: values are trimmed of HTTP whitespace", () => {
  const h = new Headers({ a: " \t x y \r\n" });
  assertEquals(h.get("a"), "x y");
  h.append("b", "");
  assertEquals(h.get("b"), "");
  h.set("c", "\u00ff");
  assertEquals(h.get("c"), "\u00ff");
});

test("headers: iteration sees changes (live iterator)", () => {
  const h = new Headers({ a: "1", c: "3" });
  const it = h.keys();
  assertEquals(it.next().value, "a");
  h.append("b", "2");
  assertEquals(it.next().value, "b");
  assertEquals(it.next().value, "c");
  assertEquals(it.next().done, true);
  assertEquals(Object.prototype.toString.call(it), "[object Headers Iterator]");
});

test("headers: immutable guard on Response.error / redirect", () => {
  const r = Response.error();
  assertThrows(() => r.headers.set("a", "b"), TypeError);
  assertThrows(() => r.headers.append("a", "b"), TypeError);
  assertThrows(() => r.headers.delete("a"), TypeError);
  const rr = Response.redirect("https://example.com/x", 301);
  assertEquals(rr.headers.get("location"), "https://example.com/x");
  assertThrows(() => rr.headers.set("location", "/"), TypeError);
});

test("headers: request-no-cors guard drops non-safelisted headers", () => {
  const r = new Request("https://example.com/", { mode: "no-cors", headers: { "x-a": "1", accept: "text/html" } });
  assertEquals(r.headers.get("x-a"), null);
  assertEquals(r.headers.get("accept"), "text/html");
});

test("headers: brand checks and toStringTag", () => {
  assertEquals(Object.prototype.toString.call(new Headers()), "[object Headers]");
  assertThrows(() => Headers.prototype.get.call({}, "a"), TypeError);
  assertThrows(() => Headers(), TypeError);
  assert(typeof Headers.prototype[Symbol.iterator] === "function");
  assert(Headers.prototype[Symbol.iterator] === Headers.prototype.entries);
  assertEquals(Object.keys(new Headers()), []);
});

// ---------------------------------------------------------------- WPT headers-basic.any.js
test("headers: constructor arguments", () => {
  assertEquals([...new Headers()], []);
  assertEquals([...new Headers(undefined)], []);
  assertEquals([...new Headers({})], []);
  assertEquals([...new Headers([])], []);
  for (const bad of [null, 1, "a", true]) assertThrows(() => new Headers(bad), TypeError);
  // Any iterable of pairs works, pairs may themselves be any iterable of two.
  assertEquals([...new Headers(new Map([["X-A", "1"]]))], [["x-a", "1"]]);
  assertEquals([...new Headers([new Set(["k", "v"])])], [["k", "v"]]);
  assertEquals([...new Headers([{ [Symbol.iterator]: function* () { yield "n"; yield "m"; } }])], [["n", "m"]]);
  assertThrows(() => new Headers([[]]), TypeError);
  assertThrows(() => new Headers([1]), TypeError);
  assertThrows(() => new Headers({ [Symbol.iterator]: 1 }), TypeError);
});

test("headers: record init skips non-enumerable keys (symbols too), reads getters in order", () => {
  const seen = [];
  const rec = {};
  Object.defineProperty(rec, "hidden", { value: "x", enumerable: false });
  Object.defineProperty(rec, Symbol("s"), { value: "y", enumerable: false });
  Object.defineProperty(rec, "b", { get() { seen.push("b"); return "2"; }, enumerable: true });
  Object.defineProperty(rec, "a", { get() { seen.push("a"); return "1"; }, enumerable: true });
  const h = new Headers(rec);
  assertEquals(seen, ["b", "a"]);
  assertEquals([...h], [["a", "1"], ["b", "2"]]);
  assertThrows(() => new Headers({ "bad name": "x" }), TypeError);
  assertThrows(() => new Headers({ ok: "bad\nvalue" }), TypeError);
});

// WebIDL record<ByteString, ByteString>: an enumerable key is converted to
// ByteString, which a symbol cannot be (WPT fetch/api/headers/headers-record.any.js).
test("headers: record init with an enumerable symbol key throws TypeError", () => {
  assertThrows(() => new Headers({ a: "b", [Symbol("s")]: "c" }), TypeError);
  const seen = [];
  const record = { a: "1", [Symbol("s")]: "2", c: "3" };
  const proxy = new Proxy(record, {
    get(target, key) {
      seen.push(key);
      return target[key];
    },
  });
  assertThrows(() => new Headers(proxy), TypeError);
  // Own keys list strings before symbols: both values are read, then the
  // symbol key fails its conversion.
  assertEquals(seen.filter((key) => typeof key === "string"), ["a", "c"]);
});

test("headers: a Headers init is copied, the copy is independent", () => {
  const a = new Headers([["set-cookie", "1"], ["set-cookie", "2"], ["x", "y"]]);
  const b = new Headers(a);
  assertEquals(b.getSetCookie(), ["1", "2"]);
  b.append("x", "z");
  assertEquals(a.get("x"), "y");
  assertEquals(b.get("x"), "y, z");
});

// A Headers init is copied without iterating it, unless its iteration was
// replaced; either way the result is what iterating it gives.
test("headers: a Headers init gives the fields its iteration gives", () => {
  const a = new Headers([["x-b", "1"], ["x-b", "2"], ["set-cookie", "c=1"], ["set-cookie", "d=2"], ["x-a", "3"]]);
  const b = new Headers(a);
  assertEquals([...b], [...a]);
  assertEquals(b.getSetCookie(), ["c=1", "d=2"]);
  class Renamed extends Headers {
    *[Symbol.iterator]() {
      for (const [name, value] of super.entries()) yield [`renamed-${name}`, value];
    }
  }
  const renamed = new Headers(new Renamed({ x: "1" }));
  assertEquals([...renamed], [["renamed-x", "1"]]);
  const noCors = new Request("https://example.com/", { mode: "no-cors", headers: new Headers({ "x-a": "1", accept: "text/html" }) });
  assertEquals([...noCors.headers], [["accept", "text/html"]]);
  const fromResponse = new Response("x", new Response("y", { headers: a }));
  assertEquals(fromResponse.headers.get("x-b"), "1, 2");
  assertEquals(fromResponse.headers.getSetCookie(), ["c=1", "d=2"]);
});

test("headers: every token character is allowed in a name", () => {
  const name = "!#$%&'*+-.^_`|~09azAZ";
  const h = new Headers([[name, "v"]]);
  assertEquals(h.get(name), "v");
  assertEquals([...h.keys()], [name.toLowerCase()]);
  for (const c of ["(", ")", ",", "/", ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "{", "}", '"', " ", "\t", "\x7f", "\u00e9"]) {
    assertThrows(() => new Headers([["a" + c, "v"]]), TypeError, undefined);
  }
});

// ---------------------------------------------------------------- WPT header-values-normalize.html / header-values.html
test("headers: whitespace normalization and allowed control characters", () => {
  const h = new Headers();
  h.set("a", "\n\r\t  x \t y\t \r\n");
  assertEquals(h.get("a"), "x \t y");
  h.set("b", "\t\t");
  assertEquals(h.get("b"), "");
  // Only NUL, CR and LF are refused inside a value; other controls pass.
  h.set("c", "a\x01b\x7fc\x1f");
  assertEquals(h.get("c"), "a\x01b\x7fc\x1f");
  h.set("d", "\x80\xff");
  assertEquals(h.get("d"), "\x80\xff");
  for (const bad of ["a\0b", "a\rb", "a\nb", "\u0100", "\ud83d\ude00"]) {
    assertThrows(() => h.set("e", bad), TypeError);
    assertThrows(() => h.append("e", bad), TypeError);
  }
  assertEquals(h.has("e"), false);
  // Values are converted with ToString.
  h.set("n", 42);
  assertEquals(h.get("n"), "42");
  h.set("o", { toString: () => " obj " });
  assertEquals(h.get("o"), "obj");
});

// ---------------------------------------------------------------- WPT headers-casing.html
test("headers: names keep working whatever their case", () => {
  const h = new Headers({ "X-Mixed-Case": "1" });
  h.append("x-MIXED-case", "2");
  assertEquals(h.get("X-MIXED-CASE"), "1, 2");
  assertEquals([...h.keys()], ["x-mixed-case"]);
  h.delete("X-Mixed-CASE");
  assertEquals([...h], []);
});

// ---------------------------------------------------------------- WPT headers-errors.html
test("headers: missing arguments are TypeErrors", () => {
  const h = new Headers();
  assertThrows(() => h.get(), TypeError);
  assertThrows(() => h.has(), TypeError);
  assertThrows(() => h.delete(), TypeError);
  assertThrows(() => h.set("a"), TypeError);
  assertThrows(() => h.append(), TypeError);
  assertThrows(() => h.forEach(), TypeError);
  assertThrows(() => h.forEach("not a function"), TypeError);
  assertThrows(() => Headers.prototype.keys.call({}), TypeError);
  assertThrows(() => Headers.prototype.getSetCookie.call({}), TypeError);
});

test("headers: forEach passes thisArg and sees appended entries", () => {
  const h = new Headers({ b: "2" });
  const self = {};
  const seen = [];
  h.forEach(function (value, name) {
    assert(this === self);
    seen.push(name);
    if (name === "b") h.append("c", "3");
  }, self);
  assertEquals(seen, ["b", "c"]);
});

// ---------------------------------------------------------------- WPT header-setcookie.any.js
test("headers: set-cookie ordering, set-cookie2 is an ordinary header", () => {
  const h = new Headers([["set-cookie", "z=z"], ["Set-Cookie2", "a"], ["set-cookie", "a=a"], ["set-cookie2", "b"]]);
  assertEquals([...h], [["set-cookie", "z=z"], ["set-cookie", "a=a"], ["set-cookie2", "a, b"]]);
  assertEquals(h.getSetCookie(), ["z=z", "a=a"]);
  assert(h.has("sEt-CoOkIe"));
  const mixed = new Headers([
    ["xylophone", "1"], ["best", "2"], ["set-cookie", "3"], ["a-cool", "4"], ["set-cookie", "5"], ["a-cool", "6"],
  ]);
  assertEquals([...mixed], [["a-cool", "4, 6"], ["best", "2"], ["set-cookie", "3"], ["set-cookie", "5"], ["xylophone", "1"]]);
  assertEquals(new Headers([["set-cookie", ""]]).getSetCookie(), [""]);
  assertEquals(new Headers([["set-cookie", "x"], ["set-cookie", "x"]]).getSetCookie(), ["x", "x"]);
  const d = new Headers([["set-cookie", "a"], ["set-cookie", "b"]]);
  d.delete("Set-Cookie");
  assertEquals([...d], []);
  // getSetCookie hands out a copy.
  const e = new Headers([["set-cookie", "a"]]);
  e.getSetCookie().push("b");
  assertEquals(e.getSetCookie(), ["a"]);
});

test("headers: iterator follows set-cookie changes", () => {
  const h = new Headers([["fizz", "buzz"], ["X-Header", "test"]]);
  const it = h[Symbol.iterator]();
  assertEquals(it.next().value, ["fizz", "buzz"]);
  h.append("Set-Cookie", "a=b");
  assertEquals(it.next().value, ["set-cookie", "a=b"]);
  h.append("Accept", "text/html");
  assertEquals(it.next().value, ["set-cookie", "a=b"]);
  assertEquals(it.next().value, ["x-header", "test"]);
  h.append("set-cookie", "c=d");
  assertEquals(it.next().value, ["x-header", "test"]);
  assertEquals(it.next().done, true);
});

// ---------------------------------------------------------------- WPT response-static-error.any.js / response-static-redirect.any.js
test("headers: immutable guard refuses every change, reads still work", () => {
  const e = Response.error();
  assertEquals([...e.headers], []);
  assertThrows(() => e.headers.delete("absent"), TypeError);
  assertThrows(() => e.headers.set("x", "y"), TypeError);
  assertEquals(e.headers.get("x"), null);
  const r = Response.redirect("https://x.test/a", 307);
  assertEquals([...r.headers], [["location", "https://x.test/a"]]);
  assert(r.headers.has("Location"));
  assertThrows(() => r.headers.delete("location"), TypeError);
  assertThrows(() => r.headers.append("x", "y"), TypeError);
  assertEquals([...r.headers], [["location", "https://x.test/a"]]);
  // Invalid input is still reported as such (TypeError either way).
  assertThrows(() => e.headers.append("bad name", "x"), TypeError);
  // A clone keeps the guard.
  assertThrows(() => e.clone().headers.set("a", "b"), TypeError);
  assertThrows(() => r.clone().headers.set("a", "b"), TypeError);
});

test("headers: Response and Request headers are mutable, Response.json's too", () => {
  const j = Response.json(null);
  j.headers.append("x-custom", "value");
  assertEquals(j.headers.get("x-custom"), "value");
  j.headers.set("content-type", "foo/bar");
  assertEquals(j.headers.get("content-type"), "foo/bar");
  j.headers.delete("content-type");
  assertEquals(j.headers.get("content-type"), null);
  const req = new Request("https://x.test/");
  req.headers.set("a", "b");
  assertEquals(req.headers.get("a"), "b");
});
