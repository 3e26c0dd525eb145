// HTMLRewriter: the details of the content tokens handlers receive.

async function rewrite(html, build) {
  return build(new HTMLRewriter()).transform(new Response(html)).text();
}

test("handlers are called as methods of their object, class instances included", async () => {
  class Counter {
    count = 0;
    element() {
      this.count++;
    }
  }
  const counter = new Counter();
  await rewrite("<p>a</p><p>b</p><div></div>", (r) => r.on("p", counter));
  assertEquals(counter.count, 2);
});

test("an element's edits show in its own snapshot and the output", async () => {
  const seen = [];
  const out = await rewrite(`<a HREF="/x" data-old="1">t</a>`, (r) =>
    r.on("a", {
      element(e) {
        assertEquals(e.setAttribute("target", "_blank"), e);
        e.removeAttribute("data-old");
        seen.push(e.getAttribute("href"), e.getAttribute("TARGET"), e.hasAttribute("data-old"), e.removed);
        e.tagName = "b";
        seen.push(e.tagName, [...e.attributes].map(([n, v]) => `${n}=${v}`).join(" "));
        e.remove();
        seen.push(e.removed);
      },
    }),
  );
  assertEquals(seen, ["/x", "_blank", false, false, "b", "href=/x target=_blank", true]);
  assertEquals(out, "");
});

test("text is escaped unless html is asked for", async () => {
  const out = await rewrite("<p>x</p>", (r) =>
    r.on("p", {
      element(e) {
        e.before("<i>", { html: false });
        e.after("<hr>", { html: true });
        e.setInnerContent("a & b");
      },
    }),
  );
  assertEquals(out, "&lt;i&gt;<p>a &amp; b</p><hr>");
});

test("content tokens cannot be made by hand", () => {
  let Element;
  return rewrite("<p></p>", (r) =>
    r.on("p", {
      element(e) {
        Element = e.constructor;
      },
    }),
  ).then(() => {
    assertThrows(() => new Element(), TypeError);
    assertEquals(Object.prototype.toString.call(new HTMLRewriter()), "[object HTMLRewriter]");
  });
});

test("a response without a body still runs document end handlers", async () => {
  const out = await new HTMLRewriter()
    .onDocument({
      end(end) {
        end.append("<footer>", { html: true });
      },
    })
    .transform(new Response(null, { status: 200 }))
    .text();
  assertEquals(out, "<footer>");
});
