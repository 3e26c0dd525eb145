// @data ../data/urlpattern_wpt_subset.json as WPT_CASES
//
// URLPattern (URL Pattern Standard). The data file is a subset of WPT's
// urlpattern/resources/urlpatterntestdata.json, checked the way WPT's
// urlpattern/resources/urlpatterntests.js checks it.

const COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"];

function nullsToUndefined(groups) {
  const out = {};
  for (const [k, v] of Object.entries(groups)) out[k] = v === null ? undefined : v;
  return out;
}

function runCase(entry) {
  if (entry.expected_obj === "error") {
    assertThrows(() => new URLPattern(...entry.pattern), TypeError);
    return;
  }
  const pattern = new URLPattern(...entry.pattern);
  if (entry.expected_obj) {
    for (const [component, expected] of Object.entries(entry.expected_obj)) {
      assertEquals(pattern[component], expected, `pattern.${component}`);
    }
  }
  if (!entry.inputs) return;
  if (entry.expected_match === "error") {
    assertThrows(() => pattern.test(...entry.inputs), TypeError);
    assertThrows(() => pattern.exec(...entry.inputs), TypeError);
    return;
  }
  const result = pattern.exec(...entry.inputs);
  assertEquals(pattern.test(...entry.inputs), !!entry.expected_match, "test()");
  if (!entry.expected_match) {
    assertEquals(result, null, "exec()");
    return;
  }
  assert(result !== null, "exec() matched");
  assertEquals(result.inputs, entry.expected_match.inputs ?? entry.inputs, "inputs");
  for (const component of COMPONENTS) {
    let expected = entry.expected_match[component];
    if (!expected) {
      expected = { input: "", groups: {} };
      if (!(entry.exactly_empty_components ?? []).includes(component)) expected.groups["0"] = "";
    }
    assertEquals(result[component].input, expected.input, `${component}.input`);
    assertEquals(result[component].groups, nullsToUndefined(expected.groups), `${component}.groups`);
  }
}

for (const entry of WPT_CASES) {
  test(`URLPattern WPT: ${JSON.stringify(entry.pattern)} ${JSON.stringify(entry.inputs ?? "")}`, () => runCase(entry));
}

test("URLPattern: routes like a Workers app does", () => {
  const route = new URLPattern({ pathname: "/users/:id(\\d+)/posts/:slug" });
  const m = route.exec("https://api.example.com/users/42/posts/hello-world?x=1");
  assertEquals(m.pathname.groups, { id: "42", slug: "hello-world" });
  assertEquals(m.search.input, "x=1");
  assert(!route.test("https://api.example.com/users/abc/posts/x"));
  const base = new URLPattern("/static/*", "https://example.com");
  assertEquals([base.protocol, base.hostname, base.port, base.pathname], ["https", "example.com", "", "/static/*"]);
  assert(base.test("https://example.com/static/app.js"));
  assert(!base.test("https://example.org/static/app.js"));
  assert(!base.test("http://example.com/static/app.js"));
  const any = new URLPattern();
  assert(any.test("https://anything.test/at/all?x#y"));
  assertEquals(COMPONENTS.map((c) => any[c]), COMPONENTS.map(() => "*"));
  assertEquals(any.test(), true);
});

test("URLPattern: modifiers, groups, wildcards and the canonical pattern string", () => {
  const p = new URLPattern({ pathname: "/files{/:dir}*/:name.:ext" });
  assertEquals(p.exec({ pathname: "/files/a/b/c.txt" }).pathname.groups, { dir: "a/b", name: "c", ext: "txt" });
  assertEquals(p.exec({ pathname: "/files/c.txt" }).pathname.groups, { dir: undefined, name: "c", ext: "txt" });
  assertEquals(new URLPattern({ pathname: "/:a+" }).exec({ pathname: "/x/y" }).pathname.groups, { a: "x/y" });
  assertEquals(new URLPattern({ pathname: "/a{b}?c" }).pathname, "/a{b}?c");
  assert(new URLPattern({ pathname: "/a{b}?c" }).test({ pathname: "/ac" }));
  assertEquals(new URLPattern({ pathname: "/(\\d+)" }).pathname, "/(\\d+)");
  assertEquals(new URLPattern({ hostname: "*.example.com" }).exec({ hostname: "a.b.example.com" }).hostname.groups, {
    0: "a.b",
  });
  assertEquals(new URLPattern({ hostname: "{:sub.}?example.com" }).exec({ hostname: "example.com" }).hostname.groups, {
    sub: undefined,
  });
  assertEquals(new URLPattern({ port: "(80|8080)" }).test({ port: "8080" }), true);
  assertEquals(new URLPattern({ protocol: "http", port: "80" }).port, "");
  assertEquals(new URLPattern({ search: "?q=:term" }).exec({ search: "q=cats" }).search.groups, { term: "cats" });
  assertEquals(new URLPattern({ hash: "#:section" }).exec({ hash: "#intro" }).hash.groups, { section: "intro" });
  assertEquals(new URLPattern({ pathname: "/:a/:b" }).hasRegExpGroups, false);
  assertEquals(new URLPattern({ pathname: "/(\\d+)" }).hasRegExpGroups, true);
});

test("URLPattern: ignoreCase", () => {
  const p = new URLPattern({ pathname: "/Foo/:bar" }, { ignoreCase: true });
  assert(p.test({ pathname: "/FOO/x" }));
  assert(!new URLPattern({ pathname: "/Foo/:bar" }).test({ pathname: "/FOO/x" }));
  const s = new URLPattern("https://example.com/Path", { ignoreCase: true });
  assert(s.test("https://example.com/path"));
  const b = new URLPattern("/Path", "https://example.com", { ignoreCase: true });
  assert(b.test("https://example.com/PATH"));
});

test("URLPattern: syntax errors and bad arguments are TypeErrors", () => {
  for (const pathname of ["/(", "/(foo", "/()", "/:", "/{foo", "/foo}", "/(?x)", "/:a/:a", "/\\", "/(fo\u00e9)", "/?"]) {
    assertThrows(() => new URLPattern({ pathname }), TypeError, undefined, pathname);
  }
  assertThrows(() => new URLPattern({ pathname: "/([)" }), TypeError);
  assertThrows(() => new URLPattern({ port: "abc" }), TypeError);
  assertThrows(() => new URLPattern({ port: "99999" }), TypeError);
  assertThrows(() => new URLPattern({ hostname: "bad hostname" }), TypeError);
  assertThrows(() => new URLPattern({ protocol: "ht tp" }), TypeError);
  assertThrows(() => new URLPattern({ baseURL: "not a url" }), TypeError);
  assertThrows(() => new URLPattern("/relative/without/base"), TypeError);
  assertThrows(() => new URLPattern({ pathname: "/x" }, "https://example.com"), TypeError);
  assertThrows(() => new URLPattern("https://example.com", { ignoreCase: true }).test({}, "https://b"), TypeError);
  assertThrows(() => URLPattern.prototype.test.call({}, "https://x"), TypeError);
  assertThrows(() => Object.getOwnPropertyDescriptor(URLPattern.prototype, "pathname").get.call({}), TypeError);
  assertEquals(new URLPattern({ pathname: "/x" }).exec("not a url"), null);
  assertEquals(new URLPattern({ pathname: "/x" }).test("/x", "also not a url"), false);
});
