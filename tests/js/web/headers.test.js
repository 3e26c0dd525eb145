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
