// URL and URLSearchParams (URL standard). Cases adapted from WPT url/url-constructor.any.js,
// url/url-setters.any.js and url/urlsearchparams-*.any.js; the WPT data-driven
// cases are in url_wpt.test.js.

test("URL: components", () => {
  const u = new URL("https://user:pw@example.com:8080/p/a?x=1#h");
  assertEquals(u.href, "https://user:pw@example.com:8080/p/a?x=1#h");
  assertEquals(u.protocol, "https:");
  assertEquals(u.username, "user");
  assertEquals(u.password, "pw");
  assertEquals(u.host, "example.com:8080");
  assertEquals(u.hostname, "example.com");
  assertEquals(u.port, "8080");
  assertEquals(u.pathname, "/p/a");
  assertEquals(u.search, "?x=1");
  assertEquals(u.hash, "#h");
  assertEquals(u.origin, "https://example.com:8080");
  assertEquals(String(u), u.href);
  assertEquals(u.toJSON(), u.href);
  assertEquals(JSON.stringify({ u }), `{"u":"${u.href}"}`);
  assertEquals(new URL("../x", "https://a.test/b/c/d").href, "https://a.test/b/x");
  assertEquals(new URL("/y", new URL("https://a.test/q")).href, "https://a.test/y");
});

test("URL: invalid input throws TypeError; canParse; parse", () => {
  assertThrows(() => new URL("nope"), TypeError, "Invalid URL");
  assertThrows(() => new URL("/x", "also-bad"), TypeError);
  assertThrows(() => new URL(), TypeError);
  assertEquals(URL.canParse("https://x"), true);
  assertEquals(URL.canParse("x"), false);
  assertEquals(URL.canParse("x", "https://a/"), true);
  assertEquals(URL.parse("x"), null);
  assertEquals(URL.parse("x", "https://a/").href, "https://a/x");
});

test("URL: setters", () => {
  const u = new URL("http://a.test/");
  u.pathname = "/a b";
  assertEquals(u.pathname, "/a%20b");
  u.search = "q=1";
  assertEquals(u.search, "?q=1");
  u.hash = "frag";
  assertEquals(u.href, "http://a.test/a%20b?q=1#frag");
  u.port = "81";
  u.hostname = "b.test";
  assertEquals(u.host, "b.test:81");
  u.protocol = "https";
  assertEquals(u.href, "https://b.test:81/a%20b?q=1#frag");
  u.port = "443";
  assertEquals(u.port, "");
  u.username = "me";
  assertEquals(u.href, "https://me@b.test/a%20b?q=1#frag");
  u.href = "http://c.test/";
  assertEquals(u.host, "c.test");
  assertThrows(() => (u.href = "bad"), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(URL.prototype, "href").get.call({}), TypeError);
});

test("URL: searchParams is live both ways", () => {
  const u = new URL("https://a.test/?a=1&b=2");
  const p = u.searchParams;
  assert(p === u.searchParams);
  assertEquals(p.get("a"), "1");
  p.append("c", "x y");
  assertEquals(u.search, "?a=1&b=2&c=x+y");
  p.delete("a");
  assertEquals(u.href, "https://a.test/?b=2&c=x+y");
  u.search = "?z=9";
  assertEquals([...p], [["z", "9"]]);
  u.href = "https://a.test/?k=v";
  assertEquals(p.get("k"), "v");
  p.delete("k");
  assertEquals(u.href, "https://a.test/", "empty params make the query null");
});

// WPT urltestdata.json: <??a=b&c=d> has the query "?a=b&c=d", whose first
// name is "?a"; only URLSearchParams' constructor strips a leading "?".
test("URL: searchParams of a query that starts with '?'", () => {
  const u = new URL("http://example.org/foo/bar??a=b&c=d");
  assertEquals(u.search, "??a=b&c=d");
  assertEquals([...u.searchParams], [["?a", "b"], ["c", "d"]]);
  u.search = "??x=1";
  assertEquals(u.searchParams.get("?x"), "1");
  assertEquals([...new URLSearchParams("??a=b")], [["?a", "b"]]);
});

test("URLSearchParams: init forms", () => {
  assertEquals(new URLSearchParams("?a=1&b=2").toString(), "a=1&b=2");
  assertEquals(new URLSearchParams({ a: "1", b: "x" }).toString(), "a=1&b=x");
  assertEquals(new URLSearchParams([["a", "1"], ["a", "2"]]).getAll("a"), ["1", "2"]);
  const p = new URLSearchParams("a=1");
  assertEquals(new URLSearchParams(p).toString(), "a=1");
  assertThrows(() => new URLSearchParams([["a"]]), TypeError);
  assertThrows(() => new URLSearchParams([["a", "b", "c"]]), TypeError);
  assertEquals(new URLSearchParams().toString(), "");
  assertEquals(new URLSearchParams(undefined).size, 0);
});

// WPT url/urlencoded-parser.any.js
test("URLSearchParams: parsing", () => {
  const cases = [
    ["test", [["test", ""]]],
    ["\ufefftest=\ufeff", [["\ufefftest", "\ufeff"]]],
    ["%EF%BB%BFtest=%EF%BB%BF", [["\ufefftest", "\ufeff"]]],
    ["%FE%FF", [["\ufffd\ufffd", ""]]],
    ["%C2", [["\ufffd", ""]]],
    ["%C2x", [["\ufffdx", ""]]],
    ["_charset_=windows-1252&test=%C2x", [["_charset_", "windows-1252"], ["test", "\ufffdx"]]],
    ["", []],
    ["a", [["a", ""]]],
    ["a=b=c", [["a", "b=c"]]],
    ["&&&a=b&&&&c=d&", [["a", "b"], ["c", "d"]]],
    ["a==a", [["a", "=a"]]],
    ["a=a+b+c+d", [["a", "a b c d"]]],
    ["%=a", [["%", "a"]]],
    ["%a=a", [["%a", "a"]]],
    ["%a_=a", [["%a_", "a"]]],
    ["%61=a", [["a", "a"]]],
    ["%61+%4d%4D=", [["a MM", ""]]],
    ["id=0&value=%", [["id", "0"], ["value", "%"]]],
    ["b=%2sf%2a", [["b", "%2sf*"]]],
    ["b=%%2a", [["b", "%*"]]],
  ];
  for (const [input, expected] of cases) assertEquals([...new URLSearchParams(input)], expected, input);
});

test("URLSearchParams: serializing", () => {
  const p = new URLSearchParams();
  p.append("a b", "c+d");
  p.append("é", "*-._~!");
  p.append("x", "\ud83d\ude00");
  assertEquals(p.toString(), "a+b=c%2Bd&%C3%A9=*-._%7E%21&x=%F0%9F%98%80");
  p.set("lone", "\ud800");
  assertEquals(p.get("lone"), "\ufffd");
});

test("URLSearchParams: methods", () => {
  const p = new URLSearchParams("a=1&b=2&a=3");
  assertEquals(p.size, 3);
  assertEquals(p.get("a"), "1");
  assertEquals(p.get("zz"), null);
  assert(p.has("b"));
  assert(p.has("a", "3"));
  assert(!p.has("a", "4"));
  p.set("a", "x");
  assertEquals(p.toString(), "a=x&b=2");
  p.append("a", "y");
  p.delete("a", "y");
  assertEquals(p.toString(), "a=x&b=2");
  p.delete("a");
  assertEquals(p.toString(), "b=2");
  const s = new URLSearchParams("z=1&a=2&y=3&a=1&\ud83d\ude00=x&\ufb03=y");
  s.sort();
  assertEquals([...s.keys()], ["a", "a", "y", "z", "\ud83d\ude00", "\ufb03"]);
  assertEquals([...s.values()].slice(0, 2), ["2", "1"], "stable");
  const seen = [];
  s.forEach((v, k) => seen.push(k));
  assertEquals(seen.length, 6);
  assertThrows(() => p.append("a"), TypeError);
  assertThrows(() => URLSearchParams.prototype.get.call({}, "a"), TypeError);
  assertEquals(Object.prototype.toString.call(p.entries()), "[object URLSearchParams Iterator]");
});

// WebIDL: URLSearchParams(init) converts every string of a sequence, a
// record or a string init to USVString, so lone surrogates become U+FFFD.
test("URLSearchParams: the constructor converts each init form to USVString", () => {
  const forms = [
    "a\uD800=b\uDC00",
    [["a\uD800", "b\uDC00"]],
    { "a\uD800": "b\uDC00" },
  ];
  for (const init of forms) {
    const params = new URLSearchParams(init);
    assertEquals([...params], [["a\uFFFD", "b\uFFFD"]]);
    assertEquals(params.toString(), "a%EF%BF%BD=b%EF%BF%BD");
  }
  const p = new URLSearchParams();
  p.append("\uDC00", "\uD83D");
  assertEquals(p.get("\uFFFD"), "\uFFFD");
});

// WebIDL record<USVString, USVString>: enumerable keys are converted, and a
// symbol cannot be (WPT url/urlsearchparams-constructor.any.js).
test("URLSearchParams: a record init with an enumerable symbol key throws TypeError", () => {
  assertThrows(() => new URLSearchParams({ a: "1", [Symbol("s")]: "2" }), TypeError);
  const record = { a: "1" };
  Object.defineProperty(record, Symbol("hidden"), { value: "2", enumerable: false });
  assertEquals([...new URLSearchParams(record)], [["a", "1"]]);
});

// URL standard, application/x-www-form-urlencoded parser: names and values
// are decoded with "UTF-8 decode without BOM", so a leading BOM stays.
test("URLSearchParams: a leading BOM is kept by the urlencoded parser", () => {
  assertEquals([...new URLSearchParams("\uFEFFa=b")], [["\uFEFFa", "b"]]);
  assertEquals([...new URLSearchParams("%EF%BB%BFa=%EF%BB%BFb")], [["\uFEFFa", "\uFEFFb"]]);
});
