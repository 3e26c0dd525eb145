// HTMLRewriter cases from Workers' documentation, each over a body streamed
// in small pieces, so tags, attributes and text are split across chunks.
const encoder = new TextEncoder();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// `html` as a stream of `size`-byte chunks, pausing every 4 KiB so that
// the rewritten body goes out in pieces too.
function chunked(html, size = 7) {
  const bytes = encoder.encode(html);
  let offset = 0;
  return new ReadableStream({
    async pull(controller) {
      if (offset >= bytes.length) return controller.close();
      if (offset % 4096 < size) await sleep(2);
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

function page(body, head = "") {
  return `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
}

function htmlResponse(html, init = {}) {
  const headers = { "content-type": "text/html; charset=utf-8", ...init.headers };
  return new Response(chunked(html), { ...init, headers });
}

const repeat = (count, make) => Array.from({ length: count }, (_, i) => make(i)).join("");

// What an error is, for the JSON answers.
const described = (error) => ({ name: error?.name, message: String(error?.message ?? error) });

const routes = {
  // Rewrites links, adds an attribute to images, removes ads; 400 of each.
  "/links": () => {
    const body = repeat(
      400,
      (i) => `<a href="http://old.example/p/${i}" class="l">link ${i}</a><img src="/i/${i}.png"><div class="ad">ad ${i}</div>`,
    );
    const response = htmlResponse(page(body), {
      status: 203,
      headers: { "x-kept": "yes", "content-length": "999999" },
    });
    return new HTMLRewriter()
      .on("a[href]", {
        element(element) {
          const href = element.getAttribute("href");
          element.setAttribute("href", href.replace("http://old.example", "https://new.example"));
        },
      })
      .on("img", {
        element(element) {
          element.setAttribute("loading", "lazy");
        },
      })
      .on("div.ad", {
        element(element) {
          element.remove();
        },
      })
      .transform(response);
  },

  // Text handlers: every chunk upper-cased, the end of each text node marked.
  "/text": () => {
    const body = repeat(50, (i) => `<p class="t">hello world number ${i}, a long enough sentence</p><p>keep ${i}</p>`);
    return new HTMLRewriter()
      .on("p.t", {
        text(text) {
          if (text.text.length > 0) text.replace(text.text.toUpperCase());
          if (text.lastInTextNode) text.after("|END");
        },
      })
      .transform(htmlResponse(page(body)));
  },

  // A script before </body> (onEndTag), a footer at the document's end,
  // the doctype's name and an element renamed with its attributes listed.
  "/inject": () => {
    let doctype = "none";
    return new HTMLRewriter()
      .onDocument({
        doctype(d) {
          doctype = d.name;
        },
        end(end) {
          end.append(`<!-- doctype ${doctype} -->`, { html: true });
        },
      })
      .on("body", {
        element(element) {
          element.prepend("<b>escaped</b>");
          element.onEndTag((endTag) => {
            endTag.before(`<script>window.tag = "${endTag.name}"</script>`, { html: true });
          });
        },
      })
      .on("span", {
        element(element) {
          const names = [...element.attributes].map(([name, value]) => `${name}=${value}`).join(",");
          element.tagName = "em";
          element.setInnerContent(`${names} ${element.hasAttribute("id")} ${element.getAttribute("missing")}`);
          element.removeAttribute("data-x");
        },
      })
      .on("section", {
        element(element) {
          element.removeAndKeepContent();
        },
      })
      .transform(htmlResponse(page(`<span id="s" data-x="1">old</span><section><i>kept</i></section>`)));
  },

  // Comments: removed inside #c, rewritten elsewhere.
  "/comments": () =>
    new HTMLRewriter()
      .on("#c", {
        comments(comment) {
          comment.remove();
        },
      })
      .onDocument({
        comments(comment) {
          if (!comment.removed) comment.text = ` seen: ${comment.text.trim()} `;
        },
      })
      .transform(htmlResponse(page(`<div id="c"><!-- secret --></div><!-- public -->`))),

  // A handler that throws errors the rewritten body.
  "/throws": async () => {
    const body = repeat(200, (i) => `<p id="p${i}">${i}</p>`);
    const rewritten = new HTMLRewriter()
      .on("p#p150", {
        element() {
          throw new RangeError("handler failed on p150");
        },
      })
      .transform(htmlResponse(page(body)));
    try {
      await rewritten.text();
      return Response.json({ error: null });
    } catch (error) {
      return Response.json({ error: described(error) });
    }
  },

  // The same, sent to the client: the body stops.
  "/throws-streamed": () => {
    const body = repeat(2000, (i) => `<p id="p${i}">${i}</p>`);
    return new HTMLRewriter()
      .on("p#p1900", {
        element() {
          throw new Error("handler failed late");
        },
      })
      .transform(htmlResponse(page(body)));
  },

  // Asynchronous handlers: the rewriting waits for each, in document
  // order, and their tokens stay valid until they settle.
  "/async": () => {
    const order = [];
    const body = repeat(30, (i) => `<li data-i="${i}">item ${i}</li>`);
    return new HTMLRewriter()
      .on("li", {
        async element(element) {
          const i = element.getAttribute("data-i");
          await sleep(i % 3);
          order.push(i);
          element.setAttribute("data-order", String(order.length - 1));
          element.onEndTag(async (endTag) => {
            await sleep(1);
            endTag.after(`<!--${endTag.name} ${i}-->`, { html: true });
          });
        },
        async text(text) {
          await null;
          if (text.lastInTextNode) text.after("!");
        },
      })
      .onDocument({
        async end(end) {
          await sleep(1);
          end.append(`<p>order ${order.join(",")}</p>`, { html: true });
        },
      })
      .transform(htmlResponse(page(`<ul>${body}</ul>`)));
  },

  // A handler that never returns, stopped by the CPU limit.
  "/spin": async () => {
    const rewritten = new HTMLRewriter()
      .on("p", {
        element() {
          for (;;);
        },
      })
      .transform(htmlResponse(page("<p>x</p>")));
    return new Response(await rewritten.text());
  },

  // Errors a handler meets: a token used after its handler, an async
  // handler that rejects, a bad selector, a void element's end tag.
  "/errors": async () => {
    let kept;
    const stale = await new HTMLRewriter()
      .on("a", {
        element(element) {
          kept = element;
        },
      })
      .transform(htmlResponse(page(`<a href="/">x</a>`)))
      .text();
    const errors = { staleBodyLength: stale.length };
    try {
      kept.setAttribute("x", "y");
    } catch (error) {
      errors.stale = described(error);
    }
    try {
      await new HTMLRewriter()
        .on("a", {
          async element() {
            await sleep(1);
            throw new SyntaxError("async handler failed");
          },
        })
        .transform(htmlResponse(page(`<a href="/">x</a>`)))
        .text();
    } catch (error) {
      errors.asyncThrow = described(error);
    }
    try {
      new HTMLRewriter().on("a[", {});
    } catch (error) {
      errors.selector = described(error);
    }
    try {
      await new HTMLRewriter()
        .on("img", {
          element(element) {
            element.onEndTag(() => {});
          },
        })
        .transform(htmlResponse(page(`<img src="/x.png">`)))
        .text();
    } catch (error) {
      errors.voidEndTag = described(error);
    }
    return Response.json(errors);
  },
};

export default {
  async fetch(request) {
    const route = routes[new URL(request.url).pathname];
    return route ? route(request) : new Response("not found", { status: 404 });
  },
};
