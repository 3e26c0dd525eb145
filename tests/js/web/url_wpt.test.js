// URL parsing, setters and IDNA host processing against the web-platform-tests
// data (url/resources/ in web-platform-tests; see tests/js/data/README.md),
// checked as url/url-constructor.any.js, url/url-origin.any.js,
// url/url-statics-canparse.any.js, url/url-setters.any.js and
// url/toascii.window.js do. NANO's URL parser is ada (the `ada-url` crate).
//
// @data ../data/urltestdata.json as urlTestData
// @data ../data/urltestdata-javascript-only.json as urlTestDataJsOnly
// @data ../data/setters_tests.json as urlSettersData
// @data ../data/toascii.json as urlToAsciiData

const COMPONENTS = ["href", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"];

for (const t of [...urlTestData, ...urlTestDataJsOnly]) {
  if (typeof t === "string") continue;
  const base = t.base !== null ? t.base : undefined;
  const name = `Parsing: <${t.input}> ${base !== undefined ? `against <${base}>` : "without base"}`;
  test(name, () => {
    if (t.failure) {
      assertThrows(() => new URL(t.input, base), TypeError);
      assertEquals(URL.canParse(t.input, base), false, "canParse");
      assertEquals(URL.parse(t.input, base), null, "URL.parse");
      return;
    }
    const url = new URL(t.input, base);
    for (const key of COMPONENTS) assertEquals(url[key], t[key], key);
    if ("searchParams" in t) assertEquals(url.searchParams.toString(), t.searchParams, "searchParams");
    if ("origin" in t) assertEquals(url.origin, t.origin, "origin");
    assertEquals(URL.canParse(t.input, base), true, "canParse");
    assertEquals(URL.parse(t.input, base).href, t.href, "URL.parse");
  });
}

for (const [setter, cases] of Object.entries(urlSettersData)) {
  if (setter === "comment") continue;
  for (const t of cases) {
    test(`Setting <${t.href}>.${setter} = '${t.new_value}'`, () => {
      const url = new URL(t.href);
      url[setter] = t.new_value;
      for (const [key, value] of Object.entries(t.expected)) assertEquals(url[key], value, key);
    });
  }
}

for (const t of urlToAsciiData) {
  if (typeof t === "string") continue;
  test(`ToASCII: ${t.input} (using URL)`, () => {
    if (t.output === null) {
      assertThrows(() => new URL(`https://${t.input}/x`), TypeError);
      return;
    }
    const url = new URL(`https://${t.input}/x`);
    assertEquals(url.host, t.output, "host");
    assertEquals(url.hostname, t.output, "hostname");
    assertEquals(url.pathname, "/x", "pathname");
    assertEquals(url.href, `https://${t.output}/x`, "href");
  });
  for (const setter of ["host", "hostname"]) {
    test(`ToASCII: ${t.input} (using URL.${setter})`, () => {
      const url = new URL("https://x/x");
      url[setter] = t.input;
      assertEquals(url[setter], t.output !== null ? t.output : "x");
    });
  }
}

test("WPT URL data is present", () => {
  assert(urlTestData.length > 800, "urltestdata.json");
  assert(Object.keys(urlSettersData).length > 8, "setters_tests.json");
  assert(urlToAsciiData.length > 80, "toascii.json");
});
