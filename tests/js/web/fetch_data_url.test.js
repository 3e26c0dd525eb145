// fetch() of data: URLs: the Fetch standard's "data: URL processor" and the
// scheme fetch for "data" (200 OK, Content-Type from the URL, the body).
// Cases from WPT fetch/data-urls/resources/data-urls.json and base64.json
// ([URL, expected MIME type, expected bytes], null for a network error).

const DATA_URL_CASES = [
  ["data://test/,X", "text/plain;charset=US-ASCII", [88]],
  ["data:,X", "text/plain;charset=US-ASCII", [88]],
  ["data:", null],
  ["data:text/html", null],
  ["data:text/html    ;charset=x   ,", "text/html;charset=x", []],
  ["data:,", "text/plain;charset=US-ASCII", []],
  ["data:,X#X", "text/plain;charset=US-ASCII", [88]],
  ["data:,%FF", "text/plain;charset=US-ASCII", [255]],
  ["data:,%2", "text/plain;charset=US-ASCII", [37, 50]],
  ["data:,%C2%B1", "text/plain;charset=US-ASCII", [194, 177]],
  ["data:,\u00B1", "text/plain;charset=US-ASCII", [194, 177]],
  ["data:text/plain;Charset=UTF-8,%C2%B1", "text/plain;charset=UTF-8", [194, 177]],
  ["data:IMAGE/gif,%C2%B1", "image/gif", [194, 177]],
  ["data:;charset=x,X", "text/plain;charset=x", [88]],
  ["data:;x=x,X", "text/plain;x=x", [88]],
  ["data:x,X", "text/plain;charset=US-ASCII", [88]],
  ["data:;base64,WA", "text/plain;charset=US-ASCII", [88]],
  ["data:;base64 ,WA", "text/plain;charset=US-ASCII", [88]],
  ["data:;BASE64,WA", "text/plain;charset=US-ASCII", [88]],
  ["data:;base64,W%20A", "text/plain;charset=US-ASCII", [88]],
  ["data:;base64,W%0CA", "text/plain;charset=US-ASCII", [88]],
  ["data:;base64,WA==", "text/plain;charset=US-ASCII", [88]],
  ["data:;base64,WA=", null],
  ["data:;base64,1", null],
  ["data:;base64,%", null],
  ["data:;base64,W-A", null],
  ["data:text/plain ;base64,WA", "text/plain", [88]],
  ["data:x/x;base64;base64,WA", "x/x", [88]],
  ["data:x/x;base64;charset=x,WA", "x/x;charset=x", [87, 65]],
  ["data:x/x;base64;base64x,WA", "x/x", [87, 65]],
  ["data:text/plain;base64,SGVsbG8sIFdvcmxkIQ==", "text/plain", [72, 101, 108, 108, 111, 44, 32, 87, 111, 114, 108, 100, 33]],
];

for (const [url, mimeType, body] of DATA_URL_CASES) {
  test(`fetch(${JSON.stringify(url)})`, async () => {
    if (mimeType === null) {
      await assertRejects(() => fetch(url), TypeError);
      return;
    }
    const response = await fetch(url);
    assertEquals(response.status, 200);
    assertEquals(response.statusText, "OK");
    assertEquals(response.ok, true);
    assertEquals(response.headers.get("content-type"), mimeType);
    assertEquals([...response.headers.keys()], ["content-type"]);
    assertEquals([...new Uint8Array(await response.arrayBuffer())], body);
  });
}

test("fetch(data:): the response URL has no fragment; text() decodes the body", async () => {
  const response = await fetch("data:text/plain;charset=utf-8,h%C3%A9llo#frag");
  assertEquals(response.url, "data:text/plain;charset=utf-8,h%C3%A9llo");
  assertEquals(await response.text(), "h\u00E9llo");
  const json = await fetch(new Request("data:application/json,%7B%22a%22%3A1%7D"));
  assertEquals(await json.json(), { a: 1 });
  assertEquals(json.headers.get("content-type"), "application/json");
});

test("fetch: other schemes are still refused with a TypeError", async () => {
  await assertRejects(() => fetch("file:///etc/passwd"), TypeError, "unsupported URL scheme");
  await assertRejects(() => fetch("blob:null/x"), TypeError);
});
