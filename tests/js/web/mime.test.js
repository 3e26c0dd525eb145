// MIME type parsing and serialization (WHATWG MIME Sniffing) as seen through
// the Fetch APIs: body.blob()'s type is the serialized result of "extract a
// MIME type" from Content-Type, and multipart/form-data parsing reads the
// boundary and part types through the same parser. The cases come from the
// web-platform-tests data mimesniff/mime-types/resources/mime-types.json
// (see data/README.md), checked the way mimesniff/mime-types/parsing.any.js
// does, plus fetch/content-type/response.window.js (header combinations).
//
// @data ../data/mime-types.json as mimeTypesData

// A string usable as a header value unchanged: no surrounding HTTP whitespace
// (it would be stripped), no NUL/CR/LF. Code points above U+00FF make the
// Headers setter throw.
function headerCompatibility(s) {
  if (/^[\t\n\r ]|[\t\n\r ]$/.test(s) || /[\0\n\r]/.test(s)) return "header-value-incompatible";
  if (/[^\0-\xff]/.test(s)) return "incompatible";
  return "compatible";
}

function describe(s) {
  return JSON.stringify(s).replace(/[\x7f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

let section = "";
for (const entry of mimeTypesData) {
  if (typeof entry === "string") {
    section = entry;
    continue;
  }
  const { input, output } = entry;
  const compat = headerCompatibility(input);
  const expected = output === null ? "" : output;

  // File API rule for Blob/File types, unrelated to MIME parsing.
  test(`mime (${section}): Blob type for ${describe(input)}`, () => {
    const blobType = /[^\x20-\x7e]/.test(input) ? "" : input.toLowerCase();
    assertEquals(new Blob([], { type: input }).type, blobType);
    assertEquals(new File([], "f", { type: input }).type, blobType);
  });

  if (compat === "header-value-incompatible") continue;
  test(`mime (${section}): blob() type for Content-Type ${describe(input)}`, async () => {
    if (compat === "incompatible") {
      assertThrows(() => new Request("https://x.test/", { headers: [["Content-Type", input]] }), TypeError);
      assertThrows(() => new Response("", { headers: [["Content-Type", input]] }), TypeError);
      return;
    }
    const req = new Request("https://x.test/", { headers: [["Content-Type", input]] });
    assertEquals((await req.blob()).type, expected, "Request");
    const res = new Response(null, { headers: [["Content-Type", input]] });
    assertEquals((await res.blob()).type, expected, "Response");
  });
}

// Header values a header list cannot hold unchanged still parse as their
// normalized form (surrounding whitespace removed).
test("mime: surrounding whitespace is removed before parsing", async () => {
  const cases = [
    [" text/html ; charset=gbk ", "text/html;charset=gbk"],
    ["\ttext/plain", "text/plain"],
    ["x/x;x=\t", "x/x"],
    ["x/x;x= ", "x/x"],
    ["\t", ""],
  ];
  for (const [input, expected] of cases) {
    const r = new Response("", { headers: { "content-type": input } });
    assertEquals((await r.blob()).type, expected, describe(input));
  }
});

// ------------------------------------------- WPT fetch/content-type/response.window.js
// Each input is a list of Content-Type header values appended in order (so
// combined as "a, b"); mimeType is the expected blob() type.
const CONTENT_TYPE_CASES = [
  [["", "text/plain"], "text/plain"],
  [["text/plain", ""], "text/plain"],
  [["text/html", "text/plain"], "text/plain"],
  [["text/plain;charset=gbk", "text/html"], "text/html"],
  [["text/plain;charset=gbk", "text/html;charset=windows-1254"], "text/html;charset=windows-1254"],
  [["text/plain;charset=gbk", "text/plain"], "text/plain;charset=gbk"],
  [["text/plain;charset=gbk", "text/plain;charset=windows-1252"], "text/plain;charset=windows-1252"],
  [["text/html;charset=gbk", 'text/html;x=",text/plain'], 'text/html;x=",text/plain";charset=gbk'],
  [["text/html;charset=gbk", "text/plain", "text/html"], "text/html"],
  [["text/plain", "*/*"], "text/plain"],
  [["text/html", "*/*"], "text/html"],
  [["*/*", "text/html"], "text/html"],
  [["text/plain", "*/*;charset=gbk"], "text/plain"],
  [["text/html", "*/*;charset=gbk"], "text/html"],
  [['text/html;x="', "text/plain"], 'text/html;x=", text/plain"'],
  [['text/html;"', "text/plain"], "text/html"],
];

for (const [values, mimeType] of CONTENT_TYPE_CASES) {
  test(`mime: blob() type for Content-Type values ${describe(values)}`, async () => {
    const headers = new Headers();
    for (const v of values) headers.append("Content-Type", v);
    assertEquals((await new Response("x", { headers }).blob()).type, mimeType, "Response");
    const req = new Request("https://x.test/", { method: "POST", body: "x", headers });
    assertEquals((await req.blob()).type, mimeType, "Request");
  });
}

test("mime: blob() type keeps parameter value case, lowercases names", async () => {
  const r = new Response("x", { headers: { "content-type": "Text/HTML; CharSet=UTF-8; Foo=\"Bar Baz\"" } });
  assertEquals((await r.blob()).type, 'text/html;charset=UTF-8;foo="Bar Baz"');
  assertEquals((await new Response("x").blob()).type, "text/plain;charset=UTF-8");
  const only = new Response("x", { headers: { "content-type": "*/*" } });
  assertEquals((await only.blob()).type, "");
  const invalid = new Response("x", { headers: { "content-type": "nonsense" } });
  assertEquals((await invalid.blob()).type, "");
});

test("mime: a Blob body's type goes through extraction on read", async () => {
  const r = new Response(new Blob(["x"], { type: "TEXT/PLAIN;CHARSET=UTF-8" }));
  assertEquals(r.headers.get("content-type"), "text/plain;charset=utf-8");
  assertEquals((await r.blob()).type, "text/plain;charset=utf-8");
});

// ------------------------------------------- multipart/form-data through the MIME parser
function multipart(boundary, parts, epilogue = "") {
  let s = "";
  for (const p of parts) s += `--${boundary}\r\n${p.headers.join("\r\n")}\r\n\r\n${p.body}\r\n`;
  return `${s}--${boundary}--\r\n${epilogue}`;
}

test("mime: multipart boundary is the parsed boundary parameter", async () => {
  const body = multipart("AbC", [{ headers: ['Content-Disposition: form-data; name="a"'], body: "1" }]);
  const types = [
    "multipart/form-data; boundary=AbC",
    'multipart/form-data;boundary="AbC"',
    "MULTIPART/FORM-DATA; BOUNDARY=AbC",
    "multipart/form-data; charset=utf-8; boundary=AbC",
    "multipart/form-data; boundary=AbC; boundary=other",
    'multipart/form-data; x="a;boundary=nope"; boundary=AbC',
    "text/plain, multipart/form-data; boundary=AbC",
    "multipart/form-data ; boundary=AbC ",
  ];
  for (const ct of types) {
    const fd = await new Response(body, { headers: { "content-type": ct } }).formData();
    assertEquals(fd.get("a"), "1", ct);
  }
  const wrong = [
    "multipart/form-data; boundary=abc", // boundary values keep their case
    "multipart/form-data; boundary =AbC",
    "multipart/form-data",
    'multipart/form-data; boundary=""',
    "multipart/form-data; boundary=AbC, text/plain",
  ];
  for (const ct of wrong) {
    await assertRejects(new Response(body, { headers: { "content-type": ct } }).formData(), TypeError, undefined);
  }
});

test("mime: multipart part Content-Type is parsed", async () => {
  const part = (name, type) => ({
    headers: [`Content-Disposition: form-data; name="${name}"; filename="${name}.txt"`, ...(type === undefined ? [] : [`Content-Type: ${type}`])],
    body: name,
  });
  const body = multipart("b", [
    part("none"),
    part("plain", "text/plain"),
    part("upper", "TEXT/HTML ; Charset=\"UTF-8\""),
    part("invalid", "nonsense"),
    part("empty", ""),
    part("params", "application/json;a=1;;b"),
  ]);
  const fd = await new Response(body, { headers: { "content-type": "multipart/form-data; boundary=b" } }).formData();
  const type = (n) => fd.get(n).type;
  assertEquals(type("none"), "text/plain");
  assertEquals(type("plain"), "text/plain");
  // Serialized MIME type, then the File API's lowercasing.
  assertEquals(type("upper"), "text/html;charset=utf-8");
  assertEquals(type("invalid"), "");
  assertEquals(type("empty"), "");
  assertEquals(type("params"), "application/json;a=1");
  assertEquals(await fd.get("params").text(), "params");
});

test("mime: formData() picks the parser from the extracted essence", async () => {
  const url = new Response("a=1", { headers: { "content-type": "text/plain, application/x-www-form-urlencoded" } });
  assertEquals((await url.formData()).get("a"), "1");
  const starLast = new Response("a=1", { headers: { "content-type": "application/x-www-form-urlencoded, */*" } });
  assertEquals((await starLast.formData()).get("a"), "1");
  const notUrl = new Response("a=1", { headers: { "content-type": "application/x-www-form-urlencoded, text/plain" } });
  await assertRejects(notUrl.formData(), TypeError);
  const bad = new Response("a=1", { headers: { "content-type": "application/x-www-form-urlencoded(" } });
  await assertRejects(bad.formData(), TypeError);
});
